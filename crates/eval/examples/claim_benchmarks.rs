//! Runs one of the claim benchmarks (`acled`, `case2021`, `event-location`)
//! like `warlog benchmark NAME DIR`, and lists items warlog got wrong, for
//! error analysis.
//!
//! ```text
//! cargo run --release -p warlog-eval --example claim_benchmarks -- acled /work/shared/benchmarks/acled [--errors N]
//! cargo run --release -p warlog-eval --example claim_benchmarks -- case2021 /work/shared/benchmarks/case2021 --errors 20
//! cargo run --release -p warlog-eval --example claim_benchmarks -- event-location /work/shared/benchmarks/event-location
//! ```
//!
//! `--errors N` prints N wrong items (default 10), each with the start of
//! its text; for event-location, `--only KIND` keeps one kind of outcome
//! (`announced`, `other_place`, `no_place`, ...) and `--all` looks beyond
//! the adjudicated sentences. The texts stay in ../shared: nothing is
//! written.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use warlog_eval::{acled, case2021, event_location};
use warlog_model::{Date, Page};
use warlog_pipeline::{Pipeline, Source};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (mut name, mut dir, mut errors) = (None, None, 10usize);
    let (mut only, mut all) = (None, false);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--errors" => errors = args.next().and_then(|n| n.parse().ok()).unwrap_or(10),
            "--only" => only = args.next(),
            "--all" => all = true,
            _ if name.is_none() => name = Some(arg),
            _ => dir = Some(PathBuf::from(arg)),
        }
    }
    let (Some(name), Some(dir)) = (name, dir) else {
        eprintln!("usage: claim_benchmarks acled|case2021|event-location DIR [--errors N]");
        return ExitCode::from(2);
    };
    let pipeline = Pipeline::load();
    let result = match name.as_str() {
        "acled" => run_acled(&pipeline, &dir, errors),
        "case2021" => run_case(&pipeline, &dir, errors),
        "event-location" => run_location(&pipeline, &dir, errors, only.as_deref(), all),
        other => Err(format!("unknown benchmark {other:?}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// An error and its causes, on one line.
fn chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        out.push_str(&format!(": {c}"));
        cause = c.source();
    }
    out
}

fn page(pipeline: &Pipeline, id: &str, text: &str, published: Option<Date>) -> Page {
    let mut source = Source::text(id, text);
    source.meta.language = Some("en".to_string());
    pipeline.process(source, published).page
}

fn head(text: &str) -> &str {
    let end = text.char_indices().nth(160).map_or(text.len(), |(i, _)| i);
    &text[..end]
}

fn run_acled(pipeline: &Pipeline, dir: &Path, errors: usize) -> Result<(), String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    files.sort();
    for path in files {
        let rows = acled::read_rows(&path).map_err(|e| chain(&e))?;
        let outcomes: Vec<acled::RowOutcome> =
            rows.iter().map(|r| acled::score_row(r, &page(pipeline, &r.id, &r.notes, r.date))).collect();
        println!("{}", acled::table(&path.display().to_string(), &acled::Report::of(&outcomes)));
        let wrong = rows.iter().zip(&outcomes).filter(|(_, o)| o.predicted.is_none_or(|p| p.1 != o.gold_sub));
        for (row, o) in wrong.take(errors) {
            println!("  {} coded {:?}, read {:?}: {}", row.id, o.gold_sub, o.predicted_sub(), head(&row.notes));
        }
    }
    Ok(())
}

fn run_case(pipeline: &Pipeline, dir: &Path, errors: usize) -> Result<(), String> {
    let snippets = case2021::read_snippets(dir).map_err(|e| chain(&e))?;
    let pages: Vec<Page> = snippets.iter().map(|s| page(pipeline, &s.id, &s.text, None)).collect();
    let predicted: Vec<&str> = pages.iter().map(case2021::page_label).collect();
    let no_claim = pages.iter().filter(|p| p.claims.is_empty()).count();
    println!("{}", case2021::table(&case2021::report(&snippets, &predicted, no_claim)));
    let wrong = snippets.iter().zip(&predicted).filter(|(s, p)| s.label != **p);
    for (s, p) in wrong.take(errors) {
        println!("  {} gold {} read {}: {}", s.id, s.label, p, head(&s.text));
    }
    Ok(())
}

fn run_location(pipeline: &Pipeline, dir: &Path, errors: usize, only: Option<&str>, all: bool) -> Result<(), String> {
    let records = event_location::read_records(&dir.join(event_location::ARCHIVE)).map_err(|e| chain(&e))?;
    let places = warlog_pipeline::places();
    let outcomes: Vec<event_location::Outcome> = records
        .iter()
        .map(|r| event_location::score_record(r, &page(pipeline, &r.id, &r.text, None), places))
        .collect();
    let adjudicated = event_location::Report::of(outcomes.iter().filter(|o| o.adjudicated));
    println!("{}", event_location::table("adjudicated", &adjudicated));
    println!("{}", event_location::table("all", &event_location::Report::of(&outcomes)));
    let wrong = records
        .iter()
        .zip(&outcomes)
        .filter(|(r, o)| (all || r.adjudicated) && o.place != event_location::PlaceOutcome::Right)
        .filter(|(_, o)| only.map_or(o.located, |k| o.place.as_str() == k));
    for (r, o) in wrong.take(errors) {
        let marked: Vec<&str> = r.locations.iter().map(|l| l.slice(&r.text)).collect();
        println!(
            "  {} {} (verb {:?}, location {:?}): {}",
            r.id,
            o.place.as_str(),
            r.verb.slice(&r.text),
            marked,
            head(&r.text)
        );
    }
    Ok(())
}
