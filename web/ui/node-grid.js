// The node grid of the Coverage, Rollout and Deployment tabs: one tile per
// node, from a handful to 100,000. Past DENSE_AT nodes the tiles are small
// one-element squares; past VIRTUAL_AT tiles shown the grid is virtual: only
// the rows in and around its scroll box are in the DOM (half a view above and
// below), two empty elements (.vspace) stand for the rows above and below
// them, and the cells of rows that scroll out are given to the rows that
// scroll in (ui/cells.js). Up to VIRTUAL_AT every row is in the DOM: the same
// code, with a window that holds every row.
//
// The grid keeps its whole model (the tiles, the ones the filter and the
// search let through, their order, the lines: group headers and rows of
// tiles with their heights) and draws a window of it; heights and columns are
// measured from the DOM after drawing (a change draws again at once).
// What a view switches on:
//   keys: 'grid' or 'listbox': tiles are selected by click, Enter or Space,
//     with a roving tabindex (one tab stop: the active tile's row stays in the
//     DOM, out of the flow, when it is scrolled out of the window). 'grid' is
//     the ARIA grid pattern (arrows move in two dimensions, Home/End within
//     the row, Ctrl+Home/End and PageUp/PageDown across rows, aria-rowcount /
//     aria-rowindex / aria-colcount for the whole grid); 'listbox' the listbox
//     pattern (Home/End: first/last tile; Up on the first row and Down on the
//     last go to the first and last tile; aria-setsize / aria-posinset). Keys
//     work on the model: a target row not in the DOM is scrolled to and drawn.
//     Without `keys` the grid only shows.
//   rows: ARIA rows as wide as the grid (rowgroup > row > cells), grouped by
//     tile.group under a header when `groups` is given. Without it the cells
//     flow in the root (CSS wraps; the columns are measured).
//   setFilter / setQuery: only tiles of these groups, or matching every word
//     (each tile's `search`, lower case, made once per setTiles; a query that
//     only narrows the last one searches the last matches only).
// Printing draws every row of a grid, or the first PRINT_MAX tiles of a
// virtual grid with a note of how many are left out (grid.printNote).
import { h } from './dom.js';
import { Cells } from './cells.js';
import { t } from '../i18n/index.js';

/** @typedef {import('./cells.js').Tile} Tile */

const DENSE_AT = 150;
/** More tiles shown than this: only the rows near the view are in the DOM (dense tiles, since it is above DENSE_AT). */
export const VIRTUAL_AT = 1000;
/** A virtual grid prints this many tiles at most. */
export const PRINT_MAX = 5000;
/** PageUp / PageDown move this many rows. */
const PAGE_ROWS = 5;

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

/**
 * A line of the layout: a group's header, or a row of the tiles at
 * positions from..to-1 of the display order; its top (px from the first
 * line's) and height (in flow layout: the row's height and the gap below it).
 * @typedef {{head: boolean, group: string | null, later: boolean, count: number, from: number, to: number, top: number, h: number}} Line
 */
/**
 * A line in the DOM: its row element (rows layout) and cells, what it was drawn
 * for (a header's group, or the tiles' names); pinned: out of the flow (the
 * active tile's row, outside the window).
 * @typedef {{el: HTMLElement | null, cells: HTMLElement[], head: boolean, group: string | null, names: string[], pinned: boolean}} Drawn
 */

/** @type {Set<WeakRef<NodeGrid<any>>>} every grid, for printing */
const grids = new Set();
let printing = false;
let watching = false;

/** Every grid draws for paper while the page prints (window.print, or print media emulated). */
function watchPrint() {
  if (watching || typeof matchMedia !== 'function') return;
  watching = true;
  const mq = matchMedia('print');
  /** @param {boolean} on */
  const set = (on) => {
    if (on === printing) return;
    printing = on;
    for (const ref of grids) {
      const g = ref.deref();
      if (g) g.render({ rebuild: true });
      else grids.delete(ref);
    }
  };
  mq.addEventListener('change', () => set(mq.matches));
  addEventListener('beforeprint', () => set(true));
  addEventListener('afterprint', () => set(mq.matches));
}

/**
 * Every word of `before` is in a word of `now`: what matches `now` matched `before`.
 * @param {string[]} before
 * @param {string[]} now
 */
const narrows = (before, now) => before.every((b) => now.some((w) => w.includes(b)));

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
    this.flow = !opts.rows;
    /** @type {Cells<T>} */
    this.cells = new Cells({
      tag: opts.tag,
      attrs: this.role ? { role: this.role, tabindex: '-1', 'aria-selected': 'false' } : {},
      paint: opts.paint,
    });
    /** @type {T[]} */
    this.tiles = [];
    /** @type {Map<string, number>} a tile's index by name */
    this.index = new Map();
    /** each tile's group, as a number in groupNames */
    this.gid = new Int32Array(0);
    /** @type {string[]} each tile's search text */
    this.search = [];
    /** @type {string[]} */
    this.groupNames = [];
    /** @type {Set<string> | null} the groups shown; null: all */
    this.filter = null;
    /** @type {string[]} */
    this.query = [];
    /** counts changes of the tiles and the filter: `match` narrows only within one */
    this.era = 0;
    /** @type {{era: number, query: string[]} | null} what `match` was made for */
    this.matchFor = null;
    /** the tiles the filter and the search let through, in tile order */
    this.match = new Int32Array(0);
    /** the display order: tile indexes */
    this.order = new Int32Array(0);
    /** each group's rank in the groups' order (-1: not shown), by group number; null: not grouped */
    this.rank = /** @type {number[] | null} */ (null);
    /** @type {Line[]} */
    this.lines = [];
    /** how many tiles of `order` each group has (grouped rows layout), in the groups' order */
    this.groupCounts = new Int32Array(0);
    /** the lines that are rows of tiles */
    this.rowLines = new Int32Array(0);
    this.group = Boolean(opts.groups);
    /** @type {string | null} */
    this.selected = null;
    /** @type {string | null} the tile with the tab stop */
    this.active = null;
    this.cols = 1;
    this.dense = false;
    this.virtual = false;
    /** how many tiles pass the filter and the search */
    this.shown = 0;
    /** measured: a row's, a first header's and a later header's height; flow: a cell's width and the gaps */
    this.size = { row: 0, head: 0, later: 0, cellW: 0, gapX: 0, gapY: 0 };
    /** the root's own padding (without the virtual part) */
    this.pad = { top: 0, bottom: 0, left: 0, right: 0 };
    /** @type {Map<number, Drawn>} the lines in the DOM */
    this.drawn = new Map();
    /** @type {Map<string, HTMLElement>} rowgroups by group (rows layout) */
    this.groupEls = new Map();
    /** @type {HTMLElement[]} row elements out of the DOM, for reuse */
    this.spareRows = [];
    /** the window of lines in the DOM [from, to), and the pinned line (-1: none) */
    this.win = [0, 0];
    this.pin = -1;
    /** @type {[HTMLElement | null, HTMLElement | null]} the empty elements that stand for the lines above and below the window */
    this.spacers = [null, null];
    /** drawn for paper (the page prints and the grid is shown) */
    this.paper = false;
    /** the root's client size when last resized */
    this.seen = { w: 0, h: 0 };
    /** @type {HTMLElement | null} says, on paper, how many tiles were left out */
    this.note = null;
    root.classList.add('ngrid');
    if (this.keys) {
      root.addEventListener('click', (e) => {
        const c = this.cellOf(e.target);
        if (c?.dataset.node !== undefined) this.choose(c.dataset.node, true);
      });
      root.addEventListener('keydown', (e) => this.key(e));
    }
    root.addEventListener('scroll', () => this.scrolled(), { passive: true });
    new ResizeObserver(() => this.resized()).observe(root);
    grids.add(new WeakRef(this));
    watchPrint();
  }

  /**
   * The nodes to show, in order.
   * @param {T[]} tiles
   */
  setTiles(tiles) {
    const dense = tiles.length > DENSE_AT;
    if (dense !== this.dense) {
      this.dense = dense;
      this.root.classList.toggle('dense', dense);
      this.size = { row: 0, head: 0, later: 0, cellW: 0, gapX: 0, gapY: 0 };
      this.clear();
    }
    this.cells.setDense(dense);
    this.tiles = tiles;
    const n = tiles.length;
    this.index = new Map();
    this.gid = new Int32Array(n);
    this.search = tiles.map((tile) => tile.search ?? '');
    /** @type {Map<string, number>} */
    const ids = new Map();
    for (let i = 0; i < n; i++) {
      const tile = tiles[i];
      this.index.set(tile.name, i);
      const g = tile.group ?? '';
      let k = ids.get(g);
      if (k === undefined) {
        k = ids.size;
        ids.set(g, k);
      }
      this.gid[i] = k;
    }
    this.groupNames = [...ids.keys()];
    this.era++;
    this.layout({});
  }

  /** The language changed: every cell and header is drawn again at the next setTiles. */
  relabel() {
    this.cells.forget();
  }

  /** @param {Iterable<string>} groups only tiles of these groups */
  setFilter(groups) {
    this.filter = new Set(groups);
    this.era++;
    this.layout({ reveal: true });
  }

  /** @param {string} q words every shown tile's `search` contains */
  setQuery(q) {
    const query = q.toLowerCase().split(/\s+/).filter(Boolean);
    if (query.join(' ') === this.query.join(' ')) return;
    this.query = query;
    this.layout({ reveal: true });
  }

  /** @param {boolean} g grouped under headers (rows with groups) */
  setGroup(g) {
    this.group = g;
    this.layout({ reveal: true });
  }

  /** The columns of the rows layout, from the root's width (flow layout: measured). */
  rowCols() {
    const r = this.opts.rows;
    if (!r) return this.cols;
    const w = this.root.clientWidth || 600;
    const cw = this.dense ? r.tile : r.card;
    return Math.max(1, Math.floor((w + r.gap) / (cw + r.gap)));
  }

  /**
   * The model again after a change of the tiles, the filter, the search or the grouping.
   * @param {{reveal?: boolean}} how reveal: scroll to the chosen tile (or to the top)
   */
  layout(how) {
    this.matchTiles();
    this.orderTiles();
    this.shown = this.order.length;
    this.virtual = this.shown > VIRTUAL_AT;
    if (!this.flow) this.cols = this.rowCols();
    this.relines();
    if (this.keys) {
      if (!this.isShown(this.active)) this.active = this.isShown(this.selected) ? this.selected : this.shown ? this.tiles[this.order[0]].name : null;
    }
    let reveal;
    if (how.reveal) {
      reveal = this.posOfName(this.selected);
      if (reveal < 0) this.root.scrollTop = 0;
    }
    this.render({ rebuild: true, reveal });
  }

  /** `match`: the tiles of the groups let through whose search has every word; narrowing the last match where it can. */
  matchTiles() {
    const q = this.query;
    const search = this.search;
    const gid = this.gid;
    const from = this.matchFor && this.matchFor.era === this.era && narrows(this.matchFor.query, q) ? this.match : null;
    const allow = new Uint8Array(this.groupNames.length);
    this.groupNames.forEach((g, k) => { allow[k] = !this.filter || this.filter.has(g) ? 1 : 0; });
    const n = from ? from.length : search.length;
    const out = new Int32Array(n);
    let m = 0;
    for (let k = 0; k < n; k++) {
      const i = from ? from[k] : k;
      if (!allow[gid[i]]) continue;
      if (q.length) {
        const s = search[i];
        let ok = true;
        for (const w of q) {
          if (!s.includes(w)) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
      }
      out[m++] = i;
    }
    this.match = out.subarray(0, m);
    this.matchFor = { era: this.era, query: q };
  }

  /**
   * `order`: the matches, by group in the groups' order when grouped (each
   * group's tiles in tile order, as `match`: a tile's position is found by
   * bisection, posOfIndex).
   */
  orderTiles() {
    const g = this.opts.groups;
    const match = this.match;
    this.rank = null;
    if (g && this.group && !this.flow) {
      const rank = this.groupNames.map((name) => g.order.indexOf(name));
      this.rank = rank;
      const counts = new Int32Array(g.order.length + 1);
      for (const i of match) {
        const r = rank[this.gid[i]];
        if (r >= 0) counts[r + 1]++;
      }
      this.groupCounts = counts.slice(1);
      for (let r = 1; r < counts.length; r++) counts[r] += counts[r - 1];
      const order = new Int32Array(counts[counts.length - 1]);
      for (const i of match) {
        const r = rank[this.gid[i]];
        if (r >= 0) order[counts[r]++] = i;
      }
      this.order = order;
    } else this.order = match;
  }

  /**
   * The position in `order` of tile i, or -1.
   * @param {number} i
   */
  posOfIndex(i) {
    const order = this.order;
    let lo = 0;
    let hi = order.length;
    if (this.rank) {
      const r = this.rank[this.gid[i]];
      if (r < 0) return -1;
      for (let k = 0; k < r; k++) lo += this.groupCounts[k];
      hi = lo + this.groupCounts[r];
    }
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order[mid] < i) lo = mid + 1;
      else hi = mid;
    }
    return lo < order.length && order[lo] === i ? lo : -1;
  }

  /** The lines of the order at the columns and heights known now. */
  relines() {
    const cols = this.cols;
    const flow = this.flow;
    const d = this.dense;
    const rowH = flow ? (this.size.row || (d ? 21 : 60)) : (this.size.row || (d ? 30 : 48));
    const headH = this.size.head || 27;
    const laterH = this.size.later || 33;
    /** @type {Line[]} */
    const lines = [];
    /** @type {number[]} */
    const rows = [];
    let top = 0;
    /**
     * @param {string | null} group
     * @param {number} from
     * @param {number} to
     */
    const addRows = (group, from, to) => {
      for (let p = from; p < to; p += cols) {
        rows.push(lines.length);
        lines.push({ head: false, group, later: false, count: 0, from: p, to: Math.min(to, p + cols), top, h: rowH });
        top += rowH;
      }
    };
    const g = this.opts.groups;
    if (g && this.group && !flow) {
      let p = 0;
      for (const [r, key] of g.order.entries()) {
        const end = p + this.groupCounts[r];
        if (end === p) continue;
        const later = lines.length > 0;
        lines.push({ head: true, group: key, later, count: end - p, from: p, to: p, top, h: later ? laterH : headH });
        top += later ? laterH : headH;
        addRows(key, p, end);
        p = end;
      }
    } else addRows(null, 0, this.order.length);
    this.lines = lines;
    this.rowLines = Int32Array.from(rows);
    if (this.opts.rows) {
      this.root.setAttribute('aria-rowcount', String(lines.length));
      this.root.setAttribute('aria-colcount', String(cols));
    }
  }

  /**
   * @param {string | null} name
   * @returns {name is string}
   */
  isShown(name) {
    return this.posOfName(name) >= 0;
  }

  /**
   * The position of a shown tile, or -1.
   * @param {string | null} name
   */
  posOfName(name) {
    const i = name === null ? undefined : this.index.get(name);
    return i === undefined ? -1 : this.posOfIndex(i);
  }

  /**
   * The index in rowLines of the row holding position p.
   * @param {number} p
   */
  rowOf(p) {
    const rows = this.rowLines;
    let lo = 0;
    let hi = rows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lines[rows[mid]].from <= p) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** @param {number} p */
  lineOf(p) {
    return this.rowLines[this.rowOf(p)];
  }

  /**
   * The last line whose top is at or above y.
   * @param {number} y
   */
  lineAt(y) {
    const lines = this.lines;
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid].top <= y) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The height of the view: the root's scroll box (a hidden one: a guess), at most the window's. */
  viewH() {
    return Math.min(this.root.clientHeight || 600, innerHeight || 600);
  }

  /**
   * The window of lines to draw for a scroll position.
   * @param {number} top the root's scrollTop
   * @returns {[number, number]}
   */
  range(top) {
    const n = this.lines.length;
    if (!n) return [0, 0];
    if (this.paper) {
      if (!this.virtual) return [0, n];
      return [0, this.lineOf(Math.min(this.shown, PRINT_MAX) - 1) + 1];
    }
    if (!this.virtual) return [0, n];
    const H = this.viewH();
    const y = top - this.pad.top;
    return [this.lineAt(y - H / 2), Math.min(n, this.lineAt(y + 1.5 * H) + 1)];
  }

  /**
   * The active tile's row when it is outside the window (it stays in the DOM, out of the flow), else -1.
   * @param {number} a
   * @param {number} b
   */
  pinLine(a, b) {
    if (!this.keys || this.paper) return -1;
    const p = this.posOfName(this.active);
    if (p < 0) return -1;
    const l = this.lineOf(p);
    return l < a || l >= b ? l : -1;
  }

  /**
   * Draws the window for the scroll position (after a change of the model:
   * everything again), measures, and draws again if a height or the columns
   * were not what the model assumed.
   * @param {{rebuild?: boolean, reveal?: number, anchor?: {pos: number, dy: number} | null}} [how]
   *   rebuild: the lines changed; reveal: scroll that position into view;
   *   anchor: keep that position at that offset from the view's top when the lines change
   */
  render(how = {}) {
    // the page prints: a grid on paper draws every row (a hidden one, as on screen)
    this.paper = printing && this.root.getClientRects().length > 0;
    let rebuild = Boolean(how.rebuild);
    for (let pass = 0; pass < 3; pass++) {
      /** @type {number | null} */
      let want = null;
      if (how.reveal !== undefined && how.reveal >= 0) want = this.revealTop(how.reveal);
      else if (how.anchor && (rebuild || pass > 0)) want = this.anchorTop(how.anchor);
      const [a, b] = this.range(Math.min(want ?? this.root.scrollTop, this.maxTop()));
      const pin = this.pinLine(a, b);
      if (rebuild || a !== this.win[0] || b !== this.win[1] || pin !== this.pin) this.sync(a, b, pin, rebuild);
      if (want !== null && Math.abs(this.root.scrollTop - want) > 0.5) this.root.scrollTop = want;
      if (!this.measure()) return;
      this.relines();
      rebuild = true;
    }
  }

  /**
   * The scrollTop that shows position p (with its group's header when it is
   * the group's first row), or null when it is in view already.
   * @param {number} p
   */
  revealTop(p) {
    const H = this.root.clientHeight;
    if (!H || !this.lines.length) return null;
    const l = this.lineOf(p);
    const line = this.lines[l];
    const first = l > 0 && this.lines[l - 1].head ? this.lines[l - 1] : line;
    const top = l === 0 || first === this.lines[0] ? 0 : this.pad.top + first.top;
    const bottom = this.pad.top + line.top + line.h;
    const st = this.root.scrollTop;
    if (top < st) return top;
    if (bottom > st + H) return Math.min(top, bottom - H);
    return null;
  }

  /** The largest scrollTop of the lines as the model has them. */
  maxTop() {
    const n = this.lines.length;
    const total = n ? this.lines[n - 1].top + this.lines[n - 1].h : 0;
    return Math.max(0, this.pad.top + total + this.pad.bottom - this.root.clientHeight);
  }

  /** The first tile of the row at the top of the view (a header's: the row below it) and the row's offset there (null at the top). */
  anchorNow() {
    const st = this.root.scrollTop;
    if (st <= 0 || !this.lines.length) return null;
    let i = this.lineAt(st - this.pad.top);
    if (this.lines[i].head && i + 1 < this.lines.length) i++;
    const line = this.lines[i];
    return { pos: line.from, dy: this.pad.top + line.top - st };
  }

  /** @param {{pos: number, dy: number}} anchor */
  anchorTop(anchor) {
    if (!this.lines.length || anchor.pos >= this.shown) return null;
    return Math.max(0, this.pad.top + this.lines[this.lineOf(anchor.pos)].top - anchor.dy);
  }

  /** The view scrolled: draw when it nears the window's edge. */
  scrolled() {
    if (!this.virtual || this.paper || !this.lines.length) return;
    const H = this.viewH();
    const y = this.root.scrollTop - this.pad.top;
    const a = this.lineAt(y - H / 8);
    const b = this.lineAt(y + H + H / 8) + 1;
    if (a >= this.win[0] && b <= this.win[1]) return;
    this.render();
  }

  /** The root's size changed: other columns (kept at the same tile), or another height of view. */
  resized() {
    const w = this.root.clientWidth;
    const h = this.root.clientHeight;
    if (w === this.seen.w && h === this.seen.h) return; // only what it holds changed
    this.seen = { w, h };
    if (!this.lines.length) return;
    const anchor = this.anchorNow();
    if (!this.flow) {
      const cols = this.rowCols();
      if (cols !== this.cols) {
        this.cols = cols;
        this.relines();
        this.render({ rebuild: true, anchor });
        return;
      }
    }
    this.render({ anchor });
  }

  /**
   * The name of the cell that has the focus, if one of this grid's has it.
   * @returns {string | null}
   */
  focusedName() {
    const doc = /** @type {Document | ShadowRoot} */ (this.root.getRootNode());
    const el = doc.activeElement;
    return el instanceof HTMLElement && this.root.contains(el) && el.dataset.node !== undefined ? el.dataset.node : null;
  }

  /** Everything out of the DOM (another density: other cells). */
  clear() {
    this.root.replaceChildren();
    for (const d of this.drawn.values()) {
      if (d.pinned) this.unpin(d);
      if (d.el) this.spareRows.push(d.el);
    }
    this.drawn.clear();
    this.groupEls.clear();
    this.cells.releaseAll();
    this.win = [0, 0];
    this.pin = -1;
  }

  /**
   * Puts lines a..b-1 (and the pinned line) in the DOM: the lines already
   * there stay (with their cells, so the focus stays), the others come and
   * go; with `rebuild` (the model changed) a line stays only where it shows
   * the same tiles, repainted where their look changed, and the focused tile
   * keeps the focus.
   * @param {number} a
   * @param {number} b
   * @param {number} pin
   * @param {boolean} rebuild
   */
  sync(a, b, pin, rebuild) {
    const focused = rebuild ? this.focusedName() : null;
    for (const sp of this.spacers) sp?.remove();
    for (const [i, d] of [...this.drawn]) {
      if (!((i >= a && i < b) || i === pin) || (rebuild && !this.same(i, d))) this.drop(i, d);
    }
    if (rebuild) for (const [i, d] of this.drawn) this.refresh(i, d);
    for (let i = b - 1; i >= a; i--) if (!this.drawn.has(i)) this.draw(i);
    if (pin >= 0 && !this.drawn.has(pin)) this.draw(pin);
    for (const [i, d] of this.drawn) {
      if (i === pin) this.pinAt(i, d);
      else if (d.pinned) this.unpin(d);
    }
    this.win = [a, b];
    this.pin = pin;
    // the lines above and below the window: an empty element each, as high (in flow layout, the gap before it counted)
    const lines = this.lines;
    const end = (/** @type {number} */ i) => lines[i].top + lines[i].h;
    const far = this.virtual && !this.paper && a < b;
    const gap = this.flow ? this.size.gapY : 0;
    this.spacer(0, far ? lines[a].top - gap : 0);
    this.spacer(1, far ? end(lines.length - 1) - end(b - 1) - gap : 0);
    this.cells.trim();
    this.printNote(b);
    if (focused) {
      const el = this.cells.get(focused);
      if (el && /** @type {Document | ShadowRoot} */ (this.root.getRootNode()).activeElement !== el) el.focus({ preventScroll: true });
    }
  }

  /**
   * The spacer above (0) or below (1) the window, `px` high (none when 0).
   * @param {0 | 1} k
   * @param {number} px
   */
  spacer(k, px) {
    if (px <= 0) return;
    const el = this.spacers[k] ??= h(this.flow ? this.cells.tag : 'div', { class: 'vspace', 'aria-hidden': 'true' });
    el.style.height = `${px}px`;
    if (k === 0) this.root.prepend(el);
    else this.root.append(el);
  }

  /**
   * Line i still shows what `d` was drawn for.
   * @param {number} i
   * @param {Drawn} d
   */
  same(i, d) {
    const line = this.lines[i];
    if (line.head !== d.head || line.group !== d.group) return false;
    if (line.head) return true;
    if (d.names.length !== line.to - line.from) return false;
    for (let k = 0; k < d.names.length; k++) if (d.names[k] !== this.tiles[this.order[line.from + k]].name) return false;
    return true;
  }

  /**
   * A line that stays after a change of the model: its cells repainted where
   * their look changed, the tab stop and the selection again; a header again.
   * @param {number} i
   * @param {Drawn} d
   */
  refresh(i, d) {
    const line = this.lines[i];
    if (!d.el) {
      this.cellsOf(line.from, line.to);
      return;
    }
    const g = this.opts.groups;
    if (line.head) {
      d.el.className = line.later ? 'ghead later' : 'ghead';
      if (g && line.group !== null) d.el.replaceChildren(g.head(line.group, line.count, this.cols));
    } else this.cellsOf(line.from, line.to);
  }

  /**
   * On paper, a virtual grid says how many tiles it leaves out.
   * @param {number} b the end of the window
   */
  printNote(b) {
    const printed = b > 0 ? this.lines[b - 1].to : 0;
    if (this.paper && this.virtual && printed < this.shown) {
      this.note ??= h('p', { class: 'print-note' });
      this.note.textContent = t('grid.printNote', { printed, shown: this.shown });
      if (this.note.previousElementSibling !== this.root) this.root.after(this.note);
    } else this.note?.remove();
  }

  /**
   * The cells of positions from..to-1, painted, with the grid's attributes.
   * @param {number} from
   * @param {number} to
   */
  cellsOf(from, to) {
    const out = [];
    for (let p = from; p < to; p++) {
      const tile = this.tiles[this.order[p]];
      const el = this.cells.take(tile);
      if (this.role) {
        const tab = tile.name === this.active ? 0 : -1;
        if (el.tabIndex !== tab) el.tabIndex = tab;
        const sel = String(tile.name === this.selected);
        if (el.getAttribute('aria-selected') !== sel) el.setAttribute('aria-selected', sel);
      }
      if (this.flow) {
        el.setAttribute('aria-posinset', String(p + 1));
        el.setAttribute('aria-setsize', String(this.shown));
      }
      out.push(el);
    }
    return out;
  }

  /**
   * Puts line i in the DOM, in order.
   * @param {number} i
   */
  draw(i) {
    const line = this.lines[i];
    /** @type {number | undefined} the next line in the DOM (of the same group); usually i + 1, drawn just before */
    let next = this.drawn.has(i + 1) && (this.flow || this.lines[i + 1].group === line.group) ? i + 1 : undefined;
    if (next === undefined) {
      for (const j of this.drawn.keys()) {
        if (j > i && (next === undefined || j < next) && (this.flow || this.lines[j].group === line.group)) next = j;
      }
    }
    const after = next === undefined ? null : /** @type {Drawn} */ (this.drawn.get(next));
    const cells = line.head ? [] : this.cellsOf(line.from, line.to);
    const names = cells.map((c) => c.dataset.node ?? '');
    if (this.flow) {
      const before = after ? after.cells[0] : null;
      for (const c of cells) this.root.insertBefore(c, before);
      this.drawn.set(i, { el: null, cells, head: false, group: null, names, pinned: false });
      return;
    }
    const row = this.spareRows.pop() ?? h('div', { role: 'row' });
    row.className = line.head ? (line.later ? 'ghead later' : 'ghead') : 'row';
    row.setAttribute('aria-rowindex', String(i + 1));
    const g = this.opts.groups;
    if (line.head && g && line.group !== null) row.replaceChildren(g.head(line.group, line.count, this.cols));
    else row.replaceChildren(...cells);
    this.rowgroup(line.group).insertBefore(row, after ? after.el : null);
    this.drawn.set(i, { el: row, cells, head: line.head, group: line.group, names, pinned: false });
  }

  /**
   * The rowgroup of a group (made, in the groups' order, when missing).
   * @param {string | null} group
   */
  rowgroup(group) {
    const key = group ?? 'all';
    let el = this.groupEls.get(key);
    if (el) return el;
    el = h('div', { role: 'rowgroup', class: 'group', 'data-group': key });
    const order = this.opts.groups?.order ?? [];
    const rank = order.indexOf(key);
    /** @type {HTMLElement | null} the rowgroup of the next group in the DOM */
    let before = null;
    let best = Infinity;
    for (const [k, other] of this.groupEls) {
      const r = order.indexOf(k);
      if (r > rank && r < best) [before, best] = [other, r];
    }
    this.root.insertBefore(el, before);
    this.groupEls.set(key, el);
    return el;
  }

  /**
   * Takes line i out of the DOM; its cells become spares.
   * @param {number} i
   * @param {Drawn} d
   */
  drop(i, d) {
    if (d.pinned) this.unpin(d);
    if (d.el) {
      const parent = d.el.parentElement;
      d.el.remove();
      this.spareRows.push(d.el);
      if (parent && !parent.firstChild) {
        parent.remove();
        this.groupEls.delete(parent.dataset.group ?? '');
      }
    } else for (const c of d.cells) c.remove();
    for (const c of d.cells) if (c.dataset.node !== undefined) this.cells.release(c.dataset.node);
    this.drawn.delete(i);
  }

  /**
   * Line i, outside the window, out of the flow at its place.
   * @param {number} i
   * @param {Drawn} d
   */
  pinAt(i, d) {
    const line = this.lines[i];
    const top = `${this.pad.top + line.top}px`;
    d.pinned = true;
    if (d.el) {
      d.el.classList.add('pinned');
      d.el.style.top = top;
      return;
    }
    d.cells.forEach((c, k) => {
      c.classList.add('pinned');
      c.style.top = top;
      c.style.left = `${this.pad.left + k * (this.size.cellW + this.size.gapX)}px`;
    });
  }

  /** @param {Drawn} d */
  unpin(d) {
    d.pinned = false;
    for (const el of d.el ? [d.el] : d.cells) {
      el.classList.remove('pinned');
      el.style.removeProperty('top');
      el.style.removeProperty('left');
    }
  }

  /**
   * Reads the heights, the padding and (flow layout) the columns from the
   * DOM; true when the lines must be made again.
   * @returns {boolean}
   */
  measure() {
    const root = this.root;
    if (!root.isConnected || !root.clientWidth) return false;
    const cs = getComputedStyle(root);
    this.pad = { top: parseFloat(cs.paddingTop), bottom: parseFloat(cs.paddingBottom), left: parseFloat(cs.paddingLeft), right: parseFloat(cs.paddingRight) };
    let changed = false;
    /**
     * @param {'row' | 'head' | 'later' | 'cellW' | 'gapX' | 'gapY'} k
     * @param {number} v
     */
    const set = (k, v) => {
      if (v > 0 && Math.abs(this.size[k] - v) > 0.01) {
        this.size[k] = v;
        changed = true;
      }
    };
    if (!this.flow) {
      /** @type {Set<string>} */
      const seen = new Set();
      for (const [i, d] of this.drawn) {
        const line = this.lines[i];
        const kind = line.head ? (line.later ? 'later' : 'head') : 'row';
        if (d.pinned || !d.el || seen.has(kind)) continue;
        seen.add(kind);
        set(kind, d.el.getBoundingClientRect().height);
      }
      return changed;
    }
    let first = null;
    for (let i = this.win[0]; i < this.win[1] && !first; i++) first = this.drawn.get(i)?.cells[0] ?? null;
    if (!first) return false;
    const gapX = parseFloat(cs.columnGap) || 0;
    const gapY = parseFloat(cs.rowGap) || 0;
    const r = first.getBoundingClientRect();
    this.size.gapX = gapX;
    set('gapY', gapY);
    set('cellW', r.width);
    set('row', r.height + gapY);
    // the columns: as many cells as the width holds, unless the drawn cells wrapped otherwise
    const fit = Math.max(1, Math.floor((root.clientWidth - this.pad.left - this.pad.right + gapX) / (r.width + gapX)));
    const inFlow = [];
    for (let i = this.win[0]; i < this.win[1] && inFlow.length <= fit + 1; i++) inFlow.push(...(this.drawn.get(i)?.cells ?? []));
    let same = 0;
    while (same < inFlow.length && inFlow[same].offsetTop === first.offsetTop) same++;
    const cols = same < inFlow.length ? same : Math.max(fit, same);
    if (cols !== this.cols) {
      this.cols = cols;
      changed = true;
    }
    return changed;
  }

  /**
   * One tab stop: the active tile (kept in the DOM).
   * @param {string} name
   * @param {boolean} focus
   */
  setActive(name, focus) {
    const prev = this.cells.get(this.active);
    if (prev) prev.tabIndex = -1;
    this.active = name;
    this.render();
    const c = this.cells.get(name);
    if (c) {
      c.tabIndex = 0;
      if (focus) c.focus();
    }
  }

  /**
   * Marks `name` as the chosen tile (and tells the view when `notify`).
   * @param {string | null} name
   * @param {boolean} notify
   * @param {boolean} [reveal] a virtual grid scrolls to it (a full one stays as it is: the tile is in the DOM)
   */
  choose(name, notify, reveal = false) {
    const prev = this.cells.get(this.selected);
    if (prev) prev.setAttribute('aria-selected', 'false');
    this.selected = name;
    const p = this.posOfName(name);
    if (name !== null && p >= 0) {
      if (reveal && this.virtual) this.render({ reveal: p });
      this.setActive(name, false);
    }
    this.cells.get(name)?.setAttribute('aria-selected', 'true');
    if (notify && name !== null) this.opts.onSelect?.(name);
  }

  /**
   * The cell an event happened in.
   * @param {EventTarget | null} target
   * @returns {HTMLElement | null}
   */
  cellOf(target) {
    return target instanceof Element ? target.closest(`[role=${this.role}]`) : null;
  }

  /** @param {KeyboardEvent} e */
  key(e) {
    const c = this.cellOf(e.target);
    if (!c || c.dataset.node === undefined) return;
    const p = this.posOfName(c.dataset.node);
    if (p < 0) return;
    const rows = this.rowLines;
    const lines = this.lines;
    /** @param {number} k */
    const len = (k) => lines[rows[k]].to - lines[rows[k]].from;
    let r = this.rowOf(p);
    let i = p - lines[rows[r]].from;
    const last = rows.length - 1;
    const list = this.keys === 'listbox';
    switch (e.key) {
      case 'ArrowRight':
        if (i < len(r) - 1) i++;
        else if (r < last) [r, i] = [r + 1, 0];
        break;
      case 'ArrowLeft':
        if (i > 0) i--;
        else if (r > 0) [r, i] = [r - 1, len(r - 1) - 1];
        break;
      case 'ArrowDown':
        if (r < last) r++;
        else if (list) i = len(r) - 1;
        break;
      case 'ArrowUp':
        if (r > 0) r--;
        else if (list) i = 0;
        break;
      case 'PageDown': if (list) return; r = Math.min(last, r + PAGE_ROWS); break;
      case 'PageUp': if (list) return; r = Math.max(0, r - PAGE_ROWS); break;
      case 'Home': if (e.ctrlKey || list) r = 0; i = 0; break;
      case 'End': if (e.ctrlKey || list) r = last; i = len(r) - 1; break;
      case 'Enter':
      case ' ':
        e.preventDefault();
        this.choose(c.dataset.node, true);
        return;
      default:
        return;
    }
    e.preventDefault();
    const to = lines[rows[r]].from + Math.min(i, len(r) - 1);
    this.render({ reveal: to });
    this.setActive(this.tiles[this.order[to]].name, true);
  }
}
