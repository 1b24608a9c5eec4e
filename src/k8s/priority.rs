//! The Priority admission plugin (plugin/pkg/admission/priority): when a
//! pod is created, `spec.priority` (and `spec.preemptionPolicy`) come from
//! the PriorityClass it names; an empty name takes the global default
//! class's value (the smallest, if several are default), else 0; a name
//! that no class has is refused, and with it the pod.
//!
//! The two system classes exist in every cluster; the others are the
//! PriorityClass objects of the input.

use crate::k8s::model::PriorityClass;
use std::collections::BTreeMap;

/// `scheduling.SystemNodeCritical`.
pub const SYSTEM_NODE_CRITICAL: &str = "system-node-critical";
/// `scheduling.SystemClusterCritical`.
pub const SYSTEM_CLUSTER_CRITICAL: &str = "system-cluster-critical";
/// `PreemptLowerPriority`, the default preemption policy.
pub const PREEMPT_LOWER_PRIORITY: &str = "PreemptLowerPriority";
/// `Never`: the pod waits instead of preempting.
pub const PREEMPT_NEVER: &str = "Never";

/// What admission gives a pod.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Admitted {
    pub priority: i32,
    pub preemption_policy: String,
}

/// The classes a cluster has: the system ones and those of the input.
#[derive(Debug, Clone, Default)]
pub struct Priorities {
    /// name → (value, preemption policy)
    classes: BTreeMap<String, (i32, String)>,
    /// The globalDefault class's value (the smallest of several).
    default: Option<(i32, String)>,
}

impl Priorities {
    pub fn new<'a>(objects: impl IntoIterator<Item = &'a PriorityClass>) -> Priorities {
        let mut p = Priorities::default();
        for (name, value) in [(SYSTEM_NODE_CRITICAL, 2_000_001_000), (SYSTEM_CLUSTER_CRITICAL, 2_000_000_000)] {
            p.classes
                .insert(name.to_string(), (value, PREEMPT_LOWER_PRIORITY.to_string()));
        }
        for c in objects {
            let policy = c
                .preemption_policy
                .clone()
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| PREEMPT_LOWER_PRIORITY.to_string());
            if c.global_default == Some(true) && p.default.as_ref().is_none_or(|(v, _)| c.value < *v) {
                p.default = Some((c.value, policy.clone()));
            }
            p.classes
                .insert(c.metadata.name().to_string(), (c.value, policy));
        }
        p
    }

    /// The classes the input defines besides the system ones.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.classes.keys().map(String::as_str)
    }

    /// Admission of a pod naming `class` (empty or absent: none).
    pub fn admit(&self, class: Option<&str>) -> Result<Admitted, NoSuchClass> {
        match class.filter(|c| !c.is_empty()) {
            None => Ok(match &self.default {
                Some((v, policy)) => Admitted {
                    priority: *v,
                    preemption_policy: policy.clone(),
                },
                None => Admitted {
                    priority: 0,
                    preemption_policy: PREEMPT_LOWER_PRIORITY.to_string(),
                },
            }),
            Some(name) => match self.classes.get(name) {
                Some((v, policy)) => Ok(Admitted {
                    priority: *v,
                    preemption_policy: policy.clone(),
                }),
                None => Err(NoSuchClass(name.to_string())),
            },
        }
    }
}

/// A pod names a class that does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoSuchClass(pub String);

impl std::fmt::Display for NoSuchClass {
    /// The admission plugin's error.
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "no PriorityClass with name {} was found", self.0)
    }
}

impl std::error::Error for NoSuchClass {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::k8s::model::ObjectMeta;

    fn class(name: &str, value: i32, default: bool) -> PriorityClass {
        PriorityClass {
            metadata: ObjectMeta {
                name: Some(name.into()),
                ..ObjectMeta::default()
            },
            value,
            global_default: Some(default),
            ..PriorityClass::default()
        }
    }

    #[test]
    fn system_input_and_default_classes() {
        let p = Priorities::new(&[class("longhorn-critical", 1_000_000_000, false)]);
        assert_eq!(p.admit(Some("system-node-critical")).unwrap().priority, 2_000_001_000);
        assert_eq!(p.admit(Some("longhorn-critical")).unwrap().priority, 1_000_000_000);
        assert_eq!(p.admit(None).unwrap().priority, 0);
        assert_eq!(
            p.admit(Some("high")).unwrap_err().to_string(),
            "no PriorityClass with name high was found"
        );
        let p = Priorities::new(&[class("a", 50, true), class("b", 10, true)]);
        assert_eq!(p.admit(Some("")).unwrap().priority, 10);
    }
}
