//! What an uploaded file really is, judged from its bytes, and whether that agrees with the
//! name and content type the uploader gave.
//!
//! Owns: the list of file kinds Samsyn accepts ([`FileKind`]), their MIME types and
//! extensions, magic-byte and ZIP-directory detection, and the Swedish refusals shown to the
//! uploader. A file is judged from a reader (the upload's temporary file): its first
//! kilobyte, the ZIP central directory, and for text one streaming pass, never the whole
//! file in memory. HTML, SVG, scripts and programs are refused outright, because a file served back
//! from our own origin must never be able to run in the browser.
//! Must not: extract text (see `crate::library::extract`), clean names (see
//! `crate::library::filename`) or know who uploads.
//!
//! Long because every accepted format has its own signature and structure check here,
//! one small function each, so the list of what we accept is read in one place.

use std::fmt;
use std::io::{self, Cursor, Read, Seek, SeekFrom};

use encoding_rs::{DecoderResult, Encoding, UTF_16BE, UTF_16LE};

/// A file type Samsyn accepts as an attachment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    Pdf,
    Docx,
    Xlsx,
    Pptx,
    Odt,
    Ods,
    Png,
    Jpeg,
    Gif,
    Webp,
    /// Plain text in UTF-8, UTF-16 (with BOM) or Windows-1252.
    Text,
    /// Text with a `.md` or `.markdown` name.
    Markdown,
    /// Text with a `.csv` name.
    Csv,
    /// Any other ZIP archive.
    Zip,
}

impl FileKind {
    /// Every accepted kind.
    pub const ALL: [FileKind; 14] = [
        FileKind::Pdf,
        FileKind::Docx,
        FileKind::Xlsx,
        FileKind::Pptx,
        FileKind::Odt,
        FileKind::Ods,
        FileKind::Png,
        FileKind::Jpeg,
        FileKind::Gif,
        FileKind::Webp,
        FileKind::Text,
        FileKind::Markdown,
        FileKind::Csv,
        FileKind::Zip,
    ];

    /// The MIME type to serve the file with (without parameters).
    pub fn mime(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            FileKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileKind::Pptx => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            FileKind::Odt => "application/vnd.oasis.opendocument.text",
            FileKind::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            FileKind::Png => "image/png",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Gif => "image/gif",
            FileKind::Webp => "image/webp",
            FileKind::Text => "text/plain",
            FileKind::Markdown => "text/markdown",
            FileKind::Csv => "text/csv",
            FileKind::Zip => "application/zip",
        }
    }

    /// Extensions (lower case, no dot) a file of this kind may have; the first is the usual one.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            FileKind::Pdf => &["pdf"],
            FileKind::Docx => &["docx"],
            FileKind::Xlsx => &["xlsx"],
            FileKind::Pptx => &["pptx"],
            FileKind::Odt => &["odt"],
            FileKind::Ods => &["ods"],
            FileKind::Png => &["png"],
            FileKind::Jpeg => &["jpg", "jpeg", "jpe", "jfif"],
            FileKind::Gif => &["gif"],
            FileKind::Webp => &["webp"],
            FileKind::Text => &["txt", "text", "log"],
            FileKind::Markdown => &["md", "markdown"],
            FileKind::Csv => &["csv"],
            FileKind::Zip => &["zip"],
        }
    }

    /// The kind a file name's extension (any case, no dot) promises, if Samsyn accepts it.
    pub fn from_extension(extension: &str) -> Option<FileKind> {
        let extension = extension.to_ascii_lowercase();
        FileKind::ALL
            .into_iter()
            .find(|kind| kind.extensions().contains(&extension.as_str()))
    }

    /// Swedish name for messages, to follow "en": "PDF", "Word-fil", "textfil".
    pub fn label(self) -> &'static str {
        match self {
            FileKind::Pdf => "PDF",
            FileKind::Docx => "Word-fil",
            FileKind::Xlsx => "Excel-fil",
            FileKind::Pptx => "PowerPoint-fil",
            FileKind::Odt => "OpenDocument-text",
            FileKind::Ods => "OpenDocument-kalkyl",
            FileKind::Png => "PNG-bild",
            FileKind::Jpeg => "JPEG-bild",
            FileKind::Gif => "GIF-bild",
            FileKind::Webp => "WebP-bild",
            FileKind::Text => "textfil",
            FileKind::Markdown => "Markdown-fil",
            FileKind::Csv => "CSV-fil",
            FileKind::Zip => "ZIP-fil",
        }
    }

    /// Text kinds are sniffed alike and told apart only by name or declared type.
    pub fn is_text(self) -> bool {
        matches!(self, FileKind::Text | FileKind::Markdown | FileKind::Csv)
    }

    /// Images a browser may show inline.
    pub fn is_image(self) -> bool {
        matches!(
            self,
            FileKind::Png | FileKind::Jpeg | FileKind::Gif | FileKind::Webp
        )
    }

    /// Whether `crate::library::extract::extract_text` gets searchable text out of this kind.
    pub fn has_extractable_text(self) -> bool {
        !self.is_image() && self != FileKind::Zip
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Why an upload is refused; the message is Swedish and safe to show to the uploader.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SniffError {
    #[error("Filen är tom")]
    Empty,
    #[error("{0} tas inte emot av säkerhetsskäl")]
    Forbidden(&'static str),
    #[error("Filen är inte en {claimed} fast den heter .{extension}")]
    NotWhatItSays {
        extension: String,
        claimed: FileKind,
        actual: FileKind,
    },
    #[error("Filen är en {actual} men skickades som {declared}")]
    DeclaredMismatch { declared: String, actual: FileKind },
    #[error("Filer som slutar på .{0} tas inte emot. {ACCEPTED}")]
    UnsupportedExtension(String),
    #[error(
        "Äldre Office-format (.doc, .xls, .ppt) tas inte emot. \
         Spara filen som .docx, .xlsx, .pptx eller PDF och ladda upp den igen"
    )]
    LegacyOffice,
    #[error("Dokument med makron tas inte emot. Spara dokumentet utan makron och försök igen")]
    Macros,
    #[error("Filen är skadad och kan inte läsas")]
    Damaged,
    #[error("Filens innehåll känns inte igen. {ACCEPTED}")]
    Unknown,
}

const ACCEPTED: &str = "Tillåtna filtyper: PDF, Word, Excel, PowerPoint, OpenDocument, \
                        bilder (PNG, JPEG, GIF, WebP), text, Markdown, CSV och ZIP";

/// Declared types that tell us nothing; allowed when content and extension agree.
const GENERIC_MIMES: &[&str] = &["", "application/octet-stream", "binary/octet-stream"];

const ZIP_MIMES: &[&str] = &[
    "application/zip",
    "application/x-zip-compressed",
    "application/x-zip",
    "multipart/x-zip",
];

const TEXT_MIMES: &[&str] = &[
    "text/plain",
    "text/markdown",
    "text/x-markdown",
    "text/csv",
    "text/x-csv",
    "text/comma-separated-values",
    "application/csv",
    // Windows maps .csv to Excel, so browsers there send this for CSV files.
    "application/vnd.ms-excel",
];

/// Declared types that are refused whatever the content, with the words for the refusal.
const FORBIDDEN_MIMES: &[(&str, &str)] = &[
    ("text/html", "HTML-filer"),
    ("application/xhtml+xml", "HTML-filer"),
    ("image/svg+xml", "SVG-bilder"),
    ("application/javascript", "JavaScript-filer"),
    ("application/x-javascript", "JavaScript-filer"),
    ("application/ecmascript", "JavaScript-filer"),
    ("text/javascript", "JavaScript-filer"),
    ("text/ecmascript", "JavaScript-filer"),
    ("application/x-msdownload", "Program"),
    ("application/x-msdos-program", "Program"),
    ("application/x-ms-installer", "Program"),
    ("application/vnd.microsoft.portable-executable", "Program"),
    ("application/x-executable", "Program"),
    ("application/x-sh", "Skript"),
    ("application/x-shellscript", "Skript"),
    ("application/x-bat", "Skript"),
    ("application/hta", "Skript"),
];

/// Extensions that are refused whatever the content, with the words for the refusal.
const FORBIDDEN_EXTENSIONS: &[(&str, &str)] = &[
    ("html", "HTML-filer"),
    ("htm", "HTML-filer"),
    ("xhtml", "HTML-filer"),
    ("xht", "HTML-filer"),
    ("shtml", "HTML-filer"),
    ("mht", "HTML-filer"),
    ("mhtml", "HTML-filer"),
    ("svg", "SVG-bilder"),
    ("svgz", "SVG-bilder"),
    ("js", "JavaScript-filer"),
    ("mjs", "JavaScript-filer"),
    ("cjs", "JavaScript-filer"),
    ("jse", "JavaScript-filer"),
    ("exe", "Program"),
    ("com", "Program"),
    ("scr", "Program"),
    ("msi", "Program"),
    ("msp", "Program"),
    ("dll", "Program"),
    ("cpl", "Program"),
    ("jar", "Program"),
    ("app", "Program"),
    ("bat", "Skript"),
    ("cmd", "Skript"),
    ("ps1", "Skript"),
    ("psm1", "Skript"),
    ("vbs", "Skript"),
    ("vbe", "Skript"),
    ("wsf", "Skript"),
    ("wsh", "Skript"),
    ("hta", "Skript"),
    ("sh", "Skript"),
    ("lnk", "Skript"),
    ("reg", "Skript"),
    ("php", "Skript"),
    ("asp", "Skript"),
    ("aspx", "Skript"),
    ("jsp", "Skript"),
];

/// Starts of a document that a browser would render as HTML (WHATWG MIME sniffing, plus SVG).
const HTML_STARTS: &[&[u8]] = &[
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<script",
    b"<iframe",
    b"<h1",
    b"<div",
    b"<font",
    b"<table",
    b"<a",
    b"<style",
    b"<title",
    b"<b",
    b"<body",
    b"<br",
    b"<p",
    b"<meta",
    b"<link",
    b"<form",
    b"<img",
    b"<object",
    b"<embed",
    b"<base",
    b"<svg",
];

/// How far into a file markup and the PDF header are looked for.
const HEAD_LEN: usize = 1024;

/// How much of a file is read at a time when it is scanned as text.
const SCAN_BUF: usize = 64 * 1024;

/// What the bytes alone say the file is; text comes back as [`FileKind::Text`].
pub fn sniff(bytes: &[u8]) -> Result<FileKind, SniffError> {
    // A cursor over memory cannot fail to read or seek.
    sniff_reader(&mut Cursor::new(bytes)).unwrap_or(Err(SniffError::Damaged))
}

/// What the file behind `file` is, as [`sniff`]: the outer error is the reader failing
/// (the server's problem), the inner one the verdict on the file.
pub fn sniff_reader<R: Read + Seek>(file: &mut R) -> io::Result<Result<FileKind, SniffError>> {
    file.rewind()?;
    let mut head = Vec::with_capacity(HEAD_LEN);
    file.by_ref().take(HEAD_LEN as u64).read_to_end(&mut head)?;
    let bytes = head.as_slice();
    if bytes.is_empty() {
        return Ok(Err(SniffError::Empty));
    }
    if let Some(what) = markup(bytes) {
        return Ok(Err(SniffError::Forbidden(what)));
    }
    Ok(match sniff_head(bytes) {
        Some(verdict) => verdict,
        None if starts_with_any(bytes, &[b"PK\x03\x04", b"PK\x05\x06"]) => {
            file.rewind()?;
            zip_kind(file)
        }
        None if is_text(file, bytes)? => Ok(FileKind::Text),
        None => Err(SniffError::Unknown),
    })
}

/// The verdict the first bytes give on their own, if they give one.
fn sniff_head(bytes: &[u8]) -> Option<Result<FileKind, SniffError>> {
    let head = bytes;
    if starts_with_any(
        bytes,
        &[b"MZ", b"\x7fELF", b"\xfe\xed\xfa", b"\xcf\xfa\xed\xfe"],
    ) || starts_with_any(bytes, &[b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe"])
    {
        return Some(Err(SniffError::Forbidden("Program")));
    }
    if bytes.starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") {
        return Some(Err(SniffError::LegacyOffice));
    }
    let kind = if find(head, b"%PDF-").is_some() {
        FileKind::Pdf
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        FileKind::Png
    } else if bytes.starts_with(b"\xff\xd8\xff") {
        FileKind::Jpeg
    } else if starts_with_any(bytes, &[b"GIF87a", b"GIF89a"]) {
        FileKind::Gif
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        FileKind::Webp
    } else {
        return None;
    };
    Some(Ok(kind))
}

/// The file's real kind when its content, `file_name`'s extension and `declared_mime` agree.
///
/// Refused outright: HTML, SVG, JavaScript, programs and scripts (by content, extension or
/// declared type), macro documents and old binary Office files. `application/octet-stream`
/// or an empty declared type is accepted when content and extension agree. Text is told
/// apart as Markdown or CSV by its extension (or, without one, by its declared type).
pub fn check_declared(
    declared_mime: &str,
    file_name: &str,
    bytes: &[u8],
) -> Result<FileKind, SniffError> {
    // A cursor over memory cannot fail to read or seek.
    check_declared_reader(declared_mime, file_name, &mut Cursor::new(bytes))
        .unwrap_or(Err(SniffError::Damaged))
}

/// [`check_declared`] for the file behind `file`, read as [`sniff_reader`] reads it; the
/// outer error is the reader failing, the inner one the verdict.
pub fn check_declared_reader<R: Read + Seek>(
    declared_mime: &str,
    file_name: &str,
    file: &mut R,
) -> io::Result<Result<FileKind, SniffError>> {
    let declared = essence(declared_mime);
    let extension = extension_of(file_name);
    // Refused by name or declared type alone: the file is not even read.
    if let Some(ext) = &extension {
        if let Some((_, what)) = FORBIDDEN_EXTENSIONS.iter().find(|(e, _)| e == ext) {
            return Ok(Err(SniffError::Forbidden(what)));
        }
    }
    if let Some((_, what)) = FORBIDDEN_MIMES.iter().find(|(m, _)| *m == declared) {
        return Ok(Err(SniffError::Forbidden(what)));
    }
    Ok(match sniff_reader(file)? {
        Ok(sniffed) => agreed_kind(&declared, extension.as_deref(), sniffed),
        Err(refused) => Err(refused),
    })
}

/// The kind to store a file as whose content is `sniffed`, when its extension and declared
/// type (its essence) agree with that.
fn agreed_kind(
    declared: &str,
    extension: Option<&str>,
    sniffed: FileKind,
) -> Result<FileKind, SniffError> {
    let kind = match extension {
        Some(ext) => {
            let claimed = FileKind::from_extension(ext)
                .ok_or_else(|| SniffError::UnsupportedExtension(ext.to_string()))?;
            if claimed != sniffed && !(claimed.is_text() && sniffed.is_text()) {
                return Err(SniffError::NotWhatItSays {
                    extension: ext.to_string(),
                    claimed,
                    actual: sniffed,
                });
            }
            claimed
        }
        None if sniffed.is_text() => match declared {
            "text/markdown" | "text/x-markdown" => FileKind::Markdown,
            "text/csv" | "text/x-csv" | "text/comma-separated-values" | "application/csv" => {
                FileKind::Csv
            }
            _ => FileKind::Text,
        },
        None => sniffed,
    };

    if !declared_agrees(declared, kind) {
        return Err(SniffError::DeclaredMismatch {
            declared: printable_mime(declared),
            actual: kind,
        });
    }
    Ok(kind)
}

fn declared_agrees(declared: &str, kind: FileKind) -> bool {
    if GENERIC_MIMES.contains(&declared) || declared == kind.mime() {
        return true;
    }
    let aliases: &[&str] = match kind {
        FileKind::Pdf => &["application/x-pdf", "application/acrobat"],
        FileKind::Png => &["image/x-png"],
        FileKind::Jpeg => &["image/jpg", "image/pjpeg"],
        FileKind::Text | FileKind::Markdown | FileKind::Csv => TEXT_MIMES,
        // Some systems send the old Office type for the new format, or a plain ZIP type.
        FileKind::Docx if declared == "application/msword" => return true,
        FileKind::Xlsx if declared == "application/vnd.ms-excel" => return true,
        FileKind::Pptx if declared == "application/vnd.ms-powerpoint" => return true,
        FileKind::Odt if declared == "application/x-vnd.oasis.opendocument.text" => return true,
        FileKind::Docx
        | FileKind::Xlsx
        | FileKind::Pptx
        | FileKind::Odt
        | FileKind::Ods
        | FileKind::Zip => ZIP_MIMES,
        FileKind::Gif | FileKind::Webp => &[],
    };
    aliases.contains(&declared)
}

/// `type/subtype` in lower case, without parameters such as `; charset=utf-8`.
fn essence(mime: &str) -> String {
    mime.split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// The declared type as it may appear in a message: short and plain ASCII.
fn printable_mime(mime: &str) -> String {
    mime.chars()
        .filter(|c| c.is_ascii_alphanumeric() || "/.+-_".contains(*c))
        .take(80)
        .collect()
}

/// Lower-case extension after the last dot, if the name has one with a stem before it.
fn extension_of(file_name: &str) -> Option<String> {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or_default();
    let dot = base.rfind('.')?;
    let ext = base[dot + 1..].trim();
    if dot == 0 || ext.is_empty() {
        return None;
    }
    Some(ext.chars().take(32).collect::<String>().to_lowercase())
}

/// Which ZIP-based format this is: by the ODF `mimetype` entry or the OOXML part names.
fn zip_kind<R: Read + Seek>(file: &mut R) -> Result<FileKind, SniffError> {
    // Only the central directory (at the end) and the small `mimetype` entry are read.
    let mut archive = zip::ZipArchive::new(file).map_err(|_| SniffError::Damaged)?;
    if let Ok(entry) = archive.by_name("mimetype") {
        let mut mimetype = String::new();
        // The entry is a few dozen bytes; the cap keeps a crafted one from costing anything.
        let _ = entry.take(200).read_to_string(&mut mimetype);
        return Ok(match mimetype.trim() {
            "application/vnd.oasis.opendocument.text" => FileKind::Odt,
            "application/vnd.oasis.opendocument.spreadsheet" => FileKind::Ods,
            _ => FileKind::Zip,
        });
    }
    if archive.index_for_name("[Content_Types].xml").is_none() {
        return Ok(FileKind::Zip);
    }
    let names: Vec<&str> = archive.file_names().collect();
    let has_part = |prefix: &str| names.iter().any(|n| n.starts_with(prefix));
    let kind = if has_part("word/") {
        FileKind::Docx
    } else if has_part("xl/") {
        FileKind::Xlsx
    } else if has_part("ppt/") {
        FileKind::Pptx
    } else {
        return Ok(FileKind::Zip);
    };
    if names
        .iter()
        .any(|n| n.to_ascii_lowercase().ends_with("vbaproject.bin"))
    {
        return Err(SniffError::Macros);
    }
    Ok(kind)
}

/// The refusal words when the file starts like HTML or SVG, after any BOM and whitespace.
fn markup(bytes: &[u8]) -> Option<&'static str> {
    let text = decode_head(bytes);
    let start = text.trim_start().as_bytes();
    if start.starts_with(b"<?xml") || start.starts_with(b"<!doctype svg") {
        let lower = text.to_ascii_lowercase();
        if lower.contains("<svg") {
            return Some("SVG-bilder");
        }
        if lower.contains("<html") || lower.contains("xhtml") {
            return Some("HTML-filer");
        }
        return None;
    }
    if start.starts_with(b"<!--") {
        return Some("HTML-filer");
    }
    let lower: Vec<u8> = start.iter().take(20).map(u8::to_ascii_lowercase).collect();
    for tag in HTML_STARTS {
        if lower.starts_with(tag) {
            // The tag must end here: "<b>" and "<br/>" are HTML, "<bort>" is not a tag we know.
            let next = lower.get(tag.len()).copied();
            if tag.ends_with(b"html")
                || matches!(next, Some(b' ' | b'>' | b'/' | b'\t' | b'\n' | b'\r'))
            {
                return Some(if *tag == b"<svg" {
                    "SVG-bilder"
                } else {
                    "HTML-filer"
                });
            }
        }
    }
    None
}

/// The first bytes as text, honouring a UTF-16 BOM, so "<html" in UTF-16 is still found.
fn decode_head(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(HEAD_LEN)];
    let (encoding, bom) = Encoding::for_bom(head).unwrap_or((encoding_rs::UTF_8, 0));
    let (text, _) = encoding.decode_without_bom_handling(&head[bom..]);
    text.into_owned()
}

/// Text: UTF-16 with a BOM, or bytes without NULs and binary control characters (UTF-8 and
/// Windows-1252 both qualify; which one it is matters only when extracting). Read from the
/// start in pieces of [`SCAN_BUF`]; `head` is the file's first bytes (for the BOM).
fn is_text<R: Read + Seek>(file: &mut R, head: &[u8]) -> io::Result<bool> {
    let mut buf = vec![0u8; SCAN_BUF];
    if let Some((encoding, bom)) = Encoding::for_bom(head) {
        if encoding == UTF_16LE || encoding == UTF_16BE {
            file.seek(SeekFrom::Start(bom as u64))?;
            let mut decoder = encoding.new_decoder_without_bom_handling();
            let mut text = String::with_capacity(
                decoder
                    .max_utf8_buffer_length_without_replacement(SCAN_BUF)
                    .unwrap_or(4 * SCAN_BUF),
            );
            loop {
                let n = fill(file, &mut buf)?;
                let last = n < buf.len();
                let mut rest = &buf[..n];
                loop {
                    text.clear();
                    let (result, read) =
                        decoder.decode_to_string_without_replacement(rest, &mut text, last);
                    if text.chars().any(|c| is_binary_control(c as u32)) {
                        return Ok(false);
                    }
                    match result {
                        DecoderResult::InputEmpty => break,
                        DecoderResult::OutputFull => rest = &rest[read..],
                        DecoderResult::Malformed(..) => return Ok(false),
                    }
                }
                if last {
                    return Ok(true);
                }
            }
        }
    }
    file.rewind()?;
    loop {
        let n = fill(file, &mut buf)?;
        if buf[..n].iter().any(|&b| is_binary_control(u32::from(b))) {
            return Ok(false);
        }
        if n < buf.len() {
            return Ok(true);
        }
    }
}

/// Reads until `buf` is full or the file ends; returns how many bytes it read.
fn fill<R: Read>(file: &mut R, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Control characters that do not occur in text files. Tab, line feeds, form feed, DOS's
/// end-of-file mark (0x1A) and escape (0x1B) do.
fn is_binary_control(c: u32) -> bool {
    matches!(c, 0x00..=0x08 | 0x0E..=0x19 | 0x1C..=0x1F | 0x7F)
}

fn starts_with_any(bytes: &[u8], prefixes: &[&[u8]]) -> bool {
    prefixes.iter().any(|p| bytes.starts_with(p))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests;
