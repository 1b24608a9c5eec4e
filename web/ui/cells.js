// The shared cell builder of the node grids: one element per node, keyed by
// the node's name and reused from render to render; a cell is repainted
// only when its `sig` (everything its look depends on) changes.
import { h } from './dom.js';

/**
 * One node as a grid shows it.
 * @typedef {object} Tile
 * @property {string} name the node (the cell's data-node)
 * @property {string} sig everything the cell's look depends on: a new sig repaints it
 * @property {string} [group] its group (grids grouped or filtered by it)
 * @property {string} [search] what a search matches, in lower case
 */

/**
 * Draws a cell: its attributes and, unless `dense`, its content. A dense
 * cell (thousands of nodes) is one element without children: its name is in
 * its aria-label and title.
 * @template {Tile} T
 * @callback Paint
 * @param {HTMLElement} el
 * @param {T} tile
 * @param {boolean} dense
 * @returns {void}
 */

/** @template {Tile} T */
export class Cells {
  /**
   * @param {{tag?: 'div' | 'li', attrs?: import('./dom.js').Attrs, paint: Paint<T>}} opts
   *   the cell element, the attributes it is made with (besides data-node), how to paint it
   */
  constructor({ tag = 'div', attrs = {}, paint }) {
    this.tag = tag;
    this.attrs = attrs;
    this.paint = paint;
    /** @type {Map<string, {el: HTMLElement, sig: string | null}>} */
    this.map = new Map();
    this.dense = false;
  }

  /**
   * The cells of `tiles`, in their order: made when a name is first seen,
   * repainted when its sig changed. Cells of names not in `tiles` are
   * forgotten; a change of density starts afresh.
   * @param {T[]} tiles
   * @param {boolean} dense
   * @returns {HTMLElement[]}
   */
  update(tiles, dense) {
    if (dense !== this.dense) this.map.clear();
    this.dense = dense;
    const seen = new Set();
    const out = tiles.map((tile) => {
      seen.add(tile.name);
      let c = this.map.get(tile.name);
      if (!c) {
        c = { el: h(this.tag, { ...this.attrs, 'data-node': tile.name }), sig: null };
        this.map.set(tile.name, c);
      }
      if (c.sig !== tile.sig) {
        c.sig = tile.sig;
        this.paint(c.el, tile, dense);
      }
      return c.el;
    });
    for (const name of [...this.map.keys()]) if (!seen.has(name)) this.map.delete(name);
    return out;
  }

  /** @param {string | null} name */
  get(name) {
    return name === null ? undefined : this.map.get(name)?.el;
  }

  /** @param {string} name */
  has(name) {
    return this.map.has(name);
  }

  /** Every cell is repainted at the next update (the language changed). */
  forget() {
    for (const c of this.map.values()) c.sig = null;
  }
}
