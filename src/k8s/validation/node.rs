//! Node validation as the API server does it on create: `ValidateNode`
//! (kubernetes/kubernetes `pkg/apis/core/validation/validation.go`) for
//! the fields the model carries, with the object meta checks it calls
//! (apimachinery `ValidateObjectMetaAccessor` with `ValidateNodeName`,
//! that is `NameIsDNSSubdomain`).
//!
//! In Go's order: `metadata.generateName`, `metadata.name`,
//! `metadata.generation`, the labels, the annotations, the taints
//! (`validateNodeTaints`, reported under `metadata.taints`: Go builds
//! their path from the `metadata` path), then every quantity of
//! `status.capacity` and `status.allocatable` (`ValidateNodeResources`,
//! reported as `status.capacity.<name>`: Go makes the name a child, not a
//! key). Go walks maps in a random order; here map entries come in the
//! map's order.
//!
//! Not checked: a missing name (the reader already refuses a nameless
//! node), the namespace (the API server clears it on a cluster-scoped
//! object before validating), owner references, finalizers and managed
//! fields (not in the model), the node-specific annotations
//! (`scheduler.alpha.kubernetes.io/taints` and `.../preferAvoidPods`,
//! `ValidateNodeSpecificAnnotations`) and `spec.podCIDRs` (not in the
//! model).
//!
//! A node is checked for validity first without building any error
//! ([`is_valid`], here): a 5,000-node dump's 100,000 labels cost a scan
//! each, no allocation. Only a node it refuses is worded, by
//! [`super::node_errors`] (left out of the page's first-grid module,
//! which asks the full module for such a node: `input::full_module`).

use super::pod::is_integer_resource_name;
use super::{validate_annotation_key, TOTAL_ANNOTATION_SIZE_LIMIT};
use crate::k8s::field::{Errors, Path};
use crate::k8s::model::{Node, ResourceList, Taint};
use crate::k8s::names;

/// The label and annotation keys found valid so far in one reading: the
/// nodes of a dump share a few dozen keys, and a key found in the memo is
/// not checked again (a hash of its bytes and a comparison, against a
/// check of every byte, its prefix split into DNS labels). A small table
/// of each kind: a key goes to one place of it, which keeps the last one
/// found valid there (a hostile text's 100,000 different keys are each
/// checked, the table stays its size).
///
/// The page's first-grid module (built without `node-errors`) keeps none
/// and checks every key: it reads the page's first texts, and its bytes
/// are what every reader of the page fetches first.
#[derive(Debug, Default)]
pub struct Memo {
    #[cfg(any(feature = "node-errors", not(target_arch = "wasm32")))]
    labels: Vec<Option<Box<str>>>,
    #[cfg(any(feature = "node-errors", not(target_arch = "wasm32")))]
    annotations: Vec<Option<Box<str>>>,
}

/// The places of each table of a [`Memo`].
pub const MEMO_MAX: usize = 1024;

/// `valid(key)`, or the memo's word that it was found so before.
#[cfg(any(feature = "node-errors", not(target_arch = "wasm32")))]
fn remember(table: &mut Vec<Option<Box<str>>>, key: &str, valid: fn(&str) -> bool) -> bool {
    let hash = key.bytes().fold(key.len() as u32, |h, b| {
        (h.rotate_left(5) ^ u32::from(b)).wrapping_mul(0x9e37_79b9)
    });
    let at = (hash >> 16) as usize % MEMO_MAX;
    if table.is_empty() {
        table.resize(MEMO_MAX, None);
    }
    if table[at].as_deref() == Some(key) {
        return true;
    }
    let ok = valid(key);
    if ok {
        table[at] = Some(key.into());
    }
    ok
}

/// `IsQualifiedName(key)` is empty.
fn label_key_valid(key: &str) -> bool {
    names::qualified_name_errors(key).is_empty()
}

/// The key half of `ValidateAnnotations` finds nothing.
fn annotation_key_valid(key: &str) -> bool {
    let mut e = Errors::new();
    validate_annotation_key(key, &Path::new(""), &mut e);
    e.is_empty()
}

impl Memo {
    fn label_key(&mut self, key: &str) -> bool {
        #[cfg(any(feature = "node-errors", not(target_arch = "wasm32")))]
        return remember(&mut self.labels, key, label_key_valid);
        #[cfg(not(any(feature = "node-errors", not(target_arch = "wasm32"))))]
        label_key_valid(key)
    }

    fn annotation_key(&mut self, key: &str) -> bool {
        #[cfg(any(feature = "node-errors", not(target_arch = "wasm32")))]
        return remember(&mut self.annotations, key, annotation_key_valid);
        #[cfg(not(any(feature = "node-errors", not(target_arch = "wasm32"))))]
        annotation_key_valid(key)
    }
}

/// Whether the API server would accept the node as far as
/// `node_errors::validate_node` checks it, without building errors
/// (`memo`: the keys found valid in the nodes read before). `true` only
/// when that finds nothing; `false` whenever it finds something, and for
/// a few rare nodes it may find valid (more than 64 taints, a signed or
/// fractional quantity, a huge one), which are looked at closer.
pub fn is_valid(node: &Node, memo: &mut Memo) -> bool {
    let meta = &node.metadata;
    let name_ok = |n: Option<&str>, prefix: bool| {
        let n = n.unwrap_or("");
        n.is_empty() || names::name_is_dns_subdomain(n, prefix).is_empty()
    };
    if !name_ok(meta.generate_name.as_deref(), true) || !name_ok(meta.name.as_deref(), false) {
        return false;
    }
    if meta.generation.is_some_and(|g| g < 0) {
        return false;
    }
    for (k, v) in &meta.labels {
        if !memo.label_key(k) || !names::label_value_errors(v).is_empty() {
            return false;
        }
    }
    let mut size = 0usize;
    for (k, v) in &meta.annotations {
        if !memo.annotation_key(k) {
            return false;
        }
        size = size.saturating_add(k.len()).saturating_add(v.len());
    }
    if size > TOTAL_ANNOTATION_SIZE_LIMIT {
        return false;
    }
    if !taints_valid(&node.spec.taints, memo) {
        return false;
    }
    resources_valid(&node.status.capacity)
        && node.status.allocatable.as_ref().is_none_or(resources_valid)
}

/// The taints' part of [`is_valid`]. More than 64 taints are left to
/// [`super::node_errors`] (a node that many is rare; finding repeats
/// among them takes a sort or a set, which the page's first-grid module
/// has no room for): `false` only means that the node must be looked at
/// closer, where it may well be found valid.
fn taints_valid(taints: &[Taint], memo: &mut Memo) -> bool {
    taints.len() <= 64
        && taints.iter().enumerate().all(|(i, t)| {
            memo.label_key(&t.key)
                && names::label_value_errors(&t.value).is_empty()
                && matches!(
                    t.effect.as_str(),
                    "NoSchedule" | "PreferNoSchedule" | "NoExecute"
                )
                && !taints[..i]
                    .iter()
                    .any(|u| u.key == t.key && u.effect == t.effect)
        })
}

/// The quantities' part of [`is_valid`]: a quantity written without a
/// sign is not negative, and one written as a whole number is an integer
/// (digits, then nothing or a one-digit decimal exponent as in `1e2`;
/// small enough that Go's `MilliValue` holds it); any other (most of them
/// invalid for an integer resource) is left to [`super::node_errors`],
/// like many taints.
fn resources_valid(list: &ResourceList) -> bool {
    list.iter().all(|(name, text)| {
        let n = text.bytes().take_while(u8::is_ascii_digit).count();
        let exp = match text.as_bytes()[n..] {
            [] => 0,
            [b'e' | b'E', e] if e.is_ascii_digit() => usize::from(e - b'0'),
            _ => 99,
        };
        (n > 0 && n + exp <= 15) || (!text.starts_with('-') && !is_integer_resource_name(name))
    })
}
