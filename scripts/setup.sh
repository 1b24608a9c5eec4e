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
#   - Node.js/npm and python3 from Debian when missing.
# Needs Rust via rustup, and root (or sudo) for apt.
set -euo pipefail
cd "$(dirname "$0")/.."

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

# 4. Node.js and the npm devDependencies, exactly as locked; python3 serves web/
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  step "apt-get install nodejs npm"
  apt_install nodejs npm
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
