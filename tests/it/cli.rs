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
