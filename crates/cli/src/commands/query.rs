//! Commands that read the store: `events`, `event`, `timeline`, `tallies`,
//! `search`, `export`.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use serde_json::{Value, json};
use warlog_model::{Event, EventType, Stance, wire};
use warlog_store::{BBox, EventQuery, Near, Store};

use super::parse_date;
use crate::Outcome;
use crate::cli::{EventFilter, ExportFormat};
use crate::output::{print, print_json};

fn open(db: &Path) -> anyhow::Result<Store> {
    if !db.exists() {
        anyhow::bail!("{}: no store here; create one with `warlog run PATH --db {}`", db.display(), db.display());
    }
    Store::open(db).with_context(|| format!("opening the store {}", db.display()))
}

/// The store query a filter asks for.
fn query(f: &EventFilter) -> anyhow::Result<EventQuery> {
    let near = match &f.near {
        Some(name) => {
            let place = warlog_pipeline::places()
                .lookup(name, &[])
                .with_context(|| format!("--near: no place called {name:?} in the gazetteer"))?;
            Some(Near { lat: place.lat, lon: place.lon, km: f.within })
        }
        None => None,
    };
    let event_type = match &f.event_type {
        Some(t) => Some(EventType::parse(t).with_context(|| {
            let all: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
            format!("--type: unknown event type {t:?} (one of {})", all.join(", "))
        })?),
        None => None,
    };
    let bbox = match &f.bbox {
        Some(v) if v.len() == 4 => Some(BBox::from_wsen([v[1], v[0], v[3], v[2]])),
        Some(_) => anyhow::bail!("--bbox takes min_lat,min_lon,max_lat,max_lon"),
        None => None,
    };
    Ok(EventQuery {
        since: f.since.as_deref().map(parse_date).transpose()?,
        until: f.until.as_deref().map(parse_date).transpose()?,
        near,
        bbox,
        event_type,
        actor: f.actor.clone(),
        source: f.source.clone(),
        contested: f.contested.then_some(true),
        text: f.text.clone(),
        limit: f.limit,
        offset: 0,
    })
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
    let Some(e) = store.event(id)? else { anyhow::bail!("no event #{id} in {}", db.display()) };
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
        let v: Vec<Value> = tallies
            .iter()
            .map(|t| {
                json!({"party": t.party.to_string(), "as_of": t.as_of.map(|d| d.to_string()), "figure": t.figure.to_json(),
                       "category": t.category, "subject": t.subject.as_ref().map(|a| a.to_string()), "doc": t.doc_id})
            })
            .collect();
        print_json(&Value::Array(v), true)?;
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
            .map(|h| json!({"doc": h.doc_id, "origin": h.origin, "url": h.url, "title": h.title, "snippet": h.snippet}))
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
