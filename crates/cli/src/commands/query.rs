//! Commands that read the store: `events`, `event`, `timeline`, `tallies`,
//! `search`, `export`.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use serde_json::Value;
use warlog_model::{Event, Stance, wire};
use warlog_server::filter::Filter;
use warlog_store::{EventQuery, Store};

use crate::Outcome;
use crate::cli::{EventFilter, ExportFormat};
use crate::output::{print, print_json};

fn open(db: &Path) -> anyhow::Result<Store> {
    if !db.exists() && !db.to_str().is_some_and(warlog_store::is_url) {
        anyhow::bail!("{}: no store here; create one with `warlog run PATH --db {}`", db.display(), db.display());
    }
    super::open_store(db)
}

/// The store query a filter asks for (checked by `warlog_server::filter`,
/// shared with the HTTP API so both accept the same values).
fn query(f: &EventFilter) -> anyhow::Result<EventQuery> {
    let filter = Filter {
        since: f.since.clone(),
        until: f.until.clone(),
        near: f.near.clone(),
        within: f.near.is_some().then_some(f.within),
        bbox: f.bbox.clone(),
        event_type: f.event_type.clone(),
        actor: f.actor.clone(),
        source: f.source.clone(),
        contested: f.contested.then_some(true),
        text: f.text.clone(),
        limit: f.limit,
        offset: 0,
    };
    filter.query().map_err(|e| anyhow::anyhow!("--{e}"))
}

/// A date for people: a day, a span of days, or "date unknown".
fn show_date(d: &warlog_model::EventDate) -> String {
    match d.bounds() {
        Some((a, b)) if a == b => a.to_string(),
        Some((a, b)) => format!("{a}..{b}"),
        None => "date unknown".to_string(),
    }
}

fn one_line(e: &Event) -> String {
    let place = e
        .place
        .as_ref()
        .map(|p| format!("{} ({})", p.name, p.country.as_deref().unwrap_or("?")))
        .unwrap_or_else(|| "-".into());
    let contested = if e.contested { ", contested" } else { "" };
    let figures: Vec<String> = e
        .figures()
        .iter()
        .map(|f| {
            let k = f.killed.map(|k| format!("{} killed", k.low())).unwrap_or_default();
            let w = f.wounded.map(|w| format!("{} wounded", w.low())).unwrap_or_default();
            format!(
                "{} by {}",
                [k, w].iter().filter(|s| !s.is_empty()).cloned().collect::<Vec<_>>().join(", "),
                f.source
            )
        })
        .collect();
    let figures = if figures.is_empty() { String::new() } else { format!("; {}", figures.join("; ")) };
    format!(
        "#{:<5} {:<18} {:<34} {} source{}{}{}",
        e.id,
        e.event_type.as_str(),
        place,
        e.sources,
        if e.sources == 1 { "" } else { "s" },
        contested,
        figures
    )
}

pub fn events(filter: &EventFilter, db: &Path, json: bool) -> anyhow::Result<Outcome> {
    let store = open(db)?;
    let events = store.events(&query(filter)?)?;
    if json {
        print_json(&Value::Array(events.iter().map(wire::event_json).collect()), true)?;
    } else {
        for e in &events {
            print(&format!("{} {}", show_date(&e.date), one_line(e)))?;
        }
    }
    Ok(Outcome::Done)
}

pub fn event(id: i64, db: &Path, json: bool) -> anyhow::Result<Outcome> {
    let store = open(db)?;
    let Some(e) = store.event(id)? else { anyhow::bail!("no event #{id} in {}", super::shown_db(db)) };
    if json {
        print_json(&wire::event_json(&e), true)?;
        return Ok(Outcome::Done);
    }
    let mut out = format!("{} {}\n", show_date(&e.date), one_line(&e));
    for c in &e.claims {
        let stance = match c.claim.stance {
            Stance::Asserted => "asserts",
            Stance::Hedged => "reports (hedged)",
            Stance::Denied => "DENIES",
        };
        out.push_str(&format!(
            "  - {} {} — {} [{}]\n    “{}”\n",
            c.claim.source,
            stance,
            c.outlet.as_deref().unwrap_or(&c.page),
            c.claim.event_type.as_str(),
            c.evidence_text.trim()
        ));
    }
    print(&out)?;
    Ok(Outcome::Done)
}

pub fn timeline(filter: &EventFilter, db: &Path) -> anyhow::Result<Outcome> {
    let store = open(db)?;
    let mut events = store.events(&query(filter)?)?;
    events.sort_by_key(|e| (e.date.bounds().map(|b| b.0), e.id));
    let mut out = String::new();
    let mut current: Option<String> = None;
    for e in &events {
        let day = match e.date.bounds() {
            Some((a, b)) if a == b => a.to_string(),
            Some((a, b)) => format!("{a} → {b}"),
            None => "date unknown".to_string(),
        };
        if current.as_deref() != Some(&day) {
            out.push_str(&format!("\n{day}\n"));
            current = Some(day);
        }
        out.push_str(&format!("  {}\n", one_line(e)));
    }
    if events.is_empty() {
        out.push_str("no events\n");
    }
    print(out.trim_start())?;
    Ok(Outcome::Done)
}

pub fn tallies(party: Option<&str>, db: &Path, json: bool) -> anyhow::Result<Outcome> {
    let store = open(db)?;
    let tallies = store.tallies(party)?;
    if json {
        print_json(&Value::Array(tallies.iter().map(wire::tally_json).collect()), true)?;
    } else {
        for t in &tallies {
            let as_of = t.as_of.map(|d| d.to_string()).unwrap_or_else(|| "?".into());
            print(&format!("{:<18} {}  {} {}", t.party.to_string(), as_of, t.figure.low(), t.category))?;
        }
    }
    Ok(Outcome::Done)
}

pub fn search(q: &str, limit: usize, db: &Path, json: bool) -> anyhow::Result<Outcome> {
    let store = open(db)?;
    let hits = store.search(q, limit)?;
    if json {
        let v: Vec<Value> = hits
            .iter()
            .map(|h| wire::search_hit_json(&h.doc_id, &h.origin, h.url.as_deref(), h.title.as_deref(), &h.snippet))
            .collect();
        print_json(&Value::Array(v), true)?;
    } else {
        for h in &hits {
            print(&format!("{}\n    {}", h.title.as_deref().unwrap_or(&h.origin), h.snippet))?;
        }
    }
    Ok(Outcome::Done)
}

pub fn export(format: ExportFormat, out: Option<&Path>, filter: &EventFilter, db: &Path) -> anyhow::Result<Outcome> {
    let store = open(db)?;
    let events = store.events(&query(filter)?)?;
    let mut sink: Box<dyn Write> = match out {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let n = match format {
        ExportFormat::AcledCsv => warlog_export::acled_csv(&events, &mut sink),
        ExportFormat::Geojson => warlog_export::geojson(&events, &mut sink),
        ExportFormat::Jsonl => warlog_export::jsonl(&events, &mut sink),
    }
    .context("writing the export")?;
    sink.flush()?;
    if let Some(p) = out {
        eprintln!("{n} events written to {}", p.display());
    }
    Ok(Outcome::Done)
}
