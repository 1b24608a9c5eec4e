//! Rollouts and node changes from texts: which DaemonSet is the current
//! one, what the change is, which pods hold room on the nodes.

use super::{
    accepted, first_daemon_set, no_daemon_set, valid_daemon_set, valid_daemon_set_and_classes,
    Refusal, Session, NEW_DAEMONSET_SOURCE, NODES_AFTER_SOURCE,
};
use crate::diagnostic::Diagnostic;
use crate::input::Member;
use crate::input::{self, Source};
use crate::k8s::model::{DaemonSet, Node, Pod, PriorityClass};
use crate::k8s::priority::Priorities;
use crate::k8s::{defaults, validation};
use crate::rollout::{
    self, apply_change, NodeChangeReport, NodeModel, Snapshot, TemplateChange, Timeline,
    DEFAULT_TICK_LIMIT,
};
use serde::de::IgnoredAny;
use serde::Deserialize;

/// The rollout from `old` to `new` on the nodes. The pods are all of the
/// input's: the DaemonSet's own are what the nodes start with, the others
/// hold room on the nodes; the PriorityClasses admit the daemon pods.
fn simulate<'a>(
    old: &DaemonSet,
    new: &DaemonSet,
    nodes: &[Node],
    pods: impl Iterator<Item = &'a Pod>,
    priorities: &Priorities,
    model: &NodeModel,
    tick_limit: u32,
) -> Timeline {
    let pods: Vec<Pod> = pods.cloned().collect();
    let cluster = rollout::InCluster {
        nodes,
        pods: &pods,
        priorities,
    };
    rollout::simulate_in_cluster(old, new, cluster, model, tick_limit)
}

fn default_tick_limit() -> u32 {
    DEFAULT_TICK_LIMIT
}

/// One rollout as a single JSON request (the wasm module's free
/// `rollout`): objects in their Kubernetes JSON form.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RolloutRequest {
    /// The DaemonSet as it runs now.
    #[cfg_attr(test, ts(type = "KubernetesObject"))]
    pub daemon_set: DaemonSet,
    /// The DaemonSet after the change; or give `change`.
    #[serde(default)]
    #[cfg_attr(test, ts(type = "KubernetesObject | null", optional))]
    pub new_daemon_set: Option<DaemonSet>,
    /// A simple template change; without it and without `newDaemonSet`,
    /// a `kubectl rollout restart`.
    #[serde(default)]
    #[cfg_attr(test, ts(optional))]
    pub change: Option<TemplateChange>,
    /// The nodes, as `kubectl get nodes -o json` items.
    #[serde(default)]
    #[cfg_attr(test, ts(type = "Array<KubernetesObject>", optional))]
    pub nodes: Vec<Node>,
    /// Pods bound to the nodes: the DaemonSet's own are the pods the nodes
    /// start with; the others hold resources and host ports.
    #[serde(default)]
    #[cfg_attr(test, ts(type = "Array<KubernetesObject>", optional))]
    pub pods: Vec<Pod>,
    /// The cluster's PriorityClasses (besides the two system ones): the
    /// daemon pods go through the Priority admission plugin, as in `check`.
    #[serde(default)]
    #[cfg_attr(test, ts(type = "Array<KubernetesObject>", optional))]
    pub priority_classes: Vec<PriorityClass>,
    /// Missing fields take their defaults.
    #[serde(default)]
    #[cfg_attr(test, ts(type = "Partial<NodeModel> | null", optional))]
    pub model: NodeModel,
    /// Seconds simulated at most (default 1200).
    #[serde(default = "default_tick_limit")]
    #[cfg_attr(test, ts(type = "number", optional))]
    pub tick_limit: u32,
}

/// Simulates a [`RolloutRequest`]. Refused when the API server would
/// refuse either DaemonSet (its validation errors, without positions: the
/// request holds objects, not text), or when the change does not apply.
pub fn rollout_request(req: &RolloutRequest) -> Result<Timeline, Refusal> {
    validate_object(&req.daemon_set, "daemonSet")?;
    let new = match (&req.new_daemon_set, &req.change) {
        (Some(ds), _) => {
            validate_object(ds, "newDaemonSet")?;
            ds.clone()
        }
        (None, Some(c)) => apply_change(&req.daemon_set, c).map_err(Refusal::Change)?,
        (None, None) => {
            apply_change(&req.daemon_set, &TemplateChange::restart()).map_err(Refusal::Change)?
        }
    };
    Ok(simulate(
        &req.daemon_set,
        &new,
        &req.nodes,
        req.pods.iter(),
        &Priorities::new(&req.priority_classes),
        &req.model,
        req.tick_limit,
    ))
}

/// What a request's text holds besides its objects (see
/// [`rollout_request_text`]); the objects' members are named so that
/// any other member is an error.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RequestOptions {
    #[serde(default, rename = "daemonSet")]
    _daemon_set: IgnoredAny,
    #[serde(default, rename = "newDaemonSet")]
    _new_daemon_set: IgnoredAny,
    #[serde(default, rename = "nodes")]
    _nodes: IgnoredAny,
    #[serde(default, rename = "pods")]
    _pods: IgnoredAny,
    #[serde(default, rename = "priorityClasses")]
    _priority_classes: IgnoredAny,
    #[serde(default)]
    change: Option<TemplateChange>,
    #[serde(default)]
    model: NodeModel,
    #[serde(default = "default_tick_limit")]
    tick_limit: u32,
}

/// The members of a [`RolloutRequest`] that hold Kubernetes objects.
const REQUEST_OBJECTS: [Member; 5] = [
    Member {
        key: "daemonSet",
        kind: "DaemonSet",
        api_version: "apps/v1",
        list: false,
    },
    Member {
        key: "newDaemonSet",
        kind: "DaemonSet",
        api_version: "apps/v1",
        list: false,
    },
    Member {
        key: "nodes",
        kind: "Node",
        api_version: "v1",
        list: true,
    },
    Member {
        key: "pods",
        kind: "Pod",
        api_version: "v1",
        list: true,
    },
    Member {
        key: "priorityClasses",
        kind: "PriorityClass",
        api_version: "scheduling.k8s.io/v1",
        list: true,
    },
];

/// Simulates a [`RolloutRequest`] given as text (JSON, or YAML): its
/// objects are read as `kubectl apply` reads them (unknown fields, wrong
/// types and unserved API versions are refused with the API server's
/// words: field paths relative to the object, the line and column in the
/// request), and validated as the API server validates them; a member the
/// request does not have is an error. `source` names the text in the
/// diagnostics.
pub fn rollout_request_text(text: &str, source: Option<&str>) -> Result<Timeline, Refusal> {
    let sources = [Source::new(source, text)];
    let (objects, options) = input::parse_request::<RequestOptions>(
        &sources[0],
        &REQUEST_OBJECTS,
        &input::limits::Limits::default(),
    );
    let options = match options {
        Some(o) if objects.errors.is_empty() => o,
        _ => return Err(Refusal::Input(objects.errors)),
    };
    let member = |key: &str| objects.daemon_sets.iter().find(|d| d.origin.prefix == key);
    let Some(old) = member("daemonSet") else {
        let mut d = Diagnostic::new(
            Some("daemonSet".into()),
            "Required value",
            "the request needs the DaemonSet as it runs now",
        );
        d.source = source.map(str::to_string);
        return Err(Refusal::Input(vec![d]));
    };
    let old = accepted(&sources, old)?;
    let new = match (member("newDaemonSet"), &options.change) {
        (Some(ds), _) => accepted(&sources, ds)?.clone(),
        (None, Some(c)) => apply_change(old, c).map_err(Refusal::Change)?,
        (None, None) => apply_change(old, &TemplateChange::restart()).map_err(Refusal::Change)?,
    };
    let nodes: Vec<Node> = objects.nodes.iter().map(|n| n.object.clone()).collect();
    Ok(simulate(
        old,
        &new,
        &nodes,
        objects.pods.iter().map(|p| &p.object),
        &Priorities::new(objects.priority_classes.iter().map(|c| &c.object)),
        &options.model,
        options.tick_limit,
    ))
}

/// The API server's validation of a DaemonSet given as an object (after
/// defaulting); `source` names it in the errors.
fn validate_object(ds: &DaemonSet, source: &str) -> Result<(), Refusal> {
    let mut defaulted = ds.clone();
    defaults::default_daemon_set(&mut defaulted);
    let errors: Vec<Diagnostic> = validation::validate_daemon_set(&defaulted)
        .into_iter()
        .map(|mut d| {
            d.source = Some(source.to_string());
            d
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Refusal::Refused(errors))
    }
}

/// The options of [`Session::rollout`] (the wasm `RolloutOptions`).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RolloutOptions {
    /// The DaemonSet after the change, as YAML or JSON text.
    #[serde(default)]
    #[cfg_attr(test, ts(optional))]
    pub new_daemon_set: Option<String>,
    /// Or a change; neither: a `kubectl rollout restart`.
    #[serde(default)]
    #[cfg_attr(test, ts(optional))]
    pub change: Option<TemplateChange>,
    /// The node model; missing fields take their defaults.
    #[serde(default)]
    #[cfg_attr(test, ts(type = "Partial<NodeModel> | null", optional))]
    pub model: Option<NodeModel>,
    /// Seconds simulated at most (default 1200).
    #[serde(default)]
    #[cfg_attr(test, ts(optional))]
    pub tick_limit: Option<u32>,
}

impl Session {
    /// Simulates the rollout of a change of the DaemonSet in
    /// `daemon_set_text` across the kept cluster, and keeps the timeline
    /// for [`Session::snapshot`]. Refused when a text cannot be read or
    /// holds no DaemonSet, when a DaemonSet fails validation (the API
    /// server would refuse it), or when the change does not apply.
    pub fn rollout(
        &mut self,
        daemon_set_text: &str,
        options: RolloutOptions,
    ) -> Result<&Timeline, Refusal> {
        // the classes of the cluster and of both texts, as `check` takes them
        let (old, mut classes) =
            valid_daemon_set_and_classes(daemon_set_text, super::DAEMONSET_SOURCE)?;
        let new = match (&options.new_daemon_set, &options.change) {
            (Some(text), _) => {
                let (new, more) = valid_daemon_set_and_classes(text, NEW_DAEMONSET_SOURCE)?;
                classes.extend(more);
                new
            }
            (None, Some(c)) => apply_change(&old, c).map_err(Refusal::Change)?,
            (None, None) => {
                apply_change(&old, &TemplateChange::restart()).map_err(Refusal::Change)?
            }
        };
        let timeline = simulate(
            &old,
            &new,
            &self.cluster.node_list(),
            self.cluster.pods(),
            &self.cluster.priorities(&classes),
            &options.model.unwrap_or_default(),
            options.tick_limit.unwrap_or(DEFAULT_TICK_LIMIT),
        );
        Ok(self.timeline.insert(timeline))
    }

    /// Every node's pods at second `t` of the last rollout; `None` before
    /// the first one.
    pub fn snapshot(&self, t: u32) -> Option<Snapshot> {
        self.timeline.as_ref().map(|tl| tl.snapshot(t))
    }

    /// What the DaemonSet controller does when the kept cluster's nodes
    /// change to those in `nodes_after_text` (matched by name).
    pub fn node_change(
        &self,
        daemon_set_text: &str,
        nodes_after_text: &str,
    ) -> Result<NodeChangeReport, Refusal> {
        let ds = valid_daemon_set(daemon_set_text, super::DAEMONSET_SOURCE)?;
        let sources = [Source::new(Some(NODES_AFTER_SOURCE), nodes_after_text)];
        let parsed = input::parse(&sources);
        if !parsed.errors.is_empty() {
            return Err(Refusal::Input(parsed.errors));
        }
        let after: Vec<Node> = parsed.nodes.into_iter().map(|n| n.object).collect();
        Ok(rollout::simulate_node_change(
            &ds,
            &self.cluster.node_list(),
            &after,
        ))
    }
}

/// What the rollout changes (the CLI's flags).
#[derive(Debug, Clone)]
pub enum ChangeSpec<'a> {
    /// The DaemonSet in this text is the new one.
    NewDaemonSet(Source<'a>),
    /// A template change of the current DaemonSet.
    Template(TemplateChange),
    /// Nothing given: a second DaemonSet in the inputs is the new one,
    /// else a restart.
    Unspecified,
}

/// Which change was simulated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppliedChange {
    /// The DaemonSet in the named text.
    NewDaemonSetIn(Option<String>),
    Template(TemplateChange),
    /// The second DaemonSet of the inputs.
    SecondDaemonSet,
    /// None was given: a restart.
    DefaultRestart(TemplateChange),
}

/// A simulated rollout and what it was made of.
#[derive(Debug, Clone)]
pub struct RolloutRun {
    pub timeline: Timeline,
    pub change: AppliedChange,
    /// The inputs' warnings.
    pub warnings: Vec<Diagnostic>,
    /// The two pod templates are identical in the fields this tool reads
    /// (the new one is simulated as a new revision anyway).
    pub identical_templates: bool,
}

/// Reads the texts together: the first DaemonSet is the current one; the
/// nodes and the other pods are the cluster. Simulates `change`
/// (`daemonset-sim rollout`).
pub fn rollout_inputs(
    sources: &[Source],
    change: ChangeSpec,
    model: &NodeModel,
    tick_limit: u32,
) -> Result<RolloutRun, Refusal> {
    let objects = input::parse(sources);
    if !objects.errors.is_empty() {
        return Err(Refusal::Input(objects.errors));
    }
    let old = accepted(sources, first_daemon_set(&objects)?)?;
    let mut classes: Vec<PriorityClass> = objects
        .priority_classes
        .iter()
        .map(|c| c.object.clone())
        .collect();
    let (new, applied) = match change {
        ChangeSpec::NewDaemonSet(src) => {
            let one = std::slice::from_ref(&src);
            let parsed = input::parse(one);
            if !parsed.errors.is_empty() {
                return Err(Refusal::Input(parsed.errors));
            }
            let name = src.name.map(str::to_string);
            let d = parsed
                .daemon_sets
                .first()
                .ok_or_else(|| no_daemon_set("text", name.as_deref()))?;
            let new = accepted(one, d)?.clone();
            classes.extend(parsed.priority_classes.into_iter().map(|c| c.object));
            (new, AppliedChange::NewDaemonSetIn(name))
        }
        ChangeSpec::Template(c) => (
            apply_change(old, &c).map_err(Refusal::Change)?,
            AppliedChange::Template(c),
        ),
        ChangeSpec::Unspecified => match objects.daemon_sets.get(1) {
            Some(d) => (
                accepted(sources, d)?.clone(),
                AppliedChange::SecondDaemonSet,
            ),
            None => {
                let c = TemplateChange::restart();
                (
                    apply_change(old, &c).map_err(Refusal::Change)?,
                    AppliedChange::DefaultRestart(c),
                )
            }
        },
    };
    let nodes: Vec<Node> = objects.nodes.iter().map(|n| n.object.clone()).collect();
    let timeline = simulate(
        old,
        &new,
        &nodes,
        objects.pods.iter().map(|p| &p.object),
        &Priorities::new(&classes),
        model,
        tick_limit,
    );
    Ok(RolloutRun {
        identical_templates: new.spec.template == old.spec.template,
        timeline,
        change: applied,
        warnings: objects.warnings,
    })
}

/// Reads the texts together (the first DaemonSet and the nodes before)
/// and `after` (the nodes after): which daemon pods are created, kept or
/// deleted (`daemonset-sim rollout --nodes-after`). Returns the report and
/// the warnings of the texts.
pub fn node_change_inputs(
    sources: &[Source],
    after: Source,
) -> Result<(NodeChangeReport, Vec<Diagnostic>), Refusal> {
    let objects = input::parse(sources);
    if !objects.errors.is_empty() {
        return Err(Refusal::Input(objects.errors));
    }
    let ds = accepted(sources, first_daemon_set(&objects)?)?;
    let parsed = input::parse(&[after]);
    if !parsed.errors.is_empty() {
        return Err(Refusal::Input(parsed.errors));
    }
    let before: Vec<Node> = objects.nodes.iter().map(|n| n.object.clone()).collect();
    let after: Vec<Node> = parsed.nodes.into_iter().map(|n| n.object).collect();
    Ok((
        rollout::simulate_node_change(ds, &before, &after),
        objects.warnings,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DS: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
      - name: app
        image: agent:1
";

    #[test]
    fn requests_run_with_a_change_or_a_new_daemon_set() {
        let objects = input::parse(&[
            Source::new(None, DS),
            Source::new(None, "nodes: [{name: node, count: 2}]"),
        ]);
        let old = &objects.daemon_sets[0].object;
        let nodes: Vec<&Node> = objects.nodes.iter().map(|n| &n.object).collect();
        let req: RolloutRequest = serde_json::from_value(serde_json::json!({
            "daemonSet": serde_json::to_value(old).unwrap(),
            "change": {"kind": "image", "image": "agent:3"},
            "nodes": serde_json::to_value(&nodes).unwrap(),
            "model": {"readyDelaySeconds": 1, "terminationSeconds": 0},
            "tickLimit": 100
        }))
        .unwrap();
        let tl = rollout_request(&req).unwrap();
        assert!(tl.completed);
        assert_eq!(tl.ticks, 2);
        assert_eq!(tl.model.ready_delay_seconds, 1);
    }

    /// A request as text: the DaemonSet `DS` as JSON, `extra` members.
    fn request_text(ds: &str, extra: &str) -> String {
        let value: serde_json::Value = serde_yaml::from_str(ds).unwrap();
        let old = serde_json::to_string_pretty(&value).unwrap();
        let sep = if extra.is_empty() { "" } else { ",\n" };
        format!("{{\n\"daemonSet\": {old}{sep}{extra}\n}}")
    }

    #[test]
    fn a_request_text_runs_as_the_same_request_as_objects() {
        let nodes = r#""nodes": [{"metadata": {"name": "a"}}, {"kind": "Node", "apiVersion": "v1", "metadata": {"name": "b"}}],
"change": {"kind": "image", "image": "agent:3"}, "model": {"readyDelaySeconds": 1}, "tickLimit": 100"#;
        let text = request_text(DS, nodes);
        let from_text = rollout_request_text(&text, None).unwrap();
        let objects = input::parse(&[Source::new(None, DS)]);
        let typed: RolloutRequest = serde_json::from_str(&text).unwrap();
        assert_eq!(typed.daemon_set, objects.daemon_sets[0].object);
        let from_objects = rollout_request(&typed).unwrap();
        assert_eq!(
            serde_json::to_value(&from_text).unwrap(),
            serde_json::to_value(&from_objects).unwrap()
        );
        assert_eq!(from_text.nodes.len(), 2);
        assert_eq!(from_text.model.ready_delay_seconds, 1);
        // and as YAML
        let yaml = format!(
            "daemonSet:\n{}nodes: [{{metadata: {{name: a}}}}, {{metadata: {{name: b}}}}]\nchange: {{kind: image, image: 'agent:3'}}\nmodel: {{readyDelaySeconds: 1}}\ntickLimit: 100\n",
            DS.lines().map(|l| format!("  {l}\n")).collect::<String>()
        );
        assert_eq!(
            serde_json::to_value(rollout_request_text(&yaml, None).unwrap()).unwrap(),
            serde_json::to_value(&from_objects).unwrap()
        );
    }

    #[test]
    fn a_request_text_is_read_as_kubectl_reads_its_objects() {
        let refused = |text: &str| match rollout_request_text(text, None) {
            Err(Refusal::Input(d) | Refusal::Refused(d)) => d[0].clone(),
            other => panic!("{other:?}"),
        };
        // an unknown field of the DaemonSet: strict decoding, under its member
        let bad = request_text(
            &DS.replace(
                "image: agent:1",
                "image: agent:1\n        imagePullPolicy: Always\n        imagePulPolicy: Never",
            ),
            r#""nodes": []"#,
        );
        let d = refused(&bad);
        assert_eq!(
            d.field.as_deref(),
            Some("spec.template.spec.containers[0].imagePulPolicy"),
            "{d:?}"
        );
        let line = bad
            .lines()
            .position(|l| l.contains("imagePulPolicy"))
            .unwrap() as u32
            + 1;
        assert_eq!(d.line, Some(line));
        assert!(d.detail.contains("unknown field"), "{d:?}");
        // a wrong scalar type
        let d = refused(&request_text(&DS.replace("name: app", "name: 5"), ""));
        assert_eq!(
            d.field.as_deref(),
            Some("spec.template.spec.containers[0].name"),
            "{d:?}"
        );
        // an API version v1.36 does not serve
        let d = refused(&request_text(
            DS,
            r#""newDaemonSet": {"apiVersion": "extensions/v1beta1", "kind": "DaemonSet", "metadata": {"name": "x"}}"#,
        ));
        assert!(d.detail.contains("extensions/v1beta1"), "{d:?}");
        // a member the request does not have, an object of the wrong kind
        let d = refused(&request_text(DS, r#""tickLimits": 5"#));
        assert!(d.detail.contains("unknown field `tickLimits`"), "{d:?}");
        let d = refused(&request_text(
            DS,
            r#""nodes": [{"kind": "Pod", "metadata": {"name": "p"}}]"#,
        ));
        assert_eq!(d.field.as_deref(), Some("nodes[0].kind"));
        let d = refused(&request_text(DS, r#""nodes": [3]"#));
        assert_eq!(d.field.as_deref(), Some("nodes[0]"));
        let d = refused("{\"nodes\": []}");
        assert_eq!(d.field.as_deref(), Some("daemonSet"));
        // validation after defaulting, located
        let d = refused(&request_text(
            &DS.replace(
                "image: agent:1",
                "image: agent:1\n        ports: [{containerPort: 0}]",
            ),
            "",
        ));
        assert_eq!(
            d.field.as_deref(),
            Some("spec.template.spec.containers[0].ports[0].containerPort")
        );
        assert!(d.line.is_some());
    }

    #[test]
    fn hostile_request_texts_are_refused_without_a_panic() {
        let deep = "[".repeat(100_000);
        let wide = format!("{{\"nodes\": [{}{{}}]}}", "{},".repeat(200_000));
        let long = format!("{{\"daemonSet\": \"{}\"}}", "x".repeat(5 << 20));
        for text in [
            "",
            "null",
            "[]",
            "3",
            "a: b\n---\nc: d",
            "{\"nodes\": {}}",
            "{\"pods\": [null]}",
            "{\"daemonSet\": [], \"newDaemonSet\": 5}",
            "{\"tickLimit\": -1}",
            "{\"change\": 7}",
            "{\"daemonSet\": {\"kind\": \"Node\"}}",
            &deep,
            &wide,
            &long,
        ] {
            assert!(rollout_request_text(text, None).is_err(), "{:.60}", text);
        }
    }

    #[test]
    fn a_session_refuses_an_invalid_daemon_set_and_keeps_the_timeline() {
        let mut s = Session::new();
        s.set_cluster("nodes: [{name: node, count: 2}]");
        let bad = DS.replace(
            "image: agent:1",
            "image: agent:1\n        ports: [{containerPort: 0}]",
        );
        match s.rollout(&bad, RolloutOptions::default()) {
            Err(Refusal::Refused(d)) => assert_eq!(
                d[0].field.as_deref(),
                Some("spec.template.spec.containers[0].ports[0].containerPort")
            ),
            other => panic!("{other:?}"),
        }
        assert!(s.snapshot(0).is_none());
        let tl = s.rollout(DS, RolloutOptions::default()).unwrap();
        assert!(tl.completed);
        assert_eq!(s.snapshot(0).map(|sn| sn.nodes.len()), Some(2));
    }

    /// The PriorityClasses of every way in: a request's `priorityClasses`,
    /// the kept cluster's, and a class appended to the DaemonSet's text
    /// (as Coverage's fix does), each admitting the pods `check` admits.
    #[test]
    fn every_way_in_takes_the_priority_classes() {
        let high_ds = DS.replace(
            "      containers:",
            "      priorityClassName: high\n      containers:",
        );
        let class_yaml = "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: high}\nvalue: 1000\n";
        let class_json = r#"{"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": {"name": "high"}, "value": 1000}"#;
        let refused = |tl: &Timeline| {
            tl.stall_reasons
                .iter()
                .any(|r| matches!(r, rollout::StallReason::FailedCreate { .. }))
        };
        let nodes = r#""nodes": [{"metadata": {"name": "a"}, "status": {"allocatable": {"pods": "110"}}}], "tickLimit": 300"#;
        // a request: without the class, then with it
        let tl = rollout_request_text(&request_text(&high_ds, nodes), None).unwrap();
        assert!(refused(&tl) && !tl.completed, "{:?}", tl.stall_reasons);
        let with = format!("{nodes}, \"priorityClasses\": [{class_json}]");
        let tl = rollout_request_text(&request_text(&high_ds, &with), None).unwrap();
        assert!(tl.completed, "{:?}", tl.stall_reasons);
        // a session: the class in the DaemonSet's text, then in the cluster
        let mut s = Session::new();
        s.set_cluster("nodes: [{name: node, count: 2}]");
        let tl = s.rollout(&high_ds, RolloutOptions::default()).unwrap();
        assert!(refused(tl) && !tl.completed);
        let tl = s
            .rollout(
                &format!("{high_ds}---\n{class_yaml}"),
                RolloutOptions::default(),
            )
            .unwrap();
        assert!(tl.completed, "{:?}", tl.stall_reasons);
        s.set_cluster(&format!(
            "nodes: [{{name: node, count: 2}}]\n---\n{class_yaml}"
        ));
        let tl = s.rollout(&high_ds, RolloutOptions::default()).unwrap();
        assert!(tl.completed, "{:?}", tl.stall_reasons);
    }
}
