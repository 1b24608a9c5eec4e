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
//!
//! The state at t = 0 is the cluster the check describes for the running
//! DaemonSet ([`crate::check::verdict`], the verdict `check` reports): the
//! DaemonSet's own pods of the input when it has some
//! (`updateDaemonSetStatus` counts those), else
//! the check's verdicts: an available old pod where the daemon pod is
//! Scheduled, a Pending one where it is Pending, none where the controller
//! does not create one (`shouldRun` false).
//!
//! Where `rollingUpdate` takes only some of its candidates (it iterates a
//! Go map, so Kubernetes' pick is random), the [`Picker`] decides: node
//! name order for the run shown, scripted or random picks for the
//! exploration of the other orders (`super::orders`).

use super::types::*;
use crate::check::{self, BoundPods, FailedCreate, NodeState};
use crate::controllers::daemonset::{self, DaemonSetPlan, NodeDecision};
use crate::k8s::model::{DaemonSet, Node, Pod};
use crate::k8s::priority::{Admitted, Priorities};
use crate::k8s::resources::Resources;
use crate::scheduler::{self, FilterOutcome, HostPort, NodeInfo, PodInfo};
use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Syncs per tick before the engine gives up on a tick (a safety net: the
/// controller's rules converge in a handful).
const MAX_SYNCS_PER_TICK: u32 = 100;

/// More options than this at one choice point end the exact exploration.
pub(crate) const MAX_OPTIONS: u64 = 4096;

pub(crate) const KUBECTL_ONDELETE: &str =
    "rollout status is only available for RollingUpdate strategy type";

#[derive(Debug, Clone)]
pub(crate) struct SimPod {
    pub id: u32,
    pub node: usize,
    pub gen: Generation,
    pub preexisting: bool,
    /// Ready since before the change, so available whatever
    /// minReadySeconds says.
    pub seasoned: bool,
    pub created: u32,
    pub bound: Option<u32>,
    /// When the kubelet will report it Ready (`None`: never).
    pub ready_due: Option<u32>,
    pub ready_at: Option<u32>,
    pub deleted: Option<u32>,
    pub deleted_by: Option<Deleter>,
    pub remove_due: Option<u32>,
    pub removed: Option<u32>,
    pub pending: Option<Box<FilterOutcome>>,
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

/// A pod of the input that the node starts with: its name and whether it
/// runs the old DaemonSet's template.
#[derive(Debug, Clone)]
pub(crate) struct StartInfo {
    pub name: Option<String>,
    pub updated: bool,
}

pub(crate) struct SimNode {
    pub node: Node,
    pub old: NodeDecision,
    pub new: NodeDecision,
    /// The check's verdict for the old DaemonSet.
    pub verdict: NodeState,
    new_pod: OnceCell<PodInfo>,
    old_pod: OnceCell<PodInfo>,
    /// What the scheduler sees on the node without the DaemonSet's pods:
    /// allocatable, and what the other pods bound to it request and hold.
    base: BaseInfo,
}

/// A [`NodeInfo`] without its node: parsed once, copied for each filter.
#[derive(Debug, Clone)]
struct BaseInfo {
    allocatable: Resources,
    requested: Resources,
    pod_count: usize,
    used_ports: Vec<(HostPort, String)>,
}

impl SimNode {
    fn node_info(&self) -> NodeInfo<'_> {
        NodeInfo {
            node: &self.node,
            allocatable: self.base.allocatable.clone(),
            requested: self.base.requested.clone(),
            pod_count: self.base.pod_count,
            used_ports: self.base.used_ports.clone(),
        }
    }
}

/// What does not change while the rollout runs (shared by the engine's
/// copies when other orders are explored).
pub(crate) struct Shared {
    pub new_plan: DaemonSetPlan,
    pub old_plan: DaemonSetPlan,
    pub rolling: bool,
    pub allows_surge: bool,
    pub min_ready: u32,
    pub nodes: Vec<SimNode>,
    pub model: NodeModel,
    pub old_generation: i64,
    pub new_generation: i64,
    pub desired: i64,
    /// `(maxSurge, maxUnavailable)` from `updatedDesiredNodeCounts`.
    pub limits: Option<(i64, i64)>,
    /// The pods at t = 0 are the input's (the counters are observed).
    pub observed: bool,
    /// Per pod present at t = 0 (their ids come first).
    pub start_pods: Vec<StartInfo>,
    /// Per node, its class of interchangeable nodes, and how many classes.
    classes: OnceCell<(Vec<u32>, u32)>,
    /// What the Priority admission plugin gives each template's pods:
    /// their priority and preemption policy, or the controller's event
    /// when it refuses every one, as in the check.
    pub old_admission: Result<Admitted, Box<FailedCreate>>,
    pub new_admission: Result<Admitted, Box<FailedCreate>>,
}

/// The cluster a rollout runs in: its nodes, the pods bound to them (the
/// DaemonSet's own are the pods the nodes start with, the others hold
/// resources and host ports), and its PriorityClasses.
#[derive(Debug, Clone, Copy)]
pub struct InCluster<'a> {
    pub nodes: &'a [Node],
    pub pods: &'a [Pod],
    pub priorities: &'a Priorities,
}

impl Shared {
    /// Node `ni`'s daemon pod of template `gen`, as the controller creates
    /// it (pinned to the node) and the scheduler sees it.
    pub fn pod_info(&self, ni: usize, gen: Generation) -> Option<&PodInfo> {
        let sn = self.nodes.get(ni)?;
        let (cell, plan, admission) = match gen {
            Generation::New => (&sn.new_pod, &self.new_plan, &self.new_admission),
            Generation::Old => (&sn.old_pod, &self.old_plan, &self.old_admission),
        };
        Some(cell.get_or_init(|| {
            let mut spec = plan.daemon_pod_spec(sn.node.name());
            if let Ok(a) = admission {
                a.apply(&mut spec);
            }
            PodInfo::new(spec)
        }))
    }

    /// Per node, its class of interchangeable nodes; and how many classes.
    ///
    /// Two nodes are in one class when nothing the controller, the
    /// scheduler or the kubelet model looks at tells them apart: whether
    /// the new template should run there (and keep a running pod), the
    /// ready delay, never-ready, scripted deletes (a node named by one is
    /// a class of its own), and what the scheduler sees: the node's
    /// allocatable resources, what the other pods request, how many they
    /// are, the host ports they hold, and the filters' verdict on each
    /// template's daemon pod alone (taints, unschedulable, affinity). With
    /// the same pods of the DaemonSet on them, two such nodes behave the
    /// same in every later second, so swapping them changes no count and
    /// no time.
    pub fn classes(&self) -> &(Vec<u32>, u32) {
        self.classes.get_or_init(|| {
            // Each template's daemon pod as the check judges it on any node.
            let pods = [
                check::daemon_pod(&self.new_plan),
                check::daemon_pod(&self.old_plan),
            ];
            let mut ids: std::collections::HashMap<String, u32> = Default::default();
            let per: Vec<u32> = (0..self.nodes.len())
                .map(|ni| {
                    let next = ids.len() as u32;
                    *ids.entry(self.class_key(ni, &pods)).or_insert(next)
                })
                .collect();
            let n = ids.len() as u32;
            (per, n)
        })
    }

    fn class_key(&self, ni: usize, pods: &[PodInfo]) -> String {
        let Some(sn) = self.nodes.get(ni) else {
            return String::new();
        };
        let name = sn.node.name();
        let info = sn.node_info();
        let mut ports: Vec<&HostPort> = info.used_ports.iter().map(|(p, _)| p).collect();
        ports.sort();
        let alone: Vec<Vec<String>> = pods
            .iter()
            .map(|pod| scheduler::run_filters(pod, &info).reasons())
            .collect();
        let scripted = self.model.manual_deletes.iter().any(|d| d.node == name);
        format!(
            "{:?}",
            (
                sn.new.should_run,
                sn.new.should_continue_running,
                self.model.ready_delay(name),
                self.model.is_never_ready(name),
                scripted.then_some(name),
                &info.allocatable,
                &info.requested,
                info.pod_count,
                ports,
                alone,
            )
        )
    }
}

/// A 128-bit hash of a sequence of numbers (deterministic on every
/// platform: it only mixes `u64`s).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hash128(u64, u64);

impl Hash128 {
    pub fn new() -> Self {
        Hash128(0x243f_6a88_85a3_08d3, 0x1319_8a2e_0370_7344)
    }
    fn mix(mut z: u64) -> u64 {
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn add(&mut self, v: u64) {
        self.0 = Self::mix(self.0 ^ v);
        self.1 = Self::mix(
            self.1
                .rotate_left(23)
                .wrapping_add(v)
                .wrapping_mul(0x9e37_79b9_7f4a_7c15),
        );
    }
    pub fn add_opt(&mut self, v: Option<u32>) {
        self.add(v.map_or(u64::MAX, u64::from));
    }
    pub fn finish(self) -> u128 {
        (u128::from(self.0) << 64) | u128::from(self.1)
    }
}

/// The ways to take `k` nodes from kinds of `sizes` nodes each (how many
/// of each kind): `count(i, r)` ways for the kinds from `i` on to give
/// `r`, saturating above [`MAX_OPTIONS`].
pub(crate) struct OptionTable {
    sizes: Vec<usize>,
    k: usize,
    /// `(sizes.len() + 1) × (k + 1)`, empty when too large to build.
    ways: Vec<u64>,
}

impl OptionTable {
    /// Above this many cells the options are not counted (too many).
    const MAX_CELLS: usize = 1 << 20;

    pub fn new(sizes: &[usize], k: usize) -> OptionTable {
        let m = sizes.len();
        let cells = (m + 1).saturating_mul(k + 1);
        let mut ways = Vec::new();
        if cells <= Self::MAX_CELLS {
            ways = vec![0u64; cells];
            ways[m * (k + 1)] = 1; // no kind left, nothing left to take
            for i in (0..m).rev() {
                for r in 0..=k {
                    let mut w = 0u64;
                    for x in 0..=sizes[i].min(r) {
                        w = w.saturating_add(ways[(i + 1) * (k + 1) + r - x]);
                    }
                    ways[i * (k + 1) + r] = w.min(MAX_OPTIONS + 1);
                }
            }
        }
        OptionTable {
            sizes: sizes.to_vec(),
            k,
            ways,
        }
    }

    pub fn count(&self, i: usize, r: usize) -> u64 {
        if self.ways.is_empty() {
            return MAX_OPTIONS + 1;
        }
        self.ways.get(i * (self.k + 1) + r).copied().unwrap_or(0)
    }

    /// Option `index` (in a fixed order): how many of each kind. Without
    /// a table, the first ones in order.
    pub fn nth(&self, k: usize, mut index: u64) -> Vec<usize> {
        let mut take = Vec::with_capacity(self.sizes.len());
        let mut r = k;
        for (i, &c) in self.sizes.iter().enumerate() {
            if self.ways.is_empty() {
                let x = c.min(r);
                take.push(x);
                r -= x;
                continue;
            }
            let mut chosen = c.min(r);
            for x in 0..=c.min(r) {
                let w = self.count(i + 1, r - x);
                if index < w {
                    chosen = x;
                    break;
                }
                index -= w;
            }
            take.push(chosen);
            r -= chosen;
        }
        take
    }
}

#[derive(Debug, Default, Clone)]
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

/// A node's live pods (indexes into `pods`), in creation order: inline up
/// to four (a node rarely has more), so that copying the engine for the
/// exploration of other orders does not allocate per node.
#[derive(Debug, Clone, Default)]
pub(crate) struct PodList {
    len: u8,
    inline: [usize; 4],
    spill: Vec<usize>,
}

impl PodList {
    fn push(&mut self, v: usize) {
        if !self.spill.is_empty() {
            self.spill.push(v);
        } else if usize::from(self.len) < self.inline.len() {
            self.inline[usize::from(self.len)] = v;
            self.len += 1;
        } else {
            self.spill = self.inline.to_vec();
            self.spill.push(v);
        }
    }
    fn retain(&mut self, keep: impl Fn(usize) -> bool) {
        let kept: Vec<usize> = self.iter().copied().filter(|&v| keep(v)).collect();
        *self = PodList::default();
        for v in kept {
            self.push(v);
        }
    }
}

impl<'a> IntoIterator for &'a PodList {
    type Item = &'a usize;
    type IntoIter = std::slice::Iter<'a, usize>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl std::ops::Deref for PodList {
    type Target = [usize];
    fn deref(&self) -> &[usize] {
        if self.spill.is_empty() {
            &self.inline[..usize::from(self.len)]
        } else {
            &self.spill
        }
    }
}

/// A small deterministic PRNG (splitmix64), so that sampled orders are the
/// same for the same input.
#[derive(Debug, Clone)]
pub(crate) struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// Which options a scripted run takes at its choice points, and what it
/// found there.
#[derive(Debug, Clone, Default)]
pub(crate) struct Script {
    /// The option to take at each choice point (then option 0).
    pub script: Vec<u32>,
    pub at: usize,
    /// How many options each choice point had.
    pub arities: Vec<u32>,
    /// A choice point had more than [`MAX_OPTIONS`] options.
    pub overflow: bool,
}

/// How `rollingUpdate` picks among more candidates than it may take.
#[derive(Debug, Clone)]
pub(crate) enum Picker {
    /// The first ones in node-name order (the run shown).
    NameOrder,
    /// One option (a number of nodes from each class) per choice point.
    Script(Script),
    /// A random subset, as the controller's map iteration gives.
    Random(Rng),
}

/// What the choice points of a run looked like.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Choices {
    /// Picks of some, not all, candidates.
    pub points: u32,
    /// Of those, picks among candidates of more than one kind (where the
    /// order can change the outcome).
    pub open: u32,
}

#[derive(Clone)]
pub(crate) struct Engine {
    pub s: Rc<Shared>,
    pub pods: Vec<SimPod>,
    /// Live pods per node (indexes into `pods`), in creation order.
    live: Vec<PodList>,
    t: u32,
    events: TickEvents,
    pub picker: Picker,
    pub choices: Choices,
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

fn new_sim_pod(id: u32, node: usize, gen: Generation, created: u32) -> SimPod {
    SimPod {
        id,
        node,
        gen,
        preexisting: false,
        seasoned: false,
        created,
        bound: None,
        ready_due: None,
        ready_at: None,
        deleted: None,
        deleted_by: None,
        remove_due: None,
        removed: None,
        pending: None,
    }
}

impl Engine {
    /// The engine at t = 0, before the change is seen: `pods` are every
    /// pod of the input (the DaemonSet's own start on their nodes, the
    /// others hold resources and host ports).
    pub fn new(old: &DaemonSet, new: &DaemonSet, cluster: InCluster, model: &NodeModel) -> Engine {
        let InCluster {
            nodes,
            pods,
            priorities,
        } = cluster;
        let old_plan = DaemonSetPlan::new(old);
        let new_plan = DaemonSetPlan::new(new);
        let old_admission = check::admission(&old_plan, priorities);
        let new_admission = check::admission(&new_plan, priorities);
        let rolling = new_plan
            .ds
            .spec
            .update_strategy
            .as_ref()
            .and_then(|s| s.type_.as_deref())
            == Some("RollingUpdate");
        let mut sorted: Vec<&Node> = nodes.iter().collect();
        crate::sort::sort_by(&mut sorted, |a, b| a.name().cmp(b.name()));
        sorted.dedup_by(|a, b| a.name() == b.name());
        let bound = BoundPods::split(&old_plan, pods.iter());
        // The running DaemonSet as the check sees it (Coverage).
        // The check's verdict per node for the running DaemonSet.
        let old_pod = check::daemon_pod(&old_plan);
        let mut verdicts = Vec::with_capacity(sorted.len());
        let sim_nodes: Vec<SimNode> = sorted
            .iter()
            .map(|n| {
                let mut v = check::verdict(&old_plan, &old_pod, n, &bound);
                // as the check says: where the API server refuses the old
                // template's pods and none exists, the controller's creates
                // failed (`FailedCreate`)
                if old_admission.is_err()
                    && v.decision.should_run
                    && !bound.own.contains_key(n.name())
                {
                    v.state = NodeState::FailedCreate;
                }
                verdicts.push(v.state);
                SimNode {
                    node: (*n).clone(),
                    old: v.decision,
                    new: new_plan.node_should_run(n),
                    verdict: v.state,
                    new_pod: OnceCell::new(),
                    old_pod: OnceCell::new(),
                    base: BaseInfo {
                        allocatable: v.info.allocatable,
                        requested: v.info.requested,
                        pod_count: v.info.pod_count,
                        used_ports: v.info.used_ports,
                    },
                }
            })
            .collect();
        let old_generation = old.metadata.generation.unwrap_or(1).max(1);
        let min_ready = new_plan
            .ds
            .spec
            .min_ready_seconds
            .unwrap_or(0)
            .max(0)
            .try_into()
            .unwrap_or(0u32);
        let desired = sim_nodes.iter().filter(|n| n.new.should_run).count() as i64;
        let l = daemonset::rollout_limits(&new_plan.ds, desired);
        let limits = l.controller_max_surge.zip(l.controller_max_unavailable);
        let observed = bound.observed();

        // The pods at t = 0.
        let mut pods_at_start: Vec<SimPod> = Vec::new();
        let mut start_pods = Vec::new();
        for (ni, (n, state)) in sorted.iter().zip(&verdicts).enumerate() {
            if observed {
                for p in bound.own.get(n.name()).map(Vec::as_slice).unwrap_or(&[]) {
                    let ready = daemonset::pod_is_ready(p);
                    let mut sp = new_sim_pod(pods_at_start.len() as u32, ni, Generation::Old, 0);
                    sp.preexisting = true;
                    sp.seasoned = ready;
                    sp.bound = Some(0);
                    sp.ready_at = ready.then_some(0);
                    sp.ready_due = sp.ready_at;
                    if p.metadata.deletion_timestamp.is_some() {
                        sp.deleted = Some(0);
                        sp.remove_due = Some(model.termination_seconds);
                    }
                    pods_at_start.push(sp);
                    start_pods.push(StartInfo {
                        name: Some(p.metadata.name().to_string()),
                        updated: old_plan.pod_is_updated(p),
                    });
                }
                continue;
            }
            let mut sp = new_sim_pod(pods_at_start.len() as u32, ni, Generation::Old, 0);
            sp.preexisting = true;
            match state {
                NodeState::Scheduled => {
                    sp.seasoned = true;
                    sp.bound = Some(0);
                    sp.ready_at = Some(0);
                    sp.ready_due = Some(0);
                }
                // Created by the controller, never bound by the scheduler.
                NodeState::Pending => {}
                // no pod where the controller creates none, or where the
                // API server refuses it (set above: `check::verdict` never
                // says FailedCreate)
                NodeState::KeepsExisting | NodeState::Excluded | NodeState::FailedCreate => {
                    continue
                }
            }
            pods_at_start.push(sp);
            start_pods.push(StartInfo {
                name: None,
                updated: true,
            });
        }

        let shared = Shared {
            allows_surge: allows_surge(&new_plan.ds),
            new_plan,
            old_plan,
            rolling,
            min_ready,
            nodes: sim_nodes,
            model: model.clone(),
            old_generation,
            new_generation: old_generation.saturating_add(1),
            desired,
            limits,
            observed,
            start_pods,
            classes: OnceCell::new(),
            old_admission,
            new_admission,
        };
        let mut engine = Engine {
            live: vec![PodList::default(); shared.nodes.len()],
            s: Rc::new(shared),
            pods: Vec::new(),
            t: 0,
            events: TickEvents::default(),
            picker: Picker::NameOrder,
            choices: Choices::default(),
        };
        for sp in pods_at_start {
            let (pi, ni) = (engine.pods.len(), sp.node);
            let pending = sp.bound.is_none();
            engine.pods.push(sp);
            if let Some(l) = engine.live.get_mut(ni) {
                l.push(pi);
            }
            if pending {
                let outcome = engine.filter_pod(pi, true);
                if let Some(p) = engine.pods.get_mut(pi) {
                    p.pending = outcome.map(Box::new);
                }
            }
        }
        engine
    }

    /// Something happened in the last tick (a pod created, deleted,
    /// scheduled, Ready or gone).
    pub fn had_events(&self) -> bool {
        !self.events.is_empty()
    }

    /// Node `ni`'s class and what its daemon pods will do from now on (two
    /// nodes with the same signature are interchangeable from now on).
    /// Past times are left out: once a pod is bound, Ready or available,
    /// when that happened no longer matters (pods stay in creation order,
    /// which is all the controller's "oldest first" needs), so states that
    /// differ only in their history meet.
    pub fn node_signature(&self, ni: usize) -> u64 {
        let (classes, _) = self.s.classes();
        let mut h = Hash128::new();
        h.add(classes.get(ni).copied().map_or(u64::MAX, u64::from));
        for p in self
            .live
            .get(ni)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.pod(i))
        {
            h.add(match p.gen {
                Generation::Old => 1,
                Generation::New => 2,
            });
            h.add(u64::from(p.bound.is_some()));
            match p.ready_at {
                // Ready: available now, or when it will be.
                Some(_) if self.available(p) => h.add(10),
                Some(r) => {
                    h.add(11);
                    h.add(u64::from(r.saturating_add(self.s.min_ready)));
                }
                // Not Ready: when it will be (never: None).
                None => {
                    h.add(12);
                    h.add_opt(p.ready_due);
                }
            }
            h.add(u64::from(p.deleting()));
            h.add_opt(p.remove_due);
        }
        (h.finish() >> 64) as u64 ^ h.finish() as u64
    }

    /// The state up to a renaming of interchangeable nodes: the clock and
    /// every node's signature, as a multiset.
    pub fn state_key(&self, extra: u64) -> u128 {
        let mut sigs: Vec<u64> = (0..self.s.nodes.len())
            .map(|ni| self.node_signature(ni))
            .collect();
        sigs.sort_unstable();
        let mut h = Hash128::new();
        h.add(u64::from(self.t));
        h.add(extra);
        for s in sigs {
            h.add(s);
        }
        h.finish()
    }

    // ------------------------------------------------------------ pods

    /// `podutil.IsPodAvailable` with the inclusive boundary the corpus shows.
    /// Pods Ready since before the change have been available for long.
    pub fn available(&self, p: &SimPod) -> bool {
        match p.ready_at {
            None => false,
            Some(_) if p.seasoned || self.s.min_ready == 0 => true,
            Some(r) => r.saturating_add(self.s.min_ready) <= self.t,
        }
    }

    /// Live pods per node, in creation order.
    fn by_node(&self) -> &[PodList] {
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
            l.retain(|i| i != pi);
        }
    }

    /// `podByCreationTimestampAndPhase`: scheduled pods first, then the
    /// oldest (creation order breaks same-second ties, where Kubernetes
    /// compares random pod names).
    fn sort_oldest_first(&self, idx: &mut [usize]) {
        crate::sort::sort_by_key(idx, |&i| {
            self.pods
                .get(i)
                .map(|p| (p.bound.is_none(), p.created, p.id))
                .unwrap_or((true, u32::MAX, u32::MAX))
        });
    }

    /// The first of `idx` in [`Self::sort_oldest_first`]'s order.
    fn oldest(&self, idx: &[usize]) -> Option<usize> {
        idx.iter().copied().min_by_key(|&i| {
            self.pods
                .get(i)
                .map(|p| (p.bound.is_none(), p.created, p.id))
                .unwrap_or((true, u32::MAX, u32::MAX))
        })
    }

    fn pod(&self, i: usize) -> Option<&SimPod> {
        self.pods.get(i)
    }

    pub fn node_name(&self, ni: usize) -> &str {
        self.s.nodes.get(ni).map(|n| n.node.name()).unwrap_or("")
    }

    fn node_index(&self, name: &str) -> Option<usize> {
        self.s
            .nodes
            .binary_search_by(|n| n.node.name().cmp(name))
            .ok()
    }

    /// Node `ni`'s daemon pod of template `gen`, as the controller creates
    /// it (pinned to the node) and the scheduler sees it.
    fn pod_info(&self, ni: usize, gen: Generation) -> Option<&PodInfo> {
        self.s.pod_info(ni, gen)
    }

    /// The scheduler's filters for pod `pi` on its node: against the other
    /// pods and the bound daemon pods (terminating ones included; the old
    /// template's only with `include_old`).
    pub(crate) fn filter_pod(&self, pi: usize, include_old: bool) -> Option<FilterOutcome> {
        let (ni, gen) = self.pod(pi).map(|p| (p.node, p.gen))?;
        let info = self.pod_info(ni, gen)?;
        let sn = self.s.nodes.get(ni)?;
        let mut node_info = sn.node_info();
        let live = self.live.get(ni).map(|l| &l[..]).unwrap_or(&[]);
        for (j, p) in live
            .iter()
            .filter_map(|&j| self.pods.get(j).map(|p| (j, p)))
        {
            if j == pi || p.bound.is_none() || (p.gen == Generation::Old && !include_old) {
                continue;
            }
            let label = match p.gen {
                Generation::Old => "old",
                Generation::New => "new",
            };
            let fp = self.pod_info(ni, p.gen)?;
            let name = format!("{}-{label}-{}", self.s.new_plan.name(), p.id);
            node_info.add_pod_parts(&name, &fp.requests, &fp.host_ports);
        }
        Some(scheduler::run_filters(info, &node_info))
    }

    /// The filters for pod `pi` as if the old daemon pods were gone.
    pub(crate) fn filter_pod_without_old(&self, pi: usize) -> Option<FilterOutcome> {
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
        let name = self.node_name(ni);
        let delay = self.s.model.ready_delay(name);
        let never = self.s.model.is_never_ready(name);
        let Some(p) = self.pods.get_mut(pi) else {
            return false;
        };
        if !outcome.fits() {
            p.pending = Some(Box::new(outcome));
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
        if self.s.new_admission.is_err() {
            // the API server refuses it: no pod (the controller records
            // FailedCreate and retries with a back-off; nothing changes)
            return;
        }
        let id = self.pods.len() as u32;
        self.pods.push(new_sim_pod(id, ni, Generation::New, self.t));
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
        let term = self.s.model.termination_seconds;
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
        let refused = self.s.new_admission.is_err();
        let acted = !deletes.is_empty() || (!creates.is_empty() && !refused);
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
        for (ni, sn) in self.s.nodes.iter().enumerate() {
            let pods = by_node.get(ni).map(|l| &l[..]).unwrap_or(&[]);
            let exists = !pods.is_empty();
            let d = &sn.new;
            if d.should_run && !exists {
                creates.push(ni);
            } else if d.should_continue_running {
                let not_deleting = |i: &usize| self.pod(*i).is_some_and(|p| !p.deleting());
                let count = pods.iter().filter(|i| not_deleting(i)).count();
                if count <= 1 {
                    if self.s.allows_surge && count == 0 && d.should_run {
                        creates.push(ni);
                    }
                    continue;
                }
                let mut running: Vec<usize> = pods.iter().copied().filter(not_deleting).collect();
                self.sort_oldest_first(&mut running);
                if !self.s.allows_surge {
                    deletes.extend(running.iter().skip(1));
                    continue;
                }
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
        self.s.desired
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
        self.s.limits
    }

    /// `k` of the candidate nodes (in name order), as the picker decides.
    /// Kubernetes takes the first `k` of a Go map's iteration, so any `k`
    /// of them.
    fn pick(&mut self, candidates: Vec<usize>, k: i64) -> Vec<usize> {
        let k = k.clamp(0, candidates.len() as i64) as usize;
        if k == 0 {
            return Vec::new();
        }
        if k == candidates.len() {
            return candidates;
        }
        self.choices.points += 1;
        if let Picker::Random(rng) = &mut self.picker {
            let mut c = candidates;
            for i in 0..k {
                let j = i + rng.below(c.len() - i);
                c.swap(i, j);
            }
            c.truncate(k);
            c.sort_unstable();
            return c;
        }
        if let Picker::NameOrder = self.picker {
            // Only whether the order could matter is recorded: whether
            // the candidates are of more than one kind.
            if self.choices.open == 0 {
                let mut sigs = candidates.iter().map(|&ni| self.node_signature(ni));
                let first = sigs.next();
                if sigs.any(|s| Some(s) != first) {
                    self.choices.open += 1;
                }
            }
            let mut c = candidates;
            c.truncate(k);
            return c;
        }
        // Candidates alike in every way (class and state) are
        // interchangeable: only how many of each kind are taken matters.
        let mut kinds: Vec<(u64, Vec<usize>)> = Vec::new();
        for &ni in &candidates {
            let sig = self.node_signature(ni);
            match kinds.iter_mut().find(|(s, _)| *s == sig) {
                Some((_, v)) => v.push(ni),
                None => kinds.push((sig, vec![ni])),
            }
        }
        if kinds.len() > 1 {
            self.choices.open += 1;
        }
        let Picker::Script(script) = &mut self.picker else {
            return candidates.into_iter().take(k).collect();
        };
        let sizes: Vec<usize> = kinds.iter().map(|(_, v)| v.len()).collect();
        let table = OptionTable::new(&sizes, k);
        let arity = table.count(0, k);
        if arity > MAX_OPTIONS {
            script.overflow = true;
        }
        let arity = arity.min(MAX_OPTIONS) as u32;
        let index = script.script.get(script.at).copied().unwrap_or(0);
        script.at += 1;
        script.arities.push(arity);
        let take = table.nth(k, u64::from(index.min(arity.saturating_sub(1))));
        let mut chosen: Vec<usize> = kinds
            .iter()
            .zip(take)
            .flat_map(|((_, v), n)| v.iter().copied().take(n))
            .collect();
        chosen.sort_unstable();
        chosen
    }

    /// `rollingUpdate`: (old pods to delete, nodes to create a pod on).
    fn rolling_update(&mut self) -> (Vec<usize>, Vec<usize>) {
        let Some((max_surge, max_unavailable)) = self.limits() else {
            return (Vec::new(), Vec::new());
        };
        let by_node = self.by_node();
        // nodeToDaemonPods plus an empty entry for every desired node.
        let keys: Vec<usize> = (0..self.s.nodes.len())
            .filter(|&ni| {
                self.s.nodes.get(ni).is_some_and(|n| n.new.should_run)
                    || by_node.get(ni).is_some_and(|p| !p.is_empty())
            })
            .collect();
        let empty = PodList::default();
        // Where the Go code stops collecting candidates once the budget is
        // used up, nothing would be taken anyway: collecting them all
        // takes the same ones.
        if max_surge == 0 {
            let mut num_unavailable: i64 = 0;
            let mut allowed = Vec::new();
            let mut candidates: Vec<(usize, usize)> = Vec::new();
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
                        } else {
                            candidates.push((ni, o));
                        }
                    }
                }
            }
            let pod_of: BTreeMap<usize, usize> = candidates.iter().copied().collect();
            let nodes = candidates.into_iter().map(|(ni, _)| ni).collect();
            let chosen = self.pick(nodes, max_unavailable.saturating_sub(num_unavailable));
            allowed.extend(chosen.iter().filter_map(|ni| pod_of.get(ni)));
            return (allowed, Vec::new());
        }

        let mut old_to_delete = Vec::new();
        let mut should_not_run: Vec<(usize, usize)> = Vec::new();
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
            let should_run = self.s.nodes.get(ni).is_some_and(|n| n.new.should_run);
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
                            should_not_run.push((ni, o));
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
        let deletable = num_available.saturating_sub(self.desired());
        if deletable > 0 {
            let pod_of: BTreeMap<usize, usize> = should_not_run.iter().copied().collect();
            let nodes = should_not_run.into_iter().map(|(ni, _)| ni).collect();
            let chosen = self.pick(nodes, deletable);
            old_to_delete.extend(chosen.iter().filter_map(|ni| pod_of.get(ni)));
        }
        let chosen = self.pick(candidate_nodes, max_surge.saturating_sub(num_surge));
        allowed_nodes.extend(chosen);
        (old_to_delete, allowed_nodes)
    }

    /// One `syncDaemonSet`: manage, then (RollingUpdate) rollingUpdate on
    /// the state manage left. True when it created or deleted anything.
    fn sync(&mut self) -> bool {
        let (creates, deletes) = self.manage();
        let mut acted = self.sync_nodes(deletes, creates);
        if self.s.rolling {
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
            .s
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
                .map(|l| l.to_vec())
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
        self.status_of(false)
    }

    /// The status before the change: `updateDaemonSetStatus` of the old
    /// DaemonSet with the pods of t = 0 (the check's counters).
    pub fn initial_status(&self) -> DsStatus {
        self.status_of(true)
    }

    fn status_of(&self, before: bool) -> DsStatus {
        let by_node = self.by_node();
        let mut s = DsStatus {
            observed_generation: if before {
                self.s.old_generation
            } else {
                self.s.new_generation
            },
            ..DsStatus::default()
        };
        for (ni, sn) in self.s.nodes.iter().enumerate() {
            let pods = by_node.get(ni).map(|l| &l[..]).unwrap_or(&[]);
            let scheduled = !pods.is_empty();
            let should_run = if before {
                sn.old.should_run
            } else {
                sn.new.should_run
            };
            if should_run {
                s.desired_number_scheduled += 1;
                if !scheduled {
                    continue;
                }
                s.current_number_scheduled += 1;
                let Some(p) = self.oldest(pods).and_then(|i| self.pod(i)) else {
                    continue;
                };
                if p.ready() {
                    s.number_ready += 1;
                    if self.available(p) {
                        s.number_available += 1;
                    }
                }
                let updated = if before {
                    self.s
                        .start_pods
                        .get(p.id as usize)
                        .is_some_and(|i| i.updated)
                } else {
                    p.gen == Generation::New
                };
                if updated {
                    s.updated_number_scheduled += 1;
                }
            } else if scheduled {
                s.number_misscheduled += 1;
            }
        }
        s.number_unavailable = s.desired_number_scheduled - s.number_available;
        s
    }

    /// Whether `kubectl rollout status` succeeds for this status (the
    /// third element of [`Self::kubectl`], without its line).
    pub fn kubectl_done(&self, s: &DsStatus) -> bool {
        kubectl_done(self.s.rolling, self.s.new_generation, s)
    }

    /// `kubectl rollout status` (DaemonSetStatusViewer): (line, error, done).
    pub fn kubectl(&self, s: &DsStatus) -> (Option<String>, Option<String>, bool) {
        kubectl_line(
            self.s.rolling,
            self.s.new_plan.name(),
            self.s.new_generation,
            s,
        )
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
        self.s.nodes.iter().enumerate().all(|(ni, sn)| {
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
                let available = if p.seasoned {
                    None
                } else {
                    p.ready_at
                        .and_then(|r| later(r.saturating_add(self.s.min_ready)))
                };
                [removal, ready, available]
            });
        let deletes = self.s.model.manual_deletes.iter().map(|d| later(d.t));
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
        crate::sort::sort_by(&mut created, |a, b| a.node.cmp(&b.node));
        let refs = |v: &[(usize, Generation)]| {
            let mut r: Vec<PodRef> = v
                .iter()
                .map(|&(n, g)| PodRef {
                    node: name(n),
                    generation: g,
                })
                .collect();
            crate::sort::sort_by(&mut r, |a, b| {
                (&a.node, a.generation).cmp(&(&b.node, b.generation))
            });
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
        crate::sort::sort_by(&mut unschedulable, |a, b| a.node.cmp(&b.node));
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

/// `DaemonSetStatusViewer.Status` reports success.
pub(crate) fn kubectl_done(rolling: bool, generation: i64, s: &DsStatus) -> bool {
    rolling
        && generation <= s.observed_generation
        && s.updated_number_scheduled >= s.desired_number_scheduled
        && s.number_available >= s.desired_number_scheduled
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
