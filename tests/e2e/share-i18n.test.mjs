// Share links round-trip the whole state; both languages have every string
// and switching to zh-TW leaves no English UI word on the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { setup, TABLES, openPage, waitForResult, waitForExtras, evaluations, paste, editor, gridStates, shot, expectedReport, examples, WEB, explained, statesOf } from './helpers.mjs';
import { SAME_IN_BOTH, LANGS, pickLang, loadLang, loadWords, t, fallbackLoaded, plural, list } from '../../web/i18n/index.js';

const env = setup();


test('both language tables have the same keys, placeholders, and every key the page uses', async () => {
  assert.deepEqual(LANGS, Object.keys(TABLES));
  const en = TABLES.en;
  const zh = TABLES['zh-TW'];
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  // `{name}` and the count of `{name, plural, one {…} other {…}}` (the forms may repeat a placeholder)
  const ph = (s) => [...new Set([...s.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]))].sort();
  for (const k of Object.keys(en)) {
    assert.ok(en[k].trim() && zh[k].trim(), `${k} is empty`);
    assert.deepEqual(ph(zh[k]), ph(en[k]), `${k}: placeholders`);
    if (!SAME_IN_BOTH.has(k) && !k.startsWith('lang.')) assert.notEqual(zh[k], en[k], `${k} is not translated`);
  }
  // every literal key in the page's code and markup exists (every module, in every folder, but the tables and the engine)
  const used = new Set();
  const sources = fs.readdirSync(WEB, { recursive: true }).filter((f) => (f.endsWith('.js') || f.endsWith('.html')) && !/^(pkg|i18n)\//.test(f));
  assert.ok(sources.includes('app.js') && sources.includes(path.join('views', 'coverage.js')), 'the scan sees the page\'s modules');
  for (const f of sources) {
    const src = fs.readFileSync(path.join(WEB, f), 'utf8');
    for (const m of src.matchAll(/\bt[x]?\('([\w.-]+)'/g)) used.add(m[1]);
    for (const m of src.matchAll(/data-i18n="([\w.-]+)"/g)) used.add(m[1]);
    for (const m of src.matchAll(/data-i18n-attr="([^"]+)"/g)) for (const p of m[1].split(';')) used.add(p.split(':')[1]);
    for (const m of src.matchAll(/(?:label|hint): '([\w.-]+)'/g)) used.add(m[1]);
  }
  for (const k of used) assert.ok(k in en, `key ${k} is used but missing`);
  // the words of the later tabs (ro., cmp., cl., chart.) are in <lang>.views.js, fetched with
  // those tabs; every key the rest of the page uses is in <lang>.js, fetched first
  const LATER = /^(ro|cmp|cl|chart)\./;
  const LATER_CODE = ['rollout.js', 'compare.js', 'cluster.js', 'charts.js'].map((f) => path.join('views', f));
  for (const lang of LANGS) {
    const core = (await import(`../../web/i18n/${lang}.js`)).default;
    const views = (await import(`../../web/i18n/${lang}.views.js`)).default;
    assert.deepEqual(Object.keys(core).filter((k) => LATER.test(k)), [], `${lang}.js has only the first view's words`);
    assert.deepEqual(Object.keys(views).filter((k) => !LATER.test(k)), [], `${lang}.views.js has only the later views' words`);
  }
  for (const f of sources.filter((f) => !LATER_CODE.includes(f))) {
    const src = fs.readFileSync(path.join(WEB, f), 'utf8');
    for (const m of src.matchAll(/\bt[x]?\('([\w.-]+)'/g)) assert.ok(!LATER.test(m[1]), `${f} uses ${m[1]}, which is fetched with the later views`);
  }
  // keys built from the engine's enums exist for every value
  for (const s of ['scheduled', 'pending', 'excluded', 'keeps-existing']) for (const p of ['state.', 'stateHelp.', 'explain.summary.']) assert.ok(`${p}${s}` in en);
  for (const o of ['preferOnly', 'blocksNewPods', 'evicts']) assert.ok(`explain.${o}` in en);
  for (const e of examples()) assert.ok(`example.${e.id}` in en, `example.${e.id}`);
  // language choice from navigator.languages
  assert.equal(pickLang(['zh-TW', 'en']), 'zh-TW');
  assert.equal(pickLang(['zh-Hant-HK']), 'zh-TW');
  assert.equal(pickLang(['fr-FR', 'en-GB']), 'en');
  assert.equal(pickLang(['fr-FR']), 'en');
});

test('only the active language is loaded; a key it lacks falls back to English, fetched then', async () => {
  assert.equal(await loadLang('zh-TW'), 'zh-TW');
  assert.equal(t('tab.coverage'), TABLES['zh-TW']['tab.coverage']);
  assert.equal(fallbackLoaded(), null, 'English is not fetched for a complete language');
  // a key the Chinese table lacks (none does: the test above checks it)
  const zh = (await import('../../web/i18n/zh-TW.js')).default;
  const saved = zh['tab.coverage'];
  delete zh['tab.coverage'];
  try {
    assert.equal(t('tab.coverage'), 'tab.coverage', 'the key while English is on its way');
    await fallbackLoaded();
    assert.equal(t('tab.coverage'), TABLES.en['tab.coverage']);
    assert.equal(t('tab.status'), TABLES['zh-TW']['tab.status'], 'the other keys stay Chinese');
  } finally {
    zh['tab.coverage'] = saved;
  }
  assert.equal(await loadLang('fr'), 'en', 'an unknown language is English');
});

test('counts take the plural form Intl.PluralRules picks; lists are joined by Intl.ListFormat', async () => {
  assert.equal(await loadLang('en'), 'en');
  await loadWords('views');
  // what the tables say, filled in
  assert.equal(t('cl.poolPending', { n: 1 }), '1 node with a Pending pod');
  assert.equal(t('cl.poolPending', { n: 0 }), '0 nodes with a Pending pod');
  assert.equal(t('cl.poolPending', { n: 1234 }), '1,234 nodes with a Pending pod');
  assert.equal(t('cl.poolPending', { n: '1' }), '1 node with a Pending pod', 'a number already formatted');
  assert.equal(t('cl.summary', { ds: 1, nodes: 3, pools: 1, pending: 2 }), '1 DaemonSet on 3 nodes in 1 pool; 2 daemon pods Pending.');
  assert.equal(t('status.rollout', { unavailable: 1, surge: 0 }), 'During a rolling update at most 1 node is without a ready pod and at most 0 extra pods run.');
  assert.equal(t('cmp.tile.replicas', { count: 1 }), '1 replica');
  // the syntax itself: exact matches first, placeholders inside forms, text around
  const s = 'x {n, plural, =0 {none} one {# item of {who}} other {# items of {who}}} y';
  assert.equal(plural(s, { n: 0 }), 'x none y');
  assert.equal(plural(s, { n: 1 }), 'x 1 item of {who} y');
  assert.equal(t('missing.key.plural'), 'missing.key.plural');
  assert.deepEqual(list(['a', 'b', 'c']), ['a', ', ', 'b', ', and ', 'c']);
  assert.deepEqual(list(['a']), ['a']);
  assert.equal(await loadLang('zh-TW'), 'zh-TW');
  assert.equal(t('cl.poolPending', { n: 1 }), '1 個節點有 Pending Pod');
  assert.equal(t('cl.poolPending', { n: 1234 }), '1,234 個節點有 Pending Pod');
  assert.equal(list(['a', 'b', 'c']).join(''), 'a、b和c');
  // every plural in every table has an `other` form and parses to the end
  for (const [lang, table] of Object.entries(TABLES)) {
    for (const [k, v] of Object.entries(table)) {
      for (const m of v.matchAll(/\{(\w+), plural,/g)) {
        for (const n of [0, 1, 2, 5]) {
          const out = plural(v, { [m[1]]: n });
          assert.ok(!out.includes(', plural,') && !out.includes('#'), `${lang} ${k} with ${n}: ${out}`);
        }
        assert.match(v.slice(m.index), /other \{/, `${lang} ${k}: an other form`);
      }
    }
  }
  assert.equal(await loadLang('en'), 'en');
});

test('the page fetches only the language it shows; switching fetches the other, without a reload', async () => {
  const page = await openPage(env.browser, { locale: 'zh-TW' });
  await page.goto(env.srv.url);
  await waitForResult(page);
  const fetched = () => page.log.requests.map((u) => new URL(u).pathname).filter((p) => p.includes('/i18n/')).map((p) => p.split('/i18n/')[1]).sort();
  // the later tabs' words come with their code, after the first result
  const views = (f) => page.waitForFunction((f) => performance.getEntriesByType('resource').some((r) => r.name.endsWith(`/i18n/${f}`)), f);
  await views('zh-TW.views.js');
  assert.deepEqual(fetched(), ['index.js', 'zh-TW.js', 'zh-TW.views.js']);
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await views('en.views.js');
  assert.deepEqual(fetched(), ['en.js', 'en.views.js', 'index.js', 'zh-TW.js', 'zh-TW.views.js']);
  assert.equal(await page.textContent('[role=tab][data-tab="coverage"]'), TABLES.en['tab.coverage']);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('a share link restores both editors, the example, the tab, the language and the node', async () => {
  const page = await openPage(env.browser);
  await page.goto(env.srv.url);
  await waitForResult(page);
  const ex = examples()[0];
  const ds = ex.ds.replace('cpu: 250m', 'cpu: 50m');
  assert.notEqual(ds, ex.ds);
  await paste(page, 'DaemonSet', ds);
  await page.click('#grid [data-node="control-plane"]');
  await page.selectOption('#lang', 'zh-TW');
  await page.click('[role=tab][data-tab="status"]');
  await page.click('#share');
  await page.waitForFunction(() => document.querySelector('#share-url').value.includes('#s='));
  const link = await page.inputValue('#share-url');
  assert.ok(link.length < 60000);
  assert.equal(new URL(link).origin, env.srv.origin);
  assert.equal(await page.evaluate(() => location.href), link, 'the address bar holds the link');

  // a fresh browser context (English) opens it
  const other = await openPage(env.browser, { locale: 'en-US' });
  await other.goto(link);
  await waitForResult(other);
  assert.equal(await other.getByLabel('DaemonSet', { exact: true }).inputValue(), ds);
  assert.equal(await editor(other, 'Nodes').inputValue(), ex.nodesText);
  assert.equal(await other.evaluate(() => document.documentElement.lang), 'zh-TW');
  assert.equal(await other.getAttribute('[role=tab][data-tab="status"]', 'aria-selected'), 'true');
  assert.equal(await other.inputValue('#example'), '', 'edited: no longer the example');
  await other.click('[role=tab][data-tab="coverage"]');
  await explained(other);
  const want = statesOf(await expectedReport(ds, ex.nodesText));
  assert.deepEqual(await gridStates(other), want);
  assert.deepEqual(await gridStates(other), await gridStates(page));
  assert.match(await other.textContent('#explain h2'), /control-plane/);
  assert.deepEqual(other.log.errors, []);
  await other.close();

  // a link too long for a URL is refused with a warning, not produced broken
  const noise = crypto.randomBytes(90000).toString('base64');
  await paste(page, 'Nodes', `# ${noise}\nnodes: []\n`);
  await page.click('#share');
  await page.waitForFunction(() => document.querySelector('#share-msg').textContent.includes('60,000'));
  assert.equal(await page.isVisible('#share-url'), false);
  assert.match(await page.textContent('#share-msg'), /60,000/);
  await page.close();
});

test('a damaged link opens an example and says so', async () => {
  const page = await openPage(env.browser);
  await page.goto(`${env.srv.url}#s=not-a-real-state`);
  await waitForResult(page);
  assert.equal(await page.isVisible('#banner'), true);
  assert.match(await page.textContent('#banner'), /could not be read/);
  assert.equal(await page.inputValue('#example'), examples()[0].id);
  await page.close();
});

// Words that may stay in English on the zh-TW page: Kubernetes terms and commands.
const K8S_WORDS = new Set(('DaemonSet Pod Pods Pending Ready NotReady nodeSelector nodeSelectorTerms kubectl get describe ds nodes pod -o yaml json YAML JSON '
  + 'NoSchedule NoExecute PreferNoSchedule OnDelete RollingUpdate Deployment hostNetwork hostPort minReadySeconds FailedScheduling daemon '
  + 'spec.unschedulable spec.template.spec spec.template.spec.nodeName GPU SSD Enter English phase Nodes '
  // file formats the export buttons name, and keys as printed on keyboards
  + 'CSV Markdown Tab Shift Ctrl Escape '
  // the Rollout and Deployment vs DaemonSet views: kubectl verbs, field names, object kinds
  + 'Kubernetes rollout restart set image env status desiredNumberScheduled spec.replicas spec.nodeName maxUnavailable maxSurge '
  + 'ReplicaSet HorizontalPodAutoscaler API PriorityClass FailedCreate priorityClassName '
  // units and quantities as Kubernetes writes them, and the sample label in the search hint
  + 'B KB MB Ki Mi Gi Ti m disk-type ssd '
  // the kinds of a whole install file (the flannel example), as Kubernetes writes them
  + 'ClusterRole ClusterRoleBinding ConfigMap Namespace ServiceAccount').split(/\s+/));

/** Visible text on the page that is not user data, code or kubectl output. */
function visibleUiWords(page) {
  return page.evaluate(() => {
    const skip = 'textarea, .ed-hl, code, pre, .nm, .kubectl-table, #lang, .diag-msg, [lang="en"], script, style';
    const words = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || el.closest(skip) || !el.checkVisibility()) continue;
      for (const m of n.textContent.matchAll(/[A-Za-z][A-Za-z.\-]*[A-Za-z]/g)) words.push(m[0]);
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
      if (el.closest('.nm, [lang="en"]')) continue;
      for (const a of ['aria-label', 'placeholder']) {
        let v = el.getAttribute(a);
        if (!v) continue;
        if (el.dataset.node) v = v.replace(el.dataset.node, '');
        for (const m of v.matchAll(/[A-Za-z][A-Za-z.\-]*[A-Za-z]/g)) words.push(m[0]);
      }
    }
    return words;
  });
}

async function i18nSnapshot(page) {
  return page.$$eval('[data-i18n], [data-i18n-attr]', (els) => els.map((el) => ({
    key: el.dataset.i18n || el.dataset.i18nAttr,
    text: el.dataset.i18n ? el.textContent : el.dataset.i18nAttr.split(';').map((p) => el.getAttribute(p.split(':')[0])).join('|'),
  })));
}

test('switching to zh-TW changes every string; no English UI word remains', async () => {
  const page = await openPage(env.browser);
  await page.goto(`${env.srv.url}?example=fluentd`);
  await waitForResult(page);
  await waitForExtras(page);
  const en = await i18nSnapshot(page);
  await page.selectOption('#lang', 'zh-TW');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-TW');
  const zh = await i18nSnapshot(page);
  assert.equal(zh.length, en.length);
  for (let i = 0; i < en.length; i++) {
    if (SAME_IN_BOTH.has(en[i].key)) continue;
    assert.notEqual(zh[i].text, en[i].text, `[data-i18n=${en[i].key}] is the same in both languages`);
  }
  // every view and every kind of explanation, in zh-TW
  const leftovers = new Set();
  const check = async () => { for (const w of await visibleUiWords(page)) if (!K8S_WORDS.has(w)) leftovers.add(w); };
  for (const id of ['fluentd', 'my-daemonset', 'worker-affinity', 'node-exporter', 'flannel']) {
    const ex = examples().find((e) => e.id === id);
    // another example's own result is awaited (the grid of the one before
    // may still be there); the example shown already is not evaluated again
    const n = (await page.inputValue('#example')) === id ? 0 : await evaluations(page);
    await page.selectOption('#example', id);
    await page.waitForFunction((ds) => document.querySelector('#ed-ds').value === ds, ex.ds);
    await waitForResult(page, n);
    await page.waitForFunction(() => document.documentElement.dataset.busy !== 'true');
    for (const name of await page.$$eval('#grid [role=gridcell]', (cs) => cs.map((c) => c.dataset.node))) {
      await page.click(`#grid [data-node="${name}"]`);
      await page.$$eval('#explain details', (ds) => ds.forEach((d) => { d.open = true; }));
      await check();
    }
    await page.click('[role=tab][data-tab="status"]');
    await check();
    await page.click('[role=tab][data-tab="coverage"]');
  }
  for (const [tab, key] of [['rollout', 'rollouts'], ['deployment', 'comparisons']]) {
    await page.click(`[role=tab][data-tab="${tab}"]`);
    await page.waitForFunction((k) => Number(document.documentElement.dataset[k] || 0) > 0 && document.documentElement.dataset.busy !== 'true', key);
    if (tab === 'deployment') {
      await page.click('.cmp-side[data-side="deployment"] [role=option]');
      await page.waitForSelector('.cmp-scores table');
    }
    await check();
  }
  await page.click('[role=tab][data-tab="coverage"]');
  assert.deepEqual([...leftovers], [], 'English words on the zh-TW page');
  const before = await evaluations(page);
  await page.selectOption('#example', 'fluentd');
  await waitForResult(page, before);
  await page.click('#grid [data-node="worker-2"]');
  await shot(page, 'zh-TW', { fullPage: true });
  // and back: English again
  await page.selectOption('#lang', 'en');
  // (the Rollout and comparison views were built while visited: their strings come on top)
  const back = await i18nSnapshot(page);
  const built = (x) => /^(ro|cmp)\./.test(x.key.split(':').pop());
  assert.deepEqual(back.filter((x) => !built(x)).map((x) => x.text), en.map((x) => x.text));
  for (const x of back.filter(built)) {
    const want = x.key.split(';').map((p) => TABLES.en[p.includes(':') ? p.split(':')[1] : p]).join('|');
    assert.equal(x.text, want, x.key);
  }
  await page.close();
});

test('the language follows navigator.languages, and ?lang= overrides it', async () => {
  const zh = await openPage(env.browser, { locale: 'zh-TW' });
  await zh.goto(env.srv.url);
  await waitForResult(zh);
  assert.equal(await zh.evaluate(() => document.documentElement.lang), 'zh-TW');
  assert.equal(await zh.textContent('[role=tab][data-tab="coverage"]'), TABLES['zh-TW']['tab.coverage']);
  await zh.close();
  const en = await openPage(env.browser, { locale: 'zh-TW' });
  await en.goto(`${env.srv.url}?lang=en`);
  await waitForResult(en);
  assert.equal(await en.evaluate(() => document.documentElement.lang), 'en');
  await en.close();
});

test('a whole install file: one line says what is skipped, in the reader\'s language, with each object a click away', async () => {
  for (const [lang, scheme] of [['zh-TW', 'light'], ['en', 'dark']]) {
    const page = await openPage(env.browser, { colorScheme: scheme });
    await page.goto(`${env.srv.url}?example=flannel&lang=${lang}`);
    await waitForResult(page);
    // the verdicts first: flannel runs on the Linux nodes it tolerates
    assert.deepEqual(await gridStates(page), { 'cp-1': 'scheduled', 'worker-1': 'scheduled', 'worker-2': 'excluded', 'win-1': 'excluded' });
    // one line for the five other objects of the file
    const items = page.locator('#diag-ds > li');
    assert.equal(await items.count(), 1);
    const line = (await items.first().locator('.diag-msg').first().textContent()).trim();
    if (lang === 'zh-TW') {
      assert.equal(line, '已略過：另有 5 個物件用不到：1 個 ClusterRole、1 個 ClusterRoleBinding、1 個 ConfigMap、1 個 Namespace、1 個 ServiceAccount');
      const english = [...line.matchAll(/[A-Za-z][A-Za-z.\-]*[A-Za-z]/g)].map((m) => m[0]).filter((w) => !K8S_WORDS.has(w));
      assert.deepEqual(english, [], 'no English word of the tool\'s own');
    } else {
      assert.equal(line, 'Skipped: 5 other objects are not used: 1 ClusterRole, 1 ClusterRoleBinding, 1 ConfigMap, 1 Namespace, 1 ServiceAccount');
    }
    assert.equal(await page.locator('#diag-nodes > li').count(), 0);
    // each object is listed on demand, each with a button to its line
    const more = items.first().locator('details.diag-more');
    assert.equal(await more.evaluate((d) => d.open), false);
    await more.locator('summary').click();
    await shot(page, `install-file-${lang}-${scheme}`, { fullPage: true });
    const objects = more.locator('li');
    assert.deepEqual(await objects.locator('.diag-msg').allTextContents(),
      ['Namespace kube-flannel', 'ClusterRole flannel', 'ClusterRoleBinding flannel', 'ServiceAccount flannel', 'ConfigMap kube-flannel-cfg']);
    const ds = await page.inputValue('#ed-ds');
    const want = ds.split('\n').findIndex((l) => l === 'kind: ConfigMap') + 1;
    await objects.nth(4).locator('button.diag-at').click();
    const caretLine = await page.evaluate(() => {
      const ta = /** @type {HTMLTextAreaElement} */ (document.activeElement);
      return ta.id === 'ed-ds' ? ta.value.slice(0, ta.selectionStart).split('\n').length : -1;
    });
    // the ConfigMap object starts on its first key (a `kind:` or `apiVersion:` line)
    assert.ok(caretLine === want || caretLine === want - 1, `caret on line ${caretLine}, ConfigMap at ${want}`);
    // switching the language words the same diagnostics again
    const other = lang === 'en' ? 'zh-TW' : 'en';
    await page.selectOption('#lang', other);
    await page.waitForFunction((l) => document.documentElement.lang === l, other);
    const again = (await page.locator('#diag-ds > li .diag-msg').first().textContent()).trim();
    assert.match(again, other === 'en' ? /^Skipped: 5 other objects are not used: / : /^已略過：另有 5 個物件用不到：/);
    assert.deepEqual(page.log.errors, []);
    await page.close();
  }
});
