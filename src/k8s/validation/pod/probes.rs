//! Probes and lifecycle hooks (`validateLivenessProbe`,
//! `validateReadinessProbe`, `validateStartupProbe`, `validateProbe`,
//! `validateLifecycle`, `validateHandler`): one handler, valid ports, no
//! negative timing, a success threshold of 1 where it must be. Values are
//! judged after the API server's defaults (`SetDefaults_Probe`: 0 is 1
//! second, 10 seconds, 1 and 3; `SetDefaults_HTTPGetAction`: path `/`,
//! scheme `HTTP`); HTTP header names, and a `sleep` hook's seconds against
//! the pod's termination grace period.

use super::*;
use crate::k8s::model::{
    ExecAction, GrpcAction, HttpGetAction, IntOrString, Lifecycle, LifecycleHandler, Probe,
    SleepAction, TcpSocketAction,
};

/// Which probe: what `validate*Probe` adds to `validateProbe`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Liveness,
    Readiness,
    Startup,
}

/// `validateLivenessProbe` and the others, for a probe that is set.
pub fn validate_probe(probe: &Probe, kind: Kind, path: &Path, errs: &mut Errors) {
    let handler = Handler {
        exec: probe.exec.as_ref(),
        http_get: probe.http_get.as_ref(),
        tcp_socket: probe.tcp_socket.as_ref(),
        grpc: probe.grpc.as_ref(),
        sleep: None,
    };
    validate_handler(&handler, None, path, errs);
    let defaulted = |v: Option<i32>, default: i32| match v.unwrap_or(0) {
        0 => default,
        v => v,
    };
    let success = defaulted(probe.success_threshold, 1);
    for (field, value) in [
        (
            "initialDelaySeconds",
            probe.initial_delay_seconds.unwrap_or(0),
        ),
        ("timeoutSeconds", defaulted(probe.timeout_seconds, 1)),
        ("periodSeconds", defaulted(probe.period_seconds, 10)),
        ("successThreshold", success),
        ("failureThreshold", defaulted(probe.failure_threshold, 3)),
    ] {
        // ValidateNonnegativeField
        if value < 0 {
            errs.invalid(
                &path.child(field),
                Value::Int(i64::from(value)),
                "must be greater than or equal to 0",
            );
        }
    }
    if let Some(t) = probe.termination_grace_period_seconds.filter(|t| *t <= 0) {
        errs.invalid(
            &path.child("terminationGracePeriodSeconds"),
            Value::Int(t),
            "must be greater than 0",
        );
    }
    match kind {
        Kind::Liveness | Kind::Startup if success != 1 => {
            errs.invalid(
                &path.child("successThreshold"),
                Value::Int(i64::from(success)),
                "must be 1",
            );
        }
        Kind::Readiness => {
            if let Some(t) = probe.termination_grace_period_seconds {
                errs.invalid(
                    &path.child("terminationGracePeriodSeconds"),
                    Value::Int(t),
                    "must not be set for readinessProbes",
                );
            }
        }
        _ => {}
    }
}

/// `commonHandler`: a probe's or a lifecycle hook's handler.
struct Handler<'a> {
    exec: Option<&'a ExecAction>,
    http_get: Option<&'a HttpGetAction>,
    tcp_socket: Option<&'a TcpSocketAction>,
    grpc: Option<&'a GrpcAction>,
    sleep: Option<&'a SleepAction>,
}

/// `validateLifecycle`: each hook given has one valid handler
/// (`grace_period`: the pod's `terminationGracePeriodSeconds`).
pub fn validate_lifecycle(
    lifecycle: &Lifecycle,
    grace_period: Option<i64>,
    path: &Path,
    errs: &mut Errors,
) {
    fn hook(h: &LifecycleHandler) -> Handler<'_> {
        Handler {
            exec: h.exec.as_ref(),
            http_get: h.http_get.as_ref(),
            tcp_socket: h.tcp_socket.as_ref(),
            grpc: None,
            sleep: h.sleep.as_ref(),
        }
    }
    if let Some(h) = &lifecycle.post_start {
        validate_handler(&hook(h), grace_period, &path.child("postStart"), errs);
    }
    if let Some(h) = &lifecycle.pre_stop {
        validate_handler(&hook(h), grace_period, &path.child("preStop"), errs);
    }
}

/// `validateHandler`: exactly one of `exec`, `httpGet`, `tcpSocket`,
/// `grpc`, `sleep`, each valid.
fn validate_handler(probe: &Handler, grace_period: Option<i64>, path: &Path, errs: &mut Errors) {
    let mut n = 0;
    let mut one = |name: &str, errs: &mut Errors| {
        if n > 0 {
            errs.forbidden(
                &path.child(name),
                "may not specify more than 1 handler type",
            );
            false
        } else {
            n += 1;
            true
        }
    };
    if let Some(exec) = probe.exec {
        if one("exec", errs) && exec.command.is_empty() {
            errs.required(&path.child("exec").child("command"), "");
        }
    }
    if let Some(http) = probe.http_get {
        if one("httpGet", errs) {
            let at = path.child("httpGet");
            port_num_or_name(http.port.as_ref(), &at.child("port"), errs);
            let scheme = http
                .scheme
                .as_deref()
                .filter(|s| !s.is_empty())
                .unwrap_or("HTTP");
            if !matches!(scheme, "HTTP" | "HTTPS") {
                errs.not_supported(
                    &at.child("scheme"),
                    Value::typed(scheme),
                    &["HTTP", "HTTPS"],
                );
            }
            // every header's errors at the list's path, as Go does
            for h in &http.http_headers {
                errs.invalid_each(
                    &at.child("httpHeaders"),
                    &Value::str(&h.name),
                    names::http_header_name_errors(&h.name),
                );
            }
        }
    }
    if let Some(tcp) = probe.tcp_socket {
        if one("tcpSocket", errs) {
            port_num_or_name(
                tcp.port.as_ref(),
                &path.child("tcpSocket").child("port"),
                errs,
            );
        }
    }
    if let Some(grpc) = probe.grpc {
        if one("grpc", errs) {
            let port = IntOrString::Int(i64::from(grpc.port.unwrap_or(0)));
            port_num_or_name(Some(&port), &path.child("grpc").child("port"), errs);
        }
    }
    if let Some(sleep) = probe.sleep {
        if one("sleep", errs) {
            validate_sleep_action(sleep, grace_period, &path.child("sleep"), errs);
        }
    }
    if n == 0 {
        errs.required(path, "must specify a handler type");
    }
}

/// `validateSleepAction` with PodLifecycleSleepActionAllowZero (GA, locked
/// on in v1.36): 0 up to the pod's grace period.
fn validate_sleep_action(
    sleep: &SleepAction,
    grace_period: Option<i64>,
    path: &Path,
    errs: &mut Errors,
) {
    if let Some(grace) = grace_period {
        if sleep.seconds < 0 || sleep.seconds > grace {
            errs.invalid(
                path,
                Value::Int(sleep.seconds),
                &format!(
                    "must be non-negative and less than terminationGracePeriodSeconds ({grace})"
                ),
            );
        }
    }
}

/// `ValidatePortNumOrName` (a port not given is the number 0).
fn port_num_or_name(port: Option<&IntOrString>, path: &Path, errs: &mut Errors) {
    match port {
        Some(IntOrString::String(name)) => {
            errs.invalid_each(path, &Value::str(name), names::port_name_errors(name));
        }
        Some(IntOrString::Int(n)) => {
            errs.invalid_each(path, &Value::Int(*n), names::port_num_errors(*n));
        }
        None => errs.invalid_each(path, &Value::Int(0), names::port_num_errors(0)),
    }
}
