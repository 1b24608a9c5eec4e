//! Strict decoding, case by case, with the API server's texts
//! (docs/dev/k8s-input-rules.md, sections a and b).

use super::*;
use crate::input::limits::Limits;
use crate::input::yaml;

const DS: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata: {name: x}
spec:
  selector: {matchLabels: {app: x}}
  template:
    metadata: {labels: {app: x}}
    spec:
      containers: [{name: c, image: i}]
";

/// The problems of the first document of `text`, checked as a DaemonSet.
fn problems(text: &str) -> Vec<(String, String, Option<&'static str>)> {
    let (docs, err) = yaml::read(text, &Limits::default());
    assert_eq!(err, None);
    let d = &docs[0];
    let root = d.tree.node(text, d.root);
    let ty = schema::root("apps/v1", "DaemonSet").unwrap();
    check(root, ty)
        .problems
        .into_iter()
        .map(|p| (p.path, p.text, p.hint))
        .collect()
}

/// A DaemonSet with `extra` lines added under the pod spec (indented 6).
fn with_pod_spec(extra: &str) -> String {
    let lines: String = extra.lines().map(|l| format!("      {l}\n")).collect();
    format!("{DS}{lines}")
}

#[test]
fn a_valid_daemon_set_has_no_problem() {
    assert!(problems(DS).is_empty());
}

#[test]
fn unknown_fields_with_paths_indexes_and_hints() {
    let text = with_pod_spec("nodeselector: {disk: ssd}\ntolerations:\n- {key: a, operator: Exists}\n- {key: b, operater: Exists}");
    let p = problems(&text);
    assert_eq!(
        p,
        vec![
            (
                "spec.template.spec.nodeselector".into(),
                "unknown field \"spec.template.spec.nodeselector\"".into(),
                Some("nodeSelector")
            ),
            (
                "spec.template.spec.tolerations[1].operater".into(),
                "unknown field \"spec.template.spec.tolerations[1].operater\"".into(),
                Some("operator")
            ),
        ]
    );
    let p = problems(&DS.replace("metadata: {name: x}", "metadata: {name: x, lables: {a: b}}"));
    assert_eq!(p[0].1, "unknown field \"metadata.lables\"");
    assert_eq!(p[0].2, Some("labels"));
}

#[test]
fn type_errors_as_go_words_them() {
    let cases = [
        (
            "nodeSelector: {gpu: true}",
            "json: cannot unmarshal bool into Go struct field PodSpec.spec.template.spec.nodeSelector of type string",
        ),
        (
            "nodeSelector: {disk: yes}",
            "json: cannot unmarshal bool into Go struct field PodSpec.spec.template.spec.nodeSelector of type string",
        ),
        (
            "tolerations: [{key: a, value: 1}]",
            "json: cannot unmarshal number into Go struct field Toleration.spec.template.spec.tolerations.value of type string",
        ),
        (
            "tolerations: [{effect: true}]",
            "json: cannot unmarshal bool into Go struct field Toleration.spec.template.spec.tolerations.effect of type v1.TaintEffect",
        ),
        (
            "tolerations: true",
            "json: cannot unmarshal bool into Go struct field PodSpec.spec.template.spec.tolerations of type []v1.Toleration",
        ),
        (
            "tolerations: [true]",
            "json: cannot unmarshal bool into Go struct field PodSpec.spec.template.spec.tolerations of type v1.Toleration",
        ),
        (
            "tolerations: {a: 1}",
            "json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.tolerations of type []v1.Toleration",
        ),
        (
            "terminationGracePeriodSeconds: 1.5",
            "json: cannot unmarshal number 1.5 into Go struct field PodSpec.spec.template.spec.terminationGracePeriodSeconds of type int64",
        ),
        (
            "volumes: [{name: v, hostPath: true}]",
            "json: cannot unmarshal bool into Go struct field Volume.spec.template.spec.volumes.VolumeSource.hostPath of type v1.HostPathVolumeSource",
        ),
    ];
    for (extra, want) in cases {
        let p = problems(&with_pod_spec(extra));
        assert_eq!(p.len(), 1, "{extra}: {p:?}");
        assert_eq!(p[0].1, want, "{extra}");
    }
    let p = problems(&DS.replace(
        "spec:\n  selector",
        "spec:\n  minReadySeconds: 3000000000\n  selector",
    ));
    assert_eq!(
        p[0].1,
        "json: cannot unmarshal number 3000000000 into Go struct field DaemonSetSpec.spec.minReadySeconds of type int32"
    );
}

#[test]
fn custom_unmarshalers_win_and_stop_decoding() {
    // a type error earlier in key order, then a bad quantity: the quantity wins
    let text = with_pod_spec(
        "affinity: true\ncontainers: [{name: c, image: i, resources: {requests: {cpu: true}}}]",
    );
    let text = text.replace("      containers: [{name: c, image: i}]\n", "");
    let p = problems(&text);
    assert_eq!(p.len(), 1);
    assert_eq!(
        p[0].1,
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    );
    let text = DS.replace(
        "spec:\n  selector",
        "spec:\n  updateStrategy: {rollingUpdate: {maxUnavailable: true}}\n  selector",
    );
    assert_eq!(
        problems(&text)[0].1,
        "json: cannot unmarshal bool into Go struct field RollingUpdateDaemonSet.spec.updateStrategy.rollingUpdate.maxUnavailable of type int32"
    );
    // a type error hides the unknown fields
    let p = problems(&with_pod_spec("nodeselector: {a: b}\nhostNetwork: 1"));
    assert_eq!(p.len(), 1);
    assert!(p[0].1.contains("hostNetwork of type bool"), "{p:?}");
    // numbers are quantities; nulls are nothing
    assert!(problems(&with_pod_spec(
        "overhead: {cpu: 0.5, memory: 128}\nnodeName: null"
    ))
    .is_empty());
}

#[test]
fn times_as_go_parses_them() {
    assert_eq!(rfc3339_error("2024-01-02T03:04:05Z"), None);
    assert_eq!(rfc3339_error("2024-01-02T03:04:05.123+02:00"), None);
    assert_eq!(
        rfc3339_error("yesterday").as_deref(),
        Some("parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"yesterday\" as \"2006\"")
    );
    assert_eq!(
        rfc3339_error("2024-13-01T00:00:00Z").as_deref(),
        Some("parsing time \"2024-13-01T00:00:00Z\": month out of range")
    );
    assert_eq!(
        rfc3339_error("2023-02-29T00:00:00Z").as_deref(),
        Some("parsing time \"2023-02-29T00:00:00Z\": day out of range")
    );
    assert_eq!(
        rfc3339_error("2024-01-02").as_deref(),
        Some("parsing time \"2024-01-02\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"T\"")
    );
}

#[test]
fn every_field_of_the_real_manifests_is_known() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/real");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if !p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap();
        let (docs, err) = yaml::read(&text, &Limits::default());
        assert_eq!(err, None, "{}", p.display());
        for d in &docs {
            let root = d.tree.node(&text, d.root);
            let (Some(av), Some(kind)) = (
                root.get("apiVersion").and_then(|v| v.as_str()),
                root.get("kind").and_then(|v| v.as_str()),
            ) else {
                continue;
            };
            if let Some(ty) = schema::root(av, kind) {
                let c = check(root, ty);
                assert!(
                    c.problems.is_empty(),
                    "{}: {kind}: {:?}",
                    p.display(),
                    c.problems
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 20, "{checked}");
}

#[test]
fn problems_come_in_the_decoders_order_not_the_texts() {
    // a valid object is walked once, as written; one with a problem is
    // walked again with its keys in byte order, as the API server decodes
    // kubectl's json.Marshal of it: the first type error by key order wins
    let text = with_pod_spec("terminationGracePeriodSeconds: x\nactiveDeadlineSeconds: y");
    let p = problems(&text);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].0, "spec.template.spec.activeDeadlineSeconds");
    // unknown fields listed by key order, whatever order they are written in
    let text = with_pod_spec("zzz: 1\nhostnetwork: true\naaa: 1");
    let paths: Vec<String> = problems(&text).into_iter().map(|p| p.0).collect();
    assert_eq!(
        paths,
        [
            "spec.template.spec.aaa",
            "spec.template.spec.hostnetwork",
            "spec.template.spec.zzz"
        ]
    );
}
