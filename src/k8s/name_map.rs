//! [`NameMap`]: values by name (resource names: `cpu`, `nvidia.com/gpu`),
//! in name order, as a `BTreeMap<String, V>` gives them, kept as one
//! sorted list.
//!
//! These maps hold a handful of entries. Each value type of a `BTreeMap`
//! compiles std's B-tree again (its splits, merges and iterators: about
//! 5 KB of wasm code per type); a sorted list needs a binary search and a
//! `Vec` insert. Serialized as the same JSON object, read only from one.
//!
//! The model's maps were these too before they became
//! [`super::string_map::StringMap`]s (one buffer a map): a B-tree
//! node has room for eleven entries, so a node's one label took a 544-byte
//! node, and the maps were most of what a big cluster's nodes held (CLI
//! `check` of 100,000 one-label nodes: 341 MB peak with `BTreeMap`s, 204
//! MB with sorted lists). kubectl writes map keys sorted, so reading one
//! appends; any other order costs one sort, never an insert in the middle
//! per key.

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

/// Values by name, in name order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMap<V> {
    items: Vec<(String, V)>,
}

impl<V> Default for NameMap<V> {
    fn default() -> Self {
        NameMap { items: Vec::new() }
    }
}

impl<V> NameMap<V> {
    pub fn new() -> Self {
        Self::default()
    }

    fn find(&self, name: &str) -> Result<usize, usize> {
        self.items.binary_search_by(|(k, _)| k.as_str().cmp(name))
    }

    pub fn get(&self, name: &str) -> Option<&V> {
        self.find(name).ok().map(|i| &self.items[i].1)
    }

    pub fn get_mut(&mut self, name: &str) -> Option<&mut V> {
        self.find(name).ok().map(|i| &mut self.items[i].1)
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.find(name).is_ok()
    }

    /// Sets `name` to `value`; the value it had, if any.
    pub fn insert(&mut self, name: String, value: V) -> Option<V> {
        match self.find(&name) {
            Ok(i) => Some(std::mem::replace(&mut self.items[i].1, value)),
            Err(i) => {
                self.items.insert(i, (name, value));
                None
            }
        }
    }

    /// The value of `name`, set to `make()` first when it has none
    /// (`entry(name).or_insert_with(make)`).
    pub fn get_or_insert_with(&mut self, name: &str, make: impl FnOnce() -> V) -> &mut V {
        let i = match self.find(name) {
            Ok(i) => i,
            Err(i) => {
                self.items.insert(i, (name.to_string(), make()));
                i
            }
        };
        &mut self.items[i].1
    }

    /// Every entry of `other` into this map, in one pass over both sorted
    /// lists (inserting one at a time could move the whole list for each):
    /// `both(mine, theirs)` where both have the name, `new(theirs)` where
    /// only `other` has it. (`dyn`: one copy of this code per value type,
    /// not one per caller.)
    pub fn merge_from<W>(
        &mut self,
        other: &NameMap<W>,
        both: &mut dyn FnMut(&mut V, &W),
        new: &mut dyn FnMut(&W) -> V,
    ) {
        let theirs = &other.items;
        if theirs.is_empty() {
            return;
        }
        let mine = std::mem::take(&mut self.items);
        let mut out = Vec::with_capacity(mine.len() + theirs.len());
        let mut j = 0;
        for (k, mut v) in mine {
            while j < theirs.len() && theirs[j].0 < k {
                out.push((theirs[j].0.clone(), new(&theirs[j].1)));
                j += 1;
            }
            if j < theirs.len() && theirs[j].0 == k {
                both(&mut v, &theirs[j].1);
                j += 1;
            }
            out.push((k, v));
        }
        for (k, w) in &theirs[j..] {
            out.push((k.clone(), new(w)));
        }
        self.items = out;
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The entries in name order.
    pub fn iter(&self) -> Iter<'_, V> {
        self.items.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.items.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.items.iter().map(|(_, v)| v)
    }
}

/// The entries of a [`NameMap`] in name order, as `(&name, &value)`.
pub type Iter<'a, V> =
    std::iter::Map<std::slice::Iter<'a, (String, V)>, fn(&'a (String, V)) -> (&'a String, &'a V)>;

impl<'a, V> IntoIterator for &'a NameMap<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = Iter<'a, V>;

    fn into_iter(self) -> Iter<'a, V> {
        self.iter()
    }
}

impl<V> FromIterator<(String, V)> for NameMap<V> {
    /// Of the same name, the last value stays (as a map's `insert`).
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        let mut all: Vec<(String, V)> = iter.into_iter().collect();
        crate::sort::sort_by(&mut all, |a, b| a.0.cmp(&b.0)); // stable
        let mut items: Vec<(String, V)> = Vec::with_capacity(all.len());
        for e in all {
            match items.last_mut() {
                Some(last) if last.0 == e.0 => *last = e,
                _ => items.push(e),
            }
        }
        NameMap { items }
    }
}

impl<V> From<Vec<(String, V)>> for NameMap<V> {
    /// The map of `pairs`, in one allocation of their number when their
    /// names are in order and distinct (as kubectl writes a map); else as
    /// [`FromIterator`] makes it.
    fn from(mut items: Vec<(String, V)>) -> Self {
        if items.windows(2).all(|w| w[0].0 < w[1].0) {
            items.shrink_to_fit();
            NameMap { items }
        } else {
            items.into_iter().collect()
        }
    }
}

/// Read as `BTreeMap` reads a map: only from a map ("expected a map"
/// otherwise), the last value of a repeated name.
impl<'de, V: Deserialize<'de>> Deserialize<'de> for NameMap<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Visit<V> {
            type Value = NameMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<NameMap<V>, A::Error> {
                let mut items = Vec::new();
                while let Some(entry) = a.next_entry::<String, V>()? {
                    items.push(entry);
                }
                Ok(NameMap::from(items))
            }
        }
        d.deserialize_map(Visit(PhantomData))
    }
}

impl<V: Serialize> Serialize for NameMap<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::NameMap;
    use std::collections::BTreeMap;

    #[test]
    fn behaves_as_a_btree_map_of_the_same_entries() {
        // the same operations on both, in a scrambled order with repeats
        let names = [
            "memory",
            "cpu",
            "nvidia.com/gpu",
            "cpu",
            "pods",
            "a",
            "memory",
            "zz",
        ];
        let mut map = NameMap::new();
        let mut want = BTreeMap::new();
        for (i, n) in names.iter().enumerate() {
            assert_eq!(map.insert(n.to_string(), i), want.insert(n.to_string(), i));
            *map.get_or_insert_with("count", || 0) += 1;
            *want.entry("count".to_string()).or_insert(0) += 1;
        }
        assert_eq!(
            map.iter().collect::<Vec<_>>(),
            want.iter().collect::<Vec<_>>()
        );
        assert_eq!(map.len(), want.len());
        assert_eq!(map.get("cpu"), Some(&3));
        assert_eq!(map.get("gpu"), None);
        *map.get_mut("zz").unwrap() = 100;
        assert_eq!(map.get("zz"), Some(&100));
        assert!(map.contains_key("a") && !map.contains_key("b"));
        // collect: the last of a name stays, as BTreeMap's from_iter
        let pairs = names.iter().enumerate().map(|(i, n)| (n.to_string(), i));
        let collected: NameMap<usize> = pairs.clone().collect();
        let want: BTreeMap<String, usize> = pairs.collect();
        assert_eq!(
            collected.iter().collect::<Vec<_>>(),
            want.iter().collect::<Vec<_>>()
        );
        // the same JSON object
        assert_eq!(
            serde_json::to_string(&collected).unwrap(),
            serde_json::to_string(&want).unwrap()
        );
        assert_eq!(serde_json::to_string(&NameMap::<i64>::new()).unwrap(), "{}");
    }

    /// Collected, built from a list, inserted into and read from JSON as
    /// a `BTreeMap` of the same pairs is, in every order of names, with
    /// repeated ones; only an object reads as a map.
    #[test]
    fn every_way_of_building_one_is_what_a_btree_map_is() {
        let keys = ["b", "a", "c", "a", "", "b", "d"];
        for n in 0..=keys.len() {
            for start in 0..keys.len() {
                let pairs: Vec<(String, usize)> = (0..n)
                    .map(|i| (keys[(start + i) % keys.len()].to_string(), i))
                    .collect();
                let want: BTreeMap<String, usize> = pairs.iter().cloned().collect();
                let mut inserted = NameMap::new();
                for (k, v) in pairs.iter().cloned() {
                    inserted.insert(k, v);
                }
                let object = format!(
                    "{{{}}}",
                    pairs
                        .iter()
                        .map(|(k, v)| format!("{k:?}:{v}"))
                        .collect::<Vec<_>>()
                        .join(",")
                );
                let read: NameMap<usize> = serde_json::from_str(&object).unwrap();
                let built = [
                    pairs.iter().cloned().collect(),
                    NameMap::from(pairs.clone()),
                    inserted,
                    read,
                ];
                for got in &built {
                    assert_eq!(
                        got.iter().collect::<Vec<_>>(),
                        want.iter().collect::<Vec<_>>(),
                        "{pairs:?}"
                    );
                    assert_eq!(
                        serde_json::to_string(got).unwrap(),
                        serde_json::to_string(&want).unwrap()
                    );
                }
            }
        }
        let e = serde_json::from_str::<NameMap<String>>(r#"[["a","b"]]"#).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("invalid type: sequence, expected a map"),
            "{e}"
        );
    }

    /// 200,000 names in reverse order read as a map: one sort, not an
    /// insert at the front per name.
    #[test]
    fn a_big_map_in_any_order_reads_at_once() {
        let object = format!(
            "{{{}}}",
            (0..200_000)
                .rev()
                .map(|i| format!("\"k{i:07}\":{i}"))
                .collect::<Vec<_>>()
                .join(",")
        );
        let read: NameMap<u32> = serde_json::from_str(&object).unwrap();
        assert_eq!(read.len(), 200_000);
        assert_eq!(read.get("k0000007"), Some(&7));
        assert!(read.keys().zip(read.keys().skip(1)).all(|(a, b)| a < b));
    }

    #[test]
    fn merge_from_adds_and_combines_in_order() {
        let mine: NameMap<i64> = [("b", 1), ("d", 2), ("f", 3)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        let theirs: NameMap<i64> = [("a", 10), ("d", 20), ("g", 30)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        let mut m = mine.clone();
        m.merge_from(&theirs, &mut |v, w| *v += w, &mut |w| *w * 100);
        let got: Vec<(&String, &i64)> = m.iter().collect();
        let want = [("a", 1000), ("b", 1), ("d", 22), ("f", 3), ("g", 3000)];
        assert_eq!(got.len(), want.len());
        for ((k, v), (wk, wv)) in got.into_iter().zip(want) {
            assert_eq!((k.as_str(), *v), (wk, wv));
        }
        // into an empty map, and from an empty one
        let mut empty = NameMap::new();
        empty.merge_from(&theirs, &mut |_, _| {}, &mut |w| *w);
        assert_eq!(empty, theirs);
        let mut same = mine.clone();
        same.merge_from(&NameMap::<i64>::new(), &mut |_, _| {}, &mut |w| *w);
        assert_eq!(same, mine);
    }

    #[test]
    fn large_interleaved_merges_and_collects_stay_linear() {
        // 200,000 names in each of two maps, interleaved: inserting one by
        // one would move the list 200,000 times
        let n = 200_000;
        let evens: NameMap<u32> = (0..n).map(|i| (format!("r{:07}", 2 * i), i)).collect();
        let odds: NameMap<u32> = (0..n)
            .rev()
            .map(|i| (format!("r{:07}", 2 * i + 1), i))
            .collect();
        let mut all = evens.clone();
        all.merge_from(&odds, &mut |_, _| {}, &mut |w| *w);
        assert_eq!(all.len(), 2 * n as usize);
        assert!(all.keys().zip(all.keys().skip(1)).all(|(a, b)| a < b));
    }
}
