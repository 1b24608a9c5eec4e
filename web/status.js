// The `kubectl get ds` counters and the Status tab.
import { h } from './dom.js';
import { t, tx, num } from './i18n.js';
import { STATES } from './grid.js';
import * as fmt from './format.js';

const COLS = [
  ['DESIRED', 'desiredNumberScheduled'],
  ['CURRENT', 'currentNumberScheduled'],
  ['READY', 'numberReady'],
  ['UP-TO-DATE', 'updatedNumberScheduled'],
  ['AVAILABLE', 'numberAvailable'],
];

/** The `kubectl get ds` table (NAME ... NODE SELECTOR). */
export function countsTable(report) {
  const s = report.status;
  const name = report.daemonSet ? report.daemonSet.name : '';
  return h('div', { class: 'getds' },
    h('div', { class: 'table-wrap' }, h('table', { class: 'kubectl-table', lang: 'en' },
      h('caption', null, h('code', null, 'kubectl get ds'), report.daemonSet ? h('code', null, ` -n ${report.daemonSet.namespace}`) : null),
      h('thead', null, h('tr', null, ['NAME', ...COLS.map((c) => c[0]), 'NODE SELECTOR'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, h('tr', null, h('td', null, name), COLS.map(([c, k]) => h('td', { 'data-col': c }, String(s[k]))), h('td', null, report.nodeSelector))))),
    h('p', { class: 'basis' }, t(s.basis === 'observed' ? 'counts.observed' : 'counts.projected')));
}

function describe(report) {
  const ds = report.daemonSet || { name: '', namespace: '' };
  const s = report.status;
  const lines = [
    ['Name:', ds.name],
    ['Namespace:', ds.namespace],
  ];
  if (report.selector !== undefined) lines.push(['Selector:', report.selector || '<none>']);
  lines.push(['Node-Selector:', report.nodeSelector]);
  lines.push(['Desired Number of Nodes Scheduled:', s.desiredNumberScheduled]);
  lines.push(['Current Number of Nodes Scheduled:', s.currentNumberScheduled]);
  lines.push(['Number of Nodes Scheduled with Up-to-date Pods:', s.updatedNumberScheduled]);
  lines.push(['Number of Nodes Scheduled with Available Pods:', s.numberAvailable]);
  lines.push(['Number of Nodes Misscheduled:', s.numberMisscheduled]);
  const us = report.updateStrategy;
  if (us) {
    const ru = us.rollingUpdate;
    lines.push(['Update Strategy:', us.type + (ru ? ` (maxUnavailable: ${ru.maxUnavailable ?? '-'}, maxSurge: ${ru.maxSurge ?? '-'})` : '')]);
  }
  // The template's own tolerations are not in the report yet (report.tolerations
  // is shown when the engine provides it); the automatic ones are listed below.
  const tols = report.tolerations ? [...report.tolerations, ...(report.autoTolerations || [])] : [];
  tols.forEach((tol, i) => lines.push([i === 0 ? 'Tolerations:' : '', fmt.toleration(tol)]));
  const text = lines.map(([k, v]) => `${k.length < 16 ? k.padEnd(16) : `${k} `}${v}`).join('\n');
  return h('pre', { class: 'describe', lang: 'en', tabindex: '0' }, h('code', null, text));
}

function counters(report) {
  const s = report.status;
  const rows = [
    ['desiredNumberScheduled', 'status.m.desired'],
    ['currentNumberScheduled', 'status.m.current'],
    ['numberReady', 'status.m.ready'],
    ['updatedNumberScheduled', 'status.m.updated'],
    ['numberAvailable', 'status.m.available'],
    ['numberMisscheduled', 'status.m.misscheduled'],
    ['numberUnavailable', 'status.m.unavailable'],
  ];
  return h('div', { class: 'table-wrap' }, h('table', { class: 'counters' },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('status.counter')), h('th', { scope: 'col' }, t('status.value')), h('th', { scope: 'col' }, t('status.meaning')))),
    h('tbody', null, rows.map(([k, m]) => h('tr', null, h('th', { scope: 'row' }, h('code', null, `status.${k}`)), h('td', { 'data-counter': k }, num(s[k])), h('td', null, t(m)))))));
}

function strategy(report) {
  const out = [];
  const us = report.updateStrategy;
  if (us && us.type === 'OnDelete') out.push(h('p', null, t('status.onDelete')));
  else if (report.rolloutError) out.push(h('p', { class: 'bad-text' }, tx('status.rolloutError', { error: report.rolloutError })));
  else if (report.controllerMaxUnavailable !== null && report.controllerMaxUnavailable !== undefined) {
    out.push(h('p', null, tx('status.rollout', { unavailable: num(report.controllerMaxUnavailable), surge: num(report.controllerMaxSurge ?? 0) })));
  }
  return out;
}

function tolerations(report) {
  const out = [];
  if (report.tolerations && report.tolerations.length) {
    out.push(h('p', null, t('status.userTols')), h('ul', { class: 'tols' }, report.tolerations.map((x) => h('li', null, h('code', null, fmt.toleration(x))))));
  }
  if (report.autoTolerations && report.autoTolerations.length) {
    out.push(h('p', null, t('status.autoTols')), h('ul', { class: 'tols' }, report.autoTolerations.map((x) => h('li', null, h('code', null, fmt.toleration(x))))));
  }
  return out;
}

/** problems: [{severity, where, text}] from both editors. */
function problems(list) {
  if (!list.length) return h('p', null, t('status.noProblems'));
  return h('ul', { class: 'problems' }, list.map((d) => h('li', { class: `diag ${d.severity}` },
    h('span', { class: 'diag-kind' }, t(d.severity === 'error' ? 'diag.error' : 'diag.warning')), ' ',
    d.editor ? h('span', null, `${d.editor}, `) : null,
    d.line ? h('span', null, t(d.column ? 'diag.at' : 'diag.atLine', { line: d.line, column: d.column }), ': ') : null,
    h('span', { class: 'diag-msg' }, d.text))));
}

export function renderStatus(root, report, problemList) {
  if (!report) {
    root.replaceChildren(h('p', { class: 'empty' }, t('status.none')), h('h3', null, t('status.problems')), problems(problemList));
    return;
  }
  const c = report.counts;
  const counts = { scheduled: c.scheduled, pending: c.pending, excluded: c.excluded, 'keeps-existing': c.keepsExisting };
  root.replaceChildren(
    h('h2', null, t('status.heading')),
    countsTable(report),
    h('div', { class: 'status-cols' },
      h('section', null, h('h3', null, t('status.describe')), describe(report), ...strategy(report), ...tolerations(report)),
      h('section', null,
        h('h3', null, t('status.counters')), counters(report),
        h('h3', null, t('status.nodes')),
        h('ul', { class: 'state-list' }, STATES.map((s) => h('li', { 'data-state': s },
          h('span', { class: 'ic', 'aria-hidden': 'true' }), ' ', h('strong', null, t(`state.${s}`)), ` ${num(counts[s])} — ${t(`stateHelp.${s}`)}`))),
        h('h3', null, t('status.problems')), problems(problemList))),
  );
}
