//! Events across pages scored pairwise: which claims the resolver put in one
//! event, against a hand-made clustering of a gold set's claims.
//!
//! A cluster gold (`testdata/events/seed-clusters.json` for the seed pages)
//! names gold claims by document and 1-based line of `gold.jsonl` — never by
//! text — and groups those that describe the same real-world happening.
//! A gold claim in no cluster is an event of its own. Pairs inside an
//! `unsure` group that no cluster joins are left out of the scores either way.
//!
//! Two measurements, so that clustering is judged apart from extraction:
//!
//! * [`on_gold`] turns the gold lines themselves into [`Claim`]s (date,
//!   place with coordinates and precision, actors, source, stance,
//!   `denied_by`, ...) and resolves them;
//! * [`on_extracted`] resolves what warlog extracted, maps each extracted
//!   claim to the gold claim the gold scorer matched it with
//!   ([`crate::gold::score`]'s one-to-one matching, reused as is) and scores
//!   the pairs among matched claims.
//!
//! A pair of claims placed in one event is a true positive when one gold
//! cluster holds both, a false positive otherwise; a pair one cluster holds
//! and the resolver split is a false negative.
//!
//! ```
//! use warlog_eval::events::{ClusterGold, score_pairs};
//! let gold: ClusterGold = serde_json::from_str(
//!     r#"{"clusters": [{"name": "a", "claims": [{"doc": "d", "line": 1}, {"doc": "d", "line": 2}]}]}"#,
//! ).unwrap();
//! // Lines 1, 2 and 3 all in event 0: one right pair, two wrong ones.
//! let s = score_pairs(&[(1, Some(0)), (2, Some(0)), (3, Some(0))], &gold);
//! assert_eq!((s.true_positives, s.false_positives, s.false_negatives), (1, 2, 0));
//! ```

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use serde_json::{Value, json};
use warlog_model::{
    Actor, Claim, Count, Date, EventDate, EventType, Place, PlacePrecision, SegmentKind, Source, Span, Stance,
    parse_iso_date,
};
use warlog_resolve::{ClaimInfo, Resolver};

use crate::gold::{Detail, GoldSet, Report};

/// A gold claim named by its document and its 1-based line in `gold.jsonl`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineRef {
    pub doc: String,
    pub line: usize,
}

/// Gold claims about one happening (or, in `unsure`, maybe about one).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub name: String,
    #[serde(default)]
    pub why: String,
    pub claims: Vec<LineRef>,
}

/// A cluster gold: which gold claims describe the same real-world happening.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClusterGold {
    /// What the file is (free text).
    #[serde(default)]
    pub about: String,
    /// The gold file the lines refer to, relative to the shared folder.
    #[serde(default)]
    pub gold: String,
    pub clusters: Vec<Group>,
    #[serde(default)]
    pub unsure: Vec<Group>,
}

#[derive(Debug, thiserror::Error)]
pub enum EventsError {
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}: {message}")]
    Json { path: String, message: String },
    #[error("{path} line {line}: {message}")]
    GoldLine { path: String, line: usize, message: String },
    #[error("cluster {group:?}: {message} (fix the cluster gold or re-check it against gold.jsonl)")]
    Reference { group: String, message: String },
}

impl ClusterGold {
    /// Reads a cluster gold file.
    pub fn load(path: &Path) -> Result<ClusterGold, EventsError> {
        let text = std::fs::read_to_string(path)
            .map_err(|source| EventsError::Io { path: path.display().to_string(), source })?;
        serde_json::from_str(&text)
            .map_err(|e| EventsError::Json { path: path.display().to_string(), message: e.to_string() })
    }

    /// Every reference names an existing line of its document, and no line
    /// is in two clusters.
    pub fn check(&self, lines: &[GoldLine]) -> Result<(), EventsError> {
        let by_line: HashMap<usize, &GoldLine> = lines.iter().map(|l| (l.line, l)).collect();
        let mut seen: HashMap<usize, &str> = HashMap::new();
        for (group, in_cluster) in self.clusters.iter().map(|g| (g, true)).chain(self.unsure.iter().map(|g| (g, false)))
        {
            let err = |message: String| EventsError::Reference { group: group.name.clone(), message };
            for r in &group.claims {
                match by_line.get(&r.line) {
                    None => return Err(err(format!("line {} is not a claim of the gold set", r.line))),
                    Some(l) if l.doc != r.doc => {
                        return Err(err(format!("line {} is a claim of {}, not of {}", r.line, l.doc, r.doc)));
                    }
                    Some(_) => {}
                }
                if in_cluster && let Some(other) = seen.insert(r.line, &group.name) {
                    return Err(err(format!("line {} is also in cluster {other:?}", r.line)));
                }
            }
        }
        Ok(())
    }

    /// Gold line → index of its cluster.
    fn cluster_of(&self) -> HashMap<usize, usize> {
        let mut out = HashMap::new();
        for (i, g) in self.clusters.iter().enumerate() {
            for r in &g.claims {
                out.insert(r.line, i);
            }
        }
        out
    }
}

/// One line of `gold.jsonl` as a warlog claim.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldLine {
    /// 1-based line number in the file.
    pub line: usize,
    pub doc: String,
    pub claim: Claim,
}

/// Reads `gold.jsonl` into claims (blank lines skipped, as
/// [`GoldSet::load`] does, so the k-th line of a document here is its k-th
/// gold claim there).
pub fn gold_lines(path: &Path) -> Result<Vec<GoldLine>, EventsError> {
    let text =
        std::fs::read_to_string(path).map_err(|source| EventsError::Io { path: path.display().to_string(), source })?;
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let err = |message: String| EventsError::GoldLine { path: path.display().to_string(), line: i + 1, message };
        let v: Value = serde_json::from_str(raw).map_err(|e| err(e.to_string()))?;
        let claim = to_claim(&v).map_err(err)?;
        let doc = v.get("doc").and_then(Value::as_str).unwrap_or_default().to_string();
        out.push(GoldLine { line: i + 1, doc, claim });
    }
    Ok(out)
}

fn actor(v: &Value, key: &str) -> Result<Option<Actor>, String> {
    match v.get(key) {
        Some(Value::String(s)) => s.parse().map(Some).map_err(|e| format!("{key}: {e}")),
        _ => Ok(None),
    }
}

fn parse_source(s: &str) -> Result<Source, String> {
    s.parse().map_err(|e| format!("source: {e}"))
}

/// A gold line in GOLD.md's value forms → a [`Claim`] (offsets: the line's
/// UTF-8 `byte_start`/`byte_end` when given).
fn to_claim(v: &Value) -> Result<Claim, String> {
    let s = |k: &str| v.get(k).and_then(Value::as_str);
    let flag = |k: &str| v.get(k).and_then(Value::as_bool).unwrap_or(false);
    let type_name = s("type").unwrap_or_default();
    let event_type = EventType::parse(type_name).ok_or_else(|| format!("unknown type {type_name:?}"))?;
    let source = parse_source(s("source").unwrap_or("outlet"))?;
    let stance = match s("stance") {
        Some(x) => Stance::parse(x).ok_or_else(|| format!("unknown stance {x:?}"))?,
        None => Stance::Asserted,
    };
    let evidence = match (v.get("byte_start").and_then(Value::as_u64), v.get("byte_end").and_then(Value::as_u64)) {
        (Some(a), Some(b)) => Span::new(a as usize, b as usize),
        _ => Span::new(0, 0),
    };
    let segment = s("segment").and_then(SegmentKind::parse).unwrap_or(SegmentKind::Body);
    let mut c = Claim::new(event_type, source, stance, evidence, segment);
    c.date = match v.get("date") {
        Some(d) => EventDate::from_json(d).ok_or_else(|| format!("bad date {d}"))?,
        None => EventDate::Unknown,
    };
    if let (Some(lat), Some(lon)) = (v.get("lat").and_then(Value::as_f64), v.get("lon").and_then(Value::as_f64)) {
        c.place = Some(Place {
            name: s("place").unwrap_or_default().to_string(),
            geonameid: None,
            lat,
            lon,
            country: s("country").map(str::to_string),
            precision: s("place_precision").and_then(PlacePrecision::parse).unwrap_or(PlacePrecision::Near),
        });
    }
    c.actor1 = actor(v, "actor1")?;
    c.actor2 = actor(v, "actor2")?;
    c.killed = v.get("killed").and_then(Count::from_json);
    c.wounded = v.get("wounded").and_then(Count::from_json);
    c.victims = v.get("victims").and_then(|x| serde_json::from_value(x.clone()).ok());
    c.weapons = v
        .get("weapons")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|w| w.as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    c.mode = s("mode").map(str::to_string);
    c.taken_by = actor(v, "taken_by")?;
    c.lost_by = actor(v, "lost_by")?;
    c.during_ceasefire = flag("during_ceasefire");
    c.violated = flag("violated");
    c.as_of = s("as_of").and_then(parse_iso_date);
    c.denied_by = match v.get("denied_by").and_then(Value::as_array) {
        Some(a) => a.iter().filter_map(Value::as_str).map(parse_source).collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    Ok(c)
}

/// Pairwise clustering figures.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PairScores {
    /// Claims scored.
    pub claims: usize,
    /// Events those claims fell into.
    pub events: usize,
    /// Pairs a gold cluster holds.
    pub gold_pairs: usize,
    /// Pairs placed in one event (unsure ones excluded).
    pub predicted_pairs: usize,
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
    /// Pairs left out: in an unsure group, joined by no cluster.
    pub ignored: usize,
    /// Gold lines placed together that no cluster joins.
    pub wrongly_merged: Vec<(usize, usize)>,
    /// Gold lines one cluster holds that the resolver kept apart.
    pub wrongly_split: Vec<(usize, usize)>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

impl PairScores {
    pub fn precision(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_positives)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_negatives)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    pub fn to_json(&self) -> Value {
        let pairs = |v: &[(usize, usize)]| v.iter().map(|(a, b)| json!([a, b])).collect::<Vec<_>>();
        json!({
            "precision": self.precision(), "recall": self.recall(), "f1": self.f1(),
            "claims": self.claims, "events": self.events,
            "gold_pairs": self.gold_pairs, "predicted_pairs": self.predicted_pairs,
            "true_positives": self.true_positives, "false_positives": self.false_positives,
            "false_negatives": self.false_negatives, "ignored_pairs": self.ignored,
            "wrongly_merged": pairs(&self.wrongly_merged), "wrongly_split": pairs(&self.wrongly_split),
        })
    }
}

/// Scores a placement: `(gold line, event)` per claim, `None` for a claim
/// placed in no event (a tally). Each gold line should appear once.
pub fn score_pairs(placed: &[(usize, Option<usize>)], gold: &ClusterGold) -> PairScores {
    let cluster = gold.cluster_of();
    let unsure: Vec<Vec<usize>> = gold.unsure.iter().map(|g| g.claims.iter().map(|r| r.line).collect()).collect();
    let doubtful = |a: usize, b: usize| unsure.iter().any(|g| g.contains(&a) && g.contains(&b));
    let mut items: Vec<(usize, Option<usize>)> = placed.to_vec();
    items.sort_unstable();
    let mut events: Vec<usize> = items.iter().filter_map(|(_, e)| *e).collect();
    events.sort_unstable();
    events.dedup();
    let mut s = PairScores { claims: items.len(), events: events.len(), ..PairScores::default() };
    for (i, &(a, ea)) in items.iter().enumerate() {
        for &(b, eb) in &items[i + 1..] {
            let same_gold = matches!((cluster.get(&a), cluster.get(&b)), (Some(x), Some(y)) if x == y);
            let same_event = ea.is_some() && ea == eb;
            if same_gold {
                s.gold_pairs += 1;
            }
            match (same_gold, same_event) {
                (true, true) => {
                    s.true_positives += 1;
                    s.predicted_pairs += 1;
                }
                (true, false) => {
                    s.false_negatives += 1;
                    s.wrongly_split.push((a, b));
                }
                (false, true) if doubtful(a, b) => s.ignored += 1,
                (false, true) => {
                    s.false_positives += 1;
                    s.predicted_pairs += 1;
                    s.wrongly_merged.push((a, b));
                }
                (false, false) => {}
            }
        }
    }
    s
}

/// Runs the resolver over claims in order; returns each claim's event index.
fn resolve(infos: Vec<ClaimInfo>) -> HashMap<i64, usize> {
    let mut resolver = Resolver::new(Vec::new());
    for info in infos {
        resolver.add(info);
    }
    let mut out = HashMap::new();
    for (e, draft) in resolver.finish().iter().enumerate() {
        for m in &draft.members {
            out.insert(m.id, e);
        }
    }
    out
}

fn published(set: &GoldSet) -> HashMap<&str, Date> {
    set.docs.iter().filter_map(|d| d.published.map(|p| (d.doc.as_str(), p))).collect()
}

/// Clustering of the gold claims themselves (of the set's documents), with
/// each document's publication date: extraction plays no part.
pub fn on_gold(set: &GoldSet, lines: &[GoldLine], gold: &ClusterGold) -> PairScores {
    let dates = published(set);
    let scored: Vec<&GoldLine> = lines.iter().filter(|l| set.docs.iter().any(|d| d.doc == l.doc)).collect();
    let infos: Vec<ClaimInfo> = scored
        .iter()
        .map(|l| ClaimInfo {
            id: l.line as i64,
            doc_id: l.doc.clone(),
            published: dates.get(l.doc.as_str()).copied(),
            fingerprint: None,
            claim: l.claim.clone(),
        })
        .collect();
    let event_of = resolve(infos);
    let placed: Vec<(usize, Option<usize>)> =
        scored.iter().map(|l| (l.line, event_of.get(&(l.line as i64)).copied())).collect();
    score_pairs(&placed, gold)
}

/// What warlog extracted from one document of the gold set.
#[derive(Clone, Copy, Debug)]
pub struct ExtractedDoc<'a> {
    /// File name, as in `docs.jsonl`.
    pub doc: &'a str,
    pub published: Option<Date>,
    /// Near-duplicate fingerprint of the page, when known.
    pub fingerprint: Option<u64>,
    /// The claims, in the order the gold scorer saw them.
    pub claims: &'a [Claim],
}

/// Clustering of the extracted claims: all of them are resolved (in document
/// order), and the pairs among those the gold scorer matched to a gold claim
/// are scored, each standing for the gold line it matched.
pub fn on_extracted(report: &Report, lines: &[GoldLine], docs: &[ExtractedDoc<'_>], gold: &ClusterGold) -> PairScores {
    // The k-th gold claim of a document in `set` is its k-th line here.
    let mut doc_lines: HashMap<&str, Vec<usize>> = HashMap::new();
    for l in lines {
        doc_lines.entry(l.doc.as_str()).or_default().push(l.line);
    }
    let mut infos = Vec::new();
    let mut id_of: HashMap<(&str, usize), i64> = HashMap::new();
    for d in docs {
        for (ci, claim) in d.claims.iter().enumerate() {
            let id = infos.len() as i64 + 1;
            id_of.insert((d.doc, ci), id);
            infos.push(ClaimInfo {
                id,
                doc_id: d.doc.to_string(),
                published: d.published,
                fingerprint: d.fingerprint,
                claim: claim.clone(),
            });
        }
    }
    let event_of = resolve(infos);
    let placed: Vec<(usize, Option<usize>)> = report
        .details
        .iter()
        .filter_map(|detail| match detail {
            Detail::Matched { doc, gold: gi, claim: ci, .. } => {
                let line = *doc_lines.get(doc.as_str())?.get(*gi)?;
                let id = id_of.get(&(doc.as_str(), *ci))?;
                Some((line, event_of.get(id).copied()))
            }
            _ => None,
        })
        .collect();
    score_pairs(&placed, gold)
}

/// The figures as a table for a terminal; with `details`, the pairs the
/// resolver got wrong (gold line numbers).
pub fn table(rows: &[(&str, &PairScores)], details: bool) -> String {
    let mut out = String::from("\nevent clustering (pairs of claims placed in one event, against the cluster gold):\n");
    out.push_str(&format!(
        "{:<18} {:>6} {:>6} {:>6} {:>5} {:>4} {:>4} {:>4} {:>7}  {:>5} {:>5} {:>5}\n",
        "claims", "scored", "events", "gold", "found", "tp", "fp", "fn", "ignored", "P", "R", "F1"
    ));
    for (name, s) in rows {
        out.push_str(&format!(
            "{:<18} {:>6} {:>6} {:>6} {:>5} {:>4} {:>4} {:>4} {:>7}  {:>5.1} {:>5.1} {:>5.1}\n",
            name,
            s.claims,
            s.events,
            s.gold_pairs,
            s.predicted_pairs,
            s.true_positives,
            s.false_positives,
            s.false_negatives,
            s.ignored,
            s.precision() * 100.0,
            s.recall() * 100.0,
            s.f1() * 100.0
        ));
    }
    if details {
        let list = |v: &[(usize, usize)]| v.iter().map(|(a, b)| format!("{a}+{b}")).collect::<Vec<_>>().join(" ");
        for (name, s) in rows {
            out.push_str(&format!("\n{name}: merged but distinct (gold lines): {}\n", list(&s.wrongly_merged)));
            out.push_str(&format!("{name}: one happening, split (gold lines): {}\n", list(&s.wrongly_split)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold() -> ClusterGold {
        serde_json::from_value(json!({
            "clusters": [
                {"name": "strike", "claims": [{"doc": "d", "line": 1}, {"doc": "d", "line": 2}, {"doc": "e", "line": 4}]},
            ],
            "unsure": [{"name": "maybe", "claims": [{"doc": "d", "line": 2}, {"doc": "d", "line": 3}]}],
        }))
        .unwrap()
    }

    #[test]
    fn pairs_are_counted_against_clusters() {
        // 1 and 2 together (right), 4 apart (two misses), 3 with 2 (unsure),
        // 5 with 1 (wrong).
        let placed = [(1, Some(0)), (2, Some(0)), (3, Some(0)), (4, Some(1)), (5, Some(0)), (6, None)];
        let s = score_pairs(&placed, &gold());
        assert_eq!(s.gold_pairs, 3);
        assert_eq!(s.true_positives, 1);
        assert_eq!(s.false_negatives, 2);
        assert_eq!(s.ignored, 1, "2+3 is unsure");
        assert_eq!(s.false_positives, 4, "1+3, 1+5, 2+5, 3+5: {:?}", s.wrongly_merged);
        assert_eq!(s.wrongly_split, vec![(1, 4), (2, 4)]);
        assert_eq!(s.events, 2);
    }

    #[test]
    fn perfect_and_empty_placements() {
        let g = gold();
        let perfect = score_pairs(&[(1, Some(7)), (2, Some(7)), (4, Some(7)), (3, Some(8))], &g);
        assert_eq!((perfect.precision(), perfect.recall(), perfect.f1()), (1.0, 1.0, 1.0));
        let none = score_pairs(&[], &g);
        assert_eq!((none.precision(), none.recall(), none.f1()), (0.0, 0.0, 0.0));
    }

    #[test]
    fn a_gold_line_becomes_a_claim() {
        let v = json!({"doc": "d", "type": "shelling", "date": {"from": "2020-10-10", "to": "2020-10-11"},
            "place": "Ganja", "country": "AZE", "lat": 40.68, "lon": 46.36, "place_precision": "exact",
            "actor1": "ARM:military", "actor2": "AZE:civilians", "killed": 7, "wounded": null, "victims": "civilians",
            "source": "AZE:government", "stance": "asserted", "denied_by": ["ART:government"],
            "byte_start": 10, "byte_end": 20, "segment": "entry", "during_ceasefire": true});
        let c = to_claim(&v).unwrap();
        assert_eq!(c.event_type, EventType::Shelling);
        assert_eq!(c.date.precision(), warlog_model::DatePrecision::Range);
        let p = c.place.unwrap();
        assert_eq!((p.name.as_str(), p.precision), ("Ganja", PlacePrecision::Exact));
        assert_eq!(c.killed, Some(Count::Exact(7)));
        assert_eq!(c.denied_by, vec!["ART:government".parse::<Source>().unwrap()]);
        assert_eq!(c.evidence, Span::new(10, 20));
        assert!(c.during_ceasefire && !c.violated);
        assert!(to_claim(&json!({"type": "denial"})).is_err(), "a denial is not a type");
        assert!(to_claim(&json!({"type": "shelling", "source": "Baku"})).is_err());
    }

    #[test]
    fn references_are_checked() {
        let claim =
            Claim::new(EventType::Shelling, Source::Outlet, Stance::Asserted, Span::new(0, 0), SegmentKind::Body);
        let line = |n: usize, doc: &str| GoldLine { line: n, doc: doc.into(), claim: claim.clone() };
        let lines = vec![line(1, "d"), line(2, "d"), line(3, "d"), line(4, "e")];
        assert!(gold().check(&lines).is_ok());
        let wrong_doc = vec![line(1, "d"), line(2, "d"), line(3, "d"), line(4, "d")];
        assert!(gold().check(&wrong_doc).unwrap_err().to_string().contains("line 4 is a claim of d"));
        let mut twice = gold();
        twice.clusters.push(twice.clusters[0].clone());
        assert!(twice.check(&lines).is_err());
    }

    /// The seed pages' cluster gold still fits their gold set, and the
    /// resolver's figures on the gold claims stay above a floor.
    #[test]
    fn seed_clusters_on_gold_claims() {
        let Some(dir) = warlog_testkit::shared("spec/gold") else { return };
        let set = GoldSet::load(&dir).unwrap();
        let lines = gold_lines(&dir.join("gold.jsonl")).unwrap();
        let path = warlog_testkit::workspace_root().join("testdata/events/seed-clusters.json");
        let clusters = ClusterGold::load(&path).unwrap();
        clusters.check(&lines).unwrap();
        let s = on_gold(&set, &lines, &clusters);
        eprintln!("{}", table(&[("gold claims", &s)], true));
        assert!(s.gold_pairs >= 25, "{s:?}");
        assert!(s.f1() >= 0.80, "pairwise F1 on the gold claims fell to {:.3}", s.f1());
    }
}
