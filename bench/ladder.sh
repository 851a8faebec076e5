#!/usr/bin/env bash
# The request ladder (issue #18): one server, one run, every rung side by side with req/s,
# p50, p99 and the cost relative to the anonymous trivial query, then the server's RSS.
#
#   bench/ladder.sh                              # builds the release binary first
#   SAMSYN_BIN=target/release/samsyn DURATION=10s bench/ladder.sh
#
# Rungs: /healthz; `{ __typename }` anonymous and signed in; the thread page (50 posts, the
# query of bench/forum_thread_page.sh) at 8 and 64 connections; a network's thread list;
# the start page's query; a search. SQLite, loopback, wrk with 2 threads; the server and
# wrk share the machine's cores. Needs wrk (apt-get install wrk), curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

POSTS="${POSTS:-50}"
DURATION="${DURATION:-10s}"
THREADS="${THREADS:-2}"
. bench/serve.sh
PORT="${PORT:-$(free_port)}"
BIN="$(release_bin)"

DATA="$(mktemp -d)"
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT

URL="http://127.0.0.1:$PORT"
serve_seeded "$BIN" "$PORT" "$DATA" "$POSTS" "$DATA/thread.json"

# The other bodies, as the web UI sends them (web/js/pages/start.js, network.js).
python3 - "$DATA" <<'PY'
import json, sys
d = sys.argv[1]
thread_list = ("id kind title status pinned locked replyCount unreadCount lastActivityAt createdAt "
               "author { displayName } tags { name slug } network { slug name }")
meeting = ("id title networkName startsAt endsAt place onlineLink cancelled registrationOpen "
           "registeredCount waitingCount placesLeft maxParticipants myRegistration myWaitingPosition")
bodies = {
    "trivial": ("{ __typename }", {}),
    "threads": ("query NetworkThreads($slug: String!, $first: Int) { network(slug: $slug) { id "
                "threads(first: $first) { pageInfo { hasNextPage endCursor } nodes { %s } } } }" % thread_list,
                {"slug": "sma-avlopp", "first": 20}),
    "start": ("query StartPage { upcomingMeetings(first: 5) { %s } latestNewsletter { id title sentAt text } "
              "newSinceLastVisit(first: 5) { nodes { %s } } networks { slug name unreadCount } "
              "notifications(first: 8) { nodes { id kind read createdAt actor { displayName } thread { id title } } } "
              "unreadNotificationCount }" % (meeting, thread_list), {}),
    "search": ("query($q: String!) { search(query: $q, first: 10) { totalCount hits { type titleHtml snippet } } }",
               {"q": "fosforfälla markbädd"}),
}
for name, (q, v) in bodies.items():
    with open(f"{d}/{name}.json", "w") as f:
        json.dump({"query": q, "variables": v}, f)
PY

# Every body must answer without errors before it is measured.
for body in trivial thread threads start search; do
  out="$(curl -fs -H 'content-type: application/json' -H "cookie: $COOKIE" --data-binary "@$DATA/$body.json" "$URL/graphql")"
  if grep -q '"errors"' <<<"$out"; then echo "$body answers with errors: ${out:0:300}"; exit 1; fi
done

# rung NAME CONNECTIONS METHOD PATH BODY COOKIE
RESULTS="$DATA/results.tsv"
: >"$RESULTS"
rung() {
  local name="$1" conns="$2" method="$3" path="$4" body="$5" cookie="$6"
  local out
  out="$(LADDER_METHOD="$method" LADDER_BODY_FILE="${body:+$DATA/$body.json}" LADDER_COOKIE="$cookie" \
    wrk -t"$THREADS" -c"$conns" -d"$DURATION" --latency -s bench/ladder.lua "$URL$path")"
  local rps p50 p99 bad
  rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  bad="$(awk '/Non-2xx/ {print $NF}' <<<"$out")"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$conns" "$rps" "$p50" "$p99" "${bad:-0}" >>"$RESULTS"
}

rung "/healthz" 64 GET /healthz "" ""
rung "{ __typename } anonymous" 8 POST /graphql trivial ""
rung "{ __typename } anonymous" 64 POST /graphql trivial ""
rung "{ __typename } signed in" 8 POST /graphql trivial "$COOKIE"
rung "{ __typename } signed in" 64 POST /graphql trivial "$COOKIE"
rung "thread page, $POSTS posts, signed in" 8 POST /graphql thread "$COOKIE"
rung "thread page, $POSTS posts, signed in" 64 POST /graphql thread "$COOKIE"
rung "network thread list (20), signed in" 64 POST /graphql threads "$COOKIE"
rung "start page, signed in" 64 POST /graphql start "$COOKIE"
rung "search, signed in" 64 POST /graphql search "$COOKIE"

rss="$(awk '/^VmRSS/ {printf "%.0f MiB", $2/1024}' "/proc/$PID/status")"
hwm="$(awk '/^VmHWM/ {printf "%.0f MiB", $2/1024}' "/proc/$PID/status")"
echo "samsyn request ladder: SQLite, loopback, $(nproc) cores, wrk -t$THREADS, $DURATION per rung"
python3 - "$RESULTS" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
def ms(s):
    for unit, f in (("us", 1e-3), ("ms", 1.0), ("s", 1e3)):
        if s.endswith(unit):
            return float(s[: -len(unit)]) * f
    return float("nan")
base = {r[1]: float(r[2]) for r in rows if r[0] == "{ __typename } anonymous"}
print(f"{'request':40s} {'conns':>5s} {'req/s':>9s} {'p50 ms':>8s} {'p99 ms':>8s} {'cost ×':>7s} {'non-2xx':>7s}")
for name, conns, rps, p50, p99, bad in rows:
    ref = base.get(conns) or base.get("64")
    cost = ref / float(rps) if float(rps) else float("inf")
    print(f"{name:40s} {conns:>5s} {float(rps):9.0f} {ms(p50):8.2f} {ms(p99):8.2f} {cost:7.2f} {bad:>7s}")
PY
echo "server RSS at the end: $rss (peak $hwm)"
