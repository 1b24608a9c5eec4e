//! `daemonset-sim rollout`: simulates a template change rolling across the
//! nodes and prints the timeline and the verdict.

use super::change::{apply_change, TemplateChange};
use super::simulate::simulate_with_pods;
use super::types::*;
use crate::controller::DaemonSetPlan;
use crate::cli::{read_text, table};
use crate::input::{self, Source};
use crate::model::Pod;
use std::io::{Read, Write};

pub const USAGE: &str = "usage: daemonset-sim rollout [--format text|json]
         [--new FILE | --image [CONTAINER=]IMAGE | --env [CONTAINER:]NAME=VALUE | --restart]
         [--ready-delay S] [--ready-delay-node NODE=S]... [--never-ready NODE]...
         [--termination S] [--delete T:NODE]... [--tick-limit N] [--at T] FILE...
       daemonset-sim rollout [--format text|json] --nodes-after FILE FILE...

Simulates how a change of a DaemonSet's pod template rolls across the nodes,
second by second, as the DaemonSet controller does it: which pods are created
and deleted when, the status counters, what `kubectl rollout status` prints,
and whether the rollout completes or where it stalls and why.

FILEs ('-' for stdin) hold the current DaemonSet and the nodes (YAML or JSON,
kubectl dumps, the shorthand node list), and optionally other pods that use
the nodes' resources and host ports. The change is the DaemonSet in --new
FILE, an image (--image), an env var (--env), a restart annotation (--restart,
as `kubectl rollout restart`), or else a second DaemonSet in the FILEs; with
none of these, a restart.

  --ready-delay S          seconds from scheduling to Ready (default 5)
  --ready-delay-node N=S   the same for one node
  --never-ready NODE       the new pod never becomes Ready on NODE
  --termination S          seconds a deleted pod takes to go (default 1)
  --delete T:NODE          the user deletes NODE's pod at second T (OnDelete)
  --tick-limit N           stop after N seconds (default 1200)
  --at T                   also show every node's pods at second T
  --nodes-after FILE       instead: the nodes change to those in FILE (a label
                           removed, a taint added, nodes added or removed);
                           show which daemon pods are created, kept, deleted

Kubernetes picks which nodes to update first at random; the simulator takes
them in name order: the timeline is one of the possible ones.

exit status: 0 simulated, 2 the input cannot be read or holds no DaemonSet.";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

enum Change {
    NewFile(String),
    Template(TemplateChange),
}

struct Options {
    format: Format,
    change: Option<Change>,
    model: NodeModel,
    tick_limit: u32,
    at: Option<u32>,
    nodes_after: Option<String>,
    files: Vec<String>,
}

const VALUE_FLAGS: &[&str] = &[
    "--format",
    "-o",
    "--new",
    "--image",
    "--env",
    "--ready-delay",
    "--ready-delay-node",
    "--never-ready",
    "--termination",
    "--delete",
    "--tick-limit",
    "--at",
    "--nodes-after",
];

fn seconds(flag: &str, v: &str) -> Result<u32, String> {
    v.trim()
        .parse::<u32>()
        .map_err(|_| format!("{flag} wants a whole number of seconds, not {v:?}"))
}

/// `--flag value` / `--flag=value`; `Ok(None)` for help.
fn parse_args(args: &[String]) -> Result<Option<Options>, String> {
    let mut o = Options {
        format: Format::Text,
        change: None,
        model: NodeModel::default(),
        tick_limit: DEFAULT_TICK_LIMIT,
        at: None,
        nodes_after: None,
        files: Vec::new(),
    };
    let set_change = |o: &mut Options, c: Change| {
        if o.change.is_some() {
            return Err("give only one of --new, --image, --env, --restart".to_string());
        }
        o.change = Some(c);
        Ok(())
    };
    let mut i = 0;
    while i < args.len() {
        let a = args.get(i).map(String::as_str).unwrap_or("");
        i += 1;
        if a == "-h" || a == "--help" {
            return Ok(None);
        }
        if a == "--restart" {
            set_change(
                &mut o,
                Change::Template(TemplateChange::RestartAnnotation {
                    restarted_at: "2026-01-01T00:00:00Z".into(),
                }),
            )?;
            continue;
        }
        if a == "-" || !a.starts_with('-') {
            o.files.push(a.to_string());
            continue;
        }
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (a, None),
        };
        if !VALUE_FLAGS.contains(&flag) {
            return Err(format!("unknown flag {a}"));
        }
        let value = match inline {
            Some(v) => v,
            None => {
                let v = args
                    .get(i)
                    .cloned()
                    .ok_or_else(|| format!("{flag} needs a value"))?;
                i += 1;
                v
            }
        };
        match flag {
            "--format" | "-o" => {
                o.format = match value.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    _ => return Err(format!("--format must be text or json, not {value:?}")),
                }
            }
            "--new" => set_change(&mut o, Change::NewFile(value))?,
            "--image" => {
                let (container, image) = match value.split_once('=') {
                    Some((c, img)) => (Some(c.to_string()), img.to_string()),
                    None => (None, value.clone()),
                };
                if image.is_empty() {
                    return Err("--image wants [CONTAINER=]IMAGE".into());
                }
                set_change(
                    &mut o,
                    Change::Template(TemplateChange::Image { container, image }),
                )?;
            }
            "--env" => {
                let (target, assignment) = match value.split_once('=') {
                    Some((lhs, v)) => (lhs.to_string(), v.to_string()),
                    None => return Err("--env wants [CONTAINER:]NAME=VALUE".into()),
                };
                let (container, name) = match target.split_once(':') {
                    Some((c, n)) => (Some(c.to_string()), n.to_string()),
                    None => (None, target),
                };
                if name.is_empty() {
                    return Err("--env wants [CONTAINER:]NAME=VALUE".into());
                }
                set_change(
                    &mut o,
                    Change::Template(TemplateChange::Env {
                        container,
                        name,
                        value: assignment,
                    }),
                )?;
            }
            "--ready-delay" => o.model.ready_delay_seconds = seconds(flag, &value)?,
            "--ready-delay-node" => {
                let (node, s) = value.split_once('=').ok_or_else(|| {
                    format!("--ready-delay-node wants NODE=SECONDS, not {value:?}")
                })?;
                o.model
                    .per_node_ready_delay
                    .insert(node.to_string(), seconds(flag, s)?);
            }
            "--never-ready" => o.model.never_ready.push(value),
            "--termination" => o.model.termination_seconds = seconds(flag, &value)?,
            "--delete" => {
                let (t, node) = value
                    .split_once(':')
                    .ok_or_else(|| format!("--delete wants T:NODE, not {value:?}"))?;
                o.model.manual_deletes.push(ManualDelete {
                    t: seconds(flag, t)?,
                    node: node.to_string(),
                });
            }
            "--tick-limit" => o.tick_limit = seconds(flag, &value)?,
            "--at" => o.at = Some(seconds(flag, &value)?),
            "--nodes-after" => o.nodes_after = Some(value),
            _ => return Err(format!("unknown flag {a}")),
        }
    }
    if o.nodes_after.is_some() && o.change.is_some() {
        return Err("--nodes-after changes the nodes, not the DaemonSet: leave out --new, --image, --env, --restart".into());
    }
    Ok(Some(o))
}


/// Runs `daemonset-sim rollout ARGS` (the arguments after `rollout`);
/// returns the exit code.
pub fn run_cli(
    args: &[String],
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let opts = match parse_args(args) {
        Ok(Some(o)) => o,
        Ok(None) => {
            let _ = writeln!(out, "{USAGE}");
            return 0;
        }
        Err(e) => {
            let _ = writeln!(err, "daemonset-sim rollout: {e}\n\n{USAGE}");
            return 2;
        }
    };
    if opts.files.is_empty() {
        let _ = writeln!(
            err,
            "daemonset-sim rollout: no input files (use - for stdin)\n\n{USAGE}"
        );
        return 2;
    }
    let mut texts = Vec::new();
    for f in &opts.files {
        match read_text(f, stdin) {
            Ok(t) => texts.push((f.clone(), t)),
            Err(e) => {
                let _ = writeln!(err, "daemonset-sim rollout: {e}");
                return 2;
            }
        }
    }
    let sources: Vec<Source> = texts.iter().map(|(n, t)| Source::new(Some(n), t)).collect();
    let objects = input::parse(&sources);
    if !objects.errors.is_empty() {
        for e in &objects.errors {
            let _ = writeln!(err, "daemonset-sim rollout: {}", e.located_message());
        }
        return 2;
    }
    for w in &objects.warnings {
        let _ = writeln!(
            err,
            "daemonset-sim rollout: warning: {}",
            w.located_message()
        );
    }
    let Some(old) = objects.daemon_sets.first().map(|d| d.object.clone()) else {
        let _ = writeln!(
            err,
            "daemonset-sim rollout: the input holds no DaemonSet (an object with `kind: DaemonSet`)"
        );
        return 2;
    };
    if let Some(f) = &opts.nodes_after {
        return node_change(&opts, f, &old, &objects, stdin, out, err);
    }
    let (new, change_text) = match &opts.change {
        Some(Change::NewFile(f)) => {
            let text = match read_text(f, stdin) {
                Ok(t) => t,
                Err(e) => {
                    let _ = writeln!(err, "daemonset-sim rollout: {e}");
                    return 2;
                }
            };
            let src = [Source::new(Some(f), &text)];
            let parsed = input::parse(&src);
            if !parsed.errors.is_empty() {
                for e in &parsed.errors {
                    let _ = writeln!(err, "daemonset-sim rollout: {}", e.located_message());
                }
                return 2;
            }
            match parsed.daemon_sets.into_iter().next() {
                Some(d) => (d.object, format!("the DaemonSet in {f}")),
                None => {
                    let _ = writeln!(err, "daemonset-sim rollout: {f} holds no DaemonSet");
                    return 2;
                }
            }
        }
        Some(Change::Template(c)) => match apply_change(&old, c) {
            Ok(ds) => (ds, describe_change(c)),
            Err(e) => {
                let _ = writeln!(err, "daemonset-sim rollout: {e}");
                return 2;
            }
        },
        None => match objects.daemon_sets.get(1) {
            Some(d) => (
                d.object.clone(),
                "the second DaemonSet in the input".to_string(),
            ),
            None => {
                let c = TemplateChange::RestartAnnotation {
                    restarted_at: "2026-01-01T00:00:00Z".into(),
                };
                match apply_change(&old, &c) {
                    Ok(ds) => (ds, describe_change(&c)),
                    Err(e) => {
                        let _ = writeln!(err, "daemonset-sim rollout: {e}");
                        return 2;
                    }
                }
            }
        },
    };
    if new.spec.template == old.spec.template {
        let _ = writeln!(
            err,
            "daemonset-sim rollout: warning: the two pod templates look identical in the fields this tool reads; simulating the new one as a new revision anyway"
        );
    }
    let nodes: Vec<_> = objects.nodes.iter().map(|n| n.object.clone()).collect();
    let plan = DaemonSetPlan::new(&old);
    let selector = plan.selector();
    let others: Vec<Pod> = objects
        .pods
        .iter()
        .map(|p| &p.object)
        .filter(|p| !selector.as_ref().is_some_and(|s| plan.owns(s, p)))
        .cloned()
        .collect();
    let timeline = simulate_with_pods(&old, &new, &nodes, &others, &opts.model, opts.tick_limit);
    let written = match opts.format {
        Format::Json => {
            let mut value = serde_json::to_value(&timeline).unwrap_or_default();
            if let (Some(t), Some(obj)) = (opts.at, value.as_object_mut()) {
                obj.insert(
                    "snapshot".into(),
                    serde_json::to_value(timeline.snapshot(t)).unwrap_or_default(),
                );
            }
            serde_json::to_writer_pretty(&mut *out, &value)
                .map_err(std::io::Error::other)
                .and_then(|_| writeln!(out))
        }
        Format::Text => {
            let mut s = render_text(&timeline, &change_text);
            if let Some(t) = opts.at {
                s.push('\n');
                s.push_str(&render_snapshot(&timeline.snapshot(t)));
            }
            write!(out, "{s}")
        }
    };
    if let Err(e) = written {
        let _ = writeln!(err, "daemonset-sim rollout: {e}");
    }
    0
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
    s.push_str(
        "node order: by name (Kubernetes picks nodes at random: this is one possible run)\n\n",
    );
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

/// `--nodes-after FILE`: the node change report.
fn node_change(
    opts: &Options,
    file: &str,
    ds: &crate::model::DaemonSet,
    objects: &input::Objects,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let text = match read_text(file, stdin) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(err, "daemonset-sim rollout: {e}");
            return 2;
        }
    };
    let src = [Source::new(Some(file), &text)];
    let parsed = input::parse(&src);
    if !parsed.errors.is_empty() {
        for e in &parsed.errors {
            let _ = writeln!(err, "daemonset-sim rollout: {}", e.located_message());
        }
        return 2;
    }
    let before: Vec<_> = objects.nodes.iter().map(|n| n.object.clone()).collect();
    let after: Vec<_> = parsed.nodes.into_iter().map(|n| n.object).collect();
    let report = super::node_change::simulate_node_change(ds, &before, &after);
    let written = match opts.format {
        Format::Json => serde_json::to_writer_pretty(&mut *out, &report)
            .map_err(std::io::Error::other)
            .and_then(|_| writeln!(out)),
        Format::Text => write!(out, "{}", render_node_change(&report)),
    };
    if let Err(e) = written {
        let _ = writeln!(err, "daemonset-sim rollout: {e}");
    }
    0
}

fn verdict_word(v: Option<&super::node_change::NodeVerdict>) -> String {
    use crate::controller::Exclusion;
    let Some(v) = v else {
        return "absent".into();
    };
    if v.should_run {
        return "targeted".into();
    }
    match &v.exclusion {
        Some(Exclusion::NoScheduleTaint { taint }) => format!(
            "untolerated {} (keeps a running pod)",
            crate::taints::format_taint(taint)
        ),
        Some(Exclusion::NoExecuteTaint { taint }) => format!(
            "untolerated {} (evicts)",
            crate::taints::format_taint(taint)
        ),
        Some(Exclusion::NodeAffinity { .. }) => "nodeSelector / affinity does not match".into(),
        Some(Exclusion::TemplateNodeName { node_name }) => {
            format!("spec.template.spec.nodeName is {node_name}")
        }
        None => "not targeted".into(),
    }
}

/// The node change report as a table.
pub fn render_node_change(r: &super::node_change::NodeChangeReport) -> String {
    use super::node_change::NodeAction;
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
