// <daemonset-sim>: the simulator as a custom element for documentation
// pages. This file is all a page loads up front: it defines the element and
// draws a placeholder of the element's size; when an element comes near the
// viewport (or has loading="eager", or start() is called) the real
// implementation, embed.js, is imported, and with it the engine. Every
// element of a page shares that one import and one engine worker.
// Attributes, slots and limits: web/EMBED.md.

const SHEET = `:host{display:block;box-sizing:border-box;height:var(--dss-height,720px);contain:content;border:1px solid #c8d0d9;border-radius:8px;background:#f6f8fa;color:#57606a;font:15px/1.5 system-ui,sans-serif;overflow:hidden}
:host([hidden]){display:none}
:host([theme=dark]){background:#161b22;color:#a0a9b4;border-color:#3a434e}
@media (prefers-color-scheme:dark){:host(:not([theme=light])){background:#161b22;color:#a0a9b4;border-color:#3a434e}}
.ph{display:grid;place-items:center;height:100%;padding:1rem}`;

/** The placeholder's one line, in the element's language. */
const WAIT = { en: 'DaemonSet simulator: starts when scrolled into view', 'zh-TW': 'DaemonSet 模擬器：捲動到此處時啟動' };

/** @type {CSSStyleSheet | undefined} */
let sheet;
/** @type {IntersectionObserver | undefined} */
let io;
/** @type {Promise<typeof import('./embed.js')> | undefined} */
let impl;

/** @param {Element} el */
const langOf = (el) => (/^zh/i.test(el.closest('[lang]')?.getAttribute('lang') || navigator.language || '') ? 'zh-TW' : 'en');

/**
 * `height` attribute: pixels ("560"), any CSS length ("40rem"), or "auto"
 * (the element grows with its content).
 * @param {string | null} v
 */
const size = (v) => (!v ? '' : v === 'auto' ? 'auto' : /^\d+$/.test(v) ? `${v}px` : /^[\d.]+(px|rem|em|vh)$/.test(v) ? v : '');

export class DaemonSetSim extends HTMLElement {
  static observedAttributes = ['theme', 'height', 'readonly'];

  constructor() {
    super();
    /** @type {Promise<unknown> | null} */
    this.started = null;
    /** @type {{attributeChanged(name: string): void} | null} the running instance (embed.js) */
    this.instance = null;
    /** how many answers of the engine this element has shown */
    this.evaluations = 0;
    this.sized = new CSSStyleSheet();
    const root = this.attachShadow({ mode: 'open' });
    if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(SHEET);
    root.adoptedStyleSheets = [sheet, this.sized];
    const ph = document.createElement('div');
    ph.className = 'ph';
    ph.setAttribute('part', 'placeholder');
    root.append(ph);
    this.resize();
  }

  connectedCallback() {
    const ph = this.shadowRoot?.querySelector('.ph');
    if (ph) ph.textContent = WAIT[langOf(this)];
    if (this.started) return;
    if (this.getAttribute('loading') === 'eager' || typeof IntersectionObserver !== 'function') {
      this.start();
      return;
    }
    io ??= new IntersectionObserver((entries) => {
      for (const e of entries) if (e.isIntersecting) /** @type {DaemonSetSim} */ (e.target).start();
    }, { rootMargin: '600px 0px' });
    io.observe(this);
  }

  disconnectedCallback() {
    if (!this.started) io?.unobserve(this);
  }

  /** Loads the simulator into this element now (else: when it comes near the viewport). */
  start() {
    if (!this.started) {
      io?.unobserve(this);
      impl ??= import('./embed.js');
      this.started = impl.then((m) => m.start(this)).then((inst) => { this.instance = inst; });
    }
    return this.started;
  }

  resize() {
    const h = size(this.getAttribute('height'));
    this.sized.replaceSync(h ? `:host{--dss-height:${h}}` : '');
  }

  /** @param {string} name */
  attributeChangedCallback(name) {
    if (name === 'height') this.resize();
    this.instance?.attributeChanged(name);
  }
}

if (!customElements.get('daemonset-sim')) customElements.define('daemonset-sim', DaemonSetSim);
