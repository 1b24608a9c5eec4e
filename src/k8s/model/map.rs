//! [`Map`]: labels, annotations, node selectors and resource lists, keyed
//! by name, in one sorted vector.
//!
//! Why not `BTreeMap`: every B-tree node has room for eleven entries, so a
//! node's one label took a 544-byte node (64-bit), and the maps were most
//! of what a big cluster's nodes hold in memory (CLI `check` of 100,000
//! one-label nodes: 332 MB peak, three B-tree nodes per node). A sorted
//! vector holds what there is; kubectl writes map keys sorted, so reading
//! appends. ICU4X's `litemap` does the work; this wrapper keeps what the
//! engine's maps always were to serde: a JSON object in key order (litemap
//! writes an empty map as `[]` and reads a list of pairs as a map), read
//! only from a map, a repeated key keeping its last value.

use litemap::LiteMap;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

/// A map from names to `V`, in key order.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Map<V>(LiteMap<String, V>);

impl<V> Map<V> {
    pub const fn new() -> Self {
        Map(LiteMap::new_vec())
    }
}

impl<V> Default for Map<V> {
    fn default() -> Self {
        Map::new()
    }
}

impl<V> Deref for Map<V> {
    type Target = LiteMap<String, V>;
    fn deref(&self) -> &LiteMap<String, V> {
        &self.0
    }
}

impl<V> DerefMut for Map<V> {
    fn deref_mut(&mut self) -> &mut LiteMap<String, V> {
        &mut self.0
    }
}

impl<V: fmt::Debug> fmt::Debug for Map<V> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_map().entries(self.0.iter()).finish()
    }
}

/// Any order of keys; of a repeated key the last value stays (as
/// `BTreeMap`'s `FromIterator`).
impl<V> FromIterator<(String, V)> for Map<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        Map(iter.into_iter().collect())
    }
}

impl<V> Extend<(String, V)> for Map<V> {
    fn extend<I: IntoIterator<Item = (String, V)>>(&mut self, iter: I) {
        self.0.extend(iter)
    }
}

impl<V> From<Vec<(String, V)>> for Map<V> {
    /// The map of `pairs`, in one allocation of their number when their
    /// keys are in order (what kubectl writes).
    fn from(mut pairs: Vec<(String, V)>) -> Self {
        if pairs.windows(2).all(|w| w[0].0 < w[1].0) {
            pairs.shrink_to_fit();
            Map(LiteMap::from_sorted_store_unchecked(pairs))
        } else {
            pairs.into_iter().collect()
        }
    }
}

/// A pair by reference, as `BTreeMap`'s iterator gives it.
type Pair<'a, V> = (&'a String, &'a V);

impl<'a, V> IntoIterator for &'a Map<V> {
    type Item = Pair<'a, V>;
    type IntoIter =
        std::iter::Map<std::slice::Iter<'a, (String, V)>, fn(&'a (String, V)) -> Pair<'a, V>>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.as_slice().iter().map(|(k, v)| (k, v))
    }
}

impl<V> IntoIterator for Map<V> {
    type Item = (String, V);
    type IntoIter = std::vec::IntoIter<(String, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_tuple_vec().into_iter()
    }
}

impl<V: Serialize> Serialize for Map<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Map<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Visit<V> {
            type Value = Map<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Map<V>, A::Error> {
                let mut map = LiteMap::new();
                let mut out_of_order = Vec::new();
                while let Some((k, v)) = a.next_entry::<String, V>()? {
                    if let Some(kv) = map.try_append(k, v) {
                        out_of_order.push(kv);
                    }
                }
                // a stable sort: of a repeated key, the last value stays
                map.extend(out_of_order);
                Ok(Map(map))
            }
        }
        d.deserialize_map(Visit(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Built, read and written as a `BTreeMap` of the same pairs is, in
    /// every order of keys, with repeated keys.
    #[test]
    fn a_map_is_what_a_btree_map_of_the_same_pairs_is() {
        let keys = ["b", "a", "c", "a", "", "b", "d"];
        for n in 0..=keys.len() {
            for start in 0..keys.len() {
                let pairs: Vec<(String, usize)> = (0..n)
                    .map(|i| (keys[(start + i) % keys.len()].to_string(), i))
                    .collect();
                let want: BTreeMap<String, usize> = pairs.iter().cloned().collect();
                let built: Map<usize> = pairs.iter().cloned().collect();
                let from_vec = Map::from(pairs.clone());
                let mut inserted = Map::new();
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
                let read: Map<usize> = serde_json::from_str(&object).unwrap();
                let want_json = serde_json::to_string(&want).unwrap();
                for got in [&built, &from_vec, &inserted, &read] {
                    let got_pairs: Vec<_> = got.iter().map(|(k, v)| (k.clone(), *v)).collect();
                    let want_pairs: Vec<_> = want.iter().map(|(k, v)| (k.clone(), *v)).collect();
                    assert_eq!(got_pairs, want_pairs, "{pairs:?}");
                    assert_eq!(serde_json::to_string(got).unwrap(), want_json);
                }
            }
        }
        // an empty map is an object; only an object is a map
        assert_eq!(serde_json::to_string(&Map::<String>::new()).unwrap(), "{}");
        let e = serde_json::from_str::<Map<String>>(r#"[["a","b"]]"#).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("invalid type: sequence, expected a map"),
            "{e}"
        );
    }
}
