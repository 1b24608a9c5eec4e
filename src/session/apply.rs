//! Applying a fix to the texts ([`Session::apply_fix`] for a node of
//! `check`, [`Session::apply_cluster_fix`] for a cell of the cluster
//! view): the edit the fix describes ([`super::fix_edit`]) made to the
//! text the DaemonSet is written in or to the cluster text the session
//! keeps, as one replacement of a range of that text (what an editor
//! applies, so that its undo brings the text back).

use super::fix_edit::{self as fix_apply, FixEdit, FixText, NodeInText};
use super::{first_daemon_set, read_daemon_set_text, Refusal, Session, DAEMONSET_SOURCE};
use crate::check::{Fix, NodeReport};
use crate::diagnostic::{Diagnostic, Worded};
use crate::input::edit::{self, Step};
use crate::input::{self, Located, Source, Syntax};
use crate::k8s::model::DaemonSet;
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
    /// No kept node of that name, no fix of that number, or no DaemonSet
    /// of that index.
    NotFound(Worded),
    /// The fix has no edit, or the text cannot take it.
    NoEdit(Worded),
}

impl ApplyError {
    /// The error as diagnostics: the refusal's, else one of type
    /// `Invalid input` (not found) or `No edit`, with its words.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            ApplyError::Refused(r) => r.diagnostics(),
            ApplyError::NotFound(w) => vec![w.diagnostic("Invalid input")],
            ApplyError::NoEdit(w) => vec![w.diagnostic("No edit")],
        }
    }
}

impl std::fmt::Display for ApplyError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            ApplyError::Refused(r) => r.fmt(f),
            ApplyError::NotFound(m) | ApplyError::NoEdit(m) => m.fmt(f),
        }
    }
}

impl std::error::Error for ApplyError {}

impl From<edit::EditError> for ApplyError {
    fn from(e: edit::EditError) -> Self {
        ApplyError::NoEdit(e.0)
    }
}

fn no_node(node: &str) -> ApplyError {
    ApplyError::NotFound(Worded::new(
        format!("no node named {node:?}"),
        "noSuchNode",
        [("name", format!("{node:?}").into())],
    ))
}

/// Fix number `fix` of the report's fixes.
fn fix_number(report: &NodeReport, node: &str, fix: usize) -> Result<Fix, ApplyError> {
    report.fixes.get(fix).cloned().ok_or_else(|| {
        ApplyError::NotFound(Worded::new(
            format!("node {node:?} has no fix number {fix}"),
            "noSuchFix",
            [
                ("node", format!("{node:?}").into()),
                ("fix", fix.to_string().into()),
            ],
        ))
    })
}

/// The texts a fix may change: the DaemonSet text and the kept cluster's.
#[derive(Clone, Copy)]
struct Texts<'a> {
    daemon_set: &'a str,
    nodes: &'a str,
}

impl<'a> Texts<'a> {
    fn get(self, which: AppliedText) -> &'a str {
        match which {
            AppliedText::DaemonSet => self.daemon_set,
            AppliedText::Nodes => self.nodes,
        }
    }
}

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
            .ok_or_else(|| no_node(node))?;
        let the_fix = fix_number(&report, node, fix)?;
        let (_, objects) = read_daemon_set_text(daemon_set_text);
        let ds = first_daemon_set(&objects).map_err(ApplyError::Refused)?;
        let texts = Texts {
            daemon_set: daemon_set_text,
            nodes: nodes_text,
        };
        self.apply_to(&the_fix, ds, AppliedText::DaemonSet, node, texts)
    }

    /// Applies fix number `fix` of the cell of DaemonSet `ds` (index into
    /// [`Session::cluster_view`]'s `daemonSets`) on kept node `node`, as
    /// [`Session::cluster_cell`] lists its fixes: to the text the
    /// DaemonSet is written in (`daemon_set_text`, or `nodes_text` for a
    /// DaemonSet of the kept cluster text) or, for a change of the node,
    /// to `nodes_text`, as [`Session::apply_fix`] does.
    pub fn apply_cluster_fix(
        &self,
        daemon_set_text: &str,
        nodes_text: &str,
        ds: usize,
        node: &str,
        fix: usize,
    ) -> Result<AppliedFix, ApplyError> {
        let sources = [Source::new(Some(DAEMONSET_SOURCE), daemon_set_text)];
        let objects = input::parse(&sources);
        let placed = self.placed(&sources, &objects);
        let Some(located) = placed.accepted.get(ds) else {
            return Err(ApplyError::NotFound(Worded::new(
                format!("the cluster view has no DaemonSet number {ds}"),
                "noSuchDaemonSet",
                [("index", ds.to_string().into())],
            )));
        };
        let report = self
            .placed_cell(&placed, &objects, ds, node)
            .ok_or_else(|| no_node(node))?;
        let the_fix = fix_number(&report, node, fix)?;
        let written_in = if ds < placed.in_daemon_set_text {
            AppliedText::DaemonSet
        } else {
            AppliedText::Nodes
        };
        let texts = Texts {
            daemon_set: daemon_set_text,
            nodes: nodes_text,
        };
        self.apply_to(&the_fix, located, written_in, node, texts)
    }

    /// Makes the edit of `the_fix` for DaemonSet `ds`, written in the text
    /// `ds_text`, on kept node `node`.
    fn apply_to(
        &self,
        the_fix: &Fix,
        ds: &Located<DaemonSet>,
        ds_text: AppliedText,
        node: &str,
        texts: Texts,
    ) -> Result<AppliedFix, ApplyError> {
        let located = self
            .cluster
            .nodes
            .iter()
            .find(|n| n.object.name() == node)
            .ok_or_else(|| no_node(node))?;
        let origin = &located.origin;
        let taints_path: Vec<Step> = if origin.shorthand {
            edit::keys(&["taints"])
        } else {
            edit::keys(&["spec", "taints"])
        };
        let written = match the_fix {
            Fix::RemoveTaint { .. } => {
                let list = edit::read(texts.nodes, origin.offset as usize, &taints_path)?;
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
        let target = match &edit {
            FixEdit::Object { text, .. } | FixEdit::Document { text, .. } => *text,
        };
        let (which, offset) = match target {
            FixText::DaemonSet => (ds_text, ds.origin.offset as usize),
            FixText::Nodes => (AppliedText::Nodes, origin.offset as usize),
        };
        let old = texts.get(which);
        let json = Syntax::detect(old) == Syntax::Json;
        let new = match &edit {
            FixEdit::Object { changes, .. } => edit::apply(old, json, offset, changes)?,
            FixEdit::Document { .. } if json => {
                return Err(ApplyError::NoEdit(Worded::new(
                    "a JSON text holds one object: add the PriorityClass to a YAML text",
                    "jsonOneObject",
                    [],
                )))
            }
            FixEdit::Document { yaml, .. } => edit::append_document(old, yaml),
        };
        let (start, end, insert) = difference(old, &new);
        let nodes = match target {
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
            text: which,
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
