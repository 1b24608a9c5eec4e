//! `spec.os` (`validateOS`) and, for a valid one, the fields that OS
//! cannot have (`validateLinux`, `validateWindows`), last in
//! `ValidatePodSpec`. Containers are visited as `VisitContainersWithPath`
//! does: init containers first.

use super::*;
use crate::k8s::model::PodSecurityContext;

const FOR_WINDOWS: &str = "cannot be set for a windows pod";
const FOR_LINUX: &str = "windows options cannot be set for a linux pod";

/// `validateOS`, then `validateLinux` or `validateWindows` when it has no
/// error (`path`: the pod spec's).
pub(super) fn validate_os(spec: &PodSpec, name: &str, path: &Path, errs: &mut Errors) {
    match name {
        "" => errs.required(&path.child("os").child("name"), "cannot be empty"),
        "linux" => validate_linux(spec, path, errs),
        "windows" => validate_windows(spec, path, errs),
        other => errs.not_supported(
            &path.child("os"),
            Value::typed(other),
            &["linux", "windows"],
        ),
    }
}

/// Init containers, then containers, with their paths.
fn containers_with_paths<'a>(
    spec: &'a PodSpec,
    path: &'a Path,
) -> impl Iterator<Item = (&'a Container, Path)> + 'a {
    let init = path.child("initContainers");
    let regular = path.child("containers");
    let init = spec
        .init_containers
        .iter()
        .enumerate()
        .map(move |(i, c)| (c, init.index(i)));
    let regular = spec
        .containers
        .iter()
        .enumerate()
        .map(move |(i, c)| (c, regular.index(i)));
    init.chain(regular)
}

/// `validateLinux`: no `windowsOptions`, in the pod's or a container's
/// security context.
fn validate_linux(spec: &PodSpec, path: &Path, errs: &mut Errors) {
    let sc = spec.security_context.as_deref();
    if sc.is_some_and(|sc| sc.windows_options.is_some()) {
        errs.forbidden(
            &path.child("securityContext").child("windowsOptions"),
            FOR_LINUX,
        );
    }
    for (c, p) in containers_with_paths(spec, path) {
        if c.security_context
            .as_ref()
            .is_some_and(|sc| sc.windows_options.is_some())
        {
            errs.forbidden(
                &p.child("securityContext").child("windowsOptions"),
                FOR_LINUX,
            );
        }
    }
}

/// `validateWindows`: the Linux-only fields of the pod (its internal
/// security context, which also holds the host namespaces and
/// `hostUsers`, always exists after conversion) and of each container's
/// security context. `supplementalGroups: []` counts as not set here
/// (the model keeps no empty list apart from a missing one).
fn validate_windows(spec: &PodSpec, path: &Path, errs: &mut Errors) {
    let empty = PodSecurityContext::default();
    let sc = spec.security_context.as_deref().unwrap_or(&empty);
    let at = path.child("securityContext");
    for (p, set) in [
        (at.child("appArmorProfile"), sc.app_armor_profile.is_some()),
        (at.child("seLinuxOptions"), sc.se_linux_options.is_some()),
        (path.child("hostUsers"), spec.host_users.is_some()),
        (path.child("hostPID"), spec.host_pid == Some(true)),
        (path.child("hostIPC"), spec.host_ipc == Some(true)),
        (at.child("seccompProfile"), sc.seccomp_profile.is_some()),
        (at.child("fsGroup"), sc.fs_group.is_some()),
        (
            at.child("fsGroupChangePolicy"),
            sc.fs_group_change_policy.is_some(),
        ),
        (at.child("sysctls"), !sc.sysctls.is_empty()),
        (
            path.child("shareProcessNamespace"),
            spec.share_process_namespace.is_some(),
        ),
        (at.child("runAsUser"), sc.run_as_user.is_some()),
        (at.child("runAsGroup"), sc.run_as_group.is_some()),
        (
            at.child("supplementalGroups"),
            !sc.supplemental_groups.is_empty(),
        ),
        (
            at.child("supplementalGroupsPolicy"),
            sc.supplemental_groups_policy.is_some(),
        ),
        (
            at.child("seLinuxChangePolicy"),
            sc.se_linux_change_policy.is_some(),
        ),
    ] {
        if set {
            errs.forbidden(&p, FOR_WINDOWS);
        }
    }
    for (c, p) in containers_with_paths(spec, path) {
        let Some(sc) = c.security_context.as_deref() else {
            continue;
        };
        let at = p.child("securityContext");
        for (field, set) in [
            ("appArmorProfile", sc.app_armor_profile.is_some()),
            ("seLinuxOptions", sc.se_linux_options.is_some()),
            ("seccompProfile", sc.seccomp_profile.is_some()),
            ("capabilities", sc.capabilities.is_some()),
            (
                "readOnlyRootFilesystem",
                sc.read_only_root_filesystem.is_some(),
            ),
            ("privileged", sc.privileged.is_some()),
            (
                "allowPrivilegeEscalation",
                sc.allow_privilege_escalation.is_some(),
            ),
            ("procMount", sc.proc_mount.is_some()),
            ("runAsUser", sc.run_as_user.is_some()),
            ("runAsGroup", sc.run_as_group.is_some()),
        ] {
            if set {
                errs.forbidden(&at.child(field), FOR_WINDOWS);
            }
        }
    }
}
