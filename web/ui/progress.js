// The determinate progress of a long engine call (setCluster reading a big
// Nodes text; engine.js onProgress): a <progress> and its text ("Reading the
// nodes… 42%") in place of the status line, shown once the call has run
// DELAY_MS and gone when it ends.
// The share is the engine's own count (done / total); nothing is estimated here.
import { h } from './dom.js';
import { t } from '../i18n/index.js';

/** @typedef {import('../engine/engine.js').Progress} Progress */

/** A call that ends sooner shows no bar (most texts are read in a few milliseconds). */
export const DELAY_MS = 500;

export class ProgressBar {
  /**
   * @param {HTMLElement} status the status line (a polite live region): while the bar
   *   shows, it says "Reading the nodes…" once, for screen readers only (the bar
   *   stands in its place), and "Computing…" when the bar goes
   */
  constructor(status) {
    this.status = status;
    this.bar = /** @type {HTMLProgressElement} */ (h('progress', { max: 100, value: 0, 'aria-valuemin': 0, 'aria-valuemax': 100 }));
    // the bar carries the name and the value for assistive technology; the text is its visible twin
    this.text = h('span', { class: 'progress-text', 'aria-hidden': 'true' });
    this.root = h('div', { class: 'engine-progress', hidden: true }, this.bar, this.text);
    /** @type {Progress | null} the call's last progress, while it runs */
    this.last = null;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
  }

  /**
   * The engine's news about the running call: its progress, or null when it has ended.
   * @param {Progress | null} p
   */
  update(p) {
    this.last = p;
    if (!p) {
      clearTimeout(this.timer);
      this.timer = undefined;
      if (!this.root.hidden) {
        this.root.hidden = true;
        this.status.classList.remove('sr-only');
        if (this.status.textContent === t('engine.readingStatus')) this.status.textContent = t('engine.working');
      }
      return;
    }
    if (!this.root.hidden) this.render();
    else if (p.ms >= DELAY_MS) this.show();
    else if (this.timer === undefined) this.timer = setTimeout(() => this.show(), DELAY_MS - p.ms);
  }

  show() {
    this.timer = undefined;
    if (!this.last || !this.root.hidden) return;
    this.root.hidden = false;
    this.status.classList.add('sr-only');
    this.render();
  }

  /** Words and values of the last progress, in the language in force. */
  render() {
    if (!this.last || this.root.hidden) return;
    const { done, total } = this.last;
    const pct = Math.min(100, Math.floor((done * 100) / Math.max(1, total)));
    this.bar.value = pct;
    this.bar.setAttribute('aria-valuenow', String(pct));
    this.bar.setAttribute('aria-label', t('engine.readingLabel'));
    this.text.textContent = t('engine.reading', { pct });
    this.status.textContent = t('engine.readingStatus');
  }
}
