//! The scheduler's view of the cluster for one scheduling cycle
//! (`framework.NodeInfo` per node, in the snapshot's node order), updated
//! as each replica is placed.

use super::pod_affinity::PodAffinityInfo;
use crate::k8s::labels::Selector;
use crate::k8s::model::{Node, Pod, PodSpec, StringMap};
use crate::k8s::resources::{self, Resources};
use crate::scheduler::{self, HostPort, NodeInfo};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;

/// A pod in the scheduler's cache (`framework.PodInfo`).
#[derive(Debug, Clone)]
pub struct CachedPod {
    pub name: String,
    pub namespace: String,
    pub labels: StringMap,
    /// `deletionTimestamp` is set: PodTopologySpread does not count it.
    pub terminating: bool,
    pub affinity: PodAffinityInfo,
    /// One of the replicas placed by this simulation.
    pub replica: bool,
}

/// One node's `framework.NodeInfo`.
#[derive(Debug, Clone)]
pub struct CachedNode<'a> {
    /// Allocatable, requested, pod count and host ports (shared with the
    /// DaemonSet check).
    pub info: NodeInfo<'a>,
    /// `NodeInfo.NonZeroRequested`: requests with 100m CPU / 200Mi memory
    /// for containers that list none (what scoring counts).
    pub non_zero_requested: Resources,
    pub pods: Vec<CachedPod>,
    /// Pods with any inter-pod (anti-)affinity term (`PodsWithAffinity`).
    pub pods_with_affinity: usize,
    /// Pods with required anti-affinity terms
    /// (`PodsWithRequiredAntiAffinity`).
    pub pods_with_required_anti_affinity: usize,
    /// `NodeInfo.ImageStates`: image name → (size in bytes, number of
    /// nodes that have it).
    pub images: BTreeMap<String, (i64, usize)>,
}

impl<'a> CachedNode<'a> {
    pub fn node(&self) -> &'a Node {
        self.info.node
    }
    pub fn name(&self) -> &'a str {
        self.info.node.name()
    }
    pub fn labels(&self) -> &'a StringMap {
        &self.info.node.metadata.labels
    }

    /// Adds a pod bound to this node.
    pub fn add(&mut self, pod: CachedPod, spec: &PodSpec) {
        let requests = resources::pod_requests(spec);
        let ports: Vec<HostPort> = scheduler::host_ports(spec);
        let non_zero = resources::non_zero_pod_requests(spec);
        self.add_parts(pod, &requests, &non_zero, &ports);
    }

    /// Adds a pod whose requests and host ports are already known.
    pub fn add_parts(
        &mut self,
        pod: CachedPod,
        requests: &Resources,
        non_zero: &Resources,
        ports: &[HostPort],
    ) {
        self.info.add_pod_parts(&pod.name, requests, ports);
        self.non_zero_requested.add(non_zero);
        self.pods_with_affinity += usize::from(pod.affinity.any());
        self.pods_with_required_anti_affinity +=
            usize::from(!pod.affinity.required_anti_affinity.is_empty());
        self.pods.push(pod);
    }
}

/// `utilnode.GetZoneKey`: region and zone (GA labels first, then the beta
/// ones), "" when the node has neither.
pub fn zone_key(node: &Node) -> String {
    let l = &node.metadata.labels;
    let zone = l
        .get("topology.kubernetes.io/zone")
        .or_else(|| l.get("failure-domain.beta.kubernetes.io/zone"))
        .unwrap_or("");
    let region = l
        .get("topology.kubernetes.io/region")
        .or_else(|| l.get("failure-domain.beta.kubernetes.io/region"))
        .unwrap_or("");
    if region.is_empty() && zone.is_empty() {
        String::new()
    } else {
        format!("{region}:\u{0}:{zone}")
    }
}

/// The snapshot's node order (`nodeTree.list`): zones in the order their
/// first node was added, one node from each zone in turn.
pub fn node_tree_order(nodes: &[&Node]) -> Vec<usize> {
    let mut zones: Vec<String> = Vec::new();
    let mut tree: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        let z = zone_key(n);
        if !tree.contains_key(&z) {
            zones.push(z.clone());
        }
        tree.entry(z).or_default().push(i);
    }
    let mut out = Vec::with_capacity(nodes.len());
    let mut idx = 0;
    while out.len() < nodes.len() {
        let before = out.len();
        for z in &zones {
            if let Some(&n) = tree.get(z).and_then(|v| v.get(idx)) {
                out.push(n);
            }
        }
        if out.len() == before {
            break;
        }
        idx += 1;
    }
    out
}

/// `countPodsMatchSelector`: pods in `namespace`, not terminating, whose
/// labels match.
pub fn count_matching(pods: &[CachedPod], selector: &Selector, namespace: &str) -> i64 {
    pods.iter()
        .filter(|p| !p.terminating && p.namespace == namespace && selector.matches(&p.labels))
        .count() as i64
}

/// Per-node counts of pods matching a selector, kept up to date as
/// replicas are bound (the spread plugins ask for them every cycle).
#[derive(Debug, Clone)]
pub struct MatchCounts {
    pub selector: Selector,
    pub namespace: String,
    /// Same order as `CacheSnapshot::nodes`.
    pub counts: Vec<i64>,
}

/// Pods matching one selector, node by node ([`CacheSnapshot::matching`]).
pub struct Matching<'s, 'a> {
    snapshot: &'s CacheSnapshot<'a>,
    cached: Option<&'s [i64]>,
    selector: &'s Selector,
    namespace: &'s str,
}

impl Matching<'_, '_> {
    /// Pods on node `i` that match.
    pub fn on(&self, i: usize) -> i64 {
        match self.cached {
            Some(c) => c.get(i).copied().unwrap_or(0),
            None => self.snapshot.nodes.get(i).map_or(0, |n| {
                count_matching(&n.pods, self.selector, self.namespace)
            }),
        }
    }
}

/// The whole snapshot.
#[derive(Debug, Clone)]
pub struct CacheSnapshot<'a> {
    /// In the snapshot's order ([`node_tree_order`]).
    pub nodes: Vec<CachedNode<'a>>,
    /// Where the scheduler starts its next search (`nextStartNodeIndex`).
    pub next_start: usize,
    pub match_counts: Vec<MatchCounts>,
    /// Per topology key, every node's domain ([`CacheSnapshot::domains`]);
    /// emptied when a node is removed.
    domains: RefCell<Vec<(String, Rc<Domains<'a>>)>>,
}

/// The nodes' domains for one topology key, numbered: the spread plugins
/// look a node's domain up in every cycle for every node, which costs a
/// label lookup and a map lookup by string without this.
#[derive(Debug)]
pub struct Domains<'a> {
    /// Per node (snapshot order), the number of its value of the key (a
    /// node without the key has the number of `""`).
    pub of_node: Vec<u32>,
    /// Per node, whether it has the key at all.
    pub has_key: Vec<bool>,
    /// The values, by number.
    pub values: Vec<&'a str>,
}

impl<'a> CacheSnapshot<'a> {
    /// Nodes (first of each name; later duplicates are ignored) and the
    /// pods bound to them that the scheduler's cache holds (bound, not
    /// Succeeded/Failed). `keep` filters the pods.
    pub fn new(nodes: &'a [Node], pods: &[Pod], keep: impl Fn(&Pod) -> bool) -> CacheSnapshot<'a> {
        let mut seen = HashSet::new();
        let unique: Vec<&Node> = nodes.iter().filter(|n| seen.insert(n.name())).collect();
        // image name → (size from the first node that reported it, nodes)
        let mut image_states: HashMap<&str, (i64, HashSet<&str>)> = HashMap::new();
        for n in &unique {
            for img in n.status.images.iter() {
                for name in img.names() {
                    let e = image_states
                        .entry(name)
                        .or_insert((img.size_bytes.unwrap_or(0), HashSet::new()));
                    e.1.insert(n.name());
                }
            }
        }
        let order = node_tree_order(&unique);
        let mut states: Vec<CachedNode<'a>> = order
            .iter()
            .filter_map(|&i| unique.get(i).copied())
            .map(|n| {
                let mut images = BTreeMap::new();
                for img in n.status.images.iter() {
                    for name in img.names() {
                        if let Some((size, holders)) = image_states.get(name) {
                            images.insert(name.to_string(), (*size, holders.len()));
                        }
                    }
                }
                CachedNode {
                    info: NodeInfo::new(n),
                    non_zero_requested: Resources::default(),
                    pods: Vec::new(),
                    pods_with_affinity: 0,
                    pods_with_required_anti_affinity: 0,
                    images,
                }
            })
            .collect();
        let index: HashMap<&str, usize> = states
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name(), i))
            .collect();
        for p in pods {
            if !scheduler::pod_occupies_node(p) || !keep(p) {
                continue;
            }
            let Some(&i) = p.spec.node_name.as_deref().and_then(|n| index.get(n)) else {
                continue;
            };
            let cached = CachedPod {
                name: p.metadata.name().to_string(),
                namespace: p.metadata.namespace().to_string(),
                labels: p.metadata.labels.clone(),
                terminating: p.metadata.deletion_timestamp.is_some(),
                affinity: PodAffinityInfo::of(&p.spec, p.metadata.namespace()),
                replica: false,
            };
            if let Some(s) = states.get_mut(i) {
                s.add(cached, &p.spec);
            }
        }
        CacheSnapshot {
            nodes: states,
            next_start: 0,
            match_counts: Vec::new(),
            domains: RefCell::new(Vec::new()),
        }
    }

    /// Makes sure per-node counts for this selector are cached.
    pub fn ensure_match_counts(&mut self, selector: &Selector, namespace: &str) {
        if self.cached_counts(selector, namespace).is_some() {
            return;
        }
        let counts = self
            .nodes
            .iter()
            .map(|n| count_matching(&n.pods, selector, namespace))
            .collect();
        self.match_counts.push(MatchCounts {
            selector: selector.clone(),
            namespace: namespace.to_string(),
            counts,
        });
    }

    fn cached_counts(&self, selector: &Selector, namespace: &str) -> Option<&[i64]> {
        self.match_counts
            .iter()
            .find(|c| c.namespace == namespace && &c.selector == selector)
            .map(|c| c.counts.as_slice())
    }

    /// Every node's domain for `key`, computed once per snapshot.
    pub fn domains(&self, key: &str) -> Rc<Domains<'a>> {
        if let Some((_, d)) = self.domains.borrow().iter().find(|(k, _)| k == key) {
            return Rc::clone(d);
        }
        let mut numbers: HashMap<&'a str, u32> = HashMap::new();
        let mut values = Vec::new();
        let mut of_node = Vec::with_capacity(self.nodes.len());
        let mut has_key = Vec::with_capacity(self.nodes.len());
        for n in &self.nodes {
            let value = n.labels().get(key);
            has_key.push(value.is_some());
            let value = value.unwrap_or("");
            let id = *numbers.entry(value).or_insert_with(|| {
                values.push(value);
                u32::try_from(values.len() - 1).unwrap_or(u32::MAX)
            });
            of_node.push(id);
        }
        let d = Rc::new(Domains {
            of_node,
            has_key,
            values,
        });
        self.domains
            .borrow_mut()
            .push((key.to_string(), Rc::clone(&d)));
        d
    }

    /// Counting the pods that match `selector` in `namespace`, node by
    /// node: the cached counts are looked up once, not once per node (a
    /// plugin asks for every node, in every cycle).
    pub fn matching<'s>(&'s self, selector: &'s Selector, namespace: &'s str) -> Matching<'s, 'a> {
        Matching {
            snapshot: self,
            cached: self.cached_counts(selector, namespace),
            selector,
            namespace,
        }
    }

    /// Pods on node `i` matching the selector in the namespace.
    pub fn matching_on(&self, i: usize, selector: &Selector, namespace: &str) -> i64 {
        match self.cached_counts(selector, namespace) {
            Some(c) => c.get(i).copied().unwrap_or(0),
            None => self
                .nodes
                .get(i)
                .map_or(0, |n| count_matching(&n.pods, selector, namespace)),
        }
    }

    /// Binds a pod to node `i` (requests and ports already known).
    pub fn bind(
        &mut self,
        i: usize,
        pod: CachedPod,
        requests: &Resources,
        non_zero: &Resources,
        ports: &[HostPort],
    ) {
        if i >= self.nodes.len() {
            return;
        }
        for c in &mut self.match_counts {
            if !pod.terminating && pod.namespace == c.namespace && c.selector.matches(&pod.labels) {
                if let Some(x) = c.counts.get_mut(i) {
                    *x += 1;
                }
            }
        }
        if let Some(n) = self.nodes.get_mut(i) {
            n.add_parts(pod, requests, non_zero, ports);
        }
    }

    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.name() == name)
    }

    /// Node name → index.
    pub fn index(&self) -> HashMap<&'a str, usize> {
        self.nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.name(), i))
            .collect()
    }

    /// The snapshot without a node (as after `kubectl delete node`): its
    /// pods go with it and its images no longer count for ImageLocality.
    pub fn remove_node(&mut self, name: &str) {
        let Some(i) = self.index_of(name) else {
            return;
        };
        let removed = self.nodes.remove(i);
        self.domains.borrow_mut().clear();
        for n in &mut self.nodes {
            for (img, (_, holders)) in n.images.iter_mut() {
                if removed.images.contains_key(img) {
                    *holders = holders.saturating_sub(1);
                }
            }
        }
        for c in &mut self.match_counts {
            if i < c.counts.len() {
                c.counts.remove(i);
            }
        }
        if !self.nodes.is_empty() {
            self.next_start %= self.nodes.len();
        } else {
            self.next_start = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::k8s::model::ObjectMeta;

    fn node(name: &str, zone: Option<&str>) -> Node {
        let mut labels = StringMap::new();
        if let Some(z) = zone {
            labels.insert("topology.kubernetes.io/zone", z);
        }
        Node {
            metadata: ObjectMeta {
                name: Some(name.into()),
                labels,
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn node_tree_interleaves_zones() {
        let nodes = [
            node("a1", Some("a")),
            node("a2", Some("a")),
            node("b1", Some("b")),
            node("n1", None),
            node("a3", Some("a")),
        ];
        let refs: Vec<&Node> = nodes.iter().collect();
        let order: Vec<&str> = node_tree_order(&refs)
            .into_iter()
            .map(|i| nodes[i].name())
            .collect();
        assert_eq!(order, ["a1", "b1", "n1", "a2", "a3"]);
    }
}
