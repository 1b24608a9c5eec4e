//! Topology spread constraints (`validateTopologySpreadConstraints`).

use super::*;

/// `validateTopologySpreadConstraints`.
pub(super) fn validate_topology_spread_constraints(
    constraints: &[TopologySpreadConstraint],
    path: &Path,
    errs: &mut Errors,
) {
    for (i, c) in constraints.iter().enumerate() {
        let p = path.index(i);
        if c.max_skew <= 0 {
            errs.invalid(
                &p.child("maxSkew"),
                Value::Int(i64::from(c.max_skew)),
                "must be greater than zero",
            );
        }
        if c.topology_key.is_empty() {
            errs.required(&p.child("topologyKey"), "can not be empty");
        }
        if !matches!(
            c.when_unsatisfiable.as_str(),
            "DoNotSchedule" | "ScheduleAnyway"
        ) {
            errs.not_supported(
                &p.child("whenUnsatisfiable"),
                Value::typed(&c.when_unsatisfiable),
                &["DoNotSchedule", "ScheduleAnyway"],
            );
        }
        let repeated = constraints.iter().skip(i + 1).any(|o| {
            o.topology_key == c.topology_key && o.when_unsatisfiable == c.when_unsatisfiable
        });
        if repeated {
            errs.duplicate(
                &p.child("{topologyKey, whenUnsatisfiable}"),
                Value::Str(format!("{{{}, {}}}", c.topology_key, c.when_unsatisfiable)),
            );
        }
        if let Some(md) = c.min_domains {
            if md <= 0 {
                errs.invalid(
                    &p.child("minDomains"),
                    Value::Int(i64::from(md)),
                    "must be greater than zero",
                );
            }
            if c.when_unsatisfiable != "DoNotSchedule" {
                errs.invalid(
                    &p.child("minDomains"),
                    Value::Int(i64::from(md)),
                    &format!(
                        "can only use minDomains if whenUnsatisfiable=DoNotSchedule, not {}",
                        c.when_unsatisfiable
                    ),
                );
            }
        }
        validate_label_selector(c.label_selector.as_ref(), &p.child("labelSelector"), errs);
    }
}
