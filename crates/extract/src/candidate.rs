//! From triggers to candidate events: each trigger gets its event type from
//! its rule (weapon, object, victims), then the candidates of a sentence are
//! reduced so that one happening gives one claim: a death merges into the
//! strike that caused it, an accusation that names a strike becomes that
//! strike, an appeal swallows what it calls for.

use warlog_model::{EventType, Role};
use warlog_recognise::actors::ActorForm;

use crate::clause::{Clause, Opener};
use crate::input::{Outcome, WeaponClass};
use crate::lexicon::{Cue, Grammar, Lexicons, Rule};
use crate::sentence::SentenceView;
use warlog_model::Victims;

/// A trigger with its decided event type.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate {
    /// Index into `SentenceView::triggers`.
    pub trigger: usize,
    pub event_type: EventType,
    pub clause: Clause,
    /// Higher wins when candidates of one clause describe one happening.
    pub strength: u8,
    /// "still in our hands": denies a claimed capture.
    pub held: bool,
}

/// Type of a strike by the weapons of its clause.
fn type_by_weapon(view: &SentenceView<'_>, clause: Clause) -> Option<EventType> {
    let classes: Vec<WeaponClass> = SentenceView::in_clause(&view.weapons, clause).map(|w| w.value.class).collect();
    if classes.iter().any(|c| c.is_air()) {
        Some(EventType::AirStrike)
    } else if classes.iter().any(|c| c.is_shelling()) {
        Some(EventType::Shelling)
    } else if classes.iter().any(|c| c.is_explosive()) {
        Some(EventType::Explosive)
    } else {
        None
    }
}

fn is_persons(role: Role) -> bool {
    matches!(role, Role::Military | Role::Civilians | Role::Mercenaries | Role::ArmedGroup | Role::Police)
}

/// What the object of a capture is: ground or people.
fn capture_object(view: &SentenceView<'_>, lex: &Lexicons, lang: &str, t: usize, clause: Clause) -> Option<EventType> {
    let trig = &view.triggers[t];
    let after = trig.end..(trig.end + 6).min(clause.end);
    let before = trig.start.saturating_sub(6).max(clause.start)..trig.start;
    let near = |s: usize| after.contains(&s) || before.contains(&s);
    if view.places.iter().any(|p| near(p.start)) {
        return Some(EventType::TerritoryTaken);
    }
    if let Some(nouns) = lex.territory_nouns.get(lang)
        && (after.clone()).any(|i| !nouns.matches_at(&view.words, i).is_empty())
    {
        return Some(EventType::TerritoryTaken);
    }
    let people = view.actors.iter().any(|a| {
        (near(a.start) || near(a.end.saturating_sub(1)))
            && is_persons(a.value.role)
            && a.value.form != ActorForm::Country(warlog_recognise::actors::DesignatorForm::Name)
    });
    let captured = view.casualties.iter().any(|c| c.value.outcome == Outcome::Captured && near(c.start));
    if people || captured {
        return Some(EventType::CaptureOfPersons);
    }
    None
}

/// Decides the type of trigger `t`, or `None` when its rule finds nothing
/// to make it an event (a capture of nothing, a transfer of nothing).
fn decide(view: &SentenceView<'_>, lex: &Lexicons, lang: &str, t: usize) -> Option<Candidate> {
    let trig = view.triggers[t];
    let clause = view.clause(trig.start);
    let make = |event_type, strength, held| Some(Candidate { trigger: t, event_type, clause, strength, held });
    match trig.value.rule {
        Rule::Event => {
            let strength = match trig.value.default {
                EventType::AirStrike | EventType::Shelling | EventType::Explosive | EventType::AttackOnCivilians => 5,
                EventType::ArmedClash => 3,
                _ => 4,
            };
            make(trig.value.default, strength, false)
        }
        Rule::Strike => match type_by_weapon(view, clause) {
            Some(t) => make(t, 5, false),
            // An attack or a shooting aimed at civilians is violence against
            // civilians ("opened fire on the residents").
            None if trig.value.default == EventType::ArmedClash
                && crate::arguments::target_role(view, lex, lang, trig.end, clause) == Some(Role::Civilians) =>
            {
                make(EventType::AttackOnCivilians, 3, false)
            }
            None => make(trig.value.default, 2, false),
        },
        Rule::Capture => match capture_object(view, lex, lang, t, clause) {
            Some(EventType::TerritoryTaken) if trig.value.default == EventType::CaptureOfPersons => {
                make(EventType::CaptureOfPersons, 4, false)
            }
            Some(t) => make(t, 4, false),
            None if trig.value.default == EventType::CaptureOfPersons => make(EventType::CaptureOfPersons, 4, false),
            None => None,
        },
        Rule::Transfer => {
            let weapons = SentenceView::in_clause(&view.weapons, clause).count() > 0;
            let forces = SentenceView::in_clause(&view.actors, clause).any(|a| {
                matches!(a.value.role, Role::Military | Role::Mercenaries | Role::ArmedGroup | Role::Peacekeepers)
            });
            // Weapons move (with or without the forces that carry them, when
            // the verb is one of supply); else forces deploy.
            if weapons && (trig.value.default == EventType::WeaponsSupply || !forces) {
                make(EventType::WeaponsSupply, 4, false)
            } else if forces {
                make(EventType::Deployment, 4, false)
            } else {
                None
            }
        }
        // "un drone abattu", "a drone shot down": equipment brought down by
        // the other side's air defence is fighting between them.
        Rule::Downing
            if view
                .casualties
                .iter()
                .any(|c| c.value.outcome == Outcome::Destroyed && c.start < clause.end && c.end > clause.start)
                && !view.casualties.iter().any(|c| {
                    matches!(c.value.outcome, Outcome::Killed | Outcome::Wounded)
                        && c.start < clause.end
                        && c.end > clause.start
                }) =>
        {
            make(EventType::ArmedClash, 6, false)
        }
        Rule::Killing | Rule::Downing => {
            let casualties: Vec<_> = view
                .casualties
                .iter()
                .filter(|c| c.start < clause.end && c.end > clause.start && !c.value.cumulative)
                .collect();
            // A death with no figure ("le nombre de ses soldats tués") is
            // talk about losses, not a report of one.
            let people = casualties.iter().any(|c| c.value.outcome != Outcome::Destroyed && c.value.count.is_some());
            if !people {
                return None;
            }
            if let Some(t) = type_by_weapon(view, clause) {
                return make(t, 5, false);
            }
            let civilians = casualties.iter().all(|c| c.value.victims == Victims::Civilians);
            make(if civilians { EventType::AttackOnCivilians } else { EventType::ArmedClash }, 1, false)
        }
        Rule::Take => {
            // One verb ("pris", "repris") takes its object right after it, or
            // its subject before it in the passive ("a été prise par");
            // a phrase ("pris le contrôle de") reaches further.
            let reach = if trig.end - trig.start == 1 { 4 } else { 8 };
            let passive =
                (trig.start.saturating_sub(2)..trig.start).any(|i| lex.is(lang, view.word(i), Grammar::Passive));
            let after = trig.end..(trig.end + reach).min(clause.end);
            let back = if passive || reach == 8 { 8 } else { 0 };
            let before = trig.start.saturating_sub(back).max(clause.start)..trig.start;
            let place = view.places.iter().any(|p| after.contains(&p.start) || before.contains(&p.start));
            let ground = lex.territory_nouns.get(lang).is_some_and(|nouns| {
                after.clone().chain(before.clone()).any(|i| !nouns.matches_at(&view.words, i).is_empty())
            });
            if place || ground { make(EventType::TerritoryTaken, 4, false) } else { None }
        }
        Rule::Held => {
            let place_near = view.places.iter().any(|p| p.start >= clause.start && p.end <= trig.start);
            let place_sentence = !view.places.is_empty();
            if place_near || place_sentence { make(EventType::TerritoryTaken, 4, true) } else { None }
        }
    }
}

/// Is a cue of `kind` before word `i` in the same clause?
pub fn cue_before(view: &SentenceView<'_>, clause: Clause, i: usize, kinds: &[Cue]) -> bool {
    view.cues.iter().any(|c| kinds.contains(&c.value) && c.start >= clause.start && c.start < i)
}

/// The candidate events of a sentence, one per happening.
pub fn candidates(view: &SentenceView<'_>, lex: &Lexicons, lang: &str) -> Vec<Candidate> {
    let mut cands: Vec<Candidate> = (0..view.triggers.len()).filter_map(|t| decide(view, lex, lang, t)).collect();

    // Forecasts and hypotheses are not events ("de graves combats pourraient
    // éclater", "si les forces repoussent l'attaque").
    // (A forecast cue before the trigger anywhere in the sentence, or after
    // it in its clause: "de graves combats pourraient éclater".)
    cands.retain(|c| {
        let i = view.triggers[c.trigger].start;
        // A forecast before the trigger anywhere in the sentence; a
        // condition ("si") only in its own clause; a forecast verb right
        // after a noun ("de graves combats pourraient éclater").
        let before = view.cues.iter().any(|q| q.value == Cue::Forecast && q.start < i)
            || SentenceView::in_clause(&view.cues, c.clause).any(|q| q.value == Cue::Condition && q.start < i);
        let after = SentenceView::in_clause(&view.cues, c.clause)
            .any(|q| q.value == Cue::Forecast && q.start > i && q.start <= view.triggers[c.trigger].end + 2);
        let habit = SentenceView::in_clause(&view.cues, c.clause).any(|q| q.value == Cue::Habitual);
        !(before || after || habit)
    });

    cands.retain(|c| keeps(view, lex, lang, c));
    drop_purposes(view, lex, lang, &mut cands);

    // An appeal swallows what it calls for, up to the end of the sentence —
    // not a relative clause about something else ("…, dont le pays a
    // parrainé une trêve", "…, which brokered a truce").
    if let Some(first_appeal) = cands.iter().find(|c| c.event_type == EventType::Appeal).copied() {
        let at = view.triggers[first_appeal.trigger].start;
        cands.retain(|c| {
            let i = view.triggers[c.trigger].start;
            c.event_type == EventType::Appeal
                || i < at
                || has_own_speaker(view, c.clause, first_appeal.clause)
                || (c.clause != first_appeal.clause && c.clause.opener == Some(Opener::Relative))
        });
    }

    // In a denial, "provocation" or "accusations" characterise the claim
    // denied; they are not a new accusation.
    if view.cues.iter().any(|q| q.value == Cue::Deny) {
        cands.retain(|c| c.event_type != EventType::Accusation);
    }

    // An accusation naming an event is that event ("accuse Bakou d'avoir
    // violé le cessez-le-feu" is a ceasefire claim by the accuser).
    if let Some(acc) = cands.iter().find(|c| c.event_type == EventType::Accusation).copied() {
        let at = view.triggers[acc.trigger].start;
        let named = cands.iter().any(|c| {
            c.event_type != EventType::Accusation && (c.event_type.is_violent() || view.triggers[c.trigger].start > at)
        });
        if named {
            cands.retain(|c| c.event_type != EventType::Accusation);
        }
    }
    drop_adjectival(view, lex, lang, &mut cands);
    // "participent à l'offensive": a weak violent noun right after another
    // trigger is that trigger's object, not an event of its own.
    let snapshot = cands.clone();
    cands.retain(|c| {
        let t = view.triggers[c.trigger].start;
        !(c.event_type.is_violent()
            && c.strength <= 2
            && snapshot.iter().any(|o| {
                !o.event_type.is_violent() && view.triggers[o.trigger].end <= t && t - view.triggers[o.trigger].end <= 3
            }))
    });

    // A generic attack or killing whose victims are all civilians is
    // violence against civilians, not a clash between armed parties.
    let civilian_victims = !view.casualties.is_empty()
        && view
            .casualties
            .iter()
            .all(|c| c.value.victims == Victims::Civilians || c.value.outcome == Outcome::Destroyed)
        && view.casualties.iter().any(|c| c.value.victims == Victims::Civilians);
    if civilian_victims {
        for c in cands.iter_mut() {
            let generic = matches!(view.triggers[c.trigger].value.rule, Rule::Strike | Rule::Killing);
            if c.event_type == EventType::ArmedClash && generic && c.strength <= 3 {
                c.event_type = EventType::AttackOnCivilians;
            }
        }
    }

    // Violent candidates: a weak one (a death, a generic attack) merges into
    // a stronger one of the same sentence; candidates of one clause merge.
    let strongest = cands.iter().filter(|c| c.event_type.is_violent()).map(|c| c.strength).max();
    if let Some(max) = strongest {
        cands.retain(|c| !c.event_type.is_violent() || c.strength >= 3 || c.strength == max);
    }
    let mut kept: Vec<Candidate> = Vec::new();
    for c in cands {
        let same = kept.iter_mut().find(|k| {
            (k.event_type.is_violent() && c.event_type.is_violent() && k.clause == c.clause && k.held == c.held)
                || (k.event_type == c.event_type
                    && k.held == c.held
                    && (k.clause == c.clause || !c.event_type.is_violent()))
        });
        match same {
            Some(k) if c.strength > k.strength => *k = c,
            Some(_) => {}
            None => kept.push(c),
        }
    }
    // A participle or relative clause that only adds a death to the main
    // clause's strike is the same happening.
    let mut out: Vec<Candidate> = Vec::new();
    for c in kept {
        let attached = matches!(c.clause.opener, Some(Opener::Participle | Opener::Relative));
        if attached
            && c.event_type.is_violent()
            && c.strength <= 2
            && out.iter().any(|o| o.event_type.is_violent() && o.clause.end <= c.clause.start)
        {
            continue;
        }
        out.push(c);
    }
    out
}

/// Filters one candidate on its own context: a truce mentioned in passing,
/// an attempted capture, an event pointed back to ("cette salve"), a noun
/// that only looks like a verb of appeal or accusation ("la demande").
fn keeps(view: &SentenceView<'_>, lex: &Lexicons, lang: &str, c: &Candidate) -> bool {
    let trig = &view.triggers[c.trigger];
    let before = trig.start.checked_sub(1).map(|i| view.word(i)).unwrap_or("");
    match c.event_type {
        EventType::Ceasefire => {
            return SentenceView::in_clause(&view.cues, c.clause)
                .any(|q| matches!(q.value, Cue::TruceEvent | Cue::TruceBroken));
        }
        EventType::TerritoryTaken | EventType::CaptureOfPersons
            if cue_before(view, c.clause, trig.start, &[Cue::Attempt]) =>
        {
            return false;
        }
        EventType::Appeal | EventType::Accusation
            if trig.end - trig.start == 1 && lex.is(lang, before, Grammar::Determiner) =>
        {
            return false;
        }
        _ => {}
    }
    // "ne pas appeler à", "did not attack": no event. (A truce's own
    // negation, "pas de cessez-le-feu", is a cue of its breaking, above.)
    let negated = (trig.start.saturating_sub(3).max(c.clause.start)..trig.start)
        .any(|i| lex.is(lang, view.word(i), Grammar::Negation));
    !negated && !lex.is(lang, before, Grammar::Demonstrative)
}

/// A past participle with no auxiliary before it qualifies a noun ("des
/// combattants recrutés en Syrie"): background to another event of its
/// clause, not an event of its own.
fn drop_adjectival(view: &SentenceView<'_>, lex: &Lexicons, lang: &str, cands: &mut Vec<Candidate>) {
    let adjectival: Vec<bool> = cands
        .iter()
        .map(|c| {
            let t = &view.triggers[c.trigger];
            let w = view.words[t.start].span.slice(view.text);
            // A participle qualifying a noun is followed by a preposition or
            // nothing ("recrutés en Syrie", "recruited by Turkey"); a verb in
            // the past takes an object ("abducted dozens").
            let next = view.words.get(t.end);
            let no_object = next.is_none_or(|n| {
                n.punct || lex.is(lang, &n.folded, Grammar::Preposition) || lex.is(lang, &n.folded, Grammar::Agent)
            });
            !c.event_type.is_violent()
                && t.end - t.start == 1
                && lex.ends_with(lang, w, Grammar::ParticipleSuffix)
                && no_object
                && !(t.start.saturating_sub(2)..t.start).any(|i| lex.is(lang, view.word(i), Grammar::Auxiliary))
        })
        .collect();
    let snapshot = cands.clone();
    let mut k = 0;
    cands.retain(|c| {
        let drop =
            adjectival[k] && snapshot.iter().enumerate().any(|(j, o)| j != k && !adjectival[j] && o.clause == c.clause);
        k += 1;
        !drop
    });
}

/// "pour/afin de + infinitive" states a purpose: the triggers after it are
/// not events, when the sentence has an event outside the purpose.
fn drop_purposes(view: &SentenceView<'_>, lex: &Lexicons, lang: &str, cands: &mut Vec<Candidate>) {
    let infinitive = |j: usize| lex.ends_with(lang, view.words[j].span.slice(view.text), Grammar::InfinitiveSuffix);
    let purpose_at: Vec<usize> = (0..view.words.len())
        .filter(|&i| lex.is(lang, view.word(i), Grammar::Purpose))
        .filter(|&i| (i + 1..(i + 3).min(view.words.len())).any(infinitive))
        .collect();
    if purpose_at.is_empty() {
        return;
    }
    let in_purpose = |c: &Candidate| {
        let t = view.triggers[c.trigger].start;
        purpose_at.iter().any(|&p| p < t && p >= c.clause.start)
    };
    if cands.iter().any(|c| !in_purpose(c)) {
        cands.retain(|c| !in_purpose(c));
    }
}

/// True when `clause` has its own verb of saying (so it is not under the
/// appeal of `appeal_clause`).
fn has_own_speaker(view: &SentenceView<'_>, clause: Clause, appeal_clause: Clause) -> bool {
    clause != appeal_clause && SentenceView::in_clause(&view.cues, clause).any(|c| c.value == Cue::Say)
}
