# Sourced by the wrk benchmarks (forum_thread_page.sh, ladder.sh, profile_thread_page.sh):
# the release binary, a free port, and a server on an empty data folder seeded with the
# thread page of bench/forum_seed.py. Set SAMSYN_* variables in the environment to change
# the server's settings.

# The release binary: $SAMSYN_BIN, or built now.
release_bin() {
  if [ -n "${SAMSYN_BIN:-}" ]; then
    echo "$SAMSYN_BIN"
  else
    cargo build --release --quiet >&2
    echo "${CARGO_TARGET_DIR:-target}/release/samsyn"
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# serve_seeded BIN PORT DATA POSTS BODY_FILE: starts the server (PID), waits for /healthz,
# seeds POSTS posts, writes the thread page request to BODY_FILE and sets COOKIE to the
# admin's session.
serve_seeded() {
  local bin="$1" port="$2" data="$3" posts="$4" body="$5"
  SAMSYN_DATA_DIR="$data" SAMSYN_DEMO=false SAMSYN_LOG=warn \
  SAMSYN_ADMIN_EMAIL=bench@samsyn.local SAMSYN_ADMIN_PASSWORD=bench-admin-lösenord-1 \
    "$bin" serve --bind "127.0.0.1:$port" >"$data/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 100); do
    kill -0 "$PID" 2>/dev/null || { cat "$data/server.log"; exit 1; }
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  COOKIE="$(python3 bench/forum_seed.py "http://127.0.0.1:$port" bench@samsyn.local \
    bench-admin-lösenord-1 "$posts" "$body")"
}
