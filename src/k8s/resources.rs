//! What a pod requests and a node offers, as the scheduler counts them
//! (`resource.PodRequests` from k8s.io/component-helpers and the
//! scheduler's `framework.Resource`).
//!
//! A pod's request is the sum of its containers, raised to the largest
//! init-container need (an init container runs beside the sidecars started
//! before it; sidecars, init containers with `restartPolicy: Always`, also
//! add to the sum), plus `spec.overhead`. CPU counts in millicores
//! (`MilliValue`), everything else in whole units (`Value`). A quantity
//! that does not parse counts as nothing (the API server would have
//! rejected the object; the input checks report it).

use crate::k8s::model::{PodSpec, ResourceList};
use crate::k8s::name_map::NameMap;
use crate::k8s::names;
use crate::k8s::quantity::Quantity;
use serde::Serialize;

pub const CPU: &str = "cpu";
pub const MEMORY: &str = "memory";
pub const PODS: &str = "pods";
pub const EPHEMERAL_STORAGE: &str = "ephemeral-storage";

/// The scheduler's `framework.Resource`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Resources {
    pub milli_cpu: i64,
    pub memory: i64,
    pub ephemeral_storage: i64,
    pub allowed_pod_number: i64,
    /// Extended resources, hugepages, attachable volumes (whole units).
    #[cfg_attr(test, ts(as = "std::collections::BTreeMap<String, i64>"))]
    pub scalar: NameMap<i64>,
}

/// `v1helper.IsScalarResourceName`.
pub fn is_scalar_resource_name(name: &str) -> bool {
    is_extended_resource_name(name)
        || name.starts_with("hugepages-")
        || name.contains("kubernetes.io/")
        || name.starts_with("attachable-volumes-")
}

/// `v1helper.IsExtendedResourceName`: a domain-qualified name outside
/// `kubernetes.io`, that is valid as `requests.<name>`.
pub fn is_extended_resource_name(name: &str) -> bool {
    let native = !name.contains('/') || name.contains("kubernetes.io/");
    if native || name.starts_with("requests.") {
        return false;
    }
    names::qualified_name_errors(&format!("requests.{name}")).is_empty()
}

impl Resources {
    /// `SetMaxResource` from zero / `NewResource`: converts a resource list.
    pub fn from_list(list: &NameMap<Quantity>) -> Resources {
        let mut r = Resources::default();
        for (name, q) in list {
            match name.as_str() {
                CPU => r.milli_cpu = r.milli_cpu.max(q.milli_value()),
                MEMORY => r.memory = r.memory.max(q.value()),
                EPHEMERAL_STORAGE => r.ephemeral_storage = r.ephemeral_storage.max(q.value()),
                PODS => r.allowed_pod_number = r.allowed_pod_number.max(q.value()),
                n if is_scalar_resource_name(n) => {
                    let e = r.scalar.get_or_insert_with(n, || 0);
                    *e = (*e).max(q.value());
                }
                _ => {}
            }
        }
        r
    }

    /// Adds another pod's requests (`NodeInfo.Requested`).
    pub fn add(&mut self, o: &Resources) {
        self.milli_cpu = self.milli_cpu.saturating_add(o.milli_cpu);
        self.memory = self.memory.saturating_add(o.memory);
        self.ephemeral_storage = self.ephemeral_storage.saturating_add(o.ephemeral_storage);
        self.allowed_pod_number = self.allowed_pod_number.saturating_add(o.allowed_pod_number);
        self.scalar
            .merge_from(&o.scalar, &mut |e, v| *e = e.saturating_add(*v), &mut |v| {
                *v
            });
    }
}

/// A pod's requests as reports show them (CPU in millicores, the rest in
/// whole units).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PodRequests {
    pub cpu_milli: i64,
    pub memory: i64,
    pub ephemeral_storage: i64,
    #[cfg_attr(test, ts(as = "std::collections::BTreeMap<String, i64>"))]
    pub scalar: NameMap<i64>,
}

impl From<&Resources> for PodRequests {
    fn from(r: &Resources) -> PodRequests {
        PodRequests {
            cpu_milli: r.milli_cpu,
            memory: r.memory,
            ephemeral_storage: r.ephemeral_storage,
            scalar: r.scalar.clone(),
        }
    }
}

/// Parses a resource list, skipping values that do not parse.
pub fn parse_list(list: &ResourceList) -> NameMap<Quantity> {
    let mut out = NameMap::new();
    for (k, v) in list {
        if let Ok(q) = Quantity::parse(v) {
            out.insert(k.to_string(), q);
        }
    }
    out
}

fn add_list(into: &mut NameMap<Quantity>, add: &NameMap<Quantity>) {
    into.merge_from(add, &mut |q, v| q.add(v), &mut Quantity::clone);
}

fn max_list(into: &mut NameMap<Quantity>, other: &NameMap<Quantity>) {
    into.merge_from(
        other,
        &mut |q, v| {
            if v.cmp_exact(q) == std::cmp::Ordering::Greater {
                *q = v.clone();
            }
        },
        &mut Quantity::clone,
    );
}

/// `resource.PodRequests`: exact quantities per resource name.
pub fn pod_request_list(spec: &PodSpec) -> NameMap<Quantity> {
    aggregate_requests(spec, parse_list)
}

/// The aggregation of `resource.PodRequests`, with `container_requests`
/// giving each container's requests: the sum of the containers, raised to
/// the largest init-container phase (an init container runs beside the
/// sidecars started before it; sidecars also add to the sum), plus
/// `spec.overhead`.
fn aggregate_requests(
    spec: &PodSpec,
    container_requests: impl Fn(&ResourceList) -> NameMap<Quantity>,
) -> NameMap<Quantity> {
    let mut reqs = NameMap::new();
    for c in &spec.containers {
        add_list(&mut reqs, &container_requests(&c.resources.requests));
    }
    let mut restartable = NameMap::new();
    let mut init = NameMap::new();
    for c in &spec.init_containers {
        let c_reqs = container_requests(&c.resources.requests);
        let use_now = if c.restart_policy.as_deref() == Some("Always") {
            add_list(&mut reqs, &c_reqs);
            add_list(&mut restartable, &c_reqs);
            restartable.clone()
        } else {
            let mut tmp = c_reqs;
            add_list(&mut tmp, &restartable);
            tmp
        };
        max_list(&mut init, &use_now);
    }
    max_list(&mut reqs, &init);
    add_list(&mut reqs, &parse_list(&spec.overhead));
    reqs
}

/// What the scheduler counts for a pod (`computePodResourceRequest`).
/// The spec must be defaulted as a pod (limits copied into requests).
pub fn pod_requests(spec: &PodSpec) -> Resources {
    Resources::from_list(&pod_request_list(spec))
}

/// `schedutil.DefaultMilliCPURequest`: what the scheduler's scoring counts
/// for a container that requests no CPU.
pub const DEFAULT_MILLI_CPU_REQUEST: i64 = 100;
/// `schedutil.DefaultMemoryRequest` (200 MiB): what scoring counts for a
/// container that requests no memory.
pub const DEFAULT_MEMORY_REQUEST: i64 = 200 * 1024 * 1024;

/// `resource.PodRequests` with `NonMissingContainerRequests` set to the
/// scheduler's defaults (100m CPU, 200Mi memory): every container (and
/// init container) that does not list `cpu` / `memory` in its requests
/// counts the default instead; an explicit `0` stays 0. Overhead is added.
/// This is the "non-zero" request the scheduler's scoring plugins
/// (NodeResourcesFit's LeastAllocated) and `NodeInfo.NonZeroRequested` use.
/// The spec must be defaulted as a pod (limits copied into requests).
pub fn non_zero_pod_requests(spec: &PodSpec) -> Resources {
    let with_defaults = |list: &ResourceList| {
        let mut l = parse_list(list);
        if !list.contains_key(CPU) {
            l.insert(
                CPU.to_string(),
                Quantity::from_milli(DEFAULT_MILLI_CPU_REQUEST),
            );
        }
        if !list.contains_key(MEMORY) {
            l.insert(
                MEMORY.to_string(),
                Quantity::from_value(
                    DEFAULT_MEMORY_REQUEST,
                    crate::k8s::quantity::Format::DecimalSI,
                ),
            );
        }
        l
    };
    Resources::from_list(&aggregate_requests(spec, with_defaults))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::k8s::model::Container;

    fn container(cpu: &str, mem: &str, sidecar: bool) -> Container {
        let mut c = Container::default();
        if !cpu.is_empty() {
            c.resources.requests.insert("cpu", cpu);
        }
        if !mem.is_empty() {
            c.resources.requests.insert("memory", mem);
        }
        if sidecar {
            c.restart_policy = Some("Always".into());
        }
        c
    }

    #[test]
    fn extended_and_scalar_names() {
        assert!(is_extended_resource_name("nvidia.com/gpu"));
        assert!(!is_extended_resource_name("gpu"));
        assert!(!is_extended_resource_name("kubernetes.io/foo"));
        assert!(is_scalar_resource_name("hugepages-2Mi"));
        assert!(!is_scalar_resource_name("cpus"));
    }

    #[test]
    fn init_containers_sidecars_and_overhead() {
        let mut spec = PodSpec {
            containers: vec![
                container("100m", "100Mi", false),
                container("200m", "", false),
            ],
            // plain init container bigger than the sum: it wins for cpu
            init_containers: vec![container("1", "50Mi", false)],
            ..PodSpec::default()
        };
        let r = pod_requests(&spec);
        assert_eq!(r.milli_cpu, 1000);
        assert_eq!(r.memory, 100 * 1024 * 1024);

        // a sidecar adds to the sum and to later init containers
        spec.init_containers = vec![container("500m", "", true), container("600m", "", false)];
        let r = pod_requests(&spec);
        // containers 300m + sidecar 500m = 800m; init phase: 500m + 600m = 1100m
        assert_eq!(r.milli_cpu, 1100);

        spec.overhead.insert("cpu", "250m");
        assert_eq!(pod_requests(&spec).milli_cpu, 1350);
    }
}
