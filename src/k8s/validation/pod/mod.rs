//! Pod template validation (`core/validation.ValidatePodTemplateSpec` and
//! `ValidatePodSpec`) for the fields the model carries: containers and init
//! containers (names, images, ports, env and its `valueFrom`, resources,
//! restart policies, security contexts), host ports, hostNetwork, the
//! pod's security context and host namespaces, nodeSelector, nodeName,
//! serviceAccountName, hostname, subdomain, hostAliases, runtimeClassName,
//! affinity, tolerations,
//! topology spread constraints, DNS config, readiness and scheduling
//! gates, priority class, overhead, the OS-dependent rules and the pod
//! annotations Kubernetes checks.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use super::{
    validate_annotations, validate_label_name, validate_label_selector, validate_labels,
    IS_NEGATIVE_ERROR_MSG,
};
use crate::k8s::field::{json_string, Errors, Path, Value};
use crate::k8s::model::{
    Affinity, Container, ContainerPort, ContainerResizePolicy, EnvFromSource, EnvVarSource,
    NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, PodAffinity, PodAffinityTerm, PodSpec,
    PodTemplateSpec, ResourceList, StringMap, Toleration, TopologySpreadConstraint,
};
use crate::k8s::names;
use crate::k8s::quantity::Quantity;

/// `ValidatePodTemplateSpec`. Note that the template's labels are reported
/// at `<template>.labels` (not `metadata.labels`), as Kubernetes does.
pub fn validate_pod_template_spec(template: &PodTemplateSpec, path: &Path, errs: &mut Errors) {
    validate_labels(&template.metadata.labels, &path.child("labels"), errs);
    validate_annotations(
        &template.metadata.annotations,
        &path.child("annotations"),
        errs,
    );
    validate_pod_specific_annotations(
        &template.metadata.annotations,
        &template.spec,
        &path.child("annotations"),
        errs,
    );
    validate_pod_spec(&template.spec, &path.child("spec"), errs);
}

const MIRROR_POD_ANNOTATION: &str = "kubernetes.io/config.mirror";
const POD_DELETION_COST_ANNOTATION: &str = "controller.kubernetes.io/pod-deletion-cost";
const SECCOMP_POD_ANNOTATION: &str = "seccomp.security.alpha.kubernetes.io/pod";
const SECCOMP_CONTAINER_ANNOTATION_PREFIX: &str = "container.seccomp.security.alpha.kubernetes.io/";
const APPARMOR_CONTAINER_ANNOTATION_PREFIX: &str =
    "container.apparmor.security.beta.kubernetes.io/";

/// `ValidatePodSpecificAnnotations` (the mirror-pod, deletion-cost, seccomp
/// and AppArmor annotations; the legacy tolerations annotation is not
/// checked).
pub fn validate_pod_specific_annotations(
    annotations: &StringMap,
    spec: &PodSpec,
    path: &Path,
    errs: &mut Errors,
) {
    if let Some(v) = annotations.get(MIRROR_POD_ANNOTATION) {
        if spec.node_name.as_deref().unwrap_or("").is_empty() {
            errs.invalid(
                &path.key(MIRROR_POD_ANNOTATION),
                Value::str(v),
                "must set spec.nodeName if mirror pod annotation is set",
            );
        }
    }
    if let Some(v) = annotations.get(POD_DELETION_COST_ANNOTATION) {
        if !is_valid_deletion_cost(v) {
            errs.invalid(
                &path.key(POD_DELETION_COST_ANNOTATION),
                Value::str(v),
                "must be a 32bit integer",
            );
        }
    }
    if let Some(p) = annotations.get(SECCOMP_POD_ANNOTATION) {
        validate_seccomp_profile(p, &path.child(SECCOMP_POD_ANNOTATION), errs);
    }
    for (k, p) in annotations {
        if k.starts_with(SECCOMP_CONTAINER_ANNOTATION_PREFIX) {
            validate_seccomp_profile(p, &path.child(k), errs);
        }
    }
    for (k, p) in annotations {
        let Some(container) = k.strip_prefix(APPARMOR_CONTAINER_ANNOTATION_PREFIX) else {
            continue;
        };
        let found = spec
            .containers
            .iter()
            .chain(spec.init_containers.iter())
            .any(|c| c.name.as_deref() == Some(container));
        if !found {
            errs.invalid(&path.key(k), Value::str(container), "container not found");
        }
        let ok = p.is_empty()
            || p == "runtime/default"
            || p == "unconfined"
            || p.starts_with("localhost/");
        if !ok {
            errs.invalid(
                &path.key(k),
                Value::str(p),
                &format!(
                    "invalid AppArmor profile name: {}",
                    crate::k8s::field::go_quote(p)
                ),
            );
        }
    }
}

/// `helper.GetDeletionCostFromPodAnnotations`: a 32-bit integer without a
/// plus sign or leading zeros.
fn is_valid_deletion_cost(v: &str) -> bool {
    let first_ok = match v.as_bytes().first() {
        None => false,
        Some(b'-') => true,
        Some(b'0') => v == "0",
        Some(c) => c.is_ascii_digit(),
    };
    first_ok && v.parse::<i32>().is_ok()
}

/// `ValidateSeccompProfile` for the legacy annotations.
fn validate_seccomp_profile(p: &str, path: &Path, errs: &mut Errors) {
    if matches!(p, "runtime/default" | "docker/default" | "unconfined") {
        return;
    }
    if let Some(rest) = p.strip_prefix("localhost/") {
        validate_local_descending_path(rest, path, errs);
        return;
    }
    errs.invalid(path, Value::str(p), "must be a valid seccomp profile");
}

/// `validateLocalDescendingPath`.
fn validate_local_descending_path(target: &str, path: &Path, errs: &mut Errors) {
    if target.starts_with('/') {
        errs.invalid(path, Value::str(target), "must be a relative path");
    }
    if target.split('/').any(|part| part == "..") {
        errs.invalid(path, Value::str(target), "must not contain '..'");
    }
}

/// `ValidatePodSpec` for the fields the model carries.
pub fn validate_pod_spec(spec: &PodSpec, path: &Path, errs: &mut Errors) {
    // hostUsers defaults to true
    let host_users = spec.host_users != Some(false);
    let vols = validate_volumes(&spec.volumes, &path.child("volumes"), errs);
    let ctx = PodCtx {
        vols: &vols,
        host_users,
        restart_policy: spec.restart_policy.as_deref().unwrap_or(""),
        // SetDefaults_PodSpec: 30 when not given
        grace_period: Some(spec.termination_grace_period_seconds.unwrap_or(30)),
    };
    validate_containers(&spec.containers, &ctx, &path.child("containers"), errs);
    validate_init_containers(
        &spec.init_containers,
        &spec.containers,
        &ctx,
        &path.child("initContainers"),
        errs,
    );
    validate_host_network_ports(spec, path, errs);
    validate_restart_policy(
        spec.restart_policy.as_deref().unwrap_or(""),
        &path.child("restartPolicy"),
        errs,
    );
    // `validateDNSPolicy` (empty: SetDefaults_PodSpec made it ClusterFirst)
    containers::validate_policy(
        spec.dns_policy.as_deref(),
        &["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"],
        &path.child("dnsPolicy"),
        errs,
    );
    validate_labels(&spec.node_selector, &path.child("nodeSelector"), errs);
    security::validate_pod_spec_security_context(spec, path, errs);
    if let Some(affinity) = &spec.affinity {
        validate_affinity(affinity, &path.child("affinity"), errs);
    }
    dns::validate_pod_dns_config(
        spec.dns_config.as_deref(),
        spec.dns_policy.as_deref(),
        &path.child("dnsConfig"),
        errs,
    );
    dns::validate_readiness_gates(&spec.readiness_gates, &path.child("readinessGates"), errs);
    dns::validate_scheduling_gates(&spec.scheduling_gates, &path.child("schedulingGates"), errs);
    validate_topology_spread_constraints(
        &spec.topology_spread_constraints,
        &path.child("topologySpreadConstraints"),
        errs,
    );
    security::validate_windows_host_process_pod(spec, path, errs);
    security::validate_host_users(spec, path, errs);
    // ValidateServiceAccountName (NameIsDNSSubdomain), when set; the
    // conversion to the internal type takes the deprecated
    // `serviceAccount` when `serviceAccountName` is empty
    let sa = match spec.service_account_name.as_deref().unwrap_or("") {
        "" => spec.service_account.as_deref().unwrap_or(""),
        sa => sa,
    };
    if !sa.is_empty() {
        errs.invalid_each(
            &path.child("serviceAccountName"),
            &Value::str(sa),
            names::name_is_dns_subdomain(sa, false),
        );
    }
    if let Some(node_name) = spec.node_name.as_deref().filter(|n| !n.is_empty()) {
        errs.invalid_each(
            &path.child("nodeName"),
            &Value::str(node_name),
            names::name_is_dns_subdomain(node_name, false),
        );
    }
    if let Some(ads) = spec.active_deadline_seconds {
        if !(1..=i64::from(i32::MAX)).contains(&ads) {
            errs.invalid(
                &path.child("activeDeadlineSeconds"),
                Value::Int(ads),
                &names::inclusive_range_error(1, i64::from(i32::MAX)),
            );
        }
    }
    // ValidateDNS1123Label, when set
    for (field, value) in [("hostname", &spec.hostname), ("subdomain", &spec.subdomain)] {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            errs.invalid_each(
                &path.child(field),
                &Value::str(v),
                names::dns1123_label_errors(v),
            );
        }
    }
    if !spec.tolerations.is_empty() {
        validate_tolerations(&spec.tolerations, &path.child("tolerations"), errs);
    }
    // ValidateHostAliases: IsValidIP (IsValidIPForLegacyField without
    // StrictIPCIDRValidation), each hostname a DNS subdomain
    let aliases = path.child("hostAliases");
    for (i, alias) in spec.host_aliases.iter().enumerate() {
        let p = aliases.index(i);
        dns::validate_ip(&alias.ip, &p.child("ip"), errs);
        for (j, hostname) in alias.hostnames.iter().enumerate() {
            errs.invalid_each(
                &p.child("hostnames").index(j),
                &Value::str(hostname),
                names::dns1123_subdomain_errors(hostname),
            );
        }
    }
    if let Some(pc) = spec
        .priority_class_name
        .as_deref()
        .filter(|n| !n.is_empty())
    {
        errs.invalid_each(
            &path.child("priorityClassName"),
            &Value::str(pc),
            names::name_is_dns_subdomain(pc, false),
        );
    }
    // ValidateRuntimeClassName: any value given, "" too
    if let Some(rc) = spec.runtime_class_name.as_deref() {
        errs.invalid_each(
            &path.child("runtimeClassName"),
            &Value::str(rc),
            names::name_is_dns_subdomain(rc, false),
        );
    }
    // ValidatePreemptionPolicy: "" is required, else one of Go's two
    if let Some(p) = spec.preemption_policy.as_deref() {
        let p_path = path.child("preemptionPolicy");
        if p.is_empty() {
            errs.required(&p_path, "");
        } else {
            validate_policy(Some(p), &["PreemptLowerPriority", "Never"], &p_path, errs);
        }
    }
    if !spec.overhead.is_empty() {
        validate_resource_requirements(
            &spec.overhead,
            &ResourceList::new(),
            &path.child("overhead"),
            errs,
        );
    }
    if let Some(os) = &spec.os {
        os::validate_os(spec, &os.name, path, errs);
    }
}

/// `validateRestartPolicy`.
fn validate_restart_policy(policy: &str, path: &Path, errs: &mut Errors) {
    match policy {
        "Always" | "OnFailure" | "Never" => {}
        "" => errs.required(path, ""),
        other => errs.not_supported(path, Value::typed(other), &["Always", "OnFailure", "Never"]),
    }
}

mod affinity;
mod containers;
mod dns;
mod os;
mod probes;
mod resources;
mod security;
mod tolerations;
mod topology;
mod volume_sources;
mod volumes;

pub use affinity::{validate_affinity, validate_node_selector, validate_node_selector_term};
use containers::*;
pub use containers::{
    validate_container_ports, validate_containers, validate_init_containers, PodCtx,
};
pub(super) use resources::is_integer_resource_name;
#[cfg(any(feature = "node-errors", not(target_arch = "wasm32")))]
pub(super) use resources::validate_resource_quantity_value;
pub use resources::validate_resource_requirements;
#[cfg(any(feature = "node-errors", not(target_arch = "wasm32")))]
pub(super) use tolerations::validate_taint_effect;
pub use tolerations::validate_tolerations;
use topology::*;
pub use volumes::{validate_volume_mounts, validate_volumes, Vols};

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_fields;
