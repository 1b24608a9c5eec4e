//! `check`: for one DaemonSet and a cluster, what the DaemonSet
//! controller and the scheduler do on every node, and why
//! ([`report::Report`]). It runs the controller's per-node decision
//! (`NodeShouldRunDaemonPod`), the scheduler's filters for the daemon pod
//! against the other pods on the node, preemption for a pod that does not
//! fit, the status counters and the rolling-update limits, and proposes
//! fixes ([`fixes`]).

pub mod fixes;
pub mod grid;
pub mod report;

pub use fixes::format_amount;
pub use report::*;

use crate::controllers::daemonset::{DaemonSetPlan, NodeDecision, RolloutLimits};
use crate::k8s::model::{DaemonSet, Node, ObjectRef, Pod, Toleration};
use crate::k8s::names;
use crate::k8s::priority::{Forbidden, Priorities};
use crate::k8s::resources::PodRequests;
use crate::k8s::taints;
use crate::scheduler::{self, FilterOutcome, NodeInfo, PodInfo, Preemption};
use std::collections::HashMap;

/// Evaluates a DaemonSet, prepared as a [`DaemonSetPlan`], against the
/// nodes and the pods bound to them, in a cluster with these
/// PriorityClasses. The report's `errors` and `warnings` are left empty:
/// validating the object and reading the input are the session's part
/// ([`crate::session`]).
pub fn run<'a>(
    plan: &DaemonSetPlan,
    nodes: impl Iterator<Item = &'a Node>,
    pods: impl Iterator<Item = &'a Pod>,
    priorities: &Priorities,
) -> Report {
    run_split(plan, nodes, &BoundPods::split(plan, pods), priorities)
}

/// The pods bound to the nodes (`spec.nodeName`, not Succeeded or
/// Failed), split the controller's way, by node name: the DaemonSet's own
/// ([`DaemonSetPlan::owns`]) feed the counters, the others use resources
/// and ports.
#[derive(Debug, Default)]
pub struct BoundPods<'a> {
    pub own: HashMap<&'a str, Vec<&'a Pod>>,
    pub others: HashMap<&'a str, Vec<&'a Pod>>,
}

impl<'a> BoundPods<'a> {
    pub fn split(plan: &DaemonSetPlan, pods: impl Iterator<Item = &'a Pod>) -> BoundPods<'a> {
        let selector = plan.selector();
        let mut out = BoundPods::default();
        for p in pods {
            if !scheduler::pod_occupies_node(p) {
                continue;
            }
            let node = p.spec.node_name.as_deref().unwrap_or("");
            let mine = selector.as_ref().is_some_and(|s| plan.owns(s, p));
            if mine { &mut out.own } else { &mut out.others }
                .entry(node)
                .or_default()
                .push(p);
        }
        out
    }

    /// The counters are observed (the input has pods of the DaemonSet).
    pub fn observed(&self) -> bool {
        !self.own.is_empty()
    }
}

/// The daemon pod as the check judges it on any node: the controller's pod
/// (template, automatic tolerations, defaulting) with the template's
/// required node affinity (the pinning `matchFields` term always matches
/// the pod's own node, and the rest was already checked by the
/// controller).
pub fn daemon_pod(plan: &DaemonSetPlan) -> PodInfo {
    PodInfo {
        affinity: plan.affinity.clone(),
        ..PodInfo::new(plan.daemon_pod_spec(""))
    }
}

/// What the check decides for one node, before the report's explanations.
#[derive(Debug, Clone)]
pub struct Verdict<'a> {
    /// The controller's `NodeShouldRunDaemonPod`.
    pub decision: NodeDecision,
    /// What the scheduler sees on the node without the DaemonSet's own
    /// pods: its allocatable, the other pods' requests and host ports.
    pub info: NodeInfo<'a>,
    /// The filters' outcome for the daemon pod (where it should run).
    pub outcome: Option<FilterOutcome>,
    pub state: NodeState,
}

/// The check's verdict for `node`: the controller's decision, then the
/// scheduler's filters for `pod` (see [`daemon_pod`]) against the other
/// pods bound to it.
pub fn verdict<'a>(
    plan: &DaemonSetPlan,
    pod: &PodInfo,
    node: &'a Node,
    pods: &BoundPods,
) -> Verdict<'a> {
    let decision = plan.node_should_run(node);
    let mut info = NodeInfo::new(node);
    for p in pods
        .others
        .get(node.name())
        .map(Vec::as_slice)
        .unwrap_or(&[])
    {
        info.add_pod(p.metadata.name(), &p.spec);
    }
    let outcome = decision
        .should_run
        .then(|| scheduler::run_filters(pod, &info));
    let state = match (&decision, &outcome) {
        (d, Some(o)) if d.should_run && o.fits() => NodeState::Scheduled,
        (d, _) if d.should_run => NodeState::Pending,
        (d, _) if d.should_continue_running => NodeState::KeepsExisting,
        _ => NodeState::Excluded,
    };
    Verdict {
        decision,
        info,
        outcome,
        state,
    }
}

/// The daemon pod after the Priority admission plugin: its priority and
/// preemption policy from its PriorityClass, or why every pod the
/// controller creates is refused.
pub fn admitted_pod(
    plan: &DaemonSetPlan,
    priorities: &Priorities,
) -> (PodInfo, Option<FailedCreate>) {
    let pod = daemon_pod(plan);
    match admission(plan, priorities) {
        Ok(a) => {
            let mut spec = pod.spec.clone();
            a.apply(&mut spec);
            let pod = PodInfo {
                affinity: pod.affinity,
                ..PodInfo::new(spec)
            };
            (pod, None)
        }
        Err(failed) => (pod, Some(*failed)),
    }
}

/// What the Priority admission plugin makes of `plan`'s daemon pods: the
/// priority and preemption policy it gives them, or the controller's
/// event when it refuses them (every one: they are all alike).
pub fn admission(
    plan: &DaemonSetPlan,
    priorities: &Priorities,
) -> Result<crate::k8s::priority::Admitted, Box<FailedCreate>> {
    let spec = &plan.pod_spec;
    priorities
        .admit(
            spec.priority_class_name.as_deref(),
            spec.priority,
            spec.preemption_policy.as_deref(),
        )
        .map_err(|e| {
            Box::new(FailedCreate {
                event: format!(
                    "Error creating: pods {} is forbidden: {e}",
                    crate::k8s::field::go_quote(&pods_prefix(plan.ds.metadata.name()))
                ),
                fix: match e {
                    Forbidden::NoSuchClass(class) => {
                        let existing: Vec<String> =
                            priorities.names().map(str::to_string).collect();
                        fixes::create_priority_class(&class, &existing)
                    }
                    Forbidden::Priority { .. } => Fix::RemoveTemplateField {
                        field: "spec.template.spec.priority".into(),
                    },
                    Forbidden::PreemptionPolicy { .. } => Fix::RemoveTemplateField {
                        field: "spec.template.spec.preemptionPolicy".into(),
                    },
                },
            })
        })
}

/// [`run`] with the pods already split.
pub fn run_split<'a>(
    plan: &DaemonSetPlan,
    nodes: impl Iterator<Item = &'a Node>,
    pods: &BoundPods,
    priorities: &Priorities,
) -> Report {
    let nodes: Vec<&Node> = nodes.collect();
    let (pod_info, failed_create) = admitted_pod(plan, priorities);
    let n_nodes = nodes.len();

    let mut reports = Vec::with_capacity(n_nodes);
    for node in &nodes {
        reports.push(node_verdict(
            plan,
            &pod_info,
            failed_create.as_ref(),
            node,
            pods,
            n_nodes,
        ));
    }

    let rows: Vec<Row> = reports.iter().map(Row::from).collect();
    let mut report = summary(plan, &pod_info, &rows, pods.observed());
    report.nodes = reports;
    report
}

/// The report of the DaemonSet over the nodes' verdicts `rows` (one per
/// node, in order; nodes of one class may share one), without the nodes.
fn summary(plan: &DaemonSetPlan, pod_info: &PodInfo, rows: &[Row], observed: bool) -> Report {
    let ds = &plan.ds;
    let selector = plan.selector();
    let desired = rows.iter().filter(|r| r.should_run).count() as i64;
    let limits: RolloutLimits = plan.rollout_limits(desired);
    let mut counts = StateCounts::default();
    for r in rows {
        match r.state {
            NodeState::Scheduled => counts.scheduled += 1,
            NodeState::Pending => counts.pending += 1,
            NodeState::Excluded => counts.excluded += 1,
            NodeState::KeepsExisting => counts.keeps_existing += 1,
            NodeState::FailedCreate => counts.failed_create += 1,
        }
    }
    let status = status_counts(rows, observed);
    let req = &pod_info.requests;
    Report {
        daemon_set: Some(ObjectRef {
            namespace: ds.metadata.namespace().to_string(),
            name: ds.metadata.name().to_string(),
        }),
        input_errors: Vec::new(),
        errors: Vec::new(),
        warnings: Vec::new(),
        skipped: Vec::new(),
        nodes: Vec::new(),
        desired_number_scheduled: desired,
        max_unavailable: limits.max_unavailable,
        max_surge: limits.max_surge,
        controller_max_unavailable: limits.controller_max_unavailable,
        controller_max_surge: limits.controller_max_surge,
        rollout_error: limits.rollout_error,
        max_unavailable_error: limits.max_unavailable_error,
        max_surge_error: limits.max_surge_error,
        update_strategy: ds.spec.update_strategy.clone(),
        daemon_pod_requests: Some(PodRequests::from(req)),
        node_selector: node_selector_column(ds),
        selector: selector.as_ref().map(|s| s.to_string()),
        tolerations: ds.spec.template.spec.tolerations.clone(),
        status,
        counts,
        auto_tolerations: taints::daemon_auto_tolerations(ds.spec.template.spec.host_network()),
    }
}

/// The verdict on one node with what follows from it: the Priority
/// admission's refusal of the pod the controller would create there, and
/// the scheduler's preemption for a pod that does not fit.
struct Judged<'a, 'f> {
    verdict: Verdict<'a>,
    refused: Option<&'f FailedCreate>,
    preemption: Option<Preemption>,
}

fn judge<'a, 'f>(
    plan: &DaemonSetPlan,
    pod_info: &PodInfo,
    failed_create: Option<&'f FailedCreate>,
    node: &'a Node,
    pods: &BoundPods,
) -> Judged<'a, 'f> {
    let mut verdict = verdict(plan, pod_info, node, pods);
    // a pod that exists was admitted; the controller creates none there
    let refused = failed_create
        .filter(|_| verdict.decision.should_run && !pods.own.contains_key(node.name()));
    if refused.is_some() {
        verdict.state = NodeState::FailedCreate;
        verdict.outcome = None;
    }
    let preemption = verdict.outcome.as_ref().filter(|o| !o.fits()).map(|o| {
        let on_node: Vec<(&str, &crate::k8s::model::PodSpec)> = pods
            .others
            .get(node.name())
            .map(|v| v.iter().map(|p| (p.metadata.name(), &p.spec)).collect())
            .unwrap_or_default();
        scheduler::preemption(pod_info, node, &on_node, o)
    });
    Judged {
        verdict,
        refused,
        preemption,
    }
}

/// The whole verdict on one node (of `n_nodes`), with its explanation:
/// what [`run_split`] reports for it.
fn node_verdict(
    plan: &DaemonSetPlan,
    pod_info: &PodInfo,
    failed_create: Option<&FailedCreate>,
    node: &Node,
    pods: &BoundPods,
    n_nodes: usize,
) -> NodeReport {
    let Judged {
        verdict,
        refused,
        preemption,
    } = judge(plan, pod_info, failed_create, node, pods);
    let existing = pods
        .own
        .get(node.name())
        .and_then(|v| v.first())
        .map(|p| ExistingPod {
            name: p.metadata.name().to_string(),
            phase: p.status.phase.clone(),
            ready: crate::controllers::daemonset::pod_is_ready(p),
            updated: plan.pod_is_updated(p),
        });
    node_report(
        plan,
        &plan.ds.spec.template.spec.tolerations,
        node,
        &verdict.info,
        verdict.decision,
        verdict.state,
        verdict.outcome,
        preemption,
        existing,
        n_nodes,
        refused,
    )
}

/// A node's state and reason (and whether the controller wants a pod
/// there), as [`node_verdict`] reports them, without the explanation.
fn node_state(
    plan: &DaemonSetPlan,
    pod_info: &PodInfo,
    failed_create: Option<&FailedCreate>,
    node: &Node,
    pods: &BoundPods,
    n_nodes: usize,
) -> (Row, String) {
    let Judged {
        verdict:
            Verdict {
                decision,
                outcome,
                state,
                ..
            },
        refused,
        preemption,
    } = judge(plan, pod_info, failed_create, node, pods);
    let message = match (&outcome, &preemption) {
        (Some(o), Some(p)) => Some(scheduler::daemon_pod_message(n_nodes, o, p)),
        _ => refused.map(|f| f.event.clone()),
    };
    let own = pods.own.get(node.name());
    let existing = own.and_then(|v| v.first());
    let reason = report::reason_text(
        decision.exclusion.as_ref(),
        existing.is_some(),
        message.as_deref(),
    );
    let row = Row {
        state,
        should_run: decision.should_run,
        existing_pod: existing.map(|p| {
            (
                plan.pod_is_updated(p),
                crate::controllers::daemonset::pod_is_ready(p),
            )
        }),
    };
    (row, reason)
}

/// Every daemon pod is refused at creation (the Priority admission
/// plugin forbids it).
#[derive(Debug, Clone)]
pub struct FailedCreate {
    /// The controller's FailedCreate event on the DaemonSet.
    pub event: String,
    pub fix: Fix,
}

/// `getPodsPrefix`: the generateName of the controller's pods.
pub fn pods_prefix(name: &str) -> String {
    let prefix = format!("{name}-");
    if names::name_is_dns_subdomain(&prefix, true).is_empty() {
        prefix
    } else {
        name.to_string()
    }
}

pub(crate) fn node_selector_column(ds: &DaemonSet) -> String {
    let ns = &ds.spec.template.spec.node_selector;
    if ns.is_empty() {
        "<none>".into()
    } else {
        ns.iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// What the counters read of a node's verdict.
#[derive(Debug, Clone, Copy)]
struct Row {
    state: NodeState,
    should_run: bool,
    /// The DaemonSet's pod there: (updated, ready).
    existing_pod: Option<(bool, bool)>,
}

impl From<&NodeReport> for Row {
    fn from(r: &NodeReport) -> Row {
        Row {
            state: r.state,
            should_run: r.should_run,
            existing_pod: r.existing_pod.as_ref().map(|p| (p.updated, p.ready)),
        }
    }
}

fn status_counts(reports: &[Row], observed: bool) -> StatusCounts {
    let mut s = StatusCounts {
        basis: if observed {
            CountsBasis::Observed
        } else {
            CountsBasis::Projected
        },
        ..Default::default()
    };
    for r in reports {
        if r.should_run {
            s.desired_number_scheduled += 1;
            if observed {
                if let Some((updated, ready)) = r.existing_pod {
                    s.current_number_scheduled += 1;
                    if updated {
                        s.updated_number_scheduled += 1;
                    }
                    if ready {
                        s.number_ready += 1;
                        s.number_available += 1;
                    }
                }
            } else if r.state != NodeState::FailedCreate {
                // the controller creates a pod on every such node; the
                // scheduled ones become Ready and (after minReadySeconds) available
                s.current_number_scheduled += 1;
                s.updated_number_scheduled += 1;
                if r.state == NodeState::Scheduled {
                    s.number_ready += 1;
                    s.number_available += 1;
                }
            }
        } else if observed && r.existing_pod.is_some() {
            s.number_misscheduled += 1;
        }
    }
    s.number_unavailable = s.desired_number_scheduled - s.number_available;
    s
}

/// One node's [`NodeReport`] from the verdict's parts (what `run_split`
/// builds for every node; the cluster view builds it for one cell).
#[allow(clippy::too_many_arguments)]
pub fn node_report(
    plan: &DaemonSetPlan,
    user_tolerations: &[Toleration],
    node: &Node,
    ni: &NodeInfo,
    decision: NodeDecision,
    state: NodeState,
    outcome: Option<FilterOutcome>,
    preemption: Option<Preemption>,
    existing_pod: Option<ExistingPod>,
    n_nodes: usize,
    failed_create: Option<&FailedCreate>,
) -> NodeReport {
    let host_network = plan.pod_spec.host_network();
    let taint_checks: Vec<TaintCheck> = node
        .spec
        .taints
        .iter()
        .map(|t| {
            let idx = taints::tolerated_by(&plan.pod_spec.tolerations, t);
            let toleration = idx.map(|i| plan.pod_spec.tolerations[i].clone());
            let auto_toleration = toleration.as_ref().is_some_and(|tol| {
                taints::is_daemon_auto_toleration(tol, host_network)
                    && !user_tolerations.contains(tol)
            });
            let outcome = match (&toleration, t.effect.as_str()) {
                (Some(_), _) => TaintEffectOnPod::Tolerated,
                (None, taints::NO_EXECUTE) => TaintEffectOnPod::Evicts,
                (None, taints::NO_SCHEDULE) => TaintEffectOnPod::BlocksNewPods,
                (None, _) => TaintEffectOnPod::PreferOnly,
            };
            TaintCheck {
                taint: t.clone(),
                text: taints::format_taint(t),
                outcome,
                toleration,
                auto_toleration,
            }
        })
        .collect();

    let (fits, reasons, failed, first, insufficient, port_conflicts) = match &outcome {
        Some(o) => (
            Some(o.fits()),
            o.reasons(),
            o.failures.iter().map(|f| f.plugin.clone()).collect(),
            o.first_failure().cloned(),
            o.insufficient.clone(),
            o.port_conflicts.clone(),
        ),
        None => (None, Vec::new(), Vec::new(), None, Vec::new(), Vec::new()),
    };
    let message = match (&outcome, &preemption) {
        (Some(o), Some(p)) => Some(scheduler::daemon_pod_message(n_nodes, o, p)),
        _ => failed_create.map(|f| f.event.clone()),
    };
    let mut fixes = fixes::fixes_for(
        node,
        &plan.affinity.node_selector,
        &decision,
        &taint_checks,
        &insufficient,
        &port_conflicts,
    );
    if let Some(f) = failed_create {
        fixes.push(f.fix.clone());
    }
    NodeReport {
        name: node.name().to_string(),
        state,
        should_run: decision.should_run,
        should_continue_running: decision.should_continue_running,
        scheduler_fits: fits,
        scheduler_reasons: reasons,
        scheduler_failed_plugins: failed,
        scheduler_first_failure: first,
        affinity: plan.affinity.check(node),
        exclusion: decision.exclusion.clone(),
        taints: taint_checks,
        labels: node.metadata.labels.clone(),
        unschedulable: node.spec.unschedulable.unwrap_or(false),
        ready: node
            .status
            .conditions
            .iter()
            .find(|c| c.type_ == "Ready")
            .map(|c| c.status == "True"),
        allocatable: ni.allocatable.clone(),
        used: ni.requested.clone(),
        pods_on_node: ni.pod_count,
        insufficient,
        port_conflicts,
        message,
        preemption,
        existing_pod,
        fixes,
    }
}
