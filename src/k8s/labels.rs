//! Label selectors (`metav1.LabelSelector` → `labels.Selector`), as
//! k8s.io/apimachinery/pkg/labels and `metav1.LabelSelectorAsSelector` do
//! them: a `null` selector matches nothing, `{}` matches everything, and a
//! selector is the AND of its requirements, sorted by key.

use crate::diagnostic::kubernetes_error;
use crate::k8s::field::{go_quote, json_string_list};
use crate::k8s::model::{LabelSelector, StringMap};
use crate::k8s::names::{label_value_errors, qualified_name_errors};

/// `selection.Operator`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operator {
    In,
    NotIn,
    Equals,
    DoubleEquals,
    NotEquals,
    Exists,
    DoesNotExist,
    GreaterThan,
    LessThan,
}

impl Operator {
    /// The operator as Kubernetes spells it in selector strings
    /// (`selection.Operator` values).
    pub fn as_str(self) -> &'static str {
        match self {
            Operator::In => "in",
            Operator::NotIn => "notin",
            Operator::Equals => "=",
            Operator::DoubleEquals => "==",
            Operator::NotEquals => "!=",
            Operator::Exists => "exists",
            Operator::DoesNotExist => "!",
            Operator::GreaterThan => "gt",
            Operator::LessThan => "lt",
        }
    }

    /// A `metav1.LabelSelectorOperator` (`In`, `NotIn`, `Exists`,
    /// `DoesNotExist`); anything else is not a label selector operator.
    pub fn from_label_selector_operator(op: &str) -> Option<Operator> {
        match op {
            "In" => Some(Operator::In),
            "NotIn" => Some(Operator::NotIn),
            "Exists" => Some(Operator::Exists),
            "DoesNotExist" => Some(Operator::DoesNotExist),
            _ => None,
        }
    }
}

/// One requirement: a key, an operator and values (`labels.Requirement`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    key: String,
    operator: Operator,
    values: Vec<String>,
}

impl Requirement {
    /// `labels.NewRequirement`: validates the key, the number of values for
    /// the operator and every value. The error is the aggregated
    /// `field.ErrorList` text (`key: Invalid value: "bad key": ...`; several
    /// errors are printed as `[a, b]`).
    pub fn new(
        key: &str,
        operator: Operator,
        values: Vec<String>,
    ) -> Result<Requirement, SelectorError> {
        let mut errs: Vec<String> = Vec::new();
        let key_errs = qualified_name_errors(key);
        if !key_errs.is_empty() {
            errs.push(format!(
                "key: Invalid value: {}: {}",
                go_quote(key),
                key_errs.join("; ")
            ));
        }
        let values_json = if values.is_empty() {
            "null".to_string()
        } else {
            json_string_list(&values)
        };
        match operator {
            Operator::In | Operator::NotIn => {
                if values.is_empty() {
                    errs.push(format!(
                        "values: Invalid value: {values_json}: for 'in', 'notin' operators, values set can't be empty"
                    ));
                }
            }
            Operator::Equals | Operator::DoubleEquals | Operator::NotEquals => {
                if values.len() != 1 {
                    errs.push(format!(
                        "values: Invalid value: {values_json}: exact-match compatibility requires one single value"
                    ));
                }
            }
            Operator::Exists | Operator::DoesNotExist => {
                if !values.is_empty() {
                    errs.push(format!(
                        "values: Invalid value: {values_json}: values set must be empty for exists and does not exist"
                    ));
                }
            }
            Operator::GreaterThan | Operator::LessThan => {
                if values.len() != 1 {
                    errs.push(format!(
                        "values: Invalid value: {values_json}: for 'Gt', 'Lt' operators, exactly one value is required"
                    ));
                }
                for (i, v) in values.iter().enumerate() {
                    if v.parse::<i64>().is_err() {
                        errs.push(format!(
                            "values[{i}]: Invalid value: {}: for 'Gt', 'Lt' operators, the value must be an integer",
                            go_quote(v)
                        ));
                    }
                }
            }
        }
        for (i, v) in values.iter().enumerate() {
            let value_errs = label_value_errors(v);
            if !value_errs.is_empty() {
                errs.push(format!(
                    "values[{i}][{key}]: Invalid value: {}: {}",
                    go_quote(v),
                    value_errs.join("; ")
                ));
            }
        }
        if errs.is_empty() {
            Ok(Requirement {
                key: key.to_string(),
                operator,
                values,
            })
        } else {
            Err(SelectorError(aggregate(errs)))
        }
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    pub fn operator(&self) -> Operator {
        self.operator
    }

    /// The values as given (not sorted).
    pub fn values(&self) -> &[String] {
        &self.values
    }

    fn has_value(&self, v: &str) -> bool {
        self.values.iter().any(|x| x == v)
    }

    /// `Requirement.Matches`.
    pub fn matches(&self, labels: &StringMap) -> bool {
        match self.operator {
            Operator::In | Operator::Equals | Operator::DoubleEquals => {
                labels.get(&self.key).is_some_and(|v| self.has_value(v))
            }
            Operator::NotIn | Operator::NotEquals => {
                !matches!(labels.get(&self.key), Some(v) if self.has_value(v))
            }
            Operator::Exists => labels.contains_key(&self.key),
            Operator::DoesNotExist => !labels.contains_key(&self.key),
            Operator::GreaterThan | Operator::LessThan => {
                let Some(label) = labels.get(&self.key) else {
                    return false;
                };
                let Ok(have) = label.parse::<i64>() else {
                    return false;
                };
                let [want] = self.values.as_slice() else {
                    return false;
                };
                let Ok(want) = want.parse::<i64>() else {
                    return false;
                };
                if self.operator == Operator::GreaterThan {
                    have > want
                } else {
                    have < want
                }
            }
        }
    }
}

/// `Requirement.String()`: `key in (a,b)`, `!key`, `key=value`, ...
impl std::fmt::Display for Requirement {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        if self.operator == Operator::DoesNotExist {
            f.write_str("!")?;
        }
        f.write_str(&self.key)?;
        let (op, parens) = match self.operator {
            Operator::Equals => ("=", false),
            Operator::DoubleEquals => ("==", false),
            Operator::NotEquals => ("!=", false),
            Operator::In => (" in ", true),
            Operator::NotIn => (" notin ", true),
            Operator::GreaterThan => (">", false),
            Operator::LessThan => ("<", false),
            Operator::Exists | Operator::DoesNotExist => return Ok(()),
        };
        f.write_str(op)?;
        if parens {
            f.write_str("(")?;
        }
        let mut sorted = self.values.clone();
        sorted.sort();
        f.write_str(&sorted.join(","))?;
        if parens {
            f.write_str(")")?;
        }
        Ok(())
    }
}

kubernetes_error!(
    /// A label selector that does not parse, with Kubernetes' text
    /// (`"Equals" is not a valid label selector operator`, the aggregated
    /// `field.ErrorList` of a requirement).
    SelectorError
);

/// `utilerrors.NewAggregate(...).Error()` after `ToAggregate`'s
/// de-duplication: one message as is, several as `[a, b]`.
fn aggregate(errs: Vec<String>) -> String {
    let mut seen: Vec<String> = Vec::new();
    for e in errs {
        if !seen.contains(&e) {
            seen.push(e);
        }
    }
    if seen.len() == 1 {
        seen.pop().unwrap_or_default()
    } else {
        format!("[{}]", seen.join(", "))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Inner {
    /// `labels.Nothing()`.
    Nothing,
    /// An `internalSelector`: requirements sorted by key; none = everything.
    Requirements(Vec<Requirement>),
}

/// A parsed label selector. `Selector::nothing()` is what a `null`
/// selector becomes (matches nothing); an empty one matches everything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    inner: Inner,
}

impl Selector {
    /// `labels.Nothing()`.
    pub fn nothing() -> Selector {
        Selector {
            inner: Inner::Nothing,
        }
    }

    /// `labels.Everything()`.
    pub fn everything() -> Selector {
        Selector {
            inner: Inner::Requirements(Vec::new()),
        }
    }

    /// A selector from requirements (sorted by key, keeping the given order
    /// among equal keys, as Kubernetes' sort does for these short lists).
    pub fn from_requirements(mut reqs: Vec<Requirement>) -> Selector {
        crate::sort::sort_by(&mut reqs, |a, b| a.key.cmp(&b.key));
        Selector {
            inner: Inner::Requirements(reqs),
        }
    }

    /// `labels.SelectorFromSet`: `key=value` for every entry.
    pub fn from_set(set: &StringMap) -> Selector {
        let reqs = set
            .iter()
            .map(|(k, v)| Requirement {
                key: k.to_string(),
                operator: Operator::Equals,
                values: vec![v.to_string()],
            })
            .collect();
        Selector::from_requirements(reqs)
    }

    /// `metav1.LabelSelectorAsSelector`: `None` → nothing, `{}` → everything,
    /// errors with Kubernetes' text (`"Equals" is not a valid label selector operator`).
    pub fn from_label_selector(ls: Option<&LabelSelector>) -> Result<Selector, SelectorError> {
        let Some(ls) = ls else {
            return Ok(Selector::nothing());
        };
        if ls.match_labels.is_empty() && ls.match_expressions.is_empty() {
            return Ok(Selector::everything());
        }
        let mut reqs = Vec::with_capacity(ls.match_labels.len() + ls.match_expressions.len());
        for (k, v) in &ls.match_labels {
            reqs.push(Requirement::new(k, Operator::Equals, vec![v.to_string()])?);
        }
        for expr in &ls.match_expressions {
            let Some(op) = Operator::from_label_selector_operator(&expr.operator) else {
                return Err(SelectorError(format!(
                    "{} is not a valid label selector operator",
                    go_quote(&expr.operator)
                )));
            };
            reqs.push(Requirement::new(&expr.key, op, expr.values.clone())?);
        }
        Ok(Selector::from_requirements(reqs))
    }

    /// `Selector.Matches`.
    pub fn matches(&self, labels: &StringMap) -> bool {
        match &self.inner {
            Inner::Nothing => false,
            Inner::Requirements(reqs) => reqs.iter().all(|r| r.matches(labels)),
        }
    }

    /// `Selector.Empty()`: true when it does not restrict anything (not for
    /// `nothing()`).
    pub fn is_empty(&self) -> bool {
        match &self.inner {
            Inner::Nothing => false,
            Inner::Requirements(reqs) => reqs.is_empty(),
        }
    }

    /// True for `labels.Nothing()`.
    pub fn is_nothing(&self) -> bool {
        self.inner == Inner::Nothing
    }

    /// The requirements, sorted by key (none for nothing and everything).
    pub fn requirements(&self) -> &[Requirement] {
        match &self.inner {
            Inner::Nothing => &[],
            Inner::Requirements(reqs) => reqs,
        }
    }
}

/// `String()` as Kubernetes prints it (`env notin (dev,prod),tier notin (b)`).
impl std::fmt::Display for Selector {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        for (i, r) in self.requirements().iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{r}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::k8s::model::LabelSelectorRequirement;

    fn labels(pairs: &[(&str, &str)]) -> StringMap {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn req(key: &str, op: Operator, values: &[&str]) -> Requirement {
        Requirement::new(key, op, values.iter().map(|s| s.to_string()).collect())
            .expect("valid requirement")
    }

    #[test]
    fn requirement_matches() {
        let cases: Vec<(Requirement, StringMap, bool)> = vec![
            (
                req("app", Operator::In, &["a", "b"]),
                labels(&[("app", "a")]),
                true,
            ),
            (
                req("app", Operator::In, &["a", "b"]),
                labels(&[("app", "c")]),
                false,
            ),
            (req("app", Operator::In, &["a"]), labels(&[]), false),
            (req("app", Operator::NotIn, &["a"]), labels(&[]), true),
            (
                req("app", Operator::NotIn, &["a"]),
                labels(&[("app", "a")]),
                false,
            ),
            (
                req("app", Operator::Exists, &[]),
                labels(&[("app", "")]),
                true,
            ),
            (
                req("app", Operator::DoesNotExist, &[]),
                labels(&[("app", "")]),
                false,
            ),
            (
                req("app", Operator::Equals, &[""]),
                labels(&[("app", "")]),
                true,
            ),
            (req("app", Operator::NotEquals, &["x"]), labels(&[]), true),
            (
                req("n", Operator::GreaterThan, &["5"]),
                labels(&[("n", "6")]),
                true,
            ),
            (
                req("n", Operator::GreaterThan, &["5"]),
                labels(&[("n", "5")]),
                false,
            ),
            (
                req("n", Operator::LessThan, &["5"]),
                labels(&[("n", "x")]),
                false,
            ),
        ];
        for (r, l, want) in cases {
            assert_eq!(r.matches(&l), want, "{r} on {l:?}");
        }
    }

    #[test]
    fn requirement_strings() {
        let cases: Vec<(Requirement, &str)> = vec![
            (
                req("env", Operator::NotIn, &["prod", "dev"]),
                "env notin (dev,prod)",
            ),
            (req("env", Operator::In, &["a"]), "env in (a)"),
            (req("app", Operator::Equals, &[""]), "app="),
            (req("t", Operator::Exists, &[]), "t"),
            (req("t", Operator::DoesNotExist, &[]), "!t"),
            (req("n", Operator::GreaterThan, &["3"]), "n>3"),
        ];
        for (r, want) in cases {
            assert_eq!(r.to_string(), want);
        }
    }

    #[test]
    fn requirement_errors() {
        let err = Requirement::new("app", Operator::In, vec![])
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty"
        );
        let err = Requirement::new("app", Operator::Exists, vec!["x".into()])
            .unwrap_err()
            .to_string();
        assert_eq!(err, "values: Invalid value: [\"x\"]: values set must be empty for exists and does not exist");
        let err = Requirement::new("bad key", Operator::In, vec![])
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("[key: Invalid value: \"bad key\": name part"),
            "{err}"
        );
        assert!(err.ends_with("values set can't be empty]"), "{err}");
        let err = Requirement::new("app", Operator::Equals, vec!["v".repeat(64)])
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("values[0][app]: Invalid value: \"vvvv"),
            "{err}"
        );
        assert!(err.ends_with(": must be no more than 63 bytes"), "{err}");
    }

    #[test]
    fn selectors() {
        assert!(!Selector::from_label_selector(None)
            .unwrap()
            .matches(&labels(&[])));
        let everything = Selector::from_label_selector(Some(&LabelSelector::default())).unwrap();
        assert!(everything.is_empty());
        assert!(everything.matches(&labels(&[("a", "b")])));
        assert_eq!(everything.to_string(), "");
        let nothing = Selector::nothing();
        assert!(!nothing.is_empty());
        assert_eq!(nothing.to_string(), "");

        let ls = LabelSelector {
            match_labels: labels(&[("zone", "db")]),
            match_expressions: vec![
                LabelSelectorRequirement {
                    key: "tier".into(),
                    operator: "In".into(),
                    values: vec!["prod".into()],
                },
                LabelSelectorRequirement {
                    key: "tier".into(),
                    operator: "NotIn".into(),
                    values: vec!["b".into()],
                },
            ],
        };
        let s = Selector::from_label_selector(Some(&ls)).unwrap();
        assert_eq!(s.to_string(), "tier in (prod),tier notin (b),zone=db");
        assert!(s.matches(&labels(&[("tier", "prod"), ("zone", "db")])));
        assert!(!s.matches(&labels(&[("tier", "prod")])));

        let bad = LabelSelector {
            match_labels: StringMap::new(),
            match_expressions: vec![LabelSelectorRequirement {
                key: "k".into(),
                operator: "Equals".into(),
                values: vec!["1".into()],
            }],
        };
        assert_eq!(
            Selector::from_label_selector(Some(&bad))
                .unwrap_err()
                .to_string(),
            "\"Equals\" is not a valid label selector operator"
        );
    }
}
