use std::io::BufRead;

use crate::{Encoding, Error, Result, scanner::Scanner};

const BOM_UTF8: [u8; 3] = [0xef, 0xbb, 0xbf];
const BOM_UTF16LE: [u8; 2] = [0xff, 0xfe];
const BOM_UTF16BE: [u8; 2] = [0xfe, 0xff];

fn yaml_parser_determine_encoding(reader: &mut dyn BufRead) -> Result<Option<Encoding>> {
    let initial_bytes = reader.fill_buf()?;
    if initial_bytes.is_empty() {
        return Ok(None);
    }

    // daemonset-sim patch 5: only a whole byte order mark is one (and is
    // read); any other text is UTF-8, as C libyaml's and go-yaml's
    // `yaml_parser_determine_encoding` decide. The port read the first
    // bytes as a mark whenever the first was 0xEF, 0xFE or 0xFF, and
    // refused a text whose first char is in U+F000..U+FFFF (0xEF 0x80..)
    // with "invalid byte order marker". (This crate's inputs are in memory:
    // the first buffer holds a whole mark.)
    if initial_bytes.starts_with(&BOM_UTF8) {
        reader.consume(BOM_UTF8.len());
        Ok(Some(Encoding::Utf8))
    } else if initial_bytes.starts_with(&BOM_UTF16LE) {
        reader.consume(BOM_UTF16LE.len());
        Ok(Some(Encoding::Utf16Le))
    } else if initial_bytes.starts_with(&BOM_UTF16BE) {
        reader.consume(BOM_UTF16BE.len());
        Ok(Some(Encoding::Utf16Be))
    } else {
        Ok(Some(Encoding::Utf8))
    }
}

// daemonset-sim patch 3: the decoded input is kept as UTF-8 text (an
// `InputBuffer`), not as a queue of chars; a run of valid UTF-8 is checked
// for control characters and appended at once instead of char by char.
// Same chars, same errors, same offsets: only faster. The port's `unsafe`
// (`from_utf8_unchecked`) is gone: the valid prefix is decoded again.
fn read_utf8_buffered(
    reader: &mut dyn BufRead,
    out: &mut InputBuffer,
    offset: &mut usize,
) -> Result<bool> {
    let available = loop {
        match reader.fill_buf() {
            Ok([]) => return Ok(false),
            Ok(available) => break available,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => (),
            Err(err) => return Err(err.into()),
        }
    };

    match core::str::from_utf8(available) {
        Ok(valid) => {
            let used = valid.len();
            // The entire contents of the input buffer was valid UTF-8.
            push_str(out, valid, offset)?;
            reader.consume(used);
            Ok(true)
        }
        Err(err) => {
            let valid_bytes = err.valid_up_to();

            // If some of the buffer contents were valid, append that to the
            // output (valid by `valid_up_to()`: never the empty default).
            let valid = core::str::from_utf8(&available[..valid_bytes]).unwrap_or_default();
            push_str(out, valid, offset)?;

            match err.error_len() {
                Some(_invalid_len) => Err(Error::reader(
                    "invalid UTF-8",
                    *offset,
                    available[valid_bytes] as _,
                )),
                None => {
                    if valid_bytes != 0 {
                        // Some valid UTF-8 characters were present, and the
                        // tail end of the buffer was an incomplete sequence.
                        // Leave the incomplete sequence in the buffer.
                        reader.consume(valid_bytes);
                        Ok(true)
                    } else {
                        // The beginning of the buffer was an incomplete UTF-8
                        // sequence. Read the whole character unbuffered.
                        //
                        // This will return `UnexpectedEof` if the sequence
                        // cannot be completed. Note that `read_exact()` handles
                        // interrupt automatically.
                        let initial = available[0];
                        read_utf8_char_unbuffered(reader, out, initial, offset)?;
                        Ok(true)
                    }
                }
            }
        }
    }
}

fn read_utf8_char_unbuffered(
    reader: &mut dyn BufRead,
    out: &mut InputBuffer,
    initial: u8,
    offset: &mut usize,
) -> Result<()> {
    let width = utf8_char_width(initial);
    let mut buffer = [0; 4];
    reader.read_exact(&mut buffer[..width])?;
    if let Ok(valid) = core::str::from_utf8(&buffer[..width]) {
        // We read a whole, valid character.
        let ch = match valid.chars().next() {
            Some(ch) => ch,
            None => unreachable!(),
        };
        push_char(out, ch, *offset)?;
        *offset += width;
        Ok(())
    } else {
        // Since we read the exact character width, the only
        // possible error here is invalid Unicode.
        Err(Error::reader("invalid UTF-8", *offset, buffer[0] as _))
    }
}

fn read_utf16_buffered<const BIG_ENDIAN: bool>(
    reader: &mut dyn BufRead,
    out: &mut InputBuffer,
    offset: &mut usize,
) -> Result<bool> {
    let available = loop {
        match reader.fill_buf() {
            Ok([]) => return Ok(false),
            Ok(available) => break available,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => (),
            Err(err) => return Err(err.into()),
        }
    };

    let chunks = available.chunks_exact(2).map(|chunk| {
        let (a, b) = match chunk {
            [a, b] => (a, b),
            _ => unreachable!(),
        };
        if BIG_ENDIAN {
            u16::from_be_bytes([*a, *b])
        } else {
            u16::from_le_bytes([*a, *b])
        }
    });

    let mut used = 0;
    for ch in core::char::decode_utf16(chunks) {
        match ch {
            Ok(ch) => {
                push_char(out, ch, *offset)?;
                let n = ch.len_utf16();
                *offset += n;
                used += n;
            }
            Err(_) => {
                // An unpaired surrogate may either be a corrupt stream, but it
                // can also be that the buffer just happens to contain the first
                // half of a surrogate pair. Consume all of the valid bytes in
                // the buffer first, and then handle the unpaired surrogate in
                // the "slow" path (`read_utf16_char_unbuffered`) the next time
                // we are called.
                break;
            }
        }
    }

    if used != 0 {
        reader.consume(used);
        *offset += used;
        Ok(true)
    } else {
        debug_assert!(!available.is_empty() && available.len() < 2);
        read_utf16_char_unbuffered::<BIG_ENDIAN>(reader, out, offset)?;
        Ok(true)
    }
}

fn read_utf16_char_unbuffered<const BIG_ENDIAN: bool>(
    reader: &mut dyn BufRead,
    out: &mut InputBuffer,
    offset: &mut usize,
) -> Result<()> {
    let mut buffer = [0; 2];
    reader.read_exact(&mut buffer)?;
    let first = if BIG_ENDIAN {
        u16::from_be_bytes(buffer)
    } else {
        u16::from_le_bytes(buffer)
    };

    if is_utf16_surrogate(first) {
        reader.read_exact(&mut buffer)?;
        let second = if BIG_ENDIAN {
            u16::from_be_bytes(buffer)
        } else {
            u16::from_le_bytes(buffer)
        };

        match core::char::decode_utf16([first, second]).next() {
            Some(Ok(ch)) => {
                push_char(out, ch, *offset)?;
                *offset += 4;
                Ok(())
            }
            Some(Err(err)) => Err(Error::reader(
                "invalid UTF-16",
                *offset,
                err.unpaired_surrogate() as _,
            )),
            None => unreachable!(),
        }
    } else {
        match core::char::decode_utf16([first]).next() {
            Some(Ok(ch)) => {
                push_char(out, ch, *offset)?;
                *offset += 2;
                Ok(())
            }
            Some(Err(_)) | None => unreachable!(),
        }
    }
}

fn utf8_char_width(initial: u8) -> usize {
    if initial & 0x80 == 0 {
        1
    } else if initial & 0xE0 == 0xC0 {
        2
    } else if initial & 0xF0 == 0xE0 {
        3
    } else if initial & 0xF8 == 0xF0 {
        4
    } else {
        0
    }
}

fn is_utf16_surrogate(value: u16) -> bool {
    matches!(value, 0xD800..=0xDFFF)
}

/// Whether the reader lets `ch` in (libyaml's `yaml_parser_update_buffer`).
fn is_allowed(ch: char) -> bool {
    ch == '\x09'
        || ch == '\x0A'
        || ch == '\x0D'
        || ch >= '\x20' && ch <= '\x7E'
        || ch == '\u{0085}'
        || ch >= '\u{00A0}' && ch <= '\u{D7FF}'
        || ch >= '\u{E000}' && ch <= '\u{FFFD}'
        || ch >= '\u{10000}' && ch <= '\u{10FFFF}'
}

fn push_char(out: &mut InputBuffer, ch: char, offset: usize) -> Result<()> {
    if !is_allowed(ch) {
        return Err(Error::reader(
            "control characters are not allowed",
            offset,
            ch as _,
        ));
    }
    out.push_str(ch.encode_utf8(&mut [0; 4]), 1);
    Ok(())
}

/// daemonset-sim patch 3: `push_char` of each char of `valid` in turn, at
/// once: the chars before the first one not allowed are appended and
/// `offset` counts their bytes, as `push_char` and its callers did.
#[allow(clippy::needless_bitwise_bool)] // no branch a byte: vectorized
fn push_str(out: &mut InputBuffer, valid: &str, offset: &mut usize) -> Result<()> {
    const BLOCK: usize = 16;
    let bytes = valid.as_bytes();
    let mut i = 0;
    let mut chars = 0;
    let mut bad = None;
    'text: while i < bytes.len() {
        // blocks of printable ASCII and line feeds (checked without a
        // branch a byte: vectorized)
        while let Some(block) = bytes.get(i..i + BLOCK) {
            if !block.iter().fold(true, |ok, &b| {
                ok & ((b.wrapping_sub(0x20) < 0x5F) | (b == b'\n'))
            }) {
                break;
            }
            i += BLOCK;
            chars += BLOCK;
        }
        // then a block's worth char by char
        let end = i + BLOCK;
        while let Some(&b) = bytes.get(i) {
            if i >= end {
                break;
            }
            if b < 0x80 {
                if !(b >= 0x20 && b <= 0x7E || b == b'\n' || b == b'\t' || b == b'\r') {
                    bad = Some(b as char);
                    break 'text;
                }
                i += 1;
            } else {
                let Some(ch) = valid.get(i..).and_then(|rest| rest.chars().next()) else {
                    break 'text;
                };
                if !is_allowed(ch) {
                    bad = Some(ch);
                    break 'text;
                }
                i += ch.len_utf8();
            }
            chars += 1;
        }
    }
    out.push_str(valid.get(..i).unwrap_or_default(), chars);
    *offset += i;
    match bad {
        Some(ch) => Err(Error::reader(
            "control characters are not allowed",
            *offset,
            ch as _,
        )),
        None => Ok(()),
    }
}

/// daemonset-sim patch 3: the decoded input not read yet, as UTF-8 text
/// (the port kept a `VecDeque<char>`, 4 bytes a char, pushed and popped one
/// by one). `len` counts its chars: what the scanner's `cache(n)` compares
/// with `n` is the same as before, so it reads more input at the same
/// points (and so meets a reader error at the same point).
#[derive(Default)]
pub(crate) struct InputBuffer {
    /// Valid UTF-8; read from `pos` on (the bytes before are read).
    text: String,
    /// A char boundary of `text`.
    pos: usize,
    /// The number of chars in `text[pos..]`.
    len: usize,
}

impl InputBuffer {
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Self {
            text: String::with_capacity(capacity),
            pos: 0,
            len: 0,
        }
    }

    /// The number of chars not read yet.
    #[inline(always)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn clear(&mut self) {
        self.text.clear();
        self.pos = 0;
        self.len = 0;
    }

    /// Appends `s`, which has `chars` chars.
    fn push_str(&mut self, s: &str, chars: usize) {
        if self.pos != 0 {
            // what is left is a few chars: reading more is asked for only
            // when fewer are left than the scanner looks ahead
            self.text.drain(..self.pos);
            self.pos = 0;
        }
        self.text.push_str(s);
        self.len += chars;
    }

    /// The char `k` chars ahead, if there is one.
    #[inline(always)]
    pub(crate) fn get(&self, k: usize) -> Option<char> {
        // while the chars are ASCII, the byte `k` ahead (fewer bytes left
        // than `k + 1`: fewer chars)
        let bytes = self.text.as_bytes();
        let mut i = self.pos;
        loop {
            let b = *bytes.get(i)?;
            if b >= 0x80 {
                return self.get_slow(k);
            }
            if i - self.pos == k {
                return Some(b as char);
            }
            i += 1;
        }
    }

    #[inline(never)]
    fn get_slow(&self, k: usize) -> Option<char> {
        let bytes = self.text.as_bytes();
        let mut i = self.pos;
        for _ in 0..k {
            i += utf8_width(*bytes.get(i)?);
        }
        let b = *bytes.get(i)?;
        if b < 0x80 {
            Some(b as char)
        } else {
            self.text.get(i..)?.chars().next()
        }
    }

    /// Takes the next char.
    #[inline(always)]
    pub(crate) fn pop_front(&mut self) -> Option<char> {
        let ch = self.get(0)?;
        self.pos += ch.len_utf8();
        self.len -= 1;
        Some(ch)
    }

    /// How many of the next chars, at most `max`, are ASCII and `ordinary`.
    #[inline]
    pub(crate) fn ascii_run(&self, max: usize, ordinary: impl Fn(u8) -> bool) -> usize {
        let rest = self.text.as_bytes().get(self.pos..).unwrap_or_default();
        let rest = rest.get(..max).unwrap_or(rest);
        rest.iter()
            .position(|&b| b >= 0x80 || !ordinary(b))
            .unwrap_or(rest.len())
    }

    /// How many of the next chars, at most `max`, a plain scalar reads in
    /// turn (`Scanner::scan_plain_scalar`): ASCII, no blank or break, no
    /// `:` before a blank or a break, none of `,?[]{}` in a flow collection
    /// (daemonset-sim patch 4: go-yaml's rule). The char after the last
    /// must be in the buffer.
    #[inline]
    pub(crate) fn plain_run(&self, max: usize, flow: bool) -> usize {
        let bytes = self.text.as_bytes();
        let rest = bytes.get(self.pos..).unwrap_or_default();
        let rest = rest.get(..max).unwrap_or(rest);
        // the classes a flow collection stops at too
        let stop = if flow {
            PLAIN_STOP | FLOW | QUESTION
        } else {
            PLAIN_STOP
        };
        for (i, &b) in rest.iter().enumerate() {
            let class = CLASS[b as usize];
            if class & stop != 0 {
                return i;
            }
            if b == b':' {
                let next = bytes
                    .get(self.pos + i + 1)
                    .map_or(PLAIN_STOP, |&n| CLASS[n as usize]);
                if next & PLAIN_STOP != 0 {
                    return i;
                }
            }
        }
        rest.len()
    }

    /// Takes the next `n` chars, which are ASCII (`ascii_run`, `plain_run`,
    /// a CR LF).
    #[inline(always)]
    pub(crate) fn take_ascii(&mut self, n: usize) -> &str {
        let start = self.pos;
        self.pos += n;
        self.len -= n;
        self.text.get(start..self.pos).unwrap_or_default()
    }
}

/// daemonset-sim patch 3: byte classes for `InputBuffer::plain_run`.
/// A blank, a break or a byte of a non-ASCII char.
const PLAIN_STOP: u8 = 1;
/// `,[]{}`
const FLOW: u8 = 2;
/// `?`
const QUESTION: u8 = 4;
const CLASS: [u8; 256] = {
    let mut class = [0; 256];
    let mut b = 0x80;
    while b < 256 {
        class[b] = PLAIN_STOP;
        b += 1;
    }
    class[b' ' as usize] = PLAIN_STOP;
    class[b'\t' as usize] = PLAIN_STOP;
    class[b'\r' as usize] = PLAIN_STOP;
    class[b'\n' as usize] = PLAIN_STOP;
    class[b',' as usize] = FLOW;
    class[b'[' as usize] = FLOW;
    class[b']' as usize] = FLOW;
    class[b'{' as usize] = FLOW;
    class[b'}' as usize] = FLOW;
    class[b'?' as usize] = QUESTION;
    class
};

/// The length of the UTF-8 sequence `initial` starts (1 for a byte that
/// starts none: `InputBuffer` looks at char boundaries only).
#[inline]
fn utf8_width(initial: u8) -> usize {
    match initial {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

// daemonset-sim patch 3: called once a chunk of input (`Scanner::cache` is
// inlined, this is not)
#[inline(never)]
pub(crate) fn yaml_parser_update_buffer<R: BufRead>(
    parser: &mut Scanner<R>,
    length: usize,
) -> Result<()> {
    let reader = parser.read_handler.as_mut().expect("no read handler");
    if parser.buffer.len() >= length {
        return Ok(());
    }
    if parser.encoding == Encoding::Any {
        if let Some(encoding) = yaml_parser_determine_encoding(reader)? {
            parser.encoding = encoding;
        } else {
            parser.eof = true;
            return Ok(());
        }
    }

    while parser.buffer.len() < length {
        if parser.eof {
            return Ok(());
        }

        let not_eof = match parser.encoding {
            Encoding::Any => unreachable!(),
            Encoding::Utf8 => read_utf8_buffered(reader, &mut parser.buffer, &mut parser.offset)?,
            Encoding::Utf16Le => {
                read_utf16_buffered::<false>(reader, &mut parser.buffer, &mut parser.offset)?
            }
            Encoding::Utf16Be => {
                read_utf16_buffered::<true>(reader, &mut parser.buffer, &mut parser.offset)?
            }
        };
        if !not_eof {
            parser.eof = true;
            return Ok(());
        }
    }

    if parser.offset >= (!0_usize).wrapping_div(2_usize) {
        return Err(Error::reader("input is too long", parser.offset, -1));
    }
    Ok(())
}
