//! `Session::evaluate_grid` (the page's per-keystroke call) and
//! `Session::node_report` against `Session::check`, whose full report the
//! conformance corpus checks: every node's state and reason, the report's
//! other fields and each node's full verdict must be the same, on every
//! placement conformance case, as written and with every node copied
//! under other names (so that classes of equal nodes hold several nodes).
//! And the number of verdicts computed grows with the distinct nodes, not
//! with the nodes.

use daemonset_sim::check::grid::Grid;
use daemonset_sim::check::Report;
use daemonset_sim::session::Session;
use serde_json::{json, Value};

/// The report as JSON without its nodes.
fn without_nodes(r: &Report) -> Value {
    let mut v = serde_json::to_value(r).unwrap();
    v.as_object_mut().unwrap().remove("nodes");
    v
}

fn agree(id: &str, session: &Session, ds: &str, full_nodes: bool) -> Result<(), String> {
    let report = session.check(ds);
    let grid = session.evaluate_grid(ds);
    let (report, grid): (Report, Grid) = match (report, grid) {
        (Ok(r), Ok(g)) => (r, g),
        (Err(a), Err(b)) if a.diagnostics() == b.diagnostics() => return Ok(()),
        (a, b) => return Err(format!("{id}: check {:?} but grid {:?}", a.err(), b.err())),
    };
    if report.nodes.len() != grid.states.len() || grid.states.len() != grid.reasons.len() {
        return Err(format!(
            "{id}: {} nodes, {} states",
            report.nodes.len(),
            grid.states.len()
        ));
    }
    for (i, n) in report.nodes.iter().enumerate() {
        let state = grid.state_names[grid.states[i] as usize];
        let reason = &grid.reason_texts[grid.reasons[i] as usize];
        if state != n.state || *reason != n.reason() {
            return Err(format!(
                "{id}: node {}: check says {:?} ({}), grid {state:?} ({reason})",
                n.name,
                n.state,
                n.reason()
            ));
        }
        if full_nodes {
            let one = session.node_report(ds, &n.name).unwrap().unwrap();
            if serde_json::to_value(&one).unwrap() != serde_json::to_value(n).unwrap() {
                return Err(format!(
                    "{id}: node_report({}) differs from check's",
                    n.name
                ));
            }
        }
    }
    let (want, got) = (without_nodes(&report), without_nodes(&grid.report));
    if want != got {
        return Err(format!("{id}: the report differs:\n{want}\n{got}"));
    }
    Ok(())
}

/// The case's nodes three times: as they are, and copied twice under other
/// names (each with its pods, renamed and bound to the copy).
fn copied(case: &Value) -> (Vec<Value>, Vec<Value>) {
    let nodes = case["nodes"].as_array().cloned().unwrap_or_default();
    let pods = case
        .get("pods")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let (mut all_nodes, mut all_pods) = (nodes.clone(), pods.clone());
    for k in 1..=2 {
        for n in &nodes {
            let mut c = n.clone();
            let name = format!("{}-copy{k}", n["metadata"]["name"].as_str().unwrap_or(""));
            c["metadata"]["name"] = json!(name);
            if let Some(labels) = c["metadata"]["labels"].as_object_mut() {
                if labels.contains_key("kubernetes.io/hostname") {
                    labels.insert("kubernetes.io/hostname".into(), json!(name));
                }
            }
            all_nodes.push(c);
        }
        for p in &pods {
            let mut c = p.clone();
            if let Some(n) = p["spec"]["nodeName"].as_str() {
                c["spec"]["nodeName"] = json!(format!("{n}-copy{k}"));
            }
            let name = format!("{}-copy{k}", p["metadata"]["name"].as_str().unwrap_or(""));
            c["metadata"]["name"] = json!(name);
            if let Some(uid) = p["metadata"]["uid"].as_str() {
                c["metadata"]["uid"] = json!(format!("{uid}-copy{k}"));
            }
            all_pods.push(c);
        }
    }
    (all_nodes, all_pods)
}

fn cluster_text(nodes: &[Value], pods: &[Value]) -> String {
    format!(
        "{}\n{}\n",
        json!({"apiVersion": "v1", "kind": "List", "items": nodes}),
        json!({"apiVersion": "v1", "kind": "List", "items": pods})
    )
}

#[test]
fn the_grid_agrees_with_check_on_every_placement_case() {
    let mut tally = crate::common::Tally::new("placement (evaluate_grid vs check)");
    let mut shared = 0;
    for (i, case) in crate::common::corpus("placement").iter().enumerate() {
        let id = case["id"].as_str().unwrap_or("?");
        let ds = case["daemonset"].to_string();
        let mut session = Session::new();
        let pods = case
            .get("pods")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let nodes = case["nodes"].as_array().cloned().unwrap_or_default();
        session.set_cluster(&cluster_text(&nodes, &pods));
        let mut result = agree(id, &session, &ds, i % 10 == 0);
        if result.is_ok() {
            let (nodes, pods) = copied(case);
            session.set_cluster(&cluster_text(&nodes, &pods));
            result = agree(&format!("{id} (copied)"), &session, &ds, false);
            if let Ok(g) = session.evaluate_grid(&ds) {
                if g.evaluated < nodes.len() {
                    shared += 1;
                }
            }
        }
        tally.case(result);
    }
    tally.finish();
    // the copies share classes in most cases (not where the DaemonSet reads
    // node names or its pods are on every node)
    assert!(shared > 1000, "classes shared in only {shared} cases");
}

/// `n` nodes in three pools (labels differ by hostname only within a pool),
/// one of them with the DaemonSet's pod.
fn pools(n: usize) -> String {
    let mut items = Vec::new();
    for i in 0..n {
        let (pool, cpu, taint) = match i % 3 {
            0 => ("general", "4", json!([])),
            1 => ("highmem", "8", json!([])),
            _ => (
                "gpu",
                "8",
                json!([{"key": "nvidia.com/gpu", "value": "present", "effect": "NoSchedule"}]),
            ),
        };
        let name = format!("node-{i}");
        items.push(json!({
            "apiVersion": "v1", "kind": "Node",
            "metadata": {"name": name, "labels": {"kubernetes.io/hostname": name, "pool": pool}},
            "spec": {"taints": taint},
            "status": {"allocatable": {"cpu": cpu, "memory": "16Gi", "pods": "110"},
                       "conditions": [{"type": "Ready", "status": "True"}]}
        }));
    }
    let pod = json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "agent-abcde", "labels": {"app": "agent"},
                     "ownerReferences": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": "agent", "uid": "u1", "controller": true}]},
        "spec": {"nodeName": "node-0", "containers": [{"name": "agent", "image": "agent:1"}]},
        "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}
    });
    format!(
        "{}\n{pod}\n",
        json!({"apiVersion": "v1", "kind": "List", "items": items})
    )
}

const AGENT: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, uid: u1}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      nodeSelector: {pool: general}
      containers: [{name: agent, image: agent:1, resources: {requests: {cpu: 100m}}}]
";

#[test]
fn verdicts_computed_grow_with_distinct_nodes_not_with_nodes() {
    for n in [30, 3000] {
        let mut s = Session::new();
        s.set_cluster(&pools(n));
        let g = s.evaluate_grid(AGENT).unwrap();
        // three pools, and node-0 alone for the DaemonSet's pod on it
        assert_eq!(g.evaluated, 4, "{n} nodes");
        assert_eq!(g.states.len(), n);
        assert_eq!(g.report.counts.scheduled, n.div_ceil(3));
        assert_eq!(g.report.status.current_number_scheduled, 1);
        agree(&format!("pools {n}"), &s, AGENT, false).unwrap();
        // a DaemonSet that reads node names is judged node by node
        let pinned = AGENT.replace(
            "      nodeSelector: {pool: general}\n",
            "      affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchFields: [{key: metadata.name, operator: In, values: [node-1]}]}]}}}\n",
        );
        let g = s.evaluate_grid(&pinned).unwrap();
        assert_eq!(g.evaluated, n);
        assert_eq!(g.report.counts.scheduled, 1);
        agree(&format!("pinned {n}"), &s, &pinned, false).unwrap();
    }
}

#[test]
fn node_report_of_an_unknown_node_is_none_and_a_refused_daemon_set_is_refused() {
    let mut s = Session::new();
    s.set_cluster(&pools(3));
    assert!(s.node_report(AGENT, "nope").unwrap().is_none());
    assert_eq!(
        s.node_report(AGENT, "node-1").unwrap().unwrap().name,
        "node-1"
    );
    assert!(s.evaluate_grid("nodes: [{name: w}]\n").is_err());
    // validation errors are in the grid's report as in check's
    let bad = AGENT.replace(
        "selector: {matchLabels: {app: agent}}",
        "selector: {matchLabels: {app: other}}",
    );
    let g = s.evaluate_grid(&bad).unwrap();
    assert!(!g.report.errors.is_empty());
    assert_eq!(
        serde_json::to_value(&g.report.errors).unwrap(),
        serde_json::to_value(s.check(&bad).unwrap().errors).unwrap()
    );
}
