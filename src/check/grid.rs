//! The coverage grid at interactive speed: every node's state and the
//! one-line reason for it, without a full report per node.
//!
//! Real clusters are node pools of near-identical nodes. A node's verdict
//! for a DaemonSet depends only on a few of its facts: its taints, whether
//! it is cordoned, its allocatable, the other pods bound to it (their
//! requests, host ports and priorities), the labels the DaemonSet's
//! nodeSelector and required node affinity read, and its name only when
//! the DaemonSet reads that (`spec.template.spec.nodeName`, `matchFields`).
//! The first part does not depend on the DaemonSet: [`NodeFacts`] numbers
//! its distinct values once per cluster. [`grid`] then judges each class
//! of nodes with equal facts once, with the same code as [`super::run`]
//! ([`super::node_verdict`]), and nodes with a pod of the DaemonSet (whose
//! state depends on that pod) one by one. The result is the node's state
//! and reason exactly as the full report has them (a test checks every
//! placement conformance case).

use super::{
    admitted_pod, node_state, node_verdict, summary, BoundPods, NodeReport, NodeState, Report, Row,
};
use crate::controllers::daemonset::DaemonSetPlan;
use crate::k8s::model::{Node, Pod};
use crate::k8s::priority::Priorities;
use crate::k8s::resources;
use crate::scheduler::{self, preemption};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// For each node of a cluster, the number of its class of facts that do
/// not depend on the DaemonSet (see the module's documentation).
#[derive(Debug, Default)]
pub struct NodeFacts {
    ids: Vec<u32>,
    classes: usize,
    /// Per label key a DaemonSet read: each node's value as a number (0:
    /// no such label), made on first use. DaemonSets being edited read the
    /// same few keys again and again.
    columns: Mutex<HashMap<String, Arc<Vec<u32>>>>,
}

impl Clone for NodeFacts {
    fn clone(&self) -> Self {
        NodeFacts {
            ids: self.ids.clone(),
            classes: self.classes,
            columns: Mutex::new(self.columns.lock().map(|c| c.clone()).unwrap_or_default()),
        }
    }
}

impl NodeFacts {
    /// Numbers the facts of `nodes` with the pods bound to them.
    pub fn new<'a>(nodes: &[&Node], pods: impl Iterator<Item = &'a Pod>) -> NodeFacts {
        let mut on_node: HashMap<&str, Vec<String>> = HashMap::new();
        for p in pods {
            if !scheduler::pod_occupies_node(p) {
                continue;
            }
            let node = p.spec.node_name.as_deref().unwrap_or("");
            // what the filters and preemption read of another pod
            let fact = format!(
                "{:?}|{:?}|{}",
                resources::pod_requests(&p.spec),
                scheduler::host_ports(&p.spec),
                preemption::pod_priority(&p.spec)
            );
            on_node.entry(node).or_default().push(fact);
        }
        let mut seen: HashMap<String, u32> = HashMap::new();
        let mut ids = Vec::with_capacity(nodes.len());
        for n in nodes {
            let mut pods = on_node.remove(n.name()).unwrap_or_default();
            pods.sort_unstable();
            // a taint's timeAdded plays no part in a verdict
            let taints: Vec<(&str, &str, &str)> = n
                .spec
                .taints
                .iter()
                .map(|t| (t.key.as_str(), t.value.as_str(), t.effect.as_str()))
                .collect();
            let key = format!(
                "{:?}|{:?}|{:?}|{:?}",
                taints,
                n.spec.unschedulable,
                n.allocatable(),
                pods
            );
            let next = seen.len() as u32;
            ids.push(*seen.entry(key).or_insert(next));
        }
        NodeFacts {
            ids,
            classes: seen.len(),
            columns: Mutex::default(),
        }
    }

    /// Each node's value of the label `key` as a number, equal numbers for
    /// equal values (0: the node has no such label).
    fn column(&self, key: &str, nodes: &[&Node]) -> Arc<Vec<u32>> {
        let mut columns = self.columns.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(c) = columns.get(key) {
            return c.clone();
        }
        let mut seen: HashMap<&str, u32> = HashMap::new();
        let column: Vec<u32> = nodes
            .iter()
            .map(|n| match n.metadata.labels.get(key) {
                None => 0,
                Some(v) => {
                    let next = seen.len() as u32 + 1;
                    *seen.entry(v).or_insert(next)
                }
            })
            .collect();
        let column = Arc::new(column);
        columns.insert(key.to_string(), column.clone());
        column
    }

    /// Classes of nodes with equal facts.
    pub fn classes(&self) -> usize {
        self.classes
    }
}

/// What the DaemonSet reads of a node besides the facts: label keys, and
/// whether the name.
struct Reads<'p> {
    keys: Vec<&'p str>,
    name: bool,
}

impl<'p> Reads<'p> {
    fn of(plan: &'p DaemonSetPlan) -> Reads<'p> {
        let spec = &plan.pod_spec;
        let mut keys: Vec<&str> = spec.node_selector.keys().collect();
        let mut name = spec.node_name.as_deref().is_some_and(|n| !n.is_empty());
        let required = spec
            .affinity
            .as_ref()
            .and_then(|a| a.node_affinity.as_ref())
            .and_then(|n| n.required.as_ref());
        for term in required.iter().flat_map(|r| &r.node_selector_terms) {
            keys.extend(term.match_expressions.iter().map(|e| e.key.as_str()));
            name |= !term.match_fields.is_empty();
        }
        keys.sort_unstable();
        keys.dedup();
        Reads { keys, name }
    }
}

/// Every node's state and reason, and the report without its nodes.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Grid {
    /// The report of [`super::run`] with `nodes` left empty.
    #[serde(flatten)]
    pub report: Report,
    /// Per node, in the cluster's order: its state as an index in
    /// [`NodeState::ALL`].
    #[serde(skip)]
    pub states: Vec<u8>,
    /// Per node, in the cluster's order: its reason as an index in
    /// `reason_texts`.
    #[serde(skip)]
    pub reasons: Vec<u32>,
    /// The distinct reasons ([`NodeReport::reason`]); `""` for none.
    pub reason_texts: Vec<String>,
    /// The states in the order of the indexes of `states`.
    pub state_names: Vec<NodeState>,
    /// How many node verdicts were computed (classes of equal nodes, and
    /// nodes with a pod of the DaemonSet).
    pub evaluated: usize,
}

/// The grid of `plan` over `nodes` (numbered by `facts`, built from the
/// same nodes and pods) and the pods bound to them.
pub fn grid(
    plan: &DaemonSetPlan,
    nodes: &[&Node],
    facts: &NodeFacts,
    pods: &BoundPods,
    priorities: &Priorities,
) -> Grid {
    debug_assert_eq!(facts.ids.len(), nodes.len());
    let (pod_info, failed_create) = admitted_pod(plan, priorities);
    let reads = Reads::of(plan);
    let n_nodes = nodes.len();
    // per class: its first node, its row and its reason's index
    let mut classes: Vec<(usize, Row, u32)> = Vec::new();
    // hash of (facts, label values) → classes with that hash
    let mut by_hash: HashMap<u64, Vec<u32>> = HashMap::new();
    let mut reason_of: HashMap<String, u32> = HashMap::new();
    let mut reason_texts: Vec<String> = Vec::new();
    let mut rows = Vec::with_capacity(n_nodes);
    let mut states = Vec::with_capacity(n_nodes);
    let mut reasons = Vec::with_capacity(n_nodes);
    let mut evaluated = 0;
    let columns: Vec<Arc<Vec<u32>>> = reads.keys.iter().map(|k| facts.column(k, nodes)).collect();
    // the numbers of node i's facts and read labels
    let key_of = |i: usize| std::iter::once(facts.ids[i]).chain(columns.iter().map(move |c| c[i]));
    for (i, node) in nodes.iter().enumerate() {
        let alone = reads.name || pods.own.contains_key(node.name());
        let hash = (!alone).then(|| {
            // FNV-1a over the numbers
            key_of(i).fold(0xcbf2_9ce4_8422_2325_u64, |h, x| {
                (h ^ u64::from(x)).wrapping_mul(0x0100_0000_01b3)
            })
        });
        let same = |&c: &u32| key_of(classes[c as usize].0).eq(key_of(i));
        let known = hash
            .and_then(|h| by_hash.get(&h))
            .and_then(|cs| cs.iter().copied().find(same));
        let (row, reason) = match known {
            Some(c) => {
                let (_, row, reason) = classes[c as usize];
                (row, reason)
            }
            None => {
                evaluated += 1;
                let (row, text) =
                    node_state(plan, &pod_info, failed_create.as_ref(), node, pods, n_nodes);
                let reason = match reason_of.get(&text) {
                    Some(&r) => r,
                    None => {
                        reason_texts.push(text.clone());
                        reason_of.insert(text, reason_texts.len() as u32 - 1);
                        reason_texts.len() as u32 - 1
                    }
                };
                if let Some(h) = hash {
                    classes.push((i, row, reason));
                    by_hash.entry(h).or_default().push(classes.len() as u32 - 1);
                }
                (row, reason)
            }
        };
        states.push(state_index(row.state));
        reasons.push(reason);
        rows.push(row);
    }
    let report = summary(plan, &pod_info, &rows, pods.observed());
    Grid {
        report,
        states,
        reasons,
        reason_texts,
        state_names: NodeState::ALL.to_vec(),
        evaluated,
    }
}

fn state_index(s: NodeState) -> u8 {
    NodeState::ALL.iter().position(|x| *x == s).unwrap_or(0) as u8
}

/// The full verdict of the node `name` (as [`super::run`] reports it),
/// `None` when the cluster has no such node.
pub fn node(
    plan: &DaemonSetPlan,
    nodes: &[&Node],
    pods: &BoundPods,
    priorities: &Priorities,
    name: &str,
) -> Option<NodeReport> {
    let node = nodes.iter().find(|n| n.name() == name)?;
    let (pod_info, failed_create) = admitted_pod(plan, priorities);
    Some(node_verdict(
        plan,
        &pod_info,
        failed_create.as_ref(),
        node,
        pods,
        nodes.len(),
    ))
}
