//! Pod template validation, rule by rule (the 700-case conformance replay
//! is in tests/it/conformance_validation.rs).

use super::*;
use crate::k8s::model::{
    EnvVar, LabelSelector, NodeAffinity, PreferredSchedulingTerm, WeightedPodAffinityTerm,
};

fn template() -> PodTemplateSpec {
    let mut t = PodTemplateSpec::default();
    t.metadata.labels.insert("app", "agent");
    t.spec.restart_policy = Some("Always".into());
    t.spec.containers.push(Container {
        name: Some("main".into()),
        image: Some("busybox".into()),
        ..Default::default()
    });
    t
}

fn port(container: i32, host: i32, protocol: &str) -> ContainerPort {
    ContainerPort {
        container_port: Some(container),
        host_port: Some(host),
        protocol: Some(protocol.into()),
        ..Default::default()
    }
}

fn messages(t: &PodTemplateSpec) -> Vec<String> {
    let mut errs = Errors::new();
    validate_pod_template_spec(t, &Path::new("spec").child("template"), &mut errs);
    let mut m: Vec<String> = errs.0.iter().map(|d| d.message()).collect();
    m.sort();
    m
}

const C0: &str = "spec.template.spec.containers[0]";

#[test]
fn template_rules() {
    type Mutation = fn(&mut PodTemplateSpec);
    let cases: Vec<(&str, Mutation, Vec<String>)> = vec![
        ("valid", |_| {}, vec![]),
        ("no containers", |t| t.spec.containers.clear(), vec!["spec.template.spec.containers: Required value".into()]),
        (
            "missing name and image",
            |t| {
                t.spec.containers[0].name = None;
                t.spec.containers[0].image = Some(String::new());
            },
            vec![format!("{C0}.image: Required value"), format!("{C0}.name: Required value")],
        ),
        (
            "bad container name",
            |t| t.spec.containers[0].name = Some("Main".into()),
            vec![format!("{C0}.name: Invalid value: \"Main\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")],
        ),
        (
            "duplicate names, init container clash",
            |t| {
                let c = t.spec.containers[0].clone();
                t.spec.containers.push(c.clone());
                t.spec.init_containers.push(c);
            },
            vec![
                "spec.template.spec.containers[1].name: Duplicate value: \"main\"".into(),
                "spec.template.spec.initContainers[0].name: Duplicate value: \"main\"".into(),
            ],
        ),
        (
            "ports",
            |t| {
                t.spec.containers[0].ports = vec![port(70000, -1, "HTTP"), port(0, 0, "TCP")];
            },
            vec![
                format!("{C0}.ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"),
                format!("{C0}.ports[0].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive"),
                format!("{C0}.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""),
                format!("{C0}.ports[1].containerPort: Required value"),
            ],
        ),
        (
            "host port conflict across containers",
            |t| {
                t.spec.containers[0].ports = vec![port(9100, 9100, "TCP")];
                let mut c = t.spec.containers[0].clone();
                c.name = Some("side".into());
                t.spec.containers.push(c);
            },
            vec!["spec.template.spec.containers[1].ports[0].hostPort: Duplicate value: \"TCP//9100\"".into()],
        ),
        (
            "hostNetwork needs hostPort == containerPort",
            |t| {
                t.spec.host_network = Some(true);
                t.spec.containers[0].ports = vec![port(9100, 9090, "TCP"), port(8080, 0, "TCP")];
            },
            vec![format!("{C0}.ports[0].hostPort: Invalid value: 9090: must match `containerPort` when `hostNetwork` is true")],
        ),
        (
            "env names",
            |t| {
                t.spec.containers[0].env = vec![
                    EnvVar { name: String::new(), value: None, value_from: None },
                    EnvVar { name: "A=B".into(), value: None, value_from: None },
                    EnvVar { name: "my.var-1".into(), value: None, value_from: None },
                ];
            },
            vec![
                format!("{C0}.env[0].name: Required value"),
                format!("{C0}.env[1].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='"),
            ],
        ),
        (
            "restart policy",
            |t| t.spec.restart_policy = Some("Sometimes".into()),
            vec!["spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"".into()],
        ),
        (
            "container restart policy",
            |t| t.spec.containers[0].restart_policy = Some("Maybe".into()),
            vec![format!("{C0}.restartPolicy: Unsupported value: \"Maybe\": supported values: \"Always\", \"OnFailure\", \"Never\"")],
        ),
        (
            "template labels and nodeSelector",
            |t| {
                t.metadata.labels.insert("bad key", "ok");
                t.spec.node_selector.insert("zone", "bad value!");
            },
            vec![
                "spec.template.labels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')".into(),
                "spec.template.spec.nodeSelector: Invalid value: \"bad value!\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')".into(),
            ],
        ),
        (
            "nodeName, priorityClassName, activeDeadlineSeconds",
            |t| {
                t.spec.node_name = Some("Bad_Node".into());
                t.spec.priority_class_name = Some("high".into());
                t.spec.active_deadline_seconds = Some(0);
            },
            vec![
                "spec.template.spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive".into(),
                "spec.template.spec.nodeName: Invalid value: \"Bad_Node\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')".into(),
            ],
        ),
        (
            "annotations",
            |t| {
                t.metadata.annotations.insert("controller.kubernetes.io/pod-deletion-cost", "+1");
                t.metadata.annotations.insert("kubernetes.io/config.mirror", "x");
            },
            vec![
                "spec.template.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid value: \"+1\": must be a 32bit integer".into(),
                "spec.template.annotations[kubernetes.io/config.mirror]: Invalid value: \"x\": must set spec.nodeName if mirror pod annotation is set".into(),
            ],
        ),
    ];
    for (name, mutate, want) in cases {
        let mut t = template();
        mutate(&mut t);
        assert_eq!(messages(&t), want, "{name}");
    }
}

fn with_resources(limits: &[(&str, &str)], requests: &[(&str, &str)]) -> PodTemplateSpec {
    let mut t = template();
    let r = &mut t.spec.containers[0].resources;
    for (k, v) in limits {
        r.limits.insert(k, v);
    }
    for (k, v) in requests {
        r.requests.insert(k, v);
    }
    t
}

#[test]
fn resource_rules() {
    type Pairs = &'static [(&'static str, &'static str)];
    let cases: Vec<(Pairs, Pairs, Vec<String>)> = vec![
        (&[("cpu", "1"), ("memory", "1Gi")], &[("cpu", "1"), ("memory", "512Mi")], vec![]),
        (&[("example.com/gpu", "1")], &[], vec![]),
        (
            &[("memory", "512Mi")],
            &[("memory", "1Gi")],
            vec![format!("{C0}.resources.requests: Invalid value: \"1Gi\": must be less than or equal to memory limit of 512Mi")],
        ),
        (
            &[],
            &[("cpu", "-1")],
            vec![format!("{C0}.resources.requests[cpu]: Invalid value: \"-1\": must be greater than or equal to 0")],
        ),
        (
            &[("cpus", "1")],
            &[],
            vec![
                format!("{C0}.resources.limits[cpus]: Invalid value: \"cpus\": must be a standard resource for containers"),
                format!("{C0}.resources.limits[cpus]: Invalid value: \"cpus\": must be a standard resource type or fully qualified"),
            ],
        ),
        (
            &[("pods", "1")],
            &[],
            vec![format!("{C0}.resources.limits[pods]: Invalid value: \"pods\": must be a standard resource for containers")],
        ),
        (
            &[("hugepages-2Mi", "1")],
            &[],
            vec![
                format!("{C0}.resources.limits[hugepages-2Mi]: Invalid value: \"1\": 1 is not positive integer multiple of hugepages-2Mi"),
                format!("{C0}.resources: Forbidden: HugePages require cpu or memory"),
            ],
        ),
        (
            &[],
            &[("example.com/gpu", "1")],
            vec![format!("{C0}.resources.limits: Required value: Limit must be set for non overcommitable resources")],
        ),
        (
            &[("example.com/gpu", "2")],
            &[("example.com/gpu", "1")],
            vec![format!("{C0}.resources.requests: Invalid value: \"1\": must be equal to example.com/gpu limit of 2")],
        ),
    ];
    for (limits, requests, want) in cases {
        assert_eq!(
            messages(&with_resources(limits, requests)),
            want,
            "{limits:?} {requests:?}"
        );
    }
}

fn toleration(
    key: &str,
    operator: &str,
    value: &str,
    effect: &str,
    seconds: Option<i64>,
) -> Toleration {
    Toleration {
        key: key.into(),
        operator: operator.into(),
        value: value.into(),
        effect: effect.into(),
        toleration_seconds: seconds,
    }
}

#[test]
fn toleration_rules() {
    let t0 = "spec.template.spec.tolerations[0]";
    let cases: Vec<(Toleration, Vec<String>)> = vec![
        (toleration("", "Exists", "", "", None), vec![]),
        (toleration("k", "Equal", "v", "NoExecute", Some(30)), vec![]),
        (
            toleration("", "Equal", "", "", None),
            vec![format!("{t0}.operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\"")],
        ),
        (
            toleration("k", "Exists", "gpu", "", None),
            vec![format!("{t0}.operator: Invalid value: \"gpu\": value must be empty when `operator` is 'Exists'")],
        ),
        (
            toleration("k", "exists", "", "", None),
            vec![format!("{t0}.operator: Unsupported value: \"exists\": supported values: \"Equal\", \"Exists\"")],
        ),
        (
            toleration("k", "Gt", "5", "", None),
            vec![format!("{t0}.operator: Unsupported value: \"Gt\": supported values: \"Equal\", \"Exists\", \"Lt\", \"Gt\"")],
        ),
        (
            toleration("k", "Equal", "v", "Evict", None),
            vec![format!("{t0}.effect: Unsupported value: \"Evict\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"")],
        ),
        (
            toleration("k", "Equal", "v", "NoSchedule", Some(10)),
            vec![format!("{t0}.effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set")],
        ),
    ];
    for (tol, want) in cases {
        let mut t = template();
        t.spec.tolerations = vec![tol.clone()];
        assert_eq!(messages(&t), want, "{tol:?}");
    }
}

fn expr(key: &str, operator: &str, values: &[&str]) -> NodeSelectorRequirement {
    NodeSelectorRequirement {
        key: key.into(),
        operator: operator.into(),
        values: values.iter().map(|s| s.to_string()).collect(),
    }
}

#[test]
fn affinity_rules() {
    let req = "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms";
    let node = |terms: Vec<NodeSelectorTerm>| Affinity {
        node_affinity: Some(NodeAffinity {
            required: Some(NodeSelector {
                node_selector_terms: terms,
            }),
            preferred: vec![],
        }),
        ..Default::default()
    };
    let cases: Vec<(Affinity, Vec<String>)> = vec![
        (node(vec![]), vec![format!("{req}: Required value: must have at least one node selector term")]),
        (
            node(vec![NodeSelectorTerm { match_expressions: vec![expr("zone", "In", &[])], match_fields: vec![] }]),
            vec![format!("{req}[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'")],
        ),
        (
            node(vec![NodeSelectorTerm { match_expressions: vec![expr("n", "Gt", &["1", "2"])], match_fields: vec![] }]),
            vec![format!("{req}[0].matchExpressions[0].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'")],
        ),
        (
            node(vec![NodeSelectorTerm { match_expressions: vec![expr("zone", "Equals", &[])], match_fields: vec![] }]),
            vec![format!("{req}[0].matchExpressions[0].operator: Invalid value: \"Equals\": not a valid selector operator")],
        ),
        (
            node(vec![NodeSelectorTerm {
                match_expressions: vec![],
                match_fields: vec![expr("metadata.uid", "Exists", &[])],
            }]),
            vec![
                format!("{req}[0].matchFields[0].key: Invalid value: \"metadata.uid\": not a valid field selector key"),
                format!("{req}[0].matchFields[0].operator: Invalid value: \"Exists\": not a valid selector operator"),
            ],
        ),
        (
            Affinity {
                node_affinity: Some(NodeAffinity {
                    required: None,
                    preferred: vec![PreferredSchedulingTerm {
                        weight: 0,
                        preference: NodeSelectorTerm { match_expressions: vec![expr("zone", "In", &["bad value!"])], match_fields: vec![] },
                    }],
                }),
                ..Default::default()
            },
            vec!["spec.template.spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100".into()],
        ),
        (
            Affinity {
                pod_anti_affinity: Some(PodAffinity {
                    required: vec![],
                    preferred: vec![WeightedPodAffinityTerm {
                        weight: 10,
                        pod_affinity_term: PodAffinityTerm {
                            label_selector: Some(LabelSelector::default()),
                            namespaces: vec!["ns.x".into()],
                            topology_key: String::new(),
                        },
                    }],
                }),
                ..Default::default()
            },
            {
                let p = "spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm";
                vec![
                    format!("{p}.namespace: Invalid value: \"ns.x\": must not contain dots"),
                    format!("{p}.topologyKey: Invalid value: \"\": name part must be non-empty"),
                    format!("{p}.topologyKey: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
                    format!("{p}.topologyKey: Required value: can not be empty"),
                ]
            },
        ),
    ];
    for (affinity, want) in cases {
        let mut t = template();
        t.spec.affinity = Some(affinity.clone());
        assert_eq!(messages(&t), want, "{affinity:?}");
    }
}

#[test]
fn topology_spread_rules() {
    let tsc = |skew: i32, key: &str, when: &str, min: Option<i32>| TopologySpreadConstraint {
        max_skew: skew,
        topology_key: key.into(),
        when_unsatisfiable: when.into(),
        label_selector: None,
        min_domains: min,
    };
    let p = "spec.template.spec.topologySpreadConstraints";
    let mut t = template();
    t.spec.topology_spread_constraints = vec![
        tsc(0, "zone", "DoNotSchedule", Some(0)),
        tsc(1, "zone", "DoNotSchedule", None),
        tsc(1, "", "Sometimes", Some(2)),
    ];
    assert_eq!(
        messages(&t),
        vec![
            format!("{p}[0].maxSkew: Invalid value: 0: must be greater than zero"),
            format!("{p}[0].minDomains: Invalid value: 0: must be greater than zero"),
            format!("{p}[0].{{topologyKey, whenUnsatisfiable}}: Duplicate value: \"{{zone, DoNotSchedule}}\""),
            format!("{p}[2].minDomains: Invalid value: 2: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not Sometimes"),
            format!("{p}[2].topologyKey: Required value: can not be empty"),
            format!("{p}[2].whenUnsatisfiable: Unsupported value: \"Sometimes\": supported values: \"DoNotSchedule\", \"ScheduleAnyway\""),
        ]
    );
}

/// Every DaemonSet of the repository's corpus (real manifests, examples,
/// kubectl dumps) that has a container or pod security context, or a host
/// namespace, passes the security checks, as the API server accepts them.
#[test]
fn real_security_contexts_pass_the_security_checks() {
    let mut checked = 0;
    for text in crate::input::repository_texts(&["yaml", "yml", "json"]) {
        if !text.contains("securityContext") && !text.contains("host") {
            continue;
        }
        let sources = [crate::input::Source::new(None, &text)];
        let objects = crate::input::parse(&sources);
        for ds in &objects.daemon_sets {
            let spec = &ds.object.spec.template.spec;
            let path = Path::new("spec").child("template").child("spec");
            let host_users = spec.host_users != Some(false);
            let mut errs = Errors::new();
            let mut any = spec.security_context.is_some();
            for (field, list) in [
                ("containers", &spec.containers),
                ("initContainers", &spec.init_containers),
            ] {
                for (i, c) in list.iter().enumerate() {
                    any |= c.security_context.is_some();
                    security::validate_security_context(
                        c.security_context.as_deref(),
                        host_users,
                        &path.child(field).index(i).child("securityContext"),
                        &mut errs,
                    );
                }
            }
            security::validate_pod_spec_security_context(spec, &path, &mut errs);
            security::validate_windows_host_process_pod(spec, &path, &mut errs);
            security::validate_host_users(spec, &path, &mut errs);
            let m: Vec<String> = errs.0.iter().map(|d| d.message()).collect();
            assert_eq!(m, Vec::<String>::new(), "{}", ds.object.metadata.name());
            if any {
                checked += 1;
            }
        }
    }
    assert!(
        checked >= 15,
        "DaemonSets with a security context: {checked}"
    );
}

/// The errors of one volume's source, in the order Go reports them (the
/// integration tests sort them).
#[test]
fn volume_source_errors_come_in_gos_order() {
    let vol: crate::k8s::model::Volume = serde_json::from_value(serde_json::json!({
        "name": "v",
        "projected": {
            "defaultMode": -1,
            "sources": [
                {"configMap": {"items": [{"path": "/a", "mode": 1000}]},
                 "secret": {"name": "s", "items": [{"key": "k", "path": "p"}]}},
                {"downwardAPI": {"items": [{"path": "p", "mode": 999}]},
                 "serviceAccountToken": {"path": "..t", "expirationSeconds": 1}}
            ]
        }
    }))
    .unwrap();
    let mut errs = Errors::new();
    validate_volumes(&[vol], &Path::new("volumes"), &mut errs);
    let m: Vec<String> = errs.0.iter().map(|d| d.message()).collect();
    let p = "volumes[0].projected";
    let mode = "must be a number between 0 and 0777 (octal), both inclusive";
    assert_eq!(
        m,
        vec![
            format!("{p}.defaultMode: Invalid value: -1: {mode}"),
            // validateProjectionSources: secret before configMap
            format!("{p}.sources[0].configMap.name: Required value"),
            format!("{p}.sources[0].configMap.items[0].key: Required value"),
            format!("{p}.sources[0].configMap.items[0].path: Invalid value: \"/a\": must be a relative path"),
            format!("{p}.sources[0].configMap.items[0].mode: Invalid value: 1000: {mode}"),
            format!("{p}.sources[0]: Forbidden: may not specify more than 1 volume type per source"),
            format!("{p}.sources[1].downwardAPI: Required value: one of fieldRef and resourceFieldRef is required"),
            format!("{p}.sources[1].downwardAPI.mode: Invalid value: 999: {mode}"),
            format!("{p}: Invalid value: \"p\": conflicting duplicate paths"),
            format!("{p}.sources[1].serviceAccountToken.expirationSeconds: Invalid value: 1: may not specify a duration less than 10 minutes"),
            format!("{p}.path: Invalid value: \"..t\": must not start with '..'"),
            format!("{p}.sources[1]: Forbidden: may not specify more than 1 volume type per source"),
        ]
    );
}

/// Every DaemonSet of the repository's corpus with volumes passes the
/// volume checks, as the API server accepts them; so do the pods and
/// Deployments of the corpus (kubectl dumps hold the projected service
/// account volume every pod gets).
#[test]
fn real_volumes_pass_the_volume_checks() {
    let mut checked = 0;
    let mut sources = std::collections::BTreeMap::<&str, usize>::new();
    for text in crate::input::repository_texts(&["yaml", "yml", "json"]) {
        if !text.contains("volumes") {
            continue;
        }
        let objects = crate::input::parse(&[crate::input::Source::new(None, &text)]);
        let specs = (objects.daemon_sets.iter())
            .map(|d| (&d.object.metadata, &d.object.spec.template.spec, true))
            .chain(
                (objects.deployments.iter())
                    .map(|d| (&d.object.metadata, &d.object.spec.template.spec, false)),
            )
            .chain((objects.pods.iter()).map(|p| (&p.object.metadata, &p.object.spec, false)));
        for (meta, spec, daemon_set) in specs {
            if spec.volumes.is_empty() {
                continue;
            }
            let mut errs = Errors::new();
            validate_volumes(&spec.volumes, &Path::new("volumes"), &mut errs);
            let m: Vec<String> = errs.0.iter().map(|d| d.message()).collect();
            assert_eq!(m, Vec::<String>::new(), "{}", meta.name());
            if !daemon_set {
                continue;
            }
            checked += 1;
            for v in &spec.volumes {
                for (given, name) in [
                    (v.config_map.is_some(), "configMap"),
                    (v.secret.is_some(), "secret"),
                    (v.projected.is_some(), "projected"),
                    (v.downward_api.is_some(), "downwardAPI"),
                ] {
                    if given {
                        *sources.entry(name).or_default() += 1;
                    }
                }
            }
        }
    }
    eprintln!("DaemonSets with volumes: {checked}; their volumes by source: {sources:?}");
    assert!(checked >= 15, "DaemonSets with volumes: {checked}");
}
