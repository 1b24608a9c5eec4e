//! NodeAffinity (pkg/scheduler/framework/plugins/nodeaffinity). Filter:
//! `spec.nodeSelector` and the required node affinity. Score (weight 2): the sum of the weights of the pod's
//! preferred node-affinity terms that the node matches, scaled so the best
//! node gets 100 (`DefaultNormalizeScore`). Skipped when the pod has no
//! preferred terms. Terms of weight 0 or without requirements are ignored;
//! a term that does not parse matches nothing.

use super::super::framework::{FilterOutcome, NodeInfo, PodInfo};
use super::{default_normalize, PluginScores, ScoreInput};
use crate::k8s::model::{Node, PreferredSchedulingTerm};
use crate::k8s::node_affinity::Term;

pub const NAME: &str = "NodeAffinity";
pub const WEIGHT: i64 = 2;
pub const REASON_AFFINITY: &str = "node(s) didn't match Pod's node affinity/selector";

/// `nodeaffinity.PreferredSchedulingTerms`.
pub struct PreferredTerms {
    terms: Vec<(i64, Term)>,
}

impl PreferredTerms {
    pub fn new(terms: &[PreferredSchedulingTerm]) -> PreferredTerms {
        PreferredTerms {
            terms: terms
                .iter()
                .enumerate()
                .filter(|(_, t)| {
                    t.weight != 0
                        && !(t.preference.match_expressions.is_empty()
                            && t.preference.match_fields.is_empty())
                })
                .map(|(i, t)| (i64::from(t.weight), Term::parse(i, &t.preference)))
                .collect(),
        }
    }

    /// `PreferredSchedulingTerms.Score`.
    pub fn score(&self, node: &Node) -> i64 {
        self.terms
            .iter()
            .filter(|(_, t)| t.matches(node))
            .map(|(w, _)| *w)
            .sum()
    }
}

pub fn score(input: &ScoreInput) -> Option<PluginScores> {
    let preferred = input
        .pod
        .spec()
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
        .map(|na| na.preferred.as_slice())
        .filter(|p| !p.is_empty())?;
    let terms = PreferredTerms::new(preferred);
    let raw: Vec<i64> = input.nodes().map(|n| terms.score(n.node())).collect();
    let normalized = default_normalize(&raw, false);
    Some(PluginScores {
        name: NAME,
        weight: WEIGHT,
        raw,
        normalized,
    })
}

/// Filter: nodeSelector and required node affinity (the daemon pod's
/// pinning `matchFields` term included).
pub fn filter(pod: &PodInfo, ni: &NodeInfo, out: &mut FilterOutcome) {
    if !pod.affinity.matches(ni.node) {
        out.fail(NAME, vec![REASON_AFFINITY.into()]);
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::node;
    use super::*;
    use crate::k8s::model::{NodeSelectorRequirement, NodeSelectorTerm};

    fn pref(weight: i32, key: &str, op: &str, values: &[&str]) -> PreferredSchedulingTerm {
        PreferredSchedulingTerm {
            weight,
            preference: NodeSelectorTerm {
                match_expressions: vec![NodeSelectorRequirement {
                    key: key.into(),
                    operator: op.into(),
                    values: values.iter().map(|s| s.to_string()).collect(),
                }],
                match_fields: vec![],
            },
        }
    }

    #[test]
    fn sums_matching_weights() {
        let terms = PreferredTerms::new(&[
            pref(10, "disk", "In", &["ssd"]),
            pref(40, "zone", "In", &["a"]),
            pref(5, "zone", "Gt", &["x"]), // does not parse: matches nothing
        ]);
        let a = node("a", "1", "1Gi", &[("disk", "ssd"), ("zone", "a")]);
        let b = node("b", "1", "1Gi", &[("disk", "ssd")]);
        let c = node("c", "1", "1Gi", &[]);
        let raw = [terms.score(&a), terms.score(&b), terms.score(&c)];
        assert_eq!(raw, [50, 10, 0]);
        // normalized then weighted by 2: 200, 40, 0
        assert_eq!(default_normalize(&raw, false), [100, 20, 0]);
    }
}
