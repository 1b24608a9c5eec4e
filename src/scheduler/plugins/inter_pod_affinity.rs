//! InterPodAffinity: the filter for required pod affinity / anti-affinity
//! (the pod's own, and existing pods' anti-affinity against it) and the
//! scoring (weight 2) from preferred terms (the pod's, and existing pods'
//! preferred terms and required affinity terms with
//! hardPodAffinityWeight 1). Replicas already placed count as existing
//! pods, so a template with anti-affinity on `kubernetes.io/hostname`
//! spreads one replica per node and leaves the rest Pending.

use super::super::pod_affinity::{AffinityTerm, WeightedTerm};
use super::super::snapshot::{CacheSnapshot, CachedNode, CachedPod};
use super::{IncomingPod, PluginScores, ScoreInput, MAX_NODE_SCORE};
use crate::k8s::model::{Node, StringMap};
use std::collections::BTreeMap;

pub const NAME: &str = "InterPodAffinity";
pub const WEIGHT: i64 = 2;
/// `InterPodAffinityArgs.HardPodAffinityWeight` default.
pub const HARD_POD_AFFINITY_WEIGHT: i64 = 1;
pub const REASON_AFFINITY: &str = "node(s) didn't match pod affinity rules";
pub const REASON_ANTI_AFFINITY: &str = "node(s) didn't match pod anti-affinity rules";
pub const REASON_EXISTING_ANTI_AFFINITY: &str =
    "node(s) didn't satisfy existing pods anti-affinity rules";

type TopologyCounts = BTreeMap<(String, String), i64>;

fn bump(m: &mut TopologyCounts, node: &Node, key: &str, by: i64) {
    if let Some(v) = node.metadata.labels.get(key) {
        let pair = (key.to_string(), v.to_string());
        let e = m.entry(pair.clone()).or_insert(0);
        *e += by;
        if *e == 0 {
            m.remove(&pair);
        }
    }
}

fn matches_all(terms: &[AffinityTerm], namespace: &str, labels: &StringMap) -> bool {
    terms.iter().all(|t| t.matches(namespace, labels))
}

/// PreFilter state.
#[derive(Debug, Clone, Default)]
pub struct FilterState {
    /// Existing pods' required anti-affinity terms that match the pod.
    pub existing_anti_affinity: TopologyCounts,
    /// Existing pods matching all of the pod's required affinity terms.
    pub affinity: TopologyCounts,
    /// Existing pods matching one of the pod's required anti-affinity terms.
    pub anti_affinity: TopologyCounts,
}

impl FilterState {
    pub fn new(pod: &IncomingPod, snap: &CacheSnapshot) -> FilterState {
        let mut s = FilterState::default();
        let a = &pod.affinity;
        let own_terms = !a.required_affinity.is_empty() || !a.required_anti_affinity.is_empty();
        for n in &snap.nodes {
            if !own_terms && n.pods_with_required_anti_affinity == 0 {
                continue;
            }
            let node = n.node();
            for e in &n.pods {
                for t in &e.affinity.required_anti_affinity {
                    if t.matches(&pod.namespace, &pod.labels) {
                        bump(&mut s.existing_anti_affinity, node, &t.topology_key, 1);
                    }
                }
                if !a.required_affinity.is_empty()
                    && matches_all(&a.required_affinity, &e.namespace, &e.labels)
                {
                    for t in &a.required_affinity {
                        bump(&mut s.affinity, node, &t.topology_key, 1);
                    }
                }
                for t in &a.required_anti_affinity {
                    if t.matches(&e.namespace, &e.labels) {
                        bump(&mut s.anti_affinity, node, &t.topology_key, 1);
                    }
                }
            }
        }
        s
    }

    /// The filter's verdict for a node: `None` when it passes.
    pub fn check(&self, pod: &IncomingPod, node: &CachedNode) -> Option<&'static str> {
        let labels = node.labels();
        let terms = &pod.affinity.required_affinity;
        let mut pods_exist = true;
        for t in terms {
            match labels.get(&t.topology_key) {
                Some(v) => {
                    let c = self
                        .affinity
                        .get(&(t.topology_key.clone(), v.to_string()))
                        .copied()
                        .unwrap_or(0);
                    if c <= 0 {
                        pods_exist = false;
                    }
                }
                None => return Some(REASON_AFFINITY),
            }
        }
        if !pods_exist {
            // the first pod of a group with affinity to itself may go anywhere
            // that has the topology labels
            let self_ok =
                self.affinity.is_empty() && matches_all(terms, &pod.namespace, &pod.labels);
            if !self_ok {
                return Some(REASON_AFFINITY);
            }
        }
        if !self.anti_affinity.is_empty() {
            for t in &pod.affinity.required_anti_affinity {
                if let Some(v) = labels.get(&t.topology_key) {
                    if self
                        .anti_affinity
                        .get(&(t.topology_key.clone(), v.to_string()))
                        .is_some_and(|c| *c > 0)
                    {
                        return Some(REASON_ANTI_AFFINITY);
                    }
                }
            }
        }
        if !self.existing_anti_affinity.is_empty() {
            for (k, v) in labels {
                if self
                    .existing_anti_affinity
                    .get(&(k.to_string(), v.to_string()))
                    .is_some_and(|c| *c > 0)
                {
                    return Some(REASON_EXISTING_ANTI_AFFINITY);
                }
            }
        }
        None
    }
}

// --------------------------------------------------------------- scoring

type ScoreMap = BTreeMap<String, BTreeMap<String, i64>>;

fn process_term(
    m: &mut ScoreMap,
    touched: &mut bool,
    term: &AffinityTerm,
    weight: i64,
    namespace: &str,
    labels: &StringMap,
    node: &Node,
) {
    if term.matches(namespace, labels) {
        if let Some(v) = node.metadata.labels.get(&term.topology_key) {
            *m.entry(term.topology_key.clone())
                .or_default()
                .entry(v.to_string())
                .or_insert(0) += weight;
            *touched = true;
        }
    }
}

fn process_weighted(
    m: &mut ScoreMap,
    touched: &mut bool,
    terms: &[WeightedTerm],
    sign: i64,
    namespace: &str,
    labels: &StringMap,
    node: &Node,
) {
    for w in terms {
        process_term(
            m,
            touched,
            &w.term,
            i64::from(w.weight) * sign,
            namespace,
            labels,
            node,
        );
    }
}

/// `processExistingPod`.
fn process_existing(
    m: &mut ScoreMap,
    touched: &mut bool,
    pod: &IncomingPod,
    existing: &CachedPod,
    node: &Node,
) {
    if node.metadata.labels.is_empty() {
        return;
    }
    let (ens, el) = (&existing.namespace, &existing.labels);
    process_weighted(
        m,
        touched,
        &pod.affinity.preferred_affinity,
        1,
        ens,
        el,
        node,
    );
    process_weighted(
        m,
        touched,
        &pod.affinity.preferred_anti_affinity,
        -1,
        ens,
        el,
        node,
    );
    let (pns, pl) = (&pod.namespace, &pod.labels);
    for t in &existing.affinity.required_affinity {
        process_term(m, touched, t, HARD_POD_AFFINITY_WEIGHT, pns, pl, node);
    }
    process_weighted(
        m,
        touched,
        &existing.affinity.preferred_affinity,
        1,
        pns,
        pl,
        node,
    );
    process_weighted(
        m,
        touched,
        &existing.affinity.preferred_anti_affinity,
        -1,
        pns,
        pl,
        node,
    );
}

/// NormalizeScore: `int(100 × (s - min) / (max - min))`, all 0 when equal.
pub fn normalize(raw: &[i64]) -> Vec<i64> {
    let min = raw.iter().copied().min().unwrap_or(0);
    let max = raw.iter().copied().max().unwrap_or(0);
    let diff = max.saturating_sub(min);
    raw.iter()
        .map(|&s| {
            if diff > 0 {
                (MAX_NODE_SCORE as f64 * ((s - min) as f64 / diff as f64)) as i64
            } else {
                0
            }
        })
        .collect()
}

pub fn score(input: &ScoreInput) -> Option<PluginScores> {
    let pod = input.pod;
    if input.feasible.is_empty() {
        return None;
    }
    let has_constraints = !pod.affinity.preferred_affinity.is_empty()
        || !pod.affinity.preferred_anti_affinity.is_empty();
    let mut topology: ScoreMap = BTreeMap::new();
    let mut any = false;
    for n in &input.snapshot.nodes {
        if !has_constraints && n.pods_with_affinity == 0 {
            continue;
        }
        let mut touched = false;
        for e in &n.pods {
            if !has_constraints && !e.affinity.any() {
                continue;
            }
            process_existing(&mut topology, &mut touched, pod, e, n.node());
        }
        any |= touched;
    }
    if !any {
        return None;
    }
    let raw: Vec<i64> = input
        .nodes()
        .map(|n| {
            topology
                .iter()
                .filter_map(|(k, values)| {
                    n.labels()
                        .get(k)
                        .map(|v| values.get(v).copied().unwrap_or(0))
                })
                .sum()
        })
        .collect();
    let normalized = normalize(&raw);
    Some(PluginScores {
        name: NAME,
        weight: WEIGHT,
        raw,
        normalized,
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{bound, node};
    use super::*;
    use crate::k8s::model::{
        Affinity, LabelSelector, PodAffinity, PodAffinityTerm, PodSpec, WeightedPodAffinityTerm,
    };
    use crate::scheduler::pod_affinity::PodAffinityInfo;
    use crate::scheduler::snapshot::CacheSnapshot;
    use crate::scheduler::PodInfo;

    fn term(app: &str, key: &str) -> PodAffinityTerm {
        PodAffinityTerm {
            label_selector: Some(LabelSelector {
                match_labels: [("app".to_string(), app.to_string())].into_iter().collect(),
                ..Default::default()
            }),
            namespaces: vec![],
            topology_key: key.into(),
        }
    }

    fn incoming(spec: PodSpec, app: &str) -> IncomingPod {
        IncomingPod {
            namespace: "default".into(),
            labels: [("app".to_string(), app.to_string())].into_iter().collect(),
            non_zero_requests: Default::default(),
            affinity: PodAffinityInfo::of(&spec, "default"),
            info: PodInfo::new(spec),
            owner_selector: None,
        }
    }

    #[test]
    fn required_anti_affinity_keeps_replicas_apart() {
        let nodes = vec![
            node("a", "4", "4Gi", &[("kubernetes.io/hostname", "a")]),
            node("b", "4", "4Gi", &[("kubernetes.io/hostname", "b")]),
        ];
        let pods = vec![bound("w1", "a", "", "", &[("app", "web")])];
        let snap = CacheSnapshot::new(&nodes, &pods, |_| true);
        let spec = PodSpec {
            affinity: Some(Affinity {
                pod_anti_affinity: Some(PodAffinity {
                    required: vec![term("web", "kubernetes.io/hostname")],
                    preferred: vec![],
                }),
                ..Default::default()
            }),
            ..Default::default()
        };
        let pod = incoming(spec, "web");
        let st = FilterState::new(&pod, &snap);
        assert_eq!(st.check(&pod, &snap.nodes[0]), Some(REASON_ANTI_AFFINITY));
        assert_eq!(st.check(&pod, &snap.nodes[1]), None);
    }

    #[test]
    fn required_affinity_first_pod_may_go_anywhere_with_the_label() {
        let nodes = vec![
            node("a", "4", "4Gi", &[("zone", "z1")]),
            node("b", "4", "4Gi", &[]),
        ];
        let snap = CacheSnapshot::new(&nodes, &[], |_| true);
        let spec = PodSpec {
            affinity: Some(Affinity {
                pod_affinity: Some(PodAffinity {
                    required: vec![term("web", "zone")],
                    preferred: vec![],
                }),
                ..Default::default()
            }),
            ..Default::default()
        };
        let pod = incoming(spec.clone(), "web");
        let st = FilterState::new(&pod, &snap);
        assert_eq!(st.check(&pod, &snap.nodes[0]), None);
        assert_eq!(st.check(&pod, &snap.nodes[1]), Some(REASON_AFFINITY));
        // a pod that does not match its own term needs a matching pod
        let other = incoming(spec, "db");
        assert_eq!(st.check(&other, &snap.nodes[0]), Some(REASON_AFFINITY));
    }

    #[test]
    fn preferred_terms_score_min_max() {
        let nodes = vec![
            node("a", "4", "4Gi", &[("zone", "z1")]),
            node("b", "4", "4Gi", &[("zone", "z2")]),
            node("c", "4", "4Gi", &[("zone", "z3")]),
        ];
        let pods = vec![
            bound("c1", "a", "", "", &[("app", "cache")]),
            bound("c2", "a", "", "", &[("app", "cache")]),
            bound("d1", "b", "", "", &[("app", "db")]),
        ];
        let snap = CacheSnapshot::new(&nodes, &pods, |_| true);
        let spec = PodSpec {
            affinity: Some(Affinity {
                pod_affinity: Some(PodAffinity {
                    required: vec![],
                    preferred: vec![WeightedPodAffinityTerm {
                        weight: 10,
                        pod_affinity_term: term("cache", "zone"),
                    }],
                }),
                pod_anti_affinity: Some(PodAffinity {
                    required: vec![],
                    preferred: vec![WeightedPodAffinityTerm {
                        weight: 5,
                        pod_affinity_term: term("db", "zone"),
                    }],
                }),
                ..Default::default()
            }),
            ..Default::default()
        };
        let pod = incoming(spec, "web");
        let input = ScoreInput {
            pod: &pod,
            snapshot: &snap,
            feasible: &[0, 1, 2],
        };
        let s = score(&input).unwrap();
        assert_eq!(s.raw, [20, -5, 0]);
        assert_eq!(s.normalized, [100, 0, 20]);
        // nothing to score: skipped
        let plain = incoming(PodSpec::default(), "web");
        let input = ScoreInput {
            pod: &plain,
            snapshot: &snap,
            feasible: &[0, 1, 2],
        };
        assert!(score(&input).is_none());
    }
}
