//! The WebAssembly face of the engine, and the only module that touches
//! `JsValue`. Every export is the same three steps: arguments checked and
//! converted, one call into the session ([`crate::session`]), the result
//! serialized (or the error thrown). No decision is made here.
//!
//! - Results cross as plain JavaScript objects: serde_json text read with
//!   `JSON.parse` (exactly the `daemonset-sim ... --format json` text). On
//!   a 5,000-node report that measured about 1.5 times faster than building
//!   the objects with serde-wasm-bindgen (`Serializer::json_compatible()`),
//!   and unlike it never fails on an integer beyond 2^53.
//! - The TypeScript declarations are generated from the Rust types
//!   (`src/wasm/types.d.ts`, see `src/wasm/typescript.rs`).
//! - What cannot be answered throws a real `Error` whose `message` is the
//!   located message and which carries the diagnostic's `field`, `type`,
//!   `detail`, `line`, `column` and `source` (TypeScript:
//!   `DiagnosticError`); problems of the input that still leave an answer
//!   are values in it (`report.errors`, the `setCluster` summary).
//! - A panic (a bug: the engine is meant to be panic-free) is written to
//!   `console.error` and thrown as an `Error` with `type: "Panic"`; wasm32
//!   cannot unwind, so the page should load the module again after one
//!   (README.md, "After a panic").

mod error;

use crate::cluster::Options as ClusterOptions;
use crate::diagnostic::Diagnostic;
use crate::input::Source;
use crate::rollout::ChangeError;
use crate::session::{self, Refusal, RolloutOptions, Session};
use error::{invalid_input, to_error, Call};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = include_str!("types.d.ts");

/// The source name of the options objects, in diagnostics.
const OPTIONS_SOURCE: &str = "options";

/// A value as a plain JavaScript object: serde_json text read by
/// `JSON.parse` (see the module comment for why not serde-wasm-bindgen).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| {
        to_error(&Diagnostic::new(
            None,
            "Internal error",
            format!("cannot serialize the result: {e}"),
        ))
    })?;
    js_sys::JSON::parse(&text)
}

/// The text argument, or an `Error` when JavaScript passed something else.
fn text_arg(value: &JsValue, what: &str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| {
        let got = if value.is_null() {
            "null".to_string()
        } else {
            value.js_typeof().as_string().unwrap_or_default()
        };
        invalid_input(format!(
            "{what} must be a string (YAML or JSON text), not {got}"
        ))
    })
}

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

/// A template change that does not apply, as a diagnostic.
fn change_error(e: &ChangeError) -> Diagnostic {
    let mut d = match e {
        ChangeError::NoSuchContainer { .. } => {
            Diagnostic::new(Some("change.container".into()), "Not found", e.to_string())
        }
        ChangeError::NoContainers => Diagnostic::new(
            Some("spec.template.spec.containers".into()),
            "Required value",
            e.to_string(),
        ),
    };
    d.source = Some(OPTIONS_SOURCE.to_string());
    d
}

/// A refusal as the `Error` to throw: the first diagnostic's, with every
/// diagnostic in its `diagnostics` property and `refused: true` when the
/// API server would refuse the workload (a CLI's exit status 1).
fn refusal_error(e: &Refusal) -> JsValue {
    let diagnostics = match e {
        Refusal::Change(c) => vec![change_error(c)],
        other => other.diagnostics(),
    };
    let err = diagnostics
        .first()
        .map_or_else(|| invalid_input("the input cannot be used"), to_error);
    let all = serde_json::to_string(&diagnostics)
        .ok()
        .and_then(|t| js_sys::JSON::parse(&t).ok())
        .unwrap_or(JsValue::NULL);
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("diagnostics"), &all);
    let refused = JsValue::from_bool(matches!(e, Refusal::Refused(_)));
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("refused"), &refused);
    err
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

/// Checks a DaemonSet against a cluster in one text (YAML or JSON, several
/// documents; the shorthand `nodes:` list is accepted): the same report
/// as `daemonset-sim check --format json`. Throws an `Error` (see
/// `DiagnosticError`) when the text holds no DaemonSet or cannot be read.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn check(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let _call = Call::enter();
    let text = text_arg(&input, "check(input): input")?;
    let report = session::check(&[Source::new(None, &text)]).map_err(|e| refusal_error(&e))?;
    to_js(&report)
}

/// The crate version (`version` in Cargo.toml).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Keeps a cluster parsed in wasm memory and evaluates DaemonSets against
/// it: `setCluster` once per edit of the cluster, `evaluate` once per edit
/// of the DaemonSet. Call `free()` when done (or use `using`): the kept
/// nodes live in wasm memory, which the JavaScript garbage collector does
/// not see; memory freed there is reused by the module but never returned
/// to the browser.
#[wasm_bindgen]
pub struct Simulator {
    session: Session,
    /// The DaemonSet text of the last `evaluateGrid`, for `nodeReport`.
    grid_text: Option<String>,
}

impl Default for Simulator {
    fn default() -> Self {
        Simulator::new()
    }
}

#[wasm_bindgen]
impl Simulator {
    /// An empty cluster (no nodes).
    #[wasm_bindgen(constructor)]
    pub fn new() -> Simulator {
        let _call = Call::enter();
        Simulator {
            session: Session::new(),
            grid_text: None,
        }
    }

    /// Parses the cluster's nodes and pods (YAML or JSON: `kubectl get
    /// nodes -o json`, a `List`, single objects, the shorthand `nodes:`
    /// list) and keeps them until the next call. Never throws for bad
    /// input: the problems are in the summary (positions refer to `text`,
    /// `source: "nodes"`); what could be read is kept.
    #[wasm_bindgen(js_name = setCluster, unchecked_return_type = "ClusterSummary")]
    pub fn set_cluster(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsValue, JsValue> {
        let _call = Call::enter();
        let summary = match text.as_string() {
            Some(text) => self.session.set_cluster(&text),
            None => {
                // never throws for bad input: an empty cluster and an error
                self.session.clear_cluster();
                session::ClusterSummary {
                    errors: vec![Diagnostic::new(
                        None,
                        "Invalid input",
                        "setCluster(text): text must be a string (YAML or JSON text)",
                    )],
                    ..Default::default()
                }
            }
        };
        to_js(&summary)
    }

    /// Evaluates the DaemonSet in `daemonSetText` against the kept cluster.
    /// Validation errors are in `report.errors` (positions refer to
    /// `daemonSetText`, `source: "daemonset"`); the cluster's own problems
    /// were returned by `setCluster`. Throws an `Error` (see
    /// `DiagnosticError`) when the text holds no DaemonSet or cannot be read.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn evaluate(
        &mut self,
        #[wasm_bindgen(js_name = daemonSetText, unchecked_param_type = "string")]
        daemon_set_text: JsValue,
    ) -> Result<JsValue, JsValue> {
        let _call = Call::enter();
        let text = text_arg(&daemon_set_text, "evaluate(daemonSetText): daemonSetText")?;
        let report = self.session.check(&text).map_err(|e| refusal_error(&e))?;
        to_js(&report)
    }

    /// What `evaluate` says, with each node's state and reason only, in a
    /// time that grows with the number of distinct nodes (node pools), not
    /// with the number of nodes: the call for every keystroke. `states`
    /// (a `Uint8Array`) and `reasons` (a `Uint32Array`) have one entry per
    /// kept node in `setCluster` order, indexes in `stateNames` and
    /// `reasonTexts`; the rest is `evaluate`'s report without `nodes`
    /// (empty). `nodeReport(name)` then gives one node's full verdict.
    /// Throws as `evaluate` does.
    #[wasm_bindgen(js_name = evaluateGrid, unchecked_return_type = "GridResult")]
    pub fn evaluate_grid(
        &mut self,
        #[wasm_bindgen(js_name = daemonSetText, unchecked_param_type = "string")]
        daemon_set_text: JsValue,
    ) -> Result<JsValue, JsValue> {
        let _call = Call::enter();
        let text = text_arg(
            &daemon_set_text,
            "evaluateGrid(daemonSetText): daemonSetText",
        )?;
        let grid = self
            .session
            .evaluate_grid(&text)
            .map_err(|e| refusal_error(&e))?;
        self.grid_text = Some(text);
        let out = to_js(&grid)?;
        let states = js_sys::Uint8Array::from(grid.states.as_slice());
        let reasons = js_sys::Uint32Array::from(grid.reasons.as_slice());
        let _ = js_sys::Reflect::set(&out, &JsValue::from_str("states"), &states);
        let _ = js_sys::Reflect::set(&out, &JsValue::from_str("reasons"), &reasons);
        Ok(out)
    }

    /// The full verdict of the kept node `name` (a `NodeReport`, as in
    /// `evaluate`'s `nodes`) for the DaemonSet of the last `evaluateGrid`;
    /// `null` when no kept node has that name. Throws when `evaluateGrid`
    /// has not been called (or threw).
    #[wasm_bindgen(js_name = nodeReport, unchecked_return_type = "NodeReport | null")]
    pub fn node_report(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
    ) -> Result<JsValue, JsValue> {
        let _call = Call::enter();
        let name = text_arg(&name, "nodeReport(name): name")?;
        let Some(text) = &self.grid_text else {
            return Err(invalid_input(
                "nodeReport(name): call evaluateGrid(daemonSetText) first",
            ));
        };
        let report = self
            .session
            .node_report(text, &name)
            .map_err(|e| refusal_error(&e))?;
        to_js(&report)
    }

    /// Completion at `offset` (UTF-16 code units) of a DaemonSet text: the
    /// fields of the Kubernetes type at the caret's path (present keys left
    /// out), an enum-like field's constants, and the kept cluster's node
    /// label keys and values and taint keys where the field selects nodes or
    /// tolerates taints. `from`/`to` (UTF-16) is the word the chosen label
    /// replaces. `null` where nothing fits (a comment, a quoted or flow
    /// value, a path the schema does not have). Never throws on any text.
    #[wasm_bindgen(unchecked_return_type = "Completions | null")]
    pub fn complete(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        offset: u32,
    ) -> Result<JsValue, JsValue> {
        let _call = Call::enter();
        let text = text_arg(&text, "complete(text, offset): text")?;
        // the byte offset of the UTF-16 offset (a caret never splits a character; clamp if it would)
        let mut units = 0usize;
        let mut byte = text.len();
        for (i, c) in text.char_indices() {
            if units >= offset as usize {
                byte = i;
                break;
            }
            units += c.len_utf16();
        }
        let Some(mut c) = self.session.complete(&text, byte) else {
            return Ok(JsValue::NULL);
        };
        let utf16 = |s: &str| s.encode_utf16().count();
        let from = utf16(&text[..c.from]);
        c.to = from + utf16(&text[c.from..c.to]);
        c.from = from;
        to_js(&c)
    }

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
    let (text, located) = match request.as_string() {
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
