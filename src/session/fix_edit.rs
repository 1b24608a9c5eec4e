//! What applying a fix changes: the change to the DaemonSet's text or to
//! the cluster's text that a [`Fix`] describes, as edits at field paths of the object
//! it concerns ([`crate::input::edit`] makes them, keeping the rest of the
//! text as written).
//!
//! | fix | text | change |
//! |---|---|---|
//! | `addToleration` | DaemonSet | a toleration appended to `spec.template.spec.tolerations` |
//! | `removeTemplateNodeName`, `removeTemplateField` | DaemonSet | the field removed |
//! | `lowerRequest` | DaemonSet | requests lowered so that the pod's fits: one container's when one can give enough (the largest first), else several, the largest first; limits too for resources whose request must equal the limit |
//! | `createPriorityClass` | DaemonSet | the PriorityClass appended as a document (YAML texts) |
//! | `removeTaint` | nodes | every taint of the key and effect removed from the node (`kubectl taint node N key:Effect-`) |
//! | `labelNode` | nodes | the labels set or removed (`kubectl label node N ... --overwrite`) |
//!
//! `freeCapacity` and `freeHostPort` are about other pods: nothing to
//! edit. A shorthand entry with `count` stands for several nodes: the
//! change applies to all of them.

use crate::check::{format_amount, Fix};
use crate::diagnostic::Worded;
use crate::input::edit::{Change, Json, Step};
use crate::k8s::model::{Container, Pod, PodSpec, Taint};
use crate::k8s::quantity::Quantity;
use crate::k8s::resources::{self, is_scalar_resource_name, Resources};
use crate::k8s::{defaults, taints};

/// Which text a fix changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixText {
    DaemonSet,
    Nodes,
}

/// What a fix does to a text.
#[derive(Debug, Clone, PartialEq)]
pub enum FixEdit {
    /// Changes, made one after the other, to the object of the text.
    Object { text: FixText, changes: Vec<Change> },
    /// A YAML document appended to the text.
    Document { text: FixText, yaml: String },
}

/// Why a fix has no edit (in English and as words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoEdit(pub Worded);

/// The node a fix is about, as the cluster text has it.
#[derive(Debug, Clone, Copy)]
pub struct NodeInText<'a> {
    /// A shorthand entry (`labels`, `taints` at its top) rather than a
    /// `v1.Node` (`metadata.labels`, `spec.taints`).
    pub shorthand: bool,
    /// The taints written in the text, in order, for a shorthand entry
    /// (taints it derives from `ready: false` and the like are not
    /// there); a node's `spec.taints` otherwise.
    pub written_taints: &'a [Taint],
}

/// The edit that carries out `fix` for the DaemonSet whose template is
/// `template` (as written, before defaulting) on `node`.
pub fn edit_for(fix: &Fix, template: &PodSpec, node: NodeInText) -> Result<FixEdit, NoEdit> {
    let ds = |changes| {
        Ok(FixEdit::Object {
            text: FixText::DaemonSet,
            changes,
        })
    };
    let nodes = |changes| {
        Ok(FixEdit::Object {
            text: FixText::Nodes,
            changes,
        })
    };
    let pod_spec = |field: &str| -> Vec<Step> {
        ["spec", "template", "spec", field]
            .iter()
            .map(|k| Step::Key(k.to_string()))
            .collect()
    };
    match fix {
        Fix::AddToleration { tolerates: t, .. } => {
            let mut members = vec![("key", Json::str(&t.key))];
            if t.value.is_empty() {
                members.push(("operator", Json::str("Exists")));
            } else {
                members.push(("operator", Json::str("Equal")));
                members.push(("value", Json::str(&t.value)));
            }
            members.push(("effect", Json::str(&t.effect)));
            ds(vec![Change::Append {
                path: pod_spec("tolerations"),
                value: Json::map(members),
            }])
        }
        Fix::RemoveTemplateNodeName { .. } => ds(vec![Change::Remove {
            path: pod_spec("nodeName"),
        }]),
        Fix::RemoveTemplateField { field } => ds(vec![Change::Remove {
            path: crate::input::path::parse_path(field),
        }]),
        Fix::LowerRequest {
            resource,
            free_amount,
            ..
        } => ds(lower_request(template, resource, *free_amount)?),
        Fix::CreatePriorityClass { yaml, .. } => Ok(FixEdit::Document {
            text: FixText::DaemonSet,
            yaml: yaml.clone(),
        }),
        Fix::LabelNode { labels, .. } => {
            let base: &[&str] = if node.shorthand {
                &["labels"]
            } else {
                &["metadata", "labels"]
            };
            let changes = labels
                .iter()
                .map(|(k, v)| {
                    let mut path: Vec<Step> = base.iter().map(|s| Step::Key(s.to_string())).collect();
                    path.push(Step::Key(k.clone()));
                    match v {
                        Some(v) => Change::Set {
                            path,
                            value: Json::str(v),
                        },
                        None => Change::Remove { path },
                    }
                })
                .collect();
            nodes(changes)
        }
        Fix::RemoveTaint { taint, .. } => {
            let base: &[&str] = if node.shorthand {
                &["taints"]
            } else {
                &["spec", "taints"]
            };
            // every taint of the key and effect, the last first so that
            // the indices stay right
            let changes: Vec<Change> = node
                .written_taints
                .iter()
                .enumerate()
                .rev()
                .filter(|(_, t)| t.key == taint.key && t.effect == taint.effect)
                .map(|(i, _)| {
                    let mut path: Vec<Step> = base.iter().map(|s| Step::Key(s.to_string())).collect();
                    path.push(Step::Index(i));
                    Change::Remove { path }
                })
                .collect();
            if changes.is_empty() {
                let written = format!("{}:{}", taint.key, taint.effect);
                return Err(NoEdit(Worded::new(
                    format!("the taint {written} is not written in the node's entry: the shorthand adds it for the node's condition (ready, memoryPressure, diskPressure, pidPressure, networkUnavailable, unschedulable); change that instead"),
                    "taintFromCondition",
                    [("taint", written.into())],
                )));
            }
            nodes(changes)
        }
        Fix::FreeCapacity { .. } | Fix::FreeHostPort { .. } => Err(NoEdit(Worded::new(
            "this fix is about the other pods on the node: there is nothing to change in the DaemonSet or the node",
            "fixAboutOtherPods",
            [],
        ))),
    }
}

/// The amount of `resource` in `r`, in the scheduler's units.
fn amount(r: &Resources, resource: &str) -> i64 {
    match resource {
        resources::CPU => r.milli_cpu,
        resources::MEMORY => r.memory,
        resources::EPHEMERAL_STORAGE => r.ephemeral_storage,
        other => r.scalar.get(other).copied().unwrap_or(0),
    }
}

fn container_amount(c: &Container, resource: &str) -> Option<i64> {
    let q = Quantity::parse(c.resources.requests.get(resource)?).ok()?;
    Some(if resource == resources::CPU {
        q.milli_value()
    } else {
        q.value()
    })
}

/// The request of one container lowered so that the pod's request for
/// `resource` is at most `free`.
fn lower_request(template: &PodSpec, resource: &str, free: i64) -> Result<Vec<Change>, NoEdit> {
    // requests as the API server stores them: limits copied where a
    // request is missing
    let mut pod = Pod {
        spec: template.clone(),
        ..Default::default()
    };
    defaults::default_pod(&mut pod);
    let spec = pod.spec;
    let total = amount(&resources::pod_requests(&spec), resource);
    if total <= free {
        return Err(NoEdit(Worded::new(
            "the pod's request already fits",
            "requestFits",
            [],
        )));
    }
    let over = total - free;
    // (list, index, request), the largest first
    let mut candidates: Vec<(&str, usize, i64)> = Vec::new();
    for (list, cs) in [
        ("containers", &spec.containers),
        ("initContainers", &spec.init_containers),
    ] {
        for (i, c) in cs.iter().enumerate() {
            if let Some(a) = container_amount(c, resource) {
                candidates.push((list, i, a));
            }
        }
    }
    crate::sort::sort_by_key(&mut candidates, |c| std::cmp::Reverse(c.2));
    let set = |trial: &mut PodSpec, list: &str, i: usize, text: &str| {
        let cs = if list == "containers" {
            &mut trial.containers
        } else {
            &mut trial.init_containers
        };
        cs[i].resources.requests.insert(resource, text);
    };
    let edits = |list: &str, i: usize, text: &str| -> Vec<Change> {
        let base = |field: &str| -> Vec<Step> {
            let mut p: Vec<Step> = ["spec", "template", "spec", list]
                .iter()
                .map(|k| Step::Key(k.to_string()))
                .collect();
            p.extend([
                Step::Index(i),
                Step::Key("resources".into()),
                Step::Key(field.into()),
                Step::Key(resource.into()),
            ]);
            p
        };
        let mut changes = vec![Change::Set {
            path: base("requests"),
            value: Json::str(text),
        }];
        // an extended resource's or hugepages' request must equal its limit
        let original = if list == "containers" {
            &template.containers
        } else {
            &template.init_containers
        };
        if is_scalar_resource_name(resource)
            && original
                .get(i)
                .is_some_and(|c| c.resources.limits.contains_key(resource))
        {
            changes.push(Change::Set {
                path: base("limits"),
                value: Json::str(text),
            });
        }
        changes
    };
    let fits = |trial: &PodSpec| amount(&resources::pod_requests(trial), resource) <= free;
    // one container, when one can give enough
    for &(list, i, had) in &candidates {
        if had < over {
            continue;
        }
        let text = format_amount(resource, had - over);
        let mut trial = spec.clone();
        set(&mut trial, list, i, &text);
        if fits(&trial) {
            return Ok(edits(list, i, &text));
        }
    }
    // else several, the largest first, each as far as needed (to 0 at most)
    let mut trial = spec.clone();
    let mut changes = Vec::new();
    let mut left = over;
    for &(list, i, had) in &candidates {
        let take = had.min(left);
        if take <= 0 {
            continue;
        }
        let text = format_amount(resource, had - take);
        set(&mut trial, list, i, &text);
        changes.extend(edits(list, i, &text));
        left -= take;
        if fits(&trial) {
            return Ok(changes);
        }
    }
    Err(NoEdit(Worded::new(
        format!("the containers' {resource} requests cannot be lowered enough: the pod's overhead or init containers ask for more than the node has free"),
        "requestNotLowerable",
        [("resource", resource.into())],
    )))
}

/// The taints of a list as written in a text (`"key=value:Effect"`
/// strings of the shorthand, or `{key, value, effect}` maps); an item that
/// is neither stands as an empty taint so that indices stay right.
pub fn written_taints(list: Option<&Json>) -> Vec<Taint> {
    let Some(Json::List(items)) = list else {
        return Vec::new();
    };
    items
        .iter()
        .map(|item| match item {
            Json::Str(s) => taints::parse_taint(s).unwrap_or_default(),
            Json::Map(members) => {
                let get = |k: &str| {
                    members
                        .iter()
                        .rev()
                        .find(|(key, _)| key == k)
                        .and_then(|(_, v)| match v {
                            Json::Str(s) => Some(s.clone()),
                            _ => None,
                        })
                        .unwrap_or_default()
                };
                Taint {
                    key: get("key"),
                    value: get("value"),
                    effect: get("effect"),
                    time_added: None,
                }
            }
            _ => Taint::default(),
        })
        .collect()
}
