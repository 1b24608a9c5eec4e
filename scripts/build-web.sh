#!/usr/bin/env bash
# Makes dist/, the playground as a static host serves it: web/ with every
# JavaScript and CSS file minified by esbuild, one file at a time (the
# same modules at the same paths, so the page's lazy imports, its worker
# and the <daemonset-sim> loader stay as they are; no bundling). Measured
# on what the first grid needs: 78 KB of JavaScript and CSS (gzip -9)
# become 50 KB. The sources, web/, stay what the type checks read.
# Needs web/pkg/ (scripts/build-wasm.sh) and npm's esbuild (setup.sh).
# Takes well under a second: the e2e tests run it before they serve.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/node-env.sh # Node.js >= 20 from setup.sh, if it installed one

esbuild=node_modules/.bin/esbuild
[ -x "$esbuild" ] || { echo "build-web: $esbuild is missing: run scripts/setup.sh" >&2; exit 1; }
[ -f web/pkg/daemonset_sim_core.js ] || { echo "build-web: web/pkg/ is missing: run scripts/build-wasm.sh" >&2; exit 1; }

tmp=$(mktemp -d dist.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cp -r web/. "$tmp"
# what only the type checks and the package's users read
rm -f "$tmp/tsconfig.json"
find "$tmp" -name '*.d.ts' -delete
mapfile -t files < <(cd "$tmp" && find . -type f \( -name '*.js' -o -name '*.css' \) | sort)
(cd "$tmp" && "../$esbuild" "${files[@]}" --minify --outbase=. --outdir=. --allow-overwrite --charset=utf8 --log-level=warning)
touch "$tmp/.built" # tests/e2e/helpers.mjs builds again when a file of web/ is newer
rm -rf dist
mv "$tmp" dist
trap - EXIT
