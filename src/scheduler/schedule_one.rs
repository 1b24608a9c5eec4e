//! One scheduling cycle (pkg/scheduler/schedule_one.go): PreFilter and
//! every filter plugin on the nodes (stopping, as the scheduler does, once
//! `numFeasibleNodesToFind` are found), then, with two or more feasible
//! nodes, PreScore, Score, NormalizeScore and the default profile's
//! weights, and the node with the highest total. Each bound pod counts for
//! the next cycle.
//!
//! Ties: the real scheduler picks at random among the nodes with the top
//! total. Here the lexicographically smallest node name among them is
//! chosen, and the whole tie set is reported (`topNodes`).

use super::plugins::{self, IncomingPod, PluginScores, ScoreInput};
use super::snapshot::{CacheSnapshot, CachedNode, CachedPod};
use super::{fit_error_message, run_filters, PluginFailure, REASON_PREFILTER_NODE_AFFINITY};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// `minFeasibleNodesToFind`.
pub const MIN_FEASIBLE_NODES_TO_FIND: usize = 100;
/// `minFeasibleNodesPercentageToFind`.
pub const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND: usize = 5;
/// Replicas simulated at most (the rest would take too long to show).
pub const MAX_SIMULATED_REPLICAS: usize = 10_000;
/// Per-node detail (scores, reasons, feasible names) kept at most, summed
/// over the replicas; later replicas are abridged to the tie set (a
/// thousand-node cluster would otherwise give hundreds of megabytes).
pub const MAX_DETAILED_NODE_ENTRIES: usize = 20_000;
/// Tie-set names listed at most for an abridged replica.
pub const MAX_ABRIDGED_TOP_NODES: usize = 20;
/// The NodeAffinity PreFilter's reason when every required term pins the
/// pod to `metadata.name` values that exclude each other.
pub const REASON_AFFINITY_TERMS_CONFLICT: &str = "pod affinity terms conflict";
/// How ties are broken here (the scheduler itself picks at random).
pub const TIE_BREAK: &str = "lexicographicallySmallestName";

/// `numFeasibleNodesToFind` with the default `percentageOfNodesToScore`
/// (adaptive: 50% minus 1% per 125 nodes, at least 5%, at least 100 nodes).
pub fn num_feasible_nodes_to_find(num_all_nodes: usize) -> usize {
    if num_all_nodes < MIN_FEASIBLE_NODES_TO_FIND {
        return num_all_nodes;
    }
    let percentage = 50usize
        .saturating_sub(num_all_nodes / 125)
        .max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND);
    let n = num_all_nodes.saturating_mul(percentage) / 100;
    n.max(MIN_FEASIBLE_NODES_TO_FIND)
}

/// One node's scores: the weighted score of every plugin that ran, and
/// their sum (`total`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct NodeScore {
    #[serde(flatten)]
    pub plugins: BTreeMap<String, i64>,
    pub total: i64,
}

/// Where one replica went, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ReplicaPlacement {
    /// 0-based, in the order the scheduler takes the replicas.
    pub replica: usize,
    /// Nodes that pass every filter, sorted by name (empty when abridged).
    pub feasible: Vec<String>,
    /// How many nodes passed every filter.
    pub feasible_count: usize,
    /// Per feasible node, per plugin, the normalized score times the
    /// plugin's weight, and the total. `None` when nothing was scored
    /// (a single feasible node, none, or a pod with `nodeName`).
    pub scores: Option<BTreeMap<String, NodeScore>>,
    /// What each plugin's Score returned, before normalization and weight.
    pub raw_scores: Option<BTreeMap<String, BTreeMap<String, i64>>>,
    /// Nodes with the highest total (the tie set), sorted (the first
    /// [`MAX_ABRIDGED_TOP_NODES`] when abridged).
    pub top_nodes: Vec<String>,
    /// The size of the tie set.
    pub top_nodes_count: usize,
    /// The node the replica is bound to.
    pub chosen: Option<String>,
    /// Only one node passed the filters: the scheduler takes it without scoring.
    pub single_feasible_no_scoring: bool,
    /// No node passed the filters: the replica stays Pending.
    pub unschedulable: bool,
    /// For every node that failed a filter, the first failing plugin's
    /// reasons (the scheduler stops at the first failing plugin).
    pub reasons: BTreeMap<String, Vec<String>>,
    /// For every node that failed a filter, every failing plugin and its reasons.
    pub failures: BTreeMap<String, Vec<PluginFailure>>,
    /// The scheduler's message for an unschedulable replica
    /// (`0/5 nodes are available: ...`).
    pub message: Option<String>,
    /// The template sets `spec.nodeName`: the scheduler never sees the pod.
    pub node_name: Option<String>,
    /// Nodes the filters ran on.
    pub evaluated_nodes: usize,
    /// The scheduler stopped after finding enough feasible nodes (only in
    /// clusters of 100 nodes or more; which ones it finds first depends
    /// on its parallel search, so this is an approximation there).
    pub search_stopped_early: bool,
    /// Per-node detail was cut to stay small ([`MAX_DETAILED_NODE_ENTRIES`]):
    /// `feasible`, `reasons` and `failures` are empty, `scores` holds only
    /// the chosen node and `topNodes` at most [`MAX_ABRIDGED_TOP_NODES`]
    /// names. Counts, the choice and the message are exact.
    pub abridged: bool,
}

impl ReplicaPlacement {
    fn empty(replica: usize) -> ReplicaPlacement {
        ReplicaPlacement {
            replica,
            feasible: Vec::new(),
            feasible_count: 0,
            scores: None,
            raw_scores: None,
            top_nodes: Vec::new(),
            top_nodes_count: 0,
            chosen: None,
            single_feasible_no_scoring: false,
            unschedulable: false,
            reasons: BTreeMap::new(),
            failures: BTreeMap::new(),
            message: None,
            node_name: None,
            evaluated_nodes: 0,
            search_stopped_early: false,
            abridged: false,
        }
    }
}

/// A score plugin of the default profile and its weight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PluginWeight {
    pub name: &'static str,
    pub weight: i64,
}

/// The score plugins of the v1.36 default profile, with their weights.
pub fn score_plugin_weights() -> Vec<PluginWeight> {
    use plugins::*;
    [
        (taint_toleration::NAME, taint_toleration::WEIGHT),
        (node_affinity::NAME, node_affinity::WEIGHT),
        (node_resources_fit::NAME, node_resources_fit::WEIGHT),
        (pod_topology_spread::NAME, pod_topology_spread::WEIGHT),
        (inter_pod_affinity::NAME, inter_pod_affinity::WEIGHT),
        (balanced_allocation::NAME, balanced_allocation::WEIGHT),
        (image_locality::NAME, image_locality::WEIGHT),
        (dynamic_resources::NAME, dynamic_resources::WEIGHT),
    ]
    .into_iter()
    .map(|(name, weight)| PluginWeight { name, weight })
    .collect()
}

/// Binds a replica to a node of the snapshot.
pub fn bind_replica(snap: &mut CacheSnapshot, node: usize, pod: &IncomingPod, name: &str) {
    let cached = CachedPod {
        name: name.to_string(),
        namespace: pod.namespace.clone(),
        labels: pod.labels.clone(),
        terminating: false,
        affinity: pod.affinity.clone(),
        replica: true,
    };
    snap.bind(
        node,
        cached,
        &pod.info.requests,
        &pod.non_zero_requests,
        &pod.info.host_ports,
    );
}

/// The NodeAffinity PreFilter: the node names every required term pins
/// the pod to with `matchFields metadata.name In`, if all of them do.
/// `Some(empty)` when they exclude each other.
pub fn prefilter_node_names(pod: &IncomingPod) -> Option<BTreeSet<String>> {
    let terms = &pod
        .spec()
        .affinity
        .as_ref()?
        .node_affinity
        .as_ref()?
        .required
        .as_ref()?
        .node_selector_terms;
    if terms.is_empty() {
        return None;
    }
    let mut names: BTreeSet<String> = BTreeSet::new();
    for t in terms {
        let mut term_names: Option<BTreeSet<String>> = None;
        for r in &t.match_fields {
            if r.key == "metadata.name" && r.operator == "In" {
                let s: BTreeSet<String> = r.values.iter().cloned().collect();
                term_names = Some(match term_names {
                    None => s,
                    Some(prev) => prev.intersection(&s).cloned().collect(),
                });
            }
        }
        names.extend(term_names?);
    }
    Some(names)
}

/// Every filter plugin's failures for the pod on a node, in the profile's
/// order (the scheduler reports only the first).
pub fn filter_failures(
    pod: &IncomingPod,
    node: &CachedNode,
    spread: &plugins::pod_topology_spread::FilterState,
    inter_pod: &plugins::inter_pod_affinity::FilterState,
) -> Vec<PluginFailure> {
    let mut failures = run_filters(&pod.info, &node.info).failures;
    if let Some(r) = spread.check(pod, node) {
        failures.push(PluginFailure {
            plugin: plugins::pod_topology_spread::NAME.into(),
            reasons: vec![r.into()],
        });
    }
    if let Some(r) = inter_pod.check(pod, node) {
        failures.push(PluginFailure {
            plugin: plugins::inter_pod_affinity::NAME.into(),
            reasons: vec![r.into()],
        });
    }
    failures
}

/// One scheduling cycle for `pod` against the snapshot; binds the pod to
/// the chosen node. With `detailed` false only the tie set's scores and
/// no per-node lists are kept (see [`ReplicaPlacement::abridged`]).
pub fn schedule_one(
    snap: &mut CacheSnapshot,
    pod: &IncomingPod,
    replica: usize,
    pod_name: &str,
    detailed: bool,
) -> ReplicaPlacement {
    let mut out = ReplicaPlacement::empty(replica);
    out.abridged = !detailed;
    let all = snap.nodes.len();

    if let Some(name) = pod.spec().node_name.as_deref().filter(|n| !n.is_empty()) {
        out.node_name = Some(name.to_string());
        if let Some(i) = snap.index_of(name) {
            out.chosen = Some(name.to_string());
            bind_replica(snap, i, pod, pod_name);
        }
        return out;
    }

    let restrict = prefilter_node_names(pod);
    if let Some(names) = &restrict {
        if names.is_empty() {
            out.unschedulable = true;
            if detailed {
                for n in &snap.nodes {
                    out.reasons.insert(
                        n.name().to_string(),
                        vec![REASON_AFFINITY_TERMS_CONFLICT.to_string()],
                    );
                }
            }
            out.message = Some(format!(
                "0/{all} nodes are available: {REASON_AFFINITY_TERMS_CONFLICT}."
            ));
            return out;
        }
    }
    let candidates: Vec<usize> = match &restrict {
        Some(names) => (0..all)
            .filter(|&i| snap.nodes.get(i).is_some_and(|n| names.contains(n.name())))
            .collect(),
        None => (0..all).collect(),
    };
    for action in [
        plugins::pod_topology_spread::DO_NOT_SCHEDULE,
        plugins::pod_topology_spread::SCHEDULE_ANYWAY,
    ] {
        for c in plugins::pod_topology_spread::constraints(pod, action).0 {
            snap.ensure_match_counts(&c.selector, &pod.namespace);
        }
    }
    let spread = plugins::pod_topology_spread::FilterState::new(pod, snap);
    let inter_pod = plugins::inter_pod_affinity::FilterState::new(pod, snap);
    let to_find = num_feasible_nodes_to_find(candidates.len());
    let mut feasible: Vec<usize> = Vec::new();
    let mut failed: Vec<(usize, Vec<PluginFailure>)> = Vec::new();
    let len = candidates.len();
    let start = if len == 0 { 0 } else { snap.next_start % len };
    for k in 0..len {
        let Some(&i) = candidates.get((start + k) % len) else {
            continue;
        };
        let Some(node) = snap.nodes.get(i) else {
            continue;
        };
        let failures = filter_failures(pod, node, &spread, &inter_pod);
        if failures.is_empty() {
            feasible.push(i);
            if feasible.len() >= to_find && k + 1 < len {
                out.search_stopped_early = true;
                break;
            }
        } else {
            failed.push((i, failures));
        }
    }
    let processed = feasible.len() + failed.len();
    out.evaluated_nodes = processed;
    out.feasible_count = feasible.len();
    if all > 0 {
        snap.next_start = (snap.next_start + processed) % all;
    }
    let name_of = |i: usize| snap.nodes.get(i).map_or("", |n| n.name()).to_string();

    if feasible.is_empty() {
        out.unschedulable = true;
        // the message counts the first failing plugin's reasons of every node
        let firsts: Vec<&[String]> = failed
            .iter()
            .filter_map(|(_, f)| f.first().map(|x| x.reasons.as_slice()))
            .collect();
        let absent = all.saturating_sub(processed);
        out.message = Some(fit_error_message(
            all,
            firsts,
            restrict
                .as_ref()
                .map(|_| (REASON_PREFILTER_NODE_AFFINITY, absent)),
        ));
    }
    if detailed {
        for (i, failures) in failed {
            let name = name_of(i);
            if let Some(first) = failures.first() {
                out.reasons.insert(name.clone(), first.reasons.clone());
            }
            out.failures.insert(name, failures);
        }
        if out.unschedulable && restrict.is_some() {
            for n in &snap.nodes {
                out.reasons
                    .entry(n.name().to_string())
                    .or_insert_with(|| vec![REASON_PREFILTER_NODE_AFFINITY.into()]);
            }
        }
        let mut feasible_names: Vec<String> = feasible.iter().map(|&i| name_of(i)).collect();
        feasible_names.sort();
        out.feasible = feasible_names;
    }
    if feasible.is_empty() {
        return out;
    }

    let chosen = if let [only] = feasible.as_slice() {
        out.single_feasible_no_scoring = true;
        out.top_nodes = vec![name_of(*only)];
        out.top_nodes_count = 1;
        *only
    } else {
        let input = ScoreInput {
            pod,
            snapshot: snap,
            feasible: &feasible,
        };
        let results: Vec<PluginScores> = plugins::run_score_plugins(&input);
        let totals: Vec<i64> = (0..feasible.len())
            .map(|k| {
                results
                    .iter()
                    .fold(0i64, |t, r| t.saturating_add(r.weighted(k)))
            })
            .collect();
        let best = totals.iter().copied().max().unwrap_or(0);
        let mut top: Vec<(String, usize, usize)> = feasible
            .iter()
            .zip(&totals)
            .enumerate()
            .filter(|(_, (_, t))| **t == best)
            .map(|(k, (i, _))| (name_of(*i), *i, k))
            .collect();
        top.sort();
        let mut scores = BTreeMap::new();
        let mut raw_scores = BTreeMap::new();
        let mut record = |k: usize, i: usize| {
            let mut per_plugin = BTreeMap::new();
            let mut raw = BTreeMap::new();
            for r in &results {
                per_plugin.insert(r.name.to_string(), r.weighted(k));
                raw.insert(r.name.to_string(), r.raw.get(k).copied().unwrap_or(0));
            }
            scores.insert(
                name_of(i),
                NodeScore {
                    plugins: per_plugin,
                    total: totals.get(k).copied().unwrap_or(0),
                },
            );
            raw_scores.insert(name_of(i), raw);
        };
        if detailed {
            for (k, &i) in feasible.iter().enumerate() {
                record(k, i);
            }
        } else if let Some((_, i, k)) = top.first() {
            record(*k, *i);
        }
        out.top_nodes_count = top.len();
        let shown = if detailed {
            top.len()
        } else {
            MAX_ABRIDGED_TOP_NODES
        };
        out.top_nodes = top.iter().take(shown).map(|(n, _, _)| n.clone()).collect();
        out.scores = Some(scores);
        out.raw_scores = Some(raw_scores);
        match top.first() {
            Some((_, i, _)) => *i,
            None => return out,
        }
    };
    out.chosen = Some(name_of(chosen));
    bind_replica(snap, chosen, pod, pod_name);
    out
}

/// Schedules `count` replicas one after another. Once one is
/// unschedulable nothing changes any more, so the rest repeat its result.
/// Per-node detail is kept until [`MAX_DETAILED_NODE_ENTRIES`] is used up.
pub fn schedule_replicas(
    snap: &mut CacheSnapshot,
    pod: &IncomingPod,
    first_replica: usize,
    count: usize,
    name_prefix: &str,
) -> Vec<ReplicaPlacement> {
    let mut out: Vec<ReplicaPlacement> = Vec::with_capacity(count.min(MAX_SIMULATED_REPLICAS));
    let mut detail_used = 0usize;
    for k in 0..count {
        let replica = first_replica + k;
        let detailed = detail_used < MAX_DETAILED_NODE_ENTRIES;
        if let Some(prev) = out
            .last()
            .filter(|p| p.unschedulable || (p.node_name.is_some() && p.chosen.is_none()))
        {
            let mut same = prev.clone();
            same.replica = replica;
            if !detailed && !same.abridged {
                same.abridged = true;
                same.feasible.clear();
                same.reasons.clear();
                same.failures.clear();
            }
            detail_used += same.reasons.len() + same.feasible.len();
            out.push(same);
            continue;
        }
        let name = format!("{name_prefix}{replica}");
        let placed = schedule_one(snap, pod, replica, &name, detailed);
        detail_used += placed.evaluated_nodes.max(placed.reasons.len());
        out.push(placed);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feasible_nodes_to_find() {
        assert_eq!(num_feasible_nodes_to_find(5), 5);
        assert_eq!(num_feasible_nodes_to_find(99), 99);
        assert_eq!(num_feasible_nodes_to_find(100), 100);
        assert_eq!(num_feasible_nodes_to_find(1000), 420);
        assert_eq!(num_feasible_nodes_to_find(5000), 500);
        assert_eq!(num_feasible_nodes_to_find(6000), 300);
    }
}
