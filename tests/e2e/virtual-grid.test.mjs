// A 65,000-node cluster in the Coverage grid: the grid is virtual (only the
// rows near its view are in the DOM, web/ui/node-grid.js) and still shows
// every node in the state the engine gives it (read by scrolling through),
// says its full size to assistive technology (aria-rowcount), finds nodes
// anywhere by name and label, filters by state over every node, moves the
// keyboard focus to rows not drawn yet, explains a node far down, prints,
// and looks right in both languages and themes. Also the threshold (1,000
// tiles: all in the DOM; 1,001: virtual) and the listbox variant. Times are
// printed, never asserted (scripts/bench-grid.mjs measures more).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, waitForResult, waitForView, paste, gridStates, gridCells, shot, expectedReport, expectedComparison, examples, poolCluster, bigCluster, axeViolations, TABLES, statesOf } from './helpers.mjs';

const env = setup();

const N = 65000;
const ds = examples().find((e) => e.id === 'my-daemonset').ds;
const nodes = poolCluster(N);
/** The engine's report for the 65,000 nodes (made once, in Node: a few seconds). */
let wanted = null;
const want = async () => (wanted ??= await expectedReport(ds, nodes));
const STATES = ['failed-create', 'pending', 'keeps-existing', 'excluded', 'scheduled'];

/** The page on my-daemonset with the 65,000 nodes pasted. */
async function open65k(opts = {}, query = '') {
  const page = await openPage(env.browser, opts);
  await page.goto(`${env.srv.url}?example=my-daemonset${query}`);
  await waitForResult(page);
  const t0 = Date.now();
  await paste(page, 'Nodes', nodes, 300000);
  return { page, ms: Date.now() - t0 };
}

/** What the grid has in the DOM now, and what it says of its size. */
const dom = (page) => page.evaluate(() => {
  const g = document.querySelector('#grid');
  return {
    cells: g.querySelectorAll('[role=gridcell]').length,
    rows: g.querySelectorAll('[role=row]').length,
    rowcount: Number(g.getAttribute('aria-rowcount')),
    colcount: Number(g.getAttribute('aria-colcount')),
    elements: document.getElementsByTagName('*').length,
    tabStops: g.querySelectorAll('[tabindex="0"]').length,
  };
});

/** The grid's rows when grouped by state: a header and ceil(n / cols) rows per state with nodes. */
const groupedRows = (counts, cols) => STATES.reduce((sum, s) => sum + (counts[s] ? 1 + Math.ceil(counts[s] / cols) : 0), 0);
const stateCounts = (report) => Object.fromEntries(STATES.map((s) => [s, report.nodes.filter((n) => n.state === s).length]));
/**
 * Where the drawn rows are, against where they would be with every row in
 * the DOM: each drawn row (not the pinned one) at the sum of the heights of
 * the rows above it, and the grid's scroll height the sum of all; the heights
 * of a row, the first header and a later header measured on drawn ones
 * (`heights`, filled as they come into view). `kinds`: each line's kind, in
 * order. Returns the rows drawn now and the ones out of place.
 */
const placed = (page, kinds, heights) => page.evaluate(([kinds, heights]) => {
  const g = document.querySelector('#grid');
  const cs = getComputedStyle(g);
  const drawn = [...g.querySelectorAll('[role=row]')].filter((r) => !r.classList.contains('pinned'));
  for (const r of drawn) heights[kinds[Number(r.getAttribute('aria-rowindex')) - 1]] ??= r.getBoundingClientRect().height;
  const top = [parseFloat(cs.paddingTop)];
  for (const k of kinds) top.push(top.at(-1) + (heights[k] ?? NaN));
  const wrong = drawn.map((r) => [Number(r.getAttribute('aria-rowindex')), r.offsetTop])
    .filter(([i, y]) => !(Math.abs(top[i - 1] - y) <= 2)).map(([i, y]) => `row ${i} at ${y}, not ${top[i - 1]}`);
  const full = top.at(-1) + parseFloat(cs.paddingBottom);
  if (Number.isFinite(full) && !(Math.abs(g.scrollHeight - full) <= 2)) wrong.push(`scroll height ${g.scrollHeight}, not ${full}`);
  return { rows: drawn.length, wrong, heights };
}, [kinds, heights]);
/** The lines of the grid, grouped by state or not: 'head' (the first header), 'later' (the others), 'row'. */
const lineKinds = (counts, cols, grouped) => {
  if (!grouped) return Array(Math.ceil(Object.values(counts).reduce((a, b) => a + b, 0) / cols)).fill('row');
  const out = [];
  for (const s of STATES) if (counts[s]) out.push(out.length ? 'later' : 'head', ...Array(Math.ceil(counts[s] / cols)).fill('row'));
  return out;
};
const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

const focused = (page) => page.evaluate(() => document.activeElement?.dataset.node ?? null);

test('65,000 nodes: few cells in the DOM, every node in its engine state, the full size in ARIA', async () => {
  const report = await want();
  assert.equal(report.nodes.length, N);
  const { page, ms } = await open65k();
  const counts = stateCounts(report);
  const d = await dom(page);
  console.log(`65,000 nodes pasted and shown in ${ms} ms; in the DOM: ${d.cells} cells, ${d.rows} rows, ${d.elements} elements in the page`);
  assert.ok(d.cells > 0 && d.cells < 2000, `${d.cells} cells in the DOM`);
  assert.equal(d.rowcount, groupedRows(counts, d.colcount));
  assert.ok(d.colcount > 1);
  assert.equal(d.tabStops, 1);
  assert.equal(await page.textContent('#shown'), '65,000 of 65,000 nodes shown');
  // every node, read by scrolling the grid through, is in the engine's state
  const t0 = Date.now();
  const got = await gridStates(page);
  console.log(`scrolled through the 65,000-node grid in ${Date.now() - t0} ms`);
  assert.equal(Object.keys(got).length, N);
  assert.deepEqual(got, statesOf(report));
  // every drawn row where it would be with all rows in the DOM, scrolled anywhere: the top, each group's
  // header (the heights of both kinds of header measured there), the middle, the bottom
  const kinds = lineKinds(counts, d.colcount, true);
  let heights = {};
  const rowH = 30; // a dense row, roughly: only to find where the headers are
  let y = 0;
  const stops = [];
  kinds.forEach((k, i) => { if (k !== 'row') stops.push(Math.max(0, y - 150)); y += k === 'row' ? rowH : 30; });
  for (const at of [0, ...stops, 0.5, 0.77, 1]) {
    await page.$eval('#grid', (g, at) => { g.scrollTop = at <= 1 ? g.scrollHeight * at : at; }, at);
    await frames(page);
    const p = await placed(page, kinds, heights);
    heights = p.heights;
    assert.deepEqual(p.wrong, [], `scrolled to ${at}`);
    assert.ok(p.rows > 5 && p.rows < 80, `${p.rows} rows drawn`);
  }
  assert.deepEqual(Object.keys(heights).sort(), ['head', 'later', 'row']);
  assert.deepEqual((await placed(page, kinds, heights)).wrong, []);
  console.log(`row heights measured: ${JSON.stringify(heights)}`);
  // the rows carry their index: the last row drawn at the bottom is the last of aria-rowcount
  await page.$eval('#grid', (g) => { g.scrollTop = g.scrollHeight; });
  await page.waitForFunction(() => document.querySelector('#grid [role=gridcell][data-node="pool-g-9285"]'));
  const lastRow = await page.$eval('#grid [data-node="pool-g-9285"]', (c) => Number(c.parentElement.getAttribute('aria-rowindex')));
  assert.equal(lastRow, d.rowcount);
  assert.equal(await page.getAttribute('#grid [data-node="pool-g-9285"]', 'data-state'), report.nodes.at(-1).state);
  assert.ok((await dom(page)).cells < 2000);
  // not grouped: the rows of the whole list, the last node last
  await page.uncheck('#group');
  const flat = await dom(page);
  assert.equal(flat.rowcount, Math.ceil(N / flat.colcount));
  await page.$eval('#grid', (g) => { g.scrollTop = g.scrollHeight; });
  await page.waitForFunction(() => document.querySelector('#grid [data-node="pool-g-9285"]'));
  assert.equal(await page.$eval('#grid [data-node="pool-g-9285"]', (c) => Number(c.parentElement.getAttribute('aria-rowindex'))), flat.rowcount);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('65,000 nodes: search by name and by label, state chips, over every node', async () => {
  const report = await want();
  const { page } = await open65k();
  const timed = async (act) => {
    const t = Date.now();
    await act();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    return Date.now() - t;
  };
  // a name far down the list
  const ms1 = await timed(() => page.fill('#search', 'pool-g-9285'));
  assert.deepEqual(await gridStates(page), { 'pool-g-9285': report.nodes.find((n) => n.name === 'pool-g-9285').state });
  assert.equal(await page.textContent('#shown'), '1 of 65,000 nodes shown');
  // a name that 111 nodes contain (pool-a-17, pool-a-170 ... pool-a-1799)
  await page.fill('#search', 'pool-a-17');
  const named = report.nodes.filter((n) => n.name.includes('pool-a-17'));
  assert.equal(named.length, 111);
  assert.deepEqual(await gridStates(page), Object.fromEntries(named.map((n) => [n.name, n.state])));
  // a label only the last pool has: 9,285 nodes, still a virtual grid
  const ms2 = await timed(() => page.fill('#search', 'rack=r-last'));
  const racked = report.nodes.filter((n) => n.labels.rack === 'r-last');
  assert.equal(await page.textContent('#shown'), `${racked.length.toLocaleString('en-US')} of 65,000 nodes shown`);
  assert.ok((await dom(page)).cells < 2000);
  assert.deepEqual(await gridStates(page), Object.fromEntries(racked.map((n) => [n.name, n.state])));
  // two words: a label and a name
  await page.fill('#search', 'zone=zone-c pool-c-999');
  assert.deepEqual(Object.keys(await gridStates(page)).sort(), report.nodes.filter((n) => n.labels.zone === 'zone-c' && n.name.includes('pool-c-999')).map((n) => n.name).sort());
  const ms3 = await timed(() => page.fill('#search', ''));
  console.log(`search at 65,000 nodes (fill + a frame): a name ${ms1} ms, a label ${ms2} ms, cleared ${ms3} ms`);
  // chips: only pending, then pending and excluded
  const clicks = [];
  for (const s of ['scheduled', 'excluded', 'keeps-existing']) clicks.push(await timed(() => page.click(`#chips .chip[data-state="${s}"]`)));
  const pending = report.nodes.filter((n) => n.state === 'pending');
  assert.equal(await page.textContent('#shown'), `${pending.length.toLocaleString('en-US')} of 65,000 nodes shown`);
  assert.deepEqual(await gridStates(page), Object.fromEntries(pending.map((n) => [n.name, 'pending'])));
  clicks.push(await timed(() => page.click('#chips .chip[data-state="excluded"]')));
  const both = report.nodes.filter((n) => n.state === 'pending' || n.state === 'excluded');
  assert.deepEqual(await gridStates(page), Object.fromEntries(both.map((n) => [n.name, n.state])));
  // a search within the filter
  await page.fill('#search', 'pool-b-12');
  assert.deepEqual(Object.keys(await gridStates(page)).sort(), both.filter((n) => n.name.includes('pool-b-12')).map((n) => n.name).sort());
  console.log(`chip clicks at 65,000 nodes (click + a frame): ${clicks.join(', ')} ms`);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('65,000 nodes: the keyboard reaches rows not drawn yet; a node far down is explained and stays chosen', async () => {
  const report = await want();
  const { page } = await open65k();
  await page.uncheck('#group');
  const last = report.nodes.at(-1).name;
  // Tab into the grid (the tab stop: the node chosen first, the first pending one), then Ctrl+End: the last node has the focus, its row drawn
  await page.focus('#export-md');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), report.nodes.find((n) => n.state === 'pending').name);
  await page.keyboard.press('Control+End');
  assert.equal(await focused(page), last);
  const g = await dom(page);
  assert.equal(await page.$eval(`#grid [data-node="${last}"]`, (c) => Number(c.parentElement.getAttribute('aria-rowindex'))), g.rowcount);
  assert.equal(g.tabStops, 1);
  assert.ok(await page.$eval(`#grid [data-node="${last}"]`, (c) => {
    const r = c.getBoundingClientRect();
    const box = c.closest('#grid').getBoundingClientRect();
    return r.top >= box.top && r.bottom <= box.bottom;
  }), 'the focused cell is in view');
  // Enter explains it
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelector('#explain h2')?.textContent.includes(n), last);
  assert.equal(await page.getAttribute(`#grid [data-node="${last}"]`, 'aria-selected'), 'true');
  // Ctrl+Home, PageDown (5 rows), ArrowDown, End, ArrowRight at the end of a row
  const cols = g.colcount;
  await page.keyboard.press('Control+Home');
  assert.equal(await focused(page), report.nodes[0].name);
  await page.keyboard.press('PageDown');
  assert.equal(await focused(page), report.nodes[5 * cols].name);
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(page), report.nodes[6 * cols].name);
  await page.keyboard.press('End');
  assert.equal(await focused(page), report.nodes[7 * cols - 1].name);
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(page), report.nodes[7 * cols].name);
  // scrolled away with the wheel, the focused cell stays in the DOM (the one tab stop) and keeps the focus
  await page.$eval('#grid', (el) => { el.scrollTop = el.scrollHeight / 2; });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.equal(await focused(page), report.nodes[7 * cols].name);
  assert.equal((await dom(page)).tabStops, 1);
  assert.ok((await dom(page)).cells < 2000);
  assert.ok(await page.$eval(`#grid [data-node="${report.nodes[7 * cols].name}"]`, (c) => c.parentElement.classList.contains('pinned')));
  // ArrowDown from there scrolls back to it
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(page), report.nodes[8 * cols].name);
  assert.equal(await page.$$eval('#grid .pinned', (p) => p.length), 0);
  // the chosen node far down stays chosen, and is brought into view, when a chip filters
  await page.$eval('#grid', (el) => { el.scrollTop = 0; });
  await page.click('#chips .chip[data-state="pending"]');
  await page.waitForSelector(`#grid [data-node="${last}"][aria-selected="true"]`);
  assert.ok(await page.$eval(`#grid [data-node="${last}"]`, (c) => {
    const r = c.getBoundingClientRect();
    const box = c.closest('#grid').getBoundingClientRect();
    return r.top >= box.top && r.bottom <= box.bottom;
  }), 'the chosen node is in view after filtering');
  assert.ok((await page.textContent('#explain h2')).includes(last));
  // clicking a cell drawn after scrolling explains it
  await page.$eval('#grid', (el) => { el.scrollTop = el.scrollHeight * 0.6; });
  const mid = await page.waitForFunction(() => {
    const g = document.querySelector('#grid').getBoundingClientRect();
    const c = [...document.querySelectorAll('#grid [role=gridcell]')].find((x) => {
      const r = x.getBoundingClientRect();
      return r.top > g.top + 20 && r.bottom < g.bottom - 20;
    });
    return c?.dataset.node;
  });
  const name = await mid.jsonValue();
  await page.click(`#grid [data-node="${name}"]`);
  await page.waitForFunction((n) => document.querySelector('#explain h2')?.textContent.includes(n), name);
  assert.equal(await page.getAttribute(`#grid [data-node="${name}"]`, 'data-state'), report.nodes.find((n) => n.name === name).state);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('65,000 nodes: resizing changes the columns and keeps the view at the same node; axe finds no violation', async () => {
  const report = await want();
  const { page } = await open65k();
  await page.uncheck('#group');
  await page.$eval('#grid', (el) => { el.scrollTop = el.scrollHeight / 3; });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const topNode = () => page.evaluate(() => {
    const g = document.querySelector('#grid').getBoundingClientRect();
    return [...document.querySelectorAll('#grid [role=gridcell]')].find((c) => c.getBoundingClientRect().top >= g.top)?.dataset.node;
  });
  const before = await topNode();
  const cols = (await dom(page)).colcount;
  await page.setViewportSize({ width: 900, height: 900 });
  await page.waitForFunction((c) => Number(document.querySelector('#grid').getAttribute('aria-colcount')) !== c, cols);
  const after = await dom(page);
  assert.equal(after.rowcount, Math.ceil(N / after.colcount));
  // every drawn row is as wide as aria-colcount (the last row may be shorter)
  assert.ok(await page.$$eval('#grid .row:not(.pinned)', (rows, c) => rows.every((r) => r.children.length === c || r.getAttribute('aria-rowindex') === r.closest('#grid').getAttribute('aria-rowcount')), after.colcount));
  // the node at the top before is still in view (within a row or so)
  const i = (name) => report.nodes.findIndex((n) => n.name === name);
  const nowTop = await topNode();
  assert.ok(Math.abs(i(nowTop) - i(before)) <= 2 * Math.max(cols, after.colcount), `top ${before} before, ${nowTop} after`);
  assert.deepEqual(await gridStates(page), statesOf(report));
  // the language switched while scrolled far: the drawn cells and those drawn after are worded again, the view stays
  const zh = TABLES['zh-TW'];
  const label = (n) => `${n.name}：${zh[`state.${n.state}`]}`;
  const byName = new Map(report.nodes.map((n) => [n.name, n]));
  const labels = () => page.$$eval('#grid [role=gridcell]', (cs) => cs.map((c) => [c.dataset.node, c.getAttribute('aria-label')]));
  const topBefore = await topNode();
  await page.selectOption('#lang', 'zh-TW');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-TW' && document.querySelector('#shown').textContent.includes('個節點'));
  assert.equal(await topNode(), topBefore);
  for (const [name, l] of await labels()) assert.equal(l, label(byName.get(name)));
  await page.$eval('#grid', (el) => { el.scrollTop = el.scrollHeight; });
  await frames(page);
  for (const [name, l] of await labels()) assert.equal(l, label(byName.get(name)));
  // grouped again: the view goes to the chosen node (the first pending one), under its header, worded in zh-TW
  await page.check('#group');
  assert.deepEqual(await page.$$eval('#grid .ghead', (hs) => hs.map((x) => x.textContent.trim())),
    [`${zh['state.pending']} · ${stateCounts(report).pending.toLocaleString('en-US')}`]);
  // axe on the virtual grid, with its spacers and a pinned row (the tab stop scrolled away)
  await page.focus('#grid [tabindex="0"]');
  await page.$eval('#grid', (el) => { el.scrollTop = el.scrollHeight / 2; });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.equal(await page.$$eval('#grid .pinned', (p) => p.length), 1);
  assert.deepEqual(await axeViolations(page), []);
  await page.close();
});

test('65,000 nodes on paper: the first 5,000 nodes and a note; the screen again after', async () => {
  const report = await want();
  const { page } = await open65k({}, '&lang=zh-TW');
  await page.uncheck('#group');
  await page.emulateMedia({ media: 'print' });
  await page.waitForFunction(() => document.querySelectorAll('#grid [role=gridcell]').length >= 5000);
  const paper = await page.evaluate(() => ({
    cells: [...document.querySelectorAll('#grid [role=gridcell]')].map((c) => [c.dataset.node, c.dataset.state]),
    note: document.querySelector('.print-note')?.textContent,
    noteShown: getComputedStyle(document.querySelector('.print-note')).display !== 'none',
    spacers: document.querySelectorAll('#grid .vspace').length,
  }));
  const cols = (await dom(page)).colcount;
  const printed = Math.ceil(5000 / cols) * cols;
  assert.deepEqual(paper.cells, report.nodes.slice(0, printed).map((n) => [n.name, n.state]));
  assert.equal(paper.note, TABLES['zh-TW']['grid.printNote'].replace('{shown}', '65,000').replace('{printed}', printed.toLocaleString('en-US')));
  assert.ok(paper.noteShown);
  assert.equal(paper.spacers, 0);
  await page.emulateMedia({ media: 'screen' });
  await page.waitForFunction(() => document.querySelectorAll('#grid [role=gridcell]').length < 2000);
  assert.equal(await page.isVisible('.print-note'), false);
  await page.close();
});

test('the threshold: 1,000 nodes are all in the DOM, 1,001 make a virtual grid, both in the engine states', async () => {
  const page = await openPage(env.browser);
  await page.goto(`${env.srv.url}?example=my-daemonset`);
  await waitForResult(page);
  for (const n of [1000, 1001]) {
    const text = bigCluster(n);
    const report = await expectedReport(ds, text);
    await paste(page, 'Nodes', text);
    const inDom = await page.$$eval('#grid [role=gridcell]', (cs) => cs.length);
    const spacers = await page.$$eval('#grid .vspace', (s) => s.length);
    if (n === 1000) {
      assert.equal(inDom, 1000);
      assert.equal(spacers, 0);
    } else {
      assert.ok(inDom < 1001, `${inDom} cells in the DOM`);
      assert.equal(spacers, 1, 'the rows below the view');
    }
    assert.deepEqual(await gridStates(page), Object.fromEntries(report.nodes.map((x) => [x.name, x.state])));
    // printing draws every one of them
    await page.emulateMedia({ media: 'print' });
    await page.waitForFunction((k) => document.querySelectorAll('#grid [role=gridcell]').length === k, n);
    assert.equal(await page.$$eval('.print-note', (p) => p.length), 0);
    await page.emulateMedia({ media: 'screen' });
  }
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('the listbox variant: 5,000 nodes in the comparison, Home/End and arrows across rows not drawn', async () => {
  const ex = examples().find((e) => e.id === 'my-daemonset');
  const text = bigCluster(5000);
  const page = await openPage(env.browser);
  await page.goto(`${env.srv.url}?example=my-daemonset&tab=deployment`);
  await waitForResult(page);
  let n = await waitForView(page, 'comparisons');
  await paste(page, 'Nodes', text, 120000);
  n = await waitForView(page, 'comparisons', n, 120000);
  const side = '.cmp-side[data-side="deployment"] [role=listbox]';
  const want = await expectedComparison(ex.ds, text);
  assert.ok(await page.$$eval(`${side} [role=option]`, (o) => o.length) < 2000);
  assert.deepEqual(await gridCells(page, side, '[role=option]', 'data-count'), Object.fromEntries(want.nodes.map((x) => [x.name, String(x.deploymentPods)])));
  // options say their place in the whole list
  assert.equal(await page.getAttribute(`${side} [role=option]`, 'aria-setsize'), '5000');
  // each drawn tile where it would be with every tile in the DOM (cells wrap: the columns are counted on the first row drawn)
  for (const at of [0, 0.31, 0.5, 1]) {
    await page.$eval(side, (g, at) => { g.scrollTop = g.scrollHeight * at; }, at);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const p = await page.$eval(side, (g) => {
      const cs = getComputedStyle(g);
      const opts = [...g.querySelectorAll('[role=option]')].filter((o) => !o.classList.contains('pinned'));
      const tops = [...new Set(opts.map((o) => o.offsetTop))].sort((a, b) => a - b);
      const cols = opts.filter((o) => o.offsetTop === tops[0]).length;
      const pitch = tops[1] - tops[0];
      const pad = parseFloat(cs.paddingTop);
      const wrong = opts.filter((o) => Math.abs(o.offsetTop - (pad + Math.floor((Number(o.getAttribute('aria-posinset')) - 1) / cols) * pitch)) > 1).map((o) => o.dataset.node);
      const full = pad + Math.ceil(5000 / cols) * pitch - parseFloat(cs.rowGap) + parseFloat(cs.paddingBottom);
      return { wrong, drawn: opts.length, cols, height: g.scrollHeight, full };
    });
    assert.deepEqual(p.wrong, [], `scrolled to ${at}`);
    assert.ok(Math.abs(p.height - p.full) <= 1, `scroll height ${p.height}, not ${p.full}`);
    assert.ok(p.drawn < 2000 && p.cols > 1);
  }
  await page.$eval(side, (g) => { g.scrollTop = 0; });
  await page.focus(`${side} [role=option][tabindex="0"]`);
  await page.keyboard.press('End');
  assert.equal(await focused(page), 'node-04999');
  assert.equal(await page.getAttribute(`${side} [data-node="node-04999"]`, 'aria-posinset'), '5000');
  await page.keyboard.press('ArrowDown'); // on the last row: the last tile
  assert.equal(await focused(page), 'node-04999');
  await page.keyboard.press('Home');
  assert.equal(await focused(page), 'node-00000');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await focused(page), 'node-00000');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('.cmp-scores')?.dataset.node === 'node-04999');
  // the other side shows the same node chosen, scrolled to it
  assert.equal(await page.getAttribute('.cmp-side[data-side="daemonset"] [data-node="node-04999"]', 'aria-selected'), 'true');
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

for (const [lang, scheme] of [['en', 'light'], ['en', 'dark'], ['zh-TW', 'light'], ['zh-TW', 'dark']]) {
  test(`65,000 nodes, screenshots (${lang}, ${scheme})`, async () => {
    const { page } = await open65k({ colorScheme: scheme, locale: lang }, `&lang=${lang}`);
    await shot(page, `grid-65000-${lang}-${scheme}`);
    // the grid scrolled to the header of the last group, far down (after 27,858 nodes in three groups),
    // a node chosen there, and its explanation
    await page.$eval('#grid', (el) => { el.scrollTop = el.scrollHeight * (27858 / 65000) - 150; });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.ok(await page.$eval('#grid .ghead.later [data-state="scheduled"]', (h) => {
      const r = h.getBoundingClientRect();
      const g = h.closest('#grid').getBoundingClientRect();
      return r.top >= g.top && r.bottom <= g.bottom;
    }), 'the header of the scheduled nodes is in view');
    const name = await page.evaluate(() => {
      const g = document.querySelector('#grid').getBoundingClientRect();
      return [...document.querySelectorAll('#grid [role=gridcell]')].find((c) => c.getBoundingClientRect().top > g.top + 60)?.dataset.node;
    });
    await page.click(`#grid [data-node="${name}"]`);
    await page.waitForFunction((n) => document.querySelector('#explain h2')?.textContent.includes(n), name);
    await shot(page, `grid-65000-${lang}-${scheme}-far`, { element: '#coverage-body' });
    // the language of the cells drawn after a switch of language
    const cellLabel = await page.getAttribute(`#grid [data-node="${name}"]`, 'aria-label');
    assert.ok(cellLabel.startsWith(`${name}${lang === 'en' ? ': ' : '：'}`), cellLabel);
    assert.deepEqual(page.log.errors, []);
    await page.close();
  });
}
