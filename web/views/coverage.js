// The Coverage tab: where the DaemonSet's pods run. `kubectl get ds`, a chip
// per node state (which also filters the grid), search by name or label,
// grouping by state, the node grid (ui/node-grid.js), and the explanation of
// the chosen node (views/explain.js).
import { h, NodeGrid, STATES, stateCounts, countsTable } from '../ui/index.js';
import { t, num, getLang } from '../i18n/index.js';
import { renderExplanation } from './explain.js';
import { View } from './view.js';
import { fullReport, nodeVerdict } from '../engine/engine.js';

/** @typedef {import('../engine/engine.js').PageReport} Report */
/** @typedef {import('../pkg/daemonset_sim.js').NodeState} NodeState */
/** @typedef {import('../pkg/daemonset_sim.js').NodeReport} NodeReport */
/** @typedef {import('./view.js').ViewContext} ViewContext */
/** @typedef {import('./view.js').Shared} Shared */
/** @typedef {import('../ui/cells.js').Tile & {state: NodeState}} NodeTile */

/** @typedef {import('../engine/engine.js').Engine} Engine */

/**
 * What the search box finds a node by: its name and labels, lower case.
 * Made once per node of a Nodes text (keyed by its labels object, the same
 * in every report of one cluster: engine.js), not once per edit.
 * @type {WeakMap<object, string>}
 */
const searches = new WeakMap();
/** @param {Report['nodes'][number]} n */
function searchText(n) {
  let s = searches.get(n.labels);
  if (s === undefined) {
    const labels = Object.entries(n.labels).map(([k, v]) => `${k}=${v}`).join(' ');
    s = `${n.name} ${labels}`.toLowerCase();
    searches.set(n.labels, s);
  }
  return s;
}

/** @type {Promise<typeof import('../ui/export.js')> | null} */
let exportModule = null;
/** @type {Promise<typeof import('./apply.js')> | null} */
let applyModule = null;
/** The downloads' code (ui/export.js), fetched once (again after a failure). */
const exportCode = () => (exportModule ??= import('../ui/export.js').catch((e) => { exportModule = null; throw e; }));
/** Apply's code (views/apply.js), fetched once (again after a failure). */
const applyCode = () => (applyModule ??= import('./apply.js').catch((e) => { applyModule = null; throw e; }));

/**
 * Fetches the code of the downloads and of Apply, which the first grid
 * does not need (the page calls it once its first result is shown; a
 * click before that fetches it then).
 */
export function prefetchActions() {
  exportCode().catch(() => {});
  applyCode().catch(() => {});
}

export class CoverageView extends View {
  /** @param {Engine} engine */
  constructor(engine) {
    super({ id: 'coverage', label: 'tab.coverage' });
    this.engine = engine;
    /** @type {string | null} the node whose explanation is shown */
    this.selected = null;
    /** @type {Set<NodeState>} the states the chips let through */
    this.filter = new Set(STATES);
    /** @type {{report: Report, name: string, node: NodeReport | null} | null} the full verdict of the node explained */
    this.detail = null;
  }

  /** @param {HTMLElement} panel */
  mount(panel) {
    this.panel = panel;
    this.stale = h('p', { id: 'stale', class: 'stale', hidden: true, 'data-i18n': 'engine.stale' }, t('engine.stale'));
    this.noResult = h('p', { id: 'no-result', class: 'empty', hidden: true, 'data-i18n': 'engine.noResult' }, t('engine.noResult'));
    this.counts = h('div', { id: 'counts' });
    this.chips = h('span', { id: 'chips' });
    const search = h('input', {
      type: 'search', id: 'search', autocomplete: 'off', spellcheck: 'false',
      'data-i18n-attr': 'placeholder:grid.searchPlaceholder', placeholder: t('grid.searchPlaceholder'),
    });
    const group = h('input', { type: 'checkbox', id: 'group', checked: true });
    this.shownEl = h('span', { id: 'shown', class: 'muted', 'aria-live': 'polite' });
    const gridEl = h('div', { id: 'grid', role: 'grid', 'aria-describedby': 'grid-keys', 'data-i18n-attr': 'aria-label:grid.label', 'aria-label': t('grid.label') });
    this.empty = h('p', { id: 'grid-empty', class: 'empty', hidden: true });
    this.keys = h('p', { id: 'grid-keys', class: 'muted keys', 'data-i18n': 'grid.keys' }, t('grid.keys'));
    this.explain = h('article', { id: 'explain', class: 'explain', 'aria-labelledby': 'explain-title' });
    this.appliedEl = h('div', { id: 'applied', class: 'applied', role: 'status', hidden: true });
    this.body = h('div', { id: 'coverage-body' },
      this.counts,
      h('div', { class: 'toolbar' },
        h('div', { class: 'chips', role: 'group', 'aria-labelledby': 'chips-label' },
          h('span', { id: 'chips-label', class: 'sr-only', 'data-i18n': 'grid.filter' }, t('grid.filter')), this.chips),
        h('label', { class: 'search' }, h('span', { class: 'sr-only', 'data-i18n': 'grid.search' }, t('grid.search')), ' ', search),
        h('label', { class: 'check' }, group, ' ', h('span', { 'data-i18n': 'grid.group' }, t('grid.group'))),
        this.shownEl,
        this.exportTools()),
      h('div', { class: 'coverage' },
        h('div', { class: 'grid-wrap' }, gridEl, this.empty, this.keys),
        h('div', { class: 'ex-col' }, this.appliedEl, this.explain)));
    panel.replaceChildren(this.stale, this.noResult, this.body);

    /** @type {NodeGrid<NodeTile>} */
    this.grid = new NodeGrid(gridEl, {
      keys: 'grid',
      rows: { card: 168, tile: 30, gap: 6 },
      groups: {
        order: STATES,
        head: (state, count, cols) => h('span', { role: 'columnheader', 'aria-colspan': String(cols), 'data-state': state },
          h('span', { class: 'ic', 'aria-hidden': 'true' }), ` ${t(`state.${state}`)} · ${num(count)}`),
      },
      paint(el, tile, dense) {
        const s = t(`state.${tile.state}`);
        el.dataset.state = tile.state;
        el.setAttribute('aria-label', t('grid.cellName', { name: tile.name, state: s }));
        el.title = `${tile.name} — ${s}`;
        // a dense tile is one element (icon drawn by CSS, name in aria-label and title)
        if (!dense) el.replaceChildren(h('span', { class: 'ic', 'aria-hidden': 'true' }), h('span', { class: 'nm' }, tile.name), ' ', h('span', { class: 'st' }, s));
      },
      onSelect: (name) => {
        this.selected = name;
        this.renderExplain();
      },
    });
    search.addEventListener('input', () => {
      this.grid?.setQuery(search.value);
      this.shown();
    });
    group.addEventListener('change', () => this.grid?.setGroup(group.checked));
  }

  /**
   * Download JSON / CSV, copy as Markdown: the report on screen, in full
   * (Simulator.evaluate of its DaemonSet text: the page keeps only each
   * node's state and reason).
   * @returns {HTMLElement}
   */
  exportTools() {
    this.exportMsg = h('span', { id: 'export-msg', class: 'muted', role: 'status' });
    /**
     * @param {string} id
     * @param {string} key
     * @param {(code: typeof import('../ui/export.js'), report: import('../pkg/daemonset_sim.js').Report) => void} run
     */
    const button = (id, key, run) => {
      const b = h('button', { type: 'button', id, class: 'export-btn', 'data-i18n': key }, t(key));
      b.addEventListener('click', () => {
        const report = this.ctx?.report;
        if (this.exportMsg) this.exportMsg.textContent = '';
        if (!report) return;
        this.engine.request('export', fullReport(report), ({ result, error }) => {
          if (result) exportCode().then((m) => run(m, result), (e) => { if (this.exportMsg) this.exportMsg.textContent = String(e); });
          else if (this.exportMsg) this.exportMsg.textContent = error?.text ?? '';
        });
      });
      return b;
    };
    return h('div', { class: 'export', role: 'group', 'aria-labelledby': 'export-label' },
      h('span', { id: 'export-label', class: 'sr-only', 'data-i18n': 'export.label' }, t('export.label')),
      button('export-json', 'export.json', ({ download, fileName }, r) => download(fileName(r, 'json'), 'application/json', JSON.stringify(r, null, 2) + '\n')),
      button('export-csv', 'export.csv', ({ download, fileName, reportCsv }, r) => download(fileName(r, 'csv'), 'text/csv', reportCsv(r))),
      button('export-md', 'export.markdown', async ({ download, fileName, reportMarkdown }, r) => {
        const md = reportMarkdown(r);
        try {
          await navigator.clipboard.writeText(md);
          if (this.exportMsg) this.exportMsg.textContent = t('export.copied');
        } catch {
          download(fileName(r, 'md'), 'text/markdown', md);
          if (this.exportMsg) this.exportMsg.textContent = t('export.copyFailed');
        }
      }),
      this.exportMsg);
  }

  /** @param {ViewContext} ctx */
  render(ctx) {
    this.ctx = ctx;
    if (!this.grid || !this.panel || !this.body || !this.stale || !this.noResult || !this.counts) return;
    const report = ctx.report;
    this.stale.hidden = !(ctx.hasErrors && report);
    this.noResult.hidden = !(ctx.hasErrors && !report);
    this.body.hidden = !report;
    this.panel.classList.toggle('is-stale', Boolean(ctx.hasErrors && report));
    if (!report) return;
    this.counts.replaceChildren(countsTable(report));
    this.renderChips(report);
    this.selected = this.pickDefault(report);
    const lang = getLang();
    this.grid.setTiles(report.nodes.map((n) => ({ name: n.name, state: n.state, group: n.state, sig: `${n.state}|${lang}`, search: searchText(n) })));
    if (this.selected) this.grid.choose(this.selected, false);
    this.shown();
    this.renderExplain();
  }

  relabel() {
    this.grid?.relabel();
    if (this.ctx) this.render(this.ctx);
  }

  /** @returns {Shared} */
  save() {
    return { node: this.selected || '' };
  }

  /** @param {Shared} s */
  load(s) {
    this.selected = typeof s.node === 'string' && s.node ? s.node : null;
  }

  reset() {
    this.selected = null;
  }

  /**
   * A chip per state with its count; pressed: the grid shows that state.
   * A pod that cannot be created is rare: its chip only when it happens.
   * @param {Report} report
   */
  renderChips(report) {
    const counts = stateCounts(report);
    const shown = STATES.filter((s) => s !== 'failed-create' || counts[s] > 0);
    this.chips?.replaceChildren(...shown.map((s) => {
      const b = h('button', { type: 'button', class: 'chip', 'data-state': s, 'aria-pressed': String(this.filter.has(s)) },
        h('span', { class: 'ic', 'aria-hidden': 'true' }), h('span', null, t(`state.${s}`)), h('span', { class: 'count' }, num(counts[s])));
      b.title = t(`stateHelp.${s}`);
      b.addEventListener('click', () => {
        if (this.filter.has(s)) this.filter.delete(s);
        else this.filter.add(s);
        b.setAttribute('aria-pressed', String(this.filter.has(s)));
        this.grid?.setFilter(this.filter);
        this.shown();
      });
      return b;
    }));
  }

  /** "4 of 4 nodes shown", and why the grid is empty when it is. */
  shown() {
    if (!this.grid || !this.shownEl || !this.empty || !this.keys) return;
    const total = this.ctx?.report ? this.ctx.report.nodes.length : 0;
    this.shownEl.textContent = t('grid.shown', { shown: num(this.grid.shown), total: num(total) });
    this.empty.hidden = !(total === 0 || this.grid.shown === 0);
    this.empty.textContent = total === 0 ? t('grid.none') : t('grid.noMatch');
    this.keys.hidden = !this.grid.shown;
  }

  /**
   * The node chosen before if it is still there, else the first in the first state that has one.
   * @param {Report} report
   */
  pickDefault(report) {
    if (this.selected && report.nodes.some((n) => n.name === this.selected)) return this.selected;
    for (const s of STATES) {
      const n = report.nodes.find((x) => x.state === s);
      if (n) return n.name;
    }
    return null;
  }

  /**
   * The chosen node's explanation: its full verdict (Simulator.nodeReport
   * for the report's DaemonSet text), asked when it is not the one shown.
   * Until the answer, the explanation shown stays, `aria-busy` (dimmed
   * after a moment).
   */
  renderExplain() {
    const root = this.explain;
    if (!root) return;
    const report = this.ctx?.report ?? null;
    const name = this.selected;
    /** @param {NodeReport | null} n */
    const draw = (n) => {
      root.removeAttribute('aria-busy');
      renderExplanation(root, report, n, 'explain-title', this.ctx?.hasErrors ? undefined : (i, item) => this.apply(i, item));
    };
    if (!report || !name || !report.nodes.some((x) => x.name === name)) {
      this.engine.cancel('node');
      this.detail = null;
      draw(null);
      return;
    }
    const d = this.detail;
    if (d && d.report === report && d.name === name) {
      draw(d.node);
      return;
    }
    root.setAttribute('aria-busy', 'true');
    this.engine.request('node', nodeVerdict(report, name), ({ result }) => {
      if (this.ctx?.report !== report || this.selected !== name) return;
      this.detail = { report, name, node: result ?? null };
      draw(this.detail.node);
    });
  }

  /**
   * Applies fix `index` of the chosen node (Simulator.applyFix) to its
   * editor; says what changed where, with an Undo button.
   * @param {number} index
   * @param {HTMLElement} item the fix's list item (a refusal is shown there)
   */
  apply(index, item) {
    const ctx = this.ctx;
    const node = this.selected;
    if (!ctx || !node || !this.appliedEl) return;
    const notice = this.appliedEl;
    applyCode().then(
      ({ applyFix }) => applyFix({ engine: this.engine, ctx, slot: 'apply', call: 'applyFix', args: [ctx.ds, ctx.nodes, node, index], node, item, notice }),
      (e) => notice.replaceChildren(String(e)),
    );
  }
}
