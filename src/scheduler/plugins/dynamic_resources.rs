//! DynamicResources: in the v1.36 default profile it has a score
//! extension point, which gives 0 to every node for a pod without
//! resource claims (this tool does not model ResourceClaims).

use super::{PluginScores, ScoreInput};

pub const NAME: &str = "DynamicResources";
pub const WEIGHT: i64 = 1;

pub fn score(input: &ScoreInput) -> Option<PluginScores> {
    Some(PluginScores::unnormalized(
        NAME,
        WEIGHT,
        vec![0; input.feasible.len()],
    ))
}

#[cfg(test)]
mod tests {
    use super::super::{IncomingPod, ScoreInput};
    use super::*;
    use crate::scheduler::pod_affinity::PodAffinityInfo;
    use crate::scheduler::snapshot::CacheSnapshot;
    use crate::scheduler::PodInfo;

    #[test]
    fn scores_zero_everywhere_and_never_skips() {
        let nodes = vec![
            super::super::test_util::node("a", "1", "1Gi", &[]),
            super::super::test_util::node("b", "1", "1Gi", &[]),
        ];
        let snap = CacheSnapshot::new(&nodes, &[], |_| true);
        let pod = IncomingPod {
            namespace: "default".into(),
            labels: Default::default(),
            non_zero_requests: Default::default(),
            info: PodInfo::new(Default::default()),
            affinity: PodAffinityInfo::default(),
            owner_selector: None,
        };
        let input = ScoreInput {
            pod: &pod,
            snapshot: &snap,
            feasible: &[0, 1],
        };
        let s = score(&input).unwrap();
        assert_eq!(
            (s.raw.as_slice(), s.weighted(0), s.weighted(1)),
            (&[0, 0][..], 0, 0)
        );
    }
}
