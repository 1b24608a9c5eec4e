//! # daemonset-sim
//!
//! Why is my DaemonSet pod not on that node? This crate reproduces what a
//! Kubernetes v1.36 cluster does with a DaemonSet: which nodes the
//! DaemonSet controller targets, whether the scheduler fits the pod there,
//! the status counters that follow, how a rollout proceeds, and how a
//! Deployment with the same template would spread instead.
//!
//! The layers, from the bottom (ARCHITECTURE.md has the map):
//! - [`diagnostic`]: errors as values, with field path and position;
//! - [`k8s`]: Kubernetes API semantics (objects, quantities, selectors,
//!   taints, defaulting, validation);
//! - [`input`]: reading pasted text into objects (YAML, JSON, lists, the
//!   shorthand node list);
//! - [`scheduler`], [`controllers`]: the kube-scheduler and the DaemonSet
//!   and Deployment controllers;
//! - [`check`], [`rollout`], [`compare`], [`cluster`]: the products;
//! - [`session`]: the one place that turns texts into answers;
//! - [`cli`] (native) and `wasm` (wasm32): the front-ends.

pub mod check;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod cluster;
pub mod compare;
pub mod controllers;
pub mod diagnostic;
pub mod input;
pub mod k8s;
pub mod rollout;
pub mod scheduler;
pub mod session;
pub mod sort;
pub mod strconv;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
// The wasm package's TypeScript declarations, generated from the types
// above and checked by a native test.
#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "wasm/typescript.rs"]
mod wasm_typescript;

pub use check::Report;
pub use diagnostic::Diagnostic;
pub use session::Session;
