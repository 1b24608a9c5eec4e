//! The warnings the API server returns when it creates a DaemonSet (or a
//! Deployment): `GetWarningsForPodTemplate(ctx, field.NewPath("spec",
//! "template"), ...)` of pkg/api/pod/warnings.go, with the deprecated node
//! labels of pkg/api/node/util.go. kubectl prints each as `Warning:
//! <text>`; the text starts with the field path.
//!
//! They read fields the engine's model does not carry (volumes, image
//! pull secrets, security contexts), so they work on the object's JSON
//! form. Not reproduced: the PersistentVolumeClaim warnings of an
//! ephemeral volume's claim template.

use crate::k8s::field::go_quote;
use crate::k8s::quantity::Quantity;
use serde_json::Value;
use std::collections::BTreeSet;

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

fn arr(v: &Value, key: &str) -> Vec<Value> {
    v.get(key)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

fn string<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn present(v: &Value, key: &str) -> bool {
    v.get(key).is_some_and(|x| !x.is_null())
}

/// The warnings on creating a DaemonSet or Deployment (`object` in its
/// JSON form): those of its pod template at `spec.template`.
pub fn workload(object: &Value) -> Vec<Warning> {
    match object.get("spec").and_then(|s| s.get("template")) {
        Some(t) => pod_template(t, "spec.template"),
        None => Vec::new(),
    }
}

/// `GetWarningsForPodTemplate(ctx, fieldPath, template, nil)`.
pub fn pod_template(template: &Value, field_path: &str) -> Vec<Warning> {
    let null = Value::Null;
    let spec = template.get("spec").unwrap_or(&null);
    let meta = template.get("metadata").unwrap_or(&null);
    let base = P(field_path.to_string());
    let mut out = Out(Vec::new());
    let spec_path = base.child("spec");
    let annotations = meta.get("annotations").and_then(Value::as_object);
    let has_annotation = |k: &str| annotations.is_some_and(|a| a.contains_key(k));

    // deprecated node labels in selectors, affinity, topology
    if let Some(sel) = spec.get("nodeSelector").and_then(Value::as_object) {
        for k in sel.keys() {
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
                node_selector_term(term, &terms.index(i), &mut out);
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
                p.get("preference").unwrap_or(&null),
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
    let token_paths: BTreeSet<String> = volumes
        .iter()
        .filter_map(|v| v.get("projected"))
        .flat_map(|p| arr(p, "sources"))
        .filter_map(|s| {
            s.get("serviceAccountToken")
                .map(|t| string(t, "path").to_string())
        })
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
    let aliases = arr(spec, "hostAliases");
    if aliases.len() > 1 {
        let mut seen = BTreeSet::new();
        for (i, a) in aliases.iter().enumerate() {
            let ip = string(a, "ip");
            if !seen.insert(ip.to_string()) {
                out.add(
                    &spec_path.child("hostAliases").index(i).child("ip"),
                    format!("duplicate ip {}", go_quote(ip)),
                );
            }
        }
    }
    let secrets = arr(spec, "imagePullSecrets");
    if secrets.len() > 1 {
        let mut seen = BTreeSet::new();
        for (i, s) in secrets.iter().enumerate() {
            let name = string(s, "name");
            if !seen.insert(name.to_string()) {
                out.add(
                    &spec_path.child("imagePullSecrets").index(i).child("name"),
                    format!("duplicate name {}", go_quote(name)),
                );
            }
        }
    }
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
    let fractional = |list: Option<&Value>, at: &P, out: &mut Out| {
        for res in ["memory", "ephemeral-storage"] {
            let Some(v) = list.and_then(|l| l.get(res)) else {
                continue;
            };
            let text = match v {
                Value::String(s) => s.clone(),
                // the number's JSON text (serde_json's own writer of
                // floats is kept out of the wasm module)
                Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
                    (Some(i), _, _) => i.to_string(),
                    (_, Some(u), _) => u.to_string(),
                    (_, _, Some(f)) => crate::strconv::go_json_float(f),
                    _ => continue,
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
            let mut seen = BTreeSet::new();
            for (i, e) in env.iter().enumerate() {
                let n = string(e, "name");
                if !seen.insert(n.to_string()) {
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
            let host_port = port.get("hostPort").and_then(Value::as_i64).unwrap_or(0);
            let container_port = port
                .get("containerPort")
                .and_then(Value::as_i64)
                .unwrap_or(0);
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
                let o_port = other.get("hostPort").and_then(Value::as_i64).unwrap_or(0);
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
            others.push((at, port.clone()));
        }
    }

    if spec
        .get("terminationGracePeriodSeconds")
        .and_then(Value::as_i64)
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
fn node_selector_term(term: &Value, at: &P, out: &mut Out) {
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
    use serde_json::json;

    fn texts(template: Value) -> Vec<String> {
        workload(&json!({"spec": {"template": template}}))
            .into_iter()
            .map(|w| w.text)
            .collect()
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
}
