//! Safe names for uploaded attachments and the `Content-Disposition` header that serves them.
//!
//! Owns: turning whatever name a browser or script sends into one that is safe to store, show
//! and hand back in a download (no directories, no control or bidi characters, no Windows
//! device names), while keeping a Swedish name readable ("Tillsyn små avlopp – åtgärder.pdf").
//! Must not: touch the file system, guess the file's type (see `crate::library::sniff`) or
//! decide whether a caller may download it.

use unicode_normalization::UnicodeNormalization;

/// Longest stored name in bytes (UTF-8); the extension is kept when cutting.
pub const MAX_FILE_NAME_BYTES: usize = 150;

/// Name used when nothing usable is left of the sent one.
pub const FALLBACK_FILE_NAME: &str = "fil";

/// An extension longer than this is treated as part of the name when cutting to length.
const MAX_EXTENSION_BYTES: usize = 16;

/// Characters Windows refuses in names; also unsafe inside a quoted header value.
const FORBIDDEN: &[char] = &['<', '>', ':', '"', '|', '?', '*', '/', '\\'];

/// Device names Windows reserves, whatever extension follows ("CON.txt" opens the console).
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "COM0", "COM1", "COM2", "COM3", "COM4",
    "COM5", "COM6", "COM7", "COM8", "COM9", "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6",
    "LPT7", "LPT8", "LPT9", "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³",
];

/// Returns a readable, safe file name made from `raw`, or `"fil"` when nothing usable is left.
///
/// NFC-normalised; only the last path component (after `/` or `\`) is kept; control, bidi and
/// `<>:"|?*` characters are dropped; `..`, leading dots and trailing dots/spaces are removed;
/// Windows device names get the stem `fil`; at most [`MAX_FILE_NAME_BYTES`] bytes, cut on a
/// character boundary with the extension kept. Idempotent.
pub fn sanitize_file_name(raw: &str) -> String {
    let normalised: String = raw.nfc().collect();
    let last = normalised.rsplit(['/', '\\']).next().unwrap_or_default();

    let mut name = String::with_capacity(last.len());
    let mut pending_space = false;
    for c in last.chars() {
        if is_dropped(c) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !name.is_empty();
            continue;
        }
        if pending_space {
            name.push(' ');
            pending_space = false;
        }
        name.push(c);
    }
    // Dropping a character can bring combining marks together out of canonical order
    // ("ףּ|\u{dca}"): normalise again, or a second pass would change the name.
    let mut name: String = name.nfc().collect();

    while name.contains("..") {
        name = name.replace("..", ".");
    }
    let name = trim_name(&name);
    let name = replace_reserved_stem(name);
    let name = truncate_keeping_extension(&name, MAX_FILE_NAME_BYTES);
    if name.is_empty() {
        FALLBACK_FILE_NAME.to_owned()
    } else {
        name
    }
}

/// `Content-Disposition` value that makes the browser download the file as `name`.
pub fn content_disposition(name: &str) -> String {
    disposition("attachment", name)
}

/// `Content-Disposition` value that lets the browser show the file (PDF, image) as `name`.
pub fn content_disposition_inline(name: &str) -> String {
    disposition("inline", name)
}

/// Builds `type; filename="ascii"; filename*=UTF-8''percent-encoded` (RFC 6266, RFC 5987):
/// old clients read the ASCII fallback, all current browsers the exact UTF-8 name.
fn disposition(kind: &str, name: &str) -> String {
    let name = sanitize_file_name(name);
    format!(
        "{kind}; filename=\"{}\"; filename*=UTF-8''{}",
        ascii_fallback(&name),
        percent_encode(&name)
    )
}

/// Characters never kept in a name: controls, bidi overrides (which can make "exe.pdf" look
/// like "fdp.exe"), invisible separators, the byte-order mark and Windows' forbidden set.
fn is_dropped(c: char) -> bool {
    c.is_control()
        || FORBIDDEN.contains(&c)
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{200B}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// Leading dots hide files on Unix; trailing dots and spaces are silently dropped by Windows.
fn trim_name(name: &str) -> &str {
    name.trim_start_matches(['.', ' '])
        .trim_end_matches(['.', ' '])
}

fn replace_reserved_stem(name: &str) -> String {
    let (stem, rest) = match name.find('.') {
        Some(i) => name.split_at(i),
        None => (name, ""),
    };
    let reserved = RESERVED
        .iter()
        .any(|r| r.eq_ignore_ascii_case(stem.trim_end()));
    if reserved {
        format!("{FALLBACK_FILE_NAME}{rest}")
    } else {
        name.to_owned()
    }
}

fn truncate_keeping_extension(name: &str, max: usize) -> String {
    if name.len() <= max {
        return name.to_owned();
    }
    let extension = name
        .rfind('.')
        .filter(|&dot| dot > 0 && name.len() - dot <= MAX_EXTENSION_BYTES + 1)
        .map(|dot| &name[dot..])
        .unwrap_or("");
    let stem = &name[..name.len() - extension.len()];
    let stem = trim_name(cut_at_char_boundary(stem, max - extension.len()));
    format!("{stem}{extension}")
}

fn cut_at_char_boundary(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// ASCII for the quoted `filename=` parameter: letters lose their accents ("å" → "a"),
/// anything else non-ASCII becomes `_`. `%` is replaced too, since some clients decode it.
fn ascii_fallback(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            ' '..='~' if !matches!(c, '"' | '\\' | '%') => out.push(c),
            _ => out.push('_'),
        }
    }
    out
}

/// RFC 5987 `value-chars`: attr-chars as they are, every other byte as `%XX`.
fn percent_encode(name: &str) -> String {
    let mut out = String::with_capacity(name.len() * 3);
    for &b in name.as_bytes() {
        let attr_char = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'!' | b'#' | b'$' | b'&' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~'
            );
        if attr_char {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_names_are_kept_intact() {
        let name = "Tillsyn små avlopp – åtgärder i Växjö och Nässjö (ÅÄÖ).pdf";
        assert_eq!(sanitize_file_name(name), name);
    }

    #[test]
    fn decomposed_letters_are_composed() {
        // macOS sends "å" as "a" + combining ring.
        let decomposed = "a\u{030A}tga\u{0308}rder.docx";
        assert_eq!(sanitize_file_name(decomposed), "åtgärder.docx");
    }

    #[test]
    fn dropping_a_character_between_combining_marks_stays_idempotent() {
        // Found by the property test: '|' between two marks of different classes.
        let once = sanitize_file_name("\u{5e3}\u{5bc}|\u{dca}");
        assert_eq!(sanitize_file_name(&once), once);
    }

    #[test]
    fn unix_path_traversal_keeps_only_the_last_part() {
        assert_eq!(sanitize_file_name("../../etc/passwd"), "passwd");
        assert_eq!(sanitize_file_name("/abs/x.pdf"), "x.pdf");
        assert_eq!(sanitize_file_name("../.."), "fil");
        assert_eq!(sanitize_file_name("dir/"), "fil");
    }

    #[test]
    fn windows_path_traversal_keeps_only_the_last_part() {
        assert_eq!(sanitize_file_name("..\\..\\boot.ini"), "boot.ini");
        assert_eq!(
            sanitize_file_name("C:\\Users\\eva\\rapport.docx"),
            "rapport.docx"
        );
    }

    #[test]
    fn percent_encoded_traversal_is_harmless() {
        assert_eq!(sanitize_file_name("%2e%2e/x"), "x");
        let encoded = sanitize_file_name("%2e%2e%2fx");
        assert!(!encoded.contains('/') && !encoded.contains(".."));
    }

    #[test]
    fn double_dots_and_leading_dots_are_removed() {
        assert_eq!(sanitize_file_name(".htaccess"), "htaccess");
        assert_eq!(sanitize_file_name("...rapport..pdf"), "rapport.pdf");
        assert_eq!(sanitize_file_name("rapport.pdf. . "), "rapport.pdf");
    }

    #[test]
    fn nul_and_control_characters_are_removed() {
        assert_eq!(sanitize_file_name("rapport\0.pdf"), "rapport.pdf");
        assert_eq!(sanitize_file_name("evil.php\0.pdf"), "evil.php.pdf");
        assert_eq!(sanitize_file_name("a\r\nb\tc.txt"), "abc.txt");
        assert_eq!(sanitize_file_name("\0\0\0"), "fil");
    }

    #[test]
    fn whitespace_runs_become_one_space() {
        assert_eq!(
            sanitize_file_name("  Tillsyn   av\u{00A0}avlopp .pdf"),
            "Tillsyn av avlopp .pdf"
        );
    }

    #[test]
    fn bidi_override_cannot_disguise_the_extension() {
        // "rapport\u{202E}fdp.exe" displays as "rapportexe.pdf".
        assert_eq!(
            sanitize_file_name("rapport\u{202E}fdp.exe"),
            "rapportfdp.exe"
        );
    }

    #[test]
    fn windows_forbidden_characters_are_removed() {
        assert_eq!(sanitize_file_name("a<b>c:d\"e|f?g*h.txt"), "abcdefgh.txt");
        assert_eq!(sanitize_file_name("Fråga: avlopp?.pdf"), "Fråga avlopp.pdf");
    }

    #[test]
    fn reserved_windows_names_are_replaced() {
        assert_eq!(sanitize_file_name("CON"), "fil");
        assert_eq!(sanitize_file_name("nul.txt"), "fil.txt");
        assert_eq!(sanitize_file_name("Com1.tar.gz"), "fil.tar.gz");
        assert_eq!(sanitize_file_name("LPT9 .pdf"), "fil.pdf");
        assert_eq!(sanitize_file_name("CONSOLE.txt"), "CONSOLE.txt");
        assert_eq!(sanitize_file_name("auxiliär.pdf"), "auxiliär.pdf");
    }

    #[test]
    fn empty_or_hopeless_names_become_fil() {
        for raw in [
            "", "   ", ".", "..", "...", "/", "\\", "<>:\"|?*", "\u{202E}",
        ] {
            assert_eq!(sanitize_file_name(raw), "fil", "{raw:?}");
        }
    }

    #[test]
    fn very_long_names_are_cut_keeping_the_extension() {
        let raw = format!("{}.pdf", "ö".repeat(400));
        let name = sanitize_file_name(&raw);
        assert!(name.len() <= MAX_FILE_NAME_BYTES, "{}", name.len());
        assert!(name.ends_with("ö.pdf"));
        assert_eq!(name.len(), 150, "73 two-byte letters and .pdf");

        let no_extension = sanitize_file_name(&"a".repeat(1000));
        assert_eq!(no_extension.len(), MAX_FILE_NAME_BYTES);

        let odd_extension = sanitize_file_name(&format!("x.{}", "e".repeat(300)));
        assert_eq!(odd_extension.len(), MAX_FILE_NAME_BYTES);
    }

    #[test]
    fn emoji_survive_and_are_never_split() {
        assert_eq!(sanitize_file_name("Fika 🎉☕.txt"), "Fika 🎉☕.txt");
        let raw = format!("{}.txt", "🐟".repeat(100));
        let name = sanitize_file_name(&raw);
        assert!(name.len() <= MAX_FILE_NAME_BYTES);
        assert!(name.ends_with("🐟.txt"));
    }

    #[test]
    fn sanitising_twice_changes_nothing() {
        for raw in [
            "../../etc/passwd",
            "  ..x..  ",
            "CON.txt",
            "Växjö – åtgärder.pdf",
            &format!("{}.docx", "å".repeat(200)),
        ] {
            let once = sanitize_file_name(raw);
            assert_eq!(sanitize_file_name(&once), once, "{raw:?}");
        }
    }

    #[test]
    fn content_disposition_has_ascii_fallback_and_utf8_name() {
        assert_eq!(
            content_disposition("Åtgärder för små avlopp.pdf"),
            "attachment; filename=\"Atgarder for sma avlopp.pdf\"; \
             filename*=UTF-8''%C3%85tg%C3%A4rder%20f%C3%B6r%20sm%C3%A5%20avlopp.pdf"
        );
    }

    #[test]
    fn inline_content_disposition() {
        assert_eq!(
            content_disposition_inline("karta.png"),
            "inline; filename=\"karta.png\"; filename*=UTF-8''karta.png"
        );
    }

    #[test]
    fn content_disposition_cannot_be_broken_out_of() {
        let header = content_disposition("a\"; filename=evil.exe\r\nSet-Cookie: x=1%41.pdf");
        assert!(!header.contains('\r') && !header.contains('\n'));
        assert_eq!(header.matches('"').count(), 2, "{header}");
        assert!(header.starts_with("attachment; filename=\""));
        let fallback = header.split('"').nth(1).unwrap();
        assert!(!fallback.contains('%'));
        let emoji = content_disposition("🎉.txt");
        assert_eq!(
            emoji,
            "attachment; filename=\"_.txt\"; filename*=UTF-8''%F0%9F%8E%89.txt"
        );
    }
}
