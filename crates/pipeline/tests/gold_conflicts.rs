//! warlog's own gold set, `testdata/gold-conflicts/`: pages written for
//! warlog (invented, plausible events in Ukraine, Gaza, Sudan, Mali and
//! Burkina Faso; French and English; text and HTML with navigation,
//! comments, cookie and paywall notices) and their claims coded by the
//! conventions of the seed gold. Unlike the seeds it ships with the repo, so
//! this floor holds on every machine. `warlog eval testdata/gold-conflicts
//! --details` shows what is behind the figures.

use std::collections::HashMap;
use std::time::Duration;

use warlog_eval::gold::{Extracted, GoldSet, score};
use warlog_ingest::{IngestOptions, Inputs};
use warlog_pipeline::{Pipeline, Processed, Source};

#[test]
fn own_gold_scores_stay_above_their_floor() {
    let dir = warlog_testkit::workspace_root().join("testdata/gold-conflicts");
    let set = GoldSet::load(&dir).expect("the gold set reads");
    let pipeline = Pipeline::load();
    let mut pages: Vec<(String, Processed)> = Vec::new();
    for d in &set.docs {
        let path = dir.join("docs").join(&d.doc);
        let raw = Inputs::new([&path], IngestOptions::default()).next().expect("a page").expect("the page reads");
        let mut source = Source::from_raw(raw, Duration::ZERO);
        source.meta.published = d.published;
        pages.push((d.doc.clone(), pipeline.process(source, d.published)));
    }
    // The gold's own integrity: each evidence span is in its page, once.
    for c in &set.claims {
        let text = &pages.iter().find(|(n, _)| *n == c.doc).expect("a page per gold line").1.page.doc.text;
        for e in std::iter::once(&c.evidence).chain(&c.also_evidence) {
            assert_eq!(text.matches(e.as_str()).count(), 1, "{}: evidence not found once: {e:?}", c.doc);
        }
    }
    let extracted: HashMap<String, Extracted<'_>> =
        pages.iter().map(|(n, p)| (n.clone(), Extracted { text: &p.page.doc.text, claims: &p.page.claims })).collect();
    let report = score(&set, &extracted);
    let f1 = report.total.f1();
    // Floors sit just under today's figures so that a regression shows at once.
    assert!(f1 >= 0.77, "claim F1 on the own gold set fell to {f1:.3}");
    for (attr, floor) in [
        ("date", 0.70),
        ("place", 0.78),
        ("killed", 0.92),
        ("wounded", 0.95),
        ("actor1", 0.50),
        ("actor2", 0.54),
        ("source", 0.70),
        ("stance", 0.95),
    ] {
        let t = report.total.attributes.get(attr).copied().unwrap_or_default();
        let acc = t.accuracy().unwrap_or(0.0);
        assert!(acc >= floor, "{attr} accuracy on the own gold set fell to {acc:.3} (floor {floor})");
    }
}
