//! DaemonSet vs Deployment with the same pod template, on the same
//! cluster: the differences that follow from Kubernetes itself, computed
//! for the input, as structured facts (no prose).
//!
//! - pods per node: one daemon pod on every node the DaemonSet targets
//!   and the scheduler fits; the Deployment's replicas wherever the
//!   scheduler scores highest, possibly several on one node and none on
//!   others;
//! - tolerations: the DaemonSet controller's automatic ones (not-ready and
//!   unreachable NoExecute with no time limit, the pressure and
//!   unschedulable NoSchedule ones, network-unavailable for hostNetwork)
//!   against the two 300-second NoExecute tolerations every ordinary pod
//!   gets from the DefaultTolerationSeconds admission plugin;
//! - a node added or removed: a daemon pod follows the node; the
//!   Deployment keeps its replica count and its pods are rescheduled;
//! - rolling-update rounding: the DaemonSet rounds a maxUnavailable
//!   percentage up, the Deployment rounds it down (maxSurge up), and the
//!   Deployment defaults to 25% / 25%.

pub mod placement;

pub use placement::{place_deployment, Placement};

use crate::check::{self, NodeState};
use crate::controllers::daemonset::{self, DaemonSetPlan};
use crate::controllers::deployment::{self as pod, ReplicaPod};
use crate::k8s::labels::Selector;
use crate::k8s::model::{
    DaemonSet, Deployment, IntOrString, Node, ObjectRef, Pod, Taint, Toleration,
};
use crate::k8s::priority::Priorities;
use crate::k8s::taints;
use crate::scheduler::snapshot::CacheSnapshot;
use crate::scheduler::{self, NodeInfo, PodInfo};
use serde::Serialize;

/// Node removals simulated at most (each one reschedules the lost replicas).
pub const MAX_REMOVAL_SIMULATIONS: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum DeploymentSource {
    /// Built from the DaemonSet's template.
    Derived,
    /// Given in the input.
    Pasted,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum ReplicasSource {
    /// The DaemonSet's desiredNumberScheduled.
    DesiredNumberScheduled,
    /// Asked for (`--replicas`).
    Requested,
    /// The pasted Deployment's `spec.replicas` (1 when unset).
    Deployment,
}

/// Who runs pods on a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Coverage {
    Both,
    DaemonSetOnly,
    DeploymentOnly,
    Neither,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct NodeComparison {
    pub name: String,
    /// The daemon pod's fate on this node.
    pub daemon_set_state: NodeState,
    /// Daemon pods running here (0 or 1).
    pub daemon_pods: usize,
    /// A daemon pod is created here but the scheduler rejects it.
    pub daemon_pod_pending: bool,
    /// Replicas the scheduler binds here.
    pub deployment_pods: usize,
    pub coverage: Coverage,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct NodeCount {
    pub node: String,
    pub pods: usize,
}

/// What a taint does to each kind of pod.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum TaintOutcome {
    /// Tolerated with no time limit.
    Tolerated,
    /// NoExecute tolerated for `tolerationSeconds`, then evicted.
    EvictedAfterSeconds,
    /// PreferNoSchedule, not tolerated: the scheduler scores the node lower.
    ScoredLower,
    /// NoSchedule (or `spec.unschedulable`), not tolerated: no new pod.
    BlocksScheduling,
    /// NoExecute, not tolerated: no pod, a running one is evicted.
    Evicts,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TaintDifference {
    pub node: String,
    pub taint: Taint,
    /// `key=value:Effect`.
    pub text: String,
    /// The taint stands for `spec.unschedulable: true` (a cordoned node).
    pub from_spec_unschedulable: bool,
    pub daemon_pod: TaintOutcome,
    pub deployment_pod: TaintOutcome,
    /// For `EvictedAfterSeconds`.
    pub deployment_toleration_seconds: Option<i64>,
    pub daemon_toleration_seconds: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TolerationFacts {
    /// What the DaemonSet controller adds to every daemon pod.
    pub daemon_set_automatic: Vec<Toleration>,
    /// Every toleration of the daemon pod.
    pub daemon_pod: Vec<Toleration>,
    /// What the DefaultTolerationSeconds admission plugin adds to the
    /// Deployment's pods.
    pub deployment_added: Vec<Toleration>,
    /// Every toleration of the Deployment's pod.
    pub deployment_pod: Vec<Toleration>,
    /// When a node turns NotReady or unreachable: seconds until the daemon
    /// pod is evicted (`None`: never).
    pub daemon_pod_not_ready_eviction_seconds: Option<i64>,
    pub daemon_pod_unreachable_eviction_seconds: Option<i64>,
    pub deployment_pod_not_ready_eviction_seconds: Option<i64>,
    pub deployment_pod_unreachable_eviction_seconds: Option<i64>,
    /// Node taints (and cordons) that treat the two pods differently.
    pub differences: Vec<TaintDifference>,
}

/// A node joins the cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct NodeAddedFacts {
    /// The controller creates a daemon pod on a new node that its
    /// selector, affinity and taints admit.
    pub daemon_set_creates_pod: bool,
    pub daemon_set_desired_after: i64,
    /// The Deployment's replica count does not change.
    pub deployment_replicas_after: i64,
    /// Running replicas do not move (the scheduler only places new pods).
    pub deployment_pods_moved: usize,
    /// Existing nodes a copy of which would get a daemon pod.
    pub nodes_like_these_get_a_daemon_pod: Vec<String>,
}

/// A node leaves the cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct NodeRemovedFacts {
    pub node: String,
    /// Its daemon pod goes with it.
    pub daemon_pod_removed: bool,
    pub daemon_set_desired_after: i64,
    /// Replicas that were on it; the ReplicaSet replaces them.
    pub deployment_pods_lost: usize,
    pub deployment_replicas_after: i64,
    /// Where the replacements go, in order (`None`: Pending).
    pub replacements: Vec<Option<String>>,
    /// The replacements were simulated (only the first
    /// [`MAX_REMOVAL_SIMULATIONS`] nodes with replicas are).
    pub replacements_simulated: bool,
}

/// One workload's rolling-update limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RolloutFacts {
    pub strategy_type: Option<String>,
    pub max_unavailable: Option<IntOrString>,
    pub max_surge: Option<IntOrString>,
    /// What percentages are taken of.
    pub total: i64,
    /// `up` or `down`.
    pub max_unavailable_rounding: &'static str,
    pub max_surge_rounding: &'static str,
    pub scaled_max_unavailable: Option<i64>,
    pub scaled_max_surge: Option<i64>,
    /// After the controller's adjustment (both 0 → maxUnavailable 1).
    pub effective_max_unavailable: Option<i64>,
    pub effective_max_surge: Option<i64>,
    pub zero_zero_adjusted: bool,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RollingUpdateFacts {
    pub daemon_set: RolloutFacts,
    pub deployment: RolloutFacts,
    /// The DaemonSet's own maxUnavailable / maxSurge as a Deployment would
    /// scale them against the same total (maxUnavailable rounded down).
    pub daemon_set_values_as_deployment: RolloutFacts,
}

/// The whole comparison (`daemonset-sim compare --format json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    pub daemon_set: ObjectRef,
    pub deployment: ObjectRef,
    pub deployment_source: DeploymentSource,
    pub replicas: i64,
    pub replicas_source: ReplicasSource,
    pub desired_number_scheduled: i64,
    /// Daemon pods running (scheduled) and Pending.
    pub daemon_pods: usize,
    pub daemon_pods_pending: usize,
    /// Replicas bound and Pending.
    pub deployment_pods: usize,
    pub deployment_pods_pending: usize,
    pub nodes: Vec<NodeComparison>,
    /// Nodes with a daemon pod and no replica.
    pub daemon_set_only: Vec<String>,
    /// Nodes with a replica and no daemon pod.
    pub deployment_only: Vec<String>,
    /// Nodes with two or more replicas.
    pub deployment_doubled_up: Vec<NodeCount>,
    pub tolerations: TolerationFacts,
    pub node_added: NodeAddedFacts,
    pub node_removed: Vec<NodeRemovedFacts>,
    pub rolling_update: RollingUpdateFacts,
    pub placement: Placement,
}

fn eviction_seconds(tolerations: &[Toleration], key: &str) -> Option<i64> {
    let taint = Taint {
        key: key.into(),
        effect: taints::NO_EXECUTE.into(),
        ..Taint::default()
    };
    // every matching toleration counts; the shortest time wins, none means never
    let matching: Vec<&Toleration> = tolerations
        .iter()
        .filter(|t| taints::tolerates(t, &taint))
        .collect();
    if matching.is_empty() {
        return Some(0);
    }
    if matching.iter().any(|t| t.toleration_seconds.is_none()) {
        return None;
    }
    matching
        .iter()
        .filter_map(|t| t.toleration_seconds)
        .min()
        .map(|s| s.max(0))
}

fn taint_outcome(tolerations: &[Toleration], t: &Taint) -> (TaintOutcome, Option<i64>) {
    let matching: Vec<&Toleration> = tolerations
        .iter()
        .filter(|tol| taints::tolerates(tol, t))
        .collect();
    if matching.is_empty() {
        let o = match t.effect.as_str() {
            taints::NO_EXECUTE => TaintOutcome::Evicts,
            taints::NO_SCHEDULE => TaintOutcome::BlocksScheduling,
            _ => TaintOutcome::ScoredLower,
        };
        return (o, None);
    }
    if t.effect == taints::NO_EXECUTE && matching.iter().all(|m| m.toleration_seconds.is_some()) {
        let secs = matching
            .iter()
            .filter_map(|m| m.toleration_seconds)
            .min()
            .map(|s| s.max(0));
        return (TaintOutcome::EvictedAfterSeconds, secs);
    }
    (TaintOutcome::Tolerated, None)
}

fn toleration_facts(
    nodes: &[Node],
    daemon: &[Toleration],
    host_network: bool,
    rp: &ReplicaPod,
) -> TolerationFacts {
    let deploy = &rp.spec.tolerations;
    let mut differences = Vec::new();
    for n in nodes {
        let mut node_taints: Vec<(Taint, bool)> =
            n.spec.taints.iter().map(|t| (t.clone(), false)).collect();
        if n.spec.unschedulable.unwrap_or(false) {
            node_taints.push((
                Taint {
                    key: taints::TAINT_UNSCHEDULABLE.into(),
                    effect: taints::NO_SCHEDULE.into(),
                    ..Taint::default()
                },
                true,
            ));
        }
        for (t, synthetic) in node_taints {
            let (d, ds) = taint_outcome(daemon, &t);
            let (p, ps) = taint_outcome(deploy, &t);
            if (d, ds) != (p, ps) {
                differences.push(TaintDifference {
                    node: n.name().to_string(),
                    text: taints::format_taint(&t),
                    taint: t,
                    from_spec_unschedulable: synthetic,
                    daemon_pod: d,
                    deployment_pod: p,
                    deployment_toleration_seconds: ps,
                    daemon_toleration_seconds: ds,
                });
            }
        }
    }
    TolerationFacts {
        daemon_set_automatic: taints::daemon_auto_tolerations(host_network),
        daemon_pod: daemon.to_vec(),
        deployment_added: rp.added_tolerations.clone(),
        deployment_pod: deploy.clone(),
        daemon_pod_not_ready_eviction_seconds: eviction_seconds(daemon, taints::TAINT_NOT_READY),
        daemon_pod_unreachable_eviction_seconds: eviction_seconds(
            daemon,
            taints::TAINT_UNREACHABLE,
        ),
        deployment_pod_not_ready_eviction_seconds: eviction_seconds(
            deploy,
            taints::TAINT_NOT_READY,
        ),
        deployment_pod_unreachable_eviction_seconds: eviction_seconds(
            deploy,
            taints::TAINT_UNREACHABLE,
        ),
        differences,
    }
}

/// `intstr.GetScaledValueFromIntOrPercent` for one value.
fn scale(
    v: Option<&IntOrString>,
    total: i64,
    up: bool,
) -> Result<i64, crate::k8s::intstr::IntOrPercentError> {
    match v {
        Some(v) => crate::k8s::intstr::scaled_value(v, total, up),
        None => Ok(0),
    }
}

/// The Deployment controller's `ResolveFenceposts`: maxSurge rounded up,
/// maxUnavailable rounded down, both 0 → maxUnavailable 1.
pub fn deployment_rollout_facts(
    strategy_type: Option<String>,
    max_unavailable: Option<IntOrString>,
    max_surge: Option<IntOrString>,
    total: i64,
) -> RolloutFacts {
    let rolling = strategy_type.as_deref() == Some("RollingUpdate");
    let mut f = RolloutFacts {
        strategy_type,
        max_unavailable,
        max_surge,
        total,
        max_unavailable_rounding: "down",
        max_surge_rounding: "up",
        scaled_max_unavailable: None,
        scaled_max_surge: None,
        effective_max_unavailable: None,
        effective_max_surge: None,
        zero_zero_adjusted: false,
        error: None,
    };
    if !rolling {
        return f;
    }
    let surge = scale(f.max_surge.as_ref(), total, true);
    let unavailable = scale(f.max_unavailable.as_ref(), total, false);
    f.scaled_max_surge = surge.as_ref().ok().copied();
    f.scaled_max_unavailable = unavailable.as_ref().ok().copied();
    match (surge, unavailable) {
        (Ok(s), Ok(u)) => {
            f.zero_zero_adjusted = s == 0 && u == 0;
            f.effective_max_surge = Some(s);
            f.effective_max_unavailable = Some(if f.zero_zero_adjusted { 1 } else { u });
        }
        (Err(e), _) | (_, Err(e)) => f.error = Some(e.0),
    }
    f
}

fn daemon_set_rollout_facts(ds: &DaemonSet, desired: i64) -> RolloutFacts {
    let strategy =
        crate::k8s::defaults::defaulted_update_strategy(ds.spec.update_strategy.as_ref());
    let limits = daemonset::rollout_limits(ds, desired);
    let ru = strategy.rolling_update.clone().unwrap_or_default();
    RolloutFacts {
        strategy_type: strategy.type_.clone(),
        max_unavailable: ru.max_unavailable,
        max_surge: ru.max_surge,
        total: desired,
        max_unavailable_rounding: "up",
        max_surge_rounding: "up",
        scaled_max_unavailable: limits.max_unavailable,
        scaled_max_surge: limits.max_surge,
        effective_max_unavailable: limits.controller_max_unavailable,
        effective_max_surge: limits.controller_max_surge,
        zero_zero_adjusted: limits.max_unavailable == Some(0)
            && limits.max_surge == Some(0)
            && limits.controller_max_unavailable == Some(1),
        error: limits.rollout_error,
    }
}

/// Compares a DaemonSet with a Deployment of the same template on the
/// nodes and pods given. `deploy` is the Deployment to compare with
/// (derived from the DaemonSet when `None`); `replicas` overrides its
/// replica count (default: the DaemonSet's desiredNumberScheduled for a
/// derived Deployment, `spec.replicas` for a given one).
pub fn compare(
    ds: &DaemonSet,
    deploy: Option<&Deployment>,
    replicas: Option<i32>,
    nodes: &[Node],
    pods: &[Pod],
    priorities: &Priorities,
) -> Comparison {
    let plan = DaemonSetPlan::new(ds);
    let ds_selector = plan.selector();
    let ds_owned = |p: &Pod| ds_selector.as_ref().is_some_and(|s| plan.owns(s, p));

    // the Deployment's own pods do not take room from the daemon pods
    let deploy_for_ownership = deploy
        .cloned()
        .unwrap_or_else(|| pod::deployment_from_daemon_set(ds, 0));
    let deploy_selector =
        Selector::from_label_selector(deploy_for_ownership.spec.selector.as_ref()).ok();
    let deploy_owned =
        |p: &Pod| pod::owned_by_deployment(&deploy_for_ownership, deploy_selector.as_ref(), p);

    let report = check::run(
        &plan,
        nodes.iter(),
        pods.iter().filter(|p| !deploy_owned(p)),
        priorities,
    );
    let desired = report.desired_number_scheduled;

    let (mut d, source, replicas_source) = match deploy {
        Some(d) => (
            d.clone(),
            DeploymentSource::Pasted,
            if replicas.is_some() {
                ReplicasSource::Requested
            } else {
                ReplicasSource::Deployment
            },
        ),
        None => (
            pod::deployment_from_daemon_set(ds, i32::try_from(desired).unwrap_or(i32::MAX)),
            DeploymentSource::Derived,
            if replicas.is_some() {
                ReplicasSource::Requested
            } else {
                ReplicasSource::DesiredNumberScheduled
            },
        ),
    };
    if let Some(r) = replicas {
        d.spec.replicas = Some(r);
    }
    pod::default_deployment(&mut d);
    let placement = placement::place_deployment_filtered(&d, nodes, pods, |p| !ds_owned(p));
    let rp = ReplicaPod::new(&d);

    // per node
    let mut node_rows = Vec::new();
    let (mut daemon_pods, mut daemon_pending) = (0, 0);
    for r in &report.nodes {
        let running = usize::from(
            r.state == NodeState::Scheduled
                || (r.state == NodeState::KeepsExisting && r.existing_pod.is_some()),
        );
        let pending = r.state == NodeState::Pending;
        daemon_pods += running;
        daemon_pending += usize::from(pending);
        let dep = placement.pods_per_node.get(&r.name).copied().unwrap_or(0);
        let coverage = match (running > 0, dep > 0) {
            (true, true) => Coverage::Both,
            (true, false) => Coverage::DaemonSetOnly,
            (false, true) => Coverage::DeploymentOnly,
            (false, false) => Coverage::Neither,
        };
        node_rows.push(NodeComparison {
            name: r.name.clone(),
            daemon_set_state: r.state,
            daemon_pods: running,
            daemon_pod_pending: pending,
            deployment_pods: dep,
            coverage,
        });
    }
    let daemon_set_only = node_rows
        .iter()
        .filter(|n| n.coverage == Coverage::DaemonSetOnly)
        .map(|n| n.name.clone())
        .collect();
    let deployment_only = node_rows
        .iter()
        .filter(|n| n.coverage == Coverage::DeploymentOnly)
        .map(|n| n.name.clone())
        .collect();
    let deployment_doubled_up = node_rows
        .iter()
        .filter(|n| n.deployment_pods >= 2)
        .map(|n| NodeCount {
            node: n.name.clone(),
            pods: n.deployment_pods,
        })
        .collect();

    let tolerations = toleration_facts(
        nodes,
        &plan.pod_spec.tolerations,
        plan.pod_spec.host_network(),
        &rp,
    );

    let node_added = NodeAddedFacts {
        daemon_set_creates_pod: true,
        daemon_set_desired_after: desired + 1,
        deployment_replicas_after: placement.replicas,
        deployment_pods_moved: 0,
        nodes_like_these_get_a_daemon_pod: {
            // the daemon pod on an empty copy of the node
            let daemon_pod = PodInfo {
                affinity: plan.affinity.clone(),
                ..PodInfo::new(plan.daemon_pod_spec(""))
            };
            nodes
                .iter()
                .filter(|n| {
                    plan.node_should_run(n).should_run
                        && scheduler::run_filters(&daemon_pod, &NodeInfo::new(n)).fits()
                })
                .map(|n| n.name().to_string())
                .collect()
        },
    };

    let node_removed = removal_facts(
        &report, &placement, &d, &rp, nodes, pods, &ds_owned, desired,
    );

    let strategy = d.spec.strategy.clone().unwrap_or_default();
    let ru = strategy.rolling_update.clone().unwrap_or_default();
    let ds_facts = daemon_set_rollout_facts(&plan.ds, desired);
    let ds_as_deploy = deployment_rollout_facts(
        ds_facts.strategy_type.clone(),
        ds_facts.max_unavailable.clone(),
        ds_facts.max_surge.clone(),
        desired,
    );
    let rolling_update = RollingUpdateFacts {
        deployment: deployment_rollout_facts(
            strategy.type_.clone(),
            ru.max_unavailable,
            ru.max_surge,
            placement.replicas,
        ),
        daemon_set: ds_facts,
        daemon_set_values_as_deployment: ds_as_deploy,
    };

    Comparison {
        daemon_set: report.daemon_set.clone().unwrap_or(ObjectRef {
            namespace: ds.metadata.namespace().to_string(),
            name: ds.metadata.name().to_string(),
        }),
        deployment: placement.deployment.clone(),
        deployment_source: source,
        replicas: placement.replicas,
        replicas_source,
        desired_number_scheduled: desired,
        daemon_pods,
        daemon_pods_pending: daemon_pending,
        deployment_pods: placement.scheduled,
        deployment_pods_pending: placement.pending,
        nodes: node_rows,
        daemon_set_only,
        deployment_only,
        deployment_doubled_up,
        tolerations,
        node_added,
        node_removed,
        rolling_update,
        placement,
    }
}

/// What `compare` gives for an input: the comparison when it holds a
/// DaemonSet, the placement alone when it holds only a Deployment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(untagged)]
pub enum CompareResult {
    Comparison(Box<Comparison>),
    Placement(Box<Placement>),
}

#[allow(clippy::too_many_arguments)]
fn removal_facts(
    report: &check::Report,
    placement: &Placement,
    d: &Deployment,
    rp: &ReplicaPod,
    nodes: &[Node],
    pods: &[Pod],
    ds_owned: &dyn Fn(&Pod) -> bool,
    desired: i64,
) -> Vec<NodeRemovedFacts> {
    let incoming = placement::incoming_pod(rp);
    let selector = Selector::from_label_selector(d.spec.selector.as_ref()).ok();
    // the cluster with every replica where it went, built once; removing
    // a node takes its replicas with it
    let mut with_replicas = CacheSnapshot::new(nodes, pods, |p| {
        !ds_owned(p) && !pod::owned_by_deployment(d, selector.as_ref(), p)
    });
    let index = with_replicas.index();
    let chosen: Vec<usize> = placement
        .placements
        .iter()
        .filter_map(|p| p.chosen.as_deref())
        .filter_map(|c| index.get(c).copied())
        .collect();
    for (k, i) in chosen.into_iter().enumerate() {
        crate::scheduler::schedule_one::bind_replica(
            &mut with_replicas,
            i,
            &incoming,
            &format!("kept-{k}"),
        );
    }
    let mut simulated = 0usize;
    let mut out = Vec::new();
    for r in &report.nodes {
        let lost = placement.pods_per_node.get(&r.name).copied().unwrap_or(0);
        let mut facts = NodeRemovedFacts {
            node: r.name.clone(),
            daemon_pod_removed: r.state == NodeState::Scheduled
                || (r.state == NodeState::KeepsExisting && r.existing_pod.is_some()),
            daemon_set_desired_after: desired - i64::from(r.should_run),
            deployment_pods_lost: lost,
            deployment_replicas_after: placement.replicas,
            replacements: Vec::new(),
            replacements_simulated: false,
        };
        if lost > 0 && simulated < MAX_REMOVAL_SIMULATIONS {
            simulated += 1;
            let mut snap = with_replicas.clone();
            snap.remove_node(&r.name);
            let again = crate::scheduler::schedule_one::schedule_replicas(
                &mut snap,
                &incoming,
                placement.placements.len(),
                lost,
                "replacement-",
            );
            facts.replacements = again.into_iter().map(|p| p.chosen).collect();
            facts.replacements_simulated = true;
        }
        out.push(facts);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deployment_rounds_max_unavailable_down_and_surge_up() {
        let f = deployment_rollout_facts(
            Some("RollingUpdate".into()),
            Some(IntOrString::String("25%".into())),
            Some(IntOrString::String("25%".into())),
            3,
        );
        assert_eq!(f.scaled_max_unavailable, Some(0));
        assert_eq!(f.scaled_max_surge, Some(1));
        assert_eq!(f.effective_max_unavailable, Some(0));
        assert!(!f.zero_zero_adjusted);
        let f = deployment_rollout_facts(
            Some("RollingUpdate".into()),
            Some(IntOrString::String("10%".into())),
            Some(IntOrString::Int(0)),
            7,
        );
        assert_eq!(f.scaled_max_unavailable, Some(0));
        assert_eq!(f.effective_max_unavailable, Some(1));
        assert!(f.zero_zero_adjusted);
        let f = deployment_rollout_facts(Some("Recreate".into()), None, None, 7);
        assert_eq!(f.effective_max_unavailable, None);
        let f = deployment_rollout_facts(
            Some("RollingUpdate".into()),
            Some(IntOrString::String("x".into())),
            None,
            7,
        );
        assert!(f.error.is_some());
    }

    #[test]
    fn eviction_seconds_of_tolerations() {
        let rp_tols = pod::default_toleration_seconds(&[]);
        assert_eq!(
            eviction_seconds(&rp_tols, taints::TAINT_NOT_READY),
            Some(300)
        );
        let auto = taints::daemon_auto_tolerations(false);
        assert_eq!(eviction_seconds(&auto, taints::TAINT_UNREACHABLE), None);
        assert_eq!(eviction_seconds(&[], taints::TAINT_UNREACHABLE), Some(0));
    }

    #[test]
    fn taint_outcomes() {
        let unsched = Taint {
            key: taints::TAINT_UNSCHEDULABLE.into(),
            effect: taints::NO_SCHEDULE.into(),
            ..Taint::default()
        };
        let auto = taints::daemon_auto_tolerations(false);
        assert_eq!(taint_outcome(&auto, &unsched).0, TaintOutcome::Tolerated);
        assert_eq!(
            taint_outcome(&[], &unsched).0,
            TaintOutcome::BlocksScheduling
        );
        let not_ready = Taint {
            key: taints::TAINT_NOT_READY.into(),
            effect: taints::NO_EXECUTE.into(),
            ..Taint::default()
        };
        let added = pod::default_toleration_seconds(&[]);
        assert_eq!(
            taint_outcome(&added, &not_ready),
            (TaintOutcome::EvictedAfterSeconds, Some(300))
        );
        assert_eq!(
            taint_outcome(&auto, &not_ready),
            (TaintOutcome::Tolerated, None)
        );
    }
}
