//! `cluster`: every DaemonSet of a cluster at once, against the same
//! nodes. The DaemonSets' own pods in the input (observed) stay where
//! they are; the pods the controllers still have to create (projected)
//! are placed the way the scheduler's queue pops them (PrioritySort:
//! higher priority first, then the earlier one; here the DaemonSet's
//! `creationTimestamp`, then namespace/name), each placement seeing what
//! the earlier ones took, with DefaultPreemption for a pod that does not
//! fit. Each cell is what [`crate::check`] says for that DaemonSet on
//! that node with the pods placed before it on the node
//! ([`crate::check::node_report`]); the tax is what the daemon pods
//! request per node and per node pool.
//!
//! A daemon pod is pinned to its node (`matchFields metadata.name`), so
//! pods of different nodes never compete: the order matters only among
//! the daemon pods of one node.

mod types;
pub use types::*;

use crate::check::{self, FailedCreate, NodeReport, NodeState};
use crate::controllers::daemonset::{DaemonSetPlan, Exclusion};
use crate::k8s::model::{DaemonSet, Node, ObjectRef, Pod, PodSpec};
use crate::k8s::name_map::NameMap;
use crate::k8s::priority::Priorities;
use crate::k8s::quantity::{Format, Quantity};
use crate::k8s::resources::{self, Resources};
use crate::scheduler::{self, HostPort, NodeInfo, PodInfo, Preemption};
use std::collections::{BTreeMap, HashMap};

/// The labels that name a node's pool, in the order they are looked for.
pub const POOL_LABELS: [&str; 4] = [
    "cloud.google.com/gke-nodepool",
    "eks.amazonaws.com/nodegroup",
    "karpenter.sh/nodepool",
    "kubernetes.azure.com/agentpool",
];
/// The label a node without a pool label is grouped by.
pub const INSTANCE_TYPE_LABEL: &str = "node.kubernetes.io/instance-type";

/// How the view is asked for (the wasm `ClusterOptions`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ClusterOptions"))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Options {
    /// Group nodes by this label instead of the pool labels.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub group_by: Option<String>,
}

/// One DaemonSet prepared for placement.
struct Prepared<'a> {
    plan: DaemonSetPlan,
    /// The daemon pod after Priority admission.
    pod: PodInfo,
    failed: Option<FailedCreate>,
    /// Its own pods in the input, by node name.
    own: HashMap<&'a str, Vec<usize>>,
    priority: i32,
    timestamp: Option<String>,
    /// `resource.PodRequests` of the daemon pod (exact quantities).
    request_list: NameMap<Quantity>,
    /// The name a projected pod goes by (the controller's generateName).
    pod_name: String,
}

/// A pod bound to a node, with what the scheduler counts of it.
struct BoundPod<'a> {
    pod: &'a Pod,
    requests: Resources,
    ports: Vec<HostPort>,
    /// The DaemonSet (index) that owns it, if any.
    owner: Option<usize>,
}

/// The cluster prepared once: DaemonSets, nodes and their pods.
pub struct Cluster<'a> {
    prepared: Vec<Prepared<'a>>,
    nodes: Vec<&'a Node>,
    bound: Vec<BoundPod<'a>>,
    /// Pods (indices into `bound`) by node name.
    by_node: HashMap<&'a str, Vec<usize>>,
    /// The placement order (indices into `prepared`).
    order: Vec<usize>,
}

/// What one node's placement gives: a report per DaemonSet, whether its
/// daemon pod is (or stays) on the node, and who preempted it.
struct NodePlacement {
    reports: Vec<NodeReport>,
    on_node: Vec<bool>,
    preempted_by: Vec<Option<usize>>,
    /// Observed pods (indices into `bound`) that were preempted.
    evicted: Vec<usize>,
}

impl<'a> Cluster<'a> {
    /// Prepares `daemon_sets` (accepted by the API server) against the
    /// nodes and the pods bound to them.
    pub fn new(
        daemon_sets: &[&DaemonSet],
        nodes: impl Iterator<Item = &'a Node>,
        pods: impl Iterator<Item = &'a Pod>,
        priorities: &Priorities,
    ) -> Cluster<'a> {
        let mut prepared: Vec<Prepared> = daemon_sets
            .iter()
            .map(|ds| {
                let plan = DaemonSetPlan::new(ds);
                let (pod, failed) = check::admitted_pod(&plan, priorities);
                let priority = scheduler::pod_priority(&pod.spec);
                let request_list = resources::pod_request_list(&pod.spec);
                let pod_name = check::pods_prefix(plan.name());
                Prepared {
                    timestamp: ds
                        .metadata
                        .creation_timestamp
                        .clone()
                        .filter(|t| !t.is_empty()),
                    plan,
                    pod,
                    failed,
                    own: HashMap::new(),
                    priority,
                    request_list,
                    pod_name,
                }
            })
            .collect();
        let selectors: Vec<_> = prepared.iter().map(|p| p.plan.selector()).collect();
        let mut bound = Vec::new();
        let mut by_node: HashMap<&str, Vec<usize>> = HashMap::new();
        for pod in pods {
            if !scheduler::pod_occupies_node(pod) {
                continue;
            }
            let node = pod.spec.node_name.as_deref().unwrap_or("");
            let owner = prepared
                .iter()
                .enumerate()
                .position(|(i, p)| selectors[i].as_ref().is_some_and(|s| p.plan.owns(s, pod)));
            let i = bound.len();
            if let Some(o) = owner {
                prepared[o].own.entry(node).or_default().push(i);
            }
            by_node.entry(node).or_default().push(i);
            bound.push(BoundPod {
                pod,
                requests: resources::pod_requests(&pod.spec),
                ports: scheduler::host_ports(&pod.spec),
                owner,
            });
        }
        let mut order: Vec<usize> = (0..prepared.len()).collect();
        crate::sort::sort_by(&mut order, |&a, &b| {
            order_key(&prepared[a]).cmp(&order_key(&prepared[b]))
        });
        Cluster {
            prepared,
            nodes: nodes.collect(),
            bound,
            by_node,
            order,
        }
    }

    /// Whether Kubernetes fixes the order of DaemonSets `a` and `b`: no
    /// when their priorities are equal and their creation timestamps are
    /// equal or unknown (the queue then pops them in the order they
    /// arrived, which the objects do not say).
    fn tied(&self, a: usize, b: usize) -> bool {
        let (a, b) = (&self.prepared[a], &self.prepared[b]);
        a.priority == b.priority
            && match (&a.timestamp, &b.timestamp) {
                (Some(x), Some(y)) => x == y,
                _ => true,
            }
    }

    /// Places the daemon pods of one node, projected ones in `order`.
    fn place(&self, node: &'a Node, order: &[usize]) -> NodePlacement {
        let n = self.prepared.len();
        let n_nodes = self.nodes.len();
        let empty = Vec::new();
        let here = self.by_node.get(node.name()).unwrap_or(&empty);
        let mut reports: Vec<Option<NodeReport>> = vec![None; n];
        let mut on_node = vec![false; n];
        let mut preempted_by = vec![None; n];
        // the observed pods: what check says with the other pods bound here
        for (d, p) in self.prepared.iter().enumerate() {
            let Some(own) = p.own.get(node.name()) else {
                continue;
            };
            let mut info = NodeInfo::new(node);
            for &b in here.iter().filter(|b| self.bound[**b].owner != Some(d)) {
                self.add_bound(&mut info, b);
            }
            let existing = &self.bound[own[0]].pod;
            reports[d] = Some(self.report(d, node, &info, &[], here, Some(existing), n_nodes));
            on_node[d] = true;
        }
        // the projected ones, in the queue's order
        let mut evicted: Vec<usize> = Vec::new();
        let mut placed: Vec<usize> = Vec::new();
        let build = |evicted: &[usize], placed: &[usize]| {
            let mut info = NodeInfo::new(node);
            for &b in here.iter().filter(|b| !evicted.contains(b)) {
                self.add_bound(&mut info, b);
            }
            for &d in placed {
                let p = &self.prepared[d];
                info.add_pod_parts(&p.pod_name, &p.pod.requests, &p.pod.host_ports);
            }
            info
        };
        let mut info = build(&evicted, &placed);
        for &d in order {
            if self.prepared[d].own.contains_key(node.name()) {
                continue;
            }
            let alive: Vec<usize> = here
                .iter()
                .copied()
                .filter(|b| !evicted.contains(b))
                .collect();
            let r = self.report(d, node, &info, &placed, &alive, None, n_nodes);
            let victims = match &r.preemption {
                Some(Preemption::Preempts { victims }) => victims.clone(),
                _ => Vec::new(),
            };
            let runs = r.state == NodeState::Scheduled
                || matches!(r.preemption, Some(Preemption::Preempts { .. }));
            if !victims.is_empty() {
                for &b in &alive {
                    if victims
                        .iter()
                        .any(|v| v == self.bound[b].pod.metadata.name())
                    {
                        evicted.push(b);
                        if let Some(o) = self.bound[b].owner {
                            on_node[o] = false;
                            preempted_by[o] = Some(d);
                        }
                    }
                }
            }
            reports[d] = Some(r);
            if runs {
                on_node[d] = true;
                placed.push(d);
            }
            if runs || !victims.is_empty() {
                info = build(&evicted, &placed);
            }
        }
        // a preempted daemon pod: the controller creates it again, and the
        // new pod meets the node as the preemptor left it
        for o in 0..n {
            if preempted_by[o].is_none() {
                continue;
            }
            let alive: Vec<usize> = here
                .iter()
                .copied()
                .filter(|b| !evicted.contains(b))
                .collect();
            let r = self.report(o, node, &info, &placed, &alive, None, n_nodes);
            if r.state == NodeState::Scheduled {
                on_node[o] = true;
                placed.push(o);
                info = build(&evicted, &placed);
            }
            reports[o] = Some(r);
        }
        NodePlacement {
            reports: reports
                .into_iter()
                .enumerate()
                .map(|(d, r)| {
                    r.unwrap_or_else(|| self.report(d, node, &info, &[], &[], None, n_nodes))
                })
                .collect(),
            on_node,
            preempted_by,
            evicted,
        }
    }

    fn add_bound(&self, info: &mut NodeInfo, b: usize) {
        let bp = &self.bound[b];
        info.add_pod_parts(bp.pod.metadata.name(), &bp.requests, &bp.ports);
    }

    /// Check's verdict and report for DaemonSet `d` on `node` as `info`
    /// shows it; `placed` (projected daemon pods) and `alive` (bound
    /// pods) are the candidates for preemption.
    #[allow(clippy::too_many_arguments)]
    fn report(
        &self,
        d: usize,
        node: &Node,
        info: &NodeInfo,
        placed: &[usize],
        alive: &[usize],
        existing: Option<&Pod>,
        n_nodes: usize,
    ) -> NodeReport {
        let p = &self.prepared[d];
        let plan = &p.plan;
        let decision = plan.node_should_run(node);
        let mut outcome = decision
            .should_run
            .then(|| scheduler::run_filters(&p.pod, info));
        let mut state = match (&decision, &outcome) {
            (dec, Some(o)) if dec.should_run && o.fits() => NodeState::Scheduled,
            (dec, _) if dec.should_run => NodeState::Pending,
            (dec, _) if dec.should_continue_running => NodeState::KeepsExisting,
            _ => NodeState::Excluded,
        };
        let refused = p
            .failed
            .as_ref()
            .filter(|_| decision.should_run && existing.is_none());
        if refused.is_some() {
            state = NodeState::FailedCreate;
            outcome = None;
        }
        let preemption = outcome.as_ref().filter(|o| !o.fits()).map(|o| {
            let mut others: Vec<(&str, &PodSpec)> = alive
                .iter()
                .map(|&b| {
                    let pod = self.bound[b].pod;
                    (pod.metadata.name(), &pod.spec)
                })
                .collect();
            if existing.is_some() {
                others.retain(|(name, _)| {
                    !p.own.get(node.name()).is_some_and(|v| {
                        v.iter()
                            .any(|&b| self.bound[b].pod.metadata.name() == *name)
                    })
                });
            }
            for &q in placed {
                let q = &self.prepared[q];
                others.push((q.pod_name.as_str(), &q.pod.spec));
            }
            scheduler::preemption(&p.pod, node, &others, o)
        });
        let existing = existing.map(|pod| check::ExistingPod {
            name: pod.metadata.name().to_string(),
            phase: pod.status.phase.clone(),
            ready: crate::controllers::daemonset::pod_is_ready(pod),
            updated: plan.pod_is_updated(pod),
        });
        check::node_report(
            plan,
            &plan.ds.spec.template.spec.tolerations,
            node,
            info,
            decision,
            state,
            outcome,
            preemption,
            existing,
            n_nodes,
            refused,
        )
    }

    /// The full report of DaemonSet `ds` (index) on the named node, as
    /// the cluster view places it: what the page explains for a cell.
    pub fn explain(&self, ds: usize, node: &str) -> Option<NodeReport> {
        let node = self.nodes.iter().find(|n| n.name() == node)?;
        if ds >= self.prepared.len() {
            return None;
        }
        Some(self.place(node, &self.order).reports.swap_remove(ds))
    }

    /// The whole view.
    pub fn view(&self, options: &Options) -> ClusterView {
        let n = self.prepared.len();
        let mut nodes = Vec::with_capacity(self.nodes.len());
        let mut node_allocatable = Vec::with_capacity(self.nodes.len());
        let mut node_requests = Vec::with_capacity(self.nodes.len());
        let mut node_present = Vec::with_capacity(self.nodes.len());
        for node in &self.nodes {
            let placement = self.place(node, &self.order);
            let order_dependent = self.order_dependence(node, &placement);
            let cells: Vec<Cell> = placement
                .reports
                .iter()
                .zip(&placement.preempted_by)
                .map(|(r, by)| Cell::of(r, *by))
                .collect();
            // what the daemon pods request: the observed pods' own
            // requests, the projected pods' template requests
            let mut req: NameMap<Quantity> = NameMap::new();
            let mut per_ds = vec![(0i64, 0i64); n];
            let mut count = 0;
            let here = self.by_node.get(node.name());
            for (d, p) in self.prepared.iter().enumerate() {
                if !placement.on_node[d] {
                    continue;
                }
                let lists: Vec<NameMap<Quantity>> = match p.own.get(node.name()) {
                    Some(own) if placement.preempted_by[d].is_none() => own
                        .iter()
                        .filter(|b| !placement.evicted.contains(b))
                        .map(|&b| resources::pod_request_list(&self.bound[b].pod.spec))
                        .collect(),
                    _ => vec![p.request_list.clone()],
                };
                for list in lists {
                    count += 1;
                    per_ds[d].0 += list.get(resources::CPU).map_or(0, Quantity::milli_value);
                    per_ds[d].1 += list.get(resources::MEMORY).map_or(0, Quantity::value);
                    add_list(&mut req, &list);
                }
            }
            let _ = here;
            req.insert(
                resources::PODS.into(),
                Quantity::from_value(count, Format::DecimalSI),
            );
            let allocatable = resources::parse_list(node.allocatable());
            let mut left = BTreeMap::new();
            for (k, a) in &allocatable {
                let mut l = a.clone();
                if let Some(r) = req.get(k) {
                    l.sub(r);
                }
                left.insert(k.clone(), l.canonical());
            }
            let alloc_r = Resources::from_list(&allocatable);
            node_allocatable.push((alloc_r.milli_cpu, alloc_r.memory));
            node_requests.push(per_ds);
            node_present.push(placement.on_node.clone());
            nodes.push(ClusterNode {
                name: node.name().to_string(),
                pool: pool_of(node, options.group_by.as_deref()),
                cells,
                daemon_set_requests: req
                    .iter()
                    .map(|(k, q)| (k.clone(), q.canonical()))
                    .collect(),
                allocatable: allocatable
                    .iter()
                    .map(|(k, q)| (k.clone(), q.canonical()))
                    .collect(),
                left,
                order_dependent,
            });
        }
        let pools = pools(&nodes, &node_allocatable, &node_requests, &node_present, n);
        let daemon_sets = self
            .prepared
            .iter()
            .enumerate()
            .map(|(d, p)| {
                let mut counts = check::StateCounts::default();
                for node in &nodes {
                    match node.cells[d].state {
                        NodeState::Scheduled => counts.scheduled += 1,
                        NodeState::Pending => counts.pending += 1,
                        NodeState::Excluded => counts.excluded += 1,
                        NodeState::KeepsExisting => counts.keeps_existing += 1,
                        NodeState::FailedCreate => counts.failed_create += 1,
                    }
                }
                ClusterDaemonSet {
                    namespace: p.plan.ds.metadata.namespace().to_string(),
                    name: p.plan.name().to_string(),
                    priority: p.priority,
                    priority_class_name: p.pod.spec.priority_class_name.clone(),
                    creation_timestamp: p.timestamp.clone(),
                    requests: p
                        .request_list
                        .iter()
                        .map(|(k, q)| (k.clone(), q.canonical()))
                        .collect(),
                    daemon_pod_requests: resources::PodRequests::from(&p.pod.requests),
                    node_selector: check::node_selector_column(&p.plan.ds),
                    observed: !p.own.is_empty(),
                    counts,
                    source: None,
                }
            })
            .collect();
        let ties: Vec<bool> = self
            .order
            .windows(2)
            .map(|w| self.tied(w[0], w[1]))
            .collect();
        ClusterView {
            daemon_sets,
            order: PlacementOrder {
                daemon_sets: self.order.clone(),
                tied_with_previous: std::iter::once(false).chain(ties.iter().copied()).collect(),
                fixed: !ties.iter().any(|t| *t),
            },
            group_by: options.group_by.clone(),
            nodes,
            pools,
            refused: Vec::new(),
            input_errors: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// The DaemonSets whose order on this node Kubernetes does not fix
    /// and decides a cell: two projected daemon pods next to each other
    /// in the queue, tied (see [`Cluster::tied`]), where swapping them
    /// changes a state. Only a pod refused for resources or a host port
    /// (what another daemon pod can take) can depend on the order.
    fn order_dependence(&self, node: &'a Node, placement: &NodePlacement) -> Vec<ObjectRef> {
        let contended = placement.reports.iter().any(|r| {
            r.state == NodeState::Pending
                && r.scheduler_failed_plugins.iter().any(|p| {
                    p == scheduler::plugins::node_ports::NAME
                        || p == scheduler::plugins::node_resources_fit::NAME
                })
        });
        if !contended {
            return Vec::new();
        }
        let projected: Vec<usize> = self
            .order
            .iter()
            .copied()
            .filter(|&d| {
                !self.prepared[d].own.contains_key(node.name()) && placement.reports[d].should_run
            })
            .collect();
        let mut out: Vec<usize> = Vec::new();
        for w in projected.windows(2) {
            if !self.tied(w[0], w[1]) {
                continue;
            }
            let mut order = self.order.clone();
            let (i, j) = (
                order.iter().position(|&d| d == w[0]).unwrap_or(0),
                order.iter().position(|&d| d == w[1]).unwrap_or(0),
            );
            order.swap(i, j);
            let other = self.place(node, &order);
            let differs = other
                .reports
                .iter()
                .zip(&placement.reports)
                .any(|(a, b)| a.state != b.state)
                || other.on_node != placement.on_node;
            if differs {
                for d in [w[0], w[1]] {
                    if !out.contains(&d) {
                        out.push(d);
                    }
                }
            }
        }
        out.iter()
            .map(|&d| ObjectRef {
                namespace: self.prepared[d].plan.ds.metadata.namespace().to_string(),
                name: self.prepared[d].plan.name().to_string(),
            })
            .collect()
    }
}

/// The queue's order: priority (higher first), creation timestamp
/// (earlier first; unknown last), namespace, name.
fn order_key<'p>(p: &'p Prepared) -> (std::cmp::Reverse<i32>, bool, &'p str, &'p str, &'p str) {
    (
        std::cmp::Reverse(p.priority),
        p.timestamp.is_none(),
        p.timestamp.as_deref().unwrap_or(""),
        p.plan.ds.metadata.namespace(),
        p.plan.name(),
    )
}

/// `kubectl describe node`'s sum of requests: the first quantity's format.
fn add_list(into: &mut NameMap<Quantity>, add: &NameMap<Quantity>) {
    into.merge_from(add, &mut |q, v| q.add(v), &mut Quantity::clone);
}

/// The node's pool: the `group_by` label, else the first pool label it
/// has, else its instance type; `None` when it has none of them.
pub fn pool_of(node: &Node, group_by: Option<&str>) -> Option<String> {
    let labels = &node.metadata.labels;
    match group_by {
        Some(l) => labels.get(l).map(str::to_string),
        None => POOL_LABELS
            .iter()
            .chain(std::iter::once(&INSTANCE_TYPE_LABEL))
            .find_map(|l| labels.get(l).map(str::to_string)),
    }
}

/// The pools in order of first appearance.
fn pools(
    nodes: &[ClusterNode],
    allocatable: &[(i64, i64)],
    requests: &[Vec<(i64, i64)>],
    present: &[Vec<bool>],
    n: usize,
) -> Vec<Pool> {
    let mut out: Vec<Pool> = Vec::new();
    let mut index: HashMap<Option<String>, usize> = HashMap::new();
    for (i, node) in nodes.iter().enumerate() {
        let k = *index.entry(node.pool.clone()).or_insert_with(|| {
            out.push(Pool {
                name: node.pool.clone(),
                nodes: 0,
                allocatable_milli_cpu: 0,
                allocatable_memory: 0,
                daemon_sets: vec![PoolDaemonSet::default(); n],
                pending_nodes: 0,
                order_dependent_nodes: 0,
                requested_milli_cpu: 0,
                requested_memory: 0,
                cpu_share: 0.0,
                memory_share: 0.0,
            });
            out.len() - 1
        });
        let pool = &mut out[k];
        pool.nodes += 1;
        pool.allocatable_milli_cpu += allocatable[i].0;
        pool.allocatable_memory += allocatable[i].1;
        if node.cells.iter().any(|c| c.state == NodeState::Pending) {
            pool.pending_nodes += 1;
        }
        if !node.order_dependent.is_empty() {
            pool.order_dependent_nodes += 1;
        }
        for d in 0..n {
            let s = &mut pool.daemon_sets[d];
            if present[i][d] {
                s.nodes += 1;
                s.milli_cpu += requests[i][d].0;
                s.memory += requests[i][d].1;
                pool.requested_milli_cpu += requests[i][d].0;
                pool.requested_memory += requests[i][d].1;
            }
            if node.cells[d].state == NodeState::Pending {
                s.pending += 1;
            }
        }
    }
    for p in &mut out {
        p.cpu_share = share(p.requested_milli_cpu, p.allocatable_milli_cpu);
        p.memory_share = share(p.requested_memory, p.allocatable_memory);
    }
    out
}

fn share(part: i64, whole: i64) -> f64 {
    if whole <= 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

impl Cell {
    fn of(r: &NodeReport, preempted_by: Option<usize>) -> Cell {
        let exclusion = r.exclusion.as_ref().map(|e| match e {
            Exclusion::TemplateNodeName { .. } => ExclusionKind::TemplateNodeName,
            Exclusion::NodeAffinity { .. } => ExclusionKind::NodeAffinity,
            Exclusion::NoScheduleTaint { .. } => ExclusionKind::NoScheduleTaint,
            Exclusion::NoExecuteTaint { .. } => ExclusionKind::NoExecuteTaint,
        });
        let taint = match &r.exclusion {
            Some(Exclusion::NoScheduleTaint { taint } | Exclusion::NoExecuteTaint { taint }) => {
                Some(crate::k8s::taints::format_taint(taint))
            }
            _ => None,
        };
        Cell {
            state: r.state,
            observed: r.existing_pod.is_some(),
            reasons: r
                .scheduler_first_failure
                .as_ref()
                .map(|f| f.reasons.clone())
                .unwrap_or_default(),
            exclusion,
            taint,
            message: r.message.clone(),
            victims: match &r.preemption {
                Some(Preemption::Preempts { victims }) => Some(victims.clone()),
                _ => None,
            },
            preempted_by,
        }
    }
}

#[cfg(test)]
mod tests;
