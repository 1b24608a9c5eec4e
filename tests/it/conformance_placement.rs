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
        let result = if code == 2 {
            Err(format!("{id}: exit 2: {}", String::from_utf8_lossy(&err)))
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
