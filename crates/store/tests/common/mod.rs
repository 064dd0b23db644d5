//! Synthetic pages and claims for the store's tests and benchmark.
#![allow(dead_code)]

use warlog_model::{
    Actor, Claim, Count, Date, Document, DocumentMeta, EventDate, EventType, Format, Mention, MentionValue, Page,
    Place, PlacePrecision, PlaceRole, Segment, SegmentKind, Source, Span, Stance,
};
use warlog_store::PageToWrite;

pub fn date(s: &str) -> Date {
    warlog_model::parse_iso_date(s).expect("test date")
}

/// A stand-in for the SHA-256 id: FNV-1a of the bytes, as 64 hex digits.
pub fn doc_id(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}").repeat(4)
}

pub fn place(name: &str, lat: f64, lon: f64, country: &str) -> Place {
    Place {
        name: name.into(),
        geonameid: None,
        lat,
        lon,
        country: Some(country.into()),
        precision: PlacePrecision::Exact,
    }
}

/// A claim whose evidence is `sentence`, found in `text`.
pub fn claim(text: &str, sentence: &str, event_type: EventType, source: &str, stance: Stance) -> Claim {
    let start = text.find(sentence).unwrap_or_else(|| panic!("{sentence:?} not in the text"));
    let evidence = Span::new(start, start + sentence.len());
    let source: Source = source.parse().expect("test source");
    Claim::new(event_type, source, stance, evidence, SegmentKind::Body)
}

pub struct ClaimSpec<'a> {
    pub sentence: &'a str,
    pub event_type: EventType,
    pub source: &'a str,
    pub stance: Stance,
    pub date: EventDate,
    pub place: Option<Place>,
    pub actor1: Option<&'a str>,
    pub actor2: Option<&'a str>,
    pub killed: Option<u32>,
}

impl<'a> ClaimSpec<'a> {
    pub fn new(sentence: &'a str, event_type: EventType) -> ClaimSpec<'a> {
        ClaimSpec {
            sentence,
            event_type,
            source: "outlet",
            stance: Stance::Asserted,
            date: EventDate::Unknown,
            place: None,
            actor1: None,
            actor2: None,
            killed: None,
        }
    }

    pub fn build(&self, text: &str) -> Claim {
        let mut c = claim(text, self.sentence, self.event_type, self.source, self.stance);
        c.date = self.date;
        c.place = self.place.clone();
        c.actor1 = self.actor1.map(|a| a.parse::<Actor>().expect("test actor"));
        c.actor2 = self.actor2.map(|a| a.parse::<Actor>().expect("test actor"));
        c.killed = self.killed.map(Count::Exact);
        c
    }
}

/// A text page with one body segment, a place mention for every claim with
/// a place, and the claims.
pub fn page(origin: &str, outlet: &str, published: &str, text: &str, claims: &[ClaimSpec]) -> PageToWrite {
    let claims: Vec<Claim> = claims.iter().map(|c| c.build(text)).collect();
    let mentions = claims
        .iter()
        .filter_map(|c| {
            let p = c.place.clone()?;
            Some(Mention { span: c.evidence, value: MentionValue::Place { place: p, role: PlaceRole::Location } })
        })
        .collect();
    let doc = Document {
        id: doc_id(text.as_bytes()),
        origin: origin.into(),
        format: Format::Text,
        meta: DocumentMeta {
            url: Some(format!("https://example.org/{origin}")),
            title: Some(format!("Titre {origin}")),
            published: Some(date(published)),
            outlet: Some(outlet.into()),
            language: Some("fr".into()),
        },
        text: text.into(),
    };
    let page = Page {
        doc,
        raw: text.as_bytes().to_vec(),
        segments: vec![Segment::new(SegmentKind::Body, Span::new(0, text.len()))],
        mentions,
        claims,
        diagnostics: vec!["synthetic".into()],
    };
    PageToWrite::new(page, Some(doc_fingerprint(text)))
}

fn doc_fingerprint(text: &str) -> u64 {
    u64::from_str_radix(&doc_id(text.as_bytes())[..16], 16).expect("hex")
}

/// PostgreSQL for the store's tests: each test gets a schema of its own in
/// the database `WARLOG_TEST_PG_URL` names (created, then dropped with
/// everything in it), so tests run in parallel on one server. Without the
/// variable the PostgreSQL tests pass after a note, unless
/// `WARLOG_REQUIRE_PG=1`, which makes them fail.
#[cfg(feature = "pg")]
pub mod pg {
    use std::io::Write;
    use std::sync::Once;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use postgres::{Client, NoTls};
    use warlog_store::Store;

    static NOTE: Once = Once::new();
    static NEXT: AtomicUsize = AtomicUsize::new(0);

    pub fn required() -> bool {
        std::env::var("WARLOG_REQUIRE_PG").is_ok_and(|v| v == "1")
    }

    /// The server's URL, or `None` (after a note on stderr, once) when the
    /// tests are to be skipped.
    pub fn base_url() -> Option<String> {
        match std::env::var("WARLOG_TEST_PG_URL") {
            Ok(url) if !url.is_empty() => Some(url),
            _ => {
                assert!(!required(), "WARLOG_REQUIRE_PG=1 but WARLOG_TEST_PG_URL is not set");
                NOTE.call_once(|| {
                    // Not `eprintln!`: the test harness would capture it.
                    let _ = writeln!(
                        std::io::stderr(),
                        "note: WARLOG_TEST_PG_URL is not set: the PostgreSQL store tests are skipped"
                    );
                });
                None
            }
        }
    }

    /// A schema of its own for one test.
    pub struct Schema {
        base: String,
        pub name: String,
    }

    impl Schema {
        pub fn new() -> Option<Schema> {
            let base = base_url()?;
            let name = format!("warlog_test_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
            let mut client = Client::connect(&base, NoTls)
                .unwrap_or_else(|e| panic!("WARLOG_TEST_PG_URL={base}: cannot connect: {e:?}"));
            client.batch_execute(&format!("DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name}")).unwrap();
            Some(Schema { base, name })
        }

        /// The server's URL with this schema first on the search path.
        pub fn url(&self) -> String {
            let sep = if self.base.contains('?') { '&' } else { '?' };
            format!("{}{sep}options=-csearch_path%3D{}", self.base, self.name)
        }

        pub fn open(&self) -> Store {
            Store::open_url(&self.url()).unwrap()
        }

        /// A plain connection to the schema (to look under the store).
        pub fn client(&self) -> Client {
            Client::connect(&self.url(), NoTls).unwrap()
        }
    }

    impl Drop for Schema {
        fn drop(&mut self) {
            if let Ok(mut client) = Client::connect(&self.base, NoTls) {
                let _ = client.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name));
            }
        }
    }
}
