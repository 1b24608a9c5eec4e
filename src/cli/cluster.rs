//! `daemonset-sim cluster`: every DaemonSet against the same nodes, as a
//! node × DaemonSet matrix grouped by node pool, and the DaemonSet tax
//! per pool.

use super::args::{ClusterArgs, ClusterFormat};
use super::{table, Io};
use crate::check::{format_amount, NodeState};
use crate::cluster::{ClusterView, Options};
use crate::input::Source;
use crate::session;

/// Runs `cluster`; returns the exit code (0 ok, 1 a DaemonSet the API
/// server would refuse, 2 the input cannot be read or holds no DaemonSet).
pub fn run(args: &ClusterArgs, io: &mut Io) -> i32 {
    let (texts, skipped) = match io.read_inputs(&args.input) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(io.err, "daemonset-sim cluster: {e}");
            return 2;
        }
    };
    for w in &skipped {
        let _ = writeln!(io.err, "warning: {}", w.located_message());
    }
    let sources: Vec<Source> = texts.iter().map(|(n, t)| Source::new(Some(n), t)).collect();
    let options = Options {
        group_by: args.group_by.clone(),
    };
    let view = match session::cluster_inputs(&sources, &options) {
        Ok(v) => v,
        Err(e) => return super::refused(io, "cluster", &e),
    };
    for w in &view.warnings {
        let _ = writeln!(io.err, "warning: {}", w.located_message());
    }
    for e in &view.input_errors {
        let _ = writeln!(io.err, "error: {}", e.located_message());
    }
    for r in &view.refused {
        for e in &r.errors {
            let _ = writeln!(io.err, "error: {}", e.located_message());
        }
    }
    let written = match args.format {
        ClusterFormat::Json => io.json(&view),
        ClusterFormat::Text => write!(io.out, "{}", render(&view)),
    };
    if let Err(e) = written {
        let _ = writeln!(io.err, "daemonset-sim cluster: {e}");
        return 2;
    }
    if !view.input_errors.is_empty() {
        2
    } else if !view.refused.is_empty() {
        1
    } else {
        0
    }
}

/// One short symbol per state.
pub fn state_symbol(s: NodeState) -> &'static str {
    match s {
        NodeState::Scheduled => "+",
        NodeState::Pending => "P",
        NodeState::Excluded => ".",
        NodeState::KeepsExisting => "k",
        NodeState::FailedCreate => "F",
    }
}

fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// The view as text: the DaemonSets in placement order, the matrix by
/// pool with a legend, the Pending cells' messages, the tax per pool.
pub fn render(v: &ClusterView) -> String {
    let mut out = String::new();
    let n = v.daemon_sets.len();
    // the columns: DaemonSets numbered in the input's order
    let mut rows = vec![vec![
        "#".to_string(),
        "DAEMONSET".into(),
        "PRIORITY".into(),
        "CREATED".into(),
        "ORDER".into(),
        "SCHEDULED".into(),
        "PENDING".into(),
    ]];
    for (i, d) in v.daemon_sets.iter().enumerate() {
        let pos = v
            .order
            .daemon_sets
            .iter()
            .position(|&o| o == i)
            .unwrap_or(0);
        let tied = v
            .order
            .tied_with_previous
            .get(pos)
            .copied()
            .unwrap_or(false)
            || v.order
                .tied_with_previous
                .get(pos + 1)
                .copied()
                .unwrap_or(false);
        rows.push(vec![
            (i + 1).to_string(),
            format!("{}/{}", d.namespace, d.name),
            d.priority.to_string(),
            d.creation_timestamp
                .clone()
                .unwrap_or_else(|| "<unknown>".into()),
            format!("{}{}", pos + 1, if tied { " (tie)" } else { "" }),
            d.counts.scheduled.to_string(),
            d.counts.pending.to_string(),
        ]);
    }
    out.push_str(&table(&rows, 3));
    if !v.order.fixed {
        out.push_str("(tie): equal priority and equal or unknown creation timestamps: Kubernetes does not fix their order; namespace/name decided here.\n");
    }
    for r in &v.refused {
        out.push_str(&format!(
            "{}/{}: refused by the API server, not placed\n",
            r.namespace, r.name
        ));
    }
    out.push('\n');
    // the matrix, by pool
    let mut header = vec!["NODE".to_string()];
    header.extend((1..=n).map(|i| i.to_string()));
    let mut rows = vec![header];
    for (pool, _) in pool_order(v) {
        let mut title = vec![format!(
            "[{}]",
            pool.clone().unwrap_or_else(|| "<no pool label>".into())
        )];
        title.extend((0..n).map(|_| String::new()));
        rows.push(title);
        for node in v.nodes.iter().filter(|x| x.pool == pool) {
            let mut row = vec![format!(
                "  {}{}",
                node.name,
                if node.order_dependent.is_empty() {
                    ""
                } else {
                    " !"
                }
            )];
            row.extend(node.cells.iter().map(|c| {
                let mut s = state_symbol(c.state).to_string();
                if c.preempted_by.is_some() || c.victims.is_some() {
                    s.push('*');
                }
                s
            }));
            rows.push(row);
        }
    }
    out.push_str(&table(&rows, 2));
    out.push_str("Legend: + Scheduled  P Pending  . Excluded  k KeepsExisting  F FailedCreate  * preemption  ! the outcome depends on an order Kubernetes does not fix\n");
    // the Pending cells
    let mut pending = vec![vec![
        "NODE".to_string(),
        "DAEMONSET".into(),
        "MESSAGE".into(),
    ]];
    for node in &v.nodes {
        for (i, c) in node.cells.iter().enumerate() {
            if c.state == NodeState::Pending || c.state == NodeState::FailedCreate {
                let mut msg = c.message.clone().unwrap_or_default();
                if let Some(by) = c.preempted_by {
                    msg = format!("preempted by {}; {msg}", v.daemon_sets[by].name);
                }
                if let Some(victims) = &c.victims {
                    msg = format!("nominated, preempts {}; {msg}", victims.join(", "));
                }
                pending.push(vec![node.name.clone(), v.daemon_sets[i].name.clone(), msg]);
            }
        }
    }
    if pending.len() > 1 {
        out.push('\n');
        out.push_str(&table(&pending, 3));
    }
    // the tax
    out.push('\n');
    let mut tax = vec![vec![
        "POOL".to_string(),
        "NODES".into(),
        "CPU".into(),
        "CPU TAX".into(),
        "MEMORY".into(),
        "MEMORY TAX".into(),
        "DAEMONSETS".into(),
        "PENDING NODES".into(),
    ]];
    for p in &v.pools {
        let present: Vec<String> = p
            .daemon_sets
            .iter()
            .enumerate()
            .filter(|(_, d)| d.nodes > 0)
            .map(|(i, _)| (i + 1).to_string())
            .collect();
        tax.push(vec![
            p.name.clone().unwrap_or_else(|| "<no pool label>".into()),
            p.nodes.to_string(),
            format!(
                "{}/{}",
                format_amount("cpu", p.requested_milli_cpu),
                format_amount("cpu", p.allocatable_milli_cpu)
            ),
            percent(p.cpu_share),
            format!(
                "{}/{}",
                format_amount("memory", p.requested_memory),
                format_amount("memory", p.allocatable_memory)
            ),
            percent(p.memory_share),
            present.join(","),
            p.pending_nodes.to_string(),
        ]);
    }
    out.push_str(&table(&tax, 3));
    out
}

/// The pools in the view's order, with their index.
fn pool_order(v: &ClusterView) -> Vec<(Option<String>, usize)> {
    v.pools
        .iter()
        .enumerate()
        .map(|(i, p)| (p.name.clone(), i))
        .collect()
}
