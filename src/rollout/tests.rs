//! The controller's rollout rules, one scenario each.

use super::*;
use crate::input::{self, Source};
use crate::k8s::model::{DaemonSet, Node, Pod};

fn parse(text: &str) -> (Vec<DaemonSet>, Vec<Node>, Vec<Pod>) {
    let o = input::parse(&[Source::new(None, text)]);
    assert!(o.errors.is_empty(), "{:?}", o.errors);
    (
        o.daemon_sets.into_iter().map(|d| d.object).collect(),
        o.nodes.into_iter().map(|n| n.object).collect(),
        o.pods.into_iter().map(|p| p.object).collect(),
    )
}

/// A DaemonSet `agent` with the given updateStrategy / extra spec (YAML
/// lines indented under `spec:`), and template spec lines.
fn ds(spec_extra: &str, pod_extra: &str) -> DaemonSet {
    let text = format!(
        "apiVersion: apps/v1
kind: DaemonSet
metadata: {{name: agent, namespace: kube-system}}
spec:
  selector: {{matchLabels: {{app: agent}}}}
{spec_extra}
  template:
    metadata: {{labels: {{app: agent}}}}
    spec:
{pod_extra}
      containers:
      - name: app
        image: agent:1
"
    );
    let (d, _, _) = parse(&text);
    d.into_iter().next().expect("a DaemonSet")
}

fn nodes(n: usize) -> Vec<Node> {
    let text = format!("nodes:\n  - name: node\n    count: {n}\n");
    parse(&text).1
}

fn image(d: &DaemonSet) -> DaemonSet {
    apply_change(
        d,
        &TemplateChange::Image {
            container: None,
            image: "agent:2".into(),
        },
    )
    .unwrap()
}

fn model(delay: u32, term: u32) -> NodeModel {
    NodeModel {
        ready_delay_seconds: delay,
        termination_seconds: term,
        ..NodeModel::default()
    }
}

fn at(tl: &Timeline, t: u32) -> &TickEntry {
    tl.log.iter().find(|e| e.t == t).unwrap_or_else(|| {
        panic!(
            "no entry at t={t}; logged: {:?}",
            tl.log.iter().map(|e| e.t).collect::<Vec<_>>()
        )
    })
}

fn max_unavailable_seen(tl: &Timeline) -> i64 {
    tl.log
        .iter()
        .map(|e| e.status.number_unavailable)
        .max()
        .unwrap_or(0)
}

#[test]
fn max_unavailable_is_the_budget_of_deleted_old_pods() {
    let old = ds(
        "  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 2}}",
        "",
    );
    let tl = simulate(&old, &image(&old), &nodes(5), &model(3, 0), 1200);
    let t0 = at(&tl, 0);
    // Two old pods go at once (termination 0: gone at once) and their
    // replacements are created in the same second.
    assert_eq!(t0.counts.deleted_old, 2);
    assert_eq!(t0.counts.created, 2);
    assert_eq!(t0.status.number_unavailable, 2);
    assert_eq!(
        t0.kubectl.as_deref(),
        Some("Waiting for daemon set \"agent\" rollout to finish: 2 out of 5 new pods have been updated...")
    );
    assert!(max_unavailable_seen(&tl) <= 2);
    assert!(tl.completed && !tl.stalled);
    // 3 waves of 3 s.
    assert_eq!(tl.ticks, 9);
    assert_eq!(tl.kubectl_done_at, Some(9));
    assert_eq!(
        tl.log.last().and_then(|e| e.kubectl.as_deref()),
        Some("daemon set \"agent\" successfully rolled out")
    );
    assert_eq!(tl.final_status.updated_number_scheduled, 5);
}

#[test]
fn percentages_round_up_and_zero_zero_becomes_one_zero() {
    let old = ds(
        "  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: \"30%\"}}",
        "",
    );
    let tl = simulate(&old, &image(&old), &nodes(3), &model(2, 0), 1200);
    assert_eq!(tl.budget.max_unavailable, Some(1)); // 0.9 -> 1
    assert_eq!(at(&tl, 0).counts.deleted_old, 1);

    let old = ds(
        "  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 0, maxSurge: 0}}",
        "",
    );
    let tl = simulate(&old, &image(&old), &nodes(4), &model(2, 0), 1200);
    assert_eq!(
        (tl.budget.max_unavailable, tl.budget.max_surge),
        (Some(1), Some(0))
    );
    assert_eq!(at(&tl, 0).counts.deleted_old, 1);
    assert!(tl.completed);
    assert_eq!(tl.ticks, 8);
}

#[test]
fn replacement_waits_until_the_old_pod_object_is_gone() {
    let old = ds("", "");
    let tl = simulate(&old, &image(&old), &nodes(2), &model(2, 3), 1200);
    let t0 = at(&tl, 0);
    assert_eq!((t0.counts.deleted_old, t0.counts.created), (1, 0));
    // The terminating pod still counts as Ready and available.
    assert_eq!(t0.status.number_ready, 2);
    assert_eq!(t0.status.updated_number_scheduled, 0);
    let t3 = at(&tl, 3);
    assert_eq!(t3.removed.len(), 1);
    assert_eq!(t3.created.len(), 1);
    assert_eq!(t3.created[0].node, t3.removed[0].node);
    assert_eq!(t3.status.number_ready, 1);
    assert!(!tl.log.iter().any(|e| e.t == 1 || e.t == 2));
}

#[test]
fn min_ready_seconds_is_inclusive() {
    let old = ds("  minReadySeconds: 3", "");
    let tl = simulate(&old, &image(&old), &nodes(2), &model(2, 0), 1200);
    // New pod created at 0, Ready at 2, available at 2 + 3 = 5: only then
    // is the next old pod deleted.
    let t2 = at(&tl, 2);
    assert_eq!(t2.became_ready.len(), 1);
    assert_eq!(t2.status.number_ready, 2);
    assert_eq!(t2.status.number_available, 1);
    assert_eq!(t2.counts.deleted_old, 0);
    let t5 = at(&tl, 5);
    assert_eq!(t5.counts.deleted_old, 1);
    assert_eq!(t5.counts.created, 1);
    assert!(!tl.log.iter().any(|e| e.t == 4));
    assert_eq!(tl.ticks, 10);
}

#[test]
fn surge_creates_beside_old_pods_and_deletes_them_once_available() {
    let old = ds(
        "  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}",
        "",
    );
    let tl = simulate(&old, &image(&old), &nodes(3), &model(4, 2), 1200);
    let t0 = at(&tl, 0);
    assert_eq!((t0.counts.created, t0.counts.deleted_old), (1, 0));
    assert_eq!(t0.created[0].node, "node-1");
    // Surging never makes anything unavailable, and the oldest pod (the
    // old one) is what the status counts until it is gone.
    assert_eq!(max_unavailable_seen(&tl), 0);
    let t4 = at(&tl, 4);
    assert_eq!(
        t4.deleted,
        vec![PodRef {
            node: "node-1".into(),
            generation: Generation::Old
        }]
    );
    assert_eq!(
        t4.created,
        vec![NodeRef {
            node: "node-2".into()
        }]
    );
    assert_eq!(t4.status.updated_number_scheduled, 0);
    let t6 = at(&tl, 6);
    assert_eq!(t6.status.updated_number_scheduled, 1);
    // Never two surge pods at once.
    for e in &tl.log {
        let snap = tl.snapshot(e.t);
        let both = snap
            .nodes
            .iter()
            .filter(|n| {
                let has = |g| {
                    n.pods
                        .iter()
                        .any(|p| p.generation == g && p.phase != PodPhase::Terminating)
                };
                has(Generation::Old) && has(Generation::New)
            })
            .count();
        assert!(both <= 1, "t={}: {both} nodes surging", e.t);
    }
    assert!(tl.completed);
    assert_eq!(tl.ticks, 14);
}

#[test]
fn never_ready_nodes_stall_the_rollout_with_the_budget_named() {
    let old = ds("", "");
    let mut m = model(2, 0);
    m.never_ready = vec!["node-2".into()];
    let tl = simulate(&old, &image(&old), &nodes(4), &m, 1200);
    assert!(tl.stalled && !tl.completed);
    assert_eq!(tl.ticks, tl.last_change_at + STALL_WINDOW_SECONDS);
    assert_eq!(tl.kubectl_done_at, None);
    assert_eq!(
        tl.stall_reasons,
        vec![StallReason::NeverReady {
            nodes: vec!["node-2".into()],
            budget: Some(BudgetKind::MaxUnavailable),
            limit: Some(1),
            waiting: vec!["node-3".into(), "node-4".into()],
        }]
    );
    assert_eq!(tl.final_status.number_unavailable, 1);
    assert_eq!(tl.final_status.updated_number_scheduled, 2);
}

#[test]
fn on_delete_only_replaces_deleted_pods() {
    let old = ds("  updateStrategy: {type: OnDelete}", "");
    let mut m = model(2, 2);
    m.manual_deletes = vec![ManualDelete {
        t: 3,
        node: "node-2".into(),
    }];
    let tl = simulate(&old, &image(&old), &nodes(3), &m, 1200);
    let t0 = at(&tl, 0);
    assert_eq!(t0.counts.created + t0.counts.deleted_old, 0);
    assert_eq!(t0.kubectl, None);
    assert_eq!(
        t0.kubectl_error.as_deref(),
        Some("rollout status is only available for RollingUpdate strategy type")
    );
    let t3 = at(&tl, 3);
    assert_eq!(
        t3.user_deleted,
        vec![PodRef {
            node: "node-2".into(),
            generation: Generation::Old
        }]
    );
    assert!(t3.created.is_empty());
    let t5 = at(&tl, 5);
    assert_eq!(
        t5.created,
        vec![NodeRef {
            node: "node-2".into()
        }]
    );
    assert!(at(&tl, 7).became_ready == vec!["node-2".to_string()]);
    assert!(tl.stalled && !tl.completed);
    assert_eq!(
        tl.stall_reasons,
        vec![StallReason::OnDeleteWaiting {
            nodes: vec!["node-1".into(), "node-3".into()]
        }]
    );
}

#[test]
fn on_delete_never_completes_even_when_every_pod_is_replaced() {
    let old = ds("  updateStrategy: {type: OnDelete}", "");
    let mut m = model(1, 0);
    m.manual_deletes = vec![ManualDelete {
        t: 1,
        node: "node-1".into(),
    }];
    let tl = simulate(&old, &image(&old), &nodes(1), &m, 1200);
    assert!(!tl.completed && tl.stalled);
    assert_eq!(tl.all_updated_at, Some(2));
    assert_eq!(
        tl.stall_reasons,
        vec![StallReason::OnDeleteNoRolloutStatus {
            all_updated_at: Some(2)
        }]
    );
}

#[test]
fn nodes_no_longer_targeted_lose_or_keep_their_pods() {
    let old = ds(
        "",
        "      tolerations: [{key: dedicated, operator: Exists}]",
    );
    let text = "nodes:
  - name: plain
    count: 2
  - name: gpu
    taints: [\"dedicated=gpu:NoSchedule\"]
  - name: evict
    taints: [\"dedicated=x:NoExecute\"]
";
    let nodes = parse(text).1;
    let new = apply_change(&old, &TemplateChange::RemoveTolerations).unwrap();
    let tl = simulate(&old, &new, &nodes, &model(2, 1), 1200);
    let t0 = at(&tl, 0);
    // NoExecute: manage deletes the pod at once. NoSchedule: the pod is
    // kept (misscheduled) but, being old, it is a rolling-update candidate.
    assert_eq!(t0.status.desired_number_scheduled, 2);
    assert_eq!(t0.status.number_misscheduled, 2);
    assert!(t0.deleted.contains(&PodRef {
        node: "evict".into(),
        generation: Generation::Old
    }));
    assert!(tl.completed);
    assert_eq!(tl.final_status.number_misscheduled, 0);
    assert!(tl
        .pods
        .iter()
        .all(|p| p.generation == Generation::Old || (p.node != "gpu" && p.node != "evict")));
}

#[test]
fn host_port_with_max_surge_cannot_be_placed_beside_the_old_pod() {
    let old = ds(
        "  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}",
        "",
    );
    let mut old = old;
    old.spec.template.spec.containers[0].ports = vec![crate::k8s::model::ContainerPort {
        container_port: Some(9100),
        host_port: Some(9100),
        ..Default::default()
    }];
    let tl = simulate(&old, &image(&old), &nodes(2), &model(2, 0), 1200);
    let t0 = at(&tl, 0);
    assert_eq!(t0.counts.created, 1);
    assert_eq!(t0.unschedulable.len(), 1);
    assert!(tl.stalled);
    match tl.stall_reasons.as_slice() {
        [StallReason::HostPortSurge {
            nodes,
            ports,
            max_surge,
        }, StallReason::BudgetHeld {
            budget: BudgetKind::MaxSurge,
            held_by,
            waiting,
            ..
        }] => {
            // and the pending pod holds the surge budget node-2 waits for
            assert_eq!((held_by, waiting), (nodes, &vec!["node-2".to_string()]));
            assert_eq!(nodes, &vec!["node-1".to_string()]);
            assert_eq!(ports.first().map(|p| p.port), Some(9100));
            assert_eq!(*max_surge, 1);
        }
        other => panic!("{other:?}"),
    }
    // The Pending pod counts as current on its node but is not the oldest.
    assert_eq!(t0.status.current_number_scheduled, 2);
    assert_eq!(t0.status.updated_number_scheduled, 0);
    let snap = tl.snapshot(5);
    let n1 = &snap.nodes[0];
    assert_eq!(n1.pods.len(), 2);
    assert_eq!(n1.pods[1].phase, PodPhase::Pending);

    // Without surge the same port is no problem: the old pod goes first.
    let mut plain = old.clone();
    plain.spec.update_strategy = None;
    let tl = simulate(&plain, &image(&plain), &nodes(2), &model(2, 1), 1200);
    assert!(tl.completed);
}

#[test]
fn a_pod_that_does_not_fit_stays_pending_and_is_reported() {
    let old = ds("", "");
    let mut old = old;
    old.spec.template.spec.containers[0]
        .resources
        .requests
        .insert("cpu", "1");
    let text = "nodes:
  - name: full
    allocatable: {cpu: \"2\", memory: 4Gi, pods: 110}
    pods:
      - {name: hog, requests: {cpu: 1500m}}
  - name: roomy
";
    let (_, nodes, pods) = parse(text);
    assert_eq!(pods.len(), 1);
    let tl = simulate_with_pods(&old, &image(&old), &nodes, &pods, &model(1, 0), 1200);
    // The old pod could not fit either (500m free for 1 cpu): it starts
    // Pending, and so does its replacement.
    assert!(tl.stalled);
    assert!(tl.stall_reasons.iter().any(|r| matches!(
        r,
        StallReason::Unschedulable { node, beside_old_pod: false, .. } if node == "full"
    )));
}

// ------------------------------------------------- the state at t = 0

fn start<'a>(tl: &'a Timeline, node: &str) -> &'a NodeStart {
    &tl.nodes
        .iter()
        .find(|n| n.name == node)
        .unwrap_or_else(|| panic!("no node {node}"))
        .start
}

/// Where the check says Pending, the old pod is Pending too: not Ready,
/// unavailable from t = 0, and (maxUnavailable 1) it holds the budget, so
/// the other node is never updated.
#[test]
fn a_pending_daemon_pod_starts_pending_and_unavailable() {
    let mut old = ds("", "");
    old.spec.template.spec.containers[0]
        .resources
        .requests
        .insert("cpu", "250m");
    let text = "nodes:
  - name: a-roomy
  - name: b-full
    allocatable: {cpu: \"2\", memory: 4Gi, pods: 110}
    pods:
      - {name: batch, requests: {cpu: 1900m}}
";
    let (_, nodes, pods) = parse(text);
    let tl = simulate_with_pods(&old, &image(&old), &nodes, &pods, &model(2, 1), 1200);
    assert_eq!(tl.start_basis, crate::check::CountsBasis::Projected);
    let full = start(&tl, "b-full");
    assert_eq!(full.verdict, crate::check::NodeState::Pending);
    assert_eq!(full.pods.len(), 1);
    let p = &full.pods[0];
    assert_eq!(p.phase, PodPhase::Pending);
    assert!(!p.ready && !p.available);
    assert_eq!(p.unschedulable_reasons, ["Insufficient cpu"]);
    let roomy = start(&tl, "a-roomy");
    assert_eq!(roomy.verdict, crate::check::NodeState::Scheduled);
    assert!(roomy.pods[0].available);
    // READY 1 of 2 before the change, as `check` counts it.
    let s = &tl.initial_status;
    assert_eq!(
        (
            s.desired_number_scheduled,
            s.current_number_scheduled,
            s.number_ready,
            s.number_available,
            s.number_unavailable
        ),
        (2, 2, 1, 1, 1)
    );
    // t = 0: the unavailable old pod is replaced at once (it is Pending:
    // gone at once), its replacement is Pending as well, and it takes the
    // whole budget: a-roomy keeps its old pod.
    let t0 = at(&tl, 0);
    assert_eq!(
        t0.deleted,
        vec![PodRef {
            node: "b-full".into(),
            generation: Generation::Old
        }]
    );
    assert_eq!(
        t0.created,
        vec![NodeRef {
            node: "b-full".into()
        }]
    );
    assert_eq!(t0.status.number_unavailable, 1);
    assert!(tl.stalled && tl.log.len() == 1);
    assert!(tl.stall_reasons.contains(&StallReason::BudgetHeld {
        budget: BudgetKind::MaxUnavailable,
        limit: 1,
        held_by: vec!["b-full".into()],
        waiting: vec!["a-roomy".into()],
    }));
    let old_pod = &tl.pods[full.pods[0].id as usize];
    assert!(old_pod.preexisting && old_pod.scheduled_at.is_none());
}

/// A DaemonSet's own pods, as `kubectl get pods -o yaml` shows them.
fn own_pod(node: &str, ready: bool, extra_meta: &str) -> String {
    format!(
        "apiVersion: v1
kind: Pod
metadata:
  name: agent-{node}
  namespace: kube-system
  labels: {{app: agent, pod-template-generation: \"1\"}}
  ownerReferences: [{{apiVersion: apps/v1, kind: DaemonSet, name: agent, uid: u1, controller: true}}]
{extra_meta}spec:
  nodeName: {node}
  containers: [{{name: app, image: agent:1}}]
status:
  phase: Running
  conditions: [{{type: Ready, status: \"{}\"}}]
",
        if ready { "True" } else { "False" }
    )
}

fn with_generation(mut d: DaemonSet) -> DaemonSet {
    d.metadata
        .annotations
        .insert("deprecated.daemonset.template.generation", "1");
    d
}

/// With the DaemonSet's own pods in the input, those are the pods at
/// t = 0, with their readiness; a node without one starts empty and the
/// controller creates a (new) pod there at once.
#[test]
fn observed_pods_are_the_starting_pods() {
    let old = with_generation(ds("", ""));
    let text = format!(
        "nodes: [{{name: node, count: 3}}]\n---\n{}---\n{}",
        own_pod("node-1", true, ""),
        own_pod("node-2", false, "")
    );
    let (_, nodes, pods) = parse(&text);
    let tl = simulate_with_pods(&old, &image(&old), &nodes, &pods, &model(2, 0), 1200);
    assert_eq!(tl.start_basis, crate::check::CountsBasis::Observed);
    let n1 = start(&tl, "node-1");
    assert_eq!(n1.pods.len(), 1);
    assert_eq!(n1.pods[0].name.as_deref(), Some("agent-node-1"));
    assert!(n1.pods[0].ready && n1.pods[0].available && n1.pods[0].updated);
    let n2 = start(&tl, "node-2");
    assert!(!n2.pods[0].ready && !n2.pods[0].available);
    assert_eq!(n2.pods[0].phase, PodPhase::Running);
    assert!(start(&tl, "node-3").pods.is_empty());
    let s = &tl.initial_status;
    assert_eq!(
        (
            s.desired_number_scheduled,
            s.current_number_scheduled,
            s.number_ready,
            s.number_available,
            s.updated_number_scheduled,
            s.number_unavailable
        ),
        (3, 2, 1, 1, 2, 2)
    );
    // t = 0: node-3 gets its pod (manage), node-2's unavailable old pod
    // is replaced (rollingUpdate), node-1 waits: two nodes are already
    // unavailable, more than maxUnavailable 1.
    let t0 = at(&tl, 0);
    assert_eq!(
        t0.deleted,
        vec![PodRef {
            node: "node-2".into(),
            generation: Generation::Old
        }]
    );
    assert_eq!(
        t0.created,
        vec![
            NodeRef {
                node: "node-2".into()
            },
            NodeRef {
                node: "node-3".into()
            }
        ]
    );
    assert!(tl.completed);
    // node-2 and node-3 Ready at 2, then node-1 replaced: Ready at 4.
    assert_eq!(tl.ticks, 4);
}

/// An untolerated NoSchedule taint keeps a running pod: it starts there,
/// counts as misscheduled, and (an old pod) the rolling update deletes it
/// as a candidate, without a replacement.
#[test]
fn a_running_pod_on_a_keeps_existing_node_stays_misscheduled() {
    let old = with_generation(ds("", ""));
    let text = format!(
        "nodes:
  - name: node
    count: 2
  - name: tainted
    taints: [\"dedicated=x:NoSchedule\"]
---
{}---
{}---
{}",
        own_pod("node-1", true, ""),
        own_pod("node-2", true, ""),
        own_pod("tainted", true, "")
    );
    let (_, nodes, pods) = parse(&text);
    let tl = simulate_with_pods(&old, &image(&old), &nodes, &pods, &model(2, 0), 1200);
    let t = start(&tl, "tainted");
    assert_eq!(t.verdict, crate::check::NodeState::KeepsExisting);
    assert!(t.pods[0].available);
    assert_eq!(tl.initial_status.number_misscheduled, 1);
    assert_eq!(tl.initial_status.desired_number_scheduled, 2);
    assert_eq!(at(&tl, 0).status.number_misscheduled, 1);
    assert!(tl.completed);
    assert_eq!(tl.final_status.number_misscheduled, 0);
    assert!(!tl
        .pods
        .iter()
        .any(|p| p.node == "tainted" && p.generation == Generation::New));

    // Without the pod in the input, the check projects none there.
    let only_targeted = format!(
        "nodes: [{{name: node, count: 2}}, {{name: tainted, taints: [\"dedicated=x:NoSchedule\"]}}]\n---\n{}",
        own_pod("node-1", true, "")
    );
    let (_, nodes, pods) = parse(&only_targeted);
    let tl = simulate_with_pods(&old, &image(&old), &nodes, &pods, &model(2, 0), 1200);
    assert!(start(&tl, "tainted").pods.is_empty());
    assert_eq!(tl.initial_status.number_misscheduled, 0);
}

/// A running pod where the controller wants none at all (an untolerated
/// NoExecute taint, a selector that no longer matches) starts there and
/// is deleted in the first sync.
#[test]
fn a_running_pod_on_an_excluded_node_is_deleted_at_once() {
    let old = with_generation(ds("", ""));
    let text = format!(
        "nodes:
  - name: node
  - name: evicting
    taints: [\"dedicated=x:NoExecute\"]
---
{}---
{}",
        own_pod("node", true, ""),
        own_pod("evicting", true, "")
    );
    let (_, nodes, pods) = parse(&text);
    let tl = simulate_with_pods(&old, &image(&old), &nodes, &pods, &model(2, 1), 1200);
    let e = start(&tl, "evicting");
    assert_eq!(e.verdict, crate::check::NodeState::Excluded);
    assert_eq!(e.pods.len(), 1);
    assert_eq!(tl.initial_status.number_misscheduled, 1);
    let t0 = at(&tl, 0);
    assert!(t0.deleted.contains(&PodRef {
        node: "evicting".into(),
        generation: Generation::Old
    }));
    assert!(tl.completed);
    assert!(!tl
        .pods
        .iter()
        .any(|p| p.node == "evicting" && p.generation == Generation::New));
}

/// An input pod already being deleted starts terminating and goes after
/// the termination time.
#[test]
fn a_terminating_input_pod_starts_terminating() {
    let old = with_generation(ds("", ""));
    let text = format!(
        "nodes: [{{name: node, count: 1}}]\n---\n{}",
        own_pod(
            "node-1",
            true,
            "  deletionTimestamp: \"2026-01-01T00:00:00Z\"\n"
        )
    );
    let (_, nodes, pods) = parse(&text);
    let tl = simulate_with_pods(&old, &image(&old), &nodes, &pods, &model(2, 3), 1200);
    let n = start(&tl, "node-1");
    assert_eq!(n.pods[0].phase, PodPhase::Terminating);
    let p = &tl.pods[n.pods[0].id as usize];
    assert_eq!(p.removed_at, Some(3));
    // The controller waits for it (a node with only a deleted pod gets no
    // second one), then creates the new pod.
    assert!(tl
        .pods
        .iter()
        .any(|p| p.generation == Generation::New && p.created_at == 3));
}

// ------------------------------------------------------ other orders

/// Which node goes first changes when the rollout ends: with one slow
/// node among fast ones and room for two at a time, the slow one either
/// goes in the first wave (done at 10) or after the fast ones (done at 11).
#[test]
fn the_range_covers_every_order() {
    let old = ds(
        "  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 2}}",
        "",
    );
    let mut m = model(1, 0);
    m.per_node_ready_delay.insert("node-1".into(), 10);
    let tl = simulate(&old, &image(&old), &nodes(3), &m, 1200);
    // The run shown: node-1 and node-2 first.
    assert_eq!(tl.ticks, 10);
    let o = &tl.orders;
    assert_eq!(o.rule, "nodeName");
    assert_eq!(o.exploration, OrderExploration::Exhaustive);
    // {node-1, a fast one} or {both fast ones}: node-2 and node-3 are
    // interchangeable.
    assert_eq!((o.orders, o.classes), (2, 2));
    assert_eq!(
        o.completed,
        Some(TickRange {
            orders: 2,
            earliest: 10,
            latest: 11
        })
    );
    assert_eq!(o.kubectl_done, o.completed);
    assert!(o.stalled.is_none() && o.depends_on_order);
}

/// Where the never-ready node comes in the order decides when the
/// rollout stops moving: first, second, third or last of four nodes
/// taking 2 s each.
#[test]
fn the_range_covers_every_stall_point() {
    let old = ds("", "");
    let mut m = model(2, 0);
    m.never_ready = vec!["node-2".into()];
    let tl = simulate(&old, &image(&old), &nodes(4), &m, 1200);
    let o = &tl.orders;
    assert_eq!(o.exploration, OrderExploration::Exhaustive);
    assert_eq!((o.orders, o.classes), (4, 2));
    assert_eq!(
        o.stalled,
        Some(TickRange {
            orders: 4,
            earliest: 0,
            latest: 6
        })
    );
    assert!(o.completed.is_none() && o.kubectl_done.is_none());
    // The run shown takes node-1 first: it stops moving at 2.
    assert_eq!(tl.last_change_at, 2);
}

/// Alike nodes give one order however many there are; a rollout without
/// choices (everything at once) too.
#[test]
fn alike_nodes_have_one_order() {
    let old = ds("", "");
    let tl = simulate(&old, &image(&old), &nodes(20), &model(3, 1), 1200);
    let o = &tl.orders;
    assert_eq!(
        (o.exploration, o.orders, o.classes),
        (OrderExploration::Exhaustive, 1, 1)
    );
    assert_eq!(o.work, 0);
    assert!(!o.depends_on_order);
    assert_eq!(o.completed.as_ref().map(|r| r.earliest), Some(tl.ticks));

    let all = ds(
        "  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: \"100%\"}}",
        "",
    );
    let mut m = model(3, 1);
    m.per_node_ready_delay.insert("node-1".into(), 9);
    let tl = simulate(&all, &image(&all), &nodes(3), &m, 1200);
    assert_eq!((tl.orders.orders, tl.orders.classes), (1, 0));
}

/// Too many orders for the budget: seeded samples, the same every time.
#[test]
fn too_many_orders_are_sampled_deterministically() {
    let old = ds(
        "  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 3}}",
        "",
    );
    let n = 40;
    let mut m = model(1, 1);
    for i in 1..=n {
        m.per_node_ready_delay
            .insert(format!("node-{i}"), 1 + (i as u32 * 7) % 13);
    }
    let budget = 40_000;
    let run = || {
        super::simulate::simulate_with_budget(
            &old,
            &image(&old),
            InCluster {
                nodes: &nodes(n),
                pods: &[],
                priorities: &Default::default(),
            },
            &m,
            1200,
            budget,
        )
        .orders
    };
    let o = run();
    assert_eq!(o.exploration, OrderExploration::Sampled);
    assert_eq!(o.budget, budget);
    assert!(o.seed.is_some() && o.orders > 1);
    assert!(o.work <= o.budget);
    assert_eq!(o, run());
}

/// `kubectl_done` is the success of `kubectl rollout status`.
#[test]
fn kubectl_done_agrees_with_the_status_viewer() {
    for (rolling, gen, updated, available, observed) in [
        (true, 2, 3, 3, 2),
        (true, 2, 2, 3, 2),
        (true, 2, 3, 2, 2),
        (true, 3, 3, 3, 2),
        (false, 2, 3, 3, 2),
    ] {
        let s = DsStatus {
            desired_number_scheduled: 3,
            updated_number_scheduled: updated,
            number_available: available,
            observed_generation: observed,
            ..DsStatus::default()
        };
        assert_eq!(
            super::engine::kubectl_done(rolling, gen, &s),
            super::engine::kubectl_line(rolling, "x", gen, &s).2
        );
    }
}

#[test]
fn zero_ready_delay_is_ready_at_creation() {
    let old = ds("", "");
    let tl = simulate(&old, &image(&old), &nodes(3), &model(0, 0), 1200);
    // Each sync of t = 0 sees the previous replacement Ready at once.
    assert!(tl.completed);
    assert_eq!(tl.ticks, 0);
    assert_eq!(at(&tl, 0).counts.created, 3);
}

#[test]
fn tick_limit_stops_an_unfinished_rollout() {
    let old = ds("", "");
    let tl = simulate(&old, &image(&old), &nodes(3), &model(100, 0), 150);
    assert!(!tl.completed && !tl.stalled);
    assert_eq!(tl.ticks, 150);
    assert_eq!(tl.final_status.updated_number_scheduled, 2);
}

#[test]
fn long_delays_are_jumped_over_not_mistaken_for_a_stall() {
    let old = ds("", "");
    let tl = simulate(&old, &image(&old), &nodes(2), &model(500, 0), 5000);
    assert!(tl.completed);
    assert_eq!(tl.ticks, 1000);
    assert_eq!(tl.log.len(), 3);
}

#[test]
fn snapshot_shows_every_node_at_an_instant() {
    let old = ds("", "");
    let tl = simulate(&old, &image(&old), &nodes(2), &model(2, 1), 1200);
    let s = tl.snapshot(0);
    assert_eq!(s.nodes.len(), 2);
    assert_eq!(s.nodes[0].pods[0].phase, PodPhase::Terminating);
    assert!(s.nodes[0].pods[0].ready);
    assert_eq!(s.nodes[1].pods[0].generation, Generation::Old);
    let s = tl.snapshot(2);
    assert_eq!(s.nodes[0].pods.len(), 1);
    assert_eq!(s.nodes[0].pods[0].generation, Generation::New);
    assert!(!s.nodes[0].pods[0].ready);
    assert_eq!(s.status.updated_number_scheduled, 1);
    let s = tl.snapshot(3);
    assert!(s.nodes[0].pods[0].available);
}

#[test]
fn node_changes_create_keep_and_delete() {
    let d = ds("", "      nodeSelector: {role: worker}");
    let before = parse(
        "nodes:
  - {name: a, labels: {role: worker}}
  - {name: b, labels: {role: worker}}
  - {name: c, labels: {role: worker}}
  - {name: d, labels: {role: worker}}
  - {name: e, labels: {role: worker}}
",
    )
    .1;
    let after = parse(
        "nodes:
  - {name: a, labels: {role: worker}}
  - {name: b}
  - {name: c, labels: {role: worker}, taints: [\"maint:NoSchedule\"]}
  - {name: d, labels: {role: worker}, taints: [\"maint:NoExecute\"]}
  - {name: f, labels: {role: worker}}
",
    )
    .1;
    let r = simulate_node_change(&d, &before, &after);
    let action = |n: &str| r.nodes.iter().find(|c| c.node == n).map(|c| c.action);
    assert_eq!(action("a"), Some(NodeAction::Keep));
    assert_eq!(action("b"), Some(NodeAction::Delete));
    assert_eq!(action("c"), Some(NodeAction::KeepMisscheduled));
    assert_eq!(action("d"), Some(NodeAction::Delete));
    assert_eq!(action("e"), Some(NodeAction::NodeRemoved));
    assert_eq!(action("f"), Some(NodeAction::Create));
    assert_eq!(r.created, vec!["f".to_string()]);
    assert_eq!(r.status_before.desired_number_scheduled, 5);
    assert_eq!(r.status_after.desired_number_scheduled, 2);
    assert_eq!(r.status_after.current_number_scheduled, 2);
    assert_eq!(r.status_after.number_misscheduled, 1);
}

/// Timing on 5,000 nodes (`cargo test --release -- --ignored perf`).
#[test]
#[ignore]
fn perf_big_cluster() {
    for (mu, n) in [("1", 5000usize), ("\"100%\"", 5000), ("\"10%\"", 5000)] {
        let old = ds(
            &format!("  updateStrategy: {{type: RollingUpdate, rollingUpdate: {{maxUnavailable: {mu}}}}}"),
            "",
        );
        let nodes = nodes(n);
        // alike nodes, then ready delays of 1 to 10 s (ten classes)
        let varied = NodeModel {
            per_node_ready_delay: nodes
                .iter()
                .enumerate()
                .map(|(i, nd)| (nd.name().to_string(), 1 + (i as u32 * 7) % 10))
                .collect(),
            ..model(5, 2)
        };
        for (what, m) in [("alike", model(5, 2)), ("varied", varied)] {
            let start = std::time::Instant::now();
            let tl = simulate(&old, &image(&old), &nodes, &m, 1200);
            let o = &tl.orders;
            eprintln!(
                "{mu} {n} {what}: {:?} completed {} ticks {} log {}; orders {:?} {} classes {} work {} completed {:?}",
                start.elapsed(),
                tl.completed,
                tl.ticks,
                tl.log.len(),
                o.exploration,
                o.orders,
                o.classes,
                o.work,
                o.completed.as_ref().map(|r| (r.earliest, r.latest)),
            );
        }
    }
}

/// The Priority admission plugin, as in the check: a template whose
/// class does not exist has every pod refused. Old template refused: the
/// nodes start with no pod (the check says FailedCreate) and a change to a
/// class that exists creates them; new template refused: the old pods the
/// budget lets go are deleted and nothing replaces them, and the rollout
/// stalls saying why, with the controller's event.
#[test]
fn a_missing_priority_class_refuses_the_pods_as_the_check_says() {
    let system = crate::k8s::priority::Priorities::default();
    let three = nodes(3);
    let in_cluster = |old: &DaemonSet, new: &DaemonSet, priorities| {
        let cluster = InCluster {
            nodes: &three,
            pods: &[],
            priorities,
        };
        simulate_in_cluster(old, new, cluster, &model(1, 0), 600)
    };
    let missing = ds("", "      priorityClassName: high");
    let plain = ds("", "");
    let pc = |d: &DaemonSet, class: &str| {
        let mut d = d.clone();
        d.spec.template.spec.priority_class_name = Some(class.into());
        d
    };
    let event =
        "Error creating: pods \"agent-\" is forbidden: no PriorityClass with name high was found";

    // refused before and after: no pod ever, FailedCreate on every node
    let tl = in_cluster(&missing, &image(&missing), &system);
    assert!(tl.pods.is_empty(), "{:?}", tl.pods);
    assert_eq!(tl.initial_status.current_number_scheduled, 0);
    // the start is the check's verdict
    assert!(tl
        .nodes
        .iter()
        .all(|n| n.start.verdict == crate::check::NodeState::FailedCreate));
    assert!(tl.stalled && !tl.completed);
    assert_eq!(
        tl.stall_reasons.first(),
        Some(&StallReason::FailedCreate {
            event: event.into(),
            nodes: vec!["node-1".into(), "node-2".into(), "node-3".into()],
        })
    );

    // a change to a class that exists: the pods are created
    let tl = in_cluster(&missing, &pc(&missing, "system-node-critical"), &system);
    assert!(tl.completed, "{:?}", tl.stall_reasons);
    assert_eq!(tl.pods.len(), 3);

    // running pods, a change to a missing class: maxUnavailable 1 lets one
    // old pod go, and its node stays without a pod
    let tl = in_cluster(&plain, &pc(&plain, "high"), &system);
    assert_eq!(tl.initial_status.current_number_scheduled, 3);
    assert!(tl.stalled && !tl.completed);
    let Some(StallReason::FailedCreate {
        event: e,
        nodes: empty,
    }) = tl.stall_reasons.first()
    else {
        panic!("{:?}", tl.stall_reasons)
    };
    assert_eq!(e, event);
    assert_eq!(empty.len(), 1, "{empty:?}");
    assert_eq!(
        tl.pods
            .iter()
            .filter(|p| p.generation == Generation::New)
            .count(),
        0
    );

    // with the class in the cluster the same change rolls out
    let high: crate::k8s::model::PriorityClass = serde_json::from_value(serde_json::json!({
        "apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass",
        "metadata": {"name": "high"}, "value": 1000
    }))
    .unwrap();
    let with_high = crate::k8s::priority::Priorities::new([&high]);
    let tl = in_cluster(&plain, &pc(&plain, "high"), &with_high);
    assert!(tl.completed, "{:?}", tl.stall_reasons);
}
