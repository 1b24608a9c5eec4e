// The Cluster tab: every DaemonSet of both editors against the same nodes
// (the engine's `cluster`): the order the scheduler takes their pods in,
// the DaemonSet tax per node pool as a stacked bar chart (cpu and memory,
// one colour per DaemonSet), and the node × DaemonSet matrix grouped by
// pool; a cell opens the same explanation as the Coverage tab, for that
// DaemonSet on that node (the engine's `clusterCell`), with Apply on its
// fixes (`applyClusterFix`, views/apply.js). The engine decides
// everything; this file draws what it reports.
import { h, scrollBox, bump, fmt, diagnosticText } from '../ui/index.js';
import { t, tx, num, getLang } from '../i18n/index.js';
import { renderExplanation } from './explain.js';
import { applyFix } from './apply.js';
import { View } from './view.js';

/** @typedef {import('../pkg/daemonset_sim.js').ClusterView} ClusterResult */
/** @typedef {import('../pkg/daemonset_sim.js').ClusterNode} ClusterNode */
/** @typedef {import('../pkg/daemonset_sim.js').ClusterDaemonSet} ClusterDaemonSet */
/** @typedef {import('../pkg/daemonset_sim.js').Pool} Pool */
/** @typedef {import('../pkg/daemonset_sim.js').NodeReport} NodeReport */
/** @typedef {import('../engine/engine.js').Engine} Engine */
/** @typedef {import('./view.js').ViewContext} ViewContext */
/** @typedef {import('./view.js').Shared} Shared */

/** Colours for the DaemonSets (classes .ds-c0 ... in style.css), reused after this many. */
const COLOURS = 10;
/** Rows a pool shows at first, and how many more each "show more" adds. */
const ROWS = 200;
/** Pools start open when the cluster has at most this many nodes. */
const OPEN_UP_TO = 300;
const SVG = 'http://www.w3.org/2000/svg';

/**
 * An SVG element (attributes only, never markup).
 * @param {string} tag
 * @param {Record<string, string | number>} attrs
 * @param {(Node | string)[]} children
 */
function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}

/** A share as a percentage in the page's language (19.1%). @param {number} x */
const pct = (x) => new Intl.NumberFormat(getLang(), { style: 'percent', maximumFractionDigits: 1 }).format(x);

/** @param {{name: string | null | undefined}} p */
const poolName = (p) => p.name ?? t('cl.noPool');

export class ClusterView extends View {
  /** @param {Engine} engine */
  constructor(engine) {
    super({ id: 'cluster', label: 'tab.cluster' });
    this.engine = engine;
    /** @type {ClusterResult | null} */
    this.result = null;
    /** @type {{ds: number, node: string} | null} the cell whose explanation is shown */
    this.selected = null;
    /** @type {Map<string, number>} per pool (its name, '' for none), the rows shown; absent: closed */
    this.openPools = new Map();
    this.key = '';
    /** the pools (and whether the cluster is large) the openness was chosen for */
    this.pools = '';
  }

  /** @param {HTMLElement} panel */
  mount(panel) {
    this.stale = h('p', { class: 'stale', hidden: true, 'data-i18n': 'engine.stale' }, t('engine.stale'));
    this.problem = h('p', { class: 'problem', role: 'status' });
    this.head = h('div', { class: 'cl-head' });
    this.chart = h('figure', { class: 'cl-chart' });
    this.legend = h('p', { class: 'cl-legend muted' });
    this.matrix = scrollBox({ class: 'cl-matrix-wrap' });
    this.explain = h('article', { class: 'explain cl-explain', 'aria-labelledby': 'cl-explain-title', 'aria-live': 'polite' });
    this.appliedEl = h('div', { id: 'cl-applied', class: 'applied', role: 'status', hidden: true });
    this.out = h('div', { class: 'cl', hidden: true },
      this.head,
      h('h2', { class: 'cl-h', 'data-i18n': 'cl.taxTitle' }, t('cl.taxTitle')),
      this.chart,
      h('h2', { class: 'cl-h', 'data-i18n': 'cl.matrixTitle' }, t('cl.matrixTitle')),
      this.legend,
      h('div', { class: 'cl-body' }, this.matrix, h('div', { class: 'ex-col' }, this.appliedEl, this.explain)));
    this.matrix.addEventListener('click', (e) => this.click(e));
    panel.replaceChildren(this.stale, this.problem, this.out);
  }

  /** @param {ViewContext} ctx */
  render(ctx) {
    this.ctx = ctx;
    if (!this.out || !this.stale) return;
    this.stale.hidden = !(ctx.hasErrors && this.result);
    this.out.classList.toggle('is-stale', Boolean(ctx.hasErrors && this.result));
    this.run();
  }

  relabel() {
    if (this.result) this.draw();
  }

  /** @returns {Shared} */
  save() {
    return this.selected ? { clDs: this.selected.ds, clNode: this.selected.node } : {};
  }

  /** @param {Shared} st */
  load(st) {
    this.selected = typeof st.clNode === 'string' && Number.isInteger(st.clDs) ? { ds: Number(st.clDs), node: st.clNode } : null;
  }

  reset() {
    this.selected = null;
    this.openPools.clear();
    this.pools = '';
  }

  /** Asks the engine for the cluster view of the current texts (once per version of them). */
  run() {
    const ctx = this.ctx;
    if (!ctx || !this.problem) return;
    const key = JSON.stringify([ctx.version, ctx.ds, ctx.hasErrors]);
    if (key === this.key) return;
    this.key = key;
    this.engine.cancel('cluster-cell');
    this.engine.request('cluster', { call: 'cluster', args: [ctx.ds] }, ({ result, error }) => {
      if (key !== this.key || !this.problem || !this.out) return;
      if (error) {
        // the texts hold no DaemonSet, or cannot be read: the editors say where
        this.problem.textContent = t('cl.failed', { error: diagnosticText(error) });
        this.out.hidden = !this.result;
        bump('clusters');
        return;
      }
      this.problem.textContent = '';
      this.result = /** @type {ClusterResult} */ (result);
      // other pools (another input): each pool open or closed as it starts
      const pools = JSON.stringify([this.result.nodes.length > OPEN_UP_TO, this.result.pools.map((p) => p.name)]);
      if (pools !== this.pools) this.defaultOpen();
      this.pools = pools;
      this.out.hidden = false;
      this.out.classList.remove('is-stale');
      if (this.stale) this.stale.hidden = true;
      this.draw();
      bump('clusters');
    });
  }

  /** Small clusters open every pool; large ones only the pools with a Pending pod. */
  defaultOpen() {
    const r = this.result;
    if (!r) return;
    this.openPools.clear();
    const small = r.nodes.length <= OPEN_UP_TO;
    for (const p of r.pools) if (small || p.pendingNodes > 0) this.openPools.set(p.name ?? '', ROWS);
  }

  draw() {
    const r = this.result;
    if (!r || !this.head || !this.chart || !this.matrix || !this.legend) return;
    this.drawHead(r);
    this.drawChart(r);
    this.legend.replaceChildren(...['scheduled', 'pending', 'excluded', 'keeps-existing', 'failed-create'].map((st) =>
      h('span', { class: 'cl-key', 'data-state': st }, h('span', { class: 'ic', 'aria-hidden': 'true' }), ' ', t(`state.${st}`))),
    h('span', { class: 'cl-key' }, h('span', { class: 'cl-mark', 'aria-hidden': 'true' }, '⚡'), ' ', t('cl.preempts')),
    h('span', { class: 'cl-key' }, h('span', { class: 'cl-mark', 'aria-hidden': 'true' }, '⇄'), ' ', t('cl.orderDependent')));
    this.drawMatrix(r);
    if (this.selected && this.selected.ds < r.daemonSets.length && r.nodes.some((n) => n.name === this.selected?.node)) this.pick(this.selected.ds, this.selected.node);
    else {
      this.selected = null;
      this.explain?.replaceChildren(h('p', { class: 'empty' }, t('cl.pickCell')));
    }
  }

  /**
   * The DaemonSets in the order the scheduler takes their pods, with what they ask for.
   * @param {ClusterResult} r
   */
  drawHead(r) {
    const rows = r.order.daemonSets.map((d, i) => {
      const ds = r.daemonSets[d];
      const tied = r.order.tiedWithPrevious[i];
      const req = ds.daemonPodRequests;
      return h('tr', null,
        h('td', { class: 'num' }, num(i + 1)),
        h('th', { scope: 'row' }, h('span', { class: `cl-swatch ds-c${d % COLOURS}`, 'aria-hidden': 'true' }), ' ', h('span', { class: 'cl-dsnum' }, `${d + 1}`), ' ', `${ds.namespace}/${ds.name}`),
        h('td', { class: 'num' }, num(ds.priority), ds.priorityClassName ? h('span', { class: 'muted' }, ` (${ds.priorityClassName})`) : null),
        h('td', null, ds.creationTimestamp ?? t('cl.unknownTime'), tied ? h('span', { class: 'cl-tie', title: t('cl.tieHelp') }, ` ⇄ ${t('cl.tie')}`) : null),
        h('td', { class: 'num' }, `${fmt.cpu(req.cpuMilli)} / ${fmt.bytes(req.memory)}`),
        h('td', { class: 'num' }, num(ds.counts.scheduled)),
        h('td', { class: 'num' }, num(ds.counts.pending)),
        h('td', null, ds.observed ? t('cl.observed') : t('cl.projected')));
    });
    const pending = r.daemonSets.reduce((a, d) => a + d.counts.pending, 0);
    const parts = [
      h('p', { class: 'cl-summary' }, t('cl.summary', { ds: num(r.daemonSets.length), nodes: num(r.nodes.length), pools: num(r.pools.length), pending: num(pending) })),
      h('p', { class: 'muted' }, t(r.order.fixed ? 'cl.orderFixed' : 'cl.orderNotFixed')),
      scrollBox(null, h('table', { class: 'cl-order' },
        h('caption', null, t('cl.orderCaption')),
        h('thead', null, h('tr', null, ...['cl.col.order', 'cl.col.ds', 'cl.col.priority', 'cl.col.created', 'cl.col.requests', 'cl.col.scheduled', 'cl.col.pending', 'cl.col.pods'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', null, rows))),
    ];
    for (const x of r.refused) {
      parts.push(h('p', { class: 'problem' }, t('cl.refused', { name: `${x.namespace}/${x.name}`, n: num(x.errors.length) }), ' ',
        h('code', null, x.errors[0] ? diagnosticText(x.errors[0]) : '')));
    }
    this.head?.replaceChildren(...parts);
  }

  /**
   * Per pool, two stacked bars (cpu, memory): each DaemonSet's share of the pool's allocatable.
   * @param {ClusterResult} r
   */
  drawChart(r) {
    const pools = r.pools;
    const W = 720, label = 150, barH = 14, gap = 4, poolGap = 14, right = 130;
    const bar = W - label - right;
    const rowH = barH * 2 + gap + poolGap;
    const H = pools.length * rowH + 24;
    const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'cl-svg', role: 'img', 'aria-labelledby': 'cl-chart-title cl-chart-desc' });
    const title = s('title', { id: 'cl-chart-title' }, t('cl.chartTitle'));
    /** @type {string[]} */
    const lines = [];
    svg.append(title);
    // the scale: 0, 50 %, 100 % of allocatable
    for (const f of [0, 0.5, 1]) {
      const x = label + f * bar;
      svg.append(s('line', { x1: x, x2: x, y1: 0, y2: H - 18, class: 'cl-grid' }),
        s('text', { x, y: H - 4, class: 'cl-axis', 'text-anchor': 'middle' }, pct(f)));
    }
    pools.forEach((p, i) => {
      const y = i * rowH + 4;
      svg.append(s('text', { x: label - 8, y: y + barH, class: 'cl-pool', 'text-anchor': 'end' }, poolName(p)));
      /** @type {[string, number, (d: {milliCpu: number, memory: number}) => number, number][]} */
      const rows = [['cpu', p.allocatableMilliCpu, (d) => d.milliCpu, p.cpuShare], ['memory', p.allocatableMemory, (d) => d.memory, p.memoryShare]];
      rows.forEach(([res, alloc, of, share], k) => {
        const by = y + k * (barH + gap);
        svg.append(s('rect', { x: label, y: by, width: bar, height: barH, class: 'cl-track' }));
        let x = label;
        p.daemonSets.forEach((d, di) => {
          const v = of(d);
          if (!v || !alloc) return;
          const w = Math.max(0, Math.min(bar - (x - label), (v / alloc) * bar));
          const ds = r.daemonSets[di];
          const rect = s('rect', { x, y: by, width: w, height: barH, class: `ds-c${di % COLOURS}` },
            s('title', {}, `${ds.namespace}/${ds.name} · ${res} ${res === 'cpu' ? fmt.cpu(v) : fmt.bytes(v)} (${pct(v / alloc)})`));
          svg.append(rect);
          x += w;
        });
        svg.append(s('text', { x: label + bar + 6, y: by + barH - 3, class: 'cl-val' }, `${res === 'cpu' ? 'CPU' : t('cl.memory')} ${pct(share)}`));
      });
      lines.push(t('cl.poolLine', { pool: poolName(p), nodes: num(p.nodes), cpu: pct(p.cpuShare), memory: pct(p.memoryShare), pending: num(p.pendingNodes) }));
    });
    const desc = h('figcaption', { id: 'cl-chart-desc' }, t('cl.chartCaption'));
    const keys = h('ul', { class: 'cl-ds-keys' }, ...r.daemonSets.map((d, i) =>
      h('li', null, h('span', { class: `cl-swatch ds-c${i % COLOURS}`, 'aria-hidden': 'true' }), ' ', h('span', { class: 'cl-dsnum' }, `${i + 1}`), ' ', `${d.namespace}/${d.name}`)));
    const table = h('details', { class: 'cl-tax-table' }, h('summary', null, t('cl.taxTable')),
      scrollBox(null, h('table', null,
        h('thead', null, h('tr', null, ...['cl.col.pool', 'cl.col.nodes', 'cl.col.cpu', 'cl.col.cpuTax', 'cl.col.memory', 'cl.col.memoryTax', 'cl.col.pendingNodes'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', null, ...pools.map((p) => h('tr', null,
          h('th', { scope: 'row' }, poolName(p)), h('td', { class: 'num' }, num(p.nodes)),
          h('td', { class: 'num' }, `${fmt.cpu(p.requestedMilliCpu)} / ${fmt.cpu(p.allocatableMilliCpu)}`), h('td', { class: 'num' }, pct(p.cpuShare)),
          h('td', { class: 'num' }, `${fmt.bytes(p.requestedMemory)} / ${fmt.bytes(p.allocatableMemory)}`), h('td', { class: 'num' }, pct(p.memoryShare)),
          h('td', { class: 'num' }, num(p.pendingNodes))))))));
    const spoken = h('ul', { class: 'sr-only' }, ...lines.map((l) => h('li', null, l)));
    this.chart?.replaceChildren(svg, desc, spoken, keys, table);
  }

  /**
   * The matrix: a column per DaemonSet (numbered as above), a row per node, grouped by pool.
   * @param {ClusterResult} r
   */
  drawMatrix(r) {
    const nds = r.daemonSets.length;
    const byPool = new Map();
    for (const n of r.nodes) {
      const k = n.pool ?? '';
      if (!byPool.has(k)) byPool.set(k, []);
      byPool.get(k).push(n);
    }
    const head = h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('cl.col.node')),
      ...r.daemonSets.map((d, i) => h('th', { scope: 'col', class: 'cl-colhead', title: `${d.namespace}/${d.name}` },
        h('span', { class: `cl-swatch ds-c${i % COLOURS}`, 'aria-hidden': 'true' }), h('span', { class: 'cl-dsnum' }, `${i + 1}`),
        h('span', { class: 'sr-only' }, ` ${d.namespace}/${d.name}`)))));
    const bodies = r.pools.map((p) => {
      const k = p.name ?? '';
      const nodes = byPool.get(k) || [];
      const open = this.openPools.get(k);
      const toggle = h('button', { type: 'button', class: 'cl-pool-toggle', 'aria-expanded': String(open !== undefined), 'data-pool': k },
        h('span', { class: 'cl-caret', 'aria-hidden': 'true' }, open !== undefined ? '▾' : '▸'), ' ', poolName(p), ' ',
        h('span', { class: 'muted' }, t('cl.poolHead', { nodes: num(p.nodes), cpu: pct(p.cpuShare), memory: pct(p.memoryShare) })),
        p.pendingNodes ? h('span', { class: 'cl-pending', 'data-state': 'pending' }, ' ', h('span', { class: 'ic', 'aria-hidden': 'true' }), ' ', t('cl.poolPending', { n: num(p.pendingNodes) })) : null);
      const rows = [h('tr', { class: 'cl-pool-row' }, h('th', { scope: 'rowgroup', colspan: String(nds + 1) }, toggle))];
      if (open !== undefined) {
        for (const n of nodes.slice(0, open)) rows.push(this.row(r, n));
        if (nodes.length > open) {
          rows.push(h('tr', null, h('td', { colspan: String(nds + 1) },
            h('button', { type: 'button', class: 'cl-more', 'data-pool': k }, t('cl.showMore', { n: num(Math.min(ROWS, nodes.length - open)), left: num(nodes.length - open) })))));
        }
      }
      return h('tbody', null, rows);
    });
    const table = h('table', { class: 'cl-matrix' }, h('caption', { class: 'sr-only' }, t('cl.matrixTitle')), head, ...bodies);
    this.matrix?.replaceChildren(table);
  }

  /**
   * @param {ClusterResult} r
   * @param {ClusterNode} n
   */
  row(r, n) {
    const dep = n.orderDependent.length > 0;
    return h('tr', null,
      h('th', { scope: 'row', class: 'cl-node' }, n.name, dep ? h('span', { class: 'cl-mark', title: t('cl.orderDependentHelp', { names: n.orderDependent.map((o) => `${o.namespace}/${o.name}`).join(', ') }) }, ' ⇄') : null),
      ...n.cells.map((c, i) => {
        const ds = r.daemonSets[i];
        const st = t(`state.${c.state}`);
        const sel = this.selected && this.selected.ds === i && this.selected.node === n.name;
        return h('td', { class: 'cl-cell', 'data-state': c.state },
          h('button', { type: 'button', 'data-ds': String(i), 'data-node': n.name, 'aria-pressed': String(Boolean(sel)),
            'aria-label': t('cl.cellName', { node: n.name, ds: `${ds.namespace}/${ds.name}`, state: st }), title: `${n.name} · ${ds.name} — ${st}${c.message ? `\n${c.message}` : ''}` },
          h('span', { class: 'ic', 'aria-hidden': 'true' }), c.victims?.length || c.preemptedBy != null ? h('span', { class: 'cl-mark', 'aria-hidden': 'true' }, '⚡') : null));
      }));
  }

  /** @param {MouseEvent} e */
  click(e) {
    const el = /** @type {HTMLElement | null} */ (e.target instanceof Element ? e.target.closest('button') : null);
    if (!el || !this.result) return;
    const pool = el.dataset.pool;
    if (pool !== undefined && el.classList.contains('cl-pool-toggle')) {
      if (this.openPools.has(pool)) this.openPools.delete(pool);
      else this.openPools.set(pool, ROWS);
      this.drawMatrix(this.result);
      /** @type {HTMLElement | null | undefined} */ (this.matrix?.querySelector(`.cl-pool-toggle[data-pool="${CSS.escape(pool)}"]`))?.focus();
      return;
    }
    if (pool !== undefined && el.classList.contains('cl-more')) {
      this.openPools.set(pool, (this.openPools.get(pool) ?? 0) + ROWS);
      this.drawMatrix(this.result);
      return;
    }
    if (el.dataset.ds !== undefined && el.dataset.node !== undefined) {
      for (const b of this.matrix?.querySelectorAll('button[aria-pressed="true"]') || []) b.setAttribute('aria-pressed', 'false');
      el.setAttribute('aria-pressed', 'true');
      this.pick(Number(el.dataset.ds), el.dataset.node);
    }
  }

  /**
   * Shows the explanation of one cell (asks the engine for it).
   * @param {number} ds
   * @param {string} node
   */
  pick(ds, node) {
    const ctx = this.ctx;
    const r = this.result;
    if (!ctx || !r || !this.explain) return;
    this.selected = { ds, node };
    const d = r.daemonSets[ds];
    this.engine.request('cluster-cell', { call: 'clusterCell', args: [ctx.ds, ds, node] }, ({ result, error }) => {
      if (!this.explain || !this.selected || this.selected.ds !== ds || this.selected.node !== node) return;
      if (error || !result) {
        this.explain.replaceChildren(h('p', { class: 'empty' }, error ? t('cl.failed', { error: diagnosticText(error) }) : t('cl.pickCell')));
        return;
      }
      const report = /** @type {any} */ ({ nodeSelector: d.nodeSelector, daemonPodRequests: d.daemonPodRequests });
      const onApply = ctx.hasErrors ? undefined : (/** @type {number} */ i, /** @type {HTMLElement} */ item) => this.apply(ds, node, i, item);
      renderExplanation(this.explain, report, /** @type {NodeReport} */ (result), 'cl-explain-title', onApply, d.source === 'nodes' ? 'nodes' : 'daemonSet');
      const title = this.explain.querySelector('h2');
      title?.after(h('p', { class: 'cl-explain-ds' }, tx('cl.explainFor', { ds: `${d.namespace}/${d.name}` })));
      bump('clusterCells');
    });
  }

  /**
   * Applies fix `index` of the cell (Simulator.applyClusterFix) where the
   * engine says: the editor the DaemonSet is written in, or the node's.
   * @param {number} ds
   * @param {string} node
   * @param {number} index
   * @param {HTMLElement} item the fix's list item (a refusal is shown there)
   */
  apply(ds, node, index, item) {
    const ctx = this.ctx;
    if (!ctx || !this.appliedEl) return;
    applyFix({ engine: this.engine, ctx, slot: 'cluster-apply', call: 'applyClusterFix', args: [ctx.ds, ctx.nodes, ds, node, index], node, item, notice: this.appliedEl });
  }
}
