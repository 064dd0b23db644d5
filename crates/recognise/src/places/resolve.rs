//! Resolution: choosing among the candidates of every spot of a document,
//! deciding whether a spot is a place at all, and how precisely it locates.
//!
//! A candidate's score adds its prior (population, feature class, whether
//! the name is its own or a GeoNames alternate), the document's country
//! focus, closeness to the other places of the document, an explicit
//! container ("X, région de Y", "Alexandria, Louisiana") and the fit of the
//! cue before it ("région de" favours divisions and seats). Whether a spot
//! is kept at all is a separate tally of evidence (cues, capitalisation,
//! person-name shapes, population, focus); see [`evidence`].

use std::collections::HashMap;

use warlog_gazetteer::{Gazetteer, PlaceInfo, PlaceKind, Posting};
use warlog_model::{Place, PlacePrecision, alpha2_to_alpha3, haversine_km};

use super::lexicon::{Cue, Direction};
use super::spot::Spot;

/// Candidates kept per spot, best prior first.
pub const MAX_CANDIDATES: usize = 40;
/// Weight of the document's country focus in a candidate's score.
const FOCUS_WEIGHT: f64 = 6.0;
/// Weight of closeness to the document's other places.
const NEARBY_WEIGHT: f64 = 2.0;
/// Bonus for a candidate inside an explicit container.
const CONTAINER_BONUS: f64 = 6.0;
/// Minimum evidence for a spot to be reported as a place.
pub const KEEP_THRESHOLD: f64 = 1.0;

/// One candidate place of a spot.
#[derive(Clone, Copy, Debug)]
pub struct Cand {
    pub info: PlaceInfo<'static>,
    /// The spot's key is one of the place's own names.
    pub main: bool,
    pub prior: f64,
}

/// The candidates of a list of postings, best prior first.
pub fn candidates(gaz: &'static Gazetteer<'static>, postings: &[Posting]) -> Vec<Cand> {
    let mut out: Vec<Cand> = postings
        .iter()
        .take(400)
        .filter_map(|p| {
            let info = gaz.place(p.place)?;
            Some(Cand { prior: prior(&info, p.main), info, main: p.main })
        })
        .collect();
    out.sort_by(|a, b| b.prior.total_cmp(&a.prior).then(a.info.id.cmp(&b.info.id)));
    out.truncate(MAX_CANDIDATES);
    out
}

/// How likely a place is to be meant by its name, context aside.
pub fn prior(p: &PlaceInfo<'_>, main: bool) -> f64 {
    let pop = (f64::from(p.population) + 1.0).log10();
    let (pop, kind) = match p.kind {
        PlaceKind::Country => (pop, 4.0),
        PlaceKind::Area => (pop, 3.5),
        // Division populations are sums over their towns: discount them so a
        // bare "Donetsk" is the city, not the oblast.
        PlaceKind::Admin1 => (pop - 0.5, 1.0),
        PlaceKind::Admin2 => (pop - 0.5, -0.5),
        PlaceKind::Capital => (pop, 1.5),
        PlaceKind::Seat => (
            pop,
            match p.fcode {
                "PPLA" => 0.8,
                "PPLA2" => 0.4,
                _ => 0.1,
            },
        ),
        PlaceKind::Town | PlaceKind::Landmark => (pop, 0.0),
    };
    // GeoNames alternate names are noisy ("Franklin" lists Columbus, Ohio):
    // a place's own name counts for much more.
    pop + kind + if main { 2.0 } else { 0.0 }
}

/// A place that can stand for a government: a country, a capital, a seat
/// of power.
pub fn metonym_capable(kind: PlaceKind) -> bool {
    matches!(kind, PlaceKind::Country | PlaceKind::Capital | PlaceKind::Landmark)
}

/// The document's country focus: a share per country, from every plausible
/// spot's candidates weighted by their priors.
#[derive(Debug, Default)]
pub struct Focus {
    share: HashMap<&'static str, f64>,
}

impl Focus {
    pub fn of<'a>(spots: impl Iterator<Item = (&'a [Cand], f64)>) -> Focus {
        let mut weights: HashMap<&'static str, f64> = HashMap::new();
        let mut total = 0.0;
        for (cands, weight) in spots {
            let Some(top) = cands.first() else { continue };
            let exps: Vec<f64> = cands.iter().map(|c| (c.prior - top.prior).exp()).collect();
            let sum: f64 = exps.iter().sum();
            for (c, e) in cands.iter().zip(exps) {
                if let Some(cc) = c.info.country {
                    *weights.entry(cc).or_default() += weight * e / sum;
                }
            }
            total += weight;
        }
        if total > 0.0 {
            for w in weights.values_mut() {
                *w /= total;
            }
        }
        Focus { share: weights }
    }

    pub fn share(&self, country: Option<&str>) -> f64 {
        country.and_then(|c| self.share.get(c)).copied().unwrap_or(0.0)
    }

    /// Countries by share, largest first.
    pub fn ranked(&self) -> Vec<(&'static str, f64)> {
        let mut v: Vec<(&'static str, f64)> = self.share.iter().map(|(c, s)| (*c, *s)).collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        v
    }
}

/// True when `inner` lies in `outer` (same division, inside the box, or
/// close to a town that names its district).
pub fn contains(outer: &PlaceInfo<'_>, inner: &PlaceInfo<'_>) -> bool {
    if outer.id == inner.id {
        return false;
    }
    match outer.kind {
        PlaceKind::Country => outer.country.is_some() && outer.country == inner.country,
        PlaceKind::Admin1 => outer.admin1.is_some() && outer.admin1 == inner.admin1,
        PlaceKind::Admin2 => outer.admin2.is_some() && outer.admin2 == inner.admin2,
        PlaceKind::Area => outer.bbox.is_some_and(|b| b.contains(inner.lat, inner.lon)),
        // "Berdashen de la région de Martouni": a town standing for its district.
        _ => {
            !inner.kind.is_region()
                && inner.kind != PlaceKind::Admin2
                && haversine_km(outer.lat, outer.lon, inner.lat, inner.lon) < 40.0
        }
    }
}

/// Closeness bonus of a candidate to the other places of the document; a
/// region gets it for containing them ("Georgia" with Atlanta nearby is
/// the US state).
pub fn nearby(c: &PlaceInfo<'_>, others: &[PlaceInfo<'static>]) -> f64 {
    if c.kind.is_region() || c.kind == PlaceKind::Admin2 {
        let inside = others.iter().filter(|o| !o.kind.is_region() && contains(c, o)).count();
        return match inside {
            0 => 0.0,
            1 => 1.5,
            _ => 2.5,
        };
    }
    let mut best: f64 = 0.0;
    for o in others {
        let b = match o.kind {
            PlaceKind::Area => {
                if o.bbox.is_some_and(|b| b.contains(c.lat, c.lon)) {
                    1.5
                } else {
                    0.0
                }
            }
            PlaceKind::Country | PlaceKind::Admin1 => {
                if contains(o, c) {
                    0.8
                } else {
                    0.0
                }
            }
            _ => {
                let d = haversine_km(c.lat, c.lon, o.lat, o.lon);
                if d < 30.0 {
                    2.5
                } else if d < 100.0 {
                    2.0
                } else if d < 250.0 {
                    1.2
                } else if d < 600.0 {
                    0.5
                } else {
                    0.0
                }
            }
        };
        best = best.max(b);
    }
    best
}

/// How well a candidate fits the cue around its name.
pub fn cue_fit(c: &PlaceInfo<'_>, spot: &Spot) -> f64 {
    let admin = spot.feats.admin_after || spot.feats.before == Some(Cue::Admin);
    let kind = c.kind;
    let mut fit = 0.0;
    if admin && matches!(kind, PlaceKind::Admin1 | PlaceKind::Admin2 | PlaceKind::Seat) {
        fit += 1.0;
    }
    if spot.feats.before == Some(Cue::Settlement) {
        fit += match kind {
            PlaceKind::Town | PlaceKind::Seat | PlaceKind::Capital => 1.0,
            PlaceKind::Country | PlaceKind::Admin1 | PlaceKind::Area => -3.0,
            _ => 0.0,
        };
    }
    if spot.feats.direction.is_some() && kind.is_region() {
        fit += 1.0;
    }
    fit
}

/// The full score of a candidate.
pub fn score(c: &Cand, spot: &Spot, focus: &Focus, others: &[PlaceInfo<'static>], contained: bool) -> f64 {
    c.prior
        + FOCUS_WEIGHT * focus.share(c.info.country)
        + NEARBY_WEIGHT * nearby(&c.info, others)
        + cue_fit(&c.info, spot)
        + if contained { CONTAINER_BONUS } else { 0.0 }
}

/// The evidence that a spot, resolved to `c`, names a place. Metonyms are
/// decided apart (they are kept as actors whatever this says).
pub fn evidence(c: &Cand, spot: &Spot, focus: &Focus, others: &[PlaceInfo<'static>], contained: bool) -> f64 {
    let f = &spot.feats;
    let own_region_name = c.main && matches!(c.info.kind, PlaceKind::Country | PlaceKind::Area | PlaceKind::Capital);
    if f.title || f.stop || (f.stop_words && !own_region_name) {
        return f64::NEG_INFINITY;
    }
    if f.surname && spot.words == 1 && !own_region_name {
        return f64::NEG_INFINITY;
    }
    let single = spot.words == 1;
    let mut e = 0.0;
    if !single {
        e += 1.5;
    }
    e += match c.info.kind {
        PlaceKind::Country | PlaceKind::Area => 2.5,
        PlaceKind::Capital => 1.5,
        PlaceKind::Admin1 => 1.0,
        _ => 0.0,
    };
    let pop = c.info.population;
    e += if pop >= 1_000_000 {
        1.5
    } else if pop >= 100_000 {
        1.0
    } else if pop >= 10_000 {
        0.5
    } else {
        0.0
    };
    let cue = match f.before {
        Some(Cue::At) => 1.0,
        Some(Cue::Near) => 1.5,
        Some(Cue::Admin) => 2.0,
        Some(Cue::Settlement) => 2.5,
        _ => 0.0,
    };
    e += cue;
    if f.admin_after {
        e += 1.5;
    }
    if f.direction.is_some() {
        e += 1.0;
    }
    if contained {
        e += 2.0;
    }
    e += 0.8 * nearby(&c.info, others);
    e += 2.0 * focus.share(c.info.country);
    e += if c.main { 0.5 } else { -0.5 };
    if f.sentence_initial && single && cue == 0.0 {
        e -= 1.5;
    }
    if f.lowercase_elsewhere {
        e -= 2.0;
    }
    if f.next_cap {
        e -= if single { 2.0 } else { 1.0 };
    }
    if f.prev_cap {
        e -= 2.0;
    }
    if f.verb_after && !metonym_capable(c.info.kind) && single {
        e -= 2.5;
    }
    e
}

/// Precision of a resolved place, given the cues around its name.
pub fn precision(c: &PlaceInfo<'_>, spot: &Spot) -> PlacePrecision {
    let f = &spot.feats;
    match c.kind {
        PlaceKind::Country => PlacePrecision::Country,
        PlaceKind::Admin1 => PlacePrecision::Region,
        PlaceKind::Area if c.fcode == "ZONE" => PlacePrecision::Near,
        PlaceKind::Area => PlacePrecision::Region,
        PlaceKind::Admin2 => PlacePrecision::Near,
        _ if f.direction.is_some() => PlacePrecision::Near,
        _ if f.admin_after || matches!(f.before, Some(Cue::Near | Cue::Admin)) => PlacePrecision::Near,
        _ => PlacePrecision::Exact,
    }
}

/// Coordinates of the named part of a place with an extent ("le nord du
/// Haut-Karabakh"): the centre of that half (or quarter) of its box.
pub fn directional(c: &PlaceInfo<'_>, dir: Option<Direction>) -> (f64, f64) {
    match (dir, c.bbox) {
        (Some(d), Some(b)) => {
            let (dn, de) = d.steps();
            let (clat, clon) = b.centre();
            (clat + dn * (b.north - b.south) / 4.0, clon + de * (b.east - b.west) / 4.0)
        }
        _ => (c.lat, c.lon),
    }
}

/// The model's [`Place`] for a candidate.
pub fn to_place(c: &PlaceInfo<'_>, precision: PlacePrecision, coords: (f64, f64)) -> Place {
    Place {
        name: c.name.to_string(),
        geonameid: c.geonameid,
        lat: (coords.0 * 1e5).round() / 1e5,
        lon: (coords.1 * 1e5).round() / 1e5,
        country: c.country.and_then(alpha2_to_alpha3).map(str::to_string),
        precision,
    }
}
