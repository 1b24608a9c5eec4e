//! Replays validation.jsonl: each DaemonSet is defaulted as the API server
//! does, then validated; the errors must be exactly Kubernetes' (the same
//! field path, error type and full message, in sorted order).

use daemonset_sim::k8s::defaults::default_daemon_set;
use daemonset_sim::k8s::model::DaemonSet;
use daemonset_sim::k8s::validation::validate_daemon_set;
use serde_json::Value;

fn field_and_type(msg: &str) -> (String, String) {
    let mut parts = msg.splitn(3, ": ");
    (
        parts.next().unwrap_or("").to_string(),
        parts.next().unwrap_or("").to_string(),
    )
}

fn validate(case: &Value) -> Result<(Vec<String>, Vec<String>), String> {
    let id = case["id"].as_str().unwrap_or("?");
    let mut ds: DaemonSet = serde_json::from_value(case["daemonset"].clone())
        .map_err(|e| format!("{id}: bad daemonset: {e}"))?;
    default_daemon_set(&mut ds);
    let got: Vec<String> = validate_daemon_set(&ds)
        .iter()
        .map(|d| d.message())
        .collect();
    let want: Vec<String> = case["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e.as_str().map(String::from))
        .collect();
    Ok((got, want))
}

/// The required level: the same set of (field path, error type) pairs.
#[test]
fn validation_corpus_field_and_type() {
    let cases = crate::common::corpus("validation");
    let mut tally = crate::common::Tally::new("validation (field, type)");
    for case in &cases {
        tally.case(validate(case).and_then(|(got, want)| {
            let mut g: Vec<_> = got.iter().map(|m| field_and_type(m)).collect();
            let mut w: Vec<_> = want.iter().map(|m| field_and_type(m)).collect();
            g.sort();
            g.dedup();
            w.sort();
            w.dedup();
            if g == w {
                Ok(())
            } else {
                Err(format!("{}:\n  got  {g:?}\n  want {w:?}", case["id"]))
            }
        }));
    }
    tally.finish();
}

/// The full strings, in Kubernetes' (sorted) order.
#[test]
fn validation_corpus_full_messages() {
    let cases = crate::common::corpus("validation");
    let mut tally = crate::common::Tally::new("validation (full messages)");
    for case in &cases {
        tally.case(validate(case).and_then(|(got, want)| {
            if got == want {
                Ok(())
            } else {
                Err(format!(
                    "{}:\n  got  {got:#?}\n  want {want:#?}",
                    case["id"]
                ))
            }
        }));
    }
    tally.finish();
}
