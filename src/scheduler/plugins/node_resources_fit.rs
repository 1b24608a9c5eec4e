//! NodeResourcesFit (pkg/scheduler/framework/plugins/noderesources).
//! Filter: `fitsRequest` (pods, cpu, memory, ephemeral storage, extended
//! resources, with its `Insufficient <resource>` reasons). Score (weight 1), strategy LeastAllocated with CPU
//! and memory weighted 1 each: per resource
//! `(allocatable - requested) * 100 / allocatable` (integer division, 0
//! when requested exceeds allocatable; a resource the node does not have
//! is left out), averaged with integer division. `requested` is the
//! node's non-zero requests plus the pod's: containers that request no CPU
//! count 100m, no memory 200Mi. No normalization.

use super::super::framework::{FilterOutcome, NodeInfo, PodInfo};
use super::{PluginScores, ScoreInput, MAX_NODE_SCORE};
use crate::k8s::resources::{self, Resources};
use serde::Serialize;

pub const NAME: &str = "NodeResourcesFit";
pub const WEIGHT: i64 = 1;
pub const REASON_TOO_MANY_PODS: &str = "Too many pods";

/// `leastRequestedScore`.
pub fn least_requested_score(requested: i64, capacity: i64) -> i64 {
    if capacity == 0 || requested > capacity {
        return 0;
    }
    (capacity - requested).saturating_mul(MAX_NODE_SCORE) / capacity
}

/// `leastResourceScorer` over (requested, allocatable, weight) triples.
pub fn least_allocated(resources: &[(i64, i64, i64)]) -> i64 {
    let (mut score, mut weights) = (0i64, 0i64);
    for &(req, alloc, w) in resources {
        if alloc == 0 {
            continue;
        }
        score = score.saturating_add(least_requested_score(req, alloc).saturating_mul(w));
        weights += w;
    }
    if weights == 0 {
        0
    } else {
        score / weights
    }
}

pub fn score(input: &ScoreInput) -> Option<PluginScores> {
    let pod = &input.pod.non_zero_requests;
    let raw = input
        .nodes()
        .map(|n| {
            let alloc = &n.info.allocatable;
            let used = &n.non_zero_requested;
            least_allocated(&[
                (
                    used.milli_cpu.saturating_add(pod.milli_cpu),
                    alloc.milli_cpu,
                    1,
                ),
                (used.memory.saturating_add(pod.memory), alloc.memory, 1),
            ])
        })
        .collect();
    Some(PluginScores::unnormalized(NAME, WEIGHT, raw))
}

/// One resource the node lacks: requested vs what is free.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct InsufficientResource {
    pub resource: String,
    pub reason: String,
    /// What the pod asks for (1 for `pods`).
    pub requested: i64,
    /// Already requested by the pods on the node.
    pub used: i64,
    pub capacity: i64,
}

/// `noderesources.fitsRequest`.
pub fn insufficient_resources(pod: &Resources, ni: &NodeInfo) -> Vec<InsufficientResource> {
    let mut out = Vec::new();
    let alloc = &ni.allocatable;
    let used = &ni.requested;
    if ni.pod_count as i64 + 1 > alloc.allowed_pod_number {
        out.push(InsufficientResource {
            resource: resources::PODS.into(),
            reason: REASON_TOO_MANY_PODS.into(),
            requested: 1,
            used: ni.pod_count as i64,
            capacity: alloc.allowed_pod_number,
        });
    }
    if pod.milli_cpu == 0 && pod.memory == 0 && pod.ephemeral_storage == 0 && pod.scalar.is_empty()
    {
        return out;
    }
    let mut check = |name: &str, req: i64, alloc: i64, used: i64| {
        if req > 0 && req > alloc.saturating_sub(used) {
            out.push(InsufficientResource {
                resource: name.to_string(),
                reason: format!("Insufficient {name}"),
                requested: req,
                used,
                capacity: alloc,
            });
        }
    };
    check(
        resources::CPU,
        pod.milli_cpu,
        alloc.milli_cpu,
        used.milli_cpu,
    );
    check(resources::MEMORY, pod.memory, alloc.memory, used.memory);
    check(
        resources::EPHEMERAL_STORAGE,
        pod.ephemeral_storage,
        alloc.ephemeral_storage,
        used.ephemeral_storage,
    );
    for (name, &req) in &pod.scalar {
        let a = alloc.scalar.get(name).copied().unwrap_or(0);
        let u = used.scalar.get(name).copied().unwrap_or(0);
        check(name, req, a, u);
    }
    out
}

/// Filter: the pod's requests fit what the node has left.
pub fn filter(pod: &PodInfo, ni: &NodeInfo, out: &mut FilterOutcome) {
    let insufficient = insufficient_resources(&pod.requests, ni);
    if !insufficient.is_empty() {
        let mut reasons: Vec<String> = insufficient.iter().map(|r| r.reason.clone()).collect();
        reasons.sort();
        out.fail(NAME, reasons);
    }
    out.insufficient = insufficient;
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{bound, node, spec};
    use super::super::{IncomingPod, ScoreInput};
    use super::*;
    use crate::k8s::resources;
    use crate::scheduler::pod_affinity::PodAffinityInfo;
    use crate::scheduler::snapshot::CacheSnapshot;
    use crate::scheduler::PodInfo;

    #[test]
    fn least_requested_arithmetic() {
        assert_eq!(least_requested_score(100, 8000), 98);
        assert_eq!(least_requested_score(9000, 8000), 0);
        assert_eq!(least_requested_score(1, 0), 0);
        // cpu 41, memory 79 → 60
        assert_eq!(least_allocated(&[(2350, 4000, 1), (3328, 16384, 1)]), 60);
        // a resource the node lacks is left out of the average
        assert_eq!(least_allocated(&[(100, 1000, 1), (5, 0, 1)]), 90);
    }

    #[test]
    fn pods_without_requests_count_the_defaults() {
        let nodes = vec![node("a", "1", "1000Mi", &[])];
        let pods = vec![bound("p", "a", "", "", &[])];
        let snap = CacheSnapshot::new(&nodes, &pods, |_| true);
        let s = spec("", "");
        let pod = IncomingPod {
            namespace: "default".into(),
            labels: Default::default(),
            non_zero_requests: resources::non_zero_pod_requests(&s),
            info: PodInfo::new(s),
            affinity: PodAffinityInfo::default(),
            owner_selector: None,
        };
        let input = ScoreInput {
            pod: &pod,
            snapshot: &snap,
            feasible: &[0],
        };
        // cpu: 200m of 1000m → 80; memory: 400Mi of 1000Mi → 60; → 70
        assert_eq!(score(&input).unwrap().raw, [70]);
    }
}
