#!/usr/bin/env bash
# Import a day of data with plain curl, wait for it, and check what landed. Runs against a lakeFS
# emulator started with the daily-drop scenario (or a real lakeFS set up the same way):
#   npx lakefs-emulator --scenario node_modules/lakefs-emulator/scenarios/daily-drop.json &
#   bash curl/import.sh
set -euo pipefail

ENDPOINT="${LAKEFS_ENDPOINT:-http://127.0.0.1:8000}"
USER_PASS="${LAKEFS_ACCESS_KEY_ID:-AKIAIOSFOLQUICKSTART}:${LAKEFS_SECRET_ACCESS_KEY:-wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY}"
BRANCH="${BRANCH:-main}"
API="$ENDPOINT/api/v1/repositories/my-repo"

# One JSON field's value (a string, number or boolean at any depth), without needing jq.
field() { grep -o "\"$1\":[^,}]*" | head -n 1 | cut -d: -f2- | tr -d '"'; }
call() { curl -sS --fail-with-body -u "$USER_PASS" "$@"; }

call "$ENDPOINT/api/v1/healthcheck" -o /dev/null
started=$(call -X POST "$API/branches/$BRANCH/import" -H 'Content-Type: application/json' \
  -d '{"paths":[{"type":"common_prefix","path":"s3://my-bucket/raw/2024/","destination":"raw/2024/"}],
       "commit":{"message":"daily drop (curl)","metadata":{"source":"curl"}}}')
id=$(field id <<<"$started")
echo "import $id started"

for _ in $(seq 1 600); do
  status=$(call "$API/branches/$BRANCH/import?id=$id")
  if [ "$(field completed <<<"$status")" = "true" ]; then break; fi
  if grep -q '"error"' <<<"$status"; then echo "import failed: $status" >&2; exit 1; fi
  echo "  $(field ingested_objects <<<"$status") objects so far"
  sleep 0.5
done
[ "$(field completed <<<"$status")" = "true" ] || { echo "import did not finish: $status" >&2; exit 1; }

ingested=$(field ingested_objects <<<"$status")
commit=$(field id <<<"${status#*\"commit\":}")
head=$(call "$API/branches/$BRANCH" | field commit_id)
echo "import $id completed: $ingested objects, commit $commit"
[ "$ingested" = "6000" ] || { echo "expected 6000 objects, got $ingested" >&2; exit 1; }
[ "$head" = "$commit" ] || { echo "branch head $head is not the import's commit $commit" >&2; exit 1; }
call "$API/refs/$BRANCH/objects/stat?path=raw/2024/part-1/file0001.parquet" | field physical_address
