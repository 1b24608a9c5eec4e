//! The pod a Deployment's ReplicaSet creates, as the scheduler sees it,
//! and the Deployment itself after API defaulting.
//!
//! Differences from a daemon pod, all from Kubernetes itself:
//! - the ReplicaSet adds the `pod-template-hash` label (and selects on it);
//! - the DefaultTolerationSeconds admission plugin adds
//!   `node.kubernetes.io/not-ready` and `node.kubernetes.io/unreachable`
//!   NoExecute tolerations with `tolerationSeconds: 300` (unless the pod
//!   already tolerates them); none of the DaemonSet controller's automatic
//!   tolerations are added;
//! - pod defaulting copies limits into missing requests (as for daemon pods);
//! - no `matchFields` node pinning: the scheduler picks the node.

use crate::k8s::defaults;
use crate::k8s::labels::{Operator, Requirement, Selector};
use crate::k8s::model::{
    DaemonSet, Deployment, DeploymentSpec, IntOrString, ObjectMeta, Pod, PodSpec, RollingUpdate,
    StringMap, Toleration, UpdateStrategy,
};
use crate::k8s::taints;

/// `appsv1.DefaultDeploymentUniqueLabelKey`.
pub const POD_TEMPLATE_HASH: &str = "pod-template-hash";
/// `DefaultNotReadyTolerationSeconds` / `DefaultUnreachableTolerationSeconds`.
pub const DEFAULT_TOLERATION_SECONDS: i64 = 300;

/// `SetDefaults_Deployment`: replicas 1, strategy RollingUpdate with
/// maxUnavailable 25% and maxSurge 25%, revisionHistoryLimit 10,
/// progressDeadlineSeconds 600 (not modelled), plus the pod-template defaults.
pub fn default_deployment(d: &mut Deployment) {
    if d.spec.replicas.is_none() {
        d.spec.replicas = Some(1);
    }
    d.spec.strategy = Some(defaulted_strategy(d.spec.strategy.as_ref()));
    defaults::default_pod_spec(&mut d.spec.template.spec);
}

/// `spec.strategy` after defaulting: type RollingUpdate; for RollingUpdate
/// maxUnavailable and maxSurge `25%` where unset.
pub fn defaulted_strategy(s: Option<&UpdateStrategy>) -> UpdateStrategy {
    let mut s = s.cloned().unwrap_or_default();
    if s.type_.as_deref().is_none_or(str::is_empty) {
        s.type_ = Some("RollingUpdate".into());
    }
    if s.type_.as_deref() == Some("RollingUpdate") {
        let ru = s.rolling_update.get_or_insert_with(RollingUpdate::default);
        ru.max_unavailable
            .get_or_insert(IntOrString::String("25%".into()));
        ru.max_surge
            .get_or_insert(IntOrString::String("25%".into()));
    }
    s
}

/// The Deployment with the same pod template as a DaemonSet: same name,
/// namespace, labels, selector, template and minReadySeconds; `replicas`
/// as given; the strategy left to the Deployment defaults (25% / 25%).
pub fn deployment_from_daemon_set(ds: &DaemonSet, replicas: i32) -> Deployment {
    Deployment {
        api_version: Some("apps/v1".into()),
        kind: Some("Deployment".into()),
        metadata: ObjectMeta {
            name: ds.metadata.name.clone(),
            namespace: ds.metadata.namespace.clone(),
            labels: ds.metadata.labels.clone(),
            annotations: StringMap::new(),
            ..ObjectMeta::default()
        },
        spec: DeploymentSpec {
            replicas: Some(replicas),
            selector: ds.spec.selector.clone(),
            template: ds.spec.template.clone(),
            strategy: None,
            min_ready_seconds: ds.spec.min_ready_seconds,
        },
    }
}

/// The tolerations the DefaultTolerationSeconds admission plugin adds to
/// a pod with these tolerations (only those it does not already have: a
/// toleration with an empty or matching key and an empty or NoExecute
/// effect already covers the taint).
pub fn default_toleration_seconds(existing: &[Toleration]) -> Vec<Toleration> {
    let covers = |key: &str| {
        existing.iter().any(|t| {
            (t.key == key || t.key.is_empty())
                && (t.effect == taints::NO_EXECUTE || t.effect.is_empty())
        })
    };
    [taints::TAINT_NOT_READY, taints::TAINT_UNREACHABLE]
        .into_iter()
        .filter(|k| !covers(k))
        .map(|k| Toleration {
            key: k.to_string(),
            operator: "Exists".into(),
            value: String::new(),
            effect: taints::NO_EXECUTE.into(),
            toleration_seconds: Some(DEFAULT_TOLERATION_SECONDS),
        })
        .collect()
}

/// FNV-1a 32-bit.
fn fnv32a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in bytes {
        h ^= u32::from(*b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// `rand.SafeEncodeString` of the decimal text of a 32-bit hash, the
/// format of a real `pod-template-hash` (`5d4f8c7b9`).
fn safe_encode(n: u32) -> String {
    const ALPHANUMS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    n.to_string()
        .bytes()
        .map(|b| {
            let i = usize::from(b) % ALPHANUMS.len();
            char::from(ALPHANUMS.get(i).copied().unwrap_or(b'b'))
        })
        .collect()
}

/// A `pod-template-hash` value for the template. Kubernetes hashes Go's
/// printing of the whole template object, which cannot be reproduced
/// outside Go; this value has the same format and is stable for the same
/// template. Only its presence matters to the scheduler (the ReplicaSet's
/// selector requires it, so pods without it never count as replicas).
pub fn pod_template_hash(d: &Deployment) -> String {
    let text = serde_json::to_string(&d.spec.template).unwrap_or_default();
    safe_encode(fnv32a(text.as_bytes()))
}

/// One replica's pod as the API server stores it and the scheduler reads it.
#[derive(Debug, Clone)]
pub struct ReplicaPod {
    pub namespace: String,
    /// Template labels plus `pod-template-hash`.
    pub labels: StringMap,
    /// The defaulted spec, with the admission tolerations added.
    pub spec: PodSpec,
    /// What DefaultTolerationSeconds added.
    pub added_tolerations: Vec<Toleration>,
    pub pod_template_hash: String,
    /// The ReplicaSet's selector (the Deployment's plus `pod-template-hash`),
    /// `None` when the Deployment's selector does not parse.
    pub replica_set_selector: Option<Selector>,
}

impl ReplicaPod {
    /// Builds the replica pod of a (not necessarily defaulted) Deployment.
    pub fn new(d: &Deployment) -> ReplicaPod {
        let hash = pod_template_hash(d);
        let mut labels = d.spec.template.metadata.labels.clone();
        labels.insert(POD_TEMPLATE_HASH, &hash);
        let mut pod = Pod {
            spec: d.spec.template.spec.clone(),
            ..Pod::default()
        };
        defaults::default_pod(&mut pod);
        let added = default_toleration_seconds(&pod.spec.tolerations);
        pod.spec.tolerations.extend(added.iter().cloned());
        let replica_set_selector = Selector::from_label_selector(d.spec.selector.as_ref())
            .ok()
            .and_then(|s| {
                let mut reqs: Vec<Requirement> = s.requirements().to_vec();
                let hash_req =
                    Requirement::new(POD_TEMPLATE_HASH, Operator::Equals, vec![hash.clone()])
                        .ok()?;
                reqs.push(hash_req);
                Some(Selector::from_requirements(reqs))
            });
        ReplicaPod {
            namespace: d.metadata.namespace().to_string(),
            labels,
            spec: pod.spec,
            added_tolerations: added,
            pod_template_hash: hash,
            replica_set_selector,
        }
    }
}

/// Is this input pod one of the Deployment's own replicas (same
/// namespace, matching the selector, controlled by a ReplicaSet named
/// `<deployment>-...`)? Those are left out: the replicas are placed anew.
pub fn owned_by_deployment(d: &Deployment, selector: Option<&Selector>, pod: &Pod) -> bool {
    let name = d.metadata.name();
    !name.is_empty()
        && pod.metadata.namespace() == d.metadata.namespace()
        && selector.is_some_and(|s| s.matches(&pod.metadata.labels))
        && pod.metadata.owner_references.iter().any(|o| {
            o.controller == Some(true)
                && o.kind == "ReplicaSet"
                && o.name
                    .strip_prefix(name)
                    .is_some_and(|rest| rest.starts_with('-'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::k8s::model::Container;

    #[test]
    fn admission_adds_300_second_tolerations_unless_covered() {
        let added = default_toleration_seconds(&[]);
        assert_eq!(added.len(), 2);
        assert!(added
            .iter()
            .all(|t| t.toleration_seconds == Some(300) && t.effect == "NoExecute"));
        let all = Toleration {
            operator: "Exists".into(),
            ..Toleration::default()
        };
        assert!(default_toleration_seconds(&[all]).is_empty());
        let not_ready_no_schedule = Toleration {
            key: taints::TAINT_NOT_READY.into(),
            operator: "Exists".into(),
            effect: "NoSchedule".into(),
            ..Toleration::default()
        };
        assert_eq!(
            default_toleration_seconds(&[not_ready_no_schedule]).len(),
            2
        );
        let unreachable = Toleration {
            key: taints::TAINT_UNREACHABLE.into(),
            operator: "Exists".into(),
            ..Toleration::default()
        };
        let added = default_toleration_seconds(&[unreachable]);
        assert_eq!(added.len(), 1);
        assert_eq!(added[0].key, taints::TAINT_NOT_READY);
    }

    #[test]
    fn deployment_defaults_are_25_percent() {
        let s = defaulted_strategy(None);
        let ru = s.rolling_update.unwrap();
        assert_eq!(ru.max_unavailable, Some(IntOrString::String("25%".into())));
        assert_eq!(ru.max_surge, Some(IntOrString::String("25%".into())));
        let recreate = UpdateStrategy {
            type_: Some("Recreate".into()),
            rolling_update: None,
        };
        assert_eq!(defaulted_strategy(Some(&recreate)), recreate);
    }

    #[test]
    fn replica_pod_has_hash_label_limits_as_requests_and_no_daemon_tolerations() {
        let mut ds = DaemonSet::default();
        ds.metadata.name = Some("agent".into());
        ds.spec.selector = Some(crate::k8s::model::LabelSelector {
            match_labels: [("app".to_string(), "agent".to_string())]
                .into_iter()
                .collect(),
            ..Default::default()
        });
        ds.spec.template.metadata.labels = [("app".to_string(), "agent".to_string())]
            .into_iter()
            .collect();
        let mut c = Container::default();
        c.resources.limits.insert("cpu", "500m");
        ds.spec.template.spec.containers.push(c);
        let d = deployment_from_daemon_set(&ds, 3);
        assert_eq!(d.spec.replicas, Some(3));
        let pod = ReplicaPod::new(&d);
        assert_eq!(
            pod.labels.get(POD_TEMPLATE_HASH),
            Some(pod.pod_template_hash.as_str())
        );
        assert!(!pod.pod_template_hash.is_empty());
        assert_eq!(
            pod.spec.containers[0]
                .resources
                .requests
                .get("cpu")
                .unwrap(),
            "500m"
        );
        assert_eq!(pod.spec.tolerations.len(), 2);
        let sel = pod.replica_set_selector.as_ref().unwrap();
        assert!(sel.matches(&pod.labels));
        // a pod of the same app without the hash is not a replica
        assert!(!sel.matches(
            &[("app".to_string(), "agent".to_string())]
                .into_iter()
                .collect()
        ));
        assert_eq!(pod_template_hash(&d), pod.pod_template_hash);
    }
}
