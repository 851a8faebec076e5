-- wrk script for bench/ladder.sh: one request, as $LADDER_METHOD (GET or POST) with the
-- body in $LADDER_BODY_FILE and the cookie in $LADDER_COOKIE (both optional).
wrk.method = os.getenv("LADDER_METHOD") or "POST"
local cookie = os.getenv("LADDER_COOKIE")
if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end
local path = os.getenv("LADDER_BODY_FILE")
if path and path ~= "" then
  wrk.headers["Content-Type"] = "application/json"
  local f = assert(io.open(path, "r"))
  wrk.body = f:read("*a")
  f:close()
end
