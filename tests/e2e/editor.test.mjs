// The editors as editors: YAML/JSON colours drawn under the textarea's text
// (only the lines in view, the same text as the textarea's), squiggles at
// the engine's line and column measured on the drawn text (Chinese before
// the column included) with the message on hover, Tab / Shift+Tab / Enter /
// Ctrl+Enter / Escape-then-Tab, an input method's text shown while composing;
// both languages and themes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, waitForResult, waitForExtras, shot, examples, evaluations, editor, paste, loadEngine } from './helpers.mjs';
import { tokenize, blockStates } from '../../web/highlight.js';

const env = setup();

/** Kinds of a line's tokens as `kind:text` (spaces left out). */
const kinds = (line, state = -1) => tokenize(line, state).filter(([k]) => k).map(([k, s]) => `${k}:${s}`);

test('YAML and JSON lines are cut into the right tokens; block scalars span lines', () => {
  assert.deepEqual(kinds('kind: DaemonSet'), ['k:kind', 'p::', 'v:DaemonSet']);
  assert.deepEqual(kinds('  - name: fluentd # the agent'), ['p:-', 'k:name', 'p::', 'v:fluentd', 'c:# the agent']);
  assert.deepEqual(kinds('    image: quay.io/fluentd:v1.2 '), ['k:image', 'p::', 'v:quay.io/fluentd:v1.2']);
  assert.deepEqual(kinds('  replicas: 3'), ['k:replicas', 'p::', 'n:3']);
  assert.deepEqual(kinds('  hostNetwork: true'), ['k:hostNetwork', 'p::', 'n:true']);
  assert.deepEqual(kinds('  value: "true"'), ['k:value', 'p::', 's:"true"']);
  assert.deepEqual(kinds("  'a b': 'it''s'"), ["k:'a b'", 'p::', "s:'it''s'"]);
  assert.deepEqual(kinds('  labels: {app: x, tier: "y"}'), ['k:labels', 'p::', 'p:{', 'k:app', 'p::', 'v:x', 'p:,', 'k:tier', 'p::', 's:"y"', 'p:}']);
  assert.deepEqual(kinds('  args: [--v=2, "--x"]'), ['k:args', 'p::', 'p:[', 'v:--v=2', 'p:,', 's:"--x"', 'p:]']);
  assert.deepEqual(kinds('---'), ['p:---']);
  assert.deepEqual(kinds('base: &b {a: 1}'), ['k:base', 'p::', 'a:&b', 'p:{', 'k:a', 'p::', 'n:1', 'p:}']);
  assert.deepEqual(kinds('  "metadata": {"name": "x", "n": 1.5e3, "ok": null},'),
    ['k:"metadata"', 'p::', 'p:{', 'k:"name"', 'p::', 's:"x"', 'p:,', 'k:"n"', 'p::', 'n:1.5e3', 'p:,', 'k:"ok"', 'p::', 'n:null', 'p:}', 'p:,']);
  assert.deepEqual(kinds('url: http://x#y'), ['k:url', 'p::', 'v:http://x#y'], 'a # inside a scalar is not a comment');
  // the texts of the tokens are the line
  for (const l of ['  - {a: [1, 2]}  # c', 'x:   y  ', '測試: 值 # 註解', '"a\\"b": c']) assert.equal(tokenize(l).map(([, s]) => s).join(''), l);
  // a block scalar: its lines are text until the indentation comes back
  const lines = ['data:', '  script: |', '    key: not a key', '    # not a comment', '', '  next: 1'];
  const st = blockStates(lines, lines.length);
  assert.deepEqual(kinds(lines[1], st[1]), ['k:script', 'p::', 'p:|']);
  assert.deepEqual(kinds(lines[2], st[2]), ['s:    key: not a key']);
  assert.deepEqual(kinds(lines[3], st[3]), ['s:    # not a comment']);
  assert.deepEqual(kinds(lines[5], st[5]), ['k:next', 'p::', 'n:1']);
});

test('the colours are drawn for the lines in view with the textarea\'s text; keys edit YAML; Ctrl+Enter evaluates; Escape then Tab leaves', async () => {
  const page = await openPage(env.browser);
  await page.goto(`${env.srv.url}?example=fluentd`);
  let n = await waitForResult(page);
  await waitForExtras(page);
  const ds = examples().find((e) => e.id === 'fluentd').ds;
  const drawn = await page.$$eval('#editor-ds .hl-line', (ls) => ls.map((l) => l.textContent));
  const lines = ds.split('\n');
  assert.ok(drawn.length >= 10 && drawn.length < lines.length + 2, `${drawn.length} lines drawn`);
  drawn.forEach((l, i) => assert.equal(l, lines[i], `line ${i + 1}`));
  const kindLine = lines.findIndex((l) => l.startsWith('kind:'));
  assert.deepEqual(await page.$$eval(`#editor-ds .hl-line:nth-child(${kindLine + 1}) span`, (ss) => ss.map((s) => `${s.className}:${s.textContent}`)),
    ['t-k:kind', 't-p::', 't-v:DaemonSet']);
  // the textarea's own text is transparent: what is read is the drawn layer, at the same place
  const ta = await page.$eval('#ed-ds', (t) => getComputedStyle(t).color);
  assert.equal(ta, 'rgba(0, 0, 0, 0)');
  // scrolled: the lines drawn follow
  await page.$eval('#ed-ds', (t) => { t.scrollTop = 200; t.dispatchEvent(new Event('scroll')); });
  await page.waitForFunction(() => document.querySelector('#editor-ds .hl-line')?.textContent !== undefined);
  await page.waitForTimeout(50);
  const firstShown = await page.$eval('#editor-ds .ed-lines .ln', (l) => Number(l.textContent));
  assert.equal(await page.$eval('#editor-ds .hl-line', (l) => l.textContent), lines[firstShown - 1]);

  // keys
  const ed = editor(page, 'DaemonSet');
  const text = 'a:\n  b: 1\n  c: 2\n';
  await paste(page, 'DaemonSet', text);
  n = await evaluations(page);
  await ed.focus();
  await page.$eval('#ed-ds', (t) => t.setSelectionRange(4, 14)); // lines 2 and 3
  await page.keyboard.press('Tab');
  assert.equal(await ed.inputValue(), 'a:\n    b: 1\n    c: 2\n');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await ed.inputValue(), 'a:\nb: 1\nc: 2\n');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  assert.equal(await ed.inputValue(), text, 'Ctrl+Z undoes each indentation');
  await page.$eval('#ed-ds', (t) => t.setSelectionRange(2, 2)); // after `a:`
  await page.keyboard.press('Enter');
  await page.keyboard.type('x: 0');
  assert.equal(await ed.inputValue(), 'a:\n  x: 0\n  b: 1\n  c: 2\n', 'Enter after a key indents its value');
  await page.keyboard.press('Enter');
  await page.keyboard.type('- y');
  assert.equal(await ed.inputValue(), 'a:\n  x: 0\n  - y\n  b: 1\n  c: 2\n', 'Enter keeps the indentation');
  n = await waitForResult(page, n);
  // typing waits a moment before evaluating; Ctrl+Enter evaluates at once (checked synchronously: no timer can run in between)
  const busy = await page.$eval('#ed-ds', (t) => {
    const typed = (ch) => { t.setRangeText(ch, t.value.length, t.value.length, 'end'); t.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' })); };
    typed('#');
    const afterTyping = document.documentElement.dataset.busy;
    typed('!');
    t.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, cancelable: true }));
    return { afterTyping, afterCtrlEnter: document.documentElement.dataset.busy };
  });
  assert.deepEqual(busy, { afterTyping: 'false', afterCtrlEnter: 'true' });
  n = await waitForResult(page, n);
  await page.keyboard.press('Control+Enter');
  assert.equal(await ed.inputValue(), 'a:\n  x: 0\n  - y\n  b: 1\n  c: 2\n#!', 'Ctrl+Enter adds no line break');
  // Escape, then Tab: the focus leaves the editor
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  assert.notEqual(await page.evaluate(() => document.activeElement?.id), 'ed-ds');
  assert.equal(await ed.inputValue(), 'a:\n  x: 0\n  - y\n  b: 1\n  c: 2\n#!');
  // an input method's text shows in the textarea while it is composed
  await page.$eval('#ed-ds', (t) => t.dispatchEvent(new CompositionEvent('compositionstart')));
  assert.notEqual(await page.$eval('#ed-ds', (t) => getComputedStyle(t).color), 'rgba(0, 0, 0, 0)');
  await page.$eval('#ed-ds', (t) => t.dispatchEvent(new CompositionEvent('compositionend')));
  assert.equal(await page.$eval('#ed-ds', (t) => getComputedStyle(t).color), 'rgba(0, 0, 0, 0)');
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('a squiggle starts at the engine\'s column after Chinese text, and hovering the line shows the message; both languages and themes', async () => {
  // an error whose column comes after wide characters on its line
  const ds = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: 測試, labels: {說明: x}}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n      containers: [{name: c, image: "i"}]\n';
  for (const [lang, scheme] of [['en', 'light'], ['en', 'dark'], ['zh-TW', 'light'], ['zh-TW', 'dark']]) {
    const page = await openPage(env.browser, { colorScheme: scheme });
    await page.goto(`${env.srv.url}?example=fluentd&lang=${lang}`);
    await waitForResult(page);
    await waitForExtras(page);
    await paste(page, 'DaemonSet', ds);
    await page.waitForSelector('#editor-ds .squiggle.error');
    const diag = await page.$eval('#diag-ds li', (li) => ({ line: Number(li.dataset.line), column: Number(li.dataset.column), text: li.textContent }));
    assert.equal(diag.line, 3);
    assert.ok(diag.column > 10, `column ${diag.column}`);
    const got = await page.evaluate(({ line, column }) => {
      const ta = document.querySelector('#ed-ds');
      const cs = getComputedStyle(ta);
      const ctx = document.createElement('canvas').getContext('2d');
      ctx.font = `${cs.fontSize} ${cs.fontFamily}`;
      const prefix = [...ta.value.split('\n')[line - 1]].slice(0, column - 1).join('');
      const sq = document.querySelector('#editor-ds .squiggle.error');
      const x = sq.getBoundingClientRect().left - ta.getBoundingClientRect().left;
      return { x, want: parseFloat(cs.paddingLeft) + ctx.measureText(prefix).width, prefix };
    }, diag);
    assert.ok(/[\u4e00-\u9fff]/.test(got.prefix), 'Chinese before the column');
    assert.ok(Math.abs(got.x - got.want) < 2, `squiggle at ${got.x.toFixed(1)} px, the column at ${got.want.toFixed(1)} px`);
    // hover the error's line: its message
    const box = await page.locator('#ed-ds').boundingBox();
    await page.mouse.move(box.x + 60, box.y + 6 + 2 * 20 + 10);
    const title = await page.getAttribute('#ed-ds', 'title');
    assert.ok(title && diag.text.includes(title.split('\n')[0].slice(-20)), `hover: ${title}`);
    await page.mouse.move(box.x + 60, box.y + 6 + 10);
    assert.equal(await page.getAttribute('#ed-ds', 'title'), null, 'no message over a line without one');
    await page.$eval('#ed-ds', (t) => t.blur());
    await shot(page, `editor-${lang}-${scheme}`, { element: '#editor-ds' });
    assert.deepEqual(page.log.errors, []);
    await page.close();
  }
});

test('completion: field names of the type at the caret, then the pasted nodes\' taint keys, as the engine proposes them; both languages and themes', async () => {
  const ex = examples().find((e) => e.id === 'fluentd');
  const ds = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels: {app: agent}\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n      containers:\n      - name: agent\n        image: agent:1\n      tolerations:\n      - ';
  const { Simulator } = await loadEngine();
  const sim = new Simulator();
  sim.setCluster(ex.nodesText);
  try {
    for (const [lang, scheme] of [['en', 'light'], ['en', 'dark'], ['zh-TW', 'light'], ['zh-TW', 'dark']]) {
      const page = await openPage(env.browser, { colorScheme: scheme });
      await page.goto(`${env.srv.url}?example=fluentd&lang=${lang}`);
      await waitForResult(page);
      await waitForExtras(page);
      await paste(page, 'DaemonSet', ds);
      const ed = editor(page, 'DaemonSet');
      await ed.focus();
      await page.$eval('#ed-ds', (t) => t.setSelectionRange(t.value.length, t.value.length));
      // typing a key opens the list: the fields of v1.Toleration matching it
      await page.keyboard.type('e');
      const want = sim.complete(ds + 'e', (ds + 'e').length);
      await page.waitForSelector('#complete-ds:not([hidden]) [role=option]');
      const shown = () => page.$$eval('#complete-ds [role=option] .c-label', (ls) => ls.map((l) => l.textContent));
      assert.deepEqual(await shown(), want.items.map((i) => i.label));
      assert.equal(want.items[0].label, 'effect');
      assert.equal(await page.getAttribute('#ed-ds', 'aria-activedescendant'), 'complete-ds-0');
      assert.equal(await page.getAttribute('#complete-ds-0', 'aria-selected'), 'true');
      // Down, then Enter takes the second (a field gets its `: `)
      await page.keyboard.press('ArrowDown');
      assert.equal(await page.getAttribute('#ed-ds', 'aria-activedescendant'), 'complete-ds-1');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Enter');
      assert.equal(await ed.inputValue(), `${ds}effect: `);
      assert.equal(await page.isHidden('#complete-ds'), true);
      // a value: the effects Kubernetes defines
      await page.keyboard.press('Control+Space');
      await page.waitForSelector('#complete-ds:not([hidden]) [role=option]');
      assert.deepEqual(await shown(), ['NoSchedule', 'PreferNoSchedule', 'NoExecute']);
      await page.keyboard.press('Escape');
      assert.equal(await page.isHidden('#complete-ds'), true);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'ed-ds', 'Escape closes the list, the focus stays');
      // the taint keys of the pasted nodes, with how many nodes have each
      await page.keyboard.type('NoExecute');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Enter');
      assert.equal(await ed.inputValue(), `${ds}effect: NoExecute\n        `, 'the next key of the element, aligned');
      await page.keyboard.type('key:');
      await page.keyboard.type(' ');
      const text = await ed.inputValue();
      const keys = sim.complete(text, text.length);
      assert.ok(keys.items.length >= 2 && keys.items.every((i) => i.kind === 'taintKey'), JSON.stringify(keys.items));
      await page.waitForSelector('#complete-ds:not([hidden]) [role=option]');
      assert.deepEqual(await shown(), keys.items.map((i) => i.label));
      const detail = await page.textContent('#complete-ds-0 .c-detail');
      const n = Number(keys.items[0].detail);
      assert.equal(detail, lang === 'en' ? `taint on ${n} node${n === 1 ? '' : 's'}` : `${n} 個節點的污點`);
      await shot(page, `complete-${lang}-${scheme}`, { element: '#editor-ds' });
      await page.click('#complete-ds-1');
      assert.equal(await ed.inputValue(), `${text}${keys.items[1].label}`, 'a click takes it');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'ed-ds');
      assert.deepEqual(page.log.errors, []);
      await page.close();
    }
  } finally {
    sim.free();
  }
});
