//! Document metadata shared by HTML and plain-text pages: publication
//! dates read from ISO strings, URLs (`/2020/10/28/`), and French or
//! English datelines ("Publié le 28 octobre 2020", "Published on Oct. 28,
//! 2020"), and [`from_plain`] for `.txt` pages.
//!
//! Month names and dateline cues are data files
//! (`<lang>/html_months.tsv`, `<lang>/html_datelines.tsv`).

use std::collections::HashMap;
use std::sync::OnceLock;

use warlog_model::{Date, DocumentMeta};

/// Metadata of a plain-text page: a headline-like first line as title, a
/// dateline near the top as publication date, the detected language.
pub fn from_plain(text: &str) -> DocumentMeta {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let title = looks_like_headline(first).then(|| first.to_string());
    let head = prefix(text, 1500);
    DocumentMeta {
        title,
        published: dateline(head),
        language: crate::lang::detect(prefix(text, 4000)).map(str::to_string),
        ..Default::default()
    }
}

/// Short, no final period, not a dateline: the shape of a headline.
fn looks_like_headline(line: &str) -> bool {
    let chars = line.chars().count();
    (3..=200).contains(&chars)
        && !line.ends_with(['.', ',', ';', ':'])
        && line.chars().any(char::is_alphabetic)
        && dateline(line).is_none()
}

/// At most `max` bytes of `text`, cut on a char boundary.
pub(crate) fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A date written in a machine format: ISO 8601 (`2020-10-28`,
/// `2020-10-28T09:42:00+04:00`), `2020/10/28`, `20201028`, RFC 2822
/// (`Wed, 28 Oct 2020 ...`), or a human one ("28 octobre 2020", "October 28, 2020").
pub fn parse_date(value: &str) -> Option<Date> {
    let v = value.trim();
    let b = v.as_bytes();
    if b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && matches!(b[4], b'-' | b'/' | b'.') {
        let y: i16 = v.get(..4)?.parse().ok()?;
        let m: i8 = v.get(5..7)?.parse().ok()?;
        let d: i8 = v.get(8..10)?.parse().ok()?;
        return valid(y, m, d);
    }
    if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
        return valid(v[..4].parse().ok()?, v[4..6].parse().ok()?, v[6..8].parse().ok()?);
    }
    first_date(v)
}

/// The publication date of a dateline in `text` ("Publié le 28 octobre
/// 2020", "Published: Oct. 28, 2020"); the first date after a "published"
/// cue wins over one after an "updated" cue; `None` without a cue.
pub fn dateline(text: &str) -> Option<Date> {
    let folded = warlog_lexicon::fold::fold(text);
    let mut updated = None;
    // Longer cues first so "mis a jour le" is not read as something shorter.
    for (cue, published) in dateline_cues() {
        let mut from = 0;
        while let Some(at) = folded[from..].find(cue.as_str()) {
            let start = from + at;
            from = start + cue.len();
            let before_ok = folded[..start].chars().next_back().is_none_or(|c| !c.is_ascii_alphanumeric());
            if !before_ok {
                continue;
            }
            let window = prefix(&folded[from..], 60);
            if let Some(date) = first_date(window) {
                if *published {
                    return Some(date);
                }
                updated.get_or_insert(date);
            }
        }
    }
    updated
}

/// A date in a URL path: `/2020/10/28/`, `/2020-10-28-`, `/20201028/`.
pub fn url_date(url: &str) -> Option<Date> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let nums: Vec<&str> = path.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).collect();
    for w in nums.windows(3) {
        if w[0].len() == 4 && w[1].len() <= 2 && w[2].len() <= 2 {
            let date = valid(w[0].parse().ok()?, w[1].parse().ok()?, w[2].parse().ok()?);
            if date.is_some() {
                return date;
            }
        }
    }
    nums.iter().filter(|n| n.len() == 8 && (n.starts_with("19") || n.starts_with("20"))).find_map(|n| parse_date(n))
}

/// The first calendar date written in `text`: "28 octobre 2020", "1er
/// novembre 2020", "October 28, 2020", "Oct. 28 2020", "28/10/2020",
/// "2020-10-28".
pub fn first_date(text: &str) -> Option<Date> {
    let folded = warlog_lexicon::fold::fold(text);
    let words: Vec<&str> = folded.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let months = months();
    for i in 0..words.len() {
        let w = words[i];
        let next = |k: usize| words.get(i + k).copied();
        // day month year
        if let (Some(d), Some(m), Some(y)) = (day(w), next(1).and_then(|x| months.get(x)), next(2).and_then(year))
            && let Some(date) = valid(y, *m, d)
        {
            return Some(date);
        }
        // month day year
        if let (Some(m), Some(d), Some(y)) = (months.get(w), next(1).and_then(day), next(2).and_then(year))
            && let Some(date) = valid(y, *m, d)
        {
            return Some(date);
        }
        // numbers: y-m-d, d/m/y (m/d/y when the first cannot be a month)
        if let (Ok(a), Some(b), Some(c)) = (w.parse::<u32>(), next(1), next(2))
            && w.len() <= 4
            && let (Ok(b), Ok(c)) = (b.parse::<u32>(), c.parse::<u32>())
        {
            let date = if w.len() == 4 {
                valid(a as i16, b as i8, c as i8)
            } else if next(2).is_some_and(|c| c.len() == 4) {
                if b > 12 { valid(c as i16, a as i8, b as i8) } else { valid(c as i16, b as i8, a as i8) }
            } else {
                None
            };
            if date.is_some() {
                return date;
            }
        }
    }
    None
}

fn day(word: &str) -> Option<i8> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !matches!(suffix, "" | "er" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year(word: &str) -> Option<i16> {
    (word.len() == 4).then(|| word.parse().ok()).flatten().filter(|y| (1900..=2100).contains(y))
}

fn valid(y: i16, m: i8, d: i8) -> Option<Date> {
    if !(1900..=2100).contains(&y) {
        return None;
    }
    Date::new(y, m, d).ok()
}

fn months() -> &'static HashMap<String, i8> {
    static MONTHS: OnceLock<HashMap<String, i8>> = OnceLock::new();
    MONTHS.get_or_init(|| {
        warlog_lexicon::tables("html_months")
            .flat_map(|t| t.rows.iter())
            .filter_map(|r| Some((r.first()?.to_string(), r.get(1)?.parse().ok()?)))
            .collect()
    })
}

fn dateline_cues() -> &'static Vec<(String, bool)> {
    static CUES: OnceLock<Vec<(String, bool)>> = OnceLock::new();
    CUES.get_or_init(|| {
        let mut cues: Vec<(String, bool)> = warlog_lexicon::tables("html_datelines")
            .flat_map(|t| t.rows.iter())
            .filter_map(|r| Some((warlog_lexicon::fold::fold(r.first()?), r.get(1)? == "published")))
            .collect();
        cues.sort_by_key(|(cue, _)| std::cmp::Reverse(cue.len()));
        cues
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<Date> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn machine_dates() {
        assert_eq!(parse_date("2020-10-28T09:42:00+04:00"), d("2020-10-28"));
        assert_eq!(parse_date("2020/10/28"), d("2020-10-28"));
        assert_eq!(parse_date("20201028"), d("2020-10-28"));
        assert_eq!(parse_date("Wed, 28 Oct 2020 09:42:00 GMT"), d("2020-10-28"));
        assert_eq!(parse_date("2020-13-45"), None);
        assert_eq!(parse_date("not a date"), None);
    }

    #[test]
    fn datelines_in_french_and_english() {
        assert_eq!(dateline("Par Claire D. Publié le 28 octobre 2020 à 10h32"), d("2020-10-28"));
        assert_eq!(
            dateline("Mis à jour le 29 octobre 2020 · Publié le mercredi 28 octobre 2020"),
            d("2020-10-28"),
            "the publication date wins over the update"
        );
        assert_eq!(dateline("Publié le 1er novembre 2020"), d("2020-11-01"));
        assert_eq!(dateline("Published on Oct. 28, 2020"), d("2020-10-28"));
        assert_eq!(dateline("Updated 29 October 2020"), d("2020-10-29"));
        assert_eq!(dateline("Publié le 28/10/2020"), d("2020-10-28"));
        assert_eq!(dateline("Le 28 octobre 2020, les combats"), None, "no cue, no dateline");
    }

    #[test]
    fn dates_in_urls() {
        assert_eq!(url_date("https://www.example.com/world/2020/10/28/ganja-strike/"), d("2020-10-28"));
        assert_eq!(url_date("https://example.fr/article/2020-10-28-gandja"), d("2020-10-28"));
        assert_eq!(url_date("https://example.com/news/20201028/strike"), d("2020-10-28"));
        assert_eq!(url_date("https://example.com/news/world-54711000"), None);
    }

    #[test]
    fn plain_pages() {
        let meta = from_plain(
            "Frappe sur Gandja : au moins douze morts\n\nPublié le 17 octobre 2020\n\nUne frappe de missile a touché un quartier résidentiel de Gandja dans la nuit, selon les autorités azerbaïdjanaises.",
        );
        assert_eq!(meta.title.as_deref(), Some("Frappe sur Gandja : au moins douze morts"));
        assert_eq!(meta.published, d("2020-10-17"));
        assert_eq!(meta.language.as_deref(), Some("fr"));
        let untitled = from_plain("The shelling went on all night. Residents said the market was hit.");
        assert_eq!(untitled.title, None);
    }
}
