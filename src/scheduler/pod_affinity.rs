//! Inter-pod affinity terms as the scheduler parses them
//! (`framework.AffinityTerm`, `framework.WeightedAffinityTerm`).

use crate::k8s::labels::{Selector, SelectorError};
use crate::k8s::model::{PodAffinityTerm, PodSpec, StringMap, WeightedPodAffinityTerm};

/// A parsed pod (anti-)affinity term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AffinityTerm {
    /// `namespaces`, or the pod's own namespace when none are listed.
    pub namespaces: Vec<String>,
    pub selector: Selector,
    pub topology_key: String,
}

impl AffinityTerm {
    fn parse(term: &PodAffinityTerm, own_namespace: &str) -> Result<AffinityTerm, SelectorError> {
        let selector = Selector::from_label_selector(term.label_selector.as_ref())?;
        let namespaces = if term.namespaces.is_empty() {
            vec![own_namespace.to_string()]
        } else {
            term.namespaces.clone()
        };
        Ok(AffinityTerm {
            namespaces,
            selector,
            topology_key: term.topology_key.clone(),
        })
    }

    /// `AffinityTerm.Matches`: the pod is in one of the namespaces and its
    /// labels match the selector (no namespaceSelector is modelled).
    pub fn matches(&self, namespace: &str, labels: &StringMap) -> bool {
        self.namespaces.iter().any(|n| n == namespace) && self.selector.matches(labels)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeightedTerm {
    pub term: AffinityTerm,
    pub weight: i32,
}

/// A pod's inter-pod affinity, parsed. A list with a term whose label
/// selector does not parse is dropped whole (`GetAffinityTerms` returns
/// nothing for it; the API server rejects such pods anyway).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PodAffinityInfo {
    pub required_affinity: Vec<AffinityTerm>,
    pub required_anti_affinity: Vec<AffinityTerm>,
    pub preferred_affinity: Vec<WeightedTerm>,
    pub preferred_anti_affinity: Vec<WeightedTerm>,
    /// Parse errors of dropped lists.
    pub errors: Vec<SelectorError>,
}

impl PodAffinityInfo {
    pub fn of(spec: &PodSpec, namespace: &str) -> PodAffinityInfo {
        let mut info = PodAffinityInfo::default();
        let Some(a) = spec.affinity.as_ref() else {
            return info;
        };
        let mut errors = Vec::new();
        let mut terms = |list: &[PodAffinityTerm]| -> Vec<AffinityTerm> {
            list.iter()
                .map(|t| AffinityTerm::parse(t, namespace))
                .collect::<Result<Vec<_>, _>>()
                .unwrap_or_else(|e| {
                    errors.push(e);
                    Vec::new()
                })
        };
        if let Some(pa) = &a.pod_affinity {
            info.required_affinity = terms(&pa.required);
        }
        if let Some(pa) = &a.pod_anti_affinity {
            info.required_anti_affinity = terms(&pa.required);
        }
        let mut weighted = |list: &[WeightedPodAffinityTerm]| -> Vec<WeightedTerm> {
            list.iter()
                .map(|w| {
                    AffinityTerm::parse(&w.pod_affinity_term, namespace).map(|term| WeightedTerm {
                        term,
                        weight: w.weight,
                    })
                })
                .collect::<Result<Vec<_>, _>>()
                .unwrap_or_else(|e| {
                    errors.push(e);
                    Vec::new()
                })
        };
        if let Some(pa) = &a.pod_affinity {
            info.preferred_affinity = weighted(&pa.preferred);
        }
        if let Some(pa) = &a.pod_anti_affinity {
            info.preferred_anti_affinity = weighted(&pa.preferred);
        }
        info.errors = errors;
        info
    }

    /// The pod has affinity or anti-affinity terms of any kind
    /// (`PodInfo` lands in `NodeInfo.PodsWithAffinity`).
    pub fn any(&self) -> bool {
        !(self.required_affinity.is_empty()
            && self.required_anti_affinity.is_empty()
            && self.preferred_affinity.is_empty()
            && self.preferred_anti_affinity.is_empty())
    }
}
