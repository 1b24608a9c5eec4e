#!/usr/bin/env bash
# Fuzzes every text entry point with cargo-fuzz (libFuzzer), one target
# after another: check, cluster_evaluate (the wasm Simulator's setCluster
# + evaluate), cluster (every DaemonSet at once), rollout, compare,
# quantity, selector; yaml_fast, the fast YAML reader against libyaml
# (the same events on every text it takes); and direct_json, the direct
# JSON reader of node and pod lists against the exact path (the same
# result on every text).
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]    # SECONDS per target, default 60
#
# Installs cargo-fuzz when missing and needs the nightly toolchain
# (`rustup toolchain install nightly`). Seeds come from fuzz/seeds.py
# (web examples, tests/data, the conformance corpus); what libFuzzer finds
# grows fuzz/corpus/TARGET; a crash is written to fuzz/artifacts/TARGET/.
# Every crash becomes a regression file in tests/data/hostile/fuzz/ (see
# tests/it/hostile.rs). Exit status 1 when a target failed.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(check cluster_evaluate cluster rollout compare quantity selector yaml_fast direct_json)
fi

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "installing cargo-fuzz" >&2
  cargo install cargo-fuzz
fi
if ! rustup toolchain list | grep -q '^nightly'; then
  echo "cargo fuzz needs the nightly toolchain: rustup toolchain install nightly" >&2
  exit 2
fi

python3 fuzz/seeds.py >/dev/null
mkdir -p fuzz/logs
status=0
summary=()
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  log="fuzz/logs/$t.log"
  echo "== $t: ${seconds}s" >&2
  # -rss_limit_mb: twice the 1 GiB the hostile-input tests allow natively,
  # for AddressSanitizer's shadow memory and quarantine (an input at the
  # pod limit, 150,000 shorthand pods, takes 344 MB natively and went past
  # 1 GiB under ASan); -timeout: one input may take at most 30 s under ASan
  # (10,000 replicas scored on 10,000 nodes take 7 s natively); inputs up
  # to 64 KiB
  if cargo +nightly fuzz run "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
      -dict=fuzz/kubernetes.dict -max_total_time="$seconds" -rss_limit_mb=2048 \
      -timeout=30 -max_len=65536 -print_final_stats=1 >"$log" 2>&1; then
    result=ok
  else
    result="FAILED (see $log and fuzz/artifacts/$t/)"
    status=1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  secs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | grep -o 'in [0-9]*' | grep -o '[0-9]*' || echo "$seconds")
  line="$t: $runs executions in ${secs}s: $result"
  echo "$line" >&2
  summary+=("$line")
done
printf '%s\n' "${summary[@]}"
exit $status
