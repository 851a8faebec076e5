//! Tests of type detection and of the refusals an uploader sees.

use super::*;
use crate::library::testfiles::{make_test_docx, make_test_odt, make_test_pdf, make_zip};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0";
const JPEG: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0";

#[test]
fn every_kind_has_a_mime_and_extensions_that_map_back() {
    for kind in FileKind::ALL {
        assert!(kind.mime().contains('/'));
        for ext in kind.extensions() {
            assert_eq!(FileKind::from_extension(ext), Some(kind));
        }
    }
    assert_eq!(FileKind::from_extension("PDF"), Some(FileKind::Pdf));
    assert_eq!(FileKind::from_extension("exe"), None);
}

#[test]
fn real_pdf_docx_and_odt_are_recognised() {
    let pdf = make_test_pdf(&["Tillsyn av små avlopp"]);
    let docx = make_test_docx(&["Tillsyn av små avlopp"]);
    let odt = make_test_odt(&["Tillsyn av små avlopp"]);
    assert_eq!(
        check_declared("application/pdf", "r.pdf", &pdf),
        Ok(FileKind::Pdf)
    );
    assert_eq!(
        check_declared(FileKind::Docx.mime(), "r.docx", &docx),
        Ok(FileKind::Docx)
    );
    assert_eq!(
        check_declared(FileKind::Odt.mime(), "r.odt", &odt),
        Ok(FileKind::Odt)
    );
}

#[test]
fn octet_stream_is_accepted_when_content_and_extension_agree() {
    let pdf = make_test_pdf(&["x"]);
    assert_eq!(
        check_declared("application/octet-stream", "r.pdf", &pdf),
        Ok(FileKind::Pdf)
    );
    assert_eq!(check_declared("", "bild.PNG", PNG), Ok(FileKind::Png));
    assert_eq!(
        check_declared("image/jpeg; charset=binary", "foto.jpeg", JPEG),
        Ok(FileKind::Jpeg)
    );
}

#[test]
fn html_named_pdf_is_refused_with_a_swedish_message() {
    let html = b"<!DOCTYPE html><html><script>alert(1)</script></html>";
    let err = check_declared("application/pdf", "rapport.pdf", html).unwrap_err();
    assert_eq!(err, SniffError::Forbidden("HTML-filer"));
    assert_eq!(err.to_string(), "HTML-filer tas inte emot av säkerhetsskäl");
}

#[test]
fn text_named_pdf_is_not_a_pdf() {
    let err = check_declared("application/pdf", "rapport.pdf", b"bara text").unwrap_err();
    assert_eq!(err.to_string(), "Filen är inte en PDF fast den heter .pdf");
}

#[test]
fn png_named_docx_is_not_a_word_file() {
    let err = check_declared("", "brev.docx", PNG).unwrap_err();
    assert!(matches!(
        err,
        SniffError::NotWhatItSays {
            claimed: FileKind::Docx,
            actual: FileKind::Png,
            ..
        }
    ));
    assert_eq!(
        err.to_string(),
        "Filen är inte en Word-fil fast den heter .docx"
    );
}

#[test]
fn declared_type_must_agree_with_content() {
    let pdf = make_test_pdf(&["x"]);
    let err = check_declared("image/png", "r.pdf", &pdf).unwrap_err();
    assert_eq!(
        err,
        SniffError::DeclaredMismatch {
            declared: "image/png".into(),
            actual: FileKind::Pdf
        }
    );
    assert_eq!(
        err.to_string(),
        "Filen är en PDF men skickades som image/png"
    );
}

#[test]
fn html_svg_scripts_and_programs_are_refused_outright() {
    let cases: &[(&str, &str, &[u8])] = &[
        ("text/html", "sida.html", b"<p>hej</p>"),
        ("text/plain", "sida.htm", b"hej"),
        (
            "",
            "bild.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>",
        ),
        ("image/svg+xml", "bild.png", PNG),
        ("", "bild.txt", b"<?xml version=\"1.0\"?>\n<svg></svg>"),
        ("text/plain", "a.txt", b"  \n<script>alert(1)</script>"),
        (
            "text/plain",
            "a.txt",
            b"\xef\xbb\xbf<HTML><body>x</body></HTML>",
        ),
        ("application/javascript", "a.txt", b"alert(1)"),
        ("", "app.js", b"alert(1)"),
        ("", "setup.exe", b"MZ\x90\0\x03\0\0\0"),
        ("application/pdf", "setup.pdf", b"MZ\x90\0\x03\0\0\0"),
        ("", "run.bat", b"echo hej"),
        ("", "x.md", b"<iframe src=x></iframe>"),
    ];
    for (mime, name, bytes) in cases {
        let result = check_declared(mime, name, bytes);
        assert!(
            matches!(result, Err(SniffError::Forbidden(_))),
            "{mime} {name}: {result:?}"
        );
    }
}

#[test]
fn utf16_html_is_still_html() {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "<html><script>x</script>".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    assert_eq!(sniff(&bytes), Err(SniffError::Forbidden("HTML-filer")));
}

#[test]
fn text_that_merely_mentions_tags_is_text() {
    let text = "<bort med fosfor> är ett bra mål\nSe <https://example.se>";
    assert_eq!(sniff(text.as_bytes()), Ok(FileKind::Text));
}

#[test]
fn text_kinds_follow_the_extension() {
    let text = "namn;kommun\nEva;Växjö\n".as_bytes();
    assert_eq!(
        check_declared("text/csv", "lista.csv", text),
        Ok(FileKind::Csv)
    );
    assert_eq!(
        check_declared("application/vnd.ms-excel", "lista.csv", text),
        Ok(FileKind::Csv)
    );
    assert_eq!(
        check_declared("text/plain", "a.md", b"# Rubrik"),
        Ok(FileKind::Markdown)
    );
    assert_eq!(check_declared("", "a.txt", b"# Rubrik"), Ok(FileKind::Text));
    assert_eq!(
        check_declared("text/markdown", "README", b"# R"),
        Ok(FileKind::Markdown)
    );
    assert_eq!(check_declared("", "README", b"# R"), Ok(FileKind::Text));
}

#[test]
fn windows_1252_and_utf16_text_are_text() {
    let cp1252 = b"Tillsyn av sm\xe5 avlopp i V\xe4xj\xf6 \x96 \xe5tg\xe4rder\r\n";
    assert_eq!(
        check_declared("text/plain", "a.txt", cp1252),
        Ok(FileKind::Text)
    );
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "Växjö".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    assert_eq!(sniff(&utf16), Ok(FileKind::Text));
}

#[test]
fn binary_junk_is_not_text() {
    assert_eq!(sniff(b"abc\0def"), Err(SniffError::Unknown));
    assert_eq!(sniff(b"\x01\x02\x03\x04"), Err(SniffError::Unknown));
    assert_eq!(sniff(b""), Err(SniffError::Empty));
}

#[test]
fn unknown_extension_is_refused() {
    let err = check_declared("", "data.json", b"{}").unwrap_err();
    assert_eq!(err, SniffError::UnsupportedExtension("json".into()));
    assert!(err
        .to_string()
        .starts_with("Filer som slutar på .json tas inte emot."));
}

#[test]
fn old_office_files_get_a_helpful_refusal() {
    let ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0";
    assert_eq!(
        check_declared("", "brev.doc", ole),
        Err(SniffError::LegacyOffice)
    );
}

#[test]
fn zip_without_office_parts_is_a_zip() {
    let zip = make_zip(&[("a.txt", b"hej".as_slice())]);
    assert_eq!(
        check_declared("application/zip", "a.zip", &zip),
        Ok(FileKind::Zip)
    );
    let err = check_declared("", "a.docx", &zip).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Filen är inte en Word-fil fast den heter .docx"
    );
}

#[test]
fn office_kinds_are_told_apart_by_their_parts() {
    let xlsx = make_zip(&[
        ("[Content_Types].xml", b"<Types/>".as_slice()),
        ("xl/workbook.xml", b"<workbook/>".as_slice()),
    ]);
    let pptx = make_zip(&[
        ("[Content_Types].xml", b"<Types/>".as_slice()),
        ("ppt/presentation.xml", b"<p/>".as_slice()),
    ]);
    let ods = make_zip(&[(
        "mimetype",
        b"application/vnd.oasis.opendocument.spreadsheet".as_slice(),
    )]);
    assert_eq!(sniff(&xlsx), Ok(FileKind::Xlsx));
    assert_eq!(sniff(&pptx), Ok(FileKind::Pptx));
    assert_eq!(sniff(&ods), Ok(FileKind::Ods));
}

#[test]
fn macro_documents_are_refused() {
    let docm = make_zip(&[
        ("[Content_Types].xml", b"<Types/>".as_slice()),
        ("word/document.xml", b"<w:document/>".as_slice()),
        ("word/vbaProject.bin", b"\0\0".as_slice()),
    ]);
    assert_eq!(
        check_declared("", "brev.docx", &docm),
        Err(SniffError::Macros)
    );
}

#[test]
fn truncated_zip_is_damaged() {
    let docx = make_test_docx(&["hej"]);
    let cut = &docx[..docx.len() / 2];
    assert_eq!(sniff(cut), Err(SniffError::Damaged));
}

#[test]
fn messages_never_echo_long_or_odd_declared_types() {
    let pdf = make_test_pdf(&["x"]);
    let odd = format!("image/png\"<script>{}", "x".repeat(500));
    let Err(SniffError::DeclaredMismatch { declared, .. }) = check_declared(&odd, "a.pdf", &pdf)
    else {
        panic!("expected a mismatch");
    };
    assert!(declared.len() <= 80 && !declared.contains('<'));
}

#[test]
fn a_file_is_judged_alike_from_a_reader_and_from_memory() {
    let pdf = make_test_pdf(&["Tillsyn av små avlopp"]);
    let docx = make_test_docx(&["Tillsyn av små avlopp"]);
    let text = "Slamavskiljare töms årligen.\n".repeat(10_000).into_bytes();
    let cases: [(&str, &str, &[u8]); 5] = [
        ("application/pdf", "r.pdf", &pdf),
        (FileKind::Docx.mime(), "r.docx", &docx),
        ("text/plain", "r.txt", &text),
        ("", "r.png", PNG),
        ("text/plain", "r.txt", b"<html><body>x</body></html>"),
    ];
    for (mime, name, bytes) in cases {
        let from_reader =
            check_declared_reader(mime, name, &mut Cursor::new(bytes.to_vec())).unwrap();
        assert_eq!(from_reader, check_declared(mime, name, bytes), "{name}");
    }
}

#[test]
fn binary_far_past_the_head_is_still_found_when_streaming() {
    for at in [SCAN_BUF - 1, SCAN_BUF, 3 * SCAN_BUF + 17] {
        let mut bytes = vec![b'a'; 5 * SCAN_BUF];
        bytes[at] = 0;
        assert_eq!(sniff(&bytes), Err(SniffError::Unknown), "NUL at {at}");
    }
    assert_eq!(sniff(&vec![b'a'; 2 * SCAN_BUF]), Ok(FileKind::Text));
}

#[test]
fn utf16_text_split_across_read_pieces_is_text() {
    // Surrogate pairs (4 bytes) at odd offsets straddle every piece boundary somewhere.
    let text = "å😀ö".repeat(3 * SCAN_BUF / 7);
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(sniff(&bytes), Ok(FileKind::Text));
    // A lone high surrogate at the very end is not UTF-16.
    bytes.extend([0x3D, 0xD8]);
    assert_eq!(sniff(&bytes), Err(SniffError::Unknown));
    // A control character deep inside is not text either.
    let mut bytes = vec![0xFF, 0xFE];
    let mut units: Vec<u16> = "abc".repeat(SCAN_BUF).encode_utf16().collect();
    units[2 * SCAN_BUF / 2 + 5] = 0x0001;
    bytes.extend(units.into_iter().flat_map(u16::to_le_bytes));
    assert_eq!(sniff(&bytes), Err(SniffError::Unknown));
}
