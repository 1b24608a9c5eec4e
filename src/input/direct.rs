//! The direct reader: one element of a JSON list's `items` (a node of
//! `kubectl get nodes -o json`, a pod of `kubectl get pods -o json`)
//! straight from its text into a model object, for the objects the exact
//! path would take without a word.
//!
//! The exact path builds the item's value tree ([`super::json`]), walks it
//! against the schema ([`super::strict`]) and decodes it into the model
//! ([`super::decode`]): three passes, most of the time a big dump takes.
//! This reader does the three at once, checking each value against its
//! schema shape as the strict walk would and filling the model's field
//! ([`Slot`]) as the decoding would, and it gives up at the first thing
//! that would make the exact path say anything or do anything else: a
//! syntax error, an unknown field, a value of the wrong type, a quantity,
//! time or number the API server would refuse, a repeated key, a `null`
//! where the decoding would make something of it, a limit within reach.
//! The caller then reads the same item the exact way, from the same byte,
//! so every message, position and limit stays what it was: giving up is
//! always correct, only slower (tests read every input both ways and
//! compare).

use super::json::{scan_number, scan_string, skip_space};
use super::stream::{ItemRead, Room};
use super::strict::rfc3339_error;
use crate::k8s::model::deserialize::{Fields, Slot};
use crate::k8s::model::{IntOrString, QuantityText, ResourceList, StringMap};
use crate::k8s::quantity::Quantity;
use crate::k8s::schema::{self, same_bytes, Shape, TypeId};
use std::borrow::Cow;

/// The exact path must read the item.
#[derive(Debug)]
struct GiveUp;

type R<T> = Result<T, GiveUp>;

/// Nesting this reader goes into (deeper items are read the exact way,
/// whose reader keeps no call stack).
const MAX_NESTING: usize = 64;

/// A read item: what the exact reader would have read of it, and where
/// the value of its `metadata.name` starts, if it has one.
pub(crate) type Read = (ItemRead, Option<u32>);

/// Which object's members are being read: the item's own (whose
/// `metadata` is noted), its `metadata` (whose `name` is), or another.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Item,
    Meta,
    Other,
}

/// What the reading of one list's items remembers from item to item.
#[derive(Debug, Default)]
pub(crate) struct Memo {
    /// Quantities found valid (the nodes of a pool have the same
    /// capacities): `Quantity::parse` takes longer than a lookup. A small
    /// table a text goes to one place of (by a hash of its bytes), the
    /// last one found there kept: a dump has a few dozen distinct
    /// quantities.
    quantities: Vec<Option<Box<str>>>,
    /// The text the items are read from (its address and length): what
    /// `before` and `now` point into.
    text: (usize, usize),
    /// The objects and arrays the model keeps nothing of (`managedFields`,
    /// their `fieldsV1`, `nodeInfo`), in the order they were met in the
    /// last item read, and in the one being read.
    before: Vec<Unkept>,
    now: Vec<Unkept>,
    /// Unkept containers compared, not read (tests see that they are).
    #[cfg(test)]
    compared: usize,
}

/// An object or array read only to check it, where the item's text has it.
///
/// The nodes of a pool repeat most of these word for word (a kubelet's
/// `fieldsV1` lists the same fields on every node): the same text in the
/// same place of the next item, checked against the same schema, is read
/// the same way, so it is compared, not read again. A container ends at
/// its closing bracket whatever follows, so equal text is the same value;
/// what reading it did to the item (values counted, nesting, where its
/// last value starts) is what it did before.
#[derive(Debug, Clone, Copy)]
struct Unkept {
    shape: Shape,
    start: usize,
    len: usize,
    /// Values and keys it holds, and the nesting it opens.
    values: usize,
    depth: usize,
    /// Where its last value starts, from its start.
    last: usize,
    /// How many of the unkept containers that follow it are inside it.
    inner: usize,
}

/// The unkept containers of an item a [`Memo`] keeps at most: a node has
/// a dozen or two; an item of a million empty objects (8 MB of text)
/// would otherwise hold two lists of a million entries.
const MEMO_UNKEPT: usize = 256;

/// Whether `a` and `b` are the same schema shape (the same check).
fn same_shape(a: Shape, b: Shape) -> bool {
    match (a, b) {
        (Shape::Object(x), Shape::Object(y)) => x == y,
        (Shape::Array(x), Shape::Array(y)) | (Shape::Map(x), Shape::Map(y)) => std::ptr::eq(x, y),
        (Shape::FreeForm, Shape::FreeForm) => true,
        _ => false,
    }
}

/// Quantities a [`Memo`] keeps at most (a power of two).
const MEMO_QUANTITIES: usize = 512;

impl Memo {
    /// Whether the API server takes `text` as a quantity.
    fn valid_quantity(&mut self, text: &str) -> bool {
        let hash = text.bytes().fold(text.len() as u32, |h, b| {
            (h.rotate_left(5) ^ u32::from(b)).wrapping_mul(0x9e37_79b9)
        });
        let at = (hash >> 16) as usize % MEMO_QUANTITIES;
        if self.quantities.is_empty() {
            self.quantities.resize(MEMO_QUANTITIES, None);
        }
        if self.quantities[at].as_deref() == Some(text) {
            return true;
        }
        let valid = Quantity::parse(text).is_ok();
        if valid {
            self.quantities[at] = Some(text.into());
        }
        valid
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ` with a valid date and time, what the API
/// server writes in every timestamp, checked at once (any other text is
/// left to [`rfc3339_error`], which takes this one too).
fn utc_second(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
        || b[19] != b'Z'
    {
        return false;
    }
    let n = |at: usize, len: usize| {
        b[at..at + len].iter().try_fold(0u32, |v, &c| {
            c.is_ascii_digit().then(|| v * 10 + u32::from(c - b'0'))
        })
    };
    let (Some(year), Some(month), Some(day), Some(h), Some(m), Some(sec)) =
        (n(0, 4), n(5, 2), n(8, 2), n(11, 2), n(14, 2), n(17, 2))
    else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day) && h < 24 && m < 60 && sec < 60
}

/// Reading one item.
pub(crate) struct Direct<'a> {
    text: &'a str,
    memo: &'a mut Memo,
    b: &'a [u8],
    i: usize,
    values: usize,
    /// Where the last value read starts.
    last: usize,
    room: Room,
    depth: usize,
    /// The deepest nesting reached (since the unkept container being
    /// read started).
    deepest: usize,
    /// The keys of the objects open, to find a repeated one.
    keys: Vec<Cow<'a, str>>,
    /// A list of strings being read (kept for the next one).
    strings: Vec<String>,
    /// The members of a string map or a resource list being read (kept
    /// for the next one; a string map's as they are in the text).
    pairs: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    name_pos: Option<u32>,
}

/// The start of an item: its reader (after its first two members), its
/// `apiVersion` and its `kind`.
pub(crate) type Head<'a> = (Direct<'a>, Cow<'a, str>, Cow<'a, str>);

impl<'a> Direct<'a> {
    /// Starts the object at `pos`, whose first two members must be its
    /// `apiVersion` and `kind` (in either order, strings), as kubectl
    /// writes them, so that the caller knows what to read it into.
    pub(crate) fn start(
        text: &'a str,
        pos: usize,
        room: Room,
        memo: &'a mut Memo,
    ) -> Option<Head<'a>> {
        let mut d = Direct {
            text,
            memo,
            b: text.as_bytes(),
            i: pos,
            values: 0,
            last: pos,
            room: Room {
                values: room.values,
                depth: room.depth.min(MAX_NESTING),
            },
            depth: 0,
            deepest: 0,
            keys: Vec::new(),
            strings: Vec::new(),
            pairs: Vec::new(),
            name_pos: None,
        };
        let id = (text.as_ptr() as usize, text.len());
        if d.memo.text != id {
            d.memo.text = id;
            d.memo.before.clear();
        }
        d.memo.now.clear();
        d.open(b'{').ok()?;
        let (mut api_version, mut kind) = (None, None);
        for first in [true, false] {
            let key = d.key(first).ok()??;
            if d.peek() != Some(b'"') {
                return None;
            }
            let v = d.string().ok()?;
            d.count().ok()?;
            match &*key {
                "apiVersion" if api_version.is_none() => api_version = Some(v),
                "kind" if kind.is_none() => kind = Some(v),
                _ => return None,
            }
            d.keys.push(key);
        }
        Some((d, api_version?, kind?))
    }

    /// Reads the rest of the item into `target`, an object of struct type
    /// `ty` (the one its `apiVersion` and `kind` say).
    pub(crate) fn finish(mut self, ty: TypeId, target: &mut dyn Fields) -> Option<Read> {
        // the two members read first are fields met
        let mut met = 0;
        for key in std::mem::take(&mut self.keys) {
            match schema::field_index(ty, &key) {
                Some((i, _)) if i < 64 => met |= 1 << i,
                _ => return None,
            }
        }
        self.members(ty, Some(target), Role::Item, false, met)
            .ok()?;
        let read = ItemRead {
            end: self.i,
            values: self.values,
            last: self.last,
        };
        let memo = &mut *self.memo;
        std::mem::swap(&mut memo.before, &mut memo.now);
        Some((read, self.name_pos))
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    #[inline(always)]
    fn space(&mut self) {
        // (most values and keys follow what comes before them at once)
        if self.peek().is_some_and(|c| c > b' ') {
            return;
        }
        self.i = skip_space(self.b, self.i);
    }

    /// One more value (or key) in the item.
    fn count(&mut self) -> R<()> {
        self.values += 1;
        if self.values > self.room.values {
            return Err(GiveUp);
        }
        Ok(())
    }

    /// Opens a container at its first byte `c`.
    fn open(&mut self, c: u8) -> R<()> {
        if self.peek() != Some(c) || self.depth >= self.room.depth {
            return Err(GiveUp);
        }
        self.count()?;
        self.depth += 1;
        self.deepest = self.deepest.max(self.depth);
        self.i += 1;
        Ok(())
    }

    fn string(&mut self) -> R<Cow<'a, str>> {
        let (s, end) = scan_string(self.text, self.i).map_err(|_| GiveUp)?;
        self.i = end;
        Ok(s)
    }

    /// Before an object's member (`first`: the first one): its key, the
    /// colon read and the value next; `None` at the object's end.
    fn key(&mut self, first: bool) -> R<Option<Cow<'a, str>>> {
        self.space();
        match self.peek() {
            Some(b'}') => {
                self.i += 1;
                self.depth -= 1;
                return Ok(None);
            }
            Some(b',') if !first => {
                self.i += 1;
                self.space();
            }
            Some(b'"') if first => {}
            _ => return Err(GiveUp),
        }
        if self.peek() != Some(b'"') {
            return Err(GiveUp);
        }
        let key = self.string()?;
        self.count()?;
        self.space();
        if self.peek() != Some(b':') {
            return Err(GiveUp);
        }
        self.i += 1;
        self.space();
        self.last = self.i;
        Ok(Some(key))
    }

    /// Before an array's element (`first`: the first one): whether there
    /// is one (next), or the array has ended.
    fn element(&mut self, first: bool) -> R<bool> {
        self.space();
        match self.peek() {
            Some(b']') => {
                self.i += 1;
                self.depth -= 1;
                Ok(false)
            }
            Some(b',') if !first => {
                self.i += 1;
                self.space();
                self.last = self.i;
                Ok(true)
            }
            Some(_) if first => {
                self.last = self.i;
                Ok(true)
            }
            _ => Err(GiveUp),
        }
    }

    /// A `null` member value (the exact path leaves the member out, as
    /// kubectl deleted it before sending).
    fn null(&mut self) -> R<bool> {
        if self.b[self.i..].starts_with(b"null") {
            self.i += 4;
            self.count()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    /// The keys of the object read since `from`: none repeated (a
    /// repeated key is a warning of the exact path).
    fn distinct_keys(&mut self, from: usize) -> R<()> {
        let keys = &mut self.keys[from..];
        // kubectl writes every object's keys in order: then one look at
        // each pair of neighbours tells that none repeats
        let repeated = if keys.windows(2).all(|w| w[0] < w[1]) {
            false
        } else if keys.len() <= 16 {
            (1..keys.len()).any(|i| keys[..i].contains(&keys[i]))
        } else {
            keys.sort_unstable();
            keys.windows(2).any(|w| w[0] == w[1])
        };
        self.keys.truncate(from);
        if repeated {
            return Err(GiveUp);
        }
        Ok(())
    }

    /// The members of an object of struct type `ty` (its opening brace
    /// read; `first`: no member of it read yet, else those read are
    /// `met`), each checked by the schema and, where `target` has a field
    /// for it, filled in.
    fn members(
        &mut self,
        ty: TypeId,
        mut target: Option<&mut dyn Fields>,
        role: Role,
        first: bool,
        mut met: u64,
    ) -> R<()> {
        let from = self.keys.len();
        let mut first = first;
        // `met`: the fields met, by index (a repeated one is a repeated
        // key); the keys of the others (null members of no field) are
        // kept to compare
        while let Some(key) = self.key(first)? {
            first = false;
            if role == Role::Meta && &*key == "name" {
                self.name_pos = Some(self.i as u32);
            }
            let field = schema::field_index(ty, &key);
            match field {
                Some((i, _)) if i < 64 => {
                    if met & 1 << i != 0 {
                        return Err(GiveUp);
                    }
                    met |= 1 << i;
                }
                _ => self.keys.push(key.clone()),
            }
            if !self.null()? {
                let (_, field) = field.ok_or(GiveUp)?;
                let slot = target.as_deref_mut().and_then(|t| t.slot(&key));
                let role = if role == Role::Item && &*key == "metadata" {
                    Role::Meta
                } else {
                    Role::Other
                };
                self.value(field.shape, slot, role)?;
            }
        }
        self.distinct_keys(from)
    }

    /// One value of shape `shape`, into `slot` if there is one.
    fn value(&mut self, shape: Shape, slot: Option<Slot<'_>>, role: Role) -> R<()> {
        if slot.is_none() && role == Role::Other && matches!(self.peek(), Some(b'{' | b'[')) {
            return self.unkept(shape);
        }
        self.read_value(shape, slot, role)
    }

    /// An object or array of shape `shape` that the model keeps nothing
    /// of: compared with the one in the same place of the item before
    /// (see [`Unkept`]), read if it differs.
    fn unkept(&mut self, shape: Shape) -> R<()> {
        let start = self.i;
        let k = self.memo.now.len();
        if k >= MEMO_UNKEPT {
            // (the same in every item: its containers from here on are read)
            return self.read_value(shape, None, Role::Other);
        }
        if let Some(&u) = self.memo.before.get(k) {
            if same_shape(u.shape, shape)
                && self.values + u.values <= self.room.values
                && self.depth + u.depth <= self.room.depth
                && self
                    .b
                    .get(start..start + u.len)
                    .is_some_and(|t| same_bytes(t, &self.b[u.start..u.start + u.len]))
            {
                self.i = start + u.len;
                self.values += u.values;
                self.last = start + u.last;
                self.deepest = self.deepest.max(self.depth + u.depth);
                let memo = &mut *self.memo;
                memo.now.extend_from_slice(&memo.before[k..=k + u.inner]);
                #[cfg(test)]
                {
                    memo.compared += 1;
                }
                return Ok(());
            }
        }
        self.memo.now.push(Unkept {
            shape,
            start,
            len: 0,
            values: 0,
            depth: 0,
            last: 0,
            inner: 0,
        });
        let (values, deepest) = (self.values, self.deepest);
        self.deepest = self.depth;
        self.read_value(shape, None, Role::Other)?;
        self.memo.now[k] = Unkept {
            shape,
            start,
            len: self.i - start,
            values: self.values - values,
            depth: self.deepest - self.depth,
            last: self.last - start,
            inner: self.memo.now.len() - k - 1,
        };
        self.deepest = self.deepest.max(deepest);
        Ok(())
    }

    /// [`Direct::value`], read.
    fn read_value(&mut self, shape: Shape, slot: Option<Slot<'_>>, role: Role) -> R<()> {
        match (self.peek(), shape) {
            (Some(b'{'), Shape::Object(ty)) => {
                let target: Option<&mut dyn Fields> = match slot {
                    None => None,
                    Some(Slot::Struct(f)) => Some(f),
                    Some(Slot::OptStruct(f)) => Some(f.set_default()),
                    Some(_) => return Err(GiveUp),
                };
                self.open(b'{')?;
                self.members(ty, target, role, true, 0)
            }
            (Some(b'{'), Shape::Map(val)) => self.map(val.shape, slot),
            (Some(b'['), Shape::Array(elem)) => self.array(elem.shape, slot),
            (Some(b'{' | b'['), Shape::FreeForm) if slot.is_none() => self.any(),
            (Some(b'{' | b'['), _) => Err(GiveUp),
            _ => self.scalar(shape, slot),
        }
    }

    /// An object whose values have shape `val`: a label map, a resource
    /// list, or one the model does not keep.
    fn map(&mut self, val: Shape, slot: Option<Slot<'_>>) -> R<()> {
        match slot {
            None => self.object_members(|d, _| d.value(val, None, Role::Other)),
            Some(Slot::Map(m)) => {
                if !matches!(val, Shape::String) {
                    return Err(GiveUp);
                }
                let mut pairs = std::mem::take(&mut self.pairs);
                let read = self.object_members(|d, key| {
                    if d.peek() != Some(b'"') {
                        return Err(GiveUp);
                    }
                    let v = d.string()?;
                    d.count()?;
                    pairs.push((key.clone(), v));
                    Ok(())
                });
                *m = StringMap::from_pairs(&pairs);
                pairs.clear();
                self.pairs = pairs;
                read
            }
            Some(Slot::Resources(m)) => self.resources(val, m),
            Some(Slot::OptResources(m)) => self.resources(val, m.insert(Default::default())),
            Some(_) => Err(GiveUp),
        }
    }

    /// A resource list (`capacity`, `allocatable`) into `m`.
    fn resources(&mut self, val: Shape, m: &mut ResourceList) -> R<()> {
        if !matches!(val, Shape::Quantity) {
            return Err(GiveUp);
        }
        let mut pairs = std::mem::take(&mut self.pairs);
        let read = self.object_members(|d, key| {
            let text = d.quantity()?;
            pairs.push((key.clone(), text));
            Ok(())
        });
        *m = ResourceList::from(StringMap::from_pairs(&pairs));
        pairs.clear();
        self.pairs = pairs;
        read
    }

    /// The members of an object whose opening brace is next: `each`
    /// reads a member's value (one that is not `null`) after its key; no
    /// key may come twice.
    fn object_members(&mut self, mut each: impl FnMut(&mut Self, &Cow<'a, str>) -> R<()>) -> R<()> {
        self.open(b'{')?;
        let from = self.keys.len();
        let mut first = true;
        while let Some(key) = self.key(first)? {
            first = false;
            if !self.null()? {
                each(self, &key)?;
            }
            self.keys.push(key);
        }
        self.distinct_keys(from)
    }

    /// An array whose elements have shape `elem`.
    fn array(&mut self, elem: Shape, slot: Option<Slot<'_>>) -> R<()> {
        self.open(b'[')?;
        let mut first = true;
        match slot {
            None => {
                while self.element(first)? {
                    first = false;
                    if !self.null()? {
                        self.value(elem, None, Role::Other)?;
                    }
                }
            }
            Some(Slot::Structs(list)) => {
                let Shape::Object(ty) = elem else {
                    return Err(GiveUp);
                };
                list.clear();
                // (room for most lists at once, given back after)
                list.reserve(16);
                while self.element(first)? {
                    first = false;
                    let e = list.push_default();
                    self.open(b'{')?;
                    self.members(ty, Some(e), Role::Other, true, 0)?;
                }
                list.shrink();
            }
            Some(Slot::Strs(list)) => {
                // gathered first, so that the list is allocated once
                let mut strings = std::mem::take(&mut self.strings);
                let read = (|| {
                    while self.element(first)? {
                        first = false;
                        let mut s = String::new();
                        self.scalar(elem, Some(Slot::Str(&mut s)))?;
                        strings.push(s);
                    }
                    Ok(())
                })();
                *list = Vec::with_capacity(strings.len());
                list.append(&mut strings);
                self.strings = strings;
                read?;
            }
            Some(Slot::StrsFrom(list, from)) => {
                // onto the end of the list, each as it is in the text
                if !matches!(elem, Shape::String) {
                    return Err(GiveUp);
                }
                list.truncate(from);
                while self.element(first)? {
                    first = false;
                    if self.peek() != Some(b'"') {
                        return Err(GiveUp);
                    }
                    let s = self.string()?;
                    self.count()?;
                    list.push(&s);
                }
            }
            Some(Slot::I64s(list)) => {
                list.clear();
                while self.element(first)? {
                    first = false;
                    let mut n = None;
                    self.scalar(elem, Some(Slot::OptI64(&mut n)))?;
                    list.push(n.ok_or(GiveUp)?);
                }
                list.shrink_to_fit();
            }
            Some(_) => return Err(GiveUp),
        }
        Ok(())
    }

    /// A quantity: a string or an integer the API server takes as one,
    /// as written.
    fn quantity(&mut self) -> R<Cow<'a, str>> {
        match self.peek() {
            Some(b'"') => {
                let s = self.string()?;
                self.count()?;
                if !self.memo.valid_quantity(s.trim()) {
                    return Err(GiveUp);
                }
                Ok(s)
            }
            Some(b'-' | b'0'..=b'9') => {
                let start = self.i;
                self.i = scan_number(self.b, start).map_err(|_| GiveUp)?;
                self.count()?;
                let lit = &self.text[start..self.i];
                // an integer written as the API server receives it (any
                // other number is left to the exact path; the scanner
                // leaves no sign but `-` and no leading zero but in `0`
                // and `-0`, which the server receives as `0`)
                if lit == "-0" || lit.parse::<i64>().is_err() || !self.memo.valid_quantity(lit) {
                    return Err(GiveUp);
                }
                Ok(Cow::Borrowed(lit))
            }
            _ => Err(GiveUp),
        }
    }

    /// A string, number or boolean of shape `shape` (anything else gives
    /// up), into `slot`.
    fn scalar(&mut self, shape: Shape, slot: Option<Slot<'_>>) -> R<()> {
        if let Shape::Quantity = shape {
            let text = self.quantity()?;
            return match slot {
                None => Ok(()),
                Some(Slot::OptQuantity(f)) => {
                    *f = Some(QuantityText(text.into_owned()));
                    Ok(())
                }
                Some(_) => Err(GiveUp),
            };
        }
        match self.peek() {
            Some(b'"') => {
                let s = self.string()?;
                self.count()?;
                let fits = match shape {
                    Shape::String | Shape::Bytes | Shape::IntOrString | Shape::FreeForm => true,
                    Shape::Time => utc_second(&s) || rfc3339_error(&s).is_none(),
                    _ => false,
                };
                if !fits {
                    return Err(GiveUp);
                }
                match slot {
                    None => {}
                    Some(Slot::Str(f)) => *f = String::from(&*s),
                    Some(Slot::OptStr(f)) => *f = Some(String::from(&*s)),
                    Some(Slot::OptIntOrString(f)) => {
                        *f = Some(IntOrString::String(String::from(&*s)))
                    }
                    Some(_) => return Err(GiveUp),
                }
            }
            Some(b'-' | b'0'..=b'9') => {
                let start = self.i;
                self.i = scan_number(self.b, start).map_err(|_| GiveUp)?;
                self.count()?;
                let lit = &self.text[start..self.i];
                if matches!(shape, Shape::FreeForm) && slot.is_none() {
                    return Ok(());
                }
                // an integer written as the API server receives it (any
                // other number is left to the exact path)
                // (the scanner leaves no sign but `-` and no leading zero
                // but in `0` and `-0`, which the server receives as `0`)
                let n: i64 = match lit.parse() {
                    Ok(n) if lit != "-0" => n,
                    _ => return Err(GiveUp),
                };
                let fits = match shape {
                    Shape::Int32 | Shape::IntOrString => i32::try_from(n).is_ok(),
                    Shape::Int64 | Shape::Float64 => true,
                    _ => false,
                };
                if !fits {
                    return Err(GiveUp);
                }
                match slot {
                    None => {}
                    Some(Slot::I32(f)) => *f = i32::try_from(n).map_err(|_| GiveUp)?,
                    Some(Slot::OptI32(f)) => *f = Some(i32::try_from(n).map_err(|_| GiveUp)?),
                    Some(Slot::OptI64(f)) => *f = Some(n),
                    Some(Slot::I64(f)) => *f = n,
                    Some(Slot::OptIntOrString(f)) => *f = Some(IntOrString::Int(n)),
                    Some(_) => return Err(GiveUp),
                }
            }
            Some(b't' | b'f') => {
                let value = self.b[self.i..].starts_with(b"true");
                let word: &[u8] = if value { b"true" } else { b"false" };
                if !self.b[self.i..].starts_with(word) {
                    return Err(GiveUp);
                }
                self.i += word.len();
                self.count()?;
                if !matches!(shape, Shape::Bool | Shape::FreeForm) {
                    return Err(GiveUp);
                }
                match slot {
                    None => {}
                    Some(Slot::OptBool(f)) => *f = Some(value),
                    Some(_) => return Err(GiveUp),
                }
            }
            _ => return Err(GiveUp),
        }
        Ok(())
    }

    /// Any JSON value, kept nowhere (`managedFields[].fieldsV1`).
    fn any(&mut self) -> R<()> {
        match self.peek() {
            Some(b'{') => self.object_members(|d, _| d.any()),
            Some(b'[') => {
                self.open(b'[')?;
                let mut first = true;
                while self.element(first)? {
                    first = false;
                    if !self.null()? {
                        self.any()?;
                    }
                }
                Ok(())
            }
            _ => self.scalar(Shape::FreeForm, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::decode::decode;
    use crate::input::json;
    use crate::input::limits::Limits;
    use crate::input::strict;
    use crate::k8s::model::{Node, Pod};
    use crate::k8s::schema::root;

    const ROOM: Room = Room {
        values: usize::MAX,
        depth: usize::MAX,
    };

    fn read_file(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
        std::fs::read_to_string(path).unwrap()
    }

    /// The offsets where the items of the JSON list `text` start.
    fn item_starts(text: &str) -> Vec<usize> {
        let (docs, err) = json::read(text, &Limits::default());
        assert_eq!(err, None);
        let root = docs[0].tree.node(text, docs[0].root);
        let items = root.get("items").unwrap();
        items.elements().map(|v| v.pos() as usize).collect()
    }

    /// The exact path's reading of one item's text, as a `T` (the strict
    /// check must accept it), and its count of values.
    fn exact<T: serde::de::DeserializeOwned>(text: &str, ty: TypeId) -> (T, usize) {
        let (docs, err) = json::read(text, &Limits::default());
        assert_eq!(err, None);
        assert!(docs[0].duplicate_keys.is_empty());
        let v = docs[0].tree.node(text, docs[0].root);
        let checked = strict::check(v, ty);
        assert!(checked.problems.is_empty(), "{:?}", checked.problems);
        (decode(v, None).unwrap(), docs[0].tree.len())
    }

    /// The item at `start` read directly as a `T`: it must be what the
    /// exact path makes of it, with as many values; what it read, its
    /// text, and where its name is.
    fn read_as<'t, T>(
        text: &'t str,
        start: usize,
        d: Direct,
        ty: TypeId,
        file: &str,
    ) -> (ItemRead, &'t str, Option<u32>)
    where
        T: Fields + Default + PartialEq + std::fmt::Debug + serde::de::DeserializeOwned,
    {
        let mut object = T::default();
        let (got, name) = d.finish(ty, &mut object).unwrap();
        let item = &text[start..got.end];
        let (want, values) = exact::<T>(item, ty);
        assert_eq!(object, want, "{file}");
        assert_eq!(got.values, values, "{file}");
        (got, item, name)
    }

    /// Every node and pod of the recorded `kubectl get -o json` dumps is
    /// read directly, into what the exact path makes of it, with the
    /// values it counts and the position of its name.
    #[test]
    fn recorded_dumps_read_directly_as_the_exact_path_reads_them() {
        let mut read = 0;
        for file in [
            "tests/data/kubectl/nodes.json",
            "tests/data/kubectl/pods.json",
            "tests/data/kubectl/pods-prod-worker2.json",
            "tests/data/manifests/nodes.json",
            "tests/data/real/nodes/edge-cloud-platform-aks-nodes.json",
            "tests/data/real/nodes/edge-cloud-platform-rke2-gpu-nodes.json",
        ] {
            let text = read_file(file);
            let mut memo = Memo::default();
            for start in item_starts(&text) {
                let (d, api_version, kind) = Direct::start(&text, start, ROOM, &mut memo).unwrap();
                let ty = root(&api_version, &kind).unwrap();
                let (got, item, name) = match &*kind {
                    "Node" => read_as::<Node>(&text, start, d, ty, file),
                    "Pod" => read_as::<Pod>(&text, start, d, ty, file),
                    other => panic!("{other}"),
                };
                // the item ends at its closing brace (the exact reader read
                // it whole), the list goes on after it
                assert!(item.ends_with('}'), "{file}");
                let after = text[got.end..].trim_start();
                assert!(after.starts_with([',', ']']), "{file}");
                let name = name.unwrap() as usize;
                assert!(text[name..].starts_with('"'), "{file}");
                read += 1;
            }
        }
        assert!(read >= 10, "{read}");
    }

    /// A node with everything the exact path would say something about
    /// or make something else of, one at a time: the direct reader gives
    /// each up.
    #[test]
    fn what_the_exact_path_would_say_anything_about_is_given_up() {
        let node = |meta: &str, status: &str| {
            format!(
                r#"{{"apiVersion":"v1","kind":"Node","metadata":{{"name":"n"{meta}}},"status":{{"capacity":{{"cpu":"2"}}{status}}}}}"#
            )
        };
        let read = |text: &str, room: Room| {
            let mut memo = Memo::default();
            let (d, _, kind) = Direct::start(text, 0, room, &mut memo)?;
            assert_eq!(kind, "Node");
            d.finish(root("v1", "Node").unwrap(), &mut Node::default())
        };
        // the base reads, and so does what only looks unusual
        for fine in [
            node("", ""),
            node(r#","labels":{"a":"\u0041\"\\/","b":null},"uid":null"#, ""),
            node(r#","x":null,"y":null"#, ""),
            node(
                r#","managedFields":[{"fieldsV1":{"f:a":{".":{},"k":[1,-2.5e3,true,false,null,"s"]}}}]"#,
                r#","images":[{"names":["a","b"],"sizeBytes":0},{"names":[],"sizeBytes":-1}]"#,
            ),
            node(
                r#","generation":9223372036854775807"#,
                r#","allocatable":{"cpu":1}"#,
            ),
            node(r#","creationTimestamp":"2028-02-29T23:59:59.5+01:00""#, ""),
        ] {
            assert!(read(&fine, ROOM).is_some(), "{fine}");
        }
        let given_up = [
            node(r#","nmae":"x""#, ""),
            node(r#","labels":{"a":"1","a":"2"}"#, ""),
            node(r#","x":null,"x":null"#, ""),
            node(r#","uid":null,"uid":"u""#, ""),
            node(r#","labels":{"a":"1","\u0061":"2"}"#, ""),
            node(r#","name":"again""#, ""),
            node(r#","managedFields":[{"fieldsV1":{"f:a":{},"f:a":{}}}]"#, ""),
            node(r#","labels":{"a":1}"#, ""),
            node(r#","labels":[]"#, ""),
            node("", r#","images":[null]"#),
            node("", r#","images":[{"names":[null]}]"#),
            node("", r#","capacity":{"cpu":"2x"}"#),
            node("", r#","capacity":{"cpu":true}"#),
            node("", r#","capacity":{"cpu":1.5}"#),
            node(r#","generation":1.0"#, ""),
            node(r#","generation":-0"#, ""),
            node(r#","generation":1e3"#, ""),
            node(r#","generation":9223372036854775808"#, ""),
            node(r#","generation":"1""#, ""),
            node(r#","creationTimestamp":"2026-02-30T00:00:00Z""#, ""),
            node(r#","creationTimestamp":5"#, ""),
            node(
                "",
                r#","conditions":[{"type":"Ready","status":"True","x":1}]"#,
            ),
            node("", r#","conditions":{}"#),
            node(r#","labels":{"a":"1",}"#, ""),
            node(r#","labels" {"a":"1"}"#, ""),
            node(r#","labels":{"a":"1\u0"}"#, ""),
            node(r#","labels":{"a":"1	"}"#, ""),
            node(r#","labels":{"a":nul}"#, ""),
        ];
        for text in &given_up {
            assert!(read(text, ROOM).is_none(), "{text}");
        }
        // the limits: values and nesting
        let base = node("", "");
        let values = read(&base, ROOM).unwrap().0.values;
        let at = |values, depth| read(&base, Room { values, depth });
        assert!(at(values, 3).is_some());
        assert!(at(values - 1, 3).is_none());
        assert!(at(values, 2).is_none());
        // apiVersion and kind must come first
        let late = r#"{"metadata":{"name":"n"},"apiVersion":"v1","kind":"Node"}"#;
        assert!(Direct::start(late, 0, ROOM, &mut Memo::default()).is_none());
        let twice = r#"{"kind":"Node","kind":"Node","metadata":{}}"#;
        assert!(Direct::start(twice, 0, ROOM, &mut Memo::default()).is_none());
        let again = r#"{"apiVersion":"v1","kind":"Node","metadata":{},"kind":"Node"}"#;
        assert!(read(again, ROOM).is_none());
    }

    /// The shortcut for timestamps says what `time.Parse` says of every
    /// text of their shape: valid and invalid months, days (leap years
    /// too), hours, minutes, seconds, and non-digits.
    #[test]
    fn utc_seconds_are_what_rfc3339_takes() {
        let mut checked = 0;
        for year in ["2024", "2023", "2100", "2000", "0000", "20x4"] {
            for month in ["00", "01", "02", "04", "12", "13", "1a"] {
                for day in ["00", "01", "28", "29", "30", "31", "32"] {
                    for time in [
                        "00:00:00", "23:59:59", "24:00:00", "12:60:00", "12:00:60", "1:00:00Z",
                    ] {
                        let s = format!("{year}-{month}-{day}T{time}Z");
                        let exact = rfc3339_error(&s).is_none();
                        assert!(!utc_second(&s) || exact, "{s}");
                        if s.len() == 20 {
                            assert_eq!(utc_second(&s), exact, "{s}");
                        }
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 1000);
        for other in [
            "2024-01-02T03:04:05.5Z",
            "2024-01-02T03:04:05+01:00",
            "2024-01-02 03:04:05Z",
        ] {
            assert!(!utc_second(other), "{other}");
        }
    }

    /// A quantity is taken as `Quantity::parse` takes it, remembered or not.
    #[test]
    fn remembered_quantities_are_valid_ones() {
        let mut memo = Memo::default();
        for _ in 0..2 {
            for (text, valid) in [
                ("8", true),
                ("32Gi", true),
                ("7910m", true),
                ("2x", false),
                ("", false),
            ] {
                assert_eq!(memo.valid_quantity(text), valid, "{text}");
            }
        }
        let kept = |memo: &Memo| memo.quantities.iter().flatten().count();
        assert_eq!(kept(&memo), 3);
        // more than it has room for: each still judged, none kept twice
        for i in 0..4 * MEMO_QUANTITIES {
            assert!(memo.valid_quantity(&format!("{i}Mi")));
            assert!(!memo.valid_quantity(&format!("{i}Mx")));
        }
        assert!(kept(&memo) <= MEMO_QUANTITIES);
        assert_eq!(memo.quantities.len(), MEMO_QUANTITIES);
    }

    /// Reading a list's items one after the other, the unkept containers
    /// the item before had in the same place are compared, not read: each
    /// item reads as it does alone (the same object, values, end and last
    /// value), and what it may not read is still given up.
    #[test]
    fn unkept_containers_like_the_item_befores_read_as_they_do_alone() {
        let node = |name: &str, fields: &str, endpoints: &str| {
            format!(
                r#"{{"apiVersion":"v1","kind":"Node","metadata":{{"name":"{name}","managedFields":[{{"manager":"kubelet","fieldsV1":{fields}}}]}},"status":{{"capacity":{{"cpu":"2"}},"daemonEndpoints":{endpoints}}}}}"#
            )
        };
        let fields = r#"{"f:metadata":{"f:labels":{".":{},"f:a":{}}},"f:status":{"f:images":{}}}"#;
        let endpoints = r#"{"kubeletEndpoint":{"Port":10250}}"#;
        // an item of `text` at `start`, its offsets from there
        let after = |memo: &mut Memo, text: &str, start: usize, room: Room| {
            let (d, _, _) = Direct::start(text, start, room, memo)?;
            let mut n = Node::default();
            let (r, name) = d.finish(root("v1", "Node").unwrap(), &mut n)?;
            let from = |at: usize| at - start;
            let r = ItemRead {
                end: from(r.end),
                values: r.values,
                last: from(r.last),
            };
            Some(((r, name.map(|at| at - start as u32)), n))
        };
        let alone = |text: &str, room: Room| after(&mut Memo::default(), text, 0, room);
        // one text holding the items, so that the memo's ranges are in it
        let items = [
            node("a", fields, endpoints),
            node("bb", fields, endpoints),
            node("c", r#"{"f:spec":{}}"#, endpoints),
            node("d", fields, r#"{"kubeletEndpoint":{"Port":10250},"x":{}}"#),
            node("e", fields, endpoints),
        ];
        let text = items.join(" ");
        let starts: Vec<usize> = items
            .iter()
            .scan(0, |at, item| {
                let start = *at;
                *at += item.len() + 1;
                Some(start)
            })
            .collect();
        let mut memo = Memo::default();
        for (item, &start) in items.iter().zip(&starts) {
            assert_eq!(
                after(&mut memo, &text, start, ROOM),
                alone(item, ROOM),
                "{item}"
            );
        }
        // bb compared its managedFields, their entry, its fieldsV1 and
        // daemonEndpoints with a's; d, its fieldsV1 with... c's, which
        // differs; e gave up on nothing and compared what it could with
        // the last item read, c
        assert!(alone(&items[3], ROOM).is_none());
        assert_eq!(memo.compared, 4 + 1);
        // the limits hold for what is compared: a room one value or one
        // level short of the item is given up as it is alone (the last
        // value of the item, daemonEndpoints, is one compared)
        let base = alone(&items[0], ROOM).unwrap().0 .0;
        for room in [
            Room {
                values: base.values - 1,
                depth: usize::MAX,
            },
            Room {
                values: usize::MAX,
                depth: 6,
            },
        ] {
            let mut memo = Memo::default();
            assert!(after(&mut memo, &text, starts[0], ROOM).is_some());
            assert_eq!(alone(&items[1], room), None);
            assert_eq!(after(&mut memo, &text, starts[1], room), None);
            assert!(alone(&items[1], ROOM).is_some());
        }
        // an item of more unkept containers than the memo keeps: those
        // past its room are read, the item still as alone, the memo small
        let many = |name: &str| {
            format!(
                r#"{{"apiVersion":"v1","kind":"Node","metadata":{{"name":"{name}","managedFields":[{}{{"fieldsV1":{{"f:a":{{}}}}}}]}}}}"#,
                "{},".repeat(3 * MEMO_UNKEPT)
            )
        };
        let (x, y) = (many("x"), many("y"));
        let text = format!("{x} {y}");
        let mut memo = Memo::default();
        assert_eq!(after(&mut memo, &text, 0, ROOM), alone(&x, ROOM));
        assert_eq!(after(&mut memo, &text, x.len() + 1, ROOM), alone(&y, ROOM));
        assert_eq!(memo.before.len(), MEMO_UNKEPT);
        assert!(memo.now.capacity() <= 2 * MEMO_UNKEPT);
        // the same text where another shape is expected is read again:
        // `{"x":{}}` is free-form JSON in fieldsV1 and an unknown field
        // in daemonEndpoints
        // (the third unkept container of each: managedFields, its entry,
        // then the fieldsV1 of a and the daemonEndpoints of b)
        let a = node("a", r#"{"x":{}}"#, endpoints);
        let b = r#"{"apiVersion":"v1","kind":"Node","metadata":{"name":"b","managedFields":[{"manager":"m"}]},"status":{"daemonEndpoints":{"x":{}}}}"#;
        let text = format!("{a} {b}");
        let second = a.len() + 1;
        let mut memo = Memo::default();
        assert!(after(&mut memo, &text, 0, ROOM).is_some());
        assert_eq!(after(&mut memo, &text, second, ROOM), None);
        assert_eq!(memo.compared, 0);
    }
}
