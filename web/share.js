// The whole page state in the URL fragment: JSON, deflate-raw, base64url.
// Nothing is sent anywhere: a fragment never reaches the server.

export const MAX_URL = 60000;
const PREFIX = 's=';

/**
 * @param {Uint8Array<ArrayBuffer>} bytes
 * @param {CompressionStream | DecompressionStream} stream
 */
async function pipe(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** @param {Uint8Array} bytes */
function b64url(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** @param {string} s */
function unb64url(s) {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * state -> fragment (without '#').
 * @param {Record<string, unknown>} state
 */
export async function encodeState(state) {
  const json = new TextEncoder().encode(JSON.stringify({ v: 1, ...state }));
  return PREFIX + b64url(await pipe(json, new CompressionStream('deflate-raw')));
}

/**
 * fragment (with or without '#') -> state, or null when it holds none. Throws on a damaged one.
 * @param {string} fragment
 * @returns {Promise<Record<string, unknown> | null>}
 */
export async function decodeState(fragment) {
  const f = fragment.replace(/^#/, '');
  if (!f.startsWith(PREFIX)) return null;
  const bytes = await pipe(unb64url(f.slice(PREFIX.length)), new DecompressionStream('deflate-raw'));
  const state = JSON.parse(new TextDecoder().decode(bytes));
  if (!state || typeof state !== 'object' || state.v !== 1) throw new Error('unknown format');
  return state;
}
