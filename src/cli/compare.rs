//! `daemonset-sim compare`: a DaemonSet next to a Deployment with the
//! same pod template (derived from the DaemonSet, or given in the files),
//! on the same nodes.

use super::args::{CompareArgs, Format};
use super::check::state_word;
use super::{table, Io};
use crate::check::NodeState;
use crate::compare::{
    CompareResult, Comparison, Coverage, DeploymentSource, NodeRemovedFacts, Placement,
    ReplicasSource, TaintOutcome,
};
use crate::input::Source;
use crate::scheduler::schedule_one::ReplicaPlacement;
use crate::session;

/// Runs `compare`; returns the exit code (0 ok, 1 the API server would
/// refuse the DaemonSet or the Deployment, 2 the input cannot be read or
/// holds neither).
pub fn run(args: &CompareArgs, io: &mut Io) -> i32 {
    let (texts, skipped) = match io.read_inputs(&args.input) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(io.err, "daemonset-sim compare: {e}");
            return 2;
        }
    };
    for w in &skipped {
        let _ = writeln!(io.err, "warning: {}", w.located_message());
    }
    let sources: Vec<Source> = texts.iter().map(|(n, t)| Source::new(Some(n), t)).collect();
    let (result, warnings) = match session::compare_inputs(&sources, args.replicas) {
        Ok(r) => r,
        Err(e) => return super::refused(io, "compare", &e),
    };
    for w in &warnings {
        let _ = writeln!(io.err, "warning: {}", w.located_message());
    }
    let wide = args.format == Format::Wide;
    let written = match (args.format, &result) {
        (Format::Json, r) => io.json(r),
        (Format::Yaml, r) => io.yaml(r),
        (Format::Name, CompareResult::Comparison(c)) => write!(
            io.out,
            "daemonset.apps/{}\ndeployment.apps/{}\n",
            c.daemon_set.name, c.deployment.name
        ),
        (Format::Name, CompareResult::Placement(p)) => {
            writeln!(io.out, "deployment.apps/{}", p.deployment.name)
        }
        (Format::Text | Format::Wide, CompareResult::Comparison(c)) => {
            write!(io.out, "{}", render_comparison_wide(c, wide))
        }
        (Format::Text | Format::Wide, CompareResult::Placement(p)) => {
            write!(io.out, "{}", render_placement(p))
        }
    };
    if let Err(e) = written {
        let _ = writeln!(io.err, "daemonset-sim compare: {e}");
        return 2;
    }
    0
}

fn coverage_word(c: Coverage) -> &'static str {
    match c {
        Coverage::Both => "both",
        Coverage::DaemonSetOnly => "DaemonSet only",
        Coverage::DeploymentOnly => "Deployment only",
        Coverage::Neither => "neither",
    }
}

fn outcome_word(o: TaintOutcome, secs: Option<i64>) -> String {
    match o {
        TaintOutcome::Tolerated => "tolerated".into(),
        TaintOutcome::EvictedAfterSeconds => {
            format!("evicted after {}s", secs.unwrap_or(0))
        }
        TaintOutcome::ScoredLower => "node scored lower".into(),
        TaintOutcome::BlocksScheduling => "not scheduled".into(),
        TaintOutcome::Evicts => "not scheduled, evicted".into(),
    }
}

fn seconds_word(s: Option<i64>) -> String {
    match s {
        None => "never evicted".into(),
        Some(0) => "evicted at once".into(),
        Some(n) => format!("evicted after {n}s"),
    }
}

fn replica_lines(placements: &[ReplicaPlacement]) -> String {
    let mut s = String::new();
    let mut last_message: Option<&str> = None;
    for p in placements {
        if p.unschedulable {
            let msg = p.message.as_deref().unwrap_or("");
            if last_message != Some(msg) {
                s.push_str(&format!("replica {} Pending: {msg}\n", p.replica));
            }
            last_message = Some(msg);
        } else if p.top_nodes.len() > 1 {
            s.push_str(&format!(
                "replica {}: tie between {} (the scheduler picks one at random; shown: {})\n",
                p.replica,
                p.top_nodes.join(", "),
                p.chosen.as_deref().unwrap_or("")
            ));
        }
    }
    s
}

/// The text for a DaemonSet / Deployment comparison.
pub fn render_comparison(c: &Comparison) -> String {
    render_comparison_wide(c, false)
}

/// The comparison as text; `wide` adds the COVERAGE column (which of the
/// two workloads puts a pod on the node).
pub fn render_comparison_wide(c: &Comparison, wide: bool) -> String {
    let mut s = String::new();
    let source = match c.replicas_source {
        ReplicasSource::DesiredNumberScheduled => "= desiredNumberScheduled",
        ReplicasSource::Requested => "as requested",
        ReplicasSource::Deployment => "from the Deployment",
    };
    s.push_str(&format!(
        "DaemonSet {}/{} (desired {}) vs Deployment {}/{} ({}, {} replicas {source})\n\n",
        c.daemon_set.namespace,
        c.daemon_set.name,
        c.desired_number_scheduled,
        c.deployment.namespace,
        c.deployment.name,
        match c.deployment_source {
            DeploymentSource::Derived => "same template",
            DeploymentSource::Pasted => "given",
        },
        c.replicas,
    ));
    let mut rows = vec![vec![
        "NODE".to_string(),
        "DAEMONSET PODS".into(),
        "DEPLOYMENT PODS".into(),
    ]];
    if wide {
        rows[0].push("COVERAGE".into());
    }
    for n in &c.nodes {
        let ds = match n.daemon_set_state {
            NodeState::Scheduled => "1".to_string(),
            other => format!("{} ({})", n.daemon_pods, state_word(other)),
        };
        let mut row = vec![n.name.clone(), ds, n.deployment_pods.to_string()];
        if wide {
            row.push(coverage_word(n.coverage).into());
        }
        rows.push(row);
    }
    if c.nodes.is_empty() {
        s.push_str("No nodes in the input.\n");
    } else {
        s.push_str(&table(&rows, 3));
    }
    s.push_str(&format!(
        "\ndaemon pods: {} running, {} pending; replicas: {} scheduled, {} pending\n",
        c.daemon_pods, c.daemon_pods_pending, c.deployment_pods, c.deployment_pods_pending
    ));
    if !c.daemon_set_only.is_empty() {
        s.push_str(&format!(
            "nodes the DaemonSet covers and the Deployment misses: {}\n",
            c.daemon_set_only.join(", ")
        ));
    }
    if !c.deployment_only.is_empty() {
        s.push_str(&format!(
            "nodes with replicas but no daemon pod: {}\n",
            c.deployment_only.join(", ")
        ));
    }
    if !c.deployment_doubled_up.is_empty() {
        let list: Vec<String> = c
            .deployment_doubled_up
            .iter()
            .map(|n| format!("{} ({})", n.node, n.pods))
            .collect();
        s.push_str(&format!(
            "nodes where the Deployment doubles up: {}\n",
            list.join(", ")
        ));
    }
    s.push_str(&replica_lines(&c.placement.placements));

    let t = &c.tolerations;
    s.push_str(&format!(
        "\ntolerations: a NotReady node: daemon pod {}, replica {}; an unreachable node: daemon pod {}, replica {}\n",
        seconds_word(t.daemon_pod_not_ready_eviction_seconds),
        seconds_word(t.deployment_pod_not_ready_eviction_seconds),
        seconds_word(t.daemon_pod_unreachable_eviction_seconds),
        seconds_word(t.deployment_pod_unreachable_eviction_seconds),
    ));
    let auto: Vec<String> = t
        .daemon_set_automatic
        .iter()
        .map(|x| format!("{}:{}", x.key, x.effect))
        .collect();
    s.push_str(&format!(
        "  DaemonSet controller adds: {}\n",
        auto.join(", ")
    ));
    let added: Vec<String> = t
        .deployment_added
        .iter()
        .map(|x| {
            format!(
                "{}:{} for {}s",
                x.key,
                x.effect,
                x.toleration_seconds.unwrap_or(0)
            )
        })
        .collect();
    s.push_str(&format!(
        "  DefaultTolerationSeconds adds to replicas: {}\n",
        if added.is_empty() {
            "nothing (the template tolerates both)".to_string()
        } else {
            added.join(", ")
        }
    ));
    for d in &t.differences {
        s.push_str(&format!(
            "  {} {}{}: daemon pod {}, replica {}\n",
            d.node,
            d.text,
            if d.from_spec_unschedulable {
                " (cordoned)"
            } else {
                ""
            },
            outcome_word(d.daemon_pod, d.daemon_toleration_seconds),
            outcome_word(d.deployment_pod, d.deployment_toleration_seconds),
        ));
    }

    let a = &c.node_added;
    s.push_str(&format!(
        "\nnode added: the DaemonSet creates a pod on it if it qualifies (desired {} -> {}); the Deployment keeps {} replicas and moves none\n",
        c.desired_number_scheduled, a.daemon_set_desired_after, a.deployment_replicas_after
    ));
    let removed: Vec<&NodeRemovedFacts> = c
        .node_removed
        .iter()
        .filter(|r| r.daemon_pod_removed || r.deployment_pods_lost > 0)
        .collect();
    if !removed.is_empty() {
        s.push_str("node removed:\n");
        for r in removed {
            let mut parts = Vec::new();
            if r.daemon_pod_removed {
                parts.push(format!(
                    "its daemon pod goes (desired {})",
                    r.daemon_set_desired_after
                ));
            }
            if r.deployment_pods_lost > 0 {
                let to: Vec<String> = r
                    .replacements
                    .iter()
                    .map(|x| x.clone().unwrap_or_else(|| "Pending".into()))
                    .collect();
                if r.replacements_simulated {
                    parts.push(format!(
                        "{} replica(s) lost, replacements: {}",
                        r.deployment_pods_lost,
                        to.join(", ")
                    ));
                } else {
                    parts.push(format!(
                        "{} replica(s) lost and replaced",
                        r.deployment_pods_lost
                    ));
                }
            }
            s.push_str(&format!("  {}: {}\n", r.node, parts.join("; ")));
        }
    }

    let ru = &c.rolling_update;
    s.push_str("\nrolling update:\n");
    for (who, f) in [
        ("DaemonSet", &ru.daemon_set),
        ("Deployment", &ru.deployment),
    ] {
        let ty = f.strategy_type.clone().unwrap_or_default();
        if let Some(e) = &f.error {
            s.push_str(&format!("  {who:<10} {ty}: {e}\n"));
            continue;
        }
        if ty != "RollingUpdate" {
            s.push_str(&format!("  {who:<10} {ty}\n"));
            continue;
        }
        let show = |v: &Option<crate::k8s::model::IntOrString>| {
            v.as_ref().map_or("0".to_string(), |x| x.to_string())
        };
        s.push_str(&format!(
            "  {who:<10} maxUnavailable {} of {} rounded {} = {}, maxSurge {} rounded {} = {}{}\n",
            show(&f.max_unavailable),
            f.total,
            f.max_unavailable_rounding,
            f.effective_max_unavailable.unwrap_or(0),
            show(&f.max_surge),
            f.max_surge_rounding,
            f.effective_max_surge.unwrap_or(0),
            if f.zero_zero_adjusted {
                " (0/0 becomes maxUnavailable 1)"
            } else {
                ""
            }
        ));
    }
    s
}

/// The text for a Deployment alone.
pub fn render_placement(p: &Placement) -> String {
    let mut s = format!(
        "Deployment {}/{}: {} replicas, {} scheduled, {} pending\n\n",
        p.deployment.namespace, p.deployment.name, p.replicas, p.scheduled, p.pending
    );
    let mut rows = vec![vec!["NODE".to_string(), "DEPLOYMENT PODS".into()]];
    for (n, c) in &p.pods_per_node {
        rows.push(vec![n.clone(), c.to_string()]);
    }
    if p.pods_per_node.is_empty() {
        s.push_str("No nodes in the input.\n");
    } else {
        s.push_str(&table(&rows, 3));
    }
    let lines = replica_lines(&p.placements);
    if !lines.is_empty() {
        s.push('\n');
        s.push_str(&lines);
    }
    let added: Vec<String> = p
        .pod
        .added_tolerations
        .iter()
        .map(|t| {
            format!(
                "{}:{} for {}s",
                t.key,
                t.effect,
                t.toleration_seconds.unwrap_or(0)
            )
        })
        .collect();
    if !added.is_empty() {
        s.push_str(&format!(
            "\nDefaultTolerationSeconds adds: {}\n",
            added.join(", ")
        ));
    }
    s
}
