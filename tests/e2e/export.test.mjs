// Taking the report away: Download JSON (the engine's report, as the CLI's
// --format json), Download CSV (one record per node), Copy as Markdown (a
// table in the page's language), and the print stylesheet (the grid with
// every node and the chosen explanation, no controls, light on paper even
// in the dark theme). Expected values come from the engine run here in Node
// and from the language tables, never from the page's own export code; the
// CSV is read back by a parser written here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { setup, TABLES, openPage, waitForResult, shot, examples, expectedReport, foreignRequests, paste, bigCluster, explained } from './helpers.mjs';
import { csvField, mdText, mdCode, reportCsv } from '../../web/ui/export.js';

const env = setup();
const example = (id) => examples().find((e) => e.id === id);

async function open(page, id, lang = 'en') {
  await page.goto(`${env.srv.url}?example=${id}&lang=${lang}`);
  return waitForResult(page);
}

/** RFC 4180 records (quoted fields, doubled quotes, CRLF), read independently of the page's writer. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += '"', i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), field = '';
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), row = [], field = '', i++;
    else field += c;
  }
  assert.equal(field, '', 'the text ends with CRLF');
  return rows;
}

/** Clicks `selector` and returns the downloaded file's name and text. */
async function downloaded(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: d.suggestedFilename(), text: fs.readFileSync(await d.path(), 'utf8') };
}

test('Download JSON is the engine\'s report; Download CSV has every node with the engine\'s values', async () => {
  const ex = example('fluentd');
  const want = await expectedReport(ex.ds, ex.nodesText);
  const page = await openPage(env.browser);
  await open(page, 'fluentd');
  const json = await downloaded(page, '#export-json');
  assert.equal(json.name, `${want.daemonSet.name}.daemonset-sim.json`);
  assert.deepEqual(JSON.parse(json.text), want);

  const csv = await downloaded(page, '#export-csv');
  assert.equal(csv.name, `${want.daemonSet.name}.daemonset-sim.csv`);
  const [head, ...rows] = parseCsv(csv.text);
  assert.deepEqual(head, ['node', 'state', 'shouldRun', 'shouldContinueRunning', 'schedulerFits', 'failedPlugins', 'exclusion', 'fixes', 'message', 'labels']);
  assert.equal(rows.length, want.nodes.length);
  for (const [i, n] of want.nodes.entries()) {
    const r = Object.fromEntries(head.map((k, j) => [k, rows[i][j]]));
    assert.equal(r.node, n.name);
    assert.equal(r.state, n.state);
    assert.equal(r.shouldRun, String(n.shouldRun));
    assert.equal(r.schedulerFits, n.schedulerFits === null ? '' : String(n.schedulerFits));
    assert.equal(r.exclusion, n.exclusion ? n.exclusion.rule : '');
    assert.equal(r.fixes, n.fixes.map((f) => f.kind).join(' '));
    assert.equal(r.message, n.message ?? '');
    assert.deepEqual(r.labels.split(' ').filter(Boolean).sort(), Object.entries(n.labels).map(([k, v]) => `${k}=${v}`).sort());
  }
  assert.ok(rows.some((r) => r[1] === 'excluded') && rows.some((r) => r[1] === 'scheduled'), 'the example has several states');
  assert.deepEqual(foreignRequests(page, env.srv.origin).filter((u) => !u.startsWith('blob:')), [], 'downloads are made in the page');
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('Copy as Markdown puts a table in the page\'s language on the clipboard; both languages and themes', async () => {
  for (const [lang, scheme] of [['en', 'light'], ['zh-TW', 'dark']]) {
    const tbl = TABLES[lang];
    const ex = example('fluentd');
    const want = await expectedReport(ex.ds, ex.nodesText);
    const page = await openPage(env.browser, { colorScheme: scheme });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.srv.origin });
    await open(page, 'fluentd', lang);
    await page.click('#export-md');
    await page.waitForFunction(() => document.querySelector('#export-msg')?.textContent !== '');
    assert.equal(await page.textContent('#export-msg'), tbl['export.copied']);
    const md = await page.evaluate(() => navigator.clipboard.readText());
    const lines = md.trimEnd().split('\n');
    assert.match(lines[0], new RegExp(`^\\*\\*DaemonSet\\*\\* \`${want.daemonSet.namespace}/${want.daemonSet.name}\`: `));
    const table = lines.slice(lines.indexOf('') + 1);
    assert.equal(table[0], `| ${tbl['export.col.node']} | ${tbl['export.col.state']} | ${tbl['export.col.message']} |`);
    assert.equal(table[1], '| --- | --- | --- |');
    assert.equal(table.length, 2 + want.nodes.length);
    for (const [i, n] of want.nodes.entries()) {
      const cells = table[2 + i].slice(2, -2).split(' | ');
      assert.equal(cells[0], `\`${n.name}\``);
      assert.equal(cells[1], tbl[`state.${n.state}`]);
      // Kubernetes' message, only Markdown's own characters escaped
      assert.equal(cells[2].replace(/\\([\\`*_[\]#~])/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>'), n.message ?? '');
    }
    await shot(page, `export-${lang}-${scheme}`, { element: '#coverage-body .toolbar' });
    await page.close();
  }
});

test('CSV and Markdown escape what would break them or run as a formula', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
  assert.equal(csvField('+1'), "'+1");
  assert.equal(csvField('-1'), "'-1");
  assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(mdText('a|b'), 'a\\|b');
  assert.equal(mdText('<img src=x onerror=alert(1)>'), '&lt;img src=x onerror=alert(1)&gt;');
  assert.equal(mdText('*x* _y_ [l](u) `c`'), '\\*x\\* \\_y\\_ \\[l\\](u) \\`c\\`');
  assert.equal(mdText('one\ntwo'), 'one two');
  assert.equal(mdCode('node-1'), '`node-1`');
  assert.equal(mdCode('a`b'), '``a`b``');
  assert.equal(mdCode('`x'), '`` `x ``');
  assert.equal(mdCode('a|b'), '`a\\|b`');
  // a whole report: one header and one record per node, CRLF
  const report = { nodes: [{ name: 'n,1', state: 'pending', shouldRun: true, shouldContinueRunning: true, schedulerFits: false,
    schedulerFailedPlugins: ['NodeResourcesFit'], exclusion: null, fixes: [{ kind: 'freeCapacity' }], message: '0/1 nodes are available: 1 Insufficient cpu.', labels: { a: 'b' } }] };
  assert.equal(reportCsv(/** @type {any} */ (report)),
    'node,state,shouldRun,shouldContinueRunning,schedulerFits,failedPlugins,exclusion,fixes,message,labels\r\n'
    + '"n,1",pending,true,true,false,NodeResourcesFit,,freeCapacity,0/1 nodes are available: 1 Insufficient cpu.,a=b\r\n');
});

test('printing shows the counts, every node of the grid and the chosen explanation, no controls, light in the dark theme', async () => {
  for (const [lang, scheme] of [['en', 'dark'], ['zh-TW', 'light']]) {
    // enough nodes that the grid scrolls on screen: printing shows them all
    const nodes = bigCluster(400);
    const page = await openPage(env.browser, { colorScheme: scheme });
    await open(page, 'fluentd', lang);
    await paste(page, 'Nodes', nodes);
    await page.click('#grid [data-node="node-00007"]');
    // the explanation comes from the engine a moment after the click (CI once read the one before)
    await page.waitForFunction(() => /node-00007/.test(document.querySelector('#explain-title')?.textContent ?? ''));
    await explained(page);
    await page.emulateMedia({ media: 'print' });
    const seen = await page.evaluate(() => {
      const shown = (sel) => { const el = document.querySelector(sel); return Boolean(el) && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0; };
      const grid = document.querySelector('#grid');
      return {
        editors: shown('#editors'), tabs: shown('#tabs'), toolbar: shown('#coverage-body .toolbar'), tools: shown('.top .tools'),
        grid: shown('#grid'), explain: shown('#explain'), counts: shown('#counts'),
        buttons: [...document.querySelectorAll('#results button')].filter((b) => getComputedStyle(b).display !== 'none').length,
        cells: grid ? grid.querySelectorAll('[role=gridcell]').length : 0,
        scrolls: grid ? grid.scrollHeight > grid.clientHeight + 1 : true,
        background: getComputedStyle(document.documentElement).backgroundColor,
        explainTitle: document.querySelector('#explain-title')?.textContent ?? '',
      };
    });
    assert.deepEqual({ editors: seen.editors, tabs: seen.tabs, toolbar: seen.toolbar, tools: seen.tools, buttons: seen.buttons },
      { editors: false, tabs: false, toolbar: false, tools: false, buttons: 0 }, 'no controls on paper');
    assert.ok(seen.grid && seen.explain && seen.counts, 'grid, counts and explanation are printed');
    assert.equal(seen.cells, 400);
    assert.equal(seen.scrolls, false, 'the grid is not cut to its screen height');
    assert.equal(seen.background, 'rgb(255, 255, 255)', 'paper is light whatever the theme');
    assert.match(seen.explainTitle, /node-00007/);
    await shot(page, `print-${lang}-${scheme}`, { fullPage: true });
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 10_000, 'Chromium prints it');
    await page.close();
  }
});
