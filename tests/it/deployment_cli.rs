//! `daemonset-sim compare` through `cli::run_with`, with buffers.
use daemonset_sim::cli::run_with;
use serde_json::Value;

const DAEMON_SET: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: ops}
spec:
  selector: {matchLabels: {app: agent}}
  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 10%}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
      - name: agent
        image: agent:1
        resources: {requests: {cpu: 500m, memory: 256Mi}}
";

fn node(name: &str, cpu: &str, extra_spec: &str) -> String {
    format!(
        "apiVersion: v1
kind: Node
metadata:
  name: {name}
  labels: {{kubernetes.io/hostname: {name}, topology.kubernetes.io/zone: z1}}
spec: {{{extra_spec}}}
status:
  allocatable: {{cpu: \"{cpu}\", memory: 8Gi, pods: \"110\"}}
  conditions: [{{type: Ready, status: \"True\"}}]
"
    )
}

/// Four nodes: a big one, two that fit one agent only, and a cordoned one.
fn cluster() -> String {
    [
        node("big", "8", ""),
        node("small-1", "700m", ""),
        node("small-2", "700m", ""),
        node("cordoned", "8", "unschedulable: true"),
    ]
    .join("---\n")
}

struct Run {
    code: i32,
    out: String,
    err: String,
}

fn run(args: &[&str], stdin: &str) -> Run {
    let dir = std::env::temp_dir().join(format!(
        "dsim-compare-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let ds = dir.join("ds.yaml");
    let nodes = dir.join("nodes.yaml");
    std::fs::write(&ds, DAEMON_SET).unwrap();
    std::fs::write(&nodes, cluster()).unwrap();
    let args: Vec<String> = args
        .iter()
        .map(|a| match *a {
            "DS" => ds.display().to_string(),
            "NODES" => nodes.display().to_string(),
            other => other.to_string(),
        })
        .collect();
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = run_with(args, &mut stdin.as_bytes(), &mut out, &mut err);
    let _ = std::fs::remove_dir_all(&dir);
    Run {
        code,
        out: String::from_utf8(out).unwrap(),
        err: String::from_utf8(err).unwrap(),
    }
}

fn json(r: &Run) -> Value {
    assert_eq!(r.code, 0, "stderr: {}", r.err);
    serde_json::from_str(&r.out).expect("JSON output")
}

#[test]
fn text_table_side_by_side() {
    let r = run(&["compare", "DS", "NODES"], "");
    assert_eq!(r.code, 0, "{}", r.err);
    let lines: Vec<&str> = r.out.lines().collect();
    assert!(
        r.out
            .starts_with("DaemonSet ops/agent (desired 4) vs Deployment ops/agent (same template, 4 replicas = desiredNumberScheduled)"),
        "{}",
        r.out
    );
    let header = lines
        .iter()
        .position(|l| l.starts_with("NODE"))
        .expect("table header");
    let cols: Vec<Vec<&str>> = lines[header..header + 5]
        .iter()
        .map(|l| {
            l.split("   ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect()
        })
        .collect();
    assert_eq!(cols[0], ["NODE", "DAEMONSET PODS", "DEPLOYMENT PODS"]);
    // the cordoned node runs a daemon pod (the controller tolerates
    // node.kubernetes.io/unschedulable), never a replica
    assert_eq!(cols[4], ["cordoned", "1", "0"]);
    // replicas: big takes the first (least allocated), then the small ones,
    // then big again (spread + resources)
    assert_eq!(cols[1], ["big", "1", "2"]);
    assert_eq!(cols[2], ["small-1", "1", "1"]);
    assert_eq!(cols[3], ["small-2", "1", "1"]);
    assert!(r
        .out
        .contains("nodes the DaemonSet covers and the Deployment misses: cordoned"));
    assert!(r
        .out
        .contains("nodes where the Deployment doubles up: big (2)"));
    assert!(r
        .out
        .contains("cordoned node.kubernetes.io/unschedulable:NoSchedule (cordoned): daemon pod tolerated, replica not scheduled"));
    assert!(r
        .out
        .contains("DaemonSet  maxUnavailable 10% of 4 rounded up = 1, maxSurge 0 rounded up = 0"));
    assert!(r.out.contains(
        "Deployment maxUnavailable 25% of 4 rounded down = 1, maxSurge 25% rounded up = 1"
    ));
}

#[test]
fn json_is_the_comparison() {
    let c = json(&run(&["compare", "--format", "json", "DS", "NODES"], ""));
    assert_eq!(c["replicas"], 4);
    assert_eq!(c["replicasSource"], "desiredNumberScheduled");
    assert_eq!(c["deploymentSource"], "derived");
    assert_eq!(c["daemonSetOnly"], serde_json::json!(["cordoned"]));
    assert_eq!(
        c["deploymentDoubledUp"],
        serde_json::json!([{"node": "big", "pods": 2}])
    );
    assert_eq!(c["placement"]["podsPerNode"]["big"], 2);
    assert_eq!(
        c["tolerations"]["deploymentPodNotReadyEvictionSeconds"],
        300
    );
    assert_eq!(
        c["tolerations"]["daemonPodNotReadyEvictionSeconds"],
        Value::Null
    );
    assert_eq!(
        c["rollingUpdate"]["daemonSet"]["effectiveMaxUnavailable"],
        1
    );
    // 10% of 4 rounded down is 0; with maxSurge 0 the Deployment makes it 1
    let as_deploy = &c["rollingUpdate"]["daemonSetValuesAsDeployment"];
    assert_eq!(as_deploy["scaledMaxUnavailable"], 0);
    assert_eq!(as_deploy["zeroZeroAdjusted"], true);
    assert_eq!(as_deploy["effectiveMaxUnavailable"], 1);
    // removing big loses two replicas, rescheduled on the other nodes
    let big = c["nodeRemoved"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["node"] == "big")
        .unwrap()
        .clone();
    assert_eq!(big["deploymentPodsLost"], 2);
    assert_eq!(big["daemonSetDesiredAfter"], 3);
    assert_eq!(big["replacements"], serde_json::json!([null, null]));
    // the first replica had a scored choice with every plugin's weighted score
    let first = &c["placement"]["placements"][0];
    assert_eq!(first["chosen"], "big");
    let big_scores = &first["scores"]["big"];
    assert_eq!(big_scores["TaintToleration"], 300);
    assert!(big_scores["total"].as_i64().unwrap() > 0);
}

#[test]
fn replicas_flag_and_equals_form() {
    let c = json(&run(
        &["compare", "--replicas", "2", "-o", "json", "DS", "NODES"],
        "",
    ));
    assert_eq!(c["replicas"], 2);
    assert_eq!(c["replicasSource"], "requested");
    let c = json(&run(
        &["compare", "--replicas=7", "--format=json", "DS", "NODES"],
        "",
    ));
    assert_eq!(c["replicas"], 7);
    // 700m nodes fit one 500m replica each; big fits the rest (8 CPUs)
    assert_eq!(c["deploymentPodsPending"], 0);
    assert_eq!(c["placement"]["podsPerNode"]["big"], 5);
}

#[test]
fn unschedulable_replicas_show_the_scheduler_message() {
    let r = run(&["compare", "--replicas", "30", "DS", "NODES"], "");
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(
        r.out.contains(
            "replica 18 Pending: 0/4 nodes are available: 1 node(s) were unschedulable, 3 Insufficient cpu."
        ),
        "{}",
        r.out
    );
    // the same message is not repeated for the following replicas
    assert_eq!(r.out.matches("Pending: 0/4").count(), 1);
}

#[test]
fn pasted_deployment_is_used_and_stdin_works() {
    let deploy = "apiVersion: apps/v1
kind: Deployment
metadata: {name: agent-deploy, namespace: ops}
spec:
  replicas: 3
  selector: {matchLabels: {app: agent}}
  strategy: {type: Recreate}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
      - name: agent
        image: agent:1
        resources: {requests: {cpu: 500m, memory: 256Mi}}
";
    let c = json(&run(&["compare", "-o", "json", "DS", "NODES", "-"], deploy));
    assert_eq!(c["deploymentSource"], "pasted");
    assert_eq!(c["replicasSource"], "deployment");
    assert_eq!(c["replicas"], 3);
    assert_eq!(c["deployment"]["name"], "agent-deploy");
    assert_eq!(c["rollingUpdate"]["deployment"]["strategyType"], "Recreate");
    assert_eq!(
        c["rollingUpdate"]["deployment"]["effectiveMaxUnavailable"],
        Value::Null
    );
}

#[test]
fn deployment_alone_gives_the_placement() {
    let deploy = "apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: web:1}]
";
    let p = json(&run(&["compare", "-o", "json", "NODES", "-"], deploy));
    assert_eq!(p["replicas"], 1);
    assert_eq!(p["scheduled"], 1);
    assert_eq!(p["tieBreak"], "lexicographicallySmallestName");
    // a best-effort pod: BalancedAllocation skips it
    let scores = &p["placements"][0]["scores"]["big"];
    assert!(scores.get("NodeResourcesBalancedAllocation").is_none());
    assert!(scores.get("NodeResourcesFit").is_some());
    let text = run(&["compare", "NODES", "-"], deploy);
    assert_eq!(text.code, 0);
    assert!(text
        .out
        .starts_with("Deployment default/web: 1 replicas, 1 scheduled, 0 pending"));
    // LeastAllocated prefers the big node outright: no tie to report
    assert!(!text.out.contains("tie between"), "{}", text.out);
}

#[test]
fn no_workload_is_exit_2() {
    let r = run(&["compare", "NODES"], "");
    assert_eq!(r.code, 2);
    assert!(
        r.err.contains("no DaemonSet and no Deployment"),
        "{}",
        r.err
    );
    assert!(r.out.is_empty());
}

#[test]
fn unreadable_input_is_exit_2_with_position() {
    let r = run(
        &["compare", "NODES", "-"],
        "kind: Node\nmetadata:\n  name: [a\n",
    );
    assert_eq!(r.code, 2);
    // `-:<line>:<column>: Syntax error: ...`
    let line = r.err.lines().next().unwrap_or("");
    assert!(line.starts_with("daemonset-sim compare: -:"), "{}", r.err);
    let pos: Vec<&str> = line
        .trim_start_matches("daemonset-sim compare: -:")
        .splitn(3, ':')
        .collect();
    assert!(
        pos[0].parse::<u32>().is_ok() && pos[1].parse::<u32>().is_ok(),
        "{line}"
    );
    assert!(r.err.contains("Syntax error"));
    let missing = run(&["compare", "/nonexistent/file.yaml"], "");
    assert_eq!(missing.code, 2);
    assert!(missing.err.contains("/nonexistent/file.yaml"));
}

#[test]
fn bad_arguments_are_exit_2() {
    for args in [
        vec!["compare", "--format", "xml", "DS"],
        vec!["compare", "--replicas", "-1", "DS"],
        vec!["compare", "--replicas", "many", "DS"],
        vec!["compare", "--frobnicate", "DS"],
        vec!["compare"],
    ] {
        let r = run(&args, "");
        assert_eq!(r.code, 2, "{args:?}");
        assert!(!r.err.is_empty(), "{args:?}");
    }
    let help = run(&["compare", "--help"], "");
    assert_eq!(help.code, 0);
    assert!(
        help.out.starts_with("Usage: daemonset-sim compare"),
        "{}",
        help.out
    );
}
