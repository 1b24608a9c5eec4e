//! Containers and init containers (`validateContainers`,
//! `validateInitContainers`): names, images, ports, env, restart
//! policies, host ports, security contexts (security.rs).

use super::*;

/// What the pod gives its containers' validation.
pub struct PodCtx<'a> {
    pub vols: &'a Vols<'a>,
    /// The pod's `hostUsers`, true unless `false`.
    pub host_users: bool,
    /// The pod's `restartPolicy`, once defaulted.
    pub restart_policy: &'a str,
    /// The pod's `terminationGracePeriodSeconds`, once defaulted.
    pub grace_period: Option<i64>,
}

/// `validateContainerCommon`: name, image, ports, env and envFrom, volume
/// mounts, resources, resize policy and the security context.
pub(super) fn validate_container_common(
    c: &Container,
    ctx: &PodCtx,
    path: &Path,
    errs: &mut Errors,
) {
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
    // (empty: SetDefaults_Container made it File)
    validate_policy(
        c.termination_message_policy.as_deref(),
        &["File", "FallbackToLogsOnError"],
        &path.child("terminationMessagePolicy"),
        errs,
    );
    validate_container_ports(&c.ports, &path.child("ports"), errs);
    for (i, env) in c.env.iter().enumerate() {
        let p = path.child("env").index(i);
        if env.name.is_empty() {
            errs.required(&p.child("name"), "");
        } else {
            errs.invalid_each(
                &p.child("name"),
                &Value::str(&env.name),
                names::relaxed_env_var_name_errors(&env.name),
            );
        }
        if let Some(from) = &env.value_from {
            validate_env_var_value_from(
                from,
                env.value.as_deref().unwrap_or(""),
                &p.child("valueFrom"),
                errs,
            );
        }
    }
    validate_env_from(&c.env_from, &path.child("envFrom"), errs);
    let privileged = c
        .security_context
        .as_ref()
        .is_some_and(|s| s.privileged == Some(true));
    validate_volume_mounts(
        &c.volume_mounts,
        ctx.vols,
        privileged,
        &path.child("volumeMounts"),
        errs,
    );
    // `validatePullPolicy` (empty: SetDefaults_Container made it Always
    // or IfNotPresent by the image's tag)
    validate_policy(
        c.image_pull_policy.as_deref(),
        &["Always", "IfNotPresent", "Never"],
        &path.child("imagePullPolicy"),
        errs,
    );
    validate_resource_requirements(
        &c.resources.limits,
        &c.resources.requests,
        &path.child("resources"),
        errs,
    );
    validate_resize_policy(
        &c.resize_policy,
        ctx.restart_policy,
        &path.child("resizePolicy"),
        errs,
    );
    super::security::validate_security_context(
        c.security_context.as_deref(),
        ctx.host_users,
        &path.child("securityContext"),
        errs,
    );
}

/// `ValidateEnvFrom`: the prefix, when given, is an environment variable
/// name (the relaxed rule, as for `env`); exactly one of `configMapRef` and
/// `secretRef`, whose name is a DNS subdomain (prefix form: a trailing `-`
/// is allowed, as `ValidateConfigMapName(name, true)` says).
fn validate_env_from(list: &[EnvFromSource], path: &Path, errs: &mut Errors) {
    for (i, ev) in list.iter().enumerate() {
        let p = path.index(i);
        if !ev.prefix.is_empty() {
            errs.invalid_each(
                &p.child("prefix"),
                &Value::str(&ev.prefix),
                names::relaxed_env_var_name_errors(&ev.prefix),
            );
        }
        let mut sources = 0;
        // validateConfigMapEnvSource, validateSecretEnvSource
        for (field, source) in [
            ("configMapRef", &ev.config_map_ref),
            ("secretRef", &ev.secret_ref),
        ] {
            let Some(source) = source else { continue };
            sources += 1;
            let at = p.child(field).child("name");
            if source.name.is_empty() {
                errs.required(&at, "");
            } else {
                errs.invalid_each(
                    &at,
                    &Value::str(&source.name),
                    names::name_is_dns_subdomain(&source.name, true),
                );
            }
        }
        // reported at the list's path, as Go does
        match sources {
            0 => errs.invalid(
                path,
                Value::str(""),
                "must specify one of: `configMapRef` or `secretRef`",
            ),
            1 => {}
            _ => errs.invalid(
                path,
                Value::str(""),
                "may not have more than one field specified at a time",
            ),
        }
    }
}

/// `validEnvDownwardAPIFieldPathExpressions`, sorted.
const ENV_FIELD_PATHS: [&str; 9] = [
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.serviceAccountName",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
];

/// `validateEnvVarValueFrom`: each source's fields (`fieldRef` with the
/// env field paths, `resourceFieldRef` without a container name needed,
/// `configMapKeyRef` and `secretKeyRef`: `validateConfigMapKeySelector`,
/// `validateSecretKeySelector`), then exactly one source, and none with
/// a `value`.
fn validate_env_var_value_from(from: &EnvVarSource, value: &str, path: &Path, errs: &mut Errors) {
    use super::volume_sources::{validate_object_field_selector, validate_resource_field_selector};
    let mut sources = 0;
    if let Some(fr) = &from.field_ref {
        sources += 1;
        validate_object_field_selector(fr, &ENV_FIELD_PATHS, &path.child("fieldRef"), errs);
    }
    if let Some(rf) = &from.resource_field_ref {
        sources += 1;
        validate_resource_field_selector(rf, false, &path.child("resourceFieldRef"), errs);
    }
    for (field, selector) in [
        ("configMapKeyRef", &from.config_map_key_ref),
        ("secretKeyRef", &from.secret_key_ref),
    ] {
        let Some(s) = selector else { continue };
        sources += 1;
        let p = path.child(field);
        // ValidateSecretName(name, false) for both, even when empty
        errs.invalid_each(
            &p.child("name"),
            &Value::str(&s.name),
            names::name_is_dns_subdomain(&s.name, false),
        );
        if s.key.is_empty() {
            errs.required(&p.child("key"), "");
        } else {
            errs.invalid_each(
                &p.child("key"),
                &Value::str(&s.key),
                names::config_map_key_errors(&s.key),
            );
        }
    }
    sources += usize::from(from.file_key_ref.is_some());
    let msg = if sources == 0 {
        "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"
    } else if !value.is_empty() {
        "may not be specified when `value` is not empty"
    } else if sources > 1 {
        "may not have more than one field specified at a time"
    } else {
        return;
    };
    errs.invalid(path, Value::str(""), msg);
}

/// `validateResizePolicy`: a resource named once, `cpu` or `memory`, a
/// restart policy of Go's two, and `NotRequired` under a pod
/// `restartPolicy: Never`. Go reports all but the duplicate at the list's
/// path.
fn validate_resize_policy(
    list: &[ContainerResizePolicy],
    pod_restart_policy: &str,
    path: &Path,
    errs: &mut Errors,
) {
    let mut seen: HashSet<&str> = HashSet::new();
    for (i, p) in list.iter().enumerate() {
        if !seen.insert(&p.resource_name) {
            errs.duplicate(&path.index(i), Value::typed(&p.resource_name));
        }
        match p.resource_name.as_str() {
            "cpu" | "memory" => {}
            "" => errs.required(path, ""),
            other => errs.not_supported(path, Value::typed(other), &["cpu", "memory"]),
        }
        match p.restart_policy.as_str() {
            "NotRequired" | "RestartContainer" => {}
            "" => errs.required(path, ""),
            other => errs.not_supported(
                path,
                Value::typed(other),
                &["NotRequired", "RestartContainer"],
            ),
        }
        if pod_restart_policy == "Never" && p.restart_policy != "NotRequired" {
            errs.invalid(
                path,
                Value::typed(&p.restart_policy),
                "must be 'NotRequired' when `restartPolicy` is 'Never'",
            );
        }
    }
}

/// A policy field the API server defaults when it is empty: any other
/// value must be one of `supported` (Go's list, in its order).
pub(super) fn validate_policy(
    value: Option<&str>,
    supported: &[&str],
    path: &Path,
    errs: &mut Errors,
) {
    if let Some(v) = value.filter(|v| !v.is_empty() && !supported.contains(v)) {
        errs.not_supported(path, Value::typed(v), supported);
    }
}

/// Container restart policies (ContainerRestartRules, on in v1.36).
pub(super) fn validate_container_restart_policy(policy: &str, path: &Path, errs: &mut Errors) {
    if !matches!(policy, "Always" | "OnFailure" | "Never") {
        errs.not_supported(
            path,
            Value::typed(policy),
            &["Always", "OnFailure", "Never"],
        );
    }
}

/// `validateContainers`.
pub fn validate_containers(containers: &[Container], ctx: &PodCtx, path: &Path, errs: &mut Errors) {
    if containers.is_empty() {
        errs.required(path, "");
        return;
    }
    let mut all_names: HashSet<&str> = HashSet::new();
    for (i, c) in containers.iter().enumerate() {
        let p = path.index(i);
        validate_container_common(c, ctx, &p, errs);
        let name = c.name.as_deref().unwrap_or("");
        if !all_names.insert(name) {
            errs.duplicate(&p.child("name"), Value::str(name));
        }
        validate_probes(c, ctx.grace_period, &p, errs);
        if let Some(rp) = &c.restart_policy {
            validate_container_restart_policy(rp, &p.child("restartPolicy"), errs);
        }
    }
    check_host_port_conflicts(containers, path, errs);
}

/// `validateInitContainers`: names must also differ from the regular
/// containers'; host ports are checked one init container at a time (and,
/// as in Kubernetes, reported at index 0).
///
/// Go then refuses a `resizePolicy` on an init container unless
/// `AllowSidecarResizePolicy`, which is InPlacePodVerticalScaling (GA,
/// locked on in v1.36): nothing to refuse.
pub fn validate_init_containers(
    init: &[Container],
    regular: &[Container],
    ctx: &PodCtx,
    path: &Path,
    errs: &mut Errors,
) {
    let mut all_names: HashSet<&str> = regular
        .iter()
        .map(|c| c.name.as_deref().unwrap_or(""))
        .collect();
    for (i, c) in init.iter().enumerate() {
        let p = path.index(i);
        validate_container_common(c, ctx, &p, errs);
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
        if c.restart_policy.as_deref() == Some("Always") {
            validate_probes(c, ctx.grace_period, &p, errs);
        } else {
            for (field, given) in [
                ("lifecycle", c.lifecycle.is_some()),
                ("livenessProbe", c.liveness_probe.is_some()),
                ("readinessProbe", c.readiness_probe.is_some()),
                ("startupProbe", c.startup_probe.is_some()),
            ] {
                if given {
                    errs.forbidden(
                        &p.child(field),
                        "may not be set for init containers without restartPolicy=Always",
                    );
                }
            }
        }
    }
}

/// The lifecycle hooks and the liveness, readiness and startup probes of
/// a container that may have them (`grace_period`: the pod's, which bounds
/// a `sleep` hook).
fn validate_probes(c: &Container, grace_period: Option<i64>, path: &Path, errs: &mut Errors) {
    use super::probes::{validate_lifecycle, validate_probe, Kind};
    if let Some(lifecycle) = &c.lifecycle {
        validate_lifecycle(lifecycle, grace_period, &path.child("lifecycle"), errs);
    }
    for (field, probe, kind) in [
        ("livenessProbe", &c.liveness_probe, Kind::Liveness),
        ("readinessProbe", &c.readiness_probe, Kind::Readiness),
        ("startupProbe", &c.startup_probe, Kind::Startup),
    ] {
        if let Some(probe) = probe {
            validate_probe(probe, kind, &path.child(field), errs);
        }
    }
}

/// `validateContainerPorts`.
pub fn validate_container_ports(ports: &[ContainerPort], path: &Path, errs: &mut Errors) {
    let mut names_seen: HashSet<&str> = HashSet::new();
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
pub(super) fn check_host_port_conflicts(containers: &[Container], path: &Path, errs: &mut Errors) {
    let mut keys: Vec<(usize, usize, String)> = Vec::new();
    for (ci, c) in containers.iter().enumerate() {
        for (pi, port) in c.ports.iter().enumerate() {
            let hp = port.host_port.unwrap_or(0);
            if hp != 0 {
                let key = format!(
                    "{}/{}/{}",
                    port.protocol.as_deref().unwrap_or(""),
                    port.host_ip.as_deref().unwrap_or(""),
                    hp
                );
                keys.push((ci, pi, key));
            }
        }
    }
    let mut seen: HashSet<&str> = HashSet::new();
    for (ci, pi, key) in &keys {
        if !seen.insert(key) {
            errs.duplicate(
                &path.index(*ci).child("ports").index(*pi).child("hostPort"),
                Value::str(key),
            );
        }
    }
}

/// `validatePodHostNetworkDeps` for a pod template: with hostNetwork, a
/// host port, when set, must equal the container port (regular containers
/// only).
pub(super) fn validate_host_network_ports(spec: &PodSpec, path: &Path, errs: &mut Errors) {
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
