//! The scheduling framework's shared pieces (pkg/scheduler/framework):
//! the pod being scheduled with what PreFilter computes (`PodInfo`), a
//! node with the pods bound to it (`NodeInfo`), the filter plugins of the
//! default profile run in its order (`RunFilterPlugins`), and the
//! `0/N nodes are available: ...` summary (`FitError.Error()`).

use super::plugins::node_ports::{self, HostPort};
use super::plugins::node_resources_fit::{self, InsufficientResource};
use super::plugins::{node_affinity, node_name, node_unschedulable, taint_toleration};
use crate::k8s::model::{Node, Pod, PodSpec, Taint};
use crate::k8s::node_affinity::RequiredNodeAffinity;
use crate::k8s::resources::{self, Resources};
use serde::Serialize;
use std::collections::HashMap;

/// A pod being scheduled, with what the plugins precompute (PreFilter).
#[derive(Debug, Clone)]
pub struct PodInfo {
    pub spec: PodSpec,
    pub requests: Resources,
    pub host_ports: Vec<HostPort>,
    pub affinity: RequiredNodeAffinity,
}

impl PodInfo {
    /// `spec` must be defaulted as a pod (see [`crate::k8s::defaults::default_pod`]).
    pub fn new(spec: PodSpec) -> PodInfo {
        PodInfo {
            requests: resources::pod_requests(&spec),
            host_ports: node_ports::host_ports(&spec),
            affinity: RequiredNodeAffinity::of(&spec),
            spec,
        }
    }
}

/// A node with the pods already bound to it (`framework.NodeInfo`).
#[derive(Debug, Clone)]
pub struct NodeInfo<'a> {
    pub node: &'a Node,
    pub allocatable: Resources,
    pub requested: Resources,
    pub pod_count: usize,
    /// Host ports in use, with the pod that uses each.
    pub used_ports: Vec<(HostPort, String)>,
}

impl<'a> NodeInfo<'a> {
    pub fn new(node: &'a Node) -> Self {
        NodeInfo {
            node,
            allocatable: Resources::from_list(&resources::parse_list(node.allocatable())),
            requested: Resources::default(),
            pod_count: 0,
            used_ports: Vec::new(),
        }
    }

    /// Adds a pod bound to this node (its spec defaulted as a pod).
    pub fn add_pod(&mut self, name: &str, spec: &PodSpec) {
        self.add_pod_parts(
            name,
            &resources::pod_requests(spec),
            &node_ports::host_ports(spec),
        );
    }

    pub fn add_pod_parts(&mut self, name: &str, requests: &Resources, ports: &[HostPort]) {
        self.requested.add(requests);
        self.pod_count += 1;
        self.used_ports
            .extend(ports.iter().map(|p| (p.clone(), name.to_string())));
    }
}

/// Whether a pod counts on its node in the scheduler's cache: bound and
/// not terminal (the scheduler does not watch Succeeded/Failed pods).
pub fn pod_occupies_node(pod: &Pod) -> bool {
    pod.spec.node_name.as_deref().is_some_and(|n| !n.is_empty())
        && !matches!(
            pod.status.phase.as_deref(),
            Some("Succeeded") | Some("Failed")
        )
}

/// A failing filter plugin and its reasons (sorted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PluginFailure {
    pub plugin: String,
    pub reasons: Vec<String>,
}

/// Every filter plugin's verdict for the pod on the node.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FilterOutcome {
    /// Failing plugins in the profile's order; empty when the pod fits.
    pub failures: Vec<PluginFailure>,
    /// The first untolerated NoSchedule/NoExecute taint, if any.
    pub untolerated_taint: Option<Taint>,
    pub insufficient: Vec<InsufficientResource>,
    /// Requested host ports already in use, with the pod using each.
    pub port_conflicts: Vec<node_ports::PortConflict>,
}

impl FilterOutcome {
    /// Records a failing plugin.
    pub fn fail(&mut self, plugin: &str, reasons: Vec<String>) {
        self.failures.push(PluginFailure {
            plugin: plugin.into(),
            reasons,
        });
    }
    pub fn fits(&self) -> bool {
        self.failures.is_empty()
    }
    /// Sorted union of every failing plugin's reasons.
    pub fn reasons(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .failures
            .iter()
            .flat_map(|f| f.reasons.iter().cloned())
            .collect();
        all.sort();
        all.dedup();
        all
    }
    /// What the scheduler itself reports: it stops at the first failure.
    pub fn first_failure(&self) -> Option<&PluginFailure> {
        self.failures.first()
    }
}

/// Runs every filter plugin of the default profile that can reject the
/// pods this tool reads, in the profile's order (the scheduler stops at
/// the first failure; this runs them all so the explanation can name
/// every problem).
pub fn run_filters(pod: &PodInfo, ni: &NodeInfo) -> FilterOutcome {
    let mut out = FilterOutcome::default();
    node_unschedulable::filter(pod, ni, &mut out);
    node_name::filter(pod, ni, &mut out);
    taint_toleration::filter(pod, ni, &mut out);
    node_affinity::filter(pod, ni, &mut out);
    node_ports::filter(pod, ni, &mut out);
    node_resources_fit::filter(pod, ni, &mut out);
    out
}

/// `FitError.Error()`: `0/N nodes are available: <count> <reason>, ... .`
/// with the "count reason" strings sorted as strings. `absent` gives the
/// status of nodes no filter ran on (for a daemon pod, every node but its
/// own: `node(s) didn't satisfy plugin(s) [NodeAffinity]`).
pub fn fit_error_message<'r>(
    num_all_nodes: usize,
    node_reasons: impl IntoIterator<Item = &'r [String]>,
    absent: Option<(&str, usize)>,
) -> String {
    let mut hist: HashMap<&str, usize> = HashMap::new();
    for reasons in node_reasons {
        for r in reasons {
            *hist.entry(r.as_str()).or_insert(0) += 1;
        }
    }
    if let Some((reason, n)) = absent {
        if n > 0 {
            *hist.entry(reason).or_insert(0) += n;
        }
    }
    let mut parts: Vec<String> = hist.iter().map(|(r, n)| format!("{n} {r}")).collect();
    parts.sort();
    let mut msg = format!("0/{num_all_nodes} nodes are available:");
    if !parts.is_empty() {
        msg.push(' ');
        msg.push_str(&parts.join(", "));
        msg.push('.');
    }
    msg
}

/// The status the scheduler gives nodes that NodeAffinity's PreFilter
/// left out (a daemon pod is pinned to one node by `matchFields`).
pub const REASON_PREFILTER_NODE_AFFINITY: &str = "node(s) didn't satisfy plugin(s) [NodeAffinity]";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduler::plugins::node_affinity::REASON_AFFINITY;
    use crate::scheduler::plugins::taint_toleration::REASON_TAINTS;

    #[test]
    fn fit_error_message_sorts_count_reason_strings() {
        let a = vec![
            "Insufficient cpu".to_string(),
            "Insufficient memory".to_string(),
        ];
        let b = vec![REASON_TAINTS.to_string()];
        let c = vec!["Insufficient cpu".to_string()];
        let msg = fit_error_message(
            13,
            [a.as_slice(), b.as_slice(), c.as_slice()],
            Some((REASON_AFFINITY, 10)),
        );
        assert_eq!(
            msg,
            "0/13 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint(s), 10 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu."
        );
    }
}
