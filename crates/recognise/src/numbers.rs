//! Numbers in running text: digits with French and English separators,
//! number words ("Quatorze", "vingt et un", "twenty-one"), collective nouns
//! ("une vingtaine"), vague quantities ("des dizaines", "dozens"), bounds
//! ("au moins", "at least"), ranges ("entre 12 et 14", "2 ou 3", "12-14")
//! and what the figure measures (a year, a time, a percentage, money, a
//! distance, an ordinal, a duration), so that only plain counts are ever
//! read as casualty figures.
//!
//! The words come from `data/lexicons/<lang>/numbers.tsv` (symbols from
//! `common/numbers.tsv`); the rules here are language-neutral.
//!
//! Separators follow the group-of-three rule: "10.000", "10,000", "10 000"
//! (also with no-break spaces) are ten thousand, "1.100" is eleven hundred;
//! a single separator followed by one, two or more than three digits is a
//! decimal ("66.94", "1,5"), whose integer part is the `value`.
//!
//! ```
//! use warlog_model::Span;
//! use warlog_recognise::numbers::{find_numbers, Bound, NumberUnit};
//! let text = "au moins 14 morts et une vingtaine de blessés en 2020";
//! let found = find_numbers(text, Span::new(0, text.len()), "fr");
//! assert_eq!(found[0].value, Some(14));
//! assert_eq!(found[0].bound, Some(Bound::AtLeast));
//! assert!(found[1].approx);
//! assert_eq!(found[2].unit, NumberUnit::Year);
//! ```

use std::collections::HashMap;

use serde::Serialize;
use warlog_model::{Count, Span};

use crate::langdata::{PerLang, field, rows};
use crate::phrase::{PhraseSet, Word, words};

/// A bound on the figure: "au moins 14" is `AtLeast`, "jusqu'à 60" `AtMost`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    AtLeast,
    AtMost,
}

/// What a figure measures. Only `Count` can be a number of people or things.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberUnit {
    Count,
    Year,
    Time,
    Percent,
    Money,
    Distance,
    Ordinal,
    Duration,
    Other,
}

impl NumberUnit {
    fn parse(s: &str) -> Option<NumberUnit> {
        Some(match s {
            "count" => NumberUnit::Count,
            "year" => NumberUnit::Year,
            "time" => NumberUnit::Time,
            "percent" => NumberUnit::Percent,
            "money" => NumberUnit::Money,
            "distance" => NumberUnit::Distance,
            "ordinal" => NumberUnit::Ordinal,
            "duration" => NumberUnit::Duration,
            "other" => NumberUnit::Other,
            _ => return None,
        })
    }
}

/// A number found in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct NumberMatch {
    /// The whole expression, with its bound, approximation and unit words
    /// ("au moins 14", "une vingtaine", "10.000 livres turques").
    pub span: Span,
    /// The figure (the lower end of a range; the integer part of a
    /// decimal); `None` for a vague quantity ("plusieurs", "dozens").
    pub value: Option<u64>,
    /// "une vingtaine", "environ 60", "about 30".
    pub approx: bool,
    pub bound: Option<Bound>,
    /// Both ends, when the text gives a range ("entre 12 et 14", "2 ou 3").
    pub range: Option<(u64, u64)>,
    pub unit: NumberUnit,
}

impl NumberMatch {
    /// The figure as a casualty count: a range when the text gives one,
    /// else the figure itself ("at least N" is N, as ACLED codes it).
    /// `None` for vague quantities and for anything but a count.
    pub fn count(&self) -> Option<Count> {
        if self.unit != NumberUnit::Count {
            return None;
        }
        let clamp = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
        match (self.range, self.value) {
            (Some((a, b)), _) => Some(Count::Range { min: clamp(a), max: clamp(b) }),
            (None, Some(v)) => Some(Count::Exact(clamp(v))),
            (None, None) => None,
        }
    }
}

/// Numbers in `text[span]`, left to right, not overlapping.
pub fn find_numbers(text: &str, span: Span, lang: &str) -> Vec<NumberMatch> {
    let ws = words(text, span);
    scan(text, &ws, lang).into_iter().map(|f| f.m).collect()
}

/// A number with the words it covers (`start..end`); `figure` is the first
/// word of the figure itself (after "au moins", "entre").
#[derive(Clone, Copy, Debug)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub m: NumberMatch,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Num(u64),
    One,
    Hundred,
    Scale(u64),
    And,
    ApproxOf(u64),
    Vague,
    Approx { before: bool, after: bool },
    AtLeast { after: bool },
    AtMost,
    RangeOpen,
    RangeSep { needs_open: bool },
    Unit(NumberUnit),
    HourUnit,
    TimeCue,
    Ordinal(u64),
    OrdinalSuffix,
    YearCue,
    YearFollow,
    Ignore,
}

pub(crate) struct Lex {
    phrases: PhraseSet<Kind>,
    suffixes: Vec<String>,
    sym_before: HashMap<String, NumberUnit>,
    sym_after: HashMap<String, NumberUnit>,
}

fn parse_kind(kind: &str, value: &str) -> Option<Kind> {
    let n = || value.parse::<u64>().ok();
    Some(match kind {
        "num" => Kind::Num(n()?),
        "one" => Kind::One,
        "hundred" => Kind::Hundred,
        "scale" => Kind::Scale(n()?),
        "and" => Kind::And,
        "approx_of" => Kind::ApproxOf(n()?),
        "vague" => Kind::Vague,
        "approx" => Kind::Approx { before: value != "after", after: value != "before" },
        "at_least" => Kind::AtLeast { after: value == "after" },
        "at_most" => Kind::AtMost,
        "range_open" => Kind::RangeOpen,
        "range_sep" => Kind::RangeSep { needs_open: value == "open" },
        "unit" => Kind::Unit(NumberUnit::parse(value)?),
        "hour_unit" => Kind::HourUnit,
        "time_cue" => Kind::TimeCue,
        "ordinal" => Kind::Ordinal(n()?),
        "ordinal_suffix" => Kind::OrdinalSuffix,
        "year_cue" => Kind::YearCue,
        "year_follow" => Kind::YearFollow,
        "ignore" => Kind::Ignore,
        _ => return None,
    })
}

fn build(key: &str) -> Lex {
    let mut lex =
        Lex { phrases: PhraseSet::new(), suffixes: Vec::new(), sym_before: HashMap::new(), sym_after: HashMap::new() };
    for row in rows(key, "numbers") {
        let (phrase, kind, value) = (field(row, 0), field(row, 1), field(row, 2));
        if kind == "symbol_before" || kind == "symbol_after" {
            let Some(unit) = NumberUnit::parse(value) else { continue };
            let map = if kind == "symbol_before" { &mut lex.sym_before } else { &mut lex.sym_after };
            for alt in phrase.split('|') {
                map.insert(alt.trim().to_string(), unit);
            }
            continue;
        }
        let Some(k) = parse_kind(kind, value) else { continue };
        for alt in phrase.split('|').map(str::trim).filter(|a| !a.is_empty()) {
            if k == Kind::OrdinalSuffix {
                lex.suffixes.push(crate::fold::fold(alt));
            } else {
                lex.phrases.insert(alt, k);
            }
        }
    }
    // Month names announce a year ("novembre 2020"): taken from the dates list.
    for row in rows(key, "dates") {
        if matches!(field(row, 1), "month" | "month_weak") {
            for alt in field(row, 0).split('|').map(str::trim).filter(|a| !a.is_empty()) {
                lex.phrases.insert(alt, Kind::YearCue);
            }
        }
    }
    lex
}

pub(crate) fn lexicon(lang: &str) -> &'static Lex {
    static CACHE: PerLang<Lex> = PerLang::new();
    CACHE.get(lang, "numbers", build)
}

/// Text between two words ("" when they touch).
pub(crate) fn gap<'a>(text: &'a str, a: &Word, b: &Word) -> &'a str {
    text.get(a.span.end..b.span.start).unwrap_or("")
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn starts_with_digit(w: &Word) -> bool {
    w.folded.as_bytes().first().is_some_and(u8::is_ascii_digit)
}

/// Digits with separators: (integer value, value with its fraction, plain
/// digit count when there is no separator). `None` for forms like
/// "11.10.2020" that are not one number.
fn parse_digits(s: &str) -> Option<(u64, f64, Option<usize>)> {
    if is_digits(s) {
        let v = s.parse::<u64>().ok()?;
        return Some((v, v as f64, Some(s.len())));
    }
    let groups: Vec<&str> = s.split(['.', ',']).collect();
    if groups.iter().any(|g| !is_digits(g)) {
        return None;
    }
    let thousands = groups.len() >= 2 && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
    if thousands {
        let v = groups.concat().parse::<u64>().ok()?;
        return Some((v, v as f64, None));
    }
    if groups.len() == 2 {
        let int = groups[0].parse::<u64>().ok()?;
        let frac: f64 = format!("0.{}", groups[1]).parse().ok()?;
        return Some((int, int as f64 + frac, None));
    }
    None
}

fn to_u64(v: f64) -> u64 {
    if v.is_finite() && v >= 0.0 { v.min(1e18).round() as u64 } else { 0 }
}

/// The figure itself, before bounds and units are considered.
#[derive(Clone, Copy, Debug, Default)]
struct Fig {
    end: usize,
    value: Option<u64>,
    approx: bool,
    unit: Option<NumberUnit>,
    /// Number of digits when written as plain digits ("2020" → 4).
    plain: Option<usize>,
}

impl Scan<'_> {
    /// The longest phrase of a kind accepted by `pred` at word `i`.
    fn at(&self, i: usize, pred: impl Fn(Kind) -> bool) -> Option<(usize, Kind)> {
        self.cands.get(i)?.iter().copied().find(|&(_, k)| pred(k))
    }

    fn figure(&self, j: usize) -> Option<Fig> {
        let ws = self.ws;
        let w = ws.get(j)?;
        if w.punct {
            return None;
        }
        if starts_with_digit(w) {
            return self.digit_figure(j);
        }
        if let Some((end, _)) = self.at(j, |k| k == Kind::Vague) {
            return Some(Fig { end, ..Fig::default() });
        }
        if let Some((end, Kind::Ordinal(n))) = self.at(j, |k| matches!(k, Kind::Ordinal(_))) {
            return Some(Fig { end, value: Some(n), unit: Some(NumberUnit::Ordinal), ..Fig::default() });
        }
        // "une vingtaine", "un millier", "a dozen"; "un million", "a hundred".
        let (start, lead_one) = match self.at(j, |k| k == Kind::One) {
            Some((end, _)) => (end, true),
            None => (j, false),
        };
        if let Some((end, Kind::ApproxOf(n))) = self.at(start, |k| matches!(k, Kind::ApproxOf(_))) {
            return Some(Fig { end, value: Some(n), approx: true, ..Fig::default() });
        }
        if lead_one && self.at(start, |k| matches!(k, Kind::Hundred | Kind::Scale(_))).is_none() {
            return None;
        }
        let (end, value) = self.compose(j)?;
        // "deux douzaines", "trois centaines"
        if let Some((e2, Kind::ApproxOf(n))) = self.at(end, |k| matches!(k, Kind::ApproxOf(_))) {
            return Some(Fig { end: e2, value: Some(value.saturating_mul(n)), approx: true, ..Fig::default() });
        }
        Some(Fig { end, value: Some(value), ..Fig::default() })
    }

    /// Number words composed: "vingt et un", "quatre-vingt-dix-sept",
    /// "trois cent mille", "one hundred and five".
    fn compose(&self, j: usize) -> Option<(usize, u64)> {
        let (mut total, mut cur, mut last, mut k, mut any) = (0u64, 0u64, 0u64, j, false);
        let word = |k: Kind| matches!(k, Kind::Num(_) | Kind::One | Kind::Hundred | Kind::Scale(_) | Kind::And);
        while let Some((end, kind)) = self.at(k, word) {
            match kind {
                Kind::Num(v) => {
                    // A unit only follows a round ten ("vingt deux", "dix-sept"), never a unit.
                    if any && !(last % 10 == 0 && v < last) {
                        break;
                    }
                    cur += v;
                    last = v;
                }
                Kind::One if !any => {
                    // The article counts only before "cent", "mille", "million".
                    if self.at(end, |k| matches!(k, Kind::Hundred | Kind::Scale(_))).is_none() {
                        break;
                    }
                    cur = 1;
                    last = 1;
                }
                Kind::Hundred => {
                    if any && cur == 0 {
                        break;
                    }
                    cur = cur.max(1).saturating_mul(100);
                    last = 100;
                }
                Kind::Scale(s) => {
                    if any && cur == 0 && total > 0 {
                        break;
                    }
                    total = total.saturating_add(cur.max(1).saturating_mul(s));
                    cur = 0;
                    last = s;
                }
                Kind::And | Kind::One => {
                    // "vingt et un", "hundred and five": a connector between a
                    // round figure and a smaller one.
                    if !any || last < 20 || last % 10 != 0 {
                        break;
                    }
                    let next = if kind == Kind::One {
                        Some((end, 1))
                    } else {
                        match self.at(end, |k| matches!(k, Kind::Num(_) | Kind::One)) {
                            Some((e, Kind::Num(v))) => Some((e, v)),
                            Some((e, _)) => Some((e, 1)),
                            None => None,
                        }
                    };
                    match next {
                        Some((e, v)) if v < last => {
                            cur += v;
                            last = v;
                            k = e;
                            any = true;
                            continue;
                        }
                        _ => break,
                    }
                }
                _ => break,
            }
            k = end;
            any = true;
        }
        any.then_some((k, total.saturating_add(cur)))
    }

    fn digit_figure(&self, j: usize) -> Option<Fig> {
        let (text, ws) = (self.text, self.ws);
        let w = &ws[j];
        // "Su-25", "F-16", "P-18": a model name, not a figure.
        if j > 0 && ws[j - 1].joined_to_next && !ws[j - 1].punct && !starts_with_digit(&ws[j - 1]) {
            return None;
        }
        let f = w.folded.as_str();
        let digit_end = f.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(f.len());
        let (head, rest) = f.split_at(digit_end);
        if !rest.is_empty() {
            let head_value = head.parse::<u64>().ok()?;
            let glued = |unit| Some(Fig { end: j + 1, value: Some(head_value), unit: Some(unit), ..Fig::default() });
            if self.lex.suffixes.iter().any(|s| s == rest) {
                return glued(NumberUnit::Ordinal);
            }
            let hour = rest.strip_prefix('h').is_some_and(|m| m.is_empty() || (m.len() == 2 && is_digits(m)));
            if hour || rest == "am" || rest == "pm" {
                return glued(NumberUnit::Time);
            }
            return match rest {
                "km" | "m" => glued(NumberUnit::Distance),
                "%" => glued(NumberUnit::Percent),
                _ => None,
            };
        }
        // "2020-10-11": three joined groups are a date, not numbers.
        if w.joined_to_next && ws.get(j + 2).is_some_and(|w2| starts_with_digit(w2) && ws[j + 1].joined_to_next) {
            return Some(Fig { end: j + 3, value: None, unit: Some(NumberUnit::Other), ..Fig::default() });
        }
        let (mut int, mut float, mut plain) = parse_digits(f)?;
        let mut end = j + 1;
        // "10 000", "2 000 000" (with normal, no-break or narrow no-break spaces).
        if head.len() <= 3 && plain.is_some() {
            while let Some(next) = ws.get(end) {
                let g = gap(text, &ws[end - 1], next);
                let spaced = matches!(g, " " | "\u{a0}" | "\u{202f}" | "\u{2009}");
                if !(spaced && next.folded.len() == 3 && is_digits(&next.folded)) {
                    break;
                }
                int = int.saturating_mul(1000).saturating_add(next.folded.parse::<u64>().unwrap_or(0));
                float = int as f64;
                plain = None;
                end += 1;
            }
        }
        // "1,5 million", "5 thousand", "trois cents" written "3 cents" is rare: scales only.
        if let Some((e, Kind::Scale(s))) = self.at(end, |k| matches!(k, Kind::Scale(_))) {
            return Some(Fig { end: e, value: Some(to_u64(float * s as f64)), ..Fig::default() });
        }
        if let Some((e, Kind::ApproxOf(n))) = self.at(end, |k| matches!(k, Kind::ApproxOf(_))) {
            return Some(Fig { end: e, value: Some(int.saturating_mul(n)), approx: true, ..Fig::default() });
        }
        Some(Fig { end, value: Some(int), plain, ..Fig::default() })
    }

    /// A whole number expression starting at word `i`.
    fn expr(&self, i: usize) -> Option<Found> {
        let ws = self.ws;
        let (mut approx, mut bound, mut open, mut unit) = (false, None, false, None);
        let mut j = i;
        let mut fig_start = i;
        for _ in 0..3 {
            if let Some(w) = ws.get(j).filter(|w| w.punct)
                && let Some(u) = self.lex.sym_before.get(w.folded.as_str())
            {
                unit = Some(*u);
                j += 1;
                continue;
            }
            let Some((end, kind)) = self.at(j, |k| {
                matches!(
                    k,
                    Kind::Approx { before: true, .. } | Kind::AtLeast { after: false } | Kind::AtMost | Kind::RangeOpen
                )
            }) else {
                break;
            };
            match kind {
                Kind::Approx { .. } => approx = true,
                Kind::AtLeast { .. } => bound = Some(Bound::AtLeast),
                Kind::AtMost => bound = Some(Bound::AtMost),
                _ => {
                    open = true;
                    fig_start = end;
                }
            }
            j = end;
        }
        let fig = self.figure(j)?;
        let mut end = fig.end;
        approx |= fig.approx;
        let mut range = None;
        if let Some(a) = fig.value {
            range = self.range_end(end, open).and_then(|(e, b)| (b > a).then_some((e, (a, b)))).map(|(e, r)| {
                end = e;
                r
            });
        }
        // "de 10 soldats": an opener without a range stays out of the span.
        let start = if open && range.is_none() && fig_start == j { fig_start } else { i };
        let mut unit = unit.or(fig.unit);
        if unit.is_none() {
            if let Some(w) = ws.get(end).filter(|w| w.punct)
                && let Some(u) = self.lex.sym_after.get(w.folded.as_str())
            {
                unit = Some(*u);
                end += 1;
            } else if let Some((e, kind)) = self.at(end, |k| matches!(k, Kind::Unit(_) | Kind::HourUnit)) {
                unit = Some(match kind {
                    Kind::Unit(u) => u,
                    _ if start > 0 && self.at(start - 1, |k| k == Kind::TimeCue).is_some() => NumberUnit::Time,
                    _ => NumberUnit::Duration,
                });
                end = e;
            }
        }
        if let Some((e, _)) =
            self.at(end, |k| matches!(k, Kind::Approx { after: true, .. } | Kind::AtLeast { after: true }))
        {
            approx |= self.at(end, |k| matches!(k, Kind::Approx { .. })).is_some();
            if self.at(end, |k| matches!(k, Kind::AtLeast { .. })).is_some() {
                bound = Some(Bound::AtLeast);
            }
            end = e;
        }
        let mut unit = unit.unwrap_or(NumberUnit::Count);
        if unit == NumberUnit::Count && self.is_year(start, end, &fig, bound, approx, range) {
            unit = NumberUnit::Year;
        }
        let span = Span::new(ws[start].span.start, ws[end - 1].span.end);
        let value = range.map(|(a, _)| a).or(fig.value);
        Some(Found { start, end, m: NumberMatch { span, value, approx, bound, range, unit } })
    }

    /// The second end of a range after a figure ending at word `end`.
    fn range_end(&self, end: usize, open: bool) -> Option<(usize, u64)> {
        let (text, ws) = (self.text, self.ws);
        let prev = ws.get(end.checked_sub(1)?)?;
        if prev.joined_to_next && ws.get(end).is_some_and(|n| gap(text, prev, n) == "-") {
            let f = self.figure(end)?;
            return Some((f.end, f.value?));
        }
        let (sep_end, _) = self.at(end, |k| matches!(k, Kind::RangeSep { needs_open } if open || !needs_open))?;
        let f = self.figure(sep_end)?;
        Some((f.end, f.value?))
    }

    #[allow(clippy::too_many_arguments)]
    fn is_year(
        &self,
        start: usize,
        end: usize,
        fig: &Fig,
        bound: Option<Bound>,
        approx: bool,
        range: Option<(u64, u64)>,
    ) -> bool {
        let ws = self.ws;
        let plausible = fig.plain == Some(4) && fig.value.is_some_and(|v| (1900..=2100).contains(&v));
        if !plausible || bound.is_some() || approx || range.is_some() {
            return false;
        }
        let cue_before = start > 0 && self.at(start - 1, |k| k == Kind::YearCue).is_some();
        let after_ok = match ws.get(end) {
            None => true,
            Some(w) if w.punct => true,
            Some(w) => w.capitalised || starts_with_digit(w) || self.at(end, |k| k == Kind::YearFollow).is_some(),
        };
        cue_before || after_ok
    }
}

/// Numbers read over one text's words: the lexicon's phrases looked up
/// once per word, then every rule reads them from there.
pub(crate) struct Scan<'a> {
    lex: &'static Lex,
    text: &'a str,
    ws: &'a [Word],
    /// Phrases starting at each word, longest first: (end, kind).
    cands: Vec<Vec<(usize, Kind)>>,
}

impl<'a> Scan<'a> {
    pub(crate) fn new(text: &'a str, ws: &'a [Word], lang: &str) -> Scan<'a> {
        let lex = lexicon(lang);
        let cands = (0..ws.len())
            .map(|i| lex.phrases.matches_at(ws, i).into_iter().map(|m| (m.end, *m.value)).collect())
            .collect();
        Scan { lex, text, ws, cands }
    }

    /// The bare figure at word `j` (no bound, range or unit): its end and value.
    pub(crate) fn figure_at(&self, j: usize) -> Option<(usize, Option<u64>)> {
        self.figure(j).map(|f| (f.end, f.value))
    }

    /// The whole number expression starting at word `j`, if any.
    pub(crate) fn number_at(&self, j: usize) -> Option<Found> {
        self.expr(j)
    }

    /// Numbers among the words, left to right.
    pub(crate) fn all(&self) -> Vec<Found> {
        let ws = self.ws;
        let mut out: Vec<Found> = Vec::new();
        let mut i = 0;
        while i < ws.len() {
            if let Some((end, _)) = self.at(i, |k| k == Kind::Ignore) {
                i = end;
                continue;
            }
            match self.expr(i) {
                Some(f) => {
                    i = f.end.max(i + 1);
                    out.push(f);
                }
                None => i += 1,
            }
        }
        // "12 et 14 km": the first figure measures what the second does.
        for k in 1..out.len() {
            let (a, b) = (out[k - 1], out[k]);
            let joined = b.start == a.end + 1 && self.at(a.end, |k| matches!(k, Kind::RangeSep { .. })).is_some();
            let measured = !matches!(b.m.unit, NumberUnit::Count | NumberUnit::Year | NumberUnit::Ordinal);
            if joined && measured && a.m.unit == NumberUnit::Count {
                out[k - 1].m.unit = b.m.unit;
            }
        }
        out
    }
}

/// Numbers among `ws`, left to right.
pub(crate) fn scan(text: &str, ws: &[Word], lang: &str) -> Vec<Found> {
    Scan::new(text, ws, lang).all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(text: &str, lang: &str) -> Vec<NumberMatch> {
        find_numbers(text, Span::new(0, text.len()), lang)
    }

    fn values(text: &str, lang: &str) -> Vec<Option<u64>> {
        nums(text, lang).iter().map(|m| m.value).collect()
    }

    fn one(text: &str, lang: &str) -> NumberMatch {
        let found = nums(text, lang);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found[0]
    }

    #[test]
    fn digits_with_separators() {
        assert_eq!(
            values("10.000 et 10,000 puis 1.100 et 30.000", "fr"),
            [Some(10_000), Some(10_000), Some(1100), Some(30_000)]
        );
        assert_eq!(
            values("10 000 soldats, 2\u{202f}500 civils, 3\u{a0}000 autres", "fr"),
            [Some(10_000), Some(2500), Some(3000)]
        );
        let pct = one("Il reste 66.94% de l'article", "fr");
        assert_eq!((pct.value, pct.unit), (Some(66), NumberUnit::Percent));
        assert_eq!(pct.span.slice("Il reste 66.94% de l'article"), "66.94%");
        assert_eq!(one("1,5 million de déplacés", "fr").value, Some(1_500_000));
        assert_eq!(one("$5 million in aid", "en").unit, NumberUnit::Money);
        assert_eq!(one("$5 million in aid", "en").value, Some(5_000_000));
    }

    #[test]
    fn french_number_words() {
        let cases = [
            ("Quatorze civils", 14),
            ("Sept personnes", 7),
            ("vingt soldats", 20),
            ("vingt et un morts", 21),
            ("dix-sept blessés", 17),
            ("soixante-dix otages", 70),
            ("soixante et onze", 71),
            ("quatre-vingts", 80),
            ("quatre-vingt-dix-sept", 97),
            ("deux cents", 200),
            ("trois cent mille", 300_000),
            ("deux mille vingt-deux", 2022),
            ("mille soldats", 1000),
            ("un million de personnes", 1_000_000),
            ("trente-deux ans", 32),
        ];
        for (text, v) in cases {
            assert_eq!(nums(text, "fr")[0].value, Some(v), "{text}");
        }
        assert!(nums("un civil a été tué", "fr").is_empty(), "an article is not a figure");
        assert_eq!(values("deux trois", "fr"), [Some(2), Some(3)]);
    }

    #[test]
    fn english_number_words() {
        let cases = [
            ("Twenty soldiers", 20),
            ("twenty-one", 21),
            ("one hundred and five", 105),
            ("a hundred people", 100),
            ("three thousand", 3000),
            ("two million", 2_000_000),
            ("Fourteen civilians", 14),
        ];
        for (text, v) in cases {
            assert_eq!(nums(text, "en")[0].value, Some(v), "{text}");
        }
        assert!(nums("a soldier was killed", "en").is_empty());
    }

    #[test]
    fn collective_and_vague() {
        let m = one("une vingtaine de blessés", "fr");
        assert_eq!((m.value, m.approx), (Some(20), true));
        let m = one("plus d'un millier de combattants", "fr");
        assert_eq!((m.value, m.approx, m.bound), (Some(1000), true, Some(Bound::AtLeast)));
        assert_eq!(one("a dozen fighters", "en").value, Some(12));
        for (text, lang) in [
            ("des dizaines de morts", "fr"),
            ("plusieurs autres blessés", "fr"),
            ("des centaines de familles", "fr"),
            ("des milliers de réfugiés", "fr"),
            ("dozens injured", "en"),
            ("several soldiers", "en"),
            ("hundreds of people", "en"),
        ] {
            let m = one(text, lang);
            assert_eq!(m.value, None, "{text}");
            assert_eq!(m.count(), None);
        }
    }

    #[test]
    fn bounds_and_approximations() {
        let m = one("au moins 14 morts", "fr");
        assert_eq!((m.value, m.bound), (Some(14), Some(Bound::AtLeast)));
        assert_eq!(m.count(), Some(Count::Exact(14)));
        assert_eq!(one("plus de 40 blessés", "fr").bound, Some(Bound::AtLeast));
        assert_eq!(one("pas moins de 12", "fr").bound, Some(Bound::AtLeast));
        assert_eq!(one("jusqu'à 60 drones", "fr").bound, Some(Bound::AtMost));
        assert_eq!(one("moins de 5", "fr").bound, Some(Bound::AtMost));
        assert_eq!(one("at least 9 people", "en").bound, Some(Bound::AtLeast));
        assert_eq!(one("more than 300", "en").bound, Some(Bound::AtLeast));
        assert_eq!(one("up to 60", "en").bound, Some(Bound::AtMost));
        for (text, lang) in [
            ("environ 60", "fr"),
            ("près de 200", "fr"),
            ("quelque 30.000 morts", "fr"),
            ("about 40", "en"),
            ("nearly 70", "en"),
        ] {
            assert!(one(text, lang).approx, "{text}");
        }
        let m = one("1.100 euros environ", "fr");
        assert_eq!((m.value, m.approx, m.unit), (Some(1100), true, NumberUnit::Money));
    }

    #[test]
    fn ranges() {
        let m = one("entre 12 et 14 morts", "fr");
        assert_eq!((m.range, m.value), (Some((12, 14)), Some(12)));
        assert_eq!(m.count(), Some(Count::Range { min: 12, max: 14 }));
        assert_eq!(one("2 ou 3 jours", "fr").range, Some((2, 3)));
        assert_eq!(one("12-14 killed", "en").range, Some((12, 14)));
        assert_eq!(one("between 10 and 15 people", "en").range, Some((10, 15)));
        assert_eq!(one("10 to 15 people", "en").range, Some((10, 15)));
        // Coordinated figures are not a range without "entre".
        assert_eq!(values("7 morts et 33 blessés", "fr"), [Some(7), Some(33)]);
        // "de 10 soldats": the opener stays out of the span when no range follows.
        let text = "un groupe de 10 soldats";
        assert_eq!(one(text, "fr").span.slice(text), "10");
    }

    #[test]
    fn units_keep_non_counts_apart() {
        let text = "situées entre 12 et 14 km du corridor";
        assert_eq!(one(text, "fr").unit, NumberUnit::Distance);
        let found = nums("à 12 et 14 km", "fr");
        assert!(found.iter().all(|m| m.unit == NumberUnit::Distance), "{found:?}");
        assert_eq!(one("10.000 livres turques par mois", "fr").unit, NumberUnit::Money);
        assert_eq!(one("vers 23h30 locales", "fr").unit, NumberUnit::Time);
        assert_eq!(one("à 12h05", "fr").unit, NumberUnit::Time);
        assert_eq!(one("à midi (08H00 GMT)", "fr").unit, NumberUnit::Time);
        assert_eq!(one("at 11pm", "en").unit, NumberUnit::Time);
        assert_eq!(one("à 12 heures", "fr").unit, NumberUnit::Time);
        assert_eq!(one("au cours des dernières 24 heures", "fr").unit, NumberUnit::Duration);
        assert_eq!(one("le 68e anniversaire", "fr").unit, NumberUnit::Ordinal);
        assert_eq!(one("the 2nd battalion", "en").unit, NumberUnit::Ordinal);
        assert_eq!(one("le premier jour", "fr").unit, NumberUnit::Ordinal);
        assert!(nums("le Premier ministre", "fr").is_empty());
        assert_eq!(one("over the past 24 hours", "en").unit, NumberUnit::Duration);
        assert_eq!(one("depuis trente-deux ans", "fr").unit, NumberUnit::Duration);
    }

    #[test]
    fn years() {
        assert_eq!(one("en 2020, la guerre", "fr").unit, NumberUnit::Year);
        assert_eq!(nums("le 9 novembre 2020", "fr")[1].unit, NumberUnit::Year);
        assert_eq!(one("le conflit de 1994.", "fr").unit, NumberUnit::Year);
        assert_eq!(one("in 2020 the army", "en").unit, NumberUnit::Year);
        assert_eq!(one("2000 soldats", "fr").unit, NumberUnit::Count);
    }

    #[test]
    fn model_names_are_not_figures() {
        assert!(nums("des Su-25 et des F-16", "fr").is_empty());
        assert!(nums("une station radar P-18", "fr").is_empty());
        assert_eq!(one("un drone Bayraktar TB2 et 3 chars", "fr").value, Some(3));
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_spans_fit(s in "\\PC{0,80}", lang in "(fr|en|xx)") {
            for m in find_numbers(&s, Span::new(0, s.len()), &lang) {
                proptest::prop_assert!(m.span.end <= s.len() && m.span.start < m.span.end);
                proptest::prop_assert!(s.is_char_boundary(m.span.start) && s.is_char_boundary(m.span.end));
            }
        }

        #[test]
        fn number_soup_never_panics(s in "([0-9]{1,6}|[.,]|et|entre|au moins|vingt|mille|million|cent|un|-| |%|\\$|h|e){0,25}") {
            for m in find_numbers(&s, Span::new(0, s.len()), "fr") {
                proptest::prop_assert!(s.is_char_boundary(m.span.start) && s.is_char_boundary(m.span.end));
            }
        }
    }
}
