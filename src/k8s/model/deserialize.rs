//! How the model's structs deserialize: one serde visitor for all of
//! them, driven by each struct's table of fields ([`Fields`]).
//!
//! `#[derive(Deserialize)]` writes a visitor per struct, and the compiler
//! copies each for every deserializer it meets: those visitors were the
//! largest part of the wasm module the page loads first. Here a struct
//! only says which of its fields a JSON member name fills and of what
//! kind the field is ([`Slot`]); the one visitor fills it in place, a
//! struct field by recursion. What each field does with a value is what
//! the derive did: the leaves deserialize with serde's own impls of their
//! types (a `null` is the empty value for the fields that were
//! `#[serde(default, deserialize_with = "null_default")]`), a member no
//! field names is skipped, a struct read from anything but an object (or a
//! `null`, where the deserializer allows it) is `invalid type: ...,
//! expected struct Taint`.

use super::*;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A struct of the model that deserializes through [`Slot`]s.
pub trait Fields {
    /// The struct's name, as serde's messages say it (`struct Taint`).
    fn name(&self) -> &'static str;
    /// The field the JSON member `key` fills, if any.
    fn slot(&mut self, key: &str) -> Option<Slot<'_>>;
}

/// A field to fill, by kind. The leaves are the field types the model
/// has; a new kind of field needs a variant here and a line in
/// [`SlotSeed`].
pub enum Slot<'a> {
    /// A `String` that a `null` leaves empty.
    Str(&'a mut String),
    OptStr(&'a mut Option<String>),
    OptBool(&'a mut Option<bool>),
    I32(&'a mut i32),
    OptI32(&'a mut Option<i32>),
    OptI64(&'a mut Option<i64>),
    /// An `int64` that a `null` leaves 0.
    I64(&'a mut i64),
    /// A `resource.Quantity` that may be absent.
    OptQuantity(&'a mut Option<QuantityText>),
    /// A `StringMap` that a `null` leaves empty.
    Map(&'a mut StringMap),
    /// A `ResourceList` that a `null` leaves empty.
    Resources(&'a mut ResourceList),
    OptResources(&'a mut Option<ResourceList>),
    /// A `Vec<String>` that a `null` leaves empty.
    Strs(&'a mut Vec<String>),
    /// A `Vec<i64>` that a `null` leaves empty.
    I64s(&'a mut Vec<i64>),
    /// A list of strings kept at the end of a [`StringList`] that holds
    /// other lists before it (an image's names): the strings from index
    /// `from` on, replaced when read; a `null` leaves none.
    StrsFrom(&'a mut StringList, usize),
    OptIntOrString(&'a mut Option<IntOrString>),
    /// A struct field (`metadata`): filled in place.
    Struct(&'a mut dyn Fields),
    /// An optional struct (`affinity`): `null` is `None`.
    OptStruct(&'a mut dyn OptFields),
    /// A list of structs (`tolerations`) that a `null` leaves empty.
    Structs(&'a mut dyn FieldsList),
}

/// A boxed struct fills as the struct does (the model boxes the big
/// optional parts of a container and a pod spec, which most objects do
/// not have: a 150,000-pod cluster stays small).
impl<T: Fields> Fields for Box<T> {
    fn name(&self) -> &'static str {
        (**self).name()
    }
    fn slot(&mut self, key: &str) -> Option<Slot<'_>> {
        (**self).slot(key)
    }
}

/// An `Option` of a [`Fields`] struct, for [`Slot::OptStruct`].
pub trait OptFields {
    fn set_none(&mut self);
    /// Sets it to the struct's default and gives it to fill.
    fn set_default(&mut self) -> &mut dyn Fields;
}

impl<T: Fields + Default> OptFields for Option<T> {
    fn set_none(&mut self) {
        *self = None;
    }
    fn set_default(&mut self) -> &mut dyn Fields {
        self.insert(T::default())
    }
}

/// A `Vec` of a [`Fields`] struct, for [`Slot::Structs`].
pub trait FieldsList {
    fn clear(&mut self);
    fn reserve(&mut self, n: usize);
    /// Adds a default element and gives it to fill.
    fn push_default(&mut self) -> &mut dyn Fields;
    fn pop(&mut self);
    /// Gives back the room reserved beyond its length.
    fn shrink(&mut self);
}

impl<T: Fields + Default> FieldsList for Vec<T> {
    fn clear(&mut self) {
        Vec::clear(self)
    }
    fn reserve(&mut self, n: usize) {
        Vec::reserve(self, n)
    }
    fn push_default(&mut self) -> &mut dyn Fields {
        self.push(T::default());
        let last = self.len() - 1;
        &mut self[last]
    }
    fn pop(&mut self) {
        Vec::pop(self);
    }
    fn shrink(&mut self) {
        self.shrink_to_fit()
    }
}

/// Deserializes `d` into `target`, member by member.
pub fn deserialize_into<'de, D: de::Deserializer<'de>>(
    d: D,
    target: &mut dyn Fields,
) -> Result<(), D::Error> {
    d.deserialize_struct(target.name(), &[], StructVisitor(target))
}

/// `impl Fields` and `impl Deserialize` for a model struct, from its
/// table: `"jsonName" => Kind(field)`. A field added to a struct and not
/// to its table fails the test `every_serialized_member_is_in_the_table`
/// (a misspelt name, `every_field_of_every_kind_deserializes_by_its_json_name`).
macro_rules! fields {
    ($($ty:ident { $($key:literal => $kind:ident($field:ident)),* $(,)? })*) => {$(
        impl Fields for $ty {
            fn name(&self) -> &'static str {
                concat!("struct ", stringify!($ty))
            }
            fn slot(&mut self, key: &str) -> Option<Slot<'_>> {
                Some(match key {
                    $($key => Slot::$kind(&mut self.$field),)*
                    _ => return None,
                })
            }
        }
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let mut value = Self::default();
                deserialize_into(d, &mut value)?;
                Ok(value)
            }
        }
    )*};
}

fields! {
    OwnerReference {
        "apiVersion" => Str(api_version),
        "kind" => Str(kind),
        "name" => Str(name),
        "uid" => OptStr(uid),
        "controller" => OptBool(controller),
    }
    ObjectMeta {
        "name" => OptStr(name),
        "generateName" => OptStr(generate_name),
        "namespace" => OptStr(namespace),
        "uid" => OptStr(uid),
        "labels" => Map(labels),
        "annotations" => Map(annotations),
        "ownerReferences" => Structs(owner_references),
        "deletionTimestamp" => OptStr(deletion_timestamp),
        "creationTimestamp" => OptStr(creation_timestamp),
        "generation" => OptI64(generation),
    }
    LabelSelectorRequirement {
        "key" => Str(key),
        "operator" => Str(operator),
        "values" => Strs(values),
    }
    LabelSelector {
        "matchLabels" => Map(match_labels),
        "matchExpressions" => Structs(match_expressions),
    }
    NodeSelectorRequirement {
        "key" => Str(key),
        "operator" => Str(operator),
        "values" => Strs(values),
    }
    NodeSelectorTerm {
        "matchExpressions" => Structs(match_expressions),
        "matchFields" => Structs(match_fields),
    }
    NodeSelector {
        "nodeSelectorTerms" => Structs(node_selector_terms),
    }
    PreferredSchedulingTerm {
        "weight" => I32(weight),
        "preference" => Struct(preference),
    }
    NodeAffinity {
        "requiredDuringSchedulingIgnoredDuringExecution" => OptStruct(required),
        "preferredDuringSchedulingIgnoredDuringExecution" => Structs(preferred),
    }
    PodAffinityTerm {
        "labelSelector" => OptStruct(label_selector),
        "namespaces" => Strs(namespaces),
        "topologyKey" => Str(topology_key),
    }
    WeightedPodAffinityTerm {
        "weight" => I32(weight),
        "podAffinityTerm" => Struct(pod_affinity_term),
    }
    PodAffinity {
        "requiredDuringSchedulingIgnoredDuringExecution" => Structs(required),
        "preferredDuringSchedulingIgnoredDuringExecution" => Structs(preferred),
    }
    Affinity {
        "nodeAffinity" => OptStruct(node_affinity),
        "podAffinity" => OptStruct(pod_affinity),
        "podAntiAffinity" => OptStruct(pod_anti_affinity),
    }
    Taint {
        "key" => Str(key),
        "value" => Str(value),
        "effect" => Str(effect),
        "timeAdded" => OptStr(time_added),
    }
    Toleration {
        "key" => Str(key),
        "operator" => Str(operator),
        "value" => Str(value),
        "effect" => Str(effect),
        "tolerationSeconds" => OptI64(toleration_seconds),
    }
    ContainerPort {
        "name" => OptStr(name),
        "containerPort" => OptI32(container_port),
        "hostPort" => OptI32(host_port),
        "hostIP" => OptStr(host_ip),
        "protocol" => OptStr(protocol),
    }
    ResourceRequirements {
        "requests" => Resources(requests),
        "limits" => Resources(limits),
    }
    EnvVar {
        "name" => Str(name),
        "value" => OptStr(value),
        "valueFrom" => OptStruct(value_from),
    }
    EnvVarSource {
        "fieldRef" => OptStruct(field_ref),
        "resourceFieldRef" => OptStruct(resource_field_ref),
        "configMapKeyRef" => OptStruct(config_map_key_ref),
        "secretKeyRef" => OptStruct(secret_key_ref),
        "fileKeyRef" => OptStruct(file_key_ref),
    }
    KeySelector {
        "name" => Str(name),
        "key" => Str(key),
    }
    Container {
        "name" => OptStr(name),
        "image" => OptStr(image),
        "ports" => Structs(ports),
        "resources" => Struct(resources),
        "restartPolicy" => OptStr(restart_policy),
        "env" => Structs(env),
        "volumeMounts" => Structs(volume_mounts),
        "securityContext" => OptStruct(security_context),
        "livenessProbe" => OptStruct(liveness_probe),
        "readinessProbe" => OptStruct(readiness_probe),
        "startupProbe" => OptStruct(startup_probe),
        "lifecycle" => OptStruct(lifecycle),
        "imagePullPolicy" => OptStr(image_pull_policy),
        "terminationMessagePolicy" => OptStr(termination_message_policy),
        "envFrom" => Structs(env_from),
        "resizePolicy" => Structs(resize_policy),
    }
    EnvFromSource {
        "prefix" => Str(prefix),
        "configMapRef" => OptStruct(config_map_ref),
        "secretRef" => OptStruct(secret_ref),
    }
    ContainerResizePolicy {
        "resourceName" => Str(resource_name),
        "restartPolicy" => Str(restart_policy),
    }
    SleepAction {
        "seconds" => I64(seconds),
    }
    HttpHeader {
        "name" => Str(name),
    }
    Lifecycle {
        "postStart" => OptStruct(post_start),
        "preStop" => OptStruct(pre_stop),
    }
    LifecycleHandler {
        "exec" => OptStruct(exec),
        "httpGet" => OptStruct(http_get),
        "tcpSocket" => OptStruct(tcp_socket),
        "sleep" => OptStruct(sleep),
    }
    Probe {
        "exec" => OptStruct(exec),
        "httpGet" => OptStruct(http_get),
        "tcpSocket" => OptStruct(tcp_socket),
        "grpc" => OptStruct(grpc),
        "initialDelaySeconds" => OptI32(initial_delay_seconds),
        "timeoutSeconds" => OptI32(timeout_seconds),
        "periodSeconds" => OptI32(period_seconds),
        "successThreshold" => OptI32(success_threshold),
        "failureThreshold" => OptI32(failure_threshold),
        "terminationGracePeriodSeconds" => OptI64(termination_grace_period_seconds),
    }
    ExecAction {
        "command" => Strs(command),
    }
    HttpGetAction {
        "path" => Str(path),
        "port" => OptIntOrString(port),
        "scheme" => OptStr(scheme),
        "httpHeaders" => Structs(http_headers),
    }
    TcpSocketAction {
        "port" => OptIntOrString(port),
    }
    GrpcAction {
        "port" => OptI32(port),
    }
    SecurityContext {
        "capabilities" => OptStruct(capabilities),
        "privileged" => OptBool(privileged),
        "seLinuxOptions" => OptStruct(se_linux_options),
        "windowsOptions" => OptStruct(windows_options),
        "runAsUser" => OptI64(run_as_user),
        "runAsGroup" => OptI64(run_as_group),
        "runAsNonRoot" => OptBool(run_as_non_root),
        "readOnlyRootFilesystem" => OptBool(read_only_root_filesystem),
        "allowPrivilegeEscalation" => OptBool(allow_privilege_escalation),
        "procMount" => OptStr(proc_mount),
        "seccompProfile" => OptStruct(seccomp_profile),
        "appArmorProfile" => OptStruct(app_armor_profile),
    }
    Capabilities {
        "add" => Strs(add),
        "drop" => Strs(drop),
    }
    SeLinuxOptions {
        "user" => Str(user),
        "role" => Str(role),
        "type" => Str(type_),
        "level" => Str(level),
    }
    WindowsSecurityContextOptions {
        "gmsaCredentialSpecName" => OptStr(gmsa_credential_spec_name),
        "gmsaCredentialSpec" => OptStr(gmsa_credential_spec),
        "runAsUserName" => OptStr(run_as_user_name),
        "hostProcess" => OptBool(host_process),
    }
    Profile {
        "type" => Str(type_),
        "localhostProfile" => OptStr(localhost_profile),
    }
    PodSecurityContext {
        "runAsUser" => OptI64(run_as_user),
        "runAsGroup" => OptI64(run_as_group),
        "fsGroup" => OptI64(fs_group),
        "supplementalGroups" => I64s(supplemental_groups),
        "supplementalGroupsPolicy" => OptStr(supplemental_groups_policy),
        "fsGroupChangePolicy" => OptStr(fs_group_change_policy),
        "sysctls" => Structs(sysctls),
        "seccompProfile" => OptStruct(seccomp_profile),
        "appArmorProfile" => OptStruct(app_armor_profile),
        "windowsOptions" => OptStruct(windows_options),
        "seLinuxOptions" => OptStruct(se_linux_options),
        "seLinuxChangePolicy" => OptStr(se_linux_change_policy),
    }
    Sysctl {
        "name" => Str(name),
        "value" => Str(value),
    }
    VolumeMount {
        "name" => Str(name),
        "mountPath" => Str(mount_path),
        "subPath" => Str(sub_path),
        "subPathExpr" => Str(sub_path_expr),
        "readOnly" => OptBool(read_only),
        "mountPropagation" => OptStr(mount_propagation),
        "recursiveReadOnly" => OptStr(recursive_read_only),
    }
    HostPathVolumeSource {
        "path" => Str(path),
        "type" => OptStr(type_),
    }
    EmptyDirVolumeSource {
        "sizeLimit" => OptQuantity(size_limit),
    }
    KeyToPath {
        "key" => Str(key),
        "path" => Str(path),
        "mode" => OptI32(mode),
    }
    SecretVolumeSource {
        "secretName" => Str(secret_name),
        "defaultMode" => OptI32(default_mode),
        "items" => Structs(items),
    }
    ConfigMapVolumeSource {
        "name" => Str(name),
        "defaultMode" => OptI32(default_mode),
        "items" => Structs(items),
    }
    PersistentVolumeClaimVolumeSource {
        "claimName" => Str(claim_name),
    }
    ObjectFieldSelector {
        "apiVersion" => Str(api_version),
        "fieldPath" => Str(field_path),
    }
    ResourceFieldSelector {
        "containerName" => Str(container_name),
        "resource" => Str(resource),
        "divisor" => OptQuantity(divisor),
    }
    DownwardAPIVolumeFile {
        "path" => Str(path),
        "fieldRef" => OptStruct(field_ref),
        "resourceFieldRef" => OptStruct(resource_field_ref),
        "mode" => OptI32(mode),
    }
    DownwardAPIVolumeSource {
        "defaultMode" => OptI32(default_mode),
        "items" => Structs(items),
    }
    KeysProjection {
        "name" => Str(name),
        "items" => Structs(items),
    }
    DownwardAPIProjection {
        "items" => Structs(items),
    }
    ServiceAccountTokenProjection {
        "expirationSeconds" => OptI64(expiration_seconds),
        "path" => Str(path),
    }
    VolumeProjection {
        "secret" => OptStruct(secret),
        "configMap" => OptStruct(config_map),
        "downwardAPI" => OptStruct(downward_api),
        "serviceAccountToken" => OptStruct(service_account_token),
    }
    ProjectedVolumeSource {
        "defaultMode" => OptI32(default_mode),
        "sources" => Structs(sources),
    }
    LocalObjectReference {
        "name" => Str(name),
    }
    CSIVolumeSource {
        "driver" => Str(driver),
        "nodePublishSecretRef" => OptStruct(node_publish_secret_ref),
    }
    EphemeralVolumeSource {
        "volumeClaimTemplate" => OptStruct(volume_claim_template),
    }

    TopologySpreadConstraint {
        "maxSkew" => I32(max_skew),
        "topologyKey" => Str(topology_key),
        "whenUnsatisfiable" => Str(when_unsatisfiable),
        "labelSelector" => OptStruct(label_selector),
        "minDomains" => OptI32(min_domains),
    }
    PodSpec {
        "nodeName" => OptStr(node_name),
        "nodeSelector" => Map(node_selector),
        "affinity" => OptStruct(affinity),
        "tolerations" => Structs(tolerations),
        "containers" => Structs(containers),
        "initContainers" => Structs(init_containers),
        "hostNetwork" => OptBool(host_network),
        "hostPID" => OptBool(host_pid),
        "overhead" => Resources(overhead),
        "restartPolicy" => OptStr(restart_policy),
        "dnsPolicy" => OptStr(dns_policy),
        "activeDeadlineSeconds" => OptI64(active_deadline_seconds),
        "priorityClassName" => OptStr(priority_class_name),
        "priority" => OptI32(priority),
        "preemptionPolicy" => OptStr(preemption_policy),
        "schedulerName" => OptStr(scheduler_name),
        "topologySpreadConstraints" => Structs(topology_spread_constraints),
        "volumes" => Structs(volumes),
        "hostIPC" => OptBool(host_ipc),
        "hostUsers" => OptBool(host_users),
        "shareProcessNamespace" => OptBool(share_process_namespace),
        "securityContext" => OptStruct(security_context),
        "terminationGracePeriodSeconds" => OptI64(termination_grace_period_seconds),
        "dnsConfig" => OptStruct(dns_config),
        "readinessGates" => Structs(readiness_gates),
        "schedulingGates" => Structs(scheduling_gates),
        "os" => OptStruct(os),
        "hostname" => OptStr(hostname),
        "subdomain" => OptStr(subdomain),
        "serviceAccountName" => OptStr(service_account_name),
        "serviceAccount" => OptStr(service_account),
        "runtimeClassName" => OptStr(runtime_class_name),
        "hostAliases" => Structs(host_aliases),
    }
    HostAlias {
        "ip" => Str(ip),
        "hostnames" => Strs(hostnames),
    }
    PodDnsConfig {
        "nameservers" => Strs(nameservers),
        "searches" => Strs(searches),
        "options" => Structs(options),
    }
    PodDnsConfigOption {
        "name" => Str(name),
    }
    PodReadinessGate {
        "conditionType" => Str(condition_type),
    }
    PodSchedulingGate {
        "name" => Str(name),
    }
    PodOs {
        "name" => Str(name),
    }
    PodTemplateSpec {
        "metadata" => Struct(metadata),
        "spec" => Struct(spec),
    }
    Condition {
        "type" => Str(type_),
        "status" => Str(status),
    }
    PodStatus {
        "phase" => OptStr(phase),
        "conditions" => Structs(conditions),
    }
    Pod {
        "metadata" => Struct(metadata),
        "spec" => Struct(spec),
        "status" => Struct(status),
    }
    NodeSpec {
        "taints" => Structs(taints),
        "unschedulable" => OptBool(unschedulable),
    }
    NodeStatus {
        "allocatable" => OptResources(allocatable),
        "capacity" => Resources(capacity),
        "conditions" => Structs(conditions),
        "images" => Structs(images),
    }
    Node {
        "metadata" => Struct(metadata),
        "spec" => Struct(spec),
        "status" => Struct(status),
    }
    RollingUpdate {
        "maxUnavailable" => OptIntOrString(max_unavailable),
        "maxSurge" => OptIntOrString(max_surge),
    }
    UpdateStrategy {
        "type" => OptStr(type_),
        "rollingUpdate" => OptStruct(rolling_update),
    }
    DaemonSetSpec {
        "selector" => OptStruct(selector),
        "template" => Struct(template),
        "updateStrategy" => OptStruct(update_strategy),
        "minReadySeconds" => OptI32(min_ready_seconds),
        "revisionHistoryLimit" => OptI32(revision_history_limit),
    }
    DaemonSet {
        "apiVersion" => OptStr(api_version),
        "kind" => OptStr(kind),
        "metadata" => Struct(metadata),
        "spec" => Struct(spec),
    }
    DeploymentSpec {
        "replicas" => OptI32(replicas),
        "selector" => OptStruct(selector),
        "template" => Struct(template),
        "strategy" => OptStruct(strategy),
        "minReadySeconds" => OptI32(min_ready_seconds),
    }
    Deployment {
        "apiVersion" => OptStr(api_version),
        "kind" => OptStr(kind),
        "metadata" => Struct(metadata),
        "spec" => Struct(spec),
    }
    PriorityClass {
        "apiVersion" => OptStr(api_version),
        "kind" => OptStr(kind),
        "metadata" => Struct(metadata),
        "value" => I32(value),
        "globalDefault" => OptBool(global_default),
        "preemptionPolicy" => OptStr(preemption_policy),
        "description" => OptStr(description),
    }
}

/// `intstr.IntOrString`: an integer or a string; what serde's untagged
/// enum of `Int(i64)` and `String(String)` accepted, with its message for
/// anything else.
impl<'de> Deserialize<'de> for IntOrString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'v> Visitor<'v> for V {
            type Value = IntOrString;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an integer or a string")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<IntOrString, E> {
                Ok(IntOrString::Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<IntOrString, E> {
                i64::try_from(v)
                    .map(IntOrString::Int)
                    .map_err(|_| untagged())
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<IntOrString, E> {
                Ok(IntOrString::String(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<IntOrString, E> {
                Ok(IntOrString::String(v))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<IntOrString, E> {
                Err(untagged())
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<IntOrString, E> {
                Err(untagged())
            }
            fn visit_unit<E: de::Error>(self) -> Result<IntOrString, E> {
                Err(untagged())
            }
            fn visit_seq<A: SeqAccess<'v>>(self, _: A) -> Result<IntOrString, A::Error> {
                Err(untagged())
            }
            fn visit_map<A: MapAccess<'v>>(self, _: A) -> Result<IntOrString, A::Error> {
                Err(untagged())
            }
        }
        fn untagged<E: de::Error>() -> E {
            E::custom("data did not match any variant of untagged enum IntOrString")
        }
        d.deserialize_any(V)
    }
}

/// The one visitor of every struct: each member into the field its key
/// names, the others skipped.
struct StructVisitor<'a>(&'a mut dyn Fields);

impl<'de> Visitor<'de> for StructVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.0.name())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(slot) = map.next_key_seed(KeySeed(&mut *self.0))? {
            match slot {
                Some(slot) => map.next_value_seed(SlotSeed(slot))?,
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// A member's key: the field it names, if any.
struct KeySeed<'a>(&'a mut dyn Fields);

impl<'de, 'a> DeserializeSeed<'de> for KeySeed<'a> {
    type Value = Option<Slot<'a>>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<Slot<'a>>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'a> Visitor<'_> for KeySeed<'a> {
    type Value = Option<Slot<'a>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Option<Slot<'a>>, E> {
        Ok(self.0.slot(key))
    }
}

/// A member's value into its field.
struct SlotSeed<'a>(Slot<'a>);

/// `null` (or no value) as the type's empty value, as `null_default` did.
fn or_empty<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(d: D) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

impl<'de> DeserializeSeed<'de> for SlotSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        match self.0 {
            Slot::Str(f) => *f = or_empty(d)?,
            Slot::OptStr(f) => *f = Deserialize::deserialize(d)?,
            Slot::OptBool(f) => *f = Deserialize::deserialize(d)?,
            Slot::I32(f) => *f = Deserialize::deserialize(d)?,
            Slot::OptI32(f) => *f = Deserialize::deserialize(d)?,
            Slot::OptI64(f) => *f = Deserialize::deserialize(d)?,
            Slot::I64(f) => *f = or_empty(d)?,
            Slot::OptQuantity(f) => *f = Deserialize::deserialize(d)?,
            Slot::Map(f) => *f = or_empty(d)?,
            Slot::Resources(f) => *f = or_empty(d)?,
            Slot::OptResources(f) => *f = Deserialize::deserialize(d)?,
            Slot::Strs(f) => *f = or_empty(d)?,
            Slot::StrsFrom(list, from) => {
                list.truncate(from);
                d.deserialize_option(AppendOpt(list))?
            }
            Slot::I64s(f) => *f = or_empty(d)?,
            Slot::OptIntOrString(f) => *f = Deserialize::deserialize(d)?,
            Slot::Struct(f) => deserialize_into(d, f)?,
            Slot::OptStruct(f) => d.deserialize_option(OptVisitor(f))?,
            Slot::Structs(f) => d.deserialize_option(ListVisitor(f))?,
        }
        Ok(())
    }
}

/// An optional struct: `None` for `null`, else filled in place.
struct OptVisitor<'a>(&'a mut dyn OptFields);

impl<'de> Visitor<'de> for OptVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("option")
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.0.set_none();
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        deserialize_into(d, self.0.set_default())
    }
}

/// A list of structs: empty for `null`, else its elements.
struct ListVisitor<'a>(&'a mut dyn FieldsList);

impl<'de> Visitor<'de> for ListVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("option")
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.0.clear();
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.0.clear();
        d.deserialize_seq(SeqVisitor(self.0))
    }
}

/// A `null` or a sequence of strings, onto the end of a list.
struct AppendOpt<'a>(&'a mut StringList);

impl<'de> Visitor<'de> for AppendOpt<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("option")
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(crate::k8s::string_list::Append(self.0))
    }
}

/// An [`ImageList`] fills as a list of `v1.ContainerImage`s: each element
/// is pushed as the list's last image, whose names go at the end of the
/// list's names.
impl Fields for ImageList {
    fn name(&self) -> &'static str {
        "struct ContainerImage"
    }
    fn slot(&mut self, key: &str) -> Option<Slot<'_>> {
        let ImageList { names, images } = self;
        let (from, size) = images.last_mut()?;
        Some(match key {
            "names" => Slot::StrsFrom(names, *from as usize),
            "sizeBytes" => Slot::OptI64(size),
            _ => return None,
        })
    }
}

impl FieldsList for ImageList {
    fn clear(&mut self) {
        self.names.clear();
        self.images.clear();
    }
    fn reserve(&mut self, n: usize) {
        self.images.reserve(n);
        // an image has two names most of the time (a digest and a tag) of
        // fifty bytes or so: room for them at once, instead of the names'
        // growing a dozen times a node
        self.names.reserve(2 * n, 128 * n);
    }
    fn push_default(&mut self) -> &mut dyn Fields {
        let from = self.names_len();
        self.images.push((from, None));
        self
    }
    fn pop(&mut self) {
        if let Some((from, _)) = self.images.pop() {
            self.names.truncate(from as usize);
        }
    }
    fn shrink(&mut self) {
        self.images.shrink_to_fit();
        self.names.shrink_to_fit();
    }
}

impl<'de> Deserialize<'de> for ImageList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut list = ImageList::new();
        d.deserialize_option(ListVisitor(&mut list))?;
        Ok(list)
    }
}

/// The elements of a list of structs, each filled in place.
struct SeqVisitor<'a>(&'a mut dyn FieldsList);

impl<'de> Visitor<'de> for SeqVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // (serde's own Vec caps its hint too)
        self.0.reserve(seq.size_hint().unwrap_or(0).min(4096));
        loop {
            let element = self.0.push_default();
            if seq.next_element_seed(ElementSeed(element))?.is_none() {
                self.0.pop();
                return Ok(());
            }
        }
    }
}

/// An element of a list of structs.
struct ElementSeed<'a>(&'a mut dyn Fields);

impl<'de> DeserializeSeed<'de> for ElementSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        deserialize_into(d, self.0)
    }
}

/// `volumes[]`: the sources validation reads into their structs; the
/// others only say that they are given ([`Given`]).
impl Fields for Volume {
    fn name(&self) -> &'static str {
        "struct Volume"
    }
    fn slot(&mut self, key: &str) -> Option<Slot<'_>> {
        Some(match key {
            "name" => Slot::Str(&mut self.name),
            "hostPath" => Slot::OptStruct(&mut self.host_path),
            "emptyDir" => Slot::OptStruct(&mut self.empty_dir),
            "secret" => Slot::OptStruct(&mut self.secret),
            "persistentVolumeClaim" => Slot::OptStruct(&mut self.persistent_volume_claim),
            "downwardAPI" => Slot::OptStruct(&mut self.downward_api),
            "configMap" => Slot::OptStruct(&mut self.config_map),
            "projected" => Slot::OptStruct(&mut self.projected),
            "csi" => Slot::OptStruct(&mut self.csi),
            "ephemeral" => Slot::OptStruct(&mut self.ephemeral),
            other => {
                let i = OTHER_VOLUME_SOURCES.iter().position(|s| *s == other)?;
                Slot::OptStruct(&mut self.others[i])
            }
        })
    }
}

impl<'de> Deserialize<'de> for Volume {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut value = Self::default();
        deserialize_into(d, &mut value)?;
        Ok(value)
    }
}

impl Fields for Given {
    fn name(&self) -> &'static str {
        "struct Given"
    }
    fn slot(&mut self, _: &str) -> Option<Slot<'_>> {
        None
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use serde::Serialize;
    use serde_json::{json, Value};

    /// One object of each kind the model reads, with every field the
    /// model has set (and one member it does not have, `extra`).
    pub(crate) fn every_field() -> Vec<(&'static str, Value)> {
        let meta = json!({
            "name": "n", "generateName": "g-", "namespace": "ns", "uid": "u-1",
            "labels": {"a": "1"}, "annotations": {"b": "2"},
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": "ds", "uid": "u-2", "controller": true}],
            "deletionTimestamp": "2026-01-01T00:00:00Z", "creationTimestamp": "2026-01-01T00:00:00Z", "generation": 3
        });
        let selector = json!({
            "matchLabels": {"app": "x"},
            "matchExpressions": [{"key": "k", "operator": "In", "values": ["v"]}]
        });
        let term = json!({
            "matchExpressions": [{"key": "k", "operator": "In", "values": ["v"]}],
            "matchFields": [{"key": "metadata.name", "operator": "In", "values": ["n"]}]
        });
        let pod_term =
            json!({"labelSelector": selector, "namespaces": ["ns"], "topologyKey": "zone"});
        let pod_affinity = json!({
            "requiredDuringSchedulingIgnoredDuringExecution": [pod_term],
            "preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 5, "podAffinityTerm": pod_term}]
        });
        let container = json!({
            "name": "c", "image": "i:1",
            "ports": [{"name": "p", "containerPort": 80, "hostPort": 8080, "hostIP": "127.0.0.1", "protocol": "TCP"}],
            "resources": {"requests": {"cpu": "100m"}, "limits": {"memory": "1Gi"}},
            "restartPolicy": "Always",
            "env": [{"name": "E", "value": "v"}]
        });
        let pod_spec = json!({
            "nodeName": "w", "nodeSelector": {"os": "linux"},
            "affinity": {
                "nodeAffinity": {
                    "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [term]},
                    "preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 1, "preference": term}]
                },
                "podAffinity": pod_affinity, "podAntiAffinity": pod_affinity
            },
            "tolerations": [{"key": "k", "operator": "Equal", "value": "v", "effect": "NoExecute", "tolerationSeconds": 30}],
            "containers": [container], "initContainers": [container],
            "hostNetwork": true, "hostPID": false, "overhead": {"cpu": "10m"},
            "restartPolicy": "Always", "activeDeadlineSeconds": 60,
            "priorityClassName": "high", "priority": 1000, "preemptionPolicy": "Never",
            "schedulerName": "default-scheduler",
            "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule", "labelSelector": selector, "minDomains": 2}]
        });
        let template = json!({"metadata": meta, "spec": pod_spec});
        let strategy = json!({"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": 1}});
        let conditions = json!([{"type": "Ready", "status": "True"}]);
        vec![
            (
                "DaemonSet",
                json!({
                    "apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": meta, "extra": 1,
                    "spec": {"selector": selector, "template": template, "updateStrategy": strategy,
                             "minReadySeconds": 5, "revisionHistoryLimit": 10}
                }),
            ),
            (
                "Deployment",
                json!({
                    "apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta,
                    "spec": {"replicas": 3, "selector": selector, "template": template,
                             "strategy": strategy, "minReadySeconds": 5}
                }),
            ),
            (
                "Node",
                json!({
                    "metadata": meta,
                    "spec": {"taints": [{"key": "k", "value": "v", "effect": "NoSchedule", "timeAdded": "2026-01-01T00:00:00Z"}],
                             "unschedulable": true},
                    "status": {"allocatable": {"cpu": "4"}, "capacity": {"cpu": 4},
                               "conditions": conditions, "images": [{"names": ["i:1"], "sizeBytes": 100}]}
                }),
            ),
            (
                "Pod",
                json!({
                    "metadata": meta, "spec": pod_spec,
                    "status": {"phase": "Running", "conditions": conditions}
                }),
            ),
            (
                "PriorityClass",
                json!({
                    "apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": meta,
                    "value": 1000, "globalDefault": false, "preemptionPolicy": "Never", "description": "d"
                }),
            ),
        ]
    }

    fn round_trip<T: for<'de> Deserialize<'de> + Serialize>(v: &Value) -> Value {
        let t: T = serde_json::from_value(v.clone()).expect("decodes");
        serde_json::to_value(&t).unwrap()
    }

    #[test]
    fn every_field_of_every_kind_deserializes_by_its_json_name() {
        for (kind, mut v) in every_field() {
            let back = match kind {
                "DaemonSet" => round_trip::<DaemonSet>(&v),
                "Deployment" => round_trip::<Deployment>(&v),
                "Node" => round_trip::<Node>(&v),
                "Pod" => round_trip::<Pod>(&v),
                _ => round_trip::<PriorityClass>(&v),
            };
            // a member the model does not have is skipped; a number
            // quantity is kept as its text
            v.as_object_mut().unwrap().remove("extra");
            if kind == "Node" {
                v["status"]["capacity"]["cpu"] = json!("4");
            }
            assert_eq!(back, v, "{kind}");
        }
    }

    /// Each member a struct serializes is one its table reads (a field
    /// added to a struct and not to its table fails here).
    #[test]
    fn every_serialized_member_is_in_the_table() {
        fn check<T: Fields + Default + Serialize>() {
            let mut t = T::default();
            let name = t.name();
            for key in serde_json::to_value(T::default())
                .unwrap()
                .as_object()
                .unwrap()
                .keys()
            {
                assert!(t.slot(key).is_some(), "{name}: {key}");
            }
        }
        check::<OwnerReference>();
        check::<ObjectMeta>();
        check::<LabelSelectorRequirement>();
        check::<LabelSelector>();
        check::<NodeSelectorRequirement>();
        check::<NodeSelectorTerm>();
        check::<NodeSelector>();
        check::<PreferredSchedulingTerm>();
        check::<NodeAffinity>();
        check::<PodAffinityTerm>();
        check::<WeightedPodAffinityTerm>();
        check::<PodAffinity>();
        check::<Affinity>();
        check::<Taint>();
        check::<Toleration>();
        check::<ContainerPort>();
        check::<ResourceRequirements>();
        check::<EnvVar>();
        check::<Container>();
        check::<TopologySpreadConstraint>();
        check::<PodSpec>();
        check::<PodTemplateSpec>();
        check::<Condition>();
        check::<PodStatus>();
        check::<Pod>();
        check::<NodeSpec>();
        check::<NodeStatus>();
        check::<Node>();
        check::<RollingUpdate>();
        check::<UpdateStrategy>();
        check::<DaemonSetSpec>();
        check::<DaemonSet>();
        check::<DeploymentSpec>();
        check::<Deployment>();
        check::<PriorityClass>();
    }

    /// A node's images read into one list of names: each image's names
    /// where a `Vec` of `ContainerImage`s would have them (a `null` none,
    /// a repeated `names` the last), written back as that `Vec` was.
    #[test]
    fn images_read_and_write_as_a_list_of_container_images() {
        let text = r#"[{"names":["a@sha256:1","a:1"],"sizeBytes":1},{"names":null},{},
            {"sizeBytes":2,"names":["c"]},{"names":["x","y","z"],"names":["d","e"]},{"names":[]}]"#;
        let list: ImageList = serde_json::from_str(text).unwrap();
        let got: Vec<(Vec<&str>, Option<i64>)> = list
            .iter()
            .map(|i| (i.names().collect(), i.size_bytes))
            .collect();
        let want: Vec<(Vec<&str>, Option<i64>)> = vec![
            (vec!["a@sha256:1", "a:1"], Some(1)),
            (vec![], None),
            (vec![], None),
            (vec!["c"], Some(2)),
            (vec!["d", "e"], None),
            (vec![], None),
        ];
        assert_eq!(got, want);
        assert_eq!(
            serde_json::to_value(&list).unwrap(),
            json!([{"names": ["a@sha256:1", "a:1"], "sizeBytes": 1}, {"names": [], "sizeBytes": null},
                   {"names": [], "sizeBytes": null}, {"names": ["c"], "sizeBytes": 2},
                   {"names": ["d", "e"], "sizeBytes": null}, {"names": [], "sizeBytes": null}])
        );
        let mut built = ImageList::new();
        for (names, size) in &want {
            built.push(names, *size);
        }
        assert_eq!(built, list);
        // a null list is empty; anything but a list of objects is refused
        assert!(serde_json::from_str::<ImageList>("null")
            .unwrap()
            .is_empty());
        let err = serde_json::from_str::<ImageList>(r#"[{"names":"a"}]"#).unwrap_err();
        assert!(err.to_string().contains("expected a sequence"), "{err}");
        let err = serde_json::from_str::<ImageList>("[null]").unwrap_err();
        assert!(
            err.to_string().contains("expected struct ContainerImage"),
            "{err}"
        );
    }

    #[test]
    fn nulls_and_wrong_shapes() {
        // null: the empty value, `None`, or an empty list
        let ds: DaemonSet = serde_json::from_value(json!({
            "metadata": {"labels": null, "name": null},
            "spec": {"selector": null, "template": {"spec": {"tolerations": null}}}
        }))
        .unwrap();
        assert!(ds.metadata.labels.is_empty() && ds.metadata.name.is_none());
        assert!(ds.spec.selector.is_none());
        assert!(ds.spec.template.spec.tolerations.is_empty());
        let t: Taint =
            serde_json::from_value(json!({"key": null, "effect": "NoSchedule"})).unwrap();
        assert_eq!((t.key.as_str(), t.effect.as_str()), ("", "NoSchedule"));
        // a struct, a list, a leaf of the wrong shape: serde derive's
        // messages (measured against it), except that a struct is never
        // read positionally from a list, which the derive did and which
        // no Kubernetes object needs (the input's own deserializer
        // refused it already)
        for (v, message) in [
            (
                json!({"spec": []}),
                "invalid type: sequence, expected struct NodeSpec",
            ),
            (
                json!({"spec": {"taints": {}}}),
                "invalid type: map, expected a sequence",
            ),
            (
                json!({"spec": {"taints": [5]}}),
                "invalid type: integer `5`, expected struct Taint",
            ),
            (
                json!({"spec": {"unschedulable": "yes"}}),
                "invalid type: string \"yes\", expected a boolean",
            ),
            (
                json!({"metadata": {"labels": {"a": 1}}}),
                "invalid type: integer `1`, expected a string",
            ),
        ] {
            let e = serde_json::from_value::<Node>(v).unwrap_err();
            assert_eq!(e.to_string(), message);
        }
    }

    #[test]
    fn int_or_string_takes_an_integer_or_a_string_only() {
        let ru = |v: Value| serde_json::from_value::<RollingUpdate>(json!({"maxUnavailable": v}));
        assert_eq!(
            ru(json!(2)).unwrap().max_unavailable,
            Some(IntOrString::Int(2))
        );
        assert_eq!(
            ru(json!(-2)).unwrap().max_unavailable,
            Some(IntOrString::Int(-2))
        );
        assert_eq!(
            ru(json!("25%")).unwrap().max_unavailable,
            Some(IntOrString::String("25%".into()))
        );
        assert_eq!(ru(Value::Null).unwrap().max_unavailable, None);
        for v in [
            json!(1.5),
            json!(true),
            json!(u64::MAX),
            json!([1]),
            json!({}),
        ] {
            assert_eq!(
                ru(v.clone()).unwrap_err().to_string(),
                "data did not match any variant of untagged enum IntOrString",
                "{v}"
            );
        }
    }
}
