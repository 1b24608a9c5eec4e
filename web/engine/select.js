// The part of a result that a request asks for, so that a big result (a
// comparison on 5,000 nodes is megabytes) crosses from the worker to the
// page only as far as the page needs it. A mask mirrors the result's shape:
//   true (or no mask)     all of the value;
//   false, or no entry    none of it;
//   {key: mask, ...}      on an object: the keys named, each by its own mask;
//                         '*' stands for every key not named;
//                         on an array: the mask applies to every element;
//   ['a', 'b']            on an object: only these keys, whole;
//                         on an array: only the elements equal to one of these.
// Example: every field of a Comparison but the per-node detail of its placements:
//   {'*': true, placement: {'*': true, placements: {'*': true, scores: false, rawScores: false}}}

/** @typedef {boolean | string[] | {[key: string]: Mask}} Mask */

/**
 * @param {unknown} value
 * @param {Mask} [mask]
 * @returns {unknown}
 */
export function select(value, mask) {
  if (mask === undefined || mask === true || value === null || typeof value !== 'object') return value;
  if (mask === false) return undefined;
  if (Array.isArray(value)) {
    if (Array.isArray(mask)) return value.filter((v) => mask.includes(v));
    return value.map((v) => select(v, mask));
  }
  const obj = /** @type {Record<string, unknown>} */ (value);
  /** @type {Record<string, unknown>} */
  const out = {};
  if (Array.isArray(mask)) {
    for (const k of mask) if (Object.hasOwn(obj, k)) out[k] = obj[k];
    return out;
  }
  for (const k of Object.keys(obj)) {
    const m = Object.hasOwn(mask, k) ? mask[k] : mask['*'];
    if (m === undefined || m === false) continue;
    out[k] = select(obj[k], m);
  }
  return out;
}
