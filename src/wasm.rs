//! The WebAssembly face of the engine: one façade (`check`, the
//! `Simulator` object, `version`), errors as values, nothing of the engine
//! itself. Built only for `wasm32` (`scripts/build-wasm.sh` makes the
//! package in `pkg/`).
//!
//! - Results cross as plain JavaScript objects: the report is serialized
//!   with serde_json (exactly the `daemonset-sim check --format json`
//!   text) and read with `JSON.parse`. On a 5,000-node report that
//!   measured about 1.5 times faster than building the objects with
//!   serde-wasm-bindgen (`Serializer::json_compatible()`), and unlike it
//!   never fails on an integer beyond 2^53 (a node with `memory: 16Ei`).
//! - Input problems are values: they are in `report.errors` /
//!   `report.warnings` and in the summary `setCluster` returns. Only "there
//!   is nothing to check" (no DaemonSet, unreadable text, not a string)
//!   throws, and then a real `Error` whose `message` is the located message
//!   and which carries the diagnostic's `field`, `type`, `detail`, `line`,
//!   `column` and `source`.
//! - A panic (a bug: the engine is meant to be panic-free) is written to
//!   `console.error` and thrown as an `Error` with `type: "Panic"`; wasm32
//!   cannot unwind, so the page should load the module again after one
//!   (README.md, "After a panic").

use crate::diagnostics::Diagnostic;
use crate::input::{self, Objects, Source};
use crate::report;
use serde::Serialize;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Once;
use wasm_bindgen::prelude::*;

/// The TypeScript types of everything that crosses the boundary. They
/// follow the serde attributes of the engine's types (src/report.rs,
/// src/controller.rs, src/scheduler.rs, src/node_affinity.rs,
/// src/resources.rs, src/diagnostics.rs, src/model.rs); tests/wasm.rs
/// checks real reports against them.
pub const TYPESCRIPT: &str = r#"
/** One problem in the input (src/diagnostics.rs). `message` of a thrown error is
 *  `[source:]line:column: field: type: detail`. */
export interface Diagnostic {
  /** Field path in the object (`spec.template.spec.tolerations[0].effect`); null for text-level problems. */
  field: string | null;
  /** `Required value`, `Invalid value`, `Unsupported value`, `Syntax error`, `Ignored`, ... */
  type: string;
  /** Everything after the type in the Kubernetes error string; may be empty. */
  detail: string;
  /** 1-based line in the text the position refers to, where known. */
  line: number | null;
  /** 1-based column, where known. */
  column: number | null;
  /** Which text: `"nodes"` (setCluster) or `"daemonset"` (evaluate); absent in `check`. */
  source?: string;
}

/** What `check` and `Simulator.evaluate` throw: a real `Error` with the diagnostic's fields.
 *  `type` is `"Panic"` after an internal error (then load the module again). */
export interface DiagnosticError extends Error {
  field: string | null;
  type: string;
  detail: string;
  line: number | null;
  column: number | null;
  source: string | null;
}

/** What `Simulator.setCluster` returns. */
export interface ClusterSummary {
  /** Nodes kept (after `count` expansion of the shorthand list). */
  nodes: number;
  /** Pods kept (bound pods use resources and host ports; the DaemonSet's own feed the counters). */
  pods: number;
  /** The cluster text cannot be used as it is (syntax, duplicate node names, bad quantities); positions refer to it. */
  errors: Diagnostic[];
  /** Something was skipped (another kind, an unbound pod, a DaemonSet in the cluster text). */
  warnings: Diagnostic[];
}

export interface ObjectRef { namespace: string; name: string; }

/** v1.Taint */
export interface Taint { key: string; value: string; effect: string; timeAdded?: string; }

/** v1.Toleration */
export interface Toleration { key: string; operator: string; value: string; effect: string; tolerationSeconds?: number; }

export interface RollingUpdate { maxUnavailable?: number | string; maxSurge?: number | string; }

/** The DaemonSet's updateStrategy after API defaulting. */
export interface UpdateStrategy { type?: string; rollingUpdate?: RollingUpdate; }

/** What happens to the daemon pod on a node. */
export type NodeState = "scheduled" | "pending" | "excluded" | "keeps-existing";

/** What a node taint does to the daemon pod. */
export type TaintEffectOnPod = "tolerated" | "preferOnly" | "blocksNewPods" | "evicts";

export interface TaintCheck {
  taint: Taint;
  /** `key=value:Effect`, as kubectl prints it. */
  text: string;
  outcome: TaintEffectOnPod;
  /** The toleration that matches, if any. */
  toleration: Toleration | null;
  /** That toleration is one the DaemonSet controller adds by itself. */
  autoToleration: boolean;
}

export interface SelectorMismatch { key: string; want: string; have: string | null; }

/** One requirement of a nodeSelectorTerm against the node's label (or name). */
export interface RequirementCheck {
  kind: "matchExpressions" | "matchFields";
  key: string;
  operator: string;
  values: string[];
  /** The node's value for the key; null when the node has no such label. */
  nodeValue: string | null;
  matches: boolean;
}

/** One nodeSelectorTerm against one node. */
export interface TermCheck {
  /** Index in nodeSelectorTerms. */
  index: number;
  matches: boolean;
  /** Why the term could not be parsed (it then matches nothing). */
  errors: string[];
  requirements: RequirementCheck[];
}

/** nodeSelector / required node affinity against one node's labels. */
export interface AffinityCheck {
  matches: boolean;
  nodeSelectorMismatches: SelectorMismatch[];
  /** null without required node affinity; else the first matching term's index, or -1. */
  matchingTerm: number | null;
  /** Every term with at least one requirement (empty without required node affinity). */
  terms: TermCheck[];
}

/** Why the controller wants no pod on a node (tagged by `rule`). */
export type Exclusion =
  | { rule: "templateNodeName"; nodeName: string }
  | { rule: "nodeAffinity"; check: AffinityCheck }
  | { rule: "noScheduleTaint"; taint: Taint }
  | { rule: "noExecuteTaint"; taint: Taint };

/** A change that would put the daemon pod on the node (tagged by `kind`). */
export type Fix =
  | { kind: "addToleration"; taint: string; yaml: string }
  | { kind: "removeTaint"; command: string }
  | { kind: "labelNode"; command: string }
  | { kind: "removeTemplateNodeName"; nodeName: string }
  | { kind: "lowerRequest"; resource: string; free: string; yaml: string }
  | { kind: "freeCapacity"; resource: string }
  | { kind: "freeHostPort"; port: number; protocol: string; usedBy: string };

/** The DefaultPreemption plugin on the daemon pod's node (tagged by `outcome`). */
export type Preemption =
  | { outcome: "notHelpful" }
  | { outcome: "noVictims" }
  | { outcome: "stillDoesNotFit"; reasons: string[] }
  | { outcome: "preempts"; victims: string[] };

/** A failing scheduler filter plugin and its reasons. */
export interface PluginFailure { plugin: string; reasons: string[]; }

/** The scheduler's framework.Resource: CPU in millicores, the rest in whole units. */
export interface Resources {
  milliCpu: number;
  memory: number;
  ephemeralStorage: number;
  allowedPodNumber: number;
  /** Extended resources, hugepages, attachable volumes. */
  scalar: Record<string, number>;
}

export interface InsufficientResource {
  resource: string;
  /** `Insufficient cpu`, `Too many pods`, ... */
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

export interface HostPort { ip: string; protocol: string; port: number; }

export interface PortConflict { port: HostPort; usedBy: string; }

export interface ExistingPod {
  name: string;
  phase: string | null;
  ready: boolean;
  /** Runs the DaemonSet's current template. */
  updated: boolean;
}

/** One node's verdict and the facts behind it. */
export interface NodeReport {
  name: string;
  state: NodeState;
  shouldRun: boolean;
  shouldContinueRunning: boolean;
  /** null where shouldRun is false. */
  schedulerFits: boolean | null;
  schedulerReasons: string[];
  schedulerFailedPlugins: string[];
  schedulerFirstFailure: PluginFailure | null;
  exclusion: Exclusion | null;
  affinity: AffinityCheck;
  taints: TaintCheck[];
  labels: Record<string, string>;
  unschedulable: boolean;
  /** The node's Ready condition; null when it has none. */
  ready: boolean | null;
  allocatable: Resources;
  /** Requested by the other pods already on the node. */
  used: Resources;
  podsOnNode: number;
  insufficient: InsufficientResource[];
  portConflicts: PortConflict[];
  /** The scheduler's event message for a Pending daemon pod. */
  message: string | null;
  existingPod: ExistingPod | null;
  fixes: Fix[];
  /** What the scheduler's preemption pass finds for a Pending daemon pod; null otherwise. */
  preemption: Preemption | null;
}

/** The DaemonSet status counters (`kubectl get ds` columns). */
export interface StatusCounts {
  desiredNumberScheduled: number;
  currentNumberScheduled: number;
  numberReady: number;
  numberAvailable: number;
  updatedNumberScheduled: number;
  numberMisscheduled: number;
  numberUnavailable: number;
  /** observed: from the DaemonSet's pods in the input; projected: once the controller has created its pods. */
  basis: "observed" | "projected";
}

export interface StateCounts { scheduled: number; pending: number; excluded: number; keepsExisting: number; }

export interface PodRequests { cpuMilli: number; memory: number; ephemeralStorage: number; scalar: Record<string, number>; }

/** The whole report: the same object as `daemonset-sim check --format json`. */
export interface Report {
  daemonSet: ObjectRef | null;
  /** Validation errors of the DaemonSet (and, in `check`, problems of the input); empty when valid. */
  errors: Diagnostic[];
  warnings: Diagnostic[];
  nodes: NodeReport[];
  desiredNumberScheduled: number;
  maxUnavailable: number | null;
  maxSurge: number | null;
  controllerMaxUnavailable: number | null;
  controllerMaxSurge: number | null;
  rolloutError: string | null;
  maxUnavailableError: string | null;
  maxSurgeError: string | null;
  updateStrategy: UpdateStrategy | null;
  daemonPodRequests: PodRequests | null;
  /** `kubectl get ds`'s NODE SELECTOR column. */
  nodeSelector: string;
  /** The DaemonSet's label selector as kubectl prints it (`app=x`); null when it does not parse. */
  selector: string | null;
  /** The template's own tolerations (without the automatic ones). */
  tolerations: Toleration[];
  status: StatusCounts;
  counts: StateCounts;
  /** The tolerations the controller adds to every daemon pod. */
  autoTolerations: Toleration[];
}
"#;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = TYPESCRIPT;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// The source names the Simulator gives its two texts.
const NODES_SOURCE: &str = "nodes";
const DAEMONSET_SOURCE: &str = "daemonset";

static HOOK: Once = Once::new();
/// How many calls into the API are running (0 or 1: wasm32 has one thread).
static IN_CALL: AtomicU32 = AtomicU32::new(0);

/// Marks a call into the API; installs the panic hook on the first one.
struct Call;

impl Call {
    fn enter() -> Call {
        HOOK.call_once(install_panic_hook);
        IN_CALL.fetch_add(1, Ordering::SeqCst);
        Call
    }
}

impl Drop for Call {
    fn drop(&mut self) {
        IN_CALL.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A panic (a bug) is written to `console.error`; inside an API call it is
/// then thrown as an `Error` with `type: "Panic"` instead of trapping with
/// a bare `RuntimeError: unreachable`. wasm32 cannot unwind: throwing
/// abandons the Rust stack without running destructors, so memory leaks,
/// the object whose method panicked stays borrowed (wasm-bindgen throws on
/// its next use), and a later panic traps without reaching this hook. Other
/// calls still give right answers, but the page should load the module
/// again. A panic outside an API call (a test's assertion) goes on to the
/// previous hook and the usual trap.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let detail = info.to_string();
        console_error(&format!("daemonset-sim: {detail}"));
        previous(info);
        if IN_CALL.load(Ordering::SeqCst) > 0 {
            wasm_bindgen::throw_val(panic_error(&detail));
        }
    }));
}

fn panic_error(detail: &str) -> JsValue {
    to_error(&Diagnostic::new(
        None,
        "Panic",
        format!("internal error in daemonset-sim {}: {detail}", version()),
    ))
}

/// A diagnostic as a thrown `Error` with its fields as properties.
fn to_error(d: &Diagnostic) -> JsValue {
    let err = js_sys::Error::new(&d.located_message());
    let opt_str = |s: &Option<String>| s.as_deref().map_or(JsValue::NULL, JsValue::from_str);
    let opt_num = |n: Option<u32>| n.map_or(JsValue::NULL, |n| JsValue::from_f64(n.into()));
    let props: [(&str, JsValue); 6] = [
        ("field", opt_str(&d.field)),
        ("type", JsValue::from_str(&d.kind)),
        ("detail", JsValue::from_str(&d.detail)),
        ("line", opt_num(d.line)),
        ("column", opt_num(d.column)),
        ("source", opt_str(&d.source)),
    ];
    for (k, v) in props {
        // Reflect.set on a fresh Error object cannot fail
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str(k), &v);
    }
    err.into()
}

/// A value as a plain JavaScript object: serde_json text read by
/// `JSON.parse` (see the module comment for why not serde-wasm-bindgen).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| {
        to_error(&Diagnostic::new(
            None,
            "Internal error",
            format!("cannot serialize the result: {e}"),
        ))
    })?;
    js_sys::JSON::parse(&text)
}

/// The text argument, or an `Error` when JavaScript passed something else.
fn text_arg(value: &JsValue, what: &str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| {
        let got = if value.is_null() {
            "null".to_string()
        } else {
            value.js_typeof().as_string().unwrap_or_default()
        };
        to_error(&Diagnostic::new(
            None,
            "Invalid input",
            format!("{what} must be a string (YAML or JSON text), not {got}"),
        ))
    })
}

/// Checks a DaemonSet against a cluster in one text (YAML or JSON, several
/// documents; the shorthand `nodes:` list is accepted): the same report
/// as `daemonset-sim check --format json`. Throws an `Error` (see
/// `DiagnosticError`) when the text holds no DaemonSet or cannot be read.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn check(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let _call = Call::enter();
    let text = text_arg(&input, "check(input): input")?;
    let report = report::check(&[Source::new(None, &text)]).map_err(|d| to_error(&d))?;
    to_js(&report)
}

/// The crate version (`version` in Cargo.toml).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Keeps a cluster parsed in wasm memory and evaluates DaemonSets against
/// it: `setCluster` once per edit of the cluster, `evaluate` once per edit
/// of the DaemonSet. Call `free()` when done (or use `using`): the kept
/// nodes live in wasm memory, which the JavaScript garbage collector does
/// not see; memory freed there is reused by the module but never returned
/// to the browser.
#[wasm_bindgen]
pub struct Simulator {
    /// Nodes and pods of the last `setCluster` (its errors and warnings
    /// went to the caller).
    cluster: Objects,
}

impl Default for Simulator {
    fn default() -> Self {
        Simulator::new()
    }
}

#[wasm_bindgen]
impl Simulator {
    /// An empty cluster (no nodes).
    #[wasm_bindgen(constructor)]
    pub fn new() -> Simulator {
        let _call = Call::enter();
        Simulator {
            cluster: Objects::default(),
        }
    }

    /// Parses the cluster's nodes and pods (YAML or JSON: `kubectl get
    /// nodes -o json`, a `List`, single objects, the shorthand `nodes:`
    /// list) and keeps them until the next call. Never throws for bad
    /// input: the problems are in the summary (positions refer to `text`,
    /// `source: "nodes"`); what could be read is kept.
    #[wasm_bindgen(js_name = setCluster, unchecked_return_type = "ClusterSummary")]
    pub fn set_cluster(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsValue, JsValue> {
        let _call = Call::enter();
        let mut summary = ClusterSummary::default();
        let text = match text_arg(&text, "setCluster(text): text") {
            Ok(t) => t,
            Err(_) => {
                // never throws for bad input: an empty cluster and an error
                self.cluster = Objects::default();
                summary.errors.push(Diagnostic::new(
                    None,
                    "Invalid input",
                    "setCluster(text): text must be a string (YAML or JSON text)",
                ));
                return to_js(&summary);
            }
        };
        let sources = [Source::new(Some(NODES_SOURCE), &text)];
        let mut objects = input::parse(&sources);
        // the DaemonSet belongs in evaluate's text; say so instead of
        // silently checking it against itself
        let workloads = objects
            .daemon_sets
            .iter()
            .map(|d| (&d.origin, "DaemonSet"))
            .chain(
                objects
                    .deployments
                    .iter()
                    .map(|d| (&d.origin, "Deployment")),
            );
        let mut ignored: Vec<Diagnostic> = workloads
            .map(|(origin, kind)| {
                let mut d = input::diagnostic_at(
                    &sources,
                    origin,
                    "kind",
                    "Ignored",
                    format!(
                        "a {kind} in the cluster text is not used: evaluate() takes the DaemonSet"
                    ),
                );
                d.field = Some(origin.path("kind"));
                d
            })
            .collect();
        objects.warnings.append(&mut ignored);
        objects.daemon_sets.clear();
        objects.deployments.clear();
        summary.nodes = objects.nodes.len();
        summary.pods = objects.pods.len();
        summary.errors = std::mem::take(&mut objects.errors);
        summary.warnings = std::mem::take(&mut objects.warnings);
        self.cluster = objects;
        to_js(&summary)
    }

    /// Evaluates the DaemonSet in `daemonSetText` against the kept cluster.
    /// Validation errors are in `report.errors` (positions refer to
    /// `daemonSetText`, `source: "daemonset"`); the cluster's own problems
    /// were returned by `setCluster`. Throws an `Error` (see
    /// `DiagnosticError`) when the text holds no DaemonSet or cannot be read.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn evaluate(
        &mut self,
        #[wasm_bindgen(js_name = daemonSetText, unchecked_param_type = "string")]
        daemon_set_text: JsValue,
    ) -> Result<JsValue, JsValue> {
        let _call = Call::enter();
        let text = text_arg(&daemon_set_text, "evaluate(daemonSetText): daemonSetText")?;
        let sources = [Source::new(Some(DAEMONSET_SOURCE), &text)];
        let mut objects = input::parse(&sources);
        let mut ignored: Vec<Diagnostic> = objects
            .nodes
            .iter()
            .map(|n| (&n.origin, "Node"))
            .chain(objects.pods.iter().map(|p| (&p.origin, "Pod")))
            .map(|(origin, kind)| {
                let field = if origin.shorthand { "" } else { "kind" };
                let mut d = input::diagnostic_at(
                    &sources,
                    origin,
                    field,
                    "Ignored",
                    format!("a {kind} in the DaemonSet text is not used: setCluster() takes the cluster"),
                );
                d.field = Some(origin.path(field)).filter(|f| !f.is_empty());
                d
            })
            .collect();
        objects.warnings.append(&mut ignored);
        // Lend the kept nodes and pods to the same code path as `check`
        // (no copy of a 5,000-node cluster per keystroke), then take them back.
        objects.nodes = std::mem::take(&mut self.cluster.nodes);
        objects.pods = std::mem::take(&mut self.cluster.pods);
        let result = report::check_objects(&sources, &objects);
        self.cluster.nodes = std::mem::take(&mut objects.nodes);
        self.cluster.pods = std::mem::take(&mut objects.pods);
        to_js(&result.map_err(|d| to_error(&d))?)
    }
}

/// What `setCluster` returns (TypeScript: `ClusterSummary`).
#[derive(Debug, Default, Serialize)]
struct ClusterSummary {
    nodes: usize,
    pods: usize,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}
