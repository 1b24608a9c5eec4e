// The <daemonset-sim> custom element (web/element/) on the demonstration
// documentation page (web/docs-demo.html, docs-demo.zh-TW.html) and on small
// test pages: the engine's verdicts in it, example=, readonly, tabs, language,
// theme, lazy start, one engine for every element, styles that leak neither
// way, user text as text, no request off the origin, axe-core, screenshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { setup, openPage, shot, expectedReport, examples, foreignRequests, loadEngine, TABLES, ROOT, SITE, statesOf } from './helpers.mjs';

const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'">`;
/** A test page: `head` extra markup in <head>, `body` the body. */
const testPage = (body, head = '') => ['text/html; charset=utf-8', `<!doctype html><html lang="en"><head><meta charset="utf-8">${CSP}<title>t</title><link rel="icon" href="data:,">${head}<script type="module" src="/element/daemonset-sim.js"></script></head><body>${body}</body></html>`];

const DS = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: probe
spec:
  selector:
    matchLabels: {app: probe}
  template:
    metadata:
      labels: {app: probe}
    spec:
      containers:
      - name: c
        image: busybox
`;
const NODES = 'nodes:\n  - name: cp\n    taints: ["node-role.kubernetes.io/control-plane:NoSchedule"]\n  - name: w\n    count: 2\n';
const yaml = (slot, s) => `<script type="text/yaml" slot="${slot}">\n${s.replace(/^/gm, '    ')}</script>`;

// page styles that would change the element if anything leaked in, on names the element uses
const LOUD = `* { letter-spacing: 3px; text-transform: uppercase; }
button, [role=tab], .chip { background: rgb(255, 0, 0) !important; color: rgb(0, 255, 0) !important; font-family: serif !important; }
.panel, .dss, #grid { display: none !important; }
p, td, th, code { color: rgb(255, 0, 255) !important; font-size: 30px !important; }
:root { --bg: rgb(255, 0, 0); --fg: rgb(0, 255, 0); --accent: rgb(255, 255, 0); }`;
const BESIDE = `<button class="chip" id="p-chip">chip</button><p class="banner" id="p-banner">banner</p><table id="p-table"><tr><td>cell</td></tr></table><code id="p-code">code</code><div role="tab" id="p-tab">tab</div><div class="empty" id="p-empty">empty</div>`;

const env = setup({
  extra: {
    '/t/t.css': ['text/css', '.spacer { height: 6000px; }'],
    '/t/far.html': testPage(`${BESIDE}<div class="spacer"></div><daemonset-sim id="far">${yaml('daemonset', DS)}${yaml('nodes', NODES)}</daemonset-sim>`, '<link rel="stylesheet" href="/t/t.css">'),
    '/t/loud.html': testPage(`${BESIDE}<daemonset-sim id="a" loading="eager">${yaml('daemonset', DS)}${yaml('nodes', NODES)}</daemonset-sim>`, '<link rel="stylesheet" href="/t/loud.css">'),
    '/t/loud.css': ['text/css', LOUD],
    '/t/plain.html': testPage(`${BESIDE}<daemonset-sim id="a" loading="eager">${yaml('daemonset', DS)}${yaml('nodes', NODES)}</daemonset-sim>`),
    '/t/theme.html': testPage(`<daemonset-sim id="dark" theme="dark" loading="eager" example="my-daemonset" tabs="coverage"></daemonset-sim><daemonset-sim id="light" theme="light" loading="eager" example="my-daemonset" tabs="coverage"></daemonset-sim><daemonset-sim id="auto" loading="eager" example="my-daemonset" tabs="coverage"></daemonset-sim>`),
    '/t/hostile.html': testPage(`<daemonset-sim id="h" loading="eager">${yaml('daemonset', DS.replace('name: probe', 'name: "<img src=x onerror=alert(1)>"').replace('image: busybox', 'image: "<svg onload=alert(2)>"'))}${yaml('nodes', 'nodes:\n  - name: "<img src=y onerror=alert(3)>"\n    labels: {x: "<b>bold</b>"}\n')}</daemonset-sim>`),
    '/t/attrs.html': testPage('<daemonset-sim id="u" loading="eager" daemonset="/examples/fluentd.daemonset.yaml" nodes="/examples/fluentd.nodes.yaml"></daemonset-sim><daemonset-sim id="mixed" loading="eager" example="ssd-monitor">' + yaml('nodes', 'nodes:\n  - name: only\n    labels: {disk-type: ssd}\n') + '</daemonset-sim><daemonset-sim id="bad" loading="eager" example="no-such-example"></daemonset-sim>'),
  },
});

/** Waits until element `sel` has shown more than `after` answers of the engine, its grid drawn. */
async function waitEl(page, sel, after = 0, timeout = 30000) {
  await page.waitForFunction(([s, n]) => {
    const e = typeof s === 'number' ? document.querySelectorAll('daemonset-sim')[s] : document.querySelector(s);
    const r = e && e.shadowRoot;
    return Boolean(e && e.evaluations > n && r && !r.querySelector('#grid[aria-busy="true"]'));
  }, [sel, after], { timeout });
  return evaluationsOf(page, sel);
}

const evaluationsOf = (page, sel) => page.evaluate((s) => (typeof s === 'number' ? document.querySelectorAll('daemonset-sim')[s] : document.querySelector(s)).evaluations, sel);

/** The element's grid as {node: state}. */
const states = (page, sel) => page.evaluate((s) => {
  const e = typeof s === 'number' ? document.querySelectorAll('daemonset-sim')[s] : document.querySelector(s);
  return Object.fromEntries([...e.shadowRoot.querySelectorAll('#grid [role=gridcell]')].map((c) => [c.dataset.node, c.dataset.state]));
}, sel);
/** The texts in the element's two editors. */
const texts = (page, sel) => page.evaluate((s) => {
  const r = (typeof s === 'number' ? document.querySelectorAll('daemonset-sim')[s] : document.querySelector(s)).shadowRoot;
  return { ds: r.querySelector('#ed-ds').value, nodes: r.querySelector('#ed-nodes').value };
}, sel);

/** Replaces an editor's text in element `sel` as a paste does. */
async function paste(page, sel, which, text) {
  await page.evaluate(([s, w, v]) => {
    const e = typeof s === 'number' ? document.querySelectorAll('daemonset-sim')[s] : document.querySelector(s);
    const ta = e.shadowRoot.querySelector(`#ed-${w}`);
    ta.focus();
    ta.value = v;
    ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, [sel, which, text]);
}

/** Scrolls every element into view in turn, and waits for each answer. */
async function startAll(page) {
  const n = await page.locator('daemonset-sim').count();
  for (let i = 0; i < n; i++) {
    await page.locator('daemonset-sim').nth(i).scrollIntoViewIfNeeded();
    await waitEl(page, i);
  }
  await page.evaluate(() => scrollTo(0, 0));
}

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
async function axeViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    // @ts-ignore axe is the script evaluated above
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${JSON.stringify(n.target)}: ${n.failureSummary.replace(/\s+/g, ' ')}`));
  });
}

test('the three inline examples of the tutorial show the engine\'s verdicts, node by node', async () => {
  const page = await openPage(env.browser);
  await page.goto(`${env.srv.url}docs-demo.html`);
  for (const i of [0, 1, 2]) {
    await page.locator('daemonset-sim').nth(i).scrollIntoViewIfNeeded();
    await waitEl(page, i);
    const { ds, nodes } = await texts(page, i);
    assert.ok(ds.startsWith('apiVersion: apps/v1\nkind: DaemonSet\n'), 'the inline YAML, dedented');
    assert.deepEqual(await states(page, i), statesOf(await expectedReport(ds, nodes)), `example ${i + 1}`);
  }
  // 1: the control-plane node gets no new pod, because of its taint
  const el = page.locator('daemonset-sim').nth(0);
  assert.deepEqual(await states(page, 0), { 'control-plane-1': 'keeps-existing', 'worker-1': 'scheduled', 'worker-2': 'scheduled', 'worker-3': 'scheduled' });
  await el.locator('[data-node="control-plane-1"]').click();
  await el.locator('#explain-title', { hasText: 'control-plane-1' }).waitFor();
  assert.deepEqual(await el.locator('.taints tbody tr').evaluateAll((rs) => rs.map((r) => [r.querySelector('code').textContent, r.dataset.outcome])),
    [['node-role.kubernetes.io/control-plane:NoSchedule', 'blocksNewPods']]);
  assert.equal(await el.locator('.fixes [data-fix="addToleration"]').count(), 1);
  // Apply the fix: the toleration goes into the element's editor, the node is scheduled
  const before = await evaluationsOf(page, 0);
  await el.locator('.fixes [data-fix="addToleration"] .fix-apply').click();
  await waitEl(page, 0, before);
  assert.match((await texts(page, 0)).ds, /tolerations:/);
  assert.equal((await states(page, 0))['control-plane-1'], 'scheduled');
  // 2: nodeSelector typo: every node excluded, the selector explained
  assert.deepEqual(Object.values(await states(page, 1)), ['excluded', 'excluded', 'excluded']);
  const el2 = page.locator('daemonset-sim').nth(1);
  assert.match(await el2.locator('.explain').innerText(), /disk-type=ssd/);
  // 3: Insufficient cpu on the full node
  const el3 = page.locator('daemonset-sim').nth(2);
  assert.equal((await states(page, 2))['small-1'], 'pending');
  await el3.locator('[data-node="small-1"]').click();
  await el3.locator('#explain-title', { hasText: 'small-1' }).waitFor();
  assert.match(await el3.locator('.reasons').innerText(), /Insufficient cpu/);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('editing re-evaluates; elements edited together each get their own answer (one shared engine)', async () => {
  const page = await openPage(env.browser);
  await page.goto(`${env.srv.url}docs-demo.html`);
  for (const i of [0, 1, 2]) {
    await page.locator('daemonset-sim').nth(i).scrollIntoViewIfNeeded();
    await waitEl(page, i);
  }
  const counts = await page.evaluate(() => [...document.querySelectorAll('daemonset-sim')].slice(0, 3).map((e) => e.evaluations));
  const t1 = await texts(page, 1);
  const t2 = await texts(page, 2);
  const t0 = await texts(page, 0);
  // all three at once: the worker holds one cluster at a time, each element's must be used for its own
  const fixed = t1.ds.replace('disk-type: ssd', 'disktype: ssd');
  const bigger = t2.nodes.replace('cpu: "1"', 'cpu: "2"');
  const moreNodes = `${t0.nodes}  - name: extra\n    count: 2\n`;
  // the element tells the page: an `evaluated` event with the engine's report
  await page.evaluate(() => {
    document.querySelectorAll('daemonset-sim')[1].addEventListener('evaluated', (e) => { globalThis.__last = e.detail.report.nodes.map((n) => `${n.name}:${n.state}`); }, { once: true });
  });
  await paste(page, 1, 'ds', fixed);
  await paste(page, 2, 'nodes', bigger);
  await paste(page, 0, 'nodes', moreNodes);
  for (const i of [0, 1, 2]) await waitEl(page, i, counts[i]);
  assert.deepEqual(await states(page, 1), statesOf(await expectedReport(fixed, t1.nodes)));
  assert.deepEqual(await states(page, 1), { 'fast-1': 'scheduled', 'fast-2': 'scheduled', 'slow-1': 'excluded' });
  assert.deepEqual(await page.evaluate(() => globalThis.__last), ['fast-1:scheduled', 'fast-2:scheduled', 'slow-1:excluded']);
  assert.deepEqual(await states(page, 2), statesOf(await expectedReport(t2.ds, bigger)));
  assert.equal((await states(page, 2))['small-1'], 'scheduled');
  assert.deepEqual(await states(page, 0), statesOf(await expectedReport(t0.ds, moreNodes)));
  assert.equal(Object.keys(await states(page, 0)).length, 6);
  // typing (debounced) too
  const box = page.locator('daemonset-sim').nth(1).locator('#ed-ds');
  const n = await evaluationsOf(page, 1);
  await box.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('      nodeName: nowhere\n');
  await waitEl(page, 1, n);
  const now = await texts(page, 1);
  assert.deepEqual(await states(page, 1), statesOf(await expectedReport(now.ds, now.nodes)));
  // one worker for every element
  assert.equal(page.log.requests.filter((u) => u.endsWith('/engine/worker.js')).length, 1);
  // the engine's core module only: evaluation and completion need nothing more
  assert.deepEqual(page.log.requests.filter((u) => /\.wasm(\.lzma)?$/.test(u)).map((u) => u.split('/').pop()), ['daemonset_sim_core_bg.wasm.lzma']);
  assert.equal(await page.evaluate(async () => (await import('/element/embed.js')).hub.workers), 1);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('completion in an element\'s editor proposes its own nodes\' taint keys, whichever element the worker served last', async () => {
  const page = await openPage(env.browser);
  await page.goto(`${env.srv.url}docs-demo.html`);
  for (const i of [0, 2]) {
    await page.locator('daemonset-sim').nth(i).scrollIntoViewIfNeeded();
    await waitEl(page, i);
  }
  const ds = DS.replace('        image: busybox\n', '        image: busybox\n      tolerations:\n      - ');
  const { nodes } = await texts(page, 0);
  // element 3 evaluated last: the worker holds its cluster (no taints)
  const n2 = await evaluationsOf(page, 2);
  await paste(page, 2, 'ds', (await texts(page, 2)).ds.replace('cpu: 500m', 'cpu: 400m'));
  await waitEl(page, 2, n2);
  const n0 = await evaluationsOf(page, 0);
  await paste(page, 0, 'ds', ds);
  await waitEl(page, 0, n0);
  await paste(page, 2, 'ds', (await texts(page, 2)).ds.replace('cpu: 400m', 'cpu: 300m'));
  await waitEl(page, 2, n2 + 1);
  const el = page.locator('daemonset-sim').nth(0);
  const box = el.locator('#ed-ds');
  await box.focus();
  await box.evaluate((t) => t.setSelectionRange(t.value.length, t.value.length));
  await page.keyboard.type('key:');
  await page.keyboard.type(' ');
  const text = await box.inputValue();
  const { Simulator } = await loadEngine();
  const sim = new Simulator();
  sim.setCluster(nodes);
  const want = sim.complete(text, text.length);
  sim.free();
  assert.deepEqual(want.items.map((i) => i.label), ['node-role.kubernetes.io/control-plane']);
  await el.locator('#complete-ds:not([hidden]) [role=option]').first().waitFor();
  assert.deepEqual(await el.locator('#complete-ds [role=option] .c-label').allInnerTexts(), want.items.map((i) => i.label));
  await shot(page, 'element-complete-en-light', { element: 'daemonset-sim >> nth=0' });
  await page.keyboard.press('Enter');
  assert.equal(await box.inputValue(), `${text}node-role.kubernetes.io/control-plane`);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('example=, attributes as URLs, slots mixed with an example, an unknown example', async () => {
  const page = await openPage(env.browser);
  await page.goto(`${env.srv.url}docs-demo.html`);
  const ex = examples();
  const gallery = ['my-daemonset', 'ssd-monitor', 'worker-affinity', 'node-agent', 'fluentd', 'node-exporter'];
  assert.deepEqual(await page.$$eval('daemonset-sim[example]', (els) => els.map((e) => e.getAttribute('example'))), gallery);
  for (const [k, id] of gallery.entries()) {
    const i = 3 + k;
    await page.locator('daemonset-sim').nth(i).scrollIntoViewIfNeeded();
    await waitEl(page, i);
    const e = ex.find((x) => x.id === id);
    assert.deepEqual(await texts(page, i), { ds: e.ds, nodes: e.nodesText }, id);
    assert.deepEqual(await states(page, i), statesOf(await expectedReport(e.ds, e.nodesText)), id);
    // the link to the full page names the example
    const href = await page.locator('daemonset-sim').nth(i).locator('.dss-full').getAttribute('href');
    assert.equal(href, `${env.srv.url}index.html?example=${id}&tab=coverage&lang=en`);
  }
  await page.goto(`${env.srv.origin}/t/attrs.html`);
  await waitEl(page, '#u');
  await waitEl(page, '#mixed');
  const fl = ex.find((x) => x.id === 'fluentd');
  assert.deepEqual(await texts(page, '#u'), { ds: fl.ds, nodes: fl.nodesText });
  assert.deepEqual(await states(page, '#u'), statesOf(await expectedReport(fl.ds, fl.nodesText)));
  const ssd = ex.find((x) => x.id === 'ssd-monitor');
  assert.deepEqual(await texts(page, '#mixed'), { ds: ssd.ds, nodes: 'nodes:\n  - name: only\n    labels: {disk-type: ssd}\n' });
  assert.deepEqual(await states(page, '#mixed'), { only: 'scheduled' });
  // the texts are not the example's: the link carries them in a share fragment
  assert.match(await page.locator('#mixed .dss-full').getAttribute('href'), /index\.html#s=/);
  await page.waitForFunction(() => !document.querySelector('#bad').shadowRoot.querySelector('.dss-banner').hidden);
  assert.equal(await page.locator('#bad .dss-banner').innerText(), 'The input could not be read: No example is called no-such-example.');
  assert.deepEqual(page.log.errors.filter((e) => !/404/.test(e)), []);
  await page.close();
});

test('readonly, collapsed and tabs: what each element offers', async () => {
  const page = await openPage(env.browser);
  await page.goto(`${env.srv.url}docs-demo.html`);
  await waitEl(page, 0);
  const el = page.locator('daemonset-sim').nth(0);
  // tabs="coverage,status,rollout": two tabs inside, Rollout a link to the full page with the texts
  assert.deepEqual(await el.locator('[role=tab]:not([hidden])').evaluateAll((ts) => ts.map((x) => x.dataset.tab)), ['coverage', 'status']);
  const rollout = el.locator('.dss-more a[data-tab="rollout"]');
  await page.waitForFunction(() => document.querySelector('daemonset-sim').shadowRoot.querySelector('.dss-more a').href.includes('#s='));
  const href = await rollout.getAttribute('href');
  assert.ok(href.startsWith(`${env.srv.url}index.html#s=`), href);
  // the link opens the full page on the Rollout tab with this element's texts
  const full = await openPage(env.browser);
  await full.goto(href);
  await full.waitForFunction(() => Number(document.documentElement.dataset.evaluations || 0) > 0);
  assert.equal(await full.getAttribute('[role=tab][data-tab="rollout"]', 'aria-selected'), 'true');
  assert.equal(await full.inputValue('#ed-ds'), (await texts(page, 0)).ds);
  await full.close();
  // the Status tab: the engine's counters
  await el.locator('[role=tab][data-tab="status"]').click();
  const { ds, nodes } = await texts(page, 0);
  const r = await expectedReport(ds, nodes);
  assert.equal(await el.locator('[data-counter="desiredNumberScheduled"]').innerText(), String(r.status.desiredNumberScheduled));
  // editable: not read-only, the fixes can be applied
  assert.equal(await el.locator('#ed-ds').evaluate((t) => t.readOnly), false);
  // the gallery: readonly, folded, one tab (no tab list)
  const g = page.locator('daemonset-sim').nth(3);
  await g.scrollIntoViewIfNeeded();
  await waitEl(page, 3);
  assert.equal(await g.locator('#ed-ds').evaluate((t) => t.readOnly), true);
  assert.equal(await g.locator('details.dss-inputs').evaluate((d) => d.open), false);
  assert.equal(await g.locator('[role=tablist]').isVisible(), false);
  await g.locator('[data-node="control-plane"]').click();
  assert.equal(await g.locator('.fix-actions').first().isVisible(), false, 'no Apply in a read-only element');
  // readonly can be switched after the start
  await page.evaluate(() => document.querySelectorAll('daemonset-sim')[3].removeAttribute('readonly'));
  assert.equal(await g.locator('#ed-ds').evaluate((t) => t.readOnly), false);
  await page.close();
});

test('zh-TW: the element words everything in Traditional Chinese; one language per page', async () => {
  const page = await openPage(env.browser, { locale: 'zh-TW' });
  await page.goto(`${env.srv.url}docs-demo.zh-TW.html`);
  await waitEl(page, 0);
  const zh = TABLES['zh-TW'];
  const el = page.locator('daemonset-sim').nth(0);
  assert.equal(await el.locator('.dss').getAttribute('lang'), 'zh-TW');
  assert.equal(await el.locator('[role=tab][data-tab="coverage"]').innerText(), zh['tab.coverage']);
  assert.equal(await el.locator('.dss-full').innerText(), zh['embed.open']);
  assert.equal(await el.locator('.dss-more a').innerText(), zh['tab.rollout']);
  assert.match(await el.locator('[data-node="worker-1"]').innerText(), new RegExp(zh['state.scheduled']));
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-TW');
  // the link to the full page keeps the language
  await page.locator('daemonset-sim').nth(3).scrollIntoViewIfNeeded();
  await waitEl(page, 3);
  assert.match(await page.locator('daemonset-sim').nth(3).locator('.dss-full').getAttribute('href'), /lang=zh-TW/);
  // an English document: the element follows it, and the document's lang is left alone
  await page.goto(`${env.srv.url}docs-demo.html`);
  await waitEl(page, 0);
  assert.equal(await page.locator('daemonset-sim').nth(0).locator('[role=tab][data-tab="coverage"]').innerText(), TABLES.en['tab.coverage']);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('theme: the attribute, else the reader\'s preference; live switch', async () => {
  for (const scheme of ['light', 'dark']) {
    const page = await openPage(env.browser, { colorScheme: scheme });
    await page.goto(`${env.srv.origin}/t/theme.html`);
    for (const id of ['#dark', '#light', '#auto']) await waitEl(page, id);
    const bg = (id) => page.locator(`${id} .dss`).evaluate((d) => getComputedStyle(d).backgroundColor);
    assert.equal(await bg('#dark'), 'rgb(15, 19, 25)');
    assert.equal(await bg('#light'), 'rgb(255, 255, 255)');
    assert.equal(await bg('#auto'), scheme === 'dark' ? 'rgb(15, 19, 25)' : 'rgb(255, 255, 255)');
    assert.equal(await page.locator('#auto .dss').getAttribute('data-theme'), scheme);
    await page.evaluate(() => document.querySelector('#light').setAttribute('theme', 'dark'));
    assert.equal(await bg('#light'), 'rgb(15, 19, 25)');
    // the state colours follow (a scheduled cell's background)
    const cell = await page.locator('#dark [data-node="worker-1"]').evaluate((c) => getComputedStyle(c).backgroundColor);
    assert.equal(cell, 'rgb(19, 42, 27)');
    await page.close();
  }
});

test('lazy start: nothing but the loader before an element nears the viewport; every request on the origin', async (t) => {
  const page = await openPage(env.browser);
  await page.goto(`${env.srv.origin}/t/far.html`);
  await page.waitForTimeout(800);
  const paths = () => page.log.requests.map((u) => new URL(u).pathname);
  assert.deepEqual(paths(), ['/t/far.html', '/t/t.css', '/element/daemonset-sim.js']);
  assert.equal(await page.evaluate(() => document.querySelector('#far').started), null);
  assert.match(await page.locator('#far .ph').innerText(), /starts when scrolled into view/);
  // the placeholder has the element's size: no jump when it starts
  const box0 = await page.locator('#far').boundingBox();
  await page.locator('#far').scrollIntoViewIfNeeded();
  await waitEl(page, '#far');
  const box1 = await page.locator('#far').boundingBox();
  assert.equal(box1.height, box0.height);
  assert.equal(box0.height, 720);
  const started = paths();
  assert.ok(started.includes('/element/embed.js') && started.includes('/engine/worker.js') && started.includes('/pkg/daemonset_sim_core_bg.wasm.lzma') && !started.some((p) => p.startsWith('/pkg/daemonset_sim_bg.wasm')), started.join(' '));
  assert.deepEqual(foreignRequests(page, env.srv.origin), []);
  // what the element adds to a page, gzip -9: before it starts, and what it loads when it starts
  const gz = (p) => zlib.gzipSync(fs.readFileSync(path.join(SITE, p)), { level: 9 }).length;
  const loader = gz('element/daemonset-sim.js');
  const files = [...new Set(started.filter((p) => !p.startsWith('/t/')))].map((p) => p.slice(1));
  const sizes = files.map((p) => [p, gz(p)]);
  const sum = (re) => sizes.filter(([p]) => re.test(p)).reduce((a, [, b]) => a + b, 0);
  t.diagnostic(`loader gzip -9: ${loader} B`);
  t.diagnostic(`at the start: ${files.length} files, ${sum(/./) - loader} B gzip -9 (wasm ${sum(/\.wasm(\.lzma)?$/)} B, JavaScript ${sum(/\.js$/) - loader} B, CSS ${sum(/\.css$/)} B, other ${sum(/\.(json|yaml)$/)} B)`);
  t.diagnostic(sizes.map(([p, n]) => `${p} ${n}`).join(', '));
  assert.ok(loader < 2048, `loader ${loader} B`);
  // the demo page: the gallery far below waits, with the examples' index
  await page.goto(`${env.srv.url}docs-demo.html`);
  await waitEl(page, 0);
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => [...document.querySelectorAll('daemonset-sim[example]')].filter((e) => e.started).length), 0);
  assert.ok(!page.log.requests.some((u) => u.endsWith('/examples/index.json')));
  await page.locator('daemonset-sim[example="fluentd"]').scrollIntoViewIfNeeded();
  await waitEl(page, 'daemonset-sim[example="fluentd"]');
  assert.ok(page.log.requests.some((u) => u.endsWith('/examples/index.json')));
  assert.equal(page.log.requests.filter((u) => u.endsWith('/engine/worker.js')).length, 2, 'one per page load');
  assert.deepEqual(foreignRequests(page, env.srv.origin), []);
  await page.close();
});

test('styles leak neither way: the page\'s rules leave the element alone, the element\'s leave the page alone', async () => {
  const page = await openPage(env.browser);
  // the element on a page without loud styles: what it looks like
  const look = () => page.evaluate(() => {
    const r = document.querySelector('#a').shadowRoot;
    const cs = (sel, props) => { const s = getComputedStyle(r.querySelector(sel)); return Object.fromEntries(props.map((p) => [p, s.getPropertyValue(p)])); };
    return {
      wrap: cs('.dss', ['color', 'background-color', 'letter-spacing', 'text-transform', 'font-family', 'display']),
      tab: cs('[role=tab][aria-selected=true]', ['color', 'background-color', 'font-family', 'letter-spacing']),
      chip: cs('.chip', ['color', 'background-color']),
      code: cs('.kubectl-table td', ['color', 'font-size']),
      grid: cs('#grid', ['display']),
      panel: cs('.panel:not([hidden])', ['display']),
    };
  });
  const pageLook = () => page.evaluate(() => ({
    ...Object.fromEntries(['p-chip', 'p-banner', 'p-table', 'p-code', 'p-tab', 'p-empty'].map((id) => {
      const s = getComputedStyle(document.getElementById(id));
      return [id, ['color', 'background-color', 'font-family', 'font-size', 'padding', 'border', 'letter-spacing', 'display'].map((p) => s.getPropertyValue(p)).join(' | ')];
    })),
    html: `${getComputedStyle(document.documentElement).backgroundColor} ${getComputedStyle(document.body).margin}`,
    lang: document.documentElement.lang,
    data: JSON.stringify(document.documentElement.dataset),
  }));
  await page.goto(`${env.srv.origin}/t/plain.html`);
  const pageBefore = await pageLook();
  await waitEl(page, '#a');
  const quiet = await look();
  // element -> page: the page's own elements of the same names did not change when the element started
  assert.deepEqual(await pageLook(), pageBefore);
  assert.equal(await page.evaluate(() => document.querySelectorAll('style, link[rel=stylesheet]').length), 0, 'nothing added to the document');
  // page -> element: loud page rules on every name the element uses change nothing in it
  await page.goto(`${env.srv.origin}/t/loud.html`);
  await waitEl(page, '#a');
  const loud = await look();
  assert.deepEqual(loud, quiet);
  assert.equal(quiet.wrap['letter-spacing'], 'normal');
  assert.equal(quiet.grid.display, 'block');
  await page.close();
});

test('user text stays text: markup in names, images, labels is never markup', async () => {
  const page = await openPage(env.browser);
  await page.goto(`${env.srv.origin}/t/hostile.html`);
  await waitEl(page, '#h');
  const { ds, nodes } = await texts(page, '#h');
  assert.match(ds, /<img src=x onerror=alert\(1\)>/);
  const html = await page.evaluate(() => document.querySelector('#h').shadowRoot.innerHTML);
  assert.equal(await page.evaluate(() => document.querySelector('#h').shadowRoot.querySelectorAll('img, script, b, svg').length), 0, 'no element from the input');
  assert.ok(!html.includes('<img src'), 'no markup from the input');
  // the engine's answer is shown, as text: the API server's error quoting the name
  assert.match(await page.locator('#h #diag-ds').innerText(), /metadata\.name: Invalid value: "<img src=x onerror=alert\(1\)>"/);
  // a valid DaemonSet: the node named with markup is a cell with that text
  const n = await evaluationsOf(page, '#h');
  await paste(page, '#h', 'ds', DS);
  await waitEl(page, '#h', n);
  assert.deepEqual(await states(page, '#h'), statesOf(await expectedReport(DS, nodes)));
  assert.deepEqual(Object.keys(await states(page, '#h')), ['<img src=y onerror=alert(3)>']);
  await page.locator('#h [role=gridcell]').first().click();
  assert.match(await page.locator('#h .explain').innerText(), /<img src=y onerror=alert\(3\)>/);
  await page.locator('#h .explain details.labels summary').click();
  assert.match(await page.locator('#h .explain details.labels').innerText(), /x=<b>bold<\/b>/);
  assert.equal(await page.evaluate(() => document.querySelector('#h').shadowRoot.querySelectorAll('img, script, b, svg').length), 0);
  assert.deepEqual(page.log.dialogs, []);
  await page.close();
});

for (const [lang, file] of [['en', 'docs-demo.html'], ['zh-TW', 'docs-demo.zh-TW.html']]) {
  for (const scheme of ['light', 'dark']) {
    test(`demo page (${lang}, ${scheme}): axe-core finds nothing, every request on the origin; screenshots`, async () => {
      const page = await openPage(env.browser, { colorScheme: scheme, locale: lang });
      await page.goto(`${env.srv.url}${file}`);
      await startAll(page);
      const found = await axeViolations(page);
      assert.deepEqual(found, []);
      // a node chosen and the Status tab: the states most readers see
      const first = page.locator('daemonset-sim').nth(0);
      await first.locator('[data-node="control-plane-1"]').click();
      await first.locator('#explain-title', { hasText: 'control-plane-1' }).waitFor();
      const third = page.locator('daemonset-sim').nth(2);
      await third.locator('[data-node="small-1"]').click();
      assert.deepEqual(await axeViolations(page), []);
      await shot(page, `element-demo-${lang}-${scheme}`);
      await first.scrollIntoViewIfNeeded();
      await shot(page, `element-first-${lang}-${scheme}`, { element: 'daemonset-sim >> nth=0' });
      await first.evaluate((e) => { e.shadowRoot.querySelector('.dss').scrollTop = 420; });
      await shot(page, `element-first-explain-${lang}-${scheme}`, { element: 'daemonset-sim >> nth=0' });
      await third.scrollIntoViewIfNeeded();
      await third.locator('[role=tab][data-tab="status"]').click();
      await shot(page, `element-status-${lang}-${scheme}`, { element: 'daemonset-sim >> nth=2' });
      const fl = page.locator('daemonset-sim[example="fluentd"]');
      await fl.scrollIntoViewIfNeeded();
      await shot(page, `element-gallery-${lang}-${scheme}`, { element: 'daemonset-sim[example="fluentd"]' });
      await page.evaluate(() => scrollTo(0, 0));
      await shot(page, `element-demo-full-${lang}-${scheme}`, { fullPage: true });
      assert.deepEqual(foreignRequests(page, env.srv.origin), []);
      assert.deepEqual(page.log.errors, []);
      await page.close();
    });
  }
}
