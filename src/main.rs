//! `daemonset-sim`: the command-line face of the engine (src/cli/).
fn main() {
    std::process::exit(daemonset_sim::cli::run(std::env::args().skip(1).collect()));
}
