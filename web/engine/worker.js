// The engine runs here, off the main thread, so that evaluating a large
// cluster never blocks typing. It speaks the engine's own protocol: one
// Simulator, whose methods the page calls by name; nothing here knows a view.
//
// in:  {id, call, args, keep?, mask?}  calls Simulator.prototype[call](...args)
//                                      (setCluster, evaluate, rollout, snapshot,
//                                      nodeChange, compare); `keep`: keep the whole
//                                      result here for later reads; `mask`: answer
//                                      with only that part of it (engine/select.js)
//      {id, read, mask?}               the kept result of the last `keep` call of
//                                      method `read`, as far as `mask` says
// out: {type: 'result', id, result, of?}  (`of`: the id of the call a read's value came from)
//      {type: 'error', id, error}      what the engine threw: a DiagnosticError's fields
//      {type: 'crash', id, message}    the engine panicked; this worker then closes
//      {type: 'ready', version}        once loaded; {type: 'fatal', message} if loading failed
import init, { Simulator, version } from '../pkg/daemonset_sim.js';
import { select } from './select.js';

/** @typedef {import('../pkg/daemonset_sim.js').DiagnosticError} DiagnosticError */
/** @typedef {import('./select.js').Mask} Mask */
/** @typedef {import('./engine.js').Request} Request */
/** @typedef {import('./engine.js').Reply} Reply */
/** @typedef {import('./engine.js').PlainError} PlainError */

/** The worker's global scope, as far as this file uses it. */
const scope = /** @type {{postMessage(m: Reply): void, onmessage: ((e: MessageEvent<Request>) => void) | null, close(): void}} */ (
  /** @type {unknown} */ (self));

/** What the page may call: the Simulator's methods (not free, the constructor, or wasm-bindgen's own `__` ones). */
const METHODS = new Set(Object.getOwnPropertyNames(Simulator.prototype)
  .filter((k) => k !== 'constructor' && k !== 'free' && !k.startsWith('__') && typeof Object.getOwnPropertyDescriptor(Simulator.prototype, k)?.value === 'function'));

/** @type {Simulator | null} */
let sim = null;
/** @type {Map<string, {id: number, value: unknown}>} the results kept, by method */
const kept = new Map();

const ready = init().then(
  () => {
    sim = new Simulator();
    scope.postMessage({ type: 'ready', version: version() });
  },
  (e) => {
    scope.postMessage({ type: 'fatal', message: String((e && e.message) || e) });
    throw e;
  },
);

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
  const value = method.apply(sim, req.args);
  if (req.keep) kept.set(req.call, { id: req.id, value });
  return { type: 'result', id: req.id, result: select(value, req.mask) };
}

scope.onmessage = async ({ data }) => {
  try {
    await ready;
  } catch {
    return;
  }
  try {
    scope.postMessage(run(data));
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
};
