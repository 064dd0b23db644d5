//! When is a claim about the happening of an event? [`fit`] answers with a
//! closeness score, or `None`.
//!
//! **Vetoes** — any one keeps the claim out:
//!
//! * the type family differs (sources disagree on how a strike was
//!   delivered, artillery or drone, never on whether it was a strike);
//! * a ceasefire agreed against a ceasefire broken;
//! * dates known on both sides that do not overlap. A denial may come
//!   later than what it denies, so its dates reach back [`denial_lag_days`];
//! * places known on both sides that are too far apart for their precision
//!   ([`places_fit`]): two different towns are two events, as in ACLED;
//! * the page already holds a claim of this type by the same source with
//!   the same stance that does not look like a repeat of this one: a page
//!   states each claim once (repeats are evidence spans), so a second claim
//!   is a second happening;
//! * the actors contradict ([`actors_fit`]);
//! * one side would deny what it asserts itself ([`self_denial`]);
//! * a denial at a town against a claim about a whole region, or the
//!   reverse, with no denial link between them.
//!
//! **Enough in common** — at least one of:
//!
//! * a denial link: the claim denies what a member asserts (its source is
//!   in the member's `denied_by`), or the reverse;
//! * the same days (both dates known to within a week) and, across pages,
//!   both places known, or the very same date;
//! * the same town or district ([`PlaceMatch::Same`] or
//!   [`PlaceMatch::Near`]) on the same page, or across pages when the
//!   undated side's page appeared the week after the other's date;
//! * neither side dated to within a week, on the same page, with places
//!   that agree: the same town or district, or both coarse (a region, a
//!   country) or both missing with a party in common (the same speaker,
//!   for statements). A region and a town need the same two parties in the
//!   same roles; a country and a town are not enough.
//!
//! A claim with a date and one without, on the same page and in the same
//! region only, stay apart: a live blog covers weeks, and "in Karabakh" is
//! not enough to say that an undated item is the dated one.

use warlog_model::{Actor, Claim, Date, EventDate, EventType, Place, PlacePrecision, Source, Stance};

use crate::{ClaimInfo, EventDraft};

/// Days a range may span and still pin a happening; longer ranges ("since
/// 27 September", a month) are summaries and only veto.
const PRECISE_DAYS: i64 = 7;
/// An undated claim is taken to be about the week before its page's date.
const ANCHOR_DAYS: i64 = 7;

/// How far back a denial's date may reach: a denial often comes days after
/// the claim; "the town is still ours" may come weeks after a claimed capture.
pub fn denial_lag_days(t: EventType) -> i64 {
    match t {
        EventType::TerritoryTaken => 30,
        _ => 7,
    }
}

/// Types that may describe one happening share a family.
pub fn family(t: EventType) -> u8 {
    match t {
        EventType::Shelling | EventType::AirStrike => 1,
        other => 2 + other as u8,
    }
}

/// Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's
/// days-from-civil, much cheaper than a calendar span).
pub fn day_number(d: Date) -> i64 {
    let (y, m, day) = (i64::from(d.year()), i64::from(d.month()), i64::from(d.day()));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn shift(d: Date, days: i64) -> Date {
    let span = jiff::Span::new().days(days.unsigned_abs().min(100_000) as i64);
    if days >= 0 { d.saturating_add(span) } else { d.saturating_sub(span) }
}

/// What a date says about when something happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    Unknown,
    /// Spans more than [`PRECISE_DAYS`]: overlaps are checked, nothing more.
    Vague(Date, Date),
    Precise(Date, Date),
}

impl When {
    /// A claim's date; a denial's reaches back [`denial_lag_days`].
    pub fn of(date: &EventDate, stance: Stance, t: EventType) -> When {
        let Some((a, b)) = date.bounds() else { return When::Unknown };
        let precise = day_number(b) - day_number(a) <= PRECISE_DAYS;
        let a = if stance == Stance::Denied { shift(a, -denial_lag_days(t)) } else { a };
        if precise { When::Precise(a, b) } else { When::Vague(a, b) }
    }

    fn bounds(self) -> Option<(Date, Date)> {
        match self {
            When::Unknown => None,
            When::Vague(a, b) | When::Precise(a, b) => Some((a, b)),
        }
    }

    fn is_precise(self) -> bool {
        matches!(self, When::Precise(..))
    }
}

fn overlaps(a: (Date, Date), b: (Date, Date)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// The days a claim is about: its own dates, else the week before its page.
pub fn anchor(c: &ClaimInfo) -> Option<(Date, Date)> {
    c.claim.date.bounds().or_else(|| c.published.map(|p| (shift(p, -ANCHOR_DAYS), p)))
}

/// How closely two compatible places agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PlaceMatch {
    /// One country, at country precision.
    Country,
    /// Within a region's reach.
    Region,
    /// A town within a district, or two district-level places close together.
    Near,
    /// The same town.
    Same,
}

impl PlaceMatch {
    fn score(self) -> f64 {
        match self {
            PlaceMatch::Same => 2.5,
            PlaceMatch::Near => 1.5,
            PlaceMatch::Region => 1.0,
            PlaceMatch::Country => 0.5,
        }
    }

    fn is_specific(self) -> bool {
        self >= PlaceMatch::Near
    }
}

/// Two towns closer than this are one place spelled two ways.
const SAME_TOWN_KM: f64 = 3.0;
/// A town and a district-level place.
pub(crate) const TOWN_IN_DISTRICT_KM: f64 = 25.0;
/// Two district-level places with different names.
const DISTRICTS_KM: f64 = 15.0;
/// A region and any place.
pub(crate) const REGION_KM: f64 = 75.0;

fn same_name(a: &Place, b: &Place) -> bool {
    match (a.geonameid, b.geonameid) {
        (Some(x), Some(y)) => x == y,
        _ => !a.name.is_empty() && a.name.eq_ignore_ascii_case(&b.name),
    }
}

/// Whether two places can be where one happening took place, by their
/// precisions; `None` when they cannot.
pub fn places_fit(a: &Place, b: &Place) -> Option<PlaceMatch> {
    use PlacePrecision::*;
    let km = a.distance_km(b);
    match (a.precision, b.precision) {
        (Country, _) | (_, Country) => match (&a.country, &b.country) {
            (Some(x), Some(y)) => (x == y).then_some(PlaceMatch::Country),
            _ => None,
        },
        (Region, _) | (_, Region) => (km <= REGION_KM).then_some(PlaceMatch::Region),
        (Exact, Exact) => (same_name(a, b) || km <= SAME_TOWN_KM).then_some(PlaceMatch::Same),
        (Exact, Near) | (Near, Exact) => (km <= TOWN_IN_DISTRICT_KM).then_some(PlaceMatch::Near),
        (Near, Near) => (same_name(a, b) || km <= DISTRICTS_KM).then_some(PlaceMatch::Near),
    }
}

/// Types whose two actors are interchangeable (a clash, talks, a truce).
fn symmetric(t: EventType) -> bool {
    matches!(t, EventType::ArmedClash | EventType::Negotiation | EventType::Ceasefire)
}

/// Types where who acts makes two claims two happenings: strikes, captures.
fn directional(t: EventType) -> bool {
    t.is_violent() && !symmetric(t)
}

/// Statements, told apart by who speaks.
fn statement(t: EventType) -> bool {
    matches!(t, EventType::Appeal | EventType::Accusation)
}

fn same_country(a: &Option<Actor>, b: &Option<Actor>) -> Option<bool> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.country == y.country),
        _ => None,
    }
}

/// What the actors say: `None` when they contradict, else a score.
/// `weak_place`: the places do not pin one town or district, so who acts is
/// what tells two strikes apart.
fn actors_fit(t: EventType, e: &EventDraft, c: &Claim, weak_place: bool) -> Option<f64> {
    let (e1, e2, c1, c2) = (&e.actor1, &e.actor2, &c.actor1, &c.actor2);
    let (named_e, named_c) = (e1.is_some() || e2.is_some(), c1.is_some() || c2.is_some());
    let shared = shared_parties(e, c) as f64;
    if directional(t) {
        let first = same_country(e1, c1);
        let swapped = same_country(e1, c2) == Some(true) && same_country(e2, c1) == Some(true);
        if first == Some(false) && (swapped || weak_place) {
            return None;
        }
        let second = same_country(e2, c2);
        let score = |m: Option<bool>| match m {
            Some(true) => 0.5,
            Some(false) => -0.5,
            None => 0.0,
        };
        return Some(score(first) + score(second));
    }
    if statement(t) {
        return match same_country(e1, c1) {
            Some(false) => None,
            Some(true) => Some(1.0),
            None => Some(0.0),
        };
    }
    // Talks between two named parties are not talks between two others.
    if t == EventType::Negotiation && e1.is_some() && e2.is_some() && c1.is_some() && c2.is_some() {
        return same_parties(t, e, c, false).then_some(1.0);
    }
    // Symmetric and other types: the parties must overlap when both name any.
    if named_e && named_c && shared == 0.0 {
        return None;
    }
    Some(0.5 * shared)
}

/// How many of the event's parties (by country) the claim names too.
fn shared_parties(e: &EventDraft, c: &Claim) -> usize {
    let theirs = [&c.actor1, &c.actor2];
    [&e.actor1, &e.actor2]
        .into_iter()
        .flatten()
        .filter(|a| theirs.iter().any(|b| b.as_ref().is_some_and(|b| b.country == a.country)))
        .count()
}

fn same_party(a: &Source, b: &Source, same_doc: bool) -> bool {
    match (a, b) {
        (Source::Party(x), Source::Party(y)) => x.matches(y),
        (Source::Outlet, Source::Outlet) => same_doc,
        _ => false,
    }
}

/// The claim denies what a member asserts, or a member denies the claim.
fn denial_link(e: &EventDraft, c: &ClaimInfo) -> bool {
    e.members.iter().any(|m| {
        let same_doc = m.doc_id == c.doc_id;
        let denies = |denier: &Claim, denied: &Claim| {
            denier.stance == Stance::Denied && denied.denied_by.iter().any(|d| same_party(d, &denier.source, same_doc))
        };
        denies(&c.claim, &m.claim) || denies(&m.claim, &c.claim)
    })
}

/// Does the page already hold a claim of this type by this voice (source
/// and stance) that is not a repeat of this one?
fn restated(e: &EventDraft, c: &ClaimInfo) -> bool {
    e.members.iter().any(|m| {
        let (a, b) = (&m.claim, &c.claim);
        let same_voice =
            m.doc_id == c.doc_id && a.source == b.source && a.stance == b.stance && a.event_type == b.event_type;
        same_voice && !repeat(a, b)
    })
}

/// One voice saying one thing twice on a page (a headline and its
/// sentence): nothing differs, and something specific is the same — the
/// days, or the town or district. Two undated claims "in Karabakh" by one
/// voice are two things said.
fn repeat(a: &Claim, b: &Claim) -> bool {
    let agree = |same: bool, both_known: bool| same || !both_known;
    let consistent = agree(a.date == b.date, a.date.is_known() && b.date.is_known())
        && agree(
            a.place.as_ref().map(|p| &p.name) == b.place.as_ref().map(|p| &p.name),
            a.place.is_some() && b.place.is_some(),
        )
        && same_country(&a.actor1, &b.actor1) != Some(false)
        && same_country(&a.actor2, &b.actor2) != Some(false)
        && agree(a.killed == b.killed, a.killed.is_some() && b.killed.is_some())
        && agree(a.wounded == b.wounded, a.wounded.is_some() && b.wounded.is_some());
    let same_days = a.date == b.date && When::of(&a.date, Stance::Asserted, a.event_type).is_precise();
    let same_spot = match (&a.place, &b.place) {
        (Some(p), Some(q)) => places_fit(p, q).is_some_and(PlaceMatch::is_specific),
        _ => false,
    };
    consistent && (same_days || same_spot)
}

fn is_specific(p: &Option<Place>) -> bool {
    p.as_ref().is_some_and(|p| matches!(p.precision, PlacePrecision::Exact | PlacePrecision::Near))
}

/// Both name both parties, and the same ones (in either order for
/// symmetric types): by country, or with `roles` also by role (state roles
/// count as one).
fn same_parties(t: EventType, e: &EventDraft, c: &Claim, roles: bool) -> bool {
    let same = |a: &Actor, b: &Actor| if roles { a.matches(b) } else { a.country == b.country };
    match (&e.actor1, &e.actor2, &c.actor1, &c.actor2) {
        (Some(e1), Some(e2), Some(c1), Some(c2)) => {
            (same(e1, c1) && same(e2, c2)) || (symmetric(t) && same(e1, c2) && same(e2, c1))
        }
        _ => false,
    }
}

/// A party does not deny what its own side asserts: a denial by one side
/// and an assertion by the same side (same country) are about two things
/// ("we lost the south" and "the town is still ours").
fn self_denial(e: &EventDraft, c: &Claim) -> bool {
    let Source::Party(who) = &c.source else { return false };
    let denial = c.stance == Stance::Denied;
    e.members.iter().any(|m| match &m.claim.source {
        Source::Party(x) => x.country == who.country && (m.claim.stance == Stance::Denied) != denial,
        Source::Outlet => false,
    })
}

/// The event's dates: its header's, reaching back like a denial's when only
/// denials make it.
fn event_when(e: &EventDraft) -> When {
    let stance =
        if e.members.iter().all(|m| m.claim.stance == Stance::Denied) { Stance::Denied } else { Stance::Asserted };
    When::of(&e.date, stance, e.event_type)
}

/// Is `c` about the happening of event `e`? Returns a closeness score.
pub fn fit(e: &EventDraft, c: &ClaimInfo) -> Option<f64> {
    let claim = &c.claim;
    if family(e.event_type) != family(claim.event_type) {
        return None;
    }
    // The header first (cheap), then the members.
    let (ew, cw) = (event_when(e), When::of(&claim.date, claim.stance, claim.event_type));
    let date_overlap = match (ew.bounds(), cw.bounds()) {
        (Some(a), Some(b)) => Some(overlaps(a, b)),
        _ => None,
    };
    if date_overlap == Some(false) {
        return None;
    }
    let place = match (&e.place, &claim.place) {
        (Some(a), Some(b)) => Some(places_fit(a, b)?),
        _ => None,
    };
    if e.event_type == EventType::Ceasefire && e.members.iter().any(|m| m.claim.violated != claim.violated) {
        return None;
    }
    let same_doc = e.members.iter().any(|m| m.doc_id == c.doc_id);
    if same_doc && restated(e, c) {
        return None;
    }
    if self_denial(e, claim) {
        return None;
    }
    let linked = denial_link(e, c);
    let mut score = if same_doc { 0.5 } else { 0.0 };
    if linked {
        score += 3.0;
    }

    // Dates.
    let same_days = date_overlap == Some(true) && ew.is_precise() && cw.is_precise();
    if same_days {
        score += if e.date == claim.date { 2.5 } else { 2.0 };
    } else if date_overlap == Some(true) {
        score += 0.5;
    }
    let undated = !ew.is_precise() && !cw.is_precise();

    // Places.
    let both_placed = e.place.is_some() && claim.place.is_some();
    if let Some(m) = place {
        score += m.score();
    }
    let specific = place.is_some_and(PlaceMatch::is_specific);

    // Actors.
    score += actors_fit(claim.event_type, e, claim, !specific)?;

    let anchored = match (e.members.first().and_then(anchor), anchor(c)) {
        (Some(a), Some(b)) => e.date.bounds().map_or(overlaps(a, b), |d| overlaps(d, b)),
        _ => false,
    };
    // One side pinned to days and the other not: only the very same town
    // tells that they are one happening.
    let mixed = ew.is_precise() != cw.is_precise();
    let same_town = place == Some(PlaceMatch::Same);
    // Undated, on one page: a region-wide claim is not a town's event
    // unless both name the same two parties in the same roles; a claim
    // placed only in a country never is.
    let coarse_and_fine = both_placed && is_specific(&e.place) != is_specific(&claim.place);
    // A denial is about a place: "the town is still ours" does not deny a
    // region-wide claim, nor the reverse, unless it names what it denies.
    let denial_only = e.members.iter().all(|m| m.claim.stance == Stance::Denied);
    if coarse_and_fine && (claim.stance == Stance::Denied || denial_only) && !linked {
        return None;
    }
    // Both coarse, or both without a place: a party in common at least
    // (the same speaker, for statements).
    let common = if statement(claim.event_type) {
        same_country(&e.actor1, &claim.actor1) == Some(true)
    } else {
        shared_parties(e, claim) > 0
    };
    let undated_fit = match (&e.place, &claim.place) {
        (Some(_), Some(_)) if coarse_and_fine => {
            place == Some(PlaceMatch::Region) && same_parties(claim.event_type, e, claim, true)
        }
        (Some(_), Some(_)) => specific || common,
        (None, None) => common,
        _ => false,
    };
    let enough = linked
        || (same_days && (both_placed || same_doc || e.date == claim.date))
        || (specific && !mixed && (same_doc || anchored))
        || (same_town && mixed && (same_doc || anchored))
        || (undated && same_doc && undated_fit);
    enough.then_some(score)
}

#[cfg(test)]
mod tests {
    use super::*;
    use warlog_model::{SegmentKind, Span};

    fn place(name: &str, lat: f64, lon: f64, precision: PlacePrecision) -> Place {
        Place { name: name.into(), geonameid: None, lat, lon, country: Some("AZE".into()), precision }
    }

    #[test]
    fn day_numbers_count_days() {
        assert_eq!(day_number(Date::constant(1970, 1, 1)), 0);
        assert_eq!(day_number(Date::constant(2000, 3, 1)), 11_017);
        for (a, b) in [((2020, 2, 28), (2020, 3, 1)), ((2019, 12, 31), (2020, 1, 1)), ((1969, 12, 31), (1970, 1, 1))] {
            let (a, b) = (Date::constant(a.0, a.1, a.2), Date::constant(b.0, b.1, b.2));
            let span = a.until(b).unwrap().get_days();
            assert_eq!(day_number(b) - day_number(a), i64::from(span));
        }
    }

    #[test]
    fn two_villages_six_km_apart_are_two_places() {
        let hadrut = place("Hadrut", 39.52, 47.03, PlacePrecision::Exact);
        let other = place("Suleymanli", 39.47, 47.06, PlacePrecision::Exact);
        assert_eq!(places_fit(&hadrut, &other), None);
        assert_eq!(places_fit(&hadrut, &hadrut), Some(PlaceMatch::Same));
        let district = place("Hadrut district", 39.55, 47.0, PlacePrecision::Near);
        assert_eq!(places_fit(&hadrut, &district), Some(PlaceMatch::Near));
    }

    #[test]
    fn a_region_reaches_its_towns_not_the_next_province() {
        let region = place("Nagorno-Karabakh", 39.8, 46.75, PlacePrecision::Region);
        let town = place("Stepanakert", 39.815, 46.752, PlacePrecision::Exact);
        let far = place("Ganja", 40.68, 46.36, PlacePrecision::Exact);
        assert_eq!(places_fit(&region, &town), Some(PlaceMatch::Region));
        assert_eq!(places_fit(&region, &far), None);
    }

    #[test]
    fn countries_compare_by_code() {
        let mut syria = place("Syria", 35.0, 38.5, PlacePrecision::Country);
        syria.country = Some("SYR".into());
        let mut idlib = place("Idlib", 35.9, 36.6, PlacePrecision::Region);
        idlib.country = Some("SYR".into());
        assert_eq!(places_fit(&syria, &idlib), Some(PlaceMatch::Country));
        assert_eq!(places_fit(&syria, &place("Azerbaijan", 40.1, 47.6, PlacePrecision::Country)), None);
    }

    #[test]
    fn a_denial_reaches_back() {
        let d = |m, day| EventDate::Day(Date::constant(2020, m, day));
        let claimed = When::of(&d(10, 9), Stance::Asserted, EventType::TerritoryTaken);
        let still_held = When::of(&d(10, 27), Stance::Denied, EventType::TerritoryTaken);
        assert!(overlaps(claimed.bounds().unwrap(), still_held.bounds().unwrap()));
        let later = When::of(&d(10, 27), Stance::Asserted, EventType::TerritoryTaken);
        assert!(!overlaps(claimed.bounds().unwrap(), later.bounds().unwrap()));
        let month = EventDate::range(Date::constant(2020, 9, 27), Date::constant(2020, 10, 27));
        assert!(matches!(When::of(&month, Stance::Asserted, EventType::Shelling), When::Vague(..)));
    }

    fn draft(claims: Vec<Claim>) -> EventDraft {
        let members = claims
            .into_iter()
            .enumerate()
            .map(|(i, claim)| ClaimInfo { id: i as i64, doc_id: "d".into(), published: None, fingerprint: None, claim })
            .collect();
        EventDraft::new(None, members)
    }

    fn claim(t: EventType, source: &str, stance: Stance) -> Claim {
        Claim::new(t, source.parse().unwrap(), stance, Span::new(0, 1), SegmentKind::Body)
    }

    fn info(claim: Claim) -> ClaimInfo {
        ClaimInfo { id: 99, doc_id: "d".into(), published: None, fingerprint: None, claim }
    }

    #[test]
    fn a_denial_without_place_or_date_joins_what_it_denies() {
        let mut asserted = claim(EventType::Shelling, "AZE:government", Stance::Asserted);
        asserted.place = Some(place("Barda", 40.37, 47.13, PlacePrecision::Near));
        asserted.date = EventDate::Day(Date::constant(2020, 10, 28));
        asserted.denied_by = vec!["ARM:government".parse().unwrap()];
        let denial = claim(EventType::Shelling, "ARM:government", Stance::Denied);
        assert!(fit(&draft(vec![asserted.clone()]), &info(denial)).is_some());
        let other = claim(EventType::Shelling, "RUS:government", Stance::Denied);
        assert!(fit(&draft(vec![asserted]), &info(other)).is_none(), "denies nothing this event holds");
    }

    #[test]
    fn a_page_states_each_claim_once() {
        let day = EventDate::Day(Date::constant(2020, 10, 12));
        let mut a = claim(EventType::Shelling, "AZE:government", Stance::Asserted);
        a.date = day;
        a.place = Some(place("Goranboy", 40.61, 46.79, PlacePrecision::Near));
        let mut b = a.clone();
        b.place = Some(place("Goranboy district", 40.65, 46.75, PlacePrecision::Near));
        assert!(fit(&draft(vec![a.clone()]), &info(b)).is_none(), "same source, same page: another place");
        assert!(fit(&draft(vec![a.clone()]), &info(a)).is_some(), "a repeat is the same claim");
    }

    #[test]
    fn a_side_does_not_deny_itself() {
        let day = EventDate::Day(Date::constant(2020, 10, 27));
        let mut lost = claim(EventType::TerritoryTaken, "ARM:military", Stance::Asserted);
        lost.date = day;
        lost.place = Some(place("southern Karabakh", 39.5, 46.9, PlacePrecision::Region));
        let mut held = claim(EventType::TerritoryTaken, "ARM:government", Stance::Denied);
        held.date = day;
        held.place = Some(place("Hadrut", 39.52, 47.03, PlacePrecision::Exact));
        assert!(fit(&draft(vec![lost.clone()]), &info(held.clone())).is_none());
        lost.source = "AZE:government".parse().unwrap();
        assert!(fit(&draft(vec![lost]), &info(held)).is_none(), "a town held is not a region lost");
    }

    #[test]
    fn a_truce_agreed_is_not_a_truce_broken() {
        let agreed = claim(EventType::Ceasefire, "outlet", Stance::Asserted);
        let mut broken = claim(EventType::Ceasefire, "ART:government", Stance::Asserted);
        broken.violated = true;
        assert!(fit(&draft(vec![agreed]), &info(broken)).is_none());
    }

    #[test]
    fn swapped_attackers_are_two_strikes() {
        let day = EventDate::Day(Date::constant(2020, 10, 16));
        let region = place("Nagorno-Karabakh", 39.8, 46.75, PlacePrecision::Region);
        let mut a = claim(EventType::Shelling, "ARM:government", Stance::Asserted);
        a.date = day;
        a.place = Some(region.clone());
        a.actor1 = Some("ARM:military".parse().unwrap());
        a.actor2 = Some("AZE:military".parse().unwrap());
        let mut b = claim(EventType::Shelling, "AZE:government", Stance::Asserted);
        b.date = day;
        b.place = Some(region);
        b.actor1 = a.actor2.clone();
        b.actor2 = a.actor1.clone();
        assert!(fit(&draft(vec![a]), &info(b)).is_none());
    }

    #[test]
    fn a_dated_and_an_undated_claim_need_more_than_a_region() {
        let region = place("Nagorno-Karabakh", 39.8, 46.75, PlacePrecision::Region);
        let mut dated = claim(EventType::ArmedClash, "outlet", Stance::Asserted);
        dated.date = EventDate::Day(Date::constant(2020, 10, 28));
        dated.place = Some(region.clone());
        let mut undated = claim(EventType::ArmedClash, "ARM:military", Stance::Asserted);
        undated.place = Some(region);
        assert!(fit(&draft(vec![dated]), &info(undated)).is_none());
    }
}
