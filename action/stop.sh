#!/usr/bin/env bash
# The action's stop step: keeps the journal and the coverage report beside the log, then stops the
# emulator's process group (SIGTERM, then SIGKILL after 5 s) and waits for its port to be free.
set -uo pipefail
dir="${LAKEFS_EMULATOR_ARTIFACTS:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/lakefs-emulator}"
url="${LAKEFS_EMULATOR_URL:-}"
auth=()
[ -n "${LAKEFS_EMULATOR_CONTROL_TOKEN:-}" ] && auth=(-H "Authorization: Bearer $LAKEFS_EMULATOR_CONTROL_TOKEN")
if [ -n "$url" ]; then
  curl -fsS "${auth[@]}" "$url/_emulator/journal" > "$dir/journal.json" || echo "::warning::could not read the emulator's journal"
  curl -fsS "${auth[@]}" "$url/_emulator/coverage" > "$dir/coverage.json" || echo "::warning::could not read the emulator's coverage report"
fi
pid="$(cat "$dir/pid" 2> /dev/null || true)"
if [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null; then
  kill -TERM -- "-$pid" 2> /dev/null || kill -TERM "$pid"
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2> /dev/null || break
    sleep 0.1
  done
  kill -0 "$pid" 2> /dev/null && kill -KILL -- "-$pid" 2> /dev/null
fi
rm -f "$dir/pid"
echo "lakefs-emulator stopped; journal, coverage report and log in $dir"
