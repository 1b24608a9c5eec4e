//! API defaulting that changes what the engine sees, as the API server
//! applies it on create (k8s.io/kubernetes/pkg/apis/apps/v1/defaults.go and
//! core/v1/defaults.go).
//!
//! Two levels matter: `SetDefaults_PodSpec` applies to pod *templates*
//! (what validation sees), `SetDefaults_Pod` only to real pods: limits are
//! copied into missing requests, and hostNetwork ports get
//! `hostPort = containerPort`, only when the controller creates the pod.

use crate::k8s::model::{
    Container, DaemonSet, IntOrString, Pod, PodSpec, RollingUpdate, UpdateStrategy,
};

/// `SetDefaults_DaemonSet` plus the pod-template defaults.
pub fn default_daemon_set(ds: &mut DaemonSet) {
    ds.spec.update_strategy = Some(defaulted_update_strategy(ds.spec.update_strategy.as_ref()));
    if ds.spec.revision_history_limit.is_none() {
        ds.spec.revision_history_limit = Some(10);
    }
    default_pod_spec(&mut ds.spec.template.spec);
}

/// `spec.updateStrategy` after defaulting: type RollingUpdate, and for
/// RollingUpdate maxUnavailable 1 and maxSurge 0 where unset.
pub fn defaulted_update_strategy(s: Option<&UpdateStrategy>) -> UpdateStrategy {
    let mut s = s.cloned().unwrap_or_default();
    if s.type_.as_deref().is_none_or(str::is_empty) {
        s.type_ = Some("RollingUpdate".into());
    }
    if s.type_.as_deref() == Some("RollingUpdate") {
        let ru = s.rolling_update.get_or_insert_with(RollingUpdate::default);
        ru.max_unavailable.get_or_insert(IntOrString::Int(1));
        ru.max_surge.get_or_insert(IntOrString::Int(0));
    }
    s
}

/// `SetDefaults_PodSpec` and the container defaults that matter here.
pub fn default_pod_spec(spec: &mut PodSpec) {
    if spec.restart_policy.as_deref().is_none_or(str::is_empty) {
        spec.restart_policy = Some("Always".into());
    }
    if spec.scheduler_name.as_deref().is_none_or(str::is_empty) {
        spec.scheduler_name = Some("default-scheduler".into());
    }
    for c in spec
        .containers
        .iter_mut()
        .chain(spec.init_containers.iter_mut())
    {
        for p in &mut c.ports {
            if p.protocol.as_deref().is_none_or(str::is_empty) {
                p.protocol = Some("TCP".into());
            }
        }
    }
}

/// `SetDefaults_Pod` (on top of the pod-spec defaults).
pub fn default_pod(pod: &mut Pod) {
    default_pod_spec(&mut pod.spec);
    let host_network = pod.spec.host_network();
    for c in pod
        .spec
        .containers
        .iter_mut()
        .chain(pod.spec.init_containers.iter_mut())
    {
        copy_limits_to_requests(c);
        if host_network {
            for p in &mut c.ports {
                if p.host_port.unwrap_or(0) == 0 {
                    p.host_port = p.container_port;
                }
            }
        }
    }
}

fn copy_limits_to_requests(c: &mut Container) {
    // a limit without a request of its name becomes the request
    c.resources.requests.add_missing(&c.resources.limits);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::k8s::model::ContainerPort;

    #[test]
    fn update_strategy_defaults() {
        let s = defaulted_update_strategy(None);
        assert_eq!(s.type_.as_deref(), Some("RollingUpdate"));
        let ru = s.rolling_update.unwrap();
        assert_eq!(ru.max_unavailable, Some(IntOrString::Int(1)));
        assert_eq!(ru.max_surge, Some(IntOrString::Int(0)));

        let on_delete = UpdateStrategy {
            type_: Some("OnDelete".into()),
            rolling_update: None,
        };
        assert_eq!(defaulted_update_strategy(Some(&on_delete)), on_delete);

        let partial = UpdateStrategy {
            type_: None,
            rolling_update: Some(RollingUpdate {
                max_unavailable: None,
                max_surge: Some(IntOrString::String("25%".into())),
            }),
        };
        let ru = defaulted_update_strategy(Some(&partial))
            .rolling_update
            .unwrap();
        assert_eq!(ru.max_unavailable, Some(IntOrString::Int(1)));
        assert_eq!(ru.max_surge, Some(IntOrString::String("25%".into())));
    }

    #[test]
    fn pod_defaults_copy_limits_and_host_ports_but_template_defaults_do_not() {
        let mut spec = PodSpec {
            host_network: Some(true),
            ..Default::default()
        };
        let mut c = Container::default();
        c.resources.limits.insert("cpu", "2");
        c.resources.requests.insert("memory", "1Gi");
        c.resources.limits.insert("memory", "2Gi");
        c.ports.push(ContainerPort {
            container_port: Some(9100),
            ..Default::default()
        });
        spec.containers.push(c);

        let mut template = spec.clone();
        default_pod_spec(&mut template);
        assert!(!template.containers[0]
            .resources
            .requests
            .contains_key("cpu"));
        assert_eq!(template.containers[0].ports[0].host_port, None);
        assert_eq!(
            template.containers[0].ports[0].protocol.as_deref(),
            Some("TCP")
        );

        let mut pod = Pod {
            spec,
            ..Default::default()
        };
        default_pod(&mut pod);
        let c = &pod.spec.containers[0];
        assert_eq!(c.resources.requests.get("cpu").unwrap(), "2");
        assert_eq!(c.resources.requests.get("memory").unwrap(), "1Gi");
        assert_eq!(c.ports[0].host_port, Some(9100));
    }
}
