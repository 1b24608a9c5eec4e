//! Nodes read as cluster state are validated as the API server validates
//! a Node on create (`ValidateNode`, kubernetes/kubernetes
//! `pkg/apis/core/validation/validation.go`): a node it would refuse is an
//! input error, like one it could not decode, at the offending field.
//!
//! The expected texts are written from the Go source (see
//! docs/dev/k8s-input-rules.md, section g): `field.Error.Error()` is
//! `<path>: <type>: <value>: <detail>`; Go builds the taints' path from
//! the `metadata` path (`metadata.taints[i]`), and the quantities' as
//! `field.NewPath("status", "capacity", name)` (a child, not a key).

use daemonset_sim::input::{self, Source};
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `message()` of each error, prefixed with its line and column.
fn errors(text: &str) -> Vec<String> {
    input::parse(&[Source::new(None, text)])
        .errors
        .iter()
        .map(|d| match (d.line, d.column) {
            (Some(l), Some(c)) => format!("{l}:{c}: {}", d.message()),
            _ => d.message(),
        })
        .collect()
}

/// A Node document with `body` after its name (the name on line 4, the
/// body from line 5).
fn node(name: &str, body: &str) -> String {
    format!("apiVersion: v1\nkind: Node\nmetadata:\n  name: {name}\n{body}")
}

const DNS_SUBDOMAIN: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const NAME_PART: &str = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

#[test]
fn the_taint_effect_is_one_of_three_and_reported_under_metadata_taints() {
    // validateTaintEffect(&currTaint.Effect, false, idxPath.Child("effect")):
    // field.NotSupported with validValues NoSchedule, PreferNoSchedule,
    // NoExecute (in that order, not sorted); the path is
    // fldPath.Child("taints") with fldPath = field.NewPath("metadata")
    let text = node("n1", "spec:\n  taints:\n  - {key: a, effect: Bogus}\n");
    assert_eq!(
        errors(&text),
        ["7:22: metadata.taints[0].effect: Unsupported value: \"Bogus\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""]
    );
    // an empty effect: field.Required(fldPath, "")
    let text = node("n1", "spec:\n  taints:\n  - key: a\n");
    assert_eq!(
        errors(&text),
        ["7:5: metadata.taints[0].effect: Required value"]
    );
}

#[test]
fn taint_keys_values_and_key_effect_pairs() {
    let text = node(
        "n1",
        "spec:\n  taints:\n  - {key: a/b/c, effect: NoSchedule}\n  - {key: k, value: \"v v\", effect: NoExecute}\n  - {key: k, value: other, effect: NoExecute}\n  - {key: k, effect: NoSchedule}\n",
    );
    let got = errors(&text);
    assert_eq!(
        got,
        [
            // ValidateLabelName(currTaint.Key, idxPath.Child("key"))
            "7:11: metadata.taints[0].key: Invalid value: \"a/b/c\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')".to_string(),
            // IsValidLabelValue's messages joined with ";"
            format!("8:21: metadata.taints[1].value: Invalid value: \"v v\": {LABEL_VALUE}"),
            // field.Duplicate(idxPath, currTaint) with Detail "taints must
            // be unique by key and effect pair": the internal core.Taint
            // as JSON (no JSON tags: Go field names)
            "9:5: metadata.taints[2]: Duplicate value: {\"Key\":\"k\",\"Value\":\"other\",\"Effect\":\"NoExecute\",\"TimeAdded\":null}: taints must be unique by key and effect pair".to_string(),
        ]
    );
}

#[test]
fn name_labels_annotations_and_generation_as_object_meta_has_them() {
    let text = "apiVersion: v1\nkind: Node\nmetadata:\n  name: Node_1\n  generation: -1\n  labels:\n    \"a b\": x\n    ok: \"bad value\"\n    example.com/fine: yes-fine\n  annotations:\n    \"-x\": \"1\"\n    Example.COM/Upper: \"fine: lowercased first\"\n";
    assert_eq!(
        errors(text),
        [
            // ValidateNodeName = NameIsDNSSubdomain
            format!("4:9: metadata.name: Invalid value: \"Node_1\": {DNS_SUBDOMAIN}"),
            // ValidateNonnegativeField(meta.GetGeneration(), ...)
            "5:15: metadata.generation: Invalid value: -1: must be greater than or equal to 0"
                .to_string(),
            // ValidateLabels: at the map's path, the key then the value;
            // located at the key, and at the value
            format!("7:5: metadata.labels: Invalid value: \"a b\": {NAME_PART}"),
            format!("8:9: metadata.labels: Invalid value: \"bad value\": {LABEL_VALUE}"),
            // ValidateAnnotations: IsQualifiedName(strings.ToLower(k))
            format!("11:5: metadata.annotations: Invalid value: \"-x\": {NAME_PART}"),
        ]
    );
}

#[test]
fn annotations_together_at_most_256_kib() {
    let big = "x".repeat(256 * 1024);
    let text = node("n1", &format!("  annotations:\n    a: {big}\n"));
    assert_eq!(
        errors(&text),
        ["6:5: metadata.annotations: Too long: must have at most 262144 bytes"]
    );
}

#[test]
fn quantities_are_not_negative_and_integer_resources_whole() {
    // ValidateNodeResources: ValidateResourceQuantityValue(k, v,
    // field.NewPath("status", "capacity", string(k))); pods and extended
    // resources are integer resources (helper.IsIntegerResourceName)
    let text = node(
        "n1",
        "status:\n  capacity: {cpu: \"-1\", example.com/gpu: \"0.5\", memory: 1Gi, pods: 1500m}\n  allocatable:\n    hugepages-2Mi: -2Mi\n",
    );
    assert_eq!(
        errors(&text),
        [
            "6:19: status.capacity.cpu: Invalid value: \"-1\": must be greater than or equal to 0",
            "6:42: status.capacity.example.com/gpu: Invalid value: \"500m\": must be an integer",
            "6:68: status.capacity.pods: Invalid value: \"1500m\": must be an integer",
            "8:20: status.allocatable.hugepages-2Mi: Invalid value: \"-2Mi\": must be greater than or equal to 0",
        ]
    );
}

#[test]
fn a_node_the_server_cannot_decode_is_not_validated() {
    // a decode error is returned before validation runs
    let text = node("Bad_Name", "status:\n  capacity: {cpu: 4x}\n");
    let got = errors(&text);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].starts_with(
            "6:19: Node in version \"v1\" cannot be handled as a Node: quantities must match"
        ),
        "{got:?}"
    );
}

#[test]
fn each_message_once_per_node_and_every_node_checked() {
    let text = format!(
        "{}\n---\n{}",
        node("n1", "  labels: {a: \"x y\", b: \"x y\"}\n"),
        node("n2", "spec:\n  taints: [{key: a, effect: Evict}]\n")
    );
    let got = errors(&text);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(
        got[0].starts_with("5:15: metadata.labels: Invalid value: \"x y\""),
        "{got:?}"
    );
    assert!(
        got[1].starts_with("13:29: metadata.taints[0].effect: Unsupported value: \"Evict\""),
        "{got:?}"
    );
}

#[test]
fn a_refused_node_of_a_json_list_is_located_too() {
    // the nodes of a JSON list are read straight from the text; one that
    // does not validate is read again the exact way, and located
    let list = r#"{"apiVersion": "v1", "kind": "List", "items": [
{"apiVersion": "v1", "kind": "Node", "metadata": {"name": "ok"}},
{"apiVersion": "v1", "kind": "Node", "metadata": {"name": "bad"}, "spec": {"taints": [{"key": "a", "effect": "Bogus"}]}},
{"apiVersion": "v1", "kind": "Node", "metadata": {"name": "ok2", "labels": {"a": "b"}}}
]}"#;
    let objects = input::parse(&[Source::new(None, list)]);
    let names: Vec<&str> = objects.nodes.iter().map(|n| n.object.name()).collect();
    assert_eq!(names, ["ok", "bad", "ok2"]);
    let got: Vec<String> = objects
        .errors
        .iter()
        .map(|d| format!("{:?}:{:?}: {}", d.line, d.column, d.message()))
        .collect();
    assert_eq!(
        got,
        ["Some(3):Some(110): metadata.taints[0].effect: Unsupported value: \"Bogus\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""]
    );
}

#[test]
fn real_dumps_stay_free_of_errors() {
    let mut files = vec![root().join("tests/data/kubectl/nodes.json")];
    for e in std::fs::read_dir(root().join("tests/data/real/nodes")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "json" || x == "yaml") {
            files.push(p);
        }
    }
    assert!(files.len() > 3, "{files:?}");
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let objects = input::parse(&[Source::new(None, &text)]);
        let msgs: Vec<String> = objects.errors.iter().map(|d| d.message()).collect();
        assert_eq!(msgs, Vec::<String>::new(), "{}", f.display());
        assert!(!objects.nodes.is_empty(), "{}", f.display());
    }
}

#[test]
fn hostile_nodes_finish_quickly_with_errors() {
    // 100,000 taints of one key and effect: 99,999 duplicates, counted
    // past the cap, not located one by one
    let mut text = node("n1", "spec:\n  taints:\n");
    for _ in 0..100_000 {
        text.push_str("  - {key: a, effect: NoSchedule}\n");
    }
    let start = Instant::now();
    let objects = input::parse(&[Source::new(None, &text)]);
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    let last = objects.errors.last().unwrap().message();
    assert!(last.contains("and 98,999 more"), "{last}");
    assert!(objects.errors[0]
        .message()
        .starts_with("metadata.taints[1]: Duplicate value: "));
    // a 1 MB label value and a 1 MB label key (JSON: YAML takes no key
    // over 1,024 characters)
    let big = "v".repeat(1 << 20);
    let text = format!(
        "{{\"apiVersion\": \"v1\", \"kind\": \"Node\", \"metadata\": {{\"name\": \"n1\",\n\"labels\": {{\"a\": \"{big}\",\n\"{big}\": \"b\"}}}}}}"
    );
    let start = Instant::now();
    let got = errors(&text);
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    // the labels in key order: "a" (its value), then the long key; Go's
    // IsValidLabelValue and IsQualifiedName, the length only (the text
    // matches the patterns)
    assert_eq!(got.len(), 2);
    let quoted = format!("\"{big}\"");
    assert_eq!(
        got[0],
        format!("2:17: metadata.labels: Invalid value: {quoted}: must be no more than 63 bytes")
    );
    assert_eq!(
        got[1],
        format!("3:1: metadata.labels: Invalid value: {quoted}: name part must be no more than 63 bytes")
    );
}

#[test]
fn the_cli_exits_2_with_the_error_at_its_line_and_column() {
    let dir = std::env::temp_dir().join(format!("nodeval-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("in.yaml");
    let text = "apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: default}
spec:
  selector: {matchLabels: {app: a}}
  template:
    metadata: {labels: {app: a}}
    spec:
      containers:
      - name: a
        image: x
---
apiVersion: v1
kind: Node
metadata: {name: n1}
spec: {taints: [{key: a, effect: Bogus}]}
";
    std::fs::write(&file, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_daemonset-sim"))
        .arg("check")
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let want = format!(
        "{}:16:34: metadata.taints[0].effect: Unsupported value: \"Bogus\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"",
        file.display()
    );
    assert!(stderr.contains(&want), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}
