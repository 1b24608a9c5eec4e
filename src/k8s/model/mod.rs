//! The Kubernetes objects the engine reads, as small serde types.
//!
//! Only the fields the engine uses are here; everything else in a pasted
//! object (managedFields, most of a status, ...) is
//! skipped. Field names are the API's camelCase JSON names, so a
//! `kubectl get -o json` dump and a hand-written YAML file deserialize the
//! same way. The structs derive `Serialize`; how they deserialize (one
//! serde visitor for all of them, driven by a table of each struct's
//! fields, which keeps the wasm module small) is in [`deserialize`]; the
//! `default` beside a `skip_serializing_if` tells the TypeScript
//! generator that the member may be absent.
//!
//! Fields whose absence matters (for validation's `Required value`, or
//! for the difference between "not set" and "set to empty") are `Option`s.
//! `null` is accepted wherever the API server accepts it and means "not set".

use serde::{Deserialize, Deserializer, Serialize};

pub mod deserialize;

pub use crate::k8s::string_list::StringList;
pub use crate::k8s::string_map::StringMap;

/// Resource name to quantity text, as written (`cpu: 500m`; a number as
/// its JSON text, see [`QuantityText`]): a [`StringMap`] read from a map
/// whose values are quantities.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ResourceList(StringMap);

impl std::ops::Deref for ResourceList {
    type Target = StringMap;
    fn deref(&self) -> &StringMap {
        &self.0
    }
}

impl std::ops::DerefMut for ResourceList {
    fn deref_mut(&mut self) -> &mut StringMap {
        &mut self.0
    }
}

impl ResourceList {
    pub fn new() -> Self {
        Self::default()
    }
}

impl<K: AsRef<str>, V: AsRef<str>> FromIterator<(K, V)> for ResourceList {
    /// Of the same name, the last value stays.
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        ResourceList(iter.into_iter().collect())
    }
}

impl From<StringMap> for ResourceList {
    fn from(map: StringMap) -> Self {
        ResourceList(map)
    }
}

impl<'a> IntoIterator for &'a ResourceList {
    type Item = (&'a str, &'a str);
    type IntoIter = crate::k8s::string_map::Iter<'a>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Read as `BTreeMap<String, QuantityText>` reads a map: only from a map,
/// the last value of a repeated name.
impl<'de> Deserialize<'de> for ResourceList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = ResourceList;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<ResourceList, A::Error> {
                // each name and value written into the map's text as read
                let mut read = StringMap::new();
                let mut name = String::new();
                while a
                    .next_key_seed(crate::k8s::string_map::PushStr(&mut name))?
                    .is_some()
                {
                    let value: QuantityText = a.next_value()?;
                    read.push_entry(&name, &value.0);
                    name.clear();
                }
                Ok(ResourceList(read.in_order()))
            }
        }
        d.deserialize_map(Visit)
    }
}

/// Deserializes `null` (or a missing field, with `#[serde(default)]`) as
/// the type's default.
pub(crate) fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// The text of a `resource.Quantity` as the user wrote it. Kubernetes
/// accepts a JSON string or a bare number; both are kept as text and
/// parsed by [`crate::k8s::quantity::Quantity::parse`] where they are used, so
/// that a bad quantity becomes an error with its field path.
///
/// A number is kept as its JSON text, as `Quantity.UnmarshalJSON` parses
/// it (`1e3` stays `1e3`, which a message prints as `1e3`, not `1k`):
/// a deserializer that has the text gives it when asked for the newtype
/// [`QUANTITY_TEXT`] (the input's own deserializer does); others give
/// the number, written as Rust writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct QuantityText(pub String);

/// The newtype name by which [`QuantityText`] asks a deserializer for a
/// number's text (serde_json's `RawValue` asks for its raw text the same
/// way).
pub const QUANTITY_TEXT: &str = "$daemonset_sim::QuantityText";

impl<'de> Deserialize<'de> for QuantityText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = QuantityText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a quantity (a string such as \"500m\" or \"1Gi\", or a number)")
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<QuantityText, D::Error> {
                d.deserialize_any(V)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<QuantityText, E> {
                Ok(QuantityText(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<QuantityText, E> {
                Ok(QuantityText(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<QuantityText, E> {
                Ok(QuantityText(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<QuantityText, E> {
                Ok(QuantityText(v.to_string()))
            }
            // the number's JSON text, which Quantity's UnmarshalJSON reads
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<QuantityText, E> {
                Ok(QuantityText(crate::strconv::go_json_float(v)))
            }
        }
        d.deserialize_newtype_struct(QUANTITY_TEXT, V)
    }
}

impl QuantityText {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for QuantityText {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for QuantityText {
    fn from(s: &str) -> Self {
        QuantityText(s.to_string())
    }
}

/// `intstr.IntOrString`: `maxUnavailable: 1` or `maxUnavailable: "25%"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(untagged)]
pub enum IntOrString {
    Int(i64),
    String(String),
}

impl std::fmt::Display for IntOrString {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            IntOrString::Int(i) => write!(f, "{i}"),
            IntOrString::String(s) => f.write_str(s),
        }
    }
}

/// A namespaced object's name, as reports name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ObjectRef {
    pub namespace: String,
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OwnerReference {
    pub api_version: String,
    pub kind: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
    pub controller: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectMeta {
    pub name: Option<String>,
    pub generate_name: Option<String>,
    pub namespace: Option<String>,
    /// Set by the API server on create; present in dumps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
    pub labels: StringMap,
    pub annotations: StringMap,
    pub owner_references: Vec<OwnerReference>,
    pub deletion_timestamp: Option<String>,
    /// Set by the API server on create (RFC 3339, seconds); present in dumps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_timestamp: Option<String>,
    pub generation: Option<i64>,
}

impl ObjectMeta {
    pub fn name(&self) -> &str {
        self.name.as_deref().unwrap_or("")
    }
    pub fn namespace(&self) -> &str {
        match self.namespace.as_deref() {
            Some(ns) if !ns.is_empty() => ns,
            _ => "default",
        }
    }
}

// ---------------------------------------------------------------- selectors

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelSelectorRequirement {
    pub key: String,
    pub operator: String,
    pub values: Vec<String>,
}

/// `metav1.LabelSelector`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelSelector {
    pub match_labels: StringMap,
    pub match_expressions: Vec<LabelSelectorRequirement>,
}

/// `v1.NodeSelectorRequirement` (operators In, NotIn, Exists,
/// DoesNotExist, Gt, Lt).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeSelectorRequirement {
    pub key: String,
    pub operator: String,
    pub values: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeSelectorTerm {
    pub match_expressions: Vec<NodeSelectorRequirement>,
    pub match_fields: Vec<NodeSelectorRequirement>,
}

/// `v1.NodeSelector`: terms are ORed, a term's requirements ANDed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeSelector {
    pub node_selector_terms: Vec<NodeSelectorTerm>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PreferredSchedulingTerm {
    pub weight: i32,
    pub preference: NodeSelectorTerm,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeAffinity {
    #[serde(rename = "requiredDuringSchedulingIgnoredDuringExecution")]
    pub required: Option<NodeSelector>,
    #[serde(rename = "preferredDuringSchedulingIgnoredDuringExecution")]
    pub preferred: Vec<PreferredSchedulingTerm>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodAffinityTerm {
    pub label_selector: Option<LabelSelector>,
    pub namespaces: Vec<String>,
    pub topology_key: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WeightedPodAffinityTerm {
    pub weight: i32,
    pub pod_affinity_term: PodAffinityTerm,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodAffinity {
    #[serde(rename = "requiredDuringSchedulingIgnoredDuringExecution")]
    pub required: Vec<PodAffinityTerm>,
    #[serde(rename = "preferredDuringSchedulingIgnoredDuringExecution")]
    pub preferred: Vec<WeightedPodAffinityTerm>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Affinity {
    pub node_affinity: Option<NodeAffinity>,
    pub pod_affinity: Option<PodAffinity>,
    pub pod_anti_affinity: Option<PodAffinity>,
}

// ------------------------------------------------------ taints, tolerations

/// `v1.Taint` on a node.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Taint {
    pub key: String,
    pub value: String,
    pub effect: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_added: Option<String>,
}

/// `v1.Toleration` in a pod spec.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Toleration {
    pub key: String,
    pub operator: String,
    pub value: String,
    pub effect: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub toleration_seconds: Option<i64>,
}

// --------------------------------------------------------------------- pods

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerPort {
    pub name: Option<String>,
    pub container_port: Option<i32>,
    pub host_port: Option<i32>,
    #[serde(rename = "hostIP")]
    pub host_ip: Option<String>,
    pub protocol: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceRequirements {
    pub requests: ResourceList,
    pub limits: ResourceList,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvVar {
    pub name: String,
    pub value: Option<String>,
    /// Read for validation only (not in reports).
    #[serde(skip)]
    pub value_from: Option<Box<EnvVarSource>>,
}

/// An env var's `valueFrom`, the fields validation reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnvVarSource {
    pub field_ref: Option<ObjectFieldSelector>,
    pub resource_field_ref: Option<ResourceFieldSelector>,
    pub config_map_key_ref: Option<KeySelector>,
    pub secret_key_ref: Option<KeySelector>,
    /// `fileKeyRef` (EnvFiles, newer than the validation read): counted
    /// as a source, its fields not checked.
    pub file_key_ref: Option<Given>,
}

/// `valueFrom.configMapKeyRef` or `valueFrom.secretKeyRef`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeySelector {
    pub name: String,
    pub key: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Container {
    pub name: Option<String>,
    pub image: Option<String>,
    pub ports: Vec<ContainerPort>,
    pub resources: ResourceRequirements,
    /// `Always` on an init container makes it a sidecar.
    pub restart_policy: Option<String>,
    pub env: Vec<EnvVar>,
    /// Read for validation only (not in reports).
    #[serde(skip)]
    pub volume_mounts: Vec<VolumeMount>,
    /// Read for validation only (not in reports).
    #[serde(skip)]
    pub security_context: Option<Box<SecurityContext>>,
    /// Read for validation only (not in reports).
    #[serde(skip)]
    pub liveness_probe: Option<Box<Probe>>,
    #[serde(skip)]
    pub readiness_probe: Option<Box<Probe>>,
    #[serde(skip)]
    pub startup_probe: Option<Box<Probe>>,
    #[serde(skip)]
    pub lifecycle: Option<Box<Lifecycle>>,
    #[serde(skip)]
    pub image_pull_policy: Option<String>,
    #[serde(skip)]
    pub termination_message_policy: Option<String>,
    #[serde(skip)]
    pub env_from: Vec<EnvFromSource>,
    #[serde(skip)]
    pub resize_policy: Vec<ContainerResizePolicy>,
}

/// `envFrom[]`: a prefix and the config map or secret to read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnvFromSource {
    pub prefix: String,
    pub config_map_ref: Option<LocalObjectReference>,
    pub secret_ref: Option<LocalObjectReference>,
}

/// `resizePolicy[]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContainerResizePolicy {
    pub resource_name: String,
    pub restart_policy: String,
}

/// A container's `lifecycle` hooks, the fields validation reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lifecycle {
    pub post_start: Option<LifecycleHandler>,
    pub pre_stop: Option<LifecycleHandler>,
}

/// A lifecycle hook's handler.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LifecycleHandler {
    pub exec: Option<ExecAction>,
    pub http_get: Option<HttpGetAction>,
    pub tcp_socket: Option<TcpSocketAction>,
    pub sleep: Option<SleepAction>,
}

/// A `sleep` hook (`seconds` not given is 0, as Go decodes it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SleepAction {
    pub seconds: i64,
}

/// A container's probe, the fields validation reads (as written, not
/// defaulted).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Probe {
    pub exec: Option<ExecAction>,
    pub http_get: Option<HttpGetAction>,
    pub tcp_socket: Option<TcpSocketAction>,
    pub grpc: Option<GrpcAction>,
    pub initial_delay_seconds: Option<i32>,
    pub timeout_seconds: Option<i32>,
    pub period_seconds: Option<i32>,
    pub success_threshold: Option<i32>,
    pub failure_threshold: Option<i32>,
    pub termination_grace_period_seconds: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExecAction {
    pub command: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HttpGetAction {
    pub path: String,
    pub port: Option<IntOrString>,
    pub scheme: Option<String>,
    pub http_headers: Vec<HttpHeader>,
}

/// `httpGet.httpHeaders[]` (validation reads the names).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HttpHeader {
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TcpSocketAction {
    pub port: Option<IntOrString>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GrpcAction {
    pub port: Option<i32>,
}

/// A container's `securityContext`: every field (validation reads them,
/// and prints the whole struct in two of its errors).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SecurityContext {
    pub capabilities: Option<Capabilities>,
    pub privileged: Option<bool>,
    pub se_linux_options: Option<SeLinuxOptions>,
    pub windows_options: Option<WindowsSecurityContextOptions>,
    pub run_as_user: Option<i64>,
    pub run_as_group: Option<i64>,
    pub run_as_non_root: Option<bool>,
    pub read_only_root_filesystem: Option<bool>,
    pub allow_privilege_escalation: Option<bool>,
    pub proc_mount: Option<String>,
    pub seccomp_profile: Option<Profile>,
    pub app_armor_profile: Option<Profile>,
}

/// `securityContext.capabilities`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Capabilities {
    pub add: Vec<String>,
    pub drop: Vec<String>,
}

/// `seLinuxOptions`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeLinuxOptions {
    pub user: String,
    pub role: String,
    pub type_: String,
    pub level: String,
}

/// `windowsOptions` (of a container or of the pod).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WindowsSecurityContextOptions {
    pub gmsa_credential_spec_name: Option<String>,
    pub gmsa_credential_spec: Option<String>,
    pub run_as_user_name: Option<String>,
    pub host_process: Option<bool>,
}

/// A `seccompProfile` or an `appArmorProfile` (the same two fields).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    pub type_: String,
    pub localhost_profile: Option<String>,
}

/// The pod's `securityContext`, the fields validation reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PodSecurityContext {
    pub run_as_user: Option<i64>,
    pub run_as_group: Option<i64>,
    pub fs_group: Option<i64>,
    pub supplemental_groups: Vec<i64>,
    pub supplemental_groups_policy: Option<String>,
    pub fs_group_change_policy: Option<String>,
    pub sysctls: Vec<Sysctl>,
    pub seccomp_profile: Option<Profile>,
    pub app_armor_profile: Option<Profile>,
    pub windows_options: Option<WindowsSecurityContextOptions>,
    pub se_linux_options: Option<SeLinuxOptions>,
    pub se_linux_change_policy: Option<String>,
}

/// `securityContext.sysctls[]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sysctl {
    pub name: String,
    pub value: String,
}

/// A container's `volumeMounts[]` entry, the fields validation reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VolumeMount {
    pub name: String,
    pub mount_path: String,
    pub sub_path: String,
    pub sub_path_expr: String,
    pub read_only: Option<bool>,
    pub mount_propagation: Option<String>,
    pub recursive_read_only: Option<String>,
}

/// A pod's `volumes[]` entry: its name, and which of its sources are
/// given (not `null`), with the fields validation reads of the sources
/// DaemonSets use (`validateVolumeSource`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Volume {
    pub name: String,
    pub host_path: Option<HostPathVolumeSource>,
    pub empty_dir: Option<EmptyDirVolumeSource>,
    pub secret: Option<SecretVolumeSource>,
    pub persistent_volume_claim: Option<PersistentVolumeClaimVolumeSource>,
    pub downward_api: Option<DownwardAPIVolumeSource>,
    pub config_map: Option<ConfigMapVolumeSource>,
    pub projected: Option<ProjectedVolumeSource>,
    pub csi: Option<CSIVolumeSource>,
    pub ephemeral: Option<EphemeralVolumeSource>,
    /// The other sources, by their place in [`OTHER_VOLUME_SOURCES`]
    /// (the places of the typed ones above stay `None`).
    pub others: [Option<Given>; OTHER_VOLUME_SOURCES.len()],
}

impl Volume {
    /// Whether the source at place `i` of [`OTHER_VOLUME_SOURCES`] is given.
    pub fn has_other(&self, i: usize) -> bool {
        match OTHER_VOLUME_SOURCES.get(i).copied() {
            Some("secret") => self.secret.is_some(),
            Some("persistentVolumeClaim") => self.persistent_volume_claim.is_some(),
            Some("downwardAPI") => self.downward_api.is_some(),
            Some("configMap") => self.config_map.is_some(),
            Some("projected") => self.projected.is_some(),
            Some("csi") => self.csi.is_some(),
            Some("ephemeral") => self.ephemeral.is_some(),
            _ => self.others.get(i).is_some_and(Option::is_some),
        }
    }
}

/// The volume sources besides `emptyDir` and `hostPath`, as
/// `validateVolumeSource` checks them (after those two): each one's JSON
/// name.
pub const OTHER_VOLUME_SOURCES: [&str; 28] = [
    "gitRepo",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "secret",
    "nfs",
    "iscsi",
    "glusterfs",
    "flocker",
    "persistentVolumeClaim",
    "rbd",
    "cinder",
    "cephfs",
    "quobyte",
    "downwardAPI",
    "fc",
    "flexVolume",
    "configMap",
    "azureFile",
    "vsphereVolume",
    "photonPersistentDisk",
    "portworxVolume",
    "azureDisk",
    "storageos",
    "projected",
    "scaleIO",
    "csi",
    "ephemeral",
    "image",
];

/// A struct whose fields are not read: that it is given is what counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Given;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostPathVolumeSource {
    pub path: String,
    pub type_: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmptyDirVolumeSource {
    pub size_limit: Option<QuantityText>,
}

/// `items[]` of a secret or config map source (or projection).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyToPath {
    pub key: String,
    pub path: String,
    pub mode: Option<i32>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SecretVolumeSource {
    pub secret_name: String,
    pub default_mode: Option<i32>,
    pub items: Vec<KeyToPath>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfigMapVolumeSource {
    pub name: String,
    pub default_mode: Option<i32>,
    pub items: Vec<KeyToPath>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersistentVolumeClaimVolumeSource {
    pub claim_name: String,
}

/// A downward API file's `fieldRef`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ObjectFieldSelector {
    pub api_version: String,
    pub field_path: String,
}

/// A downward API file's `resourceFieldRef`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResourceFieldSelector {
    pub container_name: String,
    pub resource: String,
    pub divisor: Option<QuantityText>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DownwardAPIVolumeFile {
    pub path: String,
    pub field_ref: Option<ObjectFieldSelector>,
    pub resource_field_ref: Option<ResourceFieldSelector>,
    pub mode: Option<i32>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DownwardAPIVolumeSource {
    pub default_mode: Option<i32>,
    pub items: Vec<DownwardAPIVolumeFile>,
}

/// A projected volume's `secret` or `configMap` source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeysProjection {
    pub name: String,
    pub items: Vec<KeyToPath>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DownwardAPIProjection {
    pub items: Vec<DownwardAPIVolumeFile>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceAccountTokenProjection {
    pub expiration_seconds: Option<i64>,
    pub path: String,
}

/// A projected volume's `sources[]` entry. `clusterTrustBundle` and
/// `podCertificate` are not here: their feature gates are off in v1.36,
/// and the API server drops them before it validates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VolumeProjection {
    pub secret: Option<KeysProjection>,
    pub config_map: Option<KeysProjection>,
    pub downward_api: Option<DownwardAPIProjection>,
    pub service_account_token: Option<ServiceAccountTokenProjection>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectedVolumeSource {
    pub default_mode: Option<i32>,
    pub sources: Vec<VolumeProjection>,
}

/// `nodePublishSecretRef` of a CSI source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocalObjectReference {
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CSIVolumeSource {
    pub driver: String,
    pub node_publish_secret_ref: Option<LocalObjectReference>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EphemeralVolumeSource {
    pub volume_claim_template: Option<Given>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TopologySpreadConstraint {
    pub max_skew: i32,
    pub topology_key: String,
    pub when_unsatisfiable: String,
    pub label_selector: Option<LabelSelector>,
    pub min_domains: Option<i32>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodSpec {
    pub node_name: Option<String>,
    pub node_selector: StringMap,
    pub affinity: Option<Affinity>,
    pub tolerations: Vec<Toleration>,
    pub containers: Vec<Container>,
    pub init_containers: Vec<Container>,
    pub host_network: Option<bool>,
    #[serde(rename = "hostPID")]
    pub host_pid: Option<bool>,
    pub overhead: ResourceList,
    pub restart_policy: Option<String>,
    /// Read for validation only (not in reports).
    #[serde(skip)]
    pub dns_policy: Option<String>,
    pub active_deadline_seconds: Option<i64>,
    pub priority_class_name: Option<String>,
    /// Set by the Priority admission plugin from the class; present in dumps.
    pub priority: Option<i32>,
    /// `Never` or `PreemptLowerPriority`, set by the same plugin.
    pub preemption_policy: Option<String>,
    pub scheduler_name: Option<String>,
    pub topology_spread_constraints: Vec<TopologySpreadConstraint>,
    /// Read for validation only (not in reports).
    #[serde(skip)]
    pub volumes: Vec<Volume>,
    #[serde(skip)]
    pub host_ipc: Option<bool>,
    #[serde(skip)]
    pub host_users: Option<bool>,
    #[serde(skip)]
    pub share_process_namespace: Option<bool>,
    #[serde(skip)]
    pub security_context: Option<Box<PodSecurityContext>>,
    /// 30 once defaulted (`SetDefaults_PodSpec`).
    #[serde(skip)]
    pub termination_grace_period_seconds: Option<i64>,
    #[serde(skip)]
    pub dns_config: Option<Box<PodDnsConfig>>,
    #[serde(skip)]
    pub readiness_gates: Vec<PodReadinessGate>,
    #[serde(skip)]
    pub scheduling_gates: Vec<PodSchedulingGate>,
    #[serde(skip)]
    pub os: Option<Box<PodOs>>,
    #[serde(skip)]
    pub hostname: Option<String>,
    #[serde(skip)]
    pub subdomain: Option<String>,
    #[serde(skip)]
    pub service_account_name: Option<String>,
    /// `serviceAccount`, the deprecated alias of `serviceAccountName`.
    #[serde(skip)]
    pub service_account: Option<String>,
    #[serde(skip)]
    pub runtime_class_name: Option<String>,
    #[serde(skip)]
    pub host_aliases: Vec<HostAlias>,
}

/// `hostAliases[]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostAlias {
    pub ip: String,
    pub hostnames: Vec<String>,
}

/// `dnsConfig`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PodDnsConfig {
    pub nameservers: Vec<String>,
    pub searches: Vec<String>,
    pub options: Vec<PodDnsConfigOption>,
}

/// `dnsConfig.options[]` (validation reads the names).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PodDnsConfigOption {
    pub name: String,
}

/// `readinessGates[]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PodReadinessGate {
    pub condition_type: String,
}

/// `schedulingGates[]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PodSchedulingGate {
    pub name: String,
}

/// `os`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PodOs {
    pub name: String,
}

impl PodSpec {
    pub fn host_network(&self) -> bool {
        self.host_network.unwrap_or(false)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodTemplateSpec {
    pub metadata: ObjectMeta,
    pub spec: PodSpec,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Condition {
    #[serde(rename = "type")]
    pub type_: String,
    pub status: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodStatus {
    pub phase: Option<String>,
    pub conditions: Vec<Condition>,
}

/// `v1.Pod`: other pods already bound to a node (`spec.nodeName`) use
/// its resources and host ports; the DaemonSet's own pods feed the status
/// counters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pod {
    pub metadata: ObjectMeta,
    pub spec: PodSpec,
    pub status: PodStatus,
}

// -------------------------------------------------------------------- nodes

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeSpec {
    pub taints: Vec<Taint>,
    pub unschedulable: Option<bool>,
}

/// `status.images`: the container images on a node (`v1.ContainerImage`:
/// `names` and `sizeBytes`), every name of every image in one
/// [`StringList`]: a dump's nodes list dozens of images each, most of its
/// text, which as a `Vec` of images of `Vec<String>`s took three
/// allocations an image.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImageList {
    pub(crate) names: StringList,
    /// Per image: where its names start in `names`, and its `sizeBytes`.
    pub(crate) images: Vec<(u32, Option<i64>)>,
}

/// One image of an [`ImageList`].
#[derive(Debug, Clone, Copy)]
pub struct Image<'a> {
    list: &'a StringList,
    from: usize,
    to: usize,
    pub size_bytes: Option<i64>,
}

impl<'a> Image<'a> {
    pub fn names(&self) -> impl DoubleEndedIterator<Item = &'a str> + 'a {
        self.list.range(self.from, self.to)
    }
}

impl ImageList {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.images.len()
    }

    pub fn is_empty(&self) -> bool {
        self.images.is_empty()
    }

    /// Adds an image.
    pub fn push<S: AsRef<str>>(
        &mut self,
        names: impl IntoIterator<Item = S>,
        size_bytes: Option<i64>,
    ) {
        self.images.push((self.names_len(), size_bytes));
        for n in names {
            self.names.push(n.as_ref());
        }
    }

    /// The number of names (where the next image's start).
    pub(crate) fn names_len(&self) -> u32 {
        u32::try_from(self.names.len()).expect("fewer than 4 Gi image names")
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Image<'_>> + '_ {
        (0..self.images.len()).map(move |i| Image {
            list: &self.names,
            from: self.images[i].0 as usize,
            to: self
                .images
                .get(i + 1)
                .map_or(self.names.len(), |n| n.0 as usize),
            size_bytes: self.images[i].1,
        })
    }
}

/// As a list of `v1.ContainerImage` objects.
impl Serialize for ImageList {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct ContainerImage<'a> {
            names: Vec<&'a str>,
            size_bytes: Option<i64>,
        }
        s.collect_seq(self.iter().map(|i| ContainerImage {
            names: i.names().collect(),
            size_bytes: i.size_bytes,
        }))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeStatus {
    /// `None` when the object had no `allocatable`: the API server then
    /// defaults it from `capacity`.
    pub allocatable: Option<ResourceList>,
    pub capacity: ResourceList,
    pub conditions: Vec<Condition>,
    pub images: ImageList,
}

/// `v1.Node`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Node {
    pub metadata: ObjectMeta,
    pub spec: NodeSpec,
    pub status: NodeStatus,
}

impl Node {
    pub fn name(&self) -> &str {
        self.metadata.name()
    }
    /// Allocatable as the API server stores it: `capacity` when the
    /// object had no `allocatable`.
    pub fn allocatable(&self) -> &ResourceList {
        self.status
            .allocatable
            .as_ref()
            .unwrap_or(&self.status.capacity)
    }
}

// --------------------------------------------------------------- workloads

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RollingUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_unavailable: Option<IntOrString>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_surge: Option<IntOrString>,
}

/// `DaemonSetUpdateStrategy` (and, for Deployments, `DeploymentStrategy`,
/// which has the same shape).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct UpdateStrategy {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rolling_update: Option<RollingUpdate>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DaemonSetSpec {
    pub selector: Option<LabelSelector>,
    pub template: PodTemplateSpec,
    pub update_strategy: Option<UpdateStrategy>,
    pub min_ready_seconds: Option<i32>,
    pub revision_history_limit: Option<i32>,
}

/// `apps/v1 DaemonSet`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DaemonSet {
    pub api_version: Option<String>,
    pub kind: Option<String>,
    pub metadata: ObjectMeta,
    pub spec: DaemonSetSpec,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentSpec {
    pub replicas: Option<i32>,
    pub selector: Option<LabelSelector>,
    pub template: PodTemplateSpec,
    pub strategy: Option<UpdateStrategy>,
    pub min_ready_seconds: Option<i32>,
}

/// `apps/v1 Deployment`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Deployment {
    pub api_version: Option<String>,
    pub kind: Option<String>,
    pub metadata: ObjectMeta,
    pub spec: DeploymentSpec,
}

/// `scheduling.k8s.io/v1 PriorityClass`: the priority of the pods that
/// name it (the Priority admission plugin sets `spec.priority` from it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PriorityClass {
    pub api_version: Option<String>,
    pub kind: Option<String>,
    pub metadata: ObjectMeta,
    /// A missing value decodes as 0.
    pub value: i32,
    pub global_default: Option<bool>,
    /// `PreemptLowerPriority` when unset (`SetDefaults_PriorityClass`).
    pub preemption_policy: Option<String>,
    pub description: Option<String>,
}
