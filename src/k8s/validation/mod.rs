//! DaemonSet validation as the API server does it on create (after
//! defaulting): `apps/validation.ValidateDaemonSet` and the pod template
//! checks it calls (`core/validation.ValidatePodTemplateSpec`).
//!
//! Every check follows the Go code of Kubernetes v1.36 for the fields the
//! model carries; the errors are rendered exactly as the API server prints
//! them (see [`render`]). Fields the model does not carry are not
//! checked (README "Fidelity notes" lists what is not, such as `spec.os`
//! and most volume sources' own fields).

pub mod node;
#[cfg(any(feature = "node-errors", not(target_arch = "wasm32")))]
pub mod node_errors;
pub mod pod;

use crate::diagnostic::Diagnostic;
use crate::k8s::field::{
    json_int_or_string, json_label_selector, json_string, json_string_map, Errors, Path, Value,
};
use crate::k8s::labels::Selector;
use crate::k8s::model::{
    DaemonSet, DaemonSetSpec, IntOrString, LabelSelector, LabelSelectorRequirement, ObjectMeta,
    RollingUpdate, StringMap, UpdateStrategy,
};
use crate::k8s::{lower, names};

/// `IsNegativeErrorMsg`.
pub const IS_NEGATIVE_ERROR_MSG: &str = "must be greater than or equal to 0";

/// Every error the API server would return for this (already defaulted)
/// DaemonSet, sorted by their message, without line/column (the caller
/// locates them).
pub fn validate_daemon_set(ds: &DaemonSet) -> Vec<Diagnostic> {
    let mut errs = Errors::new();
    validate_object_meta(&ds.metadata, &Path::new("metadata"), &mut errs);
    validate_daemon_set_spec(&ds.spec, &Path::new("spec"), &mut errs);
    let mut out = errs.0;
    crate::sort::sort_by_key(&mut out, |d| d.message());
    // The API server's message lists each distinct error once.
    out.dedup_by(|a, b| a.message() == b.message());
    out
}

/// `ValidateObjectMeta(meta, requiresNamespace=true, NameIsDNSSubdomain)`
/// for an object being created. The API server fills an empty namespace
/// from the request (the `default` namespace here), and a `generateName`
/// becomes a name before validation, so only the prefix is checked then.
pub fn validate_object_meta(meta: &ObjectMeta, path: &Path, errs: &mut Errors) {
    let generate_name = meta.generate_name.as_deref().unwrap_or("");
    if !generate_name.is_empty() {
        let p = path.child("generateName");
        errs.invalid_each(
            &p,
            &Value::str(generate_name),
            names::name_is_dns_subdomain(generate_name, true),
        );
    }
    let name = meta.name.as_deref().unwrap_or("");
    if name.is_empty() {
        if generate_name.is_empty() {
            errs.required(&path.child("name"), "name or generateName is required");
        }
    } else {
        errs.invalid_each(
            &path.child("name"),
            &Value::str(name),
            names::name_is_dns_subdomain(name, false),
        );
    }
    let namespace = meta.namespace.as_deref().unwrap_or("");
    if !namespace.is_empty() {
        errs.invalid_each(
            &path.child("namespace"),
            &Value::str(namespace),
            names::name_is_dns_label(namespace, false),
        );
    }
    validate_labels(&meta.labels, &path.child("labels"), errs);
    validate_annotations(&meta.annotations, &path.child("annotations"), errs);
}

/// `ValidateLabelName`.
pub fn validate_label_name(name: &str, path: &Path, errs: &mut Errors) {
    errs.invalid_each(path, &Value::str(name), names::qualified_name_errors(name));
}

/// `ValidateLabels`: every key and value, reported at the map's path.
pub fn validate_labels(labels: &StringMap, path: &Path, errs: &mut Errors) {
    for (k, v) in labels {
        validate_label_name(k, path, errs);
        errs.invalid_each(path, &Value::str(v), names::label_value_errors(v));
    }
}

/// `TotalAnnotationSizeLimitB`.
pub const TOTAL_ANNOTATION_SIZE_LIMIT: usize = 256 * 1024;

/// `ValidateAnnotations`: keys are qualified names (case-insensitively),
/// and all of them together are at most 256 KiB.
pub fn validate_annotations(annotations: &StringMap, path: &Path, errs: &mut Errors) {
    for (k, _) in annotations {
        validate_annotation_key(k, path, errs);
    }
    validate_annotations_size(annotations, path, errs);
}

/// The key half of `ValidateAnnotations`: a qualified name once lowercased.
pub fn validate_annotation_key(key: &str, path: &Path, errs: &mut Errors) {
    errs.invalid_each(
        path,
        &Value::str(key),
        names::qualified_name_errors(&lower::go_to_lower(key)),
    );
}

/// The size half of `ValidateAnnotations`: keys and values together at
/// most [`TOTAL_ANNOTATION_SIZE_LIMIT`] bytes.
pub fn validate_annotations_size(annotations: &StringMap, path: &Path, errs: &mut Errors) {
    let mut size = 0usize;
    for (k, v) in annotations {
        size = size.saturating_add(k.len()).saturating_add(v.len());
    }
    if size > TOTAL_ANNOTATION_SIZE_LIMIT {
        errs.too_long(path, TOTAL_ANNOTATION_SIZE_LIMIT);
    }
}

/// `ValidateNonnegativeField`.
pub fn validate_nonnegative(value: i64, path: &Path, errs: &mut Errors) {
    if value < 0 {
        errs.invalid(path, Value::Int(value), IS_NEGATIVE_ERROR_MSG);
    }
}

/// `ValidateLabelSelector` with `AllowInvalidLabelValueInSelector: false`.
pub fn validate_label_selector(ls: Option<&LabelSelector>, path: &Path, errs: &mut Errors) {
    let Some(ls) = ls else { return };
    validate_labels(&ls.match_labels, &path.child("matchLabels"), errs);
    for (i, expr) in ls.match_expressions.iter().enumerate() {
        validate_label_selector_requirement(expr, &path.child("matchExpressions").index(i), errs);
    }
}

/// `ValidateLabelSelectorRequirement`.
pub fn validate_label_selector_requirement(
    sr: &LabelSelectorRequirement,
    path: &Path,
    errs: &mut Errors,
) {
    match sr.operator.as_str() {
        "In" | "NotIn" => {
            if sr.values.is_empty() {
                errs.required(
                    &path.child("values"),
                    "must be specified when `operator` is 'In' or 'NotIn'",
                );
            }
        }
        "Exists" | "DoesNotExist" => {
            if !sr.values.is_empty() {
                errs.forbidden(
                    &path.child("values"),
                    "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                );
            }
        }
        other => errs.invalid(
            &path.child("operator"),
            Value::typed(other),
            "not a valid selector operator",
        ),
    }
    validate_label_name(&sr.key, &path.child("key"), errs);
    for (i, v) in sr.values.iter().enumerate() {
        errs.invalid_each(
            &path.child("values").index(i),
            &Value::str(v),
            names::label_value_errors(v),
        );
    }
}

/// `ValidateDaemonSetSpec`.
pub fn validate_daemon_set_spec(spec: &DaemonSetSpec, path: &Path, errs: &mut Errors) {
    validate_label_selector(spec.selector.as_ref(), &path.child("selector"), errs);

    let template = &spec.template;
    if let Ok(selector) = Selector::from_label_selector(spec.selector.as_ref()) {
        if !selector.matches(&template.metadata.labels) {
            errs.invalid(
                &path.child("template").child("metadata").child("labels"),
                Value::Raw(json_string_map(&template.metadata.labels)),
                "`selector` does not match template `labels`",
            );
        }
    }
    if let Some(sel) = &spec.selector {
        if sel.match_labels.is_empty() && sel.match_expressions.is_empty() {
            errs.invalid(
                &path.child("selector"),
                Value::Raw(json_label_selector(sel)),
                "empty selector is invalid for daemonset",
            );
        }
    }

    let template_path = path.child("template");
    pod::validate_pod_template_spec(template, &template_path, errs);

    let spec_path = template_path.child("spec");
    let restart_policy = template.spec.restart_policy.as_deref().unwrap_or("");
    if restart_policy != "Always" {
        errs.not_supported(
            &spec_path.child("restartPolicy"),
            Value::typed(restart_policy),
            &["Always"],
        );
    }
    if template.spec.active_deadline_seconds.is_some() {
        errs.forbidden(
            &spec_path.child("activeDeadlineSeconds"),
            "activeDeadlineSeconds in DaemonSet is not Supported",
        );
    }
    validate_nonnegative(
        i64::from(spec.min_ready_seconds.unwrap_or(0)),
        &path.child("minReadySeconds"),
        errs,
    );

    validate_update_strategy(
        spec.update_strategy.as_ref(),
        &path.child("updateStrategy"),
        errs,
    );
    if let Some(limit) = spec.revision_history_limit {
        validate_nonnegative(i64::from(limit), &path.child("revisionHistoryLimit"), errs);
    }
}

/// The internal `apps.DaemonSetUpdateStrategy` as JSON, as the API server
/// prints it in an error: Go field names, `null` for no rolling update,
/// and `0` for each unset IntOrString.
fn json_update_strategy(s: &UpdateStrategy) -> String {
    let ru = match &s.rolling_update {
        None => "null".to_string(),
        Some(ru) => {
            let v = |x: &Option<IntOrString>| {
                x.as_ref()
                    .map_or_else(|| "0".to_string(), json_int_or_string)
            };
            format!(
                "{{\"MaxUnavailable\":{},\"MaxSurge\":{}}}",
                v(&ru.max_unavailable),
                v(&ru.max_surge)
            )
        }
    };
    format!(
        "{{\"Type\":{},\"RollingUpdate\":{}}}",
        json_string(s.type_.as_deref().unwrap_or("")),
        ru
    )
}

/// `ValidateDaemonSetUpdateStrategy`.
pub fn validate_update_strategy(strategy: Option<&UpdateStrategy>, path: &Path, errs: &mut Errors) {
    let default = UpdateStrategy::default();
    let strategy = strategy.unwrap_or(&default);
    match strategy.type_.as_deref().unwrap_or("") {
        "OnDelete" => {}
        "RollingUpdate" => match &strategy.rolling_update {
            None => errs.required(&path.child("rollingUpdate"), ""),
            Some(ru) => validate_rolling_update(ru, &path.child("rollingUpdate"), errs),
        },
        _ => errs.not_supported(
            path,
            Value::Raw(json_update_strategy(strategy)),
            &["RollingUpdate", "OnDelete"],
        ),
    }
}

/// `strconv.Atoi`, as far as the result matters here.
fn atoi(s: &str) -> Option<i64> {
    s.parse::<i64>().ok()
}

/// `getPercentValue`: the number of a valid percent string.
fn percent_value(v: &IntOrString) -> Option<i64> {
    match v {
        IntOrString::String(s) if names::percent_errors(s).is_empty() => {
            Some(atoi(s.strip_suffix('%').unwrap_or(s)).unwrap_or(0))
        }
        _ => None,
    }
}

/// `getIntOrPercentValue`.
fn int_or_percent_value(v: &IntOrString) -> i64 {
    if let Some(p) = percent_value(v) {
        return p;
    }
    match v {
        IntOrString::Int(i) => *i,
        IntOrString::String(s) => atoi(s).unwrap_or(0),
    }
}

/// `ValidatePositiveIntOrPercent`.
pub fn validate_positive_int_or_percent(v: &IntOrString, path: &Path, errs: &mut Errors) {
    match v {
        IntOrString::String(s) => {
            errs.invalid_each(
                path,
                &Value::Raw(json_int_or_string(v)),
                names::percent_errors(s),
            );
        }
        IntOrString::Int(i) => validate_nonnegative(*i, path, errs),
    }
}

/// `IsNotMoreThan100Percent`.
pub fn validate_not_more_than_100_percent(v: &IntOrString, path: &Path, errs: &mut Errors) {
    if percent_value(v).is_some_and(|p| p > 100) {
        errs.invalid(
            path,
            Value::Raw(json_int_or_string(v)),
            "must not be greater than 100%",
        );
    }
}

/// `ValidateRollingUpdateDaemonSet`. Unset values are the internal type's
/// zero value (`0`).
pub fn validate_rolling_update(ru: &RollingUpdate, path: &Path, errs: &mut Errors) {
    let zero = IntOrString::Int(0);
    let max_unavailable = ru.max_unavailable.as_ref().unwrap_or(&zero);
    let max_surge = ru.max_surge.as_ref().unwrap_or(&zero);
    let mu_path = path.child("maxUnavailable");
    let ms_path = path.child("maxSurge");
    validate_positive_int_or_percent(max_unavailable, &mu_path, errs);
    validate_positive_int_or_percent(max_surge, &ms_path, errs);
    validate_not_more_than_100_percent(max_unavailable, &mu_path, errs);
    validate_not_more_than_100_percent(max_surge, &ms_path, errs);
    let has_unavailable = int_or_percent_value(max_unavailable) != 0;
    let has_surge = int_or_percent_value(max_surge) != 0;
    if has_unavailable && has_surge {
        errs.invalid(
            &ms_path,
            Value::Raw(json_int_or_string(max_surge)),
            "may not be set when maxUnavailable is non-zero",
        );
    } else if !has_unavailable && !has_surge {
        errs.required(&mu_path, "cannot be 0 when maxSurge is 0");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::k8s::model::{Container, PodTemplateSpec};

    fn valid_daemon_set() -> DaemonSet {
        let mut labels = StringMap::new();
        labels.insert("app", "agent");
        let mut ds = DaemonSet::default();
        ds.metadata.name = Some("agent".into());
        ds.metadata.namespace = Some("default".into());
        ds.spec.selector = Some(LabelSelector {
            match_labels: labels.clone(),
            match_expressions: vec![],
        });
        ds.spec.template = PodTemplateSpec::default();
        ds.spec.template.metadata.labels = labels;
        ds.spec.template.spec.containers.push(Container {
            name: Some("main".into()),
            image: Some("busybox".into()),
            ..Default::default()
        });
        ds.spec.template.spec.restart_policy = Some("Always".into());
        ds.spec.update_strategy = Some(UpdateStrategy {
            type_: Some("RollingUpdate".into()),
            rolling_update: Some(RollingUpdate {
                max_unavailable: Some(IntOrString::Int(1)),
                max_surge: Some(IntOrString::Int(0)),
            }),
        });
        ds.spec.revision_history_limit = Some(10);
        ds
    }

    fn messages(ds: &DaemonSet) -> Vec<String> {
        validate_daemon_set(ds)
            .iter()
            .map(|d| d.message())
            .collect()
    }

    #[test]
    fn annotation_keys_are_lowercased_as_go_does() {
        // Go lowercases U+0130 to "i" (a valid key) and U+212A (Kelvin) to "k"
        let mut ds = valid_daemon_set();
        for k in ["\u{130}", "\u{212A}", "Example.COM/Key"] {
            ds.metadata.annotations.insert(k, "v");
        }
        assert_eq!(messages(&ds), Vec::<String>::new());
        ds.metadata.annotations.insert("\u{e9}", "v");
        assert_eq!(messages(&ds).len(), 1, "{:?}", messages(&ds));
    }

    #[test]
    fn valid_object_has_no_errors() {
        assert_eq!(messages(&valid_daemon_set()), Vec::<String>::new());
    }

    #[test]
    fn spec_level_rules() {
        type Mutation = fn(&mut DaemonSet);
        let cases: Vec<(Mutation, Vec<&str>)> = vec![
            (|ds| ds.spec.min_ready_seconds = Some(-5), vec!["spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0"]),
            (|ds| ds.spec.revision_history_limit = Some(-1), vec!["spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0"]),
            (|ds| ds.metadata.namespace = Some("ns.with.dots".into()), vec!["metadata.namespace: Invalid value: \"ns.with.dots\": must not contain dots"]),
            (|ds| ds.metadata.name = Some(String::new()), vec!["metadata.name: Required value: name or generateName is required"]),
            (
                |ds| ds.spec.selector = Some(LabelSelector::default()),
                vec!["spec.selector: Invalid value: {}: empty selector is invalid for daemonset"],
            ),
            (
                |ds| ds.spec.selector = None,
                vec!["spec.template.metadata.labels: Invalid value: {\"app\":\"agent\"}: `selector` does not match template `labels`"],
            ),
            (
                |ds| ds.spec.template.spec.active_deadline_seconds = Some(30),
                vec!["spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported"],
            ),
            (
                |ds| ds.spec.template.spec.restart_policy = Some("Never".into()),
                vec!["spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""],
            ),
            (
                |ds| ds.spec.update_strategy = Some(UpdateStrategy { type_: Some("Rolling".into()), rolling_update: None }),
                vec!["spec.updateStrategy: Unsupported value: {\"Type\":\"Rolling\",\"RollingUpdate\":null}: supported values: \"RollingUpdate\", \"OnDelete\""],
            ),
            (
                |ds| {
                    if let Some(ru) = ds.spec.update_strategy.as_mut().and_then(|s| s.rolling_update.as_mut()) {
                        ru.max_unavailable = Some(IntOrString::Int(0));
                    }
                },
                vec!["spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0"],
            ),
            (
                |ds| {
                    if let Some(ru) = ds.spec.update_strategy.as_mut().and_then(|s| s.rolling_update.as_mut()) {
                        ru.max_surge = Some(IntOrString::String("10%".into()));
                    }
                },
                vec!["spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: \"10%\": may not be set when maxUnavailable is non-zero"],
            ),
            (
                |ds| {
                    if let Some(ru) = ds.spec.update_strategy.as_mut().and_then(|s| s.rolling_update.as_mut()) {
                        ru.max_unavailable = Some(IntOrString::String("150%".into()));
                    }
                },
                vec!["spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"150%\": must not be greater than 100%"],
            ),
        ];
        for (mutate, want) in cases {
            let mut ds = valid_daemon_set();
            mutate(&mut ds);
            assert_eq!(messages(&ds), want);
        }
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let odd = [
            "",
            "-",
            "/",
            "a/",
            "/a",
            "a//b",
            "é/ü",
            "\u{0}",
            "x".repeat(300).as_str(),
            "-1%",
            "%%",
            "..",
            "a-",
        ]
        .map(String::from);
        for s in &odd {
            let mut ds = valid_daemon_set();
            ds.metadata.name = Some(s.clone());
            ds.metadata.generate_name = Some(s.clone());
            ds.metadata.namespace = Some(s.clone());
            ds.metadata.labels.insert(s.clone(), s.clone());
            ds.metadata.annotations.insert(s.clone(), s.clone());
            ds.spec.selector = Some(LabelSelector {
                match_labels: ds.metadata.labels.clone(),
                match_expressions: vec![LabelSelectorRequirement {
                    key: s.clone(),
                    operator: s.clone(),
                    values: vec![s.clone()],
                }],
            });
            ds.spec.min_ready_seconds = Some(i32::MIN);
            ds.spec.revision_history_limit = Some(i32::MIN);
            ds.spec.update_strategy = Some(UpdateStrategy {
                type_: Some(s.clone()),
                rolling_update: Some(RollingUpdate {
                    max_unavailable: Some(IntOrString::String(s.clone())),
                    max_surge: Some(IntOrString::Int(i64::MIN)),
                }),
            });
            let spec = &mut ds.spec.template.spec;
            spec.node_name = Some(s.clone());
            spec.priority_class_name = Some(s.clone());
            spec.active_deadline_seconds = Some(i64::MIN);
            spec.node_selector.insert(s.clone(), s.clone());
            spec.containers[0].name = Some(s.clone());
            spec.containers[0].image = Some(s.clone());
            spec.containers[0].resources.limits.insert(s, s);
            spec.containers[0].resources.requests.insert(s, s);
            spec.containers[0]
                .resources
                .limits
                .insert(format!("hugepages-{s}"), "1");
            spec.tolerations.push(crate::k8s::model::Toleration {
                key: s.clone(),
                operator: s.clone(),
                value: s.clone(),
                effect: s.clone(),
                toleration_seconds: Some(i64::MIN),
            });
            let _ = validate_daemon_set(&ds);
            let _ =
                Selector::from_label_selector(ds.spec.selector.as_ref()).map(|sel| sel.to_string());
        }
    }

    #[test]
    fn int_or_percent_values() {
        let cases = [
            (IntOrString::Int(3), 3),
            (IntOrString::String("25%".into()), 25),
            (IntOrString::String("5".into()), 5),
            (IntOrString::String("abc".into()), 0),
            (IntOrString::String("-5%".into()), 0),
            (IntOrString::String("99999999999999999999%".into()), 0),
        ];
        for (v, want) in cases {
            assert_eq!(int_or_percent_value(&v), want, "{v:?}");
        }
    }
}
