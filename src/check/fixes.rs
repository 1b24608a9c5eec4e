//! The changes that would put the daemon pod on a node: a toleration, a
//! label, a lower request, ... (facts for the page and the CLI to word;
//! the YAML snippets and kubectl commands are ready to paste).

use super::report::{Fix, TaintCheck, TaintEffectOnPod};
use crate::controllers::daemonset::{Exclusion, NodeDecision};
use crate::k8s::model::{Node, Taint};
use crate::k8s::node_affinity::AffinityCheck;
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

/// Quotes a YAML scalar when plain style would change its meaning.
fn yaml_scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._/".contains(c))
        && !matches!(
            s,
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "~"
        )
        && s.parse::<f64>().is_err();
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
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
            let mut labels: Vec<String> = check
                .node_selector_mismatches
                .iter()
                .map(|m| format!("{}={}", m.key, m.want))
                .collect();
            if labels.is_empty() {
                labels = affinity_label_suggestion(check);
            }
            if !labels.is_empty() {
                let args: Vec<String> = labels.iter().map(|l| shell_word(l)).collect();
                fixes.push(Fix::LabelNode {
                    command: format!("kubectl label node {name} {} --overwrite", args.join(" ")),
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
            });
            fixes.push(Fix::RemoveTaint {
                command: format!(
                    "kubectl taint node {name} {}-",
                    shell_word(&format!("{}:{}", t.taint.key, t.taint.effect))
                ),
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

/// `kubectl label` arguments that would make the first term that can
/// match by labels alone match this node (`key=value`, or `key-` to remove).
fn affinity_label_suggestion(check: &AffinityCheck) -> Vec<String> {
    let usable = check.terms.iter().find(|t| {
        t.errors.is_empty()
            && t.requirements
                .iter()
                .all(|r| r.matches || r.kind == "matchExpressions")
    });
    let Some(term) = usable else {
        return Vec::new();
    };
    term.requirements
        .iter()
        .filter(|r| !r.matches)
        .filter_map(|r| {
            let first = r.values.first();
            let int = first.and_then(|v| crate::k8s::node_affinity::parse_go_int(v));
            Some(match r.operator.as_str() {
                "In" => format!("{}={}", r.key, first?),
                "Exists" => format!("{}=", r.key),
                "NotIn" | "DoesNotExist" => format!("{}-", r.key),
                "Gt" => format!("{}={}", r.key, int?.checked_add(1)?),
                "Lt" => format!("{}={}", r.key, int?.checked_sub(1)?),
                _ => return None,
            })
        })
        .collect()
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
