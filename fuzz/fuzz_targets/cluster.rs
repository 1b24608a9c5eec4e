//! `daemonset-sim cluster`: every DaemonSet of the texts against the same
//! nodes (the free function), then the same through a kept cluster
//! (`Session::cluster_view`, the wasm `Simulator.cluster`) and one cell's
//! explanation.
#![no_main]

use daemonset_sim::cluster::Options;
use daemonset_sim::input::Source;
use daemonset_sim::session::{self, Session};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let texts = common::texts(data, 3);
    // the third text, when there is one, names a label to group by
    let options = Options {
        group_by: texts.get(2).map(|t| t.chars().take(64).collect()),
    };
    let sources: Vec<Source> = texts[..texts.len().min(2)]
        .iter()
        .map(|t| Source::new(None, t))
        .collect();
    if let Ok(view) = session::cluster_inputs(&sources, &options) {
        let _ = serde_json::to_string(&view);
        if let Some(node) = view.nodes.first() {
            let _ = session::cluster_cell_inputs(&sources, 0, &node.name);
        }
    }
    let mut s = Session::new();
    s.set_cluster(texts.first().map(String::as_str).unwrap_or(""));
    let ds = texts.get(1).map(String::as_str).unwrap_or("");
    if let Ok(view) = s.cluster_view(ds, &options) {
        let _ = serde_json::to_string(&view);
        if let Some(node) = view.nodes.last() {
            let _ = s.cluster_cell(ds, view.daemon_sets.len().saturating_sub(1), &node.name);
        }
    }
});
