#!/usr/bin/env bash
# The whole suite (`./herald test`) on a busy machine: one CPU hog per core, started here and stopped
# here by pid, keeps every core busy while the suite runs N times in a row (2 by default). Prints each
# run's wall time and closing line; exits non-zero if any run was red. Tests must wait for the app's own
# signals, never for the clock: this is how that is checked.
#   scripts/ci-under-load.sh [runs]        (logs in .cache/ci-under-load-<run>.log)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-2}"
cores="$(nproc)"
mkdir -p .cache

hogs=()
stop_hogs() {
  for pid in "${hogs[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${hogs[@]}"; do wait "$pid" 2>/dev/null || true; done
  hogs=()
}
trap stop_hogs EXIT
trap 'stop_hogs; exit 130' INT TERM
for _ in $(seq 1 "$cores"); do
  # A pure CPU loop at the suite's own priority: no I/O, no memory.
  sh -c 'while :; do :; done' &
  hogs+=("$!")
done
echo "ci-under-load: ${#hogs[@]} CPU hogs on $cores cores (pids ${hogs[*]}); $runs runs of ./herald test"

red=0
for run in $(seq 1 "$runs"); do
  log=".cache/ci-under-load-$run.log"
  started=$(date +%s)
  if ./herald test >"$log" 2>&1; then result=green; else result=red; red=1; fi
  seconds=$(($(date +%s) - started))
  summary="$(grep -E '^tests: ' "$log" | tail -1 || true)"
  printf 'run %s: %s in %dm %02ds, load %s — %s (log %s)\n' "$run" "$result" $((seconds / 60)) $((seconds % 60)) \
    "$(cut -d' ' -f1-3 /proc/loadavg)" "${summary:-no closing line}" "$log"
done
stop_hogs
echo "ci-under-load: hogs stopped"
exit "$red"
