//! The store's behaviour, run against every backend — SQLite in memory,
//! SQLite on disk and, built with `--features pg`, PostgreSQL (a schema of
//! its own per test in `WARLOG_TEST_PG_URL`; skipped without it, failed
//! without it when `WARLOG_REQUIRE_PG=1`): idempotent writes, atomic
//! batches, the resolver's reads and writes, every query filter, tallies,
//! folded full-text search.

mod common;

use common::{ClaimSpec, date, page, place};
use warlog_model::{Count, EventDate, EventType, Source, Span, Stance, Tally};
use warlog_store::{
    BBox, ClaimRef, EventQuery, EventRecord, Near, PageToWrite, Resolution, Store, StoreError, StoredClaim,
    WriteOutcome,
};

const P1: &str = "Gəncə a été bombardée dimanche, selon Bakou. Erevan a démenti toute frappe sur la ville.";
const P2: &str =
    "Des combats ont opposé les forces près de Tartar, a indiqué le ministère. Un drone a frappé Stepanakert.";
const P3: &str = "A ceasefire was agreed, Moscow said.";
const P4: &str = "Une explosion près d'Anadyr. Une autre explosion, quelque part.";

fn ganja() -> warlog_model::Place {
    place("Gəncə", 40.6828, 46.3606, "AZE")
}

fn pages() -> Vec<PageToWrite> {
    let shelling = |source, stance| ClaimSpec {
        source,
        stance,
        date: EventDate::Day(date("2020-10-04")),
        place: Some(ganja()),
        actor1: Some("ARM:military"),
        actor2: Some("AZE:civilians"),
        killed: Some(1),
        ..ClaimSpec::new("", EventType::Shelling)
    };
    let clash = ClaimSpec {
        source: "ARM:government",
        date: EventDate::range(date("2020-10-05"), date("2020-10-06")),
        place: Some(place("Tartar", 40.3406, 46.9320, "AZE")),
        actor1: Some("ARM:military"),
        actor2: Some("AZE:military"),
        ..ClaimSpec::new(
            "Des combats ont opposé les forces près de Tartar, a indiqué le ministère.",
            EventType::ArmedClash,
        )
    };
    let drone = ClaimSpec {
        date: EventDate::Day(date("2020-10-06")),
        place: Some(place("Stepanakert", 39.8153, 46.7519, "AZE")),
        actor1: Some("AZE:military"),
        actor2: Some("ART:civilians"),
        ..ClaimSpec::new("Un drone a frappé Stepanakert.", EventType::AirStrike)
    };
    let truce = ClaimSpec {
        source: "RUS:government",
        date: EventDate::Day(date("2020-11-10")),
        ..ClaimSpec::new("A ceasefire was agreed, Moscow said.", EventType::Ceasefire)
    };
    let anadyr = ClaimSpec {
        date: EventDate::Day(date("2020-12-01")),
        place: Some(place("Anadyr", 64.73, 177.51, "RUS")),
        ..ClaimSpec::new("Une explosion près d'Anadyr.", EventType::Explosive)
    };
    let nowhere = ClaimSpec::new("Une autre explosion, quelque part.", EventType::Explosive);
    vec![
        page(
            "p1.txt",
            "AFP",
            "2020-10-05",
            P1,
            &[
                ClaimSpec {
                    sentence: "Gəncə a été bombardée dimanche, selon Bakou.",
                    ..shelling("AZE:government", Stance::Asserted)
                },
                ClaimSpec {
                    sentence: "Erevan a démenti toute frappe sur la ville.",
                    ..shelling("ARM:government", Stance::Denied)
                },
            ],
        ),
        page("p2.txt", "Le Monde", "2020-10-06", P2, &[clash, drone]),
        page("p3.txt", "Reuters", "2020-11-10", P3, &[truce]),
        page("p4.txt", "Example", "2020-12-02", P4, &[anadyr, nowhere]),
    ]
}

/// An event record for stored claims, with header fields from the first.
fn record(id: Option<i64>, claims: &[&StoredClaim]) -> EventRecord {
    let c = &claims[0].claim;
    EventRecord {
        id,
        event_type: c.event_type,
        date: c.date,
        place: c.place.clone(),
        actor1: c.actor1.clone(),
        actor2: c.actor2.clone(),
        sources: claims.len(),
        contested: claims.iter().any(|s| s.claim.stance == Stance::Denied),
        claims: claims.iter().map(|s| ClaimRef::from(*s)).collect(),
    }
}

/// The four pages stored and resolved into six events (the denial joins the
/// Gəncə shelling). Returns the stored claims and event ids.
fn world(store: &mut Store) -> (Vec<StoredClaim>, Vec<i64>) {
    store.write_pages(&pages()).unwrap();
    let claims = store.claims_after(0, 100).unwrap();
    assert_eq!(claims.len(), 7);
    let c = |i: usize| &claims[i];
    let resolution = Resolution {
        events: vec![
            record(None, &[c(0), c(1)]),
            record(None, &[c(2)]),
            record(None, &[c(3)]),
            record(None, &[c(4)]),
            record(None, &[c(5)]),
            record(None, &[c(6)]),
        ],
        tallies: Vec::new(),
        resolved_through: Some(claims.last().unwrap().id),
    };
    let saved = store.save_resolution(&resolution).unwrap();
    (claims, saved.event_ids)
}

fn ids(events: &[warlog_model::Event]) -> Vec<i64> {
    events.iter().map(|e| e.id).collect()
}

fn query(store: &Store, q: EventQuery) -> Vec<i64> {
    ids(&store.events(&q).unwrap())
}

// ---- the tests, each run on every backend -------------------------------

fn same_page_twice_is_stored_once(mut store: Store) {
    let first = store.write_pages(&pages()[..1]).unwrap();
    let WriteOutcome::Stored { claim_ids } = &first[0] else { panic!("{first:?}") };
    assert_eq!(claim_ids.len(), 2);
    let again = store.write_pages(&[pages()[0].clone(), pages()[1].clone(), pages()[1].clone()]).unwrap();
    assert_eq!(again[0], WriteOutcome::AlreadyStored);
    assert!(matches!(again[1], WriteOutcome::Stored { .. }));
    assert_eq!(again[2], WriteOutcome::AlreadyStored, "a duplicate inside one batch too");
    let counts = store.counts().unwrap();
    assert_eq!((counts.documents, counts.claims), (2, 4));
}

fn a_page_reads_back_as_written(mut store: Store) {
    let p = pages().remove(0);
    store.write_pages(std::slice::from_ref(&p)).unwrap();
    assert_eq!(store.page(&p.page.doc.id).unwrap().as_ref(), Some(&p.page));
    let (doc, segments) = store.document(&p.page.doc.id).unwrap().unwrap();
    assert_eq!(doc, p.page.doc);
    assert_eq!(segments, p.page.segments);
    let claims = store.document_claims(&p.page.doc.id).unwrap();
    assert_eq!(claims.iter().map(|(_, c)| c.clone()).collect::<Vec<_>>(), p.page.claims);
    assert!(store.document("nope").unwrap().is_none());

    // An HTML page keeps its raw bytes apart from its text.
    let mut html = pages().remove(1);
    html.page.doc.format = warlog_model::Format::Html;
    html.page.raw = format!("<html><p>{}</p></html>", html.page.doc.text).into_bytes();
    store.write_pages(std::slice::from_ref(&html)).unwrap();
    assert_eq!(store.page(&html.page.doc.id).unwrap().as_ref(), Some(&html.page));
}

fn a_failing_batch_leaves_earlier_batches_and_nothing_of_itself(mut store: Store) {
    let all = pages();
    store.write_pages(&all[..2]).unwrap();
    let mut bad = all[3].clone();
    bad.page.claims[0].evidence = Span::new(0, 10_000);
    let err = store.write_pages(&[all[2].clone(), bad]).unwrap_err();
    assert!(matches!(err, StoreError::InvalidPage { .. }), "{err}");
    assert!(err.to_string().contains("p4.txt"), "{err}");
    let counts = store.counts().unwrap();
    assert_eq!((counts.documents, counts.claims), (2, 4), "p3 rolled back with the bad page");
    assert!(store.document(&all[2].page.doc.id).unwrap().is_none());
    // The batch goes through once the bad page is set aside.
    store.write_pages(&all[2..3]).unwrap();
    assert_eq!(store.counts().unwrap().documents, 3);
}

fn resolver_reads_new_claims_and_saves_events(mut store: Store) {
    store.write_pages(&pages()).unwrap();
    assert_eq!(store.resolved_through().unwrap(), 0);
    assert_eq!(store.unresolved_claims().unwrap().len(), 7);
    let first = store.claims_after(0, 3).unwrap();
    assert_eq!(first.len(), 3);
    let c0 = &first[0];
    assert_eq!(c0.evidence_text, "Gəncə a été bombardée dimanche, selon Bakou.");
    assert_eq!((c0.outlet.as_deref(), c0.published), (Some("AFP"), Some(date("2020-10-05"))));
    assert_eq!(c0.page, "https://example.org/p1.txt");
    assert!(c0.fingerprint.is_some());
    let rest = store.claims_after(first[2].id, 100).unwrap();
    assert_eq!(rest.len(), 4);
    assert!(rest[0].id > first[2].id);
    assert_eq!(ids_of(&store.claims(&[rest[1].id, c0.id, 999_999]).unwrap()), vec![c0.id, rest[1].id]);

    let (claims, events) = {
        let saved = store
            .save_resolution(&Resolution {
                events: vec![record(None, &[&first[0], &first[1]]), record(None, &[&first[2]])],
                tallies: Vec::new(),
                resolved_through: Some(first[2].id),
            })
            .unwrap();
        (first, saved.event_ids)
    };
    assert_eq!(store.resolved_through().unwrap(), claims[2].id);
    assert_eq!(store.unresolved_claims().unwrap().len(), 4);
    let index = store.events_index(None).unwrap();
    assert_eq!(index.iter().map(|e| e.id.unwrap()).collect::<Vec<_>>(), events);
    assert_eq!(index[0].claims.len(), 2);
    assert_eq!(index[0].claims[1].source, "ARM:government".parse::<Source>().unwrap());
    assert_eq!(index[0].claims[1].stance, Stance::Denied);
    assert_eq!(index[0].claims[0].outlet.as_deref(), Some("AFP"));
    assert!(index[0].contested);

    // Windowed index: the Tartar clash (5-6 Oct) overlaps 6-7 Oct, Gəncə (4 Oct) does not.
    let window = store.events_index(Some((date("2020-10-06"), date("2020-10-07")))).unwrap();
    assert_eq!(window.iter().map(|e| e.id.unwrap()).collect::<Vec<_>>(), vec![events[1]]);
    assert_eq!(window[0].claims.len(), 1);

    // Merge: the second event takes the first's claims; the emptied first is deleted.
    let mut merged = index[1].clone();
    merged.claims.extend(index[0].claims.clone());
    merged.contested = true;
    let out = store.save_resolution(&Resolution { events: vec![merged], ..Resolution::default() }).unwrap();
    assert_eq!(out.event_ids, vec![events[1]]);
    assert_eq!(out.deleted, vec![events[0]]);
    let left = store.events(&EventQuery::default()).unwrap();
    assert_eq!(ids(&left), vec![events[1]]);
    assert_eq!(left[0].claims.len(), 3);
    assert!(left[0].contested);
}

/// Saving events again rewrites only what changed, and ends in the rows a
/// full rewrite gives: a claim that leaves, a claim that moves to an event
/// saved before or after its old one, a claim named by two events (the
/// last one saved wins), and the emptied event deleted.
fn resaved_events_keep_exactly_their_claims(mut store: Store) {
    let (claims, events) = world(&mut store);
    let index = store.events_index(None).unwrap();
    let members = |store: &Store, id: i64| -> Vec<i64> {
        let e = store.event(id).unwrap().unwrap();
        let mut ids: Vec<i64> = e.claims.iter().map(|c| c.claim_id).collect();
        ids.sort();
        ids
    };
    assert_eq!(members(&store, events[0]), vec![claims[0].id, claims[1].id]);
    // Events 0 and 1 swap claims 1 and 2 (each taken from an event saved
    // after, or before, the one taking it); event 3 takes claim 3 from
    // event 2 and event 4 claim 6 from event 5, neither saved, so both end
    // empty; claim 5 is named by events 3 and 4, and event 4, saved last,
    // keeps it.
    let mut e0 = index[0].clone();
    e0.claims = vec![ClaimRef::from(&claims[0]), ClaimRef::from(&claims[2])];
    let mut e1 = index[1].clone();
    e1.claims = vec![ClaimRef::from(&claims[1])];
    let mut e3 = index[3].clone();
    e3.claims = vec![ClaimRef::from(&claims[3]), ClaimRef::from(&claims[4]), ClaimRef::from(&claims[5])];
    let mut e4 = index[4].clone();
    e4.claims = vec![ClaimRef::from(&claims[6]), ClaimRef::from(&claims[5])];
    let out = store.save_resolution(&Resolution { events: vec![e0, e1, e3, e4], ..Resolution::default() }).unwrap();
    assert_eq!(out.event_ids, vec![events[0], events[1], events[3], events[4]]);
    assert_eq!(members(&store, events[0]), vec![claims[0].id, claims[2].id]);
    assert_eq!(members(&store, events[1]), vec![claims[1].id]);
    assert_eq!(members(&store, events[3]), vec![claims[3].id, claims[4].id]);
    assert_eq!(members(&store, events[4]), vec![claims[5].id, claims[6].id]);
    // Event 2 gave its claim away, event 5 its claim: both deleted.
    let mut deleted = out.deleted.clone();
    deleted.sort();
    assert_eq!(deleted, vec![events[2], events[5]]);
    assert_eq!(store.counts().unwrap().events, 4);
    assert!(store.unresolved_claims().unwrap().is_empty());
}

/// The index without the events already read: the same records as the
/// whole index filtered, with or without a window.
fn index_except_skips_the_events_read(mut store: Store) {
    let (_, events) = world(&mut store);
    let loaded: std::collections::HashSet<i64> = [events[0], events[2], events[5]].into_iter().collect();
    for window in [None, Some((date("2020-10-01"), date("2020-10-31"))), Some((date("2020-10-06"), date("2020-10-07")))]
    {
        let mut expected = store.events_index(window).unwrap();
        expected.retain(|e| !loaded.contains(&e.id.unwrap()));
        assert_eq!(store.events_index_except(window, &loaded).unwrap(), expected, "{window:?}");
    }
    let all: std::collections::HashSet<i64> = events.iter().copied().collect();
    assert!(store.events_index_except(None, &all).unwrap().is_empty());
    assert_eq!(store.events_index_except(None, &Default::default()).unwrap(), store.events_index(None).unwrap());
}

fn ids_of(claims: &[StoredClaim]) -> Vec<i64> {
    claims.iter().map(|c| c.id).collect()
}

fn bad_resolutions_change_nothing(mut store: Store) {
    let (claims, events) = world(&mut store);
    let before = store.counts().unwrap();
    let mut good = record(None, &[&claims[0]]);
    good.claims[0].claim_id = claims[0].id;
    let mut ghost = record(None, &[&claims[1]]);
    ghost.claims[0].claim_id = 999_999;
    let err = store
        .save_resolution(&Resolution { events: vec![good, ghost], resolved_through: Some(99), ..Default::default() })
        .unwrap_err();
    assert!(matches!(err, StoreError::UnknownClaim(999_999)), "{err}");
    assert_eq!(store.counts().unwrap(), before);
    assert_eq!(store.resolved_through().unwrap(), claims.last().unwrap().id, "progress not advanced");
    assert_eq!(store.event(events[0]).unwrap().unwrap().claims.len(), 2, "claim not moved");

    let mut missing = record(Some(424_242), &[&claims[0]]);
    missing.sources = 9;
    let err = store.save_events(&[missing]).unwrap_err();
    assert!(matches!(err, StoreError::UnknownEvent(424_242)), "{err}");
    let mut empty = record(None, &[&claims[0]]);
    empty.claims.clear();
    assert!(matches!(store.save_events(&[empty.clone()]).unwrap_err(), StoreError::EmptyEvent));

    // An existing event saved without claims is deleted; its claims become unresolved.
    empty.id = Some(events[3]);
    store.save_events(&[empty]).unwrap();
    assert!(store.event(events[3]).unwrap().is_none());
    assert_eq!(ids_of(&store.unresolved_claims().unwrap()), vec![claims[4].id]);
}

fn every_query_filter(mut store: Store) {
    let (_, e) = world(&mut store);
    let all = EventQuery::default;
    // Ordered by date, undated last.
    assert_eq!(query(&store, all()), e);
    assert_eq!(query(&store, EventQuery { since: Some(date("2020-10-06")), ..all() }), e[1..5].to_vec());
    assert_eq!(query(&store, EventQuery { until: Some(date("2020-10-05")), ..all() }), e[..2].to_vec());
    let oct = EventQuery { since: Some(date("2020-10-05")), until: Some(date("2020-10-05")), ..all() };
    assert_eq!(query(&store, oct), vec![e[1]], "a range overlapping one day");

    let near = |km| EventQuery { near: Some(Near { lat: 40.6828, lon: 46.3606, km }), ..all() };
    assert_eq!(query(&store, near(30.0)), vec![e[0]]);
    assert_eq!(query(&store, near(70.0)), vec![e[0], e[1]], "Tartar is about 60 km away");
    let karabakh = BBox::from_wsen([46.0, 39.5, 47.5, 41.0]);
    assert_eq!(query(&store, EventQuery { bbox: Some(karabakh), ..all() }), e[..3].to_vec());
    let across = BBox { west: 170.0, south: 60.0, east: -170.0, north: 70.0 };
    assert_eq!(query(&store, EventQuery { bbox: Some(across), ..all() }), vec![e[4]]);
    let both = EventQuery { bbox: Some(karabakh), since: Some(date("2020-10-05")), ..all() };
    assert_eq!(query(&store, both), vec![e[1], e[2]]);

    assert_eq!(query(&store, EventQuery { event_type: Some(EventType::Explosive), ..all() }), vec![e[4], e[5]]);
    let actor = |a: &str| EventQuery { actor: Some(a.into()), ..all() };
    assert_eq!(query(&store, actor("AZE")), e[..3].to_vec());
    assert_eq!(query(&store, actor("AZE:military")), vec![e[1], e[2]]);
    assert_eq!(query(&store, actor("ART")), vec![e[2]]);
    let source = |s: &str| EventQuery { source: Some(s.into()), ..all() };
    assert_eq!(query(&store, source("ARM")), vec![e[0], e[1]]);
    assert_eq!(query(&store, source("ARM:government")), vec![e[0], e[1]]);
    assert_eq!(query(&store, source("AZE:military")), Vec::<i64>::new());
    assert_eq!(query(&store, source("afp")), vec![e[0]], "outlet, any case");
    assert_eq!(query(&store, source("outlet")), vec![e[2], e[4], e[5]]);
    assert_eq!(query(&store, EventQuery { contested: Some(true), ..all() }), vec![e[0]]);
    assert_eq!(query(&store, EventQuery { contested: Some(false), ..all() }).len(), 5);
    let text = |t: &str| EventQuery { text: Some(t.into()), ..all() };
    assert_eq!(query(&store, text("gence")), vec![e[0]]);
    assert_eq!(query(&store, text("Gəncə")), vec![e[0]]);
    assert_eq!(query(&store, text("drone")), vec![e[1], e[2]], "both events of that page");
    assert_eq!(query(&store, EventQuery { limit: Some(2), offset: 1, ..all() }), vec![e[1], e[2]]);
    let near_paged =
        EventQuery { near: Some(Near { lat: 40.6828, lon: 46.3606, km: 70.0 }), limit: Some(1), offset: 1, ..all() };
    assert_eq!(query(&store, near_paged), vec![e[1]], "distance filtered before LIMIT");

    let gence = store.event(e[0]).unwrap().unwrap();
    assert_eq!(gence.place, Some(ganja()));
    assert_eq!(gence.claims.len(), 2);
    assert_eq!(gence.claims[1].evidence_text, "Erevan a démenti toute frappe sur la ville.");
    assert_eq!(gence.claims[1].page, "https://example.org/p1.txt");
    assert_eq!(gence.claims[1].outlet.as_deref(), Some("AFP"));
    assert_eq!(gence.fatalities(), 1);
    assert_eq!(store.event(e[1]).unwrap().unwrap().date, EventDate::range(date("2020-10-05"), date("2020-10-06")));
    assert!(store.event(-1).unwrap().is_none());
}

fn tallies_are_idempotent_and_ordered(mut store: Store) {
    world(&mut store);
    let doc = pages()[0].page.doc.id.clone();
    let tally = |party: &str, as_of: &str, n: u32, at: usize| Tally {
        party: party.parse().unwrap(),
        as_of: Some(date(as_of)),
        figure: Count::Exact(n),
        category: "killed".into(),
        subject: Some("ARM:military".parse().unwrap()),
        doc_id: doc.clone(),
        evidence: Span::new(at, at + 5),
    };
    let batch = [
        tally("AZE:government", "2020-10-12", 600, 0),
        tally("AZE:government", "2020-10-01", 200, 10),
        tally("ARM:government", "2020-10-05", 30, 20),
    ];
    assert_eq!(store.save_tallies(&batch).unwrap(), 3);
    assert_eq!(store.save_tallies(&batch).unwrap(), 0, "same document and evidence: stored once");
    let all = store.tallies(None).unwrap();
    let order: Vec<(String, u32)> = all.iter().map(|t| (t.party.to_string(), t.figure.low())).collect();
    assert_eq!(order, [("ARM:government".into(), 30), ("AZE:government".into(), 200), ("AZE:government".into(), 600)]);
    assert_eq!(all[0], batch[2]);
    assert_eq!(store.tallies(Some("AZE")).unwrap().len(), 2);
    assert_eq!(store.tallies(Some("ARM:government")).unwrap().len(), 1);
    assert_eq!(store.tallies(Some("ARM:military")).unwrap().len(), 0);
    let mut orphan = batch[0].clone();
    orphan.doc_id = "nope".into();
    assert!(matches!(store.save_tallies(&[orphan]).unwrap_err(), StoreError::UnknownDocument(_)));
    assert_eq!(store.counts().unwrap().tallies, 3);
}

fn full_text_search_folds_like_the_index(mut store: Store) {
    store.write_pages(&pages()).unwrap();
    for q in ["gence", "Gəncə", "GENCE", "\"bombardée dimanche\"", "bomb*"] {
        let hits = store.search(q, 10).unwrap();
        assert_eq!(hits.len(), 1, "{q}");
        assert_eq!(hits[0].origin, "p1.txt");
    }
    let hit = &store.search("gence", 10).unwrap()[0];
    assert_eq!(hit.hit.map(|s| &P1[s.start..s.end]), Some("Gəncə"));
    assert!(hit.snippet.contains("Gəncə a été bombardée"), "{}", hit.snippet);
    assert_eq!(store.search("explosion", 10).unwrap()[0].origin, "p4.txt");
    assert!(store.search("", 10).unwrap().is_empty());
    assert!(store.search("\"unbalanced", 10).unwrap().is_empty());
    assert!(store.search("NEAR( AND OR *", 10).is_ok(), "query syntax is plain text");
}

// ---- run on every backend ----------------------------------------------

macro_rules! on_every_backend {
    ($($name:ident),* $(,)?) => {
        mod in_memory {
            $(#[test] fn $name() { super::$name(warlog_store::Store::open_in_memory().unwrap()) })*
        }
        mod on_disk {
            $(#[test] fn $name() {
                let dir = tempfile::tempdir().unwrap();
                super::$name(warlog_store::Store::open(&dir.path().join("warlog.db")).unwrap())
            })*
        }
        #[cfg(feature = "pg")]
        mod postgres {
            $(#[test] fn $name() {
                let Some(schema) = crate::common::pg::Schema::new() else { return };
                super::$name(schema.open())
            })*
        }
    };
}

/// `WARLOG_REQUIRE_PG=1` on a build without the `pg` feature would test
/// nothing of PostgreSQL: that is a failure, not a pass.
#[cfg(not(feature = "pg"))]
#[test]
fn postgres_required_but_not_built() {
    let required = std::env::var("WARLOG_REQUIRE_PG").is_ok_and(|v| v == "1");
    assert!(!required, "WARLOG_REQUIRE_PG=1 but the tests were built without `--features pg`");
}

on_every_backend!(
    same_page_twice_is_stored_once,
    a_page_reads_back_as_written,
    a_failing_batch_leaves_earlier_batches_and_nothing_of_itself,
    resolver_reads_new_claims_and_saves_events,
    resaved_events_keep_exactly_their_claims,
    index_except_skips_the_events_read,
    bad_resolutions_change_nothing,
    every_query_filter,
    tallies_are_idempotent_and_ordered,
    full_text_search_folds_like_the_index,
);
