//! Replays `quantity.jsonl`: every input parsed by Kubernetes v1.36.2's
//! `resource.ParseQuantity`, with its error, canonical form, format,
//! `MilliValue()`, `Value()`, JSON, and the exact values where those differ.

use daemonset_sim::k8s::quantity::{Quantity, MILLI};
use serde_json::Value;

fn check(case: &Value) -> Result<(), String> {
    let input = case["input"].as_str().ok_or("case without an input")?;
    let ok = case["ok"].as_bool().ok_or("case without ok")?;
    let got = Quantity::parse(input);
    let mut diffs = Vec::new();
    match (&got, ok) {
        (Err(e), false) => {
            let want = case["error"].as_str().unwrap_or("<missing>");
            if e.0 != want {
                diffs.push(format!("error: got {:?}, want {:?}", e.0, want));
            }
        }
        (Err(e), true) => diffs.push(format!("ok: got error {:?}, want success", e.0)),
        (Ok(q), false) => diffs.push(format!(
            "ok: got {:?}, want error {:?}",
            q.canonical(),
            case["error"].as_str().unwrap_or("<missing>")
        )),
        (Ok(q), true) => {
            let mut cmp_str = |field: &str, got: String| {
                let want = case[field].as_str().unwrap_or("<missing>");
                if got != want {
                    diffs.push(format!("{field}: got {got:?}, want {want:?}"));
                }
            };
            cmp_str("canonical", q.canonical());
            cmp_str("format", q.format().as_str().to_string());
            cmp_str("json", q.to_json());
            for (field, scale, got) in [("milli", MILLI, q.milli_value()), ("value", 0, q.value())]
            {
                match case[field].as_i64() {
                    Some(want) if want == got => {}
                    want => diffs.push(format!("{field}: got {got}, want {want:?}")),
                }
                // `<field>Exact` / `<field>OverflowOrInexact` appear only when
                // Kubernetes' int64 differs from the exact ceiling.
                let exact = q.scaled_value_exact(scale).unwrap_or_default();
                let quirk = exact != got.to_string();
                let want_quirk = case[format!("{field}OverflowOrInexact")]
                    .as_bool()
                    .unwrap_or(false);
                if quirk != want_quirk {
                    diffs.push(format!(
                        "{field}OverflowOrInexact: got {quirk}, want {want_quirk}"
                    ));
                }
                let want_exact = case[format!("{field}Exact")].as_str();
                if let Some(want_exact) = want_exact {
                    if exact != want_exact {
                        diffs.push(format!("{field}Exact: got {exact}, want {want_exact}"));
                    }
                }
            }
        }
    }
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(format!("input {input:?}: {}", diffs.join("; ")))
    }
}

#[test]
fn quantity_conformance() {
    let cases = crate::common::corpus("quantity");
    let mut tally = crate::common::Tally::new("quantity");
    for case in &cases {
        tally.case(check(case));
    }
    tally.finish();
}
