//! Finding a field path's line and column in the text the user pasted.
//!
//! serde_yaml and serde_json report the position of the value being read
//! when a visitor fails. So to locate `spec.template.spec.tolerations[1].effect`
//! the document is walked again with a seed that skips everything off the
//! path and fails on purpose when it reaches the target (or the deepest
//! part of the path that exists): the parser's error then carries the
//! position. This costs nothing until an error needs a position.

use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use std::fmt;

/// One step of a field path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// Splits `a.b[2].c[some.key]` into segments. Bracketed text that is a
/// number is an index, anything else a map key (Kubernetes writes map keys
/// in brackets: `resources.limits[cpus]`).
pub fn parse_path(path: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = path.chars();
    while let Some(c) = chars.next() {
        match c {
            '.' => {
                if !cur.is_empty() {
                    out.push(Segment::Key(std::mem::take(&mut cur)));
                }
            }
            '[' => {
                if !cur.is_empty() {
                    out.push(Segment::Key(std::mem::take(&mut cur)));
                }
                let inner: String = chars.by_ref().take_while(|&c| c != ']').collect();
                match inner.parse::<usize>() {
                    Ok(i) => out.push(Segment::Index(i)),
                    Err(_) => out.push(Segment::Key(inner)),
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(Segment::Key(cur));
    }
    out
}

const FOUND: &str = "\u{1}located";

fn found<E: de::Error>() -> E {
    E::custom(FOUND)
}

/// Walks to a path and fails there on purpose. `stop_at_key`: fail on the
/// last map key rather than on its value (serde_json reports the position
/// *after* a value, so for JSON the key's position is the useful one).
struct Seek<'p> {
    path: &'p [Segment],
    stop_at_key: bool,
}

impl<'de> DeserializeSeed<'de> for Seek<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seek<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("anything")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some((Segment::Key(want), rest)) = self.path.split_first() else {
            return Err(found());
        };
        while let Some(key) = map.next_key::<KeyText>()? {
            if key.0 == *want {
                if rest.is_empty() && self.stop_at_key {
                    return Err(de::Error::custom(format!(
                        "{FOUND}key:{}",
                        want.chars().count()
                    )));
                }
                return map.next_value_seed(Seek {
                    path: rest,
                    stop_at_key: self.stop_at_key,
                });
            }
            map.next_value::<IgnoredAny>()?;
        }
        Err(found())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((Segment::Index(want), rest)) = self.path.split_first() else {
            return Err(found());
        };
        for _ in 0..*want {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Err(found());
            }
        }
        match seq.next_element_seed(Seek {
            path: rest,
            stop_at_key: self.stop_at_key,
        })? {
            Some(()) => Ok(()),
            None => Err(found()),
        }
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(found())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Err(found())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Err(found())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(found())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(found())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(found())
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Err(found())
    }
    fn visit_some<D: Deserializer<'de>>(self, _: D) -> Result<(), D::Error> {
        Err(found())
    }
}

/// A map key of any scalar type, as text.
struct KeyText(String);
impl<'de> de::Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = KeyText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<KeyText, E> {
                Ok(KeyText(String::new()))
            }
        }
        d.deserialize_any(V)
    }
}

/// Line and column (1-based) of `path` inside YAML document number `doc`
/// of `text`: the start of the value (or of the deepest existing parent).
pub fn locate_yaml(text: &str, doc: usize, path: &[Segment]) -> Option<(u32, u32)> {
    let d = serde_yaml::Deserializer::from_str(text).nth(doc)?;
    match (Seek {
        path,
        stop_at_key: false,
    })
    .deserialize(d)
    {
        Ok(()) => None,
        Err(e) => e.location().map(|l| (l.line() as u32, l.column() as u32)),
    }
}

/// Line and column (1-based) of `path` inside the JSON value number `doc`
/// of `text` (several values may follow one another): the opening quote
/// of the last key, or where the deepest existing parent was read.
pub fn locate_json(text: &str, doc: usize, path: &[Segment]) -> Option<(u32, u32)> {
    let mut de = serde_json::Deserializer::from_str(text);
    for _ in 0..doc {
        IgnoredAny::deserialize(&mut de).ok()?;
    }
    let err = match (Seek {
        path,
        stop_at_key: true,
    })
    .deserialize(&mut de)
    {
        Ok(()) => return None,
        Err(e) => e,
    };
    let (line, col) = (err.line() as u32, err.column() as u32);
    if line == 0 {
        return None;
    }
    // A failed key: serde_json stands just after its closing quote.
    let msg = err.to_string();
    if let Some(rest) = msg.split("key:").nth(1) {
        let n: u32 = rest
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect::<String>()
            .parse()
            .unwrap_or(0);
        return Some((line, col.saturating_sub(n + 1).max(1)));
    }
    Some((line, col.max(1)))
}

/// Appends a map key to a field path: `a.b`, or `a[b.c/d]` when the key
/// itself holds a dot, a slash or a bracket (label keys).
pub fn push_key(path: &mut String, key: &str) {
    if key.contains(['.', '/', '[', ']']) || key.is_empty() {
        path.push('[');
        path.push_str(key);
        path.push(']');
    } else {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
    }
}

enum Frame {
    Object {
        key: Option<String>,
        awaiting_key: bool,
    },
    Array {
        index: usize,
    },
}

fn frames_path(frames: &[Frame]) -> String {
    let mut p = String::new();
    for f in frames {
        match f {
            Frame::Object { key: Some(k), .. } => push_key(&mut p, k),
            Frame::Array { index } => p.push_str(&format!("[{index}]")),
            Frame::Object { key: None, .. } => {}
        }
    }
    p
}

/// The field path of the innermost JSON value whose text spans the
/// (1-based) line and column where serde_json stopped, inside value number
/// `doc` of `text`. A small scanner, run only to name the field of a type
/// error (serde_json reports the position, not the path).
pub fn json_path_at(text: &str, doc: usize, line: u32, column: u32) -> Option<String> {
    let bytes = text.as_bytes();
    // byte offset of (line, column)
    let mut offset = 0usize;
    let mut l = 1u32;
    while l < line {
        offset += bytes.get(offset..)?.iter().position(|&b| b == b'\n')? + 1;
        l += 1;
    }
    offset += column.saturating_sub(1) as usize;

    let mut frames: Vec<Frame> = Vec::new();
    let mut starts: Vec<usize> = Vec::new();
    let mut best: Option<(usize, String)> = None;
    let mut docs_seen = 0usize;
    let mut i = 0usize;
    let mut consider = |start: usize, end: usize, path: String, in_doc: bool| {
        if in_doc
            && start <= offset
            && offset <= end
            && best.as_ref().is_none_or(|(span, _)| end - start < *span)
        {
            best = Some((end - start, path));
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        let in_doc = docs_seen == doc;
        // a value (scalar or container) starting here?
        let value_start = matches!(
            frames.last(),
            None | Some(Frame::Array { .. })
                | Some(Frame::Object {
                    awaiting_key: false,
                    ..
                })
        );
        match b {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'{' => {
                frames.push(Frame::Object {
                    key: None,
                    awaiting_key: true,
                });
                starts.push(i);
                i += 1;
            }
            b'[' => {
                frames.push(Frame::Array { index: 0 });
                starts.push(i);
                i += 1;
            }
            b'}' | b']' => {
                frames.pop();
                let start = starts.pop().unwrap_or(i);
                consider(start, i + 1, frames_path(&frames), in_doc);
                i += 1;
                if frames.is_empty() {
                    docs_seen += 1;
                }
            }
            b':' => {
                if let Some(Frame::Object { awaiting_key, .. }) = frames.last_mut() {
                    *awaiting_key = false;
                }
                i += 1;
            }
            b',' => {
                match frames.last_mut() {
                    Some(Frame::Array { index }) => *index += 1,
                    Some(Frame::Object { key, awaiting_key }) => {
                        *key = None;
                        *awaiting_key = true;
                    }
                    None => {}
                }
                i += 1;
            }
            b'"' => {
                let start = i;
                i += 1;
                let mut s = Vec::new();
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    if let Some(&c) = bytes.get(i) {
                        s.push(c);
                    }
                    i += 1;
                }
                i += 1;
                match frames.last_mut() {
                    Some(Frame::Object {
                        key,
                        awaiting_key: true,
                    }) => {
                        *key = Some(String::from_utf8_lossy(&s).into_owned());
                    }
                    _ => consider(start, i, frames_path(&frames), in_doc),
                }
                if frames.is_empty() {
                    docs_seen += 1;
                }
            }
            _ => {
                let start = i;
                while i < bytes.len()
                    && !matches!(
                        bytes[i],
                        b',' | b'}' | b']' | b' ' | b'\t' | b'\r' | b'\n' | b':'
                    )
                {
                    i += 1;
                }
                if i == start {
                    i += 1;
                }
                if value_start {
                    consider(start, i, frames_path(&frames), in_doc);
                }
                if frames.is_empty() {
                    docs_seen += 1;
                }
            }
        }
        if docs_seen > doc && frames.is_empty() {
            break;
        }
    }
    best.map(|(_, p)| p).filter(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_parsing() {
        assert_eq!(
            parse_path("spec.template.spec.containers[0].resources.limits[nvidia.com/gpu]"),
            vec![
                Segment::Key("spec".into()),
                Segment::Key("template".into()),
                Segment::Key("spec".into()),
                Segment::Key("containers".into()),
                Segment::Index(0),
                Segment::Key("resources".into()),
                Segment::Key("limits".into()),
                Segment::Key("nvidia.com/gpu".into()),
            ]
        );
    }

    #[test]
    fn yaml_positions() {
        let text = "a: 1\n---\nkind: DaemonSet\nspec:\n  tolerations:\n  - key: x\n    effect: Evict\n  - {key: y, effect: Bad}\n";
        let p = |s| locate_yaml(text, 1, &parse_path(s));
        assert_eq!(p("spec.tolerations[0].effect"), Some((7, 13)));
        assert_eq!(p("spec.tolerations[1].effect"), Some((8, 22)));
        assert_eq!(p("kind"), Some((3, 7)));
        // missing field: the deepest existing parent
        assert_eq!(p("spec.tolerations[0].value"), Some((6, 5)));
        assert_eq!(locate_yaml(text, 0, &parse_path("a")), Some((1, 4)));
    }

    #[test]
    fn json_path_at_a_position() {
        let text = "{\"kind\": \"X\"}\n{\"metadata\": {\"labels\": {\"a.b/c\": 5}}, \"spec\": {\"list\": [1, {\"effect\": true}]}}";
        // serde_json stops just after the value: the `5` at column 36 of line 2, `true` at 76
        assert_eq!(
            json_path_at(text, 1, 2, 36).as_deref(),
            Some("metadata.labels[a.b/c]")
        );
        assert_eq!(
            json_path_at(text, 1, 2, 76).as_deref(),
            Some("spec.list[1].effect")
        );
        assert_eq!(json_path_at(text, 0, 1, 13).as_deref(), Some("kind"));
        assert_eq!(parse_path("metadata.labels[a.b/c]").len(), 3);
    }

    #[test]
    fn json_positions() {
        let text = "{\"kind\": \"X\"}\n{\"spec\": {\"list\": [1, {\"effect\": \"Evict\"}]}}";
        assert_eq!(
            locate_json(text, 1, &parse_path("spec.list[1].effect")),
            Some((2, 24))
        );
        assert_eq!(locate_json(text, 0, &parse_path("kind")), Some((1, 2)));
    }
}
