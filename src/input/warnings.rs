//! The warnings the API server returns when it creates a DaemonSet (or a
//! Deployment): `GetWarningsForPodTemplate(ctx, field.NewPath("spec",
//! "template"), ...)` of pkg/api/pod/warnings.go, with the deprecated node
//! labels of pkg/api/node/util.go. kubectl prints each as `Warning:
//! <text>`; the text starts with the field path.
//!
//! They read fields the engine's model does not carry (volumes, image
//! pull secrets, security contexts), so they work on the object's JSON
//! form: the value tree the text was read into (`input::tree`), which the
//! API server's decoder would have accepted whole (they are asked only of
//! an object without decoding problems). Not reproduced: the
//! PersistentVolumeClaim warnings of an ephemeral volume's claim template.

use super::tree::{Kind, Value};
use crate::k8s::field::go_quote;
use crate::k8s::quantity::Quantity;
use std::collections::HashSet;

/// `deprecatedNodeLabels` (pkg/api/node/util.go).
pub const DEPRECATED_NODE_LABELS: [(&str, &str); 8] = [
    (
        "beta.kubernetes.io/arch",
        "deprecated since v1.14; use \"kubernetes.io/arch\" instead",
    ),
    (
        "beta.kubernetes.io/os",
        "deprecated since v1.14; use \"kubernetes.io/os\" instead",
    ),
    (
        "failure-domain.beta.kubernetes.io/region",
        "deprecated since v1.17; use \"topology.kubernetes.io/region\" instead",
    ),
    (
        "failure-domain.beta.kubernetes.io/zone",
        "deprecated since v1.17; use \"topology.kubernetes.io/zone\" instead",
    ),
    (
        "beta.kubernetes.io/instance-type",
        "deprecated since v1.17; use \"node.kubernetes.io/instance-type\" instead",
    ),
    ("app.kubernetes.io/created-by", "deprecated since v1.9"),
    (
        "scheduler.alpha.kubernetes.io/preferAvoidPods",
        "deprecated since v1.22; use Taints and Tolerations instead",
    ),
    (
        "node-role.kubernetes.io/master",
        "use \"node-role.kubernetes.io/control-plane\" instead",
    ),
];

/// `GetNodeLabelDeprecatedMessage`.
pub fn node_label_deprecated(key: &str) -> Option<&'static str> {
    DEPRECATED_NODE_LABELS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, m)| *m)
}

/// The annotations `deprecatedAnnotations` names.
const DEPRECATED_ANNOTATIONS: [(&str, &str); 3] = [
    (
        "scheduler.alpha.kubernetes.io/critical-pod",
        "non-functional in v1.16+; use the \"priorityClassName\" field instead",
    ),
    (
        "security.alpha.kubernetes.io/sysctls",
        "non-functional in v1.11+; use the \"sysctls\" field instead",
    ),
    (
        "security.alpha.kubernetes.io/unsafe-sysctls",
        "non-functional in v1.11+; use the \"sysctls\" field instead",
    ),
];

const SECCOMP_POD: &str = "seccomp.security.alpha.kubernetes.io/pod";
const SECCOMP_CONTAINER_PREFIX: &str = "container.seccomp.security.alpha.kubernetes.io/";
const APPARMOR_CONTAINER_PREFIX: &str = "container.apparmor.security.beta.kubernetes.io/";

/// One warning: the field path it starts with, and its whole text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The path (relative to the object), where it is.
    pub field: String,
    /// What the API server returns (`<field>: <message>`).
    pub text: String,
}

/// A `field.Path` being built.
#[derive(Clone)]
struct P(String);

impl P {
    fn child(&self, name: &str) -> P {
        if self.0.is_empty() {
            P(name.to_string())
        } else {
            P(format!("{}.{name}", self.0))
        }
    }
    fn index(&self, i: usize) -> P {
        P(format!("{}[{i}]", self.0))
    }
    fn key(&self, k: &str) -> P {
        P(format!("{}[{k}]", self.0))
    }
}

struct Out(Vec<Warning>);

impl Out {
    fn add(&mut self, at: &P, message: impl std::fmt::Display) {
        self.0.push(Warning {
            field: at.0.clone(),
            text: format!("{}: {message}", at.0),
        });
    }
}

// What the warnings read of the tree. (The readers leave one member per
// key in an object, the value of its last repetition, as Go's decoder
// does.) A field that is not there reads as Go's zero value: no member,
// no element, `""`.

/// A value, or none (a field that is not there).
trait Field<'t>: Copy {
    /// Member `key` of an object (`None` for anything else).
    fn get(self, key: &str) -> Option<Value<'t>>;
}

impl<'t> Field<'t> for Value<'t> {
    fn get(self, key: &str) -> Option<Value<'t>> {
        Value::get(&self, key)
    }
}

impl<'t> Field<'t> for &Value<'t> {
    fn get(self, key: &str) -> Option<Value<'t>> {
        Value::get(self, key)
    }
}

impl<'t> Field<'t> for Option<Value<'t>> {
    fn get(self, key: &str) -> Option<Value<'t>> {
        self.and_then(|v| v.get(key))
    }
}

/// Member `key` of an object.
fn get<'t>(v: impl Field<'t>, key: &str) -> Option<Value<'t>> {
    v.get(key)
}

/// The elements of the array at `key` (none when it is not an array).
fn arr<'t>(v: impl Field<'t>, key: &str) -> Vec<Value<'t>> {
    get(v, key)
        .map(|a| a.elements().collect())
        .unwrap_or_default()
}

/// The string at `key` (`""` when it is not a string).
fn string<'t>(v: impl Field<'t>, key: &str) -> &'t str {
    get(v, key).and_then(|s| s.as_str()).unwrap_or("")
}

/// Whether `key` is there and not `null`.
fn present<'t>(v: impl Field<'t>, key: &str) -> bool {
    get(v, key).is_some_and(|x| !x.is_null())
}

/// An object's keys in byte order (a Go map's keys, in the order the
/// engine reports them: Go's own order is random).
fn keys<'t>(v: Value<'t>) -> Vec<&'t str> {
    let mut keys: Vec<&str> = v.members().filter_map(|(k, _)| k.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// A number that Go decodes into an `int64` field (`*int64` and `int32`
/// alike: an integer written without a fraction or exponent).
fn as_i64(v: Value) -> Option<i64> {
    let text = v.number_text()?;
    if text.contains(['.', 'e', 'E']) {
        return None;
    }
    text.parse().ok()
}

/// A number's text as an integer or as Go prints a float (`None` for one
/// beyond the float range, which decodes to nothing).
fn number_text(v: Value) -> Option<String> {
    let text = v.number_text()?;
    if let Some(i) = as_i64(v) {
        return Some(i.to_string());
    }
    if !text.contains(['.', 'e', 'E']) {
        if let Ok(u) = text.parse::<u64>() {
            return Some(u.to_string());
        }
    }
    crate::strconv::parse_f64(text)
        .filter(|f| f.is_finite())
        .map(crate::strconv::go_json_float)
}

/// The warnings on creating a DaemonSet or Deployment (`object`, the
/// tree of its JSON form): those of its pod template at `spec.template`.
pub fn workload(object: Value) -> Vec<Warning> {
    match get(object, "spec").and_then(|s| get(s, "template")) {
        Some(t) => pod_template(t, "spec.template"),
        None => Vec::new(),
    }
}

/// `GetWarningsForPodTemplate(ctx, fieldPath, template, nil)`.
pub fn pod_template(template: Value, field_path: &str) -> Vec<Warning> {
    let spec = get(template, "spec");
    let meta = get(template, "metadata");
    let base = P(field_path.to_string());
    let mut out = Out(Vec::new());
    let spec_path = base.child("spec");
    let annotations = get(meta, "annotations").filter(|a| a.kind() == Kind::Object);
    let has_annotation = |k: &str| get(annotations, k).is_some();

    // deprecated node labels in selectors, affinity, topology
    if let Some(sel) = get(spec, "nodeSelector").filter(|s| s.kind() == Kind::Object) {
        for k in keys(sel) {
            if let Some(msg) = node_label_deprecated(k) {
                out.add(&spec_path.child("nodeSelector").key(k), msg);
            }
        }
    }
    if let Some(na) = spec.get("affinity").and_then(|a| a.get("nodeAffinity")) {
        if let Some(req) = na.get("requiredDuringSchedulingIgnoredDuringExecution") {
            let terms = spec_path
                .child("affinity")
                .child("nodeAffinity")
                .child("requiredDuringSchedulingIgnoredDuringExecution")
                .child("nodeSelectorTerms");
            for (i, term) in arr(req, "nodeSelectorTerms").iter().enumerate() {
                node_selector_term(Some(*term), &terms.index(i), &mut out);
            }
        }
        let preferred = spec_path
            .child("affinity")
            .child("nodeAffinity")
            .child("preferredDuringSchedulingIgnoredDuringExecution");
        for (i, p) in arr(na, "preferredDuringSchedulingIgnoredDuringExecution")
            .iter()
            .enumerate()
        {
            node_selector_term(
                get(p, "preference"),
                &preferred.index(i).child("preference"),
                &mut out,
            );
        }
    }
    for (i, t) in arr(spec, "topologySpreadConstraints").iter().enumerate() {
        let at = spec_path.child("topologySpreadConstraints").index(i);
        let key = string(t, "topologyKey");
        if let Some(msg) = node_label_deprecated(key) {
            out.add(&at.child("topologyKey"), format!("{key} is {msg}"));
        }
        if !present(t, "labelSelector") {
            out.add(
                &at.child("labelSelector"),
                "a null labelSelector results in matching no pod",
            );
        }
    }

    // deprecated annotations
    let ann_path = base.child("metadata").child("annotations");
    for (key, message) in DEPRECATED_ANNOTATIONS {
        if has_annotation(key) {
            out.add(&ann_path.key(key), message);
        }
    }

    // deprecated and removed volume plugins
    let volumes = arr(spec, "volumes");
    for (i, v) in volumes.iter().enumerate() {
        let at = spec_path.child("volumes").index(i);
        for (source, message) in [
            (
                "photonPersistentDisk",
                "deprecated in v1.11, non-functional in v1.16+",
            ),
            ("gitRepo", "deprecated in v1.11"),
            ("scaleIO", "deprecated in v1.16, non-functional in v1.22+"),
            ("flocker", "deprecated in v1.22, non-functional in v1.25+"),
            ("storageos", "deprecated in v1.22, non-functional in v1.25+"),
            ("quobyte", "deprecated in v1.22, non-functional in v1.25+"),
            ("glusterfs", "deprecated in v1.25, non-functional in v1.26+"),
            ("cephfs", "deprecated in v1.28, non-functional in v1.31+"),
            ("rbd", "deprecated in v1.28, non-functional in v1.31+"),
        ] {
            if present(v, source) {
                // the Go field path names the field by its JSON name, but
                // StorageOS is `storageOS` in the path and `storageos` in JSON
                let name = if source == "storageos" {
                    "storageOS"
                } else {
                    source
                };
                out.add(&at.child(name), message);
            }
        }
    }
    // projected items with a service account token's path
    let token_paths: HashSet<&str> = volumes
        .iter()
        .filter_map(|v| v.get("projected"))
        .flat_map(|p| arr(p, "sources"))
        .filter_map(|s| s.get("serviceAccountToken").map(|t| string(t, "path")))
        .collect();
    if !token_paths.is_empty() {
        for (i, v) in volumes.iter().enumerate() {
            let Some(p) = v.get("projected") else {
                continue;
            };
            let sources = spec_path
                .child("volumes")
                .index(i)
                .child("projected")
                .child("sources");
            for s in arr(p, "sources") {
                for (key, name) in [
                    ("configMap", "configMap"),
                    ("secret", "secrets"),
                    ("downwardAPI", "downwardAPI"),
                ] {
                    if let Some(src) = s.get(key) {
                        for (j, item) in arr(src, "items").iter().enumerate() {
                            let path = string(item, "path");
                            if token_paths.contains(path) {
                                out.add(
                                    &sources.child(name).index(j),
                                    format!(
                                        "has duplicated path with ServiceAccountToken {}",
                                        go_quote(path)
                                    ),
                                );
                            }
                        }
                    }
                }
                if let Some(b) = s.get("clusterTrustBundle") {
                    let path = string(b, "path");
                    if token_paths.contains(path) {
                        out.add(
                            &sources.child("ClusterTrustBundle"),
                            format!(
                                "has duplicated path with ServiceAccountToken {}",
                                go_quote(path)
                            ),
                        );
                    }
                }
            }
        }
    }

    // duplicate hostAliases and imagePullSecrets
    let duplicates = |list: &[Value], name: &str, key: &str, out: &mut Out| {
        let mut seen = HashSet::new();
        for (i, item) in list.iter().enumerate() {
            let value = string(item, key);
            if !seen.insert(value) {
                out.add(
                    &spec_path.child(name).index(i).child(key),
                    format!("duplicate {key} {}", go_quote(value)),
                );
            }
        }
    };
    duplicates(&arr(spec, "hostAliases"), "hostAliases", "ip", &mut out);
    let secrets = arr(spec, "imagePullSecrets");
    duplicates(&secrets, "imagePullSecrets", "name", &mut out);
    for (i, s) in secrets.iter().enumerate() {
        let name = string(s, "name");
        if name.is_empty() {
            out.add(
                &spec_path.child("imagePullSecrets").index(i).child("name"),
                format!("invalid empty name {}", go_quote(name)),
            );
        }
    }

    // fractional memory / ephemeral-storage
    let fractional = |list: Option<Value>, at: &P, out: &mut Out| {
        for res in ["memory", "ephemeral-storage"] {
            let Some(v) = get(list, res) else {
                continue;
            };
            let text = match v.kind() {
                Kind::String => v.as_str().unwrap_or("").to_string(),
                // the number as Go's decoder of a ResourceList reads it
                // back into text (an integer as written, a float as Go
                // formats it)
                Kind::Number => match number_text(v) {
                    Some(t) => t,
                    None => continue,
                },
                _ => continue,
            };
            if let Ok(q) = Quantity::parse(text.trim()) {
                if q.milli_value() % 1000 != 0 {
                    out.add(
                        &at.key(res),
                        format!(
                            "fractional byte value {} is invalid, must be an integer",
                            go_quote(&q.to_string())
                        ),
                    );
                }
            }
        }
    };
    fractional(spec.get("overhead"), &spec_path.child("overhead"), &mut out);

    // seccomp / AppArmor annotations without their fields
    let pod_sc = spec.get("securityContext");
    if !pod_sc.is_some_and(|s| present(s, "seccompProfile")) && has_annotation(SECCOMP_POD) {
        out.add(
            &ann_path.key(SECCOMP_POD),
            "non-functional in v1.27+; use the \"seccompProfile\" field instead",
        );
    }
    let pod_apparmor = pod_sc.is_some_and(|s| present(s, "appArmorProfile"));
    let containers: Vec<(Value, P)> = [("initContainers"), ("containers"), ("ephemeralContainers")]
        .iter()
        .flat_map(|k| {
            arr(spec, k)
                .into_iter()
                .enumerate()
                .map(|(i, c)| (c, spec_path.child(k).index(i)))
                .collect::<Vec<_>>()
        })
        .collect();
    for (c, p) in &containers {
        let name = string(c, "name");
        let sc = c.get("securityContext");
        let key = format!("{SECCOMP_CONTAINER_PREFIX}{name}");
        if !sc.is_some_and(|s| present(s, "seccompProfile")) && has_annotation(&key) {
            out.add(
                &ann_path.key(&key),
                "non-functional in v1.27+; use the \"seccompProfile\" field instead",
            );
        }
        let key = format!("{APPARMOR_CONTAINER_PREFIX}{name}");
        let has_field = pod_apparmor || sc.is_some_and(|s| present(s, "appArmorProfile"));
        if !has_field && has_annotation(&key) {
            out.add(
                &ann_path.key(&key),
                "deprecated since v1.30; use the \"appArmorProfile\" field instead",
            );
        }
        let resources = c.get("resources");
        fractional(
            resources.and_then(|r| r.get("limits")),
            &p.child("resources").child("limits"),
            &mut out,
        );
        fractional(
            resources.and_then(|r| r.get("requests")),
            &p.child("resources").child("requests"),
            &mut out,
        );
        // a later env entry that hides an earlier one
        let env = arr(c, "env");
        if env.len() > 1 {
            let mut seen = HashSet::new();
            for (i, e) in env.iter().enumerate() {
                let n = string(e, "name");
                if !seen.insert(n) {
                    let reference = format!("$({n})");
                    let value = string(e, "value");
                    let bad = present(e, "valueFrom")
                        || value == reference
                        || !value.contains(&reference);
                    if bad {
                        out.add(
                            &p.child("env").index(i),
                            format!("hides previous definition of {}, which may be dropped when using apply", go_quote(n)),
                        );
                    }
                }
            }
        }
    }

    // ports across all containers
    let mut all: std::collections::BTreeMap<String, Vec<(P, Value)>> = Default::default();
    for (c, p) in &containers {
        for (i, port) in arr(c, "ports").iter().enumerate() {
            let at = p.child("ports").index(i);
            let host_ip = string(port, "hostIP");
            let host_port = get(port, "hostPort").and_then(as_i64).unwrap_or(0);
            let container_port = get(port, "containerPort").and_then(as_i64).unwrap_or(0);
            let protocol = match string(port, "protocol") {
                "" => "TCP",
                p => p,
            };
            if !host_ip.is_empty() && host_port == 0 {
                out.add(
                    &at,
                    format!(
                        "hostIP set without hostPort: {{Name:{} HostPort:{host_port} ContainerPort:{container_port} Protocol:{protocol} HostIP:{host_ip}}}",
                        string(port, "name")
                    ),
                );
            }
            let k = format!("{container_port}/{protocol}");
            let others = all.entry(k).or_default();
            for (other_at, other) in others.iter() {
                let o_ip = string(other, "hostIP");
                let o_port = get(other, "hostPort").and_then(as_i64).unwrap_or(0);
                if host_ip == o_ip && host_port == o_port {
                    out.add(
                        &at,
                        format!("duplicate port definition with {}", other_at.0),
                    );
                } else if host_port == 0 || o_port == 0 {
                    out.add(
                        &at,
                        format!("overlapping port definition with {}", other_at.0),
                    );
                } else if host_port == o_port && (host_ip.is_empty() != o_ip.is_empty()) {
                    out.add(
                        &at,
                        format!("dangerously ambiguous port definition with {}", other_at.0),
                    );
                }
            }
            others.push((at, *port));
        }
    }

    if spec
        .get("terminationGracePeriodSeconds")
        .and_then(as_i64)
        .is_some_and(|s| s < 0)
    {
        out.add(
            &spec_path.child("terminationGracePeriodSeconds"),
            "must be >= 0; negative values are invalid and will be treated as 1",
        );
    }

    if let Some(aff) = spec.get("affinity") {
        for kind in ["podAffinity", "podAntiAffinity"] {
            let Some(a) = aff.get(kind) else { continue };
            let at = spec_path.child("affinity").child(kind);
            for (i, t) in arr(a, "requiredDuringSchedulingIgnoredDuringExecution")
                .iter()
                .enumerate()
            {
                if !present(t, "labelSelector") {
                    out.add(
                        &at.child("requiredDuringSchedulingIgnoredDuringExecution")
                            .index(i)
                            .child("labelSelector"),
                        "a null labelSelector results in matching no pod",
                    );
                }
            }
            for (i, t) in arr(a, "preferredDuringSchedulingIgnoredDuringExecution")
                .iter()
                .enumerate()
            {
                if !t
                    .get("podAffinityTerm")
                    .is_some_and(|p| present(p, "labelSelector"))
                {
                    out.add(
                        &at.child("preferredDuringSchedulingIgnoredDuringExecution")
                            .index(i)
                            .child("podAffinityTerm")
                            .child("labelSelector"),
                        "a null labelSelector results in matching no pod",
                    );
                }
            }
        }
    }
    out.0
}

/// `GetWarningsForNodeSelectorTerm`.
fn node_selector_term(term: Option<Value>, at: &P, out: &mut Out) {
    for (i, e) in arr(term, "matchExpressions").iter().enumerate() {
        let key = string(e, "key");
        if let Some(msg) = node_label_deprecated(key) {
            out.add(
                &at.child("matchExpressions").index(i).child("key"),
                format!("{key} is {msg}"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::json;
    use crate::input::limits::Limits;
    use serde_json::json;

    /// The warnings of a DaemonSet with pod template `template`, read as
    /// the API server gets it (JSON text, into the readers' tree).
    fn texts(template: serde_json::Value) -> Vec<String> {
        let text = json!({"spec": {"template": template}}).to_string();
        let (docs, err) = json::read(&text, &Limits::default());
        assert!(err.is_none(), "{err:?}");
        let root = docs[0].tree.node(&text, docs[0].root);
        workload(root).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn deprecated_labels_annotations_and_volumes() {
        let t = texts(json!({
            "metadata": {"annotations": {"scheduler.alpha.kubernetes.io/critical-pod": ""}},
            "spec": {
                "nodeSelector": {"beta.kubernetes.io/arch": "amd64"},
                "affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
                    {"matchExpressions": [{"key": "failure-domain.beta.kubernetes.io/zone", "operator": "Exists"}]}]}}},
                "volumes": [{"name": "x", "gitRepo": {"repository": "r"}}],
                "containers": [{"name": "c"}]
            }
        }));
        assert_eq!(
            t,
            vec![
                "spec.template.spec.nodeSelector[beta.kubernetes.io/arch]: deprecated since v1.14; use \"kubernetes.io/arch\" instead",
                "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key: failure-domain.beta.kubernetes.io/zone is deprecated since v1.17; use \"topology.kubernetes.io/zone\" instead",
                "spec.template.metadata.annotations[scheduler.alpha.kubernetes.io/critical-pod]: non-functional in v1.16+; use the \"priorityClassName\" field instead",
                "spec.template.spec.volumes[0].gitRepo: deprecated in v1.11",
            ]
        );
    }

    #[test]
    fn names_are_quoted_as_go_s_percent_q() {
        // Go writes \a and \x01 where std's {:?} writes \u{7} and \u{1}
        let t = texts(json!({"spec": {
            "imagePullSecrets": [{"name": "a\u{7}"}, {"name": "a\u{7}"}],
            "hostAliases": [{"ip": "\u{1}"}, {"ip": "\u{1}"}],
            "containers": [{"name": "c"}]
        }}));
        assert_eq!(
            t,
            vec![
                "spec.template.spec.hostAliases[1].ip: duplicate ip \"\\x01\"",
                "spec.template.spec.imagePullSecrets[1].name: duplicate name \"a\\a\"",
            ]
        );
    }

    #[test]
    fn ports_env_resources_and_grace_period() {
        let t = texts(json!({"spec": {
            "terminationGracePeriodSeconds": -1,
            "containers": [
                {"name": "a", "ports": [{"containerPort": 80, "name": "http"}, {"containerPort": 80, "hostIP": "10.0.0.1"}],
                 "env": [{"name": "X", "value": "1"}, {"name": "X", "value": "2"}],
                 "resources": {"requests": {"memory": "1500m"}}},
                {"name": "b", "ports": [{"containerPort": 80, "name": "http"}]}
            ]
        }}));
        assert_eq!(
            t,
            vec![
                "spec.template.spec.containers[0].resources.requests[memory]: fractional byte value \"1500m\" is invalid, must be an integer",
                "spec.template.spec.containers[0].env[1]: hides previous definition of \"X\", which may be dropped when using apply",
                "spec.template.spec.containers[0].ports[1]: hostIP set without hostPort: {Name: HostPort:0 ContainerPort:80 Protocol:TCP HostIP:10.0.0.1}",
                "spec.template.spec.containers[0].ports[1]: overlapping port definition with spec.template.spec.containers[0].ports[0]",
                "spec.template.spec.containers[1].ports[0]: duplicate port definition with spec.template.spec.containers[0].ports[0]",
                "spec.template.spec.containers[1].ports[0]: overlapping port definition with spec.template.spec.containers[0].ports[1]",
                "spec.template.spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1",
            ]
        );
    }

    #[test]
    fn numbers_are_read_as_go_decodes_them() {
        // a ResourceList value written as a JSON number: 1.5 is the
        // quantity 1500m, 1e3 the integer 1000; an int64 field takes an
        // integer only
        let t = texts(json!({"spec": {
            "terminationGracePeriodSeconds": -1.5,
            "containers": [{"name": "c", "resources": {
                "limits": {"memory": 1.5, "ephemeral-storage": 1e3},
                "requests": {"memory": 18446744073709551615u64}
            }}]
        }}));
        assert_eq!(
            t,
            vec!["spec.template.spec.containers[0].resources.limits[memory]: fractional byte value \"1500m\" is invalid, must be an integer"]
        );
    }

    #[test]
    fn a_template_without_a_spec_warns_about_its_annotations() {
        let t = texts(json!({"metadata": {"annotations": {
            "seccomp.security.alpha.kubernetes.io/pod": "runtime/default",
            "security.alpha.kubernetes.io/sysctls": "a=1"
        }}}));
        assert_eq!(
            t,
            vec![
                "spec.template.metadata.annotations[security.alpha.kubernetes.io/sysctls]: non-functional in v1.11+; use the \"sysctls\" field instead",
                "spec.template.metadata.annotations[seccomp.security.alpha.kubernetes.io/pod]: non-functional in v1.27+; use the \"seccompProfile\" field instead",
            ]
        );
    }
}
