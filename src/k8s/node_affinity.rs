//! Node selection by labels and fields: `spec.nodeSelector` and required
//! node affinity (`nodeaffinity.GetRequiredNodeAffinity` and its
//! `LazyErrorNodeSelector`, from k8s.io/component-helpers).
//!
//! Rules (all as Kubernetes has them):
//! - `nodeSelector` entries must all equal the node's labels;
//! - `nodeSelectorTerms` are ORed, a term's `matchExpressions` and
//!   `matchFields` ANDed; a term with neither is skipped (selects nothing);
//! - a term that fails to parse (unknown operator, `In` with no values,
//!   a non-integer `Gt`, an invalid label key, ...) matches nothing but
//!   leaves the other terms alone; `nodeSelectorTerms: []` matches no node;
//! - `matchFields` knows only `metadata.name`, with `In`/`NotIn` and exactly
//!   one value.

use crate::k8s::field::{go_quote, json_string_list};
use crate::k8s::model::{
    Node, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, PodSpec, StringMap,
};
use crate::k8s::names;
use serde::Serialize;

/// A node-selector operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum Operator {
    In,
    NotIn,
    Exists,
    DoesNotExist,
    Gt,
    Lt,
}

impl Operator {
    pub fn parse(s: &str) -> Option<Operator> {
        Some(match s {
            "In" => Operator::In,
            "NotIn" => Operator::NotIn,
            "Exists" => Operator::Exists,
            "DoesNotExist" => Operator::DoesNotExist,
            "Gt" => Operator::Gt,
            "Lt" => Operator::Lt,
            _ => return None,
        })
    }
}

/// One parsed label requirement (`labels.Requirement` built by
/// `NodeSelectorRequirementsAsSelector`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelRequirement {
    pub key: String,
    pub op: Operator,
    pub values: Vec<String>,
}

impl LabelRequirement {
    /// `labels.NewRequirement` with the node-selector operator mapping;
    /// the error lists every problem.
    pub fn parse(r: &NodeSelectorRequirement) -> Result<LabelRequirement, Vec<String>> {
        let mut errs = Vec::new();
        let Some(op) = Operator::parse(&r.operator) else {
            return Err(vec![format!(
                "{} is not a valid node selector operator",
                go_quote(&r.operator)
            )]);
        };
        for e in names::qualified_name_errors(&r.key) {
            errs.push(format!("key: Invalid value: {}: {e}", go_quote(&r.key)));
        }
        match op {
            Operator::In | Operator::NotIn if r.values.is_empty() => {
                errs.push("values: for 'in', 'notin' operators, values set can't be empty".into())
            }
            Operator::Exists | Operator::DoesNotExist if !r.values.is_empty() => {
                errs.push("values: values set must be empty for exists and does not exist".into())
            }
            Operator::Gt | Operator::Lt => {
                if r.values.len() != 1 {
                    errs.push(
                        "values: for 'Gt', 'Lt' operators, exactly one value is required".into(),
                    );
                }
                for v in &r.values {
                    if parse_go_int(v).is_none() {
                        errs.push(format!(
                            "values: Invalid value: {}: for 'Gt', 'Lt' operators, the value must be an integer",
                            go_quote(v)
                        ));
                    }
                }
            }
            _ => {}
        }
        for v in &r.values {
            for e in names::label_value_errors(v) {
                errs.push(format!("values: Invalid value: {}: {e}", go_quote(v)));
            }
        }
        if errs.is_empty() {
            Ok(LabelRequirement {
                key: r.key.clone(),
                op,
                values: r.values.clone(),
            })
        } else {
            Err(errs)
        }
    }

    /// `labels.Requirement.Matches`.
    pub fn matches(&self, labels: &StringMap) -> bool {
        let have = labels.get(&self.key);
        match self.op {
            Operator::In => have.is_some_and(|v| self.values.iter().any(|x| x == v)),
            Operator::NotIn => have.is_none_or(|v| !self.values.iter().any(|x| x == v)),
            Operator::Exists => have.is_some(),
            Operator::DoesNotExist => have.is_none(),
            Operator::Gt | Operator::Lt => {
                let (Some(have), [want]) = (have, self.values.as_slice()) else {
                    return false;
                };
                let (Some(have), Some(want)) = (parse_go_int(have), parse_go_int(want)) else {
                    return false;
                };
                if self.op == Operator::Gt {
                    have > want
                } else {
                    have < want
                }
            }
        }
    }
}

/// Go's `strconv.ParseInt(s, 10, 64)`.
pub fn parse_go_int(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// One `matchFields` requirement: only `In`/`NotIn` with one value; the
/// only node field is `metadata.name` (any other key reads as "").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldRequirement {
    pub key: String,
    pub equal: bool,
    pub value: String,
}

impl FieldRequirement {
    pub fn parse(r: &NodeSelectorRequirement) -> Result<FieldRequirement, Vec<String>> {
        let equal = match r.operator.as_str() {
            "In" => true,
            "NotIn" => false,
            other => {
                return Err(vec![format!(
                    "operator: Unsupported value: {}: supported values: \"In\", \"NotIn\"",
                    go_quote(other)
                )])
            }
        };
        match r.values.as_slice() {
            [v] => Ok(FieldRequirement {
                key: r.key.clone(),
                equal,
                value: v.clone(),
            }),
            // a []string prints as JSON in a field.Error
            _ => Err(vec![format!(
                "values: Invalid value: {}: must have one element",
                json_string_list(&r.values)
            )]),
        }
    }

    pub fn matches(&self, node_name: &str) -> bool {
        let have = if self.key == "metadata.name" {
            node_name
        } else {
            ""
        };
        (have == self.value) == self.equal
    }
}

/// A parsed `nodeSelectorTerm`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Where it was in `nodeSelectorTerms`.
    pub index: usize,
    pub labels: Vec<LabelRequirement>,
    pub fields: Vec<FieldRequirement>,
    /// Parse errors: a term with errors matches nothing.
    pub errors: Vec<String>,
}

impl Term {
    pub fn parse(index: usize, t: &NodeSelectorTerm) -> Term {
        let mut term = Term {
            index,
            labels: Vec::new(),
            fields: Vec::new(),
            errors: Vec::new(),
        };
        for (i, r) in t.match_expressions.iter().enumerate() {
            match LabelRequirement::parse(r) {
                Ok(r) => term.labels.push(r),
                Err(es) => term.errors.extend(
                    es.into_iter()
                        .map(|e| format!("matchExpressions[{i}]: {e}")),
                ),
            }
        }
        for (i, r) in t.match_fields.iter().enumerate() {
            match FieldRequirement::parse(r) {
                Ok(r) => term.fields.push(r),
                Err(es) => term
                    .errors
                    .extend(es.into_iter().map(|e| format!("matchFields[{i}]: {e}"))),
            }
        }
        term
    }

    pub fn matches(&self, node: &Node) -> bool {
        self.errors.is_empty()
            && self.labels.iter().all(|r| r.matches(&node.metadata.labels))
            && self.fields.iter().all(|r| r.matches(node.name()))
    }
}

/// A parsed `v1.NodeSelector`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompiledNodeSelector {
    /// Terms with at least one requirement, in order.
    pub terms: Vec<Term>,
}

impl CompiledNodeSelector {
    pub fn new(ns: &NodeSelector) -> Self {
        CompiledNodeSelector {
            terms: ns
                .node_selector_terms
                .iter()
                .enumerate()
                .filter(|(_, t)| !(t.match_expressions.is_empty() && t.match_fields.is_empty()))
                .map(|(i, t)| Term::parse(i, t))
                .collect(),
        }
    }

    /// Index (in `nodeSelectorTerms`) of the first term that matches.
    pub fn matching_term(&self, node: &Node) -> Option<usize> {
        self.terms.iter().find(|t| t.matches(node)).map(|t| t.index)
    }
}

/// `nodeaffinity.RequiredNodeAffinity`: a pod's nodeSelector plus its
/// required node affinity, parsed once and matched against many nodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequiredNodeAffinity {
    pub node_selector: Vec<(String, String)>,
    pub affinity: Option<CompiledNodeSelector>,
}

/// How one node fared against a [`RequiredNodeAffinity`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AffinityCheck {
    pub matches: bool,
    /// nodeSelector entries the node's labels do not satisfy.
    pub node_selector_mismatches: Vec<SelectorMismatch>,
    /// `None` without required node affinity; otherwise the index (in
    /// `nodeSelectorTerms`) of the first matching term, or -1 when none did.
    pub matching_term: Option<i64>,
    /// Every term with at least one requirement, against this node
    /// (empty without required node affinity).
    pub terms: Vec<TermCheck>,
}

/// One `nodeSelectorTerm` against one node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TermCheck {
    pub index: usize,
    pub matches: bool,
    /// Why the term could not be parsed (it then matches nothing).
    pub errors: Vec<String>,
    pub requirements: Vec<RequirementCheck>,
}

/// One requirement of a term against the node's label (or name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RequirementCheck {
    /// `matchExpressions` or `matchFields`.
    pub kind: &'static str,
    pub key: String,
    pub operator: String,
    pub values: Vec<String>,
    /// The node's value for the key (`None`: the node has no such label).
    pub node_value: Option<String>,
    pub matches: bool,
}

impl Term {
    /// Every requirement of the term against the node.
    pub fn explain(&self, node: &Node) -> TermCheck {
        let mut requirements: Vec<RequirementCheck> = self
            .labels
            .iter()
            .map(|r| RequirementCheck {
                kind: "matchExpressions",
                key: r.key.clone(),
                operator: format!("{:?}", r.op),
                values: r.values.clone(),
                node_value: node.metadata.labels.get(&r.key).map(str::to_string),
                matches: r.matches(&node.metadata.labels),
            })
            .collect();
        requirements.extend(self.fields.iter().map(|f| RequirementCheck {
            kind: "matchFields",
            key: f.key.clone(),
            operator: if f.equal { "In" } else { "NotIn" }.to_string(),
            values: vec![f.value.clone()],
            node_value: (f.key == "metadata.name").then(|| node.name().to_string()),
            matches: f.matches(node.name()),
        }));
        TermCheck {
            index: self.index,
            matches: self.matches(node),
            errors: self.errors.clone(),
            requirements,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SelectorMismatch {
    pub key: String,
    pub want: String,
    pub have: Option<String>,
}

impl RequiredNodeAffinity {
    pub fn of(spec: &PodSpec) -> Self {
        RequiredNodeAffinity {
            node_selector: spec
                .node_selector
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            affinity: spec
                .affinity
                .as_ref()
                .and_then(|a| a.node_affinity.as_ref())
                .and_then(|na| na.required.as_ref())
                .map(CompiledNodeSelector::new),
        }
    }

    pub fn matches(&self, node: &Node) -> bool {
        self.node_selector
            .iter()
            .all(|(k, v)| node.metadata.labels.get(k) == Some(v))
            && self
                .affinity
                .as_ref()
                .is_none_or(|a| a.matching_term(node).is_some())
    }

    pub fn check(&self, node: &Node) -> AffinityCheck {
        let node_selector_mismatches: Vec<_> = self
            .node_selector
            .iter()
            .filter(|(k, v)| node.metadata.labels.get(k) != Some(v))
            .map(|(k, v)| SelectorMismatch {
                key: k.clone(),
                want: v.clone(),
                have: node.metadata.labels.get(k).map(str::to_string),
            })
            .collect();
        let matching_term = self
            .affinity
            .as_ref()
            .map(|a| a.matching_term(node).map_or(-1, |i| i as i64));
        let terms = match &self.affinity {
            Some(a) => a.terms.iter().map(|t| t.explain(node)).collect(),
            _ => Vec::new(),
        };
        AffinityCheck {
            matches: node_selector_mismatches.is_empty() && matching_term.is_none_or(|t| t >= 0),
            node_selector_mismatches,
            matching_term,
            terms,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::k8s::model::ObjectMeta;

    fn node(name: &str, labels: &[(&str, &str)]) -> Node {
        Node {
            metadata: ObjectMeta {
                name: Some(name.into()),
                labels: labels
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
                ..Default::default()
            },
            ..Default::default()
        }
    }
    fn req(key: &str, op: &str, values: &[&str]) -> NodeSelectorRequirement {
        NodeSelectorRequirement {
            key: key.into(),
            operator: op.into(),
            values: values.iter().map(|s| s.to_string()).collect(),
        }
    }
    #[test]
    fn requirement_errors_print_values_as_a_field_error_does() {
        // a string with %q, a []string as JSON (no space after the comma)
        let e = FieldRequirement::parse(&req("metadata.name", "In", &["a", "b"])).err();
        assert_eq!(
            e,
            Some(vec![
                "values: Invalid value: [\"a\",\"b\"]: must have one element".to_string()
            ])
        );
        let e = LabelRequirement::parse(&req("k", "Bad\u{7}", &[])).err();
        assert_eq!(
            e,
            Some(vec![
                "\"Bad\\a\" is not a valid node selector operator".to_string()
            ])
        );
    }

    fn selector(
        terms: Vec<(Vec<NodeSelectorRequirement>, Vec<NodeSelectorRequirement>)>,
    ) -> CompiledNodeSelector {
        CompiledNodeSelector::new(&NodeSelector {
            node_selector_terms: terms
                .into_iter()
                .map(|(e, f)| NodeSelectorTerm {
                    match_expressions: e,
                    match_fields: f,
                })
                .collect(),
        })
    }

    #[test]
    fn operators() {
        let n = node("n1", &[("zone", "a"), ("cores", "8"), ("role", "")]);
        let cases = [
            (req("zone", "In", &["a", "b"]), true),
            (req("zone", "In", &["b"]), false),
            (req("zone", "NotIn", &["b"]), true),
            (req("missing", "NotIn", &["b"]), true),
            (req("role", "Exists", &[]), true),
            (req("role", "DoesNotExist", &[]), false),
            (req("cores", "Gt", &["4"]), true),
            (req("cores", "Gt", &["8"]), false),
            (req("cores", "Lt", &["16"]), true),
            (req("zone", "Gt", &["1"]), false), // label not an integer
            (req("missing", "Lt", &["1"]), false),
        ];
        for (r, want) in cases {
            let s = selector(vec![(vec![r.clone()], vec![])]);
            assert_eq!(s.matching_term(&n).is_some(), want, "{r:?}");
        }
    }

    #[test]
    fn bad_term_matches_nothing_but_others_still_match() {
        let n = node("n1", &[("zone", "a")]);
        let s = selector(vec![
            (vec![req("zone", "Gt", &["x"])], vec![]),
            (vec![req("zone", "In", &[])], vec![]),
            (vec![req("zone", "Equals", &["a"])], vec![]),
            (vec![req("zone", "In", &["a"])], vec![]),
        ]);
        assert_eq!(s.terms.iter().filter(|t| !t.errors.is_empty()).count(), 3);
        assert_eq!(s.matching_term(&n), Some(3));
        assert_eq!(selector(vec![]).matching_term(&n), None);
        // a term with no requirements is skipped
        assert_eq!(selector(vec![(vec![], vec![])]).matching_term(&n), None);
    }

    #[test]
    fn match_fields() {
        let n = node("n1", &[]);
        let s = |op: &str, v: &[&str]| selector(vec![(vec![], vec![req("metadata.name", op, v)])]);
        assert!(s("In", &["n1"]).matching_term(&n).is_some());
        assert!(s("In", &["n2"]).matching_term(&n).is_none());
        assert!(s("NotIn", &["n2"]).matching_term(&n).is_some());
        assert!(s("In", &["n1", "n2"]).matching_term(&n).is_none()); // must have one element
        assert!(s("Exists", &[]).matching_term(&n).is_none());
        let other = selector(vec![(vec![], vec![req("metadata.uid", "NotIn", &["x"])])]);
        assert!(other.matching_term(&n).is_some());
    }

    #[test]
    fn go_int_parsing() {
        assert_eq!(parse_go_int("+5"), Some(5));
        assert_eq!(parse_go_int("-5"), Some(-5));
        assert_eq!(parse_go_int(""), None);
        assert_eq!(parse_go_int("1_000"), None);
        assert_eq!(parse_go_int("99999999999999999999"), None);
    }
}
