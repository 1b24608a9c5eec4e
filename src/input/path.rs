//! Field paths (`spec.template.spec.tolerations[1].effect`,
//! `spec.template.spec.nodeSelector[disk]`) and, for the objects whose
//! fields are looked up after reading (the workloads: their validation
//! errors and warnings come later), an index from every path of the
//! object to where its key and value stand in the text. Built once per
//! object while the text's tree exists; a lookup is a hash probe.

use super::text::LineIndex;
use super::tree::{Kind, Value};
use std::collections::HashMap;

/// One step of a field path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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

/// Appends a map key to a field path as Kubernetes' `field.Path` prints
/// it: `a.b`, or `a[b.c/d]` for a key with a dot, a slash or a bracket.
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

/// A line and column (1-based, the column in characters).
pub type Pos = (u32, u32);

/// Where every field of one object stands.
///
/// Each field is an entry linked to its parent's (a map from the parent's
/// entry and the step to the child's), so that the index takes a key's
/// text once however deep the field is: it kept every field's whole path,
/// and a DaemonSet with 100,000 env vars took 44 times its text's size.
#[derive(Debug, Clone, Default)]
pub struct FieldIndex {
    /// (Parent entry, step) → entry. The object itself is entry 0.
    children: HashMap<(u32, Segment), u32>,
    /// Each entry's (position of its key, position of its value).
    pos: Vec<(Option<Pos>, Pos)>,
}

impl FieldIndex {
    /// Indexes every value below `root` (at most `max` entries: an object
    /// bigger than that keeps the first ones; lookups then fall back to
    /// the deepest indexed parent).
    pub fn build(root: Value, lines: &LineIndex, max: usize) -> FieldIndex {
        let text = root.text();
        let mut children = HashMap::new();
        let mut pos = Vec::new();
        // (parent entry and step, key position, value)
        type Next<'t> = (Option<(u32, Segment)>, Option<u32>, Value<'t>);
        let mut stack: Vec<Next> = vec![(None, None, root)];
        while let Some((link, key, v)) = stack.pop() {
            if pos.len() >= max {
                break;
            }
            let id = pos.len() as u32;
            pos.push((
                key.map(|k| lines.position(text, k)),
                lines.position(text, v.pos()),
            ));
            if let Some(link) = link {
                children.insert(link, id);
            }
            match v.kind() {
                Kind::Object => {
                    for (k, child) in v.members() {
                        let step = Segment::Key(k.as_str().unwrap_or("").to_string());
                        stack.push((Some((id, step)), Some(k.pos()), child));
                    }
                }
                Kind::Array => {
                    for (i, child) in v.elements().enumerate() {
                        stack.push((Some((id, Segment::Index(i))), None, child));
                    }
                }
                _ => {}
            }
        }
        FieldIndex { children, pos }
    }

    /// The entry of `path`, or of its deepest indexed parent.
    fn entry(&self, path: &str) -> Option<usize> {
        if self.pos.is_empty() {
            return None;
        }
        let mut at = 0u32;
        for step in parse_path(path) {
            match self.children.get(&(at, step)) {
                Some(&child) => at = child,
                None => break,
            }
        }
        Some(at as usize)
    }

    /// The position of `path`'s value, or of its deepest indexed parent's.
    pub fn value(&self, path: &str) -> Option<Pos> {
        self.entry(path).map(|e| self.pos[e].1)
    }

    /// The position of `path`'s key (its value's for an array element), or
    /// of its deepest indexed parent's.
    pub fn key(&self, path: &str) -> Option<Pos> {
        self.entry(path).map(|e| {
            let (k, v) = self.pos[e];
            k.unwrap_or(v)
        })
    }

    pub fn len(&self) -> usize {
        self.pos.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pos.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::limits::Limits;
    use crate::input::yaml;

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
        let mut p = String::from("metadata.labels");
        push_key(&mut p, "app.kubernetes.io/name");
        assert_eq!(p, "metadata.labels[app.kubernetes.io/name]");
    }

    #[test]
    fn keys_values_and_the_deepest_parent() {
        let text = "kind: DaemonSet\nspec:\n  tolerations:\n  - key: x\n    effect: Evict\n  - {key: y, effect: Bad}\n";
        let (docs, _) = yaml::read(text, &Limits::default());
        let lines = LineIndex::new(text);
        let ix = FieldIndex::build(docs[0].tree.node(text, docs[0].root), &lines, 10_000);
        assert_eq!(ix.value("spec.tolerations[0].effect"), Some((5, 13)));
        assert_eq!(ix.key("spec.tolerations[0].effect"), Some((5, 5)));
        assert_eq!(ix.value("spec.tolerations[1].effect"), Some((6, 22)));
        assert_eq!(ix.value("kind"), Some((1, 7)));
        // a missing field: its deepest parent
        assert_eq!(ix.value("spec.tolerations[0].value"), Some((4, 5)));
        assert_eq!(ix.len(), 10);
        // an index of its first entries only (the object, then depth first
        // from its last member): the others fall back to a parent
        let ix = FieldIndex::build(docs[0].tree.node(text, docs[0].root), &lines, 3);
        assert_eq!(ix.len(), 3);
        let tolerations = ix.value("spec.tolerations");
        assert!(tolerations.is_some());
        assert_ne!(tolerations, ix.value("spec"));
        assert_eq!(ix.value("spec.tolerations[1].effect"), tolerations);
        assert_eq!(ix.value("kind"), Some((1, 1)));
        assert_eq!(ix.key("spec.tolerations"), Some((3, 3)));
        let none = FieldIndex::build(docs[0].tree.node(text, docs[0].root), &lines, 0);
        assert_eq!(none.value("kind"), None);
    }
}
