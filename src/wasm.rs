//! The WebAssembly face of the engine: one façade (`check`, `rollout`,
//! `compare`, the `Simulator` object, `version`), errors as values, nothing
//! of the engine itself. Built only for `wasm32` (`scripts/build-wasm.sh` makes the
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
//!   `column` and `source`. A rollout has no room for errors in its
//!   timeline: a DaemonSet that fails validation (the API server would
//!   refuse it), a change that does not apply or options of the wrong
//!   shape throw too.
//! - Timelines, snapshots and comparisons cross the same way as reports
//!   (`daemonset-sim rollout / compare --format json`). A rollout's
//!   per-node snapshots are computed on demand (`Simulator.snapshot(t)`):
//!   one per second of a 5,000-node rollout would be hundreds of megabytes.
//! - A panic (a bug: the engine is meant to be panic-free) is written to
//!   `console.error` and thrown as an `Error` with `type: "Panic"`; wasm32
//!   cannot unwind, so the page should load the module again after one
//!   (README.md, "After a panic").

use crate::deployment;
use crate::diagnostics::Diagnostic;
use crate::input::{self, Objects, Source};
use crate::model::{DaemonSet, Node, Pod};
use crate::report;
use crate::rollout::{self, ChangeError, NodeModel, RolloutRequest, TemplateChange, Timeline};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Once;
use wasm_bindgen::prelude::*;

/// The TypeScript types of everything that crosses the boundary. They
/// follow the serde attributes of the engine's types (src/report.rs,
/// src/controller.rs, src/scheduler.rs, src/node_affinity.rs,
/// src/resources.rs, src/diagnostics.rs, src/model.rs, src/rollout/types.rs,
/// src/rollout/change.rs, src/rollout/node_change.rs,
/// src/deployment/compare.rs, src/deployment/placement.rs); tests/wasm.rs
/// checks real reports, timelines, snapshots and comparisons against them.
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
// ------------------------------------------------------------- rollout

/** Which pod template a pod was made from. */
export type Generation = "old" | "new";

/** Who deleted a pod. */
export type Deleter = "controller" | "user";

/** Which rolling-update limit holds a rollout back. */
export type BudgetKind = "maxUnavailable" | "maxSurge";

/** What a pod is doing at one instant: created and not scheduled, running, or deleted and still terminating. */
export type PodPhase = "pending" | "running" | "terminating";

/** A Kubernetes object as JSON (`kubectl get ... -o json`), for `rollout(request)`. */
export type KubernetesObject = Record<string, unknown>;

/** A change to the pod template (tagged by `kind`): `kubectl set image`, `kubectl rollout restart`,
 *  `kubectl set env`, or every toleration removed. Without `container`: the first container (image),
 *  every container (env). */
export type TemplateChange =
  | { kind: "image"; container?: string | null; image: string }
  | { kind: "restartAnnotation"; restartedAt?: string }
  | { kind: "env"; container?: string | null; name: string; value: string }
  | { kind: "removeTolerations" };

/** `kubectl delete pod` of the daemon pod on `node` at second `t` (how OnDelete rollouts progress). */
export interface ManualDelete { t: number; node: string; }

/** How the nodes behave: a small kubelet model. */
export interface NodeModel {
  /** Seconds from a pod's scheduling to its Ready condition (default 5). */
  readyDelaySeconds: number;
  /** The same for single nodes. */
  perNodeReadyDelay: Record<string, number>;
  /** Nodes where a pod of the new template never becomes Ready. */
  neverReady: string[];
  /** Seconds from a pod's deletion until it is gone (default 1); until then it runs and holds its node's room. */
  terminationSeconds: number;
  /** Scripted user deletes (OnDelete). */
  manualDeletes: ManualDelete[];
}

/** The second argument of `Simulator.rollout`. Every field is optional. */
export interface RolloutOptions {
  /** The DaemonSet after the change, as YAML or JSON text; or give `change`. Neither: a `kubectl rollout restart`. */
  newDaemonSet?: string | null;
  change?: TemplateChange | null;
  /** Missing fields take their defaults. */
  model?: Partial<NodeModel> | null;
  /** Seconds simulated at most (default 1200). */
  tickLimit?: number | null;
}

/** What the free function `rollout` takes (as JSON text or as an object): objects in their JSON form. */
export interface RolloutRequest {
  /** The DaemonSet as it runs now. */
  daemonSet: KubernetesObject;
  /** The DaemonSet after the change; or give `change`. */
  newDaemonSet?: KubernetesObject | null;
  change?: TemplateChange | null;
  nodes?: KubernetesObject[];
  /** Other pods bound to the nodes (their resources and host ports). */
  pods?: KubernetesObject[];
  model?: Partial<NodeModel> | null;
  tickLimit?: number;
}

/** The DaemonSet's `.status` counters during a rollout. */
export interface DsStatus {
  desiredNumberScheduled: number;
  currentNumberScheduled: number;
  numberMisscheduled: number;
  numberReady: number;
  numberAvailable: number;
  updatedNumberScheduled: number;
  numberUnavailable: number;
  observedGeneration: number;
}

export interface NodeRef { node: string; }

export interface PodRef { node: string; generation: Generation; }

/** How many of each event a tick had. */
export interface TickCounts {
  created: number;
  deletedOld: number;
  deletedNew: number;
  userDeleted: number;
  becameReady: number;
  removed: number;
  /** Old-template pods still present (terminating ones included). */
  oldPodsLeft: number;
}

/** A pod the scheduler could not place when it was created. */
export interface PendingPod { node: string; reasons: string[]; }

/** One second where something changed (and always t = 0). */
export interface TickEntry {
  t: number;
  /** Pods the controller created (of the new template). */
  created: NodeRef[];
  /** Pods the controller deleted. */
  deleted: PodRef[];
  /** Pods the user deleted (the scripted deletes). */
  userDeleted: PodRef[];
  /** Nodes whose pod became Ready. */
  becameReady: string[];
  /** Pods whose termination finished. */
  removed: PodRef[];
  /** Created pods the scheduler could not place (absent when none). */
  unschedulable?: PendingPod[];
  /** Pending pods the scheduler placed this second (absent when none). */
  scheduled?: string[];
  counts: TickCounts;
  status: DsStatus;
  /** What `kubectl rollout status` prints for this status. */
  kubectl?: string;
  /** kubectl's refusal (OnDelete). */
  kubectlError?: string;
  /** `kubectl rollout status` would exit successfully here. */
  kubectlDone: boolean;
  syncs: number;
}

/** One pod's life, in seconds since the change (a pod from before the change: `preexisting`, times 0). */
export interface PodHistory {
  id: number;
  node: string;
  generation: Generation;
  preexisting: boolean;
  createdAt: number;
  scheduledAt: number | null;
  readyAt: number | null;
  /** Ready + minReadySeconds. */
  availableAt: number | null;
  deletedAt: number | null;
  deletedBy: Deleter | null;
  removedAt: number | null;
  /** Why the scheduler could not place it (absent when it could). */
  unschedulableReasons?: string[];
}

/** Kubernetes picks the nodes to update first at random; the simulator takes them in name order. */
export interface NodeOrder {
  rule: "nodeName";
  /** Always true: this is one of several possible runs. */
  oneOfSeveralPossible: boolean;
}

/** A node as the rollout sees it. */
export interface RolloutNode {
  name: string;
  /** The old template targets it (it runs an old pod at t = 0). */
  targetedBefore: boolean;
  shouldRun: boolean;
  shouldContinueRunning: boolean;
  /** Why the new template wants no pod here (absent when it does). */
  exclusion?: Exclusion;
  readyDelaySeconds: number;
  neverReady: boolean;
}

/** maxUnavailable / maxSurge as the controller uses them. */
export interface RolloutBudget {
  maxUnavailable: number | null;
  maxSurge: number | null;
  /** The controller's error for an invalid value (absent when valid). */
  error?: string;
  desiredNumberScheduled: number;
}

/** Why a rollout stopped moving (tagged by `kind`). */
export type StallReason =
  | { kind: "neverReady"; nodes: string[]; budget: BudgetKind | null; limit: number | null; waiting: string[] }
  | { kind: "hostPortSurge"; nodes: string[]; ports: HostPort[]; maxSurge: number }
  | { kind: "unschedulable"; node: string; failures: PluginFailure[]; insufficient?: InsufficientResource[]; besideOldPod: boolean }
  | { kind: "onDeleteWaiting"; nodes: string[] }
  | { kind: "oldPodKept"; nodes: string[] }
  | { kind: "invalidStrategy"; error: string }
  | { kind: "onDeleteNoRolloutStatus"; allUpdatedAt: number | null }
  | { kind: "notUpdated"; nodes: string[] };

/** A rollout, second by second (`daemonset-sim rollout --format json`). */
export interface Timeline {
  namespace: string;
  name: string;
  /** `RollingUpdate` or `OnDelete` (of the new DaemonSet). */
  strategy: string;
  budget: RolloutBudget;
  minReadySeconds: number;
  tickSeconds: number;
  tickLimit: number;
  model: NodeModel;
  nodeOrder: NodeOrder;
  /** Every node, in name order. */
  nodes: RolloutNode[];
  initialStatus: DsStatus;
  /** t = 0 and every second where something changed. */
  log: TickEntry[];
  /** Every pod's life, in creation order. */
  pods: PodHistory[];
  /** `kubectl rollout status` succeeds and no old pod is left. Never for OnDelete. */
  completed: boolean;
  /** Nothing can change any more and the rollout is not complete. */
  stalled: boolean;
  /** When the run ended: the completion second, the stall verdict (last change + 90 s), or the tick limit. */
  ticks: number;
  kubectlDoneAt: number | null;
  allUpdatedAt: number | null;
  lastChangeAt: number;
  /** Why it stalled (empty unless `stalled`). */
  stallReasons: StallReason[];
  finalStatus: DsStatus;
}

/** One pod at one instant. */
export interface PodState {
  id: number;
  generation: Generation;
  phase: PodPhase;
  ready: boolean;
  available: boolean;
}

export interface NodeSnapshot {
  node: string;
  shouldRun: boolean;
  /** The node's pods at that instant, oldest first. */
  pods: PodState[];
}

/** Every node's pods at second `t` of a rollout. */
export interface Snapshot {
  t: number;
  nodes: NodeSnapshot[];
  /** The status at that instant. */
  status: DsStatus;
  /** What `kubectl rollout status` prints then (or its refusal). */
  kubectl: string | null;
}

/** What happens to the daemon pod on a node when the nodes change. */
export type NodeAction = "create" | "keep" | "keepMisscheduled" | "delete" | "nodeRemoved" | "none";

export interface NodeVerdict {
  shouldRun: boolean;
  shouldContinueRunning: boolean;
  exclusion?: Exclusion;
}

export interface NodeChange {
  node: string;
  /** null: the node was added. */
  before: NodeVerdict | null;
  /** null: the node was removed. */
  after: NodeVerdict | null;
  hadPod: boolean;
  action: NodeAction;
  /** For a created pod: whether the scheduler fits it (absent otherwise). */
  schedulerFits?: boolean;
  schedulerReasons?: string[];
}

/** What `Simulator.nodeChange` returns. */
export interface NodeChangeReport {
  namespace: string;
  name: string;
  nodes: NodeChange[];
  created: string[];
  kept: string[];
  keptMisscheduled: string[];
  deleted: string[];
  removedWithNode: string[];
  statusBefore: DsStatus;
  statusAfter: DsStatus;
}

// ------------------------------------------------- Deployment vs DaemonSet

export type DeploymentSource = "derived" | "pasted";

export type ReplicasSource = "desiredNumberScheduled" | "requested" | "deployment";

/** Who runs pods on a node. */
export type Coverage = "both" | "daemonSetOnly" | "deploymentOnly" | "neither";

/** What a node taint does to a pod. */
export type TaintOutcome = "tolerated" | "evictedAfterSeconds" | "scoredLower" | "blocksScheduling" | "evicts";

export interface NodeComparison {
  name: string;
  daemonSetState: NodeState;
  /** Daemon pods running here (0 or 1). */
  daemonPods: number;
  daemonPodPending: boolean;
  /** Replicas the scheduler binds here. */
  deploymentPods: number;
  coverage: Coverage;
}

export interface NodeCount { node: string; pods: number; }

/** A node taint (or cordon) that treats the two pods differently. */
export interface TaintDifference {
  node: string;
  taint: Taint;
  /** `key=value:Effect`. */
  text: string;
  /** The taint stands for `spec.unschedulable: true`. */
  fromSpecUnschedulable: boolean;
  daemonPod: TaintOutcome;
  deploymentPod: TaintOutcome;
  deploymentTolerationSeconds: number | null;
  daemonTolerationSeconds: number | null;
}

export interface TolerationFacts {
  /** What the DaemonSet controller adds to every daemon pod. */
  daemonSetAutomatic: Toleration[];
  daemonPod: Toleration[];
  /** What the DefaultTolerationSeconds admission plugin adds to the replicas. */
  deploymentAdded: Toleration[];
  deploymentPod: Toleration[];
  /** Seconds until eviction when the node turns NotReady / unreachable; null: never. */
  daemonPodNotReadyEvictionSeconds: number | null;
  daemonPodUnreachableEvictionSeconds: number | null;
  deploymentPodNotReadyEvictionSeconds: number | null;
  deploymentPodUnreachableEvictionSeconds: number | null;
  differences: TaintDifference[];
}

/** A node joins the cluster. */
export interface NodeAddedFacts {
  daemonSetCreatesPod: boolean;
  daemonSetDesiredAfter: number;
  deploymentReplicasAfter: number;
  deploymentPodsMoved: number;
  /** Existing nodes a copy of which would get a daemon pod. */
  nodesLikeTheseGetADaemonPod: string[];
}

/** A node leaves the cluster. */
export interface NodeRemovedFacts {
  node: string;
  daemonPodRemoved: boolean;
  daemonSetDesiredAfter: number;
  deploymentPodsLost: number;
  deploymentReplicasAfter: number;
  /** Where the replacements go, in order (null: Pending). */
  replacements: (string | null)[];
  replacementsSimulated: boolean;
}

/** One workload's rolling-update limits. */
export interface RolloutFacts {
  strategyType: string | null;
  maxUnavailable: number | string | null;
  maxSurge: number | string | null;
  /** What percentages are taken of. */
  total: number;
  maxUnavailableRounding: "up" | "down";
  maxSurgeRounding: "up" | "down";
  scaledMaxUnavailable: number | null;
  scaledMaxSurge: number | null;
  effectiveMaxUnavailable: number | null;
  effectiveMaxSurge: number | null;
  /** Both 0: maxUnavailable becomes 1. */
  zeroZeroAdjusted: boolean;
  error: string | null;
}

export interface RollingUpdateFacts {
  daemonSet: RolloutFacts;
  deployment: RolloutFacts;
  /** The DaemonSet's own values as a Deployment would scale them. */
  daemonSetValuesAsDeployment: RolloutFacts;
}

/** A score plugin of the default profile and its weight. */
export interface PluginWeight { name: string; weight: number; }

/** The replica pod as the scheduler sees it. */
export interface ReplicaPodFacts {
  labels: Record<string, string>;
  podTemplateHash: string;
  tolerations: Toleration[];
  addedTolerations: Toleration[];
  requests: PodRequests;
  nonZeroRequests: PodRequests;
  replicaSetSelector: string | null;
}

/** One node's scores for one replica. */
export interface NodeScore {
  /** The sum of the weighted scores. */
  total: number;
  /** Per score plugin that ran: its normalized score times its weight. */
  [plugin: string]: number;
}

/** Where one replica went, and why. */
export interface ReplicaPlacement {
  replica: number;
  /** Nodes that pass every filter, by name (empty when abridged). */
  feasible: string[];
  feasibleCount: number;
  /** Per feasible node; null when nothing was scored (one feasible node, none, or `nodeName`). */
  scores: Record<string, NodeScore> | null;
  /** Each plugin's Score before normalization and weight. */
  rawScores: Record<string, Record<string, number>> | null;
  /** The nodes with the highest total (the tie set). */
  topNodes: string[];
  topNodesCount: number;
  /** The node the replica is bound to (among a tie: the smallest name; the scheduler picks at random). */
  chosen: string | null;
  singleFeasibleNoScoring: boolean;
  unschedulable: boolean;
  /** Per node that failed a filter: the first failing plugin's reasons. */
  reasons: Record<string, string[]>;
  /** Per node that failed a filter: every failing plugin. */
  failures: Record<string, PluginFailure[]>;
  /** The scheduler's message for an unschedulable replica (`0/5 nodes are available: ...`). */
  message: string | null;
  nodeName: string | null;
  evaluatedNodes: number;
  searchStoppedEarly: boolean;
  /** Per-node detail was cut to stay small; counts, the choice and the message are exact. */
  abridged: boolean;
}

/** Where the default scheduler puts every replica of a Deployment. */
export interface Placement {
  deployment: ObjectRef;
  replicas: number;
  pod: ReplicaPodFacts;
  scorePlugins: PluginWeight[];
  tieBreak: "lexicographicallySmallestName";
  placements: ReplicaPlacement[];
  podsPerNode: Record<string, number>;
  scheduled: number;
  pending: number;
  /** Only the first 10,000 replicas were simulated. */
  truncated: boolean;
  warnings: string[];
}

/** DaemonSet vs a Deployment with the same template (`daemonset-sim compare --format json`). */
export interface Comparison {
  daemonSet: ObjectRef;
  deployment: ObjectRef;
  deploymentSource: DeploymentSource;
  replicas: number;
  replicasSource: ReplicasSource;
  desiredNumberScheduled: number;
  daemonPods: number;
  daemonPodsPending: number;
  deploymentPods: number;
  deploymentPodsPending: number;
  nodes: NodeComparison[];
  daemonSetOnly: string[];
  deploymentOnly: string[];
  deploymentDoubledUp: NodeCount[];
  tolerations: TolerationFacts;
  nodeAdded: NodeAddedFacts;
  nodeRemoved: NodeRemovedFacts[];
  rollingUpdate: RollingUpdateFacts;
  placement: Placement;
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
/// The source names of the other texts: `rollout`'s changed DaemonSet,
/// `nodeChange`'s nodes after the change, and the options objects.
const NEW_DAEMONSET_SOURCE: &str = "newDaemonSet";
const NODES_AFTER_SOURCE: &str = "nodesAfter";
const OPTIONS_SOURCE: &str = "options";

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
    /// The last `rollout`, for `snapshot` (computed on demand: a snapshot
    /// per second of a 5,000-node rollout would be far too large).
    timeline: Option<Timeline>,
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
            timeline: None,
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

    /// Simulates the rollout of a template change of the DaemonSet in
    /// `daemonSetText` across the kept cluster's nodes (with its other
    /// pods), second by second: `daemonset-sim rollout --format json`.
    /// `options.newDaemonSet` (YAML or JSON text) or `options.change` gives
    /// the change (both: `newDaemonSet`; neither: a `kubectl rollout
    /// restart`); `options.model` the node model; `options.tickLimit` the
    /// seconds simulated at most. The Simulator keeps the result for
    /// `snapshot(t)`. Throws an `Error` (see `DiagnosticError`) when a text
    /// cannot be read or holds no DaemonSet, when a DaemonSet fails API
    /// validation (the API server would refuse it: no rollout), when the
    /// change does not apply (`field: "change.container"`), or when
    /// `options` is not of the declared shape.
    #[wasm_bindgen(unchecked_return_type = "Timeline")]
    pub fn rollout(
        &mut self,
        #[wasm_bindgen(js_name = daemonSetText, unchecked_param_type = "string")]
        daemon_set_text: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RolloutOptions")] options: Option<
            js_sys::Object,
        >,
    ) -> Result<JsValue, JsValue> {
        let _call = Call::enter();
        let text = text_arg(
            &daemon_set_text,
            "rollout(daemonSetText, options): daemonSetText",
        )?;
        let options = options.map_or(JsValue::UNDEFINED, JsValue::from);
        let opts: RolloutOptions =
            object_arg(&options, "rollout(daemonSetText, options): options")?;
        let old = read_daemon_set(&text, DAEMONSET_SOURCE, true)?;
        let new = match opts.new_daemon_set.as_deref() {
            Some(t) => Some(read_daemon_set(t, NEW_DAEMONSET_SOURCE, true)?),
            None => None,
        };
        let request = RolloutRequest {
            daemon_set: old,
            new_daemon_set: new,
            change: opts.change,
            nodes: self.nodes(),
            pods: self.pods(),
            model: opts.model.unwrap_or_default(),
            tick_limit: opts.tick_limit.unwrap_or(rollout::DEFAULT_TICK_LIMIT),
        };
        let timeline = rollout::run_request(&request).map_err(|e| to_error(&change_error(&e)))?;
        let out = to_js(&timeline);
        self.timeline = Some(timeline);
        out
    }

    /// Every node's pods (old / new; pending, running, terminating; Ready,
    /// available), the status and the `kubectl rollout status` line at
    /// second `t` of the last `rollout` (a fraction is rounded down).
    /// Throws an `Error` before the first `rollout`, or when `t` is not a
    /// number from 0 up.
    #[wasm_bindgen(unchecked_return_type = "Snapshot")]
    pub fn snapshot(&self, t: f64) -> Result<JsValue, JsValue> {
        let _call = Call::enter();
        if !(t >= 0.0 && t.is_finite()) {
            return Err(invalid_input(format!(
                "snapshot(t): t must be a number of seconds from 0, not {t}"
            )));
        }
        let timeline = self
            .timeline
            .as_ref()
            .ok_or_else(|| invalid_input("snapshot(t): no rollout yet: call rollout() first"))?;
        // `as` saturates: a huge t is the end of the rollout
        to_js(&timeline.snapshot(t.floor() as u32))
    }

    /// What the DaemonSet controller does when the kept cluster's nodes
    /// change to those in `nodesAfterText` (matched by name: a label
    /// removed, a taint added, a node added or removed): which daemon pods
    /// are created, kept or deleted (`daemonset-sim rollout --nodes-after`).
    /// Throws an `Error` when a text cannot be read or `daemonSetText`
    /// holds no valid DaemonSet.
    #[wasm_bindgen(js_name = nodeChange, unchecked_return_type = "NodeChangeReport")]
    pub fn node_change(
        &self,
        #[wasm_bindgen(js_name = daemonSetText, unchecked_param_type = "string")]
        daemon_set_text: JsValue,
        #[wasm_bindgen(js_name = nodesAfterText, unchecked_param_type = "string")]
        nodes_after_text: JsValue,
    ) -> Result<JsValue, JsValue> {
        let _call = Call::enter();
        let what = "nodeChange(daemonSetText, nodesAfterText)";
        let text = text_arg(&daemon_set_text, &format!("{what}: daemonSetText"))?;
        let after_text = text_arg(&nodes_after_text, &format!("{what}: nodesAfterText"))?;
        let ds = read_daemon_set(&text, DAEMONSET_SOURCE, true)?;
        let sources = [Source::new(Some(NODES_AFTER_SOURCE), &after_text)];
        let parsed = input::parse(&sources);
        if let Some(e) = parsed.errors.first() {
            return Err(to_error(e));
        }
        let after: Vec<Node> = parsed.nodes.into_iter().map(|n| n.object).collect();
        to_js(&rollout::simulate_node_change(&ds, &self.nodes(), &after))
    }

    /// Where the default scheduler would put the replicas of a Deployment
    /// with the DaemonSet's pod template on the kept cluster, next to the
    /// DaemonSet's pods, with the differences that follow (`daemonset-sim
    /// compare --format json`). A Deployment in `daemonSetText` is the one
    /// compared (else one is derived); `replicas` overrides its count
    /// (default: desiredNumberScheduled for a derived one). Throws an
    /// `Error` when the text cannot be read or holds no DaemonSet, or when
    /// `replicas` is not a whole number from 0 to 2147483647.
    #[wasm_bindgen(unchecked_return_type = "Comparison")]
    pub fn compare(
        &self,
        #[wasm_bindgen(js_name = daemonSetText, unchecked_param_type = "string")]
        daemon_set_text: JsValue,
        replicas: Option<f64>,
    ) -> Result<JsValue, JsValue> {
        let _call = Call::enter();
        let what = "compare(daemonSetText, replicas)";
        let text = text_arg(&daemon_set_text, &format!("{what}: daemonSetText"))?;
        let replicas = replicas_arg(replicas, what)?;
        let sources = [Source::new(Some(DAEMONSET_SOURCE), &text)];
        let objects = input::parse(&sources);
        let ds = first_daemon_set(&objects, DAEMONSET_SOURCE)?;
        let deploy = objects.deployments.first().map(|d| &d.object);
        let (nodes, pods) = (self.nodes(), self.pods());
        to_js(&deployment::compare(
            &ds.object, deploy, replicas, &nodes, &pods,
        ))
    }
}

impl Simulator {
    /// Copies of the kept nodes and pods (the engine's rollout and
    /// comparison take plain slices; a copy of 5,000 nodes takes
    /// milliseconds next to the simulation itself).
    fn nodes(&self) -> Vec<Node> {
        self.cluster
            .nodes
            .iter()
            .map(|n| n.object.clone())
            .collect()
    }
    fn pods(&self) -> Vec<Pod> {
        self.cluster.pods.iter().map(|p| p.object.clone()).collect()
    }
}

/// The second argument of `Simulator.rollout` (TypeScript: `RolloutOptions`).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RolloutOptions {
    #[serde(default)]
    new_daemon_set: Option<String>,
    #[serde(default)]
    change: Option<TemplateChange>,
    #[serde(default)]
    model: Option<NodeModel>,
    #[serde(default)]
    tick_limit: Option<u32>,
}

fn invalid_input(detail: impl Into<String>) -> JsValue {
    to_error(&Diagnostic::new(None, "Invalid input", detail))
}

/// serde_json's message without its ` at line 1 column 40` (a position
/// in text the caller never wrote).
fn serde_detail(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// An options object (`undefined` / `null`: the defaults), read through
/// JSON.stringify into the engine's serde type.
fn object_arg<T: DeserializeOwned + Default>(value: &JsValue, what: &str) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(invalid_input(format!(
            "{what} must be an object, not {}",
            value.js_typeof().as_string().unwrap_or_default()
        )));
    }
    let text = js_sys::JSON::stringify(value)
        .map(String::from)
        .map_err(|_| invalid_input(format!("{what} cannot be read as JSON")))?;
    serde_json::from_str(&text).map_err(|e| {
        let mut d = Diagnostic::new(
            None,
            "Invalid input",
            format!("{what}: {}", serde_detail(&e)),
        );
        d.source = Some(OPTIONS_SOURCE.to_string());
        to_error(&d)
    })
}

/// `replicas` as the engine takes it.
fn replicas_arg(replicas: Option<f64>, what: &str) -> Result<Option<i32>, JsValue> {
    match replicas {
        None => Ok(None),
        Some(r) if r.fract() == 0.0 && (0.0..=f64::from(i32::MAX)).contains(&r) => {
            Ok(Some(r as i32))
        }
        Some(r) => Err(invalid_input(format!(
            "{what}: replicas must be a whole number from 0 to {}, not {r}",
            i32::MAX
        ))),
    }
}

/// The first DaemonSet of parsed text, or the `Error` to throw: the
/// text's first error when it could not be read, else "No DaemonSet".
fn first_daemon_set<'a>(
    objects: &'a Objects,
    source: &str,
) -> Result<&'a input::Located<DaemonSet>, JsValue> {
    if let Some(e) = objects.errors.first() {
        return Err(to_error(e));
    }
    objects.daemon_sets.first().ok_or_else(|| {
        let mut d = Diagnostic::new(
            None,
            "No DaemonSet",
            "the text holds no DaemonSet (an object with `kind: DaemonSet`)",
        );
        d.source = Some(source.to_string());
        to_error(&d)
    })
}

/// The first DaemonSet of a text; with `validate`, its first API
/// validation error (located in the text) is thrown instead.
fn read_daemon_set(text: &str, source: &str, validate: bool) -> Result<DaemonSet, JsValue> {
    let sources = [Source::new(Some(source), text)];
    let objects = input::parse(&sources);
    let ds = first_daemon_set(&objects, source)?;
    if validate {
        if let Some(e) = report::validation_errors(&sources, ds).first() {
            return Err(to_error(e));
        }
    }
    Ok(ds.object.clone())
}

/// A template change that does not apply, as a diagnostic.
fn change_error(e: &ChangeError) -> Diagnostic {
    let mut d = match e {
        ChangeError::NoSuchContainer { .. } => {
            Diagnostic::new(Some("change.container".into()), "Not found", e.to_string())
        }
        ChangeError::NoContainers => Diagnostic::new(
            Some("spec.template.spec.containers".into()),
            "Required value",
            e.to_string(),
        ),
    };
    d.source = Some(OPTIONS_SOURCE.to_string());
    d
}

/// Simulates a rollout from one request (TypeScript: `RolloutRequest`,
/// as JSON text or as an object; the objects in their Kubernetes JSON
/// form, nodes as `kubectl get nodes -o json` items): the same `Timeline`
/// as `Simulator.rollout`, without validation. Throws an `Error` when the
/// request does not parse (with the line and column in the text) or the
/// change does not apply.
#[wasm_bindgen(js_name = rollout, unchecked_return_type = "Timeline")]
pub fn rollout_request(
    #[wasm_bindgen(unchecked_param_type = "string | RolloutRequest")] request: JsValue,
) -> Result<JsValue, JsValue> {
    let _call = Call::enter();
    let what = "rollout(request)";
    let (text, located) = match request.as_string() {
        Some(t) => (t, true),
        None if request.is_object() && !js_sys::Array::is_array(&request) => (
            js_sys::JSON::stringify(&request)
                .map(String::from)
                .map_err(|_| invalid_input(format!("{what}: request cannot be read as JSON")))?,
            false,
        ),
        None => {
            return Err(text_arg(&request, &format!("{what}: request")).unwrap_err());
        }
    };
    let req: RolloutRequest = serde_json::from_str(&text).map_err(|e| {
        let d = Diagnostic::new(
            None,
            "Invalid input",
            format!("{what}: {}", serde_detail(&e)),
        );
        to_error(&if located {
            d.with_position(Some((e.line() as u32, e.column() as u32)))
        } else {
            d
        })
    })?;
    let timeline = rollout::run_request(&req).map_err(|e| to_error(&change_error(&e)))?;
    to_js(&timeline)
}

/// Compares a DaemonSet with a Deployment of the same template on the
/// cluster in the same text (YAML or JSON, several documents, the
/// shorthand node list): the `Comparison` of `daemonset-sim compare
/// --format json`, or, for a text with a Deployment and no DaemonSet, the
/// Deployment's `Placement`. `replicas` overrides the replica count.
/// Throws an `Error` when the text cannot be read or holds neither
/// workload, or when `replicas` is not a whole number from 0 to 2147483647.
#[wasm_bindgen(js_name = compare, unchecked_return_type = "Comparison | Placement")]
pub fn compare_text(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
    replicas: Option<f64>,
) -> Result<JsValue, JsValue> {
    let _call = Call::enter();
    let what = "compare(input, replicas)";
    let text = text_arg(&input, &format!("{what}: input"))?;
    let replicas = replicas_arg(replicas, what)?;
    let objects = input::parse(&[Source::new(None, &text)]);
    match deployment::compare_objects(&objects, replicas) {
        Ok(result) => to_js(&result),
        Err(diags) => Err(diags
            .first()
            .map_or_else(|| invalid_input("the input cannot be compared"), to_error)),
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
