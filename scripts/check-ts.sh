#!/usr/bin/env bash
# TypeScript checks (needs `npm ci` and the package in pkg/):
#   - the package's generated declarations against a usage file and against
#     real results of the engine (tests/typescript/);
#   - the page's modules with checkJs (scripts/check-js.sh), when present.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/node-env.sh # Node.js >= 20 from setup.sh, if it installed one
tsc=node_modules/.bin/tsc
[ -x "$tsc" ] || { echo "check-ts: $tsc is missing: run scripts/setup.sh" >&2; exit 1; }
[ -f pkg/daemonset_sim.d.ts ] || { echo "check-ts: pkg/ is missing: run scripts/build-wasm.sh" >&2; exit 1; }
node tests/typescript/results.mjs
"$tsc" -p tests/typescript
echo "check-ts: pkg/daemonset_sim.d.ts agrees with tests/typescript/usage.ts and the engine's results"
if [ -f scripts/check-js.sh ]; then
  bash scripts/check-js.sh
fi
