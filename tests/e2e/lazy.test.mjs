// What the first grid needs, and what comes after it: the Rollout,
// Deployment and Cluster tabs' code, the charts, the editors' colours and
// completion list are not fetched before the first result is on the page
// (the page marks it: performance mark `dssim:first-result`), then fetched
// while the reader reads it; a tab opened before its code is there waits
// for it; a share link keeps the state of a tab whose code never came.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { setup, openPage, waitForResult, waitForExtras, expectedRollout, expectedReport, rolloutOptions, examples, paste, gridStates, WEB, statesOf, loadEngine } from './helpers.mjs';

const env = setup();
const LATER = ['views/status.js', 'views/rollout.js', 'views/compare.js', 'views/cluster.js', 'views/charts.js', 'views.css', 'views/apply.js', 'ui/export.js', 'ui/progress.js', 'highlight.js', 'completer.js', 'i18n/en.views.js'];

/** The page's resource loads (path below web/, start time) and the first result's time. */
const timings = (page) => page.evaluate(() => ({
  first: performance.getEntriesByName('dssim:first-result')[0]?.startTime ?? null,
  loads: performance.getEntriesByType('resource').map((r) => ({ path: new URL(r.name).pathname.slice(1), start: r.startTime })),
}));

test('the first grid needs none of the later code; it is fetched after the grid is shown, and each later tab works', async () => {
  const page = await openPage(env.browser);
  await page.goto(`${env.srv.url}?example=node-agent`);
  await waitForResult(page);
  await waitForExtras(page);
  await page.waitForFunction((n) => performance.getEntriesByType('resource').filter((r) => /views\/(rollout|compare|cluster)\.js$/.test(r.name)).length === n, 3);
  const { first, loads } = await timings(page);
  assert.ok(first !== null, 'the first result is marked');
  for (const p of LATER.filter((p) => p !== 'views/charts.js')) {
    const l = loads.find((x) => x.path === p);
    assert.ok(l, `${p} is fetched after the first result`);
    assert.ok(l.start > first, `${p} started at ${l.start.toFixed(0)} ms, the first result at ${first.toFixed(0)} ms`);
  }
  for (const p of ['app.js', 'views/coverage.js', 'editor.js', 'engine/worker.js', 'i18n/en.js']) {
    assert.ok(loads.some((x) => x.path === p && x.start < first), `${p} before the first result`);
  }
  // the Rollout tab, from the prefetched code: the engine's timeline
  await page.click('[role=tab][data-tab="rollout"]');
  await page.waitForSelector('#ro-slider');
  assert.equal(await page.$('#panel-rollout .lazy-wait'), null);
  // styled by views.css, which came with the code
  assert.equal(await page.$eval('#panel-rollout .ro-form', (f) => getComputedStyle(f).display), 'grid');
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('a tab opened before its code is there says so, then shows; code that cannot be fetched is said in words, and a share link keeps that tab\'s state', async () => {
  // the Rollout code held back until released
  const page = await openPage(env.browser);
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/views/rollout.js', async (route) => { await held; await route.continue(); });
  await page.goto(`${env.srv.url}?example=node-agent&tab=rollout`);
  await page.waitForSelector('#panel-rollout .lazy-wait');
  assert.equal(await page.$eval('#panel-rollout .lazy-wait', (p) => p.textContent), 'Loading this view…');
  release();
  await page.waitForFunction(() => !document.querySelector('#panel-rollout .lazy-wait') && document.querySelector('#panel-rollout').children.length > 0);
  const ex = examples().find((e) => e.id === 'node-agent');
  const { timeline: want } = await expectedRollout(ex.ds, ex.nodesText, rolloutOptions());
  await page.waitForFunction((max) => document.querySelector('#ro-slider')?.getAttribute('max') === max, String(want.log.length - 1));
  await page.close();

  // a share link made where the Rollout code never came keeps the rollout state it was opened with
  const first = await openPage(env.browser);
  await first.goto(`${env.srv.url}?example=node-agent&tab=rollout`);
  await waitForResult(first);
  await first.waitForSelector('#ro-slider');
  await first.$eval('#ro-slider', (r) => { r.value = '7'; r.dispatchEvent(new Event('input', { bubbles: true })); r.dispatchEvent(new Event('change', { bubbles: true })); });
  await first.click('#share');
  await first.waitForFunction(() => document.querySelector('#share-url').value.includes('#s='));
  const link = await first.$eval('#share-url', (i) => i.value);
  const kept = await first.evaluate(async (h) => (await import('./share.js')).decodeState(h), link.slice(link.indexOf('#')));
  assert.ok(kept && kept.rollout, 'the link holds the rollout state');
  await first.close();

  const blocked = await openPage(env.browser);
  await blocked.route('**/views/rollout.js', (route) => route.abort());
  await blocked.goto(`${link.replace('tab=rollout', '')}`);
  await waitForResult(blocked);
  await blocked.click('[role=tab][data-tab="rollout"]').catch(() => {});
  await blocked.waitForSelector('#panel-rollout [role=alert]');
  assert.match(await blocked.$eval('#panel-rollout [role=alert]', (p) => p.textContent), /^This view could not be loaded: /);
  await blocked.click('#share');
  await blocked.waitForFunction(() => document.querySelector('#share-url').value.includes('#s='));
  const again = await blocked.$eval('#share-url', (i) => i.value);
  const state = await blocked.evaluate(async (h) => (await import('./share.js')).decodeState(h), again.slice(again.indexOf('#')));
  assert.deepEqual(state.rollout, kept.rollout);
  // the other tabs still work
  await blocked.click('[role=tab][data-tab="coverage"]');
  assert.ok(await blocked.$$eval('#grid [role=gridcell]', (c) => c.length) > 0);
  await blocked.close();
});

/**
 * A page whose engine's full module is held back until `release()`, and
 * the wasm files it asks for, in order.
 */
async function pageWithFullModuleHeld() {
  const page = await openPage(env.browser);
  /** @type {string[]} */
  const wasm = [];
  page.on('request', (r) => { if (/\.wasm(\.lzma)?$/.test(r.url())) wasm.push(new URL(r.url()).pathname.split('/').pop()); });
  /** @type {() => void} */
  let release = () => {};
  const held = new Promise((r) => { release = () => r(undefined); });
  await page.route('**/pkg/daemonset_sim_bg.wasm*', async (route) => { await held; await route.continue(); });
  return { page, wasm, release };
}

test('the first grid comes from the engine\'s core module; the full module comes after it and takes the same cluster; one that cannot be fetched is said in words', async () => {
  const ex = examples().find((e) => e.id === 'node-agent');
  // the full module held back: the first grid must not need it
  const { page, wasm, release } = await pageWithFullModuleHeld();
  await page.goto(`${env.srv.url}?example=node-agent`);
  await waitForResult(page);
  assert.ok(await page.$$eval('#grid [role=gridcell]', (c) => c.length) > 0, 'the grid is shown');
  assert.equal(wasm[0], 'daemonset_sim_core_bg.wasm.lzma', 'the core module first');
  // the nodes edited while the core module is in use: the full module must take this cluster, not the first
  const nodes = `${ex.nodesText.replace(/\n*$/, '\n')}  - name: worker-4\n  - name: worker-5\n`;
  await paste(page, 'Nodes', nodes);
  release();
  await page.click('[role=tab][data-tab="rollout"]');
  const { timeline: want } = await expectedRollout(ex.ds, nodes, rolloutOptions());
  const { timeline: before } = await expectedRollout(ex.ds, ex.nodesText, rolloutOptions());
  assert.notEqual(want.log.length, before.log.length, 'the two clusters roll out differently');
  await page.waitForFunction((max) => document.querySelector('#ro-slider')?.getAttribute('max') === max, String(want.log.length - 1));
  assert.deepEqual(wasm, ['daemonset_sim_core_bg.wasm.lzma', 'daemonset_sim_bg.wasm.lzma'], 'each module once');
  // the grid is still the engine's after the move
  await page.click('[role=tab][data-tab="coverage"]');
  assert.ok(await page.$$eval('#grid [role=gridcell]', (c) => c.length) > 0);
  assert.deepEqual(page.log.errors, []);
  await page.close();

  // the full module cannot be fetched: the tab says so in words, the grid works on
  const blocked = await openPage(env.browser);
  await blocked.route('**/pkg/daemonset_sim_bg.wasm*', (route) => route.abort());
  await blocked.goto(`${env.srv.url}?example=node-agent&tab=rollout`);
  await waitForResult(blocked);
  await blocked.waitForFunction(() => /could not be loaded/.test(document.querySelector('#panel-rollout')?.textContent ?? ''));
  assert.match(await blocked.$eval('#panel-rollout', (p) => p.textContent), /the engine's full module \(pkg\/daemonset_sim\.js\) could not be loaded/);
  await blocked.click('[role=tab][data-tab="coverage"]');
  assert.ok(await blocked.$$eval('#grid [role=gridcell]', (c) => c.length) > 0);
  await blocked.close();
});

for (const [how, reply] of /** @type {const} */ ([
  ['a 404 for each .lzma file', { status: 404, body: 'not found' }],
  ['its index page, 200, for each .lzma file (a catch-all rewrite)', { status: 200, contentType: 'text/html', body: '<!doctype html><title>docs</title><p>Welcome</p>' }],
])) test(`a host without the LZMA-compressed modules (${how}) serves the modules themselves, and the page works the same`, async () => {
  const ex = examples().find((e) => e.id === 'node-agent');
  const page = await openPage(env.browser);
  /** @type {string[]} */
  const wasm = [];
  page.on('request', (r) => { if (/\.wasm(\.lzma)?$/.test(r.url())) wasm.push(new URL(r.url()).pathname.split('/').pop()); });
  await page.route('**/*.wasm.lzma', (route) => route.fulfill(reply));
  await page.goto(`${env.srv.url}?example=node-agent`);
  await waitForResult(page);
  assert.deepEqual(await gridStates(page), statesOf(await expectedReport(ex.ds, ex.nodesText)));
  await page.click('[role=tab][data-tab="rollout"]');
  const { timeline } = await expectedRollout(ex.ds, ex.nodesText, rolloutOptions());
  await page.waitForFunction((max) => document.querySelector('#ro-slider')?.getAttribute('max') === max, String(timeline.log.length - 1));
  assert.deepEqual(wasm, ['daemonset_sim_core_bg.wasm.lzma', 'daemonset_sim_core_bg.wasm', 'daemonset_sim_bg.wasm.lzma', 'daemonset_sim_bg.wasm']);
  assert.deepEqual(page.log.errors.filter((e) => !/404/.test(e)), []);
  await page.close();
});


test('YAML that only libyaml reads (a tag, an anchor) is refused by the core module and read by the full one, for the DaemonSet and for the nodes', async () => {
  const ex = examples().find((e) => e.id === 'node-agent');
  // the same DaemonSet, its name written with a tag; nodes with an anchor and an alias
  const ds = ex.ds.replace('name: node-agent', 'name: !!str node-agent');
  assert.notEqual(ds, ex.ds);
  const nodes = 'nodes:\n  - name: a\n    labels: &pool {pool: blue}\n  - name: b\n    labels: *pool\n    taints: ["x=y:NoSchedule"]\n';

  // the core module, in Node: reads the plain texts, throws NeedsFullModule for these
  const core = await import(pathToFileURL(path.join(WEB, 'pkg', 'daemonset_sim_core.js')).href);
  core.initSync({ module: fs.readFileSync(path.join(WEB, 'pkg', 'daemonset_sim_core_bg.wasm')) });
  const sim = new core.Simulator();
  assert.equal(sim.setCluster(ex.nodesText).errors.length, 0);
  assert.ok(sim.evaluateGrid(ex.ds).states.length > 0);
  assert.throws(() => sim.evaluateGrid(ds), (e) => e.type === 'NeedsFullModule');
  assert.throws(() => sim.setCluster(nodes), (e) => e.type === 'NeedsFullModule');
  assert.equal(typeof sim.complete, 'function', 'completion is the core module\'s too (the element\'s editor needs it)');
  sim.free();

  for (const [which, text, want] of [['DaemonSet', ds, await expectedReport(ds, ex.nodesText)], ['Nodes', nodes, await expectedReport(ex.ds, nodes)]]) {
    // the full module held back until the text is pasted: the core module answers first
    const { page, wasm, release } = await pageWithFullModuleHeld();
    await page.goto(`${env.srv.url}?example=node-agent`);
    await waitForResult(page);
    const pasted = paste(page, which, text);
    release();
    await pasted;
    assert.deepEqual(await gridStates(page), statesOf(want), which);
    assert.equal(await page.locator('#diag-ds li.error, #diag-nodes li.error').count(), 0, which);
    assert.deepEqual(wasm, ['daemonset_sim_core_bg.wasm.lzma', 'daemonset_sim_bg.wasm.lzma'], which);
    assert.deepEqual(page.log.errors, []);
    await page.close();
  }
});

test('a node the API server would refuse is found by the core module and worded by the full one, at its field', async () => {
  // a taint effect v1.36 does not have (validateNodeTaints: NotSupported at
  // metadata.taints[0].effect, Go building the path from metadata's)
  const nodes = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: a\n  labels:\n    pool: blue\nspec:\n  taints:\n  - key: x\n    effect: Bogus\n';
  const want = 'metadata.taints[0].effect: Unsupported value: "Bogus": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"';
  const line = nodes.split('\n').findIndex((l) => l.includes('Bogus')) + 1;

  // the core module, in Node: the node with a valid effect reads; this one throws NeedsFullModule
  const core = await import(pathToFileURL(path.join(WEB, 'pkg', 'daemonset_sim_core.js')).href);
  core.initSync({ module: fs.readFileSync(path.join(WEB, 'pkg', 'daemonset_sim_core_bg.wasm')) });
  const sim = new core.Simulator();
  assert.deepEqual(sim.setCluster(nodes.replace('Bogus', 'NoExecute')).errors, []);
  assert.throws(() => sim.setCluster(nodes), (e) => e.type === 'NeedsFullModule');
  sim.free();
  // the full module: the API server's error, where the effect is written
  const { Simulator } = await loadEngine();
  const full = new Simulator();
  const { errors } = full.setCluster(nodes);
  full.free();
  assert.equal(errors.length, 1);
  assert.ok(errors[0].message.includes(want), errors[0].message);
  assert.equal(errors[0].line, line);

  // the page: the core module answers first, the full module words the node
  const { page, wasm, release } = await pageWithFullModuleHeld();
  await page.goto(`${env.srv.url}?example=node-agent`);
  await waitForResult(page);
  const pasted = paste(page, 'Nodes', nodes);
  release();
  await pasted;
  const shown = page.locator('#diag-nodes li.error');
  assert.equal(await shown.count(), 1);
  assert.ok((await shown.textContent()).includes('Unsupported value: "Bogus"'));
  assert.equal(await shown.getAttribute('data-line'), String(line));
  assert.deepEqual(wasm, ['daemonset_sim_core_bg.wasm.lzma', 'daemonset_sim_bg.wasm.lzma']);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});
