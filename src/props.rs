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
        let _ = crate::email::Email::parse(&s);
    }
}

/// Input nested far deeper than any person writes, through every parser of caller text, on a
/// thread with a request worker's stack (2 MiB, tokio's default): a parser that recursed per
/// level would overflow here and abort the test binary, as it would abort the server.
mod deep_input {
    use std::time::{Duration, Instant};

    const DEPTH: usize = 100_000;
    const WORKER_STACK: usize = 2 * 1024 * 1024;

    fn on_worker_stack(name: &str, f: impl FnOnce() + Send + 'static) {
        let started = Instant::now();
        std::thread::Builder::new()
            .name(name.to_string())
            .stack_size(WORKER_STACK)
            .spawn(f)
            .unwrap()
            .join()
            .unwrap_or_else(|_| panic!("{name} panicked"));
        let took = started.elapsed();
        // Generous for a debug build on a loaded 2-core machine; catches quadratic blow-ups.
        assert!(took < Duration::from_secs(20), "{name} took {took:?}");
    }

    /// Markdown nestings: block quotes, lists, emphasis, links, images, raw HTML, code spans.
    fn deep_markdown() -> Vec<(&'static str, String)> {
        vec![
            ("blockquote", format!("{}x", "> ".repeat(DEPTH))),
            ("list", format!("{}x", "- ".repeat(DEPTH))),
            ("ordered list", format!("{}x", "1. ".repeat(DEPTH))),
            (
                "emphasis",
                format!("{}x{}", "*_".repeat(DEPTH), "_*".repeat(DEPTH)),
            ),
            (
                "links",
                format!("{}x{}", "[".repeat(DEPTH), "](u)".repeat(DEPTH)),
            ),
            (
                "images",
                format!("{}x{}", "![".repeat(DEPTH), "](u)".repeat(DEPTH)),
            ),
            (
                "html",
                format!("{}x{}", "<div>".repeat(DEPTH), "</div>".repeat(DEPTH)),
            ),
            ("backticks", "`".repeat(DEPTH)),
            (
                "table",
                format!(
                    "|{}\n|{}\n",
                    "a|".repeat(DEPTH / 10),
                    "-|".repeat(DEPTH / 10)
                ),
            ),
        ]
    }

    #[test]
    fn markdown_renders_deep_nesting_on_a_worker_stack() {
        for (name, md) in deep_markdown() {
            on_worker_stack(name, move || {
                let html = crate::forum::markdown::render(&md);
                assert!(!html.contains("<div"), "raw HTML must stay text");
                let _ = crate::forum::markdown::excerpt(&md, 200);
                let _ = crate::forum::markdown::mentions(&md);
                let _ = crate::forum::markdown::quote("Anna", &md);
                let text = crate::meetings::plain_text::plain_text(&md);
                assert!(text.len() < 10 * md.len() + 1024, "{name}: plain text grew");
            });
        }
    }

    #[test]
    fn newsletter_renders_deep_nesting_on_a_worker_stack() {
        on_worker_stack("newsletter", || {
            let body = format!("{}x", "> - ".repeat(DEPTH / 2));
            let r = crate::meetings::newsletter::render("Nr 1", &body, "https://samsyn.se", "u");
            assert!(r.html.contains("Nr 1"));
        });
    }

    #[test]
    fn search_box_parses_deep_nesting_on_a_worker_stack() {
        on_worker_stack("search box", || {
            for s in [
                "(".repeat(DEPTH),
                "\"(".repeat(DEPTH),
                "-\"".repeat(DEPTH),
                format!("{}x", "tag:".repeat(DEPTH)),
            ] {
                let q = crate::search::query::parse(&s);
                assert!(q.terms.len() <= crate::search::query::MAX_PARTS);
            }
        });
    }

    #[test]
    fn csv_import_reads_deep_quoting_on_a_worker_stack() {
        on_worker_stack("csv", || {
            for text in [
                format!("namn;organisation\n{};x\n", "\"".repeat(DEPTH)),
                format!("namn;organisation\n{}\n", ";".repeat(DEPTH)),
                format!("{}\n", "\"namn\";".repeat(DEPTH)),
            ] {
                let _ = crate::directory::import::read_table(&text);
            }
        });
    }

    #[test]
    fn calendar_text_escapes_deep_input_on_a_worker_stack() {
        on_worker_stack("ics", || {
            let s = "\\;,\n".repeat(DEPTH);
            assert!(crate::meetings::ics::escape_text(&s).len() > s.len());
        });
    }
}
