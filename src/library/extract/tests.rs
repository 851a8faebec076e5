//! Tests of text extraction on real files built in memory, including hostile ones.

use super::*;
use crate::library::testfiles::{
    build_pdf, make_test_docx, make_test_odt, make_test_pdf, make_zip,
};

const SENTENCE: &str = "Tillsyn av små avlopp – åtgärder för fosforrening i Växjö och Nässjö";

fn small_limits() -> ExtractLimits {
    ExtractLimits {
        max_text_bytes: 1024,
        max_unpacked_bytes: 64 * 1024,
        max_pdf_decoded_bytes: 64 * 1024,
    }
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< /Length {} {dict} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// One page showing "hej", with `page_extra` added to the page dictionary, the content
/// stream given, and any further objects from number 6 on.
fn one_page_pdf(page_extra: &str, content: Vec<u8>, more: &[Vec<u8>]) -> Vec<u8> {
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
             /Resources << /Font << /F1 3 0 R >> /XObject << /X 6 0 R >> >> \
             /Contents 5 0 R {page_extra} >>"
        )
        .into_bytes(),
        content,
    ];
    objects.extend_from_slice(more);
    build_pdf(&objects)
}

const HEJ: &[u8] = b"BT /F1 11 Tf 56 790 Td (hej) Tj ET";

/// zlib data (as in a PDF FlateDecode stream), deflated by the zip crate.
fn zlib(data: &[u8]) -> Vec<u8> {
    let archive = make_zip(&[("d", data)]);
    let mut zip = zip::ZipArchive::new(Cursor::new(archive.as_slice())).unwrap();
    let entry = zip.by_index_raw(0).unwrap();
    let (start, len) = (
        entry.data_start() as usize,
        entry.compressed_size() as usize,
    );
    let mut out = vec![0x78, 0x9C];
    out.extend_from_slice(&archive[start..start + len]);
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    out.extend_from_slice(&(b << 16 | a).to_be_bytes());
    out
}

// ---- PDF ----

#[test]
fn pdf_keeps_swedish_letters() {
    let pdf = make_test_pdf(&[SENTENCE]);
    assert_eq!(extract_text(FileKind::Pdf, &pdf).unwrap(), SENTENCE);
}

#[test]
fn pdf_lines_and_pages_come_out_in_order() {
    let lines: Vec<String> = (1..=120)
        .map(|i| format!("Rad {i}: åtgärd i Nässjö"))
        .collect();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let text = extract_text(FileKind::Pdf, &make_test_pdf(&refs)).unwrap();
    let got: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(got, refs);
}

#[test]
fn pdf_text_is_capped() {
    let lines = vec![SENTENCE; 200];
    let text = extract_text_with_limits(FileKind::Pdf, &make_test_pdf(&lines), small_limits());
    let text = text.unwrap();
    assert!(text.len() <= 1024 && text.len() > 500, "{}", text.len());
    assert!(text.starts_with(SENTENCE));
}

#[test]
fn compressed_pdf_content_is_read() {
    let content = format!("BT /F1 11 Tf 56 790 Td ({}) Tj ET", "Växjö");
    let latin1 = encoding_rs::WINDOWS_1252.encode(&content).0.into_owned();
    let pdf = one_page_pdf("", stream("/Filter /FlateDecode", &zlib(&latin1)), &[]);
    assert_eq!(extract_text(FileKind::Pdf, &pdf).unwrap(), "Växjö");
}

#[test]
fn corrupt_pdfs_are_errors_not_panics() {
    let pdf = make_test_pdf(&[SENTENCE]);
    for bad in [
        &pdf[..pdf.len() / 2],
        &pdf[..20],
        b"%PDF-1.7\n\xff\xfe garbage".as_slice(),
        b"%PDF-".as_slice(),
        b"".as_slice(),
    ] {
        let result = extract_text(FileKind::Pdf, bad);
        assert!(
            matches!(result, Err(ExtractError::Unreadable { .. })),
            "{result:?}"
        );
    }
}

#[test]
fn a_panic_inside_pdf_extract_becomes_an_error() {
    // pdf-extract panics on an encoding name it does not know.
    let mut pdf = one_page_pdf("", stream("", HEJ), &[]);
    let at = pdf
        .windows(15)
        .position(|w| w == b"WinAnsiEncoding")
        .unwrap();
    pdf[at..at + 15].copy_from_slice(b"XyzAnsiEncoding");
    let err = extract_text(FileKind::Pdf, &pdf).unwrap_err();
    let ExtractError::Unreadable { detail } = &err else {
        panic!("{err:?}");
    };
    assert!(detail.contains("panik"), "{detail}");
    assert_eq!(
        err.to_string(),
        "Texten i filen kunde inte läsas, så filen går inte att söka i"
    );
}

#[test]
fn deeply_nested_pdf_is_refused_before_it_can_overflow_the_stack() {
    let nested = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    let in_page = one_page_pdf(&format!("/X {nested}"), stream("", HEJ), &[]);
    let in_content = one_page_pdf("", stream("", format!("{nested} pop").as_bytes()), &[]);
    let compressed = one_page_pdf(
        "",
        stream(
            "/Filter /FlateDecode",
            &zlib(format!("{nested} pop").as_bytes()),
        ),
        &[],
    );
    for pdf in [in_page, in_content, compressed] {
        let result = extract_text(FileKind::Pdf, &pdf);
        assert!(
            matches!(result, Err(ExtractError::Unreadable { .. })),
            "{result:?}"
        );
    }
}

#[test]
fn moderate_nesting_and_binary_image_data_are_fine() {
    // Within lopdf's own limit of 100 levels (the page dictionary is one of them).
    let nested = format!("{}1{}", "[".repeat(90), "]".repeat(90));
    let pdf = one_page_pdf(&format!("/X {nested}"), stream("", HEJ), &[]);
    assert_eq!(extract_text(FileKind::Pdf, &pdf).unwrap(), "hej");

    // Noise full of brackets, as image data can be, is not mistaken for nesting.
    let mut seed = 7u32;
    let noise: Vec<u8> = (0..2_000_000)
        .map(|_| {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            [b'[', b'<', b'<', b'x', (seed >> 24) as u8][(seed >> 8) as usize % 5]
        })
        .collect();
    let image = stream("/Type /XObject /Subtype /Image /Width 1 /Height 1", &noise);
    let pdf = one_page_pdf("", stream("", HEJ), &[image]);
    assert_eq!(extract_text(FileKind::Pdf, &pdf).unwrap(), "hej");
}

#[test]
fn page_that_is_its_own_parent_is_refused_not_looped_on() {
    let objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
        stream("", HEJ),
    ];
    let result = extract_text(FileKind::Pdf, &build_pdf(&objects));
    assert!(
        matches!(result, Err(ExtractError::Unreadable { .. })),
        "{result:?}"
    );
}

#[test]
fn form_that_draws_itself_is_refused() {
    let form = stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1]", b"/X Do");
    let pdf = one_page_pdf("", stream("", b"/X Do"), &[form]);
    let result = extract_text(FileKind::Pdf, &pdf);
    assert!(
        matches!(result, Err(ExtractError::Unreadable { .. })),
        "{result:?}"
    );
}

#[test]
fn form_drawn_once_is_read() {
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 595 842] \
         /Resources << /Font << /F1 3 0 R >> >>",
        b"BT /F1 11 Tf 56 700 Td (i formul\\344ret) Tj ET",
    );
    let pdf = one_page_pdf("", stream("", b"/X Do"), &[form]);
    assert_eq!(extract_text(FileKind::Pdf, &pdf).unwrap(), "i formuläret");
}

#[test]
fn form_drawn_too_often_is_refused() {
    let form = stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1]", b"");
    let pdf = one_page_pdf("", stream("", "/X Do\n".repeat(30_000).as_bytes()), &[form]);
    let result = extract_text(FileKind::Pdf, &pdf);
    assert!(
        matches!(result, Err(ExtractError::Unreadable { .. })),
        "{result:?}"
    );
}

#[test]
fn pdf_decompression_bomb_is_refused() {
    let bomb = zlib(&vec![b' '; 1024 * 1024]);
    let pdf = one_page_pdf("", stream("/Filter /FlateDecode", &bomb), &[]);
    let result = extract_text_with_limits(FileKind::Pdf, &pdf, small_limits());
    assert_eq!(result, Err(ExtractError::TooLarge { limit_mib: 1 }));
    // A bomb layered in two filters is measured through both.
    let double = zlib(&bomb);
    let pdf = one_page_pdf(
        "",
        stream("/Filter [/FlateDecode /FlateDecode]", &double),
        &[],
    );
    let result = extract_text_with_limits(FileKind::Pdf, &pdf, small_limits());
    assert_eq!(result, Err(ExtractError::TooLarge { limit_mib: 1 }));
}

#[test]
fn lzw_streams_are_refused_since_they_cannot_be_measured() {
    let pdf = one_page_pdf("", stream("/Filter /LZWDecode", b"\x80\x0b\x60\x50"), &[]);
    assert!(extract_text(FileKind::Pdf, &pdf).is_err());
}

// ---- DOCX, XLSX, PPTX ----

#[test]
fn docx_keeps_swedish_letters_paragraphs_tabs_and_breaks() {
    let docx = make_test_docx(&[SENTENCE, "Kolumn\tvärde", "rad ett\nrad två", "R&D <ö>"]);
    let text = extract_text(FileKind::Docx, &docx).unwrap();
    assert_eq!(
        text,
        format!("{SENTENCE}\nKolumn värde\nrad ett\nrad två\nR&D <ö>")
    );
}

#[test]
fn docx_tab_stops_and_deleted_text_are_not_text() {
    let xml = br#"<w:document xmlns:w="w"><w:body>
        <w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>
        <w:r><w:t>kvar</w:t></w:r><w:del><w:r><w:delText>borta</w:delText></w:r></w:del>
        <w:r><w:tab/><w:t xml:space="preserve">och  mer</w:t></w:r></w:p></w:body></w:document>"#;
    assert_eq!(ooxml_text(xml, "p").unwrap(), "kvar\toch  mer\n");
}

#[test]
fn office_xml_with_a_doctype_is_refused_unexpanded() {
    // "Billion laughs": ten levels of ten references each would be 10^9 "lol"s. Office files
    // carry no DTD, so the part is refused before any entity is looked at.
    let mut doctype = String::from("<!DOCTYPE w [<!ENTITY lol0 \"lol\">");
    for level in 1..10 {
        let refs = format!("&lol{};", level - 1).repeat(10);
        doctype.push_str(&format!("<!ENTITY lol{level} \"{refs}\">"));
    }
    doctype.push(']');
    doctype.push('>');
    let xml = format!(
        "<?xml version=\"1.0\"?>{doctype}<w:document xmlns:w=\"w\"><w:body><w:p><w:r>\
         <w:t>&lol9;Sm&#229; &amp; stora</w:t></w:r></w:p></w:body></w:document>"
    );
    assert!(matches!(
        ooxml_text(xml.as_bytes(), "p"),
        Err(ExtractError::Unreadable { .. })
    ));
}

#[test]
fn xml_nested_past_the_cap_is_unreadable() {
    let xml = format!("<a>{}{}</a>", "<b>".repeat(5_000), "</b>".repeat(5_000));
    assert!(matches!(
        odf_text(xml.as_bytes()),
        Err(ExtractError::Unreadable { .. })
    ));
}

#[test]
fn docx_without_document_part_is_unreadable() {
    let zip = make_zip(&[("[Content_Types].xml", b"<Types/>".as_slice())]);
    assert!(matches!(
        extract_text(FileKind::Docx, &zip),
        Err(ExtractError::Unreadable { .. })
    ));
}

#[test]
fn xlsx_shared_strings_become_lines() {
    let strings = r#"<sst xmlns="x"><si><t>Växjö</t></si><si><r><t>Näss</t></r><r><t>jö</t></r></si>
        <si><t>Eksjö</t><rPh><t>えくしょ</t></rPh></si></sst>"#;
    let xlsx = make_zip(&[
        ("[Content_Types].xml", b"<Types/>".as_slice()),
        ("xl/workbook.xml", b"<workbook/>".as_slice()),
        ("xl/sharedStrings.xml", strings.as_bytes()),
    ]);
    assert_eq!(
        extract_text(FileKind::Xlsx, &xlsx).unwrap(),
        "Växjö\nNässjö\nEksjö"
    );
}

#[test]
fn pptx_slides_come_in_number_order() {
    let slide = |text: &str| {
        format!(r#"<p:sld xmlns:a="a" xmlns:p="p"><a:p><a:r><a:t>{text}</a:t></a:r></a:p></p:sld>"#)
    };
    let (s1, s2, s10) = (slide("första"), slide("andra"), slide("tionde"));
    let pptx = make_zip(&[
        ("[Content_Types].xml", b"<Types/>".as_slice()),
        ("ppt/slides/slide10.xml", s10.as_bytes()),
        ("ppt/slides/slide2.xml", s2.as_bytes()),
        ("ppt/slides/slide1.xml", s1.as_bytes()),
    ]);
    assert_eq!(
        extract_text(FileKind::Pptx, &pptx).unwrap(),
        "första\n\nandra\n\ntionde"
    );
}

#[test]
fn zip_bomb_is_refused_by_its_declared_size() {
    let huge = vec![b' '; 60 * 1024 * 1024];
    let docx = make_zip(&[("word/document.xml", huge.as_slice())]);
    assert!(docx.len() < 1024 * 1024, "{}", docx.len());
    assert_eq!(
        extract_text(FileKind::Docx, &docx),
        Err(ExtractError::TooLarge { limit_mib: 50 })
    );
}

#[test]
fn zip_bomb_that_lies_about_its_size_is_cut_off_while_reading() {
    let huge = vec![b' '; 1024 * 1024];
    let mut docx = make_zip(&[("word/document.xml", huge.as_slice())]);
    // Claim 100 bytes in both the local header (offset 22) and central directory (offset 24).
    for (signature, offset) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
        let at = docx.windows(4).position(|w| w == signature).unwrap() + offset;
        docx[at..at + 4].copy_from_slice(&100u32.to_le_bytes());
    }
    assert_eq!(
        extract_text_with_limits(FileKind::Docx, &docx, small_limits()),
        Err(ExtractError::TooLarge { limit_mib: 1 })
    );
}

// ---- ODT, ODS ----

#[test]
fn odt_keeps_swedish_letters_and_spacing() {
    let odt = make_test_odt(&[SENTENCE, "a   b\tc", "rad ett\nrad två"]);
    assert_eq!(
        extract_text(FileKind::Odt, &odt).unwrap(),
        format!("{SENTENCE}\na b c\nrad ett\nrad två")
    );
}

#[test]
fn odt_headings_spans_and_notes_are_read_but_comments_and_deletions_are_not() {
    let content = r#"<office:document-content xmlns:office="o" xmlns:text="t" xmlns:dc="d">
        <office:body><office:text>
        <text:tracked-changes><text:changed-region><text:deletion>
          <text:p>raderat</text:p></text:deletion></text:changed-region></text:tracked-changes>
        <text:h text:outline-level="1">Rubrik</text:h>
        <text:p>Fet <text:span text:style-name="T1">text</text:span><text:s text:c="3"/>här<office:annotation><dc:creator>Eva</dc:creator><text:p>kommentar</text:p></office:annotation></text:p>
        <text:p/>
        <text:list><text:list-item><text:p>punkt</text:p></text:list-item></text:list>
        </office:text></office:body></office:document-content>"#;
    assert_eq!(
        odf_text(content.as_bytes()).unwrap(),
        "Rubrik\nFet text   här\n\npunkt\n"
    );
    let odt = make_zip(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.text".as_slice(),
        ),
        ("content.xml", content.as_bytes()),
    ]);
    assert_eq!(
        extract_text(FileKind::Odt, &odt).unwrap(),
        "Rubrik\nFet text här\n\npunkt"
    );
}

#[test]
fn ods_cells_become_lines() {
    let content = r#"<office:document-content xmlns:office="o" xmlns:table="ta" xmlns:text="t">
        <office:body><office:spreadsheet><table:table table:name="Blad1"><table:table-row>
        <table:table-cell><text:p>Växjö</text:p></table:table-cell>
        <table:table-cell office:value-type="float" office:value="12"><text:p>12</text:p></table:table-cell>
        </table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let ods = make_zip(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet".as_slice(),
        ),
        ("content.xml", content.as_bytes()),
    ]);
    assert_eq!(extract_text(FileKind::Ods, &ods).unwrap(), "Växjö\n12");
}

#[test]
fn malformed_xml_is_unreadable() {
    let odt = make_zip(&[("content.xml", b"<text:p>oj</text:h>".as_slice())]);
    assert!(matches!(
        extract_text(FileKind::Odt, &odt),
        Err(ExtractError::Unreadable { .. })
    ));
}

// ---- Text ----

#[test]
fn windows_1252_text_is_decoded() {
    let cp1252 = b"Tillsyn av sm\xe5 avlopp \x96 \xe5tg\xe4rder f\xf6r fosforrening i V\xe4xj\xf6 och N\xe4ssj\xf6\r\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("anteckning.txt");
    std::fs::write(&path, cp1252).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(extract_text(FileKind::Text, &bytes).unwrap(), SENTENCE);
}

#[test]
fn utf8_and_utf16_boms_are_honoured_and_dropped() {
    let mut utf8 = b"\xef\xbb\xbf".to_vec();
    utf8.extend_from_slice(SENTENCE.as_bytes());
    assert_eq!(extract_text(FileKind::Text, &utf8).unwrap(), SENTENCE);

    let mut utf16 = vec![0xFF, 0xFE];
    for unit in SENTENCE.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    assert_eq!(extract_text(FileKind::Text, &utf16).unwrap(), SENTENCE);
}

#[test]
fn markdown_and_csv_are_read_as_text() {
    let md = "# Rubrik\n\nEtt  stycke om **små** avlopp.\n\n\n\n- punkt";
    assert_eq!(
        extract_text(FileKind::Markdown, md.as_bytes()).unwrap(),
        "# Rubrik\n\nEtt stycke om **små** avlopp.\n\n- punkt"
    );
    let csv = "kommun;antal\r\nVäxjö;12\r\n";
    assert_eq!(
        extract_text(FileKind::Csv, csv.as_bytes()).unwrap(),
        "kommun;antal\nVäxjö;12"
    );
}

#[test]
fn text_is_capped_on_a_character_boundary() {
    let long = "å".repeat(10_000);
    let text = extract_text_with_limits(FileKind::Text, long.as_bytes(), small_limits()).unwrap();
    assert_eq!(text.len(), 1024);
    assert!(text.chars().all(|c| c == 'å'));
}

#[test]
fn kinds_without_text_give_an_empty_string() {
    let kinds = FileKind::ALL
        .into_iter()
        .filter(|k| !k.has_extractable_text());
    assert_eq!(kinds.clone().count(), 5);
    for kind in kinds {
        assert_eq!(extract_text(kind, b"\x89PNG whatever"), Ok(String::new()));
    }
}

// ---- Normalisation ----

#[test]
fn whitespace_and_invisible_characters_are_tidied() {
    let raw =
        "  a\u{00A0}\u{00A0}b\t c  \r\n\n\n\n d\u{00AD}e\u{200B}f \u{FB01}nns\u{000C}ny sida\0";
    assert_eq!(normalise(raw, 1000), "a b c\n\ndef finns\nny sida");
}

#[test]
fn decomposed_letters_are_composed() {
    assert_eq!(normalise("Va\u{0308}xjo\u{0308}", 100), "Växjö");
}

// ---- Robustness ----

#[test]
fn no_input_makes_any_extractor_panic() {
    let mut seed = 1u32;
    let mut next = move || {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (seed >> 16) as u8
    };
    let real = [
        make_test_pdf(&[SENTENCE, SENTENCE]),
        make_test_docx(&[SENTENCE]),
        make_test_odt(&[SENTENCE]),
    ];
    let mut inputs: Vec<Vec<u8>> = Vec::new();
    for file in &real {
        for cut in [1, 10, 100, file.len() / 3, file.len() / 2, file.len() - 1] {
            inputs.push(file[..cut.min(file.len())].to_vec());
        }
        for _ in 0..20 {
            let mut flipped = file.clone();
            for _ in 0..5 {
                let at = usize::from(next()) * usize::from(next()) % flipped.len();
                flipped[at] = next();
            }
            inputs.push(flipped);
        }
    }
    for _ in 0..20 {
        inputs.push((0..500).map(|_| next()).collect());
    }
    for input in &inputs {
        for kind in crate::library::sniff::FileKind::ALL {
            // Whatever comes back, it comes back.
            let _ = extract_text(kind, input);
        }
    }
}

#[test]
fn a_pdf_of_too_many_objects_is_not_parsed() {
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec(),
    ];
    objects.extend((0..pdf::MAX_OBJECTS).map(|_| b"null".to_vec()));
    assert_eq!(
        extract_text(FileKind::Pdf, &build_pdf(&objects)),
        Err(ExtractError::TooManyObjects {
            limit: pdf::MAX_OBJECTS
        })
    );
}
