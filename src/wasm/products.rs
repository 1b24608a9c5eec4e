//! The exports the page's first grid does not need: `check` (the
//! one-text report), Apply, the rollout, the Deployment comparison and
//! the cluster view (the `products` feature, on by default). Without them
//! the module is the small one the page loads for its first grid
//! (`setCluster`, `nodeList`, `evaluateGrid`, `nodeReport`, `evaluate`
//! for the `<daemonset-sim>` element's `evaluated` event, and `complete`
//! for typing in an editor; scripts/build-wasm.sh builds both; README
//! "Performance" has their sizes); the page's worker moves to the full
//! module when one of these is first called.

use super::error::{invalid_input, to_error, Call};
use super::{refusal_error, text_arg, to_js, Simulator, OPTIONS_SOURCE};
use crate::cluster::Options as ClusterOptions;
use crate::diagnostic::Diagnostic;
use crate::input::Source;
use crate::session::{self, Refusal, RolloutOptions};
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

/// serde_json's message without its ` at line 1 column 40` (a position
/// in text the caller never wrote).
fn serde_detail(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// An options object (`undefined` / `null`: the defaults), read through
/// JSON.stringify into the session's serde type.
fn object_arg<T: DeserializeOwned + Default>(value: &JsValue, what: &str) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(invalid_input(format!(
            "{what} must be an object, not {}",
            value.js_typeof().as_string().unwrap_or_default()
        )));
    }
    let text = js_sys::JSON::stringify(value)
        .map(String::from)
        .map_err(|_| invalid_input(format!("{what} cannot be read as JSON")))?;
    serde_json::from_str(&text).map_err(|e| {
        let mut d = Diagnostic::new(
            None,
            "Invalid input",
            format!("{what}: {}", serde_detail(&e)),
        );
        d.source = Some(OPTIONS_SOURCE.to_string());
        to_error(&d)
    })
}

/// `replicas` as the session takes it.
fn replicas_arg(replicas: Option<f64>, what: &str) -> Result<Option<i32>, JsValue> {
    match replicas {
        None => Ok(None),
        Some(r) if r.fract() == 0.0 && (0.0..=f64::from(i32::MAX)).contains(&r) => {
            Ok(Some(r as i32))
        }
        Some(r) => Err(invalid_input(format!(
            "{what}: replicas must be a whole number from 0 to {}, not {r}",
            i32::MAX
        ))),
    }
}

/// Checks a DaemonSet against a cluster in one text (YAML or JSON, several
/// documents; the shorthand `nodes:` list is accepted): the same report
/// as `daemonset-sim check --format json`. Throws an `Error` (see
/// `DiagnosticError`) when the text holds no DaemonSet or cannot be read.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn check(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<JsValue, JsValue> {
    Call::run(|| {
        let text = text_arg(&input, "check(input): input")?;
        let report = session::check(&[Source::new(None, &text)]).map_err(|e| refusal_error(&e))?;
        to_js(&report)
    })
}

#[wasm_bindgen]
impl Simulator {
    /// Applies fix number `fix` of node `node` (its place in
    /// `NodeReport.fixes` for the DaemonSet in `daemonSetText`) to
    /// `daemonSetText` or to `nodesText` (the text given to `setCluster`):
    /// the replaced range `[start, end)` of that text, in UTF-16 code units
    /// as JavaScript counts them, and its replacement; the rest of the
    /// text, comments and layout included, stays as written. Throws an
    /// `Error` (`type: "No edit"`) when the fix has no edit (it is about
    /// other pods, or the taint comes from a node condition) or the text
    /// cannot take it, `type: "Invalid input"` for no such node or fix
    /// (both with `words`, to word them in the reader's language), and as
    /// `evaluate` does for a DaemonSet text without a usable DaemonSet.
    #[wasm_bindgen(js_name = applyFix, unchecked_return_type = "AppliedFix")]
    pub fn apply_fix(
        &self,
        #[wasm_bindgen(js_name = daemonSetText, unchecked_param_type = "string")]
        daemon_set_text: JsValue,
        #[wasm_bindgen(js_name = nodesText, unchecked_param_type = "string")] nodes_text: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] node: JsValue,
        fix: u32,
    ) -> Result<JsValue, JsValue> {
        let _call = Call::enter();
        let ds = text_arg(&daemon_set_text, "applyFix(daemonSetText, ...)")?;
        let nodes = text_arg(&nodes_text, "applyFix(daemonSetText, nodesText, ...)")?;
        let node = text_arg(&node, "applyFix(daemonSetText, nodesText, node, fix): node")?;
        let applied = self.session.apply_fix(&ds, &nodes, &node, fix as usize);
        applied_fix(applied, &ds, &nodes)
    }

    /// Applies fix number `fix` of a cell of `cluster`'s view, DaemonSet
    /// `daemonSet` (index into the view's `daemonSets`) on node `node`
    /// (its place in `clusterCell`'s `fixes`), as `applyFix` does: to the
    /// text that DaemonSet is written in (`daemonSetText`, or `nodesText`
    /// for a DaemonSet of the cluster text) or, for a change of the node,
    /// to `nodesText`; the replaced range in UTF-16 code units and its
    /// replacement. Throws as `applyFix` does, and an `Error` (`type:
    /// "Invalid input"`) for no such DaemonSet, node or fix.
    #[wasm_bindgen(js_name = applyClusterFix, unchecked_return_type = "AppliedFix")]
    pub fn apply_cluster_fix(
        &self,
        #[wasm_bindgen(js_name = daemonSetText, unchecked_param_type = "string")]
        daemon_set_text: JsValue,
        #[wasm_bindgen(js_name = nodesText, unchecked_param_type = "string")] nodes_text: JsValue,
        #[wasm_bindgen(js_name = daemonSet)] daemon_set: u32,
        #[wasm_bindgen(unchecked_param_type = "string")] node: JsValue,
        fix: u32,
    ) -> Result<JsValue, JsValue> {
        let _call = Call::enter();
        let what = "applyClusterFix(daemonSetText, nodesText, daemonSet, node, fix)";
        let ds = text_arg(&daemon_set_text, &format!("{what}: daemonSetText"))?;
        let nodes = text_arg(&nodes_text, &format!("{what}: nodesText"))?;
        let node = text_arg(&node, &format!("{what}: node"))?;
        let applied =
            self.session
                .apply_cluster_fix(&ds, &nodes, daemon_set as usize, &node, fix as usize);
        applied_fix(applied, &ds, &nodes)
    }

    /// Simulates the rollout of a template change of the DaemonSet in
    /// `daemonSetText` across the kept cluster's nodes (with its other
    /// pods), second by second: `daemonset-sim rollout --format json`.
    /// `options.newDaemonSet` (YAML or JSON text) or `options.change` gives
    /// the change (both: `newDaemonSet`; neither: a `kubectl rollout
    /// restart`); `options.model` the node model; `options.tickLimit` the
    /// seconds simulated at most. The Simulator keeps the result for
    /// `snapshot(t)`. Throws an `Error` (see `DiagnosticError`) when a text
    /// cannot be read or holds no DaemonSet, when a DaemonSet fails API
    /// validation (the API server would refuse it: no rollout), when the
    /// change does not apply (`field: "change.container"`), or when
    /// `options` is not of the declared shape.
    #[wasm_bindgen(unchecked_return_type = "Timeline")]
    pub fn rollout(
        &mut self,
        #[wasm_bindgen(js_name = daemonSetText, unchecked_param_type = "string")]
        daemon_set_text: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RolloutOptions")] options: Option<
            js_sys::Object,
        >,
    ) -> Result<JsValue, JsValue> {
        let _call = Call::enter();
        let text = text_arg(
            &daemon_set_text,
            "rollout(daemonSetText, options): daemonSetText",
        )?;
        let options = options.map_or(JsValue::UNDEFINED, JsValue::from);
        let opts: RolloutOptions =
            object_arg(&options, "rollout(daemonSetText, options): options")?;
        let timeline = self
            .session
            .rollout(&text, opts)
            .map_err(|e| refusal_error(&e))?;
        to_js(timeline)
    }

    /// Every node's pods (old / new; pending, running, terminating; Ready,
    /// available), the status and the `kubectl rollout status` line at
    /// second `t` of the last `rollout` (a fraction is rounded down).
    /// Throws an `Error` before the first `rollout`, or when `t` is not a
    /// number from 0 up.
    #[wasm_bindgen(unchecked_return_type = "Snapshot")]
    pub fn snapshot(&self, t: f64) -> Result<JsValue, JsValue> {
        let _call = Call::enter();
        if !(t >= 0.0 && t.is_finite()) {
            return Err(invalid_input(format!(
                "snapshot(t): t must be a number of seconds from 0, not {t}"
            )));
        }
        // `as` saturates: a huge t is the end of the rollout
        let snap = self
            .session
            .snapshot(t.floor() as u32)
            .ok_or_else(|| invalid_input("snapshot(t): no rollout yet: call rollout() first"))?;
        to_js(&snap)
    }

    /// What the DaemonSet controller does when the kept cluster's nodes
    /// change to those in `nodesAfterText` (matched by name: a label
    /// removed, a taint added, a node added or removed): which daemon pods
    /// are created, kept or deleted (`daemonset-sim rollout --nodes-after`).
    /// Throws an `Error` when a text cannot be read or `daemonSetText`
    /// holds no valid DaemonSet.
    #[wasm_bindgen(js_name = nodeChange, unchecked_return_type = "NodeChangeReport")]
    pub fn node_change(
        &self,
        #[wasm_bindgen(js_name = daemonSetText, unchecked_param_type = "string")]
        daemon_set_text: JsValue,
        #[wasm_bindgen(js_name = nodesAfterText, unchecked_param_type = "string")]
        nodes_after_text: JsValue,
    ) -> Result<JsValue, JsValue> {
        let _call = Call::enter();
        let what = "nodeChange(daemonSetText, nodesAfterText)";
        let text = text_arg(&daemon_set_text, &format!("{what}: daemonSetText"))?;
        let after = text_arg(&nodes_after_text, &format!("{what}: nodesAfterText"))?;
        let report = self
            .session
            .node_change(&text, &after)
            .map_err(|e| refusal_error(&e))?;
        to_js(&report)
    }

    /// Where the default scheduler would put the replicas of a Deployment
    /// with the DaemonSet's pod template on the kept cluster, next to the
    /// DaemonSet's pods, with the differences that follow (`daemonset-sim
    /// compare --format json`). A Deployment in `daemonSetText` is the one
    /// compared (else one is derived); `replicas` overrides its count
    /// (default: desiredNumberScheduled for a derived one). Throws an
    /// `Error` when the text cannot be read or holds no DaemonSet, or when
    /// `replicas` is not a whole number from 0 to 2147483647.
    #[wasm_bindgen(unchecked_return_type = "Comparison")]
    pub fn compare(
        &self,
        #[wasm_bindgen(js_name = daemonSetText, unchecked_param_type = "string")]
        daemon_set_text: JsValue,
        replicas: Option<f64>,
    ) -> Result<JsValue, JsValue> {
        let _call = Call::enter();
        let what = "compare(daemonSetText, replicas)";
        let text = text_arg(&daemon_set_text, &format!("{what}: daemonSetText"))?;
        let replicas = replicas_arg(replicas, what)?;
        let comparison = self
            .session
            .compare(&text, replicas)
            .map_err(|e| refusal_error(&e))?;
        to_js(&comparison)
    }
}

impl Simulator {
    /// `cluster`'s options, read from a JS value.
    fn cluster_options(
        options: Option<js_sys::Object>,
        what: &str,
    ) -> Result<ClusterOptions, JsValue> {
        let options = options.map_or(JsValue::UNDEFINED, JsValue::from);
        object_arg(&options, &format!("{what}: options"))
    }
}

#[wasm_bindgen]
impl Simulator {
    /// Every DaemonSet of `daemonSetText` and of the kept cluster text
    /// against the kept cluster (`daemonset-sim cluster --format json`):
    /// the node × DaemonSet matrix, the tax per node pool, the order.
    /// Throws an `Error` when neither text holds a DaemonSet, or when
    /// `options` is not of the declared shape.
    #[wasm_bindgen(unchecked_return_type = "ClusterView")]
    pub fn cluster(
        &self,
        #[wasm_bindgen(js_name = daemonSetText, unchecked_param_type = "string")]
        daemon_set_text: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ClusterOptions")] options: Option<
            js_sys::Object,
        >,
    ) -> Result<JsValue, JsValue> {
        let _call = Call::enter();
        let what = "cluster(daemonSetText, options)";
        let text = text_arg(&daemon_set_text, &format!("{what}: daemonSetText"))?;
        let opts = Simulator::cluster_options(options, what)?;
        let view = self
            .session
            .cluster_view(&text, &opts)
            .map_err(|e| refusal_error(&e))?;
        to_js(&view)
    }

    /// One cell of `cluster`'s view explained: DaemonSet `daemonSet`
    /// (index into the view's `daemonSets`) on node `node`, the same
    /// `NodeReport` as `evaluate` gives, with the daemon pods placed
    /// before it on the node; `null` for no such cell.
    #[wasm_bindgen(js_name = clusterCell, unchecked_return_type = "NodeReport | null")]
    pub fn cluster_cell(
        &self,
        #[wasm_bindgen(js_name = daemonSetText, unchecked_param_type = "string")]
        daemon_set_text: JsValue,
        #[wasm_bindgen(js_name = daemonSet)] daemon_set: u32,
        node: String,
    ) -> Result<JsValue, JsValue> {
        let _call = Call::enter();
        let text = text_arg(
            &daemon_set_text,
            "clusterCell(daemonSetText, daemonSet, node): daemonSetText",
        )?;
        match self.session.cluster_cell(&text, daemon_set as usize, &node) {
            Some(r) => to_js(&r),
            None => Ok(JsValue::NULL),
        }
    }
}

/// Every DaemonSet of one text against the cluster in it (YAML or JSON,
/// several documents, a `kubectl get ds,nodes,pods -A -o yaml` dump, the
/// shorthand node list): the same `ClusterView` as `daemonset-sim cluster
/// --format json`. Throws an `Error` when the text holds no DaemonSet or
/// cannot be read, or when `options` is not of the declared shape.
#[wasm_bindgen(js_name = cluster, unchecked_return_type = "ClusterView")]
pub fn cluster_text(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ClusterOptions")] options: Option<
        js_sys::Object,
    >,
) -> Result<JsValue, JsValue> {
    let _call = Call::enter();
    let what = "cluster(input, options)";
    let text = text_arg(&input, &format!("{what}: input"))?;
    let opts = Simulator::cluster_options(options, what)?;
    let view = session::cluster_inputs(&[Source::new(None, &text)], &opts)
        .map_err(|e| refusal_error(&e))?;
    to_js(&view)
}

/// Simulates a rollout from one request (TypeScript: `RolloutRequest`,
/// as JSON or YAML text or as an object; the objects in their Kubernetes
/// JSON form, nodes as `kubectl get nodes -o json` items): the same
/// `Timeline` as `Simulator.rollout`. Its objects are read as `kubectl
/// apply` reads them. Throws an `Error` when the request cannot be read
/// (an unknown field, a wrong type, an unserved API version, a member the
/// request does not have: the field path, and the line and column of a
/// text), when the API server would refuse a DaemonSet of it
/// (`refused: true`), or when the change does not apply.
#[wasm_bindgen(js_name = rollout, unchecked_return_type = "Timeline")]
pub fn rollout_request(
    #[wasm_bindgen(unchecked_param_type = "string | RolloutRequest")] request: JsValue,
) -> Result<JsValue, JsValue> {
    let _call = Call::enter();
    let what = "rollout(request)";
    let (text, located) = match super::text::string_of(&request) {
        Some(t) => (t, true),
        None if request.is_object() && !js_sys::Array::is_array(&request) => (
            js_sys::JSON::stringify(&request)
                .map(String::from)
                .map_err(|_| invalid_input(format!("{what}: request cannot be read as JSON")))?,
            false,
        ),
        None => return Err(text_arg(&request, &format!("{what}: request")).unwrap_err()),
    };
    let timeline = session::rollout_request_text(&text, None).map_err(|e| {
        let mut e = e;
        if !located {
            // positions in the JSON.stringify of an object mean nothing to
            // the caller: the field paths say where
            if let Refusal::Input(d) | Refusal::Refused(d) = &mut e {
                for d in d.iter_mut() {
                    d.line = None;
                    d.column = None;
                }
            }
        }
        refusal_error(&e)
    })?;
    to_js(&timeline)
}

/// Compares a DaemonSet with a Deployment of the same template on the
/// cluster in the same text (YAML or JSON, several documents, the
/// shorthand node list): the `Comparison` of `daemonset-sim compare
/// --format json`, or, for a text with a Deployment and no DaemonSet, the
/// Deployment's `Placement`. `replicas` overrides the replica count.
/// Throws an `Error` when the text cannot be read or holds neither
/// workload, or when `replicas` is not a whole number from 0 to 2147483647.
#[wasm_bindgen(js_name = compare, unchecked_return_type = "CompareResult")]
pub fn compare_text(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
    replicas: Option<f64>,
) -> Result<JsValue, JsValue> {
    let _call = Call::enter();
    let what = "compare(input, replicas)";
    let text = text_arg(&input, &format!("{what}: input"))?;
    let replicas = replicas_arg(replicas, what)?;
    match session::compare_inputs(&[Source::new(None, &text)], replicas) {
        Ok((result, _warnings)) => to_js(&result),
        Err(e) => Err(refusal_error(&e)),
    }
}

/// An applied fix with its range in UTF-16 code units (JavaScript's
/// string offsets), or the `Error` to throw: the refusal's, or the
/// reason's with its words for the reader's language.
fn applied_fix(
    applied: Result<session::AppliedFix, session::ApplyError>,
    ds: &str,
    nodes: &str,
) -> Result<JsValue, JsValue> {
    let mut applied = match applied {
        Ok(a) => a,
        Err(session::ApplyError::Refused(r)) => return Err(refusal_error(&r)),
        Err(e) => {
            return Err(e
                .diagnostics()
                .first()
                .map_or_else(|| invalid_input(e.to_string()), to_error))
        }
    };
    let text = match applied.text {
        session::AppliedText::DaemonSet => ds,
        session::AppliedText::Nodes => nodes,
    };
    let utf16 = |s: &str| s.encode_utf16().count();
    let start = utf16(&text[..applied.start]);
    applied.end = start + utf16(&text[applied.start..applied.end]);
    applied.start = start;
    to_js(&applied)
}
