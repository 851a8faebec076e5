//! PDF text through pdf-extract, behind a guard that makes hostile PDFs fail cleanly.
//!
//! pdf-extract (and lopdf under it) trusts the file: it decompresses without limits, parses
//! nested arrays by recursion, follows `/Parent` and form XObjects without cycle checks, and
//! panics on surprises. Tried here: a 20 KB PDF of nested brackets or a form that draws
//! itself overflows the stack and aborts the whole process; a page that is its own parent
//! spins forever. So before pdf-extract runs, the guard
//! 1. scans the raw file for bracket nesting and measures object and xref streams with capped
//!    decoders (`super::decode`), since lopdf parses those while loading;
//! 2. loads the document with lopdf and measures every stream the same way, refusing LZW
//!    (no capped decoder here) and files whose decoded streams exceed the budget;
//! 3. walks the page tree and the form XObjects drawn with `Do` iteratively, refusing cycles,
//!    deep nesting and more drawing work than a real document needs.
//!
//! Extraction then runs on its own thread with a large stack, and the text is capped as it
//! is produced. Residual risk: pdf-extract re-decodes fonts and ICC profiles each time they
//! are used, so a crafted file can still make it slow (bounded, not endless).

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::rc::Rc;

use pdf_extract::content::Content;
use pdf_extract::{Dictionary, Document, Object, ObjectId, OutputDev, OutputError, Stream};

use super::decode::{ascii85, inflate_zlib, Exceeded};
use super::{Budget, ExtractError};

/// Deepest `[` / `<<` nesting accepted. Real files stay below 20. lopdf 0.42 stops at 100
/// itself (`reader::MAX_NESTING_DEPTH`, the fix for RUSTSEC-2026-0187) by dropping the object,
/// so deeper files are refused here with a reason instead of read with holes; the scan also
/// covers content streams, which lopdf's limit does not name.
const MAX_NESTING: usize = 100;

/// Stack for the extraction thread (virtual memory; only what is used is touched).
/// Most indirect objects a PDF may hold (a 1,000-page report has some tens of thousands);
/// past it lopdf would spend seconds and hundreds of MiB building the object table.
pub(super) const MAX_OBJECTS: usize = 250_000;

const STACK_BYTES: usize = 64 * 1024 * 1024;

/// Deepest chain of form XObjects drawing form XObjects.
const MAX_FORM_DEPTH: usize = 32;

/// Most content streams (pages and forms, counted each time they are drawn) processed.
const MAX_DRAWS: usize = 20_000;

/// Most content bytes processed, counting each draw again (guards against a big form drawn
/// thousands of times).
const MAX_DRAWN_BYTES: u64 = 1024 * 1024 * 1024;

/// The text of `bytes`, at most about `max_text_bytes` of it, or why not.
pub(super) fn text(
    bytes: &[u8],
    budget: &mut Budget,
    max_text_bytes: usize,
) -> Result<String, ExtractError> {
    scan_raw_file(bytes, budget)?;
    let limit = budget.left;
    let outcome = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("pdf-text".into())
            .stack_size(STACK_BYTES)
            .spawn_scoped(scope, move || guarded_extract(bytes, limit, max_text_bytes))
            .map_err(ExtractError::unreadable)?
            .join()
            .map_err(|payload| ExtractError::unreadable(super::panic_message(payload.as_ref())))
    })?;
    let (text, used) = outcome?;
    budget.spend(used)?;
    Ok(text)
}

fn guarded_extract(
    bytes: &[u8],
    decode_limit: u64,
    max_text_bytes: usize,
) -> Result<(String, u64), ExtractError> {
    let doc = Document::load_mem(bytes).map_err(ExtractError::unreadable)?;
    if doc.is_encrypted() {
        // lopdf has already tried the empty password, which opens "no copying" PDFs.
        return Err(ExtractError::Encrypted);
    }
    let mut budget = Budget::new(decode_limit);
    check_streams(&doc, &mut budget)?;
    check_drawing(&doc)?;

    let mut text = String::new();
    let mut output = CappedText {
        inner: pdf_extract::PlainTextOutput::new(&mut text),
        written: 0,
        max: max_text_bytes,
    };
    let result = pdf_extract::output_doc(&doc, &mut output);
    let full = output.written > output.max;
    match result {
        Ok(()) => {}
        Err(_) if full => {}
        Err(e) => return Err(ExtractError::unreadable(e)),
    }
    Ok((text, budget.limit - budget.left))
}

/// Step 1: nesting in the raw file, and the streams lopdf decodes while loading
/// (object streams and cross-reference streams).
fn scan_raw_file(bytes: &[u8], budget: &mut Budget) -> Result<(), ExtractError> {
    let encrypted = find(bytes, b"/Encrypt").is_some();
    let mut objects = count(bytes, b"endobj");
    if objects > MAX_OBJECTS {
        return Err(ExtractError::TooManyObjects { limit: MAX_OBJECTS });
    }
    let mut streams = Vec::new();
    scan_syntax(bytes, true, &mut |dict, data| streams.push((dict, data)))?;
    for (dict, data) in streams {
        let object_stream = find(dict, b"/ObjStm").is_some();
        if object_stream {
            objects = objects.saturating_add(declared_count(dict));
            if objects > MAX_OBJECTS {
                return Err(ExtractError::TooManyObjects { limit: MAX_OBJECTS });
            }
        }
        if object_stream && encrypted {
            // lopdf decrypts and parses these while loading, out of the guard's sight.
            return Err(ExtractError::Encrypted);
        }
        if object_stream || find(dict, b"/XRef").is_some() {
            let filters = raw_filters(dict);
            let decoded = decode(data, &filters, budget)?;
            scan_syntax(&decoded, false, &mut |_, _| {})?;
        }
    }
    Ok(())
}

/// Step 2: every stream, decoded as lopdf would decode it, within the budget and the nesting
/// limit (pdf-extract may parse any of them as content, images included).
fn check_streams(doc: &Document, budget: &mut Budget) -> Result<(), ExtractError> {
    for object in doc.objects.values() {
        let Object::Stream(stream) = object else {
            continue;
        };
        let filters: Vec<Vec<u8>> = stream
            .filters()
            .map(|f| f.into_iter().map(<[u8]>::to_vec).collect())
            .unwrap_or_default();
        scan_syntax(&stream.content, false, &mut |_, _| {})?;
        let decoded = decode(&stream.content, &filters, budget)?;
        scan_syntax(&decoded, false, &mut |_, _| {})?;
    }
    Ok(())
}

/// The stream's data after its filters, as lopdf's `decompressed_content` yields it: every
/// filter decoded, or (when one is not supported) the data as it is.
fn decode(data: &[u8], filters: &[Vec<u8>], budget: &mut Budget) -> Result<Vec<u8>, ExtractError> {
    let mut current = data.to_vec();
    for filter in filters {
        let decoded = match filter.as_slice() {
            b"FlateDecode" => inflate_zlib(&current, budget.left),
            b"ASCII85Decode" => ascii85(&current, budget.left),
            b"LZWDecode" => {
                return Err(ExtractError::unreadable("LZWDecode kan inte kontrolleras"));
            }
            _ => return Ok(data.to_vec()),
        };
        current = decoded.map_err(|Exceeded| budget.too_large())?;
        budget.spend(current.len() as u64)?;
    }
    Ok(current)
}

/// `/Filter /Name` or `/Filter [/A /B]` from raw dictionary bytes.
fn raw_filters(dict: &[u8]) -> Vec<Vec<u8>> {
    let Some(at) = find(dict, b"/Filter") else {
        return Vec::new();
    };
    let rest = &dict[at + b"/Filter".len()..];
    let rest = &rest[rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
    let value = if rest.starts_with(b"[") {
        let end = rest.iter().position(|&b| b == b']').unwrap_or(rest.len());
        &rest[1..end]
    } else {
        let end = rest[1.min(rest.len())..]
            .iter()
            .position(|&b| b"/ \t\r\n>[".contains(&b))
            .map_or(rest.len(), |p| p + 1);
        &rest[..end]
    };
    value
        .split(|&b| b == b'/' || b.is_ascii_whitespace())
        .filter(|name| !name.is_empty())
        .map(<[u8]>::to_vec)
        .collect()
}

/// Walks PDF syntax as lopdf's parser would, failing when `[` / `<<` nest deeper than
/// [`MAX_NESTING`]. Strings, hex strings and comments are skipped. A token that cannot be
/// part of an object (an operator, or binary noise in image data) ends any nesting, since
/// the parser fails there too. With `streams`, stream data is skipped and handed to
/// `on_stream` with the dictionary before it, and nesting restarts at each object's end.
fn scan_syntax<'a>(
    bytes: &'a [u8],
    streams: bool,
    on_stream: &mut dyn FnMut(&'a [u8], &'a [u8]),
) -> Result<(), ExtractError> {
    let mut depth = 0usize;
    let mut dict_start = 0usize;
    let mut dict = &bytes[..0];
    let mut i = 0usize;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                while i < bytes.len() && !matches!(bytes[i], b'\r' | b'\n') {
                    i += 1;
                }
            }
            b'(' => i = skip_literal_string(bytes, i),
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                if depth == 0 {
                    dict_start = i;
                }
                depth += 1;
                i += 1;
            }
            b'<' => {
                while i < bytes.len() && bytes[i] != b'>' {
                    i += 1;
                }
            }
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
                if depth == 0 {
                    dict = &bytes[dict_start..=i];
                }
            }
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            b'/' => i = token_end(bytes, i + 1) - 1,
            b if is_whitespace(b) => {}
            b'{' | b'}' | b')' | b'>' => depth = 0,
            _ => {
                let end = token_end(bytes, i);
                let token = &bytes[i..end];
                if streams && token == b"stream" {
                    let mut start = end;
                    if bytes.get(start) == Some(&b'\r') {
                        start += 1;
                    }
                    if bytes.get(start) == Some(&b'\n') {
                        start += 1;
                    }
                    let start = start.min(bytes.len());
                    let stop =
                        find(&bytes[start..], b"endstream").map_or(bytes.len(), |p| start + p);
                    on_stream(dict, &bytes[start..stop]);
                    depth = 0;
                    i = stop + b"endstream".len();
                    continue;
                }
                if !is_object_token(token) {
                    depth = 0;
                }
                i = end - 1;
            }
        }
        if depth > MAX_NESTING {
            return Err(ExtractError::unreadable("för djupt nästlad PDF"));
        }
        i += 1;
    }
    Ok(())
}

fn is_whitespace(b: u8) -> bool {
    matches!(b, b'\0' | b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// End of the run of regular characters (neither whitespace nor delimiters) starting at `i`.
fn token_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && !is_whitespace(bytes[i]) && !b"()<>[]{}/%".contains(&bytes[i]) {
        i += 1;
    }
    i
}

/// Numbers, `true`, `false`, `null` and the `R` of references can stand inside an array or
/// dictionary; anything else there is a syntax error.
fn is_object_token(token: &[u8]) -> bool {
    matches!(token, b"true" | b"false" | b"null" | b"R")
        || token.iter().all(|b| b"+-.0123456789".contains(b))
}

/// Index of the `)` closing a literal string that starts at `start` (balanced parentheses,
/// `\` escapes), or the end of the data.
fn skip_literal_string(bytes: &[u8], start: usize) -> usize {
    let mut level = 0usize;
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'(' => level += 1,
            b')' => {
                level -= 1;
                if level == 0 {
                    return i;
                }
            }
            _ => {}
        }
        i += 1;
    }
    i
}

/// Step 3: the page tree and everything drawn, without recursion: no `/Parent` cycles (pdf-
/// extract would loop forever), no form drawing itself (it would recurse until the stack
/// ends), and bounded total drawing.
fn check_drawing(doc: &Document) -> Result<(), ExtractError> {
    let mut work = DrawingWork::default();
    let mut names_by_form: HashMap<ObjectId, Rc<[Vec<u8>]>> = HashMap::new();

    for page_id in doc.page_iter() {
        let page = doc
            .get_dictionary(page_id)
            .map_err(ExtractError::unreadable)?;
        let resources = inherited_resources(doc, page)?;
        let content = doc
            .get_page_content(page_id)
            .map_err(ExtractError::unreadable)?;
        work.add(content.len())?;

        // Depth first over the forms drawn with `Do`. A form drawn again with the same
        // resources while it is still being drawn is a cycle.
        let mut stack = vec![Frame {
            form: None,
            names: names_drawn(&content).into(),
            next: 0,
            resources,
        }];
        while let Some(frame) = stack.last_mut() {
            let Some(name) = frame.names.get(frame.next) else {
                stack.pop();
                continue;
            };
            frame.next += 1;
            let resources = frame.resources;
            let Some((form_id, form)) = xobject(doc, resources, name) else {
                continue;
            };
            let form_resources = form
                .dict
                .get(b"Resources")
                .ok()
                .and_then(|r| resolve(doc, r))
                .and_then(|r| r.as_dict().ok())
                .or(resources);
            let key = (form_id, form_resources.map(|r| r as *const Dictionary));
            if stack.iter().any(|f| f.form == Some(key)) {
                return Err(ExtractError::unreadable("PDF-formulär som ritar sig själv"));
            }
            if stack.len() > MAX_FORM_DEPTH {
                return Err(ExtractError::unreadable("för djupt nästlade PDF-formulär"));
            }
            work.add(form.content.len())?;
            let names = names_by_form
                .entry(form_id)
                .or_insert_with(|| {
                    let content = form
                        .decompressed_content()
                        .unwrap_or_else(|_| form.content.clone());
                    names_drawn(&content).into()
                })
                .clone();
            stack.push(Frame {
                form: Some(key),
                names,
                next: 0,
                resources: form_resources,
            });
        }
    }
    Ok(())
}

/// One content stream being drawn in [`check_drawing`].
struct Frame<'a> {
    /// The form and the resources it is drawn with; `None` for the page itself.
    form: Option<(ObjectId, Option<*const Dictionary>)>,
    /// Names of the XObjects it draws, in order, and how many of them are done.
    names: Rc<[Vec<u8>]>,
    next: usize,
    resources: Option<&'a Dictionary>,
}

/// Content streams drawn and their bytes, each draw counted.
#[derive(Default)]
struct DrawingWork {
    draws: usize,
    bytes: u64,
}

impl DrawingWork {
    fn add(&mut self, content_bytes: usize) -> Result<(), ExtractError> {
        self.draws += 1;
        self.bytes += content_bytes as u64;
        if self.draws > MAX_DRAWS || self.bytes > MAX_DRAWN_BYTES {
            return Err(ExtractError::unreadable("för mycket att rita i PDF-filen"));
        }
        Ok(())
    }
}

/// `/Resources` of a page or the nearest ancestor, following `/Parent` with cycle detection.
fn inherited_resources<'a>(
    doc: &'a Document,
    page: &'a Dictionary,
) -> Result<Option<&'a Dictionary>, ExtractError> {
    let mut node = page;
    let mut found = None;
    let mut seen = HashSet::new();
    loop {
        if found.is_none() {
            found = node
                .get(b"Resources")
                .ok()
                .and_then(|r| resolve(doc, r))
                .and_then(|r| r.as_dict().ok());
        }
        let Ok(parent) = node.get(b"Parent").and_then(Object::as_reference) else {
            return Ok(found);
        };
        if !seen.insert(parent) || seen.len() > 256 {
            return Err(ExtractError::unreadable("PDF-sidträdet går i cirkel"));
        }
        match doc.get_dictionary(parent) {
            Ok(dict) => node = dict,
            Err(_) => return Ok(found),
        }
    }
}

/// The XObject called `name` in `resources`, with its object id.
fn xobject<'a>(
    doc: &'a Document,
    resources: Option<&'a Dictionary>,
    name: &[u8],
) -> Option<(ObjectId, &'a Stream)> {
    let xobjects = resolve(doc, resources?.get(b"XObject").ok()?)?
        .as_dict()
        .ok()?;
    let id = xobjects.get(name).ok()?.as_reference().ok()?;
    let stream = doc.get_object(id).ok()?.as_stream().ok()?;
    Some((id, stream))
}

fn resolve<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    doc.dereference(object).ok().map(|(_, object)| object)
}

/// Operand names of the `Do` operators in a content stream, in order.
fn names_drawn(content: &[u8]) -> Vec<Vec<u8>> {
    let Ok(content) = Content::decode(content) else {
        return Vec::new();
    };
    content
        .operations
        .iter()
        .filter(|op| op.operator == "Do")
        .filter_map(|op| op.operands.first()?.as_name().ok().map(<[u8]>::to_vec))
        .collect()
}

/// How often `needle` occurs in `haystack` (overlaps counted; the needles used do not
/// overlap themselves).
fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

/// The `/N` an object stream's dictionary declares: how many objects it holds.
fn declared_count(dict: &[u8]) -> usize {
    let Some(at) = find(dict, b"/N") else {
        return 0;
    };
    let digits: String = dict[at + 2..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .take(12)
        .map(|&b| b as char)
        .collect();
    digits.parse().unwrap_or(0)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// pdf-extract's plain-text output, stopped once the text is long enough.
struct CappedText<'a> {
    inner: pdf_extract::PlainTextOutput<&'a mut String>,
    written: usize,
    max: usize,
}

impl OutputDev for CappedText<'_> {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &pdf_extract::MediaBox,
        art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.inner.begin_page(page_num, media_box, art_box)
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.inner.end_page()
    }

    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        // Room for the space or line break the inner output may add before the character.
        self.written += char.len() + 1;
        if self.written > self.max {
            return Err(OutputError::FormatError(fmt::Error));
        }
        self.inner
            .output_character(trm, width, spacing, font_size, char)
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.inner.begin_word()
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        self.inner.end_word()
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        self.inner.end_line()
    }
}
