//! Commands on one page (or one JSON Lines feed): `text`, `segments`,
//! `places`, `claims`. A feed prints one line per page:
//! `{"id": ..., "result": ...}`, offsets into that page's text.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use warlog_model::wire;
use warlog_pipeline::{Pipeline, Processed};

use super::{Reader, is_feed, parse_date};
use crate::Outcome;
use crate::output::{print, print_json};

/// How much of the pipeline a command needs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stages {
    /// Main text and language only (`warlog text`).
    MainText,
    All,
}

/// Runs `show` on every page of `file`; prints JSON (one value, or a line
/// per page for a feed) or text.
fn each_page(
    file: &Path,
    reader: &Reader,
    json: bool,
    published: Option<&str>,
    stages: Stages,
    show: impl Fn(&Processed) -> (Value, String),
) -> anyhow::Result<Outcome> {
    let published = published.map(parse_date).transpose()?;
    let pipeline = Pipeline::load();
    let feed = is_feed(file);
    let (mut ok, mut failed) = (0usize, 0usize);
    // `warlog text` prints no document id: no need to hash the page.
    let hashed = stages != Stages::MainText;
    for item in reader.pages_hashed(&[PathBuf::from(file)], hashed) {
        match item {
            Ok(source) => {
                // A feed line's own "id", else its place in the feed.
                let id =
                    source.feed_id.clone().or_else(|| source.origin.rsplit_once('#').map(|(_, id)| id.to_string()));
                let processed = match stages {
                    Stages::MainText => pipeline.read(source, published),
                    Stages::All => pipeline.process(source, published),
                };
                let (value, text) = show(&processed);
                if feed {
                    print_json(
                        &json!({"id": id.unwrap_or_else(|| processed.page.doc.origin.clone()), "result": value}),
                        false,
                    )?;
                } else if json {
                    print_json(&value, true)?;
                } else {
                    print(&text)?;
                }
                ok += 1;
            }
            Err(e) => {
                eprintln!("warlog: {e}");
                failed += 1;
            }
        }
    }
    match (ok, failed) {
        (0, 0) => anyhow::bail!("{}: no page found", file.display()),
        (0, _) => anyhow::bail!("{}: no page could be read", file.display()),
        (_, 0) => Ok(Outcome::Done),
        _ => Ok(Outcome::Partial),
    }
}

pub fn text(file: &Path, all: bool, json: bool, reader: &Reader) -> anyhow::Result<Outcome> {
    each_page(file, reader, json, None, Stages::MainText, |p| {
        let doc = &p.page.doc;
        let end = if all { doc.text.len() } else { p.main_end.min(doc.text.len()) };
        let text = &doc.text[..end];
        (wire::text_json(doc, text), text.to_string())
    })
}

pub fn segments(file: &Path, json: bool, reader: &Reader) -> anyhow::Result<Outcome> {
    each_page(file, reader, json, None, Stages::All, |p| {
        let text = &p.page.doc.text;
        let value = Value::Array(p.page.segments.iter().map(wire::segment_json).collect());
        let lines: Vec<String> = p
            .page
            .segments
            .iter()
            .map(|s| {
                let preview: String = s.span.slice(text).chars().take(70).collect::<String>().replace('\n', " ⏎ ");
                let date = s.date.map(|d| format!(" {d}")).unwrap_or_default();
                format!("{:<11} {:>6}-{:<6}{} {}", s.kind.as_str(), s.span.start, s.span.end, date, preview)
            })
            .collect();
        (value, lines.join("\n"))
    })
}

pub fn places(file: &Path, json: bool, reader: &Reader) -> anyhow::Result<Outcome> {
    each_page(file, reader, json, None, Stages::All, |p| {
        let text = &p.page.doc.text;
        let values: Vec<Value> = p.page.mentions.iter().filter_map(|m| wire::place_json(text, m)).collect();
        let lines: Vec<String> = values
            .iter()
            .map(|v| {
                format!(
                    "{:>6} {:<24} → {} ({}, {:.4}, {:.4}) {} {}",
                    v["start"],
                    v["text"].as_str().unwrap_or(""),
                    v["name"].as_str().unwrap_or(""),
                    v["country"].as_str().unwrap_or("?"),
                    v["lat"].as_f64().unwrap_or(0.0),
                    v["lon"].as_f64().unwrap_or(0.0),
                    v["precision"].as_str().unwrap_or(""),
                    v["role"].as_str().unwrap_or("")
                )
            })
            .collect();
        (Value::Array(values), lines.join("\n"))
    })
}

pub fn claims(file: &Path, published: Option<&str>, json: bool, reader: &Reader) -> anyhow::Result<Outcome> {
    each_page(file, reader, json, published, Stages::All, |p| {
        let text = &p.page.doc.text;
        let value = Value::Array(p.page.claims.iter().map(wire::claim_json).collect());
        let lines: Vec<String> = p
            .page
            .claims
            .iter()
            .map(|c| {
                let place = c.place.as_ref().map(|p| p.name.as_str()).unwrap_or("-");
                let evidence: String = c.evidence.slice(text).chars().take(110).collect();
                format!(
                    "{} {} @{} [{}] {}→{} k={} w={} | {} ({})\n    {}",
                    c.event_type.as_str(),
                    c.date.to_json(),
                    place,
                    c.segment.as_str(),
                    c.actor1.as_ref().map(|a| a.to_string()).unwrap_or_else(|| "-".into()),
                    c.actor2.as_ref().map(|a| a.to_string()).unwrap_or_else(|| "-".into()),
                    c.killed.map(|k| k.to_json().to_string()).unwrap_or_else(|| "-".into()),
                    c.wounded.map(|k| k.to_json().to_string()).unwrap_or_else(|| "-".into()),
                    c.source,
                    c.stance.as_str(),
                    evidence
                )
            })
            .collect();
        (value, lines.join("\n"))
    })
}
