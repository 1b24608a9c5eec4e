//! TaintToleration (pkg/scheduler/framework/plugins/tainttoleration).
//! Filter: no untolerated NoSchedule / NoExecute taint. Score (weight 3): counts the node's PreferNoSchedule
//! taints that none of the pod's tolerations with an empty or
//! PreferNoSchedule effect tolerates; fewer is better
//! (`DefaultNormalizeScore` reversed: no such taint anywhere gives every
//! node 100).

use super::super::framework::{FilterOutcome, NodeInfo, PodInfo};
use super::{default_normalize, PluginScores, ScoreInput};
use crate::k8s::model::{Taint, Toleration};
use crate::k8s::taints;

pub const NAME: &str = "TaintToleration";
pub const WEIGHT: i64 = 3;
pub const REASON_TAINTS: &str = "node(s) had untolerated taint(s)";

/// `getAllTolerationPreferNoSchedule`.
pub fn prefer_no_schedule_tolerations(tolerations: &[Toleration]) -> Vec<Toleration> {
    tolerations
        .iter()
        .filter(|t| t.effect.is_empty() || t.effect == taints::PREFER_NO_SCHEDULE)
        .cloned()
        .collect()
}

/// `countIntolerableTaintsPreferNoSchedule`.
pub fn intolerable_prefer_no_schedule(node_taints: &[Taint], tolerations: &[Toleration]) -> i64 {
    node_taints
        .iter()
        .filter(|t| t.effect == taints::PREFER_NO_SCHEDULE)
        .filter(|t| taints::tolerated_by(tolerations, t).is_none())
        .count() as i64
}

pub fn score(input: &ScoreInput) -> Option<PluginScores> {
    let tolerations = prefer_no_schedule_tolerations(&input.pod.spec().tolerations);
    let raw: Vec<i64> = input
        .nodes()
        .map(|n| intolerable_prefer_no_schedule(&n.node().spec.taints, &tolerations))
        .collect();
    let normalized = default_normalize(&raw, true);
    Some(PluginScores {
        name: NAME,
        weight: WEIGHT,
        raw,
        normalized,
    })
}

/// Filter: no untolerated NoSchedule / NoExecute taint
/// (`FindMatchingUntoleratedTaint`).
pub fn filter(pod: &PodInfo, ni: &NodeInfo, out: &mut FilterOutcome) {
    out.untolerated_taint = taints::find_untolerated(
        &ni.node.spec.taints,
        &pod.spec.tolerations,
        taints::is_do_not_schedule,
    )
    .cloned();
    if out.untolerated_taint.is_some() {
        out.fail(NAME, vec![REASON_TAINTS.into()]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taint(key: &str, effect: &str) -> Taint {
        Taint {
            key: key.into(),
            effect: effect.into(),
            ..Taint::default()
        }
    }

    #[test]
    fn counts_only_untolerated_prefer_no_schedule() {
        let node_taints = [
            taint("maintenance", "PreferNoSchedule"),
            taint("spot", "PreferNoSchedule"),
            taint("dedicated", "NoSchedule"),
        ];
        assert_eq!(intolerable_prefer_no_schedule(&node_taints, &[]), 2);
        let tol = Toleration {
            key: "maintenance".into(),
            operator: "Exists".into(),
            effect: "PreferNoSchedule".into(),
            ..Toleration::default()
        };
        let tols = prefer_no_schedule_tolerations(&[tol]);
        assert_eq!(intolerable_prefer_no_schedule(&node_taints, &tols), 1);
        // a NoSchedule-only toleration does not count for scoring
        let ns = Toleration {
            key: "spot".into(),
            operator: "Exists".into(),
            effect: "NoSchedule".into(),
            ..Toleration::default()
        };
        assert!(prefer_no_schedule_tolerations(&[ns]).is_empty());
        // weighted: 0 taints → 300, 1 of max 2 → 150, 2 → 0
        assert_eq!(default_normalize(&[0, 1, 2], true), [100, 50, 0]);
    }
}
