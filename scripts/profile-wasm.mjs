// Where the wasm package spends a Simulator.setCluster: V8's sampling
// profiler names the module's Rust functions when the module keeps its
// name section, so this prints the functions by their own share of the
// samples (numbers only, for finding what to work on; the timings are
// bench-browser.mjs'). pkg/ has no names (wasm-opt strips them): by
// default this profiles target/profile-pkg/, wasm-bindgen's output of the
// same cargo build (the full module, profile `wasm`) without wasm-opt.
//
//   bash scripts/build-wasm.sh                         # the cargo build
//   node scripts/profile-wasm.mjs [FILE] [--runs 15] [--pkg DIR] [--top 30]
//
// FILE: a nodes text (default target/bench/cluster-5000.json, made by
// `cargo run --release --example bench -- --gen-only`). The text is read
// once, then set RUNS times; reading the file is not in the profile.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const flags = new Set(["--runs", "--pkg", "--top"]);
const file = process.argv.slice(2).find((a, i, all) => !a.startsWith("--") && !flags.has(all[i - 1])) ?? path.join(root, "target/bench/cluster-5000.json");
const runs = Number(arg("--runs", "15"));
const pkg = path.resolve(root, arg("--pkg", "target/profile-pkg"));
const top = Number(arg("--top", "30"));

if (process.argv.includes("--child")) {
  // the profiled process: only the setCluster calls are sampled
  const m = await import(path.join(pkg, "daemonset_sim.js"));
  m.initSync({ module: fs.readFileSync(path.join(pkg, "daemonset_sim_bg.wasm")) });
  const text = fs.readFileSync(file, "utf8");
  const sim = new m.Simulator();
  const { Session } = await import("node:inspector/promises");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  await session.post("Profiler.start");
  for (let r = 0; r < runs; r++) sim.setCluster(text);
  const { profile } = await session.post("Profiler.stop");
  fs.writeFileSync(arg("--out"), JSON.stringify(profile));
  process.exit(0);
}

if (!process.argv.includes("--pkg")) {
  const built = path.join(root, "target/wasm32-unknown-unknown/wasm/daemonset_sim.wasm");
  if (!fs.existsSync(built)) {
    console.error(`profile-wasm: ${built} is missing: run bash scripts/build-wasm.sh first`);
    process.exit(1);
  }
  const r = spawnSync("wasm-bindgen", ["--target", "web", "--out-dir", pkg, "--out-name", "daemonset_sim", built], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
for (const f of [file, path.join(pkg, "daemonset_sim.js")]) {
  if (!fs.existsSync(f)) {
    console.error(`profile-wasm: ${f} is missing (see the comment at the top of this script)`);
    process.exit(1);
  }
}
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "profile-wasm-")), "profile.json");
const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), file, "--child", "--runs", String(runs), "--pkg", pkg, "--out", out], { stdio: "inherit" });
if (child.status !== 0) process.exit(child.status ?? 1);

const profile = JSON.parse(fs.readFileSync(out, "utf8"));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
let total = 0;
profile.samples.forEach((id, i) => {
  const t = profile.timeDeltas[i] ?? 0;
  const frame = byId.get(id).callFrame;
  // Rust symbols end in a hash (::h0123...): one line per function
  const name = (frame.functionName || `(${frame.url || "program"})`).replace(/::h[0-9a-f]{16}$/, "");
  self.set(name, (self.get(name) ?? 0) + t);
  total += t;
});
console.log(`${path.relative(root, file)}: setCluster x ${runs}, ${(total / 1000).toFixed(0)} ms sampled; own share of the samples:`);
for (const [name, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${((100 * t) / total).toFixed(1).padStart(6)}%  ${name}`);
}
