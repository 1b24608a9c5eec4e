//! envFrom, resizePolicy, probes' HTTP header names, sleep hooks,
//! dnsConfig, readiness and scheduling gates, spec.os and
//! seLinuxChangePolicy: each expected line written from the Go source
//! (pkg/apis/core/validation/validation.go), in Go's append order.

use super::*;
use serde_json::json;

const S: &str = "spec.template.spec";
const C0: &str = "spec.template.spec.containers[0]";

/// The errors of a pod template given as JSON, in the order Go appends
/// them (not sorted).
fn errors(spec: serde_json::Value) -> Vec<String> {
    let t: PodTemplateSpec = serde_json::from_value(json!({
        "metadata": {"labels": {"app": "a"}},
        "spec": spec,
    }))
    .unwrap();
    let mut errs = Errors::new();
    validate_pod_template_spec(&t, &Path::new("spec").child("template"), &mut errs);
    errs.0.iter().map(|d| d.message()).collect()
}

fn with_container(c: serde_json::Value) -> serde_json::Value {
    let mut c = c;
    c["name"] = json!("main");
    c["image"] = json!("busybox");
    json!({"restartPolicy": "Always", "containers": [c]})
}

const SUBDOMAIN: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const RELAXED_ENV: &str = "a valid environment variable name must consist only of printable ASCII characters other than '='";

/// validateContainerCommon: env, then envFrom (ValidateEnvFrom), ...,
/// resources, resizePolicy (validateResizePolicy), securityContext.
#[test]
fn env_from_and_resize_policy_in_validate_container_common_order() {
    let got = errors(with_container(json!({
        "env": [{"name": "A=B"}],
        "envFrom": [
            {"prefix": "P=", "configMapRef": {"name": ""}},
            {"prefix": "OK_"},
            {"configMapRef": {"name": "cm-"}, "secretRef": {"name": "Bad_Name"}},
            {"secretRef": {"name": "s", "optional": true}}
        ],
        "resources": {"limits": {"cpu": "-1"}},
        "resizePolicy": [
            {"resourceName": "cpu", "restartPolicy": "NotRequired"},
            {"resourceName": "cpu", "restartPolicy": "Sometimes"},
            {"resourceName": "gpu"}
        ],
        "securityContext": {"runAsUser": -1}
    })));
    let want = vec![
        format!("{C0}.env[0].name: Invalid value: \"A=B\": {RELAXED_ENV}"),
        format!("{C0}.envFrom[0].prefix: Invalid value: \"P=\": {RELAXED_ENV}"),
        format!("{C0}.envFrom[0].configMapRef.name: Required value"),
        // numSources == 0 and > 1 are reported at the list's path
        format!("{C0}.envFrom: Invalid value: \"\": must specify one of: `configMapRef` or `secretRef`"),
        // ValidateConfigMapName(name, true): a trailing '-' is a prefix's
        format!("{C0}.envFrom[2].secretRef.name: Invalid value: \"Bad_Name\": {SUBDOMAIN}"),
        format!("{C0}.envFrom: Invalid value: \"\": may not have more than one field specified at a time"),
        format!("{C0}.resources.limits[cpu]: Invalid value: \"-1\": must be greater than or equal to 0"),
        format!("{C0}.resizePolicy[1]: Duplicate value: \"cpu\""),
        format!("{C0}.resizePolicy: Unsupported value: \"Sometimes\": supported values: \"NotRequired\", \"RestartContainer\""),
        format!("{C0}.resizePolicy: Unsupported value: \"gpu\": supported values: \"cpu\", \"memory\""),
        format!("{C0}.resizePolicy: Required value"),
        format!("{C0}.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive"),
    ];
    assert_eq!(got, want);
}

#[test]
fn resize_policy_under_restart_policy_never_and_on_init_containers() {
    let mut spec = with_container(json!({
        "resizePolicy": [
            {"resourceName": "memory", "restartPolicy": "RestartContainer"},
            {"resourceName": "cpu", "restartPolicy": "NotRequired"}
        ]
    }));
    spec["restartPolicy"] = json!("Never");
    assert_eq!(
        errors(spec),
        vec![format!("{C0}.resizePolicy: Invalid value: \"RestartContainer\": must be 'NotRequired' when `restartPolicy` is 'Never'")]
    );
    // InPlacePodVerticalScaling is locked on: init containers may have one
    let mut spec = with_container(json!({}));
    spec["initContainers"] = json!([
        {"name": "init", "image": "busybox",
         "resizePolicy": [{"resourceName": "cpu", "restartPolicy": "NotRequired"}]},
        {"name": "side", "image": "busybox", "restartPolicy": "Always",
         "resizePolicy": [{"resourceName": "memory", "restartPolicy": "Restart"}]}
    ]);
    assert_eq!(
        errors(spec),
        vec![format!("{S}.initContainers[1].resizePolicy: Unsupported value: \"Restart\": supported values: \"NotRequired\", \"RestartContainer\"")]
    );
}

/// validateContainers: lifecycle (postStart, preStop) before the probes;
/// validateSleepAction against the pod's grace period (30 once defaulted),
/// validateHTTPGetAction's header names at `httpHeaders`.
#[test]
fn sleep_hooks_and_http_header_names() {
    let container = json!({
        "lifecycle": {
            "postStart": {"sleep": {"seconds": -1}},
            "preStop": {"sleep": {"seconds": 31}}
        },
        "livenessProbe": {"httpGet": {"port": 8080, "httpHeaders": [
            {"name": "X_Bad", "value": "1"}, {"name": "Accept", "value": "x"}, {"name": ""}
        ]}},
        "readinessProbe": {"exec": {"command": ["true"]}}
    });
    let header = "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')";
    let sleep = "must be non-negative and less than terminationGracePeriodSeconds";
    assert_eq!(
        errors(with_container(container.clone())),
        vec![
            format!("{C0}.lifecycle.postStart.sleep: Invalid value: -1: {sleep} (30)"),
            format!("{C0}.lifecycle.preStop.sleep: Invalid value: 31: {sleep} (30)"),
            format!("{C0}.livenessProbe.httpGet.httpHeaders: Invalid value: \"X_Bad\": {header}"),
            format!("{C0}.livenessProbe.httpGet.httpHeaders: Invalid value: \"\": {header}"),
        ]
    );
    // a longer grace period allows 31 seconds; 0 is allowed (AllowZero)
    let mut spec = with_container(container);
    spec["terminationGracePeriodSeconds"] = json!(31);
    spec["containers"][0]["lifecycle"]["postStart"]["sleep"]["seconds"] = json!(0);
    spec["containers"][0]["livenessProbe"]["httpGet"]["httpHeaders"] = json!([]);
    assert_eq!(errors(spec), Vec::<String>::new());
    // a sleep hook with no seconds is 0 seconds
    let spec = with_container(json!({"lifecycle": {"preStop": {"sleep": {}}}}));
    assert_eq!(errors(spec), Vec::<String>::new());
}

/// Go's duplicate checks use sets: 100,000 scheduling gates, resize
/// policies and search paths are quick (the CLI's memory bound is in
/// tests/it/hostile.rs).
#[test]
fn long_lists_are_linear() {
    let n = 100_000;
    let spec = with_container(json!({
        "resizePolicy": vec![json!({"resourceName": "cpu", "restartPolicy": "NotRequired"}); n],
        "envFrom": vec![json!({"secretRef": {"name": "s"}}); n],
    }));
    let start = std::time::Instant::now();
    let got = errors(spec);
    assert_eq!(got.len(), n - 1);
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}
