//! The shorthand node list, for people writing a cluster by hand:
//!
//! ```yaml
//! nodes:
//!   - name: cp-1
//!     labels: {node-role.kubernetes.io/control-plane: ""}
//!     taints: ["node-role.kubernetes.io/control-plane:NoSchedule"]
//!     allocatable: {cpu: "4", memory: 8Gi, pods: 110}
//!   - name: worker
//!     count: 3                      # worker-1, worker-2, worker-3
//!     ready: false                  # NotReady: Ready=False + the not-ready taints
//!     memoryPressure: true          # + node.kubernetes.io/memory-pressure:NoSchedule
//!     unschedulable: true           # cordoned: + node.kubernetes.io/unschedulable:NoSchedule
//!     pods:                         # pods already running there
//!       - {name: web, requests: {cpu: 500m, memory: 1Gi}, hostPorts: [9100, "53/UDP"]}
//! ```
//!
//! Each entry becomes the `v1.Node` a real cluster would show: conditions
//! set, the taints the node lifecycle controller adds for them, the
//! `kubernetes.io/hostname` label, and allocatable (default: cpu 4,
//! memory 16Gi, pods 110) copied to capacity. Unknown fields are errors
//! here (a typo in a hand-written list should not pass silently).

use crate::k8s::model::*;
use crate::k8s::taints;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;

/// The largest `count` one entry may expand to.
pub const MAX_COUNT: u32 = 10_000;

#[derive(Debug, Default, Deserialize)]
#[serde(
    rename_all = "camelCase",
    deny_unknown_fields,
    expecting = "a node entry such as {name: worker, count: 3}"
)]
pub(crate) struct ShortNode {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "count")]
    pub count: Option<i64>,
    #[serde(default, deserialize_with = "null_default")]
    pub labels: StringMap,
    #[serde(default, deserialize_with = "null_default")]
    pub annotations: StringMap,
    #[serde(default, deserialize_with = "null_default")]
    pub taints: Vec<ShortTaint>,
    #[serde(default)]
    pub allocatable: Option<ResourceList>,
    #[serde(default)]
    pub capacity: Option<ResourceList>,
    #[serde(default)]
    pub unschedulable: Option<bool>,
    #[serde(default)]
    pub ready: Option<bool>,
    #[serde(default)]
    pub memory_pressure: Option<bool>,
    #[serde(default)]
    pub disk_pressure: Option<bool>,
    #[serde(default)]
    pub pid_pressure: Option<bool>,
    #[serde(default)]
    pub network_unavailable: Option<bool>,
    #[serde(default, deserialize_with = "null_default")]
    pub images: Vec<ShortImage>,
    #[serde(default, deserialize_with = "null_default")]
    pub pods: Vec<ShortPod>,
}

/// `"key=value:Effect"` or a full `{key, value, effect}` object.
#[derive(Debug)]
pub(crate) enum ShortTaint {
    Text(String),
    Full(Taint),
}

/// A taint object of the shorthand: only the fields a taint has.
#[derive(Deserialize)]
#[serde(
    rename_all = "camelCase",
    deny_unknown_fields,
    expecting = "a taint: \"key=value:Effect\" or {key, value, effect}"
)]
struct TaintObject {
    #[serde(default, deserialize_with = "null_default")]
    key: String,
    #[serde(default, deserialize_with = "null_default")]
    value: String,
    #[serde(default, deserialize_with = "null_default")]
    effect: String,
    #[serde(default)]
    time_added: Option<String>,
}

impl<'de> Deserialize<'de> for ShortTaint {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextOrObject::<TaintObject>::new(
            "a taint: \"key=value:Effect\" or {key, value, effect}",
        ))
        .map(|v| match v {
            Either::Text(s) => ShortTaint::Text(s),
            Either::Object(t) => ShortTaint::Full(Taint {
                key: t.key,
                value: t.value,
                effect: t.effect,
                time_added: t.time_added,
            }),
        })
    }
}

/// An image name, or `{names, sizeBytes}` as a node's status lists it.
#[derive(Debug)]
pub(crate) enum ShortImage {
    Name(String),
    Full(Vec<String>, Option<i64>),
}

#[derive(Deserialize)]
#[serde(
    rename_all = "camelCase",
    deny_unknown_fields,
    expecting = "an image: a name or {names, sizeBytes}"
)]
struct ImageObject {
    #[serde(default, deserialize_with = "null_default")]
    names: Vec<String>,
    #[serde(default)]
    size_bytes: Option<i64>,
}

impl<'de> Deserialize<'de> for ShortImage {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextOrObject::<ImageObject>::new(
            "an image: a name or {names, sizeBytes}",
        ))
        .map(|v| match v {
            Either::Text(s) => ShortImage::Name(s),
            Either::Object(i) => ShortImage::Full(i.names, i.size_bytes),
        })
    }
}

enum Either<T> {
    Text(String),
    Object(T),
}

/// Reads a string, or an object into `T`; anything else is an error
/// that says what was expected.
struct TextOrObject<T> {
    expecting: &'static str,
    object: std::marker::PhantomData<T>,
}

impl<T> TextOrObject<T> {
    fn new(expecting: &'static str) -> Self {
        TextOrObject {
            expecting,
            object: std::marker::PhantomData,
        }
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for TextOrObject<T> {
    type Value = Either<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Either::Text(v.to_string()))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Either::Object)
    }
}

/// A `count`: any whole number here (its range is checked with the
/// other fields, to say the limit).
fn count<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    struct Count;
    impl Visitor<'_> for Count {
        type Value = Option<i64>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "a whole number of nodes from 1 to {MAX_COUNT}")
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(i64::try_from(v).unwrap_or(i64::MAX)))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    d.deserialize_any(Count)
}

#[derive(Debug, Default, Deserialize)]
#[serde(
    rename_all = "camelCase",
    deny_unknown_fields,
    expecting = "a pod entry such as {name: web, requests: {cpu: 500m}}"
)]
pub(crate) struct ShortPod {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub namespace: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub labels: StringMap,
    #[serde(default, deserialize_with = "null_default")]
    pub requests: ResourceList,
    #[serde(default, deserialize_with = "null_default")]
    pub limits: ResourceList,
    #[serde(default, deserialize_with = "null_default")]
    pub host_ports: Vec<ShortPort>,
    #[serde(default)]
    pub host_network: Option<bool>,
    #[serde(default)]
    pub phase: Option<String>,
    #[serde(default)]
    pub ready: Option<bool>,
}

/// `9100`, `"9100"`, `"53/UDP"` or `"127.0.0.1:8080/TCP"`.
#[derive(Debug)]
pub(crate) enum ShortPort {
    Number(i64),
    Text(String),
}

impl<'de> Deserialize<'de> for ShortPort {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Port;
        impl Visitor<'_> for Port {
            type Value = ShortPort;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a host port: 9100, \"53/UDP\" or \"127.0.0.1:8080/TCP\"")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ShortPort, E> {
                Ok(ShortPort::Number(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ShortPort, E> {
                Ok(ShortPort::Number(i64::try_from(v).unwrap_or(i64::MAX)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ShortPort, E> {
                Ok(ShortPort::Text(v.to_string()))
            }
        }
        d.deserialize_any(Port)
    }
}

/// A problem in a shorthand entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ShortError {
    /// The path below the entry (`taints[0]`).
    pub field: String,
    /// A `field.ErrorType` text (`Required value`, `Invalid value`).
    pub kind: &'static str,
    pub detail: String,
}

fn invalid(field: String, detail: String) -> ShortError {
    ShortError {
        field,
        kind: "Invalid value",
        detail,
    }
}

fn parse_port(p: &ShortPort) -> Result<ContainerPort, String> {
    let (ip, rest) = match p {
        ShortPort::Number(n) => (None, (n.to_string(), None)),
        ShortPort::Text(s) => {
            let (addr, proto) = match s.split_once('/') {
                Some((a, p)) => (a, Some(p.to_string())),
                None => (s.as_str(), None),
            };
            match addr.rsplit_once(':') {
                Some((ip, port)) => (Some(ip.to_string()), (port.to_string(), proto)),
                None => (None, (addr.to_string(), proto)),
            }
        }
    };
    let (port, proto) = rest;
    let port: i32 = port
        .trim()
        .parse()
        .ok()
        .filter(|p| (1..=65535).contains(p))
        .ok_or_else(|| format!("{port:?} is not a port number (1-65535); write 9100, \"53/UDP\" or \"127.0.0.1:8080/TCP\""))?;
    let proto = proto.map(|p| p.to_ascii_uppercase());
    if let Some(p) = &proto {
        if !matches!(p.as_str(), "TCP" | "UDP" | "SCTP") {
            return Err(format!("{p:?} is not a protocol: use TCP, UDP or SCTP"));
        }
    }
    Ok(ContainerPort {
        name: None,
        container_port: Some(port),
        host_port: Some(port),
        host_ip: ip,
        protocol: Some(proto.unwrap_or_else(|| "TCP".into())),
    })
}

fn condition(type_: &str, on: bool) -> Condition {
    Condition {
        type_: type_.into(),
        status: if on { "True" } else { "False" }.into(),
    }
}

fn taint(key: &str, effect: &str) -> Taint {
    Taint {
        key: key.into(),
        value: String::new(),
        effect: effect.into(),
        time_added: None,
    }
}

fn default_allocatable() -> ResourceList {
    let mut list = ResourceList::new();
    for (k, v) in [("cpu", "4"), ("memory", "16Gi"), ("pods", "110")] {
        list.insert(k, v);
    }
    list
}

impl ShortNode {
    /// The nodes (several with `count`) and the pods on them, or the
    /// problems found (paths relative to this entry).
    pub fn expand(&self) -> Result<(Vec<Node>, Vec<Pod>), Vec<ShortError>> {
        let mut errs = Vec::new();
        let base = self.name.clone().unwrap_or_default();
        if base.is_empty() {
            errs.push(ShortError {
                field: "name".into(),
                kind: "Required value",
                detail: "every node needs a name".into(),
            });
        }
        let mut node_taints = Vec::new();
        for (i, t) in self.taints.iter().enumerate() {
            match t {
                ShortTaint::Text(s) => match taints::parse_taint(s) {
                    Ok(t) => node_taints.push(t),
                    Err(e) => errs.push(invalid(format!("taints[{i}]"), e.to_string())),
                },
                ShortTaint::Full(t) => node_taints.push(t.clone()),
            }
        }
        let mut pod_specs = Vec::new();
        for (i, p) in self.pods.iter().enumerate() {
            let mut ports = Vec::new();
            for (j, hp) in p.host_ports.iter().enumerate() {
                match parse_port(hp) {
                    Ok(port) => ports.push(port),
                    Err(e) => errs.push(invalid(format!("pods[{i}].hostPorts[{j}]"), e)),
                }
            }
            pod_specs.push((p, ports));
        }
        match self.count {
            Some(n) if n < 1 => errs.push(invalid(
                "count".into(),
                format!("{n}: count must be at least 1"),
            )),
            Some(n) if n > i64::from(MAX_COUNT) => errs.push(invalid(
                "count".into(),
                format!("{n}: count must be at most {MAX_COUNT} (Kubernetes supports clusters of up to 5,000 nodes)"),
            )),
            _ => {}
        }
        if !errs.is_empty() {
            return Err(errs);
        }

        let ready = self.ready.unwrap_or(true);
        let flag = |b: Option<bool>| b.unwrap_or(false);
        let mut conditions = vec![condition("Ready", ready)];
        // The node lifecycle controller's taints for these conditions
        // (TaintNodesByCondition and taint-based eviction).
        let mut auto = Vec::new();
        if !ready {
            auto.push(taint(taints::TAINT_NOT_READY, taints::NO_SCHEDULE));
            auto.push(taint(taints::TAINT_NOT_READY, taints::NO_EXECUTE));
        }
        for (on, cond, key) in [
            (
                flag(self.memory_pressure),
                "MemoryPressure",
                taints::TAINT_MEMORY_PRESSURE,
            ),
            (
                flag(self.disk_pressure),
                "DiskPressure",
                taints::TAINT_DISK_PRESSURE,
            ),
            (
                flag(self.pid_pressure),
                "PIDPressure",
                taints::TAINT_PID_PRESSURE,
            ),
            (
                flag(self.network_unavailable),
                "NetworkUnavailable",
                taints::TAINT_NETWORK_UNAVAILABLE,
            ),
        ] {
            conditions.push(condition(cond, on));
            if on {
                auto.push(taint(key, taints::NO_SCHEDULE));
            }
        }
        if flag(self.unschedulable) {
            auto.push(taint(taints::TAINT_UNSCHEDULABLE, taints::NO_SCHEDULE));
        }
        for t in auto {
            if !node_taints
                .iter()
                .any(|x| x.key == t.key && x.effect == t.effect)
            {
                node_taints.push(t);
            }
        }
        let allocatable = self
            .allocatable
            .clone()
            .or_else(|| self.capacity.clone())
            .unwrap_or_else(default_allocatable);
        let capacity = self.capacity.clone().unwrap_or_else(|| allocatable.clone());
        let mut images = ImageList::new();
        for i in &self.images {
            match i {
                ShortImage::Name(n) => images.push([n], None),
                ShortImage::Full(names, size) => images.push(names, *size),
            }
        }

        let names: Vec<String> = match self.count {
            Some(n) => (1..=n).map(|i| format!("{base}-{i}")).collect(),
            None => vec![base],
        };
        let mut nodes = Vec::new();
        let mut pods = Vec::new();
        for name in names {
            let mut labels = self.labels.clone();
            if !labels.contains_key("kubernetes.io/hostname") {
                labels.insert("kubernetes.io/hostname", &name);
            }
            nodes.push(Node {
                metadata: ObjectMeta {
                    name: Some(name.clone()),
                    labels,
                    annotations: self.annotations.clone(),
                    ..ObjectMeta::default()
                },
                spec: NodeSpec {
                    taints: node_taints.clone(),
                    unschedulable: self.unschedulable,
                },
                status: NodeStatus {
                    allocatable: Some(allocatable.clone()),
                    capacity: capacity.clone(),
                    conditions: conditions.clone(),
                    images: images.clone(),
                },
            });
            for (i, (p, ports)) in pod_specs.iter().enumerate() {
                let pod_name = p.name.clone().unwrap_or_else(|| format!("pod-{}", i + 1));
                let container = Container {
                    name: Some("main".into()),
                    image: Some("pause".into()),
                    ports: ports.clone(),
                    resources: ResourceRequirements {
                        requests: p.requests.clone(),
                        limits: p.limits.clone(),
                    },
                    ..Container::default()
                };
                let ready = p.ready.unwrap_or(true);
                pods.push(Pod {
                    metadata: ObjectMeta {
                        name: Some(format!("{pod_name}-{name}")),
                        namespace: Some(p.namespace.clone().unwrap_or_else(|| "default".into())),
                        labels: p.labels.clone(),
                        ..ObjectMeta::default()
                    },
                    spec: PodSpec {
                        node_name: Some(name.clone()),
                        containers: vec![container],
                        host_network: p.host_network,
                        ..PodSpec::default()
                    },
                    status: PodStatus {
                        phase: Some(p.phase.clone().unwrap_or_else(|| "Running".into())),
                        conditions: vec![condition("Ready", ready)],
                    },
                });
            }
        }
        Ok((nodes, pods))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(yaml: &str) -> ShortNode {
        serde_yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn count_conditions_and_taints() {
        let n = parse("{name: worker, count: 3, ready: false, unschedulable: true, taints: [\"dedicated=gpu:NoExecute\"]}");
        let (nodes, pods) = n.expand().unwrap();
        assert_eq!(
            nodes.iter().map(|n| n.name()).collect::<Vec<_>>(),
            ["worker-1", "worker-2", "worker-3"]
        );
        assert!(pods.is_empty());
        let keys: Vec<_> = nodes[0]
            .spec
            .taints
            .iter()
            .map(taints::format_taint)
            .collect();
        assert_eq!(
            keys,
            [
                "dedicated=gpu:NoExecute",
                "node.kubernetes.io/not-ready:NoSchedule",
                "node.kubernetes.io/not-ready:NoExecute",
                "node.kubernetes.io/unschedulable:NoSchedule"
            ]
        );
        assert_eq!(
            nodes[1]
                .metadata
                .labels
                .get("kubernetes.io/hostname")
                .unwrap(),
            "worker-2"
        );
        assert_eq!(nodes[0].allocatable().get("pods").unwrap(), "110");
    }

    #[test]
    fn pods_and_ports() {
        let n = parse("{name: a, pods: [{name: web, requests: {cpu: 500m}, hostPorts: [9100, \"53/udp\", \"127.0.0.1:8080\"]}]}");
        let (_, pods) = n.expand().unwrap();
        let ports = &pods[0].spec.containers[0].ports;
        assert_eq!(ports.len(), 3);
        assert_eq!(ports[1].protocol.as_deref(), Some("UDP"));
        assert_eq!(ports[2].host_ip.as_deref(), Some("127.0.0.1"));
        assert_eq!(pods[0].spec.node_name.as_deref(), Some("a"));
    }

    #[test]
    fn errors_name_their_field() {
        let n = parse("{taints: [\"gpu\"], pods: [{hostPorts: [70000]}]}");
        let errs = n.expand().unwrap_err();
        let paths: Vec<_> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(paths, ["name", "taints[0]", "pods[0].hostPorts[0]"]);
        assert!(serde_yaml::from_str::<ShortNode>("{name: a, lables: {}}").is_err());
    }
}
