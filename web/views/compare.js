// The "Deployment vs DaemonSet" tab: where the default scheduler would put
// the replicas of a Deployment with the DaemonSet's pod template, next to
// the DaemonSet's pods (Simulator.compare), a node's scores on demand, and
// the differences between the two for this input. The engine decides
// everything; this file words its facts.
import { h } from './dom.js';
import { t, tx, num } from './i18n.js';
import { nameList, n as plain } from './rollout.js';
import * as fmt from './format.js';

const DENSE_AT = 150;
const SCORE_ROWS = 200;
const code = (s) => h('code', null, s);
const tolList = (tols) => h('ul', { class: 'tols' }, tols.map((x) => h('li', null, code(fmt.toleration(x)))));
const value = (v) => (v === null || v === undefined ? '—' : String(v));

/** A listbox of node tiles: arrow keys move, Enter / Space / click select. */
class Tiles {
  constructor(root, onSelect) {
    this.root = root;
    this.onSelect = onSelect;
    this.cells = new Map();
    this.active = null;
    root.addEventListener('click', (e) => {
      const c = e.target.closest('[role=option]');
      if (c) this.onSelect(c.dataset.node, c);
    });
    root.addEventListener('keydown', (e) => this.key(e));
  }

  /** items: [{name, cls, label, text}] */
  set(items, dense) {
    if (dense !== this.dense) this.cells.clear();
    this.dense = dense;
    this.root.classList.toggle('dense', dense);
    const list = items.map((it) => {
      let c = this.cells.get(it.name);
      if (!c) {
        c = h('div', { role: 'option', 'data-node': it.name, tabindex: '-1', 'aria-selected': 'false' });
        this.cells.set(it.name, c);
      }
      const sig = `${it.cls}|${it.label}`;
      if (c.dataset.sig !== sig) {
        c.dataset.sig = sig;
        c.dataset.kind = it.cls;
        c.dataset.count = String(it.count);
        c.setAttribute('aria-label', it.label);
        c.title = it.label;
        if (!dense) c.replaceChildren(h('span', { class: 'nm' }, it.name), h('span', { class: 'cnt', 'aria-hidden': 'true' }, it.text));
      }
      return c;
    });
    const names = new Set(items.map((i) => i.name));
    for (const k of [...this.cells.keys()]) if (!names.has(k)) this.cells.delete(k);
    this.root.replaceChildren(...list);
    if (!this.active || !names.has(this.active)) this.active = items[0]?.name ?? null;
    for (const c of list) c.tabIndex = c.dataset.node === this.active ? 0 : -1;
  }

  select(name) {
    for (const c of this.cells.values()) c.setAttribute('aria-selected', String(c.dataset.node === name));
    if (name && this.cells.has(name)) this.focus(name, false);
  }

  focus(name, move) {
    const prev = this.cells.get(this.active);
    if (prev) prev.tabIndex = -1;
    this.active = name;
    const c = this.cells.get(name);
    if (!c) return;
    c.tabIndex = 0;
    if (move) c.focus();
  }

  key(e) {
    const c = e.target.closest('[role=option]');
    if (!c) return;
    const all = [...this.root.children];
    let i = all.indexOf(c);
    const cols = Math.max(1, all.filter((x) => x.offsetTop === all[0].offsetTop).length);
    switch (e.key) {
      case 'ArrowRight': i++; break;
      case 'ArrowLeft': i--; break;
      case 'ArrowDown': i += cols; break;
      case 'ArrowUp': i -= cols; break;
      case 'Home': i = 0; break;
      case 'End': i = all.length - 1; break;
      case 'Enter':
      case ' ':
        e.preventDefault();
        this.onSelect(c.dataset.node, c);
        return;
      default: return;
    }
    e.preventDefault();
    i = Math.max(0, Math.min(all.length - 1, i));
    this.focus(all[i].dataset.node, true);
  }
}

export class CompareView {
  constructor(engine, { onChange }) {
    this.engine = engine;
    this.onChange = onChange;
    this.replicas = '';
    this.selected = null;
    this.result = null;
    this.key = '';
  }

  state() {
    return this.replicas === '' ? {} : { replicas: this.replicas };
  }

  restore(s) {
    this.replicas = s && /^\d+$/.test(String(s.replicas ?? '')) ? String(s.replicas) : '';
    if (this.input) this.input.value = this.replicas;
  }

  build(panel) {
    this.input = h('input', { type: 'number', id: 'cmp-replicas', min: '0', max: '100000', step: '1', inputmode: 'numeric' });
    this.input.value = this.replicas;
    this.input.addEventListener('input', () => {
      this.replicas = this.input.value.trim();
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.run(), 350);
      this.onChange?.();
    });
    this.reset = h('button', { type: 'button', class: 'cmp-reset' });
    this.reset.addEventListener('click', () => {
      this.replicas = '';
      this.input.value = '';
      this.run();
      this.onChange?.();
    });
    this.source = h('p', { class: 'cmp-source muted' });
    this.problem = h('p', { class: 'ro-problem bad-text', role: 'alert' });
    this.stale = h('p', { class: 'stale', hidden: true, 'data-i18n': 'ro.stale' }, t('ro.stale'));
    this.summary = h('p', { class: 'cmp-summary' });
    this.dsHead = h('h3', { id: 'cmp-ds-h' });
    this.depHead = h('h3', { id: 'cmp-dep-h' });
    this.dsBox = h('div', { role: 'listbox', class: 'tiles', 'aria-labelledby': 'cmp-ds-h', 'aria-describedby': 'cmp-keys' });
    this.depBox = h('div', { role: 'listbox', class: 'tiles', 'aria-labelledby': 'cmp-dep-h', 'aria-describedby': 'cmp-keys' });
    const pick = (name) => this.pick(name);
    this.dsTiles = new Tiles(this.dsBox, pick);
    this.depTiles = new Tiles(this.depBox, pick);
    this.keys = h('p', { id: 'cmp-keys', class: 'muted keys', 'data-i18n': 'cmp.keys' }, t('cmp.keys'));
    this.scores = h('article', { class: 'cmp-scores explain', 'aria-live': 'polite' });
    this.messages = h('section', { class: 'cmp-messages' });
    this.table = h('section', { class: 'cmp-table-sec' });
    this.out = h('div', { class: 'cmp-out' }, this.stale, this.summary,
      h('div', { class: 'cmp-grids' },
        h('section', { class: 'cmp-side', 'data-side': 'daemonset' }, this.dsHead, this.dsBox),
        h('section', { class: 'cmp-side', 'data-side': 'deployment' }, this.depHead, this.depBox)),
      this.keys, this.scores, this.messages, this.table);
    this.out.hidden = true;
    this.empty = h('p', { class: 'empty', hidden: true });
    this.root = h('div', { class: 'cmp' },
      h('div', { class: 'cmp-controls' },
        h('label', { class: 'field-v', for: 'cmp-replicas' }, h('span', { 'data-i18n': 'cmp.replicas' }, t('cmp.replicas')), this.input),
        this.reset, this.source),
      this.problem, this.empty, this.out);
    panel.replaceChildren(this.root);
  }

  render(panel, ctx) {
    if (!this.root || !panel.contains(this.root)) this.build(panel);
    this.ctx = ctx;
    this.stale.hidden = !(ctx.hasErrors && this.result);
    this.root.classList.toggle('is-stale', Boolean(ctx.hasErrors && this.result));
    if (this.result) this.draw();
    this.run();
  }

  run() {
    const ctx = this.ctx;
    if (!ctx) return;
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
    this.engine.job('compare', { ds: ctx.ds, replicas }, ({ result, error }) => {
      if (key !== this.key) return;
      if (error) {
        this.key = '';
        this.problem.textContent = t('ro.failed', { error: fmt.diagnostic(error) });
        return;
      }
      this.result = result;
      this.out.hidden = false;
      this.stale.hidden = true;
      this.root.classList.remove('is-stale');
      this.draw();
      if (this.selected && result.nodes.some((n) => n.name === this.selected)) this.pick(this.selected);
      else this.scores.replaceChildren(h('p', { class: 'empty' }, t('cmp.pickNode')));
      document.documentElement.dataset.comparisons = String(Number(document.documentElement.dataset.comparisons || 0) + 1);
    });
  }

  draw() {
    const c = this.result;
    const sourceKey = { desiredNumberScheduled: 'cmp.src.desired', requested: 'cmp.src.requested', deployment: 'cmp.src.deployment' }[c.replicasSource];
    this.source.replaceChildren(tx(sourceKey, { replicas: plain(c.replicas), desired: plain(c.desiredNumberScheduled) }), ' ',
      t(c.deploymentSource === 'pasted' ? 'cmp.pasted' : 'cmp.derived'));
    this.reset.textContent = t('cmp.reset', { desired: num(c.desiredNumberScheduled) });
    this.reset.hidden = c.replicasSource !== 'requested';
    if (document.activeElement !== this.input && this.replicas === '') this.input.placeholder = String(c.replicas);
    this.summary.replaceChildren(tx('cmp.summary', {
      running: plain(c.daemonPods), pending: plain(c.daemonPodsPending), scheduled: plain(c.deploymentPods), depPending: plain(c.deploymentPodsPending), replicas: plain(c.replicas),
    }));
    this.dsHead.textContent = t('cmp.dsGrid');
    this.depHead.textContent = t('cmp.depGrid');
    const dense = c.nodes.length > DENSE_AT;
    this.dsTiles.set(c.nodes.map((n) => {
      const cls = n.daemonPodPending ? 'pending' : n.daemonPods ? 'one' : 'zero';
      const text = n.daemonPodPending ? t('cmp.tile.pending') : t(n.daemonPods ? 'cmp.tile.daemon' : 'cmp.tile.none');
      return { name: n.name, cls: `${cls} ${n.coverage}`, label: `${n.name}: ${text}`, text, count: n.daemonPods };
    }), dense);
    this.depTiles.set(c.nodes.map((n) => {
      const k = n.deploymentPods;
      const cls = k === 0 ? 'zero' : k === 1 ? 'one' : 'many';
      const text = k === 0 ? t('cmp.tile.none') : t('cmp.tile.replicas', { count: num(k) });
      return { name: n.name, cls: `${cls} ${n.coverage}`, label: `${n.name}: ${text}`, text, count: k };
    }), dense);
    this.dsTiles.select(this.selected);
    this.depTiles.select(this.selected);
    this.drawMessages();
    this.drawTable();
  }

  pick(name) {
    this.selected = name;
    this.dsTiles.select(name);
    this.depTiles.select(name);
    this.onChange?.();
    this.scores.setAttribute('aria-busy', 'true');
    this.engine.job('scores', { node: name }, ({ result }) => {
      if (!result || result.node !== this.selected) return;
      this.drawScores(result);
    });
  }

  // ------------------------------------------------------------- scores

  drawScores(s) {
    const c = this.result;
    const n = c.nodes.find((x) => x.name === s.node);
    // the plugins that gave this node a score for some replica (the others did not run)
    const shown = s.replicas.slice(0, SCORE_ROWS);
    const plugins = s.scorePlugins.filter((p) => shown.some((r) => r.score && r.score[p.name] !== undefined));
    const idle = s.scorePlugins.filter((p) => !plugins.includes(p));
    const rows = shown.map((r) => {
      const cls = [r.chosen === s.node ? 'bound-here' : '', r.topNodes.includes(s.node) && r.topNodesCount > 1 ? 'tie' : ''].join(' ').trim();
      const cells = [h('th', { scope: 'row' }, num(r.replica + 1))];
      const span = plugins.length + 1;
      if (r.failures) {
        cells.push(h('td', { colspan: String(span), class: 'filtered' }, r.failures.map((f, i) => [i ? '; ' : '', tx('cmp.filtered', { plugin: f.plugin, reasons: f.reasons.join(', ') })])));
      } else if (r.score) {
        for (const p of plugins) cells.push(h('td', { 'data-plugin': p.name }, r.score[p.name] === undefined ? '—' : num(r.score[p.name])));
        cells.push(h('td', { class: 'total', 'data-plugin': 'total' }, num(r.score.total)));
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
      h('div', { class: 'table-wrap' }, h('table', { class: 'scores' },
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
    const out = [];
    const byMessage = new Map();
    for (const p of c.placement.placements) {
      if (!p.unschedulable || !p.message) continue;
      if (!byMessage.has(p.message)) byMessage.set(p.message, []);
      byMessage.get(p.message).push(p.replica + 1);
    }
    const pendingNodes = new Set(c.nodes.filter((n) => n.daemonPodPending).map((n) => n.name));
    const dsMessages = (this.ctx.report?.nodes || []).filter((n) => pendingNodes.has(n.name) && n.message);
    if (!byMessage.size && !dsMessages.length) {
      this.messages.replaceChildren();
      return;
    }
    out.push(h('h3', null, t('cmp.messages')));
    for (const n of dsMessages) {
      out.push(h('p', null, tx('cmp.dsPendingMsg', { node: n.name })), h('pre', { class: 'kubectl', lang: 'en' }, h('code', null, n.message)));
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
    this.table.replaceChildren(h('h3', null, t('cmp.tableHead')),
      h('div', { class: 'table-wrap' }, h('table', { class: 'cmp-table' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('cmp.aspect')), h('th', { scope: 'col' }, 'DaemonSet'), h('th', { scope: 'col' }, 'Deployment'))),
        h('tbody', null, rows))));
  }

  podsDs(c) {
    const out = [tx('cmp.pods.dsFacts', { desired: plain(c.desiredNumberScheduled), running: plain(c.daemonPods), pending: plain(c.daemonPodsPending) })];
    if (c.daemonSetOnly.length) out.push(tx('cmp.pods.dsOnly', { nodes: nameList(c.daemonSetOnly) }));
    return out;
  }

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

  schedDs(c) {
    const by = (s) => c.nodes.filter((n) => n.daemonSetState === s).map((n) => n.name);
    const out = [tx('cmp.scheduling.dsFacts', { desired: plain(c.desiredNumberScheduled), total: plain(c.nodes.length) })];
    const excluded = by('excluded');
    if (excluded.length) out.push(tx('cmp.scheduling.excluded', { nodes: nameList(excluded) }));
    const pending = by('pending');
    if (pending.length) out.push(tx('cmp.scheduling.pending', { nodes: nameList(pending) }));
    return out;
  }

  schedDep(c) {
    const pl = c.placement.placements;
    const out = [];
    if (pl.length) out.push(tx('cmp.scheduling.depFacts', { feasible: plain(pl[0].feasibleCount), total: plain(c.nodes.length) }));
    const ties = pl.filter((p) => p.topNodesCount > 1).length;
    if (ties) out.push(tx('cmp.scheduling.ties', { ties: plain(ties), replicas: plain(pl.length) }));
    out.push(h('span', null, t('cmp.scheduling.plugins'), ' ', c.placement.scorePlugins.map((p, i) => [i ? ', ' : '', code(p.name), ` ×${p.weight}`])));
    if (c.placement.truncated) out.push(t('cmp.truncated', { count: num(pl.length) }));
    return out;
  }

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

  eviction(secs) {
    return h('span', null, secs === null ? t('cmp.never') : secs === 0 ? t('cmp.atOnce') : t('cmp.after', { seconds: num(secs) }));
  }

  tolDs(c) {
    const f = c.tolerations;
    return [
      [t('cmp.services.dsAuto'), tolList(f.daemonSetAutomatic)],
      tx('cmp.services.evict', { notReady: this.eviction(f.daemonPodNotReadyEvictionSeconds), unreachable: this.eviction(f.daemonPodUnreachableEvictionSeconds) }),
    ];
  }

  tolDep(c) {
    const f = c.tolerations;
    const out = [];
    if (f.deploymentAdded.length) out.push([tx('cmp.services.depAdded', { plugin: 'DefaultTolerationSeconds' }), tolList(f.deploymentAdded)]);
    out.push(tx('cmp.services.evict', { notReady: this.eviction(f.deploymentPodNotReadyEvictionSeconds), unreachable: this.eviction(f.deploymentPodUnreachableEvictionSeconds) }));
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

  /** A workload's rolling-update limits with their rounding, as the engine computed them. */
  rounding(r, ofKey) {
    if (r.strategyType !== 'RollingUpdate') return tx('cmp.ru.none', { strategy: value(r.strategyType) });
    if (r.error) return tx('cmp.ru.error', { error: r.error });
    const parts = [tx('cmp.ru.line', {
      unavailable: `maxUnavailable ${value(r.maxUnavailable)}`, of: h('span', null, t(ofKey, { total: num(r.total) })),
      uround: h('span', null, t(`cmp.round.${r.maxUnavailableRounding}`)), uvalue: value(r.scaledMaxUnavailable),
      surge: `maxSurge ${value(r.maxSurge)}`, sround: h('span', null, t(`cmp.round.${r.maxSurgeRounding}`)), svalue: value(r.scaledMaxSurge),
    })];
    if (r.zeroZeroAdjusted) parts.push(' ', tx('cmp.ru.zeroZero', { value: value(r.effectiveMaxUnavailable) }));
    return h('span', null, parts);
  }

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

  relabel() {
    if (this.result) this.draw();
  }
}
