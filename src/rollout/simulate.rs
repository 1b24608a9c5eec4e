//! Drives the engine tick by tick and assembles the [`Timeline`].

use super::engine::{Engine, InCluster};
use super::orders::{self, End, Flow, RunEnd};
use super::types::*;
use crate::check::CountsBasis;
use crate::k8s::model::{DaemonSet, Node, Pod};
use crate::k8s::priority::Priorities;
use std::collections::BTreeSet;

/// Simulates the rollout from `old` to `new` on `nodes` (no pods: every
/// targeted node starts as the check projects it).
pub fn simulate(
    old: &DaemonSet,
    new: &DaemonSet,
    nodes: &[Node],
    model: &NodeModel,
    tick_limit: u32,
) -> Timeline {
    simulate_with_pods(old, new, nodes, &[], model, tick_limit)
}

/// [`simulate`] with the pods bound to the nodes: the DaemonSet's own
/// (matched by the controller's ownership rules) are the pods the nodes
/// start with; the others hold resources and host ports the daemon pods
/// need.
pub fn simulate_with_pods(
    old: &DaemonSet,
    new: &DaemonSet,
    nodes: &[Node],
    pods: &[Pod],
    model: &NodeModel,
    tick_limit: u32,
) -> Timeline {
    simulate_in_cluster(
        old,
        new,
        InCluster {
            nodes,
            pods,
            priorities: &Priorities::default(),
        },
        model,
        tick_limit,
    )
}

/// [`simulate_with_pods`] in a cluster with its PriorityClasses: the
/// daemon pods of each template go through the Priority
/// admission plugin as in the check (their priority from their class; a
/// class that does not exist refuses every pod: the old template's were
/// never created, the new template's are not).
pub fn simulate_in_cluster(
    old: &DaemonSet,
    new: &DaemonSet,
    cluster: InCluster,
    model: &NodeModel,
    tick_limit: u32,
) -> Timeline {
    simulate_with_budget(old, new, cluster, model, tick_limit, orders::BUDGET)
}

/// [`simulate_in_cluster`] with another budget for the other orders.
pub(crate) fn simulate_with_budget(
    old: &DaemonSet,
    new: &DaemonSet,
    cluster: InCluster,
    model: &NodeModel,
    tick_limit: u32,
    order_budget: u64,
) -> Timeline {
    let start = Engine::new(old, new, cluster, model);
    let mut engine = start.clone();
    let initial_status = engine.initial_status();
    let start_pods = starting_pods(&engine);
    let mut log: Vec<TickEntry> = Vec::new();
    let mut completed = false;
    let mut stalled = false;
    let mut kubectl_done_at = None;
    let mut all_updated_at = None;
    let mut last_change = 0u32;
    let mut work = 0u64;
    let ticks;
    let end;
    let mut t = 0u32;
    loop {
        let syncs = engine.step(t);
        work = work.saturating_add(engine.s.nodes.len() as u64 * u64::from(syncs));
        let (entry, events) = engine.entry(t, syncs);
        let done_now = entry.kubectl_done;
        let changed = match log.last() {
            None => true,
            Some(prev) => {
                events
                    || prev.status != entry.status
                    || prev.kubectl != entry.kubectl
                    || prev.kubectl_error != entry.kubectl_error
            }
        };
        if entry.kubectl_done && kubectl_done_at.is_none() {
            kubectl_done_at = Some(t);
        }
        if changed {
            last_change = t;
            log.push(entry);
        }
        if engine.all_updated() && all_updated_at.is_none() {
            all_updated_at = Some(t);
        }
        match orders::flow(&engine, t, done_now, tick_limit) {
            Flow::Completed => {
                completed = true;
                ticks = t;
                end = End::Completed(t);
                break;
            }
            Flow::Stalled => {
                stalled = true;
                ticks = last_change
                    .saturating_add(STALL_WINDOW_SECONDS)
                    .min(tick_limit.max(last_change));
                end = End::Stalled(last_change);
                break;
            }
            Flow::Unfinished(at) => {
                ticks = at;
                end = End::Unfinished(at);
                break;
            }
            Flow::Next(next) => t = next,
        }
    }
    let drawn = RunEnd {
        end,
        kubectl_done_at,
    };
    let orders = orders::explore(
        &start,
        &drawn,
        engine.choices,
        work,
        tick_limit,
        order_budget,
    );
    let final_status = log
        .last()
        .map(|e| e.status.clone())
        .unwrap_or_else(|| engine.status());
    let budget = budget(&engine);
    let stall_reasons = if stalled {
        stall_reasons(&engine, &budget, all_updated_at)
    } else {
        Vec::new()
    };
    let min_ready = engine.s.min_ready;
    let pods = engine
        .pods
        .iter()
        .map(|p| PodHistory {
            id: p.id,
            node: engine.node_name(p.node).to_string(),
            generation: p.gen,
            preexisting: p.preexisting,
            created_at: p.created,
            scheduled_at: p.bound,
            ready_at: p.ready_at,
            available_at: p.ready_at.map(|r| {
                if p.seasoned {
                    r
                } else {
                    r.saturating_add(min_ready)
                }
            }),
            deleted_at: p.deleted,
            deleted_by: p.deleted_by,
            removed_at: p.removed,
            unschedulable_reasons: p.pending.as_ref().map(|o| o.reasons()).unwrap_or_default(),
        })
        .collect();
    let mut start_pods = start_pods.into_iter().peekable();
    let nodes_out = engine
        .s
        .nodes
        .iter()
        .enumerate()
        .map(|(ni, n)| {
            let mut pods = Vec::new();
            while let Some((_, p)) = start_pods.next_if(|(node, _)| *node == ni) {
                pods.push(p);
            }
            RolloutNode {
                name: n.node.name().to_string(),
                targeted_before: n.old.should_run,
                should_run: n.new.should_run,
                should_continue_running: n.new.should_continue_running,
                exclusion: n.new.exclusion.clone(),
                ready_delay_seconds: engine.s.model.ready_delay(n.node.name()),
                never_ready: engine.s.model.is_never_ready(n.node.name()),
                start: NodeStart {
                    verdict: n.verdict,
                    pods,
                },
            }
        })
        .collect();
    let strategy = engine
        .s
        .new_plan
        .ds
        .spec
        .update_strategy
        .as_ref()
        .and_then(|s| s.type_.clone())
        .unwrap_or_default();
    Timeline {
        namespace: engine.s.new_plan.ds.metadata.namespace().to_string(),
        name: engine.s.new_plan.name().to_string(),
        strategy,
        budget,
        min_ready_seconds: min_ready as i64,
        tick_seconds: TICK_SECONDS,
        tick_limit,
        model: engine.s.model.clone(),
        start_basis: if engine.s.observed {
            CountsBasis::Observed
        } else {
            CountsBasis::Projected
        },
        orders,
        nodes: nodes_out,
        initial_status,
        log,
        pods,
        completed,
        stalled,
        ticks,
        kubectl_done_at,
        all_updated_at,
        last_change_at: last_change,
        stall_reasons,
        final_status,
    }
}

/// The pods at t = 0 (before the first step), by node, in node order.
fn starting_pods(engine: &Engine) -> Vec<(usize, StartPod)> {
    let mut out: Vec<(usize, StartPod)> = engine
        .pods
        .iter()
        .map(|p| {
            let info = engine.s.start_pods.get(p.id as usize);
            let phase = if p.deleted.is_some() {
                PodPhase::Terminating
            } else if p.bound.is_some() {
                PodPhase::Running
            } else {
                PodPhase::Pending
            };
            (
                p.node,
                StartPod {
                    id: p.id,
                    name: info.and_then(|i| i.name.clone()),
                    phase,
                    ready: p.ready_at.is_some(),
                    available: engine.available(p),
                    updated: info.is_some_and(|i| i.updated),
                    unschedulable_reasons: p
                        .pending
                        .as_ref()
                        .map(|o| o.reasons())
                        .unwrap_or_default(),
                },
            )
        })
        .collect();
    crate::sort::sort_by_key(&mut out, |(ni, p)| (*ni, p.id));
    out
}

fn budget(engine: &Engine) -> RolloutBudget {
    let desired = engine.desired();
    let l = crate::controllers::daemonset::rollout_limits(&engine.s.new_plan.ds, desired);
    RolloutBudget {
        max_unavailable: l.controller_max_unavailable,
        max_surge: l.controller_max_surge,
        error: if engine.s.rolling {
            l.rollout_error
        } else {
            None
        },
        desired_number_scheduled: desired,
    }
}

/// Why nothing moves any more, as facts.
fn stall_reasons(
    engine: &Engine,
    budget: &RolloutBudget,
    all_updated_at: Option<u32>,
) -> Vec<StallReason> {
    let mut out = Vec::new();
    if let Some(e) = &budget.error {
        out.push(StallReason::InvalidStrategy { error: e.clone() });
    }
    if let Err(failed) = &engine.s.new_admission {
        // nodes the new template targets that have no pod: the API server
        // refuses every one the controller creates
        let mut has_pod: BTreeSet<usize> = BTreeSet::new();
        for p in engine.pods.iter().filter(|p| p.removed.is_none()) {
            has_pod.insert(p.node);
        }
        let nodes: Vec<String> = (0..engine.s.nodes.len())
            .filter(|&ni| engine.s.nodes[ni].new.should_run && !has_pod.contains(&ni))
            .map(|ni| engine.node_name(ni).to_string())
            .collect();
        if !nodes.is_empty() {
            out.push(StallReason::FailedCreate {
                event: failed.event.clone(),
                nodes,
            });
        }
    }
    let surge = engine.s.rolling && budget.max_surge.unwrap_or(0) > 0;
    let name = |e: &Engine, ni: usize| e.node_name(ni).to_string();
    let live = |p: &super::engine::SimPod| p.removed.is_none() && p.deleted.is_none();

    // Per node: which live, non-deleted pods of each template.
    let mut has_old: BTreeSet<usize> = BTreeSet::new();
    let mut has_new: BTreeSet<usize> = BTreeSet::new();
    for p in engine.pods.iter().filter(|p| live(p)) {
        match p.gen {
            Generation::Old => has_old.insert(p.node),
            Generation::New => has_new.insert(p.node),
        };
    }

    // Pending new pods.
    let pending: Vec<usize> = engine
        .pods
        .iter()
        .enumerate()
        .filter(|(_, p)| live(p) && p.bound.is_none())
        .map(|(i, _)| i)
        .collect();
    let mut port_nodes = Vec::new();
    let mut port_list: Vec<crate::scheduler::HostPort> = Vec::new();
    for pi in pending {
        let Some(ni) = engine.pods.get(pi).map(|p| p.node) else {
            continue;
        };
        let Some(with) = engine.filter_pod(pi, true) else {
            continue;
        };
        let without_old = engine.filter_pod_without_old(pi);
        let beside_old = has_old.contains(&ni) && without_old.is_some_and(|o| o.fits());
        let port_only = with
            .failures
            .iter()
            .all(|f| f.plugin == crate::scheduler::plugins::node_ports::NAME);
        if surge && beside_old && port_only && !with.port_conflicts.is_empty() {
            port_nodes.push(name(engine, ni));
            for c in &with.port_conflicts {
                if !port_list.contains(&c.port) {
                    port_list.push(c.port.clone());
                }
            }
            continue;
        }
        out.push(StallReason::Unschedulable {
            node: name(engine, ni),
            failures: with.failures.clone(),
            insufficient: with.insufficient.clone(),
            beside_old_pod: beside_old,
        });
    }
    if !port_nodes.is_empty() {
        port_list.sort();
        out.push(StallReason::HostPortSurge {
            nodes: port_nodes,
            ports: port_list,
            max_surge: budget.max_surge.unwrap_or(0),
        });
    }

    // New pods that never become Ready.
    let never: BTreeSet<String> = engine
        .pods
        .iter()
        .filter(|p| {
            live(p) && p.gen == Generation::New && p.bound.is_some() && p.ready_due.is_none()
        })
        .map(|p| name(engine, p.node))
        .collect();
    let waiting: Vec<String> = engine
        .s
        .nodes
        .iter()
        .enumerate()
        .filter(|(ni, n)| n.new.should_run && has_old.contains(ni) && !has_new.contains(ni))
        .map(|(ni, _)| name(engine, ni))
        .collect();
    if !never.is_empty() {
        let (kind, limit) = if !engine.s.rolling {
            (None, None)
        } else if surge {
            (Some(BudgetKind::MaxSurge), budget.max_surge)
        } else {
            (Some(BudgetKind::MaxUnavailable), budget.max_unavailable)
        };
        out.push(StallReason::NeverReady {
            nodes: never.into_iter().collect(),
            budget: kind,
            limit,
            waiting: if engine.s.rolling {
                waiting.clone()
            } else {
                Vec::new()
            },
        });
    }
    // Pending new pods hold the budget as never-ready ones do: the nodes
    // still on the old template wait for it.
    let pending_new: Vec<String> = engine
        .pods
        .iter()
        .filter(|p| live(p) && p.gen == Generation::New && p.bound.is_none())
        .map(|p| name(engine, p.node))
        .collect();
    if engine.s.rolling && !pending_new.is_empty() && !waiting.is_empty() {
        let (kind, limit) = if surge {
            (BudgetKind::MaxSurge, budget.max_surge)
        } else {
            (BudgetKind::MaxUnavailable, budget.max_unavailable)
        };
        out.push(StallReason::BudgetHeld {
            budget: kind,
            limit: limit.unwrap_or(0),
            held_by: pending_new,
            waiting: waiting.clone(),
        });
    }
    if !engine.s.rolling && !waiting.is_empty() {
        out.push(StallReason::OnDeleteWaiting {
            nodes: waiting.clone(),
        });
    }
    let kept: Vec<String> = engine
        .s
        .nodes
        .iter()
        .enumerate()
        .filter(|(ni, n)| !n.new.should_run && has_old.contains(ni))
        .map(|(ni, _)| name(engine, ni))
        .collect();
    if !kept.is_empty() {
        out.push(StallReason::OldPodKept { nodes: kept });
    }
    if out.is_empty() && !engine.s.rolling {
        out.push(StallReason::OnDeleteNoRolloutStatus { all_updated_at });
    } else if out.is_empty() {
        out.push(StallReason::NotUpdated { nodes: waiting });
    }
    out
}

impl Timeline {
    /// The grid at second `t`: every node's pods (old / new, pending /
    /// running / terminating, Ready, available) and the status then.
    pub fn snapshot(&self, t: u32) -> Snapshot {
        let nodes = self
            .nodes
            .iter()
            .map(|n| {
                let pods = self
                    .pods
                    .iter()
                    .filter(|p| {
                        p.node == n.name && p.created_at <= t && p.removed_at.is_none_or(|r| r > t)
                    })
                    .map(|p| {
                        let phase = if p.deleted_at.is_some_and(|d| d <= t) {
                            PodPhase::Terminating
                        } else if p.scheduled_at.is_some_and(|s| s <= t) {
                            PodPhase::Running
                        } else {
                            PodPhase::Pending
                        };
                        PodState {
                            id: p.id,
                            generation: p.generation,
                            phase,
                            ready: p.ready_at.is_some_and(|r| r <= t),
                            available: p.available_at.is_some_and(|a| a <= t),
                        }
                    })
                    .collect();
                NodeSnapshot {
                    node: n.name.clone(),
                    should_run: n.should_run,
                    pods,
                }
            })
            .collect();
        let entry = self.log.iter().rev().find(|e| e.t <= t);
        Snapshot {
            t,
            nodes,
            status: entry
                .map(|e| e.status.clone())
                .unwrap_or_else(|| self.initial_status.clone()),
            kubectl: entry.and_then(|e| e.kubectl.clone().or_else(|| e.kubectl_error.clone())),
        }
    }

    /// The tick at which the rollout completed, if it did.
    pub fn completed_at(&self) -> Option<u32> {
        self.completed.then_some(self.ticks)
    }
}
