//! A page as read: its origin, its bytes, its decoded text, and what the
//! container said about it (URL, date, title).

use sha2::{Digest, Sha256};
use warlog_model::{Date, DocId, DocumentMeta, Format};

use crate::decode::decode;
use crate::error::{IngestError, IngestErrorKind};
use crate::sniff::check_page_bytes;

/// What the container (a JSON Lines record, a WARC header) says about a page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageHints {
    /// The caller's id (JSON Lines `id`), echoed back in per-page output.
    pub id: Option<String>,
    pub url: Option<String>,
    pub published: Option<Date>,
    pub title: Option<String>,
    /// When a crawler fetched the page (WARC-Date), as written there; not a publication date.
    pub crawled: Option<String>,
}

/// One page, read and decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawPage {
    /// The path, `path#L12` for JSON Lines line 12, `path#3` for WARC record 3, `-` for stdin.
    pub origin: String,
    /// The bytes as read, after gzip and HTTP decoding: what [`doc_id`] hashes.
    /// For JSON Lines, the UTF-8 of the `html` or `text` string.
    pub raw: Vec<u8>,
    /// The decoded text, mojibake repaired: for [`Format::Text`] what every
    /// offset points into; for [`Format::Html`] the markup to extract from.
    pub text: String,
    pub format: Format,
    pub hints: PageHints,
    /// WHATWG name of the encoding the text was decoded from.
    pub encoding: &'static str,
    /// True when mojibake was repaired.
    pub repaired: bool,
    /// Things worth knowing that did not stop the page (replaced bytes, an
    /// overruled charset, an unreadable `published`).
    pub notes: Vec<String>,
}

impl RawPage {
    /// The document id: hex SHA-256 of [`RawPage::raw`].
    pub fn doc_id(&self) -> DocId {
        doc_id(&self.raw)
    }

    /// The metadata the container gave (title, URL, publication date).
    pub fn meta(&self) -> DocumentMeta {
        DocumentMeta {
            url: self.hints.url.clone(),
            title: self.hints.title.clone(),
            published: self.hints.published,
            ..DocumentMeta::default()
        }
    }
}

/// Hex SHA-256 of `raw`: the identity of a document.
pub fn doc_id(raw: &[u8]) -> DocId {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(raw);
    let mut out = String::with_capacity(64);
    for b in digest.iter() {
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 0x0f)] as char);
    }
    out
}

/// Checks, decodes and wraps the bytes of one page.
pub(crate) fn page_from_bytes(
    origin: String,
    raw: Vec<u8>,
    format: Format,
    declared: Option<&str>,
    hints: PageHints,
) -> Result<RawPage, IngestError> {
    if let Err(kind) = check_page_bytes(&raw) {
        return Err(IngestError::new(origin, kind));
    }
    let decoded = match decode(&raw, declared, format) {
        Ok(d) => d,
        Err(e) => return Err(IngestError::new(origin, IngestErrorKind::Decode(e))),
    };
    if decoded.text.trim().is_empty() {
        return Err(IngestError::new(origin, IngestErrorKind::EmptyFile));
    }
    Ok(RawPage {
        origin,
        raw,
        text: decoded.text,
        format,
        hints,
        encoding: decoded.encoding,
        repaired: decoded.repaired,
        notes: decoded.notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_id_is_hex_sha256() {
        assert_eq!(doc_id(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(doc_id(b"").len(), 64);
    }

    #[test]
    fn pages_are_checked() {
        let err = page_from_bytes("x".into(), b"%PDF-1.4".to_vec(), Format::Text, None, PageHints::default());
        assert_eq!(err.unwrap_err().to_string(), "x: binary file (PDF document), not a text or HTML page");
        let err =
            page_from_bytes("y".into(), b"\xef\xbb\xbf\xc2\xa0".to_vec(), Format::Text, None, PageHints::default());
        assert_eq!(err.unwrap_err().to_string(), "y: empty file");
        let page = page_from_bytes("z".into(), b"Erevan".to_vec(), Format::Text, None, PageHints::default()).unwrap();
        assert_eq!((page.text.as_str(), page.encoding, page.doc_id().len()), ("Erevan", "UTF-8", 64));
    }
}
