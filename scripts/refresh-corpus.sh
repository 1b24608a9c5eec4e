#!/usr/bin/env bash
# Refreshes the in-repo copy of the conformance corpus from ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."
for f in ../shared/conformance/*.jsonl; do
  gzip -9 -n -c "$f" > "tests/conformance/$(basename "$f").gz"
done
cp ../shared/conformance/README.md tests/conformance/README.md
