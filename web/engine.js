// The main thread's side of the engine worker: one request in flight at a
// time, the newest texts win, setCluster only when the Nodes text changed,
// and a fresh worker after a crash. Besides the evaluation of the editors,
// the views ask for jobs (a rollout, a snapshot, a comparison, a node's
// scores): they run after the pending evaluation, against the same
// cluster, and a newer job of a kind replaces an older one not yet sent.

const TIMEOUT_MS = 120000;

export class Engine {
  /**
   * onResult({report, error, cluster, ms}) after each evaluation;
   * onBusy(bool); onCrash(message); onFatal(message).
   */
  constructor(handlers) {
    this.h = handlers;
    this.seq = 0;
    this.want = null;
    this.jobs = new Map();
    this.start();
  }

  start() {
    this.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    this.ready = false;
    this.sentNodes = null;
    this.inflight = null;
    this.cluster = null;
    this.worker.onmessage = (e) => this.message(e.data);
    this.worker.onerror = (e) => {
      e.preventDefault?.();
      const msg = e.message || 'pkg/daemonset_sim.js or its .wasm could not be loaded';
      if (this.ready || this.inflight) this.crash(msg);
      else this.fatal(msg);
    };
  }

  /** Evaluate these texts (as soon as the worker is free). */
  update(ds, nodes) {
    this.want = { ds, nodes };
    this.pump();
  }

  /**
   * Runs `kind` ('rollout', 'snapshot', 'compare', 'scores') with `payload`
   * once the evaluation of the current texts is done; `done({result, error, ms})`.
   * A job of the same kind still waiting is dropped (its `done` is never called).
   */
  job(kind, payload, done) {
    this.jobs.delete(kind);
    this.jobs.set(kind, { kind, payload, done });
    this.pump();
  }

  /** Forgets a waiting job of this kind. */
  cancel(kind) {
    this.jobs.delete(kind);
  }

  /** Sends the Nodes text unless this worker already has it. */
  sendCluster(seq, nodes) {
    if (nodes === this.sentNodes) return false;
    this.worker.postMessage({ type: 'cluster', seq, text: nodes });
    this.sentNodes = nodes;
    return true;
  }

  pump() {
    if (this.inflight || this.dead || !this.want) return;
    const { ds, nodes } = this.want;
    const seq = ++this.seq;
    if (!(this.done && this.done.ds === ds && this.done.nodes === nodes)) {
      const clusterChanged = this.sendCluster(seq, nodes);
      this.worker.postMessage({ type: 'evaluate', seq, text: ds });
      this.inflight = { seq, ds, nodes, clusterChanged, t0: performance.now() };
    } else if (this.jobs.size) {
      const [kind, job] = this.jobs.entries().next().value;
      this.jobs.delete(kind);
      // a fresh worker (after a crash) has no cluster yet
      this.sendCluster(seq, nodes);
      this.worker.postMessage({ type: kind, seq, ...job.payload });
      this.inflight = { seq, job, t0: performance.now() };
    } else {
      return;
    }
    this.timer = setTimeout(() => this.crash('timeout'), TIMEOUT_MS);
    this.h.onBusy?.(true);
  }

  message(m) {
    if (m.type === 'ready') {
      this.ready = true;
      this.version = m.version;
      return;
    }
    if (m.type === 'fatal') return this.fatal(m.message);
    if (m.type === 'crash') return this.crash(m.message);
    const req = this.inflight;
    if (!req || m.seq !== req.seq) return;
    if (m.type === 'cluster') {
      this.cluster = m.summary;
      return;
    }
    clearTimeout(this.timer);
    this.inflight = null;
    this.h.onBusy?.(false);
    if (req.job) {
      req.job.done({ result: m.type === 'result' ? m.result : null, error: m.type === 'error' ? m.error : null, ms: performance.now() - req.t0 });
    } else {
      this.done = { ds: req.ds, nodes: req.nodes };
      this.h.onResult({
        report: m.type === 'report' ? m.report : null,
        error: m.type === 'error' ? m.error : null,
        cluster: this.cluster,
        clusterChanged: req.clusterChanged,
        ms: performance.now() - req.t0,
      });
    }
    this.pump();
  }

  crash(message) {
    clearTimeout(this.timer);
    const req = this.inflight;
    this.worker.terminate();
    // Do not run the same input again (it would crash again): wait for an edit.
    if (req && !req.job) this.done = { ds: req.ds, nodes: req.nodes };
    this.h.onBusy?.(false);
    this.start();
    this.h.onCrash?.(message);
    if (req && req.job) req.job.done({ result: null, error: { message, type: 'Panic' }, ms: 0 });
    this.pump();
  }

  fatal(message) {
    clearTimeout(this.timer);
    this.dead = true;
    this.worker.terminate();
    this.h.onBusy?.(false);
    this.h.onFatal?.(message);
  }
}
