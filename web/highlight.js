// Colours for the editors: YAML (and JSON, which is YAML's flow style) cut
// into tokens one line at a time, so that the editor draws only the lines in
// view. What spans lines is a block scalar (`|`, `>`): its lines are text
// whatever they hold; `blockStates` finds where each line stands. Only
// colouring: the engine reads the text, never this.

/**
 * A token's kind: k key, s string, n number / boolean / null, c comment,
 * p indicator (`-`, `:`, `---`, `|`, flow brackets), a anchor / alias / tag,
 * v other scalar text, '' spaces.
 * @typedef {'k' | 's' | 'n' | 'c' | 'p' | 'a' | 'v' | ''} Kind
 * @typedef {[Kind, string]} Token
 */

/** Scalars YAML 1.1 and JSON read as numbers, booleans or null (what go-yaml v2 does not read as a string). */
const LITERAL = /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|0x[\da-fA-F]+|0o?[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/i;

/**
 * The state before each line up to `upTo` (0-based): -1 outside a block
 * scalar, else the indentation its lines must exceed.
 * @param {string[]} lines
 * @param {number} upTo
 * @returns {Int32Array}
 */
export function blockStates(lines, upTo) {
  const out = new Int32Array(Math.min(upTo, lines.length) + 1);
  let state = -1;
  for (let i = 0; i < out.length; i++) {
    out[i] = state;
    if (i < lines.length) state = next(lines[i], state);
  }
  return out;
}

/**
 * The state after `line`.
 * @param {string} line
 * @param {number} state
 */
function next(line, state) {
  const indent = line.search(/\S/);
  if (state >= 0 && (indent === -1 || indent > state)) return state;
  // a block scalar starts at `key: |`, `- >-`, `key: |2 # comment`
  if (/(?:^|[\s:-])[|>][-+\d]*\s*(?:#.*)?$/.test(line) && /(?::|^\s*-)\s+[|>][-+\d]*\s*(?:#.*)?$/.test(line)) {
    return Math.max(0, indent === -1 ? 0 : indent);
  }
  return -1;
}

/**
 * One line's tokens (their texts joined are the line).
 * @param {string} line
 * @param {number} state the line's block state (blockStates)
 * @returns {Token[]}
 */
export function tokenize(line, state = -1) {
  const indent = line.search(/\S/);
  if (state >= 0 && (indent === -1 || indent > state)) return line ? [['s', line]] : [];
  /** @type {Token[]} */
  const out = [];
  const push = (/** @type {Kind} */ k, /** @type {string} */ s) => { if (s) out.push([k, s]); };
  let i = 0;
  const m0 = /^(\s*)(---|\.\.\.)(?=\s|$)/.exec(line) || /^(\s*)(%\S*)/.exec(line);
  if (m0) {
    push('', m0[1]);
    push('p', m0[2]);
    i = m0[0].length;
  }
  let flow = 0;
  let afterKey = false;
  while (i < line.length) {
    const rest = line.slice(i);
    let m;
    if ((m = /^\s+/.exec(rest))) {
      push('', m[0]);
    } else if (rest[0] === '#' && (i === 0 || /\s/.test(line[i - 1]))) {
      push('c', rest);
      break;
    } else if ((m = /^"(?:[^"\\]|\\.)*"?|^'(?:[^']|'')*'?/.exec(rest))) {
      const key = /^\s*:(?=\s|$|[,}\]])/.test(rest.slice(m[0].length)) || (flow > 0 && /^\s*:/.test(rest.slice(m[0].length)));
      push(key ? 'k' : 's', m[0]);
    } else if ((m = /^[{}[\],]/.exec(rest))) {
      flow += m[0] === '{' || m[0] === '[' ? 1 : m[0] === '}' || m[0] === ']' ? -1 : 0;
      if (flow < 0) flow = 0;
      push('p', m[0]);
    } else if ((m = /^-(?=\s|$)/.exec(rest)) || (m = /^\?(?=\s|$)/.exec(rest))) {
      push('p', m[0]);
    } else if ((m = /^:(?=\s|$|[,}\]])/.exec(rest)) || (flow > 0 && (m = /^:/.exec(rest)))) {
      push('p', m[0]);
      afterKey = true;
      i += m[0].length;
      continue;
    } else if ((m = /^[&*][^\s,{}[\]]+|^![^\s,{}[\]]*/.exec(rest))) {
      push('a', m[0]);
    } else if (afterKey && flow === 0 && (m = /^[|>][-+\d]*(?=\s|$)/.exec(rest))) {
      push('p', m[0]);
    } else {
      // a plain scalar: up to `: `, ` #`, or (in flow) a flow indicator
      const stop = flow > 0 ? /:(?=\s|$|[,}\]])|\s#|[,{}[\]]|:(?=[,}\]])/ : /:(?=\s|$)|\s#/;
      const at = rest.search(stop);
      let text = at === -1 ? rest : rest.slice(0, at);
      const trimmed = text.replace(/\s+$/, '');
      text = trimmed || text.slice(0, 1);
      const isKey = at !== -1 && rest[at] === ':' && trimmed === text;
      push(isKey && !afterKey ? 'k' : isKey && flow > 0 ? 'k' : LITERAL.test(text) ? 'n' : 'v', text);
      i += text.length;
      continue;
    }
    i += m[0].length;
  }
  return out;
}
