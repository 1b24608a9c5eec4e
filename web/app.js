// The page: editors -> engine worker -> coverage grid, explanation, status.
// The engine decides everything; this file only shows what it reports.
import { h, $ } from './dom.js';
import { t, num, setLang, getLang, pickLang, applyI18n, LANGS } from './i18n.js';
import { Editor } from './editor.js';
import { Engine } from './engine.js';
import { Grid, STATES } from './grid.js';
import { renderExplanation } from './explain.js';
import { countsTable, renderStatus } from './status.js';
import { Tabs } from './tabs.js';
import { RolloutView } from './rollout.js';
import { CompareView } from './compare.js';
import { encodeState, decodeState, MAX_URL } from './share.js';
import * as fmt from './format.js';

const params = new URLSearchParams(location.search);
const embed = params.get('embed') === '1';
const readonly = params.get('readonly') === '1';
const store = {
  get(k) { try { return localStorage.getItem(k); } catch { return null; } },
  set(k, v) { try { localStorage.setItem(k, v); } catch { /* storage blocked (sandboxed iframe) */ } },
};

const app = {
  examples: [],
  example: null, // id of the example in the editors, '' once edited
  exampleTexts: null,
  good: null, // the last report without errors
  selected: null,
  problems: [],
  evaluations: 0,
  version: 0, // counts the reports without errors (the views rerun on a new one)
};

// ------------------------------------------------------------- language

function initialLang() {
  const p = params.get('lang');
  if (LANGS.includes(p)) return p;
  const saved = store.get('dssim.lang');
  if (LANGS.includes(saved)) return saved;
  return pickLang(navigator.languages || [navigator.language]);
}

function switchLang(lang, save = true) {
  setLang(lang);
  if (save) store.set('dssim.lang', lang);
  $('#lang').value = getLang();
  applyI18n();
  fillExamples();
  editors.ds.relabel();
  editors.nodes.relabel();
  grid.relabel();
  statusLine();
  renderAll();
}

// ---------------------------------------------------------------- theme

const darkQuery = matchMedia('(prefers-color-scheme: dark)');
function setTheme(theme, save) {
  document.documentElement.dataset.theme = theme;
  $('#theme').setAttribute('aria-pressed', String(theme === 'dark'));
  if (save) store.set('dssim.theme', theme);
}
setTheme(['light', 'dark'].includes(params.get('theme')) ? params.get('theme') : store.get('dssim.theme') || (darkQuery.matches ? 'dark' : 'light'), false);
darkQuery.addEventListener('change', (e) => {
  if (!store.get('dssim.theme')) setTheme(e.matches ? 'dark' : 'light', false);
});
$('#theme').addEventListener('click', () => setTheme(document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark', true));

// -------------------------------------------------------------- editors

let timer = 0;
function edited(now) {
  if (app.exampleTexts && (editors.ds.value !== app.exampleTexts.ds || editors.nodes.value !== app.exampleTexts.nodes)) {
    app.example = '';
    $('#example').value = '';
  }
  clearTimeout(timer);
  if (now) return evaluate();
  const big = editors.ds.value.length + editors.nodes.value.length > 200000;
  timer = setTimeout(evaluate, big ? 400 : 180);
}

const editors = {
  ds: new Editor($('#editor-ds'), { onInput: edited }),
  nodes: new Editor($('#editor-nodes'), { onInput: edited }),
};
addEventListener('dragover', (e) => e.preventDefault());
addEventListener('drop', (e) => e.preventDefault());

// --------------------------------------------------------------- engine

let busyTimer = 0;
const engine = new Engine({
  onBusy(busy) {
    clearTimeout(busyTimer);
    document.documentElement.dataset.busy = String(busy);
    if (busy) busyTimer = setTimeout(() => { $('#engine-status').textContent = t('engine.working'); }, 150);
    else if ($('#engine-status').textContent === t('engine.working')) statusLine();
  },
  onResult: result,
  onCrash(message) {
    banner(t('engine.crashed', { error: message }), 'crash');
    app.evaluations++;
    document.documentElement.dataset.evaluations = String(app.evaluations);
  },
  onFatal(message) {
    banner(t('engine.failed', { error: message }));
    $('#engine-status').textContent = '';
  },
});

function evaluate() {
  clearTimeout(timer);
  engine.update(editors.ds.value, editors.nodes.value);
}

function banner(text, kind = 'info') {
  const b = $('#banner');
  b.hidden = !text;
  b.textContent = text || '';
  b.dataset.kind = kind;
}

/** Which editor a diagnostic belongs to. */
function editorOf(d, fallback) {
  const s = String(d.source || '').toLowerCase();
  if (s.includes('node')) return 'nodes';
  if (s.includes('daemon')) return 'ds';
  return fallback;
}

let lastCluster = null;
function statusLine() {
  if (app.lastMs === undefined) return;
  const summary = lastCluster ? ` · ${t('engine.clusterSummary', { nodes: num(lastCluster.nodes), pods: num(lastCluster.pods) })}` : '';
  $('#engine-status').textContent = t('engine.done', { ms: num(Math.round(app.lastMs)) }) + summary;
}

function result({ report, error, cluster, ms }) {
  if ($('#banner').dataset.kind === 'crash') banner('');
  const diags = { ds: [], nodes: [] };
  const seen = new Set();
  const add = (d, severity, fallback) => {
    const ed = editorOf(d, fallback);
    const text = fmt.diagnostic(d);
    const k = `${ed}|${severity}|${d.line}|${d.column}|${text}`;
    if (seen.has(k)) return;
    seen.add(k);
    diags[ed].push({ severity, line: d.line ?? null, column: d.column ?? null, text });
  };
  if (cluster) {
    lastCluster = cluster;
    for (const d of cluster.errors || []) add(d, 'error', 'nodes');
    for (const d of cluster.warnings || []) add(d, 'warning', 'nodes');
  }
  if (error) add(error, 'error', 'ds');
  if (report) {
    for (const d of report.errors || []) add(d, 'error', 'ds');
    for (const d of report.warnings || []) add(d, 'warning', 'ds');
  }
  editors.ds.setDiagnostics(diags.ds);
  editors.nodes.setDiagnostics(diags.nodes);
  app.problems = [
    ...diags.ds.map((d) => ({ ...d, editor: 'DaemonSet' })),
    ...diags.nodes.map((d) => ({ ...d, editor: t('editor.nodes') })),
  ];
  const ok = report && !error && ![...diags.ds, ...diags.nodes].some((d) => d.severity === 'error');
  app.hasErrors = !ok;
  if (ok) {
    app.good = report;
    app.version++;
  }
  clearTimeout(busyTimer);
  app.lastMs = ms;
  statusLine();
  renderAll();
  app.evaluations++;
  document.documentElement.dataset.evaluations = String(app.evaluations);
}

// ------------------------------------------------------------- coverage

const grid = new Grid($('#grid'), {
  onSelect(name) {
    app.selected = name;
    renderExplain();
  },
});

const filter = new Set(STATES);
function chips(report) {
  const c = report.counts;
  const counts = { scheduled: c.scheduled, pending: c.pending, excluded: c.excluded, 'keeps-existing': c.keepsExisting };
  $('#chips').replaceChildren(...STATES.map((s) => {
    const b = h('button', { type: 'button', class: 'chip', 'data-state': s, 'aria-pressed': String(filter.has(s)) },
      h('span', { class: 'ic', 'aria-hidden': 'true' }), h('span', null, t(`state.${s}`)), h('span', { class: 'count' }, num(counts[s])));
    b.title = t(`stateHelp.${s}`);
    b.addEventListener('click', () => {
      if (filter.has(s)) filter.delete(s);
      else filter.add(s);
      b.setAttribute('aria-pressed', String(filter.has(s)));
      grid.setFilter(filter);
      shown();
    });
    return b;
  }));
}

function shown() {
  const total = app.good ? app.good.nodes.length : 0;
  $('#shown').textContent = t('grid.shown', { shown: num(grid.shown ?? total), total: num(total) });
  const empty = $('#grid-empty');
  empty.hidden = !(total === 0 || grid.shown === 0);
  empty.textContent = total === 0 ? t('grid.none') : t('grid.noMatch');
  $('#grid-keys').hidden = !grid.shown;
}

$('#search').addEventListener('input', (e) => {
  grid.setQuery(e.target.value);
  shown();
});
$('#group').addEventListener('change', (e) => grid.setGroup(e.target.checked));

function pickDefault(report) {
  if (app.selected && report.nodes.some((n) => n.name === app.selected)) return app.selected;
  for (const s of STATES) {
    const n = report.nodes.find((x) => x.state === s);
    if (n) return n.name;
  }
  return null;
}

function renderCoverage() {
  const report = app.good;
  $('#stale').hidden = !(app.hasErrors && report);
  $('#no-result').hidden = !(app.hasErrors && !report);
  $('#coverage-body').hidden = !report;
  $('#panel-coverage').classList.toggle('is-stale', Boolean(app.hasErrors && report));
  if (!report) return;
  $('#counts').replaceChildren(countsTable(report));
  chips(report);
  app.selected = pickDefault(report);
  grid.setNodes(report.nodes);
  if (app.selected) grid.choose(app.selected, false);
  shown();
  renderExplain();
}

function renderExplain() {
  const report = app.good;
  const n = report && report.nodes.find((x) => x.name === app.selected);
  renderExplanation($('#explain'), report, n);
}

// ----------------------------------------------------------------- tabs

const rollout = new RolloutView(engine, {});
const compare = new CompareView(engine, {});

const tabs = new Tabs($('#tabs'), $('#panels'), [
  { id: 'coverage', label: 'tab.coverage', render: renderCoverage },
  { id: 'status', label: 'tab.status', render: (panel) => renderStatus(panel, app.good, app.problems) },
  { id: 'rollout', label: 'tab.rollout', render: (panel, ctx) => rollout.render(panel, ctx) },
  { id: 'deployment', label: 'tab.deployment', render: (panel, ctx) => compare.render(panel, ctx) },
], () => {});

/** What every view renders from: the last report without errors, and the DaemonSet text behind it. */
function renderAll() {
  tabs.update({ report: app.good, hasErrors: Boolean(app.hasErrors), ds: editors.ds.value, version: app.version });
}

// ------------------------------------------------------------- examples

async function loadIndex() {
  const res = await fetch('examples/index.json');
  if (!res.ok) throw new Error(`examples/index.json: ${res.status}`);
  app.examples = await res.json();
  fillExamples();
}

function fillExamples() {
  const sel = $('#example');
  const custom = h('option', { value: '' }, t('examples.custom'));
  sel.replaceChildren(custom, ...app.examples.map((e) => {
    const label = t(`example.${e.id}`);
    return h('option', { value: e.id }, label === `example.${e.id}` ? e.id : `${e.id} — ${label}`);
  }));
  sel.value = app.example || '';
}

async function loadExample(id) {
  const ex = app.examples.find((e) => e.id === id) || app.examples[0];
  if (!ex) return;
  const get = async (f) => {
    const r = await fetch(`examples/${encodeURIComponent(f)}`);
    if (!r.ok) throw new Error(`${f}: ${r.status}`);
    return r.text();
  };
  const [ds, nodes] = await Promise.all([get(ex.daemonset), get(ex.nodes)]);
  app.example = ex.id;
  app.exampleTexts = { ds, nodes };
  app.selected = null;
  // another example: the edited copy, the replica count and the chosen node belonged to the last one
  rollout.restore({ ...rollout.state(), copy: null });
  compare.restore({});
  compare.selected = null;
  editors.ds.value = ds;
  editors.nodes.value = nodes;
  $('#example').value = ex.id;
  evaluate();
}

$('#example').addEventListener('change', (e) => {
  if (e.target.value) loadExample(e.target.value);
});

// ---------------------------------------------------------------- share

function currentState() {
  return {
    ds: editors.ds.value, nodes: editors.nodes.value, example: app.example || '', tab: tabs.current, lang: getLang(), node: app.selected || '',
    rollout: rollout.state(), compare: { ...compare.state(), node: compare.selected || '' },
  };
}

function baseUrl() {
  return new URL(location.pathname, location.href).href;
}

async function shareLink() {
  const box = $('#share-box');
  const input = $('#share-url');
  const msg = $('#share-msg');
  box.hidden = false;
  try {
    const url = `${baseUrl()}#${await encodeState(currentState())}`;
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
    msg.textContent = t('share.failed', { error: e.message });
    msg.className = 'bad-text';
  }
}
$('#share').addEventListener('click', shareLink);
$('#share-close').addEventListener('click', () => { $('#share-box').hidden = true; $('#share').focus(); });

async function restore(hash) {
  const s = await decodeState(hash);
  if (!s) return false;
  app.lastHash = hash;
  if (LANGS.includes(s.lang) && s.lang !== getLang()) switchLang(s.lang, false);
  app.example = app.examples.some((e) => e.id === s.example) ? s.example : '';
  app.exampleTexts = null;
  app.selected = s.node || null;
  rollout.restore(s.rollout);
  compare.restore(s.compare);
  compare.selected = (s.compare && typeof s.compare.node === 'string' && s.compare.node) || null;
  editors.ds.value = String(s.ds ?? '');
  editors.nodes.value = String(s.nodes ?? '');
  $('#example').value = app.example;
  if (s.tab) tabs.select(s.tab);
  evaluate();
  return true;
}

addEventListener('hashchange', () => {
  if (location.hash.startsWith('#s=') && location.hash !== app.lastHash) {
    restore(location.hash).catch((e) => banner(t('share.restoreFailed', { error: e.message })));
  }
});

// ---------------------------------------------------------------- embed

function setupEmbed() {
  document.documentElement.classList.add('embed');
  $('#inputs').open = false;
  $('#open-full').addEventListener('click', async (e) => {
    e.preventDefault();
    const url = `${baseUrl()}#${await encodeState(currentState())}`;
    window.open(url.length > MAX_URL ? baseUrl() : url, '_blank', 'noopener');
  });
}

// ----------------------------------------------------------------- start

$('#lang').addEventListener('change', (e) => switchLang(e.target.value));

async function start() {
  setLang(initialLang());
  $('#lang').value = getLang();
  applyI18n();
  $('#engine-status').textContent = t('engine.loading');
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
    banner(e.message);
  }
  let restored = false;
  if (location.hash.startsWith('#s=')) {
    try {
      restored = await restore(location.hash);
    } catch (e) {
      banner(t('share.restoreFailed', { error: e.message }));
    }
  }
  if (!restored) await loadExample(params.get('example') || app.examples[0]?.id);
}

start();
