//! Finding date expressions: a small recursive-descent reader over words,
//! driven by the `dates.tsv` lists (see `data/lexicons/fr/dates.tsv` for
//! the kinds of entries).

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use warlog_model::Span;

use super::{DateExpr, DateKind, Point, WeekdayRel};
use crate::langdata::{PerLang, field, rows};
use crate::numbers;
use crate::phrase::{PhraseSet, Word, words};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Whole,
    Early,
    Late,
    Mid,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum K {
    Month(i8),
    MonthWeak(i8),
    Weekday(i8),
    DayWord(i8),
    RelDay(i32),
    RelRange(i32, i32),
    RelWeek(i32),
    RelMonth(i32),
    Anaphoric(i32),
    AgoBefore,
    AgoAfter,
    ShiftAfter(i32),
    DayUnit(i32),
    HourUnit,
    Recent,
    RecentOpen,
    WdLast { after: bool },
    WdNext { after: bool },
    Since,
    RangeOpen { night: bool },
    RangeSep,
    Article,
    Of,
    MonthPrefix(Part),
    YearCue,
    Tod,
    TodOf,
    TimeLink,
    TimeAfter,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    kind: K,
    /// Only when capitalised in the text (English month and day names).
    cap: bool,
}

fn parse_kind(kind: &str, value: &str) -> Option<K> {
    let n = || value.parse::<i32>().ok();
    let small = || value.parse::<i8>().ok();
    Some(match kind {
        "month" => K::Month(small()?),
        "month_weak" => K::MonthWeak(small()?),
        "weekday" => K::Weekday(small()?),
        "day_word" => K::DayWord(small()?),
        "rel_day" => K::RelDay(n()?),
        "rel_range" => {
            let (a, b) = value.split_once("..")?;
            K::RelRange(a.parse().ok()?, b.parse().ok()?)
        }
        "rel_week" => K::RelWeek(n()?),
        "rel_month" => K::RelMonth(n()?),
        "anaphoric" => K::Anaphoric(n()?),
        "ago_before" => K::AgoBefore,
        "ago_after" => K::AgoAfter,
        "shift_after" => K::ShiftAfter(n()?),
        "day_unit" => K::DayUnit(n()?),
        "hour_unit" => K::HourUnit,
        "recent" => K::Recent,
        "recent_open" => K::RecentOpen,
        "wd_last" => K::WdLast { after: value == "after" },
        "wd_next" => K::WdNext { after: value == "after" },
        "since" => K::Since,
        "range_open" => K::RangeOpen { night: value == "night" },
        "range_sep" => K::RangeSep,
        "article" => K::Article,
        "of" => K::Of,
        "month_prefix" => K::MonthPrefix(match value {
            "early" => Part::Early,
            "late" => Part::Late,
            "mid" => Part::Mid,
            _ => Part::Whole,
        }),
        "year_cue" => K::YearCue,
        "tod" => K::Tod,
        "tod_of" => K::TodOf,
        "time_link" => K::TimeLink,
        "time_after" => K::TimeAfter,
        _ => return None,
    })
}

/// Date words of every language (a French page quotes an English tweet).
struct Lex {
    phrases: PhraseSet<Entry>,
    day_suffixes: Vec<String>,
    /// Folded words that make a sentence worth reading for dates, packed
    /// (see [`pack`]).
    cues: HashSet<u128, BuildHasherDefault<FastHash>>,
}

fn lexicon() -> &'static Lex {
    static LEX: std::sync::OnceLock<Lex> = std::sync::OnceLock::new();
    LEX.get_or_init(|| {
        let mut lex = Lex { phrases: PhraseSet::new(), day_suffixes: Vec::new(), cues: HashSet::default() };
        let mut function_words = HashSet::new();
        let mut cue_words = Vec::new();
        for row in rows("*", "dates") {
            let (phrase, kind, value) = (field(row, 0), field(row, 1), field(row, 2));
            let cap = field(row, 3) == "cap";
            if kind == "day_suffix" {
                lex.day_suffixes.extend(phrase.split('|').map(crate::fold::fold));
                continue;
            }
            let Some(k) = parse_kind(kind, value) else { continue };
            for alt in phrase.split('|').map(str::trim).filter(|a| !a.is_empty()) {
                lex.phrases.insert(alt, Entry { kind: k, cap });
                let folded = crate::fold::fold(alt);
                let ws = folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(String::from);
                match k {
                    K::Month(_)
                    | K::MonthWeak(_)
                    | K::Weekday(_)
                    | K::RelDay(_)
                    | K::RelRange(..)
                    | K::RelWeek(_)
                    | K::RelMonth(_)
                    | K::Anaphoric(_)
                    | K::AgoAfter
                    | K::DayUnit(_) => cue_words.extend(ws),
                    _ => function_words.extend(ws),
                }
            }
        }
        lex.cues = cue_words
            .into_iter()
            .filter(|w| w.len() > 2 && !function_words.contains(w))
            .filter_map(|w| pack(w.as_bytes()))
            .collect();
        lex
    })
}

/// How numeric dates are ordered in a language: day first (`dm`) or month
/// first unless the first field cannot be a month (`md`).
fn month_first(lang: &str) -> bool {
    static ORDER: PerLang<bool> = PerLang::new();
    *ORDER.get(lang, "dates", |key| {
        rows(key, "dates").iter().any(|r| field(r, 1) == "numeric_order" && field(r, 2) == "md")
            && !rows(key, "dates").iter().any(|r| field(r, 1) == "numeric_order" && field(r, 2) == "dm")
    })
}

/// A lowercase ASCII word of at most 16 bytes as one integer, so the cue
/// check needs no allocation.
fn pack(word: &[u8]) -> Option<u128> {
    if word.len() > 16 {
        return None;
    }
    Some(word.iter().fold(0u128, |acc, b| (acc << 8) | u128::from(b.to_ascii_lowercase())))
}

/// A multiply-and-rotate hasher for packed words (the set is built by us,
/// so no protection against chosen keys is needed).
#[derive(Default)]
struct FastHash(u64);

impl Hasher for FastHash {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(*b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn write_u128(&mut self, v: u128) {
        let folded = (v as u64) ^ ((v >> 64) as u64).rotate_left(29);
        self.0 = (self.0.rotate_left(5) ^ folded).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// True when `text` holds a word that may start or make a date (a month,
/// a weekday, "hier", "yesterday", "lendemain", "ago", ...) or a numeric
/// date ("11/10", "2020-10-11"): a cheap filter before [`super::find_dates`].
pub fn has_date_cue(text: &str) -> bool {
    let lex = lexicon();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            // "11/10", "11.10.2020", "2020-10-11": a second field of one or two digits.
            let second = bytes.get(i + 1..).map_or(0, |rest| rest.iter().take_while(|b| b.is_ascii_digit()).count());
            let numeric_date = i < bytes.len()
                && matches!(bytes[i], b'/' | b'-' | b'.')
                && (1..=2).contains(&second)
                && (i - start <= 2 || (i - start == 4 && bytes[i] == b'-'));
            if numeric_date {
                return true;
            }
            continue;
        }
        if !(b.is_ascii_alphabetic() || b >= 0x80) {
            i += 1;
            continue;
        }
        let start = i;
        let mut ascii = true;
        while i < bytes.len() && (bytes[i].is_ascii_alphabetic() || bytes[i] >= 0x80) {
            ascii &= bytes[i] < 0x80;
            i += 1;
        }
        let len = i - start;
        if !(3..=32).contains(&len) {
            continue;
        }
        let key = if ascii {
            pack(&bytes[start..i])
        } else {
            // Bytes >= 0x80 only ever come as whole chars, so `start..i` is on
            // char boundaries.
            pack(crate::fold::fold(&text[start..i]).as_bytes())
        };
        if key.is_some_and(|k| lex.cues.contains(&k)) {
            return true;
        }
    }
    false
}

pub(super) fn find(text: &str, span: Span, lang: &str) -> Vec<DateExpr> {
    let ws = words(text, span);
    find_in(text, &ws, lang)
}

/// Date expressions among words already cut from `text`.
pub(crate) fn find_in(text: &str, ws: &[Word], lang: &str) -> Vec<DateExpr> {
    let lex = lexicon();
    let cands = candidates(lex, ws);
    if !may_hold_date(ws, &cands) {
        // Most sentences: no numbers to look up, nothing to parse.
        return Vec::new();
    }
    parse_with(text, ws, lang, &numbers::Scan::new(text, ws, lang), lex, cands)
}

/// As [`find_in`], with the numbers of those words already looked up.
pub(crate) fn find_with(text: &str, ws: &[Word], lang: &str, nums: &numbers::Scan<'_>) -> Vec<DateExpr> {
    let lex = lexicon();
    let cands = candidates(lex, ws);
    if !may_hold_date(ws, &cands) {
        return Vec::new();
    }
    parse_with(text, ws, lang, nums, lex, cands)
}

/// Date phrases starting at each word, longest first: (end, kind).
fn candidates(lex: &Lex, ws: &[Word]) -> Vec<Vec<(usize, K)>> {
    (0..ws.len())
        .map(|i| {
            let cap = ws[i].capitalised;
            lex.phrases
                .matches_at(ws, i)
                .into_iter()
                .filter(|m| !m.value.cap || cap)
                .map(|m| (m.end, m.value.kind))
                .collect()
        })
        .collect()
}

/// Whether the parser can find anything: every date it reads holds a
/// month, a weekday, a relative day, week or month ("hier", "la veille"),
/// a unit of time ("jours", "hours") or a figure in digits (numeric dates,
/// days of the month, years) — see [`Parser::core`]. Words such as "le",
/// "depuis" or "dans la nuit de" only ever lead to one of those.
fn may_hold_date(ws: &[Word], cands: &[Vec<(usize, K)>]) -> bool {
    let evidence = |k: &K| {
        matches!(
            k,
            K::Month(_)
                | K::MonthWeak(_)
                | K::Weekday(_)
                | K::RelDay(_)
                | K::RelRange(..)
                | K::RelWeek(_)
                | K::RelMonth(_)
                | K::Anaphoric(_)
                | K::DayUnit(_)
                | K::HourUnit
        )
    };
    cands.iter().any(|c| c.iter().any(|(_, k)| evidence(k)))
        || ws.iter().any(|w| w.folded.bytes().any(|b| b.is_ascii_digit()))
}

fn parse_with(
    text: &str,
    ws: &[Word],
    lang: &str,
    nums: &numbers::Scan<'_>,
    lex: &'static Lex,
    cands: Vec<Vec<(usize, K)>>,
) -> Vec<DateExpr> {
    let p = Parser { text, ws, lex, nums, cands, month_first: month_first(lang) };
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        match p.at(i) {
            Some((end, kind)) => {
                out.push(DateExpr { span: Span::new(ws[i].span.start, ws[end - 1].span.end), kind });
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

struct Parser<'a> {
    text: &'a str,
    ws: &'a [Word],
    lex: &'static Lex,
    nums: &'a numbers::Scan<'a>,
    /// Date phrases starting at each word, longest first: (end, kind).
    cands: Vec<Vec<(usize, K)>>,
    month_first: bool,
}

type Parsed = Option<(usize, DateKind)>;

impl Parser<'_> {
    /// The longest entry at word `i` whose kind `pred` accepts.
    fn entry(&self, i: usize, pred: impl Fn(K) -> bool) -> Option<(usize, K)> {
        self.cands.get(i)?.iter().copied().find(|&(_, k)| pred(k))
    }

    fn has(&self, i: usize, kind: K) -> Option<usize> {
        self.entry(i, |k| k == kind).map(|(e, _)| e)
    }

    fn punct(&self, i: usize, p: &str) -> bool {
        self.ws.get(i).is_some_and(|w| w.punct && w.folded == p)
    }

    /// Skips one "," at `i`.
    fn comma(&self, i: usize) -> usize {
        if self.punct(i, ",") { i + 1 } else { i }
    }

    /// A date expression starting at word `i`: its end and kind.
    fn at(&self, i: usize) -> Parsed {
        if let Some(e) = self.has(i, K::TodOf)
            && let Some((end, kind)) = self.core(e)
        {
            return Some((self.absorb_time(end), kind));
        }
        if let Some((end, kind)) = self.core(i) {
            return Some((self.absorb_time(end), kind));
        }
        let e = self.has(i, K::Article)?;
        let (end, kind) = self.core(e)?;
        Some((self.absorb_time(end), kind))
    }

    fn core(&self, i: usize) -> Parsed {
        self.since(i)
            .or_else(|| self.range(i))
            .or_else(|| self.relative(i))
            .or_else(|| self.counted(i))
            .or_else(|| self.numeric(i).map(|(e, p)| (e, DateKind::Day(p))))
            .or_else(|| self.calendar(i).map(|(e, p)| (e, DateKind::Day(p))))
            .or_else(|| self.month(i))
            .or_else(|| self.weekday(i).map(|(e, p)| (e, DateKind::Day(p))))
            .or_else(|| self.year(i))
    }

    /// "au soir", "dans la matinée", "vers 23h30", "à 12h05 (heure locale)".
    fn absorb_time(&self, mut end: usize) -> usize {
        for _ in 0..3 {
            if let Some(e) = self.has(end, K::Tod) {
                end = e;
            } else if let Some(e) = self.time(end) {
                end = e;
            } else if let Some(e) = self.has(end, K::TimeLink).and_then(|e| self.time(e)) {
                end = e;
            } else {
                break;
            }
        }
        end
    }

    /// A clock time at `i` ("23h30", "11pm", "12 heures" after "à"), with
    /// what may follow it ("locales", "GMT").
    fn time(&self, i: usize) -> Option<usize> {
        let found = self.nums.number_at(i)?;
        if found.m.unit != numbers::NumberUnit::Time {
            return None;
        }
        Some(self.has(found.end, K::TimeAfter).unwrap_or(found.end))
    }

    /// A day of the month at `i`: "27", "1er", "27th", "premier".
    fn day(&self, i: usize) -> Option<(usize, i8)> {
        let w = self.ws.get(i)?;
        if w.punct {
            return None;
        }
        if let Some((e, K::DayWord(d))) = self.entry(i, |k| matches!(k, K::DayWord(_))) {
            return Some((e, d));
        }
        let f = w.folded.as_str();
        let digits = f.find(|c: char| !c.is_ascii_digit()).unwrap_or(f.len());
        let (head, rest) = f.split_at(digits);
        if head.is_empty() || head.len() > 2 || !(rest.is_empty() || self.lex.day_suffixes.iter().any(|s| s == rest)) {
            return None;
        }
        // "27-28" is a range, handled by the caller; "25" in "2020-10-25" is not a day here.
        let d: i8 = head.parse().ok()?;
        (1..=31).contains(&d).then_some((i + 1, d))
    }

    /// A month name at `i`; weak names ("mai", "May", "Oct") also report so.
    fn month_name(&self, i: usize) -> Option<(usize, i8, bool)> {
        let (mut e, k) = self.entry(i, |k| matches!(k, K::Month(_) | K::MonthWeak(_)))?;
        let (m, weak) = match k {
            K::Month(m) => (m, false),
            K::MonthWeak(m) => (m, true),
            _ => return None,
        };
        // "Oct.", "janv." — the abbreviation's full stop.
        let short = self.ws[e - 1].folded.len() <= 4;
        if weak && short && self.punct(e, ".") && self.ws[e].span.start == self.ws[e - 1].span.end {
            e += 1;
        }
        Some((e, m, weak))
    }

    /// A four-digit year at `i`.
    fn year_num(&self, i: usize) -> Option<(usize, i16)> {
        let w = self.ws.get(i)?;
        let f = w.folded.as_str();
        if f.len() != 4 || !f.bytes().all(|b| b.is_ascii_digit()) || w.joined_to_next {
            return None;
        }
        let y: i16 = f.parse().ok()?;
        (1900..=2100).contains(&y).then_some((i + 1, y))
    }

    /// An optional year after a month: ", 2020" or " 2020".
    fn year_after(&self, i: usize) -> (usize, Option<i16>) {
        match self.year_num(self.comma(i)) {
            Some((e, y)) => (e, Some(y)),
            None => (i, None),
        }
    }

    /// "27 octobre", "1er octobre 2020", "27 Oct. 2020", "the 27th of
    /// October", "October 27, 2020", with a weekday before ("mardi 27
    /// octobre", "Tuesday, October 27").
    fn calendar(&self, i: usize) -> Option<(usize, Point)> {
        let mut k = i;
        let mut weekday = None;
        if let Some((e, K::Weekday(w))) = self.entry(k, |k| matches!(k, K::Weekday(_))) {
            weekday = Some(w);
            k = self.comma(e);
            k = self.has(k, K::Article).filter(|&e| self.day(e).is_some()).unwrap_or(k);
        }
        if let Some((e, day)) = self.day(k) {
            let m = self.has(e, K::Of).unwrap_or(e);
            if let Some((e2, month, _)) = self.month_name(m) {
                let (end, year) = self.year_after(e2);
                return Some((end, Point::Calendar { year, month: Some(month), day: Some(day), weekday }));
            }
        }
        if let Some((e, month, _)) = self.month_name(k) {
            let k2 = self.has(e, K::Article).unwrap_or(e);
            if let Some((e2, day)) = self.day(k2)
                && !self.ws.get(e2).is_some_and(|w| w.punct && w.folded == "/")
            {
                let (end, year) = self.year_after(e2);
                return Some((end, Point::Calendar { year, month: Some(month), day: Some(day), weekday }));
            }
        }
        None
    }

    /// "en octobre", "in October 2020", "fin octobre", "mi-septembre" (the
    /// 15th), "novembre 2020"; weak names need a prefix or a year.
    fn month(&self, i: usize) -> Parsed {
        let (k, part) = match self.entry(i, |k| matches!(k, K::MonthPrefix(_))) {
            Some((e, K::MonthPrefix(p))) => (e, Some(p)),
            _ => (i, None),
        };
        let (e, month, weak) = self.month_name(k)?;
        let (end, year) = self.year_after(e);
        if weak && part.is_none() && year.is_none() {
            return None;
        }
        if part == Some(Part::Mid) {
            return Some((
                end,
                DateKind::Day(Point::Calendar { year, month: Some(month), day: Some(15), weekday: None }),
            ));
        }
        Some((end, DateKind::Month { year, month }))
    }

    /// "samedi", "on Tuesday", "dimanche dernier", "last Sunday", "lundi prochain".
    fn weekday(&self, i: usize) -> Option<(usize, Point)> {
        let mut rel = WeekdayRel::OnOrBefore;
        let mut k = i;
        if let Some((e, kind)) = self.entry(k, |k| matches!(k, K::WdLast { after: false } | K::WdNext { after: false }))
        {
            rel = if matches!(kind, K::WdLast { .. }) { WeekdayRel::Last } else { WeekdayRel::Next };
            k = e;
        }
        let (mut end, kind) = self.entry(k, |k| matches!(k, K::Weekday(_)))?;
        let K::Weekday(weekday) = kind else { return None };
        if rel == WeekdayRel::OnOrBefore
            && let Some((e, kind)) =
                self.entry(end, |k| matches!(k, K::WdLast { after: true } | K::WdNext { after: true }))
        {
            rel = if matches!(kind, K::WdLast { .. }) { WeekdayRel::Last } else { WeekdayRel::Next };
            end = e;
        }
        Some((end, Point::Weekday { weekday, rel }))
    }

    /// "(11/10)", "11/10/2020", "11.10.2020", "2020-10-11".
    fn numeric(&self, i: usize) -> Option<(usize, Point)> {
        let ws = self.ws;
        let w = ws.get(i)?;
        let digits = |j: usize, lens: &[usize]| -> Option<i16> {
            let w = ws.get(j)?;
            let f = w.folded.as_str();
            (lens.contains(&f.len()) && f.bytes().all(|b| b.is_ascii_digit())).then(|| f.parse().ok())?
        };
        let dash = |a: usize| {
            ws.get(a + 1).is_some_and(|n| ws[a].joined_to_next && crate::numbers::gap(self.text, &ws[a], n) == "-")
        };
        // 2020-10-11
        if let Some(y) = digits(i, &[4])
            && dash(i)
            && let Some(m) = digits(i + 1, &[1, 2])
            && dash(i + 1)
            && let Some(d) = digits(i + 2, &[1, 2])
        {
            return calendar_point(Some(y), m, d).map(|p| (i + 3, p));
        }
        // 11.10.2020 (split without a Vec: this runs on every word)
        let mut dotted = w.folded.split('.');
        if let (Some(p0), Some(p1), Some(p2), None) = (dotted.next(), dotted.next(), dotted.next(), dotted.next())
            && [p0, p1, p2].iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        {
            let (a, b, y) = (p0.parse().ok()?, p1.parse().ok()?, p2.parse::<i16>().ok()?);
            if p0.len() <= 2 && p1.len() <= 2 && matches!(p2.len(), 2 | 4) {
                return self.ordered(a, b, Some(full_year(y))).map(|p| (i + 1, p));
            }
        }
        // 11/10/2020, (11/10)
        let a = digits(i, &[1, 2])?;
        if !self.punct(i + 1, "/") {
            return None;
        }
        let b = digits(i + 2, &[1, 2])?;
        if self.punct(i + 3, "/")
            && let Some(y) = digits(i + 4, &[2, 4])
        {
            return self.ordered(a, b, Some(full_year(y))).map(|p| (i + 5, p));
        }
        // A bare day/month only in brackets or after an article ("le 11/10").
        let bracketed = i > 0 && self.punct(i - 1, "(") && self.punct(i + 3, ")");
        let after_article = i > 0 && self.has(i - 1, K::Article).is_some();
        if self.punct(i + 3, "/") || !(bracketed || after_article) {
            return None;
        }
        self.ordered(a, b, None).map(|p| (i + 3, p))
    }

    /// Day and month from two numeric fields, in the language's order.
    fn ordered(&self, a: i16, b: i16, year: Option<i16>) -> Option<Point> {
        let (day, month) = if self.month_first && a <= 12 { (b, a) } else { (a, b) };
        calendar_point(year, month, day)
    }

    /// "hier", "la veille", "la semaine dernière", "cette nuit", "today".
    fn relative(&self, i: usize) -> Parsed {
        let (e, k) = self.entry(i, |k| {
            matches!(k, K::RelDay(_) | K::RelRange(..) | K::RelWeek(_) | K::RelMonth(_) | K::Anaphoric(_))
        })?;
        let kind = match k {
            K::RelDay(n) => DateKind::Day(Point::FromReference(n)),
            K::RelRange(a, b) => DateKind::Range(Point::FromReference(a), Point::FromReference(b)),
            K::RelWeek(n) => DateKind::Week(n),
            K::RelMonth(n) => DateKind::MonthFromReference(n),
            K::Anaphoric(n) => DateKind::Day(Point::FromPrevious(n)),
            _ => return None,
        };
        Some((e, kind))
    }

    /// Figures with units of time: "il y a deux jours", "two days ago",
    /// "deux jours plus tard", "au cours des deux derniers jours", "over the
    /// past 24 hours", "ces dernières 24 heures".
    fn counted(&self, i: usize) -> Parsed {
        if let Some(e) = self.has(i, K::AgoBefore) {
            let (e2, n, per) = self.figure_unit(e)?;
            let days = per?.checked_mul(n)?;
            return Some((e2, DateKind::Day(Point::FromReference(-days))));
        }
        let open = self.has(i, K::RecentOpen).unwrap_or(i);
        if let Some(found) = self.recent(open) {
            return Some(found);
        }
        let (e, n, per) = self.figure_unit(i)?;
        let days = per?.checked_mul(n)?;
        if let Some(e2) = self.has(e, K::AgoAfter) {
            return Some((e2, DateKind::Day(Point::FromReference(-days))));
        }
        if let Some((e2, K::ShiftAfter(sign))) = self.entry(e, |k| matches!(k, K::ShiftAfter(_))) {
            return Some((e2, DateKind::Day(Point::FromPrevious(sign * days))));
        }
        None
    }

    /// A figure and a unit of days at `i`: (end, figure, days per unit; None for hours).
    fn figure_unit(&self, i: usize) -> Option<(usize, i32, Option<i32>)> {
        let (e, n) = self.figure(i)?;
        match self.entry(e, |k| matches!(k, K::DayUnit(_) | K::HourUnit))? {
            (e2, K::DayUnit(per)) => Some((e2, n, Some(per))),
            (e2, _) => Some((e2, n, None)),
        }
    }

    fn figure(&self, i: usize) -> Option<(usize, i32)> {
        let (e, v) = self.nums.figure_at(i)?;
        let v = i32::try_from(v?).ok().filter(|v| (1..=3660).contains(v))?;
        Some((e, v))
    }

    /// "derniers N jours" in its three word orders.
    fn recent(&self, i: usize) -> Parsed {
        let (end, n, per) = if let Some(e) = self.has(i, K::Recent) {
            self.figure_unit(e)?
        } else {
            let (e, n) = self.figure(i)?;
            if let Some(e2) = self.has(e, K::Recent) {
                let (e3, per) = self.unit(e2)?;
                (e3, n, per)
            } else {
                let (e2, per) = self.unit(e)?;
                (self.has(e2, K::Recent)?, n, per)
            }
        };
        let back = match per {
            Some(per) => per.checked_mul(n)? - 1,
            None => (n + 23) / 24,
        };
        Some((end, DateKind::Range(Point::FromReference(-back), Point::FromReference(0))))
    }

    fn unit(&self, i: usize) -> Option<(usize, Option<i32>)> {
        match self.entry(i, |k| matches!(k, K::DayUnit(_) | K::HourUnit))? {
            (e, K::DayUnit(per)) => Some((e, Some(per))),
            (e, _) => Some((e, None)),
        }
    }

    /// "depuis le 27 septembre", "since Saturday", "depuis la mi-septembre".
    fn since(&self, i: usize) -> Parsed {
        let e = self.has(i, K::Since)?;
        let k = self.has(e, K::Article).unwrap_or(e);
        for start in [k, e] {
            if let Some((end, p)) = self.point(start) {
                return Some((end, DateKind::Since(p)));
            }
            if let Some((end, kind)) = self.month(start) {
                let p = match kind {
                    DateKind::Month { year, month } => {
                        Point::Calendar { year, month: Some(month), day: None, weekday: None }
                    }
                    DateKind::Day(p) => p,
                    _ => continue,
                };
                return Some((end, DateKind::Since(p)));
            }
            if let Some((end, DateKind::Day(p))) = self.relative(start) {
                return Some((end, DateKind::Since(p)));
            }
        }
        None
    }

    /// One full day: numeric, calendar or weekday.
    fn point(&self, i: usize) -> Option<(usize, Point)> {
        self.numeric(i).or_else(|| self.calendar(i)).or_else(|| self.weekday(i))
    }

    /// "du 24 au 25 mars", "les 24 et 25 mars", "24-25 March", "between 3
    /// and 5 May", "dans la nuit de jeudi à vendredi", "on the night of
    /// Thursday to Friday", "du 30 septembre au 2 octobre".
    fn range(&self, i: usize) -> Parsed {
        let (k, night) = match self.entry(i, |k| matches!(k, K::RangeOpen { .. })) {
            Some((e, K::RangeOpen { night })) => (self.has(e, K::Article).unwrap_or(e), night),
            _ => (i, false),
        };
        let opened = k != i;
        // The first end: a full point, or a bare day that takes the second's month.
        let first = self.point(k).or_else(|| self.day(k).map(|(e, d)| (e, bare_day(d))));
        let (e, a) = first?;
        let bare = matches!(a, Point::Calendar { month: None, .. });
        let weekday = matches!(a, Point::Weekday { .. });
        // The separator: a word or a hyphen glued to the first end ("24-25").
        let glued = bare
            && self.ws[e - 1].joined_to_next
            && self.ws.get(e).is_some_and(|n| numbers::gap(self.text, &self.ws[e - 1], n) == "-");
        let sep_end = if glued { Some(e) } else { self.has(e, K::RangeSep) };
        let second = sep_end.and_then(|s| {
            let s = self.has(s, K::Article).unwrap_or(s);
            self.point(s).filter(|(_, b)| match b {
                Point::Calendar { month, .. } => month.is_some() && !weekday,
                Point::Weekday { .. } => weekday,
                _ => false,
            })
        });
        match second {
            Some((end, b)) if opened || bare || weekday => Some((end, DateKind::Range(a, b))),
            _ if night && !bare => Some((e, DateKind::Day(a))),
            _ => None,
        }
    }

    /// "en 2020": a year alone.
    fn year(&self, i: usize) -> Parsed {
        let e = self.has(i, K::YearCue)?;
        let (end, y) = self.year_num(e)?;
        Some((end, DateKind::Year(y)))
    }
}

fn bare_day(d: i8) -> Point {
    Point::Calendar { year: None, month: None, day: Some(d), weekday: None }
}

fn full_year(y: i16) -> i16 {
    if y < 100 { 2000 + y } else { y }
}

fn calendar_point(year: Option<i16>, month: i16, day: i16) -> Option<Point> {
    let (month, day) = (i8::try_from(month).ok()?, i8::try_from(day).ok()?);
    let valid = (1..=12).contains(&month) && (1..=31).contains(&day);
    valid.then_some(Point::Calendar { year, month: Some(month), day: Some(day), weekday: None })
}

#[cfg(test)]
mod filter_tests {
    use super::*;
    use proptest::prelude::*;

    /// Every phrase of the date lexicons, each language's, with digits and
    /// punctuation: the words dates are made of.
    fn vocabulary() -> Vec<String> {
        let mut v: Vec<String> = rows("*", "dates")
            .iter()
            .flat_map(|r| {
                field(r, 0).split('|').map(|a| a.trim().trim_end_matches('*').to_string()).collect::<Vec<_>>()
            })
            .filter(|a| !a.is_empty() && a != "~")
            .collect();
        v.extend(
            [
                "27",
                "1er",
                "2020",
                "11/10",
                "2020-10-11",
                "11.10.2020",
                "24",
                "deux",
                "two",
                ",",
                "(",
                ")",
                "-",
                "/",
                ".",
            ]
            .map(String::from),
        );
        v.sort();
        v.dedup();
        v
    }

    /// What the parser finds with no filter in front.
    fn unfiltered(text: &str, lang: &str) -> Vec<DateExpr> {
        let ws = words(text, Span::new(0, text.len()));
        let lex = lexicon();
        parse_with(text, &ws, lang, &numbers::Scan::new(text, &ws, lang), lex, candidates(lex, &ws))
    }

    proptest! {
        #[test]
        fn the_filter_never_hides_a_date(
            picks in proptest::collection::vec(any::<proptest::sample::Index>(), 0..8),
            fillers in proptest::collection::vec("(le|la|les|des|dans|de|à|the|of|on|in|a|été|attaque|killed|Marché)", 0..4),
            lang in "(fr|en)",
        ) {
            let vocab = vocabulary();
            let mut text = String::new();
            for (i, p) in picks.iter().enumerate() {
                let word: &String = p.get(&vocab);
                text.push_str(word);
                text.push(' ');
                if let Some(f) = fillers.get(i) {
                    text.push_str(f);
                    text.push(' ');
                }
            }
            prop_assert_eq!(find_in(&text, &words(&text, Span::new(0, text.len())), &lang), unfiltered(&text, &lang), "{}", text);
        }

        #[test]
        fn the_filter_never_hides_a_date_in_any_text(s in "\\PC{0,80}") {
            let ws = words(&s, Span::new(0, s.len()));
            prop_assert_eq!(find_in(&s, &ws, "fr"), unfiltered(&s, "fr"));
        }
    }

    #[test]
    fn sentences_without_dates_are_not_parsed() {
        for text in ["Les forces ont avancé vers la ville.", "The talks produced few results."] {
            let ws = words(text, Span::new(0, text.len()));
            assert!(!may_hold_date(&ws, &candidates(lexicon(), &ws)), "{text}");
        }
        for text in ["mardi", "hier soir", "il y a deux jours", "over the past 24 hours", "en 2020", "la veille"] {
            let ws = words(text, Span::new(0, text.len()));
            assert!(may_hold_date(&ws, &candidates(lexicon(), &ws)), "{text}");
            assert!(!find_in(text, &ws, "fr").is_empty() || !find_in(text, &ws, "en").is_empty(), "{text}");
        }
    }
}
