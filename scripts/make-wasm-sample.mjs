// Writes tests/wasm-sample/placement.jsonl: every 40th case of the
// placement conformance corpus (../shared/conformance/placement.jsonl, or
// the gzip copy in tests/conformance/), replayed in the browser by
// tests/wasm.rs. Run it again when the corpus changes:
//   node scripts/make-wasm-sample.mjs
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const EVERY = 40;
const shared = path.join(root, "..", "shared", "conformance", "placement.jsonl");
const copy = path.join(root, "tests", "conformance", "placement.jsonl.gz");

let text, from;
if (fs.existsSync(shared)) {
  text = fs.readFileSync(shared, "utf8");
  from = shared;
} else {
  text = zlib.gunzipSync(fs.readFileSync(copy)).toString("utf8");
  from = copy;
}
const lines = text.split("\n").filter((l) => l.trim() !== "");
const sample = lines.filter((_, i) => i % EVERY === 0);
for (const l of sample) JSON.parse(l); // fail loudly on a broken line
const out = path.join(root, "tests", "wasm-sample", "placement.jsonl");
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, sample.join("\n") + "\n");
console.log(`${path.relative(root, out)}: ${sample.length} of ${lines.length} cases (every ${EVERY}th) from ${path.relative(root, from)}`);
