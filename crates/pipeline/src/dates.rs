//! The dates stage: every date expression of the claim-yielding segments,
//! resolved in reading order so that "le lendemain" follows the date before
//! it; and the date of each live-blog entry that does not print one.

use warlog_extract::{DateHit, Sentence};
use warlog_model::{Date, EventDate, Segment, SegmentKind};
use warlog_recognise::dates::{DateContext, DateExpr, DateKind, Point, find_dates, find_dates_in, resolve};
use warlog_recognise::phrase::Word;

/// Gives undated live-blog entries a date: the latest day the entry names,
/// on or before the date of the entry above it (entries run from the newest
/// down; the first is bounded by the page date). Calendar dates ("vendredi 16
/// octobre") are read first; a bare weekday ("vendredi") is then read in the
/// week after the entry's latest calendar date, not against the page date.
/// An entry cut into pieces (by an image or a print link) is one entry.
fn date_entries(text: &str, segments: &mut [Segment], lang: &str, published: Option<Date>) {
    let mut bound = published;
    let mut i = 0;
    while i < segments.len() {
        if segments[i].kind != SegmentKind::Entry {
            i += 1;
            continue;
        }
        // The pieces of this entry: following entry segments with its heading.
        let mut j = i + 1;
        while j < segments.len()
            && (segments[j].kind != SegmentKind::Entry || segments[j].heading == segments[i].heading)
            && !(segments[j].kind == SegmentKind::Entry
                && segments[j].heading.is_none()
                && segments[i].heading.is_some())
        {
            j += 1;
        }
        let pieces: Vec<usize> = (i..j).filter(|&k| segments[k].kind == SegmentKind::Entry).collect();
        let given = pieces.iter().find_map(|&k| segments[k].date);
        let date = given.or_else(|| bound.and_then(|b| entry_date(text, segments, &pieces, lang, published, b)));
        for &k in &pieces {
            if segments[k].date.is_none() {
                segments[k].date = date;
            }
        }
        if date.is_some() {
            bound = date;
        }
        i = j;
    }
}

/// The latest day named in an entry's pieces, on or before `bound`.
fn entry_date(
    text: &str,
    segments: &[Segment],
    pieces: &[usize],
    lang: &str,
    published: Option<Date>,
    bound: Date,
) -> Option<Date> {
    let exprs: Vec<_> = pieces.iter().flat_map(|&k| find_dates(text, segments[k].span, lang)).collect();
    let on_or_before = |ctx: &DateContext, e: &DateExpr| match resolve(e, ctx) {
        EventDate::Day(d) if d <= bound => Some(d),
        _ => None,
    };
    let ctx = DateContext { published, reference: Some(bound), previous: None };
    // Calendar days, also where they start or end a range ("depuis samedi
    // 10 octobre", "du 24 au 25 mars").
    let calendar = exprs
        .iter()
        .flat_map(|e| {
            let points: Vec<Point> = match e.kind {
                DateKind::Day(p) | DateKind::Since(p) => vec![p],
                DateKind::Range(a, b) => vec![a, b],
                _ => vec![],
            };
            points
                .into_iter()
                .filter(|p| matches!(p, Point::Calendar { day: Some(_), .. }))
                .map(move |p| DateExpr { span: e.span, kind: DateKind::Day(p) })
        })
        .filter_map(|e| on_or_before(&ctx, &e))
        .max();
    let week_end = calendar.map_or(bound, |c| c.saturating_add(jiff::Span::new().days(6)).min(bound));
    let ctx = DateContext { published, reference: Some(week_end), previous: None };
    let weekday = exprs
        .iter()
        .filter(|e| matches!(e.kind, DateKind::Day(Point::Weekday { .. })))
        .filter_map(|e| on_or_before(&ctx, e))
        .max();
    calendar.max(weekday)
}

/// Resolves every date of the sentences, in order (`words[i]` are the
/// words of `sentences[i]`).
pub fn resolve_all(
    text: &str,
    segments: &mut [Segment],
    sentences: &[Sentence],
    words: &[Vec<Word>],
    lang: &str,
    published: Option<Date>,
) -> Vec<DateHit> {
    date_entries(text, segments, lang, published);
    let mut previous: Option<EventDate> = None;
    let mut out = Vec::new();
    for (s, ws) in sentences.iter().zip(words) {
        let reference = segments.get(s.segment).and_then(|seg| seg.date).or(published);
        for expr in find_dates_in(text, ws, lang) {
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
