//! Taints and tolerations: `Toleration.ToleratesTaint`,
//! `FindMatchingUntoleratedTaint`, the tolerations the DaemonSet controller
//! adds to every daemon pod by itself, and kubectl's `key[=value]:Effect`
//! taint syntax (for the shorthand node list).

use crate::diagnostic::kubernetes_error;
use crate::k8s::model::{PodSpec, Taint, Toleration};

kubernetes_error!(
    /// A taint that is not `key[=value]:Effect` (kubectl's words).
    TaintSyntaxError
);

pub const NO_SCHEDULE: &str = "NoSchedule";
pub const PREFER_NO_SCHEDULE: &str = "PreferNoSchedule";
pub const NO_EXECUTE: &str = "NoExecute";

pub const TAINT_NOT_READY: &str = "node.kubernetes.io/not-ready";
pub const TAINT_UNREACHABLE: &str = "node.kubernetes.io/unreachable";
pub const TAINT_DISK_PRESSURE: &str = "node.kubernetes.io/disk-pressure";
pub const TAINT_MEMORY_PRESSURE: &str = "node.kubernetes.io/memory-pressure";
pub const TAINT_PID_PRESSURE: &str = "node.kubernetes.io/pid-pressure";
pub const TAINT_UNSCHEDULABLE: &str = "node.kubernetes.io/unschedulable";
pub const TAINT_NETWORK_UNAVAILABLE: &str = "node.kubernetes.io/network-unavailable";

/// `v1.Toleration.ToleratesTaint`. Operators other than `Equal`/`Exists`
/// (including the alpha `Gt`/`Lt`, whose feature gate is off in v1.36)
/// tolerate nothing.
pub fn tolerates(t: &Toleration, taint: &Taint) -> bool {
    if !t.effect.is_empty() && t.effect != taint.effect {
        return false;
    }
    if !t.key.is_empty() && t.key != taint.key {
        return false;
    }
    match t.operator.as_str() {
        "" | "Equal" => t.value == taint.value,
        "Exists" => true,
        _ => false,
    }
}

/// Index of the first toleration that tolerates `taint`.
pub fn tolerated_by(tolerations: &[Toleration], taint: &Taint) -> Option<usize> {
    tolerations.iter().position(|t| tolerates(t, taint))
}

/// `v1helper.FindMatchingUntoleratedTaint`: the first taint passing
/// `filter` that no toleration tolerates.
pub fn find_untolerated<'a>(
    taints: &'a [Taint],
    tolerations: &[Toleration],
    filter: impl Fn(&Taint) -> bool,
) -> Option<&'a Taint> {
    taints
        .iter()
        .filter(|t| filter(t))
        .find(|t| tolerated_by(tolerations, t).is_none())
}

/// The scheduler's filter: taints with effect NoSchedule or NoExecute.
pub fn is_do_not_schedule(t: &Taint) -> bool {
    t.effect == NO_SCHEDULE || t.effect == NO_EXECUTE
}

/// `Toleration.MatchToleration`: same key, operator, value and effect
/// (tolerationSeconds is not compared).
fn same_toleration(a: &Toleration, b: &Toleration) -> bool {
    a.key == b.key && a.operator == b.operator && a.value == b.value && a.effect == b.effect
}

/// `v1helper.AddOrUpdateTolerationInPodSpec`.
fn add_or_update(tolerations: &mut Vec<Toleration>, toleration: Toleration) {
    let mut updated = false;
    for t in tolerations.iter_mut() {
        if same_toleration(&toleration, t) {
            if *t == toleration {
                return;
            }
            *t = toleration.clone();
            updated = true;
        }
    }
    if !updated {
        tolerations.push(toleration);
    }
}

/// The tolerations the DaemonSet controller adds to every daemon pod
/// (`util.AddOrUpdateDaemonPodTolerations`), in the order it adds them.
pub fn daemon_auto_tolerations(host_network: bool) -> Vec<Toleration> {
    let mut v = vec![
        exists(TAINT_NOT_READY, NO_EXECUTE),
        exists(TAINT_UNREACHABLE, NO_EXECUTE),
        exists(TAINT_DISK_PRESSURE, NO_SCHEDULE),
        exists(TAINT_MEMORY_PRESSURE, NO_SCHEDULE),
        exists(TAINT_PID_PRESSURE, NO_SCHEDULE),
        exists(TAINT_UNSCHEDULABLE, NO_SCHEDULE),
    ];
    if host_network {
        v.push(exists(TAINT_NETWORK_UNAVAILABLE, NO_SCHEDULE));
    }
    v
}

fn exists(key: &str, effect: &str) -> Toleration {
    Toleration {
        key: key.to_string(),
        operator: "Exists".to_string(),
        effect: effect.to_string(),
        ..Toleration::default()
    }
}

/// Adds the controller's automatic tolerations to a daemon pod's spec.
pub fn add_daemon_tolerations(spec: &mut PodSpec) {
    for t in daemon_auto_tolerations(spec.host_network()) {
        add_or_update(&mut spec.tolerations, t);
    }
}

/// Is this toleration one the controller adds by itself?
pub fn is_daemon_auto_toleration(t: &Toleration, host_network: bool) -> bool {
    daemon_auto_tolerations(host_network).iter().any(|a| a == t)
}

/// kubectl's taint syntax `key[=value]:Effect` (as in `kubectl taint`).
pub fn parse_taint(s: &str) -> Result<Taint, TaintSyntaxError> {
    let s = s.trim();
    let (kv, effect) = s.rsplit_once(':').ok_or_else(|| {
        TaintSyntaxError(format!(
            "invalid taint spec: {s:?}: expected key[=value]:Effect"
        ))
    })?;
    let effect = match effect {
        NO_SCHEDULE | PREFER_NO_SCHEDULE | NO_EXECUTE => effect,
        _ => {
            return Err(TaintSyntaxError(format!(
                "invalid taint effect: {effect}, unsupported taint effect (expected NoSchedule, PreferNoSchedule or NoExecute)"
            )))
        }
    };
    let (key, value) = match kv.split_once('=') {
        Some((k, v)) => (k, v),
        None => (kv, ""),
    };
    if key.is_empty() {
        return Err(TaintSyntaxError(format!(
            "invalid taint spec: {s:?}: the key is empty"
        )));
    }
    Ok(Taint {
        key: key.to_string(),
        value: value.to_string(),
        effect: effect.to_string(),
        time_added: None,
    })
}

/// A taint written the way kubectl prints it: `key=value:Effect`.
pub fn format_taint(t: &Taint) -> String {
    if t.value.is_empty() {
        format!("{}:{}", t.key, t.effect)
    } else {
        format!("{}={}:{}", t.key, t.value, t.effect)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tol(key: &str, op: &str, value: &str, effect: &str) -> Toleration {
        Toleration {
            key: key.into(),
            operator: op.into(),
            value: value.into(),
            effect: effect.into(),
            toleration_seconds: None,
        }
    }
    fn taint(key: &str, value: &str, effect: &str) -> Taint {
        Taint {
            key: key.into(),
            value: value.into(),
            effect: effect.into(),
            time_added: None,
        }
    }

    #[test]
    fn toleration_table() {
        let gpu = taint("dedicated", "gpu", NO_EXECUTE);
        let cases = [
            (tol("dedicated", "Equal", "gpu", "NoExecute"), true),
            (tol("dedicated", "", "gpu", ""), true),
            (tol("dedicated", "Equal", "cpu", ""), false),
            (tol("dedicated", "Exists", "", ""), true),
            (tol("dedicated", "Exists", "", "NoSchedule"), false),
            (tol("", "Exists", "", ""), true),
            (tol("", "Exists", "", "NoExecute"), true),
            (tol("", "Equal", "gpu", ""), true), // empty key + Equal: value compared only (invalid in the API)
            (tol("other", "Exists", "", ""), false),
            (tol("dedicated", "exists", "", ""), false),
            (tol("dedicated", "Gt", "1", ""), false),
        ];
        for (t, want) in cases {
            assert_eq!(tolerates(&t, &gpu), want, "{t:?}");
        }
    }

    #[test]
    fn untolerated_taint_respects_filter() {
        let taints = vec![
            taint("a", "", PREFER_NO_SCHEDULE),
            taint("b", "", NO_SCHEDULE),
            taint("c", "", NO_EXECUTE),
        ];
        let tols = vec![tol("b", "Exists", "", "")];
        assert_eq!(
            find_untolerated(&taints, &tols, is_do_not_schedule).map(|t| t.key.as_str()),
            Some("c")
        );
        assert_eq!(
            find_untolerated(&taints, &tols, |t| t.effect == NO_SCHEDULE),
            None
        );
        assert!(find_untolerated(&taints, &[], |t| t.effect == PREFER_NO_SCHEDULE).is_some());
    }

    #[test]
    fn daemon_tolerations_added_and_network_only_for_host_network() {
        let mut spec = PodSpec::default();
        add_daemon_tolerations(&mut spec);
        assert_eq!(spec.tolerations.len(), 6);
        assert!(!spec
            .tolerations
            .iter()
            .any(|t| t.key == TAINT_NETWORK_UNAVAILABLE));
        let mut spec = PodSpec {
            host_network: Some(true),
            ..PodSpec::default()
        };
        add_daemon_tolerations(&mut spec);
        assert_eq!(spec.tolerations.len(), 7);
        // a user toleration equal but for tolerationSeconds is replaced, not duplicated
        let mut spec = PodSpec::default();
        let mut t = exists(TAINT_NOT_READY, NO_EXECUTE);
        t.toleration_seconds = Some(300);
        spec.tolerations.push(t);
        add_daemon_tolerations(&mut spec);
        assert_eq!(spec.tolerations.len(), 6);
        assert_eq!(spec.tolerations[0].toleration_seconds, None);
    }

    #[test]
    fn kubectl_taint_syntax() {
        assert_eq!(
            parse_taint("dedicated=gpu:NoExecute").unwrap(),
            taint("dedicated", "gpu", NO_EXECUTE)
        );
        assert_eq!(
            parse_taint("node-role.kubernetes.io/control-plane:NoSchedule").unwrap(),
            taint("node-role.kubernetes.io/control-plane", "", NO_SCHEDULE)
        );
        assert!(parse_taint("foo").is_err());
        assert!(parse_taint("foo:Evict").is_err());
        assert!(parse_taint(":NoSchedule").is_err());
        assert_eq!(
            format_taint(&taint("a", "b", NO_SCHEDULE)),
            "a=b:NoSchedule"
        );
    }
}
