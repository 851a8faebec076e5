//! Markdown as readable plain text: the text part of e-mails and the DESCRIPTION of calendar
//! events. Paragraphs stay paragraphs, list items get a dash or their number, a link's
//! address follows its text in parentheses. Raw HTML is shown as typed, never interpreted.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::forum::markdown::MAX_NESTING;

/// Deepest indentation of a nested list item (two spaces a level).
const MAX_INDENT: usize = 8;

/// Renders Markdown as plain text for people reading it without HTML.
pub fn plain_text(md: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut out = String::with_capacity(md.len() + 64);
    let mut lists: Vec<Option<u64>> = Vec::new();
    // None for a link nested deeper than MAX_NESTING: its address is left out, so that
    // deep nesting cannot make the text (or the work) grow with the square of the depth.
    let mut links: Vec<Option<(String, usize)>> = Vec::new();
    let mut heading: Option<(HeadingLevel, usize)> = None;
    let mut in_code_block = false;
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                block_break(&mut out);
                heading = Some((level, out.len()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, start)) = heading.take() {
                    let width = out[start..].chars().count();
                    let mark = if level == HeadingLevel::H1 { '=' } else { '-' };
                    out.push('\n');
                    out.extend(std::iter::repeat_n(mark, width));
                }
                out.push_str("\n\n");
            }
            // Paragraphs inside list items stay on the item's line.
            Event::Start(Tag::Paragraph) if lists.is_empty() => block_break(&mut out),
            Event::End(TagEnd::Paragraph) if lists.is_empty() => out.push_str("\n\n"),
            Event::Start(Tag::List(first)) => {
                if lists.is_empty() {
                    block_break(&mut out);
                }
                lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                if lists.is_empty() {
                    out.push('\n');
                }
            }
            Event::Start(Tag::Item) => {
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                let depth = lists.len().saturating_sub(1).min(MAX_INDENT);
                out.push_str(&"  ".repeat(depth));
                match lists.last_mut() {
                    Some(Some(n)) => {
                        out.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => out.push_str("- "),
                }
            }
            Event::End(TagEnd::Item) if !out.ends_with('\n') => out.push('\n'),
            Event::Start(Tag::CodeBlock(_)) => {
                block_break(&mut out);
                in_code_block = true;
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                out.push('\n');
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let deep = links.len() >= MAX_NESTING;
                links.push((!deep).then(|| (dest_url.to_string(), out.len())));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some(Some((url, start))) = links.pop() {
                    let text = out[start..].trim().to_string();
                    let bare = url.trim_start_matches("mailto:");
                    if !url.is_empty() && text != url && text != bare {
                        out.push_str(&format!(" ({url})"));
                    }
                }
            }
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => {
                if in_code_block {
                    for line in t.lines() {
                        out.push_str("    ");
                        out.push_str(line);
                        out.push('\n');
                    }
                } else {
                    out.push_str(&t);
                }
            }
            Event::Code(t) => out.push_str(&t),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::Rule => {
                block_break(&mut out);
                out.push_str("----------\n\n");
            }
            Event::End(TagEnd::TableCell) => out.push_str(" | "),
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => {
                while out.ends_with([' ', '|']) {
                    out.pop();
                }
                out.push('\n');
            }
            Event::End(TagEnd::Table | TagEnd::BlockQuote(_)) => out.push('\n'),
            _ => {}
        }
    }
    tidy(&out)
}

/// Ends the current line and leaves one empty line before a new block.
fn block_break(out: &mut String) {
    if out.is_empty() {
        return;
    }
    while !out.ends_with("\n\n") {
        out.push('\n');
    }
}

/// Trims trailing spaces on lines and keeps at most one empty line between blocks.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut empty_run = 0;
    for line in s.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            empty_run += 1;
            if empty_run > 1 {
                continue;
            }
        } else {
            empty_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_headings_lists_and_links_read_well() {
        let md = "# Nyhetsbrev hösten\n\nHej alla inspektörer!\nVälkomna.\n\n## Träffar\n\n- Små avlopp 19 mars\n- [Anmälan](https://samsyn.example.se/traffar)\n\n1. ett\n2. två\n\nSe <https://example.se>.";
        let text = plain_text(md);
        assert_eq!(
            text,
            "Nyhetsbrev hösten\n=================\n\nHej alla inspektörer! Välkomna.\n\nTräffar\n-------\n\n- Små avlopp 19 mars\n- Anmälan (https://samsyn.example.se/traffar)\n\n1. ett\n2. två\n\nSe https://example.se."
        );
    }

    #[test]
    fn raw_html_is_kept_as_text() {
        assert_eq!(
            plain_text("Hej <script>x</script>"),
            "Hej <script>x</script>"
        );
    }
}
