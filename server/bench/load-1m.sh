#!/usr/bin/env bash
# Benchmark (not a test): loads 1,000,000 requests into the embedded H2 database, starts the
# server on them and measures, over loopback with wrk, GET by id, GET by reference_id, and the
# list (first page and a deep offset). Prints requests/s and p50/p99 latency for each.
# Target: >= 5,000 GET/s with p99 < 20 ms on 2 cores.
#
#   server/bench/load-1m.sh                 # defaults: 1,000,000 rows, 15 s per run, 32 connections
#   ROWS=200000 DURATION=10s CONNECTIONS=64 server/bench/load-1m.sh
#
# Work files go to bench-out/load-1m (git-ignored). Needs wrk (Debian package wrk).
set -euo pipefail
source "$(dirname "$0")/../../bin/env.sh"
pick_jdk
cd "$lipsync_root"

ROWS="${ROWS:-1000000}"
DURATION="${DURATION:-15s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
PORT="${PORT:-18181}"
out="$lipsync_root/bench-out/load-1m"
data="$out/data"

command -v wrk >/dev/null || { echo "error: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -B -q -pl server -am package -DskipTests
fi
jar="$(ls server/target/server-*.jar | head -1)"
h2jar="$(ls server/target/lib/h2-*.jar | head -1)"
rm -rf "$out" && mkdir -p "$out"

start_server() {
  # LIPSYNC_WORKERS=0: the loaded "queued" rows have no job; workers would sweep them up mid-benchmark
  LIPSYNC_DATA_DIR="$data" LIPSYNC_PORT="$PORT" LIPSYNC_HOST=127.0.0.1 LIPSYNC_WORKERS=0 \
  LIPSYNC_RATE_READ_PER_MINUTE=1000000000 \
    java -Xmx1g -jar "$jar" > "$out/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && return 0
    kill -0 "$server_pid" 2>/dev/null || { cat "$out/server.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "server did not start" >&2; exit 1
}
stop_server() {
  kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
}
trap stop_server EXIT

h2() { # runs SQL on the (stopped) server's database
  java -cp "$h2jar" org.h2.tools.Shell -url "jdbc:h2:file:$data/db/lipsync" -user sa -password "" -sql "$1"
}

echo "== creating the database (first start) and the default account's key"
start_server
stop_server
key="$(cat "$data/initial-api-key")"

echo "== loading $ROWS requests"
t0=$(date +%s)
batch=100000
for ((from = 1; from <= ROWS; from += batch)); do
  to=$((from + batch - 1)); [ "$to" -gt "$ROWS" ] && to=$ROWS
  # ids are version 7 UUIDs (time first) like the server's own
  h2 "INSERT INTO lipsync_requests (id, account_id, reference_id, status, created_at, started_at, finished_at,
        error_message, model, video_url, audio_url, disable_active_speaker_detection, output_key, output_seconds, attempts, seq)
      SELECT RANDOM_UUID(7), (SELECT id FROM accounts WHERE name = 'default'), 'batch-' || MOD(X, 1000),
        CASE WHEN MOD(X, 10) < 7 THEN 'completed' WHEN MOD(X, 10) = 7 THEN 'failed' ELSE 'queued' END,
        DATEADD(MICROSECOND, X * 1000, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
        CASE WHEN MOD(X, 10) < 8 THEN DATEADD(MICROSECOND, X * 1000 + 4000000, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00') END,
        CASE WHEN MOD(X, 10) < 8 THEN DATEADD(MICROSECOND, X * 1000 + 65000000, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00') END,
        CASE WHEN MOD(X, 10) = 7 THEN 'video URL is not accessible' END,
        'lipsync-2', 'https://cdn.example.com/v/' || X || '.mp4', 'https://cdn.example.com/a/' || X || '.wav', FALSE,
        CASE WHEN MOD(X, 10) < 7 THEN 'outputs/' || X || '.mp4' END, CASE WHEN MOD(X, 10) < 7 THEN 65.0 END, 1, X
      FROM SYSTEM_RANGE($from, $to)" >/dev/null
done
h2 "UPDATE accounts SET request_count = (SELECT COUNT(*) FROM lipsync_requests r WHERE r.account_id = accounts.id),
      last_request_at = (SELECT MAX(created_at) FROM lipsync_requests r WHERE r.account_id = accounts.id)" >/dev/null
echo "   loaded in $(( $(date +%s) - t0 )) s"
# 1,000 ids spread over the table, for GET by id; then compact the file as a long-running server would
h2 "SELECT id FROM lipsync_requests WHERE MOD(seq, $((ROWS / 1000 > 0 ? ROWS / 1000 : 1))) = 0 LIMIT 1000" \
  | grep -oE '[0-9a-f]{8}-[0-9a-f-]{27}' > "$out/ids.txt"
h2 "SHUTDOWN COMPACT" >/dev/null
echo "   database file: $(du -h "$data/db/lipsync.mv.db" | cut -f1)"

cat > "$out/ids.lua" <<LUA
local ids = {}
for line in io.lines("$out/ids.txt") do ids[#ids + 1] = line end
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/v1/lipsync/requests/" .. ids[math.random(#ids)])
end
LUA
cat > "$out/deep.lua" <<LUA
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/v1/lipsync/requests?offset=" .. math.random($((ROWS / 2)), $((ROWS - 20))))
end
LUA
cat > "$out/refs.lua" <<LUA
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/v1/lipsync/requests/batch-" .. math.random(0, 999))
end
LUA

echo "== starting the server on $ROWS requests"
start_server

run() { # name, then wrk arguments
  local name="$1"; shift
  curl -sf -o /dev/null -H "x-api-key: $key" "http://127.0.0.1:$PORT/v1/lipsync/requests" # warm the key cache
  wrk -t2 -c"$CONNECTIONS" -d5s -H "x-api-key: $key" "$@" >/dev/null # JIT warm-up
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "x-api-key: $key" "$@" > "$out/$name.txt"
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "$out/$name.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$out/$name.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$out/$name.txt")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$out/$name.txt")
  printf "%-28s %10s req/s   p50 %8s   p99 %8s   %s\n" "$name" "$rps" "$p50" "$p99" "${non2xx:+NON-2xx: $non2xx}"
}

echo "== wrk: $THREADS threads, $CONNECTIONS connections, $DURATION per run, $(nproc) cores"
run get-by-id -s "$out/ids.lua" "http://127.0.0.1:$PORT"
run get-by-reference -s "$out/refs.lua" "http://127.0.0.1:$PORT"
run list-first-page "http://127.0.0.1:$PORT/v1/lipsync/requests"
run list-offset-$((ROWS / 2)) "http://127.0.0.1:$PORT/v1/lipsync/requests?offset=$((ROWS / 2))"
run list-random-deep-offset -s "$out/deep.lua" "http://127.0.0.1:$PORT"
run list-by-reference "http://127.0.0.1:$PORT/v1/lipsync/requests?reference_id=batch-7&offset=500"
run get-by-id-again -s "$out/ids.lua" "http://127.0.0.1:$PORT" # the first run paid for cold caches and JIT
echo "(details in $out/*.txt; server log in $out/server.log)"
