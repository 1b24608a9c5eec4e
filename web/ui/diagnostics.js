// A problem in the input as a list item (editors, the Rollout tab's edited
// copy, the Status tab): its kind, where it is, the API server's words.
import { h } from './dom.js';
import { num, t } from '../i18n/index.js';

/** @typedef {import('./dom.js').Child} Child */
/** @typedef {import('../pkg/daemonset_sim.js').Words} Words */
/** @typedef {import('../pkg/daemonset_sim.js').WordArg} WordArg */
/** @typedef {'error' | 'warning'} Severity */

/**
 * A message of the tool's own in the reader's language: `words.<code>`
 * with counts as numbers of the language (their plural forms chosen by t())
 * and lists of counts as `3 ConfigMap` items (joined by `words.listSep`,
 * as the CLI joins them: tests/it/words.rs keeps the two equal). Kubernetes' own words never come here: they stay as Kubernetes
 * prints them.
 * @param {Words} w
 */
export function words(w) {
  /** @type {Record<string, string | number>} */
  const vars = {};
  for (const [k, v] of Object.entries(w.args)) vars[k] = arg(k, v);
  return t(`words.${w.code}`, vars);
}

/**
 * @param {string} name
 * @param {WordArg} v
 */
function arg(name, v) {
  if (typeof v === 'number') return v;
  if (Array.isArray(v)) return v.map(([kind, n]) => t('words.countOf', { n: num(n), kind })).join(t('words.listSep'));
  if (name === 'what') return t(`limitWhat.${v}`);
  return v;
}

/**
 * A diagnostic in the reader's language: the tool's own messages worded
 * (the field path first, as Kubernetes writes it), Kubernetes' own as
 * Kubernetes prints them (a Diagnostic's `message`, a thrown error's
 * `text`); the hint after it, in parentheses.
 * @param {{message?: string, text?: string, field?: string | null, hint?: string | null, words?: Words, hintWords?: Words}} d
 *   a Diagnostic, or a DiagnosticError's fields
 */
export function diagnosticText(d) {
  const main = d.words ? (d.field ? `${d.field}: ` : '') + words(d.words) : (d.text ?? d.message ?? '');
  const hint = d.hintWords ? words(d.hintWords) : d.hint;
  return hint ? `${main} (${hint})` : main;
}

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
 * @param {string} text the message (diagnosticText)
 * @param {Child} lead what comes between the kind and the message
 * @param {import('./dom.js').Attrs} [attrs] more attributes of the item
 * @param {Child} [more] after the message (the list behind a summary)
 */
export function diagItem(severity, text, lead, attrs = {}, more = null) {
  return h('li', { class: `diag ${severity}`, ...attrs },
    h('span', { class: 'diag-kind' }, t(severity === 'error' ? 'diag.error' : 'diag.warning')),
    lead, h('span', { class: 'diag-msg' }, text), more);
}
