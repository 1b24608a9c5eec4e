#!/usr/bin/env bash
# Installs what building and testing need, idempotently (a second run only
# checks, in about a second):
#   - the wasm32-unknown-unknown Rust target, rustfmt and clippy;
#   - wasm-bindgen-cli (wasm-bindgen, wasm-bindgen-test-runner) at exactly
#     the version Cargo.toml pins for the wasm-bindgen crate;
#   - Debian's chromium and chromium-driver (headless browser tests), and a
#     CJK font for readable zh-TW screenshots;
#   - the npm devDependencies from package-lock.json (binaryen's wasm-opt,
#     playwright-core; nothing downloads a browser);
#   - Node.js/npm and python3 from Debian when missing; when the Node.js
#     found is older than 20 (Debian 12 ships 18; playwright-core needs 20),
#     the npm registry's `node` package (it ships the binary) installed to
#     .tools/node, which scripts/node-env.sh puts first on PATH for the
#     scripts.
# Needs Rust via rustup, and root (or sudo) for apt.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/node-env.sh

# the Node.js that setup installs when the machine's is older than 20
local_node=22.23.3

step() { printf '\n==> %s\n' "$*"; }
fail() { printf 'setup: %s\n' "$*" >&2; exit 1; }

command -v cargo >/dev/null || fail "cargo is missing: install Rust with rustup (https://rustup.rs)"
command -v rustup >/dev/null || fail "rustup is missing: the wasm32 target is installed with rustup"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    fail "need root (or sudo) to run: $*"
  fi
}

apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then
    as_root apt-get update
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
}

# 1. Rust target and the format/lint components
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
for c in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$c"; then
    step "rustup component add $c"
    rustup component add "$c"
  fi
done

# 2. wasm-bindgen-cli, same version as the wasm-bindgen crate (pinned "=x.y.z")
wbg=$(sed -n 's/^wasm-bindgen = "=\([0-9][0-9.]*\)".*/\1/p' Cargo.toml | head -n 1)
[ -n "$wbg" ] || fail 'Cargo.toml must pin wasm-bindgen as wasm-bindgen = "=x.y.z"'
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wbg" ] ||
   [ "$(wasm-bindgen-test-runner --version 2>/dev/null)" != "wasm-bindgen-test-runner $wbg" ]; then
  step "cargo install wasm-bindgen-cli $wbg (a few minutes, once)"
  # not --locked: a dependency version locked upstream is missing from the registry here
  cargo install wasm-bindgen-cli --version "$wbg" --no-default-features --force
fi

# 3. Chromium and its driver, from Debian (no browser downloads)
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  step "apt-get install chromium chromium-driver"
  apt_install chromium chromium-driver
fi
# a CJK font, so that zh-TW screenshots taken by the e2e tests are readable
if ! dpkg -s fonts-wqy-zenhei >/dev/null 2>&1; then
  step "apt-get install fonts-wqy-zenhei"
  apt_install fonts-wqy-zenhei
fi

# 4. Node.js >= 20 and the npm devDependencies, exactly as locked; python3 serves web/
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  step "apt-get install nodejs npm"
  apt_install nodejs npm
fi
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 20 ]; then
  step "npm install node@$local_node into .tools/node ($(command -v node) is $(node --version 2>/dev/null); playwright-core needs Node.js >= 20)"
  rm -rf .tools/node
  npm install --no-audit --no-fund --no-save --prefix .tools/node "node@$local_node" ||
    fail "could not install node@$local_node from the npm registry: install Node.js 20 or newer (https://nodejs.org) and run again"
  . scripts/node-env.sh
  [ "$(node_major)" -ge 20 ] ||
    fail "Node.js >= 20 is needed (playwright-core) and node@$local_node from npm did not give one: install Node.js 20 or newer and run again"
fi
if ! command -v python3 >/dev/null; then
  step "apt-get install python3"
  apt_install python3
fi
if ! cmp -s package-lock.json node_modules/.setup-lock 2>/dev/null ||
   [ ! -x node_modules/.bin/wasm-opt ]; then
  step "npm ci"
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.setup-lock
fi

echo "setup: ok (rust wasm32 target, wasm-bindgen $wbg, $(chromium --version 2>/dev/null | head -n 1), node $(node --version), $(node_modules/.bin/wasm-opt --version))"
