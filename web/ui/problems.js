// The errors and warnings of one evaluation, sorted under the editor they
// are about (the page's and the <daemonset-sim> element's editors), each
// once, in the language in force; a `Skipped` warning lists the objects it
// sums up.
import { diagnosticText } from './diagnostics.js';

/** @typedef {import('../views/view.js').Problem} Problem */
/** @typedef {import('../pkg/daemonset_sim.js').Diagnostic} Diagnostic */
/** @typedef {import('../pkg/daemonset_sim.js').Skipped} Skipped */
/** @typedef {import('../engine/engine.js').Evaluation} Evaluation */
/** @typedef {import('../engine/engine.js').PlainError} PlainError */

/**
 * Which editor a diagnostic is about: its source names it, else `fallback`.
 * @param {Diagnostic | PlainError} d
 * @param {'ds' | 'nodes'} fallback
 * @returns {'ds' | 'nodes'}
 */
export function editorOf(d, fallback) {
  const s = String(d.source || '').toLowerCase();
  if (s.includes('node')) return 'nodes';
  if (s.includes('daemon')) return 'ds';
  return fallback;
}

/**
 * @param {Pick<Evaluation, 'report' | 'error' | 'cluster'>} answer
 * @returns {{ds: Problem[], nodes: Problem[]}}
 */
export function sortProblems({ report, error, cluster }) {
  /** @type {{ds: Problem[], nodes: Problem[]}} */
  const diags = { ds: [], nodes: [] };
  const seen = new Set();
  /**
   * @param {Diagnostic | PlainError} d
   * @param {'error' | 'warning'} severity
   * @param {'ds' | 'nodes'} fallback
   * @param {Skipped[]} [skipped] the objects a `Skipped` warning sums up
   */
  const add = (d, severity, fallback, skipped) => {
    const ed = editorOf(d, fallback);
    const text = diagnosticText(d);
    const k = `${ed}|${severity}|${d.line}|${d.column}|${text}`;
    if (seen.has(k)) return;
    seen.add(k);
    /** @type {Problem} */
    const p = { severity, line: d.line ?? null, column: d.column ?? null, text };
    if (d.type === 'Skipped' && skipped && skipped.length) {
      p.more = skipped.map((s) => ({ text: s.name ? `${s.kind} ${s.name}` : s.kind, line: s.line ?? null, column: s.column ?? null }));
    }
    diags[ed].push(p);
  };
  if (cluster) {
    for (const d of cluster.errors || []) add(d, 'error', 'nodes');
    for (const d of cluster.warnings || []) add(d, 'warning', 'nodes', cluster.skipped);
  }
  if (error) add(error, 'error', 'ds');
  if (report) {
    for (const d of report.inputErrors || []) add(d, 'error', 'nodes');
    for (const d of report.errors || []) add(d, 'error', 'ds');
    for (const d of report.warnings || []) add(d, 'warning', 'ds', report.skipped);
  }
  return diags;
}
