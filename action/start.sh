#!/usr/bin/env bash
# The action's start step: runs the emulator in the background (its own process group), waits for
# its banner, and exports its endpoints and keys to the job. Inputs come as INPUT_* variables.
set -euo pipefail
dir="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/lakefs-emulator"
mkdir -p "$dir"
log="$dir/lakefs-emulator.log"

if [ "${INPUT_VERSION:-source}" = "source" ]; then
  if [ ! -f "$ACTION_PATH/dist/cli.js" ]; then
    echo "Building lakefs-emulator from $ACTION_PATH"
    (cd "$ACTION_PATH" && npm ci --no-audit --no-fund --ignore-scripts > "$dir/build.log" 2>&1 && npm run build >> "$dir/build.log" 2>&1) \
      || { cat "$dir/build.log"; exit 1; }
  fi
  command=(node "$ACTION_PATH/dist/cli.js")
else
  command=(npx --yes "lakefs-emulator@$INPUT_VERSION")
fi

args=(--port "${INPUT_PORT:-8000}" --s3-port "${INPUT_S3_PORT:-9000}" --gcs-port "${INPUT_GCS_PORT:-4443}" --azure-port "${INPUT_AZURE_PORT:-10000}")
while IFS= read -r scenario; do
  scenario="$(echo "$scenario" | xargs)"
  [ -n "$scenario" ] && args+=(--scenario "$scenario")
done < <(printf '%s\n' "${INPUT_SCENARIO:-default}" | tr ',' '\n')
read -r -a extra <<< "${INPUT_ARGS:-}"

cd "${GITHUB_WORKSPACE:-$PWD}"
# Without npm's variables: an emulator started by npm or npx exits with its launcher, and this
# step's shell ends right after the start. The job's end, or the stop step, ends it instead.
env -u npm_execpath setsid "${command[@]}" "${args[@]}" "${extra[@]}" > "$log" 2>&1 < /dev/null &
pid=$!
echo "$pid" > "$dir/pid"

# The banner names both endpoints once the scenario is loaded and the ports are bound.
url="" s3="" gcs="" azure=""
for _ in $(seq 1 600); do
  if ! kill -0 "$pid" 2> /dev/null; then
    echo "::error::lakefs-emulator exited before it was ready"
    cat "$log"
    exit 1
  fi
  url="$(sed -n 's/.* listening on \(http:[^ ]*\) .*/\1/p' "$log" | head -n 1)"
  s3="$(sed -n 's/^  S3: *fake store at \(http:[^ ]*\) .*/\1/p' "$log" | head -n 1)"
  gcs="$(sed -n 's/^  GCS: *fake store at \(http:[^ ]*\) .*/\1/p' "$log" | head -n 1)"
  azure="$(sed -n 's/^  Azure Blob: *fake store at \(http:[^ ]*\) .*/\1/p' "$log" | head -n 1)"
  [ -n "$url" ] && [ -n "$s3" ] && [ -n "$gcs" ] && [ -n "$azure" ] && curl -fs -o /dev/null "$url/_health" && break
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "::error::lakefs-emulator did not start within 60 s"
  cat "$log"
  exit 1
fi

# The first credentials of the loaded scenario (lakeFS quickstart's unless it names others).
auth=()
[ -n "${LAKEFS_EMULATOR_CONTROL_TOKEN:-}" ] && auth=(-H "Authorization: Bearer $LAKEFS_EMULATOR_CONTROL_TOKEN")
keys="$(curl -fsS "${auth[@]}" "$url/_emulator/scenario" | node -e '
  const s = JSON.parse(require("fs").readFileSync(0, "utf8"))
  const c = (s.credentials ?? [])[0] ?? { accessKeyId: "AKIAIOSFOLQUICKSTART", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }
  console.log(c.accessKeyId + " " + c.secretAccessKey)')"
read -r key secret <<< "$keys"
if [ "$secret" != "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" ]; then echo "::add-mask::$secret"; fi

env_file="${GITHUB_ENV:-/dev/null}"
{
  echo "LAKECTL_SERVER_ENDPOINT_URL=$url"
  echo "LAKECTL_CREDENTIALS_ACCESS_KEY_ID=$key"
  echo "LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY=$secret"
  echo "LAKEFS_ENDPOINT=$url"
  echo "LAKEFS_ACCESS_KEY_ID=$key"
  echo "LAKEFS_SECRET_ACCESS_KEY=$secret"
  echo "LAKEFS_EMULATOR_URL=$url"
  echo "LAKEFS_EMULATOR_S3_ENDPOINT=$s3"
  echo "STORAGE_EMULATOR_HOST=$gcs"
  echo "AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=$azure;"
  echo "LAKEFS_EMULATOR_ARTIFACTS=$dir"
  echo "LAKEFS_EMULATOR_STOP=$ACTION_PATH/action/stop.sh"
} >> "$env_file"
{
  echo "endpoint=$url"
  echo "s3-endpoint=$s3"
  echo "gcs-endpoint=$gcs"
  echo "azure-blob-endpoint=$azure"
  echo "access-key-id=$key"
  echo "secret-access-key=$secret"
  echo "artifacts=$dir"
} >> "${GITHUB_OUTPUT:-/dev/null}"
echo "lakefs-emulator is ready at $url (lakeFS API at $url/api/v1), fake store at $s3 (pid $pid)"
