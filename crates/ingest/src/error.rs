//! Errors of ingest: one line each, "origin: reason", so that the command
//! line can print them as they come and carry on with the next input.

use std::io;

use thiserror::Error;

use crate::decode::DecodeError;

/// An input (file, JSON Lines line, WARC record, stdin) that yielded no page.
#[derive(Debug, Error)]
#[error("{origin}: {kind}")]
pub struct IngestError {
    /// The path, `path#L12` for a JSON Lines line, `path#3` for a WARC record, `-` for stdin.
    pub origin: String,
    pub kind: IngestErrorKind,
}

impl IngestError {
    pub fn new(origin: impl Into<String>, kind: IngestErrorKind) -> IngestError {
        IngestError { origin: origin.into(), kind }
    }
}

/// Why an input yielded no page.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum IngestErrorKind {
    #[error("no such file or folder")]
    NotFound,
    #[error("cannot read ({0})")]
    Io(#[source] io::Error),
    #[error("empty file")]
    EmptyFile,
    #[error("empty page")]
    EmptyPage,
    #[error("binary file ({0}), not a text or HTML page")]
    BinaryFile(&'static str),
    #[error("binary content (NUL bytes or control characters), not a text or HTML page")]
    BinaryContent,
    #[error("too large ({size} bytes > limit {limit}; use --max-bytes)")]
    TooLarge { size: u64, limit: u64 },
    /// Size unknown in advance (stdin, gzip): reading stopped at the limit.
    #[error("too large (more than {limit} bytes; use --max-bytes)")]
    TooLargeStream { limit: u64 },
    /// `after` counts decompressed bytes.
    #[error("truncated gzip stream after {after} bytes")]
    TruncatedGzip { after: u64 },
    #[error("corrupt gzip stream after {after} bytes ({reason})")]
    BadGzip { after: u64, reason: String },
    #[error("undecodable: {0}")]
    Decode(#[from] DecodeError),
    #[error("bad JSON ({0})")]
    BadJson(String),
    #[error("a JSON Lines record needs an \"html\" or \"text\" string")]
    NoContent,
    #[error("not JSON Lines (line 1: {0}); name JSON Lines files .jsonl")]
    NotJsonLines(String),
    #[error("WARC record {record} truncated (Content-Length {expected}, got {got})")]
    TruncatedWarc { record: u64, expected: u64, got: u64 },
    #[error("WARC record {record} truncated in its header")]
    TruncatedWarcHeader { record: u64 },
    #[error("bad WARC record {record} ({reason})")]
    BadWarc { record: u64, reason: String },
    #[error("bad HTTP payload ({0})")]
    BadHttp(String),
}

impl IngestErrorKind {
    /// Maps an IO error met while reading a (possibly gzip) stream, `after`
    /// decompressed bytes in. flate2 reports a cut stream as `UnexpectedEof`
    /// and a damaged one as `InvalidInput`/`InvalidData`.
    pub(crate) fn from_read(err: io::Error, gzip: bool, after: u64) -> IngestErrorKind {
        match err.kind() {
            io::ErrorKind::UnexpectedEof if gzip => IngestErrorKind::TruncatedGzip { after },
            io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData if gzip => {
                IngestErrorKind::BadGzip { after, reason: err.to_string() }
            }
            io::ErrorKind::NotFound => IngestErrorKind::NotFound,
            _ => IngestErrorKind::Io(err),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_one_line_naming_origin() {
        let e = IngestError::new("big.html", IngestErrorKind::TooLarge { size: 104857600, limit: 20971520 });
        assert_eq!(e.to_string(), "big.html: too large (104857600 bytes > limit 20971520; use --max-bytes)");
        let e = IngestError::new("a.warc", IngestErrorKind::TruncatedWarc { record: 3, expected: 5120, got: 812 });
        assert_eq!(e.to_string(), "a.warc: WARC record 3 truncated (Content-Length 5120, got 812)");
        let e = IngestError::new("a.html.gz", IngestErrorKind::TruncatedGzip { after: 812 });
        assert_eq!(e.to_string(), "a.html.gz: truncated gzip stream after 812 bytes");
    }

    #[test]
    fn gzip_eof_is_truncation() {
        let err = io::Error::new(io::ErrorKind::UnexpectedEof, "eof");
        assert!(matches!(IngestErrorKind::from_read(err, true, 7), IngestErrorKind::TruncatedGzip { after: 7 }));
        let err = io::Error::new(io::ErrorKind::UnexpectedEof, "eof");
        assert!(matches!(IngestErrorKind::from_read(err, false, 7), IngestErrorKind::Io(_)));
    }
}
