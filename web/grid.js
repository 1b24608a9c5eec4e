// The coverage grid: one cell per node, grouped and filtered by state,
// searchable by name or label. Cells are reused between evaluations (keyed
// by node name) and rows outside the viewport are skipped by the browser
// (content-visibility), so thousands of nodes stay cheap. ARIA grid with a
// roving tabindex: arrow keys move, Enter / Space select.
import { h } from './dom.js';
import { t, num } from './i18n.js';

/** Problems first. */
export const STATES = ['pending', 'keeps-existing', 'excluded', 'scheduled'];
const DENSE_AT = 150;
const CARD_W = 168;
const TILE_W = 30;
const GAP = 6;
const ROWS_PER_FRAME = 24;

export class Grid {
  constructor(root, { onSelect }) {
    this.root = root;
    this.onSelect = onSelect;
    this.cells = new Map();
    this.nodes = [];
    this.filter = new Set(STATES);
    this.query = [];
    this.group = true;
    this.selected = null;
    this.active = null;
    this.rows = [];
    this.sig = '';
    this.token = 0;
    root.addEventListener('click', (e) => {
      const c = e.target.closest('[role=gridcell]');
      if (c) this.choose(c.dataset.node, true);
    });
    root.addEventListener('keydown', (e) => this.key(e));
    new ResizeObserver(() => {
      if (this.cols() !== this.lastCols) this.layout(true);
    }).observe(root);
  }

  /** nodes: the report's node list. */
  setNodes(nodes) {
    const dense = nodes.length > DENSE_AT;
    if (dense !== this.dense) this.cells.clear();
    this.dense = dense;
    this.root.classList.toggle('dense', dense);
    const seen = new Set();
    this.nodes = nodes.map((n) => {
      seen.add(n.name);
      let c = this.cells.get(n.name);
      if (!c) {
        // a dense tile is one element (icon drawn by CSS, name in aria-label and title)
        c = document.createElement('div');
        c.setAttribute('role', 'gridcell');
        c.tabIndex = -1;
        c.dataset.node = n.name;
        if (!dense) c.append(h('span', { class: 'ic', 'aria-hidden': 'true' }), h('span', { class: 'nm' }, n.name), h('span', { class: 'st' }));
        this.cells.set(n.name, c);
      }
      if (c.dataset.state !== n.state || c.dataset.lang !== document.documentElement.lang) this.label(c, n.name, n.state);
      const labels = Object.entries(n.labels || {}).map(([k, v]) => `${k}=${v}`).join(' ');
      return { name: n.name, state: n.state, search: `${n.name} ${labels}`.toLowerCase(), el: c };
    });
    for (const name of [...this.cells.keys()]) if (!seen.has(name)) this.cells.delete(name);
    this.layout();
  }

  label(c, name, state) {
    const s = t(`state.${state}`);
    c.dataset.state = state;
    c.dataset.lang = document.documentElement.lang;
    c.setAttribute('aria-label', t('grid.cellName', { name, state: s }));
    c.title = `${name} — ${s}`;
    if (c.lastChild) c.lastChild.textContent = s;
  }

  relabel() {
    for (const n of this.nodes) this.label(n.el, n.name, n.state);
    this.sig = '';
    this.layout();
  }

  setFilter(states) {
    this.filter = new Set(states);
    this.layout();
  }

  setQuery(q) {
    this.query = q.toLowerCase().split(/\s+/).filter(Boolean);
    this.layout();
  }

  setGroup(g) {
    this.group = g;
    this.layout();
  }

  cols() {
    const w = this.root.clientWidth || 600;
    const cw = this.dense ? TILE_W : CARD_W;
    return Math.max(1, Math.floor((w + GAP) / (cw + GAP)));
  }

  visible() {
    return this.nodes.filter((n) => this.filter.has(n.state) && this.query.every((q) => n.search.includes(q)));
  }

  layout(force = false) {
    const vis = this.visible();
    const cols = this.cols();
    const sig = `${cols}|${this.group}|${document.documentElement.lang}|${vis.map((n) => `${n.name}\u0000${n.state}`).join('\u0001')}`;
    this.shown = vis.length;
    if (!force && sig === this.sig) return;
    this.sig = sig;
    this.lastCols = cols;
    const groups = this.group
      ? STATES.map((s) => [s, vis.filter((n) => n.state === s)]).filter(([, l]) => l.length)
      : [[null, vis]];
    const out = [];
    const pending = [];
    this.rows = [];
    for (const [state, list] of groups) {
      const rowgroup = h('div', { role: 'rowgroup', class: 'group', 'data-group': state ?? 'all' });
      if (state) {
        rowgroup.append(h('div', { role: 'row', class: 'ghead' },
          h('span', { role: 'columnheader', 'aria-colspan': String(cols), 'data-state': state },
            h('span', { class: 'ic', 'aria-hidden': 'true' }),
            ` ${t(`state.${state}`)} · ${num(list.length)}`)));
      }
      for (let i = 0; i < list.length; i += cols) {
        const cells = list.slice(i, i + cols).map((n) => n.el);
        pending.push([rowgroup, h('div', { role: 'row', class: 'row' }, cells)]);
        this.rows.push(cells);
      }
      out.push(rowgroup);
    }
    // The first rows now, the rest a chunk per frame: a new cluster of
    // thousands of nodes never blocks the page for long (aria-busy meanwhile).
    const token = ++this.token;
    let next = 0;
    const step = () => {
      if (token !== this.token) return;
      const end = Math.min(pending.length, next + ROWS_PER_FRAME);
      for (; next < end; next++) pending[next][0].append(pending[next][1]);
      if (next < pending.length) requestAnimationFrame(step);
      else this.root.removeAttribute('aria-busy');
    };
    this.root.replaceChildren(...out);
    this.root.setAttribute('aria-busy', 'true');
    step();
    this.root.setAttribute('aria-colcount', String(cols));
    const names = new Set(vis.map((n) => n.name));
    if (!this.active || !names.has(this.active)) this.active = this.selected && names.has(this.selected) ? this.selected : vis[0]?.name ?? null;
    for (const n of this.nodes) {
      n.el.tabIndex = n.name === this.active ? 0 : -1;
      n.el.setAttribute('aria-selected', String(n.name === this.selected));
    }
  }

  /** Marks `name` as selected (and tells the page when `notify`). */
  choose(name, notify) {
    this.selected = name;
    this.setActive(name, false);
    for (const n of this.nodes) n.el.setAttribute('aria-selected', String(n.name === name));
    if (notify) this.onSelect(name);
  }

  setActive(name, focus) {
    const prev = this.cells.get(this.active);
    if (prev) prev.tabIndex = -1;
    this.active = name;
    const c = this.cells.get(name);
    if (c) {
      c.tabIndex = 0;
      if (focus) c.focus();
    }
  }

  key(e) {
    const c = e.target.closest('[role=gridcell]');
    if (!c) return;
    let r = this.rows.findIndex((row) => row.includes(c));
    if (r < 0) return;
    let i = this.rows[r].indexOf(c);
    const last = this.rows.length - 1;
    switch (e.key) {
      case 'ArrowRight':
        if (i < this.rows[r].length - 1) i++;
        else if (r < last) [r, i] = [r + 1, 0];
        break;
      case 'ArrowLeft':
        if (i > 0) i--;
        else if (r > 0) [r, i] = [r - 1, this.rows[r - 1].length - 1];
        break;
      case 'ArrowDown': r = Math.min(last, r + 1); break;
      case 'ArrowUp': r = Math.max(0, r - 1); break;
      case 'PageDown': r = Math.min(last, r + 5); break;
      case 'PageUp': r = Math.max(0, r - 5); break;
      case 'Home': if (e.ctrlKey) r = 0; i = 0; break;
      case 'End': if (e.ctrlKey) r = last; i = this.rows[r].length - 1; break;
      case 'Enter':
      case ' ':
        e.preventDefault();
        this.choose(c.dataset.node, true);
        return;
      default:
        return;
    }
    e.preventDefault();
    i = Math.min(i, this.rows[r].length - 1);
    this.setActive(this.rows[r][i].dataset.node, true);
  }
}
