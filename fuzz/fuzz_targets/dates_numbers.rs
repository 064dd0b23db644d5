//! Date and number recognisers on arbitrary text, in French, English and a
//! language with no lists: spans inside the text on character boundaries,
//! and every date resolves against a page date without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use warlog_model::{Date, EventDate, Span};
use warlog_recognise::dates::{DateContext, find_dates, resolve};
use warlog_recognise::numbers::find_numbers;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let whole = Span::new(0, text.len());
    let fits = |s: Span| s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end);
    let ctx = DateContext {
        published: Some(Date::constant(2020, 10, 28)),
        previous: Some(EventDate::Day(Date::constant(2020, 10, 1))),
        ..DateContext::default()
    };
    for lang in ["fr", "en", "xx"] {
        for d in find_dates(text, whole, lang) {
            assert!(fits(d.span), "{:?}", d.span);
            let _ = resolve(&d, &ctx);
        }
        for n in find_numbers(text, whole, lang) {
            assert!(fits(n.span), "{:?}", n.span);
        }
    }
});
