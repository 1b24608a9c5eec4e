// Generated from the engine's Rust types by src/wasm/typescript.rs (ts-rs).
// Do not edit: `UPDATE_TYPESCRIPT=1 cargo test --lib typescript` rewrites it.

/** What the functions throw: a real `Error` carrying the diagnostic's fields;
 *  `message` is `[source:]line:column: field: type: detail (hint)`, `text` the
 *  diagnostic's own message (`Diagnostic.message`). `type` is `"Panic"` after an
 *  internal error (then load the module again). */
export interface DiagnosticError extends Error, Omit<Diagnostic, "source" | "message" | "hint"> {
  source: string | null;
  hint: string | null;
  text: string;
  /** Every diagnostic of a refusal (the first is this error's own). */
  diagnostics?: Diagnostic[];
  /** The API server would refuse the workload (the CLI's exit status 1). */
  refused?: boolean;
}

/** What `Simulator.evaluateGrid` returns: the report without its nodes, and
 *  per node (in `setCluster` order) its state (an index in `stateNames`) and
 *  its reason (an index in `reasonTexts`). */
export type GridResult = Grid & { states: Uint8Array; reasons: Uint32Array };

/** A Kubernetes object in its JSON form (`kubectl get ... -o json`). */
export type KubernetesObject = Record<string, unknown>;

/**
 * How one node fared against a [`RequiredNodeAffinity`].
 */
export type AffinityCheck = { matches: boolean, 
/**
 * nodeSelector entries the node's labels do not satisfy.
 */
nodeSelectorMismatches: Array<SelectorMismatch>, 
/**
 * `None` without required node affinity; otherwise the index (in
 * `nodeSelectorTerms`) of the first matching term, or -1 when none did.
 */
matchingTerm: number | null, 
/**
 * Every term with at least one requirement, against this node
 * (empty without required node affinity).
 */
terms: Array<TermCheck>, };

/**
 * The text a fix changed, and how.
 */
export type AppliedFix = { 
/**
 * `daemonSet` or `nodes`: the text changed.
 */
text: AppliedText, 
/**
 * The replaced range of that text, in bytes (the wasm module gives
 * UTF-16 code units, as JavaScript strings count).
 */
start: number, end: number, 
/**
 * What replaces it.
 */
insert: string, 
/**
 * The nodes the change reaches: the node, or every node of its
 * shorthand entry (`count`); empty for a DaemonSet change.
 */
nodes: Array<string>, };

/**
 * Which text an [`AppliedFix`] changed.
 */
export type AppliedText = "daemonSet" | "nodes";

/**
 * Which limit holds a rollout back.
 */
export type BudgetKind = "maxUnavailable" | "maxSurge";

/**
 * One DaemonSet on one node: check's state and its short reason.
 */
export type Cell = { state: NodeState, 
/**
 * The DaemonSet's own pod is on the node in the input.
 */
observed: boolean, 
/**
 * The scheduler's reasons (its first failing filter) for a Pending pod.
 */
reasons?: Array<string>, exclusion?: ExclusionKind, 
/**
 * The untolerated taint (`key=value:Effect`) of a taint exclusion.
 */
taint?: string, 
/**
 * The scheduler's FailedScheduling message, or the controller's
 * FailedCreate event.
 */
message?: string, 
/**
 * The pods the scheduler preempts to place this one (it is nominated
 * and binds once they are gone).
 */
victims?: Array<string>, 
/**
 * The DaemonSet (index) whose pod preempted this one's.
 */
preemptedBy?: number, };

export type ClusterDaemonSet = { namespace: string, name: string, 
/**
 * Its pods' priority (Priority admission).
 */
priority: number, priorityClassName: string | null, creationTimestamp: string | null, 
/**
 * The daemon pod's requests (`resource.PodRequests`), as kubectl
 * prints quantities.
 */
requests: { [key in string]: string }, 
/**
 * The same as `requests`, as `check`'s report gives them
 * (`daemonPodRequests`: milli-CPU and bytes).
 */
daemonPodRequests: PodRequests, 
/**
 * `kubectl get ds`'s NODE SELECTOR column.
 */
nodeSelector: string, 
/**
 * The input has pods of this DaemonSet.
 */
observed: boolean, counts: StateCounts, 
/**
 * The text it is written in, for a session's two texts (`daemonset`,
 * `nodes`: where the wasm `applyClusterFix` edits it); absent for
 * texts read together.
 */
source?: string, };

/**
 * One node: a cell per DaemonSet and what the daemon pods take.
 */
export type ClusterNode = { name: string, 
/**
 * The pool label's value (`None`: the node has no such label).
 */
pool: string | null, cells: Array<Cell>, 
/**
 * The sum of the requests of the daemon pods on the node (and
 * `pods`: their number), as `kubectl describe node` sums quantities.
 */
daemonSetRequests: { [key in string]: string }, allocatable: { [key in string]: string }, 
/**
 * Allocatable minus the daemon pods' requests: what is left for
 * workloads.
 */
left: { [key in string]: string }, 
/**
 * DaemonSets whose order Kubernetes does not fix and that decides a
 * cell on this node (swapping them changes a state); empty when the
 * outcome is fixed.
 */
orderDependent: Array<ObjectRef>, };

/**
 * How the view is asked for (the wasm `ClusterOptions`).
 */
export type ClusterOptions = { 
/**
 * Group nodes by this label instead of the pool labels.
 */
groupBy?: string | null, };

/**
 * What [`Session::set_cluster`] kept, and the problems of the text.
 */
export type ClusterSummary = { 
/**
 * Nodes kept (after `count` expansion of the shorthand list).
 */
nodes: number, 
/**
 * Pods kept.
 */
pods: number, 
/**
 * The cluster text cannot be used as it is; positions refer to it.
 */
errors: Array<Diagnostic>, 
/**
 * Something was skipped.
 */
warnings: Array<Diagnostic>, 
/**
 * The objects of kinds the engine does not use, each with its
 * position (one warning sums them up).
 */
skipped: Array<Skipped>, };

/**
 * Every DaemonSet against the same nodes.
 */
export type ClusterView = { 
/**
 * The DaemonSets the API server accepts, in the order of the input;
 * every `cells` list follows it.
 */
daemonSets: Array<ClusterDaemonSet>, 
/**
 * The DaemonSets the API server would refuse (not placed).
 */
refused: Array<RefusedDaemonSet>, 
/**
 * The order in which the scheduler's queue takes their pods.
 */
order: PlacementOrder, 
/**
 * The label the nodes are grouped by (`None`: the pool labels, else
 * the instance type).
 */
groupBy: string | null, nodes: Array<ClusterNode>, pools: Array<Pool>, 
/**
 * Why the input cannot be used as it is (exit status 2 in the CLI).
 */
inputErrors: Array<Diagnostic>, 
/**
 * The API server's warnings for the DaemonSets, and notes on the input.
 */
warnings: Array<Diagnostic>, };

/**
 * What `compare` gives for an input: the comparison when it holds a
 * DaemonSet, the placement alone when it holds only a Deployment.
 */
export type CompareResult = Comparison | Placement;

/**
 * The whole comparison (`daemonset-sim compare --format json`).
 */
export type Comparison = { daemonSet: ObjectRef, deployment: ObjectRef, deploymentSource: DeploymentSource, replicas: number, replicasSource: ReplicasSource, desiredNumberScheduled: number, 
/**
 * Daemon pods running (scheduled) and Pending.
 */
daemonPods: number, daemonPodsPending: number, 
/**
 * Replicas bound and Pending.
 */
deploymentPods: number, deploymentPodsPending: number, nodes: Array<NodeComparison>, 
/**
 * Nodes with a daemon pod and no replica.
 */
daemonSetOnly: Array<string>, 
/**
 * Nodes with a replica and no daemon pod.
 */
deploymentOnly: Array<string>, 
/**
 * Nodes with two or more replicas.
 */
deploymentDoubledUp: Array<NodeCount>, tolerations: TolerationFacts, nodeAdded: NodeAddedFacts, nodeRemoved: Array<NodeRemovedFacts>, rollingUpdate: RollingUpdateFacts, placement: Placement, };

/**
 * One proposal.
 */
export type Completion = { 
/**
 * The text put in place of the word at the caret.
 */
label: string, 
/**
 * What it is: a field's Go type (`[]v1.Toleration`), or where a value
 * comes from (`label of 3 nodes`).
 */
detail: string, kind: CompletionKind, };

/**
 * Where a proposal comes from.
 */
export type CompletionKind = "field" | "value" | "labelKey" | "labelValue" | "taintKey";

/**
 * What [`Session::complete`] proposes.
 */
export type Completions = { 
/**
 * The range of the text a chosen item replaces (bytes natively; the
 * wasm module gives UTF-16 code units).
 */
from: number, to: number, 
/**
 * Best first: the items whose label starts with the typed prefix,
 * then those that contain it.
 */
items: Array<Completion>, };

/**
 * Where the status counters come from.
 */
export type CountsBasis = "observed" | "projected";

/**
 * Who runs pods on a node.
 */
export type Coverage = "both" | "daemonSetOnly" | "deploymentOnly" | "neither";

/**
 * Who deleted a pod.
 */
export type Deleter = "controller" | "user";

export type DeploymentSource = "derived" | "pasted";

/**
 * One problem in the input.
 *
 * For API validation errors `kind` is the Kubernetes `field.ErrorType`
 * text (`Required value`, `Invalid value`, `Unsupported value`,
 * `Forbidden`, `Duplicate value`, ...) and [`Diagnostic::message`] renders
 * exactly what the API server returns:
 * `spec.selector: Invalid value: {}: empty selector is invalid for daemonset`.
 */
export type Diagnostic = { 
/**
 * Field path in the object (`spec.template.spec.tolerations[1].effect`),
 * `null` for text-level problems (a YAML syntax error).
 */
field: string | null, 
/**
 * Error type: a Kubernetes `field.ErrorType` text (`Invalid value`), or
 * this tool's own for input problems (`Syntax error`, `Decode error`).
 */
type: string, 
/**
 * Everything after the type in the Kubernetes error string. May be empty.
 */
detail: string, 
/**
 * The error as the API server or kubectl prints it.
 */
message: string, 
/**
 * 1-based line in the text, where known.
 */
line: number | null, 
/**
 * 1-based column (in characters) in the text, where known.
 */
column: number | null, 
/**
 * Which input the position refers to (a file name, `-`, or an editor
 * name such as `daemonset` / `nodes`), where there are several.
 */
source?: string, 
/**
 * A hint of this tool's own: the field an unknown one is probably
 * meant to be, the API version to use instead.
 */
hint?: string, 
/**
 * For a message of this tool's own: its code and parameters, to word
 * it in the reader's language (`message` is the English text).
 */
words?: Words, 
/**
 * The same for the hint.
 */
hintWords?: Words, };

/**
 * The DaemonSet status counters (`.status`).
 */
export type DsStatus = { desiredNumberScheduled: number, currentNumberScheduled: number, numberMisscheduled: number, numberReady: number, numberAvailable: number, updatedNumberScheduled: number, numberUnavailable: number, observedGeneration: number, };

/**
 * Why the controller does not want a daemon pod on a node.
 */
export type Exclusion = { "rule": "templateNodeName", nodeName: string, } | { "rule": "nodeAffinity", check: AffinityCheck, } | { "rule": "noScheduleTaint", taint: Taint, } | { "rule": "noExecuteTaint", taint: Taint, };

/**
 * Why the controller wants no pod on the node.
 */
export type ExclusionKind = "templateNodeName" | "nodeAffinity" | "noScheduleTaint" | "noExecuteTaint";

export type ExistingPod = { name: string, phase: string | null, ready: boolean, 
/**
 * Runs the DaemonSet's current template (see [`DaemonSetPlan::pod_is_updated`]).
 */
updated: boolean, };

/**
 * A change that would put the daemon pod on the node.
 */
export type Fix = { "kind": "addToleration", taint: string, yaml: string, } | { "kind": "removeTaint", command: string, } | { "kind": "labelNode", command: string, } | { "kind": "removeTemplateNodeName", nodeName: string, } | { "kind": "lowerRequest", resource: string, free: string, yaml: string, } | { "kind": "freeCapacity", resource: string, } | { "kind": "freeHostPort", port: number, protocol: string, usedBy: string, } | { "kind": "createPriorityClass", class: string, yaml: string, existing: Array<string>, } | { "kind": "removeTemplateField", field: string, };

/**
 * Which pod template a pod was made from.
 */
export type Generation = "old" | "new";

/**
 * Every node's state and reason, and the report without its nodes.
 */
export type Grid = { 
/**
 * The distinct reasons ([`NodeReport::reason`]); `""` for none.
 */
reasonTexts: Array<string>, 
/**
 * The states in the order of the indexes of `states`.
 */
stateNames: Array<NodeState>, 
/**
 * How many node verdicts were computed (classes of equal nodes, and
 * nodes with a pod of the DaemonSet).
 */
evaluated: number, daemonSet: ObjectRef | null, 
/**
 * Why the API server would refuse the DaemonSet: its strict decoding
 * errors, or else its validation errors (exit status 1 in the CLI).
 */
errors: Array<Diagnostic>, 
/**
 * Why the input cannot be used as it is: syntax, an unserved API
 * version, a node list a cluster would refuse (exit status 2).
 */
inputErrors: Array<Diagnostic>, 
/**
 * The API server's warnings for the DaemonSet, and this tool's notes
 * on the input.
 */
warnings: Array<Diagnostic>, 
/**
 * Objects of kinds this tool does not use (one warning sums them up).
 */
skipped: Array<Skipped>, nodes: Array<NodeReport>, desiredNumberScheduled: number, maxUnavailable: number | null, maxSurge: number | null, controllerMaxUnavailable: number | null, controllerMaxSurge: number | null, rolloutError: string | null, maxUnavailableError: string | null, maxSurgeError: string | null, updateStrategy: UpdateStrategy | null, daemonPodRequests: PodRequests | null, 
/**
 * `kubectl get ds`'s NODE SELECTOR column.
 */
nodeSelector: string, 
/**
 * The DaemonSet's label selector as kubectl prints it (`app=x`),
 * `None` when it does not parse.
 */
selector: string | null, 
/**
 * The template's own tolerations (without the automatic ones).
 */
tolerations: Array<Toleration>, status: StatusCounts, counts: StateCounts, 
/**
 * The tolerations the controller adds to every daemon pod.
 */
autoTolerations: Array<Toleration>, };

/**
 * One host port as the scheduler keys it (`HostPortInfo`): an empty IP
 * is `0.0.0.0`, an empty protocol `TCP`.
 */
export type HostPort = { ip: string, protocol: string, port: number, };

/**
 * One resource the node lacks: requested vs what is free.
 */
export type InsufficientResource = { resource: string, reason: string, 
/**
 * What the pod asks for (1 for `pods`).
 */
requested: number, 
/**
 * Already requested by the pods on the node.
 */
used: number, capacity: number, };

/**
 * `intstr.IntOrString`: `maxUnavailable: 1` or `maxUnavailable: "25%"`.
 */
export type IntOrString = number | string;

/**
 * One scripted user action: `kubectl delete pod` of the daemon pod on
 * `node` at second `t` (how OnDelete rollouts progress).
 */
export type ManualDelete = { t: number, node: string, };

/**
 * What happens to the daemon pod on a node.
 */
export type NodeAction = "create" | "keep" | "keepMisscheduled" | "delete" | "nodeRemoved" | "none";

/**
 * A node joins the cluster.
 */
export type NodeAddedFacts = { 
/**
 * The controller creates a daemon pod on a new node that its
 * selector, affinity and taints admit.
 */
daemonSetCreatesPod: boolean, daemonSetDesiredAfter: number, 
/**
 * The Deployment's replica count does not change.
 */
deploymentReplicasAfter: number, 
/**
 * Running replicas do not move (the scheduler only places new pods).
 */
deploymentPodsMoved: number, 
/**
 * Existing nodes a copy of which would get a daemon pod.
 */
nodesLikeTheseGetADaemonPod: Array<string>, };

export type NodeChange = { node: string, 
/**
 * `None`: the node was added.
 */
before: NodeVerdict | null, 
/**
 * `None`: the node was removed.
 */
after: NodeVerdict | null, hadPod: boolean, action: NodeAction, 
/**
 * For a created pod: whether the scheduler fits it on the node (its
 * resources and host ports; no other pods are known).
 */
schedulerFits?: boolean | null, schedulerReasons?: Array<string>, };

export type NodeChangeReport = { namespace: string, name: string, 
/**
 * Every node of either side, in name order.
 */
nodes: Array<NodeChange>, created: Array<string>, kept: Array<string>, keptMisscheduled: Array<string>, deleted: Array<string>, removedWithNode: Array<string>, 
/**
 * Steady status before the change.
 */
statusBefore: DsStatus, 
/**
 * Status once the change has settled (created pods Ready, deleted
 * pods gone).
 */
statusAfter: DsStatus, };

export type NodeComparison = { name: string, 
/**
 * The daemon pod's fate on this node.
 */
daemonSetState: NodeState, 
/**
 * Daemon pods running here (0 or 1).
 */
daemonPods: number, 
/**
 * A daemon pod is created here but the scheduler rejects it.
 */
daemonPodPending: boolean, 
/**
 * Replicas the scheduler binds here.
 */
deploymentPods: number, coverage: Coverage, };

export type NodeCount = { node: string, pods: number, };

/**
 * A kept node as a coverage grid lists it: [`Session::node_list`].
 */
export type NodeEntry = { name: string, labels: { [key in string]: string }, };

/**
 * How the nodes behave: a small kubelet model.
 */
export type NodeModel = { 
/**
 * Seconds from a pod's scheduling to its Ready condition, for nodes
 * without their own value.
 */
readyDelaySeconds: number, 
/**
 * Per-node ready delays.
 */
perNodeReadyDelay: { [key in string]: number }, 
/**
 * Nodes where a pod of the new template never becomes Ready (a crash
 * loop, a failing readiness probe).
 */
neverReady: Array<string>, 
/**
 * Seconds from a pod's deletion until it is gone (0: gone at once).
 * Until then it keeps running, counting as Ready, and holding its
 * node's resources and host ports.
 */
terminationSeconds: number, 
/**
 * Scripted user deletes (OnDelete).
 */
manualDeletes: Array<ManualDelete>, };

export type NodeRef = { node: string, };

/**
 * A node leaves the cluster.
 */
export type NodeRemovedFacts = { node: string, 
/**
 * Its daemon pod goes with it.
 */
daemonPodRemoved: boolean, daemonSetDesiredAfter: number, 
/**
 * Replicas that were on it; the ReplicaSet replaces them.
 */
deploymentPodsLost: number, deploymentReplicasAfter: number, 
/**
 * Where the replacements go, in order (`None`: Pending).
 */
replacements: Array<string | null>, 
/**
 * The replacements were simulated (only the first
 * [`MAX_REMOVAL_SIMULATIONS`] nodes with replicas are).
 */
replacementsSimulated: boolean, };

/**
 * One node's verdict and the facts behind it.
 */
export type NodeReport = { name: string, state: NodeState, shouldRun: boolean, shouldContinueRunning: boolean, 
/**
 * `None` where `shouldRun` is false.
 */
schedulerFits: boolean | null, schedulerReasons: Array<string>, schedulerFailedPlugins: Array<string>, schedulerFirstFailure: PluginFailure | null, 
/**
 * Why the controller wants no pod here.
 */
exclusion: Exclusion | null, 
/**
 * nodeSelector / required node affinity against this node's labels.
 */
affinity: AffinityCheck, taints: Array<TaintCheck>, labels: { [key in string]: string }, unschedulable: boolean, 
/**
 * The node's Ready condition (`None` when it has none).
 */
ready: boolean | null, allocatable: Resources, 
/**
 * Requested by the other pods already on the node.
 */
used: Resources, podsOnNode: number, insufficient: Array<InsufficientResource>, portConflicts: Array<PortConflict>, 
/**
 * The scheduler's FailedScheduling message for a Pending daemon pod.
 */
message: string | null, 
/**
 * What the scheduler's preemption finds for a Pending daemon pod.
 */
preemption: Preemption | null, 
/**
 * The DaemonSet's own pod already on this node, if the input has it.
 */
existingPod: ExistingPod | null, fixes: Array<Fix>, };

/**
 * One node's scores: the weighted score of every plugin that ran, and
 * their sum (`total`).
 */
export type NodeScore = { total: number, } & ({ [key in string]: number });

export type NodeSnapshot = { node: string, shouldRun: boolean, 
/**
 * The node's pods at that instant, oldest first.
 */
pods: Array<PodState>, };

/**
 * What a node has at t = 0, and why.
 *
 * With the DaemonSet's own pods in the input (`startBasis: observed`),
 * the node starts with exactly those pods (matched by the controller's
 * ownership rules), with their readiness; a node without one starts
 * empty (the controller creates one if it should run). Without them
 * (`projected`), the node starts as the check describes the running
 * DaemonSet: `scheduled` with an available old pod, `pending` with an
 * old pod the scheduler cannot bind (not Ready, unavailable), and
 * `excluded` / `keeps-existing` with none (the controller never creates
 * a pod where `shouldRun` is false).
 */
export type NodeStart = { 
/**
 * The check's verdict for the running (old) DaemonSet on this node,
 * as the Coverage tab and `daemonset-sim check` show it.
 */
verdict: NodeState, 
/**
 * The pods at t = 0, oldest first (all of the old template).
 */
pods: Array<StartPod>, };

/**
 * What happens to the daemon pod on a node.
 */
export type NodeState = "scheduled" | "pending" | "excluded" | "keeps-existing" | "failed-create";

/**
 * `shouldRun` / `shouldContinueRunning` on one side of the change.
 */
export type NodeVerdict = { shouldRun: boolean, shouldContinueRunning: boolean, exclusion?: Exclusion | null, };

/**
 * A namespaced object's name, as reports name it.
 */
export type ObjectRef = { namespace: string, name: string, };

/**
 * How the orders were covered.
 */
export type OrderExploration = "exhaustive" | "sampled";

/**
 * What the order in which the controller picks nodes changes.
 *
 * Where more nodes could be updated than the budget allows, the
 * DaemonSet controller picks them by iterating a Go map: at random, anew
 * at every sync. The run in `log` takes them by node name (`rule`); this
 * states the outcomes over the possible orders: when the rollout
 * completes, when `kubectl rollout status` first succeeds, when it stops
 * moving (stalls), and how many orders give each.
 */
export type OrderRange = { 
/**
 * How the run in `log` picks: `"nodeName"`, ascending node name.
 */
rule: string, exploration: OrderExploration, 
/**
 * Distinct orders explored (exhaustive), or runs (sampled: the
 * name-order run and the random ones); at most 2^53 - 1.
 */
orders: number, 
/**
 * Classes of interchangeable nodes the orders are counted over
 * (nodes alike in every way the controller and the kubelet model can
 * tell apart); 0 when the controller never had a choice.
 */
classes: number, 
/**
 * The sampler's seed (sampled only).
 */
seed?: number, 
/**
 * The exploration's budget and what it used, in node-syncs (one
 * controller sync over one node).
 */
budget: number, work: number, 
/**
 * Orders that complete, by completion tick (`ticks`).
 */
completed: TickRange | null, 
/**
 * First tick `kubectl rollout status` succeeds, over the orders
 * where it does.
 */
kubectlDone: TickRange | null, 
/**
 * Orders that stall, by the tick of their last change (the stall is
 * reported 90 s later, or at the tick limit).
 */
stalled: TickRange | null, 
/**
 * Orders still running at the tick limit.
 */
unfinished: TickRange | null, 
/**
 * Some orders end differently (another outcome or another tick).
 */
dependsOnOrder: boolean, };

/**
 * A pod the scheduler could not place when it was created.
 */
export type PendingPod = { node: string, reasons: Array<string>, };

/**
 * Where the default scheduler puts every replica of a Deployment.
 */
export type Placement = { deployment: ObjectRef, 
/**
 * `spec.replicas` after defaulting (1 when unset).
 */
replicas: number, pod: ReplicaPodFacts, scorePlugins: Array<PluginWeight>, tieBreak: string, placements: Array<ReplicaPlacement>, 
/**
 * Every node (by name) with the number of replicas bound to it.
 */
podsPerNode: { [key in string]: number }, scheduled: number, pending: number, 
/**
 * Only the first [`MAX_SIMULATED_REPLICAS`] replicas were simulated.
 */
truncated: boolean, 
/**
 * Input problems that were worked around (e.g. an affinity term whose
 * selector does not parse).
 */
warnings: Array<string>, };

/**
 * The queue's order: priority (higher first), then creation timestamp
 * (earlier first, unknown last), then namespace/name.
 */
export type PlacementOrder = { 
/**
 * Indices into `daemonSets`, first placed first.
 */
daemonSets: Array<number>, 
/**
 * Per entry of `daemonSets` (in this order): Kubernetes does not fix
 * its place relative to the one before (equal priority, equal or
 * unknown creation timestamps); namespace/name decided.
 */
tiedWithPrevious: Array<boolean>, 
/**
 * No two neighbours are tied.
 */
fixed: boolean, };

/**
 * A failing filter plugin and its reasons (sorted).
 */
export type PluginFailure = { plugin: string, reasons: Array<string>, };

/**
 * A score plugin of the default profile and its weight.
 */
export type PluginWeight = { name: string, weight: number, };

/**
 * One pod's life. Times are ticks (seconds since the change was applied);
 * a pod that existed before the change has `preexisting` set and its
 * times at 0 (a Pending one has no `scheduledAt`; one that was not Ready
 * has no `readyAt` until it becomes Ready).
 */
export type PodHistory = { 
/**
 * Creation order (the controller's "oldest pod" order).
 */
id: number, node: string, generation: Generation, preexisting: boolean, createdAt: number, 
/**
 * When the scheduler bound it; `None` while Pending.
 */
scheduledAt: number | null, readyAt: number | null, 
/**
 * Ready + minReadySeconds.
 */
availableAt: number | null, deletedAt: number | null, deletedBy: Deleter | null, removedAt: number | null, 
/**
 * Why the scheduler could not place it (while Pending).
 */
unschedulableReasons?: Array<string>, };

/**
 * What a node holds at one instant.
 */
export type PodPhase = "pending" | "running" | "terminating";

export type PodRef = { node: string, generation: Generation, };

/**
 * A pod's requests as reports show them (CPU in millicores, the rest in
 * whole units).
 */
export type PodRequests = { cpuMilli: number, memory: number, ephemeralStorage: number, scalar: { [key in string]: number }, };

export type PodState = { id: number, generation: Generation, phase: PodPhase, ready: boolean, available: boolean, };

/**
 * One node pool: the DaemonSet tax.
 */
export type Pool = { 
/**
 * The label's value (`None`: nodes without it).
 */
name: string | null, nodes: number, allocatableMilliCpu: number, 
/**
 * Bytes.
 */
allocatableMemory: number, 
/**
 * What the daemon pods request in the pool.
 */
requestedMilliCpu: number, requestedMemory: number, 
/**
 * The tax: requested over allocatable (0 when nothing is allocatable).
 */
cpuShare: number, memoryShare: number, 
/**
 * Per DaemonSet (as `daemonSets`).
 */
daemonSets: Array<PoolDaemonSet>, 
/**
 * Nodes where a daemon pod is Pending.
 */
pendingNodes: number, 
/**
 * Nodes whose outcome depends on an order Kubernetes does not fix.
 */
orderDependentNodes: number, };

export type PoolDaemonSet = { 
/**
 * Nodes where its pod runs (or is nominated).
 */
nodes: number, 
/**
 * Nodes where its pod is Pending.
 */
pending: number, milliCpu: number, memory: number, };

export type PortConflict = { port: HostPort, usedBy: string, };

/**
 * What the DefaultPreemption plugin finds on the pod's node.
 */
export type Preemption = { "outcome": "notEligible" } | { "outcome": "notHelpful" } | { "outcome": "noVictims" } | { "outcome": "stillDoesNotFit", reasons: Array<string>, } | { "outcome": "preempts", victims: Array<string>, };

export type RefusedDaemonSet = { namespace: string, name: string, errors: Array<Diagnostic>, };

/**
 * Where one replica went, and why.
 */
export type ReplicaPlacement = { 
/**
 * 0-based, in the order the scheduler takes the replicas.
 */
replica: number, 
/**
 * Nodes that pass every filter, sorted by name (empty when abridged).
 */
feasible: Array<string>, 
/**
 * How many nodes passed every filter.
 */
feasibleCount: number, 
/**
 * Per feasible node, per plugin, the normalized score times the
 * plugin's weight, and the total. `None` when nothing was scored
 * (a single feasible node, none, or a pod with `nodeName`).
 */
scores: { [key in string]: NodeScore } | null, 
/**
 * What each plugin's Score returned, before normalization and weight.
 */
rawScores: { [key in string]: { [key in string]: number } } | null, 
/**
 * Nodes with the highest total (the tie set), sorted (the first
 * [`MAX_ABRIDGED_TOP_NODES`] when abridged).
 */
topNodes: Array<string>, 
/**
 * The size of the tie set.
 */
topNodesCount: number, 
/**
 * The node the replica is bound to.
 */
chosen: string | null, 
/**
 * Only one node passed the filters: the scheduler takes it without scoring.
 */
singleFeasibleNoScoring: boolean, 
/**
 * No node passed the filters: the replica stays Pending.
 */
unschedulable: boolean, 
/**
 * For every node that failed a filter, the first failing plugin's
 * reasons (the scheduler stops at the first failing plugin).
 */
reasons: { [key in string]: Array<string> }, 
/**
 * For every node that failed a filter, every failing plugin and its reasons.
 */
failures: { [key in string]: Array<PluginFailure> }, 
/**
 * The scheduler's message for an unschedulable replica
 * (`0/5 nodes are available: ...`).
 */
message: string | null, 
/**
 * The template sets `spec.nodeName`: the scheduler never sees the pod.
 */
nodeName: string | null, 
/**
 * Nodes the filters ran on.
 */
evaluatedNodes: number, 
/**
 * The scheduler stopped after finding enough feasible nodes (only in
 * clusters of 100 nodes or more; which ones it finds first depends
 * on its parallel search, so this is an approximation there).
 */
searchStoppedEarly: boolean, 
/**
 * Per-node detail was cut to stay small ([`MAX_DETAILED_NODE_ENTRIES`]):
 * `feasible`, `reasons` and `failures` are empty, `scores` holds only
 * the chosen node and `topNodes` at most [`MAX_ABRIDGED_TOP_NODES`]
 * names. Counts, the choice and the message are exact.
 */
abridged: boolean, };

/**
 * The replica pod as the scheduler sees it.
 */
export type ReplicaPodFacts = { 
/**
 * Template labels plus `pod-template-hash`.
 */
labels: { [key in string]: string }, podTemplateHash: string, 
/**
 * Every toleration of the pod.
 */
tolerations: Array<Toleration>, 
/**
 * Those the DefaultTolerationSeconds admission plugin added.
 */
addedTolerations: Array<Toleration>, 
/**
 * What NodeResourcesFit filters with.
 */
requests: PodRequests, 
/**
 * What LeastAllocated scores with (100m / 200Mi for containers that
 * request nothing).
 */
nonZeroRequests: PodRequests, 
/**
 * The ReplicaSet selector the system-default spread constraints use.
 */
replicaSetSelector: string | null, };

export type ReplicasSource = "desiredNumberScheduled" | "requested" | "deployment";

/**
 * The whole report (`daemonset-sim check --format json`).
 */
export type Report = { daemonSet: ObjectRef | null, 
/**
 * Why the API server would refuse the DaemonSet: its strict decoding
 * errors, or else its validation errors (exit status 1 in the CLI).
 */
errors: Array<Diagnostic>, 
/**
 * Why the input cannot be used as it is: syntax, an unserved API
 * version, a node list a cluster would refuse (exit status 2).
 */
inputErrors: Array<Diagnostic>, 
/**
 * The API server's warnings for the DaemonSet, and this tool's notes
 * on the input.
 */
warnings: Array<Diagnostic>, 
/**
 * Objects of kinds this tool does not use (one warning sums them up).
 */
skipped: Array<Skipped>, nodes: Array<NodeReport>, desiredNumberScheduled: number, maxUnavailable: number | null, maxSurge: number | null, controllerMaxUnavailable: number | null, controllerMaxSurge: number | null, rolloutError: string | null, maxUnavailableError: string | null, maxSurgeError: string | null, updateStrategy: UpdateStrategy | null, daemonPodRequests: PodRequests | null, 
/**
 * `kubectl get ds`'s NODE SELECTOR column.
 */
nodeSelector: string, 
/**
 * The DaemonSet's label selector as kubectl prints it (`app=x`),
 * `None` when it does not parse.
 */
selector: string | null, 
/**
 * The template's own tolerations (without the automatic ones).
 */
tolerations: Array<Toleration>, status: StatusCounts, counts: StateCounts, 
/**
 * The tolerations the controller adds to every daemon pod.
 */
autoTolerations: Array<Toleration>, };

/**
 * One requirement of a term against the node's label (or name).
 */
export type RequirementCheck = { 
/**
 * `matchExpressions` or `matchFields`.
 */
kind: string, key: string, operator: string, values: Array<string>, 
/**
 * The node's value for the key (`None`: the node has no such label).
 */
nodeValue: string | null, matches: boolean, };

/**
 * The scheduler's `framework.Resource`.
 */
export type Resources = { milliCpu: number, memory: number, ephemeralStorage: number, allowedPodNumber: number, 
/**
 * Extended resources, hugepages, attachable volumes (whole units).
 */
scalar: { [key in string]: number }, };

export type RollingUpdate = { maxUnavailable?: IntOrString | null, maxSurge?: IntOrString | null, };

export type RollingUpdateFacts = { daemonSet: RolloutFacts, deployment: RolloutFacts, 
/**
 * The DaemonSet's own maxUnavailable / maxSurge as a Deployment would
 * scale them against the same total (maxUnavailable rounded down).
 */
daemonSetValuesAsDeployment: RolloutFacts, };

/**
 * maxUnavailable / maxSurge as the controller uses them.
 */
export type RolloutBudget = { 
/**
 * After scaling against desiredNumberScheduled and the 0/0 → 1/0 rule.
 */
maxUnavailable: number | null, maxSurge: number | null, 
/**
 * The controller's error for an invalid value (no rolling update then).
 */
error?: string | null, desiredNumberScheduled: number, };

/**
 * One workload's rolling-update limits.
 */
export type RolloutFacts = { strategyType: string | null, maxUnavailable: IntOrString | null, maxSurge: IntOrString | null, 
/**
 * What percentages are taken of.
 */
total: number, 
/**
 * `up` or `down`.
 */
maxUnavailableRounding: string, maxSurgeRounding: string, scaledMaxUnavailable: number | null, scaledMaxSurge: number | null, 
/**
 * After the controller's adjustment (both 0 → maxUnavailable 1).
 */
effectiveMaxUnavailable: number | null, effectiveMaxSurge: number | null, zeroZeroAdjusted: boolean, error: string | null, };

/**
 * A node as the rollout sees it.
 */
export type RolloutNode = { name: string, 
/**
 * The old template targets it (`shouldRun` before the change).
 */
targetedBefore: boolean, 
/**
 * The new template's `shouldRun` / `shouldContinueRunning`.
 */
shouldRun: boolean, shouldContinueRunning: boolean, 
/**
 * Why the new template does not want a pod here.
 */
exclusion?: Exclusion | null, readyDelaySeconds: number, neverReady: boolean, 
/**
 * What it has at t = 0, and why.
 */
start: NodeStart, };

/**
 * The options of [`Session::rollout`] (the wasm `RolloutOptions`).
 */
export type RolloutOptions = { 
/**
 * The DaemonSet after the change, as YAML or JSON text.
 */
newDaemonSet?: string, 
/**
 * Or a change; neither: a `kubectl rollout restart`.
 */
change?: TemplateChange, 
/**
 * The node model; missing fields take their defaults.
 */
model?: Partial<NodeModel> | null, 
/**
 * Seconds simulated at most (default 1200).
 */
tickLimit?: number, };

/**
 * One rollout as a single JSON request (the wasm module's free
 * `rollout`): objects in their Kubernetes JSON form.
 */
export type RolloutRequest = { 
/**
 * The DaemonSet as it runs now.
 */
daemonSet: KubernetesObject, 
/**
 * The DaemonSet after the change; or give `change`.
 */
newDaemonSet?: KubernetesObject | null, 
/**
 * A simple template change; without it and without `newDaemonSet`,
 * a `kubectl rollout restart`.
 */
change?: TemplateChange, 
/**
 * The nodes, as `kubectl get nodes -o json` items.
 */
nodes?: Array<KubernetesObject>, 
/**
 * Pods bound to the nodes: the DaemonSet's own are the pods the nodes
 * start with; the others hold resources and host ports.
 */
pods?: Array<KubernetesObject>, 
/**
 * The cluster's PriorityClasses (besides the two system ones): the
 * daemon pods go through the Priority admission plugin, as in `check`.
 */
priorityClasses?: Array<KubernetesObject>, 
/**
 * Missing fields take their defaults.
 */
model?: Partial<NodeModel> | null, 
/**
 * Seconds simulated at most (default 1200).
 */
tickLimit?: number, };

export type SelectorMismatch = { key: string, want: string, have: string | null, };

/**
 * An object of a kind the engine does not use.
 */
export type Skipped = { apiVersion: string, kind: string, name: string, line: number | null, column: number | null, source?: string, };

/**
 * The grid at one instant.
 */
export type Snapshot = { t: number, nodes: Array<NodeSnapshot>, 
/**
 * The status at that instant (of the last logged tick at or before t).
 */
status: DsStatus, kubectl: string | null, };

/**
 * Why a rollout stopped moving: facts, for the page to word.
 */
export type StallReason = { "kind": "failedCreate", event: string, nodes: Array<string>, } | { "kind": "neverReady", nodes: Array<string>, 
/**
 * The limit they use up (none for OnDelete).
 */
budget: BudgetKind | null, limit: number | null, 
/**
 * Nodes still running an old pod, waiting for budget.
 */
waiting: Array<string>, } | { "kind": "hostPortSurge", nodes: Array<string>, ports: Array<HostPort>, maxSurge: number, } | { "kind": "unschedulable", node: string, failures: Array<PluginFailure>, insufficient?: Array<InsufficientResource>, 
/**
 * Whether the old daemon pod on the node is what takes the room
 * (surge: both pods must fit at once).
 */
besideOldPod: boolean, } | { "kind": "budgetHeld", budget: BudgetKind, limit: number, 
/**
 * Nodes whose Pending new pod holds the budget.
 */
heldBy: Array<string>, 
/**
 * Nodes still running an old pod, waiting for budget.
 */
waiting: Array<string>, } | { "kind": "onDeleteWaiting", nodes: Array<string>, } | { "kind": "oldPodKept", nodes: Array<string>, } | { "kind": "invalidStrategy", error: string, } | { "kind": "onDeleteNoRolloutStatus", allUpdatedAt: number | null, } | { "kind": "notUpdated", nodes: Array<string>, };

/**
 * A pod a node has when the change is applied (t = 0, before the
 * controller's first sync of the new template).
 */
export type StartPod = { 
/**
 * Its id in `pods`.
 */
id: number, 
/**
 * Its name in the input (observed pods only).
 */
name?: string, 
/**
 * Pending (not bound), Running, or Terminating (the input's pod has a
 * `deletionTimestamp`: it goes `terminationSeconds` after t = 0).
 */
phase: PodPhase, ready: boolean, available: boolean, 
/**
 * Runs the running DaemonSet's template (UP-TO-DATE before the change).
 */
updated: boolean, 
/**
 * Why the scheduler cannot bind it (a Pending pod).
 */
unschedulableReasons?: Array<string>, };

export type StateCounts = { scheduled: number, pending: number, excluded: number, keepsExisting: number, failedCreate: number, };

/**
 * The DaemonSet status counters (`kubectl get ds` columns).
 */
export type StatusCounts = { desiredNumberScheduled: number, currentNumberScheduled: number, numberReady: number, numberAvailable: number, updatedNumberScheduled: number, numberMisscheduled: number, numberUnavailable: number, 
/**
 * `observed`: computed from the DaemonSet's pods in the input;
 * `projected`: what the cluster settles to once the controller has
 * created its pods and the schedulable ones are Ready.
 */
basis: CountsBasis, };

/**
 * `v1.Taint` on a node.
 */
export type Taint = { key: string, value: string, effect: string, timeAdded?: string | null, };

export type TaintCheck = { taint: Taint, 
/**
 * `key=value:Effect`, as kubectl prints it.
 */
text: string, outcome: TaintEffectOnPod, 
/**
 * The toleration that matches, if any.
 */
toleration: Toleration | null, 
/**
 * That toleration is one the DaemonSet controller adds by itself.
 */
autoToleration: boolean, };

export type TaintDifference = { node: string, taint: Taint, 
/**
 * `key=value:Effect`.
 */
text: string, 
/**
 * The taint stands for `spec.unschedulable: true` (a cordoned node).
 */
fromSpecUnschedulable: boolean, daemonPod: TaintOutcome, deploymentPod: TaintOutcome, 
/**
 * For `EvictedAfterSeconds`.
 */
deploymentTolerationSeconds: number | null, daemonTolerationSeconds: number | null, };

/**
 * What a node taint does to the daemon pod.
 */
export type TaintEffectOnPod = "tolerated" | "preferOnly" | "blocksNewPods" | "evicts";

/**
 * What a taint does to each kind of pod.
 */
export type TaintOutcome = "tolerated" | "evictedAfterSeconds" | "scoredLower" | "blocksScheduling" | "evicts";

/**
 * A change to the pod template.
 */
export type TemplateChange = { "kind": "image", container?: string | null, image: string, } | { "kind": "restartAnnotation", restartedAt?: string, } | { "kind": "env", container?: string | null, name: string, value: string, } | { "kind": "removeTolerations" };

/**
 * One `nodeSelectorTerm` against one node.
 */
export type TermCheck = { index: number, matches: boolean, 
/**
 * Why the term could not be parsed (it then matches nothing).
 */
errors: Array<string>, requirements: Array<RequirementCheck>, };

/**
 * How many of each event a tick had.
 */
export type TickCounts = { created: number, deletedOld: number, deletedNew: number, userDeleted: number, becameReady: number, removed: number, 
/**
 * Old-template pods still present (terminating ones included).
 */
oldPodsLeft: number, };

/**
 * One tick where something changed (and always t = 0).
 */
export type TickEntry = { t: number, 
/**
 * Pods the controller created (always of the new template), by node.
 */
created: Array<NodeRef>, 
/**
 * Pods the controller deleted.
 */
deleted: Array<PodRef>, 
/**
 * Pods the user deleted (the scripted deletes).
 */
userDeleted: Array<PodRef>, 
/**
 * Nodes whose pod became Ready.
 */
becameReady: Array<string>, 
/**
 * Pods whose termination finished (they are gone).
 */
removed: Array<PodRef>, 
/**
 * Created pods the scheduler could not place (Pending).
 */
unschedulable?: Array<PendingPod>, 
/**
 * Pending pods the scheduler placed this tick.
 */
scheduled?: Array<string>, counts: TickCounts, status: DsStatus, 
/**
 * What `kubectl rollout status` prints for this status.
 */
kubectl?: string | null, 
/**
 * kubectl's refusal (OnDelete).
 */
kubectlError?: string | null, 
/**
 * `kubectl rollout status` would exit successfully here.
 */
kubectlDone: boolean, 
/**
 * Controller syncs run in this tick, the last one finding nothing to do.
 */
syncs: number, };

/**
 * How many orders gave an outcome, and its earliest and latest tick.
 */
export type TickRange = { 
/**
 * Orders with this outcome (at most 2^53 - 1).
 */
orders: number, earliest: number, latest: number, };

/**
 * The result of a rollout simulation.
 */
export type Timeline = { namespace: string, name: string, 
/**
 * `RollingUpdate` or `OnDelete` (of the new DaemonSet).
 */
strategy: string, budget: RolloutBudget, minReadySeconds: number, tickSeconds: number, tickLimit: number, model: NodeModel, 
/**
 * Where the pods at t = 0 come from: `observed` (the DaemonSet's own
 * pods in the input) or `projected` (the check's verdicts).
 */
startBasis: CountsBasis, 
/**
 * What the order of the nodes changes, over the possible orders.
 */
orders: OrderRange, 
/**
 * Every node, in name order.
 */
nodes: Array<RolloutNode>, 
/**
 * The status before the change: the running DaemonSet with the pods
 * of t = 0 (what the check shows).
 */
initialStatus: DsStatus, 
/**
 * t = 0 and every tick where something changed.
 */
log: Array<TickEntry>, 
/**
 * Every pod's life (old and new), in creation order.
 */
pods: Array<PodHistory>, 
/**
 * `kubectl rollout status` succeeds and no old pod is left (every
 * targeted node runs an available new pod). Never for OnDelete.
 */
completed: boolean, 
/**
 * Nothing can change any more and the rollout is not complete.
 */
stalled: boolean, 
/**
 * When the run ended: the completion tick, the stall verdict
 * (last change + 90 s), or the tick limit.
 */
ticks: number, 
/**
 * First tick at which `kubectl rollout status` succeeds.
 */
kubectlDoneAt: number | null, 
/**
 * First tick at which every targeted node runs an available new pod
 * and no old pod is left (also for OnDelete, which never `completed`
 * because kubectl has no rollout status for it).
 */
allUpdatedAt: number | null, 
/**
 * Tick of the last change.
 */
lastChangeAt: number, 
/**
 * Why it stalled (empty unless `stalled`).
 */
stallReasons: Array<StallReason>, finalStatus: DsStatus, };

/**
 * `v1.Toleration` in a pod spec.
 */
export type Toleration = { key: string, operator: string, value: string, effect: string, tolerationSeconds?: number | null, };

export type TolerationFacts = { 
/**
 * What the DaemonSet controller adds to every daemon pod.
 */
daemonSetAutomatic: Array<Toleration>, 
/**
 * Every toleration of the daemon pod.
 */
daemonPod: Array<Toleration>, 
/**
 * What the DefaultTolerationSeconds admission plugin adds to the
 * Deployment's pods.
 */
deploymentAdded: Array<Toleration>, 
/**
 * Every toleration of the Deployment's pod.
 */
deploymentPod: Array<Toleration>, 
/**
 * When a node turns NotReady or unreachable: seconds until the daemon
 * pod is evicted (`None`: never).
 */
daemonPodNotReadyEvictionSeconds: number | null, daemonPodUnreachableEvictionSeconds: number | null, deploymentPodNotReadyEvictionSeconds: number | null, deploymentPodUnreachableEvictionSeconds: number | null, 
/**
 * Node taints (and cordons) that treat the two pods differently.
 */
differences: Array<TaintDifference>, };

/**
 * `DaemonSetUpdateStrategy` (and, for Deployments, `DeploymentStrategy`,
 * which has the same shape).
 */
export type UpdateStrategy = { type?: string | null, rollingUpdate?: RollingUpdate | null, };

/**
 * One parameter of a [`Words`].
 */
export type WordArg = string | number | Array<[string, number]>;

/**
 * A message of this tool's own as a code and its parameters: the page
 * words it in the reader's language (`words.<code>` in its i18n tables),
 * the CLI prints the English text beside which it is made. Every code is
 * in [`WORD_CODES`].
 */
export type Words = { 
/**
 * One of [`WORD_CODES`] (`skipped`, `duplicateNode`, ...).
 */
code: string, 
/**
 * The parameters by name.
 */
args: { [key in string]: WordArg }, };
