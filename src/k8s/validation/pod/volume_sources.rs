//! A volume's source (`validateVolumeSource` and the per-source functions
//! it calls): exactly one source; `emptyDir`'s `sizeLimit`; `hostPath`
//! (`validateHostPathVolumeSource`); `secret` and `configMap`
//! (`validateSecretVolumeSource`, `validateConfigMapVolumeSource`,
//! `validateKeyToPath`); `downwardAPI` (`validateDownwardAPIVolumeSource`,
//! `validateDownwardAPIVolumeFile`, `validateObjectFieldSelector`,
//! `validateContainerResourceFieldSelector`,
//! `validateContainerResourceDivisor`); `projected`
//! (`validateProjectedVolumeSource`, `validateProjectionSources`: its
//! secret, config map, downward API and service account token sources);
//! `persistentVolumeClaim` (`validatePersistentClaimVolumeSource`); `csi`
//! (`validateCSIVolumeSource`, `ValidateCSIDriverName`); and that an
//! `ephemeral` source has a `volumeClaimTemplate`. Not checked: the
//! claim template itself (`ValidatePersistentVolumeClaimTemplate`) and the
//! fields of the other sources (README, "Fidelity notes").
//!
//! The API server's defaults come first: a `fieldRef` without an
//! `apiVersion` is `v1`, a token without `expirationSeconds` lasts 3600 s;
//! and with v1.36's feature gates (`ClusterTrustBundleProjection`,
//! `PodCertificateRequest` off) it drops a projection's
//! `clusterTrustBundle` and `podCertificate` before it validates.

use super::*;
use crate::k8s::lower::go_to_lower;
use crate::k8s::model::{
    CSIVolumeSource, DownwardAPIVolumeFile, HostPathVolumeSource, KeyToPath, ObjectFieldSelector,
    ProjectedVolumeSource, ResourceFieldSelector, Volume, OTHER_VOLUME_SOURCES,
};

/// `validateVolumeSource`'s words for a second source.
const MORE_THAN_ONE: &str = "may not specify more than 1 volume type";

/// `fileModeErrorMsg`.
const FILE_MODE_ERROR_MSG: &str = "must be a number between 0 and 0777 (octal), both inclusive";

/// `supportedHostPathTypes`, as `sets.List` sorts them.
const HOST_PATH_TYPES: [&str; 8] = [
    "",
    "BlockDevice",
    "CharDevice",
    "Directory",
    "DirectoryOrCreate",
    "File",
    "FileOrCreate",
    "Socket",
];

/// `validVolumeDownwardAPIFieldPathExpressions`, sorted.
const VOLUME_FIELD_PATHS: [&str; 5] = [
    "metadata.annotations",
    "metadata.labels",
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
];

/// `validContainerResourceFieldPathExpressions`, sorted.
const RESOURCE_FIELD_PATHS: [&str; 6] = [
    "limits.cpu",
    "limits.ephemeral-storage",
    "limits.memory",
    "requests.cpu",
    "requests.ephemeral-storage",
    "requests.memory",
];

/// The divisors of memory, ephemeral storage and hugepages.
const BYTE_DIVISORS: [&str; 13] = [
    "1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei",
];

/// `validateVolumeSource`: exactly one source, in Go's order (a second
/// one is forbidden at its own path, which Go spells `downwarAPI` and
/// `cephFS` for those two), the first one's fields.
pub(super) fn validate_volume_source(vol: &Volume, path: &Path, errs: &mut Errors) {
    let mut n = 0;
    if let Some(e) = &vol.empty_dir {
        n += 1;
        let negative = e
            .size_limit
            .as_ref()
            .and_then(|q| Quantity::parse(q.as_str()).ok())
            .is_some_and(|q| q.sign() < 0);
        if negative {
            errs.forbidden(
                &path.child("emptyDir").child("sizeLimit"),
                "SizeLimit field must be a valid resource quantity",
            );
        }
    }
    if let Some(h) = &vol.host_path {
        if n > 0 {
            errs.forbidden(&path.child("hostPath"), MORE_THAN_ONE);
        } else {
            n += 1;
            validate_host_path(h, &path.child("hostPath"), errs);
        }
    }
    for (i, name) in OTHER_VOLUME_SOURCES.iter().enumerate() {
        if !vol.has_other(i) {
            continue;
        }
        if n > 0 {
            let at = match *name {
                "downwardAPI" => "downwarAPI",
                "cephfs" => "cephFS",
                other => other,
            };
            errs.forbidden(&path.child(at), MORE_THAN_ONE);
            continue;
        }
        n += 1;
        let p = path.child(name);
        match *name {
            "secret" => {
                if let Some(s) = &vol.secret {
                    validate_required(&s.secret_name, &p.child("secretName"), errs);
                    validate_mode(s.default_mode, &p.child("defaultMode"), errs);
                    validate_items(&s.items, &p.child("items"), errs);
                }
            }
            "persistentVolumeClaim" => {
                if let Some(c) = &vol.persistent_volume_claim {
                    validate_required(&c.claim_name, &p.child("claimName"), errs);
                }
            }
            "downwardAPI" => {
                if let Some(d) = &vol.downward_api {
                    validate_mode(d.default_mode, &p.child("defaultMode"), errs);
                    // (each file at the source's path, without an index)
                    for file in &d.items {
                        validate_downward_api_file(file, &p, errs);
                    }
                }
            }
            "configMap" => {
                if let Some(c) = &vol.config_map {
                    validate_required(&c.name, &p.child("name"), errs);
                    validate_mode(c.default_mode, &p.child("defaultMode"), errs);
                    validate_items(&c.items, &p.child("items"), errs);
                }
            }
            "projected" => {
                if let Some(pr) = &vol.projected {
                    validate_projected(pr, &p, errs);
                }
            }
            "csi" => {
                if let Some(c) = &vol.csi {
                    validate_csi(c, &p, errs);
                }
            }
            "ephemeral"
                if vol
                    .ephemeral
                    .as_ref()
                    .is_some_and(|e| e.volume_claim_template.is_none()) =>
            {
                errs.required(&p.child("volumeClaimTemplate"), "");
            }
            _ => {}
        }
    }
    if n == 0 {
        errs.required(path, "must specify a volume type");
    }
}

/// `validateHostPathVolumeSource`.
fn validate_host_path(h: &HostPathVolumeSource, path: &Path, errs: &mut Errors) {
    if h.path.is_empty() {
        errs.required(&path.child("path"), "");
        return;
    }
    validate_path_no_backsteps(&h.path, &path.child("path"), errs);
    if let Some(t) = h.type_.as_deref().filter(|t| !HOST_PATH_TYPES.contains(t)) {
        errs.not_supported(&path.child("type"), Value::typed(t), &HOST_PATH_TYPES);
    }
}

/// `validatePathNoBacksteps`: one error, however many `..` there are.
fn validate_path_no_backsteps(target: &str, path: &Path, errs: &mut Errors) {
    if target.split('/').any(|part| part == "..") {
        errs.invalid(path, Value::str(target), "must not contain '..'");
    }
}

/// `ValidateLocalNonReservedPath`.
fn validate_local_non_reserved_path(target: &str, path: &Path, errs: &mut Errors) {
    validate_local_descending_path(target, path, errs);
    if target.starts_with("..") && !target.starts_with("../") {
        errs.invalid(path, Value::str(target), "must not start with '..'");
    }
}

/// A required string (`len(x) == 0`).
fn validate_required(value: &str, path: &Path, errs: &mut Errors) {
    if value.is_empty() {
        errs.required(path, "");
    }
}

/// A `defaultMode` or `mode`: 0 to 0777.
fn validate_mode(mode: Option<i32>, path: &Path, errs: &mut Errors) {
    if let Some(m) = mode.filter(|m| !(0..=0o777).contains(m)) {
        errs.invalid(path, Value::Int(i64::from(m)), FILE_MODE_ERROR_MSG);
    }
}

/// The `items` of a secret or config map source.
fn validate_items(items: &[KeyToPath], path: &Path, errs: &mut Errors) {
    for (i, kp) in items.iter().enumerate() {
        validate_key_to_path(kp, &path.index(i), errs);
    }
}

/// `validateKeyToPath`.
fn validate_key_to_path(kp: &KeyToPath, path: &Path, errs: &mut Errors) {
    validate_required(&kp.key, &path.child("key"), errs);
    validate_required(&kp.path, &path.child("path"), errs);
    validate_local_non_reserved_path(&kp.path, &path.child("path"), errs);
    validate_mode(kp.mode, &path.child("mode"), errs);
}

/// `validateDownwardAPIVolumeFile`.
fn validate_downward_api_file(file: &DownwardAPIVolumeFile, path: &Path, errs: &mut Errors) {
    validate_required(&file.path, &path.child("path"), errs);
    validate_local_non_reserved_path(&file.path, &path.child("path"), errs);
    if let Some(fr) = &file.field_ref {
        validate_object_field_selector(fr, &VOLUME_FIELD_PATHS, &path.child("fieldRef"), errs);
        if file.resource_field_ref.is_some() {
            errs.invalid(
                path,
                Value::str("resource"),
                "fieldRef and resourceFieldRef can not be specified simultaneously",
            );
        }
    } else if let Some(rf) = &file.resource_field_ref {
        validate_resource_field_selector(rf, true, &path.child("resourceFieldRef"), errs);
    } else {
        errs.required(path, "one of fieldRef and resourceFieldRef is required");
    }
    validate_mode(file.mode, &path.child("mode"), errs);
}

/// `fieldpath.SplitMaybeSubscriptedPath`: `metadata.labels['app']` is
/// `("metadata.labels", "app")`.
fn split_subscripted(field_path: &str) -> Option<(&str, &str)> {
    let s = field_path.strip_suffix("']")?;
    let (path, subscript) = s.split_once("['")?;
    (!path.is_empty()).then_some((path, subscript))
}

/// `podshelper.ConvertDownwardAPIFieldLabel` (version `v1`): the internal
/// field path, or why there is none.
fn convert_downward_api_field_label(label: &str) -> Result<&str, String> {
    if let Some((path, _)) = split_subscripted(label) {
        return match path {
            "metadata.annotations" | "metadata.labels" => Ok(label),
            _ => Err(format!("field label does not support subscript: {label}")),
        };
    }
    match label {
        "metadata.annotations"
        | "metadata.labels"
        | "metadata.name"
        | "metadata.namespace"
        | "metadata.uid"
        | "spec.nodeName"
        | "spec.restartPolicy"
        | "spec.serviceAccountName"
        | "spec.schedulerName"
        | "status.phase"
        | "status.hostIP"
        | "status.hostIPs"
        | "status.podIP"
        | "status.podIPs" => Ok(label),
        "spec.host" => Ok("spec.nodeName"),
        _ => Err(format!("field label not supported: {label}")),
    }
}

/// `validateObjectFieldSelector` with the field paths `expressions`
/// allows (sorted): a volume's or an env var's.
pub(super) fn validate_object_field_selector(
    fs: &ObjectFieldSelector,
    expressions: &[&str],
    path: &Path,
    errs: &mut Errors,
) {
    // SetDefaults_ObjectFieldSelector: no apiVersion is v1 (so the
    // Required apiVersion error cannot happen)
    let version = if fs.api_version.is_empty() {
        "v1"
    } else {
        fs.api_version.as_str()
    };
    let fp = path.child("fieldPath");
    if fs.field_path.is_empty() {
        errs.required(&fp, "");
        return;
    }
    let converted = if version == "v1" {
        convert_downward_api_field_label(&fs.field_path)
    } else {
        Err(format!("unsupported pod version: {version}"))
    };
    let internal = match converted {
        Ok(p) => p,
        Err(e) => {
            errs.invalid(
                &fp,
                Value::str(&fs.field_path),
                &format!("error converting fieldPath: {e}"),
            );
            return;
        }
    };
    match split_subscripted(internal) {
        Some(("metadata.annotations", subscript)) => {
            let key = go_to_lower(subscript);
            errs.invalid_each(path, &Value::str(&key), names::qualified_name_errors(&key));
        }
        Some(("metadata.labels", subscript)) => {
            errs.invalid_each(
                path,
                &Value::str(subscript),
                names::qualified_name_errors(subscript),
            );
        }
        Some((other, _)) => errs.invalid(path, Value::str(other), "does not support subscript"),
        None => {
            if !expressions.contains(&internal) {
                errs.not_supported(&fp, Value::str(internal), expressions);
            }
        }
    }
}

/// `validateContainerResourceFieldSelector`, with the hugepages
/// prefixes (`volume`: a volume file's, whose container is required).
pub(super) fn validate_resource_field_selector(
    fs: &ResourceFieldSelector,
    volume: bool,
    path: &Path,
    errs: &mut Errors,
) {
    if volume && fs.container_name.is_empty() {
        errs.required(&path.child("containerName"), "");
    } else if fs.resource.is_empty() {
        errs.required(&path.child("resource"), "");
    } else if !RESOURCE_FIELD_PATHS.contains(&fs.resource.as_str())
        && !is_huge_pages_resource(&fs.resource)
    {
        errs.not_supported(
            &path.child("resource"),
            Value::str(&fs.resource),
            &RESOURCE_FIELD_PATHS,
        );
    }
    validate_resource_divisor(fs, path, errs);
}

fn is_huge_pages_resource(resource: &str) -> bool {
    resource.starts_with("requests.hugepages-") || resource.starts_with("limits.hugepages-")
}

/// `validateContainerResourceDivisor`: a divisor (not zero) the resource
/// supports, by its canonical text.
fn validate_resource_divisor(fs: &ResourceFieldSelector, path: &Path, errs: &mut Errors) {
    let Some(divisor) = fs
        .divisor
        .as_ref()
        .and_then(|q| Quantity::parse(q.as_str()).ok())
        .filter(|q| !q.is_zero())
    else {
        return;
    };
    let text = divisor.canonical();
    let r = fs.resource.as_str();
    let resource_word = match r {
        "limits.cpu" | "requests.cpu" => {
            if !["1m", "1"].contains(&text.as_str()) {
                errs.invalid(
                    &path.child("divisor"),
                    Value::str(r),
                    "only divisor's values 1m and 1 are supported with the cpu resource",
                );
            }
            None
        }
        "limits.memory" | "requests.memory" => Some("memory"),
        "limits.ephemeral-storage" | "requests.ephemeral-storage" => {
            Some("local ephemeral storage")
        }
        _ => None,
    };
    let mut bytes_divisor = |word: &str| {
        if !BYTE_DIVISORS.contains(&text.as_str()) {
            errs.invalid(
                &path.child("divisor"),
                Value::str(r),
                &format!(
                    "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the {word} resource"
                ),
            );
        }
    };
    if let Some(word) = resource_word {
        bytes_divisor(word);
    }
    if is_huge_pages_resource(r) {
        bytes_divisor("hugepages");
    }
}

/// `validateProjectedVolumeSource` and `validateProjectionSources`: a
/// path used twice across the sources is reported at the volume's
/// `projected` (with the source's name, or the file's path).
fn validate_projected(pr: &ProjectedVolumeSource, path: &Path, errs: &mut Errors) {
    validate_mode(pr.default_mode, &path.child("defaultMode"), errs);
    let mut all_paths: HashSet<&str> = HashSet::new();
    for (i, source) in pr.sources.iter().enumerate() {
        let mut n = 0;
        let src = path.child("sources").index(i);
        for (keys, at) in [
            (&source.secret, "secret"),
            (&source.config_map, "configMap"),
        ] {
            let Some(keys) = keys else {
                continue;
            };
            n += 1;
            let p = src.child(at);
            validate_required(&keys.name, &p.child("name"), errs);
            let items = p.child("items");
            for (j, kp) in keys.items.iter().enumerate() {
                validate_key_to_path(kp, &items.index(j), errs);
                if !kp.path.is_empty() && !all_paths.insert(&kp.path) {
                    errs.invalid(path, Value::str(&keys.name), "conflicting duplicate paths");
                }
            }
        }
        if let Some(d) = &source.downward_api {
            n += 1;
            let p = src.child("downwardAPI");
            for file in &d.items {
                validate_downward_api_file(file, &p, errs);
                if !file.path.is_empty() && !all_paths.insert(&file.path) {
                    errs.invalid(path, Value::str(&file.path), "conflicting duplicate paths");
                }
            }
        }
        if let Some(t) = &source.service_account_token {
            n += 1;
            // SetDefaults_ServiceAccountTokenProjection: 1 hour
            let seconds = t.expiration_seconds.unwrap_or(3600);
            let p = src.child("serviceAccountToken").child("expirationSeconds");
            if seconds < 10 * 60 {
                errs.invalid(
                    &p,
                    Value::Int(seconds),
                    "may not specify a duration less than 10 minutes",
                );
            }
            if seconds > 1 << 32 {
                errs.invalid(
                    &p,
                    Value::Int(seconds),
                    "may not specify a duration larger than 2^32 seconds",
                );
            }
            // (at the volume's `projected.path`, as Go reports it)
            if t.path.is_empty() {
                errs.required(&path.child("path"), "");
            } else {
                validate_local_non_reserved_path(&t.path, &path.child("path"), errs);
            }
        }
        if n > 1 {
            errs.forbidden(&src, "may not specify more than 1 volume type per source");
        }
    }
}

/// `validateCSIVolumeSource`: the driver's name
/// (`ValidateCSIDriverName`), and the node publish secret's name (whose
/// errors Go reports at the source's `name`).
fn validate_csi(csi: &CSIVolumeSource, path: &Path, errs: &mut Errors) {
    let driver = path.child("driver");
    validate_required(&csi.driver, &driver, errs);
    if csi.driver.len() > 63 {
        errs.too_long(&driver, 63);
    }
    errs.invalid_each(
        &driver,
        &Value::str(&csi.driver),
        names::dns1123_subdomain_errors(&go_to_lower(&csi.driver)),
    );
    if let Some(r) = &csi.node_publish_secret_ref {
        if r.name.is_empty() {
            errs.required(&path.child("nodePublishSecretRef").child("name"), "");
        } else {
            errs.invalid_each(
                &path.child("name"),
                &Value::str(&r.name),
                names::name_is_dns_subdomain(&r.name, false),
            );
        }
    }
}
