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
    assert_eq!(o.nodes[0].object.allocatable()["cpu"].as_str(), "2");
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
