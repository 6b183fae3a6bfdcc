#!/usr/bin/env bash
# Every test: lint, typecheck, then vitest (unit, integration on real PostgreSQL/Temporal/sandbox, browser).
# With arguments (`./herald test canvas`, `./herald test engine/src/model --project unit`) it runs only the
# matching test files, without lint or typecheck: the inner loop.
set -euo pipefail
cd "$(dirname "$0")/.."
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/herald_test}"
export HERALD_TEMPORAL_BIN_DIR="$(scripts/temporal.sh)"
PNPM_VERSION="$(node -p "require('./package.json').packageManager.split('@')[1]")"
[ -d ".tools/pnpm-$PNPM_VERSION/bin" ] && export PATH="$PWD/.tools/pnpm-$PNPM_VERSION/bin:$PATH"
if [ $# -eq 0 ]; then
  echo "== lint"; node_modules/.bin/prettier --check --log-level=warn . && node_modules/.bin/eslint . --max-warnings=0
  echo "== typecheck"; node_modules/.bin/tsc -p tsconfig.json
fi
echo "== tests"
mkdir -p .cache
report=".cache/vitest-report-$$.json"
trap 'rm -f "$report"' EXIT
status=0
node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile="$report" "$@" || status=$?
# The plain closing line CI reads, with vitest's own counts (its "Tests" and "Test Files" lines).
node_modules/.bin/tsx scripts/lib/test-summary.ts "$report" "$status"
exit $status
