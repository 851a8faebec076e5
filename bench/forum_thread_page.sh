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
. bench/serve.sh
PORT="${PORT:-$(free_port)}"
BIN="$(release_bin)"

DATA="$(mktemp -d)"
BODY="$DATA/body.json"
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT

serve_seeded "$BIN" "$PORT" "$DATA" "$POSTS" "$BODY"
echo "thread page with $POSTS posts, SQLite, $CONNECTIONS connections, $THREADS wrk threads, $DURATION"
SAMSYN_COOKIE="$COOKIE" SAMSYN_BODY_FILE="$BODY" \
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/forum_thread_page.lua \
  "http://127.0.0.1:$PORT/graphql"
