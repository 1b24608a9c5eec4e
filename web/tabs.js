// The tabs (WAI-ARIA tabs pattern, automatic activation), one view each
// (views/view.js). A view is mounted into its panel the first time its tab
// is shown; the visible view renders every new result at once, the others
// when they are shown next, and a change of language relabels the visible
// view now and the others when they are shown.
import { h } from './ui/index.js';
import { t } from './i18n/index.js';

/** @typedef {import('./views/view.js').View} View */
/** @typedef {import('./views/view.js').ViewContext} ViewContext */
/** @typedef {{view: View, tab: HTMLButtonElement, panel: HTMLElement, mounted: boolean, render: boolean, relabel: boolean}} Entry */

export class Tabs {
  /**
   * @param {HTMLElement} tablist
   * @param {HTMLElement} panels where the views' panels go
   * @param {View[]} views in tab order
   */
  constructor(tablist, panels, views) {
    this.list = tablist;
    this.panelsRoot = panels;
    /** @type {Entry[]} */
    this.entries = [];
    /** @type {string | null} */
    this.current = null;
    /** @type {ViewContext | null} */
    this.ctx = null;
    tablist.addEventListener('keydown', (e) => this.key(e));
    for (const v of views) this.add(v);
  }

  /** @param {View} view */
  add(view) {
    const tab = h('button', { type: 'button', role: 'tab', id: `tab-${view.id}`, 'aria-controls': `panel-${view.id}`, 'aria-selected': 'false', tabindex: '-1', 'data-tab': view.id, 'data-i18n': view.label }, t(view.label));
    tab.addEventListener('click', () => this.select(view.id));
    const panel = h('div', { id: `panel-${view.id}`, class: 'panel', role: 'tabpanel', 'aria-labelledby': tab.id, tabindex: '0', hidden: true });
    this.panelsRoot.append(panel);
    this.list.append(tab);
    this.entries.push({ view, tab, panel, mounted: false, render: false, relabel: false });
  }

  /** The ids of the tabs offered. */
  ids() {
    return this.entries.filter((d) => !d.tab.hidden).map((d) => d.view.id);
  }

  /**
   * Only these tabs are offered (embed mode).
   * @param {string[]} ids
   */
  restrict(ids) {
    const keep = this.entries.filter((d) => ids.includes(d.view.id));
    if (!keep.length) return;
    for (const d of this.entries) d.tab.hidden = !ids.includes(d.view.id);
    this.list.hidden = keep.length < 2;
    if (!this.current || !ids.includes(this.current)) this.select(keep[0].view.id);
  }

  /**
   * Shows the tab `id` (or the first offered one).
   * @param {string} id
   * @param {boolean} [focus]
   */
  select(id, focus = false) {
    const d = this.entries.find((x) => x.view.id === id && !x.tab.hidden) || this.entries.find((x) => !x.tab.hidden);
    if (!d) return;
    for (const x of this.entries) {
      const on = x === d;
      x.tab.setAttribute('aria-selected', String(on));
      x.tab.tabIndex = on ? 0 : -1;
      x.panel.hidden = !on;
    }
    if (focus) d.tab.focus();
    const changed = this.current !== d.view.id;
    this.current = d.view.id;
    if (!d.mounted) {
      d.view.mount(d.panel);
      d.mounted = true;
    }
    if (d.relabel) {
      d.relabel = false;
      d.view.relabel();
    }
    if (d.render || changed) this.render(d);
  }

  /**
   * A new result: the visible view renders it now, the others when shown.
   * @param {ViewContext} ctx
   */
  update(ctx) {
    this.ctx = ctx;
    for (const d of this.entries) {
      if (d.view.id === this.current) this.render(d);
      else d.render = true;
    }
  }

  /** The language changed: the visible view relabels now, the others when shown. */
  relabel() {
    for (const d of this.entries) {
      if (!d.mounted) continue;
      if (d.view.id === this.current) d.view.relabel();
      else d.relabel = true;
    }
  }

  /** @param {Entry} d */
  render(d) {
    d.render = false;
    if (this.ctx) d.view.render(this.ctx);
  }

  /** @param {KeyboardEvent} e */
  key(e) {
    const vis = this.entries.filter((d) => !d.tab.hidden);
    const i = vis.findIndex((d) => d.view.id === this.current);
    let j = i;
    if (e.key === 'ArrowRight') j = (i + 1) % vis.length;
    else if (e.key === 'ArrowLeft') j = (i - 1 + vis.length) % vis.length;
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = vis.length - 1;
    else return;
    e.preventDefault();
    this.select(vis[j].view.id, true);
  }
}
