//! `daemonset-sim rollout`: the first DaemonSet of the texts rolled to the
//! second one (or restarted), and `--nodes-after` with the last text.
#![no_main]

use daemonset_sim::input::Source;
use daemonset_sim::rollout::NodeModel;
use daemonset_sim::session::{self, ChangeSpec};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let texts = common::texts(data, 3);
    let sources: Vec<Source> = texts
        .iter()
        .map(|t| Source::new(Some("in.yaml"), t))
        .collect();
    let (first, rest) = sources.split_at(1);
    let model = NodeModel::default();
    // a short simulated time keeps one execution short; the limit itself
    // is part of what is tested
    if let Ok(run) = session::rollout_inputs(first, ChangeSpec::Unspecified, &model, 120) {
        let _ = serde_json::to_string(&run.timeline);
    }
    if let Some(after) = rest.last() {
        let _ = session::rollout_inputs(first, ChangeSpec::NewDaemonSet(*after), &model, 120);
        let _ = session::node_change_inputs(first, *after);
    }
});
