#!/usr/bin/env bash
# Runs every test, stopping at the first failing step:
#   1. setup (installs what is missing);
#   2. format and lint: cargo fmt --check, cargo clippy -D warnings (native
#      and wasm32, every target; the page's core module's features too);
#   3. the wasm build (pkg/, web/pkg/) and the site (dist/: web/ minified);
#   4. cargo test: native unit, integration and conformance tests;
#   5. the wasm tests (tests/wasm.rs) in headless Chromium;
#   6. TypeScript: the generated declarations against real results, the
#      page's modules (scripts/check-ts.sh);
#   7. the end-to-end page tests in tests/e2e/ (node --test), when there are any.
# Prints a summary at the end; exits non-zero when a step failed.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/node-env.sh # Node.js >= 20 from setup.sh, if it installed one

names=() results=() times=()
started=$(date +%s)

summary() {
  local passed=0 failed=0 i
  echo
  echo "================ summary ================"
  for i in "${!names[@]}"; do
    printf '  %-6s %-52s %5ss\n' "${results[$i]}" "${names[$i]}" "${times[$i]}"
    if [ "${results[$i]}" = ok ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  done
  echo "  total $(($(date +%s) - started))s"
  echo "steps: $passed passed, $failed failed"
}

# step NAME COMMAND...: runs one step; on failure prints the summary and exits
step() {
  local name=$1; shift
  local t0=$(date +%s) rc=0
  printf '\n==================== %s ====================\n' "$name"
  "$@" || rc=$?
  names+=("$name"); times+=("$(($(date +%s) - t0))")
  if [ "$rc" = 0 ]; then
    results+=(ok)
  else
    results+=(FAILED)
    summary
    echo "test.sh: step '$name' failed (exit $rc)" >&2
    exit "$rc"
  fi
}

wasm_tests() {
  # runner = wasm-bindgen-test-runner (.cargo/config.toml); webdriver.json
  # points chromedriver at Debian's chromium
  CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver} \
  WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-600} \
    cargo test --target wasm32-unknown-unknown --test wasm
}

lint() {
  cargo fmt --check &&
    cargo clippy --all-targets -- -D warnings &&
    cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings &&
    cargo clippy --target wasm32-unknown-unknown --lib --no-default-features -- -D warnings
}

e2e_tests() {
  local files
  files=$(find tests/e2e -type f \( -name '*.test.mjs' -o -name '*.test.js' -o -name '*.test.cjs' \
    -o -name '*-test.mjs' -o -name '*_test.mjs' -o -name 'test-*.mjs' \) 2>/dev/null | sort)
  if [ -z "$files" ]; then
    echo "no tests in tests/e2e/: nothing to run"
    return 0
  fi
  # shellcheck disable=SC2086 # one file per word
  node --test $files
}

step "setup (scripts/setup.sh)" bash scripts/setup.sh
step "format and lint (cargo fmt, cargo clippy)" lint
step "build wasm package (scripts/build-wasm.sh)" bash scripts/build-wasm.sh
step "build the site (scripts/build-web.sh)" bash scripts/build-web.sh
step "native tests (cargo test)" cargo test
step "wasm tests in headless Chromium (tests/wasm.rs)" wasm_tests
step "TypeScript (scripts/check-ts.sh)" bash scripts/check-ts.sh
step "end-to-end page tests (node --test tests/e2e/)" e2e_tests
summary
