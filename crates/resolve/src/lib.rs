//! Events across pages: claims about the same happening — within a page and
//! across pages — become one event, which keeps every claim, counts its
//! independent sources, keeps casualty figures per source and is marked
//! `contested` when a claim denies it.
//!
//! Two claims are about the same happening when their types are compatible
//! (a denial of a shelling is a shelling), their dates overlap, their
//! places are close enough for their precision, their actors do not
//! contradict each other, and they have enough in common ([`rules`] says
//! exactly what). A denial joins the event it denies. The [`Resolver`] is
//! incremental: it starts from the events already stored and places each
//! new claim in the best fitting event, or opens a new one. Candidate events
//! are looked up by type family, day and map cell, and by page, so
//! resolving grows about linearly with the number of claims.
//!
//! ```
//! use warlog_model::{Claim, EventDate, EventType, SegmentKind, Source, Span, Stance};
//! use warlog_resolve::{ClaimInfo, Resolver};
//! let day = EventDate::Day(jiff::civil::date(2020, 10, 11));
//! let mut a = Claim::new(EventType::Shelling, Source::Outlet, Stance::Asserted, Span::new(0, 9), SegmentKind::Body);
//! a.date = day;
//! let mut b = a.clone();
//! b.stance = Stance::Denied;
//! b.source = "ART:government".parse().unwrap();
//! a.denied_by = vec![b.source.clone()];
//! let mut r = Resolver::new(Vec::new());
//! r.add(ClaimInfo { id: 1, doc_id: "d1".into(), published: None, fingerprint: Some(1), claim: a });
//! r.add(ClaimInfo { id: 2, doc_id: "d2".into(), published: None, fingerprint: Some(u64::MAX), claim: b });
//! let events = r.finish();
//! assert_eq!(events.len(), 1);
//! assert!(events[0].contested);
//! assert_eq!(events[0].sources, 2);
//! ```

mod draft;
pub mod fingerprint;
mod index;
pub mod rules;
#[cfg(feature = "store")]
pub mod stored;
pub mod synthetic;
mod tally;

use warlog_model::{Claim, Date, EventType};

pub use draft::{EventDraft, independent_sources};
pub use fingerprint::{near_duplicates, simhash};
pub use tally::tallies;

use index::Index;
use rules::{family, fit};

/// A claim as the resolver sees it: the claim and where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimInfo {
    pub id: i64,
    pub doc_id: String,
    /// The page's date: anchors claims whose own date is unknown.
    pub published: Option<Date>,
    /// The page's near-duplicate fingerprint ([`simhash`]).
    pub fingerprint: Option<u64>,
    pub claim: Claim,
}

/// Places claims into events, starting from stored events.
pub struct Resolver {
    events: Vec<EventDraft>,
    index: Index,
}

impl Resolver {
    /// Starts from stored events: `(id, claims)`.
    pub fn new(existing: Vec<(i64, Vec<ClaimInfo>)>) -> Resolver {
        let mut r = Resolver { events: Vec::new(), index: Index::default() };
        for (id, members) in existing {
            r.load(id, members);
        }
        r
    }

    /// Adds a stored event `id` with its claims (in the order they joined).
    pub fn load(&mut self, id: i64, members: Vec<ClaimInfo>) {
        if members.is_empty() {
            return;
        }
        let e = EventDraft::new(Some(id), members);
        let i = self.events.len();
        let fam = family(e.event_type);
        for m in &e.members {
            self.index.file(i, fam, m);
        }
        self.events.push(e);
    }

    /// Indices of the events new claims joined or opened since the last save.
    pub fn changed(&self) -> Vec<usize> {
        (0..self.events.len()).filter(|&i| self.events[i].changed).collect()
    }

    /// The event at index `i`.
    pub fn event(&self, i: usize) -> &EventDraft {
        &self.events[i]
    }

    /// Records that event `i` was saved under `id`.
    pub fn saved(&mut self, i: usize, id: i64) {
        let e = &mut self.events[i];
        e.id = Some(id);
        e.changed = false;
    }

    /// Places one claim. Tallies are not events: see [`tallies`].
    pub fn add(&mut self, c: ClaimInfo) {
        if c.claim.event_type == EventType::CasualtyTally {
            return;
        }
        let fam = family(c.claim.event_type);
        let mut best: Option<(usize, f64)> = None;
        for i in self.index.candidates(fam, &c) {
            if let Some(s) = fit(&self.events[i], &c)
                && best.is_none_or(|(_, bs)| s > bs)
            {
                best = Some((i, s));
            }
        }
        // Filed before it moves into its event (no copy of the claim).
        let i = best.map_or(self.events.len(), |(i, _)| i);
        self.index.file(i, fam, &c);
        if best.is_some() {
            let e = &mut self.events[i];
            e.members.push(c);
            e.refresh();
        } else {
            self.events.push(EventDraft::new(None, vec![c]));
        }
        self.events[i].changed = true;
    }

    /// All events, stored and new, in the order they were first seen.
    pub fn finish(self) -> Vec<EventDraft> {
        self.events
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use warlog_model::{EventDate, Place, PlacePrecision, SegmentKind, Source, Span, Stance};

    fn place(name: &str, lat: f64, lon: f64, precision: PlacePrecision) -> Place {
        Place { name: name.into(), geonameid: None, lat, lon, country: Some("AZE".into()), precision }
    }

    fn info(id: i64, doc: &str, t: EventType, day: Option<(i16, i8, i8)>, p: Option<Place>) -> ClaimInfo {
        let mut c = Claim::new(t, Source::Outlet, Stance::Asserted, Span::new(0, 1), SegmentKind::Body);
        c.date = day.map(|(y, m, d)| EventDate::Day(Date::constant(y, m, d))).unwrap_or_default();
        c.place = p;
        ClaimInfo { id, doc_id: doc.into(), published: Some(Date::constant(2020, 10, 12)), fingerprint: None, claim: c }
    }

    #[test]
    fn same_strike_from_two_pages_is_one_event() {
        let ganja = place("Ganja", 40.68, 46.36, PlacePrecision::Exact);
        let mut r = Resolver::new(Vec::new());
        r.add(info(1, "a", EventType::Shelling, Some((2020, 10, 11)), Some(ganja.clone())));
        r.add(info(2, "b", EventType::AirStrike, Some((2020, 10, 11)), Some(ganja.clone())));
        r.add(info(3, "c", EventType::Shelling, Some((2020, 10, 4)), Some(ganja)));
        let events = r.finish();
        assert_eq!(events.len(), 2, "a different day is another strike");
        assert_eq!(events[0].members.len(), 2);
        assert_eq!(events[0].sources, 2);
    }

    #[test]
    fn far_places_and_other_types_stay_apart() {
        let ganja = place("Ganja", 40.68, 46.36, PlacePrecision::Exact);
        let barda = place("Barda", 40.37, 47.13, PlacePrecision::Exact);
        let mut r = Resolver::new(Vec::new());
        r.add(info(1, "a", EventType::Shelling, Some((2020, 10, 11)), Some(ganja.clone())));
        r.add(info(2, "b", EventType::Shelling, Some((2020, 10, 11)), Some(barda)));
        r.add(info(3, "c", EventType::ArmedClash, Some((2020, 10, 11)), Some(ganja)));
        assert_eq!(r.finish().len(), 3);
    }

    #[test]
    fn a_region_holds_its_towns() {
        let region = place("Nagorno-Karabakh", 39.8, 46.75, PlacePrecision::Region);
        let town = place("Stepanakert", 39.815, 46.752, PlacePrecision::Exact);
        let mut r = Resolver::new(Vec::new());
        r.add(info(1, "a", EventType::Shelling, Some((2020, 10, 11)), Some(town)));
        r.add(info(2, "b", EventType::Shelling, Some((2020, 10, 11)), Some(region)));
        let events = r.finish();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].place.as_ref().unwrap().name, "Stepanakert", "the most precise place wins");
    }

    #[test]
    fn wire_copies_count_once() {
        let ganja = place("Ganja", 40.68, 46.36, PlacePrecision::Exact);
        let mut r = Resolver::new(Vec::new());
        for (id, doc) in [(1, "a"), (2, "b"), (3, "c")] {
            let mut c = info(id, doc, EventType::Shelling, Some((2020, 10, 11)), Some(ganja.clone()));
            c.fingerprint = Some(if doc == "c" { 0xffff_0000_ffff_0000 } else { 0x1234 });
            r.add(c);
        }
        assert_eq!(r.finish()[0].sources, 2, "a and b are one wire story");
    }

    #[test]
    fn stored_events_take_new_claims() {
        let ganja = place("Ganja", 40.68, 46.36, PlacePrecision::Exact);
        let old = info(1, "a", EventType::Shelling, Some((2020, 10, 11)), Some(ganja.clone()));
        let mut r = Resolver::new(vec![(7, vec![old])]);
        r.add(info(2, "b", EventType::Shelling, Some((2020, 10, 11)), Some(ganja)));
        let events = r.finish();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].id, Some(7));
        assert!(events[0].changed);
    }

    #[test]
    fn a_still_held_claim_weeks_later_contests_the_capture() {
        let hadrut = place("Hadrut", 39.52, 47.03, PlacePrecision::Exact);
        let mut capture = info(1, "a", EventType::TerritoryTaken, Some((2020, 10, 9)), Some(hadrut.clone()));
        capture.claim.source = "AZE:government".parse().unwrap();
        let mut held = info(2, "b", EventType::TerritoryTaken, Some((2020, 10, 27)), Some(hadrut));
        held.claim.source = "ARM:government".parse().unwrap();
        held.claim.stance = Stance::Denied;
        let mut r = Resolver::new(Vec::new());
        r.add(capture);
        r.add(held);
        let events = r.finish();
        assert_eq!(events.len(), 1);
        assert!(events[0].contested);
        assert_eq!(events[0].date, EventDate::Day(Date::constant(2020, 10, 9)), "the asserted date wins");
    }

    #[test]
    fn undated_claims_of_a_page_find_its_events_whatever_the_week() {
        let stepanakert = place("Stepanakert", 39.815, 46.752, PlacePrecision::Exact);
        let mut r = Resolver::new(Vec::new());
        // Dated a month before the page.
        r.add(info(1, "a", EventType::Shelling, Some((2020, 9, 12)), Some(stepanakert.clone())));
        let mut undated = info(2, "a", EventType::Shelling, None, Some(stepanakert));
        undated.claim.source = "ART:government".parse().unwrap();
        r.add(undated);
        assert_eq!(r.finish().len(), 1);
    }
}
