// A plain <textarea> with a line-number gutter (only the visible numbers are
// drawn), error marks at line and column, a list of the messages below, and
// open-file / drop-a-file. A text over LARGE characters (a kubectl dump of
// thousands of nodes) is kept out of the textarea, whose layout would freeze
// the page for seconds, and shown as a summary with the lines around errors.
import { h, size } from './dom.js';
import { t, num } from './i18n.js';

export const LARGE = 1 << 20;

export class Editor {
  constructor(root, { onInput }) {
    this.root = root;
    this.ta = root.querySelector('textarea');
    this.gutter = root.querySelector('.ed-lines');
    this.marks = root.querySelector('.ed-marks');
    this.list = root.querySelector('.diagnostics');
    this.sizeEl = root.querySelector('.ed-size');
    this.onInput = onInput;
    this.diags = [];
    this.lines = 1;
    this.text = this.ta.value;
    this.largeEl = root.querySelector('.ed-large');
    this.excerpt = root.querySelector('.ed-excerpt');
    root.querySelector('.ed-show').addEventListener('click', () => {
      this.showAll = true;
      this.value = this.text;
      this.ta.focus();
    });
    root.querySelector('.ed-clear').addEventListener('click', () => {
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
      const focused = document.activeElement === this.ta;
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
      // a paste or a drop is evaluated at once; typing is debounced
      this.onInput(/^insertFrom(Paste|Drop)/.test(e.inputType || ''));
    });
    this.ta.addEventListener('scroll', () => this.draw());
    new ResizeObserver(() => this.draw()).observe(this.ta);

    const file = root.querySelector('input[type=file]');
    root.querySelector('.ed-open').addEventListener('click', () => file.click());
    file.addEventListener('change', () => {
      if (file.files[0]) this.load(file.files[0]);
      file.value = '';
    });
    root.addEventListener('dragover', (e) => {
      if (this.ta.readOnly || !e.dataTransfer.types.includes('Files')) return;
      e.preventDefault();
      root.classList.add('dragging');
    });
    root.addEventListener('dragleave', (e) => {
      if (!root.contains(e.relatedTarget)) root.classList.remove('dragging');
    });
    root.addEventListener('drop', (e) => {
      root.classList.remove('dragging');
      if (this.ta.readOnly || !e.dataTransfer.files.length) return;
      e.preventDefault();
      this.load(e.dataTransfer.files[0]);
    });
    this.count();
  }

  async load(f) {
    this.value = await f.text();
    this.onInput(true);
  }

  get value() {
    return this.text;
  }

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

  setReadOnly(ro) {
    this.ta.readOnly = ro;
    this.root.classList.toggle('readonly', ro);
  }

  count() {
    const s = this.text;
    let n = 1;
    for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
    this.lines = n;
    this.sizeEl.textContent = t('editor.size', { lines: num(n), size: size(s.length) });
    if (this.large) this.root.querySelector('.ed-large-info').textContent = t('editor.large', { lines: num(n), size: size(s.length) });
    const digits = String(n).length;
    if (digits !== this.digits) {
      this.digits = digits;
      this.root.style.setProperty('--gutter-ch', String(Math.max(3, digits) + 1));
    }
  }

  metrics() {
    if (!this.m) {
      const cs = getComputedStyle(this.ta);
      const ctx = document.createElement('canvas').getContext('2d');
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
      const marks = [];
      for (const d of this.diags) {
        if (!d.line || d.line < first - 1 || d.line > last + 1) continue;
        const y = padTop + (d.line - 1) * lh - top;
        const band = h('div', { class: `band ${d.severity}` });
        band.style.transform = `translateY(${y}px)`;
        marks.push(band);
        if (d.column) {
          const len = Math.max(1, this.lineText(d.line).trimEnd().length - (d.column - 1));
          const sq = h('div', { class: `squiggle ${d.severity}` });
          sq.style.transform = `translate(${padLeft + (d.column - 1) * cw - this.ta.scrollLeft}px, ${y + lh - 3}px)`;
          sq.style.width = `${len * cw}px`;
          marks.push(sq);
        }
      }
      this.marks.replaceChildren(...marks);
    });
  }

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

  lineText(line) {
    const s = this.text;
    const start = this.offsetOf(line);
    const end = s.indexOf('\n', start);
    return s.slice(start, end === -1 ? s.length : end);
  }

  /** The lines around `line` (large inputs, which are not in the textarea). */
  showExcerpt(line) {
    const from = Math.max(1, line - 3);
    const rows = [h('div', { class: 'excerpt-head' }, t('editor.excerpt', { line }))];
    for (let l = from; l <= Math.min(this.lines, line + 3); l++) {
      rows.push(h('div', { class: l === line ? 'ex-line error' : 'ex-line' }, `${String(l).padStart(String(line + 3).length)}  ${this.lineText(l)}`));
    }
    this.excerpt.replaceChildren(...rows);
    this.excerpt.hidden = false;
  }

  /** Puts the caret at line:column and scrolls it into view. */
  reveal(line, column = 1) {
    if (this.large) {
      this.showExcerpt(line);
      this.excerpt.focus();
      return;
    }
    const off = Math.min(this.text.length, this.offsetOf(line) + column - 1);
    this.ta.focus();
    this.ta.setSelectionRange(off, off);
    const { lh } = this.metrics();
    const y = (line - 1) * lh;
    if (y < this.ta.scrollTop || y > this.ta.scrollTop + this.ta.clientHeight - 2 * lh) {
      this.ta.scrollTop = Math.max(0, y - this.ta.clientHeight / 3);
    }
    this.draw();
  }

  /** diags: [{severity: 'error'|'warning', line, column, text}] */
  setDiagnostics(diags) {
    this.diags = diags;
    this.ta.setAttribute('aria-invalid', String(diags.some((d) => d.severity === 'error')));
    if (this.large) {
      const first = diags.find((d) => d.line);
      if (first) this.showExcerpt(first.line);
      else this.excerpt.hidden = true;
    }
    this.list.replaceChildren(
      ...diags.map((d) => {
        const where = d.line
          ? h('button', { type: 'button', class: 'diag-at', 'aria-label': t('diag.goto', { line: d.line }), onclick: () => this.reveal(d.line, d.column || 1) },
              t(d.column ? 'diag.at' : 'diag.atLine', { line: d.line, column: d.column }))
          : null;
        return h('li', { class: `diag ${d.severity}`, 'data-line': d.line ?? '', 'data-column': d.column ?? '' },
          h('span', { class: 'diag-kind' }, t(d.severity === 'error' ? 'diag.error' : 'diag.warning')),
          where, ' ', h('span', { class: 'diag-msg' }, d.text));
      }),
    );
    this.draw();
  }

  relabel() {
    this.count();
    this.setDiagnostics(this.diags);
  }
}

