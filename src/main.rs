//! `daemonset-sim`: the command-line face of the engine (src/cli/).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(daemonset_sim::cli::run(std::env::args().skip(1).collect()));
}

/// There is no command line in WebAssembly: the package is the library.
#[cfg(target_arch = "wasm32")]
fn main() {}
