//! Where the default kube-scheduler (v1.36) would put the replicas of a
//! Deployment with the same pod template as a DaemonSet, and how that
//! differs from the DaemonSet, as structured facts.
//!
//! - [`pod`]: the Deployment (from a DaemonSet, or pasted), its defaults
//!   and the pod its ReplicaSet creates;
//! - [`snapshot`]: the scheduler's view of the nodes and their pods;
//! - [`plugins`]: the default profile's score plugins, one per file;
//! - [`placement`]: the scheduling cycles, one replica after another;
//! - [`mod@compare`]: DaemonSet vs Deployment;
//! - [`cli`]: `daemonset-sim compare`.

pub mod affinity;
pub mod cli;
pub mod compare;
pub mod placement;
pub mod plugins;
pub mod pod;
pub mod snapshot;

pub use cli::run_cli;
pub use compare::{compare, compare_objects, CompareResult, Comparison};
pub use placement::{place_deployment, NodeScore, Placement, ReplicaPlacement};
pub use pod::deployment_from_daemon_set;
