//! Markdown in forum posts: safe HTML for display (bare addresses and references to law
//! become links), @mentions, quoting and plain-text excerpts.
//!
//! Owns the one allow-list that decides what a post may render to. Raw HTML typed into a post is
//! shown as text, never interpreted; the pulldown-cmark output then still goes through ammonia,
//! so a bug in either layer alone cannot run script in a reader's browser.
//! Must not know about users, networks or storage: `mentions` returns handles, resolving them
//! to accounts (and deciding who may be notified) belongs to the forum service.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd, TextMergeStream};
use regex::Regex;

use crate::lawref;

/// `rel` put on every link in a post: no window.opener, no referrer, no SEO credit.
const LINK_REL: &str = "noopener noreferrer nofollow";

/// Tags a rendered post may contain. No forms, no embedded content, nothing that runs.
const ALLOWED_TAGS: &[&str] = &[
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

/// Table-cell alignments exactly as pulldown-cmark writes them; any other style is dropped.
const CELL_ALIGNMENTS: &[&str] = &[
    "text-align: left",
    "text-align: center",
    "text-align: right",
];

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// Renders a post's Markdown to HTML that is safe to insert into a page as is.
pub fn render(md: &str) -> String {
    let mut html = String::with_capacity(md.len() + md.len() / 2);
    pulldown_cmark::html::push_html(&mut html, display_events(md).into_iter());
    sanitizer().clean(&html).to_string()
}

/// Deepest nesting of elements a post renders to (block quotes, lists, emphasis, links, …).
/// Deeper containers keep their text but lose their element: nobody writes 33 nested quotes,
/// and the HTML sanitiser's cost grows with the square of the nesting depth.
pub const MAX_NESTING: usize = 32;

/// Parses Markdown into the events we are willing to render: raw HTML becomes visible text,
/// task-list checkboxes become characters (no `<input>`), bare web addresses become links;
/// nesting is cut at [`MAX_NESTING`].
fn display_events(md: &str) -> Vec<Event<'_>> {
    bound_nesting(convert_events(md))
}

/// Drops the start and end of every element nested deeper than [`MAX_NESTING`], keeping
/// what is inside. Events come well nested, so a stack of "kept?" flags pairs them up.
fn bound_nesting(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut kept = Vec::new();
    let mut depth = 0usize;
    let mut out = Vec::with_capacity(events.len());
    for event in events {
        match event {
            Event::Start(tag) => {
                let keep = depth < MAX_NESTING;
                kept.push(keep);
                if keep {
                    depth += 1;
                    out.push(Event::Start(tag));
                }
            }
            Event::End(end) => {
                if kept.pop().unwrap_or(false) {
                    depth -= 1;
                    out.push(Event::End(end));
                }
            }
            other => out.push(other),
        }
    }
    out
}

fn convert_events(md: &str) -> Vec<Event<'_>> {
    let mut out = Vec::new();
    let mut link_depth = 0usize;
    let mut in_code_block = false;
    for event in TextMergeStream::new(Parser::new_ext(md, options())) {
        match event {
            Event::Start(Tag::HtmlBlock) => out.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => out.push(Event::End(TagEnd::Paragraph)),
            Event::Html(raw) | Event::InlineHtml(raw) => out.push(Event::Text(raw)),
            Event::TaskListMarker(done) => out.push(Event::Text(CowStr::Borrowed(if done {
                "☑ "
            } else {
                "☐ "
            }))),
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                link_depth += 1;
                out.push(Event::Start(tag));
            }
            Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
                link_depth = link_depth.saturating_sub(1);
                out.push(Event::End(end));
            }
            Event::Start(tag @ Tag::CodeBlock(_)) => {
                in_code_block = true;
                out.push(Event::Start(tag));
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                out.push(Event::End(TagEnd::CodeBlock));
            }
            Event::Text(text) if link_depth == 0 && !in_code_block => linkify(text, &mut out),
            other => out.push(other),
        }
    }
    out
}

fn bare_url() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r#"https?://[^\s<>"'`]+"#).expect("valid regex"))
}

/// Turns bare `http(s)://` addresses in running text into links, as inspectors paste them,
/// and references to law ("26 kap. 9 § miljöbalken", "MB 26:9") into links to their page.
fn linkify<'a>(text: CowStr<'a>, out: &mut Vec<Event<'a>>) {
    let mut rest = 0;
    let mut found = false;
    for m in bare_url().find_iter(&text) {
        let url = trim_url(m.as_str());
        if url.len() <= "https://".len() {
            continue;
        }
        found = true;
        if m.start() > rest {
            link_laws(&text[rest..m.start()], out);
        }
        out.push(Event::Start(Tag::Link {
            link_type: LinkType::Autolink,
            dest_url: url.to_string().into(),
            title: CowStr::Borrowed(""),
            id: CowStr::Borrowed(""),
        }));
        out.push(Event::Text(url.to_string().into()));
        out.push(Event::End(TagEnd::Link));
        rest = m.start() + url.len();
    }
    if !found && lawref::find_all(&text).is_empty() {
        out.push(Event::Text(text));
    } else if rest < text.len() {
        link_laws(&text[rest..], out);
    }
}

/// Plain text with each reference to law made a link to the reference's page in the web
/// UI (`/lag/<key>`), titled with its full name. The page lists everything that cites it
/// and links the official text where that has a stable address.
fn link_laws<'a>(text: &str, out: &mut Vec<Event<'a>>) {
    let mut rest = 0;
    for f in lawref::find_all(text) {
        if f.start > rest {
            out.push(Event::Text(text[rest..f.start].to_string().into()));
        }
        out.push(Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: lawref::page_path(&f.reference).into(),
            title: f.reference.label().into(),
            id: CowStr::Borrowed(""),
        }));
        out.push(Event::Text(text[f.start..f.end].to_string().into()));
        out.push(Event::End(TagEnd::Link));
        rest = f.end;
    }
    if rest < text.len() {
        out.push(Event::Text(text[rest..].to_string().into()));
    }
}

/// Drops sentence punctuation after an address, and a closing parenthesis that closes the
/// surrounding text rather than the address ("(se https://x.se/a)").
fn trim_url(mut url: &str) -> &str {
    loop {
        let Some(last) = url.chars().last() else {
            return url;
        };
        let strip = match last {
            '.' | ',' | ':' | ';' | '!' | '?' => true,
            ')' => url.matches(')').count() > url.matches('(').count(),
            _ => false,
        };
        if !strip {
            return url;
        }
        url = &url[..url.len() - last.len_utf8()];
    }
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut tag_attributes: HashMap<&str, HashSet<&str>> = HashMap::new();
        tag_attributes.insert("a", HashSet::from(["href", "title"]));
        tag_attributes.insert("img", HashSet::from(["src", "alt", "title"]));
        tag_attributes.insert("ol", HashSet::from(["start"]));
        tag_attributes.insert("code", HashSet::from(["class"]));
        tag_attributes.insert("th", HashSet::from(["style"]));
        tag_attributes.insert("td", HashSet::from(["style"]));

        let mut builder = ammonia::Builder::default();
        builder
            .tags(ALLOWED_TAGS.iter().copied().collect())
            .tag_attributes(tag_attributes)
            .generic_attributes(HashSet::new())
            .url_schemes(HashSet::from(["http", "https", "mailto"]))
            .url_relative(ammonia::UrlRelative::PassThrough)
            .link_rel(Some(LINK_REL))
            .strip_comments(true)
            .attribute_filter(filter_attribute);
        builder
    })
}

/// Second look at the attributes the allow-list let through, for rules ammonia cannot express.
fn filter_attribute<'u>(element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    match (element, attribute) {
        // Images load without a click, so only web images and our own attachments.
        ("img", "src") => {
            let v = value.trim_start().to_ascii_lowercase();
            let ok = v.starts_with("https://") || v.starts_with("http://") || is_own_file(value);
            ok.then_some(Cow::Borrowed(value))
        }
        ("th" | "td", "style") => CELL_ALIGNMENTS
            .contains(&value)
            .then_some(Cow::Borrowed(value)),
        ("code", "class") => {
            let lang = value.strip_prefix("language-")?;
            let ok = !lang.is_empty()
                && lang
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '#'));
            ok.then_some(Cow::Borrowed(value))
        }
        _ => Some(Cow::Borrowed(value)),
    }
}

/// A path to one of our own attachments, "/files/…", that cannot climb out of that folder.
fn is_own_file(path: &str) -> bool {
    path.strip_prefix("/files/").is_some_and(|rest| {
        !rest.is_empty()
            && !rest.contains("..")
            && rest.chars().all(|c| {
                c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | '?' | '=' | '&')
            })
    })
}

/// Longest handle we look for; longer runs are not user names.
const MAX_HANDLE_CHARS: usize = 64;

/// The `@handles` a post mentions, lower-cased, deduplicated, in order of first appearance.
///
/// Handles in code (inline or blocks), raw HTML and e-mail addresses are not mentions.
pub fn mentions(md: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut in_code_block = false;
    for event in TextMergeStream::new(Parser::new_ext(md, options())) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Text(text) if !in_code_block => {
                for handle in handles_in(&text) {
                    if !found.contains(&handle) {
                        found.push(handle);
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// Characters that make an `@` part of an e-mail address or a web address, not a mention.
fn joins_at(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+' | '%' | '/' | '@' | '\\')
}

fn is_handle_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '-')
}

fn handles_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices('@') {
        if text[..at].chars().next_back().is_some_and(joins_at) {
            continue;
        }
        let after = &text[at + 1..];
        if !after.starts_with(|c: char| c.is_alphanumeric()) {
            continue;
        }
        let end = after
            .char_indices()
            .find(|&(_, c)| !is_handle_char(c))
            .map_or(after.len(), |(i, _)| i);
        // A handle does not end with punctuation: "@anna." ends a sentence.
        let handle = after[..end].trim_end_matches(|c: char| !c.is_alphanumeric());
        if handle.chars().count() > MAX_HANDLE_CHARS {
            continue;
        }
        // "@anna@example.se" is an address written oddly, not a mention.
        if after[handle.len()..].starts_with('@') {
            continue;
        }
        out.push(handle.to_lowercase());
    }
    out
}

/// Quotes another post as a Markdown blockquote headed "**Namn skrev:**", ready to reply below.
pub fn quote(author: &str, md: &str) -> String {
    let name = escape_inline(&author.split_whitespace().collect::<Vec<_>>().join(" "));
    let mut out = format!("> **{name} skrev:**\n>\n");
    let body = md.trim_end();
    for line in body.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            out.push_str(">\n");
        } else {
            out.push_str("> ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push('\n');
    out
}

/// Backslash-escapes what would turn a name into Markdown or HTML.
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '&' | '!' | '|' | '~' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A plain-text excerpt of at most `max_chars` characters (including a closing "…" when cut),
/// for notifications and result snippets. Not HTML-escaped: escape it where it is shown.
pub fn excerpt(md: &str, max_chars: usize) -> String {
    let mut text = String::with_capacity(md.len().min(4 * max_chars + 16));
    for event in Parser::new_ext(md, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::Rule => text.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::TableCell
                | TagEnd::TableHead
                | TagEnd::TableRow,
            ) => text.push(' '),
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    truncate_words(&text, max_chars)
}

fn truncate_words(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    if max_chars == 0 {
        return String::new();
    }
    let keep: String = text.chars().take(max_chars - 1).collect();
    // Cut at a word boundary unless that would throw away most of the room.
    let cut = match keep.rfind(' ') {
        Some(i) if keep[..i].chars().count() * 2 >= max_chars => &keep[..i],
        _ => keep.as_str(),
    };
    let cut = cut.trim_end_matches(|c: char| c.is_whitespace() || ",;:–-".contains(c));
    format!("{cut}…")
}

#[cfg(test)]
mod tests;
