//! `validatePodDNSConfig` (and its IP check, which `ValidateHostAliases`
//! shares), `validateReadinessGates` and
//! `validateSchedulingGates`, in `ValidatePodSpec`'s order (after the
//! affinity, before the topology spread constraints).

use super::*;
use crate::k8s::field::json_string_list;
use crate::k8s::model::{PodDnsConfig, PodReadinessGate, PodSchedulingGate};

/// `MaxDNSNameservers`.
const MAX_DNS_NAMESERVERS: usize = 3;
/// `MaxDNSSearchPaths`.
const MAX_DNS_SEARCH_PATHS: usize = 32;
/// `MaxDNSSearchListChars`.
const MAX_DNS_SEARCH_LIST_CHARS: usize = 2048;

/// `validatePodDNSConfig` (`dns_policy`: once defaulted). Search domains
/// follow RelaxedDNSSearchValidation (GA, locked on in v1.36): `.` alone
/// is allowed, a trailing dot is dropped, underscores are allowed.
pub(super) fn validate_pod_dns_config(
    config: Option<&PodDnsConfig>,
    dns_policy: Option<&str>,
    path: &Path,
    errs: &mut Errors,
) {
    if dns_policy == Some("None") {
        let Some(config) = config else {
            errs.required(path, "must provide `dnsConfig` when `dnsPolicy` is None");
            return;
        };
        if config.nameservers.is_empty() {
            errs.required(
                &path.child("nameservers"),
                "must provide at least one DNS nameserver when `dnsPolicy` is None",
            );
            return;
        }
    }
    let Some(config) = config else { return };
    let ns_path = path.child("nameservers");
    if config.nameservers.len() > MAX_DNS_NAMESERVERS {
        errs.invalid(
            &ns_path,
            Value::Raw(json_string_list(&config.nameservers)),
            &format!("must not have more than {MAX_DNS_NAMESERVERS} nameservers"),
        );
    }
    for (i, ns) in config.nameservers.iter().enumerate() {
        validate_ip(ns, &ns_path.index(i), errs);
    }
    let search_path = path.child("searches");
    if config.searches.len() > MAX_DNS_SEARCH_PATHS {
        errs.invalid(
            &search_path,
            Value::Raw(json_string_list(&config.searches)),
            &format!("must not have more than {MAX_DNS_SEARCH_PATHS} search paths"),
        );
    }
    // strings.Join(searches, " "), without making it
    let joined = config.searches.iter().map(String::len).sum::<usize>()
        + config.searches.len().saturating_sub(1);
    if joined > MAX_DNS_SEARCH_LIST_CHARS {
        errs.invalid(
            &search_path,
            Value::Raw(json_string_list(&config.searches)),
            &format!(
                "must not have more than {MAX_DNS_SEARCH_LIST_CHARS} characters (including spaces) in the search list"
            ),
        );
    }
    for (i, search) in config.searches.iter().enumerate() {
        if search == "." {
            continue;
        }
        let search = search.strip_suffix('.').unwrap_or(search);
        errs.invalid_each(
            &search_path.index(i),
            &Value::str(search),
            names::dns1123_subdomain_with_underscore_errors(search),
        );
    }
    for (i, option) in config.options.iter().enumerate() {
        if option.name.is_empty() {
            errs.required(&path.child("options").index(i), "must not be empty");
        }
    }
}

/// `validateReadinessGates`: each condition type is a qualified name.
pub(super) fn validate_readiness_gates(gates: &[PodReadinessGate], path: &Path, errs: &mut Errors) {
    for (i, gate) in gates.iter().enumerate() {
        errs.invalid_each(
            &path.index(i).child("conditionType"),
            &Value::str(&gate.condition_type),
            names::qualified_name_errors(&gate.condition_type),
        );
    }
}

/// `validateSchedulingGates`: qualified names, each once (the errors at
/// the item's path, not its `name`).
pub(super) fn validate_scheduling_gates(
    gates: &[PodSchedulingGate],
    path: &Path,
    errs: &mut Errors,
) {
    let mut seen: HashSet<&str> = HashSet::new();
    for (i, gate) in gates.iter().enumerate() {
        let p = path.index(i);
        errs.invalid_each(
            &p,
            &Value::str(&gate.name),
            names::qualified_name_errors(&gate.name),
        );
        if !seen.insert(&gate.name) {
            errs.duplicate(&p, Value::str(&gate.name));
        }
    }
}

/// `IsValidIP` (`IsValidIPForLegacyField` without StrictIPCIDRValidation):
/// what `netutils.ParseIPSloppy` reads.
pub(super) fn validate_ip(ip: &str, path: &Path, errs: &mut Errors) {
    if !names::is_ip_sloppy(ip) {
        errs.invalid(
            path,
            Value::str(ip),
            "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
        );
    }
}
