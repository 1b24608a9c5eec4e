//! PodTopologySpread: the filter for `whenUnsatisfiable: DoNotSchedule`
//! constraints and the scoring (weight 2) for `ScheduleAnyway` ones.
//!
//! A pod without `topologySpreadConstraints` gets the system defaults
//! (`kubernetes.io/hostname` maxSkew 3 and `topology.kubernetes.io/zone`
//! maxSkew 5, both ScheduleAnyway) with the selector of the ReplicaSet that
//! owns it (the Deployment's selector plus `pod-template-hash`), so only
//! the Deployment's own replicas count. With the system defaults a node
//! without a zone label still gets the hostname score.
//!
//! Scoring: per node, for every constraint whose key the node has,
//! `matchingPods × ln(domains + 2) + (maxSkew - 1)`, rounded; then
//! `100 × (max + min - score) / max` (fewer matching pods score higher).
//! Pods are counted in the pod's namespace, skipping terminating pods; for
//! a zone, on every node of that zone that matches the pod's required node
//! affinity (nodeAffinityPolicy Honor, nodeTaintsPolicy Ignore).

use super::super::snapshot::{CacheSnapshot, CachedNode};
use super::{IncomingPod, PluginScores, ScoreInput, MAX_NODE_SCORE};
use crate::k8s::labels::Selector;
use crate::k8s::model::{StringMap, TopologySpreadConstraint};
use std::collections::BTreeMap;

pub const NAME: &str = "PodTopologySpread";
pub const WEIGHT: i64 = 2;
pub const LABEL_HOSTNAME: &str = "kubernetes.io/hostname";
pub const LABEL_ZONE: &str = "topology.kubernetes.io/zone";
pub const REASON_CONSTRAINTS: &str = "node(s) didn't match pod topology spread constraints";
pub const REASON_MISSING_LABEL: &str =
    "node(s) didn't match pod topology spread constraints (missing required label)";
pub const DO_NOT_SCHEDULE: &str = "DoNotSchedule";
pub const SCHEDULE_ANYWAY: &str = "ScheduleAnyway";

/// A constraint with its selector parsed (`topologySpreadConstraint`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Constraint {
    pub max_skew: i32,
    pub topology_key: String,
    pub selector: Selector,
    pub min_domains: i32,
}

/// The constraints of the pod for one `whenUnsatisfiable` action, and
/// whether they are the system defaults.
pub fn constraints(pod: &IncomingPod, action: &str) -> (Vec<Constraint>, bool) {
    let own = &pod.spec().topology_spread_constraints;
    if !own.is_empty() {
        return (filter_constraints(own, action), false);
    }
    let defaults = [(LABEL_HOSTNAME, 3), (LABEL_ZONE, 5)];
    if action != SCHEDULE_ANYWAY {
        return (Vec::new(), true);
    }
    match &pod.owner_selector {
        Some(sel) if !sel.is_empty() && !sel.is_nothing() => (
            defaults
                .iter()
                .map(|(k, skew)| Constraint {
                    max_skew: *skew,
                    topology_key: (*k).to_string(),
                    selector: sel.clone(),
                    min_domains: 1,
                })
                .collect(),
            true,
        ),
        _ => (Vec::new(), true),
    }
}

/// `filterTopologySpreadConstraints`; a constraint whose selector does not
/// parse is dropped (the API server rejects such pods).
fn filter_constraints(list: &[TopologySpreadConstraint], action: &str) -> Vec<Constraint> {
    list.iter()
        .filter(|c| c.when_unsatisfiable == action)
        .filter_map(|c| {
            let selector = Selector::from_label_selector(c.label_selector.as_ref()).ok()?;
            Some(Constraint {
                max_skew: c.max_skew,
                topology_key: c.topology_key.clone(),
                selector,
                min_domains: c.min_domains.unwrap_or(1),
            })
        })
        .collect()
}

fn has_all_keys(labels: &StringMap, cs: &[Constraint]) -> bool {
    cs.iter().all(|c| labels.contains_key(&c.topology_key))
}

// ------------------------------------------------------------- filtering

/// PreFilter state for DoNotSchedule constraints.
#[derive(Debug, Clone)]
pub struct FilterState {
    pub constraints: Vec<Constraint>,
    /// Per constraint: topology value → matching pods.
    pub counts: Vec<BTreeMap<String, i64>>,
}

impl FilterState {
    pub fn new(pod: &IncomingPod, snap: &CacheSnapshot) -> FilterState {
        let (constraints, _) = constraints(pod, DO_NOT_SCHEDULE);
        let mut counts = vec![BTreeMap::new(); constraints.len()];
        if !constraints.is_empty() {
            let matching: Vec<_> = constraints
                .iter()
                .map(|c| snap.matching(&c.selector, &pod.namespace))
                .collect();
            for (ni, n) in snap.nodes.iter().enumerate() {
                let labels = n.labels();
                if !has_all_keys(labels, &constraints) {
                    continue;
                }
                // nodeAffinityPolicy Honor (the default)
                if !pod.info.affinity.matches(n.node()) {
                    continue;
                }
                for (i, c) in constraints.iter().enumerate() {
                    let value = labels.get(&c.topology_key).unwrap_or_default().to_string();
                    let count = matching[i].on(ni);
                    if let Some(m) = counts.get_mut(i) {
                        *m.entry(value).or_insert(0) += count;
                    }
                }
            }
        }
        FilterState {
            constraints,
            counts,
        }
    }

    /// The filter's verdict for a node: `None` when it passes, else the reason.
    pub fn check(&self, pod: &IncomingPod, node: &CachedNode) -> Option<&'static str> {
        let labels = node.labels();
        for (i, c) in self.constraints.iter().enumerate() {
            let Some(value) = labels.get(&c.topology_key) else {
                return Some(REASON_MISSING_LABEL);
            };
            let empty = BTreeMap::new();
            let counts = self.counts.get(i).unwrap_or(&empty);
            let mut min = counts
                .values()
                .copied()
                .min()
                .unwrap_or(i64::from(i32::MAX));
            if (counts.len() as i64) < i64::from(c.min_domains) {
                min = 0;
            }
            let self_match = i64::from(c.selector.matches(&pod.labels));
            let matching = counts.get(value).copied().unwrap_or(0);
            if matching + self_match - min > i64::from(c.max_skew) {
                return Some(REASON_CONSTRAINTS);
            }
        }
        None
    }
}

// --------------------------------------------------------------- scoring

/// `topologyNormalizingWeight`.
pub fn normalizing_weight(size: usize) -> f64 {
    ((size + 2) as f64).ln()
}

/// `scoreForCount`.
pub fn score_for_count(count: i64, max_skew: i32, weight: f64) -> f64 {
    count as f64 * weight + f64::from(max_skew - 1)
}

/// NormalizeScore: ignored nodes get 0; all 0 gives 100; otherwise
/// `100 × (max + min - s) / max`.
pub fn normalize(raw: &[i64], ignored: &[bool]) -> Vec<i64> {
    let mut min = i64::MAX;
    let mut max = 0i64;
    for (s, ig) in raw.iter().zip(ignored) {
        if *ig {
            continue;
        }
        min = min.min(*s);
        max = max.max(*s);
    }
    raw.iter()
        .zip(ignored)
        .map(|(&s, &ig)| {
            if ig {
                0
            } else if max == 0 {
                MAX_NODE_SCORE
            } else {
                MAX_NODE_SCORE.saturating_mul(max.saturating_add(min).saturating_sub(s)) / max
            }
        })
        .collect()
}

pub fn score(input: &ScoreInput) -> Option<PluginScores> {
    let pod = input.pod;
    if input.snapshot.nodes.is_empty() {
        return None;
    }
    let (cs, system_default) = constraints(pod, SCHEDULE_ANYWAY);
    if cs.is_empty() {
        return None;
    }
    let require_all = !system_default;
    let snap = input.snapshot;
    let feasible: Vec<(usize, &CachedNode)> = input
        .feasible
        .iter()
        .filter_map(|&i| snap.nodes.get(i).map(|n| (i, n)))
        .collect();
    let ignored: Vec<bool> = feasible
        .iter()
        .map(|(_, n)| require_all && !has_all_keys(n.labels(), &cs))
        .collect();
    // every node's domain per constraint, numbered once per snapshot
    // (`None` for kubernetes.io/hostname: each node is its own)
    let domains: Vec<_> = cs
        .iter()
        .map(|c| (c.topology_key != LABEL_HOSTNAME).then(|| snap.domains(&c.topology_key)))
        .collect();
    // domains among the feasible nodes (a node without the key is in "")
    let mut counts: Vec<Vec<Option<i64>>> = domains
        .iter()
        .map(|d| vec![None; d.as_ref().map_or(0, |d| d.values.len())])
        .collect();
    for ((ni, _), ig) in feasible.iter().zip(&ignored) {
        if *ig {
            continue;
        }
        for (d, m) in domains.iter().zip(counts.iter_mut()) {
            if let Some(slot) = d
                .as_ref()
                .and_then(|d| d.of_node.get(*ni))
                .and_then(|&id| m.get_mut(id as usize))
            {
                *slot = Some(0);
            }
        }
    }
    let scored = ignored.iter().filter(|i| !**i).count();
    let weights: Vec<f64> = domains
        .iter()
        .zip(&counts)
        .map(|(d, m)| {
            let size = match d {
                None => scored,
                Some(_) => m.iter().filter(|c| c.is_some()).count(),
            };
            normalizing_weight(size)
        })
        .collect();
    // matching pods per domain, over every node
    let zonal = domains.iter().any(Option::is_some);
    let matching: Vec<_> = cs
        .iter()
        .map(|c| snap.matching(&c.selector, &pod.namespace))
        .collect();
    for (ni, n) in snap.nodes.iter().enumerate() {
        if !zonal {
            break;
        }
        if require_all && !has_all_keys(n.labels(), &cs) {
            continue;
        }
        if !pod.info.affinity.matches(n.node()) {
            continue;
        }
        for (i, (d, m)) in domains.iter().zip(counts.iter_mut()).enumerate() {
            let Some(slot) = d
                .as_ref()
                .and_then(|d| d.of_node.get(ni))
                .and_then(|&id| m.get_mut(id as usize))
                .and_then(Option::as_mut)
            else {
                continue;
            };
            *slot += matching[i].on(ni);
        }
    }
    let raw: Vec<i64> = feasible
        .iter()
        .zip(&ignored)
        .map(|((ni, n), ig)| {
            if *ig {
                return 0;
            }
            let mut s = 0.0;
            for (i, c) in cs.iter().enumerate() {
                let cnt = match domains.get(i).and_then(Option::as_ref) {
                    None => {
                        if !n.labels().contains_key(&c.topology_key) {
                            continue;
                        }
                        matching[i].on(*ni)
                    }
                    Some(d) => {
                        if !d.has_key.get(*ni).copied().unwrap_or(false) {
                            continue;
                        }
                        d.of_node
                            .get(*ni)
                            .and_then(|&id| counts.get(i)?.get(id as usize).copied().flatten())
                            .unwrap_or(0)
                    }
                };
                s += score_for_count(cnt, c.max_skew, weights.get(i).copied().unwrap_or(0.0));
            }
            s.round() as i64
        })
        .collect();
    let normalized = normalize(&raw, &ignored);
    Some(PluginScores {
        name: NAME,
        weight: WEIGHT,
        raw,
        normalized,
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_util::node;
    use super::*;

    #[test]
    fn system_default_scores_from_the_corpus_shape() {
        // 6 feasible nodes, 4 zoned (2 zones) + 2 without a zone: domains 3
        // ("" counts), hostname weight ln(8), zone weight ln(5).
        let wz = normalizing_weight(3);
        let wh = normalizing_weight(6);
        // replica 0: zoned nodes 2 + 4 = 6, unzoned 2
        let zoned = (score_for_count(0, 3, wh) + score_for_count(0, 5, wz)).round() as i64;
        let unzoned = score_for_count(0, 3, wh).round() as i64;
        assert_eq!((zoned, unzoned), (6, 2));
        assert_eq!(normalize(&[6, 2], &[false, false]), [33, 100]);
        // an unzoned node already holding one replica: 1·ln 8 + 2 = 4.08 → 4
        let busy = score_for_count(1, 3, wh).round() as i64;
        assert_eq!(busy, 4);
        assert_eq!(normalize(&[6, 2, 4], &[false; 3]), [33, 100, 66]);
    }

    #[test]
    fn normalize_edge_cases() {
        assert_eq!(normalize(&[0, 0], &[false, false]), [100, 100]);
        assert_eq!(normalize(&[5, 0], &[false, true]), [100, 0]);
    }

    #[test]
    fn do_not_schedule_filter_counts_skew() {
        use crate::k8s::model::{LabelSelector, PodSpec};
        use crate::scheduler::pod_affinity::PodAffinityInfo;
        use crate::scheduler::snapshot::CacheSnapshot;
        use crate::scheduler::PodInfo;
        let nodes = vec![
            node("a", "4", "4Gi", &[("zone", "z1")]),
            node("b", "4", "4Gi", &[("zone", "z2")]),
            node("c", "4", "4Gi", &[]),
        ];
        let mut pods = vec![super::super::test_util::bound(
            "p",
            "a",
            "",
            "",
            &[("app", "w")],
        )];
        pods[0].metadata.namespace = Some("default".into());
        let snap = CacheSnapshot::new(&nodes, &pods, |_| true);
        let spec = PodSpec {
            topology_spread_constraints: vec![TopologySpreadConstraint {
                max_skew: 1,
                topology_key: "zone".into(),
                when_unsatisfiable: DO_NOT_SCHEDULE.into(),
                label_selector: Some(LabelSelector {
                    match_labels: [("app".to_string(), "w".to_string())].into_iter().collect(),
                    ..Default::default()
                }),
                min_domains: None,
            }],
            ..Default::default()
        };
        let pod = IncomingPod {
            namespace: "default".into(),
            labels: [("app".to_string(), "w".to_string())].into_iter().collect(),
            non_zero_requests: Default::default(),
            info: PodInfo::new(spec),
            affinity: PodAffinityInfo::default(),
            owner_selector: None,
        };
        let st = FilterState::new(&pod, &snap);
        let by_name = |n: &str| snap.nodes.iter().find(|s| s.name() == n).unwrap();
        // z1 has 1, z2 has 0: placing on z1 makes skew 2 > 1
        assert_eq!(st.check(&pod, by_name("a")), Some(REASON_CONSTRAINTS));
        assert_eq!(st.check(&pod, by_name("b")), None);
        assert_eq!(st.check(&pod, by_name("c")), Some(REASON_MISSING_LABEL));
    }
}
