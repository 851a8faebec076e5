//! Markdown through the API: what a post may render to. Script, event handlers,
//! `javascript:` links, frames and other active content never reach `bodyHtml`, whether
//! written in a new thread, a reply, an edit, or quoted.

use serde_json::json;

use super::*;

both_backends!(markdown_xss_payloads_are_sanitised_through_the_api);

/// Payloads from the usual cheat sheets, written as an inspector could paste them.
const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><circle r=5/></svg>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "[klicka här](javascript:alert(1))",
    "[klicka](JaVaScRiPt:alert(document.cookie))",
    "[klicka](&#106;avascript:alert(1))",
    "![bild](javascript:alert(1))",
    "<a href=\"javascript:alert(1)\">länk</a>",
    "<body onload=alert(1)>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></object>",
    "<embed src=\"https://evil.example/x.swf\">",
    "<form action=\"https://evil.example\"><input name=p><button>OK</button></form>",
    "[data](data:text/html,<script>alert(1)</script>)",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<details open ontoggle=alert(1)>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<style>body{background:red}</style>",
    "<a href=\"vbscript:msgbox(1)\">vb</a>",
    "<base href=\"https://evil.example/\">",
    "[x](https://ok.example \"title\\\" onmouseover=\\\"alert(1)\")",
    "```html\n<script>alert(1)</script>\n```",
    "<scr<script>ipt>alert(1)</script>",
    "<img src=\"https://ok.example/a.png\" onerror=\"alert(1)\" style=\"width:9999px\">",
];

/// The real tags in sanitised output (every literal `<` opens one: text `<` is escaped).
fn tags(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let tail = &rest[i..];
        let end = tail.find('>').map_or(tail.len(), |e| e + 1);
        out.push(tail[..end].to_ascii_lowercase());
        rest = &tail[end..];
    }
    out
}

/// Decodes numeric character references and the named ones html5ever writes.
fn decode(s: &str) -> String {
    let mut out = s
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    while let Some(i) = out.find("&#") {
        let Some(end) = out[i..].find(';') else { break };
        let code = &out[i + 2..i + end];
        let c = code
            .strip_prefix(['x', 'X'])
            .map_or_else(|| code.parse().ok(), |h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32)
            .unwrap_or('?');
        out.replace_range(i..i + end + 1, &c.to_string());
    }
    out
}

const ALLOWED: &[&str] = &[
    "a",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
];

/// (name, value) of a tag's attributes; ammonia always writes values in double quotes.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let inner = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    let mut chars = inner.chars().peekable();
    while chars.peek().is_some_and(|c| !c.is_whitespace()) {
        chars.next();
    }
    let mut out = Vec::new();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let mut name = String::new();
        while let Some(&c) = chars.peek() {
            if c == '=' || c.is_whitespace() {
                break;
            }
            name.push(c);
            chars.next();
        }
        if name.is_empty() {
            break;
        }
        let mut value = String::new();
        if chars.peek() == Some(&'=') {
            chars.next();
            if chars.peek() == Some(&'"') {
                chars.next();
                for c in chars.by_ref() {
                    if c == '"' {
                        break;
                    }
                    value.push(c);
                }
            } else {
                while let Some(&c) = chars.peek() {
                    if c.is_whitespace() {
                        break;
                    }
                    value.push(c);
                    chars.next();
                }
            }
        }
        out.push((name, decode(&value)));
    }
    out
}

#[track_caller]
fn assert_safe(payload: &str, html: &str) {
    for tag in tags(html) {
        let name: String = tag
            .trim_start_matches(['<', '/'])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert!(
            ALLOWED.contains(&name.as_str()),
            "tag <{name}> survived {payload:?}: {html}"
        );
        for (attr, value) in attributes(&tag) {
            assert!(
                ["href", "src", "alt", "title", "rel", "start", "class", "style"]
                    .contains(&attr.as_str()),
                "attribute {attr} survived {payload:?}: {html}"
            );
            if attr == "style" {
                assert!(
                    matches!(name.as_str(), "td" | "th") && value.starts_with("text-align: "),
                    "style survived {payload:?}: {html}"
                );
            }
            if attr == "href" || attr == "src" {
                let v: String = value.to_ascii_lowercase().split_whitespace().collect();
                assert!(
                    v.starts_with("https://")
                        || v.starts_with("http://")
                        || v.starts_with("mailto:")
                        || v.starts_with("/files/")
                        || v.starts_with('#')
                        || (!v.contains(':') && !v.starts_with("//")),
                    "unsafe {attr}={value:?} survived {payload:?}: {html}"
                );
            }
        }
    }
}

async fn markdown_xss_payloads_are_sanitised_through_the_api(app: TestApp) {
    let admin = app.admin().await;
    let net = network(&app, &admin, "xss", "Säkerhetstest", false).await;
    let (_, writer) = member(&app, "hanna.hackare@mullsjo.se").await;
    let (_, reader) = member(&app, "lars.lasare@mullsjo.se").await;
    assert!(PAYLOADS.len() >= 15);

    // In the opening post of a new thread.
    let r = try_thread(
        &app,
        &writer,
        &net,
        "QUESTION",
        "Test av inklistrad HTML",
        &PAYLOADS.join("\n\n"),
    )
    .await;
    let html = data(&r)["createThread"]["post"]["bodyHtml"]
        .as_str()
        .unwrap()
        .to_string();
    assert_safe("all payloads", &html);
    let thread = data(&r)["createThread"]["thread"]["id"]
        .as_str()
        .unwrap()
        .to_string();

    // One reply per payload, and each edited into the next payload.
    let mut ids = Vec::new();
    for p in PAYLOADS {
        let r = try_reply(&app, &writer, &thread, &format!("Se här: {p}")).await;
        let post = &data(&r)["createPost"]["post"];
        assert_safe(p, post["bodyHtml"].as_str().unwrap());
        assert!(
            post["body"].as_str().unwrap().contains(p),
            "the Markdown is kept as written"
        );
        ids.push(post["id"].as_str().unwrap().to_string());
    }
    for (i, id) in ids.iter().enumerate() {
        let p = PAYLOADS[(i + 1) % PAYLOADS.len()];
        let r = mutate(
            &app,
            &writer,
            "editPost",
            "EditPostInput",
            json!({ "postId": id, "body": p }),
            "{ post { bodyHtml } }",
        )
        .await;
        assert_safe(
            p,
            data(&r)["editPost"]["post"]["bodyHtml"].as_str().unwrap(),
        );
    }

    // Quoting a payload post keeps it harmless too.
    let r = app
        .gql_with(
            &reader,
            CREATE_POST,
            json!({ "i": { "threadId": thread, "body": "Citerar.", "quotePostId": ids[0] } }),
        )
        .await;
    let post = &data(&r)["createPost"]["post"];
    assert!(post["bodyHtml"].as_str().unwrap().contains("<blockquote>"));
    assert_safe("quote", post["bodyHtml"].as_str().unwrap());

    // What readers load is sanitised (and the raw HTML shows as text).
    let r = app
        .gql_with(&reader, "query($t: ID!) { thread(id: $t) { posts(first: 100) { edges { node { bodyHtml } } } } }", json!({ "t": thread }))
        .await;
    for e in data(&r)["thread"]["posts"]["edges"].as_array().unwrap() {
        assert_safe("listed", e["node"]["bodyHtml"].as_str().unwrap());
    }
    let first = &data(&r)["thread"]["posts"]["edges"][0]["node"]["bodyHtml"];
    assert!(first.as_str().unwrap().contains("&lt;script&gt;"));

    // Links that stay are marked so they cannot reach back into the page.
    let r = try_reply(
        &app,
        &writer,
        &thread,
        "Se https://www.havochvatten.se/ och [HaV](https://www.havochvatten.se).",
    )
    .await;
    let html = data(&r)["createPost"]["post"]["bodyHtml"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        html.contains("href=\"https://www.havochvatten.se/\""),
        "{html}"
    );
    assert!(
        html.contains("rel=\"noopener noreferrer nofollow\""),
        "{html}"
    );
}
