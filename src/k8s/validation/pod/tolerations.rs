//! Tolerations (`ValidateTolerations`).

use super::*;

/// `ValidateTolerations`.
pub fn validate_tolerations(tolerations: &[Toleration], path: &Path, errs: &mut Errors) {
    for (i, t) in tolerations.iter().enumerate() {
        let p = path.index(i);
        if !t.key.is_empty() {
            validate_label_name(&t.key, &p.child("key"), errs);
        }
        if t.key.is_empty() && t.operator != "Exists" {
            errs.invalid(
                &p.child("operator"),
                Value::typed(&t.operator),
                "operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
            );
        }
        if t.toleration_seconds.is_some() && t.effect != "NoExecute" {
            errs.invalid(
                &p.child("effect"),
                Value::typed(&t.effect),
                "effect must be 'NoExecute' when `tolerationSeconds` is set",
            );
        }
        match t.operator.as_str() {
            "Equal" | "" => {
                let msgs = names::label_value_errors(&t.value);
                if !msgs.is_empty() {
                    errs.invalid(&p.child("operator"), Value::str(&t.value), &msgs.join(";"));
                }
            }
            "Exists" => {
                if !t.value.is_empty() {
                    errs.invalid(
                        &p.child("operator"),
                        Value::str(&t.value),
                        "value must be empty when `operator` is 'Exists'",
                    );
                }
            }
            // TaintTolerationComparisonOperators is off by default in v1.36.
            op @ ("Lt" | "Gt") => errs.not_supported(
                &p.child("operator"),
                Value::typed(op),
                &["Equal", "Exists", "Lt", "Gt"],
            ),
            op => errs.not_supported(&p.child("operator"), Value::typed(op), &["Equal", "Exists"]),
        }
        if !t.effect.is_empty() {
            validate_taint_effect(&t.effect, &p.child("effect"), errs);
        }
    }
}

/// `validateTaintEffect` (an empty effect is allowed on tolerations).
pub(in crate::k8s::validation) fn validate_taint_effect(
    effect: &str,
    path: &Path,
    errs: &mut Errors,
) {
    if !matches!(effect, "NoSchedule" | "PreferNoSchedule" | "NoExecute") {
        errs.not_supported(
            path,
            Value::typed(effect),
            &["NoSchedule", "PreferNoSchedule", "NoExecute"],
        );
    }
}
