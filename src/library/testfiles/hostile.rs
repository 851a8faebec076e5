//! Files built to hurt a reader: the hostile corpus the extraction sandbox is tested and
//! measured against (tests/api/hostile_files.rs).
//!
//! Owns: generating each file in memory, deterministically, with what it attacks and what a
//! safe server must answer. Must not: be used to handle uploaded files.

use std::io::{Cursor, Write};

use zip::{write::SimpleFileOptions, CompressionMethod};

use super::{build_pdf, make_test_docx, make_test_pdf};

/// What uploading a hostile file must end in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Stored and downloadable; its text FAILED with a Swedish reason.
    TextFailed,
    /// Refused at upload with BAD_INPUT (the content is not what the name says).
    Refused,
}

/// One file of the corpus.
pub struct HostileFile {
    /// The file name it is uploaded under.
    pub name: &'static str,
    /// The declared content type.
    pub content_type: &'static str,
    /// What it attacks, in a few words (printed in the results table).
    pub attack: &'static str,
    pub bytes: Vec<u8>,
    pub expect: Expect,
}

/// Depth of the nested PDF objects.
pub const PDF_DEPTH: usize = 100_000;

/// Objects in the many-objects PDF.
pub const PDF_OBJECTS: usize = 1_000_000;

/// Uncompressed bytes of one zip-bomb entry (64 MiB), and how many entries there are:
/// together a little over 10 GiB.
pub const BOMB_ENTRY_BYTES: usize = 64 * 1024 * 1024;
pub const BOMB_ENTRIES: usize = 161;

/// The whole corpus (about 60 MB in memory while it is built).
pub fn corpus() -> Vec<HostileFile> {
    let pdf = make_test_pdf(&["Tillsyn av små avloppsanläggningar i Vetlanda kommun"]);
    let docx = make_test_docx(&["Checklista för lantbrukstillsyn"]);
    vec![
        HostileFile {
            name: "djupa-listor.pdf",
            content_type: "application/pdf",
            attack: "PDF array nested 100,000 deep",
            bytes: nested_pdf("[", "]"),
            expect: Expect::TextFailed,
        },
        HostileFile {
            name: "djupa-ordlistor.pdf",
            content_type: "application/pdf",
            attack: "PDF dictionary nested 100,000 deep",
            bytes: nested_pdf("<< /A ", " >>"),
            expect: Expect::TextFailed,
        },
        HostileFile {
            name: "miljon-objekt.pdf",
            content_type: "application/pdf",
            attack: "PDF with 1,000,000 tiny objects",
            bytes: many_objects_pdf(),
            expect: Expect::TextFailed,
        },
        HostileFile {
            name: "zipbomb.docx",
            content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            attack: "DOCX zip bomb, 10.1 GiB unpacked",
            bytes: zip_bomb_docx(),
            expect: Expect::TextFailed,
        },
        HostileFile {
            name: "miljarder-skratt.docx",
            content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            attack: "DOCX with XML entity expansion (billion laughs)",
            bytes: billion_laughs_docx(),
            expect: Expect::TextFailed,
        },
        HostileFile {
            name: "avkortad.pdf",
            content_type: "application/pdf",
            attack: "PDF cut off after half its bytes",
            bytes: pdf[..pdf.len() / 2].to_vec(),
            expect: Expect::TextFailed,
        },
        HostileFile {
            name: "avkortad.docx",
            content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            attack: "DOCX cut off after half its bytes",
            bytes: docx[..docx.len() / 2].to_vec(),
            expect: Expect::Refused,
        },
        HostileFile {
            name: "bara-rubriken.pdf",
            content_type: "application/pdf",
            attack: "PDF header followed by garbage",
            bytes: pdf_header_then_garbage(),
            expect: Expect::TextFailed,
        },
        HostileFile {
            name: "utan-dokument.docx",
            content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            attack: "DOCX package without its document part",
            bytes: super::make_zip(&[
                ("[Content_Types].xml", super::DOCX_CONTENT_TYPES.as_bytes()),
                ("_rels/.rels", super::DOCX_RELS.as_bytes()),
            ]),
            expect: Expect::Refused,
        },
        HostileFile {
            name: "trasig-xml.docx",
            content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            attack: "DOCX whose document part is broken XML",
            bytes: super::make_zip(&[
                ("[Content_Types].xml", super::DOCX_CONTENT_TYPES.as_bytes()),
                ("_rels/.rels", super::DOCX_RELS.as_bytes()),
                (
                    "word/document.xml",
                    b"<w:document><w:body><w:p><w:t>Slam</w:q>\xff\x00<<",
                ),
            ]),
            expect: Expect::TextFailed,
        },
        HostileFile {
            name: "egentligen-docx.pdf",
            content_type: "application/pdf",
            attack: "DOCX uploaded as a PDF",
            bytes: docx.clone(),
            expect: Expect::Refused,
        },
        HostileFile {
            name: "egentligen-pdf.docx",
            content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            attack: "PDF uploaded as a DOCX",
            bytes: pdf.clone(),
            expect: Expect::Refused,
        },
    ]
}

/// A one-page PDF whose page resources hold an object nested [`PDF_DEPTH`] deep.
fn nested_pdf(open: &str, close: &str) -> Vec<u8> {
    let mut deep = String::with_capacity(PDF_DEPTH * (open.len() + close.len()) + 8);
    for _ in 0..PDF_DEPTH {
        deep.push_str(open);
    }
    deep.push('0');
    for _ in 0..PDF_DEPTH {
        deep.push_str(close);
    }
    build_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /X 4 0 R >> >>"
            .to_vec(),
        deep.into_bytes(),
    ])
}

/// A PDF of [`PDF_OBJECTS`] empty dictionaries besides its (empty) page tree.
fn many_objects_pdf() -> Vec<u8> {
    let mut objects = Vec::with_capacity(PDF_OBJECTS + 2);
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    objects.push(b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec());
    objects.extend((0..PDF_OBJECTS).map(|_| b"<<>>".to_vec()));
    build_pdf(&objects)
}

fn pdf_header_then_garbage() -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    // A fixed pseudo-random tail (xorshift), so the file is the same on every run.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..64 * 1024 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.push(x as u8);
    }
    out
}

/// A DOCX whose document part and [`BOMB_ENTRIES`] - 1 media entries each unpack to
/// [`BOMB_ENTRY_BYTES`]: about 10 MB on disk, over 10 GiB unpacked. The entry is compressed
/// once and copied, so building it costs one 64 MiB deflate.
fn zip_bomb_docx() -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, text) in [
        ("[Content_Types].xml", super::DOCX_CONTENT_TYPES),
        ("_rels/.rels", super::DOCX_RELS),
    ] {
        writer
            .start_file(name, deflated)
            .expect("writing to memory does not fail");
        writer
            .write_all(text.as_bytes())
            .expect("writing to memory does not fail");
    }
    writer
        .start_file("word/document.xml", deflated)
        .expect("writing to memory does not fail");
    let head = b"<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>";
    writer
        .write_all(head)
        .expect("writing to memory does not fail");
    let spaces = vec![b' '; 1024 * 1024];
    let mut written = head.len();
    while written < BOMB_ENTRY_BYTES {
        let n = spaces.len().min(BOMB_ENTRY_BYTES - written);
        writer
            .write_all(&spaces[..n])
            .expect("writing to memory does not fail");
        written += n;
    }
    for i in 1..BOMB_ENTRIES {
        writer
            .deep_copy_file("word/document.xml", &format!("word/media/fyllnad{i}.xml"))
            .expect("writing to memory does not fail");
    }
    writer
        .finish()
        .expect("writing to memory does not fail")
        .into_inner()
}

/// A DOCX whose document declares ten levels of entities, each ten of the one below
/// (10^10 "lol"s if a reader expanded them).
fn billion_laughs_docx() -> Vec<u8> {
    let mut dtd = String::from("<!ENTITY lol0 \"lol\">");
    for level in 1..=10 {
        dtd.push_str(&format!("<!ENTITY lol{level} \""));
        for _ in 0..10 {
            dtd.push_str(&format!("&lol{};", level - 1));
        }
        dtd.push_str("\">");
    }
    let document = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE w:document [{dtd}]>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body><w:p><w:r><w:t>&lol10;</w:t></w:r></w:p></w:body></w:document>"
    );
    super::make_zip(&[
        ("[Content_Types].xml", super::DOCX_CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", super::DOCX_RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
    ])
}
