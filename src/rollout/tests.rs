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
        }] => {
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
        .insert("cpu".into(), "1".into());
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
    // The old pod could not have fit either; the simulation assumes it
    // runs, and its replacement does not fit.
    assert!(tl.stalled);
    assert!(tl.stall_reasons.iter().any(|r| matches!(
        r,
        StallReason::Unschedulable { node, beside_old_pod: false, .. } if node == "full"
    )));
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
        let start = std::time::Instant::now();
        let tl = simulate(&old, &image(&old), &nodes(n), &model(5, 2), 1200);
        eprintln!(
            "{mu} {n}: {:?} completed {} ticks {} log {}",
            start.elapsed(),
            tl.completed,
            tl.ticks,
            tl.log.len()
        );
    }
}
