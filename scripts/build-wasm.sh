#!/usr/bin/env bash
# Builds the WebAssembly package into pkg/ (an ES module that a plain page
# imports without a bundler) and copies it to web/pkg/ for the page.
# Needs what scripts/setup.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/node-env.sh # Node.js >= 20 from setup.sh, if it installed one

target=wasm32-unknown-unknown
target_dir=${CARGO_TARGET_DIR:-target}
wasm_opt=node_modules/.bin/wasm-opt # npm binaryen >= 132 (Debian's 108 writes broken modules)
[ -x "$wasm_opt" ] || { echo "build-wasm: $wasm_opt is missing: run scripts/setup.sh" >&2; exit 1; }

field() { sed -n "s/^$1 = \"\(.*\)\"$/\1/p" Cargo.toml | head -n 1; }

# pkg/package.json and pkg/README.md
write_package_files() {
  VERSION=$(field version) DESCRIPTION=$(field description) LICENSE=$(field license) \
  REPOSITORY=$(field repository) node --input-type=module -e '
import fs from "node:fs";
const e = process.env;
const pkg = {
  name: "daemonset-sim",
  version: e.VERSION,
  description: e.DESCRIPTION,
  license: e.LICENSE,
  repository: e.REPOSITORY,
  type: "module",
  main: "daemonset_sim.js",
  module: "daemonset_sim.js",
  types: "daemonset_sim.d.ts",
  exports: {
    ".": { types: "./daemonset_sim.d.ts", default: "./daemonset_sim.js" },
    "./daemonset_sim_bg.wasm": "./daemonset_sim_bg.wasm",
    "./package.json": "./package.json",
  },
  files: ["daemonset_sim.js", "daemonset_sim.d.ts", "daemonset_sim_bg.wasm", "daemonset_sim_bg.wasm.d.ts", "README.md"],
  sideEffects: false,
  keywords: ["kubernetes", "daemonset", "scheduler", "wasm"],
};
fs.writeFileSync("pkg/package.json", JSON.stringify(pkg, null, 2) + "\n");
'
  sed "s/@VERSION@/$(field version)/g" > pkg/README.md <<'EOF'
# daemonset-sim @VERSION@ (WebAssembly)

Why is my DaemonSet pod not on that node? What a Kubernetes v1.36 cluster
does with a DaemonSet, simulated exactly, as an ES module for browsers (no
bundler needed) and for Node.js.

```js
import init, { check, Simulator, version } from "./pkg/daemonset_sim.js";

await init(); // fetches daemonset_sim_bg.wasm next to the .js file (application/wasm)

// One text with the DaemonSet and the nodes (YAML or JSON, several documents):
const report = check(yamlText);          // same object as `daemonset-sim check --format json`
for (const n of report.nodes) console.log(n.name, n.state, n.message);

// Or keep a big cluster parsed and evaluate every edit of the DaemonSet:
const sim = new Simulator();
const summary = sim.setCluster(nodesText); // {nodes, pods, errors, warnings}; never throws
const r1 = sim.evaluate(daemonSetText);    // Report; validation errors in r1.errors
sim.free();                                // frees the kept cluster's wasm memory
```

- Reports and summaries are plain objects (`null`, never `undefined`); the
  TypeScript types (`Report`, `NodeReport`, `Diagnostic`, `ClusterSummary`,
  ...) are in `daemonset_sim.d.ts`.
- `check` and `evaluate` throw an `Error` only when the text holds no
  DaemonSet or cannot be read; its `message` is
  `line:column: field: type: detail` and it has `field`, `type`, `detail`,
  `line`, `column` and `source` properties.
- `free()`: a `Simulator` keeps its nodes in WebAssembly memory, which the
  JavaScript garbage collector does not see. Call `free()` when you replace
  or drop it (or declare it with `using`). wasm memory grows to the
  largest input seen and is reused, never given back.
- After an error with `type === "Panic"` (a bug) load the module again
  (reload the page or the worker, or `import()` the .js under a new URL
  and call its `init()`).
- In Node.js: `initSync({ module: fs.readFileSync(new URL("./daemonset_sim_bg.wasm", import.meta.url)) })`.
EOF
}

# Two modules (profiles in Cargo.toml, chosen by measurement): the full one
# (the npm package, pkg/; profile "wasm", opt-level 3: big clusters read
# 1.6 times as fast as at "z") and, without the `products` feature, the
# small one the page's first grid needs (web/pkg/daemonset_sim_core*;
# profile "wasm-core", opt-level "z"; the page's worker moves to the full
# one when a later call needs it, or for a big Nodes text once it is there).
echo "==> cargo build --profile wasm --target $target --lib"
cargo build --profile wasm --target "$target" --lib
full_out="$target_dir/$target/wasm/daemonset_sim.wasm"
echo "==> cargo build --profile wasm-core --target $target --lib --no-default-features (the first-grid module)"
cargo build --profile wasm-core --target "$target" --lib --no-default-features
core_out="$target_dir/$target/wasm-core/daemonset_sim.wasm"

# wasm-bindgen and wasm-opt (binaryen's JS build takes about 20 s) run only
# when the cargo output, Cargo.toml, the tools or this script changed
stamp_of() { { sha256sum "$1" Cargo.toml "$0"; wasm-bindgen --version; "$wasm_opt" --version; } | sha256sum | cut -d' ' -f1; }
# $1: the cargo output, $2: the out dir, $3: the out name, $4: wasm-opt's passes (words)
fresh() { [ -f "$2/${3}_bg.wasm" ] && [ "$(cat "$2/.build-stamp" 2>/dev/null)" = "$(stamp_of "$1")" ]; }
bindgen() {
  echo "==> wasm-bindgen --target web --out-dir $2 --out-name $3"
  rm -rf "$2"
  wasm-bindgen --target web --out-dir "$2" --out-name "$3" "$1"
  echo "==> wasm-opt $4 $2/${3}_bg.wasm"
  # shellcheck disable=SC2086 # $4 is several words
  "$wasm_opt" $4 "$2/${3}_bg.wasm" -o "$2/${3}_bg.opt.wasm"
  mv "$2/${3}_bg.opt.wasm" "$2/${3}_bg.wasm"
  pack "$2/${3}_bg.wasm"
}
# $1.lzma: the module LZMA-compressed (Python's liblzma, preset 9e, lc=4
# pb=0, the smallest of the settings measured on these modules), which the
# page's worker fetches and decodes (web/engine/lzma.js): a static host
# that serves the module itself with gzip -9 sends about 1.28 times as
# many bytes. Checked here: the page's decoder must give the module back.
pack() {
  echo "==> lzma $1"
  python3 -c '
import lzma, sys
data = open(sys.argv[1], "rb").read()
f = {"id": lzma.FILTER_LZMA1, "preset": 9 | lzma.PRESET_EXTREME, "lc": 4, "lp": 0, "pb": 0, "dict_size": 1 << 22}
open(sys.argv[1] + ".lzma", "wb").write(lzma.compress(data, format=lzma.FORMAT_ALONE, filters=[f]))
' "$1"
  node --input-type=module -e '
import fs from "node:fs";
import { decodeLzma } from "./web/engine/lzma.js";
const [, f] = process.argv;
if (!Buffer.from(await decodeLzma(fs.readFileSync(f + ".lzma"))).equals(fs.readFileSync(f))) { console.error(`build-wasm: ${f}.lzma does not decode to ${f}`); process.exit(1); }
' "$1"
}
if fresh "$full_out" pkg daemonset_sim; then
  echo "==> pkg/ is up to date (same cargo output): wasm-bindgen and wasm-opt skipped"
else
  bindgen "$full_out" pkg daemonset_sim -O3
  write_package_files
  stamp_of "$full_out" > pkg/.build-stamp
fi
if fresh "$core_out" target/pkg-core daemonset_sim_core; then
  echo "==> target/pkg-core/ is up to date: wasm-bindgen and wasm-opt skipped"
else
  # --flatten --rereloop before -Oz: 1.75 KB fewer LZMA bytes than -Oz
  # alone (614,957 -> 610,032 bytes raw; -Os, --converge and --gufa each
  # gave less than 0.6 KB), the same speed (setCluster and evaluate in
  # Node.js), 4 s more wasm-opt. The producers and target_features
  # sections are tools' notes no browser reads: 171 LZMA bytes.
  bindgen "$core_out" target/pkg-core daemonset_sim_core "--flatten --rereloop -Oz -Oz --strip-producers --strip-target-features"
  stamp_of "$core_out" > target/pkg-core/.build-stamp
fi

rm -rf web/pkg
mkdir -p web
cp -r pkg web/pkg
rm -f web/pkg/.build-stamp
cp target/pkg-core/daemonset_sim_core.js target/pkg-core/daemonset_sim_core.d.ts target/pkg-core/daemonset_sim_core_bg.wasm target/pkg-core/daemonset_sim_core_bg.wasm.lzma web/pkg/

node --input-type=module -e '
import fs from "node:fs"; import zlib from "node:zlib";
const kb = (n) => (n / 1024).toFixed(0) + " KiB";
for (const f of ["pkg/daemonset_sim_bg.wasm", "web/pkg/daemonset_sim_core_bg.wasm"]) {
  const b = fs.readFileSync(f);
  const gz = zlib.gzipSync(b, { level: 9 }).length;
  const br = zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const lz = fs.statSync(f + ".lzma").size;
  console.log(`build-wasm: ${f} ${kb(b.length)} raw, ${kb(gz)} gzip -9, ${kb(br)} brotli -11, ${kb(lz)} .lzma`);
}
'
