// The pictures (web/views/charts.js): the Rollout tab's chart of the status
// counters over time and its small multiples of the nodes, the comparison's
// bars. What they draw is the engine's (computed here by the same wasm
// module, in Node); a click or a key on them moves the view as its own
// controls do; the module is fetched only once one of those tabs shows a
// result; screenshots in both languages and themes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  setup, TABLES, WEB, ROOT, openPage, waitForResult, waitForView, shot, examples, expectedRollout, expectedComparison, rolloutOptions, foreignRequests, bigCluster, kubectlYaml, paste,
} from './helpers.mjs';

const env = setup();

const example = (id) => examples().find((e) => e.id === id);
const CHART = '.chart-ro svg[role=slider]';
const SERIES = ['desiredNumberScheduled', 'numberAvailable', 'updatedNumberScheduled', 'numberUnavailable'];
const COUNTERS = ['desiredNumberScheduled', 'currentNumberScheduled', 'numberReady', 'updatedNumberScheduled', 'numberAvailable', 'numberUnavailable', 'numberMisscheduled'];
const pick = (s) => Object.fromEntries(COUNTERS.map((k) => [k, s[k]]));
const chartModule = (page) => page.log.requests.filter((u) => new URL(u).pathname.endsWith('/views/charts.js'));

/** What a node shows at an instant, from the engine's snapshot (the rules the Rollout tab's legend states). */
function summaryOf(n) {
  const pods = n.pods;
  if (pods.some((p) => p.phase === 'pending')) return 'pending';
  if (!pods.length) return n.shouldRun ? 'empty' : 'untargeted';
  const fresh = pods.filter((p) => p.generation === 'new');
  if (fresh.length === pods.length && fresh.every((p) => p.available)) return 'updated';
  if (!fresh.length) return pods.every((p) => p.phase === 'terminating') ? 'terminating' : 'old';
  return 'updating';
}

async function counters(page) {
  const out = {};
  for (const k of COUNTERS) out[k] = Number(await page.textContent(`.ro-counters td[data-counter="${k}"]`));
  return out;
}

/** Waits until the grid shows second `t`. */
const gridAt = (page, t) => page.waitForFunction((want) => document.querySelector('.ro-grid')?.dataset.t === String(want)
  && !document.querySelector('.ro-grid[aria-busy]'), t);

/** Waits until the chart is drawn and every small multiple has its snapshot. */
async function chartsReady(page) {
  await page.waitForSelector(`${CHART}[data-ticks]`);
  await page.waitForFunction(() => {
    const row = document.querySelector('.chart-mult .mult-row');
    return row && !row.hasAttribute('aria-busy') && [...row.querySelectorAll('.mult')].every((m) => m.dataset.counts);
  });
}

async function openRollout(page, id, extra = '') {
  await page.goto(`${env.srv.url}?example=${id}&tab=rollout${extra}`);
  await waitForResult(page);
  await waitForView(page, 'rollouts');
  await chartsReady(page);
}

async function openCompare(page, id) {
  await page.goto(`${env.srv.url}?example=${id}&tab=deployment`);
  await waitForResult(page);
  const n = await waitForView(page, 'comparisons');
  await page.waitForSelector('.chart-cmp .bar-row');
  return n;
}

/** The chart's series as drawn: the values its path's vertices stand for on the y scale, and its data-points. */
function drawnSeries(page) {
  return page.$$eval('.chart-ro path[data-series]', (paths) => {
    const plot = document.querySelector('.chart-ro .chart-plot');
    const top = Number(plot.getAttribute('y'));
    const bottom = top + Number(plot.getAttribute('height'));
    const ymax = Number(plot.dataset.ymax);
    const tmax = Number(plot.dataset.tmax);
    const left = Number(plot.getAttribute('x'));
    const right = left + Number(plot.getAttribute('width'));
    return Object.fromEntries(paths.map((p) => {
      // M x,y then H x V y per logged tick, then H to the end
      const d = p.getAttribute('d');
      const ys = [Number(d.match(/^M[\d.]+,([\d.]+)/)[1]), ...[...d.matchAll(/V([\d.]+)/g)].map((m) => Number(m[1]))];
      const xs = [Number(d.match(/^M([\d.]+),/)[1]), ...[...d.matchAll(/H([\d.]+)V/g)].map((m) => Number(m[1]))];
      return [p.dataset.series, {
        values: ys.map((y) => Math.round(((bottom - y) / (bottom - top)) * ymax * 1000) / 1000),
        seconds: xs.map((x) => Math.round(((x - left) / (right - left)) * tmax * 1000) / 1000),
        points: p.dataset.points,
      }];
    }));
  });
}

test('a first load on another tab does not fetch the chart module; the Rollout tab fetches it with its first result', async () => {
  const page = await openPage(env.browser);
  await page.goto(`${env.srv.url}?example=node-agent`);
  await waitForResult(page);
  await page.click('[role=tab][data-tab="status"]');
  await page.waitForTimeout(300);
  assert.deepEqual(chartModule(page), [], 'the charts are not fetched for the Coverage and Status tabs');
  assert.ok(page.log.requests.some((u) => new URL(u).pathname.endsWith('/views/rollout.js')), 'the views themselves are loaded');
  await page.click('[role=tab][data-tab="rollout"]');
  await waitForView(page, 'rollouts');
  await chartsReady(page);
  assert.equal(chartModule(page).length, 1);
  // the comparison reuses the module already fetched
  await page.click('[role=tab][data-tab="deployment"]');
  await waitForView(page, 'comparisons');
  await page.waitForSelector('.chart-cmp .bar-row');
  assert.equal(chartModule(page).length, 1);
  assert.deepEqual(foreignRequests(page, env.srv.origin), []);
  assert.deepEqual(page.log.errors, []);
  await page.close();

  // the comparison tab alone fetches it too
  const cmp = await openPage(env.browser);
  await openCompare(cmp, 'fluentd');
  assert.equal(chartModule(cmp).length, 1);
  await cmp.close();

  // the module builds its DOM from text, never from markup
  const src = fs.readFileSync(path.join(WEB, 'views', 'charts.js'), 'utf8');
  assert.doesNotMatch(src, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment/);
  assert.doesNotMatch(src, /\bfetch\(|XMLHttpRequest|WebSocket|sendBeacon/);
});

test('node-agent: the chart plots the engine\'s statuses and budget; a click, the keys, the slider and playback move view and marker together', async () => {
  const ex = example('node-agent');
  const { timeline: want, snapshots } = await expectedRollout(ex.ds, ex.nodesText, rolloutOptions());
  assert.ok(want.log.length > 5);
  const page = await openPage(env.browser);
  await openRollout(page, ex.id);
  const log = want.log;
  const tmax = Math.max(want.ticks, log.at(-1).t);

  // every series: its data and its drawing are the timeline's statuses, tick by tick
  const drawn = await drawnSeries(page);
  assert.deepEqual(Object.keys(drawn).sort(), [...SERIES].sort());
  for (const k of SERIES) {
    assert.equal(drawn[k].points, log.map((e) => `${e.t}:${e.status[k]}`).join(' '), `${k}: data`);
    assert.deepEqual(drawn[k].values, log.map((e) => e.status[k]), `${k}: the drawn values`);
    assert.deepEqual(drawn[k].seconds, log.map((e) => e.t), `${k}: the drawn seconds`);
  }
  assert.equal(Number(await page.getAttribute('.chart-ro .chart-plot', 'data-tmax')), tmax);
  // the budget: maxUnavailable as the engine scaled it
  assert.equal(want.strategy, 'RollingUpdate');
  assert.equal(Number(await page.getAttribute('.chart-ro line.chart-budget', 'data-v')), want.budget.maxUnavailable);
  assert.equal(await page.textContent('.chart-ro .chart-budget-label'), `maxUnavailable ${want.budget.maxUnavailable}`);
  const legend = await page.$$eval('.chart-ro .chart-legend li', (ls) => ls.map((l) => l.textContent));
  assert.deepEqual(legend, [['desired', SERIES[0]], ['available', SERIES[1]], ['updated', SERIES[2]], ['unavailable', SERIES[3]]]
    .map(([k, field]) => TABLES.en[`chart.ro.${k}`].replace('{field}', field))
    .concat(TABLES.en['chart.ro.budget'].replace('{budget}', `maxUnavailable ${want.budget.maxUnavailable}`)));
  // name and text alternative: the heading, and the counters table that holds the numbers
  const chart = page.locator(CHART);
  assert.equal(await page.getByRole('slider', { name: TABLES.en['chart.ro.title'] }).count(), 1);
  assert.deepEqual((await chart.getAttribute('aria-describedby')).split(' '), ['chart-ro-note', 'ro-counters']);
  assert.equal(await page.$eval('#ro-counters', (el) => el.contains(el.querySelector('td[data-counter]'))), true);
  assert.equal(await chart.getAttribute('aria-valuemax'), String(log.length - 1));

  const expectAt = async (i, what) => {
    const e = log[i];
    await gridAt(page, e.t);
    assert.equal(await page.inputValue('#ro-slider'), String(i), `${what}: slider`);
    assert.deepEqual(await counters(page), pick(e.status), `${what}: counters at t=${e.t}`);
    assert.equal(await page.getAttribute('.chart-ro .chart-marker', 'data-t'), String(e.t), `${what}: marker`);
    assert.equal(await chart.getAttribute('aria-valuenow'), String(i), `${what}: aria-valuenow`);
    assert.equal(await chart.getAttribute('aria-valuetext'), await page.getAttribute('#ro-slider', 'aria-valuetext'), `${what}: the slider's words`);
    assert.equal(await page.textContent('.chart-ro .chart-marker-label'), `t = ${e.t} s`);
  };
  // a click at a logged second shows that second
  await chart.scrollIntoViewIfNeeded();
  const box = await page.locator('.chart-ro .chart-plot').boundingBox();
  const xAt = (sec) => box.x + (box.width * sec) / tmax;
  const target = 4;
  assert.notDeepEqual(pick(log[target].status), pick(log[0].status), 'the instant clicked differs from t = 0');
  await page.mouse.click(xAt(log[target].t), box.y + box.height / 2);
  await expectAt(target, 'click');
  // a click between two logged seconds goes to the nearer one
  await page.mouse.click(xAt(log[7].t - 0.2 * (log[7].t - log[6].t)), box.y + 10);
  await expectAt(7, 'click near');
  // the keys on the focused chart
  await chart.focus();
  await page.keyboard.press('ArrowRight');
  await expectAt(8, 'ArrowRight');
  await page.keyboard.press('End');
  await expectAt(log.length - 1, 'End');
  assert.equal(await page.textContent('.ro-kubectl code.out'), log.at(-1).kubectl);
  await page.keyboard.press('ArrowLeft');
  await expectAt(log.length - 2, 'ArrowLeft');
  await page.keyboard.press('Home');
  await expectAt(0, 'Home');
  assert.equal(await page.evaluate(() => document.activeElement.matches('.chart-ro svg')), true, 'the chart keeps the focus');
  // the slider moves the marker
  await page.locator('#ro-slider').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expectAt(2, 'slider');
  await page.getByRole('button', { name: 'Next step' }).click();
  await expectAt(3, 'next step');
  // playback: the marker passes every step and stays on the last
  const seen = new Set();
  await page.exposeFunction('sawMarker', (t) => seen.add(t));
  await page.evaluate(() => new MutationObserver(() => window.sawMarker(document.querySelector('.chart-ro .chart-marker').dataset.t))
    .observe(document.querySelector('.chart-ro .chart-marker'), { attributes: true, attributeFilter: ['data-t'] }));
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction((max) => document.querySelector('#ro-slider').value === max && document.querySelector('.ro').dataset.playing === 'false',
    String(log.length - 1), { timeout: 20000 });
  for (const e of log.slice(4)) assert.ok(seen.has(String(e.t)), `the marker showed t=${e.t} while playing`);
  await expectAt(log.length - 1, 'played');
  assert.deepEqual(await page.$$eval('.ro-grid > li', (ls) => Object.fromEntries(ls.map((l) => [l.dataset.node, l.dataset.summary]))),
    Object.fromEntries(snapshots.get(log.at(-1).t).nodes.map((n) => [n.node, summaryOf(n)])));
  assert.deepEqual(foreignRequests(page, env.srv.origin), []);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('node-agent: the small multiples are the engine\'s snapshots at t = 0, evenly spaced instants and the end; a click jumps there', async () => {
  const ex = example('node-agent');
  const { timeline: want, snapshots } = await expectedRollout(ex.ds, ex.nodesText, rolloutOptions());
  const log = want.log;
  const page = await openPage(env.browser);
  await openRollout(page, ex.id);
  const mults = await page.$$eval('.chart-mult .mult', (ms) => ms.map((m) => ({
    i: Number(m.dataset.i), t: Number(m.dataset.t), counts: m.dataset.counts, label: m.getAttribute('aria-label'), text: m.textContent,
    squares: [...m.querySelectorAll('rect')].map((r) => [r.dataset.node, r.dataset.summary]),
  })));
  assert.ok(mults.length >= 6 && mults.length <= 8, `${mults.length} instants`);
  assert.equal(mults[0].t, 0);
  assert.equal(mults.at(-1).t, log.at(-1).t, 'the end');
  const end = log.at(-1).t;
  mults.forEach((m, j) => {
    assert.equal(log[m.i].t, m.t, 'a logged instant');
    if (j) assert.ok(m.t > mults[j - 1].t, 'in order, each once');
    // an instant k/7 of the way: the last logged tick at or before it
    const at = (end * j) / 7;
    if (j < mults.length - 1 && mults.length === 8) assert.equal(m.t, log.filter((e) => e.t <= at).at(-1).t, `instant ${j}`);
    const snap = snapshots.get(m.t);
    assert.deepEqual(m.squares, snap.nodes.map((n) => [n.node, summaryOf(n)]), `squares at t=${m.t}`);
    const counts = {};
    for (const n of snap.nodes) counts[summaryOf(n)] = (counts[summaryOf(n)] ?? 0) + 1;
    assert.deepEqual(Object.fromEntries(m.counts.split(' ').map((x) => x.split(':')).map(([k, v]) => [k, Number(v)])), counts);
    assert.equal(m.text, `t = ${m.t} s`);
    for (const [k, v] of Object.entries(counts)) assert.ok(m.label.includes(`${TABLES.en[`ro.sum.${k}`]}: ${v}`), m.label);
  });
  // a click on an instant shows it: grid, counters, slider, marker
  const m = mults[3];
  await page.click(`.chart-mult .mult[data-i="${m.i}"]`);
  await gridAt(page, m.t);
  assert.equal(await page.inputValue('#ro-slider'), String(m.i));
  assert.deepEqual(await counters(page), pick(log[m.i].status));
  assert.equal(await page.getAttribute('.chart-ro .chart-marker', 'data-t'), String(m.t));
  assert.equal(await page.getAttribute(`.chart-mult .mult[data-i="${m.i}"]`, 'aria-current'), 'true');
  assert.equal(await page.$$eval('.chart-mult .mult[aria-current]', (x) => x.length), 1);
  // by keyboard: the instants are buttons
  await page.focus(`.chart-mult .mult[data-i="${mults.at(-1).i}"]`);
  await page.keyboard.press('Enter');
  await gridAt(page, mults.at(-1).t);
  assert.equal(await page.inputValue('#ro-slider'), String(mults.at(-1).i));
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('a stalled rollout: one instant, the chart runs to the stall verdict; 600 nodes: squares and bars capped and said so', async () => {
  const ex = example('my-daemonset');
  const { timeline: want } = await expectedRollout(ex.ds, ex.nodesText, rolloutOptions());
  assert.equal(want.stalled, true);
  const page = await openPage(env.browser);
  await openRollout(page, ex.id);
  assert.equal(Number(await page.getAttribute('.chart-ro .chart-plot', 'data-tmax')), want.ticks);
  assert.equal(await page.$$eval('.chart-mult .mult', (ms) => ms.length), want.log.length);
  const drawn = await drawnSeries(page);
  for (const k of SERIES) assert.deepEqual(drawn[k].values, want.log.map((e) => e.status[k]));
  await shot(page, 'charts-rollout-stalled', { element: '.chart-ro' });

  // 600 nodes
  const nodes = bigCluster(600);
  let n = await page.evaluate(() => Number(document.documentElement.dataset.rollouts));
  await paste(page, 'Nodes', nodes, 60000);
  n = await waitForView(page, 'rollouts', n, 60000);
  await page.waitForFunction(() => document.querySelector('.chart-mult .mult')?.dataset.counts && !document.querySelector('.chart-mult .mult-row[aria-busy]'), null, { timeout: 60000 });
  const { timeline: big, snapshots } = await expectedRollout(ex.ds, nodes, rolloutOptions());
  const drawnBig = await drawnSeries(page);
  for (const k of SERIES) assert.equal(drawnBig[k].points, big.log.map((e) => `${e.t}:${e.status[k]}`).join(' '));
  const first = await page.$eval('.chart-mult .mult', (m) => ({
    t: Number(m.dataset.t), counts: m.dataset.counts,
    squares: [...m.querySelectorAll('.mult-svg rect')].map((r) => [r.dataset.node, r.dataset.summary]),
    share: [...m.querySelectorAll('.mult-share rect')].map((r) => [r.dataset.summary, Number(r.getAttribute('width'))]),
  }));
  const snap = snapshots.get(first.t);
  assert.equal(snap.nodes.length, 600);
  assert.deepEqual(first.squares, snap.nodes.slice(0, 256).map((x) => [x.node, summaryOf(x)]), 'the first 256 nodes, by name');
  const counts = {};
  for (const x of snap.nodes) counts[summaryOf(x)] = (counts[summaryOf(x)] ?? 0) + 1;
  assert.deepEqual(Object.fromEntries(first.counts.split(' ').map((x) => x.split(':')).map(([k, v]) => [k, Number(v)])), counts, 'the counts cover every node');
  // the share bar: every node's summary, in proportion
  const width = first.share.reduce((a, [, w]) => a + w, 0);
  for (const [k, w] of first.share) assert.ok(Math.abs(w / width - counts[k] / 600) < 1e-6, k);
  assert.equal(first.share.length, Object.keys(counts).length);
  assert.match(await page.textContent('.chart-mult .chart-note'), /Only the first 256 of 600 nodes are drawn as squares/);
  await shot(page, 'charts-multiples-600', { element: '.chart-mult' });

  await page.click('[role=tab][data-tab="deployment"]');
  await waitForView(page, 'comparisons', 0, 60000);
  await page.waitForSelector('.chart-cmp .bar-row');
  const c = await expectedComparison(ex.ds, nodes);
  const bars = await page.$$eval('.chart-cmp .bar-row', (rs) => rs.map((r) => [r.dataset.node, Number(r.dataset.ds), Number(r.dataset.dep)]));
  assert.deepEqual(bars, c.nodes.slice(0, 40).map((x) => [x.name, x.daemonPods, x.deploymentPods]));
  assert.match(await page.textContent('.chart-cmp .chart-note'), /Only the first 40 of 600 nodes are drawn/);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

for (const id of ['my-daemonset', 'fluentd', 'node-exporter']) {
  test(`${id}: the comparison's bars are the engine's pods per node, in the tiles' order; a bar selects its node`, async () => {
    const ex = example(id);
    const want = await expectedComparison(ex.ds, ex.nodesText);
    const page = await openPage(env.browser);
    await openCompare(page, ex.id);
    const bars = await page.$$eval('.chart-cmp .bar-row', (rs) => rs.map((r) => ({
      node: r.dataset.node, ds: Number(r.dataset.ds), dep: Number(r.dataset.dep), pending: r.dataset.pending === 'true',
      label: r.getAttribute('aria-label'), counts: [...r.querySelectorAll('.bar-count')].map((x) => x.textContent.trim()),
      widths: [...r.querySelectorAll('.bar-ds, .bar-dep')].map((x) => Number(x.getAttribute('width'))),
    })));
    assert.deepEqual(bars.map((b) => [b.node, b.ds, b.dep, b.pending]), want.nodes.map((n) => [n.name, n.daemonPods, n.deploymentPods, n.daemonPodPending]));
    const tiles = await page.$$eval('.cmp-side[data-side="deployment"] [role=option]', (os) => os.map((o) => o.dataset.node));
    assert.deepEqual(bars.map((b) => b.node), tiles, 'the tiles\' order');
    await shot(page, `charts-bars-${id}`, { element: '.chart-cmp' });
    // the bars' lengths are proportional to the counts
    const most = Math.max(1, ...want.nodes.map((n) => n.deploymentPods));
    const unit = bars.find((b) => b.dep === most).widths[1] / most;
    for (const [k, b] of bars.entries()) {
      const n = want.nodes[k];
      const en = TABLES.en;
      assert.equal(b.counts[0], n.daemonPodPending ? en['cmp.tile.pending'] : en[n.daemonPods ? 'cmp.tile.daemon' : 'cmp.tile.none']);
      assert.equal(b.counts[1], n.deploymentPods ? `${n.deploymentPods} ${n.deploymentPods === 1 ? 'replica' : 'replicas'}` : en['cmp.tile.none']);
      assert.ok(Math.abs(b.widths[1] - unit * n.deploymentPods) < 0.01, `${b.node}: Deployment bar`);
      assert.ok(Math.abs(b.widths[0] - unit * (n.daemonPodPending ? 1 : n.daemonPods)) < 0.01, `${b.node}: DaemonSet bar`);
      assert.equal(b.label, `${n.name}: ${b.counts[0]}; ${b.counts[1]}`);
    }
    // a click on a bar selects the node as a tile does: both grids, the scores
    const node = want.nodes.find((n) => n.deploymentPods > 0) ?? want.nodes[0];
    await page.click(`.chart-cmp .bar-row[data-node="${node.name}"] .bar-dep`, { force: true });
    await page.waitForFunction((name) => document.querySelector('.cmp-scores')?.dataset.node === name, node.name);
    for (const s of ['daemonset', 'deployment']) assert.equal(await page.getAttribute(`.cmp-side[data-side="${s}"] [data-node="${node.name}"]`, 'aria-selected'), 'true');
    assert.equal(await page.getAttribute(`.chart-cmp .bar-row[data-node="${node.name}"]`, 'aria-selected'), 'true');
    // a tile chosen: the bars follow
    const other = want.nodes.find((n) => n.name !== node.name);
    await page.click(`.cmp-side[data-side="daemonset"] [data-node="${other.name}"]`);
    await page.waitForFunction((name) => document.querySelector('.cmp-scores')?.dataset.node === name, other.name);
    assert.deepEqual(await page.$$eval('.chart-cmp .bar-row[aria-selected="true"]', (rs) => rs.map((r) => r.dataset.node)), [other.name]);
    // by keyboard: one tab stop, arrows move, Enter selects
    await page.focus('.chart-cmp .bar-row[tabindex="0"]');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.node), other.name);
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    const second = want.nodes[1].name;
    assert.equal(await page.evaluate(() => document.activeElement.dataset.node), second);
    await page.keyboard.press('Enter');
    await page.waitForFunction((name) => document.querySelector('.cmp-scores')?.dataset.node === name, second);
    assert.deepEqual(foreignRequests(page, env.srv.origin), []);
    assert.deepEqual(page.log.errors, []);
    await page.close();
  });
}

test('long node names (a kubectl dump): the bars cut them off on screen, their names keep them whole; axe finds nothing', async () => {
  const ex = example('my-daemonset');
  const nodes = kubectlYaml(12);
  const page = await openPage(env.browser);
  const n = await openCompare(page, ex.id);
  await paste(page, 'Nodes', nodes);
  await waitForView(page, 'comparisons', n);
  const want = await expectedComparison(ex.ds, nodes);
  await page.waitForFunction((first) => document.querySelector('.chart-cmp .bar-row')?.dataset.node === first, want.nodes[0].name);
  const rows = await page.$$eval('.chart-cmp .bar-row', (rs) => rs.map((r) => ({
    node: r.dataset.node, label: r.getAttribute('aria-label'), name: r.querySelector('.bar-name').textContent.trim(),
    clipped: r.querySelector('.bar-name').getBoundingClientRect().width > r.ownerSVGElement.querySelector('#chart-cmp-clip rect').getBBox().width,
  })));
  assert.deepEqual(rows.map((r) => r.node), want.nodes.map((x) => x.name));
  assert.ok(rows.some((r) => r.clipped), 'some names are longer than their column');
  for (const r of rows) {
    assert.equal(r.name, r.node, 'the whole name, cut by the clip only');
    assert.ok(r.label.startsWith(`${r.node}: `));
  }
  const AXE = fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => (await window.axe.run('.chart-cmp', { resultTypes: ['violations'] })).violations.map((v) => v.id));
  assert.deepEqual(violations, []);
  await shot(page, 'charts-bars-long-names', { element: '.chart-cmp' });
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

for (const lang of ['en', 'zh-TW']) {
  for (const scheme of ['light', 'dark']) {
    test(`screenshots: chart, multiples and bars (${lang}, ${scheme})`, async () => {
      const words = TABLES[lang];
      const page = await openPage(env.browser, { locale: lang, colorScheme: scheme, viewport: { width: 1440, height: 1000 } });
      await openRollout(page, 'node-agent');
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), scheme);
      await page.locator('#ro-slider').focus();
      for (let k = 0; k < 4; k++) await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => document.querySelector('.chart-ro .chart-marker')?.dataset.t === document.querySelector('.ro-grid')?.dataset.t);
      assert.equal(await page.textContent('.chart-ro h2'), words['chart.ro.title']);
      assert.equal(await page.textContent('.chart-mult h2'), words['chart.mult.title']);
      const labels = await page.$$eval('.chart-ro .chart-label', (ts) => ts.map((x) => x.textContent));
      assert.deepEqual(labels, [words['chart.ro.seconds'], words['chart.ro.pods']]);
      assert.equal(await page.textContent('.chart-ro .chart-marker-label'), words['chart.ro.at'].replace('{t}', '12'));
      // every label of the chart inside the picture, none over another
      const clipped = await page.$$eval('.chart-ro svg text', (ts) => {
        const svg = ts[0].ownerSVGElement.getBoundingClientRect();
        const boxes = ts.filter((x) => x.textContent).map((x) => ({ s: x.textContent, r: x.getBoundingClientRect() }));
        const out = boxes.filter((b) => b.r.left < svg.left - 0.5 || b.r.right > svg.right + 0.5 || b.r.top < svg.top - 0.5 || b.r.bottom > svg.bottom + 0.5).map((b) => `clipped: ${b.s}`);
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) {
            const [a, b] = [boxes[i].r, boxes[j].r];
            if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) out.push(`overlap: ${boxes[i].s} / ${boxes[j].s}`);
          }
        }
        return out;
      });
      assert.deepEqual(clipped, []);
      await shot(page, `charts-rollout-${lang}-${scheme}`, { element: '.chart-ro' });
      await shot(page, `charts-multiples-${lang}-${scheme}`, { element: '.chart-mult' });
      await page.click('[role=tab][data-tab="deployment"]');
      await waitForView(page, 'comparisons');
      await page.waitForSelector('.chart-cmp .bar-row');
      await page.click('.chart-cmp .bar-row[data-node="worker-1"]');
      await page.waitForFunction(() => document.querySelector('.cmp-scores')?.dataset.node === 'worker-1');
      assert.equal(await page.textContent('.chart-cmp h2'), words['chart.cmp.title']);
      await shot(page, `charts-bars-${lang}-${scheme}`, { element: '.chart-cmp' });
      // the language switched on the page: the pictures are worded again
      const other = lang === 'en' ? 'zh-TW' : 'en';
      await page.selectOption('#lang', other);
      await page.waitForFunction((l) => document.documentElement.lang === l, other);
      await page.waitForFunction((w) => document.querySelector('.chart-cmp h2')?.textContent === w, TABLES[other]['chart.cmp.title']);
      await page.click('[role=tab][data-tab="rollout"]');
      await page.waitForFunction((w) => document.querySelector('.chart-ro h2')?.textContent === w, TABLES[other]['chart.ro.title']);
      assert.equal(await page.textContent('.chart-ro .chart-label'), TABLES[other]['chart.ro.seconds']);
      assert.deepEqual(foreignRequests(page, env.srv.origin), []);
      assert.deepEqual(page.log.errors, []);
      await page.close();
    });
  }
}
