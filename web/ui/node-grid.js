// The node grid of the Coverage, Rollout and Deployment tabs: one tile per
// node, from a handful to thousands. Cells come from ui/cells.js (reused
// between renders); past DENSE_AT nodes they are small one-element tiles,
// and rows out of view are not laid out or painted (content-visibility in
// style.css). What a view switches on:
//   keys: 'grid' or 'listbox': tiles are selected by click, Enter or Space,
//     with a roving tabindex (one tab stop). 'grid' is the ARIA grid pattern
//     (arrows move in two dimensions, Home/End within the row, Ctrl+Home/End
//     and PageUp/PageDown across rows); 'listbox' the listbox pattern (Home/End:
//     first/last tile; Up on the first row and Down on the last go to the
//     first and last tile). Without `keys` the grid only shows.
//   rows: ARIA rows as wide as the grid (rowgroup > row > cells), grouped by
//     tile.group under a header when `groups` is given, drawn a chunk per frame
//     (aria-busy meanwhile). Without it the cells flow in the root (CSS wraps).
//   setFilter / setQuery: only tiles of these groups, or matching every word.
import { h } from './dom.js';
import { Cells } from './cells.js';

/** @typedef {import('./cells.js').Tile} Tile */

const DENSE_AT = 150;
const ROWS_PER_FRAME = 24;

/**
 * @template {Tile} T
 * @typedef {object} GridOptions
 * @property {import('./cells.js').Paint<T>} paint draws a cell
 * @property {'div' | 'li'} [tag] the cell element (div)
 * @property {'grid' | 'listbox'} [keys] selectable tiles, with this keyboard pattern
 * @property {(name: string) => void} [onSelect] a tile was chosen (click, Enter, Space)
 * @property {{card: number, tile: number, gap: number}} [rows] explicit rows; a cell's width
 *   in px (card: a few nodes, tile: dense) and the gap, to count the columns
 * @property {{order: readonly string[], head: (group: string, count: number, cols: number) => HTMLElement}} [groups]
 *   the groups in display order, and a group's header cell (rows only)
 */

/** @template {Tile} T */
export class NodeGrid {
  /**
   * @param {HTMLElement} root
   * @param {GridOptions<T>} opts
   */
  constructor(root, opts) {
    this.root = root;
    this.opts = opts;
    this.keys = opts.keys ?? null;
    this.role = this.keys === 'grid' ? 'gridcell' : this.keys === 'listbox' ? 'option' : null;
    /** @type {Cells<T>} */
    this.cells = new Cells({
      tag: opts.tag,
      attrs: this.role ? { role: this.role, tabindex: '-1', 'aria-selected': 'false' } : {},
      paint: opts.paint,
    });
    /** @type {{tile: T, el: HTMLElement}[]} */
    this.tiles = [];
    /** @type {Set<string> | null} the groups shown; null: all */
    this.filter = null;
    /** @type {string[]} */
    this.query = [];
    this.group = Boolean(opts.groups);
    /** @type {string | null} */
    this.selected = null;
    /** @type {string | null} the tile with the tab stop */
    this.active = null;
    /** @type {HTMLElement[][]} the cells by row (rows layout) */
    this.rows = [];
    this.sig = '';
    this.token = 0;
    this.lastCols = 0;
    this.dense = false;
    /** how many tiles pass the filter and the search */
    this.shown = 0;
    if (this.keys) {
      root.addEventListener('click', (e) => {
        const c = this.cellOf(e.target);
        if (c?.dataset.node !== undefined) this.choose(c.dataset.node, true);
      });
      root.addEventListener('keydown', (e) => this.key(e));
    }
    if (opts.rows) {
      new ResizeObserver(() => {
        if (this.cols() !== this.lastCols) this.layout(true);
      }).observe(root);
    }
  }

  /**
   * The nodes to show, in order.
   * @param {T[]} tiles
   */
  setTiles(tiles) {
    const dense = tiles.length > DENSE_AT;
    this.dense = dense;
    this.root.classList.toggle('dense', dense);
    const els = this.cells.update(tiles, dense);
    this.tiles = tiles.map((tile, i) => ({ tile, el: els[i] }));
    this.layout();
  }

  /** The language changed: every cell and header is drawn again at the next setTiles. */
  relabel() {
    this.cells.forget();
    this.sig = '';
  }

  /** @param {Iterable<string>} groups only tiles of these groups */
  setFilter(groups) {
    this.filter = new Set(groups);
    this.layout();
  }

  /** @param {string} q words every shown tile's `search` contains */
  setQuery(q) {
    this.query = q.toLowerCase().split(/\s+/).filter(Boolean);
    this.layout();
  }

  /** @param {boolean} g grouped under headers (rows with groups) */
  setGroup(g) {
    this.group = g;
    this.layout();
  }

  cols() {
    const r = this.opts.rows;
    if (!r) return 1;
    const w = this.root.clientWidth || 600;
    const cw = this.dense ? r.tile : r.card;
    return Math.max(1, Math.floor((w + r.gap) / (cw + r.gap)));
  }

  visible() {
    return this.tiles.filter(({ tile }) => (!this.filter || this.filter.has(tile.group ?? ''))
      && this.query.every((q) => (tile.search ?? '').includes(q)));
  }

  /** @param {boolean} [force] lay out even when nothing seems changed (the width did) */
  layout(force = false) {
    const vis = this.visible();
    this.shown = vis.length;
    if (this.opts.rows) this.layoutRows(vis, force);
    else this.layoutFlow(vis);
  }

  /** @param {{tile: T, el: HTMLElement}[]} vis */
  layoutFlow(vis) {
    const els = vis.map((x) => x.el);
    const kids = this.root.children;
    if (kids.length !== els.length || els.some((c, i) => kids[i] !== c)) this.root.replaceChildren(...els);
    this.roving(vis);
  }

  /**
   * @param {{tile: T, el: HTMLElement}[]} vis
   * @param {boolean} force
   */
  layoutRows(vis, force) {
    const cols = this.cols();
    const sig = `${cols}|${this.group}|${document.documentElement.lang}|${vis.map((x) => `${x.tile.name}\u0000${x.tile.sig}`).join('\u0001')}`;
    if (!force && sig === this.sig) return;
    this.sig = sig;
    this.lastCols = cols;
    const g = this.opts.groups;
    /** @type {[string | null, {tile: T, el: HTMLElement}[]][]} */
    const groups = g && this.group
      ? g.order.map((k) => /** @type {[string, typeof vis]} */ ([k, vis.filter((x) => x.tile.group === k)])).filter(([, l]) => l.length)
      : [[null, vis]];
    const out = [];
    /** @type {[HTMLElement, HTMLElement][]} */
    const pending = [];
    this.rows = [];
    for (const [key, list] of groups) {
      const rowgroup = h('div', { role: 'rowgroup', class: 'group', 'data-group': key ?? 'all' });
      if (key !== null && g) rowgroup.append(h('div', { role: 'row', class: 'ghead' }, g.head(key, list.length, cols)));
      for (let i = 0; i < list.length; i += cols) {
        const cells = list.slice(i, i + cols).map((x) => x.el);
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
    this.roving(vis);
  }

  /**
   * One tab stop: the chosen tile if shown, else the first; aria-selected on the chosen one.
   * @param {{tile: T, el: HTMLElement}[]} vis
   */
  roving(vis) {
    if (!this.keys) return;
    const names = new Set(vis.map((x) => x.tile.name));
    if (!this.active || !names.has(this.active)) this.active = this.selected && names.has(this.selected) ? this.selected : vis[0]?.tile.name ?? null;
    for (const { tile, el } of this.tiles) {
      el.tabIndex = tile.name === this.active ? 0 : -1;
      el.setAttribute('aria-selected', String(tile.name === this.selected));
    }
  }

  /**
   * Marks `name` as the chosen tile (and tells the view when `notify`).
   * @param {string | null} name
   * @param {boolean} notify
   */
  choose(name, notify) {
    this.selected = name;
    if (name !== null && this.cells.has(name)) this.setActive(name, false);
    for (const { tile, el } of this.tiles) el.setAttribute('aria-selected', String(tile.name === name));
    if (notify && name !== null) this.opts.onSelect?.(name);
  }

  /**
   * @param {string} name
   * @param {boolean} focus
   */
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

  /**
   * The cell an event happened in.
   * @param {EventTarget | null} target
   * @returns {HTMLElement | null}
   */
  cellOf(target) {
    return target instanceof Element ? target.closest(`[role=${this.role}]`) : null;
  }

  /** The cells by row as shown: the rows laid out, or the flow measured. */
  rowsNow() {
    if (this.opts.rows) return this.rows;
    const all = /** @type {HTMLElement[]} */ ([...this.root.children]);
    const cols = Math.max(1, all.filter((x) => x.offsetTop === all[0].offsetTop).length);
    const rows = [];
    for (let i = 0; i < all.length; i += cols) rows.push(all.slice(i, i + cols));
    return rows;
  }

  /** @param {KeyboardEvent} e */
  key(e) {
    const c = this.cellOf(e.target);
    if (!c) return;
    const rows = this.rowsNow();
    let r = rows.findIndex((row) => row.includes(c));
    if (r < 0) return;
    let i = rows[r].indexOf(c);
    const last = rows.length - 1;
    const list = this.keys === 'listbox';
    switch (e.key) {
      case 'ArrowRight':
        if (i < rows[r].length - 1) i++;
        else if (r < last) [r, i] = [r + 1, 0];
        break;
      case 'ArrowLeft':
        if (i > 0) i--;
        else if (r > 0) [r, i] = [r - 1, rows[r - 1].length - 1];
        break;
      case 'ArrowDown':
        if (r < last) r++;
        else if (list) i = rows[r].length - 1;
        break;
      case 'ArrowUp':
        if (r > 0) r--;
        else if (list) i = 0;
        break;
      case 'PageDown': if (list) return; r = Math.min(last, r + 5); break;
      case 'PageUp': if (list) return; r = Math.max(0, r - 5); break;
      case 'Home': if (e.ctrlKey || list) r = 0; i = 0; break;
      case 'End': if (e.ctrlKey || list) r = last; i = rows[r].length - 1; break;
      case 'Enter':
      case ' ':
        e.preventDefault();
        if (c.dataset.node !== undefined) this.choose(c.dataset.node, true);
        return;
      default:
        return;
    }
    e.preventDefault();
    i = Math.min(i, rows[r].length - 1);
    const to = rows[r][i].dataset.node;
    if (to !== undefined) this.setActive(to, true);
  }
}
