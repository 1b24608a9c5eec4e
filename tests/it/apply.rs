//! Applying a fix (`Session::apply_fix`, the page's Apply button) keeps
//! what the fix promises: on every placement conformance case, as JSON
//! and as YAML, and on the page's examples, every fix of every node is
//! applied; the changed text must still be accepted by the API server,
//! and the node (every node of a changed shorthand entry) must be as the
//! fix says: the taint tolerated or gone, the selector matching, the
//! request fitting, the template field gone, the PriorityClass there.
//! Each fix kind that has an edit must have been applied somewhere.

use daemonset_sim::check::{Fix, NodeReport, NodeState, TaintEffectOnPod};
use daemonset_sim::controllers::daemonset::Exclusion;
use daemonset_sim::session::{AppliedFix, AppliedText, ApplyError, Session};
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn kind(f: &Fix) -> &'static str {
    match f {
        Fix::AddToleration { .. } => "addToleration",
        Fix::RemoveTaint { .. } => "removeTaint",
        Fix::LabelNode { .. } => "labelNode",
        Fix::RemoveTemplateNodeName { .. } => "removeTemplateNodeName",
        Fix::LowerRequest { .. } => "lowerRequest",
        Fix::FreeCapacity { .. } => "freeCapacity",
        Fix::FreeHostPort { .. } => "freeHostPort",
        Fix::CreatePriorityClass { .. } => "createPriorityClass",
        Fix::RemoveTemplateField { .. } => "removeTemplateField",
    }
}

fn splice(text: &str, a: &AppliedFix) -> String {
    format!("{}{}{}", &text[..a.start], a.insert, &text[a.end..])
}

/// What the fix promised, checked on the node's new report.
fn kept(fix: &Fix, after: &NodeReport) -> Result<(), String> {
    let ok = match fix {
        Fix::AddToleration { tolerates, .. } => after.taints.iter().all(|t| {
            t.taint.key != tolerates.key
                || t.taint.effect != tolerates.effect
                || !matches!(
                    t.outcome,
                    TaintEffectOnPod::BlocksNewPods | TaintEffectOnPod::Evicts
                )
        }),
        Fix::RemoveTaint { taint, .. } => after
            .taints
            .iter()
            .all(|t| t.taint.key != taint.key || t.taint.effect != taint.effect),
        Fix::LabelNode { .. } => !matches!(after.exclusion, Some(Exclusion::NodeAffinity { .. })),
        Fix::RemoveTemplateNodeName { .. } => {
            !matches!(after.exclusion, Some(Exclusion::TemplateNodeName { .. }))
        }
        Fix::LowerRequest { resource, .. } => {
            after.insufficient.iter().all(|i| &i.resource != resource)
        }
        Fix::CreatePriorityClass { .. } | Fix::RemoveTemplateField { .. } => {
            !after.fixes.iter().any(|f| f == fix)
        }
        Fix::FreeCapacity { .. } | Fix::FreeHostPort { .. } => true,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "not kept on {}: now {:?}, fixes {:?}",
            after.name, after.state, after.fixes
        ))
    }
}

#[derive(Default)]
struct Counts {
    applied: BTreeMap<&'static str, usize>,
    no_edit: BTreeMap<String, usize>,
}

/// Applies every fix of every node of the case, one at a time on the
/// original texts.
fn every_fix(id: &str, ds: &str, nodes: &str, counts: &mut Counts) -> Result<(), String> {
    let mut session = Session::new();
    // what the API server would refuse in the nodes as they are (the
    // placement corpus was made without it: some of its nodes have a label
    // value it refuses); a fix may not add to it
    let refused_before: Vec<String> = session
        .set_cluster(nodes)
        .errors
        .iter()
        .map(|d| d.message())
        .collect();
    let Ok(report) = session.check(ds) else {
        return Ok(());
    };
    for n in &report.nodes {
        for (i, fix) in n.fixes.iter().enumerate() {
            let applied = match session.apply_fix(ds, nodes, &n.name, i) {
                Ok(a) => a,
                Err(ApplyError::NoEdit(why)) => {
                    let why = why.text;
                    let key = format!("{}: {}", kind(fix), why.split(':').next().unwrap_or(""));
                    *counts.no_edit.entry(key).or_default() += 1;
                    continue;
                }
                Err(e) => return Err(format!("{id}: {} fix {i}: {e}", n.name)),
            };
            let what = format!("{id}: {} fix {i} ({})", n.name, kind(fix));
            let (new_ds, new_nodes) = match applied.text {
                AppliedText::DaemonSet => (splice(ds, &applied), nodes.to_string()),
                AppliedText::Nodes => (ds.to_string(), splice(nodes, &applied)),
            };
            let mut after = Session::new();
            let summary = after.set_cluster(&new_nodes);
            // no refusal the nodes did not have before (a fix may remove
            // an invalid label)
            let mut left = refused_before.clone();
            let added = summary.errors.iter().any(|d| {
                let m = d.message();
                match left.iter().position(|x| *x == m) {
                    Some(i) => {
                        left.swap_remove(i);
                        false
                    }
                    None => true,
                }
            });
            if added {
                return Err(format!(
                    "{what}: the nodes text is refused: {:?}\n{new_nodes}",
                    summary.errors
                ));
            }
            if summary.nodes != session.cluster().nodes.len() {
                return Err(format!(
                    "{what}: {} nodes became {}",
                    session.cluster().nodes.len(),
                    summary.nodes
                ));
            }
            let new_report = after.check(&new_ds).map_err(|e| {
                format!("{what}: the DaemonSet is refused after the fix: {e}\n{new_ds}")
            })?;
            // no error the DaemonSet did not have before (the corpus has
            // DaemonSets the API server refuses: placement still runs)
            let said =
                |d: &daemonset_sim::diagnostic::Diagnostic| format!("{:?} {}", d.field, d.kind);
            let before: Vec<String> = report.errors.iter().map(said).collect();
            let new_errors: Vec<String> = new_report
                .errors
                .iter()
                .map(said)
                .filter(|e| !before.contains(e))
                .collect();
            if !new_errors.is_empty() {
                return Err(format!(
                    "{what}: new errors after the fix: {new_errors:?}\n{new_ds}"
                ));
            }
            let reached = if applied.nodes.is_empty() {
                vec![n.name.clone()]
            } else {
                applied.nodes.clone()
            };
            if !reached.contains(&n.name) {
                return Err(format!(
                    "{what}: the change does not reach the node: {:?}",
                    applied.nodes
                ));
            }
            for name in &reached {
                let node = new_report
                    .nodes
                    .iter()
                    .find(|x| &x.name == name)
                    .ok_or_else(|| format!("{what}: node {name} is gone"))?;
                kept(fix, node).map_err(|e| {
                    format!("{what}: {e}\n--- daemonset\n{new_ds}\n--- nodes\n{new_nodes}")
                })?;
            }
            *counts.applied.entry(kind(fix)).or_default() += 1;
        }
    }
    Ok(())
}

fn yaml(v: &Value) -> String {
    serde_yaml::to_string(v).unwrap()
}

#[test]
fn every_fix_of_every_placement_case_keeps_its_promise() {
    let mut tally = crate::common::Tally::new("placement (apply every fix)");
    let mut counts = Counts::default();
    for (i, case) in crate::common::corpus("placement").iter().enumerate() {
        let id = case["id"].as_str().unwrap_or("?");
        let nodes = json!({"apiVersion": "v1", "kind": "List", "items": case["nodes"]});
        let pods = json!({"apiVersion": "v1", "kind": "List", "items": case.get("pods").cloned().unwrap_or(json!([]))});
        // as kubectl prints JSON, and as YAML (block style)
        let ds_json = serde_json::to_string_pretty(&case["daemonset"]).unwrap();
        let nodes_json = format!(
            "{}\n{}\n",
            serde_json::to_string_pretty(&nodes).unwrap(),
            serde_json::to_string_pretty(&pods).unwrap()
        );
        // a sixteenth of the cases as JSON, half of them as YAML too:
        // every fix kind hundreds of times, in seconds
        if i % 16 != 0 {
            continue;
        }
        let mut result = every_fix(id, &ds_json, &nodes_json, &mut counts);
        if result.is_ok() && i % 32 == 0 {
            let nodes_yaml = format!("{}---\n{}", yaml(&nodes), yaml(&pods));
            result = every_fix(
                &format!("{id} (YAML)"),
                &yaml(&case["daemonset"]),
                &nodes_yaml,
                &mut counts,
            );
        }
        tally.case(result);
    }
    tally.finish();
    eprintln!(
        "applied: {:?}\nno edit: {:#?}",
        counts.applied, counts.no_edit
    );
    for k in ["addToleration", "removeTaint", "labelNode", "lowerRequest"] {
        assert!(
            counts.applied.get(k).copied().unwrap_or(0) > 0,
            "no {k} applied"
        );
    }
}

#[test]
fn every_fix_of_the_examples_keeps_its_promise_and_the_rest_of_the_text() {
    let dir = crate::common::root().join("web/examples");
    let index: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).unwrap()).unwrap();
    let mut counts = Counts::default();
    for e in index {
        let read = |k: &str| std::fs::read_to_string(dir.join(e[k].as_str().unwrap())).unwrap();
        let (ds, nodes) = (read("daemonset"), read("nodes"));
        every_fix(e["id"].as_str().unwrap(), &ds, &nodes, &mut counts).unwrap();
    }
    eprintln!(
        "applied: {:?}\nno edit: {:#?}",
        counts.applied, counts.no_edit
    );
    assert!(counts.applied.values().sum::<usize>() > 0);
}

/// One case per fix kind with an edit, hand-written as people write
/// them (comments, shorthand nodes, flow maps).
#[test]
fn each_fix_kind_on_hand_written_texts() {
    let ds = "\
# the agent
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: kube-system
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      nodeSelector:
        disk: ssd        # only SSD nodes
      containers:
      - name: agent
        image: agent:1
        resources:
          requests: {cpu: 900m, memory: 64Mi}
      - name: gpu
        image: gpu:1
        resources:
          limits:
            nvidia.com/gpu: 2
";
    let nodes = "\
nodes:
  - name: cp
    labels: {disk: ssd}
    taints: [\"node-role.kubernetes.io/control-plane:NoSchedule\"]
    allocatable: {cpu: \"4\", memory: 8Gi, pods: 110, nvidia.com/gpu: 2}
  - name: worker
    count: 2
    labels: {disk: hdd}
    allocatable: {cpu: \"4\", memory: 8Gi, pods: 110, nvidia.com/gpu: 2}
  - name: small
    labels:
      disk: ssd
    allocatable: {cpu: 500m, memory: 8Gi, pods: 110, nvidia.com/gpu: 1}
  - name: sick
    labels: {disk: ssd}
    ready: false
    allocatable: {cpu: \"4\", memory: 8Gi, pods: 110, nvidia.com/gpu: 2}
";
    let mut counts = Counts::default();
    every_fix("hand-written", ds, nodes, &mut counts).unwrap();
    // a PriorityClass the cluster lacks: created in the DaemonSet's text
    let named = ds.replace(
        "      nodeSelector:\n",
        "      priorityClassName: node-critical\n      nodeSelector:\n",
    );
    every_fix(
        "hand-written, a missing PriorityClass",
        &named,
        nodes,
        &mut counts,
    )
    .unwrap();
    // a priority the class sets itself: the field goes
    let prioritized = ds.replace(
        "      nodeSelector:\n",
        "      priorityClassName: system-node-critical\n      priority: 5   # set by hand\n      nodeSelector:\n",
    );
    every_fix(
        "hand-written, a priority of its own",
        &prioritized,
        nodes,
        &mut counts,
    )
    .unwrap();
    eprintln!(
        "applied: {:?}\nno edit: {:#?}",
        counts.applied, counts.no_edit
    );
    for k in [
        "addToleration",
        "removeTaint",
        "labelNode",
        "lowerRequest",
        "createPriorityClass",
        "removeTemplateField",
    ] {
        assert!(
            counts.applied.get(k).copied().unwrap_or(0) > 0,
            "no {k} applied"
        );
    }
    // the not-ready taint of `ready: false` is not written: no edit, said why
    assert!(
        counts
            .no_edit
            .keys()
            .any(|k| k.starts_with("removeTaint: the taint node.kubernetes.io/not-ready")),
        "{:?}",
        counts.no_edit
    );

    // the exact texts: the toleration after the template's fields
    let mut session = Session::new();
    session.set_cluster(nodes);
    let report = session.check(ds).unwrap();
    let cp = report.nodes.iter().find(|n| n.name == "cp").unwrap();
    let i = cp
        .fixes
        .iter()
        .position(|f| kind(f) == "addToleration")
        .unwrap();
    let a = session.apply_fix(ds, nodes, "cp", i).unwrap();
    assert_eq!(a.text, AppliedText::DaemonSet);
    assert_eq!(
        a.insert,
        "      tolerations:\n      - key: node-role.kubernetes.io/control-plane\n        operator: Exists\n        effect: NoSchedule\n"
    );
    assert!(splice(ds, &a).ends_with("            nvidia.com/gpu: 2\n      tolerations:\n      - key: node-role.kubernetes.io/control-plane\n        operator: Exists\n        effect: NoSchedule\n"));
    // the label of the worker entry: both workers
    let w = report.nodes.iter().find(|n| n.name == "worker-1").unwrap();
    let i = w.fixes.iter().position(|f| kind(f) == "labelNode").unwrap();
    let a = session.apply_fix(ds, nodes, "worker-1", i).unwrap();
    assert_eq!(a.text, AppliedText::Nodes);
    assert_eq!(a.nodes, ["worker-1", "worker-2"]);
    assert_eq!(
        splice(nodes, &a).lines().nth(7).unwrap(),
        "    labels: {disk: ssd}"
    );
    // the request: the CPU of the container that can give it
    let s = report.nodes.iter().find(|n| n.name == "small").unwrap();
    let i = s
        .fixes
        .iter()
        .position(|f| kind(f) == "lowerRequest")
        .unwrap();
    let a = session.apply_fix(ds, nodes, "small", i).unwrap();
    assert!(
        splice(ds, &a).contains("requests: {cpu: 500m, memory: 64Mi}"),
        "{}",
        splice(ds, &a)
    );
}

/// The Cluster tab's Apply (`Session::apply_cluster_fix`): a DaemonSet
/// of the cluster text is edited where it is written, a node where it is
/// written, and a cell that is not there is refused with words.
#[test]
fn a_cell_of_the_cluster_view_is_fixed_in_the_text_its_daemon_set_is_written_in() {
    let ds = crate::common::AGENT_DS;
    let nodes = "\
nodes:
  - name: gpu
    taints: [\"dedicated=gpu:NoSchedule\"]
  - name: plain
---
# a DaemonSet of the cluster
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: logs, namespace: kube-system}
spec:
  selector: {matchLabels: {app: logs}}
  template:
    metadata: {labels: {app: logs}}
    spec:
      containers: [{name: logs, image: logs:1}]
";
    let mut session = Session::new();
    session.set_cluster(nodes);
    let view = session.cluster_view(ds, &Default::default()).unwrap();
    let names: Vec<&str> = view.daemon_sets.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["agent", "logs"]);
    let sources: Vec<Option<&str>> = view
        .daemon_sets
        .iter()
        .map(|d| d.source.as_deref())
        .collect();
    assert_eq!(sources, [Some("daemonset"), Some("nodes")]);
    let fix_of = |ds_index: usize, want: &str| {
        let cell = session.cluster_cell(ds, ds_index, "gpu").unwrap();
        assert_ne!(cell.state, NodeState::Scheduled, "{cell:?}");
        let i = cell.fixes.iter().position(|f| kind(f) == want).unwrap();
        (i, cell.fixes[i].clone())
    };

    // the toleration goes into the cluster text's DaemonSet, not the other
    let (i, fix) = fix_of(1, "addToleration");
    let a = session.apply_cluster_fix(ds, nodes, 1, "gpu", i).unwrap();
    assert_eq!(a.text, AppliedText::Nodes);
    assert!(a.nodes.is_empty(), "a DaemonSet change: {a:?}");
    let new_nodes = splice(nodes, &a);
    assert!(
        new_nodes.starts_with(&nodes[..nodes.find("# a DaemonSet").unwrap()]),
        "the node entries stay as written:\n{new_nodes}"
    );
    let mut after = Session::new();
    assert!(after.set_cluster(&new_nodes).errors.is_empty());
    let logs = after.cluster_cell(ds, 1, "gpu").unwrap();
    assert_eq!(logs.state, NodeState::Scheduled, "{new_nodes}");
    kept(&fix, &logs).unwrap();
    let agent = after.cluster_cell(ds, 0, "gpu").unwrap();
    assert_ne!(
        agent.state,
        NodeState::Scheduled,
        "the other DaemonSet unchanged"
    );

    // the first DaemonSet's toleration goes into the DaemonSet text
    let (i, _) = fix_of(0, "addToleration");
    let a = session.apply_cluster_fix(ds, nodes, 0, "gpu", i).unwrap();
    assert_eq!(a.text, AppliedText::DaemonSet);
    assert_eq!(
        session
            .cluster_cell(&splice(ds, &a), 0, "gpu")
            .unwrap()
            .state,
        NodeState::Scheduled
    );

    // the node's taint goes from its entry: both DaemonSets run there
    let (i, fix) = fix_of(1, "removeTaint");
    let a = session.apply_cluster_fix(ds, nodes, 1, "gpu", i).unwrap();
    assert_eq!(
        (a.text, a.nodes.clone()),
        (AppliedText::Nodes, vec!["gpu".to_string()])
    );
    let new_nodes = splice(nodes, &a);
    let mut after = Session::new();
    assert!(after.set_cluster(&new_nodes).errors.is_empty());
    for d in 0..2 {
        let cell = after.cluster_cell(ds, d, "gpu").unwrap();
        assert_eq!(cell.state, NodeState::Scheduled, "{d}: {new_nodes}");
        kept(&fix, &cell).unwrap();
    }

    // no such cell: refused, with words for the page
    let e = session
        .apply_cluster_fix(ds, nodes, 2, "gpu", 0)
        .unwrap_err();
    let ApplyError::NotFound(w) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(w.text, "the cluster view has no DaemonSet number 2");
    assert_eq!(w.words.code, "noSuchDaemonSet");
    let d = &e.diagnostics()[0];
    assert_eq!(
        d.message(),
        "Invalid input: the cluster view has no DaemonSet number 2"
    );
    let e = session
        .apply_cluster_fix(ds, nodes, 1, "nope", 0)
        .unwrap_err();
    assert_eq!(
        e.diagnostics()[0].words.as_ref().unwrap().code,
        "noSuchNode"
    );
    let e = session
        .apply_cluster_fix(ds, nodes, 1, "gpu", 99)
        .unwrap_err();
    assert_eq!(e.diagnostics()[0].words.as_ref().unwrap().code, "noSuchFix");
}

/// A node affinity `gen Lt 0` asks for a label value below zero, and no
/// label value can be negative: Kubernetes label values start and end
/// with a letter or digit (`validation.IsValidLabelValue`), so
/// `kubectl label node n1 gen=-1` is refused by the API server. No
/// labelNode fix offers it; `gen Lt 5` still gets `gen=4`.
#[test]
fn no_label_fix_to_a_value_the_api_server_refuses() {
    let text = |bound: &str| {
        format!(
            "apiVersion: apps/v1
kind: DaemonSet
metadata: {{name: agent, namespace: default}}
spec:
  selector: {{matchLabels: {{app: agent}}}}
  template:
    metadata: {{labels: {{app: agent}}}}
    spec:
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions: [{{key: gen, operator: Lt, values: [\"{bound}\"]}}]
      containers: [{{name: a, image: a}}]
---
apiVersion: v1
kind: Node
metadata: {{name: n1}}
"
        )
    };
    let label_fixes = |bound: &str| -> Vec<String> {
        let t = text(bound);
        let r =
            daemonset_sim::session::check(&[daemonset_sim::input::Source::new(None, &t)]).unwrap();
        assert_eq!(r.nodes[0].state, daemonset_sim::check::NodeState::Excluded);
        r.nodes[0]
            .fixes
            .iter()
            .filter_map(|f| match f {
                daemonset_sim::check::Fix::LabelNode { command, .. } => Some(command.clone()),
                _ => None,
            })
            .collect()
    };
    assert_eq!(
        label_fixes("5"),
        ["kubectl label node n1 gen=4 --overwrite"]
    );
    assert_eq!(label_fixes("0"), Vec::<String>::new());
}
