//! Bytes to text: finds the character set (BOM, declared charset, HTML
//! `<meta>`, valid UTF-8, detection), decodes, refuses garbage, and repairs
//! obvious mojibake.
//!
//! Order and rules:
//! 1. A BOM (UTF-8, UTF-16LE/BE) wins and is removed from the text.
//! 2. Bytes that are valid UTF-8 are UTF-8, even when a legacy ASCII-based
//!    charset is declared: a non-trivial run of valid multi-byte UTF-8 is
//!    almost never an accident, while wrong declarations are common.
//! 3. A declared charset (HTTP/WARC `Content-Type`), else for HTML a
//!    `<meta charset>`, `<meta http-equiv>` or `<?xml encoding>` in the first
//!    8 KB (browsers read 1 KB; real pages put big scripts first).
//! 4. "Mostly UTF-8": at most one invalid sequence per 1 000 bytes and at
//!    least ten valid multi-byte characters per invalid one. The invalid
//!    sequences become U+FFFD and are counted in [`Decoded::replaced`].
//! 5. Otherwise `chardetng` guesses a legacy charset.
//!
//! Whatever the route, the result is refused ([`DecodeError`]) when more than
//! 1 % of its characters (and more than 3) are U+FFFD or control characters
//! other than tab, newlines and form feed: that is not text in that charset.
//! A declared charset that fails this test is ignored and detection tried.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};
use thiserror::Error;
use warlog_model::Format;

use crate::mojibake::repair_mojibake;

/// How far into an HTML page `<meta charset>` is looked for.
const META_WINDOW: usize = 8 * 1024;
/// How much chardetng reads: enough to decide, bounded for 20 MB pages.
const DETECT_WINDOW: usize = 1024 * 1024;

/// Where the character set came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CharsetSource {
    Bom,
    /// Given by the caller (an HTTP or WARC `Content-Type`).
    Declared,
    /// `<meta charset>`, `<meta http-equiv>` or an XML declaration.
    Meta,
    /// Valid (or mostly valid) UTF-8.
    Utf8,
    /// Guessed by `chardetng`.
    Detected,
}

/// A decoded page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// WHATWG name of the encoding used ("UTF-8", "windows-1252", ...).
    pub encoding: &'static str,
    pub source: CharsetSource,
    /// Invalid sequences replaced with U+FFFD.
    pub replaced: usize,
    /// True when [`repair_mojibake`] changed the text.
    pub repaired: bool,
    /// What a reader of the result should know (a declaration overruled, replacements).
    pub notes: Vec<String>,
}

/// Bytes that are not text in any charset tried.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error("{bad} of {total} characters are invalid or control characters when read as {encoding} ({how})")]
pub struct DecodeError {
    pub encoding: &'static str,
    pub bad: usize,
    pub total: usize,
    /// How the encoding was chosen ("declared", "detected", ...).
    pub how: &'static str,
}

/// Decodes `bytes` (see the module documentation for the order of rules).
/// `declared` is a charset label from outside the bytes (HTTP, WARC);
/// `format` enables the HTML `<meta>` prescan.
pub fn decode(bytes: &[u8], declared: Option<&str>, format: Format) -> Result<Decoded, DecodeError> {
    let mut decoded = decode_raw(bytes, declared, format)?;
    if let Cow::Owned(fixed) = repair_mojibake(&decoded.text) {
        decoded.text = fixed;
        decoded.repaired = true;
        decoded.notes.push(REPAIRED_NOTE.to_string());
    }
    Ok(decoded)
}

const REPAIRED_NOTE: &str = "mojibake repaired";

/// `text` with mojibake repaired, and whether it was (noted in `notes`).
pub(crate) fn repair_noted(text: &str, notes: &mut Vec<String>) -> (String, bool) {
    match repair_mojibake(text) {
        Cow::Owned(fixed) => {
            notes.push(REPAIRED_NOTE.to_string());
            (fixed, true)
        }
        Cow::Borrowed(same) => (same.to_owned(), false),
    }
}

fn decode_raw(bytes: &[u8], declared: Option<&str>, format: Format) -> Result<Decoded, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return checked(text.into_owned(), encoding, CharsetSource::Bom, 0, Vec::new());
    }
    let label = match declared.and_then(encoding_for_label) {
        Some(encoding) => Some((encoding, CharsetSource::Declared)),
        None if format == Format::Html => meta_charset(bytes).map(|e| (e, CharsetSource::Meta)),
        None => None,
    };
    let mut notes = Vec::new();

    if let Ok(text) = std::str::from_utf8(bytes) {
        match label {
            Some((encoding, _)) if !encoding.is_ascii_compatible() => {}
            Some((encoding, source)) if encoding != UTF_8 => {
                if !text.is_ascii() {
                    notes.push(format!("{} says {} but the bytes are UTF-8", source_name(source), encoding.name()));
                }
                return checked(text.to_owned(), UTF_8, CharsetSource::Utf8, 0, notes);
            }
            Some((_, source)) => return checked(text.to_owned(), UTF_8, source, 0, notes),
            None => return checked(text.to_owned(), UTF_8, CharsetSource::Utf8, 0, notes),
        }
    }

    if let Some((encoding, source)) = label {
        let attempt = if encoding == UTF_8 {
            mostly_utf8(bytes).map(|(text, replaced)| (text, replaced, source))
        } else {
            let (text, _) = encoding.decode_without_bom_handling(bytes);
            Some((text.into_owned(), 0, source))
        };
        if let Some((text, replaced, source)) = attempt {
            let n = notes.clone();
            match checked(text, encoding, source, replaced, n) {
                Ok(decoded) => return Ok(decoded),
                Err(_) => notes.push(format!("{} says {} but the bytes are not", source_name(source), encoding.name())),
            }
        } else {
            notes.push(format!("{} says UTF-8 but the bytes are not", source_name(source)));
        }
    }

    if let Some((text, replaced)) = mostly_utf8(bytes) {
        return checked(text, UTF_8, CharsetSource::Utf8, replaced, notes);
    }

    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let window = &bytes[..bytes.len().min(DETECT_WINDOW)];
    detector.feed(window, window.len() == bytes.len());
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    checked(text.into_owned(), encoding, CharsetSource::Detected, 0, notes)
}

fn source_name(source: CharsetSource) -> &'static str {
    match source {
        CharsetSource::Bom => "the BOM",
        CharsetSource::Declared => "Content-Type",
        CharsetSource::Meta => "<meta charset>",
        CharsetSource::Utf8 => "UTF-8 validation",
        CharsetSource::Detected => "detection",
    }
}

/// An encoding for a charset label, ignoring labels WHATWG maps to the
/// "replacement" encoding (which would turn the page into one U+FFFD). A
/// UTF-16 label without a BOM is read as UTF-8, as browsers do for `<meta>`:
/// real UTF-16 has a BOM or NUL bytes (refused as binary before decoding).
fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    let label = label.trim().trim_matches(|c| c == '"' || c == '\'');
    Encoding::for_label_no_replacement(label.as_bytes()).map(Encoding::output_encoding)
}

/// UTF-8 with a few bad bytes: `Some((text, replaced))` when the invalid
/// sequences are rare (≤ 1 per 1 000 bytes, at least 1 allowed) and valid
/// multi-byte characters outnumber them ten to one. A legacy single-byte
/// page has no valid multi-byte characters, so it never passes.
fn mostly_utf8(bytes: &[u8]) -> Option<(String, usize)> {
    let mut invalid = 0usize;
    let mut multibyte = 0usize;
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().bytes().filter(|&b| b >= 0xc0).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    let allowed = (bytes.len() / 1000).max(1);
    if invalid > allowed || multibyte < invalid * 10 {
        return None;
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    Some((text, invalid))
}

/// Accepts the text unless too many characters are U+FFFD or controls.
fn checked(
    text: String,
    encoding: &'static Encoding,
    source: CharsetSource,
    replaced: usize,
    mut notes: Vec<String>,
) -> Result<Decoded, DecodeError> {
    let (bad, total) = badness(&text);
    if bad > 3 && bad * 100 > total {
        let how = match source {
            CharsetSource::Bom => "byte order mark",
            CharsetSource::Declared => "declared",
            CharsetSource::Meta => "declared in <meta>",
            CharsetSource::Utf8 => "UTF-8",
            CharsetSource::Detected => "best guess",
        };
        return Err(DecodeError { encoding: encoding.name(), bad, total, how });
    }
    if replaced > 0 {
        notes.push(format!("{replaced} invalid UTF-8 sequence(s) replaced with U+FFFD"));
    }
    Ok(Decoded { text, encoding: encoding.name(), source, replaced, repaired: false, notes })
}

/// (characters that are U+FFFD or non-whitespace controls, all characters).
///
/// Counted on the bytes, which the compiler vectorises: a character starts
/// at every byte that is not a continuation byte (10xxxxxx); the controls
/// are the bad ASCII bytes and the C1 controls U+0080-U+009F (C2 80-C2 9F),
/// and U+FFFD is EF BF BD. The same counts as a walk over the `char`s.
fn badness(text: &str) -> (usize, usize) {
    let bytes = text.as_bytes();
    // Per 64-byte chunk in u8 counters: the form that vectorises best.
    let count = |chunk: &[u8]| {
        let (mut bad, mut starts) = (0u8, 0u8);
        for &b in chunk {
            bad += u8::from(is_bad_ascii(b));
            starts += u8::from((b as i8) >= -0x40);
        }
        (usize::from(bad), usize::from(starts))
    };
    let chunks = bytes.chunks_exact(64);
    let (mut bad, mut total) = count(chunks.remainder());
    for chunk in chunks {
        let (b, t) = count(chunk);
        bad += b;
        total += t;
    }
    if total == bytes.len() {
        return (bad, total);
    }
    for at in memchr::memchr2_iter(0xc2, 0xef, bytes) {
        bad += usize::from(match bytes[at] {
            0xc2 => bytes.get(at + 1).is_some_and(|b| (0x80..=0x9f).contains(b)),
            _ => bytes.get(at + 1..at + 3) == Some(&[0xbf, 0xbd][..]),
        });
    }
    (bad, total)
}

fn is_bad_ascii(b: u8) -> bool {
    // Written with `&`/`|` rather than `matches!`, so that it vectorises.
    (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') & (b != 0x0c) | (b == 0x7f)
}

/// The charset declared in the first 8 KB of an HTML page: `<meta charset=x>`,
/// `<meta http-equiv=Content-Type content="text/html; charset=x">`, or an XML
/// declaration's `encoding="x"`.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(META_WINDOW)].to_ascii_lowercase();
    if head.starts_with(b"<?xml") {
        let end = memchr::memmem::find(&head, b"?>").unwrap_or(head.len());
        if let Some(label) = attribute_value(&head[..end], b"encoding")
            && let Some(encoding) = encoding_for_label(label)
        {
            return Some(encoding);
        }
    }
    for start in memchr::memmem::find_iter(&head, b"<meta") {
        let tag = &head[start..];
        let tag = &tag[..memchr::memchr(b'>', tag).unwrap_or(tag.len())];
        if let Some(label) = attribute_value(tag, b"charset")
            && let Some(encoding) = encoding_for_label(label)
        {
            return Some(encoding);
        }
    }
    None
}

/// The value after `name` `=` in a tag, unquoted, stopping at a quote,
/// space, `;`, `/` or `>`. Matches `charset` inside `content="...; charset=x"` too.
fn attribute_value<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a str> {
    for at in memchr::memmem::find_iter(tag, name) {
        let rest = &tag[at + name.len()..];
        let rest = trim_start(rest);
        let Some(rest) = rest.strip_prefix(b"=") else { continue };
        let rest = trim_start(rest);
        let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
        let end = rest
            .iter()
            .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let value = std::str::from_utf8(&rest[..end]).ok()?;
        if !value.is_empty() {
            return Some(value);
        }
    }
    None
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let skip = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &bytes[skip..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn text(bytes: &[u8], declared: Option<&str>, format: Format) -> (String, &'static str, CharsetSource) {
        let d = decode(bytes, declared, format).unwrap();
        (d.text, d.encoding, d.source)
    }

    #[test]
    fn utf8_is_kept_byte_for_byte() {
        let s = "Gəncə\r\nBərdə, «Füzuli» — e\u{301}\n";
        assert_eq!(text(s.as_bytes(), None, Format::Text), (s.to_string(), "UTF-8", CharsetSource::Utf8));
    }

    #[test]
    fn bom_wins_and_is_removed() {
        assert_eq!(text(b"\xef\xbb\xbfabc", Some("windows-1252"), Format::Text).0, "abc");
        let utf16: Vec<u8> =
            [0xff, 0xfe].into_iter().chain("Bakou".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(text(&utf16, None, Format::Text), ("Bakou".into(), "UTF-16LE", CharsetSource::Bom));
    }

    #[test]
    fn declared_charset() {
        assert_eq!(
            text(b"r\xe9ponse", Some("ISO-8859-1"), Format::Text),
            ("réponse".into(), "windows-1252", CharsetSource::Declared)
        );
        // Declared legacy, but valid UTF-8: UTF-8 wins, with a note.
        let d = decode("réponse".as_bytes(), Some("iso-8859-1"), Format::Text).unwrap();
        assert_eq!((d.text.as_str(), d.source), ("réponse", CharsetSource::Utf8));
        assert_eq!(d.notes, ["Content-Type says windows-1252 but the bytes are UTF-8"]);
        // Unknown labels are ignored.
        assert_eq!(text(b"abc", Some("no-such-charset"), Format::Text).0, "abc");
    }

    #[test]
    fn meta_charset_in_html() {
        let page = b"<html><head><meta charset=\"windows-1251\"></head><body>\xcf\xf0\xe8\xe2\xe5\xf2</body></html>";
        let (t, enc, src) = text(page, None, Format::Html);
        assert!(t.contains("Привет"), "{t}");
        assert_eq!((enc, src), ("windows-1251", CharsetSource::Meta));
        let page = b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'><p>d\xe9j\xe0</p>";
        assert!(text(page, None, Format::Html).0.contains("déjà"));
        let page = b"<?xml version=\"1.0\" encoding=\"iso-8859-15\"?><html><p>\xa4</p></html>";
        assert!(text(page, None, Format::Html).0.contains('€'));
        // Not an HTML page: the same bytes are not looked into.
        assert_eq!(meta_charset(b"<meta charset=utf-16>"), Some(UTF_8));
    }

    #[test]
    fn a_few_bad_bytes_become_replacement_characters() {
        let mut bytes = "Frappe à Gandja, déclare le ministère. ".repeat(40).into_bytes();
        bytes.push(0xff);
        bytes.extend_from_slice(b" fin");
        let d = decode(&bytes, None, Format::Text).unwrap();
        assert_eq!((d.encoding, d.replaced), ("UTF-8", 1));
        assert!(d.text.ends_with("\u{fffd} fin"));
        assert_eq!(d.notes, ["1 invalid UTF-8 sequence(s) replaced with U+FFFD"]);
    }

    #[test]
    fn legacy_text_is_detected() {
        let bytes =
            b"Le minist\xe8re de la D\xe9fense a d\xe9clar\xe9 que les frappes ont \xe9t\xe9 men\xe9es \xe0 l'aube.";
        let d = decode(bytes, None, Format::Text).unwrap();
        assert_eq!(d.source, CharsetSource::Detected);
        assert!(d.text.contains("ministère de la Défense"), "{}", d.text);
    }

    #[test]
    fn declared_utf8_that_is_latin1_falls_back_to_detection() {
        let bytes = b"Le minist\xe8re de la D\xe9fense a d\xe9clar\xe9 que les frappes ont \xe9t\xe9 men\xe9es.";
        let d = decode(bytes, Some("utf-8"), Format::Text).unwrap();
        assert_eq!(d.source, CharsetSource::Detected);
        assert!(d.text.contains("Défense"));
        assert_eq!(d.notes, ["Content-Type says UTF-8 but the bytes are not"]);
    }

    #[test]
    fn garbage_is_refused() {
        // Noise in the upper half: not UTF-8, malformed in the multi-byte
        // charsets, undefined or control characters in the single-byte ones.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let bytes: Vec<u8> = (0..2000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8 | 0x80
            })
            .collect();
        let err = decode(&bytes, None, Format::Text).unwrap_err();
        assert!(err.bad * 100 > err.total, "{err}");
        assert!(err.to_string().contains("characters are invalid or control characters"), "{err}");
    }

    #[test]
    fn mojibake_is_repaired_after_decoding() {
        let d = decode("Le ministÃ¨re de la DÃ©fense".as_bytes(), None, Format::Text).unwrap();
        assert_eq!(d.text, "Le ministère de la Défense");
        assert!(d.repaired);
    }

    /// The walk over `char`s that [`badness`] counts the same as.
    fn badness_by_chars(text: &str) -> (usize, usize) {
        let bad = text
            .chars()
            .filter(|&c| c == '\u{fffd}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c')))
            .count();
        (bad, text.chars().count())
    }

    #[test]
    fn badness_counts_replacements_and_controls() {
        for s in ["", "abc\t\n", "a\x00b\x7f", "é\u{85}\u{9f}\u{a0}\u{fffd}\u{fffe}\u{ffff}€", "\u{ef}\u{bf}\u{bd}"]
        {
            assert_eq!(badness(s), badness_by_chars(s), "{s:?}");
        }
        assert_eq!(badness("x\u{fffd}\u{80}\x01"), (3, 4));
    }

    proptest! {
        #[test]
        fn badness_is_the_char_walk(s in "\\PC*|[\\x00-\\x{a0}\\x{fff0}-\\x{ffff}]*") {
            prop_assert_eq!(badness(&s), badness_by_chars(&s));
        }

        #[test]
        fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600), html in any::<bool>()) {
            let format = if html { Format::Html } else { Format::Text };
            if let Ok(d) = decode(&bytes, None, format) {
                prop_assert!(d.replaced <= bytes.len());
            }
            let _ = decode(&bytes, Some("utf-8"), format);
            let _ = decode(&bytes, Some("shift_jis"), format);
        }

        #[test]
        fn valid_utf8_decodes_to_itself(s in "\\PC*") {
            prop_assume!(!s.starts_with('\u{feff}'));
            if let Ok(d) = decode(s.as_bytes(), None, Format::Text) {
                // Byte for byte, unless there was mojibake-looking text to repair.
                prop_assert_eq!(d.text, repair_mojibake(&s));
            }
        }
    }
}
