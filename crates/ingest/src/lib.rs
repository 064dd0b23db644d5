//! Reads pages from files, folders, gzip, JSON Lines, WARC and stdin, and decodes them to text.
//!
//! This is warlog's only stage that touches the file system. [`Inputs`] walks
//! the paths it is given (folders recursively, in sorted order, hidden entries
//! skipped) and yields one [`RawPage`] per page, or one [`IngestError`] per
//! input that could not be read — a one-line message naming the input and the
//! reason — and then goes on with the next input. Nothing is loaded in bulk:
//! files are read one at a time, JSON Lines and WARC files record by record.
//!
//! | input | pages |
//! |---|---|
//! | `.txt` `.text` `.md` | one text page |
//! | `.html` `.htm` `.xhtml` | one HTML page |
//! | `.jsonl` `.ndjson` | one page per line: `id`, `url`, `published`, `title`, `html` or `text` |
//! | `.warc` | one page per `response`/`resource` record with an HTML or plain-text payload |
//! | any of these + `.gz` | the same, decompressed |
//! | `-` | stdin, recognised by its content |
//! | other names | recognised by their content (HTML, text, JSON Lines, WARC or binary) |
//!
//! Each page's bytes are kept as read ([`RawPage::raw`], what [`doc_id`]
//! hashes) and decoded ([`decode`]: BOM, declared charset, `<meta charset>`,
//! UTF-8, then detection) into [`RawPage::text`], with obvious mojibake
//! repaired ([`repair_mojibake`]). Valid UTF-8 text files decode to exactly
//! their bytes (no normalisation, line endings kept), so byte offsets into the
//! text are offsets into the file, mojibake repairs and a UTF-8 BOM aside.
//!
//! ```
//! use warlog_ingest::{IngestOptions, Inputs};
//! use warlog_model::Format;
//!
//! let dir = tempfile::tempdir()?;
//! std::fs::write(dir.path().join("a.txt"), "Bakou accuse Erevan.\n")?;
//! std::fs::write(dir.path().join("b.html"), "<p>Frappe sur Gandja</p>")?;
//! std::fs::write(dir.path().join("c.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")?;
//!
//! let mut pages = Vec::new();
//! let mut errors = Vec::new();
//! for item in Inputs::new([dir.path()], IngestOptions::default()) {
//!     match item {
//!         Ok(page) => pages.push(page),
//!         Err(e) => errors.push(e.to_string()),
//!     }
//! }
//! assert_eq!(pages[0].text, "Bakou accuse Erevan.\n");
//! assert_eq!(pages[1].format, Format::Html);
//! assert!(errors[0].ends_with("c.png: binary file (PNG image), not a text or HTML page"));
//! # Ok::<(), std::io::Error>(())
//! ```

mod decode;
mod error;
mod gzip;
mod http;
mod inputs;
mod jsonl;
mod manifest;
mod mojibake;
mod page;
mod sniff;
mod walk;
mod warc;

pub use decode::{CharsetSource, DecodeError, Decoded, decode};
pub use error::{IngestError, IngestErrorKind};
pub use inputs::Inputs;
pub use jsonl::JsonLines;
pub use manifest::Manifest;
pub use mojibake::repair_mojibake;
pub use page::{PageHints, RawPage, doc_id};
pub use warc::Warc;

/// Default largest page, once decompressed: 20 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 20 * 1024 * 1024;

/// How inputs are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IngestOptions {
    /// Largest page accepted, in bytes after decompression (a file, a JSON
    /// Lines line, a WARC record). Larger pages are an error for that page.
    pub max_bytes: u64,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions { max_bytes: DEFAULT_MAX_BYTES }
    }
}
