//! The `daemonset-sim` binary: arguments, stdin, exit codes, output forms.
use std::io::Write;
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_daemonset-sim"))
}

fn example(name: &str) -> String {
    format!("{}/web/examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn run_stdin(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn text_table_for_valid_input_exits_0() {
    let out = bin()
        .args([
            "check",
            &example("my-daemonset.daemonset.yaml"),
            &example("my-daemonset.nodes.yaml"),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR"),
        "{text}"
    );
    let row = text.lines().find(|l| l.starts_with("worker-3")).unwrap();
    assert!(
        row.contains("Pending") && row.contains("1 Insufficient cpu"),
        "{row}"
    );
    let cp = text
        .lines()
        .find(|l| l.starts_with("control-plane"))
        .unwrap();
    assert!(
        cp.contains("KeepsExisting")
            && cp.contains("node-role.kubernetes.io/control-plane:NoSchedule"),
        "{cp}"
    );
}

#[test]
fn json_from_stdin_and_validation_errors_exit_1() {
    let input = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: x}\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec:\n      tolerations:\n      - key: a\n        effect: Evict\n      containers: [{name: c, image: busybox}]\n---\nnodes: [{name: n1}]\n";
    let (code, out, _) = run_stdin(&["check", "--format", "json", "-"], input);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let e = &v["errors"][0];
    assert_eq!(e["field"], "spec.template.spec.tolerations[0].effect");
    assert_eq!(e["type"], "Unsupported value");
    assert_eq!(
        (e["line"].as_i64(), e["column"].as_i64()),
        (Some(11), Some(17))
    );
    assert_eq!(v["nodes"][0]["state"], "scheduled");
    assert_eq!(v["daemonSet"]["name"], "x");
}

#[test]
fn unreadable_input_exits_2_with_position_on_stderr() {
    let (code, out, err) = run_stdin(&["check", "-"], "kind: DaemonSet\nmetadata:\n  name: [x\n");
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("-:") && err.contains("Syntax error"), "{err}");
    let (code, _, err) = run_stdin(&["check", "-"], "nodes: [{name: a}]\n");
    assert_eq!(code, 2);
    assert!(err.contains("no DaemonSet"), "{err}");
    let out = bin()
        .args(["check", "/nonexistent/file.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = bin()
        .args(["check", "--format", "xml", "-"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = bin().args(["frobnicate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = bin().args(["--help"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn several_files_are_read_together() {
    let out = bin()
        .args([
            "check",
            "--format=json",
            &example("fluentd.daemonset.yaml"),
            &example("fluentd.nodes.yaml"),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["nodes"].as_array().unwrap().len(), 4);
    assert_eq!(v["desiredNumberScheduled"], 2);
}

/// A calico-sized install file: 44 objects the engine does not use around
/// one DaemonSet (and the Deployment of its controllers).
fn calico_style_install_file() -> String {
    let mut s = String::new();
    let mut object = |api: &str, kind: &str, name: &str, rest: &str| {
        s.push_str(&format!(
            "---\napiVersion: {api}\nkind: {kind}\nmetadata:\n  name: {name}\n{rest}"
        ));
    };
    for i in 0..21 {
        object(
            "apiextensions.k8s.io/v1",
            "CustomResourceDefinition",
            &format!("crd{i}.crd.projectcalico.org"),
            "spec:\n  group: crd.projectcalico.org\n  names: {kind: Thing, plural: things}\n  scope: Cluster\n  versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}]\n",
        );
    }
    for i in 0..9 {
        object(
            "rbac.authorization.k8s.io/v1",
            "ClusterRole",
            &format!("role-{i}"),
            "rules: []\n",
        );
        object(
            "rbac.authorization.k8s.io/v1",
            "ClusterRoleBinding",
            &format!("binding-{i}"),
            &format!("roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: role-{i}}}\nsubjects: []\n"),
        );
    }
    for name in [
        "calico-node",
        "calico-cni-plugin",
        "calico-kube-controllers",
    ] {
        object("v1", "ServiceAccount", name, "");
    }
    object(
        "v1",
        "ConfigMap",
        "calico-config",
        "data: {typha_service_name: none}\n",
    );
    object(
        "policy/v1",
        "PodDisruptionBudget",
        "calico-kube-controllers",
        "spec: {maxUnavailable: 1, selector: {matchLabels: {k8s-app: calico-kube-controllers}}}\n",
    );
    object(
        "apps/v1",
        "DaemonSet",
        "calico-node",
        "  namespace: kube-system\nspec:\n  selector: {matchLabels: {k8s-app: calico-node}}\n  template:\n    metadata: {labels: {k8s-app: calico-node}}\n    spec:\n      hostNetwork: true\n      tolerations: [{effect: NoSchedule, operator: Exists}, {key: CriticalAddonsOnly, operator: Exists}, {effect: NoExecute, operator: Exists}]\n      priorityClassName: system-node-critical\n      containers: [{name: calico-node, image: docker.io/calico/node:v3.25.0, resources: {requests: {cpu: 250m}}}]\n",
    );
    object(
        "apps/v1",
        "Deployment",
        "calico-kube-controllers",
        "  namespace: kube-system\nspec:\n  replicas: 1\n  selector: {matchLabels: {k8s-app: calico-kube-controllers}}\n  template:\n    metadata: {labels: {k8s-app: calico-kube-controllers}}\n    spec:\n      containers: [{name: calico-kube-controllers, image: docker.io/calico/kube-controllers:v3.25.0}]\n",
    );
    s
}

#[test]
fn whole_install_files_say_what_is_skipped_in_one_line_before_the_verdicts() {
    let real = |f: &str| format!("{}/tests/data/real/{f}", env!("CARGO_MANIFEST_DIR"));
    let nodes = example("flannel.nodes.yaml");
    let dir = std::env::temp_dir().join(format!("dssim-install-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let calico = dir.join("calico.yaml");
    std::fs::write(&calico, calico_style_install_file()).unwrap();
    let cases = [
        (
            real("kube-flannel.yml"),
            "Skipped: 5 other objects are not used: 1 ClusterRole, 1 ClusterRoleBinding, 1 ConfigMap, 1 Namespace, 1 ServiceAccount",
        ),
        (
            real("aws-k8s-cni.yaml"),
            "Skipped: 4 other objects are not used: 1 ClusterRole, 1 ClusterRoleBinding, 1 CustomResourceDefinition, 1 ServiceAccount",
        ),
        (
            calico.to_string_lossy().into_owned(),
            "Skipped: 44 other objects are not used: 21 CustomResourceDefinition, 9 ClusterRole, 9 ClusterRoleBinding, 3 ServiceAccount, 1 ConfigMap, 1 PodDisruptionBudget",
        ),
    ];
    for (file, want) in cases {
        let out = bin().args(["check", &file, &nodes]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{file}: {stderr}");
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(
            lines.len(),
            1,
            "{file}: one line, not one per object: {stderr}"
        );
        assert!(
            lines[0].starts_with(&format!("warning: {file}:")),
            "{}",
            lines[0]
        );
        assert!(lines[0].ends_with(want), "{file}: {}", lines[0]);
        assert!(
            stdout.contains("NODE "),
            "{file}: the verdicts follow: {stdout}"
        );
        // each object's position stays in the JSON report
        let json = bin()
            .args(["check", "-o", "json", &file, &nodes])
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        let n: usize = want
            .split_whitespace()
            .nth(1)
            .and_then(|n| n.parse().ok())
            .unwrap();
        let skipped = report["skipped"].as_array().unwrap();
        assert_eq!(skipped.len(), n, "{file}");
        assert!(skipped
            .iter()
            .all(|s| s["line"].as_u64().is_some() && s["kind"].is_string()));
    }
    std::fs::remove_dir_all(&dir).ok();
}
