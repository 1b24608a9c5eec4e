//! Replays ../shared/conformance/placement.jsonl (2,000 cases produced by
//! the real Kubernetes v1.36.2 controller and scheduler code): through the
//! library (the inputs as JSON text, every tenth also as YAML) and through
//! the CLI's JSON output. Every compared field must agree.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use daemonset_sim::input::Source;
use daemonset_sim::report;
use serde_json::{json, Value};

/// The case's objects as one text, the way a user would paste them.
fn case_text(case: &Value, yaml: bool) -> String {
    let ds = &case["daemonset"];
    let nodes = json!({"apiVersion": "v1", "kind": "List", "items": case["nodes"]});
    let pods = json!({"apiVersion": "v1", "kind": "List", "items": case.get("pods").cloned().unwrap_or(json!([]))});
    if yaml {
        [ds, &nodes, &pods]
            .iter()
            .map(|v| serde_yaml::to_string(v).unwrap())
            .collect::<Vec<_>>()
            .join("---\n")
    } else {
        format!("{ds}\n{nodes}\n{pods}\n")
    }
}

fn opt<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap()
}

/// Compares a report (as JSON) with the case's expectations.
fn compare(id: &str, expect: &Value, got: &Value) -> Result<(), String> {
    let mut diffs = Vec::new();
    let mut eq = |what: &str, want: &Value, have: &Value| {
        if want != have {
            diffs.push(format!("{what}: want {want}, got {have}"));
        }
    };
    let nodes = got["nodes"].as_array().cloned().unwrap_or_default();
    let want_nodes = expect["nodes"].as_object().unwrap();
    if nodes.len() != want_nodes.len() {
        return Err(format!(
            "{id}: {} nodes in report, {} expected",
            nodes.len(),
            want_nodes.len()
        ));
    }
    for n in &nodes {
        let name = n["name"].as_str().unwrap_or("");
        let Some(w) = want_nodes.get(name) else {
            eq(
                &format!("node {name}"),
                &json!("expected"),
                &json!("unexpected"),
            );
            continue;
        };
        for f in [
            "shouldRun",
            "shouldContinueRunning",
            "schedulerFits",
            "schedulerReasons",
        ] {
            eq(&format!("{name}.{f}"), &w[f], &n[f]);
        }
        let failed = w
            .get("schedulerFailedPlugins")
            .cloned()
            .unwrap_or(json!([]));
        eq(
            &format!("{name}.schedulerFailedPlugins"),
            &failed,
            &n["schedulerFailedPlugins"],
        );
        let first = w
            .get("schedulerFirstFailure")
            .cloned()
            .unwrap_or(Value::Null);
        eq(
            &format!("{name}.schedulerFirstFailure"),
            &first,
            &n["schedulerFirstFailure"],
        );
        // the state follows from the verdicts
        let state = match (
            w["shouldRun"].as_bool(),
            w["schedulerFits"].as_bool(),
            w["shouldContinueRunning"].as_bool(),
        ) {
            (Some(true), Some(true), _) => "scheduled",
            (Some(true), _, _) => "pending",
            (_, _, Some(true)) => "keeps-existing",
            _ => "excluded",
        };
        eq(&format!("{name}.state"), &json!(state), &n["state"]);
    }
    for f in [
        "desiredNumberScheduled",
        "maxUnavailable",
        "maxSurge",
        "rolloutError",
        "maxUnavailableError",
        "maxSurgeError",
    ] {
        eq(f, expect.get(f).unwrap_or(&Value::Null), &got[f]);
    }
    for f in ["controllerMaxUnavailable", "controllerMaxSurge"] {
        eq(f, expect.get(f).unwrap_or(&Value::Null), &got[f]);
    }
    eq(
        "defaultedUpdateStrategy",
        &expect["defaultedUpdateStrategy"],
        &got["updateStrategy"],
    );
    if let Some(req) = expect.get("daemonPodRequests") {
        eq(
            "daemonPodRequests.cpuMilli",
            &req["cpuMilli"],
            &got["daemonPodRequests"]["cpuMilli"],
        );
        eq(
            "daemonPodRequests.memory",
            &req["memory"],
            &got["daemonPodRequests"]["memory"],
        );
    }
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(format!("{id}:\n  {}", diffs.join("\n  ")))
    }
}

#[test]
fn placement_corpus_through_the_library() {
    let mut tally = common::Tally::new("placement (library)");
    for (i, case) in common::corpus("placement").iter().enumerate() {
        let id = case["id"].as_str().unwrap_or("?");
        let yaml = i % 10 == 0;
        let text = case_text(case, yaml);
        let result = report::check(&[Source::new(None, &text)])
            .map_err(|e| format!("{id}: {}", e.located_message()))
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
    let mut tally = common::Tally::new("placement (CLI)");
    for case in common::corpus("placement") {
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
