// Taking a report away: the whole report as JSON (the object
// `daemonset-sim check --format json` prints), the nodes as CSV (RFC 4180,
// for spreadsheets and scripts: fixed English headers and the engine's
// values), and the nodes as a Markdown table in the page's language (for an
// issue or a chat). Only formatting here: every value is the engine's.
import { t, num } from '../i18n/index.js';
import { STATES, stateCounts } from './states.js';

/** @typedef {import('../pkg/daemonset_sim.js').Report} Report */
/** @typedef {import('../pkg/daemonset_sim.js').NodeReport} NodeReport */

/** The CSV's columns: header and value of a node. @type {[string, (n: NodeReport) => string][]} */
const CSV_COLUMNS = [
  ['node', (n) => n.name],
  ['state', (n) => n.state],
  ['shouldRun', (n) => String(n.shouldRun)],
  ['shouldContinueRunning', (n) => String(n.shouldContinueRunning)],
  ['schedulerFits', (n) => (n.schedulerFits === null ? '' : String(n.schedulerFits))],
  ['failedPlugins', (n) => n.schedulerFailedPlugins.join(' ')],
  ['exclusion', (n) => n.exclusion?.rule ?? ''],
  ['fixes', (n) => n.fixes.map((f) => f.kind).join(' ')],
  ['message', (n) => n.message ?? ''],
  ['labels', (n) => Object.entries(n.labels || {}).map(([k, v]) => `${k}=${v}`).join(' ')],
];

/**
 * A CSV field: quoted when it holds a comma, a quote or a line break (quotes
 * doubled); a text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
 * tab, CR first) gets a leading `'` (OWASP's advice for CSV injection).
 * @param {string} s
 */
export function csvField(s) {
  const v = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * Every node of the report, one CSV record each, CRLF line ends.
 * @param {Report} report
 */
export function reportCsv(report) {
  const lines = [CSV_COLUMNS.map(([head]) => head).join(',')];
  for (const n of report.nodes) lines.push(CSV_COLUMNS.map(([, value]) => csvField(value(n))).join(','));
  return lines.join('\r\n') + '\r\n';
}

/**
 * Text in a Markdown table cell: no cell or line break, no HTML, no
 * emphasis or link syntax taking effect.
 * @param {string} s
 */
export function mdText(s) {
  return s.replace(/[\\`*_[\]<>|#~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '|' ? '\\|' : `\\${c}`)).replace(/\r\n|\r|\n/g, ' ');
}

/**
 * A code span holding `s` whatever backticks it has (CommonMark: a fence
 * longer than its longest run), in a table cell.
 * @param {string} s
 */
export function mdCode(s) {
  const longest = Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s.replace(/\|/g, '\\|').replace(/\r\n|\r|\n/g, ' ')}${pad}${fence}`;
}

/**
 * The report as Markdown in the page's language: the DaemonSet and its
 * counts per state, then a table of the nodes (name, state, what
 * Kubernetes says about the node).
 * @param {Report} report
 */
export function reportMarkdown(report) {
  const ds = report.daemonSet;
  const counts = stateCounts(report);
  const states = STATES.filter((s) => counts[s] > 0).map((s) => `${t(`state.${s}`)} ${num(counts[s])}`);
  const lines = [
    ...(ds ? [`**DaemonSet** ${mdCode(`${ds.namespace}/${ds.name}`)}: ${mdText(t('export.mdNodes', { n: report.nodes.length }))}${states.length ? ` (${mdText(states.join(t('words.listSep')))})` : ''}`, ''] : []),
    `| ${[t('export.col.node'), t('export.col.state'), t('export.col.message')].map(mdText).join(' | ')} |`,
    '| --- | --- | --- |',
    ...report.nodes.map((n) => `| ${mdCode(n.name)} | ${mdText(t(`state.${n.state}`))} | ${mdText(n.message ?? '')} |`),
  ];
  return lines.join('\n') + '\n';
}

/**
 * A file name for the report's downloads: the DaemonSet's name (or
 * `report`), characters a file system refuses replaced.
 * @param {Report} report
 * @param {string} ext
 */
export function fileName(report, ext) {
  const base = report.daemonSet ? report.daemonSet.name : 'report';
  return `${base.replace(/[^\w.-]+/g, '_')}.daemonset-sim.${ext}`;
}

/**
 * Saves `text` as a file the browser downloads (a blob: URL, nothing sent).
 * @param {string} name
 * @param {string} type
 * @param {string} text
 */
export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
