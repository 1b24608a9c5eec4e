// The Cluster tab: every DaemonSet of both editors at once. The matrix's
// cells, the order, the pools' tax and a cell's explanation are the
// engine's (computed here by the same wasm module, in Node); the chart
// draws one bar part per DaemonSet and pool with the engine's shares; the
// tab works in both languages and themes; large clusters start with the
// pools closed and a pool shows its rows a page at a time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, TABLES, openPage, waitForResult, waitForView, shot, examples, loadEngine, foreignRequests, paste,
} from './helpers.mjs';

const env = setup();

const ex = examples().find((e) => e.id === 'cluster');

/** The engine's cluster view for these texts, through the calls the page makes. */
async function expectedCluster(ds, nodes) {
  const { Simulator } = await loadEngine();
  const sim = new Simulator();
  sim.setCluster(nodes);
  return { view: sim.cluster(ds), cell: (d, n) => sim.clusterCell(ds, d, n) };
}

/** Every rendered matrix row: node name and its cells' states. */
const matrix = (page) => page.$$eval('.cl-matrix tbody tr:not(.cl-pool-row)', (rs) => rs
  .filter((r) => r.querySelector('.cl-node'))
  .map((r) => [r.querySelector('.cl-node')?.firstChild?.textContent, [...r.querySelectorAll('td.cl-cell')].map((c) => /** @type {HTMLElement} */ (c).dataset.state)]));

async function openCluster(page, lang = 'en') {
  await page.goto(`${env.srv.url}?example=cluster&tab=cluster&lang=${lang}`);
  await waitForResult(page);
  return waitForView(page, 'clusters');
}

test('cluster example: the matrix, the order, the tax chart and a cell explained are the engine\'s', async () => {
  const want = await expectedCluster(ex.ds, ex.nodesText);
  const v = want.view;
  const page = await openPage(env.browser);
  await openCluster(page);
  assert.equal(await page.getAttribute('#tab-cluster', 'aria-selected'), 'true');
  // every node, every DaemonSet, the engine's state (the example opens every pool)
  assert.deepEqual(await matrix(page), v.nodes.map((n) => [n.name, n.cells.map((c) => c.state)]));
  // the facts the example is about: node-exporter Pending on the two edge nodes
  const pending = await page.$$eval('td.cl-cell[data-state="pending"] button', (bs) => bs.map((b) => b.getAttribute('aria-label')));
  assert.deepEqual(pending, [
    'edge-pool-1, monitoring/node-exporter: Pending',
    'edge-pool-2, monitoring/node-exporter: Pending',
  ]);
  // the order table follows the engine's order
  const order = await page.$$eval('.cl-order tbody th', (ths) => ths.map((th) => th.textContent.replace(/^\s*\d+\s*/, '').trim()));
  assert.deepEqual(order, v.order.daemonSets.map((d) => `${v.daemonSets[d].namespace}/${v.daemonSets[d].name}`));
  // the chart: per pool two bars; one part per DaemonSet with requests there, its width its share
  assert.equal(await page.locator('.cl-svg rect.cl-track').count(), v.pools.length * 2);
  const parts = await page.$$eval('.cl-svg rect[class^="ds-c"]', (rs) => rs.map((r) => ({ cls: r.getAttribute('class'), w: Number(r.getAttribute('width')), title: r.querySelector('title')?.textContent })));
  const wantParts = v.pools.flatMap((p) => ['cpu', 'memory'].flatMap((res) => p.daemonSets
    .map((d, i) => ({ i, v: res === 'cpu' ? d.milliCpu : d.memory, alloc: res === 'cpu' ? p.allocatableMilliCpu : p.allocatableMemory }))
    .filter((x) => x.v && x.alloc)
    .map((x) => ({ cls: `ds-c${x.i % 10}`, share: x.v / x.alloc }))));
  assert.equal(parts.length, wantParts.length);
  const track = Number(await page.getAttribute('.cl-svg rect.cl-track', 'width'));
  parts.forEach((p, k) => {
    assert.equal(p.cls, wantParts[k].cls);
    assert.ok(Math.abs(p.w - wantParts[k].share * track) < 0.01, `${p.title}: ${p.w} vs ${wantParts[k].share * track}`);
  });
  const edge = v.pools.find((p) => p.name === 'edge-pool');
  const taxText = await page.textContent('.cl-svg');
  assert.ok(taxText.includes(`CPU ${new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(edge.cpuShare)}`), taxText);
  // a cell: node-exporter on edge-pool-1, the engine's node report
  await page.click('td.cl-cell button[aria-label="edge-pool-1, monitoring/node-exporter: Pending"]');
  await waitForView(page, 'clusterCells');
  const d = v.daemonSets.findIndex((x) => x.name === 'node-exporter');
  const cell = want.cell(d, 'edge-pool-1');
  assert.equal(cell.state, 'pending');
  const explain = await page.textContent('.cl-explain');
  assert.ok(explain.includes(TABLES.en['explain.heading'].replace('{name}', 'edge-pool-1')), explain);
  assert.ok(explain.includes('DaemonSet monitoring/node-exporter'), explain);
  assert.ok(explain.includes(cell.message), 'the scheduler message, verbatim');
  assert.equal(await page.getAttribute('td.cl-cell button[aria-label="edge-pool-1, monitoring/node-exporter: Pending"]', 'aria-pressed'), 'true');
  // one id per page: the Coverage tab's explanation keeps its own
  assert.equal(await page.locator('#cl-explain-title').count(), 1);
  await shot(page, 'cluster-en-light');
  // closing a pool hides its rows; opening shows them again
  await page.click('.cl-pool-toggle[data-pool="edge-pool"]');
  assert.equal(await page.getAttribute('.cl-pool-toggle[data-pool="edge-pool"]', 'aria-expanded'), 'false');
  assert.equal((await matrix(page)).length, v.nodes.length - 2);
  await page.keyboard.press('Enter');
  assert.equal((await matrix(page)).length, v.nodes.length);
  assert.deepEqual(foreignRequests(page, env.srv.origin), []);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('cluster tab in zh-TW and dark: every label translated, the numbers in the language\'s format', async () => {
  const page = await openPage(env.browser);
  await openCluster(page, 'zh-TW');
  await page.click('#theme');
  const zh = TABLES['zh-TW'];
  assert.equal(await page.textContent('#tab-cluster'), zh['tab.cluster']);
  const text = await page.textContent('#panel-cluster');
  for (const k of ['cl.taxTitle', 'cl.matrixTitle', 'cl.col.priority', 'cl.col.created']) assert.ok(text.includes(zh[k]), k);
  // no English word of the page's own (the DaemonSet, node and pool names and Kubernetes' terms stay)
  const own = text.replace(/[\w./-]*(kube-proxy|calico-node|fluent-bit|node-exporter|nvidia-device-plugin|pool|plane|standard|system|node-critical|kube-system|logging|monitoring)[\w./-]*/g, '');
  for (const w of ['Cluster', 'Order', 'Scheduled', 'Memory', 'nodes', 'Choose', 'DaemonSets on']) assert.ok(!own.includes(w), `English "${w}" in zh-TW`);
  await page.locator('td.cl-cell[data-state="pending"] button').nth(1).click();
  await waitForView(page, 'clusterCells');
  assert.ok((await page.textContent('.cl-explain')).includes('monitoring/node-exporter'));
  await shot(page, 'cluster-zh-TW-dark');
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('a large cluster: pools start closed but those with a Pending pod, rows a page at a time', async () => {
  const lines = ['nodes:'];
  for (let i = 0; i < 600; i++) lines.push(`- {name: big-${String(i).padStart(3, '0')}, labels: {cloud.google.com/gke-nodepool: ${i < 400 ? 'main' : 'small'}}, allocatable: {cpu: "${i < 400 ? 4 : '150m'}", memory: 8Gi, pods: "110"}}`);
  const ds = (name, cpu) => `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ${name}, namespace: kube-system}\nspec:\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec:\n      containers: [{name: c, image: i, resources: {requests: {cpu: ${cpu}}}}]\n`;
  const dsText = `${ds('agent-a', '100m')}---\n${ds('agent-b', '100m')}`;
  const want = (await expectedCluster(dsText, lines.join('\n'))).view;
  const small = want.pools.find((p) => p.name === 'small');
  assert.equal(small.pendingNodes, 200, 'agent-b does not fit beside agent-a on the 150m nodes');
  const page = await openPage(env.browser);
  await page.goto(`${env.srv.url}?tab=cluster`);
  await waitForResult(page);
  const before = await page.evaluate(() => Number(document.documentElement.dataset.clusters || 0));
  await paste(page, 'Nodes', lines.join('\n'));
  await paste(page, 'DaemonSet', dsText);
  await waitForView(page, 'clusters', before);
  await page.waitForFunction(() => document.querySelectorAll('.cl-pool-toggle').length === 2);
  assert.equal(await page.getAttribute('.cl-pool-toggle[data-pool="main"]', 'aria-expanded'), 'false');
  assert.equal(await page.getAttribute('.cl-pool-toggle[data-pool="small"]', 'aria-expanded'), 'true');
  assert.equal((await matrix(page)).length, 200);
  assert.equal(await page.locator('.cl-more').count(), 0);
  await page.click('.cl-pool-toggle[data-pool="main"]');
  assert.equal((await matrix(page)).length, 400);
  await page.click('.cl-more');
  assert.equal((await matrix(page)).length, 600);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('Apply in a cell\'s explanation: the engine\'s edit, the matrix re-evaluated, the cell as the fix promises; Undo; both languages and themes', async () => {
  // the engine in Node: a cell with a toleration to add, the edit, and the view of the edited texts
  const { Simulator } = await loadEngine();
  const sim = new Simulator();
  sim.setCluster(ex.nodesText);
  const before = sim.cluster(ex.ds);
  let at = null;
  for (const n of before.nodes) {
    for (const [d, c] of n.cells.entries()) {
      if (at || c.state === 'scheduled') continue;
      const fixes = sim.clusterCell(ex.ds, d, n.name).fixes;
      const i = fixes.findIndex((f) => f.kind === 'addToleration');
      if (i >= 0) at = { d, node: n.name, i, state: c.state };
    }
  }
  assert.ok(at, 'the example has a cell whose DaemonSet can tolerate the node\'s taint');
  const applied = sim.applyClusterFix(ex.ds, ex.nodesText, at.d, at.node, at.i);
  sim.free();
  assert.equal(applied.text, 'daemonSet');
  const ds = ex.ds.slice(0, applied.start) + applied.insert + ex.ds.slice(applied.end);
  const after = (await expectedCluster(ds, ex.nodesText)).view;
  const cellAfter = after.nodes.find((n) => n.name === at.node).cells[at.d].state;
  assert.equal(cellAfter, 'scheduled', 'the toleration lets the pod onto the node');
  const dsName = `${before.daemonSets[at.d].namespace}/${before.daemonSets[at.d].name}`;
  const label = (lang, state) => TABLES[lang]['cl.cellName'].replace('{node}', at.node).replace('{ds}', dsName).replace('{state}', TABLES[lang][`state.${state}`]);
  for (const [lang, scheme] of [['en', 'light'], ['zh-TW', 'dark'], ['en', 'dark'], ['zh-TW', 'light']]) {
    const page = await openPage(env.browser, { colorScheme: scheme, locale: lang });
    let views = await openCluster(page, lang);
    const cells = await page.evaluate(() => Number(document.documentElement.dataset.clusterCells || 0));
    await page.click(`td.cl-cell button[aria-label="${label(lang, at.state)}"]`);
    await waitForView(page, 'clusterCells', cells);
    const item = page.locator('.cl-explain li[data-fix="addToleration"]');
    assert.equal(await item.locator('.fix-apply').count(), 1);
    assert.equal(await item.locator('.fix-actions .muted').textContent(), TABLES[lang]['fix.applyDaemonSet']);
    if (scheme === 'light') await shot(page, `cluster-apply-buttons-${lang}-${scheme}`, { element: '.cl-body' });
    await item.locator('.fix-apply').click();
    views = await waitForView(page, 'clusters', views);
    assert.equal(await page.inputValue('#ed-ds'), ds, 'the DaemonSet editor holds the engine\'s text');
    assert.equal(await page.inputValue('#ed-nodes'), ex.nodesText);
    assert.deepEqual(await matrix(page), after.nodes.map((n) => [n.name, n.cells.map((c) => c.state)]));
    assert.equal(await page.getAttribute(`td.cl-cell button[data-ds="${at.d}"][data-node="${at.node}"]`, 'aria-label'), label(lang, cellAfter));
    const line = ds.slice(0, applied.start + applied.insert.search(/\S/)).split('\n').length;
    assert.equal(await page.textContent('#cl-applied span'), TABLES[lang]['apply.done']
      .replace('{node}', at.node).replace('{editor}', TABLES[lang]['editor.daemonset']).replace('{line}', String(line)));
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('apply-undo')), true, 'focus on Undo');
    await shot(page, `cluster-apply-${lang}-${scheme}`, { element: '.cl-body' });
    // Undo: the text and the matrix as they were
    await page.click('#cl-applied .apply-undo');
    await waitForView(page, 'clusters', views);
    assert.equal(await page.inputValue('#ed-ds'), ex.ds);
    assert.deepEqual(await matrix(page), before.nodes.map((n) => [n.name, n.cells.map((c) => c.state)]));
    assert.equal(await page.textContent('#cl-applied'), TABLES[lang]['apply.undone']);
    assert.deepEqual(page.log.errors, []);
    await page.close();
  }
});
