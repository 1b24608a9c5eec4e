//! The errors of a node the API server would refuse, worded as it words
//! them and located where the node has the field: `ValidateNode` as
//! [`super::node`] describes it, which says first whether there is any
//! (feature `node-errors`: the page's first-grid module leaves this out).

use std::collections::{HashMap, HashSet};

use super::pod::{validate_resource_quantity_value, validate_taint_effect};
use super::{
    validate_annotation_key, validate_annotations_size, validate_label_name, validate_nonnegative,
};
use crate::diagnostic::Diagnostic;
use crate::k8s::field::{json_string, Errors, Path, Value};
use crate::k8s::model::{Node, ResourceList, Taint};
use crate::k8s::names;
use crate::k8s::quantity::Quantity;

/// The value half of `ValidateLabels`: one error per message of
/// `IsValidLabelValue`, at the map's path.
fn validate_label_value(value: &str, path: &Path, errs: &mut Errors) {
    errs.invalid_each(path, &Value::str(value), names::label_value_errors(value));
}

/// One step of where an error's field stands in the node as written
/// (Kubernetes form: `spec.taints[0].effect`, `status.capacity[cpu]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// One validation error of a node, and where its field is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeError {
    /// The error as the API server returns it (its `field` the path Go
    /// reports, such as `metadata.taints[0].effect`).
    pub diagnostic: Diagnostic,
    /// Where the offending field is written in the node.
    pub at: Vec<Step>,
    /// The error is about the last step's key (a label key), not its value.
    pub key: bool,
}

fn steps(fields: &[&str]) -> Vec<Step> {
    fields.iter().map(|f| Step::Key((*f).to_string())).collect()
}

/// Collects the errors of each check with where they stand.
struct Out {
    errors: Vec<NodeError>,
}

impl Out {
    fn take(&mut self, errs: Errors, at: Vec<Step>, key: bool) {
        for diagnostic in errs.0 {
            self.errors.push(NodeError {
                diagnostic,
                at: at.clone(),
                key,
            });
        }
    }
}

/// Every error the API server's `ValidateNode` returns for this node (on
/// create), in Go's order, each message once.
pub fn validate_node(node: &Node) -> Vec<NodeError> {
    let mut out = Out { errors: Vec::new() };
    let meta = &node.metadata;
    let mp = Path::new("metadata");

    // ValidateObjectMetaAccessor(meta, false, ValidateNodeName, "metadata"):
    // generateName (a prefix), then name
    for (field, value, prefix) in [
        ("generateName", &meta.generate_name, true),
        ("name", &meta.name, false),
    ] {
        let value = value.as_deref().unwrap_or("");
        if !value.is_empty() {
            let mut e = Errors::new();
            e.invalid_each(
                &mp.child(field),
                &Value::str(value),
                names::name_is_dns_subdomain(value, prefix),
            );
            out.take(e, steps(&["metadata", field]), false);
        }
    }
    if let Some(g) = meta.generation {
        let mut e = Errors::new();
        validate_nonnegative(g, &mp.child("generation"), &mut e);
        out.take(e, steps(&["metadata", "generation"]), false);
    }
    let labels = mp.child("labels");
    for (k, v) in &meta.labels {
        let at = || {
            let mut s = steps(&["metadata", "labels"]);
            s.push(Step::Key(k.to_string()));
            s
        };
        let mut e = Errors::new();
        validate_label_name(k, &labels, &mut e);
        if !e.is_empty() {
            out.take(e, at(), true);
        }
        let mut e = Errors::new();
        validate_label_value(v, &labels, &mut e);
        if !e.is_empty() {
            out.take(e, at(), false);
        }
    }
    let annotations = mp.child("annotations");
    for (k, _) in &meta.annotations {
        let mut e = Errors::new();
        validate_annotation_key(k, &annotations, &mut e);
        if !e.is_empty() {
            let mut at = steps(&["metadata", "annotations"]);
            at.push(Step::Key(k.to_string()));
            out.take(e, at, true);
        }
    }
    let mut e = Errors::new();
    validate_annotations_size(&meta.annotations, &annotations, &mut e);
    out.take(e, steps(&["metadata", "annotations"]), false);

    if !node.spec.taints.is_empty() {
        validate_node_taints(&node.spec.taints, &mp.child("taints"), &mut out);
    }

    // ValidateNodeResources
    validate_node_resources(&node.status.capacity, "capacity", &mut out);
    if let Some(allocatable) = &node.status.allocatable {
        validate_node_resources(allocatable, "allocatable", &mut out);
    }

    // each message once (as the API server's message lists them)
    let mut seen = HashSet::new();
    out.errors.retain(|e| seen.insert(e.diagnostic.message()));
    out.errors
}

/// `validateNodeTaints` (`path`: `metadata.taints`, as Go has it; the
/// taints are written at `spec.taints`).
fn validate_node_taints(taints: &[Taint], path: &Path, out: &mut Out) {
    let mut unique: HashMap<&str, HashSet<&str>> = HashMap::new();
    for (i, t) in taints.iter().enumerate() {
        let idx = path.index(i);
        let at = |field: Option<&str>| {
            let mut s = steps(&["spec", "taints"]);
            s.push(Step::Index(i));
            if let Some(f) = field {
                s.push(Step::Key(f.to_string()));
            }
            s
        };
        let mut e = Errors::new();
        validate_label_name(&t.key, &idx.child("key"), &mut e);
        if !e.is_empty() {
            out.take(e, at(Some("key")), false);
        }
        let msgs = names::label_value_errors(&t.value);
        if !msgs.is_empty() {
            let mut e = Errors::new();
            e.invalid(&idx.child("value"), Value::str(&t.value), &msgs.join(";"));
            out.take(e, at(Some("value")), false);
        }
        let mut e = Errors::new();
        if t.effect.is_empty() {
            e.required(&idx.child("effect"), "");
        } else {
            validate_taint_effect(&t.effect, &idx.child("effect"), &mut e);
        }
        if !e.is_empty() {
            out.take(e, at(Some("effect")), false);
        }
        let keys = unique.entry(t.effect.as_str()).or_default();
        if !keys.insert(t.key.as_str()) {
            let mut e = Errors::new();
            e.duplicate(&idx, Value::Raw(json_taint(t)));
            if let Some(d) = e.0.last_mut() {
                d.detail
                    .push_str(": taints must be unique by key and effect pair");
            }
            out.take(e, at(None), false);
        }
    }
}

/// The internal `core.Taint` as JSON, as the API server prints it in an
/// error: Go field names (the internal type has no JSON tags), `null` for
/// no `TimeAdded` (a `metav1.Time` prints as its RFC 3339 text).
fn json_taint(t: &Taint) -> String {
    format!(
        "{{\"Key\":{},\"Value\":{},\"Effect\":{},\"TimeAdded\":{}}}",
        json_string(&t.key),
        json_string(&t.value),
        json_string(&t.effect),
        t.time_added
            .as_deref()
            .map_or_else(|| "null".to_string(), json_string)
    )
}

/// `ValidateNodeResources` for one list: `ValidateResourceQuantityValue`
/// of each quantity, at `status.<list>.<name>` (`field.NewPath("status",
/// list, name)`: the name is a child).
fn validate_node_resources(list: &ResourceList, which: &str, out: &mut Out) {
    let path = Path::new("status").child(which);
    for (name, text) in list {
        // the decoder refused a quantity that does not parse
        let Ok(q) = Quantity::parse(text) else {
            continue;
        };
        let mut e = Errors::new();
        validate_resource_quantity_value(name, &q, &path.child(name), &mut e);
        if !e.is_empty() {
            let mut at = steps(&["status", which]);
            at.push(Step::Key(name.to_string()));
            out.take(e, at, false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::node::{is_valid, Memo};
    use super::*;
    use crate::k8s::model::StringMap;

    fn messages(node: &Node) -> Vec<String> {
        validate_node(node)
            .iter()
            .map(|e| e.diagnostic.message())
            .collect()
    }

    /// [`is_valid`] says what [`validate_node`] finds, memo or not; of
    /// the rare nodes it leaves to it (many taints, a signed quantity) it
    /// says `false` whatever that finds.
    #[test]
    fn is_valid_agrees_with_validate_node() {
        let odd = [
            "",
            "a",
            "a/b",
            "a/b/c",
            "/a",
            "a/",
            "A",
            "-a",
            "a.b.c/d",
            "x y",
            "é",
            "Example.COM/Key",
            "\u{130}",
        ];
        let mut memo = Memo::default();
        for s in odd {
            for place in 0..6 {
                let mut n = Node::default();
                n.metadata.name = Some("n".into());
                match place {
                    0 => n.metadata.labels.insert(s, "v").map(drop).unwrap_or(()),
                    1 => n.metadata.labels.insert("k", s).map(drop).unwrap_or(()),
                    2 => n
                        .metadata
                        .annotations
                        .insert(s, "v")
                        .map(drop)
                        .unwrap_or(()),
                    3 => n.spec.taints.push(Taint {
                        key: s.into(),
                        effect: "NoSchedule".into(),
                        ..Taint::default()
                    }),
                    4 => n.metadata.name = Some(s.into()),
                    _ => n.spec.taints.push(Taint {
                        key: "k".into(),
                        effect: s.into(),
                        ..Taint::default()
                    }),
                }
                for _ in 0..2 {
                    assert_eq!(
                        is_valid(&n, &mut memo),
                        messages(&n).is_empty(),
                        "{s:?} at {place}: {:?}",
                        messages(&n)
                    );
                }
            }
        }
        let mut n = Node::default();
        n.metadata.name = Some("n".into());
        n.status.capacity = StringMap::from_pairs(&[("pods", "1.5"), ("cpu", "1")]).into();
        assert!(!is_valid(&n, &mut memo));
        n.status.capacity =
            StringMap::from_pairs(&[("pods", "2"), ("cpu", "1"), ("memory", "1e-3")]).into();
        assert!(is_valid(&n, &mut memo), "{:?}", messages(&n));
        // valid, and left to validate_node
        n.status.capacity =
            StringMap::from_pairs(&[("pods", "2"), ("cpu", "-0"), ("memory", "1e-3")]).into();
        assert!(!is_valid(&n, &mut memo));
        assert_eq!(messages(&n), Vec::<String>::new());
        // whole numbers, for an integer resource too
        for q in ["110", "1e2", "2E3", "999999999999999"] {
            n.status.capacity =
                StringMap::from_pairs(&[("pods", q), ("example.com/dongle", q)]).into();
            assert!(is_valid(&n, &mut memo), "{q}");
            assert_eq!(messages(&n), Vec::<String>::new(), "{q}");
        }
        // refused for an integer resource
        for q in ["500m", "1.5", "1e-3", "-1"] {
            n.status.capacity = StringMap::from_pairs(&[("pods", q)]).into();
            assert!(!is_valid(&n, &mut memo), "{q}");
            assert_eq!(messages(&n).len(), 1, "{q}");
        }
        // valid, but not written as digits (or too many to tell at once):
        // left to validate_node
        for q in ["+2", "0.5Gi", "64Gi", "3k", "1e10"] {
            n.status.capacity = StringMap::from_pairs(&[("pods", q)]).into();
            assert!(!is_valid(&n, &mut memo), "{q}");
            assert_eq!(messages(&n), Vec::<String>::new(), "{q}");
        }
        // sixteen nines are an integer, but their milli-value overflows
        // int64 in Go's MilliValue, whose remainder by 1000 is then not 0:
        // refused, and so not taken at once
        n.status.capacity = StringMap::from_pairs(&[("pods", "9999999999999999")]).into();
        assert!(!is_valid(&n, &mut memo));
        assert_eq!(messages(&n).len(), 1);
        n.status.capacity = StringMap::from_pairs(&[("pods", "2")]).into();
        for i in 0..100 {
            n.spec.taints.push(Taint {
                key: format!("k{i}"),
                effect: "NoSchedule".into(),
                ..Taint::default()
            });
        }
        assert!(!is_valid(&n, &mut memo));
        assert_eq!(messages(&n), Vec::<String>::new());
        n.spec.taints.push(Taint {
            key: "k7".into(),
            effect: "NoSchedule".into(),
            ..Taint::default()
        });
        assert!(!is_valid(&n, &mut memo));
        assert_eq!(
            messages(&n),
            ["metadata.taints[100]: Duplicate value: {\"Key\":\"k7\",\"Value\":\"\",\"Effect\":\"NoSchedule\",\"TimeAdded\":null}: taints must be unique by key and effect pair"]
        );
    }
}
