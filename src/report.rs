//! The `check` report: for one DaemonSet and a cluster, every node's
//! verdict with the facts behind it, the counters, and the rollout limits.
//! The CLI prints it, the wasm module returns it, the page shows it. It
//! holds structured facts (which rule, which values, which verdict), never
//! prose, so that the page can word it in any language.

use crate::controller::{DaemonSetPlan, Exclusion, NodeDecision, RolloutLimits};
use crate::diagnostics::Diagnostic;
use crate::input::{self, Located, Objects, Source};
use crate::model::{DaemonSet, Node, Pod, Taint, Toleration, UpdateStrategy};
use crate::node_affinity::AffinityCheck;
use crate::resources::Resources;
use crate::scheduler::{
    Preemption,
    self, FilterOutcome, InsufficientResource, NodeInfo, PluginFailure, PodInfo, PortConflict,
};
use crate::taints;
use crate::validation;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// What happens to the daemon pod on a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObjectRef {
    pub namespace: String,
    pub name: String,
}

/// What a node taint does to the daemon pod.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Fix {
    /// Add this toleration to `spec.template.spec.tolerations`.
    #[serde(rename_all = "camelCase")]
    AddToleration { taint: String, yaml: String },
    /// Or remove the taint from the node.
    #[serde(rename_all = "camelCase")]
    RemoveTaint { command: String },
    /// Label the node so the selector / affinity matches.
    #[serde(rename_all = "camelCase")]
    LabelNode { command: String },
    /// Remove `spec.template.spec.nodeName`.
    #[serde(rename_all = "camelCase")]
    RemoveTemplateNodeName { node_name: String },
    /// Lower a request to what the node has free.
    #[serde(rename_all = "camelCase")]
    LowerRequest {
        resource: String,
        free: String,
        yaml: String,
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
}

/// One node's verdict and the facts behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    pub labels: BTreeMap<String, String>,
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
    pub basis: &'static str,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StateCounts {
    pub scheduled: usize,
    pub pending: usize,
    pub excluded: usize,
    pub keeps_existing: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodRequests {
    pub cpu_milli: i64,
    pub memory: i64,
    pub ephemeral_storage: i64,
    pub scalar: BTreeMap<String, i64>,
}

/// The whole report (`daemonset-sim check --format json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub daemon_set: Option<ObjectRef>,
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
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
    /// A report with only errors (no usable DaemonSet).
    pub fn failed(errors: Vec<Diagnostic>, warnings: Vec<Diagnostic>) -> Report {
        Report {
            daemon_set: None,
            errors,
            warnings,
            nodes: Vec::new(),
            desired_number_scheduled: 0,
            max_unavailable: None,
            max_surge: None,
            controller_max_unavailable: None,
            controller_max_surge: None,
            rollout_error: None,
            max_unavailable_error: None,
            max_surge_error: None,
            update_strategy: None,
            daemon_pod_requests: None,
            node_selector: String::new(),
            selector: None,
            tolerations: Vec::new(),
            status: StatusCounts::default(),
            counts: StateCounts::default(),
            auto_tolerations: Vec::new(),
        }
    }

    /// Validation errors of the DaemonSet (exit code 1 in the CLI).
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }
}

/// `check` on texts: parse, pick the DaemonSet, evaluate.
pub fn check(sources: &[Source]) -> Result<Report, Diagnostic> {
    let objects = input::parse(sources);
    check_objects(sources, &objects)
}

/// `check` on parsed objects. `Err` when there is no DaemonSet to check
/// (or the input could not be read at all).
pub fn check_objects(sources: &[Source], objects: &Objects) -> Result<Report, Diagnostic> {
    let Some(ds) = objects.daemon_sets.first() else {
        if let Some(e) = objects.errors.first() {
            return Err(e.clone());
        }
        return Err(Diagnostic::new(
            None,
            "No DaemonSet",
            "the input holds no DaemonSet (an object with `kind: DaemonSet`)",
        ));
    };
    let mut report = evaluate(sources, ds, &objects.nodes, &objects.pods);
    let mut errors = objects.errors.clone();
    errors.append(&mut report.errors);
    report.errors = errors;
    let mut warnings = objects.warnings.clone();
    if objects.daemon_sets.len() > 1 {
        warnings.push(input::diagnostic_at(
            sources,
            &objects.daemon_sets[1].origin,
            "kind",
            "Ignored",
            format!(
                "only the first DaemonSet ({:?}) is checked; {} more ignored",
                ds.object.metadata.name(),
                objects.daemon_sets.len() - 1
            ),
        ));
    }
    warnings.append(&mut report.warnings);
    report.warnings = warnings;
    Ok(report)
}

/// Validation errors of a DaemonSet, located in its source text.
pub fn validation_errors(sources: &[Source], ds: &Located<DaemonSet>) -> Vec<Diagnostic> {
    let mut defaulted = ds.object.clone();
    crate::defaults::default_daemon_set(&mut defaulted);
    validation::validate_daemon_set(&defaulted)
        .into_iter()
        .map(|mut d| {
            let field = d.field.clone().unwrap_or_default();
            let pos = input::locate(sources, &ds.origin, &field);
            d = d.with_position(pos);
            d.field = Some(ds.origin.path(&field)).filter(|f| !f.is_empty());
            d.source = sources
                .get(ds.origin.input)
                .and_then(|s| s.name.map(str::to_string));
            d
        })
        .collect()
}

/// Evaluates one DaemonSet against the nodes and the pods on them.
pub fn evaluate(
    sources: &[Source],
    ds: &Located<DaemonSet>,
    nodes: &[Located<Node>],
    pods: &[Located<Pod>],
) -> Report {
    let plan = DaemonSetPlan::new(&ds.object);
    let errors = validation_errors(sources, ds);
    evaluate_plan(
        &plan,
        errors,
        nodes.iter().map(|n| &n.object),
        pods.iter().map(|p| &p.object),
    )
}

/// Evaluates a prepared plan (the wasm `Simulator` keeps nodes parsed and
/// calls this for every edit of the DaemonSet).
pub fn evaluate_plan<'a>(
    plan: &DaemonSetPlan,
    errors: Vec<Diagnostic>,
    nodes: impl Iterator<Item = &'a Node>,
    pods: impl Iterator<Item = &'a Pod>,
) -> Report {
    let ds = &plan.ds;
    let selector = plan.selector();
    // Split the pods: the DaemonSet's own feed the counters, the others
    // use resources and ports.
    let mut own: HashMap<&str, Vec<&Pod>> = HashMap::new();
    let mut others: HashMap<&str, Vec<&Pod>> = HashMap::new();
    for p in pods {
        if !scheduler::pod_occupies_node(p) {
            continue;
        }
        let node = p.spec.node_name.as_deref().unwrap_or("");
        let mine = selector.as_ref().is_some_and(|s| plan.owns(s, p));
        if mine { &mut own } else { &mut others }
            .entry(node)
            .or_default()
            .push(p);
    }
    let nodes: Vec<&Node> = nodes.collect();
    let pod_info = PodInfo::new(plan.daemon_pod_spec(""));
    // The pinned matchFields term always matches the pod's own node; the
    // rest of the required affinity was already checked by the controller.
    let pod_info = PodInfo {
        affinity: plan.affinity.clone(),
        ..pod_info
    };
    let n_nodes = nodes.len();
    let user_tolerations = &ds.spec.template.spec.tolerations;

    let mut reports = Vec::with_capacity(n_nodes);
    for node in &nodes {
        let decision = plan.node_should_run(node);
        let mut ni = NodeInfo::new(node);
        for p in others.get(node.name()).map(Vec::as_slice).unwrap_or(&[]) {
            ni.add_pod(p.metadata.name(), &p.spec);
        }
        let outcome = decision
            .should_run
            .then(|| scheduler::run_filters(&pod_info, &ni));
        let preemption = outcome.as_ref().filter(|o| !o.fits()).map(|o| {
            let on_node: Vec<(&str, &crate::model::PodSpec)> = others
                .get(node.name())
                .map(|v| v.iter().map(|p| (p.metadata.name(), &p.spec)).collect())
                .unwrap_or_default();
            scheduler::preemption(&pod_info, node, &on_node, o)
        });
        let existing = own
            .get(node.name())
            .and_then(|v| v.first())
            .map(|p| ExistingPod {
                name: p.metadata.name().to_string(),
                phase: p.status.phase.clone(),
                ready: crate::controller::pod_is_ready(p),
                updated: plan.pod_is_updated(p),
            });
        reports.push(node_report(
            plan,
            user_tolerations,
            node,
            &ni,
            decision,
            outcome,
            preemption,
            existing,
            n_nodes,
        ));
    }

    let desired = reports.iter().filter(|r| r.should_run).count() as i64;
    let limits: RolloutLimits = plan.rollout_limits(desired);
    let mut counts = StateCounts::default();
    for r in &reports {
        match r.state {
            NodeState::Scheduled => counts.scheduled += 1,
            NodeState::Pending => counts.pending += 1,
            NodeState::Excluded => counts.excluded += 1,
            NodeState::KeepsExisting => counts.keeps_existing += 1,
        }
    }
    let status = status_counts(plan, &reports, !own.is_empty());
    let req = &pod_info.requests;
    Report {
        daemon_set: Some(ObjectRef {
            namespace: ds.metadata.namespace().to_string(),
            name: ds.metadata.name().to_string(),
        }),
        errors,
        warnings: Vec::new(),
        nodes: reports,
        desired_number_scheduled: desired,
        max_unavailable: limits.max_unavailable,
        max_surge: limits.max_surge,
        controller_max_unavailable: limits.controller_max_unavailable,
        controller_max_surge: limits.controller_max_surge,
        rollout_error: limits.rollout_error,
        max_unavailable_error: limits.max_unavailable_error,
        max_surge_error: limits.max_surge_error,
        update_strategy: ds.spec.update_strategy.clone(),
        daemon_pod_requests: Some(PodRequests {
            cpu_milli: req.milli_cpu,
            memory: req.memory,
            ephemeral_storage: req.ephemeral_storage,
            scalar: req.scalar.clone(),
        }),
        node_selector: node_selector_column(ds),
        selector: selector.as_ref().map(|s| s.to_string()),
        tolerations: ds.spec.template.spec.tolerations.clone(),
        status,
        counts,
        auto_tolerations: taints::daemon_auto_tolerations(ds.spec.template.spec.host_network()),
    }
}

fn node_selector_column(ds: &DaemonSet) -> String {
    let ns = &ds.spec.template.spec.node_selector;
    if ns.is_empty() {
        "<none>".into()
    } else {
        ns.iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(",")
    }
}

fn status_counts(plan: &DaemonSetPlan, reports: &[NodeReport], observed: bool) -> StatusCounts {
    let mut s = StatusCounts {
        basis: if observed { "observed" } else { "projected" },
        ..Default::default()
    };
    for r in reports {
        if r.should_run {
            s.desired_number_scheduled += 1;
            if observed {
                if let Some(p) = &r.existing_pod {
                    s.current_number_scheduled += 1;
                    if p.updated {
                        s.updated_number_scheduled += 1;
                    }
                    if p.ready {
                        s.number_ready += 1;
                        s.number_available += 1;
                    }
                }
            } else {
                // the controller creates a pod on every such node; the
                // scheduled ones become Ready and (after minReadySeconds) available
                s.current_number_scheduled += 1;
                s.updated_number_scheduled += 1;
                if r.state == NodeState::Scheduled {
                    s.number_ready += 1;
                    s.number_available += 1;
                }
            }
        } else if observed && r.existing_pod.is_some() {
            s.number_misscheduled += 1;
        }
    }
    let _ = plan;
    s.number_unavailable = s.desired_number_scheduled - s.number_available;
    s
}

#[allow(clippy::too_many_arguments)]
fn node_report(
    plan: &DaemonSetPlan,
    user_tolerations: &[Toleration],
    node: &Node,
    ni: &NodeInfo,
    decision: NodeDecision,
    outcome: Option<FilterOutcome>,
    preemption: Option<Preemption>,
    existing_pod: Option<ExistingPod>,
    n_nodes: usize,
) -> NodeReport {
    let host_network = plan.pod_spec.host_network();
    let taint_checks: Vec<TaintCheck> = node
        .spec
        .taints
        .iter()
        .map(|t| {
            let idx = taints::tolerated_by(&plan.pod_spec.tolerations, t);
            let toleration = idx.map(|i| plan.pod_spec.tolerations[i].clone());
            let auto_toleration = toleration.as_ref().is_some_and(|tol| {
                taints::is_daemon_auto_toleration(tol, host_network)
                    && !user_tolerations.contains(tol)
            });
            let outcome = match (&toleration, t.effect.as_str()) {
                (Some(_), _) => TaintEffectOnPod::Tolerated,
                (None, taints::NO_EXECUTE) => TaintEffectOnPod::Evicts,
                (None, taints::NO_SCHEDULE) => TaintEffectOnPod::BlocksNewPods,
                (None, _) => TaintEffectOnPod::PreferOnly,
            };
            TaintCheck {
                taint: t.clone(),
                text: taints::format_taint(t),
                outcome,
                toleration,
                auto_toleration,
            }
        })
        .collect();

    let state = match (&decision, &outcome) {
        (d, Some(o)) if d.should_run && o.fits() => NodeState::Scheduled,
        (d, _) if d.should_run => NodeState::Pending,
        (d, _) if d.should_continue_running => NodeState::KeepsExisting,
        _ => NodeState::Excluded,
    };
    let (fits, reasons, failed, first, insufficient, port_conflicts) = match &outcome {
        Some(o) => (
            Some(o.fits()),
            o.reasons(),
            o.failures.iter().map(|f| f.plugin.clone()).collect(),
            o.first_failure().cloned(),
            o.insufficient.clone(),
            o.port_conflicts.clone(),
        ),
        None => (None, Vec::new(), Vec::new(), None, Vec::new(), Vec::new()),
    };
    let message = match (&outcome, &preemption) {
        (Some(o), Some(p)) => Some(scheduler::daemon_pod_message(n_nodes, o, p)),
        _ => None,
    };
    let fixes = fixes_for(
        node,
        &decision,
        &taint_checks,
        &insufficient,
        &port_conflicts,
        ni,
    );
    NodeReport {
        name: node.name().to_string(),
        state,
        should_run: decision.should_run,
        should_continue_running: decision.should_continue_running,
        scheduler_fits: fits,
        scheduler_reasons: reasons,
        scheduler_failed_plugins: failed,
        scheduler_first_failure: first,
        affinity: plan.affinity.check(node),
        exclusion: decision.exclusion.clone(),
        taints: taint_checks,
        labels: node.metadata.labels.clone(),
        unschedulable: node.spec.unschedulable.unwrap_or(false),
        ready: node
            .status
            .conditions
            .iter()
            .find(|c| c.type_ == "Ready")
            .map(|c| c.status == "True"),
        allocatable: ni.allocatable.clone(),
        used: ni.requested.clone(),
        pods_on_node: ni.pod_count,
        insufficient,
        port_conflicts,
        message,
        preemption,
        existing_pod,
        fixes,
    }
}

/// A request written back the way people write it (`250m`, `2`, `512Mi`).
pub fn format_amount(resource: &str, amount: i64) -> String {
    if resource == "cpu" {
        if amount % 1000 == 0 {
            format!("{}", amount / 1000)
        } else {
            format!("{amount}m")
        }
    } else {
        const UNITS: [(&str, i64); 4] = [
            ("Ti", 1 << 40),
            ("Gi", 1 << 30),
            ("Mi", 1 << 20),
            ("Ki", 1 << 10),
        ];
        for (u, size) in UNITS {
            if amount >= size && amount % size == 0 {
                return format!("{}{u}", amount / size);
            }
        }
        if amount >= 1 << 20 {
            return format!("{}Mi", amount >> 20);
        }
        amount.to_string()
    }
}

fn toleration_yaml(t: &Taint) -> String {
    let mut y = format!("tolerations:\n- key: {}\n", yaml_scalar(&t.key));
    if t.value.is_empty() {
        y.push_str("  operator: Exists\n");
    } else {
        y.push_str(&format!(
            "  operator: Equal\n  value: {}\n",
            yaml_scalar(&t.value)
        ));
    }
    y.push_str(&format!("  effect: {}\n", t.effect));
    y
}

/// Quotes a YAML scalar when plain style would change its meaning.
fn yaml_scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._/".contains(c))
        && !matches!(
            s,
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "~"
        )
        && s.parse::<f64>().is_err();
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
}

fn shell_word(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._/=:".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

fn fixes_for(
    node: &Node,
    decision: &NodeDecision,
    taint_checks: &[TaintCheck],
    insufficient: &[InsufficientResource],
    conflicts: &[PortConflict],
    ni: &NodeInfo,
) -> Vec<Fix> {
    let mut fixes = Vec::new();
    let name = shell_word(node.name());
    match &decision.exclusion {
        Some(Exclusion::TemplateNodeName { node_name }) => {
            fixes.push(Fix::RemoveTemplateNodeName {
                node_name: node_name.clone(),
            })
        }
        Some(Exclusion::NodeAffinity { check }) => {
            let mut labels: Vec<String> = check
                .node_selector_mismatches
                .iter()
                .map(|m| format!("{}={}", m.key, m.want))
                .collect();
            if labels.is_empty() {
                labels = affinity_label_suggestion(check, node);
            }
            if !labels.is_empty() {
                let args: Vec<String> = labels.iter().map(|l| shell_word(l)).collect();
                fixes.push(Fix::LabelNode {
                    command: format!("kubectl label node {name} {} --overwrite", args.join(" ")),
                });
            }
        }
        _ => {}
    }
    for t in taint_checks {
        if matches!(
            t.outcome,
            TaintEffectOnPod::BlocksNewPods | TaintEffectOnPod::Evicts
        ) {
            fixes.push(Fix::AddToleration {
                taint: t.text.clone(),
                yaml: toleration_yaml(&t.taint),
            });
            fixes.push(Fix::RemoveTaint {
                command: format!(
                    "kubectl taint node {name} {}-",
                    shell_word(&format!("{}:{}", t.taint.key, t.taint.effect))
                ),
            });
        }
    }
    for r in insufficient {
        if r.resource == "pods" {
            fixes.push(Fix::FreeCapacity {
                resource: r.resource.clone(),
            });
            continue;
        }
        let free = r.capacity.saturating_sub(r.used);
        if free > 0 {
            let amount = format_amount(&r.resource, free);
            fixes.push(Fix::LowerRequest {
                resource: r.resource.clone(),
                free: amount.clone(),
                yaml: format!(
                    "resources:\n  requests:\n    {}: {}\n",
                    yaml_scalar(&r.resource),
                    yaml_scalar(&amount)
                ),
            });
        } else {
            fixes.push(Fix::FreeCapacity {
                resource: r.resource.clone(),
            });
        }
    }
    for c in conflicts {
        fixes.push(Fix::FreeHostPort {
            port: c.port.port,
            protocol: c.port.protocol.clone(),
            used_by: c.used_by.clone(),
        });
    }
    let _ = ni;
    fixes
}

/// `kubectl label` arguments that would make the first term that can
/// match by labels alone match this node (`key=value`, or `key-` to remove).
fn affinity_label_suggestion(check: &AffinityCheck, node: &Node) -> Vec<String> {
    let _ = node;
    let usable = check.terms.iter().find(|t| {
        t.errors.is_empty() && t.requirements.iter().all(|r| r.matches || r.kind == "matchExpressions")
    });
    let Some(term) = usable else { return Vec::new() };
    term.requirements
        .iter()
        .filter(|r| !r.matches)
        .filter_map(|r| {
            let first = r.values.first();
            let int = first.and_then(|v| crate::node_affinity::parse_go_int(v));
            Some(match r.operator.as_str() {
                "In" => format!("{}={}", r.key, first?),
                "Exists" => format!("{}=", r.key),
                "NotIn" | "DoesNotExist" => format!("{}-", r.key),
                "Gt" => format!("{}={}", r.key, int?.checked_add(1)?),
                "Lt" => format!("{}={}", r.key, int?.checked_sub(1)?),
                _ => return None,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_written_like_people_write_them() {
        assert_eq!(format_amount("cpu", 250), "250m");
        assert_eq!(format_amount("cpu", 2000), "2");
        assert_eq!(format_amount("memory", 512 << 20), "512Mi");
        assert_eq!(format_amount("memory", 3 << 30), "3Gi");
        assert_eq!(format_amount("memory", (1 << 20) + 5), "1Mi");
        assert_eq!(format_amount("memory", 1000), "1000");
    }

    #[test]
    fn yaml_scalars_quote_when_needed() {
        assert_eq!(yaml_scalar("gpu"), "gpu");
        assert_eq!(yaml_scalar("true"), "\"true\"");
        assert_eq!(yaml_scalar("1.5"), "\"1.5\"");
        assert_eq!(yaml_scalar("a b"), "\"a b\"");
        assert_eq!(yaml_scalar(""), "\"\"");
    }
}
