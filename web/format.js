// Writing the engine's numbers and objects the way kubectl prints them.
// Presentation only: no decision is made here.

/** Millicores as kubectl writes them: 250m, 2. */
export function cpu(m) {
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

const UNITS = [['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]];

/** Bytes as a binary quantity: 512Mi, 3922Mi, 1.5Gi. */
export function bytes(b) {
  if (b === 0) return '0';
  const neg = b < 0 ? '-' : '';
  const a = Math.abs(b);
  for (const [u, s] of UNITS) if (a >= s && a % s === 0) return `${neg}${a / s}${u}`;
  for (const [u, s] of UNITS) if (a >= s) return `${neg}${(a / s).toFixed(1)}${u}`;
  return `${neg}${a}`;
}

export function amount(resource, v) {
  if (resource === 'cpu') return cpu(v);
  if (resource === 'memory' || resource === 'ephemeral-storage' || resource.startsWith('hugepages-')) return bytes(v);
  return String(v);
}

/** A toleration as `kubectl describe` prints it: `key=value:Effect op=Exists for 300s`. */
export function toleration(tol) {
  let s = tol.key || '';
  if (tol.value) s += `=${tol.value}`;
  if (tol.effect) s += `:${tol.effect}`;
  if (tol.operator === 'Exists' && !tol.value) s += s ? ' op=Exists' : 'op=Exists';
  if (tol.tolerationSeconds !== undefined && tol.tolerationSeconds !== null) s += ` for ${tol.tolerationSeconds}s`;
  return s;
}

/** `field: Type: detail` as the API server words a diagnostic. */
export function diagnostic(d) {
  const parts = [];
  if (d.field) parts.push(d.field);
  if (d.type) parts.push(d.type);
  let s = parts.join(': ');
  if (d.detail) s = s ? `${s}: ${d.detail}` : d.detail;
  return s || d.message || '';
}

export function hostPort(p) {
  const ip = p.ip && p.ip !== '0.0.0.0' ? `${p.ip}:` : '';
  return `${ip}${p.port}/${p.protocol}`;
}
