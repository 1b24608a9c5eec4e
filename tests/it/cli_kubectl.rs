//! The command line as kubectl users and CI pipelines use it: `-f`,
//! directories, `-o` in all its spellings, several DaemonSets, `--fail-on`
//! and its exit code, the CI formats against hand-written golden files,
//! SARIF against its published schema, completions and man pages.
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary in the repository's root (so that paths in the output
/// are `tests/data/...`); returns (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    run_stdin(args, None)
}

fn run_stdin(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_daemonset-sim"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(s) = stdin {
        input.write_all(s.as_bytes()).unwrap();
    }
    drop(input);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const DS: &str = "web/examples/my-daemonset.daemonset.yaml";
const NODES: &str = "web/examples/my-daemonset.nodes.yaml";

fn golden(name: &str) -> String {
    std::fs::read_to_string(root().join("tests/data/golden").join(name)).unwrap()
}

#[test]
fn every_spelling_of_the_output_flag_gives_the_same_json() {
    let (code, want, err) = run(&["check", "--format", "json", DS, NODES]);
    assert_eq!((code, err.as_str()), (0, ""));
    for args in [
        &["check", "-ojson", DS, NODES][..],
        &["check", "-o", "json", DS, NODES],
        &["check", "--output", "json", DS, NODES],
        &["check", "--output=json", DS, NODES],
        &["check", "--format=json", DS, NODES],
        &["check", "-o", "json", "-f", DS, "-f", NODES],
        &[
            "check",
            "-o",
            "json",
            "--filename",
            DS,
            "--filename=web/examples/my-daemonset.nodes.yaml",
        ],
    ] {
        let (code, out, err) = run(args);
        assert_eq!((code, err.as_str()), (0, ""), "{args:?}");
        assert_eq!(out, want, "{args:?}");
    }
    // -f and positional files are read in the order typed: the same input
    let (_, out, _) = run(&["check", "-ojson", DS, "--filename", NODES]);
    assert_eq!(out, want);
}

#[test]
fn yaml_is_the_json_report_and_name_is_the_resource() {
    let (_, json, _) = run(&["check", "-o", "json", DS, NODES]);
    let (code, yaml, _) = run(&["check", "-o", "yaml", DS, NODES]);
    assert_eq!(code, 0);
    let from_yaml: Value = serde_yaml::from_str(&yaml).unwrap();
    let from_json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(from_yaml, from_json);
    let (code, name, err) = run(&["check", "-o", "name", DS, NODES]);
    assert_eq!(
        (code, name.as_str(), err.as_str()),
        (0, "daemonset.apps/my-daemonset\n", "")
    );
}

#[test]
fn wide_adds_the_failing_plugin_taints_and_labels() {
    let (code, out, _) = run(&["check", "-o", "wide", DS, NODES]);
    assert_eq!(code, 0);
    let header = out.lines().find(|l| l.starts_with("NODE")).unwrap();
    let cols: Vec<&str> = header.split_whitespace().collect();
    assert_eq!(
        cols,
        ["NODE", "VERDICT", "PLUGIN", "TAINTS", "LABELS", "REASON"]
    );
    let row = |n: &str| out.lines().find(|l| l.starts_with(n)).unwrap().to_string();
    let w3 = row("worker-3");
    assert!(
        w3.contains("Pending") && w3.contains("NodeResourcesFit"),
        "{w3}"
    );
    let cp = row("control-plane");
    assert!(
        cp.contains("TaintToleration")
            && cp.contains("node-role.kubernetes.io/control-plane:NoSchedule")
            && cp.contains("node-role.kubernetes.io/control-plane="),
        "{cp}"
    );
    // the text form is the same report without those columns
    let (_, text, _) = run(&["check", DS, NODES]);
    assert!(
        text.contains("NODE            VERDICT         REASON"),
        "{text}"
    );
}

#[test]
fn version_and_help_of_every_command() {
    let (code, out, _) = run(&["--version"]);
    assert_eq!(
        (code, out.trim()),
        (
            0,
            format!("daemonset-sim {}", env!("CARGO_PKG_VERSION")).as_str()
        )
    );
    for cmd in ["check", "rollout", "compare", "completion", "man"] {
        let (code, out, err) = run(&[cmd, "--help"]);
        assert_eq!(code, 0, "{cmd}: {err}");
        assert!(out.contains("Usage: daemonset-sim"), "{cmd}: {out}");
    }
    let (_, out, _) = run(&["check", "--help"]);
    for flag in [
        "--filename",
        "--recursive",
        "--output",
        "--fail-on",
        "[alias: --format]",
    ] {
        assert!(out.contains(flag), "{flag} in {out}");
    }
    // a wrong command line: exit 2, the message on stderr
    for args in [
        &["check", "-o", "xml", DS][..],
        &["check", "--fail-on", "sometimes", DS],
        &["check"],
        &["rollout", "-o", "github", DS],
    ] {
        let (code, out, err) = run(args);
        assert_eq!((code, out.as_str()), (2, ""), "{args:?}");
        assert!(err.contains("error:"), "{args:?}: {err}");
    }
}

#[test]
fn a_directory_reads_its_manifests_and_skips_what_is_no_kubernetes_object() {
    let dir = "tests/data/manifests";
    let (code, out, err) = run(&["check", dir]);
    assert_eq!(code, 0, "{err}");
    // two reports, one after the other, in file order
    let names: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("monitoring ") || l.starts_with("logging "))
        .filter_map(|l| l.split_whitespace().nth(1))
        .collect();
    assert_eq!(names, ["node-exporter", "fluent-bit"]);
    assert!(!out.contains("warning"), "warnings belong on stderr: {out}");
    let skipped: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("no Kubernetes object in this file"))
        .collect();
    assert_eq!(skipped.len(), 3, "{err}");
    for f in ["package.json", "values.yaml", "workflow.yml"] {
        assert!(
            err.contains(&format!("warning: {dir}/{f}: Ignored")),
            "{f}: {err}"
        );
    }
    assert!(
        err.contains("Skipped: 1 other object is not used: 1 ConfigMap"),
        "{err}"
    );
    assert!(!err.contains("README"), "{err}");

    // -R also reads sub/; -f takes the directory as well
    let (code, out, _) = run(&["check", "-R", "-o", "name", "-f", dir]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "daemonset.apps/node-exporter\ndaemonset.apps/fluent-bit\ndaemonset.apps/gpu-plugin\n"
    );

    // several DaemonSets in JSON: a kind: List of the reports
    let (_, out, _) = run(&["check", "-o", "json", dir]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (v["apiVersion"].as_str(), v["kind"].as_str()),
        (Some("v1"), Some("List"))
    );
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[1]["daemonSet"]["name"], "fluent-bit");
    assert_eq!(items[1]["nodes"][0]["state"], "keeps-existing");
    // each item is the report the DaemonSet gets alone
    let (_, alone, _) = run(&[
        "check",
        "-o",
        "json",
        "tests/data/manifests/20-logging.yaml",
        "tests/data/manifests/nodes.json",
    ]);
    let alone: Value = serde_json::from_str(&alone).unwrap();
    assert_eq!(items[1]["nodes"], alone["nodes"]);
    assert_eq!(items[1]["status"], alone["status"]);

    // a file named explicitly is read whatever it holds
    // (and what is no Kubernetes object there cannot be used: exit 2)
    let (code, _, err) = run(&["check", DS, NODES, "tests/data/manifests/values.yaml"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("values.yaml:2:1: Unknown document"), "{err}");
    // a directory without manifests, a missing path, a URL: exit 2
    for bad in [
        "tests/data/golden/nope",
        "src/session",
        "https://example.invalid/ds.yaml",
    ] {
        let (code, out, err) = run(&["check", bad]);
        assert_eq!((code, out.as_str()), (2, ""), "{bad}");
        assert!(err.starts_with("daemonset-sim: "), "{bad}: {err}");
    }
}

#[test]
fn exit_status_is_the_worst_of_the_daemon_sets() {
    // agent has a Pending node; exporter fails validation
    let agent = "tests/data/ci/agent.yaml";
    let exporter = "tests/data/ci/exporter,v2.yaml";
    let nodes = "tests/data/ci/nodes.yaml";
    assert_eq!(run(&["check", agent, nodes]).0, 0);
    let (code, out, err) = run(&["check", "--fail-on", "pending", agent, nodes]);
    assert_eq!(code, 3, "{err}");
    assert!(out.contains("small-1    Pending"), "{out}");
    assert!(
        err.contains("daemonset-sim: --fail-on pending: DaemonSet monitoring/agent: node small-1 is Pending: 0/3 nodes are available"),
        "{err}"
    );
    assert_eq!(run(&["check", "--fail-on", "excluded", agent, nodes]).0, 0);
    assert_eq!(
        run(&["check", "--fail-on", "keeps-existing", agent, nodes]).0,
        3
    );
    assert_eq!(
        run(&[
            "check",
            "--fail-on",
            "excluded",
            "--fail-on",
            "warnings",
            agent,
            nodes
        ])
        .0,
        0
    );
    // the validation error of the second DaemonSet wins over the gate
    assert_eq!(run(&["check", agent, exporter, nodes]).0, 1);
    assert_eq!(
        run(&["check", "--fail-on=pending", agent, exporter, nodes]).0,
        1
    );
    // warnings: the ConfigMap of the input
    let (code, _, err) = run(&[
        "check",
        "--fail-on",
        "warnings",
        "tests/data/manifests/20-logging.yaml",
        "tests/data/manifests/nodes.json",
    ]);
    assert_eq!(code, 3);
    assert!(err.contains("--fail-on warnings"), "{err}");
    // --node reports one node; the gate only sees it
    let (code, out, _) = run(&[
        "check",
        "--fail-on",
        "pending",
        "--node",
        "worker-1",
        agent,
        nodes,
    ]);
    assert_eq!(code, 0);
    assert!(
        out.contains("worker-1") && !out.contains("small-1"),
        "{out}"
    );
    let (code, _, err) = run(&["check", "--node", "nope", agent, nodes]);
    assert_eq!(code, 2);
    assert!(err.contains("--node nope"), "{err}");
    // input that cannot be read wins over everything
    let (code, _, _) = run(&[
        "check",
        "--fail-on",
        "pending",
        agent,
        exporter,
        "nope.yaml",
    ]);
    assert_eq!(code, 2);
    // so does a syntax error next to a DaemonSet: the reports are printed,
    // about the part that could be read
    let (code, out, err) = run_stdin(
        &["check", "--fail-on", "pending", agent, "-"],
        Some("kind: Node\nmetadata: [\n"),
    );
    assert_eq!(code, 2);
    assert!(out.contains("monitoring   agent"), "{out}");
    assert!(err.contains("error: -:3:1: Syntax error: "), "{err}");
}

/// The CI formats of one run over tests/data/ci/ (a directory: its
/// Chart.yaml is skipped with a warning), compared with golden files
/// written by hand from what each format requires.
fn ci_run(format: &str) -> (i32, String, String) {
    run(&[
        "check",
        "-o",
        format,
        "--fail-on",
        "pending,keeps-existing,warnings",
        "-f",
        "tests/data/ci",
    ])
}

#[test]
fn github_workflow_commands_match_the_golden_file() {
    let (code, out, err) = ci_run("github");
    assert_eq!(code, 1, "{err}");
    assert_eq!(out, golden("ci.github.txt"));
    // stdin has no file to point at
    let text = std::fs::read_to_string(root().join("tests/data/ci/exporter,v2.yaml")).unwrap()
        + "---\n"
        + &std::fs::read_to_string(root().join("tests/data/ci/nodes.yaml")).unwrap();
    let (code, out, _) = run_stdin(&["check", "-o", "github", "-f", "-"], Some(&text));
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "::error::spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"150%25\": must not be greater than 100%25\n"
    );
}

#[test]
fn junit_matches_the_golden_file() {
    let (code, out, _) = ci_run("junit");
    assert_eq!(code, 1);
    assert_eq!(out, golden("ci.junit.xml"));
}

#[test]
fn sarif_matches_the_golden_file_and_the_published_schema() {
    let (code, out, _) = ci_run("sarif");
    assert_eq!(code, 1);
    let got: Value = serde_json::from_str(&out).unwrap();
    let want: Value = serde_json::from_str(
        &golden("ci.sarif.json").replace("@VERSION@", env!("CARGO_PKG_VERSION")),
    )
    .unwrap();
    assert_eq!(got, want);

    let mut schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/data/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    // The published schema's language patterns have a stray `]`, a
    // literal in JavaScript's regex syntax that the validator's engine
    // refuses when it checks the schema itself; escape it here (the same
    // regex), leaving the file as published. Formats are checked.
    fn escape_stray_bracket(v: &mut Value) -> usize {
        match v {
            Value::String(p) if p == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$" => {
                *p = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$".into();
                1
            }
            Value::Object(m) => m.values_mut().map(escape_stray_bracket).sum(),
            Value::Array(a) => a.iter_mut().map(escape_stray_bracket).sum(),
            _ => 0,
        }
    }
    // run.language and toolComponent.language
    assert_eq!(escape_stray_bracket(&mut schema), 2);
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let errors = |v: &Value| -> Vec<String> {
        validator
            .iter_errors(v)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect()
    };
    assert_eq!(errors(&got), Vec::<String>::new());
    // and the validator does reject what the schema forbids
    let mut broken = got.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    broken["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert_eq!(errors(&broken).len(), 2, "{:?}", errors(&broken));
    // a clean run: no results, still valid
    let (code, out, _) = run(&["check", "-o", "sarif", DS, NODES]);
    assert_eq!(code, 0);
    let clean: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(clean["runs"][0]["results"], Value::Array(vec![]));
    assert_eq!(errors(&clean), Vec::<String>::new());
}

#[test]
fn rollout_and_compare_take_the_same_inputs_and_outputs() {
    for cmd in ["rollout", "compare"] {
        let (code, json, err) = run(&[cmd, "-o", "json", DS, NODES]);
        assert_eq!(code, 0, "{cmd}: {err}");
        let (_, same, _) = run(&[cmd, "-ojson", "-f", DS, "-f", NODES]);
        assert_eq!(same, json, "{cmd}");
        let (_, yaml, _) = run(&[cmd, "-o", "yaml", DS, NODES]);
        let from_yaml: Value = serde_yaml::from_str(&yaml).unwrap();
        assert_eq!(
            from_yaml,
            serde_json::from_str::<Value>(&json).unwrap(),
            "{cmd}"
        );
        let (_, text, _) = run(&[cmd, DS, NODES]);
        let (_, wide, _) = run(&[cmd, "-o", "wide", DS, NODES]);
        assert!(wide.len() > text.len(), "{cmd}: {wide}");
    }
    let (_, name, _) = run(&["rollout", "-o", "name", DS, NODES]);
    assert_eq!(name, "daemonset.apps/my-daemonset\n");
    let (_, name, _) = run(&["compare", "-o", "name", DS, NODES]);
    assert_eq!(
        name,
        "daemonset.apps/my-daemonset\ndeployment.apps/my-daemonset\n"
    );
    let (_, wide, _) = run(&["compare", "-o", "wide", DS, NODES]);
    assert!(wide.contains("COVERAGE"), "{wide}");
    // a directory with several DaemonSets: compare takes the first
    let (code, out, err) = run(&["compare", "-o", "name", "tests/data/manifests"]);
    assert_eq!(
        (code, out.as_str()),
        (
            0,
            "daemonset.apps/node-exporter\ndeployment.apps/node-exporter\n"
        ),
        "{err}"
    );
    assert!(err.contains("no Kubernetes object in this file"), "{err}");
}

#[test]
fn completions_and_man_pages_come_from_the_argument_definitions() {
    for (shell, marker) in [
        ("bash", "complete -F _daemonset__sim"),
        ("zsh", "#compdef daemonset-sim"),
        ("fish", "complete -c daemonset-sim"),
    ] {
        let (code, out, err) = run(&["completion", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.contains(marker), "{shell}");
        assert!(
            out.contains("fail-on") && out.contains("recursive"),
            "{shell}"
        );
    }
    let (code, out, _) = run(&["man"]);
    assert_eq!(code, 0);
    assert!(out.contains(".TH daemonset-sim 1"), "{out}");
    let (code, out, _) = run(&["man", "check"]);
    assert_eq!(code, 0);
    assert!(out.contains(".TH daemonset-sim-check 1"), "{out}");
    assert!(out.contains("\\-\\-fail\\-on"), "{out}");
    let (code, _, err) = run(&["man", "nope"]);
    assert_eq!(code, 2);
    assert!(err.contains("no command \"nope\""), "{err}");
    assert!(Path::new(env!("CARGO_BIN_EXE_daemonset-sim")).exists());
}

#[test]
fn odd_input_never_panics_in_any_format() {
    use daemonset_sim::cli::run_with;
    let ds = std::fs::read_to_string(root().join(DS)).unwrap();
    let inputs = [
        String::new(),
        "\u{0}\u{1}garbage: [".to_string(),
        "kind: DaemonSet\n".to_string(),
        "kind: DaemonSet\nmetadata: {name: \"a,b:c%\\r\\n<&>\"}\n".to_string(),
        format!("{ds}---\nnodes: [{{name: \"n\", labels: {{\"x\": \"\\u0007\\n]]>\"}}}}]\n"),
        format!("{ds}---\n{ds}---\nnodes: [{{name: a}}, {{name: a}}]\n"),
        "[1, 2, {\"kind\": \"List\", \"items\": null}]".to_string(),
    ];
    let formats = [
        "text", "wide", "json", "yaml", "name", "github", "sarif", "junit",
    ];
    for input in &inputs {
        for f in formats {
            for extra in [
                &[][..],
                &["--fail-on", "pending,excluded,keeps-existing,warnings"],
            ] {
                let args: Vec<String> = ["check", "-o", f, "-f", "-"]
                    .iter()
                    .chain(extra)
                    .map(|s| s.to_string())
                    .collect();
                let (mut out, mut err) = (Vec::new(), Vec::new());
                let code = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    run_with(args, &mut input.as_bytes(), &mut out, &mut err)
                }))
                .unwrap_or_else(|_| panic!("panic: {f} {extra:?} {input:?}"));
                assert!([0, 1, 2, 3].contains(&code), "{code}: {f} {input:?}");
                if f == "junit" && code != 2 {
                    let xml = String::from_utf8(out).unwrap();
                    assert!(!xml
                        .chars()
                        .any(|c| (c as u32) < 0x20 && !"\t\n\r".contains(c)));
                    assert!(!xml.contains("]]>"), "{xml}");
                }
            }
        }
        for cmd in ["rollout", "compare"] {
            for f in ["text", "wide", "json", "yaml", "name"] {
                let args = [cmd, "-o", f, "-"].map(String::from).to_vec();
                let (mut out, mut err) = (Vec::new(), Vec::new());
                let code = run_with(args, &mut input.as_bytes(), &mut out, &mut err);
                assert!([0, 2].contains(&code), "{code}: {cmd} {f} {input:?}");
            }
        }
    }
}
