// Accessibility: axe-core on every tab in both languages and themes, WCAG AA
// contrast of every visible text (and 3:1 for the state icons) in both
// themes, the theme toggle, ARIA roles and names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, waitForResult, waitForView, paste, editor, shot, examples, axeViolations, explained } from './helpers.mjs';

const env = setup();

/**
 * Each tab in the state a reader sees most: a node chosen where a tab has an
 * explanation, the rollout loaded, a cluster cell opened.
 */
const AXE_STOPS = [
  ['coverage', 'fluentd', async (page) => { await page.click('#grid [data-node="worker-2"]'); await explained(page); }],
  ['status', 'fluentd', async () => {}],
  ['rollout', 'node-agent', async (page) => { await waitForView(page, 'rollouts'); }],
  ['deployment', 'fluentd', async (page) => {
    await waitForView(page, 'comparisons');
    await page.click('.cmp-side[data-side="deployment"] [data-node="worker-1"]');
    await page.waitForFunction(() => document.querySelector('.cmp-scores')?.dataset.node === 'worker-1');
  }],
  ['cluster', 'cluster', async (page) => {
    await waitForView(page, 'clusters');
    await page.locator('td.cl-cell[data-state="pending"] button').first().click();
    await waitForView(page, 'clusterCells');
  }],
];

for (const lang of ['en', 'zh-TW']) {
  for (const scheme of ['light', 'dark']) {
    test(`axe-core: no violation on any tab (${lang}, ${scheme} theme), nor with errors in the editors`, async () => {
      const page = await openPage(env.browser, { colorScheme: scheme, locale: lang });
      const found = [];
      for (const [tab, ex, ready] of AXE_STOPS) {
        await page.goto(`${env.srv.url}?lang=${lang}&example=${ex}&tab=${tab}`);
        await waitForResult(page);
        await ready(page);
        assert.equal(await page.getAttribute(`[role=tab][data-tab="${tab}"]`, 'aria-selected'), 'true');
        for (const v of await axeViolations(page)) found.push(`${tab}: ${v}`);
      }
      // errors: a refused DaemonSet (diagnostics with their line buttons) and unreadable nodes
      const ds = (await editor(page, lang === 'en' ? 'DaemonSet' : /DaemonSet/).inputValue()).replace('kind: DaemonSet', 'kind: DaemonSet\nspec: {}\nbogus: 1');
      await paste(page, lang === 'en' ? 'DaemonSet' : /DaemonSet/, ds);
      await paste(page, lang === 'en' ? 'Nodes' : /Nodes/, '- name: [');
      assert.ok(await page.locator('.diag-at').count() > 0, 'the errors are listed with their positions');
      for (const v of await axeViolations(page)) found.push(`errors: ${v}`);
      assert.deepEqual(found, []);
      assert.deepEqual(page.log.errors, []);
      await page.close();
    });
  }
}

/** Every visible text below AA (4.5:1, 3:1 for large text) and every state icon below 3:1. */
function contrastFailures(page) {
  return page.evaluate(() => {
    const parse = (c) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    };
    const lum = ([r, g, b]) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
    const background = (el) => {
      const layers = [];
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c[3] > 0) layers.push(c);
        if (c && c[3] === 1) break;
      }
      let bg = [255, 255, 255, 1];
      for (const l of layers.reverse()) bg = over(l, bg);
      return bg;
    };
    const name = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''} "${el.textContent.trim().slice(0, 40)}"`;
    const fails = [];
    const seen = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || seen.has(el) || !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      seen.add(el);
      const cs = getComputedStyle(el);
      const fg = parse(cs.color);
      const bg = background(el);
      const size = parseFloat(cs.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
      const r = ratio(over(fg, bg), bg);
      if (r < (large ? 3 : 4.5)) fails.push(`${name(el)}: ${r.toFixed(2)}`);
    }
    for (const el of document.querySelectorAll('textarea, input[type=search], select, .share-box input')) {
      if (!el.checkVisibility()) continue;
      const cs = getComputedStyle(el);
      // an editor's text is drawn by its colour layer (checked with the texts above); its caret must show
      const transparent = parse(cs.color)[3] === 0;
      if (transparent && !el.closest('.editor')?.querySelector('.hl-line')) fails.push(`${name(el)}: transparent text without its colour layer`);
      const r = ratio(parse(transparent ? cs.caretColor : cs.color), background(el));
      if (r < 4.5) fails.push(`${name(el)}: ${r.toFixed(2)}`);
    }
    for (const el of document.querySelectorAll('.ic')) {
      if (!el.checkVisibility() || el.closest('.chip[aria-pressed="false"]')) continue;
      const r = ratio(parse(getComputedStyle(el).backgroundColor), background(el.parentElement));
      if (r < 3) fails.push(`icon in ${name(el.parentElement)}: ${r.toFixed(2)}`);
    }
    return fails;
  });
}

for (const scheme of ['light', 'dark']) {
  test(`${scheme} theme: every text passes WCAG AA contrast, in every view and state`, async () => {
    const page = await openPage(env.browser, { colorScheme: scheme });
    const fails = new Set();
    const check = async (what) => { for (const f of await contrastFailures(page)) fails.add(`${what}: ${f}`); };
    for (const ex of ['fluentd', 'my-daemonset', 'node-exporter', 'worker-affinity']) {
      await page.goto(`${env.srv.url}?example=${ex}`);
      await waitForResult(page);
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), scheme);
      for (const name of await page.$$eval('#grid [role=gridcell]', (cs) => cs.map((c) => c.dataset.node))) {
        await page.click(`#grid [data-node="${name}"]`);
        await explained(page);
        await page.$$eval('#explain details', (ds) => ds.forEach((d) => { d.open = true; }));
        await check(`${ex}/${name}`);
      }
      await page.click('[role=tab][data-tab="status"]');
      await check(`${ex}/status`);
      // the Rollout view at its last step, the comparison with a node's scores
      await page.click('[role=tab][data-tab="rollout"]');
      await page.waitForFunction(() => Number(document.documentElement.dataset.rollouts || 0) > 0 && document.documentElement.dataset.busy !== 'true');
      await page.focus('#ro-slider');
      await page.keyboard.press('End');
      await page.waitForFunction(() => document.querySelector('.ro-grid')?.dataset.t === document.querySelector('.ro-at').textContent.match(/t = (\d+)/)[1]);
      await check(`${ex}/rollout`);
      await page.click('[role=tab][data-tab="deployment"]');
      await page.waitForFunction(() => Number(document.documentElement.dataset.comparisons || 0) > 0 && document.documentElement.dataset.busy !== 'true');
      await page.click('.cmp-side[data-side="daemonset"] [role=option]');
      await page.waitForSelector('.cmp-scores table');
      await check(`${ex}/deployment`);
    }
    // the error state, the share box, a filter chip switched off, a focused cell
    await page.click('[role=tab][data-tab="coverage"]');
    const ds = await editor(page, 'DaemonSet').inputValue();
    await paste(page, 'DaemonSet', ds.replace('operator: Exists', 'operator: Maybe'));
    await page.click('#share');
    await page.click('#chips .chip[data-state="excluded"]');
    await page.focus('#grid [role=gridcell]');
    await check('error state');
    if (scheme === 'dark') await shot(page, 'dark', { fullPage: true });
    else await shot(page, 'light-error-share');
    assert.deepEqual([...fails], []);
    await page.close();
  });
}

test('the theme toggle overrides prefers-color-scheme and is remembered', async () => {
  const page = await openPage(env.browser, { colorScheme: 'light' });
  await page.goto(env.srv.url);
  await waitForResult(page);
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  await toggle.click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  await page.reload();
  await waitForResult(page);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor), bg);
  await page.close();
});

test('roles and names: editors, tabs, grid cells, buttons, fields', async () => {
  const page = await openPage(env.browser);
  await page.goto(`${env.srv.url}?example=${examples()[0].id}`);
  await waitForResult(page);
  // the stable hooks
  assert.equal(await page.getByRole('textbox', { name: 'DaemonSet', exact: true }).count(), 1);
  assert.equal(await page.getByRole('textbox', { name: 'Nodes', exact: true }).count(), 1);
  // tabs
  const tabs = page.getByRole('tab');
  assert.deepEqual(await tabs.allTextContents(), ['Coverage', 'Status', 'Rollout', 'Deployment vs DaemonSet', 'Cluster']);
  assert.equal(await page.getByRole('tab', { selected: true }).textContent(), 'Coverage');
  assert.equal(await page.getByRole('tabpanel').count(), 1);
  await page.getByRole('tab', { name: 'Coverage' }).focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByRole('tab', { selected: true }).textContent(), 'Status');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.tab), 'status');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByRole('tab', { selected: true }).textContent(), 'Rollout');
  await page.getByRole('tabpanel').getByRole('slider', { name: 'Instant of the rollout' }).waitFor();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByRole('tab', { selected: true }).textContent(), 'Deployment vs DaemonSet');
  await page.waitForSelector('#panel-deployment [role=listbox] [role=option]');
  assert.equal(await page.getByRole('listbox', { name: 'DaemonSet: pods per node' }).count(), 1);
  assert.equal(await page.getByRole('listbox', { name: 'Deployment: pods per node' }).count(), 1);
  // every visible control of both views has a name
  for (const tab of ['rollout', 'deployment']) {
    await page.click(`[role=tab][data-tab="${tab}"]`);
    const unnamed = await page.$$eval(`#panel-${tab} :is(button, select, input, textarea, [role=option])`, (els) => els
      .filter((e) => e.checkVisibility() && !(e.getAttribute('aria-label') || e.labels?.length || e.textContent.trim() || e.getAttribute('aria-labelledby')))
      .map((e) => e.outerHTML.slice(0, 80)));
    assert.deepEqual(unnamed, [], tab);
  }
  await page.keyboard.press('Home');
  // grid: cells are gridcells in rows, named "<node>: <state>"
  const grid = page.getByRole('grid', { name: 'Nodes by state' });
  assert.equal(await grid.count(), 1);
  const cells = grid.getByRole('gridcell');
  assert.ok((await cells.count()) > 0);
  for (const c of await cells.all()) {
    const [name, state] = [await c.getAttribute('data-node'), await c.getAttribute('data-state')];
    assert.ok(['scheduled', 'pending', 'excluded', 'keeps-existing'].includes(state));
    assert.match(await c.getAttribute('aria-label'), new RegExp(`^${name}: \\w`));
    assert.equal(await c.evaluate((e) => e.parentElement.getAttribute('role')), 'row');
  }
  // every visible control has a name
  const unnamed = await page.$$eval('button, select, input, textarea, [role=gridcell], [role=tab]', (els) => els
    .filter((e) => e.checkVisibility() && !(e.getAttribute('aria-label') || e.labels?.length || e.textContent.trim() || e.getAttribute('aria-labelledby')))
    .map((e) => e.outerHTML.slice(0, 80)));
  assert.deepEqual(unnamed, []);
  // no inline style attributes in the markup, one CSP meta
  assert.equal(await page.$$eval('[style]', (els) => els.filter((e) => e.getAttribute('style') && !e.closest('#grid, .editor')).length), 0);
  assert.match(await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content'), /script-src 'self' 'wasm-unsafe-eval'/);
  await page.close();
});

test('a phone-sized screen: no horizontal scrolling, the grid and explanation stack', async () => {
  const page = await openPage(env.browser, { viewport: { width: 390, height: 844 } });
  for (const ex of examples()) {
    await page.goto(`${env.srv.url}?example=${ex.id}`);
    await waitForResult(page);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, ex.id);
  }
  // the Rollout and comparison views too (wide tables scroll in their own box)
  await page.goto(`${env.srv.url}?example=my-daemonset&tab=rollout`);
  await waitForResult(page);
  await page.waitForFunction(() => Number(document.documentElement.dataset.rollouts || 0) > 0);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, 'rollout');
  await page.click('[role=tab][data-tab="deployment"]');
  await page.waitForFunction(() => Number(document.documentElement.dataset.comparisons || 0) > 0);
  await page.click('.cmp-side[data-side="deployment"] [role=option]');
  await page.waitForSelector('.cmp-scores table');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, 'deployment');
  await shot(page, 'phone-deployment', { fullPage: true });
  await shot(page, 'phone', { fullPage: true });
  await page.close();
});
