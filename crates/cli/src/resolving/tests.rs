//! The store and the resolver together, as `warlog run` uses them:
//!
//! * incremental runs: pages added later update stored events in place
//!   (same ids), old pages are not read again, and re-ingesting a page
//!   changes nothing;
//! * the seed pages (read from ../shared at run time, skipped when absent):
//!   the contested events they must yield, and a golden file of their
//!   events (`testdata/seeds/events.json`, re-blessed with UPDATE_EXPECT=1).
//!
//! Seed events are found by type, place (within 25 km of the gold
//! coordinates) and date — never by text — so these tests hold while the
//! extractor changes.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use warlog_model::{
    Claim, Date, Document, DocumentMeta, Event, EventDate, EventType, Format, Page, Place, PlacePrecision, SegmentKind,
    Source, Span, Stance, haversine_km,
};
use warlog_pipeline::Pipeline;
use warlog_store::{EventQuery, PageToWrite, Store, WriteOutcome};

use super::{Resolved, resolve_pending};
use crate::commands::read_pages;

// ---------------------------------------------------------------- helpers

/// A page written by hand: sentences of our own, one claim per sentence.
fn page(id: &str, published: Date, claims: Vec<(&str, Claim)>) -> Page {
    let mut text = String::new();
    let mut out = Vec::new();
    for (sentence, mut claim) in claims {
        let start = text.len();
        text.push_str(sentence);
        claim.evidence = Span::new(start, text.len());
        claim.trigger = claim.evidence;
        text.push(' ');
        out.push(claim);
    }
    let doc = Document {
        id: id.into(),
        origin: format!("{id}.txt"),
        format: Format::Text,
        meta: DocumentMeta { published: Some(published), ..DocumentMeta::default() },
        text: text.clone(),
    };
    Page { doc, raw: text.into_bytes(), segments: vec![], mentions: vec![], claims: out, diagnostics: vec![] }
}

fn town(name: &str, lat: f64, lon: f64) -> Place {
    Place {
        name: name.into(),
        geonameid: None,
        lat,
        lon,
        country: Some("AZE".into()),
        precision: PlacePrecision::Exact,
    }
}

fn claim(t: EventType, source: &str, stance: Stance, day: Date, place: Place) -> Claim {
    let mut c = Claim::new(t, source.parse().unwrap(), stance, Span::new(0, 0), SegmentKind::Body);
    c.date = EventDate::Day(day);
    c.place = Some(place);
    c
}

fn write(store: &mut Store, pages: Vec<Page>) -> Vec<WriteOutcome> {
    let pages: Vec<PageToWrite> = pages.into_iter().map(|p| PageToWrite::new(p, None)).collect();
    store.write_pages(&pages).unwrap()
}

fn all_events(store: &Store) -> Vec<Event> {
    store.events(&EventQuery::default()).unwrap()
}

/// Events as sets of (page, evidence start, end): comparable across stores.
fn partition(events: &[Event]) -> BTreeSet<BTreeSet<(String, usize, usize)>> {
    events
        .iter()
        .map(|e| e.claims.iter().map(|c| (c.page.clone(), c.claim.evidence.start, c.claim.evidence.end)).collect())
        .collect()
}

// ------------------------------------------------------------ incremental

const GANJA: (f64, f64) = (40.68, 46.36);

fn first_pages() -> Vec<Page> {
    let day = Date::constant(2020, 10, 11);
    let mut strike =
        claim(EventType::Shelling, "AZE:government", Stance::Asserted, day, town("Ganja", GANJA.0, GANJA.1));
    strike.denied_by = vec!["ART:government".parse().unwrap()];
    let clash = claim(EventType::ArmedClash, "outlet", Stance::Asserted, day, town("Hadrut", 39.52, 47.03));
    vec![page(
        "page-a",
        day,
        vec![
            ("Missiles hit the city overnight, the ministry said.", strike),
            ("Fighting went on near the southern town.", clash),
        ],
    )]
}

fn later_pages() -> Vec<Page> {
    let day = Date::constant(2020, 10, 11);
    let ganja = town("Ganja", GANJA.0, GANJA.1);
    let denial = claim(EventType::Shelling, "ART:government", Stance::Denied, day, ganja.clone());
    let relayed = claim(EventType::AirStrike, "RUS:government", Stance::Asserted, day, ganja);
    let other = claim(
        EventType::Shelling,
        "ARM:government",
        Stance::Asserted,
        Date::constant(2020, 10, 12),
        town("Stepanakert", 39.815, 46.752),
    );
    vec![
        page("page-b", Date::constant(2020, 10, 12), vec![("The separatists denied firing at the city.", denial)]),
        page(
            "page-c",
            Date::constant(2020, 10, 12),
            vec![
                ("Moscow said a strike had hit the city.", relayed),
                ("The capital was shelled again on Monday.", other),
            ],
        ),
    ]
}

#[test]
fn pages_added_later_update_stored_events_in_place() {
    let mut store = Store::open_in_memory().unwrap();
    write(&mut store, first_pages());
    let first = resolve_pending(&mut store).unwrap();
    assert_eq!((first.claims, first.events_touched), (2, 2));
    let before = all_events(&store);
    let ganja_id = before.iter().find(|e| e.event_type == EventType::Shelling).unwrap().id;
    let clash_before = before.iter().find(|e| e.event_type == EventType::ArmedClash).unwrap().clone();

    write(&mut store, later_pages());
    let second = resolve_pending(&mut store).unwrap();
    assert_eq!(second.claims, 3, "only the new pages' claims are read");
    assert_eq!(second.events_touched, 2, "the Ganja strike grew, one event is new");

    let after = all_events(&store);
    assert_eq!(after.len(), 3);
    let ganja = after.iter().find(|e| e.id == ganja_id).expect("the strike keeps its id");
    assert_eq!(ganja.claims.len(), 3);
    assert!(ganja.contested);
    assert_eq!(ganja.sources, 3, "AZE, ART and RUS");
    let clash = after.iter().find(|e| e.id == clash_before.id).unwrap();
    assert_eq!(clash, &clash_before, "an event no new claim joins is left as it was");
}

#[test]
fn re_ingesting_pages_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    write(&mut store, first_pages().into_iter().chain(later_pages()).collect());
    resolve_pending(&mut store).unwrap();
    let (counts, events) = (store.counts().unwrap(), all_events(&store));

    let again = write(&mut store, first_pages().into_iter().chain(later_pages()).collect());
    assert!(again.iter().all(|o| *o == WriteOutcome::AlreadyStored));
    assert_eq!(resolve_pending(&mut store).unwrap(), Resolved::default());
    assert_eq!(store.counts().unwrap(), counts);
    assert_eq!(all_events(&store), events, "same events, same ids, same claims");
}

#[test]
fn several_runs_give_the_events_of_one_run() {
    let mut once = Store::open_in_memory().unwrap();
    write(&mut once, first_pages().into_iter().chain(later_pages()).collect());
    resolve_pending(&mut once).unwrap();
    let mut twice = Store::open_in_memory().unwrap();
    write(&mut twice, first_pages());
    resolve_pending(&mut twice).unwrap();
    write(&mut twice, later_pages());
    resolve_pending(&mut twice).unwrap();
    assert_eq!(partition(&all_events(&once)), partition(&all_events(&twice)));
}

// ------------------------------------------------------------------ seeds

/// The seed pages' publication dates, from the gold set's docs.jsonl.
fn gold_dates() -> HashMap<String, Date> {
    let Some(dir) = warlog_testkit::shared("spec/gold") else { return HashMap::new() };
    let set = warlog_eval::gold::GoldSet::load(&dir).expect("gold set readable");
    set.docs.into_iter().filter_map(|d| d.published.map(|p| (d.doc, p))).collect()
}

fn processed(pipeline: &Pipeline, path: &Path, published: Option<Date>) -> PageToWrite {
    let source = read_pages(&[path.to_path_buf()], warlog_ingest::DEFAULT_MAX_BYTES)
        .next()
        .expect("one page")
        .expect("seed readable");
    let p = pipeline.process(source, published);
    let main = p.page.doc.text.get(..p.main_end).unwrap_or(&p.page.doc.text);
    let fingerprint = warlog_resolve::simhash(main);
    PageToWrite::new(p.page, Some(fingerprint))
}

/// The seeds run through the pipeline into a fresh store, in batches,
/// resolved after each batch. `dated`: with the gold set's publication
/// dates (as `warlog eval` reads them), else as `warlog run` reads the
/// files (no date known). `None` when the seeds are absent.
fn seeds_store(dated: bool, batches: &[&[usize]]) -> Option<Store> {
    let seeds: Vec<(String, PathBuf)> = warlog_testkit::seeds();
    if seeds.is_empty() {
        return None;
    }
    let dates = if dated { gold_dates() } else { HashMap::new() };
    let pipeline = Pipeline::load();
    let mut store = Store::open_in_memory().unwrap();
    for batch in batches {
        let pages: Vec<PageToWrite> = batch
            .iter()
            .filter_map(|&i| seeds.get(i))
            .map(|(name, path)| processed(&pipeline, path, dates.get(name).copied()))
            .collect();
        store.write_pages(&pages).unwrap();
        resolve_pending(&mut store).unwrap();
    }
    Some(store)
}

const ALL: &[&[usize]] = &[&[0, 1, 2, 3]];

/// What the gold says of a happening: a type (family), coordinates and,
/// when the gold has one, a day.
struct Happening {
    types: &'static [EventType],
    lat: f64,
    lon: f64,
    day: Option<Date>,
}

const BARDA: Happening = Happening {
    types: &[EventType::Shelling, EventType::AirStrike],
    lat: 40.374,
    lon: 47.126,
    day: Some(Date::constant(2020, 10, 28)),
};
const HADRUT: Happening = Happening { types: &[EventType::TerritoryTaken], lat: 39.52, lon: 47.03, day: None };
const HARUTYUNYAN: Happening = Happening {
    types: &[EventType::AirStrike, EventType::Shelling],
    lat: 39.8,
    lon: 46.75,
    day: Some(Date::constant(2020, 10, 27)),
};

/// Events of that type within 25 km whose date (when both are known)
/// covers the gold day.
fn matching<'a>(events: &'a [Event], h: &Happening) -> Vec<&'a Event> {
    events
        .iter()
        .filter(|e| h.types.contains(&e.event_type))
        .filter(|e| e.place.as_ref().is_some_and(|p| haversine_km(p.lat, p.lon, h.lat, h.lon) <= 25.0))
        .filter(|e| match (h.day, e.date.bounds()) {
            (Some(d), Some((a, b))) => a <= d && d <= b,
            _ => true,
        })
        .collect()
}

/// The happening is a contested event, asserted by one party and denied
/// by another (its sources), and no denial at that place is left out of it.
fn assert_contested(h: &Happening, what: &str) {
    for dated in [true, false] {
        let Some(store) = seeds_store(dated, ALL) else { return };
        let events = all_events(&store);
        let found = matching(&events, h);
        let contested: Vec<&&Event> = found.iter().filter(|e| e.contested).collect();
        let mode = if dated { "with the gold's page dates" } else { "as `warlog run` reads the files" };
        assert!(!contested.is_empty(), "{what} ({mode}): no contested event among {}", describe(&found));
        let e = contested[0];
        let asserting: BTreeSet<String> =
            e.claims.iter().filter(|c| c.claim.stance != Stance::Denied).map(|c| c.claim.source.to_string()).collect();
        let denying: BTreeSet<String> = e
            .claims
            .iter()
            .filter(|c| c.claim.stance == Stance::Denied)
            .map(|c| c.claim.source.to_string())
            .chain(e.claims.iter().flat_map(|c| c.claim.denied_by.iter().map(Source::to_string)))
            .collect();
        assert!(!asserting.is_empty() && !denying.is_empty(), "{what} ({mode}): {}", describe(&[e]));
        assert!(e.sources >= 2, "{what} ({mode}): {} source(s)", e.sources);
        // Every claim at the very place (10 km) asserting or denying it is in
        // that one event.
        let elsewhere: Vec<&Event> = found
            .iter()
            .filter(|x| x.id != e.id)
            .filter(|x| x.claims.iter().any(|c| at(&c.claim, h, 10.0) && c.claim.stance == Stance::Denied))
            .copied()
            .collect();
        assert!(elsewhere.is_empty(), "{what} ({mode}): denials left out of {}: {}", e.id, describe(&elsewhere));
    }
}

fn at(c: &Claim, h: &Happening, km: f64) -> bool {
    h.types.contains(&c.event_type) && c.place.as_ref().is_some_and(|p| haversine_km(p.lat, p.lon, h.lat, h.lon) <= km)
}

fn describe(events: &[&Event]) -> String {
    let v: Vec<Value> = events.iter().map(|e| summary(e)).collect();
    serde_json::to_string(&v).unwrap_or_default()
}

#[test]
fn barda_strike_is_contested() {
    assert_contested(&BARDA, "the Barda strike (claimed by Baku, denied by Yerevan)");
}

#[test]
fn hadrut_capture_is_contested() {
    assert_contested(&HADRUT, "Hadrut captured (Aliyev) vs still held (Yerevan, Russian reporters)");
}

#[test]
fn harutyunyan_death_is_contested() {
    assert_contested(&HARUTYUNYAN, "the reported death of General Harutyunyan (claimed, denied)");
}

/// An event in the golden file: values and offsets, never text.
fn summary(e: &Event) -> Value {
    let round = |x: f64| (x * 100.0).round() / 100.0;
    let mut claims: Vec<Value> = e
        .claims
        .iter()
        .map(|c| {
            let file = Path::new(&c.page).file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
            json!({
                "doc": file,
                "start": c.claim.evidence.start,
                "end": c.claim.evidence.end,
                "type": c.claim.event_type.as_str(),
                "source": c.claim.source.to_string(),
                "stance": c.claim.stance.as_str(),
            })
        })
        .collect();
    claims.sort_by_key(|c| (c["doc"].as_str().map(str::to_string), c["start"].as_u64(), c["end"].as_u64()));
    json!({
        "type": e.event_type.as_str(),
        "date": e.date.to_json(),
        "place": e.place.as_ref().map(|p| p.name.clone()),
        "lat": e.place.as_ref().map(|p| round(p.lat)),
        "lon": e.place.as_ref().map(|p| round(p.lon)),
        "sources": e.sources,
        "contested": e.contested,
        "claims": claims,
    })
}

/// The seeds' events, with the gold's page dates. Expected to change as
/// extraction improves: review the diff, then re-bless with UPDATE_EXPECT=1.
#[test]
fn seeds_events_golden() {
    let Some(store) = seeds_store(true, ALL) else { return };
    let events: Vec<Value> = all_events(&store).iter().map(summary).collect();
    let golden = json!({
        "about": "Events of the four seed pages (warlog run, page dates from shared/spec/gold/docs.jsonl). \
                  Claims: document, evidence byte range, type, source, stance.",
        "events": events,
    });
    warlog_testkit::assert_golden("seeds/events.json", &golden);
}

#[test]
fn seeds_in_two_runs_give_the_events_of_one_run() {
    let Some(once) = seeds_store(true, ALL) else { return };
    let Some(twice) = seeds_store(true, &[&[0, 1], &[2, 3]]) else { return };
    assert_eq!(partition(&all_events(&once)), partition(&all_events(&twice)));
}

#[test]
fn re_ingesting_the_seeds_changes_nothing() {
    let Some(mut store) = seeds_store(true, ALL) else { return };
    let (counts, events) = (store.counts().unwrap(), all_events(&store));
    let dates = gold_dates();
    let pipeline = Pipeline::load();
    let again: Vec<PageToWrite> = warlog_testkit::seeds()
        .iter()
        .map(|(name, path)| processed(&pipeline, path, dates.get(name).copied()))
        .collect();
    let outcomes = store.write_pages(&again).unwrap();
    assert!(outcomes.iter().all(|o| *o == WriteOutcome::AlreadyStored));
    assert_eq!(resolve_pending(&mut store).unwrap(), Resolved::default());
    assert_eq!(store.counts().unwrap(), counts);
    assert_eq!(all_events(&store), events);
}

// -------------------------------------------------------------- benchmark

/// A field of /proc/self/status, in MB.
fn status_mb(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status.lines().find(|l| l.starts_with(field))?.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// The store round trip on synthetic claims (`warlog_resolve::synthetic`):
/// pages written as `warlog run` writes them (batches of 256, one
/// transaction each, to a file), then one `resolve_pending`. A benchmark,
/// not a test:
/// `WARLOG_SCALE=100000 cargo test --release -p warlog-cli --bin warlog store_round_trip -- --ignored --nocapture`
#[test]
#[ignore = "benchmark: run with --ignored --nocapture (WARLOG_SCALE claims, default 100000)"]
fn store_round_trip_scale() {
    let n: usize = std::env::var("WARLOG_SCALE").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let synthetic = warlog_resolve::synthetic::generate(n, 42);
    let mut pages: Vec<Page> = Vec::new();
    for c in synthetic.claims {
        if pages.last().is_none_or(|p| p.doc.id != c.doc_id) {
            let published = c.published.unwrap_or(Date::constant(2020, 1, 1));
            pages.push(page(&c.doc_id, published, Vec::new()));
        }
        let p = pages.last_mut().expect("a page");
        let start = p.doc.text.len();
        p.doc.text.push_str(&format!("Claim {} of the synthetic corpus. ", c.id));
        let mut claim = c.claim;
        claim.evidence = Span::new(start, p.doc.text.len() - 1);
        claim.trigger = claim.evidence;
        p.claims.push(claim);
    }
    for p in &mut pages {
        p.raw = p.doc.text.clone().into_bytes();
    }
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("scale.db")).unwrap();
    let to_write: Vec<PageToWrite> = pages.into_iter().map(|p| PageToWrite::new(p, None)).collect();
    let start = std::time::Instant::now();
    for batch in to_write.chunks(256) {
        store.write_pages(batch).unwrap();
    }
    let write = start.elapsed().as_secs_f64();
    let start = std::time::Instant::now();
    let resolved = resolve_pending(&mut store).unwrap();
    let resolve = start.elapsed().as_secs_f64();
    let counts = store.counts().unwrap();
    println!(
        "store round trip, {n} claims on {} pages: write {write:.2} s ({:.0} claims/s), resolve_pending {resolve:.2} s \
         ({:.0} claims/s), {} events; peak RSS {:.0} MB",
        counts.documents,
        n as f64 / write,
        n as f64 / resolve,
        counts.events,
        status_mb("VmHWM:").unwrap_or(0.0)
    );
    assert_eq!(resolved.claims, n);
}
