//! Capped decoding of PDF stream filters (FlateDecode, ASCII85Decode).
//!
//! lopdf, under pdf-extract, decompresses streams with no limit, so a few kilobytes of
//! crafted PDF can ask for gigabytes. These decoders produce what lopdf would, but stop at a
//! byte limit, so the PDF guard can measure a file before pdf-extract touches it.

use std::io::{Cursor, Read};

/// More output than the caller allowed.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Exceeded;

/// Inflates a zlib stream (PDF `FlateDecode`), failing past `limit` bytes. Damaged data ends
/// the output early, as lopdf's decoder does.
pub(super) fn inflate_zlib(data: &[u8], limit: u64) -> Result<Vec<u8>, Exceeded> {
    // zlib = 2-byte header (+ 4-byte dictionary id when FDICT is set), deflate data, checksum.
    let [cmf, flg, ..] = *data else {
        return Ok(Vec::new());
    };
    let valid_header = cmf & 0x0F == 8 && (u16::from(cmf) << 8 | u16::from(flg)) % 31 == 0;
    if !valid_header {
        return Ok(Vec::new());
    }
    let start = if flg & 0x20 != 0 { 6 } else { 2 };
    inflate_raw(data.get(start..).unwrap_or_default(), limit)
}

/// Inflates raw deflate data. The only inflater among our dependencies is inside the zip
/// crate, so the data is wrapped as the single entry of a minimal ZIP archive and read back
/// through it, in chunks, counting.
fn inflate_raw(deflate: &[u8], limit: u64) -> Result<Vec<u8>, Exceeded> {
    let Some(archive) = single_entry_zip(deflate) else {
        return Ok(Vec::new());
    };
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(archive.as_slice())) else {
        return Ok(Vec::new());
    };
    let Ok(mut entry) = archive.by_index(0) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        // The stored checksum is a dummy, so the last read may report a mismatch: the bytes
        // before it are all there is.
        match entry.read(&mut chunk) {
            Ok(0) | Err(_) => return Ok(out),
            Ok(n) => {
                if (out.len() + n) as u64 > limit {
                    return Err(Exceeded);
                }
                out.extend_from_slice(&chunk[..n]);
            }
        }
    }
}

/// A ZIP archive holding `deflate` as the deflated entry "x" (sizes it cannot express: None).
fn single_entry_zip(deflate: &[u8]) -> Option<Vec<u8>> {
    let size = u32::try_from(deflate.len()).ok()?;
    let mut zip = Vec::with_capacity(deflate.len() + 100);
    // Local file header: version 2.0, no flags, method 8 (deflate), DOS date 1980-01-01,
    // CRC and uncompressed size 0 (the reader trusts neither), name "x".
    zip.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00\x08\x00\x00\x00\x21\x00");
    zip.extend_from_slice(&[0; 4]);
    zip.extend_from_slice(&size.to_le_bytes());
    zip.extend_from_slice(&[0; 4]);
    zip.extend_from_slice(b"\x01\x00\x00\x00x");
    zip.extend_from_slice(deflate);
    let directory_at = u32::try_from(zip.len()).ok()?;
    // Central directory header for the same entry, local header at offset 0.
    zip.extend_from_slice(b"PK\x01\x02\x14\x00\x14\x00\x00\x00\x08\x00\x00\x00\x21\x00");
    zip.extend_from_slice(&[0; 4]);
    zip.extend_from_slice(&size.to_le_bytes());
    zip.extend_from_slice(&[0; 4]);
    zip.extend_from_slice(b"\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00");
    zip.extend_from_slice(&[0; 4]);
    zip.push(b'x');
    let directory_len = u32::try_from(zip.len()).ok()? - directory_at;
    // End of central directory: one entry.
    zip.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00\x01\x00\x01\x00");
    zip.extend_from_slice(&directory_len.to_le_bytes());
    zip.extend_from_slice(&directory_at.to_le_bytes());
    zip.extend_from_slice(&[0, 0]);
    Some(zip)
}

/// Decodes PDF `ASCII85Decode` data, failing past `limit` bytes; stops at `~>` or at the
/// first character that cannot occur.
pub(super) fn ascii85(data: &[u8], limit: u64) -> Result<Vec<u8>, Exceeded> {
    let mut out = Vec::with_capacity(data.len());
    let mut group = 0u64;
    let mut count = 0usize;
    for &c in data {
        match c {
            b'~' => break,
            b'z' if count == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group = group * 85 + u64::from(c - b'!');
                count += 1;
                if count == 5 {
                    out.extend_from_slice(&(group as u32).to_be_bytes());
                    group = 0;
                    count = 0;
                }
            }
            c if c.is_ascii_whitespace() || c == 0 => {}
            _ => break,
        }
        if out.len() as u64 > limit {
            return Err(Exceeded);
        }
    }
    if count > 1 {
        for _ in count..5 {
            group = group * 85 + 84;
        }
        out.extend_from_slice(&(group as u32).to_be_bytes()[..count - 1]);
    }
    if out.len() as u64 > limit {
        return Err(Exceeded);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// Deflates through the zip writer and unwraps the raw deflate data again.
    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        writer.start_file("d", options).unwrap();
        writer.write_all(data).unwrap();
        let archive = writer.finish().unwrap().into_inner();
        let mut zip = zip::ZipArchive::new(Cursor::new(archive.as_slice())).unwrap();
        let start = zip.by_index_raw(0).unwrap().data_start() as usize;
        let len = zip.by_index_raw(0).unwrap().compressed_size() as usize;
        let mut out = vec![0x78, 0x9C];
        out.extend_from_slice(&archive[start..start + len]);
        out.extend_from_slice(&[0, 0, 0, 0]);
        out
    }

    #[test]
    fn inflates_what_was_deflated() {
        let text = "Tillsyn av små avlopp ".repeat(1000);
        assert_eq!(
            inflate_zlib(&zlib(text.as_bytes()), 1 << 20).unwrap(),
            text.as_bytes()
        );
    }

    #[test]
    fn stops_at_the_limit() {
        let bomb = zlib(&vec![b' '; 10 << 20]);
        assert!(bomb.len() < 20_000, "{}", bomb.len());
        assert_eq!(inflate_zlib(&bomb, 1 << 20), Err(Exceeded));
        assert_eq!(inflate_zlib(&bomb, 10 << 20).unwrap().len(), 10 << 20);
    }

    #[test]
    fn garbage_gives_little_or_nothing() {
        assert_eq!(inflate_zlib(b"", 100), Ok(Vec::new()));
        assert_eq!(inflate_zlib(b"not zlib at all", 100), Ok(Vec::new()));
        let mut cut = zlib(b"hej hej hej hej");
        cut.truncate(6);
        assert!(inflate_zlib(&cut, 100).unwrap().len() <= 15);
    }

    #[test]
    fn ascii85_decodes_and_caps() {
        assert_eq!(
            ascii85(b"87cURD]i,\"Ebo80~>", 100).unwrap(),
            b"Hello World!"
        );
        assert_eq!(ascii85(b"zz~>", 100).unwrap(), vec![0; 8]);
        assert_eq!(ascii85(b"zzzz", 8), Err(Exceeded));
    }
}
