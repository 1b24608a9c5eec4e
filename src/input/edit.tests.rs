use super::*;

fn set(path: &[&str], value: Json) -> Change {
    Change::Set {
        path: keys(path),
        value,
    }
}

fn append(path: &[&str], value: Json) -> Change {
    Change::Append {
        path: keys(path),
        value,
    }
}

fn remove(path: Vec<Step>) -> Change {
    Change::Remove { path }
}

/// The change made to the object at the start of `text` (or at `at`, the
/// first occurrence of that string).
fn edit(text: &str, at: &str, change: Change) -> String {
    let json = text.trim_start().starts_with('{');
    let offset = text.find(at).expect("the object");
    apply(text, json, offset, &[change]).unwrap()
}

fn toleration() -> Json {
    Json::map([
        ("key", Json::str("gpu")),
        ("operator", Json::str("Exists")),
        ("effect", Json::str("NoSchedule")),
    ])
}

#[test]
fn an_item_goes_after_the_last_one_at_its_indentation_comments_kept() {
    let text = "\
apiVersion: apps/v1 # the API
kind: DaemonSet
spec:
  template:
    spec:
      tolerations:
        # the control plane
        - key: node-role.kubernetes.io/control-plane
          effect: NoSchedule   # keep
      containers:
      - name: a
";
    let out = edit(
        text,
        "apiVersion",
        append(&["spec", "template", "spec", "tolerations"], toleration()),
    );
    assert_eq!(
        out,
        "\
apiVersion: apps/v1 # the API
kind: DaemonSet
spec:
  template:
    spec:
      tolerations:
        # the control plane
        - key: node-role.kubernetes.io/control-plane
          effect: NoSchedule   # keep
        - key: gpu
          operator: Exists
          effect: NoSchedule
      containers:
      - name: a
"
    );
}

#[test]
fn a_missing_list_is_made_under_its_map_with_the_texts_sequence_indentation() {
    // kubectl's style: `- ` under the key, not indented
    let text =
        "spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: x\n";
    let out = edit(
        text,
        "spec",
        append(&["spec", "template", "spec", "tolerations"], toleration()),
    );
    assert_eq!(
        out,
        "spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: x\n      tolerations:\n      - key: gpu\n        operator: Exists\n        effect: NoSchedule\n"
    );
    // the text has no list yet: indented by two, as people write it
    let text = "spec:\n  template:\n    spec:\n      nodeSelector: {a: b}\n";
    let out = edit(
        text,
        "spec",
        append(&["spec", "template", "spec", "tolerations"], toleration()),
    );
    assert_eq!(
        out,
        "spec:\n  template:\n    spec:\n      nodeSelector: {a: b}\n      tolerations:\n        - key: gpu\n          operator: Exists\n          effect: NoSchedule\n"
    );
}

#[test]
fn missing_maps_on_the_way_are_made() {
    let text = "spec:\n  template:\n    metadata: {}\n";
    let out = edit(
        text,
        "spec",
        append(&["spec", "template", "spec", "tolerations"], toleration()),
    );
    assert_eq!(
        out,
        "spec:\n  template:\n    metadata: {}\n    spec:\n      tolerations:\n        - key: gpu\n          operator: Exists\n          effect: NoSchedule\n"
    );
}

#[test]
fn empty_and_null_lists_are_filled() {
    let text = "spec:\n  tolerations: []  # none\n  x: 1\n";
    let out = edit(text, "spec", append(&["spec", "tolerations"], toleration()));
    assert_eq!(
        out,
        "spec:\n  tolerations: [{key: gpu, operator: Exists, effect: NoSchedule}]  # none\n  x: 1\n"
    );
    let text = "spec:\n  tolerations:   # none yet\n  x: 1\n";
    let out = edit(text, "spec", append(&["spec", "tolerations"], toleration()));
    assert_eq!(
        out,
        "spec:\n  tolerations:   # none yet\n    - key: gpu\n      operator: Exists\n      effect: NoSchedule\n  x: 1\n"
    );
    let text = "spec:\n  tolerations: null\n";
    let out = edit(text, "spec", append(&["spec", "tolerations"], toleration()));
    assert_eq!(
        out,
        "spec:\n  tolerations:\n    - key: gpu\n      operator: Exists\n      effect: NoSchedule\n"
    );
    // the last line without a line break
    let text = "spec:\n  x: 1";
    let out = edit(text, "spec", append(&["spec", "tolerations"], toleration()));
    assert_eq!(
        out,
        "spec:\n  x: 1\n  tolerations:\n    - key: gpu\n      operator: Exists\n      effect: NoSchedule\n"
    );
}

#[test]
fn flow_lists_get_a_flow_item() {
    let text = "spec:\n  tolerations: [{operator: Exists}]\n";
    let out = edit(text, "spec", append(&["spec", "tolerations"], toleration()));
    assert_eq!(
        out,
        "spec:\n  tolerations: [{operator: Exists}, {key: gpu, operator: Exists, effect: NoSchedule}]\n"
    );
}

#[test]
fn a_removed_member_takes_its_lines_and_only_them() {
    let text = "spec:\n  template:\n    spec:\n      # pinned by hand\n      nodeName: node-1\n      priority: 10\n      containers:\n      - name: a\n";
    let out = edit(
        text,
        "spec",
        remove(keys(&["spec", "template", "spec", "nodeName"])),
    );
    assert_eq!(
        out,
        "spec:\n  template:\n    spec:\n      # pinned by hand\n      priority: 10\n      containers:\n      - name: a\n"
    );
    // a multi-line value goes with it
    let text = "a:\n  b:\n    c: 1\n    d:\n    - 1\n    - 2\n  e: 2\n";
    let out = edit(text, "a", remove(keys(&["a", "b"])));
    assert_eq!(out, "a:\n  e: 2\n");
    // nothing there: nothing changes
    let out = edit(text, "a", remove(keys(&["a", "zz"])));
    assert_eq!(out, text);
}

#[test]
fn removing_the_last_element_leaves_an_empty_collection() {
    let text = "spec:\n  taints:\n  - key: a\n    effect: NoSchedule\n  unschedulable: false\n";
    let out = edit(
        text,
        "spec",
        remove(vec![
            Step::Key("spec".into()),
            Step::Key("taints".into()),
            Step::Index(0),
        ]),
    );
    assert_eq!(out, "spec:\n  taints: []\n  unschedulable: false\n");
    let text = "spec:\n  template:\n    spec:\n      nodeName: x\n";
    let out = edit(
        text,
        "spec",
        remove(keys(&["spec", "template", "spec", "nodeName"])),
    );
    assert_eq!(out, "spec:\n  template:\n    spec: {}\n");
}

#[test]
fn an_item_in_the_middle_and_the_first_key_of_an_item() {
    let text = "taints:\n- key: a\n  effect: NoSchedule\n- key: b\n  effect: NoExecute\n- key: c\n  effect: NoSchedule\n";
    let path = |i| vec![Step::Key("taints".into()), Step::Index(i)];
    let out = edit(text, "taints", remove(path(1)));
    assert_eq!(
        out,
        "taints:\n- key: a\n  effect: NoSchedule\n- key: c\n  effect: NoSchedule\n"
    );
    // the first key of a `- ` item: the next key moves onto the dash line
    let text = "items:\n- name: a\n  keep: 1\n";
    let out = edit(
        text,
        "items",
        remove(vec![
            Step::Key("items".into()),
            Step::Index(0),
            Step::Key("name".into()),
        ]),
    );
    assert_eq!(out, "items:\n- keep: 1\n");
    // flow lists lose the element and its comma
    let text = "t: [a, b, c]\n";
    let p = |i| vec![Step::Key("t".into()), Step::Index(i)];
    assert_eq!(edit(text, "t", remove(p(0))), "t: [b, c]\n");
    assert_eq!(edit(text, "t", remove(p(1))), "t: [a, c]\n");
    assert_eq!(edit(text, "t", remove(p(2))), "t: [a, b]\n");
    assert_eq!(edit("t: [a]\n", "t", remove(p(0))), "t: []\n");
}

#[test]
fn scalars_are_replaced_in_place_and_quoted_when_plain_would_change_them() {
    let text = "metadata:\n  labels:\n    disk: hdd   # was ssd\n";
    let out = edit(
        text,
        "metadata",
        set(&["metadata", "labels", "disk"], Json::str("ssd")),
    );
    assert_eq!(out, "metadata:\n  labels:\n    disk: ssd   # was ssd\n");
    let out = edit(
        text,
        "metadata",
        set(&["metadata", "labels", "gpu"], Json::str("true")),
    );
    assert_eq!(
        out,
        "metadata:\n  labels:\n    disk: hdd   # was ssd\n    gpu: \"true\"\n"
    );
    let out = edit(
        text,
        "metadata",
        set(&["metadata", "labels", "m"], Json::str("")),
    );
    assert!(out.ends_with("    m: \"\"\n"), "{out}");
    let out = edit(
        text,
        "metadata",
        set(
            &["metadata", "labels", "node-role.kubernetes.io/worker"],
            Json::str(""),
        ),
    );
    assert!(
        out.ends_with("    node-role.kubernetes.io/worker: \"\"\n"),
        "{out}"
    );
    // labels missing, in a flow map, empty
    let text = "metadata:\n  name: n\n";
    let out = edit(
        text,
        "metadata",
        set(&["metadata", "labels", "a"], Json::str("b")),
    );
    assert_eq!(out, "metadata:\n  name: n\n  labels:\n    a: b\n");
    let text = "metadata: {name: n, labels: {x: y}}\n";
    let out = edit(
        text,
        "metadata",
        set(&["metadata", "labels", "a"], Json::str("b")),
    );
    assert_eq!(out, "metadata: {name: n, labels: {x: y, a: b}}\n");
    let text = "metadata:\n  labels: {}\n";
    let out = edit(
        text,
        "metadata",
        set(&["metadata", "labels", "a"], Json::str("b")),
    );
    assert_eq!(out, "metadata:\n  labels: {a: b}\n");
    let text = "metadata:\n  labels:\n  name: n\n";
    let out = edit(
        text,
        "metadata",
        set(&["metadata", "labels", "a"], Json::str("b")),
    );
    assert_eq!(out, "metadata:\n  labels:\n    a: b\n  name: n\n");
}

#[test]
fn the_object_is_the_one_at_its_offset_in_a_multi_document_text() {
    let text = "# nodes\napiVersion: v1\nkind: Node\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: b\n";
    let out = edit(
        text,
        "apiVersion: v1\nkind: Node\nmetadata:\n  name: b",
        set(&["metadata", "labels", "x"], Json::str("1")),
    );
    assert_eq!(
        out,
        "# nodes\napiVersion: v1\nkind: Node\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: b\n  labels:\n    x: \"1\"\n"
    );
    // an offset where no object starts
    assert!(apply(text, false, 3, &[set(&["a"], Json::Int(1))]).is_err());
}

#[test]
fn json_as_kubectl_prints_it_keeps_its_layout() {
    let text = r#"{
    "apiVersion": "v1",
    "items": [
        {
            "metadata": {
                "labels": {
                    "a": "b"
                },
                "name": "n1"
            },
            "spec": {
                "taints": [
                    {
                        "effect": "NoSchedule",
                        "key": "k"
                    }
                ]
            }
        }
    ]
}
"#;
    let item = "{\n            \"metadata\"";
    let out = edit(
        text,
        item,
        set(&["metadata", "labels", "disk"], Json::str("ssd")),
    );
    assert!(
        out.contains("\"a\": \"b\",\n                    \"disk\": \"ssd\"\n                },"),
        "{out}"
    );
    let out = edit(
        text,
        item,
        remove(vec![
            Step::Key("spec".into()),
            Step::Key("taints".into()),
            Step::Index(0),
        ]),
    );
    assert!(out.contains("\"taints\": []\n"), "{out}");
    let out = edit(
        text,
        item,
        append(
            &["spec", "taints"],
            Json::map([("key", Json::str("x")), ("effect", Json::str("NoExecute"))]),
        ),
    );
    assert!(
        out.contains("                    },\n                    {\n                        \"key\": \"x\",\n                        \"effect\": \"NoExecute\"\n                    }\n                ]"),
        "{out}"
    );
    // a member in a map without it
    let out = edit(
        text,
        item,
        set(&["spec", "unschedulable"], Json::Bool(false)),
    );
    assert!(
        out.contains("                ],\n                \"unschedulable\": false\n            }"),
        "{out}"
    );
    // the result is JSON still
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["items"][0]["spec"]["unschedulable"],
        serde_json::Value::Bool(false)
    );
}

#[test]
fn aliases_are_not_changed_through() {
    let text = "a: &x {b: 1}\nc: *x\n";
    let e = apply(text, false, 0, &[set(&["c", "b"], Json::Int(2))]).unwrap_err();
    assert!(
        e.0.words.code == "editAlias" && e.0.text.contains("alias"),
        "{e}"
    );
}

#[test]
fn crlf_texts_get_crlf_lines() {
    let text = "spec:\r\n  x: 1\r\n";
    let out = edit(text, "spec", set(&["spec", "z"], Json::Int(2)));
    assert_eq!(out, "spec:\r\n  x: 1\r\n  z: 2\r\n");
}

#[test]
fn a_document_is_appended_after_a_separator() {
    assert_eq!(append_document("a: 1", "b: 2\n"), "a: 1\n---\nb: 2\n");
    assert_eq!(append_document("a: 1\n", "b: 2"), "a: 1\n---\nb: 2\n");
}
