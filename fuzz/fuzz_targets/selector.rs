//! Label selectors: a `metav1.LabelSelector` (JSON) parsed as the API
//! machinery parses it, written back, and matched against a label set.
//! The input: `{"selector": {...}, "labels": {...}}`.
#![no_main]

use daemonset_sim::k8s::labels::Selector;
use daemonset_sim::k8s::model::{LabelSelector, StringMap};
use libfuzzer_sys::fuzz_target;

#[derive(serde::Deserialize)]
struct Case {
    selector: Option<LabelSelector>,
    #[serde(default)]
    labels: StringMap,
}

fuzz_target!(|data: &[u8]| {
    let Ok(case) = serde_json::from_slice::<Case>(data) else {
        return;
    };
    let Ok(sel) = Selector::from_label_selector(case.selector.as_ref()) else {
        return;
    };
    let _ = sel.to_string();
    let _ = (sel.is_empty(), sel.is_nothing());
    let _ = sel.matches(&case.labels);
    for r in sel.requirements() {
        let _ = r.matches(&case.labels);
    }
});
