// web/engine/lzma.js, the decoder of the LZMA-compressed wasm modules,
// against an independent encoder: Python's lzma module (liblzma, the
// library of xz), which encodes each input here; the decoder must give
// back the input byte for byte. Every literal/match coder setting
// (lc, lp, pb), inputs that exercise literals, short and long matches,
// repeats and the longest distances, the built wasm modules themselves,
// and corrupt or truncated data, which must throw, never hang or
// overrun. No browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { WEB } from './helpers.mjs';
import { decodeLzma } from '../../web/engine/lzma.js';

/**
 * `data` compressed by liblzma in the `.lzma` format (unknown size, end
 * marker), or with the size in the header and no end marker when `sized`.
 * @param {Uint8Array} data
 * @param {{lc?: number, lp?: number, pb?: number, preset?: number, sized?: boolean}} [o]
 */
function encode(data, o = {}) {
  const filter = `{'id': lzma.FILTER_LZMA1, 'preset': ${o.preset ?? 6}, 'lc': ${o.lc ?? 3}, 'lp': ${o.lp ?? 0}, 'pb': ${o.pb ?? 2}}`;
  const script = `
import lzma, sys, struct
data = sys.stdin.buffer.read()
out = lzma.compress(data, format=lzma.FORMAT_ALONE, filters=[${filter}])
if ${o.sized ? 'True' : 'False'}:
    # the same stream with the size written in the header: liblzma's raw
    # encoder writes no end marker
    raw = lzma.compress(data, format=lzma.FORMAT_RAW, filters=[${filter}])
    out = out[:5] + struct.pack('<Q', len(data)) + raw
sys.stdout.buffer.write(out)
`;
  const r = spawnSync('python3', ['-c', script], { input: data, maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, String(r.stderr));
  return new Uint8Array(r.stdout);
}

const text = new TextEncoder().encode(fs.readFileSync(path.join(WEB, 'engine', 'worker.js'), 'utf8').repeat(3));
const random = new Uint8Array(crypto.createHash('sha512').update('seed').digest().length * 2000);
for (let i = 0, h = crypto.createHash('sha512').update('seed').digest(); i < random.length; i += h.length) {
  random.set(h, i);
  h = crypto.createHash('sha512').update(h).digest();
}
// far matches: a random block, 1.5 MiB of other bytes, the same block again
const far = new Uint8Array(2 << 20);
far.set(random.subarray(0, 50000), 0);
for (let i = 50000; i < far.length - 50000; i++) far[i] = (i * 7919) % 251;
far.set(random.subarray(0, 50000), far.length - 50000);

const inputs = {
  empty: new Uint8Array(0),
  'one byte': new Uint8Array([42]),
  zeros: new Uint8Array(100000),
  text,
  random,
  'far matches': far,
};

test('decodes what liblzma encodes, for every input and coder setting', async () => {
  for (const [name, data] of Object.entries(inputs)) {
    for (const [lc, lp, pb] of [[3, 0, 2], [0, 0, 0], [4, 0, 0], [0, 4, 4], [2, 2, 1], [1, 2, 3]]) {
      for (const sized of [false, true]) {
        const packed = encode(data, { lc, lp, pb, sized });
        const out = await decodeLzma(packed);
        assert.equal(out.length, data.length, `${name} lc=${lc} lp=${lp} pb=${pb} sized=${sized}`);
        assert.ok(Buffer.from(out).equals(Buffer.from(data)), `${name} lc=${lc} lp=${lp} pb=${pb} sized=${sized}`);
      }
    }
  }
});

test('decodes the page\'s wasm modules as the build compresses them, whole and as a stream', async () => {
  for (const name of ['daemonset_sim_core_bg.wasm', 'daemonset_sim_bg.wasm']) {
    const wasm = fs.readFileSync(path.join(WEB, 'pkg', name));
    const packed = fs.readFileSync(path.join(WEB, 'pkg', `${name}.lzma`));
    assert.ok(packed.length < wasm.length / 2, `${name}: ${packed.length} of ${wasm.length} bytes`);
    assert.ok(Buffer.from(await decodeLzma(packed)).equals(wasm), name);
    // in chunks of odd sizes, as a network delivers it
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0, n = 1; i < packed.length; i += n, n = (n * 7 + 13) % 40000 + 1) c.enqueue(packed.subarray(i, i + n));
        c.close();
      },
    });
    assert.ok(Buffer.from(await decodeLzma(stream)).equals(wasm), `${name} as a stream`);
  }
});

test('corrupt and truncated data rejects with an Error', async () => {
  const packed = encode(text);
  const truncated = packed.subarray(0, packed.length >> 1);
  await assert.rejects(decodeLzma(truncated), /LZMA data is corrupt: unexpected end/);
  await assert.rejects(decodeLzma(packed.subarray(0, 10)), /too short/);
  const badProps = packed.slice();
  badProps[0] = 225;
  await assert.rejects(decodeLzma(badProps), /bad properties/);
  // a header that promises fewer bytes than the stream holds
  const sized = encode(text, { sized: true });
  const short = sized.slice();
  short[5] = 10; short[6] = 0; short[7] = 0; short[8] = 0;
  await assert.rejects(decodeLzma(short), /LZMA data is corrupt/);
  // the output limit holds for a stream without a size
  await assert.rejects(decodeLzma(encode(inputs.zeros), 1000), /more than 1000 bytes/);
  // flipped bytes anywhere: an Error or (rarely) other bytes, never a hang
  // or a crash of another kind
  for (let i = 13; i < packed.length; i += 97) {
    const bad = packed.slice();
    bad[i] ^= 0x5a;
    try {
      await decodeLzma(bad, 1 << 20);
    } catch (e) {
      assert.match(String(e), /LZMA data is corrupt/);
    }
  }
});
