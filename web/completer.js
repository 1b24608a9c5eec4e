// The completion list of an editor (editor.js fetches this module with the
// colours, after the page shows its first result): proposals from the
// engine at the caret, shown under it as a listbox.
import { h } from './ui/index.js';
import { t } from './i18n/index.js';
import { hasFocus } from './editor.js';

/** @typedef {import('./editor.js').Editor} Editor */
/** @typedef {import('./editor.js').Complete} Complete */
/** @typedef {import('./pkg/daemonset_sim.js').Completions} Completions */

/**
 * The completion list of an editor: proposals from the engine at the caret,
 * shown under it as a listbox the textarea controls (aria-activedescendant:
 * the focus stays in the text). Opens while a word or a value is typed and
 * on Ctrl+Space; Up/Down choose, Enter or Tab takes, Escape closes.
 */
export class Completer {
  /**
   * @param {Editor} ed
   * @param {string} id
   * @param {Complete} ask
   */
  constructor(ed, id, ask) {
    this.ed = ed;
    this.ask = ask;
    this.id = `complete-${id}`;
    this.list = h('ul', { class: 'ed-complete', id: this.id, role: 'listbox', hidden: true, 'data-i18n-attr': 'aria-label:complete.label', 'aria-label': t('complete.label') });
    ed.root.querySelector('.ed-wrap')?.append(this.list);
    const ta = ed.ta;
    ta.setAttribute('aria-autocomplete', 'list');
    ta.setAttribute('aria-controls', this.id);
    /** @type {Completions | null} */
    this.shown = null;
    this.active = 0;
    this.seq = 0;
    ta.addEventListener('blur', () => this.close());
    ta.addEventListener('mousedown', () => this.close());
    // scrolling moves the word away from an open list; a pending answer still counts (a caret put at the end scrolls too)
    ta.addEventListener('scroll', () => { if (this.shown) this.close(); });
    this.list.addEventListener('mousedown', (e) => {
      e.preventDefault(); // the focus stays in the text
      const li = /** @type {HTMLElement | null} */ (e.target instanceof Element ? e.target.closest('[role=option]') : null);
      if (li) this.take(Number(li.dataset.i));
    });
  }

  /**
   * After an edit: asks again where a word or a value is being typed.
   * @param {InputEvent} e
   */
  typed(e) {
    const ta = this.ed.ta;
    const before = this.ed.text.slice(Math.max(0, ta.selectionStart - 2), ta.selectionStart);
    if (e.inputType === 'insertText' && e.data && (/^[\w./-]$/.test(e.data) || (e.data === ' ' && before === ': '))) this.open();
    else this.close();
  }

  /** Asks the engine for the proposals at the caret, and shows them. */
  open() {
    const ta = this.ed.ta;
    if (ta.readOnly || this.ed.large) return;
    const seq = ++this.seq;
    const text = this.ed.text;
    const caret = ta.selectionStart;
    this.ask(text, caret, (c) => {
      // an answer for a text or caret that changed meanwhile is dropped
      if (seq !== this.seq || this.ed.text !== text || ta.selectionStart !== caret || !hasFocus(ta)) return;
      if (!c || !c.items.length) return this.close();
      this.show(c);
    });
  }

  /** @param {Completions} c */
  show(c) {
    this.shown = c;
    this.active = 0;
    this.list.replaceChildren(...c.items.map((it, i) => h('li', { role: 'option', id: `${this.id}-${i}`, 'data-i': String(i), 'data-kind': it.kind, 'aria-selected': String(i === 0) },
      h('span', { class: 'c-label' }, it.label),
      h('span', { class: 'c-detail' }, this.detail(it)))));
    // under the word, at its x on the drawn line
    const ed = this.ed;
    const { lh, padTop, padLeft, cw } = ed.metrics();
    const line = ed.text.slice(0, c.from).split('\n').length;
    const lineStart = ed.text.lastIndexOf('\n', c.from - 1) + 1;
    const top = ed.ta.scrollTop;
    const first = Math.max(1, Math.floor((top - padTop) / lh) + 1);
    const x = ed.xOf(line - first, 0, c.from - lineStart)?.[1] ?? (c.from - lineStart) * cw;
    this.list.style.left = `${Math.max(0, Math.min(padLeft + x - ed.ta.scrollLeft, ed.ta.clientWidth - 240))}px`;
    this.list.hidden = false;
    // under the line, or above it where the editor has no room below
    const below = padTop + line * lh - top + 2;
    const height = this.list.offsetHeight;
    const above = below - lh - height - 4;
    this.list.style.top = `${below + height > ed.ta.clientHeight && above >= 0 ? above : below}px`;
    ed.ta.setAttribute('aria-activedescendant', `${this.id}-0`);
  }

  /**
   * What a proposal is, in words.
   * @param {import('./pkg/daemonset_sim.js').Completion} it
   */
  detail(it) {
    if (it.kind === 'labelKey' || it.kind === 'labelValue' || it.kind === 'taintKey') {
      return t(`complete.${it.kind}`, { n: Number(it.detail) });
    }
    return it.detail;
  }

  close() {
    this.seq++;
    if (!this.shown) return;
    this.shown = null;
    this.list.hidden = true;
    this.list.replaceChildren();
    this.ed.ta.removeAttribute('aria-activedescendant');
  }

  /**
   * The keys while the list is open (and Ctrl+Space to open it).
   * @param {KeyboardEvent} e
   * @returns {boolean} whether the key was the list's
   */
  key(e) {
    if (e.key === ' ' && e.ctrlKey) {
      e.preventDefault();
      this.open();
      return true;
    }
    const c = this.shown;
    if (!c) return false;
    const n = c.items.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      this.move((this.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
      return true;
    }
    if ((e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      this.take(this.active);
      return true;
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      this.close();
      return true;
    }
    return false;
  }

  /** @param {number} i */
  move(i) {
    const items = this.list.children;
    items[this.active]?.setAttribute('aria-selected', 'false');
    this.active = i;
    const li = items[i];
    li?.setAttribute('aria-selected', 'true');
    li?.scrollIntoView({ block: 'nearest' });
    this.ed.ta.setAttribute('aria-activedescendant', `${this.id}-${i}`);
  }

  /**
   * Puts proposal `i` in place of the word (a field gets its `: `).
   * @param {number} i
   */
  take(i) {
    const c = this.shown;
    const it = c?.items[i];
    if (!c || !it) return;
    this.close();
    const after = this.ed.text.slice(c.to);
    const insert = it.kind === 'field' && !/^\s*:/.test(after) ? `${it.label}: ` : it.label;
    this.ed.edit(c.from, c.to, insert, c.from + insert.length, c.from + insert.length);
  }
}
