//! One serde type that any pasted Kubernetes object deserializes into, so
//! that a document is read once, whatever its kind and whatever the order
//! of its fields (`kubectl get -o json` puts `kind: List` after `items`).
//! The union holds the fields of DaemonSet, Deployment, Node and Pod, which
//! never clash; `into_*` moves them into the typed objects.

use crate::input::shorthand::ShortCluster;
use crate::k8s::model::*;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AnyObject {
    #[serde(default)]
    pub api_version: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub metadata: Option<ObjectMeta>,
    #[serde(default)]
    pub spec: Option<AnySpec>,
    #[serde(default)]
    pub status: Option<AnyStatus>,
    /// `kind: List` / `NodeList` / ...
    #[serde(default, deserialize_with = "null_default")]
    pub items: Vec<AnyObject>,
    /// The shorthand node list (a document without `kind`).
    #[serde(default)]
    pub nodes: Option<ShortCluster>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AnySpec {
    // DaemonSet, Deployment
    #[serde(default)]
    pub selector: Option<LabelSelector>,
    #[serde(default)]
    pub template: Option<PodTemplateSpec>,
    #[serde(default)]
    pub update_strategy: Option<UpdateStrategy>,
    #[serde(default)]
    pub strategy: Option<UpdateStrategy>,
    #[serde(default)]
    pub min_ready_seconds: Option<i32>,
    #[serde(default)]
    pub revision_history_limit: Option<i32>,
    #[serde(default)]
    pub replicas: Option<i32>,
    // Node
    #[serde(default, deserialize_with = "null_default")]
    pub taints: Vec<Taint>,
    #[serde(default)]
    pub unschedulable: Option<bool>,
    // Pod
    #[serde(default)]
    pub node_name: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub node_selector: StringMap,
    #[serde(default)]
    pub affinity: Option<Affinity>,
    #[serde(default, deserialize_with = "null_default")]
    pub tolerations: Vec<Toleration>,
    #[serde(default, deserialize_with = "null_default")]
    pub containers: Vec<Container>,
    #[serde(default, deserialize_with = "null_default")]
    pub init_containers: Vec<Container>,
    #[serde(default)]
    pub host_network: Option<bool>,
    #[serde(default, rename = "hostPID")]
    pub host_pid: Option<bool>,
    #[serde(default, deserialize_with = "null_default")]
    pub overhead: ResourceList,
    #[serde(default)]
    pub restart_policy: Option<String>,
    #[serde(default)]
    pub active_deadline_seconds: Option<i64>,
    #[serde(default)]
    pub priority_class_name: Option<String>,
    #[serde(default)]
    pub priority: Option<i32>,
    #[serde(default)]
    pub scheduler_name: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub topology_spread_constraints: Vec<TopologySpreadConstraint>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AnyStatus {
    // Node
    #[serde(default)]
    pub allocatable: Option<ResourceList>,
    #[serde(default, deserialize_with = "null_default")]
    pub capacity: ResourceList,
    #[serde(default, deserialize_with = "null_default")]
    pub images: Vec<ContainerImage>,
    // Node, Pod
    #[serde(default, deserialize_with = "null_default")]
    pub conditions: Vec<Condition>,
    // Pod
    #[serde(default)]
    pub phase: Option<String>,
}

impl AnyObject {
    pub fn into_daemon_set(self) -> DaemonSet {
        let s = self.spec.unwrap_or_default();
        DaemonSet {
            api_version: self.api_version,
            kind: self.kind,
            metadata: self.metadata.unwrap_or_default(),
            spec: DaemonSetSpec {
                selector: s.selector,
                template: s.template.unwrap_or_default(),
                update_strategy: s.update_strategy,
                min_ready_seconds: s.min_ready_seconds,
                revision_history_limit: s.revision_history_limit,
            },
        }
    }

    pub fn into_deployment(self) -> Deployment {
        let s = self.spec.unwrap_or_default();
        Deployment {
            api_version: self.api_version,
            kind: self.kind,
            metadata: self.metadata.unwrap_or_default(),
            spec: DeploymentSpec {
                replicas: s.replicas,
                selector: s.selector,
                template: s.template.unwrap_or_default(),
                strategy: s.strategy,
                min_ready_seconds: s.min_ready_seconds,
            },
        }
    }

    pub fn into_node(self) -> Node {
        let s = self.spec.unwrap_or_default();
        let st = self.status.unwrap_or_default();
        Node {
            metadata: self.metadata.unwrap_or_default(),
            spec: NodeSpec {
                taints: s.taints,
                unschedulable: s.unschedulable,
            },
            status: NodeStatus {
                allocatable: st.allocatable,
                capacity: st.capacity,
                conditions: st.conditions,
                images: st.images,
            },
        }
    }

    pub fn into_pod(self) -> Pod {
        let s = self.spec.unwrap_or_default();
        let st = self.status.unwrap_or_default();
        Pod {
            metadata: self.metadata.unwrap_or_default(),
            spec: PodSpec {
                node_name: s.node_name,
                node_selector: s.node_selector,
                affinity: s.affinity,
                tolerations: s.tolerations,
                containers: s.containers,
                init_containers: s.init_containers,
                host_network: s.host_network,
                host_pid: s.host_pid,
                overhead: s.overhead,
                restart_policy: s.restart_policy,
                active_deadline_seconds: s.active_deadline_seconds,
                priority_class_name: s.priority_class_name,
                priority: s.priority,
                scheduler_name: s.scheduler_name,
                topology_spread_constraints: s.topology_spread_constraints,
            },
            status: PodStatus {
                phase: st.phase,
                conditions: st.conditions,
            },
        }
    }
}
