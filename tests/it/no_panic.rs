//! No input makes the engine panic: conformance inputs mutated at random
//! (text cuts and splices, and values replaced by values of other types
//! and odd spellings), as JSON and as YAML, through `check`.

use crate::common::Rng;

use daemonset_sim::input::Source;
use daemonset_sim::session;
use serde_json::{json, Value};

fn odd_value(rng: &mut Rng) -> Value {
    let pool = [
        json!(null),
        json!(""),
        json!(-1),
        json!(0),
        json!(2147483648i64),
        json!(-9223372036854775807i64),
        json!(1.5),
        json!(true),
        json!([]),
        json!({}),
        json!([null]),
        json!("1e999999999"),
        json!("9999999999999999999999999Ei"),
        json!("-0.5m"),
        json!("100%"),
        json!("-5%"),
        json!("abc%"),
        json!("Exists"),
        json!("NoExecute"),
        json!("<img src=x onerror=alert(1)>"),
        json!("\u{0}\u{feff}"),
        json!("a".repeat(300)),
        json!({"key": "", "operator": "Gt", "values": ["x"]}),
        json!([{"matchFields": [{"key": "metadata.name", "operator": "In", "values": []}]}]),
    ];
    pool[rng.below(pool.len())].clone()
}

fn case_docs(case: &Value) -> Vec<Value> {
    let mut docs = vec![case["daemonset"].clone()];
    docs.push(json!({"apiVersion": "v1", "kind": "List", "items": case.get("nodes").cloned().unwrap_or(json!([]))}));
    if let Some(p) = case.get("pods") {
        docs.push(json!({"apiVersion": "v1", "kind": "List", "items": p}));
    }
    docs
}

fn text_of(docs: &[Value], yaml: bool) -> String {
    if yaml {
        docs.iter()
            .map(|d| serde_yaml::to_string(d).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("---\n")
    } else {
        docs.iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

fn run_one(text: &str) -> Result<(), String> {
    let t = text.to_string();
    std::panic::catch_unwind(move || {
        let _ = session::check(&[Source::new(Some("fuzz"), &t)])
            .map(|r| serde_json::to_string(&r).unwrap());
    })
    .map_err(|_| {
        let mut shown = text.to_string();
        shown.truncate(2000);
        format!("panic on input:\n{shown}")
    })
}

/// Cuts, splices and byte noise on the text.
pub(crate) fn mangle_text(text: &str, rng: &mut Rng) -> String {
    let b: Vec<char> = text.chars().collect();
    if b.is_empty() {
        return String::new();
    }
    let (i, j) = {
        let a = rng.below(b.len());
        let c = rng.below(b.len());
        (a.min(c), a.max(c))
    };
    match rng.below(4) {
        0 => b[..i].iter().collect(),
        1 => b[..i].iter().chain(b[j..].iter()).collect(),
        2 => b[..j].iter().chain(b[i..].iter()).collect(),
        _ => {
            let noise = [
                '{', '}', '[', ']', ':', '-', '\t', '"', '\'', '&', '*', '!', '|', '>', '\n', '#',
                '%', '\u{7f}',
            ];
            let mut s: Vec<char> = b.clone();
            for _ in 0..3 {
                let k = rng.below(s.len());
                s[k] = noise[rng.below(noise.len())];
            }
            s.into_iter().collect()
        }
    }
}

#[test]
fn mutated_inputs_never_panic() {
    let placement = crate::common::corpus("placement");
    let validation = crate::common::corpus("validation");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut failures = Vec::new();
    let mut runs = 0;
    let cases: Vec<&Value> = placement
        .iter()
        .step_by(7)
        .chain(validation.iter().step_by(3))
        .collect();
    for case in cases {
        let docs = case_docs(case);
        for round in 0..3 {
            let mut m = docs.clone();
            let k = rng.below(m.len());
            for _ in 0..=rng.below(3) {
                crate::common::mutate_json(&mut m[k], &mut rng, 0, odd_value);
            }
            let yaml = round == 1;
            let text = text_of(&m, yaml);
            runs += 1;
            if let Err(e) = run_one(&text) {
                failures.push(e);
            }
            let mangled = mangle_text(&text_of(&docs, rng.below(2) == 0), &mut rng);
            runs += 1;
            if let Err(e) = run_one(&mangled) {
                failures.push(e);
            }
        }
    }
    // the shorthand, with odd values in every field
    let shorthand = [
        "nodes:\n- name: a\n  count: 100000000\n",
        "nodes:\n- name: a\n  count: -1\n",
        "nodes:\n- {name: a, taints: [\":\", \"=:NoSchedule\", \"k=v=w:NoExecute\"]}\n",
        "nodes:\n- {name: a, allocatable: {cpu: \"1e999999999\", memory: -1, pods: 1.5}}\n",
        "nodes:\n- {name: a, pods: [{hostPorts: [\"::1:80/TCP\", \"x:y\", 0, -5, \"80/\"]}]}\n",
        "nodes: 5\n",
        "nodes: [null, 1, \"x\"]\n",
        "---\n---\n",
        "",
        "\u{feff}",
        "[1, 2, 3]",
        "{\"items\": [{\"kind\": \"List\", \"items\": [{\"kind\": \"List\"}]}]}",
    ];
    for s in shorthand {
        runs += 1;
        if let Err(e) = run_one(&format!("kind: DaemonSet\nmetadata: {{name: x}}\n---\n{s}")) {
            failures.push(e);
        }
    }
    eprintln!("no_panic: {runs} mutated inputs, {} panics", failures.len());
    assert!(
        failures.is_empty(),
        "{} panics; first:\n{}",
        failures.len(),
        failures[0]
    );
}
