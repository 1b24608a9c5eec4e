//! The default profile's plugins (v1.36), one per file: its name, its
//! reason strings, its Filter (for the filters) and its PreScore (which
//! may skip), Score and NormalizeScore with its weight from
//! `getDefaultPlugins` (for the scorers). The framework multiplies each
//! normalized score (0..=100) by the weight and adds them up.

pub mod balanced_allocation;
pub mod dynamic_resources;
pub mod image_locality;
pub mod inter_pod_affinity;
pub mod node_affinity;
pub mod node_name;
pub mod node_ports;
pub mod node_resources_fit;
pub mod node_unschedulable;
pub mod pod_topology_spread;
pub mod taint_toleration;

use super::pod_affinity::PodAffinityInfo;
use super::snapshot::{CacheSnapshot, CachedNode};
use crate::k8s::labels::Selector;
use crate::k8s::model::{PodSpec, StringMap};
use crate::k8s::resources::Resources;
use crate::scheduler::PodInfo;

/// `framework.MaxNodeScore`.
pub const MAX_NODE_SCORE: i64 = 100;

/// The pod being scheduled, with what the plugins precompute.
#[derive(Debug, Clone)]
pub struct IncomingPod {
    pub namespace: String,
    pub labels: StringMap,
    /// Requests, host ports, required node affinity (and the spec).
    pub info: PodInfo,
    /// Requests with the scheduler's 100m / 200Mi defaults for containers
    /// that request nothing (what LeastAllocated counts).
    pub non_zero_requests: Resources,
    pub affinity: PodAffinityInfo,
    /// The ReplicaSet's selector, which the system-default topology spread
    /// constraints use; `None` for a pod no ReplicaSet owns.
    pub owner_selector: Option<Selector>,
}

impl IncomingPod {
    pub fn spec(&self) -> &PodSpec {
        &self.info.spec
    }
}

/// What every score plugin reads in one scheduling cycle.
pub struct ScoreInput<'s, 'a> {
    pub pod: &'s IncomingPod,
    pub snapshot: &'s CacheSnapshot<'a>,
    /// The feasible nodes (indices into `snapshot.nodes`), in the order
    /// they were found.
    pub feasible: &'s [usize],
}

impl<'s, 'a> ScoreInput<'s, 'a> {
    /// The feasible nodes' states, in order.
    pub fn nodes(&self) -> impl Iterator<Item = &'s CachedNode<'a>> + '_ {
        self.feasible
            .iter()
            .filter_map(move |&i| self.snapshot.nodes.get(i))
    }
}

/// One plugin's scores for the feasible nodes (same order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluginScores {
    pub name: &'static str,
    pub weight: i64,
    /// What Score returned.
    pub raw: Vec<i64>,
    /// After NormalizeScore (0..=100), before the weight.
    pub normalized: Vec<i64>,
}

impl PluginScores {
    /// A plugin without NormalizeScore: the raw score is final.
    pub fn unnormalized(name: &'static str, weight: i64, raw: Vec<i64>) -> PluginScores {
        PluginScores {
            name,
            weight,
            normalized: raw.clone(),
            raw,
        }
    }
    pub fn weighted(&self, i: usize) -> i64 {
        self.normalized
            .get(i)
            .copied()
            .unwrap_or(0)
            .saturating_mul(self.weight)
    }
}

/// `helper.DefaultNormalizeScore`: scales to `0..=max` against the highest
/// score (integer division); `reverse` turns it into `max - score`. When
/// every score is 0, reverse gives everyone `max`, otherwise all stay 0.
pub fn default_normalize(scores: &[i64], reverse: bool) -> Vec<i64> {
    let max_count = scores.iter().copied().max().unwrap_or(0).max(0);
    if max_count == 0 {
        return scores
            .iter()
            .map(|&s| if reverse { MAX_NODE_SCORE } else { s })
            .collect();
    }
    scores
        .iter()
        .map(|&s| {
            let v = MAX_NODE_SCORE.saturating_mul(s) / max_count;
            if reverse {
                MAX_NODE_SCORE - v
            } else {
                v
            }
        })
        .collect()
}

/// Runs every score plugin of the default profile; skipped plugins are
/// absent.
pub fn run_score_plugins(input: &ScoreInput) -> Vec<PluginScores> {
    [
        taint_toleration::score(input),
        node_affinity::score(input),
        node_resources_fit::score(input),
        pod_topology_spread::score(input),
        inter_pod_affinity::score(input),
        balanced_allocation::score(input),
        image_locality::score(input),
        dynamic_resources::score(input),
    ]
    .into_iter()
    .flatten()
    .collect()
}

#[cfg(test)]
pub(crate) mod test_util {
    use crate::k8s::model::{Container, Node, ObjectMeta, Pod, PodSpec, StringMap};

    pub fn node(name: &str, cpu: &str, mem: &str, labels: &[(&str, &str)]) -> Node {
        let mut n = Node {
            metadata: ObjectMeta {
                name: Some(name.into()),
                labels: labels
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect::<StringMap>(),
                ..Default::default()
            },
            ..Default::default()
        };
        let mut alloc = crate::k8s::model::ResourceList::new();
        alloc.insert("cpu", cpu);
        alloc.insert("memory", mem);
        alloc.insert("pods", "110");
        n.status.allocatable = Some(alloc);
        n
    }

    pub fn spec(cpu: &str, mem: &str) -> PodSpec {
        let mut c = Container {
            name: Some("c".into()),
            image: Some("app:1".into()),
            ..Default::default()
        };
        if !cpu.is_empty() {
            c.resources.requests.insert("cpu", cpu);
        }
        if !mem.is_empty() {
            c.resources.requests.insert("memory", mem);
        }
        PodSpec {
            containers: vec![c],
            ..Default::default()
        }
    }

    pub fn bound(name: &str, node: &str, cpu: &str, mem: &str, labels: &[(&str, &str)]) -> Pod {
        let mut p = Pod {
            spec: spec(cpu, mem),
            ..Default::default()
        };
        p.metadata.name = Some(name.into());
        p.metadata.labels = labels
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        p.spec.node_name = Some(node.into());
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_normalize_scales_and_reverses() {
        assert_eq!(default_normalize(&[0, 1, 2], false), [0, 50, 100]);
        assert_eq!(default_normalize(&[0, 1, 2], true), [100, 50, 0]);
        assert_eq!(default_normalize(&[0, 0], true), [100, 100]);
        assert_eq!(default_normalize(&[0, 0], false), [0, 0]);
        assert_eq!(default_normalize(&[1, 3], false), [33, 100]);
    }
}
