//! Measures the store on disk: pages/s and claims/s written for 10,000
//! synthetic pages (~5 KB of text, 5 claims each) in batches of 256, the same
//! pages written again (all skipped), 100,000 events saved, and the latency
//! of map queries (bounding box + date, circle + date) over them.
//!
//! `cargo run --release -p warlog-store --example write_speed [PAGES] [DIR]`
//! (the database is written in DIR, default a temporary folder). With
//! `--features pg`, DIR may be the URL of an empty PostgreSQL database.

use std::time::{Duration, Instant};

use warlog_model::{
    Claim, Count, Document, DocumentMeta, EventDate, EventType, Format, Mention, MentionValue, Page, Place,
    PlacePrecision, PlaceRole, Segment, SegmentKind, Source, Span, Stance,
};
use warlog_store::{BBox, ClaimRef, EventQuery, EventRecord, Near, PageToWrite, Resolution, Store};

const BATCH: usize = 256;
const CLAIMS_PER_PAGE: usize = 5;
const EVENTS: usize = 100_000;

/// xorshift64*: reproducible pseudo-random numbers without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const WORDS: &[&str] = &[
    "les",
    "forces",
    "arméniennes",
    "azerbaïdjanaises",
    "ont",
    "bombardé",
    "la",
    "ville",
    "de",
    "Gəncə",
    "selon",
    "le",
    "ministère",
    "défense",
    "Tərtər",
    "Stepanakert",
    "combats",
    "violents",
    "près",
    "du",
    "front",
    "civils",
    "tués",
    "blessés",
    "drone",
    "artillerie",
    "a",
    "indiqué",
    "porte-parole",
    "dimanche",
    "nuit",
    "village",
];
const TYPES: [EventType; 5] =
    [EventType::Shelling, EventType::ArmedClash, EventType::AirStrike, EventType::Explosive, EventType::TerritoryTaken];

fn sentence(rng: &mut Rng, n: usize) -> String {
    let mut s: Vec<&str> = (0..n).map(|_| WORDS[rng.below(WORDS.len())]).collect();
    s[0] = "Selon";
    s.join(" ") + ". "
}

fn day(offset: usize) -> warlog_model::Date {
    jiff::civil::date(2020, 9, 27).checked_add(jiff::Span::new().days(offset as i64)).unwrap()
}

fn place(rng: &mut Rng) -> Place {
    Place {
        name: format!("Lieu {}", rng.below(5000)),
        geonameid: Some(rng.below(1_000_000) as u32),
        lat: 38.0 + 4.0 * rng.unit(),
        lon: 44.0 + 6.0 * rng.unit(),
        country: Some("AZE".into()),
        precision: PlacePrecision::Exact,
    }
}

fn page(rng: &mut Rng, n: usize) -> PageToWrite {
    let mut text = format!("Page {n}. ");
    let mut sentences = Vec::new();
    while text.len() < 5_000 {
        let words = 12 + rng.below(10);
        let s = sentence(rng, words);
        sentences.push(Span::new(text.len(), text.len() + s.len() - 1));
        text.push_str(&s);
    }
    let mut claims = Vec::new();
    let mut mentions = Vec::new();
    for k in 0..CLAIMS_PER_PAGE {
        let evidence = sentences[(k * 7) % sentences.len()];
        let source = if k % 2 == 0 { Source::Outlet } else { "AZE:government".parse().unwrap() };
        let mut c = Claim::new(TYPES[rng.below(TYPES.len())], source, Stance::Asserted, evidence, SegmentKind::Body);
        c.date = EventDate::Day(day(rng.below(45)));
        c.place = Some(place(rng));
        c.actor1 = Some("ARM:military".parse().unwrap());
        c.actor2 = Some("AZE:civilians".parse().unwrap());
        c.killed = Some(Count::Exact(rng.below(20) as u32));
        mentions.push(Mention {
            span: evidence,
            value: MentionValue::Place { place: c.place.clone().unwrap(), role: PlaceRole::Location },
        });
        claims.push(c);
    }
    let raw = text.as_bytes().to_vec();
    let doc = Document {
        id: format!("{:016x}{:048x}", rng.next(), n),
        origin: format!("bench/{n}.txt"),
        format: Format::Text,
        meta: DocumentMeta {
            url: Some(format!("https://example.org/{n}")),
            title: Some(format!("Article {n}")),
            published: Some(day(45)),
            outlet: Some(["AFP", "Le Monde", "Reuters"][n % 3].into()),
            language: Some("fr".into()),
        },
        text,
    };
    let segments = vec![Segment::new(SegmentKind::Body, Span::new(0, doc.text.len()))];
    PageToWrite::new(Page { doc, raw, segments, mentions, claims, diagnostics: Vec::new() }, Some(rng.next()))
}

/// CPU seconds (user + system) this process used so far, from /proc (0 elsewhere):
/// the machine is shared, so wall time alone overstates the cost.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

/// Wall and CPU seconds of `f`.
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64, f64) {
    let (t, cpu) = (Instant::now(), cpu_seconds());
    let out = f();
    (out, t.elapsed().as_secs_f64(), cpu_seconds() - cpu)
}

fn write_all(store: &mut Store, pages: &[PageToWrite]) {
    for batch in pages.chunks(BATCH) {
        store.write_pages(batch).unwrap();
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n_pages: usize = args.get(1).map_or(10_000, |a| a.parse().expect("PAGES is a number"));
    let tmp = tempfile::tempdir().unwrap();
    let dir = args.get(2).map_or(tmp.path().to_path_buf(), std::path::PathBuf::from);
    let url = args.get(2).filter(|a| warlog_store::is_url(a));
    let path = dir.join("write_speed.db");
    let mut store = match url {
        Some(url) => Store::open_url(url).unwrap(),
        None => {
            let _ = std::fs::remove_file(&path);
            Store::open(&path).unwrap()
        }
    };
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);

    let pages: Vec<PageToWrite> = (0..n_pages).map(|n| page(&mut rng, n)).collect();
    let bytes: usize = pages.iter().map(|p| p.page.doc.text.len()).sum();
    let ((), took, cpu) = timed(|| write_all(&mut store, &pages));
    let claims = n_pages * CLAIMS_PER_PAGE;
    println!(
        "write: {n_pages} pages ({:.1} KB text each), {claims} claims, batches of {BATCH}: {took:.2} s wall \
         ({cpu:.2} s CPU) = {:.0} pages/s, {:.0} claims/s (CPU-bound: {:.0} pages/s)",
        bytes as f64 / n_pages as f64 / 1000.0,
        n_pages as f64 / took,
        claims as f64 / took,
        n_pages as f64 / cpu.max(0.01),
    );
    let ((), again, _) = timed(|| write_all(&mut store, &pages));
    println!("rewrite of the same pages (all skipped): {again:.2} s = {:.0} pages/s", n_pages as f64 / again);

    // Enough claims for one event each.
    let more = EVENTS.div_ceil(CLAIMS_PER_PAGE).saturating_sub(n_pages);
    let extra: Vec<PageToWrite> = (0..more).map(|n| page(&mut rng, n_pages + n)).collect();
    write_all(&mut store, &extra);
    drop((pages, extra));

    let t = Instant::now();
    let stored = store.claims_after(0, usize::MAX).unwrap();
    println!("claims_after(0): {} claims read in {:.2} s", stored.len(), t.elapsed().as_secs_f64());
    let (t, cpu) = (Instant::now(), cpu_seconds());
    for chunk in stored[..EVENTS.min(stored.len())].chunks(10_000) {
        let events = chunk
            .iter()
            .map(|c| EventRecord {
                id: None,
                event_type: c.claim.event_type,
                date: c.claim.date,
                place: c.claim.place.clone(),
                actor1: c.claim.actor1.clone(),
                actor2: c.claim.actor2.clone(),
                sources: 1,
                contested: false,
                claims: vec![ClaimRef::from(c)],
            })
            .collect();
        let through = chunk.last().map(|c| c.id);
        store.save_resolution(&Resolution { events, tallies: Vec::new(), resolved_through: through }).unwrap();
    }
    let (took, cpu) = (t.elapsed().as_secs_f64(), cpu_seconds() - cpu);
    println!(
        "save_resolution: {EVENTS} events (batches of 10,000) in {took:.2} s wall ({cpu:.2} s CPU) = {:.0} events/s",
        EVENTS as f64 / took
    );
    let t = Instant::now();
    let index = store.events_index(None).unwrap();
    println!("events_index: {} events in {:.0} ms", index.len(), t.elapsed().as_secs_f64() * 1e3);
    drop(stored);

    let mut found = 0;
    let mut times = Vec::new();
    for i in 0..21 {
        let (west, south) = (44.5 + 0.2 * i as f64, 38.5 + 0.1 * i as f64);
        let q = EventQuery {
            bbox: Some(BBox { west, south, east: west + 1.0, north: south + 1.0 }),
            since: Some(day(i)),
            until: Some(day(i + 6)),
            ..EventQuery::default()
        };
        let t = Instant::now();
        found += store.events(&q).unwrap().len();
        times.push(t.elapsed());
    }
    println!(
        "bbox 1°x1° + 7-day query over {EVENTS} events: median {:.1} ms ({} events per answer, with claims and evidence)",
        median(times).as_secs_f64() * 1e3,
        found / 21
    );
    let mut found = 0;
    let mut times = Vec::new();
    for i in 0..21 {
        let q = EventQuery {
            near: Some(Near { lat: 40.0 + 0.05 * i as f64, lon: 46.5, km: 25.0 }),
            since: Some(day(i)),
            until: Some(day(i + 6)),
            limit: Some(100),
            ..EventQuery::default()
        };
        let t = Instant::now();
        found += store.events(&q).unwrap().len();
        times.push(t.elapsed());
    }
    println!(
        "25 km circle + 7-day query, limit 100: median {:.1} ms ({} events per answer)",
        median(times).as_secs_f64() * 1e3,
        found / 21
    );
    let t = Instant::now();
    let page1 = store.events(&EventQuery { limit: Some(100), ..EventQuery::default() }).unwrap().len();
    println!("first 100 events by date, no filter: {:.1} ms ({page1})", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let hits = store.search("gence drone", 20).unwrap().len();
    println!("full-text search 'gence drone', top 20: {:.1} ms ({hits} hits)", t.elapsed().as_secs_f64() * 1e3);
    drop(store);
    if url.is_none() {
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        println!("database file: {:.0} MB at {}", size as f64 / 1e6, path.display());
    }
}
