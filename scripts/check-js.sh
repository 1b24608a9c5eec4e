#!/usr/bin/env bash
# Type-checks the page's JavaScript: every module under web/ (JSDoc types;
# the engine's types come from the wasm package's TypeScript declarations,
# web/pkg/daemonset_sim.d.ts) with the TypeScript compiler that
# package-lock.json pins, settings in web/tsconfig.json (strict). Works
# offline once `npm ci` has run and web/pkg/ is built
# (scripts/build-wasm.sh). Exits non-zero on any type error.
set -euo pipefail
cd "$(dirname "$0")/.."

tsc=node_modules/.bin/tsc
[ -x "$tsc" ] || { echo "check-js: $tsc is missing: run npm ci (or scripts/setup.sh)" >&2; exit 2; }
[ -f web/pkg/daemonset_sim.d.ts ] || { echo "check-js: web/pkg/daemonset_sim.d.ts is missing: run scripts/build-wasm.sh" >&2; exit 2; }

echo "==> tsc --noEmit -p web ($("$tsc" --version))"
"$tsc" --noEmit -p web
echo "check-js: no type errors in web/"
