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
const NAME_PART: &str = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

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

/// ValidatePodSpec: affinity, dnsConfig, readinessGates, schedulingGates,
/// then the topology spread constraints.
#[test]
fn dns_config_and_gates_in_validate_pod_spec_order() {
    let mut spec = with_container(json!({}));
    spec["dnsConfig"] = json!({
        "nameservers": ["1.2.3.4", "::1", "bad", "010.0.0.1"],
        "searches": [".", "svc.cluster.local.", "Bad_Domain", "_tcp.example.com", "a..b."],
        "options": [{"name": "ndots", "value": "2"}, {"value": "x"}]
    });
    spec["readinessGates"] =
        json!([{"conditionType": "example.com/ready"}, {"conditionType": "bad gate"}]);
    spec["schedulingGates"] =
        json!([{"name": "example.com/wait"}, {"name": "example.com/wait"}, {"name": "-x"}]);
    spec["topologySpreadConstraints"] =
        json!([{"maxSkew": 0, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule"}]);
    spec["affinity"] = json!({"nodeAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
        {"weight": 0, "preference": {}}
    ]}});
    let search = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*')";
    let d = format!("{S}.dnsConfig");
    assert_eq!(
        errors(spec),
        vec![
            format!("{S}.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100"),
            format!("{d}.nameservers: Invalid value: [\"1.2.3.4\",\"::1\",\"bad\",\"010.0.0.1\"]: must not have more than 3 nameservers"),
            format!("{d}.nameservers[2]: Invalid value: \"bad\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"),
            // the trailing dot is dropped before the check, and from the value
            format!("{d}.searches[2]: Invalid value: \"Bad_Domain\": {search}"),
            format!("{d}.searches[4]: Invalid value: \"a..b\": {search}"),
            format!("{d}.options[1]: Required value: must not be empty"),
            format!("{S}.readinessGates[1].conditionType: Invalid value: \"bad gate\": {NAME_PART}"),
            format!("{S}.schedulingGates[1]: Duplicate value: \"example.com/wait\""),
            format!("{S}.schedulingGates[2]: Invalid value: \"-x\": {NAME_PART}"),
            format!("{S}.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero"),
        ]
    );
}

#[test]
fn dns_policy_none_needs_a_config_with_nameservers_and_the_search_limits() {
    let mut spec = with_container(json!({}));
    spec["dnsPolicy"] = json!("None");
    assert_eq!(
        errors(spec.clone()),
        vec![format!(
            "{S}.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None"
        )]
    );
    // the nameservers error returns before the other checks
    spec["dnsConfig"] = json!({"options": [{}]});
    assert_eq!(
        errors(spec.clone()),
        vec![format!("{S}.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None")]
    );
    // 33 search paths of 62 characters: 33 * 62 + 32 spaces = 2,078 > 2,048
    let searches: Vec<String> = (0..33)
        .map(|i| format!("{i:02}{}", "a".repeat(60)))
        .collect();
    spec["dnsConfig"] = json!({"nameservers": ["8.8.8.8"], "searches": searches});
    let list = serde_json::to_string(&searches).unwrap();
    assert_eq!(
        errors(spec.clone()),
        vec![
            format!("{S}.dnsConfig.searches: Invalid value: {list}: must not have more than 32 search paths"),
            format!("{S}.dnsConfig.searches: Invalid value: {list}: must not have more than 2048 characters (including spaces) in the search list"),
        ]
    );
    // 32 of them: 2,016 characters, within both limits
    spec["dnsConfig"]["searches"] = json!(searches[..32]);
    assert_eq!(errors(spec), Vec::<String>::new());
}

/// validateOS, then validateLinux / validateWindows (init containers
/// first, as VisitContainersWithPath goes), last in ValidatePodSpec.
#[test]
fn os_and_the_fields_an_os_cannot_have() {
    let mut spec = with_container(json!({}));
    spec["os"] = json!({});
    assert_eq!(
        errors(spec.clone()),
        vec![format!("{S}.os.name: Required value: cannot be empty")]
    );
    spec["os"] = json!({"name": "Linux"});
    assert_eq!(
        errors(spec.clone()),
        vec![format!(
            "{S}.os: Unsupported value: \"Linux\": supported values: \"linux\", \"windows\""
        )]
    );
    // an invalid name: the OS rules are not applied
    spec["securityContext"] = json!({"windowsOptions": {"runAsUserName": "u"}});
    assert_eq!(errors(spec.clone()).len(), 1);

    spec["os"] = json!({"name": "linux"});
    spec["initContainers"] = json!([{"name": "init", "image": "busybox",
        "securityContext": {"windowsOptions": {"runAsUserName": "u"}}}]);
    spec["containers"][0]["securityContext"] = json!({"windowsOptions": {}});
    let linux = "Forbidden: windows options cannot be set for a linux pod";
    assert_eq!(
        errors(spec),
        vec![
            format!("{S}.securityContext.windowsOptions: {linux}"),
            format!("{S}.initContainers[0].securityContext.windowsOptions: {linux}"),
            format!("{C0}.securityContext.windowsOptions: {linux}"),
        ]
    );

    let mut spec = with_container(
        json!({"securityContext": {"privileged": false, "runAsUser": 1, "capabilities": {}}}),
    );
    spec["os"] = json!({"name": "windows"});
    spec["hostPID"] = json!(true);
    spec["hostUsers"] = json!(true);
    spec["securityContext"] = json!({
        "runAsUser": 1000, "seLinuxChangePolicy": "Recursive",
        "seLinuxOptions": {"level": "s0"}, "supplementalGroups": [1]
    });
    let windows = "Forbidden: cannot be set for a windows pod";
    assert_eq!(
        errors(spec),
        vec![
            format!("{S}.securityContext.seLinuxOptions: {windows}"),
            format!("{S}.hostUsers: {windows}"),
            format!("{S}.hostPID: {windows}"),
            format!("{S}.securityContext.runAsUser: {windows}"),
            format!("{S}.securityContext.supplementalGroups: {windows}"),
            format!("{S}.securityContext.seLinuxChangePolicy: {windows}"),
            format!("{C0}.securityContext.capabilities: {windows}"),
            format!("{C0}.securityContext.privileged: {windows}"),
            format!("{C0}.securityContext.runAsUser: {windows}"),
        ]
    );
}

/// validateSELinuxChangePolicy: SELinuxMount is off in v1.36, so only
/// Recursive (AllowOnlyRecursiveSELinuxChangePolicy).
#[test]
fn se_linux_change_policy_is_recursive_only() {
    let mut spec = with_container(json!({}));
    spec["securityContext"] = json!({"seLinuxChangePolicy": "Recursive"});
    assert_eq!(errors(spec.clone()), Vec::<String>::new());
    spec["securityContext"] =
        json!({"seLinuxChangePolicy": "MountOption", "supplementalGroupsPolicy": "Loose"});
    assert_eq!(
        errors(spec),
        vec![
            format!("{S}.securityContext.supplementalGroupsPolicy: Unsupported value: \"Loose\": supported values: \"Merge\", \"Strict\""),
            format!("{S}.securityContext.seLinuxChangePolicy: Unsupported value: \"MountOption\": supported values: \"Recursive\""),
        ]
    );
}

/// Go's duplicate checks use sets: 100,000 scheduling gates, resize
/// policies and search paths are quick (the CLI's memory bound is in
/// tests/it/hostile.rs).
#[test]
fn long_lists_are_linear() {
    let n = 100_000;
    let mut spec = with_container(json!({
        "resizePolicy": vec![json!({"resourceName": "cpu", "restartPolicy": "NotRequired"}); n],
        "envFrom": vec![json!({"secretRef": {"name": "s"}}); n],
    }));
    spec["schedulingGates"] = json!(vec![json!({"name": "example.com/g"}); n]);
    spec["readinessGates"] = json!(vec![json!({"conditionType": "example.com/r"}); n]);
    spec["dnsConfig"] = json!({"nameservers": ["1.1.1.1"], "searches": vec!["example.com"; n]});
    let start = std::time::Instant::now();
    let got = errors(spec);
    assert_eq!(got.len(), 2 * (n - 1) + 2);
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

const LABEL: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

/// ValidatePodSpec: nodeName, activeDeadlineSeconds, then hostname and
/// subdomain (ValidateDNS1123Label each, when not empty), then
/// tolerations.
#[test]
fn hostname_and_subdomain_are_dns_labels_between_node_name_and_tolerations() {
    let mut spec = with_container(json!({}));
    spec["nodeName"] = json!("Bad_Node");
    spec["hostname"] = json!("Bad.Host");
    spec["subdomain"] = json!("a.b");
    spec["tolerations"] = json!([{"operator": "Equal", "value": "v"}]);
    let want = vec![
        format!("{S}.nodeName: Invalid value: \"Bad_Node\": {SUBDOMAIN}"),
        format!("{S}.hostname: Invalid value: \"Bad.Host\": {LABEL}"),
        // a valid subdomain but not a label
        format!("{S}.subdomain: Invalid value: \"a.b\": must not contain dots"),
        format!("{S}.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\""),
    ];
    assert_eq!(errors(spec.clone()), want);

    let long = "a".repeat(64);
    spec = with_container(json!({}));
    spec["hostname"] = json!(long);
    spec["subdomain"] = json!("");
    assert_eq!(
        errors(spec),
        vec![format!(
            "{S}.hostname: Invalid value: \"{long}\": must be no more than 63 characters"
        )]
    );
}

/// ValidatePodSpec: serviceAccountName (after hostUsers, before nodeName;
/// the deprecated `serviceAccount` stands in when it is empty, as the
/// v1 conversion does) and runtimeClassName (after priorityClassName,
/// checked whenever it is given, even empty).
#[test]
fn service_account_and_runtime_class_names_are_dns_subdomains_in_go_order() {
    let mut spec = with_container(json!({}));
    spec["serviceAccountName"] = json!("Bad_SA");
    spec["serviceAccount"] = json!("ignored_when_the_name_is_set");
    spec["nodeName"] = json!("Bad_Node");
    spec["priorityClassName"] = json!("Bad_PC");
    spec["runtimeClassName"] = json!("Bad_RC");
    let want = vec![
        format!("{S}.serviceAccountName: Invalid value: \"Bad_SA\": {SUBDOMAIN}"),
        format!("{S}.nodeName: Invalid value: \"Bad_Node\": {SUBDOMAIN}"),
        format!("{S}.priorityClassName: Invalid value: \"Bad_PC\": {SUBDOMAIN}"),
        format!("{S}.runtimeClassName: Invalid value: \"Bad_RC\": {SUBDOMAIN}"),
    ];
    assert_eq!(errors(spec), want);

    let mut spec = with_container(json!({}));
    spec["serviceAccount"] = json!("Old_SA");
    spec["runtimeClassName"] = json!("");
    let want = vec![
        format!("{S}.serviceAccountName: Invalid value: \"Old_SA\": {SUBDOMAIN}"),
        format!("{S}.runtimeClassName: Invalid value: \"\": {SUBDOMAIN}"),
    ];
    assert_eq!(errors(spec), want);

    let mut spec = with_container(json!({}));
    spec["serviceAccountName"] = json!("");
    spec["runtimeClassName"] = serde_json::Value::Null;
    spec["hostname"] = serde_json::Value::Null;
    assert_eq!(errors(spec), Vec::<String>::new());
    let long = "a".repeat(254);
    let mut spec = with_container(json!({}));
    spec["serviceAccountName"] = json!(long);
    assert_eq!(
        errors(spec),
        vec![format!(
            "{S}.serviceAccountName: Invalid value: \"{long}\": must be no more than 253 characters"
        )]
    );
}

const IP: &str = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

/// ValidatePodSpec: tolerations, then hostAliases (ValidateHostAliases:
/// IsValidIP at `[i].ip`, ValidateDNS1123Subdomain at
/// `[i].hostnames[j]`), then priorityClassName. validateImagePullSecrets
/// only refuses a reference with more than a name, which JSON cannot give.
#[test]
fn host_aliases_between_tolerations_and_priority_class_name() {
    let mut spec = with_container(json!({}));
    spec["tolerations"] = json!([{"operator": "Equal", "value": "v"}]);
    spec["hostAliases"] = json!([
        {"ip": "10.0.0.1", "hostnames": ["ok.example.com", "Bad_Host", "also.ok"]},
        {"hostnames": ["a"]},
        {"ip": "010.001.000.001", "hostnames": ["b.", "c"]},
        {"ip": "fe80::1%eth0"},
        {"ip": "::ffff:10.0.0.1"}
    ]);
    spec["imagePullSecrets"] = json!([{"name": ""}, {"name": "Not_A_Subdomain"}]);
    spec["priorityClassName"] = json!("Bad_PC");
    let want = vec![
        format!("{S}.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\""),
        format!("{S}.hostAliases[0].hostnames[1]: Invalid value: \"Bad_Host\": {SUBDOMAIN}"),
        format!("{S}.hostAliases[1].ip: Invalid value: \"\": {IP}"),
        // ParseIPSloppy takes the leading zeros; a trailing dot is no
        // subdomain
        format!("{S}.hostAliases[2].hostnames[0]: Invalid value: \"b.\": {SUBDOMAIN}"),
        // net.ParseIP reads no zone
        format!("{S}.hostAliases[3].ip: Invalid value: \"fe80::1%eth0\": {IP}"),
        format!("{S}.priorityClassName: Invalid value: \"Bad_PC\": {SUBDOMAIN}"),
    ];
    assert_eq!(errors(spec), want);
}

/// ValidateEnv: each variable's name, then validateEnvVarValueFrom (the
/// sources' fields in Go's order, then the count: none, with a `value`,
/// more than one); envFrom comes after the whole list.
#[test]
fn env_value_from_sources_in_validate_env_var_value_from_order() {
    let got = errors(with_container(json!({
        "env": [
            {"name": "A", "valueFrom": {}},
            {"name": "B", "value": "x", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
            {"name": "C", "valueFrom": {"fieldRef": {"fieldPath": "metadata.labels"}, "secretKeyRef": {"key": "k"}}},
            {"name": "D", "valueFrom": {"fieldRef": {"fieldPath": "metadata.annotations['Bad Key']"}}},
            {"name": "E", "valueFrom": {"resourceFieldRef": {"resource": "limits.cpu", "divisor": "1Mi"}}},
            {"name": "F", "valueFrom": {"resourceFieldRef": {}}},
            {"name": "G", "valueFrom": {"configMapKeyRef": {"name": "cm", "key": "..bad"}}},
            {"name": "H", "valueFrom": {"configMapKeyRef": {"name": "cm-", "optional": true}}},
            {"name": "I", "valueFrom": {"secretKeyRef": {"name": "s", "key": "a b"}}},
            {"name": "J", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "status.podIP"}}},
            {"name": "K", "valueFrom": {"resourceFieldRef": {"containerName": "main", "resource": "requests.memory", "divisor": "1Mi"}}},
            {"name": "L", "value": "", "valueFrom": {"secretKeyRef": {"name": "s", "key": "k", "optional": false}}},
            {"name": "M", "valueFrom": null},
            {"name": "N", "valueFrom": {"resourceFieldRef": {"resource": "limits.hugepages-2Mi"}}},
            {"name": "O", "value": "x", "valueFrom": {}},
            {"name": "P", "valueFrom": {"fieldRef": {"fieldPath": "spec.host"}}}
        ],
        "envFrom": [{}]
    })));
    let e = |i: usize| format!("{C0}.env[{i}].valueFrom");
    let one_of =
        "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`";
    let want = vec![
        format!("{}: Invalid value: \"\": {one_of}", e(0)),
        format!("{}: Invalid value: \"\": may not be specified when `value` is not empty", e(1)),
        format!("{}.fieldRef.fieldPath: Unsupported value: \"metadata.labels\": supported values: \"metadata.name\", \"metadata.namespace\", \"metadata.uid\", \"spec.nodeName\", \"spec.serviceAccountName\", \"status.hostIP\", \"status.hostIPs\", \"status.podIP\", \"status.podIPs\"", e(2)),
        // ValidateSecretName(name, false): an empty name too
        format!("{}.secretKeyRef.name: Invalid value: \"\": {SUBDOMAIN}", e(2)),
        format!("{}: Invalid value: \"\": may not have more than one field specified at a time", e(2)),
        // the annotation key lowered, reported at fieldRef
        format!("{}.fieldRef: Invalid value: \"bad key\": {NAME_PART}", e(3)),
        format!("{}.resourceFieldRef.divisor: Invalid value: \"limits.cpu\": only divisor's values 1m and 1 are supported with the cpu resource", e(4)),
        format!("{}.resourceFieldRef.resource: Required value", e(5)),
        format!("{}.configMapKeyRef.key: Invalid value: \"..bad\": must not start with '..'", e(6)),
        format!("{}.configMapKeyRef.name: Invalid value: \"cm-\": {SUBDOMAIN}", e(7)),
        format!("{}.configMapKeyRef.key: Required value", e(7)),
        format!("{}.secretKeyRef.key: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')", e(8)),
        format!("{}: Invalid value: \"\": {one_of}", e(14)),
        // spec.host converts to spec.nodeName
        format!("{C0}.envFrom: Invalid value: \"\": must specify one of: `configMapRef` or `secretRef`"),
    ];
    assert_eq!(got, want);
}

/// ValidatePodSpec: runtimeClassName, then preemptionPolicy
/// (ValidatePreemptionPolicy: "" is Required, another value than Go's two
/// is NotSupported with Go's list in its order), then overhead.
#[test]
fn preemption_policy_after_runtime_class_name() {
    let mut spec = with_container(json!({}));
    spec["runtimeClassName"] = json!("Bad_RC");
    spec["preemptionPolicy"] = json!("never");
    let want = vec![
        format!("{S}.runtimeClassName: Invalid value: \"Bad_RC\": {SUBDOMAIN}"),
        format!("{S}.preemptionPolicy: Unsupported value: \"never\": supported values: \"PreemptLowerPriority\", \"Never\""),
    ];
    assert_eq!(errors(spec), want);
    let mut spec = with_container(json!({}));
    spec["preemptionPolicy"] = json!("");
    assert_eq!(
        errors(spec),
        vec![format!("{S}.preemptionPolicy: Required value")]
    );
    for ok in ["Never", "PreemptLowerPriority"] {
        let mut spec = with_container(json!({}));
        spec["preemptionPolicy"] = json!(ok);
        assert_eq!(errors(spec), Vec::<String>::new(), "{ok}");
    }
    let mut spec = with_container(json!({}));
    spec["preemptionPolicy"] = serde_json::Value::Null;
    assert_eq!(errors(spec), Vec::<String>::new());
}
