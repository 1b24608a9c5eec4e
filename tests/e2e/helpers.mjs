// Shared pieces of the end-to-end tests: setup() (a static server for the
// site, dist/: web/ as scripts/build-web.sh minifies it, built again here
// when a file of web/ is newer; at the root or under a sub-path, and Debian's Chromium through
// playwright-core, for the tests of one file), the engine itself in Node (to
// compute what the page must show), the page's language tables, and
// screenshots into test-results/screenshots/.
import http from 'node:http';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { before, after } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { LANGS } from '../../web/i18n/index.js';

export const ROOT = path.resolve(fileURLToPath(import.meta.url), '../../..');
export const WEB = path.join(ROOT, 'web');
/** What the server serves: web/ as a static host gets it (scripts/build-web.sh). */
export const SITE = path.join(ROOT, 'dist');
export const SHOTS = path.join(ROOT, 'test-results', 'screenshots');

/** The newest modification time under `dir`, in ms. */
const newest = (dir) => fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
  const p = path.join(dir, e.name);
  return Math.max(m, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
}, 0);
const built = path.join(SITE, '.built');
if (!fs.existsSync(built) || newest(WEB) > fs.statSync(built).mtimeMs) {
  const r = spawnSync('bash', [path.join(ROOT, 'scripts', 'build-web.sh')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('scripts/build-web.sh failed');
}

/** Every language's table, from the files the page loads (web/i18n/<lang>.js and <lang>.views.js, merged). */
export const TABLES = Object.fromEntries(await Promise.all(LANGS.map(async (lang) => {
  const part = async (f) => (await import(pathToFileURL(path.join(WEB, 'i18n', f)).href)).default;
  return [lang, { ...(await part(`${lang}.js`)), ...(await part(`${lang}.views.js`)) }];
})));

/**
 * The setup of every test file: the server for web/ (startServer's options)
 * and the browser, started before the file's tests and stopped after them.
 * `env.srv` and `env.browser` are there once the tests run.
 * @param {Parameters<typeof startServer>[0]} [serverOptions]
 */
export function setup(serverOptions) {
  const env = { srv: null, browser: null };
  before(async () => {
    env.srv = await startServer(serverOptions);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.srv?.close();
  });
  return env;
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.yaml': 'text/yaml; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Serves the site (dist/) on 127.0.0.1 (random port) under `prefix` ('/' or '/docs/sim/').
 * `extra` maps absolute URL paths to [contentType, body] (for embedding pages).
 */
export async function startServer({ prefix = '/', extra = {} } = {}) {
  const served = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    served.push(url.pathname);
    if (extra[url.pathname]) {
      const [type, body] = extra[url.pathname];
      res.writeHead(200, { 'content-type': type });
      res.end(body);
      return;
    }
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404).end('not under the prefix');
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(prefix.length));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.join(SITE, rel);
    if (!file.startsWith(SITE + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: origin + prefix,
    served,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * A page that records every request, console error, page error and dialog.
 * opts: {locale, colorScheme, viewport}
 */
export async function openPage(browser, opts = {}) {
  const context = await browser.newContext({
    locale: opts.locale || 'en-US',
    colorScheme: opts.colorScheme || 'light',
    viewport: opts.viewport || { width: 1440, height: 1000 },
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  const log = { requests: [], errors: [], dialogs: [] };
  context.on('request', (r) => log.requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') log.errors.push(m.text()); });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('dialog', (d) => { log.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.log = log;
  return page;
}

/** Waits until the page has processed more than `after` engine results. */
export async function waitForResult(page, after = 0, timeout = 30000) {
  await page.waitForFunction((n) => Number(document.documentElement.dataset.evaluations || 0) > n && document.documentElement.dataset.busy !== 'true'
    && !document.querySelector('#grid[aria-busy="true"], #explain[aria-busy="true"]'), after, { timeout });
  return page.evaluate(() => Number(document.documentElement.dataset.evaluations));
}

/** A report's states by node name (what gridStates reads from a grid). */
export const statesOf = (report) => Object.fromEntries(report.nodes.map((n) => [n.name, n.state]));

/**
 * Waits until the Coverage tab's explanation shows the chosen node (the page
 * asks the engine for one node's verdict when it is chosen: aria-busy).
 */
export const explained = (page) => page.waitForSelector('#explain:not([aria-busy="true"])', { state: 'attached' });

/** Waits until the editors have their colours and completion list (fetched after the first result). */
export const waitForExtras = (page) => page.waitForSelector('#editor-ds.hl #complete-ds', { state: 'attached' });

export const evaluations = (page) => page.evaluate(() => Number(document.documentElement.dataset.evaluations || 0));

/** The editor named `name` ('DaemonSet' or 'Nodes'; in zh-TW the label reads 節點（Nodes）). */
export const editor = (page, name) => page.getByRole('textbox', { name });

/**
 * Replaces an editor's text as a paste does (new value, one input event) and
 * waits for the new result. (locator.fill types through execCommand, which
 * takes minutes for a 5,000-node text; a real paste takes milliseconds.)
 */
export async function paste(page, name, text, timeout = 30000) {
  const before = await evaluations(page);
  const box = editor(page, name);
  await box.evaluate((ta, v) => {
    ta.focus();
    ta.value = v;
    ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
  return waitForResult(page, before, timeout);
}

/**
 * Every cell of a node grid as {node: the value of `attr`}. Past 1,000 tiles
 * shown a grid is virtual (web/ui/node-grid.js: only the rows near its view
 * are in the DOM), so this scrolls the grid's box from the top to the bottom,
 * most of a view at a time, waiting a frame at each step for the rows to be
 * drawn, reads the cells in the DOM at every step, and scrolls back. A small
 * grid does not scroll: one read.
 * @param {import('playwright-core').Page | import('playwright-core').Frame} page
 * @param {string} grid the grid's root (the scroll box)
 * @param {string} cell a cell
 * @param {string} attr
 * @returns {Promise<Record<string, string | null>>}
 */
export function gridCells(page, grid, cell, attr) {
  return page.$eval(grid, async (root, [cell, attr]) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
    /** @type {Record<string, string | null>} */
    const out = {};
    const read = () => {
      for (const c of root.querySelectorAll(cell)) out[c.dataset.node] = c.getAttribute(attr);
    };
    const start = root.scrollTop;
    if (root.scrollHeight <= root.clientHeight) {
      read();
      return out;
    }
    root.scrollTop = 0;
    await frame();
    read();
    const step = Math.max(8, root.clientHeight - 16);
    while (root.scrollTop + root.clientHeight < root.scrollHeight - 1) {
      root.scrollTop += step;
      await frame();
      read();
    }
    root.scrollTop = start;
    await frame();
    return out;
  }, [cell, attr]);
}

/** The coverage grid's cells as {name: state}, every one (gridCells). */
export function gridStates(page) {
  return gridCells(page, '#grid', '[role=gridcell]', 'data-state');
}

/** A screenshot of the page, or of one element (`opts.element`: a selector). */
export async function shot(page, name, opts = {}) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  if (opts.element) await page.locator(opts.element).screenshot({ path: file });
  else await page.screenshot({ path: file, ...opts });
}

/** axe-core (npm devDependency), run in the page through the test driver, never served. */
const AXE = fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** axe's violations of the page as it is now, one line each ("rule: target: what to fix"). */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    // @ts-ignore axe is the script evaluated above
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`));
  });
}

// ------------------------------------------------------- the engine in Node

let engine = null;
/** The wasm package the page uses (web/pkg), loaded in Node. */
export async function loadEngine() {
  if (!engine) {
    const mod = await import(pathToFileURL(path.join(WEB, 'pkg', 'daemonset_sim.js')).href);
    mod.initSync({ module: fs.readFileSync(path.join(WEB, 'pkg', 'daemonset_sim_bg.wasm')) });
    engine = mod;
  }
  return engine;
}

/** The report the engine gives for these texts, through the same calls the page makes. */
export async function expectedReport(ds, nodes) {
  const { Simulator } = await loadEngine();
  const sim = new Simulator();
  try {
    sim.setCluster(nodes);
    return sim.evaluate(ds);
  } finally {
    sim.free();
  }
}

/** The rollout the engine simulates for these texts and options, with its snapshot function. */
export async function expectedRollout(ds, nodes, options) {
  const { Simulator } = await loadEngine();
  const sim = new Simulator();
  sim.setCluster(nodes);
  const timeline = sim.rollout(ds, options);
  const snapshots = new Map(timeline.log.map((e) => [e.t, sim.snapshot(e.t)]));
  sim.free();
  return { timeline, snapshots };
}

/** The comparison the engine gives for these texts. */
export async function expectedComparison(ds, nodes, replicas) {
  const { Simulator } = await loadEngine();
  const sim = new Simulator();
  try {
    sim.setCluster(nodes);
    return sim.compare(ds, replicas ?? undefined);
  } finally {
    sim.free();
  }
}

/** The options the Rollout tab sends with its form untouched but for `change` / `model`. */
export function rolloutOptions({ change = { kind: 'restartAnnotation' }, model = {}, tickLimit = 1200, newDaemonSet } = {}) {
  const o = {
    model: { readyDelaySeconds: 5, terminationSeconds: 1, perNodeReadyDelay: {}, neverReady: [], manualDeletes: [], ...model },
    tickLimit,
  };
  if (newDaemonSet !== undefined) o.newDaemonSet = newDaemonSet;
  else o.change = change;
  return o;
}

/** Waits until the page has shown more than `after` results of a view (`rollouts` or `comparisons`). */
export async function waitForView(page, key, after = 0, timeout = 30000) {
  await page.waitForFunction(([k, n]) => Number(document.documentElement.dataset[k] || 0) > n && document.documentElement.dataset.busy !== 'true', [key, after], { timeout });
  return page.evaluate((k) => Number(document.documentElement.dataset[k]), key);
}

/** Every request that left the page's origin (none may). */
export const foreignRequests = (page, origin) => page.log.requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:'));

export function examples() {
  const index = JSON.parse(fs.readFileSync(path.join(WEB, 'examples', 'index.json'), 'utf8'));
  return index.map((e) => ({
    ...e,
    ds: fs.readFileSync(path.join(WEB, 'examples', e.daemonset), 'utf8'),
    nodesText: fs.readFileSync(path.join(WEB, 'examples', e.nodes), 'utf8'),
  }));
}

/** A shorthand cluster of `n` nodes, some tainted, some labelled, a few full. */
export function bigCluster(n) {
  const lines = ['nodes:'];
  for (let i = 0; i < n; i++) {
    const name = `node-${String(i).padStart(5, '0')}`;
    lines.push(`  - name: ${name}`);
    lines.push(`    labels: {zone: zone-${i % 5}, pool: ${i % 10 === 0 ? 'gpu' : 'general'}}`);
    if (i % 50 === 7) lines.push('    taints: ["dedicated=gpu:NoExecute"]');
    else if (i % 50 === 13) lines.push('    taints: ["node-role.kubernetes.io/control-plane:NoSchedule"]');
    if (i % 100 === 42) lines.push('    pods: [{name: hog, requests: {cpu: "3990m"}}]');
  }
  return lines.join('\n') + '\n';
}

/**
 * A shorthand cluster of n nodes (up to 70,000) in seven pools written with
 * `count` (a few lines of text for any size), named pool-a-1 ... pool-g-N.
 * For the example my-daemonset: pool-b is excluded (an untolerated NoExecute
 * taint), pool-c keeps an existing pod (control-plane NoSchedule), pool-d is
 * pending (a pod takes the CPU), the others scheduled; pool-g alone has the
 * label rack=r-last.
 */
export function poolCluster(n) {
  const pools = [
    ['pool-a', '{zone: zone-a, pool: general}', null],
    ['pool-b', '{zone: zone-b, pool: gpu}', 'taints: ["dedicated=gpu:NoExecute"]'],
    ['pool-c', '{zone: zone-c, pool: control}', 'taints: ["node-role.kubernetes.io/control-plane:NoSchedule"]'],
    ['pool-d', '{zone: zone-a, pool: full}', 'pods: [{name: hog, requests: {cpu: "3990m"}}]'],
    ['pool-e', '{zone: zone-b, pool: general}', null],
    ['pool-f', '{zone: zone-c, pool: general}', null],
    ['pool-g', '{zone: zone-a, pool: general, rack: r-last}', null],
  ];
  const lines = ['nodes:'];
  pools.forEach(([name, labels, extra], i) => {
    const count = Math.floor(n / pools.length) + (i < n % pools.length ? 1 : 0);
    if (!count) return;
    lines.push(`  - name: ${name}`, `    count: ${count}`, `    labels: ${labels}`);
    if (extra) lines.push(`    ${extra}`);
  });
  return lines.join('\n') + '\n';
}

/** `kubectl get nodes -o yaml` for n nodes (what a real dump looks like, about 1 KB a node). */
export function kubectlYaml(n) {
  const out = ['apiVersion: v1', 'items:'];
  for (let i = 0; i < n; i++) {
    const name = `ip-10-1-${Math.floor(i / 250)}-${i % 250}.eu-west-1.compute.internal`;
    out.push('- apiVersion: v1', '  kind: Node', '  metadata:', '    annotations:',
      '      node.alpha.kubernetes.io/ttl: "0"', '      volumes.kubernetes.io/controller-managed-attach-detach: "true"',
      `    creationTimestamp: "2026-01-0${1 + (i % 9)}T10:00:00Z"`, '    labels:',
      '      beta.kubernetes.io/arch: amd64', '      kubernetes.io/os: linux', `      kubernetes.io/hostname: ${name}`,
      `      node.kubernetes.io/instance-type: m5.${i % 2 ? 'large' : 'xlarge'}`, `      topology.kubernetes.io/zone: eu-west-1${'abc'[i % 3]}`,
      `    name: ${name}`, `    uid: 00000000-0000-0000-0000-${String(i).padStart(12, '0')}`, '  spec:', `    providerID: aws:///eu-west-1a/i-${String(i).padStart(17, '0')}`);
    if (i % 25 === 5) out.push('    taints:', '    - effect: NoSchedule', '      key: dedicated', '      value: batch');
    out.push('  status:', '    allocatable:', '      cpu: 1930m', '      ephemeral-storage: "95491281146"', '      memory: 7291304Ki', '      pods: "29"',
      '    capacity:', '      cpu: "2"', '      ephemeral-storage: 104845292Ki', '      memory: 8038824Ki', '      pods: "29"', '    conditions:',
      '    - lastHeartbeatTime: "2026-01-10T10:00:00Z"', '      message: kubelet is posting ready status', '      reason: KubeletReady', '      status: "True"', '      type: Ready',
      '    nodeInfo:', '      architecture: amd64', '      kubeletVersion: v1.36.0', '      operatingSystem: linux');
  }
  out.push('kind: List', 'metadata:', '  resourceVersion: ""');
  return out.join('\n') + '\n';
}
