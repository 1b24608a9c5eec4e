//! No input makes the Deployment engine panic: deployment-corpus inputs
//! with values replaced at random by values of other types and odd
//! spellings, each as a Deployment and as a DaemonSet with the same
//! template, through `session::compare_inputs` (what the CLI and wasm call).

use crate::common::Rng;
use daemonset_sim::compare::CompareResult;
use daemonset_sim::input::Source;
use daemonset_sim::session;
use serde_json::{json, Value};

fn odd_value(rng: &mut Rng) -> Value {
    let pool = [
        json!(null),
        json!(""),
        json!(-1),
        json!(0),
        json!(2147483647),
        json!(-2147483648i64),
        json!(1.5),
        json!(true),
        json!([]),
        json!({}),
        json!("9999999999999999999999999Ei"),
        json!("-0.5m"),
        json!("100%"),
        json!("abc%"),
        json!("Exists"),
        json!("DoNotSchedule"),
        json!("ScheduleAnyway"),
        json!("kubernetes.io/hostname"),
        json!({"matchLabels": {"app": "web"}}),
        json!({"matchExpressions": [{"key": "app", "operator": "Bogus"}]}),
        json!([{"maxSkew": 0, "topologyKey": "", "whenUnsatisfiable": "DoNotSchedule", "labelSelector": {}}]),
        json!({"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [{"labelSelector": {}, "topologyKey": "kubernetes.io/hostname"}]}}),
        json!({"podAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [{"weight": -5, "podAffinityTerm": {"topologyKey": "zone"}}]}}),
        json!([{"names": ["registry.example.com/web:1.0.0"], "sizeBytes": 9223372036854775807i64}]),
        json!([{"matchFields": [{"key": "metadata.name", "operator": "In", "values": []}]}]),
    ];
    pool[rng.below(pool.len())].clone()
}

#[test]
fn mutated_inputs_never_panic() {
    let cases = crate::common::corpus("deployment");
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut compared = 0;
    for case in cases.iter().take(120) {
        for _ in 0..8 {
            let mut c = case.clone();
            for _ in 0..1 + rng.below(3) {
                let key = ["deployment", "nodes", "pods"][rng.below(3)];
                if let Some(v) = c.get_mut(key) {
                    crate::common::mutate_json(v, &mut rng, 0, odd_value);
                }
            }
            let mut ds = c["deployment"].clone();
            if let Some(o) = ds.as_object_mut() {
                o.insert("kind".into(), json!("DaemonSet"));
                // a DaemonSet has none of a Deployment's own spec fields
                // (the API server refuses them as unknown)
                if let Some(spec) = o.get_mut("spec").and_then(|s| s.as_object_mut()) {
                    for f in ["replicas", "strategy", "paused", "progressDeadlineSeconds"] {
                        spec.remove(f);
                    }
                }
            }
            let nodes = json!({"apiVersion": "v1", "kind": "List", "items": c["nodes"]});
            let pods = json!({"apiVersion": "v1", "kind": "List", "items": c.get("pods").cloned().unwrap_or(json!([]))});
            let text = format!("{}\n{ds}\n{nodes}\n{pods}\n", c["deployment"]);
            let replicas = [None, Some(0), Some(3)][rng.below(3)];
            if let Ok((CompareResult::Comparison(cmp), _)) =
                session::compare_inputs(&[Source::new(None, &text)], replicas)
            {
                compared += 1;
                assert!(serde_json::to_string(&cmp).is_ok());
            }
        }
    }
    assert!(
        compared > 100,
        "only {compared} mutated inputs were compared"
    );
}
