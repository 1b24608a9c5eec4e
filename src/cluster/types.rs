//! The cluster view's answer (`daemonset-sim cluster --format json`, the
//! wasm `cluster`): facts only, worded by the front-ends.

use crate::check::{NodeState, StateCounts};
use crate::diagnostic::Diagnostic;
use crate::k8s::model::ObjectRef;
use crate::k8s::resources::PodRequests;
use serde::Serialize;
use std::collections::BTreeMap;

/// Every DaemonSet against the same nodes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ClusterView {
    /// The DaemonSets the API server accepts, in the order of the input;
    /// every `cells` list follows it.
    pub daemon_sets: Vec<ClusterDaemonSet>,
    /// The DaemonSets the API server would refuse (not placed).
    pub refused: Vec<RefusedDaemonSet>,
    /// The order in which the scheduler's queue takes their pods.
    pub order: PlacementOrder,
    /// The label the nodes are grouped by (`None`: the pool labels, else
    /// the instance type).
    pub group_by: Option<String>,
    pub nodes: Vec<ClusterNode>,
    pub pools: Vec<Pool>,
    /// Why the input cannot be used as it is (exit status 2 in the CLI).
    pub input_errors: Vec<Diagnostic>,
    /// The API server's warnings for the DaemonSets, and notes on the input.
    pub warnings: Vec<Diagnostic>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ClusterDaemonSet {
    pub namespace: String,
    pub name: String,
    /// Its pods' priority (Priority admission).
    pub priority: i32,
    pub priority_class_name: Option<String>,
    pub creation_timestamp: Option<String>,
    /// The daemon pod's requests (`resource.PodRequests`), as kubectl
    /// prints quantities.
    pub requests: BTreeMap<String, String>,
    /// The same as `requests`, as `check`'s report gives them
    /// (`daemonPodRequests`: milli-CPU and bytes).
    pub daemon_pod_requests: PodRequests,
    /// `kubectl get ds`'s NODE SELECTOR column.
    pub node_selector: String,
    /// The input has pods of this DaemonSet.
    pub observed: bool,
    pub counts: StateCounts,
    /// The text it is written in, for a session's two texts (`daemonset`,
    /// `nodes`: where the wasm `applyClusterFix` edits it); absent for
    /// texts read together.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RefusedDaemonSet {
    pub namespace: String,
    pub name: String,
    pub errors: Vec<Diagnostic>,
}

/// The queue's order: priority (higher first), then creation timestamp
/// (earlier first, unknown last), then namespace/name.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PlacementOrder {
    /// Indices into `daemonSets`, first placed first.
    pub daemon_sets: Vec<usize>,
    /// Per entry of `daemonSets` (in this order): Kubernetes does not fix
    /// its place relative to the one before (equal priority, equal or
    /// unknown creation timestamps); namespace/name decided.
    pub tied_with_previous: Vec<bool>,
    /// No two neighbours are tied.
    pub fixed: bool,
}

/// One node: a cell per DaemonSet and what the daemon pods take.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ClusterNode {
    pub name: String,
    /// The pool label's value (`None`: the node has no such label).
    pub pool: Option<String>,
    pub cells: Vec<Cell>,
    /// The sum of the requests of the daemon pods on the node (and
    /// `pods`: their number), as `kubectl describe node` sums quantities.
    pub daemon_set_requests: BTreeMap<String, String>,
    pub allocatable: BTreeMap<String, String>,
    /// Allocatable minus the daemon pods' requests: what is left for
    /// workloads.
    pub left: BTreeMap<String, String>,
    /// DaemonSets whose order Kubernetes does not fix and that decides a
    /// cell on this node (swapping them changes a state); empty when the
    /// outcome is fixed.
    pub order_dependent: Vec<ObjectRef>,
}

/// Why the controller wants no pod on the node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum ExclusionKind {
    TemplateNodeName,
    NodeAffinity,
    NoScheduleTaint,
    NoExecuteTaint,
}

/// One DaemonSet on one node: check's state and its short reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Cell {
    pub state: NodeState,
    /// The DaemonSet's own pod is on the node in the input.
    pub observed: bool,
    /// The scheduler's reasons (its first failing filter) for a Pending pod.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(optional, as = "Option<Vec<String>>"))]
    pub reasons: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub exclusion: Option<ExclusionKind>,
    /// The untolerated taint (`key=value:Effect`) of a taint exclusion.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub taint: Option<String>,
    /// The scheduler's FailedScheduling message, or the controller's
    /// FailedCreate event.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub message: Option<String>,
    /// The pods the scheduler preempts to place this one (it is nominated
    /// and binds once they are gone).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub victims: Option<Vec<String>>,
    /// The DaemonSet (index) whose pod preempted this one's.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub preempted_by: Option<usize>,
}

/// One node pool: the DaemonSet tax.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Pool {
    /// The label's value (`None`: nodes without it).
    pub name: Option<String>,
    pub nodes: usize,
    pub allocatable_milli_cpu: i64,
    /// Bytes.
    pub allocatable_memory: i64,
    /// What the daemon pods request in the pool.
    pub requested_milli_cpu: i64,
    pub requested_memory: i64,
    /// The tax: requested over allocatable (0 when nothing is allocatable).
    pub cpu_share: f64,
    pub memory_share: f64,
    /// Per DaemonSet (as `daemonSets`).
    pub daemon_sets: Vec<PoolDaemonSet>,
    /// Nodes where a daemon pod is Pending.
    pub pending_nodes: usize,
    /// Nodes whose outcome depends on an order Kubernetes does not fix.
    pub order_dependent_nodes: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PoolDaemonSet {
    /// Nodes where its pod runs (or is nominated).
    pub nodes: usize,
    /// Nodes where its pod is Pending.
    pub pending: usize,
    pub milli_cpu: i64,
    pub memory: i64,
}
