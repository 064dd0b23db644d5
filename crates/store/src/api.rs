//! The values that cross the store's API, backend-neutral: what is written
//! (pages, resolutions), what the resolver reads back (stored claims, the
//! event index) and what queries take and return.

use warlog_model::{Actor, Claim, Date, DocId, EventDate, EventType, Page, Place, Source, Span, Stance, Tally};

/// A page to store, with the near-duplicate fingerprint its caller computed.
#[derive(Clone, Debug, PartialEq)]
pub struct PageToWrite {
    pub page: Page,
    /// 64-bit fingerprint (e.g. a SimHash of the text) so the resolver can
    /// count copies of one wire story as one source.
    pub fingerprint: Option<u64>,
}

impl PageToWrite {
    pub fn new(page: Page, fingerprint: Option<u64>) -> PageToWrite {
        PageToWrite { page, fingerprint }
    }
}

/// What happened to one page of a batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriteOutcome {
    /// New document: its claims got these ids, in the page's claim order.
    Stored { claim_ids: Vec<i64> },
    /// A document with the same id (same raw bytes) was already stored:
    /// nothing was written.
    AlreadyStored,
}

/// A stored claim with what the resolver needs to know about its page.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredClaim {
    pub id: i64,
    pub doc_id: DocId,
    pub claim: Claim,
    pub published: Option<Date>,
    pub outlet: Option<String>,
    /// URL of the page, else its origin.
    pub page: String,
    pub language: Option<String>,
    pub fingerprint: Option<u64>,
    /// The text under `claim.evidence`.
    pub evidence_text: String,
}

/// What the resolver needs of a claim already in an event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimRef {
    pub claim_id: i64,
    pub doc_id: DocId,
    pub source: Source,
    pub stance: Stance,
    pub outlet: Option<String>,
    pub fingerprint: Option<u64>,
}

impl From<&StoredClaim> for ClaimRef {
    fn from(c: &StoredClaim) -> ClaimRef {
        ClaimRef {
            claim_id: c.id,
            doc_id: c.doc_id.clone(),
            source: c.claim.source.clone(),
            stance: c.claim.stance,
            outlet: c.outlet.clone(),
            fingerprint: c.fingerprint,
        }
    }
}

/// An event without its claims' text: what the resolver matches new claims
/// against, and what it saves back.
#[derive(Clone, Debug, PartialEq)]
pub struct EventRecord {
    /// `None` for a new event.
    pub id: Option<i64>,
    pub event_type: EventType,
    pub date: EventDate,
    pub place: Option<Place>,
    pub actor1: Option<Actor>,
    pub actor2: Option<Actor>,
    pub sources: usize,
    pub contested: bool,
    /// The event's claims, in any order. Saving replaces the membership;
    /// only `claim_id` is read when saving.
    pub claims: Vec<ClaimRef>,
}

/// One step of the resolver, saved in one transaction.
///
/// * a record with `id: None` creates an event (it must have claims);
/// * a record with `id: Some` replaces that event's fields and claims; with
///   no claims it deletes the event;
/// * a claim moves to the last event that lists it; an event left with no
///   claims is deleted;
/// * tallies are added unless the same (document, evidence, party,
///   category, subject) is already stored;
/// * `resolved_through` records the highest claim id handled, so a killed
///   run resumes with `claims_after(resolved_through())`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resolution {
    pub events: Vec<EventRecord>,
    pub tallies: Vec<Tally>,
    pub resolved_through: Option<i64>,
}

/// What [`Resolution`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResolutionOutcome {
    /// The id of each record of `Resolution::events`, in order.
    pub event_ids: Vec<i64>,
    /// Events deleted: emptied by the resolution.
    pub deleted: Vec<i64>,
    pub tallies_added: usize,
}

/// A circle on the map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Near {
    pub lat: f64,
    pub lon: f64,
    pub km: f64,
}

/// A bounding box in degrees (WGS84). `west > east` crosses the antimeridian.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BBox {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl BBox {
    /// From GeoJSON's order: `[west, south, east, north]`.
    pub fn from_wsen([west, south, east, north]: [f64; 4]) -> BBox {
        BBox { west, south, east, north }
    }

    /// The box around a circle (whole longitudes near the poles).
    pub fn around(near: Near) -> BBox {
        let dlat = near.km / 111.19;
        let south = (near.lat - dlat).max(-90.0);
        let north = (near.lat + dlat).min(90.0);
        let widest = south.abs().max(north.abs());
        if widest >= 89.9 {
            return BBox { west: -180.0, south, east: 180.0, north };
        }
        let dlon = near.km / (111.19 * widest.to_radians().cos());
        if dlon >= 180.0 {
            return BBox { west: -180.0, south, east: 180.0, north };
        }
        let wrap = |x: f64| {
            if x < -180.0 {
                x + 360.0
            } else if x > 180.0 {
                x - 360.0
            } else {
                x
            }
        };
        BBox { west: wrap(near.lon - dlon), south, east: wrap(near.lon + dlon), north }
    }
}

/// Which events to return. Every filter set must hold; `Default` returns all.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventQuery {
    /// Events whose date range ends on or after this day (undated events
    /// are left out when `since` or `until` is set).
    pub since: Option<Date>,
    /// Events whose date range starts on or before this day.
    pub until: Option<Date>,
    pub near: Option<Near>,
    pub bbox: Option<BBox>,
    pub event_type: Option<EventType>,
    /// `"AZE"` matches any AZE actor, `"AZE:military"` only that one, as
    /// actor1 or actor2.
    pub actor: Option<String>,
    /// Some claim's source (`"ARM"`, `"ARM:government"`, `"outlet"`) or its
    /// page's outlet (case-insensitive).
    pub source: Option<String>,
    pub contested: Option<bool>,
    /// Full-text search (see [`crate::fts`]) over the pages the event's
    /// claims come from; ignored when it has no word.
    pub text: Option<String>,
    pub limit: Option<usize>,
    pub offset: usize,
}

/// A page that matches a full-text search.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchHit {
    pub doc_id: DocId,
    pub origin: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<Date>,
    /// One line of the page around the first match ("…" where cut).
    pub snippet: String,
    /// The first match, as a span of the page's text.
    pub hit: Option<Span>,
}

/// How many records the store holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub documents: u64,
    pub claims: u64,
    pub events: u64,
    pub tallies: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn box_around_a_circle_contains_it() {
        let b = BBox::around(Near { lat: 40.68, lon: 46.36, km: 50.0 });
        assert!(b.south < 40.3 && b.north > 41.1, "{b:?}");
        assert!(b.west < 45.8 && b.east > 46.9, "{b:?}");
    }

    #[test]
    fn box_wraps_at_the_antimeridian_and_opens_at_the_poles() {
        let b = BBox::around(Near { lat: 0.0, lon: 179.9, km: 100.0 });
        assert!(b.west > b.east, "{b:?}");
        let p = BBox::around(Near { lat: 89.95, lon: 10.0, km: 10.0 });
        assert_eq!((p.west, p.east), (-180.0, 180.0));
    }
}
