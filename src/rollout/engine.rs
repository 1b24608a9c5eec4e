//! The tick-by-tick rollout engine: a simulated kubelet and scheduler and
//! the DaemonSet controller's `manage` (`podsShouldBeOnNode`) and
//! `rollingUpdate` (pkg/controller/daemon/daemon_controller.go and
//! update.go), run against a controlled clock.
//!
//! Each tick: the clock moves 1 s; pods whose termination time has come
//! disappear; pods whose ready time has come become Ready; the scripted
//! user deletes happen; then the controller syncs until a sync finds
//! nothing to create or delete (the real controller reacts to its own
//! events within milliseconds). Before every sync the scheduler retries
//! the Pending pods.

use super::types::*;
use crate::controllers::daemonset::{self, DaemonSetPlan, NodeDecision};
use crate::k8s::model::{DaemonSet, Node, Pod};
use crate::k8s::resources::{self, Resources};
use crate::scheduler::{self, FilterOutcome, HostPort, NodeInfo, PodInfo};
use std::collections::BTreeMap;

/// Syncs per tick before the engine gives up on a tick (a safety net: the
/// controller's rules converge in a handful).
const MAX_SYNCS_PER_TICK: u32 = 100;

pub(crate) const KUBECTL_ONDELETE: &str =
    "rollout status is only available for RollingUpdate strategy type";

#[derive(Debug, Clone)]
pub(crate) struct SimPod {
    pub id: u32,
    pub node: usize,
    pub gen: Generation,
    pub preexisting: bool,
    pub created: u32,
    pub bound: Option<u32>,
    /// When the kubelet will report it Ready (`None`: never).
    pub ready_due: Option<u32>,
    pub ready_at: Option<u32>,
    pub deleted: Option<u32>,
    pub deleted_by: Option<Deleter>,
    pub remove_due: Option<u32>,
    pub removed: Option<u32>,
    pub pending: Option<FilterOutcome>,
}

impl SimPod {
    fn live(&self) -> bool {
        self.removed.is_none()
    }
    fn deleting(&self) -> bool {
        self.deleted.is_some()
    }
    fn ready(&self) -> bool {
        self.ready_at.is_some()
    }
}

/// What a node's daemon pod asks of it (requests and host ports).
#[derive(Debug, Clone)]
struct Footprint {
    requests: Resources,
    ports: Vec<HostPort>,
}

pub(crate) struct SimNode {
    pub node: Node,
    pub old: NodeDecision,
    pub new: NodeDecision,
    new_pod: Option<PodInfo>,
    old_footprint: Option<Footprint>,
    /// Other pods bound to the node (not the DaemonSet's).
    others: Vec<(String, Resources, Vec<HostPort>)>,
}

#[derive(Debug, Default)]
struct TickEvents {
    created: Vec<usize>,
    deleted: Vec<(usize, Generation)>,
    user_deleted: Vec<(usize, Generation)>,
    became_ready: Vec<usize>,
    removed: Vec<(usize, Generation)>,
    unschedulable: Vec<(usize, Vec<String>)>,
    scheduled: Vec<usize>,
}

impl TickEvents {
    fn is_empty(&self) -> bool {
        self.created.is_empty()
            && self.deleted.is_empty()
            && self.user_deleted.is_empty()
            && self.became_ready.is_empty()
            && self.removed.is_empty()
            && self.unschedulable.is_empty()
            && self.scheduled.is_empty()
    }
}

pub(crate) struct Engine {
    pub new_plan: DaemonSetPlan,
    pub old_plan: DaemonSetPlan,
    pub rolling: bool,
    pub allows_surge: bool,
    pub min_ready: u32,
    pub nodes: Vec<SimNode>,
    pub pods: Vec<SimPod>,
    /// Live pods per node (indexes into `pods`), in creation order.
    live: Vec<Vec<usize>>,
    pub model: NodeModel,
    pub old_generation: i64,
    pub new_generation: i64,
    t: u32,
    events: TickEvents,
}

/// `util.AllowsSurge`: maxSurge scaled against one node is not zero.
fn allows_surge(ds: &DaemonSet) -> bool {
    let s = crate::k8s::defaults::defaulted_update_strategy(ds.spec.update_strategy.as_ref());
    if s.type_.as_deref() != Some("RollingUpdate") {
        return false;
    }
    match s.rolling_update.as_ref().and_then(|r| r.max_surge.as_ref()) {
        Some(v) => matches!(crate::k8s::intstr::scaled_value(v, 1, true), Ok(n) if n != 0),
        None => false,
    }
}

fn footprint(spec: &crate::k8s::model::PodSpec) -> Footprint {
    Footprint {
        requests: resources::pod_requests(spec),
        ports: scheduler::host_ports(spec),
    }
}

impl Engine {
    pub fn new(
        old: &DaemonSet,
        new: &DaemonSet,
        nodes: &[Node],
        other_pods: &[Pod],
        model: &NodeModel,
    ) -> Engine {
        let old_plan = DaemonSetPlan::new(old);
        let new_plan = DaemonSetPlan::new(new);
        let rolling = new_plan
            .ds
            .spec
            .update_strategy
            .as_ref()
            .and_then(|s| s.type_.as_deref())
            == Some("RollingUpdate");
        let mut sorted: Vec<&Node> = nodes.iter().collect();
        sorted.sort_by(|a, b| a.name().cmp(b.name()));
        sorted.dedup_by(|a, b| a.name() == b.name());
        let index: BTreeMap<&str, usize> = sorted
            .iter()
            .enumerate()
            .map(|(i, n)| (n.name(), i))
            .collect();
        let mut sim_nodes: Vec<SimNode> = sorted
            .iter()
            .map(|n| SimNode {
                node: (*n).clone(),
                old: old_plan.node_should_run(n),
                new: new_plan.node_should_run(n),
                new_pod: None,
                old_footprint: None,
                others: Vec::new(),
            })
            .collect();
        for (i, p) in other_pods.iter().enumerate() {
            if !scheduler::pod_occupies_node(p) {
                continue;
            }
            let Some(&ni) = p.spec.node_name.as_deref().and_then(|n| index.get(n)) else {
                continue;
            };
            if let Some(sn) = sim_nodes.get_mut(ni) {
                let name = match p.metadata.name() {
                    "" => format!("pod #{}", i + 1),
                    n => format!("{}/{}", p.metadata.namespace(), n),
                };
                let f = footprint(&p.spec);
                sn.others.push((name, f.requests, f.ports));
            }
        }
        let old_generation = old.metadata.generation.unwrap_or(1).max(1);
        let min_ready = new_plan
            .ds
            .spec
            .min_ready_seconds
            .unwrap_or(0)
            .max(0)
            .try_into()
            .unwrap_or(0u32);
        let mut engine = Engine {
            allows_surge: allows_surge(&new_plan.ds),
            new_plan,
            old_plan,
            rolling,
            min_ready,
            live: vec![Vec::new(); sim_nodes.len()],
            nodes: sim_nodes,
            pods: Vec::new(),
            model: model.clone(),
            old_generation,
            new_generation: old_generation.saturating_add(1),
            t: 0,
            events: TickEvents::default(),
        };
        for ni in 0..engine.nodes.len() {
            let targeted = engine.nodes.get(ni).is_some_and(|n| n.old.should_run);
            if targeted {
                let id = engine.pods.len() as u32;
                engine.pods.push(SimPod {
                    id,
                    node: ni,
                    gen: Generation::Old,
                    preexisting: true,
                    created: 0,
                    bound: Some(0),
                    ready_due: Some(0),
                    ready_at: Some(0),
                    deleted: None,
                    deleted_by: None,
                    remove_due: None,
                    removed: None,
                    pending: None,
                });
                if let Some(l) = engine.live.get_mut(ni) {
                    l.push(id as usize);
                }
            }
        }
        engine
    }

    // ------------------------------------------------------------ pods

    /// `podutil.IsPodAvailable` with the inclusive boundary the corpus shows.
    /// Pods from before the change have been available for long.
    pub fn available(&self, p: &SimPod) -> bool {
        match p.ready_at {
            None => false,
            Some(_) if p.preexisting || self.min_ready == 0 => true,
            Some(r) => r.saturating_add(self.min_ready) <= self.t,
        }
    }

    /// Live pods per node, in creation order.
    fn by_node(&self) -> &Vec<Vec<usize>> {
        &self.live
    }

    /// Marks pod `pi` gone at `t`.
    fn remove(&mut self, pi: usize, t: u32) {
        let Some(p) = self.pods.get_mut(pi) else {
            return;
        };
        p.removed = Some(t);
        let ni = p.node;
        if let Some(l) = self.live.get_mut(ni) {
            l.retain(|&i| i != pi);
        }
    }

    /// `podByCreationTimestampAndPhase`: scheduled pods first, then the
    /// oldest (creation order breaks same-second ties, where Kubernetes
    /// compares random pod names).
    fn sort_oldest_first(&self, idx: &mut [usize]) {
        idx.sort_by_key(|&i| {
            self.pods
                .get(i)
                .map(|p| (p.bound.is_none(), p.created, p.id))
                .unwrap_or((true, u32::MAX, u32::MAX))
        });
    }

    fn pod(&self, i: usize) -> Option<&SimPod> {
        self.pods.get(i)
    }

    fn node_name(&self, ni: usize) -> &str {
        self.nodes.get(ni).map(|n| n.node.name()).unwrap_or("")
    }

    fn node_index(&self, name: &str) -> Option<usize> {
        self.nodes
            .binary_search_by(|n| n.node.name().cmp(name))
            .ok()
    }

    fn new_pod_info(&mut self, ni: usize) -> Option<PodInfo> {
        let name = self.node_name(ni).to_string();
        let sn = self.nodes.get_mut(ni)?;
        if sn.new_pod.is_none() {
            sn.new_pod = Some(PodInfo::new(self.new_plan.daemon_pod_spec(&name)));
        }
        sn.new_pod.clone()
    }

    fn old_footprint(&mut self, ni: usize) -> Option<Footprint> {
        let name = self.node_name(ni).to_string();
        let sn = self.nodes.get_mut(ni)?;
        if sn.old_footprint.is_none() {
            sn.old_footprint = Some(footprint(&self.old_plan.daemon_pod_spec(&name)));
        }
        sn.old_footprint.clone()
    }

    /// The scheduler's filters for pod `pi` on its node: against the other
    /// pods and the bound daemon pods (terminating ones included; the old
    /// template's only with `include_old`).
    pub(crate) fn filter_pod(&mut self, pi: usize, include_old: bool) -> Option<FilterOutcome> {
        let ni = self.pod(pi)?.node;
        let info = self.new_pod_info(ni)?;
        let old_fp = self.old_footprint(ni)?;
        let new_fp = Footprint {
            requests: info.requests.clone(),
            ports: info.host_ports.clone(),
        };
        let sn = self.nodes.get(ni)?;
        let mut node_info = NodeInfo::new(&sn.node);
        for (name, req, ports) in &sn.others {
            node_info.add_pod_parts(name, req, ports);
        }
        let live = self.live.get(ni).map(Vec::as_slice).unwrap_or(&[]);
        for (j, p) in live
            .iter()
            .filter_map(|&j| self.pods.get(j).map(|p| (j, p)))
        {
            if j == pi || p.bound.is_none() || (p.gen == Generation::Old && !include_old) {
                continue;
            }
            let (label, fp) = match p.gen {
                Generation::Old => ("old", &old_fp),
                Generation::New => ("new", &new_fp),
            };
            let name = format!("{}-{label}-{}", self.new_plan.name(), p.id);
            node_info.add_pod_parts(&name, &fp.requests, &fp.ports);
        }
        Some(scheduler::run_filters(&info, &node_info))
    }

    /// The filters for pod `pi` as if the old daemon pods were gone.
    pub(crate) fn filter_pod_without_old(&mut self, pi: usize) -> Option<FilterOutcome> {
        self.filter_pod(pi, false)
    }

    /// Binds pod `pi` if it fits; starts its readiness clock.
    fn try_bind(&mut self, pi: usize) -> bool {
        let Some(outcome) = self.filter_pod(pi, true) else {
            return false;
        };
        let t = self.t;
        let Some(ni) = self.pod(pi).map(|p| p.node) else {
            return false;
        };
        let name = self.node_name(ni).to_string();
        let delay = self.model.ready_delay(&name);
        let never = self.model.is_never_ready(&name);
        let Some(p) = self.pods.get_mut(pi) else {
            return false;
        };
        if !outcome.fits() {
            p.pending = Some(outcome);
            return false;
        }
        p.pending = None;
        p.bound = Some(t);
        p.ready_due = if p.gen == Generation::New && never {
            None
        } else {
            Some(t.saturating_add(delay))
        };
        if p.ready_due == Some(t) {
            p.ready_at = Some(t);
            self.events.became_ready.push(ni);
        }
        true
    }

    fn create_pod(&mut self, ni: usize) {
        let id = self.pods.len() as u32;
        self.pods.push(SimPod {
            id,
            node: ni,
            gen: Generation::New,
            preexisting: false,
            created: self.t,
            bound: None,
            ready_due: None,
            ready_at: None,
            deleted: None,
            deleted_by: None,
            remove_due: None,
            removed: None,
            pending: None,
        });
        self.events.created.push(ni);
        let pi = self.pods.len() - 1;
        if let Some(l) = self.live.get_mut(ni) {
            l.push(pi);
        }
        if !self.try_bind(pi) {
            let reasons = self
                .pods
                .get(pi)
                .and_then(|p| p.pending.as_ref())
                .map(|o| o.reasons())
                .unwrap_or_default();
            self.events.unschedulable.push((ni, reasons));
        }
    }

    fn delete_pod(&mut self, pi: usize, by: Deleter) {
        let t = self.t;
        let term = self.model.termination_seconds;
        let Some(p) = self.pods.get_mut(pi) else {
            return;
        };
        if p.deleting() || !p.live() {
            return;
        }
        p.deleted = Some(t);
        p.deleted_by = Some(by);
        // Without a kubelet running it (never scheduled) or with no grace
        // period, the object goes at once.
        let ev = (p.node, p.gen);
        if p.bound.is_none() || term == 0 {
            self.remove(pi, t);
        } else {
            p.remove_due = Some(t.saturating_add(term));
        }
        match by {
            Deleter::Controller => self.events.deleted.push(ev),
            Deleter::User => self.events.user_deleted.push(ev),
        }
    }

    /// `syncNodes`: creations first, then deletions.
    fn sync_nodes(&mut self, deletes: Vec<usize>, creates: Vec<usize>) -> bool {
        let acted = !deletes.is_empty() || !creates.is_empty();
        for ni in creates {
            self.create_pod(ni);
        }
        for pi in deletes {
            self.delete_pod(pi, Deleter::Controller);
        }
        acted
    }

    // ------------------------------------------------------ controller

    /// `manage` / `podsShouldBeOnNode` for every node.
    fn manage(&self) -> (Vec<usize>, Vec<usize>) {
        let by_node = self.by_node();
        let mut creates = Vec::new();
        let mut deletes = Vec::new();
        for (ni, sn) in self.nodes.iter().enumerate() {
            let pods = by_node.get(ni).map(Vec::as_slice).unwrap_or(&[]);
            let exists = !pods.is_empty();
            let d = &sn.new;
            if d.should_run && !exists {
                creates.push(ni);
            } else if d.should_continue_running {
                let mut running: Vec<usize> = pods
                    .iter()
                    .copied()
                    .filter(|&i| self.pod(i).is_some_and(|p| !p.deleting()))
                    .collect();
                if !self.allows_surge {
                    if running.len() > 1 {
                        self.sort_oldest_first(&mut running);
                        deletes.extend(running.iter().skip(1));
                    }
                    continue;
                }
                if running.len() <= 1 {
                    if running.is_empty() && d.should_run {
                        creates.push(ni);
                    }
                    continue;
                }
                self.sort_oldest_first(&mut running);
                let mut oldest_new = None;
                let mut oldest_old = None;
                for &i in &running {
                    let Some(p) = self.pod(i) else { continue };
                    let slot = match p.gen {
                        Generation::New => &mut oldest_new,
                        Generation::Old => &mut oldest_old,
                    };
                    if slot.is_none() {
                        *slot = Some(i);
                    } else {
                        deletes.push(i);
                    }
                }
                if let (Some(n), Some(o)) = (oldest_new, oldest_old) {
                    let (Some(np), Some(op)) = (self.pod(n), self.pod(o)) else {
                        continue;
                    };
                    if !op.ready() || self.available(np) {
                        deletes.push(o);
                    }
                }
            } else if exists {
                deletes.extend(
                    pods.iter()
                        .copied()
                        .filter(|&i| self.pod(i).is_some_and(|p| !p.deleting())),
                );
            }
        }
        (creates, deletes)
    }

    pub fn desired(&self) -> i64 {
        self.nodes.iter().filter(|n| n.new.should_run).count() as i64
    }

    /// `findUpdatedPodsOnNode`: at most one non-deleted pod of each
    /// template, or `None` when there are more.
    fn updated_pods_on_node(&self, pods: &[usize]) -> Option<(Option<usize>, Option<usize>)> {
        let mut new = None;
        let mut old = None;
        for &i in pods {
            let Some(p) = self.pod(i) else { continue };
            if p.deleting() {
                continue;
            }
            let slot = match p.gen {
                Generation::New => &mut new,
                Generation::Old => &mut old,
            };
            if slot.is_some() {
                return None;
            }
            *slot = Some(i);
        }
        Some((new, old))
    }

    /// `(maxSurge, maxUnavailable)` from `updatedDesiredNodeCounts`.
    pub fn limits(&self) -> Option<(i64, i64)> {
        let l = daemonset::rollout_limits(&self.new_plan.ds, self.desired());
        Some((l.controller_max_surge?, l.controller_max_unavailable?))
    }

    /// `rollingUpdate`: (old pods to delete, nodes to create a pod on).
    fn rolling_update(&self) -> (Vec<usize>, Vec<usize>) {
        let Some((max_surge, max_unavailable)) = self.limits() else {
            return (Vec::new(), Vec::new());
        };
        let by_node = self.by_node();
        // nodeToDaemonPods plus an empty entry for every desired node.
        let keys: Vec<usize> = (0..self.nodes.len())
            .filter(|&ni| {
                self.nodes.get(ni).is_some_and(|n| n.new.should_run)
                    || by_node.get(ni).is_some_and(|p| !p.is_empty())
            })
            .collect();
        let empty = Vec::new();
        if max_surge == 0 {
            let mut num_unavailable: i64 = 0;
            let mut allowed = Vec::new();
            let mut candidates = Vec::new();
            for &ni in &keys {
                let pods = by_node.get(ni).unwrap_or(&empty);
                let Some((new, old)) = self.updated_pods_on_node(pods) else {
                    num_unavailable += 1;
                    continue;
                };
                match (new, old) {
                    (None, None) | (Some(_), Some(_)) => num_unavailable += 1,
                    (Some(n), None) => {
                        if !self.pod(n).is_some_and(|p| self.available(p)) {
                            num_unavailable += 1;
                        }
                    }
                    (None, Some(o)) => {
                        if !self.pod(o).is_some_and(|p| self.available(p)) {
                            allowed.push(o);
                            num_unavailable += 1;
                        } else if num_unavailable >= max_unavailable {
                            continue;
                        } else {
                            candidates.push(o);
                        }
                    }
                }
            }
            let remaining = max_unavailable
                .saturating_sub(num_unavailable)
                .clamp(0, candidates.len() as i64);
            allowed.extend(candidates.into_iter().take(remaining as usize));
            return (allowed, Vec::new());
        }

        let mut old_to_delete = Vec::new();
        let mut should_not_run = Vec::new();
        let mut candidate_nodes = Vec::new();
        let mut allowed_nodes = Vec::new();
        let mut num_surge: i64 = 0;
        let mut num_available: i64 = 0;
        for &ni in &keys {
            let pods = by_node.get(ni).unwrap_or(&empty);
            let Some((new, old)) = self.updated_pods_on_node(pods) else {
                num_surge += 1;
                continue;
            };
            let avail = |i: Option<usize>| {
                i.and_then(|i| self.pod(i))
                    .is_some_and(|p| self.available(p))
            };
            if old.is_some() {
                if avail(old) {
                    num_available += 1;
                }
            } else if new.is_some() && avail(new) {
                num_available += 1;
            }
            let should_run = self.nodes.get(ni).is_some_and(|n| n.new.should_run);
            match (new, old) {
                (_, None) => {}
                (None, Some(o)) => {
                    if !avail(old) {
                        if !should_run {
                            old_to_delete.push(o);
                            continue;
                        }
                        allowed_nodes.push(ni);
                    } else {
                        if !should_run {
                            should_not_run.push(o);
                            continue;
                        }
                        if num_surge >= max_surge {
                            continue;
                        }
                        candidate_nodes.push(ni);
                    }
                }
                (Some(_), Some(o)) => {
                    if !avail(new) {
                        num_surge += 1;
                        continue;
                    }
                    old_to_delete.push(o);
                }
            }
        }
        let desired = self.desired();
        let deletable = num_available.saturating_sub(desired);
        if deletable > 0 {
            let n = (deletable as usize).min(should_not_run.len());
            old_to_delete.extend(should_not_run.into_iter().take(n));
        }
        let remaining = max_surge
            .saturating_sub(num_surge)
            .clamp(0, candidate_nodes.len() as i64);
        allowed_nodes.extend(candidate_nodes.into_iter().take(remaining as usize));
        (old_to_delete, allowed_nodes)
    }

    /// One `syncDaemonSet`: manage, then (RollingUpdate) rollingUpdate on
    /// the state manage left. True when it created or deleted anything.
    fn sync(&mut self) -> bool {
        let (creates, deletes) = self.manage();
        let mut acted = self.sync_nodes(deletes, creates);
        if self.rolling {
            let (deletes, creates) = self.rolling_update();
            acted |= self.sync_nodes(deletes, creates);
        }
        acted
    }

    /// The scheduler retries the Pending pods (oldest first).
    fn schedule_pending(&mut self) {
        let pending: Vec<usize> = self
            .live
            .iter()
            .flatten()
            .copied()
            .filter(|&i| {
                self.pods
                    .get(i)
                    .is_some_and(|p| p.bound.is_none() && !p.deleting())
            })
            .collect();
        for pi in pending {
            if self.try_bind(pi) {
                if let Some(p) = self.pods.get(pi) {
                    self.events.scheduled.push(p.node);
                }
            }
        }
    }

    // ------------------------------------------------------------ ticks

    /// Runs tick `t`; returns the number of syncs.
    pub fn step(&mut self, t: u32) -> u32 {
        self.t = t;
        self.events = TickEvents::default();
        let due: Vec<usize> = self
            .live
            .iter()
            .flatten()
            .copied()
            .filter(|&i| {
                self.pods
                    .get(i)
                    .is_some_and(|p| p.remove_due.is_some_and(|d| d <= t))
            })
            .collect();
        for pi in due {
            if let Some(p) = self.pods.get(pi) {
                self.events.removed.push((p.node, p.gen));
            }
            self.remove(pi, t);
        }
        for &i in self.live.iter().flatten() {
            let Some(p) = self.pods.get_mut(i) else {
                continue;
            };
            if !p.deleting() && p.ready_at.is_none() && p.ready_due.is_some_and(|d| d <= t) {
                p.ready_at = Some(t);
                self.events.became_ready.push(p.node);
            }
        }
        let deletes: Vec<String> = self
            .model
            .manual_deletes
            .iter()
            .filter(|d| d.t == t)
            .map(|d| d.node.clone())
            .collect();
        for node in deletes {
            let Some(ni) = self.node_index(&node) else {
                continue;
            };
            let mut pods: Vec<usize> = self
                .by_node()
                .get(ni)
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .filter(|&i| self.pod(i).is_some_and(|p| !p.deleting()))
                .collect();
            self.sort_oldest_first(&mut pods);
            if let Some(&pi) = pods.first() {
                self.delete_pod(pi, Deleter::User);
            }
        }
        let mut syncs = 0;
        loop {
            self.schedule_pending();
            syncs += 1;
            if !self.sync() || syncs >= MAX_SYNCS_PER_TICK {
                break;
            }
        }
        syncs
    }

    /// `updateDaemonSetStatus` (new DaemonSet, after the sync).
    pub fn status(&self) -> DsStatus {
        let by_node = self.by_node();
        let mut s = DsStatus {
            observed_generation: self.new_generation,
            ..DsStatus::default()
        };
        for (ni, sn) in self.nodes.iter().enumerate() {
            let mut pods = by_node.get(ni).cloned().unwrap_or_default();
            let scheduled = !pods.is_empty();
            if sn.new.should_run {
                s.desired_number_scheduled += 1;
                if !scheduled {
                    continue;
                }
                s.current_number_scheduled += 1;
                self.sort_oldest_first(&mut pods);
                let Some(p) = pods.first().and_then(|&i| self.pod(i)) else {
                    continue;
                };
                if p.ready() {
                    s.number_ready += 1;
                    if self.available(p) {
                        s.number_available += 1;
                    }
                }
                if p.gen == Generation::New {
                    s.updated_number_scheduled += 1;
                }
            } else if scheduled {
                s.number_misscheduled += 1;
            }
        }
        s.number_unavailable = s.desired_number_scheduled - s.number_available;
        s
    }

    /// The status before the change: the old DaemonSet with its pods.
    pub fn initial_status(&self) -> DsStatus {
        let n = self.nodes.iter().filter(|n| n.old.should_run).count() as i64;
        DsStatus {
            desired_number_scheduled: n,
            current_number_scheduled: n,
            number_misscheduled: 0,
            number_ready: n,
            number_available: n,
            updated_number_scheduled: n,
            number_unavailable: 0,
            observed_generation: self.old_generation,
        }
    }

    /// `kubectl rollout status` (DaemonSetStatusViewer): (line, error, done).
    pub fn kubectl(&self, s: &DsStatus) -> (Option<String>, Option<String>, bool) {
        kubectl_line(self.rolling, self.new_plan.name(), self.new_generation, s)
    }

    pub fn old_pods_left(&self) -> u32 {
        self.live
            .iter()
            .flatten()
            .filter(|&&i| self.pods.get(i).is_some_and(|p| p.gen == Generation::Old))
            .count() as u32
    }

    /// Every targeted node runs an available new pod; no old pod is left.
    pub fn all_updated(&self) -> bool {
        if self.old_pods_left() > 0 {
            return false;
        }
        let by_node = self.by_node();
        self.nodes.iter().enumerate().all(|(ni, sn)| {
            !sn.new.should_run
                || by_node.get(ni).is_some_and(|pods| {
                    pods.iter().any(|&i| {
                        self.pod(i).is_some_and(|p| {
                            p.gen == Generation::New
                                && !p.deleting()
                                && p.bound.is_some()
                                && self.available(p)
                        })
                    })
                })
        })
    }

    /// The next second after now at which anything is due (a pod to be
    /// removed, to become Ready or available, a scripted delete). Between
    /// two such instants the controller has nothing new to see, so the
    /// simulation jumps there; `None` means nothing can change any more.
    pub fn next_event(&self) -> Option<u32> {
        let t = self.t;
        let later = |d: u32| (d > t).then_some(d);
        let pods = self
            .live
            .iter()
            .flatten()
            .filter_map(|&i| self.pods.get(i))
            .flat_map(|p| {
                let removal = p.remove_due.and_then(later);
                let ready = if !p.deleting() && p.bound.is_some() && p.ready_at.is_none() {
                    p.ready_due.and_then(later)
                } else {
                    None
                };
                let available = if p.preexisting {
                    None
                } else {
                    p.ready_at
                        .and_then(|r| later(r.saturating_add(self.min_ready)))
                };
                [removal, ready, available]
            });
        let deletes = self.model.manual_deletes.iter().map(|d| later(d.t));
        pods.chain(deletes).flatten().min()
    }

    /// The tick's log entry.
    pub fn entry(&mut self, t: u32, syncs: u32) -> (TickEntry, bool) {
        let ev = std::mem::take(&mut self.events);
        let changed = !ev.is_empty();
        let name = |ni: usize| self.node_name(ni).to_string();
        let mut created: Vec<NodeRef> = ev
            .created
            .iter()
            .map(|&n| NodeRef { node: name(n) })
            .collect();
        created.sort_by(|a, b| a.node.cmp(&b.node));
        let refs = |v: &[(usize, Generation)]| {
            let mut r: Vec<PodRef> = v
                .iter()
                .map(|&(n, g)| PodRef {
                    node: name(n),
                    generation: g,
                })
                .collect();
            r.sort_by(|a, b| (&a.node, a.generation).cmp(&(&b.node, b.generation)));
            r
        };
        let deleted = refs(&ev.deleted);
        let user_deleted = refs(&ev.user_deleted);
        let removed = refs(&ev.removed);
        let mut became_ready: Vec<String> = ev.became_ready.iter().map(|&n| name(n)).collect();
        became_ready.sort();
        let mut scheduled: Vec<String> = ev.scheduled.iter().map(|&n| name(n)).collect();
        scheduled.sort();
        let mut unschedulable: Vec<PendingPod> = ev
            .unschedulable
            .iter()
            .map(|(n, r)| PendingPod {
                node: name(*n),
                reasons: r.clone(),
            })
            .collect();
        unschedulable.sort_by(|a, b| a.node.cmp(&b.node));
        let count = |g: Generation| ev.deleted.iter().filter(|d| d.1 == g).count() as u32;
        let counts = TickCounts {
            created: ev.created.len() as u32,
            deleted_old: count(Generation::Old),
            deleted_new: count(Generation::New),
            user_deleted: ev.user_deleted.len() as u32,
            became_ready: ev.became_ready.len() as u32,
            removed: ev.removed.len() as u32,
            old_pods_left: self.old_pods_left(),
        };
        let status = self.status();
        let (kubectl, kubectl_error, kubectl_done) = self.kubectl(&status);
        (
            TickEntry {
                t,
                created,
                deleted,
                user_deleted,
                became_ready,
                removed,
                unschedulable,
                scheduled,
                counts,
                status,
                kubectl,
                kubectl_error,
                kubectl_done,
                syncs,
            },
            changed,
        )
    }
}

/// `DaemonSetStatusViewer.Status` for a DaemonSet whose generation has been
/// observed.
pub(crate) fn kubectl_line(
    rolling: bool,
    name: &str,
    generation: i64,
    s: &DsStatus,
) -> (Option<String>, Option<String>, bool) {
    if !rolling {
        return (None, Some(KUBECTL_ONDELETE.to_string()), false);
    }
    if generation > s.observed_generation {
        return (
            Some("Waiting for daemon set spec update to be observed...".into()),
            None,
            false,
        );
    }
    if s.updated_number_scheduled < s.desired_number_scheduled {
        return (
            Some(format!(
                "Waiting for daemon set {name:?} rollout to finish: {} out of {} new pods have been updated...",
                s.updated_number_scheduled, s.desired_number_scheduled
            )),
            None,
            false,
        );
    }
    if s.number_available < s.desired_number_scheduled {
        return (
            Some(format!(
                "Waiting for daemon set {name:?} rollout to finish: {} of {} updated pods are available...",
                s.number_available, s.desired_number_scheduled
            )),
            None,
            false,
        );
    }
    (
        Some(format!("daemon set {name:?} successfully rolled out")),
        None,
        true,
    )
}
