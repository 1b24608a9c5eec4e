// The "Deployment vs DaemonSet" tab: where the default scheduler would put
// the replicas of a Deployment with the DaemonSet's pod template, next to
// the DaemonSet's pods (Simulator.compare), a node's scores on demand, and
// the differences between the two for this input. The engine decides
// everything; this file words its facts.
//
// A comparison on thousands of nodes carries megabytes of per-node detail
// (every replica's scores on every node). The worker keeps the whole result
// (`keep`) and sends the view the comparison without that detail (SUMMARY);
// a node's part of it comes when the node is chosen (nodePart).
import { h, scrollBox, fmt, diagnosticText, code, plain, nameList, tolList, NodeGrid, bump } from '../ui/index.js';
import { t, tx, num } from '../i18n/index.js';
import { View } from './view.js';

/** @typedef {import('../pkg/daemonset_sim.js').Comparison} Comparison */
/** @typedef {import('../pkg/daemonset_sim.js').Placement} Placement */
/** @typedef {import('../pkg/daemonset_sim.js').ReplicaPlacement} ReplicaPlacement */
/** @typedef {import('../pkg/daemonset_sim.js').NodeScore} NodeScore */
/** @typedef {import('../pkg/daemonset_sim.js').PluginFailure} PluginFailure */
/** @typedef {import('../pkg/daemonset_sim.js').RolloutFacts} RolloutFacts */
/** @typedef {import('../engine/engine.js').Engine} Engine */
/** @typedef {import('../engine/select.js').Mask} Mask */
/** @typedef {import('./view.js').ViewContext} ViewContext */
/** @typedef {import('./view.js').Shared} Shared */
/** @typedef {import('../ui/dom.js').Child} Child */

/** The per-node detail of a placement, left in the worker until a node is chosen. */
/** @typedef {'feasible' | 'scores' | 'rawScores' | 'reasons' | 'failures'} Detail */
/** @typedef {Omit<ReplicaPlacement, Detail>} PlacementSummary */
/** @typedef {Omit<Comparison, 'placement'> & {placement: Omit<Placement, 'placements'> & {placements: PlacementSummary[]}}} ComparisonSummary */
/** @typedef {{placement: {placements: Pick<ReplicaPlacement, 'feasible' | 'scores' | 'failures'>[]}}} NodePart */
/**
 * One replica as the chosen node's scores table shows it.
 * @typedef {PlacementSummary & {feasible: boolean, score: NodeScore | null, failures: PluginFailure[] | null}} ReplicaOnNode
 */
/** @typedef {{node: string, scorePlugins: Placement['scorePlugins'], replicas: ReplicaOnNode[]}} NodeScores */
/**
 * A node's tile on one side.
 * @typedef {import('../ui/cells.js').Tile & {kind: string, label: string, text: string, count: number}} CountTile
 */

const SCORE_ROWS = 200;
/** @type {Mask} everything but the per-node detail of every placement */
const SUMMARY = { '*': true, placement: { '*': true, placements: { '*': true, feasible: false, scores: false, rawScores: false, reasons: false, failures: false } } };
/**
 * A node's part of every placement of the kept comparison.
 * @param {string} node
 * @returns {Mask}
 */
const nodePart = (node) => ({ placement: { placements: { feasible: [node], scores: [node], failures: [node] } } });
/** @param {string | number | null | undefined} v */
const value = (v) => (v === null || v === undefined ? '—' : String(v));

/** @type {import('../ui/cells.js').Paint<CountTile>} */
function paintCount(c, tile, dense) {
  c.dataset.kind = tile.kind;
  c.dataset.count = String(tile.count);
  c.setAttribute('aria-label', tile.label);
  c.title = tile.label;
  if (!dense) c.replaceChildren(h('span', { class: 'nm' }, tile.name), ' ', h('span', { class: 'cnt' }, tile.text));
}

export class CompareView extends View {
  /** @param {Engine} engine */
  constructor(engine) {
    super({ id: 'deployment', label: 'tab.deployment' });
    this.engine = engine;
    this.replicas = '';
    /** @type {string | null} the node whose scores are shown */
    this.selected = null;
    /** @type {ComparisonSummary | null} */
    this.result = null;
    /** the id of the engine call the result (and the worker's kept comparison) came from */
    this.resultId = 0;
    this.key = '';
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    /** @type {import('./charts.js').CompareBars | null} pods per node as bars (charts.js, fetched with the first comparison) */
    this.bars = null;
  }

  /** The replica count when it is not the default. */
  state() {
    return this.replicas === '' ? {} : { replicas: this.replicas };
  }

  /** @param {unknown} s */
  restore(s) {
    const r = s && typeof s === 'object' ? /** @type {Record<string, unknown>} */ (s).replicas : undefined;
    this.replicas = /^\d+$/.test(String(r ?? '')) ? String(r) : '';
    if (this.input) this.input.value = this.replicas;
  }

  /** @returns {Shared} */
  save() {
    return { compare: { ...this.state(), node: this.selected || '' } };
  }

  /** @param {Shared} s */
  load(s) {
    this.restore(s.compare);
    const node = s.compare && typeof s.compare === 'object' ? /** @type {Record<string, unknown>} */ (s.compare).node : null;
    this.selected = (typeof node === 'string' && node) || null;
  }

  /** Another example: the replica count and the chosen node belonged to the last one. */
  reset() {
    this.restore({});
    this.selected = null;
  }

  /** @param {HTMLElement} panel */
  mount(panel) {
    const input = h('input', { type: 'number', id: 'cmp-replicas', min: '0', max: '100000', step: '1', inputmode: 'numeric' });
    this.input = input;
    input.value = this.replicas;
    input.addEventListener('input', () => {
      this.replicas = input.value.trim();
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.run(), 350);
    });
    this.resetButton = h('button', { type: 'button', class: 'cmp-reset' });
    this.resetButton.addEventListener('click', () => {
      this.replicas = '';
      input.value = '';
      this.run();
    });
    this.source = h('p', { class: 'cmp-source muted' });
    this.problem = h('p', { class: 'ro-problem bad-text', role: 'alert' });
    this.stale = h('p', { class: 'stale', hidden: true, 'data-i18n': 'ro.stale' }, t('ro.stale'));
    this.summary = h('p', { class: 'cmp-summary' });
    this.dsHead = h('h2', { id: 'cmp-ds-h' });
    this.depHead = h('h2', { id: 'cmp-dep-h' });
    const dsBox = h('div', { role: 'listbox', class: 'tiles', 'aria-labelledby': 'cmp-ds-h', 'aria-describedby': 'cmp-keys' });
    const depBox = h('div', { role: 'listbox', class: 'tiles', 'aria-labelledby': 'cmp-dep-h', 'aria-describedby': 'cmp-keys' });
    /** @param {string} name */
    const onSelect = (name) => this.pick(name);
    /** @type {NodeGrid<CountTile>} daemon pods per node */
    this.dsTiles = new NodeGrid(dsBox, { keys: 'listbox', paint: paintCount, onSelect });
    /** @type {NodeGrid<CountTile>} replicas per node */
    this.depTiles = new NodeGrid(depBox, { keys: 'listbox', paint: paintCount, onSelect });
    this.keys = h('p', { id: 'cmp-keys', class: 'muted keys', 'data-i18n': 'cmp.keys' }, t('cmp.keys'));
    this.barsBox = h('div', { class: 'cmp-bars', hidden: true });
    this.scores = h('article', { class: 'cmp-scores explain', 'aria-live': 'polite' });
    this.messages = h('section', { class: 'cmp-messages' });
    this.table = h('section', { class: 'cmp-table-sec' });
    this.out = h('div', { class: 'cmp-out' }, this.stale, this.summary,
      h('div', { class: 'cmp-grids' },
        h('section', { class: 'cmp-side', 'data-side': 'daemonset' }, this.dsHead, dsBox),
        h('section', { class: 'cmp-side', 'data-side': 'deployment' }, this.depHead, depBox)),
      this.keys, this.barsBox, this.scores, this.messages, this.table);
    this.out.hidden = true;
    this.empty = h('p', { class: 'empty', hidden: true });
    this.root = h('div', { class: 'cmp' },
      h('div', { class: 'cmp-controls' },
        h('label', { class: 'field-v', for: 'cmp-replicas' }, h('span', { 'data-i18n': 'cmp.replicas' }, t('cmp.replicas')), input),
        this.resetButton, this.source),
      this.problem, this.empty, this.out);
    panel.replaceChildren(this.root);
  }

  /** @param {ViewContext} ctx */
  render(ctx) {
    this.ctx = ctx;
    if (!this.root || !this.stale) return;
    this.stale.hidden = !(ctx.hasErrors && this.result);
    this.root.classList.toggle('is-stale', Boolean(ctx.hasErrors && this.result));
    if (this.result) this.draw();
    this.run();
  }

  relabel() {
    if (this.result) this.draw();
  }

  run() {
    const ctx = this.ctx;
    if (!ctx || !this.empty || !this.out || !this.problem) return;
    if (!ctx.report || (ctx.hasErrors && !this.result)) {
      this.empty.hidden = false;
      this.empty.textContent = t('engine.noResult');
      this.out.hidden = true;
      return;
    }
    this.empty.hidden = true;
    if (ctx.hasErrors) return;
    if (this.replicas !== '' && !/^\d+$/.test(this.replicas)) {
      this.problem.textContent = t('cmp.badReplicas');
      return;
    }
    this.problem.textContent = '';
    const replicas = this.replicas === '' ? null : Number(this.replicas);
    const key = JSON.stringify([ctx.version, ctx.ds, replicas]);
    if (key === this.key) return;
    this.key = key;
    this.engine.cancel('scores');
    this.engine.request('compare', { call: 'compare', args: [ctx.ds, replicas ?? undefined], keep: true, mask: SUMMARY }, ({ result, error, id }) => {
      if (key !== this.key || !this.problem || !this.out || !this.stale || !this.root || !this.scores) return;
      if (error) {
        this.key = '';
        this.problem.textContent = t('ro.failed', { error: diagnosticText(error) });
        return;
      }
      /** @type {ComparisonSummary} */
      const c = result;
      this.result = c;
      this.resultId = id;
      this.out.hidden = false;
      this.stale.hidden = true;
      this.root.classList.remove('is-stale');
      this.draw();
      if (this.selected && c.nodes.some((n) => n.name === this.selected)) this.pick(this.selected);
      else this.scores.replaceChildren(h('p', { class: 'empty' }, t('cmp.pickNode')));
      bump('comparisons');
    });
  }

  draw() {
    const c = this.result;
    if (!c || !this.source || !this.resetButton || !this.input || !this.summary || !this.dsHead || !this.depHead || !this.dsTiles || !this.depTiles) return;
    const sourceKey = { desiredNumberScheduled: 'cmp.src.desired', requested: 'cmp.src.requested', deployment: 'cmp.src.deployment' }[c.replicasSource];
    this.source.replaceChildren(tx(sourceKey, { replicas: plain(c.replicas), desired: plain(c.desiredNumberScheduled) }), ' ',
      t(c.deploymentSource === 'pasted' ? 'cmp.pasted' : 'cmp.derived'));
    this.resetButton.textContent = t('cmp.reset', { desired: num(c.desiredNumberScheduled) });
    this.resetButton.hidden = c.replicasSource !== 'requested';
    if (document.activeElement !== this.input && this.replicas === '') this.input.placeholder = String(c.replicas);
    this.summary.replaceChildren(tx('cmp.summary', {
      running: plain(c.daemonPods), pending: plain(c.daemonPodsPending), scheduled: plain(c.deploymentPods), depPending: plain(c.deploymentPodsPending), replicas: plain(c.replicas),
    }));
    this.dsHead.textContent = t('cmp.dsGrid');
    this.depHead.textContent = t('cmp.depGrid');
    this.dsTiles.setTiles(c.nodes.map((n) => {
      const cls = n.daemonPodPending ? 'pending' : n.daemonPods ? 'one' : 'zero';
      const text = n.daemonPodPending ? t('cmp.tile.pending') : t(n.daemonPods ? 'cmp.tile.daemon' : 'cmp.tile.none');
      const kind = `${cls} ${n.coverage}`;
      const label = `${n.name}: ${text}`;
      return { name: n.name, sig: `${kind}|${label}`, kind, label, text, count: n.daemonPods };
    }));
    this.depTiles.setTiles(c.nodes.map((n) => {
      const k = n.deploymentPods;
      const cls = k === 0 ? 'zero' : k === 1 ? 'one' : 'many';
      const text = k === 0 ? t('cmp.tile.none') : t('cmp.tile.replicas', { count: num(k) });
      const kind = `${cls} ${n.coverage}`;
      const label = `${n.name}: ${text}`;
      return { name: n.name, sig: `${kind}|${label}`, kind, label, text, count: k };
    }));
    this.dsTiles.choose(this.selected, false);
    this.depTiles.choose(this.selected, false);
    this.drawMessages();
    this.drawTable();
    this.drawBars();
  }

  /** Pods per node as bars, in the tiles' order (charts.js, fetched the first time). */
  drawBars() {
    import('./charts.js').then((m) => {
      const c = this.result;
      if (!c || !this.barsBox) return;
      if (!this.bars) {
        this.bars = new m.CompareBars({ onPick: (name) => this.pick(name) });
        this.barsBox.replaceChildren(this.bars.el);
      }
      this.barsBox.hidden = false;
      this.bars.draw(c.nodes, this.selected);
    }, () => { /* the pictures are extra: the page works without them */ });
  }

  /**
   * Chooses a node on both sides and asks the engine for its scores.
   * @param {string} name
   */
  pick(name) {
    this.selected = name;
    this.dsTiles?.choose(name, false, true);
    this.depTiles?.choose(name, false, true);
    this.bars?.choose(name);
    this.scores?.setAttribute('aria-busy', 'true');
    this.engine.request('scores', { read: 'compare', mask: nodePart(name) }, ({ result, of }) => {
      if (!result || of !== this.resultId || name !== this.selected) return;
      this.drawScores(this.nodeScores(name, result));
    });
  }

  // ------------------------------------------------------------- scores

  /**
   * Every replica as it concerns `node`: the summary's placements with the node's part.
   * @param {string} node
   * @param {NodePart} part
   * @returns {NodeScores}
   */
  nodeScores(node, part) {
    const pl = /** @type {ComparisonSummary} */ (this.result).placement;
    const detail = part.placement.placements;
    return {
      node,
      scorePlugins: pl.scorePlugins,
      replicas: pl.placements.map((p, i) => ({
        ...p,
        feasible: detail[i].feasible.includes(node),
        score: (detail[i].scores && detail[i].scores[node]) || null,
        failures: detail[i].failures[node] || null,
      })),
    };
  }

  /** @param {NodeScores} s */
  drawScores(s) {
    const c = this.result;
    const n = c?.nodes.find((x) => x.name === s.node);
    if (!n || !this.scores) return;
    // the plugins that gave this node a score for some replica (the others did not run)
    const shown = s.replicas.slice(0, SCORE_ROWS);
    const plugins = s.scorePlugins.filter((p) => shown.some((r) => r.score && r.score[p.name] !== undefined));
    const idle = s.scorePlugins.filter((p) => !plugins.includes(p));
    const rows = shown.map((r) => {
      const cls = [r.chosen === s.node ? 'bound-here' : '', r.topNodes.includes(s.node) && r.topNodesCount > 1 ? 'tie' : ''].join(' ').trim();
      /** @type {HTMLElement[]} */
      const cells = [h('th', { scope: 'row' }, num(r.replica + 1))];
      const span = plugins.length + 1;
      if (r.failures) {
        cells.push(h('td', { colspan: String(span), class: 'filtered' }, r.failures.map((f, i) => [i ? '; ' : '', tx('cmp.filtered', { plugin: f.plugin, reasons: f.reasons.join(', ') })])));
      } else if (r.score) {
        const score = r.score;
        for (const p of plugins) cells.push(h('td', { 'data-plugin': p.name }, score[p.name] === undefined ? '—' : num(score[p.name])));
        cells.push(h('td', { class: 'total', 'data-plugin': 'total' }, num(score.total)));
      } else {
        let why = 'cmp.notScored';
        if (r.nodeName) why = 'cmp.nodeName';
        else if (r.unschedulable) why = 'cmp.noFeasible';
        else if (r.singleFeasibleNoScoring && r.chosen === s.node) why = 'cmp.single';
        else if (r.abridged) why = 'cmp.abridged';
        else if (!r.feasible && r.searchStoppedEarly) why = 'cmp.notReached';
        cells.push(h('td', { colspan: String(span), class: 'muted' }, t(why)));
      }
      const tie = r.topNodesCount > 1
        ? [nameList(r.topNodes, 4), r.topNodesCount > r.topNodes.length ? ` (${num(r.topNodesCount)})` : '']
        : r.topNodes.length ? code(r.topNodes[0]) : '—';
      cells.push(h('td', { class: 'top' }, tie), h('td', { class: 'chosen' }, r.chosen ? code(r.chosen) : h('span', { class: 'bad-text' }, t('cmp.pendingReplica'))));
      return h('tr', { class: cls || null, 'data-replica': String(r.replica) }, cells);
    });
    const ties = s.replicas.filter((r) => r.topNodesCount > 1 && r.topNodes.includes(s.node));
    const out = [
      h('header', { class: 'ex-head' }, h('h2', null, tx('cmp.scoresHead', { name: s.node }))),
      h('p', null, tx('cmp.nodeLine', {
        daemon: h('span', null, n.daemonPodPending ? t('cmp.tile.pending') : t(n.daemonPods ? 'cmp.tile.daemon' : 'cmp.tile.none')),
        replicas: h('span', null, n.deploymentPods ? t('cmp.tile.replicas', { count: num(n.deploymentPods) }) : t('cmp.tile.none')),
      })),
      h('p', { class: 'note' }, t(ties.length ? 'cmp.tieNoteHere' : 'cmp.tieNote', { count: num(ties.length) })),
      h('p', { class: 'muted' }, t('cmp.scoresCaption')),
      scrollBox(null, h('table', { class: 'scores' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('cmp.replica')),
          plugins.map((p) => h('th', { scope: 'col' }, code(p.name), h('span', { class: 'w' }, ` ×${p.weight}`))),
          h('th', { scope: 'col' }, t('cmp.total')), h('th', { scope: 'col' }, t('cmp.top')), h('th', { scope: 'col' }, t('cmp.chosen')))),
        h('tbody', null, rows))),
    ];
    if (idle.length && plugins.length) out.push(h('p', { class: 'muted' }, t('cmp.idlePlugins'), ' ', idle.map((p, i) => [i ? ', ' : '', code(p.name)])));
    if (s.replicas.length > SCORE_ROWS) out.push(h('p', { class: 'muted' }, t('cmp.moreReplicas', { shown: num(SCORE_ROWS), total: num(s.replicas.length) })));
    this.scores.replaceChildren(...out);
    this.scores.removeAttribute('aria-busy');
    this.scores.dataset.node = s.node;
  }

  // ----------------------------------------------------------- messages

  drawMessages() {
    const c = this.result;
    if (!c || !this.messages) return;
    const out = [];
    /** @type {Map<string, number[]>} */
    const byMessage = new Map();
    for (const p of c.placement.placements) {
      if (!p.unschedulable || !p.message) continue;
      const list = byMessage.get(p.message) ?? [];
      list.push(p.replica + 1);
      byMessage.set(p.message, list);
    }
    const pendingNodes = new Set(c.nodes.filter((n) => n.daemonPodPending).map((n) => n.name));
    // a pending node's reason is the scheduler's message
    const dsMessages = (this.ctx?.report?.nodes || []).filter((n) => pendingNodes.has(n.name) && n.state === 'pending' && n.reason);
    if (!byMessage.size && !dsMessages.length) {
      this.messages.replaceChildren();
      return;
    }
    out.push(h('h2', null, t('cmp.messages')));
    for (const n of dsMessages) {
      out.push(h('p', null, tx('cmp.dsPendingMsg', { node: n.name })), h('pre', { class: 'kubectl', lang: 'en' }, h('code', null, n.reason)));
    }
    for (const [msg, replicas] of byMessage) {
      out.push(h('p', null, tx('cmp.depPendingMsg', { replicas: replicas.length > 8 ? `${replicas.slice(0, 8).join(', ')}, …` : replicas.join(', '), count: plain(replicas.length) })),
        h('pre', { class: 'kubectl', lang: 'en' }, h('code', null, msg)));
    }
    this.messages.replaceChildren(...out);
  }

  // -------------------------------------------------------------- table

  drawTable() {
    const c = this.result;
    if (!c || !this.table) return;
    /**
     * @param {string} id
     * @param {Child[]} ds
     * @param {Child[]} dep
     */
    const row = (id, ds, dep) => h('tr', { 'data-row': id },
      h('th', { scope: 'row' }, t(`cmp.row.${id}`)),
      h('td', { 'data-col': 'DaemonSet' }, h('p', null, t(`cmp.${id}.ds`)), ...ds.map((x) => h('div', { class: 'fact' }, x))),
      h('td', { 'data-col': 'Deployment' }, h('p', null, t(`cmp.${id}.dep`)), ...dep.map((x) => h('div', { class: 'fact' }, x))));
    const rows = [
      row('pods', this.podsDs(c), this.podsDep(c)),
      row('scheduling', this.schedDs(c), this.schedDep(c)),
      row('scaling', this.scaleDs(c), this.scaleDep(c)),
      row('services', this.tolDs(c), this.tolDep(c)),
      row('availability', [this.rounding(c.rollingUpdate.daemonSet, 'cmp.ru.nodes')], this.ruDep(c)),
    ];
    this.table.replaceChildren(h('h2', null, t('cmp.tableHead')),
      scrollBox(null, h('table', { class: 'cmp-table' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('cmp.aspect')), h('th', { scope: 'col' }, 'DaemonSet'), h('th', { scope: 'col' }, 'Deployment'))),
        h('tbody', null, rows))));
  }

  /** @param {ComparisonSummary} c */
  podsDs(c) {
    const out = [tx('cmp.pods.dsFacts', { desired: plain(c.desiredNumberScheduled), running: plain(c.daemonPods), pending: plain(c.daemonPodsPending) })];
    if (c.daemonSetOnly.length) out.push(tx('cmp.pods.dsOnly', { nodes: nameList(c.daemonSetOnly) }));
    return out;
  }

  /** @param {ComparisonSummary} c */
  podsDep(c) {
    const out = [tx('cmp.pods.depFacts', { replicas: plain(c.replicas), scheduled: plain(c.deploymentPods), pending: plain(c.deploymentPodsPending) })];
    if (c.deploymentOnly.length) out.push(tx('cmp.pods.depOnly', { nodes: nameList(c.deploymentOnly) }));
    if (c.deploymentDoubledUp.length) {
      const list = h('span', null, c.deploymentDoubledUp.slice(0, 6).map((d, i) => [i ? ', ' : '', code(d.node), ` (${num(d.pods)})`]),
        c.deploymentDoubledUp.length > 6 ? [' ', t('common.more', { count: num(c.deploymentDoubledUp.length - 6) })] : null);
      out.push(tx('cmp.pods.doubled', { nodes: list }));
    }
    const without = c.nodes.filter((n) => n.deploymentPods === 0).length;
    if (without) out.push(tx('cmp.pods.depNone', { count: plain(without), total: plain(c.nodes.length) }));
    return out;
  }

  /** @param {ComparisonSummary} c */
  schedDs(c) {
    /** @param {string} s */
    const by = (s) => c.nodes.filter((n) => n.daemonSetState === s).map((n) => n.name);
    const out = [tx('cmp.scheduling.dsFacts', { desired: plain(c.desiredNumberScheduled), total: plain(c.nodes.length) })];
    const excluded = by('excluded');
    if (excluded.length) out.push(tx('cmp.scheduling.excluded', { nodes: nameList(excluded) }));
    const pending = by('pending');
    if (pending.length) out.push(tx('cmp.scheduling.pending', { nodes: nameList(pending) }));
    return out;
  }

  /** @param {ComparisonSummary} c */
  schedDep(c) {
    const pl = c.placement.placements;
    /** @type {Child[]} */
    const out = [];
    if (pl.length) out.push(tx('cmp.scheduling.depFacts', { feasible: plain(pl[0].feasibleCount), total: plain(c.nodes.length) }));
    const ties = pl.filter((p) => p.topNodesCount > 1).length;
    if (ties) out.push(tx('cmp.scheduling.ties', { ties: plain(ties), replicas: plain(pl.length) }));
    out.push(h('span', null, t('cmp.scheduling.plugins'), ' ', c.placement.scorePlugins.map((p, i) => [i ? ', ' : '', code(p.name), ` ×${p.weight}`])));
    if (c.placement.truncated) out.push(t('cmp.truncated', { count: num(pl.length) }));
    return out;
  }

  /** @param {ComparisonSummary} c */
  scaleDs(c) {
    const a = c.nodeAdded;
    const out = [];
    out.push(a.nodesLikeTheseGetADaemonPod.length
      ? tx('cmp.scaling.dsAdded', { nodes: nameList(a.nodesLikeTheseGetADaemonPod), desired: plain(c.desiredNumberScheduled), after: plain(a.daemonSetDesiredAfter) })
      : t('cmp.scaling.dsAddedNone'));
    const r = c.nodeRemoved.find((x) => x.daemonPodRemoved);
    if (r) out.push(tx('cmp.scaling.dsRemoved', { node: r.node, after: plain(r.daemonSetDesiredAfter) }));
    return out;
  }

  /** @param {ComparisonSummary} c */
  scaleDep(c) {
    const a = c.nodeAdded;
    const out = [tx('cmp.scaling.depAdded', { replicas: plain(a.deploymentReplicasAfter), moved: plain(a.deploymentPodsMoved) })];
    const r = c.nodeRemoved.find((x) => x.deploymentPodsLost > 0 && x.replacementsSimulated);
    if (r && r.replacements.every((x) => x === null)) {
      out.push(tx('cmp.scaling.depRemovedPending', { node: r.node, lost: plain(r.deploymentPodsLost), replicas: plain(r.deploymentReplicasAfter) }));
    } else if (r) {
      const where = h('span', null, r.replacements.map((x, i) => [i ? ', ' : '', x === null ? t('cmp.pendingReplica') : code(x)]));
      out.push(tx('cmp.scaling.depRemoved', { node: r.node, lost: plain(r.deploymentPodsLost), replicas: plain(r.deploymentReplicasAfter), where }));
    }
    return out;
  }

  /** @param {number | null} secs */
  eviction(secs) {
    return h('span', null, secs === null ? t('cmp.never') : secs === 0 ? t('cmp.atOnce') : t('cmp.after', { seconds: num(secs) }));
  }

  /**
   * @param {ComparisonSummary} c
   * @returns {Child[]}
   */
  tolDs(c) {
    const f = c.tolerations;
    return [
      [t('cmp.services.dsAuto'), tolList(f.daemonSetAutomatic)],
      tx('cmp.services.evict', { notReady: this.eviction(f.daemonPodNotReadyEvictionSeconds), unreachable: this.eviction(f.daemonPodUnreachableEvictionSeconds) }),
    ];
  }

  /** @param {ComparisonSummary} c */
  tolDep(c) {
    const f = c.tolerations;
    /** @type {Child[]} */
    const out = [];
    if (f.deploymentAdded.length) out.push([tx('cmp.services.depAdded', { plugin: 'DefaultTolerationSeconds' }), tolList(f.deploymentAdded)]);
    out.push(tx('cmp.services.evict', { notReady: this.eviction(f.deploymentPodNotReadyEvictionSeconds), unreachable: this.eviction(f.deploymentPodUnreachableEvictionSeconds) }));
    /**
     * @param {string} o
     * @param {number | null} secs
     */
    const outcome = (o, secs) => t(`cmp.outcome.${o}`, { seconds: num(secs ?? 0) });
    for (const d of f.differences.slice(0, 6)) {
      out.push(tx('cmp.services.diff', {
        node: d.node, taint: d.text,
        ds: h('span', null, outcome(d.daemonPod, d.daemonTolerationSeconds)), dep: h('span', null, outcome(d.deploymentPod, d.deploymentTolerationSeconds)),
      }));
    }
    if (f.differences.length > 6) out.push(t('common.more', { count: num(f.differences.length - 6) }));
    return out;
  }

  /**
   * A workload's rolling-update limits with their rounding, as the engine computed them.
   * @param {RolloutFacts} r
   * @param {string} ofKey
   */
  rounding(r, ofKey) {
    if (r.strategyType !== 'RollingUpdate') return tx('cmp.ru.none', { strategy: value(r.strategyType) });
    if (r.error) return tx('cmp.ru.error', { error: r.error });
    /** @type {Child[]} */
    const parts = [tx('cmp.ru.line', {
      unavailable: `maxUnavailable ${value(r.maxUnavailable)}`, of: h('span', null, t(ofKey, { total: num(r.total) })),
      uround: h('span', null, t(`cmp.round.${r.maxUnavailableRounding}`)), uvalue: value(r.scaledMaxUnavailable),
      surge: `maxSurge ${value(r.maxSurge)}`, sround: h('span', null, t(`cmp.round.${r.maxSurgeRounding}`)), svalue: value(r.scaledMaxSurge),
    })];
    if (r.zeroZeroAdjusted) parts.push(' ', tx('cmp.ru.zeroZero', { value: value(r.effectiveMaxUnavailable) }));
    return h('span', null, parts);
  }

  /** @param {ComparisonSummary} c */
  ruDep(c) {
    const ru = c.rollingUpdate;
    const out = [this.rounding(ru.deployment, 'cmp.ru.replicas')];
    const as = ru.daemonSetValuesAsDeployment;
    if (as.strategyType === 'RollingUpdate' && !as.error) {
      out.push(tx('cmp.ru.asDeployment', {
        unavailable: `maxUnavailable ${value(as.maxUnavailable)}`, uround: h('span', null, t(`cmp.round.${as.maxUnavailableRounding}`)),
        uvalue: value(as.scaledMaxUnavailable), dsvalue: value(ru.daemonSet.scaledMaxUnavailable),
      }));
    }
    return out;
  }
}
