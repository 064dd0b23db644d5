//! Synthetic claims for benchmarks and scale tests: happenings of weighted
//! types, a steady feed of about [`CLAIMS_PER_DAY`] claims a day (100,000
//! claims are a year), towns scattered over a 220 × 250 km region,
//! each reported by one to several pages and parties, with repeats, missing
//! dates and places, coarse places and denials. Deterministic for a seed
//! (xorshift), so runs compare.
//!
//! ```
//! let s = warlog_resolve::synthetic::generate(1_000, 7);
//! assert_eq!(s.claims.len(), 1_000);
//! assert_eq!(s.truth.len(), 1_000);
//! ```

use warlog_model::{
    Actor, Claim, Count, Date, EventDate, EventType, Place, PlacePrecision, SegmentKind, Source, Span, Stance,
};

use crate::ClaimInfo;

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
        (self.next() % n.max(1) as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// Types with their weights (violence dominates conflict news).
const TYPES: [(EventType, usize); 10] = [
    (EventType::Shelling, 30),
    (EventType::ArmedClash, 20),
    (EventType::AirStrike, 12),
    (EventType::TerritoryTaken, 8),
    (EventType::AttackOnCivilians, 6),
    (EventType::Explosive, 4),
    (EventType::Deployment, 8),
    (EventType::Negotiation, 5),
    (EventType::Appeal, 5),
    (EventType::Ceasefire, 2),
];

const PARTIES: [&str; 8] = [
    "AZE:government",
    "AZE:military",
    "ARM:government",
    "ARM:military",
    "ART:government",
    "RUS:government",
    "TUR:government",
    "INT:international",
];

const TOWNS: usize = 2_000;
const CLAIMS_PER_PAGE: usize = 6;
/// Claims a day of the feed: more claims cover more days, so that a
/// scaling run compares sizes at one density (a busy war's daily news), as
/// a growing record does, not ever more events on the same days.
pub const CLAIMS_PER_DAY: usize = 274;
/// The shortest feed, in days.
const MIN_DAYS: usize = 7;

/// Claims and, for each, the happening it reports.
pub struct Synthetic {
    /// In page order, as a run would ingest them.
    pub claims: Vec<ClaimInfo>,
    /// `truth[i]`: the happening `claims[i]` is about.
    pub truth: Vec<usize>,
}

fn pick_type(rng: &mut Rng) -> EventType {
    let total: usize = TYPES.iter().map(|(_, w)| w).sum();
    let mut x = rng.below(total);
    for (t, w) in TYPES {
        if x < w {
            return t;
        }
        x -= w;
    }
    EventType::Shelling
}

fn party(rng: &mut Rng) -> Actor {
    PARTIES[rng.below(PARTIES.len())].parse().expect("valid actor codes")
}

/// About `n` claims of happenings from 2020-01-01 on, over `n /
/// CLAIMS_PER_DAY` days (a week at least), seeded.
pub fn generate(n: usize, seed: u64) -> Synthetic {
    let mut rng = Rng(seed.max(1));
    let towns: Vec<Place> = (0..TOWNS)
        .map(|i| Place {
            name: format!("town-{i}"),
            geonameid: Some(i as u32 + 1),
            lat: 39.0 + 2.0 * rng.unit(),
            lon: 45.5 + 3.0 * rng.unit(),
            country: Some("AZE".into()),
            precision: PlacePrecision::Exact,
        })
        .collect();
    let region = Place {
        name: "region".into(),
        geonameid: None,
        lat: 40.0,
        lon: 47.0,
        country: Some("AZE".into()),
        precision: PlacePrecision::Region,
    };
    let start = Date::constant(2020, 1, 1);
    let days = (n / CLAIMS_PER_DAY).max(MIN_DAYS);
    // (report day, shuffle key, claim, happening)
    let mut out: Vec<(i64, u64, Claim, usize)> = Vec::with_capacity(n);
    let mut happening = 0;
    while out.len() < n {
        let t = pick_type(&mut rng);
        let day = rng.below(days) as i64;
        let date = start.saturating_add(jiff::Span::new().days(day));
        let town = &towns[rng.below(TOWNS)];
        let (a1, a2) = (party(&mut rng), party(&mut rng));
        let killed = rng.chance(0.3).then(|| Count::Exact(rng.below(30) as u32 + 1));
        // One to six reports; one happening in twenty is denied.
        let reports = 1 + rng.below(3) + rng.below(4) * usize::from(rng.chance(0.3));
        let denied = rng.chance(0.05);
        for r in 0..reports + usize::from(denied) {
            if out.len() == n {
                break;
            }
            let denial = r == reports;
            let source = if denial {
                Source::Party(a1.clone())
            } else if rng.chance(0.4) {
                Source::Outlet
            } else {
                Source::Party(party(&mut rng))
            };
            let stance = if denial {
                Stance::Denied
            } else if rng.chance(0.1) {
                Stance::Hedged
            } else {
                Stance::Asserted
            };
            let mut c = Claim::new(t, source, stance, Span::new(0, 1), SegmentKind::Body);
            c.date = match rng.below(20) {
                0 | 1 => EventDate::Unknown,
                2 => EventDate::range(date, date.saturating_add(jiff::Span::new().days(1))),
                _ => EventDate::Day(date),
            };
            c.place = match rng.below(20) {
                0 | 1 => None,
                2 => Some(region.clone()),
                3 => Some(Place { precision: PlacePrecision::Near, ..town.clone() }),
                _ => Some(town.clone()),
            };
            if !denial {
                c.actor1 = rng.chance(0.8).then(|| a1.clone());
                c.actor2 = rng.chance(0.6).then(|| a2.clone());
                c.killed = killed.filter(|_| rng.chance(0.7));
            }
            if denied && !denial {
                c.denied_by = vec![Source::Party(a1.clone())];
            }
            // Reports come out on the day or up to three days later.
            out.push((day + rng.below(4) as i64, rng.next(), c, happening));
        }
        happening += 1;
    }
    // Pages: consecutive claims of the same days, dated by their last.
    out.sort_by_key(|(d, key, _, _)| (*d, *key));
    let mut claims = Vec::with_capacity(n);
    let mut truth = Vec::with_capacity(n);
    for (page, chunk) in out.chunks(CLAIMS_PER_PAGE).enumerate() {
        let last = chunk.last().map_or(0, |(d, _, _, _)| *d);
        for (_, _, claim, h) in chunk {
            claims.push(ClaimInfo {
                id: claims.len() as i64 + 1,
                doc_id: format!("page-{page}"),
                published: Some(start.saturating_add(jiff::Span::new().days(last))),
                fingerprint: Some((page as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)),
                claim: claim.clone(),
            });
            truth.push(*h);
        }
    }
    Synthetic { claims, truth }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_sized() {
        let a = generate(500, 3);
        let b = generate(500, 3);
        assert_eq!(a.claims, b.claims);
        assert_eq!(a.claims.len(), 500);
        assert!(a.claims.iter().any(|c| c.claim.stance == Stance::Denied));
        assert!(a.claims.windows(2).all(|w| w[0].published <= w[1].published), "in page order");
    }

    #[test]
    fn more_claims_cover_more_days_at_one_density() {
        let span = |n: usize| {
            let s = generate(n, 3);
            let days: std::collections::BTreeSet<_> = s.claims.iter().filter_map(|c| c.claim.date.bounds()).collect();
            days.len()
        };
        let (small, large) = (span(10 * CLAIMS_PER_DAY), span(100 * CLAIMS_PER_DAY));
        assert!(
            (8..=14).contains(&(large / small.max(1))),
            "10x the claims over about 10x the days: {small} -> {large}"
        );
    }
}
