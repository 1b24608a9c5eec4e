//! The fast YAML reader (src/input/yaml_fast.rs) against libyaml, the
//! parser go-yaml and so kubectl are ports of: on every text the fast
//! reader takes, the same events (a panic when not). It reads what the
//! page's first-grid module reads without libyaml.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        daemonset_sim::input::fast_yaml_agrees(text);
    }
});
