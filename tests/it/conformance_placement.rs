//! Replays ../shared/conformance/placement.jsonl (2,000 cases produced by
//! the real Kubernetes v1.36.2 controller and scheduler code): through the
//! library (the inputs as JSON text, every tenth also as YAML) and through
//! the CLI's JSON output. Every compared field must agree.

use crate::common::placement::{case_text, compare};

use daemonset_sim::input::Source;
use daemonset_sim::session;
use serde_json::Value;

fn opt<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap()
}

/// The corpus was made by running the controller and the scheduler on
/// its nodes directly, not through the API server: 899 cases have a node
/// labelled `cpu-gen: "-1"` (for the Gt and Lt operators), a value
/// `IsValidLabelValue` refuses (it must start and end with a letter or a
/// digit), so the API server would refuse the node on create. The errors
/// `ValidateLabels` returns for the case's nodes, in node order, worked
/// out here from the Go pattern `(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?`
/// and the 63-byte limit (the corpus has no other invalid field).
fn refused_labels(case: &Value) -> Vec<String> {
    let alnum = |b: u8| b.is_ascii_alphanumeric();
    let valid = |v: &str| {
        let b = v.as_bytes();
        v.is_empty()
            || (b.len() <= 63
                && alnum(b[0])
                && alnum(b[b.len() - 1])
                && b.iter().all(|&c| alnum(c) || b"-_.".contains(&c)))
    };
    let mut out = Vec::new();
    for node in case["nodes"].as_array().unwrap() {
        let Some(labels) = node["metadata"]["labels"].as_object() else {
            continue;
        };
        let mut keys: Vec<&String> = labels.keys().collect();
        keys.sort();
        for k in keys {
            let v = labels[k].as_str().unwrap();
            if !valid(v) {
                out.push(format!("metadata.labels: Invalid value: {v:?}: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"));
            }
        }
    }
    out
}

#[test]
fn placement_corpus_through_the_library() {
    let mut tally = crate::common::Tally::new("placement (library)");
    for (i, case) in crate::common::corpus("placement").iter().enumerate() {
        let id = case["id"].as_str().unwrap_or("?");
        let yaml = i % 10 == 0;
        let text = case_text(case, yaml);
        let result = session::check(&[Source::new(None, &text)])
            .map_err(|e| format!("{id}: {e}"))
            .and_then(|r| {
                let parse_errors: Vec<_> = r
                    .errors
                    .iter()
                    .filter(|e| e.kind == "Syntax error")
                    .collect();
                if !parse_errors.is_empty() {
                    return Err(format!("{id}: {parse_errors:?}"));
                }
                compare(id, &case["expect"], &opt(&r))
            });
        tally.case(result);
    }
    tally.finish();
}

#[test]
fn placement_corpus_through_the_cli_json() {
    let mut tally = crate::common::Tally::new("placement (CLI)");
    for case in crate::common::corpus("placement") {
        let id = case["id"].as_str().unwrap_or("?");
        let text = case_text(&case, false);
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = daemonset_sim::cli::run_with(
            vec!["check".into(), "--format".into(), "json".into(), "-".into()],
            &mut text.as_bytes(),
            &mut out,
            &mut err,
        );
        let refused = refused_labels(&case);
        let result = if code == 2 && !refused.is_empty() {
            // the API server would refuse these nodes (an input error) and
            // the CLI still places them as written
            serde_json::from_slice::<Value>(&out)
                .map_err(|e| format!("{id}: bad JSON: {e}"))
                .and_then(|got| {
                    let said: Vec<String> = got["inputErrors"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|e| e["message"].as_str().unwrap_or("").to_string())
                        .collect();
                    if said != refused {
                        return Err(format!("{id}: input errors {said:?}, want {refused:?}"));
                    }
                    compare(id, &case["expect"], &got)
                })
        } else if code == 2 {
            Err(format!("{id}: exit 2: {}", String::from_utf8_lossy(&err)))
        } else if !refused.is_empty() {
            Err(format!("{id}: exit {code}, want 2 for {refused:?}"))
        } else {
            serde_json::from_slice::<Value>(&out)
                .map_err(|e| format!("{id}: bad JSON: {e}"))
                .and_then(|got| {
                    // exit code 1 exactly when the report has errors
                    let has_errors = !got["errors"].as_array().unwrap().is_empty();
                    if has_errors != (code == 1) {
                        return Err(format!("{id}: exit {code} but errors = {}", got["errors"]));
                    }
                    compare(id, &case["expect"], &got)
                })
        };
        tally.case(result);
    }
    tally.finish();
}
