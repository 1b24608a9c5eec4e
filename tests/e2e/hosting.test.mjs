// Hosting: the page works from a sub-path of a static host (only relative
// URLs, every request under that sub-path), and embedded in an <iframe>
// with the snippet of web/EMBED.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setup, openPage, waitForResult, gridStates, shot, expectedReport, examples, WEB, statesOf } from './helpers.mjs';

const PREFIX = '/docs/sim/';
// the documented snippet, with the folder at ./sim/ next to the documentation page
const snippet = fs.readFileSync(path.join(WEB, 'EMBED.md'), 'utf8').match(/```html\n(<iframe[\s\S]*?<\/iframe>)\n```/)[1].replace('daemonset-sim/', 'sim/');
const docPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Docs</title><link rel="icon" href="data:,"></head>
<body><h1>DaemonSet placement</h1><p>Try it:</p>${snippet}</body></html>`;

const env = setup({ prefix: PREFIX, extra: { '/docs/page.html': ['text/html; charset=utf-8', docPage] } });


test('the page works from a sub-path: every request stays under it', async () => {
  const page = await openPage(env.browser);
  for (const ex of examples().slice(0, 3)) {
    await page.goto(`${env.srv.url}index.html?example=${ex.id}`);
    await waitForResult(page);
    assert.deepEqual(await gridStates(page), statesOf(await expectedReport(ex.ds, ex.nodesText)));
  }
  const paths = page.log.requests.filter((u) => !u.startsWith('data:')).map((u) => new URL(u));
  assert.ok(paths.length > 10);
  for (const u of paths) {
    assert.equal(u.origin, env.srv.origin, u.href);
    assert.ok(u.pathname.startsWith(PREFIX), u.pathname);
  }
  // the share link stays on the sub-path
  await page.click('#share');
  // the link is built asynchronously (CompressionStream)
  await page.waitForFunction(() => document.querySelector('#share-url').value.includes('#s='));
  const link = await page.inputValue('#share-url');
  assert.ok(link.startsWith(`${env.srv.origin}${PREFIX}index.html#s=`), link);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('embedded with the documented snippet: compact, read-only, only the chosen tabs', async () => {
  const page = await openPage(env.browser, { viewport: { width: 1000, height: 900 } });
  await page.goto(`${env.srv.origin}/docs/page.html`);
  const frame = page.frameLocator('iframe');
  await frame.locator('#grid [role=gridcell]').first().waitFor();
  const f = page.frames().find((x) => x.url().includes('embed=1'));
  await waitForResult(f);
  const ex = examples().find((e) => e.id === 'ssd-monitor');
  assert.deepEqual(await gridStates(f), statesOf(await expectedReport(ex.ds, ex.nodesText)));
  assert.equal(await f.evaluate(() => document.documentElement.lang), 'en');
  // only the chosen tabs
  const tabs = await f.$$eval('[role=tab]', (ts) => ts.filter((t) => !t.hidden).map((t) => t.dataset.tab));
  assert.deepEqual(tabs, ['coverage', 'status']);
  // read-only editors, folded away; no example menu, no share button
  assert.equal(await f.$eval('#ed-ds', (t) => t.readOnly), true);
  assert.equal(await f.$eval('#inputs', (d) => d.open), false);
  assert.equal(await f.isVisible('#example'), false);
  assert.equal(await f.isVisible('#share'), false);
  assert.equal(await f.isVisible('#open-full'), true);
  // the reader can still open the inputs and look
  await f.click('#inputs > summary');
  assert.equal(await f.isVisible('#ed-ds'), true);
  await f.click('#inputs > summary');
  await shot(page, 'embed-iframe');
  for (const u of page.log.requests.filter((x) => !x.startsWith('data:'))) assert.ok(u.startsWith(env.srv.origin), u);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});
