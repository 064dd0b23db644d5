//! Tells what an input is: page formats from the file name, binaries from
//! magic numbers and control bytes, HTML from its opening tags.

use crate::error::IngestErrorKind;

/// What a file name says about its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    Html,
    JsonLines,
    Warc,
    /// No known extension: decided from the content.
    Unknown,
}

/// The kind named by the extension, and whether the file is gzipped
/// (`.gz` stripped first, then the inner extension read). Case-insensitive.
pub(crate) fn kind_from_name(name: &str) -> (Kind, bool) {
    let lower = name.to_ascii_lowercase();
    let (stem, gz) = match lower.strip_suffix(".gz") {
        Some(stem) => (stem, true),
        None => (lower.as_str(), false),
    };
    let ext = match stem.rsplit_once('.') {
        Some((base, ext)) if !base.is_empty() => ext,
        _ => "",
    };
    let kind = match ext {
        "txt" | "text" | "md" => Kind::Text,
        "html" | "htm" | "xhtml" => Kind::Html,
        "jsonl" | "ndjson" => Kind::JsonLines,
        "warc" => Kind::Warc,
        _ => Kind::Unknown,
    };
    (kind, gz)
}

pub(crate) const GZIP_MAGIC: &[u8] = b"\x1f\x8b";

/// Magic numbers of files that are not pages (checked at offset 0 unless noted).
const MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"PK\x05\x06", "ZIP archive"),
    (GZIP_MAGIC, "gzip data; name it .gz to read it"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"\xfe\xed\xfa\xcf", "Mach-O executable"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O executable"),
    (b"MZ\x90\x00", "Windows executable"),
    (b"\x00asm", "WebAssembly module"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"RIFF", "RIFF media (WebP, WAV or AVI)"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"fLaC", "FLAC audio"),
    (b"\x1a\x45\xdf\xa3", "Matroska/WebM video"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
];

/// The name of a binary format recognised by its first bytes.
pub(crate) fn binary_magic(head: &[u8]) -> Option<&'static str> {
    if let Some((_, name)) = MAGIC.iter().find(|(magic, _)| head.starts_with(magic)) {
        // "BZh" and "ID3" are also plausible first letters of a text: demand the binary byte that follows.
        let confirmed = match *name {
            "bzip2 data" => head.get(3).is_some_and(|b| (b'1'..=b'9').contains(b)) && head.get(4) == Some(&0x31),
            "MP3 audio" => head.get(3).is_some_and(|&b| b < 0x10),
            _ => true,
        };
        if confirmed {
            return Some(name);
        }
    }
    if head.get(4..8) == Some(b"ftyp") {
        return Some("MP4/QuickTime media");
    }
    if head.get(257..262) == Some(b"ustar") {
        return Some("tar archive");
    }
    None
}

/// How much of the start is looked at for control bytes.
const CONTROL_WINDOW: usize = 1024;

/// True when the start holds a NUL byte or more than 10 % control bytes
/// (other than tab, newlines, form feed and the ESC of ISO-2022-JP). UTF-16
/// with a BOM has NUL bytes but is text: callers check the BOM first.
pub(crate) fn is_binary_content(head: &[u8]) -> bool {
    let window = &head[..head.len().min(CONTROL_WINDOW)];
    if window.is_empty() {
        return false;
    }
    if memchr::memchr(0, window).is_some() {
        return true;
    }
    let controls = window
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f)
        .count();
    controls * 10 > window.len()
}

/// True when the bytes start with a UTF-16 byte order mark.
pub(crate) fn has_utf16_bom(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff")
}

/// Rejects what cannot be a page: nothing but whitespace, a known binary
/// format, or control bytes.
pub(crate) fn check_page_bytes(bytes: &[u8]) -> Result<(), IngestErrorKind> {
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(IngestErrorKind::EmptyFile);
    }
    if has_utf16_bom(bytes) {
        return Ok(());
    }
    if let Some(name) = binary_magic(bytes) {
        return Err(IngestErrorKind::BinaryFile(name));
    }
    if is_binary_content(bytes) {
        return Err(IngestErrorKind::BinaryContent);
    }
    Ok(())
}

/// The bytes after a UTF-8 BOM and leading whitespace.
pub(crate) fn content_start(bytes: &[u8]) -> &[u8] {
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let skip = body.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &body[skip..]
}

/// Tags that only HTML (or XHTML) starts with or holds near its top.
const HTML_MARKERS: &[&[u8]] = &[
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<body",
    b"<meta",
    b"<title",
    b"<div",
    b"<p>",
    b"<p ",
    b"<article",
    b"<br",
    b"<script",
    b"<link",
];

/// True when the start looks like HTML: it opens with `<` and one of the
/// usual tags appears in the first kilobyte.
pub(crate) fn looks_like_html(bytes: &[u8]) -> bool {
    let start = content_start(bytes);
    if start.first() != Some(&b'<') {
        return false;
    }
    let head = start[..start.len().min(1024)].to_ascii_lowercase();
    HTML_MARKERS.iter().any(|m| memchr::memmem::find(&head, m).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions() {
        assert_eq!(kind_from_name("a.TXT"), (Kind::Text, false));
        assert_eq!(kind_from_name("a.html.gz"), (Kind::Html, true));
        assert_eq!(kind_from_name("x.warc.gz"), (Kind::Warc, true));
        assert_eq!(kind_from_name("x.ndjson"), (Kind::JsonLines, false));
        assert_eq!(kind_from_name("README"), (Kind::Unknown, false));
        assert_eq!(kind_from_name(".txt"), (Kind::Unknown, false));
        assert_eq!(kind_from_name("page.gz"), (Kind::Unknown, true));
    }

    #[test]
    fn magic_numbers() {
        assert_eq!(binary_magic(b"%PDF-1.7\n"), Some("PDF document"));
        assert_eq!(binary_magic(b"\x89PNG\r\n\x1a\n...."), Some("PNG image"));
        assert_eq!(binary_magic(b"BZh is not bzip2"), None);
        assert_eq!(binary_magic(b"ID3 is a word"), None);
        assert_eq!(binary_magic(b"Bakou"), None);
        let mut tar = vec![b'a'; 300];
        tar[257..262].copy_from_slice(b"ustar");
        assert_eq!(binary_magic(&tar), Some("tar archive"));
    }

    #[test]
    fn control_bytes() {
        assert!(is_binary_content(b"abc\0def"));
        assert!(is_binary_content(&[1u8, 2, 3, b'a', 4, 5, 6, 7]));
        assert!(!is_binary_content("Gəncə\tBərdə\r\n\x0c".as_bytes()));
        assert!(!is_binary_content(b""));
    }

    #[test]
    fn page_checks() {
        assert!(matches!(check_page_bytes(b" \n\t"), Err(IngestErrorKind::EmptyFile)));
        assert!(matches!(check_page_bytes(b"\xef\xbb\xbf\n"), Err(IngestErrorKind::EmptyFile)));
        assert!(matches!(check_page_bytes(b"\x1f\x8b\x08\0"), Err(IngestErrorKind::BinaryFile(_))));
        assert!(check_page_bytes(b"\xff\xfea\0b\0").is_ok());
        assert!(check_page_bytes("Erevan dément.".as_bytes()).is_ok());
    }

    #[test]
    fn html_sniffing() {
        assert!(looks_like_html(b"\xef\xbb\xbf  <!DOCTYPE html><html>"));
        assert!(looks_like_html(b"<div class=a><p>x</p></div>"));
        assert!(!looks_like_html(b"Bakou <accuse> Erevan"));
        assert!(!looks_like_html(b"<notes> plain"));
    }
}
