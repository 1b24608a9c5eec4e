// An LZMA decoder (the `.lzma` format of xz and Python's `lzma.FORMAT_ALONE`:
// a 13-byte header, then one LZMA stream), for the engine's wasm modules:
// scripts/build-wasm.sh also writes each module LZMA-compressed, which a
// static host serves in about 0.78 of the bytes of the module served with
// gzip -9 (README "Performance"), and the worker decodes it here, as it
// arrives: the decoding waits for more bytes only between two symbols, so
// most of it happens while the rest is on its way, and the worker answers
// other messages in between. Written after the format's reference decoder
// (LzmaSpec.cpp of the LZMA SDK, public domain); the whole output is the
// dictionary, as the modules are decoded in one piece. Corrupt or
// truncated input rejects with an Error; it never reads or writes out of
// bounds, and the output is bounded by `maxSize`.

const TOP = 1 << 24;
const PROB_INIT = 1024; // half of 1 << 11
const STATES = 12;
const END_POS_MODEL = 14;
const FULL_DISTANCES = 128;
const ALIGN_BITS = 4;
/** The most input bytes one symbol (a literal, or a match with its length and distance) reads. */
const SYMBOL_BYTES = 64;

/** A corrupt-data error. @param {string} why */
const corrupt = (why) => new Error(`LZMA data is corrupt: ${why}`);

/**
 * `out` with room for `n` more bytes after `pos`: itself, or a copy twice
 * as long (or more) when the size was not given.
 * @param {Uint8Array<ArrayBuffer>} out @param {number} pos @param {number} n
 * @param {boolean} known @param {number} maxSize
 * @returns {Uint8Array<ArrayBuffer>}
 */
function room(out, pos, n, known, maxSize) {
  if (pos + n <= out.length) return out;
  if (known || pos + n > maxSize) throw corrupt(known ? 'longer than its header says' : `more than ${maxSize} bytes`);
  let len = out.length;
  while (len < pos + n) len *= 2;
  const grown = new Uint8Array(Math.min(maxSize, len));
  grown.set(out.subarray(0, pos));
  return grown;
}

/**
 * @param {Uint8Array | ReadableStream<Uint8Array>} source the `.lzma`
 *   file, whole or as it arrives (a fetch Response's body)
 * @param {number} [maxSize] the most bytes the output may have
 * @returns {Promise<Uint8Array<ArrayBuffer>>}
 */
export async function decodeLzma(source, maxSize = 256 << 20) {
  // the input read so far: input[0..end]
  let input = source instanceof Uint8Array ? source : new Uint8Array(1 << 16);
  let end = source instanceof Uint8Array ? source.length : 0;
  const reader = source instanceof Uint8Array ? null : source.getReader();
  let done = reader === null;
  /** Reads on until `input` holds `want` bytes or the source ends. @param {number} want */
  const fill = async (want) => {
    while (!done && end < want) {
      const { value, done: last } = await /** @type {ReadableStreamDefaultReader<Uint8Array>} */ (reader).read();
      if (last) {
        done = true;
        break;
      }
      if (end + value.length > input.length) {
        const grown = new Uint8Array(Math.max(input.length * 2, end + value.length));
        grown.set(input.subarray(0, end));
        input = grown;
      }
      input.set(value, end);
      end += value.length;
    }
  };
  await fill(18);
  if (end < 18) throw corrupt('too short');
  let props = input[0];
  if (props >= 9 * 5 * 5) throw corrupt('bad properties');
  const lc = props % 9;
  props = (props / 9) | 0;
  const lp = props % 5;
  const pb = (props / 5) | 0;
  let known = false;
  let size = 0;
  for (let i = 5; i < 13; i++) if (input[i] !== 0xff) known = true;
  if (known) {
    size = input[5] + input[6] * 2 ** 8 + input[7] * 2 ** 16 + input[8] * 2 ** 24 + (input[9] + input[10] * 2 ** 8 + input[11] * 2 ** 16 + input[12] * 2 ** 24) * 2 ** 32;
    if (size > maxSize) throw corrupt(`more than ${maxSize} bytes`);
  }
  let out = new Uint8Array(known ? size : Math.min(maxSize, 1 << 20));
  let pos = 0;

  // the range decoder; a read past `end` gives 0 (or undefined, 0 here),
  // and the main loop then refuses the data as truncated
  let at = 13;
  if (input[at++] !== 0) throw corrupt('bad first byte');
  // range and code in a typed array: 32-bit values that a plain variable
  // would hold as a boxed number (about three times as slow here)
  const rc = new Uint32Array(2);
  rc[0] = 0xffffffff;
  for (let i = 0; i < 4; i++) rc[1] = (rc[1] << 8) | input[at++];
  if (rc[1] === rc[0]) throw corrupt('bad range coder start');

  /** @param {Uint16Array} p @param {number} i */
  const bit = (p, i) => {
    const v = p[i];
    const range = rc[0];
    const code = rc[1];
    const bound = (range >>> 11) * v;
    let b;
    if (code < bound) {
      p[i] = v + ((2048 - v) >>> 5);
      rc[0] = bound;
      b = 0;
    } else {
      p[i] = v - (v >>> 5);
      rc[0] = range - bound;
      rc[1] = code - bound;
      b = 1;
    }
    if (rc[0] < TOP) {
      rc[0] <<= 8;
      rc[1] = (rc[1] << 8) | input[at++]; // past the end: undefined, 0 here (checked below)
    }
    return b;
  };
  /** `n` bits of equal probability. @param {number} n */
  const direct = (n) => {
    let r = 0;
    for (; n > 0; n--) {
      rc[0] >>>= 1;
      let b = 0;
      if (rc[1] >= rc[0]) {
        rc[1] -= rc[0];
        b = 1;
      }
      r = ((r << 1) | b) >>> 0;
      if (rc[0] < TOP) {
        rc[0] <<= 8;
        rc[1] = (rc[1] << 8) | input[at++];
      }
    }
    return r;
  };
  /** @param {Uint16Array} p @param {number} base @param {number} n */
  const tree = (p, base, n) => {
    let m = 1;
    for (let i = 0; i < n; i++) m = (m << 1) + bit(p, base + m);
    return m - (1 << n);
  };
  /** @param {Uint16Array} p @param {number} base @param {number} n */
  const reverse = (p, base, n) => {
    let m = 1;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const b = bit(p, base + m);
      m = (m << 1) + b;
      s |= b << i;
    }
    return s;
  };
  /** @param {number} n */
  const probs = (n) => new Uint16Array(n).fill(PROB_INIT);

  const literal = probs(0x300 << (lc + lp));
  const isMatch = probs(STATES << 4);
  const isRep = probs(STATES);
  const isRepG0 = probs(STATES);
  const isRepG1 = probs(STATES);
  const isRepG2 = probs(STATES);
  const isRep0Long = probs(STATES << 4);
  const posSlot = probs(4 << 6);
  const posProbs = probs(1 + FULL_DISTANCES - END_POS_MODEL);
  const align = probs(1 << ALIGN_BITS);
  // a length decoder: choice, choice2, low[16][8], mid[16][8], high[256]
  const lenProbs = () => probs(2 + 16 * 8 * 2 + 256);
  const lenDec = lenProbs();
  const repLenDec = lenProbs();
  /** @param {Uint16Array} p @param {number} posState */
  const length = (p, posState) => {
    if (bit(p, 0) === 0) return tree(p, 2 + posState * 8, 3);
    if (bit(p, 1) === 0) return 8 + tree(p, 2 + 128 + posState * 8, 3);
    return 16 + tree(p, 2 + 256, 8);
  };

  const pbMask = (1 << pb) - 1;
  const lpMask = (1 << lp) - 1;
  let state = 0;
  let rep0 = 0;
  let rep1 = 0;
  let rep2 = 0;
  let rep3 = 0;
  for (;;) {
    if (end - at < SYMBOL_BYTES && !done) await fill(at + SYMBOL_BYTES * 1024);
    if (at > end) throw corrupt('unexpected end');
    if (known && pos === size && rc[1] === 0) break; // no end marker after the last byte
    const posState = pos & pbMask;
    if (bit(isMatch, (state << 4) + posState) === 0) {
      if (pos >= out.length) out = room(out, pos, 1, known, maxSize);
      const prev = pos > 0 ? out[pos - 1] : 0;
      const base = 0x300 * (((pos & lpMask) << lc) + (prev >>> (8 - lc)));
      let s = 1;
      if (state >= 7) {
        if (rep0 >= pos) throw corrupt('distance before the start');
        let match = out[pos - rep0 - 1];
        do {
          const mb = (match >>> 7) & 1;
          match <<= 1;
          const b = bit(literal, base + ((1 + mb) << 8) + s);
          s = (s << 1) | b;
          if (mb !== b) break;
        } while (s < 0x100);
      }
      while (s < 0x100) s = (s << 1) | bit(literal, base + s);
      out[pos++] = s - 0x100;
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      continue;
    }
    let len;
    if (bit(isRep, state) !== 0) {
      if (pos === 0) throw corrupt('repeat at the start');
      if (bit(isRepG0, state) === 0) {
        if (bit(isRep0Long, (state << 4) + posState) === 0) {
          if (pos >= out.length) out = room(out, pos, 1, known, maxSize);
          state = state < 7 ? 9 : 11;
          out[pos] = out[pos - rep0 - 1];
          pos++;
          continue;
        }
      } else {
        let dist;
        if (bit(isRepG1, state) === 0) {
          dist = rep1;
        } else {
          if (bit(isRepG2, state) === 0) {
            dist = rep2;
          } else {
            dist = rep3;
            rep3 = rep2;
          }
          rep2 = rep1;
        }
        rep1 = rep0;
        rep0 = dist;
      }
      len = length(repLenDec, posState);
      state = state < 7 ? 8 : 11;
    } else {
      rep3 = rep2;
      rep2 = rep1;
      rep1 = rep0;
      len = length(lenDec, posState);
      state = state < 7 ? 7 : 10;
      // the distance
      const slot = tree(posSlot, (len < 3 ? len : 3) << 6, 6);
      if (slot < 4) {
        rep0 = slot;
      } else {
        const n = (slot >>> 1) - 1;
        let dist = ((2 | (slot & 1)) << n) >>> 0;
        if (slot < END_POS_MODEL) {
          dist += reverse(posProbs, dist - slot, n);
        } else {
          dist = (dist + ((direct(n - ALIGN_BITS) << ALIGN_BITS) >>> 0)) >>> 0;
          dist = (dist + reverse(align, 0, ALIGN_BITS)) >>> 0;
        }
        rep0 = dist;
      }
      if (rep0 === 0xffffffff) {
        if (rc[1] !== 0) throw corrupt('end marker before the end of the data');
        break; // the end marker
      }
      if (rep0 >= pos) throw corrupt('distance before the start');
    }
    len += 2;
    if (pos + len > out.length) out = room(out, pos, len, known, maxSize);
    for (let from = pos - rep0 - 1, stop = pos + len; pos < stop; ) out[pos++] = out[from++];
  }
  if (at > end) throw corrupt('unexpected end');
  if (known && pos !== size) throw corrupt('shorter than its header says');
  return out.length === pos ? out : out.slice(0, pos);
}
