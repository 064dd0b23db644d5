//! `warlog eval`: run the whole pipeline on a gold set's documents (with the
//! gold's publication dates) and score the claims (../shared/spec/GOLD.md).
//! With `--events FILE`, also score how claims are clustered into events
//! (`warlog_eval::events`): on the gold claims themselves and on the
//! extracted claims the scorer matched.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use warlog_eval::events::{self, ClusterGold, ExtractedDoc, PairScores};
use warlog_eval::gold::{self, Detail, Extracted, GoldSet};
use warlog_model::DocumentMeta;
use warlog_pipeline::{Pipeline, Processed};

use super::read_pages;
use crate::Outcome;
use crate::output::{print, print_json};

pub fn eval(
    gold_dir: &Path,
    docs: Option<&Path>,
    json: bool,
    details: bool,
    events: Option<&Path>,
) -> anyhow::Result<Outcome> {
    let set = GoldSet::load(gold_dir).with_context(|| format!("reading the gold set in {}", gold_dir.display()))?;
    let docs_dir = docs.map(Path::to_path_buf).unwrap_or_else(|| gold_dir.join("docs"));
    let pipeline = Pipeline::load();
    let mut processed: HashMap<String, Processed> = HashMap::new();
    let mut failed = 0;
    for d in &set.docs {
        let path: PathBuf = docs_dir.join(&d.doc);
        let page = read_pages(std::slice::from_ref(&path), warlog_ingest::DEFAULT_MAX_BYTES).next();
        match page {
            Some(Ok(mut source)) => {
                let given = DocumentMeta {
                    url: d.url.clone(),
                    title: None,
                    published: d.published,
                    outlet: d.outlet.clone(),
                    language: d.language.clone(),
                };
                source.meta = given.or(std::mem::take(&mut source.meta));
                processed.insert(d.doc.clone(), pipeline.process(source, d.published));
            }
            Some(Err(e)) => {
                eprintln!("warlog: {e}");
                failed += 1;
            }
            None => {
                eprintln!("warlog: {}: not found", path.display());
                failed += 1;
            }
        }
    }
    let extracted: HashMap<String, Extracted<'_>> = processed
        .iter()
        .map(|(k, p)| (k.clone(), Extracted { text: &p.page.doc.text, claims: &p.page.claims }))
        .collect();
    let report = gold::score(&set, &extracted);
    let clustering = match events {
        Some(path) => Some(clustering(gold_dir, path, &set, &report, &processed)?),
        None => None,
    };
    if json {
        let mut v = report.to_json();
        if let Some((on_gold, on_extracted)) = &clustering {
            v["events"] =
                serde_json::json!({"gold_claims": on_gold.to_json(), "extracted_claims": on_extracted.to_json()});
        }
        print_json(&v, true)?;
    } else {
        print(&gold::table(&report))?;
        if let Some((on_gold, on_extracted)) = &clustering {
            print(&events::table(&[("gold claims", on_gold), ("extracted claims", on_extracted)], details))?;
        }
    }
    if details {
        print(&explain(&set, &processed, &report.details))?;
    }
    Ok(if failed == 0 { Outcome::Done } else { Outcome::Partial })
}

/// Pairwise clustering figures against the cluster gold at `path`: on the
/// gold claims, and on the extracted claims the scorer matched.
fn clustering(
    gold_dir: &Path,
    path: &Path,
    set: &GoldSet,
    report: &gold::Report,
    processed: &HashMap<String, Processed>,
) -> anyhow::Result<(PairScores, PairScores)> {
    let clusters = ClusterGold::load(path).with_context(|| format!("reading the cluster gold {}", path.display()))?;
    let lines = events::gold_lines(&gold_dir.join("gold.jsonl"))?;
    clusters.check(&lines)?;
    let docs: Vec<ExtractedDoc<'_>> = set
        .docs
        .iter()
        .filter_map(|d| {
            let p = processed.get(&d.doc)?;
            Some(ExtractedDoc { doc: &d.doc, published: d.published, fingerprint: None, claims: &p.page.claims })
        })
        .collect();
    let on_gold = events::on_gold(set, &lines, &clusters);
    let on_extracted = events::on_extracted(report, &lines, &docs, &clusters);
    Ok((on_gold, on_extracted))
}

/// Misses, spurious claims and wrong attributes, one per line, for error
/// analysis during development.
fn explain(set: &GoldSet, processed: &HashMap<String, Processed>, details: &[Detail]) -> String {
    let gold_of = |doc: &str, i: usize| set.claims.iter().filter(|c| c.doc == doc).nth(i);
    let cut = |s: &str| s.chars().take(100).collect::<String>().replace('\n', " ");
    let mut out = String::from("\n");
    for d in details {
        match d {
            Detail::Missed { doc, gold } => {
                if let Some(g) = gold_of(doc, *gold) {
                    out.push_str(&format!(
                        "MISS  {} {:<18} {}\n",
                        &doc[..3.min(doc.len())],
                        g.type_name,
                        cut(&g.evidence)
                    ));
                }
            }
            Detail::Spurious { doc, claim, touched_type } => {
                if let Some(p) = processed.get(doc) {
                    let c = &p.page.claims[*claim];
                    out.push_str(&format!(
                        "FP    {} {:<18} (gold {:<16}) {}\n",
                        &doc[..3.min(doc.len())],
                        c.event_type.as_str(),
                        touched_type.as_deref().unwrap_or("-"),
                        cut(c.evidence.slice(&p.page.doc.text))
                    ));
                }
            }
            Detail::Matched { doc, gold, claim, wrong } if !wrong.is_empty() => {
                if let (Some(g), Some(p)) = (gold_of(doc, *gold), processed.get(doc)) {
                    let c = &p.page.claims[*claim];
                    let mut diffs = Vec::new();
                    for w in wrong {
                        let (gv, cv) = match *w {
                            "date" => (g.date.to_json().to_string(), c.date.to_json().to_string()),
                            "place" => (
                                format!("{:?},{:?}", g.lat, g.lon),
                                c.place
                                    .as_ref()
                                    .map(|p| format!("{}({:.2},{:.2})", p.name, p.lat, p.lon))
                                    .unwrap_or("-".into()),
                            ),
                            "killed" => (format!("{:?}", g.killed), format!("{:?}", c.killed)),
                            "wounded" => (format!("{:?}", g.wounded), format!("{:?}", c.wounded)),
                            "actor1" => (fmt_actor(&g.actor1), fmt_actor(&c.actor1)),
                            "actor2" => (fmt_actor(&g.actor2), fmt_actor(&c.actor2)),
                            "source" => (format!("{:?}", g.source_country), c.source.to_string()),
                            "stance" => (format!("{:?}", g.stance), format!("{:?}", c.stance)),
                            _ => continue,
                        };
                        diffs.push(format!("{w}: gold {gv} got {cv}"));
                    }
                    let same_type = if g.event_type == Some(c.event_type) { "" } else { " TYPE≠" };
                    out.push_str(&format!(
                        "ATTR  {} {:<18}{} {} | {}\n",
                        &doc[..3.min(doc.len())],
                        g.type_name,
                        same_type,
                        diffs.join("; "),
                        cut(&g.evidence)
                    ));
                }
            }
            _ => {}
        }
    }
    out
}

fn fmt_actor(a: &Option<warlog_model::Actor>) -> String {
    a.as_ref().map(|a| a.to_string()).unwrap_or_else(|| "-".into())
}
