//! # daemonset-sim
//!
//! Why is my DaemonSet pod not on that node? This crate reproduces what a
//! Kubernetes v1.36 cluster does with a DaemonSet: which nodes the
//! DaemonSet controller targets, whether the scheduler fits the pod there,
//! the status counters that follow, how a rollout proceeds, and how a
//! Deployment with the same template would spread instead.
//!
//! One module per concept:
//! - [`model`]: the Kubernetes objects, as small serde types;
//! - [`input`]: reading pasted text (YAML, JSON, lists, the shorthand node list);
//! - [`quantity`]: `resource.Quantity`;
//! - [`labels`]: label selectors; [`node_affinity`]: node selectors and affinity;
//! - [`taints`]: taints, tolerations and the DaemonSet controller's own tolerations;
//! - [`names`], [`defaults`], [`validation`]: what the API server does on create;
//! - [`controller`]: the DaemonSet controller's per-node decision and counters;
//! - [`scheduler`]: the scheduler's filter plugins for one pod on one node;
//! - [`report`]: the `check` report that the CLI, the wasm module and the page show;
//! - [`rollout`]: RollingUpdate / OnDelete rollouts, tick by tick;
//! - [`deployment`]: where the default scheduler would put a Deployment's replicas instead;
//! - [`cli`]: the `daemonset-sim` command; `wasm` (wasm32 only): the JavaScript API.

pub mod cli;
pub mod controller;
pub mod defaults;
pub mod deployment;
pub mod diagnostics;
pub mod input;
pub mod labels;
pub mod model;
pub mod names;
pub mod node_affinity;
pub mod quantity;
pub mod report;
pub mod resources;
pub mod rollout;
pub mod scheduler;
#[path = "k8s/schema/mod.rs"]
pub mod schema;
pub mod taints;
pub mod validation;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use diagnostics::Diagnostic;
