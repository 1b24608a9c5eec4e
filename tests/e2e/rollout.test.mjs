// The Rollout tab: the timeline the page plays is the engine's (computed
// here by the same wasm module, in Node), step by step: counters, the
// kubectl line verbatim, every node's pods at the instant, and the verdict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, TABLES, openPage, waitForResult, waitForView, shot, examples, expectedRollout, rolloutOptions, foreignRequests, paste, bigCluster, gridCells,
} from './helpers.mjs';

const env = setup();

const example = (id) => examples().find((e) => e.id === id);

/** The grid as {node: ['new/running/ready/available', ...]}. */
const gridPods = (page) => page.$$eval('.ro-grid > li', (lis) => Object.fromEntries(lis.map((li) => [li.dataset.node,
  [...li.querySelectorAll('.pod[data-gen]')].map((p) => `${p.dataset.gen}/${p.dataset.phase}/${p.dataset.ready}/${p.dataset.available}`)])));
const snapPods = (snap) => Object.fromEntries(snap.nodes.map((n) => [n.node, n.pods.map((p) => `${p.generation}/${p.phase}/${p.ready}/${p.available}`)]));

const COUNTERS = ['desiredNumberScheduled', 'currentNumberScheduled', 'numberReady', 'updatedNumberScheduled', 'numberAvailable', 'numberUnavailable', 'numberMisscheduled'];
async function counters(page) {
  const out = {};
  for (const k of COUNTERS) out[k] = Number(await page.textContent(`.ro-counters td[data-counter="${k}"]`));
  return out;
}
const pick = (s) => Object.fromEntries(COUNTERS.map((k) => [k, s[k]]));

/** Waits until the grid shows second `t`. */
const gridAt = (page, t) => page.waitForFunction((want) => document.querySelector('.ro-grid')?.dataset.t === String(want)
  && !document.querySelector('.ro-grid[aria-busy]'), t);

async function openRollout(page, id, extra = '') {
  await page.goto(`${env.srv.url}?example=${id}&tab=rollout${extra}`);
  await waitForResult(page);
  await waitForView(page, 'rollouts');
}

test('node-agent: the rollout plays to its end; counters, kubectl line and grid are the engine\'s at every step', async () => {
  const ex = example('node-agent');
  const { timeline: want, snapshots } = await expectedRollout(ex.ds, ex.nodesText, rolloutOptions());
  const page = await openPage(env.browser);
  await openRollout(page, ex.id);
  // the verdict: it completes
  assert.equal(await page.getAttribute('.ro-outcome', 'data-outcome'), 'completed');
  assert.equal(want.completed, true);
  const verdict = await page.textContent('.ro-verdict');
  assert.match(verdict, new RegExp(`completes at t = ${want.ticks} s`));
  // the order: node-agent's nodes are alike for it, so every order gives this run
  assert.equal(want.orders.orders, 1);
  assert.equal(await page.getAttribute('.ro-order', 'data-orders'), '1');
  assert.equal(await page.textContent('.ro-order'), TABLES.en['ro.order.one']);
  // the slider has one step per logged second
  assert.equal(await page.getAttribute('#ro-slider', 'max'), String(want.log.length - 1));
  await gridAt(page, 0);
  assert.deepEqual(await gridPods(page), snapPods(snapshots.get(0)));

  // play: every step passes by, the last one stays
  const seen = new Set();
  await page.exposeFunction('sawStep', (t) => seen.add(t));
  await page.evaluate(() => new MutationObserver(() => window.sawStep(document.querySelector('.ro-grid').dataset.t))
    .observe(document.querySelector('.ro-grid'), { attributes: true, attributeFilter: ['data-t'] }));
  await page.getByRole('button', { name: 'Play' }).click();
  assert.equal(await page.getAttribute('.ro-play', 'aria-pressed'), 'true');
  await page.waitForFunction((max) => document.querySelector('#ro-slider').value === max && document.querySelector('.ro').dataset.playing === 'false',
    String(want.log.length - 1), { timeout: 20000 });
  const last = want.log.at(-1);
  await gridAt(page, last.t);
  for (const e of want.log.slice(1)) assert.ok(seen.has(String(e.t)), `step t=${e.t} was shown`);
  assert.deepEqual(await counters(page), pick(want.finalStatus));
  assert.equal(await page.textContent('.ro-kubectl code.out'), last.kubectl);
  assert.equal(last.kubectl, 'daemon set "node-agent" successfully rolled out');
  assert.deepEqual(await gridPods(page), snapPods(snapshots.get(last.t)));
  assert.match(await page.textContent('.ro-at'), new RegExp(`t = ${last.t} s · step ${want.log.length} of ${want.log.length}`));
  assert.match(await page.textContent('.ro-events'), /becomes Ready on/);
  await shot(page, 'rollout-light', { fullPage: true });

  assert.deepEqual(foreignRequests(page, env.srv.origin), []);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('the slider (keyboard) moves the grid, counters and kubectl line to the chosen instant', async () => {
  const ex = example('node-agent');
  const { timeline: want, snapshots } = await expectedRollout(ex.ds, ex.nodesText, rolloutOptions());
  assert.equal(want.completed, true);
  const page = await openPage(env.browser);
  await openRollout(page, ex.id);
  assert.equal(await page.getAttribute('.ro-outcome', 'data-outcome'), 'completed');
  assert.match(await page.textContent('.ro-verdict'), new RegExp(`completes at t = ${want.ticks} s`));
  const slider = page.locator('#ro-slider');
  await slider.focus();
  const expectAt = async (i) => {
    const e = want.log[i];
    await gridAt(page, e.t);
    assert.equal(await slider.inputValue(), String(i));
    assert.deepEqual(await gridPods(page), snapPods(snapshots.get(e.t)), `grid at t=${e.t}`);
    assert.deepEqual(await counters(page), pick(e.status), `counters at t=${e.t}`);
    assert.equal(await page.textContent('.ro-kubectl code.out'), e.kubectl, `kubectl at t=${e.t}`);
    assert.equal(await slider.getAttribute('aria-valuetext'), `t = ${e.t} s · step ${i + 1} of ${want.log.length}`);
  };
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expectAt(2);
  await page.keyboard.press('End');
  await expectAt(want.log.length - 1);
  assert.equal(await page.textContent('.ro-kubectl code.out'), 'daemon set "node-agent" successfully rolled out');
  await page.keyboard.press('ArrowLeft');
  await expectAt(want.log.length - 2);
  await page.keyboard.press('Home');
  await expectAt(0);
  // the step buttons
  await page.getByRole('button', { name: 'Next step' }).click();
  await expectAt(1);
  await page.getByRole('button', { name: 'Previous step' }).click();
  await expectAt(0);
  assert.equal(await page.isDisabled('button[aria-label="Previous step"]'), true);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('a never-ready node: the page states the stall and why; an image change and an edited copy are the engine\'s', async () => {
  const ex = example('node-agent');
  const page = await openPage(env.browser);
  await openRollout(page, ex.id);
  let n = await page.evaluate(() => Number(document.documentElement.dataset.rollouts));
  await page.getByLabel('Never Ready on').fill('worker-2');
  n = await waitForView(page, 'rollouts', n);
  const { timeline: want } = await expectedRollout(ex.ds, ex.nodesText, rolloutOptions({ model: { neverReady: ['worker-2'] } }));
  assert.equal(want.stalled, true);
  const r = want.stallReasons.find((x) => x.kind === 'neverReady');
  assert.ok(r);
  assert.equal(await page.getAttribute('.ro-outcome', 'data-outcome'), 'stalled');
  const reason = await page.textContent('.ro-reasons li[data-kind="neverReady"]');
  assert.match(reason, /New pods never become Ready on worker-2\./);
  assert.match(reason, new RegExp(`They use up the ${r.budget} budget of ${r.limit}\\.`));
  if (r.waiting.length) assert.match(reason, /Still on the old template, waiting:/);
  assert.equal(await page.$$eval('.ro-grid li .tag', (ts) => ts.length), 1, 'the never-ready node is marked');
  await page.locator('#ro-slider').focus();
  await page.keyboard.press('End');
  const last = want.log.at(-1);
  await gridAt(page, last.t);
  assert.equal(await page.textContent('.ro-kubectl code.out'), last.kubectl);
  await shot(page, 'rollout-stalled', { element: '.ro-out' });

  // an image
  await page.getByLabel('Never Ready on').fill('');
  n = await waitForView(page, 'rollouts', n);
  await page.selectOption('#ro-mode', 'image');
  await page.getByLabel('Image', { exact: true }).fill('node-agent:2.0');
  n = await waitForView(page, 'rollouts', n);
  const img = (await expectedRollout(ex.ds, ex.nodesText, rolloutOptions({ change: { kind: 'image', image: 'node-agent:2.0', container: null } }))).timeline;
  await page.locator('#ro-slider').focus();
  await page.keyboard.press('End');
  await gridAt(page, img.log.at(-1).t);
  assert.deepEqual(await counters(page), pick(img.finalStatus));
  assert.equal(await page.getAttribute('.ro-outcome', 'data-outcome'), img.completed ? 'completed' : 'stalled');

  // an edited copy: an error is shown under it, with its line; fixed, it runs
  await page.selectOption('#ro-mode', 'copy');
  n = await waitForView(page, 'rollouts', n);
  const copy = page.locator('#ro-copy');
  assert.equal(await copy.inputValue(), ex.ds, 'the copy starts as the DaemonSet editor\'s text');
  const strategy = (v) => ex.ds.replace('spec:\n', `spec:\n  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: ${v}\n`);
  const broken = strategy('150%');
  assert.notEqual(broken, ex.ds);
  await copy.fill(broken);
  await page.waitForSelector('#ro-copy-diag .diag.error');
  const diag = await page.textContent('#ro-copy-diag');
  assert.match(diag, /line \d+, column \d+/);
  assert.match(diag, /spec\.updateStrategy\.rollingUpdate\.maxUnavailable: Invalid value/);
  assert.match(await page.textContent('.ro-problem'), /changed DaemonSet cannot be used/);
  const fixed = strategy(2);
  await copy.fill(fixed);
  n = await waitForView(page, 'rollouts', n);
  assert.equal(await page.$('#ro-copy-diag .diag'), null);
  const edited = (await expectedRollout(ex.ds, ex.nodesText, rolloutOptions({ newDaemonSet: fixed }))).timeline;
  assert.equal(await page.getAttribute('#ro-slider', 'max'), String(edited.log.length - 1));
  assert.match(await page.textContent('.ro-verdict'), new RegExp(`maxUnavailable ${edited.budget.maxUnavailable}`));
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('OnDelete: your deletes drive the rollout and kubectl refuses, verbatim', async () => {
  const ex = example('my-daemonset');
  const ds = ex.ds.replace('spec:\n', 'spec:\n  updateStrategy:\n    type: OnDelete\n');
  const page = await openPage(env.browser);
  await openRollout(page, ex.id);
  let n = await page.evaluate(() => Number(document.documentElement.dataset.rollouts));
  await page.locator('#ed-ds').evaluate((ta, v) => { ta.value = v; ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' })); }, ds);
  n = await waitForView(page, 'rollouts', n);
  assert.equal(await page.isVisible('input[name="deletes"]'), true, 'the deletes field is offered for OnDelete');
  await page.getByLabel('Your deletes (OnDelete)').fill('3:worker-1, 10:worker-2');
  n = await waitForView(page, 'rollouts', n);
  const { timeline: want, snapshots } = await expectedRollout(ds, ex.nodesText, rolloutOptions({ model: { manualDeletes: [{ t: 3, node: 'worker-1' }, { t: 10, node: 'worker-2' }] } }));
  assert.equal(want.strategy, 'OnDelete');
  assert.deepEqual(await page.$$eval('.ro-reasons li', (ls) => ls.map((l) => l.dataset.kind)), want.stallReasons.map((r) => r.kind));
  await page.locator('#ro-slider').focus();
  await page.keyboard.press('End');
  const last = want.log.at(-1);
  await gridAt(page, last.t);
  assert.equal(await page.textContent('.ro-kubectl code.out'), `error: ${last.kubectlError}`);
  assert.deepEqual(await gridPods(page), snapPods(snapshots.get(last.t)));
  assert.match(await page.textContent('.ro-verdict'), /OnDelete: a pod is replaced only when you delete it/);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('dark theme and zh-TW: the Rollout tab in both, and its inputs travel in the share link', async () => {
  const ex = example('my-daemonset');
  const dark = await openPage(env.browser, { colorScheme: 'dark' });
  await openRollout(dark, ex.id);
  await gridAt(dark, 0);
  await shot(dark, 'rollout-dark', { fullPage: true });
  await dark.close();

  const zh = TABLES['zh-TW'];
  const page = await openPage(env.browser, { locale: 'zh-TW' });
  await openRollout(page, ex.id);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-TW');
  assert.equal(await page.textContent('[role=tab][data-tab="rollout"]'), zh['tab.rollout']);
  assert.equal(await page.textContent('.ro-play'), zh['ro.play']);
  assert.match(await page.textContent('.ro-outcome'), /滾動更新卡住了：t = 0 秒之後不再有任何變化。/);
  assert.equal(await page.textContent('.ro-order'), zh['ro.order.one']);
  assert.equal(await page.textContent('.ro-form legend'), zh['ro.change']);
  await gridAt(page, 0);
  await shot(page, 'rollout-zh-TW', { fullPage: true });

  // share: the form comes back
  let n = await page.evaluate(() => Number(document.documentElement.dataset.rollouts));
  await page.selectOption('#ro-mode', 'image');
  await page.fill('input[name="image"]', 'nginx:1.29');
  await page.fill('input[name="ready"]', '12');
  n = await waitForView(page, 'rollouts', n);
  await page.click('#share');
  await page.waitForFunction(() => document.querySelector('#share-url').value.includes('#s='));
  const link = await page.inputValue('#share-url');
  const other = await openPage(env.browser);
  await other.goto(link);
  await waitForResult(other);
  await waitForView(other, 'rollouts');
  assert.equal(await other.inputValue('#ro-mode'), 'image');
  assert.equal(await other.inputValue('input[name="image"]'), 'nginx:1.29');
  assert.equal(await other.inputValue('input[name="ready"]'), '12');
  const { timeline: want } = await expectedRollout(ex.ds, ex.nodesText, rolloutOptions({ change: { kind: 'image', image: 'nginx:1.29', container: null }, model: { readyDelaySeconds: 12 } }));
  assert.equal(await other.getAttribute('#ro-slider', 'max'), String(want.log.length - 1));
  assert.deepEqual(page.log.errors, []);
  assert.deepEqual(other.log.errors, []);
  await other.close();
  await page.close();
});

test('5,000 nodes: the rollout, its dense grid and the slider keep up', async () => {
  const ex = example('my-daemonset');
  const nodes = bigCluster(5000);
  const page = await openPage(env.browser);
  await openRollout(page, ex.id);
  const n = await page.evaluate(() => Number(document.documentElement.dataset.rollouts));
  const t0 = Date.now();
  await paste(page, 'Nodes', nodes, 60000);
  await waitForView(page, 'rollouts', n, 60000);
  await gridAt(page, 0);
  console.log(`5,000 nodes: rollout shown in ${Date.now() - t0} ms`);
  const { timeline: want, snapshots } = await expectedRollout(ex.ds, nodes, rolloutOptions());
  assert.equal(await page.getAttribute('#ro-slider', 'max'), String(want.log.length - 1));
  // every tile, scrolled through (past 1,000 tiles only the rows near the view are in the DOM)
  const summaries = () => gridCells(page, '.ro-grid', 'li[data-node]', 'data-summary');
  assert.equal(await page.$$eval('.ro-grid.dense', (g) => g.length), 1);
  assert.equal(Object.keys(await summaries()).length, 5000);
  const pendingIn = (snap) => snap.nodes.filter((x) => x.pods.some((p) => p.phase === 'pending')).map((x) => x.node).sort();
  await page.locator('#ro-slider').focus();
  const t1 = Date.now();
  await page.keyboard.press('End');
  const last = want.log.at(-1);
  await gridAt(page, last.t);
  console.log(`5,000 nodes: the last instant shown in ${Date.now() - t1} ms`);
  const got = await summaries();
  assert.deepEqual(Object.entries(got).filter(([, v]) => v === 'pending').map(([k]) => k).sort(), pendingIn(snapshots.get(last.t)));
  assert.deepEqual(await counters(page), pick(want.finalStatus));
  assert.equal(await page.textContent('.ro-kubectl code.out'), last.kubectl);
  // the aria-label of a tile words its pods
  const label = await page.getAttribute('.ro-grid > li[data-node="node-00042"]', 'aria-label');
  assert.match(label, /^node-00042: new pod: Pending/);
  await shot(page, 'rollout-5000-nodes');
  assert.deepEqual(page.log.errors, []);
  await page.close();
});
