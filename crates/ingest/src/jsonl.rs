//! JSON Lines input: one page per line, `{"id", "url", "published",
//! "title", "html" | "text"}`, read line by line so that a file of any size
//! streams. A bad line is an error for that line and reading goes on; blank
//! lines are skipped; a line longer than the size limit is skipped unread.

use std::io::BufRead;

use serde_json::{Map, Value};
use warlog_model::{Format, parse_iso_date};

use crate::decode::repair_noted;
use crate::error::{IngestError, IngestErrorKind};
use crate::page::{PageHints, RawPage};

/// Pages of a JSON Lines stream (plain or decompressed).
pub struct JsonLines<R> {
    reader: R,
    origin: String,
    max_bytes: u64,
    gzip: bool,
    /// Content-sniffed rather than named `.jsonl`: a bad first line means
    /// "not JSON Lines", one error, and the stream is dropped.
    sniffed: bool,
    line_no: u64,
    /// Bytes read so far (decompressed), for "truncated gzip after N bytes".
    consumed: u64,
    seen_record: bool,
    done: bool,
    buf: Vec<u8>,
}

enum Line {
    Eof,
    /// The line is in `buf` (without the newline).
    Ok,
    TooLong(u64),
}

impl<R: BufRead> JsonLines<R> {
    /// Reads `reader` as JSON Lines; `origin` names it in page origins and
    /// errors (`origin#L12`); `gzip` says whether read errors come from a
    /// gzip decoder (to report truncation as such).
    pub fn new(reader: R, origin: impl Into<String>, max_bytes: u64, gzip: bool) -> JsonLines<R> {
        JsonLines {
            reader,
            origin: origin.into(),
            max_bytes,
            gzip,
            sniffed: false,
            line_no: 0,
            consumed: 0,
            seen_record: false,
            done: false,
            buf: Vec::new(),
        }
    }

    pub(crate) fn sniffed(mut self) -> JsonLines<R> {
        self.sniffed = true;
        self
    }

    /// Reads one line into `buf`, keeping at most `max_bytes` of it.
    fn read_line(&mut self) -> std::io::Result<Line> {
        self.buf.clear();
        let mut len = 0u64;
        let mut any = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                break;
            }
            any = true;
            let (take, end) = match memchr::memchr(b'\n', available) {
                Some(i) => (i, true),
                None => (available.len(), false),
            };
            if len + take as u64 <= self.max_bytes {
                self.buf.extend_from_slice(&available[..take]);
            }
            len += take as u64;
            let used = take + usize::from(end);
            self.reader.consume(used);
            self.consumed += used as u64;
            if end {
                break;
            }
        }
        if !any {
            return Ok(Line::Eof);
        }
        if len > self.max_bytes {
            return Ok(Line::TooLong(len));
        }
        if self.buf.last() == Some(&b'\r') {
            self.buf.pop();
        }
        Ok(Line::Ok)
    }

    fn error(&self, kind: IngestErrorKind) -> IngestError {
        IngestError::new(format!("{}#L{}", self.origin, self.line_no), kind)
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<RawPage, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let line = match self.read_line() {
                Ok(line) => line,
                Err(e) => {
                    self.done = true;
                    let kind = IngestErrorKind::from_read(e, self.gzip, self.consumed);
                    return Some(Err(IngestError::new(self.origin.clone(), kind)));
                }
            };
            self.line_no += 1;
            match line {
                Line::Eof => {
                    self.done = true;
                    if !self.seen_record {
                        return Some(Err(IngestError::new(self.origin.clone(), IngestErrorKind::EmptyFile)));
                    }
                }
                Line::TooLong(size) => {
                    self.seen_record = true;
                    return Some(Err(self.error(IngestErrorKind::TooLarge { size, limit: self.max_bytes })));
                }
                Line::Ok if self.buf.iter().all(u8::is_ascii_whitespace) => {}
                Line::Ok => {
                    let first = !self.seen_record;
                    self.seen_record = true;
                    let origin = format!("{}#L{}", self.origin, self.line_no);
                    return match parse_record(&self.buf, origin) {
                        Err(kind) if first && self.sniffed => {
                            self.done = true;
                            let reason = kind.to_string();
                            Some(Err(IngestError::new(self.origin.clone(), IngestErrorKind::NotJsonLines(reason))))
                        }
                        Err(kind) => Some(Err(self.error(kind))),
                        Ok(page) => Some(Ok(page)),
                    };
                }
            }
        }
        None
    }
}

/// One JSON Lines record to a page.
fn parse_record(line: &[u8], origin: String) -> Result<RawPage, IngestErrorKind> {
    let mut record: Map<String, Value> = match serde_json::from_slice::<Value>(line) {
        Ok(Value::Object(map)) => map,
        Ok(_) => return Err(IngestErrorKind::BadJson("not an object".to_string())),
        Err(e) => return Err(IngestErrorKind::BadJson(e.to_string())),
    };
    let (format, content) = match (record.remove("html"), record.remove("text")) {
        (Some(Value::String(html)), _) => (Format::Html, html),
        (_, Some(Value::String(text))) => (Format::Text, text),
        _ => return Err(IngestErrorKind::NoContent),
    };
    if content.trim().is_empty() {
        return Err(IngestErrorKind::EmptyPage);
    }
    let string = |v: Option<Value>| match v {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s),
        _ => None,
    };
    let id = match record.remove("id") {
        Some(Value::String(s)) => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let mut notes = Vec::new();
    let published = string(record.remove("published")).and_then(|p| {
        let date = parse_iso_date(&p);
        if date.is_none() {
            notes.push(format!("\"published\" {p:?} is not an ISO date; ignored"));
        }
        date
    });
    let hints = PageHints {
        id,
        url: string(record.remove("url")),
        published,
        title: string(record.remove("title")),
        crawled: None,
    };
    let (text, repaired) = repair_noted(&content, &mut notes);
    Ok(RawPage { origin, raw: content.into_bytes(), text, format, hints, encoding: "UTF-8", repaired, notes })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn read(input: &[u8], max: u64) -> Vec<Result<RawPage, String>> {
        JsonLines::new(input, "in.jsonl", max, false).map(|r| r.map_err(|e| e.to_string())).collect()
    }

    #[test]
    fn pages_and_bad_lines() {
        let input = concat!(
            r#"{"id": "a", "url": "https://x.test/1", "published": "2020-10-27T08:00:00Z", "title": "T", "html": "<p>Gandja</p>"}"#,
            "\n\n",
            "not json\n",
            r#"{"id": 7, "text": "Barda", "published": "hier"}"#,
            "\r\n",
            r#"{"id": "c"}"#,
            "\n",
            r#"{"text": "  "}"#,
        );
        let out = read(input.as_bytes(), 1000);
        assert_eq!(out.len(), 5);
        let a = out[0].as_ref().unwrap();
        assert_eq!((a.origin.as_str(), a.format, a.text.as_str()), ("in.jsonl#L1", Format::Html, "<p>Gandja</p>"));
        assert_eq!(a.hints.id.as_deref(), Some("a"));
        assert_eq!(a.hints.published, warlog_model::Date::new(2020, 10, 27).ok());
        assert_eq!(a.raw, b"<p>Gandja</p>");
        assert!(out[1].as_ref().unwrap_err().starts_with("in.jsonl#L3: bad JSON ("));
        let b = out[2].as_ref().unwrap();
        assert_eq!((b.format, b.hints.id.as_deref(), b.hints.published), (Format::Text, Some("7"), None));
        assert_eq!(b.notes, ["\"published\" \"hier\" is not an ISO date; ignored"]);
        assert_eq!(
            out[3].as_ref().unwrap_err(),
            "in.jsonl#L5: a JSON Lines record needs an \"html\" or \"text\" string"
        );
        assert_eq!(out[4].as_ref().unwrap_err(), "in.jsonl#L6: empty page");
    }

    #[test]
    fn long_lines_are_skipped_not_buffered() {
        let input = format!("{{\"text\": \"{}\"}}\n{{\"text\": \"ok\"}}\n", "a".repeat(5000));
        let out = read(input.as_bytes(), 100);
        assert_eq!(out[0].as_ref().unwrap_err(), "in.jsonl#L1: too large (5012 bytes > limit 100; use --max-bytes)");
        assert_eq!(out[1].as_ref().unwrap().text, "ok");
    }

    #[test]
    fn empty_and_sniffed() {
        assert_eq!(read(b"\n \n", 100)[0].as_ref().unwrap_err(), "in.jsonl: empty file");
        let out: Vec<_> = JsonLines::new(&b"{\n  \"a\": 1\n}\n"[..], "x.json", 100, false).sniffed().collect();
        assert_eq!(out.len(), 1);
        assert!(out[0].as_ref().unwrap_err().to_string().starts_with("x.json: not JSON Lines (line 1: bad JSON"));
    }

    #[test]
    fn mojibake_in_records_is_repaired() {
        let out = read("{\"text\": \"DÃ©fense\"}".as_bytes(), 100);
        let page = out[0].as_ref().unwrap();
        assert_eq!((page.text.as_str(), page.repaired), ("Défense", true));
        assert_eq!(page.raw, "DÃ©fense".as_bytes());
    }

    proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            for page in JsonLines::new(&bytes[..], "p", 64, false).flatten() {
                prop_assert!(!page.text.is_empty());
            }
        }

        #[test]
        fn every_line_gives_one_item(lines in proptest::collection::vec("[a-z{}\":, ]{1,30}", 1..20)) {
            let input = lines.join("\n");
            let items = JsonLines::new(input.as_bytes(), "p", 1000, false).count();
            prop_assert!(items <= lines.len());
        }
    }
}
