//! The rollout simulator's input and output types. Inputs derive
//! `Deserialize` so that the CLI and the wasm module can take them as JSON;
//! outputs are structured facts (which pod, which node, which rule, which
//! number), never prose, like the `check` report.

use crate::check::{CountsBasis, NodeState};
use crate::controllers::daemonset::Exclusion;
use crate::scheduler::{HostPort, InsufficientResource, PluginFailure};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Seconds a tick lasts.
pub const TICK_SECONDS: u32 = 1;
/// The default number of ticks simulated before giving up.
pub const DEFAULT_TICK_LIMIT: u32 = 1200;
/// A rollout with nothing left that could change it is reported as stalled
/// this many seconds after its last change (the corpus harness declares a
/// stall after 90 idle seconds).
pub const STALL_WINDOW_SECONDS: u32 = 90;

/// One scripted user action: `kubectl delete pod` of the daemon pod on
/// `node` at second `t` (how OnDelete rollouts progress).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ManualDelete {
    pub t: u32,
    pub node: String,
}

/// How the nodes behave: a small kubelet model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", default)]
pub struct NodeModel {
    /// Seconds from a pod's scheduling to its Ready condition, for nodes
    /// without their own value.
    pub ready_delay_seconds: u32,
    /// Per-node ready delays.
    pub per_node_ready_delay: BTreeMap<String, u32>,
    /// Nodes where a pod of the new template never becomes Ready (a crash
    /// loop, a failing readiness probe).
    pub never_ready: Vec<String>,
    /// Seconds from a pod's deletion until it is gone (0: gone at once).
    /// Until then it keeps running, counting as Ready, and holding its
    /// node's resources and host ports.
    pub termination_seconds: u32,
    /// Scripted user deletes (OnDelete).
    pub manual_deletes: Vec<ManualDelete>,
}

impl Default for NodeModel {
    fn default() -> Self {
        NodeModel {
            ready_delay_seconds: 5,
            per_node_ready_delay: BTreeMap::new(),
            never_ready: Vec::new(),
            termination_seconds: 1,
            manual_deletes: Vec::new(),
        }
    }
}

impl NodeModel {
    pub fn ready_delay(&self, node: &str) -> u32 {
        self.per_node_ready_delay
            .get(node)
            .copied()
            .unwrap_or(self.ready_delay_seconds)
    }
    pub fn is_never_ready(&self, node: &str) -> bool {
        self.never_ready.iter().any(|n| n == node)
    }
}

/// Which pod template a pod was made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Generation {
    Old,
    New,
}

/// The DaemonSet status counters (`.status`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DsStatus {
    pub desired_number_scheduled: i64,
    pub current_number_scheduled: i64,
    pub number_misscheduled: i64,
    pub number_ready: i64,
    pub number_available: i64,
    pub updated_number_scheduled: i64,
    pub number_unavailable: i64,
    pub observed_generation: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct NodeRef {
    pub node: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PodRef {
    pub node: String,
    pub generation: Generation,
}

/// How many of each event a tick had.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TickCounts {
    pub created: u32,
    pub deleted_old: u32,
    pub deleted_new: u32,
    pub user_deleted: u32,
    pub became_ready: u32,
    pub removed: u32,
    /// Old-template pods still present (terminating ones included).
    pub old_pods_left: u32,
}

/// A pod the scheduler could not place when it was created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PendingPod {
    pub node: String,
    pub reasons: Vec<String>,
}

/// One tick where something changed (and always t = 0).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TickEntry {
    pub t: u32,
    /// Pods the controller created (always of the new template), by node.
    pub created: Vec<NodeRef>,
    /// Pods the controller deleted.
    pub deleted: Vec<PodRef>,
    /// Pods the user deleted (the scripted deletes).
    #[serde(default)]
    pub user_deleted: Vec<PodRef>,
    /// Nodes whose pod became Ready.
    pub became_ready: Vec<String>,
    /// Pods whose termination finished (they are gone).
    pub removed: Vec<PodRef>,
    /// Created pods the scheduler could not place (Pending).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unschedulable: Vec<PendingPod>,
    /// Pending pods the scheduler placed this tick.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scheduled: Vec<String>,
    pub counts: TickCounts,
    pub status: DsStatus,
    /// What `kubectl rollout status` prints for this status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kubectl: Option<String>,
    /// kubectl's refusal (OnDelete).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kubectl_error: Option<String>,
    /// `kubectl rollout status` would exit successfully here.
    pub kubectl_done: bool,
    /// Controller syncs run in this tick, the last one finding nothing to do.
    pub syncs: u32,
}

/// Who deleted a pod.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Deleter {
    Controller,
    User,
}

/// One pod's life. Times are ticks (seconds since the change was applied);
/// a pod that existed before the change has `preexisting` set and its
/// times at 0 (a Pending one has no `scheduledAt`; one that was not Ready
/// has no `readyAt` until it becomes Ready).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PodHistory {
    /// Creation order (the controller's "oldest pod" order).
    pub id: u32,
    pub node: String,
    pub generation: Generation,
    pub preexisting: bool,
    pub created_at: u32,
    /// When the scheduler bound it; `None` while Pending.
    pub scheduled_at: Option<u32>,
    pub ready_at: Option<u32>,
    /// Ready + minReadySeconds.
    pub available_at: Option<u32>,
    pub deleted_at: Option<u32>,
    pub deleted_by: Option<Deleter>,
    pub removed_at: Option<u32>,
    /// Why the scheduler could not place it (while Pending).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unschedulable_reasons: Vec<String>,
}

/// A pod a node has when the change is applied (t = 0, before the
/// controller's first sync of the new template).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StartPod {
    /// Its id in `pods`.
    pub id: u32,
    /// Its name in the input (observed pods only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub name: Option<String>,
    /// Pending (not bound), Running, or Terminating (the input's pod has a
    /// `deletionTimestamp`: it goes `terminationSeconds` after t = 0).
    pub phase: PodPhase,
    pub ready: bool,
    pub available: bool,
    /// Runs the running DaemonSet's template (UP-TO-DATE before the change).
    pub updated: bool,
    /// Why the scheduler cannot bind it (a Pending pod).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unschedulable_reasons: Vec<String>,
}

/// What a node has at t = 0, and why.
///
/// With the DaemonSet's own pods in the input (`startBasis: observed`),
/// the node starts with exactly those pods (matched by the controller's
/// ownership rules), with their readiness; a node without one starts
/// empty (the controller creates one if it should run). Without them
/// (`projected`), the node starts as the check describes the running
/// DaemonSet: `scheduled` with an available old pod, `pending` with an
/// old pod the scheduler cannot bind (not Ready, unavailable), and
/// `excluded` / `keeps-existing` with none (the controller never creates
/// a pod where `shouldRun` is false).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct NodeStart {
    /// The check's verdict for the running (old) DaemonSet on this node,
    /// as the Coverage tab and `daemonset-sim check` show it.
    pub verdict: NodeState,
    /// The pods at t = 0, oldest first (all of the old template).
    pub pods: Vec<StartPod>,
}

/// How many orders gave an outcome, and its earliest and latest tick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TickRange {
    /// Orders with this outcome (at most 2^53 - 1).
    pub orders: u64,
    pub earliest: u32,
    pub latest: u32,
}

/// How the orders were covered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum OrderExploration {
    /// Every distinct order (after grouping interchangeable nodes).
    Exhaustive,
    /// Too many for the budget: the name-order run plus seeded random
    /// orders, as the real controller draws them.
    Sampled,
}

/// Counts of orders saturate here (the largest integer a JavaScript
/// number holds exactly).
pub const MAX_ORDERS: u64 = (1 << 53) - 1;

/// What the order in which the controller picks nodes changes.
///
/// Where more nodes could be updated than the budget allows, the
/// DaemonSet controller picks them by iterating a Go map: at random, anew
/// at every sync. The run in `log` takes them by node name (`rule`); this
/// states the outcomes over the possible orders: when the rollout
/// completes, when `kubectl rollout status` first succeeds, when it stops
/// moving (stalls), and how many orders give each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct OrderRange {
    /// How the run in `log` picks: `"nodeName"`, ascending node name.
    pub rule: String,
    pub exploration: OrderExploration,
    /// Distinct orders explored (exhaustive), or runs (sampled: the
    /// name-order run and the random ones); at most 2^53 - 1.
    pub orders: u64,
    /// Classes of interchangeable nodes the orders are counted over
    /// (nodes alike in every way the controller and the kubelet model can
    /// tell apart); 0 when the controller never had a choice.
    pub classes: u32,
    /// The sampler's seed (sampled only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub seed: Option<u64>,
    /// The exploration's budget and what it used, in node-syncs (one
    /// controller sync over one node).
    pub budget: u64,
    pub work: u64,
    /// Orders that complete, by completion tick (`ticks`).
    pub completed: Option<TickRange>,
    /// First tick `kubectl rollout status` succeeds, over the orders
    /// where it does.
    pub kubectl_done: Option<TickRange>,
    /// Orders that stall, by the tick of their last change (the stall is
    /// reported 90 s later, or at the tick limit).
    pub stalled: Option<TickRange>,
    /// Orders still running at the tick limit.
    pub unfinished: Option<TickRange>,
    /// Some orders end differently (another outcome or another tick).
    pub depends_on_order: bool,
}

/// A node as the rollout sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RolloutNode {
    pub name: String,
    /// The old template targets it (`shouldRun` before the change).
    pub targeted_before: bool,
    /// The new template's `shouldRun` / `shouldContinueRunning`.
    pub should_run: bool,
    pub should_continue_running: bool,
    /// Why the new template does not want a pod here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclusion: Option<Exclusion>,
    pub ready_delay_seconds: u32,
    pub never_ready: bool,
    /// What it has at t = 0, and why.
    pub start: NodeStart,
}

/// maxUnavailable / maxSurge as the controller uses them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RolloutBudget {
    /// After scaling against desiredNumberScheduled and the 0/0 → 1/0 rule.
    pub max_unavailable: Option<i64>,
    pub max_surge: Option<i64>,
    /// The controller's error for an invalid value (no rolling update then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub desired_number_scheduled: i64,
}

/// Which limit holds a rollout back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum BudgetKind {
    MaxUnavailable,
    MaxSurge,
}

/// Why a rollout stopped moving: facts, for the page to word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum StallReason {
    /// The API server refuses every pod of the new template (the Priority
    /// admission plugin): the controller's event, and the nodes it
    /// targets that have no pod.
    #[serde(rename_all = "camelCase")]
    FailedCreate { event: String, nodes: Vec<String> },
    /// New pods that never become Ready use up the budget (or, with a
    /// budget large enough, simply never become available).
    #[serde(rename_all = "camelCase")]
    NeverReady {
        nodes: Vec<String>,
        /// The limit they use up (none for OnDelete).
        budget: Option<BudgetKind>,
        limit: Option<i64>,
        /// Nodes still running an old pod, waiting for budget.
        waiting: Vec<String>,
    },
    /// A new pod cannot be placed beside the old one while surging: they
    /// want the same host port (the old pod is only removed once the new
    /// one is available, so this never resolves).
    #[serde(rename_all = "camelCase")]
    HostPortSurge {
        nodes: Vec<String>,
        ports: Vec<HostPort>,
        max_surge: i64,
    },
    /// A new pod cannot be scheduled (resources, host ports held by other
    /// pods, ...).
    #[serde(rename_all = "camelCase")]
    Unschedulable {
        node: String,
        failures: Vec<PluginFailure>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        insufficient: Vec<InsufficientResource>,
        /// Whether the old daemon pod on the node is what takes the room
        /// (surge: both pods must fit at once).
        beside_old_pod: bool,
    },
    /// Pending new pods (listed under `unschedulable` / `hostPortSurge`)
    /// count against the budget as unavailable (maxUnavailable) or surge
    /// (maxSurge) pods: the nodes still on the old template wait for it.
    #[serde(rename_all = "camelCase")]
    BudgetHeld {
        budget: BudgetKind,
        limit: i64,
        /// Nodes whose Pending new pod holds the budget.
        held_by: Vec<String>,
        /// Nodes still running an old pod, waiting for budget.
        waiting: Vec<String>,
    },
    /// OnDelete: these nodes keep their old pod until someone deletes it.
    #[serde(rename_all = "camelCase")]
    OnDeleteWaiting { nodes: Vec<String> },
    /// Old pods on nodes the new template no longer targets but that keep
    /// them (an untolerated NoSchedule taint keeps a running pod).
    #[serde(rename_all = "camelCase")]
    OldPodKept { nodes: Vec<String> },
    /// maxUnavailable / maxSurge do not parse: the controller does not
    /// roll at all.
    #[serde(rename_all = "camelCase")]
    InvalidStrategy { error: String },
    /// OnDelete with every node replaced: kubectl has no rollout status
    /// for OnDelete, so nothing ever reports it done.
    #[serde(rename_all = "camelCase")]
    OnDeleteNoRolloutStatus { all_updated_at: Option<u32> },
    /// Anything else still not on the new template.
    #[serde(rename_all = "camelCase")]
    NotUpdated { nodes: Vec<String> },
}

/// The result of a rollout simulation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Timeline {
    pub namespace: String,
    pub name: String,
    /// `RollingUpdate` or `OnDelete` (of the new DaemonSet).
    pub strategy: String,
    pub budget: RolloutBudget,
    pub min_ready_seconds: i64,
    pub tick_seconds: u32,
    pub tick_limit: u32,
    pub model: NodeModel,
    /// Where the pods at t = 0 come from: `observed` (the DaemonSet's own
    /// pods in the input) or `projected` (the check's verdicts).
    pub start_basis: CountsBasis,
    /// What the order of the nodes changes, over the possible orders.
    pub orders: OrderRange,
    /// Every node, in name order.
    pub nodes: Vec<RolloutNode>,
    /// The status before the change: the running DaemonSet with the pods
    /// of t = 0 (what the check shows).
    pub initial_status: DsStatus,
    /// t = 0 and every tick where something changed.
    pub log: Vec<TickEntry>,
    /// Every pod's life (old and new), in creation order.
    pub pods: Vec<PodHistory>,
    /// `kubectl rollout status` succeeds and no old pod is left (every
    /// targeted node runs an available new pod). Never for OnDelete.
    pub completed: bool,
    /// Nothing can change any more and the rollout is not complete.
    pub stalled: bool,
    /// When the run ended: the completion tick, the stall verdict
    /// (last change + 90 s), or the tick limit.
    pub ticks: u32,
    /// First tick at which `kubectl rollout status` succeeds.
    pub kubectl_done_at: Option<u32>,
    /// First tick at which every targeted node runs an available new pod
    /// and no old pod is left (also for OnDelete, which never `completed`
    /// because kubectl has no rollout status for it).
    pub all_updated_at: Option<u32>,
    /// Tick of the last change.
    pub last_change_at: u32,
    /// Why it stalled (empty unless `stalled`).
    pub stall_reasons: Vec<StallReason>,
    pub final_status: DsStatus,
}

/// What a node holds at one instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum PodPhase {
    /// Created, not scheduled.
    Pending,
    Running,
    /// Deleted, still running until its termination time.
    Terminating,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PodState {
    pub id: u32,
    pub generation: Generation,
    pub phase: PodPhase,
    pub ready: bool,
    pub available: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct NodeSnapshot {
    pub node: String,
    pub should_run: bool,
    /// The node's pods at that instant, oldest first.
    pub pods: Vec<PodState>,
}

/// The grid at one instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    pub t: u32,
    pub nodes: Vec<NodeSnapshot>,
    /// The status at that instant (of the last logged tick at or before t).
    pub status: DsStatus,
    pub kubectl: Option<String>,
}
