#!/usr/bin/env bash
# Requests per second for a forum thread page with 50 posts (authors, organisations, quotes,
# accepted answer, tags, unread count), on SQLite over loopback, measured with wrk.
#
#   bench/forum_thread_page.sh                 # builds the release binary first
#   SAMSYN_BIN=target/release/samsyn bench/forum_thread_page.sh
#   POSTS=50 CONNECTIONS=16 THREADS=2 DURATION=20s bench/forum_thread_page.sh
#
# Needs wrk (apt-get install wrk) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

POSTS="${POSTS:-50}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
DURATION="${DURATION:-20s}"
PORT="${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
BIN="${SAMSYN_BIN:-}"
if [ -z "$BIN" ]; then
  cargo build --release --quiet
  BIN="${CARGO_TARGET_DIR:-target}/release/samsyn"
fi

DATA="$(mktemp -d)"
BODY="$DATA/body.json"
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT

SAMSYN_DATA_DIR="$DATA" SAMSYN_DEMO=false SAMSYN_LOG=warn \
SAMSYN_ADMIN_EMAIL=bench@samsyn.local SAMSYN_ADMIN_PASSWORD=bench-admin-lösenord-1 \
  "$BIN" serve --bind "127.0.0.1:$PORT" >"$DATA/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do
  kill -0 "$PID" 2>/dev/null || { cat "$DATA/server.log"; exit 1; }
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done

COOKIE="$(python3 bench/forum_seed.py "http://127.0.0.1:$PORT" bench@samsyn.local bench-admin-lösenord-1 "$POSTS" "$BODY")"
echo "thread page with $POSTS posts, SQLite, $CONNECTIONS connections, $THREADS wrk threads, $DURATION"
SAMSYN_COOKIE="$COOKIE" SAMSYN_BODY_FILE="$BODY" \
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/forum_thread_page.lua \
  "http://127.0.0.1:$PORT/graphql"
