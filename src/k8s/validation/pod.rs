//! Pod template validation (`core/validation.ValidatePodTemplateSpec` and
//! `ValidatePodSpec`) for the fields the model carries: containers and init
//! containers (names, images, ports, env, resources, restart policies),
//! host ports, hostNetwork, nodeSelector, nodeName, affinity, tolerations,
//! topology spread constraints, priority class, overhead and the pod
//! annotations Kubernetes checks.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use super::{
    validate_annotations, validate_label_name, validate_label_selector, validate_labels,
    IS_NEGATIVE_ERROR_MSG,
};
use crate::k8s::field::{json_string, Errors, Path, Value};
use crate::k8s::model::{
    Affinity, Container, ContainerPort, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm,
    PodAffinity, PodAffinityTerm, PodSpec, PodTemplateSpec, ResourceList, StringMap, Toleration,
    TopologySpreadConstraint,
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
    validate_containers(&spec.containers, &path.child("containers"), errs);
    validate_init_containers(
        &spec.init_containers,
        &spec.containers,
        &path.child("initContainers"),
        errs,
    );
    validate_host_network_ports(spec, path, errs);
    validate_restart_policy(
        spec.restart_policy.as_deref().unwrap_or(""),
        &path.child("restartPolicy"),
        errs,
    );
    validate_labels(&spec.node_selector, &path.child("nodeSelector"), errs);
    if let Some(affinity) = &spec.affinity {
        validate_affinity(affinity, &path.child("affinity"), errs);
    }
    validate_topology_spread_constraints(
        &spec.topology_spread_constraints,
        &path.child("topologySpreadConstraints"),
        errs,
    );
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
    if !spec.tolerations.is_empty() {
        validate_tolerations(&spec.tolerations, &path.child("tolerations"), errs);
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
    if !spec.overhead.is_empty() {
        validate_resource_requirements(
            &spec.overhead,
            &ResourceList::new(),
            &path.child("overhead"),
            errs,
        );
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

/// `validateContainerCommon`: name, image, ports, env and resources.
fn validate_container_common(c: &Container, path: &Path, errs: &mut Errors) {
    let name = c.name.as_deref().unwrap_or("");
    if name.is_empty() {
        errs.required(&path.child("name"), "");
    } else {
        errs.invalid_each(
            &path.child("name"),
            &Value::str(name),
            names::dns1123_label_errors(name),
        );
    }
    if c.image.as_deref().unwrap_or("").is_empty() {
        errs.required(&path.child("image"), "");
    }
    validate_container_ports(&c.ports, &path.child("ports"), errs);
    for (i, env) in c.env.iter().enumerate() {
        let p = path.child("env").index(i);
        if env.name.is_empty() {
            errs.required(&p.child("name"), "");
        } else if env
            .name
            .chars()
            .any(|ch| !ch.is_ascii() || ch.is_ascii_control() || ch == '=')
        {
            // RelaxedEnvironmentVariableValidation (GA): printable ASCII but '='.
            errs.invalid(
                &p.child("name"),
                Value::str(&env.name),
                "a valid environment variable name must consist only of printable ASCII characters other than '='",
            );
        }
    }
    validate_resource_requirements(
        &c.resources.limits,
        &c.resources.requests,
        &path.child("resources"),
        errs,
    );
}

/// Container restart policies (ContainerRestartRules, on in v1.36).
fn validate_container_restart_policy(policy: &str, path: &Path, errs: &mut Errors) {
    if !matches!(policy, "Always" | "OnFailure" | "Never") {
        errs.not_supported(
            path,
            Value::typed(policy),
            &["Always", "OnFailure", "Never"],
        );
    }
}

/// `validateContainers`.
pub fn validate_containers(containers: &[Container], path: &Path, errs: &mut Errors) {
    if containers.is_empty() {
        errs.required(path, "");
        return;
    }
    let mut all_names: BTreeSet<&str> = BTreeSet::new();
    for (i, c) in containers.iter().enumerate() {
        let p = path.index(i);
        validate_container_common(c, &p, errs);
        let name = c.name.as_deref().unwrap_or("");
        if !all_names.insert(name) {
            errs.duplicate(&p.child("name"), Value::str(name));
        }
        if let Some(rp) = &c.restart_policy {
            validate_container_restart_policy(rp, &p.child("restartPolicy"), errs);
        }
    }
    check_host_port_conflicts(containers, path, errs);
}

/// `validateInitContainers`: names must also differ from the regular
/// containers'; host ports are checked one init container at a time (and,
/// as in Kubernetes, reported at index 0).
pub fn validate_init_containers(
    init: &[Container],
    regular: &[Container],
    path: &Path,
    errs: &mut Errors,
) {
    let mut all_names: BTreeSet<&str> = regular
        .iter()
        .map(|c| c.name.as_deref().unwrap_or(""))
        .collect();
    for (i, c) in init.iter().enumerate() {
        let p = path.index(i);
        validate_container_common(c, &p, errs);
        if let Some(rp) = &c.restart_policy {
            validate_container_restart_policy(rp, &p.child("restartPolicy"), errs);
        }
        let name = c.name.as_deref().unwrap_or("");
        if all_names.contains(name) {
            errs.duplicate(&p.child("name"), Value::str(name));
        } else if !name.is_empty() {
            all_names.insert(name);
        }
        check_host_port_conflicts(std::slice::from_ref(c), path, errs);
    }
}

/// `validateContainerPorts`.
pub fn validate_container_ports(ports: &[ContainerPort], path: &Path, errs: &mut Errors) {
    let mut names_seen: BTreeSet<&str> = BTreeSet::new();
    for (i, port) in ports.iter().enumerate() {
        let p = path.index(i);
        if let Some(name) = port.name.as_deref().filter(|n| !n.is_empty()) {
            let msgs = names::port_name_errors(name);
            if !msgs.is_empty() {
                errs.invalid_each(&p.child("name"), &Value::str(name), msgs);
            } else if !names_seen.insert(name) {
                errs.duplicate(&p.child("name"), Value::str(name));
            }
        }
        let cp = i64::from(port.container_port.unwrap_or(0));
        if cp == 0 {
            errs.required(&p.child("containerPort"), "");
        } else {
            errs.invalid_each(
                &p.child("containerPort"),
                &Value::Int(cp),
                names::port_num_errors(cp),
            );
        }
        let hp = i64::from(port.host_port.unwrap_or(0));
        if hp != 0 {
            errs.invalid_each(
                &p.child("hostPort"),
                &Value::Int(hp),
                names::port_num_errors(hp),
            );
        }
        match port.protocol.as_deref().unwrap_or("") {
            "" => errs.required(&p.child("protocol"), ""),
            "TCP" | "UDP" | "SCTP" => {}
            other => errs.not_supported(
                &p.child("protocol"),
                Value::typed(other),
                &["SCTP", "TCP", "UDP"],
            ),
        }
    }
}

/// `checkHostPortConflicts` / `AccumulateUniqueHostPorts`: the same
/// `protocol/hostIP/hostPort` twice is a duplicate.
fn check_host_port_conflicts(containers: &[Container], path: &Path, errs: &mut Errors) {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for (ci, c) in containers.iter().enumerate() {
        for (pi, port) in c.ports.iter().enumerate() {
            let hp = port.host_port.unwrap_or(0);
            if hp == 0 {
                continue;
            }
            let key = format!(
                "{}/{}/{}",
                port.protocol.as_deref().unwrap_or(""),
                port.host_ip.as_deref().unwrap_or(""),
                hp
            );
            if seen.contains(&key) {
                errs.duplicate(
                    &path.index(ci).child("ports").index(pi).child("hostPort"),
                    Value::Str(key),
                );
            } else {
                seen.insert(key);
            }
        }
    }
}

/// `validatePodHostNetworkDeps` for a pod template: with hostNetwork, a
/// host port, when set, must equal the container port (regular containers
/// only).
fn validate_host_network_ports(spec: &PodSpec, path: &Path, errs: &mut Errors) {
    if !spec.host_network() {
        return;
    }
    let cpath = path.child("containers");
    for (i, c) in spec.containers.iter().enumerate() {
        for (j, port) in c.ports.iter().enumerate() {
            let hp = port.host_port.unwrap_or(0);
            let cp = port.container_port.unwrap_or(0);
            if hp != 0 && hp != cp {
                errs.invalid(
                    &cpath.index(i).child("ports").index(j).child("hostPort"),
                    Value::Int(i64::from(hp)),
                    "must match `containerPort` when `hostNetwork` is true",
                );
            }
        }
    }
}

// ------------------------------------------------------------- resources

const HUGE_PAGES_PREFIX: &str = "hugepages-";
const DEFAULT_NAMESPACE_PREFIX: &str = "kubernetes.io/";
const REQUESTS_PREFIX: &str = "requests.";

fn is_huge_page_resource_name(name: &str) -> bool {
    name.starts_with(HUGE_PAGES_PREFIX)
}

/// `helper.IsStandardResourceName`.
fn is_standard_resource_name(name: &str) -> bool {
    const STANDARD: [&str; 20] = [
        "cpu",
        "memory",
        "ephemeral-storage",
        "requests.cpu",
        "requests.memory",
        "requests.ephemeral-storage",
        "limits.cpu",
        "limits.memory",
        "limits.ephemeral-storage",
        "pods",
        "resourcequotas",
        "services",
        "replicationcontrollers",
        "secrets",
        "persistentvolumeclaims",
        "configmaps",
        "storage",
        "requests.storage",
        "services.nodeports",
        "services.loadbalancers",
    ];
    STANDARD.contains(&name)
        || name.starts_with(HUGE_PAGES_PREFIX)
        || name.starts_with("requests.hugepages-")
}

/// `helper.IsStandardContainerResourceName`.
fn is_standard_container_resource_name(name: &str) -> bool {
    matches!(name, "cpu" | "memory" | "ephemeral-storage") || is_huge_page_resource_name(name)
}

/// `helper.IsNativeResource`: no domain, or a `kubernetes.io/` one.
fn is_native_resource(name: &str) -> bool {
    !name.contains('/') || name.contains(DEFAULT_NAMESPACE_PREFIX)
}

/// `helper.IsExtendedResourceName`.
fn is_extended_resource_name(name: &str) -> bool {
    if is_native_resource(name) || name.starts_with(REQUESTS_PREFIX) {
        return false;
    }
    names::qualified_name_errors(&format!("{REQUESTS_PREFIX}{name}")).is_empty()
}

/// `helper.IsOvercommitAllowed`.
fn is_overcommit_allowed(name: &str) -> bool {
    is_native_resource(name) && !is_huge_page_resource_name(name)
}

/// `helper.IsIntegerResourceName`.
fn is_integer_resource_name(name: &str) -> bool {
    matches!(
        name,
        "pods"
            | "resourcequotas"
            | "services"
            | "replicationcontrollers"
            | "secrets"
            | "configmaps"
            | "persistentvolumeclaims"
            | "services.nodeports"
            | "services.loadbalancers"
    ) || is_extended_resource_name(name)
}

/// `validateContainerResourceName` (with `validateResourceName`).
fn validate_container_resource_name(name: &str, path: &Path, errs: &mut Errors) {
    let msgs = names::qualified_name_errors(name);
    let qualified = msgs.is_empty();
    errs.invalid_each(path, &Value::typed(name), msgs);
    if !name.contains('/') {
        if qualified && !is_standard_resource_name(name) {
            errs.invalid(
                path,
                Value::typed(name),
                "must be a standard resource type or fully qualified",
            );
        }
        if !is_standard_container_resource_name(name) {
            errs.invalid(
                path,
                Value::typed(name),
                "must be a standard resource for containers",
            );
        }
    } else if !is_native_resource(name) && !is_extended_resource_name(name) {
        errs.invalid(
            path,
            Value::typed(name),
            "doesn't follow extended resource name standard",
        );
    }
}

/// Parses a quantity of a resource list; a value the API server could not
/// even decode is reported at its path.
fn parse_quantity(text: &str, path: &Path, errs: &mut Errors) -> Option<Quantity> {
    match Quantity::parse(text) {
        Ok(q) => Some(q),
        Err(e) => {
            errs.invalid(path, Value::str(text), &e.0);
            None
        }
    }
}

/// `ValidateResourceQuantityValue`.
fn validate_resource_quantity_value(name: &str, q: &Quantity, path: &Path, errs: &mut Errors) {
    if q.sign() < 0 {
        errs.invalid(path, Value::str(&q.canonical()), IS_NEGATIVE_ERROR_MSG);
    }
    if is_integer_resource_name(name) && q.milli_value() % 1000 != 0 {
        errs.invalid(
            path,
            Value::Raw(json_string(&q.canonical())),
            "must be an integer",
        );
    }
}

/// `validateResourceQuantityHugePageValue`: a whole number of pages.
fn validate_huge_page_value(name: &str, q: &Quantity, path: &Path, errs: &mut Errors) {
    let divisible = name
        .strip_prefix(HUGE_PAGES_PREFIX)
        .and_then(|size| Quantity::parse(size).ok())
        .filter(|page| page.sign() > 0 && page.milli_value() % 1000 == 0 && page.value() != 0)
        .is_some_and(|page| q.value() % page.value() == 0);
    if !divisible {
        let canonical = q.canonical();
        errs.invalid(
            path,
            Value::str(&canonical),
            &format!("{canonical} is not positive integer multiple of {name}"),
        );
    }
}

/// `ValidateContainerResourceRequirements` (limits and requests of a
/// container, or a pod's overhead as limits).
pub fn validate_resource_requirements(
    limits: &ResourceList,
    requests: &ResourceList,
    path: &Path,
    errs: &mut Errors,
) {
    let lim_path = path.child("limits");
    let req_path = path.child("requests");
    let mut lim_cpu_or_memory = false;
    let mut req_cpu_or_memory = false;
    let mut lim_huge_pages = false;
    let mut req_huge_pages = false;
    for (name, text) in limits {
        let p = lim_path.key(name);
        validate_container_resource_name(name, &p, errs);
        let Some(q) = parse_quantity(text.as_str(), &p, errs) else {
            continue;
        };
        validate_resource_quantity_value(name, &q, &p, errs);
        if is_huge_page_resource_name(name) {
            lim_huge_pages = true;
            validate_huge_page_value(name, &q, &p, errs);
        }
        if name == "cpu" || name == "memory" {
            lim_cpu_or_memory = true;
        }
    }
    for (name, text) in requests {
        let p = req_path.key(name);
        validate_container_resource_name(name, &p, errs);
        let Some(q) = parse_quantity(text.as_str(), &p, errs) else {
            continue;
        };
        validate_resource_quantity_value(name, &q, &p, errs);
        match limits.get(name).map(|l| Quantity::parse(l.as_str())) {
            Some(Ok(limit)) => {
                let ord = q.cmp_exact(&limit);
                if ord != Ordering::Equal && !is_overcommit_allowed(name) {
                    errs.invalid(
                        &req_path,
                        Value::str(&q.canonical()),
                        &format!("must be equal to {name} limit of {}", limit.canonical()),
                    );
                } else if ord == Ordering::Greater {
                    errs.invalid(
                        &req_path,
                        Value::str(&q.canonical()),
                        &format!(
                            "must be less than or equal to {name} limit of {}",
                            limit.canonical()
                        ),
                    );
                }
            }
            Some(Err(_)) => {}
            None => {
                if !is_overcommit_allowed(name) {
                    errs.required(
                        &lim_path,
                        "Limit must be set for non overcommitable resources",
                    );
                }
            }
        }
        if is_huge_page_resource_name(name) {
            req_huge_pages = true;
            validate_huge_page_value(name, &q, &p, errs);
        }
        if name == "cpu" || name == "memory" {
            req_cpu_or_memory = true;
        }
    }
    if !lim_cpu_or_memory && !req_cpu_or_memory && (req_huge_pages || lim_huge_pages) {
        errs.forbidden(path, "HugePages require cpu or memory");
    }
}

// ----------------------------------------------------------- tolerations

/// `ValidateTolerations`.
pub fn validate_tolerations(tolerations: &[Toleration], path: &Path, errs: &mut Errors) {
    for (i, t) in tolerations.iter().enumerate() {
        let p = path.index(i);
        if !t.key.is_empty() {
            validate_label_name(&t.key, &p.child("key"), errs);
        }
        if t.key.is_empty() && t.operator != "Exists" {
            errs.invalid(
                &p.child("operator"),
                Value::typed(&t.operator),
                "operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
            );
        }
        if t.toleration_seconds.is_some() && t.effect != "NoExecute" {
            errs.invalid(
                &p.child("effect"),
                Value::typed(&t.effect),
                "effect must be 'NoExecute' when `tolerationSeconds` is set",
            );
        }
        match t.operator.as_str() {
            "Equal" | "" => {
                let msgs = names::label_value_errors(&t.value);
                if !msgs.is_empty() {
                    errs.invalid(&p.child("operator"), Value::str(&t.value), &msgs.join(";"));
                }
            }
            "Exists" => {
                if !t.value.is_empty() {
                    errs.invalid(
                        &p.child("operator"),
                        Value::str(&t.value),
                        "value must be empty when `operator` is 'Exists'",
                    );
                }
            }
            // TaintTolerationComparisonOperators is off by default in v1.36.
            op @ ("Lt" | "Gt") => errs.not_supported(
                &p.child("operator"),
                Value::typed(op),
                &["Equal", "Exists", "Lt", "Gt"],
            ),
            op => errs.not_supported(&p.child("operator"), Value::typed(op), &["Equal", "Exists"]),
        }
        if !t.effect.is_empty() {
            validate_taint_effect(&t.effect, &p.child("effect"), errs);
        }
    }
}

/// `validateTaintEffect` (an empty effect is allowed on tolerations).
fn validate_taint_effect(effect: &str, path: &Path, errs: &mut Errors) {
    if !matches!(effect, "NoSchedule" | "PreferNoSchedule" | "NoExecute") {
        errs.not_supported(
            path,
            Value::typed(effect),
            &["NoSchedule", "PreferNoSchedule", "NoExecute"],
        );
    }
}

// -------------------------------------------------------------- affinity

/// `validateAffinity`.
pub fn validate_affinity(affinity: &Affinity, path: &Path, errs: &mut Errors) {
    if let Some(na) = &affinity.node_affinity {
        let np = path.child("nodeAffinity");
        if let Some(required) = &na.required {
            validate_node_selector(
                required,
                false,
                &np.child("requiredDuringSchedulingIgnoredDuringExecution"),
                errs,
            );
        }
        let pp = np.child("preferredDuringSchedulingIgnoredDuringExecution");
        for (i, term) in na.preferred.iter().enumerate() {
            if term.weight <= 0 || term.weight > 100 {
                errs.invalid(
                    &pp.index(i).child("weight"),
                    Value::Int(i64::from(term.weight)),
                    "must be in the range 1-100",
                );
            }
            // Invalid label values are always allowed in preferred terms.
            validate_node_selector_term(
                &term.preference,
                true,
                &pp.index(i).child("preference"),
                errs,
            );
        }
    }
    if let Some(pa) = &affinity.pod_affinity {
        validate_pod_affinity(pa, &path.child("podAffinity"), errs);
    }
    if let Some(paa) = &affinity.pod_anti_affinity {
        validate_pod_affinity(paa, &path.child("podAntiAffinity"), errs);
    }
}

/// `ValidateNodeSelector`.
pub fn validate_node_selector(
    ns: &NodeSelector,
    allow_invalid_values: bool,
    path: &Path,
    errs: &mut Errors,
) {
    let terms_path = path.child("nodeSelectorTerms");
    if ns.node_selector_terms.is_empty() {
        errs.required(&terms_path, "must have at least one node selector term");
        return;
    }
    for (i, term) in ns.node_selector_terms.iter().enumerate() {
        validate_node_selector_term(term, allow_invalid_values, &terms_path.index(i), errs);
    }
}

/// `ValidateNodeSelectorTerm`.
pub fn validate_node_selector_term(
    term: &NodeSelectorTerm,
    allow_invalid_values: bool,
    path: &Path,
    errs: &mut Errors,
) {
    for (j, req) in term.match_expressions.iter().enumerate() {
        validate_node_selector_requirement(
            req,
            allow_invalid_values,
            &path.child("matchExpressions").index(j),
            errs,
        );
    }
    for (j, req) in term.match_fields.iter().enumerate() {
        validate_node_field_selector_requirement(req, &path.child("matchFields").index(j), errs);
    }
}

/// `ValidateNodeSelectorRequirement`.
fn validate_node_selector_requirement(
    rq: &NodeSelectorRequirement,
    allow_invalid_values: bool,
    path: &Path,
    errs: &mut Errors,
) {
    match rq.operator.as_str() {
        "In" | "NotIn" => {
            if rq.values.is_empty() {
                errs.required(
                    &path.child("values"),
                    "must be specified when `operator` is 'In' or 'NotIn'",
                );
            }
        }
        "Exists" | "DoesNotExist" => {
            if !rq.values.is_empty() {
                errs.forbidden(
                    &path.child("values"),
                    "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                );
            }
        }
        "Gt" | "Lt" => {
            if rq.values.len() != 1 {
                errs.required(
                    &path.child("values"),
                    "must be specified single value when `operator` is 'Lt' or 'Gt'",
                );
            }
        }
        other => errs.invalid(
            &path.child("operator"),
            Value::typed(other),
            "not a valid selector operator",
        ),
    }
    validate_label_name(&rq.key, &path.child("key"), errs);
    if !allow_invalid_values {
        for (i, v) in rq.values.iter().enumerate() {
            errs.invalid_each(
                &path.child("values").index(i),
                &Value::str(v),
                names::label_value_errors(v),
            );
        }
    }
}

/// `ValidateNodeFieldSelectorRequirement`: only `metadata.name`, with In or
/// NotIn and exactly one value.
fn validate_node_field_selector_requirement(
    req: &NodeSelectorRequirement,
    path: &Path,
    errs: &mut Errors,
) {
    match req.operator.as_str() {
        "In" | "NotIn" => {
            if req.values.len() != 1 {
                errs.required(
                    &path.child("values"),
                    "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
                );
            }
        }
        other => errs.invalid(
            &path.child("operator"),
            Value::typed(other),
            "not a valid selector operator",
        ),
    }
    if req.key == "metadata.name" {
        for (i, v) in req.values.iter().enumerate() {
            errs.invalid_each(
                &path.child("values").index(i),
                &Value::str(v),
                names::name_is_dns_subdomain(v, false),
            );
        }
    } else {
        errs.invalid(
            &path.child("key"),
            Value::str(&req.key),
            "not a valid field selector key",
        );
    }
}

/// `validatePodAffinity` / `validatePodAntiAffinity`.
fn validate_pod_affinity(pa: &PodAffinity, path: &Path, errs: &mut Errors) {
    let rp = path.child("requiredDuringSchedulingIgnoredDuringExecution");
    for (i, term) in pa.required.iter().enumerate() {
        validate_pod_affinity_term(term, &rp.index(i), errs);
    }
    let pp = path.child("preferredDuringSchedulingIgnoredDuringExecution");
    for (j, wt) in pa.preferred.iter().enumerate() {
        if wt.weight <= 0 || wt.weight > 100 {
            errs.invalid(
                &pp.index(j).child("weight"),
                Value::Int(i64::from(wt.weight)),
                "must be in the range 1-100",
            );
        }
        validate_pod_affinity_term(
            &wt.pod_affinity_term,
            &pp.index(j).child("podAffinityTerm"),
            errs,
        );
    }
}

/// `validatePodAffinityTerm`.
fn validate_pod_affinity_term(term: &PodAffinityTerm, path: &Path, errs: &mut Errors) {
    validate_label_selector(
        term.label_selector.as_ref(),
        &path.child("labelSelector"),
        errs,
    );
    for ns in &term.namespaces {
        errs.invalid_each(
            &path.child("namespace"),
            &Value::str(ns),
            names::name_is_dns_label(ns, false),
        );
    }
    if term.topology_key.is_empty() {
        errs.required(&path.child("topologyKey"), "can not be empty");
    }
    validate_label_name(&term.topology_key, &path.child("topologyKey"), errs);
}

/// `validateTopologySpreadConstraints`.
fn validate_topology_spread_constraints(
    constraints: &[TopologySpreadConstraint],
    path: &Path,
    errs: &mut Errors,
) {
    for (i, c) in constraints.iter().enumerate() {
        let p = path.index(i);
        if c.max_skew <= 0 {
            errs.invalid(
                &p.child("maxSkew"),
                Value::Int(i64::from(c.max_skew)),
                "must be greater than zero",
            );
        }
        if c.topology_key.is_empty() {
            errs.required(&p.child("topologyKey"), "can not be empty");
        }
        if !matches!(
            c.when_unsatisfiable.as_str(),
            "DoNotSchedule" | "ScheduleAnyway"
        ) {
            errs.not_supported(
                &p.child("whenUnsatisfiable"),
                Value::typed(&c.when_unsatisfiable),
                &["DoNotSchedule", "ScheduleAnyway"],
            );
        }
        let repeated = constraints.iter().skip(i + 1).any(|o| {
            o.topology_key == c.topology_key && o.when_unsatisfiable == c.when_unsatisfiable
        });
        if repeated {
            errs.duplicate(
                &p.child("{topologyKey, whenUnsatisfiable}"),
                Value::Str(format!("{{{}, {}}}", c.topology_key, c.when_unsatisfiable)),
            );
        }
        if let Some(md) = c.min_domains {
            if md <= 0 {
                errs.invalid(
                    &p.child("minDomains"),
                    Value::Int(i64::from(md)),
                    "must be greater than zero",
                );
            }
            if c.when_unsatisfiable != "DoNotSchedule" {
                errs.invalid(
                    &p.child("minDomains"),
                    Value::Int(i64::from(md)),
                    &format!(
                        "can only use minDomains if whenUnsatisfiable=DoNotSchedule, not {}",
                        c.when_unsatisfiable
                    ),
                );
            }
        }
        validate_label_selector(c.label_selector.as_ref(), &p.child("labelSelector"), errs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::k8s::model::{
        EnvVar, LabelSelector, NodeAffinity, PreferredSchedulingTerm, QuantityText,
        WeightedPodAffinityTerm,
    };

    fn template() -> PodTemplateSpec {
        let mut t = PodTemplateSpec::default();
        t.metadata.labels.insert("app".into(), "agent".into());
        t.spec.restart_policy = Some("Always".into());
        t.spec.containers.push(Container {
            name: Some("main".into()),
            image: Some("busybox".into()),
            ..Default::default()
        });
        t
    }

    fn port(container: i32, host: i32, protocol: &str) -> ContainerPort {
        ContainerPort {
            container_port: Some(container),
            host_port: Some(host),
            protocol: Some(protocol.into()),
            ..Default::default()
        }
    }

    fn messages(t: &PodTemplateSpec) -> Vec<String> {
        let mut errs = Errors::new();
        validate_pod_template_spec(t, &Path::new("spec").child("template"), &mut errs);
        let mut m: Vec<String> = errs.0.iter().map(|d| d.message()).collect();
        m.sort();
        m
    }

    const C0: &str = "spec.template.spec.containers[0]";

    #[test]
    fn template_rules() {
        type Mutation = fn(&mut PodTemplateSpec);
        let cases: Vec<(&str, Mutation, Vec<String>)> = vec![
            ("valid", |_| {}, vec![]),
            ("no containers", |t| t.spec.containers.clear(), vec!["spec.template.spec.containers: Required value".into()]),
            (
                "missing name and image",
                |t| {
                    t.spec.containers[0].name = None;
                    t.spec.containers[0].image = Some(String::new());
                },
                vec![format!("{C0}.image: Required value"), format!("{C0}.name: Required value")],
            ),
            (
                "bad container name",
                |t| t.spec.containers[0].name = Some("Main".into()),
                vec![format!("{C0}.name: Invalid value: \"Main\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")],
            ),
            (
                "duplicate names, init container clash",
                |t| {
                    let c = t.spec.containers[0].clone();
                    t.spec.containers.push(c.clone());
                    t.spec.init_containers.push(c);
                },
                vec![
                    "spec.template.spec.containers[1].name: Duplicate value: \"main\"".into(),
                    "spec.template.spec.initContainers[0].name: Duplicate value: \"main\"".into(),
                ],
            ),
            (
                "ports",
                |t| {
                    t.spec.containers[0].ports = vec![port(70000, -1, "HTTP"), port(0, 0, "TCP")];
                },
                vec![
                    format!("{C0}.ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"),
                    format!("{C0}.ports[0].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive"),
                    format!("{C0}.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""),
                    format!("{C0}.ports[1].containerPort: Required value"),
                ],
            ),
            (
                "host port conflict across containers",
                |t| {
                    t.spec.containers[0].ports = vec![port(9100, 9100, "TCP")];
                    let mut c = t.spec.containers[0].clone();
                    c.name = Some("side".into());
                    t.spec.containers.push(c);
                },
                vec!["spec.template.spec.containers[1].ports[0].hostPort: Duplicate value: \"TCP//9100\"".into()],
            ),
            (
                "hostNetwork needs hostPort == containerPort",
                |t| {
                    t.spec.host_network = Some(true);
                    t.spec.containers[0].ports = vec![port(9100, 9090, "TCP"), port(8080, 0, "TCP")];
                },
                vec![format!("{C0}.ports[0].hostPort: Invalid value: 9090: must match `containerPort` when `hostNetwork` is true")],
            ),
            (
                "env names",
                |t| {
                    t.spec.containers[0].env = vec![
                        EnvVar { name: String::new(), value: None },
                        EnvVar { name: "A=B".into(), value: None },
                        EnvVar { name: "my.var-1".into(), value: None },
                    ];
                },
                vec![
                    format!("{C0}.env[0].name: Required value"),
                    format!("{C0}.env[1].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='"),
                ],
            ),
            (
                "restart policy",
                |t| t.spec.restart_policy = Some("Sometimes".into()),
                vec!["spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"".into()],
            ),
            (
                "container restart policy",
                |t| t.spec.containers[0].restart_policy = Some("Maybe".into()),
                vec![format!("{C0}.restartPolicy: Unsupported value: \"Maybe\": supported values: \"Always\", \"OnFailure\", \"Never\"")],
            ),
            (
                "template labels and nodeSelector",
                |t| {
                    t.metadata.labels.insert("bad key".into(), "ok".into());
                    t.spec.node_selector.insert("zone".into(), "bad value!".into());
                },
                vec![
                    "spec.template.labels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')".into(),
                    "spec.template.spec.nodeSelector: Invalid value: \"bad value!\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')".into(),
                ],
            ),
            (
                "nodeName, priorityClassName, activeDeadlineSeconds",
                |t| {
                    t.spec.node_name = Some("Bad_Node".into());
                    t.spec.priority_class_name = Some("high".into());
                    t.spec.active_deadline_seconds = Some(0);
                },
                vec![
                    "spec.template.spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive".into(),
                    "spec.template.spec.nodeName: Invalid value: \"Bad_Node\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')".into(),
                ],
            ),
            (
                "annotations",
                |t| {
                    t.metadata.annotations.insert("controller.kubernetes.io/pod-deletion-cost".into(), "+1".into());
                    t.metadata.annotations.insert("kubernetes.io/config.mirror".into(), "x".into());
                },
                vec![
                    "spec.template.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid value: \"+1\": must be a 32bit integer".into(),
                    "spec.template.annotations[kubernetes.io/config.mirror]: Invalid value: \"x\": must set spec.nodeName if mirror pod annotation is set".into(),
                ],
            ),
        ];
        for (name, mutate, want) in cases {
            let mut t = template();
            mutate(&mut t);
            assert_eq!(messages(&t), want, "{name}");
        }
    }

    fn with_resources(limits: &[(&str, &str)], requests: &[(&str, &str)]) -> PodTemplateSpec {
        let mut t = template();
        let r = &mut t.spec.containers[0].resources;
        for (k, v) in limits {
            r.limits.insert(k.to_string(), QuantityText::from(*v));
        }
        for (k, v) in requests {
            r.requests.insert(k.to_string(), QuantityText::from(*v));
        }
        t
    }

    #[test]
    fn resource_rules() {
        type Pairs = &'static [(&'static str, &'static str)];
        let cases: Vec<(Pairs, Pairs, Vec<String>)> = vec![
            (&[("cpu", "1"), ("memory", "1Gi")], &[("cpu", "1"), ("memory", "512Mi")], vec![]),
            (&[("example.com/gpu", "1")], &[], vec![]),
            (
                &[("memory", "512Mi")],
                &[("memory", "1Gi")],
                vec![format!("{C0}.resources.requests: Invalid value: \"1Gi\": must be less than or equal to memory limit of 512Mi")],
            ),
            (
                &[],
                &[("cpu", "-1")],
                vec![format!("{C0}.resources.requests[cpu]: Invalid value: \"-1\": must be greater than or equal to 0")],
            ),
            (
                &[("cpus", "1")],
                &[],
                vec![
                    format!("{C0}.resources.limits[cpus]: Invalid value: \"cpus\": must be a standard resource for containers"),
                    format!("{C0}.resources.limits[cpus]: Invalid value: \"cpus\": must be a standard resource type or fully qualified"),
                ],
            ),
            (
                &[("pods", "1")],
                &[],
                vec![format!("{C0}.resources.limits[pods]: Invalid value: \"pods\": must be a standard resource for containers")],
            ),
            (
                &[("hugepages-2Mi", "1")],
                &[],
                vec![
                    format!("{C0}.resources.limits[hugepages-2Mi]: Invalid value: \"1\": 1 is not positive integer multiple of hugepages-2Mi"),
                    format!("{C0}.resources: Forbidden: HugePages require cpu or memory"),
                ],
            ),
            (
                &[],
                &[("example.com/gpu", "1")],
                vec![format!("{C0}.resources.limits: Required value: Limit must be set for non overcommitable resources")],
            ),
            (
                &[("example.com/gpu", "2")],
                &[("example.com/gpu", "1")],
                vec![format!("{C0}.resources.requests: Invalid value: \"1\": must be equal to example.com/gpu limit of 2")],
            ),
        ];
        for (limits, requests, want) in cases {
            assert_eq!(
                messages(&with_resources(limits, requests)),
                want,
                "{limits:?} {requests:?}"
            );
        }
    }

    fn toleration(
        key: &str,
        operator: &str,
        value: &str,
        effect: &str,
        seconds: Option<i64>,
    ) -> Toleration {
        Toleration {
            key: key.into(),
            operator: operator.into(),
            value: value.into(),
            effect: effect.into(),
            toleration_seconds: seconds,
        }
    }

    #[test]
    fn toleration_rules() {
        let t0 = "spec.template.spec.tolerations[0]";
        let cases: Vec<(Toleration, Vec<String>)> = vec![
            (toleration("", "Exists", "", "", None), vec![]),
            (toleration("k", "Equal", "v", "NoExecute", Some(30)), vec![]),
            (
                toleration("", "Equal", "", "", None),
                vec![format!("{t0}.operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\"")],
            ),
            (
                toleration("k", "Exists", "gpu", "", None),
                vec![format!("{t0}.operator: Invalid value: \"gpu\": value must be empty when `operator` is 'Exists'")],
            ),
            (
                toleration("k", "exists", "", "", None),
                vec![format!("{t0}.operator: Unsupported value: \"exists\": supported values: \"Equal\", \"Exists\"")],
            ),
            (
                toleration("k", "Gt", "5", "", None),
                vec![format!("{t0}.operator: Unsupported value: \"Gt\": supported values: \"Equal\", \"Exists\", \"Lt\", \"Gt\"")],
            ),
            (
                toleration("k", "Equal", "v", "Evict", None),
                vec![format!("{t0}.effect: Unsupported value: \"Evict\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"")],
            ),
            (
                toleration("k", "Equal", "v", "NoSchedule", Some(10)),
                vec![format!("{t0}.effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set")],
            ),
        ];
        for (tol, want) in cases {
            let mut t = template();
            t.spec.tolerations = vec![tol.clone()];
            assert_eq!(messages(&t), want, "{tol:?}");
        }
    }

    fn expr(key: &str, operator: &str, values: &[&str]) -> NodeSelectorRequirement {
        NodeSelectorRequirement {
            key: key.into(),
            operator: operator.into(),
            values: values.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn affinity_rules() {
        let req = "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms";
        let node = |terms: Vec<NodeSelectorTerm>| Affinity {
            node_affinity: Some(NodeAffinity {
                required: Some(NodeSelector {
                    node_selector_terms: terms,
                }),
                preferred: vec![],
            }),
            ..Default::default()
        };
        let cases: Vec<(Affinity, Vec<String>)> = vec![
            (node(vec![]), vec![format!("{req}: Required value: must have at least one node selector term")]),
            (
                node(vec![NodeSelectorTerm { match_expressions: vec![expr("zone", "In", &[])], match_fields: vec![] }]),
                vec![format!("{req}[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'")],
            ),
            (
                node(vec![NodeSelectorTerm { match_expressions: vec![expr("n", "Gt", &["1", "2"])], match_fields: vec![] }]),
                vec![format!("{req}[0].matchExpressions[0].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'")],
            ),
            (
                node(vec![NodeSelectorTerm { match_expressions: vec![expr("zone", "Equals", &[])], match_fields: vec![] }]),
                vec![format!("{req}[0].matchExpressions[0].operator: Invalid value: \"Equals\": not a valid selector operator")],
            ),
            (
                node(vec![NodeSelectorTerm {
                    match_expressions: vec![],
                    match_fields: vec![expr("metadata.uid", "Exists", &[])],
                }]),
                vec![
                    format!("{req}[0].matchFields[0].key: Invalid value: \"metadata.uid\": not a valid field selector key"),
                    format!("{req}[0].matchFields[0].operator: Invalid value: \"Exists\": not a valid selector operator"),
                ],
            ),
            (
                Affinity {
                    node_affinity: Some(NodeAffinity {
                        required: None,
                        preferred: vec![PreferredSchedulingTerm {
                            weight: 0,
                            preference: NodeSelectorTerm { match_expressions: vec![expr("zone", "In", &["bad value!"])], match_fields: vec![] },
                        }],
                    }),
                    ..Default::default()
                },
                vec!["spec.template.spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100".into()],
            ),
            (
                Affinity {
                    pod_anti_affinity: Some(PodAffinity {
                        required: vec![],
                        preferred: vec![WeightedPodAffinityTerm {
                            weight: 10,
                            pod_affinity_term: PodAffinityTerm {
                                label_selector: Some(LabelSelector::default()),
                                namespaces: vec!["ns.x".into()],
                                topology_key: String::new(),
                            },
                        }],
                    }),
                    ..Default::default()
                },
                {
                    let p = "spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm";
                    vec![
                        format!("{p}.namespace: Invalid value: \"ns.x\": must not contain dots"),
                        format!("{p}.topologyKey: Invalid value: \"\": name part must be non-empty"),
                        format!("{p}.topologyKey: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
                        format!("{p}.topologyKey: Required value: can not be empty"),
                    ]
                },
            ),
        ];
        for (affinity, want) in cases {
            let mut t = template();
            t.spec.affinity = Some(affinity.clone());
            assert_eq!(messages(&t), want, "{affinity:?}");
        }
    }

    #[test]
    fn topology_spread_rules() {
        let tsc = |skew: i32, key: &str, when: &str, min: Option<i32>| TopologySpreadConstraint {
            max_skew: skew,
            topology_key: key.into(),
            when_unsatisfiable: when.into(),
            label_selector: None,
            min_domains: min,
        };
        let p = "spec.template.spec.topologySpreadConstraints";
        let mut t = template();
        t.spec.topology_spread_constraints = vec![
            tsc(0, "zone", "DoNotSchedule", Some(0)),
            tsc(1, "zone", "DoNotSchedule", None),
            tsc(1, "", "Sometimes", Some(2)),
        ];
        assert_eq!(
            messages(&t),
            vec![
                format!("{p}[0].maxSkew: Invalid value: 0: must be greater than zero"),
                format!("{p}[0].minDomains: Invalid value: 0: must be greater than zero"),
                format!("{p}[0].{{topologyKey, whenUnsatisfiable}}: Duplicate value: \"{{zone, DoNotSchedule}}\""),
                format!("{p}[2].minDomains: Invalid value: 2: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not Sometimes"),
                format!("{p}[2].topologyKey: Required value: can not be empty"),
                format!("{p}[2].whenUnsatisfiable: Unsupported value: \"Sometimes\": supported values: \"DoNotSchedule\", \"ScheduleAnyway\""),
            ]
        );
    }
}
