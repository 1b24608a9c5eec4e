//! Where the default kube-scheduler (v1.36) puts the replicas of a
//! Deployment, one scheduling cycle after another
//! ([`crate::scheduler::schedule_one`]), with the replica pod its
//! ReplicaSet creates ([`crate::controllers::deployment`]).

use crate::controllers::deployment::{self as pod, ReplicaPod};
use crate::k8s::labels::Selector;
use crate::k8s::model::{Deployment, Node, ObjectRef, Pod, StringMap, Toleration};
use crate::k8s::resources::{self, PodRequests};
use crate::scheduler::plugins::IncomingPod;
use crate::scheduler::pod_affinity::PodAffinityInfo;
use crate::scheduler::schedule_one::{
    schedule_replicas, score_plugin_weights, PluginWeight, ReplicaPlacement,
    MAX_SIMULATED_REPLICAS, TIE_BREAK,
};
use crate::scheduler::snapshot::CacheSnapshot;
use crate::scheduler::PodInfo;
use serde::Serialize;
use std::collections::BTreeMap;

/// The replica pod as the scheduler sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ReplicaPodFacts {
    /// Template labels plus `pod-template-hash`.
    #[cfg_attr(test, ts(as = "BTreeMap<String, String>"))]
    pub labels: StringMap,
    pub pod_template_hash: String,
    /// Every toleration of the pod.
    pub tolerations: Vec<Toleration>,
    /// Those the DefaultTolerationSeconds admission plugin added.
    pub added_tolerations: Vec<Toleration>,
    /// What NodeResourcesFit filters with.
    pub requests: PodRequests,
    /// What LeastAllocated scores with (100m / 200Mi for containers that
    /// request nothing).
    pub non_zero_requests: PodRequests,
    /// The ReplicaSet selector the system-default spread constraints use.
    pub replica_set_selector: Option<String>,
}

/// Where the default scheduler puts every replica of a Deployment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Placement {
    pub deployment: ObjectRef,
    /// `spec.replicas` after defaulting (1 when unset).
    pub replicas: i64,
    pub pod: ReplicaPodFacts,
    pub score_plugins: Vec<PluginWeight>,
    pub tie_break: &'static str,
    pub placements: Vec<ReplicaPlacement>,
    /// Every node (by name) with the number of replicas bound to it.
    pub pods_per_node: BTreeMap<String, usize>,
    pub scheduled: usize,
    pub pending: usize,
    /// Only the first [`MAX_SIMULATED_REPLICAS`] replicas were simulated.
    pub truncated: bool,
    /// Input problems that were worked around (e.g. an affinity term whose
    /// selector does not parse).
    pub warnings: Vec<String>,
}

/// Builds the scheduler's view of a replica pod.
pub fn incoming_pod(rp: &ReplicaPod) -> IncomingPod {
    IncomingPod {
        namespace: rp.namespace.clone(),
        labels: rp.labels.clone(),
        non_zero_requests: resources::non_zero_pod_requests(&rp.spec),
        affinity: PodAffinityInfo::of(&rp.spec, &rp.namespace),
        info: PodInfo::new(rp.spec.clone()),
        owner_selector: rp.replica_set_selector.clone(),
    }
}

/// The name prefix of simulated replica pods.
fn replica_prefix(d: &Deployment, hash: &str) -> String {
    format!("{}-{hash}-replica-", d.metadata.name())
}

/// Places the replicas of a Deployment (defaulted here) on the nodes,
/// with the other pods already bound. The Deployment's own pods in the
/// input (controlled by one of its ReplicaSets) are left out: every
/// replica is placed anew.
pub fn place_deployment(deploy: &Deployment, nodes: &[Node], pods: &[Pod]) -> Placement {
    place_deployment_filtered(deploy, nodes, pods, |_| true)
}

/// [`place_deployment`], keeping only the pods `keep` accepts.
pub fn place_deployment_filtered(
    deploy: &Deployment,
    nodes: &[Node],
    pods: &[Pod],
    keep: impl Fn(&Pod) -> bool,
) -> Placement {
    let mut d = deploy.clone();
    pod::default_deployment(&mut d);
    let rp = ReplicaPod::new(&d);
    let incoming = incoming_pod(&rp);
    let selector = Selector::from_label_selector(d.spec.selector.as_ref()).ok();
    let mut snap = CacheSnapshot::new(nodes, pods, |p| {
        keep(p) && !pod::owned_by_deployment(&d, selector.as_ref(), p)
    });
    let replicas = i64::from(d.spec.replicas.unwrap_or(1).max(0));
    let count = usize::try_from(replicas).unwrap_or(0);
    let simulated = count.min(MAX_SIMULATED_REPLICAS);
    let placements = schedule_replicas(
        &mut snap,
        &incoming,
        0,
        simulated,
        &replica_prefix(&d, &rp.pod_template_hash),
    );
    let mut pods_per_node: BTreeMap<String, usize> =
        nodes.iter().map(|n| (n.name().to_string(), 0)).collect();
    for p in &placements {
        if let Some(c) = &p.chosen {
            *pods_per_node.entry(c.clone()).or_insert(0) += 1;
        }
    }
    let scheduled = placements.iter().filter(|p| p.chosen.is_some()).count();
    let mut warnings: Vec<String> = incoming
        .affinity
        .errors
        .iter()
        .map(|e| format!("pod affinity term ignored: {e}"))
        .collect();
    if selector.is_none() {
        warnings.push("spec.selector does not parse: no ReplicaSet selector".into());
    }
    Placement {
        deployment: ObjectRef {
            namespace: d.metadata.namespace().to_string(),
            name: d.metadata.name().to_string(),
        },
        replicas,
        pod: ReplicaPodFacts {
            labels: rp.labels.clone(),
            pod_template_hash: rp.pod_template_hash.clone(),
            tolerations: rp.spec.tolerations.clone(),
            added_tolerations: rp.added_tolerations.clone(),
            requests: PodRequests::from(&incoming.info.requests),
            non_zero_requests: PodRequests::from(&incoming.non_zero_requests),
            replica_set_selector: rp.replica_set_selector.as_ref().map(selector_string),
        },
        score_plugins: score_plugin_weights(),
        tie_break: TIE_BREAK,
        pending: placements.len() - scheduled,
        scheduled,
        placements,
        pods_per_node,
        truncated: simulated < count,
        warnings,
    }
}

/// `Selector.String()` for the simple equality selectors used here.
fn selector_string(s: &Selector) -> String {
    s.requirements()
        .iter()
        .map(|r| match r.values() {
            [v] if matches!(
                r.operator(),
                crate::k8s::labels::Operator::Equals | crate::k8s::labels::Operator::DoubleEquals
            ) =>
            {
                format!("{}={v}", r.key())
            }
            vals => format!("{} {} ({})", r.key(), r.operator().as_str(), vals.join(",")),
        })
        .collect::<Vec<_>>()
        .join(",")
}
