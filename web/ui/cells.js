// The cells of a node grid (ui/node-grid.js): one element per node *shown*,
// not per node. A cell in the DOM is keyed by its node's name; a cell that
// leaves the DOM (scrolled out of a virtual grid, filtered out) is kept as a
// spare and given to the next node that needs one, repainted. A cell is
// repainted only when its node, its `sig` (everything its look depends on)
// or the language changed.
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
 * its aria-label and title. Paint sets everything that depends on the tile
 * (the same element is painted for another node when it is recycled).
 * @template {Tile} T
 * @callback Paint
 * @param {HTMLElement} el
 * @param {T} tile
 * @param {boolean} dense
 * @returns {void}
 */

/** @typedef {{el: HTMLElement, name: string, sig: string | null, gen: number}} Cell */

/** Spare cells kept for reuse (about two screens of dense tiles). */
const SPARE_MAX = 3000;

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
    /** @type {Map<string, Cell>} the cells in the DOM, by node */
    this.live = new Map();
    /** @type {Map<string, Cell>} cells out of the DOM, by the node they last showed (oldest first) */
    this.spare = new Map();
    this.dense = false;
    /** the language's generation: a cell painted in an older one is painted again */
    this.gen = 0;
  }

  /**
   * Cells of another density start afresh (a dense cell has no children).
   * @param {boolean} dense
   */
  setDense(dense) {
    if (dense === this.dense) return;
    this.dense = dense;
    this.live.clear();
    this.spare.clear();
  }

  /**
   * The painted cell of `tile`: the one in the DOM for its node, else the
   * spare that showed it, else any spare, else a new one.
   * @param {T} tile
   * @returns {HTMLElement}
   */
  take(tile) {
    let c = this.live.get(tile.name);
    if (!c) {
      c = this.spare.get(tile.name);
      if (c) this.spare.delete(tile.name);
      else {
        const first = this.spare.entries().next();
        if (!first.done) {
          c = first.value[1];
          this.spare.delete(first.value[0]);
        } else {
          c = { el: h(this.tag, { ...this.attrs }), name: '', sig: null, gen: -1 };
        }
      }
      if (c.name !== tile.name) {
        c.name = tile.name;
        c.sig = null;
        c.el.dataset.node = tile.name;
      }
      this.live.set(tile.name, c);
    }
    if (c.sig !== tile.sig || c.gen !== this.gen) {
      c.sig = tile.sig;
      c.gen = this.gen;
      this.paint(c.el, tile, this.dense);
    }
    return c.el;
  }

  /**
   * The cell of `name` left the DOM (the caller removed it): a spare now.
   * @param {string} name
   */
  release(name) {
    const c = this.live.get(name);
    if (!c) return;
    this.live.delete(name);
    this.spare.delete(name);
    this.spare.set(name, c);
  }

  /** Every cell left the DOM. */
  releaseAll() {
    for (const name of [...this.live.keys()]) this.release(name);
  }

  /** Keeps the newest SPARE_MAX spares. */
  trim() {
    for (const name of this.spare.keys()) {
      if (this.spare.size <= SPARE_MAX) break;
      this.spare.delete(name);
    }
  }

  /**
   * The cell of `name` if it is in the DOM.
   * @param {string | null} name
   */
  get(name) {
    return name === null ? undefined : this.live.get(name)?.el;
  }

  /** Every cell is repainted when next taken (the language changed). */
  forget() {
    this.gen++;
  }
}
