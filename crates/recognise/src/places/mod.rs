//! Places: toponyms in French and English text, resolved to coordinates
//! against the bundled gazetteer (`warlog-gazetteer`).
//!
//! [`Places::find`] works on a whole document. First it spots every name
//! the gazetteer knows ([`spot`]) and reads the words around it
//! (prepositions, "région de", titles, given names and initials that make
//! it a person's name, verbs, directions); demonyms ("Russian",
//! "arménienne") are not places but are noted as context. Then it resolves
//! the document at once ([`resolve`]), in passes: each spot spreads its
//! weight over its candidates, which gives the share of every country and
//! first- and second-order division among the page's names; a candidate
//! scores its prior (population, feature class), the shares of its own
//! country and divisions among the *other* names, an explicit container
//! ("Dublin, Ohio", "X, région de Y") and, from the second pass on,
//! closeness to the places already kept. Every mention of a name then takes
//! the reading its mentions agree on. A spot is reported when the evidence
//! that it is a place clears a threshold; a country or capital used as a
//! speaker ("Bakou affirme", "selon Moscou") is reported with
//! [`PlaceRole::Metonym`], for the claim extractor.
//!
//! ```
//! use warlog_model::{PlaceRole, Span};
//! let places = warlog_recognise::places::Places::new().unwrap();
//! let text = "Bakou affirme que la ville de Gandja a été bombardée.";
//! let found = places.find(text, &[], "fr");
//! assert_eq!(found[0].role, PlaceRole::Metonym);
//! assert_eq!(found[1].place.geonameid, Some(586523));
//! ```

mod hash;
mod lexicon;
pub mod resolve;
mod spot;

use hash::{Map as HashMap, Set as HashSet};

pub use warlog_gazetteer::PlaceKind;
use warlog_gazetteer::{Gazetteer, PlaceId, PlaceInfo, Posting, key};
use warlog_model::{Mention, MentionValue, Place, PlacePrecision, PlaceRole, Span, alpha2_to_alpha3};

use crate::token::TokenKind;
use lexicon::{Cue, Lexicon};
use resolve::{Cand, Focus};
use spot::{Region, Spot};

/// The places recogniser: the gazetteer and the word lists, loaded once;
/// `Send + Sync`, shared across threads.
pub struct Places {
    gaz: &'static Gazetteer<'static>,
    lex: Lexicon,
    /// The place each demonym of the lexicon stands for.
    demonyms: HashMap<String, (PlaceId, bool)>,
    /// [`Gazetteer::lowercase_heads`], for the spotter.
    heads: HashSet<String>,
}

/// The gazetteer could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum PlacesError {
    #[error("the bundled gazetteer cannot be read ({0}); rebuild data/gazetteer/gazetteer.bin")]
    Gazetteer(String),
}

/// A toponym found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceMatch {
    /// Byte range of the name in the text.
    pub span: Span,
    /// The resolved place (name, GeoNames id, coordinates, country, precision).
    pub place: Place,
    /// A location, or a country or capital standing for its government.
    pub role: PlaceRole,
    pub kind: PlaceKind,
    /// Other candidates considered, best first (at most four).
    pub alternatives: Vec<Place>,
    /// 0..1: how sure the choice among candidates and the call "place" are.
    pub confidence: f32,
}

impl PlaceMatch {
    pub fn to_mention(&self) -> Mention {
        Mention { span: self.span, value: MentionValue::Place { place: self.place.clone(), role: self.role } }
    }
}

/// One spot after resolution.
struct Resolved {
    spot: Spot,
    cands: Vec<Cand>,
    chosen: usize,
    contained: bool,
    evidence: f64,
    scores: Vec<f64>,
    role: PlaceRole,
    forced: bool,
    /// The named container, when the name itself fits none of its places
    /// ("Aygeovit, région de Kashatagh" with no Aygeovit there): the place
    /// is reported at the container, less precisely.
    fallback: Option<PlaceInfo<'static>>,
}

impl Resolved {
    fn kept(&self) -> bool {
        self.role == PlaceRole::Metonym || self.evidence >= resolve::KEEP_THRESHOLD
    }
}

impl Places {
    /// The recogniser over the gazetteer embedded in the binary.
    pub fn new() -> Result<Places, PlacesError> {
        let gaz = Gazetteer::embedded().map_err(|e| PlacesError::Gazetteer(e.to_string()))?;
        Ok(Places::with_gazetteer(gaz))
    }

    pub fn with_gazetteer(gaz: &'static Gazetteer<'static>) -> Places {
        let lex = Lexicon::load();
        let demonyms = demonym_places(gaz, &lex);
        let heads = gaz.lowercase_heads().map(str::to_string).collect();
        Places { gaz, lex, demonyms, heads }
    }

    pub fn gazetteer(&self) -> &'static Gazetteer<'static> {
        self.gaz
    }

    /// Toponyms of `text` within `regions` (the whole text when empty),
    /// resolved at document level. `lang` is a two-letter code (`fr`, `en`).
    pub fn find(&self, text: &str, regions: &[Span], lang: &str) -> Vec<PlaceMatch> {
        self.run(text, regions, lang, &[]).iter().filter(|r| r.kept()).map(|r| self.to_match(r)).collect()
    }

    /// Resolves given toponym spans (e.g. a benchmark's gold names) with the
    /// document as context: one answer per span, `None` when the gazetteer
    /// has no such name.
    pub fn resolve_spans(&self, text: &str, spans: &[Span], lang: &str) -> Vec<Option<PlaceMatch>> {
        let resolved = self.run(text, &[], lang, spans);
        spans
            .iter()
            .map(|s| resolved.iter().find(|r| r.forced && r.spot.span == *s).map(|r| self.to_match(r)))
            .collect()
    }

    /// Resolves a name on demand, preferring places in the `focus` countries
    /// (ISO alpha-2 or alpha-3).
    pub fn lookup(&self, name: &str, focus: &[&str]) -> Option<Place> {
        let cands = resolve::candidates(self.gaz, &self.gaz.lookup(&key(name)));
        let in_focus = |c: &Cand| {
            c.info.country.is_some_and(|cc| {
                focus.iter().any(|f| {
                    f.eq_ignore_ascii_case(cc) || alpha2_to_alpha3(cc).is_some_and(|a3| f.eq_ignore_ascii_case(a3))
                })
            })
        };
        let best = cands.iter().max_by(|a, b| {
            let sa = a.prior + if in_focus(a) { 4.0 } else { 0.0 };
            let sb = b.prior + if in_focus(b) { 4.0 } else { 0.0 };
            sa.total_cmp(&sb).then(b.info.id.cmp(&a.info.id))
        })?;
        let precision = match best.info.kind {
            PlaceKind::Country => PlacePrecision::Country,
            PlaceKind::Admin1 | PlaceKind::Area => PlacePrecision::Region,
            PlaceKind::Admin2 => PlacePrecision::Near,
            _ => PlacePrecision::Exact,
        };
        Some(resolve::to_place(&best.info, precision, (best.info.lat, best.info.lon)))
    }

    /// The ISO alpha-3 code of a country name in any spelling the gazetteer
    /// knows ("Azerbaïdjan", "azerbaidjan", "Royaume-Uni"), for the actors
    /// lexicon.
    pub fn country_by_name(&self, folded: &str) -> Option<&'static str> {
        self.gaz
            .lookup(&key(folded))
            .iter()
            .filter(|p| p.main)
            .filter_map(|p| self.gaz.place(p.place))
            .find(|p| p.kind == PlaceKind::Country)
            .and_then(|p| alpha2_to_alpha3(p.country?))
    }

    fn run(&self, text: &str, regions: &[Span], lang: &str, forced: &[Span]) -> Vec<Resolved> {
        let lists = self.lex.lang(lang);
        let whole = [Span::new(0, text.len())];
        let regions = if regions.is_empty() { &whole[..] } else { regions };
        let mut built = Vec::new();
        let mut next_sentence = 0;
        for span in regions {
            if text.get(span.start..span.end).is_none() {
                continue;
            }
            let region = Region::new(text, *span, next_sentence);
            next_sentence = region.sentence.last().map_or(next_sentence, |s| s + 1);
            built.push(region);
        }
        let mut found: Vec<Vec<Spot>> = Vec::with_capacity(built.len());
        for (i, region) in built.iter().enumerate() {
            let mut spots = spot::spot_region(self.gaz, &self.heads, region, i);
            if !forced.is_empty() {
                spots.retain(|s| !forced.iter().any(|f| f.overlaps(s.span)));
                spots.extend(forced_spots(self.gaz, region, i, forced, &self.demonyms, &self.lex));
                spots.sort_by_key(|s| s.first);
            }
            found.push(spots);
        }
        // The one-word names that the page also writes lowercase.
        let single: HashSet<&str> = found.iter().flatten().filter(|s| s.words == 1).map(|s| s.key.as_str()).collect();
        let mut lower: HashSet<&str> = HashSet::default();
        for region in &built {
            for (i, t) in region.tokens.iter().enumerate().filter(|(_, t)| t.kind == TokenKind::Word) {
                if single.contains(region.key(i)) && t.text(text).chars().next().is_some_and(char::is_lowercase) {
                    lower.insert(region.key(i));
                }
            }
        }
        let mut spots = Vec::new();
        let mut context = Vec::new();
        for (region, mut found) in built.iter().zip(found) {
            spot::describe(&mut found, region, &self.lex, lists, &lower);
            // A demonym is a people, not a place ("English" is no town in
            // Indiana); it still tells what the page is about.
            for s in found.iter_mut().filter(|s| !forced.contains(&s.span)) {
                if self.demonyms.contains_key(&spot::norm_text(s.span.slice(text))) {
                    s.feats.stop = true;
                }
            }
            context.extend(self.demonyms_in(region));
            spots.extend(found);
        }
        mark_surnames(self.gaz, &mut spots);
        self.resolve(spots, forced, &context)
    }

    /// The places that the demonyms of a region stand for, as context.
    fn demonyms_in(&self, r: &Region<'_>) -> Vec<PlaceId> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < r.tokens.len() {
            if r.tokens[i].kind != TokenKind::Word {
                i += 1;
                continue;
            }
            let two = (i + 1 < r.tokens.len()
                && r.tokens[i + 1].kind == TokenKind::Word
                && self.lex.demonym_heads.contains(r.folded(i)))
            .then(|| format!("{} {}", r.folded(i), r.folded(i + 1)))
            .and_then(|k| self.demonyms.get(&k));
            let (hit, width) = match two {
                Some(h) => (Some(h), 2),
                None => (self.demonyms.get(r.folded(i)), 1),
            };
            if let Some(&(place, capital)) = hit
                && (!capital || r.tokens[i].is_capitalised(r.text))
            {
                out.push(place);
            }
            i += width;
        }
        out
    }

    fn resolve(&self, spots: Vec<Spot>, forced: &[Span], context: &[PlaceId]) -> Vec<Resolved> {
        // Spots of one name with the same postings share their candidates
        // and, in each pass, the part of their scores that depends on the
        // page alone (most names recur).
        let mut names: Vec<&str> = Vec::new();
        let mut groups: Vec<Group> = Vec::new();
        let mut group_of = Vec::with_capacity(spots.len());
        {
            let mut name_index: HashMap<&str, u32> = HashMap::default();
            let mut group_index: HashMap<(&str, &[Posting]), usize> = HashMap::default();
            for s in &spots {
                let name = *name_index.entry(s.key.as_str()).or_insert_with(|| {
                    names.push(s.key.as_str());
                    names.len() as u32 - 1
                });
                let g = *group_index.entry((s.key.as_str(), &s.postings[..])).or_insert_with(|| {
                    groups.push(Group { name, cands: resolve::candidates(self.gaz, &s.postings) });
                    groups.len() - 1
                });
                group_of.push(g);
            }
        }
        let cands: Vec<Vec<Cand>> = group_of.iter().map(|&g| groups[g].cands.clone()).collect();
        let demonyms: Vec<Vec<Cand>> = context
            .iter()
            .map(|&p| resolve::candidates(self.gaz, &[Posting { place: p, main: true, lowercase_ok: true }]))
            .collect();
        let one = [1.0];
        let (containers, links) = containers(&spots, &cands);
        let plausible = |s: &Spot| {
            let f = &s.feats;
            !f.title
                && !f.person_before
                && !f.given_name
                && !f.stop
                && !f.stop_words
                && !f.surname
                && !(s.words == 1 && (f.next_cap || f.prev_cap || f.lowercase_elsewhere))
        };
        let mut weight: Vec<f64> = spots.iter().map(|s| if plausible(s) { base_weight(s) } else { 0.0 }).collect();
        // First reading of each spot: its candidates by prior.
        let mut probs: Vec<Vec<f64>> = cands.iter().map(|c| resolve::softmax(c.iter().map(|c| c.prior))).collect();
        let names: Vec<String> = names.into_iter().map(str::to_string).collect();
        let mut out: Vec<Resolved> = spots
            .into_iter()
            .zip(cands)
            .map(|(spot, cands)| Resolved {
                forced: forced.contains(&spot.span),
                spot,
                cands,
                chosen: 0,
                contained: false,
                evidence: f64::NEG_INFINITY,
                scores: Vec::new(),
                role: PlaceRole::Location,
                fallback: None,
            })
            .collect();
        // Each pass reads the document through the previous one: the mass of
        // every country and division among the other names, and closeness
        // to the places the previous pass kept.
        let passes = resolve::weights().passes.max(1);
        let demonym_weight = resolve::weights().demonym;
        let mut kept = resolve::Kept::default();
        for pass in 0..passes {
            let mass = resolve::Mass::of(
                group_of
                    .iter()
                    .zip(&probs)
                    .zip(&weight)
                    .map(|((&g, p), w)| (names[groups[g].name as usize].as_str(), &groups[g].cands[..], &p[..], *w))
                    .chain(demonyms.iter().map(|c| ("", &c[..], &one[..], demonym_weight))),
            );
            let mut bases: Vec<Option<(Vec<f64>, Vec<f64>)>> = vec![None; groups.len()];
            for (i, r) in out.iter_mut().enumerate() {
                let (g, n) = (&groups[group_of[i]], group_of[i]);
                let focus = mass.context(&names[g.name as usize]);
                let base = bases[n].get_or_insert_with(|| group_base(&g.cands, &focus, &kept, g.name));
                choose(r, &base.0, &containers[i]);
            }
            one_sense_per_name(&mut out);
            for (i, r) in out.iter_mut().enumerate() {
                let near = bases[group_of[i]].as_ref().map_or(&[][..], |b| &b.1[..]);
                assess(r, &mass.context(&r.spot.key), near, &containers[i]);
            }
            if pass + 1 < passes {
                probs = out.iter().map(|r| resolve::softmax(r.scores.iter().copied())).collect();
                // From now on a name counts in the mass as much as it is a place.
                for (w, r) in weight.iter_mut().zip(&out) {
                    if *w > 0.0 {
                        *w = base_weight(&r.spot) * placeness(r.evidence);
                    }
                }
                kept = resolve::Kept::new(
                    out.iter()
                        .zip(&group_of)
                        .filter(|(r, _)| r.kept() && r.role == PlaceRole::Location && !r.cands.is_empty())
                        .map(|(r, &g)| (groups[g].name, r.cands[r.chosen].info))
                        .collect(),
                );
            }
        }
        // A place named in a container it does not lie in is put at the container.
        let admin_cued: Vec<bool> = out.iter().map(|r| r.spot.feats.before == Some(Cue::Admin)).collect();
        let chosen: Vec<Option<PlaceInfo<'static>>> =
            out.iter().map(|r| r.cands.get(r.chosen).map(|c| c.info)).collect();
        for (i, r) in out.iter_mut().enumerate() {
            let Some(j) = links[i] else { continue };
            let (Some(c), Some(outer)) = (chosen[i], chosen[j]) else { continue };
            let explicit = outer.kind.is_region() || outer.kind == PlaceKind::Admin2 || admin_cued[j];
            let local = matches!(c.kind, PlaceKind::Town | PlaceKind::Seat);
            if explicit && local && !containers[i].iter().any(|b| *b) {
                r.fallback = Some(outer);
                // Named in a locative frame ("X, région de Y"): a place.
                r.evidence += 2.0;
            }
        }
        out.retain(|r| !r.cands.is_empty());
        out
    }

    fn to_match(&self, r: &Resolved) -> PlaceMatch {
        let c = &r.cands[r.chosen];
        let place = match &r.fallback {
            Some(outer) => {
                let precision = if outer.kind.is_region() { PlacePrecision::Region } else { PlacePrecision::Near };
                resolve::to_place(outer, precision, (outer.lat, outer.lon))
            }
            None => {
                let precision = resolve::precision(&c.info, &r.spot);
                let coords = resolve::directional(&c.info, r.spot.feats.direction);
                resolve::to_place(&c.info, precision, coords)
            }
        };
        let mut order: Vec<usize> = (0..r.cands.len()).filter(|&i| i != r.chosen).collect();
        order.sort_by(|&a, &b| r.scores[b].total_cmp(&r.scores[a]));
        let alternatives = order
            .iter()
            .take(4)
            .map(|&i| {
                let a = &r.cands[i].info;
                resolve::to_place(a, resolve::precision(a, &r.spot), (a.lat, a.lon))
            })
            .collect();
        // Softmax share of the chosen candidate, times how clearly it is a place.
        let top = r.scores[r.chosen];
        let sum: f64 = r.scores.iter().map(|s| (s - top).exp()).sum();
        let choice = 1.0 / sum;
        let mut confidence = if r.role == PlaceRole::Metonym { choice } else { choice * placeness(r.evidence) };
        if r.fallback.is_some() {
            confidence *= 0.5;
        }
        PlaceMatch {
            span: r.spot.span,
            place,
            role: r.role,
            kind: c.info.kind,
            alternatives,
            confidence: confidence as f32,
        }
    }
}

/// How much a spot weighs in the document's mass before its evidence is
/// known: a name of several words is more surely a place.
fn base_weight(s: &Spot) -> f64 {
    if s.words > 1 { 1.5 } else { 1.0 }
}

/// 0..1: how clearly the evidence says "place" (a logistic around the
/// keep threshold).
fn placeness(evidence: f64) -> f64 {
    1.0 / (1.0 + (-(evidence - resolve::KEEP_THRESHOLD)).exp())
}

/// One place per name in a page: every mention of a name takes the reading
/// its mentions agree on (the sum of their candidates' shares), or the one
/// an explicit container gave it ("Parkland, Florida ... Parkland").
/// Mentions with a container of their own keep theirs.
fn one_sense_per_name(out: &mut [Resolved]) {
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, r) in out.iter().enumerate() {
        if !r.cands.is_empty() && !r.scores.is_empty() {
            groups.entry(r.spot.key.as_str()).or_default().push(i);
        }
    }
    let mut updates: Vec<(usize, PlaceId)> = Vec::new();
    for members in groups.values().filter(|m| m.len() > 1) {
        let contained = members.iter().find(|&&i| out[i].contained);
        let best = match contained {
            Some(&i) => out[i].cands[out[i].chosen].info.id,
            None => {
                let mut votes: HashMap<PlaceId, f64> = HashMap::default();
                for &i in members {
                    let r = &out[i];
                    for (c, p) in r.cands.iter().zip(resolve::softmax(r.scores.iter().copied())) {
                        *votes.entry(c.info.id).or_default() += p;
                    }
                }
                let Some(best) = votes.into_iter().max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0))) else {
                    continue;
                };
                best.0
            }
        };
        updates.extend(members.iter().filter(|&&i| !out[i].contained).map(|&i| (i, best)));
    }
    for (i, id) in updates {
        let r = &mut out[i];
        if let Some(k) = r.cands.iter().position(|c| c.info.id == id) {
            r.chosen = k;
        }
    }
}

/// The candidates of one name (with one list of postings).
struct Group {
    name: u32,
    cands: Vec<Cand>,
}

/// The scores of a name's candidates before the cues of each mention
/// ([`resolve::page_score`]), and their closeness to the places kept under
/// other names.
fn group_base(cands: &[Cand], focus: &Focus<'_>, kept: &resolve::Kept, name: u32) -> (Vec<f64>, Vec<f64>) {
    let near: Vec<f64> = cands.iter().map(|c| kept.nearby(&c.info, name)).collect();
    (cands.iter().zip(&near).map(|(c, n)| resolve::page_score(c, focus, *n)).collect(), near)
}

/// Scores the candidates of a resolved spot and picks the best.
fn choose(r: &mut Resolved, base: &[f64], contained: &[bool]) {
    if r.cands.is_empty() {
        return;
    }
    r.scores = r
        .cands
        .iter()
        .zip(base)
        .enumerate()
        .map(|(k, (c, b))| resolve::score(*b, c, &r.spot, contained.get(k).copied().unwrap_or(false)))
        .collect();
    r.chosen = (0..r.cands.len()).max_by(|&a, &b| r.scores[a].total_cmp(&r.scores[b]).then(b.cmp(&a))).unwrap_or(0);
    r.contained = contained.get(r.chosen).copied().unwrap_or(false);
}

/// The evidence that a resolved spot is a place, and its role, for the
/// candidate it was given (`near`: each candidate's closeness to the
/// page's other places).
fn assess(r: &mut Resolved, focus: &Focus<'_>, near: &[f64], contained: &[bool]) {
    let Some(c) = r.cands.get(r.chosen) else { return };
    r.contained = contained.get(r.chosen).copied().unwrap_or(false);
    r.evidence = resolve::evidence(c, &r.spot, focus, near.get(r.chosen).copied().unwrap_or(0.0), r.contained);
    let f = &r.spot.feats;
    let speaker = f.verb_after || f.metonym_before;
    // A seat of power ("le Kremlin") is its institution unless the text is
    // about being there ("au Kremlin").
    let institution = c.info.kind == PlaceKind::Landmark && !matches!(f.before, Some(Cue::At | Cue::Near));
    r.role = if resolve::metonym_capable(c.info.kind) && (speaker || institution) && f.direction.is_none() {
        PlaceRole::Metonym
    } else {
        PlaceRole::Location
    };
}

/// For each spot, which of its candidates lie in an explicit container named
/// next to it ("X, région de Y", "X de la région de Y", "Alexandria,
/// Louisiana"), and which of a container's candidates contain the named
/// place (both get the bonus); and the container spot of each spot.
fn containers(spots: &[Spot], cands: &[Vec<Cand>]) -> (Vec<Vec<bool>>, Vec<Option<usize>>) {
    let mut out: Vec<Vec<bool>> = cands.iter().map(|c| vec![false; c.len()]).collect();
    let mut links = vec![None; spots.len()];
    for i in 0..spots.len() {
        let Some(j) = (i + 1..spots.len()).find(|&j| {
            let (a, b) = (&spots[i], &spots[j]);
            a.region == b.region && a.sentence == b.sentence && b.first > a.last
        }) else {
            continue;
        };
        let (a, b) = (&spots[i], &spots[j]);
        let gap = b.first - a.last - 1;
        let linked = match b.feats.before {
            Some(Cue::Admin) => gap <= 8,
            Some(Cue::At) => gap <= 2,
            _ => gap == 1 && b.feats.listed_after == Some(i) && !b.feats.coordinated,
        };
        if !linked {
            continue;
        }
        links[i] = Some(j);
        for (k, c) in cands[i].iter().enumerate() {
            for (l, d) in cands[j].iter().enumerate().take(8) {
                if resolve::contains(&d.info, &c.info) {
                    out[i][k] = true;
                    out[j][l] = true;
                }
            }
        }
    }
    (out, links)
}

/// A one-word name that follows a first name or a title somewhere in the
/// document ("John Kelly", "Mr. Kelly") is a surname there, and so wherever
/// it stands alone ("Kelly said"). Big places keep their name: "George
/// Washington" does not make every "Washington" a person.
fn mark_surnames(gaz: &'static Gazetteer<'static>, spots: &mut [Spot]) {
    // A name that some mention gives a place's cue ("near X", "the city of
    // X", "X County") is a place in this page ("to X" says too little).
    let placed: HashSet<&str> = spots
        .iter()
        .filter(|s| matches!(s.feats.before, Some(Cue::Near | Cue::Admin | Cue::Settlement)) || s.feats.admin_after)
        .map(|s| s.key.as_str())
        .collect();
    let surnames: HashSet<String> = spots
        .iter()
        .filter(|s| s.words == 1 && (s.feats.prev_cap || s.feats.title || s.feats.person_before))
        .filter(|s| !placed.contains(s.key.as_str()))
        .filter(|s| {
            s.postings
                .iter()
                .filter_map(|p| gaz.place(p.place))
                .all(|p| !(p.kind.is_region() || p.kind == PlaceKind::Capital || p.population >= 1_000_000))
        })
        .map(|s| s.key.clone())
        .collect();
    for s in spots.iter_mut() {
        s.feats.surname = s.words == 1 && surnames.contains(&s.key);
    }
}

/// The place each demonym of the lexicon stands for: a country by its ISO
/// code, else the first region, capital or city under that name. Forms
/// whose place the gazetteer lacks are left out.
fn demonym_places(gaz: &Gazetteer<'_>, lex: &Lexicon) -> HashMap<String, (PlaceId, bool)> {
    // Countries come first in the index, in the order of countries.tsv.
    let countries: HashMap<&str, PlaceId> = (0..gaz.len() as PlaceId)
        .map_while(|i| gaz.place(i).filter(|p| p.kind == PlaceKind::Country))
        .filter_map(|p| Some((p.country?, p.id)))
        .collect();
    let mut out = HashMap::default();
    for (form, (target, capital)) in &lex.demonyms {
        let place = if target.len() == 2 && target.bytes().all(|b| b.is_ascii_uppercase()) {
            countries.get(target.as_str()).copied()
        } else {
            gaz.lookup(&key(target)).iter().find(|p| p.main).map(|p| p.place)
        };
        if let Some(place) = place {
            out.insert(form.clone(), (place, *capital));
        }
    }
    out
}

/// Spots for given spans (benchmark names), whatever their capitalisation.
fn forced_spots(
    gaz: &Gazetteer<'_>,
    region: &Region<'_>,
    region_index: usize,
    forced: &[Span],
    demonyms: &HashMap<String, (PlaceId, bool)>,
    lex: &Lexicon,
) -> Vec<Spot> {
    let mut out = Vec::new();
    for f in forced {
        // Tokens touching the span: a gold "Russia" lies inside the token "Russia's".
        let first = region.tokens.iter().position(|t| t.span.overlaps(*f));
        let last = region.tokens.iter().rposition(|t| t.span.overlaps(*f));
        let (Some(first), Some(last)) = (first, last) else { continue };
        let slice = f.slice(region.text);
        let mut k = key(slice);
        // A demonym stands for its place ("Russian" is Russia, not a town).
        let mut postings = match demonyms.get(&spot::norm_text(slice)) {
            Some(&(place, _)) => vec![Posting { place, main: true, lowercase_ok: true }],
            None => gaz.lookup(&k),
        };
        // A gold name may include its article ("the Hague" is also "Hague").
        if postings.is_empty()
            && let Some(rest) = ["the ", "le ", "la ", "les ", "l "].iter().find_map(|a| k.strip_prefix(a))
        {
            k = rest.to_string();
            postings = gaz.lookup(&k);
        }
        // A name that holds a place name ("Dubai World Cup", "Benue state",
        // "University of California") is resolved by the longest such part.
        if postings.is_empty()
            && let Some((part, found)) = inner_name(gaz, lex, region, first, last)
        {
            k = part;
            postings = found;
        }
        if postings.is_empty() {
            continue;
        }
        let words = region.tokens[first..=last].iter().filter(|t| t.kind == TokenKind::Word).count();
        out.push(Spot {
            span: *f,
            key: k,
            words,
            strong: spot::strong(gaz, &postings),
            postings,
            feats: Default::default(),
            sentence: region.sentence[first],
            region: region_index,
            first,
            last,
        });
    }
    out
}

/// The longest run of words of tokens `first..=last` that is a name in the
/// gazetteer and not only stopwords (the strongest, then the first, of
/// runs as long), with its postings.
fn inner_name(
    gaz: &Gazetteer<'_>,
    lex: &Lexicon,
    region: &Region<'_>,
    first: usize,
    last: usize,
) -> Option<(String, Vec<Posting>)> {
    let words: Vec<usize> = (first..=last).filter(|&i| region.tokens[i].kind == TokenKind::Word).collect();
    let mut best: Option<(usize, bool, String, Vec<Posting>)> = None;
    for a in 0..words.len() {
        for b in a..words.len().min(a + spot::MAX_WORDS) {
            let text = &region.text[region.tokens[words[a]].span.start..region.tokens[words[b]].span.end];
            let k = key(text);
            if k.is_empty() || k.split(' ').all(|w| lex.stop.contains(w)) {
                continue;
            }
            let postings = gaz.lookup(&k);
            if postings.is_empty() {
                continue;
            }
            let strong = spot::strong(gaz, &postings);
            let n = b - a + 1;
            if best.as_ref().is_none_or(|(bn, bs, _, _)| (n, strong) > (*bn, *bs)) {
                best = Some((n, strong, k, postings));
            }
        }
    }
    best.map(|(_, _, k, p)| (k, p))
}

#[cfg(test)]
mod seeds;
#[cfg(test)]
mod tests;
