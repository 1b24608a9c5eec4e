// The engine runs here, off the main thread, so that evaluating a large
// cluster never blocks typing. It speaks the engine's own protocol: one
// Simulator, whose methods the page calls by name; nothing here knows a view.
//
// Two builds of the engine (scripts/build-wasm.sh): the small core module
// (setCluster, nodeList, evaluateGrid, nodeReport, evaluate, complete),
// which the first grid, the element's `evaluated` event and typing need,
// and the full one (the npm package: also check, applyFix,
// applyClusterFix, rollout, snapshot, nodeChange, compare, cluster,
// clusterCell). The worker
// starts on the core; the first call of a method the core lacks loads the
// full module, gives it the last setCluster and evaluateGrid texts again,
// and from then on every call goes there. The core reads only the YAML
// of the engine's fast reader (no anchors, tags, double-quoted text over lines or syntax
// errors): a call that meets other YAML there throws `NeedsFullModule`,
// and is asked again of the full module the same way. `{prefetch: true}`
// fetches and compiles the full module ahead of that need, without
// moving to it. Once it is compiled, a setCluster moves to it first:
// built for speed (the core is built for size; Cargo.toml), it reads a big
// cluster about 1.6 times as fast, and at a setCluster there is no cluster
// to read again. (If it cannot be instantiated, the core reads the text.)
// Requests are answered one at a time, in the order they came: a call
// waiting for the full module holds back the ones sent after it.
//
// in:  {id, call, args, keep?, mask?}  calls Simulator.prototype[call](...args)
//                                      `keep`: keep the whole result here for
//                                      later reads; `mask`: answer with only
//                                      that part of it (engine/select.js)
//      {id, read, mask?}               the kept result of the last `keep` call of
//                                      method `read`, as far as `mask` says
//      {prefetch: true}                no answer
// out: {type: 'result', id, result, of?}  (`of`: the id of the call a read's value came from)
//      {type: 'progress', id, done, total}  while a setCluster call reads its text:
//                                      the engine's onProgress(done, total) (`total`:
//                                      the text's UTF-8 bytes; done / total is the
//                                      share done), at most about 50 per call, the
//                                      last with done === total; then its result
//      {type: 'error', id, error}      what the engine threw: a DiagnosticError's fields
//      {type: 'crash', id, message}    the engine panicked; this worker then closes
//      {type: 'ready', version}        once loaded; {type: 'fatal', message} if loading failed
import initCore, { Simulator as CoreSimulator, version } from '../pkg/daemonset_sim_core.js';
import { select } from './select.js';
import { decodeLzma } from './lzma.js';

/** @typedef {import('../pkg/daemonset_sim.js').Simulator} Simulator */
/** @typedef {import('../pkg/daemonset_sim.js').DiagnosticError} DiagnosticError */
/** @typedef {import('./select.js').Mask} Mask */
/** @typedef {import('./engine.js').Request} Request */
/** @typedef {import('./engine.js').Reply} Reply */
/** @typedef {import('./engine.js').PlainError} PlainError */

/** The worker's global scope, as far as this file uses it. */
const scope = /** @type {{postMessage(m: Reply): void, onmessage: ((e: MessageEvent<Request | {prefetch: true}>) => void) | null, close(): void}} */ (
  /** @type {unknown} */ (self));

/**
 * What the page may call on a Simulator class: its methods (not free, the
 * constructor, or wasm-bindgen's own `__` ones).
 * @param {{prototype: object}} cls
 */
const methodsOf = (cls) => new Set(Object.getOwnPropertyNames(cls.prototype)
  .filter((k) => k !== 'constructor' && k !== 'free' && !k.startsWith('__') && typeof Object.getOwnPropertyDescriptor(cls.prototype, k)?.value === 'function'));

/** @type {Simulator | null} the Simulator of the module in use */
let sim = null;
/** @type {Set<string>} its methods */
let METHODS = new Set();
/** @type {boolean} whether the full module is in use */
let full = false;
/** @type {Map<string, {id: number, value: unknown}>} the results kept, by method */
const kept = new Map();
/** @type {Map<string, unknown[]>} the arguments of the last call of each method whose state the Simulator keeps */
const state = new Map();
/** the calls whose arguments the Simulator keeps as state, in the order they are given again */
const STATEFUL = ['setCluster', 'evaluateGrid'];

/**
 * A module's code: its LZMA-compressed copy (`<name>.lzma`, written by
 * scripts/build-wasm.sh; about 0.78 of the bytes of the module served
 * with gzip, and 0.71 for the full module), decoded here; or, when a host
 * lacks that file (or answers with something else), the module itself,
 * compiled as it streams in.
 * @param {string} name the module's file name in ../pkg/
 * @returns {Promise<WebAssembly.Module>}
 */
async function loadModule(name) {
  const url = new URL(`../pkg/${name}`, import.meta.url);
  const packed = await fetch(`${url}.lzma`).catch(() => null);
  if (packed?.ok && packed.body) {
    // a host that answers a missing file with a page (a catch-all rewrite
    // to index.html) gives bytes that are no LZMA: then the module itself
    const wasm = await decodeLzma(packed.body).then((bytes) => WebAssembly.compile(bytes)).catch(() => null);
    if (wasm) return wasm;
  }
  return WebAssembly.compileStreaming(fetch(url)).catch(async () => WebAssembly.compile(await (await fetch(url)).arrayBuffer()));
}

const ready = loadModule('daemonset_sim_core_bg.wasm').then((wasm) => initCore({ module_or_path: wasm })).then(
  () => {
    sim = /** @type {Simulator} */ (/** @type {unknown} */ (new CoreSimulator()));
    METHODS = methodsOf(CoreSimulator);
    scope.postMessage({ type: 'ready', version: version() });
  },
  (e) => {
    scope.postMessage({ type: 'fatal', message: String((e && e.message) || e) });
    throw e;
  },
);

/** @type {Promise<{mod: typeof import('../pkg/daemonset_sim.js'), wasm: WebAssembly.Module}> | null} */
let fetched = null;
/** whether the full module's code is fetched and compiled */
let compiled = false;

/** The full module's code, fetched and compiled (once). */
function prefetch() {
  if (!fetched) {
    fetched = Promise.all([
      import('../pkg/daemonset_sim.js'),
      loadModule('daemonset_sim_bg.wasm'),
    ]).then(([mod, wasm]) => {
      compiled = true;
      return { mod, wasm };
    });
    fetched.catch(() => { fetched = null; }); // a later call tries again
  }
  return fetched;
}

/**
 * Moves to the full module: its Simulator given the kept state again, the
 * Nodes text read again with its progress reported under the id of the
 * call that needed the move (but for `skip`, the call about to be asked
 * again).
 * @param {number} id
 * @param {string} [skip]
 */
async function moveToFull(id, skip) {
  const { mod, wasm } = await prefetch();
  await mod.default({ module_or_path: wasm });
  const next = new mod.Simulator();
  for (const call of STATEFUL) {
    const args = call === skip ? undefined : state.get(call);
    try {
      const again = call === 'setCluster' && args ? [args[0], progressOf(id)] : args;
      if (again) /** @type {(...a: unknown[]) => unknown} */ (next[/** @type {'setCluster'} */ (call)]).apply(next, again);
    } catch (e) {
      if (!isEngineError(e)) throw e; // evaluateGrid refused the text again, as it did
    }
  }
  sim?.free();
  sim = next;
  METHODS = methodsOf(mod.Simulator);
  full = true;
}

/**
 * An Error the engine throws on purpose carries the diagnostic's fields;
 * `type: "Panic"` (or a bare RuntimeError) means the module is unusable.
 * @param {unknown} e
 * @returns {e is DiagnosticError}
 */
const isEngineError = (e) => e instanceof Error && !(e instanceof WebAssembly.RuntimeError) && typeof (/** @type {any} */ (e).type) === 'string' && /** @type {any} */ (e).type !== 'Panic';

/**
 * @param {DiagnosticError} e
 * @returns {PlainError}
 */
const plain = (e) => ({
  message: e.message, text: e.text ?? e.message, field: e.field ?? null, type: e.type, detail: e.detail ?? '',
  line: e.line ?? null, column: e.column ?? null, source: e.source ?? null, hint: e.hint ?? null,
  diagnostics: e.diagnostics ?? undefined, refused: e.refused ?? undefined,
  words: e.words ?? undefined, hintWords: e.hintWords ?? undefined,
});

/**
 * @param {string} message
 * @returns {PlainError}
 */
const misuse = (message) => ({ message, text: message, field: null, type: 'Misuse', detail: message, line: null, column: null, source: null, hint: null });

/** Progress messages at most per setCluster call (about; the last one, done === total, always goes). */
const PROGRESS_MESSAGES = 50;

/**
 * The onProgress of setCluster call `id`: posts its progress, one message
 * per 1/PROGRESS_MESSAGES of the total at most.
 * @param {number} id
 * @returns {(done: number, total: number) => void}
 */
const progressOf = (id) => {
  let last = -Infinity;
  return (done, total) => {
    if (done < total && done - last < total / PROGRESS_MESSAGES) return;
    last = done;
    scope.postMessage({ type: 'progress', id, done, total });
  };
};

/**
 * @param {Request} req
 * @returns {Reply}
 */
function run(req) {
  if ('read' in req) {
    const k = kept.get(req.read);
    if (!k) return { type: 'error', id: req.id, error: misuse(`nothing kept of ${req.read}`) };
    return { type: 'result', id: req.id, result: select(k.value, req.mask), of: k.id };
  }
  if (!METHODS.has(req.call) || !sim) return { type: 'error', id: req.id, error: misuse(`no such method: ${req.call}`) };
  if (req.keep) kept.delete(req.call);
  const method = /** @type {(...args: unknown[]) => unknown} */ (sim[req.call]);
  if (STATEFUL.includes(req.call)) state.set(req.call, req.args);
  const args = req.call === 'setCluster' ? [req.args[0], progressOf(req.id)] : req.args;
  const value = method.apply(sim, args);
  if (req.keep) kept.set(req.call, { id: req.id, value });
  return { type: 'result', id: req.id, result: select(value, req.mask) };
}

/** The messages' work, one after another: a call waiting for the full module holds the later ones back. */
let queue = Promise.resolve();

scope.onmessage = ({ data }) => {
  if ('prefetch' in data) {
    ready.then(() => prefetch()).catch(() => {});
    return;
  }
  queue = queue.then(() => answer(data)).catch(() => {}); // answer() replies to every failure itself
};

/**
 * Answers one request (after the ones before it).
 * @param {Request} data
 */
async function answer(data) {
  try {
    await ready;
  } catch {
    return;
  }
  /**
   * @param {string} [skip]
   * @returns {Promise<boolean>} whether the move was made (else the error is answered)
   */
  const toFull = async (skip) => {
    try {
      await moveToFull(data.id, skip);
      return true;
    } catch (e) {
      const message = `the engine's full module (pkg/daemonset_sim.js) could not be loaded: ${String((e && /** @type {any} */ (e).message) || e)}`;
      scope.postMessage({ type: 'error', id: data.id, error: { ...misuse(message), type: 'Unavailable' } });
      return false;
    }
  };
  if ('call' in data && !full && !METHODS.has(data.call) && !(await toFull())) return;
  if ('call' in data && !full && data.call === 'setCluster' && compiled) {
    try {
      await moveToFull(data.id, 'setCluster');
    } catch {
      // the core reads it
    }
  }
  try {
    let reply;
    try {
      reply = run(data);
    } catch (e) {
      // YAML the core does not read: the same call, of the full module
      if (!(isEngineError(e) && e.type === 'NeedsFullModule' && !full && 'call' in data)) throw e;
      if (!(await toFull(data.call))) return;
      reply = run(data);
    }
    scope.postMessage(reply);
  } catch (e) {
    if (isEngineError(e)) {
      scope.postMessage({ type: 'error', id: data.id, error: plain(e) });
    } else {
      // A panic leaves the wasm instance unusable: report it and stop.
      const x = /** @type {any} */ (e);
      scope.postMessage({ type: 'crash', id: data.id, message: String((x && (x.detail || x.message)) || x) });
      scope.close();
    }
  }
}
