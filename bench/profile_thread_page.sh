#!/usr/bin/env bash
# Where a thread page's time goes (issue #18): the thread page of bench/forum_thread_page.sh
# under wrk, the server sampled by `perf record` (cpu-clock, call graphs from frame
# pointers or DWARF), then the share of samples inside each part of the request: HTTP,
# authentication, parsing, validation, resolving, the database, serialising, allocation.
#
#   bench/profile_thread_page.sh                           # the response cache off (misses)
#   RESPONSE_CACHE_MIB=32 bench/profile_thread_page.sh     # with it (hits)
#
# Needs perf (apt-get install linux-perf), wrk and python3; the release binary must carry
# line tables (profile.release has debug = "line-tables-only").
set -euo pipefail
cd "$(dirname "$0")/.."

POSTS="${POSTS:-50}"
CONNECTIONS="${CONNECTIONS:-64}"
DURATION="${DURATION:-15}"
. bench/serve.sh
PORT="${PORT:-$(free_port)}"
BIN="$(release_bin)"

DATA="$(mktemp -d)"
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; [ -n "${KEEP_PROFILE:-}" ] && cp "$DATA/report.txt" "$KEEP_PROFILE" 2>/dev/null; rm -rf "$DATA"; }
trap cleanup EXIT

SAMSYN_RESPONSE_CACHE_MIB="${RESPONSE_CACHE_MIB:-0}" serve_seeded "$BIN" "$PORT" "$DATA" "$POSTS" "$DATA/body.json"

# Warm up, then record while wrk runs.
SAMSYN_COOKIE="$COOKIE" SAMSYN_BODY_FILE="$DATA/body.json" \
  wrk -t2 -c"$CONNECTIONS" -d3s -s bench/forum_thread_page.lua "http://127.0.0.1:$PORT/graphql" >/dev/null
perf record -q -F 999 -g --call-graph dwarf,16384 -p "$PID" -o "$DATA/perf.data" -- sleep "$DURATION" 2>/dev/null &
PERF=$!
SAMSYN_COOKIE="$COOKIE" SAMSYN_BODY_FILE="$DATA/body.json" \
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/forum_thread_page.lua \
  "http://127.0.0.1:$PORT/graphql" | grep -E "Requests/sec|99%|50%"
wait "$PERF" || true

perf report -i "$DATA/perf.data" --children --stdio --sort sym -g none \
  --percent-limit 0.3 2>/dev/null >"$DATA/report.txt" || true
python3 - "$DATA/report.txt" <<'PY'
import re, sys
rows = []
for line in open(sys.argv[1], errors="replace"):
    m = re.match(r"\s+([\d.]+)%\s+([\d.]+)%\s+(?:\S+\s+)*?\[.\]\s+(.*)", line)
    if m:
        rows.append((float(m.group(1)), float(m.group(2)), m.group(3).strip()))
parts = [
    ("HTTP request handling (graphql_post)", r"samsyn::http::graphql::graphql_post as poem"),
    ("  of it: parsing the document (all parses)", r"async_graphql_parser::parse::executable::parse_query$"),
    ("  of it: the guard's own parse and limits", r"GuardExtension as async_graphql::extensions::Extension>::parse_query"),
    ("resolving fields (async-graphql execution)", r"async_graphql::extensions::Extension::resolve::\{\{closure\}\}"),
    ("  of it: the thread's fields", r"ContainerType for samsyn::graphql::forum::types::Thr"),
    ("  of it: the posts' fields", r"\{async_fn#0\}<samsyn::graphql::forum::types::PostObj>"),
    ("SQLite worker threads (statements, rows)", r"sqlx_sqlite::connection::worker::\{impl#1\}::establish"),
    ("serialising the response (serde_json)", r"^serialize<&mut serde_json::ser::Serializer"),
    ("writing the response (hyper)", r"hyper::proto::h1::dispatch::Dispatcher<D,Bs,I,T>::poll_write"),
    ("kernel (system calls)", r"^do_syscall_64"),
    ("allocation (mimalloc)", r"^_mi_page_malloc|^mi_free|^_mi_page_free"),
]
print(f"{'part':42s} {'% of samples (inclusive)':>26s}")
for name, pat in parts:
    rx = re.compile(pat)
    best = max((c for c, s, sym in rows if rx.search(sym)), default=0.0)
    if name.startswith("allocation"):
        best = sum(s for c, s, sym in rows if rx.search(sym))
    print(f"{name:42s} {best:26.1f}")
print("\nthe heaviest functions by own time (self %):")
for c, s, sym in sorted(rows, key=lambda r: -r[1])[:15]:
    print(f"  {s:5.1f}%  {sym[:110]}")
PY
