//! The changes that would put the daemon pod on a node: a toleration, a
//! label, a lower request, ... (facts for the page and the CLI to word;
//! the YAML snippets and kubectl commands are ready to paste).

use super::report::{Fix, TaintCheck, TaintEffectOnPod};
use crate::controllers::daemonset::{Exclusion, NodeDecision};
use crate::k8s::model::{Node, Taint};
use crate::k8s::names;
use crate::k8s::node_affinity::{parse_go_int, AffinityCheck, RequirementCheck};
use crate::k8s::plain_scalar::yaml_scalar;
use crate::scheduler::{InsufficientResource, PortConflict};

/// A request written back the way people write it (`250m`, `2`, `512Mi`).
pub fn format_amount(resource: &str, amount: i64) -> String {
    if resource == "cpu" {
        if amount % 1000 == 0 {
            format!("{}", amount / 1000)
        } else {
            format!("{amount}m")
        }
    } else {
        const UNITS: [(&str, i64); 4] = [
            ("Ti", 1 << 40),
            ("Gi", 1 << 30),
            ("Mi", 1 << 20),
            ("Ki", 1 << 10),
        ];
        for (u, size) in UNITS {
            if amount >= size && amount % size == 0 {
                return format!("{}{u}", amount / size);
            }
        }
        if amount >= 1 << 20 {
            return format!("{}Mi", amount >> 20);
        }
        amount.to_string()
    }
}

fn toleration_yaml(t: &Taint) -> String {
    let mut y = format!("tolerations:\n- key: {}\n", yaml_scalar(&t.key));
    if t.value.is_empty() {
        y.push_str("  operator: Exists\n");
    } else {
        y.push_str(&format!(
            "  operator: Equal\n  value: {}\n",
            yaml_scalar(&t.value)
        ));
    }
    y.push_str(&format!("  effect: {}\n", t.effect));
    y
}

fn shell_word(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._/=:".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

pub(crate) fn fixes_for(
    node: &Node,
    node_selector: &[(String, String)],
    decision: &NodeDecision,
    taint_checks: &[TaintCheck],
    insufficient: &[InsufficientResource],
    conflicts: &[PortConflict],
) -> Vec<Fix> {
    let mut fixes = Vec::new();
    let name = shell_word(node.name());
    match &decision.exclusion {
        Some(Exclusion::TemplateNodeName { node_name }) => {
            fixes.push(Fix::RemoveTemplateNodeName {
                node_name: node_name.clone(),
            })
        }
        Some(Exclusion::NodeAffinity { check }) => {
            let mut labels: Vec<(String, Option<String>)> = check
                .node_selector_mismatches
                .iter()
                .map(|m| (m.key.clone(), Some(m.want.clone())))
                .collect();
            // both must match: the nodeSelector and a term of the
            // required node affinity; when no labels make a term match
            // (matchFields, a term that contradicts itself or the
            // nodeSelector), labelling the node is no fix
            let mut possible = true;
            if check.matching_term.is_some() {
                match affinity_label_suggestion(check, node_selector) {
                    Some(more) => {
                        for (k, v) in more {
                            if !labels.iter().any(|(have, _)| *have == k) {
                                labels.push((k, v));
                            }
                        }
                    }
                    None => possible = false,
                }
            }
            // a value the API server refuses on a node (a nodeSelector of
            // a refused DaemonSet may hold one): no label can be set to it
            let settable = labels.iter().all(|(_, v)| {
                v.as_deref()
                    .is_none_or(|v| names::label_value_errors(v).is_empty())
            });
            if possible && settable && !labels.is_empty() {
                let args: Vec<String> = labels
                    .iter()
                    .map(|(k, v)| match v {
                        Some(v) => shell_word(&format!("{k}={v}")),
                        None => shell_word(&format!("{k}-")),
                    })
                    .collect();
                fixes.push(Fix::LabelNode {
                    command: format!("kubectl label node {name} {} --overwrite", args.join(" ")),
                    labels,
                });
            }
        }
        _ => {}
    }
    for t in taint_checks {
        if matches!(
            t.outcome,
            TaintEffectOnPod::BlocksNewPods | TaintEffectOnPod::Evicts
        ) {
            fixes.push(Fix::AddToleration {
                taint: t.text.clone(),
                yaml: toleration_yaml(&t.taint),
                tolerates: t.taint.clone(),
            });
            fixes.push(Fix::RemoveTaint {
                command: format!(
                    "kubectl taint node {name} {}-",
                    shell_word(&format!("{}:{}", t.taint.key, t.taint.effect))
                ),
                taint: t.taint.clone(),
            });
        }
    }
    for r in insufficient {
        if r.resource == "pods" {
            fixes.push(Fix::FreeCapacity {
                resource: r.resource.clone(),
            });
            continue;
        }
        let free = r.capacity.saturating_sub(r.used);
        if free > 0 {
            let amount = format_amount(&r.resource, free);
            fixes.push(Fix::LowerRequest {
                resource: r.resource.clone(),
                free: amount.clone(),
                yaml: format!(
                    "resources:\n  requests:\n    {}: {}\n",
                    yaml_scalar(&r.resource),
                    yaml_scalar(&amount)
                ),
                free_amount: free,
            });
        } else {
            fixes.push(Fix::FreeCapacity {
                resource: r.resource.clone(),
            });
        }
    }
    for c in conflicts {
        fixes.push(Fix::FreeHostPort {
            port: c.port.port,
            protocol: c.port.protocol.clone(),
            used_by: c.used_by.clone(),
        });
    }
    fixes
}

/// The class the template names, as a PriorityClass to create (or one of
/// the existing classes to name instead).
pub fn create_priority_class(class: &str, existing: &[String]) -> Fix {
    Fix::CreatePriorityClass {
        class: class.to_string(),
        yaml: format!(
            "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: {}\nvalue: 1000000\n",
            yaml_scalar(class)
        ),
        existing: existing.to_vec(),
    }
}

/// The labels that would make the first term that can match by labels
/// alone match this node (`Some(value)` to set, `None` to remove), on top
/// of the nodeSelector's labels (which may break a term that matches
/// now, and which the term's changes must not undo): a term is chosen
/// only when, after every change, each of its requirements holds (a term
/// such as `k In [""]` and `k NotIn [""]` never does) and the
/// nodeSelector still matches. `None` when no term can.
fn affinity_label_suggestion(
    check: &AffinityCheck,
    node_selector: &[(String, String)],
) -> Option<Vec<(String, Option<String>)>> {
    check
        .terms
        .iter()
        .filter(|t| {
            t.errors.is_empty()
                && t.requirements
                    .iter()
                    .all(|r| r.matches || r.kind == "matchExpressions")
        })
        .find_map(|term| {
            let changes: Vec<(String, Option<String>)> = term
                .requirements
                .iter()
                .filter(|r| !r.matches)
                .map(|r| {
                    let first = r.values.first();
                    let int = first.and_then(|v| parse_go_int(v));
                    let value = match r.operator.as_str() {
                        "In" => Some(first?.clone()),
                        "Exists" => Some(String::new()),
                        "NotIn" | "DoesNotExist" => None,
                        "Gt" => Some(int?.checked_add(1)?.to_string()),
                        "Lt" => Some(int?.checked_sub(1)?.to_string()),
                        _ => return None,
                    };
                    Some((r.key.clone(), value))
                })
                .collect::<Option<_>>()?;
            // a value the API server refuses on a node (`Lt 0` asks for a
            // negative number, which no label value can be): no label
            // makes this term match
            if changes.iter().any(|(_, v)| {
                v.as_deref()
                    .is_some_and(|v| !names::label_value_errors(v).is_empty())
            }) {
                return None;
            }
            // a change the nodeSelector does not allow
            if changes.iter().any(|(k, v)| {
                node_selector
                    .iter()
                    .any(|(sk, sv)| sk == k && v.as_deref() != Some(sv.as_str()))
            }) {
                return None;
            }
            let after = |r: &RequirementCheck| -> Option<String> {
                node_selector
                    .iter()
                    .find(|(k, _)| *k == r.key)
                    .map(|(_, v)| Some(v.clone()))
                    .or_else(|| {
                        changes
                            .iter()
                            .rev()
                            .find(|(k, _)| *k == r.key)
                            .map(|(_, v)| v.clone())
                    })
                    .unwrap_or_else(|| r.node_value.clone())
            };
            let holds = |r: &RequirementCheck| {
                if r.kind != "matchExpressions" {
                    return true;
                }
                let v = after(r);
                let int = |x: &str| parse_go_int(x);
                let bound = r.values.first().and_then(|b| int(b));
                match r.operator.as_str() {
                    "In" => v.is_some_and(|v| r.values.contains(&v)),
                    "NotIn" => v.is_none_or(|v| !r.values.contains(&v)),
                    "Exists" => v.is_some(),
                    "DoesNotExist" => v.is_none(),
                    "Gt" => {
                        matches!((v.as_deref().and_then(int), bound), (Some(x), Some(b)) if x > b)
                    }
                    "Lt" => {
                        matches!((v.as_deref().and_then(int), bound), (Some(x), Some(b)) if x < b)
                    }
                    _ => false,
                }
            };
            term.requirements.iter().all(holds).then_some(changes)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_written_like_people_write_them() {
        assert_eq!(format_amount("cpu", 250), "250m");
        assert_eq!(format_amount("cpu", 2000), "2");
        assert_eq!(format_amount("memory", 512 << 20), "512Mi");
        assert_eq!(format_amount("memory", 3 << 30), "3Gi");
        assert_eq!(format_amount("memory", (1 << 20) + 5), "1Mi");
        assert_eq!(format_amount("memory", 1000), "1000");
    }

    #[test]
    fn yaml_scalars_quote_when_needed() {
        assert_eq!(yaml_scalar("gpu"), "gpu");
        assert_eq!(yaml_scalar("true"), "\"true\"");
        assert_eq!(yaml_scalar("1.5"), "\"1.5\"");
        assert_eq!(yaml_scalar("a b"), "\"a b\"");
        assert_eq!(yaml_scalar(""), "\"\"");
    }
}
