#!/usr/bin/env python3
"""The attacker's trial (issue #14): hostile requests against a running server, each timed,
each followed by a health check, printed as a table. Not a test: it prints what happened.

    python3 bench/attack.py HOST PORT ADMIN_EMAIL ADMIN_PASSWORD [SERVER_PID]

Start a server on a throwaway data folder first, e.g.

    SAMSYN_DATA_DIR=/tmp/atk SAMSYN_LOG=warn SAMSYN_ADMIN_EMAIL=admin@samsyn.local \\
    SAMSYN_ADMIN_PASSWORD=Admin-lösenord-123 target/release/samsyn serve --bind 127.0.0.1:18080

A line is marked BAD when the answer was a 5xx, took longer than the request timeout, or the
server stopped answering /healthz afterwards. Standard library only.
"""

import base64
import http.client
import json
import os
import socket
import sys
import time

HOST, PORT, EMAIL, PASSWORD = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
PID = sys.argv[5] if len(sys.argv) > 5 else None
TIMEOUT = 40  # above the server's 30 s request timeout
rows = []
bad = 0


def request(method, path, body=None, headers=None):
    conn = http.client.HTTPConnection(HOST, PORT, timeout=TIMEOUT)
    h = {"content-type": "application/json"}
    h.update(headers or {})
    if isinstance(body, str):
        body = body.encode()
    conn.request(method, path, body=body, headers=h)
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return resp.status, data, dict(resp.getheaders())


def healthy():
    try:
        status, body, _ = request("GET", "/healthz")
        return status == 200 and body == b"ok"
    except OSError:
        return False


def code_of(data):
    try:
        v = json.loads(data)
    except ValueError:
        return data[:40].decode(errors="replace")
    if isinstance(v, list):
        v = v[0] if v else {}
    errors = v.get("errors") or []
    if errors:
        return (errors[0].get("extensions") or {}).get("code", "?")
    return "ok"


def case(name, method, path, body=None, headers=None, expect=None):
    global bad
    size = len(body) if body is not None else len(path)
    started = time.monotonic()
    try:
        status, data, _ = request(method, path, body, headers)
        code = code_of(data)
    except Exception as e:  # noqa: BLE001 - any failure is a finding
        status, code = 0, type(e).__name__
    ms = (time.monotonic() - started) * 1000
    up = healthy()
    verdict = "ok"
    if status == 0 or status >= 500 or ms > 30_000 or not up:
        verdict = "BAD"
        bad += 1
    elif expect and code not in expect and str(status) not in expect:
        verdict = f"unexpected (wanted {'/'.join(expect)})"
    rows.append((name, size, status, code, ms, verdict))


def gql(query, variables=None):
    return json.dumps({"query": query, "variables": variables or {}})


def login(email, password):
    status, data, headers = request(
        "POST",
        "/graphql",
        gql("mutation($i: LoginInput!) { login(input: $i) { user { id } } }",
            {"i": {"email": email, "password": password}}),
    )
    cookie = headers.get("set-cookie") or headers.get("Set-Cookie") or ""
    return cookie.split(";")[0]


def ws_case(name, payload_query, cookie=""):
    """A graphql-transport-ws subscribe with a hostile document, over a hand-made WebSocket."""
    global bad
    started = time.monotonic()
    answer = "?"
    try:
        s = socket.create_connection((HOST, PORT), timeout=TIMEOUT)
        key = base64.b64encode(os.urandom(16)).decode()
        lines = [
            "GET /graphql/ws HTTP/1.1", f"Host: {HOST}:{PORT}", "Upgrade: websocket",
            "Connection: Upgrade", f"Sec-WebSocket-Key: {key}", "Sec-WebSocket-Version: 13",
            "Sec-WebSocket-Protocol: graphql-transport-ws", f"Origin: http://{HOST}:{PORT}",
        ]
        if cookie:
            lines.append(f"Cookie: {cookie}")
        s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = s.recv(4096)
            if not chunk:
                break
            head += chunk
        if b" 101 " not in head.split(b"\r\n")[0]:
            answer = head.split(b"\r\n")[0].decode()
        else:
            rest = head.split(b"\r\n\r\n", 1)[1]

            def send(obj):
                data = json.dumps(obj).encode()
                mask = os.urandom(4)
                n = len(data)
                if n < 126:
                    hdr = bytes([0x81, 0x80 | n])
                elif n < 65536:
                    hdr = bytes([0x81, 0x80 | 126]) + n.to_bytes(2, "big")
                else:
                    hdr = bytes([0x81, 0x80 | 127]) + n.to_bytes(8, "big")
                s.sendall(hdr + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

            def recv():
                nonlocal rest
                while len(rest) < 2:
                    rest += s.recv(65536)
                n = rest[1] & 0x7F
                off = 2
                if n == 126:
                    n, off = int.from_bytes(rest[2:4], "big"), 4
                elif n == 127:
                    n, off = int.from_bytes(rest[2:10], "big"), 10
                while len(rest) < off + n:
                    more = s.recv(65536)
                    if not more:
                        break
                    rest += more
                opcode = rest[0] & 0x0F
                frame, rest = rest[off:off + n], rest[off + n:]
                return opcode, frame

            send({"type": "connection_init", "payload": {}})
            op, frame = recv()
            send({"id": "1", "type": "subscribe", "payload": {"query": payload_query}})
            op, frame = recv()
            if op == 8:
                answer = f"close {int.from_bytes(frame[:2], 'big')} {frame[2:60].decode(errors='replace')}"
            else:
                msg = json.loads(frame)
                answer = msg.get("type", "?")
                payload = msg.get("payload")
                errors = payload if isinstance(payload, list) else (payload or {}).get("errors") or []
                if errors:
                    answer += " " + ((errors[0].get("extensions") or {}).get("code", ""))
        s.close()
    except Exception as e:  # noqa: BLE001
        answer = type(e).__name__
    ms = (time.monotonic() - started) * 1000
    up = healthy()
    verdict = "ok" if up and ms < 30_000 else "BAD"
    if verdict == "BAD":
        bad += 1
    rows.append((name, len(payload_query), "ws", answer, ms, verdict))


def main():
    assert healthy(), "server not answering /healthz"
    n = 100_000
    deep_list = "{ node(id: " + "[" * n + "1" + "]" * n + ") { id } }"
    deep_obj = "{ node(id: " + "{a: " * n + "1" + "}" * n + ") { id } }"
    deep_sel = "{ " + "me { " * n + "id" + " }" * n + " }"
    deep_paren = "{ node" + "(" * n + " }"
    deep_skip = "{ me @skip(if: " + "[" * n + "true" + "]" * n + ") { id } }"
    deep_vars = json.dumps({"query": "query($v: JSON) { __typename }"})[:-1] + ', "variables": {"v": ' + "[" * n + "1" + "]" * n + "}}"
    frag_cycle = "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }"
    # Ten fragments, each spreading the one below ten times: 10^10 fields when expanded.
    frags = ["fragment F0 on Query { __typename }"]
    for i in range(1, 11):
        frags.append(f"fragment F{i} on Query {{ " + " ".join([f"...F{i-1}"] * 10) + " }")
    fan_out = "{ ...F10 } " + " ".join(frags)
    aliases_1k = "{ " + " ".join(f"a{i}: __typename" for i in range(1000)) + " }"
    aliases_100k = "{ " + " ".join(f"a{i}: __typename" for i in range(100_000)) + " }"
    directives = "{ __typename " + "@skip(if: false) " * 1000 + "}"
    long_name = "{ " + "a" * 500_000 + " }"
    deep_md = "> " * 50_000 + "x"
    deep_md_list = "".join("  " * i + "- x\n" for i in range(600))

    sets = [
        ("anonymous", ""),
        ("signed in", login(EMAIL, PASSWORD)),
    ]
    for who, cookie in sets:
        h = {"cookie": cookie} if cookie else {}
        tag = f" ({who})"
        case("list literal 100k deep" + tag, "POST", "/graphql", gql(deep_list), h, ["BAD_INPUT"])
        case("object literal 100k deep" + tag, "POST", "/graphql", gql(deep_obj), h, ["BAD_INPUT"])
        case("selection set 100k deep" + tag, "POST", "/graphql", gql(deep_sel), h, ["BAD_INPUT"])
        case("parentheses 100k deep" + tag, "POST", "/graphql", gql(deep_paren), h, ["BAD_INPUT"])
        case("@skip(if:) list 100k deep" + tag, "POST", "/graphql", gql(deep_skip), h, ["BAD_INPUT"])
        case("variables JSON 100k deep" + tag, "POST", "/graphql", deep_vars, h, ["BAD_INPUT"])
        case("batch of deep lists" + tag, "POST", "/graphql",
             "[" + ",".join([gql(deep_list)] * 3) + "]", h, ["BAD_INPUT", "TOO_LARGE"])
        case("batch of 11" + tag, "POST", "/graphql",
             "[" + ",".join([gql("{ __typename }")] * 11) + "]", h, ["BAD_INPUT"])
        case("fragment cycle" + tag, "POST", "/graphql", gql(frag_cycle), h, ["BAD_INPUT"])
        case("fragment fan-out 10^10" + tag, "POST", "/graphql", gql(fan_out), h, ["BAD_INPUT"])
        case("1,000 aliases" + tag, "POST", "/graphql", gql(aliases_1k), h, ["BAD_INPUT"])
        case("100,000 aliases" + tag, "POST", "/graphql", gql(aliases_100k), h, ["BAD_INPUT", "TOO_LARGE"])
        case("1,000 directives on a field" + tag, "POST", "/graphql", gql(directives), h, ["BAD_INPUT"])
        case("500 kB field name" + tag, "POST", "/graphql", gql(long_name), h, ["BAD_INPUT"])
        case("body 1 MiB + 1" + tag, "POST", "/graphql", "x" * (1024 * 1024 + 1), h, ["TOO_LARGE", "413"])
        case("invalid UTF-8" + tag, "POST", "/graphql", b'{"query": "{ \xff\xfe }"}', h, ["BAD_INPUT"])
        case("no query" + tag, "POST", "/graphql", "{}", h, ["BAD_INPUT"])
        case("query not a string" + tag, "POST", "/graphql", '{"query": 5}', h, ["BAD_INPUT"])
        case("GET mutation" + tag, "GET", "/graphql?query=mutation%7Blogout%7D", None, h, ["405"])
        case("GET URL of 200 kB" + tag, "GET", "/graphql?query=" + "%7B" * 66_000, None, h,
             ["BAD_INPUT", "414", "400", "431"])
        case("search: operators only" + tag, "POST", "/graphql",
             gql('{ search(query: "-", first: 10) { totalCount } }'), h, ["ok", "UNAUTHENTICATED"])
        case("search: 300 × ö" + tag, "POST", "/graphql",
             gql('query($q: String!) { search(query: $q, first: 10) { totalCount } }', {"q": "ö" * 300}), h,
             ["ok", "BAD_INPUT", "UNAUTHENTICATED"])
        case("search: 10k parentheses" + tag, "POST", "/graphql",
             gql('query($q: String!) { search(query: $q, first: 10) { totalCount } }', {"q": "(" * 10_000}), h,
             ["ok", "BAD_INPUT", "UNAUTHENTICATED"])
        case("search: first 1e9" + tag, "POST", "/graphql",
             gql('{ search(query: "avlopp", first: 1000000000) { totalCount } }'), h, ["BAD_INPUT", "UNAUTHENTICATED"])
        case("search: first -1" + tag, "POST", "/graphql",
             gql('{ search(query: "avlopp", first: -1) { totalCount } }'), h, ["BAD_INPUT", "UNAUTHENTICATED"])
        case("previewPost: 50k nested quotes" + tag, "POST", "/graphql",
             gql("query($b: String!) { previewPost(body: $b) }", {"b": deep_md}), h,
             ["ok", "BAD_INPUT", "UNAUTHENTICATED"])
        case("previewPost: 600 nested lists" + tag, "POST", "/graphql",
             gql("query($b: String!) { previewPost(body: $b) }", {"b": deep_md_list}), h,
             ["ok", "BAD_INPUT", "UNAUTHENTICATED"])
        ws_case("WebSocket subscribe, 100k deep" + tag,
                "subscription { threadEvents(threadId: " + "[" * n + "1" + "]" * n + ") { kind } }", cookie)
        ws_case("WebSocket fragment fan-out" + tag, "subscription { ...S } " + fan_out.replace("{ ...F10 } ", "")
                + " fragment S on Subscription { __typename }", cookie)

    # Password guessing through changePassword counts like failed logins.
    cookie = sets[1][1]
    codes = []
    started = time.monotonic()
    for i in range(30):
        _, data, _ = request("POST", "/graphql", gql(
            "mutation($i: ChangePasswordInput!) { changePassword(input: $i) }",
            {"i": {"currentPassword": f"fel-lösenord-{i}", "newPassword": "Ett-nytt-lösenord-456"}}),
            {"cookie": cookie})
        codes.append(code_of(data))
    ms = (time.monotonic() - started) * 1000
    first_limited = next((i + 1 for i, c in enumerate(codes) if c == "RATE_LIMITED"), None)
    rows.append(("30 wrong changePassword", 0, 200, f"RATE_LIMITED from try {first_limited}", ms,
                 "ok" if first_limited and first_limited <= 6 else "unexpected"))

    _, _, headers = request("GET", "/graphql", None, {"accept": "text/html"})
    csp = {k.lower(): v for k, v in headers.items()}.get("content-security-policy", "")
    ok = "object-src 'none'" in csp and "base-uri 'none'" in csp and "unpkg" not in csp and "unsafe-eval" not in csp
    rows.append(("GraphiQL CSP", 0, 200, "own origin only" if ok else csp[:40], 0.0, "ok" if ok else "unexpected"))

    print(f"{'request':48s} {'bytes':>9s} {'status':>6s} {'answer':34s} {'ms':>9s}  verdict")
    for name, size, status, code, ms, verdict in rows:
        print(f"{name:48s} {size:9d} {str(status):>6s} {str(code)[:34]:34s} {ms:9.1f}  {verdict}")
    if PID:
        with open(f"/proc/{PID}/status") as f:
            mem = {l.split(":")[0]: l.split(":")[1].strip() for l in f if l.startswith(("VmRSS", "VmHWM"))}
        print(f"server RSS {mem.get('VmRSS')} (peak {mem.get('VmHWM')})")
    print(f"{len(rows)} requests, {bad} BAD; server {'up' if healthy() else 'DOWN'}")
    sys.exit(1 if bad else 0)


main()
