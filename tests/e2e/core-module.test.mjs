// The page's core module (web/pkg/daemonset_sim_core*, built without
// libyaml: src/input/yaml_fast.rs reads its YAML) against the full module
// (libyaml) on every placement conformance case, each written as YAML by
// js-yaml in three styles: block (what kubectl writes), flow collections
// inside (what people write by hand), and long strings folded as `>-`
// block scalars. The core module gives the full module's answers to the
// calls the page and the element make (setCluster, nodeList,
// evaluateGrid, nodeReport, evaluate), or throws NeedsFullModule (then
// the page asks the full module, as it must for a node the API server
// would refuse); most cases it reads itself. No browser: both modules in
// Node.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';
import yaml from 'js-yaml';
import { ROOT, WEB, loadEngine } from './helpers.mjs';

/** @param {string} name the module's file name without `_bg.wasm` */
async function load(name) {
  const mod = await import(pathToFileURL(path.join(WEB, 'pkg', `${name}.js`)).href);
  mod.initSync({ module: fs.readFileSync(path.join(WEB, 'pkg', `${name}_bg.wasm`)) });
  return mod;
}

const cases = zlib.gunzipSync(fs.readFileSync(path.join(ROOT, 'tests', 'conformance', 'placement.jsonl.gz')))
  .toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

/** Strings js-yaml writes as a folded (`>-`) or literal (`|`) block scalar, and in double quotes with escapes. */
const EXTRA = {
  'example.com/note': 'a long line of words that goes on well past the width js-yaml folds at',
  'example.com/script': 'set -e\n  echo "$NODE_NAME"\n\ndone\n',
  'example.com/path': 'C:\\opt\tcni "bin" \u00e9',
};

/**
 * Node labels whose text is written here, so that the report (which lists
 * each node's labels; no verdict here reads these keys) shows what each
 * module read: valid label values, as a cluster's nodes have, written as
 * a literal and a folded block scalar (in block style) and with escapes.
 */
const LABELS = { 'example.com/lit': 'LIT', 'example.com/fold': 'FOLD', 'example.com/esc': 'ESC' };
const READ_AS = { 'example.com/lit': 'abc-1', 'example.com/fold': 'abc-2', 'example.com/esc': 'abc-3' };

/** @param {string} text a dumped Node */
const writeLabels = (text) => text
  .replace(/^( *)example\.com\/lit: LIT$/m, '$1example.com/lit: |-\n$1  abc-1')
  .replace(/^( *)example\.com\/fold: FOLD$/m, '$1example.com/fold: >-\n$1  abc-2\n')
  .replace(/\bLIT\b/, '"\\x61bc-1"')
  .replace(/\bFOLD\b/, '"\\u0061bc-2"')
  .replace(/\bESC\b/, '"\\x61\\x62\\U00000063-3"');

/**
 * An object with those strings as annotations (any text is an annotation
 * value), a node with those labels too.
 * @param {any} o
 */
const annotated = (o) => ({
  ...o,
  metadata: {
    ...o.metadata,
    annotations: { ...(o.metadata?.annotations ?? {}), ...EXTRA },
    ...(o.kind === 'Node' ? { labels: { ...(o.metadata?.labels ?? {}), ...LABELS } } : {}),
  },
});

const STYLES = {
  block: { lineWidth: -1 },
  flow: { lineWidth: -1, flowLevel: 3 },
  folded: { lineWidth: 24 },
};

test('every placement case as YAML: the core module reports what the full module reports, or asks for it', async () => {
  const core = await load('daemonset_sim_core');
  const full = await loadEngine();
  assert.ok(cases.length >= 2000, `${cases.length} cases`);
  for (const [style, opts] of Object.entries(STYLES)) {
    let read = 0;
    let asked = 0;
    let refused = 0;
    for (const c of cases) {
      const ds = yaml.dump(annotated(c.daemonset), opts);
      const nodes = [...c.nodes, ...(c.pods ?? [])].map((o) => writeLabels(yaml.dump(annotated(o), opts))).join('---\n');
      // what the page asks of the module: the cluster's summary and node
      // list, the grid, each node's full verdict, the full report
      const run = (m) => {
        const sim = new m.Simulator();
        try {
          const summary = sim.setCluster(nodes);
          const list = sim.nodeList();
          let grid;
          try {
            const g = sim.evaluateGrid(ds);
            grid = { ...g, states: [...g.states], reasons: [...g.reasons], nodes: list.map((n) => sim.nodeReport(n.name)), report: sim.evaluate(ds) };
          } catch (e) {
            grid = { thrown: e.type, detail: e.detail };
            if (e.type === 'NeedsFullModule') throw e;
          }
          return { summary, list, grid };
        } finally {
          sim.free();
        }
      };
      // a node the API server would refuse (the corpus, made without one,
      // labels nodes cpu-gen: "-1" in 899 cases): the full module words
      // it, the core module must ask for it
      const want = run(full);
      const refuses = want.summary.errors.length > 0;
      if (refuses) refused++;
      let got;
      try {
        got = run(core);
      } catch (e) {
        assert.equal(/** @type {any} */ (e).type, 'NeedsFullModule', `${c.id} (${style}): ${e}`);
        asked++;
        continue;
      }
      assert.ok(!refuses, `${c.id} (${style}): the core module answered for a cluster the full module refuses`);
      for (const n of want.list) for (const [k, v] of Object.entries(READ_AS)) assert.equal(n.labels[k], v, `${c.id} (${style}): ${n.name} ${k}`);
      assert.deepEqual(got, want, `${c.id} (${style})`);
      read++;
    }
    console.log(`${style}: ${read} read by the core module, ${asked} asked of the full one (${refused} refused nodes)`);
    assert.ok(refused >= 899, `${style}: ${refused} refused`);
    assert.ok(read > (cases.length - refused) * 0.9, `${style}: the core module read ${read} of the ${cases.length - refused} it may read`);
  }
});
