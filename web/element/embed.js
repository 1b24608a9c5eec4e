// The <daemonset-sim> element's implementation (daemonset-sim.js imports it
// when an element first comes near the viewport). In the element's shadow
// root: the page's own editors (editor.js) and views (views/coverage.js with
// its explanation, views/status.js) under the page's tabs (tabs.js), styled
// by the page's style.css scoped to the element (:root and html become the
// element's wrapper) and element.css. The engine is the page's, shared by
// every element (hub.js). As the page, this decides nothing: the engine's
// answers are shown as they come. The views that need the whole page
// (Rollout, Deployment vs DaemonSet, Cluster) are links to it.
import { h, sortProblems } from '../ui/index.js';
import { ProgressBar } from '../ui/progress.js';
import { t, num, loadLang, pickLang, LANGS } from '../i18n/index.js';
import { Editor, enhance, putFix } from '../editor.js';
import { Tabs } from '../tabs.js';
import { CoverageView } from '../views/coverage.js';
import { StatusView } from '../views/status.js';
import { encodeState, MAX_URL } from '../share.js';
import { hub, Client } from './hub.js';
import { fullReport } from '../engine/engine.js';

/** @typedef {import('../engine/engine.js').PageReport} Report */
/** @typedef {import('../pkg/daemonset_sim.js').Diagnostic} Diagnostic */
/** @typedef {import('../engine/engine.js').Evaluation} Evaluation */
/** @typedef {import('../engine/engine.js').PlainError} PlainError */
/** @typedef {import('../engine/engine.js').Engine} Engine */
/** @typedef {import('../views/view.js').Problem} Problem */
/** @typedef {import('./daemonset-sim.js').DaemonSetSim} Host */
/** @typedef {{id: string, daemonset: string, nodes: string}} Example */

/** The views shown in the element; the page's other tabs are links to the full page. */
const INSIDE = ['coverage', 'status'];
const OUTSIDE = /** @type {const} */ ({ rollout: 'tab.rollout', deployment: 'tab.deployment', cluster: 'tab.cluster' });
const PAGE = new URL('../index.html', import.meta.url);

// ------------------------------------------------------------ language

/** @type {Promise<string> | null} the page's one language: the first element's */
let pageLang = null;

/**
 * The language an element asks for: its `lang` (or its nearest ancestor's,
 * the document's), else the reader's browser languages.
 * @param {Element} host
 */
function wantedLang(host) {
  const l = host.closest('[lang]')?.getAttribute('lang');
  if (l) return LANGS.includes(l) ? l : pickLang([l]);
  return pickLang(navigator.languages || [navigator.language]);
}

// --------------------------------------------------------------- styles

/** @type {Promise<CSSStyleSheet[]> | null} */
let sheets = null;

/** @param {string | URL} url */
async function text(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return r.text();
}

/**
 * The page's style sheet for a shadow root: its :root and html rules go to
 * the element's wrapper (.dss), its body rule away; the wrapper first drops
 * whatever the host inherited from the documentation page.
 * @param {string} css
 */
export function scoped(css) {
  return '.dss { all: initial; display: block; }\n' + css
    .replace(/:root/g, '.dss')
    .replace(/(^|[}\s])html(\s*\{)/g, '$1.dss$2')
    .replace(/(^|[}\s])body\s*\{[^}]*\}/g, '$1');
}

/** style.css (scoped) and element.css, fetched once for every element. */
function styles() {
  sheets ??= Promise.all([text(new URL('../style.css', import.meta.url)), text(new URL('./element.css', import.meta.url))])
    .then((list) => list.map((css, i) => {
      const s = new CSSStyleSheet();
      s.replaceSync(i === 0 ? scoped(css) : css);
      return s;
    }));
  return sheets;
}

// --------------------------------------------------------------- inputs

/** @type {Promise<Example[]> | null} */
let index = null;

/**
 * The text of a <script type="text/yaml"> (or any element) without the
 * indentation its lines share and the blank lines around it.
 * @param {string} s
 */
export function dedent(s) {
  const lines = s.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.length ? `${lines.map((l) => l.slice(cut).replace(/\s+$/, '')).join('\n')}\n` : '';
}

/**
 * The DaemonSet and the nodes: each from its slot (a child element with
 * slot="daemonset" / slot="nodes"), else the URL in the attribute of that
 * name (relative to the document), else the `example`'s file.
 * @param {Element} host
 * @returns {Promise<{ds: string, nodes: string, example: string | null}>} example: when both came from it
 */
async function inputs(host) {
  /** @param {string} name */
  const slotted = (name) => {
    const el = [...host.children].find((c) => c.getAttribute('slot') === name);
    return el ? dedent(el.textContent || '') : null;
  };
  /** @param {string} name */
  const fetched = (name) => {
    const url = host.getAttribute(name);
    return url ? text(new URL(url, document.baseURI)) : null;
  };
  let [ds, nodes] = await Promise.all([slotted('daemonset') ?? fetched('daemonset'), slotted('nodes') ?? fetched('nodes')]);
  const id = host.getAttribute('example');
  let example = null;
  if (id && (ds === null || nodes === null)) {
    index ??= text(new URL('../examples/index.json', import.meta.url)).then((s) => JSON.parse(s));
    const ex = (await index).find((e) => e.id === id);
    if (!ex) throw new Error(t('el.noExample', { id }));
    /** @param {string} f */
    const file = (f) => text(new URL(`../examples/${encodeURIComponent(f)}`, import.meta.url));
    if (ds === null && nodes === null) example = id;
    [ds, nodes] = await Promise.all([ds ?? file(ex.daemonset), nodes ?? file(ex.nodes)]);
  }
  return { ds: ds ?? '', nodes: nodes ?? '', example };
}

// ---------------------------------------------------------------- engine

/** A DaemonSet name for the element's label, from the report. */
const dsName = (/** @type {Report | null} */ r) => r?.daemonSet?.name || '';

const dark = matchMedia('(prefers-color-scheme: dark)');

class Embed {
  /**
   * Builds the element's content in its shadow root.
   * @param {Host} host
   * @param {string} lang the language in force
   */
  constructor(host, lang) {
    this.host = host;
    this.root = /** @type {ShadowRoot} */ (host.shadowRoot);
    /** @type {string | null} the example the texts came from, while they are unchanged */
    this.example = null;
    /** @type {{ds: string, nodes: string} | null} */
    this.exampleTexts = null;
    /** @type {Report | null} the last report without errors */
    this.good = null;
    this.hasErrors = false;
    /** @type {Problem[]} */
    this.problems = [];
    this.version = 0;
    /** @type {Evaluation | null} */
    this.answer = null;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    this.linkSeq = 0;
    this.readonly = host.hasAttribute('readonly') && host.getAttribute('readonly') !== 'false';
    this.client = new Client(hub, {
      onResult: (e) => this.result(e),
      onCrash: (m) => { this.banner(t('engine.crashed', { error: m })); this.counted(); },
      onFatal: (m) => { this.banner(t('engine.failed', { error: m })); this.status.textContent = ''; },
      onProgress: (p) => this.progress.update(p),
    });
    const engine = /** @type {Engine} */ (/** @type {unknown} */ (this.client));
    this.coverage = new CoverageView(engine);
    const views = [this.coverage, new StatusView()];
    const asked = (host.getAttribute('tabs') || 'coverage,status').split(',').map((x) => x.trim()).filter(Boolean);
    this.editors = {
      ds: new Editor({
        id: 'ds', label: 'editor.daemonset', hint: 'editor.dsHint', onInput: (now) => this.edited(now),
        // field names, constants, this element's nodes' labels and taint keys (Simulator.complete, against its own cluster)
        complete: (text, offset, done) => this.client.request('complete', { call: 'complete', args: [text, offset] }, ({ result }) => done(result ?? null)),
      }),
      nodes: new Editor({ id: 'nodes', label: 'editor.nodes', hint: 'editor.nodesHint', onInput: (now) => this.edited(now) }),
    };
    this.status = h('p', { class: 'dss-status engine-status', role: 'status', 'aria-live': 'polite' }, t('engine.loading'));
    /** setCluster's progress on a big Nodes text, in place of the status */
    this.progress = new ProgressBar(this.status);
    this.full = h('a', { class: 'dss-full', href: PAGE.href, target: '_blank', rel: 'noopener' }, t('embed.open'));
    this.bannerEl = h('p', { class: 'banner dss-banner', role: 'alert', hidden: true });
    const tablist = h('div', { role: 'tablist', 'aria-label': t('tab.tabsLabel') });
    const panels = h('div', { class: 'dss-panels' });
    /** @type {HTMLAnchorElement[]} */
    this.links = [];
    for (const id of asked) {
      if (!(id in OUTSIDE)) continue;
      this.links.push(h('a', { href: PAGE.href, target: '_blank', rel: 'noopener', 'data-tab': id }, t(OUTSIDE[/** @type {keyof typeof OUTSIDE} */ (id)])));
    }
    this.inputsEl = h('details', { class: 'dss-inputs', open: !host.hasAttribute('collapsed') },
      h('summary', null, t(this.readonly ? 'el.input' : 'editor.edit')),
      h('div', { class: 'dss-editors' }, this.editors.ds.root, this.editors.nodes.root));
    this.wrap = h('div', { class: `dss${this.readonly ? ' readonly' : ''}`, lang, 'data-theme': this.theme(), role: 'group', 'aria-label': t('app.title') },
      h('div', { class: 'dss-bar' }, h('strong', { class: 'dss-title' }, t('app.title')), this.status, this.progress.root, this.full),
      this.bannerEl,
      h('div', { class: 'dss-body' },
        this.inputsEl,
        h('section', { class: 'dss-results' },
          h('div', { class: 'dss-tabrow' }, tablist,
            this.links.length ? h('p', { class: 'dss-more' }, t('el.more'), ' ', this.links.flatMap((a, i) => (i ? [' · ', a] : [a]))) : null),
          panels)));
    this.root.replaceChildren(this.wrap);
    this.tabs = new Tabs(tablist, panels, views);
    const shown = asked.filter((x) => INSIDE.includes(x));
    this.tabs.restrict(shown.length ? shown : ['coverage']);
    this.tabs.select(this.tabs.ids()[0]);
    if (this.readonly) {
      this.editors.ds.setReadOnly(true);
      this.editors.nodes.setReadOnly(true);
    }
    dark.addEventListener('change', () => this.applyTheme());
  }

  /** light or dark: the `theme` attribute, else the reader's preference. */
  theme() {
    const a = this.host.getAttribute('theme');
    return a === 'light' || a === 'dark' ? a : dark.matches ? 'dark' : 'light';
  }

  applyTheme() {
    if (this.wrap) this.wrap.dataset.theme = this.theme();
  }

  /** @param {string} name an attribute that changed after the start */
  attributeChanged(name) {
    if (name === 'theme') this.applyTheme();
    if (name === 'readonly' && this.editors && this.wrap) {
      const ro = this.host.hasAttribute('readonly') && this.host.getAttribute('readonly') !== 'false';
      this.readonly = ro;
      this.wrap.classList.toggle('readonly', ro);
      this.editors.ds.setReadOnly(ro);
      this.editors.nodes.setReadOnly(ro);
      const summary = this.inputsEl?.querySelector('summary');
      if (summary) summary.textContent = t(ro ? 'el.input' : 'editor.edit');
    }
  }

  /** @param {string} message */
  fail(message) {
    this.banner(message);
    this.status.textContent = '';
  }

  /** @param {string} message */
  banner(message) {
    this.bannerEl.hidden = !message;
    this.bannerEl.textContent = message;
  }

  // ------------------------------------------------------------ editing

  /** @param {boolean} now */
  edited(now) {
    const ex = this.exampleTexts;
    if (ex && (this.editors.ds.value !== ex.ds || this.editors.nodes.value !== ex.nodes)) this.example = null;
    clearTimeout(this.timer);
    if (now) this.evaluate();
    else this.timer = setTimeout(() => this.evaluate(), 250);
  }

  evaluate() {
    clearTimeout(this.timer);
    this.client.update(this.editors.ds.value, this.editors.nodes.value);
  }

  // ------------------------------------------------------------ results

  /** @param {Evaluation} e */
  result(e) {
    this.banner('');
    const { report, error, ms } = e;
    this.answer = e;
    this.showProblems();
    const ok = report && !error && !this.problems.some((d) => d.severity === 'error');
    this.hasErrors = !ok;
    if (ok) {
      this.good = report;
      this.version++;
    }
    const name = dsName(this.good);
    this.wrap.setAttribute('aria-label', name ? t('el.label', { name }) : t('app.title'));
    const c = e.cluster;
    this.status.textContent = t('engine.done', { ms: num(Math.round(ms)) }) + (c ? ` · ${t('engine.clusterSummary', { nodes: num(c.nodes), pods: num(c.pods) })}` : '');
    this.renderAll();
    this.links_();
    this.counted();
    // the editors' colours and completion list, once the first grid shows (one fetch for every element)
    if (this.host.evaluations === 1) setTimeout(enhance, 0);
    this.tell(e);
  }

  /**
   * The `evaluated` event: the engine's full report (Simulator.evaluate;
   * the views keep only each node's state and reason), or the error. An
   * evaluation replaced before its report came tells nothing.
   * @param {Evaluation} e
   */
  tell(e) {
    /** @param {unknown} report @param {PlainError | null} error */
    const dispatch = (report, error) => this.host.dispatchEvent(new CustomEvent('evaluated', { detail: { report, error } }));
    if (!e.report) {
      this.client.cancel('evaluated');
      dispatch(null, e.error);
      return;
    }
    this.client.request('evaluated', fullReport(e.report), ({ result, error }) => {
      if (this.answer === e) dispatch(result, error);
    });
  }

  counted() {
    this.host.evaluations++;
  }

  /** The errors and warnings under their editors (as the page's app.js does). */
  showProblems() {
    if (!this.answer) return;
    const diags = sortProblems(this.answer);
    this.editors.ds.setDiagnostics(diags.ds);
    this.editors.nodes.setDiagnostics(diags.nodes);
    this.problems = [
      ...diags.ds.map((d) => ({ ...d, editor: 'DaemonSet' })),
      ...diags.nodes.map((d) => ({ ...d, editor: t('editor.nodes') })),
    ];
  }

  renderAll() {
    this.tabs.update({
      report: this.good, hasErrors: this.hasErrors, ds: this.editors.ds.value, nodes: this.editors.nodes.value,
      version: this.version, problems: this.problems,
      apply: (a) => putFix(this.editors, a),
    });
  }

  /**
   * The links to the full page: the example by name while it is unchanged,
   * else the texts in a share link's fragment (never sent to a server).
   */
  async links_() {
    const seq = ++this.linkSeq;
    const lang = this.wrap.lang;
    /** @param {string} tab */
    const byName = (tab) => {
      const u = new URL(PAGE);
      if (this.example) u.searchParams.set('example', this.example);
      if (tab) u.searchParams.set('tab', tab);
      u.searchParams.set('lang', lang);
      return u.href;
    };
    /** @type {(tab: string) => Promise<string>} */
    let url = async (tab) => byName(tab);
    if (!this.example) {
      const ds = this.editors.ds.value;
      const nodes = this.editors.nodes.value;
      url = async (tab) => {
        const u = `${PAGE.href}#${await encodeState({ ds, nodes, example: '', tab: tab || 'coverage', lang })}`;
        return u.length > MAX_URL ? byName(tab) : u;
      };
    }
    const hrefs = await Promise.all([url(this.tabs.current || ''), ...this.links.map((a) => url(a.dataset.tab || ''))]);
    if (seq !== this.linkSeq) return;
    this.full.href = hrefs[0];
    this.links.forEach((a, i) => { a.href = hrefs[i + 1]; });
  }
}

/**
 * Starts the simulator in `host` (its shadow root, made by daemonset-sim.js).
 * @param {Host} host
 */
export async function start(host) {
  const want = wantedLang(host);
  pageLang ??= loadLang(want);
  const lang = await pageLang;
  if (lang !== want) console.warn(`<daemonset-sim>: one language per page; this element shows ${lang}, not ${want}`);
  const [css, texts] = await Promise.all([styles(), inputs(host).catch((e) => (e instanceof Error ? e : new Error(String(e))))]);
  const root = /** @type {ShadowRoot} */ (host.shadowRoot);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...css];
  const e = new Embed(host, lang);
  if (texts instanceof Error) {
    e.fail(t('el.inputFailed', { error: texts.message }));
    return e;
  }
  if (texts.example) {
    e.example = texts.example;
    e.exampleTexts = { ds: texts.ds, nodes: texts.nodes };
  }
  e.editors.ds.value = texts.ds;
  e.editors.nodes.value = texts.nodes;
  e.evaluate();
  return e;
}

/** The shared engine (the tests count its workers). */
export { hub };
