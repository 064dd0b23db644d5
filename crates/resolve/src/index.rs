//! Where the resolver looks for the events a claim could join, so that
//! resolving stays near-linear however many claims a store holds: events
//! are filed by type family, day and map cell, and by page.
//!
//! * A claim at a town or district looks in the cells within the reach of
//!   a town ([`TOWN_IN_DISTRICT_KM`]); events placed at a region are filed
//!   in every cell within a region's reach ([`REGION_KM`]), so they are
//!   found there too; events with no place (or only a country) are filed
//!   apart and looked at by every placed claim of their days.
//! * A claim with no place (or only a country) looks at every event of its
//!   family on its days.
//! * Days are a claim's dates (a denial's reaching back), else the week
//!   before its page; ranges longer than a month are filed by their last
//!   week. Claims with neither date nor page date are found through their
//!   page only.
//! * Every event is also listed under the pages its claims come from: a
//!   page's undated claims look there.
//!
//! Filing is a superset: [`crate::rules::fit`] decides.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use warlog_model::{Date, Place, PlacePrecision};

use crate::ClaimInfo;
use crate::rules::{self, REGION_KM, TOWN_IN_DISTRICT_KM, When, day_number};

/// Size of a map cell, in degrees of latitude and longitude.
const CELL_DEG: f64 = 0.25;
const KM_PER_DEG: f64 = 111.2;
/// Windows longer than this are filed by their last week.
const MAX_DAYS: i64 = 31;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Cell {
    Grid(i32, i32),
    /// Events with a claim without a place, or placed only at a country.
    Unplaced,
    /// Every event.
    All,
}

type Key = (u8, i64, Cell);

/// A multiply-rotate hasher (as in rustc's FxHash): keys here are small
/// integers, hashed many times per claim; std's SipHash is built to resist
/// attacks these keys cannot mount.
#[derive(Default)]
struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.write_u64(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.write_u64(u64::from(i));
    }
    fn write_i32(&mut self, i: i32) {
        self.write_u64(i as u32 as u64);
    }
    fn write_i64(&mut self, i: i64) {
        self.write_u64(i as u64);
    }
    fn write_isize(&mut self, i: isize) {
        self.write_u64(i as u64);
    }
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

#[derive(Default)]
pub(crate) struct Index {
    buckets: FastMap<Key, Vec<usize>>,
    by_doc: HashMap<String, Vec<usize>>,
}

/// The days a claim is about, as day numbers.
fn days(c: &ClaimInfo) -> Vec<i64> {
    let window: Option<(Date, Date)> = match When::of(&c.claim.date, c.claim.stance, c.claim.event_type) {
        When::Precise(a, b) | When::Vague(a, b) => Some((a, b)),
        When::Unknown => rules::anchor(c),
    };
    let Some((a, b)) = window else { return Vec::new() };
    let (a, b) = (day_number(a), day_number(b));
    if b - a > MAX_DAYS { (b - 6..=b).collect() } else { (a..=b).collect() }
}

fn grid(lat: f64, lon: f64) -> (i32, i32) {
    ((lat / CELL_DEG).floor() as i32, (lon / CELL_DEG).floor() as i32)
}

/// Cells of the box around a circle of `km` around the place.
fn cells_within(p: &Place, km: f64) -> Vec<Cell> {
    let dlat = km / KM_PER_DEG;
    let dlon = km / (KM_PER_DEG * p.lat.to_radians().cos().abs().max(0.01));
    let (y0, x0) = grid(p.lat - dlat, p.lon - dlon.min(180.0));
    let (y1, x1) = grid(p.lat + dlat, p.lon + dlon.min(180.0));
    let mut out = Vec::with_capacity(((y1 - y0 + 1) * (x1 - x0 + 1)).max(0) as usize);
    for y in y0..=y1 {
        for x in x0..=x1 {
            out.push(Cell::Grid(y, x));
        }
    }
    out
}

/// How far a place reaches: the cells a claim there is filed under (`file`)
/// or looks in (`!file`).
fn cells(place: &Option<Place>, file: bool) -> Vec<Cell> {
    match place {
        Some(p) if matches!(p.precision, PlacePrecision::Exact | PlacePrecision::Near) => {
            if file {
                let (y, x) = grid(p.lat, p.lon);
                vec![Cell::Grid(y, x)]
            } else {
                let mut v = cells_within(p, TOWN_IN_DISTRICT_KM);
                v.push(Cell::Unplaced);
                v
            }
        }
        Some(p) if p.precision == PlacePrecision::Region => {
            let mut v = cells_within(p, REGION_KM);
            if !file {
                v.push(Cell::Unplaced);
            }
            v
        }
        _ if file => vec![Cell::Unplaced],
        _ => vec![Cell::All],
    }
}

fn push(list: &mut Vec<usize>, i: usize) {
    if list.last() != Some(&i) && !list.contains(&i) {
        list.push(i);
    }
}

impl Index {
    /// Files event `i` (of type family `fam`) under claim `c`'s days,
    /// cells and page.
    pub(crate) fn file(&mut self, i: usize, fam: u8, c: &ClaimInfo) {
        let cells = cells(&c.claim.place, true);
        for d in days(c) {
            push(self.buckets.entry((fam, d, Cell::All)).or_default(), i);
            for &cell in &cells {
                push(self.buckets.entry((fam, d, cell)).or_default(), i);
            }
        }
        push(self.by_doc.entry(c.doc_id.clone()).or_default(), i);
    }

    /// Events of family `fam` that `c` could join (a superset), sorted.
    pub(crate) fn candidates(&self, fam: u8, c: &ClaimInfo) -> Vec<usize> {
        let cells = cells(&c.claim.place, false);
        let mut out = Vec::new();
        for d in days(c) {
            for &cell in &cells {
                if let Some(b) = self.buckets.get(&(fam, d, cell)) {
                    out.extend_from_slice(b);
                }
            }
        }
        if let Some(b) = self.by_doc.get(&c.doc_id) {
            out.extend_from_slice(b);
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use warlog_model::{Claim, EventDate, EventType, SegmentKind, Source, Span, Stance};

    fn at(doc: &str, lat: f64, lon: f64, precision: PlacePrecision, day: Option<i8>) -> ClaimInfo {
        let mut c =
            Claim::new(EventType::Shelling, Source::Outlet, Stance::Asserted, Span::new(0, 1), SegmentKind::Body);
        c.place = Some(Place { name: "x".into(), geonameid: None, lat, lon, country: None, precision });
        c.date = day.map(|d| EventDate::Day(Date::constant(2020, 10, d))).unwrap_or_default();
        ClaimInfo {
            id: 1,
            doc_id: doc.into(),
            published: Some(Date::constant(2020, 10, 20)),
            fingerprint: None,
            claim: c,
        }
    }

    #[test]
    fn towns_within_reach_and_regions_are_found() {
        let mut index = Index::default();
        index.file(0, 1, &at("a", 40.0, 47.0, PlacePrecision::Exact, Some(11)));
        index.file(1, 1, &at("b", 40.5, 46.5, PlacePrecision::Region, Some(11)));
        index.file(2, 1, &at("c", 41.5, 47.0, PlacePrecision::Exact, Some(11)));
        // 20 km from event 0, 60 km from the region's point, far from 2.
        let c = at("d", 40.18, 47.0, PlacePrecision::Exact, Some(11));
        assert_eq!(index.candidates(1, &c), vec![0, 1]);
        assert!(index.candidates(2, &c).is_empty(), "another family");
        let other_day = at("d", 40.18, 47.0, PlacePrecision::Exact, Some(14));
        assert!(index.candidates(1, &other_day).is_empty());
    }

    #[test]
    fn unplaced_claims_see_the_whole_day_and_pages_see_their_events() {
        let mut index = Index::default();
        index.file(0, 1, &at("a", 40.0, 47.0, PlacePrecision::Exact, Some(11)));
        index.file(1, 1, &at("b", 10.0, 10.0, PlacePrecision::Exact, Some(11)));
        let mut c = at("z", 0.0, 0.0, PlacePrecision::Exact, Some(11));
        c.claim.place = None;
        assert_eq!(index.candidates(1, &c), vec![0, 1]);
        // Undated, weeks later, but on page a.
        let late = at("a", 0.0, 0.0, PlacePrecision::Exact, None);
        let mut late = late;
        late.published = Some(Date::constant(2020, 12, 1));
        assert_eq!(index.candidates(1, &late), vec![0]);
    }
}
