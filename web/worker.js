// The engine runs here, off the main thread, so that evaluating a large
// cluster never blocks typing. Protocol (all messages carry `seq`):
//   in:  {type: 'cluster', seq, text}   -> out: {type: 'cluster', seq, summary, ms}
//   in:  {type: 'evaluate', seq, text}  -> out: {type: 'report', seq, report, ms}
//                                         or {type: 'error', seq, error}
//   out: {type: 'ready', version} once loaded, {type: 'fatal', message} if loading fails,
//        {type: 'crash', seq, message} when the engine panics (this worker then closes).
import init, { Simulator, version } from './pkg/daemonset_sim.js';

let sim = null;
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

self.onmessage = async ({ data }) => {
  try {
    await ready;
  } catch {
    return;
  }
  const t0 = performance.now();
  try {
    if (data.type === 'cluster') {
      const summary = sim.setCluster(data.text);
      postMessage({ type: 'cluster', seq: data.seq, summary, ms: performance.now() - t0 });
    } else if (data.type === 'evaluate') {
      const report = sim.evaluate(data.text);
      postMessage({ type: 'report', seq: data.seq, report, ms: performance.now() - t0 });
    }
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
