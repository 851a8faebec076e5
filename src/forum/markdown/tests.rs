//! Tests of Markdown rendering: safe HTML, mentions, links and bounded nesting.
use super::*;

/// Decodes the few entities html5ever writes, so URL checks see what a browser sees.
fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';') else { break };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "nbsp" => Some('\u{a0}'),
            _ => entity
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// One tag of the output: name and attributes as a browser would read them.
struct TagSeen {
    name: String,
    attrs: Vec<(String, String)>,
    closing: bool,
}

/// A small tokenizer over sanitised output. Text `<` is always escaped there, so every
/// literal `<` opens a real tag; attribute values may be quoted and contain `>`.
fn tags_in(html: &str) -> Vec<TagSeen> {
    let b: Vec<char> = html.chars().collect();
    let mut i = 0;
    let mut tags = Vec::new();
    while i < b.len() {
        if b[i] != '<' {
            i += 1;
            continue;
        }
        i += 1;
        let closing = i < b.len() && b[i] == '/';
        if i < b.len() && (b[i] == '/' || b[i] == '!' || b[i] == '?') {
            i += 1;
        }
        let start = i;
        while i < b.len() && !b[i].is_whitespace() && b[i] != '>' && b[i] != '/' {
            i += 1;
        }
        let name: String = b[start..i].iter().collect::<String>().to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && (b[i].is_whitespace() || b[i] == '/') {
                i += 1;
            }
            if i >= b.len() || b[i] == '>' {
                i += 1;
                break;
            }
            let s = i;
            while i < b.len() && !b[i].is_whitespace() && b[i] != '=' && b[i] != '>' {
                i += 1;
            }
            let attr: String = b[s..i].iter().collect::<String>().to_ascii_lowercase();
            let mut value = String::new();
            if i < b.len() && b[i] == '=' {
                i += 1;
                if i < b.len() && (b[i] == '"' || b[i] == '\'') {
                    let q = b[i];
                    i += 1;
                    let s = i;
                    while i < b.len() && b[i] != q {
                        i += 1;
                    }
                    value = b[s..i.min(b.len())].iter().collect();
                    i += 1;
                } else {
                    let s = i;
                    while i < b.len() && !b[i].is_whitespace() && b[i] != '>' {
                        i += 1;
                    }
                    value = b[s..i].iter().collect();
                }
            }
            attrs.push((attr, decode_entities(&value)));
        }
        tags.push(TagSeen {
            name,
            attrs,
            closing,
        });
    }
    tags
}

/// What a browser would make of a URL's scheme: control characters and whitespace are
/// ignored inside it, case does not matter.
fn scheme_of(url: &str) -> Option<String> {
    let squeezed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let colon = squeezed.find(':')?;
    let candidate = &squeezed[..colon];
    candidate
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        .then(|| candidate.to_string())
}

/// Fails unless `html` could not execute anything in a browser.
fn assert_inert(input: &str, html: &str) {
    for tag in tags_in(html) {
        assert!(
            ALLOWED_TAGS.contains(&tag.name.as_str()),
            "tag <{}> escaped the allow-list\ninput: {input}\noutput: {html}",
            tag.name
        );
        for (name, value) in &tag.attrs {
            assert!(
                !name.starts_with("on"),
                "event handler {name} survived\ninput: {input}\noutput: {html}"
            );
            assert!(
                !matches!(
                    name.as_str(),
                    "srcdoc" | "formaction" | "action" | "xlink:href" | "background"
                ),
                "dangerous attribute {name}\ninput: {input}\noutput: {html}"
            );
            if name == "style" {
                assert!(
                    CELL_ALIGNMENTS.contains(&value.as_str()),
                    "style {value:?} survived\ninput: {input}\noutput: {html}"
                );
            }
            if name == "href" || name == "src" {
                if let Some(scheme) = scheme_of(value) {
                    assert!(
                        matches!(scheme.as_str(), "http" | "https" | "mailto"),
                        "{name} with scheme {scheme}: survived\ninput: {input}\noutput: {html}"
                    );
                }
            }
        }
        if tag.name == "a" && !tag.closing {
            assert!(
                tag.attrs.iter().any(|(n, v)| n == "rel" && v == LINK_REL),
                "link without rel\ninput: {input}\noutput: {html}"
            );
        }
    }
}

fn check(input: &str) -> String {
    let html = render(input);
    assert_inert(input, &html);
    html
}

/// Each payload must come out inert from `render`, and also from the sanitiser alone, as if
/// the Markdown layer had let the raw HTML through (defence in depth).
macro_rules! xss {
    ($($name:ident: $payload:expr;)+) => {
        $(
            #[test]
            fn $name() {
                check($payload);
                let direct = sanitizer().clean($payload).to_string();
                assert_inert($payload, &direct);
            }
        )+
    };
}

xss! {
    xss_script_tag: "<script>alert(1)</script>";
    xss_script_tag_uppercase_with_src: "<SCRIPT SRC=//evil.example/x.js></SCRIPT>";
    xss_script_inline_in_paragraph: "Hej <script>document.cookie</script> kollegor";
    xss_img_onerror: "<img src=x onerror=alert(1)>";
    xss_img_onerror_inline: "Se bild <img src=\"/files/1\" onerror=\"alert(1)\"> här";
    xss_svg_onload: "<svg onload=alert(1)>";
    xss_svg_with_script: "<svg><script>alert(1)</script></svg>";
    xss_raw_link_javascript: "<a href=\"javascript:alert(1)\">klicka</a>";
    xss_raw_link_mixed_case: "<a href=\"JaVaScRiPt:alert(1)\">klicka</a>";
    xss_raw_link_entity_encoded:
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>";
    xss_raw_link_tab_obfuscated: "<a href=\"jav&#x09;ascript:alert(1)\">x</a>";
    xss_raw_link_leading_space: "<a href=\" javascript:alert(1)\">x</a>";
    xss_md_link_javascript: "[x](javascript:alert(1))";
    xss_md_link_javascript_mixed_case: "[x](JaVaScRiPt:alert(document.domain))";
    xss_md_link_entity_encoded: "[x](&#106;avascript&#58;alert(1))";
    xss_md_link_percent_and_tab: "[x](<java\tscript:alert(1)>)";
    xss_md_link_angle_destination: "[x](<javascript:alert(1)>)";
    xss_md_reference_link: "[x][evil]\n\n[evil]: javascript:alert(1)";
    xss_md_autolink_javascript: "<javascript:alert(1)>";
    xss_md_link_vbscript: "[x](vbscript:msgbox(1))";
    xss_raw_link_vbscript: "<a href=\"vbscript:msgbox(1)\">x</a>";
    xss_md_image_javascript: "![x](javascript:alert(1))";
    xss_md_image_data_svg: "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)";
    xss_md_link_data_html: "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)";
    xss_raw_link_data_uri: "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>";
    xss_md_link_title_breakout: "[x](https://ok.se \"a\\\" onmouseover=\\\"alert(1)\")";
    xss_raw_link_onclick: "<a href=\"https://ok.se\" onclick=\"alert(1)\">ok</a>";
    xss_iframe: "<iframe src=\"https://evil.example\"></iframe>";
    xss_iframe_srcdoc: "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>";
    xss_style_tag: "<style>body{background:url(\"javascript:alert(1)\")}</style>";
    xss_style_attribute_expression: "<p style=\"width: expression(alert(1))\">text</p>";
    xss_style_attribute_url: "<div style=\"background:url(javascript:alert(1))\">x</div>";
    xss_form_action: "<form action=\"javascript:alert(1)\"><input type=submit></form>";
    xss_button_formaction: "<button formaction=javascript:alert(1)>Skicka</button>";
    xss_input_autofocus: "<input autofocus onfocus=alert(1)>";
    xss_meta_refresh: "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">";
    xss_object_data: "<object data=\"javascript:alert(1)\"></object>";
    xss_embed_src: "<embed src=\"data:image/svg+xml,<svg onload=alert(1)>\">";
    xss_base_href: "<base href=\"javascript:/\">";
    xss_link_stylesheet: "<link rel=stylesheet href=\"https://evil.example/x.css\">";
    xss_nested_script: "<<script>script>alert(1)<</script>/script>";
    xss_split_script: "<scr<script>ipt>alert(1)</script>";
    xss_broken_quotes: "<img \"\"\"><script>alert(1)</script>\">";
    xss_unclosed_tag: "<img src=x onerror=alert(1)//";
    xss_details_ontoggle: "<details open ontoggle=alert(1)>";
    xss_body_onload: "<body onload=alert(1)>";
    xss_comment_hidden: "<!--<img src=x onerror=alert(1)>-->";
    xss_noscript_mutation: "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">";
    xss_math_mutation: "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>";
    xss_video_source_onerror: "<video><source onerror=\"alert(1)\"></video>";
    xss_html_in_table_cell: "| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | ok |";
    xss_html_in_list_and_quote: "- <script>alert(1)</script>\n\n> <svg/onload=alert(1)>";
    xss_bare_url_with_quote: "https://ok.se/\"onmouseover=\"alert(1)";
}

#[test]
fn the_xss_checker_itself_catches_dangerous_output() {
    let dangerous = [
        "<script>alert(1)</script>",
        "<p><img src=\"x\" onerror=\"alert(1)\"></p>",
        "<a href=\"JaVa&#x09;script:alert(1)\" rel=\"noopener noreferrer nofollow\">x</a>",
        "<a href=\" data:text/html,x\" rel=\"noopener noreferrer nofollow\">x</a>",
        "<p style=\"width: expression(alert(1))\">x</p>",
        "<a href=\"https://ok.se\">utan rel</a>",
    ];
    for html in dangerous {
        let caught = std::panic::catch_unwind(|| assert_inert("test", html)).is_err();
        assert!(caught, "checker let through {html}");
    }
}

#[test]
fn raw_html_is_shown_as_text_not_interpreted() {
    let html = check("<b>fet</b> och <script>alert(1)</script>");
    assert!(html.contains("&lt;b&gt;fet&lt;/b&gt;"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");
    assert!(!html.contains("<b>") && !html.contains("<script"), "{html}");
}

#[test]
fn html_block_is_shown_as_a_paragraph_of_text() {
    let html = check("<div onclick=\"alert(1)\">\nHej\n</div>");
    assert!(html.starts_with("<p>&lt;div"), "{html}");
}

#[test]
fn javascript_markdown_link_keeps_its_text_but_loses_the_href() {
    let html = check("[Klicka här](javascript:alert(1))");
    assert!(html.contains("Klicka här"), "{html}");
    assert!(!html.contains("href"), "{html}");
}

#[test]
fn code_block_shows_html_escaped() {
    let html = check("```html\n<script>alert(1)</script>\n```");
    assert!(
        html.contains("<pre><code class=\"language-html\">&lt;script&gt;"),
        "{html}"
    );
}

#[test]
fn code_class_only_accepts_language_names() {
    let html = check("```x\" onclick=\"alert(1)\ncode\n```");
    assert!(!html.contains("class"), "{html}");
}

#[test]
fn swedish_text_is_preserved() {
    let md = "Åtgärder i vattenskyddsområdet: Fosforfällan ska bytas – ”hög skyddsnivå” gäller för anläggningen. ÅÄÖ åäö é";
    let html = check(md);
    assert_eq!(
        html,
        "<p>Åtgärder i vattenskyddsområdet: Fosforfällan ska bytas – ”hög skyddsnivå” gäller för anläggningen. ÅÄÖ åäö é</p>\n"
    );
}

#[test]
fn links_get_rel_noopener_noreferrer_nofollow() {
    let html = check("[HaV](https://www.havochvatten.se/)");
    assert_eq!(
        html,
        "<p><a href=\"https://www.havochvatten.se/\" rel=\"noopener noreferrer nofollow\">HaV</a></p>\n"
    );
}

#[test]
fn autolinks_and_bare_urls_become_links() {
    let html = check("Se <https://www.naturvardsverket.se> och https://www.kemi.se/tillsyn.");
    assert!(
        html.contains(
            "<a href=\"https://www.naturvardsverket.se\" rel=\"noopener noreferrer nofollow\">"
        ),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"https://www.kemi.se/tillsyn\" rel=\"noopener noreferrer nofollow\">https://www.kemi.se/tillsyn</a>."),
        "{html}"
    );
}

#[test]
fn bare_url_in_parentheses_leaves_closing_parenthesis_outside() {
    let html = check("(se https://sv.wikipedia.org/wiki/Radon_(grundämne))");
    assert!(
        html.contains("href=\"https://sv.wikipedia.org/wiki/Radon_(grund%C3%A4mne)\"")
            || html.contains("href=\"https://sv.wikipedia.org/wiki/Radon_(grundämne)\""),
        "{html}"
    );
    assert!(html.contains("</a>)"), "{html}");
}

#[test]
fn urls_in_code_are_not_linked() {
    let html = check("`https://intern.example/api` och\n\n    https://x.se");
    assert!(!html.contains("<a "), "{html}");
}

#[test]
fn mailto_and_relative_links_are_kept() {
    let html = check("[mejla](mailto:anna.svensson@jonkoping.se) [dokument](/library/12)");
    assert!(
        html.contains("href=\"mailto:anna.svensson@jonkoping.se\""),
        "{html}"
    );
    assert!(html.contains("href=\"/library/12\""), "{html}");
}

#[test]
fn images_only_from_the_web_or_our_files() {
    let html = check(
        "![karta](https://example.com/karta.png) ![bilaga](/files/42) ![annat](/admin/x.png)",
    );
    assert!(
        html.contains("src=\"https://example.com/karta.png\""),
        "{html}"
    );
    assert!(html.contains("src=\"/files/42\""), "{html}");
    assert!(!html.contains("/admin/x.png"), "{html}");
    assert!(html.contains("alt=\"annat\""), "{html}");
    let html = check("![a](/files/../admin/logout) ![b](//evil.example/x.png)");
    assert!(!html.contains("src="), "{html}");
}

#[test]
fn tables_strikethrough_and_tasklists_render() {
    let md = "| Kommun | Antal |\n|:---|---:|\n| Eksjö | 12 |\n\n~~gammalt~~\n\n- [x] Kontrollera OVK\n- [ ] Mät radon";
    let html = check(md);
    assert!(html.contains("<table>"), "{html}");
    assert!(
        html.contains("<th style=\"text-align: left\">Kommun</th>"),
        "{html}"
    );
    assert!(
        html.contains("<td style=\"text-align: right\">12</td>"),
        "{html}"
    );
    assert!(html.contains("<del>gammalt</del>"), "{html}");
    assert!(html.contains("☑ Kontrollera OVK"), "{html}");
    assert!(html.contains("☐ Mät radon"), "{html}");
    assert!(!html.contains("<input"), "{html}");
}

#[test]
fn mentions_finds_handles_with_dots_and_underscores() {
    assert_eq!(
        mentions("Hej @anna.svensson och @anna_s, vad säger @Per-Olof?"),
        vec!["anna.svensson", "anna_s", "per-olof"]
    );
}

#[test]
fn mentions_are_deduplicated_case_insensitively() {
    assert_eq!(
        mentions("@Anna.Svensson @anna.svensson @ANNA.SVENSSON"),
        vec!["anna.svensson"]
    );
}

#[test]
fn mentions_ignore_trailing_sentence_punctuation() {
    assert_eq!(
        mentions("Fråga @erik.holm. Eller @lisa_ek!"),
        vec!["erik.holm", "lisa_ek"]
    );
}

#[test]
fn mentions_skip_email_addresses_and_urls() {
    let md =
        "Mejla anna.svensson@jonkoping.se eller <per@eksjo.se>, se https://x.se/@kalle och @ensam";
    assert_eq!(mentions(md), vec!["ensam"]);
}

#[test]
fn mentions_skip_code() {
    let md = "`@inline` och\n\n```\n@i.block\n```\n\n    @indenterad\n\nmen @riktig";
    assert_eq!(mentions(md), vec!["riktig"]);
}

#[test]
fn mentions_handle_swedish_letters_and_line_starts() {
    assert_eq!(
        mentions("@åsa.öberg\n> @björn i citat"),
        vec!["åsa.öberg", "björn"]
    );
}

#[test]
fn lone_at_signs_are_not_mentions() {
    assert!(mentions("@ @. a @ b @@ @-").is_empty());
}

#[test]
fn quote_makes_a_headed_blockquote() {
    let q = quote(
        "Anna Svensson",
        "Första stycket.\n\nAndra stycket\nmed radbrytning.\n",
    );
    assert_eq!(
        q,
        "> **Anna Svensson skrev:**\n>\n> Första stycket.\n>\n> Andra stycket\n> med radbrytning.\n\n"
    );
    let html = render(&q);
    assert!(
        html.starts_with("<blockquote>\n<p><strong>Anna Svensson skrev:</strong></p>"),
        "{html}"
    );
}

#[test]
fn quote_nests_an_earlier_quote() {
    let q = quote("Per", "> **Eva skrev:**\n>\n> Hej\n\nSvar");
    assert!(q.contains("> > **Eva skrev:**"), "{q}");
    assert!(render(&q).matches("<blockquote>").count() == 2);
}

#[test]
fn quote_escapes_markdown_in_the_name() {
    let q = quote("<img src=x onerror=alert(1)> *Kalle*", "text");
    assert!(
        q.starts_with("> **\\<img src=x onerror=alert(1)\\> \\*Kalle\\* skrev:**"),
        "{q}"
    );
    check(&q);
}

#[test]
fn excerpt_strips_markdown() {
    let md = "# Fosforkrav\n\nGäller **hög skyddsnivå** för [anläggningen](https://x.se)?\n\n- punkt ett\n- `kod`";
    assert_eq!(
        excerpt(md, 200),
        "Fosforkrav Gäller hög skyddsnivå för anläggningen? punkt ett kod"
    );
}

#[test]
fn excerpt_cuts_at_a_word_and_marks_the_cut() {
    let e = excerpt("Vi har fått in en anmälan om en ny avloppsanläggning", 30);
    assert_eq!(e, "Vi har fått in en anmälan om…");
    assert!(e.chars().count() <= 30);
}

#[test]
fn excerpt_handles_multibyte_and_tiny_limits() {
    assert_eq!(excerpt("Åäö åäö", 100), "Åäö åäö");
    assert_eq!(excerpt("Vattenskyddsområdet", 5), "Vatt…");
    assert_eq!(excerpt("Hej hopp", 0), "");
    assert_eq!(excerpt("Hej hopp", 1), "…");
}

#[test]
fn excerpt_leaves_out_raw_html_but_keeps_text() {
    assert_eq!(excerpt("<script>alert(1)</script>\n\nHej", 50), "Hej");
}

#[test]
fn render_is_empty_for_empty_input() {
    assert_eq!(render(""), "");
    assert_eq!(excerpt("", 10), "");
    assert!(mentions("").is_empty());
}

#[test]
fn references_to_law_link_to_their_page() {
    let html = render("Förelägg enligt 26 kap. 9 § miljöbalken, se även MB 26:21.");
    assert!(
        html.contains(r#"<a href="/lag/MB%2026%3A9" title="26 kap. 9 § miljöbalken (1998:808)" rel="noopener noreferrer nofollow">26 kap. 9 § miljöbalken</a>"#),
        "{html}"
    );
    assert!(html.contains(r#"href="/lag/MB%2026%3A21""#), "{html}");
    // Not inside code, nor inside a link the author wrote.
    let html = render("`MB 26:9` och [MB 26:9](https://example.se/x)");
    assert!(!html.contains("/lag/"), "{html}");
    let html = render("Se https://x.se/a och NFS 2016:17.");
    assert!(html.contains(r#"href="https://x.se/a""#), "{html}");
    assert!(html.contains(r#"href="/lag/NFS%202016%3A17""#), "{html}");
}
