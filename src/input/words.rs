//! Word-at-a-time byte scanning: eight bytes of a text tested in one
//! step for the bytes a reader must stop at (the JSON and the fast YAML
//! reader skip runs of spaces and of plain text this way).
//!
//! A test's mask flags the bytes that match, and its lowest flagged byte
//! is always a real match (a borrow can flag a byte only above a real
//! match), so `trailing_zeros` of the mask gives the first match exactly:
//! the scans land on it without going back over the word byte by byte.

/// Eight bytes of `bytes` from `at`, as one little-endian word.
#[inline(always)]
pub(super) fn word(bytes: &[u8], at: usize) -> Option<u64> {
    let b = bytes.get(at..at + 8)?;
    Some(u64::from_le_bytes(b.try_into().ok()?))
}

pub(super) const ONES: u64 = 0x0101_0101_0101_0101;
pub(super) const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The bytes of `w` below `n` (n <= 128), flagged by their high bit;
/// the lowest flag is exact.
#[inline(always)]
fn less_mask(w: u64, n: u8) -> u64 {
    w.wrapping_sub(ONES * u64::from(n)) & !w & HIGHS
}

/// The bytes of `w` equal to `b`, flagged by their high bit; the lowest
/// flag is exact.
#[inline(always)]
fn byte_mask(w: u64, b: u8) -> u64 {
    less_mask(w ^ (ONES * u64::from(b)), 1)
}

/// Whether a byte of `w` is below `n` (n <= 128; exact for "any").
#[inline(always)]
pub(super) fn has_less(w: u64, n: u8) -> bool {
    less_mask(w, n) != 0
}

/// Whether a byte of `w` is `b` (exact for "any").
#[inline(always)]
pub(super) fn has_byte(w: u64, b: u8) -> bool {
    byte_mask(w, b) != 0
}

/// The first place at or after `at` where `bytes` has `a`, `b` or `c`,
/// or `bytes.len()` when there is none.
#[inline(always)]
pub(super) fn find3(bytes: &[u8], mut at: usize, a: u8, b: u8, c: u8) -> usize {
    while let Some(w) = word(bytes, at) {
        let m = byte_mask(w, a) | byte_mask(w, b) | byte_mask(w, c);
        if m != 0 {
            return at + (m.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while at < bytes.len() && ![a, b, c].contains(&bytes[at]) {
        at += 1;
    }
    at.min(bytes.len())
}

/// The first place at or after `at` where a JSON string's plain run of
/// `bytes` stops (`"`, `\` or a control character below 0x20), or
/// `bytes.len()`.
#[inline(always)]
pub(super) fn find_string_stop(bytes: &[u8], mut at: usize) -> usize {
    while let Some(w) = word(bytes, at) {
        let m = byte_mask(w, b'"') | byte_mask(w, b'\\') | less_mask(w, 0x20);
        if m != 0 {
            return at + (m.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while at < bytes.len() && !matches!(bytes[at], b'"' | b'\\' | 0..=0x1f) {
        at += 1;
    }
    at.min(bytes.len())
}

/// The first place at or after `at` where `bytes` has something other
/// than a space (`bytes.len()` when there is none). Exact in one step:
/// the word XOR eight spaces is zero exactly at the spaces.
#[inline(always)]
pub(super) fn skip_spaces(bytes: &[u8], mut at: usize) -> usize {
    while let Some(w) = word(bytes, at) {
        let x = w ^ (ONES * u64::from(b' '));
        if x != 0 {
            return at + (x.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while at < bytes.len() && bytes[at] == b' ' {
        at += 1;
    }
    at.min(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value at every place of a word and across words: the
    /// scans find what a byte-by-byte search finds.
    #[test]
    fn the_scans_find_the_first_match_exactly() {
        let naive3 = |s: &[u8], at: usize, set: [u8; 3]| {
            (at..s.len())
                .find(|&i| set.contains(&s[i]))
                .unwrap_or(s.len())
        };
        let naive_stop = |s: &[u8], at: usize| {
            (at..s.len())
                .find(|&i| matches!(s[i], b'"' | b'\\' | 0..=0x1f))
                .unwrap_or(s.len())
        };
        for len in 0..20usize {
            for pos in 0..len.max(1) {
                for v in 0..=255u8 {
                    // filler that is none of the stops, with borrow-prone bytes
                    let mut s: Vec<u8> =
                        (0..len).map(|i| [b'a', 0x80, b'9', 0xff][i % 4]).collect();
                    if pos < len {
                        s[pos] = v;
                        if pos + 1 < len {
                            s[pos + 1] = b':'; // a later match must not win
                        }
                    }
                    for at in 0..=len {
                        let spaces = (at..len).find(|&i| s[i] != b' ').unwrap_or(len);
                        let mut blank = s.clone();
                        for b in blank.iter_mut().take(pos) {
                            *b = b' ';
                        }
                        let blank_first = (at..len).find(|&i| blank[i] != b' ').unwrap_or(len);
                        assert_eq!(skip_spaces(&s, at), spaces, "{s:?} from {at}");
                        assert_eq!(skip_spaces(&blank, at), blank_first, "{blank:?} from {at}");
                        assert_eq!(
                            find3(&s, at, b':', b'#', b'\n'),
                            naive3(&s, at, [b':', b'#', b'\n']),
                            "{s:?} from {at}"
                        );
                        assert_eq!(
                            find_string_stop(&s, at),
                            naive_stop(&s, at),
                            "{s:?} from {at}"
                        );
                    }
                }
            }
        }
    }
}
