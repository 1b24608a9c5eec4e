// The Rollout tab: a change of the DaemonSet's pod template rolled across
// the nodes second by second, as the engine simulates it (Simulator.rollout),
// with every node's pods at the chosen instant (Simulator.snapshot, asked
// for on demand). The engine decides everything; this file words its facts.
import { h, scrollBox, fmt, diagnosticText, code, plain, nameList, LIST_MAX, NodeGrid, diagItem, located, bump } from '../ui/index.js';
import { t, tx, num } from '../i18n/index.js';
import { View } from './view.js';

/** @typedef {import('../pkg/daemonset_sim.js').Timeline} Timeline */
/** @typedef {import('../pkg/daemonset_sim.js').Snapshot} Snapshot */
/** @typedef {import('../pkg/daemonset_sim.js').NodeSnapshot} NodeSnapshot */
/** @typedef {import('../pkg/daemonset_sim.js').PodState} PodState */
/** @typedef {import('../pkg/daemonset_sim.js').TickEntry} TickEntry */
/** @typedef {import('../pkg/daemonset_sim.js').StallReason} StallReason */
/** @typedef {import('../pkg/daemonset_sim.js').RolloutOptions} RolloutOptions */
/** @typedef {import('../pkg/daemonset_sim.js').DsStatus} DsStatus */
/** @typedef {import('../pkg/daemonset_sim.js').OrderRange} OrderRange */
/** @typedef {import('../pkg/daemonset_sim.js').TickRange} TickRange */
/** @typedef {import('../pkg/daemonset_sim.js').RolloutNode} RolloutNode */
/** @typedef {import('../engine/engine.js').Engine} Engine */
/** @typedef {import('../engine/engine.js').PlainError} PlainError */
/** @typedef {import('./view.js').ViewContext} ViewContext */
/** @typedef {import('./view.js').Shared} Shared */
/**
 * A node's tile at an instant: its pods, in words.
 * @typedef {import('../ui/cells.js').Tile & {node: NodeSnapshot, words: string[], never: boolean}} PodsTile
 */

const MODES = ['restart', 'image', 'env', 'copy', 'removeTolerations'];
const CACHE_MAX = 400;
/** What a node shows at an instant, worst first (legend order). */
export const SUMMARIES = ['pending', 'updating', 'old', 'terminating', 'updated', 'empty', 'untargeted'];
/** What a node has at t = 0, problems first (the order of the start list). */
const STARTS = ['pending', 'notReady', 'ready', 'terminating', 'none', 'available'];
/**
 * The status columns, as kubectl get ds prints them.
 * @type {[string, keyof DsStatus][]}
 */
const COUNTER_COLS = [['DESIRED', 'desiredNumberScheduled'], ['CURRENT', 'currentNumberScheduled'], ['READY', 'numberReady'], ['UP-TO-DATE', 'updatedNumberScheduled'],
  ['AVAILABLE', 'numberAvailable'], ['UNAVAILABLE', 'numberUnavailable'], ['MISSCHEDULED', 'numberMisscheduled']];
/** The Timeline without every pod's history (the instants come from snapshot). */
const WITHOUT_HISTORY = { '*': true, pods: false };

/**
 * The form: what changes, and how the nodes behave. `copy` is the edited
 * copy of the DaemonSet (null: the DaemonSet editor's text).
 * @typedef {{mode: string, container: string, image: string, envName: string, envValue: string, copy: string | null,
 *   ready: string, termination: string, limit: string, perNode: string, neverReady: string, deletes: string}} Form
 */

/** @type {Readonly<Form>} */
export const ROLLOUT_DEFAULTS = {
  mode: 'restart', container: '', image: '', envName: '', envValue: '', copy: null,
  ready: '5', termination: '1', limit: '1200', perNode: '', neverReady: '', deletes: '',
};

/**
 * Splits "a, b c" into names.
 * @param {string | null | undefined} s
 */
const words = (s) => String(s || '').split(/[\s,]+/).filter(Boolean);
/** @param {string} s */
const whole = (s) => /^\d+$/.test(String(s).trim());

/**
 * The node model and the change from the form, or {problem}.
 * @param {Form} f
 * @param {string} ds the DaemonSet editor's text
 * @returns {{options: RolloutOptions, problem?: undefined} | {problem: string, options?: undefined}}
 */
export function rolloutOptions(f, ds) {
  /**
   * @param {string} key
   * @param {Record<string, unknown>} [vars]
   */
  const bad = (key, vars) => ({ problem: t(key, vars) });
  for (const k of /** @type {const} */ (['ready', 'termination', 'limit'])) if (!whole(f[k])) return bad('ro.bad.number', { field: t(`ro.${k}`) });
  /** @type {Record<string, number>} */
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
  /** @type {RolloutOptions} */
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

/**
 * What a node shows at an instant (for its colour and the legend).
 * @param {NodeSnapshot} n
 */
export function summary(n) {
  const pods = n.pods;
  if (pods.some((p) => p.phase === 'pending')) return 'pending';
  if (!pods.length) return n.shouldRun ? 'empty' : 'untargeted';
  const fresh = pods.filter((p) => p.generation === 'new');
  if (fresh.length === pods.length && fresh.every((p) => p.available)) return 'updated';
  if (!fresh.length) return pods.every((p) => p.phase === 'terminating') ? 'terminating' : 'old';
  return 'updating';
}

/**
 * One pod in words: "new pod: running, Ready".
 * @param {PodState} p
 */
function podWords(p) {
  let state;
  if (p.phase === 'pending') state = t('ro.pod.pending');
  else if (p.phase === 'terminating') state = t('ro.pod.terminating');
  else if (p.available) state = t('ro.pod.available');
  else if (p.ready) state = t('ro.pod.ready');
  else state = t('ro.pod.notReady');
  return t(p.generation === 'new' ? 'ro.pod.new' : 'ro.pod.old', { state });
}

/**
 * What a node has at t = 0 (its first pod), for the start list.
 * @param {RolloutNode} n
 */
function startKind(n) {
  const p = n.start.pods[0];
  if (!p) return 'none';
  if (p.phase === 'pending') return 'pending';
  if (p.phase === 'terminating') return 'terminating';
  if (p.available) return 'available';
  return p.ready ? 'ready' : 'notReady';
}

/**
 * The status counters as one `kubectl get ds` row.
 * @param {string} name
 * @param {DsStatus} s
 */
function countersTable(name, s) {
  return scrollBox(null, h('table', { class: 'kubectl-table', lang: 'en' },
    h('thead', null, h('tr', null, ['NAME', ...COUNTER_COLS.map((c) => c[0])].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, h('tr', null, h('td', null, name), COUNTER_COLS.map(([, k]) => h('td', { 'data-counter': k }, String(s[k])))))));
}

/**
 * A tick range in words: `at t = 7 s` or `between ... and ...` (the key's
 * `At` variant when both ends are the same).
 * @param {string} key
 * @param {TickRange} r
 * @param {Record<string, unknown>} [vars]
 */
function rangeWords(key, r, vars = {}) {
  return r.earliest === r.latest
    ? tx(`${key}At`, { ...vars, t: plain(r.earliest), orders: plain(r.orders) })
    : tx(key, { ...vars, from: plain(r.earliest), to: plain(r.latest), orders: plain(r.orders) });
}

/**
 * Paints a node's tile: its name, the never-Ready tag, its pods.
 * @type {import('../ui/cells.js').Paint<PodsTile>}
 */
function paintPods(c, tile, dense) {
  const n = tile.node;
  c.dataset.summary = summary(n);
  c.setAttribute('aria-label', tile.sig);
  c.title = tile.sig;
  if (dense) return;
  c.replaceChildren(...[h('span', { class: 'nm' }, n.node),
    tile.never ? h('span', { class: 'tag' }, t('ro.neverReadyTag')) : null,
    h('span', { class: 'pods', 'aria-hidden': 'true' }, n.pods.length
      ? n.pods.map((p, j) => h('span', { class: 'pod', 'data-gen': p.generation, 'data-phase': p.phase, 'data-ready': String(p.ready), 'data-available': String(p.available) }, tile.words[j]))
      : h('span', { class: 'pod none' }, t(n.shouldRun ? 'ro.noPod' : 'ro.untargeted')))].filter((x) => x !== null));
}

export class RolloutView extends View {
  /** @param {Engine} engine */
  constructor(engine) {
    super({ id: 'rollout', label: 'tab.rollout' });
    this.engine = engine;
    /** @type {Form} */
    this.form = { ...ROLLOUT_DEFAULTS };
    /** @type {Timeline | null} */
    this.timeline = null;
    this.step = 0;
    /** @type {Map<number, Snapshot>} snapshots by second */
    this.cache = new Map();
    this.key = '';
    /** @type {ReturnType<typeof setInterval> | null} */
    this.playing = null;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    /** @type {string | undefined} the DaemonSet editor's text */
    this.ds = undefined;
    /** @type {number | undefined} the second the grid shows */
    this.shownT = undefined;
    /** @type {import('./charts.js').RolloutChart | null} the counters over time (charts.js, fetched with the first timeline) */
    this.chart = null;
    /** @type {import('./charts.js').Multiples | null} the nodes at a few instants */
    this.mults = null;
  }

  /** The form as far as it differs from the defaults. */
  state() {
    /** @type {Partial<Form>} */
    const s = {};
    for (const [k, v] of Object.entries(this.form)) if (v !== ROLLOUT_DEFAULTS[/** @type {keyof Form} */ (k)]) /** @type {Record<string, unknown>} */ (s)[k] = v;
    return s;
  }

  /** @param {unknown} s a form from a share link */
  restore(s) {
    this.form = { ...ROLLOUT_DEFAULTS };
    if (s && typeof s === 'object') {
      const given = /** @type {Record<string, unknown>} */ (s);
      const form = /** @type {Record<string, unknown>} */ (this.form);
      for (const k of Object.keys(ROLLOUT_DEFAULTS)) if (k in given && (typeof given[k] === 'string' || (k === 'copy' && given[k] === null))) form[k] = given[k];
    }
    if (!MODES.includes(this.form.mode)) this.form.mode = 'restart';
    if (this.root) this.fillForm();
  }

  /** @returns {Shared} the form, for the share link */
  save() {
    return { rollout: this.state() };
  }

  /** @param {Shared} s */
  load(s) {
    this.restore(s.rollout);
  }

  /** Another example: the edited copy belonged to the last one. */
  reset() {
    this.restore({ ...this.state(), copy: null });
  }

  // ---------------------------------------------------------------- DOM

  /** @param {HTMLElement} panel */
  mount(panel) {
    /**
     * @param {string} name
     * @param {string} label
     * @param {{wide?: boolean, hint?: string, input?: import('../ui/dom.js').Attrs}} [attrs]
     */
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
      const el = /** @type {HTMLInputElement} */ (e.target);
      if (!el.name) return;
      /** @type {Record<string, unknown>} */ (this.form)[el.name] = el.value;
      if (el.name === 'mode') this.showMode();
      this.changed(el.name === 'mode');
    });

    this.problem = h('p', { class: 'ro-problem bad-text', role: 'alert' });
    this.stale = h('p', { class: 'stale', hidden: true, 'data-i18n': 'ro.stale' }, t('ro.stale'));
    this.verdict = h('section', { class: 'ro-verdict', 'aria-live': 'polite' });
    this.startEl = h('section', { class: 'ro-start', 'aria-labelledby': 'ro-start-h' });
    this.play = h('button', { type: 'button', class: 'ro-play primary', 'aria-pressed': 'false' });
    this.prev = h('button', { type: 'button', class: 'ro-step', 'data-i18n-attr': 'aria-label:ro.prev', 'aria-label': t('ro.prev') }, '◀');
    this.next = h('button', { type: 'button', class: 'ro-step', 'data-i18n-attr': 'aria-label:ro.next', 'aria-label': t('ro.next') }, '▶');
    this.slider = h('input', { type: 'range', id: 'ro-slider', min: '0', max: '0', step: '1', value: '0' });
    this.at = h('output', { class: 'ro-at', for: 'ro-slider' });
    this.play.addEventListener('click', () => (this.playing ? this.pause() : this.start()));
    this.prev.addEventListener('click', () => { this.pause(); this.show(this.step - 1); });
    this.next.addEventListener('click', () => { this.pause(); this.show(this.step + 1); });
    this.slider.addEventListener('input', () => { this.pause(); this.show(Number(this.slider?.value)); });
    this.counters = h('div', { class: 'ro-counters', id: 'ro-counters' });
    this.kubectl = h('div', { class: 'ro-kubectl' });
    this.events = h('div', { class: 'ro-events' });
    this.gridEl = h('ul', { class: 'ro-grid', 'data-i18n-attr': 'aria-label:ro.gridLabel', 'aria-label': t('ro.gridLabel') });
    /** @type {NodeGrid<PodsTile>} the nodes' pods at the instant shown (not selectable) */
    this.grid = new NodeGrid(this.gridEl, { tag: 'li', paint: paintPods });
    this.legend = h('ul', { class: 'ro-legend', 'aria-hidden': 'true' });
    this.chartBox = h('div', { class: 'ro-chart', hidden: true });
    this.multBox = h('div', { class: 'ro-mults', hidden: true });
    this.out = h('div', { class: 'ro-out' },
      this.stale, this.verdict, this.startEl, this.chartBox,
      h('div', { class: 'ro-player', role: 'group', 'data-i18n-attr': 'aria-label:ro.player', 'aria-label': t('ro.player') },
        this.play, this.prev,
        h('label', { class: 'sr-only', for: 'ro-slider', 'data-i18n': 'ro.slider' }, t('ro.slider')), this.slider, this.next, this.at),
      h('div', { class: 'ro-instant' }, this.counters, this.kubectl, this.events),
      this.multBox, this.legend, this.gridEl);
    this.out.hidden = true;
    this.empty = h('p', { class: 'empty', hidden: true });
    this.root = h('div', { class: 'ro' }, this.formEl, this.problem, this.empty, this.out);
    panel.replaceChildren(this.root);
    this.fillForm();
    this.playLabel();
  }

  fillForm() {
    if (!this.formEl || !this.copyArea) return;
    const form = /** @type {Record<string, unknown>} */ (this.form);
    for (const el of /** @type {HTMLInputElement[]} */ ([...this.formEl.elements])) {
      if (!el.name || !(el.name in this.form)) continue;
      if (el.name === 'copy') continue;
      if (el.value !== form[el.name]) el.value = String(form[el.name]);
    }
    if (this.form.copy === null && this.ds !== undefined) this.copyArea.value = this.ds;
    else if (this.form.copy !== null && this.copyArea.value !== this.form.copy) this.copyArea.value = this.form.copy;
    this.showMode();
  }

  showMode() {
    for (const d of /** @type {NodeListOf<HTMLElement>} */ (this.formEl?.querySelectorAll('.ro-mode') ?? [])) d.hidden = !(d.dataset.mode ?? '').split(' ').includes(this.form.mode);
  }

  /** The form changed: run again shortly. */
  changed(now = false) {
    if (this.form.copy === null && this.form.mode === 'copy' && this.copyArea && this.copyArea.value !== this.ds) this.form.copy = this.copyArea.value;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), now ? 0 : 350);
  }

  // ------------------------------------------------------------- engine

  /** @param {ViewContext} ctx */
  render(ctx) {
    this.ctx = ctx;
    this.ds = ctx.ds;
    if (!this.root || !this.copyArea || !this.stale) return;
    if (this.form.copy === null && this.copyArea.value !== ctx.ds) this.copyArea.value = ctx.ds ?? '';
    this.stale.hidden = !(ctx.hasErrors && this.timeline);
    this.root.classList.toggle('is-stale', Boolean(ctx.hasErrors && this.timeline));
    this.showDeletes();
    this.run();
  }

  run() {
    const ctx = this.ctx;
    if (!ctx || !this.empty || !this.out || !this.problem) return;
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
    this.engine.cancel('multiples');
    this.engine.request('rollout', { call: 'rollout', args: [ctx.ds, options], mask: WITHOUT_HISTORY }, ({ result, error }) => this.got(key, result, error));
  }

  /**
   * @param {string} key
   * @param {Timeline | null} timeline
   * @param {PlainError | null} error
   */
  got(key, timeline, error) {
    if (key !== this.key || !this.problem || !this.out || !this.stale || !this.root || !this.slider) return;
    this.setCopyDiagnostics(error);
    if (error || !timeline) {
      this.key = '';
      this.problem.textContent = error?.source === 'newDaemonSet' ? t('ro.copyInvalid') : t('ro.failed', { error: error ? diagnosticText(error) : '' });
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
    this.drawCharts();
    bump('rollouts');
  }

  /** The chart and the small multiples of the timeline (charts.js, fetched the first time). */
  drawCharts() {
    import('./charts.js').then((m) => {
      const tl = this.timeline;
      if (!tl || !this.chartBox || !this.multBox) return;
      if (!this.chart) {
        /** @param {number} i */
        const onPick = (i) => { this.pause(); this.show(i); };
        this.chart = new m.RolloutChart({ onPick, describedBy: 'ro-counters' });
        this.mults = new m.Multiples({ onPick, snapshot: (t, done) => this.snapshot(t, 'multiples', done) });
        this.chartBox.replaceChildren(this.chart.el);
        this.multBox.replaceChildren(this.mults.el);
      }
      this.chartBox.hidden = false;
      this.multBox.hidden = false;
      this.chart.draw(tl, this.step);
      this.mults?.draw(tl, this.step);
    }, () => { /* the pictures are extra: the page works without them */ });
  }

  /**
   * The snapshot of second `t` of the timeline shown: from the cache, or from
   * the engine in request slot `slot` (kept in the cache). `done` is not
   * called when another timeline arrived meanwhile.
   * @param {number} t
   * @param {string} slot
   * @param {(s: Snapshot) => void} done
   */
  snapshot(t, slot, done) {
    const tl = this.timeline;
    const cached = this.cache.get(t);
    if (cached) return done(cached);
    this.engine.request(slot, { call: 'snapshot', args: [t] }, ({ result }) => {
      /** @type {Snapshot | null} */
      const s = result;
      if (!s || this.timeline !== tl) return;
      if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value ?? 0);
      this.cache.set(s.t, s);
      done(s);
    });
  }

  /** @param {PlainError | null} error */
  setCopyDiagnostics(error) {
    const list = [];
    if (error && error.source === 'newDaemonSet') {
      for (const d of error.diagnostics ?? [error]) list.push(diagItem('error', diagnosticText(d), [' ', located(d)]));
    }
    this.copyDiag?.replaceChildren(...list);
  }

  showDeletes() {
    const onDelete = (this.timeline && this.timeline.strategy === 'OnDelete') || this.ctx?.report?.updateStrategy?.type === 'OnDelete' || this.form.deletes;
    const el = /** @type {HTMLElement | null | undefined} */ (this.formEl?.querySelector('.ro-deletes'));
    if (el) el.hidden = !onDelete;
  }

  // ------------------------------------------------------------ verdict

  renderVerdict() {
    const tl = this.timeline;
    if (!tl) return;
    const out = [];
    let head;
    if (tl.completed) {
      head = h('p', { class: 'ro-outcome ok-text', 'data-outcome': 'completed' }, tx('ro.completed', { t: plain(tl.ticks) }));
    } else if (tl.stalled) {
      head = h('p', { class: 'ro-outcome bad-text', 'data-outcome': 'stalled' }, tx('ro.stalled', { t: plain(tl.lastChangeAt) }));
    } else {
      head = h('p', { class: 'ro-outcome warn-text', 'data-outcome': 'limit' }, tx('ro.limitReached', { t: plain(tl.ticks) }));
    }
    out.push(head);
    if (tl.completed && tl.kubectlDoneAt !== null && tl.kubectlDoneAt !== tl.ticks) out.push(h('p', null, tx('ro.kubectlEarly', { t: plain(tl.kubectlDoneAt) })));
    if (tl.stallReasons.length) out.push(h('ul', { class: 'ro-reasons' }, tl.stallReasons.map((r) => h('li', { 'data-kind': r.kind }, this.reason(r)))));
    const b = tl.budget;
    if (tl.strategy === 'OnDelete') out.push(h('p', { class: 'muted' }, tx('ro.onDelete', { strategy: 'OnDelete' })));
    else if (b.maxUnavailable !== null) {
      out.push(h('p', { class: 'muted' }, tx('ro.budget', {
        strategy: tl.strategy, unavailable: `maxUnavailable ${b.maxUnavailable}`, surge: `maxSurge ${b.maxSurge ?? 0}`,
        desired: plain(b.desiredNumberScheduled), minReady: `minReadySeconds ${tl.minReadySeconds}`,
      })));
    }
    out.push(this.orders(tl.orders));
    this.verdict?.replaceChildren(...out);
    this.renderStart();
  }

  /**
   * What the order of the nodes changes: the outcomes over the orders the
   * engine explored (or sampled).
   * @param {OrderRange} o
   */
  orders(o) {
    if (o.exploration === 'exhaustive' && o.orders <= 1) {
      return h('div', { class: 'ro-order', 'data-orders': '1' }, h('p', { class: 'ro-note muted' }, t('ro.order.one')));
    }
    const over = o.exploration === 'exhaustive'
      ? tx('ro.order.exhaustive', { orders: plain(o.orders), classes: plain(o.classes) })
      : tx('ro.order.sampled', { orders: plain(o.orders) });
    const facts = [];
    if (o.completed) facts.push(h('li', { 'data-end': 'completed' }, rangeWords('ro.order.completed', o.completed)));
    if (o.stalled) facts.push(h('li', { 'data-end': 'stalled' }, rangeWords('ro.order.stalled', o.stalled)));
    if (o.unfinished) facts.push(h('li', { 'data-end': 'unfinished' }, tx('ro.order.unfinished', { orders: plain(o.unfinished.orders) })));
    if (o.kubectlDone) facts.push(h('li', { 'data-end': 'kubectl' }, rangeWords('ro.order.kubectl', o.kubectlDone)));
    return h('div', { class: 'ro-order', 'data-orders': String(o.orders), 'data-exploration': o.exploration },
      h('p', { class: 'ro-note' }, t('ro.order.some')),
      h('p', { class: 'ro-note' }, over),
      h('ul', { class: 'ro-order-ends' }, facts));
  }

  /** The state at t = 0: the counters before the change and what each node has. */
  renderStart() {
    const tl = this.timeline;
    if (!tl || !this.startEl) return;
    /** @type {Map<string, {kind: string, reasons: string, verdict: string, nodes: string[]}>} */
    const groups = new Map();
    for (const n of tl.nodes) {
      const kind = startKind(n);
      const reasons = (n.start.pods[0]?.unschedulableReasons || []).join(', ');
      const key = `${kind}|${reasons}|${n.start.verdict}`;
      const g = groups.get(key) || { kind, reasons, verdict: n.start.verdict, nodes: [] };
      g.nodes.push(n.name);
      groups.set(key, g);
    }
    const items = [...groups.values()]
      .sort((a, b) => STARTS.indexOf(a.kind) - STARTS.indexOf(b.kind))
      .map((g) => h('li', { 'data-start': g.kind, 'data-verdict': g.verdict },
        tx(`ro.st.${g.kind}`, { nodes: nameList(g.nodes), reasons: g.reasons, verdict: document.createTextNode(t(`state.${g.verdict}`)) })));
    this.startEl.replaceChildren(
      h('h2', { id: 'ro-start-h' }, t('ro.st.head')),
      h('p', { class: 'ro-note', 'data-basis': tl.startBasis }, t(`ro.st.${tl.startBasis}`)),
      h('div', { class: 'ro-start-status' }, h('p', { class: 'ro-k-head' }, t('ro.st.status')), countersTable(tl.name, tl.initialStatus)),
      h('ul', { class: 'ro-start-nodes' }, items));
  }

  /**
   * Why the rollout stalled, in words.
   * @param {StallReason} r
   * @returns {import('../ui/dom.js').Child}
   */
  reason(r) {
    switch (r.kind) {
      case 'failedCreate': return tx('ro.r.failedCreate', { nodes: nameList(r.nodes), event: r.event });
      case 'neverReady': {
        /** @type {import('../ui/dom.js').Child[]} */
        const parts = [tx('ro.r.neverReady', { nodes: nameList(r.nodes) })];
        if (r.budget && r.limit !== null) parts.push(' ', tx('ro.r.budget', { budget: r.budget, limit: plain(r.limit) }));
        if (r.waiting.length) parts.push(' ', tx('ro.r.waiting', { nodes: nameList(r.waiting) }));
        return parts;
      }
      case 'hostPortSurge':
        return tx('ro.r.hostPortSurge', { surge: `maxSurge ${r.maxSurge}`, ports: r.ports.map(fmt.hostPort).join(', '), nodes: nameList(r.nodes) });
      case 'unschedulable': {
        const reasons = r.failures.flatMap((f) => f.reasons);
        /** @type {import('../ui/dom.js').Child[]} */
        const parts = [tx('ro.r.unschedulable', { node: r.node, reasons: reasons.join(', ') })];
        for (const x of r.insufficient || []) {
          parts.push(' ', tx('ro.r.insufficient', {
            resource: x.resource, requested: fmt.amount(x.resource, x.requested), used: fmt.amount(x.resource, x.used), capacity: fmt.amount(x.resource, x.capacity),
          }));
        }
        if (r.besideOldPod) parts.push(' ', t('ro.r.besideOld'));
        return parts;
      }
      case 'budgetHeld':
        return tx('ro.r.budgetHeld', { waiting: nameList(r.waiting), nodes: nameList(r.heldBy), budget: r.budget, limit: plain(r.limit) });
      case 'onDeleteWaiting': return tx('ro.r.onDeleteWaiting', { nodes: nameList(r.nodes) });
      case 'oldPodKept': return tx('ro.r.oldPodKept', { nodes: nameList(r.nodes) });
      case 'invalidStrategy': return tx('ro.r.invalidStrategy', { error: r.error });
      case 'onDeleteNoRolloutStatus':
        return r.allUpdatedAt === null ? t('ro.r.onDeleteNoStatus') : tx('ro.r.onDeleteAllUpdated', { t: plain(r.allUpdatedAt) });
      case 'notUpdated': return tx('ro.r.notUpdated', { nodes: nameList(r.nodes) });
      default: return code(JSON.stringify(r));
    }
  }

  legendOnce() {
    this.legend?.replaceChildren(...SUMMARIES.map((s) => h('li', { 'data-summary': s }, h('span', { class: 'sw' }), t(`ro.sum.${s}`))));
  }

  // ------------------------------------------------------------- player

  start() {
    const log = this.timeline?.log;
    if (!log || log.length < 2) return;
    if (this.step >= log.length - 1) this.show(0);
    const stride = Math.max(1, Math.ceil(log.length / 150));
    this.playing = setInterval(() => {
      if (!this.root || !this.root.isConnected || this.root.closest('[hidden]')) return this.pause();
      const next = Math.min(log.length - 1, this.step + stride);
      this.show(next);
      if (next >= log.length - 1) this.pause();
    }, 700);
    this.playLabel();
  }

  pause() {
    if (this.playing !== null) clearInterval(this.playing);
    this.playing = null;
    this.playLabel();
  }

  playLabel() {
    if (!this.play) return;
    this.play.textContent = t(this.playing ? 'ro.pause' : 'ro.play');
    this.play.setAttribute('aria-pressed', String(Boolean(this.playing)));
    this.root?.setAttribute('data-playing', String(Boolean(this.playing)));
  }

  /**
   * Shows step `i` of the log: its counters and events now, the grid when its snapshot is there.
   * @param {number} i
   * @param {boolean} [force]
   */
  show(i, force = false) {
    if (!this.timeline || !this.slider || !this.at || !this.prev || !this.next || !this.gridEl) return;
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
    this.chart?.mark(i);
    this.mults?.mark(i);
    const snap = this.cache.get(e.t);
    if (snap) return this.renderGrid(snap);
    this.gridEl.setAttribute('aria-busy', 'true');
    this.snapshot(e.t, 'snapshot', (s) => {
      if (this.timeline && this.timeline.log[this.step].t === s.t) this.renderGrid(s);
    });
  }

  /**
   * The counters, the kubectl line and the events of one logged second.
   * @param {TickEntry} e
   * @param {boolean} last
   */
  renderInstant(e, last) {
    const tl = this.timeline;
    if (!tl) return;
    this.counters?.replaceChildren(h('h3', null, t('ro.countersAt', { t: num(e.t) })), countersTable(tl.name, e.status));
    const line = e.kubectl ?? null;
    this.kubectl?.replaceChildren(
      h('p', { class: 'ro-k-head' }, t('ro.kubectlHead'), ' ', h('span', { class: e.kubectlDone ? 'ok-text' : 'muted' }, t(e.kubectlDone ? 'ro.kubectlDone' : 'ro.kubectlWaiting'))),
      h('pre', { class: 'kubectl', lang: 'en' },
        h('code', { class: 'prompt' }, `$ kubectl rollout status ds/${tl.name} -n ${tl.namespace}\n`),
        line !== null ? h('code', { class: 'out' }, line) : h('code', { class: 'out err' }, `error: ${e.kubectlError ?? ''}`)));
    this.events?.replaceChildren(h('h3', null, t(last ? 'ro.eventsLast' : 'ro.events', { t: num(e.t) })), this.eventList(e));
  }

  /**
   * What happened at one logged second, in words.
   * @param {TickEntry} e
   */
  eventList(e) {
    /** @type {HTMLElement[]} */
    const items = [];
    /**
     * @param {string} key
     * @param {Record<string, unknown>} vars
     */
    const li = (key, vars) => items.push(h('li', null, tx(key, vars)));
    if (e.t === 0) li('ro.ev.applied', { generation: plain(e.status.observedGeneration) });
    if (e.userDeleted.length) li('ro.ev.userDeleted', { nodes: nameList(e.userDeleted.map((p) => p.node)) });
    const delOld = e.deleted.filter((p) => p.generation === 'old').map((p) => p.node);
    const delNew = e.deleted.filter((p) => p.generation === 'new').map((p) => p.node);
    if (delOld.length) li('ro.ev.deletedOld', { nodes: nameList(delOld) });
    if (delNew.length) li('ro.ev.deletedNew', { nodes: nameList(delNew) });
    if (e.removed.length) li('ro.ev.removed', { nodes: nameList(e.removed.map((p) => p.node)) });
    if (e.created.length) li('ro.ev.created', { nodes: nameList(e.created.map((p) => p.node)) });
    const pending = e.unschedulable || [];
    for (const p of pending.slice(0, LIST_MAX)) li('ro.ev.pending', { node: p.node, reasons: p.reasons.join(', ') });
    if (pending.length > LIST_MAX) items.push(h('li', null, t('common.more', { count: num(pending.length - LIST_MAX) })));
    if ((e.scheduled || []).length) li('ro.ev.scheduled', { nodes: nameList(e.scheduled || []) });
    if (e.becameReady.length) li('ro.ev.ready', { nodes: nameList(e.becameReady) });
    if (!items.length) li('ro.ev.none', {});
    return h('ul', { class: 'ro-ev' }, items);
  }

  /**
   * Every node's pods at the snapshot's second.
   * @param {Snapshot} snap
   */
  renderGrid(snap) {
    const tl = this.timeline;
    if (!tl || !this.grid || !this.gridEl) return;
    const never = new Set(tl.nodes.filter((x) => x.neverReady).map((x) => x.name));
    this.grid.setTiles(snap.nodes.map((node) => {
      const pods = node.pods.map(podWords);
      const label = `${node.node}: ${pods.length ? pods.join('; ') : t(node.shouldRun ? 'ro.noPod' : 'ro.untargeted')}${never.has(node.node) ? ` (${t('ro.neverReadyTag')})` : ''}`;
      return { name: node.node, sig: label, node, words: pods, never: never.has(node.node) };
    }));
    this.gridEl.dataset.t = String(snap.t);
    this.shownT = snap.t;
    this.gridEl.removeAttribute('aria-busy');
  }

  relabel() {
    if (!this.root) return;
    this.playLabel();
    if (this.timeline) {
      this.renderVerdict();
      this.legendOnce();
      this.grid?.relabel();
      this.chart?.relabel();
      this.mults?.relabel();
      this.show(this.step, true);
    }
  }
}
