// The pictures of the Rollout and Deployment vs DaemonSet tabs, fetched
// (dynamic import) only when one of those tabs first shows a result:
//   RolloutChart: the DaemonSet's status counters over the rollout's seconds
//     (a step chart of the timeline's log), the maxUnavailable budget as a
//     line; a slider over the logged instants (click or arrow keys).
//   Multiples: every node's summary at a few instants, as small squares in
//     the grid's colours; an instant is chosen by clicking it.
//   CompareBars: per node, the daemon pod and the Deployment's replicas.
// They draw what the engine returned and decide nothing; every text from the
// input (node names) goes in as text, never markup.
import { h } from '../ui/index.js';
import { t, tx, num } from '../i18n/index.js';
import { summary, SUMMARIES } from './rollout.js';

/** @typedef {import('../pkg/daemonset_sim.js').Timeline} Timeline */
/** @typedef {import('../pkg/daemonset_sim.js').Snapshot} Snapshot */
/** @typedef {import('../pkg/daemonset_sim.js').DsStatus} DsStatus */
/** @typedef {import('../pkg/daemonset_sim.js').NodeComparison} NodeComparison */

const SVG = 'http://www.w3.org/2000/svg';
/** Nodes drawn in one small multiple (16 × 16); its name and its share bar count all. */
export const MULT_MAX = 256;
/** The side of a small multiple's squares, in px. */
const MULT_SIZE = 84;
/** Instants in the row of small multiples (t = 0 and the end among them). */
export const MULT_COUNT = 8;
/** Nodes drawn in the comparison's bars; the tiles list all. */
export const BARS_MAX = 40;
/** Approximate width of a 12px character, to leave room for labels. */
const CH = 7.2;
/**
 * Approximate width of a 12px text (CJK characters are wider).
 * @param {string} str
 */
const textWidth = (str) => [...str].reduce((w, c) => w + (c.charCodeAt(0) >= 0x2e80 ? 12.5 : CH), 0);

/**
 * An SVG element (attributes only; strings become text nodes, never markup).
 * @param {string} tag
 * @param {Record<string, string | number | null | undefined>} attrs
 * @param {(Node | string)[]} children
 * @returns {SVGElement}
 */
function s(tag, attrs, ...children) {
  const el = /** @type {SVGElement} */ (document.createElementNS(SVG, tag));
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}

/**
 * A round step of at most `count` intervals up to `max`, and the top of the scale.
 * @param {number} max
 * @param {number} count
 */
export function scale(max, count) {
  const raw = Math.max(1, max) / Math.max(1, count);
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * p).find((x) => x >= raw) ?? 10 * p);
  return { step, top: Math.max(step, Math.ceil(Math.max(1, max) / step) * step) };
}

/**
 * The index of the last logged tick at or before second `at` (0 before the first).
 * @param {{t: number}[]} log
 * @param {number} at
 */
function atOrBefore(log, at) {
  let lo = 0, hi = log.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (log[mid].t <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The index of the logged tick nearest to second `at` (the earlier on a tie).
 * @param {{t: number}[]} log
 * @param {number} at
 */
function nearest(log, at) {
  const i = atOrBefore(log, at);
  return i + 1 < log.length && log[i + 1].t - at < at - log[i].t ? i + 1 : i;
}

/**
 * The instants of the small multiples: the logged ticks at or before `count`
 * evenly spaced seconds from 0 to the last logged one (t = 0 and the end among
 * them), each once, in order.
 * @param {{t: number}[]} log
 * @param {number} [count]
 * @returns {number[]} indices into the log
 */
export function instants(log, count = MULT_COUNT) {
  const end = log[log.length - 1].t;
  const out = new Set([0]);
  for (let j = 1; j < count; j++) out.add(j === count - 1 ? log.length - 1 : atOrBefore(log, (end * j) / (count - 1)));
  return [...out].sort((a, b) => a - b);
}

// ------------------------------------------------------------ the chart

/**
 * A series of the chart: the key of its words, the status field, its offset
 * in px (lines that meet stay apart by a pixel or two).
 * @type {{key: string, field: keyof DsStatus, dy: number}[]}
 */
export const SERIES = [
  { key: 'desired', field: 'desiredNumberScheduled', dy: 0 },
  { key: 'available', field: 'numberAvailable', dy: -1.5 },
  { key: 'updated', field: 'updatedNumberScheduled', dy: 1.5 },
  { key: 'unavailable', field: 'numberUnavailable', dy: 0 },
];

/**
 * A legend entry: a short line in the series' stroke, and its words.
 * @param {string} cls
 * @param {Node} text
 */
function legendItem(cls, text) {
  return h('li', null, s('svg', { class: 'chart-key', width: 28, height: 10, viewBox: '0 0 28 10', 'aria-hidden': 'true' },
    s('line', { x1: 1, x2: 27, y1: 5, y2: 5, class: cls })), text);
}

/**
 * The DaemonSet's counters over the rollout's seconds. The SVG is a slider over
 * the logged instants: a click picks the nearest, the arrow keys step.
 */
export class RolloutChart {
  /**
   * @param {{onPick: (i: number) => void, describedBy: string}} opts onPick: show log entry i;
   *   describedBy: ids of what tells the numbers in words (the counters table)
   */
  constructor(opts) {
    this.opts = opts;
    /** @type {Timeline | null} */
    this.timeline = null;
    this.step = 0;
    this.width = 0;
    this.head = h('h2', { id: 'chart-ro-h' });
    this.note = h('p', { id: 'chart-ro-note', class: 'chart-note' });
    this.svg = s('svg', {
      class: 'chart-svg', role: 'slider', tabindex: 0, 'aria-labelledby': 'chart-ro-h', 'aria-describedby': `chart-ro-note ${opts.describedBy}`,
      'aria-orientation': 'horizontal', 'aria-valuemin': 0, 'aria-valuemax': 0, 'aria-valuenow': 0,
    });
    this.legend = h('ul', { class: 'chart-legend' });
    this.box = h('div', { class: 'chart-box' }, this.svg);
    this.el = h('section', { class: 'chart chart-ro', 'aria-labelledby': 'chart-ro-h' }, this.head, this.box, this.legend, this.note);
    /** the plot's geometry, once drawn */
    this.geo = { left: 0, right: 0, top: 0, bottom: 0, tmax: 1, W: 0 };
    this.svg.addEventListener('click', (e) => this.click(/** @type {MouseEvent} */ (e)));
    this.svg.addEventListener('keydown', (e) => this.key(/** @type {KeyboardEvent} */ (e)));
    this.svg.addEventListener('pointermove', (e) => this.hover(/** @type {PointerEvent} */ (e)));
    this.svg.addEventListener('pointerleave', () => this.hoverLine?.setAttribute('visibility', 'hidden'));
    new ResizeObserver(() => {
      const w = Math.round(this.box.clientWidth);
      if (w && w !== this.width) this.render();
    }).observe(this.box);
  }

  /**
   * Draws `tl` with step `i` marked.
   * @param {Timeline} tl
   * @param {number} i
   */
  draw(tl, i) {
    this.timeline = tl;
    this.step = i;
    this.render();
  }

  /** The language changed. */
  relabel() {
    this.render();
  }

  render() {
    const tl = this.timeline;
    this.head.textContent = t('chart.ro.title');
    this.note.textContent = t('chart.ro.note');
    if (!tl) return;
    const W = Math.round(this.box.clientWidth);
    this.width = W;
    if (!W) return; // hidden: drawn when shown (the observer)
    const log = tl.log;
    const b = tl.budget;
    const budget = tl.strategy !== 'OnDelete' && b.maxUnavailable !== null ? b.maxUnavailable : null;
    let ymax = budget ?? 0;
    for (const e of log) for (const x of SERIES) ymax = Math.max(ymax, e.status[x.field]);
    const ys = scale(ymax, 5);
    const tmax = Math.max(1, tl.ticks, log[log.length - 1].t);
    const H = 260;
    const left = Math.ceil(num(ys.top).length * CH) + 14, right = W - 14, top = 40, bottom = H - 42;
    const xs = scale(tmax, Math.max(2, Math.floor((right - left) / 70)));
    this.geo = { left, right, top, bottom, tmax, W };
    /** @param {number} sec */
    const X = (sec) => left + (sec / tmax) * (right - left);
    /** @param {number} v */
    const Y = (v) => bottom - (v / ys.top) * (bottom - top);
    const svg = this.svg;
    svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
    svg.setAttribute('width', String(W));
    svg.setAttribute('height', String(H));
    svg.setAttribute('aria-valuemax', String(log.length - 1));
    svg.dataset.ticks = String(log.length);
    const deco = s('g', { 'aria-hidden': 'true' });
    deco.append(s('rect', { class: 'chart-plot', x: left, y: top, width: right - left, height: bottom - top, 'data-tmax': tmax, 'data-ymax': ys.top }));
    for (let v = 0; v <= ys.top; v += ys.step) {
      deco.append(s('line', { class: 'chart-grid', x1: left, x2: right, y1: Y(v), y2: Y(v), 'data-v': v }),
        s('text', { class: 'chart-axis', x: left - 6, y: Y(v) + 4, 'text-anchor': 'end' }, num(v)));
    }
    for (let sec = 0; sec <= tmax; sec += xs.step) {
      const anchor = sec === 0 ? 'start' : X(sec) > right - 20 ? 'end' : 'middle';
      deco.append(s('line', { class: 'chart-tick', x1: X(sec), x2: X(sec), y1: bottom, y2: bottom + 5 }),
        s('text', { class: 'chart-axis', x: X(sec), y: bottom + 18, 'text-anchor': anchor }, num(sec)));
    }
    // the logged instants (what a click or a key can reach)
    if (log.length <= 400) for (const e of log) deco.append(s('line', { class: 'chart-inst', x1: X(e.t), x2: X(e.t), y1: bottom, y2: bottom - 4 }));
    deco.append(s('text', { class: 'chart-label', x: (left + right) / 2, y: H - 6, 'text-anchor': 'middle' }, t('chart.ro.seconds')),
      s('text', { class: 'chart-label', x: 4, y: 14 }, t('chart.ro.pods')));
    if (budget !== null) {
      deco.append(s('line', { class: 'chart-budget', x1: left, x2: right, y1: Y(budget), y2: Y(budget), 'data-v': budget }),
        s('text', { class: 'chart-budget-label', x: right - 4, y: Y(budget) - 5, 'text-anchor': 'end' }, `maxUnavailable ${num(budget)}`));
    }
    for (const x of SERIES) {
      let d = `M${X(log[0].t)},${Y(log[0].status[x.field])}`;
      for (let k = 1; k < log.length; k++) d += `H${X(log[k].t)}V${Y(log[k].status[x.field])}`;
      d += `H${X(tmax)}`;
      deco.append(s('path', {
        class: `chart-line s-${x.key}`, d, transform: x.dy ? `translate(0 ${x.dy})` : null,
        'data-series': x.field, 'data-points': log.map((e) => `${e.t}:${e.status[x.field]}`).join(' '),
      }));
    }
    this.hoverLine = s('line', { class: 'chart-hover', x1: 0, x2: 0, y1: top, y2: bottom, visibility: 'hidden' });
    this.marker = s('line', { class: 'chart-marker', x1: 0, x2: 0, y1: top, y2: bottom });
    this.markerHead = s('path', { class: 'chart-marker-head', d: 'M-5,0H5L0,6Z' });
    this.markerLabel = s('text', { class: 'chart-marker-label', x: 0, y: top - 8 });
    deco.append(this.hoverLine, this.marker, this.markerHead, this.markerLabel);
    svg.replaceChildren(deco);
    // the status fields and the budget as Kubernetes writes them (code)
    const keys = SERIES.map((x) => legendItem(`chart-line s-${x.key}`, tx(`chart.ro.${x.key}`, { field: x.field })));
    if (budget !== null) keys.push(legendItem('chart-budget', tx('chart.ro.budget', { budget: `maxUnavailable ${budget}` })));
    this.legend.replaceChildren(...keys);
    this.mark(this.step);
  }

  /**
   * Moves the marker to log entry `i` (the view shows it).
   * @param {number} i
   */
  mark(i) {
    this.step = i;
    const tl = this.timeline;
    if (!tl || !this.marker || !this.markerLabel) return;
    const log = tl.log;
    const e = log[Math.min(i, log.length - 1)];
    const g = this.geo;
    const x = g.left + (e.t / g.tmax) * (g.right - g.left);
    for (const a of ['x1', 'x2']) this.marker.setAttribute(a, String(x));
    this.marker.setAttribute('data-t', String(e.t));
    this.markerHead?.setAttribute('transform', `translate(${x} ${g.top})`);
    this.markerLabel.textContent = t('chart.ro.at', { t: num(e.t) });
    this.markerLabel.setAttribute('x', String(x));
    this.markerLabel.setAttribute('text-anchor', x < g.left + 40 ? 'start' : x > g.right - 40 ? 'end' : 'middle');
    this.svg.setAttribute('aria-valuenow', String(i));
    this.svg.setAttribute('aria-valuetext', t('ro.at', { t: num(e.t), step: num(i + 1), steps: num(log.length) }));
  }

  /**
   * The second under the pointer.
   * @param {MouseEvent} e
   */
  secondAt(e) {
    const r = this.svg.getBoundingClientRect();
    const g = this.geo;
    const x = ((e.clientX - r.left) * g.W) / (r.width || 1);
    return Math.max(0, Math.min(1, (x - g.left) / (g.right - g.left || 1))) * g.tmax;
  }

  /** @param {MouseEvent} e */
  click(e) {
    if (!this.timeline) return;
    this.opts.onPick(nearest(this.timeline.log, this.secondAt(e)));
  }

  /** @param {PointerEvent} e */
  hover(e) {
    if (!this.timeline || !this.hoverLine) return;
    const g = this.geo;
    const sec = this.timeline.log[nearest(this.timeline.log, this.secondAt(e))].t;
    const x = g.left + (sec / g.tmax) * (g.right - g.left);
    for (const a of ['x1', 'x2']) this.hoverLine.setAttribute(a, String(x));
    this.hoverLine.setAttribute('visibility', 'visible');
  }

  /** @param {KeyboardEvent} e */
  key(e) {
    const tl = this.timeline;
    if (!tl) return;
    const last = tl.log.length - 1;
    const page = Math.max(1, Math.round(last / 10));
    /** @type {Record<string, number>} */
    const to = {
      ArrowRight: this.step + 1, ArrowUp: this.step + 1, ArrowLeft: this.step - 1, ArrowDown: this.step - 1,
      PageUp: this.step + page, PageDown: this.step - page, Home: 0, End: last, Enter: this.step, ' ': this.step,
    };
    if (!(e.key in to)) return;
    e.preventDefault();
    this.opts.onPick(Math.max(0, Math.min(last, to[e.key])));
  }
}

// ---------------------------------------------------- small multiples

/**
 * Every node's summary (rollout.js) at a few instants of the rollout. The
 * snapshots come through `snapshot` (the view's cache, else the engine), one
 * at a time.
 */
export class Multiples {
  /**
   * @param {{onPick: (i: number) => void, snapshot: (t: number, done: (s: Snapshot) => void) => void}} opts
   */
  constructor(opts) {
    this.opts = opts;
    /** @type {Timeline | null} */
    this.timeline = null;
    /** @type {{i: number, t: number, el: HTMLButtonElement, snap: Snapshot | null}[]} */
    this.items = [];
    this.step = 0;
    this.token = 0;
    this.head = h('h2', { id: 'chart-mult-h' });
    this.note = h('p', { class: 'chart-note', id: 'chart-mult-note' });
    this.row = h('div', { class: 'mult-row', role: 'group', 'aria-labelledby': 'chart-mult-h', 'aria-describedby': 'chart-mult-note' });
    this.el = h('section', { class: 'chart chart-mult', 'aria-labelledby': 'chart-mult-h' }, this.head, this.note, this.row);
  }

  /**
   * The instants of `tl`, with step `i` marked; their snapshots are asked for in order.
   * @param {Timeline} tl
   * @param {number} i
   */
  draw(tl, i) {
    this.timeline = tl;
    this.step = i;
    const token = ++this.token;
    this.items = instants(tl.log).map((k) => {
      const el = h('button', { type: 'button', class: 'mult', 'data-i': String(k), 'data-t': String(tl.log[k].t) });
      el.addEventListener('click', () => this.opts.onPick(k));
      return { i: k, t: tl.log[k].t, el, snap: null };
    });
    for (const it of this.items) this.paint(it);
    this.row.replaceChildren(...this.items.map((x) => x.el));
    this.words();
    this.mark(i);
    this.row.setAttribute('aria-busy', 'true');
    const next = () => {
      if (token !== this.token) return;
      const it = this.items.find((x) => !x.snap);
      if (!it) {
        this.row.removeAttribute('aria-busy');
        return;
      }
      this.opts.snapshot(it.t, (snap) => {
        if (token !== this.token || snap.t !== it.t) return;
        it.snap = snap;
        this.paint(it);
        this.words();
        next();
      });
    };
    next();
  }

  /** The heading, the note, and whether the squares are capped. */
  words() {
    this.head.textContent = t('chart.mult.title');
    const total = this.timeline?.nodes.length ?? 0;
    this.note.textContent = total > MULT_MAX
      ? `${t('chart.mult.note')} ${t('chart.mult.capped', { shown: num(MULT_MAX), total: num(total) })}`
      : t('chart.mult.note');
  }

  relabel() {
    this.words();
    for (const it of this.items) this.paint(it);
  }

  /**
   * Draws one instant: its squares (the first MULT_MAX nodes) and its name (counts of all).
   * @param {{i: number, t: number, el: HTMLButtonElement, snap: Snapshot | null}} it
   */
  paint(it) {
    const at = t('chart.ro.at', { t: num(it.t) });
    const label = h('span', { class: 'mult-t' }, at);
    const snap = it.snap;
    if (!snap) {
      it.el.setAttribute('aria-label', at);
      it.el.title = at;
      it.el.replaceChildren(s('svg', { class: 'mult-svg loading', width: MULT_SIZE, height: MULT_SIZE / 2, 'aria-hidden': 'true' }), label);
      return;
    }
    /** @type {Map<string, number>} */
    const counts = new Map();
    const sums = snap.nodes.map((n) => summary(n));
    for (const x of sums) counts.set(x, (counts.get(x) ?? 0) + 1);
    const shown = sums.slice(0, MULT_MAX);
    const cols = Math.max(1, Math.ceil(Math.sqrt(shown.length)));
    const rows = Math.max(1, Math.ceil(shown.length / cols));
    const cell = Math.max(3, Math.min(22, Math.floor(MULT_SIZE / cols)));
    const gap = cell >= 8 ? 2 : 1;
    const svg = s('svg', { class: 'mult-svg', width: cols * cell, height: rows * cell, viewBox: `0 0 ${cols * cell} ${rows * cell}`, 'aria-hidden': 'true' });
    shown.forEach((x, k) => svg.append(s('rect', {
      x: (k % cols) * cell + gap / 2, y: Math.floor(k / cols) * cell + gap / 2, width: cell - gap, height: cell - gap, rx: cell >= 8 ? 2 : 0,
      'data-summary': x, 'data-node': snap.nodes[k].node,
    })));
    const present = SUMMARIES.filter((x) => counts.has(x));
    const parts = present.map((x) => t('chart.mult.count', { state: t(`ro.sum.${x}`), n: num(counts.get(x) ?? 0) }));
    const name = `${at}: ${parts.join(t('chart.sep'))}`;
    it.el.setAttribute('aria-label', name);
    it.el.title = name;
    it.el.dataset.counts = present.map((x) => `${x}:${counts.get(x)}`).join(' ');
    // more nodes than squares: every node's share, as one bar under them
    let share = null;
    if (sums.length > shown.length) {
      share = s('svg', { class: 'mult-share', width: MULT_SIZE, height: 6, viewBox: `0 0 ${MULT_SIZE} 6`, 'aria-hidden': 'true' });
      let x0 = 0;
      for (const x of present) {
        const w = ((counts.get(x) ?? 0) / sums.length) * MULT_SIZE;
        share.append(s('rect', { x: x0, y: 0, width: w, height: 6, 'data-summary': x }));
        x0 += w;
      }
    }
    it.el.replaceChildren(...[svg, share, label].filter((x) => x !== null));
  }

  /**
   * Marks the instant the view shows, if it is one of these.
   * @param {number} i
   */
  mark(i) {
    this.step = i;
    for (const it of this.items) {
      if (it.i === i) it.el.setAttribute('aria-current', 'true');
      else it.el.removeAttribute('aria-current');
    }
  }
}

// ------------------------------------------------- the comparison's bars

/**
 * Per node, in the view's order: its daemon pod and the Deployment's
 * replicas, as two bars. A listbox: a bar is chosen by click, or by the arrow
 * keys and Enter, as the tiles are.
 */
export class CompareBars {
  /** @param {{onPick: (name: string) => void}} opts */
  constructor(opts) {
    this.opts = opts;
    /** @type {NodeComparison[]} */
    this.nodes = [];
    /** @type {string | null} */
    this.selected = null;
    /** @type {string | null} the row with the tab stop */
    this.active = null;
    this.width = 0;
    this.head = h('h2', { id: 'chart-cmp-h' });
    this.note = h('p', { class: 'chart-note', id: 'chart-cmp-note' });
    this.legend = h('ul', { class: 'chart-legend' });
    this.svg = s('svg', { class: 'chart-svg bars-svg', role: 'listbox', 'aria-labelledby': 'chart-cmp-h', 'aria-describedby': 'chart-cmp-note' });
    this.box = h('div', { class: 'chart-box' }, this.svg);
    this.el = h('section', { class: 'chart chart-cmp', 'aria-labelledby': 'chart-cmp-h' }, this.head, this.legend, this.box, this.note);
    this.svg.addEventListener('click', (e) => {
      const row = this.rowOf(e.target);
      if (row?.dataset.node !== undefined) this.pick(row.dataset.node);
    });
    this.svg.addEventListener('keydown', (e) => this.key(/** @type {KeyboardEvent} */ (e)));
    new ResizeObserver(() => {
      const w = Math.round(this.box.clientWidth);
      if (w && w !== this.width) this.render();
    }).observe(this.box);
  }

  /**
   * @param {NodeComparison[]} nodes in the order of the view's tiles
   * @param {string | null} selected
   */
  draw(nodes, selected) {
    this.nodes = nodes;
    this.selected = selected;
    this.render();
  }

  relabel() {
    this.render();
  }

  render() {
    this.head.textContent = t('chart.cmp.title');
    const total = this.nodes.length;
    this.note.textContent = total > BARS_MAX
      ? `${t('chart.cmp.note')} ${t('chart.cmp.capped', { shown: num(BARS_MAX), total: num(total) })}`
      : t('chart.cmp.note');
    this.legend.replaceChildren(
      h('li', null, h('span', { class: 'chart-sw sw-ds', 'aria-hidden': 'true' }), t('chart.cmp.ds')),
      h('li', null, h('span', { class: 'chart-sw sw-dep', 'aria-hidden': 'true' }), t('chart.cmp.dep')),
      h('li', null, h('span', { class: 'chart-sw sw-pending', 'aria-hidden': 'true' }), t('cmp.tile.pending')));
    const W = Math.round(this.box.clientWidth);
    this.width = W;
    if (!W) return;
    const shown = this.nodes.slice(0, BARS_MAX);
    const rowH = 36, barH = 11;
    const longest = Math.max(4, ...shown.map((n) => n.name.length));
    const label = Math.min(Math.max(80, Math.round(W * 0.35)), Math.ceil(longest * 7.8) + 22);
    // the scale: at least 4 pods long, so that one pod is not a whole line
    const most = Math.max(4, ...shown.map((n) => n.deploymentPods));
    /** @param {NodeComparison} n the words at the end of its bars (also in its name) */
    const words = (n) => [n.daemonPodPending ? t('cmp.tile.pending') : t(n.daemonPods ? 'cmp.tile.daemon' : 'cmp.tile.none'),
      n.deploymentPods ? t('cmp.tile.replicas', { count: num(n.deploymentPods) }) : t('cmp.tile.none')];
    const countW = Math.ceil(Math.max(0, ...shown.flatMap((n) => words(n).map(textWidth)))) + 10;
    const barMax = Math.max(40, W - label - countW - 8);
    /** @param {number} k */
    const len = (k) => (k / most) * barMax;
    const H = shown.length * rowH + 4;
    this.svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
    this.svg.setAttribute('width', String(W));
    this.svg.setAttribute('height', String(H));
    const names = new Set(shown.map((n) => n.name));
    if (!this.active || !names.has(this.active)) this.active = this.selected && names.has(this.selected) ? this.selected : shown[0]?.name ?? null;
    const rows = shown.map((n, k) => {
      const y = k * rowH + 2;
      const [ds, dep] = words(n);
      const dsLen = n.daemonPodPending ? len(1) : len(n.daemonPods);
      return s('g', {
        class: 'bar-row', role: 'option', tabindex: n.name === this.active ? 0 : -1, 'aria-selected': String(n.name === this.selected),
        'aria-label': t('chart.cmp.row', { node: n.name, ds, dep }),
        'data-node': n.name, 'data-ds': n.daemonPods, 'data-dep': n.deploymentPods, 'data-pending': String(n.daemonPodPending),
      },
      // the picture of what the option's name says; its texts are the name's words, each followed by a
      // space (so that they read apart), a long node name cut off by the clip, not shortened
      s('g', { 'aria-hidden': 'true' },
      s('rect', { class: 'bar-hit', x: 1, y, width: W - 2, height: rowH - 2, rx: 4 }),
      s('text', { class: 'bar-name nm', x: 8, y: y + rowH / 2 + 3, 'clip-path': 'url(#chart-cmp-clip)' }, `${n.name} `),
      s('rect', { class: n.daemonPodPending ? 'bar-ds pending' : 'bar-ds', x: label, y: y + 5, width: dsLen, height: barH }),
      s('text', { class: 'bar-count', x: label + dsLen + 5, y: y + 5 + barH - 1 }, `${ds} `),
      s('rect', { class: 'bar-dep', x: label, y: y + 8 + barH, width: len(n.deploymentPods), height: barH }),
      s('text', { class: 'bar-count', x: label + len(n.deploymentPods) + 5, y: y + 8 + 2 * barH - 1 }, dep)));
    });
    const clip = s('clipPath', { id: 'chart-cmp-clip' }, s('rect', { x: 0, y: 0, width: label - 10, height: H }));
    this.svg.replaceChildren(s('defs', {}, clip), ...rows);
  }

  /**
   * The row an event happened in.
   * @param {EventTarget | null} target
   * @returns {SVGElement | null}
   */
  rowOf(target) {
    return target instanceof Element ? target.closest('.bar-row') : null;
  }

  /**
   * Marks the chosen node (the view chose it).
   * @param {string | null} name
   */
  choose(name) {
    this.selected = name;
    for (const r of /** @type {NodeListOf<SVGElement>} */ (this.svg.querySelectorAll('.bar-row'))) {
      r.setAttribute('aria-selected', String(r.dataset.node === name));
      if (name !== null && r.dataset.node === name) this.setActive(name, false);
    }
  }

  /** @param {string} name */
  pick(name) {
    this.choose(name);
    this.opts.onPick(name);
  }

  /**
   * @param {string} name
   * @param {boolean} focus
   */
  setActive(name, focus) {
    this.active = name;
    for (const r of /** @type {NodeListOf<SVGElement>} */ (this.svg.querySelectorAll('.bar-row'))) {
      const on = r.dataset.node === name;
      r.tabIndex = on ? 0 : -1;
      if (on && focus) r.focus();
    }
  }

  /** @param {KeyboardEvent} e */
  key(e) {
    const row = this.rowOf(e.target);
    if (!row || row.dataset.node === undefined) return;
    const rows = /** @type {SVGElement[]} */ ([...this.svg.querySelectorAll('.bar-row')]);
    const i = rows.indexOf(row);
    let j = i;
    switch (e.key) {
      case 'ArrowDown': case 'ArrowRight': j = Math.min(rows.length - 1, i + 1); break;
      case 'ArrowUp': case 'ArrowLeft': j = Math.max(0, i - 1); break;
      case 'Home': j = 0; break;
      case 'End': j = rows.length - 1; break;
      case 'Enter': case ' ':
        e.preventDefault();
        this.pick(row.dataset.node);
        return;
      default: return;
    }
    e.preventDefault();
    const to = rows[j].dataset.node;
    if (to !== undefined) this.setActive(to, true);
  }
}
