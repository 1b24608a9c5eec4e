//! `daemonset-sim check`: every DaemonSet's report as a kubectl-style
//! table (one after the other), as JSON or YAML, by name, or in a CI
//! format ([`super::ci`]); `--fail-on` turns verdicts into exit 3.

use super::args::{CheckArgs, CheckFormat, FailOn};
use super::ci::{self, Gate};
use super::{table, Io};
use crate::check::{NodeReport, NodeState, Report};
use crate::input::Source;
use crate::session::{self, CheckedDaemonSet};
use serde::Serialize;

/// Runs `check`; returns the exit code: 0 valid, 1 the API server would
/// refuse a DaemonSet, 2 the input (or part of it) cannot be read or
/// used, or holds no DaemonSet, 3 a `--fail-on` condition matched (2 wins
/// over 1, 1 over 3).
pub fn run(args: &CheckArgs, io: &mut Io) -> i32 {
    let (texts, skipped) = match io.read_inputs(&args.input) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(io.err, "daemonset-sim: {e}");
            return 2;
        }
    };
    let sources: Vec<Source> = texts.iter().map(|(n, t)| Source::new(Some(n), t)).collect();
    let mut checked = match session::check_each(&sources) {
        Ok(r) => r,
        Err(refusal) => {
            for w in &skipped {
                let _ = writeln!(io.err, "warning: {}", w.located_message());
            }
            for d in refusal.diagnostics() {
                let _ = writeln!(io.err, "daemonset-sim: {}", d.located_message());
            }
            return 2;
        }
    };
    for c in &mut checked {
        c.report.warnings.splice(0..0, skipped.iter().cloned());
    }
    if !args.node.is_empty() {
        let known = &checked[0].report.nodes;
        if let Some(missing) = args
            .node
            .iter()
            .find(|n| !known.iter().any(|k| &&k.name == n))
        {
            let _ = writeln!(
                io.err,
                "daemonset-sim: --node {missing}: the input has no node of that name"
            );
            return 2;
        }
        for c in &mut checked {
            c.report.nodes.retain(|n| args.node.contains(&n.name));
        }
    }

    // on stderr whatever the format; the same in every report: said once
    for e in &checked[0].report.input_errors {
        let _ = writeln!(io.err, "error: {}", e.located_message());
    }
    for w in &checked[0].report.warnings {
        let _ = writeln!(io.err, "warning: {}", w.located_message());
    }
    let gates: Vec<Vec<Gate>> = checked
        .iter()
        .map(|c| ci::gates(&c.report, &args.fail_on))
        .collect();
    if args.format != CheckFormat::Github {
        for (c, gs) in checked.iter().zip(&gates) {
            for g in gs.iter().filter(|g| g.node.is_some()) {
                let _ = writeln!(
                    io.err,
                    "daemonset-sim: --fail-on {}: {}",
                    g.condition_name(),
                    g.message(&c.report)
                );
            }
        }
        if gates.iter().flatten().any(|g| g.node.is_none()) {
            let _ = writeln!(
                io.err,
                "daemonset-sim: --fail-on warnings: the input has warnings"
            );
        }
    }

    let reports: Vec<&Report> = checked.iter().map(|c| &c.report).collect();
    let written = match args.format {
        CheckFormat::Json => match reports.as_slice() {
            [one] => io.json(one),
            many => io.json(&List::new(many)),
        },
        CheckFormat::Yaml => match reports.as_slice() {
            [one] => io.yaml(one),
            many => io.yaml(&List::new(many)),
        },
        CheckFormat::Text | CheckFormat::Wide => {
            let wide = args.format == CheckFormat::Wide;
            let texts: Vec<String> = reports.iter().map(|r| render(r, wide)).collect();
            write!(io.out, "{}", texts.join("\n"))
        }
        CheckFormat::Name => {
            let names: String = reports
                .iter()
                .map(|r| format!("{}\n", resource_name(r)))
                .collect();
            write!(io.out, "{names}")
        }
        CheckFormat::Github => write!(io.out, "{}", ci::github(&checked, &gates)),
        CheckFormat::Sarif => io.json(&ci::sarif(&checked, &gates)),
        CheckFormat::Junit => write!(io.out, "{}", ci::junit(&checked, &gates)),
    };
    match written {
        // a reader that stops early (`| head`) is no failure of the check
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            let _ = writeln!(io.err, "daemonset-sim: {e}");
            2
        }
        _ => exit_code(&checked, &gates),
    }
}

/// 2 when part of the input cannot be used (the reports are about the
/// rest), else 1 when the API server would refuse a DaemonSet, else 3
/// when a `--fail-on` condition matched, else 0.
pub fn exit_code(checked: &[CheckedDaemonSet], gates: &[Vec<Gate>]) -> i32 {
    if checked.iter().any(|c| !c.report.input_errors.is_empty()) {
        2
    } else if checked.iter().any(|c| !c.report.is_valid()) {
        1
    } else if gates.iter().any(|g| !g.is_empty()) {
        3
    } else {
        0
    }
}

/// Several reports in JSON or YAML: kubectl's `kind: List`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct List<'a> {
    api_version: &'static str,
    kind: &'static str,
    items: &'a [&'a Report],
}

impl<'a> List<'a> {
    fn new(items: &'a [&'a Report]) -> Self {
        List {
            api_version: "v1",
            kind: "List",
            items,
        }
    }
}

/// `daemonset.apps/NAME`, as `kubectl get -o name` prints a DaemonSet.
pub fn resource_name(r: &Report) -> String {
    format!(
        "daemonset.apps/{}",
        r.daemon_set.as_ref().map_or("", |d| d.name.as_str())
    )
}

/// Which `--fail-on` condition a node's verdict is.
pub fn fail_on_of(s: NodeState) -> Option<FailOn> {
    match s {
        NodeState::Scheduled => None,
        NodeState::Pending => Some(FailOn::Pending),
        NodeState::Excluded => Some(FailOn::Excluded),
        NodeState::KeepsExisting => Some(FailOn::KeepsExisting),
        NodeState::FailedCreate => Some(FailOn::FailedCreate),
    }
}

pub fn state_word(s: NodeState) -> &'static str {
    match s {
        NodeState::Scheduled => "Scheduled",
        NodeState::Pending => "Pending",
        NodeState::Excluded => "Excluded",
        NodeState::KeepsExisting => "KeepsExisting",
        NodeState::FailedCreate => "FailedCreate",
    }
}

/// The report as text: the errors, a `kubectl get ds`-style line, a
/// table of nodes (`wide`: with the failing plugin, the taints and the
/// labels), and the rolling-update limits. Warnings are not in it.
pub fn render(r: &Report, wide: bool) -> String {
    let mut s = String::new();
    for e in &r.errors {
        s.push_str(&format!("error: {}\n", e.located_message()));
    }
    if let Some(ds) = &r.daemon_set {
        if !s.is_empty() {
            s.push('\n');
        }
        let st = &r.status;
        let rows = vec![
            vec![
                "NAMESPACE".to_string(),
                "NAME".into(),
                "DESIRED".into(),
                "CURRENT".into(),
                "READY".into(),
                "UP-TO-DATE".into(),
                "AVAILABLE".into(),
                "NODE SELECTOR".into(),
            ],
            vec![
                ds.namespace.clone(),
                ds.name.clone(),
                st.desired_number_scheduled.to_string(),
                st.current_number_scheduled.to_string(),
                st.number_ready.to_string(),
                st.updated_number_scheduled.to_string(),
                st.number_available.to_string(),
                r.node_selector.clone(),
            ],
        ];
        s.push_str(&table(&rows, 3));
        s.push('\n');
    }
    let mut rows = vec![if wide {
        ["NODE", "VERDICT", "PLUGIN", "TAINTS", "LABELS", "REASON"]
            .map(String::from)
            .to_vec()
    } else {
        ["NODE", "VERDICT", "REASON"].map(String::from).to_vec()
    }];
    for n in &r.nodes {
        let mut row = vec![n.name.clone(), state_word(n.state).into()];
        if wide {
            row.extend([plugin_text(n), taints_text(n), labels_text(n)]);
        }
        row.push(n.reason());
        rows.push(row);
    }
    if r.nodes.is_empty() {
        s.push_str("No nodes in the input.\n");
    } else {
        s.push_str(&table(&rows, 3));
    }
    let on_delete = r
        .update_strategy
        .as_ref()
        .is_some_and(|u| u.type_.as_deref() == Some("OnDelete"));
    match (
        &r.rollout_error,
        r.controller_max_unavailable,
        r.controller_max_surge,
    ) {
        _ if on_delete => s.push_str(
            "\nupdate strategy: OnDelete (a changed template reaches a node when its pod is deleted)\n",
        ),
        (Some(e), _, _) => s.push_str(&format!("\nrolling update: {e}\n")),
        (None, Some(u), Some(sg)) => s.push_str(&format!(
            "\nrolling update: maxUnavailable {u}, maxSurge {sg} (of {} desired)\n",
            r.desired_number_scheduled
        )),
        _ => {}
    }
    s
}

/// The `-o wide` PLUGIN column: the scheduler plugin that rejects the
/// pod, or the filter plugin whose rule the controller applied.
fn plugin_text(n: &NodeReport) -> String {
    use crate::controllers::daemonset::Exclusion;
    if let Some(f) = &n.scheduler_first_failure {
        return f.plugin.clone();
    }
    match &n.exclusion {
        Some(Exclusion::TemplateNodeName { .. }) => "NodeName".into(),
        Some(Exclusion::NodeAffinity { .. }) => "NodeAffinity".into(),
        Some(Exclusion::NoScheduleTaint { .. } | Exclusion::NoExecuteTaint { .. }) => {
            "TaintToleration".into()
        }
        None => "<none>".into(),
    }
}

/// The node's taints, kubectl's `key=value:Effect`, comma-separated.
fn taints_text(n: &NodeReport) -> String {
    let t: Vec<&str> = n.taints.iter().map(|t| t.text.as_str()).collect();
    none_if_empty(t.join(","))
}

/// The node's labels as `key=value`, comma-separated, without
/// `kubernetes.io/hostname` (the node's name already).
fn labels_text(n: &NodeReport) -> String {
    let l: Vec<String> = n
        .labels
        .iter()
        .filter(|(k, _)| *k != "kubernetes.io/hostname")
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    none_if_empty(l.join(","))
}

fn none_if_empty(s: String) -> String {
    if s.is_empty() {
        "<none>".into()
    } else {
        s
    }
}
