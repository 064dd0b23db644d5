//! Claim extraction scored against a gold set, exactly as
//! ../shared/spec/GOLD.md says:
//!
//! 1. an extracted claim *touches* a gold claim of the same document when
//!    its evidence range overlaps the gold `evidence` or an `also_evidence`;
//! 2. pairs are matched one to one, preferring the same type, then the
//!    nearest place, then the same date; unmatched extracted claims that
//!    touch an already-matched gold claim of their type are *duplicates*
//!    (neither right nor wrong);
//! 3. true positives are matched pairs of equal type; extracted claims that
//!    touch nothing or are matched with another type are false positives;
//!    gold claims without a same-type match are false negatives;
//! 4. on matched pairs, attribute accuracy per field (dates equal, places
//!    within 25 km or same country at country precision, figures equal,
//!    actors equal on country and role with government/military/police as
//!    one state role, source equal on country, stance equal).
//!
//! Gold spans are located in the text warlog read (the evidence is a
//! verbatim substring of the document), so the scorer works for HTML pages
//! too, where offsets into the raw file mean nothing.

use std::collections::HashMap;
use std::path::Path;

use serde_json::{Value, json};
use warlog_model::{Actor, Claim, Count, EventDate, EventType, Span, Stance, haversine_km, parse_iso_date};

/// One document of a gold set (a line of `docs.jsonl`).
#[derive(Clone, Debug, PartialEq)]
pub struct GoldDoc {
    pub doc: String,
    pub url: Option<String>,
    pub published: Option<warlog_model::Date>,
    pub language: Option<String>,
    pub outlet: Option<String>,
}

/// One hand-checked claim (a line of `gold.jsonl`).
#[derive(Clone, Debug, PartialEq)]
pub struct GoldClaim {
    pub doc: String,
    pub evidence: String,
    pub also_evidence: Vec<String>,
    pub byte_range: Option<(usize, usize)>,
    pub event_type: Option<EventType>,
    pub type_name: String,
    pub date: EventDate,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub country: Option<String>,
    pub place_precision: Option<String>,
    pub actor1: Option<Actor>,
    pub actor2: Option<Actor>,
    pub killed: Option<Count>,
    pub wounded: Option<Count>,
    /// `None` for "outlet"; else the party's country.
    pub source_country: Option<String>,
    pub stance: Option<Stance>,
}

/// A gold set: its documents and claims.
#[derive(Clone, Debug, Default)]
pub struct GoldSet {
    pub docs: Vec<GoldDoc>,
    pub claims: Vec<GoldClaim>,
}

#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path} line {line}: {message}")]
    Parse { path: String, line: usize, message: String },
}

fn str_field(v: &Value, k: &str) -> Option<String> {
    v.get(k).and_then(Value::as_str).map(str::to_string)
}

fn read_lines(path: &Path) -> Result<Vec<(usize, Value)>, GoldError> {
    let text =
        std::fs::read_to_string(path).map_err(|source| GoldError::Io { path: path.display().to_string(), source })?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line).map_err(|e| GoldError::Parse {
            path: path.display().to_string(),
            line: i + 1,
            message: e.to_string(),
        })?;
        out.push((i + 1, v));
    }
    Ok(out)
}

impl GoldSet {
    /// Reads `docs.jsonl` and `gold.jsonl` from a gold folder.
    pub fn load(dir: &Path) -> Result<GoldSet, GoldError> {
        let docs = read_lines(&dir.join("docs.jsonl"))?
            .into_iter()
            .map(|(_, v)| GoldDoc {
                doc: str_field(&v, "doc").unwrap_or_default(),
                url: str_field(&v, "url"),
                published: str_field(&v, "published").and_then(|s| parse_iso_date(&s)),
                language: str_field(&v, "language"),
                outlet: str_field(&v, "outlet"),
            })
            .collect();
        let mut claims = Vec::new();
        let path = dir.join("gold.jsonl");
        for (line, v) in read_lines(&path)? {
            let type_name = str_field(&v, "type").unwrap_or_default();
            let parse_err = |message: String| GoldError::Parse { path: path.display().to_string(), line, message };
            let actor = |k: &str| -> Result<Option<Actor>, GoldError> {
                match v.get(k) {
                    Some(Value::String(s)) => {
                        s.parse().map(Some).map_err(|e: warlog_model::ActorParseError| parse_err(e.to_string()))
                    }
                    _ => Ok(None),
                }
            };
            let count = |k: &str| v.get(k).and_then(Count::from_json);
            let source_country = match str_field(&v, "source").as_deref() {
                None | Some("outlet") => None,
                Some(s) => Some(s.split(':').next().unwrap_or(s).to_string()),
            };
            let byte_range =
                match (v.get("byte_start").and_then(Value::as_u64), v.get("byte_end").and_then(Value::as_u64)) {
                    (Some(a), Some(b)) => Some((a as usize, b as usize)),
                    _ => None,
                };
            claims.push(GoldClaim {
                doc: str_field(&v, "doc").unwrap_or_default(),
                evidence: str_field(&v, "evidence").unwrap_or_default(),
                also_evidence: v
                    .get("also_evidence")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
                    .unwrap_or_default(),
                byte_range,
                event_type: EventType::parse(&type_name),
                type_name,
                date: v.get("date").and_then(EventDate::from_json).unwrap_or_default(),
                lat: v.get("lat").and_then(Value::as_f64),
                lon: v.get("lon").and_then(Value::as_f64),
                country: str_field(&v, "country"),
                place_precision: str_field(&v, "place_precision"),
                actor1: actor("actor1")?,
                actor2: actor("actor2")?,
                killed: count("killed"),
                wounded: count("wounded"),
                source_country,
                stance: str_field(&v, "stance").and_then(|s| Stance::parse(&s)),
            });
        }
        Ok(GoldSet { docs, claims })
    }
}

/// Where a gold string lies in the text warlog read: an exact occurrence,
/// else the gold byte range when it holds the same text, else a match that
/// ignores differences in whitespace and quote marks.
pub fn locate(text: &str, needle: &str, hint: Option<(usize, usize)>) -> Option<Span> {
    if needle.is_empty() {
        return None;
    }
    if let Some((a, b)) = hint
        && text.get(a..b) == Some(needle)
    {
        return Some(Span::new(a, b));
    }
    if let Some(i) = text.find(needle) {
        return Some(Span::new(i, i + needle.len()));
    }
    fuzzy_find(text, needle)
}

fn normal_char(c: char) -> Option<char> {
    if c.is_whitespace() {
        return None;
    }
    Some(match c {
        '\u{2019}' | '\u{2018}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2013}' | '\u{2014}' => '-',
        c => c,
    })
}

/// Finds `needle` ignoring whitespace and quote styles; returns the span in
/// `text` from the first to the last matched character.
fn fuzzy_find(text: &str, needle: &str) -> Option<Span> {
    let hay: Vec<(usize, char)> = text.char_indices().filter_map(|(i, c)| normal_char(c).map(|n| (i, n))).collect();
    let pat: Vec<char> = needle.chars().filter_map(normal_char).collect();
    if pat.is_empty() || pat.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - pat.len()).find(|&s| hay[s..s + pat.len()].iter().zip(&pat).all(|((_, a), b)| a == b)).map(|s| {
        let (last_i, last_c) = hay[s + pat.len() - 1];
        Span::new(hay[s].0, last_i + last_c.len_utf8())
    })
}

/// What warlog extracted from one document.
pub struct Extracted<'a> {
    pub text: &'a str,
    pub claims: &'a [Claim],
}

/// The attributes compared on matched pairs.
pub const ATTRIBUTES: [&str; 8] = ["date", "place", "killed", "wounded", "actor1", "actor2", "source", "stance"];

/// Right / total per attribute.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub right: usize,
    pub total: usize,
}

impl Tally {
    pub fn accuracy(&self) -> Option<f64> {
        (self.total > 0).then(|| self.right as f64 / self.total as f64)
    }
}

/// Figures for one document or the whole set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scores {
    pub gold: usize,
    pub extracted: usize,
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
    pub duplicates: usize,
    pub attributes: HashMap<&'static str, Tally>,
    /// Gold claims whose evidence could not be found in the text read.
    pub unlocated: usize,
}

impl Scores {
    pub fn precision(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_positives)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.true_positives, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    fn add(&mut self, o: &Scores) {
        self.gold += o.gold;
        self.extracted += o.extracted;
        self.true_positives += o.true_positives;
        self.false_positives += o.false_positives;
        self.false_negatives += o.false_negatives;
        self.duplicates += o.duplicates;
        self.unlocated += o.unlocated;
        for (k, t) in &o.attributes {
            let e = self.attributes.entry(k).or_default();
            e.right += t.right;
            e.total += t.total;
        }
    }

    pub fn to_json(&self) -> Value {
        let attrs: serde_json::Map<String, Value> = ATTRIBUTES
            .iter()
            .map(|k| (k.to_string(), json!(self.attributes.get(k).and_then(|t| t.accuracy()))))
            .collect();
        json!({
            "claims": {"precision": self.precision(), "recall": self.recall(), "f1": self.f1(),
                       "gold": self.gold, "extracted": self.extracted, "true_positives": self.true_positives,
                       "false_positives": self.false_positives, "false_negatives": self.false_negatives},
            "attributes": attrs,
            "duplicates": self.duplicates,
            "unlocated_gold": self.unlocated,
        })
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// A scored set: per document and in total.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub per_doc: Vec<(String, Scores)>,
    pub total: Scores,
    /// Pairs and misses, for error analysis.
    pub details: Vec<Detail>,
}

/// One line of error analysis.
#[derive(Clone, Debug)]
pub enum Detail {
    Matched { doc: String, gold: usize, claim: usize, wrong: Vec<&'static str> },
    Missed { doc: String, gold: usize },
    Spurious { doc: String, claim: usize, touched_type: Option<String> },
}

impl Report {
    pub fn to_json(&self) -> Value {
        let mut v = self.total.to_json();
        let per_doc: Vec<Value> = self
            .per_doc
            .iter()
            .map(|(d, s)| {
                let mut x = s.to_json();
                x["doc"] = json!(d);
                x
            })
            .collect();
        v["per_doc"] = json!(per_doc);
        v
    }
}

fn place_distance(g: &GoldClaim, c: &Claim) -> Option<f64> {
    match (g.lat, g.lon, &c.place) {
        (Some(la), Some(lo), Some(p)) => Some(haversine_km(la, lo, p.lat, p.lon)),
        _ => None,
    }
}

fn place_right(g: &GoldClaim, c: &Claim) -> bool {
    match (g.lat, &c.place) {
        (None, None) => true,
        (Some(_), Some(p)) => {
            if g.place_precision.as_deref() == Some("country") {
                g.country.is_some() && g.country == p.country
            } else {
                place_distance(g, c).is_some_and(|d| d <= 25.0)
            }
        }
        _ => false,
    }
}

fn actor_right(g: &Option<Actor>, c: &Option<Actor>) -> bool {
    match (g, c) {
        (None, None) => true,
        (Some(a), Some(b)) => a.matches(b),
        _ => false,
    }
}

/// Which attributes of a matched pair are wrong.
fn wrong_attributes(g: &GoldClaim, c: &Claim) -> Vec<&'static str> {
    let checks = [
        ("date", g.date == c.date || g.date.bounds() == c.date.bounds()),
        ("place", place_right(g, c)),
        ("killed", g.killed == c.killed),
        ("wounded", g.wounded == c.wounded),
        ("actor1", actor_right(&g.actor1, &c.actor1)),
        ("actor2", actor_right(&g.actor2, &c.actor2)),
        ("source", g.source_country.as_deref() == c.source.actor().map(|a| a.country.as_str())),
        ("stance", g.stance == Some(c.stance)),
    ];
    checks.into_iter().filter(|(_, ok)| !ok).map(|(k, _)| k).collect()
}

/// Scores one document.
fn score_doc(doc: &str, gold: &[&GoldClaim], ex: &Extracted<'_>, details: &mut Vec<Detail>) -> Scores {
    let mut s = Scores { gold: gold.len(), extracted: ex.claims.len(), ..Default::default() };
    // Gold spans in the text read.
    let spans: Vec<Vec<Span>> = gold
        .iter()
        .map(|g| {
            let mut v: Vec<Span> = locate(ex.text, &g.evidence, g.byte_range).into_iter().collect();
            if v.is_empty() {
                s.unlocated += 1;
            }
            v.extend(g.also_evidence.iter().filter_map(|a| locate(ex.text, a, None)));
            v
        })
        .collect();
    let touches: Vec<Vec<usize>> = ex
        .claims
        .iter()
        .map(|c| (0..gold.len()).filter(|&gi| spans[gi].iter().any(|sp| sp.overlaps(c.evidence))).collect())
        .collect();
    // Candidate pairs, best first: same type, nearest place, same date.
    let mut pairs: Vec<(usize, usize, bool, f64, bool)> = Vec::new();
    for (ci, gs) in touches.iter().enumerate() {
        for &gi in gs {
            let c = &ex.claims[ci];
            let g = gold[gi];
            let same_type = g.event_type == Some(c.event_type);
            let dist = place_distance(g, c).unwrap_or(if g.lat.is_none() && c.place.is_none() { 0.0 } else { 1e6 });
            pairs.push((ci, gi, same_type, dist, g.date == c.date));
        }
    }
    pairs.sort_by(|a, b| {
        b.2.cmp(&a.2).then(a.3.partial_cmp(&b.3).unwrap_or(std::cmp::Ordering::Equal)).then(b.4.cmp(&a.4))
    });
    let mut claim_match: Vec<Option<usize>> = vec![None; ex.claims.len()];
    let mut gold_match: Vec<Option<usize>> = vec![None; gold.len()];
    for (ci, gi, _, _, _) in &pairs {
        if claim_match[*ci].is_none() && gold_match[*gi].is_none() {
            claim_match[*ci] = Some(*gi);
            gold_match[*gi] = Some(*ci);
        }
    }
    for (ci, c) in ex.claims.iter().enumerate() {
        match claim_match[ci] {
            Some(gi) => {
                let g = gold[gi];
                let wrong = wrong_attributes(g, c);
                for k in ATTRIBUTES {
                    let t = s.attributes.entry(k).or_default();
                    t.total += 1;
                    if !wrong.contains(&k) {
                        t.right += 1;
                    }
                }
                if g.event_type == Some(c.event_type) {
                    s.true_positives += 1;
                } else {
                    s.false_positives += 1;
                }
                details.push(Detail::Matched { doc: doc.to_string(), gold: gi, claim: ci, wrong });
            }
            None => {
                let duplicate = touches[ci].iter().any(|&gi| {
                    gold_match[gi].is_some_and(|m| ex.claims[m].event_type == c.event_type)
                        && gold[gi].event_type == Some(c.event_type)
                });
                if duplicate {
                    s.duplicates += 1;
                } else {
                    s.false_positives += 1;
                    let touched_type = touches[ci].first().map(|&gi| gold[gi].type_name.clone());
                    details.push(Detail::Spurious { doc: doc.to_string(), claim: ci, touched_type });
                }
            }
        }
    }
    for (gi, m) in gold_match.iter().enumerate() {
        let found = m.is_some_and(|ci| gold[gi].event_type == Some(ex.claims[ci].event_type));
        if !found {
            s.false_negatives += 1;
            if m.is_none() {
                details.push(Detail::Missed { doc: doc.to_string(), gold: gi });
            }
        }
    }
    s
}

/// Scores what was extracted (by document file name) against the gold set.
pub fn score(gold: &GoldSet, extracted: &HashMap<String, Extracted<'_>>) -> Report {
    let mut report = Report::default();
    for d in &gold.docs {
        let claims: Vec<&GoldClaim> = gold.claims.iter().filter(|c| c.doc == d.doc).collect();
        let empty = Extracted { text: "", claims: &[] };
        let ex = extracted.get(&d.doc).unwrap_or(&empty);
        let s = score_doc(&d.doc, &claims, ex, &mut report.details);
        report.total.add(&s);
        report.per_doc.push((d.doc.clone(), s));
    }
    report
}

/// The report as a table for a terminal.
pub fn table(report: &Report) -> String {
    let mut out = String::new();
    let pct = |x: Option<f64>| x.map(|v| format!("{:>5.1}", v * 100.0)).unwrap_or_else(|| "    -".into());
    out.push_str(&format!(
        "{:<28} {:>5} {:>5} {:>4} {:>4} {:>4} {:>4}  {:>5} {:>5} {:>5}\n",
        "document", "gold", "extr", "tp", "fp", "fn", "dup", "P", "R", "F1"
    ));
    let mut row = |name: &str, s: &Scores| {
        out.push_str(&format!(
            "{:<28} {:>5} {:>5} {:>4} {:>4} {:>4} {:>4}  {} {} {}\n",
            name,
            s.gold,
            s.extracted,
            s.true_positives,
            s.false_positives,
            s.false_negatives,
            s.duplicates,
            pct(Some(s.precision())),
            pct(Some(s.recall())),
            pct(Some(s.f1()))
        ));
    };
    for (d, s) in &report.per_doc {
        row(d, s);
    }
    row("total", &report.total);
    out.push_str("\nattribute accuracy on matched pairs (%):\n");
    for k in ATTRIBUTES {
        let t = report.total.attributes.get(k).copied().unwrap_or_default();
        out.push_str(&format!("  {:<8} {} ({}/{})\n", k, pct(t.accuracy()), t.right, t.total));
    }
    if report.total.unlocated > 0 {
        out.push_str(&format!(
            "\nnote: {} gold evidence strings were not found in the text read\n",
            report.total.unlocated
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use warlog_model::{SegmentKind, Source};

    fn gold_claim(evidence: &str, t: EventType) -> GoldClaim {
        GoldClaim {
            doc: "d".into(),
            evidence: evidence.into(),
            also_evidence: vec![],
            byte_range: None,
            event_type: Some(t),
            type_name: t.as_str().into(),
            date: EventDate::Unknown,
            lat: None,
            lon: None,
            country: None,
            place_precision: None,
            actor1: None,
            actor2: None,
            killed: None,
            wounded: None,
            source_country: None,
            stance: Some(Stance::Asserted),
        }
    }

    fn claim(span: Span, t: EventType) -> Claim {
        Claim::new(t, Source::Outlet, Stance::Asserted, span, SegmentKind::Body)
    }

    #[test]
    fn match_duplicate_and_false_positive() {
        let text = "Shells hit the town. Talks were held. Nothing else.";
        let gold = GoldSet {
            docs: vec![GoldDoc { doc: "d".into(), url: None, published: None, language: None, outlet: None }],
            claims: vec![
                gold_claim("Shells hit the town.", EventType::Shelling),
                gold_claim("Talks were held.", EventType::Negotiation),
            ],
        };
        let claims = vec![
            claim(Span::new(0, 20), EventType::Shelling),
            claim(Span::new(0, 20), EventType::Shelling),
            claim(Span::new(21, 37), EventType::Appeal),
            claim(Span::new(38, 51), EventType::Alert),
        ];
        let mut ex = HashMap::new();
        ex.insert("d".to_string(), Extracted { text, claims: &claims });
        let r = score(&gold, &ex);
        assert_eq!(r.total.true_positives, 1);
        assert_eq!(r.total.duplicates, 1);
        assert_eq!(r.total.false_positives, 2, "wrong type and touching nothing");
        assert_eq!(r.total.false_negatives, 1);
        assert!((r.total.f1() - 0.4).abs() < 1e-9);
    }

    #[test]
    fn locate_ignores_quote_styles_and_spacing() {
        let text = "Il a dit « c’est faux »  hier.";
        let span = locate(text, "« c'est faux » hier", None).unwrap();
        assert_eq!(span.slice(text), "« c’est faux »  hier");
    }
}
