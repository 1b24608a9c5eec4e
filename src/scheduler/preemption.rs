//! Preemption (pkg/scheduler/framework/preemption and the
//! DefaultPreemption plugin) for a pod that fits no node: which
//! lower-priority pods on its node it would evict (`SelectVictimsOnNode`),
//! and the `preemption: ...` part of the FailedScheduling message.

use super::framework::{
    fit_error_message, run_filters, FilterOutcome, NodeInfo, PodInfo,
    REASON_PREFILTER_NODE_AFFINITY,
};
use super::plugins::{node_ports, node_resources_fit};
use crate::k8s::model::{Node, PodSpec};
use crate::k8s::priority::PREEMPT_NEVER;
use crate::k8s::resources;
use serde::Serialize;

pub const REASON_PREEMPTION_NOT_HELPFUL: &str = "Preemption is not helpful for scheduling";
pub const REASON_NO_VICTIMS: &str = "No preemption victims found for incoming pod";

/// The pod's priority as the Priority admission plugin sets it:
/// `spec.priority` when the object has it (dumps do), else the built-in
/// classes; any other class counts as 0 (its PriorityClass object is not
/// in the input).
pub fn pod_priority(spec: &PodSpec) -> i32 {
    if let Some(p) = spec.priority {
        return p;
    }
    match spec.priority_class_name.as_deref() {
        Some("system-node-critical") => 2_000_001_000,
        Some("system-cluster-critical") => 2_000_000_000,
        _ => 0,
    }
}

/// What the DefaultPreemption plugin finds on the pod's node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "outcome", rename_all = "camelCase")]
pub enum Preemption {
    /// The pod may not preempt at all: its `preemptionPolicy` is `Never`
    /// (`PodEligibleToPreemptOthers`).
    NotEligible,
    /// The node failed a filter that evicting pods cannot fix (a taint,
    /// affinity, or a request larger than the node's allocatable).
    NotHelpful,
    /// No pod on the node has a lower priority than this one.
    NoVictims,
    /// Even without every lower-priority pod the pod does not fit.
    #[serde(rename_all = "camelCase")]
    StillDoesNotFit { reasons: Vec<String> },
    /// The scheduler evicts these lower-priority pods, then binds the pod.
    #[serde(rename_all = "camelCase")]
    Preempts { victims: Vec<String> },
}

impl Preemption {
    /// The node's reasons in the preemption summary message (none when
    /// preemption succeeds).
    pub fn reasons(&self) -> Vec<String> {
        match self {
            Preemption::NotEligible => Vec::new(),
            Preemption::NotHelpful => vec![REASON_PREEMPTION_NOT_HELPFUL.into()],
            Preemption::NoVictims => vec![REASON_NO_VICTIMS.into()],
            Preemption::StillDoesNotFit { reasons } => reasons.clone(),
            Preemption::Preempts { .. } => Vec::new(),
        }
    }
}

/// Whether the first failing plugin's status is `Unschedulable` (evicting
/// pods might help) rather than `UnschedulableAndUnresolvable`.
/// NodeResourcesFit is unresolvable when a request exceeds the node's
/// whole allocatable.
pub fn failure_is_resolvable(outcome: &FilterOutcome) -> bool {
    match outcome.first_failure().map(|f| f.plugin.as_str()) {
        Some(node_ports::NAME) => true,
        Some(node_resources_fit::NAME) => outcome
            .insufficient
            .iter()
            .all(|r| r.resource == resources::PODS || r.requested <= r.capacity),
        _ => false,
    }
}

/// `SelectVictimsOnNode` for one node: `others` are the pods on it
/// (name, spec defaulted as a pod), in the order the scheduler would
/// consider reprieving them after sorting by priority.
pub fn preemption(
    pod: &PodInfo,
    node: &Node,
    others: &[(&str, &PodSpec)],
    outcome: &FilterOutcome,
) -> Preemption {
    if pod.spec.preemption_policy.as_deref() == Some(PREEMPT_NEVER) {
        return Preemption::NotEligible;
    }
    if outcome.fits() || !failure_is_resolvable(outcome) {
        return Preemption::NotHelpful;
    }
    let prio = pod_priority(&pod.spec);
    let (mut victims, keep): (Vec<_>, Vec<_>) =
        others.iter().partition(|(_, s)| pod_priority(s) < prio);
    if victims.is_empty() {
        return Preemption::NoVictims;
    }
    let fits_with = |kept: &[&(&str, &PodSpec)]| {
        let mut ni = NodeInfo::new(node);
        for (name, spec) in kept {
            ni.add_pod(name, spec);
        }
        run_filters(pod, &ni)
    };
    let mut kept: Vec<&(&str, &PodSpec)> = keep;
    let without_all = fits_with(&kept);
    if !without_all.fits() {
        let reasons = without_all
            .first_failure()
            .map(|f| f.reasons.clone())
            .unwrap_or_default();
        return Preemption::StillDoesNotFit { reasons };
    }
    // Reprieve the most important pods first; those that cannot come back are victims.
    crate::sort::sort_by_key(&mut victims, |(_, s)| std::cmp::Reverse(pod_priority(s)));
    let mut evicted = Vec::new();
    for v in victims {
        kept.push(v);
        if !fits_with(&kept).fits() {
            kept.pop();
            evicted.push(v.0.to_string());
        }
    }
    Preemption::Preempts { victims: evicted }
}

/// The full FailedScheduling message of a daemon pod that does not fit
/// its node: the filter summary, then (unless preemption succeeds) the
/// preemption summary, as `kubectl describe pod` shows them.
pub fn daemon_pod_message(
    num_all_nodes: usize,
    outcome: &FilterOutcome,
    preemption: &Preemption,
) -> String {
    let absent = num_all_nodes.saturating_sub(1);
    let first: &[String] = outcome
        .first_failure()
        .map(|f| f.reasons.as_slice())
        .unwrap_or(&[]);
    let mut msg = fit_error_message(
        num_all_nodes,
        [first],
        Some((REASON_PREFILTER_NODE_AFFINITY, absent)),
    );
    if let Preemption::NotEligible = preemption {
        // DefaultPreemption's PostFilter status, "preemption: " + the
        // evaluator's message
        msg.push_str(" preemption: not eligible due to preemptionPolicy=Never.");
    } else if !matches!(preemption, Preemption::Preempts { .. }) {
        let node_reasons = preemption.reasons();
        msg.push_str(" preemption: ");
        msg.push_str(&fit_error_message(
            num_all_nodes,
            [node_reasons.as_slice()],
            Some((REASON_PREEMPTION_NOT_HELPFUL, absent)),
        ));
    }
    msg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daemon_pod_message_matches_the_scheduler_event() {
        use crate::k8s::model::Container;
        let node = Node {
            metadata: crate::k8s::model::ObjectMeta {
                name: Some("n".into()),
                ..Default::default()
            },
            status: crate::k8s::model::NodeStatus {
                allocatable: Some([("cpu", "1"), ("pods", "110")].into_iter().collect()),
                ..Default::default()
            },
            ..Default::default()
        };
        let spec = |cpu: &str, class: Option<&str>| {
            let mut c = Container::default();
            c.resources.requests.insert("cpu", cpu);
            PodSpec {
                containers: vec![c],
                priority_class_name: class.map(str::to_string),
                ..Default::default()
            }
        };
        let other = spec("800m", None);
        let others = [("web", &other)];
        let mut ni = NodeInfo::new(&node);
        ni.add_pod("web", &other);

        let pod = PodInfo::new(spec("500m", None));
        let out = run_filters(&pod, &ni);
        let p = preemption(&pod, &node, &others, &out);
        assert_eq!(p, Preemption::NoVictims);
        assert_eq!(
            daemon_pod_message(4, &out, &p),
            "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling."
        );

        let critical = PodInfo::new(spec("500m", Some("system-node-critical")));
        let out = run_filters(&critical, &ni);
        let p = preemption(&critical, &node, &others, &out);
        assert_eq!(
            p,
            Preemption::Preempts {
                victims: vec!["web".into()]
            }
        );
        assert!(!daemon_pod_message(4, &out, &p).contains("preemption:"));

        // the same pod with preemptionPolicy Never waits instead
        let mut never = spec("500m", Some("system-node-critical"));
        never.preemption_policy = Some("Never".into());
        let never = PodInfo::new(never);
        let out = run_filters(&never, &ni);
        let p = preemption(&never, &node, &others, &out);
        assert_eq!(p, Preemption::NotEligible);
        assert_eq!(
            daemon_pod_message(4, &out, &p),
            "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: not eligible due to preemptionPolicy=Never."
        );

        // more than the whole node: evicting cannot help
        let huge = PodInfo::new(spec("2", Some("system-node-critical")));
        let out = run_filters(&huge, &ni);
        assert_eq!(
            preemption(&huge, &node, &others, &out),
            Preemption::NotHelpful
        );
    }
}
