//! Replays ../shared/conformance/rollout.jsonl (400 rollouts driven tick by
//! tick through the real Kubernetes v1.36.2 DaemonSet controller and
//! kubectl's status viewer). The inputs are read as pasted text through
//! `input::parse`.
//!
//! Where `countsStable` is true (the five recorded runs agreed on every
//! per-tick count and status), the logged ticks, counts, statuses, kubectl
//! lines and controller sync counts must be identical; where `nodesStable`
//! is true, the node names too. Elsewhere (Kubernetes picks nodes by
//! iterating a Go map, so runs differ) the simulator's run must be a
//! possible one: the controller's invariants hold at every logged tick,
//! `completed` / `stalled` agree, and `ticks` / `kubectlDoneAt` agree where
//! the five runs agree. Every case starts as the corpus models it: an
//! available old pod on every targeted node.

use daemonset_sim::check::NodeState;
use daemonset_sim::input::{self, Source};
use daemonset_sim::k8s::model::{DaemonSet, Node};
use daemonset_sim::rollout::{
    self, Generation, ManualDelete, NodeModel, OrderExploration, PodPhase, TickEntry, TickRange,
    Timeline,
};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::OnceLock;

fn parse_objects(text: &str) -> (Vec<DaemonSet>, Vec<Node>) {
    let objects = input::parse(&[Source::new(Some("case"), text)]);
    assert!(objects.errors.is_empty(), "{:?}", objects.errors);
    (
        objects.daemon_sets.into_iter().map(|d| d.object).collect(),
        objects.nodes.into_iter().map(|n| n.object).collect(),
    )
}

fn model_of(case: &Value) -> NodeModel {
    let k = &case["kubelet"];
    let per_node: BTreeMap<String, u32> = k["readyDelaySeconds"]
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(n, v)| (n.clone(), v.as_u64().unwrap_or(0) as u32))
                .collect()
        })
        .unwrap_or_default();
    NodeModel {
        ready_delay_seconds: 0,
        per_node_ready_delay: per_node,
        never_ready: serde_json::from_value(k["neverReady"].clone()).unwrap_or_default(),
        termination_seconds: k["terminationSeconds"].as_u64().unwrap_or(0) as u32,
        manual_deletes: serde_json::from_value::<Vec<ManualDelete>>(
            case.get("manualDeletes").cloned().unwrap_or(json!([])),
        )
        .unwrap_or_default(),
    }
}

fn run_case(case: &Value, yaml: bool) -> Timeline {
    let nodes = json!({"apiVersion": "v1", "kind": "List", "items": case["nodes"]});
    let text = if yaml {
        [&case["daemonset"], &case["newDaemonSet"], &nodes]
            .iter()
            .map(|v| serde_yaml::to_string(v).unwrap())
            .collect::<Vec<_>>()
            .join("---\n")
    } else {
        format!(
            "{}\n{}\n{}\n",
            case["daemonset"], case["newDaemonSet"], nodes
        )
    };
    let (dss, nodes) = parse_objects(&text);
    assert_eq!(dss.len(), 2);
    let limit = case["tickLimit"].as_u64().unwrap_or(1200) as u32;
    rollout::simulate(&dss[0], &dss[1], &nodes, &model_of(case), limit)
}

fn v<T: serde::Serialize>(x: &T) -> Value {
    serde_json::to_value(x).unwrap()
}

/// The fields compared when counts are stable.
fn counts_view(e: &TickEntry) -> Value {
    json!({
        "t": e.t,
        "counts": v(&e.counts),
        "status": v(&e.status),
        "kubectl": e.kubectl,
        "kubectlError": e.kubectl_error,
        "kubectlDone": e.kubectl.as_ref().map(|_| e.kubectl_done),
        "syncs": e.syncs,
    })
}

fn want_counts_view(e: &Value) -> Value {
    json!({
        "t": e["t"],
        "counts": e["counts"],
        "status": e["status"],
        "kubectl": e.get("kubectl").cloned().unwrap_or(Value::Null),
        "kubectlError": e.get("kubectlError").cloned().unwrap_or(Value::Null),
        "kubectlDone": e.get("kubectlDone").cloned().unwrap_or(Value::Null),
        "syncs": e["syncs"],
    })
}

fn nodes_view(e: &Value) -> Value {
    json!({
        "created": e["created"],
        "deleted": e["deleted"],
        "userDeleted": e.get("userDeleted").cloned().unwrap_or(json!([])),
        "becameReady": e["becameReady"],
        "removed": e["removed"],
    })
}

/// The controller's invariants at every logged tick of our run.
fn invariants(tl: &Timeline) -> Result<(), String> {
    let rolling = tl.strategy == "RollingUpdate";
    let max_u = tl.budget.max_unavailable.unwrap_or(0);
    let max_s = tl.budget.max_surge.unwrap_or(0);
    for e in &tl.log {
        let snap = tl.snapshot(e.t);
        if rolling {
            // Surge: nodes with an old and a new pod (neither terminating).
            let surging = snap
                .nodes
                .iter()
                .filter(|n| {
                    let live = |g| {
                        n.pods
                            .iter()
                            .any(|p| p.generation == g && p.phase != PodPhase::Terminating)
                    };
                    live(Generation::Old) && live(Generation::New)
                })
                .count() as i64;
            if surging > max_s {
                return Err(format!(
                    "t={}: {surging} surge pods > maxSurge {max_s}",
                    e.t
                ));
            }
            // Unavailable: targeted nodes without an available pod (a
            // terminating pod still serves). The controller deletes an old
            // pod only while its own count, which also holds the nodes
            // whose old pod is terminating, stays within maxUnavailable.
            let unavailable = snap
                .nodes
                .iter()
                .filter(|n| n.should_run && !n.pods.iter().any(|p| p.available))
                .count() as i64;
            if unavailable > max_u {
                return Err(format!(
                    "t={}: {unavailable} unavailable nodes > maxUnavailable {max_u}",
                    e.t
                ));
            }
        }
    }
    if tl.completed {
        let s = &tl.final_status;
        if s.updated_number_scheduled != s.desired_number_scheduled
            || s.number_available != s.desired_number_scheduled
            || tl.log.last().map(|e| e.counts.old_pods_left) != Some(0)
        {
            return Err(format!("completed with status {s:?}"));
        }
    }
    Ok(())
}

fn compare(case: &Value, tl: &Timeline) -> Result<(), String> {
    let id = case["id"].as_str().unwrap_or("?");
    let mut diffs = Vec::new();
    for (what, want, have) in [
        ("completed", &case["completed"], &json!(tl.completed)),
        ("stalled", &case["stalled"], &json!(tl.stalled)),
    ] {
        if want != have {
            diffs.push(format!("{what}: want {want}, got {have}"));
        }
    }
    let runs = case["runs"].as_array().cloned().unwrap_or_default();
    let all_agree = |f: &str| runs.windows(2).all(|w| w[0][f] == w[1][f]);
    let kdone = json!(tl.kubectl_done_at.map(i64::from).unwrap_or(-1));
    let counts_stable = case["countsStable"].as_bool() == Some(true);
    let nodes_stable = case["nodesStable"].as_bool() == Some(true);
    // ticks and kubectlDoneAt depend on which nodes go first where the
    // runs disagree; compare them where they do not.
    if (counts_stable || all_agree("ticks")) && case["ticks"] != json!(tl.ticks) {
        diffs.push(format!("ticks: want {}, got {}", case["ticks"], tl.ticks));
    }
    if (counts_stable || all_agree("kubectlDoneAt")) && case["kubectlDoneAt"] != kdone {
        diffs.push(format!(
            "kubectlDoneAt: want {}, got {kdone}",
            case["kubectlDoneAt"]
        ));
    }
    // Always order-independent: the status before, and t = 0 (one sync's
    // counts do not depend on which nodes it picks).
    if case["initialStatus"] != v(&tl.initial_status) {
        diffs.push(format!(
            "initialStatus: want {}, got {}",
            case["initialStatus"],
            v(&tl.initial_status)
        ));
    }
    match (case["log"].get(0), tl.log.first()) {
        (Some(w), Some(h)) if want_counts_view(w) == counts_view(h) => {}
        (w, h) => diffs.push(format!(
            "t = 0: want {}, have {}",
            w.map(want_counts_view).unwrap_or(Value::Null),
            h.map(counts_view).unwrap_or(Value::Null)
        )),
    }
    // The corpus's model: at t = 0 every targeted node runs an available
    // pod of the old template (its inputs have no pods that block one),
    // which is where the check puts the running DaemonSet.
    for n in &tl.nodes {
        let p = &n.start.pods;
        let as_model = if n.targeted_before {
            n.start.verdict == NodeState::Scheduled
                && p.len() == 1
                && p[0].available
                && p[0].phase == PodPhase::Running
        } else {
            p.is_empty()
        };
        if !as_model {
            diffs.push(format!("{} starts with {:?}", n.name, n.start));
        }
    }
    // How a run ends, whatever the order.
    if tl.stalled && tl.ticks != (tl.last_change_at + 90).min(tl.tick_limit) {
        diffs.push(format!(
            "stalled at {} but last change at {}",
            tl.ticks, tl.last_change_at
        ));
    }
    if tl.completed
        && (tl.log.last().map(|e| e.t) != Some(tl.ticks)
            || tl.kubectl_done_at.is_none_or(|k| k > tl.ticks))
    {
        diffs.push(format!(
            "completed at {} but logged {:?}",
            tl.ticks,
            tl.log.last().map(|e| e.t)
        ));
    }
    if counts_stable {
        let want: Vec<Value> = case["log"]
            .as_array()
            .unwrap()
            .iter()
            .map(want_counts_view)
            .collect();
        let have: Vec<Value> = tl.log.iter().map(counts_view).collect();
        if want != have {
            let first = want
                .iter()
                .zip(&have)
                .position(|(a, b)| a != b)
                .unwrap_or(want.len().min(have.len()));
            diffs.push(format!(
                "log ({} vs {} ticks) first differs at #{first}:\n  want {}\n  have {}",
                want.len(),
                have.len(),
                want.get(first).unwrap_or(&Value::Null),
                have.get(first).unwrap_or(&Value::Null)
            ));
        }
        if case["finalStatus"] != v(&tl.final_status) {
            diffs.push(format!(
                "finalStatus: want {}, got {}",
                case["finalStatus"],
                v(&tl.final_status)
            ));
        }
    }
    if nodes_stable {
        let want: Vec<Value> = case["log"]
            .as_array()
            .unwrap()
            .iter()
            .map(nodes_view)
            .collect();
        let have: Vec<Value> = tl.log.iter().map(|e| nodes_view(&v(e))).collect();
        if want != have {
            let first = want
                .iter()
                .zip(&have)
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            diffs.push(format!(
                "node names first differ at #{first}:\n  want {}\n  have {}",
                want.get(first).unwrap_or(&Value::Null),
                have.get(first).unwrap_or(&Value::Null)
            ));
        }
    }
    if let Err(e) = invariants(tl) {
        diffs.push(format!("invariant: {e}"));
    }
    if tl.stalled != tl.stall_reasons.is_empty() {
        // a stalled run explains itself
    } else {
        diffs.push(format!(
            "stalled {} but reasons {:?}",
            tl.stalled, tl.stall_reasons
        ));
    }
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(format!("{id}: {}", diffs.join("\n")))
    }
}

/// Every case (or only `ROLLOUT_CASE`) with its timeline, simulated once
/// for both tests below (every tenth case read as YAML).
fn corpus_runs() -> &'static [(Value, Timeline)] {
    static RUNS: OnceLock<Vec<(Value, Timeline)>> = OnceLock::new();
    RUNS.get_or_init(|| {
        let only = std::env::var("ROLLOUT_CASE").ok();
        crate::common::corpus("rollout")
            .into_iter()
            .enumerate()
            .filter(|(_, case)| {
                only.as_deref()
                    .is_none_or(|o| case["id"].as_str() == Some(o))
            })
            .map(|(i, case)| {
                let tl = run_case(&case, i % 10 == 0);
                (case, tl)
            })
            .collect()
    })
}

#[test]
fn rollout_corpus() {
    let only = std::env::var("ROLLOUT_CASE").ok();
    let mut tally = crate::common::Tally::new("rollout");
    let (mut exact, mut by_invariants) = (0, 0);
    for (case, tl) in corpus_runs() {
        if only.is_some() {
            for e in &tl.log {
                eprintln!("{}", serde_json::to_string(e).unwrap());
            }
            eprintln!(
                "completed {} stalled {} ticks {} kdone {:?} reasons {:?}",
                tl.completed, tl.stalled, tl.ticks, tl.kubectl_done_at, tl.stall_reasons
            );
        }
        if case["countsStable"].as_bool() == Some(true) {
            exact += 1;
        } else {
            by_invariants += 1;
        }
        tally.case(compare(case, tl));
    }
    eprintln!("rollout: {exact} compared exactly, {by_invariants} by invariants");
    tally.finish();
}

/// Where the controller's random node order matters (`countsStable`
/// false: the five recorded runs differ), the range of outcomes over the
/// possible orders (`orders`) holds what every recorded run of the real
/// controller did: its completion tick, its first `kubectl rollout
/// status` success, or its stall verdict (last change + 90 s, or the tick
/// limit). Every other case's range is the one run's outcome.
#[test]
fn rollout_corpus_order_ranges() {
    let verbose = std::env::var("ROLLOUT_ORDERS").is_ok();
    let mut tally = crate::common::Tally::new("rollout order ranges");
    let (mut dependent, mut exhaustive) = (0, 0);
    for (case, tl) in corpus_runs() {
        let o = &tl.orders;
        let id = case["id"].as_str().unwrap_or("?");
        if verbose {
            eprintln!(
                "{id} stable {} {:?} orders {} classes {} work {} completed {:?} stalled {:?} kdone {:?}",
                case["countsStable"],
                o.exploration,
                o.orders,
                o.classes,
                o.work,
                o.completed.as_ref().map(|r| (r.earliest, r.latest)),
                o.stalled.as_ref().map(|r| (r.earliest, r.latest)),
                o.kubectl_done.as_ref().map(|r| (r.earliest, r.latest)),
            );
        }
        let counts_stable = case["countsStable"].as_bool() == Some(true);
        if !counts_stable {
            dependent += 1;
            if o.exploration == OrderExploration::Exhaustive {
                exhaustive += 1;
            }
        }
        let limit = tl.tick_limit;
        let verdict = |last: u32| (last + 90).min(limit.max(last));
        let within = |r: &Option<TickRange>, t: u32, f: &dyn Fn(u32) -> u32| {
            r.as_ref()
                .is_some_and(|r| f(r.earliest) <= t && t <= f(r.latest))
        };
        let mut diffs = Vec::new();
        let runs = case["runs"].as_array().cloned().unwrap_or_default();
        for (i, run) in runs.iter().enumerate() {
            let ticks = run["ticks"].as_u64().unwrap_or(0) as u32;
            let ok = if run["completed"].as_bool() == Some(true) {
                within(&o.completed, ticks, &|t| t)
            } else {
                within(&o.stalled, ticks, &verdict) || within(&o.unfinished, ticks, &|t| t)
            };
            if !ok {
                diffs.push(format!(
                    "run {i}: ticks {ticks} (completed {}) outside completed {:?} / stalled {:?} / unfinished {:?}",
                    run["completed"], o.completed, o.stalled, o.unfinished
                ));
            }
            let done_at = run["kubectlDoneAt"].as_i64().filter(|k| *k >= 0);
            if let Some(k) = done_at.filter(|&k| !within(&o.kubectl_done, k as u32, &|t| t)) {
                diffs.push(format!(
                    "run {i}: kubectlDoneAt {k} outside {:?}",
                    o.kubectl_done
                ));
            }
        }
        if counts_stable && o.depends_on_order {
            diffs.push(format!(
                "counts stable but the outcome depends on the order: {o:?}"
            ));
        }
        // The run shown is one of the orders.
        let shown = match (tl.completed, tl.stalled) {
            (true, _) => within(&o.completed, tl.ticks, &|t| t),
            (false, true) => within(&o.stalled, tl.ticks, &verdict),
            (false, false) => within(&o.unfinished, tl.ticks, &|t| t),
        };
        if !shown {
            diffs.push(format!("the run shown ({}) is outside {o:?}", tl.ticks));
        }
        tally.case(if diffs.is_empty() {
            Ok(())
        } else {
            Err(format!("{id}: {}", diffs.join("\n")))
        });
    }
    eprintln!(
        "rollout order ranges: {dependent} order-dependent cases, {exhaustive} explored exhaustively"
    );
    tally.finish();
}
