#!/usr/bin/env python3
"""Seeds a running Samsyn with one network and a thread of N posts by four inspectors,
checks that the thread page query answers without errors, and prints the admin's session
cookie and the request body for the load tool. Standard library only.

usage: forum_seed.py BASE_URL ADMIN_EMAIL ADMIN_PASSWORD POSTS BODY_FILE
"""

import json
import sys
import urllib.request

THREAD_PAGE = """query($t: ID!) { thread(id: $t) {
    id title kind status pinned locked replyCount unreadCount following viewerCanReply
    network { slug name } author { displayName organisation { name } } tags { name }
    acceptedAnswer { id }
    posts(first: 100) { pageInfo { hasNextPage } edges { cursor node {
        id bodyHtml createdAt editedAt isAccepted isFirst viewerCanEdit
        author { id displayName organisation { name } } quotedPost { id } } } } } }"""


def call(base, query, variables=None, cookie=None):
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    req = urllib.request.Request(base + "/graphql", data=body, method="POST")
    req.add_header("content-type", "application/json")
    if cookie:
        req.add_header("cookie", cookie)
    with urllib.request.urlopen(req) as resp:
        data = json.loads(resp.read())
        set_cookie = resp.headers.get("set-cookie")
    if data.get("errors"):
        raise SystemExit(f"GraphQL error: {data['errors']}")
    return data["data"], set_cookie


def login(base, email, password):
    _, set_cookie = call(
        base,
        "mutation($i: LoginInput!) { login(input: $i) { user { id } } }",
        {"i": {"email": email, "password": password}},
    )
    return set_cookie.split(";")[0]


def main():
    base, email, password, posts, body_file = sys.argv[1:6]
    posts = int(posts)
    admin = login(base, email, password)
    orgs, _ = call(base, "{ organisations { id slug } }", cookie=admin)
    org = {o["slug"]: o["id"] for o in orgs["organisations"]}
    writers = []
    for i, slug in enumerate(["eksjo", "habo", "tranas", "varnamo"]):
        mail = f"skribent{i}@{slug}.se"
        call(
            base,
            "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
            {"i": {"email": mail, "displayName": f"Inspektör {i}", "role": "MEMBER",
                   "organisationId": org[slug], "password": "bench-lösenord-123"}},
            cookie=admin,
        )
        writers.append(login(base, mail, "bench-lösenord-123"))
    net, _ = call(
        base,
        "mutation { createNetwork(input: {name: \"Små avlopp\", slug: \"sma-avlopp\"}) { network { id } } }",
        cookie=admin,
    )
    net_id = net["createNetwork"]["network"]["id"]
    call(base, "mutation { createTag(input: {name: \"Små avlopp\", synonyms: [\"markbädd\"]}) { tag { id } } }", cookie=admin)
    t, _ = call(
        base,
        "mutation($i: CreateThreadInput!) { createThread(input: $i) { thread { id } } }",
        {"i": {"networkId": net_id, "kind": "QUESTION", "tags": ["markbädd"],
               "title": "Fosforkrav för små avlopp i känsliga områden",
               "body": "Hur gör ni med **hög skyddsnivå** för miljöskydd? Karta eller bedömning i varje fall?"}},
        cookie=writers[0],
    )
    thread_id = t["createThread"]["thread"]["id"]
    last = None
    for i in range(1, posts):
        body = (f"Svar {i}: vi har ett nämndbeslut med en karta över områden med hög skyddsnivå, "
                "och kräver *fosforfälla* efter markbädd. Se https://www.havochvatten.se/ för HaV:s råd.")
        variables = {"i": {"threadId": thread_id, "body": body}}
        if i % 7 == 0 and last:
            variables["i"]["quotePostId"] = last
        p, _ = call(
            base,
            "mutation($i: CreatePostInput!) { createPost(input: $i) { post { id } } }",
            variables,
            cookie=writers[i % len(writers)],
        )
        last = p["createPost"]["post"]["id"]
    call(
        base,
        "mutation($i: AcceptAnswerInput!) { acceptAnswer(input: $i) { thread { id } } }",
        {"i": {"threadId": thread_id, "postId": last}},
        cookie=writers[0],
    )
    page, _ = call(base, THREAD_PAGE, {"t": thread_id}, cookie=admin)
    got = len(page["thread"]["posts"]["edges"])
    if got != posts:
        raise SystemExit(f"expected {posts} posts on the page, got {got}")
    with open(body_file, "w") as f:
        json.dump({"query": THREAD_PAGE, "variables": {"t": thread_id}}, f)
    print(admin)


if __name__ == "__main__":
    main()
