// The Rollout tab starts from the cluster the Coverage tab shows (a Pending
// daemon pod is a Pending old pod, unavailable from t = 0), and states what
// Kubernetes' random choice of nodes changes: the range of outcomes over the
// orders, as the engine computes them (the same wasm module, in Node). In
// English and Traditional Chinese, light and dark, with screenshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, TABLES, openPage, waitForResult, waitForView, shot, examples, expectedReport, expectedRollout, rolloutOptions, paste,
} from './helpers.mjs';

const env = setup();

const example = (id) => examples().find((e) => e.id === id);

const COUNTERS = ['desiredNumberScheduled', 'currentNumberScheduled', 'numberReady', 'updatedNumberScheduled', 'numberAvailable', 'numberUnavailable', 'numberMisscheduled'];
/** The counters of a kubectl-style status table under `scope`. */
async function counters(page, scope) {
  const out = {};
  for (const k of COUNTERS) out[k] = Number(await page.textContent(`${scope} td[data-counter="${k}"]`));
  return out;
}
const pick = (s) => Object.fromEntries(COUNTERS.map((k) => [k, s[k]]));

/** Waits until the grid shows second `t`. */
const gridAt = (page, t) => page.waitForFunction((want) => document.querySelector('.ro-grid')?.dataset.t === String(want)
  && !document.querySelector('.ro-grid[aria-busy]'), t);

async function openRollout(page, id) {
  await page.goto(`${env.srv.url}?example=${id}&tab=rollout`);
  await waitForResult(page);
  await waitForView(page, 'rollouts');
}

test('my-daemonset: the rollout starts where Coverage stands: READY 2, worker-3 Pending and unavailable from t = 0', async () => {
  const ex = example('my-daemonset');
  const report = await expectedReport(ex.ds, ex.nodesText);
  const { timeline: want } = await expectedRollout(ex.ds, ex.nodesText, rolloutOptions());
  // what Coverage says
  assert.equal(report.status.numberReady, 2);
  assert.equal(report.nodes.find((n) => n.name === 'worker-3').state, 'pending');

  const page = await openPage(env.browser);
  await openRollout(page, ex.id);
  // before the change: the check's counters, READY 2 of 3
  assert.deepEqual(await counters(page, '.ro-start'), pick(want.initialStatus));
  assert.equal(want.initialStatus.numberReady, report.status.numberReady);
  assert.equal(want.initialStatus.numberUnavailable, 1);
  assert.equal(await page.getAttribute('.ro-start [data-basis]', 'data-basis'), 'projected');
  // per node, the check's verdict and what it implies
  const start = await page.$$eval('.ro-start-nodes li', (ls) => ls.map((l) => [l.dataset.start, l.dataset.verdict, l.textContent]));
  assert.deepEqual(start, [
    ['pending', 'pending', 'worker-3: the old pod is Pending (Insufficient cpu), so it counts as unavailable from the first second. Coverage: Pending.'],
    ['none', 'keeps-existing', 'control-plane: no pod. Coverage: Keeps existing pod.'],
    ['available', 'scheduled', 'worker-1 and worker-2: an available old pod. Coverage: Scheduled.'],
  ]);
  // t = 0: the Pending old pod is replaced by a Pending new one, which holds maxUnavailable 1
  await gridAt(page, 0);
  assert.deepEqual(await counters(page, '.ro-counters'), pick(want.log[0].status));
  assert.equal(want.log[0].status.numberAvailable, 2);
  assert.equal(await page.getAttribute('.ro-grid > li[data-node="worker-3"]', 'data-summary'), 'pending');
  assert.equal(await page.getAttribute('.ro-grid > li[data-node="worker-1"]', 'data-summary'), 'old');
  assert.equal(await page.getAttribute('.ro-outcome', 'data-outcome'), 'stalled');
  assert.equal(await page.textContent('.ro-reasons li[data-kind="budgetHeld"]'),
    'worker-1 and worker-2 keep their old pod: the Pending new pod on worker-3 holds the maxUnavailable budget of 1.');
  assert.equal(await page.textContent('.ro-order'), TABLES.en['ro.order.one']);
  await shot(page, 'rollout-start-light', { element: '.ro-out' });
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

// my-daemonset on two more workers, three pods at a time, Ready delays that
// differ: worker-3 still starts Pending, and which workers go first changes
// when the rollout stops moving.
const DS = example('my-daemonset').ds.replace('spec:\n', 'spec:\n  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 3\n');
const NODES = `${example('my-daemonset').nodesText}  - {name: worker-4, allocatable: {cpu: "4", memory: 8Gi, pods: 110}}\n  - {name: worker-5, allocatable: {cpu: "4", memory: 8Gi, pods: 110}}\n`;
const PER_NODE = 'worker-1=20, worker-4=8';
const OPTIONS = rolloutOptions({ model: { perNodeReadyDelay: { 'worker-1': 20, 'worker-4': 8 } } });

/** The page on the Rollout tab with DS, NODES and PER_NODE entered. */
async function openRange(opts) {
  const page = await openPage(env.browser, opts);
  await openRollout(page, 'my-daemonset');
  let n = await page.evaluate(() => Number(document.documentElement.dataset.rollouts));
  await paste(page, 'DaemonSet', DS);
  n = await waitForView(page, 'rollouts', n);
  await paste(page, 'Nodes', NODES);
  n = await waitForView(page, 'rollouts', n);
  await page.fill('input[name="perNode"]', PER_NODE);
  await waitForView(page, 'rollouts', n);
  await gridAt(page, 0);
  return page;
}

test('nodes that differ: the range over the orders, as the engine states it', async () => {
  const { timeline: want } = await expectedRollout(DS, NODES, OPTIONS);
  const o = want.orders;
  // the engine's facts this test words: several orders, stalling at different points
  assert.equal(o.exploration, 'exhaustive');
  assert.ok(o.orders > 1 && o.dependsOnOrder);
  assert.ok(o.stalled && o.stalled.earliest < o.stalled.latest);
  assert.equal(o.completed, null);
  const page = await openRange();
  assert.equal(await page.getAttribute('.ro-order', 'data-exploration'), 'exhaustive');
  assert.equal(await page.getAttribute('.ro-order', 'data-orders'), String(o.orders));
  const text = await page.textContent('.ro-order');
  assert.match(text, /anew at every sync; the run shown takes them by name/);
  assert.match(text, new RegExp(`Over all ${o.orders} distinct orders \\(nodes that behave alike count as one kind; there are ${o.classes} kinds\\):`));
  assert.equal(await page.textContent('.ro-order li[data-end="stalled"]'),
    `The rollout stalls in ${o.stalled.orders} of them: nothing changes after t = ${o.stalled.earliest} s at the earliest, t = ${o.stalled.latest} s at the latest.`);
  // the run shown is one of them
  assert.match(await page.textContent('.ro-outcome'), new RegExp(`nothing changes after t = ${want.lastChangeAt} s`));
  assert.ok(o.stalled.earliest <= want.lastChangeAt && want.lastChangeAt <= o.stalled.latest);
  // and it starts with worker-3 Pending
  assert.equal(await page.getAttribute('.ro-start-nodes li[data-start="pending"]', 'data-verdict'), 'pending');
  assert.deepEqual(await counters(page, '.ro-start'), pick(want.initialStatus));
  await shot(page, 'rollout-start-range-light', { element: '.ro-out' });
  assert.deepEqual(page.log.errors, []);
  await page.close();

  const dark = await openRange({ colorScheme: 'dark' });
  assert.equal(await dark.getAttribute('.ro-order', 'data-orders'), String(o.orders));
  await shot(dark, 'rollout-start-range-dark', { element: '.ro-out' });
  assert.deepEqual(dark.log.errors, []);
  await dark.close();
});

test('zh-TW, light and dark: the start and the range in Traditional Chinese', async () => {
  const zh = TABLES['zh-TW'];
  const { timeline: want } = await expectedRollout(DS, NODES, OPTIONS);
  const o = want.orders;
  for (const colorScheme of ['light', 'dark']) {
    const page = await openRange({ locale: 'zh-TW', colorScheme });
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-TW');
    assert.equal(await page.textContent('.ro-start h2'), zh['ro.st.head']);
    assert.equal(await page.textContent('.ro-start [data-basis]'), zh['ro.st.projected']);
    assert.equal(await page.textContent('.ro-start-nodes li[data-start="pending"]'),
      'worker-3：舊 Pod 處於 Pending（Insufficient cpu），從第一秒起就算作不可用。涵蓋範圍：等待中（Pending）。');
    assert.equal(await page.textContent('.ro-order li[data-end="stalled"]'),
      `其中 ${o.stalled.orders} 種會卡住：最早在 t = ${o.stalled.earliest} 秒、最晚在 t = ${o.stalled.latest} 秒之後就不再有任何變化。`);
    assert.match(await page.textContent('.ro-order'), new RegExp(`試過全部 ${o.orders} 種不同的順序（行為相同的節點視為同一類，共 ${o.classes} 類）`));
    await shot(page, `rollout-start-range-zh-TW-${colorScheme}`, { element: '.ro-out' });
    assert.deepEqual(page.log.errors, []);
    await page.close();
  }
});

test('a PriorityClass that does not exist: the rollout starts with no pod, as Coverage says, and stalls on FailedCreate; in both languages', async () => {
  const ds = example('my-daemonset').ds.replace('    spec:\n', '    spec:\n      priorityClassName: high\n');
  assert.notEqual(ds, example('my-daemonset').ds);
  const nodes = example('my-daemonset').nodesText;
  const report = await expectedReport(ds, nodes);
  const { timeline: want } = await expectedRollout(ds, nodes, rolloutOptions());
  const refusedOn = report.nodes.filter((n) => n.state === 'failed-create').map((n) => n.name);
  assert.ok(refusedOn.length >= 2, JSON.stringify(report.nodes.map((n) => n.state)));
  const reason = want.stallReasons.find((r) => r.kind === 'failedCreate');
  assert.ok(reason, JSON.stringify(want.stallReasons));
  assert.deepEqual(reason.nodes, refusedOn);
  for (const [locale, scheme] of [['en-US', 'light'], ['en-US', 'dark'], ['zh-TW', 'light'], ['zh-TW', 'dark']]) {
    const page = await openPage(env.browser, { locale, colorScheme: scheme });
    await openRollout(page, 'my-daemonset');
    const n = await page.evaluate(() => Number(document.documentElement.dataset.rollouts));
    await paste(page, 'DaemonSet', ds);
    await waitForView(page, 'rollouts', n);
    await gridAt(page, 0);
    assert.equal(await page.getAttribute('.ro-outcome', 'data-outcome'), 'stalled');
    const verdicts = await page.$$eval('.ro-start-nodes li', (ls) => ls.map((l) => l.dataset.verdict));
    assert.ok(verdicts.includes('failed-create'), JSON.stringify(verdicts));
    const text = await page.textContent('.ro-reasons li[data-kind="failedCreate"]');
    assert.ok(text.includes(reason.event), text);
    if (locale === 'en-US') {
      assert.ok(text.startsWith('The API server refuses every pod of the new template'), text);
    } else {
      assert.ok(text.startsWith('API 伺服器拒絕建立新範本的每個 Pod'), text);
    }
    await shot(page, `rollout-failed-create-${locale}-${scheme}`, { element: '.ro-out' });
    assert.deepEqual(page.log.errors, []);
    await page.close();
  }
});
