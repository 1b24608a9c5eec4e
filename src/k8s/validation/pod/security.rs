//! Security contexts: a container's (`ValidateSecurityContext`, the last
//! check of `validateContainerCommon`) and the pod's
//! (`validatePodSpecSecurityContext`, `validateSysctls`,
//! `ValidateHostSysctl`), with what they call
//! (`validateSeccompProfileField`, `ValidateAppArmorProfileField`,
//! `validateWindowsSecurityContextOptions`, `ValidateProcMountType`), and
//! `validateWindowsHostProcessPod` and `validateHostUsers`.
//!
//! In the internal type Go validates, `hostNetwork`, `hostPID`, `hostIPC`,
//! `hostUsers` and `shareProcessNamespace` live in the pod's security
//! context, which conversion always creates: so the pod-level checks run
//! without a `securityContext`, and `shareProcessNamespace` is reported
//! at `securityContext.shareProcessNamespace`. `privileged: true` is taken
//! as allowed (`--allow-privileged=true`, as clusters run the API server).
//! Not checked: `seLinuxChangePolicy` (what it allows depends on the
//! SELinuxMount gate), `seLinuxOptions`, and the `os`-specific rules
//! (`spec.os` is not in the model).

use super::*;
use crate::k8s::model::{
    PodSecurityContext, Profile, SecurityContext, WindowsSecurityContextOptions,
};

/// `IsValidUserID` / `IsValidGroupID`: 0 to 2147483647.
fn id_errors(id: i64) -> Vec<String> {
    if (0..=i64::from(i32::MAX)).contains(&id) {
        vec![]
    } else {
        vec![names::inclusive_range_error(0, i64::from(i32::MAX))]
    }
}

fn check_id(id: Option<i64>, path: &Path, errs: &mut Errors) {
    if let Some(id) = id {
        errs.invalid_each(path, &Value::Int(id), id_errors(id));
    }
}

/// `ValidateSecurityContext` (`host_users`: the pod's `hostUsers`, true
/// unless it is `false`).
pub(super) fn validate_security_context(
    sc: Option<&SecurityContext>,
    host_users: bool,
    path: &Path,
    errs: &mut Errors,
) {
    let Some(sc) = sc else {
        return;
    };
    check_id(sc.run_as_user, &path.child("runAsUser"), errs);
    check_id(sc.run_as_group, &path.child("runAsGroup"), errs);
    if let Some(pm) = &sc.proc_mount {
        let at = path.child("procMount");
        if !matches!(pm.as_str(), "Default" | "Unmasked") {
            errs.not_supported(&at, Value::typed(pm), &["Default", "Unmasked"]);
        }
        if host_users && pm == "Unmasked" {
            errs.invalid(
                &at,
                Value::typed(pm),
                "`hostUsers` must be false to use `Unmasked`",
            );
        }
    }
    if let Some(sp) = &sc.seccomp_profile {
        validate_seccomp_profile_field(sp, &path.child("seccompProfile"), errs);
    }
    if sc.allow_privilege_escalation == Some(false) {
        if sc.privileged == Some(true) {
            errs.invalid(
                path,
                Value::Raw(security_context_json(sc)),
                "cannot set `allowPrivilegeEscalation` to false and `privileged` to true",
            );
        }
        // Go appends this error once per CAP_SYS_ADMIN in the list, each
        // the same text (the whole security context): the API server's
        // message lists each distinct error once (ToAggregate), so one is
        // made here, rendered once however long the list is.
        if sc
            .capabilities
            .as_ref()
            .is_some_and(|caps| caps.add.iter().any(|c| c == "CAP_SYS_ADMIN"))
        {
            errs.invalid(
                path,
                Value::Raw(security_context_json(sc)),
                "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN",
            );
        }
    }
    if let Some(w) = &sc.windows_options {
        validate_windows_options(w, &path.child("windowsOptions"), errs);
    }
    if let Some(p) = &sc.app_armor_profile {
        validate_app_armor_profile_field(p, &path.child("appArmorProfile"), errs);
    }
}

/// `validatePodSpecSecurityContext` (`path`: the pod spec's).
pub(super) fn validate_pod_spec_security_context(spec: &PodSpec, path: &Path, errs: &mut Errors) {
    let empty = PodSecurityContext::default();
    let sc = spec.security_context.as_deref().unwrap_or(&empty);
    let at = path.child("securityContext");
    check_id(sc.fs_group, &at.child("fsGroup"), errs);
    check_id(sc.run_as_user, &at.child("runAsUser"), errs);
    check_id(sc.run_as_group, &at.child("runAsGroup"), errs);
    for (i, gid) in sc.supplemental_groups.iter().enumerate() {
        check_id(Some(*gid), &at.child("supplementalGroups").index(i), errs);
    }
    if spec.share_process_namespace == Some(true) && spec.host_pid == Some(true) {
        errs.invalid(
            &at.child("shareProcessNamespace"),
            Value::Raw("true".into()),
            "ShareProcessNamespace and HostPID cannot both be enabled",
        );
    }
    if !sc.sysctls.is_empty() {
        validate_sysctls(spec, sc, &at.child("sysctls"), errs);
    }
    if let Some(p) = &sc.fs_group_change_policy {
        if !matches!(p.as_str(), "OnRootMismatch" | "Always") {
            errs.not_supported(
                &at.child("fsGroupChangePolicy"),
                Value::typed(p),
                &["Always", "OnRootMismatch"],
            );
        }
    }
    if let Some(sp) = &sc.seccomp_profile {
        validate_seccomp_profile_field(sp, &at.child("seccompProfile"), errs);
    }
    if let Some(w) = &sc.windows_options {
        validate_windows_options(w, &at.child("windowsOptions"), errs);
    }
    if let Some(p) = &sc.app_armor_profile {
        validate_app_armor_profile_field(p, &at.child("appArmorProfile"), errs);
    }
    if let Some(p) = &sc.supplemental_groups_policy {
        if !matches!(p.as_str(), "Merge" | "Strict") {
            errs.not_supported(
                &at.child("supplementalGroupsPolicy"),
                Value::typed(p),
                &["Merge", "Strict"],
            );
        }
    }
    // validateSELinuxChangePolicy with AllowOnlyRecursiveSELinuxChangePolicy:
    // SELinuxMount is beta and off in v1.36, so only Recursive is allowed
    if let Some(p) = sc.se_linux_change_policy.as_deref() {
        if p != "Recursive" {
            errs.not_supported(
                &at.child("seLinuxChangePolicy"),
                Value::typed(p),
                &["Recursive"],
            );
        }
    }
}

/// `SysctlMaxLength`.
const SYSCTL_MAX_LENGTH: usize = 253;

/// `IsValidSysctlName`: at most 253 bytes, segments of `[a-z0-9]`
/// (with `-` and `_` inside) separated by `.` or `/`.
fn is_valid_sysctl_name(name: &str) -> bool {
    name.len() <= SYSCTL_MAX_LENGTH
        && name.split(['.', '/']).all(|seg| {
            let b = seg.as_bytes();
            let end_ok = |c: &u8| c.is_ascii_lowercase() || c.is_ascii_digit();
            b.first().is_some_and(end_ok)
                && b.last().is_some_and(end_ok)
                && b.iter().all(|c| end_ok(c) || *c == b'-' || *c == b'_')
        })
}

/// The kernel namespace of a sysctl (`utilsysctl.GetNamespace`, after
/// `NormalizeName`): `Some(true)` for the network namespace,
/// `Some(false)` for IPC.
fn sysctl_namespace_is_net(name: &str) -> Option<bool> {
    let first_slash = name
        .find(['.', '/'])
        .is_some_and(|i| name.as_bytes()[i] == b'/');
    let normalized: String = if first_slash {
        name.chars()
            .map(|c| match c {
                '.' => '/',
                '/' => '.',
                c => c,
            })
            .collect()
    } else {
        name.to_string()
    };
    let s = normalized.split('*').next().unwrap_or("");
    match s {
        "kernel.sem"
        | "kernel.shmall"
        | "kernel.shmmax"
        | "kernel.shmmni"
        | "kernel.shm_rmid_forced"
        | "kernel.shm"
        | "kernel.msgmax"
        | "kernel.msgmnb"
        | "kernel.msgmni"
        | "kernel.msg" => Some(false),
        _ if s.starts_with("net.") => Some(true),
        _ if s.starts_with("fs.mqueue.") => Some(false),
        _ => None,
    }
}

/// `validateSysctls` and `ValidateHostSysctl` (namespaced sysctls are not
/// allowed with the host's network or IPC namespace on create).
fn validate_sysctls(spec: &PodSpec, sc: &PodSecurityContext, path: &Path, errs: &mut Errors) {
    let mut seen: HashSet<&str> = HashSet::new();
    for (i, s) in sc.sysctls.iter().enumerate() {
        let at = path.index(i).child("name");
        if s.name.is_empty() {
            errs.required(&at, "");
        } else if !is_valid_sysctl_name(&s.name) {
            errs.invalid(
                &at,
                Value::str(&s.name),
                &format!(
                    "must have at most {SYSCTL_MAX_LENGTH} characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$"
                ),
            );
        } else if seen.contains(s.name.as_str()) {
            errs.duplicate(&at, Value::str(&s.name));
        }
        match sysctl_namespace_is_net(&s.name) {
            Some(true) if spec.host_network() => errs.invalid(
                &at,
                Value::str(&s.name),
                "may not be specified when 'hostNetwork' is true",
            ),
            Some(false) if spec.host_ipc == Some(true) => errs.invalid(
                &at,
                Value::str(&s.name),
                "may not be specified when 'hostIPC' is true",
            ),
            _ => {}
        }
        seen.insert(&s.name);
    }
}

/// `validateSeccompProfileField`.
fn validate_seccomp_profile_field(sp: &Profile, path: &Path, errs: &mut Errors) {
    let kinds = ["Localhost", "RuntimeDefault", "Unconfined"];
    match sp.type_.as_str() {
        "Localhost" | "RuntimeDefault" | "Unconfined" => {}
        "" => errs.required(
            &path.child("type"),
            "type is required when seccompProfile is set",
        ),
        other => errs.not_supported(&path.child("type"), Value::typed(other), &kinds),
    }
    let at = path.child("localhostProfile");
    match (sp.type_.as_str(), &sp.localhost_profile) {
        ("Localhost", None) => errs.required(&at, "must be set when seccomp type is Localhost"),
        ("Localhost", Some(p)) => validate_local_descending_path(p, &at, errs),
        (_, Some(_)) => errs.invalid(
            &at,
            Value::Raw(profile_json(sp)),
            "can only be set when seccomp type is Localhost",
        ),
        (_, None) => {}
    }
}

/// `ValidateAppArmorProfileField`.
fn validate_app_armor_profile_field(p: &Profile, path: &Path, errs: &mut Errors) {
    let at = path.child("localhostProfile");
    match p.type_.as_str() {
        "Localhost" => match &p.localhost_profile {
            None => errs.required(&at, "must be set when AppArmor type is Localhost"),
            Some(lp) => {
                let trimmed = lp.trim_matches(char::is_whitespace);
                if trimmed != lp {
                    errs.invalid(&at, Value::str(lp), "must not be padded with whitespace");
                } else if trimmed.is_empty() {
                    errs.required(&at, "must be set when AppArmor type is Localhost");
                }
                // PATH_MAX - 1
                if lp.len() > 4095 {
                    errs.too_long(&at, 4095);
                }
            }
        },
        "RuntimeDefault" | "Unconfined" => {
            if let Some(lp) = &p.localhost_profile {
                errs.invalid(
                    &at,
                    Value::str(lp),
                    "can only be set when AppArmor type is Localhost",
                );
            }
        }
        "" => errs.required(
            &path.child("type"),
            "type is required when appArmorProfile is set",
        ),
        other => errs.not_supported(
            &path.child("type"),
            Value::typed(other),
            &["Localhost", "RuntimeDefault", "Unconfined"],
        ),
    }
}

/// `validateWindowsSecurityContextOptions`.
fn validate_windows_options(w: &WindowsSecurityContextOptions, path: &Path, errs: &mut Errors) {
    if let Some(name) = &w.gmsa_credential_spec_name {
        errs.invalid_each(
            &path.child("gmsaCredentialSpecName"),
            &Value::str(name),
            names::dns1123_subdomain_errors(name),
        );
    }
    if let Some(spec) = &w.gmsa_credential_spec {
        let at = path.child("gmsaCredentialSpec");
        if spec.is_empty() {
            errs.invalid(
                &at,
                Value::str(spec),
                "gmsaCredentialSpec cannot be an empty string",
            );
        } else if spec.len() > 64 * 1024 {
            errs.invalid(
                &at,
                Value::str(spec),
                "gmsaCredentialSpec size must be under 64 KiB",
            );
        }
    }
    let Some(name) = &w.run_as_user_name else {
        return;
    };
    let at = path.child("runAsUserName");
    let mut bad = |msg: &str| errs.invalid(&at, Value::str(name), msg);
    if name.is_empty() {
        bad("runAsUserName cannot be an empty string");
        return;
    }
    if name.bytes().any(|b| b < 0x20 || b == 0x7f) {
        bad("runAsUserName cannot contain control characters");
        return;
    }
    let parts: Vec<&str> = name.split('\\').collect();
    if parts.len() > 2 {
        bad("runAsUserName cannot contain more than one backslash");
        return;
    }
    let (domain, user) = match parts.as_slice() {
        [d, u] => (Some(*d), *u),
        _ => (None, name.as_str()),
    };
    let domain_len = domain.map_or(0, str::len);
    if domain_len >= 256 {
        bad("runAsUserName's Domain length must be under 256 characters");
    }
    if let Some(d) = domain {
        if !is_netbios_domain(d) && !is_dns_domain(d) {
            bad("runAsUserName's Domain doesn't match the NetBios nor the DNS format");
        }
    }
    if user.is_empty() {
        bad("runAsUserName's User cannot be empty");
    } else if user.len() > 104 {
        bad("runAsUserName's User length must not be longer than 104 characters");
    }
    if !user.is_empty() && user.chars().all(|c| c == '.' || c == ' ') {
        bad("runAsUserName's User cannot contain only periods or spaces");
    }
    if user.chars().any(|c| "\"/\\:;|=,+*?<>@[]".contains(c)) {
        bad("runAsUserName's User cannot contain the following characters: \"/\\:;|=,+*?<>@[]");
    }
}

/// `validNetBiosRegex`: 1 to 15 characters, none of `\/:*?"<>|`, not
/// starting with a dot.
fn is_netbios_domain(d: &str) -> bool {
    let forbidden = |c: char| "\\/:*?\"<>|".contains(c);
    let mut chars = d.chars();
    match chars.next() {
        Some(c) if !forbidden(c) && c != '.' => {}
        _ => return false,
    }
    let mut rest = 0;
    for c in chars {
        if forbidden(c) {
            return false;
        }
        rest += 1;
    }
    rest <= 14
}

/// `validWindowsUserDomainDNSRegex`: dot-separated labels of 1 to 63
/// ASCII letters, digits and inner dashes.
fn is_dns_domain(d: &str) -> bool {
    d.split('.').all(|label| {
        let b = label.as_bytes();
        (1..=63).contains(&b.len())
            && b.first().is_some_and(u8::is_ascii_alphanumeric)
            && b.last().is_some_and(u8::is_ascii_alphanumeric)
            && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
    })
}

/// `validateWindowsHostProcessPod` (init containers first, as
/// `VisitContainersWithPath` goes; `privileged` allowed, as above).
pub(super) fn validate_windows_host_process_pod(spec: &PodSpec, path: &Path, errs: &mut Errors) {
    let pod_hp = spec
        .security_context
        .as_ref()
        .and_then(|sc| sc.windows_options.as_ref())
        .and_then(|w| w.host_process);
    let mut count = 0;
    let mut hp_count = 0;
    for (list, field) in [
        (&spec.init_containers, "initContainers"),
        (&spec.containers, "containers"),
    ] {
        for (i, c) in list.iter().enumerate() {
            count += 1;
            let c_hp = c
                .security_context
                .as_ref()
                .and_then(|sc| sc.windows_options.as_ref())
                .and_then(|w| w.host_process);
            if let (Some(p), Some(ch)) = (pod_hp, c_hp) {
                if p != ch {
                    errs.invalid(
                        &path
                            .child(field)
                            .index(i)
                            .child("securityContext")
                            .child("windowsOptions")
                            .child("hostProcess"),
                        Value::Raw(ch.to_string()),
                        &format!("pod hostProcess value must be identical if both are specified, was {p}"),
                    );
                }
            }
            if c_hp == Some(true) || (c_hp.is_none() && pod_hp == Some(true)) {
                hp_count += 1;
            }
        }
    }
    if hp_count > 0 {
        if hp_count != count {
            errs.invalid(
                path,
                Value::str(""),
                "If pod contains any hostProcess containers then all containers must be HostProcess containers",
            );
        }
        if !spec.host_network() {
            errs.invalid(
                &path.child("hostNetwork"),
                Value::Raw("false".into()),
                "hostNetwork must be true if pod contains any hostProcess containers",
            );
        }
    }
}

/// `validateHostUsers`: with `hostUsers: false`, none of the host's
/// namespaces (Go's own paths: `HostPID`, `HostIPC`).
pub(super) fn validate_host_users(spec: &PodSpec, path: &Path, errs: &mut Errors) {
    if spec.host_users != Some(false) {
        return;
    }
    for (field, on) in [
        ("hostNetwork", spec.host_network()),
        ("HostPID", spec.host_pid == Some(true)),
        ("HostIPC", spec.host_ipc == Some(true)),
    ] {
        if on {
            errs.forbidden(&path.child(field), "when `pod.Spec.HostUsers` is false");
        }
    }
}

// ------------------------------------------------ the structs as Go prints them

/// A bad value that is a whole internal struct prints as `encoding/json`
/// prints it: Go's field names (the internal types have no JSON tags),
/// `null` for what is not set. (The detail and the path are Kubernetes'
/// own; this rendering of the value follows the engine's rule for
/// structs, see `field.rs`.)
fn opt<T>(v: Option<T>, f: impl FnOnce(T) -> String) -> String {
    v.map_or_else(|| "null".to_string(), f)
}

fn opt_str(v: &Option<String>) -> String {
    opt(v.as_deref(), json_string)
}

fn str_list(v: &[String]) -> String {
    if v.is_empty() {
        "null".into()
    } else {
        let items: Vec<String> = v.iter().map(|s| json_string(s)).collect();
        format!("[{}]", items.join(","))
    }
}

fn profile_json(p: &Profile) -> String {
    format!(
        "{{\"Type\":{},\"LocalhostProfile\":{}}}",
        json_string(&p.type_),
        opt_str(&p.localhost_profile)
    )
}

fn windows_json(w: &WindowsSecurityContextOptions) -> String {
    format!(
        "{{\"GMSACredentialSpecName\":{},\"GMSACredentialSpec\":{},\"RunAsUserName\":{},\"HostProcess\":{}}}",
        opt_str(&w.gmsa_credential_spec_name),
        opt_str(&w.gmsa_credential_spec),
        opt_str(&w.run_as_user_name),
        opt(w.host_process, |b| b.to_string())
    )
}

fn security_context_json(sc: &SecurityContext) -> String {
    let b = |v: Option<bool>| opt(v, |b| b.to_string());
    let i = |v: Option<i64>| opt(v, |i| i.to_string());
    format!(
        "{{\"Capabilities\":{},\"Privileged\":{},\"SELinuxOptions\":{},\"WindowsOptions\":{},\"RunAsUser\":{},\"RunAsGroup\":{},\"RunAsNonRoot\":{},\"ReadOnlyRootFilesystem\":{},\"AllowPrivilegeEscalation\":{},\"ProcMount\":{},\"SeccompProfile\":{},\"AppArmorProfile\":{}}}",
        opt(sc.capabilities.as_ref(), |c| format!(
            "{{\"Add\":{},\"Drop\":{}}}",
            str_list(&c.add),
            str_list(&c.drop)
        )),
        b(sc.privileged),
        opt(sc.se_linux_options.as_ref(), |o| format!(
            "{{\"User\":{},\"Role\":{},\"Type\":{},\"Level\":{}}}",
            json_string(&o.user),
            json_string(&o.role),
            json_string(&o.type_),
            json_string(&o.level)
        )),
        opt(sc.windows_options.as_ref(), windows_json),
        i(sc.run_as_user),
        i(sc.run_as_group),
        b(sc.run_as_non_root),
        b(sc.read_only_root_filesystem),
        b(sc.allow_privilege_escalation),
        opt_str(&sc.proc_mount),
        opt(sc.seccomp_profile.as_ref(), profile_json),
        opt(sc.app_armor_profile.as_ref(), profile_json),
    )
}
