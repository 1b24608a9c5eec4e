//! `daemonset-sim rollout`: a template change rolling across the nodes
//! (the timeline and the verdict), or what a change of the nodes does to
//! the daemon pods (`--nodes-after`).

use super::args::{Format, RolloutArgs};
use super::{table, Io};
use crate::input::Source;
use crate::rollout::node_change::{NodeAction, NodeChangeReport, NodeVerdict};
use crate::rollout::*;
use crate::session::{self, AppliedChange, ChangeSpec, Refusal};

/// Runs `rollout`; returns the exit code (0 simulated, 1 the API server
/// would refuse a DaemonSet, 2 the input cannot be read or holds no
/// DaemonSet, or the change does not apply).
pub fn run(args: &RolloutArgs, io: &mut Io) -> i32 {
    let fail = |io: &mut Io, msg: &str| {
        let _ = writeln!(io.err, "daemonset-sim rollout: {msg}");
        2
    };
    let (texts, skipped) = match io.read_inputs(&args.input) {
        Ok(t) => t,
        Err(e) => return fail(io, &e),
    };
    let sources: Vec<Source> = texts.iter().map(|(n, t)| Source::new(Some(n), t)).collect();
    let failed = |io: &mut Io, e: Refusal| super::refused(io, "rollout", &e);
    let warn = |io: &mut Io, warnings: &[crate::diagnostic::Diagnostic]| {
        for w in warnings {
            let _ = writeln!(
                io.err,
                "daemonset-sim rollout: warning: {}",
                w.located_message()
            );
        }
    };

    warn(io, &skipped);

    if let Some(file) = &args.nodes_after {
        let after_text = match io.read(file) {
            Ok(t) => t,
            Err(e) => return fail(io, &e),
        };
        let after = Source::new(Some(file), &after_text);
        let (report, warnings) = match session::node_change_inputs(&sources, after) {
            Ok(r) => r,
            Err(e) => return failed(io, e),
        };
        warn(io, &warnings);
        let written = match args.format {
            Format::Json => io.json(&report),
            Format::Yaml => io.yaml(&report),
            Format::Text | Format::Wide => write!(io.out, "{}", render_node_change(&report)),
            Format::Name => writeln!(io.out, "daemonset.apps/{}", report.name),
        };
        if let Err(e) = written {
            let _ = writeln!(io.err, "daemonset-sim rollout: {e}");
        }
        return 0;
    }

    let new_text;
    let change = match (&args.new_file, args.template_change()) {
        (Some(f), _) => {
            new_text = match io.read(f) {
                Ok(t) => t,
                Err(e) => return fail(io, &e),
            };
            ChangeSpec::NewDaemonSet(Source::new(Some(f), &new_text))
        }
        (None, Some(c)) => ChangeSpec::Template(c),
        (None, None) => ChangeSpec::Unspecified,
    };
    let model = NodeModel {
        ready_delay_seconds: args.ready_delay,
        per_node_ready_delay: args.ready_delay_node.iter().cloned().collect(),
        never_ready: args.never_ready.clone(),
        termination_seconds: args.termination,
        manual_deletes: args.delete.clone(),
    };
    let run = match session::rollout_inputs(&sources, change, &model, args.tick_limit) {
        Ok(r) => r,
        Err(e) => return failed(io, e),
    };
    warn(io, &run.warnings);
    if run.identical_templates {
        let _ = writeln!(
            io.err,
            "daemonset-sim rollout: warning: the two pod templates look identical in the fields this tool reads; simulating the new one as a new revision anyway"
        );
    }
    let timeline = &run.timeline;
    let written = match args.format {
        Format::Json | Format::Yaml => {
            let mut value = serde_json::to_value(timeline).unwrap_or_default();
            if let (Some(t), Some(obj)) = (args.at, value.as_object_mut()) {
                obj.insert(
                    "snapshot".into(),
                    serde_json::to_value(timeline.snapshot(t)).unwrap_or_default(),
                );
            }
            if args.format == Format::Json {
                io.json(&value)
            } else {
                io.yaml(&value)
            }
        }
        Format::Text | Format::Wide => {
            let mut s = render_text(timeline, &change_text(&run.change));
            if let Some(t) = args.at {
                s.push('\n');
                s.push_str(&render_snapshot(&timeline.snapshot(t)));
            }
            // wide: also every node's pods when the run ended
            if args.format == Format::Wide && args.at != Some(timeline.ticks) {
                s.push('\n');
                s.push_str(&render_snapshot(&timeline.snapshot(timeline.ticks)));
            }
            write!(io.out, "{s}")
        }
        Format::Name => writeln!(io.out, "daemonset.apps/{}", timeline.name),
    };
    if let Err(e) = written {
        let _ = writeln!(io.err, "daemonset-sim rollout: {e}");
    }
    0
}

/// Which change was simulated, in words (the text output's header).
fn change_text(c: &AppliedChange) -> String {
    match c {
        AppliedChange::NewDaemonSetIn(f) => {
            format!("the DaemonSet in {}", f.as_deref().unwrap_or("-"))
        }
        AppliedChange::Template(c) | AppliedChange::DefaultRestart(c) => describe_change(c),
        AppliedChange::SecondDaemonSet => "the second DaemonSet in the input".into(),
    }
}

/// A change in words (for the text output's header).
pub fn describe_change(c: &TemplateChange) -> String {
    match c {
        TemplateChange::Image { container, image } => match container {
            Some(name) if !name.is_empty() => format!("image of container {name} set to {image}"),
            _ => format!("image of the first container set to {image}"),
        },
        TemplateChange::RestartAnnotation { restarted_at } => {
            format!(
                "restart (template annotation kubectl.kubernetes.io/restartedAt={restarted_at})"
            )
        }
        TemplateChange::Env {
            container,
            name,
            value,
        } => match container {
            Some(c) if !c.is_empty() => format!("env {name}={value} in container {c}"),
            _ => format!("env {name}={value} in every container"),
        },
        TemplateChange::RemoveTolerations => "tolerations removed".into(),
    }
}

fn gen_word(g: Generation) -> &'static str {
    match g {
        Generation::Old => "old",
        Generation::New => "new",
    }
}

fn events_text(e: &TickEntry) -> String {
    let mut parts = Vec::new();
    let nodes = |v: &[String]| v.join(",");
    let refs = |v: &[PodRef]| {
        v.iter()
            .map(|r| format!("{}({})", r.node, gen_word(r.generation)))
            .collect::<Vec<_>>()
            .join(",")
    };
    if !e.user_deleted.is_empty() {
        parts.push(format!("user deleted {}", refs(&e.user_deleted)));
    }
    if !e.removed.is_empty() {
        parts.push(format!("gone {}", refs(&e.removed)));
    }
    if !e.became_ready.is_empty() {
        parts.push(format!("ready {}", nodes(&e.became_ready)));
    }
    if !e.scheduled.is_empty() {
        parts.push(format!("scheduled {}", nodes(&e.scheduled)));
    }
    if !e.deleted.is_empty() {
        parts.push(format!("deleted {}", refs(&e.deleted)));
    }
    if !e.created.is_empty() {
        let created: Vec<String> = e.created.iter().map(|n| n.node.clone()).collect();
        parts.push(format!("created {}", nodes(&created)));
    }
    if !e.unschedulable.is_empty() {
        let p: Vec<String> = e
            .unschedulable
            .iter()
            .map(|p| format!("{} ({})", p.node, p.reasons.join(", ")))
            .collect();
        parts.push(format!("pending {}", p.join(", ")));
    }
    if parts.is_empty() {
        "-".into()
    } else {
        parts.join("; ")
    }
}

/// The readable timeline: a header, one line per changing tick, the verdict.
pub fn render_text(tl: &Timeline, change: &str) -> String {
    let mut s = String::new();
    s.push_str(&format!(
        "rollout of daemonset {}/{}: {}\n",
        tl.namespace, tl.name, change
    ));
    let b = &tl.budget;
    if tl.strategy == "RollingUpdate" {
        match (&b.error, b.max_unavailable, b.max_surge) {
            (Some(e), _, _) => s.push_str(&format!("strategy RollingUpdate, invalid: {e}\n")),
            (None, Some(u), Some(sg)) => s.push_str(&format!(
                "strategy RollingUpdate: maxUnavailable {u}, maxSurge {sg} (of {} desired), minReadySeconds {}\n",
                b.desired_number_scheduled, tl.min_ready_seconds
            )),
            _ => {}
        }
    } else {
        s.push_str(&format!(
            "strategy {}: pods change only when deleted, minReadySeconds {}\n",
            tl.strategy, tl.min_ready_seconds
        ));
    }
    s.push_str(&format!(
        "kubelet model: ready after {} s (per node: {}), never ready on: {}, termination {} s\n",
        tl.model.ready_delay_seconds,
        if tl.model.per_node_ready_delay.is_empty() {
            "-".to_string()
        } else {
            tl.model
                .per_node_ready_delay
                .iter()
                .map(|(n, d)| format!("{n}={d}"))
                .collect::<Vec<_>>()
                .join(",")
        },
        if tl.model.never_ready.is_empty() {
            "-".to_string()
        } else {
            tl.model.never_ready.join(",")
        },
        tl.model.termination_seconds
    ));
    s.push_str(&start_text(tl));
    s.push('\n');
    let mut rows = vec![vec![
        "T".to_string(),
        "EVENTS".into(),
        "DESIRED".into(),
        "CURRENT".into(),
        "READY".into(),
        "AVAILABLE".into(),
        "UP-TO-DATE".into(),
        "UNAVAILABLE".into(),
        "MISSCHEDULED".into(),
        "KUBECTL ROLLOUT STATUS".into(),
    ]];
    for e in &tl.log {
        let st = &e.status;
        rows.push(vec![
            e.t.to_string(),
            events_text(e),
            st.desired_number_scheduled.to_string(),
            st.current_number_scheduled.to_string(),
            st.number_ready.to_string(),
            st.number_available.to_string(),
            st.updated_number_scheduled.to_string(),
            st.number_unavailable.to_string(),
            st.number_misscheduled.to_string(),
            e.kubectl
                .clone()
                .or_else(|| e.kubectl_error.as_ref().map(|k| format!("error: {k}")))
                .unwrap_or_default(),
        ]);
    }
    s.push_str(&table(&rows, 2));
    s.push('\n');
    s.push_str(&verdict_text(tl));
    s.push_str(&orders_text(&tl.orders));
    s
}

/// Up to ten names, then how many more.
fn some_names(v: &[&str]) -> String {
    const SHOWN: usize = 10;
    let mut s = v.iter().take(SHOWN).copied().collect::<Vec<_>>().join(", ");
    if v.len() > SHOWN {
        s.push_str(&format!(" and {} more", v.len() - SHOWN));
    }
    s
}

fn verdict_name(v: crate::check::NodeState) -> &'static str {
    use crate::check::NodeState;
    match v {
        NodeState::Scheduled => "Scheduled",
        NodeState::Pending => "Pending",
        NodeState::Excluded => "Excluded",
        NodeState::KeepsExisting => "KeepsExisting",
        NodeState::FailedCreate => "FailedCreate",
    }
}

/// What a node starts with, in words.
fn start_pods_text(start: &NodeStart) -> String {
    let Some(first) = start.pods.first() else {
        return "no pod".into();
    };
    let what = match first.phase {
        PodPhase::Pending if first.unschedulable_reasons.is_empty() => "old pod Pending".into(),
        PodPhase::Pending => format!(
            "old pod Pending ({})",
            first.unschedulable_reasons.join(", ")
        ),
        PodPhase::Terminating => "old pod terminating".into(),
        PodPhase::Running if first.available => "available old pod".into(),
        PodPhase::Running if first.ready => "Ready old pod, not yet available".into(),
        PodPhase::Running => "old pod, not Ready".into(),
    };
    match start.pods.len() {
        1 => what,
        n => format!("{what}, and {} more old pods", n - 1),
    }
}

/// The state at t = 0: the status counters and, by check verdict and
/// what the nodes have, which nodes.
pub fn start_text(tl: &Timeline) -> String {
    let st = &tl.initial_status;
    let source = match tl.start_basis {
        crate::check::CountsBasis::Observed => "the DaemonSet's own pods in the input",
        crate::check::CountsBasis::Projected => "the running DaemonSet as check shows it",
    };
    let mut s = format!(
        "start (t=0, before the change; {source}): desired {}, current {}, ready {}, available {}, up-to-date {}, misscheduled {}\n",
        st.desired_number_scheduled,
        st.current_number_scheduled,
        st.number_ready,
        st.number_available,
        st.updated_number_scheduled,
        st.number_misscheduled,
    );
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for n in &tl.nodes {
        let key = format!(
            "{} (check: {})",
            start_pods_text(&n.start),
            verdict_name(n.start.verdict)
        );
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, names)) => names.push(&n.name),
            None => groups.push((key, vec![&n.name])),
        }
    }
    for (key, names) in groups {
        s.push_str(&format!("  {}: {key}\n", some_names(&names)));
    }
    s
}

fn range_text(r: &TickRange) -> String {
    if r.earliest == r.latest {
        format!("at t={} s", r.earliest)
    } else {
        format!("between t={} and t={} s", r.earliest, r.latest)
    }
}

/// What the order of the nodes changes (after the verdict).
pub fn orders_text(o: &OrderRange) -> String {
    let mut s = String::from(
        "node order: Kubernetes picks the nodes to update at random (it iterates a Go map at every sync); the run above takes them by name.\n",
    );
    if o.exploration == OrderExploration::Exhaustive && o.orders <= 1 {
        s.push_str("  every order gives this run (the controller never had to choose among nodes that differ)\n");
        return s;
    }
    let plural = |n: u64, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let over = match o.exploration {
        OrderExploration::Exhaustive => format!(
            "over all {} (nodes grouped into {} of interchangeable nodes)",
            plural(o.orders, "distinct order", "distinct orders"),
            plural(u64::from(o.classes), "class", "classes")
        ),
        OrderExploration::Sampled => format!(
            "over {} (too many orders for the budget of {} node-syncs; seed {:#x})",
            plural(o.orders, "sampled order", "sampled orders"),
            o.budget,
            o.seed.unwrap_or(0)
        ),
    };
    let mut parts = Vec::new();
    if let Some(r) = &o.completed {
        parts.push(format!(
            "{} complete {}",
            plural(r.orders, "order", "orders"),
            range_text(r)
        ));
    }
    if let Some(r) = &o.stalled {
        parts.push(format!(
            "{} stall (nothing changes after t={}{} s)",
            plural(r.orders, "order", "orders"),
            r.earliest,
            if r.latest != r.earliest {
                format!("..{}", r.latest)
            } else {
                String::new()
            }
        ));
    }
    if let Some(r) = &o.unfinished {
        parts.push(format!(
            "{} still running at the tick limit",
            plural(r.orders, "order", "orders")
        ));
    }
    if let Some(r) = &o.kubectl_done {
        parts.push(format!(
            "kubectl rollout status first succeeds {}",
            range_text(r)
        ));
    }
    s.push_str(&format!("  {over}: {}\n", parts.join("; ")));
    s
}

fn list(v: &[String]) -> String {
    if v.is_empty() {
        "-".into()
    } else {
        v.join(", ")
    }
}

/// The closing verdict: completed at t, or stalled because ...
pub fn verdict_text(tl: &Timeline) -> String {
    let mut s = String::new();
    if tl.completed {
        s.push_str(&format!("completed at t={} s", tl.ticks));
        if let Some(k) = tl.kubectl_done_at {
            if k != tl.ticks {
                s.push_str(&format!(
                    " (kubectl rollout status reports success at t={k} s, while an old pod still terminates)"
                ));
            }
        }
        s.push('\n');
        return s;
    }
    if !tl.stalled {
        s.push_str(&format!(
            "not finished when the simulation stopped at t={} s (tick limit)\n",
            tl.ticks
        ));
        return s;
    }
    s.push_str(&format!(
        "stalled: nothing changes after t={} s (reported at t={} s)\n",
        tl.last_change_at, tl.ticks
    ));
    for r in &tl.stall_reasons {
        let line = match r {
            StallReason::FailedCreate { event, nodes } => format!(
                "  no pod of the new template can be created on {}: FailedCreate: {event}",
                list(nodes)
            ),
            StallReason::NeverReady {
                nodes,
                budget,
                limit,
                waiting,
            } => {
                let mut l = format!("  new pods never become Ready on {}", list(nodes));
                if let (Some(b), Some(n)) = (budget, limit) {
                    let name = match b {
                        BudgetKind::MaxUnavailable => "maxUnavailable",
                        BudgetKind::MaxSurge => "maxSurge",
                    };
                    l.push_str(&format!("; they hold the {name} budget of {n}"));
                }
                if !waiting.is_empty() {
                    l.push_str(&format!("; still on the old template: {}", list(waiting)));
                }
                l
            }
            StallReason::HostPortSurge {
                nodes,
                ports,
                max_surge,
            } => {
                let p: Vec<String> = ports
                    .iter()
                    .map(|p| format!("{}/{}", p.port, p.protocol))
                    .collect();
                format!(
                    "  with maxSurge {max_surge} the new pod must start beside the old one, but both want host port {} on {}: the old pod goes only once the new one is available, so this never resolves (use maxSurge 0, or drop the hostPort)",
                    p.join(", "),
                    list(nodes)
                )
            }
            StallReason::Unschedulable {
                node,
                failures,
                beside_old_pod,
                ..
            } => {
                let reasons: Vec<String> = failures
                    .iter()
                    .flat_map(|f| f.reasons.iter().cloned())
                    .collect();
                format!(
                    "  the new pod on {node} cannot be scheduled: {}{}",
                    reasons.join(", "),
                    if *beside_old_pod {
                        " (it would fit without the old pod, which stays until the new one is available)"
                    } else {
                        ""
                    }
                )
            }
            StallReason::BudgetHeld {
                budget,
                limit,
                held_by,
                waiting,
            } => format!(
                "  {} keep their old pod: the {} budget of {limit} is held by the Pending new pod on {}",
                list(waiting),
                match budget {
                    BudgetKind::MaxUnavailable => "maxUnavailable",
                    BudgetKind::MaxSurge => "maxSurge",
                },
                list(held_by)
            ),
            StallReason::OnDeleteWaiting { nodes } => format!(
                "  OnDelete: {} keep their old pod until someone deletes it",
                list(nodes)
            ),
            StallReason::OldPodKept { nodes } => format!(
                "  {} keep their old pod: the new template no longer targets them, but an untolerated NoSchedule taint does not remove a running pod",
                list(nodes)
            ),
            StallReason::InvalidStrategy { error } => {
                format!("  the update strategy is invalid, so nothing is rolled: {error}")
            }
            StallReason::OnDeleteNoRolloutStatus { all_updated_at } => match all_updated_at {
                Some(t) => format!(
                    "  OnDelete: every node runs the new template since t={t} s, but kubectl rollout status has nothing to report for OnDelete"
                ),
                None => "  OnDelete: kubectl rollout status has nothing to report for OnDelete".into(),
            },
            StallReason::NotUpdated { nodes } => {
                format!("  still on the old template: {}", list(nodes))
            }
        };
        s.push_str(&line);
        s.push('\n');
    }
    s
}

/// Every node's pods at one instant.
pub fn render_snapshot(snap: &Snapshot) -> String {
    let mut s = format!("nodes at t={} s:\n", snap.t);
    let mut rows = vec![vec!["NODE".to_string(), "TARGETED".into(), "PODS".into()]];
    for n in &snap.nodes {
        let pods: Vec<String> = n
            .pods
            .iter()
            .map(|p| {
                let phase = match p.phase {
                    PodPhase::Pending => "pending",
                    PodPhase::Running => "running",
                    PodPhase::Terminating => "terminating",
                };
                let state = if p.available {
                    ", available"
                } else if p.ready {
                    ", ready"
                } else if p.phase == PodPhase::Pending {
                    ""
                } else {
                    ", not ready"
                };
                format!("{} {phase}{state}", gen_word(p.generation))
            })
            .collect();
        rows.push(vec![
            n.node.clone(),
            if n.should_run { "yes" } else { "no" }.into(),
            if pods.is_empty() {
                "-".into()
            } else {
                pods.join("; ")
            },
        ]);
    }
    s.push_str(&table(&rows, 2));
    if let Some(k) = &snap.kubectl {
        s.push_str(&format!("kubectl rollout status: {k}\n"));
    }
    s
}

fn verdict_word(v: Option<&NodeVerdict>) -> String {
    use crate::controllers::daemonset::Exclusion;
    let Some(v) = v else {
        return "absent".into();
    };
    if v.should_run {
        return "targeted".into();
    }
    match &v.exclusion {
        Some(Exclusion::NoScheduleTaint { taint }) => format!(
            "untolerated {} (keeps a running pod)",
            crate::k8s::taints::format_taint(taint)
        ),
        Some(Exclusion::NoExecuteTaint { taint }) => format!(
            "untolerated {} (evicts)",
            crate::k8s::taints::format_taint(taint)
        ),
        Some(Exclusion::NodeAffinity { .. }) => "nodeSelector / affinity does not match".into(),
        Some(Exclusion::TemplateNodeName { node_name }) => {
            format!("spec.template.spec.nodeName is {node_name}")
        }
        None => "not targeted".into(),
    }
}

/// The node change report as a table.
pub fn render_node_change(r: &NodeChangeReport) -> String {
    let mut s = format!("node change for daemonset {}/{}\n\n", r.namespace, r.name);
    let mut rows = vec![vec![
        "NODE".to_string(),
        "BEFORE".into(),
        "AFTER".into(),
        "DAEMON POD".into(),
    ]];
    for n in &r.nodes {
        let action = match n.action {
            NodeAction::Create => match (n.scheduler_fits, n.scheduler_reasons.is_empty()) {
                (Some(false), false) => {
                    format!("created, Pending: {}", n.scheduler_reasons.join(", "))
                }
                _ => "created".into(),
            },
            NodeAction::Keep => "kept".into(),
            NodeAction::KeepMisscheduled => "kept (misscheduled)".into(),
            NodeAction::Delete => "deleted".into(),
            NodeAction::NodeRemoved => "deleted with the node".into(),
            NodeAction::None => "-".into(),
        };
        rows.push(vec![
            n.node.clone(),
            verdict_word(n.before.as_ref()),
            verdict_word(n.after.as_ref()),
            action,
        ]);
    }
    s.push_str(&table(&rows, 2));
    let (b, a) = (&r.status_before, &r.status_after);
    s.push_str(&format!(
        "\ndesired {} -> {}, current {} -> {}, available {} -> {}, misscheduled {} -> {}\n",
        b.desired_number_scheduled,
        a.desired_number_scheduled,
        b.current_number_scheduled,
        a.current_number_scheduled,
        b.number_available,
        a.number_available,
        b.number_misscheduled,
        a.number_misscheduled
    ));
    s
}
