//! [`StringList`]: a list of strings in one buffer (a node's image names:
//! a `kubectl get nodes` dump's biggest part). Two allocations whatever
//! its length, where a `Vec<String>` takes one a string more, and as many
//! frees when the next dump replaces the cluster.

use serde::de::{SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Strings in order, in one buffer.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct StringList {
    /// The strings, one after the other.
    text: String,
    /// Where each ends in `text` (each starts where the one before ends).
    ends: Vec<u32>,
}

impl StringList {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn push(&mut self, s: &str) {
        self.text.push_str(s);
        let end = u32::try_from(self.text.len()).expect("a StringList holds less than 4 GiB");
        self.ends.push(end);
    }

    /// The string at `i`.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        Some(&self.text[start..end])
    }

    /// Keeps the first `n` strings.
    pub fn truncate(&mut self, n: usize) {
        if n < self.ends.len() {
            self.ends.truncate(n);
            let end = self.ends.last().map_or(0, |&e| e as usize);
            self.text.truncate(end);
        }
    }

    pub fn clear(&mut self) {
        self.truncate(0);
    }

    /// Room for `strings` more strings of `bytes` bytes in all.
    pub fn reserve(&mut self, strings: usize, bytes: usize) {
        self.text.reserve(bytes);
        self.ends.reserve(strings);
    }

    /// Gives back the room reserved beyond its length.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }

    /// The strings from `from` up to `to` (indices; `to` at most `len()`).
    pub fn range(&self, from: usize, to: usize) -> impl DoubleEndedIterator<Item = &str> + '_ {
        (from..to.min(self.len())).filter_map(|i| self.get(i))
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &str> + '_ {
        self.range(0, self.len())
    }
}

impl<S: AsRef<str>> FromIterator<S> for StringList {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        let mut list = StringList::new();
        for s in iter {
            list.push(s.as_ref());
        }
        list
    }
}

impl fmt::Debug for StringList {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for StringList {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// Read as `Vec<String>` reads a sequence.
impl<'de> Deserialize<'de> for StringList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut list = StringList::new();
        d.deserialize_seq(Append(&mut list))?;
        Ok(list)
    }
}

/// Reads a sequence of strings onto the end of a list.
pub(crate) struct Append<'a>(pub(crate) &'a mut StringList);

impl<'de> Visitor<'de> for Append<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // each string written into the list's text as it is read
        let list = &mut *self.0;
        while seq
            .next_element_seed(crate::k8s::string_map::PushStr(&mut list.text))?
            .is_some()
        {
            let end = u32::try_from(list.text.len()).expect("a StringList holds less than 4 GiB");
            list.ends.push(end);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::StringList;

    #[test]
    fn holds_what_a_vec_of_strings_holds() {
        let words = [
            "registry.k8s.io/pause@sha256:7031",
            "",
            "é",
            "registry.k8s.io/pause:3.10",
        ];
        let mut list = StringList::new();
        let mut want: Vec<String> = Vec::new();
        for w in words {
            list.push(w);
            want.push(w.to_string());
            assert_eq!(list.iter().collect::<Vec<_>>(), want);
            assert_eq!(list.len(), want.len());
        }
        assert_eq!(list.get(2), Some("é"));
        assert_eq!(list.get(4), None);
        assert_eq!(list.range(1, 3).collect::<Vec<_>>(), ["", "é"]);
        assert_eq!(
            list.range(3, 9).collect::<Vec<_>>(),
            ["registry.k8s.io/pause:3.10"]
        );
        assert_eq!(list.iter().next_back(), Some("registry.k8s.io/pause:3.10"));
        assert_eq!(format!("{list:?}"), format!("{want:?}"));
        assert_eq!(
            serde_json::to_string(&list).unwrap(),
            serde_json::to_string(&want).unwrap()
        );
        let read: StringList =
            serde_json::from_str(&serde_json::to_string(&want).unwrap()).unwrap();
        assert_eq!(read, list);
        assert_eq!(words.iter().collect::<StringList>(), list);
        list.truncate(2);
        assert_eq!(
            list.iter().collect::<Vec<_>>(),
            ["registry.k8s.io/pause@sha256:7031", ""]
        );
        list.push("x");
        assert_eq!(
            list.iter().collect::<Vec<_>>(),
            ["registry.k8s.io/pause@sha256:7031", "", "x"]
        );
        list.truncate(9);
        assert_eq!(list.len(), 3);
        list.clear();
        assert!(list.is_empty() && list == StringList::new());
        assert!(serde_json::from_str::<StringList>(r#"{"a":"b"}"#)
            .unwrap_err()
            .to_string()
            .contains("expected a sequence"));
        assert!(serde_json::from_str::<StringList>("[1]")
            .unwrap_err()
            .to_string()
            .contains("expected a string"));
    }
}
