// The page's words: t(), tx(), num() and the [data-i18n] markup. Two files
// per language, loaded on demand: the words of the first grid and of
// everything the page shows at first (en.js, zh-TW.js), and those of the
// Rollout, Deployment and Cluster tabs (en.views.js, zh-TW.views.js),
// fetched with those tabs' code (loadWords('views')). A visitor downloads
// only the language the page shows. Both languages have every key (checked by
// tests/e2e/share-i18n.test.mjs); should one lack a key anyway, English is
// fetched then and the page relabelled (onFallback), the key showing meanwhile.
// Kubernetes terms (DaemonSet, nodeSelector, field paths, taint text, kubectl
// messages) are written as Kubernetes writes them, in both languages.
// `{name}` is a placeholder; tx() renders placeholders as <code> text nodes
// (numbers as plain text in the language's digits). Counts take the form
// the language's plural rules (Intl.PluralRules) pick, in ICU MessageFormat's
// syntax: `{n, plural, one {# node} other {# nodes}}`, `#` being the number
// and `=0 {…}` an exact match; a language without plural forms (zh-TW) just
// writes `{n} 個節點`. Lists of names are joined by Intl.ListFormat (list()).

export const LANGS = ['en', 'zh-TW'];

// Keys whose text is a Kubernetes term, identical in both languages.
export const SAME_IN_BOTH = new Set(['lang.en', 'lang.zh-TW', 'editor.daemonset', 'counts.caption', 'explain.termHead', 'explain.ready', 'cl.col.ds']);

/** @type {Record<string, Record<string, string>[]>} the languages loaded so far: each one's parts fetched */
const tables = {};
/** The parts of a language's words: file names after the language's. */
const PARTS = { core: '', views: '.views' };
/** @type {Set<keyof typeof PARTS>} the parts asked for so far (each language loaded gets them all) */
const wantedParts = new Set(['core']);
/** @type {Map<string, Promise<void>>} each language's part, fetched or on its way */
const parts = new Map();
let current = 'en';
let wanted = 0;
/** @type {Promise<string>} the last loadLang */
let pending = Promise.resolve(current);
/** @type {Promise<void> | null} English, once fetched as the fallback for a missing key */
let fallback = null;
/** @type {(() => void)[]} */
const fallbackListeners = [];

/**
 * A part of a language's words, fetched once.
 * @param {string} lang
 * @param {keyof typeof PARTS} part
 */
function fetchPart(lang, part) {
  const k = `${lang}${PARTS[part]}`;
  let p = parts.get(k);
  if (!p) {
    p = import(`./${k}.js`).then((m) => {
      // the core first: a language counts as loaded once its core is in
      (tables[lang] ??= [])[part === 'core' ? 'unshift' : 'push'](m.default);
    });
    p.catch(() => parts.delete(k)); // a later call tries again
    parts.set(k, p);
  }
  return p;
}

/**
 * Every part asked for of a language.
 * @param {string} lang
 */
async function table(lang) {
  await fetchPart(lang, 'core');
  await Promise.all([...wantedParts].map((p) => fetchPart(lang, p)));
  return tables[lang];
}

/**
 * Fetches the words of `part` ('views': the Rollout, Deployment and
 * Cluster tabs) for the language in force, for English when it was
 * fetched as the fallback, and for every language loaded later; resolves
 * when they are in (a view waits for it before it draws).
 * @param {keyof typeof PARTS} part
 */
export function loadWords(part) {
  wantedParts.add(part);
  // after a language change under way (whose table may have been asked before this part)
  return pending.then(() => Promise.all([...new Set([current, ...(tables.en ? ['en'] : [])])].map((l) => fetchPart(l, part)))).then(() => {});
}

export const getLang = () => current;

/**
 * Makes `lang` (one of LANGS, else English) the page's language, fetching its
 * file the first time. When calls overlap, the last one wins.
 * @param {string} lang
 * @returns {Promise<string>} the language now in force
 */
export function loadLang(lang) {
  const l = LANGS.includes(lang) ? lang : 'en';
  const ticket = ++wanted;
  pending = table(l).then(() => {
    if (ticket === wanted) current = l;
    return current;
  });
  return pending;
}

/** Resolves once the language asked for last is in force (the share link waits for it). */
export const langReady = () => pending;

/**
 * The language to start with, from navigator.languages.
 * @param {readonly string[]} [prefs]
 */
export function pickLang(prefs = []) {
  for (const p of prefs) {
    const l = String(p).toLowerCase();
    if (l.startsWith('zh')) return 'zh-TW';
    if (l.startsWith('en')) return 'en';
  }
  return 'en';
}

/**
 * `fn` runs once English has arrived as the fallback for a key the active
 * language lacks: the page relabels itself then.
 * @param {() => void} fn
 */
export function onFallback(fn) {
  fallbackListeners.push(fn);
}

/** The English fallback being fetched, if a key was missing (for tests). */
export const fallbackLoaded = () => fallback;

/**
 * A key's text in a language's parts fetched so far.
 * @param {string} lang
 * @param {string} key
 */
function find(lang, key) {
  for (const part of tables[lang] ?? []) if (key in part) return part[key];
  return undefined;
}

/** @param {string} key */
function lookup(key) {
  const s = find(current, key) ?? find('en', key);
  if (s !== undefined) return s;
  // a key the loaded language lacks: fetch English once, then relabel
  if (tables[current] && !tables.en && !fallback) {
    fallback = table('en').then(() => { for (const f of fallbackListeners) f(); });
  }
  return key;
}

/** @type {Map<string, Intl.PluralRules>} */
const pluralRules = new Map();

/**
 * The number a placeholder holds: a number, or the digits of a number
 * already formatted (a string or a text node, as `plain()` makes).
 * @param {unknown} v
 */
function countOf(v) {
  if (typeof v === 'number') return v;
  // a text node (tx() placeholders); duck-typed: the tests run this module in Node.js
  const s = typeof v === 'object' && v !== null && 'textContent' in v ? String(v.textContent ?? '') : String(v);
  return Number(s.replace(/[^\d.-]/g, ''));
}

/**
 * Expands every `{name, plural, sel {text} …}` of `s` into the text its
 * selector picks for `vars[name]`: `=N` when the count is N, else the
 * language's plural category (one, other, …), else `other`; `#` in the
 * text is the count in the language's digits. Other text is left as is.
 * @param {string} s
 * @param {Record<string, unknown>} vars
 */
export function plural(s, vars) {
  const open = /\{(\w+),\s*plural,/g;
  let out = '';
  let last = 0;
  for (let m = open.exec(s); m; m = open.exec(s)) {
    // the options: `sel {text}` pairs up to the matching close brace
    /** @type {Map<string, string>} */
    const options = new Map();
    let i = open.lastIndex;
    for (;;) {
      while (s[i] === ' ') i++;
      if (s[i] === '}' || i >= s.length) break;
      const sel = /^[=\w]+/.exec(s.slice(i))?.[0];
      if (!sel) break;
      i += sel.length;
      while (s[i] === ' ') i++;
      if (s[i] !== '{') break;
      let depth = 1;
      const start = ++i;
      while (i < s.length && depth) depth += s[i] === '{' ? 1 : s[i] === '}' ? -1 : 0, i++;
      options.set(sel, s.slice(start, i - 1));
    }
    const n = countOf(vars[m[1]]);
    let rules = pluralRules.get(current);
    if (!rules) pluralRules.set(current, (rules = new Intl.PluralRules(current)));
    const text = options.get(`=${n}`) ?? options.get(rules.select(n)) ?? options.get('other') ?? '';
    out += s.slice(last, m.index) + text.replace(/#/g, num(n));
    last = i + 1;
    open.lastIndex = last;
  }
  return out + s.slice(last);
}

/**
 * Plain text of a key with placeholders filled in (numbers in the
 * language's digits) and plural forms chosen.
 * @param {string} key
 * @param {Record<string, unknown>} [vars]
 */
export function t(key, vars = {}) {
  return plural(lookup(key), vars).replace(/\{(\w+)\}/g, (m, k) => (k in vars ? (typeof vars[k] === 'number' ? num(/** @type {number} */ (vars[k])) : String(vars[k])) : m));
}

/**
 * A fragment: the text of `key` with each placeholder as a <code> (or the given Node).
 * @param {string} key
 * @param {Record<string, unknown>} [vars]
 */
export function tx(key, vars = {}) {
  const s = plural(lookup(key), vars);
  const frag = document.createDocumentFragment();
  let last = 0;
  for (const m of s.matchAll(/\{(\w+)\}/g)) {
    const at = m.index ?? 0;
    if (at > last) frag.append(document.createTextNode(s.slice(last, at)));
    const v = vars[m[1]];
    if (v instanceof Node) frag.append(v);
    else if (typeof v === 'number') frag.append(document.createTextNode(num(v)));
    else {
      const c = document.createElement('code');
      c.textContent = v === undefined ? m[0] : String(v);
      frag.append(c);
    }
    last = at + m[0].length;
  }
  if (last < s.length) frag.append(document.createTextNode(s.slice(last)));
  return frag;
}

/**
 * Whether the language in force (or English) has `key`.
 * @param {string} key
 */
export const has = (key) => (find(current, key) ?? find('en', key)) !== undefined;

/** A number in the page's language (1,234). @param {number} n */
export const num = (n) => new Intl.NumberFormat(current).format(n);

/**
 * Items joined as the language joins a list (`a, b, and c`; `a、b和c`):
 * the items (strings or nodes) with the separators between them as
 * strings, from Intl.ListFormat.
 * @template T
 * @param {T[]} items
 * @returns {(T | string)[]}
 */
export function list(items) {
  if (items.length < 2) return [...items];
  /** @type {(T | string)[]} */
  const out = [];
  let i = 0;
  for (const part of new Intl.ListFormat(current, { type: 'conjunction' }).formatToParts(items.map((_, j) => String(j)))) {
    out.push(part.type === 'element' ? items[i++] : part.value);
  }
  return out;
}

/**
 * Fills every [data-i18n] element (textContent) and [data-i18n-attr] ("attr:key;attr:key").
 * @param {ParentNode} [root]
 */
export function applyI18n(root = document) {
  document.documentElement.lang = current;
  for (const el of root.querySelectorAll('[data-i18n]')) {
    if (el instanceof HTMLElement && el.dataset.i18n) el.textContent = t(el.dataset.i18n);
  }
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    if (!(el instanceof HTMLElement) || !el.dataset.i18nAttr) continue;
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      el.setAttribute(attr, t(key));
    }
  }
}
