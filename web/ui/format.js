// Writing the engine's numbers and objects the way kubectl prints them.
// Presentation only: no decision is made here.

/** @typedef {import('../pkg/daemonset_sim.js').Toleration} Toleration */
/** @typedef {import('../pkg/daemonset_sim.js').HostPort} HostPort */

/**
 * Millicores as kubectl writes them: 250m, 2.
 * @param {number} m
 */
export function cpu(m) {
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

/** @type {[string, number][]} */
const UNITS = [['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]];

/**
 * Bytes as a binary quantity: 512Mi, 3922Mi, 1.5Gi.
 * @param {number} b
 */
export function bytes(b) {
  if (b === 0) return '0';
  const neg = b < 0 ? '-' : '';
  const a = Math.abs(b);
  for (const [u, s] of UNITS) if (a >= s && a % s === 0) return `${neg}${a / s}${u}`;
  for (const [u, s] of UNITS) if (a >= s) return `${neg}${(a / s).toFixed(1)}${u}`;
  return `${neg}${a}`;
}

/**
 * An amount of a resource in its unit (cpu: millicores, memory: bytes, ...).
 * @param {string} resource
 * @param {number} v
 */
export function amount(resource, v) {
  if (resource === 'cpu') return cpu(v);
  if (resource === 'memory' || resource === 'ephemeral-storage' || resource.startsWith('hugepages-')) return bytes(v);
  return String(v);
}

/**
 * A toleration as `kubectl describe` prints it: `key=value:Effect op=Exists for 300s`.
 * @param {Toleration} tol
 */
export function toleration(tol) {
  let s = tol.key || '';
  if (tol.value) s += `=${tol.value}`;
  if (tol.effect) s += `:${tol.effect}`;
  if (tol.operator === 'Exists' && !tol.value) s += s ? ' op=Exists' : 'op=Exists';
  if (tol.tolerationSeconds !== undefined && tol.tolerationSeconds !== null) s += ` for ${tol.tolerationSeconds}s`;
  return s;
}

/**
 * A host port as `ip:port/protocol` (no ip when it is 0.0.0.0).
 * @param {HostPort} p
 */
export function hostPort(p) {
  const ip = p.ip && p.ip !== '0.0.0.0' ? `${p.ip}:` : '';
  return `${ip}${p.port}/${p.protocol}`;
}

/**
 * Bytes as people read them (KB / MB), for the size of a text.
 * @param {number} n
 */
export function size(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
