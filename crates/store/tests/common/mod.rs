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
