//! Go's `strings.ToLower`, which `ValidateAnnotations` applies to every
//! annotation key before it checks it as a qualified name
//! (apimachinery `pkg/api/validation/objectmeta.go`).
//!
//! Go maps each char by its simple lowercase mapping (`unicode.ToLower`):
//! always one char, U+0130 to "i", a final sigma to σ. std's
//! `str::to_lowercase` writes "i\u{307}" and ς there, and std's
//! `char::to_lowercase` table is 11 KB of pairs (5.5 KB of the first-grid
//! wasm module, `gzip -9`). `table.rs` holds the same mapping as runs:
//! generated from std's `char::to_lowercase` by the tests
//! (`UPDATE_TABLES=1 cargo test --lib lower` writes it again), which also
//! check it against std for every char.

mod table;

use table::RUNS;

/// `strings.ToLower(s)`.
pub fn go_to_lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.chars().map(to_lower).collect()
}

/// `unicode.ToLower(c)`.
pub fn to_lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let u = c as u32;
    // the last run starting at or before c
    let i = RUNS.partition_point(|r| r.0 <= u);
    let Some(&(lo, hi, delta, step)) = i.checked_sub(1).map(|i| &RUNS[i]) else {
        return c;
    };
    if u > hi || (u - lo) % u32::from(step) != 0 {
        return c;
    }
    char::from_u32(u.wrapping_add_signed(delta)).unwrap_or(c)
}

#[cfg(test)]
mod tests;
