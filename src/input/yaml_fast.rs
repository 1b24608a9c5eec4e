//! A fast reader for the plain YAML that `kubectl get -o yaml` writes and
//! most of what people write by hand, giving the same events libyaml
//! gives ([`super::yaml`] reads with libyaml, the parser go-yaml is a port
//! of).
//!
//! libyaml reads any YAML 1.1: characters decoded one at a time into a
//! queue, tokens into another, simple keys tracked for every token. Most
//! of what users paste is block mappings and sequences of plain and quoted
//! scalars, and for that this reader gives libyaml's events (the same
//! values, styles and byte positions: the same tree, the same messages)
//! faster (reading a 34 MiB dump in Chromium: 1,117 -> 671 ms, the
//! objects' checks and decoding included). It reads a document twice:
//! first to see that every line is of that kind ([`simple`]), then to
//! give its events ([`events`]). Plain and single-quoted scalars may go on
//! over lines (go-yaml folds a long string at 80 columns), folded as
//! libyaml folds them; double-quoted ones stay on their line, their
//! escapes read as libyaml reads them; flow collections (`[a, 'b']`,
//! `{k: v}`) stay on their line; literal and folded block scalars (`|`,
//! `>-`) are read as libyaml's `scan_block_scalar` reads them. A document
//! with anything else (anchors, aliases, tags, an indentation indicator,
//! line breaks in double quotes, flow collections over lines, complex
//! keys, document markers, tabs, carriage returns and other line breaks
//! or control characters, deep nesting) or an error is libyaml's to read,
//! whole. (The page's first-grid wasm module has no libyaml: there such a
//! document makes the call ask the full module, see `src/wasm/error.rs`.)
//!
//! The rules it follows are libyaml's scanner and parser as go-yaml v2 has
//! them (`scannerc.go`, `parserc.go`): where a plain scalar starts and
//! ends in block context, what an empty value is (an empty plain scalar at
//! the end of its `:` or `-`), where a collection's end is (at the next
//! token, or at the end of the input).

use super::words::{self, find3, has_byte, has_less, word, HIGHS};

/// A scalar's style, as libyaml names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    /// Plain, on one line: its text as it is.
    Plain,
    /// Plain, over lines: folded as libyaml folds them.
    PlainLines,
    SingleQuoted,
    DoubleQuoted,
    /// `|`: its lines as they are.
    Literal(Block),
    /// `>`: its lines folded.
    Folded(Block),
}

impl Style {
    pub(super) fn is_plain(self) -> bool {
        matches!(self, Style::Plain | Style::PlainLines)
    }
}

/// How a block scalar's lines are read: their indentation, and what is
/// kept of the line breaks at its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Block {
    pub indent: u32,
    pub chomp: Chomp,
}

/// A block scalar's chomping indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Chomp {
    /// `-`: no final line break.
    Strip,
    /// none: one final line break.
    #[default]
    Clip,
    /// `+`: every final line break.
    Keep,
}

/// One event, with byte offsets in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Event {
    MappingStart(u32),
    MappingEnd(u32),
    SequenceStart(u32),
    SequenceEnd(u32),
    /// A scalar at `pos` (its first byte, the quote of a quoted one)
    /// whose text, quotes excluded, is `start..end`: for a single-quoted
    /// one with each `''` still to be read as `'` ([`value`]).
    Scalar {
        pos: u32,
        start: u32,
        end: u32,
        style: Style,
    },
}

/// A scalar's value when it is not its text `start..end` as it is (see
/// [`Event::Scalar`]): over several lines, or single-quoted with `''`.
pub(super) fn value(text: &str, start: u32, end: u32, style: Style) -> Option<String> {
    let s = &text[start as usize..end as usize];
    match style {
        Style::Plain => return None,
        Style::Literal(b) => return Some(block_value(s, b, true)),
        Style::Folded(b) => return Some(block_value(s, b, false)),
        _ => {}
    }
    if style == Style::DoubleQuoted && s.contains('\\') {
        return Some(unescape(s));
    }
    let quotes = style == Style::SingleQuoted && s.contains('\'');
    if s.contains('\n') {
        let folded = fold(s);
        return Some(if quotes {
            folded.replace("''", "'")
        } else {
            folded
        });
    }
    quotes.then(|| s.replace("''", "'"))
}

/// A block scalar's value from its lines (each ending with a line break;
/// those not longer than its indentation are blank), as libyaml's
/// `scan_block_scalar` reads them: a literal one's lines as they are, a
/// folded one's lines joined by a space where neither is more indented
/// (blank lines between are line breaks); then the final line breaks as
/// the chomping says.
fn block_value(s: &str, b: Block, literal: bool) -> String {
    let indent = b.indent as usize;
    let mut out = String::with_capacity(s.len());
    // a line break read after a line, blank lines since, whether the last
    // line was more indented
    let (mut leading_break, mut breaks, mut leading_blank) = (false, 0, false);
    for line in s.split_terminator('\n') {
        if line.len() <= indent {
            breaks += 1;
            continue;
        }
        let line = &line[indent..];
        let blank = line.starts_with(' ');
        if !literal && leading_break && !leading_blank && !blank {
            if breaks == 0 {
                out.push(' ');
            }
        } else if leading_break {
            out.push('\n');
        }
        out.extend(std::iter::repeat_n('\n', breaks));
        breaks = 0;
        leading_blank = blank;
        out.push_str(line);
        leading_break = true;
    }
    if b.chomp != Chomp::Strip && leading_break {
        out.push('\n');
    }
    if b.chomp == Chomp::Keep {
        out.extend(std::iter::repeat_n('\n', breaks));
    }
    out
}

/// The escape after a `\\` in a double-quoted scalar (`bytes` from the
/// byte after the backslash): the character and the bytes it takes, for
/// the escapes libyaml reads (`\\n`, `\\"`, `\\x41`, `\\u00e9`,
/// `\\U0001F600`, ...; a code that is no character is its error). `None`
/// for anything else: libyaml's to read and judge (`\\/` and a line
/// break after the backslash among them).
fn escape(bytes: &[u8]) -> Option<(char, usize)> {
    let c = match bytes.first()? {
        b'0' => '\0',
        b'a' => '\x07',
        b'b' => '\x08',
        b't' => '\t',
        b'n' => '\n',
        b'v' => '\x0b',
        b'f' => '\x0c',
        b'r' => '\r',
        b'e' => '\x1b',
        b' ' => ' ',
        b'"' => '"',
        b'\\' => '\\',
        b'N' => '\u{85}',
        b'_' => '\u{a0}',
        b'L' => '\u{2028}',
        b'P' => '\u{2029}',
        &b => {
            let digits = match b {
                b'x' => 2,
                b'u' => 4,
                b'U' => 8,
                _ => return None,
            };
            let hex = bytes.get(1..1 + digits)?;
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            let code = u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
            return Some((char::from_u32(code)?, 1 + digits));
        }
    };
    Some((c, 1))
}

/// A double-quoted scalar's text on one line with its escapes read
/// ([`escape`] accepted each).
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let (c, len) = escape(&rest.as_bytes()[at + 1..]).unwrap_or(('\\', 0));
        out.push(c);
        rest = &rest[at + 1 + len..];
    }
    out.push_str(rest);
    out
}

/// libyaml's folding of a flow scalar's lines: the spaces around a line
/// break go, a single break is a space, and `n` breaks in a row (blank
/// lines between) are `n - 1` line breaks.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut lines = s.split('\n');
    let first = lines.next().unwrap_or("");
    out.push_str(first.trim_end_matches(' '));
    let mut breaks = 0;
    let mut rest = lines.peekable();
    while let Some(line) = rest.next() {
        breaks += 1;
        let last = rest.peek().is_none();
        let text = line.trim_start_matches(' ');
        let text = if last {
            text
        } else {
            text.trim_end_matches(' ')
        };
        if text.is_empty() && !last {
            continue;
        }
        if breaks == 1 {
            out.push(' ');
        } else {
            out.extend(std::iter::repeat_n('\n', breaks - 1));
        }
        breaks = 0;
        out.push_str(text);
    }
    out
}

/// Nesting past this is libyaml's to read (and to refuse by the limits).
const MAX_DEPTH: u32 = 64;

/// Below libyaml's limit on the length of a simple key (1,024, which it
/// counts in bytes up to the `:`): longer keys are libyaml's to judge.
const MAX_KEY: usize = 1000;

/// Whether `doc` is only what this reader reads: then [`events`] gives
/// all its events. `eof` is the end mark libyaml gives at the end of the
/// input (its length, plus the line break the caller adds to a document
/// that does not end with one).
pub(super) fn simple(doc: &str, eof: u32) -> bool {
    // characters libyaml refuses or reads as line breaks or a byte order
    // mark, tabs and carriage returns: libyaml's to read and judge
    let bytes = doc.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // eight printable ASCII bytes at a time
        if let Some(w) = word(bytes, i) {
            if w & HIGHS == 0 && !has_less(w, 0x20) && !has_byte(w, 0x7f) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        i += 1;
        if (0x20..0x7f).contains(&b) || b == b'\n' || (0x80..0xc0).contains(&b) {
            // (a continuation byte was read with its lead byte)
            continue;
        }
        if b < 0x80 {
            // a control character or DEL
            return false;
        }
        if let Some(c) = doc[i - 1..].chars().next() {
            if matches!(
                c,
                '\u{80}'
                    ..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
            ) {
                return false;
            }
        }
    }
    let mut r = Reader::new(doc, eof);
    let mut nothing = |_: Event| Ok::<(), ()>(());
    matches!(r.document(&mut nothing), Ok(()))
}

/// Gives `each` the events of `doc`, which [`simple`] accepted (for any
/// other text it stops at some point and returns `Ok`: never use it
/// without [`simple`]). The stream's and document's own start and end
/// are not given.
pub(super) fn events<E>(
    doc: &str,
    eof: u32,
    mut each: impl FnMut(Event) -> Result<(), E>,
) -> Result<(), E> {
    let mut r = Reader::new(doc, eof);
    match r.document(&mut each) {
        Ok(()) | Err(Stop::NotSimple) => Ok(()),
        Err(Stop::Error(e)) => Err(e),
    }
}

/// Why reading stopped.
enum Stop<E> {
    /// Something this reader leaves to libyaml.
    NotSimple,
    /// The receiver's error.
    Error(E),
}

type Read<E> = Result<(), Stop<E>>;

struct Reader<'a> {
    s: &'a [u8],
    i: usize,
    /// Where the current line starts.
    line: usize,
    eof: u32,
    depth: u32,
}

#[inline(always)]
fn give<E, F: FnMut(Event) -> Result<(), E>>(each: &mut F, e: Event) -> Read<E> {
    each(e).map_err(Stop::Error)
}

/// What [`Reader::key`] found.
enum Keyed {
    /// A key and the offset of its `:`.
    Key(Scalar, usize),
    /// A scalar that is not a key.
    Value(Scalar),
    /// Neither (a flow collection, or what only [`Reader::value`] reads).
    Neither,
}

/// A scalar just read: where it is, and where its text is.
#[derive(Clone, Copy)]
struct Scalar {
    pos: usize,
    start: usize,
    end: usize,
    style: Style,
}

impl Scalar {
    fn event(self) -> Event {
        Event::Scalar {
            pos: self.pos as u32,
            start: self.start as u32,
            end: self.end as u32,
            style: self.style,
        }
    }
}

impl<'a> Reader<'a> {
    fn new(doc: &'a str, eof: u32) -> Reader<'a> {
        Reader {
            s: doc.as_bytes(),
            i: 0,
            line: 0,
            eof,
            depth: 0,
        }
    }

    #[inline(always)]
    fn at(&self, i: usize) -> u8 {
        self.s.get(i).copied().unwrap_or(b'\n')
    }

    /// A blank, a line break or the end, at `i` (libyaml's `IS_BLANKZ`
    /// without tabs, which [`simple`] leaves out).
    #[inline(always)]
    fn blankz(&self, i: usize) -> bool {
        matches!(self.at(i), b' ' | b'\n')
    }

    #[inline(always)]
    fn column(&self) -> usize {
        self.i - self.line
    }

    #[inline(always)]
    fn skip_spaces(&mut self) {
        self.i = words::skip_spaces(self.s, self.i);
    }

    /// From the end of a token on: spaces and a comment to the end of the
    /// line, and any lines of only those, to the next token. Its offset,
    /// or `None` at the end of the input.
    fn next_token<E>(&mut self) -> Result<Option<usize>, Stop<E>> {
        loop {
            self.skip_spaces();
            match self.s.get(self.i) {
                None => return Ok(None),
                Some(b'\n') => {
                    self.i += 1;
                    self.line = self.i;
                    // `---` and `...` at a line's start are document
                    // markers (a chunk holds no `---` line)
                    if self.s[self.i..].starts_with(b"...") || self.s[self.i..].starts_with(b"---")
                    {
                        return Err(Stop::NotSimple);
                    }
                }
                Some(b'#') => {
                    // a comment: after a token, spaces were before it
                    // (a plain scalar ends only at ` #`; after any other
                    // token libyaml takes `#` as a comment either way)
                    while self.s.get(self.i).is_some_and(|&b| b != b'\n') {
                        self.i += 1;
                    }
                }
                Some(_) => return Ok(Some(self.i)),
            }
        }
    }

    /// The end of the line after a token: spaces, maybe a comment.
    fn line_ends<E>(&mut self) -> Read<E> {
        self.skip_spaces();
        match self.at(self.i) {
            b'\n' | b'#' => Ok(()),
            _ => Err(Stop::NotSimple),
        }
    }

    /// The end mark of what ends at the next token (or at the end).
    fn end_mark(&self, next: Option<usize>) -> u32 {
        next.map_or(self.eof, |i| i as u32)
    }

    fn document<E, F: FnMut(Event) -> Result<(), E>>(&mut self, each: &mut F) -> Read<E> {
        if self.s.starts_with(b"...") || self.s.starts_with(b"---") {
            return Err(Stop::NotSimple);
        }
        let Some(_) = self.next_token()? else {
            return Ok(());
        };
        // the root: nothing may follow it (for a scalar, a line after it
        // would continue it)
        self.node(-1, each)?;
        match self.next_token()? {
            None => Ok(()),
            Some(_) => Err(Stop::NotSimple),
        }
    }

    /// A node that starts at the current token (the first of its line,
    /// or after `- `), in a block collection at column `indent`; it is
    /// read to its end, and the reader left after it (at the end of its
    /// last line, or at the next token once a collection ended).
    fn node<E, F: FnMut(Event) -> Result<(), E>>(
        &mut self,
        indent: isize,
        each: &mut F,
    ) -> Read<E> {
        let column = self.column();
        if self.at(self.i) == b'-' && self.blankz(self.i + 1) {
            return self.sequence(column, false, each);
        }
        match self.key()? {
            Keyed::Key(key, colon) => self.mapping(column, key, colon, each),
            Keyed::Value(scalar) => self.value_from(scalar, indent, each),
            Keyed::Neither => self.value(indent, each),
        }
    }

    /// A scalar or an empty flow collection that ends its line, in a block
    /// collection at column `indent`.
    fn value<E, F: FnMut(Event) -> Result<(), E>>(
        &mut self,
        indent: isize,
        each: &mut F,
    ) -> Read<E> {
        if matches!(self.at(self.i), b'{' | b'[') {
            self.flow(each)?;
            return self.line_ends();
        }
        if matches!(self.at(self.i), b'|' | b'>') {
            let scalar = self.block(indent)?;
            return give(each, scalar.event());
        }
        let scalar = self.scalar(Some(indent))?;
        self.value_from(scalar, indent, each)
    }

    /// [`Self::value`] from a scalar read up to the end of its first line
    /// (a quoted one to its end).
    fn value_from<E, F: FnMut(Event) -> Result<(), E>>(
        &mut self,
        mut scalar: Scalar,
        indent: isize,
        each: &mut F,
    ) -> Read<E> {
        if scalar.style == Style::Plain {
            // a plain scalar goes on over the lines more indented than its
            // collection, up to a comment
            while let Some(end) = self.plain_line(indent)? {
                scalar.end = end;
                scalar.style = Style::PlainLines;
            }
        }
        self.line_ends()?;
        give(each, scalar.event())
    }

    /// After a plain scalar's text on a line (the reader at its end): the
    /// end of its text on the next line that goes on with it, the reader
    /// there; `None` (the reader not moved) when it does not go on: at
    /// a comment, at the end, or at a line not more indented than the
    /// collection at `indent`. Blank lines between are part of it.
    fn plain_line<E>(&mut self, indent: isize) -> Result<Option<usize>, Stop<E>> {
        let (i, line) = (self.i, self.line);
        self.skip_spaces();
        if self.at(self.i) != b'\n' {
            // ` #`: the comment ends it
            (self.i, self.line) = (i, line);
            return Ok(None);
        }
        // the next line that is not blank
        loop {
            let Some(b'\n') = self.s.get(self.i) else {
                (self.i, self.line) = (i, line);
                return Ok(None);
            };
            self.i += 1;
            self.line = self.i;
            if self.s[self.i..].starts_with(b"...") || self.s[self.i..].starts_with(b"---") {
                return Err(Stop::NotSimple);
            }
            self.skip_spaces();
            if self.s.get(self.i) != Some(&b'\n') {
                break;
            }
        }
        if self.i >= self.s.len() || self.at(self.i) == b'#' || self.column() as isize <= indent {
            (self.i, self.line) = (i, line);
            return Ok(None);
        }
        // its text; `: ` in it is an error (a key cannot span lines)
        let (end, at_colon) = self.plain_run(self.i);
        if at_colon {
            return Err(Stop::NotSimple);
        }
        self.i = end;
        Ok(Some(end))
    }

    /// A plain scalar's text on one line from `start` (not a space): its
    /// end, less the spaces before it, and whether it ends at `: ` (else
    /// at ` #` or at the end of the line), as libyaml scans plain text in
    /// block context.
    fn plain_run(&self, start: usize) -> (usize, bool) {
        let mut j = start;
        let at_colon = loop {
            j = find3(self.s, j, b':', b'#', b'\n');
            match self.at(j) {
                b'\n' => break false,
                b':' if self.blankz(j + 1) => break true,
                b'#' if j > start && self.s[j - 1] == b' ' => break false,
                _ => j += 1,
            }
        };
        let mut end = j;
        while self.s[end - 1] == b' ' {
            end -= 1;
        }
        (end, at_colon)
    }

    /// A scalar: plain (its first line), single-quoted (over lines more
    /// indented than the collection at `lines`, when given), or
    /// double-quoted on one line without escapes.
    fn scalar<E>(&mut self, lines: Option<isize>) -> Result<Scalar, Stop<E>> {
        let pos = self.i;
        let quote = self.at(pos);
        if quote == b'\'' || quote == b'"' {
            let mut j = pos + 1;
            loop {
                j = find3(self.s, j, quote, b'\n', b'\\');
                match self.s.get(j) {
                    Some(b'\\') if quote == b'"' => match escape(&self.s[j + 1..]) {
                        Some((_, len)) => j += 1 + len,
                        None => return Err(Stop::NotSimple),
                    },
                    None | Some(b'\n') if quote == b'"' => return Err(Stop::NotSimple),
                    None => return Err(Stop::NotSimple),
                    Some(b'\n') => {
                        // a single-quoted value goes on over lines more
                        // indented than its collection (a blank line
                        // too): folded as libyaml folds them ([`fold`])
                        let Some(indent) = lines else {
                            return Err(Stop::NotSimple);
                        };
                        j += 1;
                        self.line = j;
                        if self.s[j..].starts_with(b"...") || self.s[j..].starts_with(b"---") {
                            return Err(Stop::NotSimple);
                        }
                        let spaces = self.s[j..].iter().take_while(|&&b| b == b' ').count();
                        if !matches!(self.s.get(j + spaces), Some(b'\n'))
                            && spaces as isize <= indent
                        {
                            return Err(Stop::NotSimple);
                        }
                    }
                    Some(&b) if b == quote => {
                        if quote == b'\'' && self.at(j + 1) == b'\'' {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    Some(_) => j += 1,
                }
            }
            self.i = j + 1;
            return Ok(Scalar {
                pos,
                start: pos + 1,
                end: j,
                style: if quote == b'\'' {
                    Style::SingleQuoted
                } else {
                    Style::DoubleQuoted
                },
            });
        }
        // where a plain scalar may start (`-`, `?` and `:` before a blank
        // are indicators, which the callers took first or leave out here)
        let starts = match quote {
            b'-' | b'?' | b':' => !self.blankz(pos + 1),
            b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'%'
            | b'@' | b'`' | b' ' | b'\n' => false,
            _ => true,
        };
        if !starts {
            return Err(Stop::NotSimple);
        }
        // its first line (the value goes on over more: [`Self::value_from`])
        let (end, _) = self.plain_run(pos);
        Ok(self.plain(pos, end))
    }

    /// The plain scalar `pos..end`, the reader after it.
    fn plain(&mut self, pos: usize, end: usize) -> Scalar {
        self.i = end;
        Scalar {
            pos,
            start: pos,
            end,
            style: Style::Plain,
        }
    }

    /// At a key (a scalar, then `:` before a blank, on its line): the
    /// key, and the offset of its `:`; the reader after the `:`. At a
    /// scalar that is not a key: it, the reader after it (so that it is
    /// not read twice). Otherwise nothing moves.
    fn key<E>(&mut self) -> Result<Keyed, Stop<E>> {
        let start = self.i;
        if matches!(self.at(start), b'{' | b'[') {
            return Ok(Keyed::Neither);
        }
        // (a scalar over lines is never a key: the value reads it)
        let Ok(scalar) = self.scalar::<E>(None) else {
            self.i = start;
            return Ok(Keyed::Neither);
        };
        let after = self.i;
        self.skip_spaces();
        if self.at(self.i) == b':' && self.blankz(self.i + 1) {
            if self.i - start > MAX_KEY {
                return Err(Stop::NotSimple);
            }
            let colon = self.i;
            self.i += 1;
            return Ok(Keyed::Key(scalar, colon));
        }
        self.i = after;
        Ok(Keyed::Value(scalar))
    }

    /// A block scalar (`|` or `>`, maybe `+` or `-`, no indentation
    /// indicator) in a block collection at column `parent`, the reader at
    /// its indicator: its lines are those after the indicator's that are
    /// blank or indented at least as the first that is not blank (more
    /// than `parent`, and than the blank lines before it), as libyaml's
    /// `scan_block_scalar` finds them. The reader left at the end of its
    /// last line. A block scalar at the end of the text without a line
    /// break after it is libyaml's.
    fn block<E>(&mut self, parent: isize) -> Result<Scalar, Stop<E>> {
        let pos = self.i;
        let literal = self.at(pos) == b'|';
        self.i += 1;
        let chomp = match self.at(self.i) {
            b'+' => Chomp::Keep,
            b'-' => Chomp::Strip,
            _ => Chomp::Clip,
        };
        if chomp != Chomp::Clip {
            self.i += 1;
        }
        // (libyaml takes `#` right after the indicators as a comment too)
        self.skip_spaces();
        if self.at(self.i) == b'#' {
            while self.at(self.i) != b'\n' {
                self.i += 1;
            }
        }
        if self.i >= self.s.len() || self.s[self.i] != b'\n' {
            return Err(Stop::NotSimple);
        }
        let start = self.i + 1;
        let spaces = |i: usize| {
            self.s[i.min(self.s.len())..]
                .iter()
                .take_while(|&&b| b == b' ')
                .count()
        };
        // the indentation: the first line that is not blank, the blank
        // lines before it, at least one more than the collection's
        let mut line = start;
        let mut most = 0;
        while line < self.s.len() {
            let n = spaces(line);
            most = most.max(n);
            if self.at(line + n) != b'\n' {
                break;
            }
            line += n + 1;
        }
        let indent = most.max((parent + 1).max(1) as usize);
        // its lines: blank, or indented as much
        let mut line = start;
        while line < self.s.len() {
            let n = spaces(line);
            if line + n >= self.s.len() {
                return Err(Stop::NotSimple);
            }
            if self.s[line + n] != b'\n' && n < indent {
                break;
            }
            match self.s[line + n..].iter().position(|&b| b == b'\n') {
                Some(k) => line += n + k + 1,
                None => return Err(Stop::NotSimple),
            }
        }
        self.i = line - 1;
        self.line = self.s[..self.i]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |k| k + 1);
        let b = Block {
            indent: indent as u32,
            chomp,
        };
        Ok(Scalar {
            pos,
            start,
            end: line,
            style: if literal {
                Style::Literal(b)
            } else {
                Style::Folded(b)
            },
        })
    }

    /// A flow collection on one line (`[a, 'b']`, `{k: v, l: [m]}`), the
    /// reader at its `[` or `{`: its events, the reader after its end.
    /// Entries are scalars on one line and flow collections; a mapping's
    /// keys are scalars followed by `: `. Anything else (a collection over
    /// lines, a comment in it, `? `, pairs in a sequence, empty entries or
    /// values, a comma before the end, `"k":v`) is libyaml's.
    fn flow<E, F: FnMut(Event) -> Result<(), E>>(&mut self, each: &mut F) -> Read<E> {
        self.deeper()?;
        let (open, map) = (self.i as u32, self.at(self.i) == b'{');
        let close = if map { b'}' } else { b']' };
        give(
            each,
            if map {
                Event::MappingStart(open)
            } else {
                Event::SequenceStart(open)
            },
        )?;
        self.i += 1;
        self.skip_spaces();
        if self.at(self.i) != close {
            loop {
                if map {
                    let key = self.flow_scalar()?;
                    if self.at(self.i) != b':'
                        || self.at(self.i + 1) != b' '
                        || self.i - key.pos > MAX_KEY
                    {
                        return Err(Stop::NotSimple);
                    }
                    give(each, key.event())?;
                    self.i += 1;
                    self.skip_spaces();
                }
                if matches!(self.at(self.i), b'{' | b'[') {
                    self.flow(each)?;
                } else {
                    give(each, self.flow_scalar()?.event())?;
                }
                self.skip_spaces();
                match self.at(self.i) {
                    b',' => {
                        self.i += 1;
                        self.skip_spaces();
                        if self.at(self.i) == close {
                            return Err(Stop::NotSimple);
                        }
                    }
                    b if b == close => break,
                    _ => return Err(Stop::NotSimple),
                }
            }
        }
        give(
            each,
            if map {
                Event::MappingEnd(self.i as u32)
            } else {
                Event::SequenceEnd(self.i as u32)
            },
        )?;
        self.i += 1;
        self.depth -= 1;
        Ok(())
    }

    /// A scalar in a flow collection, on one line: quoted, or plain up to
    /// a `,`, `?`, `[`, `]`, `{`, `}`, `: ` or ` #` (spaces before it left
    /// out), as go-yaml scans plain text in flow context (a `:` before a
    /// flow indicator is libyaml's to read). The reader after it.
    fn flow_scalar<E>(&mut self) -> Result<Scalar, Stop<E>> {
        let pos = self.i;
        let first = self.at(pos);
        if first == b'\'' || first == b'"' {
            return self.scalar(None);
        }
        // `?` and `:` start no plain scalar in flow context; `-` does
        // before anything but a blank (here: nor a flow indicator)
        let starts = match first {
            b'-' => !matches!(
                self.at(pos + 1),
                b' ' | b'\n' | b',' | b'[' | b']' | b'{' | b'}'
            ),
            b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|'
            | b'>' | b'%' | b'@' | b'`' | b' ' | b'\n' => false,
            _ => true,
        };
        if !starts {
            return Err(Stop::NotSimple);
        }
        let mut j = pos;
        loop {
            match self.at(j) {
                b'\n' | b',' | b'?' | b'[' | b']' | b'{' | b'}' => break,
                b':' => match self.at(j + 1) {
                    b' ' | b'\n' => break,
                    b',' | b'?' | b'[' | b']' | b'{' | b'}' => return Err(Stop::NotSimple),
                    _ => j += 1,
                },
                b'#' if self.s[j - 1] == b' ' => break,
                _ => j += 1,
            }
        }
        let mut end = j;
        while self.s[end - 1] == b' ' {
            end -= 1;
        }
        Ok(self.plain(pos, end))
    }

    fn deeper<E>(&mut self) -> Read<E> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Stop::NotSimple);
        }
        Ok(())
    }

    /// The value after a `:` or `-` that ends its line, in a collection
    /// at `column`: a node on the lines below, more indented; after a key
    /// (`key`), a sequence at the key's own column; else the empty scalar
    /// at `empty_at`. The next token after it.
    fn below<E, F: FnMut(Event) -> Result<(), E>>(
        &mut self,
        column: usize,
        key: bool,
        empty_at: usize,
        each: &mut F,
    ) -> Result<Option<usize>, Stop<E>> {
        let next = self.next_token()?;
        match next {
            Some(_) if self.column() > column => {
                self.node(column as isize, each)?;
                self.next_token()
            }
            Some(i)
                if key && self.column() == column && self.at(i) == b'-' && self.blankz(i + 1) =>
            {
                self.sequence(column, true, each)?;
                self.next_token()
            }
            _ => {
                give(each, empty(empty_at))?;
                Ok(next)
            }
        }
    }

    /// A block mapping at `column`, its first key read.
    fn mapping<E, F: FnMut(Event) -> Result<(), E>>(
        &mut self,
        column: usize,
        first: Scalar,
        first_colon: usize,
        each: &mut F,
    ) -> Read<E> {
        self.deeper()?;
        give(each, Event::MappingStart(first.pos as u32))?;
        let (mut key, mut colon) = (first, first_colon);
        loop {
            give(each, key.event())?;
            // the value: on the key's line, below it, or empty
            self.skip_spaces();
            let next = if matches!(self.at(self.i), b'\n' | b'#') {
                self.below(column, true, colon + 1, each)?
            } else {
                if self.at(self.i) == b'-' && self.blankz(self.i + 1) {
                    // `a: - b` is an error
                    return Err(Stop::NotSimple);
                }
                self.value(column as isize, each)?;
                self.next_token()?
            };
            // the next key, or the end of the mapping
            match next {
                Some(_) if self.column() == column => match self.key()? {
                    Keyed::Key(k, c) => (key, colon) = (k, c),
                    _ => return Err(Stop::NotSimple),
                },
                Some(_) if self.column() > column => return Err(Stop::NotSimple),
                _ => {
                    self.depth -= 1;
                    return give(each, Event::MappingEnd(self.end_mark(next)));
                }
            }
        }
    }

    /// A block sequence whose `-` are at `column`, the reader at the
    /// first; `indentless`: the value of a mapping's key at the same
    /// column, which ends before the next key.
    fn sequence<E, F: FnMut(Event) -> Result<(), E>>(
        &mut self,
        column: usize,
        indentless: bool,
        each: &mut F,
    ) -> Read<E> {
        self.deeper()?;
        give(each, Event::SequenceStart(self.i as u32))?;
        loop {
            // at a `-` before a blank
            let dash = self.i;
            self.i += 1;
            self.skip_spaces();
            let next = if matches!(self.at(self.i), b'\n' | b'#') {
                self.below(column, false, dash + 1, each)?
            } else {
                // on the `-`'s line: a mapping, a sequence or a value whose
                // column is where it starts
                self.node(column as isize, each)?;
                self.next_token()?
            };
            match next {
                Some(i) if self.column() == column && self.at(i) == b'-' && self.blankz(i + 1) => {}
                // the next key of the mapping an indentless sequence is in
                Some(_) if indentless && self.column() == column => {
                    self.depth -= 1;
                    return give(each, Event::SequenceEnd(self.end_mark(next)));
                }
                Some(_) if self.column() >= column => return Err(Stop::NotSimple),
                _ => {
                    self.depth -= 1;
                    return give(each, Event::SequenceEnd(self.end_mark(next)));
                }
            }
        }
    }
}

/// The empty plain scalar libyaml gives for a missing value, at the end
/// of its `:` or `-`.
fn empty(at: usize) -> Event {
    Event::Scalar {
        pos: at as u32,
        start: at as u32,
        end: at as u32,
        style: Style::Plain,
    }
}

/// This reader against libyaml, for the tests below and the fuzz target
/// `yaml_fast` (cargo-fuzz builds with `--cfg fuzzing`).
#[cfg(all(any(test, fuzzing), feature = "libyaml"))]
pub(crate) mod differential {
    use super::*;
    use libyaml_safer::{EventData, Parser, ScalarStyle};

    /// libyaml's events of `doc` (a line break added when it has none at
    /// its end, as the YAML reader does), as this reader gives them; `None`
    /// when libyaml finds an error.
    pub(crate) fn libyaml(doc: &str) -> Option<Vec<(Event, String)>> {
        let pad: &[u8] = if doc.ends_with('\n') { b"" } else { b"\n" };
        let mut input = std::io::Read::chain(doc.as_bytes(), pad);
        let mut parser = Parser::new();
        parser.set_input(&mut input);
        let mut out = Vec::new();
        loop {
            let e = parser.parse().ok()?;
            let at = e.start_mark.index as u32;
            match e.data {
                EventData::StreamEnd => return Some(out),
                EventData::MappingStart { .. } => {
                    out.push((Event::MappingStart(at), String::new()))
                }
                EventData::MappingEnd => out.push((Event::MappingEnd(at), String::new())),
                EventData::SequenceStart { .. } => {
                    out.push((Event::SequenceStart(at), String::new()))
                }
                EventData::SequenceEnd => out.push((Event::SequenceEnd(at), String::new())),
                EventData::Scalar {
                    value,
                    style,
                    plain_implicit,
                    quoted_implicit,
                    tag,
                    anchor,
                } => {
                    let style = match style {
                        ScalarStyle::Plain
                            if plain_implicit && tag.is_none() && anchor.is_none() =>
                        {
                            Style::Plain
                        }
                        ScalarStyle::SingleQuoted
                            if quoted_implicit && tag.is_none() && anchor.is_none() =>
                        {
                            Style::SingleQuoted
                        }
                        ScalarStyle::DoubleQuoted
                            if quoted_implicit && tag.is_none() && anchor.is_none() =>
                        {
                            Style::DoubleQuoted
                        }
                        ScalarStyle::Literal
                            if quoted_implicit && tag.is_none() && anchor.is_none() =>
                        {
                            Style::Literal(Block::default())
                        }
                        ScalarStyle::Folded
                            if quoted_implicit && tag.is_none() && anchor.is_none() =>
                        {
                            Style::Folded(Block::default())
                        }
                        // nothing this reader gives
                        _ => return Some(vec![]),
                    };
                    out.push((
                        Event::Scalar {
                            pos: at,
                            start: 0,
                            end: 0,
                            style,
                        },
                        value,
                    ));
                }
                EventData::Alias { .. } => return Some(vec![]),
                _ => {}
            }
        }
    }

    pub(crate) fn eof(doc: &str) -> u32 {
        (doc.len() + usize::from(!doc.ends_with('\n'))) as u32
    }

    /// This reader's events of `doc` if it is simple, values read out.
    pub(crate) fn fast(doc: &str) -> Option<Vec<(Event, String)>> {
        if !simple(doc, eof(doc)) {
            return None;
        }
        let mut out = Vec::new();
        events::<()>(doc, eof(doc), |e| {
            out.push(match e {
                Event::Scalar {
                    pos,
                    start,
                    end,
                    style,
                } => (
                    Event::Scalar {
                        pos,
                        start: 0,
                        end: 0,
                        // (libyaml does not say how it read a block scalar)
                        style: match style {
                            Style::Literal(_) => Style::Literal(Block::default()),
                            Style::Folded(_) => Style::Folded(Block::default()),
                            // (libyaml does not say over how many lines)
                            Style::PlainLines => Style::Plain,
                            s => s,
                        },
                    },
                    value(doc, start, end, style)
                        .unwrap_or_else(|| doc[start as usize..end as usize].to_string()),
                ),
                other => (other, String::new()),
            });
            Ok(())
        })
        .unwrap();
        Some(out)
    }

    /// Whether this reader and libyaml agree on `doc` (a panic when they
    /// do not); whether it was simple.
    pub fn agree(doc: &str) -> bool {
        let Some(got) = fast(doc) else {
            return false;
        };
        let want = libyaml(doc);
        assert_eq!(Some(&got), want.as_ref(), "{doc:?}");
        true
    }
}

#[cfg(test)]
mod tests {
    //! This reader against libyaml: on every text it calls simple, the
    //! same events; texts from the repository's examples and real
    //! manifests, generated ones, and each of those with bytes changed.

    use super::differential::*;
    use super::*;

    fn corpus() -> Vec<String> {
        let mut texts = Vec::new();
        for text in crate::input::repository_texts(&["yaml", "yml"]) {
            // each document, as the reader cuts them
            texts.extend(text.split("\n---").map(|d| {
                d.trim_start_matches(|c| c != '\n')
                    .trim_start_matches('\n')
                    .to_string()
            }));
            texts.push(text);
        }
        texts
    }

    /// xorshift: the same texts on every run.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
            from[self.below(from.len())]
        }
    }

    /// A random document of the kind kubectl writes, and of the edge
    /// cases around it.
    fn generated(
        rng: &mut Rng,
        indent: usize,
        depth: usize,
        out: &mut String,
        at_line_start: bool,
    ) {
        const SCALARS: &[&str] = &[
            "x",
            "a b",
            "'q'",
            "'it''s'",
            "\"dq\"",
            "\"\"",
            "''",
            "{}",
            "[]",
            "1",
            "-1",
            "-x",
            ":x",
            "?x",
            "a:b",
            "k:{\"type\":\"Ready\"}",
            "x # c",
            "x#y",
            "x  ",
            "é",
            "true",
            "~",
            "'a'#c",
            "a -",
            "{ }",
            "[a]",
            "[a, b]",
            "[ 'a' ,\"b\" ]",
            "{a: b, c: [d, {e: f}]}",
            "{'k': v, \"l\": w}",
            "[-a, --b=c, x:y, a b]",
            "[a:, b]",
            "{a:b}",
            "{a: }",
            "[a, ]",
            "[a: b]",
            "[a,,b]",
            "[a #c]",
            "[?a, :b]",
            "{[a]: b}",
            "{a: b}}",
            "[[[]]]",
            "[&a x, *a]",
            "&a x",
            "*a",
            "!t x",
            "|",
            ">",
            "\"a\\\"b\"",
            "\"\\t\\x4a\\u00e9\\U0001f600\\\\\"",
            "\"\\q\\/\\udfff\\U00110000\\x4\"",
            "- x",
            "? x",
            "x: y",
            "'",
            "\"",
            "%",
            "@",
            "`",
            "#c",
        ];
        let pad = " ".repeat(indent);
        let first_pad = if at_line_start {
            pad.clone()
        } else {
            String::new()
        };
        match if depth > 3 { 2 } else { rng.below(3) } {
            0 => {
                // a mapping
                let step = rng.pick(&["1", "2", "4"]).parse::<usize>().unwrap();
                for k in 0..1 + rng.below(4) {
                    let key = rng.pick(&[
                        "a",
                        "b",
                        "'k'",
                        "\"k\"",
                        "a b",
                        "k:{\"x\":1}",
                        "-k",
                        "a",
                        "",
                    ]);
                    let p = if k == 0 { &first_pad } else { &pad };
                    out.push_str(&format!("{p}{key}{}:", rng.pick(&["", "", " "])));
                    match rng.below(7) {
                        0 => out.push_str(&format!(" {}\n", rng.pick(SCALARS))),
                        5 => out.push_str(&format!(" {}\n", over_lines(rng, indent))),
                        6 => out.push_str(&format!(" {}", block_lines(rng, indent))),
                        1 => out.push_str(rng.pick(&["\n", " # c\n", "  \n"])),
                        2 => {
                            out.push('\n');
                            if rng.below(4) == 0 {
                                out.push_str(rng.pick(&["\n", "# c\n", "  # c\n", "   \n"]));
                            }
                            generated(rng, indent + step, depth + 1, out, true);
                        }
                        3 => {
                            // a sequence at the key's column
                            out.push('\n');
                            for _ in 0..1 + rng.below(3) {
                                out.push_str(&format!("{pad}- {}\n", rng.pick(SCALARS)));
                            }
                        }
                        _ => {
                            out.push('\n');
                            out.push_str(&format!("{pad}{}- ", " ".repeat(rng.below(2) * step)));
                            generated(rng, indent + 2, depth + 1, out, false);
                        }
                    }
                }
            }
            1 => {
                // a sequence
                for k in 0..1 + rng.below(4) {
                    let p = if k == 0 { &first_pad } else { &pad };
                    out.push_str(&format!("{p}-"));
                    match rng.below(6) {
                        0 => out.push_str(rng.pick(&["\n", " \n", " # c\n"])),
                        4 => out.push_str(&format!(" {}\n", over_lines(rng, indent))),
                        5 => out.push_str(&format!(" {}", block_lines(rng, indent))),
                        1 => {
                            out.push('\n');
                            generated(rng, indent + 2, depth + 1, out, true);
                        }
                        _ => {
                            out.push(' ');
                            generated(rng, indent + 2, depth + 1, out, false);
                        }
                    }
                }
            }
            _ => {
                out.push_str(&format!("{first_pad}{}\n", rng.pick(SCALARS)));
                if rng.below(6) == 0 {
                    out.push_str(&format!("{pad}{}\n", rng.pick(&["  y", "y", "# c", ""])));
                }
            }
        }
    }

    /// Whether a scalar of `doc` (a simple one) is over several lines.
    fn spans_lines(doc: &str) -> bool {
        let mut over = false;
        events::<()>(doc, eof(doc), |e| {
            if let Event::Scalar { start, end, .. } = e {
                over |= doc[start as usize..end as usize].contains('\n');
            }
            Ok(())
        })
        .unwrap();
        over
    }

    /// A block scalar's indicator and lines (ending with a line break),
    /// for a collection at column `indent`: lines at its indentation,
    /// more and less indented, blank, of spaces, comments.
    fn block_lines(rng: &mut Rng, indent: usize) -> String {
        let mut s = rng
            .pick(&[
                "|", ">", "|-", "|+", ">-", ">+", "| # c", "|#c", "|2", ">x", "|  ", ">+  #",
            ])
            .to_string();
        s.push('\n');
        let at = indent + 1 + rng.below(3);
        for _ in 0..1 + rng.below(6) {
            let line = match rng.below(8) {
                0 => String::new(),
                1 => " ".repeat(rng.below(at + 3)),
                2 => format!("{}x y", " ".repeat(at + 1 + rng.below(2))),
                3 => format!("{}z", " ".repeat(at.saturating_sub(1))),
                4 => format!("{}# c", " ".repeat(at)),
                5 => format!("{}a: b", " ".repeat(at)),
                _ => format!(
                    "{}{}",
                    " ".repeat(at),
                    rng.pick(&["a", "b c", "- d", "e  ", "'f"])
                ),
            };
            s.push_str(&line);
            s.push('\n');
        }
        s
    }

    /// Whether `doc` (a simple one) has a block scalar.
    fn has_block(doc: &str) -> bool {
        let mut found = false;
        events::<()>(doc, eof(doc), |e| {
            found |= matches!(
                e,
                Event::Scalar {
                    style: Style::Literal(_) | Style::Folded(_),
                    ..
                }
            );
            Ok(())
        })
        .unwrap();
        found
    }

    /// Whether `doc` (a simple one) has a flow collection with entries.
    fn has_flow_entries(doc: &str) -> bool {
        let (mut open, mut entries) = (false, false);
        events::<()>(doc, eof(doc), |e| {
            match e {
                Event::MappingStart(at) | Event::SequenceStart(at) => {
                    open = matches!(doc.as_bytes()[at as usize], b'[' | b'{');
                }
                Event::Scalar { .. } if open => entries = true,
                _ => open = false,
            }
            Ok(())
        })
        .unwrap();
        entries
    }

    /// A scalar over lines, its next lines indented by `indent` and up to
    /// three more (as deep as its collection: not a continuation).
    fn over_lines(rng: &mut Rng, indent: usize) -> String {
        let first = rng.pick(&[
            "'a b", "x y", "'it''s", "k", "'", "a  b", "'x ", "x  ", "\"a",
        ]);
        let mut s = first.to_string();
        for _ in 0..1 + rng.below(3) {
            s.push_str(rng.pick(&["\n", "\n\n", "  \n", "\n   \n", "\n\n\n"]));
            s.push_str(&" ".repeat(indent + rng.below(4)));
            s.push_str(rng.pick(&[
                "c d", "c", "- d", "c: d", "# c", "e  f", "x #y", "''", "c  ",
            ]));
        }
        s.push_str(rng.pick(&["'", "", "'  ", " # c", "' # c", "\""]));
        s
    }

    #[test]
    fn the_repository_s_yaml_reads_as_libyaml_reads_it() {
        let mut simple_docs = 0;
        for text in corpus() {
            simple_docs += usize::from(agree(&text));
        }
        // most of them are simple (else this reader would not be tested)
        assert!(simple_docs > 60, "{simple_docs}");
    }

    #[test]
    fn generated_and_changed_texts_read_as_libyaml_reads_them() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut texts = corpus();
        let n: usize = std::env::var("YAML_FAST_TEXTS").map_or(10_000, |v| v.parse().unwrap());
        for _ in 0..n {
            let mut doc = String::new();
            generated(&mut rng, 0, 0, &mut doc, true);
            match rng.below(4) {
                // the end of the input without a line break, or after a
                // comment or blank lines
                0 => {
                    doc.pop();
                }
                1 => doc.push_str(rng.pick(&["# c", "\n", "  \n# c\n", "   "])),
                _ => {}
            }
            texts.push(doc);
        }
        let (mut simple_docs, mut all, mut over_lines_read, mut flows_read, mut blocks_read) =
            (0, 0, 0, 0, 0);
        for text in &texts {
            all += 1;
            simple_docs += usize::from(agree(text));
            over_lines_read += usize::from(simple(text, eof(text)) && spans_lines(text));
            flows_read += usize::from(simple(text, eof(text)) && has_flow_entries(text));
            blocks_read += usize::from(simple(text, eof(text)) && has_block(text));
            // the same with bytes changed: a break, a space, an indicator
            // inserted, a byte removed
            for _ in 0..8 {
                if text.is_empty() {
                    break;
                }
                let mut at = rng.below(text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                let mut changed = text.clone();
                if rng.below(3) == 0 && at < text.len() {
                    changed.remove(at);
                } else {
                    changed.insert_str(
                        at,
                        rng.pick(&[
                            "\n", " ", "  ", ":", "- ", "#", "'", "\"", "-", "{", "}", "\t", "\r",
                            "...", "\n---\n", "a", "[", "]", ",", "\\", "|",
                        ]),
                    );
                }
                all += 1;
                simple_docs += usize::from(agree(&changed));
            }
        }
        assert!(simple_docs * 5 > all, "{simple_docs} of {all}");
        // scalars over lines were among them
        assert!(over_lines_read > 300, "{over_lines_read}");
        // and flow collections with entries
        assert!(flows_read > 300, "{flows_read}");
        // and block scalars
        assert!(blocks_read > 300, "{blocks_read}");
    }

    /// Strings of the bytes that matter, at random: agreement, and no
    /// panic and no endless loop on any of them.
    #[test]
    fn random_texts_of_the_bytes_that_matter() {
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        let alphabet = [
            " ", "  ", "\n", ":", "-", "#", "'", "\"", "a", "b", "{", "}", "[", "]", "é", "\\",
            "?", "0", ",", "|", ">",
        ];
        for _ in 0..50_000 {
            let n = rng.below(40);
            let text: String = (0..n).map(|_| rng.pick(&alphabet)).collect();
            agree(&text);
        }
    }

    #[test]
    fn what_is_not_simple() {
        for doc in [
            "a: &x 1\n",
            "a: *x\n",
            "a: !!str 1\n",
            "a: |2\n  x\n",
            "a: >-1\n  x\n",
            "a: |\n  x",
            "a: |",
            "a: |x\n",
            "a: x\n  y: z\n",
            "a: 'x\ny'\n",
            "a: \"x\n  y\"\n",
            "a: \"x\\/y\"\n",
            "a: \"x\\qy\"\n",
            "a: \"x\\ud800\"\n",
            "a: \"x\\u12\"\n",
            "a: \"x\\\n  y\"\n",
            "a: [1\n",
            "a: [1,\n  2]\n",
            "a: {b: 1\n  }\n",
            "a: [1, ]\n",
            "a: [a: b]\n",
            "a: {b}\n",
            "a: {b: }\n",
            "a: {\"b\":1}\n",
            "a: [a, # c\n  b]\n",
            "a: [?b]\n",
            "a: [- b]\n",
            "a: [b:, c]\n",
            "[a]: b\n",
            "? a\n: b\n",
            "%YAML 1.1\n---\n",
            "a:\tb\n",
            "a: b\r\n",
            "...\n",
            "a: b\n...\n",
            "\u{feff}a: b\n",
            "a: \u{85}\n",
            "a: b: c\n",
            "- a\nb: c\n",
            "a:\n    b: 1\n  c: 2\n",
        ] {
            assert!(!simple(doc, eof(doc)), "{doc:?}");
        }
        for doc in [
            "a: b\n",
            "- a\n- b\n",
            "a:\n- b\nc: {}\n",
            "",
            "# only\n",
            "k: 'it''s' # c\n",
            "a: x\n  y\n",
            "a: 'x\n\n   y  '\nb: 1\n",
            "- a b\n  - c\n\n  d # e\n",
            "x\ny\n",
            "a: [1]\n",
            "a: {b: 1}\n",
            "- [a, 'b', \"c\", [d], {e: f}] # g\n",
            "resources: {requests: {cpu: 50m, memory: 64Mi}}\n",
            "args: [--v=2, -x, nginx:1.2, a b , 'c''d']\n",
            "a: { }\n",
            "a: [ ]\n",
            "a: [a#b, c]\n",
            "a: \"x\\ty\\\\z\\\"\\x41\\u00e9\\U0001F600\\N\\_\\L\\P\\0\\ \"\n",
            "path: \"c:\\\\opt\\\\cni\\\\bin\"\n",
            "a: |\n  x\n",
            "a: >\n  x\n",
            "- |-\n  a\n\n   b\n  c\n\n\n- >+ # c\n\n  a\n   b\n  c\n  d\n\n  \n   \n\n- x\n",
            "a:\n  b: >\n    x\n     y\n    z\n  c: |#c\n   \n  d: 1\n",
        ] {
            assert!(agree(doc), "{doc:?}");
        }
    }
}
