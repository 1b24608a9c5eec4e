// Times the built wasm package in headless Chromium (numbers only, never
// asserted): check() on the six examples of the page, and Simulator
// setCluster + evaluate on a 5,000-node `kubectl get nodes` dump as JSON
// and as YAML, with the wasm memory after each step; beside them, in the
// same page, JSON.parse and js-yaml's loadAll (npm js-yaml) on the same text.
//
//   bash scripts/build-wasm.sh        # pkg/
//   node scripts/bench-browser.mjs    # [--nodes 5000] [--runs 5] [--pkg DIR] [--no-images] [--first-load] [--lang zh-TW] [--throttle 4,10,50]
//
// First it loads the page as a static host serves it (dist/index.html:
// scripts/build-web.sh, run here first) and counts what the browser
// fetched before the first coverage grid shows, each file gzip -9 as a static
// host would serve it (--lang: for a reader of that language, `en` when
// not given); --first-load stops there. --throttle MBPS,...: then
// the time until the first grid shows again, the median of 5 loads at
// each download speed given (Mbit/s; 40 ms latency; Chromium's network
// emulation), the files served with gzip -9 as such a host would.
//
// --no-images: a dump without the nodes' image lists, JSON only (the size
// of a 65,000-node dump with images is more than a browser string holds).
//
// Then the page itself (dist/index.html), as a user of a big cluster feels
// it: the Nodes editor given the JSON dump (and a 65,000-node list of node
// pools written with `count`), then the DaemonSet edited and evaluated at
// once (Ctrl+Enter, no typing pause): the time until the grid shows the new
// result, and until the chosen node's explanation does. --page-edit stops
// after that.
//
// The cluster comes from `cargo run --release --example bench -- --gen-only`
// (target/bench/), made here when missing. A static server on 127.0.0.1
// serves the repository to the page.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import zlib from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const NODES = Number(arg("--nodes", "5000"));
const RUNS = Number(arg("--runs", "5"));
const LEAN = process.argv.includes("--no-images");
const SUFFIX = LEAN ? "-noimages" : "";
const PKG = arg("--pkg", "pkg").replace(/^\/+|\/+$/g, ""); // relative to the repository
const benchDir = path.join(root, "target", "bench");
const FIRST_LOAD_ONLY = process.argv.includes("--first-load");
const PAGE_EDIT_ONLY = process.argv.includes("--page-edit");
const THROTTLE = arg("--throttle", "").split(",").filter(Boolean).map(Number);
const LANG = arg("--lang", "en"); // the reader's language for the first load (its words table is fetched)

if (!fs.existsSync(path.join(root, PKG, "daemonset_sim.js"))) {
  console.error(`bench-browser: ${PKG}/daemonset_sim.js is missing: run bash scripts/build-wasm.sh first`);
  process.exit(1);
}
if (!FIRST_LOAD_ONLY && !fs.existsSync(path.join(benchDir, `cluster-${NODES}${SUFFIX}.json`))) {
  console.log(`generating a ${NODES}-node cluster (cargo run --release --example bench -- --gen-only)...`);
  const lean = LEAN ? ["--no-images", "--json-only"] : [];
  const r = spawnSync("cargo", ["run", "--release", "--example", "bench", "--", "--gen-only", "--nodes", String(NODES), "--out", benchDir, ...lean], {
    cwd: root,
    stdio: "inherit",
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

{
  const r = spawnSync("bash", [path.join(root, "scripts", "build-web.sh")], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json", ".yaml": "text/plain", ".ts": "text/plain" };
const server = http.createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  const file = path.join(root, decodeURIComponent(url.pathname));
  if (url.pathname === "/") {
    res.writeHead(200, { "content-type": "text/html" });
    res.end('<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>bench</title>');
    return;
  }
  if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404).end();
    return;
  }
  const type = TYPES[path.extname(file)] ?? "application/octet-stream";
  if (THROTTLE.length && /\bgzip\b/.test(String(req.headers["accept-encoding"]))) {
    res.writeHead(200, { "content-type": type, "content-encoding": "gzip" });
    res.end(zlib.gzipSync(fs.readFileSync(file), { level: 9 }));
    return;
  }
  res.writeHead(200, { "content-type": type });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  {
    // what a reader's browser fetches before the first grid shows
    const page = await browser.newPage({ locale: LANG });
    const got = new Map();
    page.on("response", async (r) => {
      if (!r.url().startsWith(origin)) return;
      try {
        got.set(new URL(r.url()).pathname, { body: await r.body(), start: r.request().timing().startTime });
      } catch {
        /* a redirect or an aborted request has no body */
      }
    });
    const t0 = Date.now();
    await page.goto(origin + "/dist/index.html");
    await page.waitForFunction(() => Number(document.documentElement.dataset.evaluations || 0) > 0 && document.querySelector("#grid [role=gridcell]"), null, { timeout: 60000 });
    const shownMs = Date.now() - t0;
    // the page marks its first result; what it fetches after it (the other
    // tabs' code, the editors' colours) is counted apart
    const first = await page.evaluate(() => performance.timeOrigin + (performance.getEntriesByName("dssim:first-result")[0]?.startTime ?? performance.now()));
    await page.waitForTimeout(2500); // the later fetches, and responses still being read
    const all = [...got].map(([p, { body, start }]) => ({ p, start, raw: body.length, gz: zlib.gzipSync(body, { level: 9 }).length })).sort((a, b) => b.gz - a.gz);
    const rows = all.filter((r) => r.start <= first);
    const later = all.filter((r) => r.start > first);
    const total = rows.reduce((s, r) => s + r.gz, 0);
    console.log(`\nfirst load of dist/index.html until the first grid shows (${shownMs} ms here): ${rows.length} files, ${(total / 1000).toFixed(0)} KB gzip -9 (${total.toLocaleString("en")} bytes; ${(rows.reduce((s, r) => s + r.raw, 0) / 1000).toFixed(0)} KB raw)`);
    for (const r of rows) console.log(`  ${(r.gz / 1000).toFixed(1).padStart(7)} KB  ${r.p}`);
    console.log(`fetched after the first grid shows: ${later.length} files, ${(later.reduce((s, r) => s + r.gz, 0) / 1000).toFixed(1)} KB gzip -9`);
    for (const r of later) console.log(`  ${(r.gz / 1000).toFixed(1).padStart(7)} KB  ${r.p}`);
    await page.close();
    for (const mbps of THROTTLE) {
      const times = [];
      for (let i = 0; i < 5; i++) {
        const context = await browser.newContext();
        const p = await context.newPage();
        const cdp = await context.newCDPSession(p);
        await cdp.send("Network.enable");
        await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 40, downloadThroughput: (mbps * 1e6) / 8, uploadThroughput: (mbps * 1e6) / 8 });
        const t = Date.now();
        await p.goto(origin + "/dist/index.html");
        await p.waitForFunction(() => Number(document.documentElement.dataset.evaluations || 0) > 0 && document.querySelector("#grid [role=gridcell]"), null, { timeout: 120000 });
        times.push(Date.now() - t);
        await context.close();
      }
      times.sort((a, b) => a - b);
      console.log(`first grid at ${mbps} Mbit/s, 40 ms latency: ${times[2]} ms (median of 5: ${times.join(", ")})`);
    }
    if (FIRST_LOAD_ONLY) process.exit(0);
  }
  {
    // the page per edit of the DaemonSet, with a big cluster kept
    const page = await browser.newPage();
    page.on("pageerror", (e) => console.error("page error:", e));
    page.on("crash", () => console.error("the page crashed"));
    await page.goto(origin + "/dist/index.html?example=my-daemonset");
    await page.waitForFunction(() => Number(document.documentElement.dataset.evaluations || 0) > 0, null, { timeout: 60000 });
    const pools = (n) => {
      // 13 pools of n / 13 nodes (a shorthand entry has at most 10,000)
      const names = ["general", "gpu", "control", "spot", "infra"];
      const lines = ["nodes:"];
      for (let i = 0; i < 13; i++) {
        const p = names[i % names.length];
        lines.push(`- name: ${p}-${i}`, `  count: ${Math.floor(n / 13)}`, `  labels: {pool: ${p}, zone: zone-${"abc"[i % 3]}}`);
        if (p === "gpu") lines.push('  taints: ["dedicated=gpu:NoExecute"]');
        if (p === "control") lines.push('  taints: ["node-role.kubernetes.io/control-plane:NoSchedule"]');
      }
      return lines.join("\n") + "\n";
    };
    const clusters = [[`the ${NODES}-node JSON dump`, { url: `/target/bench/cluster-${NODES}${SUFFIX}.json` }], ["65,000 nodes in 13 pools (count)", { text: pools(65000) }]];
    console.log(`\nthe page (dist/index.html), an edit of the DaemonSet evaluated at once (Ctrl+Enter), ${RUNS} edits`);
    for (const [label, src] of clusters) {
      const r = await page.evaluate(async ({ src, runs }) => {
        const root = document.documentElement;
        const evals = () => Number(root.dataset.evaluations || 0);
        /** resolves when `ok()` holds, checked on every change of the page */
        const when = (ok) => new Promise((resolve) => {
          if (ok()) return resolve(performance.now());
          const mo = new MutationObserver(() => { if (ok()) { mo.disconnect(); resolve(performance.now()); } });
          mo.observe(root, { attributes: true, subtree: true, childList: true });
        });
        const idle = () => root.dataset.busy !== "true" && !document.querySelector('#explain[aria-busy="true"]');
        // the Nodes text as a paste (one over a megabyte stays out of the
        // textarea: editor.js), the DaemonSet typed; then Ctrl+Enter
        const set = (id, text) => {
          const ta = document.querySelector(id);
          ta.focus();
          if (text.length > 1 << 20) {
            ta.select();
            const dt = new DataTransfer();
            dt.setData("text/plain", text);
            ta.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
          } else {
            ta.value = text;
            ta.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText" }));
          }
          ta.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", ctrlKey: true, bubbles: true }));
        };
        const text = src.text ?? await (await fetch(src.url)).text();
        let n = evals();
        const t0 = performance.now();
        set("#ed-nodes", text);
        await when(() => evals() > n && idle());
        const load = performance.now() - t0;
        const ds = document.querySelector("#ed-ds").value;
        const grid = [];
        const explain = [];
        for (let i = 0; i < runs; i++) {
          n = evals();
          const t = performance.now();
          set("#ed-ds", `${ds}# edit ${i}\n`);
          grid.push(await when(() => evals() > n) - t);
          explain.push(await when(() => evals() > n && idle()) - t);
        }
        const best = (a) => Math.min(...a);
        const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
        return { load, nodes: document.querySelectorAll("#grid").length && document.querySelector("#shown")?.textContent, grid: [best(grid), median(grid)], explain: [best(explain), median(explain)] };
      }, { src, runs: RUNS });
      console.log(`  ${label}: pasted and shown in ${r.load.toFixed(0)} ms (${r.nodes})`);
      console.log(`    edit -> new grid           best ${r.grid[0].toFixed(1)} ms, median ${r.grid[1].toFixed(1)} ms`);
      console.log(`    edit -> grid + explanation best ${r.explain[0].toFixed(1)} ms, median ${r.explain[1].toFixed(1)} ms`);
    }
    await page.close();
    if (PAGE_EDIT_ONLY) process.exit(0);
  }
  const page = await browser.newPage();
  page.on("console", (m) => m.type() === "error" && console.error("page:", m.text()));
  page.on("pageerror", (e) => console.error("page error:", e));
  await page.goto(origin + "/");
  const examples = JSON.parse(fs.readFileSync(path.join(root, "web", "examples", "index.json"), "utf8"));
  const daemonSets = fs.readdirSync(benchDir).filter((f) => f.endsWith(".daemonset.yaml")).sort();

  const result = await page.evaluate(
    async ({ examples, daemonSets, nodes, runs, pkg, suffix }) => {
      const mib = (n) => n / (1024 * 1024);
      const now = () => performance.now();
      const stats = (times) => {
        const s = [...times].sort((a, b) => a - b);
        return { best: s[0], median: s[Math.floor(s.length / 2)], first: times[0], all: times };
      };
      const time = async (n, f) => {
        const times = [];
        let v;
        for (let i = 0; i < n; i++) {
          const t = now();
          v = await f();
          times.push(now() - t);
        }
        return { ...stats(times), value: v };
      };
      const rows = [];
      const row = (step, t, extra = "") => rows.push({ step, best: t.best, median: t.median, extra });

      const t0 = now();
      const mod = await import(`/${pkg}/daemonset_sim.js`);
      const wasm = await mod.default();
      row("fetch + compile + instantiate", { best: now() - t0, median: now() - t0 }, `version ${mod.version()}`);
      const memory = () => `wasm memory ${mib(wasm.memory.buffer.byteLength).toFixed(0)} MiB`;

      const text = async (url) => (await fetch(url)).text();
      const jsyaml = await import("/node_modules/js-yaml/dist/js-yaml.mjs");
      for (const ex of examples) {
        const all = (await text(`/web/examples/${ex.daemonset}`)) + "\n---\n" + (await text(`/web/examples/${ex.nodes}`));
        const t = await time(20, () => mod.check(all));
        row(`check ${ex.id}`, t, `${t.value.nodes.length} nodes`);
      }
      rows.push({ step: "", extra: memory() });

      for (const fmt of suffix ? ["json"] : ["json", "yaml"]) {
        const cluster = await text(`/target/bench/cluster-${nodes}${suffix}.${fmt}`);
        const sim = new mod.Simulator();
        const t = await time(fmt === "yaml" ? Math.min(runs, 3) : runs, () => sim.setCluster(cluster));
        // the first run is what a reader waits for on the first paste (the
        // memory grows to its size, V8 optimizes the reading code)
        row(`setCluster ${nodes} nodes, ${fmt.toUpperCase()} (${mib(cluster.length).toFixed(1)} MiB)`, t, `runs ${t.all.map((x) => x.toFixed(0)).join(", ")} ms; ${t.value.nodes} nodes, ${t.value.errors.length} errors; ${memory()}`);
        {
          // the first evaluateGrid after setCluster also numbers the nodes' facts (once per cluster)
          const ds = await text(`/target/bench/${daemonSets[0]}`);
          row(`  first evaluateGrid after setCluster`, await time(1, () => sim.evaluateGrid(ds)), "numbers the nodes' facts");
        }
        // the browser's own parser (JSON) and js-yaml (YAML) on the same
        // text, and the ratios of issue #11: setCluster / that parser, wasm
        // memory / the text's size
        const p = fmt === "json"
          ? await time(runs, () => JSON.parse(cluster))
          : await time(Math.min(runs, 3), () => jsyaml.loadAll(cluster));
        row(`  for scale: ${fmt === "json" ? "JSON.parse" : "js-yaml loadAll"} of the same text`, p, `runs ${p.all.map((x) => x.toFixed(0)).join(", ")} ms`);
        // (best against best, and median against median: the browser's
        // parser moves most between runs, its garbage collection with it)
        rows.push({ step: `  ratio setCluster / ${fmt === "json" ? "JSON.parse" : "js-yaml"} (best)`, extra: `${(t.best / p.best).toFixed(2)}x (median ${(t.median / p.median).toFixed(2)}x); wasm memory / text ${(wasm.memory.buffer.byteLength / cluster.length).toFixed(1)}x` });
        for (const f of daemonSets) {
          const ds = await text(`/target/bench/${f}`);
          const e = await time(runs, () => sim.evaluate(ds));
          const c = e.value.counts;
          row(`  evaluate ${f.replace(".daemonset.yaml", "")}`, e, `${c.scheduled} sched, ${c.pending} pend, ${c.excluded} excl, ${c.keepsExisting} keep; ${memory()}`);
          const g = await time(runs, () => sim.evaluateGrid(ds));
          row(`    evaluateGrid`, g, `${g.value.evaluated} verdicts computed, ${g.value.reasonTexts.length} distinct reasons`);
          const name = e.value.nodes[e.value.nodes.length - 1].name;
          row(`    nodeReport (one node)`, await time(runs, () => sim.nodeReport(name)));
        }
        sim.free();
        rows.push({ step: `  after free()`, extra: memory() });
      }
      return rows;
    },
    { examples, daemonSets, nodes: NODES, runs: RUNS, pkg: PKG, suffix: SUFFIX },
  );

  const version = (await browser.version()) || "";
  const wasmSize = fs.statSync(path.join(root, PKG, "daemonset_sim_bg.wasm")).size;
  console.log(`\nheadless Chromium ${version}, ${PKG}/ (${(wasmSize / 1024).toFixed(0)} KiB wasm), ${RUNS} runs unless noted\n`);
  const w = Math.max(...result.map((r) => r.step.length));
  console.log(`${"step".padEnd(w)}  ${"best ms".padStart(9)}  ${"median ms".padStart(9)}  notes`);
  for (const r of result) {
    const n = (v) => (v === undefined ? "" : v.toFixed(1)).padStart(9);
    console.log(`${r.step.padEnd(w)}  ${n(r.best)}  ${n(r.median)}  ${r.extra}`);
  }
} finally {
  await browser.close();
  server.close();
}
