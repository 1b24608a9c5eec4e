//! What a v1.36 API server (and kubectl in front of it) says about the
//! input, through the session as every front-end calls it: real manifests
//! accepted or refused, strict decoding errors before validation, the
//! warnings of an accepted DaemonSet, the Priority admission plugin's
//! refusals of the daemon pods, and positions counted in characters.
//! Expected texts are Kubernetes' own (docs/dev/k8s-input-rules.md cites
//! the Go code for each).

use crate::common::root;
use daemonset_sim::check::{Fix, NodeState, Report};
use daemonset_sim::input::{self, Source};
use daemonset_sim::session::{self, Refusal, RolloutOptions, Session};
use std::process::Command;

const DS: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: monitoring}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
      - name: agent
        image: agent:1
";
const NODES: &str = "nodes: [{name: worker, count: 2}]";

fn check(texts: &[&str]) -> Result<Report, Refusal> {
    let sources: Vec<Source> = texts.iter().map(|t| Source::new(None, t)).collect();
    session::check(&sources)
}

fn messages(list: &[daemonset_sim::diagnostic::Diagnostic]) -> Vec<String> {
    list.iter().map(|d| d.message()).collect()
}

/// The API server's refusal of the one DaemonSet of `text` (which reads
/// without errors), its messages sorted.
fn refusal_of(text: &str) -> Vec<String> {
    let sources = [Source::new(None, text)];
    let objects = input::parse(&sources);
    assert_eq!(messages(&objects.errors), Vec::<String>::new(), "{text}");
    let mut m = messages(&session::refusal(&sources, &objects.daemon_sets[0]));
    m.sort();
    m
}

fn real(dir: &str) -> Vec<(String, String)> {
    crate::common::data_files(dir)
}

#[test]
fn real_manifests_are_accepted_with_the_warnings_a_v1_36_server_returns() {
    // GetWarningsForNodeSelector: beta.kubernetes.io/os has been deprecated
    // since v1.14 (pkg/api/node/util.go)
    let beta_os = "spec.template.spec.nodeSelector[beta.kubernetes.io/os]: deprecated since v1.14; use \"kubernetes.io/os\" instead";
    let mut checked = 0;
    for (name, text) in real("tests/data/real") {
        let sources = [Source::new(Some(&name), &text)];
        let objects = input::parse(&sources);
        assert_eq!(messages(&objects.errors), Vec::<String>::new(), "{name}");
        for d in &objects.deployments {
            assert!(d.problems.is_empty(), "{name}: {:?}", d.problems);
        }
        for ds in &objects.daemon_sets {
            assert_eq!(
                messages(&session::refusal(&sources, ds)),
                Vec::<String>::new(),
                "{name}"
            );
            let warnings = messages(&session::api_warnings(&sources, ds));
            let want: Vec<&str> = match name.as_str() {
                "aws-efs-csi-driver-node-daemonset.yaml" | "keyvault-flexvol-installer.yaml" => {
                    vec![beta_os]
                }
                // GetWarningsForNodeSelectorTerm: the same deprecated labels
                // as keys of required node affinity's matchExpressions
                "aws-node-termination-handler-daemonset.yaml" => vec![
                    "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key: beta.kubernetes.io/os is deprecated since v1.14; use \"kubernetes.io/os\" instead",
                    "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[1].key: beta.kubernetes.io/arch is deprecated since v1.14; use \"kubernetes.io/arch\" instead",
                ],
                _ => vec![],
            };
            assert_eq!(warnings, want, "{name}");
            checked += 1;
        }
    }
    assert_eq!(checked, 27, "DaemonSets in the corpus");
}

#[test]
fn removed_api_versions_are_refused_in_kubectls_words() {
    let old = real("tests/data/real/old");
    assert!(old.len() >= 5);
    for (name, text) in &old {
        let sources = [Source::new(Some(name), text)];
        let objects = input::parse(&sources);
        assert!(objects.daemon_sets.is_empty(), "{name}");
        let e = objects
            .errors
            .iter()
            .find(|e| e.kind == "Unserved API version")
            .unwrap_or_else(|| panic!("{name}: {:?}", objects.errors));
        assert!(
            e.message()
                .starts_with("resource mapping not found for name: \"")
                && e.message().contains(&format!(
                    " from \"{name}\": no matches for kind \"DaemonSet\" in version \""
                )),
            "{name}: {}",
            e.message()
        );
        assert!(
            e.hint
                .as_deref()
                .unwrap_or("")
                .contains("use `apiVersion: apps/v1`"),
            "{name}: {:?}",
            e.hint
        );
        assert_eq!(e.field.as_deref(), Some("apiVersion"));
        // and nothing is checked
        assert!(matches!(session::check(&sources), Err(Refusal::Input(_))));
    }
    // the CLI: exit 2, kubectl's text on stderr
    let out = Command::new(env!("CARGO_BIN_EXE_daemonset-sim"))
        .current_dir(root())
        .args([
            "check",
            "tests/data/real/old/fluent-bit-ds-extensions-v1beta1.yaml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("fluent-bit-ds-extensions-v1beta1.yaml:1:13: resource mapping not found for name: \"fluent-bit\" namespace: \"logging\" from \"tests/data/real/old/fluent-bit-ds-extensions-v1beta1.yaml\": no matches for kind \"DaemonSet\" in version \"extensions/v1beta1\""),
        "{err}"
    );
}

#[test]
fn strict_decoding_errors_come_instead_of_validation_and_warnings() {
    // an unknown field and a missing container image: the server stops at
    // the decoding error and never validates
    let text = DS
        .replace("image: agent:1", "imagePullPolicy: Always")
        .replace(
            "      containers:",
            "      nodeSelectr: {beta.kubernetes.io/os: linux}\n      containers:",
        );
    let r = check(&[&text, NODES]).unwrap();
    assert_eq!(
        messages(&r.errors),
        ["DaemonSet in version \"v1\" cannot be handled as a DaemonSet: strict decoding error: unknown field \"spec.template.spec.nodeSelectr\""]
    );
    assert_eq!(
        r.errors[0].hint.as_deref(),
        Some("did you mean `nodeSelector`?")
    );
    assert_eq!((r.errors[0].line, r.errors[0].column), (Some(9), Some(7)));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);

    // fixed: now validation speaks, and only then
    let text = text.replace("nodeSelectr", "nodeSelector");
    let r = check(&[&text, NODES]).unwrap();
    assert_eq!(
        messages(&r.errors),
        ["spec.template.spec.containers[0].image: Required value"]
    );
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);

    // valid: the deprecated label is a warning, placed on the key
    let text = text.replace("imagePullPolicy: Always", "image: agent:1");
    let r = check(&[&text, NODES]).unwrap();
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(
        messages(&r.warnings),
        ["spec.template.spec.nodeSelector[beta.kubernetes.io/os]: deprecated since v1.14; use \"kubernetes.io/os\" instead"]
    );
}

#[test]
fn go_type_errors_name_the_struct_and_the_path() {
    let text = DS.replace(
        "image: agent:1",
        "image: agent:1\n        ports: [{containerPort: \"80\"}]",
    );
    let r = check(&[&text, NODES]).unwrap();
    assert_eq!(
        messages(&r.errors),
        ["DaemonSet in version \"v1\" cannot be handled as a DaemonSet: json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32"]
    );
}

#[test]
fn a_null_list_element_decodes_as_go_decodes_it_an_empty_one_the_validation_judges() {
    // encoding/json leaves a `null` element of a slice at its zero value:
    // `tolerations: [null]` is one empty toleration (key "", operator ""),
    // which ValidateTolerations refuses; `args: [null]` is one empty
    // argument, accepted; a `- ` with nothing after it is such a null
    let text = DS.replace(
        "image: agent:1",
        "image: agent:1\n        args: [null, x]\n      tolerations:\n      -",
    );
    match check(&[&text, NODES]) {
        Ok(r) => assert_eq!(
            messages(&r.errors),
            ["spec.template.spec.tolerations[0].operator: Invalid value: \"\": operator must be Exists when `key` is empty, which means \"match all values and all keys\""]
        ),
        Err(e) => panic!("{e}"),
    }
    let text = DS.replace(
        "image: agent:1",
        "image: agent:1\n        args: [null, x]\n        env: [null]",
    );
    let r = check(&[&text, NODES]).unwrap();
    assert_eq!(
        messages(&r.errors),
        ["spec.template.spec.containers[0].env[0].name: Required value"]
    );
}

#[test]
fn a_missing_priority_class_fails_every_create() {
    let text = DS.replace(
        "      containers:",
        "      priorityClassName: high-priority\n      containers:",
    );
    let r = check(&[&text, NODES]).unwrap();
    assert!(r.errors.is_empty(), "the DaemonSet itself is created");
    for n in &r.nodes {
        assert_eq!(n.state, NodeState::FailedCreate, "{}", n.name);
        assert_eq!(
            n.message.as_deref(),
            Some("Error creating: pods \"agent-\" is forbidden: no PriorityClass with name high-priority was found")
        );
        assert!(
            n.fixes.iter().any(
                |f| matches!(f, Fix::CreatePriorityClass { class, existing, .. }
                if class == "high-priority"
                    && existing.iter().any(|e| e == "system-node-critical"))
            ),
            "{:?}",
            n.fixes
        );
    }
    assert_eq!(r.counts.failed_create, 2);
    assert_eq!(
        (
            r.status.desired_number_scheduled,
            r.status.current_number_scheduled,
            r.status.number_unavailable
        ),
        (2, 0, 2)
    );

    // the class in the input: admitted, and the pods are scheduled
    let class = "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: high-priority}\nvalue: 1000\n";
    let r = check(&[&text, NODES, class]).unwrap();
    assert!(r.nodes.iter().all(|n| n.state == NodeState::Scheduled));
    assert!(r.skipped.is_empty(), "a PriorityClass is read, not skipped");

    // a pod of the DaemonSet already on a node was admitted: nothing is
    // created there
    let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: agent-x, namespace: monitoring, labels: {app: agent}}\nspec: {nodeName: worker-1, containers: [{name: agent, image: agent:1}]}\nstatus: {phase: Running}\n";
    let r = check(&[&text, NODES, pod]).unwrap();
    let states: Vec<NodeState> = r.nodes.iter().map(|n| n.state).collect();
    assert_eq!(states, [NodeState::Scheduled, NodeState::FailedCreate]);
}

#[test]
fn a_priority_in_the_template_must_be_the_classs() {
    let text = DS.replace("      containers:", "      priority: 5\n      containers:");
    let r = check(&[&text, NODES]).unwrap();
    assert_eq!(
        r.nodes[0].message.as_deref(),
        Some("Error creating: pods \"agent-\" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name")
    );
    assert_eq!(
        r.nodes[0].fixes,
        [Fix::RemoveTemplateField {
            field: "spec.template.spec.priority".into()
        }]
    );
}

#[test]
fn preemption_policy_never_waits_instead_of_preempting() {
    let class = "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: batch}\nvalue: 1000\npreemptionPolicy: Never\n";
    let text = DS
        .replace(
            "      containers:",
            "      priorityClassName: batch\n      containers:",
        )
        .replace(
            "image: agent:1",
            "image: agent:1\n        resources: {requests: {cpu: 800m}}",
        );
    let nodes = "nodes: [{name: small, allocatable: {cpu: '1', pods: '110'}, pods: [{name: web, requests: {cpu: 500m}}]}]";
    let r = check(&[&text, nodes, class]).unwrap();
    assert_eq!(r.nodes[0].state, NodeState::Pending);
    assert_eq!(
        r.nodes[0].message.as_deref(),
        Some("0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.")
    );
    // the same class preempting: the lower-priority pod is the victim (a
    // shorthand pod is named after its node)
    let preempting = class.replace("preemptionPolicy: Never\n", "");
    let r = check(&[&text, nodes, &preempting]).unwrap();
    assert!(
        matches!(&r.nodes[0].preemption, Some(daemonset_sim::scheduler::Preemption::Preempts { victims }) if victims == &["web-small".to_string()]),
        "{:?}",
        r.nodes[0].preemption
    );
}

#[test]
fn rollout_and_compare_refuse_what_the_api_server_refuses() {
    let bad = DS.replace("matchLabels: {app: agent}", "matchLabels: {app: other}");
    let want = "spec.template.metadata.labels: Invalid value: {\"app\":\"agent\"}: `selector` does not match template `labels`";
    let mut s = Session::new();
    s.set_cluster(NODES);
    match s.rollout(&bad, RolloutOptions::default()) {
        Err(Refusal::Refused(d)) => assert_eq!(messages(&d), [want]),
        other => panic!("{other:?}"),
    }
    match s.compare(&bad, None) {
        Err(Refusal::Refused(d)) => assert_eq!(messages(&d), [want]),
        other => panic!("{other:?}"),
    }
    // the CLI: exit 1 with the server's words, nothing on stdout
    let dir = std::env::temp_dir().join(format!("dssim-refuse-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (ds, nodes) = (dir.join("ds.yaml"), dir.join("nodes.yaml"));
    std::fs::write(&ds, &bad).unwrap();
    std::fs::write(&nodes, NODES).unwrap();
    for command in ["rollout", "compare", "check"] {
        let out = Command::new(env!("CARGO_BIN_EXE_daemonset-sim"))
            .arg(command)
            .args([&ds, &nodes])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{command}: {err}");
        let shown = if command == "check" {
            String::from_utf8_lossy(&out.stdout).into_owned()
        } else {
            assert!(out.stdout.is_empty(), "{command}");
            err.into_owned()
        };
        assert!(shown.contains(want), "{command}: {shown}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn columns_count_characters_the_same_in_yaml_and_json() {
    // a CJK label value before the bad field on the same line: the column
    // counts characters, not bytes, in both syntaxes
    let yaml = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent, labels: {team: 監控組}, annotationz: {}}\nspec: {}\n";
    let json = r#"{"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "agent", "labels": {"team": "監控組"}, "annotationz": {}}, "spec": {}}"#;
    let at = |text: &str| {
        let r = check(&[text]).unwrap();
        let e = &r.errors[0];
        assert_eq!(
            e.message(),
            "DaemonSet in version \"v1\" cannot be handled as a DaemonSet: strict decoding error: unknown field \"metadata.annotationz\""
        );
        assert_eq!(e.hint.as_deref(), Some("did you mean `annotations`?"));
        (e.line, e.column)
    };
    let col = |text: &str, needle: &str| {
        text.split('\n')
            .find_map(|l| l.find(needle).map(|b| l[..b].chars().count() as u32 + 1))
    };
    assert_eq!(at(yaml), (Some(3), col(yaml, "annotationz")));
    assert_eq!(at(json), (Some(1), col(json, "\"annotationz\"")));
}

#[test]
fn mangled_real_manifests_never_panic() {
    let mut rng = crate::common::Rng(0x0dd_5eed);
    let corpus = real("tests/data/real");
    let mut runs = 0;
    for (name, text) in &corpus {
        for _ in 0..6 {
            let t = crate::no_panic::mangle_text(text, &mut rng);
            let r = std::panic::catch_unwind(|| {
                let sources = [Source::new(Some(name), &t), Source::new(None, NODES)];
                let _ = session::check(&sources).map(|r| serde_json::to_string(&r).unwrap());
            });
            assert!(r.is_ok(), "{name}: panic on\n{t}");
            runs += 1;
        }
    }
    assert!(runs >= 150);
}

#[test]
fn volumes_and_their_mounts_are_validated_as_validate_pod_spec_does() {
    let ds = format!(
        "{DS}        volumeMounts:
        - {{name: logs, mountPath: /a, subPath: ../x}}
        - {{name: b, mountPath: /a}}
        - {{name: Bad, mountPath: /c, subPath: x, subPathExpr: yy}}
        - {{name: varlog, mountPath: /d}}
      volumes:
      - name: logs
        hostPath: {{path: /var/log, type: Dir}}
      - name: b
        emptyDir: {{}}
        configMap: {{name: c}}
        downwardAPI: {{}}
        cephfs: {{monitors: [m]}}
      - name: b
        secret: {{secretName: s}}
      - name: Bad
      - name: varlogs
        hostPath: {{path: /var/../log}}
      - name: nopath
        hostPath: {{type: Directory}}
"
    );
    let sources = [Source::new(None, &ds)];
    let objects = input::parse(&sources);
    assert_eq!(messages(&objects.errors), Vec::<String>::new());
    let mut got = messages(&session::refusal(&sources, &objects.daemon_sets[0]));
    got.sort();
    let c = "spec.template.spec.containers[0].volumeMounts";
    let v = "spec.template.spec.volumes";
    let mut want = vec![
        // ValidateVolumeMounts: a volume with errors is not one a mount can
        // name; subPath's path has no index (fldPath.Child("subPath"))
        format!("{c}.subPath: Invalid value: \"../x\": must not contain '..'"),
        format!("{c}[0].name: Not found: \"logs\""),
        format!("{c}[1].mountPath: Invalid value: \"/a\": must be unique"),
        format!("{c}[2].name: Not found: \"Bad\""),
        format!("{c}[2].subPathExpr: Invalid value: \"yy\": subPathExpr and subPath are mutually exclusive"),
        format!("{c}[3].name: Not found: \"varlog\""),
        // validateHostPathVolumeSource, validateHostPathType
        format!("{v}[0].hostPath.type: Unsupported value: \"Dir\": supported values: \"\", \"BlockDevice\", \"CharDevice\", \"Directory\", \"DirectoryOrCreate\", \"File\", \"FileOrCreate\", \"Socket\""),
        // validateVolumeSource: every source after the first, at Go's own
        // (misspelt) paths; the second `b` is not a duplicate (the first had errors)
        format!("{v}[1].configMap: Forbidden: may not specify more than 1 volume type"),
        format!("{v}[1].downwarAPI: Forbidden: may not specify more than 1 volume type"),
        format!("{v}[1].cephFS: Forbidden: may not specify more than 1 volume type"),
        format!("{v}[3]: Required value: must specify a volume type"),
        format!("{v}[3].name: Invalid value: \"Bad\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"),
        format!("{v}[4].hostPath.path: Invalid value: \"/var/../log\": must not contain '..'"),
        format!("{v}[5].hostPath.path: Required value"),
    ];
    want.sort();
    assert_eq!(got, want);
    // a duplicate of a volume without errors is one
    let dup = format!("{DS}      volumes:\n      - {{name: a, emptyDir: {{}}}}\n      - {{name: a, emptyDir: {{}}}}\n");
    let sources = [Source::new(None, &dup)];
    let objects = input::parse(&sources);
    assert_eq!(
        messages(&session::refusal(&sources, &objects.daemon_sets[0])),
        vec![format!("{v}[1].name: Duplicate value: \"a\"")]
    );
}

#[test]
fn mount_propagation_and_recursive_read_only_are_validated() {
    let with = |container: &str, mounts: &str| {
        format!(
            "{DS}{container}        volumeMounts:\n{mounts}      volumes:\n      - {{name: run, hostPath: {{path: /run}}}}\n"
        )
    };
    let refusal = refusal_of;
    let c = "spec.template.spec.containers[0].volumeMounts";
    // the kubelet's Bidirectional propagation needs a privileged container
    // (a render `helm lint` accepts, which the API server refuses)
    let mount = "        - {name: run, mountPath: /run, mountPropagation: Bidirectional}\n";
    assert_eq!(
        refusal(&with("", mount)),
        vec![format!("{c}.mountPropagation: Forbidden: Bidirectional mount propagation is available only to privileged containers")]
    );
    let privileged = "        securityContext: {privileged: true}\n";
    assert_eq!(refusal(&with(privileged, mount)), Vec::<String>::new());
    assert_eq!(
        refusal(&with(privileged, "        - {name: run, mountPath: /run, mountPropagation: Shared}\n")),
        vec![format!("{c}.mountPropagation: Unsupported value: \"Shared\": supported values: \"Bidirectional\", \"HostToContainer\", \"None\"")]
    );
    assert_eq!(
        refusal(&with("", "        - {name: run, mountPath: /run, recursiveReadOnly: Enabled, mountPropagation: HostToContainer}\n")),
        vec![
            format!("{c}.recursiveReadOnly: Forbidden: may only be specified when mountPropagation is None or not specified"),
            format!("{c}.recursiveReadOnly: Forbidden: may only be specified when readOnly is true"),
        ]
    );
    assert_eq!(
        refusal(&with("", "        - {name: run, mountPath: /run, readOnly: true, recursiveReadOnly: IfPossible}\n")),
        Vec::<String>::new()
    );
    assert_eq!(
        refusal(&with("", "        - {name: run, mountPath: /run, recursiveReadOnly: Always}\n")),
        vec![format!("{c}.recursiveReadOnly: Unsupported value: \"Always\": supported values: \"Disabled\", \"Enabled\", \"IfPossible\"")]
    );
}

#[test]
fn probes_are_validated_after_the_api_servers_defaults() {
    let refusal = |probes: &str, init: &str| refusal_of(&format!("{DS}{probes}{init}"));
    let c = "spec.template.spec.containers[0]";
    // zeros are defaulted (0 s timeout is 1 s, threshold 0 is 1), an empty
    // httpGet path is `/`: valid
    assert_eq!(
        refusal("        livenessProbe: {httpGet: {port: 8080}, timeoutSeconds: 0, successThreshold: 0}\n", ""),
        Vec::<String>::new()
    );
    assert_eq!(
        refusal(
            "        livenessProbe:\n          exec: {command: [cat]}\n          httpGet: {port: 0, scheme: FTP}\n          successThreshold: 2\n          periodSeconds: -5\n        readinessProbe: {tcpSocket: {port: Metrics_Port}, terminationGracePeriodSeconds: 0}\n        startupProbe: {grpc: {}, successThreshold: -1}\n",
            ""
        ),
        vec![
            format!("{c}.livenessProbe.httpGet: Forbidden: may not specify more than 1 handler type"),
            format!("{c}.livenessProbe.periodSeconds: Invalid value: -5: must be greater than or equal to 0"),
            format!("{c}.livenessProbe.successThreshold: Invalid value: 2: must be 1"),
            format!("{c}.readinessProbe.tcpSocket.port: Invalid value: \"Metrics_Port\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"),
            format!("{c}.readinessProbe.terminationGracePeriodSeconds: Invalid value: 0: must be greater than 0"),
            format!("{c}.readinessProbe.terminationGracePeriodSeconds: Invalid value: 0: must not be set for readinessProbes"),
            format!("{c}.startupProbe.grpc.port: Invalid value: 0: must be between 1 and 65535, inclusive"),
            format!("{c}.startupProbe.successThreshold: Invalid value: -1: must be 1"),
            format!("{c}.startupProbe.successThreshold: Invalid value: -1: must be greater than or equal to 0"),
        ]
    );
    assert_eq!(
        refusal("        readinessProbe: {}\n", ""),
        vec![format!(
            "{c}.readinessProbe: Required value: must specify a handler type"
        )]
    );
    // an init container may have probes only as a sidecar
    let init = "      initContainers:\n      - name: setup\n        image: s\n        livenessProbe: {exec: {command: [a]}}\n      - name: sidecar\n        image: s\n        restartPolicy: Always\n        livenessProbe: {exec: {}}\n";
    assert_eq!(
        refusal("", init),
        vec![
            "spec.template.spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always".to_string(),
            "spec.template.spec.initContainers[1].livenessProbe.exec.command: Required value".to_string(),
        ]
    );
}

#[test]
fn lifecycle_hooks_are_validated_as_probes_handlers_are() {
    let refusal = |more: &str| refusal_of(&format!("{DS}{more}"));
    let c = "spec.template.spec.containers[0].lifecycle";
    // a preStop sleep (what many DaemonSets use to drain) is one handler
    assert_eq!(
        refusal("        lifecycle: {preStop: {sleep: {seconds: 5}}}\n"),
        Vec::<String>::new()
    );
    assert_eq!(
        refusal("        lifecycle:\n          postStart: {}\n          preStop: {exec: {command: [sh]}, sleep: {seconds: 5}, tcpSocket: {port: 99999}}\n"),
        vec![
            format!("{c}.postStart: Required value: must specify a handler type"),
            format!("{c}.preStop.sleep: Forbidden: may not specify more than 1 handler type"),
            format!("{c}.preStop.tcpSocket: Forbidden: may not specify more than 1 handler type"),
        ]
    );
    // and a non-sidecar init container may not have them
    assert_eq!(
        refusal("      initContainers:\n      - {name: setup, image: s, lifecycle: {preStop: {exec: {command: [a]}}}}\n"),
        vec!["spec.template.spec.initContainers[0].lifecycle: Forbidden: may not be set for init containers without restartPolicy=Always".to_string()]
    );
}

#[test]
fn fifty_thousand_volumes_and_mounts_are_checked_by_name() {
    // (looked up by name, not compared pairwise: this once took minutes)
    let n = 50_000;
    let mut text = format!("{DS}        volumeMounts:\n");
    for i in 0..n {
        text.push_str(&format!("        - {{name: v{i}, mountPath: /m{i}}}\n"));
    }
    text.push_str("        - {name: nope, mountPath: /m7}\n      volumes:\n");
    for i in 0..n {
        text.push_str(&format!("      - {{name: v{i}, emptyDir: {{}}}}\n"));
    }
    text.push_str("      - {name: v9, emptyDir: {}}\n");
    let c = "spec.template.spec.containers[0].volumeMounts";
    assert_eq!(
        refusal_of(&text),
        vec![
            format!("{c}[{n}].mountPath: Invalid value: \"/m7\": must be unique"),
            format!("{c}[{n}].name: Not found: \"nope\""),
            format!("spec.template.spec.volumes[{n}].name: Duplicate value: \"v9\""),
        ]
    );
}

#[test]
fn container_security_contexts_are_validated_as_validate_security_context_does() {
    let refusal = |more: &str| refusal_of(&format!("{DS}{more}"));
    let c = "spec.template.spec.containers[0].securityContext";
    // what real agents set is valid
    assert_eq!(
        refusal("        securityContext: {runAsUser: 65534, runAsGroup: 0, runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}, seccompProfile: {type: RuntimeDefault}, appArmorProfile: {type: Localhost, localhostProfile: k8s-agent}}\n"),
        Vec::<String>::new()
    );
    // IsValidUserID / IsValidGroupID, ValidateProcMountType,
    // validateSeccompProfileType, validateWindowsSecurityContextOptions,
    // ValidateAppArmorProfileField
    assert_eq!(
        refusal("        securityContext:\n          runAsUser: -1\n          runAsGroup: 2147483648\n          procMount: Foo\n          seccompProfile: {localhostProfile: p}\n          windowsOptions: {runAsUserName: 'a\\b\\c', gmsaCredentialSpec: ''}\n          appArmorProfile: {type: Localhost}\n"),
        vec![
            format!("{c}.appArmorProfile.localhostProfile: Required value: must be set when AppArmor type is Localhost"),
            format!("{c}.procMount: Unsupported value: \"Foo\": supported values: \"Default\", \"Unmasked\""),
            format!("{c}.runAsGroup: Invalid value: 2147483648: must be between 0 and 2147483647, inclusive"),
            format!("{c}.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive"),
            format!("{c}.seccompProfile.localhostProfile: Invalid value: {{\"Type\":\"\",\"LocalhostProfile\":\"p\"}}: can only be set when seccomp type is Localhost"),
            format!("{c}.seccompProfile.type: Required value: type is required when seccompProfile is set"),
            format!("{c}.windowsOptions.gmsaCredentialSpec: Invalid value: \"\": gmsaCredentialSpec cannot be an empty string"),
            format!("{c}.windowsOptions.runAsUserName: Invalid value: \"a\\\\b\\\\c\": runAsUserName cannot contain more than one backslash"),
        ]
    );
    // a Localhost profile is a relative path without '..'; the others
    // have none
    assert_eq!(
        refusal("        securityContext:\n          seccompProfile: {type: Localhost, localhostProfile: /abs/../p}\n          appArmorProfile: {type: Unconfined, localhostProfile: p}\n"),
        vec![
            format!("{c}.appArmorProfile.localhostProfile: Invalid value: \"p\": can only be set when AppArmor type is Localhost"),
            format!("{c}.seccompProfile.localhostProfile: Invalid value: \"/abs/../p\": must be a relative path"),
            format!("{c}.seccompProfile.localhostProfile: Invalid value: \"/abs/../p\": must not contain '..'"),
        ]
    );
    assert_eq!(
        refusal("        securityContext:\n          seccompProfile: {type: localhost, localhostProfile: p}\n          appArmorProfile: {type: Localhost, localhostProfile: ' p'}\n"),
        vec![
            format!("{c}.appArmorProfile.localhostProfile: Invalid value: \" p\": must not be padded with whitespace"),
            format!("{c}.seccompProfile.localhostProfile: Invalid value: {{\"Type\":\"localhost\",\"LocalhostProfile\":\"p\"}}: can only be set when seccomp type is Localhost"),
            format!("{c}.seccompProfile.type: Unsupported value: \"localhost\": supported values: \"Localhost\", \"RuntimeDefault\", \"Unconfined\""),
        ]
    );
    // allowPrivilegeEscalation: false with privileged, or with CAP_SYS_ADMIN
    // (once per such entry), reported at the security context itself
    let sc = "{\"Capabilities\":{\"Add\":[\"CAP_SYS_ADMIN\"],\"Drop\":null},\"Privileged\":true,\"SELinuxOptions\":null,\"WindowsOptions\":null,\"RunAsUser\":null,\"RunAsGroup\":null,\"RunAsNonRoot\":null,\"ReadOnlyRootFilesystem\":null,\"AllowPrivilegeEscalation\":false,\"ProcMount\":null,\"SeccompProfile\":null,\"AppArmorProfile\":null}";
    assert_eq!(
        refusal("        securityContext: {privileged: true, allowPrivilegeEscalation: false, capabilities: {add: [CAP_SYS_ADMIN]}}\n"),
        vec![
            format!("{c}: Invalid value: {sc}: cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN"),
            format!("{c}: Invalid value: {sc}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true"),
        ]
    );
    // an init container's too; Unmasked needs hostUsers: false, which
    // forbids the host's namespaces (at Go's own paths)
    let init = "      initContainers:\n      - name: setup\n        image: s\n        securityContext: {procMount: Unmasked}\n";
    assert_eq!(
        refusal(init),
        vec!["spec.template.spec.initContainers[0].securityContext.procMount: Invalid value: \"Unmasked\": `hostUsers` must be false to use `Unmasked`".to_string()]
    );
    assert_eq!(
        refusal(&format!("{init}      hostUsers: false\n")),
        Vec::<String>::new()
    );
    assert_eq!(
        refusal(&format!("{init}      hostUsers: false\n      hostNetwork: true\n      hostPID: true\n      hostIPC: true\n")),
        vec![
            "spec.template.spec.HostIPC: Forbidden: when `pod.Spec.HostUsers` is false".to_string(),
            "spec.template.spec.HostPID: Forbidden: when `pod.Spec.HostUsers` is false".to_string(),
            "spec.template.spec.hostNetwork: Forbidden: when `pod.Spec.HostUsers` is false".to_string(),
        ]
    );
}

#[test]
fn pod_security_contexts_and_sysctls_are_validated_as_validate_pod_spec_security_context_does() {
    let refusal = |more: &str| refusal_of(&format!("{DS}{more}"));
    let p = "spec.template.spec.securityContext";
    assert_eq!(
        refusal("      securityContext: {runAsUser: 1000, fsGroup: 2000, supplementalGroups: [0, 3000], fsGroupChangePolicy: OnRootMismatch, supplementalGroupsPolicy: Strict, sysctls: [{name: net.core.somaxconn, value: '1024'}, {name: kernel/shm_rmid_forced, value: '1'}], seccompProfile: {type: RuntimeDefault}}\n"),
        Vec::<String>::new()
    );
    assert_eq!(
        refusal("      securityContext:\n        fsGroup: -1\n        runAsGroup: -5\n        supplementalGroups: [1, -2]\n        fsGroupChangePolicy: Sometimes\n        supplementalGroupsPolicy: Loose\n        appArmorProfile: {type: Enforce}\n        seccompProfile: {type: Localhost}\n"),
        vec![
            format!("{p}.appArmorProfile.type: Unsupported value: \"Enforce\": supported values: \"Localhost\", \"RuntimeDefault\", \"Unconfined\""),
            format!("{p}.fsGroup: Invalid value: -1: must be between 0 and 2147483647, inclusive"),
            format!("{p}.fsGroupChangePolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnRootMismatch\""),
            format!("{p}.runAsGroup: Invalid value: -5: must be between 0 and 2147483647, inclusive"),
            format!("{p}.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost"),
            format!("{p}.supplementalGroupsPolicy: Unsupported value: \"Loose\": supported values: \"Merge\", \"Strict\""),
            format!("{p}.supplementalGroups[1]: Invalid value: -2: must be between 0 and 2147483647, inclusive"),
        ]
    );
    // validateSysctls: names, duplicates; namespaced sysctls with the
    // host's network or IPC namespace (slashes normalized first); and
    // shareProcessNamespace with hostPID, which Go reports inside the
    // security context (the internal PodSecurityContext holds them)
    assert_eq!(
        refusal("      hostNetwork: true\n      hostIPC: true\n      hostPID: true\n      shareProcessNamespace: true\n      securityContext:\n        sysctls:\n        - {name: net.core.somaxconn, value: '1'}\n        - {name: net.core.somaxconn, value: '2'}\n        - {name: Bad_Name, value: '1'}\n        - {name: '', value: '1'}\n        - {name: kernel.shm_rmid_forced, value: '1'}\n        - {name: net/ipv4/ip_forward, value: '1'}\n        - {name: kernel.panic, value: '1'}\n"),
        vec![
            format!("{p}.shareProcessNamespace: Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled"),
            format!("{p}.sysctls[0].name: Invalid value: \"net.core.somaxconn\": may not be specified when 'hostNetwork' is true"),
            format!("{p}.sysctls[1].name: Duplicate value: \"net.core.somaxconn\""),
            format!("{p}.sysctls[1].name: Invalid value: \"net.core.somaxconn\": may not be specified when 'hostNetwork' is true"),
            format!("{p}.sysctls[2].name: Invalid value: \"Bad_Name\": must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$"),
            format!("{p}.sysctls[3].name: Required value"),
            format!("{p}.sysctls[4].name: Invalid value: \"kernel.shm_rmid_forced\": may not be specified when 'hostIPC' is true"),
            format!("{p}.sysctls[5].name: Invalid value: \"net/ipv4/ip_forward\": may not be specified when 'hostNetwork' is true"),
        ]
    );
    // validateWindowsHostProcessPod: every container a hostProcess one
    // (init containers inherit the pod's value), with hostNetwork
    assert_eq!(
        refusal("        securityContext: {windowsOptions: {hostProcess: false}}\n      initContainers:\n      - {name: setup, image: s}\n      securityContext: {windowsOptions: {hostProcess: true}}\n"),
        vec![
            "spec.template.spec.containers[0].securityContext.windowsOptions.hostProcess: Invalid value: false: pod hostProcess value must be identical if both are specified, was true".to_string(),
            "spec.template.spec.hostNetwork: Invalid value: false: hostNetwork must be true if pod contains any hostProcess containers".to_string(),
            "spec.template.spec: Invalid value: \"\": If pod contains any hostProcess containers then all containers must be HostProcess containers".to_string(),
        ]
    );
}

#[test]
fn config_map_and_secret_volumes_are_validated_as_validate_key_to_path_does() {
    let refusal = |volumes: &str| refusal_of(&format!("{DS}      volumes:\n{volumes}"));
    let v = "spec.template.spec.volumes";
    let mode = "must be a number between 0 and 0777 (octal), both inclusive";
    // what charts write is valid (420 is 0644, 511 is 0777)
    assert_eq!(
        refusal("      - {name: cfg, configMap: {name: agent, defaultMode: 420, items: [{key: agent.yaml, path: conf/agent.yaml, mode: 511}]}}\n      - {name: tls, secret: {secretName: agent-tls, optional: true, defaultMode: 0, items: [{key: tls.crt, path: tls.crt}]}}\n"),
        Vec::<String>::new()
    );
    let mut want = vec![
        format!("{v}[0].configMap.items[1].key: Required value"),
        format!(
            "{v}[0].configMap.items[1].path: Invalid value: \"/abs/../x\": must be a relative path"
        ),
        format!(
            "{v}[0].configMap.items[1].path: Invalid value: \"/abs/../x\": must not contain '..'"
        ),
        format!("{v}[0].configMap.items[1].mode: Invalid value: 512: {mode}"),
        format!(
            "{v}[0].configMap.items[2].path: Invalid value: \"..hidden\": must not start with '..'"
        ),
        format!("{v}[0].configMap.items[3].path: Required value"),
        format!("{v}[1].configMap.name: Required value"),
        format!("{v}[1].configMap.defaultMode: Invalid value: -1: {mode}"),
        format!("{v}[2].secret.secretName: Required value"),
        format!("{v}[2].secret.defaultMode: Invalid value: 1000: {mode}"),
        format!("{v}[2].secret.items[0].key: Required value"),
        // `../up` is caught by the '..' check, not again as a start
        format!("{v}[2].secret.items[0].path: Invalid value: \"../up\": must not contain '..'"),
        format!("{v}[3].secret.items[0].path: Invalid value: \"a/../b\": must not contain '..'"),
        format!("{v}[3].secret.items[0].mode: Invalid value: -5: {mode}"),
    ];
    want.sort();
    assert_eq!(
        refusal("      - name: a\n        configMap:\n          name: c\n          defaultMode: 511\n          items:\n          - {key: k, path: ok/file, mode: 256}\n          - {path: /abs/../x, mode: 512}\n          - {key: k2, path: ..hidden}\n          - {key: k3}\n      - {name: b, configMap: {defaultMode: -1}}\n      - {name: c, secret: {defaultMode: 1000, items: [{key: '', path: ../up}]}}\n      - {name: d, secret: {secretName: s, items: [{key: k, path: a/../b, mode: -5}]}}\n"),
        want
    );
    // a second source is forbidden and not looked into; emptyDir's
    // sizeLimit may not be negative (zero is allowed), its medium is free
    assert_eq!(
        refusal("      - {name: a, emptyDir: {sizeLimit: -1Gi}, configMap: {defaultMode: -1}}\n      - {name: b, emptyDir: {sizeLimit: 0, medium: Anything}}\n"),
        vec![
            format!("{v}[0].configMap: Forbidden: may not specify more than 1 volume type"),
            format!("{v}[0].emptyDir.sizeLimit: Forbidden: SizeLimit field must be a valid resource quantity"),
        ]
    );
}

#[test]
fn downward_api_volumes_are_validated_as_validate_downward_api_volume_file_does() {
    let refusal = |items: &str| {
        refusal_of(&format!(
            "{DS}      volumes:\n      - name: info\n        downwardAPI:\n          items:\n{items}"
        ))
    };
    // Go reports each file at the source's path, without the item's index
    let p = "spec.template.spec.volumes[0].downwardAPI";
    let mode = "must be a number between 0 and 0777 (octal), both inclusive";
    assert_eq!(
        refusal("          - {path: labels, fieldRef: {fieldPath: metadata.labels}}\n          - {path: ns, fieldRef: {apiVersion: v1, fieldPath: metadata.namespace}}\n          - {path: app, fieldRef: {fieldPath: \"metadata.labels['app.kubernetes.io/name']\"}}\n          - {path: cpu, resourceFieldRef: {containerName: agent, resource: requests.cpu, divisor: 1000m}}\n          - {path: mem, resourceFieldRef: {containerName: agent, resource: limits.memory, divisor: 1Mi}}\n"),
        Vec::<String>::new()
    );
    let bytes = "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the";
    let mut want = vec![
        format!("{p}.fieldRef.fieldPath: Unsupported value: \"spec.nodeName\": supported values: \"metadata.annotations\", \"metadata.labels\", \"metadata.name\", \"metadata.namespace\", \"metadata.uid\""),
        format!("{p}.fieldRef.fieldPath: Invalid value: \"status.foo\": error converting fieldPath: field label not supported: status.foo"),
        format!("{p}.fieldRef.fieldPath: Invalid value: \"metadata.name\": error converting fieldPath: unsupported pod version: v2"),
        format!("{p}.fieldRef: Invalid value: \"Bad Key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
        format!("{p}.fieldRef.fieldPath: Invalid value: \"spec['x']\": error converting fieldPath: field label does not support subscript: spec['x']"),
        format!("{p}.path: Required value"),
        format!("{p}: Required value: one of fieldRef and resourceFieldRef is required"),
        format!("{p}.mode: Invalid value: 1024: {mode}"),
        format!("{p}.resourceFieldRef.containerName: Required value"),
        format!("{p}.resourceFieldRef.resource: Unsupported value: \"limits.gpu\": supported values: \"limits.cpu\", \"limits.ephemeral-storage\", \"limits.memory\", \"requests.cpu\", \"requests.ephemeral-storage\", \"requests.memory\""),
        format!("{p}.resourceFieldRef.divisor: Invalid value: \"limits.memory\": {bytes} memory resource"),
        format!("{p}.resourceFieldRef.divisor: Invalid value: \"requests.cpu\": only divisor's values 1m and 1 are supported with the cpu resource"),
        format!("{p}.resourceFieldRef.divisor: Invalid value: \"limits.hugepages-2Mi\": {bytes} hugepages resource"),
        format!("{p}: Invalid value: \"resource\": fieldRef and resourceFieldRef can not be specified simultaneously"),
    ];
    want.sort();
    assert_eq!(
        refusal("          - {path: node, fieldRef: {fieldPath: spec.nodeName}}\n          - {path: x, fieldRef: {fieldPath: status.foo}}\n          - {path: ver, fieldRef: {apiVersion: v2, fieldPath: metadata.name}}\n          - {path: z, fieldRef: {fieldPath: \"metadata.labels['Bad Key']\"}}\n          - {path: w, fieldRef: {fieldPath: \"spec['x']\"}}\n          - {path: '', mode: 1024}\n          - {path: c, resourceFieldRef: {resource: limits.cpu}}\n          - {path: g, resourceFieldRef: {containerName: agent, resource: limits.gpu, divisor: 1m}}\n          - {path: m, resourceFieldRef: {containerName: agent, resource: limits.memory, divisor: 1m}}\n          - {path: ncpu, resourceFieldRef: {containerName: agent, resource: requests.cpu, divisor: 2}}\n          - {path: h, resourceFieldRef: {containerName: agent, resource: limits.hugepages-2Mi, divisor: 2}}\n          - {path: both, fieldRef: {fieldPath: metadata.name}, resourceFieldRef: {containerName: agent, resource: limits.cpu}}\n"),
        want
    );
}

#[test]
fn projected_volumes_are_validated_as_validate_projection_sources_does() {
    let refusal = |sources: &str| {
        refusal_of(&format!(
            "{DS}      volumes:\n      - name: api\n        projected:\n{sources}"
        ))
    };
    let pp = "spec.template.spec.volumes[0].projected";
    // the volume every pod gets for its service account is valid
    assert_eq!(
        refusal("          defaultMode: 420\n          sources:\n          - serviceAccountToken: {expirationSeconds: 3607, path: token}\n          - configMap: {name: kube-root-ca.crt, items: [{key: ca.crt, path: ca.crt}]}\n          - downwardAPI: {items: [{path: namespace, fieldRef: {apiVersion: v1, fieldPath: metadata.namespace}}]}\n"),
        Vec::<String>::new()
    );
    // a token's path is not among the paths compared; a duplicate is
    // reported at the volume's `projected`, with the source's name (a
    // downward API file's: its path); a token's path errors at
    // `projected.path`; clusterTrustBundle is dropped (its gate is off)
    let mut want = vec![
        format!("{pp}.defaultMode: Invalid value: 4096: must be a number between 0 and 0777 (octal), both inclusive"),
        format!("{pp}.sources[1].serviceAccountToken.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes"),
        format!("{pp}.path: Invalid value: \"/token\": must be a relative path"),
        format!("{pp}: Invalid value: \"c\": conflicting duplicate paths"),
        format!("{pp}: Invalid value: \"ca.crt\": conflicting duplicate paths"),
        format!("{pp}.sources[3]: Forbidden: may not specify more than 1 volume type per source"),
        format!("{pp}.sources[4].serviceAccountToken.expirationSeconds: Invalid value: 4294967297: may not specify a duration larger than 2^32 seconds"),
        format!("{pp}.path: Required value"),
        format!("{pp}.sources[6].secret.name: Required value"),
        format!("{pp}.sources[6].secret.items[0].path: Invalid value: \"..a\": must not start with '..'"),
    ];
    want.sort();
    assert_eq!(
        refusal("          defaultMode: 4096\n          sources:\n          - serviceAccountToken: {path: token}\n          - serviceAccountToken: {path: /token, expirationSeconds: 60}\n          - secret: {name: s, items: [{key: a, path: token}, {key: b, path: ca.crt}]}\n          - configMap: {name: c, items: [{key: a, path: ca.crt}]}\n            downwardAPI: {items: [{path: ca.crt, fieldRef: {fieldPath: metadata.name}}]}\n          - serviceAccountToken: {path: '', expirationSeconds: 4294967297}\n          - clusterTrustBundle: {path: ca.crt}\n          - secret: {items: [{key: a, path: ..a}]}\n"),
        want
    );
}

#[test]
fn claim_csi_and_ephemeral_volumes_are_validated_as_validate_volume_source_does() {
    let refusal = |volumes: &str| refusal_of(&format!("{DS}      volumes:\n{volumes}"));
    let v = "spec.template.spec.volumes";
    let sub = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    assert_eq!(
        refusal("      - {name: data, persistentVolumeClaim: {claimName: data}}\n      - {name: store, csi: {driver: secrets-store.csi.k8s.io, readOnly: true, volumeAttributes: {secretProviderClass: agent}, nodePublishSecretRef: {name: creds}}}\n      - {name: scratch, ephemeral: {volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}}}\n"),
        Vec::<String>::new()
    );
    let long = "a".repeat(64);
    let mut want = vec![
        format!("{v}[0].persistentVolumeClaim.claimName: Required value"),
        format!("{v}[1].csi.driver: Required value"),
        format!("{v}[1].csi.driver: Invalid value: \"\": {sub}"),
        // the driver is lowercased before it is checked; the secret's
        // name errors at the source's `name`
        format!("{v}[2].csi.name: Invalid value: \"Bad_Secret\": {sub}"),
        format!("{v}[3].csi.driver: Too long: must have at most 63 bytes"),
        format!("{v}[3].csi.nodePublishSecretRef.name: Required value"),
        format!("{v}[4].ephemeral.volumeClaimTemplate: Required value"),
    ];
    want.sort();
    assert_eq!(
        refusal(&format!("      - {{name: a, persistentVolumeClaim: {{claimName: ''}}}}\n      - {{name: b, csi: {{driver: ''}}}}\n      - {{name: c, csi: {{driver: Disk.CSI.Example.com, nodePublishSecretRef: {{name: Bad_Secret}}}}}}\n      - {{name: d, csi: {{driver: {long}, nodePublishSecretRef: {{name: ''}}}}}}\n      - {{name: e, ephemeral: {{}}}}\n")),
        want
    );
}

#[test]
fn pull_termination_message_and_dns_policies_are_validated_after_defaulting() {
    // validatePullPolicy, the terminationMessagePolicy switch of
    // validateContainerCommon and validateDNSPolicy: each value must be one
    // of Go's list (in Go's order); an absent one is defaulted first
    // (IfNotPresent or Always by the tag, File, ClusterFirst), so it is
    // never "Required". A lowercase spelling is the usual mistake.
    let c = "spec.template.spec.containers[0]";
    let with = |container: &str, spec: &str| format!("{DS}{container}{spec}");
    assert_eq!(
        refusal_of(&with("        imagePullPolicy: always\n        terminationMessagePolicy: FallbackToLogsOnError\n", "")),
        vec![format!("{c}.imagePullPolicy: Unsupported value: \"always\": supported values: \"Always\", \"IfNotPresent\", \"Never\"")]
    );
    assert_eq!(
        refusal_of(&with("        terminationMessagePolicy: file\n", "      dnsPolicy: clusterFirst\n")),
        // (refusal_of sorts; Go's order is the same: containers, then dnsPolicy)
        vec![
            format!("{c}.terminationMessagePolicy: Unsupported value: \"file\": supported values: \"File\", \"FallbackToLogsOnError\""),
            format!("spec.template.spec.dnsPolicy: Unsupported value: \"clusterFirst\": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\""),
        ]
    );
    for ok in [
        "        imagePullPolicy: Never\n",
        "        imagePullPolicy: \"\"\n        terminationMessagePolicy: \"\"\n",
        "        imagePullPolicy: IfNotPresent\n        terminationMessagePolicy: File\n",
    ] {
        assert_eq!(
            refusal_of(&with(ok, "      dnsPolicy: ClusterFirstWithHostNet\n")),
            Vec::<String>::new(),
            "{ok}"
        );
    }
    // an init container's policies are the same checks
    let init = format!("{DS}      initContainers:\n      - {{name: init, image: busybox:1, imagePullPolicy: Sometimes}}\n");
    assert_eq!(
        refusal_of(&init),
        vec!["spec.template.spec.initContainers[0].imagePullPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\"".to_string()]
    );
}

#[test]
fn dns_config_env_from_and_the_pods_os_are_validated_as_validate_pod_spec_does() {
    let ds = format!(
        "{DS}        envFrom:
        - {{prefix: 'X=', configMapRef: {{name: settings}}}}
        - {{}}
        lifecycle: {{preStop: {{sleep: {{seconds: 45}}}}}}
      dnsPolicy: None
      dnsConfig: {{nameservers: [10.0.0.256], searches: [cluster_local.]}}
      schedulingGates: [{{name: wait}}, {{name: wait}}]
      os: {{name: windows}}
      hostIPC: true
"
    );
    let c = "spec.template.spec.containers[0]";
    let s = "spec.template.spec";
    let mut want = vec![
        format!("{c}.envFrom[0].prefix: Invalid value: \"X=\": a valid environment variable name must consist only of printable ASCII characters other than '='"),
        format!("{c}.envFrom: Invalid value: \"\": must specify one of: `configMapRef` or `secretRef`"),
        format!("{c}.lifecycle.preStop.sleep: Invalid value: 45: must be non-negative and less than terminationGracePeriodSeconds (30)"),
        format!("{s}.dnsConfig.nameservers[0]: Invalid value: \"10.0.0.256\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"),
        format!("{s}.schedulingGates[1]: Duplicate value: \"wait\""),
        format!("{s}.hostIPC: Forbidden: cannot be set for a windows pod"),
    ];
    want.sort();
    assert_eq!(refusal_of(&ds), want);
}

#[test]
fn pod_names_host_aliases_and_env_value_from_are_validated_as_validate_pod_spec_does() {
    let ok = format!(
        "{DS}        env:\n        - {{name: NODE, valueFrom: {{fieldRef: {{fieldPath: spec.nodeName}}}}}}\n        - {{name: PASS, valueFrom: {{secretKeyRef: {{name: db, key: password}}}}}}\n        - {{name: MEM, valueFrom: {{resourceFieldRef: {{resource: limits.memory, divisor: 1Mi}}}}}}\n      hostname: agent\n      subdomain: agents\n      serviceAccountName: agent\n      runtimeClassName: gvisor\n      hostAliases:\n      - {{ip: 10.1.2.3, hostnames: [db.local]}}\n"
    );
    assert_eq!(refusal_of(&ok), Vec::<String>::new());
    let bad = format!(
        "{DS}        env:\n        - {{name: NODE, value: x, valueFrom: {{fieldRef: {{fieldPath: spec.schedulerName}}}}}}\n        - {{name: CM, valueFrom: {{configMapKeyRef: {{key: k}}}}}}\n      hostname: agent.one\n      serviceAccount: Agent\n      runtimeClassName: ''\n      hostAliases:\n      - {{ip: 10.1.2, hostnames: [db_local]}}\n"
    );
    let s = "spec.template.spec";
    let env = "spec.template.spec.containers[0].env";
    let subdomain = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    let mut want = vec![
        format!("{env}[0].valueFrom.fieldRef.fieldPath: Unsupported value: \"spec.schedulerName\": supported values: \"metadata.name\", \"metadata.namespace\", \"metadata.uid\", \"spec.nodeName\", \"spec.serviceAccountName\", \"status.hostIP\", \"status.hostIPs\", \"status.podIP\", \"status.podIPs\""),
        format!("{env}[0].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty"),
        format!("{env}[1].valueFrom.configMapKeyRef.name: Invalid value: \"\": {subdomain}"),
        format!("{s}.hostname: Invalid value: \"agent.one\": must not contain dots"),
        format!("{s}.serviceAccountName: Invalid value: \"Agent\": {subdomain}"),
        format!("{s}.runtimeClassName: Invalid value: \"\": {subdomain}"),
        format!("{s}.hostAliases[0].ip: Invalid value: \"10.1.2\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"),
        format!("{s}.hostAliases[0].hostnames[0]: Invalid value: \"db_local\": {subdomain}"),
    ];
    want.sort();
    assert_eq!(refusal_of(&bad), want);
}
