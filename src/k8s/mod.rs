//! Kubernetes API semantics, with no scheduler, controller or product in
//! sight: the objects ([`model`]), `resource.Quantity` ([`quantity`]),
//! `intstr.IntOrString` ([`intstr`]), field paths and how the API server
//! renders its errors ([`field`]), label selectors ([`labels`]), name
//! rules ([`names`]) and Go's lowercasing of annotation keys ([`lower`]), node selectors and affinity ([`node_affinity`]),
//! taints and tolerations ([`taints`]), what a pod requests and a node
//! offers ([`resources`]), and what the API server does to an object on
//! create: defaulting ([`defaults`]), validation ([`validation`]), the
//! warnings it returns ([`warnings`]) and the priority admission of pods
//! ([`priority`]), and the v1.36 field schema its strict decoding checks
//! objects against ([`schema`]).
//!
//! Every file names the Go code it follows.

pub mod defaults;
pub mod field;
pub mod intstr;
pub mod labels;
pub mod lower;
pub mod model;
pub mod name_map;
pub mod names;
pub mod node_affinity;
pub mod plain_scalar;
pub mod priority;
pub mod quantity;
pub mod resources;
pub mod schema;
pub mod string_list;
pub mod string_map;
pub mod taints;
pub mod validation;
