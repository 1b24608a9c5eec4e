//! `daemonset-sim check`: the check report as a kubectl-style table, or
//! as JSON.

use super::args::{CheckArgs, Format};
use super::{table, Io};
use crate::check::{NodeReport, NodeState, Report};
use crate::input::Source;
use crate::session;

/// Runs `check`; returns the exit code (0 valid, 1 the DaemonSet fails
/// validation, 2 the input cannot be read or holds no DaemonSet).
pub fn run(args: &CheckArgs, io: &mut Io) -> i32 {
    let texts = match io.read_all(&args.files) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(io.err, "daemonset-sim: {e}");
            return 2;
        }
    };
    let sources: Vec<Source> = texts.iter().map(|(n, t)| Source::new(Some(n), t)).collect();
    let report = match session::check(&sources) {
        Ok(r) => r,
        Err(d) => {
            let _ = writeln!(io.err, "daemonset-sim: {}", d.located_message());
            return 2;
        }
    };
    let _ = match args.format {
        Format::Json => io.json(&report),
        Format::Text => write!(io.out, "{}", render_text(&report)),
    };
    if report.is_valid() {
        0
    } else {
        1
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

fn reason_text(n: &NodeReport) -> String {
    use crate::controllers::daemonset::Exclusion;
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
                crate::k8s::taints::format_taint(taint)
            )
        }
        Some(Exclusion::NoExecuteTaint { taint }) => {
            format!(
                "untolerated taint {} (a running pod is evicted)",
                crate::k8s::taints::format_taint(taint)
            )
        }
        None => match &n.message {
            Some(m) => m.clone(),
            None => String::new(),
        },
    }
}
