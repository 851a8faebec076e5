//! Property tests over everything that parses user input: the Markdown renderer, the search
//! box parser, the file-name sanitiser, the phone and e-mail parsers. Bounded runs that must
//! find no panic and keep each function's promise (no script in rendered HTML, no path in a
//! file name).

use std::sync::LazyLock;

use proptest::prelude::*;
use regex::Regex;

/// An `on…=` attribute inside a real tag.
static LIVE_HANDLER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<[a-z][^<>]*\son[a-z]+\s*=").unwrap());
/// A script-capable URL in a real attribute.
static LIVE_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<[a-z][^<>]*(href|src)\s*=\s*["']?\s*(javascript|vbscript|data):"#).unwrap()
});

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 1500,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Text mixing Markdown, HTML and URL syntax with arbitrary Unicode.
fn hostile_text() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "<script>",
        "</script>",
        "<img src=x onerror=alert(1)>",
        "javascript:",
        "[",
        "]",
        "(",
        ")",
        "<",
        ">",
        "\"",
        "'",
        "`",
        "```",
        "*",
        "_",
        "#",
        "> ",
        "\n",
        "\r\n",
        "&",
        "&#x3A;",
        "@anna",
        "http://",
        "data:text/html,",
        "<a href=",
        "<svg onload=",
        "%2e%2e/",
        "../",
        "\\",
        "\u{0}",
        "\u{202e}",
        "å",
        "ä",
        "ö",
        "Ä",
        " ",
        "|",
        "-",
        "~",
        ":",
        "tag:",
        "nätverk:",
        "typ:",
        "\"fras",
        "-ord",
        "AND",
        "OR",
        "NOT",
        "^",
        "*",
        "?",
    ]);
    prop::collection::vec(
        prop_oneof![atoms.prop_map(str::to_string), any::<String>()],
        0..40,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn markdown_render_never_panics_or_emits_script(s in hostile_text()) {
        let html = crate::forum::markdown::render(&s);
        let lower = html.to_lowercase();
        // Escaped text may mention anything; what must never appear is a live tag or URL.
        prop_assert!(!lower.contains("<script"));
        prop_assert!(!lower.contains("<iframe"));
        prop_assert!(!LIVE_HANDLER.is_match(&lower), "event handler in {html}");
        prop_assert!(!LIVE_URL.is_match(&lower), "dangerous URL in {html}");
        let _ = crate::forum::markdown::mentions(&s);
        let _ = crate::forum::markdown::excerpt(&s, 80);
    }

    #[test]
    fn search_query_parser_never_panics(s in hostile_text()) {
        let q = crate::search::query::parse(&s);
        prop_assert!(q.terms.len() <= crate::search::query::MAX_PARTS);
    }

    #[test]
    fn file_names_never_keep_a_path(s in hostile_text()) {
        let name = crate::library::filename::sanitize_file_name(&s);
        prop_assert!(!name.is_empty());
        prop_assert!(!name.contains('/') && !name.contains('\\'));
        prop_assert!(name != "." && name != ".." && !name.starts_with('.'));
        prop_assert!(!name.chars().any(char::is_control));
        prop_assert!(name.len() <= 150);
        prop_assert_eq!(crate::library::filename::sanitize_file_name(&name), name.clone());
    }

    #[test]
    fn phone_and_email_parsers_never_panic(s in hostile_text()) {
        let _ = crate::directory::phone::PhoneNumber::parse(&s);
        let _ = crate::directory::email::Email::parse(&s);
    }
}
