// Apply: a fix from the explanation put into the editor by the engine
// (Simulator.applyFix), the grid re-evaluated, Undo and the editor's own
// Ctrl+Z bringing the text back; by mouse and by keyboard alone; a change
// to a shorthand entry that reaches several nodes; both languages and
// themes. Every expected text and state comes from the engine run here in
// Node on the same texts, never from the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, TABLES, openPage, waitForResult, shot, examples, loadEngine, expectedReport, foreignRequests, gridStates, paste, explained, statesOf } from './helpers.mjs';

const env = setup();
const example = (id) => examples().find((e) => e.id === id);

/** What the engine makes of fix `kind` of `node`: the new texts. */
async function applied(ex, node, kind) {
  const { Simulator } = await loadEngine();
  const sim = new Simulator();
  try {
    sim.setCluster(ex.nodesText);
    const report = sim.evaluate(ex.ds);
    const n = report.nodes.find((x) => x.name === node);
    const index = n.fixes.findIndex((f) => f.kind === kind);
    assert.ok(index >= 0, `${node} has a ${kind} fix`);
    const a = sim.applyFix(ex.ds, ex.nodesText, node, index);
    const splice = (s) => s.slice(0, a.start) + a.insert + s.slice(a.end);
    const ds = a.text === 'daemonSet' ? splice(ex.ds) : ex.ds;
    const nodes = a.text === 'nodes' ? splice(ex.nodesText) : ex.nodesText;
    return { ds, nodes, index, fix: n.fixes[index], applied: a, report: await expectedReport(ds, nodes) };
  } finally {
    sim.free();
  }
}


async function open(page, id, lang = 'en') {
  await page.goto(`${env.srv.url}?example=${id}&lang=${lang}`);
  return waitForResult(page);
}

test('Apply adds the toleration to the DaemonSet editor; the grid is the engine\'s for the new text; Undo and Ctrl+Z bring it back', async () => {
  const ex = example('fluentd');
  const want = await applied(ex, 'gpu-1', 'addToleration');
  const page = await openPage(env.browser);
  let n = await open(page, 'fluentd');
  await page.click('#grid [data-node="gpu-1"]');
  await explained(page);
  // an Apply button on each fix the engine can apply, none on the others
  const item = page.locator('#explain li[data-fix="addToleration"]');
  assert.equal(await item.locator('.fix-apply').count(), 1);
  assert.match(await item.textContent(), /changes the DaemonSet editor/);
  await shot(page, 'apply-buttons-en-light', { element: '#explain' });
  await item.locator('.fix-apply').click();
  n = await waitForResult(page, n);
  assert.equal(await page.inputValue('#ed-ds'), want.ds, 'the editor holds the engine\'s text');
  assert.equal(await page.inputValue('#ed-nodes'), ex.nodesText);
  assert.deepEqual(await gridStates(page), statesOf(want.report));
  const line = want.ds.slice(0, want.applied.start + want.applied.insert.search(/\S/)).split('\n').length;
  assert.equal(await page.textContent('#applied span'), `Applied the fix for gpu-1 in the DaemonSet editor, from line ${line}.`);
  // the taint is now tolerated, as the fix said
  await page.click('#grid [data-node="gpu-1"]');
  await explained(page);
  const row = page.locator('#explain table.taints tr', { hasText: want.fix.taint });
  assert.match(await row.textContent(), /Tolerated|✓/);
  await shot(page, 'apply-en-light', { fullPage: false });
  // Undo: the text as it was, the grid as it was
  await page.click('#applied .apply-undo');
  n = await waitForResult(page, n);
  assert.equal(await page.inputValue('#ed-ds'), ex.ds);
  assert.deepEqual(await gridStates(page), statesOf(await expectedReport(ex.ds, ex.nodesText)));
  assert.equal(await page.textContent('#applied'), 'Undone: the text is as it was.');
  // the editor's own undo works too (one edit, not a retyped text)
  await page.click('#grid [data-node="gpu-1"]');
  await explained(page);
  await page.locator('#explain li[data-fix="addToleration"] .fix-apply').click();
  n = await waitForResult(page, n);
  assert.equal(await page.inputValue('#ed-ds'), want.ds);
  await page.focus('#ed-ds');
  await page.keyboard.press('Control+z');
  n = await waitForResult(page, n);
  assert.equal(await page.inputValue('#ed-ds'), ex.ds);
  assert.deepEqual(foreignRequests(page, env.srv.origin), []);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('Apply on the Nodes editor: a taint removed, a shorthand entry relabelled reaches every node of the entry', async () => {
  const page = await openPage(env.browser);
  // a dump: the taint goes from the node's spec
  const ex = example('fluentd');
  const want = await applied(ex, 'gpu-1', 'removeTaint');
  let n = await open(page, 'fluentd');
  await page.click('#grid [data-node="gpu-1"]');
  await explained(page);
  await page.locator('#explain li[data-fix="removeTaint"] .fix-apply').click();
  n = await waitForResult(page, n);
  assert.equal(await page.inputValue('#ed-nodes'), want.nodes);
  assert.deepEqual(await gridStates(page), statesOf(want.report));
  assert.match(await page.textContent('#applied span'), /in the Nodes editor/);
  // a shorthand entry with count: both nodes of it
  const ssd = example('ssd-monitor');
  const relabel = await applied(ssd, 'hdd-node-1', 'labelNode');
  assert.deepEqual(relabel.applied.nodes, ['hdd-node-1', 'hdd-node-2']);
  n = await open(page, 'ssd-monitor');
  await page.click('#grid [data-node="hdd-node-1"]');
  await explained(page);
  await page.locator('#explain li[data-fix="labelNode"] .fix-apply').click();
  n = await waitForResult(page, n);
  assert.equal(await page.inputValue('#ed-nodes'), relabel.nodes);
  assert.deepEqual(await gridStates(page), statesOf(relabel.report));
  assert.match(await page.textContent('#applied span'), /also reaches 1 other node \(hdd-node-2\)/);
  // the fixes about other pods have no Apply button
  const ne = example('node-exporter');
  const pending = (await expectedReport(ne.ds, ne.nodesText)).nodes.find((x) => x.fixes.some((f) => f.kind === 'freeHostPort'));
  n = await open(page, 'node-exporter');
  await page.click(`#grid [data-node="${pending.name}"]`);
  await explained(page);
  assert.equal(await page.locator('#explain li', { hasText: /host port/i }).locator('.fix-apply').count(), 0);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('keyboard only: choose the node, Tab to Apply, Enter; focus lands on Undo; zh-TW and dark', async () => {
  const ex = example('my-daemonset');
  const want = await applied(ex, 'worker-3', 'lowerRequest');
  const page = await openPage(env.browser, { colorScheme: 'dark', locale: 'zh-TW' });
  let n = await open(page, 'my-daemonset', 'zh-TW');
  // the grid by keyboard: focus a cell, move to worker-3, Enter
  await page.focus('#grid [role=gridcell][tabindex="0"]');
  for (let i = 0; i < 10; i++) {
    if (await page.evaluate(() => document.activeElement?.getAttribute('data-node')) === 'worker-3') break;
    await page.keyboard.press('ArrowRight');
  }
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-node')), 'worker-3');
  await page.keyboard.press('Enter');
  await explained(page);
  // Tab from the grid to the Apply button of the fix
  let onApply = false;
  for (let i = 0; i < 60 && !onApply; i++) {
    await page.keyboard.press('Tab');
    onApply = await page.evaluate(() => document.activeElement?.classList.contains('fix-apply') === true
      && document.activeElement.closest('li')?.dataset.fix === 'lowerRequest');
  }
  assert.ok(onApply, 'the Apply button is reachable with Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), TABLES['zh-TW']['fix.apply']);
  await page.keyboard.press('Enter');
  n = await waitForResult(page, n);
  assert.equal(await page.inputValue('#ed-ds'), want.ds);
  assert.deepEqual(await gridStates(page), statesOf(want.report));
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('apply-undo')), true, 'focus on Undo');
  assert.match(await page.textContent('#applied span'), /已在 DaemonSet 編輯器中套用 worker-3 的修正/);
  await shot(page, 'apply-zh-TW-dark', { fullPage: false });
  await page.keyboard.press('Enter');
  n = await waitForResult(page, n);
  assert.equal(await page.inputValue('#ed-ds'), ex.ds);
  assert.equal(await page.textContent('#applied'), TABLES['zh-TW']['apply.undone']);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

/** `key` of a language's table with `{name}`s filled in (no plural forms needed here). */
const fill = (lang, key, vars) => Object.entries(vars).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, String(v)), TABLES[lang][key]);

test('a refusal of Apply in the reader\'s language: a taint the shorthand derives from ready: false; both languages and themes', async () => {
  const ds = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent, namespace: kube-system}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec:\n      containers: [{name: agent, image: agent:1}]\n';
  const nodesText = 'nodes:\n  - name: worker-1\n  - name: worker-2\n    ready: false   # NotReady\n';
  // the engine in Node: the node's removeTaint fix for a taint the entry does not write, and its refusal
  const { Simulator } = await loadEngine();
  const sim = new Simulator();
  sim.setCluster(nodesText);
  const report = sim.evaluate(ds);
  let node = null, index = -1, error = null;
  for (const n of report.nodes) {
    for (const [i, f] of n.fixes.entries()) {
      if (f.kind !== 'removeTaint' || node) continue;
      try {
        sim.applyFix(ds, nodesText, n.name, i);
      } catch (e) {
        node = n.name; index = i; error = e;
      }
    }
  }
  sim.free();
  assert.equal(node, 'worker-2', 'the engine refuses to remove a taint of ready: false');
  assert.equal(error.type, 'No edit');
  assert.equal(error.words.code, 'taintFromCondition');
  assert.match(error.words.args.taint, /^node\.kubernetes\.io\/not-ready:/);
  for (const [lang, scheme] of [['en', 'light'], ['zh-TW', 'dark'], ['en', 'dark'], ['zh-TW', 'light']]) {
    const page = await openPage(env.browser, { colorScheme: scheme, locale: lang });
    await page.goto(`${env.srv.url}?lang=${lang}`);
    await waitForResult(page);
    await paste(page, 'Nodes', nodesText);
    await paste(page, 'DaemonSet', ds);
    await page.click(`#grid [data-node="${node}"]`);
    await explained(page);
    const item = page.locator('#explain li[data-fix="removeTaint"]').filter({ has: page.locator(`.fix-apply[data-fix-index="${index}"]`) });
    // the engine offers the button: the refusal comes when it is pressed
    assert.equal(await item.locator('.fix-apply').textContent(), TABLES[lang]['fix.apply']);
    await item.locator('.fix-apply').click();
    const said = fill(lang, 'fix.cannotApply', { error: fill(lang, 'words.taintFromCondition', error.words.args) });
    await page.waitForSelector('#explain .fix-error');
    assert.equal(await item.locator('.fix-error').textContent(), said);
    if (lang === 'en') assert.equal(said, `Cannot apply: ${error.text}`, 'the page\'s English is the engine\'s message');
    else assert.ok(!/[a-z]{4,} [a-z]{3,}/.test(said.replace(error.words.args.taint, '')), `no English sentence in ${said}`);
    assert.equal(await page.inputValue('#ed-nodes'), nodesText, 'nothing changed');
    assert.equal(await item.locator('.fix-apply').isDisabled(), false, 'the button can be pressed again');
    await item.scrollIntoViewIfNeeded();
    await shot(page, `apply-refused-${lang}-${scheme}`, { element: '#explain' });
    assert.deepEqual(page.log.errors, []);
    await page.close();
  }
});
