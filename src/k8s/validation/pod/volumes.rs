//! Volumes and volume mounts (`ValidateVolumes`, `ValidateVolumeMounts`):
//! names, each volume's source (`volume_sources`), and mounts of volumes
//! that exist, at paths that differ, with a propagation the container may
//! use. `volumeDevices` are not checked (README, "Fidelity notes").

use super::volume_sources::validate_volume_source;
use super::*;
use crate::k8s::model::{Volume, VolumeMount, OTHER_VOLUME_SOURCES};

/// The volumes without errors, by name (`vols`): a mount must name one.
pub type Vols<'a> = HashMap<&'a str, &'a Volume>;

/// `ValidateVolumes`: each volume's errors (its source's, then its
/// name's) are reported, and only a volume without any is one a mount
/// can name.
pub fn validate_volumes<'a>(volumes: &'a [Volume], path: &Path, errs: &mut Errors) -> Vols<'a> {
    let mut vols: Vols = HashMap::new();
    for (i, vol) in volumes.iter().enumerate() {
        let idx = path.index(i);
        let name_path = idx.child("name");
        let mut el = Errors::new();
        validate_volume_source(vol, &idx, &mut el);
        if vol.name.is_empty() {
            el.required(&name_path, "");
        } else {
            el.invalid_each(
                &name_path,
                &Value::str(&vol.name),
                names::dns1123_label_errors(&vol.name),
            );
        }
        if vols.contains_key(vol.name.as_str()) {
            el.duplicate(&name_path, Value::str(&vol.name));
        }
        if el.0.is_empty() {
            vols.insert(&vol.name, vol);
        } else {
            errs.0.extend(el.0);
        }
    }
    vols
}

/// `ValidateVolumeMounts` of a container (`privileged`: its security
/// context says so). The paths of `subPath`, `subPathExpr`,
/// `mountPropagation` and `recursiveReadOnly` are the list's, without the
/// index, as Go writes them.
pub fn validate_volume_mounts(
    mounts: &[VolumeMount],
    vols: &Vols,
    privileged: bool,
    path: &Path,
    errs: &mut Errors,
) {
    let image = OTHER_VOLUME_SOURCES.iter().position(|s| *s == "image");
    let mut points: HashSet<&str> = HashSet::new();
    for (i, m) in mounts.iter().enumerate() {
        let idx = path.index(i);
        if m.name.is_empty() {
            errs.required(&idx.child("name"), "");
        }
        let vol = vols.get(m.name.as_str()).copied();
        if vol.is_none() {
            errs.not_found(&idx.child("name"), Value::str(&m.name));
        }
        if m.mount_path.is_empty() {
            errs.required(&idx.child("mountPath"), "");
        }
        if points.contains(m.mount_path.as_str()) {
            errs.invalid(
                &idx.child("mountPath"),
                Value::str(&m.mount_path),
                "must be unique",
            );
        }
        points.insert(&m.mount_path);
        if vol.is_some_and(|v| image.is_some_and(|i| v.others[i].is_some())) {
            if !m.sub_path.is_empty() {
                errs.invalid(
                    &idx.child("subPath"),
                    Value::str(&m.sub_path),
                    "not allowed in image volume sources",
                );
            }
            if !m.sub_path_expr.is_empty() {
                errs.invalid(
                    &idx.child("subPathExpr"),
                    Value::str(&m.sub_path_expr),
                    "not allowed in image volume sources",
                );
            }
        }
        if !m.sub_path.is_empty() {
            validate_local_descending_path(&m.sub_path, &path.child("subPath"), errs);
        }
        if !m.sub_path_expr.is_empty() {
            if !m.sub_path.is_empty() {
                errs.invalid(
                    &idx.child("subPathExpr"),
                    Value::str(&m.sub_path_expr),
                    "subPathExpr and subPath are mutually exclusive",
                );
            }
            validate_local_descending_path(&m.sub_path_expr, &path.child("subPathExpr"), errs);
        }
        if let Some(mp) = m.mount_propagation.as_deref() {
            // validateMountPropagation
            let at = path.child("mountPropagation");
            const SUPPORTED: [&str; 3] = ["Bidirectional", "HostToContainer", "None"];
            if !SUPPORTED.contains(&mp) {
                errs.not_supported(&at, Value::typed(mp), &SUPPORTED);
            }
            if mp == "Bidirectional" && !privileged {
                errs.forbidden(
                    &at,
                    "Bidirectional mount propagation is available only to privileged containers",
                );
            }
        }
        validate_recursive_read_only(m, &path.child("recursiveReadOnly"), errs);
    }
}

/// `validateMountRecursiveReadOnly`.
fn validate_recursive_read_only(m: &VolumeMount, path: &Path, errs: &mut Errors) {
    let Some(rro) = m.recursive_read_only.as_deref() else {
        return;
    };
    match rro {
        "Disabled" => {}
        "Enabled" | "IfPossible" => {
            if m.read_only != Some(true) {
                errs.forbidden(path, "may only be specified when readOnly is true");
            }
            if m.mount_propagation.as_deref().is_some_and(|p| p != "None") {
                errs.forbidden(
                    path,
                    "may only be specified when mountPropagation is None or not specified",
                );
            }
        }
        other => errs.not_supported(
            path,
            Value::typed(other),
            &["Disabled", "Enabled", "IfPossible"],
        ),
    }
}
