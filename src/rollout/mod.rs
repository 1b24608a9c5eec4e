//! Rollout simulator: how a DaemonSet template change rolls across the
//! nodes (RollingUpdate with maxUnavailable / maxSurge / minReadySeconds,
//! or OnDelete with scripted user deletes), tick by tick, with the status
//! counters and `kubectl rollout status` lines, where it stalls and why;
//! and what a change to the nodes does to the daemon pods.

pub mod change;
mod engine;
pub mod node_change;
mod orders;
mod simulate;
pub mod types;

pub use change::{apply_change, ChangeError, TemplateChange};
pub use engine::InCluster;
pub use node_change::{simulate_node_change, NodeAction, NodeChange, NodeChangeReport};
pub use simulate::{simulate, simulate_in_cluster, simulate_with_pods};
pub use types::*;

#[cfg(test)]
mod tests;
