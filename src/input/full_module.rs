//! What the page's first-grid wasm module leaves out, and how a call
//! that needed it says so.
//!
//! scripts/build-wasm.sh builds that module without the default features
//! (Cargo.toml): without `libyaml` (YAML only libyaml reads: anchors,
//! tags, a syntax error) and without `node-errors` (the messages of a
//! node the API server would refuse). Reading what needs one of them
//! there sets a flag instead of answering differently; the call then
//! throws `NeedsFullModule` (src/wasm/error.rs), and the page's worker
//! asks the full module the same. Native builds and the full module have
//! both, and never set it.

/// Whether this build leaves something out (the first-grid module).
#[cfg(all(
    target_arch = "wasm32",
    not(all(feature = "libyaml", feature = "node-errors"))
))]
static NEEDED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// A text read needs what this build leaves out.
#[cfg(all(
    target_arch = "wasm32",
    not(all(feature = "libyaml", feature = "node-errors"))
))]
pub(crate) fn need() {
    NEEDED.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Whether a text read since the last call needed what this build leaves
/// out (then what was made of it is not what the cluster makes of it).
#[cfg(all(
    target_arch = "wasm32",
    not(all(feature = "libyaml", feature = "node-errors"))
))]
pub fn take_needed() -> bool {
    NEEDED.swap(false, std::sync::atomic::Ordering::Relaxed)
}
