// DOM building without innerHTML: every string becomes a text node.

/** @typedef {string | number | Node | null | undefined | false | Child[]} Child */
/** @typedef {Record<string, string | number | boolean | null | undefined | EventListener>} Attrs */

/**
 * h('div', {class: 'x', 'aria-label': 'y', onclick: fn}, 'text', child, [more])
 * Attributes are set with setAttribute (never `style`); `on*` functions
 * become listeners; strings and numbers become text nodes.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs | null} [attrs]
 * @param {Child[]} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'text') el.textContent = String(v);
      else if (k === 'style') throw new Error('no inline style');
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

/**
 * @param {Element} el
 * @param {Child[]} children
 */
function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.append(c);
    else el.append(document.createTextNode(String(c)));
  }
}

/**
 * The element for a selector of the page's own markup (which is always there).
 * @param {string} sel
 * @param {ParentNode} [root]
 * @returns {HTMLElement}
 */
export const $ = (sel, root = document) => /** @type {HTMLElement} */ (root.querySelector(sel));

/**
 * Counts one more of something on <html data-NAME> (the e2e tests wait on
 * `evaluations`, `rollouts`, `comparisons`).
 * @param {string} name
 */
export function bump(name) {
  const d = document.documentElement.dataset;
  d[name] = String(Number(d[name] || 0) + 1);
}

/**
 * Makes a box that scrolls sideways reachable by keyboard (WCAG 2.1.1, axe's
 * scrollable-region-focusable): it is a tab stop while its content is wider
 * than it, and only then. Watches the box and its content for size changes.
 */
const overflow = typeof ResizeObserver === 'function'
  ? new ResizeObserver((entries) => {
    for (const e of entries) {
      const box = e.target.classList.contains('table-wrap') ? e.target : e.target.parentElement;
      if (!(box instanceof HTMLElement)) continue;
      if (box.scrollWidth > box.clientWidth + 1) box.tabIndex = 0;
      else box.removeAttribute('tabindex');
    }
  })
  : null;

/**
 * A `.table-wrap` box (a table that may scroll sideways on a narrow screen)
 * that is a tab stop whenever it does scroll.
 * @param {Attrs | null} attrs its attributes (the class table-wrap is added)
 * @param {...Child} children
 * @returns {HTMLElement}
 */
export function scrollBox(attrs, ...children) {
  const el = h('div', { ...attrs, class: `${attrs?.class ? `${attrs.class} ` : ''}table-wrap` }, ...children);
  if (overflow) {
    overflow.observe(el);
    for (const c of el.children) overflow.observe(c);
  }
  return el;
}
