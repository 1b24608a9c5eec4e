//! Changing a YAML or JSON text the way a person would: one value set,
//! appended or removed at a field path, and every other byte of the text
//! (comments, quoting, key order, indentation, blank lines) left as it was.
//!
//! The text is read once more, by libyaml (JSON is YAML's flow style), into
//! spans: where each value starts and ends, and whether it is written in
//! block style (`key:` lines, `- ` items) or flow style (`{}`, `[]`, all of
//! JSON). A change becomes one replacement of a byte range:
//!
//! - in block style, whole lines: a new member or item goes on the lines
//!   after its last sibling, at its siblings' indentation (a new sequence
//!   indents its `- ` as the text's other sequences do); a removed one takes
//!   its lines with it;
//! - in flow style, the element and its comma; a collection written over
//!   several lines (JSON as kubectl prints it) gets the new element on a
//!   line of its own at its siblings' indentation, pretty-printed with the
//!   text's indentation step.
//!
//! The objects to change are found by the byte offset where the reader saw
//! them start ([`super::Origin::offset`]).

pub use super::path::Segment as Step;
use crate::diagnostic::Worded;
pub use crate::k8s::plain_scalar::yaml_scalar;
use libyaml_safer::{Event, EventData, MappingStyle, Parser, ScalarStyle, SequenceStyle};
use std::fmt;

/// A value to write: JSON's kinds, map members in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Json {
    Str(String),
    Bool(bool),
    Int(i64),
    Null,
    List(Vec<Json>),
    Map(Vec<(String, Json)>),
}

impl Json {
    pub fn str(s: impl Into<String>) -> Json {
        Json::Str(s.into())
    }

    /// A map of `members`, in their order.
    pub fn map<K: Into<String>>(members: impl IntoIterator<Item = (K, Json)>) -> Json {
        Json::Map(members.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }
}

/// A path of keys, for the common case.
pub fn keys(path: &[&str]) -> Vec<Step> {
    path.iter().map(|k| Step::Key(k.to_string())).collect()
}

/// What to do at a path inside an object.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Sets the value, making the maps on the way that are missing (or
    /// null).
    Set { path: Vec<Step>, value: Json },
    /// Appends to the sequence, made when missing or null.
    Append { path: Vec<Step>, value: Json },
    /// Removes the member or element; nothing when it is not there.
    Remove { path: Vec<Step> },
}

/// Why a change cannot be made to the text (in English and as words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError(pub Worded);

impl EditError {
    /// The error of `code` (one without parameters), `text` in English.
    pub fn new(code: &'static str, text: &str) -> Self {
        EditError(Worded::new(text, code, []))
    }
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for EditError {}

fn err<T>(code: &'static str, text: &str) -> Result<T, EditError> {
    Err(EditError::new(code, text))
}

#[derive(Debug)]
enum Shape {
    Scalar {
        value: String,
        plain: bool,
    },
    Seq(Vec<usize>),
    /// (key, value) pairs, keys being scalars.
    Map(Vec<(usize, usize)>),
    Alias,
}

#[derive(Debug)]
struct Span {
    start: usize,
    end: usize,
    flow: bool,
    shape: Shape,
}

/// The spans of one object of a text.
struct Spans {
    nodes: Vec<Span>,
    roots: Vec<usize>,
}

/// Reads the object that starts at byte `offset` of `text` into spans,
/// and nothing after it: libyaml reads the text from there (the start of
/// its line blanked, so that its first key keeps its column) until the
/// object closes. Editing one node of a 100 MB dump reads that node.
fn object_spans(text: &str, offset: usize) -> Result<Spans, EditError> {
    let mut out = Spans {
        nodes: Vec::new(),
        roots: Vec::new(),
    };
    if offset >= text.len() || !text.is_char_boundary(offset) {
        return err(
            "editMoved",
            "the object is no longer where it was read: the text changed",
        );
    }
    let pad = " ".repeat(column(text, offset));
    let rest = &text.as_bytes()[offset..];
    // libyaml-safer wants a final line break after a block scalar
    let tail: &[u8] = if rest.ends_with(b"\n") { b"" } else { b"\n" };
    let mut input = std::io::Read::chain(std::io::Read::chain(pad.as_bytes(), rest), tail);
    let mut parser = Parser::new();
    parser.set_input(&mut input);
    // open collections: (node, key waiting for its value)
    let mut stack: Vec<(usize, Option<usize>)> = Vec::new();
    let at = |m: u64| (offset + (m as usize).saturating_sub(pad.len())).min(text.len());
    loop {
        let event: Event = parser.parse().map_err(|e| {
            EditError(Worded::new(
                format!("the text cannot be read: {e}"),
                "editUnreadable",
                [("error", e.to_string().into())],
            ))
        })?;
        let (start, stop) = (at(event.start_mark.index), at(event.end_mark.index));
        let id = out.nodes.len();
        let node = match event.data {
            EventData::StreamEnd | EventData::DocumentEnd { .. } => return Ok(out),
            EventData::StreamStart { .. } | EventData::DocumentStart { .. } => continue,
            EventData::Scalar {
                value,
                style,
                plain_implicit,
                ..
            } => Span {
                start,
                end: stop,
                flow: !matches!(style, ScalarStyle::Literal | ScalarStyle::Folded),
                shape: Shape::Scalar {
                    value,
                    plain: plain_implicit && style == ScalarStyle::Plain,
                },
            },
            EventData::Alias { .. } => Span {
                start,
                end: stop,
                flow: true,
                shape: Shape::Alias,
            },
            EventData::SequenceStart { style, .. } => {
                out.nodes.push(Span {
                    start,
                    end: stop,
                    flow: style == SequenceStyle::Flow,
                    shape: Shape::Seq(Vec::new()),
                });
                attach(&mut out, &mut stack, id);
                stack.push((id, None));
                continue;
            }
            EventData::MappingStart { style, .. } => {
                out.nodes.push(Span {
                    start,
                    end: stop,
                    flow: style == MappingStyle::Flow,
                    shape: Shape::Map(Vec::new()),
                });
                attach(&mut out, &mut stack, id);
                stack.push((id, None));
                continue;
            }
            EventData::SequenceEnd | EventData::MappingEnd => {
                if let Some((open, _)) = stack.pop() {
                    out.nodes[open].end = stop;
                }
                if stack.is_empty() {
                    // the object is complete: what follows is not read
                    return Ok(out);
                }
                continue;
            }
        };
        out.nodes.push(node);
        attach(&mut out, &mut stack, id);
        if stack.is_empty() {
            return Ok(out);
        }
    }
}

/// Hangs a new node under the open collection (or makes it a root).
fn attach(out: &mut Spans, stack: &mut [(usize, Option<usize>)], id: usize) {
    let Some((parent, key)) = stack.last_mut() else {
        out.roots.push(id);
        return;
    };
    match &mut out.nodes[*parent].shape {
        Shape::Seq(items) => items.push(id),
        Shape::Map(members) => match key.take() {
            None => *key = Some(id),
            Some(k) => members.push((k, id)),
        },
        _ => {}
    }
}

impl Spans {
    /// Where the value's own text ends: trailing line breaks of a block
    /// scalar and the block collection's following comments excluded.
    fn content_end(&self, text: &str, id: usize) -> usize {
        let n = &self.nodes[id];
        match &n.shape {
            Shape::Seq(items) if !n.flow => items
                .last()
                .map_or(n.end, |&last| self.content_end(text, last)),
            Shape::Map(members) if !n.flow => members
                .last()
                .map_or(n.end, |&(_, v)| self.content_end(text, v)),
            _ => {
                let s = &text[n.start..n.end];
                n.start + s.trim_end().len()
            }
        }
    }

    fn is_null(&self, id: usize) -> bool {
        matches!(&self.nodes[id].shape, Shape::Scalar { value, plain: true }
            if matches!(value.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    fn member(&self, map: usize, key: &str) -> Option<(usize, usize)> {
        match &self.nodes[map].shape {
            // a repeated key: the last one counts
            Shape::Map(members) => members.iter().rev().copied().find(
                |&(k, _)| matches!(&self.nodes[k].shape, Shape::Scalar { value, .. } if value == key),
            ),
            _ => None,
        }
    }

    fn child(&self, id: usize, step: &Step) -> Option<usize> {
        match (step, &self.nodes[id].shape) {
            (Step::Key(k), Shape::Map(_)) => self.member(id, k).map(|(_, v)| v),
            (Step::Index(i), Shape::Seq(items)) => items.get(*i).copied(),
            _ => None,
        }
    }

    /// The value of `id` (scalars as their strings).
    fn value(&self, id: usize) -> Json {
        match &self.nodes[id].shape {
            Shape::Scalar { value, .. } => Json::Str(value.clone()),
            Shape::Alias => Json::Null,
            Shape::Seq(items) => Json::List(items.iter().map(|&i| self.value(i)).collect()),
            Shape::Map(members) => Json::Map(
                members
                    .iter()
                    .map(|&(k, v)| match &self.nodes[k].shape {
                        Shape::Scalar { value, .. } => (value.clone(), self.value(v)),
                        _ => (String::new(), self.value(v)),
                    })
                    .collect(),
            ),
        }
    }

    /// The collection holding `id`, and the key `id` is the value of.
    fn parent_of(&self, id: usize) -> Option<(usize, Option<usize>)> {
        self.nodes
            .iter()
            .enumerate()
            .find_map(|(p, n)| match &n.shape {
                Shape::Map(members) => members
                    .iter()
                    .find(|&&(_, v)| v == id)
                    .map(|&(k, _)| (p, Some(k))),
                Shape::Seq(items) => items.contains(&id).then_some((p, None)),
                _ => None,
            })
    }

    /// The position after the `:` that follows key `k`.
    fn after_colon(&self, text: &str, k: usize) -> Option<usize> {
        let kend = self.nodes[k].end;
        let rest = &text[kend..];
        let i = rest.find(':')?;
        only_spaces(&rest[..i]).then_some(kend + i + 1)
    }

    /// The object read, when it is a mapping that starts at `offset`.
    fn object_at(&self, offset: usize) -> Option<usize> {
        let &root = self.roots.first()?;
        let n = &self.nodes[root];
        (n.start == offset && matches!(n.shape, Shape::Map(_))).then_some(root)
    }
}

/// How the text is laid out, for new lines.
struct Style {
    json: bool,
    /// Spaces between a key and the `- ` of its block sequence's items
    /// (0: `key:\n- a`, kubectl's way; 2: `key:\n  - a`).
    seq_indent: usize,
}

fn line_start(text: &str, pos: usize) -> usize {
    text[..pos].rfind('\n').map_or(0, |i| i + 1)
}

/// The position after the line break that ends `pos`'s line (or the
/// text's end).
fn next_line(text: &str, pos: usize) -> usize {
    text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1)
}

/// The end of `pos`'s line, before its line break.
fn line_end(text: &str, pos: usize) -> usize {
    let e = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    if e > pos && text.as_bytes()[e - 1] == b'\r' {
        e - 1
    } else {
        e
    }
}

fn column(text: &str, pos: usize) -> usize {
    text[line_start(text, pos)..pos].chars().count()
}

fn only_spaces(s: &str) -> bool {
    s.bytes().all(|b| b == b' ')
}

/// The text's line break (`\r\n` when it uses them).
fn newline(text: &str) -> &'static str {
    if text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn scalar_text(v: &Json, json: bool) -> String {
    match v {
        Json::Str(s) if json => json_string(s),
        Json::Str(s) => yaml_scalar(s),
        Json::Bool(b) => b.to_string(),
        Json::Int(i) => i.to_string(),
        Json::Null => "null".to_string(),
        Json::List(_) | Json::Map(_) => flow(v, json),
    }
}

fn is_empty_collection(v: &Json) -> bool {
    match v {
        Json::List(a) => a.is_empty(),
        Json::Map(o) => o.is_empty(),
        _ => false,
    }
}

/// One line: `{a: 1, b: [x]}` (YAML flow) or `{"a": 1, "b": ["x"]}`.
fn flow(v: &Json, json: bool) -> String {
    match v {
        Json::List(a) => {
            let parts: Vec<String> = a.iter().map(|x| flow(x, json)).collect();
            format!("[{}]", parts.join(", "))
        }
        Json::Map(o) => {
            let parts: Vec<String> = o
                .iter()
                .map(|(k, x)| {
                    let key = if json { json_string(k) } else { yaml_scalar(k) };
                    format!("{key}: {}", flow(x, json))
                })
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        s => scalar_text(s, json),
    }
}

/// JSON over several lines, its first line not indented, the others at
/// `indent` plus `unit` per level.
fn pretty(v: &Json, indent: usize, unit: usize, nl: &str) -> String {
    let pad = |n: usize| " ".repeat(n);
    match v {
        Json::List(a) if !a.is_empty() => {
            let parts: Vec<String> = a
                .iter()
                .map(|x| {
                    format!(
                        "{}{}",
                        pad(indent + unit),
                        pretty(x, indent + unit, unit, nl)
                    )
                })
                .collect();
            format!("[{nl}{}{nl}{}]", parts.join(&format!(",{nl}")), pad(indent))
        }
        Json::Map(o) if !o.is_empty() => {
            let parts: Vec<String> = o
                .iter()
                .map(|(k, x)| {
                    format!(
                        "{}{}: {}",
                        pad(indent + unit),
                        json_string(k),
                        pretty(x, indent + unit, unit, nl)
                    )
                })
                .collect();
            format!(
                "{{{nl}{}{nl}{}}}",
                parts.join(&format!(",{nl}")),
                pad(indent)
            )
        }
        s => flow(s, true),
    }
}

/// Block YAML lines for the members of a map at `indent`.
fn block_members(o: &[(String, Json)], indent: usize, st: &Style, out: &mut Vec<String>) {
    for (k, v) in o {
        let key = format!("{}{}:", " ".repeat(indent), yaml_scalar(k));
        block_value(key, v, indent, st, out);
    }
}

/// `head` (a `key:` line) and the value after it.
fn block_value(head: String, v: &Json, indent: usize, st: &Style, out: &mut Vec<String>) {
    match v {
        Json::Map(o) if !o.is_empty() => {
            out.push(head);
            block_members(o, indent + 2, st, out);
        }
        Json::List(a) if !a.is_empty() => {
            out.push(head);
            block_items(a, indent + st.seq_indent, st, out);
        }
        s => out.push(format!("{head} {}", flow(s, false))),
    }
}

/// Block YAML lines for sequence items whose `- ` stands at `indent`.
fn block_items(a: &[Json], indent: usize, st: &Style, out: &mut Vec<String>) {
    for item in a {
        let mut lines = Vec::new();
        match item {
            Json::Map(o) if !o.is_empty() => block_members(o, indent + 2, st, &mut lines),
            Json::List(inner) if !inner.is_empty() => {
                block_items(inner, indent + 2, st, &mut lines)
            }
            s => lines.push(format!("{}{}", " ".repeat(indent + 2), flow(s, false))),
        }
        // the first line goes on the dash's line
        if let Some(first) = lines.first_mut() {
            *first = format!("{}- {}", " ".repeat(indent), &first[indent + 2..]);
        }
        out.extend(lines);
    }
}

/// A replacement of `text[start..end]`.
struct Splice {
    start: usize,
    end: usize,
    insert: String,
}

/// Applies `changes` one after the other to the object that starts at
/// byte `offset` of `text` (JSON when `json`).
pub fn apply(
    text: &str,
    json: bool,
    offset: usize,
    changes: &[Change],
) -> Result<String, EditError> {
    let mut text = text.to_string();
    for change in changes {
        let sp = object_spans(&text, offset)?;
        let Some(object) = sp.object_at(offset) else {
            return err(
                "editMoved",
                "the object is no longer where it was read: the text changed",
            );
        };
        let st = Style {
            json,
            seq_indent: seq_indent(&text, &sp),
        };
        let s = splice(&text, &sp, &st, object, change)?;
        text.replace_range(s.start..s.end, &s.insert);
    }
    Ok(text)
}

/// The value at `path` of the object that starts at byte `offset` of
/// `text`, as written (every scalar a string; `None` when absent).
pub fn read(text: &str, offset: usize, path: &[Step]) -> Result<Option<Json>, EditError> {
    let sp = object_spans(text, offset)?;
    let Some(mut at) = sp.object_at(offset) else {
        return err(
            "editMoved",
            "the object is no longer where it was read: the text changed",
        );
    };
    for step in path {
        match sp.child(at, step) {
            Some(c) => at = c,
            None => return Ok(None),
        }
    }
    Ok(Some(sp.value(at)))
}

/// Appends a YAML document (its text without `---`) to a YAML text.
pub fn append_document(text: &str, doc: &str) -> String {
    let nl = newline(text);
    let mut out = text.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(nl);
    }
    out.push_str("---");
    out.push_str(nl);
    out.push_str(&doc.replace('\n', nl));
    if !out.ends_with('\n') {
        out.push_str(nl);
    }
    out
}

/// How the text's block sequences under a key indent their `- `: the
/// first one found decides (2 when there is none: how people write YAML
/// by hand).
fn seq_indent(text: &str, sp: &Spans) -> usize {
    for n in &sp.nodes {
        if let Shape::Map(members) = &n.shape {
            if n.flow {
                continue;
            }
            for &(k, v) in members {
                let vn = &sp.nodes[v];
                if matches!(vn.shape, Shape::Seq(_)) && !vn.flow {
                    let key_col = column(text, sp.nodes[k].start);
                    let dash_col = column(text, vn.start);
                    return dash_col.saturating_sub(key_col);
                }
            }
        }
    }
    2
}

fn splice(
    text: &str,
    sp: &Spans,
    st: &Style,
    object: usize,
    change: &Change,
) -> Result<Splice, EditError> {
    let (path, value) = match change {
        Change::Set { path, value } | Change::Append { path, value } => (path, Some(value)),
        Change::Remove { path } => (path, None),
    };
    let Some((last, parents)) = path.split_last() else {
        return err("editEmptyPath", "an empty path");
    };
    // the deepest existing node on the way
    let mut at = object;
    for (i, step) in parents.iter().enumerate() {
        match sp.child(at, step) {
            Some(c) if matches!(sp.nodes[c].shape, Shape::Alias) => {
                return err(
                    "editAlias",
                    "the value is an alias (*name): change it where its anchor is",
                );
            }
            Some(c) => at = c,
            None => {
                let Some(value) = value else {
                    return Ok(nothing(text));
                };
                // make what is missing, from here down
                let mut made = match change {
                    Change::Append { .. } => Json::List(vec![value.clone()]),
                    _ => value.clone(),
                };
                made = wrap(last, made)?;
                for s in parents[i + 1..].iter().rev() {
                    made = wrap(s, made)?;
                }
                return set_in(text, sp, st, at, step, made);
            }
        }
    }
    match change {
        Change::Remove { .. } => remove(text, sp, at, last),
        Change::Set { value, .. } => set_in(text, sp, st, at, last, value.clone()),
        Change::Append { value, .. } => match sp.child(at, last) {
            Some(seq) if matches!(sp.nodes[seq].shape, Shape::Seq(_)) => {
                append_item(text, sp, st, seq, value)
            }
            Some(v) if !sp.is_null(v) => err("editNotList", "the field is not a list"),
            _ => set_in(text, sp, st, at, last, Json::List(vec![value.clone()])),
        },
    }
}

fn nothing(text: &str) -> Splice {
    Splice {
        start: text.len(),
        end: text.len(),
        insert: String::new(),
    }
}

/// `{key: inner}` for a missing map key.
fn wrap(step: &Step, inner: Json) -> Result<Json, EditError> {
    match step {
        Step::Key(k) => Ok(Json::Map(vec![(k.clone(), inner)])),
        Step::Index(_) => err("editNoElement", "a list element that is not there"),
    }
}

/// Sets `step` of `parent` (a map, or null standing for one) to `value`.
fn set_in(
    text: &str,
    sp: &Spans,
    st: &Style,
    parent: usize,
    step: &Step,
    value: Json,
) -> Result<Splice, EditError> {
    if let Some(existing) = sp.child(parent, step) {
        return replace(text, sp, st, existing, &value);
    }
    let Step::Key(key) = step else {
        return err("editNoElement", "a list element that is not there");
    };
    let one = vec![(key.clone(), value.clone())];
    let pn = &sp.nodes[parent];
    match &pn.shape {
        Shape::Map(members) if !pn.flow => {
            let Some(&(k0, _)) = members.first() else {
                return err("editEmptyBlockMap", "an empty block map");
            };
            let &(_, lastv) = members.last().expect("a member");
            let indent = column(text, sp.nodes[k0].start);
            let mut lines = Vec::new();
            block_members(&one, indent, st, &mut lines);
            Ok(lines_after(text, sp.content_end(text, lastv), &lines))
        }
        Shape::Map(members) => {
            let json = st.json;
            let key_text = if json {
                json_string(key)
            } else {
                yaml_scalar(key)
            };
            match members.last() {
                Some(&(lastk, lastv)) => {
                    let end = sp.content_end(text, lastv);
                    let multi =
                        line_start(text, sp.nodes[lastk].start) != line_start(text, pn.start);
                    let insert = if multi {
                        let indent = column(text, sp.nodes[lastk].start);
                        let unit = indent.saturating_sub(indent_of(text, pn.start)).max(1);
                        let v = if json {
                            pretty(&value, indent, unit, newline(text))
                        } else {
                            flow(&value, false)
                        };
                        format!(",{}{}{key_text}: {v}", newline(text), " ".repeat(indent))
                    } else {
                        format!(", {key_text}: {}", flow(&value, json))
                    };
                    Ok(Splice {
                        start: end,
                        end,
                        insert,
                    })
                }
                None => Ok(Splice {
                    start: pn.start,
                    end: pn.end,
                    insert: flow(&Json::Map(one), json),
                }),
            }
        }
        _ if sp.is_null(parent) => replace(text, sp, st, parent, &Json::Map(one)),
        _ => err("editNotMap", "the field is not a map"),
    }
}

/// The indentation of `pos`'s line.
fn indent_of(text: &str, pos: usize) -> usize {
    let ls = line_start(text, pos);
    text[ls..].bytes().take_while(|&b| b == b' ').count()
}

/// New lines after the line where `end` is.
fn lines_after(text: &str, end: usize, lines: &[String]) -> Splice {
    let nl = newline(text);
    let at = next_line(text, end);
    let mut insert = String::new();
    if at == text.len() && !text.ends_with('\n') {
        insert.push_str(nl);
    }
    for l in lines {
        insert.push_str(l);
        insert.push_str(nl);
    }
    Splice {
        start: at,
        end: at,
        insert,
    }
}

/// Replaces the value `id` with `value`.
fn replace(
    text: &str,
    sp: &Spans,
    st: &Style,
    id: usize,
    value: &Json,
) -> Result<Splice, EditError> {
    let n = &sp.nodes[id];
    let parent = sp.parent_of(id);
    let in_flow = st.json || parent.is_some_and(|(p, _)| sp.nodes[p].flow);
    let key = parent.and_then(|(_, k)| k);
    let scalar_like = !matches!(value, Json::Map(_) | Json::List(_)) || is_empty_collection(value);
    let is_scalar = matches!(n.shape, Shape::Scalar { .. } | Shape::Alias);
    let end = if is_scalar {
        sp.content_end(text, id)
    } else {
        n.end
    };
    let nl = newline(text);
    // a null written as nothing (`key:`): libyaml puts it where the next
    // token is, so the new value goes after the key's colon
    let empty = is_scalar && sp.is_null(id) && n.start == n.end;
    if in_flow || scalar_like {
        let insert = if st.json {
            pretty(value, indent_of(text, n.start), json_unit(text), nl)
        } else {
            flow(value, false)
        };
        if empty {
            let Some(colon) = key.and_then(|k| sp.after_colon(text, k)) else {
                return err("editEmptyValueNoKey", "an empty value without a key");
            };
            return Ok(Splice {
                start: colon,
                end: colon,
                insert: format!(" {insert}"),
            });
        }
        if !is_scalar && !n.flow {
            // a block collection becomes a flow one after the key
            let Some(colon) = key.and_then(|k| sp.after_colon(text, k)) else {
                return err("editBlockValueNoKey", "a block value without a key");
            };
            return Ok(Splice {
                start: colon,
                end: sp.content_end(text, id),
                insert: format!(" {insert}"),
            });
        }
        return Ok(Splice {
            start: n.start,
            end,
            insert,
        });
    }
    // a block value (or a null) becomes a block value: the lines after the
    // key's line, one level deeper than the key
    let Some(k) = key else {
        return err("editValueNoKey", "a value without a key");
    };
    let key_start = sp.nodes[k].start;
    let indent = column(text, key_start);
    let mut lines = Vec::new();
    match value {
        Json::Map(o) => block_members(o, indent + 2, st, &mut lines),
        Json::List(a) => block_items(a, indent + st.seq_indent, st, &mut lines),
        _ => return err("editScalar", "a scalar"),
    }
    let body = lines.join(nl);
    if is_scalar {
        // `key:` or `key: null  # comment`: the null goes, a comment stays
        let colon = sp
            .after_colon(text, k)
            .ok_or_else(|| EditError::new("editKeyNoColon", "a key without its colon"))?;
        let eol = line_end(text, colon);
        let tail = if empty {
            text[colon..eol].trim_end()
        } else {
            text[end..eol].trim_end()
        };
        return Ok(Splice {
            start: colon,
            end: eol,
            insert: format!("{tail}{nl}{body}"),
        });
    }
    Ok(Splice {
        start: line_end(text, key_start),
        end: line_end(text, sp.content_end(text, id)),
        insert: format!("{nl}{body}"),
    })
}

/// The indentation step of a JSON text: the indentation of its first
/// indented line (2 when none is).
fn json_unit(text: &str) -> usize {
    text.lines()
        .map(|l| l.bytes().take_while(|&b| b == b' ').count())
        .find(|&n| n > 0)
        .unwrap_or(2)
}

/// Appends `value` to the sequence `seq`.
fn append_item(
    text: &str,
    sp: &Spans,
    st: &Style,
    seq: usize,
    value: &Json,
) -> Result<Splice, EditError> {
    let n = &sp.nodes[seq];
    let Shape::Seq(items) = &n.shape else {
        return err("editNotAList", "not a list");
    };
    if !n.flow {
        let indent = column(text, n.start);
        let last = *items.last().expect("a block sequence has items");
        let mut lines = Vec::new();
        block_items(std::slice::from_ref(value), indent, st, &mut lines);
        return Ok(lines_after(text, sp.content_end(text, last), &lines));
    }
    match items.last() {
        Some(&last) => {
            let end = sp.content_end(text, last);
            let multi = line_start(text, sp.nodes[last].start) != line_start(text, n.start);
            let insert = if multi {
                let indent = column(text, sp.nodes[last].start);
                let unit = indent.saturating_sub(indent_of(text, n.start)).max(1);
                let v = if st.json {
                    pretty(value, indent, unit, newline(text))
                } else {
                    flow(value, false)
                };
                format!(",{}{}{v}", newline(text), " ".repeat(indent))
            } else {
                format!(", {}", flow(value, st.json))
            };
            Ok(Splice {
                start: end,
                end,
                insert,
            })
        }
        None => Ok(Splice {
            start: n.start,
            end: n.end,
            insert: flow(&Json::List(vec![value.clone()]), st.json),
        }),
    }
}

/// Removes `step` of `parent`.
fn remove(text: &str, sp: &Spans, parent: usize, step: &Step) -> Result<Splice, EditError> {
    let pn = &sp.nodes[parent];
    // the elements as (start of the element, value)
    let elems: Vec<(usize, usize)> = match &pn.shape {
        Shape::Map(members) => members
            .iter()
            .map(|&(k, v)| (sp.nodes[k].start, v))
            .collect(),
        Shape::Seq(items) => items.iter().map(|&v| (sp.nodes[v].start, v)).collect(),
        _ => return Ok(nothing(text)),
    };
    let index = match (&pn.shape, step) {
        (Shape::Map(members), Step::Key(k)) => {
            let Some((key, _)) = sp.member(parent, k) else {
                return Ok(nothing(text));
            };
            members.iter().position(|&(kk, _)| kk == key)
        }
        (Shape::Seq(items), Step::Index(i)) => (*i < items.len()).then_some(*i),
        _ => None,
    };
    let Some(i) = index else {
        return Ok(nothing(text));
    };
    let (start, value) = elems[i];
    let end = sp.content_end(text, value);
    if pn.flow {
        let (s, e) = if i > 0 {
            (sp.content_end(text, elems[i - 1].1), end)
        } else if let Some(&(next, _)) = elems.get(1) {
            (start, next)
        } else {
            (pn.start + 1, pn.end - 1)
        };
        return Ok(Splice {
            start: s,
            end: e,
            insert: String::new(),
        });
    }
    let is_seq = matches!(pn.shape, Shape::Seq(_));
    // a block element starts at its `- ` for a sequence item
    let first = if is_seq {
        dash_before(text, start).unwrap_or(start)
    } else {
        start
    };
    if elems.len() == 1 {
        // the last one: the collection becomes empty, written in flow
        // style after its key (`taints: []`), or in its place
        let empty = if is_seq { "[]" } else { "{}" };
        let colon = sp
            .parent_of(parent)
            .and_then(|(_, k)| k)
            .and_then(|k| sp.after_colon(text, k));
        return Ok(match colon {
            Some(c) => Splice {
                start: c,
                end,
                insert: format!(" {empty}"),
            },
            None => Splice {
                start: first,
                end,
                insert: empty.to_string(),
            },
        });
    }
    let ls = line_start(text, first);
    if only_spaces(&text[ls..first]) {
        return Ok(Splice {
            start: ls,
            end: next_line(text, end),
            insert: String::new(),
        });
    }
    // the first key of a map that is a `- ` item: the next key moves up
    // onto the dash's line
    match elems.get(i + 1) {
        Some(&(next, _)) => Ok(Splice {
            start: first,
            end: next,
            insert: String::new(),
        }),
        None => err("editSharedLine", "the element shares its line with another"),
    }
}

/// The `-` of the block sequence item starting at `start`.
fn dash_before(text: &str, start: usize) -> Option<usize> {
    let before = text[..start].trim_end();
    before.ends_with('-').then(|| before.len() - 1)
}

#[cfg(test)]
#[path = "edit.tests.rs"]
mod tests;
