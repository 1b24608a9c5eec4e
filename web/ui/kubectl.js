// What kubectl prints about the DaemonSet, shown on the Coverage and Status tabs.
import { h, scrollBox } from './dom.js';
import { t } from '../i18n/index.js';

/** @typedef {Pick<import('../pkg/daemonset_sim.js').Report, 'status' | 'daemonSet' | 'nodeSelector'>} Report a report (the engine's or the page's): what kubectl get ds shows */

/** @type {[string, 'desiredNumberScheduled' | 'currentNumberScheduled' | 'numberReady' | 'updatedNumberScheduled' | 'numberAvailable'][]} */
const COLS = [
  ['DESIRED', 'desiredNumberScheduled'],
  ['CURRENT', 'currentNumberScheduled'],
  ['READY', 'numberReady'],
  ['UP-TO-DATE', 'updatedNumberScheduled'],
  ['AVAILABLE', 'numberAvailable'],
];

/**
 * The `kubectl get ds` table (NAME ... NODE SELECTOR) and whether its counters are observed or projected.
 * @param {Report} report
 */
export function countsTable(report) {
  const s = report.status;
  const name = report.daemonSet ? report.daemonSet.name : '';
  return h('div', { class: 'getds' },
    scrollBox(null, h('table', { class: 'kubectl-table', lang: 'en' },
      h('caption', null, h('code', null, 'kubectl get ds'), report.daemonSet ? h('code', null, ` -n ${report.daemonSet.namespace}`) : null),
      h('thead', null, h('tr', null, ['NAME', ...COLS.map((c) => c[0]), 'NODE SELECTOR'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, h('tr', null, h('td', null, name), COLS.map(([c, k]) => h('td', { 'data-col': c }, String(s[k]))), h('td', null, report.nodeSelector))))),
    h('p', { class: 'basis' }, t(s.basis === 'observed' ? 'counts.observed' : 'counts.projected')));
}
