//! The YAML reader against what kubectl's conversion does (the rules and
//! their Go sources: docs/dev/k8s-input-rules.md, section c).

use super::*;
use crate::input::tree::{Kind, Value};

fn docs(text: &str) -> Vec<Doc> {
    let (d, err) = read(text, &Limits::default());
    assert_eq!(err, None, "{text}");
    d
}

fn one(text: &str) -> (Doc, &str) {
    let mut d = docs(text);
    assert_eq!(d.len(), 1, "{text}");
    (d.remove(0), text)
}

/// The JSON kubectl would send for a document (keys in the text's order).
fn json(v: Value) -> String {
    match v.kind() {
        Kind::Null => "null".into(),
        Kind::Bool => v.as_bool().unwrap().to_string(),
        Kind::Number => v.number_text().unwrap().into(),
        Kind::String => serde_json::to_string(v.as_str().unwrap()).unwrap(),
        Kind::Array => format!("[{}]", v.elements().map(json).collect::<Vec<_>>().join(",")),
        Kind::Object => format!(
            "{{{}}}",
            v.members()
                .map(|(k, v)| format!(
                    "{}:{}",
                    serde_json::to_string(k.as_str().unwrap()).unwrap(),
                    json(v)
                ))
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

fn to_json(text: &str) -> String {
    let (d, t) = one(text);
    json(d.tree.node(t, d.root))
}

fn error(text: &str) -> String {
    match read(text, &Limits::default()).1 {
        Some(ReadError::Syntax { message, .. }) => message,
        other => panic!("{text}: {other:?}"),
    }
}

#[test]
fn yaml_1_1_scalars_as_go_yaml_v2_resolves_them() {
    let cases = [
        ("yes", "true"),
        ("Yes", "true"),
        ("on", "true"),
        ("ON", "true"),
        ("y", "true"),
        ("n", "false"),
        ("off", "false"),
        ("NO", "false"),
        ("~", "null"),
        ("", "null"),
        ("Null", "null"),
        ("0755", "493"),
        ("010", "8"),
        ("0x1F", "31"),
        ("0o17", "15"),
        ("0b101", "5"),
        ("+5", "5"),
        ("1_000", "1000"),
        ("-0", "0"),
        ("09", "9"),
        ("1.0", "1"),
        ("1e3", "1000"),
        ("1.5", "1.5"),
        (".5", "0.5"),
        ("2001-12-14", "\"2001-12-14\""),
        (
            "2001-12-14t21:59:43.10-05:00",
            "\"2001-12-14t21:59:43.10-05:00\"",
        ),
        ("1.2.3", "\"1.2.3\""),
        ("10Gi", "\"10Gi\""),
        ("1:30", "\"1:30\""),
        ("'yes'", "\"yes\""),
        ("\"010\"", "\"010\""),
        ("!!str 123", "\"123\""),
        ("!!int \"12\"", "12"),
        ("!!float 1", "1"),
        ("18446744073709551615", "18446744073709552000"),
        ("1e400", "\"1e400\""),
    ];
    for (yaml, want) in cases {
        assert_eq!(
            to_json(&format!("v: {yaml}\n")),
            format!("{{\"v\":{want}}}"),
            "{yaml}"
        );
    }
}

/// Every word of go-yaml v2's resolve table, the longest (five bytes)
/// included: the table is only consulted for short values.
#[test]
fn every_word_of_the_resolve_table() {
    let words = [
        ("true", "y Y yes Yes YES true True TRUE on On ON"),
        ("false", "n N no No NO false False FALSE off Off OFF"),
        ("null", "~ null Null NULL"),
    ];
    for (want, list) in words {
        for w in list.split(' ') {
            assert_eq!(
                to_json(&format!("v: {w}\n")),
                format!("{{\"v\":{want}}}"),
                "{w}"
            );
        }
    }
    for (list, shown) in [
        (".inf .Inf .INF +.inf +.Inf +.INF", "+Inf"),
        ("-.inf -.Inf -.INF", "-Inf"),
        (".nan .NaN .NAN", "NaN"),
    ] {
        for w in list.split(' ') {
            assert_eq!(
                error(&format!("v: {w}\n")),
                format!("error converting YAML to JSON: json: unsupported value: {shown}"),
                "{w}"
            );
        }
    }
    // the words in longer values are strings
    assert_eq!(to_json("v: falsey\n"), r#"{"v":"falsey"}"#);
    assert_eq!(to_json("v: +.infinity\n"), r#"{"v":"+.infinity"}"#);
}

#[test]
fn keys_become_strings() {
    assert_eq!(
        to_json("true: 1\non: 2\n1: a\n0x10: b\n1.5: c\n"),
        r#"{"true":2,"1":"a","16":"b","1.5":"c"}"#
    );
}

#[test]
fn anchors_aliases_and_merge_keys() {
    // (a key `y` would be the boolean true: YAML 1.1)
    let text = "base: &b {a: 1, b: 2}\nx:\n  a: 0\n  <<: *b\n  b: 3\nw:\n  <<: [*b, {a: 9, c: 4}]\nz: *b\n";
    // in a list of merges the earlier win; keys after `<<` win over it
    assert_eq!(
        to_json(text),
        r#"{"base":{"a":1,"b":2},"x":{"a":1,"b":3},"w":{"a":1,"c":4,"b":2},"z":{"a":1,"b":2}}"#
    );
    assert_eq!(to_json("y: 1\n"), r#"{"true":1}"#);
    assert!(
        error("a: &x {b: *x}\n").contains("unknown anchor 'x' referenced")
            || error("a: &x {b: *x}\n").contains("contains itself")
    );
    assert_eq!(
        error("a: *nope\n"),
        "error converting YAML to JSON: yaml: unknown anchor 'nope' referenced"
    );
    assert_eq!(
        error("a:\n  <<: 1\n"),
        "error converting YAML to JSON: yaml: map merge requires map or sequence of maps as the value"
    );
}

#[test]
fn a_repeated_key_keeps_the_last_value_and_is_reported() {
    let (d, t) = one("a: 1\nb: 2\na: 3\n");
    assert_eq!(json(d.tree.node(t, d.root)), r#"{"a":3,"b":2}"#);
    assert_eq!(d.duplicate_keys, vec![0]);
    // a merge that overrides is not a repetition
    let (d, _) = one("m: &m {a: 1}\nx: {<<: *m, a: 2}\n");
    assert!(d.duplicate_keys.is_empty());
}

#[test]
fn documents_split_as_kubectl_splits_them() {
    let d = docs("a: 1\n---\n---\n# only a comment\n--- # comment\nb: 2\n---\n");
    assert_eq!(d.len(), 2);
    assert_eq!(
        error("a: 1\n--- b: 2\n"),
        "invalid Yaml document separator: b: 2"
    );
    assert_eq!(error("a: 1\n----\n"), "invalid Yaml document separator: -");
    // only the first document of a chunk counts (go-yaml)
    assert_eq!(docs("a: 1\n...\nb: [\n").len(), 1);
}

#[test]
fn go_yaml_error_texts_and_lines() {
    assert_eq!(
        error("a: 1\nb: c: d\n"),
        "error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context"
    );
    let (docs, e) = read("a: 1\n---\nb:\n  - x\n  y: 1\n", &Limits::default());
    assert_eq!(docs.len(), 1);
    match e {
        Some(ReadError::Syntax { pos, message }) => {
            assert!(
                message.starts_with("error converting YAML to JSON: yaml: line "),
                "{message}"
            );
            assert!(pos >= 9, "{pos}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        error("a: .inf\n"),
        "error converting YAML to JSON: json: unsupported value: +Inf"
    );
    assert_eq!(
        error("a: !!int x\n"),
        "error converting YAML to JSON: yaml: cannot decode !!str `x` as a !!int"
    );
    assert_eq!(
        error("? [a]\n: 1\n"),
        "error converting YAML to JSON: yaml: invalid map key: []interface {}{\"a\"}"
    );
}

/// The error of a text, and where it is (line and column, from 1).
fn error_at(text: &str) -> (String, (usize, usize)) {
    let (_, e) = read(text, &Limits::default());
    match e {
        Some(ReadError::Syntax { pos, message }) => {
            let before = &text[..pos as usize];
            let line = before.matches('\n').count() + 1;
            let col = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
            (message, (line, col))
        }
        other => panic!("{text:?}: {other:?}"),
    }
}

#[test]
fn map_keys_json_has_no_place_for_are_refused_with_their_value_as_go_prints_it() {
    const NULL_KEY: &str =
        "error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: ";
    // sigs.k8s.io/yaml: fmt.Errorf("unsupported map key of type: %s, key: %+#v, value: %+#v", reflect.TypeOf(k), k, v)
    assert_eq!(
        error_at("kind: DaemonSet\n~: {a: 1}\n"),
        (
            format!("{NULL_KEY}map[interface {{}}]interface {{}}{{\"a\":1}}"),
            (2, 1)
        )
    );
    assert_eq!(error_at("null:\n").0, format!("{NULL_KEY}<nil>"));
    assert_eq!(
        error_at("a:\n  18446744073709551615: [x, 1]\n"),
        (
            "error converting YAML to JSON: unsupported map key of type: uint64, key: 0xffffffffffffffff, value: []interface {}{\"x\", 1}".to_string(),
            (2, 3)
        )
    );
    // the value as fmt's %#v writes it: floats as %g, a uint64 in hex,
    // a nil in a collection typed, strings quoted as strconv.Quote,
    // map keys sorted (nil first; keys of one type by value)
    assert_eq!(
        error_at("~: [1, 1e8, 0.5, 18446744073709551615, null, \"x\\ty\", {b: 2, a: [], ~: d, 3: {}, 1: e}]\n").0,
        format!(
            "{NULL_KEY}[]interface {{}}{{1, 1e+08, 0.5, 0xffffffffffffffff, interface {{}}(nil), \"x\\ty\", map[interface {{}}]interface {{}}{{interface {{}}(nil):\"d\", 1:\"e\", 3:map[interface {{}}]interface {{}}{{}}, \"a\":[]interface {{}}{{}}, \"b\":2}}}}"
        )
    );
    // a key written twice is one key of the Go map: the last value
    assert_eq!(
        error_at("~: {a: 1, a: 2}\n").0,
        format!("{NULL_KEY}map[interface {{}}]interface {{}}{{\"a\":2}}")
    );
    // an unrendered template, as kubectl printed it to a user (GitHub
    // jswidler/elasticsearch-kubed#7: `kubectl apply -f 2_elasticsearch`)
    assert_eq!(
        error_at("metadata:\n  name: es\n  namespace: {{namespace}}\n"),
        (
            "error converting YAML to JSON: yaml: invalid map key: map[interface {}]interface {}{\"namespace\":interface {}(nil)}".to_string(),
            (3, 15)
        )
    );
    // and a Helm one
    assert_eq!(
        error_at("metadata:\n  name: {{ .Values.name }}\n").0,
        "error converting YAML to JSON: yaml: invalid map key: map[interface {}]interface {}{\".Values.name\":interface {}(nil)}"
    );
    // an alias to a null scalar as a key
    assert_eq!(error_at("a: &n ~\n*n : 1\n").0, format!("{NULL_KEY}1"));
}

#[test]
fn what_go_finds_after_parsing_yields_to_a_later_syntax_error_and_to_an_earlier_stage() {
    // go-yaml parses the whole document first: a syntax error after wins
    let mut laughs = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        laughs.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    for first in [
        "~: 1",
        "a: !!int x",
        "? [a]\n: 1",
        "a: .nan",
        "18446744073709551616: 1",
        "a: !!binary '%%%'",
        "a:\n  <<: 1",
        "a: &a [*a]",
        laughs.trim_end(),
    ] {
        let (message, _) = error_at(&format!("{first}\nb: [c\n"));
        assert!(
            message.starts_with("error converting YAML to JSON: yaml: line ")
                && message.ends_with("did not find expected ',' or ']'"),
            "{first}: {message}"
        );
    }
    // then it decodes (tags, collection keys), then sigs.k8s.io/yaml
    // converts keys, then marshals (NaN, infinities): the earlier stage
    // wins wherever it is in the document
    assert_eq!(
        error_at("a: .nan\n~: 1\n").0,
        "error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: 1"
    );
    assert_eq!(
        error_at("~: 1\nb: !!int x\n"),
        (
            "error converting YAML to JSON: yaml: cannot decode !!str `x` as a !!int".to_string(),
            (2, 4)
        )
    );
    assert_eq!(
        error_at("a: -.inf\n? {b: c}\n: 1\n"),
        (
            "error converting YAML to JSON: yaml: invalid map key: map[interface {}]interface {}{\"b\":\"c\"}".to_string(),
            (2, 3)
        )
    );
    // and without one, each is go-yaml's own
    for (text, want) in [
        (
            "a: !!binary '%%%'\n",
            "!!binary value contains invalid base64 data",
        ),
        (
            "a:\n  <<: 1\n",
            "map merge requires map or sequence of maps as the value",
        ),
        ("a: &a [*a]\n", "anchor 'a' value contains itself"),
    ] {
        assert_eq!(
            error_at(text).0,
            format!("error converting YAML to JSON: yaml: {want}")
        );
    }
    // within a stage, the first in the text
    assert_eq!(
        error_at("a: .nan\nb: .inf\n").0,
        "error converting YAML to JSON: json: unsupported value: NaN"
    );
    // in an item of a long list (items are handed out as they are read)
    let mut list = String::from("kind: List\nitems:\n");
    for i in 0..50 {
        list.push_str(&format!("- kind: Node\n  metadata: {{name: n{i}}}\n"));
    }
    list.push_str("- kind: Node\n  metadata:\n    labels: {~: x}\n");
    let mut sink = Collect::default();
    let e = read_into(&list, &Limits::default(), &mut sink, true);
    assert!(
        matches!(&e, Some(ReadError::Syntax { message, .. }) if message.ends_with("key: <nil>, value: \"x\"")),
        "{e:?}"
    );
}

#[test]
fn positions_are_byte_offsets_in_the_whole_text() {
    let text = "a: 1\n---\nkind: X\nspec:\n  b: [1, yes]\n";
    let d = docs(text);
    let root = d[1].tree.node(text, d[1].root);
    let (k, v) = root.member("kind").unwrap();
    assert_eq!(k.pos() as usize, text.find("kind").unwrap());
    assert_eq!(v.pos() as usize, text.find("X").unwrap());
    let b = root.get("spec").unwrap().get("b").unwrap();
    assert_eq!(b.at(1).unwrap().pos() as usize, text.find("yes").unwrap());
}

#[test]
fn billion_laughs_is_excessive_aliasing() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let refs = (0..10)
            .map(|_| format!("*a{}", i - 1))
            .collect::<Vec<_>>()
            .join(", ");
        text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    assert_eq!(
        error(&text),
        "error converting YAML to JSON: yaml: document contains excessive aliasing"
    );
    // a few aliases are fine
    assert_eq!(docs("a: &a {x: 1}\nb: *a\nc: *a\n").len(), 1);
}

#[test]
fn deep_nesting_is_refused_early() {
    let text = "[".repeat(40_000);
    let start = std::time::Instant::now();
    assert!(matches!(
        read(&text, &Limits::default()).1,
        Some(ReadError::Limit(_))
    ));
    // not a timing assertion: the limit error names the limit
    let _ = start;
    let text = format!("{}1", "- ".repeat(300));
    assert!(matches!(
        read(&text, &Limits::default()).1,
        Some(ReadError::Limit(_))
    ));
}

#[test]
fn a_block_scalar_may_end_the_text_without_a_line_break() {
    // go-yaml's read_line adds no break at the end of the input: clip and
    // keep chomping give no final "\n" there (scannerc.go)
    for (text, want) in [
        ("a: |\n  foo", r#"{"a":"foo"}"#),
        ("a: |+\n  foo", r#"{"a":"foo"}"#),
        ("a: |-\n  foo", r#"{"a":"foo"}"#),
        ("a: >\n  foo\n  bar", r#"{"a":"foo bar"}"#),
        ("a: |\n  foo\n", r#"{"a":"foo\n"}"#),
        ("a: |+\n  foo\n\n", r#"{"a":"foo\n\n"}"#),
        ("a: |\r\n  foo\r\n", r#"{"a":"foo\n"}"#),
        ("- |\n  x\n- |\n  y", r#"["x\n","y"]"#),
    ] {
        assert_eq!(to_json(text), want, "{text:?}");
    }
    // and the end of the text keeps its line in errors (a parser error
    // prints go-yaml's 0-based line of the mark: the end of the text)
    assert_eq!(
        error("a: [1, 2"),
        "error converting YAML to JSON: yaml: did not find expected ',' or ']'"
    );
    for text in ["a: [1, 2\n", "a: 1\nb: [1, 2"] {
        assert_eq!(
            error(text),
            "error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'",
            "{text:?}"
        );
    }
}

#[test]
fn malformed_input_is_an_error_never_a_panic() {
    // the reproducers of libyaml-safer's issues 6 and 7 (vendor/libyaml-safer/PATCHES.md)
    assert_eq!(
        error("a: ''|\n 0"),
        "error converting YAML to JSON: yaml: did not find expected key"
    );
    // (`,[]` are part of a tag in go-yaml: the tag is `!,` and then
    // `!!str,x]`, and the flow sequence never ends)
    assert_eq!(
        error("[!,"),
        "error converting YAML to JSON: yaml: did not find expected ',' or ']'"
    );
    assert_eq!(
        error("a: [!!str,x]\n"),
        "error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'"
    );
    // a tag followed by `,` (go-yaml: an error anywhere; the port panicked)
    assert_eq!(
        error("[!<x>,y]"),
        "error converting YAML to JSON: yaml: did not find expected whitespace or line break"
    );
    assert_eq!(
        error("a: [!!str x,"),
        "error converting YAML to JSON: yaml: did not find expected node content"
    );
    // a number-like scalar with a multi-byte character after its first byte
    assert_eq!(to_json("a: -\u{feff}-\n"), "{\"a\":\"-\u{feff}-\"}");
    assert_eq!(to_json("a: 0\u{e9}\n"), "{\"a\":\"0\u{e9}\"}");
}

/// Where libyaml 0.2 (the port's origin) and go-yaml v2.4 (kubectl's
/// parser, `go.yaml.in/yaml/v2` through sigs.k8s.io/yaml) differ, the
/// vendored port does what go-yaml does (vendor/libyaml-safer/PATCHES.md,
/// patch 4; go-yaml's `scannerc.go`: `yaml_parser_scan_plain_scalar`, the
/// escapes of `yaml_parser_scan_flow_scalar`).
#[test]
fn flow_plain_scalars_and_escapes_as_go_yaml_v2_reads_them() {
    // a `:` before a flow indicator is part of the plain scalar (libyaml:
    // "found unexpected ':'")
    assert_eq!(to_json("a: [x:, z]\n"), r#"{"a":["x:","z"]}"#);
    assert_eq!(to_json("a: {k: v:}\n"), r#"{"a":{"k":"v:"}}"#);
    assert_eq!(to_json("a: [x:y, z]\n"), r#"{"a":["x:y","z"]}"#);
    // `?` ends a plain scalar in a flow collection: then a key indicator,
    // which a flow sequence's entry cannot be followed by
    // (a parser error on the first line: go-yaml's `fail` gives no line)
    assert_eq!(
        error("a: [x?y]\n"),
        "error converting YAML to JSON: yaml: did not find expected ',' or ']'"
    );
    assert_eq!(
        to_json("a: x?y\n"),
        r#"{"a":"x?y"}"#,
        "(in block context it does not)"
    );
    // `\'` is an escape, `\/` is not
    assert_eq!(to_json("a: \"it\\'s\"\n"), r#"{"a":"it's"}"#);
    // `,[]` are part of a tag (go-yaml's `yaml_parser_scan_tag_uri`); a
    // local tag leaves the scalar a string (`resolve`)
    assert_eq!(to_json("a: !foo,bar x\n"), r#"{"a":"x"}"#);
    // `%YAML 1.2` is not a version go-yaml v2 reads (each document is parsed
    // alone, as kubectl splits them: the directive's own chunk)
    assert_eq!(
        error("%YAML 1.2\n---\na: b\n"),
        "error converting YAML to JSON: yaml: found incompatible YAML document"
    );
    assert_eq!(
        error("%YAML 1.1\n---\na: b\n"),
        "error converting YAML to JSON: yaml: line 1: did not find expected <document start>"
    );
    assert_eq!(
        error("a: \"x\\/y\"\n"),
        "error converting YAML to JSON: yaml: found unknown escape character"
    );
}

/// A text whose first char is in U+F000..U+FFFF begins with the byte 0xEF,
/// as a UTF-8 byte order mark does: go-yaml (and C libyaml) read a mark
/// only when the three bytes are one, and the text as UTF-8 otherwise.
/// (libyaml-safer refused it as "invalid byte order marker": found by the
/// fuzz target yaml_fast; vendor/libyaml-safer patch 5.)
#[test]
fn a_first_char_from_u_f000_is_no_byte_order_mark() {
    // plain (the fast reader) and with an anchor (libyaml)
    for (text, want) in [
        ("\u{f163}vap: x\n", r#"{"vap":"x"}"#),
        ("\u{ff5e}: &v blue\nb: *v\n", r#"{"～":"blue","b":"blue"}"#),
        ("\u{fffd}a: [1,\n  2]\n", r#"{"�a":[1,2]}"#),
    ] {
        let got = to_json(text);
        assert_eq!(got, want.replace("vap", "\u{f163}vap"), "{text:?}");
    }
    // a real mark is still read as one
    assert_eq!(to_json("\u{feff}a: 1\n"), r#"{"a":1}"#);
}

/// `chunks` as apimachinery's `YAMLReader` is written: line by line (the
/// oracle of the search for `\n---` that replaced it).
fn chunks_line_by_line(text: &str) -> Result<Vec<(usize, usize)>, (usize, String)> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut at = 0usize;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("---") {
            let trimmed = rest.trim();
            if !trimmed.is_empty() && !trimmed.starts_with('#') {
                return Err((at, format!("invalid Yaml document separator: {trimmed}")));
            }
            if at > start {
                out.push((start, at));
            }
            start = at + line.len();
        }
        at += line.len();
    }
    if text.len() > start {
        out.push((start, text.len()));
    }
    Ok(out)
}

#[test]
fn chunks_split_where_a_line_starts_with_three_dashes() {
    assert_eq!(chunks("a: 1\n---\nb: 2\n"), Ok(vec![(0, 5), (9, 14)]));
    assert_eq!(chunks("---\n---\n"), Ok(vec![]));
    assert_eq!(chunks("--- # c\r\na\n---"), Ok(vec![(9, 11)]));
    assert_eq!(chunks(" ---\n"), Ok(vec![(0, 5)]));
    assert_eq!(
        chunks("a\n--- b\n"),
        Err((2, "invalid Yaml document separator: b".to_string()))
    );
    // every text of these pieces, as the line-by-line reading splits it
    const PIECES: [&str; 10] = [
        "---", "\n", "# c", " ", "a", "\r", "-", "--- x", "\u{a0}", "\n---\n",
    ];
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..50_000 {
        let mut text = String::new();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let mut y = x;
        for _ in 0..(x % 12) {
            text.push_str(PIECES[(y % 10) as usize]);
            y /= 10;
            if y == 0 {
                y = x.rotate_left(17);
            }
        }
        assert_eq!(chunks(&text), chunks_line_by_line(&text), "{text:?}");
    }
}

#[test]
fn held_errors_spliced_into_real_texts_are_reported_at_a_place_in_the_text() {
    // each of these at the indentation of a random line of a real text
    const SPLICES: [&str; 8] = [
        "~: x",
        "? [a, {b: 1}]\n: 1",
        "a: !!int x",
        "a: .nan",
        "18446744073709551616: [1, ~]",
        "name: {{ .Values.x }}",
        "- ~: {a: *nope}",
        "? &k [1]\n: *k",
    ];
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut errors = 0;
    for text in crate::input::repository_texts(&["yaml", "yml"]) {
        let lines: Vec<&str> = text.lines().collect();
        if lines.is_empty() {
            continue;
        }
        for _ in 0..20 {
            let at = (next() % lines.len() as u64) as usize;
            let indent = lines[at].len() - lines[at].trim_start().len();
            let splice = SPLICES[(next() % SPLICES.len() as u64) as usize]
                .lines()
                .map(|l| format!("{}{l}\n", " ".repeat(indent)))
                .collect::<String>();
            let mut changed = lines[..at].join("\n");
            if at > 0 {
                changed.push('\n');
            }
            changed.push_str(&splice);
            changed.push_str(&lines[at..].join("\n"));
            let (_, e) = read(&changed, &Limits::default());
            if let Some(ReadError::Syntax { pos, message }) = e {
                errors += 1;
                assert!((pos as usize) <= changed.len(), "{changed:?}");
                assert!(
                    message.starts_with("error converting YAML to JSON: "),
                    "{message}"
                );
            }
        }
    }
    assert!(errors > 100, "{errors}");
}

#[test]
fn a_held_value_is_printed_from_its_own_nodes_after_items_were_dropped() {
    // item 0, used and dropped from the tree, had floats; item 1's nodes
    // take their ids again, and its null key's value is strings
    let floats = vec!["1.5"; 40].join(", ");
    let strings = vec!["s"; 40].join(", ");
    let text = format!(
        "kind: List\nitems:\n- {{kind: Node, metadata: {{name: n0}}, x: [{floats}]}}\n- {{kind: Node, metadata: {{name: n1, labels: {{~: [{strings}]}}}}}}\n"
    );
    let objects = crate::input::parse(&[crate::input::Source::new(None, &text)]);
    let want = format!(
        "error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: []interface {{}}{{{}}}",
        vec!["\"s\""; 40].join(", ")
    );
    assert!(
        objects.errors.iter().any(|e| e.detail == want),
        "{:?}",
        objects.errors.iter().map(|e| &e.detail).collect::<Vec<_>>()
    );
}

#[test]
fn a_held_value_of_100000_keys_is_printed_whole_in_fmts_order() {
    // (a list and a sort that grow with the value: this once took minutes)
    let mut text = String::from("~:\n");
    for i in (0..100_000).rev() {
        text.push_str(&format!("  k{i}: {i}.5\n"));
    }
    let (message, _) = error_at(&text);
    let value = message.split_once("value: ").unwrap().1;
    assert!(
        value.starts_with(
            "map[interface {}]interface {}{\"k0\":0.5, \"k1\":1.5, \"k10\":10.5, \"k100\":100.5, "
        ),
        "{}",
        &value[..200]
    );
    assert!(value.ends_with("\"k99999\":99999.5}"));
    assert_eq!(value.matches(':').count(), 100_000);
}
