//! The command line: `daemonset-sim check [--format text|json] FILE...`.

use crate::input::Source;
use crate::report::{self, NodeState, Report};
use std::io::{Read, Write};

const USAGE: &str = "usage: daemonset-sim check [--format text|json] FILE...
       daemonset-sim rollout [--format text|json] [--image C=IMAGE | --new FILE ...] FILE...
                             (see daemonset-sim rollout --help)
       daemonset-sim compare [--format text|json] [--replicas N] FILE...
                             (see daemonset-sim compare --help)

Reads a DaemonSet and the cluster's nodes (YAML or JSON, several documents,
kubectl dumps or the shorthand node list) from the files ('-' for stdin) and
shows, per node, whether the DaemonSet's pod runs there and why.

exit status: 0 valid input, 1 the DaemonSet fails API validation (the report
is still printed), 2 the input cannot be read or holds no DaemonSet.";

/// Runs the CLI; returns the exit code.
pub fn run(args: Vec<String>) -> i32 {
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    run_with(args, &mut std::io::stdin(), &mut out, &mut err)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum OutputFormat {
    Text,
    Json,
}

/// Runs the CLI against the given streams (tests use buffers).
pub fn run_with(
    args: Vec<String>,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let mut args = args.into_iter();
    match args.next().as_deref() {
        Some("check") => {}
        Some("rollout") => {
            let rest: Vec<String> = args.collect();
            return crate::rollout::run_cli(&rest, stdin, out, err);
        }
        Some("compare") => {
            let rest: Vec<String> = args.collect();
            return crate::deployment::run_cli(&rest, stdin, out, err);
        }
        Some("-h") | Some("--help") | Some("help") => {
            let _ = writeln!(out, "{USAGE}");
            return 0;
        }
        Some(other) => {
            let _ = writeln!(err, "daemonset-sim: unknown command {other:?}\n\n{USAGE}");
            return 2;
        }
        None => {
            let _ = writeln!(err, "{USAGE}");
            return 2;
        }
    }
    let mut format = OutputFormat::Text;
    let mut files = Vec::new();
    let rest: Vec<String> = args.collect();
    let mut i = 0;
    while i < rest.len() {
        let a = &rest[i];
        let value = if let Some(v) = a.strip_prefix("--format=") {
            Some(v.to_string())
        } else if a == "--format" || a == "-o" {
            i += 1;
            rest.get(i).cloned().or(Some(String::new()))
        } else {
            None
        };
        match value {
            Some(v) => {
                format = match v.as_str() {
                    "text" => OutputFormat::Text,
                    "json" => OutputFormat::Json,
                    _ => {
                        let _ = writeln!(
                            err,
                            "daemonset-sim: --format must be text or json, not {v:?}"
                        );
                        return 2;
                    }
                }
            }
            None if a == "-h" || a == "--help" => {
                let _ = writeln!(out, "{USAGE}");
                return 0;
            }
            None if a.starts_with("--") => {
                let _ = writeln!(err, "daemonset-sim: unknown flag {a}\n\n{USAGE}");
                return 2;
            }
            None => files.push(a.clone()),
        }
        i += 1;
    }
    if files.is_empty() {
        let _ = writeln!(
            err,
            "daemonset-sim: no input files (use - for stdin)\n\n{USAGE}"
        );
        return 2;
    }
    let mut texts = Vec::new();
    for f in &files {
        match read_text(f, stdin) {
            Ok(t) => texts.push((f.clone(), t)),
            Err(e) => {
                let _ = writeln!(err, "daemonset-sim: {e}");
                return 2;
            }
        }
    }
    let sources: Vec<Source> = texts.iter().map(|(n, t)| Source::new(Some(n), t)).collect();
    let report = match report::check(&sources) {
        Ok(r) => r,
        Err(d) => {
            let _ = writeln!(err, "daemonset-sim: {}", d.located_message());
            return 2;
        }
    };
    let _ = match format {
        OutputFormat::Json => serde_json::to_writer_pretty(&mut *out, &report)
            .map_err(std::io::Error::other)
            .and_then(|_| writeln!(out)),
        OutputFormat::Text => write!(out, "{}", render_text(&report)),
    };
    if report.is_valid() {
        0
    } else {
        1
    }
}

pub(crate) fn state_word(s: NodeState) -> &'static str {
    match s {
        NodeState::Scheduled => "Scheduled",
        NodeState::Pending => "Pending",
        NodeState::Excluded => "Excluded",
        NodeState::KeepsExisting => "KeepsExisting",
    }
}

/// The text report: a kubectl-style table and the errors.
pub fn render_text(r: &Report) -> String {
    let mut s = String::new();
    for e in &r.errors {
        s.push_str(&format!("error: {}\n", e.located_message()));
    }
    for w in &r.warnings {
        s.push_str(&format!("warning: {}\n", w.located_message()));
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
    let mut rows = vec![vec!["NODE".to_string(), "VERDICT".into(), "REASON".into()]];
    for n in &r.nodes {
        rows.push(vec![
            n.name.clone(),
            state_word(n.state).into(),
            reason_text(n),
        ]);
    }
    if r.nodes.is_empty() {
        s.push_str("No nodes in the input.\n");
    } else {
        s.push_str(&table(&rows, 3));
    }
    match (
        &r.rollout_error,
        r.controller_max_unavailable,
        r.controller_max_surge,
    ) {
        (Some(e), _, _) => s.push_str(&format!("\nrolling update: {e}\n")),
        (None, Some(u), Some(sg)) => s.push_str(&format!(
            "\nrolling update: maxUnavailable {u}, maxSurge {sg} (of {} desired)\n",
            r.desired_number_scheduled
        )),
        _ => {}
    }
    s
}

fn reason_text(n: &crate::report::NodeReport) -> String {
    use crate::controller::Exclusion;
    match &n.exclusion {
        Some(Exclusion::TemplateNodeName { node_name }) => {
            format!("spec.template.spec.nodeName is {node_name}")
        }
        Some(Exclusion::NodeAffinity { check }) => {
            if let Some(m) = check.node_selector_mismatches.first() {
                match &m.have {
                    Some(h) => format!(
                        "nodeSelector {}={} (node has {}={})",
                        m.key, m.want, m.key, h
                    ),
                    None => format!(
                        "nodeSelector {}={} (node has no {} label)",
                        m.key, m.want, m.key
                    ),
                }
            } else {
                "required node affinity does not match".into()
            }
        }
        Some(Exclusion::NoScheduleTaint { taint }) => {
            format!(
                "untolerated taint {} (a running pod stays)",
                crate::taints::format_taint(taint)
            )
        }
        Some(Exclusion::NoExecuteTaint { taint }) => {
            format!(
                "untolerated taint {} (a running pod is evicted)",
                crate::taints::format_taint(taint)
            )
        }
        None => match &n.message {
            Some(m) => m.clone(),
            None => String::new(),
        },
    }
}

/// A kubectl-style table: columns padded to their widest cell, `gap`
/// spaces between them.
pub(crate) fn table(rows: &[Vec<String>], gap: usize) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| rows.iter().map(|r| r.get(c).map_or(0, |s| s.chars().count())).max().unwrap_or(0))
        .collect();
    let mut s = String::new();
    for r in rows {
        let mut line = String::new();
        for (c, cell) in r.iter().enumerate() {
            if c + 1 < r.len() {
                let w = widths.get(c).copied().unwrap_or(0);
                line.push_str(&format!("{cell:<w$}{:gap$}", ""));
            } else {
                line.push_str(cell);
            }
        }
        s.push_str(line.trim_end());
        s.push('\n');
    }
    s
}

/// Reads a file argument (`-` is stdin); the error names the file.
pub(crate) fn read_text(name: &str, stdin: &mut dyn Read) -> Result<String, String> {
    if name == "-" {
        let mut s = String::new();
        stdin.read_to_string(&mut s).map(|_| s).map_err(|e| format!("-: {e}"))
    } else {
        std::fs::read_to_string(name).map_err(|e| format!("{name}: {e}"))
    }
}
