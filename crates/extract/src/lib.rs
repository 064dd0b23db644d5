//! Claims: who did what to whom, where, when, with what losses — and who
//! says so — from the sentences of a document's claim-yielding segments
//! (body, live-blog entries, social posts, captions; never comments or
//! boilerplate).
//!
//! The extractor reads an [`Input`]: the text, its sentences and the
//! mentions the recognisers resolved (places, dates, casualty figures,
//! weapons). For each sentence it finds event triggers (word lists per
//! language in `data/lexicons/<lang>/event_triggers.tsv`), decides each
//! trigger's type by its rule, keeps one candidate per happening, then reads
//! the source and stance from attribution cues (`claim_cues.tsv`) and the
//! arguments from the trigger's clause. Denials that only point back ("a
//! démenti ces affirmations") become claims of the denied event's type.
//!
//! ```
//! use warlog_extract::{Extractor, Input, Sentence};
//! use warlog_model::{Segment, SegmentKind, Span};
//! let text = "Les forces arméniennes ont bombardé la ville, a affirmé Bakou.";
//! let segments = [Segment::new(SegmentKind::Body, Span::new(0, text.len()))];
//! let sentences = [Sentence { span: Span::new(0, text.len()), segment: 0, block: 0, heading: false, lang: None }];
//! let input = Input { text, lang: "fr", published: None, segments: &segments, sentences: &sentences,
//!     places: &[], dates: &[], casualties: &[], weapons: &[], words: None, actors: None };
//! let claims = Extractor::new().extract(&input);
//! assert_eq!(claims[0].event_type.as_str(), "shelling");
//! assert_eq!(claims[0].source.to_string(), "AZE:government");
//! ```

mod arguments;
mod candidate;
mod clause;
mod input;
mod lexicon;
mod merge;
mod persons;
mod sentence;
mod source;

use warlog_model::{
    Actor, Claim, Date, EventDate, EventType, Place, PlacePrecision, Role, SegmentKind, Source, Span, Stance,
};
use warlog_recognise::actors::ActorLexicon;

pub use input::{DateHit, Input, Sentence};

use crate::candidate::Candidate;
use crate::clause::ClauseStarters;
use crate::input::Outcome;
use crate::lexicon::{Cue, Grammar, Lexicons};
use crate::sentence::SentenceView;
use crate::source::{Attribution, attribution_for, attributions};

/// The claim extractor: its word lists, loaded once and shared by threads.
pub struct Extractor {
    lex: Lexicons,
    actors: ActorLexicon,
    starters: ClauseStarters,
}

impl Default for Extractor {
    fn default() -> Self {
        Self::new()
    }
}

/// Claims older than this before the page date are background history.
const HISTORY_DAYS: i32 = 366;

/// Running state of the narrative while sentences are read in order.
#[derive(Default)]
struct Narrative {
    /// The last named source, for pronouns ("a-t-il dit").
    previous_source: Option<Source>,
    /// The last explicit date and the paragraph it was read in.
    carried: Option<(usize, EventDate)>,
    /// The date the lead paragraph of the sentence's section gives.
    lead: Option<EventDate>,
    /// The place the last sentence naming one named first, and its
    /// paragraph: what "ce village", "this town" point back to.
    named: Option<(usize, Place)>,
}

impl Extractor {
    pub fn new() -> Extractor {
        Extractor { lex: Lexicons::load(), actors: ActorLexicon::load(), starters: ClauseStarters::load() }
    }

    /// The actor lexicon (shared with callers that name parties).
    pub fn actor_lexicon(&self) -> &ActorLexicon {
        &self.actors
    }

    /// Every claim of the document, in text order.
    pub fn extract(&self, input: &Input<'_>) -> Vec<Claim> {
        let page_lang = if self.lex.triggers.contains_key(input.lang) { input.lang } else { "en" };
        let region = default_region(input);
        let mut narrative = Narrative::default();
        let mut claims: Vec<Claim> = Vec::new();
        let mut origins: Vec<merge::Origin> = Vec::new();

        // Pass 1: every sentence analysed; the people the page introduces
        // learnt; then the attributions each sentence makes.
        let mut analysed: Vec<(SentenceView<'_>, &str)> = Vec::new();
        for (index, sentence) in input.sentences.iter().enumerate() {
            let Some(segment) = input.segments.get(sentence.segment) else { continue };
            if !segment.kind.yields_claims() {
                continue;
            }
            let lang = sentence.lang.filter(|l| self.lex.triggers.contains_key(*l)).unwrap_or(page_lang);
            let view = SentenceView::new(input, index, *sentence, lang, &self.lex, &self.actors, &self.starters);
            analysed.push((view, lang));
        }
        let persons = {
            let just_views: Vec<&SentenceView<'_>> = analysed.iter().map(|(v, _)| v).collect();
            persons::Persons::learn_refs(&just_views)
        };
        let mut views: Vec<(SentenceView<'_>, &str, Vec<Attribution>)> = Vec::new();
        let mut previous: Option<Source> = None;
        let region_party = region
            .as_ref()
            .and_then(|r| self.lex.territory_at(r.lat, r.lon, input.published.map(|d| d.year())).map(str::to_string));
        for (mut view, lang) in analysed {
            persons.mark(&mut view);
            if let Some(party) = &region_party {
                separatists_of(&mut view, &self.lex, lang, party);
            }
            let atts = attributions(&view, &self.lex, lang, previous.as_ref());
            // The last party heard (a denier too) is who "il" refers to next.
            if let Some(a) = atts.last() {
                previous = Some(a.source.clone());
            }
            views.push((view, lang, atts));
        }
        let inherited = inherited_attributions(input, &views, &self.lex);
        let leads = lead_dates(input, &views);
        let theatres = self.section_theatres(input, &views, region.as_ref());

        // Pass 2: claims.
        for (k, (view, lang, atts)) in views.iter().enumerate() {
            let sentence = view.sentence;
            let segment = &input.segments[sentence.segment];
            let lang: &str = lang;
            narrative.previous_source = inherited[k].as_ref().map(|a| a.source.clone());
            narrative.lead = leads[k];
            let region = theatres[k].as_ref();
            let first_new = claims.len();
            let cands = if self.is_background(view, input.published) {
                Vec::new()
            } else {
                candidate::candidates(view, &self.lex, lang)
            };
            for cand in &cands {
                self.build(
                    input,
                    view,
                    lang,
                    cand,
                    atts,
                    inherited[k].as_ref(),
                    &narrative,
                    region,
                    segment.kind,
                    &mut claims,
                );
            }
            self.tallies(input, view, atts, &cands, &narrative, segment.kind, &mut claims);
            self.reference_denials(view, lang, atts, &cands, first_new, &mut claims);
            narrow_evidence(view, &mut claims[first_new..]);
            let group = section_group(input, sentence.segment);
            for c in &claims[first_new..] {
                let default_place = c.place.is_some()
                    && c.place.as_ref() == region
                    && !view.places.iter().any(|p| Some(&p.value.place) == c.place.as_ref());
                // A caption's short lines each show something; they announce
                // nothing told below them.
                let heading = sentence.heading && segment.kind != SegmentKind::Caption;
                origins.push(merge::Origin { segment: group, heading, default_place });
            }
            if let Some(d) = view.dates.iter().rev().find(|d| d.value.date.is_known()) {
                narrative.carried = Some((sentence.block, d.value.date));
            }
            let town = view.places.iter().find(|p| p.value.place.precision != PlacePrecision::Country);
            if let Some(p) = town.or(view.places.first()) {
                narrative.named = Some((sentence.block, p.value.place.clone()));
            }
        }
        if let Some(published) = input.published {
            let keep: Vec<bool> = claims.iter().map(|c| !is_history(c, published)).collect();
            let mut k = keep.iter();
            claims.retain(|_| *k.next().unwrap_or(&true));
            let mut k = keep.iter();
            origins.retain(|_| *k.next().unwrap_or(&true));
        }
        link_denials(&mut claims);
        let mut claims = merge::merge(claims, origins);
        date_denials(&mut claims);
        claims
    }

    #[allow(clippy::too_many_arguments)]
    fn build(
        &self,
        input: &Input<'_>,
        view: &SentenceView<'_>,
        lang: &str,
        cand: &Candidate,
        atts: &[Attribution],
        inherited: Option<&Attribution>,
        narrative: &Narrative,
        region: Option<&Place>,
        kind: SegmentKind,
        out: &mut Vec<Claim>,
    ) {
        let trig = view.triggers[cand.trigger];
        let clause = cand.clause;
        let denial = view.cues.iter().find(|c| c.value == Cue::Deny && c.start >= clause.start && c.start < clause.end);
        let denier = denial.and_then(|d| atts.iter().find(|a| a.cue == Cue::Deny && a.cue_at == d.start));
        let own = attribution_for(view, atts, clause);
        let att = own.or(inherited);
        // An inherited source was named in another sentence: none of this
        // sentence's parties is it.
        let (source, source_span, source_actor) = match (denier, att) {
            (Some(d), _) => (d.source.clone(), d.span, d.actor_index),
            (None, Some(a)) => (a.source.clone(), a.span, own.and(a.actor_index)),
            (None, None) => (Source::Outlet, None, None),
        };
        let hedged = att.is_some_and(|a| matches!(a.cue, Cue::SourceHedged | Cue::SayHedged))
            // A hedge after the trigger hedges it only close by: "censé" far
            // after qualifies another noun ("en violation d'une trêve censée").
            || SentenceView::in_clause(&view.cues, clause)
                .any(|c| c.value == Cue::Hedge && (c.start < trig.start || c.start <= trig.end + 4))
            || view.cues.iter().any(|c| c.value == Cue::Hedge && c.start < trig.start);
        let stance = if cand.held || denial.is_some() {
            Stance::Denied
        } else if hedged {
            Stance::Hedged
        } else {
            Stance::Asserted
        };
        let event_type = cand.event_type;
        let mut claim = Claim::new(event_type, source, stance, view.sentence.span, kind);
        claim.source_span = source_span;
        claim.trigger = trig.span;
        claim.date = self.date_for(input, view, lang, trig.start, clause, narrative);
        let exclude: Vec<usize> = source_actor.into_iter().collect();
        let (a1, a2) = arguments::actors(view, &self.lex, lang, event_type, trig.start, trig.end, clause, &exclude);
        let (a1, a2) = if trig.value.reverse { (a2, a1) } else { (a1, a2) };
        claim.actor1 = a1;
        claim.actor2 = a2;
        // "ses forces", "its aircraft": the party speaking acts.
        let possessive = (trig.start.saturating_sub(4).max(clause.start)..trig.start).any(|i| {
            self.lex.is(lang, view.word(i), Grammar::Possessive)
                && (view.actors.iter().any(|a| a.start == i + 1) || view.weapons.iter().any(|w| w.start == i + 1))
        });
        if claim.actor1.is_none()
            && possessive
            && let Some(speaker) = claim.source.actor()
        {
            let role = if event_type.is_violent() { Role::Military } else { speaker.role };
            claim.actor1 = Some(Actor::new(&speaker.country, role));
        }
        let target = if event_type.is_violent() {
            arguments::target_role(view, &self.lex, lang, trig.end, clause)
        } else {
            None
        };
        if matches!(event_type, EventType::Appeal | EventType::Accusation | EventType::Negotiation)
            && claim.actor1.is_none()
        {
            claim.actor1 = claim.source.actor().cloned();
        }
        // A call or an accusation is a speech act: with no one else cited,
        // whoever makes it is its source.
        if matches!(event_type, EventType::Appeal | EventType::Accusation)
            && claim.source == Source::Outlet
            && let Some(a1) = &claim.actor1
        {
            claim.source = Source::Party(a1.clone());
        }
        if event_type.is_violent() {
            let (killed, wounded, victims) = arguments::casualties(view);
            claim.killed = killed;
            claim.wounded = wounded;
            claim.victims = victims;
        }
        let (weapons, mode) = arguments::weapons(view, clause);
        claim.weapons = weapons;
        if event_type == EventType::AirStrike {
            claim.mode = mode;
        }
        if event_type == EventType::TerritoryTaken {
            claim.taken_by = claim.actor1.clone();
            claim.lost_by = claim.actor2.clone();
            if cand.held {
                // The holder denies; the taker is whoever else the text names.
                claim.taken_by = None;
            }
        }
        let in_clause = |kinds: &[Cue]| SentenceView::in_clause(&view.cues, clause).any(|c| kinds.contains(&c.value));
        if event_type == EventType::Ceasefire {
            claim.violated = in_clause(&[Cue::Violate, Cue::TruceBroken]);
        }
        let mut exclude_spans: Vec<Span> = source_span.into_iter().collect();
        // "…, selon un journaliste de l'AFP présent à Stepanakert": where the
        // source stands is not where the event happened.
        if let Some(a) = att.filter(|a| matches!(a.cue, Cue::SourceBefore | Cue::SourceHedged) && a.cue_at > trig.end) {
            let end = view.clause(a.cue_at).end;
            exclude_spans.push(view.span_of(a.cue_at, end));
        }
        let mut places = arguments::places(view, &self.lex, lang, clause, trig.start, event_type, &exclude_spans);
        if places.is_empty()
            && arguments::points_back_to_a_place(view, &self.lex, lang, clause)
            && let Some((block, place)) = &narrative.named
            && *block == view.sentence.block
        {
            places.push(place.clone());
        }
        // Violence, forces moved or put on alert and people captured with no
        // place of their own happened in the conflict's region; any claim
        // set "dans l'enclave", "in the conflict zone" refers back to it.
        let set_in_region = event_type.is_violent()
            || matches!(event_type, EventType::Deployment | EventType::Alert | EventType::CaptureOfPersons)
            || arguments::names_region(view, &self.lex, lang, clause);
        if places.is_empty() && set_in_region {
            places.extend(region.cloned());
        }
        let year = claim.date.bounds().map(|(a, _)| a.year());
        let only_default = places.len() == 1
            && region.is_some_and(|r| places[0] == *r)
            && !view.places.iter().any(|p| p.value.place == places[0]);
        let read_places = !places.is_empty() && !only_default;
        // Parties named together as the source each assert the claim.
        let co_sources: Vec<&Attribution> = match (denier, att) {
            (None, Some(a)) => {
                atts.iter().filter(|b| b.cue_at == a.cue_at && b.source != a.source && b.cue == a.cue).collect()
            }
            _ => Vec::new(),
        };
        let mut made: Vec<Claim> = Vec::new();
        if places.is_empty() {
            self.victims_as_actor(&mut claim, None, year);
            self.sides(&mut claim, None, target, year);
            made.push(claim);
        } else {
            for place in places {
                let mut c = claim.clone();
                self.victims_as_actor(&mut c, Some(&place), year);
                // A default region says nothing about who holds the ground hit.
                self.sides(&mut c, read_places.then_some(&place), target, year);
                c.place = Some(place);
                made.push(c);
            }
        }
        for c in &mut made {
            let context = c.place.clone().or_else(|| region.cloned());
            self.foreign_fighters(c, context.as_ref(), year);
        }
        let own_claims = made.len();
        for co in co_sources {
            let copies: Vec<Claim> = made[..own_claims]
                .iter()
                .map(|c| Claim { source: co.source.clone(), source_span: co.span, ..c.clone() })
                .collect();
            made.extend(copies);
        }
        out.extend(made);
    }

    /// Who was hit and who struck, when the text leaves one out: the target
    /// noun gives the victims' role and the place (or the reporting party)
    /// their side; in a two-sided conflict the attacker is the other side.
    fn sides(&self, claim: &mut Claim, place: Option<&Place>, target: Option<Role>, year: Option<i16>) {
        if !claim.event_type.is_violent() || claim.event_type == EventType::TerritoryTaken {
            return;
        }
        let holder = place
            .and_then(|p| self.lex.territory_at(p.lat, p.lon, year).map(str::to_string).or_else(|| p.country.clone()));
        // Victims a party reports are its own ("29 militaires tués", said the
        // Karabakh ministry): losses are counted by their side.
        let reporter = claim.source.actor().map(|a| a.country.clone());
        let victims_role = match claim.victims {
            Some(warlog_model::Victims::Military) => Some(Role::Military),
            Some(warlog_model::Victims::Civilians) => Some(Role::Civilians),
            _ => None,
        };
        let same_side = |a: &str, b: &str| {
            a == b
                || self.lex.sides.iter().any(|s| {
                    (s.a.iter().any(|c| c == a) && s.a.iter().any(|c| c == b))
                        || (s.b.iter().any(|c| c == a) && s.b.iter().any(|c| c == b))
                })
        };
        if let (Some(a2), Some(r)) = (&mut claim.actor2, &reporter)
            && victims_role.is_some()
            && a2.country != *r
            && same_side(&a2.country, r)
        {
            a2.country = r.clone();
        }
        if claim.actor2.is_none()
            && let (Some(role), Some(r)) = (victims_role, &reporter)
            && claim.killed.is_some()
            && claim.actor1.as_ref().is_none_or(|a1| !same_side(&a1.country, r))
        {
            claim.actor2 = Some(Actor::new(r, role));
        }
        // The other side was hit: civilians are the place's holder's, soldiers
        // the opposing army's — when the text says who was hit (a target
        // noun, victims). A strike on a named district or region says where,
        // not whom: actor2 stays unknown, as GOLD.md codes it.
        let role = target.or(victims_role);
        if claim.actor2.is_none()
            && let Some(role) = role
        {
            let opponent = claim.actor1.as_ref().and_then(|a1| self.lex.opponent(&a1.country)).map(str::to_string);
            let holder_opposed =
                holder.clone().filter(|h| claim.actor1.as_ref().is_none_or(|a1| !same_side(h, &a1.country)));
            // Soldiers hit on ground their side's ally holds are that ally's
            // (Karabakh Armenians' units in Karabakh, not Armenia's).
            let allied_holder = holder_opposed.clone().filter(|h| opponent.as_ref().is_some_and(|o| same_side(h, o)));
            let side = if role == Role::Civilians {
                holder_opposed.or(opponent)
            } else {
                allied_holder.or(opponent).or(holder_opposed)
            };
            if let Some(code) = side {
                claim.actor2 = Some(Actor::new(&code, role));
            }
        }
        if claim.actor1.is_none() {
            let victim_side = claim.actor2.as_ref().map(|a| a.country.clone()).or(holder).or_else(|| {
                claim.source.actor().filter(|a| self.lex.opponent(&a.country).is_some()).map(|a| a.country.clone())
            });
            if let Some(attacker) = victim_side.as_deref().and_then(|v| self.lex.opponent(v)) {
                claim.actor1 = Some(Actor::new(attacker, Role::Military));
            }
        }
    }

    /// Fighters moved, recruited or caught far from home ("des combattants
    /// syriens" sent to Azerbaijan or Libya) are mercenaries: an armed group
    /// of a country that is not where it fights nor on a side of the war
    /// there.
    fn foreign_fighters(&self, claim: &mut Claim, place: Option<&Place>, year: Option<i16>) {
        use EventType::{CaptureOfPersons, Deployment, Recruitment};
        if !matches!(claim.event_type, Deployment | Recruitment | CaptureOfPersons) {
            return;
        }
        let Some(place) = place else { return };
        let Some(holder) =
            self.lex.territory_at(place.lat, place.lon, year).map(str::to_string).or_else(|| place.country.clone())
        else {
            return;
        };
        let at_war_there = |code: &str| {
            code == holder
                || self.lex.sides.iter().any(|s| {
                    let on = |c: &str| s.a.iter().chain(&s.b).any(|x| x == c);
                    on(&holder) && on(code)
                })
        };
        for actor in [&mut claim.actor1, &mut claim.actor2].into_iter().flatten() {
            if actor.role == Role::ArmedGroup && !at_war_there(&actor.country) {
                actor.role = Role::Mercenaries;
            }
        }
    }

    /// Civilians with no country take the party holding the place.
    fn victims_as_actor(&self, claim: &mut Claim, place: Option<&Place>, year: Option<i16>) {
        let needs = claim.victims == Some(warlog_model::Victims::Civilians)
            && claim.actor2.as_ref().is_none_or(|a| a.role != Role::Civilians);
        if !needs {
            return;
        }
        let Some(place) = place else { return };
        let code =
            self.lex.territory_at(place.lat, place.lon, year).map(str::to_string).or_else(|| place.country.clone());
        if let Some(code) = code {
            claim.actor2 = Some(Actor::new(&code, Role::Civilians));
        }
    }

    /// The region each sentence's claims fall back on: the page's, unless
    /// its section (from one heading to the next, or a live-blog entry)
    /// moves to another theatre — it names as locations only places outside
    /// the page region's conflict (a part on Ukraine in a page on
    /// Karabakh); then the place it names most.
    fn section_theatres(
        &self,
        input: &Input<'_>,
        views: &[(SentenceView<'_>, &str, Vec<Attribution>)],
        page: Option<&Place>,
    ) -> Vec<Option<Place>> {
        let Some(page) = page else { return vec![None; views.len()] };
        let holder = self.lex.territory_at(page.lat, page.lon, input.published.map(|d| d.year()));
        let home: Vec<&str> = page.country.as_deref().into_iter().chain(holder).collect();
        let at_war = |code: &str| {
            home.contains(&code)
                || self.lex.sides.iter().any(|s| {
                    let on = |c: &str| s.a.iter().chain(&s.b).any(|x| x == c);
                    on(code) && home.iter().any(|h| on(h))
                })
        };
        let in_conflict = |p: &Place| {
            p.country.as_deref().is_some_and(at_war)
                || self.lex.territory_at(p.lat, p.lon, input.published.map(|d| d.year())).is_some_and(at_war)
        };
        let mut heading_count = 0usize;
        let keys: Vec<(usize, usize)> = views
            .iter()
            .map(|(v, _, _)| {
                let kind = input.segments[v.sentence.segment].kind;
                if kind == SegmentKind::Body && v.sentence.heading {
                    heading_count += 1;
                }
                match kind {
                    SegmentKind::Body => (usize::MAX, heading_count),
                    _ => (section_group(input, v.sentence.segment), 0),
                }
            })
            .collect();
        let mut out: Vec<Option<Place>> = vec![Some(page.clone()); views.len()];
        let mut start = 0;
        while start < views.len() {
            let end = (start..views.len()).find(|&j| keys[j] != keys[start]).unwrap_or(views.len());
            let named: Vec<&Place> = views[start..end]
                .iter()
                .flat_map(|(v, _, _)| v.places.iter().map(|p| &p.value.place))
                .filter(|p| matches!(p.precision, PlacePrecision::Region | PlacePrecision::Country))
                .collect();
            let all: Vec<&Place> =
                views[start..end].iter().flat_map(|(v, _, _)| v.places.iter().map(|p| &p.value.place)).collect();
            if !named.is_empty() && !all.iter().any(|p| in_conflict(p)) {
                let count = |p: &Place| named.iter().filter(|q| q.name == p.name).count();
                let top = named.iter().rev().copied().max_by_key(|p| count(p)).cloned();
                for o in &mut out[start..end] {
                    o.clone_from(&top);
                }
            }
            start = end;
        }
        out
    }

    /// The date of an event: a date in its clause, else in its sentence,
    /// else the date carried from earlier in the paragraph, else — for a
    /// statement in the present tense in a dated entry — the entry's date.
    fn date_for(
        &self,
        input: &Input<'_>,
        view: &SentenceView<'_>,
        lang: &str,
        t: usize,
        clause: clause::Clause,
        narrative: &Narrative,
    ) -> EventDate {
        // A date that names a thing ("la déclaration du 9 novembre", "the
        // agreement of 10 November") does not date the event.
        let names_a_thing = |d: &sentence::Located<&DateHit>| {
            let of = |i: usize| matches!(view.word(i), "du" | "de" | "d" | "of");
            // "la matinée du 9 octobre", "the night of 3 May" date the event.
            let of_at = if of(d.start) { Some(d.start) } else { d.start.checked_sub(1).filter(|&i| of(i)) };
            let time_of_day = of_at.is_some_and(|i| i > 0 && self.lex.is(lang, view.word(i - 1), Grammar::TimeNoun));
            let attributive = matches!(d.value.date, EventDate::Day(_)) && of_at.is_some() && !time_of_day;
            attributive
                || (d.start.saturating_sub(3)..d.start).any(|i| self.lex.is(lang, view.word(i), Grammar::DatedNoun))
        };
        // "depuis son entrée en vigueur samedi", "since its start on
        // Saturday": from that day to the day the text is written.
        let reference = input.segments[view.sentence.segment].date.or(input.published);
        let since = |d: &sentence::Located<&DateHit>| {
            let from = d.start.saturating_sub(6).max(clause.start);
            let opened = (from..d.start)
                .rev()
                .take_while(|&i| !view.words[i].punct)
                .any(|i| self.lex.is(lang, view.word(i), Grammar::Since));
            match (d.value.date, reference) {
                (EventDate::Day(day), Some(to)) if opened && day < to => EventDate::range(day, to),
                (date, _) => date,
            }
        };
        let nearest = |it: &mut dyn Iterator<Item = &sentence::Located<&DateHit>>| {
            it.filter(|d| d.value.date.is_known() && !names_a_thing(d)).min_by_key(|d| d.start.abs_diff(t)).map(since)
        };
        if let Some(d) = nearest(&mut SentenceView::in_clause(&view.dates, clause)) {
            return d;
        }
        // A date elsewhere in the sentence, unless it lies in a clause that
        // tells another event ("…, où il était arrivé le 20 septembre").
        let own = |d: &&sentence::Located<&DateHit>| {
            let c = view.clause(d.start);
            c == clause || !view.triggers.iter().any(|g| g.start >= c.start && g.start < c.end)
        };
        if let Some(d) = nearest(&mut view.dates.iter().filter(own)) {
            return d;
        }
        // (Carrying a date on through a whole entry or segment was measured
        // on the seeds: it dated more claims wrongly than rightly.)
        if let Some((block, d)) = narrative.carried
            && block == view.sentence.block
        {
            return d;
        }
        // A statement in the present or the imperfect ("bombardent",
        // "bombardaient") tells the day of its entry, or of its section's
        // lead; a compound past with no date of its own may be any day
        // before. Points in a list are what someone holds, not news of a day.
        // The verb is the trigger's or stands before it, or right after a
        // nominal subject ("des bombardements ont visé").
        let scope = self.tense_scope(view, lang, t, clause);
        // A nominal subject's verb may come after its complements ("le
        // cessez-le-feu parrainé par les États-Unis n'a pas tenu"): its first
        // auxiliary tells the tense.
        let nominal = t > scope.start && self.lex.is(lang, view.word(t - 1), Grammar::Determiner);
        let first_aux = (t + 1..scope.end.min(view.words.len()))
            .find(|&i| self.lex.is(lang, view.word(i), Grammar::Auxiliary) || view.words[i].punct);
        let verb = first_aux.filter(|&i| nominal && !view.words[i].punct).map(|i| clause::Clause {
            start: i,
            end: (i + 3).min(scope.end),
            ..scope
        });
        let scope = clause::Clause { end: scope.end.min(t + 3), ..scope };
        if self.is_past(view, lang, scope)
            || verb.is_some_and(|v| self.is_past(view, lang, v))
            || is_bullet(input, view)
        {
            return EventDate::Unknown;
        }
        let segment = &input.segments[view.sentence.segment];
        if let Some(entry_date) = segment.date {
            return EventDate::Day(entry_date);
        }
        narrative.lead.unwrap_or(EventDate::Unknown)
    }

    /// A sentence about years long past ("une guerre ayant fait 30.000 morts
    /// dans les années 1990"): background, not news.
    fn is_background(&self, view: &SentenceView<'_>, published: Option<Date>) -> bool {
        let Some(published) = published else { return false };
        let recent_date = view.dates.iter().any(|d| d.value.date.is_known());
        let old_year = view.words.iter().any(|w| {
            w.folded.len() == 4 && w.folded.parse::<i16>().is_ok_and(|y| (1900..published.year() - 1).contains(&y))
        });
        old_year && !recent_date
    }

    /// The words whose verb tells the trigger's tense: its clause, from the
    /// last "que"/"that" before it ("a affirmé que les forces bombardaient").
    fn tense_scope(&self, view: &SentenceView<'_>, lang: &str, t: usize, clause: clause::Clause) -> clause::Clause {
        let start = (clause.start..t).rev().find(|&i| self.lex.is(lang, view.word(i), Grammar::Complementizer));
        clause::Clause { start: start.unwrap_or(clause.start), ..clause }
    }

    /// A compound past ("a bombardé", "has shelled") in the trigger's clause.
    fn is_past(&self, view: &SentenceView<'_>, lang: &str, clause: clause::Clause) -> bool {
        let n = clause.end.min(view.words.len());
        (clause.start..n).any(|i| {
            self.lex.is(lang, view.word(i), Grammar::PastAux)
                && (i + 1..(i + 3).min(n)).any(|j| {
                    let w = view.word(j);
                    w.ends_with('e')
                        || w.ends_with("es")
                        || w.ends_with("ed")
                        || w.ends_with("en")
                        || w.ends_with('u')
                        || w.ends_with('i')
                })
        })
    }

    /// Running totals ("ce qui porte à 480 le nombre de soldats tués depuis
    /// le 27 septembre") become casualty tallies of the counting party.
    #[allow(clippy::too_many_arguments)]
    fn tallies(
        &self,
        input: &Input<'_>,
        view: &SentenceView<'_>,
        atts: &[Attribution],
        cands: &[Candidate],
        narrative: &Narrative,
        kind: SegmentKind,
        out: &mut Vec<Claim>,
    ) {
        // Running totals, and equipment destroyed (losses, not deaths) — not
        // equipment lost in an event the clause tells ("un drone abattu").
        let in_event = |c: &sentence::Located<&warlog_recognise::casualties::Casualty>| {
            let clause = view.clause(c.start);
            cands.iter().any(|k| k.event_type.is_violent() && k.clause == clause)
        };
        let tally = |c: &&sentence::Located<&warlog_recognise::casualties::Casualty>| {
            c.value.cumulative || (c.value.outcome == Outcome::Destroyed && c.value.count.is_some() && !in_event(c))
        };
        for c in view.casualties.iter().filter(tally) {
            let clause = view.clause(c.start);
            let att = attribution_for(view, atts, clause);
            let source = att.map(|a| a.source.clone()).unwrap_or(Source::Outlet);
            let hedged = view.cues.iter().any(|q| q.value == Cue::Hedge);
            let stance = if hedged { Stance::Hedged } else { Stance::Asserted };
            let mut claim = Claim::new(EventType::CasualtyTally, source, stance, view.sentence.span, kind);
            claim.trigger = c.span;
            claim.source_span = att.and_then(|a| a.span);
            // `killed` counts people: "60 drones détruits" is no death.
            match c.value.outcome {
                Outcome::Killed => claim.killed = c.value.count,
                Outcome::Wounded => claim.wounded = c.value.count,
                Outcome::Destroyed => {}
                _ => continue,
            }
            // Where the losses were counted, when the tally says it ("tués à
            // Gaza depuis octobre", "destroyed in Ukraine").
            // The figure's last word is its verb ("60 drones destroyed").
            let verb = c.end.saturating_sub(1);
            claim.place = arguments::places(view, &self.lex, input.lang, clause, verb, EventType::CasualtyTally, &[])
                .into_iter()
                .next();
            claim.victims = Some(c.value.victims);
            claim.actor2 = self.tally_side(view, c, &claim.source);
            // A running total counts from a start ("since the war began in
            // April 2023") up to the page's date.
            let date = self.date_for(input, view, input.lang, c.start, clause, narrative);
            claim.date = match (date, input.published) {
                (EventDate::Month { .. }, Some(p)) => date.bounds().map_or(date, |(from, _)| EventDate::range(from, p)),
                _ => date,
            };
            claim.as_of = claim.date.bounds().map(|(_, to)| to).or(input.published);
            out.push(claim);
        }
    }

    /// Whose losses a running total counts: the party its figure names ("480
    /// soldats arméniens"), read as the counting party when that is its ally
    /// (the Karabakh ministry counting "Armenian" soldiers); with none named,
    /// the counting party's own.
    fn tally_side(
        &self,
        view: &SentenceView<'_>,
        c: &sentence::Located<&warlog_recognise::casualties::Casualty>,
        source: &Source,
    ) -> Option<Actor> {
        let role = match c.value.victims {
            warlog_model::Victims::Military => Role::Military,
            warlog_model::Victims::Civilians => Role::Civilians,
            _ => return None,
        };
        let reporter = source.actor().map(|a| a.country.clone());
        let named =
            view.actors.iter().find(|a| a.start >= c.start && a.end <= c.end + 1).and_then(|a| a.value.country.clone());
        let country = match (named, reporter) {
            (Some(n), Some(r))
                if self.lex.sides.iter().any(|s| s.opponent(&n).is_some() && s.opponent(&n) == s.opponent(&r)) =>
            {
                r
            }
            (Some(n), _) => n,
            (None, r) => r?,
        };
        Some(Actor::new(&country, role))
    }

    /// "Erevan a démenti ces affirmations": a denial with no event of its
    /// own denies the latest claim of another party, in this sentence or
    /// the ones before it.
    fn reference_denials(
        &self,
        view: &SentenceView<'_>,
        _lang: &str,
        atts: &[Attribution],
        cands: &[Candidate],
        first_new: usize,
        claims: &mut Vec<Claim>,
    ) {
        for att in atts.iter().filter(|a| a.cue == Cue::Deny) {
            let clause = view.clause(att.cue_at);
            if cands.iter().any(|c| c.clause == clause) {
                continue;
            }
            let denier = att.source.clone();
            let denier_country = denier.actor().map(|a| a.country.clone());
            let differs = |c: &Claim| {
                c.stance != Stance::Denied
                    && c.source.actor().map(|a| a.country.clone()) != denier_country
                    && c.event_type != EventType::CasualtyTally
            };
            // What is denied: a claim of another party in this sentence before
            // the denial, else the latest one of the same segment before it,
            // else one after it in this sentence. Denials are about acts of
            // violence far more than about statements, and a denied death
            // ("a démenti la mort du général") is an act that killed.
            let death = (clause.start..clause.end).any(|i| self.lex.is(_lang, view.word(i), Grammar::DeathNoun));
            let fits = |c: &Claim, strict: bool| {
                differs(c)
                    && (!strict || c.event_type.is_violent())
                    && (!strict || !death || c.killed.is_some() || c.event_type.is_violent())
            };
            let deny_start = view.words[att.cue_at].span.start;
            let segment_of_sentence = claims.get(first_new.saturating_sub(1)).map(|p| p.segment);
            let pick = |strict: bool| {
                claims[first_new..]
                    .iter()
                    .rposition(|c| fits(c, strict) && c.trigger.start < deny_start)
                    .map(|i| i + first_new)
                    .or_else(|| {
                        claims[..first_new]
                            .iter()
                            .rposition(|c| fits(c, strict) && segment_of_sentence.is_none_or(|s| s == c.segment))
                            .filter(|&i| view.sentence.span.start.saturating_sub(claims[i].evidence.end) < 1200)
                    })
                    .or_else(|| claims[first_new..].iter().position(|c| fits(c, strict)).map(|i| i + first_new))
            };
            let target = pick(true).or_else(|| pick(false));
            let Some(i) = target else { continue };
            // A claim made at several places is denied at each of them.
            let copies: Vec<usize> = (0..claims.len())
                .filter(|&k| {
                    k == i || (claims[k].trigger == claims[i].trigger && claims[k].evidence == claims[i].evidence)
                })
                .collect();
            for k in copies {
                let mut denied = claims[k].clone();
                denied.source = denier.clone();
                denied.source_span = att.span;
                denied.stance = Stance::Denied;
                denied.killed = None;
                denied.wounded = None;
                denied.victims = None;
                denied.denied_by.clear();
                denied.also_evidence.clear();
                denied.evidence = view.span_of(clause.start, clause.end);
                denied.trigger = view.words[att.cue_at].span;
                claims.push(denied);
            }
        }
    }
}

/// "les séparatistes", "les forces séparatistes" with no country named, on a
/// page about a territory a non-state party holds (territories.tsv): that
/// party's.
fn separatists_of(view: &mut SentenceView<'_>, lex: &Lexicons, lang: &str, party: &str) {
    let words: Vec<bool> = (0..view.words.len()).map(|i| lex.is(lang, view.word(i), Grammar::Separatist)).collect();
    for a in view.actors.iter_mut() {
        if a.value.country.is_none() && words[a.start..a.end].iter().any(|w| *w) {
            a.value.country = Some(party.to_string());
        }
    }
}

/// A point of a list ("- C'est X qui a attaqué").
fn is_bullet(input: &Input<'_>, view: &SentenceView<'_>) -> bool {
    view.sentence.span.slice(input.text).trim_start().starts_with(['-', '•', '–', '*'])
}

/// The title line of a live-blog entry.
fn is_title(input: &Input<'_>, view: &SentenceView<'_>) -> bool {
    let heading = input.segments[view.sentence.segment].heading.as_deref();
    heading.is_some_and(|h| !h.is_empty() && view.sentence.span.slice(input.text).contains(h))
}

/// For each sentence, the date its section's lead gives: the first date
/// read in the first paragraph of its live-blog entry or of the article's
/// body ("Des combats opposaient lundi matin…"). Captions and embedded
/// posts have no lead of their own.
fn lead_dates(input: &Input<'_>, views: &[(SentenceView<'_>, &str, Vec<Attribution>)]) -> Vec<Option<EventDate>> {
    // The body resumes after an embedded post: one section.
    let section = |segment: usize| match input.segments[segment].kind {
        SegmentKind::Body => Some(usize::MAX),
        SegmentKind::Entry => Some(section_group(input, segment)),
        _ => None,
    };
    let mut out = Vec::with_capacity(views.len());
    let mut current: Option<(usize, Option<EventDate>)> = None;
    for (k, (view, _, _)) in views.iter().enumerate() {
        let Some(group) = section(view.sentence.segment) else {
            out.push(None);
            continue;
        };
        if current.is_none_or(|(g, _)| g != group) {
            let lead_block = views[k..]
                .iter()
                .filter(|(v, _, _)| section(v.sentence.segment) == Some(group))
                .find(|(v, _, _)| !v.sentence.heading && !is_title(input, v))
                .map(|(v, _, _)| (v.sentence.segment, v.sentence.block));
            let date = lead_block.and_then(|(segment, block)| {
                views[k..]
                    .iter()
                    .filter(|(v, _, _)| v.sentence.segment == segment && v.sentence.block == block)
                    .flat_map(|(v, _, _)| v.dates.iter())
                    .map(|d| d.value.date)
                    .find(|d| matches!(d, EventDate::Day(_) | EventDate::Range { .. }))
            });
            current = Some((group, date));
        }
        out.push(current.and_then(|(_, d)| d));
    }
    out
}

/// Sentences of one live-blog entry (cut into pieces by images or print
/// links) form one section; other segments are their own.
fn section_group(input: &Input<'_>, segment: usize) -> usize {
    let seg = &input.segments[segment];
    if seg.kind != SegmentKind::Entry || seg.heading.is_none() {
        return segment;
    }
    (0..=segment)
        .rev()
        .take_while(|&k| input.segments[k].kind != SegmentKind::Entry || input.segments[k].heading == seg.heading)
        .filter(|&k| input.segments[k].kind == SegmentKind::Entry)
        .last()
        .unwrap_or(segment)
}

/// The attribution a sentence with none of its own inherits:
/// * a quotation attributed after it closes ("« … » , a déclaré X" in one
///   of the next sentences of its paragraph);
/// * in a caption or an embedded post, its header ("Vidéo – côté arménien").
///
/// (Carrying the last cited party on through a section was measured on the
/// seeds and lost more sources than it found: an outlet comments in its own
/// voice between quotes.)
fn inherited_attributions(
    input: &Input<'_>,
    views: &[(SentenceView<'_>, &str, Vec<Attribution>)],
    lex: &Lexicons,
) -> Vec<Option<Attribution>> {
    let own = |k: usize| views[k].2.iter().find(|a| a.cue != Cue::Deny).cloned();
    let mut out: Vec<Option<Attribution>> = vec![None; views.len()];
    // A speaker announcing a list ("… les points suivants :") speaks its items.
    let mut list: Option<(usize, Attribution)> = None;
    for k in 0..views.len() {
        let (view, _, _) = &views[k];
        let text = view.sentence.span.slice(input.text).trim();
        let bullet = text.starts_with(['-', '•', '–', '*']);
        if !bullet {
            list = None;
        }
        if let Some(a) = own(k) {
            if text.ends_with(':') {
                list = Some((view.sentence.segment, a));
            }
            continue;
        }
        if bullet
            && let Some((segment, a)) = &list
            && *segment == view.sentence.segment
        {
            out[k] = Some(a.clone());
            continue;
        }
        // A quotation whose attribution comes after it.
        let quoted = (k + 1..(k + 4).min(views.len()))
            .take_while(|&j| views[j].0.sentence.block == view.sentence.block)
            .find_map(|j| {
                views[j].2.iter().find(|a| {
                    a.cue == Cue::Say
                        && a.cue_at > 0
                        && views[j].0.words[..a.cue_at]
                            .iter()
                            .rev()
                            .take(3)
                            .any(|w| matches!(w.folded.as_str(), "»" | "\"" | "”"))
                })
            })
            .cloned();
        // A caption's side marker ("côté arménien"): the last one before it,
        // else the first of its segment (a header may follow a first line).
        let segment = &input.segments[view.sentence.segment];
        let side = if matches!(segment.kind, SegmentKind::Caption | SegmentKind::Social) {
            let markers: Vec<(usize, &sentence::Located<warlog_recognise::actors::ActorMention>)> = views
                .iter()
                .enumerate()
                .filter(|(_, (v, _, _))| v.sentence.segment == view.sentence.segment)
                .flat_map(|(j, (v, l, _))| {
                    v.actors
                        .iter()
                        .filter(move |a| a.value.country.is_some() && lex.is(l, v.word(a.start), Grammar::SideMarker))
                        .map(move |a| (j, a))
                })
                .collect();
            markers.iter().rev().find(|(j, _)| *j <= k).or(markers.first()).map(|(_, a)| *a).and_then(|a| {
                Some(Attribution {
                    source: Source::Party(a.value.actor()?),
                    span: Some(a.span),
                    cue_at: 0,
                    cue: Cue::Say,
                    actor_index: None,
                })
            })
        } else {
            None
        };
        out[k] = quoted.or(side);
    }
    out
}

/// When one sentence holds claims by different sources or stances, each
/// claim's evidence is its own clause, so that each can be told apart.
fn narrow_evidence(view: &SentenceView<'_>, claims: &mut [Claim]) {
    let mut voices: Vec<(&Source, Stance)> = claims.iter().map(|c| (&c.source, c.stance)).collect();
    voices.dedup();
    // Two claims of one type from distinct triggers also need their own spans.
    let mut kinds: Vec<(EventType, Span)> = claims.iter().map(|c| (c.event_type, c.trigger)).collect();
    kinds.sort();
    kinds.dedup();
    let repeated_type = kinds.windows(2).any(|w| w[0].0 == w[1].0);
    if voices.len() < 2 && !repeated_type {
        return;
    }
    for c in claims.iter_mut() {
        if c.evidence != view.sentence.span {
            continue;
        }
        let at = view.words.iter().position(|w| w.span.overlaps(c.trigger)).unwrap_or(0);
        let clause = view.clause(at);
        c.evidence = view.span_of(clause.start, clause.end);
    }
}

/// Background history ("a war that killed 30,000 in the 1990s"). A running
/// total counted from long ago is current, not history.
fn is_history(c: &Claim, published: Date) -> bool {
    if c.event_type == EventType::CasualtyTally {
        return false;
    }
    match c.date.bounds() {
        Some((_, to)) => published.since(to).is_ok_and(|s| s.get_days() > HISTORY_DAYS),
        None => false,
    }
}

/// A denial with no date of its own is of the day of the event it denies:
/// its first report (the fullest, restatements merged in).
fn date_denials(claims: &mut [Claim]) {
    let asserted: Vec<(EventType, Option<String>, EventDate, Span)> = claims
        .iter()
        .filter(|c| c.stance != Stance::Denied && c.date.is_known())
        .map(|c| (c.event_type, c.place.as_ref().map(|p| p.name.clone()), c.date, c.evidence))
        .collect();
    for c in claims.iter_mut().filter(|c| c.stance == Stance::Denied && !c.date.is_known()) {
        let place = c.place.as_ref().map(|p| p.name.clone());
        let denied = asserted
            .iter()
            .find(|(t, p, _, at)| *t == c.event_type && place.is_some() && *p == place && at.start < c.evidence.start);
        if let Some((_, _, date, _)) = denied {
            c.date = *date;
        }
    }
}

/// An asserted claim lists the parties whose denial of the same event the
/// document carries.
fn link_denials(claims: &mut [Claim]) {
    let denials: Vec<(EventType, Option<String>, Source)> = claims
        .iter()
        .filter(|c| c.stance == Stance::Denied)
        .map(|c| (c.event_type, c.place.as_ref().map(|p| p.name.clone()), c.source.clone()))
        .collect();
    for c in claims.iter_mut().filter(|c| c.stance != Stance::Denied) {
        for (t, place, source) in &denials {
            let same_place = place.is_none() || c.place.as_ref().map(|p| &p.name) == place.as_ref();
            if *t == c.event_type && same_place && *source != c.source && !c.denied_by.contains(source) {
                c.denied_by.push(source.clone());
            }
        }
    }
}

/// The conflict region a document is about: the region or country named
/// most often as a location; violent claims with no place of their own are
/// set there (GOLD.md: "violent claims set in Karabakh with no named place
/// get Nagorno-Karabakh at region precision").
fn default_region(input: &Input<'_>) -> Option<Place> {
    let mut counts: Vec<(&Place, usize)> = Vec::new();
    for p in input.places.iter().filter(|p| p.role == warlog_model::PlaceRole::Location) {
        if !matches!(p.place.precision, PlacePrecision::Region) {
            continue;
        }
        match counts.iter_mut().find(|(q, _)| q.name == p.place.name) {
            Some((_, n)) => *n += 1,
            None => counts.push((&p.place, 1)),
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(p, _)| p.clone())
}

#[cfg(test)]
mod tests;
