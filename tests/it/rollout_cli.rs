//! `daemonset-sim rollout` through `cli::run_with` with buffers.
use daemonset_sim::cli::run_with;
use serde_json::Value;

const DS: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
      - name: app
        image: agent:1
        ports: [{containerPort: 9100, hostPort: 9100}]
";

const NODES: &str = "nodes:
  - name: node
    count: 3
";

fn run(args: &[&str], stdin: &str) -> (i32, String, String) {
    let args: Vec<String> = std::iter::once("rollout")
        .chain(args.iter().copied())
        .map(|s| s.to_string())
        .collect();
    let mut input = stdin.as_bytes();
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = run_with(args, &mut input, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

fn stdin_input() -> String {
    format!("{DS}---\n{NODES}")
}

#[test]
fn text_timeline_and_verdict() {
    let (code, out, err) = run(
        &[
            "--image",
            "app=agent:2",
            "--ready-delay",
            "2",
            "--termination",
            "0",
            "-",
        ],
        &stdin_input(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out
        .contains("rollout of daemonset kube-system/agent: image of container app set to agent:2"));
    assert!(out.contains("maxUnavailable 1, maxSurge 0 (of 3 desired)"));
    assert!(out.contains(
        "start (t=0, before the change; the running DaemonSet as check shows it): desired 3, current 3, ready 3, available 3, up-to-date 3, misscheduled 0\n  node-1, node-2, node-3: available old pod (check: Scheduled)\n"
    ));
    assert!(out.contains("KUBECTL ROLLOUT STATUS"));
    assert!(out.contains(
        "Waiting for daemon set \"agent\" rollout to finish: 1 out of 3 new pods have been updated..."
    ));
    assert!(out.contains("deleted node-1(old); created node-1"));
    assert!(out.contains("daemon set \"agent\" successfully rolled out"));
    assert!(out.contains("\ncompleted at t=6 s\n"), "{out}");
    // Alike nodes: the order changes nothing.
    assert!(out.trim_end().ends_with(
        "  every order gives this run (the controller never had to choose among nodes that differ)"
    ), "{out}");
    // One line per changing tick: t = 0, 2, 4, 6.
    let ticks: Vec<&str> = out
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| w.parse::<u32>().is_ok())
        .collect();
    assert_eq!(ticks, vec!["0", "2", "4", "6"]);
}

#[test]
fn json_is_the_timeline() {
    let (code, out, _) = run(
        &[
            "--format",
            "json",
            "--image=agent:2",
            "--ready-delay=1",
            "--termination=0",
            "-",
        ],
        &stdin_input(),
    );
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["completed"], true);
    assert_eq!(v["stalled"], false);
    assert_eq!(v["ticks"], 3);
    assert_eq!(v["kubectlDoneAt"], 3);
    assert_eq!(v["startBasis"], "projected");
    assert_eq!(v["nodes"][0]["start"]["verdict"], "scheduled");
    assert_eq!(v["nodes"][0]["start"]["pods"][0]["available"], true);
    let o = &v["orders"];
    assert_eq!(o["rule"], "nodeName");
    assert_eq!(o["exploration"], "exhaustive");
    assert_eq!(o["orders"], 1);
    assert_eq!(
        o["completed"],
        serde_json::json!({"orders": 1, "earliest": 3, "latest": 3})
    );
    assert!(o.get("nodeOrder").is_none());
    assert_eq!(v["log"][0]["status"]["updatedNumberScheduled"], 1);
    assert_eq!(v["log"][0]["deleted"][0]["generation"], "old");
    assert_eq!(v["pods"].as_array().unwrap().len(), 6);
    assert!(v.get("snapshot").is_none());
}

#[test]
fn snapshot_at_a_tick() {
    let (code, out, _) = run(
        &[
            "--image",
            "agent:2",
            "--ready-delay",
            "2",
            "--termination",
            "1",
            "--at",
            "1",
            "-",
        ],
        &stdin_input(),
    );
    assert_eq!(code, 0);
    assert!(out.contains("nodes at t=1 s:"), "{out}");
    assert!(
        out.contains("node-1  yes       new running, not ready"),
        "{out}"
    );
    assert!(
        out.contains("node-2  yes       old running, available"),
        "{out}"
    );
    let (_, out, _) = run(
        &[
            "-o",
            "json",
            "--image",
            "agent:2",
            "--at",
            "0",
            "--termination",
            "3",
            "-",
        ],
        &stdin_input(),
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["snapshot"]["nodes"][0]["pods"][0]["phase"], "terminating");
    assert_eq!(v["snapshot"]["nodes"][0]["pods"][0]["ready"], true);
}

#[test]
fn never_ready_stall_is_explained() {
    let (code, out, _) = run(
        &[
            "--image",
            "agent:2",
            "--ready-delay",
            "2",
            "--never-ready",
            "node-2",
            "--termination",
            "0",
            "-",
        ],
        &stdin_input(),
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("stalled: nothing changes after t=2 s (reported at t=92 s)"),
        "{out}"
    );
    assert!(out.contains(
        "new pods never become Ready on node-2; they hold the maxUnavailable budget of 1; still on the old template: node-3"
    ), "{out}");
}

#[test]
fn host_port_with_surge_is_explained() {
    let ds = DS.replace(
        "spec:\n  selector",
        "spec:\n  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}\n  selector",
    );
    let (code, out, _) = run(&["--image", "agent:2", "-"], &format!("{ds}---\n{NODES}"));
    assert_eq!(code, 0);
    assert!(
        out.contains("pending node-1 (node(s) didn't have free ports for the requested pod ports)"),
        "{out}"
    );
    assert!(
        out.contains("both want host port 9100/TCP on node-1"),
        "{out}"
    );
}

#[test]
fn on_delete_with_scripted_deletes() {
    let ds = DS.replace(
        "spec:\n  selector",
        "spec:\n  updateStrategy: {type: OnDelete}\n  selector",
    );
    let (code, out, _) = run(
        &[
            "--restart",
            "--delete",
            "3:node-2",
            "--termination",
            "0",
            "--ready-delay",
            "1",
            "-",
        ],
        &format!("{ds}---\n{NODES}"),
    );
    assert_eq!(code, 0);
    assert!(out.contains("restart (template annotation kubectl.kubernetes.io/restartedAt="));
    assert!(out.contains("error: rollout status is only available for RollingUpdate strategy type"));
    assert!(
        out.contains("user deleted node-2(old); created node-2"),
        "{out}"
    );
    assert!(
        out.contains("OnDelete: node-1, node-3 keep their old pod until someone deletes it"),
        "{out}"
    );
}

#[test]
fn new_daemon_set_from_a_file_or_the_input() {
    let dir = std::env::temp_dir().join(format!("dss-rollout-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cur = dir.join("current.yaml");
    let new = dir.join("new.yaml");
    std::fs::write(&cur, stdin_input()).unwrap();
    std::fs::write(&new, DS.replace("agent:1", "agent:9")).unwrap();
    let (code, out, err) = run(
        &[
            "--new",
            new.to_str().unwrap(),
            "--termination",
            "0",
            cur.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(": the DaemonSet in "));
    assert!(out.contains("completed at t="));
    // Two DaemonSets in the input: the second is the change.
    let two = format!("{DS}---\n{}---\n{NODES}", DS.replace("agent:1", "agent:9"));
    let (code, out, _) = run(&["-"], &two);
    assert_eq!(code, 0);
    assert!(out.contains("the second DaemonSet in the input"));
    // The same template twice: a warning, still simulated.
    let same = format!("{DS}---\n{DS}---\n{NODES}");
    let (code, _, err) = run(&["-"], &same);
    assert_eq!(code, 0);
    assert!(err.contains("look identical"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unreadable_input_exits_2_with_a_position() {
    let (code, out, err) = run(&["-"], "kind: DaemonSet\nspec: [1, 2\n");
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("-:"), "{err}");
    assert!(
        err.chars().any(|c| c.is_ascii_digit()) && err.contains(':'),
        "{err}"
    );
    let (code, _, err) = run(
        &["-"],
        "{\"kind\": \"DaemonSet\", \"spec\": {\"minReadySeconds\": \"x\"}}",
    );
    assert_eq!(code, 2);
    assert!(err.contains("1:"), "{err}");

    let (code, _, err) = run(&["-"], NODES);
    assert_eq!(code, 2);
    assert!(err.contains("no DaemonSet"));

    let (code, _, err) = run(&["/nonexistent/file.yaml"], "");
    assert_eq!(code, 2);
    assert!(err.contains("/nonexistent/file.yaml"));
}

#[test]
fn bad_arguments_exit_2_and_help_exits_0() {
    for args in [
        vec!["--bogus", "-"],
        vec!["--delete", "x:node-1", "-"],
        vec!["--delete", "node-1", "-"],
        vec!["--ready-delay", "-3", "-"],
        vec!["--format", "xml", "-"],
        vec!["--image"],
        vec!["--image", "a", "--restart", "-"],
        vec![],
    ] {
        let (code, _, err) = run(&args, &stdin_input());
        assert_eq!(code, 2, "{args:?}");
        // clap's error: what is wrong, and where to read more
        assert!(
            err.starts_with("error: ") && err.contains("--help"),
            "{args:?}: {err}"
        );
    }
    let (code, _, err) = run(&["--image", "nope=agent:2", "-"], &stdin_input());
    assert_eq!(code, 2);
    assert!(err.contains("no container \"nope\""), "{err}");
    let (code, out, _) = run(&["--help"], "");
    assert_eq!(code, 0);
    assert!(out.starts_with("Usage: daemonset-sim rollout"), "{out}");
}

#[test]
fn nodes_after_reports_what_the_node_change_does() {
    let dir = std::env::temp_dir().join(format!("dss-rollout-nodes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let after = dir.join("after.yaml");
    std::fs::write(
        &after,
        "nodes:
  - name: node-1
  - name: node-2
    taints: [\"maint:NoSchedule\"]
  - name: node-3
    taints: [\"maint:NoExecute\"]
  - name: node-4
",
    )
    .unwrap();
    let (code, out, err) = run(
        &["--nodes-after", after.to_str().unwrap(), "-"],
        &stdin_input(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("node change for daemonset kube-system/agent"),
        "{out}"
    );
    let line = |n: &str| {
        out.lines()
            .find(|l| l.starts_with(n))
            .unwrap_or("")
            .to_string()
    };
    assert!(line("node-1").ends_with("kept"), "{out}");
    assert!(
        line("node-2").contains("untolerated maint:NoSchedule (keeps a running pod)"),
        "{out}"
    );
    assert!(line("node-2").ends_with("kept (misscheduled)"), "{out}");
    assert!(line("node-3").ends_with("deleted"), "{out}");
    assert!(
        line("node-4").contains("absent") && line("node-4").ends_with("created"),
        "{out}"
    );
    assert!(
        out.contains("desired 3 -> 2, current 3 -> 2, available 3 -> 2, misscheduled 0 -> 1"),
        "{out}"
    );

    let (code, out, _) = run(
        &["-o", "json", "--nodes-after", after.to_str().unwrap(), "-"],
        &stdin_input(),
    );
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["deleted"], serde_json::json!(["node-3"]));
    assert_eq!(v["keptMisscheduled"], serde_json::json!(["node-2"]));
    assert_eq!(v["created"], serde_json::json!(["node-4"]));

    let (code, _, err) = run(
        &[
            "--nodes-after",
            after.to_str().unwrap(),
            "--image",
            "x",
            "-",
        ],
        &stdin_input(),
    );
    assert_eq!(code, 2);
    assert!(err.contains("cannot be used with"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

fn example(id: &str) -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/web/examples/");
    vec![
        format!("{dir}{id}.daemonset.yaml"),
        format!("{dir}{id}.nodes.yaml"),
    ]
}

/// The first example: `check` says worker-3 is Pending (100m free for
/// 250m) and READY 2; the rollout starts there.
#[test]
fn the_first_example_starts_where_check_says() {
    let files = example("my-daemonset");
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let (code, out, err) = run(&args, "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(
        "start (t=0, before the change; the running DaemonSet as check shows it): desired 3, current 3, ready 2, available 2, up-to-date 3, misscheduled 0\n"
    ), "{out}");
    assert!(
        out.contains("  control-plane: no pod (check: KeepsExisting)\n"),
        "{out}"
    );
    assert!(
        out.contains("  worker-1, worker-2: available old pod (check: Scheduled)\n"),
        "{out}"
    );
    assert!(
        out.contains("  worker-3: old pod Pending (Insufficient cpu) (check: Pending)\n"),
        "{out}"
    );
    // The Pending pod holds maxUnavailable 1 from the first second.
    assert!(out.contains("worker-1, worker-2 keep their old pod: the maxUnavailable budget of 1 is held by the Pending new pod on worker-3"), "{out}");

    let mut json_args = vec!["-o", "json"];
    json_args.extend(&args);
    let (_, out, _) = run(&json_args, "");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["initialStatus"]["numberReady"], 2);
    assert_eq!(v["initialStatus"]["numberUnavailable"], 1);
    let w3 = &v["nodes"][3];
    assert_eq!(w3["name"], "worker-3");
    assert_eq!(w3["start"]["verdict"], "pending");
    assert_eq!(w3["start"]["pods"][0]["phase"], "pending");
    assert_eq!(w3["start"]["pods"][0]["available"], false);
    assert_eq!(v["log"][0]["status"]["numberAvailable"], 2);
}

/// Nodes that differ: the summary gives the range over every order.
#[test]
fn text_states_the_range_over_the_orders() {
    let (code, out, err) = run(
        &[
            "--image=agent:2",
            "--ready-delay=1",
            "--ready-delay-node=node-1=10",
            "--termination=0",
            "-",
        ],
        &format!(
            "{}---\n{NODES}",
            DS.replace(
                "spec:\n  selector",
                "spec:\n  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 2}}\n  selector"
            )
        ),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\ncompleted at t=10 s\n"), "{out}");
    assert!(out.contains(
        "  over all 2 distinct orders (nodes grouped into 2 classes of interchangeable nodes): 2 orders complete between t=10 and t=11 s; kubectl rollout status first succeeds between t=10 and t=11 s\n"
    ), "{out}");
}

/// A real DaemonSet whose PriorityClass is in another file
/// (tests/data/real/gcp-pd-csi-node-linux.yaml): without the class the
/// rollout starts where `check` stands (FailedCreate, no pods) and stalls
/// with the controller's event; with the class given it rolls out.
#[test]
fn the_priority_admission_of_check_applies_to_the_rollout() {
    let ds = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/real/gcp-pd-csi-node-linux.yaml"
    );
    let nodes = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/kubectl/nodes.json");
    let event = "Error creating: pods \"csi-gce-pd-node-\" is forbidden: no PriorityClass with name csi-gce-pd-node was found";
    let args = ["-f", ds, "-f", nodes, "--image", "gce-pd-driver=x:2"];
    let (code, out, err) = run(&args, "");
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("prod-control-plane, prod-worker, prod-worker2: no pod (check: FailedCreate)"),
        "{out}"
    );
    assert!(out.contains(&format!("  no pod of the new template can be created on prod-control-plane, prod-worker, prod-worker2: FailedCreate: {event}")), "{out}");
    assert!(!out.contains("completed at"), "{out}");

    let class = "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: csi-gce-pd-node}\nvalue: 900000000\n";
    let with_class = [
        "-f",
        ds,
        "-f",
        nodes,
        "-f",
        "-",
        "--image",
        "gce-pd-driver=x:2",
    ];
    let (code, out, err) = run(&with_class, class);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("available old pod (check: Scheduled)"),
        "{out}"
    );
    assert!(out.contains("completed at t="), "{out}");
    assert!(!out.contains("FailedCreate"), "{out}");
}
