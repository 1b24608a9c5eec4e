#!/usr/bin/env bash
# Installs what is missing, builds the wasm package and the site (dist/:
# web/ minified, scripts/build-web.sh) and serves the playground on
# http://localhost:8080 (PORT=... to change it).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/node-env.sh # Node.js >= 20 from setup.sh, if it installed one

bash scripts/setup.sh
bash scripts/build-wasm.sh
bash scripts/build-web.sh

port=${PORT:-8080}
printf '\nServing dist/ (web/, minified) on http://localhost:%s/  (Ctrl-C stops)\n\n' "$port"
# python's http.server sends .wasm as application/wasm, which streaming
# compilation needs; 127.0.0.1 keeps it off the network
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory dist
