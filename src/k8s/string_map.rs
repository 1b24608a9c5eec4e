//! [`StringMap`]: strings by name (labels, annotations, node selectors,
//! `matchLabels`), in name order as a `BTreeMap<String, String>` gives
//! them, with every name and value in one buffer.
//!
//! A big cluster is mostly its nodes' labels and annotations: 5,000 nodes
//! of a `kubectl get nodes` dump hold about 95,000 of them. As a list of
//! `(String, String)` each took two allocations (and two frees when the
//! next dump replaced the cluster), the most of the time the direct reader
//! spent filling the model. Here a map is two allocations whatever its
//! size: the text of its names and values, and where each ends.
//!
//! The buffer is always in name order with nothing else in it, so equal
//! maps are equal field by field. A map is read once and then only looked
//! up; an `insert` (the engine's own edits: a hash label, a default)
//! writes the map again.

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Strings by name, in name order, in one buffer.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct StringMap {
    /// Each entry's name, then its value, the entries in name order.
    text: String,
    /// Per entry: where its name ends and where its value ends in `text`
    /// (its name starts where the entry before ends).
    ends: Vec<(u32, u32)>,
}

impl StringMap {
    pub fn new() -> Self {
        Self::default()
    }

    fn start(&self, i: usize) -> usize {
        if i == 0 {
            0
        } else {
            self.ends[i - 1].1 as usize
        }
    }

    fn name_at(&self, i: usize) -> &str {
        &self.text[self.start(i)..self.ends[i].0 as usize]
    }

    fn value_at(&self, i: usize) -> &str {
        let (name_end, end) = self.ends[i];
        &self.text[name_end as usize..end as usize]
    }

    fn find(&self, name: &str) -> Result<usize, usize> {
        // (a binary search by index: the entries are not a slice of names)
        let (mut lo, mut hi) = (0, self.ends.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.name_at(mid).cmp(name) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Ok(mid),
            }
        }
        Err(lo)
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.find(name).ok().map(|i| self.value_at(i))
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.find(name).is_ok()
    }

    /// Sets `name` to `value`; the value it had, if any.
    pub fn insert(&mut self, name: impl AsRef<str>, value: impl AsRef<str>) -> Option<String> {
        self.insert_str(name.as_ref(), value.as_ref())
    }

    fn insert_str(&mut self, name: &str, value: &str) -> Option<String> {
        let (i, old) = match self.find(name) {
            Ok(i) => (i, Some(self.value_at(i).to_string())),
            Err(i) => (i, None),
        };
        // the entries before `i`, the new one, the entries after it (the
        // old one of that name left out); written again, as the map is
        // small and an insert rare
        let skip = usize::from(old.is_some());
        let size = self.text.len() + name.len() + value.len()
            - old.as_ref().map_or(0, |o| name.len() + o.len());
        let this = &*self;
        let pair = |j: usize| match j.cmp(&i) {
            std::cmp::Ordering::Less => this.entry(j),
            std::cmp::Ordering::Equal => (name, value),
            std::cmp::Ordering::Greater => this.entry(j - 1 + skip),
        };
        *self = StringMap::from_sorted(self.len() + 1 - skip, size, &pair);
        old
    }

    fn entry(&self, i: usize) -> (&str, &str) {
        (self.name_at(i), self.value_at(i))
    }

    /// Every entry of `other` whose name this map lacks (a value of a
    /// name in both stays this map's).
    pub fn add_missing(&mut self, other: &StringMap) {
        if other.iter().all(|(k, _)| self.contains_key(k)) {
            return;
        }
        // of the same name the later stays: this map's
        let (theirs, mine) = (other.len(), self.len());
        let this = &*self;
        let pair = |i: usize| {
            if i < theirs {
                other.entry(i)
            } else {
                this.entry(i - theirs)
            }
        };
        *self = StringMap::build(theirs + mine, &pair);
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The entries in name order.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            map: self,
            front: 0,
            back: self.ends.len(),
        }
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &str> + ExactSizeIterator {
        self.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &str> + ExactSizeIterator {
        self.iter().map(|(_, v)| v)
    }

    /// The map of `pairs` in any order; of the same name, the last value
    /// stays (as a map's `insert`). Two allocations when the names are in
    /// order and distinct (as kubectl writes a map), else one sort more.
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> Self {
        StringMap::build(pairs.len(), &|i| (pairs[i].0.as_ref(), pairs[i].1.as_ref()))
    }

    /// [`StringMap::from_pairs`] of the `n` pairs `pair(0..n)`. (One copy of
    /// this code whatever the pairs' types: the first module the page
    /// loads has a size budget.)
    fn build<'a>(n: usize, pair: &dyn Fn(usize) -> (&'a str, &'a str)) -> Self {
        let mut size = 0;
        let mut in_order = true;
        let mut last: Option<&str> = None;
        for i in 0..n {
            let (k, v) = pair(i);
            size += k.len() + v.len();
            in_order &= last.is_none_or(|l| l < k);
            last = Some(k);
        }
        if in_order {
            return StringMap::from_sorted(n, size, pair);
        }
        let mut order: Vec<usize> = (0..n).collect();
        // stable: of the same name, the last one last
        crate::sort::sort_by(&mut order, |&a, &b| pair(a).0.cmp(pair(b).0));
        let mut sorted: Vec<(&str, &str)> = Vec::with_capacity(n);
        for i in order {
            let (k, v) = pair(i);
            match sorted.last_mut() {
                Some(last) if last.0 == k => last.1 = v,
                _ => sorted.push((k, v)),
            }
        }
        let size = sorted.iter().map(|(k, v)| k.len() + v.len()).sum();
        StringMap::from_sorted(sorted.len(), size, &|i| sorted[i])
    }

    /// The map of the `n` pairs `pair(0..n)`, whose names are in order and
    /// distinct, `size` bytes in all.
    fn from_sorted<'a>(n: usize, size: usize, pair: &dyn Fn(usize) -> (&'a str, &'a str)) -> Self {
        let mut text = String::with_capacity(size);
        let mut ends = Vec::with_capacity(n);
        for i in 0..n {
            let (k, v) = pair(i);
            text.push_str(k);
            let name_end = text.len();
            text.push_str(v);
            ends.push((offset(name_end), offset(text.len())));
        }
        StringMap { text, ends }
    }
}

/// An offset in a map's text. A map is part of an input text, whose size
/// is limited far below 4 GiB (`input::limits`).
fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("a StringMap holds less than 4 GiB")
}

/// The entries of a [`StringMap`] in name order, as `(name, value)`.
#[derive(Clone)]
pub struct Iter<'a> {
    map: &'a StringMap,
    front: usize,
    back: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        (self.front < self.back).then(|| {
            let i = self.front;
            self.front += 1;
            (self.map.name_at(i), self.map.value_at(i))
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        (self.front < self.back).then(|| {
            self.back -= 1;
            (self.map.name_at(self.back), self.map.value_at(self.back))
        })
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a StringMap {
    type Item = (&'a str, &'a str);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl<K: AsRef<str>, V: AsRef<str>> FromIterator<(K, V)> for StringMap {
    /// Of the same name, the last value stays (as a map's `insert`).
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let pairs: Vec<(K, V)> = iter.into_iter().collect();
        StringMap::from_pairs(&pairs)
    }
}

impl<K: AsRef<str>, V: AsRef<str>> From<Vec<(K, V)>> for StringMap {
    fn from(pairs: Vec<(K, V)>) -> Self {
        StringMap::from_pairs(&pairs)
    }
}

/// As a map's: `{"app": "agent"}` (written out: std's map builder would
/// be code the first module does not otherwise need).
impl fmt::Debug for StringMap {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("{")?;
        for (i, (k, v)) in self.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            write!(f, "{sep}{k:?}: {v:?}")?;
        }
        f.write_str("}")
    }
}

/// Read as `BTreeMap<String, String>` reads a map: only from a map
/// ("expected a map" otherwise), the last value of a repeated name.
impl<'de> Deserialize<'de> for StringMap {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> Visitor<'de> for Visit {
            type Value = StringMap;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<StringMap, A::Error> {
                // each name and value written into the text as it is read
                // (no string of its own); in the order read
                let mut read = StringMap::new();
                while a.next_key_seed(PushStr(&mut read.text))?.is_some() {
                    let name_end = read.text.len();
                    a.next_value_seed(PushStr(&mut read.text))?;
                    read.ends.push((offset(name_end), offset(read.text.len())));
                }
                Ok(read.in_order())
            }
        }
        d.deserialize_map(Visit)
    }
}

impl StringMap {
    /// This map's entries as written (in any order, names repeated) made a
    /// map: itself when they are in name order and distinct.
    pub(crate) fn in_order(self) -> StringMap {
        if (1..self.len()).all(|i| self.name_at(i - 1) < self.name_at(i)) {
            return self;
        }
        StringMap::build(self.len(), &|i| self.entry(i))
    }

    /// Adds an entry at the end, as read (for a map read in any order;
    /// see [`StringMap::in_order`]).
    pub(crate) fn push_entry(&mut self, name: &str, value: &str) {
        self.text.push_str(name);
        let name_end = self.text.len();
        self.text.push_str(value);
        self.ends.push((offset(name_end), offset(self.text.len())));
    }
}

/// Deserializes a string onto the end of a `String`: no allocation of its
/// own, whether the deserializer lends it or has it for a moment.
pub(crate) struct PushStr<'a>(pub(crate) &'a mut String);

impl<'de> serde::de::DeserializeSeed<'de> for PushStr<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for PushStr<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        self.0.push_str(v);
        Ok(())
    }
}

impl Serialize for StringMap {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::StringMap;
    use std::collections::BTreeMap;

    /// Every way of making and changing a map against a `BTreeMap` of the
    /// same operations.
    #[test]
    fn behaves_as_a_btree_map_of_the_same_entries() {
        let names = [
            "zone",
            "app",
            "kubernetes.io/os",
            "app",
            "",
            "a",
            "zone",
            "zz",
            "b",
        ];
        let mut map = StringMap::new();
        let mut want = BTreeMap::new();
        for (i, n) in names.iter().enumerate() {
            let v = format!("v{i}");
            assert_eq!(map.insert(*n, &v), want.insert(n.to_string(), v));
            assert_eq!(
                map.iter().collect::<Vec<_>>(),
                want.iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect::<Vec<_>>()
            );
        }
        assert_eq!(map.len(), want.len());
        assert_eq!(map.get("app"), Some("v3"));
        assert_eq!(map.get(""), Some("v4"));
        assert_eq!(map.get("ap"), None);
        assert_eq!(map.get("zzz"), None);
        assert!(map.contains_key("b") && !map.contains_key("c"));
        assert_eq!(
            map.keys().rev().collect::<Vec<_>>(),
            want.keys().rev().map(String::as_str).collect::<Vec<_>>()
        );
        assert_eq!(map.values().len(), want.len());

        // built from pairs in every order, with repeats: the last one stays
        let pairs: Vec<(String, String)> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.to_string(), format!("v{i}")))
            .collect();
        for rotate in 0..pairs.len() {
            let mut p = pairs.clone();
            p.rotate_left(rotate);
            let want: BTreeMap<String, String> = p.iter().cloned().collect();
            let from_vec = StringMap::from(p.clone());
            let collected: StringMap = p.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let text = p
                .iter()
                .map(|(k, v)| format!("{k:?}:{v:?}"))
                .collect::<Vec<_>>();
            let json: StringMap = serde_json::from_str(&format!("{{{}}}", text.join(","))).unwrap();
            for m in [&from_vec, &collected, &json] {
                assert_eq!(
                    m.iter().collect::<Vec<_>>(),
                    want.iter()
                        .map(|(k, v)| (k.as_str(), v.as_str()))
                        .collect::<Vec<_>>()
                );
                assert_eq!(
                    serde_json::to_string(m).unwrap(),
                    serde_json::to_string(&want).unwrap()
                );
            }
            assert_eq!(from_vec, collected);
            assert_eq!(from_vec, json);
        }
    }

    #[test]
    fn reads_only_a_map_of_strings() {
        assert!(serde_json::from_str::<StringMap>("[]")
            .unwrap_err()
            .to_string()
            .contains("expected a map"));
        assert!(serde_json::from_str::<StringMap>(r#"{"a":1}"#)
            .unwrap_err()
            .to_string()
            .contains("expected a string"));
        let escaped: StringMap = serde_json::from_str(r#"{"a\"b":"c\u00e9"}"#).unwrap();
        assert_eq!(escaped.get("a\"b"), Some("cé"));
        assert_eq!(format!("{escaped:?}"), r#"{"a\"b": "cé"}"#);
    }

    #[test]
    fn a_big_map_in_reverse_order_reads_in_one_sort() {
        let pairs: Vec<(String, String)> = (0..200_000)
            .rev()
            .map(|i| (format!("k{i:06}"), i.to_string()))
            .collect();
        let map = StringMap::from(pairs);
        assert_eq!(map.len(), 200_000);
        assert_eq!(map.get("k000007"), Some("7"));
        assert_eq!(map.iter().next(), Some(("k000000", "0")));
        assert_eq!(map.iter().next_back(), Some(("k199999", "199999")));
    }
}
