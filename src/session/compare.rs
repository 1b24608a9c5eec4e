//! The Deployment comparison from texts: which DaemonSet, which
//! Deployment (given, or derived from the DaemonSet), which nodes.

use super::{accepted, no_daemon_set, Refusal, Session, DAEMONSET_SOURCE};
use crate::compare::{self, placement, CompareResult, Comparison};
use crate::diagnostic::Diagnostic;
use crate::input::{self, Located, Objects, Source};
use crate::k8s::model::Deployment;
use crate::k8s::model::{Node, Pod};
use crate::k8s::priority::Priorities;

/// Reads the texts together and compares their first DaemonSet with
/// their first Deployment (or one derived from the DaemonSet), or places
/// the Deployment alone when there is no DaemonSet (`daemonset-sim
/// compare`, the wasm free `compare`). Returns the result and the
/// input's warnings; `Err` when the input could not be read, holds
/// neither workload, or the API server would refuse one of them.
pub fn compare_inputs(
    sources: &[Source],
    replicas: Option<i32>,
) -> Result<(CompareResult, Vec<Diagnostic>), Refusal> {
    let objects = input::parse(sources);
    if !objects.errors.is_empty() {
        return Err(Refusal::Input(objects.errors));
    }
    let nodes: Vec<Node> = objects.nodes.iter().map(|n| n.object.clone()).collect();
    let pods: Vec<Pod> = objects.pods.iter().map(|p| p.object.clone()).collect();
    let priorities = Priorities::new(objects.priority_classes.iter().map(|c| &c.object));
    let deploy = first_deployment(&objects)?;
    let result = match (objects.daemon_sets.first(), deploy) {
        (Some(ds), d) => CompareResult::Comparison(Box::new(compare::compare(
            accepted(sources, ds)?,
            d,
            replicas,
            &nodes,
            &pods,
            &priorities,
        ))),
        (None, Some(d)) => {
            let mut d = d.clone();
            if let Some(r) = replicas {
                d.spec.replicas = Some(r);
            }
            CompareResult::Placement(Box::new(placement::place_deployment(&d, &nodes, &pods)))
        }
        (None, None) => {
            return Err(Refusal::Input(vec![Diagnostic::new(
                None,
                "No workload",
                "the input holds no DaemonSet and no Deployment (an object with `kind: DaemonSet` or `kind: Deployment`)",
            )
            .worded("noWorkload", [])]))
        }
    };
    Ok((result, objects.warnings))
}

impl Session {
    /// Compares the DaemonSet in `daemon_set_text` with a Deployment of
    /// the same template (a Deployment in the text is the one compared)
    /// on the kept cluster. `replicas` overrides the replica count.
    pub fn compare(
        &self,
        daemon_set_text: &str,
        replicas: Option<i32>,
    ) -> Result<Comparison, Refusal> {
        let sources = [Source::new(Some(DAEMONSET_SOURCE), daemon_set_text)];
        let objects = input::parse(&sources);
        if !objects.errors.is_empty() {
            return Err(Refusal::Input(objects.errors));
        }
        let ds = objects
            .daemon_sets
            .first()
            .ok_or_else(|| no_daemon_set("text", Some(DAEMONSET_SOURCE)))?;
        let deploy = first_deployment(&objects)?;
        Ok(compare::compare(
            accepted(&sources, ds)?,
            deploy,
            replicas,
            &self.cluster.node_list(),
            &self.cluster.pod_list(),
            &self.cluster.priorities(&objects.priority_classes),
        ))
    }
}

/// The first Deployment, refused when the API server cannot decode it
/// (its validation is not reproduced: see ARCHITECTURE.md).
fn first_deployment(objects: &Objects) -> Result<Option<&Deployment>, Refusal> {
    match objects.deployments.first() {
        Some(Located { problems, .. }) if !problems.is_empty() => {
            Err(Refusal::Refused(problems.clone()))
        }
        d => Ok(d.map(|d| &d.object)),
    }
}
