//! The segmenter on the four seed pages (read from `shared/` at run time,
//! never copied): every gold evidence span lies in a segment of the gold's
//! `segment` kind and never in a comment or boilerplate; segments match the
//! golden files `testdata/seeds/<stem>.segments.json` (offsets, kinds,
//! dates and heading spans only — no page text).

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Value, json};
use warlog_model::{Date, Segment, SegmentKind, Span};
use warlog_text::segment::segment;

/// Publication dates of the seeds, from the gold set's `docs.jsonl`.
fn published() -> BTreeMap<String, Date> {
    let Some(path) = warlog_testkit::shared("spec/gold/docs.jsonl") else { return BTreeMap::new() };
    std::fs::read_to_string(path)
        .expect("docs.jsonl readable")
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|v| Some((v["doc"].as_str()?.to_string(), v["published"].as_str()?.parse().ok()?)))
        .collect()
}

fn gold() -> Vec<Value> {
    let Some(path) = warlog_testkit::shared("spec/gold/gold.jsonl") else { return Vec::new() };
    std::fs::read_to_string(path)
        .expect("gold.jsonl readable")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn segments_of(path: &Path, name: &str, dates: &BTreeMap<String, Date>) -> (String, Vec<Segment>) {
    let text = std::fs::read_to_string(path).expect("seed readable");
    let mut x = warlog_text::plain::extract(&text);
    x.meta.published = dates.get(name).copied();
    let segments = segment(&x);
    (text, segments)
}

#[test]
fn gold_evidence_lies_in_the_right_segments() {
    let dates = published();
    let gold = gold();
    let mut checked = 0;
    let mut failures = Vec::new();
    for (name, path) in warlog_testkit::seeds() {
        let (text, segments) = segments_of(&path, &name, &dates);
        let live_blog = segments.iter().any(|s| s.kind == SegmentKind::Entry);
        for g in gold.iter().filter(|g| g["doc"] == name.as_str()) {
            let span = Span::new(g["byte_start"].as_u64().unwrap() as usize, g["byte_end"].as_u64().unwrap() as usize);
            let want = SegmentKind::parse(g["segment"].as_str().unwrap()).unwrap();
            let got = segments.iter().find(|s| s.span.contains(span)).map(|s| s.kind);
            let ok = match got {
                Some(k) if k == want => true,
                // A live blog's running text is its entries.
                Some(SegmentKind::Entry) => want == SegmentKind::Body && live_blog,
                _ => false,
            };
            if !ok {
                failures.push(format!("{name} {span:?}: gold {want:?}, got {got:?}"));
            }
            // Neither the evidence nor any restatement may sit in a comment or boilerplate.
            let mut spans = vec![span];
            for also in g["also_evidence"].as_array().into_iter().flatten().filter_map(Value::as_str) {
                if let Some(at) = text.find(also) {
                    spans.push(Span::new(at, at + also.len()));
                }
            }
            for sp in spans {
                for s in segments.iter().filter(|s| !s.kind.yields_claims() && s.span.overlaps(sp)) {
                    failures.push(format!("{name} {sp:?} overlaps {:?} segment {:?}", s.kind, s.span));
                }
            }
            checked += 1;
        }
    }
    assert!(failures.is_empty(), "{} of {checked} gold claims misplaced:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn seed_segments_match_golden_files() {
    let dates = published();
    for (name, path) in warlog_testkit::seeds() {
        let (text, segments) = segments_of(&path, &name, &dates);
        let stem = name.trim_end_matches(".txt");
        let value: Vec<Value> = segments
            .iter()
            .map(|s| {
                // The heading as a span of the text (golden files hold no page text).
                let heading = s.heading.as_deref().and_then(|h| {
                    let at = text[..s.span.end].rfind(h)?;
                    Some(json!([at, at + h.len()]))
                });
                json!({
                    "kind": s.kind.as_str(),
                    "start": s.span.start,
                    "end": s.span.end,
                    "heading": heading,
                    "date": s.date.map(|d| d.to_string()),
                })
            })
            .collect();
        warlog_testkit::assert_golden(&format!("seeds/{stem}.segments.json"), &Value::Array(value));
    }
}

#[test]
fn seed_segments_are_ordered_and_whole() {
    for (name, path) in warlog_testkit::seeds() {
        let text = std::fs::read_to_string(&path).unwrap();
        let x = warlog_text::plain::extract(&text);
        let segments = segment(&x);
        let mut last = 0;
        for s in &segments {
            assert!(s.span.start >= last && s.span.start < s.span.end && s.span.end <= text.len(), "{name}: {s:?}");
            // Whole blocks: a segment starts at a block start and ends at a block end.
            assert!(x.blocks.iter().any(|b| b.span.start == s.span.start), "{name}: {s:?}");
            assert!(x.blocks.iter().any(|b| b.span.end == s.span.end), "{name}: {s:?}");
            last = s.span.end;
        }
        // Every block is covered.
        for b in &x.blocks {
            assert!(segments.iter().any(|s| s.span.contains(b.span)), "{name}: block {:?} uncovered", b.span);
        }
    }
}
