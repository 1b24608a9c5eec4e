//! Replays selector.jsonl: every label selector's parse result, its
//! `String()`, `Empty()` and each label set's match, against Kubernetes.

use daemonset_sim::k8s::labels::Selector;
use daemonset_sim::k8s::model::{LabelSelector, StringMap};
use serde_json::Value;

fn check(case: &Value) -> Result<(), String> {
    let id = case["id"].as_str().unwrap_or("?");
    let selector: Option<LabelSelector> = serde_json::from_value(case["selector"].clone())
        .map_err(|e| format!("{id}: bad selector: {e}"))?;
    let parsed = Selector::from_label_selector(selector.as_ref());
    if case["ok"].as_bool() != Some(true) {
        let want = case["error"].as_str().unwrap_or("");
        return match parsed {
            Ok(s) => Err(format!("{id}: expected error {want:?}, got selector {s}")),
            Err(got) if got.0 == want => Ok(()),
            Err(got) => Err(format!("{id}: error\n  got  {got}\n  want {want}")),
        };
    }
    let sel = parsed.map_err(|e| format!("{id}: unexpected error {e}"))?;
    let want_string = case["string"].as_str().unwrap_or("");
    if sel.to_string() != want_string {
        return Err(format!("{id}: string\n  got  {sel}\n  want {want_string}"));
    }
    if Some(sel.is_empty()) != case["empty"].as_bool() {
        return Err(format!(
            "{id}: empty: got {}, want {}",
            sel.is_empty(),
            case["empty"]
        ));
    }
    for m in case["matches"].as_array().into_iter().flatten() {
        let labels: StringMap = serde_json::from_value(m["labels"].clone())
            .map_err(|e| format!("{id}: bad labels: {e}"))?;
        let want = m["matches"].as_bool();
        if Some(sel.matches(&labels)) != want {
            return Err(format!(
                "{id}: {sel} on {labels:?}: got {}, want {want:?}",
                sel.matches(&labels)
            ));
        }
    }
    Ok(())
}

#[test]
fn selector_corpus() {
    let cases = crate::common::corpus("selector");
    let mut tally = crate::common::Tally::new("selector");
    for case in &cases {
        tally.case(check(case));
    }
    tally.finish();
}
