//! `Session::set_cluster_with_progress`: the reports rise once per percent
//! or so and end at the total, and the answer is `set_cluster`'s.

use super::*;

/// `n` nodes as `kubectl get nodes -o json` prints them (pretty, two
/// spaces), with a bound pod every tenth node and a skipped ConfigMap.
fn node_list_json(n: usize) -> String {
    let items: Vec<serde_json::Value> = (0..n)
        .flat_map(|i| {
            let node = serde_json::json!({
                "apiVersion": "v1", "kind": "Node",
                "metadata": {"name": format!("node-{i:04}"), "labels": {"zone": format!("z{}", i % 3)}},
                "spec": {"taints": if i % 7 == 0 { serde_json::json!([{"key": "gpu", "effect": "NoSchedule"}]) } else { serde_json::json!([]) }},
                "status": {"allocatable": {"cpu": "4", "memory": "16Gi", "pods": "110"}}
            });
            let pod = (i % 10 == 0).then(|| serde_json::json!({
                "apiVersion": "v1", "kind": "Pod",
                "metadata": {"name": format!("web-{i}"), "namespace": "default"},
                "spec": {"nodeName": format!("node-{i:04}"), "containers": [{"name": "c", "image": "nginx", "resources": {"requests": {"cpu": "500m"}}}]}
            }));
            std::iter::once(node).chain(pod)
        })
        .chain(std::iter::once(serde_json::json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}})))
        .collect();
    let list = serde_json::json!({"apiVersion": "v1", "kind": "List", "items": items});
    serde_json::to_string_pretty(&list).unwrap()
}

fn node_list_yaml(n: usize) -> String {
    let v: serde_json::Value = serde_json::from_str(&node_list_json(n)).unwrap();
    serde_yaml::to_string(&v).unwrap()
}

/// The reports of one `set_cluster_with_progress`, after checking them,
/// and its summary, which must be `set_cluster`'s.
fn reports(text: &str) -> (Vec<(usize, usize)>, ClusterSummary) {
    let mut seen = Vec::new();
    let mut s = Session::new();
    let summary = s.set_cluster_with_progress(text, &mut |d, t| seen.push((d, t)));
    let total = text.len().max(1);
    assert!(seen.iter().all(|&(_, t)| t == total), "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0), "{seen:?}");
    assert_eq!(seen.last(), Some(&(total, total)));
    assert!(seen.len() <= 102, "{} reports", seen.len());
    let mut plain = Session::new();
    assert_eq!(plain.set_cluster(text), summary);
    let names = |s: &Session| {
        s.cluster()
            .nodes()
            .map(|n| n.name().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&plain), names(&s));
    assert_eq!(plain.cluster().pods.len(), s.cluster().pods.len());
    (seen, summary)
}

/// The reports of a big text come along the way: in every tenth of the
/// total, and in the reading and the decoding phases alike.
fn spread(seen: &[(usize, usize)]) {
    let total = seen[0].1;
    for tenth in 0..10 {
        let (lo, hi) = (total * tenth / 10, total * (tenth + 1) / 10);
        assert!(
            seen.iter().any(|&(d, _)| lo <= d && d <= hi),
            "no report in {lo}..{hi}: {seen:?}"
        );
    }
    assert!(seen.len() >= 80, "{} reports", seen.len());
}

#[test]
fn json_and_yaml_dumps_report_along_the_way() {
    for text in [node_list_json(400), node_list_yaml(400)] {
        let (seen, summary) = reports(&text);
        assert_eq!(
            (summary.nodes, summary.pods, summary.errors.len()),
            (400, 40, 0)
        );
        spread(&seen);
    }
    // several YAML documents, and the shorthand list
    let docs: Vec<String> = (0..300)
        .map(|i| format!("apiVersion: v1\nkind: Node\nmetadata:\n  name: n{i}\n"))
        .collect();
    let (seen, summary) = reports(&docs.join("---\n"));
    assert_eq!(summary.nodes, 300);
    spread(&seen);
    let shorthand: String = std::iter::once("nodes:\n".to_string())
        .chain((0..2000).map(|i| format!("- name: s{i}\n  labels: {{zone: z{}}}\n", i % 3)))
        .collect();
    let (seen, summary) = reports(&shorthand);
    assert_eq!(summary.nodes, 2000);
    spread(&seen);
}

#[test]
fn malformed_and_small_texts_end_at_the_total_too() {
    let json = node_list_json(200);
    let yaml = node_list_yaml(200);
    let cut_json = &json[..json.len() / 2];
    let (_, summary) = reports(cut_json);
    assert_eq!(summary.errors.len(), 1, "{:?}", summary.errors);
    assert_eq!(summary.errors[0].kind, "Syntax error");
    // a YAML syntax error halfway
    let half = yaml[..yaml.len() / 2].rfind('\n').unwrap();
    let broken = format!("{}\n  - : : [\n{}", &yaml[..half], &yaml[half..]);
    let (_, summary) = reports(&broken);
    assert_eq!(summary.errors.len(), 1, "{:?}", summary.errors);
    for text in [
        "",
        " ",
        "{",
        "nodes: [{name: a}]",
        "nodes:\n- name: a\n  count: 1000000\n",
        "kind: DaemonSet\napiVersion: apps/v1\n",
        "- 1\n- 2\n",
        "[1, 2",
    ] {
        let (seen, _) = reports(text);
        assert!(!seen.is_empty(), "{text:?}");
    }
    for e in std::fs::read_dir("web/examples").unwrap() {
        let path = e.unwrap().path();
        if path.to_string_lossy().ends_with(".nodes.yaml") {
            reports(&std::fs::read_to_string(&path).unwrap());
        }
    }
}
