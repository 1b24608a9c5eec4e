//! Errors across the boundary: a diagnostic becomes a thrown `Error`
//! carrying its fields, and a panic (a bug) becomes one with
//! `type: "Panic"` instead of a bare `RuntimeError: unreachable`.

use crate::diagnostic::Diagnostic;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Once;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// Writes `message` to `console.error`.
pub fn log(message: &str) {
    console_error(message);
}

static HOOK: Once = Once::new();
/// How many calls into the API are running (0 or 1: wasm32 has one thread).
static IN_CALL: AtomicU32 = AtomicU32::new(0);

/// Marks a call into the API; installs the panic hook on the first one.
pub struct Call;

impl Call {
    pub fn enter() -> Call {
        HOOK.call_once(install_panic_hook);
        IN_CALL.fetch_add(1, Ordering::SeqCst);
        Call
    }
}

impl Call {
    /// Runs the body of an API call: [`Call::enter`], then, in the
    /// first-grid module (built without the `libyaml` and `node-errors`
    /// features), an `Error` with `type: "NeedsFullModule"` instead of its
    /// result when it read YAML that only libyaml reads or a node the API
    /// server would refuse (`input::full_module`; the page's worker then
    /// asks the full module, which has both, the same).
    pub fn run<T>(body: impl FnOnce() -> Result<T, JsValue>) -> Result<T, JsValue> {
        let _call = Call::enter();
        #[cfg(not(all(feature = "libyaml", feature = "node-errors")))]
        crate::input::full_module::take_needed();
        let result = body();
        #[cfg(not(all(feature = "libyaml", feature = "node-errors")))]
        if crate::input::full_module::take_needed() {
            return Err(to_error(&Diagnostic::new(
                None,
                "NeedsFullModule",
                "the text has YAML this module (the page's first-grid one) does not read, or a node the API server would refuse, whose errors it does not word: ask the full module (pkg/daemonset_sim.js)",
            )));
        }
        result
    }
}

impl Drop for Call {
    fn drop(&mut self) {
        IN_CALL.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A panic (a bug) is written to `console.error`; inside an API call it is
/// then thrown as an `Error` with `type: "Panic"` instead of trapping with
/// a bare `RuntimeError: unreachable`. wasm32 cannot unwind: throwing
/// abandons the Rust stack without running destructors, so memory leaks,
/// the object whose method panicked stays borrowed (wasm-bindgen throws on
/// its next use), and a later panic traps without reaching this hook. Other
/// calls still give right answers, but the page should load the module
/// again. A panic outside an API call (a test's assertion) goes on to the
/// previous hook and the usual trap.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let detail = info.to_string();
        console_error(&format!("daemonset-sim: {detail}"));
        previous(info);
        if IN_CALL.load(Ordering::SeqCst) > 0 {
            wasm_bindgen::throw_val(panic_error(&detail));
        }
    }));
}

fn panic_error(detail: &str) -> JsValue {
    to_error(&Diagnostic::new(
        None,
        "Panic",
        format!(
            "internal error in daemonset-sim {}: {detail}",
            env!("CARGO_PKG_VERSION")
        ),
    ))
}

/// A diagnostic as a thrown `Error` with its fields as properties.
pub fn to_error(d: &Diagnostic) -> JsValue {
    let err = js_sys::Error::new(&d.located_message());
    let opt_str = |s: &Option<String>| s.as_deref().map_or(JsValue::NULL, JsValue::from_str);
    let opt_num = |n: Option<u32>| n.map_or(JsValue::NULL, |n| JsValue::from_f64(n.into()));
    let props: [(&str, JsValue); 8] = [
        ("field", opt_str(&d.field)),
        ("type", JsValue::from_str(&d.kind)),
        ("detail", JsValue::from_str(&d.detail)),
        ("line", opt_num(d.line)),
        ("column", opt_num(d.column)),
        ("source", opt_str(&d.source)),
        ("hint", opt_str(&d.hint)),
        ("text", JsValue::from_str(&d.message())),
    ];
    for (k, v) in props {
        // Reflect.set on a fresh Error object cannot fail
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str(k), &v);
    }
    // the tool's own words, for the reader's language (as in a report's
    // diagnostics: absent for Kubernetes' own messages)
    for (k, w) in [("words", &d.words), ("hintWords", &d.hint_words)] {
        let value = w
            .as_ref()
            .and_then(|w| serde_json::to_string(w).ok())
            .and_then(|json| js_sys::JSON::parse(&json).ok());
        if let Some(v) = value {
            let _ = js_sys::Reflect::set(&err, &JsValue::from_str(k), &v);
        }
    }
    err.into()
}

/// An `Invalid input` error (an argument of the wrong shape).
pub fn invalid_input(detail: impl Into<String>) -> JsValue {
    to_error(&Diagnostic::new(None, "Invalid input", detail))
}
