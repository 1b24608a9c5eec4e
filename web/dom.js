// DOM building without innerHTML: every string becomes a text node.

/**
 * h('div', {class: 'x', 'aria-label': 'y', onclick: fn}, 'text', child, [more])
 * Attributes are set with setAttribute (never `style`); `on*` functions
 * become listeners; strings and numbers become text nodes.
 */
export function h(tag, attrs, ...children) {
  const el = tag.includes(':svg') ? document.createElementNS('http://www.w3.org/2000/svg', tag.split(':')[0]) : document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'text') el.textContent = v;
      else if (k === 'style') throw new Error('no inline style');
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.append(c);
    else el.append(document.createTextNode(String(c)));
  }
}

export const $ = (sel, root = document) => root.querySelector(sel);

export function clear(el) {
  el.replaceChildren();
  return el;
}

/** Bytes as people read them (KB / MB). */
export function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
