//! NodeUnschedulable (pkg/scheduler/framework/plugins/nodeunschedulable):
//! a cordoned node (`spec.unschedulable`) takes only pods that tolerate
//! the `node.kubernetes.io/unschedulable:NoSchedule` taint.

use super::super::framework::{FilterOutcome, NodeInfo, PodInfo};
use crate::k8s::model::Taint;
use crate::k8s::taints;

pub const NAME: &str = "NodeUnschedulable";
pub const REASON_UNSCHEDULABLE: &str = "node(s) were unschedulable";

/// Filter.
pub fn filter(pod: &PodInfo, ni: &NodeInfo, out: &mut FilterOutcome) {
    if ni.node.spec.unschedulable.unwrap_or(false) {
        let unsched = Taint {
            key: taints::TAINT_UNSCHEDULABLE.into(),
            effect: taints::NO_SCHEDULE.into(),
            ..Taint::default()
        };
        if taints::tolerated_by(&pod.spec.tolerations, &unsched).is_none() {
            out.fail(NAME, vec![REASON_UNSCHEDULABLE.into()]);
        }
    }
}
