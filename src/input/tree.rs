//! The value tree every text is read into before anything is decoded: the
//! JSON that `kubectl` would send for the text (YAML converted as
//! sigs.k8s.io/yaml converts it, numbers normalized as kubectl's round
//! trip through `Unstructured` leaves them), with the byte offset where
//! each value and each key stands in the text.
//!
//! One arena per document: nodes in a `Vec`, the children of arrays and
//! objects in a second `Vec` of ids, strings either borrowed from the text
//! or kept in one buffer. Building it allocates a few vectors, not one
//! allocation per value, so a 100 MB dump stays cheap; walking it is
//! bounded by the nesting limit the readers enforce.

use std::borrow::Cow;

/// Index of a node in its [`Tree`].
pub type NodeId = u32;

/// The JSON kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

impl Kind {
    /// Go's word for it in a type error (`json: cannot unmarshal bool ...`).
    pub fn go_word(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "bool",
            Kind::Number => "number",
            Kind::String => "string",
            Kind::Array => "array",
            Kind::Object => "object",
        }
    }
}

/// Where a string's bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Str {
    /// `text[start..start + len]`.
    Borrowed { start: u32, len: u32 },
    /// `tree.owned[start..start + len]`.
    Owned { start: u32, len: u32 },
}

impl Str {
    /// The string's length in bytes.
    fn len(self) -> usize {
        match self {
            Str::Borrowed { len, .. } | Str::Owned { len, .. } => len as usize,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Data {
    Null,
    Bool(bool),
    /// The number's JSON text (normalized, see [`crate::input::number`]).
    Number(Str),
    String(Str),
    /// `links[first..first + len]` are the elements.
    Array {
        first: u32,
        len: u32,
    },
    /// `links[first..first + 2 * len]` are key, value, key, value, ...
    /// (keys are String nodes, unique: a later duplicate replaced the earlier).
    Object {
        first: u32,
        len: u32,
    },
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Node {
    pub data: Data,
    /// Byte offset in the text where the value starts.
    pub pos: u32,
}

/// One document of a text, read.
#[derive(Debug)]
pub struct Doc {
    pub tree: Tree,
    pub root: NodeId,
    /// Byte offsets of keys whose value a later repetition replaced.
    pub duplicate_keys: Vec<u32>,
}

/// How far a tree was built (see [`Tree::truncate`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mark {
    nodes: usize,
    links: usize,
    owned: usize,
}

impl Mark {
    /// The number of nodes then.
    pub(crate) fn nodes(self) -> usize {
        self.nodes
    }
}

/// One document's values.
#[derive(Debug, Clone, Default)]
pub struct Tree {
    pub(crate) nodes: Vec<Node>,
    pub(crate) links: Vec<NodeId>,
    pub(crate) owned: String,
}

impl Tree {
    #[inline(always)]
    pub(crate) fn push(&mut self, data: Data, pos: u32) -> NodeId {
        self.nodes.push(Node { data, pos });
        (self.nodes.len() - 1) as NodeId
    }

    /// How far the tree is built now.
    pub(crate) fn mark(&self) -> Mark {
        Mark {
            nodes: self.nodes.len(),
            links: self.links.len(),
            owned: self.owned.len(),
        }
    }

    /// Drops every value added since `mark`: a value read in full since
    /// then (its nodes, and its links, which close after their children,
    /// come last), once it has been used and is not needed any more.
    pub(crate) fn truncate(&mut self, mark: Mark) {
        self.nodes.truncate(mark.nodes);
        self.links.truncate(mark.links);
        self.owned.truncate(mark.owned);
    }

    /// Stores an owned string, returning its reference.
    pub(crate) fn own(&mut self, s: &str) -> Str {
        let start = self.owned.len() as u32;
        self.owned.push_str(s);
        Str::Owned {
            start,
            len: s.len() as u32,
        }
    }

    /// Closes an array whose element ids are `elems`.
    pub(crate) fn array(&mut self, elems: &[NodeId], pos: u32) -> NodeId {
        let first = self.links.len() as u32;
        self.links.extend_from_slice(elems);
        self.push(
            Data::Array {
                first,
                len: elems.len() as u32,
            },
            pos,
        )
    }

    /// Closes an object whose members are `pairs` (key id, value id,
    /// key id, value id, ...), in the order written; for a repeated key
    /// the last one stays, in the place of the first (Go's map semantics
    /// keep no order; the order kept here is the text's, for positions and
    /// messages). Returns the object and the keys that were replaced.
    pub(crate) fn object(
        &mut self,
        text: &str,
        pairs: &[NodeId],
        pos: u32,
    ) -> (NodeId, Vec<NodeId>) {
        let first = self.links.len() as u32;
        let mut replaced = Vec::new();
        let mut len = 0u32;
        // a hash of the keys only for big objects (a hostile one may have
        // 100,000 keys; real ones have a handful)
        let mut index: Option<std::collections::HashMap<String, u32>> =
            (pairs.len() > 32).then(std::collections::HashMap::new);
        for pair in pairs.chunks_exact(2) {
            let (k, v) = (pair[0], pair[1]);
            let key = self.str_of(text, k);
            let existing = match &index {
                Some(map) => map.get(key).copied(),
                // lengths first: keys of one object rarely share a length
                None => (0..len).find(|&i| {
                    let ki = self.links[(first + 2 * i) as usize];
                    self.str_len(ki) == key.len() && self.str_of(text, ki) == key
                }),
            };
            if existing.is_none() {
                if let Some(map) = &mut index {
                    map.insert(key.to_string(), len);
                }
            }
            match existing {
                Some(i) => {
                    replaced.push(self.links[(first + 2 * i) as usize]);
                    self.links[(first + 2 * i) as usize] = k;
                    self.links[(first + 2 * i + 1) as usize] = v;
                }
                None => {
                    self.links.push(k);
                    self.links.push(v);
                    len += 1;
                }
            }
        }
        (self.push(Data::Object { first, len }, pos), replaced)
    }

    /// The byte length of string node `id` (0 for other nodes), without
    /// slicing the text.
    #[inline]
    fn str_len(&self, id: NodeId) -> usize {
        match self.nodes[id as usize].data {
            Data::String(s) | Data::Number(s) => s.len(),
            _ => 0,
        }
    }

    pub(crate) fn str_of<'t>(&'t self, text: &'t str, id: NodeId) -> &'t str {
        match self.nodes[id as usize].data {
            Data::String(s) | Data::Number(s) => self.resolve(text, s),
            _ => "",
        }
    }

    pub(crate) fn resolve<'t>(&'t self, text: &'t str, s: Str) -> &'t str {
        match s {
            Str::Borrowed { start, len } => text
                .get(start as usize..(start + len) as usize)
                .unwrap_or(""),
            Str::Owned { start, len } => self
                .owned
                .get(start as usize..(start + len) as usize)
                .unwrap_or(""),
        }
    }

    /// A view of node `id`, reading strings from `text`.
    pub fn node<'t>(&'t self, text: &'t str, id: NodeId) -> Value<'t> {
        Value {
            tree: self,
            text,
            id,
        }
    }

    /// The number of nodes (for limits and tests).
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
}

/// A node of a tree, with the text its strings are read from.
#[derive(Clone, Copy)]
pub struct Value<'t> {
    tree: &'t Tree,
    text: &'t str,
    pub id: NodeId,
}

impl std::fmt::Debug for Value<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{:?}@{}", self.kind(), self.pos())
    }
}

impl<'t> Value<'t> {
    #[inline(always)]
    fn node(&self) -> &'t Node {
        &self.tree.nodes[self.id as usize]
    }

    #[inline(always)]
    pub fn kind(&self) -> Kind {
        match self.node().data {
            Data::Null => Kind::Null,
            Data::Bool(_) => Kind::Bool,
            Data::Number(_) => Kind::Number,
            Data::String(_) => Kind::String,
            Data::Array { .. } => Kind::Array,
            Data::Object { .. } => Kind::Object,
        }
    }

    /// Byte offset of the value in the text.
    #[inline(always)]
    pub fn pos(&self) -> u32 {
        self.node().pos
    }

    #[inline(always)]
    pub fn is_null(&self) -> bool {
        matches!(self.node().data, Data::Null)
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.node().data {
            Data::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// A string's value.
    pub fn as_str(&self) -> Option<&'t str> {
        match self.node().data {
            Data::String(s) => Some(self.tree.resolve(self.text, s)),
            _ => None,
        }
    }

    /// A string borrowed from the text (no escapes), for zero-copy reads.
    pub fn as_borrowed_str(&self) -> Option<Cow<'t, str>> {
        self.as_str().map(Cow::Borrowed)
    }

    /// A number's JSON text, as the API server receives it.
    pub fn number_text(&self) -> Option<&'t str> {
        match self.node().data {
            Data::Number(s) => Some(self.tree.resolve(self.text, s)),
            _ => None,
        }
    }

    /// The elements of an array (empty for anything else).
    pub fn elements(&self) -> impl ExactSizeIterator<Item = Value<'t>> + 't {
        let (first, len) = match self.node().data {
            Data::Array { first, len } => (first as usize, len as usize),
            _ => (0, 0),
        };
        let (tree, text) = (self.tree, self.text);
        tree.links[first..first + len]
            .iter()
            .map(move |&id| Value { tree, text, id })
    }

    /// The members of an object (empty for anything else): key node,
    /// value node, in the order written.
    pub fn members(&self) -> impl ExactSizeIterator<Item = (Value<'t>, Value<'t>)> + 't {
        let (first, len) = match self.node().data {
            Data::Object { first, len } => (first as usize, len as usize),
            _ => (0, 0),
        };
        let (tree, text) = (self.tree, self.text);
        tree.links[first..first + 2 * len]
            .chunks_exact(2)
            .map(move |p| {
                (
                    Value {
                        tree,
                        text,
                        id: p[0],
                    },
                    Value {
                        tree,
                        text,
                        id: p[1],
                    },
                )
            })
    }

    /// The number of elements or members.
    pub fn len(&self) -> usize {
        match self.node().data {
            Data::Array { len, .. } | Data::Object { len, .. } => len as usize,
            _ => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Member `i` of an object (key node, value node), in the order written.
    pub(crate) fn member_at(&self, i: usize) -> Option<(Value<'t>, Value<'t>)> {
        match self.node().data {
            Data::Object { first, len } if i < len as usize => {
                let at = first as usize + 2 * i;
                let (k, v) = (self.tree.links[at], self.tree.links[at + 1]);
                Some((self.tree.node(self.text, k), self.tree.node(self.text, v)))
            }
            _ => None,
        }
    }

    /// A member's value by key.
    pub fn get(&self, key: &str) -> Option<Value<'t>> {
        self.member(key).map(|(_, v)| v)
    }

    /// A member (key node, value node) by key.
    pub fn member(&self, key: &str) -> Option<(Value<'t>, Value<'t>)> {
        self.members().find(|(k, _)| k.as_str() == Some(key))
    }

    /// An element by index.
    pub fn at(&self, i: usize) -> Option<Value<'t>> {
        match self.node().data {
            Data::Array { first, len } if i < len as usize => Some(
                self.tree
                    .node(self.text, self.tree.links[first as usize + i]),
            ),
            _ => None,
        }
    }

    /// The text a value came from.
    pub fn text(&self) -> &'t str {
        self.text
    }

    pub fn tree(&self) -> &'t Tree {
        self.tree
    }
}
