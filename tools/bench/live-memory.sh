#!/usr/bin/env bash
# Silo memory per idle live game: for each N, a fresh silo (Release build, embedded SQLite in a temporary directory,
# GameCacheSize above N so nothing is evicted), N games set up by the load generator (half tic-tac-toe, half Oh Hell,
# each created, seated and started, then left idle mid-game), and the silo's resident set and live managed heap before
# and after. The managed heap comes from dotnet-gcdump (installed as a .NET tool if missing), which forces a full
# collection first, so it counts live objects only; its per-type reports are kept in $LIVE_MEMORY_REPORTS (a new
# temporary directory by default, named on standard error).
#   tools/bench/live-memory.sh 1000 10000 100000
# Prints one Markdown row per N. Needs the Release builds of Statecraft.Silo and Statecraft.LoadTest, and the silo
# ports 11111 and 30000 and HTTP port 5080 free. Kills only the silo it started.
set -euo pipefail
cd "$(dirname "$0")/../.."
silo_dll=src/Statecraft.Silo/bin/Release/net10.0/Statecraft.Silo.dll
load_dll=src/Statecraft.LoadTest/bin/Release/net10.0/Statecraft.LoadTest.dll
[ -f "$silo_dll" ] && [ -f "$load_dll" ] || { echo "build first: dotnet build -c Release Silo.sln" >&2; exit 2; }

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
export PATH="$PATH:$HOME/.dotnet/tools"
reports=${LIVE_MEMORY_REPORTS:-$(mktemp -d)}
mkdir -p "$reports"
echo "per-type heap reports: $reports" >&2
command -v dotnet-gcdump > /dev/null || dotnet tool install -g dotnet-gcdump > /dev/null
# Live managed heap in KiB after a forced full collection; the per-type report goes to $2.
heap_kib() {
  dotnet-gcdump collect -p "$1" -o "$data/heap.gcdump" > /dev/null
  dotnet-gcdump report "$data/heap.gcdump" > "$2"
  awk '/GC Heap bytes/ { gsub(",", "", $1); printf "%d", $1 / 1024 }' "$2"
}
metric() { curl -s http://127.0.0.1:5080/metrics | awk -v name="$1" '$1 ~ "^"name"[{ ]" { sum += $NF } END { printf "%d", sum }'; }

echo "| Live games | Silo RSS before | Silo RSS with the games | RSS per game | Managed heap before | Managed heap with the games | Managed heap per game | statecraft_games_active |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
for games in "$@"; do
  data=$(mktemp -d)
  dotnet "$silo_dll" --urls=http://127.0.0.1:5080 "--Statecraft:Sqlite:DataSource=$data/statecraft.db" \
    "--Statecraft:Persistence:GameCacheSize=$((games * 2))" --Logging:LogLevel:Default=Warning > "$data/silo.log" 2>&1 &
  silo=$!
  trap 'kill $silo 2>/dev/null || true; rm -rf "$data"' EXIT
  for _ in $(seq 1 120); do curl -sf http://127.0.0.1:5080/health/ready > /dev/null && break; sleep 1; done
  sleep 10
  before=$(rss_kib $silo)
  heap_before=$(heap_kib $silo "$reports/heap-$games-before.txt")
  # One command, so every table is set up and then idle; the games stay activated mid-game.
  dotnet "$load_dll" --games "$games" --rate 1 --duration 1s --warmup 0s > "$data/load.log" 2>&1
  sleep 30
  after=$(rss_kib $silo)
  active=$(metric statecraft_games_active)
  heap_after=$(heap_kib $silo "$reports/heap-$games.txt")
  per_game() { awk -v a="$1" -v b="$2" -v n="$active" 'BEGIN { printf "%.1f", (n > 0 ? (a - b) / n : 0) }'; }
  printf '| %s | %d MB | %d MB | %s KB | %d MB | %d MB | %s KB | %s |\n' "$games" $((before / 1024)) $((after / 1024)) \
    "$(per_game "$after" "$before")" $((heap_before / 1024)) $((heap_after / 1024)) "$(per_game "$heap_after" "$heap_before")" "$active"
  kill $silo; wait $silo 2>/dev/null || true
  rm -rf "$data"
  trap - EXIT
done
