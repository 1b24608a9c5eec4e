//! The Deployment engine through its library API: placement rules the
//! corpus does not exercise (pod anti-affinity, DoNotSchedule spread,
//! nodeName, images, large clusters) and the comparison facts.
use daemonset_sim::compare::{compare, place_deployment};
use daemonset_sim::controllers::deployment::deployment_from_daemon_set;
use daemonset_sim::k8s::model::{DaemonSet, Deployment, Node, Pod};
use daemonset_sim::k8s::priority::Priorities;

fn yaml<T: serde::de::DeserializeOwned>(s: &str) -> T {
    serde_yaml::from_str(s).expect("fixture")
}

fn node(name: &str, zone: &str, cpu: &str) -> Node {
    yaml(&format!(
        "metadata:
  name: {name}
  labels: {{kubernetes.io/hostname: {name}, topology.kubernetes.io/zone: {zone}}}
status:
  allocatable: {{cpu: \"{cpu}\", memory: 16Gi, pods: \"110\"}}
"
    ))
}

fn deployment(replicas: i32, extra_spec: &str) -> Deployment {
    yaml(&format!(
        "apiVersion: apps/v1
kind: Deployment
metadata: {{name: web, namespace: shop}}
spec:
  replicas: {replicas}
  selector: {{matchLabels: {{app: web}}}}
  template:
    metadata: {{labels: {{app: web}}}}
    spec:
      containers:
      - name: web
        image: shop/web:2
        resources: {{requests: {{cpu: 250m, memory: 256Mi}}}}
{extra_spec}"
    ))
}

fn daemon_set(extra_spec: &str) -> DaemonSet {
    yaml(&format!(
        "apiVersion: apps/v1
kind: DaemonSet
metadata: {{name: web, namespace: shop}}
spec:
  selector: {{matchLabels: {{app: web}}}}
  template:
    metadata: {{labels: {{app: web}}}}
    spec:
      containers:
      - name: web
        image: shop/web:2
        resources: {{requests: {{cpu: 250m, memory: 256Mi}}}}
{extra_spec}"
    ))
}

fn three_nodes() -> Vec<Node> {
    vec![
        node("n1", "a", "4"),
        node("n2", "b", "4"),
        node("n3", "c", "4"),
    ]
}

#[test]
fn spreading_alone_puts_replicas_on_every_node_before_doubling() {
    let p = place_deployment(&deployment(6, ""), &three_nodes(), &[]);
    let per: Vec<usize> = p.pods_per_node.values().copied().collect();
    assert_eq!(per, [2, 2, 2]);
    // the first choice is a three-way tie broken by name
    assert_eq!(p.placements[0].top_nodes, ["n1", "n2", "n3"]);
    assert_eq!(p.placements[0].chosen.as_deref(), Some("n1"));
    // the second replica avoids n1: PodTopologySpread and BalancedAllocation
    let second = &p.placements[1];
    let scores = second.scores.as_ref().unwrap();
    assert!(scores["n1"].plugins["PodTopologySpread"] < scores["n2"].plugins["PodTopologySpread"]);
    assert_eq!(second.top_nodes, ["n2", "n3"]);
}

#[test]
fn required_anti_affinity_leaves_the_surplus_pending() {
    let anti = "      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector: {matchLabels: {app: web}}
            topologyKey: kubernetes.io/hostname
";
    let p = place_deployment(&deployment(4, anti), &three_nodes(), &[]);
    assert_eq!(p.scheduled, 3);
    assert_eq!(p.pending, 1);
    let last = &p.placements[3];
    assert!(last.unschedulable);
    assert_eq!(
        last.message.as_deref(),
        Some("0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.")
    );
    assert_eq!(last.failures["n1"][0].plugin, "InterPodAffinity");
    // the third replica had a single feasible node: no scoring
    assert!(p.placements[2].single_feasible_no_scoring);
    assert!(p.placements[2].scores.is_none());
}

#[test]
fn do_not_schedule_spread_by_zone() {
    let spread = "      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: topology.kubernetes.io/zone
        whenUnsatisfiable: DoNotSchedule
        labelSelector: {matchLabels: {app: web}}
";
    let mut nodes = three_nodes();
    nodes.push(node("n4", "a", "4"));
    let p = place_deployment(&deployment(4, spread), &nodes, &[]);
    let zone_a = p.pods_per_node["n1"] + p.pods_per_node["n4"];
    assert_eq!(zone_a, 2);
    assert_eq!(p.pods_per_node["n2"], 1);
    assert_eq!(p.pods_per_node["n3"], 1);
    // replica 1 (zone a already has one) cannot go to zone a
    let r1 = &p.placements[1];
    assert_eq!(
        r1.reasons["n4"],
        ["node(s) didn't match pod topology spread constraints"]
    );
    // a constraint of its own replaces the system defaults: scoring has
    // no ScheduleAnyway constraint, so PodTopologySpread is skipped
    let scores = r1.scores.as_ref().unwrap();
    assert!(!scores["n2"].plugins.contains_key("PodTopologySpread"));
}

#[test]
fn node_name_bypasses_the_scheduler() {
    let p = place_deployment(&deployment(2, "      nodeName: n2\n"), &three_nodes(), &[]);
    assert_eq!(p.pods_per_node["n2"], 2);
    assert!(p
        .placements
        .iter()
        .all(|r| r.node_name.as_deref() == Some("n2")
            && r.scores.is_none()
            && r.feasible.is_empty()));
    let p = place_deployment(
        &deployment(2, "      nodeName: gone\n"),
        &three_nodes(),
        &[],
    );
    assert_eq!(p.scheduled, 0);
    assert_eq!(p.pending, 2);
}

#[test]
fn image_locality_prefers_nodes_with_the_image() {
    let mut nodes = three_nodes();
    nodes[2].status.images =
        yaml("[{names: [\"docker.io/shop/web:2\", \"shop/web:2\"], sizeBytes: 524288000}]");
    let p = place_deployment(&deployment(1, ""), &nodes, &[]);
    let scores = p.placements[0].scores.as_ref().unwrap();
    // 500Mi on 1 of 3 nodes: 166Mi effective → (166-23)*100/(1000-23) = 14
    assert_eq!(scores["n3"].plugins["ImageLocality"], 14);
    assert_eq!(scores["n1"].plugins["ImageLocality"], 0);
    assert_eq!(p.placements[0].chosen.as_deref(), Some("n3"));
}

#[test]
fn other_pods_count_but_the_deployments_own_are_placed_anew() {
    let nodes = three_nodes();
    let other: Pod = yaml(
        "metadata: {name: db, namespace: shop, labels: {app: db}}
spec:
  nodeName: n1
  containers: [{name: db, resources: {requests: {cpu: \"3\"}}}]
",
    );
    let own: Pod = yaml(
        "metadata:
  name: web-7d9f8c6b5-abcde
  namespace: shop
  labels: {app: web, pod-template-hash: 7d9f8c6b5}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-7d9f8c6b5, controller: true}]
spec:
  nodeName: n2
  containers: [{name: web, resources: {requests: {cpu: \"3\"}}}]
",
    );
    let p = place_deployment(&deployment(2, ""), &nodes, &[other, own]);
    // n1 is busy with db; n2's pod is one of this Deployment's and is ignored
    assert_eq!(p.pods_per_node["n1"], 0);
    assert_eq!(p.pods_per_node["n2"], 1);
    assert_eq!(p.pods_per_node["n3"], 1);
}

#[test]
fn derived_deployment_and_comparison_facts() {
    let ds = daemon_set("");
    let d = deployment_from_daemon_set(&ds, 5);
    assert_eq!(d.spec.replicas, Some(5));
    assert_eq!(d.spec.template, ds.spec.template);
    assert_eq!(d.metadata.name.as_deref(), Some("web"));

    let mut nodes = three_nodes();
    let mut tainted = node("n4", "a", "4");
    tainted.spec.taints = vec![yaml("{key: maintenance, effect: PreferNoSchedule}")];
    nodes.push(tainted);
    let c = compare(&ds, None, None, &nodes, &[], &Priorities::default());
    assert_eq!(c.desired_number_scheduled, 4);
    assert_eq!(c.replicas, 4);
    assert_eq!(c.daemon_pods, 4);
    assert_eq!(c.deployment_pods, 4);
    // PreferNoSchedule is never a difference in kind: both score it lower
    assert!(c.tolerations.differences.is_empty());
    // but the replicas avoid n4: its untolerated PreferNoSchedule taint
    // costs 300 (TaintToleration × 3), more than spreading gains
    let r3 = &c.placement.placements[3];
    let s = r3.scores.as_ref().unwrap();
    assert_eq!(s["n4"].plugins["TaintToleration"], 0);
    assert_eq!(s["n1"].plugins["TaintToleration"], 300);
    assert!(!r3.top_nodes.contains(&"n4".to_string()));
    assert_eq!(c.placement.pods_per_node["n4"], 0);
    assert_eq!(c.deployment_doubled_up.len(), 1);
    assert_eq!(c.daemon_set_only, ["n4"]);
    assert_eq!(c.node_added.daemon_set_desired_after, 5);
    assert_eq!(c.node_added.deployment_replicas_after, 4);
    let n1 = c.node_removed.iter().find(|r| r.node == "n1").unwrap();
    // n1 won the tie for replica 3, so it holds two
    assert_eq!(n1.deployment_pods_lost, 2);
    assert!(n1.replacements_simulated);
    assert_eq!(n1.replacements.len(), 2);
    assert!(n1
        .replacements
        .iter()
        .all(|r| r.as_deref().is_some_and(|n| n != "n1")));
    assert_eq!(n1.daemon_set_desired_after, 3);
    assert_eq!(
        c.rolling_update.daemon_set.effective_max_unavailable,
        Some(1)
    );
    assert_eq!(
        c.rolling_update.deployment.effective_max_unavailable,
        Some(1)
    );
    assert_eq!(c.rolling_update.deployment.effective_max_surge, Some(1));
}

#[test]
fn not_ready_nodes_keep_daemon_pods_and_evict_replicas_after_300s() {
    let ds = daemon_set("");
    let mut nodes = three_nodes();
    nodes[1].spec.taints = vec![yaml(
        "{key: node.kubernetes.io/not-ready, effect: NoExecute}",
    )];
    let c = compare(&ds, None, Some(3), &nodes, &[], &Priorities::default());
    let diff = &c.tolerations.differences;
    assert_eq!(diff.len(), 1);
    assert_eq!(diff[0].node, "n2");
    assert_eq!(diff[0].deployment_toleration_seconds, Some(300));
    let v = serde_json::to_value(&diff[0]).unwrap();
    assert_eq!(v["daemonPod"], "tolerated");
    assert_eq!(v["deploymentPod"], "evictedAfterSeconds");
    // NoExecute tolerated for 300s still lets the scheduler use the node
    assert_eq!(c.placement.pods_per_node["n2"], 1);
}

#[test]
fn large_cluster_stops_searching_and_caps_work() {
    let nodes: Vec<Node> = (0..300)
        .map(|i| node(&format!("n{i:03}"), &format!("z{}", i % 3), "2"))
        .collect();
    let p = place_deployment(&deployment(3, ""), &nodes, &[]);
    assert_eq!(p.scheduled, 3);
    // 300 nodes: 50% - 2% = 48% → 144 feasible nodes are enough
    let r0 = &p.placements[0];
    assert!(r0.search_stopped_early);
    assert_eq!(r0.feasible.len(), 144);
    // the next search starts where this one stopped
    assert!(p.placements[1]
        .feasible
        .iter()
        .any(|n| n.as_str() >= "n144"));

    // many replicas: per-node detail stops after a budget, the facts do not
    let p = place_deployment(&deployment(400, ""), &nodes, &[]);
    assert_eq!(p.scheduled, 400);
    let last = p.placements.last().unwrap();
    assert!(last.abridged);
    assert!(last.feasible.is_empty() && last.feasible_count > 0);
    let scores = last.scores.as_ref().unwrap();
    assert_eq!(scores.len(), 1);
    assert!(scores.contains_key(last.chosen.as_deref().unwrap()));
    assert!(last.top_nodes_count >= last.top_nodes.len());
    assert!(!p.placements[0].abridged);
    let per_node_max = p.pods_per_node.values().max().copied().unwrap_or(0);
    assert_eq!(
        per_node_max, 2,
        "400 replicas on 300 nodes spread to at most 2 each"
    );
}

#[test]
fn odd_inputs_do_not_panic() {
    let nodes = three_nodes();
    let mut weird = deployment(-3, "");
    let p = place_deployment(&weird, &nodes, &[]);
    assert_eq!(p.placements.len(), 0);
    weird.spec.replicas = None;
    assert_eq!(place_deployment(&weird, &nodes, &[]).replicas, 1);
    weird.spec.selector = None;
    weird.spec.template.spec.containers[0]
        .resources
        .requests
        .insert("cpu", "lots");
    let _ = place_deployment(&weird, &nodes, &[]);
    let _ = place_deployment(&weird, &[], &[]);
    let empty: Deployment = yaml("{}");
    let _ = place_deployment(&empty, &nodes, &[]);
    let bad_affinity = "      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchFields: [{key: metadata.name, operator: In, values: [n1]}]
            - matchFields: [{key: metadata.name, operator: In, values: [n2, n3]}, {key: metadata.name, operator: In, values: [n1]}]
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 5
            preference: {matchExpressions: [{key: x, operator: Gt, values: [y]}]}
        podAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector: {matchExpressions: [{key: app, operator: Bogus}]}
            topologyKey: zone
";
    let p = place_deployment(&deployment(2, bad_affinity), &nodes, &[]);
    assert!(!p.warnings.is_empty());
    // only n1 passes the NodeAffinity PreFilter
    assert_eq!(p.pods_per_node["n1"], 2);
    let conflict = "      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchFields: [{key: metadata.name, operator: In, values: [n1]}, {key: metadata.name, operator: In, values: [n2]}]
";
    let p = place_deployment(&deployment(1, conflict), &nodes, &[]);
    assert_eq!(
        p.placements[0].message.as_deref(),
        Some("0/3 nodes are available: pod affinity terms conflict.")
    );
    let pinned_elsewhere = "      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchFields: [{key: metadata.name, operator: In, values: [n1]}]
      nodeSelector: {disk: ssd}
";
    let p = place_deployment(&deployment(1, pinned_elsewhere), &nodes, &[]);
    assert_eq!(
        p.placements[0].message.as_deref(),
        Some("0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].")
    );
    let ds: DaemonSet = yaml("{}");
    let c = compare(&ds, None, None, &[], &[], &Priorities::default());
    assert_eq!(c.replicas, 0);
    let c = compare(
        &ds,
        Some(&empty),
        Some(i32::MAX),
        &nodes,
        &[],
        &Priorities::default(),
    );
    assert!(c.placement.truncated);
}
