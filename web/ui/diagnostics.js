// A problem in the input as a list item (editors, the Rollout tab's edited
// copy, the Status tab): its kind, where it is, the API server's words.
import { h } from './dom.js';
import { t } from '../i18n/index.js';

/** @typedef {import('./dom.js').Child} Child */
/** @typedef {'error' | 'warning'} Severity */

/**
 * Where a diagnostic is: "line 3, column 5", or "line 3".
 * @param {{line: number | null, column: number | null}} d
 */
export const at = (d) => t(d.column ? 'diag.at' : 'diag.atLine', { line: d.line, column: d.column });

/**
 * `line 3, column 5: ` as a span, or null without a line.
 * @param {{line: number | null, column: number | null}} d
 */
export const located = (d) => (d.line ? h('span', null, at(d), ': ') : null);

/**
 * <li class="diag error"><span class="diag-kind">Error</span>{lead}<span class="diag-msg">{text}</span></li>
 * @param {Severity} severity
 * @param {string} text the message (fmt.diagnostic)
 * @param {Child} lead what comes between the kind and the message
 * @param {import('./dom.js').Attrs} [attrs] more attributes of the item
 */
export function diagItem(severity, text, lead, attrs = {}) {
  return h('li', { class: `diag ${severity}`, ...attrs },
    h('span', { class: 'diag-kind' }, t(severity === 'error' ? 'diag.error' : 'diag.warning')),
    lead, h('span', { class: 'diag-msg' }, text));
}
