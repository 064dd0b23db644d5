//! The whole pipeline for one page — main text, segments, sentences,
//! places, dates, figures, actors, claims — on arbitrary bytes read as
//! HTML and as plain text: it must never panic, and every span must fall
//! inside the text on character boundaries.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use warlog_model::Span;
use warlog_pipeline::{Pipeline, Source};

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::load);

fn check(text: &str, span: Span) {
    assert!(span.start <= span.end && span.end <= text.len(), "{span:?} outside {} bytes", text.len());
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{span:?} splits a character");
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for html in [false, true] {
        let mut source = Source::text("fuzz", &text);
        if html {
            source.format = warlog_model::Format::Html;
        }
        let page = PIPELINE.process(source, None).page;
        let text = &page.doc.text;
        for s in &page.segments {
            check(text, s.span);
        }
        for m in &page.mentions {
            check(text, m.span);
        }
        for c in &page.claims {
            check(text, c.evidence);
        }
    }
});
