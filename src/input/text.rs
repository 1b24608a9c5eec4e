//! Positions in a text: byte offsets turned into the 1-based line and
//! column (in characters, so that a caret after Chinese text lands where
//! it should) that diagnostics carry. The line starts and a character
//! count every 4 KiB are found once per text; each lookup is a binary
//! search and at most 4 KiB of counting, however long the line (a minified
//! 100 MB dump is one line).

/// Bytes between two character-count checkpoints.
const BLOCK: usize = 4096;

/// The start of every line of a text.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// Byte offset of the first byte of each line (the first is 0).
    starts: Vec<u32>,
    /// Characters in `text[..k * BLOCK]`, for every k.
    chars_before: Vec<u32>,
}

/// Characters in a byte slice of UTF-8 (it may start or end inside one):
/// the bytes that are not continuation bytes.
fn chars_in(bytes: &[u8]) -> u32 {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count() as u32
}

/// Pushes the offset after every `\n` of `bytes`, eight bytes at a time:
/// a word without a `\n` (most of them) costs one test.
fn push_line_starts(bytes: &[u8], starts: &mut Vec<u32>) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const NL: u64 = ONES * b'\n' as u64;
    let mut words = bytes.chunks_exact(8);
    let mut at = 0usize;
    for w in &mut words {
        let x = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]) ^ NL;
        // a zero byte of x is a '\n' of the word
        if x.wrapping_sub(ONES) & !x & HIGH != 0 {
            for (i, &b) in w.iter().enumerate() {
                if b == b'\n' {
                    starts.push((at + i + 1) as u32);
                }
            }
        }
        at += 8;
    }
    for (i, &b) in words.remainder().iter().enumerate() {
        if b == b'\n' {
            starts.push((at + i + 1) as u32);
        }
    }
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        push_line_starts(bytes, &mut starts);
        let mut chars_before = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut n = 0u32;
        chars_before.push(0);
        for block in bytes.chunks(BLOCK) {
            n += chars_in(block);
            chars_before.push(n);
        }
        LineIndex {
            starts,
            chars_before,
        }
    }

    /// Characters in `text[..offset]`.
    fn chars_to(&self, bytes: &[u8], offset: usize) -> u32 {
        let k = offset / BLOCK;
        self.chars_before.get(k).copied().unwrap_or(0)
            + chars_in(bytes.get(k * BLOCK..offset).unwrap_or(&[]))
    }

    /// Line and column (1-based; the column counts characters) of a byte
    /// offset of `text` (the text this index was built from). An offset
    /// past the end is the end; one inside a character is that character.
    pub fn position(&self, text: &str, offset: u32) -> (u32, u32) {
        let offset = (offset as usize).min(text.len());
        let line = self.starts.partition_point(|&s| s as usize <= offset);
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0) as usize;
        let bytes = text.as_bytes();
        // an offset inside a character counts that character
        let mut end = offset;
        while end < bytes.len() && bytes[end] & 0xC0 == 0x80 {
            end += 1;
        }
        let column = self.chars_to(bytes, end) - self.chars_to(bytes, start);
        let column = if end > offset { column - 1 } else { column };
        (line as u32, column + 1)
    }

    /// The byte offset of a 1-based line (its first byte).
    pub fn line_start(&self, line: u32) -> Option<u32> {
        self.starts.get((line as usize).checked_sub(1)?).copied()
    }

    /// The number of lines.
    pub fn lines(&self) -> usize {
        self.starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters() {
        let text = "a: 1\nname: 節點-一\nx: y";
        let ix = LineIndex::new(text);
        assert_eq!(ix.position(text, 0), (1, 1));
        assert_eq!(ix.position(text, 3), (1, 4));
        assert_eq!(ix.position(text, 5), (2, 1));
        // after three CJK characters (3 bytes each) and a hyphen
        let off = text.find('一').unwrap() as u32;
        assert_eq!(ix.position(text, off), (2, 10));
        assert_eq!(ix.position(text, text.len() as u32), (3, 5));
        assert_eq!(ix.position(text, 10_000), (3, 5));
        assert_eq!(ix.line_start(3), Some(text.rfind('\n').unwrap() as u32 + 1));
        assert_eq!(LineIndex::new("").position("", 0), (1, 1));
    }

    #[test]
    fn every_line_start_is_found_wherever_it_falls_in_a_word() {
        for len in 0..40 {
            for nl in 0..len {
                let mut t = "x".repeat(len);
                t.replace_range(nl..nl + 1, "\n");
                let ix = LineIndex::new(&t);
                assert_eq!(ix.lines(), 2, "{len} {nl}");
                assert_eq!(ix.line_start(2), Some(nl as u32 + 1));
            }
        }
        let t = "\n\n\n\n\n\n\n\n\n\n";
        assert_eq!(LineIndex::new(t).lines(), 11);
    }

    #[test]
    fn long_lines_are_counted_through_the_checkpoints() {
        let text = format!("{}{}x", "é".repeat(5000), "a".repeat(9000));
        let ix = LineIndex::new(&text);
        let x = text.len() as u32 - 1;
        assert_eq!(ix.position(&text, x), (1, 14_001));
        // inside a character: that character
        assert_eq!(ix.position(&text, 1), (1, 1));
        assert_eq!(ix.position(&text, 2), (1, 2));
    }
}
