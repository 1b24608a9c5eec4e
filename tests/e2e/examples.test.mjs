// Every example of web/examples/index.json renders exactly what the engine
// reports (computed here by the same wasm module, in Node), no request
// leaves the page's origin, and nothing is logged as an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, waitForResult, gridStates, shot, expectedReport, examples, statesOf } from './helpers.mjs';

const env = setup();

test('the page opens on an example, not on empty editors', async () => {
  const page = await openPage(env.browser);
  await page.goto(env.srv.url);
  await waitForResult(page);
  const first = examples()[0];
  assert.equal(await page.getByLabel('DaemonSet', { exact: true }).inputValue(), first.ds);
  assert.equal(await page.getByLabel('Nodes', { exact: true }).inputValue(), first.nodesText);
  assert.equal(await page.inputValue('#example'), first.id);
  const options = await page.$$eval('#example option', (os) => os.map((o) => o.value).filter(Boolean));
  assert.deepEqual(options, examples().map((e) => e.id));
  await shot(page, 'light');
  await page.close();
});

for (const ex of examples()) {
  test(`example ${ex.id}: grid, counts and every node's explanation match the engine`, async () => {
    const want = await expectedReport(ex.ds, ex.nodesText);
    assert.deepEqual(want.errors, [], 'the example is valid');
    const page = await openPage(env.browser);
    await page.goto(`${env.srv.url}?example=${ex.id}`);
    await waitForResult(page);

    // the grid: one cell per node, in the engine's state
    const got = await gridStates(page);
    assert.deepEqual(got, statesOf(want));

    // kubectl get ds columns
    const s = want.status;
    const cols = { DESIRED: s.desiredNumberScheduled, CURRENT: s.currentNumberScheduled, READY: s.numberReady, 'UP-TO-DATE': s.updatedNumberScheduled, AVAILABLE: s.numberAvailable };
    for (const [c, v] of Object.entries(cols)) assert.equal(await page.textContent(`#counts td[data-col="${c}"]`), String(v), c);
    assert.ok((await page.textContent('#counts tbody')).includes(want.nodeSelector));

    // chips carry the engine's counts
    const chips = await page.$$eval('#chips .chip', (cs) => Object.fromEntries(cs.map((c) => [c.dataset.state, Number(c.querySelector('.count').textContent)])));
    assert.deepEqual(chips, {
      scheduled: want.counts.scheduled, pending: want.counts.pending, excluded: want.counts.excluded,
      'keeps-existing': want.counts.keepsExisting,
      // the rare state has a chip only when it happens
      ...(want.counts.failedCreate ? { 'failed-create': want.counts.failedCreate } : {}),
    });

    // every node's explanation: state badge, the kubectl message verbatim, every taint, every fix
    for (const n of want.nodes) {
      await page.click(`#grid [data-node="${n.name}"]`);
      await page.waitForFunction((name) => document.querySelector('#explain h2')?.textContent === `Node ${name}`, n.name);
      assert.equal(await page.getAttribute('#explain .badge', 'data-state'), n.state);
      const text = await page.textContent('#explain');
      if (n.message) assert.equal(await page.textContent('#explain pre.kubectl'), n.message);
      else assert.equal(await page.$('#explain pre.kubectl'), null);
      for (const tc of n.taints) assert.ok(text.includes(tc.text), `${n.name}: taint ${tc.text}`);
      const outcomes = await page.$$eval('#explain tr[data-outcome]', (rs) => rs.map((r) => r.dataset.outcome));
      assert.deepEqual(outcomes, n.taints.map((tc) => tc.outcome));
      if (n.taints.some((tc) => tc.autoToleration)) assert.ok(text.includes('added automatically by the DaemonSet controller'));
      const snippets = await page.$$eval('#explain .fixes pre', (ps) => ps.map((p) => p.textContent));
      const wantSnippets = n.fixes.map((f) => f.yaml || f.command).filter(Boolean);
      assert.deepEqual(snippets, wantSnippets, `${n.name}: fixes`);
      for (const r of n.insufficient) assert.ok(await page.$(`#explain tr.short[data-resource="${r.resource}"]`), `${n.name}: ${r.resource} marked short`);
      for (const c of n.portConflicts) assert.ok(text.includes(c.usedBy), `${n.name}: port user ${c.usedBy}`);
    }
    if (ex.id === 'my-daemonset') {
      await shot(page, 'explanation-panel', { element: '#explain' });
      // the copy button puts the snippet on the clipboard
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.srv.origin });
      const box = page.locator('#explain .snippet-box').first();
      await box.locator('button.copy').click();
      await page.waitForFunction(() => document.querySelector('#explain .snippet-box button.copy').textContent === 'Copied');
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await box.locator('pre').textContent());
    }

    // Status tab: counters and the automatic tolerations
    await page.click('[role=tab][data-tab="status"]');
    for (const k of ['desiredNumberScheduled', 'currentNumberScheduled', 'numberReady', 'updatedNumberScheduled', 'numberAvailable', 'numberMisscheduled', 'numberUnavailable']) {
      assert.equal(await page.textContent(`#panel-status td[data-counter="${k}"]`), String(s[k]), k);
    }
    const describe = await page.textContent('#panel-status pre.describe');
    assert.ok(describe.includes(`Name:           ${want.daemonSet.name}`));
    assert.ok(describe.includes(`Namespace:      ${want.daemonSet.namespace}`));
    const tols = await page.$$eval('#panel-status ul.tols li', (ls) => ls.map((l) => l.textContent));
    // the template's own tolerations first, then the controller's automatic ones
    assert.equal(tols.length, want.tolerations.length + want.autoTolerations.length);
    assert.deepEqual(tols.slice(want.tolerations.length), want.autoTolerations.map((x) => `${x.key}${x.effect ? `:${x.effect}` : ''} op=Exists`));
    if (ex.id === 'fluentd') await shot(page, 'status-tab');

    // privacy: every request went to the page's own origin
    const foreign = page.log.requests.filter((u) => !u.startsWith(env.srv.origin + '/') && !u.startsWith('data:'));
    assert.deepEqual(foreign, []);
    assert.deepEqual(page.log.errors, []);
    await page.close();
  });
}
