//! The dates stage: every date expression of the claim-yielding segments,
//! resolved in reading order so that "le lendemain" follows the date before
//! it; and the date of each live-blog entry that does not print one.

use warlog_extract::{DateHit, Sentence};
use warlog_model::{Date, EventDate, Segment, SegmentKind};
use warlog_recognise::dates::{DateContext, DateKind, Point, find_dates, resolve};

/// Gives undated live-blog entries a date: the latest calendar day or
/// weekday the entry names, on or before the date of the entry above it
/// (entries run from the newest down), the first bounded by the page date.
fn date_entries(text: &str, segments: &mut [Segment], lang: &str, published: Option<Date>) {
    let mut bound = published;
    for seg in segments.iter_mut().filter(|s| s.kind == SegmentKind::Entry) {
        if seg.date.is_none()
            && let Some(b) = bound
        {
            let ctx = DateContext { published, reference: Some(b), previous: None };
            seg.date = find_dates(text, seg.span, lang)
                .iter()
                .filter(|e| matches!(e.kind, DateKind::Day(Point::Calendar { day: Some(_), .. } | Point::Weekday { .. })))
                .filter_map(|e| match resolve(e, &ctx) {
                    EventDate::Day(d) if d <= b => Some(d),
                    _ => None,
                })
                .max();
        }
        if seg.date.is_some() {
            bound = seg.date;
        }
    }
}

/// Resolves every date of the sentences, in order.
pub fn resolve_all(
    text: &str,
    segments: &mut [Segment],
    sentences: &[Sentence],
    lang: &str,
    published: Option<Date>,
) -> Vec<DateHit> {
    date_entries(text, segments, lang, published);
    let mut previous: Option<EventDate> = None;
    let mut out = Vec::new();
    for s in sentences {
        let reference = segments.get(s.segment).and_then(|seg| seg.date).or(published);
        for expr in find_dates(text, s.span, lang) {
            let ctx = DateContext { published, reference, previous };
            let date = resolve(&expr, &ctx);
            if date.is_known() {
                previous = Some(date);
            }
            out.push(DateHit { span: expr.span, date });
        }
    }
    out
}
