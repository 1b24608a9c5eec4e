//! Applying a fix to the texts ([`Session::apply_fix`]): the edit the fix
//! describes ([`super::fix_edit`]) made to the DaemonSet text or to
//! the cluster text the session keeps, as one replacement of a range of
//! that text (what an editor applies, so that its undo brings the text
//! back).

use super::fix_edit::{self as fix_apply, FixEdit, FixText, NodeInText};
use super::{first_daemon_set, read_daemon_set_text, Refusal, Session};
use crate::input::edit::{self, Step};
use crate::input::Syntax;
use serde::Serialize;

/// The text a fix changed, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AppliedFix {
    /// `daemonSet` or `nodes`: the text changed.
    pub text: AppliedText,
    /// The replaced range of that text, in bytes (the wasm module gives
    /// UTF-16 code units, as JavaScript strings count).
    pub start: usize,
    pub end: usize,
    /// What replaces it.
    pub insert: String,
    /// The nodes the change reaches: the node, or every node of its
    /// shorthand entry (`count`); empty for a DaemonSet change.
    pub nodes: Vec<String>,
}

/// Which text an [`AppliedFix`] changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum AppliedText {
    DaemonSet,
    Nodes,
}

/// Why a fix was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApplyError {
    /// The DaemonSet text has no usable DaemonSet.
    Refused(Refusal),
    /// No kept node of that name, or no fix of that number.
    NotFound(String),
    /// The fix has no edit, or the text cannot take it.
    NoEdit(String),
}

impl std::fmt::Display for ApplyError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            ApplyError::Refused(r) => r.fmt(f),
            ApplyError::NotFound(m) | ApplyError::NoEdit(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for ApplyError {}

impl Session {
    /// Applies fix number `fix` of kept node `node` (as
    /// [`Session::node_report`] lists its fixes for the DaemonSet in
    /// `daemon_set_text`) to `daemon_set_text` or to `nodes_text` (the
    /// text given to [`Session::set_cluster`]).
    pub fn apply_fix(
        &self,
        daemon_set_text: &str,
        nodes_text: &str,
        node: &str,
        fix: usize,
    ) -> Result<AppliedFix, ApplyError> {
        let report = self
            .node_report(daemon_set_text, node)
            .map_err(ApplyError::Refused)?
            .ok_or_else(|| ApplyError::NotFound(format!("no node named {node:?}")))?;
        let the_fix = report.fixes.get(fix).ok_or_else(|| {
            ApplyError::NotFound(format!("node {node:?} has no fix number {fix}"))
        })?;
        let (_, objects) = read_daemon_set_text(daemon_set_text);
        let ds = first_daemon_set(&objects).map_err(ApplyError::Refused)?;
        let located = self
            .cluster
            .nodes
            .iter()
            .find(|n| n.object.name() == node)
            .ok_or_else(|| ApplyError::NotFound(format!("no node named {node:?}")))?;
        let origin = &located.origin;
        let taints_path: Vec<Step> = if origin.shorthand {
            edit::keys(&["taints"])
        } else {
            edit::keys(&["spec", "taints"])
        };
        let written = match the_fix {
            crate::check::Fix::RemoveTaint { .. } => {
                let list = edit::read(nodes_text, origin.offset as usize, &taints_path)
                    .map_err(|e| ApplyError::NoEdit(e.to_string()))?;
                fix_apply::written_taints(list.as_ref())
            }
            _ => Vec::new(),
        };
        let edit = fix_apply::edit_for(
            the_fix,
            &ds.object.spec.template.spec,
            NodeInText {
                shorthand: origin.shorthand,
                written_taints: &written,
            },
        )
        .map_err(|e| ApplyError::NoEdit(e.0))?;
        let (which, offset) = match &edit {
            FixEdit::Object { text, .. } | FixEdit::Document { text, .. } => match text {
                FixText::DaemonSet => (FixText::DaemonSet, ds.origin.offset as usize),
                FixText::Nodes => (FixText::Nodes, origin.offset as usize),
            },
        };
        let old = match which {
            FixText::DaemonSet => daemon_set_text,
            FixText::Nodes => nodes_text,
        };
        let json = Syntax::detect(old) == Syntax::Json;
        let new = match &edit {
            FixEdit::Object { changes, .. } => edit::apply(old, json, offset, changes),
            FixEdit::Document { .. } if json => Err(edit::EditError(
                "a JSON text holds one object: add the PriorityClass to a YAML text".into(),
            )),
            FixEdit::Document { yaml, .. } => Ok(edit::append_document(old, yaml)),
        }
        .map_err(|e| ApplyError::NoEdit(e.to_string()))?;
        let (start, end, insert) = difference(old, &new);
        let nodes = match which {
            FixText::DaemonSet => Vec::new(),
            FixText::Nodes => self
                .cluster
                .nodes
                .iter()
                .filter(|n| n.origin.offset == origin.offset)
                .map(|n| n.object.name().to_string())
                .collect(),
        };
        Ok(AppliedFix {
            text: match which {
                FixText::DaemonSet => AppliedText::DaemonSet,
                FixText::Nodes => AppliedText::Nodes,
            },
            start,
            end,
            insert: insert.to_string(),
            nodes,
        })
    }
}

/// The one range of `old` that `new` replaces: `old[start..end]` becomes
/// `new[start..new.len() - (old.len() - end)]`, on character boundaries.
fn difference<'a>(old: &str, new: &'a str) -> (usize, usize, &'a str) {
    let mut start = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(start) || !new.is_char_boundary(start) {
        start -= 1;
    }
    let max_suffix = old.len().min(new.len()) - start;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    (start, old.len() - suffix, &new[start..new.len() - suffix])
}

#[cfg(test)]
mod tests {
    use super::difference;

    #[test]
    fn the_difference_is_one_range_on_character_boundaries() {
        assert_eq!(difference("abc", "abXc"), (2, 2, "X"));
        assert_eq!(difference("abc", "ac"), (1, 2, ""));
        assert_eq!(difference("abc", "abc"), (3, 3, ""));
        // 節 and 點 share their first two bytes
        assert_eq!(difference("a節b", "a點b"), (1, 4, "點"));
    }
}
