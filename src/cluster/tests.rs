use super::*;
use crate::input::Source;
use crate::session;

const NODE: &str = "nodes: [{name: small, allocatable: {cpu: '1', memory: 4Gi, pods: '110'}, labels: {cloud.google.com/gke-nodepool: tiny}}]\n";

fn ds(name: &str, cpu: &str, class: Option<&str>, created: Option<&str>) -> String {
    let class = class
        .map(|c| format!("      priorityClassName: {c}\n"))
        .unwrap_or_default();
    let created = created
        .map(|t| format!("  creationTimestamp: \"{t}\"\n"))
        .unwrap_or_default();
    format!(
        "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: {name}
  namespace: kube-system
{created}spec:
  selector: {{matchLabels: {{app: {name}}}}}
  template:
    metadata: {{labels: {{app: {name}}}}}
    spec:
{class}      containers:
      - name: c
        image: busybox
        resources: {{requests: {{cpu: {cpu}}}}}
---
"
    )
}

/// A running pod of DaemonSet `name` on node `small`.
fn pod(name: &str, cpu: &str) -> String {
    format!(
        "apiVersion: v1
kind: Pod
metadata:
  name: {name}-abcde
  namespace: kube-system
  labels: {{app: {name}}}
  ownerReferences: [{{apiVersion: apps/v1, kind: DaemonSet, name: {name}, uid: u-{name}, controller: true}}]
spec:
  nodeName: small
  containers:
  - name: c
    image: busybox
    resources: {{requests: {{cpu: {cpu}}}}}
status: {{phase: Running, conditions: [{{type: Ready, status: 'True'}}]}}
---
"
    )
}

fn view(text: &str) -> ClusterView {
    session::cluster_inputs(&[Source::new(None, text)], &Options::default()).unwrap()
}

fn alone(text: &str) -> NodeState {
    session::check(&[Source::new(None, text)]).unwrap().nodes[0].state
}

/// What the scheduler says of a daemon pod that finds its one node full
/// and no lower-priority pod to preempt there.
const INSUFFICIENT_CPU: &str = "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.";

#[test]
fn two_daemon_sets_that_fit_alone_do_not_fit_together() {
    let a = ds("agent-a", "600m", None, Some("2026-01-01T00:00:00Z"));
    let b = ds("agent-b", "600m", None, Some("2026-02-01T00:00:00Z"));
    // each alone is scheduled
    assert_eq!(alone(&format!("{a}{NODE}")), NodeState::Scheduled);
    assert_eq!(alone(&format!("{b}{NODE}")), NodeState::Scheduled);
    // together (b written first): a is older, so it goes first and b waits
    let v = view(&format!("{b}{a}{NODE}"));
    assert_eq!(v.daemon_sets[0].name, "agent-b");
    assert_eq!(v.order.daemon_sets, vec![1, 0]);
    assert!(v.order.fixed);
    let node = &v.nodes[0];
    assert_eq!(node.cells[1].state, NodeState::Scheduled);
    assert_eq!(node.cells[0].state, NodeState::Pending);
    assert_eq!(node.cells[0].reasons, vec!["Insufficient cpu".to_string()]);
    assert_eq!(node.cells[0].message.as_deref(), Some(INSUFFICIENT_CPU));
    assert!(node.order_dependent.is_empty());
    // the tax: one daemon pod of 600m
    let map = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    assert_eq!(
        node.daemon_set_requests,
        map(&[("cpu", "600m"), ("pods", "1")])
    );
    assert_eq!(
        node.left,
        map(&[("cpu", "400m"), ("memory", "4Gi"), ("pods", "109")])
    );
    assert_eq!(node.pool.as_deref(), Some("tiny"));
    let pool = &v.pools[0];
    assert_eq!((pool.nodes, pool.pending_nodes), (1, 1));
    assert_eq!(pool.requested_milli_cpu, 600);
    assert!((pool.cpu_share - 0.6).abs() < 1e-9);
    assert_eq!(pool.daemon_sets[0].pending, 1);
    assert_eq!(pool.daemon_sets[1].nodes, 1);
}

#[test]
fn an_order_kubernetes_does_not_fix_is_flagged_where_it_decides() {
    // no timestamps: equal priority, the queue's order is not known
    let a = ds("agent-a", "600m", None, None);
    let b = ds("agent-b", "600m", None, None);
    let v = view(&format!("{b}{a}{NODE}"));
    assert!(!v.order.fixed);
    assert_eq!(v.order.tied_with_previous, vec![false, true]);
    // namespace/name decides here: agent-a first
    assert_eq!(v.nodes[0].cells[1].state, NodeState::Scheduled);
    assert_eq!(v.nodes[0].cells[0].state, NodeState::Pending);
    let names: Vec<&str> = v.nodes[0]
        .order_dependent
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(names, vec!["agent-a", "agent-b"]);
    // where both fit, the order decides nothing
    let roomy = NODE.replace("cpu: '1'", "cpu: '2'");
    let v = view(&format!("{b}{a}{roomy}"));
    assert!(v.nodes[0].order_dependent.is_empty());
    assert!(v.nodes[0]
        .cells
        .iter()
        .all(|c| c.state == NodeState::Scheduled));
}

#[test]
fn the_higher_priority_daemon_pod_goes_first() {
    // the low one is older, but the queue pops by priority first
    let low = ds("low", "600m", None, Some("2025-01-01T00:00:00Z"));
    let high = ds(
        "high",
        "600m",
        Some("system-node-critical"),
        Some("2026-01-01T00:00:00Z"),
    );
    let v = view(&format!("{low}{high}{NODE}"));
    assert_eq!(v.order.daemon_sets, vec![1, 0]);
    assert_eq!(v.daemon_sets[1].priority, 2_000_001_000);
    let cells = &v.nodes[0].cells;
    assert_eq!(cells[1].state, NodeState::Scheduled);
    assert_eq!(cells[0].state, NodeState::Pending);
    // the low pod cannot preempt the critical one
    assert_eq!(cells[0].message.as_deref(), Some(INSUFFICIENT_CPU));
}

#[test]
fn a_higher_priority_daemon_pod_preempts_an_observed_lower_one() {
    let low = ds("low", "600m", None, Some("2025-01-01T00:00:00Z"));
    let high = ds(
        "high",
        "600m",
        Some("system-node-critical"),
        Some("2026-01-01T00:00:00Z"),
    );
    // the low DaemonSet's pod runs on the node; the high one has none yet
    let v = view(&format!("{low}{high}{}{NODE}", pod("low", "600m")));
    let cells = &v.nodes[0].cells;
    // the scheduler nominates the critical pod and evicts the low one
    assert_eq!(cells[1].state, NodeState::Pending);
    assert_eq!(cells[1].victims, Some(vec!["low-abcde".to_string()]));
    assert_eq!(
        cells[1].message.as_deref(),
        Some("0/1 nodes are available: 1 Insufficient cpu.")
    );
    // the low DaemonSet's new pod waits
    assert_eq!(cells[0].state, NodeState::Pending);
    assert!(!cells[0].observed);
    assert_eq!(cells[0].preempted_by, Some(1));
    assert_eq!(cells[0].message.as_deref(), Some(INSUFFICIENT_CPU));
    // the node holds the critical pod only
    assert_eq!(v.nodes[0].daemon_set_requests["cpu"], "600m");
    assert_eq!(v.nodes[0].daemon_set_requests["pods"], "1");

    // both running: nothing to place, both observed
    let both = format!(
        "{low}{high}{}{}{}",
        pod("low", "400m"),
        pod("high", "600m"),
        NODE.replace("cpu: '1'", "cpu: '2'")
    );
    let v = view(&both);
    let cells = &v.nodes[0].cells;
    assert!(cells.iter().all(|c| c.observed));
    assert_eq!(cells[0].state, NodeState::Scheduled);
    // observed pods count with their own requests
    assert_eq!(v.nodes[0].daemon_set_requests["cpu"], "1");
    assert_eq!(v.nodes[0].daemon_set_requests["pods"], "2");
}

#[test]
fn pools_follow_the_pool_labels_then_the_instance_type() {
    let a = ds("a", "100m", None, None);
    let nodes = "nodes:
- {name: g, labels: {cloud.google.com/gke-nodepool: gp, node.kubernetes.io/instance-type: e2}}
- {name: e, labels: {eks.amazonaws.com/nodegroup: ng}}
- {name: k, labels: {karpenter.sh/nodepool: kp}}
- {name: z, labels: {kubernetes.azure.com/agentpool: ap}}
- {name: i, labels: {node.kubernetes.io/instance-type: m5.large, team: x}}
- {name: none}
";
    let v = view(&format!("{a}{nodes}"));
    let pools: Vec<Option<&str>> = v.nodes.iter().map(|n| n.pool.as_deref()).collect();
    assert_eq!(
        pools,
        vec![
            Some("gp"),
            Some("ng"),
            Some("kp"),
            Some("ap"),
            Some("m5.large"),
            None
        ]
    );
    assert_eq!(v.pools.len(), 6);
    let by_team = session::cluster_inputs(
        &[Source::new(None, &format!("{a}{nodes}"))],
        &Options {
            group_by: Some("team".into()),
        },
    )
    .unwrap();
    assert_eq!(by_team.pools.len(), 2);
    assert_eq!(by_team.pools[0].name, None);
    assert_eq!(by_team.pools[1].name.as_deref(), Some("x"));
}
