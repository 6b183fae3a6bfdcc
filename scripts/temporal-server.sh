#!/usr/bin/env bash
# Provides the Temporal server with SQL persistence (`temporal-server`) and its schema tool
# (`temporal-sql-tool`), built from their Go module at the version in tools/temporal-server.txt,
# cached in .tools/temporal-server-<version>/ with the schemas and config templates of that version.
# Prints the folder. The first build takes ~8 minutes of 2 cores and needs Go and the Go module proxy.
set -euo pipefail
cd "$(dirname "$0")/.."
version="$(grep -o '^go.temporal.io/server@v[0-9.]*' tools/temporal-server.txt | cut -d@ -f2)"
dir="$PWD/.tools/temporal-server-$version"
done_mark="$dir/.complete"
if [ -f "$done_mark" ]; then echo "$dir"; exit 0; fi

if ! command -v go >/dev/null 2>&1; then
  echo "herald: HERALD_ERR_CLUSTER_GO_MISSING: building the Temporal server needs Go (https://go.dev/dl/), which is not on PATH." >&2
  exit 3
fi
mkdir -p .tools
exec 9>".tools/temporal-server-$version.lock"
flock 9 # another worktree may be building the same version: wait for it instead of building twice
if [ -f "$done_mark" ]; then echo "$dir"; exit 0; fi

echo "herald: building the Temporal server $version into $dir (first time only: about 8 minutes on 2 cores)" >&2
partial="$dir.partial"
rm -rf "$partial"; mkdir -p "$partial/bin"
build() { # $1 package, $2 binary name
  CGO_ENABLED=0 GOTOOLCHAIN=local GOBIN="$partial/gobin" \
    go install -trimpath -ldflags "-s -w" "$1@$version" >&2 || {
      echo "herald: HERALD_ERR_CLUSTER_BUILD_FAILED: building $1@$version failed (see the Go output above); the Go module proxy must be reachable." >&2
      exit 4
    }
  mv "$partial/gobin/$(basename "$1")" "$partial/bin/$2"
}
build go.temporal.io/server/cmd/server temporal-server
build go.temporal.io/server/cmd/tools/sql temporal-sql-tool
rmdir "$partial/gobin"
src="$(go env GOMODCACHE)/go.temporal.io/server@$version"
cp -r "$src/schema/postgresql" "$partial/schema"
mkdir -p "$partial/templates"
cp "$src/config/development-postgres12.yaml" "$partial/templates/"
cp "$src/config/dynamicconfig/development-sql.yaml" "$partial/templates/"
chmod -R u+w "$partial"
rm -rf "$dir"; mv "$partial" "$dir"
touch "$done_mark"
echo "$dir"
