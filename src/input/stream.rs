//! What the JSON and YAML readers hand out as they read: each document
//! once it is read in full, and before that, one at a time, the elements
//! of the `items` array of a document's top-level object (a `List`, as
//! `kubectl get nodes -o json` prints it), so that a 100 MB list is used
//! item by item and never held as one tree: an item that was used is
//! dropped from its document's tree (a `null` stands in its place).
//!
//! Whether the document is a list at all is only known at its end (kubectl
//! prints `kind: List` after `items`). A reader that is told so then reads
//! the document again and hands out no item ([`Docs::doc`] returns
//! `false`); the receiver undoes what it did with the items. Neither ever
//! happens for a list.

use super::tree::{Doc, NodeId, Value};

/// The items of a document that [`Docs::item`] used.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Taken {
    /// The `items` array they came from (its node in the document's tree).
    pub items: Option<NodeId>,
    /// How many, from the first on.
    pub count: usize,
}

/// What an item may take before a limit of the reader is reached: values
/// (each key and each value counts, as in a value tree) and nesting
/// (containers open at once, the item's own object included).
#[derive(Debug, Clone, Copy)]
#[cfg(feature = "direct")]
pub(crate) struct Room {
    pub values: usize,
    pub depth: usize,
}

/// An item used straight from the text: what the reader would have
/// read of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg(feature = "direct")]
pub(crate) struct ItemRead {
    /// The offset after its closing brace.
    pub end: usize,
    /// Its keys and values, as a value tree counts them.
    pub values: usize,
    /// Where its last value starts (a limit reached right after the item
    /// is reported there).
    pub last: usize,
}

/// The receiver of a text's documents.
pub(crate) trait Docs {
    /// Reading has come to byte `pos` of the text.
    fn read_to(&mut self, pos: usize);

    /// Element `index` of the `items` array of the current document's
    /// top-level object, read in full: whether it was used (its values
    /// are then dropped). Once one is not used, no later one of the same
    /// document is offered.
    fn item(&mut self, item: Value, index: usize) -> bool;

    /// Element `index` of the `items` array (as [`Docs::item`]), an object
    /// starting at byte `pos`, not read yet: used straight from the text
    /// when it can be (see [`super::direct`]), with `room` left before a
    /// limit of the reader; then the offset after it and the values it
    /// has (see [`ItemRead`]). `None`: the reader reads it and offers it
    /// to [`Docs::item`].
    #[cfg(feature = "direct")]
    fn direct_item(&mut self, _pos: usize, _index: usize, _room: Room) -> Option<ItemRead> {
        None
    }

    /// A document, read in full, `taken` of its items used already.
    /// `false`: it is not what the items were taken for; the reader reads
    /// it again, offering no item.
    fn doc(&mut self, doc: Doc, taken: Taken) -> bool;
}

/// Keeps every document and uses no item (tests and small readers).
#[derive(Default)]
pub(crate) struct Collect {
    pub docs: Vec<Doc>,
}

impl Docs for Collect {
    fn read_to(&mut self, _: usize) {}

    fn item(&mut self, _: Value, _: usize) -> bool {
        false
    }

    fn doc(&mut self, doc: Doc, _: Taken) -> bool {
        self.docs.push(doc);
        true
    }
}
