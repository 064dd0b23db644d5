//! The seed pages end to end: their claims as golden files (offsets and
//! values, never the pages' text), and the gold scores as a floor that a
//! change must not break. The pages live in ../shared (other people's text);
//! these tests skip when it is absent and fail when WARLOG_REQUIRE_SHARED is
//! set. Re-bless with UPDATE_EXPECT=1 and review the diff.

use std::collections::HashMap;

use serde_json::{Value, json};
use warlog_eval::gold::{Extracted, GoldSet, score};
use warlog_model::{Claim, DocumentMeta};
use warlog_pipeline::{Pipeline, Processed, Source};

/// Each seed processed with the publication date its gold set gives.
fn processed() -> Option<(GoldSet, Vec<(String, Processed)>)> {
    let gold_dir = warlog_testkit::shared("spec/gold")?;
    let set = GoldSet::load(&gold_dir).expect("gold set readable");
    let pipeline = Pipeline::load();
    let mut out = Vec::new();
    for (name, path) in warlog_testkit::seeds() {
        let doc = set.docs.iter().find(|d| d.doc == name).expect("every seed has a gold line");
        let bytes = std::fs::read(&path).expect("seed readable");
        let mut source = Source::text(&name, std::str::from_utf8(&bytes).expect("seeds are UTF-8"));
        source.meta = DocumentMeta { published: doc.published, ..DocumentMeta::default() };
        out.push((name, pipeline.process(source, doc.published)));
    }
    Some((set, out))
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// A claim as golden data: offsets and values, no text.
fn golden(c: &Claim) -> Value {
    json!({
        "start": c.evidence.start,
        "end": c.evidence.end,
        "also": c.also_evidence.iter().map(|s| [s.start, s.end]).collect::<Vec<_>>(),
        "type": c.event_type.as_str(),
        "date": c.date.to_json(),
        "place": c.place.as_ref().map(|p| json!([p.name, round(p.lat), round(p.lon), p.precision.as_str()])),
        "actor1": c.actor1.as_ref().map(|a| a.to_string()),
        "actor2": c.actor2.as_ref().map(|a| a.to_string()),
        "killed": c.killed.map(|k| k.to_json()),
        "wounded": c.wounded.map(|k| k.to_json()),
        "source": c.source.to_string(),
        "stance": c.stance.as_str(),
        "segment": c.segment.as_str(),
        "denied_by": c.denied_by.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
    })
}

#[test]
fn seed_claims_match_their_golden_files() {
    let Some((_, pages)) = processed() else { return };
    for (name, p) in &pages {
        let stem = name.trim_end_matches(".txt");
        let claims: Vec<Value> = p.page.claims.iter().map(golden).collect();
        warlog_testkit::assert_golden(&format!("seeds/{stem}.claims.json"), &Value::Array(claims));
    }
}

#[test]
fn seed_gold_scores_stay_above_their_floor() {
    let Some((set, pages)) = processed() else { return };
    let extracted: HashMap<String, Extracted<'_>> =
        pages.iter().map(|(n, p)| (n.clone(), Extracted { text: &p.page.doc.text, claims: &p.page.claims })).collect();
    let report = score(&set, &extracted);
    let f1 = report.total.f1();
    // Floors sit just under today's figures so that a regression shows at
    // once.
    assert!(f1 >= 0.78, "claim F1 on the seeds fell to {f1:.3}");
    for (attr, floor) in [
        ("date", 0.69),
        ("place", 0.86),
        ("killed", 0.99),
        ("wounded", 0.98),
        ("actor1", 0.63),
        ("actor2", 0.49),
        ("source", 0.80),
        ("stance", 0.93),
    ] {
        let t = report.total.attributes.get(attr).copied().unwrap_or_default();
        let acc = t.accuracy().unwrap_or(0.0);
        assert!(acc >= floor, "{attr} accuracy on the seeds fell to {acc:.3} (floor {floor})");
    }
}
