//! Dates and times as live blogs write them: an explicit date in an entry
//! heading ("(11/10)", "11 octobre", "Oct. 11, 2020") and time-stamp lines
//! ("14h05", "10:32 GMT", "il y a 2 heures", "3 hours ago").
//!
//! Only explicit dates are read; a bare weekday ("lundi") is left to the claim
//! extractor, which knows the surrounding dates.

use warlog_model::Date;

use super::cues::cues;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok<'a> {
    Num(&'a str),
    Word(&'a str),
    Punct(char),
}

/// Tokens of a normalised (folded) string.
fn tokens(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let digit = c.is_ascii_digit();
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                let same = if digit { d.is_ascii_digit() } else { d.is_alphabetic() || d == '\'' };
                if !same {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            out.push(if digit { Tok::Num(&s[i..end]) } else { Tok::Word(&s[i..end]) });
        } else {
            out.push(Tok::Punct(c));
        }
    }
    out
}

fn num(t: Option<&Tok<'_>>) -> Option<i16> {
    match t {
        Some(Tok::Num(n)) if n.len() <= 4 => n.parse().ok(),
        _ => None,
    }
}

fn month(t: Option<&Tok<'_>>) -> Option<i8> {
    match t {
        Some(Tok::Word(w)) => cues().months.get(*w).copied(),
        _ => None,
    }
}

fn is_punct(t: Option<&Tok<'_>>, c: char) -> bool {
    t == Some(&Tok::Punct(c))
}

/// The first explicit date in `norm` (a folded string). Without a year in
/// the text the year comes from `published` (the one that puts the date
/// nearest to it); without either, `None`.
pub(crate) fn find_date(norm: &str, published: Option<Date>) -> Option<Date> {
    let toks = tokens(norm);
    for i in 0..toks.len() {
        if let Some(d) = date_at(&toks, i, published) {
            return Some(d);
        }
    }
    None
}

fn date_at(toks: &[Tok<'_>], i: usize, published: Option<Date>) -> Option<Date> {
    let prev = i.checked_sub(1).and_then(|p| toks.get(p));
    let glued_before = matches!(prev, Some(Tok::Num(_)) | Some(Tok::Punct(':' | '/' | '.' | '-' | ',')));
    // 2020-10-11
    if let (Some(Tok::Num(y)), true, Some(m), true, Some(d)) = (
        toks.get(i),
        is_punct(toks.get(i + 1), '-'),
        num(toks.get(i + 2)),
        is_punct(toks.get(i + 3), '-'),
        num(toks.get(i + 4)),
    ) && y.len() == 4
    {
        return make(y.parse().ok()?, m, d);
    }
    // 11/10, 11/10/2020, 11.10.2020
    if let (Some(a), Some(sep @ ('/' | '.')), Some(b)) = (
        num(toks.get(i)),
        match toks.get(i + 1) {
            Some(Tok::Punct(c)) => Some(*c),
            _ => None,
        },
        num(toks.get(i + 2)),
    ) && !glued_before
        && matches!(toks.get(i), Some(Tok::Num(n)) if n.len() <= 2)
        && matches!(toks.get(i + 2), Some(Tok::Num(n)) if n.len() <= 2)
    {
        let year = if is_punct(toks.get(i + 3), sep) { num(toks.get(i + 4)) } else { None };
        let followed = year.is_none() && matches!(toks.get(i + 3), Some(Tok::Num(_)) | Some(Tok::Punct('/' | ':')));
        let dotted_needs_year = sep == '.' && year.is_none();
        if !followed && !dotted_needs_year {
            return day_month(a, b, year, published);
        }
    }
    // 11 octobre [2020], 1er octobre, 11th October
    if let Some(d) = num(toks.get(i)).filter(|_| !glued_before) {
        let mut j = i + 1;
        if matches!(toks.get(j), Some(Tok::Word("er" | "st" | "nd" | "rd" | "th"))) {
            j += 1;
        }
        if let Some(m) = month(toks.get(j)) {
            j += 1;
            if is_punct(toks.get(j), '.') || is_punct(toks.get(j), ',') {
                j += 1;
            }
            let year = num(toks.get(j)).filter(|y| *y >= 1000);
            return resolve(m, d, year, published);
        }
    }
    // October 11[, 2020], Oct. 11
    if let Some(m) = month(toks.get(i)) {
        let mut j = i + 1;
        if is_punct(toks.get(j), '.') {
            j += 1;
        }
        if let Some(d) = num(toks.get(j)).filter(|d| (1..=31).contains(d)) {
            j += 1;
            if matches!(toks.get(j), Some(Tok::Word("st" | "nd" | "rd" | "th"))) {
                j += 1;
            }
            if is_punct(toks.get(j), ',') {
                j += 1;
            }
            let year = num(toks.get(j)).filter(|y| *y >= 1000);
            return resolve(m, d, year, published);
        }
    }
    None
}

fn make(y: i16, m: i16, d: i16) -> Option<Date> {
    Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}

/// `a/b`: day/month as French and British write it, month/day only when
/// day/month is impossible or lies after publication while month/day does not.
fn day_month(a: i16, b: i16, year: Option<i16>, published: Option<Date>) -> Option<Date> {
    let dm = resolve(i8::try_from(b).ok()?, a, year, published);
    let md = resolve(i8::try_from(a).ok()?, b, year, published);
    match (dm, md, published) {
        (Some(dm), Some(md), Some(p)) if dm > p && md <= p => Some(md),
        (Some(dm), _, _) => Some(dm),
        (None, md, _) => md,
    }
}

/// A day of month `m`: in `year` if given (two digits mean 20xx), else in
/// the year that puts it nearest to `published`.
fn resolve(m: i8, d: i16, year: Option<i16>, published: Option<Date>) -> Option<Date> {
    if let Some(y) = year {
        let y = if y < 100 { 2000 + y } else { y };
        return make(y, i16::from(m), d);
    }
    let p = published?;
    (p.year() - 1..=p.year() + 1)
        .filter_map(|y| make(y, i16::from(m), d))
        .min_by_key(|c| (c.to_jiff_days() - p.to_jiff_days()).abs())
}

trait Days {
    fn to_jiff_days(&self) -> i64;
}

impl Days for Date {
    fn to_jiff_days(&self) -> i64 {
        // Days since 1970-01-01; enough to compare distances.
        self.since(Date::constant(1970, 1, 1)).map_or(0, |s| i64::from(s.get_days()))
    }
}

/// A line that is only a time stamp: "14h05", "14 h 05", "10:32 GMT",
/// "Publié à 9h12", "2:05 pm", "il y a 2 heures", "3 hours ago",
/// "mardi 13 octobre, 14:05".
pub(crate) fn is_timestamp(norm: &str) -> bool {
    if norm.chars().count() > 60 {
        return false;
    }
    let toks = tokens(norm);
    let ts = &cues().timestamp;
    let known = |w: &str| {
        ts.cues.iter().any(|c| c.text == w || c.text.split(' ').any(|p| p == w)) || cues().months.contains_key(w)
    };
    let mut has_time = false;
    let mut has_ago = false;
    let mut i = 0;
    while i < toks.len() {
        match toks[i] {
            Tok::Num(h) if h.len() <= 2 => {
                let hour: u32 = h.parse().unwrap_or(99);
                let next = toks.get(i + 1);
                let min = |k: usize| matches!(toks.get(k), Some(Tok::Num(m)) if m.len() == 2);
                if hour < 24 && (is_punct(next, ':') || is_punct(next, '.')) && min(i + 2) {
                    has_time = true;
                    i += 3;
                    continue;
                }
                if hour < 24 && matches!(next, Some(Tok::Word("h"))) {
                    has_time = true;
                    i += if min(i + 2) { 3 } else { 2 };
                    continue;
                }
                if matches!(next, Some(Tok::Word(u)) if ts.cues.iter().any(|c| c.class == "unit" && c.text == *u)) {
                    has_ago = true;
                    i += 2;
                    continue;
                }
                if hour < 13 && matches!(next, Some(Tok::Word("am" | "pm"))) {
                    has_time = true;
                    i += 2;
                    continue;
                }
            }
            Tok::Num(_) | Tok::Punct(_) => {}
            Tok::Word(w) => {
                if w.ends_with('h') && w[..w.len() - 1].parse::<u32>().is_ok_and(|h| h < 24) {
                    has_time = true;
                } else if !known(w) {
                    return false;
                } else if ts.cues.iter().any(|c| c.class == "ago" && c.text.split(' ').any(|p| p == w)) {
                    has_ago = true;
                }
            }
        }
        i += 1;
    }
    has_time || has_ago
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::cues::norm;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    fn date(s: &str, published: Option<Date>) -> Option<Date> {
        find_date(&norm(s), published)
    }

    #[test]
    fn heading_dates() {
        let p = Some(d(2020, 10, 28));
        assert_eq!(date("(11/10) Nagorny Karabakh : Pas de cessez-le-feu", p), Some(d(2020, 10, 11)));
        assert_eq!(date("Dans la matinée du mardi 13 octobre", p), Some(d(2020, 10, 13)));
        assert_eq!(date("1er octobre : la Russie appelle", p), Some(d(2020, 10, 1)));
        assert_eq!(date("Oct. 11, 2021: fighting resumes", p), Some(d(2021, 10, 11)));
        assert_eq!(date("Live: 2020-10-11 updates", None), Some(d(2020, 10, 11)));
        assert_eq!(date("11/10/2020", None), Some(d(2020, 10, 11)));
        assert_eq!(date("(11/10) sans année ni date de publication", None), None);
        assert_eq!(date("Poursuite des combats", p), None);
        assert_eq!(date("2020:10:28.jpg", p), None);
        assert_eq!(date("12:05 GMT", p), None);
    }

    #[test]
    fn year_nearest_publication() {
        let p = Some(d(2021, 1, 3));
        assert_eq!(date("30 décembre", p), Some(d(2020, 12, 30)));
        assert_eq!(date("12/31", Some(d(2020, 12, 31))), Some(d(2020, 12, 31)));
    }

    #[test]
    fn timestamps() {
        for t in ["14h05", "14 h 05", "10:32 GMT", "Publié à 9h12", "2:05 pm", "il y a 2 heures", "3 hours ago"] {
            assert!(is_timestamp(&norm(t)), "{t}");
        }
        for t in ["Imprimer", "Poursuite des combats à 14h05", "2020", "Vidéo - côté arménien"] {
            assert!(!is_timestamp(&norm(t)), "{t}");
        }
    }
}
