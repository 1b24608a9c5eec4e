//! The direct JSON reader (src/input/direct.rs) against the exact path
//! (value tree, strict check, decoding): on every text, with the default
//! limits and small ones, the same objects, errors, warnings and
//! positions (a panic when not).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        daemonset_sim::input::direct_json_agrees(text);
    }
});
