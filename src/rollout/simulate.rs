//! Drives the engine tick by tick and assembles the [`Timeline`].

use super::engine::Engine;
use super::types::*;
use crate::k8s::model::{DaemonSet, Node, Pod};
use std::collections::BTreeSet;

/// Simulates the rollout from `old` to `new` on `nodes` (no other pods).
pub fn simulate(
    old: &DaemonSet,
    new: &DaemonSet,
    nodes: &[Node],
    model: &NodeModel,
    tick_limit: u32,
) -> Timeline {
    simulate_with_pods(old, new, nodes, &[], model, tick_limit)
}

/// [`simulate`] with the other pods bound to the nodes (they hold
/// resources and host ports the new pods need).
pub fn simulate_with_pods(
    old: &DaemonSet,
    new: &DaemonSet,
    nodes: &[Node],
    other_pods: &[Pod],
    model: &NodeModel,
    tick_limit: u32,
) -> Timeline {
    let mut engine = Engine::new(old, new, nodes, other_pods, model);
    let initial_status = engine.initial_status();
    let mut log: Vec<TickEntry> = Vec::new();
    let mut completed = false;
    let mut stalled = false;
    let mut kubectl_done_at = None;
    let mut all_updated_at = None;
    let mut last_change = 0u32;
    let ticks;
    let mut t = 0u32;
    loop {
        let syncs = engine.step(t);
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
        let updated = engine.all_updated();
        if updated && all_updated_at.is_none() {
            all_updated_at = Some(t);
        }
        // Done as the corpus harness sees it: `kubectl rollout status`
        // succeeds and no old pod is left. OnDelete never gets there
        // (kubectl refuses), however far the user deletes went.
        if updated && done_now {
            completed = true;
            ticks = t;
            break;
        }
        match engine.next_event() {
            None => {
                stalled = true;
                ticks = last_change
                    .saturating_add(STALL_WINDOW_SECONDS)
                    .min(tick_limit.max(last_change));
                break;
            }
            Some(next) if next > tick_limit => {
                ticks = tick_limit.max(t);
                break;
            }
            Some(next) => t = next,
        }
    }
    let final_status = log
        .last()
        .map(|e| e.status.clone())
        .unwrap_or_else(|| engine.status());
    let budget = budget(&engine);
    let stall_reasons = if stalled {
        stall_reasons(&mut engine, &budget, all_updated_at)
    } else {
        Vec::new()
    };
    let min_ready = engine.min_ready;
    let pods = engine
        .pods
        .iter()
        .map(|p| PodHistory {
            id: p.id,
            node: engine
                .nodes
                .get(p.node)
                .map(|n| n.node.name().to_string())
                .unwrap_or_default(),
            generation: p.gen,
            preexisting: p.preexisting,
            created_at: p.created,
            scheduled_at: p.bound,
            ready_at: p.ready_at,
            available_at: p.ready_at.map(|r| {
                if p.preexisting {
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
    let nodes_out = engine
        .nodes
        .iter()
        .map(|n| RolloutNode {
            name: n.node.name().to_string(),
            targeted_before: n.old.should_run,
            should_run: n.new.should_run,
            should_continue_running: n.new.should_continue_running,
            exclusion: n.new.exclusion.clone(),
            ready_delay_seconds: engine.model.ready_delay(n.node.name()),
            never_ready: engine.model.is_never_ready(n.node.name()),
        })
        .collect();
    let strategy = engine
        .new_plan
        .ds
        .spec
        .update_strategy
        .as_ref()
        .and_then(|s| s.type_.clone())
        .unwrap_or_default();
    Timeline {
        namespace: engine.new_plan.ds.metadata.namespace().to_string(),
        name: engine.new_plan.name().to_string(),
        strategy,
        budget,
        min_ready_seconds: min_ready as i64,
        tick_seconds: TICK_SECONDS,
        tick_limit,
        model: engine.model.clone(),
        node_order: NodeOrder {
            rule: "nodeName".into(),
            one_of_several_possible: true,
        },
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

fn budget(engine: &Engine) -> RolloutBudget {
    let desired = engine.desired();
    let l = crate::controllers::daemonset::rollout_limits(&engine.new_plan.ds, desired);
    RolloutBudget {
        max_unavailable: l.controller_max_unavailable,
        max_surge: l.controller_max_surge,
        error: if engine.rolling {
            l.rollout_error
        } else {
            None
        },
        desired_number_scheduled: desired,
    }
}

/// Why nothing moves any more, as facts.
fn stall_reasons(
    engine: &mut Engine,
    budget: &RolloutBudget,
    all_updated_at: Option<u32>,
) -> Vec<StallReason> {
    let mut out = Vec::new();
    if let Some(e) = &budget.error {
        out.push(StallReason::InvalidStrategy { error: e.clone() });
    }
    let surge = engine.rolling && budget.max_surge.unwrap_or(0) > 0;
    let name = |e: &Engine, ni: usize| {
        e.nodes
            .get(ni)
            .map(|n| n.node.name().to_string())
            .unwrap_or_default()
    };
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
        .nodes
        .iter()
        .enumerate()
        .filter(|(ni, n)| n.new.should_run && has_old.contains(ni) && !has_new.contains(ni))
        .map(|(ni, _)| name(engine, ni))
        .collect();
    if !never.is_empty() {
        let (kind, limit) = if !engine.rolling {
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
            waiting: if engine.rolling {
                waiting.clone()
            } else {
                Vec::new()
            },
        });
    }
    if !engine.rolling && !waiting.is_empty() {
        out.push(StallReason::OnDeleteWaiting {
            nodes: waiting.clone(),
        });
    }
    let kept: Vec<String> = engine
        .nodes
        .iter()
        .enumerate()
        .filter(|(ni, n)| !n.new.should_run && has_old.contains(ni))
        .map(|(ni, _)| name(engine, ni))
        .collect();
    if !kept.is_empty() {
        out.push(StallReason::OldPodKept { nodes: kept });
    }
    if out.is_empty() && !engine.rolling {
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
