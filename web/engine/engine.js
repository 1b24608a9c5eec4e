// The main thread's side of the engine worker (engine/worker.js), which
// answers calls of the Simulator's methods by name. One request in flight
// at a time. The editors' texts come first: setCluster and nodeList when
// the Nodes text changed, then evaluateGrid, the newest texts winning; the
// grid's states and reasons are put beside the nodeList's names and
// labels as the report's `nodes` (a PageReport: one node's full verdict is
// a nodeReport call, the full report an evaluate call, both asked by the
// views when they show them). The views' requests
// (a rollout, a snapshot, a comparison, a part of a kept result) run after
// that, against the same cluster; each view request has a slot, and a newer
// request in a slot replaces an older one not yet sent. A crashed worker is
// replaced by a fresh one; so is a worker still reading a Nodes text of a
// megabyte or more when the Nodes text changes again (that reading would
// only be thrown away: a new worker reads the new text at once).

/** @typedef {import('../pkg/daemonset_sim.js').GridResult} GridResult */
/** @typedef {import('../pkg/daemonset_sim.js').NodeEntry} NodeEntry */
/** @typedef {import('../pkg/daemonset_sim.js').NodeState} NodeState */
/** @typedef {import('../pkg/daemonset_sim.js').ClusterSummary} ClusterSummary */
/** @typedef {import('../pkg/daemonset_sim.js').DiagnosticError} DiagnosticError */
/** @typedef {import('../pkg/daemonset_sim.js').Simulator} Simulator */
/** @typedef {import('./select.js').Mask} Mask */

/**
 * What the engine throws (a DiagnosticError) as plain data, as it crosses
 * from the worker; `type: "Panic"` after a crash.
 * @typedef {Pick<DiagnosticError, 'message' | 'text' | 'field' | 'type' | 'detail' | 'line' | 'column' | 'source' | 'hint' | 'diagnostics' | 'refused' | 'words' | 'hintWords'>} PlainError
 */

/**
 * The name of a Simulator method the page may call (every method but free).
 * @typedef {Exclude<Extract<{[K in keyof Simulator]: Simulator[K] extends (...args: any[]) => any ? K : never}[keyof Simulator], string>, 'free'>} Method
 */

/**
 * A call of a Simulator method (`call`: its name), or a read of the result
 * last kept from a call of the method `read`; `mask` asks for a part;
 * `nodes`: the Nodes text the call is about (a PageReport's `nodesText`),
 * when not the editors' text evaluated last (the page keeps showing the
 * last report without errors while the Nodes text has errors).
 * @typedef {{call: Method, args: unknown[], keep?: boolean, mask?: Mask, nodes?: string} | {read: Method, mask?: Mask}} Ask
 */
/** @typedef {Ask & {id: number}} Request what the worker receives */
/**
 * What the worker answers.
 * @typedef {{type: 'result', id: number, result: any, of?: number}
 *   | {type: 'progress', id: number, done: number, total: number}
 *   | {type: 'error', id: number, error: PlainError}
 *   | {type: 'crash', id: number, message: string}
 *   | {type: 'ready', version: string}
 *   | {type: 'fatal', message: string}} Reply
 */
/**
 * The answer to a view's request: its result, or what the engine threw; `of`:
 * for a read, the id of the call whose kept result it came from; `id`: this
 * request's own id.
 * @typedef {{result: any, error: PlainError | null, id: number, of: number | null, ms: number}} Answer
 */
/**
 * One node of a PageReport: its name and labels (nodeList), its state and
 * the one line why (evaluateGrid's `states` and `reasons`).
 * @typedef {{name: string, labels: Record<string, string>, state: NodeState, reason: string}} NodeRow
 */
/**
 * The report the views render: evaluateGrid's (the engine's Report but for
 * its nodes' details) with a NodeRow per node in `nodes`, and the
 * DaemonSet `text` and Nodes text `nodesText` it was made from (the asks
 * about it: fullReport, nodeVerdict).
 * @typedef {Omit<GridResult, 'states' | 'reasons' | 'reasonTexts' | 'stateNames' | 'evaluated' | 'nodes'> & {nodes: NodeRow[], text: string, nodesText: string}} PageReport
 */
/**
 * The evaluation of the editors' texts.
 * @typedef {object} Evaluation
 * @property {PageReport | null} report
 * @property {PlainError | null} error what evaluate threw (nothing to evaluate)
 * @property {ClusterSummary | null} cluster the last setCluster's summary
 * @property {boolean} clusterChanged
 * @property {number} ms
 */
/**
 * How far the worker's setCluster has read the Nodes text: `done / total` is
 * the share done (the engine's units: UTF-8 bytes of the text), `ms` the time
 * since the call was sent.
 * @typedef {{done: number, total: number, ms: number}} Progress
 */
/**
 * @typedef {object} Handlers
 * @property {(e: Evaluation) => void} onResult after each evaluation
 * @property {(busy: boolean) => void} [onBusy]
 * @property {(p: Progress | null) => void} [onProgress] while a setCluster runs (null: it has ended)
 * @property {(message: string) => void} [onCrash] the engine panicked (and was restarted)
 * @property {(message: string) => void} [onFatal] the engine cannot be loaded
 */
/** @typedef {{ask: Ask, done: (a: Answer) => void}} Job */
/**
 * @typedef {{id: number, clusterId: number, t0: number, progressed?: boolean, clusterRead?: boolean} & ({job: Job} | {job?: undefined, ds: string, nodes: string, clusterChanged: boolean})} Inflight
 */

/**
 * The report of `grid` (an evaluateGrid result) over the nodes of `list`
 * (the same cluster's nodeList).
 * @param {GridResult} grid
 * @param {NodeEntry[]} list
 * @param {string} text the DaemonSet text evaluated
 * @param {string} nodesText the Nodes text of the cluster
 * @returns {PageReport}
 */
export function pageReport(grid, list, text, nodesText) {
  const { states, reasons, reasonTexts, stateNames, evaluated: _e, nodes: _n, ...rest } = grid;
  const n = Math.min(states.length, list.length);
  /** @type {NodeRow[]} */
  const nodes = new Array(n);
  for (let i = 0; i < n; i++) {
    nodes[i] = { name: list[i].name, labels: list[i].labels, state: stateNames[states[i]], reason: reasonTexts[reasons[i]] };
  }
  return { ...rest, nodes, text, nodesText };
}

/**
 * The Ask for a PageReport's full report (Simulator.evaluate of its
 * DaemonSet text), against the cluster it was made from.
 * @param {PageReport} report
 * @returns {Ask}
 */
export const fullReport = (report) => ({ call: 'evaluate', args: [report.text], nodes: report.nodesText });

/**
 * The Ask for one node's full verdict in a PageReport (Simulator.nodeReport),
 * against the cluster the report was made from.
 * @param {PageReport} report
 * @param {string} name
 * @returns {Ask}
 */
export const nodeVerdict = (report, name) => ({ call: 'nodeReport', args: [name, report.text], nodes: report.nodesText });

const TIMEOUT_MS = 120000;
/** A Nodes text at least this long (UTF-16 code units) whose reading a newer text makes useless is cancelled (the worker replaced). */
const CANCEL_TEXT = 1 << 20;

export class Engine {
  /** @param {Handlers} handlers */
  constructor(handlers) {
    this.h = handlers;
    this.id = 0;
    /** @type {{ds: string, nodes: string} | null} the texts to evaluate */
    this.want = null;
    /** @type {{ds: string, nodes: string} | null} the texts last evaluated */
    this.done = null;
    /** @type {Map<string, Job>} */
    this.jobs = new Map();
    this.dead = false;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    this.version = '';
    /** @type {NodeEntry[]} the nodes of the Nodes text last sent (nodeList; the same after a restart) */
    this.list = [];
    /** the id of the last nodeList call */
    this.listId = 0;
    /** whether prefetch() was asked (a replaced worker is asked again) */
    this.prefetched = false;
    this.start();
  }

  start() {
    this.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    this.ready = false;
    /** @type {string | null} */
    this.sentNodes = null;
    /** @type {Inflight | null} */
    this.inflight = null;
    /** @type {ClusterSummary | null} */
    this.cluster = null;
    this.worker.onmessage = (e) => this.message(e.data);
    this.worker.onerror = (e) => {
      e.preventDefault?.();
      const msg = e.message || 'pkg/daemonset_sim.js or its .wasm could not be loaded';
      if (this.ready || this.inflight) this.crash(msg);
      else this.fatal(msg);
    };
  }

  /**
   * Evaluate these texts (as soon as the worker is free).
   * @param {string} ds
   * @param {string} nodes
   */
  update(ds, nodes) {
    this.want = { ds, nodes };
    const req = this.inflight;
    if (req && !req.job && req.clusterId && !req.clusterRead && req.nodes !== nodes && req.nodes.length >= CANCEL_TEXT) {
      // the worker is reading a big Nodes text no longer wanted: a new one
      clearTimeout(this.timer);
      this.worker?.terminate();
      this.h.onProgress?.(null);
      this.h.onBusy?.(false);
      this.start();
      if (this.prefetched) this.prefetch();
    }
    this.pump();
  }

  /**
   * Sends `ask` once the evaluation of the current texts is done, and calls
   * `done` with the answer. A request still waiting in the same `slot` is
   * dropped (its `done` is never called).
   * @param {string} slot
   * @param {Ask} ask
   * @param {(a: Answer) => void} done
   */
  request(slot, ask, done) {
    this.jobs.delete(slot);
    this.jobs.set(slot, { ask, done });
    this.pump();
  }

  /**
   * Forgets a request still waiting in this slot.
   * @param {string} slot
   */
  cancel(slot) {
    this.jobs.delete(slot);
  }

  /**
   * Fetches the engine's full module ahead of a call that needs it (the
   * worker starts on the small core: worker.js); nothing is answered.
   */
  prefetch() {
    this.prefetched = true;
    this.worker?.postMessage({ prefetch: true });
  }

  /**
   * @param {Ask} ask
   * @returns {number} its id
   */
  post(ask) {
    const id = ++this.id;
    // (`nodes` is for sendCluster: not sent again with the call)
    const { nodes: _nodes, ...message } = /** @type {Ask & {nodes?: string}} */ (ask);
    this.worker?.postMessage({ ...message, id });
    return id;
  }

  /**
   * Sends the Nodes text unless this worker already has it, and asks for
   * its nodes (nodeList, kept in `list`).
   * @param {string} nodes
   * @returns {number} the id of the setCluster call, 0 when none was needed
   */
  sendCluster(nodes) {
    if (nodes === this.sentNodes) return 0;
    this.sentNodes = nodes;
    const id = this.post({ call: 'setCluster', args: [nodes] });
    this.listId = this.post({ call: 'nodeList', args: [] });
    return id;
  }

  pump() {
    if (this.inflight || this.dead || !this.want) return;
    const { ds, nodes } = this.want;
    const t0 = performance.now();
    if (!(this.done && this.done.ds === ds && this.done.nodes === nodes)) {
      const clusterId = this.sendCluster(nodes);
      const id = this.post({ call: 'evaluateGrid', args: [ds] });
      this.inflight = { id, clusterId, ds, nodes, clusterChanged: clusterId !== 0, t0 };
    } else {
      const first = this.jobs.entries().next();
      if (first.done) return;
      const [slot, job] = first.value;
      this.jobs.delete(slot);
      // the cluster the request is about (a fresh worker, after a crash,
      // has none yet)
      const about = 'nodes' in job.ask ? job.ask.nodes : undefined;
      const clusterId = this.sendCluster(about ?? nodes);
      this.inflight = { id: this.post(job.ask), clusterId, job, t0 };
    }
    this.timer = setTimeout(() => this.crash('timeout'), TIMEOUT_MS);
    this.h.onBusy?.(true);
  }

  /** @param {Reply} m */
  message(m) {
    if (m.type === 'ready') {
      this.ready = true;
      this.version = m.version;
      return;
    }
    if (m.type === 'fatal') return this.fatal(m.message);
    if (m.type === 'crash') return this.crash(m.message);
    if (m.id === this.listId) {
      this.list = m.type === 'result' ? m.result : [];
      return;
    }
    const req = this.inflight;
    if (!req) return;
    if (m.id === req.clusterId) {
      if (m.type === 'progress') {
        this.h.onProgress?.({ done: m.done, total: m.total, ms: performance.now() - req.t0 });
        return;
      }
      if (m.type === 'result') this.cluster = m.result;
      req.clusterRead = true;
      this.h.onProgress?.(null);
      return;
    }
    if (m.type === 'progress') {
      // a view's call that first needs the full module: the worker reads the
      // Nodes text again into it (worker.js)
      if (m.id === req.id) {
        req.progressed = true;
        this.h.onProgress?.({ done: m.done, total: m.total, ms: performance.now() - req.t0 });
      }
      return;
    }
    if (m.id !== req.id) return;
    clearTimeout(this.timer);
    this.inflight = null;
    if (req.progressed) this.h.onProgress?.(null);
    this.h.onBusy?.(false);
    const ms = performance.now() - req.t0;
    if (req.job) {
      req.job.done(m.type === 'result'
        ? { result: m.result, error: null, id: req.id, of: m.of ?? null, ms }
        : { result: null, error: m.error, id: req.id, of: null, ms });
    } else {
      this.done = { ds: req.ds, nodes: req.nodes };
      this.h.onResult({
        report: m.type === 'result' ? pageReport(m.result, this.list, req.ds, req.nodes) : null,
        error: m.type === 'error' ? m.error : null,
        cluster: this.cluster,
        clusterChanged: req.clusterChanged,
        ms,
      });
    }
    this.pump();
  }

  /** @param {string} message */
  crash(message) {
    clearTimeout(this.timer);
    const req = this.inflight;
    this.worker?.terminate();
    // Do not run the same input again (it would crash again): wait for an edit.
    if (req && !req.job) this.done = { ds: req.ds, nodes: req.nodes };
    this.h.onProgress?.(null);
    this.h.onBusy?.(false);
    this.start();
    this.h.onCrash?.(message);
    if (req && req.job) {
      req.job.done({
        result: null, error: { message, text: message, type: 'Panic', field: null, detail: '', line: null, column: null, source: null, hint: null }, id: req.id, of: null, ms: 0,
      });
    }
    this.pump();
  }

  /** @param {string} message */
  fatal(message) {
    clearTimeout(this.timer);
    this.dead = true;
    this.worker?.terminate();
    this.h.onProgress?.(null);
    this.h.onBusy?.(false);
    this.h.onFatal?.(message);
  }
}
