//! JSON text into value trees, one per JSON value of the stream (kubectl's
//! `YAMLOrJSONDecoder` reads a text that starts with `{` as JSON values
//! one after another). Syntax errors are Go's `encoding/json` scanner
//! messages (`invalid character '}' looking for beginning of object key
//! string`), at the byte where Go stops. A repeated key keeps its last
//! value, as decoding into a Go map does; the replaced keys are reported
//! so that the reader can say so.
//!
//! Iterative (an explicit stack, one scratch vector for every open
//! container), so no input can exhaust the call stack; nesting deeper
//! than [`super::limits::MAX_DEPTH`] is refused.

use super::limits::{LimitError, Limits};
use super::number;
#[cfg(feature = "direct")]
use super::stream::Room;
use super::stream::{Collect, Docs, Taken};
pub use super::tree::Doc;
use super::tree::{Data, Mark, NodeId, Str, Tree};
use super::words::{find_string_stop, skip_spaces};
use std::borrow::Cow;

/// Why reading stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Go's scanner message and the byte offset of the offending byte.
    Syntax {
        pos: u32,
        message: String,
    },
    Limit(LimitError),
}

/// `quoteChar` of Go's scanner.
fn quote_char(c: u8) -> String {
    match c {
        b'\'' => r"'\''".into(),
        b'"' => "'\"'".into(),
        b'\n' => r"'\n'".into(),
        b'\r' => r"'\r'".into(),
        b'\t' => r"'\t'".into(),
        0x07 => r"'\a'".into(),
        0x08 => r"'\b'".into(),
        0x0c => r"'\f'".into(),
        0x0b => r"'\v'".into(),
        c if c < 0x20 || c == 0x7f => format!(r"'\x{c:02x}'"),
        c if c < 0x80 => format!("'{}'", c as char),
        // a byte of a multi-byte character: Go quotes the rune U+00XX
        c => format!("'{}'", char::from(c)),
    }
}

fn invalid(c: u8, context: &str) -> String {
    format!("invalid character {} {context}", quote_char(c))
}

const UNEXPECTED_END: &str = "unexpected end of JSON input";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Array,
    Object,
}

struct Frame {
    open: Open,
    pos: u32,
    /// Where this container's children start in the scratch vector.
    start: usize,
    /// The `items` array of the top-level object.
    items: bool,
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    i: usize,
    limits: &'a Limits,
}

/// The offset of the first byte at or after `i` that is not JSON
/// whitespace. Word-at-a-time: kubectl indents its JSON by four spaces a
/// level, so runs of spaces are skipped eight bytes a step.
#[inline]
pub(super) fn skip_space(bytes: &[u8], mut i: usize) -> usize {
    loop {
        match bytes.get(i) {
            Some(b' ') => i = skip_spaces(bytes, i),
            Some(b'\t' | b'\n' | b'\r') => i += 1,
            _ => return i,
        }
    }
}

/// The JSON string whose opening quote is at `at`: its value (borrowed
/// from `text` when it has no escape) and the offset after its closing
/// quote; or the offset of the byte where Go's scanner stops, with its
/// message. Most bytes of a dump are in plain strings: they are scanned
/// eight bytes a step when a word holds nothing to stop at.
pub(super) fn scan_string(text: &str, at: usize) -> Result<(Cow<'_, str>, usize), (usize, String)> {
    let bytes = text.as_bytes();
    let start = at + 1;
    // fast path: no escapes
    let mut j = find_string_stop(bytes, start);
    loop {
        match bytes.get(j) {
            None => return Err((j, UNEXPECTED_END.into())),
            Some(b'"') => return Ok((Cow::Borrowed(&text[start..j]), j + 1)),
            Some(b'\\') => break,
            Some(&c) if c < 0x20 => return Err((j, invalid(c, "in string literal"))),
            Some(_) => j += 1,
        }
    }
    let mut out = String::with_capacity(j - start + 16);
    out.push_str(&text[start..j]);
    loop {
        match bytes.get(j) {
            None => return Err((j, UNEXPECTED_END.into())),
            Some(b'"') => return Ok((Cow::Owned(out), j + 1)),
            Some(b'\\') => {
                j += 1;
                let Some(&e) = bytes.get(j) else {
                    return Err((j, UNEXPECTED_END.into()));
                };
                let simple = match e {
                    b'"' => Some('"'),
                    b'\\' => Some('\\'),
                    b'/' => Some('/'),
                    b'b' => Some('\u{8}'),
                    b'f' => Some('\u{c}'),
                    b'n' => Some('\n'),
                    b'r' => Some('\r'),
                    b't' => Some('\t'),
                    _ => None,
                };
                if let Some(ch) = simple {
                    out.push(ch);
                    j += 1;
                    continue;
                }
                if e != b'u' {
                    return Err((j, invalid(e, "in string escape code")));
                }
                let u1 = hex4(bytes, j + 1)?;
                j += 5;
                let ch = if (0xD800..0xDC00).contains(&u1)
                    && bytes.get(j) == Some(&b'\\')
                    && bytes.get(j + 1) == Some(&b'u')
                {
                    let u2 = hex4(bytes, j + 2)?;
                    match char::decode_utf16([u1, u2]).next() {
                        Some(Ok(c)) => {
                            j += 6;
                            c
                        }
                        _ => '\u{FFFD}',
                    }
                } else {
                    char::from_u32(u32::from(u1)).unwrap_or('\u{FFFD}')
                };
                out.push(ch);
            }
            Some(&c) if c < 0x20 => return Err((j, invalid(c, "in string literal"))),
            Some(_) => {
                // copy one character
                let ch = text[j..].chars().next().unwrap_or('\u{FFFD}');
                out.push(ch);
                j += ch.len_utf8();
            }
        }
    }
}

fn hex4(bytes: &[u8], at: usize) -> Result<u16, (usize, String)> {
    let mut v = 0u16;
    for k in 0..4 {
        match bytes.get(at + k) {
            Some(&c) if c.is_ascii_hexdigit() => {
                v = v * 16 + (c as char).to_digit(16).unwrap_or(0) as u16;
            }
            other => {
                let message = match other {
                    Some(&c) => invalid(c, "in \\u hexadecimal character escape"),
                    None => UNEXPECTED_END.into(),
                };
                return Err((at + k, message));
            }
        }
    }
    Ok(v)
}

/// The end of the JSON number starting at `i`; or the offset where Go's
/// scanner stops and what it was reading there.
pub(super) fn scan_number(b: &[u8], i: usize) -> Result<usize, (usize, &'static str)> {
    let mut j = i;
    let digit = |j: usize| b.get(j).is_some_and(u8::is_ascii_digit);
    if b.get(j) == Some(&b'-') {
        j += 1;
        if !digit(j) {
            return Err((j, "in numeric literal"));
        }
    }
    if b.get(j) == Some(&b'0') {
        j += 1;
    } else {
        while digit(j) {
            j += 1;
        }
    }
    if b.get(j) == Some(&b'.') {
        j += 1;
        if !digit(j) {
            return Err((j, "after decimal point in numeric literal"));
        }
        while digit(j) {
            j += 1;
        }
    }
    if matches!(b.get(j), Some(b'e' | b'E')) {
        j += 1;
        if matches!(b.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        if !digit(j) {
            return Err((j, "in exponent of numeric literal"));
        }
        while digit(j) {
            j += 1;
        }
    }
    Ok(j)
}

impl Reader<'_> {
    fn skip_space(&mut self) {
        self.i = skip_space(self.bytes, self.i);
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.i).copied()
    }

    fn syntax(&self, message: String) -> ReadError {
        ReadError::Syntax {
            pos: self.i as u32,
            message,
        }
    }

    fn end_or(&self, c: Option<u8>, context: &str) -> ReadError {
        match c {
            Some(c) => self.syntax(invalid(c, context)),
            None => self.syntax(UNEXPECTED_END.into()),
        }
    }

    /// A string starting at the opening quote; returns its reference.
    fn string(&mut self, tree: &mut Tree) -> Result<Str, ReadError> {
        match scan_string(self.text, self.i) {
            Ok((s, end)) => {
                let start = self.i + 1;
                self.i = end;
                Ok(match s {
                    Cow::Borrowed(_) => Str::Borrowed {
                        start: start as u32,
                        len: (end - 1 - start) as u32,
                    },
                    Cow::Owned(s) => tree.own(&s),
                })
            }
            Err((pos, message)) => {
                self.i = pos;
                Err(self.syntax(message))
            }
        }
    }

    /// A number starting here; returns its text as the server receives it.
    fn number(&mut self, tree: &mut Tree) -> Result<Str, ReadError> {
        let start = self.i;
        let j = match scan_number(self.bytes, start) {
            Ok(j) => j,
            Err((j, context)) => {
                self.i = j;
                return Err(self.end_or(self.bytes.get(j).copied(), context));
            }
        };
        self.i = j;
        let lit = &self.text[start..j];
        Ok(match number::normalize(lit) {
            Cow::Borrowed(_) => Str::Borrowed {
                start: start as u32,
                len: (j - start) as u32,
            },
            Cow::Owned(s) => tree.own(&s),
        })
    }

    /// `true`, `false` or `null`, with Go's "expecting" messages.
    fn literal(&mut self, word: &'static str) -> Result<(), ReadError> {
        let b = word.as_bytes();
        for (k, &want) in b.iter().enumerate().skip(1) {
            match self.bytes.get(self.i + k) {
                Some(&c) if c == want => {}
                other => {
                    self.i += k;
                    return Err(self.end_or(
                        other.copied(),
                        &format!("in literal {word} (expecting '{}')", want as char),
                    ));
                }
            }
        }
        self.i += b.len();
        Ok(())
    }

    /// One value (and everything inside it), telling `sink` the offset
    /// read as containers close, and handing it the elements of the
    /// top-level object's `items` array when `offer` (see
    /// [`super::stream`]).
    fn value(&mut self, sink: &mut dyn Docs, mut offer: bool) -> Result<(Doc, Taken), ReadError> {
        let mut tree = Tree::default();
        let mut duplicate_keys = Vec::new();
        let mut stack: Vec<Frame> = Vec::new();
        let mut scratch: Vec<NodeId> = Vec::new();
        let mut taken = Taken::default();
        // where the item being read started (offered items only)
        let mut item: Option<(Mark, u32)> = None;
        // values read and dropped (the limit counts them)
        let mut dropped = 0usize;
        // after a value: attach it to the open container, or finish
        loop {
            // expect a value
            self.skip_space();
            // (an item read straight from the text: its stand-in, and its
            // last value's position)
            #[cfg_attr(not(feature = "direct"), allow(unused_mut))]
            let (mut pos, mut direct) = (self.i as u32, None);
            if offer && stack.len() == 2 && stack[1].items {
                item = Some((tree.mark(), pos));
                #[cfg(feature = "direct")]
                if self.peek() == Some(b'{') {
                    let room = Room {
                        values: self.limits.max_values.saturating_sub(tree.len() + dropped),
                        depth: self.limits.max_depth.saturating_sub(stack.len()),
                    };
                    let index = scratch.len() - stack[1].start;
                    if let Some(read) = sink.direct_item(self.i, index, room) {
                        // used as an item read into the tree is (a null
                        // stands in for it), its last value read last
                        self.i = read.end;
                        dropped += read.values - 1;
                        taken.count += 1;
                        item = None;
                        direct = Some(tree.push(Data::Null, pos));
                        pos = read.last as u32;
                    }
                }
            }
            let mut done: Option<NodeId> = if direct.is_some() {
                direct
            } else {
                match self.peek() {
                    None => return Err(self.syntax(UNEXPECTED_END.into())),
                    Some(b'{') | Some(b'[') => {
                        let open = if self.peek() == Some(b'{') {
                            Open::Object
                        } else {
                            Open::Array
                        };
                        if stack.len() >= self.limits.max_depth {
                            return Err(ReadError::Limit(LimitError::depth(
                                self.limits.max_depth,
                                pos,
                            )));
                        }
                        self.i += 1;
                        let items = offer
                            && open == Open::Array
                            && stack.len() == 1
                            && stack[0].open == Open::Object
                            && scratch.last().map(|&k| tree.str_of(self.text, k)) == Some("items");
                        stack.push(Frame {
                            open,
                            pos,
                            start: scratch.len(),
                            items,
                        });
                        self.skip_space();
                        match (open, self.peek()) {
                            (Open::Array, Some(b']')) | (Open::Object, Some(b'}')) => {
                                self.i += 1;
                                let f = stack.pop().expect("just pushed");
                                Some(if open == Open::Array {
                                    tree.array(&[], f.pos)
                                } else {
                                    tree.object(self.text, &[], f.pos).0
                                })
                            }
                            (Open::Object, Some(b'"')) => {
                                let kpos = self.i as u32;
                                let s = self.string(&mut tree)?;
                                scratch.push(tree.push(Data::String(s), kpos));
                                self.colon()?;
                                continue;
                            }
                            (Open::Object, c) => {
                                return Err(
                                    self.end_or(c, "looking for beginning of object key string")
                                )
                            }
                            (Open::Array, _) => continue,
                        }
                    }
                    Some(b'"') => {
                        let s = self.string(&mut tree)?;
                        Some(tree.push(Data::String(s), pos))
                    }
                    Some(b'-' | b'0'..=b'9') => {
                        let s = self.number(&mut tree)?;
                        Some(tree.push(Data::Number(s), pos))
                    }
                    Some(b't') => {
                        self.literal("true")?;
                        Some(tree.push(Data::Bool(true), pos))
                    }
                    Some(b'f') => {
                        self.literal("false")?;
                        Some(tree.push(Data::Bool(false), pos))
                    }
                    Some(b'n') => {
                        self.literal("null")?;
                        Some(tree.push(Data::Null, pos))
                    }
                    Some(c) => {
                        return Err(self.syntax(invalid(c, "looking for beginning of value")))
                    }
                }
            };
            // attach finished values, closing containers as far as they end
            while let Some(mut v) = done.take() {
                if tree.len() + dropped > self.limits.max_values {
                    return Err(ReadError::Limit(LimitError::values(
                        self.limits.max_values,
                        pos,
                    )));
                }
                let Some(top) = stack.last() else {
                    let doc = Doc {
                        tree,
                        root: v,
                        duplicate_keys,
                    };
                    return Ok((doc, taken));
                };
                if let Some((mark, at)) = item.filter(|_| offer && top.items) {
                    let index = scratch.len() - top.start;
                    if sink.item(tree.node(self.text, v), index) {
                        // the item's values, less the null that stands for it
                        dropped += tree.len() - mark.nodes() - 1;
                        tree.truncate(mark);
                        v = tree.push(Data::Null, at);
                        taken.count += 1;
                    } else {
                        offer = false;
                    }
                }
                scratch.push(v);
                self.skip_space();
                let open = top.open;
                match (open, self.peek()) {
                    (_, Some(b',')) => {
                        self.i += 1;
                        if open == Open::Object {
                            self.skip_space();
                            match self.peek() {
                                Some(b'"') => {
                                    let kpos = self.i as u32;
                                    let s = self.string(&mut tree)?;
                                    scratch.push(tree.push(Data::String(s), kpos));
                                    self.colon()?;
                                }
                                c => {
                                    return Err(self
                                        .end_or(c, "looking for beginning of object key string"))
                                }
                            }
                        }
                    }
                    (Open::Array, Some(b']')) | (Open::Object, Some(b'}')) => {
                        self.i += 1;
                        let f = stack.pop().expect("top exists");
                        let children = &scratch[f.start..];
                        let id = if open == Open::Array {
                            let id = tree.array(children, f.pos);
                            if f.items {
                                // only the first `items` (a repeated one
                                // replaces it: the list is read again)
                                taken.items = Some(id);
                                offer = false;
                            }
                            id
                        } else {
                            let (id, replaced) = tree.object(self.text, children, f.pos);
                            duplicate_keys
                                .extend(replaced.iter().map(|&k| tree.node(self.text, k).pos()));
                            id
                        };
                        scratch.truncate(f.start);
                        sink.read_to(self.i);
                        done = Some(id);
                    }
                    (Open::Array, c) => return Err(self.end_or(c, "after array element")),
                    (Open::Object, c) => return Err(self.end_or(c, "after object key:value pair")),
                }
            }
        }
    }

    fn colon(&mut self) -> Result<(), ReadError> {
        self.skip_space();
        match self.peek() {
            Some(b':') => {
                self.i += 1;
                Ok(())
            }
            c => Err(self.end_or(c, "after object key")),
        }
    }
}

/// Reads every JSON value of `text`, stopping at the first error.
pub fn read(text: &str, limits: &Limits) -> (Vec<Doc>, Option<ReadError>) {
    let mut docs = Collect::default();
    let err = read_into(text, limits, &mut docs, false);
    (docs.docs, err)
}

/// Reads every JSON value of `text` into `sink`, stopping at the first
/// error (returned); offering `items` elements when `items`.
pub(crate) fn read_into(
    text: &str,
    limits: &Limits,
    sink: &mut dyn Docs,
    items: bool,
) -> Option<ReadError> {
    let mut r = Reader {
        text,
        bytes: text.as_bytes(),
        i: 0,
        limits,
    };
    // a byte-order mark is not JSON, but it is invisible: skip it
    if text.starts_with('\u{feff}') {
        r.i = 3;
    }
    loop {
        r.skip_space();
        sink.read_to(r.i);
        if r.i >= r.bytes.len() {
            return None;
        }
        let start = r.i;
        let again = match r.value(sink, items) {
            Ok((doc, taken)) => !sink.doc(doc, taken),
            Err(e) => return Some(e),
        };
        if again {
            // not a list after all: read it again, whole
            r.i = start;
            match r.value(sink, false) {
                Ok((doc, taken)) => {
                    sink.doc(doc, taken);
                }
                Err(e) => return Some(e),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::tree::Kind;

    fn one(text: &str) -> Doc {
        let (mut docs, err) = read(text, &Limits::default());
        assert_eq!(err, None, "{text}");
        assert_eq!(docs.len(), 1);
        docs.remove(0)
    }

    fn err(text: &str) -> (u32, String) {
        match read(text, &Limits::default()).1 {
            Some(ReadError::Syntax { pos, message }) => (pos, message),
            other => panic!("{text}: {other:?}"),
        }
    }

    /// The word-at-a-time scans stop at every byte they must: each special
    /// byte at each offset of a string, and space runs of every length,
    /// read as the byte-by-byte rules say.
    #[test]
    fn word_scans_stop_where_bytes_do() {
        for n in 0..20 {
            let body: String = "abcdéfghijklmnopqrstuvwxyz".chars().take(n).collect();
            let text = format!("{}\"{body}\"\n{}", " ".repeat(n), " ".repeat(n));
            let d = one(&text);
            assert_eq!(
                d.tree.node(&text, d.root).as_str(),
                Some(body.as_str()),
                "{text:?}"
            );
            assert_eq!(d.tree.node(&text, d.root).pos() as usize, n);
            for (special, want) in [("\\n", "\n"), ("\\\"", "\""), ("\\u00e9", "é")] {
                let text = format!("\"{}{special}x\"", "a".repeat(n));
                let d = one(&text);
                let got = d.tree.node(&text, d.root).as_str().unwrap().to_string();
                assert_eq!(got, format!("{}{want}x", "a".repeat(n)), "{text:?}");
            }
            for c in ['\u{0}', '\u{1f}', '\t', '\n'] {
                let text = format!("\"{}{c}{}\"", "a".repeat(n), "b".repeat(n));
                let (pos, message) = err(&text);
                assert_eq!(pos as usize, n + 1, "{text:?}");
                assert!(message.ends_with("in string literal"), "{message}");
            }
            // a space run ends at any whitespace or value byte
            for end in ["\t1", "\r1", "\n1", "1"] {
                let text = format!("[{}{end}]", " ".repeat(n));
                let d = one(&text);
                let v = d.tree.node(&text, d.root).at(0).unwrap();
                assert_eq!(v.pos() as usize, n + end.len(), "{text:?}");
            }
        }
    }

    #[test]
    fn values_positions_and_escapes() {
        let text = r#"{"a": [1, 2.50, true, null], "b": {"c": "x\ny\u00e9\ud83d\ude00"}, "e": -0}"#;
        let d = one(text);
        let root = d.tree.node(text, d.root);
        assert_eq!(root.kind(), Kind::Object);
        let a = root.get("a").unwrap();
        assert_eq!(a.len(), 4);
        assert_eq!(a.at(1).unwrap().number_text(), Some("2.5"));
        assert_eq!(a.at(1).unwrap().pos(), 10);
        assert_eq!(
            root.get("b").unwrap().get("c").unwrap().as_str(),
            Some("x\nyé😀")
        );
        assert_eq!(root.get("e").unwrap().number_text(), Some("0"));
        let (k, _) = root.member("b").unwrap();
        assert_eq!(k.pos(), 29);
    }

    #[test]
    fn a_stream_of_values_and_duplicate_keys() {
        let text = "{\"a\": 1, \"a\": 2}\n{\"b\": {}}  []";
        let (docs, err) = read(text, &Limits::default());
        assert_eq!(err, None);
        assert_eq!(docs.len(), 3);
        let first = docs[0].tree.node(text, docs[0].root);
        assert_eq!(first.len(), 1);
        assert_eq!(first.get("a").unwrap().number_text(), Some("2"));
        assert_eq!(docs[0].duplicate_keys, vec![1]);
    }

    #[test]
    fn go_scanner_messages() {
        assert_eq!(
            err("{\"a\": 1,}").1,
            "invalid character '}' looking for beginning of object key string"
        );
        assert_eq!(err("{\"a\" 1}").1, "invalid character '1' after object key");
        assert_eq!(
            err("{\"a\": 1 \"b\"}").1,
            "invalid character '\"' after object key:value pair"
        );
        assert_eq!(err("[1 2]").1, "invalid character '2' after array element");
        assert_eq!(
            err("{\"a\": tru}").1,
            "invalid character '}' in literal true (expecting 'e')"
        );
        assert_eq!(
            err("{\"a\": -}").1,
            "invalid character '}' in numeric literal"
        );
        assert_eq!(
            err("{\"a\": 1.}").1,
            "invalid character '}' after decimal point in numeric literal"
        );
        assert_eq!(
            err("{\"a\": \"\\x\"}").1,
            "invalid character 'x' in string escape code"
        );
        assert_eq!(
            err("{\"a\": \"\n\"}").1,
            "invalid character '\\n' in string literal"
        );
        assert_eq!(err("{\"a\": ").1, "unexpected end of JSON input");
        assert_eq!(
            err("{\"a\": 1} x"),
            (
                9,
                "invalid character 'x' looking for beginning of value".into()
            )
        );
    }

    #[test]
    fn nesting_is_limited_without_recursion() {
        let deep = "[".repeat(100_000);
        let (_, e) = read(&deep, &Limits::default());
        assert!(matches!(e, Some(ReadError::Limit(_))), "{e:?}");
    }
}
