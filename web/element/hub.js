// One engine for every <daemonset-sim> of a page: one Engine (engine/engine.js,
// one module worker running the wasm Simulator), shared by the elements
// through a queue. The worker holds one cluster at a time, so the elements'
// work runs one task at a time: before an element's evaluation or request,
// its own texts are put in the Engine, which sends its Nodes text again
// (setCluster) whenever the worker's cluster is another element's. An
// element's newer texts replace its evaluation still waiting; a newer
// request in the same slot replaces the older one (as engine.js does).
import { Engine } from '../engine/engine.js';

/** @typedef {import('../engine/engine.js').Evaluation} Evaluation */
/** @typedef {import('../engine/engine.js').Ask} Ask */
/** @typedef {import('../engine/engine.js').Answer} Answer */
/**
 * What an element hears from the engine.
 * @typedef {object} ClientHandlers
 * @property {(e: Evaluation) => void} onResult its texts' evaluation
 * @property {(message: string) => void} onCrash the engine panicked on its texts (and was restarted)
 * @property {(message: string) => void} onFatal the engine cannot be loaded
 * @property {(p: Progress | null) => void} [onProgress] its Nodes text being read (null: done)
 */
/** @typedef {import('../engine/engine.js').Progress} Progress */
/** @typedef {{client: Client, slot: null} | {client: Client, slot: string, ask: Ask, done: (a: Answer) => void}} Task */

/** An element's side of the shared engine (what the views call `engine`). */
export class Client {
  /**
   * @param {Hub} hub
   * @param {ClientHandlers} handlers
   */
  constructor(hub, handlers) {
    this.hub = hub;
    this.h = handlers;
    /** @type {{ds: string, nodes: string}} */
    this.texts = { ds: '', nodes: '' };
  }

  /**
   * Evaluate these texts.
   * @param {string} ds
   * @param {string} nodes
   */
  update(ds, nodes) {
    this.texts = { ds, nodes };
    this.hub.add({ client: this, slot: null });
  }

  /**
   * As Engine.request: `ask` runs against this element's cluster, after its evaluation.
   * @param {string} slot
   * @param {Ask} ask
   * @param {(a: Answer) => void} done
   */
  request(slot, ask, done) {
    this.hub.add({ client: this, slot, ask, done });
  }

  /** @param {string} slot */
  cancel(slot) {
    this.hub.drop(this, slot);
  }
}

export class Hub {
  constructor() {
    /** @type {Task[]} */
    this.queue = [];
    /** @type {Task | null} */
    this.running = null;
    /** @type {Engine | null} made with the first task */
    this.engine = null;
    /** @type {string | null} why the engine cannot be loaded */
    this.dead = null;
    /** how many workers were made (a crash replaces one) */
    this.workers = 0;
  }

  /** @param {Task} task */
  add(task) {
    this.drop(task.client, task.slot);
    this.queue.push(task);
    this.next();
  }

  /**
   * @param {Client} client
   * @param {string | null} slot null: its evaluation
   */
  drop(client, slot) {
    this.queue = this.queue.filter((x) => !(x.client === client && x.slot === slot));
  }

  /** @returns {Engine} */
  make() {
    this.workers++;
    return new Engine({
      // a setCluster runs for the element whose task runs
      onProgress: (p) => this.running?.client.h.onProgress?.(p),
      onResult: (e) => {
        const task = this.running;
        this.running = null;
        if (task) task.client.h.onResult(e);
        this.next();
      },
      onCrash: (message) => {
        // an evaluation gets no answer after a crash (a request gets a Panic error: its done)
        const task = this.running;
        if (!task || task.slot !== null) return;
        this.running = null;
        task.client.h.onCrash(message);
        queueMicrotask(() => this.next());
      },
      onFatal: (message) => {
        this.dead = message;
        const clients = new Set([...this.queue, ...(this.running ? [this.running] : [])].map((x) => x.client));
        this.queue = [];
        this.running = null;
        for (const c of clients) c.h.onFatal(message);
      },
    });
  }

  next() {
    if (this.running || !this.queue.length) return;
    if (this.dead) {
      const message = this.dead;
      for (const c of new Set(this.queue.map((x) => x.client))) c.h.onFatal(message);
      this.queue = [];
      return;
    }
    const task = /** @type {Task} */ (this.queue.shift());
    this.running = task;
    const engine = (this.engine ??= this.make());
    const { ds, nodes } = task.client.texts;
    if (task.slot === null) {
      // evaluate even when another element's texts were the same (the Engine skips texts it has done)
      engine.done = null;
      engine.update(ds, nodes);
    } else {
      const { ask, done } = task;
      // the Engine runs requests once its texts are evaluated: these are (by this element's task before)
      engine.want = { ds, nodes };
      engine.done = { ds, nodes };
      engine.request('element', ask, (a) => {
        this.running = null;
        done(a);
        this.next();
      });
    }
  }
}

/** The page's one hub (a module is evaluated once per page). */
export const hub = new Hub();
