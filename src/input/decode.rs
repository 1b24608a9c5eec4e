//! Value trees into the engine's serde types ([`crate::k8s::model`], the
//! shorthand list): a serde `Deserializer` over a [`Value`], so the model
//! keeps its derives. Members whose value is `null` are left out (kubectl
//! deleted them before sending), and so are the values the strict check
//! found of the wrong type or in unknown fields (`skip`): a refused
//! object still decodes into what the rest of it says.
//!
//! An error (only the shorthand, which is this tool's own format, can
//! have one here: Kubernetes objects were checked first) knows the node
//! and the path where it happened.

use super::tree::{Kind, NodeId, Value};
use crate::k8s::model::QUANTITY_TEXT;
use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use std::collections::HashSet;
use std::fmt;

/// A decoding error, with where it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub message: String,
    /// The node it is about, once known.
    pub node: Option<NodeId>,
    /// Its path below the decoded value (`taints[0]`), once known.
    pub path: Option<String>,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DecodeError {}

impl de::Error for DecodeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DecodeError {
            message: msg.to_string(),
            node: None,
            path: None,
        }
    }

    // serde's defaults, with the value shown by `Shown`
    fn invalid_type(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        Self::custom(format_args!(
            "invalid type: {}, expected {exp}",
            Shown(unexp)
        ))
    }

    fn invalid_value(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        Self::custom(format_args!(
            "invalid value: {}, expected {exp}",
            Shown(unexp)
        ))
    }
}

/// A value a visitor did not expect, in serde's words (`Unexpected`'s
/// `Display`), but a float written by `strconv` instead of std's float
/// formatting, which would add 10 KB to the wasm module (`gzip -9`) for
/// these messages alone.
struct Shown<'a>(de::Unexpected<'a>);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        use de::Unexpected as U;
        match self.0 {
            U::Float(x) if x.is_nan() => f.write_str("floating point `NaN`"),
            U::Float(x) if x.is_infinite() => {
                write!(f, "floating point `{}inf`", if x < 0.0 { "-" } else { "" })
            }
            U::Float(x) => {
                // std's `{}`: the shortest digits without an exponent,
                // then serde's ".0" when there is no point
                let (digits, exp) = crate::strconv::shortest_f64(x.abs());
                let text = if x == 0.0 {
                    "0".to_string()
                } else {
                    crate::strconv::positional(&digits, exp)
                };
                let sign = if x.is_sign_negative() { "-" } else { "" };
                let point = if text.contains('.') { "" } else { ".0" };
                write!(f, "floating point `{sign}{text}{point}`")
            }
            // the rest as serde writes them (delegating would bring its
            // float arm back)
            U::Bool(b) => write!(f, "boolean `{b}`"),
            U::Unsigned(i) => write!(f, "integer `{i}`"),
            U::Signed(i) => write!(f, "integer `{i}`"),
            U::Char(c) => write!(f, "character `{c}`"),
            U::Str(s) => write!(f, "string {s:?}"),
            U::Bytes(_) => f.write_str("byte array"),
            U::Unit => f.write_str("unit value"),
            U::Option => f.write_str("Option value"),
            U::NewtypeStruct => f.write_str("newtype struct"),
            U::Seq => f.write_str("sequence"),
            U::Map => f.write_str("map"),
            U::Enum => f.write_str("enum"),
            U::UnitVariant => f.write_str("unit variant"),
            U::NewtypeVariant => f.write_str("newtype variant"),
            U::TupleVariant => f.write_str("tuple variant"),
            U::StructVariant => f.write_str("struct variant"),
            U::Other(other) => f.write_str(other),
        }
    }
}

impl DecodeError {
    /// The error happened at `node` (the deepest node said first wins).
    fn at(mut self, node: NodeId) -> Self {
        if self.node.is_none() {
            self.node = Some(node);
        }
        self
    }

    /// The error came from below the member `key` of an object: its path
    /// is built on the way up, so that decoding builds no path at all.
    fn in_member(mut self, key: &str) -> Self {
        self.path = Some(match self.path.take().filter(|p| !p.is_empty()) {
            None => key.to_string(),
            Some(p) if p.starts_with('[') => format!("{key}{p}"),
            Some(p) => format!("{key}.{p}"),
        });
        self
    }

    /// The error came from below element `i` of an array.
    fn in_element(mut self, i: usize) -> Self {
        self.path = Some(match self.path.take().filter(|p| !p.is_empty()) {
            None => format!("[{i}]"),
            Some(p) if p.starts_with('[') => format!("[{i}]{p}"),
            Some(p) => format!("[{i}].{p}"),
        });
        self
    }
}

static NO_SKIP: std::sync::OnceLock<HashSet<NodeId>> = std::sync::OnceLock::new();

/// Decodes `v` into `T`, leaving out `skip` (see the module comment).
pub fn decode<T: de::DeserializeOwned>(
    v: Value,
    skip: Option<&HashSet<NodeId>>,
) -> Result<T, DecodeError> {
    let skip = skip.unwrap_or_else(|| NO_SKIP.get_or_init(HashSet::new));
    let d = ValueDeserializer { v, skip };
    T::deserialize(d).map_err(|mut e| {
        e.path.get_or_insert_with(String::new);
        e.at(v.id)
    })
}

struct ValueDeserializer<'t, 's> {
    v: Value<'t>,
    skip: &'s HashSet<NodeId>,
}

/// Whether `skip` leaves `v` out (most texts skip nothing: no hashing then).
fn skipped(skip: &HashSet<NodeId>, v: &Value) -> bool {
    !skip.is_empty() && skip.contains(&v.id)
}

impl<'t, 's> ValueDeserializer<'t, 's> {
    fn unexpected(&self) -> de::Unexpected<'t> {
        match self.v.kind() {
            Kind::Null => de::Unexpected::Unit,
            Kind::Bool => de::Unexpected::Bool(self.v.as_bool().unwrap_or(false)),
            Kind::Number => {
                // as a visitor's own error says it (serde's `visit_i64` ...)
                let text = self.v.number_text().unwrap_or("0");
                if let Ok(i) = text.parse::<i64>() {
                    de::Unexpected::Signed(i)
                } else if let Ok(u) = text.parse::<u64>() {
                    de::Unexpected::Unsigned(u)
                } else if let Some(f) = crate::strconv::parse_f64(text) {
                    de::Unexpected::Float(f)
                } else {
                    de::Unexpected::Other("a number")
                }
            }
            Kind::String => de::Unexpected::Str(self.v.as_str().unwrap_or("")),
            Kind::Array => de::Unexpected::Seq,
            Kind::Object => de::Unexpected::Map,
        }
    }

    /// What a visitor that wants another kind says of this value, at its node.
    fn invalid_type(&self, expected: &dyn de::Expected) -> DecodeError {
        <DecodeError as de::Error>::invalid_type(self.unexpected(), expected).at(self.v.id)
    }

    // Members and elements are read in place, one at a time (no list of
    // them is collected: a node's fifty images were a hundred vectors).
    fn visit_object<V: Visitor<'t>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_map(Map {
            of: self.v,
            next: 0,
            skip: self.skip,
        })
    }

    fn visit_array<V: Visitor<'t>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_seq(Seq {
            of: self.v,
            next: 0,
            index: 0,
            skip: self.skip,
        })
    }

    fn visit_number<V: Visitor<'t>>(&self, visitor: V) -> Result<V::Value, DecodeError> {
        let text = self.v.number_text().unwrap_or("0");
        if !text.contains(['.', 'e', 'E']) {
            if let Ok(i) = text.parse::<i64>() {
                return visitor.visit_i64(i);
            }
            if let Ok(u) = text.parse::<u64>() {
                return visitor.visit_u64(u);
            }
        }
        match crate::strconv::parse_f64(text) {
            Some(f) => visitor.visit_f64(f),
            None => Err(de::Error::invalid_value(
                de::Unexpected::Other(text),
                &visitor,
            )),
        }
    }
}

/// `deserialize_*` methods that read a `null` as the type's zero value
/// (what Go's JSON decoding leaves in a field or an element it decodes a
/// `null` into: `tolerations: [null]` is one empty toleration, which the
/// validation then judges), and anything else as `deserialize_any` does.
macro_rules! zero_on_null {
    ($($method:ident => $visit:ident($zero:expr)),* $(,)?) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
            if self.v.kind() == Kind::Null {
                visitor.$visit($zero)
            } else {
                self.deserialize_any(visitor)
            }
        })*
    };
}

impl<'de, 's> Deserializer<'de> for ValueDeserializer<'de, 's> {
    type Error = DecodeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        let node = self.v.id;
        let r = match self.v.kind() {
            Kind::Null => visitor.visit_unit(),
            Kind::Bool => visitor.visit_bool(self.v.as_bool().unwrap_or(false)),
            Kind::Number => self.visit_number(visitor),
            Kind::String => match self.v.as_str() {
                Some(s) => visitor.visit_borrowed_str(s),
                None => visitor.visit_str(""),
            },
            Kind::Array => self.visit_array(visitor),
            Kind::Object => self.visit_object(visitor),
        };
        r.map_err(|e| e.at(node))
    }

    // A struct, a map or a sequence is read from an object or an array only,
    // never through `deserialize_any`: that would compile every struct's
    // visitor for both shapes (serde's derive reads a struct from a sequence
    // too), and the sequence form is never wanted (Kubernetes objects were
    // checked against the schema first; the shorthand is objects only).
    // Measured: 81 KiB less wasm before wasm-opt.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        let node = self.v.id;
        match self.v.kind() {
            Kind::Object => self.visit_object(visitor).map_err(|e| e.at(node)),
            // (a null has no members)
            Kind::Null => visitor.visit_map(Map {
                of: self.v,
                next: 0,
                skip: self.skip,
            }),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        let node = self.v.id;
        match self.v.kind() {
            Kind::Array => self.visit_array(visitor).map_err(|e| e.at(node)),
            // (a null has no elements)
            Kind::Null => visitor.visit_seq(Seq {
                of: self.v,
                next: 0,
                index: 0,
                skip: self.skip,
            }),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        if self.v.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        // a quantity's number as its text (see `QuantityText`)
        if name == QUANTITY_TEXT && self.v.kind() == Kind::Number {
            let text = self.v.number_text().unwrap_or("0");
            return visitor
                .visit_borrowed_str(text)
                .map_err(|e: DecodeError| e.at(self.v.id));
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.v.kind() {
            Kind::String => self.deserialize_any(visitor),
            Kind::Null => visitor.visit_borrowed_str(""),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        match self.v.as_str() {
            Some(s) => visitor.visit_enum(s.into_deserializer()),
            None => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        // nothing below is looked at: an ignored value costs nothing
        visitor.visit_unit()
    }

    zero_on_null! {
        deserialize_bool => visit_bool(false),
        deserialize_i32 => visit_i32(0),
        deserialize_i64 => visit_i64(0),
        deserialize_u32 => visit_u32(0),
        deserialize_u64 => visit_u64(0),
        deserialize_f64 => visit_f64(0.0),
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i128 u8 u16 u128 f32 char bytes byte_buf
        unit unit_struct tuple tuple_struct identifier
    }
}

/// The elements of array `of` from `next` on, less the skipped ones.
struct Seq<'t, 's> {
    of: Value<'t>,
    next: usize,
    /// The index among the elements not skipped (error paths count them).
    index: usize,
    skip: &'s HashSet<NodeId>,
}

impl<'de, 's> SeqAccess<'de> for Seq<'de, 's> {
    type Error = DecodeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DecodeError> {
        let v = loop {
            let Some(v) = self.of.at(self.next) else {
                return Ok(None);
            };
            self.next += 1;
            if !skipped(self.skip, &v) {
                break v;
            }
        };
        let i = self.index;
        self.index += 1;
        seed.deserialize(ValueDeserializer { v, skip: self.skip })
            .map(Some)
            .map_err(|e| e.at(v.id).in_element(i))
    }

    fn size_hint(&self) -> Option<usize> {
        // at most (a hint: skipped elements are rare)
        Some(self.of.len() - self.next)
    }
}

/// The members of object `of` from `next` on, less those whose value is
/// `null` or skipped; `next` is at the current member between its key
/// and its value.
struct Map<'t, 's> {
    of: Value<'t>,
    next: usize,
    skip: &'s HashSet<NodeId>,
}

impl<'t> Map<'t, '_> {
    /// The next member to read, `next` moved to it.
    fn current(&mut self) -> Option<(Value<'t>, Value<'t>)> {
        loop {
            let (k, v) = self.of.member_at(self.next)?;
            if !v.is_null() && !skipped(self.skip, &v) {
                return Some((k, v));
            }
            self.next += 1;
        }
    }
}

impl<'de, 's> MapAccess<'de> for Map<'de, 's> {
    type Error = DecodeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DecodeError> {
        let Some((k, _)) = self.current() else {
            return Ok(None);
        };
        seed.deserialize(ValueDeserializer {
            v: k,
            skip: self.skip,
        })
        .map(Some)
        .map_err(|e| e.at(k.id).in_member(k.as_str().unwrap_or("")))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DecodeError> {
        let Some((k, v)) = self.current() else {
            return Err(de::Error::custom("value without a key"));
        };
        self.next += 1;
        seed.deserialize(ValueDeserializer { v, skip: self.skip })
            .map_err(|e| e.at(v.id).in_member(k.as_str().unwrap_or("")))
    }

    fn size_hint(&self) -> Option<usize> {
        // at most (a hint)
        Some(self.of.len() - self.next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::json;
    use crate::input::limits::Limits;
    use crate::k8s::model::{DaemonSet, IntOrString, Node};

    #[test]
    fn unexpected_values_are_shown_in_serde_s_words() {
        use de::Unexpected as U;
        let mut values = vec![
            U::Bool(true),
            U::Unsigned(7),
            U::Signed(-7),
            U::Char('x'),
            U::Str("a \"b\"\n"),
            U::Bytes(b"x"),
            U::Unit,
            U::Option,
            U::NewtypeStruct,
            U::Seq,
            U::Map,
            U::Enum,
            U::UnitVariant,
            U::NewtypeVariant,
            U::TupleVariant,
            U::StructVariant,
            U::Other("a number"),
        ];
        for f in [
            1.5,
            -1.5,
            1.0,
            0.0,
            -0.0,
            1e21,
            1e-7,
            123456789.125,
            0.1,
            f64::MAX,
            5e-324,
        ] {
            values.push(U::Float(f));
        }
        values.extend([
            U::Float(f64::INFINITY),
            U::Float(f64::NEG_INFINITY),
            U::Float(f64::NAN),
        ]);
        for u in values {
            assert_eq!(Shown(u).to_string(), u.to_string());
        }
    }

    #[test]
    fn objects_decode_into_the_model() {
        let text = r#"{"kind": "DaemonSet", "metadata": {"name": "x", "labels": {"a": "b"}, "annotations": null},
            "spec": {"updateStrategy": {"rollingUpdate": {"maxUnavailable": "25%", "maxSurge": 1}},
                     "template": {"spec": {"containers": [{"name": "c", "resources": {"requests": {"cpu": 0.5}}}]}}}}"#;
        let (docs, _) = json::read(text, &Limits::default());
        let v = docs[0].tree.node(text, docs[0].root);
        let ds: DaemonSet = decode(v, None).unwrap();
        assert_eq!(ds.metadata.name(), "x");
        assert_eq!(ds.metadata.labels.get("a").unwrap(), "b");
        let ru = ds.spec.update_strategy.unwrap().rolling_update.unwrap();
        assert_eq!(ru.max_unavailable, Some(IntOrString::String("25%".into())));
        assert_eq!(ru.max_surge, Some(IntOrString::Int(1)));
        assert_eq!(
            ds.spec.template.spec.containers[0]
                .resources
                .requests
                .get("cpu")
                .unwrap(),
            "0.5"
        );
    }

    #[test]
    fn skipped_values_and_errors_with_paths() {
        let text = r#"{"metadata": {"name": "n"}, "spec": {"taints": [{"key": "a"}, {"key": 5}]}}"#;
        let (docs, _) = json::read(text, &Limits::default());
        let v = docs[0].tree.node(text, docs[0].root);
        let e = decode::<Node>(v, None).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("spec.taints[1].key"));
        let bad = v
            .get("spec")
            .unwrap()
            .get("taints")
            .unwrap()
            .at(1)
            .unwrap()
            .get("key")
            .unwrap();
        let skip: HashSet<NodeId> = [bad.id].into();
        let n: Node = decode(v, Some(&skip)).unwrap();
        assert_eq!(n.spec.taints.len(), 2);
        assert_eq!(n.spec.taints[1].key, "");
    }

    #[test]
    fn structs_maps_and_lists_take_their_own_shape_only() {
        let read = |text: &str| {
            let (docs, _) = json::read(text, &Limits::default());
            docs.into_iter().next().unwrap()
        };
        // a struct is never read positionally from an array
        let d = read(r#"{"spec": {"taints": [["a", "b", "NoSchedule"]]}}"#);
        let e = decode::<Node>(
            d.tree.node(
                r#"{"spec": {"taints": [["a", "b", "NoSchedule"]]}}"#,
                d.root,
            ),
            None,
        )
        .unwrap_err();
        assert_eq!(e.path.as_deref(), Some("spec.taints[0]"));
        assert_eq!(e.message, "invalid type: sequence, expected struct Taint");
        // what a struct, a map or a list found instead, as serde says it
        for (text, path, found) in [
            (r#"{"spec": 5}"#, "spec", "integer `5`"),
            (r#"{"spec": -2.5}"#, "spec", "floating point `-2.5`"),
            (r#"{"spec": "x"}"#, "spec", "string \"x\""),
            (
                r#"{"spec": {"taints": {"key": "a"}}}"#,
                "spec.taints",
                "map",
            ),
            (
                r#"{"metadata": {"labels": ["a"]}}"#,
                "metadata.labels",
                "sequence",
            ),
            (
                r#"{"metadata": {"labels": true}}"#,
                "metadata.labels",
                "boolean `true`",
            ),
        ] {
            let d = read(text);
            let e = decode::<Node>(d.tree.node(text, d.root), None).unwrap_err();
            assert_eq!(e.path.as_deref(), Some(path), "{text}");
            assert!(
                e.message
                    .starts_with(&format!("invalid type: {found}, expected ")),
                "{text}: {}",
                e.message
            );
        }
    }

    #[test]
    fn a_quantity_keeps_the_number_text_kubectl_sends() {
        // kubectl decodes a number into a float64 and writes it back with
        // Go's encoding/json (`1e+21` from 1e21, `1e-7` from 0.0000001),
        // and `Quantity.UnmarshalJSON` parses that text as it is: it is
        // never rewritten as Rust writes floats ("1000000000000000000000",
        // which a Quantity prints as "1")
        for (number, text) in [
            ("1e21", "1e+21"),
            ("0.0000001", "1e-7"),
            ("1e3", "1000"),
            ("0.5", "0.5"),
            ("4", "4"),
        ] {
            let json = format!(r#"{{"status": {{"capacity": {{"cpu": {number}}}}}}}"#);
            let (docs, _) = json::read(&json, &Limits::default());
            let n: Node = decode(docs[0].tree.node(&json, docs[0].root), None).unwrap();
            assert_eq!(n.status.capacity.get("cpu").unwrap(), text, "{number}");
        }
    }

    #[test]
    fn a_null_is_the_zero_value_as_in_go() {
        let text = r#"{"metadata": {"name": "n", "labels": {"a": "1"}}, "spec": {"unschedulable": null, "taints": [null, {"key": null, "value": "v", "effect": "NoSchedule"}]}}"#;
        let (docs, _) = json::read(text, &Limits::default());
        let n: Node = decode(docs[0].tree.node(text, docs[0].root), None).unwrap();
        assert_eq!(n.spec.taints.len(), 2);
        assert_eq!(n.spec.taints[0].key, "");
        assert_eq!(n.spec.taints[0].effect, "");
        assert_eq!(n.spec.taints[1].key, "");
        assert_eq!(n.spec.taints[1].value, "v");
        assert_eq!(n.spec.unschedulable, None);
        let text = r#"[null, 1]"#;
        let (docs, _) = json::read(text, &Limits::default());
        let v: Vec<i64> = decode(docs[0].tree.node(text, docs[0].root), None).unwrap();
        assert_eq!(v, [0, 1]);
        let text = r#"[null, "x"]"#;
        let (docs, _) = json::read(text, &Limits::default());
        let v: Vec<String> = decode(docs[0].tree.node(text, docs[0].root), None).unwrap();
        assert_eq!(v, ["", "x"]);
        let text = r#"[null, [1]]"#;
        let (docs, _) = json::read(text, &Limits::default());
        let v: Vec<Vec<u32>> = decode(docs[0].tree.node(text, docs[0].root), None).unwrap();
        assert_eq!(v, [vec![], vec![1]]);
    }
}
