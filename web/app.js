// The page's shell: the two editors, the engine (engine/), the tabs and
// their views (views/), language and theme, the examples, the share link and
// embedding. The engine decides everything and the views show what it
// reports; this file only connects them. UI pieces the views share are in ui/.
import { h, $, bump, sortProblems } from './ui/index.js';
import { t, num, loadLang, langReady, getLang, pickLang, applyI18n, onFallback, loadWords, LANGS } from './i18n/index.js';
import { Editor, enhance, putFix } from './editor.js';
import { Engine } from './engine/engine.js';
import { Tabs } from './tabs.js';
import { CoverageView, prefetchActions } from './views/coverage.js';
import { LazyView } from './views/lazy.js';
import { encodeState, decodeState, MAX_URL } from './share.js';

/** @typedef {import('./engine/engine.js').PageReport} Report */
/** @typedef {import('./pkg/daemonset_sim.js').ClusterSummary} ClusterSummary */
/** @typedef {import('./pkg/daemonset_sim.js').Diagnostic} Diagnostic */
/** @typedef {import('./engine/engine.js').Evaluation} Evaluation */
/** @typedef {import('./engine/engine.js').PlainError} PlainError */
/** @typedef {import('./views/view.js').Problem} Problem */
/** @typedef {{id: string, daemonset: string, nodes: string, tab?: string}} Example an entry of examples/index.json (tab: the tab it opens on) */

const params = new URLSearchParams(location.search);
const embed = params.get('embed') === '1';
const readonly = params.get('readonly') === '1';
const store = {
  /** @param {string} k */
  get(k) { try { return localStorage.getItem(k); } catch { return null; } },
  /**
   * @param {string} k @param {string} v
   * @returns {boolean} whether it was stored (not when storage is blocked or full)
   */
  set(k, v) { try { localStorage.setItem(k, v); return true; } catch { return false; } },
  /** @param {string} k */
  remove(k) { try { localStorage.removeItem(k); } catch { /* storage blocked */ } },
};

// ------------------------------------------------------ work kept here

/** Where the editors' last content is kept on this device (never sent anywhere). */
const WORK = 'dssim.work';
/** Texts longer than this together are not kept (a browser keeps about 5 MB per site). */
const WORK_MAX = 2_000_000;
/** The full page keeps its work; an embed (or a read-only page) does not. */
const keepsWork = !embed && !readonly;

/** The header's controls (index.html). */
const ui = {
  example: /** @type {HTMLSelectElement} */ ($('#example')),
  lang: /** @type {HTMLSelectElement} */ ($('#lang')),
  theme: $('#theme'),
  share: $('#share'),
  forget: $('#forget'),
  shareBox: $('#share-box'),
  shareUrl: /** @type {HTMLInputElement} */ ($('#share-url')),
  shareMsg: $('#share-msg'),
  shareClose: $('#share-close'),
  banner: $('#banner'),
  status: $('#engine-status'),
  inputs: /** @type {HTMLDetailsElement} */ ($('#inputs')),
  openFull: $('#open-full'),
};

const app = {
  /** @type {Example[]} */
  examples: [],
  example: /** @type {string | null} */ (null), // id of the example in the editors, '' once edited
  /** @type {{ds: string, nodes: string} | null} */
  exampleTexts: null,
  /** @type {Report | null} the last report without errors */
  good: null,
  hasErrors: false,
  /** @type {Problem[]} */
  problems: [],
  evaluations: 0,
  version: 0, // counts the reports without errors (the views rerun on a new one)
  /** @type {number | undefined} */
  lastMs: undefined,
  /** @type {ClusterSummary | null} */
  lastCluster: null,
  /** @type {Evaluation | null} the last answer (its problems are worded again on a language switch) */
  answer: null,
  lastHash: '',
};

// ---------------------------------------------------------------- theme

const darkQuery = matchMedia('(prefers-color-scheme: dark)');
/**
 * @param {string} theme
 * @param {boolean} save
 */
function setTheme(theme, save) {
  document.documentElement.dataset.theme = theme;
  ui.theme.setAttribute('aria-pressed', String(theme === 'dark'));
  if (save) store.set('dssim.theme', theme);
}
const themeParam = params.get('theme');
setTheme(themeParam === 'light' || themeParam === 'dark' ? themeParam : store.get('dssim.theme') || (darkQuery.matches ? 'dark' : 'light'), false);
darkQuery.addEventListener('change', (e) => {
  if (!store.get('dssim.theme')) setTheme(e.matches ? 'dark' : 'light', false);
});
ui.theme.addEventListener('click', () => setTheme(document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark', true));

// --------------------------------------------------------------- engine

/** @type {ReturnType<typeof setTimeout> | undefined} */
let busyTimer;
/**
 * setCluster's progress on a big Nodes text, in place of the status line;
 * its code (ui/progress.js) is fetched after the first result, or at the
 * first progress report.
 * @type {import('./ui/progress.js').ProgressBar | null}
 */
let progress = null;
/** @type {Promise<unknown> | null} */
let progressCode = null;
const loadProgress = () => (progressCode ??= import('./ui/progress.js').then(
  ({ ProgressBar }) => {
    progress = new ProgressBar(ui.status);
    ui.status.after(progress.root);
  },
  (e) => { progressCode = null; throw e; },
));
/**
 * @param {import('./engine/engine.js').Progress | null} p (null: the
 *   setCluster ended). The bar shows after half a second (DELAY_MS of
 *   ui/progress.js): its code is asked for once a read has taken a
 *   quarter second, so a small text (every first result) never fetches it.
 */
function onProgress(p) {
  if (progress) progress.update(p);
  // in the order they came, once the code is there (an end with no bar
  // asked for yet has nothing to end)
  else if (p ? p.ms >= 250 : progressCode) loadProgress().then(() => progress?.update(p), () => {});
}
const engine = new Engine({
  onBusy(busy) {
    clearTimeout(busyTimer);
    document.documentElement.dataset.busy = String(busy);
    if (busy) busyTimer = setTimeout(() => { if (!progress || progress.root.hidden) ui.status.textContent = t('engine.working'); }, 150);
    else if (ui.status.textContent === t('engine.working')) statusLine();
  },
  onProgress,
  onResult: result,
  onCrash(message) {
    banner(t('engine.crashed', { error: message }), 'crash');
    counted();
  },
  onFatal(message) {
    banner(t('engine.failed', { error: message }));
    ui.status.textContent = '';
  },
});

// -------------------------------------------------------- views and tabs

const coverage = new CoverageView(engine);
// the Status tab's code: after the first result (or when its tab opens)
const status = new LazyView({ id: 'status', label: 'tab.status' }, [], () => import('./views/status.js').then((m) => new m.StatusView()));
/**
 * A later view's module, once its words are in too.
 * @template T
 * @param {Promise<T>} code
 * @returns {Promise<T>}
 */
const withWords = (code) => Promise.all([code, loadWords('views'), viewStyles()]).then(([m]) => m);
/** @type {Promise<void> | null} */
let viewsCss = null;
/**
 * views.css, the later tabs' rules (once; a sheet that fails to load
 * leaves the view unstyled rather than missing).
 * @returns {Promise<void>}
 */
function viewStyles() {
  viewsCss ??= new Promise((resolve) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL('./views.css', import.meta.url).href;
    link.onload = link.onerror = () => resolve();
    document.head.append(link);
  });
  return viewsCss;
}
// fetched when their tab opens, or after the first result (prefetch)
// (their words too: i18n/<lang>.views.js)
const rollout = new LazyView({ id: 'rollout', label: 'tab.rollout' }, ['rollout'], () => withWords(import('./views/rollout.js')).then((m) => new m.RolloutView(engine)));
const compare = new LazyView({ id: 'deployment', label: 'tab.deployment' }, ['compare'], () => withWords(import('./views/compare.js')).then((m) => new m.CompareView(engine)));
const clusterView = new LazyView({ id: 'cluster', label: 'tab.cluster' }, ['clDs', 'clNode'], () => withWords(import('./views/cluster.js')).then((m) => new m.ClusterView(engine)));
/** Every tab's view, in tab order (their labels: tab.coverage, tab.status, tab.rollout, tab.deployment, tab.cluster). */
const views = [coverage, status, rollout, compare, clusterView];

/**
 * What the first result does not need, fetched once it is shown: the
 * other tabs' code, the editors' colours and completion list, the
 * downloads' and Apply's code, and the engine's full module (completion,
 * Apply, the other tabs).
 */
function afterFirstResult() {
  const later = () => {
    enhance();
    prefetchActions();
    loadProgress().catch(() => {});
    engine.prefetch();
    for (const v of [status, rollout, compare, clusterView]) v.prefetch();
  };
  if ('requestIdleCallback' in window) requestIdleCallback(later, { timeout: 1500 });
  else setTimeout(later, 200);
}

// -------------------------------------------------------------- editors

/** @type {ReturnType<typeof setTimeout> | undefined} */
let timer;
/** @param {boolean} now */
function edited(now) {
  if (app.exampleTexts && (editors.ds.value !== app.exampleTexts.ds || editors.nodes.value !== app.exampleTexts.nodes)) {
    app.example = '';
    ui.example.value = '';
  }
  clearTimeout(timer);
  if (now) return evaluate();
  const big = editors.ds.value.length + editors.nodes.value.length > 200000;
  timer = setTimeout(evaluate, big ? 400 : 180);
}

/** @type {{ds: Editor, nodes: Editor}} made once the language is loaded (start) */
let editors;
/** @type {Tabs} */
let tabs;

function evaluate() {
  clearTimeout(timer);
  engine.update(editors.ds.value, editors.nodes.value);
}

/**
 * @param {string} text
 * @param {string} [kind]
 */
function banner(text, kind = 'info') {
  ui.banner.hidden = !text;
  ui.banner.textContent = text || '';
  ui.banner.dataset.kind = kind;
}

/** One more engine answer handled (the e2e tests wait on <html data-evaluations>). */
function counted() {
  app.evaluations++;
  bump('evaluations');
}

function statusLine() {
  if (app.lastMs === undefined) return;
  const c = app.lastCluster;
  const summary = c ? ` · ${t('engine.clusterSummary', { nodes: num(c.nodes), pods: num(c.pods) })}` : '';
  ui.status.textContent = t('engine.done', { ms: num(Math.round(app.lastMs)) }) + summary;
}

/** @param {Evaluation} e */
function result(e) {
  if (ui.banner.dataset.kind === 'crash') banner('');
  const { report, error, cluster, ms } = e;
  if (cluster) app.lastCluster = cluster;
  app.answer = e;
  keepWork();
  showProblems();
  const ok = report && !error && !app.problems.some((d) => d.severity === 'error');
  app.hasErrors = !ok;
  if (ok) {
    app.good = report;
    app.version++;
  }
  clearTimeout(busyTimer);
  app.lastMs = ms;
  statusLine();
  renderAll();
  counted();
  if (app.evaluations === 1) {
    performance.mark('dssim:first-result'); // the first result is on the page (tests, scripts/bench-browser.mjs)
    afterFirstResult();
  }
}

/**
 * Lists the last answer's errors and warnings under their editors (and for
 * the Status tab) in the language in force; again on a language switch.
 */
function showProblems() {
  if (!app.answer) return;
  const diags = sortProblems(app.answer);
  editors.ds.setDiagnostics(diags.ds);
  editors.nodes.setDiagnostics(diags.nodes);
  app.problems = [
    ...diags.ds.map((d) => ({ ...d, editor: 'DaemonSet' })),
    ...diags.nodes.map((d) => ({ ...d, editor: t('editor.nodes') })),
  ];
}

/** What every view renders from: the last report without errors, and the editors' state. */
function renderAll() {
  tabs.update({
    report: app.good, hasErrors: app.hasErrors, ds: editors.ds.value, nodes: editors.nodes.value,
    version: app.version, problems: app.problems, apply: applyFix,
  });
}

/**
 * Puts a fix the engine applied (Simulator.applyFix) into its editor, as
 * one edit that the editor's own undo reverts; the page evaluates at once.
 * @param {import('./views/view.js').AppliedFix} a
 * @returns {import('./views/view.js').Applied}
 */
function applyFix(a) {
  return putFix(editors, a);
}

// ------------------------------------------------------------- language

function initialLang() {
  const p = params.get('lang');
  if (p && LANGS.includes(p)) return p;
  const saved = store.get('dssim.lang');
  if (saved && LANGS.includes(saved)) return saved;
  return pickLang(navigator.languages || [navigator.language]);
}

/**
 * @param {string} lang
 * @param {boolean} [save]
 */
async function switchLang(lang, save = true) {
  await loadLang(lang);
  if (save) store.set('dssim.lang', lang);
  relabel();
}

/** Words the whole page again in the language in force. */
function relabel() {
  ui.lang.value = getLang();
  applyI18n();
  fillExamples();
  editors.ds.relabel();
  editors.nodes.relabel();
  showProblems();
  renderAll();
  tabs.relabel();
  statusLine();
  progress?.render();
}

// ------------------------------------------------------------- examples

async function loadIndex() {
  const res = await fetch('examples/index.json');
  if (!res.ok) throw new Error(`examples/index.json: ${res.status}`);
  app.examples = await res.json();
  fillExamples();
}

function fillExamples() {
  const custom = h('option', { value: '' }, t('examples.custom'));
  ui.example.replaceChildren(custom, ...app.examples.map((e) => {
    const label = t(`example.${e.id}`);
    return h('option', { value: e.id }, label === `example.${e.id}` ? e.id : `${e.id} — ${label}`);
  }));
  ui.example.value = app.example || '';
}

/** @param {string | null | undefined} id */
async function loadExample(id) {
  const ex = app.examples.find((e) => e.id === id) || app.examples[0];
  if (!ex) return;
  /** @param {string} f */
  const get = async (f) => {
    const r = await fetch(`examples/${encodeURIComponent(f)}`);
    if (!r.ok) throw new Error(`${f}: ${r.status}`);
    return r.text();
  };
  const [ds, nodes] = await Promise.all([get(ex.daemonset), get(ex.nodes)]);
  app.example = ex.id;
  app.exampleTexts = { ds, nodes };
  // another example: what the views kept (the chosen node, the edited copy, the replica count) belonged to the last one
  for (const v of views) v.reset();
  editors.ds.value = ds;
  editors.nodes.value = nodes;
  ui.example.value = ex.id;
  evaluate();
}

ui.example.addEventListener('change', () => {
  if (!ui.example.value) return;
  // an example about one tab opens on it when chosen here (a link names its own tab)
  const tab = app.examples.find((e) => e.id === ui.example.value)?.tab;
  loadExample(ui.example.value).then(() => { if (tab) tabs.select(tab); });
});

// ---------------------------------------------------------------- share

/** The whole page: both editors, the example, the tab, the language, and each view's part. */
async function currentState() {
  await langReady(); // a language just chosen is on its way
  const state = { ds: editors.ds.value, nodes: editors.nodes.value, example: app.example || '', tab: tabs.current, lang: getLang() };
  for (const v of views) Object.assign(state, v.save());
  return state;
}

function baseUrl() {
  return new URL(location.pathname, location.href).href;
}

async function shareLink() {
  const input = ui.shareUrl;
  const msg = ui.shareMsg;
  ui.shareBox.hidden = false;
  try {
    const url = `${baseUrl()}#${await encodeState(await currentState())}`;
    if (url.length > MAX_URL) {
      input.value = '';
      input.hidden = true;
      msg.textContent = t('share.tooLong', { length: num(url.length), limit: num(MAX_URL) });
      msg.className = 'bad-text';
      return;
    }
    input.hidden = false;
    input.value = url;
    app.lastHash = url.slice(url.indexOf('#'));
    history.replaceState(null, '', url);
    input.focus();
    input.select();
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch { /* no clipboard permission: the box holds the link */ }
    msg.textContent = t(copied ? 'share.copied' : 'share.ready');
    msg.className = '';
  } catch (e) {
    msg.textContent = t('share.failed', { error: e instanceof Error ? e.message : String(e) });
    msg.className = 'bad-text';
  }
}
ui.share.addEventListener('click', shareLink);
ui.shareClose.addEventListener('click', () => { ui.shareBox.hidden = true; ui.share.focus(); });

/** @param {string} hash */
async function restore(hash) {
  const s = await decodeState(hash);
  if (!s) return false;
  app.lastHash = hash;
  await applyState(s);
  return true;
}

/**
 * Puts a saved state (a share link's, or the work kept here) in the page.
 * @param {Record<string, unknown>} s
 */
async function applyState(s) {
  if (typeof s.lang === 'string' && LANGS.includes(s.lang) && s.lang !== getLang()) await switchLang(s.lang, false);
  app.example = app.examples.some((e) => e.id === s.example) ? String(s.example) : '';
  app.exampleTexts = null;
  for (const v of views) v.load(s);
  editors.ds.value = String(s.ds ?? '');
  editors.nodes.value = String(s.nodes ?? '');
  ui.example.value = app.example;
  if (typeof s.tab === 'string' && s.tab) tabs.select(s.tab);
  evaluate();
}

/** The page as it is now, without waiting for anything (for pagehide). */
function stateNow() {
  const state = { ds: editors.ds.value, nodes: editors.nodes.value, example: app.example || '', tab: tabs.current, lang: getLang() };
  for (const v of views) Object.assign(state, v.save());
  return state;
}

/**
 * Keeps the editors' content, the example, the tab and each view's part
 * (the chosen node) on this device; an example left as it is, or texts
 * too large for the browser's storage, are not kept.
 */
function keepWork() {
  if (!keepsWork || !editors) return;
  const s = stateNow();
  const own = !app.example;
  const fits = s.ds.length + s.nodes.length <= WORK_MAX;
  if (!own) {
    // an example needs no copy: its id, the tab and the node are enough
    s.ds = '';
    s.nodes = '';
  }
  if (own && !fits) {
    store.remove(WORK);
  } else if (!store.set(WORK, JSON.stringify(s))) {
    store.remove(WORK);
  }
  ui.forget.hidden = !own || !fits;
}

/** The work kept here at the last visit, if any. */
function keptWork() {
  if (!keepsWork) return null;
  try {
    const s = JSON.parse(store.get(WORK) || 'null');
    return s && typeof s === 'object' && !Array.isArray(s) ? s : null;
  } catch {
    return null;
  }
}

addEventListener('pagehide', keepWork);
ui.forget.addEventListener('click', async () => {
  store.remove(WORK);
  ui.forget.hidden = true;
  await loadExample(app.examples[0]?.id);
  ui.example.focus();
});

/** @param {unknown} e */
const messageOf = (e) => (e instanceof Error ? e.message : String(e));

addEventListener('hashchange', () => {
  if (location.hash.startsWith('#s=') && location.hash !== app.lastHash) {
    restore(location.hash).catch((e) => banner(t('share.restoreFailed', { error: messageOf(e) })));
  }
});

// ---------------------------------------------------------------- embed

function setupEmbed() {
  document.documentElement.classList.add('embed');
  ui.inputs.open = false;
  ui.openFull.addEventListener('click', async (e) => {
    e.preventDefault();
    const url = `${baseUrl()}#${await encodeState(await currentState())}`;
    window.open(url.length > MAX_URL ? baseUrl() : url, '_blank', 'noopener');
  });
}

// ----------------------------------------------------------------- start

ui.lang.addEventListener('change', () => switchLang(ui.lang.value));
addEventListener('dragover', (e) => e.preventDefault());
addEventListener('drop', (e) => e.preventDefault());

async function start() {
  // the worker loads the engine meanwhile; nothing is worded before the language is here
  await loadLang(initialLang());
  onFallback(relabel);
  editors = {
    ds: new Editor({
      id: 'ds', label: 'editor.daemonset', hint: 'editor.dsHint', onInput: edited,
      // field names, constants and the pasted nodes' labels and taint keys, from the engine (Simulator.complete)
      complete: (text, offset, done) => engine.request('complete', { call: 'complete', args: [text, offset] }, ({ result }) => done(result ?? null)),
    }),
    nodes: new Editor({ id: 'nodes', label: 'editor.nodes', hint: 'editor.nodesHint', onInput: edited }),
  };
  $('#editors').append(editors.ds.root, editors.nodes.root);
  tabs = new Tabs($('#tabs'), $('#panels'), views);
  ui.lang.value = getLang();
  applyI18n();
  ui.status.textContent = t('engine.loading');
  if (embed) setupEmbed();
  const wanted = (params.get('tabs') || '').split(',').map((x) => x.trim()).filter(Boolean);
  if (wanted.length) tabs.restrict(wanted);
  if (readonly) {
    document.documentElement.classList.add('readonly');
    editors.ds.setReadOnly(true);
    editors.nodes.setReadOnly(true);
  }
  tabs.select(params.get('tab') || tabs.ids()[0]);
  try {
    await loadIndex();
  } catch (e) {
    banner(messageOf(e));
  }
  let restored = false;
  if (location.hash.startsWith('#s=')) {
    try {
      restored = await restore(location.hash);
    } catch (e) {
      banner(t('share.restoreFailed', { error: messageOf(e) }));
    }
  }
  const kept = !restored && !params.get('example') ? keptWork() : null;
  if (kept && app.examples.some((e) => e.id === kept.example)) {
    // an example: load it again, then the tab and the node kept with it
    await loadExample(String(kept.example));
    for (const v of views) v.load(kept);
    if (typeof kept.tab === 'string' && kept.tab) tabs.select(kept.tab);
  } else if (kept && typeof kept.ds === 'string') {
    await applyState(kept);
    ui.forget.hidden = false;
  } else if (!restored) await loadExample(params.get('example') || app.examples[0]?.id);
}

start();
