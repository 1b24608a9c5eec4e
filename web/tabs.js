// Generic tabs (WAI-ARIA tabs pattern, automatic activation). A tab is
// {id, label (i18n key), render(panel, ctx)}; render runs when the tab is
// shown and whenever the result changes while it is shown. A tab without
// render shows the "coming soon" placeholder. Later views (Rollout,
// Deployment vs DaemonSet) register the same way.
import { h } from './dom.js';
import { t } from './i18n.js';

export class Tabs {
  constructor(tablist, panels, defs, onChange) {
    this.list = tablist;
    this.panelsRoot = panels;
    this.onChange = onChange;
    this.defs = [];
    this.current = null;
    this.ctx = null;
    this.dirty = new Set();
    tablist.addEventListener('keydown', (e) => this.key(e));
    for (const d of defs) this.add(d);
  }

  add(def) {
    const tab = h('button', { type: 'button', role: 'tab', id: `tab-${def.id}`, 'aria-controls': `panel-${def.id}`, 'aria-selected': 'false', tabindex: '-1', 'data-tab': def.id, 'data-i18n': def.label }, t(def.label));
    tab.addEventListener('click', () => this.select(def.id));
    let panel = document.getElementById(`panel-${def.id}`);
    if (!panel) {
      panel = h('div', { id: `panel-${def.id}`, class: 'panel' });
      if (!def.render) panel.append(h('p', { class: 'empty soon', 'data-i18n': 'tab.soon' }, t('tab.soon')));
      this.panelsRoot.append(panel);
    }
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', tab.id);
    panel.tabIndex = 0;
    panel.hidden = true;
    this.list.append(tab);
    this.defs.push({ ...def, tab, panel });
  }

  ids() {
    return this.defs.filter((d) => !d.tab.hidden).map((d) => d.id);
  }

  /** Only these tabs are offered (embed mode). */
  restrict(ids) {
    const keep = this.defs.filter((d) => ids.includes(d.id));
    if (!keep.length) return;
    for (const d of this.defs) d.tab.hidden = !ids.includes(d.id);
    this.list.hidden = keep.length < 2;
    if (!ids.includes(this.current)) this.select(keep[0].id);
  }

  select(id, focus = false) {
    const def = this.defs.find((d) => d.id === id && !d.tab.hidden) || this.defs.find((d) => !d.tab.hidden);
    for (const d of this.defs) {
      const on = d === def;
      d.tab.setAttribute('aria-selected', String(on));
      d.tab.tabIndex = on ? 0 : -1;
      d.panel.hidden = !on;
    }
    if (focus) def.tab.focus();
    const changed = this.current !== def.id;
    this.current = def.id;
    if (this.dirty.has(def.id) || changed) this.renderTab(def);
    if (changed) this.onChange?.(def.id);
  }

  /** New result: render the visible tab now, the others when shown. */
  update(ctx) {
    this.ctx = ctx;
    for (const d of this.defs) {
      if (d.id === this.current) this.renderTab(d);
      else this.dirty.add(d.id);
    }
  }

  renderTab(d) {
    this.dirty.delete(d.id);
    if (d.render && this.ctx) d.render(d.panel, this.ctx);
  }

  key(e) {
    const vis = this.defs.filter((d) => !d.tab.hidden);
    const i = vis.findIndex((d) => d.id === this.current);
    let j = i;
    if (e.key === 'ArrowRight') j = (i + 1) % vis.length;
    else if (e.key === 'ArrowLeft') j = (i - 1 + vis.length) % vis.length;
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = vis.length - 1;
    else return;
    e.preventDefault();
    this.select(vis[j].id, true);
  }
}
