//! How a `field.Error` renders (k8s.io/apimachinery/pkg/util/validation/field):
//! field paths, bad values and the error list the validators build.
//!
//! A bad value prints as Go prints it in an error: a plain Go `string` with
//! `%q`, integers with `%v`, and everything else (typed strings such as
//! `core.TolerationOperator`, maps, slices, structs, `IntOrString`,
//! `resource.Quantity`) as JSON.

use crate::diagnostic::Diagnostic;
use crate::k8s::model::{IntOrString, LabelSelector, StringMap};

/// Go's `strconv.Quote` (`%q`): printable characters as they are, the
/// usual escapes for the rest.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            ' ' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if c.is_ascii() => out.push(c),
            c if c.is_control() || c.is_whitespace() || is_format_char(c) => {
                if (c as u32) > 0xffff {
                    out.push_str(&format!("\\U{:08x}", c as u32));
                } else {
                    out.push_str(&format!("\\u{:04x}", c as u32));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A few invisible format characters Go's `unicode.IsPrint` rejects.
fn is_format_char(c: char) -> bool {
    matches!(c as u32, 0xad | 0x200b..=0x200f | 0x2028..=0x202e | 0x2060..=0x2064 | 0xfeff)
}

/// Go's `encoding/json` string encoding (with its HTML escaping).
pub fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A `[]string` as JSON.
pub fn json_string_list(values: &[String]) -> String {
    let parts: Vec<String> = values.iter().map(|v| json_string(v)).collect();
    format!("[{}]", parts.join(","))
}

/// A `map[string]string` as JSON (`null` when empty: the model cannot tell
/// an absent map from `{}`, and absent is what users write).
pub fn json_string_map(map: &StringMap) -> String {
    if map.is_empty() {
        return "null".to_string();
    }
    let parts: Vec<String> = map
        .iter()
        .map(|(k, v)| format!("{}:{}", json_string(k), json_string(v)))
        .collect();
    format!("{{{}}}", parts.join(","))
}

/// `intstr.IntOrString` as JSON (`1`, `"25%"`).
pub fn json_int_or_string(v: &IntOrString) -> String {
    match v {
        IntOrString::Int(i) => i.to_string(),
        IntOrString::String(s) => json_string(s),
    }
}

/// A `metav1.LabelSelector` as JSON (its fields are `omitempty`).
pub fn json_label_selector(ls: &LabelSelector) -> String {
    let mut fields = Vec::new();
    if !ls.match_labels.is_empty() {
        fields.push(format!(
            "\"matchLabels\":{}",
            json_string_map(&ls.match_labels)
        ));
    }
    if !ls.match_expressions.is_empty() {
        let exprs: Vec<String> = ls
            .match_expressions
            .iter()
            .map(|e| {
                let mut s = format!(
                    "{{\"key\":{},\"operator\":{}",
                    json_string(&e.key),
                    json_string(&e.operator)
                );
                if !e.values.is_empty() {
                    s.push_str(&format!(",\"values\":{}", json_string_list(&e.values)));
                }
                s.push('}');
                s
            })
            .collect();
        fields.push(format!("\"matchExpressions\":[{}]", exprs.join(",")));
    }
    format!("{{{}}}", fields.join(","))
}

/// A bad value, rendered the way `field.Error` prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A plain Go `string`: `%q`.
    Str(String),
    /// An integer: `%v`.
    Int(i64),
    /// Anything else, already rendered (JSON).
    Raw(String),
}

impl Value {
    /// A Go `string`.
    pub fn str(s: &str) -> Value {
        Value::Str(s.to_string())
    }
    /// A named Go string type (`core.Protocol`, `core.TaintEffect`, ...),
    /// which prints as JSON.
    pub fn typed(s: &str) -> Value {
        Value::Raw(json_string(s))
    }
    fn render(&self) -> String {
        match self {
            Value::Str(s) => go_quote(s),
            Value::Int(i) => i.to_string(),
            Value::Raw(s) => s.clone(),
        }
    }
}

/// `field.Path`: `spec.template.spec.containers[0].resources.limits[cpu]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path(String);

impl Path {
    pub fn new(root: &str) -> Path {
        Path(root.to_string())
    }
    pub fn child(&self, name: &str) -> Path {
        if self.0.is_empty() {
            Path(name.to_string())
        } else {
            Path(format!("{}.{}", self.0, name))
        }
    }
    pub fn index(&self, i: usize) -> Path {
        Path(format!("{}[{}]", self.0, i))
    }
    pub fn key(&self, k: &str) -> Path {
        Path(format!("{}[{}]", self.0, k))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Path {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The error list a validator builds (`field.ErrorList`).
#[derive(Debug, Default)]
pub struct Errors(pub Vec<Diagnostic>);

impl Errors {
    pub fn new() -> Errors {
        Errors(Vec::new())
    }

    fn push(&mut self, path: &Path, kind: &str, detail: String) {
        self.0.push(Diagnostic::new(
            Some(path.as_str().to_string()),
            kind,
            detail,
        ));
    }

    /// `field.Required`.
    pub fn required(&mut self, path: &Path, detail: &str) {
        self.push(path, "Required value", detail.to_string());
    }

    /// `field.Forbidden`.
    pub fn forbidden(&mut self, path: &Path, detail: &str) {
        self.push(path, "Forbidden", detail.to_string());
    }

    /// `field.Invalid`.
    pub fn invalid(&mut self, path: &Path, value: Value, detail: &str) {
        let mut s = value.render();
        if !detail.is_empty() {
            s.push_str(": ");
            s.push_str(detail);
        }
        self.push(path, "Invalid value", s);
    }

    /// `field.NotFound`.
    pub fn not_found(&mut self, path: &Path, value: Value) {
        self.push(path, "Not found", value.render());
    }

    /// `field.Duplicate`.
    pub fn duplicate(&mut self, path: &Path, value: Value) {
        self.push(path, "Duplicate value", value.render());
    }

    /// `field.NotSupported`: the value, then `supported values: "a", "b"`.
    pub fn not_supported(&mut self, path: &Path, value: Value, valid: &[&str]) {
        let mut s = value.render();
        if !valid.is_empty() {
            let quoted: Vec<String> = valid.iter().map(|v| go_quote(v)).collect();
            s.push_str(": supported values: ");
            s.push_str(&quoted.join(", "));
        }
        self.push(path, "Unsupported value", s);
    }

    /// `field.TooLong`.
    pub fn too_long(&mut self, path: &Path, max: usize) {
        self.push(path, "Too long", format!("must have at most {max} bytes"));
    }

    /// One `Invalid` error per message, all with the same value.
    pub fn invalid_each(&mut self, path: &Path, value: &Value, msgs: Vec<String>) {
        for m in msgs {
            self.invalid(path, value.clone(), &m);
        }
    }

    pub fn extend(&mut self, other: Errors) {
        self.0.extend(other.0);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::k8s::model::LabelSelectorRequirement;

    #[test]
    fn quoting() {
        let cases = [
            ("plain", "\"plain\"", "\"plain\""),
            ("a\"b", "\"a\\\"b\"", "\"a\\\"b\""),
            ("tab\there", "\"tab\\there\"", "\"tab\\there\""),
            ("<&>", "\"<&>\"", "\"\\u003c\\u0026\\u003e\""),
            ("é", "\"é\"", "\"é\""),
            ("\u{1}", "\"\\x01\"", "\"\\u0001\""),
        ];
        for (input, go, json) in cases {
            assert_eq!(go_quote(input), go, "{input:?}");
            assert_eq!(json_string(input), json, "{input:?}");
        }
    }

    #[test]
    fn values_and_paths() {
        let mut errs = Errors::new();
        let p = Path::new("spec")
            .child("template")
            .child("spec")
            .child("containers")
            .index(0);
        errs.invalid(
            &p.child("ports").index(1).child("hostPort"),
            Value::Int(-1),
            "must be between 1 and 65535, inclusive",
        );
        errs.not_supported(
            &p.child("protocol"),
            Value::typed("HTTP"),
            &["SCTP", "TCP", "UDP"],
        );
        errs.required(&p.child("image"), "");
        errs.duplicate(&p.child("name"), Value::str("main"));
        errs.invalid(
            &p.child("resources").child("limits").key("cpu"),
            Value::str("-1"),
            "must be greater than or equal to 0",
        );
        let msgs: Vec<String> = errs.0.iter().map(|d| d.message()).collect();
        assert_eq!(
            msgs,
            vec![
                "spec.template.spec.containers[0].ports[1].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive",
                "spec.template.spec.containers[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
                "spec.template.spec.containers[0].image: Required value",
                "spec.template.spec.containers[0].name: Duplicate value: \"main\"",
                "spec.template.spec.containers[0].resources.limits[cpu]: Invalid value: \"-1\": must be greater than or equal to 0",
            ]
        );
    }

    #[test]
    fn json_values() {
        let mut m = StringMap::new();
        assert_eq!(json_string_map(&m), "null");
        m.insert("tier", "node");
        m.insert("app", "logger");
        assert_eq!(
            json_string_map(&m),
            "{\"app\":\"logger\",\"tier\":\"node\"}"
        );
        assert_eq!(json_label_selector(&LabelSelector::default()), "{}");
        let ls = LabelSelector {
            match_labels: m,
            match_expressions: vec![LabelSelectorRequirement {
                key: "k".into(),
                operator: "Exists".into(),
                values: vec![],
            }],
        };
        assert_eq!(
            json_label_selector(&ls),
            "{\"matchLabels\":{\"app\":\"logger\",\"tier\":\"node\"},\"matchExpressions\":[{\"key\":\"k\",\"operator\":\"Exists\"}]}"
        );
        assert_eq!(
            json_int_or_string(&IntOrString::String("25%".into())),
            "\"25%\""
        );
        assert_eq!(json_int_or_string(&IntOrString::Int(-1)), "-1");
    }
}
