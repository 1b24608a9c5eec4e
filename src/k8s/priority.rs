//! The Priority admission plugin (plugin/pkg/admission/priority): when a
//! pod is created, `spec.priority` (and `spec.preemptionPolicy`) come from
//! the PriorityClass it names; an empty name takes the global default
//! class's value (the smallest, if several are default), else 0; a name
//! that no class has is refused, and with it the pod.
//!
//! The two system classes exist in every cluster; the others are the
//! PriorityClass objects of the input.

use crate::k8s::model::PriorityClass;

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

impl Admitted {
    /// Sets them on the pod, as the plugin does.
    pub fn apply(&self, spec: &mut crate::k8s::model::PodSpec) {
        spec.priority = Some(self.priority);
        spec.preemption_policy = Some(self.preemption_policy.clone());
    }
}

/// The classes a cluster has: the system ones and those of the input.
/// `Priorities::default()` is a cluster with the system classes only.
#[derive(Debug, Clone)]
pub struct Priorities {
    /// (name, (value, preemption policy)), sorted by name, one per name
    /// (a later object of the same name replaces an earlier one)
    classes: Vec<(String, (i32, String))>,
    /// The globalDefault class's value (the smallest of several).
    default: Option<(i32, String)>,
}

impl Priorities {
    pub fn new<'a>(objects: impl IntoIterator<Item = &'a PriorityClass>) -> Priorities {
        let mut p = Priorities {
            classes: Vec::new(),
            default: None,
        };
        for (name, value) in [
            (SYSTEM_NODE_CRITICAL, 2_000_001_000),
            (SYSTEM_CLUSTER_CRITICAL, 2_000_000_000),
        ] {
            p.classes.push((
                name.to_string(),
                (value, PREEMPT_LOWER_PRIORITY.to_string()),
            ));
        }
        for c in objects {
            let policy = c
                .preemption_policy
                .clone()
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| PREEMPT_LOWER_PRIORITY.to_string());
            if c.global_default == Some(true)
                && p.default.as_ref().is_none_or(|(v, _)| c.value < *v)
            {
                p.default = Some((c.value, policy.clone()));
            }
            p.classes
                .push((c.metadata.name().to_string(), (c.value, policy)));
        }
        // stable: of the same name, the last one stays
        crate::sort::sort_by(&mut p.classes, |a, b| a.0.cmp(&b.0));
        let mut classes: Vec<(String, (i32, String))> = Vec::with_capacity(p.classes.len());
        for c in p.classes.drain(..) {
            match classes.last_mut() {
                Some(last) if last.0 == c.0 => *last = c,
                _ => classes.push(c),
            }
        }
        p.classes = classes;
        p
    }

    /// The names of the classes: the system ones and the input's.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.classes.iter().map(|(name, _)| name.as_str())
    }

    /// Admission of a pod on create (`admitPod`, `establishPriority`): the
    /// class it names (empty or absent: the global default class, else
    /// priority 0 and `PreemptLowerPriority`), checked against the
    /// `priority` and `preemptionPolicy` the pod already has.
    pub fn admit(
        &self,
        class: Option<&str>,
        priority: Option<i32>,
        preemption_policy: Option<&str>,
    ) -> Result<Admitted, Forbidden> {
        let (value, policy) = match class.filter(|c| !c.is_empty()) {
            None => match &self.default {
                Some((v, policy)) => (*v, policy.as_str()),
                None => (0, PREEMPT_LOWER_PRIORITY),
            },
            Some(name) => match self
                .classes
                .binary_search_by(|(n, _)| n.as_str().cmp(name))
                .ok()
                .map(|i| &self.classes[i].1)
            {
                Some((v, policy)) => (*v, policy.as_str()),
                None => return Err(Forbidden::NoSuchClass(name.to_string())),
            },
        };
        if let Some(given) = priority.filter(|p| *p != value) {
            return Err(Forbidden::Priority {
                given,
                computed: value,
            });
        }
        if let Some(given) = preemption_policy.filter(|p| *p != policy) {
            return Err(Forbidden::PreemptionPolicy {
                given: given.to_string(),
                computed: policy.to_string(),
            });
        }
        Ok(Admitted {
            priority: value,
            preemption_policy: policy.to_string(),
        })
    }
}

impl Default for Priorities {
    fn default() -> Self {
        Priorities::new([])
    }
}

/// Why the plugin refuses a pod (`admission.NewForbidden`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Forbidden {
    /// The pod names a class that does not exist.
    NoSuchClass(String),
    /// The pod has a `priority` other than its class's value.
    Priority { given: i32, computed: i32 },
    /// The pod has a `preemptionPolicy` other than its class's.
    PreemptionPolicy { given: String, computed: String },
}

impl std::fmt::Display for Forbidden {
    /// The admission plugin's error.
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Forbidden::NoSuchClass(name) => write!(f, "no PriorityClass with name {name} was found"),
            Forbidden::Priority { given, computed } => write!(
                f,
                "the integer value of priority ({given}) must not be provided in pod spec; priority admission controller computed {computed} from the given PriorityClass name"
            ),
            Forbidden::PreemptionPolicy { given, computed } => write!(
                f,
                "the string value of PreemptionPolicy ({given}) must not be provided in pod spec; priority admission controller computed {computed} from the given PriorityClass name"
            ),
        }
    }
}

impl std::error::Error for Forbidden {}

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
        let admit = |class| p.admit(class, None, None);
        assert_eq!(
            admit(Some("system-node-critical")).unwrap().priority,
            2_000_001_000
        );
        assert_eq!(
            admit(Some("system-cluster-critical")).unwrap().priority,
            2_000_000_000
        );
        assert_eq!(
            admit(Some("longhorn-critical")).unwrap().priority,
            1_000_000_000
        );
        assert_eq!(
            admit(None).unwrap(),
            Admitted {
                priority: 0,
                preemption_policy: "PreemptLowerPriority".into()
            }
        );
        assert_eq!(
            admit(Some("high")).unwrap_err().to_string(),
            "no PriorityClass with name high was found"
        );
        // several defaults (a race): the smallest value wins
        let p = Priorities::new(&[class("a", 50, true), class("b", 10, true)]);
        assert_eq!(p.admit(Some(""), None, None).unwrap().priority, 10);
    }

    #[test]
    fn a_later_class_of_the_same_name_replaces_the_earlier_and_names_are_in_order() {
        let p = Priorities::new(&[
            class("zeta", 5, false),
            class("alpha", 1, false),
            class("zeta", 7, false),
            class("system-node-critical", 3, false),
        ]);
        assert_eq!(p.admit(Some("zeta"), None, None).unwrap().priority, 7);
        assert_eq!(p.admit(Some("alpha"), None, None).unwrap().priority, 1);
        // the input's class of a system class's name replaces it, as before
        assert_eq!(
            p.admit(Some("system-node-critical"), None, None)
                .unwrap()
                .priority,
            3
        );
        assert_eq!(
            p.names().collect::<Vec<_>>(),
            [
                "alpha",
                "system-cluster-critical",
                "system-node-critical",
                "zeta"
            ]
        );
    }

    #[test]
    fn a_priority_or_policy_in_the_pod_must_match_the_class() {
        let mut never = class("batch", 100, false);
        never.preemption_policy = Some("Never".into());
        let p = Priorities::new(&[never]);
        assert_eq!(
            p.admit(Some("batch"), Some(100), Some("Never"))
                .unwrap()
                .priority,
            100
        );
        assert_eq!(
            p.admit(None, Some(100), None).unwrap_err().to_string(),
            "the integer value of priority (100) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name"
        );
        assert_eq!(
            p.admit(Some("batch"), None, Some("PreemptLowerPriority")).unwrap_err().to_string(),
            "the string value of PreemptionPolicy (PreemptLowerPriority) must not be provided in pod spec; priority admission controller computed Never from the given PriorityClass name"
        );
        assert_eq!(
            p.admit(None, None, Some("Never")).unwrap_err(),
            Forbidden::PreemptionPolicy {
                given: "Never".into(),
                computed: "PreemptLowerPriority".into()
            }
        );
    }
}
