#!/usr/bin/env bash
# Installs what Herald needs, reusing what is already there: pnpm, node_modules, Temporal binaries.
set -euo pipefail
cd "$(dirname "$0")/.."
PNPM_VERSION="$(node -p "require('./package.json').packageManager.split('@')[1]")"

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  if [ ! -x ".tools/pnpm-$PNPM_VERSION/bin/pnpm" ]; then
    echo "herald: installing pnpm $PNPM_VERSION into .tools/" >&2
    npm install --silent --no-audit --no-fund --prefix ".tools/pnpm-$PNPM_VERSION" -g "pnpm@$PNPM_VERSION" >/dev/null
  fi
  export PATH="$PWD/.tools/pnpm-$PNPM_VERSION/bin:$PATH"
fi

# node_modules: reinstall only when the lockfile changed since the last install.
stamp=node_modules/.herald-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s pnpm-lock.yaml "$stamp"; then
  pnpm install --frozen-lockfile --reporter=silent
  cp pnpm-lock.yaml "$stamp"
fi

scripts/temporal.sh >/dev/null
