-- wrk script: POSTs the thread page query (body from $SAMSYN_BODY_FILE) with the session
-- cookie from $SAMSYN_COOKIE, and counts responses that are not 200.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = os.getenv("SAMSYN_COOKIE")
local f = assert(io.open(os.getenv("SAMSYN_BODY_FILE"), "r"))
wrk.body = f:read("*a")
f:close()
