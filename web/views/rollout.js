// The Rollout tab: a change of the DaemonSet's pod template rolled across
// the nodes second by second, as the engine simulates it (Simulator.rollout),
// with every node's pods at the chosen instant (Simulator.snapshot, asked
// for on demand). The engine decides everything; this file words its facts.
import { h } from './dom.js';
import { t, tx, num } from './i18n.js';
import * as fmt from './format.js';

const MODES = ['restart', 'image', 'env', 'copy', 'removeTolerations'];
const DENSE_AT = 150;
const LIST_MAX = 6;
const CACHE_MAX = 400;
/** What a node shows at an instant, worst first (legend order). */
const SUMMARIES = ['pending', 'updating', 'old', 'terminating', 'updated', 'empty', 'untargeted'];

export const ROLLOUT_DEFAULTS = {
  mode: 'restart', container: '', image: '', envName: '', envValue: '', copy: null,
  ready: '5', termination: '1', limit: '1200', perNode: '', neverReady: '', deletes: '',
};

const code = (s) => h('code', null, s);
/** A number as plain text in a tx() placeholder (which otherwise makes code). */
export const n = (v) => document.createTextNode(num(v));

/** `a, b, c and 3 more` with the names as code. */
export function nameList(names, max = LIST_MAX) {
  const shown = names.slice(0, max);
  const out = [];
  shown.forEach((n, i) => out.push(i ? ', ' : '', code(n)));
  if (names.length > max) out.push(' ', t('common.more', { count: num(names.length - max) }));
  return h('span', null, out);
}

/** Splits "a, b c" into names. */
const words = (s) => String(s || '').split(/[\s,]+/).filter(Boolean);
const whole = (s) => /^\d+$/.test(String(s).trim());

/** The node model and the change from the form, or {problem}. */
export function rolloutOptions(f, ds) {
  const bad = (key, vars) => ({ problem: t(key, vars) });
  for (const k of ['ready', 'termination', 'limit']) if (!whole(f[k])) return bad('ro.bad.number', { field: t(`ro.${k}`) });
  const perNodeReadyDelay = {};
  for (const w of words(f.perNode)) {
    const m = w.match(/^(.+)=(\d+)$/);
    if (!m) return bad('ro.bad.perNode', { text: w });
    perNodeReadyDelay[m[1]] = Number(m[2]);
  }
  const manualDeletes = [];
  for (const w of words(f.deletes)) {
    const m = w.match(/^(\d+):(.+)$/);
    if (!m) return bad('ro.bad.delete', { text: w });
    manualDeletes.push({ t: Number(m[1]), node: m[2] });
  }
  const options = {
    model: {
      readyDelaySeconds: Number(f.ready), terminationSeconds: Number(f.termination),
      perNodeReadyDelay, neverReady: words(f.neverReady), manualDeletes,
    },
    tickLimit: Number(f.limit),
  };
  switch (f.mode) {
    case 'image':
      if (!f.image.trim()) return bad('ro.bad.image');
      options.change = { kind: 'image', image: f.image.trim(), container: f.container.trim() || null };
      break;
    case 'env':
      if (!f.envName.trim()) return bad('ro.bad.env');
      options.change = { kind: 'env', name: f.envName.trim(), value: f.envValue, container: f.container.trim() || null };
      break;
    case 'copy': options.newDaemonSet = f.copy ?? ds; break;
    case 'removeTolerations': options.change = { kind: 'removeTolerations' }; break;
    default: options.change = { kind: 'restartAnnotation' };
  }
  return { options };
}

/** What a node shows at an instant (for its colour and the legend). */
function summary(n) {
  const pods = n.pods;
  if (pods.some((p) => p.phase === 'pending')) return 'pending';
  if (!pods.length) return n.shouldRun ? 'empty' : 'untargeted';
  const fresh = pods.filter((p) => p.generation === 'new');
  if (fresh.length === pods.length && fresh.every((p) => p.available)) return 'updated';
  if (!fresh.length) return pods.every((p) => p.phase === 'terminating') ? 'terminating' : 'old';
  return 'updating';
}

/** One pod in words: "new pod: running, Ready". */
function podWords(p) {
  let state;
  if (p.phase === 'pending') state = t('ro.pod.pending');
  else if (p.phase === 'terminating') state = t('ro.pod.terminating');
  else if (p.available) state = t('ro.pod.available');
  else if (p.ready) state = t('ro.pod.ready');
  else state = t('ro.pod.notReady');
  return t(p.generation === 'new' ? 'ro.pod.new' : 'ro.pod.old', { state });
}

export class RolloutView {
  constructor(engine, { onChange }) {
    this.engine = engine;
    this.onChange = onChange;
    this.form = { ...ROLLOUT_DEFAULTS };
    this.timeline = null;
    this.step = 0;
    this.cache = new Map();
    this.cells = new Map();
    this.key = '';
    this.playing = null;
  }

  /** The form, for the share link. */
  state() {
    const s = {};
    for (const [k, v] of Object.entries(this.form)) if (v !== ROLLOUT_DEFAULTS[k]) s[k] = v;
    return s;
  }

  restore(s) {
    this.form = { ...ROLLOUT_DEFAULTS };
    if (s && typeof s === 'object') {
      for (const k of Object.keys(ROLLOUT_DEFAULTS)) if (k in s && (typeof s[k] === 'string' || (k === 'copy' && s[k] === null))) this.form[k] = s[k];
    }
    if (!MODES.includes(this.form.mode)) this.form.mode = 'restart';
    if (this.root) this.fillForm();
  }

  // ---------------------------------------------------------------- DOM

  build(panel) {
    const f = (name, label, attrs = {}) => h('label', { class: `field-v ${attrs.wide ? 'wide' : ''}`, 'data-for': name },
      h('span', { 'data-i18n': label }, t(label)),
      h('input', { name, autocomplete: 'off', spellcheck: 'false', ...attrs.input }),
      attrs.hint ? h('span', { class: 'hint', 'data-i18n': attrs.hint }, t(attrs.hint)) : null);
    const num0 = { type: 'number', min: '0', step: '1', inputmode: 'numeric' };
    const mode = h('select', { name: 'mode', id: 'ro-mode' }, MODES.map((m) => h('option', { value: m, 'data-i18n': `ro.mode.${m}` }, t(`ro.mode.${m}`))));
    this.copyArea = h('textarea', { id: 'ro-copy', name: 'copy', rows: '14', wrap: 'off', spellcheck: 'false', autocapitalize: 'off', autocomplete: 'off', 'aria-describedby': 'ro-copy-diag' });
    this.copyDiag = h('ul', { class: 'diagnostics', id: 'ro-copy-diag' });
    const again = h('button', { type: 'button', class: 'ro-again', 'data-i18n': 'ro.copyAgain' }, t('ro.copyAgain'));
    again.addEventListener('click', () => { this.form.copy = null; this.fillForm(); this.changed(); });
    this.formEl = h('form', { class: 'ro-form', novalidate: true },
      h('fieldset', null, h('legend', { 'data-i18n': 'ro.change' }, t('ro.change')),
        h('label', { class: 'field-v' }, h('span', { 'data-i18n': 'ro.mode' }, t('ro.mode')), mode),
        h('div', { class: 'ro-mode', 'data-mode': 'image env' }, f('container', 'ro.container', { input: { 'data-i18n-attr': 'placeholder:ro.containerFirst', placeholder: t('ro.containerFirst') } })),
        h('div', { class: 'ro-mode', 'data-mode': 'image' }, f('image', 'ro.image', { input: { placeholder: 'nginx:1.28', lang: 'en' } })),
        h('div', { class: 'ro-mode', 'data-mode': 'env' }, f('envName', 'ro.envName', { input: { placeholder: 'LOG_LEVEL', lang: 'en' } }), f('envValue', 'ro.envValue', { input: { placeholder: 'debug', lang: 'en' } })),
        h('div', { class: 'ro-mode ro-copy', 'data-mode': 'copy' },
          h('label', { for: 'ro-copy', 'data-i18n': 'ro.copy' }, t('ro.copy')), this.copyArea, this.copyDiag, again)),
      h('fieldset', null, h('legend', { 'data-i18n': 'ro.model' }, t('ro.model')),
        h('div', { class: 'ro-nums' },
          f('ready', 'ro.ready', { input: num0 }), f('termination', 'ro.termination', { input: num0 }), f('limit', 'ro.limit', { input: { ...num0, min: '1' } })),
        f('perNode', 'ro.perNode', { wide: true, hint: 'ro.perNodeHint', input: { placeholder: 'worker-2=30, worker-3=60', lang: 'en' } }),
        f('neverReady', 'ro.neverReady', { wide: true, hint: 'ro.neverReadyHint', input: { placeholder: 'worker-2', lang: 'en' } }),
        h('div', { class: 'ro-deletes' }, f('deletes', 'ro.deletes', { wide: true, hint: 'ro.deletesHint', input: { placeholder: '10:worker-1, 40:worker-2', lang: 'en' } }))));
    this.formEl.addEventListener('submit', (e) => e.preventDefault());
    this.formEl.addEventListener('input', (e) => {
      const el = e.target;
      if (!el.name) return;
      this.form[el.name] = el.value;
      if (el.name === 'mode') this.showMode();
      this.changed(el.name === 'mode');
    });

    this.problem = h('p', { class: 'ro-problem bad-text', role: 'alert' });
    this.stale = h('p', { class: 'stale', hidden: true, 'data-i18n': 'ro.stale' }, t('ro.stale'));
    this.verdict = h('section', { class: 'ro-verdict', 'aria-live': 'polite' });
    this.play = h('button', { type: 'button', class: 'ro-play primary', 'aria-pressed': 'false' });
    this.prev = h('button', { type: 'button', class: 'ro-step', 'data-i18n-attr': 'aria-label:ro.prev', 'aria-label': t('ro.prev') }, '◀');
    this.next = h('button', { type: 'button', class: 'ro-step', 'data-i18n-attr': 'aria-label:ro.next', 'aria-label': t('ro.next') }, '▶');
    this.slider = h('input', { type: 'range', id: 'ro-slider', min: '0', max: '0', step: '1', value: '0' });
    this.at = h('output', { class: 'ro-at', for: 'ro-slider' });
    this.play.addEventListener('click', () => (this.playing ? this.pause() : this.start()));
    this.prev.addEventListener('click', () => { this.pause(); this.show(this.step - 1); });
    this.next.addEventListener('click', () => { this.pause(); this.show(this.step + 1); });
    this.slider.addEventListener('input', () => { this.pause(); this.show(Number(this.slider.value)); });
    this.counters = h('div', { class: 'ro-counters' });
    this.kubectl = h('div', { class: 'ro-kubectl' });
    this.events = h('div', { class: 'ro-events' });
    this.grid = h('ul', { class: 'ro-grid', 'data-i18n-attr': 'aria-label:ro.gridLabel', 'aria-label': t('ro.gridLabel') });
    this.legend = h('ul', { class: 'ro-legend', 'aria-hidden': 'true' });
    this.out = h('div', { class: 'ro-out' },
      this.stale, this.verdict,
      h('div', { class: 'ro-player', role: 'group', 'data-i18n-attr': 'aria-label:ro.player', 'aria-label': t('ro.player') },
        this.play, this.prev,
        h('label', { class: 'sr-only', for: 'ro-slider', 'data-i18n': 'ro.slider' }, t('ro.slider')), this.slider, this.next, this.at),
      h('div', { class: 'ro-instant' }, this.counters, this.kubectl, this.events),
      this.legend, this.grid);
    this.out.hidden = true;
    this.empty = h('p', { class: 'empty', hidden: true });
    this.root = h('div', { class: 'ro' }, this.formEl, this.problem, this.empty, this.out);
    panel.replaceChildren(this.root);
    this.fillForm();
  }

  fillForm() {
    for (const el of this.formEl.elements) {
      if (!el.name || !(el.name in this.form)) continue;
      if (el.name === 'copy') continue;
      if (el.value !== this.form[el.name]) el.value = this.form[el.name];
    }
    if (this.form.copy === null && this.ds !== undefined) this.copyArea.value = this.ds;
    else if (this.form.copy !== null && this.copyArea.value !== this.form.copy) this.copyArea.value = this.form.copy;
    this.showMode();
  }

  showMode() {
    for (const d of this.formEl.querySelectorAll('.ro-mode')) d.hidden = !d.dataset.mode.split(' ').includes(this.form.mode);
  }

  /** The form changed: run again shortly. */
  changed(now = false) {
    if (this.form.copy === null && this.form.mode === 'copy' && this.copyArea.value !== this.ds) this.form.copy = this.copyArea.value;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), now ? 0 : 350);
    this.onChange?.();
  }

  // ------------------------------------------------------------- engine

  /** Tabs calls this when the tab is shown or the result changed. */
  render(panel, ctx) {
    if (!this.root || !panel.contains(this.root)) this.build(panel);
    this.ctx = ctx;
    this.ds = ctx.ds;
    if (this.form.copy === null && this.copyArea.value !== ctx.ds) this.copyArea.value = ctx.ds ?? '';
    this.stale.hidden = !(ctx.hasErrors && this.timeline);
    this.root.classList.toggle('is-stale', Boolean(ctx.hasErrors && this.timeline));
    this.showDeletes();
    this.relabel();
    this.run();
  }

  run() {
    const ctx = this.ctx;
    if (!ctx) return;
    if (!ctx.report || (ctx.hasErrors && !this.timeline)) {
      this.empty.hidden = false;
      this.empty.textContent = t('engine.noResult');
      this.out.hidden = true;
      return;
    }
    this.empty.hidden = true;
    if (ctx.hasErrors) return;
    const { options, problem } = rolloutOptions(this.form, ctx.ds);
    this.problem.textContent = problem || '';
    if (problem) return;
    const key = JSON.stringify([ctx.version, ctx.ds, options]);
    if (key === this.key) return;
    this.key = key;
    this.engine.cancel('snapshot');
    this.engine.job('rollout', { ds: ctx.ds, options }, ({ result, error }) => this.got(key, result, error));
  }

  got(key, timeline, error) {
    if (key !== this.key) return;
    this.setCopyDiagnostics(error);
    if (error) {
      this.key = '';
      this.problem.textContent = error.source === 'newDaemonSet' ? t('ro.copyInvalid') : t('ro.failed', { error: fmt.diagnostic(error) });
      if (!this.timeline) this.out.hidden = true;
      return;
    }
    this.problem.textContent = '';
    const prevT = this.timeline ? this.timeline.log[this.step]?.t ?? 0 : null;
    this.timeline = timeline;
    this.cache.clear();
    this.out.hidden = false;
    this.stale.hidden = true;
    this.root.classList.remove('is-stale');
    this.renderVerdict();
    this.legendOnce();
    const log = timeline.log;
    this.slider.max = String(log.length - 1);
    let i = 0;
    if (prevT !== null) while (i + 1 < log.length && log[i + 1].t <= prevT) i++;
    this.showDeletes();
    this.show(i, true);
    document.documentElement.dataset.rollouts = String(Number(document.documentElement.dataset.rollouts || 0) + 1);
  }

  setCopyDiagnostics(error) {
    const list = [];
    if (error && error.source === 'newDaemonSet') {
      list.push(h('li', { class: 'diag error' },
        h('span', { class: 'diag-kind' }, t('diag.error')), ' ',
        error.line ? h('span', null, t(error.column ? 'diag.at' : 'diag.atLine', { line: error.line, column: error.column }), ': ') : null,
        h('span', { class: 'diag-msg' }, fmt.diagnostic(error))));
    }
    this.copyDiag.replaceChildren(...list);
  }

  showDeletes() {
    const onDelete = (this.timeline && this.timeline.strategy === 'OnDelete') || this.ctx?.report?.updateStrategy?.type === 'OnDelete' || this.form.deletes;
    this.formEl.querySelector('.ro-deletes').hidden = !onDelete;
  }

  // ------------------------------------------------------------ verdict

  renderVerdict() {
    const tl = this.timeline;
    const out = [];
    let head;
    if (tl.completed) {
      head = h('p', { class: 'ro-outcome ok-text', 'data-outcome': 'completed' }, tx('ro.completed', { t: n(tl.ticks) }));
    } else if (tl.stalled) {
      head = h('p', { class: 'ro-outcome bad-text', 'data-outcome': 'stalled' }, tx('ro.stalled', { t: n(tl.lastChangeAt) }));
    } else {
      head = h('p', { class: 'ro-outcome warn-text', 'data-outcome': 'limit' }, tx('ro.limitReached', { t: n(tl.ticks) }));
    }
    out.push(head);
    if (tl.completed && tl.kubectlDoneAt !== null && tl.kubectlDoneAt !== tl.ticks) out.push(h('p', null, tx('ro.kubectlEarly', { t: n(tl.kubectlDoneAt) })));
    if (tl.stallReasons.length) out.push(h('ul', { class: 'ro-reasons' }, tl.stallReasons.map((r) => h('li', { 'data-kind': r.kind }, this.reason(r)))));
    const b = tl.budget;
    if (tl.strategy === 'OnDelete') out.push(h('p', { class: 'muted' }, tx('ro.onDelete', { strategy: 'OnDelete' })));
    else if (b.maxUnavailable !== null) {
      out.push(h('p', { class: 'muted' }, tx('ro.budget', {
        strategy: tl.strategy, unavailable: `maxUnavailable ${b.maxUnavailable}`, surge: `maxSurge ${b.maxSurge ?? 0}`,
        desired: n(b.desiredNumberScheduled), minReady: `minReadySeconds ${tl.minReadySeconds}`,
      })));
    }
    out.push(h('p', { class: 'ro-note muted' }, t('ro.start')));
    if (tl.nodeOrder.oneOfSeveralPossible) out.push(h('p', { class: 'ro-note ro-order muted' }, t('ro.nodeOrder')));
    this.verdict.replaceChildren(...out);
  }

  reason(r) {
    switch (r.kind) {
      case 'neverReady': {
        const parts = [tx('ro.r.neverReady', { nodes: nameList(r.nodes) })];
        if (r.budget && r.limit !== null) parts.push(' ', tx('ro.r.budget', { budget: r.budget, limit: n(r.limit) }));
        if (r.waiting.length) parts.push(' ', tx('ro.r.waiting', { nodes: nameList(r.waiting) }));
        return parts;
      }
      case 'hostPortSurge':
        return tx('ro.r.hostPortSurge', { surge: `maxSurge ${r.maxSurge}`, ports: r.ports.map(fmt.hostPort).join(', '), nodes: nameList(r.nodes) });
      case 'unschedulable': {
        const reasons = r.failures.flatMap((f) => f.reasons);
        const parts = [tx('ro.r.unschedulable', { node: r.node, reasons: reasons.join(', ') })];
        for (const x of r.insufficient || []) {
          parts.push(' ', tx('ro.r.insufficient', {
            resource: x.resource, requested: fmt.amount(x.resource, x.requested), used: fmt.amount(x.resource, x.used), capacity: fmt.amount(x.resource, x.capacity),
          }));
        }
        if (r.besideOldPod) parts.push(' ', t('ro.r.besideOld'));
        return parts;
      }
      case 'onDeleteWaiting': return tx('ro.r.onDeleteWaiting', { nodes: nameList(r.nodes) });
      case 'oldPodKept': return tx('ro.r.oldPodKept', { nodes: nameList(r.nodes) });
      case 'invalidStrategy': return tx('ro.r.invalidStrategy', { error: r.error });
      case 'onDeleteNoRolloutStatus':
        return r.allUpdatedAt === null ? t('ro.r.onDeleteNoStatus') : tx('ro.r.onDeleteAllUpdated', { t: n(r.allUpdatedAt) });
      case 'notUpdated': return tx('ro.r.notUpdated', { nodes: nameList(r.nodes) });
      default: return code(JSON.stringify(r));
    }
  }

  legendOnce() {
    this.legend.replaceChildren(...SUMMARIES.map((s) => h('li', { 'data-summary': s }, h('span', { class: 'sw' }), t(`ro.sum.${s}`))));
  }

  // ------------------------------------------------------------- player

  start() {
    const log = this.timeline?.log;
    if (!log || log.length < 2) return;
    if (this.step >= log.length - 1) this.show(0);
    const stride = Math.max(1, Math.ceil(log.length / 150));
    this.playing = setInterval(() => {
      if (!this.root.isConnected || this.root.closest('[hidden]')) return this.pause();
      const next = Math.min(log.length - 1, this.step + stride);
      this.show(next);
      if (next >= log.length - 1) this.pause();
    }, 700);
    this.playLabel();
  }

  pause() {
    clearInterval(this.playing);
    this.playing = null;
    this.playLabel();
  }

  playLabel() {
    this.play.textContent = t(this.playing ? 'ro.pause' : 'ro.play');
    this.play.setAttribute('aria-pressed', String(Boolean(this.playing)));
    this.root?.setAttribute('data-playing', String(Boolean(this.playing)));
  }

  /** Shows step `i` of the log: its counters and events now, the grid when its snapshot is there. */
  show(i, force = false) {
    const log = this.timeline.log;
    i = Math.max(0, Math.min(log.length - 1, i));
    if (i === this.step && !force && this.shownT === log[i].t) return;
    this.step = i;
    const e = log[i];
    this.slider.value = String(i);
    const at = t('ro.at', { t: num(e.t), step: num(i + 1), steps: num(log.length) });
    this.at.textContent = at;
    this.slider.setAttribute('aria-valuetext', at);
    this.prev.disabled = i === 0;
    this.next.disabled = i === log.length - 1;
    this.renderInstant(e, i === log.length - 1);
    const snap = this.cache.get(e.t);
    if (snap) return this.renderGrid(snap);
    this.grid.setAttribute('aria-busy', 'true');
    const want = e.t;
    this.engine.job('snapshot', { t: want }, ({ result }) => {
      if (!result) return;
      if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value);
      this.cache.set(result.t, result);
      if (this.timeline && this.timeline.log[this.step].t === result.t) this.renderGrid(result);
    });
  }

  renderInstant(e, last) {
    const tl = this.timeline;
    const s = e.status;
    const cols = [['DESIRED', 'desiredNumberScheduled'], ['CURRENT', 'currentNumberScheduled'], ['READY', 'numberReady'], ['UP-TO-DATE', 'updatedNumberScheduled'],
      ['AVAILABLE', 'numberAvailable'], ['UNAVAILABLE', 'numberUnavailable'], ['MISSCHEDULED', 'numberMisscheduled']];
    this.counters.replaceChildren(h('h3', null, t('ro.countersAt', { t: num(e.t) })), h('div', { class: 'table-wrap' }, h('table', { class: 'kubectl-table', lang: 'en' },
      h('thead', null, h('tr', null, ['NAME', ...cols.map((c) => c[0])].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, h('tr', null, h('td', null, tl.name), cols.map(([c, k]) => h('td', { 'data-counter': k }, String(s[k]))))))));
    const line = e.kubectl ?? null;
    this.kubectl.replaceChildren(
      h('p', { class: 'ro-k-head' }, t('ro.kubectlHead'), ' ', h('span', { class: e.kubectlDone ? 'ok-text' : 'muted' }, t(e.kubectlDone ? 'ro.kubectlDone' : 'ro.kubectlWaiting'))),
      h('pre', { class: 'kubectl', lang: 'en' },
        h('code', { class: 'prompt' }, `$ kubectl rollout status ds/${tl.name} -n ${tl.namespace}\n`),
        line !== null ? h('code', { class: 'out' }, line) : h('code', { class: 'out err' }, `error: ${e.kubectlError ?? ''}`)));
    this.events.replaceChildren(h('h3', null, t(last ? 'ro.eventsLast' : 'ro.events', { t: num(e.t) })), this.eventList(e, tl));
  }

  eventList(e, tl) {
    const items = [];
    const li = (key, vars) => items.push(h('li', null, tx(key, vars)));
    if (e.t === 0) li('ro.ev.applied', { generation: n(e.status.observedGeneration) });
    if (e.userDeleted.length) li('ro.ev.userDeleted', { nodes: nameList(e.userDeleted.map((p) => p.node)) });
    const delOld = e.deleted.filter((p) => p.generation === 'old').map((p) => p.node);
    const delNew = e.deleted.filter((p) => p.generation === 'new').map((p) => p.node);
    if (delOld.length) li('ro.ev.deletedOld', { nodes: nameList(delOld) });
    if (delNew.length) li('ro.ev.deletedNew', { nodes: nameList(delNew) });
    if (e.removed.length) li('ro.ev.removed', { nodes: nameList(e.removed.map((p) => p.node)) });
    if (e.created.length) li('ro.ev.created', { nodes: nameList(e.created.map((p) => p.node)) });
    for (const p of (e.unschedulable || []).slice(0, LIST_MAX)) li('ro.ev.pending', { node: p.node, reasons: p.reasons.join(', ') });
    if ((e.unschedulable || []).length > LIST_MAX) items.push(h('li', null, t('common.more', { count: num(e.unschedulable.length - LIST_MAX) })));
    if ((e.scheduled || []).length) li('ro.ev.scheduled', { nodes: nameList(e.scheduled) });
    if (e.becameReady.length) li('ro.ev.ready', { nodes: nameList(e.becameReady) });
    if (!items.length) li('ro.ev.none', {});
    return h('ul', { class: 'ro-ev' }, items);
  }

  renderGrid(snap) {
    const tl = this.timeline;
    const dense = snap.nodes.length > DENSE_AT;
    if (dense !== this.dense) {
      this.cells.clear();
      this.grid.replaceChildren();
    }
    this.dense = dense;
    this.grid.classList.toggle('dense', dense);
    const never = new Set(tl.nodes.filter((n) => n.neverReady).map((n) => n.name));
    const order = [];
    for (const n of snap.nodes) {
      const sum = summary(n);
      const pods = n.pods.map(podWords);
      const label = `${n.node}: ${pods.length ? pods.join('; ') : t(n.shouldRun ? 'ro.noPod' : 'ro.untargeted')}${never.has(n.node) ? ` (${t('ro.neverReadyTag')})` : ''}`;
      let c = this.cells.get(n.node);
      if (!c) {
        c = h('li', { 'data-node': n.node });
        this.cells.set(n.node, c);
      }
      if (c.dataset.label !== label) {
        c.dataset.label = label;
        c.dataset.summary = sum;
        c.setAttribute('aria-label', label);
        c.title = label;
        if (!dense) {
          c.replaceChildren(...[h('span', { class: 'nm' }, n.node),
            never.has(n.node) ? h('span', { class: 'tag' }, t('ro.neverReadyTag')) : null,
            h('span', { class: 'pods', 'aria-hidden': 'true' }, n.pods.length
              ? n.pods.map((p, j) => h('span', { class: 'pod', 'data-gen': p.generation, 'data-phase': p.phase, 'data-ready': String(p.ready), 'data-available': String(p.available) }, pods[j]))
              : h('span', { class: 'pod none' }, t(n.shouldRun ? 'ro.noPod' : 'ro.untargeted')))].filter(Boolean));
        }
      }
      order.push(c);
    }
    const names = new Set(snap.nodes.map((n) => n.node));
    for (const k of [...this.cells.keys()]) if (!names.has(k)) this.cells.delete(k);
    if (this.grid.children.length !== order.length || order.some((c, i) => this.grid.children[i] !== c)) this.grid.replaceChildren(...order);
    this.grid.dataset.t = String(snap.t);
    this.shownT = snap.t;
    this.grid.removeAttribute('aria-busy');
  }

  relabel() {
    if (!this.root) return;
    this.playLabel();
    if (this.timeline) {
      this.renderVerdict();
      this.legendOnce();
      this.cells.forEach((c) => { c.dataset.label = ''; });
      const snap = this.cache.get(this.timeline.log[this.step]?.t);
      this.show(this.step, true);
      if (snap) this.renderGrid(snap);
    }
  }
}

