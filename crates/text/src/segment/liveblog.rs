//! Live blogs: a page of dated posts, each opened by a title line. A title
//! is recognised by what surrounds it, not by its words: a bulleted or
//! heading line followed by a print/share bar, next to a time stamp or
//! starting with a time or date ("14:05 - …", "(11/10) …"), or a time-stamp
//! line followed by text. It takes at least two such entries of
//! the same shape for a page to be a live blog; then every block of running
//! text from the first entry to the comment section belongs to an entry.
//!
//! An entry's date is read from its heading ("(11/10) …") or from the first
//! clause of its first line ("Dans la matinée du mardi 13 octobre, …"), with
//! the year of the page's publication; otherwise it stays unknown and the
//! claim extractor infers it.

use warlog_model::{SegmentKind, Span};

use super::cues::norm;
use super::date::find_date;
use super::local::Role;
use super::{Entry, Page};
use crate::BlockKind;

/// Blocks after a title in which a print/share bar or time stamp ties to it.
const SUPPORT_WINDOW: usize = 2;

/// Characters of an entry's first line searched for its date.
const LEAD_CHARS: usize = 80;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// "• Title" lines.
    Bullet,
    /// HTML headings, or title lines followed by a print bar.
    Heading,
    /// "14h05" lines.
    Time,
}

#[derive(Clone, Copy, Debug)]
struct Candidate {
    at: usize,
    shape: Shape,
    supported: bool,
}

pub(crate) fn mark(page: &mut Page<'_>) {
    let candidates = candidates(page);
    let Some(shape) = [Shape::Bullet, Shape::Heading, Shape::Time]
        .into_iter()
        .filter(|&s| candidates.iter().filter(|c| c.shape == s && c.supported).count() >= 2)
        .max_by_key(|&s| candidates.iter().filter(|c| c.shape == s && c.supported).count())
    else {
        return;
    };
    let same: Vec<Candidate> = candidates.into_iter().filter(|c| c.shape == shape).collect();
    let established = same.iter().filter(|c| c.supported).count() >= 3;
    let starts: Vec<usize> = same
        .iter()
        .enumerate()
        .filter(|&(k, c)| {
            // A bare candidate counts once the shape is well established,
            // unless it is one item of a list (the next block has its shape).
            let listed = same.get(k + 1).is_some_and(|n| n.at == c.at + 1);
            c.supported || (established && !listed)
        })
        .map(|(_, c)| c.at)
        .collect();
    let end = (starts[0]..page.len())
        .find(|&i| page.kind(i) == SegmentKind::Comment || page.role(i) == Role::Paywall)
        .unwrap_or(page.len());
    let published = page.x.meta.published;
    for (k, &s) in starts.iter().enumerate().filter(|&(_, &s)| s < end) {
        let stop = starts.get(k + 1).copied().unwrap_or(end).min(end);
        let entry = page.entries.len();
        let heading = heading_of(page, s, shape, stop);
        let date = heading
            .and_then(|h| find_date(&norm(h.slice(&page.x.text)), published))
            .or_else(|| lead_date(page, s, heading, stop));
        page.entries.push(Entry { heading, date });
        // A time stamp just above the title opens the entry.
        let first = if s > 0 && shape != Shape::Time && page.role(s - 1) == Role::Timestamp { s - 1 } else { s };
        for j in first..stop {
            let opens = j == first && page.role(j) != Role::Structural;
            if page.kind(j) == SegmentKind::Body || opens {
                page.labels[j].kind = SegmentKind::Entry;
                page.labels[j].entry = Some(entry);
            }
        }
    }
}

fn candidates(page: &Page<'_>) -> Vec<Candidate> {
    let mut out = Vec::new();
    for i in 0..page.len() {
        let l = &page.lines[i];
        let role = page.role(i);
        let title = role == Role::Text && l.heading_like() && !l.is_prose();
        // "14:05 - Title", "(11/10) Title": the title carries its own stamp.
        let stamped = title && (starts_with_time(&l.norm) || opens_with_date(l.core(), page.x.meta.published));
        let tied = tied_to_bar(page, i) || stamped;
        let after_time = i > 0 && page.role(i - 1) == Role::Timestamp;
        let (shape, supported) = if role == Role::Timestamp {
            let text_follows = page.labels.get(i + 1).is_some_and(|n| n.role == Role::Text);
            (Shape::Time, text_follows)
        } else if title && l.bullet {
            (Shape::Bullet, tied || after_time)
        } else if title && (l.block == BlockKind::Heading || tied) {
            (Shape::Heading, tied || after_time)
        } else {
            continue;
        };
        // Titles with no text between them (a headline over its byline,
        // both above the time stamp) open one entry at most.
        let text_between = |from: usize| (from + 1..i).any(|j| page.role(j) == Role::Text);
        if out.last().is_some_and(|p: &Candidate| p.shape == shape && !text_between(p.at)) {
            continue;
        }
        out.push(Candidate { at: i, shape, supported });
    }
    out
}

/// "11/10) …", "mardi 13 octobre - …", "oct. 11: …": a date opening a
/// title (`core` is folded and starts at the first letter or digit).
fn opens_with_date(core: &str, published: Option<warlog_model::Date>) -> bool {
    let first = core.split(' ').next().unwrap_or("");
    let c = super::cues::cues();
    let opens = first.starts_with(|ch: char| ch.is_ascii_digit())
        || c.months.contains_key(first.trim_end_matches('.'))
        || c.timestamp.cues.iter().any(|q| q.class == "weekday" && q.text == first);
    let head = core.split([',', ';', ')']).next().unwrap_or("");
    let head = head.split(" - ").next().unwrap_or(head).split(": ").next().unwrap_or(head);
    opens && find_date(head, published).is_some()
}

/// "14:05", "9h12", "14.05" at the start of a line, then a break.
fn starts_with_time(norm: &str) -> bool {
    let t = norm.trim_start_matches(|c: char| !c.is_alphanumeric());
    let hours = t.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &t[hours..];
    let Some(sep) = rest.chars().next().filter(|c| matches!(c, ':' | 'h' | '.')) else { return false };
    let after = &rest[sep.len_utf8()..];
    let minutes = after.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&hours) && minutes == 2 && after[2..].chars().next().is_none_or(|c| !c.is_alphanumeric())
}

/// A print or share bar (or a time stamp) right under line `i`, before any text.
fn tied_to_bar(page: &Page<'_>, i: usize) -> bool {
    for j in i + 1..(i + 1 + SUPPORT_WINDOW).min(page.len()) {
        if matches!(page.role(j), Role::Print | Role::Share | Role::Timestamp) {
            return true;
        }
        // The bar must follow the title itself, not a later line.
        if page.role(j) == Role::Text {
            return false;
        }
    }
    false
}

/// The entry title: the title line without its bullet; for a time stamp,
/// the title-like line after it.
fn heading_of(page: &Page<'_>, s: usize, shape: Shape, stop: usize) -> Option<Span> {
    let at = match shape {
        Shape::Time => (s + 1..stop).find(|&j| page.role(j) == Role::Text)?,
        _ => s,
    };
    let l = &page.lines[at];
    if shape == Shape::Time && (!l.heading_like() || l.is_prose()) {
        return None;
    }
    let title = l.unbulleted();
    let start = l.span.start + (l.text.len() - title.len());
    (!title.is_empty()).then(|| Span::new(start, start + title.len()))
}

/// A date in the first clause of the entry's first line of text.
fn lead_date(page: &Page<'_>, s: usize, heading: Option<Span>, stop: usize) -> Option<warlog_model::Date> {
    let after = heading.map_or(s, |h| (s..stop).find(|&j| page.lines[j].span.contains(h)).unwrap_or(s));
    let first = (after + 1..stop).find(|&j| page.role(j) == Role::Text)?;
    let text = page.lines[first].text;
    let clause_end = text.find([',', ':', ';']).unwrap_or(text.len());
    let mut cut = clause_end.min(LEAD_CHARS);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    find_date(&norm(&text[..cut]), page.x.meta.published)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_at_line_start() {
        assert!(starts_with_time("14:05 - les combats reprennent"));
        assert!(starts_with_time("9h12 : nouvelle frappe"));
        assert!(starts_with_time("14.05 bst"));
        assert!(!starts_with_time("14:050 x"));
        assert!(!starts_with_time("2020 : bilan"));
        assert!(!starts_with_time("12.5% des voix"));
    }

    #[test]
    fn dates_opening_titles() {
        let p = Some(warlog_model::Date::constant(2020, 10, 28));
        assert!(opens_with_date("11/10) nagorny karabakh: pas de cessez-le-feu", p));
        assert!(opens_with_date("mardi 13 octobre - les combats reprennent", p));
        assert!(opens_with_date("oct. 11: fighting resumes", p));
        assert!(!opens_with_date("depuis le 24 fevrier 2022, la guerre", p));
        assert!(!opens_with_date("le 7 octobre, un an apres", p));
        assert!(!opens_with_date("2020: une annee de guerre", p));
    }
}
