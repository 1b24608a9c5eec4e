//! No input makes the rollout simulator panic: the rollout corpus's
//! DaemonSets, nodes and node models mutated at random (values replaced by
//! values of other types and odd spellings, negative and huge numbers),
//! through the CLI (text and JSON) and `session::rollout_request`.

use crate::common::Rng;

use daemonset_sim::cli;
use daemonset_sim::session::{self, RolloutRequest};
use serde_json::{json, Value};

fn odd_value(rng: &mut Rng) -> Value {
    let pool = [
        json!(null),
        json!(""),
        json!(-1),
        json!(0),
        json!(1),
        json!(2147483647),
        json!(4294967295u64),
        json!(-9223372036854775807i64),
        json!(9223372036854775807i64),
        json!("100%"),
        json!("0%"),
        json!("-5%"),
        json!("abc%"),
        json!("1000000000%"),
        json!("OnDelete"),
        json!("RollingUpdate"),
        json!("Bogus"),
        json!("NoExecute"),
        json!({"maxUnavailable": 0, "maxSurge": 0}),
        json!({"maxUnavailable": -9223372036854775807i64, "maxSurge": "50%"}),
        json!({"maxSurge": 9223372036854775807i64}),
        json!([{"containerPort": 80, "hostPort": 80}]),
        json!({"cpu": "1000", "memory": "1Ei"}),
        json!([{"key": "dedicated", "operator": "Exists"}]),
        json!([]),
        json!({}),
    ];
    pool[rng.below(pool.len())].clone()
}

fn mutate(v: &mut Value, rng: &mut Rng, depth: usize) {
    let children = match v {
        Value::Object(m) => m.len(),
        Value::Array(a) => a.len(),
        _ => 0,
    };
    if children == 0 || depth > 12 || (depth >= 2 && rng.below(6) == 0) {
        // Mostly keep the JSON type, so that the engine (not only the
        // parser) sees the odd values.
        let same_type = |a: &Value, b: &Value| {
            std::mem::discriminant(a) == std::mem::discriminant(b)
                || (a.is_number() && b.is_number())
        };
        let mut new = odd_value(rng);
        for _ in 0..20 {
            if same_type(v, &new) || rng.below(5) == 0 {
                break;
            }
            new = odd_value(rng);
        }
        *v = new;
        return;
    }
    let i = rng.below(children);
    match v {
        Value::Object(m) => {
            if let Some((_, child)) = m.iter_mut().nth(i) {
                mutate(child, rng, depth + 1)
            }
        }
        Value::Array(a) => {
            if let Some(child) = a.get_mut(i) {
                mutate(child, rng, depth + 1)
            }
        }
        _ => {}
    }
}

fn request_of(case: &Value) -> Value {
    let k = &case["kubelet"];
    json!({
        "daemonSet": case["daemonset"],
        "newDaemonSet": case["newDaemonSet"],
        "nodes": case["nodes"],
        "model": {
            "readyDelaySeconds": 2,
            "perNodeReadyDelay": k["readyDelaySeconds"],
            "neverReady": k["neverReady"],
            "terminationSeconds": k["terminationSeconds"],
            "manualDeletes": case.get("manualDeletes").cloned().unwrap_or(json!([])),
        },
        "tickLimit": 300,
    })
}

#[test]
fn mutated_rollouts_never_panic() {
    let cases = crate::common::corpus("rollout");
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let mut runs = 0;
    let mut simulated = 0;
    for case in cases.iter().take(200) {
        for _ in 0..4 {
            let mut req = request_of(case);
            for _ in 0..1 + rng.below(3) {
                mutate(&mut req, &mut rng, 0);
            }
            let shown = req.to_string();
            let outcome = std::panic::catch_unwind(move || {
                // Objects that do not deserialize are the CLI's business
                // (exit 2); whatever deserializes must simulate.
                let mut simulated = false;
                let parsed = serde_json::from_value::<RolloutRequest>(req.clone());
                if let Err(e) = &parsed {
                    if std::env::var("SHOW_ERR").is_ok() {
                        eprintln!("deser: {e}");
                    }
                }
                if let Ok(r) = parsed {
                    if let Ok(tl) = session::rollout_request(&r) {
                        let _ = serde_json::to_string(&tl).unwrap();
                        let _ = tl.snapshot(tl.ticks / 2);
                        let _ = cli::rollout::render_text(&tl, "fuzz");
                        simulated = true;
                    }
                }
                // The same objects as pasted text through the CLI.
                let docs = [
                    req["daemonSet"].clone(),
                    req["newDaemonSet"].clone(),
                    json!({"apiVersion": "v1", "kind": "List", "items": req["nodes"].clone()}),
                ];
                let text = docs
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n");
                for format in ["text", "json"] {
                    let args: Vec<String> = [
                        "rollout",
                        "--format",
                        format,
                        "--tick-limit",
                        "300",
                        "--at",
                        "5",
                        "-",
                    ]
                    .iter()
                    .map(|s| s.to_string())
                    .collect();
                    let mut out = Vec::new();
                    let mut err = Vec::new();
                    let _ = cli::run_with(args, &mut text.as_bytes(), &mut out, &mut err);
                }
                simulated
            });
            match outcome {
                Ok(true) => simulated += 1,
                Ok(false) => {}
                Err(_) => panic!("panic on request:\n{shown}"),
            }
            runs += 1;
        }
    }
    eprintln!("rollout no-panic: {runs} mutated runs, {simulated} simulated");
    assert!(simulated * 4 > runs, "too few mutated requests deserialize");
}

#[test]
fn extreme_models_never_panic() {
    let cases = crate::common::corpus("rollout");
    let Some(case) = cases.first() else { return };
    for (delay, term, limit, delete_t) in [
        (u32::MAX, u32::MAX, u32::MAX, u32::MAX),
        (0, 0, 0, 0),
        (u32::MAX - 1, 1, 5, 3),
        (1, u32::MAX, u32::MAX, 1),
    ] {
        let mut req = request_of(case);
        req["model"] = json!({
            "readyDelaySeconds": delay,
            "terminationSeconds": term,
            "neverReady": ["node-01", "node-01", "nope"],
            "manualDeletes": [{"t": delete_t, "node": "node-03"}, {"t": 0, "node": "nope"}],
        });
        req["tickLimit"] = json!(limit);
        let r: RolloutRequest = serde_json::from_value(req).unwrap();
        let tl = session::rollout_request(&r).unwrap();
        assert!(tl.ticks <= limit);
        let _ = tl.snapshot(u32::MAX);
    }
}
