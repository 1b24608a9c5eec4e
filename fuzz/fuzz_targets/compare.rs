//! `daemonset-sim compare`: the first DaemonSet against a Deployment of
//! the same template (or the first Deployment of the texts).
#![no_main]

use daemonset_sim::input::Source;
use daemonset_sim::session;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    // the first byte, when it is not text, picks the replica count
    let (replicas, data) = match data.split_first() {
        Some((&b, rest)) if b >= 0xf0 => (Some(i32::from(b & 0x0f) - 1), rest),
        _ => (None, data),
    };
    let texts = common::texts(data, 3);
    let sources: Vec<Source> = texts.iter().map(|t| Source::new(None, t)).collect();
    if let Ok((result, _)) = session::compare_inputs(&sources, replicas) {
        let _ = serde_json::to_string(&result);
    }
});
