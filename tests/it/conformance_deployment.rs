//! Replays ../shared/conformance/deployment.jsonl (270 cases produced by
//! the real Kubernetes v1.36.2 scheduler with its default profile): the
//! replicas of each Deployment placed one after another. Feasible sets,
//! every weighted score, totals, tie sets, chosen nodes, per-node reasons
//! and the unschedulable message must be identical. Every tenth case also
//! goes through the input parser as YAML.

use daemonset_sim::compare::place_deployment;
use daemonset_sim::input::{self, Source};
use daemonset_sim::k8s::model::{Deployment, Node, Pod};
use serde_json::{json, Value};

fn objects(case: &Value) -> (Deployment, Vec<Node>, Vec<Pod>) {
    let d: Deployment = serde_json::from_value(case["deployment"].clone()).expect("deployment");
    let nodes: Vec<Node> = serde_json::from_value(case["nodes"].clone()).expect("nodes");
    let mut pods: Vec<Pod> = case
        .get("pods")
        .filter(|p| !p.is_null())
        .map(|p| serde_json::from_value(p.clone()).expect("pods"))
        .unwrap_or_default();
    for p in &mut pods {
        daemonset_sim::k8s::defaults::default_pod(p);
    }
    (d, nodes, pods)
}

/// The same objects read the way a user pastes them (YAML documents).
fn objects_via_input(case: &Value) -> (Deployment, Vec<Node>, Vec<Pod>) {
    let nodes = json!({"apiVersion": "v1", "kind": "List", "items": case["nodes"]});
    let pods = json!({"apiVersion": "v1", "kind": "List", "items": case.get("pods").filter(|p| !p.is_null()).cloned().unwrap_or(json!([]))});
    let text = [&case["deployment"], &nodes, &pods]
        .iter()
        .map(|v| serde_yaml::to_string(v).unwrap())
        .collect::<Vec<_>>()
        .join("---\n");
    let objs = input::parse(&[Source::new(Some("case.yaml"), &text)]);
    assert!(objs.errors.is_empty(), "{:?}", objs.errors);
    (
        objs.deployments[0].object.clone(),
        objs.nodes.into_iter().map(|n| n.object).collect(),
        objs.pods.into_iter().map(|p| p.object).collect(),
    )
}

fn check(case: &Value, via_input: bool) -> Result<(), String> {
    let id = case["id"].as_str().unwrap_or("?");
    let (d, nodes, pods) = if via_input {
        objects_via_input(case)
    } else {
        objects(case)
    };
    let placement = place_deployment(&d, &nodes, &pods);
    let got = serde_json::to_value(&placement).map_err(|e| e.to_string())?;
    let want = case["placements"].as_array().cloned().unwrap_or_default();
    let have = got["placements"].as_array().cloned().unwrap_or_default();
    if want.len() != have.len() {
        return Err(format!(
            "{id}: {} placements expected, {} simulated",
            want.len(),
            have.len()
        ));
    }
    let mut diffs = Vec::new();
    for (w, h) in want.iter().zip(&have) {
        let r = &w["replica"];
        if h["replica"] != *r {
            diffs.push(format!("replica {r}: index {}", h["replica"]));
        }
        if w["unschedulable"] == json!(true) {
            for f in ["unschedulable", "reasons", "message"] {
                if w[f] != h[f] {
                    diffs.push(format!("replica {r} {f}: want {}, got {}", w[f], h[f]));
                }
            }
            if h["chosen"] != Value::Null {
                diffs.push(format!(
                    "replica {r}: chosen {} but unschedulable",
                    h["chosen"]
                ));
            }
            continue;
        }
        for f in ["feasible", "scores", "topNodes", "chosen"] {
            if w[f] != h[f] {
                diffs.push(format!("replica {r} {f}: want {}, got {}", w[f], h[f]));
            }
        }
        let single = w["singleFeasibleNoScoring"] == json!(true);
        if h["singleFeasibleNoScoring"] != json!(single) {
            diffs.push(format!(
                "replica {r} singleFeasibleNoScoring: want {single}"
            ));
        }
        if h["unschedulable"] != json!(false) {
            diffs.push(format!(
                "replica {r}: unschedulable but expected on {}",
                w["chosen"]
            ));
        }
    }
    // the per-node counts agree with the chosen nodes
    let mut counts = std::collections::BTreeMap::<String, u64>::new();
    for n in &nodes {
        counts.insert(n.metadata.name.clone().unwrap_or_default(), 0);
    }
    for w in &want {
        if let Some(c) = w["chosen"].as_str() {
            *counts.entry(c.to_string()).or_default() += 1;
        }
    }
    if got["podsPerNode"] != json!(counts) {
        diffs.push(format!(
            "podsPerNode: want {}, got {}",
            json!(counts),
            got["podsPerNode"]
        ));
    }
    if diffs.is_empty() {
        Ok(())
    } else {
        diffs.truncate(6);
        Err(format!(
            "{id}{}:\n  {}",
            if via_input { " (via input)" } else { "" },
            diffs.join("\n  ")
        ))
    }
}

#[test]
fn deployment_corpus() {
    let cases = crate::common::corpus("deployment");
    let mut tally = crate::common::Tally::new("deployment");
    for (i, case) in cases.iter().enumerate() {
        let mut r = check(case, false);
        if r.is_ok() && i % 10 == 0 {
            r = check(case, true);
        }
        tally.case(r);
    }
    tally.finish();
}
