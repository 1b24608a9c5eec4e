//! NodeResourcesBalancedAllocation scoring (weight 1), as of v1.36: it
//! scores the change in balance the pod brings. For the CPU and memory
//! fractions `requested / allocatable` (capped at 1; a resource the node
//! does not have is left out), balance is `int((1 - std) * 100)` where std
//! is `|f1 - f2| / 2` for two resources (the standard deviation for more).
//! The score is `50 + (50 + balanceWithPod - balanceWithoutPod) / 2`
//! (integer division), so an empty node scores about 71 to 75 and a pod
//! that evens a node out scores above 75. Requests are the real ones (no
//! 100m / 200Mi defaults). Skipped for a pod that requests neither CPU
//! nor memory (best effort). No normalization.

use super::{PluginScores, ScoreInput, MAX_NODE_SCORE};

pub const NAME: &str = "NodeResourcesBalancedAllocation";
pub const WEIGHT: i64 = 1;

/// `int64((1 - std) * MaxNodeScore)` over (requested, allocatable) pairs.
pub fn balance(resources: &[(i64, i64)]) -> i64 {
    let fractions: Vec<f64> = resources
        .iter()
        .filter(|(_, alloc)| *alloc != 0)
        .map(|&(req, alloc)| (req as f64 / alloc as f64).min(1.0))
        .collect();
    let std = match fractions.as_slice() {
        [a, b] => ((a - b) / 2.0).abs(),
        f if f.len() > 2 => {
            let mean = f.iter().sum::<f64>() / f.len() as f64;
            let var = f.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / f.len() as f64;
            var.sqrt()
        }
        _ => 0.0,
    };
    ((1.0 - std) * MAX_NODE_SCORE as f64) as i64
}

/// The v1.36 score from the balance with and without the pod.
pub fn balance_change_score(with_pod: i64, without_pod: i64) -> i64 {
    MAX_NODE_SCORE / 2 + (MAX_NODE_SCORE / 2 + with_pod - without_pod) / 2
}

pub fn score(input: &ScoreInput) -> Option<PluginScores> {
    let pod = &input.pod.info.requests;
    if pod.milli_cpu == 0 && pod.memory == 0 {
        return None;
    }
    let raw = input
        .nodes()
        .map(|n| {
            let alloc = &n.info.allocatable;
            let used = &n.info.requested;
            let without = balance(&[
                (used.milli_cpu, alloc.milli_cpu),
                (used.memory, alloc.memory),
            ]);
            let with = balance(&[
                (
                    used.milli_cpu.saturating_add(pod.milli_cpu),
                    alloc.milli_cpu,
                ),
                (used.memory.saturating_add(pod.memory), alloc.memory),
            ]);
            balance_change_score(with, without)
        })
        .collect();
    Some(PluginScores::unnormalized(NAME, WEIGHT, raw))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_node_scores_about_75() {
        // 100m of 8 CPUs, 256Mi of 16Gi: balance 99 with the pod, 100 without
        let with = balance(&[(100, 8000), (256 << 20, 16 << 30)]);
        let without = balance(&[(0, 8000), (0, 16 << 30)]);
        assert_eq!((with, without), (99, 100));
        assert_eq!(balance_change_score(with, without), 74);
    }

    #[test]
    fn evening_out_a_node_scores_above_75() {
        // cpu 60%, memory 31.25% → with the pod 70% / 43.75%
        let without = balance(&[(600, 1000), (640, 2048)]);
        let with = balance(&[(700, 1000), (896, 2048)]);
        assert_eq!((with, without), (86, 85));
        assert_eq!(balance_change_score(with, without), 75);
        // a full CPU node getting a memory-only pod becomes balanced: 100
        assert_eq!(balance_change_score(100, 50), 100);
        assert_eq!(balance_change_score(50, 100), 50);
    }

    #[test]
    fn fractions_are_capped_and_missing_resources_left_out() {
        assert_eq!(balance(&[(2000, 1000), (1000, 1000)]), 100);
        assert_eq!(balance(&[(500, 1000), (7, 0)]), 100);
    }
}
