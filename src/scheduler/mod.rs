//! The kube-scheduler (pkg/scheduler), as far as it decides where the
//! pods this tool reads can go:
//!
//! - [`framework`]: `PodInfo`, `NodeInfo`, the default profile's filter
//!   plugins run in order, and the `0/N nodes are available` message;
//! - [`plugins`]: one file per plugin of the default profile, its Filter
//!   and Score together, its reason strings at the top;
//! - [`preemption`]: what the DefaultPreemption plugin does for a pod
//!   that fits nowhere;
//! - [`snapshot`]: the per-cycle view of every node and its pods;
//! - [`schedule_one`]: one scheduling cycle (PreFilter, Filter, Score,
//!   the choice), one replica after another.
//!
//! The filters that can reject a daemon pod are NodeUnschedulable,
//! NodeName, TaintToleration, NodeAffinity, NodePorts and
//! NodeResourcesFit. The volume plugins, DynamicResources and the pod
//! affinity and topology spread filters never reject the pods this tool
//! reads for a DaemonSet (it does not model volumes or resource claims,
//! and daemon pods get no system-default spread constraints).

pub mod framework;
pub mod plugins;
pub mod pod_affinity;
pub mod preemption;
pub mod schedule_one;
pub mod snapshot;

pub use framework::{
    fit_error_message, pod_occupies_node, run_filters, FilterOutcome, NodeInfo, PluginFailure,
    PodInfo, REASON_PREFILTER_NODE_AFFINITY,
};
pub use plugins::node_ports::{host_ports, HostPort, PortConflict};
pub use plugins::node_resources_fit::InsufficientResource;
pub use preemption::{daemon_pod_message, pod_priority, preemption, Preemption};
