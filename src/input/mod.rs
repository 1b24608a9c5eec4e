//! Reading what users paste, exactly as `kubectl apply` and a v1.36 API
//! server read it:
//!
//! 1. each text is read into value trees ([`tree`]): as JSON values one
//!    after another when it starts with `{` ([`json`]), else as YAML
//!    documents converted to JSON the way kubectl converts them
//!    ([`yaml`]: YAML 1.1 scalars, keys as strings, aliases, merge keys);
//!    numbers as kubectl's round trip leaves them ([`number`]);
//! 2. lists (`kind: List`, `NodeList`, ...) are flattened into their items;
//!    a document without `kind` with a `nodes:` list is the shorthand node
//!    list ([`shorthand`]);
//! 3. each object of a kind the engine uses (DaemonSet, Deployment, Node,
//!    Pod, PriorityClass) must be in an API version v1.36 serves, and is
//!    checked as the API server's strict decoding checks it ([`strict`]:
//!    unknown fields, Go type errors, custom unmarshalers), then decoded
//!    into the model ([`decode`]); objects of other kinds are skipped and
//!    counted.
//!
//! Every problem is a [`Diagnostic`] with the field path (as the API
//! server names it, relative to the object) and the line and column in
//! the text ([`text`], [`path`]). Nothing is read twice: a workload keeps
//! an index of where its fields are, for the validation errors and
//! warnings found later. Every reading is bounded ([`limits`]).

pub mod cursor;
pub mod decode;
#[cfg(feature = "direct")]
mod direct;
pub mod edit;
pub mod full_module;
mod go_syntax;
pub mod json;
pub mod limits;
pub mod number;
pub mod path;
pub mod progress;
pub(crate) mod shorthand;
mod stream;
pub mod strict;
pub mod text;
pub mod tree;
pub mod warnings;
mod words;
pub mod yaml;
mod yaml_fast;

/// The fast YAML reader against libyaml on one text: panics when they
/// give different events (fuzz/fuzz_targets/yaml_fast.rs).
#[cfg(all(fuzzing, feature = "libyaml"))]
pub use yaml_fast::differential::agree as fast_yaml_agrees;

/// The direct JSON reader against the exact path on one text, with the
/// default limits and small ones: panics when they read it differently
/// (fuzz/fuzz_targets/direct_json.rs).
#[cfg(all(fuzzing, feature = "direct"))]
pub fn direct_json_agrees(text: &str) {
    let src = [Source::new(Some("t"), text)];
    let small = Limits {
        max_values: 64 + text.len() % 512,
        max_depth: 3 + text.len() % 9,
        max_nodes: 2,
        max_pods: 2,
        ..Limits::default()
    };
    for limits in [Limits::default(), small] {
        let (direct, exact) = read_both_ways(&src, &limits);
        assert_eq!(direct, exact, "{limits:?}");
    }
}

/// The [`summary`] of reading `src` with the direct reader, and without.
#[cfg(all(any(test, fuzzing), feature = "direct"))]
fn read_both_ways(src: &[Source], limits: &Limits) -> (String, String) {
    let read = |direct| {
        let how = Reading {
            items: true,
            direct,
        };
        summary(&read_sources(src, limits, &mut Progress::none(), 0, how))
    };
    (read(true), read(false))
}

/// What reading gave, as text to compare: every object with where it
/// came from, the errors, warnings and skipped objects.
#[cfg(any(test, fuzzing))]
fn summary(o: &Objects) -> String {
    fn located<T: std::fmt::Debug>(l: &[Located<T>]) -> String {
        l.iter()
            .map(|x| {
                let o = &x.origin;
                format!(
                    "{}|{}|{}|{}|{:?}|{:?}|{:?}|{:?}\n",
                    o.input,
                    o.doc,
                    o.prefix,
                    o.offset,
                    o.name_offset,
                    x.object,
                    x.problems,
                    x.warnings
                )
            })
            .collect()
    }
    format!(
        "{}{}{}{}{}errors {:?}\nwarnings {:?}\nskipped {:?}",
        located(&o.daemon_sets),
        located(&o.deployments),
        located(&o.nodes),
        located(&o.pods),
        located(&o.priority_classes),
        o.errors,
        o.warnings,
        o.skipped
    )
}

pub use crate::diagnostic::Skipped;
use crate::diagnostic::{Diagnostic, WordArg};
use crate::k8s::defaults;
use crate::k8s::field::go_quote;
use crate::k8s::model::{DaemonSet, Deployment, Node, Pod, PriorityClass, ResourceList};
use crate::k8s::quantity::Quantity;
use crate::k8s::schema::{self, TypeId};
use crate::k8s::validation::node as node_validation;
#[cfg(any(feature = "node-errors", not(target_arch = "wasm32")))]
use crate::k8s::validation::node_errors;
#[cfg(feature = "direct")]
use direct::Direct;
use limits::{LimitError, Limits};
use path::FieldIndex;
use progress::Progress;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::sync::Arc;
use stream::{Docs, Taken};
#[cfg(feature = "direct")]
use stream::{ItemRead, Room};
use text::LineIndex;
use tree::{Doc, Kind, Value};
use warnings::Warning;

/// The syntax of one input text (JSON or YAML).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Json,
    Yaml,
}

impl Syntax {
    /// JSON when the first non-blank character opens an object, as
    /// kubectl's `YAMLOrJSONDecoder` decides (anything else is YAML, of
    /// which JSON is mostly a subset).
    pub fn detect(text: &str) -> Syntax {
        match text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .as_bytes()
            .first()
        {
            Some(b'{') => Syntax::Json,
            _ => Syntax::Yaml,
        }
    }
}

/// Where an object came from.
#[derive(Debug, Clone)]
pub struct Origin {
    /// Index of the input in the list given to [`parse`].
    pub input: usize,
    pub syntax: Syntax,
    /// Which document (or JSON value) of the text.
    pub doc: usize,
    /// Path of the object inside its document (`items[3]`, `nodes[1]`), or "".
    pub prefix: String,
    /// The object came from the shorthand list: its own fields differ
    /// from the Kubernetes ones.
    pub shorthand: bool,
    /// Byte offset where the object starts in its text.
    pub offset: u32,
    /// Byte offset of its name's value (`metadata.name`, or a shorthand
    /// entry's `name`), where written.
    pub name_offset: Option<u32>,
    /// The lines of its text, found when a position is first asked for
    /// (a clean 5,000-node dump never needs them).
    pub lines: Lines,
    /// Where each of its fields stands (workloads only).
    pub fields: Option<Arc<FieldIndex>>,
}

/// The [`LineIndex`] of one text, shared by every object read from it and
/// built on first use.
#[derive(Debug, Clone, Default)]
pub struct Lines(Arc<std::sync::OnceLock<LineIndex>>);

impl Lines {
    /// The line and column of a byte offset of `text` (the text these
    /// lines are of).
    pub fn position(&self, text: &str, offset: u32) -> (u32, u32) {
        self.index(text).position(text, offset)
    }

    fn index(&self, text: &str) -> &LineIndex {
        self.0.get_or_init(|| LineIndex::new(text))
    }
}

impl Origin {
    /// Line and column where the object starts in `sources` (the texts it
    /// was read from).
    pub fn pos(&self, sources: &[Source]) -> Option<(u32, u32)> {
        self.position(sources, self.offset)
    }

    /// Line and column of its name's value, else of the object.
    pub fn name_pos(&self, sources: &[Source]) -> Option<(u32, u32)> {
        self.position(sources, self.name_offset.unwrap_or(self.offset))
    }

    fn position(&self, sources: &[Source], offset: u32) -> Option<(u32, u32)> {
        let text = sources.get(self.input)?.text;
        Some(self.lines.position(text, offset))
    }

    /// The full path inside the document of a field of this object.
    pub fn path(&self, field: &str) -> String {
        match (self.prefix.is_empty(), field.is_empty()) {
            (true, _) => field.to_string(),
            (false, true) => self.prefix.clone(),
            (false, false) => format!("{}.{}", self.prefix, field),
        }
    }
}

/// An object, where it came from, and what the API server's decoding
/// says about it (for a workload: its refusal, located).
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub object: T,
    pub origin: Origin,
    pub problems: Vec<Diagnostic>,
    /// For a workload the API server decodes: the warnings it returns
    /// when it creates it (paths relative to the object; place them with
    /// [`place`]). Empty for anything else.
    pub warnings: Vec<Warning>,
}

impl<T> Located<T> {
    fn new(object: T, origin: Origin) -> Self {
        Located {
            object,
            origin,
            problems: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// One text to read, with the name errors should cite (a file name,
/// `-` for stdin, an editor name), if any.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub name: Option<&'a str>,
    pub text: &'a str,
}

impl<'a> Source<'a> {
    pub fn new(name: Option<&'a str>, text: &'a str) -> Self {
        Source { name, text }
    }
}

/// Everything found in the inputs.
#[derive(Debug, Clone, Default)]
pub struct Objects {
    pub daemon_sets: Vec<Located<DaemonSet>>,
    pub deployments: Vec<Located<Deployment>>,
    pub nodes: Vec<Located<Node>>,
    /// Pods, defaulted as the API server stores them.
    pub pods: Vec<Located<Pod>>,
    pub priority_classes: Vec<Located<PriorityClass>>,
    /// The inputs cannot be used as they are (syntax, an unserved API
    /// version, a node list kubectl or a cluster would refuse, a limit).
    pub errors: Vec<Diagnostic>,
    /// Something was skipped or changed on the way (a repeated key, an
    /// unbound pod, fields a v1.36 server does not know in a node dump).
    pub warnings: Vec<Diagnostic>,
    /// Objects of kinds the engine does not use.
    pub skipped: Vec<Skipped>,
}

/// The kinds the engine reads.
const KINDS: [&str; 5] = ["DaemonSet", "Deployment", "Node", "Pod", "PriorityClass"];

/// Entries of a workload's field index at most.
const MAX_INDEXED_FIELDS: usize = 200_000;

/// Reads every source with the default limits.
pub fn parse(sources: &[Source]) -> Objects {
    parse_with(sources, &Limits::default())
}

/// Reads every source; errors and warnings carry positions.
pub fn parse_with(sources: &[Source], limits: &Limits) -> Objects {
    parse_with_progress(sources, limits, &mut Progress::none(), 0)
}

/// Of the time a text takes to read and decode, the thousandths reading
/// its syntax into value trees takes (the rest is decoding its objects
/// into the model), so that the progress moves at an even pace. Measured
/// in the wasm module (Node.js 20, a CPU profile of `setCluster`) on
/// examples/bench.rs's 5,000-node `kubectl get nodes` dumps: JSON (64
/// MiB) 41% reading, YAML (34 MiB, the fast block reader) 71% (it was 87%
/// with libyaml alone).
fn read_per_mille(syntax: Syntax) -> usize {
    match syntax {
        Syntax::Json => 400,
        Syntax::Yaml => 710,
    }
}

/// [`parse_with`], telling `progress` how far it has come: the sources
/// cover its units from where its last phase ended up to `end`, each in
/// proportion to its length (a phase each), in which reading and decoding
/// move on together (see [`Reader::report`]).
pub fn parse_with_progress(
    sources: &[Source],
    limits: &Limits,
    progress: &mut Progress,
    end: usize,
) -> Objects {
    read_sources(sources, limits, progress, end, Reading::default())
}

/// How [`read_sources`] reads (tests compare the ways).
#[derive(Debug, Clone, Copy)]
struct Reading {
    /// A list's items used as they are read, else after the whole list is.
    items: bool,
    /// A list's nodes and pods read straight from JSON text when they can
    /// be (see [`direct`]), else always through a value tree.
    direct: bool,
}

impl Default for Reading {
    fn default() -> Self {
        Reading {
            items: true,
            direct: true,
        }
    }
}

/// [`parse_with_progress`], read the way `how` says (every way must give
/// the same: tests compare them).
fn read_sources(
    sources: &[Source],
    limits: &Limits,
    progress: &mut Progress,
    end: usize,
    how: Reading,
) -> Objects {
    let mut out = Objects::default();
    let mut budget = Budget::new(limits);
    let start = progress.phase_end();
    let span = end.saturating_sub(start);
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let mut before = 0;
    for (i, src) in sources.iter().enumerate() {
        let from = start + progress::scale(span, before, bytes);
        before += src.text.len();
        let to = start + progress::scale(span, before, bytes);
        progress.phase(to.max(from), src.text.len());
        let mut reader = Reader::new(i, src, limits, &mut out, &mut budget, progress);
        reader.direct = how.direct;
        reader.read(how.items);
    }
    finish(sources, limits, out, budget)
}

/// A member of a request (an object this tool reads, like the wasm
/// module's `rollout` request) that holds Kubernetes objects: its key,
/// the kind and apiVersion its objects have when they say none, and
/// whether it holds a list of them.
#[derive(Debug, Clone, Copy)]
pub struct Member {
    pub key: &'static str,
    pub kind: &'static str,
    pub api_version: &'static str,
    pub list: bool,
}

/// Reads a request: one JSON (or YAML) object whose `members` hold
/// Kubernetes objects, each read as a document's object is (strict
/// decoding, kubectl's errors with field paths relative to the object,
/// positions in the request), and whose other members decode into
/// `T`, this tool's own part of the request. `T` is `None` when the
/// request could not be read (the errors say why).
pub fn parse_request<T: DeserializeOwned>(
    src: &Source,
    members: &[Member],
    limits: &Limits,
) -> (Objects, Option<T>) {
    let mut out = Objects::default();
    let mut budget = Budget::new(limits);
    let mut rest = None;
    let mut progress = Progress::none();
    let mut request = Reader::new(0, src, limits, &mut out, &mut budget, &mut progress);
    request.read_with(false, |r, doc, v, _| {
        if doc > 0 {
            r.invalid(v, None, "a request is one object, not several documents");
        } else if v.kind() != Kind::Object {
            r.invalid(
                v,
                None,
                &format!("a request must be an object, not {}", v.kind().go_word()),
            );
        } else {
            for m in members {
                r.member(doc, v, m);
            }
            rest = r.decode::<T>(v, None);
        }
    });
    let sources = std::slice::from_ref(src);
    (finish(sources, limits, out, budget), rest)
}

/// What every reading ends with: the totals of what went past a limit,
/// the checks across objects, the caps on the diagnostics.
fn finish(sources: &[Source], limits: &Limits, mut out: Objects, budget: Budget) -> Objects {
    // the objects past a limit were counted, not kept: say how many
    // there were in all
    for (at, e) in budget.over {
        if let Some(d) = out.errors.get_mut(at) {
            let said = limit_diagnostic(&e);
            d.detail = said.detail;
            d.words = said.words;
        }
    }
    check_nodes(sources, &mut out);
    check_pods(sources, &mut out);
    summarize_skipped(&mut out);
    cap(&mut out.errors, limits.max_diagnostics, budget.errors_past);
    cap(
        &mut out.warnings,
        limits.max_diagnostics,
        budget.warnings_past,
    );
    out
}

/// Keeps the first `max` diagnostics and says how many more there were.
pub fn cap_diagnostics(list: &mut Vec<Diagnostic>, max: usize) {
    cap(list, max, 0);
}

/// [`cap_diagnostics`] of a list that `past` more, not kept, followed.
fn cap(list: &mut Vec<Diagnostic>, max: usize, past: usize) {
    if list.len() + past > max {
        let more = list.len() + past - max;
        list.truncate(max);
        list.push(
            Diagnostic::new(
                None,
                "Too many problems",
                format!(
                    "and {} more (only the first {} are listed)",
                    limits::thousands(more),
                    limits::thousands(max)
                ),
            )
            .worded(
                "tooManyProblems",
                [("more", more.into()), ("max", max.into())],
            ),
        );
    }
}

/// A limit reached, as an error that names it (and the value found).
fn limit_diagnostic(e: &LimitError) -> Diagnostic {
    let d = Diagnostic::new(None, "Limit", e.to_string());
    match e.found {
        Some(found) => d.worded(
            "limitFound",
            [
                ("what", e.key().into()),
                ("max", e.max.into()),
                ("found", found.into()),
            ],
        ),
        None => d.worded("limit", [("what", e.key().into()), ("max", e.max.into())]),
    }
}

/// Nodes and pods that may still be made (the shorthand's `count`).
#[derive(Clone)]
struct Budget {
    nodes: usize,
    pods: usize,
    /// The limit errors of objects past a limit (index in the errors,
    /// and the error, its `found` counting every object past it).
    over: Vec<(usize, LimitError)>,
    /// Errors and warnings past `max_diagnostics` while reading: counted,
    /// not kept (the reading's end lists only the first ones anyway; a
    /// list of ten million bad items took 1 KB of memory each).
    errors_past: usize,
    warnings_past: usize,
}

impl Budget {
    fn new(limits: &Limits) -> Self {
        Budget {
            nodes: limits.max_nodes,
            pods: limits.max_pods,
            over: Vec::new(),
            errors_past: 0,
            warnings_past: 0,
        }
    }
}

/// Reading one text.
struct Reader<'a, 'o, 'p> {
    input: usize,
    src: &'a Source<'a>,
    limits: &'a Limits,
    out: &'o mut Objects,
    budget: &'o mut Budget,
    lines: Lines,
    syntax: Syntax,
    /// Told how far the reading and the decoding have come together.
    progress: &'o mut Progress<'p>,
    /// The byte read up to, the start of the object decoded last, and
    /// the thousandths of the time reading takes (see [`read_per_mille`]).
    read_pos: usize,
    decoded_pos: usize,
    read_share: usize,
    /// A list's nodes and pods read straight from JSON text when they can
    /// be (see [`direct`]); tests turn it off to compare.
    direct: bool,
    /// What reading items straight from the text remembers.
    #[cfg(feature = "direct")]
    memo: direct::Memo,
    /// Items of this text the direct reader gave up on in a row.
    #[cfg(feature = "direct")]
    direct_misses: usize,
    /// The label and annotation keys of its nodes found valid so far.
    node_memo: node_validation::Memo,
}

/// What reading had made when a list's first item was used (see
/// [`Reader::rollback`]).
struct Checkpoint {
    /// The lengths of the lists of [`Objects`], in the order of its fields.
    lens: [usize; 8],
    /// Of them, the warnings' (the document's repeated keys go there).
    warnings: usize,
    budget: Budget,
}

/// Hands a text's documents, and a list's items as they are read, to
/// their reader (see [`stream`]); `each` does what is done with a
/// document (its items taken already).
struct Sink<'s, 'a, 'o, 'p, F> {
    r: &'s mut Reader<'a, 'o, 'p>,
    each: F,
    /// Documents read in full so far.
    docs: usize,
    /// What there was before the current document's first item was used.
    checkpoint: Option<Checkpoint>,
}

impl<'a, 'o, 'p, F: FnMut(&mut Reader<'a, 'o, 'p>, usize, Value, Taken)> Docs
    for Sink<'_, 'a, 'o, 'p, F>
{
    fn read_to(&mut self, pos: usize) {
        self.r.read_pos = pos;
        self.r.report();
    }

    fn item(&mut self, item: Value, index: usize) -> bool {
        // an item without a kind of its own is of the list's kind, which
        // the list may only say after its items
        let own_kind = item.kind() != Kind::Object
            || item
                .get("kind")
                .and_then(|k| k.as_str())
                .is_some_and(|k| !k.is_empty());
        if !own_kind {
            return false;
        }
        if self.checkpoint.is_none() {
            self.checkpoint = Some(self.r.checkpoint());
        }
        self.r
            .object(self.docs, &format!("items[{index}]"), item, None);
        true
    }

    #[cfg(feature = "direct")]
    fn direct_item(&mut self, pos: usize, index: usize, room: Room) -> Option<ItemRead> {
        // a text whose items the direct reader keeps giving up on (a newer
        // cluster's dump, with a field v1.36 does not know in every node)
        // is left to the exact path, not read twice item after item
        if !self.r.direct || self.r.direct_misses >= DIRECT_MISSES {
            return None;
        }
        let read = self.direct(pos, index, room);
        if read.is_some() {
            self.r.direct_misses = 0;
        } else {
            self.r.direct_misses += 1;
        }
        read
    }

    fn doc(&mut self, doc: Doc, taken: Taken) -> bool {
        let text = self.r.src.text;
        let v = doc.tree.node(text, doc.root);
        match self.checkpoint.take() {
            Some(c) if taken.count > 0 => {
                if !is_list_of(v, taken) {
                    self.r.rollback(c);
                    return false;
                }
                // the document's repeated keys come before what its items said
                let at = c.warnings;
                let mut after = self.r.out.warnings.split_off(at);
                self.r.duplicates(&doc.duplicate_keys);
                self.r.out.warnings.append(&mut after);
            }
            _ => self.r.duplicates(&doc.duplicate_keys),
        }
        (self.each)(self.r, self.docs, v, taken);
        self.docs += 1;
        self.r.decoded_pos = self.r.read_pos;
        self.r.report();
        true
    }
}

/// Items in a row the direct reader may give up on before a text is left
/// to the exact path (each one given up on is read twice).
#[cfg(feature = "direct")]
const DIRECT_MISSES: usize = 8;

#[cfg(all(test, feature = "direct"))]
thread_local! {
    /// Items read straight from the text on this thread (tests see that
    /// they are).
    static DIRECT_ITEMS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

#[cfg(feature = "direct")]
impl<'a, 'o, 'p, F> Sink<'_, 'a, 'o, 'p, F> {
    /// Item `index` at `pos` read straight from the text, if it can be.
    fn direct(&mut self, pos: usize, index: usize, room: Room) -> Option<ItemRead> {
        let (d, api_version, kind) = Direct::start(self.r.src.text, pos, room, &mut self.r.memo)?;
        // the kinds of the big lists, when they are what the exact path
        // would read without a word (see `Reader::object` and `known`)
        let ty = schema::root(&api_version, &kind)?;
        let (nodes, pods) = (self.r.budget.nodes, self.r.budget.pods);
        match &*kind {
            "Node" if nodes > 0 => {
                let mut node = Node::default();
                let (read, name) = d.finish(ty, &mut node)?;
                // a node the API server would refuse is left to the exact
                // path, which locates its errors in the tree
                if !node_validation::is_valid(&node, &mut self.r.node_memo) {
                    return None;
                }
                let origin = self.direct_origin(pos, index, name);
                self.r.budget.nodes -= 1;
                self.r.out.nodes.push(Located::new(node, origin));
                Some(self.direct_done(read))
            }
            "Pod" if pods > 0 => {
                let mut pod = Pod::default();
                let (read, name) = d.finish(ty, &mut pod)?;
                defaults::default_pod(&mut pod);
                let origin = self.direct_origin(pos, index, name);
                self.r.budget.pods -= 1;
                self.r.out.pods.push(Located::new(pod, origin));
                Some(self.direct_done(read))
            }
            _ => None,
        }
    }

    /// Where item `index`, read straight from the text at `pos`, comes
    /// from (what [`Reader::origin`] says of an item read into a tree),
    /// once the list's first item is about to be kept.
    fn direct_origin(&mut self, pos: usize, index: usize, name: Option<u32>) -> Origin {
        if self.checkpoint.is_none() {
            self.checkpoint = Some(self.r.checkpoint());
        }
        let r = &mut *self.r;
        r.decoded(pos);
        Origin {
            input: r.input,
            syntax: r.syntax,
            doc: self.docs,
            prefix: format!("items[{index}]"),
            shorthand: false,
            offset: pos as u32,
            name_offset: name,
            lines: r.lines.clone(),
            fields: None,
        }
    }

    /// An item read straight from the text is kept.
    fn direct_done(&mut self, read: ItemRead) -> ItemRead {
        self.r.read_pos = read.end;
        self.r.report();
        #[cfg(test)]
        DIRECT_ITEMS.with(|n| n.set(n.get() + 1));
        read
    }
}

/// Whether `v`, a document's top-level object, is a list whose items are
/// the node `taken` came from (what [`Reader::object`] reads as a list).
fn is_list_of(v: Value, taken: Taken) -> bool {
    let kind = v.get("kind").and_then(|k| k.as_str()).unwrap_or("");
    v.kind() == Kind::Object
        && (kind == "List" || kind.ends_with("List"))
        && taken.items.is_some()
        && v.get("items").map(|i| i.id) == taken.items
}

impl<'a, 'o, 'p> Reader<'a, 'o, 'p> {
    fn new(
        input: usize,
        src: &'a Source<'a>,
        limits: &'a Limits,
        out: &'o mut Objects,
        budget: &'o mut Budget,
        progress: &'o mut Progress<'p>,
    ) -> Self {
        Reader {
            input,
            src,
            limits,
            out,
            budget,
            lines: Lines::default(),
            syntax: Syntax::detect(src.text),
            progress,
            read_pos: 0,
            decoded_pos: 0,
            read_share: read_per_mille(Syntax::detect(src.text)),
            direct: true,
            #[cfg(feature = "direct")]
            memo: direct::Memo::default(),
            #[cfg(feature = "direct")]
            direct_misses: 0,
            node_memo: node_validation::Memo::default(),
        }
    }

    /// Tells the progress how far reading and decoding have come: each
    /// byte counts once read and once decoded, weighed by the time each
    /// takes, so that the progress moves at an even pace whether a list's
    /// items are decoded as they are read or a document after it is read.
    fn report(&mut self) {
        let w = self.read_share;
        let done = (self.read_pos as u64 * w as u64
            + self.decoded_pos.min(self.read_pos) as u64 * (1000 - w) as u64)
            / 1000;
        self.progress.at(done as usize);
    }

    /// An object starting at byte `pos` is decoded.
    fn decoded(&mut self, pos: usize) {
        self.decoded_pos = self.decoded_pos.max(pos);
        self.report();
    }

    /// An error, kept while fewer than `max_diagnostics` are (a limit's
    /// always: [`finish`] amends it), else counted.
    fn error(&mut self, d: Diagnostic) {
        if self.out.errors.len() < self.limits.max_diagnostics || d.kind == "Limit" {
            self.out.errors.push(d);
        } else {
            self.budget.errors_past += 1;
        }
    }

    /// A warning, kept while fewer than `max_diagnostics` are, else counted.
    fn warning(&mut self, d: Diagnostic) {
        if self.out.warnings.len() < self.limits.max_diagnostics {
            self.out.warnings.push(d);
        } else {
            self.budget.warnings_past += 1;
        }
    }

    fn checkpoint(&self) -> Checkpoint {
        let o = &self.out;
        Checkpoint {
            lens: [
                o.daemon_sets.len(),
                o.deployments.len(),
                o.nodes.len(),
                o.pods.len(),
                o.priority_classes.len(),
                o.errors.len(),
                o.warnings.len(),
                o.skipped.len(),
            ],
            warnings: o.warnings.len(),
            budget: self.budget.clone(),
        }
    }

    /// Undoes what the items of a document did since `c` (the document
    /// was not a list, or was cut short).
    fn rollback(&mut self, c: Checkpoint) {
        let o = &mut *self.out;
        let [ds, dep, nodes, pods, pcs, errors, warnings, skipped] = c.lens;
        o.daemon_sets.truncate(ds);
        o.deployments.truncate(dep);
        o.nodes.truncate(nodes);
        o.pods.truncate(pods);
        o.priority_classes.truncate(pcs);
        o.errors.truncate(errors);
        o.warnings.truncate(warnings);
        o.skipped.truncate(skipped);
        *self.budget = c.budget;
    }

    fn lines(&self) -> &LineIndex {
        self.lines.index(self.src.text)
    }

    fn pos(&mut self, offset: u32) -> (u32, u32) {
        self.lines.position(self.src.text, offset)
    }

    /// A diagnostic at a byte offset of this text.
    fn at(&mut self, offset: u32, d: Diagnostic) -> Diagnostic {
        let mut d = d.with_position(Some(self.pos(offset)));
        d.source = self.src.name.map(str::to_string);
        d
    }

    /// Reads the text's documents, each an object, a list (its items
    /// used as they are read when `items`) or the shorthand.
    fn read(&mut self, items: bool) {
        self.read_with(items, |r, doc, v, taken| {
            r.object_after(doc, "", v, None, taken.count)
        });
    }

    /// Reads the text's documents, handing each to `each` (and a list's
    /// items to [`Reader::object`] as they are read, when `items`).
    fn read_with(&mut self, items: bool, each: impl FnMut(&mut Self, usize, Value, Taken)) {
        let text = self.src.text;
        if text.len() > self.limits.max_input_bytes {
            let e = LimitError::input_bytes(self.limits.max_input_bytes, text.len());
            let mut d = limit_diagnostic(&e);
            d.source = self.src.name.map(str::to_string);
            self.error(d);
            return;
        }
        let (syntax, limits) = (self.syntax, self.limits);
        let mut sink = Sink {
            r: self,
            each,
            docs: 0,
            checkpoint: None,
        };
        let err = match syntax {
            Syntax::Json => json::read_into(text, limits, &mut sink, items).map(|e| match e {
                json::ReadError::Syntax { pos, message } => {
                    (pos, Diagnostic::new(None, "Syntax error", message))
                }
                json::ReadError::Limit(l) => (l.pos, limit_diagnostic(&l)),
            }),
            Syntax::Yaml => yaml::read_into(text, limits, &mut sink, items).map(|e| match e {
                yaml::ReadError::Syntax { pos, message } => {
                    (pos, Diagnostic::new(None, "Syntax error", message))
                }
                yaml::ReadError::Limit(l) => (l.pos, limit_diagnostic(&l)),
            }),
        };
        // a list cut short: what its items said goes, as the list does
        if let Some(c) = sink.checkpoint.take() {
            self.rollback(c);
        }
        if let Some((pos, mut d)) = err {
            if d.kind == "Syntax error" {
                if let Some(line) = template_line(text) {
                    d = d.hinted(
                        format!("the text looks like a template (`{{{{ … }}}}` on line {line}): kubectl reads it as it is; render it first (`helm template`, for example)"),
                        "templateText",
                        [("line", line.into())],
                    );
                }
            }
            self.read_error((pos, d));
        }
    }

    fn read_error(&mut self, (pos, d): (u32, Diagnostic)) {
        let d = self.at(pos, d);
        self.error(d);
    }

    fn duplicates(&mut self, keys: &[u32]) {
        for &k in keys {
            let d = self.at(
                k,
                Diagnostic::new(
                    None,
                    "Repeated key",
                    "this key appears again later in the same mapping; kubectl keeps the last value and drops this one",
                )
                .worded("repeatedKey", []),
            );
            self.warning(d);
        }
    }

    fn origin(&mut self, doc: usize, prefix: &str, v: Value) -> Origin {
        let name = v
            .get("metadata")
            .and_then(|m| m.get("name"))
            .or_else(|| v.get("name"));
        Origin {
            input: self.input,
            syntax: self.syntax,
            doc,
            prefix: prefix.to_string(),
            shorthand: false,
            offset: v.pos(),
            name_offset: name.map(|n| n.pos()),
            lines: self.lines.clone(),
            fields: None,
        }
    }

    /// An "Invalid value" error at `v` (`field`: its path).
    fn invalid(&mut self, v: Value, field: Option<String>, detail: &str) {
        let d = self.at(v.pos(), Diagnostic::new(field, "Invalid value", detail));
        self.error(d);
    }

    /// One member of a request (see [`parse_request`]): its object, or
    /// each object of its list, of the member's kind.
    fn member(&mut self, doc: usize, request: Value, m: &Member) {
        let Some(v) = request.get(m.key).filter(|v| !v.is_null()) else {
            return;
        };
        if !m.list {
            self.member_object(doc, m.key.to_string(), v, m);
        } else if v.kind() != Kind::Array {
            let what = format!("must be a list of {} objects", m.kind);
            self.invalid(v, Some(m.key.to_string()), &what);
        } else {
            for (i, item) in v.elements().enumerate() {
                self.member_object(doc, format!("{}[{i}]", m.key), item, m);
            }
        }
    }

    fn member_object(&mut self, doc: usize, prefix: String, v: Value, m: &Member) {
        if v.kind() != Kind::Object {
            let what = format!("must be a {} object, not {}", m.kind, v.kind().go_word());
            self.invalid(v, Some(prefix), &what);
            return;
        }
        let kind = v.get("kind").and_then(|k| k.as_str()).unwrap_or("");
        if !kind.is_empty() && !kind.eq_ignore_ascii_case(m.kind) {
            let at = v.get("kind").unwrap_or(v);
            let what = format!("must be a {}, not a {kind}", m.kind);
            self.invalid(at, Some(format!("{prefix}.kind")), &what);
            return;
        }
        self.object(doc, &prefix, v, Some((m.kind, m.api_version)));
    }

    /// One object (or list) at `prefix` of document `doc`. `list_kind`:
    /// the kind and apiVersion of the enclosing typed list, for items that
    /// have none (a list as the API returns it).
    fn object(&mut self, doc: usize, prefix: &str, v: Value, list_kind: Option<(&str, &str)>) {
        self.object_after(doc, prefix, v, list_kind, 0);
    }

    /// [`Reader::object`], a list's first `taken` items used already.
    fn object_after(
        &mut self,
        doc: usize,
        prefix: &str,
        v: Value,
        list_kind: Option<(&str, &str)>,
        taken: usize,
    ) {
        self.decoded(v.pos() as usize);
        if v.kind() != Kind::Object {
            let d = self.at(
                v.pos(),
                Diagnostic::new(
                    None,
                    "Invalid document",
                    format!(
                        "json: cannot unmarshal {} into Go value of type map[string]interface {{}} (a document must be a Kubernetes object or a shorthand `nodes:` list)",
                        v.kind().go_word()
                    ),
                )
                .worded("invalidDocument", [("type", v.kind().go_word().into())]),
            );
            self.error(d);
            return;
        }
        let str_of = |key: &str| v.get(key).and_then(|x| x.as_str()).unwrap_or("");
        let mut kind = str_of("kind").to_string();
        let mut api_version = str_of("apiVersion").to_string();
        if kind.is_empty() {
            if let Some((k, av)) = list_kind {
                kind = k.to_string();
                if api_version.is_empty() {
                    api_version = av.to_string();
                }
            }
        }
        if kind.is_empty() {
            if let Some(nodes) = v.get("nodes") {
                self.shorthand(doc, prefix, nodes);
                return;
            }
            let d = self.at(
                v.pos(),
                Diagnostic::new(
                    None,
                    "Unknown document",
                    "Object 'Kind' is missing: expected a Kubernetes object with `kind` (DaemonSet, Node, Pod, Deployment, PriorityClass, a List) or a shorthand `nodes:` list",
                )
                .worded("unknownDocument", []),
            );
            self.error(d);
            return;
        }
        if let Some(items) = v.get("items").filter(|i| i.kind() == Kind::Array) {
            if kind == "List" || kind.ends_with("List") {
                let item_kind = kind.strip_suffix("List").filter(|k| !k.is_empty());
                for (i, item) in items.elements().enumerate().skip(taken) {
                    let p = if prefix.is_empty() {
                        format!("items[{i}]")
                    } else {
                        format!("{prefix}.items[{i}]")
                    };
                    self.object(doc, &p, item, item_kind.map(|k| (k, api_version.as_str())));
                }
                return;
            }
        }
        match KINDS.iter().find(|k| k.eq_ignore_ascii_case(&kind)) {
            Some(&known) => match schema::root(&api_version, &kind) {
                Some(ty) => self.known(doc, prefix, v, known, &api_version, ty),
                None => self.unserved(v, &kind, &api_version, known),
            },
            None => {
                let (line, column) = self.pos(v.pos());
                let name = v
                    .get("metadata")
                    .and_then(|m| m.get("name"))
                    .and_then(|n| n.as_str())
                    .unwrap_or("")
                    .to_string();
                self.out.skipped.push(Skipped {
                    api_version,
                    kind,
                    name,
                    line: Some(line),
                    column: Some(column),
                    source: self.src.name.map(str::to_string),
                });
            }
        }
    }

    /// kubectl's mapping error for a kind in a version v1.36 does not serve.
    fn unserved(&mut self, v: Value, kind: &str, api_version: &str, known: &str) {
        let meta = v.get("metadata");
        let field = |k: &str| {
            meta.and_then(|m| m.get(k))
                .and_then(|x| x.as_str())
                .unwrap_or("")
        };
        let from = self.src.name.unwrap_or("STDIN");
        let detail = format!(
            "resource mapping not found for name: {} namespace: {} from {}: no matches for kind {} in version {}",
            go_quote(field("name")),
            go_quote(field("namespace")),
            go_quote(from),
            go_quote(kind),
            go_quote(api_version)
        );
        let served = schema::served_versions(known)
            .first()
            .copied()
            .unwrap_or("");
        let d = Diagnostic::new(Some("apiVersion".into()), "Unserved API version", detail);
        let d = if kind != known {
            d.hinted(
                format!("the kind is `{known}` (case matters)"),
                "kindCase",
                [("kind", known.into())],
            )
        } else if let Some(r) = schema::removed_versions(known)
            .iter()
            .find(|r| r.api_version == api_version)
        {
            let selector = matches!(known, "DaemonSet" | "Deployment");
            d.hinted(
                format!(
                    "{} stopped serving {kind} in {}: use `apiVersion: {served}`{}",
                    r.api_version,
                    r.removed_in,
                    if selector {
                        " (which requires `spec.selector`)"
                    } else {
                        ""
                    }
                ),
                if selector {
                    "removedVersionSelector"
                } else {
                    "removedVersion"
                },
                [
                    ("apiVersion", r.api_version.into()),
                    ("kind", kind.into()),
                    ("removedIn", r.removed_in.into()),
                    ("served", served.into()),
                ],
            )
        } else if api_version.is_empty() {
            d.hinted(
                format!("the object has no `apiVersion`: add `apiVersion: {served}`"),
                "noApiVersion",
                [("served", served.into())],
            )
        } else {
            d.hinted(
                format!("v1.36 serves {kind} as `apiVersion: {served}`"),
                "servedAs",
                [("kind", kind.into()), ("served", served.into())],
            )
        };
        let pos = v.get("apiVersion").map_or(v.pos(), |x| x.pos());
        let d = self.at(pos, d);
        self.error(d);
    }

    /// An object of a kind the engine reads, in a served version.
    fn known(
        &mut self,
        doc: usize,
        prefix: &str,
        v: Value,
        kind: &'static str,
        api_version: &str,
        ty: TypeId,
    ) {
        let checked = strict::check(v, ty);
        let version = api_version.rsplit('/').next().unwrap_or(api_version);
        let workload = matches!(kind, "DaemonSet" | "Deployment");
        let mut problems = Vec::new();
        for p in &checked.problems {
            let node = v.tree().node(self.src.text, p.node);
            let (diag_kind, text) = match p.kind {
                strict::ProblemKind::UnknownField => {
                    ("Decode error", format!("strict decoding error: {}", p.text))
                }
                _ => ("Decode error", p.text.clone()),
            };
            let mut d = Diagnostic::new(
                Some(p.path.clone()),
                diag_kind,
                format!(
                    "{kind} in version {} cannot be handled as a {kind}: {text}",
                    go_quote(version)
                ),
            );
            if let Some(h) = p.hint {
                d = d.hinted(
                    format!("did you mean `{h}`?"),
                    "didYouMean",
                    [("field", h.into())],
                );
            }
            let d = self.at(node.pos(), d);
            problems.push(d);
        }
        let mut origin = self.origin(doc, prefix, v);
        if workload {
            let lines = self.lines();
            origin.fields = Some(Arc::new(FieldIndex::build(v, lines, MAX_INDEXED_FIELDS)));
        }
        let skip = Some(&checked.skip);
        // what the API server warns about on create, from the JSON it
        // decoded whole (the warnings read fields the model does not carry)
        let create_warnings = || {
            if workload && problems.is_empty() {
                warnings::workload(v)
            } else {
                Vec::new()
            }
        };
        match kind {
            "DaemonSet" => {
                if let Some(o) = self.decode::<DaemonSet>(v, skip) {
                    let warnings = create_warnings();
                    self.out.daemon_sets.push(Located {
                        object: o,
                        origin,
                        problems,
                        warnings,
                    });
                }
            }
            "Deployment" => {
                if let Some(o) = self.decode::<Deployment>(v, skip) {
                    let warnings = create_warnings();
                    self.out.deployments.push(Located {
                        object: o,
                        origin,
                        problems,
                        warnings,
                    });
                }
            }
            other => {
                // cluster state: unknown fields may come from a newer
                // cluster's dump (a warning); anything else is an error
                let mut refused = false;
                for d in problems {
                    if d.detail.contains(": strict decoding error: ") {
                        let meant = d
                            .hint_words
                            .as_ref()
                            .and_then(|w| w.args.get("field"))
                            .cloned();
                        let hint = format!(
                            "a v1.36 API server does not know this field (the dump may come from a newer cluster): it is ignored{}",
                            d.hint.as_ref().map(|h| format!("; {h}")).unwrap_or_default()
                        );
                        let w = match meant {
                            Some(field) => {
                                d.hinted(hint, "unknownFieldInDumpDidYouMean", [("field", field)])
                            }
                            None => d.hinted(hint, "unknownFieldInDump", []),
                        };
                        self.warning(w);
                    } else {
                        refused = true;
                        self.error(d);
                    }
                }
                match other {
                    "Node" => {
                        if self.budget.nodes == 0 {
                            self.limit_reached(v, "nodes", self.limits.max_nodes);
                            return;
                        }
                        if let Some(o) = self.decode::<Node>(v, skip) {
                            // the API server validates what it could decode
                            if !refused && !node_validation::is_valid(&o, &mut self.node_memo) {
                                #[cfg(any(feature = "node-errors", not(target_arch = "wasm32")))]
                                self.node_errors(v, &o);
                                #[cfg(not(any(
                                    feature = "node-errors",
                                    not(target_arch = "wasm32")
                                )))]
                                full_module::need();
                            }
                            self.budget.nodes -= 1;
                            self.out.nodes.push(Located::new(o, origin));
                        }
                    }
                    "Pod" => {
                        if self.budget.pods == 0 {
                            self.limit_reached(v, "pods", self.limits.max_pods);
                            return;
                        }
                        if let Some(mut o) = self.decode::<Pod>(v, skip) {
                            defaults::default_pod(&mut o);
                            self.budget.pods -= 1;
                            self.out.pods.push(Located::new(o, origin));
                        }
                    }
                    _ => {
                        if let Some(o) = self.decode::<PriorityClass>(v, skip) {
                            self.out.priority_classes.push(Located::new(o, origin));
                        }
                    }
                }
            }
        }
    }

    /// One more object of a kind past its limit: said once, at the
    /// first, with the count of all of them (see [`parse_with`]).
    fn limit_reached(&mut self, v: Value, what: &'static str, max: usize) {
        let what = if what == "nodes" {
            "number of nodes"
        } else {
            "number of pods"
        };
        if let Some((_, e)) = self.budget.over.iter_mut().find(|(_, e)| e.what == what) {
            e.found = e.found.map(|n| n.saturating_add(1));
            return;
        }
        // a shorthand list already said it, with its totals
        if self
            .out
            .errors
            .iter()
            .any(|e| e.kind == "Limit" && e.detail.contains(what))
        {
            return;
        }
        let e = LimitError {
            what,
            max,
            found: Some(max.saturating_add(1)),
            pos: v.pos(),
        };
        let d = self.at(v.pos(), limit_diagnostic(&e));
        self.budget.over.push((self.out.errors.len(), e));
        self.error(d);
    }

    /// The errors of `ValidateNode` for a node read from `v` (its
    /// validation errors: the API server would refuse it), each at the
    /// field it is about.
    #[cfg(any(feature = "node-errors", not(target_arch = "wasm32")))]
    fn node_errors(&mut self, v: Value, node: &Node) {
        for e in node_errors::validate_node(node) {
            // past the cap only counted: not located (100,000 bad taints)
            if self.out.errors.len() >= self.limits.max_diagnostics {
                self.budget.errors_past += 1;
                continue;
            }
            let at = locate_steps(v, &e.at, e.key);
            let d = self.at(at.pos(), e.diagnostic);
            self.error(d);
        }
    }

    fn decode<T: DeserializeOwned>(
        &mut self,
        v: Value,
        skip: Option<&std::collections::HashSet<tree::NodeId>>,
    ) -> Option<T> {
        match decode::decode::<T>(v, skip) {
            Ok(o) => Some(o),
            Err(e) => {
                let node = e.node.map_or(v, |n| v.tree().node(self.src.text, n));
                let d = self.at(
                    node.pos(),
                    Diagnostic::new(
                        e.path.clone().filter(|p| !p.is_empty()),
                        "Invalid value",
                        e.message,
                    ),
                );
                self.error(d);
                None
            }
        }
    }

    /// The shorthand node list.
    fn shorthand(&mut self, doc: usize, prefix: &str, nodes: Value) {
        let list_prefix = if prefix.is_empty() {
            "nodes".to_string()
        } else {
            format!("{prefix}.nodes")
        };
        if nodes.kind() != Kind::Array {
            let d = self.at(
                nodes.pos(),
                Diagnostic::new(
                    Some(list_prefix),
                    "Invalid value",
                    "`nodes:` must be a list of node entries",
                )
                .worded("nodesNotAList", []),
            );
            self.error(d);
            return;
        }
        // what the whole list would make, counted from the tree before
        // anything is decoded or made: a list past the limits is refused
        // at once, with the totals (aliases make a short text a long list)
        let (want_nodes, want_pods) = nodes.elements().fold((0usize, 0usize), |(n, p), e| {
            let count = shorthand_count(e);
            let pods = e
                .get("pods")
                .filter(|v| v.kind() == Kind::Array)
                .map_or(0, |v| v.len());
            (
                n.saturating_add(count),
                p.saturating_add(count.saturating_mul(pods)),
            )
        });
        if want_nodes > self.budget.nodes || want_pods > self.budget.pods {
            let (what, max, found) = if want_nodes > self.budget.nodes {
                (
                    "number of nodes",
                    self.limits.max_nodes,
                    (self.limits.max_nodes - self.budget.nodes).saturating_add(want_nodes),
                )
            } else {
                (
                    "number of pods",
                    self.limits.max_pods,
                    (self.limits.max_pods - self.budget.pods).saturating_add(want_pods),
                )
            };
            let e = LimitError {
                what,
                max,
                found: Some(found),
                pos: nodes.pos(),
            };
            let mut d = limit_diagnostic(&e).hinted(
                "an entry makes `count` nodes (1 without it), and one pod per node of each of its `pods`",
                "shorthandExpansion",
                [],
            );
            d.field = Some(list_prefix);
            let d = self.at(nodes.pos(), d);
            self.error(d);
            self.budget.nodes = 0;
            self.budget.pods = 0;
            return;
        }
        for (i, entry) in nodes.elements().enumerate() {
            self.decoded(entry.pos() as usize);
            let entry_prefix = format!("{list_prefix}[{i}]");
            let short: shorthand::ShortNode = match decode::decode(entry, None) {
                Ok(s) => s,
                Err(e) => {
                    let node = e
                        .node
                        .map_or(entry, |n| entry.tree().node(self.src.text, n));
                    let field = match e.path.as_deref() {
                        Some(p) if !p.is_empty() => format!("{entry_prefix}.{p}"),
                        _ => entry_prefix.clone(),
                    };
                    let d = self.at(
                        node.pos(),
                        Diagnostic::new(Some(field), "Invalid value", e.message),
                    );
                    self.error(d);
                    continue;
                }
            };
            // the whole expansion must fit the budget before anything is made
            // a count out of range is said by expand(), with its limit
            let count = usize::try_from(
                short
                    .count
                    .unwrap_or(1)
                    .clamp(1, i64::from(shorthand::MAX_COUNT)),
            )
            .unwrap_or(1);
            let pods = count.saturating_mul(short.pods.len());
            if count > self.budget.nodes || pods > self.budget.pods {
                let (what, max, found) = if count > self.budget.nodes {
                    (
                        "number of nodes",
                        self.limits.max_nodes,
                        self.limits.max_nodes - self.budget.nodes + count,
                    )
                } else {
                    (
                        "number of pods",
                        self.limits.max_pods,
                        self.limits.max_pods - self.budget.pods + pods,
                    )
                };
                let e = LimitError {
                    what,
                    max,
                    found: Some(found),
                    pos: entry.pos(),
                };
                let mut d = limit_diagnostic(&e);
                d.field = Some(entry_prefix);
                let d = self.at(entry.pos(), d);
                self.error(d);
                // nothing more can be made
                self.budget.nodes = 0;
                self.budget.pods = 0;
                return;
            }
            let mut origin = self.origin(doc, &entry_prefix, entry);
            origin.shorthand = true;
            match short.expand() {
                Ok((made_nodes, made_pods)) => {
                    self.budget.nodes -= made_nodes.len();
                    self.budget.pods -= made_pods.len();
                    for n in made_nodes {
                        self.out.nodes.push(Located::new(n, origin.clone()));
                    }
                    for mut p in made_pods {
                        defaults::default_pod(&mut p);
                        self.out.pods.push(Located::new(p, origin.clone()));
                    }
                }
                Err(errs) => {
                    for e in errs {
                        let (node, _) = locate_in(entry, &e.field);
                        let d = self.at(
                            node.pos(),
                            Diagnostic::new(
                                Some(format!("{entry_prefix}.{}", e.field)),
                                e.kind,
                                e.detail,
                            ),
                        );
                        self.error(d);
                    }
                }
            }
            // quantities of the hand-written allocatable must parse
            let alloc: Option<&ResourceList> =
                short.allocatable.as_ref().or(short.capacity.as_ref());
            if let Some(list) = alloc {
                let field = if short.allocatable.is_some() {
                    "allocatable"
                } else {
                    "capacity"
                };
                for (res, q) in list {
                    if let Err(e) = Quantity::parse(q) {
                        let path = format!("{field}[{res}]");
                        let (node, _) = locate_in(entry, &path);
                        let d = self.at(
                            node.pos(),
                            Diagnostic::new(
                                Some(format!("{entry_prefix}.{path}")),
                                "Invalid value",
                                format!("{q:?}: {e}"),
                            ),
                        );
                        self.error(d);
                    }
                }
            }
        }
    }
}

/// The nodes a shorthand entry makes, read from its tree: its `count`
/// when that is a whole number within the shorthand's range, else 1 (an
/// entry whose `count` is wrong makes nothing, and says why later).
fn shorthand_count(entry: Value) -> usize {
    entry
        .get("count")
        .and_then(|c| c.number_text())
        .and_then(|t| t.parse::<u32>().ok())
        .filter(|&c| (1..=shorthand::MAX_COUNT).contains(&c))
        .map_or(1, |c| c as usize)
}

/// The deepest value of `path` (relative to `v`) that exists, and whether
/// the whole path does.
fn locate_in<'t>(v: Value<'t>, path: &str) -> (Value<'t>, bool) {
    let mut cur = v;
    for seg in path::parse_path(path) {
        let next = match &seg {
            path::Segment::Key(k) => cur.get(k),
            path::Segment::Index(i) => cur.at(*i),
        };
        match next {
            Some(n) => cur = n,
            None => return (cur, false),
        }
    }
    (cur, true)
}

/// Where a node validation error's field stands in `v` (the node): the
/// value of the last step, or its key for an error about a key; the
/// deepest written parent when the field is not written.
#[cfg(any(feature = "node-errors", not(target_arch = "wasm32")))]
fn locate_steps<'t>(v: Value<'t>, at: &[node_errors::Step], key: bool) -> Value<'t> {
    let mut cur = v;
    for (i, step) in at.iter().enumerate() {
        let last = i + 1 == at.len();
        let next = match step {
            node_errors::Step::Key(k) => match cur.member(k) {
                Some((k, _)) if last && key => Some(k),
                Some((_, val)) => Some(val),
                None => None,
            },
            node_errors::Step::Index(n) => cur.at(*n),
        };
        match next {
            Some(n) => cur = n,
            None => break,
        }
    }
    cur
}

/// The line and column (1-based, columns in characters) of `field` (a
/// path inside a workload, as the API server names it) in its text; the
/// object's own position for a field that is not written there, or for
/// objects other than workloads.
pub fn locate(sources: &[Source], origin: &Origin, field: &str) -> Option<(u32, u32)> {
    origin
        .fields
        .as_ref()
        .and_then(|f| f.value(field))
        .or_else(|| origin.pos(sources))
}

/// Places a diagnostic about `field` (a path inside the object, as the
/// API server names it) of an object: its line and column (of the value;
/// of the deepest existing parent when the field is absent) and the name
/// of its text.
pub fn place(sources: &[Source], origin: &Origin, field: &str, mut d: Diagnostic) -> Diagnostic {
    d = d.with_position(locate(sources, origin, field));
    d.field = Some(field.to_string()).filter(|f| !f.is_empty());
    d.source = sources
        .get(origin.input)
        .and_then(|s| s.name.map(str::to_string));
    d
}

/// Node names must be present and unique: a nameless node and every
/// later node of a name already seen are errors and are left out (of
/// every count).
fn check_nodes(sources: &[Source], out: &mut Objects) {
    let nodes = std::mem::take(&mut out.nodes);
    // each name's first node (names borrowed: a big dump's names are not
    // copied), and the nodes left out
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(nodes.len());
    let mut left_out = Vec::new();
    let name_field = |o: &Origin| if o.shorthand { "name" } else { "metadata.name" };
    for (i, n) in nodes.iter().enumerate() {
        let name = n.object.name();
        if name.is_empty() {
            let mut d = Diagnostic::new(None, "Required value", "a node needs a name")
                .worded("nodeNameRequired", [])
                .with_position(n.origin.pos(sources));
            d.field = Some(n.origin.path(name_field(&n.origin)));
            d.source = sources
                .get(n.origin.input)
                .and_then(|s| s.name.map(str::to_string));
            out.errors.push(d);
            left_out.push(i);
            continue;
        }
        if let Some(&first) = seen.get(name) {
            let f: &Located<Node> = &nodes[first];
            let first_pos = f.origin.name_pos(sources);
            let other_text = (f.origin.input != n.origin.input)
                .then(|| sources.get(f.origin.input).and_then(|s| s.name))
                .flatten();
            let at = match (first_pos, other_text) {
                (Some((l, c)), Some(src)) => format!(" (first at line {l}, column {c} of {src})"),
                (Some((l, c)), None) => format!(" (first at line {l}, column {c})"),
                _ => String::new(),
            };
            let d = Diagnostic::new(
                None,
                "Duplicate value",
                format!("{name:?}: two nodes have this name{at}; the later one is left out"),
            );
            let quoted = WordArg::from(format!("{name:?}"));
            let mut d = match (first_pos, other_text) {
                (Some((l, c)), Some(src)) => d.worded(
                    "duplicateNodeIn",
                    [
                        ("name", quoted),
                        ("line", l.into()),
                        ("column", c.into()),
                        ("source", src.into()),
                    ],
                ),
                (Some((l, c)), None) => d.worded(
                    "duplicateNodeAt",
                    [("name", quoted), ("line", l.into()), ("column", c.into())],
                ),
                _ => d.worded("duplicateNode", [("name", quoted)]),
            }
            .with_position(n.origin.name_pos(sources));
            d.field = Some(n.origin.path(name_field(&n.origin)));
            d.source = sources
                .get(n.origin.input)
                .and_then(|s| s.name.map(str::to_string));
            out.errors.push(d);
            left_out.push(i);
            continue;
        }
        seen.insert(name, i);
    }
    drop(seen);
    out.nodes = if left_out.is_empty() {
        nodes
    } else {
        let mut next = left_out.into_iter().peekable();
        nodes
            .into_iter()
            .enumerate()
            .filter(|(i, _)| next.next_if_eq(i).is_none())
            .map(|(_, n)| n)
            .collect()
    };
}

/// Pods must be bound to a node to matter.
fn check_pods(sources: &[Source], out: &mut Objects) {
    for p in &out.pods {
        if p.object.spec.node_name.as_deref().is_none_or(str::is_empty) {
            let mut d = Diagnostic::new(
                Some("spec.nodeName".into()),
                "Ignored",
                format!(
                    "pod {:?} has no spec.nodeName: only pods bound to a node use its resources",
                    p.object.metadata.name()
                ),
            )
            .worded(
                "podUnbound",
                [("name", format!("{:?}", p.object.metadata.name()).into())],
            )
            .with_position(p.origin.pos(sources));
            d.source = sources
                .get(p.origin.input)
                .and_then(|s| s.name.map(str::to_string));
            out.warnings.push(d);
        }
    }
}

/// One warning for all the objects of other kinds: how many of which kinds.
fn summarize_skipped(out: &mut Objects) {
    if out.skipped.is_empty() {
        return;
    }
    let mut by_kind: HashMap<&str, usize> = HashMap::new();
    for s in &out.skipped {
        *by_kind.entry(s.kind.as_str()).or_insert(0) += 1;
    }
    let mut kinds: Vec<(&str, usize)> = by_kind.into_iter().collect();
    crate::sort::sort_by(&mut kinds, |a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let list: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
    let n = out.skipped.len();
    let first = &out.skipped[0];
    let counts: Vec<(String, u64)> = kinds
        .iter()
        .map(|(k, n)| (k.to_string(), *n as u64))
        .collect();
    let mut d = Diagnostic::new(
        None,
        "Skipped",
        format!(
            "{n} other object{} not used: {}",
            if n == 1 { " is" } else { "s are" },
            list.join(", ")
        ),
    )
    .worded(
        "skipped",
        [("n", n.into()), ("kinds", WordArg::Counts(counts))],
    );
    d.line = first.line;
    d.column = first.column;
    d.source = first.source.clone();
    out.warnings.push(d);
}

/// The first line (from 1) where a text looks like an unrendered Go
/// template (Helm's, say): `{{` that starts a line's content, a value or
/// a list element (`{{- if .Values.x }}`, `name: {{ .Values.name }}`,
/// `- {{ ... }}`); one in quotes (`summary: "{{ $labels.instance }}"`)
/// is text, and does not count.
fn template_line(text: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            let content = line.trim_start();
            content.starts_with("{{") || content.starts_with("- {{") || line.contains(": {{")
        })
        .map(|i| i + 1)
}

/// Every text of the repository's test data and examples whose file name
/// ends with one of `extensions` (the corpus the readers' tests share).
#[cfg(test)]
pub(crate) fn repository_texts(extensions: &[&str]) -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut dirs = vec![root.join("tests/data"), root.join("web/examples")];
    while let Some(d) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for p in entries.flatten().map(|e| e.path()) {
            if p.is_dir() {
                dirs.push(p);
            } else if p
                .extension()
                .is_some_and(|x| extensions.iter().any(|e| x == *e))
            {
                if let Ok(t) = std::fs::read_to_string(&p) {
                    out.push(t);
                }
            }
        }
    }
    out
}

#[cfg(test)]
#[path = "mod.tests.rs"]
mod tests;
