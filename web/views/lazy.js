// A tab's view whose code is fetched when its tab is first shown, or
// earlier by prefetch() (the page calls it once its first result is shown:
// the Status, Rollout, Deployment and Cluster tabs are not needed for
// that, and their code is a fifth of the page's). Until the code is there, the view
// keeps its part of a share link's state (`keys`), so that a link made
// before the tab was opened still holds it.
import { h } from '../ui/index.js';
import { t } from '../i18n/index.js';
import { View } from './view.js';

/** @typedef {import('./view.js').ViewContext} ViewContext */
/** @typedef {import('./view.js').Shared} Shared */

export class LazyView extends View {
  /**
   * @param {{id: string, label: string}} tab
   * @param {readonly string[]} keys the names of the view's part of the shared state (its save())
   * @param {() => Promise<View>} make fetches the view's module and makes the view
   */
  constructor(tab, keys, make) {
    super(tab);
    this.keys = keys;
    this.make = make;
    /** @type {View | null} */
    this.view = null;
    /** @type {Promise<View | null> | null} */
    this.fetching = null;
    /** @type {HTMLElement | null} its panel, once its tab was shown */
    this.panel = null;
    /** @type {Shared} the state given before the view was there */
    this.kept = {};
  }

  /**
   * Fetches the view (once; again after a failure).
   * @returns {Promise<View | null>}
   */
  prefetch() {
    this.fetching ??= this.make().then(
      (view) => {
        view.load(this.kept);
        this.view = view;
        if (this.panel) this.attach(this.panel);
        return view;
      },
      (e) => {
        this.fetching = null;
        if (this.panel) this.panel.replaceChildren(h('p', { class: 'bad-text', role: 'alert' }, t('view.failed', { error: e instanceof Error ? e.message : String(e) })));
        return null;
      },
    );
    return this.fetching;
  }

  /** @param {HTMLElement} panel */
  mount(panel) {
    this.panel = panel;
    if (this.view) return this.attach(panel);
    panel.append(h('p', { class: 'muted lazy-wait', role: 'status', 'data-i18n': 'view.loading' }, t('view.loading')));
    this.prefetch();
  }

  /** @param {HTMLElement} panel */
  attach(panel) {
    if (!this.view) return;
    panel.replaceChildren();
    this.view.mount(panel);
    if (this.ctx) this.view.render(this.ctx);
  }

  /** @param {ViewContext} ctx */
  render(ctx) {
    this.ctx = ctx;
    if (this.view && this.panel) this.view.render(ctx);
  }

  relabel() {
    if (this.view && this.panel) this.view.relabel();
    else this.panel?.querySelector('.lazy-wait')?.replaceChildren(t('view.loading'));
  }

  /** @returns {Shared} */
  save() {
    if (this.view) return this.view.save();
    /** @type {Shared} */
    const part = {};
    for (const k of this.keys) if (k in this.kept) part[k] = this.kept[k];
    return part;
  }

  /** @param {Shared} state */
  load(state) {
    if (this.view) return this.view.load(state);
    this.kept = {};
    for (const k of this.keys) if (k in state) this.kept[k] = state[k];
  }

  reset() {
    if (this.view) this.view.reset();
    else this.kept = {};
  }
}
