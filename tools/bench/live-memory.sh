#!/usr/bin/env bash
# Silo memory per idle live game: for each N, a fresh silo (Release build, embedded SQLite in a temporary directory,
# GameCacheSize above N so nothing is evicted), N games set up by the load generator (half tic-tac-toe, half Oh Hell,
# each created, seated and started, then left idle mid-game), and the silo's resident set before and after.
#   tools/bench/live-memory.sh 1000 10000 100000
# Prints one Markdown row per N. Needs the Release builds of Statecraft.Silo and Statecraft.LoadTest, and the silo
# ports 11111 and 30000 and HTTP port 5080 free. Kills only the silo it started.
set -euo pipefail
cd "$(dirname "$0")/../.."
silo_dll=src/Statecraft.Silo/bin/Release/net10.0/Statecraft.Silo.dll
load_dll=src/Statecraft.LoadTest/bin/Release/net10.0/Statecraft.LoadTest.dll
[ -f "$silo_dll" ] && [ -f "$load_dll" ] || { echo "build first: dotnet build -c Release Silo.sln" >&2; exit 2; }

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
metric() { curl -s http://127.0.0.1:5080/metrics | awk -v name="$1" '$1 ~ "^"name"[{ ]" { sum += $NF } END { printf "%d", sum }'; }

echo "| Live games | Silo RSS before | Silo RSS with the games | Per game | statecraft_games_active |"
echo "|---:|---:|---:|---:|---:|"
for games in "$@"; do
  data=$(mktemp -d)
  dotnet "$silo_dll" --urls=http://127.0.0.1:5080 "--Statecraft:Sqlite:DataSource=$data/statecraft.db" \
    "--Statecraft:Persistence:GameCacheSize=$((games * 2))" --Logging:LogLevel:Default=Warning > "$data/silo.log" 2>&1 &
  silo=$!
  trap 'kill $silo 2>/dev/null || true; rm -rf "$data"' EXIT
  for _ in $(seq 1 120); do curl -sf http://127.0.0.1:5080/health/ready > /dev/null && break; sleep 1; done
  sleep 10
  before=$(rss_kib $silo)
  # One command, so every table is set up and then idle; the games stay activated mid-game.
  dotnet "$load_dll" --games "$games" --rate 1 --duration 1s --warmup 0s > "$data/load.log" 2>&1
  sleep 30
  after=$(rss_kib $silo)
  active=$(metric statecraft_games_active)
  printf '| %s | %d MB | %d MB | %.1f KB | %s |\n' "$games" $((before / 1024)) $((after / 1024)) \
    "$(awk -v a="$after" -v b="$before" -v n="$active" 'BEGIN { printf "%.1f", (n > 0 ? (a - b) / n : 0) }')" "$active"
  kill $silo; wait $silo 2>/dev/null || true
  rm -rf "$data"
  trap - EXIT
done
