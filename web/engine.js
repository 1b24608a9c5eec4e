// The main thread's side of the engine worker: one request in flight at a
// time, the newest texts win, setCluster only when the Nodes text changed,
// and a fresh worker after a crash.

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

  pump() {
    if (this.inflight || !this.want || this.dead) return;
    const { ds, nodes } = this.want;
    if (this.done && this.done.ds === ds && this.done.nodes === nodes) return;
    const seq = ++this.seq;
    const clusterChanged = nodes !== this.sentNodes;
    if (clusterChanged) {
      this.worker.postMessage({ type: 'cluster', seq, text: nodes });
      this.sentNodes = nodes;
    }
    this.worker.postMessage({ type: 'evaluate', seq, text: ds });
    this.inflight = { seq, ds, nodes, clusterChanged, t0: performance.now() };
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
    this.done = { ds: req.ds, nodes: req.nodes };
    this.h.onBusy?.(false);
    this.h.onResult({
      report: m.type === 'report' ? m.report : null,
      error: m.type === 'error' ? m.error : null,
      cluster: this.cluster,
      clusterChanged: req.clusterChanged,
      ms: performance.now() - req.t0,
    });
    this.pump();
  }

  crash(message) {
    clearTimeout(this.timer);
    const req = this.inflight;
    this.worker.terminate();
    // Do not run the same input again (it would crash again): wait for an edit.
    if (req) this.done = { ds: req.ds, nodes: req.nodes };
    this.h.onBusy?.(false);
    this.start();
    this.h.onCrash?.(message);
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
