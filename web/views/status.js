// The Status tab: `kubectl get ds` and `kubectl describe ds`, the status
// counters and what they mean, the rollout limits, the tolerations, the
// node states, and every error and warning of both editors.
import { h, scrollBox, fmt, tolList, countsTable, STATES, stateCounts, diagItem, located } from '../ui/index.js';
import { t, tx, num } from '../i18n/index.js';
import { View } from './view.js';

/** @typedef {import('../engine/engine.js').PageReport} Report */
/** @typedef {import('./view.js').ViewContext} ViewContext */
/** @typedef {import('./view.js').Problem} Problem */

/** @param {Report} report */
function describe(report) {
  const ds = report.daemonSet || { name: '', namespace: '' };
  const s = report.status;
  /** @type {[string, string | number][]} */
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
  // The template's own tolerations (when the engine reports them), then the automatic ones.
  const tols = report.tolerations ? [...report.tolerations, ...(report.autoTolerations || [])] : [];
  tols.forEach((tol, i) => lines.push([i === 0 ? 'Tolerations:' : '', fmt.toleration(tol)]));
  const text = lines.map(([k, v]) => `${k.length < 16 ? k.padEnd(16) : `${k} `}${v}`).join('\n');
  return h('pre', { class: 'describe', lang: 'en', tabindex: '0' }, h('code', null, text));
}

/** @type {[Exclude<keyof import('../pkg/daemonset_sim.js').StatusCounts, 'basis'>, string][]} */
const COUNTERS = [
  ['desiredNumberScheduled', 'status.m.desired'],
  ['currentNumberScheduled', 'status.m.current'],
  ['numberReady', 'status.m.ready'],
  ['updatedNumberScheduled', 'status.m.updated'],
  ['numberAvailable', 'status.m.available'],
  ['numberMisscheduled', 'status.m.misscheduled'],
  ['numberUnavailable', 'status.m.unavailable'],
];

/** @param {Report} report */
function counters(report) {
  const s = report.status;
  return scrollBox(null, h('table', { class: 'counters' },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('status.counter')), h('th', { scope: 'col' }, t('status.value')), h('th', { scope: 'col' }, t('status.meaning')))),
    h('tbody', null, COUNTERS.map(([k, m]) => h('tr', null, h('th', { scope: 'row' }, h('code', null, `status.${k}`)), h('td', { 'data-counter': k }, num(s[k])), h('td', null, t(m)))))));
}

/** @param {Report} report */
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

/** @param {Report} report */
function tolerations(report) {
  const out = [];
  if (report.tolerations && report.tolerations.length) out.push(h('p', null, t('status.userTols')), tolList(report.tolerations));
  if (report.autoTolerations && report.autoTolerations.length) out.push(h('p', null, t('status.autoTols')), tolList(report.autoTolerations));
  return out;
}

/**
 * Every error and warning of both editors.
 * @param {Problem[]} list
 */
function problems(list) {
  if (!list.length) return h('p', null, t('status.noProblems'));
  return h('ul', { class: 'problems' }, list.map((d) => diagItem(d.severity, d.text,
    [' ', d.editor ? h('span', null, `${d.editor}, `) : null, located(d)])));
}

export class StatusView extends View {
  constructor() {
    super({ id: 'status', label: 'tab.status' });
    /** @type {HTMLElement | null} */
    this.panel = null;
  }

  /** @param {HTMLElement} panel */
  mount(panel) {
    this.panel = panel;
  }

  /** @param {ViewContext} ctx */
  render(ctx) {
    this.ctx = ctx;
    const root = this.panel;
    if (!root) return;
    const report = ctx.report;
    if (!report) {
      root.replaceChildren(h('p', { class: 'empty' }, t('status.none')), h('h2', null, t('status.problems')), problems(ctx.problems));
      return;
    }
    const counts = stateCounts(report);
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
          h('h3', null, t('status.problems')), problems(ctx.problems))),
    );
  }

  relabel() {
    if (this.ctx) this.render(this.ctx);
  }
}
