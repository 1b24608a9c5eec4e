//! Resource names and requirements (`ValidateResourceRequirements`,
//! `validateContainerResourceName`, quantities and hugepages).

use super::*;

pub(super) const HUGE_PAGES_PREFIX: &str = "hugepages-";
pub(super) const DEFAULT_NAMESPACE_PREFIX: &str = "kubernetes.io/";
pub(super) const REQUESTS_PREFIX: &str = "requests.";

pub(super) fn is_huge_page_resource_name(name: &str) -> bool {
    name.starts_with(HUGE_PAGES_PREFIX)
}

/// `helper.IsStandardResourceName`.
pub(super) fn is_standard_resource_name(name: &str) -> bool {
    const STANDARD: [&str; 20] = [
        "cpu",
        "memory",
        "ephemeral-storage",
        "requests.cpu",
        "requests.memory",
        "requests.ephemeral-storage",
        "limits.cpu",
        "limits.memory",
        "limits.ephemeral-storage",
        "pods",
        "resourcequotas",
        "services",
        "replicationcontrollers",
        "secrets",
        "persistentvolumeclaims",
        "configmaps",
        "storage",
        "requests.storage",
        "services.nodeports",
        "services.loadbalancers",
    ];
    STANDARD.contains(&name)
        || name.starts_with(HUGE_PAGES_PREFIX)
        || name.starts_with("requests.hugepages-")
}

/// `helper.IsStandardContainerResourceName`.
pub(super) fn is_standard_container_resource_name(name: &str) -> bool {
    matches!(name, "cpu" | "memory" | "ephemeral-storage") || is_huge_page_resource_name(name)
}

/// `helper.IsNativeResource`: no domain, or a `kubernetes.io/` one.
pub(super) fn is_native_resource(name: &str) -> bool {
    !name.contains('/') || name.contains(DEFAULT_NAMESPACE_PREFIX)
}

/// `helper.IsExtendedResourceName`.
pub(super) fn is_extended_resource_name(name: &str) -> bool {
    if is_native_resource(name) || name.starts_with(REQUESTS_PREFIX) {
        return false;
    }
    names::qualified_name_errors(&format!("{REQUESTS_PREFIX}{name}")).is_empty()
}

/// `helper.IsOvercommitAllowed`.
pub(super) fn is_overcommit_allowed(name: &str) -> bool {
    is_native_resource(name) && !is_huge_page_resource_name(name)
}

/// `helper.IsIntegerResourceName`.
pub(in crate::k8s::validation) fn is_integer_resource_name(name: &str) -> bool {
    matches!(
        name,
        "pods"
            | "resourcequotas"
            | "services"
            | "replicationcontrollers"
            | "secrets"
            | "configmaps"
            | "persistentvolumeclaims"
            | "services.nodeports"
            | "services.loadbalancers"
    ) || is_extended_resource_name(name)
}

/// `validateContainerResourceName` (with `validateResourceName`).
pub(super) fn validate_container_resource_name(name: &str, path: &Path, errs: &mut Errors) {
    let msgs = names::qualified_name_errors(name);
    let qualified = msgs.is_empty();
    errs.invalid_each(path, &Value::typed(name), msgs);
    if !name.contains('/') {
        if qualified && !is_standard_resource_name(name) {
            errs.invalid(
                path,
                Value::typed(name),
                "must be a standard resource type or fully qualified",
            );
        }
        if !is_standard_container_resource_name(name) {
            errs.invalid(
                path,
                Value::typed(name),
                "must be a standard resource for containers",
            );
        }
    } else if !is_native_resource(name) && !is_extended_resource_name(name) {
        errs.invalid(
            path,
            Value::typed(name),
            "doesn't follow extended resource name standard",
        );
    }
}

/// Parses a quantity of a resource list; a value the API server could not
/// even decode is reported at its path.
pub(super) fn parse_quantity(text: &str, path: &Path, errs: &mut Errors) -> Option<Quantity> {
    match Quantity::parse(text) {
        Ok(q) => Some(q),
        Err(e) => {
            errs.invalid(path, Value::str(text), &e.0);
            None
        }
    }
}

/// `ValidateResourceQuantityValue`.
pub(in crate::k8s::validation) fn validate_resource_quantity_value(
    name: &str,
    q: &Quantity,
    path: &Path,
    errs: &mut Errors,
) {
    if q.sign() < 0 {
        errs.invalid(path, Value::str(&q.canonical()), IS_NEGATIVE_ERROR_MSG);
    }
    if is_integer_resource_name(name) && q.milli_value() % 1000 != 0 {
        errs.invalid(
            path,
            Value::Raw(json_string(&q.canonical())),
            "must be an integer",
        );
    }
}

/// `validateResourceQuantityHugePageValue`: a whole number of pages.
pub(super) fn validate_huge_page_value(name: &str, q: &Quantity, path: &Path, errs: &mut Errors) {
    let divisible = name
        .strip_prefix(HUGE_PAGES_PREFIX)
        .and_then(|size| Quantity::parse(size).ok())
        .filter(|page| page.sign() > 0 && page.milli_value() % 1000 == 0 && page.value() != 0)
        .is_some_and(|page| q.value() % page.value() == 0);
    if !divisible {
        let canonical = q.canonical();
        errs.invalid(
            path,
            Value::str(&canonical),
            &format!("{canonical} is not positive integer multiple of {name}"),
        );
    }
}

/// `ValidateContainerResourceRequirements` (limits and requests of a
/// container, or a pod's overhead as limits).
pub fn validate_resource_requirements(
    limits: &ResourceList,
    requests: &ResourceList,
    path: &Path,
    errs: &mut Errors,
) {
    let lim_path = path.child("limits");
    let req_path = path.child("requests");
    let mut lim_cpu_or_memory = false;
    let mut req_cpu_or_memory = false;
    let mut lim_huge_pages = false;
    let mut req_huge_pages = false;
    for (name, text) in limits {
        let p = lim_path.key(name);
        validate_container_resource_name(name, &p, errs);
        let Some(q) = parse_quantity(text, &p, errs) else {
            continue;
        };
        validate_resource_quantity_value(name, &q, &p, errs);
        if is_huge_page_resource_name(name) {
            lim_huge_pages = true;
            validate_huge_page_value(name, &q, &p, errs);
        }
        if name == "cpu" || name == "memory" {
            lim_cpu_or_memory = true;
        }
    }
    for (name, text) in requests {
        let p = req_path.key(name);
        validate_container_resource_name(name, &p, errs);
        let Some(q) = parse_quantity(text, &p, errs) else {
            continue;
        };
        validate_resource_quantity_value(name, &q, &p, errs);
        match limits.get(name).map(Quantity::parse) {
            Some(Ok(limit)) => {
                let ord = q.cmp_exact(&limit);
                if ord != Ordering::Equal && !is_overcommit_allowed(name) {
                    errs.invalid(
                        &req_path,
                        Value::str(&q.canonical()),
                        &format!("must be equal to {name} limit of {}", limit.canonical()),
                    );
                } else if ord == Ordering::Greater {
                    errs.invalid(
                        &req_path,
                        Value::str(&q.canonical()),
                        &format!(
                            "must be less than or equal to {name} limit of {}",
                            limit.canonical()
                        ),
                    );
                }
            }
            Some(Err(_)) => {}
            None => {
                if !is_overcommit_allowed(name) {
                    errs.required(
                        &lim_path,
                        "Limit must be set for non overcommitable resources",
                    );
                }
            }
        }
        if is_huge_page_resource_name(name) {
            req_huge_pages = true;
            validate_huge_page_value(name, &q, &p, errs);
        }
        if name == "cpu" || name == "memory" {
            req_cpu_or_memory = true;
        }
    }
    if !lim_cpu_or_memory && !req_cpu_or_memory && (req_huge_pages || lim_huge_pages) {
        errs.forbidden(path, "HugePages require cpu or memory");
    }
}
