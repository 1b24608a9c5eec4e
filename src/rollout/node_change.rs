//! A change to the nodes rather than the DaemonSet: a label removed, a
//! taint added, a node added or removed. Which daemon pods the controller
//! creates, keeps or deletes (`podsShouldBeOnNode` with the node check
//! before and after): an untolerated NoSchedule taint keeps a running pod,
//! an untolerated NoExecute taint evicts it, a node that no longer matches
//! the selector loses its pod, a removed node's pod is garbage-collected.
//!
//! The state before is the steady one: a running, available pod on every
//! node the DaemonSet targets (`shouldRun`) before the change.

use super::types::DsStatus;
use crate::controllers::daemonset::{DaemonSetPlan, Exclusion, NodeDecision};
use crate::k8s::model::{DaemonSet, Node};
use crate::scheduler::{self, NodeInfo, PodInfo};
use serde::Serialize;
use std::collections::BTreeMap;

/// What happens to the daemon pod on a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum NodeAction {
    /// No pod before, the controller creates one now.
    Create,
    /// The pod stays.
    Keep,
    /// The pod stays although the node is no longer targeted (an
    /// untolerated NoSchedule taint): it counts as misscheduled.
    KeepMisscheduled,
    /// The controller deletes the pod (NoExecute taint, selector or
    /// affinity no longer matching).
    Delete,
    /// The node is gone; its pod is garbage-collected.
    NodeRemoved,
    /// No pod before, none after.
    None,
}

/// `shouldRun` / `shouldContinueRunning` on one side of the change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct NodeVerdict {
    pub should_run: bool,
    pub should_continue_running: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclusion: Option<Exclusion>,
}

impl From<NodeDecision> for NodeVerdict {
    fn from(d: NodeDecision) -> Self {
        NodeVerdict {
            should_run: d.should_run,
            should_continue_running: d.should_continue_running,
            exclusion: d.exclusion,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct NodeChange {
    pub node: String,
    /// `None`: the node was added.
    pub before: Option<NodeVerdict>,
    /// `None`: the node was removed.
    pub after: Option<NodeVerdict>,
    pub had_pod: bool,
    pub action: NodeAction,
    /// For a created pod: whether the scheduler fits it on the node (its
    /// resources and host ports; no other pods are known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduler_fits: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scheduler_reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct NodeChangeReport {
    pub namespace: String,
    pub name: String,
    /// Every node of either side, in name order.
    pub nodes: Vec<NodeChange>,
    pub created: Vec<String>,
    pub kept: Vec<String>,
    pub kept_misscheduled: Vec<String>,
    pub deleted: Vec<String>,
    pub removed_with_node: Vec<String>,
    /// Steady status before the change.
    pub status_before: DsStatus,
    /// Status once the change has settled (created pods Ready, deleted
    /// pods gone).
    pub status_after: DsStatus,
}

/// What the DaemonSet controller does when the nodes change from `before`
/// to `after` (nodes are matched by name).
pub fn simulate_node_change(ds: &DaemonSet, before: &[Node], after: &[Node]) -> NodeChangeReport {
    let plan = DaemonSetPlan::new(ds);
    let mut by_name: BTreeMap<&str, (Option<&Node>, Option<&Node>)> = BTreeMap::new();
    for n in before {
        by_name.entry(n.name()).or_default().0.get_or_insert(n);
    }
    for n in after {
        by_name.entry(n.name()).or_default().1.get_or_insert(n);
    }
    let generation = ds.metadata.generation.unwrap_or(1).max(1);
    let mut report = NodeChangeReport {
        namespace: plan.ds.metadata.namespace().to_string(),
        name: plan.name().to_string(),
        nodes: Vec::new(),
        created: Vec::new(),
        kept: Vec::new(),
        kept_misscheduled: Vec::new(),
        deleted: Vec::new(),
        removed_with_node: Vec::new(),
        status_before: DsStatus {
            observed_generation: generation,
            ..DsStatus::default()
        },
        status_after: DsStatus {
            observed_generation: generation,
            ..DsStatus::default()
        },
    };
    for (name, (b, a)) in by_name {
        let before_v = b.map(|n| NodeVerdict::from(plan.node_should_run(n)));
        let after_v = a.map(|n| NodeVerdict::from(plan.node_should_run(n)));
        let had_pod = before_v.as_ref().is_some_and(|v| v.should_run);
        let mut fits = None;
        let mut reasons = Vec::new();
        let action = match (&after_v, had_pod) {
            (None, true) => NodeAction::NodeRemoved,
            (None, false) => NodeAction::None,
            (Some(v), true) if v.should_run => NodeAction::Keep,
            (Some(v), true) if v.should_continue_running => NodeAction::KeepMisscheduled,
            (Some(_), true) => NodeAction::Delete,
            (Some(v), false) if v.should_run => {
                if let Some(node) = a {
                    let info = PodInfo::new(plan.daemon_pod_spec(name));
                    let outcome = scheduler::run_filters(&info, &NodeInfo::new(node));
                    fits = Some(outcome.fits());
                    reasons = outcome.reasons();
                }
                NodeAction::Create
            }
            (Some(_), false) => NodeAction::None,
        };
        if had_pod {
            let s = &mut report.status_before;
            s.desired_number_scheduled += 1;
            s.current_number_scheduled += 1;
            s.number_ready += 1;
            s.number_available += 1;
            s.updated_number_scheduled += 1;
        }
        let s = &mut report.status_after;
        if after_v.as_ref().is_some_and(|v| v.should_run) {
            s.desired_number_scheduled += 1;
        }
        let name_s = name.to_string();
        match action {
            NodeAction::Create => {
                // A pod the scheduler cannot place is Pending: it counts as
                // current (it targets the node) but never becomes Ready.
                s.current_number_scheduled += 1;
                s.updated_number_scheduled += 1;
                if fits == Some(true) {
                    s.number_ready += 1;
                    s.number_available += 1;
                }
                report.created.push(name_s.clone());
            }
            NodeAction::Keep => {
                s.current_number_scheduled += 1;
                s.number_ready += 1;
                s.number_available += 1;
                s.updated_number_scheduled += 1;
                report.kept.push(name_s.clone());
            }
            NodeAction::KeepMisscheduled => {
                s.number_misscheduled += 1;
                report.kept_misscheduled.push(name_s.clone());
            }
            NodeAction::Delete => report.deleted.push(name_s.clone()),
            NodeAction::NodeRemoved => report.removed_with_node.push(name_s.clone()),
            NodeAction::None => {}
        }
        report.nodes.push(NodeChange {
            node: name_s,
            before: before_v,
            after: after_v,
            had_pod,
            action,
            scheduler_fits: fits,
            scheduler_reasons: reasons,
        });
    }
    for s in [&mut report.status_before, &mut report.status_after] {
        s.number_unavailable = s.desired_number_scheduled - s.number_available;
    }
    report
}
