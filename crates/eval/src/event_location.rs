//! Where an event happened, scored on Halterman's event-location sentences
//! (`shared/benchmarks/event-location/labeled_text.jsonl.zip`, MIT licence:
//! 10,182 English news sentences, each with one event verb marked and, when
//! the sentence says it, the event's location; the 496 with `source:
//! "RELABEL"` are the adjudicated gold standard).
//!
//! Each sentence is run through the pipeline as one English page. The claim
//! read for the marked verb is the one whose trigger is nearest it (all the
//! claims of that trigger when it has several places). Its place is
//! **right** when it is the toponym marked as the location — a place the
//! places stage found overlapping a marked span, resolved to the claim's
//! place — or lies within 25 km of where the places stage resolves a marked
//! span. Sentences without a marked location are right when the claim has
//! no place.
//!
//! Wrong places are sorted by where they come from: **announced** (a
//! heuristic: the place is a dateline, or follows "in", "from" or "at"
//! within six words of a word of saying, nearer to it than to the event
//! verb — "said in Moscow", "told reporters in Kabul", "a source in Aleppo":
//! where it was announced, not where it happened), **other place** (another
//! toponym of the sentence), **not named** (no toponym of the sentence
//! resolves to it). Marked locations the gazetteer cannot resolve (a
//! neighbourhood, a building) only match by span, so a claim placed in the
//! city around them counts as wrong. Misses are
//! split into sentences whose marked location the places stage did not
//! recognise and those where it did but the claim did not take it.
//!
//! ```no_run
//! use warlog_eval::event_location;
//! let records = event_location::read_records("shared/benchmarks/event-location/labeled_text.jsonl.zip".as_ref()).unwrap();
//! println!("{} sentences, {} adjudicated", records.len(), records.iter().filter(|r| r.adjudicated).count());
//! ```

use std::io::Read;
use std::path::Path;

use serde_json::{Value, json};
use warlog_model::{Claim, MentionValue, Page, Place, PlaceRole, Span};
use warlog_recognise::places::Places;

use crate::gold::Tally;

/// The archive's name inside the benchmark folder.
pub const ARCHIVE: &str = "labeled_text.jsonl.zip";

/// Errors reading the benchmark.
#[derive(Debug, thiserror::Error)]
pub enum EventLocationError {
    #[error("reading {path}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {what}")]
    Format { path: String, what: String },
}

/// One annotated sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub id: String,
    pub source: String,
    /// `source: "RELABEL"`: the adjudicated gold standard.
    pub adjudicated: bool,
    pub text: String,
    /// The event verb, a byte span of `text`.
    pub verb: Span,
    /// The event's locations (byte spans); empty when the sentence names none.
    pub locations: Vec<Span>,
}

/// Reads the sentences from the zip archive (or from an unpacked `.jsonl` /
/// JSON file). Sentences without a marked verb are left out.
pub fn read_records(path: &Path) -> Result<Vec<Record>, EventLocationError> {
    let p = || path.display().to_string();
    let io = |source| EventLocationError::Io { path: p(), source };
    let bytes = std::fs::read(path).map_err(io)?;
    let json = if bytes.starts_with(b"PK") {
        zip::entry(&bytes, ".jsonl").map_err(|what| EventLocationError::Format { path: p(), what })?
    } else {
        bytes
    };
    let text = String::from_utf8_lossy(&json);
    let values: Vec<Value> = if text.trim_start().starts_with('[') {
        serde_json::from_str(&text)
            .map_err(|e| EventLocationError::Format { path: p(), what: format!("not a JSON array: {e}") })?
    } else {
        text.lines().filter(|l| !l.trim().is_empty()).filter_map(|l| serde_json::from_str(l).ok()).collect()
    };
    Ok(values.iter().filter_map(record).collect())
}

/// One record of the file; `None` without text or verb.
fn record(v: &Value) -> Option<Record> {
    let text = v.get("text")?.as_str()?.to_string();
    let source = v.get("source").and_then(Value::as_str).unwrap_or("").to_string();
    let id = v.get("_id").and_then(Value::as_str).unwrap_or("").trim().to_string();
    // Offsets are in characters; token offsets are reliable, span offsets
    // are not always (the relabelled set has spans with stale offsets).
    let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
    let to_byte = |c: &Value| c.as_u64().and_then(|c| bytes.get(usize::try_from(c).ok()?).copied());
    let tokens: Vec<(usize, usize)> = v
        .get("tokens")
        .and_then(Value::as_array)
        .map(|ts| ts.iter().filter_map(|t| Some((to_byte(t.get("start")?)?, to_byte(t.get("end")?)?))).collect())
        .unwrap_or_default();
    let span_of = |s: &Value| -> Option<Span> {
        let tok = |k: &str| s.get(k).and_then(Value::as_u64).and_then(|i| tokens.get(usize::try_from(i).ok()?));
        if let (Some(a), Some(b)) = (tok("token_start"), tok("token_end"))
            && a.0 < b.1
        {
            return Some(Span::new(a.0, b.1));
        }
        let (a, b) = (to_byte(s.get("start")?)?, to_byte(s.get("end")?)?);
        (a < b).then(|| Span::new(a, b))
    };
    let spans = v.get("spans").and_then(Value::as_array)?;
    let is = |s: &Value, label: &str| s.get("label").and_then(Value::as_str) == Some(label);
    let verb = spans.iter().filter(|s| is(s, "VERB")).find_map(span_of)?;
    let locations = spans.iter().filter(|s| is(s, "LOCATION")).filter_map(span_of).collect();
    Some(Record { id, adjudicated: source == "RELABEL", source, text, verb, locations })
}

/// How the place of one sentence's claim compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlaceOutcome {
    /// No claim in the sentence.
    NoClaim,
    /// A claim, without a place.
    NoPlace,
    Right,
    /// Wrong: where the event was announced (dateline, "said in ...").
    Announced,
    /// Wrong: another toponym of the sentence.
    OtherPlace,
    /// Wrong: no toponym of the sentence resolves to the claim's place.
    NotNamed,
}

impl PlaceOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceOutcome::NoClaim => "no_claim",
            PlaceOutcome::NoPlace => "no_place",
            PlaceOutcome::Right => "right",
            PlaceOutcome::Announced => "announced",
            PlaceOutcome::OtherPlace => "other_place",
            PlaceOutcome::NotNamed => "not_named",
        }
    }

    fn is_wrong(self) -> bool {
        matches!(self, PlaceOutcome::Announced | PlaceOutcome::OtherPlace | PlaceOutcome::NotNamed)
    }
}

/// What warlog made of one sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub adjudicated: bool,
    /// The sentence marks a location.
    pub located: bool,
    pub claims: usize,
    /// The nearest claim's trigger overlaps the marked verb.
    pub trigger_on_verb: bool,
    pub place: PlaceOutcome,
    /// The places stage found a toponym overlapping a marked location.
    pub location_recognised: bool,
    /// The page's text differs from the record's (offsets may not hold).
    pub text_changed: bool,
}

/// Words that say something was said, announced or reported.
const SAYING: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "announced",
    "announces",
    "reported",
    "reports",
    "statement",
    "according",
    "quoted",
    "briefing",
    "conference",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "claimed",
    "stated",
    "added",
    "declared",
    "interview",
    "broadcast",
];

/// Byte spans of the words (alphanumeric runs) of `text`.
fn words(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Span::new(s, i));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Gap in bytes between two spans (0 when they overlap).
fn gap(a: Span, b: Span) -> usize {
    if a.end <= b.start { b.start - a.end } else { a.start.saturating_sub(b.end) }
}

fn same_place(a: &Place, b: &Place) -> bool {
    match (a.geonameid, b.geonameid) {
        (Some(x), Some(y)) => x == y,
        _ => a.name == b.name && (a.lat - b.lat).abs() < 1e-6 && (a.lon - b.lon).abs() < 1e-6,
    }
}

/// Is the toponym at `at` where the event was announced: a dateline, or a
/// place after "in", "from" or "at" within six words of a word of saying,
/// nearer to it than to the event verb ("said in Moscow", "told reporters
/// in Kabul", "reached by telephone from Libreville")?
fn announced(text: &str, at: Span, verb: Span) -> bool {
    let head = text.get(..text.len().min(80)).unwrap_or("");
    let dateline = ["(AP)", "(AFP)", "(Reuters)", " -- ", " — "].iter().filter_map(|m| head.find(m)).min();
    // A dateline is a few words before the marker ("BAGHDAD, Iraq (AP) --").
    if dateline.is_some_and(|d| at.end <= d && verb.start > d && words(&head[..d]).len() <= 6) {
        return true;
    }
    let ws = words(text);
    let Some(pi) = ws.iter().position(|w| w.overlaps(at)) else { return false };
    let lower = |i: usize| ws[i].slice(text).to_lowercase();
    if !pi.checked_sub(1).is_some_and(|p| ["in", "from", "at"].contains(&lower(p).as_str())) {
        return false;
    }
    let vi = ws.iter().position(|w| w.overlaps(verb));
    (0..ws.len()).any(|i| {
        let d = i.abs_diff(pi);
        SAYING.contains(&lower(i).as_str()) && d <= 6 && vi.is_none_or(|v| d < v.abs_diff(pi))
    })
}

/// Compares the page warlog made of a sentence with its marks; `places`
/// resolves the marked spans (the pipeline's places stage).
pub fn score_record(rec: &Record, page: &Page, places: &Places) -> Outcome {
    let text = page.doc.text.as_str();
    let place_mentions: Vec<(Span, &Place)> = page
        .mentions
        .iter()
        .filter_map(|m| match &m.value {
            MentionValue::Place { place, role: PlaceRole::Location } => Some((m.span, place)),
            _ => None,
        })
        .collect();
    let location_recognised = place_mentions.iter().any(|(s, _)| rec.locations.iter().any(|l| l.overlaps(*s)));
    let nearest = page.claims.iter().map(|c| gap(c.trigger, rec.verb)).min();
    let chosen: Vec<&Claim> = page.claims.iter().filter(|c| Some(gap(c.trigger, rec.verb)) == nearest).collect();
    let claim_places: Vec<&Place> = chosen.iter().filter_map(|c| c.place.as_ref()).collect();
    let place = if chosen.is_empty() {
        PlaceOutcome::NoClaim
    } else if claim_places.is_empty() {
        PlaceOutcome::NoPlace
    } else if rec.locations.is_empty() {
        // A place where the sentence marks none: sorted like a wrong place.
        wrong_kind(rec, text, &place_mentions, claim_places[0], chosen[0].trigger)
    } else {
        let resolved: Vec<Place> =
            places.resolve_spans(&rec.text, &rec.locations, "en").into_iter().flatten().map(|m| m.place).collect();
        let right = |p: &Place| {
            place_mentions.iter().any(|(s, mp)| same_place(mp, p) && rec.locations.iter().any(|l| l.overlaps(*s)))
                || resolved.iter().any(|r| r.distance_km(p) <= 25.0)
        };
        if claim_places.iter().any(|p| right(p)) {
            PlaceOutcome::Right
        } else {
            wrong_kind(rec, text, &place_mentions, claim_places[0], chosen[0].trigger)
        }
    };
    Outcome {
        adjudicated: rec.adjudicated,
        located: !rec.locations.is_empty(),
        claims: page.claims.len(),
        trigger_on_verb: nearest == Some(0),
        place,
        location_recognised,
        text_changed: text != rec.text,
    }
}

/// Where a wrong place came from (see [`PlaceOutcome`]).
fn wrong_kind(rec: &Record, text: &str, mentions: &[(Span, &Place)], place: &Place, trigger: Span) -> PlaceOutcome {
    let at = mentions.iter().filter(|(_, p)| same_place(p, place)).map(|(s, _)| *s).min_by_key(|s| gap(*s, trigger));
    match at {
        None => PlaceOutcome::NotNamed,
        Some(s) if announced(text, s, rec.verb) => PlaceOutcome::Announced,
        Some(_) => PlaceOutcome::OtherPlace,
    }
}

/// Figures over a set of sentences.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub sentences: usize,
    pub located: usize,
    /// Sentences with any claim.
    pub with_claim: usize,
    /// The nearest claim's trigger is the marked verb.
    pub trigger_on_verb: usize,
    /// Located sentences: the claim's place is the marked location (no claim
    /// or no place counts as wrong).
    pub place_right: Tally,
    /// Located sentences with a claim that has a place.
    pub place_right_given_place: Tally,
    /// Located sentences whose nearest claim's trigger is the marked verb.
    pub place_right_on_verb: Tally,
    /// Outcomes on located sentences, by kind.
    pub located_outcomes: Vec<(PlaceOutcome, usize)>,
    /// Located sentences where the places stage found the marked location.
    pub location_recognised: Tally,
    /// Of the located sentences whose claim has no place: location recognised.
    pub no_place_but_recognised: usize,
    /// Sentences without a marked location: the claim gives no place.
    pub unlocated_no_place: Tally,
    /// Outcomes on sentences without a marked location.
    pub unlocated_outcomes: Vec<(PlaceOutcome, usize)>,
    /// Pages whose text differs from the record's.
    pub text_changed: usize,
}

const OUTCOMES: [PlaceOutcome; 6] = [
    PlaceOutcome::Right,
    PlaceOutcome::NoClaim,
    PlaceOutcome::NoPlace,
    PlaceOutcome::Announced,
    PlaceOutcome::OtherPlace,
    PlaceOutcome::NotNamed,
];

impl Report {
    pub fn of<'a>(outcomes: impl IntoIterator<Item = &'a Outcome>) -> Report {
        let mut r = Report::default();
        let mut located = [0usize; 6];
        let mut unlocated = [0usize; 6];
        let idx = |p: PlaceOutcome| OUTCOMES.iter().position(|o| *o == p).unwrap_or(0);
        for o in outcomes {
            r.sentences += 1;
            r.with_claim += usize::from(o.claims > 0);
            r.trigger_on_verb += usize::from(o.trigger_on_verb);
            r.text_changed += usize::from(o.text_changed);
            let right = o.place == PlaceOutcome::Right;
            if o.located {
                r.located += 1;
                located[idx(o.place)] += 1;
                add(&mut r.place_right, right);
                if right || o.place.is_wrong() {
                    add(&mut r.place_right_given_place, right);
                }
                if o.trigger_on_verb {
                    add(&mut r.place_right_on_verb, right);
                }
                add(&mut r.location_recognised, o.location_recognised);
                r.no_place_but_recognised += usize::from(
                    matches!(o.place, PlaceOutcome::NoPlace | PlaceOutcome::NoClaim) && o.location_recognised,
                );
            } else {
                unlocated[idx(o.place)] += 1;
                if o.claims > 0 {
                    add(&mut r.unlocated_no_place, matches!(o.place, PlaceOutcome::NoPlace | PlaceOutcome::NoClaim));
                }
            }
        }
        r.located_outcomes = OUTCOMES.iter().copied().zip(located).collect();
        r.unlocated_outcomes = OUTCOMES.iter().copied().zip(unlocated).collect();
        r
    }

    pub fn to_json(&self) -> Value {
        let t = |t: &Tally| json!({"right": t.right, "total": t.total, "accuracy": t.accuracy()});
        let kinds = |v: &[(PlaceOutcome, usize)]| -> serde_json::Map<String, Value> {
            v.iter().map(|(k, n)| (k.as_str().to_string(), json!(n))).collect()
        };
        json!({
            "sentences": self.sentences,
            "located": self.located,
            "with_claim": self.with_claim,
            "trigger_on_verb": self.trigger_on_verb,
            "place_right": t(&self.place_right),
            "place_right_given_place": t(&self.place_right_given_place),
            "place_right_trigger_on_verb": t(&self.place_right_on_verb),
            "located_outcomes": kinds(&self.located_outcomes),
            "location_recognised": t(&self.location_recognised),
            "no_place_but_location_recognised": self.no_place_but_recognised,
            "unlocated_claim_without_place": t(&self.unlocated_no_place),
            "unlocated_outcomes": kinds(&self.unlocated_outcomes),
            "text_changed": self.text_changed,
        })
    }
}

fn add(t: &mut Tally, right: bool) {
    t.total += 1;
    t.right += usize::from(right);
}

/// The report as a table for a terminal.
pub fn table(name: &str, r: &Report) -> String {
    let f = crate::acled::fraction;
    let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
    let mut out = format!(
        "{name}: {} sentences with a marked verb, {} with a marked location; a claim in {} ({:.1}%), \
         trigger on the marked verb in {} ({:.1}%)\n",
        r.sentences,
        r.located,
        r.with_claim,
        pct(r.with_claim, r.sentences),
        r.trigger_on_verb,
        pct(r.trigger_on_verb, r.sentences)
    );
    out.push_str(&format!("  {:<44} {}\n", "place right (located sentences)", f(&r.place_right)));
    out.push_str(&format!("  {:<44} {}\n", "  when the claim has a place", f(&r.place_right_given_place)));
    out.push_str(&format!("  {:<44} {}\n", "  when the trigger is the marked verb", f(&r.place_right_on_verb)));
    out.push_str(&format!("  {:<44} {}\n", "places stage found the marked location", f(&r.location_recognised)));
    out.push_str("  located sentences by outcome:");
    for (k, n) in &r.located_outcomes {
        out.push_str(&format!(" {} {n} ({:.1}%);", k.as_str(), pct(*n, r.located)));
    }
    out.push_str(&format!(
        "\n    of no_claim/no_place, the places stage had found the location in {}\n",
        r.no_place_but_recognised
    ));
    out.push_str(&format!("  {:<44} {}\n", "no location marked, a claim: it has no place", f(&r.unlocated_no_place)));
    let n = |k: PlaceOutcome| r.unlocated_outcomes.iter().find(|(o, _)| *o == k).map_or(0, |(_, n)| *n);
    out.push_str(&format!(
        "    no claim {}; claim without a place {} (right); a place given {} (announced {}, other place {}, not named {})\n",
        n(PlaceOutcome::NoClaim),
        n(PlaceOutcome::NoPlace),
        n(PlaceOutcome::Announced) + n(PlaceOutcome::OtherPlace) + n(PlaceOutcome::NotNamed),
        n(PlaceOutcome::Announced),
        n(PlaceOutcome::OtherPlace),
        n(PlaceOutcome::NotNamed)
    ));
    if r.text_changed > 0 {
        out.push_str(&format!("  note: {} pages' text differed from the record's\n", r.text_changed));
    }
    out
}

/// Just enough of the zip format to read one entry (stored or deflated, no
/// zip64, no encryption), with flate2 for the inflating.
mod zip {
    use super::Read;

    fn u16_at(b: &[u8], at: usize) -> Option<usize> {
        Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?) as usize)
    }

    fn u32_at(b: &[u8], at: usize) -> Option<usize> {
        usize::try_from(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?)).ok()
    }

    /// The bytes of the first entry whose name ends with `suffix`, outside
    /// `__MACOSX/`.
    pub fn entry(zip: &[u8], suffix: &str) -> Result<Vec<u8>, String> {
        let eocd = (0..zip.len().saturating_sub(21))
            .rev()
            .take(65_557)
            .find(|&i| zip[i..].starts_with(&[0x50, 0x4b, 0x05, 0x06]))
            .ok_or("not a zip archive (no end of central directory)")?;
        let bad = || "corrupt zip archive".to_string();
        let count = u16_at(zip, eocd + 10).ok_or_else(bad)?;
        let mut at = u32_at(zip, eocd + 16).ok_or_else(bad)?;
        for _ in 0..count {
            if !zip.get(at..).is_some_and(|b| b.starts_with(&[0x50, 0x4b, 0x01, 0x02])) {
                return Err(bad());
            }
            let method = u16_at(zip, at + 10).ok_or_else(bad)?;
            let size = u32_at(zip, at + 20).ok_or_else(bad)?;
            let (n, e, c) = (u16_at(zip, at + 28), u16_at(zip, at + 30), u16_at(zip, at + 32));
            let (n, e, c) = (n.ok_or_else(bad)?, e.ok_or_else(bad)?, c.ok_or_else(bad)?);
            let local = u32_at(zip, at + 42).ok_or_else(bad)?;
            let name = String::from_utf8_lossy(zip.get(at + 46..at + 46 + n).ok_or_else(bad)?).into_owned();
            at += 46 + n + e + c;
            if !name.ends_with(suffix) || name.starts_with("__MACOSX") {
                continue;
            }
            let (ln, le) = (u16_at(zip, local + 26).ok_or_else(bad)?, u16_at(zip, local + 28).ok_or_else(bad)?);
            let start = local + 30 + ln + le;
            let data = zip.get(start..start + size).ok_or_else(bad)?;
            return match method {
                0 => Ok(data.to_vec()),
                8 => {
                    let mut out = Vec::new();
                    flate2::read::DeflateDecoder::new(data)
                        .read_to_end(&mut out)
                        .map_err(|e| format!("{name}: {e}"))?;
                    Ok(out)
                }
                m => Err(format!("{name}: compression method {m} not supported")),
            };
        }
        Err(format!("no entry named *{suffix} in the archive"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_spans_come_from_tokens() {
        let v: Value = serde_json::from_str(
            r#"{"text": "Rebels captured Kodori, said officials in Tbilisi.", "source": "RELABEL", "_id": "x ",
                "tokens": [{"start":0,"end":6},{"start":7,"end":15},{"start":16,"end":22}],
                "spans": [{"start":7,"end":15,"token_start":1,"token_end":1,"label":"VERB"},
                          {"start":3,"end":3,"token_start":2,"token_end":2,"label":"LOCATION"}]}"#,
        )
        .unwrap();
        let r = record(&v).unwrap();
        assert!(r.adjudicated);
        assert_eq!(r.id, "x");
        assert_eq!(r.verb.slice(&r.text), "captured");
        assert_eq!(r.locations[0].slice(&r.text), "Kodori");
    }

    #[test]
    fn announced_places() {
        let at = |text: &str, w: &str| {
            let s = text.find(w).unwrap();
            Span::new(s, s + w.len())
        };
        let text = "Rebels captured Kodori, officials said in Tbilisi.";
        let verb = at(text, "captured");
        assert!(announced(text, at(text, "Tbilisi"), verb));
        assert!(!announced(text, at(text, "Kodori"), verb));
        let text = "Hezbollah captured three soldiers along the border with Israel and declared a truce.";
        assert!(!announced(text, at(text, "Israel"), at(text, "captured")));
        let dateline = "KABUL (AP) -- Rebels captured Kodori.";
        assert!(announced(dateline, Span::new(0, 5), Span::new(21, 29)));
        let aside = "Although attacks are rare in Jordan, a gunman -- a local -- shot a tourist.";
        assert!(!announced(aside, at(aside, "Jordan"), at(aside, "shot")));
    }

    #[test]
    fn stored_zip_entry() {
        // A one-entry stored archive, built by hand.
        let (name, data) = (b"a.jsonl", b"[]");
        let mut z = Vec::new();
        z.extend([0x50, 0x4b, 0x03, 0x04]);
        z.extend([0u8; 22]);
        z.extend((name.len() as u16).to_le_bytes());
        z.extend(0u16.to_le_bytes());
        z.extend(name);
        z.extend(data);
        let cd = z.len();
        z.extend([0x50, 0x4b, 0x01, 0x02]);
        z.extend([0u8; 6]);
        z.extend(0u16.to_le_bytes()); // method at +10
        z.extend([0u8; 8]);
        z.extend((data.len() as u32).to_le_bytes()); // compressed size at +20
        z.extend((data.len() as u32).to_le_bytes());
        z.extend((name.len() as u16).to_le_bytes()); // +28
        z.extend([0u8; 12]);
        z.extend(0u32.to_le_bytes()); // local header offset at +42
        z.extend(name);
        z.extend([0x50, 0x4b, 0x05, 0x06]);
        z.extend([0u8; 6]);
        z.extend(1u16.to_le_bytes()); // entries at +10
        z.extend([0u8; 4]);
        z.extend((cd as u32).to_le_bytes()); // directory offset at +16
        z.extend([0u8; 2]);
        assert_eq!(zip::entry(&z, ".jsonl").unwrap(), b"[]");
        assert!(zip::entry(&z, ".csv").is_err());
    }
}
