//! Go's `%#v` of what go-yaml v2 decodes a YAML node into when the target
//! is an `interface{}` (nil, bool, int, uint64, float64, string,
//! `[]interface {}`, `map[interface {}]interface {}`), for the messages
//! that print one: sigs.k8s.io/yaml's `unsupported map key of type: %s,
//! key: %+#v, value: %+#v` and go-yaml's `invalid map key: %#v`.
//!
//! The tree holds a document as JSON sees it; what it does not keep of
//! the Go types (a float that reads as an integer, a map key that was not
//! a string) the YAML reader notes in [`GoTypes`] as it reads.

use super::tree::{Kind, NodeId, Value};
use crate::k8s::field::go_quote;
use crate::strconv::go_v_f64;
use std::cmp::Ordering;

/// The Go types the tree does not keep: the scalars whose JSON (in the
/// tree) does not tell their Go value: a float64 (`1e8` is `100000000`
/// there, `1e+08` in Go), an integer beyond int64 (a uint64, printed in
/// hex), and a map key that was not a string (the tree has its JSON key).
/// (A list in node order, not a map: the reader adds a node's entry
/// right after the node, so a lookup is a binary search, and a map's
/// code would weigh on the first-grid wasm module.)
#[derive(Debug, Default)]
pub(super) struct GoTypes {
    scalars: Vec<(NodeId, GoScalar)>,
}

impl GoTypes {
    /// The Go value of node `id`, the newest node of the tree.
    pub fn insert(&mut self, id: NodeId, scalar: GoScalar) {
        debug_assert!(self.scalars.last().is_none_or(|(n, _)| *n < id));
        self.scalars.push((id, scalar));
    }

    /// Forgets the nodes from `first` on (the tree dropped them: their
    /// ids are given again).
    pub fn truncate(&mut self, first: usize) {
        let keep = self.scalars.partition_point(|(n, _)| (*n as usize) < first);
        self.scalars.truncate(keep);
    }

    fn get(&self, id: NodeId) -> Option<&GoScalar> {
        let i = self.scalars.binary_search_by_key(&id, |(n, _)| *n).ok()?;
        Some(&self.scalars[i].1)
    }
}

/// A scalar as go-yaml v2 decodes it into an `interface{}`.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum GoScalar {
    Nil,
    Bool(bool),
    /// An integer's decimal text: an `int` when it fits in 64 bits,
    /// else a `uint64`.
    Int(String),
    Float(f64),
    Str(String),
}

impl GoScalar {
    /// `%#v` of it inside a collection (`interface {}(nil)` for nil).
    fn nested(&self) -> String {
        match self {
            GoScalar::Nil => "interface {}(nil)".into(),
            GoScalar::Bool(b) => b.to_string(),
            GoScalar::Int(i) => go_int(i),
            GoScalar::Float(f) => go_v_f64(*f),
            GoScalar::Str(s) => go_quote(s),
        }
    }

    /// fmt's order of map keys of type `interface {}`: nil first, then by
    /// the concrete type, then by value. Go orders the types by where
    /// their descriptors lie in the binary, which is not known here: by
    /// their names (bool, float64, int, string, uint64).
    fn order(&self, other: &Self) -> Ordering {
        let rank = |s: &Self| match s {
            GoScalar::Nil => 0,
            GoScalar::Bool(_) => 1,
            GoScalar::Float(_) => 2,
            GoScalar::Int(i) if i.parse::<i64>().is_ok() => 3,
            GoScalar::Str(_) => 4,
            GoScalar::Int(_) => 5,
        };
        rank(self)
            .cmp(&rank(other))
            .then_with(|| match (self, other) {
                (GoScalar::Bool(a), GoScalar::Bool(b)) => a.cmp(b),
                // NaN before every number (fmtsort's floatCompare)
                (GoScalar::Float(a), GoScalar::Float(b)) => match (a.is_nan(), b.is_nan()) {
                    (true, true) => Ordering::Equal,
                    (true, false) => Ordering::Less,
                    (false, true) => Ordering::Greater,
                    _ => a.partial_cmp(b).unwrap_or(Ordering::Equal),
                },
                (GoScalar::Int(a), GoScalar::Int(b)) => {
                    match (a.parse::<i64>(), b.parse::<i64>()) {
                        (Ok(x), Ok(y)) => x.cmp(&y),
                        _ => a.parse::<u64>().ok().cmp(&b.parse::<u64>().ok()),
                    }
                }
                (GoScalar::Str(a), GoScalar::Str(b)) => a.as_bytes().cmp(b.as_bytes()),
                _ => Ordering::Equal,
            })
    }
}

/// `%#v` of an integer's decimal text: as it is for an `int`, in hex for
/// a `uint64` (`0xffffffffffffffff`), as fmt writes an unsigned number.
pub(super) fn go_int(decimal: &str) -> String {
    if decimal.parse::<i64>().is_ok() {
        return decimal.to_string();
    }
    match decimal.parse::<u64>() {
        Ok(u) => format!("0x{u:x}"),
        Err(_) => decimal.to_string(),
    }
}

/// `%#v` (and `%+#v`) of `v` passed to fmt as an `interface{}` argument:
/// `<nil>` for nil.
pub(super) fn top(v: Value, types: &GoTypes) -> String {
    if v.kind() == Kind::Null {
        return "<nil>".into();
    }
    nested(v, types)
}

/// `%#v` of `v` inside a collection.
fn nested(v: Value, types: &GoTypes) -> String {
    let mut out = String::new();
    match v.kind() {
        Kind::Array => {
            out.push_str("[]interface {}{");
            for (i, e) in v.elements().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&nested(e, types));
            }
        }
        Kind::Object => {
            let mut pairs: Vec<(GoScalar, String)> = Vec::with_capacity(v.len());
            for (k, val) in v.members() {
                let key = match types.get(k.id) {
                    Some(s) => s.clone(),
                    None => GoScalar::Str(k.as_str().unwrap_or_default().to_string()),
                };
                pairs.push((key, nested(val, types)));
            }
            // fmt's order; a key written twice is one key of the Go map,
            // with the last value (the sort is stable: the last of equals)
            crate::sort::sort_by(&mut pairs, |a, b| a.0.order(&b.0));
            pairs.dedup_by(|later, kept| {
                let same = later.0 == kept.0;
                if same {
                    std::mem::swap(&mut later.1, &mut kept.1);
                }
                same
            });
            out.push_str("map[interface {}]interface {}{");
            for (i, (k, shown)) in pairs.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&k.nested());
                out.push(':');
                out.push_str(shown);
            }
        }
        _ => return scalar(v, types).nested(),
    }
    out.push('}');
    out
}

/// The Go value of a scalar node.
fn scalar(v: Value, types: &GoTypes) -> GoScalar {
    if let Some(s) = types.get(v.id) {
        return s.clone();
    }
    match v.kind() {
        Kind::Bool => GoScalar::Bool(v.as_bool().unwrap_or_default()),
        Kind::String => GoScalar::Str(v.as_str().unwrap_or_default().to_string()),
        Kind::Number => {
            let text = v.number_text().unwrap_or_default();
            if text.contains(['.', 'e', 'E']) {
                GoScalar::Float(crate::strconv::parse_f64(text).unwrap_or_default())
            } else {
                GoScalar::Int(text.to_string())
            }
        }
        _ => GoScalar::Nil,
    }
}
