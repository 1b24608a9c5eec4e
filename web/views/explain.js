// The Coverage tab's explanation of one node: the engine's structured facts
// put in words (selection, taints, scheduler, fixes, the node's facts).
import { h, fmt, code, scrollBox } from '../ui/index.js';
import { t, tx, num } from '../i18n/index.js';

/** @typedef {import('../engine/engine.js').PageReport} Report */
/** @typedef {import('../pkg/daemonset_sim.js').NodeReport} NodeReport */
/** @typedef {import('../ui/dom.js').Child} Child */

/**
 * @param {string} titleKey
 * @param {Child[]} body
 */
const section = (titleKey, ...body) => h('section', { class: 'ex-sec' }, h('h3', null, t(titleKey)), ...body);
/** @param {Child[]} c */
const p = (...c) => h('p', null, ...c);
/** @param {boolean} ok */
const mark = (ok) => h('span', { class: ok ? 'ok' : 'bad', 'aria-hidden': 'true' }, ok ? '✓' : '✗');

/**
 * A copyable snippet (YAML or a command).
 * @param {string} text
 * @param {'yaml' | 'command'} kind
 */
export function snippet(text, kind) {
  const pre = h('pre', { class: `snippet ${kind}`, tabindex: '0' }, h('code', null, text));
  const btn = h('button', { type: 'button', class: 'copy' }, t('copy.button'));
  btn.addEventListener('click', async () => {
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch {
      const r = document.createRange();
      r.selectNodeContents(pre);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(r);
      try { ok = document.execCommand('copy'); } catch { ok = false; }
    }
    btn.textContent = t(ok ? 'copy.done' : 'copy.failed');
    setTimeout(() => { btn.textContent = t('copy.button'); }, 2000);
  });
  return h('div', { class: 'snippet-box' }, pre, btn);
}

/**
 * @param {Report} report
 * @param {NodeReport} n
 */
function selection(report, n) {
  const out = [];
  const ex = n.exclusion;
  if (ex && ex.rule === 'templateNodeName') {
    out.push(p(tx('explain.templateNodeName', { field: 'spec.template.spec.nodeName', value: ex.nodeName })));
  }
  const a = n.affinity || {};
  const hasSelector = report.nodeSelector && report.nodeSelector !== '<none>';
  if (hasSelector) {
    const mm = a.nodeSelectorMismatches || [];
    if (!mm.length) out.push(p(mark(true), ' ', tx('explain.selectorMatches', { selector: report.nodeSelector })));
    for (const m of mm) {
      out.push(p(mark(false), ' ', m.have === null || m.have === undefined
        ? tx('explain.selectorMissing', { want: `${m.key}=${m.want}`, key: m.key })
        : tx('explain.selectorWants', { want: `${m.key}=${m.want}`, have: `${m.key}=${m.have}` })));
    }
  }
  const terms = a.terms || [];
  if (a.matchingTerm !== null && a.matchingTerm !== undefined) {
    out.push(p(mark(a.matchingTerm >= 0), ' ', a.matchingTerm >= 0
      ? tx('explain.affinityMatches', { term: `nodeSelectorTerms[${a.matchingTerm}]` })
      : t('explain.affinityNone')));
    if (terms.length) {
      out.push(h('ul', { class: 'terms' }, terms.map((term) => h('li', null,
        h('span', { class: 'term-head' }, mark(term.matches), ' ', code(t('explain.termHead', { index: term.index })), ' ',
          t(term.matches ? 'explain.termMatches' : 'explain.termFails')),
        term.errors.length ? p(tx('explain.termBroken', { errors: term.errors.join('; ') })) : null,
        h('ul', null, term.requirements.map((r) => h('li', null, mark(r.matches), ' ',
          code(`${r.key} ${r.operator}${r.values.length ? ` [${r.values.join(', ')}]` : ''}`), ' — ',
          r.nodeValue === null || r.nodeValue === undefined ? t('explain.reqNoLabel') : tx('explain.reqHas', { value: r.nodeValue === '' ? '""' : r.nodeValue })))))),
      ));
    }
  }
  if (!out.length) out.push(p(mark(true), ' ', t('explain.noSelection')));
  return section('explain.selection', ...out);
}

/** @param {NodeReport} n */
function taints(n) {
  if (!n.taints.length) return section('explain.taints', p(t('explain.noTaints')));
  const rows = n.taints.map((tc) => {
    let what;
    if (tc.outcome === 'tolerated') {
      const secs = tc.toleration && tc.toleration.tolerationSeconds;
      what = tc.taint.effect === 'NoExecute' && secs !== undefined && secs !== null
        ? tx('explain.toleratedNoExecute', { seconds: num(secs) })
        : t('explain.tolerated');
    } else {
      what = t(`explain.${tc.outcome}`);
    }
    const tol = tc.toleration
      ? [code(fmt.toleration(tc.toleration)), tc.autoToleration ? h('div', { class: 'auto' }, t('explain.auto')) : null]
      : t('explain.noTol');
    return h('tr', { 'data-outcome': tc.outcome },
      h('td', null, code(tc.text)),
      h('td', null, mark(tc.outcome === 'tolerated' || tc.outcome === 'preferOnly'), ' ', what),
      h('td', null, tol));
  });
  return section('explain.taints', scrollBox(null, h('table', { class: 'taints' },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('explain.taintCol')), h('th', { scope: 'col' }, t('explain.effectCol')), h('th', { scope: 'col' }, t('explain.tolCol')))),
    h('tbody', null, rows))));
}

/**
 * @param {Report} report
 * @param {NodeReport} n
 */
function resources(report, n) {
  const req = report.daemonPodRequests || { cpuMilli: 0, memory: 0, ephemeralStorage: 0, scalar: {} };
  const short = new Set((n.insufficient || []).map((r) => r.resource));
  /** @type {[string, number, number, number][]} */
  const rows = [
    ['cpu', req.cpuMilli, n.used.milliCpu, n.allocatable.milliCpu],
    ['memory', req.memory, n.used.memory, n.allocatable.memory],
    ['pods', 1, n.podsOnNode, n.allocatable.allowedPodNumber],
  ];
  if (req.ephemeralStorage) rows.push(['ephemeral-storage', req.ephemeralStorage, n.used.ephemeralStorage, n.allocatable.ephemeralStorage]);
  for (const [k, v] of Object.entries(req.scalar || {})) rows.push([k, v, n.used.scalar[k] || 0, n.allocatable.scalar[k] || 0]);
  return scrollBox(null, h('table', { class: 'resources' },
    h('thead', null, h('tr', null, ['explain.resource', 'explain.requested', 'explain.free', 'explain.allocatable', 'explain.used'].map((k) => h('th', { scope: 'col' }, t(k))), h('td'))),
    h('tbody', null, rows.map(([name, r, used, alloc]) => {
      const bad = short.has(name);
      const f = (/** @type {number} */ v) => (name === 'pods' ? num(v) : fmt.amount(name, v));
      return h('tr', { class: bad ? 'short' : '', 'data-resource': name },
        h('th', { scope: 'row' }, code(name)), h('td', null, f(r)), h('td', null, f(alloc - used)), h('td', null, f(alloc)), h('td', null, f(used)),
        h('td', null, mark(!bad), ' ', t(bad ? 'explain.short' : 'explain.enough')));
    }))));
}

/**
 * @param {Report} report
 * @param {NodeReport} n
 */
function scheduler(report, n) {
  if (!n.shouldRun) return section('explain.scheduler', p(t('explain.notAsked')));
  const out = [];
  if (n.schedulerFits) out.push(p(mark(true), ' ', t('explain.fits')));
  else {
    out.push(p(mark(false), ' ', t('explain.rejects'), ' ', n.schedulerFailedPlugins.map((pl, i) => [i ? ', ' : '', code(pl)])));
    if (n.schedulerReasons.length) out.push(p(t('explain.reasons')), h('ul', { class: 'reasons' }, n.schedulerReasons.map((r) => h('li', null, code(r)))));
    if (n.schedulerFailedPlugins.length > 1 && n.schedulerFirstFailure) {
      out.push(p(tx('explain.firstFailure', { plugin: n.schedulerFirstFailure.plugin })));
    }
  }
  out.push(resources(report, n));
  for (const c of n.portConflicts || []) out.push(p(mark(false), ' ', tx('explain.port', { port: fmt.hostPort(c.port), pod: c.usedBy })));
  return section('explain.scheduler', ...out);
}

/** The fixes the engine can apply to a text (Simulator.applyFix); the others are about other pods. */
const APPLIES = new Set(['addToleration', 'removeTaint', 'labelNode', 'removeTemplateNodeName', 'lowerRequest', 'createPriorityClass', 'removeTemplateField']);

/**
 * @param {NodeReport} n
 * @param {((index: number, item: HTMLElement) => void) | undefined} onApply
 * @param {'daemonSet' | 'nodes'} dsText the editor the DaemonSet is written in
 */
function fixes(n, onApply, dsText) {
  const out = [];
  for (const f of n.fixes) {
    const before = out.length;
    switch (f.kind) {
      case 'addToleration': out.push(h('li', null, p(tx('fix.addToleration', { taint: f.taint, field: 'spec.template.spec' })), snippet(f.yaml, 'yaml'))); break;
      case 'removeTaint': out.push(h('li', null, p(t('fix.removeTaint')), snippet(f.command, 'command'))); break;
      case 'labelNode': out.push(h('li', null, p(t('fix.labelNode')), snippet(f.command, 'command'))); break;
      case 'removeTemplateNodeName': out.push(h('li', null, p(tx('fix.removeTemplateNodeName', { node: f.nodeName })))); break;
      case 'lowerRequest': out.push(h('li', null, p(tx('fix.lowerRequest', { resource: f.resource, free: f.free })), snippet(f.yaml, 'yaml'))); break;
      case 'freeCapacity': out.push(h('li', null, p(tx('fix.freeCapacity', { resource: f.resource })))); break;
      case 'freeHostPort': out.push(h('li', null, p(tx('fix.freeHostPort', { port: `${f.port}/${f.protocol}`, pod: f.usedBy })))); break;
      case 'createPriorityClass': out.push(h('li', null,
        p(tx('fix.createPriorityClass', { name: f.class })), snippet(f.yaml, 'yaml'),
        p(tx('fix.existingClasses', { names: f.existing.join(', ') })))); break;
      case 'removeTemplateField': out.push(h('li', null, p(tx('fix.removeTemplateField', { field: f.field })))); break;
      default: break;
    }
    const item = out[before];
    if (item && onApply && APPLIES.has(f.kind)) {
      const index = n.fixes.indexOf(f);
      item.dataset.fix = f.kind;
      item.append(h('p', { class: 'fix-actions' },
        h('button', { type: 'button', class: 'fix-apply', 'data-fix-index': String(index), onclick: () => onApply(index, item) }, t('fix.apply')),
        ' ', h('span', { class: 'muted' }, t(f.kind === 'removeTaint' || f.kind === 'labelNode' || dsText === 'nodes' ? 'fix.applyNodes' : 'fix.applyDaemonSet'))));
    }
  }
  if (!out.length) return section('explain.fixes', p(t(n.state === 'scheduled' ? 'explain.noFix' : 'explain.noFixKnown')));
  return section('explain.fixes', h('ol', { class: 'fixes' }, out));
}

/** @param {NodeReport} n */
function facts(n) {
  const yn = (/** @type {boolean | null | undefined} */ v) => t(v === null || v === undefined ? 'explain.unknown' : v ? 'explain.yes' : 'explain.no');
  const labels = Object.entries(n.labels || {});
  /** @type {HTMLElement[]} */
  const out = [h('dl', { class: 'facts' },
    h('dt', null, t('explain.nodeReady')), h('dd', null, yn(n.ready)),
    h('dt', null, t('explain.nodeCordoned')), h('dd', null, yn(n.unschedulable)))];
  if (n.existingPod) {
    const e = n.existingPod;
    out.push(p(tx('explain.existing', {
      pod: e.name,
      phase: e.phase || t('explain.noPhase'),
      ready: h('span', null, t(e.ready ? 'explain.ready' : 'explain.notReady')),
      template: h('span', null, t(e.updated === false ? 'explain.outdated' : 'explain.updated')),
    })));
  }
  out.push(h('details', { class: 'labels' }, h('summary', null, t('explain.labels', { count: labels.length })),
    labels.length
      ? h('ul', null, labels.map(([k, v]) => h('li', null, code(v === '' ? `${k}=` : `${k}=${v}`))))
      : p(t('explain.noLabels'))));
  return section('explain.nodeFacts', ...out);
}

/**
 * Fills `root` with the explanation of node `n` of `report`.
 * @param {HTMLElement} root
 * @param {Report | null} report
 * @param {NodeReport | null | undefined} n
 * @param {string} [titleId] the heading's id (each tab's explanation has its own)
 * @param {(index: number, item: HTMLElement) => void} [onApply] offers an Apply button on each
 *   fix the engine can apply, called with the fix's index in `n.fixes` and its list item
 * @param {'daemonSet' | 'nodes'} [dsText] the editor the DaemonSet is written in (the Cluster
 *   tab's DaemonSets of the Nodes editor): where its fixes say they change it
 */
export function renderExplanation(root, report, n, titleId = 'explain-title', onApply = undefined, dsText = 'daemonSet') {
  if (!n || !report) {
    root.replaceChildren(h('p', { class: 'empty' }, t('explain.none')));
    return;
  }
  const parts = [
    h('header', { class: 'ex-head' },
      h('h2', { id: titleId }, tx('explain.heading', { name: n.name })),
      h('span', { class: 'badge', 'data-state': n.state }, h('span', { class: 'ic', 'aria-hidden': 'true' }), t(`state.${n.state}`))),
    h('p', { class: 'ex-summary' }, t(`explain.summary.${n.state}`)),
  ];
  if (n.message) {
    const event = n.state === 'failed-create';
    parts.push(section(event ? 'explain.event' : 'explain.message', p(t(event ? 'explain.eventHelp' : 'explain.messageHelp')), h('pre', { class: 'kubectl', lang: 'en' }, h('code', null, n.message))));
  }
  parts.push(selection(report, n), taints(n), scheduler(report, n), fixes(n, onApply, dsText), facts(n));
  root.replaceChildren(...parts);
}
