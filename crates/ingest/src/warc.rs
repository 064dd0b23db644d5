//! WARC input (1.0 and 1.1, plain or as a series of gzip members): one page
//! per `response` or `resource` record whose payload is HTML or plain text.
//!
//! Records are read one at a time, so a 2 GB archive streams. Other record
//! types (`warcinfo`, `request`, `metadata`, `revisit`, ...), non-2xx
//! responses, empty payloads and payloads that are not HTML or text are
//! skipped silently. A record that cannot be turned into a page is an error
//! for that record (`path#3`) and reading goes on; a cut or unparsable record
//! header ends the file, because the next record cannot be found.

use std::io::{self, BufRead, Read};

use warlog_model::Format;

use crate::error::{IngestError, IngestErrorKind};
use crate::http::{decoded_body, parse_content_type, parse_response};
use crate::page::{PageHints, RawPage, page_from_bytes};
use crate::sniff::{binary_magic, is_binary_content, looks_like_html};

/// Room for HTTP headers on top of the page size limit.
const HTTP_HEAD_ALLOWANCE: u64 = 64 * 1024;
/// Longest header line, and largest header block, accepted.
const MAX_HEADER_LINE: u64 = 64 * 1024;
const MAX_HEADER_BLOCK: usize = 1024 * 1024;

/// Pages of a WARC stream (plain or decompressed).
pub struct Warc<R> {
    reader: R,
    origin: String,
    max_bytes: u64,
    gzip: bool,
    /// Number of the record being read, from 1, counting every record type.
    record: u64,
    /// Bytes read so far (decompressed), for "gzip stream ... after N bytes".
    consumed: u64,
    done: bool,
}

/// The WARC header fields warlog uses.
#[derive(Debug, Default)]
struct Header {
    warc_type: String,
    content_length: u64,
    target_uri: Option<String>,
    date: Option<String>,
    content_type: Option<String>,
}

/// What one record gave.
enum Step {
    Page(Box<RawPage>),
    RecordError(IngestError),
    Skip,
    End,
}

impl<R: BufRead> Warc<R> {
    /// Reads `reader` as WARC; `origin` names it (`origin#3` for record 3);
    /// `gzip` says whether read errors come from a gzip decoder.
    pub fn new(reader: R, origin: impl Into<String>, max_bytes: u64, gzip: bool) -> Warc<R> {
        Warc { reader, origin: origin.into(), max_bytes, gzip, record: 0, consumed: 0, done: false }
    }

    fn fatal(&self, kind: IngestErrorKind) -> IngestError {
        IngestError::new(self.origin.clone(), kind)
    }

    /// One line, newline included; `Ok(0)` at the end of the stream.
    fn read_line(&mut self, line: &mut Vec<u8>) -> io::Result<usize> {
        line.clear();
        let n = (&mut self.reader).take(MAX_HEADER_LINE).read_until(b'\n', line)?;
        self.consumed += n as u64;
        Ok(n)
    }

    fn read_header(&mut self) -> Result<Option<Header>, IngestErrorKind> {
        let mut line = Vec::new();
        let gzip = self.gzip;
        let io_err = |e: io::Error, record, after| match e.kind() {
            io::ErrorKind::UnexpectedEof => IngestErrorKind::TruncatedWarcHeader { record },
            _ => IngestErrorKind::from_read(e, gzip, after),
        };
        loop {
            // Between records, a cut gzip stream is just that (the last record was whole).
            if self.read_line(&mut line).map_err(|e| IngestErrorKind::from_read(e, gzip, self.consumed))? == 0 {
                return Ok(None);
            }
            if !line.iter().all(u8::is_ascii_whitespace) {
                break;
            }
        }
        self.record += 1;
        let record = self.record;
        if !line.starts_with(b"WARC/") {
            let found = String::from_utf8_lossy(&line[..line.len().min(40)]).trim_end().to_string();
            return Err(IngestErrorKind::BadWarc {
                record,
                reason: format!("expected WARC/1.0 or WARC/1.1, found {found:?}"),
            });
        }
        let mut header = Header::default();
        let mut content_length = None;
        let mut last: Option<String> = None;
        let mut size = 0;
        loop {
            let n = self.read_line(&mut line).map_err(|e| io_err(e, record, self.consumed))?;
            if n == 0 || line.last() != Some(&b'\n') {
                return Err(if n as u64 == MAX_HEADER_LINE {
                    IngestErrorKind::BadWarc { record, reason: "header line too long".to_string() }
                } else {
                    IngestErrorKind::TruncatedWarcHeader { record }
                });
            }
            size += n;
            if size > MAX_HEADER_BLOCK {
                return Err(IngestErrorKind::BadWarc { record, reason: "header block over 1 MiB".to_string() });
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                break;
            }
            if text.starts_with([' ', '\t']) {
                // Folded continuation of the previous field: only values warlog keeps matter.
                if let Some(value) = continued(&mut header, last.as_deref()) {
                    value.push(' ');
                    value.push_str(text.trim());
                }
                continue;
            }
            let Some((name, value)) = text.split_once(':') else { continue };
            let name = name.trim().to_ascii_lowercase();
            let value = value.trim().to_string();
            match name.as_str() {
                "warc-type" => header.warc_type = value.to_ascii_lowercase(),
                "content-length" => content_length = Some(value),
                "warc-target-uri" => {
                    header.target_uri = Some(value.trim_start_matches('<').trim_end_matches('>').to_string())
                }
                "warc-date" => header.date = Some(value),
                "content-type" => header.content_type = Some(value),
                _ => {}
            }
            last = Some(name);
        }
        header.content_length = match content_length.as_deref().map(str::parse::<u64>) {
            Some(Ok(n)) => n,
            Some(Err(_)) => {
                let reason = format!("bad Content-Length {:?}", content_length.unwrap_or_default());
                return Err(IngestErrorKind::BadWarc { record, reason });
            }
            None => return Err(IngestErrorKind::BadWarc { record, reason: "no Content-Length".to_string() }),
        };
        Ok(Some(header))
    }

    /// Reads up to `n` block bytes into `out` (`keep`) or discards them;
    /// returns how many arrived, or the error that stopped reading.
    fn read_block(&mut self, n: u64, out: Option<&mut Vec<u8>>) -> Result<u64, (io::Error, u64)> {
        let mut counter = crate::gzip::Counting::new((&mut self.reader).take(n));
        let result = match out {
            Some(buf) => counter.read_to_end(buf).map(|_| ()),
            None => io::copy(&mut counter, &mut io::sink()).map(|_| ()),
        };
        let got = counter.count;
        self.consumed += got;
        result.map(|()| got).map_err(|e| (e, got))
    }

    fn step(&mut self) -> Result<Step, IngestErrorKind> {
        let Some(header) = self.read_header()? else { return Ok(Step::End) };
        let record = self.record;
        let expected = header.content_length;
        let gzip = self.gzip;
        let truncated = |(e, got): (io::Error, u64), after: u64| match e.kind() {
            io::ErrorKind::UnexpectedEof => IngestErrorKind::TruncatedWarc { record, expected, got },
            _ => IngestErrorKind::from_read(e, gzip, after),
        };
        if !matches!(header.warc_type.as_str(), "response" | "resource") {
            let got = self.read_block(expected, None).map_err(|e| truncated(e, self.consumed))?;
            if got < expected {
                return Err(IngestErrorKind::TruncatedWarc { record, expected, got });
            }
            return Ok(Step::Skip);
        }
        let keep = expected.min(self.max_bytes.saturating_add(HTTP_HEAD_ALLOWANCE));
        let mut block = Vec::with_capacity(usize::try_from(keep.min(1 << 20)).unwrap_or(0));
        let mut got = self.read_block(keep, Some(&mut block)).map_err(|e| truncated(e, self.consumed))?;
        if got == keep && expected > keep {
            got += self.read_block(expected - keep, None).map_err(|(e, n)| truncated((e, keep + n), self.consumed))?;
        }
        if got < expected {
            return Err(IngestErrorKind::TruncatedWarc { record, expected, got });
        }
        Ok(self.page(header, &block, expected > keep))
    }

    /// The page in a record's block, if it holds one.
    fn page(&self, header: Header, block: &[u8], oversized: bool) -> Step {
        let origin = format!("{}#{}", self.origin, self.record);
        let record_error = |kind| Step::RecordError(IngestError::new(origin.clone(), kind));
        let is_http = match header.content_type.as_deref() {
            Some(ct) => ct.trim().to_ascii_lowercase().starts_with("application/http"),
            None => block.starts_with(b"HTTP/"),
        };
        let (format, content_type, body) = if header.warc_type == "response" && is_http {
            let response = match parse_response(block) {
                Ok(r) => r,
                Err(_) if oversized => return record_error(self.too_large(header.content_length)),
                Err(reason) => return record_error(IngestErrorKind::BadHttp(reason)),
            };
            if !(200..300).contains(&response.status) {
                return Step::Skip;
            }
            let Some(format) = page_format(response.content_type.as_deref(), response.body) else { return Step::Skip };
            if oversized {
                return record_error(self.too_large(header.content_length));
            }
            match decoded_body(&response, self.max_bytes) {
                Ok(body) => (format, response.content_type.clone(), body),
                Err(kind) => return record_error(kind),
            }
        } else {
            let Some(format) = page_format(header.content_type.as_deref(), block) else { return Step::Skip };
            if oversized {
                return record_error(self.too_large(header.content_length));
            }
            (format, header.content_type.clone(), block.to_vec())
        };
        if body.len() as u64 > self.max_bytes {
            return record_error(IngestErrorKind::TooLarge { size: body.len() as u64, limit: self.max_bytes });
        }
        if body.iter().all(u8::is_ascii_whitespace) {
            return Step::Skip;
        }
        let charset = content_type.as_deref().and_then(|ct| parse_content_type(ct).1);
        let hints = PageHints { url: header.target_uri, crawled: header.date, ..PageHints::default() };
        match page_from_bytes(origin, body, format, charset.as_deref(), hints) {
            Ok(page) => Step::Page(Box::new(page)),
            Err(e) => Step::RecordError(e),
        }
    }

    fn too_large(&self, size: u64) -> IngestErrorKind {
        IngestErrorKind::TooLarge { size, limit: self.max_bytes }
    }
}

/// The value a folded header line continues, when it is one warlog keeps.
fn continued<'h>(header: &'h mut Header, name: Option<&str>) -> Option<&'h mut String> {
    match name? {
        "warc-target-uri" => header.target_uri.as_mut(),
        "content-type" => header.content_type.as_mut(),
        _ => None,
    }
}

/// HTML or text by media type; without one, by content (binary is skipped).
fn page_format(content_type: Option<&str>, body: &[u8]) -> Option<Format> {
    let mime = content_type.map(|ct| parse_content_type(ct).0).unwrap_or_default();
    match mime.as_str() {
        "text/html" | "application/xhtml+xml" => Some(Format::Html),
        "text/plain" => Some(Format::Text),
        "" | "application/octet-stream" => {
            if binary_magic(body).is_some() || is_binary_content(body) {
                None
            } else if looks_like_html(body) {
                Some(Format::Html)
            } else {
                Some(Format::Text)
            }
        }
        _ => None,
    }
}

impl<R: BufRead> Iterator for Warc<R> {
    type Item = Result<RawPage, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.step() {
                Ok(Step::Page(page)) => return Some(Ok(*page)),
                Ok(Step::RecordError(e)) => return Some(Err(e)),
                Ok(Step::Skip) => {}
                Ok(Step::End) => {
                    self.done = true;
                    if self.record == 0 {
                        return Some(Err(self.fatal(IngestErrorKind::EmptyFile)));
                    }
                }
                Err(kind) => {
                    self.done = true;
                    return Some(Err(self.fatal(kind)));
                }
            }
        }
        None
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A WARC record with the given type, extra header lines and block.
    pub(crate) fn record(warc_type: &str, headers: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Record-ID: <urn:uuid:x>\r\n{headers}Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    pub(crate) fn http_record(uri: &str, http_head: &str, body: &[u8]) -> Vec<u8> {
        let mut block = http_head.replace('\n', "\r\n").into_bytes();
        block.extend_from_slice(b"\r\n");
        block.extend_from_slice(body);
        let headers = format!(
            "WARC-Target-URI: {uri}\r\nWARC-Date: 2020-10-28T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
        );
        record("response", &headers, &block)
    }

    pub(crate) fn sample() -> Vec<u8> {
        let mut warc = record("warcinfo", "Content-Type: application/warc-fields\r\n", b"software: test\r\n");
        warc.extend(record("request", "", b"GET / HTTP/1.1\r\n\r\n"));
        warc.extend(http_record(
            "https://x.test/fr",
            "HTTP/1.1 200 OK\nContent-Type: text/html; charset=ISO-8859-1\n",
            b"<html><p>Frappe \xe0 Gandja</p></html>",
        ));
        warc.extend(http_record("https://x.test/img", "HTTP/1.1 200 OK\nContent-Type: image/png\n", b"\x89PNG...."));
        warc.extend(http_record("https://x.test/moved", "HTTP/1.1 301 Moved\nLocation: /\n", b""));
        warc.extend(record(
            "resource",
            "WARC-Target-URI: file:///a.txt\r\nContent-Type: text/plain\r\n",
            "Bakou accuse Erevan.".as_bytes(),
        ));
        warc
    }

    fn read(input: &[u8], max: u64) -> Vec<Result<RawPage, String>> {
        Warc::new(input, "a.warc", max, false).map(|r| r.map_err(|e| e.to_string())).collect()
    }

    #[test]
    fn pages_from_records() {
        let out = read(&sample(), 1000);
        assert_eq!(out.len(), 2, "{out:?}");
        let fr = out[0].as_ref().unwrap();
        assert_eq!(fr.origin, "a.warc#3");
        assert_eq!((fr.format, fr.encoding), (Format::Html, "windows-1252"));
        assert!(fr.text.contains("Frappe à Gandja"));
        assert_eq!(fr.hints.url.as_deref(), Some("https://x.test/fr"));
        assert_eq!(fr.hints.crawled.as_deref(), Some("2020-10-28T10:00:00Z"));
        assert_eq!(fr.hints.published, None);
        let txt = out[1].as_ref().unwrap();
        assert_eq!(
            (txt.origin.as_str(), txt.format, txt.text.as_str()),
            ("a.warc#6", Format::Text, "Bakou accuse Erevan.")
        );
    }

    #[test]
    fn chunked_and_gzipped_payloads() {
        let gz = crate::gzip::tests::gzip(b"<p>Barda</p>");
        let mut chunked = format!("{:x}\r\n", gz.len()).into_bytes();
        chunked.extend_from_slice(&gz);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        let head = "HTTP/1.1 200 OK\nContent-Type: text/html\nTransfer-Encoding: chunked\nContent-Encoding: gzip\n";
        let out = read(&http_record("https://x.test/b", head, &chunked), 1000);
        assert_eq!(out[0].as_ref().unwrap().text, "<p>Barda</p>");
        assert_eq!(out[0].as_ref().unwrap().raw, b"<p>Barda</p>");
    }

    #[test]
    fn truncated_record_ends_the_file_after_earlier_pages() {
        let mut warc = sample();
        warc.extend(http_record("https://x.test/cut", "HTTP/1.1 200 OK\nContent-Type: text/html\n", &[b'a'; 5000]));
        let cut = warc.len() - 4 - 4000;
        let out = read(&warc[..cut], 100_000);
        assert_eq!(out.len(), 3);
        assert!(out[1].is_ok());
        let err = out[2].as_ref().unwrap_err();
        assert!(err.starts_with("a.warc: WARC record 7 truncated (Content-Length 50"), "{err}");
        assert!(err.ends_with(", got 1000)") || err.contains("got"), "{err}");
    }

    #[test]
    fn truncated_header_and_garbage() {
        let warc = sample();
        let out = read(&warc[..20], 1000);
        assert_eq!(out.last().unwrap().as_ref().unwrap_err(), "a.warc: WARC record 1 truncated in its header");
        let out = read(b"<html>not a warc</html>", 1000);
        assert_eq!(
            out[0].as_ref().unwrap_err(),
            "a.warc: bad WARC record 1 (expected WARC/1.0 or WARC/1.1, found \"<html>not a warc</html>\")"
        );
        assert_eq!(read(b"\r\n", 1000)[0].as_ref().unwrap_err(), "a.warc: empty file");
    }

    #[test]
    fn oversized_page_is_skipped_with_an_error() {
        let mut warc =
            http_record("https://x.test/big", "HTTP/1.1 200 OK\nContent-Type: text/html\n", &vec![b'a'; 200_000]);
        warc.extend(http_record("https://x.test/ok", "HTTP/1.1 200 OK\nContent-Type: text/plain\n", b"ok"));
        let out = read(&warc, 1000);
        assert_eq!(out.len(), 2);
        let err = out[0].as_ref().unwrap_err();
        assert!(
            err.starts_with("a.warc#1: too large (200") && err.ends_with("> limit 1000; use --max-bytes)"),
            "{err}"
        );
        assert_eq!(out[1].as_ref().unwrap().text, "ok");
    }

    proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = Warc::new(&bytes[..], "p", 64, false).count();
        }

        #[test]
        fn never_panics_on_damaged_records(cut in 0usize..2000, flip in 0usize..2000) {
            let mut warc = sample();
            if let Some(b) = warc.get_mut(flip) {
                *b ^= 0x55;
            }
            warc.truncate(cut.min(warc.len()));
            let _ = Warc::new(&warc[..], "p", 1000, false).count();
        }
    }
}
