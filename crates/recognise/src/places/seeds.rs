//! Seed test: every place of `shared/spec/gold/gold.jsonl` that its evidence
//! names is found there within 25 km (same country for country precision).
//!
//! The pages are read from `shared/` at run time (never copied here). The
//! whole document goes through `Places::find`; then, per gold line, the
//! mentions inside its evidence spans are checked. A gold place the
//! evidence does not name (inferred from context, like "Nagorno-Karabakh"
//! for a sentence naming no place) is counted as "not in evidence", not as
//! a failure.

use std::collections::HashMap;

use warlog_model::{PlaceRole, Span, haversine_km};

use super::{PlaceMatch, Places};

struct Gold {
    doc: String,
    place: String,
    lat: f64,
    lon: f64,
    country: Option<String>,
    precision: String,
    spans: Vec<Span>,
}

fn load(root: &std::path::Path) -> Vec<Gold> {
    let gold = std::fs::read_to_string(root.join("spec/gold/gold.jsonl")).expect("gold.jsonl");
    let mut texts: HashMap<String, String> = HashMap::new();
    let mut out = Vec::new();
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("gold line is JSON");
        let (Some(place), Some(lat), Some(lon)) = (v["place"].as_str(), v["lat"].as_f64(), v["lon"].as_f64()) else {
            continue;
        };
        let doc = v["doc"].as_str().unwrap().to_string();
        let text = texts
            .entry(doc.clone())
            .or_insert_with(|| std::fs::read_to_string(root.join("seeds").join(&doc)).expect("seed page"));
        let mut spans =
            vec![Span::new(v["byte_start"].as_u64().unwrap() as usize, v["byte_end"].as_u64().unwrap() as usize)];
        for also in v["also_evidence"].as_array().into_iter().flatten().filter_map(|a| a.as_str()) {
            if let Some(at) = text.find(also) {
                spans.push(Span::new(at, at + also.len()));
            }
        }
        out.push(Gold {
            doc,
            place: place.to_string(),
            lat,
            lon,
            country: v["country"].as_str().map(str::to_string),
            precision: v["place_precision"].as_str().unwrap_or("").to_string(),
            spans,
        });
    }
    out
}

fn matches_gold(m: &PlaceMatch, g: &Gold) -> bool {
    if g.precision == "country" {
        return m.place.country == g.country;
    }
    haversine_km(m.place.lat, m.place.lon, g.lat, g.lon) <= 25.0
}

#[test]
fn seed_places_within_25_km() {
    let Some(root) =
        warlog_testkit::shared("spec/gold/gold.jsonl").and_then(|p| p.ancestors().nth(3).map(|a| a.to_path_buf()))
    else {
        return;
    };
    let places = Places::new().expect("gazetteer");
    let golds = load(&root);
    let mut found: HashMap<String, (String, Vec<PlaceMatch>)> = HashMap::new();
    let (mut ok, mut missed, mut not_named, mut as_metonym) = (0, Vec::new(), 0, 0);
    for g in &golds {
        let (text, matches) = found.entry(g.doc.clone()).or_insert_with(|| {
            let text = std::fs::read_to_string(root.join("seeds").join(&g.doc)).unwrap();
            let m = places.find(&text, &[], "fr");
            (text, m)
        });
        let inside: Vec<&PlaceMatch> = matches.iter().filter(|m| g.spans.iter().any(|s| s.contains(m.span))).collect();
        let located = inside.iter().any(|m| m.role == PlaceRole::Location && matches_gold(m, g));
        let named = inside.iter().any(|m| matches_gold(m, g)) || names_gold(&places, text, &g.spans, g);
        if located {
            ok += 1;
        } else if inside.iter().any(|m| matches_gold(m, g)) {
            as_metonym += 1;
            eprintln!("  as an actor only: {} {:?}", &g.doc[..3], g.place);
        } else if named {
            let got: Vec<String> = inside
                .iter()
                .map(|m| format!("{} → {} ({:.2},{:.2})", m.span.slice(text), m.place.name, m.place.lat, m.place.lon))
                .collect();
            missed.push(format!("{} {:?}: got {got:?}", &g.doc[..3], g.place));
        } else {
            not_named += 1;
            if std::env::var_os("WARLOG_DUMP").is_some() {
                eprintln!("  not named: {} {:?} in {:?}", &g.doc[..3], g.place, g.spans[0].slice(text));
            }
        }
    }
    if std::env::var_os("WARLOG_DUMP").is_some() {
        let mut docs: Vec<_> = found.iter().collect();
        docs.sort_by_key(|(d, _)| d.as_str());
        for (doc, (text, matches)) in docs {
            for m in matches {
                eprintln!(
                    "  {} {:?} {:?} → {} {:?} ({:.3},{:.3}) {:?} {:.2}",
                    &doc[..3],
                    m.span.slice(text),
                    m.role,
                    m.place.name,
                    m.place.country,
                    m.place.lat,
                    m.place.lon,
                    m.place.precision,
                    m.confidence
                );
            }
        }
    }
    eprintln!(
        "seed places: {} gold lines with a place: {ok} within 25 km, {as_metonym} named only as an actor, \
         {not_named} not named in their evidence, {} missed",
        golds.len(),
        missed.len()
    );
    for m in &missed {
        eprintln!("  missed {m}");
    }
    assert!(missed.is_empty(), "{} seed places missed", missed.len());
}

/// Whether the evidence contains a name that could mean the gold place:
/// some word sequence whose gazetteer candidates include a place within
/// 25 km of it (or in its country).
fn names_gold(places: &Places, text: &str, spans: &[Span], g: &Gold) -> bool {
    let gaz = places.gazetteer();
    spans.iter().any(|s| {
        let words: Vec<(usize, usize)> = word_spans(text, *s);
        (0..words.len()).any(|i| {
            (i..words.len().min(i + 4)).any(|j| {
                let k = warlog_gazetteer::key(&text[words[i].0..words[j].1]);
                let first = text[words[i].0..].chars().next().is_some_and(char::is_uppercase);
                first
                    && gaz.lookup(&k).iter().filter_map(|p| gaz.place(p.place)).any(|p| {
                        if g.precision == "country" {
                            p.kind == warlog_gazetteer::PlaceKind::Country
                                && p.country.and_then(warlog_model::alpha2_to_alpha3) == g.country.as_deref()
                        } else {
                            haversine_km(p.lat, p.lon, g.lat, g.lon) <= 25.0
                        }
                    })
            })
        })
    })
}

fn word_spans(text: &str, s: Span) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.slice(text).char_indices() {
        let word = c.is_alphanumeric() || c == '-';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(b)) => {
                out.push((s.start + b, s.start + i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(b) = start {
        out.push((s.start + b, s.end));
    }
    out
}
