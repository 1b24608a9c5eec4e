//! The session: the one place that turns texts into answers.
//!
//! Every front-end (the CLI, the wasm module, through it the page) does
//! the same few steps, and does them here: read the texts
//! ([`crate::input`]), pick the workloads, validate the DaemonSet as the
//! API server would (errors located in their text), run a product
//! ([`crate::check`], [`crate::rollout`], [`crate::compare`]) and hand back
//! values or diagnostics. Nothing here prints or touches JavaScript;
//! nothing below this layer reads text.
//!
//! Two ways in:
//! - free functions over a set of texts read together ([`check`],
//!   [`check_each`], [`rollout_inputs`], [`node_change_inputs`], [`compare_inputs`],
//!   [`rollout_request`]): what the CLI and the wasm module's free
//!   functions call;
//! - a [`Session`] that keeps a cluster parsed ([`Session::set_cluster`])
//!   and answers for one DaemonSet text at a time ([`Session::check`],
//!   [`Session::rollout`], [`Session::compare`], ...): what the wasm
//!   `Simulator` holds, so that a 5,000-node cluster is parsed once, not
//!   on every keystroke.

mod apply;
mod cluster;
mod compare;
mod complete;
mod each;
mod fix_edit;
mod rollout;

pub use apply::{AppliedFix, AppliedText, ApplyError};
pub use cluster::{cluster_cell_inputs, cluster_inputs};
pub use compare::compare_inputs;
pub use complete::{Completion, CompletionKind, Completions};
pub use each::{check_each, unused_text, CheckedDaemonSet};
pub use rollout::{
    node_change_inputs, rollout_inputs, rollout_request, rollout_request_text, AppliedChange,
    ChangeSpec, RolloutOptions, RolloutRequest, RolloutRun,
};

use crate::check::grid::{Grid, NodeFacts};
use crate::check::{self, BoundPods, NodeReport, Report};
use crate::controllers::daemonset::DaemonSetPlan;
use crate::diagnostic::{Diagnostic, Skipped};
use crate::input::limits::Limits;
use crate::input::progress::Progress;
use crate::input::{self, Located, Objects, Source};
use crate::k8s::model::{DaemonSet, Node, Pod, PriorityClass, StringMap};
use crate::k8s::priority::Priorities;
use crate::k8s::{defaults, validation};
use crate::rollout::{ChangeError, Timeline};
use serde::Serialize;
use std::sync::OnceLock;

/// The source name of the cluster text a [`Session`] keeps (positions of
/// its diagnostics refer to that text).
pub const NODES_SOURCE: &str = "nodes";
/// The source name of the DaemonSet text given to a [`Session`].
pub const DAEMONSET_SOURCE: &str = "daemonset";
/// The source name of a rollout's changed DaemonSet text.
pub const NEW_DAEMONSET_SOURCE: &str = "newDaemonSet";
/// The source name of a node change's "nodes after" text.
pub const NODES_AFTER_SOURCE: &str = "nodesAfter";

/// Why there is no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A text cannot be read or used (exit status 2): located
    /// diagnostics, the first one first.
    Input(Vec<Diagnostic>),
    /// The API server would refuse the workload (exit status 1): its
    /// strict decoding or validation errors.
    Refused(Vec<Diagnostic>),
    /// The template change does not apply to the DaemonSet (exit status 2).
    Change(ChangeError),
}

impl From<Diagnostic> for Refusal {
    fn from(d: Diagnostic) -> Self {
        Refusal::Input(vec![d])
    }
}

impl std::fmt::Display for Refusal {
    /// Each diagnostic's located message, one per line.
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let lines: Vec<String> = self
            .diagnostics()
            .iter()
            .map(Diagnostic::located_message)
            .collect();
        f.write_str(&lines.join("\n"))
    }
}

impl std::error::Error for Refusal {}

impl Refusal {
    /// The diagnostics, or the change error as one.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            Refusal::Input(d) | Refusal::Refused(d) => d.clone(),
            Refusal::Change(c) => vec![Diagnostic::new(None, "Invalid change", c.to_string())],
        }
    }
}

/// Reads the texts together and checks the first DaemonSet against the
/// nodes and pods in them (`daemonset-sim check`, the wasm `check`).
/// `Err` when there is nothing to check: no DaemonSet (the first error of
/// the input, if it could not be read, else "No DaemonSet").
pub fn check(sources: &[Source]) -> Result<Report, Refusal> {
    let objects = input::parse(sources);
    let priorities = Priorities::new(objects.priority_classes.iter().map(|c| &c.object));
    check_objects(
        sources,
        &objects,
        objects.nodes.iter().map(|n| &n.object),
        objects.pods.iter().map(|p| &p.object),
        &priorities,
    )
}

/// `check` of the first DaemonSet of `objects` (read from `sources`)
/// against `nodes` and `pods`. The API server's answer about the
/// DaemonSet: its strict decoding errors when it cannot decode it, else
/// its validation errors, else its warnings; the input's own problems
/// apart.
fn check_objects<'a>(
    sources: &[Source],
    objects: &Objects,
    nodes: impl Iterator<Item = &'a Node>,
    pods: impl Iterator<Item = &'a Pod>,
    priorities: &Priorities,
) -> Result<Report, Refusal> {
    let ds = first_daemon_set(objects)?;
    let mut report = check_daemon_set(sources, objects, ds, nodes, pods, priorities);
    report.warnings.extend(more_daemon_sets(sources, objects));
    Ok(report)
}

/// The warning that only the first of several DaemonSets is checked.
fn more_daemon_sets(sources: &[Source], objects: &Objects) -> Option<Diagnostic> {
    let [first, second, ..] = objects.daemon_sets.as_slice() else {
        return None;
    };
    let name = format!("{:?}", first.object.metadata.name());
    let more = objects.daemon_sets.len() - 1;
    let d = Diagnostic::new(
        None,
        "Ignored",
        format!("only the first DaemonSet ({name}) is checked; {more} more ignored"),
    )
    .worded(
        "ignoredDaemonSets",
        [("name", name.into()), ("more", more.into())],
    );
    Some(input::place(sources, &second.origin, "kind", d))
}

/// `check` of one DaemonSet of `objects` (read from `sources`) against
/// `nodes` and `pods`: the objects' own errors and warnings come first,
/// then the DaemonSet's validation errors.
fn check_daemon_set<'a>(
    sources: &[Source],
    objects: &Objects,
    ds: &Located<DaemonSet>,
    nodes: impl Iterator<Item = &'a Node>,
    pods: impl Iterator<Item = &'a Pod>,
    priorities: &Priorities,
) -> Report {
    let plan = DaemonSetPlan::new(&ds.object);
    let mut report = check::run(&plan, nodes, pods, priorities);
    what_the_api_server_says(sources, objects, ds, &mut report);
    report
}

/// The input's own errors and warnings, then the API server's answer
/// about the DaemonSet, into its report.
fn what_the_api_server_says(
    sources: &[Source],
    objects: &Objects,
    ds: &Located<DaemonSet>,
    report: &mut Report,
) {
    report.input_errors = objects.errors.clone();
    report.errors = refusal(sources, ds);
    report.warnings = objects.warnings.clone();
    if report.errors.is_empty() {
        report.warnings.extend(api_warnings(sources, ds));
    }
    report.skipped = objects.skipped.clone();
}

/// The first DaemonSet of the objects, or what to refuse with: the
/// input's errors when it could not be read, else "No DaemonSet".
fn first_daemon_set(objects: &Objects) -> Result<&Located<DaemonSet>, Refusal> {
    objects.daemon_sets.first().ok_or_else(|| {
        Refusal::Input(if objects.errors.is_empty() {
            vec![no_daemon_set("input", None)]
        } else {
            objects.errors.clone()
        })
    })
}

/// "No DaemonSet" in `what` ("input", "text"), about the named source.
fn no_daemon_set(what: &str, source: Option<&str>) -> Diagnostic {
    let mut d = Diagnostic::new(
        None,
        "No DaemonSet",
        format!("the {what} holds no DaemonSet (an object with `kind: DaemonSet`)"),
    )
    .worded(
        if what == "text" {
            "noDaemonSetInText"
        } else {
            "noDaemonSet"
        },
        [],
    );
    d.source = source.map(str::to_string);
    d
}

/// Why the API server would refuse a DaemonSet on create: its strict
/// decoding errors (then it is never validated), else its validation
/// errors (after defaulting); empty when it accepts it.
pub fn refusal(sources: &[Source], ds: &Located<DaemonSet>) -> Vec<Diagnostic> {
    let mut errors = if ds.problems.is_empty() {
        validation_errors(sources, ds)
    } else {
        ds.problems.clone()
    };
    // the first ones, then how many more (10,000 bad tolerations)
    input::cap_diagnostics(&mut errors, input::limits::MAX_DIAGNOSTICS);
    errors
}

/// What the API server's validation says about a DaemonSet (after
/// defaulting), each error located in its source text.
pub fn validation_errors(sources: &[Source], ds: &Located<DaemonSet>) -> Vec<Diagnostic> {
    let mut defaulted = ds.object.clone();
    defaults::default_daemon_set(&mut defaulted);
    validation::validate_daemon_set(&defaulted)
        .into_iter()
        .map(|d| {
            let field = d.field.clone().unwrap_or_default();
            input::place(sources, &ds.origin, &field, d)
        })
        .collect()
}

/// The warnings the API server returns when it creates the DaemonSet,
/// each located in its source text.
pub fn api_warnings(sources: &[Source], ds: &Located<DaemonSet>) -> Vec<Diagnostic> {
    ds.warnings
        .iter()
        .map(|w| {
            let d = Diagnostic::new(None, "Warning", w.text.clone());
            input::place(sources, &ds.origin, &w.field, d)
        })
        .collect()
}

/// The DaemonSet when the API server would accept it, else `Refused`
/// with why (its strict decoding or validation errors, located).
fn accepted<'a>(sources: &[Source], ds: &'a Located<DaemonSet>) -> Result<&'a DaemonSet, Refusal> {
    let refused = refusal(sources, ds);
    if refused.is_empty() {
        Ok(&ds.object)
    } else {
        Err(Refusal::Refused(refused))
    }
}

/// One text's first DaemonSet, refused when the text cannot be read or
/// holds no DaemonSet (`Input`), or when the API server would refuse the
/// DaemonSet (`Refused`). `source` names the text in diagnostics.
fn valid_daemon_set(text: &str, source: &str) -> Result<DaemonSet, Refusal> {
    Ok(valid_daemon_set_and_classes(text, source)?.0)
}

/// [`valid_daemon_set`], and the PriorityClasses the text also holds.
fn valid_daemon_set_and_classes(
    text: &str,
    source: &str,
) -> Result<(DaemonSet, Vec<Located<PriorityClass>>), Refusal> {
    let sources = [Source::new(Some(source), text)];
    let objects = input::parse(&sources);
    if !objects.errors.is_empty() {
        return Err(Refusal::Input(objects.errors));
    }
    let ds = objects
        .daemon_sets
        .first()
        .ok_or_else(|| no_daemon_set("text", Some(source)))?;
    let ds = accepted(&sources, ds)?.clone();
    Ok((ds, objects.priority_classes))
}

/// Of the time [`Session::set_cluster`] takes, the thousandths reading
/// and decoding the text take; the rest is checking the objects together
/// (node names, unbound pods), refusing DaemonSets and replacing the kept
/// cluster (dropping the last one). Measured in the wasm module (Node.js)
/// from the times of the reports, on examples/bench.rs's 5,000-node dumps
/// read over a cluster of the same size: the rest took 40-90 ms of
/// 700-1,100 ms on the JSON one (64 MiB), 50-230 ms of 3,500-4,600 ms on
/// the YAML one (34 MiB): about 5%.
const PARSE_PER_MILLE: usize = 950;

/// The nodes and pods a [`Session`] keeps between calls.
#[derive(Debug, Clone, Default)]
pub struct Cluster {
    pub nodes: Vec<Located<Node>>,
    pub pods: Vec<Located<Pod>>,
    pub priority_classes: Vec<PriorityClass>,
    /// The DaemonSets of the cluster text the API server accepts (what
    /// [`Session::cluster_view`] places; `check` does not use them), each
    /// with where it is written.
    pub daemon_sets: Vec<Located<DaemonSet>>,
    /// Those it would refuse.
    pub refused: Vec<crate::cluster::RefusedDaemonSet>,
    /// The nodes' classes of facts, numbered on the first
    /// [`Session::evaluate_grid`].
    facts: OnceLock<NodeFacts>,
}

impl Cluster {
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.nodes.iter().map(|n| &n.object)
    }
    pub fn pods(&self) -> impl Iterator<Item = &Pod> {
        self.pods.iter().map(|p| &p.object)
    }
    fn node_list(&self) -> Vec<Node> {
        self.nodes().cloned().collect()
    }
    fn pod_list(&self) -> Vec<Pod> {
        self.pods().cloned().collect()
    }
    /// The PriorityClasses of the cluster and of `extra` (a workload
    /// text's own, as an install file brings them).
    fn priorities<'a>(&'a self, extra: &'a [Located<PriorityClass>]) -> Priorities {
        Priorities::new(
            self.priority_classes
                .iter()
                .chain(extra.iter().map(|c| &c.object)),
        )
    }
}

/// A kept node as a coverage grid lists it: [`Session::node_list`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct NodeEntry<'a> {
    pub name: &'a str,
    #[cfg_attr(test, ts(as = "std::collections::BTreeMap<String, String>"))]
    pub labels: &'a StringMap,
}

/// What [`Session::set_cluster`] kept, and the problems of the text.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ClusterSummary {
    /// Nodes kept (after `count` expansion of the shorthand list).
    pub nodes: usize,
    /// Pods kept.
    pub pods: usize,
    /// The cluster text cannot be used as it is; positions refer to it.
    pub errors: Vec<Diagnostic>,
    /// Something was skipped.
    pub warnings: Vec<Diagnostic>,
    /// The objects of kinds the engine does not use, each with its
    /// position (one warning sums them up).
    pub skipped: Vec<Skipped>,
}

/// A cluster kept parsed, and the answers about it for one DaemonSet
/// text at a time.
#[derive(Debug, Default)]
pub struct Session {
    cluster: Cluster,
    /// The last rollout, for [`Session::snapshot`].
    timeline: Option<Timeline>,
}

impl Session {
    pub fn new() -> Session {
        Session::default()
    }

    /// The kept cluster.
    pub fn cluster(&self) -> &Cluster {
        &self.cluster
    }

    /// Reads the cluster's nodes and pods from `text` (source name
    /// [`NODES_SOURCE`]) and keeps what could be read. A DaemonSet or
    /// Deployment in it is not used (said in a warning).
    pub fn set_cluster(&mut self, text: &str) -> ClusterSummary {
        self.set_cluster_with_progress(text, &mut |_, _| {})
    }

    /// [`Session::set_cluster`], telling `progress` how far it has come
    /// as `(done, total)`: `total` is the text's length in bytes (at
    /// least 1) in every call, `done` rises to it, at most about once per
    /// percent (see [`Progress`]). The summary is the same.
    pub fn set_cluster_with_progress(
        &mut self,
        text: &str,
        progress: &mut dyn FnMut(usize, usize),
    ) -> ClusterSummary {
        let mut progress = Progress::new(text.len(), progress);
        let summary = self.read_cluster(text, &mut progress);
        progress.finish();
        summary
    }

    fn read_cluster(&mut self, text: &str, progress: &mut Progress) -> ClusterSummary {
        // The kept cluster is replaced whatever the text holds: freed
        // first, its memory is there for the new one (one cluster at a
        // time at most, not two)
        self.cluster = Cluster::default();
        let sources = [Source::new(Some(NODES_SOURCE), text)];
        let parsed = Progress::share(progress.total(), PARSE_PER_MILLE);
        let mut objects =
            input::parse_with_progress(&sources, &Limits::default(), progress, parsed);
        // the DaemonSet belongs in evaluate's text; say so instead of
        // silently checking it against itself
        let workloads = objects
            .daemon_sets
            .iter()
            .map(|d| (&d.origin, "DaemonSet"))
            .chain(
                objects
                    .deployments
                    .iter()
                    .map(|d| (&d.origin, "Deployment")),
            );
        let ignored: Vec<Diagnostic> = workloads
            .map(|(origin, kind)| {
                let d = if kind == "DaemonSet" {
                    Diagnostic::new(
                        None,
                        "Cluster only",
                        "a DaemonSet in the cluster text is placed by cluster() with the others; evaluate() takes the DaemonSet it is given",
                    )
                    .worded("clusterTextDaemonSet", [])
                } else {
                    Diagnostic::new(
                        None,
                        "Ignored",
                        format!(
                            "a {kind} in the cluster text is not used: evaluate() takes the DaemonSet"
                        ),
                    )
                    .worded("ignoredInClusterText", [("kind", kind.into())])
                };
                input::place(&sources, origin, "kind", d)
            })
            .collect();
        objects.warnings.extend(ignored);
        let mut daemon_sets = Vec::new();
        let mut refused = Vec::new();
        for ds in &objects.daemon_sets {
            let errors = refusal(&sources, ds);
            if errors.is_empty() {
                daemon_sets.push(ds.clone());
            } else {
                refused.push(crate::cluster::RefusedDaemonSet {
                    namespace: ds.object.metadata.namespace().to_string(),
                    name: ds.object.metadata.name().to_string(),
                    errors,
                });
            }
        }
        self.cluster = Cluster {
            daemon_sets,
            refused,
            nodes: objects.nodes,
            pods: objects.pods,
            priority_classes: objects
                .priority_classes
                .into_iter()
                .map(|c| c.object)
                .collect(),
            facts: OnceLock::new(),
        };
        ClusterSummary {
            nodes: self.cluster.nodes.len(),
            pods: self.cluster.pods.len(),
            errors: objects.errors,
            warnings: objects.warnings,
            skipped: objects.skipped,
        }
    }

    /// Forgets the kept cluster.
    pub fn clear_cluster(&mut self) {
        self.cluster = Cluster::default();
    }

    /// Checks the DaemonSet in `daemon_set_text` (source name
    /// [`DAEMONSET_SOURCE`]) against the kept cluster: the same report as
    /// [`check`] on both texts, except that its errors and warnings are
    /// about `daemon_set_text` only. Nodes or pods in that text are not
    /// used (said in a warning).
    pub fn check(&self, daemon_set_text: &str) -> Result<Report, Refusal> {
        let (sources, objects) = read_daemon_set_text(daemon_set_text);
        let priorities = self.cluster.priorities(&objects.priority_classes);
        check_objects(
            &sources,
            &objects,
            self.cluster.nodes(),
            self.cluster.pods(),
            &priorities,
        )
    }

    /// The kept nodes in the order of [`Grid::states`] (the cluster's
    /// order), each with its labels: what a grid of [`Session::evaluate_grid`]
    /// names and searches, asked once per [`Session::set_cluster`].
    pub fn node_list(&self) -> Vec<NodeEntry<'_>> {
        self.cluster
            .nodes()
            .map(|n| NodeEntry {
                name: n.name(),
                labels: &n.metadata.labels,
            })
            .collect()
    }

    /// What [`Session::check`] says, with each node's state and reason
    /// only, in a time that grows with the number of distinct nodes (see
    /// [`check::grid`]): the page's per-keystroke call.
    pub fn evaluate_grid(&self, daemon_set_text: &str) -> Result<Grid, Refusal> {
        let (sources, objects) = read_daemon_set_text(daemon_set_text);
        let priorities = self.cluster.priorities(&objects.priority_classes);
        let ds = first_daemon_set(&objects)?;
        let plan = DaemonSetPlan::new(&ds.object);
        let nodes: Vec<&Node> = self.cluster.nodes().collect();
        let facts = self
            .cluster
            .facts
            .get_or_init(|| NodeFacts::new(&nodes, self.cluster.pods()));
        let pods = BoundPods::split(&plan, self.cluster.pods());
        let mut grid = check::grid::grid(&plan, &nodes, facts, &pods, &priorities);
        what_the_api_server_says(&sources, &objects, ds, &mut grid.report);
        grid.report
            .warnings
            .extend(more_daemon_sets(&sources, &objects));
        Ok(grid)
    }

    /// The full verdict of the kept node `name` for the DaemonSet in
    /// `daemon_set_text`, as [`Session::check`] reports it (`Ok(None)`
    /// when no node has that name).
    pub fn node_report(
        &self,
        daemon_set_text: &str,
        name: &str,
    ) -> Result<Option<NodeReport>, Refusal> {
        let (_, objects) = read_daemon_set_text(daemon_set_text);
        let priorities = self.cluster.priorities(&objects.priority_classes);
        let ds = first_daemon_set(&objects)?;
        let plan = DaemonSetPlan::new(&ds.object);
        let nodes: Vec<&Node> = self.cluster.nodes().collect();
        let pods = BoundPods::split(&plan, self.cluster.pods());
        Ok(check::grid::node(&plan, &nodes, &pods, &priorities, name))
    }
}

/// A DaemonSet text of a [`Session`] (source name [`DAEMONSET_SOURCE`]),
/// read; nodes and pods in it are not used (said in a warning).
fn read_daemon_set_text(daemon_set_text: &str) -> ([Source<'_>; 1], Objects) {
    {
        let sources = [Source::new(Some(DAEMONSET_SOURCE), daemon_set_text)];
        let mut objects = input::parse(&sources);
        let ignored: Vec<Diagnostic> = objects
            .nodes
            .iter()
            .map(|n| (&n.origin, "Node"))
            .chain(objects.pods.iter().map(|p| (&p.origin, "Pod")))
            .map(|(origin, kind)| {
                let field = if origin.shorthand { "" } else { "kind" };
                let d = Diagnostic::new(
                    None,
                    "Ignored",
                    format!("a {kind} in the DaemonSet text is not used: setCluster() takes the cluster"),
                )
                .worded("ignoredInDaemonSetText", [("kind", kind.into())]);
                input::place(&sources, origin, field, d)
            })
            .collect();
        objects.warnings.extend(ignored);
        (sources, objects)
    }
}

#[cfg(test)]
#[path = "mod.tests.rs"]
mod tests;
