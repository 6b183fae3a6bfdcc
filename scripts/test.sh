#!/usr/bin/env bash
# Every test: lint, typecheck, then vitest (unit, integration on real PostgreSQL/Temporal/sandbox, browser).
set -euo pipefail
cd "$(dirname "$0")/.."
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/herald_test}"
export HERALD_TEMPORAL_BIN_DIR="$(scripts/temporal.sh)"
PNPM_VERSION="$(node -p "require('./package.json').packageManager.split('@')[1]")"
[ -d ".tools/pnpm-$PNPM_VERSION/bin" ] && export PATH="$PWD/.tools/pnpm-$PNPM_VERSION/bin:$PATH"
echo "== lint"; node_modules/.bin/prettier --check --log-level=warn . && node_modules/.bin/eslint . --max-warnings=0
echo "== typecheck"; node_modules/.bin/tsc -p tsconfig.json
echo "== tests"
mkdir -p .cache && rm -f .cache/vitest-report.json
status=0
node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile=.cache/vitest-report.json "$@" || status=$?
# The plain closing line CI reads: "N passed, N failed".
node -e "const r=require('./.cache/vitest-report.json'); console.log('tests: ' + r.numPassedTests + ' passed, ' + (r.numFailedTests + r.numFailedTestSuites) + ' failed' + (r.numPendingTests ? ', ' + r.numPendingTests + ' skipped' : ''))" 2>/dev/null || true
exit $status
