//! Completion for the DaemonSet editor: at a key, the fields the
//! Kubernetes v1.36 type at the caret's path has (from the API schema the
//! strict decoding uses, the mapping's present keys left out); at a value,
//! the constants of an enum-like field, and the label keys, label values
//! and taint keys of the kept cluster where the field selects nodes or
//! tolerates taints.

use super::Session;
use crate::input::cursor::{self, At, Step};
use crate::k8s::schema::{self, Shape};
use serde::Serialize;
use std::collections::HashMap;

/// What [`Session::complete`] proposes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Completions {
    /// The range of the text a chosen item replaces (bytes natively; the
    /// wasm module gives UTF-16 code units).
    pub from: usize,
    pub to: usize,
    /// Best first: the items whose label starts with the typed prefix,
    /// then those that contain it.
    pub items: Vec<Completion>,
}

/// One proposal.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Completion {
    /// The text put in place of the word at the caret.
    pub label: String,
    /// What it is: a field's Go type (`[]v1.Toleration`), or where a value
    /// comes from (`label of 3 nodes`).
    pub detail: String,
    pub kind: CompletionKind,
}

/// Where a proposal comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum CompletionKind {
    /// A field of the Kubernetes type.
    Field,
    /// A constant the field takes.
    Value,
    /// A node label key of the kept cluster.
    LabelKey,
    /// A node label value of the kept cluster.
    LabelValue,
    /// A taint key of the kept cluster.
    TaintKey,
}

/// At most this many proposals.
const MAX_ITEMS: usize = 200;

/// The constants of the string types whose values Kubernetes enumerates
/// (k8s.io/api/core/v1 and apps/v1 `const` blocks), by Go type.
fn constants(go_type: &str) -> &'static [&'static str] {
    match go_type {
        "v1.TaintEffect" => &["NoSchedule", "PreferNoSchedule", "NoExecute"],
        "v1.TolerationOperator" => &["Exists", "Equal"],
        "v1.NodeSelectorOperator" => &["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"],
        "v1.LabelSelectorOperator" => &["In", "NotIn", "Exists", "DoesNotExist"],
        "v1.DaemonSetUpdateStrategyType" => &["RollingUpdate", "OnDelete"],
        "v1.PullPolicy" => &["Always", "IfNotPresent", "Never"],
        // a DaemonSet's pods must restart Always (validation of the template)
        "v1.RestartPolicy" => &["Always"],
        "v1.DNSPolicy" => &["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"],
        "v1.Protocol" => &["TCP", "UDP", "SCTP"],
        "v1.PreemptionPolicy" => &["PreemptLowerPriority", "Never"],
        "v1.TerminationMessagePolicy" => &["File", "FallbackToLogsOnError"],
        "v1.HostPathType" => &[
            "",
            "DirectoryOrCreate",
            "Directory",
            "FileOrCreate",
            "File",
            "Socket",
            "CharDevice",
            "BlockDevice",
        ],
        "v1.MountPropagationMode" => &["None", "HostToContainer", "Bidirectional"],
        "v1.ContainerRestartPolicy" => &["Always"],
        _ => &[],
    }
}

/// The shape at a path from a type, and the Go type and struct of its
/// last step.
struct Found {
    shape: Shape,
    go_type: &'static str,
    /// The Go type name of the struct the last key belongs to.
    parent: Option<&'static str>,
    last_key: Option<String>,
}

fn walk(root: schema::TypeId, path: &[Step]) -> Option<Found> {
    let mut shape = Shape::Object(root);
    let mut go_type = schema::ty(root).go_type;
    let mut parent = None;
    let mut last_key = None;
    for step in path {
        match (step, shape) {
            (Step::Key(k), Shape::Object(id)) => {
                let f = schema::field(id, k)?;
                parent = Some(schema::ty(id).go_name);
                shape = f.shape;
                go_type = f.go_type;
                last_key = Some(k.clone());
            }
            (Step::Key(k), Shape::Map(v)) => {
                parent = None;
                shape = v.shape;
                go_type = v.go_type;
                last_key = Some(k.clone());
            }
            (Step::Item, Shape::Array(v)) => {
                shape = v.shape;
                go_type = v.go_type;
            }
            _ => return None,
        }
    }
    Some(Found {
        shape,
        go_type,
        parent,
        last_key,
    })
}

impl Session {
    /// Proposals for the word at byte `offset` of a DaemonSet (or other
    /// manifest) text; `None` where there is nothing to propose (a
    /// comment, a quoted or flow value, a path the schema does not have).
    pub fn complete(&self, text: &str, offset: usize) -> Option<Completions> {
        let c = cursor::cursor(text, offset)?;
        let root = match (&c.api_version, &c.kind) {
            (Some(av), Some(k)) => schema::root(av, k)?,
            _ => schema::root("apps/v1", "DaemonSet")?,
        };
        let mut items: Vec<Completion> = Vec::new();
        match c.at {
            At::Key => {
                let found = walk(root, &c.path)?;
                match found.shape {
                    Shape::Object(id) => {
                        for f in schema::ty(id).fields {
                            if c.siblings.iter().any(|s| s == f.name) {
                                continue;
                            }
                            items.push(Completion {
                                label: f.name.to_string(),
                                detail: f.go_type.to_string(),
                                kind: CompletionKind::Field,
                            });
                        }
                    }
                    Shape::Map(_) if c.path.last() == Some(&Step::Key("nodeSelector".into())) => {
                        for (key, nodes) in self.label_keys() {
                            if !c.siblings.contains(&key) {
                                items.push(Completion {
                                    label: key,
                                    detail: format!("{nodes}"),
                                    kind: CompletionKind::LabelKey,
                                });
                            }
                        }
                    }
                    _ => return None,
                }
            }
            At::Value => {
                let found = walk(root, &c.path)?;
                let key = found.last_key.as_deref().unwrap_or("");
                match (found.parent, key) {
                    (Some("Toleration"), "key") => {
                        for (k, nodes) in self.taint_keys() {
                            items.push(Completion {
                                label: k,
                                detail: format!("{nodes}"),
                                kind: CompletionKind::TaintKey,
                            });
                        }
                    }
                    (Some("NodeSelectorRequirement"), "key") => {
                        for (k, nodes) in self.label_keys() {
                            items.push(Completion {
                                label: k,
                                detail: format!("{nodes}"),
                                kind: CompletionKind::LabelKey,
                            });
                        }
                    }
                    (None, label)
                        if c.path.len() >= 2
                            && c.path[c.path.len() - 2] == Step::Key("nodeSelector".into()) =>
                    {
                        for (v, nodes) in self.label_values(label) {
                            items.push(Completion {
                                label: v,
                                detail: format!("{nodes}"),
                                kind: CompletionKind::LabelValue,
                            });
                        }
                    }
                    _ => {
                        let values: &[&str] = match found.shape {
                            Shape::Bool => &["true", "false"],
                            Shape::String => constants(found.go_type),
                            _ => &[],
                        };
                        for v in values.iter().filter(|v| !v.is_empty()) {
                            items.push(Completion {
                                label: v.to_string(),
                                detail: found.go_type.to_string(),
                                kind: CompletionKind::Value,
                            });
                        }
                    }
                }
            }
        }
        Some(Completions {
            from: c.from,
            to: c.to,
            items: rank(items, &c.prefix),
        })
    }

    /// Label keys of the kept nodes, with how many nodes have each.
    fn label_keys(&self) -> Vec<(String, usize)> {
        counts(self.cluster.nodes().flat_map(|n| n.metadata.labels.keys()))
    }

    /// The values of label `key` on the kept nodes, with how many nodes have each.
    fn label_values(&self, key: &str) -> Vec<(String, usize)> {
        counts(
            self.cluster
                .nodes()
                .filter_map(|n| n.metadata.labels.get(key)),
        )
    }

    /// Taint keys of the kept nodes, with how many nodes have each.
    fn taint_keys(&self) -> Vec<(String, usize)> {
        counts(
            self.cluster
                .nodes()
                .flat_map(|n| n.spec.taints.iter().map(|t| t.key.as_str())),
        )
    }
}

/// Each distinct string with how many times it came, in string order.
fn counts<'a>(items: impl Iterator<Item = &'a str>) -> Vec<(String, usize)> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for s in items {
        *seen.entry(s).or_insert(0) += 1;
    }
    let mut out: Vec<(String, usize)> = seen.into_iter().map(|(s, n)| (s.to_string(), n)).collect();
    crate::sort::sort_by(&mut out, |a, b| a.0.cmp(&b.0));
    out
}

/// The items matching `prefix` (ASCII case-insensitive: field names, label
/// keys and values and taint keys are ASCII): those starting with it
/// first, then those containing it, each group in its order; at most
/// [`MAX_ITEMS`].
fn rank(items: Vec<Completion>, prefix: &str) -> Vec<Completion> {
    let p = prefix.to_ascii_lowercase();
    let (mut starts, mut contains) = (Vec::new(), Vec::new());
    for it in items {
        let l = it.label.to_ascii_lowercase();
        if l.starts_with(&p) {
            if it.label != prefix {
                starts.push(it);
            }
        } else if l.contains(&p) {
            contains.push(it);
        }
    }
    starts.extend(contains);
    starts.truncate(MAX_ITEMS);
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(s: &Session, text: &str) -> Vec<String> {
        let offset = text.find('|').unwrap();
        let text = text.replacen('|', "", 1);
        s.complete(&text, offset)
            .map(|c| c.items.into_iter().map(|i| i.label).collect())
            .unwrap_or_default()
    }

    const HEAD: &str = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: a\n";

    #[test]
    fn fields_of_the_type_at_the_caret() {
        let s = Session::new();
        let got = labels(&s, &format!("{HEAD}spec:\n  upd|\n"));
        assert_eq!(got, vec!["updateStrategy"]);
        let got = labels(&s, &format!("{HEAD}spec:\n  selector: {{}}\n  |\n"));
        assert!(
            got.contains(&"template".to_string()) && got.contains(&"minReadySeconds".to_string())
        );
        assert!(
            !got.contains(&"selector".to_string()),
            "present keys are not proposed"
        );
        let got = labels(
            &s,
            &format!("{HEAD}spec:\n  template:\n    spec:\n      tolerations:\n      - |\n"),
        );
        assert_eq!(
            got,
            vec!["effect", "key", "operator", "tolerationSeconds", "value"]
        );
        // contains after starts-with
        let got = labels(&s, &format!("{HEAD}spec:\n  template:\n    spec:\n      containers:\n      - name: c\n        port|\n"));
        assert_eq!(
            got,
            vec!["ports", "readinessProbe", "startupProbe"]
                .into_iter()
                .filter(|l| l.to_lowercase().contains("port"))
                .collect::<Vec<_>>()
        );
        // a path the schema does not have: nothing
        assert_eq!(
            labels(&s, &format!("{HEAD}spec:\n  nosuch:\n    |\n")),
            Vec::<String>::new()
        );
    }

    #[test]
    fn constants_and_the_clusters_labels_and_taints() {
        let mut s = Session::new();
        let summary = s.set_cluster("nodes:\n- name: a\n  labels: {disktype: ssd, zone: z1}\n  taints: [\"gpu=true:NoSchedule\"]\n- name: b\n  labels: {disktype: hdd}\n");
        assert!(summary.errors.is_empty(), "{:?}", summary.errors);
        let tol =
            format!("{HEAD}spec:\n  template:\n    spec:\n      tolerations:\n      - key: |\n");
        assert_eq!(labels(&s, &tol), vec!["gpu"]);
        let eff = format!(
            "{HEAD}spec:\n  template:\n    spec:\n      tolerations:\n      - effect: No|\n"
        );
        assert_eq!(
            labels(&s, &eff),
            vec!["NoSchedule", "NoExecute", "PreferNoSchedule"]
        );
        let sel = format!("{HEAD}spec:\n  template:\n    spec:\n      nodeSelector:\n        |\n");
        // the shorthand list labels each node with its hostname, as the kubelet does
        assert_eq!(
            labels(&s, &sel),
            vec!["disktype", "kubernetes.io/hostname", "zone"]
        );
        let val = format!(
            "{HEAD}spec:\n  template:\n    spec:\n      nodeSelector:\n        disktype: |\n"
        );
        assert_eq!(labels(&s, &val), vec!["hdd", "ssd"]);
        let strat = format!("{HEAD}spec:\n  updateStrategy:\n    type: |\n");
        assert_eq!(labels(&s, &strat), vec!["RollingUpdate", "OnDelete"]);
        let b = format!("{HEAD}spec:\n  template:\n    spec:\n      hostNetwork: |\n");
        assert_eq!(labels(&s, &b), vec!["true", "false"]);
        let expr = format!("{HEAD}spec:\n  template:\n    spec:\n      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n            - matchExpressions:\n              - key: z|\n");
        assert_eq!(labels(&s, &expr), vec!["zone"]);
    }
}

#[cfg(test)]
mod no_panic {
    use super::*;

    /// Every caret position of every example and of hostile texts: no
    /// panic, and `from..to` always a range of the text around the caret.
    #[test]
    fn every_offset_of_every_example() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("web/examples");
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| std::fs::read_to_string(e.unwrap().path()).ok())
            .collect();
        texts
            .push("- - - - a:\n\t- b: |\n  c: {d: [e, f: g]}\n說明: 值 # x\n---\n  - : :\n".into());
        texts.push(format!("{}x", "  - a:\n".repeat(300)));
        let mut s = Session::new();
        s.set_cluster("nodes:\n- name: a\n  labels: {k: v}\n  taints: [\"t=1:NoSchedule\"]\n");
        for text in &texts {
            for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                if let Some(c) = s.complete(text, offset) {
                    assert!(
                        c.from <= offset && offset <= c.to && c.to <= text.len(),
                        "{offset}"
                    );
                }
            }
        }
    }
}
