//! What the API server's strict decoding says about an object
//! (`fieldValidation=Strict`, which `kubectl apply` sends): the value
//! tree of the object checked against the v1.36 field schema
//! ([`crate::k8s::schema`]) the way sigs.k8s.io/json (Go's encoding/json
//! with Kubernetes' patch) decodes it into the Go type.
//!
//! - Fields are met in byte-sorted key order at every level (kubectl sends
//!   `json.Marshal` of a map); members whose value is `null` were deleted
//!   by kubectl before sending (`pruneNullsFromMap`), so they are skipped.
//! - An error returned by a custom unmarshaler (Quantity, IntOrString,
//!   Time) stops decoding and is the only error; otherwise the first type
//!   error is (`json: cannot unmarshal bool into Go struct field
//!   Toleration.spec.template.spec.tolerations.effect of type
//!   v1.TaintEffect`); only without either are the unknown fields
//!   reported (`unknown field "spec.template.spec.nodeselector"`, at most
//!   100). Texts and rules: docs/dev/k8s-input-rules.md, sections a and b.
//!
//! The values that do not fit their field are collected, so that the
//! object can still be decoded without them (the API server refuses it;
//! the report shows what the rest of it would do).

use super::number;
use super::tree::{Kind, NodeId, Value};
use crate::k8s::quantity::Quantity;
use crate::k8s::schema::{self, Shape, TypeId};
use std::collections::HashSet;

/// The most unknown fields the decoder keeps.
pub const MAX_STRICT_ERRORS: usize = 100;

/// One problem, as the API server words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The value (or, for an unknown field, the key) it is about.
    pub node: NodeId,
    /// Its path in the object with indexes and map keys
    /// (`spec.template.spec.tolerations[1].operater`): where it is.
    pub path: String,
    pub kind: ProblemKind,
    /// The error text (`json: cannot unmarshal ...`, `unknown field "..."`,
    /// `quantities must match ...`).
    pub text: String,
    /// For an unknown field: the known field it is probably meant to be.
    pub hint: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// `unknown field "..."` (strict decoding).
    UnknownField,
    /// A JSON value that does not fit the Go type (a saved error).
    TypeMismatch,
    /// A custom unmarshaler's error (it stops decoding).
    Unmarshal,
}

/// The outcome of checking one object.
#[derive(Debug, Default)]
pub struct Checked {
    /// What the API server reports: one type or unmarshal error, or the
    /// unknown fields (empty when it accepts the object).
    pub problems: Vec<Problem>,
    /// Values to leave out when decoding the object (unknown fields,
    /// values of the wrong type).
    pub skip: HashSet<NodeId>,
}

struct Walk {
    returned: Option<Problem>,
    saved: Option<Problem>,
    unknown: Vec<Problem>,
    unknown_paths: HashSet<String>,
    skip: HashSet<NodeId>,
    /// Members in the decoder's order (byte order of keys), or as written.
    sorted: bool,
}

/// Checks object `root` (already known to be a JSON object) as the Go
/// struct `ty`.
pub fn check(root: Value, ty: TypeId) -> Checked {
    // The order of the members decides only which problem is reported:
    // most objects have none, and a first walk in the order they are
    // written (nothing sorted, stopping at the first problem) says so. An
    // object with a problem is walked again in the decoder's order.
    let first = walk(root, ty, false);
    if first.problems.is_empty() {
        debug_assert!(first.skip.is_empty(), "a value skipped without a problem");
        return first;
    }
    walk(root, ty, true)
}

/// One walk of object `root` as `ty`, its members in byte order of their
/// keys (`sorted`) or as written.
fn walk(root: Value, ty: TypeId, sorted: bool) -> Checked {
    let mut w = Walk {
        returned: None,
        saved: None,
        unknown: Vec::new(),
        unknown_paths: HashSet::new(),
        skip: HashSet::new(),
        sorted,
    };
    let mut path = String::new();
    let mut go = Vec::new();
    w.strukt(root, ty, &mut path, &mut go);
    let problems = match (w.returned, w.saved) {
        (Some(p), _) | (None, Some(p)) => vec![p],
        (None, None) => w.unknown,
    };
    Checked {
        problems,
        skip: w.skip,
    }
}

/// An object's members without `null` values, in byte order of their keys
/// (`sorted`) or as written (read in place: no list is made).
fn members<'t>(
    obj: Value<'t>,
    sorted: bool,
) -> Members<'t, impl Iterator<Item = (Value<'t>, Value<'t>)> + 't> {
    let written = obj.members().filter(|(_, v)| !v.is_null());
    if !sorted {
        return Members::Written(written);
    }
    let mut m: Vec<(Value, Value)> = written.collect();
    crate::sort::sort_by(&mut m, |a, b| {
        a.0.as_str().unwrap_or("").cmp(b.0.as_str().unwrap_or(""))
    });
    Members::Sorted(m.into_iter())
}

enum Members<'t, I> {
    Written(I),
    Sorted(std::vec::IntoIter<(Value<'t>, Value<'t>)>),
}

impl<'t, I: Iterator<Item = (Value<'t>, Value<'t>)>> Iterator for Members<'t, I> {
    type Item = (Value<'t>, Value<'t>);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Members::Written(m) => m.next(),
            Members::Sorted(m) => m.next(),
        }
    }
}

/// Go's `time.quote`.
fn go_time_quote(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                q.push('\\');
                q.push(c);
            }
            c if c.is_control() => q.push_str(&format!("\\x{:02x}", c as u32 & 0xff)),
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

const RFC3339: &str = "2006-01-02T15:04:05Z07:00";

/// `time.Parse(time.RFC3339, s)`'s error, or `None` when it parses.
pub fn rfc3339_error(s: &str) -> Option<String> {
    let fail = |value: &str, elem: &str| {
        Some(format!(
            "parsing time {} as {}: cannot parse {} as {}",
            go_time_quote(s),
            go_time_quote(RFC3339),
            go_time_quote(value),
            go_time_quote(elem)
        ))
    };
    let range = |what: &str| {
        Some(format!(
            "parsing time {}: {what} out of range",
            go_time_quote(s)
        ))
    };
    let digits =
        |v: &str, n: usize| v.len() >= n && v.as_bytes()[..n].iter().all(u8::is_ascii_digit);
    let num = |v: &str, n: usize| v[..n].parse::<u32>().unwrap_or(0);
    let mut v = s;
    // 2006
    if !digits(v, 4) {
        return fail(v, "2006");
    }
    let year = num(v, 4);
    v = &v[4..];
    let lit = |v: &str, p: &str| v.starts_with(p);
    // -01
    if !lit(v, "-") {
        return fail(v, "-");
    }
    v = &v[1..];
    if !digits(v, 2) {
        return fail(v, "01");
    }
    let month = num(v, 2);
    if !(1..=12).contains(&month) {
        return range("month");
    }
    v = &v[2..];
    if !lit(v, "-") {
        return fail(v, "-");
    }
    v = &v[1..];
    if !digits(v, 2) {
        return fail(v, "02");
    }
    let day = num(v, 2);
    v = &v[2..];
    if !lit(v, "T") {
        return fail(v, "T");
    }
    v = &v[1..];
    // 15: one or two digits
    let h = v.bytes().take(2).take_while(u8::is_ascii_digit).count();
    if h == 0 {
        return fail(v, "15");
    }
    let hour = num(v, h);
    if hour >= 24 {
        return range("hour");
    }
    v = &v[h..];
    if !lit(v, ":") {
        return fail(v, ":");
    }
    v = &v[1..];
    if !digits(v, 2) {
        return fail(v, "04");
    }
    if num(v, 2) >= 60 {
        return range("minute");
    }
    v = &v[2..];
    if !lit(v, ":") {
        return fail(v, ":");
    }
    v = &v[1..];
    if !digits(v, 2) {
        return fail(v, "05");
    }
    if num(v, 2) >= 60 {
        return range("second");
    }
    v = &v[2..];
    // fractional seconds
    if v.len() >= 2
        && (v.starts_with('.') || v.starts_with(','))
        && v.as_bytes()[1].is_ascii_digit()
    {
        let n = 1 + v[1..].bytes().take_while(u8::is_ascii_digit).count();
        v = &v[n..];
    }
    // Z07:00
    if let Some(rest) = v.strip_prefix('Z') {
        v = rest;
    } else {
        let b = v.as_bytes();
        let ok = b.len() >= 6
            && (b[0] == b'+' || b[0] == b'-')
            && digits(&v[1..], 2)
            && b[3] == b':'
            && digits(&v[4..], 2);
        if !ok {
            return fail(v, "Z07:00");
        }
        v = &v[6..];
    }
    if !v.is_empty() {
        return Some(format!(
            "parsing time {}: extra text: {}",
            go_time_quote(s),
            go_time_quote(v)
        ));
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day < 1 || day > days {
        return range("day");
    }
    None
}

impl Walk {
    /// Decoding has stopped (a returned error), or, in the first walk
    /// (as written), a problem has been found: that walk only tells
    /// whether there is one.
    fn done(&self) -> bool {
        self.returned.is_some() || (!self.sorted && !self.skip.is_empty())
    }

    /// `path` one member deeper. Only the walk in the decoder's order
    /// builds paths (and Go field names): the first walk only tells
    /// whether there is a problem, and its problems are not kept.
    fn enter(&self, path: &mut String, key: &str) {
        if self.sorted {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(key);
        }
    }

    /// A Go `UnmarshalTypeError` text.
    fn type_text(word: &str, s_name: &str, go: &[&str], go_type: &str) -> String {
        if s_name.is_empty() && go.is_empty() {
            format!("json: cannot unmarshal {word} into Go value of type {go_type}")
        } else {
            format!(
                "json: cannot unmarshal {word} into Go struct field {s_name}.{} of type {go_type}",
                go.join(".")
            )
        }
    }

    /// A saved type error (only the first is kept; decoding goes on).
    fn mismatch(
        &mut self,
        v: Value,
        word: &str,
        s_name: &str,
        go: &[&str],
        go_type: &str,
        path: &str,
    ) {
        self.skip.insert(v.id);
        if self.saved.is_none() {
            self.saved = Some(Problem {
                node: v.id,
                path: path.to_string(),
                kind: ProblemKind::TypeMismatch,
                text: Self::type_text(word, s_name, go, go_type),
                hint: None,
            });
        }
    }

    /// A returned error (decoding stops).
    fn returned(&mut self, v: Value, text: String, path: &str) {
        self.skip.insert(v.id);
        if self.returned.is_none() {
            self.returned = Some(Problem {
                node: v.id,
                path: path.to_string(),
                kind: ProblemKind::Unmarshal,
                text,
                hint: None,
            });
        }
    }

    fn strukt(&mut self, obj: Value, ty: TypeId, path: &mut String, go: &mut Vec<&'static str>) {
        let def = schema::ty(ty);
        for (k, v) in members(obj, self.sorted) {
            if self.done() {
                return;
            }
            let key = k.as_str().unwrap_or("");
            let len = path.len();
            self.enter(path, key);
            match schema::field(ty, key) {
                None => {
                    self.skip.insert(v.id);
                    if self.unknown.len() < MAX_STRICT_ERRORS
                        && self.unknown_paths.insert(path.clone())
                    {
                        self.unknown.push(Problem {
                            node: k.id,
                            path: path.clone(),
                            kind: ProblemKind::UnknownField,
                            text: format!(
                                "unknown field \"{}\"",
                                path.replace('\\', "\\\\").replace('"', "\\\"")
                            ),
                            hint: schema::suggest(ty, key),
                        });
                    }
                }
                Some(f) => {
                    let depth = go.len();
                    if self.sorted {
                        if let Some(e) = f.embedded_go_field() {
                            go.push(e);
                        }
                        go.push(f.name);
                    }
                    self.value(v, f.shape, f.go_type, def.go_name, path, go);
                    go.truncate(depth);
                }
            }
            path.truncate(len);
        }
    }

    fn value(
        &mut self,
        v: Value,
        shape: Shape,
        go_type: &str,
        s_name: &str,
        path: &mut String,
        go: &mut Vec<&'static str>,
    ) {
        if self.done() {
            return;
        }
        let kind = v.kind();
        if kind == Kind::Null {
            // Go leaves the zero value (or sets nil); no error
            return;
        }
        let word = kind.go_word();
        match shape {
            Shape::String => {
                if kind != Kind::String {
                    self.mismatch(v, word, s_name, go, go_type, path);
                }
            }
            Shape::Bool => {
                if kind != Kind::Bool {
                    self.mismatch(v, word, s_name, go, go_type, path);
                }
            }
            Shape::Int32 | Shape::Int64 | Shape::Float64 => match kind {
                Kind::Number => {
                    let text = v.number_text().unwrap_or("");
                    let ok = match shape {
                        Shape::Int32 => {
                            number::as_i64(text).is_some_and(|i| i32::try_from(i).is_ok())
                        }
                        Shape::Int64 => number::as_i64(text).is_some(),
                        _ => crate::strconv::parse_f64(text).is_some_and(f64::is_finite),
                    };
                    if !ok {
                        self.mismatch(v, &format!("number {text}"), s_name, go, go_type, path);
                    }
                }
                _ => self.mismatch(v, word, s_name, go, go_type, path),
            },
            Shape::Quantity => {
                // its UnmarshalJSON: the string without quotes, or the
                // JSON text of anything else, trimmed, parsed
                let text: &str = match kind {
                    Kind::String => v.as_str().unwrap_or(""),
                    Kind::Number => v.number_text().unwrap_or(""),
                    Kind::Bool if v.as_bool() == Some(true) => "true",
                    Kind::Bool => "false",
                    Kind::Array => "[",
                    _ => "{",
                };
                if let Err(e) = Quantity::parse(text.trim()) {
                    self.returned(v, e.to_string(), path);
                }
            }
            Shape::IntOrString => match kind {
                Kind::String => {}
                Kind::Number => {
                    let text = v.number_text().unwrap_or("");
                    if number::as_i64(text).is_none_or(|i| i32::try_from(i).is_err()) {
                        let t = Self::type_text(&format!("number {text}"), s_name, go, "int32");
                        self.returned(v, t, path);
                    }
                }
                _ => {
                    let t = Self::type_text(word, s_name, go, "int32");
                    self.returned(v, t, path);
                }
            },
            Shape::Time => match kind {
                Kind::String => {
                    if let Some(e) = rfc3339_error(v.as_str().unwrap_or("")) {
                        self.returned(v, e, path);
                    }
                }
                _ => {
                    let t = Self::type_text(word, s_name, go, "string");
                    self.returned(v, t, path);
                }
            },
            Shape::Bytes => {
                if kind != Kind::String {
                    self.mismatch(v, word, s_name, go, go_type, path);
                }
            }
            Shape::FreeForm => {}
            Shape::Object(t) => {
                if kind == Kind::Object {
                    self.strukt(v, t, path, go);
                } else {
                    self.mismatch(v, word, s_name, go, go_type, path);
                }
            }
            Shape::Array(elem) => {
                if kind != Kind::Array {
                    self.mismatch(v, word, s_name, go, go_type, path);
                    return;
                }
                for (i, e) in v.elements().enumerate() {
                    if self.done() {
                        return;
                    }
                    let len = path.len();
                    if self.sorted {
                        use std::fmt::Write;
                        let _ = write!(path, "[{i}]");
                    }
                    self.value(e, elem.shape, elem.go_type, s_name, path, go);
                    path.truncate(len);
                }
            }
            Shape::Map(val) => {
                if kind != Kind::Object {
                    self.mismatch(v, word, s_name, go, go_type, path);
                    return;
                }
                for (k, e) in members(v, self.sorted) {
                    if self.done() {
                        return;
                    }
                    let len = path.len();
                    self.enter(path, k.as_str().unwrap_or(""));
                    self.value(e, val.shape, val.go_type, s_name, path, go);
                    path.truncate(len);
                }
            }
        }
    }
}

#[cfg(test)]
#[path = "strict.tests.rs"]
mod tests;
