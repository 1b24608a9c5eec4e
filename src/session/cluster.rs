//! Every DaemonSet of the input against the same cluster
//! ([`crate::cluster`]): `daemonset-sim cluster`, the wasm `cluster` and
//! `Simulator.cluster`.

use super::{
    api_warnings, first_daemon_set, refusal, Refusal, Session, DAEMONSET_SOURCE, NODES_SOURCE,
};
use crate::check::NodeReport;
use crate::cluster::{self, ClusterView, Options, RefusedDaemonSet};
use crate::diagnostic::Diagnostic;
use crate::input::{self, Located, Objects, Source};
use crate::k8s::model::{DaemonSet, Node, Pod};
use crate::k8s::priority::Priorities;

/// The DaemonSets of the objects, split: accepted ones (with their
/// create warnings) and refused ones (with why).
pub(super) struct Split<'a> {
    /// In the view's order (its `daemonSets` indices).
    pub accepted: Vec<&'a Located<DaemonSet>>,
    /// How many of `accepted`, the first ones, are the DaemonSet text's
    /// (the others are the kept cluster text's).
    pub in_daemon_set_text: usize,
    refused: Vec<RefusedDaemonSet>,
    warnings: Vec<Diagnostic>,
}

impl Split<'_> {
    fn objects(&self) -> Vec<&DaemonSet> {
        self.accepted.iter().map(|d| &d.object).collect()
    }
}

fn split<'a>(sources: &[Source], objects: &'a Objects) -> Split<'a> {
    let mut out = Split {
        accepted: Vec::new(),
        in_daemon_set_text: 0,
        refused: Vec::new(),
        warnings: Vec::new(),
    };
    for ds in &objects.daemon_sets {
        let errors = refusal(sources, ds);
        if errors.is_empty() {
            out.in_daemon_set_text += 1;
            out.accepted.push(ds);
            out.warnings.extend(api_warnings(sources, ds));
        } else {
            out.refused.push(RefusedDaemonSet {
                namespace: ds.object.metadata.namespace().to_string(),
                name: ds.object.metadata.name().to_string(),
                errors,
            });
        }
    }
    out
}

/// The view of `split`'s DaemonSets against the nodes and pods.
fn view<'a>(
    objects: &Objects,
    split: Split,
    nodes: impl Iterator<Item = &'a Node>,
    pods: impl Iterator<Item = &'a Pod>,
    priorities: &Priorities,
    options: &Options,
) -> ClusterView {
    let c = cluster::Cluster::new(&split.objects(), nodes, pods, priorities);
    let mut view = c.view(options);
    view.refused = split.refused;
    view.input_errors = objects.errors.clone();
    view.warnings = objects.warnings.clone();
    view.warnings.extend(split.warnings);
    view
}

/// Reads the texts together and places every DaemonSet in them against
/// all their nodes and pods. `Err` when the input holds no DaemonSet (its
/// first error when it could not be read).
pub fn cluster_inputs(sources: &[Source], options: &Options) -> Result<ClusterView, Refusal> {
    let objects = input::parse(sources);
    first_daemon_set(&objects)?;
    let priorities = Priorities::new(objects.priority_classes.iter().map(|c| &c.object));
    let s = split(sources, &objects);
    Ok(view(
        &objects,
        s,
        objects.nodes.iter().map(|n| &n.object),
        objects.pods.iter().map(|p| &p.object),
        &priorities,
        options,
    ))
}

/// The full report of one cell of [`cluster_inputs`]'s view: DaemonSet
/// `ds` (index into the view's `daemonSets`) on node `node`.
pub fn cluster_cell_inputs(sources: &[Source], ds: usize, node: &str) -> Option<NodeReport> {
    let objects = input::parse(sources);
    let priorities = Priorities::new(objects.priority_classes.iter().map(|c| &c.object));
    let s = split(sources, &objects);
    cluster::Cluster::new(
        &s.objects(),
        objects.nodes.iter().map(|n| &n.object),
        objects.pods.iter().map(|p| &p.object),
        &priorities,
    )
    .explain(ds, node)
}

impl Session {
    /// The DaemonSets of `daemon_set_text` (source name
    /// [`DAEMONSET_SOURCE`]) and of the kept cluster text, placed against
    /// the kept cluster. `Err` when neither holds a DaemonSet.
    pub fn cluster_view(
        &self,
        daemon_set_text: &str,
        options: &Options,
    ) -> Result<ClusterView, Refusal> {
        let sources = [Source::new(Some(DAEMONSET_SOURCE), daemon_set_text)];
        let objects = self.objects_with_kept(&sources)?;
        let priorities = self.cluster.priorities(&objects.priority_classes);
        let mut s = self.placed(&sources, &objects);
        s.refused.extend(self.cluster.refused.iter().cloned());
        let in_text = s.in_daemon_set_text;
        let mut v = view(
            &objects,
            s,
            self.cluster.nodes(),
            self.cluster.pods(),
            &priorities,
            options,
        );
        for (i, d) in v.daemon_sets.iter_mut().enumerate() {
            let source = if i < in_text {
                DAEMONSET_SOURCE
            } else {
                NODES_SOURCE
            };
            d.source = Some(source.to_string());
        }
        Ok(v)
    }

    /// One cell of [`Session::cluster_view`]'s view, fully explained.
    pub fn cluster_cell(&self, daemon_set_text: &str, ds: usize, node: &str) -> Option<NodeReport> {
        let sources = [Source::new(Some(DAEMONSET_SOURCE), daemon_set_text)];
        let objects = input::parse(&sources);
        self.placed_cell(&self.placed(&sources, &objects), &objects, ds, node)
    }

    /// The accepted DaemonSets [`Session::cluster_view`] places, in its
    /// order: those of the DaemonSet text read as `objects`, then the
    /// kept cluster text's.
    pub(super) fn placed<'a>(&'a self, sources: &[Source], objects: &'a Objects) -> Split<'a> {
        let mut s = split(sources, objects);
        s.accepted.extend(self.cluster.daemon_sets.iter());
        s
    }

    /// [`Session::cluster_cell`] on the DaemonSets `placed` (from
    /// [`Session::placed`]) and the DaemonSet text's `objects`.
    pub(super) fn placed_cell(
        &self,
        placed: &Split,
        objects: &Objects,
        ds: usize,
        node: &str,
    ) -> Option<NodeReport> {
        let priorities = self.cluster.priorities(&objects.priority_classes);
        cluster::Cluster::new(
            &placed.objects(),
            self.cluster.nodes(),
            self.cluster.pods(),
            &priorities,
        )
        .explain(ds, node)
    }

    /// The objects of the DaemonSet text, refused when it and the kept
    /// cluster hold no DaemonSet.
    fn objects_with_kept(&self, sources: &[Source]) -> Result<Objects, Refusal> {
        let objects = input::parse(sources);
        if objects.daemon_sets.is_empty()
            && self.cluster.daemon_sets.is_empty()
            && self.cluster.refused.is_empty()
        {
            first_daemon_set(&objects)?;
        }
        Ok(objects)
    }
}
