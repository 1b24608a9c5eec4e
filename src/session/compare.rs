//! The Deployment comparison from texts: which DaemonSet, which
//! Deployment (given, or derived from the DaemonSet), which nodes.

use super::{first_daemon_set, Session, DAEMONSET_SOURCE};
use crate::compare::{self, placement, CompareResult, Comparison};
use crate::diagnostic::Diagnostic;
use crate::input::{self, Source};
use crate::k8s::model::{Node, Pod};

/// Reads the texts together and compares their first DaemonSet with
/// their first Deployment (or one derived from the DaemonSet), or places
/// the Deployment alone when there is no DaemonSet (`daemonset-sim
/// compare`, the wasm free `compare`). Returns the result and the
/// input's warnings; `Err` with the input's errors when it could not be
/// read, or when it holds neither workload.
pub fn compare_inputs(
    sources: &[Source],
    replicas: Option<i32>,
) -> Result<(CompareResult, Vec<Diagnostic>), Vec<Diagnostic>> {
    let objects = input::parse(sources);
    if !objects.errors.is_empty() {
        return Err(objects.errors);
    }
    let nodes: Vec<Node> = objects.nodes.iter().map(|n| n.object.clone()).collect();
    let pods: Vec<Pod> = objects.pods.iter().map(|p| p.object.clone()).collect();
    let deploy = objects.deployments.first().map(|d| &d.object);
    let result = match (objects.daemon_sets.first(), deploy) {
        (Some(ds), d) => CompareResult::Comparison(Box::new(compare::compare(
            &ds.object, d, replicas, &nodes, &pods,
        ))),
        (None, Some(d)) => {
            let mut d = d.clone();
            if let Some(r) = replicas {
                d.spec.replicas = Some(r);
            }
            CompareResult::Placement(Box::new(placement::place_deployment(&d, &nodes, &pods)))
        }
        (None, None) => {
            return Err(vec![Diagnostic::new(
                None,
                "No workload",
                "the input holds no DaemonSet and no Deployment (an object with `kind: DaemonSet` or `kind: Deployment`)",
            )])
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
    ) -> Result<Comparison, Diagnostic> {
        let sources = [Source::new(Some(DAEMONSET_SOURCE), daemon_set_text)];
        let objects = input::parse(&sources);
        if let Some(e) = objects.errors.first() {
            return Err(e.clone());
        }
        let ds = first_daemon_set(&objects).map_err(|mut d| {
            d.detail = "the text holds no DaemonSet (an object with `kind: DaemonSet`)".into();
            d.source = Some(DAEMONSET_SOURCE.to_string());
            d
        })?;
        let deploy = objects.deployments.first().map(|d| &d.object);
        Ok(compare::compare(
            &ds.object,
            deploy,
            replicas,
            &self.cluster.node_list(),
            &self.cluster.pod_list(),
        ))
    }
}
