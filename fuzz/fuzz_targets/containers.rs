//! The readers of containers and encodings on arbitrary bytes: character
//! set decoding, JSON Lines and WARC. Bad input is an error for that input,
//! never a panic, and no page that comes out is larger than the limit.
#![no_main]

use libfuzzer_sys::fuzz_target;
use warlog_ingest::{JsonLines, Warc, decode};
use warlog_model::Format;

const MAX: u64 = 1 << 20;

fuzz_target!(|data: &[u8]| {
    for format in [Format::Text, Format::Html] {
        let _ = decode(data, None, format);
    }
    for page in JsonLines::new(data, "fuzz.jsonl", MAX, false).flatten() {
        assert!(page.raw.len() as u64 <= MAX);
    }
    for page in Warc::new(data, "fuzz.warc", MAX, false).flatten() {
        assert!(page.raw.len() as u64 <= MAX);
    }
});
