//! Events across pages: claims about the same happening — within a page and
//! across pages — become one event, which keeps every claim, counts its
//! independent sources, keeps casualty figures per source and is marked
//! `contested` when a claim denies it.
//!
//! Two claims are about the same happening when their types are compatible
//! (a denial of a shelling is a shelling), their dates overlap within their
//! precision, their places lie within a distance that depends on precision,
//! and their actors do not contradict each other. The [`Resolver`] is
//! incremental: it starts from the events already stored and places each new
//! claim in the best compatible event, or opens a new one. Candidate events
//! are looked up in buckets by type family and week, so resolving grows
//! linearly with the number of claims.
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
//! let mut r = Resolver::new(Vec::new());
//! r.add(ClaimInfo { id: 1, doc_id: "d1".into(), published: None, fingerprint: Some(1), claim: a });
//! r.add(ClaimInfo { id: 2, doc_id: "d2".into(), published: None, fingerprint: Some(u64::MAX), claim: b });
//! let events = r.finish();
//! assert_eq!(events.len(), 1);
//! assert!(events[0].contested);
//! assert_eq!(events[0].sources, 2);
//! ```

pub mod fingerprint;

use std::collections::HashMap;

use warlog_model::{Actor, Claim, Date, EventDate, EventType, Place, PlacePrecision, Source, Stance, Tally};

pub use fingerprint::{near_duplicates, simhash};

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

/// An event: its header, derived from its claims, and the claims.
#[derive(Clone, Debug, PartialEq)]
pub struct EventDraft {
    /// The stored id; `None` for an event not yet stored.
    pub id: Option<i64>,
    pub event_type: EventType,
    pub date: EventDate,
    pub place: Option<Place>,
    pub actor1: Option<Actor>,
    pub actor2: Option<Actor>,
    pub members: Vec<ClaimInfo>,
    /// Independent voices: each cited party once, and each page reporting
    /// in its own voice once (near-duplicate pages are one page).
    pub sources: usize,
    pub contested: bool,
    /// Touched by this run (new, or new claims joined it).
    pub changed: bool,
}

/// Types that may describe one happening: sources disagree on how a strike
/// was delivered (artillery or drone), never on whether it was a strike.
fn family(t: EventType) -> u8 {
    match t {
        EventType::Shelling | EventType::AirStrike => 1,
        other => 2 + other as u8,
    }
}

/// How far apart two places of an event may be, by the coarser precision.
fn max_distance_km(a: PlacePrecision, b: PlacePrecision) -> Option<f64> {
    match a.max(b) {
        PlacePrecision::Exact => Some(15.0),
        PlacePrecision::Near => Some(35.0),
        PlacePrecision::Region => Some(150.0),
        PlacePrecision::Country => None,
    }
}

fn places_compatible(a: &Place, b: &Place) -> bool {
    match max_distance_km(a.precision, b.precision) {
        Some(km) => a.distance_km(b) <= km,
        None => a.country.is_some() && a.country == b.country,
    }
}

fn actors_compatible(a: &Option<Actor>, b: &Option<Actor>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x.country == y.country,
        _ => true,
    }
}

/// Days since an epoch, for week buckets.
fn day_number(d: Date) -> i64 {
    d.since(Date::constant(1970, 1, 1)).map(|s| i64::from(s.get_days())).unwrap_or(0)
}

/// The dates a claim is anchored to: its own, else (weakly) the week before
/// its page's date.
fn anchor(c: &ClaimInfo) -> Option<(Date, Date, bool)> {
    match c.claim.date.bounds() {
        Some((a, b)) => Some((a, b, true)),
        None => c.published.map(|p| (p.saturating_sub(jiff::Span::new().days(7)), p, false)),
    }
}

fn overlaps(a: (Date, Date), b: (Date, Date)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// Is `c` about the happening of event `e`? Returns a closeness score.
fn fit(e: &EventDraft, c: &ClaimInfo) -> Option<f64> {
    let claim = &c.claim;
    if family(e.event_type) != family(claim.event_type) {
        return None;
    }
    let same_doc = e.members.iter().any(|m| m.doc_id == c.doc_id);
    // Dates.
    let mut score = 0.0;
    let e_dates = e.date.bounds();
    match (e_dates, claim.date.bounds()) {
        (Some(a), Some(b)) => {
            if !overlaps(a, b) {
                return None;
            }
            if a == b {
                score += 2.0;
            }
        }
        _ => {
            // An undated claim joins only an event of its own page, or one
            // at the same place and actors in the week before its page date.
            let anchored = match (e_dates, anchor(c)) {
                (Some(a), Some((x, y, _))) => overlaps(a, (x, y)),
                _ => false,
            };
            if !same_doc && !anchored {
                return None;
            }
        }
    }
    // Places.
    match (&e.place, &claim.place) {
        (Some(a), Some(b)) => {
            if !places_compatible(a, b) {
                return None;
            }
            score += 2.0 - (a.distance_km(b) / 150.0).min(1.0);
        }
        (None, None) => {}
        _ => {
            if !same_doc && e.date != claim.date {
                return None;
            }
        }
    }
    // Actors must not contradict; statements need the same speaker.
    if !actors_compatible(&e.actor1, &claim.actor1) || !actors_compatible(&e.actor2, &claim.actor2) {
        return None;
    }
    if !claim.event_type.is_violent() {
        let dated = e_dates.is_some() && claim.date.is_known();
        if !(dated || same_doc) || e.actor1.is_none() != claim.actor1.is_none() {
            return None;
        }
    }
    if same_doc {
        score += 1.0;
    }
    Some(score)
}

/// The most frequent value (first seen wins ties).
fn most_common<T: Clone + PartialEq>(values: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: Vec<(T, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(x, _)| *x == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((v, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts.into_iter().find(|(_, n)| *n == best).map(|(v, _)| v)
}

impl EventDraft {
    fn new(id: Option<i64>, members: Vec<ClaimInfo>) -> EventDraft {
        let first = &members[0].claim;
        let mut e = EventDraft {
            id,
            event_type: first.event_type,
            date: first.date,
            place: first.place.clone(),
            actor1: first.actor1.clone(),
            actor2: first.actor2.clone(),
            members,
            sources: 0,
            contested: false,
            changed: false,
        };
        e.refresh();
        e
    }

    /// Recomputes the header from the claims: the type, date and actors most
    /// claims give, the most precise place, the independent sources, and
    /// whether anyone denies it.
    fn refresh(&mut self) {
        let claims = || self.members.iter().map(|m| &m.claim);
        let asserting: Vec<&Claim> = claims().filter(|c| c.stance != Stance::Denied).collect();
        let pool: Vec<&Claim> = if asserting.is_empty() { claims().collect() } else { asserting };
        self.event_type = most_common(pool.iter().map(|c| c.event_type)).unwrap_or(self.event_type);
        self.date = most_common(pool.iter().map(|c| c.date).filter(EventDate::is_known)).unwrap_or(EventDate::Unknown);
        self.place = pool
            .iter()
            .filter_map(|c| c.place.clone())
            .min_by(|a, b| a.precision.cmp(&b.precision))
            .or_else(|| claims().find_map(|c| c.place.clone()));
        self.actor1 = most_common(pool.iter().filter_map(|c| c.actor1.clone()));
        self.actor2 = most_common(pool.iter().filter_map(|c| c.actor2.clone()));
        self.contested = claims().any(|c| c.stance == Stance::Denied || !c.denied_by.is_empty());
        self.sources = independent_sources(&self.members);
    }
}

/// Distinct voices: a cited party counts once however many pages relay it;
/// a page in its own voice counts once per group of near-duplicate pages.
fn independent_sources(members: &[ClaimInfo]) -> usize {
    let mut parties: Vec<&Source> = Vec::new();
    let mut pages: Vec<(&str, Option<u64>)> = Vec::new();
    for m in members {
        match &m.claim.source {
            Source::Party(_) => {
                if !parties.contains(&&m.claim.source) {
                    parties.push(&m.claim.source);
                }
            }
            Source::Outlet => {
                let copy = pages.iter().any(|(doc, fp)| {
                    *doc == m.doc_id || matches!((fp, m.fingerprint), (Some(a), Some(b)) if near_duplicates(*a, b))
                });
                if !copy {
                    pages.push((&m.doc_id, m.fingerprint));
                }
            }
        }
    }
    parties.len() + pages.len()
}

/// Bucket key: type family and week.
type Key = (u8, i64);

/// Places claims into events, starting from stored events.
pub struct Resolver {
    events: Vec<EventDraft>,
    buckets: HashMap<Key, Vec<usize>>,
}

fn weeks(c: &ClaimInfo) -> Vec<i64> {
    match anchor(c) {
        Some((a, b, _)) => {
            let (wa, wb) = (day_number(a).div_euclid(7), day_number(b).div_euclid(7));
            // Long ranges ("since September") are bucketed by their end.
            if wb - wa > 8 { vec![wb] } else { (wa..=wb).collect() }
        }
        None => vec![i64::MIN],
    }
}

impl Resolver {
    /// Starts from stored events: `(id, claims)`.
    pub fn new(existing: Vec<(i64, Vec<ClaimInfo>)>) -> Resolver {
        let mut r = Resolver { events: Vec::new(), buckets: HashMap::new() };
        for (id, members) in existing {
            if members.is_empty() {
                continue;
            }
            let e = EventDraft::new(Some(id), members);
            r.push(e);
        }
        r
    }

    fn push(&mut self, e: EventDraft) {
        let i = self.events.len();
        let fam = family(e.event_type);
        let mut ws: Vec<i64> = e.members.iter().flat_map(weeks).collect();
        ws.sort_unstable();
        ws.dedup();
        for w in ws {
            self.buckets.entry((fam, w)).or_default().push(i);
        }
        self.events.push(e);
    }

    fn index(&mut self, i: usize, c: &ClaimInfo) {
        let fam = family(self.events[i].event_type);
        for w in weeks(c) {
            let b = self.buckets.entry((fam, w)).or_default();
            if !b.contains(&i) {
                b.push(i);
            }
        }
    }

    /// Places one claim. Tallies are not events: see [`tallies`].
    pub fn add(&mut self, c: ClaimInfo) {
        if c.claim.event_type == EventType::CasualtyTally {
            return;
        }
        let fam = family(c.claim.event_type);
        let mut best: Option<(usize, f64)> = None;
        let mut seen: Vec<usize> = Vec::new();
        for w in weeks(&c) {
            for dw in -1..=1 {
                let Some(b) = self.buckets.get(&(fam, w.saturating_add(dw))) else { continue };
                for &i in b {
                    if seen.contains(&i) {
                        continue;
                    }
                    seen.push(i);
                    if let Some(s) = fit(&self.events[i], &c)
                        && best.is_none_or(|(_, bs)| s > bs)
                    {
                        best = Some((i, s));
                    }
                }
            }
        }
        match best {
            Some((i, _)) => {
                self.index(i, &c);
                let e = &mut self.events[i];
                e.members.push(c);
                e.refresh();
                e.changed = true;
            }
            None => {
                let mut e = EventDraft::new(None, vec![c]);
                e.changed = true;
                self.push(e);
            }
        }
    }

    /// All events, stored and new, in the order they were first seen.
    pub fn finish(self) -> Vec<EventDraft> {
        self.events
    }
}

/// Cumulative counts as a series per counting party.
pub fn tallies(claims: &[ClaimInfo]) -> Vec<Tally> {
    let mut out: Vec<Tally> = claims
        .iter()
        .filter(|c| c.claim.event_type == EventType::CasualtyTally)
        .filter_map(|c| {
            let (figure, category) = match (c.claim.killed, c.claim.wounded) {
                (Some(k), _) => (k, "killed"),
                (None, Some(w)) => (w, "wounded"),
                _ => return None,
            };
            Some(Tally {
                party: c.claim.source.clone(),
                as_of: c.claim.as_of.or(c.published),
                figure,
                category: category.to_string(),
                subject: c.claim.actor2.clone(),
                doc_id: c.doc_id.clone(),
                evidence: c.claim.evidence,
            })
        })
        .collect();
    out.sort_by(|a, b| a.party.cmp(&b.party).then(a.as_of.cmp(&b.as_of)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use warlog_model::{SegmentKind, Span};

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
}
