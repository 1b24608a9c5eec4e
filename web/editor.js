// An editor panel: a plain <textarea> with a line-number gutter and YAML/JSON
// colours drawn under its (transparent) text, both only for the lines in
// view (highlight.js), error marks at line and column with the message on
// hover, YAML keys (Tab / Shift+Tab indent, Enter keeps the indentation,
// Ctrl/Cmd+Enter evaluates now, Escape then Tab leaves), a list of the
// messages below, and open-file / drop-a-file. The DaemonSet and the Nodes
// panels are both made by editorPanel(). A text over LARGE characters (a
// kubectl dump of thousands of nodes) is kept out of the textarea, whose
// layout would freeze the page for seconds, and shown as a summary with the
// lines around errors. The colours and the completion list (highlight.js,
// completer.js) are fetched by enhance() after the page shows its first
// result; until then the textarea shows its own text.
import { h, fmt, diagItem, at } from './ui/index.js';
import { t, num } from './i18n/index.js';

/** @typedef {import('./views/view.js').Problem} Problem */
/** @typedef {import('./pkg/daemonset_sim.js').Completions} Completions */
/** @typedef {(text: string, offset: number, done: (c: Completions | null) => void) => void} Complete */

export const LARGE = 1 << 20;

/**
 * The parts fetched after the first result (enhance()).
 * @typedef {{tokenize: typeof import('./highlight.js').tokenize, blockStates: typeof import('./highlight.js').blockStates, Completer: typeof import('./completer.js').Completer}} Extras
 */
/** @type {Extras | null} */
let extras = null;
/** @type {Promise<void> | null} */
let fetching = null;
/** @type {Set<Editor>} the editors made, turned on when the extras arrive */
const made = new Set();

/**
 * Fetches the colours and the completion list and turns them on in every
 * editor, made before or after (once; later calls return the same promise).
 * @returns {Promise<void>}
 */
export function enhance() {
  fetching ??= Promise.all([import('./highlight.js'), import('./completer.js')]).then(([hl, c]) => {
    extras = { tokenize: hl.tokenize, blockStates: hl.blockStates, Completer: c.Completer };
    for (const ed of made) ed.enhanced();
  });
  return fetching;
}

/**
 * The markup of one editor panel (ids from `id`: editor-ID, ed-ID, label-ID, diag-ID).
 * @param {string} id
 * @param {string} label the i18n key of its name (the textarea's label)
 * @param {string} hint the i18n key of what it takes
 */
export function editorPanel(id, label, hint) {
  return h('div', { class: 'editor', id: `editor-${id}` },
    h('div', { class: 'ed-head' },
      h('label', { id: `label-${id}`, for: `ed-${id}`, class: 'ed-title', 'data-i18n': label }, t(label)),
      h('span', { class: 'ed-hint', 'data-i18n': hint }, t(hint)),
      h('span', { class: 'ed-size' }),
      h('button', { type: 'button', class: 'ed-open', 'data-i18n': 'editor.open' }, t('editor.open')),
      h('input', { type: 'file', hidden: true, accept: '.yaml,.yml,.json,.txt,text/*,application/json' })),
    h('div', { class: 'ed-body' },
      h('div', { class: 'ed-gutter', 'aria-hidden': 'true' }, h('div', { class: 'ed-lines' })),
      h('div', { class: 'ed-wrap' },
        h('div', { class: 'ed-marks', 'aria-hidden': 'true' }),
        h('div', { class: 'ed-hl', 'aria-hidden': 'true' }, h('div', { class: 'ed-hl-lines' })),
        h('textarea', { id: `ed-${id}`, wrap: 'off', spellcheck: 'false', autocapitalize: 'off', autocomplete: 'off', 'aria-describedby': `keys-${id} diag-${id}` })),
      h('div', { class: 'ed-large', hidden: true },
        h('p', { class: 'ed-large-info' }),
        h('p', null,
          h('button', { type: 'button', class: 'ed-show', 'data-i18n': 'editor.showAll' }, t('editor.showAll')), ' ',
          h('button', { type: 'button', class: 'ed-clear', 'data-i18n': 'editor.clear' }, t('editor.clear'))),
        h('pre', { class: 'ed-excerpt', tabindex: '0', hidden: true })),
      h('div', { class: 'ed-drop', 'aria-hidden': 'true', 'data-i18n': 'editor.drop' }, t('editor.drop'))),
    h('p', { class: 'ed-keys sr-only', id: `keys-${id}`, 'data-i18n': 'editor.keys' }, t('editor.keys')),
    h('ul', { class: 'diagnostics', id: `diag-${id}` }));
}

/**
 * The UTF-16 length of a line's text before `column` (1-based, in characters
 * as the engine counts them: a character beyond U+FFFF is one column, two units).
 * @param {string} text
 * @param {number} column
 */
export function unitsBefore(text, column) {
  let units = 0;
  let chars = 0;
  for (const c of text) {
    if (++chars >= column) break;
    units += c.length;
  }
  return Math.min(units, text.length);
}

/**
 * Whether `el` has the focus in its document, or in its shadow root (an
 * editor of the <daemonset-sim> element, whose document's activeElement is the element).
 * @param {HTMLElement} el
 */
export const hasFocus = (el) => /** @type {Document | ShadowRoot} */ (el.getRootNode()).activeElement === el;

/**
 * Replaces a..b of a textarea with `insert` through its own editing
 * (execCommand), so that its undo (Ctrl+Z) brings the text back; where
 * the browser refuses, by setRangeText, which its undo does not see and
 * which fires no input event.
 * @param {HTMLTextAreaElement} ta @param {number} a @param {number} b @param {string} insert
 * @returns {boolean} whether the textarea's own editing did it
 */
function insertText(ta, a, b, insert) {
  ta.setSelectionRange(a, b);
  try {
    if (document.execCommand('insertText', false, insert)) return true;
  } catch {
    // a browser without execCommand
  }
  ta.setRangeText(insert, a, b, 'end');
  return false;
}

/**
 * @param {Element} root
 * @param {string} sel
 */
const $in = (root, sel) => /** @type {HTMLElement} */ (root.querySelector(sel));

export class Editor {
  /**
   * Makes an editor panel (editorPanel); put `editor.root` in the page.
   * @param {{id: string, label: string, hint: string, onInput: (now: boolean) => void, complete?: Complete}} o
   *   onInput(now): the text changed; `now`: a paste, a drop or a file (evaluate at once);
   *   complete: asks for the proposals at a caret (the DaemonSet editor)
   */
  constructor({ id, label, hint, onInput, complete }) {
    const root = editorPanel(id, label, hint);
    this.root = root;
    this.ta = /** @type {HTMLTextAreaElement} */ (root.querySelector('textarea'));
    this.gutter = $in(root, '.ed-lines');
    this.marks = $in(root, '.ed-marks');
    this.hl = $in(root, '.ed-hl-lines');
    /** @type {string[]} the text's lines (split once per edit) */
    this.lineList = [''];
    /** @type {Int32Array | null} block-scalar state before each line, up to the lines drawn so far */
    this.states = null;
    /** after Escape, Tab leaves the editor instead of indenting */
    this.tabLeaves = false;
    this.list = $in(root, '.diagnostics');
    this.sizeEl = $in(root, '.ed-size');
    this.onInput = onInput;
    /** @type {Problem[]} */
    this.diags = [];
    this.lines = 1;
    this.text = this.ta.value;
    this.large = false;
    this.showAll = false;
    this.raf = 0;
    /** @type {number | undefined} */
    this.digits = undefined;
    /** @type {{lh: number, padTop: number, padLeft: number, cw: number} | undefined} */
    this.m = undefined;
    this.largeEl = $in(root, '.ed-large');
    this.excerpt = $in(root, '.ed-excerpt');
    $in(root, '.ed-show').addEventListener('click', () => {
      this.showAll = true;
      this.value = this.text;
      this.ta.focus();
    });
    $in(root, '.ed-clear').addEventListener('click', () => {
      this.value = '';
      this.ta.focus();
      this.onInput(true);
    });
    this.ta.addEventListener('paste', (e) => {
      const add = e.clipboardData && e.clipboardData.getData('text/plain');
      if (!add) return;
      const { selectionStart: a, selectionEnd: b } = this.ta;
      if (this.text.length - (b - a) + add.length <= LARGE) return;
      e.preventDefault();
      const focused = hasFocus(this.ta);
      this.value = this.text.slice(0, a) + add + this.text.slice(b);
      this.largeEl.tabIndex = -1;
      if (focused) this.largeEl.focus();
      this.onInput(true);
    });
    this.ta.addEventListener('input', (e) => {
      // read the (possibly many-megabyte) value once per edit, never per keystroke elsewhere
      this.text = this.ta.value;
      this.count();
      this.draw();
      this.completer?.typed(/** @type {InputEvent} */ (e));
      // a paste or a drop is evaluated at once; typing is debounced
      this.onInput(/^insertFrom(Paste|Drop)/.test(/** @type {InputEvent} */ (e).inputType || ''));
    });
    this.ta.addEventListener('scroll', () => this.draw());
    this.ta.addEventListener('keydown', (e) => this.key(e));
    // the text being composed (an input method: Chinese, Japanese) shows in the textarea itself
    this.ta.addEventListener('compositionstart', () => root.classList.add('composing'));
    this.ta.addEventListener('compositionend', () => { root.classList.remove('composing'); this.draw(); });
    // a problem's message on hover, over its line
    this.ta.addEventListener('mousemove', (e) => {
      const { lh, padTop } = this.metrics();
      const line = Math.floor((e.offsetY + this.ta.scrollTop - padTop) / lh) + 1;
      const text = this.diags.filter((d) => d.line === line).map((d) => d.text).join('\n');
      if (text) this.ta.title = text;
      else this.ta.removeAttribute('title');
    });
    new ResizeObserver(() => this.draw()).observe(this.ta);

    const file = /** @type {HTMLInputElement} */ (root.querySelector('input[type=file]'));
    $in(root, '.ed-open').addEventListener('click', () => file.click());
    file.addEventListener('change', () => {
      if (file.files && file.files[0]) this.load(file.files[0]);
      file.value = '';
    });
    root.addEventListener('dragover', (e) => {
      if (this.ta.readOnly || !e.dataTransfer || !e.dataTransfer.types.includes('Files')) return;
      e.preventDefault();
      root.classList.add('dragging');
    });
    root.addEventListener('dragleave', (e) => {
      if (!(e.relatedTarget instanceof Node && root.contains(e.relatedTarget))) root.classList.remove('dragging');
    });
    root.addEventListener('drop', (e) => {
      root.classList.remove('dragging');
      if (this.ta.readOnly || !e.dataTransfer || !e.dataTransfer.files.length) return;
      e.preventDefault();
      this.load(e.dataTransfer.files[0]);
    });
    this.id = id;
    /** @type {Complete | null} */
    this.complete = complete ?? null;
    /** @type {import('./completer.js').Completer | null} */
    this.completer = null;
    this.count();
    made.add(this);
    if (extras) this.enhanced();
  }

  /** The extras arrived (enhance()): colours under the text, the completion list. */
  enhanced() {
    if (!extras || this.root.classList.contains('hl')) return;
    this.root.classList.add('hl');
    this.states = null;
    if (this.complete) this.completer = new extras.Completer(this, this.id, this.complete);
    this.draw();
  }

  /** @param {File} f */
  async load(f) {
    this.value = await f.text();
    this.onInput(true);
  }

  get value() {
    return this.text;
  }

  /** @param {string} v */
  set value(v) {
    this.text = v;
    this.large = v.length > LARGE && !this.showAll;
    this.showAll = false;
    this.root.classList.toggle('large', this.large);
    this.largeEl.hidden = !this.large;
    this.ta.value = this.large ? '' : v;
    this.ta.scrollTop = 0;
    this.count();
    this.draw();
  }

  /**
   * Replaces `[start, end)` of the text (UTF-16 offsets) with `insert`, as
   * an applied fix does: through the textarea's own editing, so that its
   * undo (Ctrl+Z) brings the text back; a large text, not in the textarea,
   * is changed directly. The caret goes after the insertion, its line in
   * view; the page evaluates at once.
   * @param {number} start
   * @param {number} end
   * @param {string} insert
   * @returns {{start: number, end: number, insert: string}} the replacement that undoes it
   */
  replace(start, end, insert) {
    const removed = this.text.slice(start, end);
    const want = this.text.slice(0, start) + insert + this.text.slice(end);
    if (this.large) {
      this.value = want;
    } else {
      const ta = this.ta;
      ta.focus({ preventScroll: true });
      insertText(ta, start, end, insert);
      if (ta.value !== want) ta.value = want;
      this.text = ta.value;
      this.count();
      this.draw();
      // the changed lines in view (the caret stays after the insertion)
      const { lh } = this.metrics();
      const y = (this.lineAt(start, insert) - 1) * lh;
      if (y < ta.scrollTop || y > ta.scrollTop + ta.clientHeight - 2 * lh) {
        ta.scrollTop = Math.max(0, y - ta.clientHeight / 3);
      }
      this.draw();
    }
    this.onInput(true);
    return { start, end: start + insert.length, insert: removed };
  }

  /**
   * The line (1-based) where a replacement's text starts, blank lines and
   * breaks it begins with skipped.
   * @param {number} start
   * @param {string} insert
   */
  lineAt(start, insert) {
    const skip = insert.search(/\S|$/);
    // counted on the text as it is after the replacement
    return (this.text.slice(0, start) + insert.slice(0, skip)).split('\n').length;
  }

  /** @param {boolean} ro */
  setReadOnly(ro) {
    this.ta.readOnly = ro;
    this.root.classList.toggle('readonly', ro);
  }

  count() {
    const s = this.text;
    this.lineList = this.large ? [] : s.split('\n');
    this.states = null;
    let n = 1;
    for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
    this.lines = n;
    this.sizeEl.textContent = t('editor.size', { lines: num(n), size: fmt.size(s.length) });
    if (this.large) $in(this.root, '.ed-large-info').textContent = t('editor.large', { lines: num(n), size: fmt.size(s.length) });
    const digits = String(n).length;
    if (digits !== this.digits) {
      this.digits = digits;
      this.root.style.setProperty('--gutter-ch', String(Math.max(3, digits) + 1));
    }
  }

  metrics() {
    if (!this.m) {
      const cs = getComputedStyle(this.ta);
      const ctx = /** @type {CanvasRenderingContext2D} */ (document.createElement('canvas').getContext('2d'));
      ctx.font = `${cs.fontSize} ${cs.fontFamily}`;
      this.m = {
        lh: parseFloat(cs.lineHeight) || 20,
        padTop: parseFloat(cs.paddingTop) || 0,
        padLeft: parseFloat(cs.paddingLeft) || 0,
        cw: ctx.measureText('M'.repeat(20)).width / 20,
      };
    }
    return this.m;
  }

  /** Draws the visible line numbers and error marks. */
  draw() {
    if (this.raf) return;
    this.raf = requestAnimationFrame(() => {
      this.raf = 0;
      const { lh, padTop, padLeft, cw } = this.metrics();
      const top = this.ta.scrollTop;
      const first = Math.max(1, Math.floor((top - padTop) / lh) + 1);
      const last = Math.min(this.lines, first + Math.ceil(this.ta.clientHeight / lh) + 1);
      const errLines = new Map(this.diags.filter((d) => d.line).map((d) => [d.line, d]));
      const rows = [];
      for (let i = first; i <= last; i++) {
        const d = errLines.get(i);
        rows.push(h('div', { class: d ? `ln ${d.severity}` : 'ln', title: d ? d.text : undefined }, String(i)));
      }
      this.gutter.replaceChildren(...rows);
      this.gutter.style.transform = `translateY(${padTop + (first - 1) * lh - top}px)`;
      this.drawColours(first, last);
      this.hl.style.transform = `translate(${padLeft - this.ta.scrollLeft}px, ${padTop + (first - 1) * lh - top}px)`;
      const marks = [];
      for (const d of this.diags) {
        if (!d.line || d.line < first - 1 || d.line > last + 1) continue;
        const y = padTop + (d.line - 1) * lh - top;
        const band = h('div', { class: `band ${d.severity}` });
        band.style.transform = `translateY(${y}px)`;
        marks.push(band);
        if (d.column) {
          // from the column (in characters) to the end of the line's text, measured on the drawn line (wide CJK characters, tabs)
          const text = this.lineText(d.line);
          const from = unitsBefore(text, d.column);
          const to = Math.max(from + 1, text.trimEnd().length);
          const x = this.xOf(d.line - first, from, to) ?? [(d.column - 1) * cw, (to - from) * cw];
          const sq = h('div', { class: `squiggle ${d.severity}` });
          sq.style.transform = `translate(${padLeft + x[0] - this.ta.scrollLeft}px, ${y + lh - 3}px)`;
          sq.style.width = `${Math.max(cw, x[1])}px`;
          marks.push(sq);
        }
      }
      this.marks.replaceChildren(...marks);
    });
  }

  /**
   * Draws the colours of lines first..last (1-based), under the textarea's text.
   * @param {number} first
   * @param {number} last
   */
  drawColours(first, last) {
    if (!extras) return; // the textarea shows its own text until then
    const { tokenize, blockStates } = extras;
    const lines = this.lineList;
    if (!this.states || this.states.length < last) this.states = blockStates(lines, Math.min(lines.length, last + 200));
    const states = this.states;
    const rows = [];
    for (let i = first; i <= last && i <= lines.length; i++) {
      const row = h('div', { class: 'hl-line' });
      for (const [k, s] of tokenize(lines[i - 1], states[i - 1] ?? -1)) row.append(k ? h('span', { class: `t-${k}` }, s) : s);
      rows.push(row);
    }
    this.hl.replaceChildren(...rows);
  }

  /**
   * The x and width of UTF-16 units from..to of drawn line `row` (0-based
   * among the lines drawn), from the layout of its text; null when not drawn.
   * @param {number} row
   * @param {number} from
   * @param {number} to
   * @returns {[number, number] | null}
   */
  xOf(row, from, to) {
    const el = this.hl.children[row];
    if (!el || !el.firstChild) return null;
    /** @param {number} off */
    const point = (off) => {
      let left = off;
      for (const node of el.childNodes) {
        const text = node.nodeType === Node.TEXT_NODE ? node : node.firstChild;
        const len = text?.textContent?.length ?? 0;
        if (text && left <= len) return /** @type {[Node, number]} */ ([text, left]);
        left -= len;
      }
      return null;
    };
    const a = point(from);
    const b = point(to);
    if (!a || !b) return null;
    const range = document.createRange();
    range.setStart(a[0], a[1]);
    range.setEnd(b[0], b[1]);
    const base = el.getBoundingClientRect().left;
    const r = range.getBoundingClientRect();
    return [r.left - base, r.width];
  }

  /**
   * The editor's keys: Tab / Shift+Tab indent and outdent the selected lines
   * (two spaces; a caret in the text: Tab inserts them), Enter keeps the
   * line's indentation (two more after `key:`), Ctrl/Cmd+Enter evaluates at
   * once; Escape then Tab moves the focus on as usual.
   * @param {KeyboardEvent} e
   */
  key(e) {
    const ta = this.ta;
    if (this.completer?.key(e)) return;
    if (e.key === 'Escape') {
      this.tabLeaves = true;
      return;
    }
    const leaves = this.tabLeaves;
    this.tabLeaves = false;
    if (ta.readOnly || e.isComposing || e.altKey) return;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      this.onInput(true);
      return;
    }
    const s = this.text;
    const { selectionStart: a, selectionEnd: b } = ta;
    const lineStart = s.lastIndexOf('\n', a - 1) + 1;
    if (e.key === 'Tab' && !e.ctrlKey && !e.metaKey && !leaves) {
      e.preventDefault();
      const multi = s.slice(a, b).includes('\n');
      if (!e.shiftKey && !multi) {
        this.edit(a, b, '  ', a + 2, a + 2);
        return;
      }
      const endLine = b > a && s[b - 1] === '\n' ? b - 1 : b;
      const blockEnd = (() => { const i = s.indexOf('\n', endLine); return i === -1 ? s.length : i; })();
      const block = s.slice(lineStart, blockEnd).split('\n');
      const changed = block.map((l) => (e.shiftKey ? l.replace(/^ {1,2}/, '') : l ? `  ${l}` : l));
      const firstDelta = changed[0].length - block[0].length;
      const total = changed.join('\n').length - (blockEnd - lineStart);
      this.edit(lineStart, blockEnd, changed.join('\n'), Math.max(lineStart, a + firstDelta), b + total);
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.metaKey) {
      const line = s.slice(lineStart, a);
      const indent = /^\s*(?:- )*/.exec(line)?.[0].replace(/-/g, ' ') ?? '';
      const more = /:\s*(?:#.*)?$/.test(line) || /^\s*-\s*$/.test(line) ? '  ' : '';
      e.preventDefault();
      const insert = `\n${indent}${more}`;
      this.edit(a, b, insert, a + insert.length, a + insert.length);
    }
  }

  /**
   * Replaces a..b with `insert` through the textarea's own editing (so Ctrl+Z
   * undoes it) and selects sa..sb.
   * @param {number} a @param {number} b @param {string} insert @param {number} sa @param {number} sb
   */
  edit(a, b, insert, sa, sb) {
    const ta = this.ta;
    if (!insertText(ta, a, b, insert)) ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
    ta.setSelectionRange(sa, sb);
  }

  /** @param {number} line */
  offsetOf(line) {
    const s = this.text;
    let off = 0;
    for (let l = 1; l < line; l++) {
      const i = s.indexOf('\n', off);
      if (i === -1) return s.length;
      off = i + 1;
    }
    return off;
  }

  /** @param {number} line */
  lineText(line) {
    if (!this.large) return this.lineList[line - 1] ?? '';
    const s = this.text;
    const start = this.offsetOf(line);
    const end = s.indexOf('\n', start);
    return s.slice(start, end === -1 ? s.length : end);
  }

  /**
   * The lines around `line` (large inputs, which are not in the textarea).
   * @param {number} line
   */
  showExcerpt(line) {
    const from = Math.max(1, line - 3);
    const rows = [h('div', { class: 'excerpt-head' }, t('editor.excerpt', { line }))];
    for (let l = from; l <= Math.min(this.lines, line + 3); l++) {
      rows.push(h('div', { class: l === line ? 'ex-line error' : 'ex-line' }, `${String(l).padStart(String(line + 3).length)}  ${this.lineText(l)}`));
    }
    this.excerpt.replaceChildren(...rows);
    this.excerpt.hidden = false;
  }

  /**
   * Puts the caret at line:column and scrolls it into view.
   * @param {number} line
   * @param {number} [column]
   */
  reveal(line, column = 1) {
    if (this.large) {
      this.showExcerpt(line);
      this.excerpt.focus();
      return;
    }
    const start = this.offsetOf(line);
    const off = Math.min(this.text.length, start + unitsBefore(this.lineText(line), column));
    this.ta.focus();
    this.ta.setSelectionRange(off, off);
    const { lh } = this.metrics();
    const y = (line - 1) * lh;
    if (y < this.ta.scrollTop || y > this.ta.scrollTop + this.ta.clientHeight - 2 * lh) {
      this.ta.scrollTop = Math.max(0, y - this.ta.clientHeight / 3);
    }
    this.draw();
  }

  /**
   * Marks these problems in the gutter and the text, and lists them below.
   * @param {Problem[]} diags
   */
  setDiagnostics(diags) {
    this.diags = diags;
    this.ta.setAttribute('aria-invalid', String(diags.some((d) => d.severity === 'error')));
    if (this.large) {
      const first = diags.find((d) => d.line);
      if (first && first.line) this.showExcerpt(first.line);
      else this.excerpt.hidden = true;
    }
    this.list.replaceChildren(
      ...diags.map((d) => {
        const line = d.line;
        const where = line
          ? h('button', { type: 'button', class: 'diag-at', 'aria-label': t('diag.goto', { at: at(d) }), onclick: () => this.reveal(line, d.column || 1) }, at(d))
          : null;
        return diagItem(d.severity, d.text, [where, ' '], { 'data-line': d.line ?? '', 'data-column': d.column ?? '' }, d.more && this.moreList(d.more));
      }),
    );
    this.draw();
  }

  /**
   * The objects behind a summary, closed until asked for: each with a
   * button to its line.
   * @param {NonNullable<Problem['more']>} more
   */
  moreList(more) {
    return h('details', { class: 'diag-more' },
      h('summary', null, t('diag.showAll', { n: num(more.length) })),
      h('ul', null, more.map((m) => {
        const line = m.line;
        return h('li', null, line
          ? h('button', { type: 'button', class: 'diag-at', 'aria-label': t('diag.goto', { at: at(m) }), onclick: () => this.reveal(line, m.column || 1) }, at(m))
          : null, ' ', h('span', { class: 'diag-msg' }, m.text));
      })));
  }

  relabel() {
    this.count();
    this.setDiagnostics(this.diags);
  }
}

/**
 * Puts a fix the engine applied (Simulator.applyFix) into its editor, as
 * one edit that the editor's own undo reverts; `undo` puts the text back
 * only while the applied text is still there as it was put.
 * @param {{ds: Editor, nodes: Editor}} editors
 * @param {import('./views/view.js').AppliedFix} a
 * @returns {import('./views/view.js').Applied}
 */
export function putFix(editors, a) {
  const ed = a.text === 'daemonSet' ? editors.ds : editors.nodes;
  const line = ed.lineAt(a.start, a.insert);
  const back = ed.replace(a.start, a.end, a.insert);
  return {
    text: a.text,
    line,
    undo() {
      if (ed.value.slice(back.start, back.end) !== a.insert) return false;
      ed.replace(back.start, back.end, back.insert);
      return true;
    },
  };
}
