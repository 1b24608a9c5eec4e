//! NodePorts (pkg/scheduler/framework/plugins/nodeports): a pod's host
//! ports must be free on the node (`HostPortInfo.CheckConflict`).

use super::super::framework::{FilterOutcome, NodeInfo, PodInfo};
use crate::k8s::model::PodSpec;
use serde::Serialize;

pub const NAME: &str = "NodePorts";
pub const REASON_PORTS: &str = "node(s) didn't have free ports for the requested pod ports";

/// One host port as the scheduler keys it (`HostPortInfo`): an empty IP
/// is `0.0.0.0`, an empty protocol `TCP`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HostPort {
    pub ip: String,
    pub protocol: String,
    pub port: i32,
}

impl HostPort {
    fn new(ip: Option<&str>, protocol: Option<&str>, port: i32) -> HostPort {
        HostPort {
            ip: ip
                .filter(|s| !s.is_empty())
                .unwrap_or("0.0.0.0")
                .to_string(),
            protocol: protocol
                .filter(|s| !s.is_empty())
                .unwrap_or("TCP")
                .to_string(),
            port,
        }
    }

    /// `HostPortInfo.CheckConflict` for one used port.
    pub fn conflicts_with(&self, used: &HostPort) -> bool {
        self.protocol == used.protocol
            && self.port == used.port
            && (self.ip == "0.0.0.0" || used.ip == "0.0.0.0" || self.ip == used.ip)
    }
}

/// `schedutil.GetHostPorts`: host ports of the containers and of the
/// sidecars (init containers that run for the pod's whole life).
pub fn host_ports(spec: &PodSpec) -> Vec<HostPort> {
    spec.init_containers
        .iter()
        .filter(|c| c.restart_policy.as_deref() == Some("Always"))
        .chain(spec.containers.iter())
        .flat_map(|c| c.ports.iter())
        .filter_map(|p| match p.host_port {
            Some(port) if port > 0 => Some(HostPort::new(
                p.host_ip.as_deref(),
                p.protocol.as_deref(),
                port,
            )),
            _ => None,
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PortConflict {
    pub port: HostPort,
    pub used_by: String,
}

/// Filter: every requested host port must be free.
pub fn filter(pod: &PodInfo, ni: &NodeInfo, out: &mut FilterOutcome) {
    let port_conflicts: Vec<PortConflict> = pod
        .host_ports
        .iter()
        .filter_map(|want| {
            ni.used_ports
                .iter()
                .find(|(used, _)| want.conflicts_with(used))
                .map(|(_, by)| PortConflict {
                    port: want.clone(),
                    used_by: by.clone(),
                })
        })
        .collect();
    if !port_conflicts.is_empty() {
        out.fail(NAME, vec![REASON_PORTS.into()]);
    }
    out.port_conflicts = port_conflicts;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_conflict_rules() {
        let any = HostPort::new(None, None, 80);
        let local = HostPort::new(Some("127.0.0.1"), Some("TCP"), 80);
        let other = HostPort::new(Some("10.0.0.1"), None, 80);
        let udp = HostPort::new(None, Some("UDP"), 80);
        assert!(any.conflicts_with(&local));
        assert!(local.conflicts_with(&any));
        assert!(!local.conflicts_with(&other));
        assert!(!any.conflicts_with(&udp));
        assert!(local.conflicts_with(&local.clone()));
    }
}
