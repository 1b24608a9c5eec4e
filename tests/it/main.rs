//! The integration tests, as one test binary (every extra binary is
//! another full link on a 2-core machine): the conformance replays
//! against the corpus produced by Kubernetes v1.36.2, the CLI, the
//! examples, and the fuzz-style no-panic tests.
#![cfg(not(target_arch = "wasm32"))]

mod common;

mod api_server;
mod apply;
mod architecture;
mod cli;
mod cli_kubectl;
mod cluster;
mod conformance_deployment;
mod conformance_placement;
mod conformance_quantity;
mod conformance_rollout;
mod conformance_selector;
mod conformance_validation;
mod corpus_copy;
mod deployment_cli;
mod deployment_compare;
mod deployment_no_panic;
mod examples;
mod grid;
mod hostile;
mod kubectl_plugin;
mod no_panic;
mod node_validation;
mod real_nodes;
mod rollout_cli;
mod rollout_no_panic;
mod scaling;
mod words;
