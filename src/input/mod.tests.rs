//! Reading whole inputs: kinds, lists, versions, the shorthand, positions.

use super::*;

fn one(text: &str) -> Objects {
    parse(&[Source::new(None, text)])
}

#[test]
fn kubectl_json_list_with_kind_last() {
    let o = one(
        r#"{"apiVersion":"v1","items":[{"apiVersion":"v1","kind":"Node","metadata":{"name":"a","managedFields":[{"fieldsV1":{"f:x":{}}}]},"status":{"images":[{"names":["x"],"sizeBytes":5}],"capacity":{"cpu":"2"}}}],"kind":"List","metadata":{"resourceVersion":""}}"#,
    );
    assert!(o.errors.is_empty(), "{:?}", o.errors);
    assert_eq!(o.nodes.len(), 1);
    assert_eq!(o.nodes[0].origin.prefix, "items[0]");
    assert_eq!(o.nodes[0].object.allocatable().get("cpu").unwrap(), "2");
}

#[test]
fn typed_lists_give_their_items_a_kind() {
    let o = one(
        r#"{"apiVersion":"v1","kind":"NodeList","items":[{"metadata":{"name":"a"}},{"metadata":{"name":"b"}}]}"#,
    );
    assert!(o.errors.is_empty(), "{:?}", o.errors);
    assert_eq!(o.nodes.len(), 2);
}

#[test]
fn yaml_documents_and_shorthand() {
    let o = one("apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: x}\n---\nnodes:\n- name: w\n  count: 2\n---\n");
    assert!(o.errors.is_empty(), "{:?}", o.errors);
    assert_eq!(o.daemon_sets.len(), 1);
    assert_eq!(o.nodes.len(), 2);
}

#[test]
fn duplicate_and_nameless_nodes_are_errors_and_left_out() {
    let o = parse(&[
        Source::new(Some("a.yaml"), "nodes:\n- name: a\n- name: b\n"),
        Source::new(Some("b.yaml"), "nodes:\n- name: a\n- {count: 2}\n"),
    ]);
    assert_eq!(o.nodes.len(), 2);
    let dup = o
        .errors
        .iter()
        .find(|e| e.kind == "Duplicate value")
        .unwrap();
    assert_eq!(dup.field.as_deref(), Some("nodes[0].name"));
    assert_eq!(dup.source.as_deref(), Some("b.yaml"));
    assert_eq!((dup.line, dup.column), (Some(2), Some(9)));
    assert!(
        dup.detail.contains("first at line 2, column 9 of a.yaml"),
        "{}",
        dup.detail
    );
    assert!(
        o.errors.iter().any(|e| e.kind == "Required value"),
        "{:?}",
        o.errors
    );
}

#[test]
fn strict_decoding_problems_stay_with_the_workload() {
    let o = one("apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: x}\nspec:\n  template:\n    spec:\n      nodeselector: {disk: ssd}\n");
    assert!(o.errors.is_empty(), "{:?}", o.errors);
    let ds = &o.daemon_sets[0];
    assert_eq!(ds.problems.len(), 1);
    let p = &ds.problems[0];
    assert_eq!(p.field.as_deref(), Some("spec.template.spec.nodeselector"));
    assert_eq!(
        p.message(),
        "DaemonSet in version \"v1\" cannot be handled as a DaemonSet: strict decoding error: unknown field \"spec.template.spec.nodeselector\""
    );
    assert_eq!(p.hint.as_deref(), Some("did you mean `nodeSelector`?"));
    assert_eq!((p.line, p.column), (Some(7), Some(7)));
}

#[test]
fn yaml_and_json_of_the_same_object_get_the_same_answer() {
    let yaml = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: x}\nspec:\n  template:\n    spec:\n      nodeSelector: {gpu: true}\n";
    let json = r#"{"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "x"}, "spec": {"template": {"spec": {"nodeSelector": {"gpu": true}}}}}"#;
    let (y, j) = (one(yaml), one(json));
    assert_eq!(
        y.daemon_sets[0].problems[0].detail,
        j.daemon_sets[0].problems[0].detail
    );
    assert_eq!(
        y.daemon_sets[0].problems[0].detail,
        "DaemonSet in version \"v1\" cannot be handled as a DaemonSet: json: cannot unmarshal bool into Go struct field PodSpec.spec.template.spec.nodeSelector of type string"
    );
}

#[test]
fn unserved_versions_are_refused_with_kubectls_words() {
    let o = parse(&[Source::new(
        Some("ds.yaml"),
        "apiVersion: apps/v1beta2\nkind: DaemonSet\nmetadata: {name: x, namespace: kube-system}\n",
    )]);
    assert!(o.daemon_sets.is_empty());
    let e = &o.errors[0];
    assert_eq!(
        e.message(),
        "resource mapping not found for name: \"x\" namespace: \"kube-system\" from \"ds.yaml\": no matches for kind \"DaemonSet\" in version \"apps/v1beta2\""
    );
    assert!(
        e.hint
            .as_deref()
            .unwrap()
            .contains("use `apiVersion: apps/v1`"),
        "{:?}",
        e.hint
    );
    let o = one("apiVersion: apps/v1\nkind: Daemonset\nmetadata: {name: x}\n");
    assert_eq!(o.errors[0].kind, "Unserved API version");
}

#[test]
fn other_kinds_are_summarized_once() {
    let o = one("kind: Service\nmetadata: {name: a}\n---\nkind: ConfigMap\nmetadata: {name: b}\n---\nkind: Service\nmetadata: {name: c}\n");
    assert!(o.errors.is_empty());
    assert_eq!(o.skipped.len(), 3);
    assert_eq!(o.warnings.len(), 1);
    assert_eq!(
        o.warnings[0].detail,
        "3 other objects are not used: 2 Service, 1 ConfigMap"
    );
}

#[test]
fn syntax_errors_and_unknown_documents() {
    let o = one("kind: Node\nmetadata:\n  name: [a\n");
    assert_eq!(o.errors[0].kind, "Syntax error");
    assert!(o.errors[0].line.is_some());
    let o = one("foo: bar\n");
    assert_eq!(o.errors[0].kind, "Unknown document");
    let o = one("{\"kind\": ");
    assert_eq!(o.errors[0].kind, "Syntax error");
}

#[test]
fn expansion_has_a_total_limit() {
    let limits = Limits {
        max_nodes: 100,
        ..Limits::default()
    };
    let text = "nodes:\n- {name: a, count: 60}\n- {name: b, count: 60}\n";
    let o = parse_with(&[Source::new(None, text)], &limits);
    // refused before anything is made
    assert_eq!(o.nodes.len(), 0);
    let e = o.errors.iter().find(|e| e.kind == "Limit").unwrap();
    assert_eq!(
        e.detail,
        "the number of nodes is 120, more than the limit of 100"
    );
    assert_eq!(e.field.as_deref(), Some("nodes"));
    // pods: count times the entry's pods, aliases expanded
    let text = "x: &e {name: a, count: 30, pods: [{name: p}, {name: q}]}
nodes: [*e, *e]
";
    let limits = Limits {
        max_pods: 100,
        ..Limits::default()
    };
    let o = parse_with(&[Source::new(None, text)], &limits);
    assert_eq!((o.nodes.len(), o.pods.len()), (0, 0));
    let e = o.errors.iter().find(|e| e.kind == "Limit").unwrap();
    assert_eq!(
        e.detail,
        "the number of pods is 120, more than the limit of 100"
    );
}

#[test]
fn objects_past_the_limit_are_counted_not_kept() {
    let limits = Limits {
        max_nodes: 3,
        ..Limits::default()
    };
    let text: String = (0..5)
        .map(|i| format!("---\napiVersion: v1\nkind: Node\nmetadata: {{name: n{i}}}\n"))
        .collect();
    let o = parse_with(&[Source::new(None, &text)], &limits);
    assert_eq!(o.nodes.len(), 3);
    let limit: Vec<_> = o.errors.iter().filter(|e| e.kind == "Limit").collect();
    assert_eq!(limit.len(), 1, "{limit:?}");
    assert_eq!(
        limit[0].detail,
        "the number of nodes is 5, more than the limit of 3"
    );
    assert_eq!(limit[0].line, Some(14));
}

fn node(name: &str) -> String {
    format!(r#"{{"apiVersion":"v1","kind":"Node","metadata":{{"name":"{name}"}}}}"#)
}

/// Lists and list-like documents where using items as they are read could
/// go wrong: not a list after all, a repeated `items`, items without a
/// kind, a cut, limits, anchors, other documents.
fn list_cases() -> Vec<String> {
    let (a, b, c) = (node("a"), node("b"), node("c"));
    vec![
        format!(r#"{{"apiVersion":"v1","items":[{a},{b},{c}],"kind":"List","metadata":{{"resourceVersion":""}}}}"#),
        format!(r#"{{"apiVersion":"v1","items":[{a},{b}],"kind":"Node","metadata":{{"name":"x"}}}}"#),
        format!(r#"{{"apiVersion":"v1","items":[{a},{b}]}}"#),
        format!(r#"{{"items":[{a}],"items":[{b}],"kind":"List","apiVersion":"v1"}}"#),
        format!(r#"{{"apiVersion":"v1","items":[{a},{{"metadata":{{"name":"k"}}}},{c}],"kind":"NodeList"}}"#),
        r#"{"apiVersion":"v1","apiVersion":"v1","items":[{"apiVersion":"v1","kind":"Node","metadata":{"name":"a","name":"a2"},"bogus":1},{"apiVersion":"v1","kind":"Node","metadata":{"name":"b"},"spec":{"x":2}}],"kind":"List","kind":"List"}"#.to_string(),
        format!(r#"{{"items":[1,{a},"s",null],"kind":"List","apiVersion":"v1"}}"#),
        format!(r#"{{"items":[{{"kind":"List","apiVersion":"v1","items":[{a},{b}]}},{c}],"kind":"List","apiVersion":"v1"}}"#),
        format!(r#"{{"items":[{a}],"kind":"List"}} {{"items":[{b},{a}],"kind":"List"}} {c}"#),
        r#"{"items":{"a":1},"kind":"List"}"#.to_string(),
        format!(r#"{{"kind":"List","items":[{a},{a},{b}]}}"#),
        format!(r#"{{"kind":"List","items":[{a},{b},{c}"#),
        format!(r#"{{"kind":"List","items":[{a},{b},{c}],}}"#),
        format!(r#"{{"kind":"List","items":[{a},{{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{{"name":"d"}},"spec":{{}}}},{{"apiVersion":"v1","kind":"Pod","metadata":{{"name":"p"}},"spec":{{"nodeName":"a","containers":[{{"name":"c","image":"i"}}]}}}},{{"apiVersion":"v1","kind":"ConfigMap","metadata":{{"name":"cm"}}}},{{"apiVersion":"extensions/v1beta1","kind":"DaemonSet","metadata":{{"name":"old"}}}}]}}"#),
        format!("apiVersion: v1\nitems:\n- {a}\n- {b}\nkind: List\n"),
        format!("apiVersion: v1\nitems:\n- {a}\n- {b}\nkind: Node\nmetadata: {{name: x}}\n"),
        "apiVersion: v1\nitems:\n- &n {apiVersion: v1, kind: Node, metadata: {name: a}}\n- *n\n- {apiVersion: v1, kind: Node, metadata: {name: b}}\nkind: List\n".to_string(),
        "x: &a {apiVersion: v1, kind: Node, metadata: {name: z}}\nitems:\n- *a\n- {apiVersion: v1, kind: Node, metadata: {name: b}}\nkind: List\n".to_string(),
        "kind: List\nitems:\n- {apiVersion: v1, kind: Node, metadata: {name: a}}\n- <<: {apiVersion: v1, kind: Node}\n  metadata: {name: m}\n- {apiVersion: v1, kind: Node, metadata: &m {name: q}}\n- {apiVersion: v1, kind: Node, metadata: *m}\n".to_string(),
        format!("kind: List\nitems:\n- {a}\n- {b}\n---\n{c}\n---\nkind: List\nitems: [{a}]\nitems: [{b}]\n"),
        format!("kind: List\nitems:\n- {a}\n- {b}\n- {{bad: [}}\n"),
        format!("kind: List\nitems:\n- {a}\n- 3\n- {b}\n"),
    ]
}

/// Texts from the repository's examples and test data.
fn repository_texts() -> Vec<String> {
    let mut out = super::repository_texts(&["yaml", "yml", "json"]);
    out.retain(|t| t.len() < 1 << 20);
    assert!(out.len() > 40, "{}", out.len());
    out
}

#[test]
fn reading_a_lists_items_as_they_come_gives_what_reading_it_whole_gives() {
    let small = Limits {
        max_values: 40,
        max_nodes: 2,
        max_pods: 1,
        ..Limits::default()
    };
    let mut texts = list_cases();
    texts.extend(repository_texts());
    let mut compared = 0;
    for text in &texts {
        // the whole text, and cut short at a few places
        let mut cuts: Vec<usize> = (1..8).map(|k| text.len() * k / 8).collect();
        cuts.push(text.len());
        for cut in cuts {
            let mut cut = cut;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let t = &text[..cut];
            for limits in [&Limits::default(), &small] {
                let src = [Source::new(Some("t"), t)];
                let read = |items, direct| {
                    let how = Reading { items, direct };
                    summary(&read_sources(&src, limits, &mut Progress::none(), 0, how))
                };
                let whole = read(false, false);
                assert_eq!(read(true, false), whole, "{t}");
                assert_eq!(read(true, true), whole, "{t}");
                compared += 1;
            }
        }
    }
    assert!(compared > 600, "{compared}");
}

/// A sink that uses every item and keeps the documents.
#[derive(Default)]
struct TakeAll {
    docs: Vec<(tree::Doc, Taken)>,
    items: usize,
}

impl Docs for TakeAll {
    fn read_to(&mut self, _: usize) {}
    fn item(&mut self, _: Value, _: usize) -> bool {
        self.items += 1;
        true
    }
    fn doc(&mut self, doc: tree::Doc, taken: Taken) -> bool {
        self.docs.push((doc, taken));
        true
    }
}

#[test]
fn a_lists_items_are_dropped_once_used() {
    let items: Vec<String> = (0..200).map(|i| node(&format!("n{i}"))).collect();
    let json = format!(
        r#"{{"apiVersion":"v1","items":[{}],"kind":"List"}}"#,
        items.join(",")
    );
    let yaml = format!(
        "apiVersion: v1\nitems:\n{}kind: List\n",
        items.iter().map(|i| format!("- {i}\n")).collect::<String>()
    );
    let limits = Limits::default();
    for (text, json_syntax) in [(&json, true), (&yaml, false)] {
        let mut sink = TakeAll::default();
        let err = if json_syntax {
            json::read_into(text, &limits, &mut sink, true).map(|e| format!("{e:?}"))
        } else {
            yaml::read_into(text, &limits, &mut sink, true).map(|e| format!("{e:?}"))
        };
        assert_eq!(err, None);
        assert_eq!(sink.items, 200);
        let (doc, taken) = &sink.docs[0];
        assert_eq!(taken.count, 200);
        // the list's own members and a null per item: nothing of the items
        assert!(doc.tree.len() < 200 + 10, "{}", doc.tree.len());
        let root = doc.tree.node(text, doc.root);
        let list = root.get("items").unwrap();
        assert_eq!(taken.items, Some(list.id));
        assert!(list.elements().all(|e| e.is_null()));
        // and the values limit still counts them
        let tight = Limits {
            max_values: 1000,
            ..Limits::default()
        };
        let mut sink = TakeAll::default();
        let err = if json_syntax {
            json::read_into(text, &tight, &mut sink, true).map(|e| format!("{e:?}"))
        } else {
            yaml::read_into(text, &tight, &mut sink, true).map(|e| format!("{e:?}"))
        };
        assert!(err.is_some_and(|e| e.contains("Limit")), "{json_syntax}");
    }
}

/// Errors past the limit of listed diagnostics are counted as they come,
/// not kept (a list of a million bad items took a gigabyte): what is
/// listed is the same, the first ones and how many more; and the items of
/// a document that turns out not to be a list leave nothing behind.
#[test]
fn diagnostics_past_the_limit_are_counted_not_kept() {
    let limits = Limits {
        max_diagnostics: 3,
        ..Limits::default()
    };
    let items = "- a\n".repeat(10);
    let text = format!("apiVersion: v1\nkind: List\nitems:\n{items}");
    let o = parse_with(&[Source::new(None, &text)], &limits);
    assert_eq!(o.errors.len(), 4, "{:?}", o.errors);
    assert!(
        o.errors[..3].iter().all(|e| e.kind == "Invalid document"),
        "{:?}",
        o.errors
    );
    assert_eq!(o.errors[0].line, Some(4));
    assert_eq!(o.errors[2].line, Some(6));
    assert_eq!(
        o.errors[3].detail,
        "and 7 more (only the first 3 are listed)"
    );
    // not a list after all (no kind): one error, for the document
    let text = format!("items:\n{items}");
    let o = parse_with(&[Source::new(None, &text)], &limits);
    assert_eq!(o.errors.len(), 1, "{:?}", o.errors);
    assert!(
        o.errors[0].detail.contains("Object 'Kind' is missing"),
        "{:?}",
        o.errors
    );
}

#[test]
fn a_template_that_was_not_rendered_gets_a_hint() {
    // Helm's braces where a value or a line starts: the syntax error
    // stays kubectl's, with the hint
    let o = one("apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: {{ .Values.name }}\n");
    assert_eq!(o.errors.len(), 1);
    let e = &o.errors[0];
    assert_eq!(e.kind, "Syntax error");
    assert!(
        e.detail
            .starts_with("error converting YAML to JSON: yaml: invalid map key: "),
        "{}",
        e.detail
    );
    assert_eq!(
        e.hint.as_deref(),
        Some("the text looks like a template (`{{ … }}` on line 4): kubectl reads it as it is; render it first (`helm template`, for example)")
    );
    let words = e.hint_words.as_ref().unwrap();
    assert_eq!(
        (words.code, words.args.get("line")),
        ("templateText", Some(&WordArg::from(4usize)))
    );
    let o = one("a: 1\n{{- if .Values.x }}\nb: 2\n{{- end }}\n");
    assert_eq!(o.errors.len(), 1, "{:?}", o.errors);
    assert!(o.errors[0]
        .hint
        .as_deref()
        .unwrap_or_default()
        .contains("on line 2"));
    // braces in quotes are text (a Prometheus rule's summary), and no hint
    // where the text has none
    let o = one("a: \"{{ $labels.instance }}\"\nb: [\n");
    assert_eq!((o.errors.len(), o.errors[0].hint.as_deref()), (1, None));
    let o = one("a: {{x}}\n");
    assert_eq!(
        o.errors[0].hint_words.as_ref().map(|w| w.code),
        Some("templateText")
    );
}

/// A small deterministic PRNG (xorshift64*) for the changed texts.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        (x.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n.max(1)
    }
}

/// `text` changed at one place, the way hand edits and broken tools
/// change a dump: a byte inserted or deleted, a value replaced by one of
/// another kind or an unusual one, a line repeated (a repeated key).
fn changed(text: &str, rng: &mut Rng) -> String {
    let mut at = rng.below(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let (head, tail) = text.split_at(at);
    const INSERTS: [&str; 16] = [
        "\"",
        ",",
        "}",
        "]",
        "{",
        "null",
        "1",
        "-0",
        "1.5",
        "true",
        "\"x\":1,",
        "\\u0041",
        "\\\"",
        " ",
        "\n",
        "\"f:x\":{},",
    ];
    const VALUES: [&str; 12] = [
        "null",
        "1",
        "-1",
        "1e3",
        "\"1Gi\"",
        "[]",
        "{}",
        "\"\"",
        "true",
        "[null]",
        "\"2026-13-01T00:00:00Z\"",
        "\"a\\u0000b\"",
    ];
    match rng.below(4) {
        0 => format!("{head}{}{tail}", INSERTS[rng.below(INSERTS.len())]),
        1 => {
            let mut end = (at + 1 + rng.below(3)).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            format!("{head}{}", &text[end..])
        }
        2 => {
            // the value after the next `": `
            let Some(colon) = tail.find("\": ").map(|c| at + c + 3) else {
                return text.to_string();
            };
            let rest = &text[colon..];
            let len = rest.find([',', '\n']).unwrap_or(rest.len());
            let v = VALUES[rng.below(VALUES.len())];
            format!("{}{v}{}", &text[..colon], &rest[len..])
        }
        _ => {
            let start = head.rfind('\n').map_or(0, |n| n + 1);
            let end = tail.find('\n').map_or(text.len(), |n| at + n + 1);
            format!("{}{}", &text[..end], &text[start..])
        }
    }
}

/// Nodes and pods of a JSON list are read straight from the text when
/// they can be (src/input/direct.rs): whatever the text, with the default
/// limits and with small ones, the result is the exact path's, error for
/// error, position for position.
#[cfg(feature = "direct")]
#[test]
fn reading_items_directly_gives_what_the_exact_path_gives() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dumps: Vec<String> = [
        "tests/data/kubectl/nodes.json",
        "tests/data/kubectl/pods.json",
        "tests/data/kubectl/pods-prod-worker2.json",
    ]
    .iter()
    .map(|f| std::fs::read_to_string(root.join(f)).unwrap())
    .collect();
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut compared = 0;
    let mut direct_read = 0;
    for dump in &dumps {
        for round in 0..400 {
            let text = if round == 0 {
                dump.clone()
            } else {
                changed(dump, &mut rng)
            };
            let src = [Source::new(Some("t"), &text)];
            // limits reached anywhere, in an item or between two
            let small = [
                Limits {
                    max_values: 20 + rng.below(2000),
                    max_nodes: 2,
                    max_pods: 3,
                    ..Limits::default()
                },
                Limits {
                    max_depth: 2 + rng.below(8),
                    ..Limits::default()
                },
            ];
            for limits in [&Limits::default(), &small[0], &small[1]] {
                let before = DIRECT_ITEMS.with(|n| n.get());
                let (direct, exact) = read_both_ways(&src, limits);
                assert_eq!(direct, exact, "{text}");
                compared += 1;
                direct_read += DIRECT_ITEMS.with(|n| n.get()) - before;
            }
        }
    }
    // every limit on values and nesting the unchanged dumps can reach
    for dump in &dumps {
        let src = [Source::new(Some("t"), dump.as_str())];
        let (docs, _) = json::read(dump, &Limits::default());
        let values = docs[0].tree.len();
        let limits = (0..values + 2)
            .map(|max_values| Limits {
                max_values,
                ..Limits::default()
            })
            .chain((0..12).map(|max_depth| Limits {
                max_depth,
                ..Limits::default()
            }));
        for limits in limits {
            let read = |direct| {
                let how = Reading {
                    items: true,
                    direct,
                };
                summary(&read_sources(&src, &limits, &mut Progress::none(), 0, how))
            };
            assert_eq!(read(true), read(false), "{limits:?}");
            compared += 1;
        }
    }
    assert!(compared > 3 * 400 * 3 + 1000, "{compared}");
    // (most changed texts still have items the direct reader takes)
    assert!(direct_read > 4_000, "{direct_read}");
}

/// A text whose items the direct reader keeps giving up on is left to the
/// exact path after a few; one it gives up on now and then is not.
#[cfg(feature = "direct")]
#[test]
fn the_direct_reader_stops_trying_on_a_text_it_keeps_giving_up_on() {
    let node = |i: usize, known: bool| {
        let extra = if known { "" } else { r#","futureField":"x""# };
        format!(
            r#"{{"apiVersion":"v1","kind":"Node","metadata":{{"name":"n{i}"}},"status":{{"capacity":{{"cpu":"2"}}{extra}}}}}"#
        )
    };
    let list = |items: Vec<String>| {
        format!(
            r#"{{"apiVersion":"v1","items":[{}],"kind":"List"}}"#,
            items.join(",")
        )
    };
    let taken = |text: &str| {
        let before = DIRECT_ITEMS.with(|n| n.get());
        let (direct, exact) = read_both_ways(&[Source::new(None, text)], &Limits::default());
        assert_eq!(direct, exact);
        DIRECT_ITEMS.with(|n| n.get()) - before
    };
    // a newer cluster's dump: 20 nodes with an unknown field, then 10 without
    let newer: Vec<String> = (0..30).map(|i| node(i, i >= 20)).collect();
    assert_eq!(taken(&list(newer)), 0);
    // every other node with one: each of the others is taken
    let mixed: Vec<String> = (0..30).map(|i| node(i, i % 2 == 0)).collect();
    assert_eq!(taken(&list(mixed)), 15);
    // seven in a row, then the rest
    let seven: Vec<String> = (0..17).map(|i| node(i, i >= 7)).collect();
    assert_eq!(taken(&list(seven)), 10);
}
