//! The wasm boundary (src/wasm.rs) in headless Chromium:
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test wasm`
//! (scripts/test.sh does it). The six examples of the page, errors with
//! positions, the Simulator, bad input (never anything but an `Error`), and a sample of the placement
//! conformance corpus (tests/wasm-sample/, made by
//! scripts/make-wasm-sample.mjs) with the same comparisons as the native
//! tests/conformance_placement.rs.
#![cfg(target_arch = "wasm32")]

use daemonset_sim::wasm::{self, Simulator};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

#[path = "it/common/placement.rs"]
mod placement;
use placement::{case_text, compare};

wasm_bindgen_test_configure!(run_in_browser);

// ------------------------------------------------------------------ helpers

const EXAMPLES: [(&str, &str, &str); 6] = [
    (
        "my-daemonset",
        include_str!("../web/examples/my-daemonset.daemonset.yaml"),
        include_str!("../web/examples/my-daemonset.nodes.yaml"),
    ),
    (
        "ssd-monitor",
        include_str!("../web/examples/ssd-monitor.daemonset.yaml"),
        include_str!("../web/examples/ssd-monitor.nodes.yaml"),
    ),
    (
        "worker-affinity",
        include_str!("../web/examples/worker-affinity.daemonset.yaml"),
        include_str!("../web/examples/worker-affinity.nodes.yaml"),
    ),
    (
        "node-agent",
        include_str!("../web/examples/node-agent.daemonset.yaml"),
        include_str!("../web/examples/node-agent.nodes.yaml"),
    ),
    (
        "fluentd",
        include_str!("../web/examples/fluentd.daemonset.yaml"),
        include_str!("../web/examples/fluentd.nodes.yaml"),
    ),
    (
        "node-exporter",
        include_str!("../web/examples/node-exporter.daemonset.yaml"),
        include_str!("../web/examples/node-exporter.nodes.yaml"),
    ),
];

fn example(id: &str) -> (&'static str, &'static str) {
    let (_, ds, nodes) = EXAMPLES.iter().find(|e| e.0 == id).unwrap();
    (ds, nodes)
}

/// The DaemonSet and the nodes as one text, the way `check` takes them.
fn together(ds: &str, nodes: &str) -> String {
    format!("{ds}\n---\n{nodes}")
}

/// Asserts that a value is made of plain objects, arrays and JSON
/// primitives (no `Map`, no `undefined`, no `BigInt`), then reads it.
fn plain_json(v: &JsValue) -> Value {
    fn walk(v: &JsValue, path: &str) {
        if v.is_undefined() {
            panic!("{path} is undefined");
        }
        if v.is_null() || v.as_bool().is_some() || v.as_f64().is_some() || v.is_string() {
            return;
        }
        if js_sys::Array::is_array(v) {
            let a: &js_sys::Array = v.unchecked_ref();
            for (i, item) in a.iter().enumerate() {
                walk(&item, &format!("{path}[{i}]"));
            }
            return;
        }
        assert!(v.is_object(), "{path} is neither JSON nor an object: {v:?}");
        let o: &js_sys::Object = v.unchecked_ref();
        assert_eq!(
            JsValue::from(js_sys::Object::get_prototype_of(v)),
            JsValue::from(js_sys::Object::get_prototype_of(&js_sys::Object::new())),
            "{path} is not a plain object"
        );
        for entry in js_sys::Object::entries(o).iter() {
            let pair: js_sys::Array = entry.unchecked_into();
            let key = pair.get(0).as_string().unwrap();
            walk(&pair.get(1), &format!("{path}.{key}"));
        }
    }
    walk(v, "result");
    let text = String::from(js_sys::JSON::stringify(v).unwrap());
    serde_json::from_str(&text).unwrap()
}

fn check_ok(text: &str) -> Value {
    match wasm::check(JsValue::from_str(text)) {
        Ok(v) => plain_json(&v),
        Err(e) => panic!("check threw {}", error_json(&e)),
    }
}

/// A thrown value must be an `Error` with the diagnostic's properties.
fn error_json(e: &JsValue) -> Value {
    assert!(
        e.is_instance_of::<js_sys::Error>(),
        "threw a non-Error: {e:?}"
    );
    let get = |k: &str| js_sys::Reflect::get(e, &JsValue::from_str(k)).unwrap();
    let mut out = serde_json::Map::new();
    for k in [
        "message", "field", "type", "detail", "line", "column", "source",
    ] {
        let v = get(k);
        assert!(!v.is_undefined(), "thrown Error has no `{k}`");
        out.insert(k.into(), plain_json(&v));
    }
    let err: &js_sys::Error = e.unchecked_ref();
    assert_eq!(Value::from(String::from(err.message())), out["message"]);
    Value::Object(out)
}

fn check_err(text: &str) -> Value {
    match wasm::check(JsValue::from_str(text)) {
        Ok(v) => panic!("check did not throw: {}", plain_json(&v)),
        Err(e) => error_json(&e),
    }
}

#[wasm_bindgen_test]
fn thrown_errors_carry_the_tools_own_words() {
    // no DaemonSet: a message of the tool's own, with its code for the page
    let e = wasm::check(JsValue::from_str("nodes: [{name: w}]\n")).unwrap_err();
    let get = |k: &str| plain_json(&js_sys::Reflect::get(&e, &JsValue::from_str(k)).unwrap());
    assert_eq!(get("type"), "No DaemonSet");
    assert_eq!(get("words"), json!({"code": "noDaemonSet", "args": {}}));
    // a syntax error is the parser's words, as kubectl shows them: none
    let e = wasm::check(JsValue::from_str("kind: DaemonSet\nmetadata: [\n")).unwrap_err();
    let words = js_sys::Reflect::get(&e, &JsValue::from_str("words")).unwrap();
    assert!(words.is_undefined());
}

fn node<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["name"] == name)
        .unwrap_or_else(|| panic!("no node {name} in the report"))
}

fn states(report: &Value) -> Vec<(String, String)> {
    report["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["name"].as_str().unwrap().to_string(),
                n["state"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// Drops every diagnostic's `source` (the Simulator names its two texts;
/// `check` has one unnamed text).
fn without_sources(mut v: Value) -> Value {
    for key in ["errors", "warnings"] {
        if let Some(list) = v[key].as_array_mut() {
            for d in list {
                d.as_object_mut().unwrap().remove("source");
            }
        }
    }
    v
}

fn set_cluster(sim: &mut Simulator, text: &str) -> Value {
    match sim.set_cluster(JsValue::from_str(text), None) {
        Ok(v) => plain_json(&v),
        Err(e) => panic!("setCluster threw {e:?}"),
    }
}

fn evaluate(sim: &mut Simulator, text: &str) -> Result<Value, Value> {
    sim.evaluate(JsValue::from_str(text))
        .map(|v| plain_json(&v))
        .map_err(|e| error_json(&e))
}

// ----------------------------------------------------------------- examples

#[wasm_bindgen_test]
fn my_daemonset_control_plane_keeps_existing_and_worker_3_lacks_cpu() {
    let (ds, nodes) = example("my-daemonset");
    let r = check_ok(&together(ds, nodes));
    assert_eq!(r["errors"], json!([]));
    assert_eq!(
        states(&r),
        pairs(&[
            ("control-plane", "keeps-existing"),
            ("worker-1", "scheduled"),
            ("worker-2", "scheduled"),
            ("worker-3", "pending"),
        ])
    );
    let cp = node(&r, "control-plane");
    assert_eq!(cp["exclusion"]["rule"], "noScheduleTaint");
    assert_eq!(cp["taints"][0]["outcome"], "blocksNewPods");
    assert_eq!(cp["schedulerFits"], Value::Null);
    let w3 = node(&r, "worker-3");
    assert_eq!(w3["schedulerReasons"], json!(["Insufficient cpu"]));
    assert_eq!(w3["schedulerFailedPlugins"], json!(["NodeResourcesFit"]));
    assert_eq!(
        w3["insufficient"],
        json!([{"resource": "cpu", "reason": "Insufficient cpu", "requested": 250, "used": 1900, "capacity": 2000}])
    );
    assert_eq!(w3["fixes"][0]["kind"], "lowerRequest");
    assert_eq!(w3["fixes"][0]["free"], "100m");
    assert!(
        w3["message"]
            .as_str()
            .unwrap()
            .starts_with("0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity]."),
        "{}",
        w3["message"]
    );
    assert_eq!(
        r["daemonSet"],
        json!({"namespace": "default", "name": "my-daemonset"})
    );
    assert_eq!(r["status"]["desiredNumberScheduled"], 3);
    assert_eq!(r["status"]["numberAvailable"], 2);
    assert_eq!(r["status"]["basis"], "projected");
    assert_eq!(
        r["counts"],
        json!({"scheduled": 2, "pending": 1, "excluded": 0, "keepsExisting": 1, "failedCreate": 0})
    );
    assert_eq!(r["controllerMaxUnavailable"], 1);
    assert_eq!(r["daemonPodRequests"]["cpuMilli"], 250);
    assert_eq!(r["daemonPodRequests"]["memory"], 128 << 20);
}

#[wasm_bindgen_test]
fn ssd_monitor_node_selector_is_case_sensitive() {
    let (ds, nodes) = example("ssd-monitor");
    let r = check_ok(&together(ds, nodes));
    assert_eq!(
        states(&r),
        pairs(&[
            ("ssd-node-1", "scheduled"),
            ("ssd-node-2", "scheduled"),
            ("hdd-node-1", "excluded"),
            ("hdd-node-2", "excluded"),
            ("new-node", "excluded"),
        ])
    );
    let n = node(&r, "new-node");
    assert_eq!(n["exclusion"]["rule"], "nodeAffinity");
    assert_eq!(
        n["exclusion"]["check"]["nodeSelectorMismatches"],
        json!([{"key": "disk-type", "want": "ssd", "have": "SSD"}])
    );
    assert_eq!(n["fixes"][0]["kind"], "labelNode");
    assert_eq!(r["nodeSelector"], "disk-type=ssd");
    assert_eq!(r["desiredNumberScheduled"], 2);
}

#[wasm_bindgen_test]
fn worker_affinity_excludes_nodes_without_the_worker_label() {
    let (ds, nodes) = example("worker-affinity");
    let r = check_ok(&together(ds, nodes));
    assert_eq!(
        states(&r),
        pairs(&[
            ("control-plane", "excluded"),
            ("worker-1", "scheduled"),
            ("worker-2", "scheduled"),
            ("worker-3", "excluded"),
        ])
    );
    let w3 = node(&r, "worker-3");
    assert_eq!(w3["exclusion"]["rule"], "nodeAffinity");
    assert_eq!(w3["affinity"]["matches"], false);
    assert_eq!(w3["affinity"]["matchingTerm"], -1);
    assert_eq!(node(&r, "worker-1")["affinity"]["matchingTerm"], 0);
}

#[wasm_bindgen_test]
fn node_agent_tolerates_every_taint() {
    let (ds, nodes) = example("node-agent");
    let r = check_ok(&together(ds, nodes));
    assert!(
        states(&r).iter().all(|(_, s)| s == "scheduled"),
        "{:?}",
        states(&r)
    );
    assert_eq!(r["nodes"].as_array().unwrap().len(), 5);
    assert_eq!(r["status"]["desiredNumberScheduled"], 5);
    let gpu = node(&r, "gpu-node");
    assert_eq!(gpu["taints"][0]["text"], "dedicated=gpu:NoExecute");
    assert_eq!(gpu["taints"][0]["outcome"], "tolerated");
    assert_eq!(gpu["taints"][0]["toleration"]["operator"], "Exists");
    let cordoned = node(&r, "worker-3");
    assert_eq!(cordoned["unschedulable"], true);
    assert_eq!(node(&r, "worker-2")["ready"], false);
}

#[wasm_bindgen_test]
fn fluentd_not_ready_worker_keeps_its_pod_and_gpu_node_is_excluded() {
    let (ds, nodes) = example("fluentd");
    let r = check_ok(&together(ds, nodes));
    assert_eq!(
        states(&r),
        pairs(&[
            ("cp-1", "scheduled"),
            ("worker-1", "scheduled"),
            ("worker-2", "keeps-existing"),
            ("gpu-1", "excluded"),
        ])
    );
    assert_eq!(r["daemonSet"]["namespace"], "kube-system");
    // memory pressure: tolerated by a toleration the controller adds itself
    let w1 = &node(&r, "worker-1")["taints"][0];
    assert_eq!(w1["outcome"], "tolerated");
    assert_eq!(w1["autoToleration"], true);
    let w2 = node(&r, "worker-2");
    assert_eq!(w2["exclusion"]["rule"], "noScheduleTaint");
    assert_eq!(
        w2["exclusion"]["taint"]["key"],
        "node.kubernetes.io/not-ready"
    );
    let gpu = node(&r, "gpu-1");
    assert_eq!(
        gpu["exclusion"],
        json!({"rule": "noExecuteTaint", "taint": {"key": "dedicated", "value": "gpu", "effect": "NoExecute"}})
    );
    assert_eq!(gpu["allocatable"]["scalar"]["nvidia.com/gpu"], 4);
    let kinds: Vec<&Value> = gpu["fixes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["kind"])
        .collect();
    assert_eq!(kinds, [&json!("addToleration"), &json!("removeTaint")]);
}

#[wasm_bindgen_test]
fn node_exporter_host_port_is_taken_on_worker_2() {
    let (ds, nodes) = example("node-exporter");
    let r = check_ok(&together(ds, nodes));
    assert_eq!(
        states(&r),
        pairs(&[
            ("worker-1", "scheduled"),
            ("worker-2", "pending"),
            ("worker-3", "scheduled"),
            ("control-plane", "keeps-existing"),
        ])
    );
    let w2 = node(&r, "worker-2");
    assert_eq!(w2["schedulerFailedPlugins"], json!(["NodePorts"]));
    assert_eq!(
        w2["portConflicts"],
        json!([{"port": {"ip": "0.0.0.0", "protocol": "TCP", "port": 9100}, "usedBy": "legacy-exporter-worker-2"}])
    );
    assert_eq!(w2["fixes"][0]["kind"], "freeHostPort");
    assert_eq!(w2["used"]["milliCpu"], 50);
    // hostNetwork pods tolerate network-unavailable by themselves
    let w3 = &node(&r, "worker-3")["taints"][0];
    assert_eq!(w3["taint"]["key"], "node.kubernetes.io/network-unavailable");
    assert_eq!(w3["autoToleration"], true);
    assert!(r["autoTolerations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["key"] == "node.kubernetes.io/network-unavailable"));
}

#[wasm_bindgen_test]
fn simulator_gives_the_same_reports_as_check_for_every_example() {
    for (id, ds, nodes) in EXAMPLES {
        let mut sim = Simulator::new();
        let summary = set_cluster(&mut sim, nodes);
        assert_eq!(summary["errors"], json!([]), "{id}");
        let want = check_ok(&together(ds, nodes));
        assert_eq!(
            summary["nodes"],
            want["nodes"].as_array().unwrap().len(),
            "{id}"
        );
        let got = evaluate(&mut sim, ds).unwrap();
        assert_eq!(without_sources(got), without_sources(want), "{id}");
    }
}

// ------------------------------------------------------- errors, positions

const BAD_EFFECT: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: x
spec:
  selector:
    matchLabels: {a: b}
  template:
    metadata:
      labels: {a: b}
    spec:
      tolerations:
      - key: k
        operator: Exists
        effect: Evict
      containers:
      - name: c
        image: i
";

#[wasm_bindgen_test]
fn validation_errors_have_field_line_and_column() {
    let r = check_ok(BAD_EFFECT);
    let want = json!({
        "field": "spec.template.spec.tolerations[0].effect",
        "type": "Unsupported value",
        "detail": "\"Evict\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"",
        "message": "spec.template.spec.tolerations[0].effect: Unsupported value: \"Evict\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"",
        "line": 15,
        "column": 17,
    });
    assert_eq!(r["errors"], json!([want]));
    // the same through the Simulator: positions refer to the DaemonSet text
    let mut sim = Simulator::new();
    set_cluster(&mut sim, example("my-daemonset").1);
    let r = evaluate(&mut sim, BAD_EFFECT).unwrap();
    let mut want = want;
    want["source"] = json!("daemonset");
    assert_eq!(r["errors"], json!([want]));
    assert_eq!(r["nodes"].as_array().unwrap().len(), 4);
}

#[wasm_bindgen_test]
fn unreadable_input_throws_an_error_with_a_position() {
    let e = check_err("kind: DaemonSet\nmetadata:\n  name: [a\n");
    assert_eq!(e["type"], "Syntax error");
    assert_eq!(e["field"], Value::Null);
    assert_eq!(e["source"], Value::Null);
    let (line, column) = (e["line"].as_u64().unwrap(), e["column"].as_u64().unwrap());
    assert!(line >= 3, "{e}");
    assert!(e["message"]
        .as_str()
        .unwrap()
        .starts_with(&format!("{line}:{column}: Syntax error: ")));

    let e = check_err("{\"kind\": \"DaemonSet\", \"spec\": ");
    assert_eq!(e["type"], "Syntax error");
    assert_eq!(e["line"], 1);

    // a type error is the API server's refusal of the DaemonSet: in the
    // report, at the field path of the bad value
    let r = check_ok("apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        ports:\n        - containerPort: http\n");
    let e = &r["errors"][0];
    assert_eq!(
        e["field"],
        "spec.template.spec.containers[0].ports[0].containerPort"
    );
    assert_eq!(e["type"], "Decode error");
    assert_eq!(
        e["message"],
        "DaemonSet in version \"v1\" cannot be handled as a DaemonSet: json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32"
    );
    assert_eq!(e["line"], 9);
}

#[wasm_bindgen_test]
fn no_daemonset_throws() {
    for text in [
        "",
        "   \n",
        "# only a comment\n",
        "---\n---\n",
        example("fluentd").1,
    ] {
        let e = check_err(text);
        assert_eq!(e["type"], "No DaemonSet", "{text:?}: {e}");
        assert_eq!(e["line"], Value::Null);
    }
    let mut sim = Simulator::new();
    set_cluster(&mut sim, example("fluentd").1);
    let e = evaluate(&mut sim, example("fluentd").1).unwrap_err();
    assert_eq!(e["type"], "No DaemonSet");
}

#[wasm_bindgen_test]
fn garbage_and_binary_text_never_throw_anything_but_an_error() {
    let (ds, nodes) = example("node-exporter");
    let full = together(ds, nodes);
    let mut inputs: Vec<String> = vec![
        "\u{0}\u{1}\u{2}\u{7f}\u{fffd}\u{feff}".into(),
        "\u{feff}kind: DaemonSet\n".into(),
        "{{{{{{{{".into(),
        "[[[[[[[[[[".repeat(200),
        "- - - - -\n  - ]\n".into(),
        "kind: DaemonSet\n\tmetadata: x\n".into(),
        "&a [*a, *a]".into(),
        "kind: DaemonSet\nspec: {template: {spec: {containers: [{resources: {requests: {cpu: 1e400, memory: -1}}}]}}}\n".into(),
        "kind: DaemonSet\nspec:\n  updateStrategy: {rollingUpdate: {maxUnavailable: 99999999999999999999%}}\n".into(),
        "nodes:\n- name: a\n  count: 4294967295\n".into(),
        "\"just a string\"".into(),
        "42".into(),
        "null".into(),
        "[]".into(),
        "{}".into(),
        full.replace(' ', "\t"),
        full.replace(':', ""),
        full.chars().rev().collect(),
        (0..=255u8).map(char::from).collect(),
    ];
    // every prefix of a real example (cut anywhere, also inside a token)
    let cuts: Vec<usize> = (0..full.len())
        .step_by(7)
        .filter(|i| full.is_char_boundary(*i))
        .collect();
    inputs.extend(cuts.iter().map(|&i| full[..i].to_string()));
    let mut sim = Simulator::new();
    for text in &inputs {
        match wasm::check(JsValue::from_str(text)) {
            Ok(v) => {
                plain_json(&v);
            }
            Err(e) => {
                error_json(&e);
            }
        }
        // setCluster never throws
        let s = set_cluster(&mut sim, text);
        assert!(s["errors"].is_array() && s["warnings"].is_array());
        if let Err(e) = sim.evaluate(JsValue::from_str(text)) {
            error_json(&e);
        }
    }
}

#[wasm_bindgen_test]
fn non_strings_throw_an_error_and_set_cluster_reports_them() {
    for v in [
        JsValue::UNDEFINED,
        JsValue::NULL,
        JsValue::from_f64(5.0),
        js_sys::Object::new().into(),
    ] {
        let e = error_json(&wasm::check(v.clone()).unwrap_err());
        assert_eq!(e["type"], "Invalid input");
        let mut sim = Simulator::new();
        let s = plain_json(&sim.set_cluster(v.clone(), None).unwrap());
        assert_eq!(s["nodes"], 0);
        assert_eq!(s["errors"][0]["type"], "Invalid input");
        let e = error_json(&sim.evaluate(v).unwrap_err());
        assert_eq!(e["type"], "Invalid input");
    }
}

/// Texts cross from JavaScript by `TextEncoder.encodeInto` into wasm
/// memory (src/wasm/text.rs): long ones, non-ASCII ones that need a second
/// pass, a lone surrogate (U+FFFD, as `TextEncoder` writes it), an empty
/// one. The summary is the one the session gives for the same text read
/// in Rust: positions after the non-ASCII lines are where they should be.
#[wasm_bindgen_test]
fn long_and_non_ascii_texts_cross_intact() {
    let lines = |n: usize, s: &str| (0..n).map(|i| format!("# {i} {s}\n")).collect::<String>();
    let nodes = node_list(40);
    let yaml = serde_yaml::to_string(&serde_json::from_str::<Value>(&nodes).unwrap()).unwrap();
    let cases = [
        String::new(),
        format!(
            "{}{yaml}",
            lines(40_000, "ascii only, and long enough to pass a mebibyte")
        ),
        format!("{}{yaml}", lines(30_000, "節點 ノード 🚀 é")),
        format!("{yaml}{}\t  bad: [", lines(20_000, "中文 🚀")),
        format!("{}{}", lines(3, "é"), &nodes[..nodes.len() / 2]),
    ];
    for text in &cases {
        let want = serde_json::to_value(daemonset_sim::Session::new().set_cluster(text)).unwrap();
        let got = set_cluster(&mut Simulator::new(), text);
        assert_eq!(got, want, "{} bytes", text.len());
        assert!(
            got["nodes"] == 40 || !got["errors"].as_array().unwrap().is_empty() || text.is_empty()
        );
    }
    // a lone surrogate in a comment reads as U+FFFD
    let lone = js_sys::JsString::from_char_code1(0xD800);
    let head = JsValue::from_str(&format!("{}# a comment: ", lines(2, "x")));
    let js = js_sys::JsString::from(head)
        .concat(&lone)
        .concat(&JsValue::from_str(&format!("\n{yaml}")));
    let got = plain_json(&Simulator::new().set_cluster(js.into(), None).unwrap());
    let text = format!("{}# a comment: \u{FFFD}\n{yaml}", lines(2, "x"));
    let want = serde_json::to_value(daemonset_sim::Session::new().set_cluster(&text)).unwrap();
    assert_eq!(got, want);
    assert_eq!(got["nodes"], 40);
}

// ------------------------------------------------------ setCluster's progress

/// A `kubectl get nodes -o json`-like list of `n` nodes.
fn node_list(n: usize) -> String {
    let items: Vec<Value> = (0..n)
        .map(|i| json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": format!("n{i}"), "labels": {"zone": format!("z{}", i % 3)}}, "status": {"allocatable": {"cpu": "4", "memory": "8Gi", "pods": "110"}}}))
        .collect();
    serde_json::to_string_pretty(&json!({"apiVersion": "v1", "kind": "NodeList", "items": items}))
        .unwrap()
}

#[wasm_bindgen_test]
fn set_cluster_reports_progress_in_bytes_and_the_same_summary() {
    let json_text = node_list(300);
    let yaml_text =
        serde_yaml::to_string(&serde_json::from_str::<Value>(&json_text).unwrap()).unwrap();
    let broken = format!("{}  x: [\n", &yaml_text[..yaml_text.len() / 2]);
    for text in [json_text.as_str(), yaml_text.as_str(), broken.as_str(), ""] {
        let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::<(f64, f64)>::new()));
        let into = seen.clone();
        let f = wasm_bindgen::closure::Closure::<dyn FnMut(f64, f64)>::new(move |d, t| {
            into.borrow_mut().push((d, t));
        });
        let mut sim = Simulator::new();
        let func: &js_sys::Function = f.as_ref().unchecked_ref();
        let with = plain_json(
            &sim.set_cluster(JsValue::from_str(text), Some(func.clone()))
                .unwrap(),
        );
        let without = set_cluster(&mut Simulator::new(), text);
        assert_eq!(with, without);
        let seen = seen.borrow();
        let total = text.len().max(1) as f64;
        assert!(seen.iter().all(|&(_, t)| t == total), "{seen:?}");
        assert!(seen.windows(2).all(|w| w[0].0 < w[1].0), "{seen:?}");
        assert_eq!(seen.last(), Some(&(total, total)));
        if text.len() > 10_000 {
            assert!(seen.len() > 20, "{} reports", seen.len());
        }
    }
}

#[wasm_bindgen_test]
fn a_throwing_or_wrong_on_progress_cannot_break_set_cluster() {
    let text = node_list(200);
    let calls = std::rc::Rc::new(std::cell::Cell::new(0));
    let counted = calls.clone();
    // a JavaScript function that counts its calls, then throws
    let count =
        wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || counted.set(counted.get() + 1));
    let throws = js_sys::Function::new_with_args(
        "count",
        "return function () { count(); throw new Error('boom'); }",
    )
    .call1(&JsValue::UNDEFINED, count.as_ref())
    .unwrap();
    let mut sim = Simulator::new();
    let with = plain_json(
        &sim.set_cluster(JsValue::from_str(&text), Some(throws.unchecked_into()))
            .unwrap(),
    );
    assert_eq!(calls.get(), 1, "called again after it threw");
    assert_eq!(with, set_cluster(&mut Simulator::new(), &text));
    assert_eq!(with["nodes"], 200);
    // the Simulator goes on as usual
    assert_eq!(set_cluster(&mut sim, "nodes: [{name: a}]")["nodes"], 1);
    // not a function: thrown before anything is read, the kept cluster stays
    let e = sim
        .set_cluster(
            JsValue::from_str(&text),
            Some(JsValue::from_f64(5.0).unchecked_into()),
        )
        .unwrap_err();
    assert_eq!(error_json(&e)["type"], "Invalid input");
    let report = evaluate(&mut sim, example("my-daemonset").0).unwrap();
    assert_eq!(report["nodes"].as_array().unwrap().len(), 1);
}

// -------------------------------------------------------------- Simulator

#[wasm_bindgen_test]
fn simulator_keeps_the_cluster_across_evaluations() {
    let mut sim = Simulator::new();
    let summary = set_cluster(&mut sim, example("my-daemonset").1);
    assert_eq!(
        summary,
        json!({"nodes": 4, "pods": 1, "errors": [], "warnings": [], "skipped": []})
    );
    // first DaemonSet: worker-3 is full, the control plane tainted
    let r = evaluate(&mut sim, example("my-daemonset").0).unwrap();
    assert_eq!(node(&r, "worker-3")["state"], "pending");
    assert_eq!(node(&r, "control-plane")["state"], "keeps-existing");
    // second one, same cluster: tolerates everything, asks for 50m
    let r = evaluate(&mut sim, example("node-agent").0).unwrap();
    assert_eq!(r["daemonSet"]["name"], "node-agent");
    assert!(
        states(&r).iter().all(|(_, s)| s == "scheduled"),
        "{:?}",
        states(&r)
    );
    assert_eq!(node(&r, "worker-3")["used"]["milliCpu"], 1900);
    // and the first again: nothing was consumed by the evaluations
    let r = evaluate(&mut sim, example("my-daemonset").0).unwrap();
    assert_eq!(node(&r, "worker-3")["state"], "pending");
    // a new cluster replaces the old one
    let summary = set_cluster(&mut sim, example("ssd-monitor").1);
    assert_eq!(summary["nodes"], 5);
    let r = evaluate(&mut sim, example("my-daemonset").0).unwrap();
    assert_eq!(r["nodes"].as_array().unwrap().len(), 5);
    drop(sim); // what free() does from JavaScript
}

#[wasm_bindgen_test]
fn simulator_without_a_cluster_reports_no_nodes() {
    let mut sim = Simulator::new();
    let r = evaluate(&mut sim, example("fluentd").0).unwrap();
    assert_eq!(r["nodes"], json!([]));
    assert_eq!(r["desiredNumberScheduled"], 0);
}

#[wasm_bindgen_test]
fn evaluate_grid_agrees_with_evaluate_and_node_report_with_its_nodes() {
    for (id, _, _) in EXAMPLES {
        let (ds, nodes) = example(id);
        let mut sim = Simulator::new();
        set_cluster(&mut sim, nodes);
        let report = evaluate(&mut sim, ds).unwrap();
        let grid = sim.evaluate_grid(JsValue::from_str(ds)).unwrap();
        let get = |k: &str| js_sys::Reflect::get(&grid, &JsValue::from_str(k)).unwrap();
        let states = js_sys::Uint8Array::new(&get("states")).to_vec();
        let reasons = js_sys::Uint32Array::new(&get("reasons")).to_vec();
        let names = plain_json(&get("stateNames"));
        let texts = plain_json(&get("reasonTexts"));
        let nodes = report["nodes"].as_array().unwrap();
        assert_eq!(states.len(), nodes.len(), "{id}");
        // nodeList: the same nodes in the same order, with their labels
        let list = plain_json(&sim.node_list().unwrap());
        assert_eq!(list.as_array().unwrap().len(), nodes.len(), "{id}");
        for (i, n) in nodes.iter().enumerate() {
            assert_eq!(list[i]["name"], n["name"], "{id}");
            assert_eq!(list[i]["labels"], n["labels"], "{id}");
            assert_eq!(names[states[i] as usize], n["state"], "{id} {}", n["name"]);
            assert!(texts[reasons[i] as usize].is_string());
            let one = plain_json(
                &sim.node_report(n["name"].clone().as_str().unwrap().into(), None)
                    .unwrap(),
            );
            assert_eq!(&one, n, "{id}");
        }
        assert_eq!(plain_json(&get("counts")), report["counts"], "{id}");
        assert_eq!(plain_json(&get("status")), report["status"], "{id}");
        assert!(sim
            .node_report("no-such-node".into(), None)
            .unwrap()
            .is_null());
    }
    // nodeReport needs an evaluateGrid first, or a DaemonSet text
    let mut sim = Simulator::new();
    let e = error_json(&sim.node_report("a".into(), None).unwrap_err());
    assert_eq!(e["type"], "Invalid input");
    // with a text: that DaemonSet's verdict, whatever evaluateGrid last saw
    let (ds, nodes) = example("my-daemonset");
    set_cluster(&mut sim, nodes);
    let report = evaluate(&mut sim, ds).unwrap();
    sim.evaluate_grid(JsValue::from_str(example("node-agent").0))
        .unwrap();
    for n in report["nodes"].as_array().unwrap() {
        let name = n["name"].as_str().unwrap();
        let one = sim
            .node_report(name.into(), Some(JsValue::from_str(ds)))
            .unwrap();
        assert_eq!(&plain_json(&one), n);
    }
    // null or undefined: the last evaluateGrid's
    let agent = evaluate(&mut sim, example("node-agent").0).unwrap();
    let one = sim
        .node_report("worker-3".into(), Some(JsValue::UNDEFINED))
        .unwrap();
    assert_eq!(plain_json(&one), *node(&agent, "worker-3"));
    // a text that is no DaemonSet throws as evaluate does
    let e = error_json(
        &sim.node_report("worker-3".into(), Some(JsValue::from_str("kind: Pod\n")))
            .unwrap_err(),
    );
    let want = error_json(&sim.evaluate(JsValue::from_str("kind: Pod\n")).unwrap_err());
    assert_eq!(e, want);
    // a text that is not a string
    let e = error_json(
        &sim.node_report("worker-3".into(), Some(JsValue::from_f64(1.0)))
            .unwrap_err(),
    );
    assert_eq!(e["type"], "Invalid input");
}

#[wasm_bindgen_test]
fn set_cluster_returns_problems_as_values() {
    let mut sim = Simulator::new();
    let s = set_cluster(&mut sim, "nodes:\n- name: a\n- name: b\n- name: a\n");
    // the repeated node is left out
    assert_eq!(s["nodes"], 2);
    assert_eq!(
        s["errors"],
        json!([{
            "field": "nodes[2].name",
            "type": "Duplicate value",
            "detail": "\"a\": two nodes have this name (first at line 2, column 9); the later one is left out",
            "message": "nodes[2].name: Duplicate value: \"a\": two nodes have this name (first at line 2, column 9); the later one is left out",
            "line": 4,
            "column": 9,
            "source": "nodes",
            "words": {"code": "duplicateNodeAt", "args": {"name": "\"a\"", "line": 2, "column": 9}},
        }])
    );
    let s = set_cluster(&mut sim, "nodes:\n- name: a\n  allocatable: {cpu: lots}\n");
    assert_eq!(s["errors"][0]["field"], "nodes[0].allocatable[cpu]");
    assert_eq!(s["errors"][0]["line"], 3);
    let s = set_cluster(&mut sim, "nodes: [\n");
    assert_eq!(s["nodes"], 0);
    assert_eq!(s["errors"][0]["type"], "Syntax error");
    // a DaemonSet in the cluster text is reported: only cluster() places it
    let (ds, nodes) = example("fluentd");
    let s = set_cluster(&mut sim, &together(ds, nodes));
    assert_eq!(s["nodes"], 4);
    assert_eq!(s["errors"], json!([]));
    assert_eq!(s["warnings"][0]["type"], "Cluster only");
    assert_eq!(s["warnings"][0]["words"]["code"], "clusterTextDaemonSet");
    assert_eq!(s["warnings"][0]["field"], "kind");
    assert_eq!(s["warnings"][0]["line"], 2);
    // and nodes in the DaemonSet text are reported, not used
    let r = evaluate(
        &mut sim,
        &together(example("my-daemonset").0, example("ssd-monitor").1),
    )
    .unwrap();
    assert_eq!(r["nodes"].as_array().unwrap().len(), 4);
    let ignored = r["warnings"].as_array().unwrap();
    assert_eq!(ignored.len(), 5, "{ignored:?}");
    assert!(ignored
        .iter()
        .all(|w| w["type"] == "Ignored" && w["source"] == "daemonset"));
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(wasm::version(), env!("CARGO_PKG_VERSION"));
}

// ------------------------------------------------- conformance, a sample

const SAMPLE: &str = include_str!("wasm-sample/placement.jsonl");

fn sample() -> Vec<Value> {
    SAMPLE
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn cluster_value(case: &Value) -> (Value, Value) {
    let nodes = json!({"apiVersion": "v1", "kind": "List", "items": case["nodes"]});
    let pods = json!({"apiVersion": "v1", "kind": "List", "items": case.get("pods").cloned().unwrap_or(json!([]))});
    (nodes, pods)
}

fn no_syntax_errors(id: &str, r: &Value) -> Result<(), String> {
    let bad: Vec<&Value> = r["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == "Syntax error")
        .collect();
    if bad.is_empty() {
        Ok(())
    } else {
        Err(format!("{id}: {bad:?}"))
    }
}

#[wasm_bindgen_test]
fn placement_conformance_sample_agrees_in_the_browser() {
    let cases = sample();
    assert!(
        cases.len() >= 40,
        "tests/wasm-sample/placement.jsonl has {} cases",
        cases.len()
    );
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let id = case["id"].as_str().unwrap_or("?");
        // through check(), as JSON (every fifth also as YAML)
        let text = case_text(case, i % 5 == 0);
        let result = wasm::check(JsValue::from_str(&text))
            .map_err(|e| format!("{id}: threw {}", error_json(&e)))
            .map(|v| plain_json(&v))
            .and_then(|r| no_syntax_errors(id, &r).and_then(|_| compare(id, &case["expect"], &r)));
        if let Err(e) = result {
            failures.push(e);
        }
        // through the Simulator: the cluster once, then the DaemonSet
        let mut sim = Simulator::new();
        let (nodes, pods) = cluster_value(case);
        set_cluster(&mut sim, &format!("{nodes}\n{pods}\n"));
        let result = evaluate(&mut sim, &case["daemonset"].to_string())
            .map_err(|e| format!("{id} (Simulator): threw {e}"))
            .and_then(|r| compare(&format!("{id} (Simulator)"), &case["expect"], &r));
        if let Err(e) = result {
            failures.push(e);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} comparisons disagree:\n{}",
        failures.len(),
        2 * cases.len(),
        failures
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n---\n")
    );
}

// ------------------------------------------------------------ edge values

#[wasm_bindgen_test]
fn integers_beyond_2_pow_53_cross_as_numbers() {
    // 16Ei is capped at 2^63 - 1 bytes; 1Ei has a MilliValue of i64::MIN
    let text = format!(
        "{}\n---\nnodes:\n- name: huge\n  allocatable: {{cpu: 1Ei, memory: 16Ei, pods: 110}}\n",
        example("my-daemonset").0
    );
    let r = check_ok(&text);
    let n = node(&r, "huge");
    assert_eq!(
        n["allocatable"]["memory"].as_f64(),
        Some(9223372036854775807.0)
    );
    assert!(n["allocatable"]["milliCpu"].is_number());
}

/// A panic outside an API call goes on to the hook installed before ours
/// (here the test harness's), and later tests still run.
#[wasm_bindgen_test]
#[should_panic(expected = "deliberate panic")]
fn a_panic_outside_a_call_reaches_the_previous_hook() {
    let _ = wasm::check(JsValue::from_str("")); // installs the hook
    panic!("deliberate panic");
}

// ------------------------------------------ rollout, snapshot, node change

use daemonset_sim::compare as deployment;
use daemonset_sim::input::{self, Objects, Source};
use daemonset_sim::rollout::{self, NodeModel, TemplateChange};
use daemonset_sim::session::{self, RolloutRequest};

fn parsed(text: &str) -> Objects {
    let objects = input::parse(&[Source::new(None, text)]);
    assert!(objects.errors.is_empty(), "{:?}", objects.errors);
    objects
}

/// A JavaScript object from JSON (what the page passes as options).
fn js_object(v: &Value) -> js_sys::Object {
    js_sys::JSON::parse(&v.to_string())
        .unwrap()
        .unchecked_into()
}

fn sim_with(nodes: &str) -> Simulator {
    let mut sim = Simulator::new();
    let s = set_cluster(&mut sim, nodes);
    assert_eq!(s["errors"], json!([]));
    sim
}

fn sim_rollout(sim: &mut Simulator, ds: &str, options: Option<Value>) -> Result<Value, Value> {
    sim.rollout(JsValue::from_str(ds), options.as_ref().map(js_object))
        .map(|v| plain_json(&v))
        .map_err(|e| error_json(&e))
}

/// The same rollout computed by the engine directly (no wasm boundary).
fn native_rollout(
    ds: &str,
    nodes: &str,
    change: Option<TemplateChange>,
    model: NodeModel,
) -> Value {
    native_rollout_limit(ds, nodes, change, model, rollout::DEFAULT_TICK_LIMIT)
}

fn native_rollout_limit(
    ds: &str,
    nodes: &str,
    change: Option<TemplateChange>,
    model: NodeModel,
    tick_limit: u32,
) -> Value {
    let d = parsed(ds);
    let c = parsed(nodes);
    let req = RolloutRequest {
        daemon_set: d.daemon_sets[0].object.clone(),
        new_daemon_set: None,
        change,
        nodes: c.nodes.iter().map(|n| n.object.clone()).collect(),
        pods: c.pods.iter().map(|p| p.object.clone()).collect(),
        priority_classes: c
            .priority_classes
            .iter()
            .map(|p| p.object.clone())
            .collect(),
        model,
        tick_limit,
    };
    serde_json::to_value(session::rollout_request(&req).unwrap()).unwrap()
}

#[wasm_bindgen_test]
fn rollout_of_my_daemonset_starts_with_worker_3_pending_and_stalls_there() {
    let (ds, nodes) = example("my-daemonset");
    let mut sim = sim_with(nodes);
    let options = json!({"change": {"kind": "image", "image": "nginx:1.28"}});
    let tl = sim_rollout(&mut sim, ds, Some(options)).unwrap();
    // t = 0 is the cluster the check shows: READY 2, worker-3 Pending.
    let report = evaluate(&mut sim, ds).unwrap();
    assert_eq!(report["status"]["numberReady"], 2);
    assert_eq!(tl["startBasis"], "projected");
    assert_eq!(tl["initialStatus"]["numberReady"], 2);
    assert_eq!(tl["initialStatus"]["numberAvailable"], 2);
    assert_eq!(tl["initialStatus"]["numberUnavailable"], 1);
    let w3 = &tl["nodes"][3];
    assert_eq!(w3["name"], "worker-3");
    assert_eq!(w3["start"]["verdict"], "pending");
    assert_eq!(
        w3["start"]["pods"][0],
        json!({"id": 2, "phase": "pending", "ready": false, "available": false,
               "updated": true, "unschedulableReasons": ["Insufficient cpu"]})
    );
    assert_eq!(
        tl["nodes"][0]["start"],
        json!({"verdict": "keeps-existing", "pods": []})
    );
    assert_eq!(tl["completed"], false);
    assert_eq!(tl["stalled"], true);
    assert_eq!(tl["strategy"], "RollingUpdate");
    let t0 = &tl["log"][0];
    assert_eq!(t0["t"], 0);
    assert_eq!(t0["status"]["numberAvailable"], 2);
    let reasons = tl["stallReasons"].as_array().unwrap();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert_eq!(reasons[0]["kind"], "unschedulable");
    assert_eq!(reasons[0]["node"], "worker-3");
    assert_eq!(
        reasons[0]["failures"],
        json!([{"plugin": "NodeResourcesFit", "reasons": ["Insufficient cpu"]}])
    );
    assert_eq!(reasons[0]["insufficient"][0]["resource"], "cpu");
    assert_eq!(
        reasons[1],
        json!({"kind": "budgetHeld", "budget": "maxUnavailable", "limit": 1,
               "heldBy": ["worker-3"], "waiting": ["worker-1", "worker-2"]})
    );
    let last = tl["log"].as_array().unwrap().last().unwrap();
    assert_eq!(
        last["kubectl"],
        "Waiting for daemon set \"my-daemonset\" rollout to finish: 1 out of 3 new pods have been updated..."
    );
    assert_eq!(tl["finalStatus"], last["status"]);
    let orders = &tl["orders"];
    assert_eq!(orders["rule"], "nodeName");
    assert_eq!(orders["exploration"], "exhaustive");
    assert_eq!(orders["orders"], 1);
    assert_eq!(
        orders["stalled"],
        json!({"orders": 1, "earliest": 0, "latest": 0})
    );
    assert!(tl.get("nodeOrder").is_none());
    // exactly what the engine computes without the boundary
    let change = TemplateChange::Image {
        container: None,
        image: "nginx:1.28".into(),
    };
    assert_eq!(
        tl,
        native_rollout(ds, nodes, Some(change), NodeModel::default())
    );
}

#[wasm_bindgen_test]
fn rollout_takes_the_node_model_and_every_example_matches_the_engine() {
    for (id, ds, nodes) in EXAMPLES {
        let mut sim = sim_with(nodes);
        // no options: a restart with the default model
        let tl = sim_rollout(&mut sim, ds, None).unwrap();
        assert_eq!(
            tl,
            native_rollout(ds, nodes, None, NodeModel::default()),
            "{id}"
        );
        let model = json!({"readyDelaySeconds": 7, "terminationSeconds": 3, "perNodeReadyDelay": {"worker-1": 20}});
        let tl = sim_rollout(
            &mut sim,
            ds,
            Some(json!({"model": model, "tickLimit": 600})),
        )
        .unwrap();
        let mut m = NodeModel {
            ready_delay_seconds: 7,
            termination_seconds: 3,
            ..NodeModel::default()
        };
        m.per_node_ready_delay.insert("worker-1".into(), 20);
        assert_eq!(tl, native_rollout_limit(ds, nodes, None, m, 600), "{id}");
        assert_eq!(tl["model"]["readyDelaySeconds"], 7, "{id}");
        assert_eq!(tl["tickLimit"], 600, "{id}");
    }
}

#[wasm_bindgen_test]
fn a_never_ready_node_stalls_the_rollout_on_the_max_unavailable_budget() {
    let (ds, nodes) = example("node-agent");
    let mut sim = sim_with(nodes);
    let names: Vec<String> = states(&evaluate(&mut sim, ds).unwrap())
        .into_iter()
        .filter(|(_, s)| s == "scheduled")
        .map(|(n, _)| n)
        .collect();
    let bad = &names[0];
    let tl = sim_rollout(&mut sim, ds, Some(json!({"model": {"neverReady": [bad]}}))).unwrap();
    assert_eq!(tl["stalled"], true);
    let r = &tl["stallReasons"][0];
    assert_eq!(r["kind"], "neverReady");
    assert_eq!(r["nodes"], json!([bad]));
    assert_eq!(r["budget"], "maxUnavailable");
}

#[wasm_bindgen_test]
fn snapshots_are_the_timelines_instants() {
    let (ds, nodes) = example("my-daemonset");
    let mut sim = sim_with(nodes);
    let err = sim.snapshot(0.0).map(|v| plain_json(&v)).unwrap_err();
    assert_eq!(error_json(&err)["type"], "Invalid input", "no rollout yet");
    let tl = sim_rollout(
        &mut sim,
        ds,
        Some(json!({"change": {"kind": "image", "image": "nginx:2"}})),
    )
    .unwrap();
    let d = parsed(ds);
    let c = parsed(nodes);
    let native = session::rollout_request(&RolloutRequest {
        daemon_set: d.daemon_sets[0].object.clone(),
        new_daemon_set: None,
        change: Some(TemplateChange::Image {
            container: None,
            image: "nginx:2".into(),
        }),
        nodes: c.nodes.iter().map(|n| n.object.clone()).collect(),
        pods: c.pods.iter().map(|p| p.object.clone()).collect(),
        priority_classes: c
            .priority_classes
            .iter()
            .map(|p| p.object.clone())
            .collect(),
        model: NodeModel::default(),
        tick_limit: rollout::DEFAULT_TICK_LIMIT,
    })
    .unwrap();
    for e in tl["log"].as_array().unwrap() {
        let t = e["t"].as_u64().unwrap();
        let snap = plain_json(&sim.snapshot(t as f64).unwrap());
        assert_eq!(
            snap,
            serde_json::to_value(native.snapshot(t as u32)).unwrap(),
            "t={t}"
        );
        assert_eq!(snap["status"], e["status"], "t={t}");
        assert_eq!(snap["kubectl"], e["kubectl"], "t={t}");
    }
    // at t = 3 worker-3's new pod is Pending (its old one was Pending
    // too, and went at t = 0); it holds maxUnavailable, so worker-1 keeps
    // its old pod
    let snap = plain_json(&sim.snapshot(3.7).unwrap());
    assert_eq!(snap["t"], 3);
    let pods_on = |node: &str| {
        snap["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["node"] == node)
            .unwrap()["pods"]
            .clone()
    };
    assert_eq!(
        pods_on("worker-3"),
        json!([{"id": 3, "generation": "new", "phase": "pending", "ready": false, "available": false}])
    );
    assert_eq!(
        pods_on("worker-1"),
        json!([{"id": 0, "generation": "old", "phase": "running", "ready": true, "available": true}])
    );
    // past the end: the final state; bad instants throw
    let end = plain_json(&sim.snapshot(1e12).unwrap());
    assert_eq!(end["status"], tl["finalStatus"]);
    for bad in [-1.0, f64::NAN, f64::INFINITY] {
        let e = error_json(&sim.snapshot(bad).unwrap_err());
        assert_eq!(e["type"], "Invalid input", "{bad}");
    }
}

#[wasm_bindgen_test]
fn rollout_errors_are_thrown_with_their_source_and_position() {
    let (ds, nodes) = example("my-daemonset");
    let mut sim = sim_with(nodes);
    // a change that does not apply
    let e = sim_rollout(
        &mut sim,
        ds,
        Some(json!({"change": {"kind": "image", "container": "nope", "image": "x"}})),
    )
    .unwrap_err();
    assert_eq!(e["field"], "change.container");
    assert_eq!(e["type"], "Not found");
    assert_eq!(e["source"], "options");
    assert!(e["detail"].as_str().unwrap().contains("nginx"), "{e}");
    // options not of the declared shape
    let e = sim_rollout(&mut sim, ds, Some(json!({"tickLimt": 5}))).unwrap_err();
    assert_eq!(e["type"], "Invalid input");
    assert!(e["detail"].as_str().unwrap().contains("tickLimt"), "{e}");
    let e = sim_rollout(
        &mut sim,
        ds,
        Some(json!({"model": {"readyDelaySeconds": -1}})),
    )
    .unwrap_err();
    assert_eq!(e["type"], "Invalid input");
    // the changed DaemonSet fails validation: located in its own text
    let bad = ds.replace("app: my-daemonset\n    spec:", "app: other\n    spec:");
    assert_ne!(bad, ds);
    let e = sim_rollout(&mut sim, ds, Some(json!({"newDaemonSet": bad}))).unwrap_err();
    assert_eq!(e["source"], "newDaemonSet");
    assert_eq!(e["field"], "spec.template.metadata.labels");
    assert!(
        e["line"].as_u64().is_some() && e["column"].as_u64().is_some(),
        "{e}"
    );
    // unreadable text, no DaemonSet
    let e = sim_rollout(&mut sim, "kind: DaemonSet\nmetadata: [\n", None).unwrap_err();
    assert_eq!(e["source"], "daemonset");
    // go-yaml's mark: the end of the text, after the open `[`
    assert_eq!(e["line"], 3);
    let e = sim_rollout(
        &mut sim,
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n",
        None,
    )
    .unwrap_err();
    assert_eq!(e["type"], "No DaemonSet");
    // an edited copy works like a change
    let copy = ds.replace("nginx:1.27", "nginx:1.28");
    let a = sim_rollout(&mut sim, ds, Some(json!({"newDaemonSet": copy}))).unwrap();
    assert_eq!(a["stallReasons"][0]["node"], "worker-3");
}

#[wasm_bindgen_test]
fn node_change_reports_what_the_controller_does() {
    let (ds, nodes) = example("my-daemonset");
    let sim = sim_with(nodes);
    let after = nodes.replace(
        "  - name: worker\n    count: 2\n",
        "  - name: worker-1\n    taints: [\"dedicated=db:NoExecute\"]\n",
    ) + "  - name: worker-9\n";
    let r = plain_json(
        &sim.node_change(JsValue::from_str(ds), JsValue::from_str(&after))
            .unwrap(),
    );
    assert_eq!(r["deleted"], json!(["worker-1"]));
    assert_eq!(r["removedWithNode"], json!(["worker-2"]));
    assert_eq!(r["created"], json!(["worker-9"]));
    let native = rollout::simulate_node_change(
        &parsed(ds).daemon_sets[0].object,
        &parsed(nodes)
            .nodes
            .iter()
            .map(|n| n.object.clone())
            .collect::<Vec<_>>(),
        &parsed(&after)
            .nodes
            .iter()
            .map(|n| n.object.clone())
            .collect::<Vec<_>>(),
    );
    assert_eq!(r, serde_json::to_value(native).unwrap());
    let e = error_json(
        &sim.node_change(JsValue::from_str(ds), JsValue::from_str("nodes: [\n"))
            .unwrap_err(),
    );
    assert_eq!(e["source"], "nodesAfter");
}

#[wasm_bindgen_test]
fn the_free_rollout_function_takes_a_json_request() {
    let (ds, nodes) = example("my-daemonset");
    let d = parsed(ds);
    let c = parsed(nodes);
    let request = json!({
        "daemonSet": serde_json::to_value(&d.daemon_sets[0].object).unwrap(),
        "change": {"kind": "image", "image": "nginx:1.28"},
        "nodes": c.nodes.iter().map(|n| serde_json::to_value(&n.object).unwrap()).collect::<Vec<_>>(),
        "pods": c.pods.iter().map(|p| serde_json::to_value(&p.object).unwrap()).collect::<Vec<_>>(),
    });
    let want = native_rollout(
        ds,
        nodes,
        Some(TemplateChange::Image {
            container: None,
            image: "nginx:1.28".into(),
        }),
        NodeModel::default(),
    );
    let as_text =
        plain_json(&wasm::rollout_request(JsValue::from_str(&request.to_string())).unwrap());
    assert_eq!(as_text, want);
    let as_object = plain_json(&wasm::rollout_request(js_object(&request).into()).unwrap());
    assert_eq!(as_object, want);
    let e =
        error_json(&wasm::rollout_request(JsValue::from_str("{\n  \"nodes\": 3\n}")).unwrap_err());
    assert_eq!(e["type"], "Invalid value");
    assert_eq!(e["field"], "nodes");
    assert_eq!(e["line"], 2);
    let e = error_json(&wasm::rollout_request(JsValue::from_f64(1.0)).unwrap_err());
    assert_eq!(e["type"], "Invalid input");
}

// --------------------------------------------------- Deployment vs DaemonSet

fn native_compare(ds: &str, nodes: &str, replicas: Option<i32>) -> Value {
    let d = parsed(ds);
    let c = parsed(nodes);
    let nodes: Vec<_> = c.nodes.iter().map(|n| n.object.clone()).collect();
    let pods: Vec<_> = c.pods.iter().map(|p| p.object.clone()).collect();
    serde_json::to_value(deployment::compare(
        &d.daemon_sets[0].object,
        d.deployments.first().map(|x| &x.object),
        replicas,
        &nodes,
        &pods,
        &daemonset_sim::k8s::priority::Priorities::new(
            c.priority_classes.iter().map(|p| &p.object),
        ),
    ))
    .unwrap()
}

fn sim_compare(sim: &Simulator, ds: &str, replicas: Option<f64>) -> Result<Value, Value> {
    sim.compare(JsValue::from_str(ds), replicas)
        .map(|v| plain_json(&v))
        .map_err(|e| error_json(&e))
}

fn per_node(c: &Value, key: &str) -> BTreeMap<String, u64> {
    c["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["name"].as_str().unwrap().to_string(),
                n[key].as_u64().unwrap(),
            )
        })
        .collect()
}

#[wasm_bindgen_test]
fn comparison_per_node_counts_match_the_engine_for_every_example() {
    for (id, ds, nodes) in EXAMPLES {
        let sim = sim_with(nodes);
        for replicas in [None, Some(0), Some(1), Some(7)] {
            let got = sim_compare(&sim, ds, replicas.map(f64::from)).unwrap();
            let want = native_compare(ds, nodes, replicas);
            assert_eq!(
                per_node(&got, "deploymentPods"),
                per_node(&want, "deploymentPods"),
                "{id} {replicas:?}"
            );
            assert_eq!(
                per_node(&got, "daemonPods"),
                per_node(&want, "daemonPods"),
                "{id} {replicas:?}"
            );
            assert_eq!(got, want, "{id} {replicas:?}");
        }
    }
    // my-daemonset: 3 replicas, two on worker-1 (a tie broken by name), none on the full worker-3
    let (ds, nodes) = example("my-daemonset");
    let c = sim_compare(&sim_with(nodes), ds, None).unwrap();
    assert_eq!(c["replicas"], 3);
    assert_eq!(c["replicasSource"], "desiredNumberScheduled");
    assert_eq!(
        per_node(&c, "deploymentPods"),
        [
            ("control-plane", 0),
            ("worker-1", 2),
            ("worker-2", 1),
            ("worker-3", 0)
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    );
    let first = &c["placement"]["placements"][0];
    assert_eq!(first["topNodes"], json!(["worker-1", "worker-2"]));
    assert_eq!(first["chosen"], "worker-1");
    assert_eq!(c["placement"]["tieBreak"], "lexicographicallySmallestName");
    assert_eq!(
        c["tolerations"]["deploymentPodNotReadyEvictionSeconds"],
        300
    );
    assert_eq!(
        c["tolerations"]["daemonPodNotReadyEvictionSeconds"],
        Value::Null
    );
}

#[wasm_bindgen_test]
fn compare_errors_and_the_free_function() {
    let (ds, nodes) = example("my-daemonset");
    let sim = sim_with(nodes);
    for bad in [-1.0, 2.5, f64::NAN, 3e9] {
        let e = sim_compare(&sim, ds, Some(bad)).unwrap_err();
        assert_eq!(e["type"], "Invalid input", "{bad}");
    }
    assert_eq!(
        sim_compare(
            &sim,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n",
            None
        )
        .unwrap_err()["type"],
        "No DaemonSet"
    );
    // the free function: one text, like `daemonset-sim compare --format json`
    let text = together(ds, nodes);
    let got = plain_json(&wasm::compare_text(JsValue::from_str(&text), Some(5.0)).unwrap());
    assert_eq!(got, native_compare(ds, nodes, Some(5)));
    // a Deployment alone gives its placement
    let only = format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web}}\nspec:\n  replicas: 2\n  selector: {{matchLabels: {{app: web}}}}\n  template:\n    metadata: {{labels: {{app: web}}}}\n    spec: {{containers: [{{name: web, image: nginx}}]}}\n---\n{nodes}"
    );
    let p = plain_json(&wasm::compare_text(JsValue::from_str(&only), None).unwrap());
    assert_eq!(p["replicas"], 2);
    assert!(p.get("placements").is_some() && p.get("daemonSet").is_none());
    let e = error_json(&wasm::compare_text(JsValue::from_str("nodes: []\n"), None).unwrap_err());
    assert_eq!(e["type"], "No workload");
}

// ------------------------------------------------------------------ cluster

const CLUSTER_DS: &str = include_str!("../web/examples/cluster.daemonset.yaml");
const CLUSTER_NODES: &str = include_str!("../web/examples/cluster.nodes.yaml");

/// The free `cluster` and `Simulator.cluster` give the same view of the
/// cluster example; node-exporter waits on the edge nodes, and the cell's
/// explanation says why.
#[wasm_bindgen_test]
fn cluster_free_and_on_the_kept_cluster_agree() {
    let text = together(CLUSTER_DS, CLUSTER_NODES);
    let free = plain_json(&wasm::cluster_text(JsValue::from_str(&text), None).unwrap());
    let mut sim = Simulator::new();
    set_cluster(&mut sim, CLUSTER_NODES);
    let kept = plain_json(&sim.cluster(JsValue::from_str(CLUSTER_DS), None).unwrap());
    assert_eq!(free["nodes"], kept["nodes"]);
    assert_eq!(free["pools"], kept["pools"]);
    let names: Vec<&str> = free["daemonSets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "kube-proxy",
            "calico-node",
            "fluent-bit",
            "node-exporter",
            "nvidia-device-plugin"
        ]
    );
    let edge = free["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["name"] == "edge-pool-1")
        .unwrap();
    assert_eq!(edge["cells"][3]["state"], "pending");
    let cell = plain_json(
        &sim.cluster_cell(JsValue::from_str(CLUSTER_DS), 3, "edge-pool-1".into())
            .unwrap(),
    );
    assert_eq!(cell["state"], "pending");
    assert_eq!(cell["schedulerReasons"], json!(["Insufficient cpu"]));
    // options: grouped by another label; an unknown option is an Error
    let by_type: js_sys::Object =
        js_sys::JSON::parse(r#"{"groupBy": "node.kubernetes.io/instance-type"}"#)
            .unwrap()
            .unchecked_into();
    let v = plain_json(&wasm::cluster_text(JsValue::from_str(&text), Some(by_type)).unwrap());
    assert_eq!(v["pools"][1]["name"], "e2-standard-4");
    let bad: js_sys::Object = js_sys::JSON::parse(r#"{"groupby": "x"}"#)
        .unwrap()
        .unchecked_into();
    assert!(wasm::cluster_text(JsValue::from_str(&text), Some(bad)).is_err());
}
