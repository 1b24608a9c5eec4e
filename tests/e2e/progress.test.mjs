// A big Nodes paste (a `kubectl get nodes -o yaml` dump of 5,000 nodes with
// the 50 images a kubelet lists at most, about 55 MB) shows setCluster's progress: a <progress> with
// its text once the reading has run half a second, values that rise, then the
// result, the bar gone; in both languages and both themes, and in the
// <daemonset-sim> element. No time is asserted, and none is relied on: the
// reading takes about 0.7 s here, close to the bar's half second (CI failed
// when it ended sooner), so these tests hold every message of the worker on
// its way to the page for LATENCY_MS (withLatency): the call then lasts past
// the half second on any machine, and the values the bar shows are still the
// engine's own, in the order and spacing it sent them. The page's own pastes
// are read by the core module (the full one is kept from the page).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, waitForResult, evaluations, editor, shot, examples, TABLES, gridStates, gridCells, paste, expectedReport, statesOf } from './helpers.mjs';

const N = 5000;

/** Images a node's status lists at most (the kubelet's nodeStatusMaxImages, 50 by default). */
const IMAGES = 50;

/** `kubectl get nodes -o yaml` for n nodes, each with as many images as a busy node lists. */
function dumpYaml(n) {
  const out = ['apiVersion: v1', 'items:'];
  for (let i = 0; i < n; i++) {
    const name = `ip-10-2-${Math.floor(i / 250)}-${i % 250}.eu-west-1.compute.internal`;
    out.push('- apiVersion: v1', '  kind: Node', '  metadata:', '    labels:',
      `      kubernetes.io/hostname: ${name}`, `      topology.kubernetes.io/zone: eu-west-1${'abc'[i % 3]}`,
      `      node.kubernetes.io/instance-type: m5.${i % 2 ? 'large' : 'xlarge'}`, `    name: ${name}`, '  spec:');
    if (i % 25 === 5) out.push('    taints:', '    - effect: NoSchedule', '      key: dedicated', '      value: batch');
    else out.push('    taints: []');
    out.push('  status:', '    allocatable:', '      cpu: 1930m', '      memory: 7291304Ki', '      pods: "29"', '    images:');
    for (let k = 0; k < IMAGES; k++) {
      out.push('    - names:', `      - registry.example/team-${k}/image-${k}@sha256:${String(i * IMAGES + k).padStart(64, '0')}`,
        `      - registry.example/team-${k}/image-${k}:v1.${k}.${i % 7}`, `      sizeBytes: ${100000000 + k * 1234567 + i}`);
    }
  }
  out.push('kind: List', 'metadata:', '  resourceVersion: ""');
  return out.join('\n') + '\n';
}

/** How long each message of the worker is held on its way to the page, in withLatency's pages. */
const LATENCY_MS = 1000;

/**
 * Holds every message of the page's workers for LATENCY_MS once
 * `window.__latency` is true (set by the test before it pastes), so that a
 * call seen by the page lasts longer than the bar's delay however fast the
 * engine reads. Messages keep their order and spacing.
 */
const withLatency = (page) => page.addInitScript((ms) => {
  const w = /** @type {any} */ (globalThis);
  const Base = Worker;
  /** the setter of onmessage, on Worker.prototype or up its chain */
  let proto = Base.prototype;
  while (proto && !Object.getOwnPropertyDescriptor(proto, 'onmessage')) proto = Object.getPrototypeOf(proto);
  const set = /** @type {(this: Worker, f: any) => void} */ (Object.getOwnPropertyDescriptor(proto, 'onmessage')?.set);
  w.Worker = class extends Base {
    /** @param {ConstructorParameters<typeof Worker>} a */
    constructor(...a) {
      super(...a);
      /** @type {((e: MessageEvent) => void) | null} */
      let handler = null;
      const deliver = (/** @type {MessageEvent} */ e) => {
        if (w.__latency) setTimeout(() => handler?.(e), ms);
        else handler?.(e);
      };
      Object.defineProperty(this, 'onmessage', {
        get: () => handler,
        set: (f) => {
          handler = f;
          set.call(this, f ? deliver : null);
        },
      });
    }
  };
}, LATENCY_MS);

/** From now on, the page's worker messages come LATENCY_MS late. */
const startLatency = (page) => page.evaluate(() => { /** @type {any} */ (window).__latency = true; });

const DUMP = dumpYaml(N);
const DS = examples().find((e) => e.id === 'my-daemonset').ds;

const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'">`;
const elementPage = (theme) => ['text/html; charset=utf-8', `<!doctype html><html lang="en"><head><meta charset="utf-8">${CSP}<title>t</title><link rel="icon" href="data:,"><script type="module" src="/element/daemonset-sim.js"></script></head><body>`
  + `<daemonset-sim id="big" loading="eager" theme="${theme}" daemonset="/examples/my-daemonset.daemonset.yaml" nodes="/t/dump.yaml"></daemonset-sim></body></html>`];

const env = setup({
  extra: {
    '/t/dump.yaml': ['text/yaml; charset=utf-8', DUMP],
    '/t/light.html': elementPage('light'),
    '/t/dark.html': elementPage('dark'),
  },
});

/**
 * Pastes the dump into the Nodes editor as the browser pastes (helpers.paste
 * sets the textarea's value, whose layout would hold the main thread for
 * seconds: no progress could show).
 */
const pasteDump = (page) => editor(page, 'Nodes').evaluate((ta, v) => {
  ta.focus();
  ta.setSelectionRange(0, ta.value.length);
  const dt = new DataTransfer();
  dt.setData('text/plain', v);
  ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
}, DUMP);

/**
 * In the page (or element `host`'s shadow root), records the bar's value
 * each time it changes while shown, into window.__progress.
 */
function record(page, host = null) {
  return page.evaluate((h) => {
    const root = h ? /** @type {ShadowRoot} */ (document.querySelector(h)?.shadowRoot) : document;
    const w = /** @type {any} */ (window);
    w.__progress = [];
    w.__recorded = new Promise((resolve) => {
      const start = () => {
        const box = root?.querySelector('.engine-progress');
        if (!box) return void requestAnimationFrame(start);
        const bar = /** @type {HTMLProgressElement} */ (box.querySelector('progress'));
        new MutationObserver(() => {
          if (!box.hidden) w.__progress.push({ value: bar.value, now: bar.getAttribute('aria-valuenow'), text: box.textContent });
        }).observe(box, { attributes: true, subtree: true, childList: true, characterData: true });
        resolve(true);
      };
      start();
    });
    return w.__recorded;
  }, host);
}

/** The values recorded: they rise (never fall), and aria-valuenow and the text say the same number. */
async function recorded(page, lang) {
  const seen = await page.evaluate(() => /** @type {any} */ (window).__progress);
  assert.ok(seen.length >= 3, `progress shown ${seen.length} times`);
  const values = seen.map((s) => s.value);
  for (let i = 1; i < values.length; i++) assert.ok(values[i] >= values[i - 1], `falls: ${values}`);
  assert.ok(values[values.length - 1] > values[0], `never rose: ${values}`);
  for (const s of seen) {
    assert.equal(s.now, String(s.value));
    assert.equal(s.text, TABLES[lang]['engine.reading'].replace('{pct}', String(s.value)));
  }
  return values;
}

for (const lang of ['en', 'zh-TW']) {
  for (const theme of ['light', 'dark']) {
    test(`a 5,000-node paste shows determinate progress, then the result (${lang}, ${theme})`, async () => {
      const page = await openPage(env.browser, { locale: lang === 'en' ? 'en-US' : 'zh-TW', colorScheme: theme });
      // the core module reads it (the full one, built for speed, would read
      // it once compiled: not fetched here, so that the reading is long)
      await page.route('**/pkg/daemonset_sim_bg.wasm*', (route) => route.abort());
      await withLatency(page);
      await page.goto(`${env.srv.url}?example=my-daemonset&theme=${theme}`);
      await waitForResult(page);
      await record(page);
      const before = await evaluations(page);
      await startLatency(page);
      await pasteDump(page);
      // the bar appears and moves; a picture of it partway
      await page.waitForSelector('.engine-progress:not([hidden])', { timeout: 60000 });
      await page.waitForFunction(() => {
        const bar = document.querySelector('.engine-progress progress');
        return /** @type {HTMLProgressElement} */ (bar).value >= 15 || document.querySelector('.engine-progress')?.hidden;
      }, null, { timeout: 60000 });
      // what shows at one moment (the bar may have gone since: the reading ended)
      const now = await page.evaluate(() => {
        const box = /** @type {HTMLElement} */ (document.querySelector('.engine-progress'));
        const bar = /** @type {HTMLElement} */ (box.querySelector('progress'));
        return {
          shown: !box.hidden, role: bar.getAttribute('role') ?? 'progressbar', name: bar.getAttribute('aria-label'),
          min: bar.getAttribute('aria-valuemin'), max: bar.getAttribute('aria-valuemax'),
          status: document.querySelector('#engine-status')?.textContent, statusHidden: document.querySelector('#engine-status')?.classList.contains('sr-only'),
        };
      });
      if (now.shown) {
        assert.deepEqual(now, { shown: true, role: 'progressbar', name: TABLES[lang]['engine.readingLabel'], min: '0', max: '100', status: TABLES[lang]['engine.readingStatus'], statusHidden: true });
        await shot(page, `progress-${lang}-${theme}`, { clip: { x: 0, y: 0, width: 1440, height: 420 } });
      }
      await waitForResult(page, before, 120000);
      // then the result: the bar gone, every node in the grid, the status line
      assert.equal(await page.isHidden('.engine-progress'), true);
      assert.equal(await page.locator('#engine-status.sr-only').count(), 0);
      assert.equal(Object.keys(await gridStates(page)).length, N);
      assert.match(await page.textContent('#engine-status'), lang === 'en' ? /5,000 nodes/ : /5,000 個節點/);
      const values = await recorded(page, lang);
      console.log(`${lang} ${theme}: progress shown at ${values.join(', ')}%`);
      assert.deepEqual(page.log.errors, []);
      await page.close();
    });
  }
}

test('a later tab that needs the full engine module reads the kept nodes into it again, with the same progress', async () => {
  const page = await openPage(env.browser);
  // the full module comes only when the Rollout tab asks for it
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/pkg/daemonset_sim_bg.wasm*', async (route) => { await held; await route.continue(); });
  await withLatency(page);
  await page.goto(`${env.srv.url}?example=my-daemonset`);
  await waitForResult(page);
  const before = await evaluations(page);
  await pasteDump(page);
  await waitForResult(page, before, 120000);
  assert.equal(Object.keys(await gridStates(page)).length, N);
  // the core module read the dump; the Rollout tab needs the full one, which reads it again
  await record(page);
  await startLatency(page);
  release();
  await page.click('[role=tab][data-tab="rollout"]');
  await page.waitForSelector('#ro-slider', { timeout: 120000 });
  await page.waitForFunction(() => document.querySelector('.engine-progress')?.hidden !== false, null, { timeout: 120000 });
  const values = await recorded(page, 'en');
  console.log(`moving to the full module: progress shown at ${values.join(', ')}%`);
  assert.equal(await page.isHidden('.engine-progress'), true, 'the bar goes when the rollout is there');
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('once the full module is compiled, a pasted dump is read by it, once: a later tab needs no second reading', async () => {
  const page = await openPage(env.browser);
  // the page fetches the full module after its first result (compiled as it comes)
  const fetched = page.waitForEvent('requestfinished', { predicate: (r) => r.url().endsWith('/pkg/daemonset_sim_bg.wasm.lzma'), timeout: 60000 });
  await page.goto(`${env.srv.url}?example=my-daemonset`);
  await waitForResult(page);
  await fetched;
  await page.waitForTimeout(2000); // its compilation ends
  const before = await evaluations(page);
  await pasteDump(page);
  await waitForResult(page, before, 120000);
  assert.equal(Object.keys(await gridStates(page)).length, N);
  // the Rollout tab needs the full module: it has the dump already
  await record(page);
  await page.click('[role=tab][data-tab="rollout"]');
  await page.waitForSelector('#ro-slider', { timeout: 120000 });
  assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__progress), [], 'no second reading');
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

test('a big Nodes text cleared while it is read: that reading is dropped, a new worker reads the newer text', async () => {
  const page = await openPage(env.browser);
  // the core module reads (the full one kept from the page)
  await page.route('**/pkg/daemonset_sim_bg.wasm*', (route) => route.abort());
  await page.addInitScript(() => {
    const w = /** @type {any} */ (globalThis);
    w.__workers = 0;
    const Base = Worker;
    w.Worker = class extends Base {
      /** @param {ConstructorParameters<typeof Worker>} a */
      constructor(...a) {
        super(...a);
        w.__workers++;
      }
    };
  });
  await withLatency(page);
  await page.goto(`${env.srv.url}?example=my-daemonset`);
  await waitForResult(page);
  const ex = examples().find((e) => e.id === 'my-daemonset');
  const before = await evaluations(page);
  await startLatency(page); // the reading is still under way when Clear is clicked
  await pasteDump(page);
  await page.waitForFunction(() => document.documentElement.dataset.busy === 'true');
  // the wrong text: Clear while it is read; the empty text is evaluated at once
  await page.click('#editor-nodes .ed-clear');
  await page.waitForFunction(() => document.documentElement.dataset.busy === 'false', null, { timeout: 120000 });
  assert.equal(await evaluations(page), before + 1, 'one result, the empty text\'s (none of the dump)');
  // then another cluster
  const nodes = `${ex.nodesText.replace(/\n*$/, '\n')}  - name: worker-4\n`;
  await paste(page, 'Nodes', nodes, 120000);
  const want = await expectedReport(ex.ds, nodes);
  assert.deepEqual(await gridStates(page), statesOf(want));
  assert.equal(await page.evaluate(() => /** @type {any} */ (globalThis).__workers), 2, 'the worker was replaced');
  assert.equal(await page.isHidden('.engine-progress'), true);
  assert.deepEqual(page.log.errors, []);
  await page.close();
});

for (const theme of ['light', 'dark']) {
  test(`the <daemonset-sim> element shows the same progress on a big nodes= text (${theme})`, async () => {
    const page = await openPage(env.browser, { viewport: { width: 1000, height: 700 } });
    const host = '#big';
    await withLatency(page);
    await page.addInitScript(() => { /** @type {any} */ (window).__latency = true; });
    await page.goto(`${env.srv.origin}/t/${theme}.html`);
    await record(page, host);
    const box = page.locator(`${host} .engine-progress`);
    await box.waitFor({ state: 'visible', timeout: 60000 });
    await page.waitForFunction((h) => {
      const r = document.querySelector(h)?.shadowRoot;
      const b = r?.querySelector('.engine-progress');
      return !b || b.hidden || /** @type {HTMLProgressElement} */ (b.querySelector('progress')).value >= 15;
    }, host, { timeout: 60000 });
    if (await box.isVisible()) await shot(page, `progress-element-${theme}`, { element: `${host} .dss-bar` });
    await page.waitForFunction((h) => {
      const e = /** @type {any} */ (document.querySelector(h));
      return e.evaluations > 0 && !e.shadowRoot.querySelector('#grid[aria-busy="true"]');
    }, host, { timeout: 120000 });
    assert.equal(await box.isHidden(), true);
    assert.equal(Object.keys(await gridCells(page, `${host} #grid`, '[role=gridcell]', 'data-state')).length, N);
    const values = await recorded(page, 'en');
    console.log(`element ${theme}: progress shown at ${values.join(', ')}%`);
    assert.deepEqual(page.log.errors, []);
    await page.close();
  });
}
