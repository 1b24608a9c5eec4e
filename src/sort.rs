//! One stable sort for the crate's comparisons by a closure.
//!
//! Every `slice::sort_by` with its own closure compiles the whole of std's
//! driftsort again (about 5 KB of wasm code each, before wasm-opt). These
//! functions sort a list of indices with one comparison through `dyn`, so
//! the sorting code is in the module once, and each caller adds only its
//! closure and a permutation. The order is the one `sort_by` gives (stable).
//! Sorts of plain values (`Vec<String>::sort`) share their code already and
//! stay as they are, as do the sorts on the paths that grow with the node
//! count, where the indirection would cost time.

use std::cmp::Ordering;

/// `v.sort_by(cmp)`: stable.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = {
        let v: &[T] = v;
        sorted_indices(v.len(), &mut |a, b| cmp(&v[a], &v[b]))
    };
    permute(v, &order);
}

/// `v.sort_by_key(key)`: stable; `key` is called on each comparison.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// `0..n` in the order `cmp` gives the items of those indices (stable).
fn sorted_indices(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&a, &b| cmp(a, b));
    idx
}

/// Puts `v[order[i]]` at `i` for every `i`, in place (each cycle of the
/// permutation followed once).
fn permute<T>(v: &mut [T], order: &[usize]) {
    let mut done = vec![false; v.len()];
    for start in 0..v.len() {
        if done[start] {
            continue;
        }
        let mut at = start;
        loop {
            done[at] = true;
            let from = order[at];
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_as_std_stable_sort_does() {
        // pairs with repeated keys: stability shows in the second member
        let mut seed = 12345u64;
        for len in [0usize, 1, 2, 3, 7, 20, 33, 100, 1000] {
            let v: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((seed >> 59) as u8, i)
                })
                .collect();
            let mut want = v.clone();
            want.sort_by_key(|a| a.0);
            let mut got = v.clone();
            sort_by(&mut got, |a, b| a.0.cmp(&b.0));
            assert_eq!(got, want, "len {len}");
            let mut got = v.clone();
            sort_by_key(&mut got, |a| std::cmp::Reverse(a.0));
            let mut want = v;
            want.sort_by_key(|a| std::cmp::Reverse(a.0));
            assert_eq!(got, want, "len {len}, by key");
        }
    }

    #[test]
    fn moves_owned_values_without_losing_or_copying_any() {
        let mut v: Vec<String> = ["d", "b", "a", "c", "b"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        sort_by(&mut v, |a, b| b.cmp(a));
        assert_eq!(v, ["d", "c", "b", "b", "a"]);
    }
}
