//! The cluster view against check: over the placement conformance
//! clusters, each combined with the DaemonSets of the next cases, every
//! cell where contention does not matter is exactly what `check` says
//! for that DaemonSet alone against the same nodes and pods.
//!
//! Contention does not matter for a cell when its pod is observed (an
//! observed pod is judged against the bound pods only), or when no other
//! DaemonSet's projected pod was placed on that node before it (none of
//! the DaemonSets before it in `order` is Scheduled there from a
//! projected pod or nominated with victims) and its own pod was not
//! preempted: then the scheduler sees on that node exactly what `check`
//! sees.

use daemonset_sim::check::NodeState;
use daemonset_sim::cluster::Options;
use daemonset_sim::input::Source;
use daemonset_sim::session;
use serde_json::{json, Value};
use std::collections::BTreeSet;

const GROUP: usize = 3;

#[test]
fn cells_agree_with_check_wherever_contention_does_not_matter() {
    let corpus = crate::common::corpus("placement");
    let (mut compared, mut contended, mut failures) = (0usize, 0usize, Vec::new());
    for group in corpus.chunks(GROUP) {
        let base = &group[0];
        let nodes = json!({"apiVersion": "v1", "kind": "List", "items": base["nodes"]});
        let pods = json!({"apiVersion": "v1", "kind": "List", "items": base.get("pods").cloned().unwrap_or(json!([]))});
        // the DaemonSets, renamed apart where names repeat (the first
        // keeps its name: the base case's pods are its own)
        let mut names = BTreeSet::new();
        let daemon_sets: Vec<Value> = group
            .iter()
            .enumerate()
            .map(|(i, case)| {
                let mut ds = case["daemonset"].clone();
                let name = ds["metadata"]["name"].as_str().unwrap_or("").to_string();
                if !names.insert(name.clone()) {
                    ds["metadata"]["name"] = json!(format!("{name}-{i}"));
                }
                ds
            })
            .collect();
        let text = |dss: &[&Value]| {
            let mut t: Vec<String> = dss.iter().map(|d| d.to_string()).collect();
            t.push(nodes.to_string());
            t.push(pods.to_string());
            t.join("\n")
        };
        let all: Vec<&Value> = daemon_sets.iter().collect();
        let Ok(view) =
            session::cluster_inputs(&[Source::new(None, &text(&all))], &Options::default())
        else {
            continue;
        };
        for (d, vds) in view.daemon_sets.iter().enumerate() {
            let Some(ds) = daemon_sets.iter().find(|x| {
                x["metadata"]["name"].as_str() == Some(vds.name.as_str())
                    && x["metadata"]["namespace"].as_str().unwrap_or("default") == vds.namespace
            }) else {
                continue;
            };
            let alone = session::check(&[Source::new(None, &text(&[ds]))]).unwrap();
            let before: Vec<usize> = view
                .order
                .daemon_sets
                .iter()
                .copied()
                .take_while(|&e| e != d)
                .collect();
            for (n, node) in view.nodes.iter().enumerate() {
                let cell = &node.cells[d];
                let taken = before.iter().any(|&e| {
                    let c = &node.cells[e];
                    !c.observed && (c.state == NodeState::Scheduled || c.victims.is_some())
                });
                if !cell.observed && (taken || cell.preempted_by.is_some()) {
                    contended += 1;
                    continue;
                }
                compared += 1;
                let want = &alone.nodes[n];
                if cell.state != want.state || cell.message != want.message {
                    failures.push(format!(
                        "{} on {}: {:?} {:?}, check alone {:?} {:?}",
                        vds.name, node.name, cell.state, cell.message, want.state, want.message
                    ));
                }
            }
        }
    }
    eprintln!("cluster vs check: {compared} cells compared, {contended} contended");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    if !corpus.is_empty() {
        assert!(compared > 1000, "only {compared} cells compared");
        assert!(contended > 0, "no contention exercised");
    }
}

fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn cli(args: &[&str], stdin: &str) -> (i32, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = daemonset_sim::cli::run_with(
        args.iter().map(|s| s.to_string()).collect(),
        &mut stdin.as_bytes(),
        &mut out,
        &mut err,
    );
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

const EXAMPLE: [&str; 2] = [
    "web/examples/cluster.daemonset.yaml",
    "web/examples/cluster.nodes.yaml",
];

#[test]
fn cli_text_and_json_match_the_golden_files_on_the_example() {
    let files: Vec<String> = EXAMPLE
        .iter()
        .map(|f| root().join(f).display().to_string())
        .collect();
    let golden =
        |name: &str| std::fs::read_to_string(root().join("tests/data/golden").join(name)).unwrap();
    let (code, out, err) = cli(&["cluster", &files[0], &files[1]], "");
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(out, golden("cluster.example.txt"));
    let (code, out, _) = cli(
        &[
            "cluster", "--format", "json", "-f", &files[0], "-f", &files[1],
        ],
        "",
    );
    assert_eq!(code, 0);
    assert_eq!(out, golden("cluster.example.json"));
    // the facts the example is about: node-exporter waits on the edge nodes
    let v: Value = serde_json::from_str(&out).unwrap();
    let edge = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["name"] == "edge-pool-1")
        .unwrap();
    assert_eq!(edge["cells"][3]["state"], "pending");
    assert_eq!(edge["cells"][3]["reasons"], json!(["Insufficient cpu"]));
    assert_eq!(
        edge["daemonSetRequests"],
        json!({"cpu": "750m", "memory": "448Mi", "pods": "3"})
    );
    assert_eq!(
        edge["left"],
        json!({"cpu": "190m", "memory": "896Mi", "pods": "107"})
    );
}

#[test]
fn cli_exit_codes_are_those_of_check() {
    let ds = |name: &str, cpu: &str| {
        format!("apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {{name: {name}}}\nspec:\n  selector: {{matchLabels: {{app: {name}}}}}\n  template:\n    metadata: {{labels: {{app: {name}}}}}\n    spec:\n      containers: [{{name: c, image: busybox, resources: {{requests: {{cpu: {cpu}}}}}}}]\n---\n")
    };
    let nodes = "nodes: [{name: n1}]\n";
    let ok = format!("{}{nodes}", ds("a", "100m"));
    assert_eq!(cli(&["cluster", "-"], &ok).0, 0);
    // a refused DaemonSet: left out, exit 1
    let refused = format!("{}{}{nodes}", ds("a", "100m"), ds("b", "-1"));
    let (code, out, err) = cli(&["cluster", "-o", "json", "-"], &refused);
    assert_eq!(code, 1, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["daemonSets"].as_array().unwrap().len(), 1);
    assert_eq!(v["refused"][0]["name"], "b");
    // no DaemonSet, or unreadable input: exit 2
    assert_eq!(cli(&["cluster", "-"], nodes).0, 2);
    assert_eq!(cli(&["cluster", "-"], "kind: [").0, 2);
}
