//! The kubectl plugin (plugin/kubectl-daemonset_sim, POSIX sh) against a
//! fake kubectl (tests/bin/kubectl) that serves recorded dumps of a small
//! cluster (tests/data/kubectl/) and logs every call: the exact kubectl
//! invocations, the piping into daemonset-sim, the pass-through of
//! --context / --kubeconfig / KUBECONFIG, kubectl's errors and the exit
//! codes.
#![cfg(unix)]

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

struct Run {
    code: i32,
    out: String,
    err: String,
    /// The fake kubectl's log: one line per call.
    calls: Vec<String>,
}

fn plugin(args: &[&str], env: &[(&str, &str)]) -> Run {
    let log = std::env::temp_dir().join(format!(
        "dss-kubectl-{}-{}.log",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    let path = format!(
        "{}:{}",
        root().join("tests/bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cmd = Command::new("sh");
    cmd.arg(root().join("plugin/kubectl-daemonset_sim"))
        .args(args)
        .current_dir(root())
        .env("PATH", path)
        .env("DAEMONSET_SIM", env!("CARGO_BIN_EXE_daemonset-sim"))
        .env("FAKE_KUBECTL_LOG", &log)
        .env_remove("KUBECONFIG")
        .env_remove("FAKE_KUBECTL_FAIL");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    let calls = std::fs::read_to_string(&log)
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect();
    let _ = std::fs::remove_file(&log);
    Run {
        code: out.status.code().unwrap_or(-1),
        out: String::from_utf8(out.stdout).unwrap(),
        err: String::from_utf8(out.stderr).unwrap(),
        calls,
    }
}

/// What `daemonset-sim ARGS -f -` prints for the dumps, concatenated.
fn direct(args: &[&str], dumps: &[&str]) -> (i32, String) {
    use std::io::Write;
    use std::process::Stdio;
    let text: String = dumps
        .iter()
        .map(|d| std::fs::read_to_string(root().join("tests/data/kubectl").join(d)).unwrap())
        .collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_daemonset-sim"))
        .args(args)
        .args(["-f", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

const DS_DUMPS: [&str; 4] = [
    "daemonset-monitoring-node-agent.json",
    "nodes.json",
    "pods.json",
    "priorityclasses.json",
];

#[test]
fn why_fetches_four_lists_and_pipes_them_into_check() {
    let r = plugin(&["why", "ds/node-agent", "-n", "monitoring"], &[]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(
        r.calls,
        [
            "KUBECONFIG=<unset> [get] [daemonset] [node-agent] [--namespace] [monitoring] [-o] [json]",
            "KUBECONFIG=<unset> [get] [nodes] [-o] [json]",
            "KUBECONFIG=<unset> [get] [pods] [--all-namespaces] [--field-selector] [spec.nodeName!=] [-o] [json]",
            "KUBECONFIG=<unset> [get] [priorityclasses] [-o] [json]",
        ]
    );
    // exactly what check prints for the dumps piped into it
    let (code, out) = direct(&["check"], &DS_DUMPS);
    assert_eq!((r.code, &r.out), (code, &out));
    let row = |name: &str| r.out.lines().find(|l| l.starts_with(name)).unwrap_or("");
    assert!(row("prod-worker2 ").contains("Pending"), "{}", r.out);
    assert!(
        row("prod-worker2 ").contains("Insufficient cpu"),
        "{}",
        r.out
    );
    assert!(row("prod-worker ").contains("Scheduled"), "{}", r.out);
    assert!(
        row("prod-control-plane").contains("KeepsExisting"),
        "{}",
        r.out
    );
    // every object of the dumps is read (the PriorityClasses too): no
    // warning about them
    assert_eq!(r.err, "", "{}", r.err);

    // the other spellings of the DaemonSet and the namespace
    for args in [
        &["why", "daemonset/node-agent", "--namespace", "monitoring"][..],
        &["why", "node-agent", "--namespace=monitoring"],
        &["why", "-nmonitoring", "daemonsets.apps/node-agent"],
    ] {
        let again = plugin(args, &[]);
        assert_eq!(
            (again.code, &again.out),
            (0, &r.out),
            "{args:?}: {}",
            again.err
        );
        assert_eq!(again.calls, r.calls, "{args:?}");
    }
}

#[test]
fn context_kubeconfig_and_the_environment_reach_every_kubectl_call() {
    let r = plugin(
        &[
            "why",
            "--context",
            "prod",
            "ds/node-agent",
            "-n",
            "monitoring",
            "--kubeconfig=/home/me/.kube/prod config",
        ],
        &[("KUBECONFIG", "/etc/kube/a:/etc/kube/b")],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(r.calls.len(), 4);
    for c in &r.calls {
        assert!(c.starts_with("KUBECONFIG=/etc/kube/a:/etc/kube/b "), "{c}");
        assert!(
            c.ends_with(
                "[-o] [json] [--context] [prod] [--kubeconfig] [/home/me/.kube/prod config]"
            ),
            "{c}"
        );
    }
    // a context kubectl does not know: its error as it is, exit 2
    let r = plugin(&["why", "ds/node-agent", "--context=staging"], &[]);
    assert_eq!((r.code, r.out.as_str()), (2, ""));
    assert!(
        r.err
            .starts_with("error: context \"staging\" does not exist\n"),
        "{}",
        r.err
    );
    assert_eq!(r.calls.len(), 1);
}

#[test]
fn node_limits_the_pods_and_the_report_to_one_node_and_flags_pass_through() {
    let r = plugin(
        &[
            "why",
            "ds/node-agent",
            "-n",
            "monitoring",
            "--node",
            "prod-worker2",
            "-o",
            "json",
            "--fail-on",
            "pending",
        ],
        &[],
    );
    assert_eq!(r.code, 3, "{}", r.err);
    assert_eq!(
        r.calls[2],
        "KUBECONFIG=<unset> [get] [pods] [--all-namespaces] [--field-selector] [spec.nodeName=prod-worker2] [-o] [json]"
    );
    let v: serde_json::Value = serde_json::from_str(&r.out).unwrap();
    let nodes = v["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 1);
    assert_eq!(nodes[0]["name"], "prod-worker2");
    assert_eq!(nodes[0]["state"], "pending");
    assert!(
        r.err.contains(
            "--fail-on pending: DaemonSet monitoring/node-agent: node prod-worker2 is Pending"
        ),
        "{}",
        r.err
    );
    // the same verdict for that node as with every pod of the cluster
    let (_, all) = direct(&["check", "-o", "json"], &DS_DUMPS);
    let all: serde_json::Value = serde_json::from_str(&all).unwrap();
    let w2 = all["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["name"] == "prod-worker2")
        .unwrap();
    assert_eq!(w2["message"], nodes[0]["message"]);
    assert_eq!(w2["used"], nodes[0]["used"]);
}

#[test]
fn cluster_rollout_and_compare() {
    let r = plugin(&["cluster", "-o", "name"], &[]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(
        r.out,
        "daemonset.apps/kube-proxy\ndaemonset.apps/node-agent\n"
    );
    assert_eq!(
        r.calls[0],
        "KUBECONFIG=<unset> [get] [daemonsets] [--all-namespaces] [-o] [json]"
    );
    let r = plugin(&["cluster", "-n", "kube-system", "-o", "name"], &[]);
    assert_eq!(
        r.calls[0],
        "KUBECONFIG=<unset> [get] [daemonsets] [--namespace] [kube-system] [-o] [json]"
    );

    // rollout: the flags, quoting kept, reach daemonset-sim rollout
    let r = plugin(
        &[
            "rollout",
            "ds/node-agent",
            "-n",
            "monitoring",
            "--env",
            "agent:GREETING=hello world",
        ],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(r.calls.len(), 4);
    assert!(
        r.out
            .contains("rollout of daemonset monitoring/node-agent: env GREETING=hello world in container agent"),
        "{}",
        r.out
    );
    let (code, out) = direct(
        &["rollout", "--env", "agent:GREETING=hello world"],
        &DS_DUMPS,
    );
    assert_eq!((code, out), (0, r.out));

    let r = plugin(
        &["compare", "ds/node-agent", "-n", "monitoring", "-o", "name"],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(
        r.out,
        "daemonset.apps/node-agent\ndeployment.apps/node-agent\n"
    );
}

#[test]
fn kubectl_errors_are_shown_as_they_are_and_exit_2() {
    let r = plugin(&["why", "ds/nope", "-n", "monitoring"], &[]);
    assert_eq!((r.code, r.out.as_str()), (2, ""));
    assert!(
        r.err
            .starts_with("Error from server (NotFound): daemonsets.apps \"nope\" not found\n"),
        "{}",
        r.err
    );
    assert_eq!(r.calls.len(), 1, "nothing after the failed call");

    let r = plugin(
        &["why", "ds/node-agent", "-n", "monitoring"],
        &[("FAKE_KUBECTL_FAIL", "nodes")],
    );
    assert_eq!((r.code, r.out.as_str()), (2, ""));
    assert!(
        r.err
            .starts_with("error: You must be logged in to the server"),
        "{}",
        r.err
    );
    assert_eq!(r.calls.len(), 2);
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    for args in [
        &[][..],
        &["frobnicate"],
        &["why"],
        &["why", "deploy/web"],
        &["why", "ds/a", "ds/b"],
        &["cluster", "ds/node-agent"],
        &["rollout", "ds/node-agent", "--node", "x"],
        &["why", "ds/node-agent", "-n"],
    ] {
        let r = plugin(args, &[]);
        assert_eq!((r.code, r.out.as_str()), (2, ""), "{args:?}");
        assert!(!r.err.is_empty(), "{args:?}");
        assert!(r.calls.is_empty(), "{args:?}: {:?}", r.calls);
    }
    let r = plugin(&["--help"], &[]);
    assert_eq!(r.code, 0);
    assert!(
        r.out.contains("kubectl daemonset-sim why ds/NAME"),
        "{}",
        r.out
    );
    let r = plugin(&["version"], &[]);
    assert_eq!(
        (r.code, r.out.trim()),
        (
            0,
            format!("daemonset-sim {}", env!("CARGO_PKG_VERSION")).as_str()
        )
    );
    // a daemonset-sim usage error: its exit code
    let r = plugin(
        &["why", "ds/node-agent", "-n", "monitoring", "-o", "xml"],
        &[],
    );
    assert_eq!(r.code, 2);
    assert!(r.err.contains("invalid value 'xml'"), "{}", r.err);
}
