//! The example DaemonSets of the playground against their clusters: each
//! makes one point about placement, checked here node by node.
use daemonset_sim::check::{Fix, NodeState, Report, TaintEffectOnPod};
use daemonset_sim::input::Source;
use daemonset_sim::session;

fn run(id: &str) -> Report {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/web/examples/");
    let ds = std::fs::read_to_string(format!("{dir}{id}.daemonset.yaml")).unwrap();
    let nodes = std::fs::read_to_string(format!("{dir}{id}.nodes.yaml")).unwrap();
    let r = session::check(&[
        Source::new(Some("daemonset"), &ds),
        Source::new(Some("nodes"), &nodes),
    ])
    .unwrap();
    assert!(r.errors.is_empty(), "{id}: {:?}", r.errors);
    r
}

fn states(r: &Report) -> Vec<(String, NodeState)> {
    r.nodes.iter().map(|n| (n.name.clone(), n.state)).collect()
}

fn node<'a>(r: &'a Report, name: &str) -> &'a daemonset_sim::check::NodeReport {
    r.nodes.iter().find(|n| n.name == name).unwrap()
}

use NodeState::*;

#[test]
fn basic_nginx_skips_the_control_plane_and_a_full_worker() {
    let r = run("my-daemonset");
    let want = [
        ("control-plane", KeepsExisting),
        ("worker-1", Scheduled),
        ("worker-2", Scheduled),
        ("worker-3", Pending),
    ];
    assert_eq!(states(&r), want.map(|(n, s)| (n.to_string(), s)));
    let w3 = node(&r, "worker-3");
    assert_eq!(w3.scheduler_reasons, ["Insufficient cpu"]);
    assert_eq!(
        w3.message.as_deref(),
        Some(
            "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity]. \
             preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling."
        )
    );
    // 2 cpu allocatable, 1900m used: 100m free for a 250m request
    assert!(w3.fixes.iter().any(|f| matches!(f, Fix::LowerRequest { resource, free, .. } if resource == "cpu" && free == "100m")));
    let cp = node(&r, "control-plane");
    assert_eq!(cp.taints[0].outcome, TaintEffectOnPod::BlocksNewPods);
    assert!(cp.fixes.iter().any(|f| matches!(f, Fix::AddToleration { yaml, .. } if yaml.contains("operator: Exists") && yaml.contains("effect: NoSchedule"))));
    assert_eq!(
        (r.status.desired_number_scheduled, r.status.number_ready),
        (3, 2)
    );
}

#[test]
fn ssd_monitor_follows_its_node_selector_exactly() {
    let r = run("ssd-monitor");
    let scheduled: Vec<_> = r
        .nodes
        .iter()
        .filter(|n| n.state == Scheduled)
        .map(|n| n.name.as_str())
        .collect();
    assert_eq!(scheduled, ["ssd-node-1", "ssd-node-2"]);
    let typo = node(&r, "new-node");
    assert_eq!(typo.state, Excluded);
    assert_eq!(
        typo.affinity.node_selector_mismatches[0].have.as_deref(),
        Some("SSD")
    );
    assert!(typo.fixes.iter().any(|f| matches!(f, Fix::LabelNode { command, .. } if command == "kubectl label node new-node disk-type=ssd --overwrite")));
    assert_eq!(r.node_selector, "disk-type=ssd");
}

#[test]
fn worker_affinity_needs_the_role_label() {
    let r = run("worker-affinity");
    assert_eq!(node(&r, "worker-3").state, Excluded);
    assert_eq!(node(&r, "worker-1").state, Scheduled);
    // the control plane fails affinity first: its taint is never the reason
    assert_eq!(node(&r, "control-plane").state, Excluded);
    assert_eq!(r.desired_number_scheduled, 2);
}

#[test]
fn flannel_install_file_runs_on_the_linux_nodes_it_tolerates() {
    let r = run("flannel");
    let want = [
        ("cp-1", Scheduled),
        ("worker-1", Scheduled),
        ("worker-2", Excluded),
        ("win-1", Excluded),
    ];
    assert_eq!(states(&r), want.map(|(n, s)| (n.to_string(), s)));
    // `operator: Exists, effect: NoSchedule` tolerates the control-plane
    // taint, not a NoExecute one
    let w2 = node(&r, "worker-2");
    assert!(w2
        .taints
        .iter()
        .any(|t| t.outcome == TaintEffectOnPod::Evicts));
    assert!(!node(&r, "win-1").affinity.matches);
    // the rest of the install file is one warning, the objects listed apart
    let warnings: Vec<String> = r.warnings.iter().map(|d| d.message()).collect();
    assert_eq!(
        warnings,
        ["Skipped: 5 other objects are not used: 1 ClusterRole, 1 ClusterRoleBinding, 1 ConfigMap, 1 Namespace, 1 ServiceAccount"]
    );
    let kinds: Vec<&str> = r.skipped.iter().map(|s| s.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "Namespace",
            "ClusterRole",
            "ClusterRoleBinding",
            "ServiceAccount",
            "ConfigMap"
        ]
    );
}

#[test]
fn node_agent_tolerates_every_taint() {
    let r = run("node-agent");
    assert!(
        r.nodes.iter().all(|n| n.state == Scheduled),
        "{:?}",
        states(&r)
    );
    // the cordoned worker: spec.unschedulable never keeps a daemon pod away
    let w3 = node(&r, "worker-3");
    assert!(w3.unschedulable);
    assert!(w3
        .taints
        .iter()
        .any(|t| t.outcome == TaintEffectOnPod::Tolerated));
}

#[test]
fn fluentd_on_a_kubectl_dump() {
    let r = run("fluentd");
    let want = [
        ("cp-1", Scheduled),
        ("worker-1", Scheduled),
        ("worker-2", KeepsExisting),
        ("gpu-1", Excluded),
    ];
    assert_eq!(states(&r), want.map(|(n, s)| (n.to_string(), s)));
    // memory pressure is tolerated automatically by the controller
    let w1 = node(&r, "worker-1");
    assert!(w1
        .taints
        .iter()
        .all(|t| t.outcome == TaintEffectOnPod::Tolerated && t.auto_toleration));
    // NotReady: the automatic not-ready toleration is NoExecute only
    let w2 = node(&r, "worker-2");
    let outcomes: Vec<_> = w2
        .taints
        .iter()
        .map(|t| (t.text.as_str(), t.outcome, t.auto_toleration))
        .collect();
    assert_eq!(
        outcomes,
        [
            (
                "node.kubernetes.io/not-ready:NoSchedule",
                TaintEffectOnPod::BlocksNewPods,
                false
            ),
            (
                "node.kubernetes.io/not-ready:NoExecute",
                TaintEffectOnPod::Tolerated,
                true
            ),
        ]
    );
    assert_eq!(
        node(&r, "gpu-1").taints[0].outcome,
        TaintEffectOnPod::Evicts
    );
    assert_eq!(r.daemon_set.as_ref().unwrap().namespace, "kube-system");
}

#[test]
fn node_exporter_host_port_and_network() {
    let r = run("node-exporter");
    let w2 = node(&r, "worker-2");
    assert_eq!(w2.state, Pending);
    assert_eq!(
        w2.scheduler_first_failure.as_ref().unwrap().plugin,
        "NodePorts"
    );
    assert_eq!(w2.port_conflicts[0].port.port, 9100);
    assert_eq!(w2.port_conflicts[0].used_by, "legacy-exporter-worker-2");
    // network-unavailable is tolerated only because the pod uses hostNetwork
    let w3 = node(&r, "worker-3");
    assert_eq!(w3.state, Scheduled);
    assert!(r
        .auto_tolerations
        .iter()
        .any(|t| t.key == "node.kubernetes.io/network-unavailable"));
    assert_eq!(node(&r, "control-plane").state, KeepsExisting);
}

/// my-daemonset with its own pods in the input: of two template
/// generations, one not Ready, one on a node it should not run on, and
/// a look-alike another controller owns.
fn observed_fixture() -> String {
    let ds = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/web/examples/my-daemonset.daemonset.yaml"
    ))
    .unwrap();
    let ds = ds.replace("metadata:\n  name: my-daemonset\n", "metadata:\n  name: my-daemonset\n  annotations: {deprecated.daemonset.template.generation: \"2\"}\n");
    let pod = |name: &str, node: &str, gen: &str, ready: &str, owner: &str| {
        format!(
            "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  labels: {{app: my-daemonset, pod-template-generation: \"{gen}\"}}\n  ownerReferences: [{{apiVersion: apps/v1, kind: DaemonSet, name: {owner}, controller: true}}]\nspec:\n  nodeName: {node}\n  containers: [{{name: nginx, image: nginx:1.27}}]\nstatus:\n  phase: Running\n  conditions: [{{type: Ready, status: \"{ready}\"}}]\n"
        )
    };
    let nodes = "nodes:\n- {name: control-plane, taints: [\"node-role.kubernetes.io/control-plane:NoSchedule\"]}\n- {name: worker, count: 3}\n";
    let pods = [
        pod("a", "worker-1", "2", "True", "my-daemonset"),
        pod("b", "worker-2", "1", "True", "my-daemonset"),
        pod("c", "worker-3", "2", "False", "my-daemonset"),
        // on a node it should not run on: misscheduled
        pod("d", "control-plane", "2", "True", "my-daemonset"),
        // owned by another controller: not ours, only uses resources
        pod("e", "worker-3", "2", "True", "someone-else"),
    ]
    .concat();
    format!("{ds}---\n{nodes}{pods}")
}

#[test]
fn observed_counters_from_the_daemon_sets_own_pods() {
    let text = observed_fixture();
    let r = session::check(&[Source::new(None, &text)]).unwrap();
    let s = &r.status;
    assert_eq!(s.basis, daemonset_sim::check::CountsBasis::Observed);
    assert_eq!(
        (
            s.desired_number_scheduled,
            s.current_number_scheduled,
            s.number_ready,
            s.updated_number_scheduled,
            s.number_available,
            s.number_misscheduled,
            s.number_unavailable
        ),
        (3, 3, 2, 2, 2, 1, 1)
    );
    assert_eq!(node(&r, "worker-3").pods_on_node, 1);
    assert_eq!(
        node(&r, "worker-3").existing_pod.as_ref().unwrap().name,
        "c"
    );
}

/// A rollout starts from the cluster `check` describes for the running
/// DaemonSet: the same status counters before the change, and per node
/// the check's verdict with the pods it implies (its own pods in the
/// input, or the projected ones).
#[test]
fn rollouts_start_where_check_says() {
    use daemonset_sim::rollout::{NodeModel, PodPhase, DEFAULT_TICK_LIMIT};
    use daemonset_sim::session::ChangeSpec;
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/web/examples/");
    let mut inputs: Vec<(String, String)> = [
        "my-daemonset",
        "ssd-monitor",
        "worker-affinity",
        "node-agent",
        "fluentd",
        "node-exporter",
    ]
    .iter()
    .map(|id| {
        let ds = std::fs::read_to_string(format!("{dir}{id}.daemonset.yaml")).unwrap();
        let nodes = std::fs::read_to_string(format!("{dir}{id}.nodes.yaml")).unwrap();
        (id.to_string(), format!("{ds}\n---\n{nodes}"))
    })
    .collect();
    inputs.push(("observed".into(), observed_fixture()));
    for (id, text) in &inputs {
        let sources = [Source::new(None, text)];
        let r = session::check(&sources).unwrap();
        let run = session::rollout_inputs(
            &sources,
            ChangeSpec::Unspecified,
            &NodeModel::default(),
            DEFAULT_TICK_LIMIT,
        )
        .unwrap();
        let tl = &run.timeline;
        let (c, t) = (&r.status, &tl.initial_status);
        assert_eq!(
            (
                c.desired_number_scheduled,
                c.current_number_scheduled,
                c.number_ready,
                c.number_available,
                c.updated_number_scheduled,
                c.number_misscheduled,
                c.number_unavailable
            ),
            (
                t.desired_number_scheduled,
                t.current_number_scheduled,
                t.number_ready,
                t.number_available,
                t.updated_number_scheduled,
                t.number_misscheduled,
                t.number_unavailable
            ),
            "{id}"
        );
        assert_eq!(c.basis, tl.start_basis, "{id}");
        assert_eq!(r.nodes.len(), tl.nodes.len(), "{id}");
        for cn in &r.nodes {
            let rn = tl.nodes.iter().find(|n| n.name == cn.name).unwrap();
            assert_eq!(cn.state, rn.start.verdict, "{id} {}", cn.name);
            let first = rn.start.pods.first();
            match c.basis {
                daemonset_sim::check::CountsBasis::Observed => assert_eq!(
                    cn.existing_pod.as_ref().map(|p| p.name.as_str()),
                    first.and_then(|p| p.name.as_deref()),
                    "{id} {}",
                    cn.name
                ),
                daemonset_sim::check::CountsBasis::Projected => {
                    let phase = first.map(|p| p.phase);
                    let want = match cn.state {
                        Scheduled => Some(PodPhase::Running),
                        Pending => Some(PodPhase::Pending),
                        Excluded | KeepsExisting | FailedCreate => None,
                    };
                    assert_eq!(phase, want, "{id} {}", cn.name);
                }
            }
        }
    }
}
