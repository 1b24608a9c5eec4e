//! The controllers whose decisions the products reproduce:
//!
//! - [`daemonset`]: the DaemonSet controller (pkg/controller/daemon): which
//!   nodes should run a daemon pod, the pod it creates, which pods it
//!   owns, the rolling-update limits;
//! - [`deployment`]: the Deployment and ReplicaSet controllers' part
//!   (pkg/controller/deployment, replicaset): defaults, `pod-template-hash`
//!   and the replica pod a ReplicaSet creates.

pub mod daemonset;
pub mod deployment;
