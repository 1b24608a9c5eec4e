//! The kube-scheduler's filter plugins for one pod on one node, in the
//! default profile's order (NodeUnschedulable, NodeName, TaintToleration,
//! NodeAffinity, NodePorts, NodeResourcesFit), with their exact reason
//! strings, and the scheduler's `0/N nodes are available: ...` summary.
//!
//! The plugins that follow them in the default profile (volumes,
//! PodTopologySpread with its ScheduleAnyway system defaults,
//! InterPodAffinity, DynamicResources) never reject the pods this tool
//! reads: it does not model volumes, resource claims or pod affinity.

use crate::model::{Node, Pod, PodSpec, Taint};
use crate::node_affinity::RequiredNodeAffinity;
use crate::resources::{self, Resources};
use crate::taints;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

pub const NODE_UNSCHEDULABLE: &str = "NodeUnschedulable";
pub const NODE_NAME: &str = "NodeName";
pub const TAINT_TOLERATION: &str = "TaintToleration";
pub const NODE_AFFINITY: &str = "NodeAffinity";
pub const NODE_PORTS: &str = "NodePorts";
pub const NODE_RESOURCES_FIT: &str = "NodeResourcesFit";

pub const REASON_UNSCHEDULABLE: &str = "node(s) were unschedulable";
pub const REASON_NODE_NAME: &str = "node(s) didn't match the requested node name";
pub const REASON_TAINTS: &str = "node(s) had untolerated taint(s)";
pub const REASON_AFFINITY: &str = "node(s) didn't match Pod's node affinity/selector";
pub const REASON_PORTS: &str = "node(s) didn't have free ports for the requested pod ports";
pub const REASON_TOO_MANY_PODS: &str = "Too many pods";

/// One host port as the scheduler keys it (`HostPortInfo`): an empty IP
/// is `0.0.0.0`, an empty protocol `TCP`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HostPort {
    pub ip: String,
    pub protocol: String,
    pub port: i32,
}

impl HostPort {
    fn new(ip: Option<&str>, protocol: Option<&str>, port: i32) -> HostPort {
        HostPort {
            ip: ip
                .filter(|s| !s.is_empty())
                .unwrap_or("0.0.0.0")
                .to_string(),
            protocol: protocol
                .filter(|s| !s.is_empty())
                .unwrap_or("TCP")
                .to_string(),
            port,
        }
    }

    /// `HostPortInfo.CheckConflict` for one used port.
    pub fn conflicts_with(&self, used: &HostPort) -> bool {
        self.protocol == used.protocol
            && self.port == used.port
            && (self.ip == "0.0.0.0" || used.ip == "0.0.0.0" || self.ip == used.ip)
    }
}

/// `schedutil.GetHostPorts`: host ports of the containers and of the
/// sidecars (init containers that run for the pod's whole life).
pub fn host_ports(spec: &PodSpec) -> Vec<HostPort> {
    spec.init_containers
        .iter()
        .filter(|c| c.restart_policy.as_deref() == Some("Always"))
        .chain(spec.containers.iter())
        .flat_map(|c| c.ports.iter())
        .filter_map(|p| match p.host_port {
            Some(port) if port > 0 => Some(HostPort::new(
                p.host_ip.as_deref(),
                p.protocol.as_deref(),
                port,
            )),
            _ => None,
        })
        .collect()
}

/// A pod being scheduled, with what the plugins precompute (PreFilter).
#[derive(Debug, Clone)]
pub struct PodInfo {
    pub spec: PodSpec,
    pub requests: Resources,
    pub host_ports: Vec<HostPort>,
    pub affinity: RequiredNodeAffinity,
}

impl PodInfo {
    /// `spec` must be defaulted as a pod (see [`crate::defaults::default_pod`]).
    pub fn new(spec: PodSpec) -> PodInfo {
        PodInfo {
            requests: resources::pod_requests(&spec),
            host_ports: host_ports(&spec),
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
        self.add_pod_parts(name, &resources::pod_requests(spec), &host_ports(spec));
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

/// One resource the node lacks: requested vs what is free.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InsufficientResource {
    pub resource: String,
    pub reason: String,
    /// What the pod asks for (1 for `pods`).
    pub requested: i64,
    /// Already requested by the pods on the node.
    pub used: i64,
    pub capacity: i64,
}

/// A failing filter plugin and its reasons (sorted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PluginFailure {
    pub plugin: String,
    pub reasons: Vec<String>,
}

/// Every filter plugin's verdict for the pod on the node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FilterOutcome {
    /// Failing plugins in the profile's order; empty when the pod fits.
    pub failures: Vec<PluginFailure>,
    /// The first untolerated NoSchedule/NoExecute taint, if any.
    pub untolerated_taint: Option<Taint>,
    pub insufficient: Vec<InsufficientResource>,
    /// Requested host ports already in use, with the pod using each.
    pub port_conflicts: Vec<PortConflict>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PortConflict {
    pub port: HostPort,
    pub used_by: String,
}

impl FilterOutcome {
    pub fn fits(&self) -> bool {
        self.failures.is_empty()
    }
    /// Sorted union of every failing plugin's reasons.
    pub fn reasons(&self) -> Vec<String> {
        let set: BTreeSet<&String> = self
            .failures
            .iter()
            .flat_map(|f| f.reasons.iter())
            .collect();
        set.into_iter().cloned().collect()
    }
    /// What the scheduler itself reports: it stops at the first failure.
    pub fn first_failure(&self) -> Option<&PluginFailure> {
        self.failures.first()
    }
}

/// `noderesources.fitsRequest`.
pub fn insufficient_resources(pod: &Resources, ni: &NodeInfo) -> Vec<InsufficientResource> {
    let mut out = Vec::new();
    let alloc = &ni.allocatable;
    let used = &ni.requested;
    if ni.pod_count as i64 + 1 > alloc.allowed_pod_number {
        out.push(InsufficientResource {
            resource: resources::PODS.into(),
            reason: REASON_TOO_MANY_PODS.into(),
            requested: 1,
            used: ni.pod_count as i64,
            capacity: alloc.allowed_pod_number,
        });
    }
    if pod.milli_cpu == 0 && pod.memory == 0 && pod.ephemeral_storage == 0 && pod.scalar.is_empty()
    {
        return out;
    }
    let mut check = |name: &str, req: i64, alloc: i64, used: i64| {
        if req > 0 && req > alloc.saturating_sub(used) {
            out.push(InsufficientResource {
                resource: name.to_string(),
                reason: format!("Insufficient {name}"),
                requested: req,
                used,
                capacity: alloc,
            });
        }
    };
    check(
        resources::CPU,
        pod.milli_cpu,
        alloc.milli_cpu,
        used.milli_cpu,
    );
    check(resources::MEMORY, pod.memory, alloc.memory, used.memory);
    check(
        resources::EPHEMERAL_STORAGE,
        pod.ephemeral_storage,
        alloc.ephemeral_storage,
        used.ephemeral_storage,
    );
    for (name, &req) in &pod.scalar {
        let a = alloc.scalar.get(name).copied().unwrap_or(0);
        let u = used.scalar.get(name).copied().unwrap_or(0);
        check(name, req, a, u);
    }
    out
}

/// Runs every filter plugin (the scheduler stops at the first failure;
/// this runs them all so the explanation can name every problem).
pub fn run_filters(pod: &PodInfo, ni: &NodeInfo) -> FilterOutcome {
    let node = ni.node;
    let mut failures = Vec::new();
    let mut fail = |plugin: &str, reasons: Vec<String>| {
        failures.push(PluginFailure {
            plugin: plugin.into(),
            reasons,
        })
    };

    if node.spec.unschedulable.unwrap_or(false) {
        let unsched = Taint {
            key: taints::TAINT_UNSCHEDULABLE.into(),
            effect: taints::NO_SCHEDULE.into(),
            ..Taint::default()
        };
        if taints::tolerated_by(&pod.spec.tolerations, &unsched).is_none() {
            fail(NODE_UNSCHEDULABLE, vec![REASON_UNSCHEDULABLE.into()]);
        }
    }
    if let Some(name) = pod.spec.node_name.as_deref() {
        if !name.is_empty() && name != node.name() {
            fail(NODE_NAME, vec![REASON_NODE_NAME.into()]);
        }
    }
    let untolerated_taint = taints::find_untolerated(
        &node.spec.taints,
        &pod.spec.tolerations,
        taints::is_do_not_schedule,
    )
    .cloned();
    if untolerated_taint.is_some() {
        fail(TAINT_TOLERATION, vec![REASON_TAINTS.into()]);
    }
    if !pod.affinity.matches(node) {
        fail(NODE_AFFINITY, vec![REASON_AFFINITY.into()]);
    }
    let port_conflicts: Vec<PortConflict> = pod
        .host_ports
        .iter()
        .filter_map(|want| {
            ni.used_ports
                .iter()
                .find(|(used, _)| want.conflicts_with(used))
                .map(|(_, by)| PortConflict {
                    port: want.clone(),
                    used_by: by.clone(),
                })
        })
        .collect();
    if !port_conflicts.is_empty() {
        fail(NODE_PORTS, vec![REASON_PORTS.into()]);
    }
    let insufficient = insufficient_resources(&pod.requests, ni);
    if !insufficient.is_empty() {
        let mut reasons: Vec<String> = insufficient.iter().map(|r| r.reason.clone()).collect();
        reasons.sort();
        fail(NODE_RESOURCES_FIT, reasons);
    }
    FilterOutcome {
        failures,
        untolerated_taint,
        insufficient,
        port_conflicts,
    }
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
    let mut hist: BTreeMap<&str, usize> = BTreeMap::new();
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

    #[test]
    fn port_conflict_rules() {
        let any = HostPort::new(None, None, 80);
        let local = HostPort::new(Some("127.0.0.1"), Some("TCP"), 80);
        let other = HostPort::new(Some("10.0.0.1"), None, 80);
        let udp = HostPort::new(None, Some("UDP"), 80);
        assert!(any.conflicts_with(&local));
        assert!(local.conflicts_with(&any));
        assert!(!local.conflicts_with(&other));
        assert!(!any.conflicts_with(&udp));
        assert!(local.conflicts_with(&local.clone()));
    }

    #[test]
    fn daemon_pod_message_matches_the_scheduler_event() {
        use crate::model::{Container, QuantityText};
        let node = Node {
            metadata: crate::model::ObjectMeta { name: Some("n".into()), ..Default::default() },
            status: crate::model::NodeStatus {
                allocatable: Some(
                    [("cpu", "1"), ("pods", "110")].map(|(k, v)| (k.to_string(), QuantityText::from(v))).into(),
                ),
                ..Default::default()
            },
            ..Default::default()
        };
        let spec = |cpu: &str, class: Option<&str>| {
            let mut c = Container::default();
            c.resources.requests.insert("cpu".into(), QuantityText::from(cpu));
            PodSpec { containers: vec![c], priority_class_name: class.map(str::to_string), ..Default::default() }
        };
        let other = spec("800m", None);
        let others = [("web", &other)];
        let mut ni = NodeInfo::new(&node);
        ni.add_pod("web", &other);

        let pod = PodInfo::new(spec("500m", None));
        let out = run_filters(&pod, &ni);
        let p = preemption(&pod, &node, &others, &out);
        assert_eq!(p, Preemption::NoVictims);
        assert_eq!(
            daemon_pod_message(4, &out, &p),
            "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling."
        );

        let critical = PodInfo::new(spec("500m", Some("system-node-critical")));
        let out = run_filters(&critical, &ni);
        let p = preemption(&critical, &node, &others, &out);
        assert_eq!(p, Preemption::Preempts { victims: vec!["web".into()] });
        assert!(!daemon_pod_message(4, &out, &p).contains("preemption:"));

        // more than the whole node: evicting cannot help
        let huge = PodInfo::new(spec("2", Some("system-node-critical")));
        let out = run_filters(&huge, &ni);
        assert_eq!(preemption(&huge, &node, &others, &out), Preemption::NotHelpful);
    }

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

// ------------------------------------------------------------ preemption

pub const REASON_PREEMPTION_NOT_HELPFUL: &str = "Preemption is not helpful for scheduling";
pub const REASON_NO_VICTIMS: &str = "No preemption victims found for incoming pod";

/// The pod's priority as the Priority admission plugin sets it:
/// `spec.priority` when the object has it (dumps do), else the built-in
/// classes; any other class counts as 0 (its PriorityClass object is not
/// in the input).
pub fn pod_priority(spec: &PodSpec) -> i32 {
    if let Some(p) = spec.priority {
        return p;
    }
    match spec.priority_class_name.as_deref() {
        Some("system-node-critical") => 2_000_001_000,
        Some("system-cluster-critical") => 2_000_000_000,
        _ => 0,
    }
}

/// What the DefaultPreemption plugin finds on the pod's node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "camelCase")]
pub enum Preemption {
    /// The node failed a filter that evicting pods cannot fix (a taint,
    /// affinity, or a request larger than the node's allocatable).
    NotHelpful,
    /// No pod on the node has a lower priority than this one.
    NoVictims,
    /// Even without every lower-priority pod the pod does not fit.
    #[serde(rename_all = "camelCase")]
    StillDoesNotFit { reasons: Vec<String> },
    /// The scheduler evicts these lower-priority pods, then binds the pod.
    #[serde(rename_all = "camelCase")]
    Preempts { victims: Vec<String> },
}

impl Preemption {
    /// The node's reasons in the preemption summary message (none when
    /// preemption succeeds).
    pub fn reasons(&self) -> Vec<String> {
        match self {
            Preemption::NotHelpful => vec![REASON_PREEMPTION_NOT_HELPFUL.into()],
            Preemption::NoVictims => vec![REASON_NO_VICTIMS.into()],
            Preemption::StillDoesNotFit { reasons } => reasons.clone(),
            Preemption::Preempts { .. } => Vec::new(),
        }
    }
}

/// Whether the first failing plugin's status is `Unschedulable` (evicting
/// pods might help) rather than `UnschedulableAndUnresolvable`.
/// NodeResourcesFit is unresolvable when a request exceeds the node's
/// whole allocatable.
pub fn failure_is_resolvable(outcome: &FilterOutcome) -> bool {
    match outcome.first_failure().map(|f| f.plugin.as_str()) {
        Some(NODE_PORTS) => true,
        Some(NODE_RESOURCES_FIT) => outcome
            .insufficient
            .iter()
            .all(|r| r.resource == resources::PODS || r.requested <= r.capacity),
        _ => false,
    }
}

/// `SelectVictimsOnNode` for one node: `others` are the pods on it
/// (name, spec defaulted as a pod), in the order the scheduler would
/// consider reprieving them after sorting by priority.
pub fn preemption(pod: &PodInfo, node: &Node, others: &[(&str, &PodSpec)], outcome: &FilterOutcome) -> Preemption {
    if outcome.fits() || !failure_is_resolvable(outcome) {
        return Preemption::NotHelpful;
    }
    let prio = pod_priority(&pod.spec);
    let (mut victims, keep): (Vec<_>, Vec<_>) = others.iter().partition(|(_, s)| pod_priority(s) < prio);
    if victims.is_empty() {
        return Preemption::NoVictims;
    }
    let fits_with = |kept: &[&(&str, &PodSpec)]| {
        let mut ni = NodeInfo::new(node);
        for (name, spec) in kept {
            ni.add_pod(name, spec);
        }
        run_filters(pod, &ni)
    };
    let mut kept: Vec<&(&str, &PodSpec)> = keep;
    let without_all = fits_with(&kept);
    if !without_all.fits() {
        let reasons = without_all.first_failure().map(|f| f.reasons.clone()).unwrap_or_default();
        return Preemption::StillDoesNotFit { reasons };
    }
    // Reprieve the most important pods first; those that cannot come back are victims.
    victims.sort_by_key(|(_, s)| std::cmp::Reverse(pod_priority(s)));
    let mut evicted = Vec::new();
    for v in victims {
        kept.push(v);
        if !fits_with(&kept).fits() {
            kept.pop();
            evicted.push(v.0.to_string());
        }
    }
    Preemption::Preempts { victims: evicted }
}

/// The full FailedScheduling message of a daemon pod that does not fit
/// its node: the filter summary, then (unless preemption succeeds) the
/// preemption summary, as `kubectl describe pod` shows them.
pub fn daemon_pod_message(num_all_nodes: usize, outcome: &FilterOutcome, preemption: &Preemption) -> String {
    let absent = num_all_nodes.saturating_sub(1);
    let first: &[String] = outcome.first_failure().map(|f| f.reasons.as_slice()).unwrap_or(&[]);
    let mut msg = fit_error_message(num_all_nodes, [first], Some((REASON_PREFILTER_NODE_AFFINITY, absent)));
    if !matches!(preemption, Preemption::Preempts { .. }) {
        let node_reasons = preemption.reasons();
        msg.push_str(" preemption: ");
        msg.push_str(&fit_error_message(
            num_all_nodes,
            [node_reasons.as_slice()],
            Some((REASON_PREEMPTION_NOT_HELPFUL, absent)),
        ));
    }
    msg
}
