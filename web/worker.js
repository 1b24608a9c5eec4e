// The engine runs here, off the main thread, so that evaluating a large
// cluster never blocks typing. Protocol (all messages carry `seq`):
//   in:  {type: 'cluster', seq, text}   -> out: {type: 'cluster', seq, summary, ms}
//   in:  {type: 'evaluate', seq, text}  -> out: {type: 'report', seq, report, ms}
//                                         or {type: 'error', seq, error}
//   in:  {type: 'rollout', seq, ds, options}  -> out: {type: 'result', seq, result: Timeline without `pods`}
//   in:  {type: 'snapshot', seq, t}           -> out: {type: 'result', seq, result: Snapshot}
//   in:  {type: 'compare', seq, ds, replicas} -> out: {type: 'result', seq, result: Comparison,
//                                                      its placements cut to the choice (see slim)}
//   in:  {type: 'scores', seq, node}          -> out: {type: 'result', seq, result: one node's part of
//                                                      every placement of the last comparison}
//   (each of these may answer {type: 'error', seq, error} instead)
//   out: {type: 'ready', version} once loaded, {type: 'fatal', message} if loading fails,
//        {type: 'crash', seq, message} when the engine panics (this worker then closes).
import init, { Simulator, version } from './pkg/daemonset_sim.js';

let sim = null;
let comparison = null;
const ready = init().then(
  () => {
    sim = new Simulator();
    postMessage({ type: 'ready', version: version() });
  },
  (e) => {
    postMessage({ type: 'fatal', message: String((e && e.message) || e) });
    throw e;
  },
);

// An Error the engine throws on purpose carries the diagnostic's fields;
// `type: "Panic"` (or a bare RuntimeError) means the module is unusable.
const isEngineError = (e) => e instanceof Error && !(e instanceof WebAssembly.RuntimeError) && typeof e.type === 'string' && e.type !== 'Panic';
const plain = (e) => ({
  message: e.message, field: e.field ?? null, type: e.type, detail: e.detail ?? '',
  line: e.line ?? null, column: e.column ?? null, source: e.source ?? null,
});

/**
 * The comparison without the per-node detail of every replica (a 5,000-node
 * cluster has megabytes of it): each placement keeps its choice, its tie
 * set and its message; `scores` gives one node's detail on demand.
 */
function slim(c) {
  const placements = c.placement.placements.map((p) => ({
    replica: p.replica, chosen: p.chosen, topNodes: p.topNodes, topNodesCount: p.topNodesCount,
    feasibleCount: p.feasibleCount, unschedulable: p.unschedulable, message: p.message,
    singleFeasibleNoScoring: p.singleFeasibleNoScoring, nodeName: p.nodeName, abridged: p.abridged,
  }));
  return { ...c, placement: { ...c.placement, placements } };
}

/** One node's part of every placement of the last comparison. */
function scores(node) {
  if (!comparison) return null;
  const pl = comparison.placement;
  return {
    node,
    scorePlugins: pl.scorePlugins,
    tieBreak: pl.tieBreak,
    replicas: pl.placements.map((p) => ({
      replica: p.replica, chosen: p.chosen, topNodes: p.topNodes, topNodesCount: p.topNodesCount,
      feasibleCount: p.feasibleCount, unschedulable: p.unschedulable, singleFeasibleNoScoring: p.singleFeasibleNoScoring,
      nodeName: p.nodeName, abridged: p.abridged, searchStoppedEarly: p.searchStoppedEarly,
      feasible: p.feasible.includes(node),
      score: (p.scores && p.scores[node]) || null,
      failures: p.failures[node] || null,
    })),
  };
}

function run(data) {
  switch (data.type) {
    case 'cluster': return { type: 'cluster', summary: sim.setCluster(data.text) };
    case 'evaluate': return { type: 'report', report: sim.evaluate(data.text) };
    case 'rollout': {
      const { pods: _history, ...timeline } = sim.rollout(data.ds, data.options);
      return { type: 'result', result: timeline };
    }
    case 'snapshot': return { type: 'result', result: sim.snapshot(data.t) };
    case 'compare':
      comparison = null;
      comparison = sim.compare(data.ds, data.replicas ?? undefined);
      return { type: 'result', result: slim(comparison) };
    case 'scores': return { type: 'result', result: scores(data.node) };
    default: return null;
  }
}

self.onmessage = async ({ data }) => {
  try {
    await ready;
  } catch {
    return;
  }
  const t0 = performance.now();
  try {
    const out = run(data);
    if (out) postMessage({ ...out, seq: data.seq, ms: performance.now() - t0 });
  } catch (e) {
    if (isEngineError(e)) {
      postMessage({ type: 'error', seq: data.seq, error: plain(e) });
    } else {
      // A panic leaves the wasm instance unusable: report it and stop.
      postMessage({ type: 'crash', seq: data.seq, message: String((e && (e.detail || e.message)) || e) });
      self.close();
    }
  }
};
