//! The DaemonSet controller's own decisions (pkg/controller/daemon):
//! which nodes should run a daemon pod (`NodeShouldRunDaemonPod`), the
//! pod it creates for a node (`NewPod`), maxUnavailable / maxSurge scaled
//! against `desiredNumberScheduled`, and the status counters.

use crate::k8s::defaults;
use crate::k8s::intstr::scaled_value;
use crate::k8s::labels::Selector;
use crate::k8s::model::{
    Affinity, DaemonSet, IntOrString, Node, NodeAffinity, NodeSelector, NodeSelectorRequirement,
    NodeSelectorTerm, Pod, PodSpec, Taint,
};
use crate::k8s::node_affinity::{AffinityCheck, RequiredNodeAffinity};
use crate::k8s::taints;
use serde::Serialize;

/// Why the controller does not want a daemon pod on a node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "rule", rename_all = "camelCase")]
pub enum Exclusion {
    /// `spec.template.spec.nodeName` names another node.
    #[serde(rename_all = "camelCase")]
    TemplateNodeName { node_name: String },
    /// nodeSelector or required node affinity does not match.
    #[serde(rename_all = "camelCase")]
    NodeAffinity { check: AffinityCheck },
    /// An untolerated NoSchedule taint: no new pod, an existing one stays.
    #[serde(rename_all = "camelCase")]
    NoScheduleTaint { taint: Taint },
    /// An untolerated NoExecute taint: no pod, an existing one is evicted.
    #[serde(rename_all = "camelCase")]
    NoExecuteTaint { taint: Taint },
}

/// `NodeShouldRunDaemonPod` for one node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeDecision {
    pub should_run: bool,
    pub should_continue_running: bool,
    pub exclusion: Option<Exclusion>,
}

/// A DaemonSet prepared for evaluation against many nodes: defaulted,
/// its daemon pod built once.
#[derive(Debug, Clone)]
pub struct DaemonSetPlan {
    /// The DaemonSet after API defaulting.
    pub ds: DaemonSet,
    /// The daemon pod's spec as the controller builds it (template, the
    /// automatic tolerations) before node pinning and pod defaulting.
    pub pod_spec: PodSpec,
    pub affinity: RequiredNodeAffinity,
}

impl DaemonSetPlan {
    pub fn new(ds: &DaemonSet) -> DaemonSetPlan {
        let mut ds = ds.clone();
        defaults::default_daemon_set(&mut ds);
        let mut pod_spec = ds.spec.template.spec.clone();
        taints::add_daemon_tolerations(&mut pod_spec);
        let affinity = RequiredNodeAffinity::of(&pod_spec);
        DaemonSetPlan {
            ds,
            pod_spec,
            affinity,
        }
    }

    pub fn name(&self) -> &str {
        self.ds.metadata.name()
    }

    /// `NodeShouldRunDaemonPod`.
    pub fn node_should_run(&self, node: &Node) -> NodeDecision {
        if let Some(want) = self.ds.spec.template.spec.node_name.as_deref() {
            if !want.is_empty() && want != node.name() {
                return excluded(
                    false,
                    Exclusion::TemplateNodeName {
                        node_name: want.to_string(),
                    },
                );
            }
        }
        if !self.affinity.matches(node) {
            return excluded(
                false,
                Exclusion::NodeAffinity {
                    check: self.affinity.check(node),
                },
            );
        }
        let tolerations = &self.pod_spec.tolerations;
        if let Some(t) =
            taints::find_untolerated(&node.spec.taints, tolerations, taints::is_do_not_schedule)
        {
            let no_execute = taints::find_untolerated(&node.spec.taints, tolerations, |t| {
                t.effect == taints::NO_EXECUTE
            });
            return match no_execute {
                Some(t) => excluded(false, Exclusion::NoExecuteTaint { taint: t.clone() }),
                None => excluded(true, Exclusion::NoScheduleTaint { taint: t.clone() }),
            };
        }
        NodeDecision {
            should_run: true,
            should_continue_running: true,
            exclusion: None,
        }
    }

    /// The daemon pod for `node` as the controller creates it (`NewPod`
    /// with the required node affinity replaced by `matchFields
    /// metadata.name In [node]`), then defaulted as the API server stores it.
    pub fn daemon_pod_spec(&self, node: &str) -> PodSpec {
        let mut spec = self.pod_spec.clone();
        let term = NodeSelectorTerm {
            match_expressions: Vec::new(),
            match_fields: vec![NodeSelectorRequirement {
                key: "metadata.name".into(),
                operator: "In".into(),
                values: vec![node.to_string()],
            }],
        };
        let affinity = spec.affinity.get_or_insert_with(Affinity::default);
        let na = affinity
            .node_affinity
            .get_or_insert_with(NodeAffinity::default);
        na.required = Some(NodeSelector {
            node_selector_terms: vec![term],
        });
        let mut pod = Pod {
            spec,
            ..Pod::default()
        };
        defaults::default_pod(&mut pod);
        pod.spec
    }

    /// `maxUnavailable` and `maxSurge` scaled against `desired`.
    pub fn rollout_limits(&self, desired: i64) -> RolloutLimits {
        rollout_limits(&self.ds, desired)
    }

    /// The DaemonSet's selector, or `None` when it does not parse.
    pub fn selector(&self) -> Option<Selector> {
        Selector::from_label_selector(self.ds.spec.selector.as_ref()).ok()
    }

    /// Pods the controller would count as its own (`ClaimPods`): in its
    /// namespace, matching the selector, and either controlled by this
    /// DaemonSet or an orphan it adopts (one not being deleted). A
    /// controller reference names this DaemonSet by UID when both carry
    /// one (a dump); a DaemonSet without a UID (a manifest about to be
    /// applied over the running one) is the DaemonSet of that name.
    pub fn owns(&self, selector: &Selector, pod: &Pod) -> bool {
        let meta = &self.ds.metadata;
        if pod.metadata.namespace() != meta.namespace()
            || meta.name().is_empty()
            || !selector.matches(&pod.metadata.labels)
        {
            return false;
        }
        let controller = pod
            .metadata
            .owner_references
            .iter()
            .find(|o| o.controller == Some(true));
        match controller {
            Some(o) => match (non_empty(&meta.uid), non_empty(&o.uid)) {
                (Some(ours), Some(theirs)) => ours == theirs,
                _ => o.kind == "DaemonSet" && o.name == meta.name(),
            },
            None => pod.metadata.deletion_timestamp.is_none(),
        }
    }
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.is_empty())
}

impl DaemonSetPlan {
    /// `util.IsPodUpdated`: the pod's `pod-template-generation` label equals
    /// the DaemonSet's `deprecated.daemonset.template.generation`
    /// annotation. (The controller also accepts a matching
    /// `controller-revision-hash`, a hash of the stored ControllerRevision
    /// that cannot be recomputed from a pasted object; without the
    /// annotation, the pod counts as updated when its containers' names and
    /// images are the template's.)
    pub fn pod_is_updated(&self, pod: &Pod) -> bool {
        let annotation = self
            .ds
            .metadata
            .annotations
            .get("deprecated.daemonset.template.generation");
        match annotation {
            Some(g) => pod.metadata.labels.get("pod-template-generation") == Some(g),
            None => {
                let names_images = |cs: &[crate::k8s::model::Container]| {
                    cs.iter()
                        .map(|c| (c.name.clone(), c.image.clone()))
                        .collect::<Vec<_>>()
                };
                names_images(&pod.spec.containers)
                    == names_images(&self.ds.spec.template.spec.containers)
            }
        }
    }
}

fn excluded(keep: bool, why: Exclusion) -> NodeDecision {
    NodeDecision {
        should_run: false,
        should_continue_running: keep,
        exclusion: Some(why),
    }
}

/// maxUnavailable / maxSurge as the controller computes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RolloutLimits {
    /// Scaled value (percentages rounded up), `None` when invalid.
    pub max_unavailable: Option<i64>,
    pub max_surge: Option<i64>,
    pub max_unavailable_error: Option<String>,
    pub max_surge_error: Option<String>,
    /// After the controller turns 0/0 into 1/0 (when desired > 0);
    /// `None` when either value is invalid.
    pub controller_max_unavailable: Option<i64>,
    pub controller_max_surge: Option<i64>,
    /// The controller's error (the first invalid value), if any.
    pub rollout_error: Option<String>,
}

/// `util.UnavailableCount`, `util.SurgeCount` and `updatedDesiredNodeCounts`.
pub fn rollout_limits(ds: &DaemonSet, desired: i64) -> RolloutLimits {
    let strategy = defaults::defaulted_update_strategy(ds.spec.update_strategy.as_ref());
    let rolling = strategy.type_.as_deref() == Some("RollingUpdate");
    let ru = strategy.rolling_update.as_ref().filter(|_| rolling);
    let scale = |v: Option<&IntOrString>| match (ru, v) {
        (Some(_), Some(v)) => scaled_value(v, desired, true),
        _ => Ok(0),
    };
    let mu = scale(ru.and_then(|r| r.max_unavailable.as_ref()));
    let ms = scale(ru.and_then(|r| r.max_surge.as_ref()));
    let rollout_error = mu
        .as_ref()
        .err()
        .or(ms.as_ref().err())
        .map(ToString::to_string);
    let (cmu, cms) = match (&mu, &ms) {
        (Ok(u), Ok(s)) if desired > 0 && *u == 0 && *s == 0 => (Some(1), Some(0)),
        (Ok(u), Ok(s)) => (Some(*u), Some(*s)),
        _ => (None, None),
    };
    RolloutLimits {
        max_unavailable: mu.as_ref().ok().copied(),
        max_surge: ms.as_ref().ok().copied(),
        max_unavailable_error: mu.err().map(|e| e.0),
        max_surge_error: ms.err().map(|e| e.0),
        controller_max_unavailable: cmu,
        controller_max_surge: cms,
        rollout_error,
    }
}

/// `podutil.IsPodReady`.
pub fn pod_is_ready(pod: &Pod) -> bool {
    pod.status
        .conditions
        .iter()
        .any(|c| c.type_ == "Ready" && c.status == "True")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_zero_becomes_one_zero_only_with_desired_pods() {
        let mut ds = DaemonSet::default();
        ds.spec.update_strategy = Some(crate::k8s::model::UpdateStrategy {
            type_: Some("RollingUpdate".into()),
            rolling_update: Some(crate::k8s::model::RollingUpdate {
                max_unavailable: Some(IntOrString::Int(0)),
                max_surge: Some(IntOrString::Int(0)),
            }),
        });
        let l = rollout_limits(&ds, 3);
        assert_eq!(
            (l.max_unavailable, l.controller_max_unavailable),
            (Some(0), Some(1))
        );
        let l = rollout_limits(&ds, 0);
        assert_eq!(l.controller_max_unavailable, Some(0));
    }

    #[test]
    fn pods_are_claimed_by_controller_reference_then_adopted() {
        let ds: DaemonSet = serde_json::from_value(serde_json::json!({
            "metadata": {"name": "agent", "namespace": "mon", "uid": "u-1"},
            "spec": {"selector": {"matchLabels": {"app": "agent"}}}
        }))
        .unwrap();
        let plan = DaemonSetPlan::new(&ds);
        let selector = plan.selector().unwrap();
        let pod = |meta: serde_json::Value| -> Pod {
            serde_json::from_value(serde_json::json!({ "metadata": meta })).unwrap()
        };
        let owner = |name: &str, uid: Option<&str>| {
            serde_json::json!([{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": name,
                "uid": uid, "controller": true}])
        };
        let base = |extra: serde_json::Value| {
            let mut m =
                serde_json::json!({"name": "p", "namespace": "mon", "labels": {"app": "agent"}});
            for (k, v) in extra.as_object().unwrap() {
                m[k] = v.clone();
            }
            pod(m)
        };
        // ours by UID, whatever the name says
        assert!(plan.owns(
            &selector,
            &base(serde_json::json!({"ownerReferences": owner("old-name", Some("u-1"))}))
        ));
        // another object's, even with our name
        assert!(!plan.owns(
            &selector,
            &base(serde_json::json!({"ownerReferences": owner("agent", Some("u-2"))}))
        ));
        // a reference without a UID falls back to kind and name
        assert!(plan.owns(
            &selector,
            &base(serde_json::json!({"ownerReferences": owner("agent", None)}))
        ));
        // an orphan is adopted, unless it is being deleted
        assert!(plan.owns(&selector, &base(serde_json::json!({}))));
        assert!(!plan.owns(
            &selector,
            &base(serde_json::json!({"deletionTimestamp": "2026-01-01T00:00:00Z"}))
        ));
        // never across namespaces, never against the selector
        assert!(!plan.owns(&selector, &base(serde_json::json!({"namespace": "other"}))));
        assert!(!plan.owns(&selector, &base(serde_json::json!({"labels": {"app": "x"}, "ownerReferences": owner("agent", Some("u-1"))}))));
        // a manifest without a UID: the running DaemonSet of that name
        let mut manifest = ds.clone();
        manifest.metadata.uid = None;
        let plan = DaemonSetPlan::new(&manifest);
        assert!(plan.owns(
            &selector,
            &base(serde_json::json!({"ownerReferences": owner("agent", Some("u-1"))}))
        ));
        assert!(!plan.owns(
            &selector,
            &base(serde_json::json!({"ownerReferences": owner("other", Some("u-9"))}))
        ));
    }
}
