#!/usr/bin/env bash
# Regenerates src/k8s/schema/v1_36.rs, the Kubernetes v1.36 field schema,
# from the k8s-openapi crate (pinned in tools/schema-gen/Cargo.lock) and
# tools/schema-gen/go_types.toml. Needs only cargo and crates.io.
#
#   bash scripts/gen-schema.sh                      # regenerate
#   bash scripts/gen-schema.sh --check              # fail if the file is stale
#   bash scripts/gen-schema.sh --cross-check DEFS   # also compare with a JSON
#       schema file, e.g. kubernetes-validate 1.36.0's
#       kubernetes_validate/kubernetes-json-schema/v1.36.0-local-strict/_definitions.json
#       (pip download --no-deps kubernetes-validate==1.36.0; unzip the wheel)
#
# tools/schema-gen is its own cargo workspace with its own target/ (about
# 3 minutes for the first build), so the main crate never builds k8s-openapi.
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/k8s/schema/v1_36.rs
check=0 extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --check) check=1 ;;
    --cross-check) extra+=(--cross-check "$(realpath "$2")"); shift ;;
    *) echo "usage: $0 [--check] [--cross-check _definitions.json]" >&2; exit 2 ;;
  esac
  shift
done
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
cargo run --quiet --locked --manifest-path tools/schema-gen/Cargo.toml -- --out "$tmp" "${extra[@]}"
rustfmt --edition 2021 "$tmp"
if [ "$check" = 1 ]; then
  if ! cmp -s "$tmp" "$out"; then echo "$out is stale: run bash scripts/gen-schema.sh" >&2; exit 1; fi
  echo "$out is up to date"
else
  mkdir -p "$(dirname "$out")"
  cat "$tmp" > "$out"
  echo "wrote $out ($(wc -c < "$out") bytes)"
fi
