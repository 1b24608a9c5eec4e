//! Affinity (`validateAffinity`): node selectors and their terms, pod
//! affinity and anti-affinity terms.

use super::*;

/// `validateAffinity`.
pub fn validate_affinity(affinity: &Affinity, path: &Path, errs: &mut Errors) {
    if let Some(na) = &affinity.node_affinity {
        let np = path.child("nodeAffinity");
        if let Some(required) = &na.required {
            validate_node_selector(
                required,
                false,
                &np.child("requiredDuringSchedulingIgnoredDuringExecution"),
                errs,
            );
        }
        let pp = np.child("preferredDuringSchedulingIgnoredDuringExecution");
        for (i, term) in na.preferred.iter().enumerate() {
            if term.weight <= 0 || term.weight > 100 {
                errs.invalid(
                    &pp.index(i).child("weight"),
                    Value::Int(i64::from(term.weight)),
                    "must be in the range 1-100",
                );
            }
            // Invalid label values are always allowed in preferred terms.
            validate_node_selector_term(
                &term.preference,
                true,
                &pp.index(i).child("preference"),
                errs,
            );
        }
    }
    if let Some(pa) = &affinity.pod_affinity {
        validate_pod_affinity(pa, &path.child("podAffinity"), errs);
    }
    if let Some(paa) = &affinity.pod_anti_affinity {
        validate_pod_affinity(paa, &path.child("podAntiAffinity"), errs);
    }
}

/// `ValidateNodeSelector`.
pub fn validate_node_selector(
    ns: &NodeSelector,
    allow_invalid_values: bool,
    path: &Path,
    errs: &mut Errors,
) {
    let terms_path = path.child("nodeSelectorTerms");
    if ns.node_selector_terms.is_empty() {
        errs.required(&terms_path, "must have at least one node selector term");
        return;
    }
    for (i, term) in ns.node_selector_terms.iter().enumerate() {
        validate_node_selector_term(term, allow_invalid_values, &terms_path.index(i), errs);
    }
}

/// `ValidateNodeSelectorTerm`.
pub fn validate_node_selector_term(
    term: &NodeSelectorTerm,
    allow_invalid_values: bool,
    path: &Path,
    errs: &mut Errors,
) {
    for (j, req) in term.match_expressions.iter().enumerate() {
        validate_node_selector_requirement(
            req,
            allow_invalid_values,
            &path.child("matchExpressions").index(j),
            errs,
        );
    }
    for (j, req) in term.match_fields.iter().enumerate() {
        validate_node_field_selector_requirement(req, &path.child("matchFields").index(j), errs);
    }
}

/// `ValidateNodeSelectorRequirement`.
pub(super) fn validate_node_selector_requirement(
    rq: &NodeSelectorRequirement,
    allow_invalid_values: bool,
    path: &Path,
    errs: &mut Errors,
) {
    match rq.operator.as_str() {
        "In" | "NotIn" => {
            if rq.values.is_empty() {
                errs.required(
                    &path.child("values"),
                    "must be specified when `operator` is 'In' or 'NotIn'",
                );
            }
        }
        "Exists" | "DoesNotExist" => {
            if !rq.values.is_empty() {
                errs.forbidden(
                    &path.child("values"),
                    "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                );
            }
        }
        "Gt" | "Lt" => {
            if rq.values.len() != 1 {
                errs.required(
                    &path.child("values"),
                    "must be specified single value when `operator` is 'Lt' or 'Gt'",
                );
            }
        }
        other => errs.invalid(
            &path.child("operator"),
            Value::typed(other),
            "not a valid selector operator",
        ),
    }
    validate_label_name(&rq.key, &path.child("key"), errs);
    if !allow_invalid_values {
        for (i, v) in rq.values.iter().enumerate() {
            errs.invalid_each(
                &path.child("values").index(i),
                &Value::str(v),
                names::label_value_errors(v),
            );
        }
    }
}

/// `ValidateNodeFieldSelectorRequirement`: only `metadata.name`, with In or
/// NotIn and exactly one value.
pub(super) fn validate_node_field_selector_requirement(
    req: &NodeSelectorRequirement,
    path: &Path,
    errs: &mut Errors,
) {
    match req.operator.as_str() {
        "In" | "NotIn" => {
            if req.values.len() != 1 {
                errs.required(
                    &path.child("values"),
                    "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
                );
            }
        }
        other => errs.invalid(
            &path.child("operator"),
            Value::typed(other),
            "not a valid selector operator",
        ),
    }
    if req.key == "metadata.name" {
        for (i, v) in req.values.iter().enumerate() {
            errs.invalid_each(
                &path.child("values").index(i),
                &Value::str(v),
                names::name_is_dns_subdomain(v, false),
            );
        }
    } else {
        errs.invalid(
            &path.child("key"),
            Value::str(&req.key),
            "not a valid field selector key",
        );
    }
}

/// `validatePodAffinity` / `validatePodAntiAffinity`.
pub(super) fn validate_pod_affinity(pa: &PodAffinity, path: &Path, errs: &mut Errors) {
    let rp = path.child("requiredDuringSchedulingIgnoredDuringExecution");
    for (i, term) in pa.required.iter().enumerate() {
        validate_pod_affinity_term(term, &rp.index(i), errs);
    }
    let pp = path.child("preferredDuringSchedulingIgnoredDuringExecution");
    for (j, wt) in pa.preferred.iter().enumerate() {
        if wt.weight <= 0 || wt.weight > 100 {
            errs.invalid(
                &pp.index(j).child("weight"),
                Value::Int(i64::from(wt.weight)),
                "must be in the range 1-100",
            );
        }
        validate_pod_affinity_term(
            &wt.pod_affinity_term,
            &pp.index(j).child("podAffinityTerm"),
            errs,
        );
    }
}

/// `validatePodAffinityTerm`.
pub(super) fn validate_pod_affinity_term(term: &PodAffinityTerm, path: &Path, errs: &mut Errors) {
    validate_label_selector(
        term.label_selector.as_ref(),
        &path.child("labelSelector"),
        errs,
    );
    for ns in &term.namespaces {
        errs.invalid_each(
            &path.child("namespace"),
            &Value::str(ns),
            names::name_is_dns_label(ns, false),
        );
    }
    if term.topology_key.is_empty() {
        errs.required(&path.child("topologyKey"), "can not be empty");
    }
    validate_label_name(&term.topology_key, &path.child("topologyKey"), errs);
}
