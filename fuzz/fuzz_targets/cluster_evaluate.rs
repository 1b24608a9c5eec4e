//! The wasm `Simulator`: `setCluster(text)` once, then `evaluate` (the
//! session's check), `compare` and `nodeChange` on a DaemonSet text.
#![no_main]

use daemonset_sim::session::Session;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let texts = common::texts(data, 3);
    let cluster = texts.first().map(String::as_str).unwrap_or("");
    let ds = texts.get(1).map(String::as_str).unwrap_or("");
    let mut s = Session::new();
    let summary = s.set_cluster(cluster);
    let _ = serde_json::to_string(&summary);
    if let Ok(report) = s.check(ds) {
        let _ = serde_json::to_string(&report);
    }
    let _ = s.compare(ds, None);
    if let Some(after) = texts.get(2) {
        let _ = s.node_change(ds, after);
    }
});
