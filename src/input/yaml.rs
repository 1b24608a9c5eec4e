//! YAML text into value trees, as `kubectl apply` reads it:
//!
//! 1. the text is split into documents at lines that start with `---`
//!    (apimachinery's `YAMLReader`: anything but spaces or a comment after
//!    the `---` is `invalid Yaml document separator`);
//! 2. each document is parsed by go-yaml v2 (here libyaml, which go-yaml
//!    is a port of: the same grammar and error texts), its first document
//!    only, and converted to JSON by sigs.k8s.io/yaml: plain scalars
//!    resolved by YAML 1.1 (`yes`, `on`, `y` are booleans, a leading `0`
//!    is octal, `1_000` is 1000, dates stay strings), keys written as
//!    strings (`true:` is `"true"`), anchors and aliases expanded (with
//!    go-yaml's "excessive aliasing" rule), merge keys `<<` applied where
//!    they stand, a repeated key keeping its last value;
//! 3. the JSON's numbers are normalized as kubectl's round trip leaves
//!    them ([`super::number`]).
//!
//! Empty documents are skipped. Errors carry go-yaml's text (`yaml: line
//! 7: mapping values are not allowed in this context`, its line counted
//! in the document) and the byte offset in the whole text.

use super::go_syntax::{self, GoScalar, GoTypes};
use super::limits::{LimitError, Limits};
use super::number;
use super::stream::{Collect, Docs, Taken};
pub use super::tree::Doc;
use super::tree::{Data, Mark, NodeId, Str, Tree};
use super::yaml_fast;
#[cfg(any(feature = "libyaml", not(target_arch = "wasm32")))]
use libyaml_safer::{Event, Parser};
use libyaml_safer::{EventData, MappingStyle, ScalarStyle, SequenceStyle};
use std::collections::HashMap;

/// Why reading stopped (the documents before it were read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// What kubectl prints after `error parsing <file>: ` (`error
    /// converting YAML to JSON: yaml: line 3: ...`,
    /// `invalid Yaml document separator: x`), and where.
    Syntax {
        pos: u32,
        message: String,
    },
    Limit(LimitError),
}

const TAG_STR: &str = "tag:yaml.org,2002:str";
const TAG_BOOL: &str = "tag:yaml.org,2002:bool";
const TAG_INT: &str = "tag:yaml.org,2002:int";
const TAG_FLOAT: &str = "tag:yaml.org,2002:float";
const TAG_TIMESTAMP: &str = "tag:yaml.org,2002:timestamp";
const TAG_BINARY: &str = "tag:yaml.org,2002:binary";

fn short_tag(tag: &str) -> String {
    match tag.strip_prefix("tag:yaml.org,2002:") {
        Some(t) => format!("!!{t}"),
        None => tag.to_string(),
    }
}

/// A resolved scalar, before it becomes JSON.
#[derive(Debug, Clone, PartialEq)]
enum Scalar {
    Null,
    Bool(bool),
    /// An integer's decimal text (go-yaml's `int`, `int64` or `uint64`).
    Int(String),
    Float(f64),
    Str,
    /// The merge key `<<`.
    Merge,
}

/// go-yaml v2's `resolve` for a scalar with an empty or standard tag.
fn resolve_plain(value: &str) -> Scalar {
    // the longest words (`false`, `+.inf`) have five bytes, and each
    // starts with one of these: other values (most of a dump) skip the
    // comparisons, one call each at opt-level "z"
    let word_start = |b: u8| {
        matches!(
            b,
            b'y' | b'Y'
                | b'n'
                | b'N'
                | b't'
                | b'T'
                | b'f'
                | b'F'
                | b'o'
                | b'O'
                | b'~'
                | b'.'
                | b'+'
                | b'-'
                | b'<'
        )
    };
    if value.len() <= 5 && value.bytes().next().is_none_or(word_start) {
        match value {
            "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
                return Scalar::Bool(true)
            }
            "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off"
            | "OFF" => return Scalar::Bool(false),
            "" | "~" | "null" | "Null" | "NULL" => return Scalar::Null,
            ".nan" | ".NaN" | ".NAN" => return Scalar::Float(f64::NAN),
            ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
                return Scalar::Float(f64::INFINITY)
            }
            "-.inf" | "-.Inf" | "-.INF" => return Scalar::Float(f64::NEG_INFINITY),
            "<<" => return Scalar::Merge,
            _ => {}
        }
    }
    match value.as_bytes()[0] {
        b'.' => {
            let ok = value.len() > 1
                && value[1..]
                    .split(['e', 'E'])
                    .enumerate()
                    .all(|(i, part)| match i {
                        0 => !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()),
                        1 => {
                            let p = part.strip_prefix(['+', '-']).unwrap_or(part);
                            !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())
                        }
                        _ => false,
                    });
            match crate::strconv::parse_f64(value) {
                Some(f) if ok && f.is_finite() => Scalar::Float(f),
                _ => Scalar::Str,
            }
        }
        b'0'..=b'9' | b'+' | b'-' => {
            // four digits and a dash: a timestamp (or nothing else could
            // parse it): kept as the string it is
            let lead = value.bytes().take_while(u8::is_ascii_digit).count();
            if lead == 4 && value.as_bytes().get(4) == Some(&b'-') {
                return Scalar::Str;
            }
            // a byte no Go integer or float has: a string (the parses
            // below would all fail)
            let numeric = |b: u8| {
                b.is_ascii_hexdigit()
                    || matches!(b, b'x' | b'X' | b'o' | b'O' | b'+' | b'-' | b'_' | b'.')
            };
            if !value.bytes().all(numeric) {
                return Scalar::Str;
            }
            let plain: std::borrow::Cow<str> = if value.contains('_') {
                value.replace('_', "").into()
            } else {
                value.into()
            };
            if let Some(i) = go_parse_int(&plain) {
                return Scalar::Int(i.to_string());
            }
            if let Some(u) = go_parse_uint(&plain) {
                return Scalar::Int(u.to_string());
            }
            if yaml_style_float(&plain) {
                if let Some(f) = crate::strconv::parse_f64(&plain) {
                    if f.is_finite() {
                        return Scalar::Float(f);
                    }
                }
            }
            Scalar::Str
        }
        _ => Scalar::Str,
    }
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
fn yaml_style_float(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mant, exp) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let mant_ok = match mant.split_once('.') {
        Some(("", frac)) => !frac.is_empty() && frac.bytes().all(|b| b.is_ascii_digit()),
        Some((int, frac)) => {
            !int.is_empty()
                && int.bytes().all(|b| b.is_ascii_digit())
                && frac.bytes().all(|b| b.is_ascii_digit())
        }
        None => !mant.is_empty() && mant.bytes().all(|b| b.is_ascii_digit()),
    };
    let exp_ok = exp.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
    });
    mant_ok && exp_ok
}

/// The digits and base of Go's `strconv.ParseInt(s, 0, 64)` prefix rules.
fn go_base(s: &str) -> Option<(&str, u32)> {
    let lower = |p: &str| s.len() > 2 && s.get(..2).is_some_and(|h| h.eq_ignore_ascii_case(p));
    // (a prefix that matched is two ASCII bytes: s[2..] is on a boundary)
    if lower("0x") {
        Some((&s[2..], 16))
    } else if lower("0o") {
        Some((&s[2..], 8))
    } else if lower("0b") {
        Some((&s[2..], 2))
    } else if s.len() > 1 && s.starts_with('0') {
        Some((&s[1..], 8))
    } else if s.is_empty() {
        None
    } else {
        Some((s, 10))
    }
}

/// `strconv.ParseInt(s, 0, 64)`.
fn go_parse_int(s: &str) -> Option<i64> {
    let (neg, rest) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let (digits, base) = go_base(rest)?;
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(base)) {
        return None;
    }
    let mag = u64::from_str_radix(digits, base).ok()?;
    if neg {
        if mag <= i64::MAX as u64 + 1 {
            Some((mag as i64).wrapping_neg())
        } else {
            None
        }
    } else {
        i64::try_from(mag).ok()
    }
}

/// `strconv.ParseUint(s, 0, 64)` (no sign).
fn go_parse_uint(s: &str) -> Option<u64> {
    let (digits, base) = go_base(s)?;
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(base)) {
        return None;
    }
    u64::from_str_radix(digits, base).ok()
}

/// `base64.StdEncoding.DecodeString`, for `!!binary`.
fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let clean: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if clean.len() % 4 != 0 {
        return None;
    }
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        })
    };
    let mut out = Vec::with_capacity(clean.len() / 4 * 3);
    for chunk in clean.chunks(4) {
        let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 {
            return None;
        }
        let mut n = 0u32;
        for &c in &chunk[..4 - pad] {
            n = (n << 6) | val(c)?;
        }
        n <<= 6 * pad as u32;
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    Some(out)
}

/// An open collection.
struct Open {
    map: bool,
    pos: u32,
    /// Where its children start in the scratch vector.
    start: usize,
    anchor: Option<String>,
    /// go-yaml's decode visits for it so far (itself and its children).
    visits: u64,
    /// Nesting below it, aliases expanded.
    depth: usize,
    /// Mapping: the key read and waiting for its value (`None` between
    /// pairs), or a merge key.
    key: Option<Key>,
    /// The `items` sequence of the top-level mapping.
    items: bool,
}

#[derive(Clone, Copy)]
enum Key {
    Node(NodeId),
    Merge,
}

/// A finished node: its id, go-yaml's visits and its depth.
#[derive(Clone, Copy)]
struct Done {
    id: NodeId,
    visits: u64,
    depth: usize,
    /// Its JSON kind as go-yaml produced it (for keys and merges).
    kind: DoneKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum DoneKind {
    Scalar,
    Map,
    Seq,
}

/// What the builder of one document knows.
struct Builder<'a> {
    text: &'a str,
    base: u32,
    limits: &'a Limits,
    tree: Tree,
    scratch: Vec<NodeId>,
    /// For each scratch entry of a mapping: whether the pair came from a
    /// merge (a repeated key there is not a duplicate to report).
    merged: Vec<bool>,
    stack: Vec<Open>,
    anchors: HashMap<String, Done>,
    /// Anchored scalars' resolution (an alias may be used as a key).
    anchor_scalars: HashMap<NodeId, (Scalar, String)>,
    decode_count: u64,
    alias_count: u64,
    duplicate_keys: Vec<u32>,
    /// Whether elements of the top-level mapping's `items` are handed
    /// out (see [`super::stream`]), the ones used, and where the element
    /// being read started.
    offer: bool,
    taken: Taken,
    item: Option<(Mark, u32)>,
    /// The first error found that go-yaml or sigs.k8s.io/yaml would only
    /// meet once the whole document is parsed ([`Deferred`]).
    deferred: Option<Deferred>,
    /// What the tree does not keep of the Go types, for the messages
    /// that print a value as Go does.
    go_types: GoTypes,
}

/// When an error is found, in kubectl's YAML reading: go-yaml parses the
/// whole document, then decodes it (`Decode`: a tag that does not fit,
/// a collection as a map key), then sigs.k8s.io/yaml converts it to JSON
/// (`Convert`: a null or uint64 map key) and marshals that (`Marshal`:
/// an infinite or NaN float). A syntax error anywhere in the document
/// wins over these, and an earlier stage over a later one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    Decode,
    Convert,
    Marshal,
}

/// An error held until the document is parsed.
#[derive(Debug)]
struct Deferred {
    stage: Stage,
    pos: u32,
    message: String,
    /// A map key sigs.k8s.io/yaml cannot convert: its node, and its
    /// value's once read (the message ends with the value, as Go prints it).
    bad_key: Option<(NodeId, Option<NodeId>)>,
}

/// go-yaml v2's `allowedAliasRatio`.
fn allowed_alias_ratio(decode_count: u64) -> f64 {
    const LOW: f64 = 400_000.0;
    const HIGH: f64 = 4_000_000.0;
    let d = decode_count as f64;
    if d <= LOW {
        0.99
    } else if d >= HIGH {
        0.10
    } else {
        0.99 - 0.89 * ((d - LOW) / (HIGH - LOW))
    }
}

impl<'a> Builder<'a> {
    fn err(&self, pos: u32, message: String) -> ReadError {
        ReadError::Syntax {
            pos: self.base + pos,
            message,
        }
    }

    fn yaml_err(&self, pos: u32, message: &str) -> ReadError {
        self.err(
            pos,
            format!("error converting YAML to JSON: yaml: {message}"),
        )
    }

    /// Holds an error of `stage` until the document is parsed (the first
    /// of the earliest stage is the one reported). No more `items` are
    /// handed out: the document fails.
    fn defer(&mut self, stage: Stage, pos: u32, message: String, bad_key: Option<NodeId>) {
        if self.deferred.as_ref().is_none_or(|d| stage < d.stage) {
            self.deferred = Some(Deferred {
                stage,
                pos,
                message,
                bad_key: bad_key.map(|k| (k, None)),
            });
        }
        self.offer = false;
    }

    /// Holds one of go-yaml's decode errors (`yaml: ...`).
    fn defer_decode(&mut self, pos: u32, message: &str) {
        let message = format!("error converting YAML to JSON: yaml: {message}");
        self.defer(Stage::Decode, pos, message, None);
    }

    /// The held error, once the document is parsed without a syntax error.
    fn deferred_error(&self, d: &Deferred) -> ReadError {
        let mut message = d.message.clone();
        if let Some((_, value)) = d.bad_key {
            match value {
                Some(v) => message.push_str(&go_syntax::top(
                    self.tree.node(self.text, v),
                    &self.go_types,
                )),
                None => message.push_str("<nil>"),
            }
        }
        self.err(d.pos, message)
    }

    /// Counts go-yaml's decode visits and applies its aliasing rule (an
    /// error held until the document is parsed, as go-yaml finds it when
    /// it decodes) and the values limit.
    fn count(&mut self, visits: u64, aliased: u64, pos: u32) -> Result<(), ReadError> {
        self.decode_count = self.decode_count.saturating_add(visits);
        self.alias_count = self.alias_count.saturating_add(aliased);
        if self.alias_count > 100
            && self.decode_count > 1000
            && self.alias_count as f64 / self.decode_count as f64
                > allowed_alias_ratio(self.decode_count)
        {
            // (the tree shares an alias's nodes, so reading on costs nothing)
            self.defer_decode(pos, "document contains excessive aliasing");
        }
        // (a document already refused is not expanded further: the limit
        // guards what is done with a document after it is read)
        if self.decode_count > self.limits.max_values as u64 && self.deferred.is_none() {
            return Err(ReadError::Limit(LimitError::values(
                self.limits.max_values,
                self.base + pos,
            )));
        }
        Ok(())
    }

    /// A scalar's value as JSON, and its resolution.
    /// `verbatim`: where the value is in the text as it is (offset and
    /// length), for a string to point there instead of being copied.
    fn scalar(
        &mut self,
        value: &str,
        tag: Option<&str>,
        plain: bool,
        pos: u32,
        verbatim: Option<(u32, u32)>,
    ) -> Result<(Data, Scalar), ReadError> {
        let tag = tag.unwrap_or("");
        // go-yaml's decoder: a quoted (non-plain) scalar without a tag is
        // a string; a tag other than the standard ones leaves the text
        let resolved = if tag.is_empty() && !plain {
            Scalar::Str
        } else {
            match tag {
                "" | "!" => {
                    if tag == "!" {
                        Scalar::Str
                    } else {
                        resolve_plain(value)
                    }
                }
                TAG_STR | TAG_BINARY => Scalar::Str,
                TAG_BOOL | TAG_INT | TAG_FLOAT | TAG_TIMESTAMP => {
                    let r = resolve_plain(value);
                    let rtag = match &r {
                        Scalar::Null => "tag:yaml.org,2002:null",
                        Scalar::Bool(_) => TAG_BOOL,
                        Scalar::Int(_) => TAG_INT,
                        Scalar::Float(_) => TAG_FLOAT,
                        Scalar::Str => TAG_STR,
                        Scalar::Merge => "tag:yaml.org,2002:merge",
                    };
                    match (tag, &r) {
                        (t, _) if t == rtag => r,
                        // !!float on an int is a float
                        (TAG_FLOAT, Scalar::Int(i)) => {
                            Scalar::Float(crate::strconv::parse_f64(i).unwrap_or(0.0))
                        }
                        (TAG_TIMESTAMP, _) => Scalar::Str,
                        _ => {
                            let message = format!(
                                "cannot decode {} `{value}` as a {}",
                                short_tag(rtag),
                                short_tag(tag)
                            );
                            self.defer_decode(pos, &message);
                            Scalar::Str
                        }
                    }
                }
                _ => Scalar::Str,
            }
        };
        let data = match &resolved {
            Scalar::Null => Data::Null,
            Scalar::Bool(b) => Data::Bool(*b),
            Scalar::Int(i) => {
                let text = number::normalize(i).into_owned();
                Data::Number(self.tree.own(&text))
            }
            Scalar::Float(f) => {
                if !f.is_finite() {
                    let shown = if f.is_nan() {
                        "NaN"
                    } else if *f > 0.0 {
                        "+Inf"
                    } else {
                        "-Inf"
                    };
                    // sigs.k8s.io/yaml's json.Marshal fails on it
                    let message =
                        format!("error converting YAML to JSON: json: unsupported value: {shown}");
                    self.defer(Stage::Marshal, pos, message, None);
                    return Ok((Data::Null, resolved));
                }
                Data::Number(self.tree.own(&crate::strconv::go_json_float(*f)))
            }
            Scalar::Str | Scalar::Merge => {
                if tag == TAG_BINARY {
                    match base64_decode(value) {
                        Some(bytes) => {
                            Data::String(self.tree.own(&String::from_utf8_lossy(&bytes)))
                        }
                        None => {
                            self.defer_decode(pos, "!!binary value contains invalid base64 data");
                            Data::Null
                        }
                    }
                } else if let Some((start, len)) = verbatim {
                    Data::String(Str::Borrowed { start, len })
                } else {
                    Data::String(self.tree.own(value))
                }
            }
        };
        Ok((data, resolved))
    }

    /// The JSON key of a scalar key (sigs.k8s.io/yaml's rules): the string
    /// itself, an int's decimal, a float at 32-bit precision, `"true"`.
    fn key_node(
        &mut self,
        resolved: &Scalar,
        original: &str,
        data: Data,
        pos: u32,
    ) -> Result<NodeId, ReadError> {
        let (s, go) = match resolved {
            Scalar::Str | Scalar::Merge => return Ok(self.tree.push(data, self.base + pos)),
            Scalar::Bool(b) => (b.to_string(), GoScalar::Bool(*b)),
            Scalar::Int(i) if i.parse::<i64>().is_ok() => (i.clone(), GoScalar::Int(i.clone())),
            Scalar::Int(i) => {
                // a uint64 (sigs.k8s.io/yaml converts int and int64 keys only)
                let message = format!(
                    "error converting YAML to JSON: unsupported map key of type: uint64, key: {}, value: ",
                    go_syntax::go_int(i)
                );
                return Ok(self.bad_key(pos, original, GoScalar::Int(i.clone()), message));
            }
            Scalar::Float(f) => (number::go_float_key(*f), GoScalar::Float(*f)),
            Scalar::Null => {
                // reflect.TypeOf(nil) printed with %s
                let message = "error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: ".to_string();
                return Ok(self.bad_key(pos, original, GoScalar::Nil, message));
            }
        };
        let s = self.tree.own(&s);
        let id = self.tree.push(Data::String(s), self.base + pos);
        self.go_types.insert(id, go);
        Ok(id)
    }

    /// A map key sigs.k8s.io/yaml cannot convert to a JSON key: its error,
    /// held until the document is parsed (and its value read, which the
    /// message ends with); a key node in its place meanwhile.
    fn bad_key(&mut self, pos: u32, original: &str, go: GoScalar, message: String) -> NodeId {
        let s = self.tree.own(original);
        let id = self.tree.push(Data::String(s), self.base + pos);
        self.go_types.insert(id, go);
        self.defer(Stage::Convert, pos, message, Some(id));
        id
    }

    /// Whether the next node is a mapping key.
    fn at_key(&self) -> bool {
        self.stack.last().is_some_and(|t| t.map && t.key.is_none())
    }

    /// A node of the top-level mapping's `items` sequence starts here.
    fn item_starts(&mut self, pos: u32) {
        if self.offer && self.stack.len() == 2 && self.stack[1].items {
            self.item = Some((self.tree.mark(), self.base + pos));
        }
    }

    /// A finished node goes into the open collection (or is the root);
    /// an element of `items` is offered to `sink` first.
    fn attach(
        &mut self,
        mut done: Done,
        pos: u32,
        sink: &mut dyn Docs,
    ) -> Result<Option<Done>, ReadError> {
        if self.stack.len() + done.depth > self.limits.max_depth {
            return Err(ReadError::Limit(LimitError::depth(
                self.limits.max_depth,
                self.base + pos,
            )));
        }
        let Some(top) = self.stack.last_mut() else {
            return Ok(Some(done));
        };
        top.visits = top.visits.saturating_add(done.visits);
        top.depth = top.depth.max(done.depth + 1);
        if !top.map {
            let (items, start) = (top.items, top.start);
            if let Some((mark, at)) = self.item.filter(|_| self.offer && items) {
                // an item with an anchor may be aliased later: keep it,
                // and the rest
                self.offer = self.anchors.is_empty()
                    && sink.item(
                        self.tree.node(self.text, done.id),
                        self.scratch.len() - start,
                    );
                if self.offer {
                    self.tree.truncate(mark);
                    self.go_types.truncate(mark.nodes());
                    done.id = self.tree.push(Data::Null, at);
                    self.taken.count += 1;
                }
            }
            self.scratch.push(done.id);
            self.merged.push(false);
            return Ok(None);
        }
        match top.key.take() {
            None => {
                // a key that is a collection, or an alias: only an alias
                // to a scalar makes a key
                let Some((resolved, original)) = self.anchor_scalars.get(&done.id).cloned() else {
                    // go-yaml's failf("invalid map key: %#v", key)
                    let node = self.tree.node(self.text, done.id);
                    let key = go_syntax::top(node, &self.go_types);
                    let at = node.pos() - self.base;
                    self.defer_decode(at, &format!("invalid map key: {key}"));
                    let s = self.tree.own("");
                    let key = Key::Node(self.tree.push(Data::String(s), self.base + pos));
                    if let Some(top) = self.stack.last_mut() {
                        top.key = Some(key);
                    }
                    return Ok(None);
                };
                let data = self.tree.nodes[done.id as usize].data;
                let key = match resolved {
                    Scalar::Merge => Key::Merge,
                    r => Key::Node(self.key_node(&r, &original, data, pos)?),
                };
                if let Some(top) = self.stack.last_mut() {
                    top.key = Some(key);
                }
            }
            Some(Key::Node(k)) => {
                if let Some(Deferred {
                    bad_key: Some((key, value @ None)),
                    ..
                }) = &mut self.deferred
                {
                    if *key == k {
                        *value = Some(done.id);
                    }
                }
                self.scratch.push(k);
                self.scratch.push(done.id);
                self.merged.push(false);
                self.merged.push(false);
            }
            Some(Key::Merge) => self.merge(done, pos)?,
        }
        Ok(None)
    }

    /// `<<: value`: the value's pairs join the mapping here (a list of
    /// mappings from the last to the first, so that the earlier win).
    fn merge(&mut self, value: Done, pos: u32) -> Result<(), ReadError> {
        let fail = |b: &mut Self| {
            b.defer_decode(
                pos,
                "map merge requires map or sequence of maps as the value",
            );
            Ok(())
        };
        let sources: Vec<NodeId> = match value.kind {
            DoneKind::Map => vec![value.id],
            DoneKind::Seq => {
                let items: Vec<_> = self.tree.node(self.text, value.id).elements().collect();
                if items.iter().any(|v| v.kind() != super::tree::Kind::Object) {
                    return fail(self);
                }
                items.iter().rev().map(|v| v.id).collect()
            }
            DoneKind::Scalar => return fail(self),
        };
        for id in sources {
            let pairs: Vec<(NodeId, NodeId)> = self
                .tree
                .node(self.text, id)
                .members()
                .map(|(k, v)| (k.id, v.id))
                .collect();
            for (k, v) in pairs {
                self.scratch.push(k);
                self.scratch.push(v);
                self.merged.push(true);
                self.merged.push(true);
            }
        }
        Ok(())
    }

    /// Closes the innermost collection.
    fn close(&mut self) -> Done {
        let Some(open) = self.stack.pop() else {
            return Done {
                id: self.tree.push(Data::Null, self.base),
                visits: 1,
                depth: 0,
                kind: DoneKind::Scalar,
            };
        };
        // (the children are read in place, then dropped from the scratch)
        let children = &self.scratch[open.start..];
        let merged = &self.merged[open.start..];
        let id = if open.map {
            let (id, replaced) = self.tree.object(self.text, children, open.pos);
            for k in replaced {
                // a key written twice (not one that a merge brought in)
                let i = children.iter().position(|&c| c == k);
                if i.is_some_and(|i| !merged.get(i).copied().unwrap_or(false)) {
                    self.duplicate_keys.push(self.tree.node(self.text, k).pos());
                }
            }
            id
        } else {
            let id = self.tree.array(children, open.pos);
            if open.items {
                // only the first `items` (a repeated one replaces it:
                // the list is read again)
                self.taken.items = Some(id);
                self.offer = false;
            }
            id
        };
        self.scratch.truncate(open.start);
        self.merged.truncate(open.start);
        let done = Done {
            id,
            visits: open.visits,
            depth: open.depth,
            kind: if open.map {
                DoneKind::Map
            } else {
                DoneKind::Seq
            },
        };
        if let Some(a) = open.anchor {
            self.anchors.insert(a, done);
        }
        done
    }
}

/// The document chunks of a text, as apimachinery's `YAMLReader` splits
/// it: byte ranges, or the separator error. Only a line that starts with
/// `---` matters, so the text is searched for them, not split into lines
/// (reading a 500-node dump: 5% of the instructions went to that, 2% to
/// this; callgrind, 439.4 M -> 427.8 M in all).
fn chunks(text: &str) -> Result<Vec<(usize, usize)>, (usize, String)> {
    /// The start of the next line after a line break at or after `from`
    /// that starts with `---` (line breaks found eight bytes a step).
    fn next_separator(text: &str, from: usize) -> Option<usize> {
        use super::words::{has_byte, word};
        let b = text.as_bytes();
        let mut i = from;
        loop {
            while matches!(word(b, i), Some(w) if !has_byte(w, b'\n')) {
                i += 8;
            }
            let nl = i + b.get(i..)?.iter().position(|&c| c == b'\n')?;
            if b[nl + 1..].starts_with(b"---") {
                return Some(nl + 1);
            }
            i = nl + 1;
        }
    }
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut at = if text.starts_with("---") {
        Some(0)
    } else {
        next_separator(text, 0)
    };
    while let Some(line) = at {
        let end = text[line..].find('\n').map_or(text.len(), |i| line + i + 1);
        let trimmed = text[line + 3..end].trim();
        if !trimmed.is_empty() && !trimmed.starts_with('#') {
            return Err((line, format!("invalid Yaml document separator: {trimmed}")));
        }
        if line > start {
            out.push((start, line));
        }
        start = end;
        // from this line's own break: the next line may be one too
        at = (text.as_bytes()[end - 1] == b'\n')
            .then(|| next_separator(text, end - 1))
            .flatten();
    }
    if text.len() > start {
        out.push((start, text.len()));
    }
    Ok(out)
}

/// go-yaml's `yaml: line N: problem` for a libyaml error in a chunk.
#[cfg(any(feature = "libyaml", not(target_arch = "wasm32")))]
fn go_yaml_message(
    e: &libyaml_safer::Error,
    line_of: impl Fn(libyaml_safer::Mark) -> u64,
) -> String {
    let scanner = matches!(e.kind(), libyaml_safer::ErrorKind::Scanner);
    let line = match (
        e.problem_mark().map(&line_of),
        e.context_mark().map(&line_of),
    ) {
        (Some(p), _) if p != 0 => p + u64::from(scanner),
        (_, Some(c)) if c != 0 => c,
        _ => 0,
    };
    let problem = if e.problem().is_empty() {
        "unknown problem parsing YAML content"
    } else {
        e.problem()
    };
    if line != 0 {
        format!("error converting YAML to JSON: yaml: line {line}: {problem}")
    } else {
        format!("error converting YAML to JSON: yaml: {problem}")
    }
}

/// A collection starts.
fn open(b: &mut Builder, map: bool, anchor: Option<String>, pos: u32) -> Result<(), ReadError> {
    if b.stack.len() >= b.limits.max_depth {
        return Err(ReadError::Limit(LimitError::depth(
            b.limits.max_depth,
            b.base + pos,
        )));
    }
    b.count(1, 0, pos)?;
    let items = b.offer
        && !map
        && b.stack.len() == 1
        && b.stack[0].map
        && matches!(b.stack[0].key, Some(Key::Node(k)) if b.tree.str_of(b.text, k) == "items");
    b.stack.push(Open {
        map,
        pos: b.base + pos,
        start: b.scratch.len(),
        anchor,
        visits: 1,
        depth: 0,
        key: None,
        items,
    });
    Ok(())
}

/// One event of a chunk into the builder: `false` once the document
/// ended. The event's data, start and end, and for a scalar whose value is
/// in the chunk as it is, where (its value is then not in the data).
/// `padded_end`: the chunk's length, when the reader added a line break
/// after it.
fn event_into(
    b: &mut Builder,
    sink: &mut dyn Docs,
    root: &mut Option<Done>,
    (data, start, end, verbatim): (EventData, u64, u64, Option<(u32, u32)>),
    base: usize,
    padded_end: Option<usize>,
) -> Result<bool, ReadError> {
    let pos = start as u32;
    if matches!(
        data,
        EventData::Scalar { .. }
            | EventData::SequenceStart { .. }
            | EventData::MappingStart { .. }
            | EventData::Alias { .. }
    ) {
        b.item_starts(pos);
    }
    match data {
        EventData::StreamStart { .. } | EventData::DocumentStart { .. } => {}
        EventData::StreamEnd | EventData::DocumentEnd { .. } => return Ok(false),
        EventData::Scalar {
            anchor,
            tag,
            value,
            plain_implicit,
            style,
            ..
        } => {
            let mut value = value;
            let block = matches!(style, ScalarStyle::Literal | ScalarStyle::Folded);
            if block
                && padded_end.is_some_and(|chunk_end| end > chunk_end as u64)
                && value.ends_with('\n')
            {
                // the break was ours: at the end of the text, go-yaml
                // keeps no final break (clip and keep chomping alike)
                value.pop();
            }
            let text = b.text;
            let owned = value;
            let value = match verbatim {
                Some((s, e)) => &text[base + s as usize..base + e as usize],
                None => owned.as_str(),
            };
            let at = verbatim.map(|(s, e)| (base as u32 + s, e - s));
            let plain = plain_implicit && style == ScalarStyle::Plain;
            let (data, resolved) = b.scalar(value, tag.as_deref(), plain, pos, at)?;
            if b.at_key() {
                if let Some(a) = &anchor {
                    // an anchored key: an alias to it is the scalar
                    let id = b.tree.push(data, base as u32 + pos);
                    b.anchors.insert(
                        a.clone(),
                        Done {
                            id,
                            visits: 1,
                            depth: 0,
                            kind: DoneKind::Scalar,
                        },
                    );
                    b.anchor_scalars
                        .insert(id, (resolved.clone(), value.to_string()));
                }
                // go-yaml does not decode a merge key itself
                let key = if resolved == Scalar::Merge && plain && tag.is_none() {
                    Key::Merge
                } else {
                    b.count(1, 0, pos)?;
                    Key::Node(b.key_node(&resolved, value, data, pos)?)
                };
                if let Some(top) = b.stack.last_mut() {
                    top.key = Some(key);
                    top.visits = top
                        .visits
                        .saturating_add(u64::from(matches!(key, Key::Node(_))));
                }
                return Ok(true);
            }
            b.count(1, 0, pos)?;
            let id = b.tree.push(data, base as u32 + pos);
            match &resolved {
                Scalar::Float(f) => {
                    b.go_types.insert(id, GoScalar::Float(*f));
                }
                Scalar::Int(i) if i.parse::<i64>().is_err() => {
                    b.go_types.insert(id, GoScalar::Int(i.clone()));
                }
                _ => {}
            }
            let done = Done {
                id,
                visits: 1,
                depth: 0,
                kind: DoneKind::Scalar,
            };
            if let Some(a) = anchor {
                b.anchors.insert(a, done);
                b.anchor_scalars.insert(id, (resolved, value.to_string()));
            }
            if let Some(r) = b.attach(done, pos, sink)? {
                *root = Some(r);
            }
        }
        EventData::SequenceStart { anchor, .. } => open(b, false, anchor, pos)?,
        EventData::MappingStart { anchor, .. } => open(b, true, anchor, pos)?,
        EventData::SequenceEnd | EventData::MappingEnd => {
            sink.read_to(base + pos as usize);
            let done = b.close();
            if let Some(r) = b.attach(done, pos, sink)? {
                *root = Some(r);
            }
        }
        EventData::Alias { anchor } => {
            if b.stack
                .iter()
                .any(|o| o.anchor.as_deref() == Some(anchor.as_str()))
            {
                b.defer_decode(pos, &format!("anchor '{anchor}' value contains itself"));
                let done = Done {
                    id: b.tree.push(Data::Null, base as u32 + pos),
                    visits: 1,
                    depth: 0,
                    kind: DoneKind::Scalar,
                };
                if let Some(r) = b.attach(done, pos, sink)? {
                    *root = Some(r);
                }
                return Ok(true);
            }
            let Some(target) = b.anchors.get(&anchor).copied() else {
                return Err(b.yaml_err(pos, &format!("unknown anchor '{anchor}' referenced")));
            };
            // the alias node, then every node of its value, aliased
            b.count(1, 0, pos)?;
            b.count(target.visits, target.visits, pos)?;
            let done = Done {
                visits: target.visits.saturating_add(1),
                ..target
            };
            if let Some(r) = b.attach(done, pos, sink)? {
                *root = Some(r);
            }
        }
    }
    Ok(true)
}

/// Reads one chunk's first document, telling `sink` the byte offset of
/// each collection's end and offering it the elements of `items` when
/// `offer`.
fn read_chunk(
    text: &str,
    base: usize,
    limits: &Limits,
    sink: &mut dyn Docs,
    offer: bool,
) -> Result<Option<(Doc, Taken)>, ReadError> {
    let chunk = &text[base..];
    // libyaml-safer panics ("unexpected end of input") on a block scalar
    // that ends the text without a line break (`a: |\n  x` at EOF); go-yaml
    // reads it. Read such a chunk with a line break after it, then undo
    // what the break changes: the block scalar's last break, and positions.
    let end = chunk.len();
    let padded = !chunk.ends_with(['\n', '\r']);
    let pad: &[u8] = if padded { b"\n" } else { b"" };
    // libyaml decodes all its input hands it at once into a queue of
    // chars (4 bytes each): given 64 KiB at a time, it decodes as it
    // parses (the progress moves from the start, and a 30 MB document
    // does not take 120 MB of chars first)
    let mut b = Builder {
        text,
        base: base as u32,
        limits,
        tree: Tree::default(),
        scratch: Vec::new(),
        merged: Vec::new(),
        stack: Vec::new(),
        anchors: HashMap::new(),
        anchor_scalars: HashMap::new(),
        decode_count: 0,
        alias_count: 0,
        duplicate_keys: Vec::new(),
        offer,
        taken: Taken::default(),
        item: None,
        deferred: None,
        go_types: GoTypes::default(),
    };
    let mut root: Option<Done> = None;
    // the end mark libyaml gives at the end of the input
    let eof = (end + pad.len()) as u32;
    if yaml_fast::simple(chunk, eof) {
        let each = |e: yaml_fast::Event| {
            let mut verbatim = None;
            let (data, start) = match e {
                yaml_fast::Event::MappingStart(at) => (
                    EventData::MappingStart {
                        anchor: None,
                        tag: None,
                        implicit: true,
                        style: MappingStyle::Block,
                    },
                    at,
                ),
                yaml_fast::Event::SequenceStart(at) => (
                    EventData::SequenceStart {
                        anchor: None,
                        tag: None,
                        implicit: true,
                        style: SequenceStyle::Block,
                    },
                    at,
                ),
                yaml_fast::Event::MappingEnd(at) => (EventData::MappingEnd, at),
                yaml_fast::Event::SequenceEnd(at) => (EventData::SequenceEnd, at),
                yaml_fast::Event::Scalar {
                    pos,
                    start,
                    end,
                    style,
                } => {
                    // the value as it is in the text, unless `''` in it
                    // stands for `'`
                    let value = yaml_fast::value(chunk, start, end, style);
                    verbatim = value.is_none().then_some((start, end));
                    (
                        EventData::Scalar {
                            anchor: None,
                            tag: None,
                            value: value.unwrap_or_default(),
                            plain_implicit: style.is_plain(),
                            quoted_implicit: !style.is_plain(),
                            style: match style {
                                yaml_fast::Style::Plain | yaml_fast::Style::PlainLines => {
                                    ScalarStyle::Plain
                                }
                                yaml_fast::Style::SingleQuoted => ScalarStyle::SingleQuoted,
                                yaml_fast::Style::DoubleQuoted => ScalarStyle::DoubleQuoted,
                                yaml_fast::Style::Literal(_) => ScalarStyle::Literal,
                                yaml_fast::Style::Folded(_) => ScalarStyle::Folded,
                            },
                        },
                        pos,
                    )
                }
            };
            let event = (data, u64::from(start), u64::from(start), verbatim);
            event_into(&mut b, sink, &mut root, event, base, padded.then_some(end)).map(|_| ())
        };
        yaml_fast::events(chunk, eof, each)?;
    } else {
        with_libyaml(&mut b, sink, &mut root, chunk, base, padded)?;
    }
    if let Some(d) = &b.deferred {
        return Err(b.deferred_error(d));
    }
    let Some(root) = root else {
        return Ok(None);
    };
    if b.tree.node(text, root.id).is_null() {
        return Ok(None);
    }
    let doc = Doc {
        tree: b.tree,
        root: root.id,
        duplicate_keys: b.duplicate_keys,
    };
    Ok(Some((doc, b.taken)))
}

/// Reads a chunk's events with libyaml into the builder (`padded`: it
/// does not end with a line break, and libyaml is given one after it).
#[cfg(any(feature = "libyaml", not(target_arch = "wasm32")))]
fn with_libyaml(
    b: &mut Builder,
    sink: &mut dyn Docs,
    root: &mut Option<Done>,
    chunk: &str,
    base: usize,
    padded: bool,
) -> Result<(), ReadError> {
    let end = chunk.len();
    let pad: &[u8] = if padded { b"\n" } else { b"" };
    let mut input =
        std::io::BufReader::with_capacity(1 << 16, std::io::Read::chain(chunk.as_bytes(), pad));
    let mut parser = Parser::new();
    parser.set_input(&mut input);
    loop {
        let event: Event = match parser.parse() {
            Ok(e) => e,
            Err(e) => {
                let pos = e
                    .problem_mark()
                    .or(e.context_mark())
                    .map_or(0, |m| m.index.min(end as u64) as u32);
                // a mark past the added break is the end of the text
                let line = |m: libyaml_safer::Mark| {
                    if padded && m.index > end as u64 {
                        m.line.saturating_sub(1)
                    } else {
                        m.line
                    }
                };
                return Err(b.err(pos, go_yaml_message(&e, line)));
            }
        };
        let event = (
            event.data,
            event.start_mark.index,
            event.end_mark.index,
            None,
        );
        if !event_into(b, sink, root, event, base, padded.then_some(end))? {
            return Ok(());
        }
    }
}

/// The page's first-grid module is built without libyaml (feature
/// `libyaml`): a chunk the fast reader does not read is refused, and the
/// call that read it throws `NeedsFullModule` (src/wasm/error.rs), for
/// the page to ask the full module instead.
#[cfg(not(any(feature = "libyaml", not(target_arch = "wasm32"))))]
fn with_libyaml(
    b: &mut Builder,
    _: &mut dyn Docs,
    _: &mut Option<Done>,
    _: &str,
    base: usize,
    _: bool,
) -> Result<(), ReadError> {
    super::full_module::need();
    Err(b.err(
        base as u32,
        "this YAML needs libyaml, which this build of the engine leaves out".into(),
    ))
}

/// Reads every document of a YAML text, stopping at the first error.
pub fn read(text: &str, limits: &Limits) -> (Vec<Doc>, Option<ReadError>) {
    let mut docs = Collect::default();
    let err = read_into(text, limits, &mut docs, false);
    (docs.docs, err)
}

/// Reads every document of a YAML text into `sink`, stopping at the
/// first error (returned); offering `items` elements when `items`.
pub(crate) fn read_into(
    text: &str,
    limits: &Limits,
    sink: &mut dyn Docs,
    items: bool,
) -> Option<ReadError> {
    let ranges = match chunks(text) {
        Ok(r) => r,
        Err((pos, message)) => {
            return Some(ReadError::Syntax {
                pos: pos as u32,
                message,
            })
        }
    };
    for (start, end) in ranges {
        let again = match read_chunk(&text[..end], start, limits, sink, items) {
            Ok(Some((doc, taken))) => !sink.doc(doc, taken),
            Ok(None) => false,
            Err(e) => return Some(e),
        };
        if again {
            // not a list after all: read it again, whole
            match read_chunk(&text[..end], start, limits, sink, false) {
                Ok(Some((doc, taken))) => {
                    sink.doc(doc, taken);
                }
                Ok(None) => {}
                Err(e) => return Some(e),
            }
        }
        sink.read_to(end);
    }
    None
}

#[cfg(test)]
#[path = "yaml.tests.rs"]
mod tests;
