// Small pieces of worded output that several views use: code, plain
// numbers in placeholders, lists of node names and of tolerations.
import { h } from './dom.js';
import { t, num, list } from '../i18n/index.js';
import * as fmt from './format.js';

/** @typedef {import('../pkg/daemonset_sim.js').Toleration} Toleration */

/** How many names a list shows before "and N more". */
export const LIST_MAX = 6;

/** @param {string} s */
export const code = (s) => h('code', null, s);

/**
 * A number as plain text in a tx() placeholder (which otherwise makes code).
 * @param {number} v
 */
export const plain = (v) => document.createTextNode(num(v));

/**
 * `a, b, c, and 3 more` (`a、b、c和其他 3 個`) with the names as code,
 * joined as the page's language joins a list.
 * @param {string[]} names
 * @param {number} [max]
 */
export function nameList(names, max = LIST_MAX) {
  /** @type {(string | HTMLElement)[]} */
  const items = names.slice(0, max).map(code);
  if (names.length > max) items.push(t('list.more', { count: names.length - max }));
  return h('span', null, list(items));
}

/**
 * Tolerations as kubectl describes them, one per line.
 * @param {Toleration[]} tols
 */
export const tolList = (tols) => h('ul', { class: 'tols' }, tols.map((x) => h('li', null, code(fmt.toleration(x)))));
