//! One JSON request for a rollout simulation (for the wasm module and
//! scripts): the current DaemonSet, the changed one or a change, the nodes,
//! the other pods and the node model.

use super::change::{apply_change, ChangeError, TemplateChange};
use super::simulate::simulate_with_pods;
use super::types::{NodeModel, Timeline, DEFAULT_TICK_LIMIT};
use crate::model::{DaemonSet, Node, Pod};
use serde::Deserialize;

fn default_tick_limit() -> u32 {
    DEFAULT_TICK_LIMIT
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RolloutRequest {
    /// The DaemonSet as it runs now.
    pub daemon_set: DaemonSet,
    /// The DaemonSet after the change; or give `change`.
    #[serde(default)]
    pub new_daemon_set: Option<DaemonSet>,
    /// A simple template change; without it and without `newDaemonSet`,
    /// a `kubectl rollout restart`.
    #[serde(default)]
    pub change: Option<TemplateChange>,
    #[serde(default)]
    pub nodes: Vec<Node>,
    /// Other pods bound to the nodes (resources, host ports).
    #[serde(default)]
    pub pods: Vec<Pod>,
    #[serde(default)]
    pub model: NodeModel,
    #[serde(default = "default_tick_limit")]
    pub tick_limit: u32,
}

/// The changed DaemonSet of a request.
pub fn new_daemon_set(req: &RolloutRequest) -> Result<DaemonSet, ChangeError> {
    match (&req.new_daemon_set, &req.change) {
        (Some(ds), _) => Ok(ds.clone()),
        (None, Some(c)) => apply_change(&req.daemon_set, c),
        (None, None) => apply_change(
            &req.daemon_set,
            &TemplateChange::RestartAnnotation {
                restarted_at: "2026-01-01T00:00:00Z".into(),
            },
        ),
    }
}

/// Runs a request. The DaemonSet's own pods among `pods` are ignored (the
/// simulation starts from an available old pod on every targeted node).
pub fn run_request(req: &RolloutRequest) -> Result<Timeline, ChangeError> {
    let new = new_daemon_set(req)?;
    let plan = crate::controller::DaemonSetPlan::new(&req.daemon_set);
    let selector = plan.selector();
    let others: Vec<Pod> = req
        .pods
        .iter()
        .filter(|p| !selector.as_ref().is_some_and(|s| plan.owns(s, p)))
        .cloned()
        .collect();
    Ok(simulate_with_pods(
        &req.daemon_set,
        &new,
        &req.nodes,
        &others,
        &req.model,
        req.tick_limit,
    ))
}
