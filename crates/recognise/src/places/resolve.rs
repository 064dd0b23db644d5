//! Resolution: choosing among the candidates of every spot of a document,
//! deciding whether a spot is a place at all, and how precisely it locates.
//!
//! A candidate's score adds its prior (population, feature class, whether
//! the name is its own or a GeoNames alternate), the document's context
//! ([`Focus`]: how much of the page's other names fall in the candidate's
//! country, first-order and second-order division), closeness to the
//! other places the page keeps, an explicit container ("X, région de Y",
//! "Alexandria, Louisiana") and the fit of the cue before it ("région de"
//! favours divisions and seats). Whether a spot is kept at all is a
//! separate tally of evidence (cues, capitalisation, person-name shapes,
//! population, context); see [`evidence`]. The weights are in [`WEIGHTS`].

use super::hash::Map as HashMap;

use warlog_gazetteer::{Gazetteer, PlaceInfo, PlaceKind, Posting};
use warlog_model::{Place, PlacePrecision, alpha2_to_alpha3, haversine_km};

use super::lexicon::{Cue, Direction};
use super::spot::Spot;

/// Candidates kept per spot, best prior first.
pub const MAX_CANDIDATES: usize = 40;
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
    let w = weights();
    let pop = w.population * (f64::from(p.population) + 1.0).log10();
    let (pop, kind) = match p.kind {
        PlaceKind::Country => (pop, w.country_kind),
        PlaceKind::Area => (pop, w.area_kind),
        // Division populations are sums over their towns: discount them so a
        // bare "Donetsk" is the city, not the oblast.
        PlaceKind::Admin1 => (pop - w.division_discount, w.admin1_kind),
        PlaceKind::Admin2 => (pop - w.division_discount, w.admin2_kind),
        PlaceKind::Capital => (pop, w.capital_kind),
        PlaceKind::Seat => (
            pop,
            match p.fcode {
                "PPLA" => w.ppla,
                "PPLA2" => w.ppla2,
                _ => 0.1,
            },
        ),
        PlaceKind::Town | PlaceKind::Landmark => (pop, 0.0),
    };
    // GeoNames alternate names are noisy ("Franklin" lists Columbus, Ohio):
    // a place's own name counts for much more.
    pop + kind + if main { w.main } else { 0.0 }
}

/// A place that can stand for a government: a country, a capital, a seat
/// of power.
pub fn metonym_capable(kind: PlaceKind) -> bool {
    matches!(kind, PlaceKind::Country | PlaceKind::Capital | PlaceKind::Landmark)
}

/// The weights of the resolver and of the evidence.
#[derive(Clone, Debug)]
pub struct Weights {
    /// Share of the page's other names in the candidate's country.
    pub focus: f64,
    /// Share of the page's other names in the candidate's first-order
    /// division ("Dublin" with "Ohio" and "Columbus" nearby).
    pub admin1: f64,
    /// Share of the page's other names in its second-order division
    /// ("Huntsville" with "Walker County").
    pub admin2: f64,
    /// Closeness to the places the previous pass kept ([`nearby`]).
    pub nearby: f64,
    /// Bonus for a candidate inside an explicit container.
    pub container: f64,
    /// Passes of resolution, each reading the page through the previous one.
    pub passes: usize,
    /// Weight of a demonym ("Russian", "arménienne") in the page's country mass.
    pub demonym: f64,
    /// Weight of log10(population) in the prior.
    pub population: f64,
    /// Prior bonus by kind of place.
    pub country_kind: f64,
    pub area_kind: f64,
    pub admin1_kind: f64,
    pub admin2_kind: f64,
    pub capital_kind: f64,
    pub ppla: f64,
    pub ppla2: f64,
    /// Prior bonus when the name is the place's own, not a GeoNames alternate.
    pub main: f64,
    /// Division populations are sums over their towns: discounted (log10).
    pub division_discount: f64,
    /// Evidence: share of the page's other names in the candidate's
    /// first-order division (a name among its neighbours is a place).
    pub evidence_admin1: f64,
    /// Evidence: added to every spot's tally.
    pub evidence_offset: f64,
    /// Evidence: a one-word name starting a sentence, without a cue.
    pub sentence_initial: f64,
    /// Evidence: a one-word name followed by another capitalised word.
    pub next_capital: f64,
    /// Evidence: a one-word name that is a common family name ("Bell").
    pub family_name: f64,
}

/// The weights in force, tuned on the tuning halves of GeoWebNews and LGL
/// (`warlog_eval::geoparsing::tuning_half`) with the seed pages' places as a
/// floor; the held-out halves were not looked at while tuning.
pub const WEIGHTS: Weights = Weights {
    focus: 5.0,
    admin1: 8.0,
    admin2: 9.0,
    nearby: 1.5,
    container: 6.0,
    passes: 3,
    demonym: 1.0,
    population: 1.0,
    country_kind: 4.0,
    area_kind: 3.5,
    admin1_kind: 1.0,
    admin2_kind: -1.5,
    capital_kind: 1.5,
    ppla: 0.8,
    ppla2: 0.0,
    main: 2.0,
    division_discount: 0.5,
    evidence_admin1: 3.0,
    evidence_offset: 0.0,
    sentence_initial: 1.5,
    next_capital: 1.0,
    family_name: 1.0,
};

/// The weights in force.
pub fn weights() -> &'static Weights {
    &WEIGHTS
}

/// How much of the document's place-name mass falls in each country and
/// first-order division: every plausible spot spreads its weight over its
/// candidates (by prior, then by the previous pass's scores). Kept per
/// name too, so that a name's context leaves out its own mentions: a name
/// does not vote for its own reading ("Georgia, Georgia, Georgia" makes no
/// focus on either Georgia).
#[derive(Debug, Default)]
pub struct Mass<'k> {
    country: HashMap<&'static str, f64>,
    admin1: HashMap<u16, f64>,
    admin2: HashMap<u32, f64>,
    total: f64,
    by_key: HashMap<&'k str, KeyMass>,
}

#[derive(Debug, Default)]
struct KeyMass {
    country: HashMap<&'static str, f64>,
    admin1: HashMap<u16, f64>,
    admin2: HashMap<u32, f64>,
    total: f64,
}

impl<'k> Mass<'k> {
    /// From `(key, candidates, probabilities, weight)` per spot.
    pub fn of<'a: 'k>(spots: impl Iterator<Item = (&'a str, &'a [Cand], &'a [f64], f64)>) -> Mass<'k> {
        let mut m = Mass::default();
        for (key, cands, probs, weight) in spots {
            if weight <= 0.0 || cands.is_empty() {
                continue;
            }
            let own = m.by_key.entry(key).or_default();
            for (c, p) in cands.iter().zip(probs) {
                let w = weight * p;
                if let Some(cc) = c.info.country {
                    *m.country.entry(cc).or_default() += w;
                    *own.country.entry(cc).or_default() += w;
                }
                if let Some(a1) = c.info.admin1 {
                    *m.admin1.entry(a1).or_default() += w;
                    *own.admin1.entry(a1).or_default() += w;
                }
                if let Some(a2) = c.info.admin2 {
                    *m.admin2.entry(a2).or_default() += w;
                    *own.admin2.entry(a2).or_default() += w;
                }
            }
            own.total += weight;
            m.total += weight;
        }
        m
    }

    /// The context of a spot named `key`: the other names' shares.
    pub fn context<'m>(&'m self, key: &str) -> Focus<'m> {
        Focus { mass: self, own: self.by_key.get(key) }
    }
}

/// The document's context for one name: the share of each country and
/// first-order division among the document's other names.
#[derive(Debug)]
pub struct Focus<'m> {
    mass: &'m Mass<'m>,
    own: Option<&'m KeyMass>,
}

impl Focus<'_> {
    fn others(&self) -> f64 {
        self.mass.total - self.own.map_or(0.0, |o| o.total)
    }

    pub fn share(&self, country: Option<&str>) -> f64 {
        let Some(c) = country else { return 0.0 };
        let all = self.mass.country.get(c).copied().unwrap_or(0.0);
        let own = self.own.and_then(|o| o.country.get(c)).copied().unwrap_or(0.0);
        let others = self.others();
        if others <= 1e-9 { 0.0 } else { ((all - own) / others).max(0.0) }
    }

    pub fn admin2_share(&self, admin2: Option<u32>) -> f64 {
        let Some(a) = admin2 else { return 0.0 };
        let all = self.mass.admin2.get(&a).copied().unwrap_or(0.0);
        let own = self.own.and_then(|o| o.admin2.get(&a)).copied().unwrap_or(0.0);
        let others = self.others();
        if others <= 1e-9 { 0.0 } else { ((all - own) / others).max(0.0) }
    }

    pub fn admin1_share(&self, admin1: Option<u16>) -> f64 {
        let Some(a) = admin1 else { return 0.0 };
        let all = self.mass.admin1.get(&a).copied().unwrap_or(0.0);
        let own = self.own.and_then(|o| o.admin1.get(&a)).copied().unwrap_or(0.0);
        let others = self.others();
        if others <= 1e-9 { 0.0 } else { ((all - own) / others).max(0.0) }
    }
}

/// Softmax of scores.
pub fn softmax(scores: impl Iterator<Item = f64> + Clone) -> Vec<f64> {
    let top = scores.clone().fold(f64::NEG_INFINITY, f64::max);
    let exps: Vec<f64> = scores.map(|s| (s - top).exp()).collect();
    let sum: f64 = exps.iter().sum();
    exps.into_iter().map(|e| e / sum).collect()
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

/// The places the previous pass kept, each with the name it was kept
/// under and how many mentions kept it: what [`Kept::nearby`] measures a
/// candidate against.
#[derive(Debug, Default)]
pub struct Kept {
    places: Vec<(PlaceInfo<'static>, u32, usize)>,
}

impl Kept {
    /// From `(name, place)`, one entry per mention kept.
    pub fn new(mut places: Vec<(u32, PlaceInfo<'static>)>) -> Kept {
        places.sort_by_key(|(n, p)| (p.id, *n));
        let mut out: Vec<(PlaceInfo<'static>, u32, usize)> = Vec::new();
        for (n, p) in places {
            match out.last_mut() {
                Some((q, m, count)) if q.id == p.id && *m == n => *count += 1,
                _ => out.push((p, n, 1)),
            }
        }
        Kept { places: out }
    }

    /// Closeness bonus of a candidate of name `name` to the places kept
    /// under the other names; a region gets it for containing them
    /// ("Georgia" with Atlanta nearby is the US state), counting mentions.
    pub fn nearby(&self, c: &PlaceInfo<'_>, name: u32) -> f64 {
        nearby(c, self.places.iter().filter(|(_, n, _)| *n != name).map(|(p, _, k)| (p, *k)))
    }
}

/// Mean radius of the Earth as [`haversine_km`] has it, per degree of latitude.
const KM_PER_DEGREE: f64 = 6371.0088 * std::f64::consts::PI / 180.0;

fn nearby<'a>(c: &PlaceInfo<'_>, others: impl Iterator<Item = (&'a PlaceInfo<'static>, usize)>) -> f64 {
    if c.kind.is_region() || c.kind == PlaceKind::Admin2 {
        let inside: usize = others.filter(|(o, _)| !o.kind.is_region() && contains(c, o)).map(|(_, n)| n).sum();
        return match inside {
            0 => 0.0,
            1 => 1.5,
            _ => 2.5,
        };
    }
    let mut best: f64 = 0.0;
    for (o, _) in others {
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
            // Two places a latitude apart are at least that far apart: most
            // pairs need no trigonometry (the margin covers rounding).
            _ if (c.lat - o.lat).abs() * KM_PER_DEGREE > 601.0 => 0.0,
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

/// The score of a candidate from the page alone: its prior, the page's
/// focus and its closeness `near` to the other places kept ([`Kept::nearby`]).
pub fn page_score(c: &Cand, focus: &Focus<'_>, near: f64) -> f64 {
    let w = weights();
    c.prior
        + w.focus * focus.share(c.info.country)
        + w.admin1 * focus.admin1_share(c.info.admin1)
        + w.admin2 * focus.admin2_share(c.info.admin2)
        + w.nearby * near
}

/// The full score of a candidate: its [`page_score`] and the cues of this
/// mention.
pub fn score(page: f64, c: &Cand, spot: &Spot, contained: bool) -> f64 {
    page + cue_fit(&c.info, spot) + if contained { weights().container } else { 0.0 }
}

/// The evidence that a spot, resolved to `c`, names a place. Metonyms are
/// decided apart (they are kept as actors whatever this says).
pub fn evidence(c: &Cand, spot: &Spot, focus: &Focus<'_>, near: f64, contained: bool) -> f64 {
    let w = weights();
    let f = &spot.feats;
    let own_region_name = c.main && matches!(c.info.kind, PlaceKind::Country | PlaceKind::Area | PlaceKind::Capital);
    if f.title || f.stop || (f.stop_words && !own_region_name) {
        return f64::NEG_INFINITY;
    }
    if (f.person_before || f.given_name) && !own_region_name {
        return f64::NEG_INFINITY;
    }
    // A short form of a division's name ("Pa.", "Ill.", "Calif.") is one
    // only after a town and a comma ("Scranton, Pa."): alone it is mostly
    // something else ("PA officials", "I'll").
    let after_town = f.listed_after.is_some() && !f.coordinated;
    if abbreviation(c, spot) && !after_town {
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
    e += 0.8 * near;
    e += w.evidence_admin1 * focus.admin1_share(c.info.admin1);
    e += if c.main { 0.5 } else { -0.5 };
    e += w.evidence_offset;
    if f.family_name && !own_region_name {
        e -= w.family_name;
    }
    if f.sentence_initial && single && cue == 0.0 {
        e -= w.sentence_initial;
    }
    if f.lowercase_elsewhere {
        e -= 2.0;
    }
    if f.next_cap {
        e -= if single { w.next_capital } else { 1.0 };
    }
    if f.prev_cap {
        e -= 2.0;
    }
    if f.verb_after && !metonym_capable(c.info.kind) && single {
        e -= 2.5;
    }
    e
}

/// Whether a spot names a first-order division by a short form that is not
/// the start of its name ("Pa." for Pennsylvania, not "Kansas" nor
/// "Donetsk" for "Donetsk Oblast").
pub fn abbreviation(c: &Cand, spot: &Spot) -> bool {
    spot.words == 1
        && spot.key.len() <= 5
        && c.info.kind == PlaceKind::Admin1
        && !warlog_gazetteer::key(c.info.name).starts_with(&spot.key)
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
