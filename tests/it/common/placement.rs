//! The placement corpus comparison, shared by the native replay
//! (tests/conformance_placement.rs) and the browser one (tests/wasm.rs):
//! how a case becomes pasted text, and which report fields must equal the
//! case's expectations.
#![allow(dead_code)]

use serde_json::{json, Value};

/// The case's objects as one text, the way a user would paste them.
pub fn case_text(case: &Value, yaml: bool) -> String {
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

/// Compares a report (as JSON) with the case's expectations.
pub fn compare(id: &str, expect: &Value, got: &Value) -> Result<(), String> {
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
