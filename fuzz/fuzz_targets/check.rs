//! `daemonset-sim check` / the wasm `check`: texts read together, the
//! first DaemonSet checked, every DaemonSet checked, the text table.
#![no_main]

use daemonset_sim::cli::check::render;
use daemonset_sim::input::Source;
use daemonset_sim::session;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let texts = common::texts(data, 3);
    let sources: Vec<Source> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Source::new(Some(["a.yaml", "b.yaml", "c.yaml"][i]), t))
        .collect();
    if let Ok(report) = session::check(&sources) {
        let _ = render(&report, false);
        let _ = render(&report, true);
        let _ = serde_json::to_string(&report);
    }
    let _ = session::check_each(&sources);
});
