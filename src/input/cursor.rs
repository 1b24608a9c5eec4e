//! Where a caret stands in a YAML text being typed, for completion: the
//! field path of the mapping or value it is in, read from the indentation
//! of the lines above (block style, the way people write manifests), so
//! that it works on text that does not parse yet. A caret inside a flow
//! collection (`{...}`, `[...]`), a quoted scalar or a comment has no
//! cursor.

/// One step of the path from the document's root to the caret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A mapping key.
    Key(String),
    /// An element of a sequence.
    Item,
}

/// Whether the caret is on a key or on a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// Typing a key of the mapping at `path`.
    Key,
    /// Typing the value of the last key of `path`.
    Value,
}

/// The caret's place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub path: Vec<Step>,
    pub at: At,
    /// The word being typed: bytes `from..to` of the text (the caret is
    /// in it), `prefix` its part before the caret.
    pub from: usize,
    pub to: usize,
    pub prefix: String,
    /// Keys the mapping already has (at a key).
    pub siblings: Vec<String>,
    /// The document's top-level `apiVersion` and `kind`, when written.
    pub api_version: Option<String>,
    pub kind: Option<String>,
}

/// A line's structure: its `- ` markers and its key, with their columns.
struct Line<'a> {
    items: Vec<usize>,
    key: Option<(usize, &'a str)>,
    /// The key has its value on the line (a scalar or a flow collection):
    /// nothing below belongs to it.
    inline_value: bool,
    /// Column where the line's content starts (after the markers).
    content: usize,
    blank: bool,
}

/// A char of the word at the caret: ASCII letters, digits and `_-./`, and
/// any other char (a CJK word is one word; std's Unicode classes would
/// bring two tables into the wasm module for the few non-ASCII chars).
fn word_char(c: char) -> bool {
    !c.is_ascii() || c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/')
}

fn parse_line(line: &str) -> Line<'_> {
    let mut col = line.len() - line.trim_start_matches(' ').len();
    let mut items = Vec::new();
    let mut rest = &line[col..];
    loop {
        if rest == "-" || rest.starts_with("- ") {
            items.push(col);
            let after = rest[1..].len() - rest[1..].trim_start_matches(' ').len();
            col += 1 + after;
            rest = &rest[1 + after..];
        } else {
            break;
        }
    }
    let blank = rest.is_empty() || rest.starts_with('#');
    let mut key = None;
    let mut inline_value = false;
    if !blank && !rest.starts_with(['"', '\'', '{', '[', '|', '>', '&', '*', '!']) {
        // `key:` followed by a space, a comment or the end
        let mut at = None;
        for (i, _) in rest.match_indices(':') {
            let next = rest[i + 1..].chars().next();
            if next.is_none() || next == Some(' ') {
                at = Some(i);
                break;
            }
        }
        if let Some(i) = at {
            let k = rest[..i].trim_end();
            if !k.is_empty() && !k.contains(" #") {
                key = Some((col, k));
                let value = rest[i + 1..].trim();
                inline_value = !(value.is_empty()
                    || value.starts_with('#')
                    || value.starts_with(['|', '>', '&', '!']));
            }
        }
    }
    Line {
        items,
        key,
        inline_value,
        content: col,
        blank: blank && line.trim().is_empty() || line.trim_start().starts_with('#'),
    }
}

/// The caret's place at byte `offset` of `text`, `None` where completion
/// has nothing to say (a comment, a quoted or flow value, a document
/// marker).
pub fn cursor(text: &str, offset: usize) -> Option<Cursor> {
    if offset > text.len() || !text.is_char_boundary(offset) {
        return None;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let before = &text[line_start..offset];
    if before.contains('#')
        || before.contains(['{', '[', '"', '\''])
        || before.trim_start().starts_with("---")
    {
        return None;
    }
    // the word at the caret
    let from = offset
        - before
            .chars()
            .rev()
            .take_while(|c| word_char(*c))
            .map(char::len_utf8)
            .sum::<usize>();
    let to = offset
        + text[offset..line_end]
            .chars()
            .take_while(|c| word_char(*c))
            .map(char::len_utf8)
            .sum::<usize>();
    let prefix = text[from..offset].to_string();

    let here = parse_line(before);
    let mut path_rev: Vec<Step> = Vec::new();
    let at;
    // the column the caret's mapping starts at, and whether it comes after a `- `
    let mut col;
    let mut from_item = false;
    match here.key {
        Some((c, k)) if from > line_start + c + k.len() => {
            at = At::Value;
            path_rev.push(Step::Key(k.to_string()));
            col = c;
        }
        _ => {
            at = At::Key;
            col = from - line_start;
        }
    }
    for &c in here.items.iter().rev() {
        path_rev.push(Step::Item);
        col = c;
        from_item = true;
    }
    let key_col = if at == At::Key {
        from - line_start
    } else {
        here.key.map_or(0, |(c, _)| c)
    };
    let mut siblings = Vec::new();
    let mut collecting = here.items.is_empty();

    // walk up
    let mut pos = line_start;
    while pos > 0 && (col > 0 || from_item) {
        let end = pos - 1;
        let start = text[..end].rfind('\n').map_or(0, |i| i + 1);
        pos = start;
        let raw = text[start..end].trim_end_matches('\r');
        if raw.starts_with("---") || raw.starts_with("...") {
            break;
        }
        let l = parse_line(raw);
        if l.blank {
            continue;
        }
        if let Some((c, k)) = l.key {
            if collecting && c == key_col && l.items.iter().all(|&i| i < key_col) {
                siblings.push(k.to_string());
            }
        }
        // openers from right to left: the key, then the markers
        if let Some((c, k)) = l.key {
            if c < col || (from_item && c == col) {
                if l.inline_value {
                    // a scalar at a lower indentation: the text is not nested as it looks
                    return None;
                }
                path_rev.push(Step::Key(k.to_string()));
                col = c;
                from_item = false;
            }
        }
        for &c in l.items.iter().rev() {
            if c < col {
                path_rev.push(Step::Item);
                col = c;
                from_item = true;
            }
        }
        if l.content < key_col || !l.items.is_empty() && l.items[0] < key_col {
            collecting = false;
        }
    }
    // keys after the caret's line at the same column, up to a shallower line
    if at == At::Key {
        let mut rest = &text[line_end..];
        while let Some(nl) = rest.find('\n') {
            rest = &rest[nl + 1..];
            let raw = rest.split('\n').next().unwrap_or("").trim_end_matches('\r');
            if raw.starts_with("---") {
                break;
            }
            let l = parse_line(raw);
            if l.blank {
                continue;
            }
            if l.items.first().is_some_and(|&i| i < key_col) || l.content < key_col {
                break;
            }
            if let Some((c, k)) = l.key {
                if c == key_col && l.items.is_empty() {
                    siblings.push(k.to_string());
                }
            }
        }
    }
    path_rev.reverse();

    // the document's apiVersion and kind (top-level keys)
    let doc_start = text[..line_start]
        .match_indices("\n---")
        .last()
        .map_or(0, |(i, _)| i + 1);
    let doc_end = text[offset..]
        .find("\n---")
        .map_or(text.len(), |i| offset + i);
    let mut api_version = None;
    let mut kind = None;
    for raw in text[doc_start..doc_end].lines() {
        if let Some(v) = raw.strip_prefix("apiVersion:") {
            api_version = Some(scalar(v));
        } else if let Some(v) = raw.strip_prefix("kind:") {
            kind = Some(scalar(v));
        }
    }
    Some(Cursor {
        path: path_rev,
        at,
        from,
        to,
        prefix,
        siblings,
        api_version,
        kind,
    })
}

/// A plain or quoted scalar's text, its comment left out.
fn scalar(v: &str) -> String {
    let v = v.split(" #").next().unwrap_or("").trim();
    v.trim_matches(['"', '\'']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cursor at `|` in `text`.
    fn at(text: &str) -> Cursor {
        let offset = text.find('|').unwrap();
        let text = text.replacen('|', "", 1);
        cursor(&text, offset).unwrap()
    }

    fn text_of(c: &Cursor, text: &str) -> String {
        text[c.from..c.to].to_string()
    }

    fn path(c: &Cursor) -> String {
        c.path
            .iter()
            .map(|s| match s {
                Step::Key(k) => k.clone(),
                Step::Item => "[]".into(),
            })
            .collect::<Vec<_>>()
            .join(".")
    }

    const DS: &str = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: a\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: i\n";

    #[test]
    fn keys_in_nested_mappings_and_sequences() {
        let c = at("apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  upd|\n");
        assert_eq!(
            (path(&c), c.at, c.prefix.as_str()),
            ("spec".into(), At::Key, "upd")
        );
        assert_eq!(c.api_version.as_deref(), Some("apps/v1"));
        assert_eq!(c.kind.as_deref(), Some("DaemonSet"));

        let text = DS.replace("        image: i\n", "        image: i\n        res|\n");
        let c = at(&text);
        assert_eq!(path(&c), "spec.template.spec.containers.[]");
        assert_eq!(c.siblings, vec!["image".to_string(), "name".to_string()]);

        // a sequence indented under its key, and the first key of an element
        let c = at("spec:\n  tolerations:\n    - ke|\n");
        assert_eq!((path(&c), c.at), ("spec.tolerations.[]".into(), At::Key));
        let c = at("spec:\n  tolerations:\n  - key: a\n    eff|\n");
        assert_eq!(
            (path(&c), c.siblings.clone()),
            ("spec.tolerations.[]".into(), vec!["key".to_string()])
        );
        // keys below the caret count as siblings too
        let c = at("spec:\n  |\n  selector: {}\n  template: {}\nstatus: {}\n");
        assert_eq!(path(&c), "spec");
        assert_eq!(
            c.siblings,
            vec!["selector".to_string(), "template".to_string()]
        );
        // the top level
        let c = at("apiVersion: apps/v1\nki|");
        assert_eq!(
            (path(&c), c.at, c.prefix.as_str()),
            (String::new(), At::Key, "ki")
        );
    }

    #[test]
    fn values() {
        let c = at("spec:\n  tolerations:\n  - effect: No|\n");
        assert_eq!(
            (path(&c), c.at, c.prefix.as_str()),
            ("spec.tolerations.[].effect".into(), At::Value, "No")
        );
        let c = at("spec:\n  nodeSelector:\n    disktype: s|sd\n");
        assert_eq!(
            (path(&c), c.at),
            ("spec.nodeSelector.disktype".into(), At::Value)
        );
        assert_eq!(
            &text_of(&c, "spec:\n  nodeSelector:\n    disktype: ssd\n")[..],
            "ssd"
        );
        let c = at("spec:\n  updateStrategy:\n    type: |\n");
        assert_eq!(
            (path(&c), c.at, c.prefix.as_str()),
            ("spec.updateStrategy.type".into(), At::Value, "")
        );
    }

    #[test]
    fn no_cursor_in_comments_quotes_flow_or_markers() {
        for t in ["a: 1 # co|", "a: \"x|\"", "a: {b: |}", "---|", "a: [x, |]"] {
            let offset = t.find('|').unwrap();
            let text = t.replacen('|', "", 1);
            assert_eq!(cursor(&text, offset), None, "{t}");
        }
        // a multi-byte text: offsets stay on character boundaries
        let c = at("metadata:\n  labels:\n    說明: 值|\n");
        assert_eq!(c.prefix, "值");
        // a word of CJK and ASCII is one word; a space ends it
        let c = at("metadata:\n  labels:\n    說明: x 值v1|\n");
        assert_eq!(c.prefix, "值v1");
        assert_eq!(cursor("說明", 1), None);
    }

    #[test]
    fn documents_are_separate() {
        let c = at(
            "apiVersion: v1\nkind: Node\n---\napiVersion: apps/v1\nkind: DaemonSet\nspec:\n  |\n",
        );
        assert_eq!(c.kind.as_deref(), Some("DaemonSet"));
        let c = at("apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  |\n---\nkind: Node\n");
        assert_eq!(c.kind.as_deref(), Some("DaemonSet"));
    }
}
