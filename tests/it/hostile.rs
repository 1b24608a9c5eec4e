//! Hostile and huge input (issue 15): every reproducer of the issue and
//! every input the fuzzers crashed on (tests/data/hostile/), through the
//! library's text entry points and, for the tables and the expansions,
//! the CLI binary.
//!
//! Bounds, by construction rather than by the clock: the CLI runs under
//! `prlimit --as=1073741824 --cpu=120` (1 GiB of address space, 120 s of
//! CPU; a run past either dies by a signal, which fails the test), and the
//! library cases assert how much was made (a refused expansion makes no
//! node at all) and how many diagnostics were kept.

use daemonset_sim::input::{self, limits, Source};
use daemonset_sim::rollout::NodeModel;
use daemonset_sim::session::{self, ChangeSpec, Session};
use std::path::PathBuf;
use std::process::Command;

pub const DS_HEAD: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: NAME
  namespace: NS
spec:
  selector:
    matchLabels: {app: a}
  template:
    metadata:
      labels: {app: a}
    spec:
";
const CONTAINERS: &str = "      containers:
      - name: c
        image: nginx
";
const NODES: &str = "nodes:\n- name: node\n  count: 3\n";

/// A DaemonSet with this name and namespace, `extra` in its pod spec.
pub fn daemon_set(name: &str, ns: &str, extra: &str) -> String {
    DS_HEAD.replace("NAME", name).replace("NS", ns) + extra + CONTAINERS
}

/// `n` tolerations the API server refuses (an unknown operator).
pub fn bad_tolerations(n: usize) -> String {
    let mut s = String::from("      tolerations:\n");
    for _ in 0..n {
        s.push_str("      - {key: k, operator: Bad, effect: NoSchedule}\n");
    }
    s
}

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/hostile")
        .join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(data(name)).unwrap()
}

/// Writes `text` to a file of its own for the CLI.
fn temp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("dsim-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

fn has_prlimit() -> bool {
    Command::new("prlimit").arg("--version").output().is_ok()
}

/// Runs the CLI within 1 GiB of address space and 120 s of CPU (when
/// prlimit exists): (exit status, stdout, stderr). A run killed by a
/// signal (a panic's abort, the memory or CPU limit) fails the test.
fn cli(args: &[&str]) -> (i32, String, String) {
    let bin = env!("CARGO_BIN_EXE_daemonset-sim");
    let mut cmd = if has_prlimit() {
        let mut c = Command::new("prlimit");
        c.args(["--as=1073741824", "--cpu=120", bin]);
        c
    } else {
        Command::new(bin)
    };
    let out = cmd.args(args).output().unwrap();
    let code = out
        .status
        .code()
        .unwrap_or_else(|| panic!("daemonset-sim {args:?} was killed: {:?}", out.status));
    assert!(
        matches!(code, 0..=2),
        "daemonset-sim {args:?}: exit {code}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        code,
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The input's first limit error.
fn limit_error(objects: &input::Objects) -> String {
    objects
        .errors
        .iter()
        .find(|e| e.kind == "Limit")
        .map(|e| e.detail.clone())
        .unwrap_or_else(|| panic!("no limit error: {:?}", objects.errors.first()))
}

#[test]
fn expansions_are_refused_before_anything_is_made() {
    let ds = daemon_set("a", "default", "");
    for (file, what) in [
        (
            "alias-million-nodes.yaml",
            "the number of nodes is 1,000,000, more than the limit of 100,000",
        ),
        (
            "entries-million-nodes.yaml",
            "the number of nodes is 1,000,000, more than the limit of 100,000",
        ),
        (
            "count-million-pods.yaml",
            "the number of pods is 1,000,000, more than the limit of 150,000",
        ),
    ] {
        let text = read(file);
        let o = input::parse(&[Source::new(None, &ds), Source::new(Some(file), &text)]);
        assert_eq!(limit_error(&o), what, "{file}");
        // the work bound: nothing of the list was made
        assert_eq!((o.nodes.len(), o.pods.len()), (0, 0), "{file}");
        assert_eq!(o.errors.len(), 1, "{file}: {:?}", o.errors);
        let (code, _, err) = cli(&["check", &temp("ds.yaml", &ds), data(file).to_str().unwrap()]);
        assert_eq!(code, 2, "{file}: {err}");
        assert!(err.contains(what), "{file}: {err}");
        for cmd in ["rollout", "compare"] {
            let (code, _, err) = cli(&[cmd, &temp("ds.yaml", &ds), data(file).to_str().unwrap()]);
            assert_eq!(code, 2, "{cmd} {file}: {err}");
            assert!(err.contains(what), "{cmd} {file}: {err}");
        }
    }
}

#[test]
fn objects_past_the_node_limit_are_counted() {
    let limits = limits::Limits {
        max_nodes: 1000,
        ..limits::Limits::default()
    };
    let items: Vec<String> = (0..1500)
        .map(|i| format!(r#"{{"apiVersion":"v1","kind":"Node","metadata":{{"name":"n{i}"}}}}"#))
        .collect();
    let text = format!(
        r#"{{"apiVersion":"v1","kind":"List","items":[{}]}}"#,
        items.join(",")
    );
    let o = input::parse_with(&[Source::new(None, &text)], &limits);
    assert_eq!(o.nodes.len(), 1000);
    assert_eq!(
        limit_error(&o),
        "the number of nodes is 1,500, more than the limit of 1,000"
    );
}

#[test]
fn the_largest_input_within_the_limits_fits_in_a_gib() {
    // 100,000 nodes and 150,000 pods: the limits, made by the shorthand
    let mut text = String::from("nodes:\n");
    for i in 0..10 {
        let pods = if i < 5 {
            "[{name: p}, {name: q}]"
        } else {
            "[{name: p}]"
        };
        text.push_str(&format!("- {{name: w{i}, count: 10000, pods: {pods}}}\n"));
    }
    let ds = temp("ds.yaml", &daemon_set("a", "default", ""));
    let (code, out, err) = cli(&["check", &ds, &temp("largest.yaml", &text), "-o", "name"]);
    assert_eq!((code, out.as_str()), (0, "daemonset.apps/a\n"), "{err}");
    // one more node is refused
    text.push_str("- {name: one-more}\n");
    let (code, _, err) = cli(&["check", &ds, &temp("largest.yaml", &text), "-o", "name"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("the number of nodes is 100,001, more than the limit of 100,000"),
        "{err}"
    );
}

#[test]
fn names_longer_than_a_format_width_are_printed() {
    let long = "a".repeat(70_000);
    let nodes = temp("nodes.yaml", NODES);
    let ds = temp("ds.yaml", &daemon_set("a", "default", ""));
    let long_ds = temp("long-ds.yaml", &daemon_set(&long, "default", ""));
    let long_ns = temp("long-ns.yaml", &daemon_set("a", &long, ""));
    let long_node = temp("long-node.yaml", &format!("nodes:\n- name: {long}\n"));
    let long_labels = temp(
        "long-labels.yaml",
        &format!(
            "nodes:\n- name: node\n  labels: {{k: {long}}}\n  taints: ['{long}:NoSchedule']\n"
        ),
    );
    for cmd in ["check", "rollout", "compare"] {
        for wide in [false, true] {
            let o: &[&str] = if wide { &["-o", "wide"] } else { &[] };
            // the API server refuses names that long (exit 1); the report
            // or the refusal is printed whole
            for (file, field) in [
                (&long_ds, "metadata.name"),
                (&long_ns, "metadata.namespace"),
            ] {
                let (code, out, err) = cli(&[&[cmd, file, nodes.as_str()], o].concat());
                assert_eq!(code, 1, "{cmd} {field}: {err}");
                assert!(out.contains(&long) || err.contains(&long), "{cmd} {field}");
                assert!(out.contains(field) || err.contains(field), "{cmd} {field}");
            }
            for file in [&long_node, &long_labels] {
                let (code, out, err) = cli(&[&[cmd, ds.as_str(), file], o].concat());
                assert_eq!(code, 0, "{cmd} {file}: {err}");
                if cmd == "check" {
                    assert!(out.contains(&long), "{cmd} {file}");
                }
            }
        }
    }
}

#[test]
fn many_errors_are_located_and_capped() {
    let max = limits::MAX_DIAGNOSTICS;
    // 10,000 invalid tolerations: the first 1,000 located, then a count
    let text = daemon_set("a", "default", &bad_tolerations(10_000));
    let sources = [
        Source::new(Some("ds.yaml"), &text),
        Source::new(None, NODES),
    ];
    let report = session::check(&sources).unwrap();
    assert_eq!(report.errors.len(), max + 1);
    // each at its own toleration's line
    let lines: std::collections::BTreeSet<u32> =
        report.errors[..max].iter().filter_map(|e| e.line).collect();
    assert_eq!(lines.len(), max);
    assert!(lines.iter().all(|l| (14..14 + 10_000).contains(l)));
    assert_eq!(
        report.errors[max].detail,
        "and 9,000 more (only the first 1,000 are listed)"
    );
    let (code, out, _) = cli(&[
        "check",
        &temp("tol.yaml", &text),
        &temp("nodes.yaml", NODES),
    ]);
    assert_eq!(code, 1);
    assert!(
        out.contains("and 9,000 more"),
        "{}",
        &out[..out.len().min(300)]
    );

    // 3,000 pods without a node: 3,000 located warnings, capped
    let pods: String = (0..3000)
        .map(|i| format!("---\napiVersion: v1\nkind: Pod\nmetadata: {{name: p{i}}}\nspec:\n  containers: [{{name: c, image: x}}]\n"))
        .collect();
    let o = input::parse(&[Source::new(None, &pods)]);
    assert_eq!(o.warnings.len(), max + 1);
    assert_eq!(o.warnings[999].line, Some(999 * 6 + 2));
    assert_eq!(
        o.warnings[max].detail,
        "and 2,000 more (only the first 1,000 are listed)"
    );

    // 3,000 nodes with a quantity that does not parse
    let nodes: String = (0..3000)
        .map(|i| format!("---\napiVersion: v1\nkind: Node\nmetadata: {{name: n{i}}}\nstatus:\n  allocatable: {{cpu: bad}}\n"))
        .collect();
    let o = input::parse(&[Source::new(None, &nodes)]);
    assert_eq!(o.errors.len(), max + 1);
    assert_eq!(o.errors[999].line, Some(999 * 6 + 6));
    let (code, _, err) = cli(&[
        "check",
        &temp("ds.yaml", &daemon_set("a", "default", "")),
        &temp("q.yaml", &nodes),
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("and 2,000 more"),
        "{}",
        &err[err.len().saturating_sub(300)..]
    );
}

#[test]
fn deep_nesting_is_refused_at_the_limit() {
    for (name, text) in [
        ("nest.yaml", "[".repeat(40_000)),
        ("nest.json", format!("{{\"a\":{}", "[".repeat(20_000))),
        ("nest-map.yaml", format!("x: {}", "{a: ".repeat(40_000))),
    ] {
        let o = input::parse(&[Source::new(Some(name), &text)]);
        assert_eq!(
            limit_error(&o),
            "the nesting depth goes beyond the limit of 256",
            "{name}"
        );
        let (code, _, err) = cli(&[
            "check",
            &temp("ds.yaml", &daemon_set("a", "default", "")),
            &temp(name, &text),
        ]);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(err.contains("nesting depth"), "{name}: {err}");
    }
}

/// Every text entry point on the texts of one fuzz input (NUL-separated,
/// as fuzz/fuzz_targets/common.rs splits them).
fn replay(data: &[u8]) {
    let texts: Vec<String> = data
        .splitn(3, |&b| b == 0)
        .map(|t| String::from_utf8_lossy(t).into_owned())
        .collect();
    let sources: Vec<Source> = texts
        .iter()
        .map(|t| Source::new(Some("in.yaml"), t))
        .collect();
    if let Ok(r) = session::check(&sources) {
        let _ = daemonset_sim::cli::check::render(&r, true);
    }
    let _ = session::check_each(&sources);
    let _ = session::compare_inputs(&sources, None);
    let model = NodeModel::default();
    let _ = session::rollout_inputs(&sources[..1], ChangeSpec::Unspecified, &model, 120);
    if let Some(after) = sources.get(1) {
        let _ = session::node_change_inputs(&sources[..1], *after);
    }
    let mut s = Session::new();
    s.set_cluster(&texts[0]);
    let ds = texts.get(1).map(String::as_str).unwrap_or("");
    let _ = s.check(ds);
    let _ = s.compare(ds, None);
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(q) = daemonset_sim::k8s::quantity::Quantity::parse(text) {
            let _ = q.canonical();
        }
    }
}

#[test]
fn fuzz_crashes_stay_fixed() {
    let dir = data("fuzz");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path
            .file_name()
            .is_some_and(|f| f.to_string_lossy().starts_with('.'))
        {
            continue;
        }
        replay(&std::fs::read(&path).unwrap());
        n += 1;
    }
    // and the issue's inputs, the same way
    for file in [
        "alias-million-nodes.yaml",
        "count-million-pods.yaml",
        "entries-million-nodes.yaml",
    ] {
        replay(&std::fs::read(data(file)).unwrap());
        n += 1;
    }
    assert!(n >= 3);
}

#[test]
fn an_error_repeated_per_list_item_with_a_long_value_is_made_once() {
    // Go appends the CAP_SYS_ADMIN error once per item, each carrying the
    // whole security context: 100,000 items would be 100,000 copies of a
    // 1.6 MB value (it ran out of memory); the API server's message lists
    // the distinct error once, and so does the engine, within 1 GiB.
    let caps = vec!["CAP_SYS_ADMIN"; 100_000].join(", ");
    let text = format!(
        "{DS_HEAD}      containers:\n      - name: c\n        image: nginx\n        securityContext: {{allowPrivilegeEscalation: false, capabilities: {{add: [{caps}]}}}}\n"
    )
    .replace("NAME", "a")
    .replace("NS", "default");
    let (code, out, err) = cli(&[
        "check",
        &temp("caps.yaml", &text),
        &temp("nodes.yaml", NODES),
    ]);
    assert_eq!(code, 1, "{err}");
    let out = format!("{out}{err}");
    assert_eq!(
        out.matches(
            "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN"
        )
        .count(),
        1
    );
}

#[test]
fn long_gate_search_and_resize_lists_are_judged_within_the_limits() {
    // 100,000 repeated scheduling gates and resize policies (Go's
    // duplicate checks use sets) and 100,000 search paths (one error
    // carrying the whole list, twice: count and length), under 1 GiB
    let n = 100_000;
    let gates = vec!["{name: example.com/g}"; n].join(", ");
    let searches = vec!["a.example.com"; n].join(", ");
    let resize = vec!["{resourceName: cpu, restartPolicy: NotRequired}"; n].join(", ");
    let text = format!(
        "{DS_HEAD}      schedulingGates: [{gates}]\n      dnsConfig: {{nameservers: [1.1.1.1], searches: [{searches}]}}\n      containers:\n      - name: c\n        image: nginx\n        resizePolicy: [{resize}]\n"
    )
    .replace("NAME", "a")
    .replace("NS", "default");
    let (code, out, err) = cli(&[
        "check",
        &temp("lists.yaml", &text),
        &temp("nodes.yaml", NODES),
    ]);
    assert_eq!(code, 1, "{err}");
    let out = format!("{out}{err}");
    // 99,999 duplicate gates, 99,999 duplicate resize policies and the two
    // search-list errors; the first 1,000 (sorted) are listed
    assert!(
        out.contains("and 199,000 more (only the first 1,000 are listed)"),
        "{}",
        &out[out.len().saturating_sub(2000)..]
    );
}

#[test]
fn many_extended_resources_in_several_containers_are_summed_within_the_limits() {
    // two containers and an init container with 30,000 extended resources
    // each, their names interleaved (the pod's request is their sum and
    // maximum: merging sorted lists, never one insert at a time), within
    // 1 GiB and 120 s of CPU
    let n = 30_000;
    let list = |parity: usize| -> String {
        let items: Vec<String> = (0..n)
            .map(|i| format!("example.com/r{:06}: \"1\"", 2 * i + parity))
            .collect();
        format!("{{{}}}", items.join(", "))
    };
    let container = |name: &str, parity: usize| {
        let l = list(parity);
        format!("      - name: {name}\n        image: nginx\n        resources: {{limits: {l}, requests: {l}}}\n")
    };
    let text = format!(
        "{}      initContainers:\n{}      containers:\n{}{}",
        DS_HEAD.replace("NAME", "a").replace("NS", "default"),
        container("init", 1),
        container("c1", 0),
        container("c2", 1),
    );
    let (code, out, err) = cli(&[
        "check",
        "-o",
        "json",
        &temp("resources.yaml", &text),
        &temp("nodes.yaml", NODES),
    ]);
    // the nodes offer none of them: each daemon pod is Pending on them
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Insufficient example.com/r000000"),
        "{}",
        &out[..out.len().min(2000)]
    );
}
