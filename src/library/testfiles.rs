//! Small but real PDF, DOCX, ODT and ZIP files built in memory, for tests, the demo data and
//! benchmarks.
//!
//! Owns: writing valid files that real readers (Acrobat, Word, LibreOffice, and our own
//! `crate::library::extract`) open. Not behind `cfg(test)` because integration tests and
//! benchmarks build attachments with it. Must not: be used to handle uploaded files.

pub mod hostile;

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

/// Lines on one page of [`make_test_pdf`]; more lines start a new page.
pub const PDF_LINES_PER_PAGE: usize = 50;

/// Longer lines are wrapped at a space so they stay on an A4 page.
const PDF_LINE_CHARS: usize = 95;

/// A PDF 1.4 with the lines in Helvetica (WinAnsiEncoding, so å, ä, ö, é and – survive),
/// [`PDF_LINES_PER_PAGE`] lines to an A4 page, as many pages as needed (at least one).
/// Characters outside Windows-1252 are written as `?`.
pub fn make_test_pdf(lines: &[&str]) -> Vec<u8> {
    let wrapped: Vec<String> = lines.iter().flat_map(|line| wrap(line)).collect();
    let pages: Vec<&[String]> = if wrapped.is_empty() {
        vec![&[]]
    } else {
        wrapped.chunks(PDF_LINES_PER_PAGE).collect()
    };

    // Objects: 1 catalog, 2 page tree, 3 font, then a page and its content stream per page.
    let mut objects: Vec<Vec<u8>> = Vec::with_capacity(3 + 2 * pages.len());
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let kids: Vec<String> = (0..pages.len())
        .map(|i| format!("{} 0 R", 4 + 2 * i))
        .collect();
    objects.push(
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        )
        .into_bytes(),
    );
    objects.push(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    );
    for (i, page_lines) in pages.iter().enumerate() {
        let content_id = 5 + 2 * i;
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
                 /Resources << /Font << /F1 3 0 R >> >> /Contents {content_id} 0 R >>"
            )
            .into_bytes(),
        );
        let mut content = b"BT\n/F1 11 Tf\n14 TL\n56 790 Td\n".to_vec();
        for line in page_lines.iter() {
            content.push(b'(');
            content.extend_from_slice(&pdf_string(line));
            content.extend_from_slice(b") Tj T*\n");
        }
        content.extend_from_slice(b"ET\n");
        let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        stream.extend_from_slice(&content);
        stream.extend_from_slice(b"\nendstream");
        objects.push(stream);
    }

    let mut pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        pdf.extend_from_slice(body);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref_at = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref_at}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

/// A Word document (DOCX) with one paragraph per item; a tab in the text becomes `<w:tab/>`
/// and a newline `<w:br/>`.
pub fn make_test_docx(paragraphs: &[&str]) -> Vec<u8> {
    let mut body = String::new();
    for paragraph in paragraphs {
        body.push_str("<w:p><w:r>");
        for (i, line) in paragraph.split('\n').enumerate() {
            if i > 0 {
                body.push_str("<w:br/>");
            }
            for (j, piece) in line.split('\t').enumerate() {
                if j > 0 {
                    body.push_str("<w:tab/>");
                }
                body.push_str(&format!(
                    "<w:t xml:space=\"preserve\">{}</w:t>",
                    xml_escape(piece)
                ));
            }
        }
        body.push_str("</w:r></w:p>");
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    make_zip(&[
        ("[Content_Types].xml", DOCX_CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", DOCX_RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
    ])
}

/// An OpenDocument text (ODT) with one paragraph per item; runs of spaces become `<text:s/>`,
/// a tab `<text:tab/>` and a newline `<text:line-break/>`, as LibreOffice writes them.
pub fn make_test_odt(paragraphs: &[&str]) -> Vec<u8> {
    let mut body = String::new();
    for paragraph in paragraphs {
        body.push_str("<text:p text:style-name=\"Standard\">");
        body.push_str(&odt_text(paragraph));
        body.push_str("</text:p>");
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <office:document-content \
         xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\">\
         <office:body><office:text>{body}</office:text></office:body></office:document-content>"
    );
    make_zip(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.text".as_slice(),
        ),
        ("META-INF/manifest.xml", ODT_MANIFEST.as_bytes()),
        ("content.xml", content.as_bytes()),
        ("styles.xml", ODT_STYLES.as_bytes()),
    ])
}

/// A PDF of the given object bodies (object 1 must be the catalog), offsets computed.
pub fn build_pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        pdf.extend_from_slice(body);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    let size = objects.len() + 1;
    pdf.extend_from_slice(format!("xref\n0 {size}\n0000000000 65535 f \n").as_bytes());
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!("trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    pdf
}

/// A ZIP archive of the given entries, deflated, except an entry named `mimetype`, which
/// is stored uncompressed as OpenDocument requires (it must also come first).
pub fn make_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        let method = if *name == "mimetype" {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .large_file(data.len() >= u32::MAX as usize);
        writer
            .start_file(*name, options)
            .expect("writing to memory does not fail");
        writer
            .write_all(data)
            .expect("writing to memory does not fail");
    }
    writer
        .finish()
        .expect("writing to memory does not fail")
        .into_inner()
}

const DOCX_CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" \
ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
</Types>";

const DOCX_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" \
Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" \
Target=\"word/document.xml\"/></Relationships>";

const ODT_MANIFEST: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" \
manifest:version=\"1.3\">\
<manifest:file-entry manifest:full-path=\"/\" \
manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>\
<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
<manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>\
</manifest:manifest>";

const ODT_STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<office:document-styles xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" office:version=\"1.3\">\
<office:styles><style:style style:name=\"Standard\" style:family=\"paragraph\"/></office:styles>\
</office:document-styles>";

fn wrap(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for word in line.split(' ') {
        let fits = current.chars().count() + 1 + word.chars().count() <= PDF_LINE_CHARS;
        if !current.is_empty() && !fits {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    out.push(current);
    out
}

/// A PDF literal string body in WinAnsiEncoding, non-ASCII as octal escapes.
fn pdf_string(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut buf = [0u8; 4];
    for c in text.chars() {
        match c {
            '(' | ')' | '\\' => {
                out.push(b'\\');
                out.push(c as u8);
            }
            ' '..='~' => out.push(c as u8),
            c if c.is_control() => out.push(b' '),
            c => {
                let (bytes, _, unmappable) =
                    encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buf));
                let byte = if unmappable || bytes.len() != 1 {
                    b'?'
                } else {
                    bytes[0]
                };
                out.extend_from_slice(format!("\\{byte:03o}").as_bytes());
            }
        }
    }
    out
}

fn odt_text(paragraph: &str) -> String {
    let mut out = String::new();
    let mut spaces = 0;
    let flush = |out: &mut String, spaces: &mut usize| {
        match *spaces {
            0 => {}
            1 => out.push(' '),
            n => out.push_str(&format!(" <text:s text:c=\"{}\"/>", n - 1)),
        }
        *spaces = 0;
    };
    for c in paragraph.chars() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        flush(&mut out, &mut spaces);
        match c {
            '\t' => out.push_str("<text:tab/>"),
            '\n' => out.push_str("<text:line-break/>"),
            c => out.push_str(&xml_escape(c.encode_utf8(&mut [0u8; 4]))),
        }
    }
    flush(&mut out, &mut spaces);
    out
}

fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_has_one_page_per_fifty_lines_and_a_valid_xref() {
        let lines: Vec<String> = (0..120).map(|i| format!("Rad {i}")).collect();
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let pdf = make_test_pdf(&refs);
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("/Count 3 "), "three pages");
        // Every xref offset (in bytes) points at its "N 0 obj".
        let xref = pdf.windows(5).rposition(|w| w == b"xref\n").unwrap();
        let table = std::str::from_utf8(&pdf[xref..]).unwrap();
        for (i, row) in table.lines().skip(3).take(9).enumerate() {
            let offset: usize = row[..10].parse().unwrap();
            let expected = format!("{} 0 obj", i + 1);
            assert!(pdf[offset..].starts_with(expected.as_bytes()), "{row}");
        }
    }

    #[test]
    fn pdf_strings_use_winansi_and_escape_parentheses() {
        assert_eq!(
            pdf_string("å(ä)\\ö – €"),
            b"\\345\\(\\344\\)\\\\\\366 \\226 \\200".to_vec()
        );
        assert_eq!(pdf_string("日"), b"\\077".to_vec());
    }

    #[test]
    fn long_lines_are_wrapped_at_spaces() {
        let long = "ord ".repeat(60);
        let lines = wrap(long.trim_end());
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.chars().count() <= PDF_LINE_CHARS));
        assert_eq!(lines.join(" "), long.trim_end());
    }

    #[test]
    fn odt_spaces_follow_the_odf_convention() {
        assert_eq!(
            odt_text("a   b\tc\nd"),
            "a <text:s text:c=\"2\"/>b<text:tab/>c<text:line-break/>d"
        );
    }
}
