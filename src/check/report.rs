//! The `check` report: for one DaemonSet and a cluster, every node's
//! verdict with the facts behind it, the counters, and the rollout limits.
//! The CLI prints it, the wasm module returns it, the page shows it. It
//! holds structured facts (which rule, which values, which verdict), never
//! prose, so that the page can word it in any language.

use crate::controllers::daemonset::Exclusion;
use crate::diagnostic::Diagnostic;
use crate::k8s::model::{ObjectRef, Taint, Toleration, UpdateStrategy};
use crate::k8s::node_affinity::AffinityCheck;
use crate::k8s::resources::{PodRequests, Resources};
use crate::scheduler::{InsufficientResource, PluginFailure, PortConflict, Preemption};
use serde::Serialize;

/// What happens to the daemon pod on a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum NodeState {
    /// The controller creates a pod and the scheduler fits it: it runs.
    Scheduled,
    /// The controller creates a pod but the scheduler rejects it: Pending.
    Pending,
    /// No pod; an existing one would be removed.
    Excluded,
    /// No new pod, but one already running stays (untolerated NoSchedule).
    KeepsExisting,
    /// The controller tries to create a pod but the API server refuses
    /// it (its PriorityClass does not exist): no pod at all.
    FailedCreate,
}

impl NodeState {
    /// Every state, in the order of the grid's state indexes.
    pub const ALL: [NodeState; 5] = [
        NodeState::Scheduled,
        NodeState::Pending,
        NodeState::Excluded,
        NodeState::KeepsExisting,
        NodeState::FailedCreate,
    ];
}

/// What a node taint does to the daemon pod.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum TaintEffectOnPod {
    /// A toleration matches it.
    Tolerated,
    /// PreferNoSchedule: the scheduler only prefers other nodes; it never
    /// keeps a daemon pod away.
    PreferOnly,
    /// Untolerated NoSchedule: no new pod; a running one stays.
    BlocksNewPods,
    /// Untolerated NoExecute: no pod; a running one is evicted.
    Evicts,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TaintCheck {
    pub taint: Taint,
    /// `key=value:Effect`, as kubectl prints it.
    pub text: String,
    pub outcome: TaintEffectOnPod,
    /// The toleration that matches, if any.
    pub toleration: Option<Toleration>,
    /// That toleration is one the DaemonSet controller adds by itself.
    pub auto_toleration: bool,
}

/// A change that would put the daemon pod on the node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Fix {
    /// Add this toleration to `spec.template.spec.tolerations`.
    #[serde(rename_all = "camelCase")]
    AddToleration {
        taint: String,
        yaml: String,
        /// The taint (for applying the fix).
        #[serde(skip)]
        #[cfg_attr(test, ts(skip))]
        tolerates: Taint,
    },
    /// Or remove the taint from the node.
    #[serde(rename_all = "camelCase")]
    RemoveTaint {
        command: String,
        /// The taint: `kubectl taint` removes every taint of its key and
        /// effect (for applying the fix).
        #[serde(skip)]
        #[cfg_attr(test, ts(skip))]
        taint: Taint,
    },
    /// Label the node so the selector / affinity matches.
    #[serde(rename_all = "camelCase")]
    LabelNode {
        command: String,
        /// Each label to set (`Some(value)`) or remove (`None`), for
        /// applying the fix.
        #[serde(skip)]
        #[cfg_attr(test, ts(skip))]
        labels: Vec<(String, Option<String>)>,
    },
    /// Remove `spec.template.spec.nodeName`.
    #[serde(rename_all = "camelCase")]
    RemoveTemplateNodeName { node_name: String },
    /// Lower a request to what the node has free.
    #[serde(rename_all = "camelCase")]
    LowerRequest {
        resource: String,
        free: String,
        yaml: String,
        /// What is free, in the scheduler's units (millicores for CPU),
        /// for applying the fix.
        #[serde(skip)]
        #[cfg_attr(test, ts(skip))]
        free_amount: i64,
    },
    /// The node has no room left for this resource at all.
    #[serde(rename_all = "camelCase")]
    FreeCapacity { resource: String },
    /// Another pod holds the host port.
    #[serde(rename_all = "camelCase")]
    FreeHostPort {
        port: i32,
        protocol: String,
        used_by: String,
    },
    /// The template names a PriorityClass the cluster does not have:
    /// create it (`yaml`), or name one that exists.
    #[serde(rename_all = "camelCase")]
    CreatePriorityClass {
        class: String,
        yaml: String,
        existing: Vec<String>,
    },
    /// Remove this field of the template: the Priority admission plugin
    /// sets it from the PriorityClass and refuses a pod that has another
    /// value.
    #[serde(rename_all = "camelCase")]
    RemoveTemplateField { field: String },
}

/// One node's verdict and the facts behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct NodeReport {
    pub name: String,
    pub state: NodeState,
    pub should_run: bool,
    pub should_continue_running: bool,
    /// `None` where `shouldRun` is false.
    pub scheduler_fits: Option<bool>,
    pub scheduler_reasons: Vec<String>,
    pub scheduler_failed_plugins: Vec<String>,
    pub scheduler_first_failure: Option<PluginFailure>,
    /// Why the controller wants no pod here.
    pub exclusion: Option<Exclusion>,
    /// nodeSelector / required node affinity against this node's labels.
    pub affinity: AffinityCheck,
    pub taints: Vec<TaintCheck>,
    #[cfg_attr(test, ts(as = "std::collections::BTreeMap<String, String>"))]
    pub labels: crate::k8s::model::StringMap,
    pub unschedulable: bool,
    /// The node's Ready condition (`None` when it has none).
    pub ready: Option<bool>,
    pub allocatable: Resources,
    /// Requested by the other pods already on the node.
    pub used: Resources,
    pub pods_on_node: usize,
    pub insufficient: Vec<InsufficientResource>,
    pub port_conflicts: Vec<PortConflict>,
    /// The scheduler's FailedScheduling message for a Pending daemon pod.
    pub message: Option<String>,
    /// What the scheduler's preemption finds for a Pending daemon pod.
    pub preemption: Option<Preemption>,
    /// The DaemonSet's own pod already on this node, if the input has it.
    pub existing_pod: Option<ExistingPod>,
    pub fixes: Vec<Fix>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ExistingPod {
    pub name: String,
    pub phase: Option<String>,
    pub ready: bool,
    /// Runs the DaemonSet's current template (see [`DaemonSetPlan::pod_is_updated`]).
    pub updated: bool,
}

/// The DaemonSet status counters (`kubectl get ds` columns).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StatusCounts {
    pub desired_number_scheduled: i64,
    pub current_number_scheduled: i64,
    pub number_ready: i64,
    pub number_available: i64,
    pub updated_number_scheduled: i64,
    pub number_misscheduled: i64,
    pub number_unavailable: i64,
    /// `observed`: computed from the DaemonSet's pods in the input;
    /// `projected`: what the cluster settles to once the controller has
    /// created its pods and the schedulable ones are Ready.
    pub basis: CountsBasis,
}

/// Where the status counters come from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum CountsBasis {
    /// From the DaemonSet's pods in the input.
    Observed,
    /// What the cluster settles to once the controller has created its
    /// pods and the schedulable ones are Ready.
    #[default]
    Projected,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StateCounts {
    pub scheduled: usize,
    pub pending: usize,
    pub excluded: usize,
    pub keeps_existing: usize,
    pub failed_create: usize,
}

/// The whole report (`daemonset-sim check --format json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub daemon_set: Option<ObjectRef>,
    /// Why the API server would refuse the DaemonSet: its strict decoding
    /// errors, or else its validation errors (exit status 1 in the CLI).
    pub errors: Vec<Diagnostic>,
    /// Why the input cannot be used as it is: syntax, an unserved API
    /// version, a node list a cluster would refuse (exit status 2).
    pub input_errors: Vec<Diagnostic>,
    /// The API server's warnings for the DaemonSet, and this tool's notes
    /// on the input.
    pub warnings: Vec<Diagnostic>,
    /// Objects of kinds this tool does not use (one warning sums them up).
    pub skipped: Vec<crate::diagnostic::Skipped>,
    pub nodes: Vec<NodeReport>,
    pub desired_number_scheduled: i64,
    pub max_unavailable: Option<i64>,
    pub max_surge: Option<i64>,
    pub controller_max_unavailable: Option<i64>,
    pub controller_max_surge: Option<i64>,
    pub rollout_error: Option<String>,
    pub max_unavailable_error: Option<String>,
    pub max_surge_error: Option<String>,
    pub update_strategy: Option<UpdateStrategy>,
    pub daemon_pod_requests: Option<PodRequests>,
    /// `kubectl get ds`'s NODE SELECTOR column.
    pub node_selector: String,
    /// The DaemonSet's label selector as kubectl prints it (`app=x`),
    /// `None` when it does not parse.
    pub selector: Option<String>,
    /// The template's own tolerations (without the automatic ones).
    pub tolerations: Vec<Toleration>,
    pub status: StatusCounts,
    pub counts: StateCounts,
    /// The tolerations the controller adds to every daemon pod.
    pub auto_tolerations: Vec<Toleration>,
}

impl Report {
    /// Validation errors of the DaemonSet (exit code 1 in the CLI).
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }
}

impl NodeReport {
    /// Why the node has the verdict it has, in one line (the REASON
    /// column of `check`).
    pub fn reason(&self) -> String {
        reason_text(
            self.exclusion.as_ref(),
            self.existing_pod.is_some(),
            self.message.as_deref(),
        )
    }
}

/// Why a node has the verdict it has, in one line: from the controller's
/// exclusion (and whether the DaemonSet's pod is there), else the
/// scheduler's or the controller's event.
pub fn reason_text(
    exclusion: Option<&crate::controllers::daemonset::Exclusion>,
    has_existing_pod: bool,
    message: Option<&str>,
) -> String {
    {
        use crate::controllers::daemonset::Exclusion;
        match exclusion {
            Some(Exclusion::TemplateNodeName { node_name }) => {
                format!("spec.template.spec.nodeName is {node_name}")
            }
            Some(Exclusion::NodeAffinity { check }) => {
                if let Some(m) = check.node_selector_mismatches.first() {
                    match &m.have {
                        Some(h) => format!(
                            "nodeSelector {}={} (node has {}={})",
                            m.key, m.want, m.key, h
                        ),
                        None => format!(
                            "nodeSelector {}={} (node has no {} label)",
                            m.key, m.want, m.key
                        ),
                    }
                } else {
                    "required node affinity does not match".into()
                }
            }
            Some(Exclusion::NoScheduleTaint { taint }) => format!(
                "untolerated taint {} ({})",
                crate::k8s::taints::format_taint(taint),
                if has_existing_pod {
                    "its running pod stays; no new one is created"
                } else {
                    "no pod is created; one already running would stay"
                }
            ),
            Some(Exclusion::NoExecuteTaint { taint }) => {
                format!(
                    "untolerated taint {} (a running pod is evicted)",
                    crate::k8s::taints::format_taint(taint)
                )
            }
            None => message.unwrap_or("").to_string(),
        }
    }
}
