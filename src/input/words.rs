//! Word-at-a-time byte scanning: eight bytes of a text tested in one
//! step for the bytes a reader must stop at (the JSON and the fast YAML
//! reader skip runs of spaces and of plain text this way).

/// Eight bytes of `bytes` from `at`, as one little-endian word.
#[inline(always)]
pub(super) fn word(bytes: &[u8], at: usize) -> Option<u64> {
    let b = bytes.get(at..at + 8)?;
    Some(u64::from_le_bytes(b.try_into().ok()?))
}

pub(super) const ONES: u64 = 0x0101_0101_0101_0101;
pub(super) const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether a byte of `w` is below `n` (n <= 128; exact for "any").
#[inline(always)]
pub(super) fn has_less(w: u64, n: u8) -> bool {
    w.wrapping_sub(ONES * u64::from(n)) & !w & HIGHS != 0
}

/// Whether a byte of `w` is `b` (exact for "any").
#[inline(always)]
pub(super) fn has_byte(w: u64, b: u8) -> bool {
    has_less(w ^ (ONES * u64::from(b)), 1)
}
