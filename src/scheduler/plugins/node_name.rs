//! NodeName (pkg/scheduler/framework/plugins/nodename): a pod with
//! `spec.nodeName` fits only that node.

use super::super::framework::{FilterOutcome, NodeInfo, PodInfo};

pub const NAME: &str = "NodeName";
pub const REASON_NODE_NAME: &str = "node(s) didn't match the requested node name";

/// Filter.
pub fn filter(pod: &PodInfo, ni: &NodeInfo, out: &mut FilterOutcome) {
    if let Some(name) = pod.spec.node_name.as_deref() {
        if !name.is_empty() && name != ni.node.name() {
            out.fail(NAME, vec![REASON_NODE_NAME.into()]);
        }
    }
}
