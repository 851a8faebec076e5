//! Searchable text out of an attachment: PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX),
//! OpenDocument (ODT, ODS), plain text, Markdown and CSV.
//!
//! Owns: reading the text and only the text, with caps on what an uploaded file may cost
//! (uncompressed bytes read from ZIP entries and PDF streams, length of the result), and
//! whitespace clean-up so the indexer gets lines and paragraphs. Synchronous and CPU-bound:
//! callers run it on a blocking thread. It never panics: a panic inside a parser becomes an
//! [`ExtractError`]. Must not: decide what a file is (see `crate::library::sniff`), store
//! anything or talk to the search index.

use std::borrow::Cow;
use std::io::{Cursor, Read};
use std::panic::{self, AssertUnwindSafe};

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use unicode_normalization::UnicodeNormalization;

use crate::library::sniff::FileKind;

mod decode;
mod pdf;
pub mod worker;

/// Most text returned for one file (5 MiB); the rest is cut off on a character boundary.
pub const MAX_TEXT_BYTES: usize = 5 * 1024 * 1024;

/// Most uncompressed bytes read out of one file's ZIP entries (50 MiB).
pub const MAX_UNPACKED_BYTES: u64 = 50 * 1024 * 1024;

/// Most bytes one PDF's streams may decode to, images included (256 MiB).
pub const MAX_PDF_DECODED_BYTES: u64 = 256 * 1024 * 1024;

/// What one extraction may cost; [`extract_text`] uses the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtractLimits {
    /// Longest result in bytes.
    pub max_text_bytes: usize,
    /// Most bytes decompressed from ZIP entries (DOCX, XLSX, PPTX, ODT, ODS), all together.
    pub max_unpacked_bytes: u64,
    /// Most bytes a PDF's streams may decode to, all together.
    pub max_pdf_decoded_bytes: u64,
}

impl Default for ExtractLimits {
    fn default() -> Self {
        Self {
            max_text_bytes: MAX_TEXT_BYTES,
            max_unpacked_bytes: MAX_UNPACKED_BYTES,
            max_pdf_decoded_bytes: MAX_PDF_DECODED_BYTES,
        }
    }
}

/// Why no text came out. The message is Swedish and safe to show; `detail` is for the log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ExtractError {
    #[error("Texten i filen kunde inte läsas, så filen går inte att söka i")]
    Unreadable { detail: String },
    #[error("PDF-filen är lösenordsskyddad, så dess text går inte att söka i")]
    Encrypted,
    #[error("Filen packas upp till mer än {limit_mib} MiB, så dess text läses inte och den går inte att söka i")]
    TooLarge { limit_mib: u64 },
    #[error(
        "PDF-filen har fler än {limit} objekt, så dess text läses inte och den går inte att söka i"
    )]
    TooManyObjects { limit: usize },
    /// The sandboxed reader ran past its CPU or wall-clock limit.
    #[error("Det tog för lång tid att läsa texten i filen, så den går inte att söka i")]
    TimedOut,
    /// The sandboxed reader ran past its memory limit.
    #[error("Filen kräver för mycket minne för att läsas, så dess text går inte att söka i")]
    OutOfMemory,
}

impl ExtractError {
    fn unreadable(detail: impl ToString) -> Self {
        ExtractError::Unreadable {
            detail: detail.to_string(),
        }
    }
}

/// The text of a file of `kind`, lines and paragraphs kept, whitespace tidied, NFC.
///
/// Kinds without text (images, ZIP) give an empty string. See [`ExtractLimits`] for the caps.
pub fn extract_text(kind: FileKind, bytes: &[u8]) -> Result<String, ExtractError> {
    extract_text_with_limits(kind, bytes, ExtractLimits::default())
}

/// [`extract_text`] with other caps (tests, or a stricter caller).
pub fn extract_text_with_limits(
    kind: FileKind,
    bytes: &[u8],
    limits: ExtractLimits,
) -> Result<String, ExtractError> {
    // Parsers of hostile files can panic (pdf-extract does on odd fonts); that must cost the
    // caller one attachment's text, never the thread.
    let raw = panic::catch_unwind(AssertUnwindSafe(|| raw_text(kind, bytes, limits)))
        .map_err(|payload| ExtractError::unreadable(panic_message(payload.as_ref())))??;
    Ok(normalise(&raw, limits.max_text_bytes))
}

fn raw_text(kind: FileKind, bytes: &[u8], limits: ExtractLimits) -> Result<String, ExtractError> {
    let mut budget = Budget::new(limits.max_unpacked_bytes);
    match kind {
        FileKind::Pdf => pdf::text(
            bytes,
            &mut Budget::new(limits.max_pdf_decoded_bytes),
            limits.max_text_bytes,
        ),
        FileKind::Docx => {
            let mut zip = open_zip(bytes)?;
            let xml = read_entry(&mut zip, "word/document.xml", &mut budget)?
                .ok_or_else(|| ExtractError::unreadable("word/document.xml saknas"))?;
            ooxml_text(&xml, "p")
        }
        FileKind::Xlsx => {
            let mut zip = open_zip(bytes)?;
            match read_entry(&mut zip, "xl/sharedStrings.xml", &mut budget)? {
                Some(xml) => ooxml_text(&xml, "si"),
                None => Ok(String::new()),
            }
        }
        FileKind::Pptx => {
            let mut zip = open_zip(bytes)?;
            let mut slides: Vec<(u32, String)> = zip
                .file_names()
                .filter_map(|name| {
                    let number = name
                        .strip_prefix("ppt/slides/slide")?
                        .strip_suffix(".xml")?;
                    Some((number.parse().ok()?, name.to_owned()))
                })
                .collect();
            slides.sort();
            let mut text = String::new();
            for (_, name) in slides {
                if let Some(xml) = read_entry(&mut zip, &name, &mut budget)? {
                    text.push_str(&ooxml_text(&xml, "p")?);
                    text.push('\n');
                }
            }
            Ok(text)
        }
        FileKind::Odt | FileKind::Ods => {
            let mut zip = open_zip(bytes)?;
            let xml = read_entry(&mut zip, "content.xml", &mut budget)?
                .ok_or_else(|| ExtractError::unreadable("content.xml saknas"))?;
            odf_text(&xml)
        }
        FileKind::Text | FileKind::Markdown | FileKind::Csv => Ok(decode_text(bytes).into_owned()),
        FileKind::Png | FileKind::Jpeg | FileKind::Gif | FileKind::Webp | FileKind::Zip => {
            Ok(String::new())
        }
    }
}

/// Uncompressed bytes still allowed for this file; shared by all entries or streams.
#[derive(Debug)]
struct Budget {
    limit: u64,
    left: u64,
}

impl Budget {
    fn new(limit: u64) -> Self {
        Self { limit, left: limit }
    }

    fn spend(&mut self, bytes: u64) -> Result<(), ExtractError> {
        self.left = self.left.checked_sub(bytes).ok_or(self.too_large())?;
        Ok(())
    }

    fn too_large(&self) -> ExtractError {
        ExtractError::TooLarge {
            limit_mib: self.limit.div_ceil(1024 * 1024),
        }
    }
}

type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

fn open_zip(bytes: &[u8]) -> Result<Zip<'_>, ExtractError> {
    zip::ZipArchive::new(Cursor::new(bytes)).map_err(ExtractError::unreadable)
}

/// One entry's bytes, never more than the budget allows: the size in the ZIP directory is
/// the sender's claim, so the read itself is capped too (a "zip bomb" stops there).
fn read_entry(
    zip: &mut Zip<'_>,
    name: &str,
    budget: &mut Budget,
) -> Result<Option<Vec<u8>>, ExtractError> {
    let entry = match zip.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(ExtractError::unreadable(e)),
    };
    if entry.size() > budget.left {
        return Err(budget.too_large());
    }
    let mut data = Vec::with_capacity(entry.size() as usize);
    entry
        .take(budget.left + 1)
        .read_to_end(&mut data)
        .map_err(ExtractError::unreadable)?;
    budget.spend(data.len() as u64)?;
    Ok(Some(data))
}

/// Deepest element nesting read from an XML part. Real documents stay below 50 (tables in
/// tables); quick-xml itself does not recurse, but a cap keeps the skip counters and any
/// later change honest about hostile files.
const MAX_XML_DEPTH: usize = 1_000;

/// A reader over an XML part's bytes. quick-xml reads UTF-8 only, so the bytes are decoded
/// first the way text files are (a UTF-16 BOM is honoured, which some writers use).
/// quick-xml never expands entities declared in a DOCTYPE (so "billion laughs" stays a
/// handful of unknown references, which [`reference_text`] drops).
fn xml_reader(text: &str) -> Reader<&[u8]> {
    Reader::from_str(text)
}

/// The text an entity or character reference stands for: the five XML entities and
/// character references; any other (custom, DOCTYPE-declared) reference gives nothing.
fn reference_text(reference: &BytesRef<'_>, out: &mut String) {
    match reference.resolve_char_ref() {
        Ok(Some(c)) => out.push(c),
        Ok(None) => out.push_str(resolve_xml_entity(reference).unwrap_or_default()),
        Err(_) => {}
    }
}

/// Tracks element depth so a part nested deeper than [`MAX_XML_DEPTH`] is refused.
fn enter(depth: &mut usize) -> Result<(), ExtractError> {
    *depth += 1;
    if *depth > MAX_XML_DEPTH {
        return Err(ExtractError::unreadable("för djupt nästlad XML"));
    }
    Ok(())
}

/// Text of an Office Open XML part: `t` elements (`w:t`, `a:t`), a line per `paragraph`
/// element (`w:p`, `a:p`, or `si` in Excel's shared strings), tabs and breaks kept.
/// Paragraph properties (tab stops) and phonetic guides are skipped.
fn ooxml_text(xml: &[u8], paragraph: &str) -> Result<String, ExtractError> {
    let xml = decode_text(xml);
    let mut reader = xml_reader(&xml);
    let mut out = String::new();
    let mut in_text = false;
    let mut skipping = 0usize;
    let mut depth = 0usize;
    loop {
        match reader.read_event().map_err(ExtractError::unreadable)? {
            Event::Start(e) => {
                enter(&mut depth)?;
                match e.local_name().as_ref() {
                    "pPr" | "rPh" => skipping += 1,
                    "t" => in_text = skipping == 0,
                    name => ooxml_mark(name, paragraph, skipping, &mut out, false),
                }
            }
            Event::Empty(e) => {
                ooxml_mark(e.local_name().as_ref(), paragraph, skipping, &mut out, true)
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                match e.local_name().as_ref() {
                    "pPr" | "rPh" => skipping = skipping.saturating_sub(1),
                    "t" => in_text = false,
                    name if name == paragraph => out.push('\n'),
                    _ => {}
                }
            }
            Event::Text(e) if in_text => out.push_str(&e.xml_content(XmlVersion::Implicit1_0)),
            Event::GeneralRef(r) if in_text => reference_text(&r, &mut out),
            Event::CData(e) if in_text => out.push_str(&e),
            // Office files carry no DTD (Word refuses one); a DOCTYPE is an entity-expansion
            // attack or a broken file either way.
            Event::DocType(_) => return Err(ExtractError::unreadable("DOCTYPE in an Office file")),
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

fn ooxml_mark(name: &str, paragraph: &str, skipping: usize, out: &mut String, empty: bool) {
    if skipping > 0 {
        return;
    }
    match name {
        "tab" => out.push('\t'),
        "br" | "cr" => out.push('\n'),
        "noBreakHyphen" => out.push('-'),
        name if empty && name == paragraph => out.push('\n'),
        _ => {}
    }
}

/// Text of an OpenDocument `content.xml`: everything inside `text:p` and `text:h` (spans,
/// links, notes), `text:s` as its count of spaces, tabs and line breaks kept; tracked
/// deletions and comments skipped.
fn odf_text(xml: &[u8]) -> Result<String, ExtractError> {
    let xml = decode_text(xml);
    let mut reader = xml_reader(&xml);
    let mut out = String::new();
    let mut paragraphs = 0usize;
    let mut skipping = 0usize;
    let mut depth = 0usize;
    loop {
        match reader.read_event().map_err(ExtractError::unreadable)? {
            Event::Start(e) => {
                enter(&mut depth)?;
                match e.local_name().as_ref() {
                    "tracked-changes" | "annotation" => skipping += 1,
                    "p" | "h" => paragraphs += 1,
                    _ => odf_mark(&e, skipping, &mut out),
                }
            }
            Event::Empty(e) => match e.local_name().as_ref() {
                "p" | "h" if skipping == 0 => out.push('\n'),
                _ => odf_mark(&e, skipping, &mut out),
            },
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                match e.local_name().as_ref() {
                    "tracked-changes" | "annotation" => skipping = skipping.saturating_sub(1),
                    "p" | "h" => {
                        paragraphs = paragraphs.saturating_sub(1);
                        if skipping == 0 {
                            out.push('\n');
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(e) if paragraphs > 0 && skipping == 0 => {
                out.push_str(&e.xml_content(XmlVersion::Implicit1_0));
            }
            Event::GeneralRef(r) if paragraphs > 0 && skipping == 0 => {
                reference_text(&r, &mut out);
            }
            Event::CData(e) if paragraphs > 0 && skipping == 0 => out.push_str(&e),
            // Office files carry no DTD (Word refuses one); a DOCTYPE is an entity-expansion
            // attack or a broken file either way.
            Event::DocType(_) => return Err(ExtractError::unreadable("DOCTYPE in an Office file")),
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

fn odf_mark(e: &BytesStart<'_>, skipping: usize, out: &mut String) {
    if skipping > 0 {
        return;
    }
    match e.local_name().as_ref() {
        "s" => {
            let count = e
                .attributes()
                .flatten()
                .find(|a| a.key.local_name().as_ref() == "c")
                .and_then(|a| {
                    a.normalized_value(XmlVersion::Implicit1_0)
                        .ok()?
                        .trim()
                        .parse::<usize>()
                        .ok()
                })
                .unwrap_or(1);
            // Whitespace is collapsed later anyway; the cap stops `text:c="999999999"`.
            out.extend(std::iter::repeat_n(' ', count.clamp(1, 8)));
        }
        "tab" => out.push('\t'),
        "line-break" => out.push('\n'),
        _ => {}
    }
}

/// Text file bytes as a string: a BOM decides (UTF-8, UTF-16) and is dropped; else UTF-8
/// when valid, else Windows-1252 (what Notepad and Excel on Swedish Windows save).
pub fn decode_text(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom..]).0;
    }
    match UTF_8.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => text,
        None => WINDOWS_1252.decode_without_bom_handling(bytes).0,
    }
}

/// NFC; one space for each run of spaces and tabs; lines trimmed; at most one empty line
/// between paragraphs; controls, soft hyphens and zero-width characters dropped; ligatures
/// (ﬁ, ﬂ) spelled out; cut to `max_bytes` on a character boundary.
fn normalise(raw: &str, max_bytes: usize) -> String {
    let mut out = String::with_capacity(raw.len().min(max_bytes));
    let mut line = String::new();
    let mut blank_lines = 0usize;
    let mut flush = |line: &mut String, out: &mut String| {
        let trimmed = line.trim_end();
        if trimmed.is_empty() {
            blank_lines += 1;
        } else {
            if !out.is_empty() {
                out.push_str(if blank_lines > 0 { "\n\n" } else { "\n" });
            }
            out.push_str(trimmed);
            blank_lines = 0;
        }
        line.clear();
    };
    let mut after_cr = false;
    for c in raw.nfc() {
        if out.len() + line.len() > max_bytes {
            break;
        }
        let crlf = after_cr && c == '\n';
        after_cr = c == '\r';
        match c {
            '\n' if crlf => {}
            '\n' | '\r' | '\u{000B}' | '\u{000C}' | '\u{2028}' | '\u{2029}' | '\u{0085}' => {
                flush(&mut line, &mut out);
            }
            c if c.is_whitespace() => {
                if !line.is_empty() && !line.ends_with(' ') {
                    line.push(' ');
                }
            }
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            '\u{FB00}'..='\u{FB06}' => line.extend(c.to_string().nfkc()),
            c if c.is_control() => {}
            c => line.push(c),
        }
    }
    flush(&mut line, &mut out);
    if out.len() > max_bytes {
        let mut end = max_bytes;
        while !out.is_char_boundary(end) {
            end -= 1;
        }
        out.truncate(end);
    }
    out
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("okänd orsak");
    format!("parsern fick panik: {message}")
}

#[cfg(test)]
mod tests;
