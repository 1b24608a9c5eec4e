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
mod heap;
#[cfg(feature = "products")]
mod products;
mod text;
#[cfg(feature = "products")]
pub use products::{check, cluster_text, compare_text, rollout_request};

use crate::diagnostic::Diagnostic;
use crate::rollout::ChangeError;
use crate::session::{self, Refusal, Session};
use error::{invalid_input, to_error, Call};
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
    text::string_of(value).ok_or_else(|| {
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

/// `onProgress` as the session's progress callback: called with
/// `(done, total)` as numbers until it throws; then its error goes to
/// `console.error` and it is not called again (the reading goes on).
fn progress_reporter(f: js_sys::Function) -> impl FnMut(usize, usize) {
    let mut live = true;
    move |done, total| {
        if !live {
            return;
        }
        let args = (
            JsValue::from_f64(done as f64),
            JsValue::from_f64(total as f64),
        );
        if let Err(e) = f.call2(&JsValue::UNDEFINED, &args.0, &args.1) {
            live = false;
            error::log(&format!(
                "daemonset-sim: setCluster: onProgress threw; it is not called again: {e:?}"
            ));
        }
    }
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
    ///
    /// `onProgress(done, total)`, when given, is called while the text is
    /// read, at most about once per percent: `total` is the text's length
    /// in UTF-8 bytes (at least 1) and the same in every call, `done`
    /// rises and the last call has `done === total`; `done / total` is the
    /// share of the work done (reading the text, decoding its objects,
    /// checking them). It is called synchronously, inside this call. If it
    /// throws, the error is written to `console.error`, it is not called
    /// again, and `setCluster` goes on to the same summary as without it.
    /// Throws (`type: "Invalid input"`) only when `onProgress` is given
    /// and is not a function, before anything is read.
    #[wasm_bindgen(js_name = setCluster, unchecked_return_type = "ClusterSummary")]
    pub fn set_cluster(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(
            js_name = onProgress,
            unchecked_optional_param_type = "((done: number, total: number) => void) | null"
        )]
        on_progress: Option<js_sys::Function>,
    ) -> Result<JsValue, JsValue> {
        Call::run(|| {
            if on_progress.as_ref().is_some_and(|f| !f.is_function()) {
                return Err(invalid_input(
                    "setCluster(text, onProgress): onProgress must be a function",
                ));
            }
            let summary = match text::string_of(&text) {
                Some(text) => match on_progress {
                    Some(f) => {
                        let mut report = progress_reporter(f);
                        self.session.set_cluster_with_progress(&text, &mut report)
                    }
                    None => self.session.set_cluster(&text),
                },
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
        })
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
        Call::run(|| {
            let text = text_arg(&daemon_set_text, "evaluate(daemonSetText): daemonSetText")?;
            let report = self.session.check(&text).map_err(|e| refusal_error(&e))?;
            to_js(&report)
        })
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
        Call::run(|| {
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
        })
    }

    /// The full verdict of the kept node `name` (a `NodeReport`, as in
    /// `evaluate`'s `nodes`) for the DaemonSet in `daemonSetText`, or when
    /// it is not given for the DaemonSet of the last `evaluateGrid`; `null`
    /// when no kept node has that name. Throws as `evaluate` does, and
    /// without `daemonSetText` when `evaluateGrid` has not been called (or
    /// threw).
    #[wasm_bindgen(js_name = nodeReport, unchecked_return_type = "NodeReport | null")]
    pub fn node_report(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
        #[wasm_bindgen(
            js_name = daemonSetText,
            unchecked_optional_param_type = "string | null"
        )]
        daemon_set_text: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        Call::run(|| {
            let name = text_arg(&name, "nodeReport(name, daemonSetText): name")?;
            let given = daemon_set_text
                .filter(|t| !t.is_null() && !t.is_undefined())
                .map(|t| text_arg(&t, "nodeReport(name, daemonSetText): daemonSetText"))
                .transpose()?;
            let Some(text) = given.as_ref().or(self.grid_text.as_ref()) else {
                return Err(invalid_input(
                    "nodeReport(name): call evaluateGrid(daemonSetText) first, or give daemonSetText",
                ));
            };
            let report = self
                .session
                .node_report(text, &name)
                .map_err(|e| refusal_error(&e))?;
            to_js(&report)
        })
    }

    /// The kept nodes in `setCluster` order (the order of `evaluateGrid`'s
    /// `states` and `reasons`), each with its name and labels: what a grid
    /// of `evaluateGrid` shows and searches, asked once per `setCluster`.
    #[wasm_bindgen(js_name = nodeList, unchecked_return_type = "NodeEntry[]")]
    pub fn node_list(&self) -> Result<JsValue, JsValue> {
        Call::run(|| to_js(&self.session.node_list()))
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
        Call::run(|| {
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
        })
    }
}
