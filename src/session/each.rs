//! Every DaemonSet of a set of texts, each checked as [`super::check`]
//! checks the first one (`daemonset-sim check` with several DaemonSets,
//! a directory of manifests, a whole cluster's dump).

use super::{check_daemon_set, first_daemon_set, Refusal};
use crate::check::Report;
use crate::diagnostic::Diagnostic;
use crate::input::{self, Source};
use crate::k8s::priority::Priorities;

/// One DaemonSet's report, and where the DaemonSet is written (its
/// `metadata.name`, else its `kind`): the place CI annotations point at.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedDaemonSet {
    pub report: Report,
    /// The name of the text that holds the DaemonSet (a file name, `-`).
    pub source: Option<String>,
    /// 1-based line and column of the DaemonSet in that text, where known.
    pub line: Option<u32>,
    pub column: Option<u32>,
}

/// Reads the texts together and checks every DaemonSet in them, in the
/// order they appear, against all the nodes and pods: for each the same
/// report as [`super::check`] gives for a text holding only that
/// DaemonSet. `Err` as for [`super::check`]: the input holds no
/// DaemonSet (its first error when it could not be read).
pub fn check_each(sources: &[Source]) -> Result<Vec<CheckedDaemonSet>, Refusal> {
    let objects = input::parse(sources);
    first_daemon_set(&objects)?;
    let nodes = || objects.nodes.iter().map(|n| &n.object);
    let pods = || objects.pods.iter().map(|p| &p.object);
    let priorities = Priorities::new(objects.priority_classes.iter().map(|c| &c.object));
    Ok(objects
        .daemon_sets
        .iter()
        .map(|ds| {
            let at = input::locate(sources, &ds.origin, "metadata.name")
                .or_else(|| input::locate(sources, &ds.origin, "kind"));
            CheckedDaemonSet {
                report: check_daemon_set(sources, &objects, ds, nodes(), pods(), &priorities),
                source: sources
                    .get(ds.origin.input)
                    .and_then(|s| s.name.map(str::to_string)),
                line: at.map(|(l, _)| l),
                column: at.map(|(_, c)| c),
            }
        })
        .collect())
}

/// The error type the input gives a document that is no Kubernetes
/// object and no shorthand node list.
const UNKNOWN_DOCUMENT: &str = "Unknown document";

/// Whether a text found in a directory is none of daemonset-sim's
/// business: it holds no DaemonSet, Deployment, Node or Pod, and each of
/// its problems is a document that is no Kubernetes object (a Helm
/// `Chart.yaml`, a `values.yaml`, a CI config, `package.json`). Returns
/// the warning that says it was skipped; `None` for a text to read. A
/// text with a syntax error or a Kubernetes object is never skipped.
pub fn unused_text(source: &Source) -> Option<Diagnostic> {
    let objects = input::parse(std::slice::from_ref(source));
    let holds_objects = !objects.daemon_sets.is_empty()
        || !objects.deployments.is_empty()
        || !objects.nodes.is_empty()
        || !objects.pods.is_empty();
    if holds_objects
        || objects.errors.is_empty()
        || objects.errors.iter().any(|e| e.kind != UNKNOWN_DOCUMENT)
    {
        return None;
    }
    let mut d = Diagnostic::new(
        None,
        "Ignored",
        "no Kubernetes object in this file (found in a directory): skipped",
    )
    .worded("noObjectInFile", []);
    d.source = source.name.map(str::to_string);
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DS: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata: {name: NAME}
spec:
  selector: {matchLabels: {app: NAME}}
  template:
    metadata: {labels: {app: NAME}}
    spec:
      nodeSelector: {SELECTOR}
      containers: [{name: c, image: busybox}]
";

    fn ds(name: &str, selector: &str) -> String {
        DS.replace("NAME", name).replace("SELECTOR", selector)
    }

    #[test]
    fn every_daemon_set_gets_the_report_it_would_get_alone() {
        let nodes = "nodes: [{name: n1}, {name: n2, labels: {disk: ssd}}]";
        let a = ds("a", "");
        let b = ds("b", "disk: ssd");
        let both = format!("{a}---\n{b}");
        let sources = [
            Source::new(Some("ds.yaml"), &both),
            Source::new(Some("nodes.yaml"), nodes),
        ];
        let each = check_each(&sources).unwrap();
        assert_eq!(each.len(), 2);
        for (c, text) in each.iter().zip([&a, &b]) {
            let alone = super::super::check(&[
                Source::new(Some("ds.yaml"), text),
                Source::new(Some("nodes.yaml"), nodes),
            ])
            .unwrap();
            assert_eq!(c.report.nodes, alone.nodes);
            assert_eq!(c.report.status, alone.status);
            assert_eq!(c.source.as_deref(), Some("ds.yaml"));
        }
        // metadata.name of the second DaemonSet: line 3 of its document
        assert_eq!((each[0].line, each[0].column), (Some(3), Some(18)));
        assert_eq!(each[1].line, Some(14));
        assert!(check_each(&[Source::new(None, nodes)]).is_err());
    }

    #[test]
    fn only_texts_without_kubernetes_objects_are_unused() {
        let chart = Source::new(
            Some("Chart.yaml"),
            "apiVersion: v2\nname: x\nversion: 1.0.0\n",
        );
        assert_eq!(
            unused_text(&chart).and_then(|d| d.source),
            Some("Chart.yaml".into())
        );
        let json = Source::new(Some("package.json"), "{\"name\": \"x\"}");
        assert!(unused_text(&json).is_some());
        let a = ds("a", "");
        for kept in [
            a.as_str(),
            "kind: ConfigMap\nmetadata: {name: x}\n",
            "kind: DaemonSet\nmetadata:\n  name: [x\n",
            "nodes: [{name: n}]",
            "",
        ] {
            assert!(
                unused_text(&Source::new(Some("f.yaml"), kept)).is_none(),
                "{kept}"
            );
        }
    }
}
