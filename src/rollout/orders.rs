//! What the order of the nodes changes: the outcomes of a rollout over
//! the orders in which the DaemonSet controller can pick nodes.
//!
//! `rollingUpdate` (pkg/controller/daemon/update.go) collects its
//! candidates by ranging over `nodeToDaemonPods`, a Go map built anew at
//! every sync, and takes the first ones the budget allows
//! (`candidatePodsToDelete[:remainingUnavailable]`,
//! `candidateNewNodes[:remainingSurge]`, `shouldNotRunPodsToDelete[:n]`).
//! Go randomizes map iteration, so at every such *choice point* the
//! controller takes some `k` of its `n` candidates, any of them. The run
//! shown takes the first `k` by node name; this module explores the
//! others.
//!
//! **Reducing the orders.** Most orders are the same order as far as the
//! outcome goes. Two candidates are interchangeable when they are in the
//! same class ([`super::engine::Shared::classes`]: same ready delay,
//! never-ready or not, same targeting by the new template, same room and
//! host ports for the daemon pods, no scripted delete of their own) *and*
//! their daemon pods are in the same state: swapping them renames nodes
//! but changes no count and no time. So an option at a choice point is
//! how many candidates of each such kind are taken (a choice of 2 among 6
//! nodes of 2 kinds of 3 is 3 options, not 15), and two states that are
//! the same up to such a renaming (the multiset of node signatures and
//! the clock: [`Engine::state_key`]) have the same futures, computed once
//! (memoized). With all ready delays alike there is one kind and one
//! order, however many nodes.
//!
//! **Exact, then sampled.** The exploration is depth-first over the
//! choice points, one tick at a time (a tick's syncs are re-run for each
//! combination of its options), counting orders and folding each future's
//! outcomes (completion tick, first `kubectl rollout status` success,
//! stall point, tick limit) into ranges. It is bounded by [`BUDGET`]:
//! work is counted in node-syncs (one controller sync over one node, what
//! a tick costs), and the memory of the open states is bounded too. When
//! the exact exploration would exceed half of it (or one choice point has
//! more than [`super::engine::MAX_OPTIONS`] options, or a single run costs
//! more than a quarter of the budget, as on thousands of nodes), it is
//! abandoned, or not tried, and the rest of the budget samples orders
//! instead, one whole run each: each run picks uniformly at
//! random among the candidates at every choice point, as the map
//! iteration does, from a fixed seed ([`SEED`]), so the same input always
//! gives the same answer; the name-order run counts as one of them.

use super::engine::{Choices, Engine, Picker, Rng, Script};
use super::types::*;
use std::collections::HashMap;

/// The exploration's budget, in node-syncs. On 5,000 nodes one run of a
/// rollout costs a few hundred thousand; on the conformance corpus's
/// clusters (up to 12 nodes) an exhaustive exploration rarely needs more
/// than a few hundred thousand.
pub(crate) const BUDGET: u64 = 2_000_000;
/// The share of the budget the exact exploration may use before the
/// sampler takes over (the rest, at least, is left for sampling).
const EXACT_SHARE: u64 = 2;
/// Open states (pods kept for the depth-first search) at most.
const MAX_OPEN_PODS: usize = 300_000;
/// Random orders sampled at most.
const MAX_SAMPLES: u64 = 256;
/// The sampler's seed.
pub(crate) const SEED: u64 = 0x0da3_c0de_5eed_2024;

/// How one run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum End {
    /// Every node runs an available new pod and kubectl reports success.
    Completed(u32),
    /// Nothing can change any more; the tick of the last change.
    Stalled(u32),
    /// Still running at the tick limit; the run's `ticks`.
    Unfinished(u32),
}

/// One run's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RunEnd {
    pub end: End,
    pub kubectl_done_at: Option<u32>,
}

/// What to do after tick `t`.
pub(crate) enum Flow {
    Completed,
    Stalled,
    /// The next event is past the tick limit; the run's `ticks`.
    Unfinished(u32),
    /// The next second anything is due.
    Next(u32),
}

/// After a step at `t`: done as the corpus harness sees it (`kubectl
/// rollout status` succeeds and no old pod is left; never for OnDelete),
/// stalled, past the limit, or the next event.
pub(crate) fn flow(e: &Engine, t: u32, kubectl_done: bool, limit: u32) -> Flow {
    if kubectl_done && e.all_updated() {
        return Flow::Completed;
    }
    match e.next_event() {
        None => Flow::Stalled,
        Some(next) if next > limit => Flow::Unfinished(limit.max(t)),
        Some(next) => Flow::Next(next),
    }
}

/// A count of orders and the earliest and latest tick among them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Tally {
    n: u64,
    min: u32,
    max: u32,
}

impl Tally {
    fn of(n: u64, t: u32) -> Tally {
        Tally { n, min: t, max: t }
    }
    fn merge(&mut self, o: Tally) {
        if o.n == 0 {
            return;
        }
        if self.n == 0 {
            *self = o;
            return;
        }
        self.n = self.n.saturating_add(o.n);
        self.min = self.min.min(o.min);
        self.max = self.max.max(o.max);
    }
    fn range(self) -> Option<TickRange> {
        (self.n > 0).then(|| TickRange {
            orders: self.n.min(MAX_ORDERS),
            earliest: self.min,
            latest: self.max,
        })
    }
}

/// The outcomes of every order from a state on.
#[derive(Debug, Clone, Default)]
struct Reach {
    completed: Tally,
    /// First `kubectl rollout status` success after the state (only for
    /// states before any success).
    kubectl_done: Tally,
    kubectl_never: u64,
    /// Stalls by the tick of the last change after the state.
    stalled: Tally,
    /// Stalls with no change after the state (their tick is an earlier one).
    stalled_here: u64,
    unfinished: Tally,
}

impl Reach {
    fn orders(&self) -> u64 {
        self.completed
            .n
            .saturating_add(self.stalled.n)
            .saturating_add(self.stalled_here)
            .saturating_add(self.unfinished.n)
    }
    fn merge(&mut self, o: &Reach) {
        self.completed.merge(o.completed);
        self.kubectl_done.merge(o.kubectl_done);
        self.kubectl_never = self.kubectl_never.saturating_add(o.kubectl_never);
        self.stalled.merge(o.stalled);
        self.stalled_here = self.stalled_here.saturating_add(o.stalled_here);
        self.unfinished.merge(o.unfinished);
    }
    fn of_run(r: &RunEnd) -> Reach {
        let mut out = Reach::default();
        match r.end {
            End::Completed(t) => out.completed = Tally::of(1, t),
            End::Stalled(t) => out.stalled = Tally::of(1, t),
            End::Unfinished(t) => out.unfinished = Tally::of(1, t),
        }
        match r.kubectl_done_at {
            Some(t) => out.kubectl_done = Tally::of(1, t),
            None => out.kubectl_never = 1,
        }
        out
    }
}

/// A step from a state to the next: at tick `t`, whether anything changed
/// and whether `kubectl rollout status` succeeded for the first time.
#[derive(Debug, Clone, Copy)]
struct Edge {
    t: u32,
    changed: bool,
    first_done: bool,
    seen_before: bool,
}

impl Edge {
    /// The outcomes after the step, seen from before it.
    fn fold(self, r: &Reach) -> Reach {
        let mut out = r.clone();
        if self.changed && r.stalled_here > 0 {
            out.stalled.merge(Tally::of(r.stalled_here, self.t));
            out.stalled_here = 0;
        }
        if self.seen_before {
            out.kubectl_done = Tally::default();
            out.kubectl_never = 0;
        } else if self.first_done {
            out.kubectl_done = Tally::of(r.orders(), self.t);
            out.kubectl_never = 0;
        }
        out
    }
}

/// Why the exact exploration stopped.
struct OverBudget;

/// A state of the depth-first search with the options of its next tick
/// still to try.
struct Frame {
    base: Engine,
    key: Option<u128>,
    /// The tick to step next.
    tick: u32,
    /// The status after the previous tick (`None` before t = 0: the first
    /// tick always counts as a change).
    prev_status: Option<DsStatus>,
    /// `kubectl rollout status` succeeded at or before this state.
    seen: bool,
    /// The options to take at the tick's choice points next.
    script: Vec<u32>,
    done: bool,
    acc: Reach,
    /// How the parent folds this state's outcomes.
    edge: Option<Edge>,
}

/// The next combination of a tick's options after `used` (odometer over
/// the arities found), or `None` when all were tried.
fn next_script(used: &[u32], arities: &[u32]) -> Option<Vec<u32>> {
    for j in (0..arities.len()).rev() {
        let cur = used.get(j).copied().unwrap_or(0);
        if cur + 1 < arities[j] {
            let mut next: Vec<u32> = (0..j).map(|i| used.get(i).copied().unwrap_or(0)).collect();
            next.push(cur + 1);
            return Some(next);
        }
    }
    None
}

struct Explorer {
    limit: u32,
    nodes: u64,
    budget: u64,
    work: u64,
    memo: HashMap<u128, Reach>,
}

impl Explorer {
    fn charge(&mut self, syncs: u32) -> Result<(), OverBudget> {
        self.work = self
            .work
            .saturating_add(self.nodes.max(1) * u64::from(syncs));
        if self.work > self.budget {
            Err(OverBudget)
        } else {
            Ok(())
        }
    }

    /// Every order from `start` (before t = 0), depth first.
    fn exact(&mut self, start: &Engine) -> Result<Reach, OverBudget> {
        let mut stack = vec![Frame {
            base: start.clone(),
            key: None,
            tick: 0,
            prev_status: None,
            seen: false,
            script: Vec::new(),
            done: false,
            acc: Reach::default(),
            edge: None,
        }];
        let mut open_pods = start.pods.len();
        loop {
            let Some(top) = stack.last_mut() else {
                return Err(OverBudget);
            };
            if top.done {
                let Some(f) = stack.pop() else {
                    return Err(OverBudget);
                };
                open_pods = open_pods.saturating_sub(f.base.pods.len());
                if let Some(k) = f.key {
                    self.memo.insert(k, f.acc.clone());
                }
                match (stack.last_mut(), f.edge) {
                    (Some(parent), Some(edge)) => parent.acc.merge(&edge.fold(&f.acc)),
                    _ => return Ok(f.acc),
                }
                continue;
            }
            let mut e = top.base.clone();
            e.picker = Picker::Script(Script {
                script: top.script.clone(),
                ..Script::default()
            });
            let t = top.tick;
            let syncs = e.step(t);
            let Picker::Script(used) = &e.picker else {
                return Err(OverBudget);
            };
            if used.overflow {
                return Err(OverBudget);
            }
            match next_script(&top.script, &used.arities) {
                Some(s) => top.script = s,
                None => top.done = true,
            }
            let status = e.status();
            let changed = top
                .prev_status
                .as_ref()
                .is_none_or(|p| e.had_events() || *p != status);
            let done_now = e.kubectl_done(&status);
            let seen = top.seen || done_now;
            let edge = Edge {
                t,
                changed,
                first_done: done_now && !top.seen,
                seen_before: top.seen,
            };
            let leaf = |end: End| {
                let mut r = Reach::default();
                match end {
                    End::Completed(t) => r.completed = Tally::of(1, t),
                    End::Stalled(_) => r.stalled_here = 1,
                    End::Unfinished(t) => r.unfinished = Tally::of(1, t),
                }
                if !seen {
                    r.kubectl_never = 1;
                }
                r
            };
            match flow(&e, t, done_now, self.limit) {
                Flow::Completed => top.acc.merge(&edge.fold(&leaf(End::Completed(t)))),
                Flow::Stalled => top.acc.merge(&edge.fold(&leaf(End::Stalled(t)))),
                Flow::Unfinished(ticks) => top.acc.merge(&edge.fold(&leaf(End::Unfinished(ticks)))),
                Flow::Next(next) => {
                    let key = e.state_key(u64::from(seen));
                    if let Some(r) = self.memo.get(&key) {
                        top.acc.merge(&edge.fold(r));
                    } else {
                        open_pods = open_pods.saturating_add(e.pods.len());
                        if open_pods > MAX_OPEN_PODS {
                            return Err(OverBudget);
                        }
                        stack.push(Frame {
                            base: e,
                            key: Some(key),
                            tick: next,
                            prev_status: Some(status),
                            seen,
                            script: Vec::new(),
                            done: false,
                            acc: Reach::default(),
                            edge: Some(edge),
                        });
                    }
                }
            }
            self.charge(syncs)?;
        }
    }

    /// One run from `start` to its end with `picker`; `None` when the
    /// budget runs out first.
    fn run(&mut self, start: &Engine, picker: Picker) -> Option<RunEnd> {
        let mut e = start.clone();
        e.picker = picker;
        let mut t = 0;
        let mut prev: Option<DsStatus> = None;
        let mut last_change = 0;
        let mut kubectl_done_at = None;
        loop {
            let syncs = e.step(t);
            self.charge(syncs).ok()?;
            let status = e.status();
            if prev.as_ref().is_none_or(|p| e.had_events() || *p != status) {
                last_change = t;
            }
            let done_now = e.kubectl_done(&status);
            if done_now && kubectl_done_at.is_none() {
                kubectl_done_at = Some(t);
            }
            let end = match flow(&e, t, done_now, self.limit) {
                Flow::Completed => End::Completed(t),
                Flow::Stalled => End::Stalled(last_change),
                Flow::Unfinished(ticks) => End::Unfinished(ticks),
                Flow::Next(next) => {
                    t = next;
                    prev = Some(status);
                    continue;
                }
            };
            return Some(RunEnd {
                end,
                kubectl_done_at,
            });
        }
    }
}

/// The outcomes over the possible orders of the rollout from `start`
/// (the engine before t = 0), given the name-order run (`drawn`, its
/// choice points and its cost in node-syncs).
pub(crate) fn explore(
    start: &Engine,
    drawn: &RunEnd,
    choices: Choices,
    drawn_work: u64,
    limit: u32,
    budget: u64,
) -> OrderRange {
    let classes = if choices.points > 0 {
        start.s.classes().1
    } else {
        0
    };
    let mut ex = Explorer {
        limit,
        nodes: start.s.nodes.len() as u64,
        budget: budget / EXACT_SHARE,
        work: 0,
        memo: HashMap::new(),
    };
    let (reach, exploration, orders, seed) = if choices.open == 0 {
        // No choice point ever offered candidates of more than one kind:
        // every order is this one.
        (Reach::of_run(drawn), OrderExploration::Exhaustive, 1, None)
    } else {
        // Exploring every order costs at least a few runs: with runs this
        // big, only sampling can say anything within the budget.
        let exact = if drawn_work.saturating_mul(2) <= ex.budget {
            ex.exact(start)
        } else {
            Err(OverBudget)
        };
        match exact {
            Ok(r) => {
                let n = r.orders();
                (r, OrderExploration::Exhaustive, n, None)
            }
            Err(OverBudget) => {
                ex.memo = HashMap::new();
                ex.budget = budget;
                let mut reach = Reach::of_run(drawn);
                let mut runs: u64 = 1;
                let mut cost = drawn_work.max(1);
                let mut rng = Rng(SEED);
                while runs <= MAX_SAMPLES && ex.work.saturating_add(cost) <= ex.budget {
                    let before = ex.work;
                    let Some(r) = ex.run(start, Picker::Random(Rng(rng.next_u64()))) else {
                        break;
                    };
                    cost = cost.max(ex.work - before);
                    reach.merge(&Reach::of_run(&r));
                    runs += 1;
                }
                (reach, OrderExploration::Sampled, runs, Some(SEED))
            }
        }
    };
    let mut ends = 0;
    for t in [reach.completed, reach.stalled, reach.unfinished] {
        if t.n > 0 {
            ends += if t.min == t.max { 1 } else { 2 };
        }
    }
    let kubectl_varies = reach.kubectl_done.n > 0
        && (reach.kubectl_done.min != reach.kubectl_done.max || reach.kubectl_never > 0);
    OrderRange {
        rule: "nodeName".into(),
        exploration,
        orders: orders.min(MAX_ORDERS),
        classes,
        seed,
        budget,
        work: ex.work,
        completed: reach.completed.range(),
        kubectl_done: reach.kubectl_done.range(),
        stalled: reach.stalled.range(),
        unfinished: reach.unfinished.range(),
        depends_on_order: ends > 1 || kubectl_varies,
    }
}
