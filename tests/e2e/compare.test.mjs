// The "Deployment vs DaemonSet" tab: pods per node on both sides equal the
// engine's comparison (computed here by the same wasm module, in Node), the
// replica count changes them, a node's scores come on demand, the
// unschedulable messages are verbatim, and the table words this input's facts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, TABLES, openPage, waitForResult, waitForView, shot, examples, expectedComparison, expectedReport, foreignRequests, paste, bigCluster, gridCells,
} from './helpers.mjs';

const env = setup();

const example = (id) => examples().find((e) => e.id === id);
const side = (s) => `.cmp-side[data-side="${s}"]`;
/** Every tile of a side as {node: count} (scrolled through: past 1,000 tiles only the rows near the view are in the DOM). */
const tiles = async (page, s) => Object.fromEntries(Object.entries(await gridCells(page, `${side(s)} [role=listbox]`, '[role=option]', 'data-count')).map(([k, v]) => [k, Number(v)]));
const counts = (c, key) => Object.fromEntries(c.nodes.map((n) => [n.name, n[key]]));

async function openCompare(page, id) {
  await page.goto(`${env.srv.url}?example=${id}&tab=deployment`);
  await waitForResult(page);
  return waitForView(page, 'comparisons');
}

for (const ex of examples()) {
  test(`${ex.id}: pods per node on both sides are the engine's`, async () => {
    const want = await expectedComparison(ex.ds, ex.nodesText);
    const page = await openPage(env.browser);
    await openCompare(page, ex.id);
    assert.deepEqual(await tiles(page, 'daemonset'), counts(want, 'daemonPods'));
    assert.deepEqual(await tiles(page, 'deployment'), counts(want, 'deploymentPods'));
    assert.equal(await page.inputValue('#cmp-replicas'), '');
    assert.equal(await page.getAttribute('#cmp-replicas', 'placeholder'), String(want.desiredNumberScheduled), 'default: desiredNumberScheduled');
    // the table: five aspects, each with this input's facts
    assert.deepEqual(await page.$$eval('.cmp-table tbody tr', (rs) => rs.map((r) => r.dataset.row)), ['pods', 'scheduling', 'scaling', 'services', 'availability']);
    const table = await page.textContent('.cmp-table');
    assert.match(table, new RegExp(`Here: ${want.replicas} replicas: ${want.deploymentPods} scheduled, ${want.deploymentPodsPending} Pending\\.`));
    const ru = want.rollingUpdate;
    if (ru.deployment.strategyType === 'RollingUpdate') {
      assert.ok(table.includes(`maxUnavailable ${ru.deployment.maxUnavailable} of ${ru.deployment.total} replicas, rounded ${ru.deployment.maxUnavailableRounding} = ${ru.deployment.scaledMaxUnavailable}`), 'deployment rounding');
    }
    if (ru.daemonSet.strategyType === 'RollingUpdate' && !ru.daemonSet.error) {
      assert.ok(table.includes(`maxUnavailable ${ru.daemonSet.maxUnavailable} of ${ru.daemonSet.total} nodes, rounded ${ru.daemonSet.maxUnavailableRounding} = ${ru.daemonSet.scaledMaxUnavailable}`), 'daemonset rounding');
    }
    const secs = want.tolerations.deploymentPodNotReadyEvictionSeconds;
    if (secs) assert.ok(table.includes(`When the node turns NotReady: evicted after ${secs} s`));
    for (const d of want.tolerations.differences.slice(0, 6)) assert.ok(table.includes(`On ${d.node}, taint ${d.text}:`), d.text);
    for (const n of want.daemonSetOnly.slice(0, 6)) assert.ok(table.includes(n));
    // verbatim messages
    const pres = await page.$$eval('.cmp-messages pre', (ps) => ps.map((p) => p.textContent));
    const report = await expectedReport(ex.ds, ex.nodesText);
    const dsMessages = report.nodes.filter((n) => n.state === 'pending' && n.message).map((n) => n.message);
    const depMessages = [...new Set(want.placement.placements.filter((p) => p.unschedulable && p.message).map((p) => p.message))];
    assert.deepEqual(pres, [...dsMessages, ...depMessages]);
    assert.deepEqual(foreignRequests(page, env.srv.origin), []);
    assert.deepEqual(page.log.errors, []);
    await page.close();
  });
}

test('my-daemonset: the replica count updates both grids; scores, ties and the unschedulable message on demand', async () => {
  const ex = example('my-daemonset');
  const page = await openPage(env.browser);
  let n = await openCompare(page, ex.id);
  // scores of worker-1, on demand
  assert.equal(await page.$('.cmp-scores table'), null, 'no scores before a node is chosen');
  const want3 = await expectedComparison(ex.ds, ex.nodesText);
  await page.click(`${side('deployment')} [data-node="worker-1"]`);
  await page.waitForFunction(() => document.querySelector('.cmp-scores')?.dataset.node === 'worker-1');
  assert.equal(await page.getAttribute(`${side('daemonset')} [data-node="worker-1"]`, 'aria-selected'), 'true');
  const rows = await page.$$eval('.cmp-scores tbody tr', (rs) => rs.map((r) => ({
    cls: r.className,
    scores: Object.fromEntries([...r.querySelectorAll('td[data-plugin]')].map((td) => [td.dataset.plugin, td.textContent])),
    top: r.querySelector('td.top').textContent,
    chosen: r.querySelector('td.chosen').textContent,
  })));
  assert.equal(rows.length, want3.placement.placements.length);
  want3.placement.placements.forEach((p, i) => {
    const s = p.scores['worker-1'];
    for (const [k, v] of Object.entries(rows[i].scores)) assert.equal(v, String(k === 'total' ? s.total : s[k]), `replica ${i} ${k}`);
    assert.equal(rows[i].scores.total, String(s.total));
    assert.equal(rows[i].chosen, p.chosen);
    assert.equal(rows[i].top, new Intl.ListFormat('en', { type: 'conjunction' }).format(p.topNodes), 'joined as English joins a list');
    assert.equal(rows[i].cls.includes('bound-here'), p.chosen === 'worker-1');
  });
  const scores = await page.textContent('.cmp-scores');
  assert.match(scores, /the real scheduler picks among a tie at random; this tool picks the smallest name/i);
  // a node the filters reject: the reason, per replica
  await page.click(`${side('daemonset')} [data-node="worker-3"]`);
  await page.waitForFunction(() => document.querySelector('.cmp-scores')?.dataset.node === 'worker-3');
  assert.match(await page.textContent('.cmp-scores tbody'), /filtered out by NodeResourcesFit: Insufficient cpu/);
  await shot(page, 'compare-light', { fullPage: true });

  // 40 replicas: more than fit, the rest Pending with the scheduler's message
  await page.fill('#cmp-replicas', '40');
  n = await waitForView(page, 'comparisons', n);
  const want40 = await expectedComparison(ex.ds, ex.nodesText, 40);
  assert.equal(want40.replicasSource, 'requested');
  assert.deepEqual(await tiles(page, 'deployment'), counts(want40, 'deploymentPods'));
  assert.deepEqual(await tiles(page, 'daemonset'), counts(want40, 'daemonPods'));
  assert.ok(want40.deploymentPodsPending > 0);
  const msg = want40.placement.placements.find((p) => p.unschedulable).message;
  assert.ok((await page.$$eval('.cmp-messages pre', (ps) => ps.map((p) => p.textContent))).includes(msg));
  assert.match(await page.textContent('.cmp-summary'), new RegExp(`${want40.deploymentPods} scheduled, ${want40.deploymentPodsPending} Pending`));
  // the chosen node's scores follow the new count
  await page.waitForFunction((k) => document.querySelectorAll('.cmp-scores tbody tr').length === k, want40.placement.placements.length);
  // back to the default
  await page.getByRole('button', { name: /Back to desiredNumberScheduled/ }).click();
  n = await waitForView(page, 'comparisons', n);
  assert.deepEqual(await tiles(page, 'deployment'), counts(want3, 'deploymentPods'));

  // keyboard: arrows move among the tiles, Enter shows the scores
  await page.focus(`${side('deployment')} [role=option][tabindex="0"]`);
  const start = await page.evaluate(() => document.activeElement.dataset.node);
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  const second = await page.evaluate(() => document.activeElement.dataset.node);
  assert.equal(second, want3.nodes[1].name, `from ${start}`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((name) => document.querySelector('.cmp-scores')?.dataset.node === name, second);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('dark theme and zh-TW: the comparison in both; the replica count travels in the share link', async () => {
  const ex = example('fluentd');
  const dark = await openPage(env.browser, { colorScheme: 'dark' });
  await openCompare(dark, ex.id);
  await dark.click(`${side('deployment')} [role=option]`);
  await dark.waitForSelector('.cmp-scores table');
  await shot(dark, 'compare-dark', { fullPage: true });
  await dark.close();

  const zh = TABLES['zh-TW'];
  const page = await openPage(env.browser, { locale: 'zh-TW' });
  let n = await openCompare(page, ex.id);
  assert.equal(await page.textContent('[role=tab][data-tab="deployment"]'), zh['tab.deployment']);
  assert.equal(await page.textContent('.cmp-table thead th'), zh['cmp.aspect']);
  assert.equal(await page.textContent('.cmp-table tr[data-row="pods"] th'), zh['cmp.row.pods']);
  assert.match(await page.textContent('.cmp-table'), /無條件捨去/);
  assert.equal(await page.textContent('#cmp-ds-h'), zh['cmp.dsGrid']);
  await page.click(`${side('deployment')} [role=option]`);
  await page.waitForSelector('.cmp-scores table');
  assert.match(await page.textContent('.cmp-scores .note'), /本工具挑選名稱最小者/);
  await shot(page, 'compare-zh-TW', { fullPage: true });

  await page.fill('#cmp-replicas', '9');
  n = await waitForView(page, 'comparisons', n);
  await page.click('#share');
  await page.waitForFunction(() => document.querySelector('#share-url').value.includes('#s='));
  const other = await openPage(env.browser);
  await other.goto(await page.inputValue('#share-url'));
  await waitForResult(other);
  await waitForView(other, 'comparisons');
  assert.equal(await other.inputValue('#cmp-replicas'), '9');
  const want = await expectedComparison(ex.ds, ex.nodesText, 9);
  assert.deepEqual(await tiles(other, 'deployment'), counts(want, 'deploymentPods'));
  assert.deepEqual(page.log.errors, []);
  assert.deepEqual(other.log.errors, []);
  await other.close();
  await page.close();
});

test('5,000 nodes: both dense grids hold the engine\'s counts; a node\'s scores on demand', async () => {
  const ex = example('my-daemonset');
  const nodes = bigCluster(5000);
  const page = await openPage(env.browser);
  let n = await openCompare(page, ex.id);
  const t0 = Date.now();
  await paste(page, 'Nodes', nodes, 120000);
  n = await waitForView(page, 'comparisons', n, 120000);
  console.log(`5,000 nodes: comparison (${await page.getAttribute('#cmp-replicas', 'placeholder')} replicas) shown in ${Date.now() - t0} ms`);
  const want = await expectedComparison(ex.ds, nodes);
  assert.equal(await page.$$eval(`${side('deployment')} .tiles.dense`, (ts) => ts.length), 1);
  assert.equal(Object.keys(await tiles(page, 'deployment')).length, 5000);
  assert.deepEqual(await tiles(page, 'deployment'), counts(want, 'deploymentPods'));
  assert.deepEqual(await tiles(page, 'daemonset'), counts(want, 'daemonPods'));
  const t1 = Date.now();
  await page.click(`${side('deployment')} [data-node="node-00001"]`);
  await page.waitForFunction(() => document.querySelector('.cmp-scores')?.dataset.node === 'node-00001');
  console.log(`5,000 nodes: scores of one node shown in ${Date.now() - t1} ms`);
  assert.ok(await page.$$eval('.cmp-scores tbody tr', (rs) => rs.length) <= 200);
  // a smaller count is quick
  const t2 = Date.now();
  await page.fill('#cmp-replicas', '20');
  n = await waitForView(page, 'comparisons', n, 60000);
  console.log(`5,000 nodes: 20 replicas shown in ${Date.now() - t2} ms`);
  assert.deepEqual(await tiles(page, 'deployment'), counts(await expectedComparison(ex.ds, nodes, 20), 'deploymentPods'));
  await shot(page, 'compare-5000-nodes');
  assert.deepEqual(page.log.errors, []);
  await page.close();
});
