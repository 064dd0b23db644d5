//! A claim's arguments: who acts on whom, where, with what losses and
//! weapons — read from the trigger's clause, with passive voice ("a été
//! bombardée par X"), accusations ("X accuse Y d'avoir bombardé") and
//! attached clauses ("…, tuant un civil") taken into account.

use warlog_model::{Actor, Count, EventType, Place, PlacePrecision, Role, Victims};
use warlog_recognise::actors::ActorForm;

use crate::clause::Clause;
use crate::input::Outcome;
use crate::lexicon::{Grammar, Lexicons};
use crate::sentence::SentenceView;

/// The actor of mention `i`, in the role it plays in an event of `event_type`.
fn actor_for_event(view: &SentenceView<'_>, i: usize, event_type: EventType) -> Option<Actor> {
    let m = &view.actors[i].value;
    let country = m.country.as_deref()?;
    let role = match m.form {
        // A state named by its country acts through its army in violence.
        ActorForm::Country(_) | ActorForm::People | ActorForm::Adjective if event_type.is_violent() => Role::Military,
        ActorForm::Country(_) => Role::Government,
        _ => m.role,
    };
    Some(Actor::new(country, role))
}

/// Agent and patient of the trigger at words `[t0, t1)` in `clause`.
/// `exclude` are actor mentions used as the source.
#[allow(clippy::too_many_arguments)]
pub fn actors(
    view: &SentenceView<'_>,
    lex: &Lexicons,
    lang: &str,
    event_type: EventType,
    t0: usize,
    t1: usize,
    clause: Clause,
    exclude: &[usize],
) -> (Option<Actor>, Option<Actor>) {
    let usable = |i: usize| !exclude.contains(&i) && view.actors[i].value.country.is_some();
    let word = |i: usize| view.word(i);
    // Fighting between two parties named together ("les forces X et
    // l'armée Y s'affrontent", "des combats opposaient X et Y", "clashes
    // between X and Y"): in the order the text names them.
    if matches!(event_type, EventType::ArmedClash | EventType::Negotiation) {
        let in_clause: Vec<usize> = (0..view.actors.len())
            .filter(|&i| usable(i) && view.actors[i].start >= clause.start && view.actors[i].end <= clause.end)
            .collect();
        for w in in_clause.windows(2) {
            let gap: Vec<&str> = (view.actors[w[0]].end..view.actors[w[1]].start).map(word).collect();
            let joined = !gap.is_empty()
                && gap.len() <= 3
                && gap.iter().any(|g| matches!(*g, "et" | "and"))
                && gap.iter().all(|g| matches!(*g, "et" | "and" | "l" | "la" | "le" | "les" | "the"));
            if joined && view.actors[w[0]].value.country != view.actors[w[1]].value.country {
                return (actor_for_event(view, w[0], event_type), actor_for_event(view, w[1], event_type));
            }
        }
    }
    // Accusation frame: "X accuse Y d'avoir bombardé": Y acts.
    let accused =
        view.words.iter().enumerate().take(t0).rfind(|(_, w)| w.folded.starts_with("accus")).and_then(|(a, _)| {
            (0..view.actors.len()).find(|&i| usable(i) && view.actors[i].start > a && view.actors[i].end <= t0)
        });
    // A demonym right after a nominal trigger ("un tir de missile arménien",
    // "des frappes israéliennes") names who fired — unless it qualifies
    // what was hit ("des positions azerbaïdjanaises").
    let adjective_after = (0..view.actors.len()).find(|&i| {
        usable(i)
            && view.actors[i].value.form == ActorForm::Adjective
            && view.actors[i].start >= t1
            && view.actors[i].start <= t1 + 3
            && !qualifies_target(view, lex, lang, view.actors[i].start)
    });
    // Passive: "a été bombardée par les forces X" / "bombed by X".
    let passive = (t0.saturating_sub(3)..t0).any(|i| lex.is(lang, word(i), Grammar::Passive));
    let agent_word =
        (t1..(t1 + 3).min(view.words.len())).find(|&i| lex.is(lang, word(i), Grammar::Agent)).filter(|&a| {
            // "un cessez-le-feu négocié par la Russie": the agent of another
            // participle; only violence is done by whoever "mène" it.
            a == t1 || event_type.is_violent()
        });
    if passive || agent_word.is_some() {
        let agent = agent_word.and_then(|a| {
            (0..view.actors.len()).find(|&i| usable(i) && view.actors[i].start > a && view.actors[i].start <= a + 4)
        });
        let patient = (0..view.actors.len()).rev().find(|&i| {
            usable(i) && view.actors[i].end <= t0 && view.actors[i].start >= clause.start && Some(i) != accused
        });
        if agent.is_some() || patient.is_some() {
            let agent = agent.or(adjective_after).or(accused);
            let (a1, a2) = (
                agent.and_then(|i| actor_for_event(view, i, event_type)),
                patient.and_then(|i| actor_for_event(view, i, event_type)),
            );
            // "les unités ont été mises en alerte", "des combattants sont
            // déplacés": with no one named as doing it, those moved act.
            if agent.is_none() && matches!(event_type, EventType::Deployment | EventType::Alert) {
                return (a2, None);
            }
            return (a1, a2);
        }
    }
    // Subject: the nearest party before the trigger in its clause (not one
    // whose death the trigger is, "la mort du ministre lors d'une attaque");
    // else the demonym right after a nominal trigger; else, for an attached
    // clause, the main clause's subject.
    let victim = died(view, lex, lang, clause, t0);
    let before = (0..view.actors.len()).rev().find(|&i| {
        usable(i)
            && view.actors[i].end <= t0
            && view.actors[i].start >= clause.start
            && Some(i) != accused
            && Some(i) != victim
    });
    // (A relative clause has its own subject or its antecedent's: "…, où
    // trois soldats ont été tués lors d'affrontements avec X" is not the
    // main clause's subject acting.)
    let main_subject = if clause.opener.is_some_and(|o| o != crate::clause::Opener::Relative) {
        (0..view.actors.len()).find(|&i| usable(i) && view.actors[i].end <= clause.start)
    } else {
        None
    };
    let agent = accused.or(before).or(adjective_after).or(main_subject);
    // Object: the first party after the trigger in its clause.
    let after = (0..view.actors.len()).find(|&i| {
        usable(i) && Some(i) != agent && view.actors[i].start >= t1 && view.actors[i].end <= clause.end.max(t1 + 8)
    });
    // Those killed before the trigger were hit; a party after it ("tués lors
    // d'affrontements avec les troupes X", "killed in clashes with X") struck.
    if let Some(v) = victim {
        let agent = agent.or(after);
        return (agent.and_then(|i| actor_for_event(view, i, event_type)), actor_for_event(view, v, event_type));
    }
    let patient = after;
    (
        agent.and_then(|i| actor_for_event(view, i, event_type)),
        patient.and_then(|i| actor_for_event(view, i, event_type)),
    )
}

/// Is the demonym at word `i` qualifying a target noun right before it
/// ("des positions azerbaïdjanaises", "des localités arméniennes")?
fn qualifies_target(view: &SentenceView<'_>, lex: &Lexicons, lang: &str, i: usize) -> bool {
    let Some(set) = lex.target_nouns.get(lang) else { return false };
    (i.saturating_sub(3)..i).any(|k| set.matches_at(&view.words, k).iter().any(|m| m.end == i))
}

/// The party whose death a death noun before the trigger names ("la mort du
/// ministre … lors de l'attaque d'un drone", "the death of the commander in
/// a strike"): the one hit, not the one striking.
/// Also the party a casualty figure before the trigger counts ("30
/// Palestiniens ont été tués dans des frappes", "3 soldiers were killed in").
fn died(view: &SentenceView<'_>, lex: &Lexicons, lang: &str, clause: Clause, t0: usize) -> Option<usize> {
    let counted = |a: &crate::sentence::Located<warlog_recognise::actors::ActorMention>| {
        view.casualties.iter().any(|c| {
            matches!(c.value.outcome, Outcome::Killed | Outcome::Wounded)
                && c.start >= clause.start
                && c.end <= t0
                && c.start <= a.start
                && a.end <= c.end
        })
    };
    if let Some(i) = view.actors.iter().position(|a| a.start >= clause.start && a.end <= t0 && counted(a)) {
        return Some(i);
    }
    let noun = (clause.start..t0).rev().find(|&i| lex.is(lang, view.word(i), Grammar::DeathNoun))?;
    view.actors.iter().position(|a| a.start > noun && a.start <= noun + 3 && a.end <= t0)
}

/// Who a strike hit, from the noun that names its target ("des tirs sur
/// des localités" → civilians; "sur des positions" → soldiers), in the
/// trigger's clause after it.
pub fn target_role(view: &SentenceView<'_>, lex: &Lexicons, lang: &str, t1: usize, clause: Clause) -> Option<Role> {
    let set = lex.target_nouns.get(lang)?;
    (t1..clause.end.min(t1 + 8)).find_map(|i| set.matches_at(&view.words, i).into_iter().next().map(|m| *m.value))
}

/// Places where the event happened: locations in the trigger's clause, else
/// in the clauses attached after it, else anywhere in the sentence. An act
/// of violence happens at every place its clause names (GOLD.md: "one action
/// at several places is one line per place"); any other claim gets one
/// place — the first after the trigger, else the nearest before it — unless
/// the text lists several. A place that only says which region another lies
/// in ("Tokh, région de Hadrut") is not a place of its own.
#[allow(clippy::too_many_arguments)]
pub fn places(
    view: &SentenceView<'_>,
    lex: &Lexicons,
    lang: &str,
    clause: Clause,
    t: usize,
    event_type: EventType,
    exclude_spans: &[warlog_model::Span],
) -> Vec<Place> {
    let every = event_type.is_violent();
    let statement = matches!(
        event_type,
        EventType::Appeal
            | EventType::Accusation
            | EventType::Negotiation
            | EventType::Ceasefire
            | EventType::WeaponsSupply
            | EventType::LeadershipChange
            | EventType::CasualtyTally
    );
    // Where fire came from ("depuis Gaza", "from Belgorod") is not where it
    // landed, when the sentence names somewhere else too.
    let origin = |p: &crate::sentence::Located<&crate::input::PlaceMatch>| {
        let mut i = p.start;
        while i > 0 && lex.is(lang, view.word(i - 1), Grammar::Determiner) {
            i -= 1;
        }
        i > 0 && lex.is(lang, view.word(i - 1), Grammar::Origin)
    };
    // A place after another participle ("une trêve négociée à Moscou")
    // belongs to that participle, not to the trigger ("été" in "ont été
    // livrés en Ukraine" is the trigger's auxiliary).
    let of_other_participle = |p: &crate::sentence::Located<&crate::input::PlaceMatch>| {
        (p.start.saturating_sub(3)..p.start).any(|i| {
            i != t
                && !lex.is(lang, view.word(i), Grammar::Auxiliary)
                && lex.ends_with(lang, view.words[i].span.slice(view.text), Grammar::ParticipleSuffix)
                && (i + 1..p.start).any(|k| lex.is(lang, view.word(k), Grammar::Locative))
        })
    };
    let others = view.places.iter().filter(|p| !origin(p)).count();
    let landmark = |p: &crate::sentence::Located<&crate::input::PlaceMatch>| {
        (p.start.saturating_sub(3)..p.start).any(|i| lex.is(lang, view.word(i), Grammar::Proximity))
    };
    let landmarks = view.places.iter().filter(|p| landmark(p)).count();
    let ok = |p: &&crate::sentence::Located<&crate::input::PlaceMatch>| {
        let origin_only = others > 0 && origin(p) || (landmark(p) && view.places.len() > landmarks);
        !exclude_spans.iter().any(|s| s.overlaps(p.span))
            && !origin_only
            && !of_other_participle(p)
            && !(statement && (names_party(view, lex, lang, p, event_type) || names_conflict(view, lex, lang, p)))
    };
    let mut chosen: Vec<_> = SentenceView::in_clause(&view.places, clause).filter(ok).collect();
    if chosen.is_empty() {
        let later = view.clauses.iter().filter(|c| c.start >= clause.end && c.opener.is_some());
        for c in later {
            chosen = SentenceView::in_clause(&view.places, *c).filter(ok).collect();
            if !chosen.is_empty() {
                break;
            }
        }
    }
    // A statement's place is named in its own words: a place elsewhere in
    // the sentence belongs to another clause's claim.
    if chosen.is_empty() && !statement {
        chosen = view.places.iter().filter(ok).collect();
    }
    // Drop places that locate the one before them.
    let gap_words = |a: usize, b: usize| -> Vec<&str> { (a..b).map(|i| view.word(i)).collect() };
    let mut located: Vec<&crate::sentence::Located<&crate::input::PlaceMatch>> = Vec::new();
    for p in chosen {
        let context = located.last().is_some_and(|prev| {
            let gap = gap_words(prev.end, p.start);
            gap.len() <= 4
                && gap.iter().any(|w| matches!(*w, "region" | "district" | "province" | "oblast" | "rayon" | "wilaya"))
        });
        if !context {
            located.push(p);
        }
    }
    // Lists: consecutive places joined only by commas and "and".
    let joined = |a: usize, b: usize| gap_words(a, b).iter().all(|w| matches!(*w, "," | "et" | "and" | "ou" | "or"));
    let mut lists: Vec<Vec<usize>> = Vec::new();
    for (k, p) in located.iter().enumerate() {
        match lists.last_mut() {
            Some(list) if joined(located[*list.last().unwrap_or(&k)].end, p.start) => list.push(k),
            _ => lists.push(vec![k]),
        }
    }
    let after = lists.iter().find(|l| located[l[0]].start >= t);
    let before = lists.iter().rev().find(|l| located[l[0]].start < t);
    let pick = match (after, before) {
        (Some(l), _) => l,
        (None, Some(l)) => l,
        (None, None) => return Vec::new(),
    };
    let picked: Vec<&crate::sentence::Located<&crate::input::PlaceMatch>> = if every {
        located
    } else if pick.len() > 1 {
        pick.iter().map(|&k| located[k]).collect()
    } else {
        vec![located[pick[0]]]
    };
    // A country named beside one of its towns ("Gandja, la deuxième ville
    // d'Azerbaïdjan") only says where the town is.
    let towns: Vec<Option<String>> = picked
        .iter()
        .filter(|p| p.value.place.precision != PlacePrecision::Country)
        .map(|p| p.value.place.country.clone())
        .collect();
    let mut out: Vec<Place> = Vec::new();
    for p in picked {
        if p.value.place.precision == PlacePrecision::Country && towns.contains(&p.value.place.country) {
            continue;
        }
        if !out.iter().any(|o| o.name == p.value.place.name) {
            out.push(p.value.place.clone());
        }
    }
    out
}

/// A state's name in a statement ("les ministres de l'Arménie", "des
/// conversations avec Bakou", "la vente d'armes à l'Azerbaïdjan", "a call
/// with Moscow") names a party, not where the statement was made: it is a
/// place only when the text sets it as one — after a locative ("à
/// Moscou", "en Ukraine", "in Kyiv"), or as the complement of a noun of
/// ground ("le territoire de l'Azerbaïdjan").
fn names_party(
    view: &SentenceView<'_>,
    lex: &Lexicons,
    lang: &str,
    p: &crate::sentence::Located<&crate::input::PlaceMatch>,
    event_type: EventType,
) -> bool {
    use warlog_recognise::places::PlaceKind;
    if !matches!(p.value.kind, PlaceKind::Country | PlaceKind::Capital | PlaceKind::Landmark) {
        return false;
    }
    let is = |i: usize, class: Grammar| lex.is(lang, view.word(i), class);
    let mut k = p.start;
    while k > 0 && is(k - 1, Grammar::Determiner) && !is(k - 1, Grammar::Preposition) {
        k -= 1;
    }
    let Some(k) = k.checked_sub(1) else { return true };
    if is(k, Grammar::Origin) {
        return true;
    }
    if is(k, Grammar::Locative) {
        return p.value.kind == PlaceKind::Country && is(k, Grammar::Dative);
    }
    if is(k, Grammar::Destination) {
        return event_type != EventType::WeaponsSupply;
    }
    if is(k, Grammar::Genitive) {
        let ground = |j: usize| {
            is(j, Grammar::DirectionAdjective)
                || lex.territory_nouns.get(lang).is_some_and(|set| {
                    (j.saturating_sub(2)..=j).any(|a| set.matches_at(&view.words, a).iter().any(|m| m.end == j + 1))
                })
        };
        return !k.checked_sub(1).is_some_and(ground);
    }
    true
}

/// A place that names a war ("le conflit du Haut-Karabakh", "the Karabakh
/// conflict", "talks on the war in Ukraine") says what a statement is
/// about, not where it was made — unless the war names ground ("la zone de
/// conflit du Haut-Karabakh", "the conflict zone").
fn names_conflict(
    view: &SentenceView<'_>,
    lex: &Lexicons,
    lang: &str,
    p: &crate::sentence::Located<&crate::input::PlaceMatch>,
) -> bool {
    let is = |i: usize, class: Grammar| lex.is(lang, view.word(i), class);
    let ground = |j: usize| {
        lex.territory_nouns.get(lang).is_some_and(|set| {
            (j.saturating_sub(2)..=j).any(|a| set.matches_at(&view.words, a).iter().any(|m| m.end == j + 1))
        })
    };
    // "le conflit du X", "la guerre en X", "the war in X".
    let mut k = p.start;
    while k > 0 && is(k - 1, Grammar::Determiner) && !is(k - 1, Grammar::Preposition) {
        k -= 1;
    }
    let before = k
        .checked_sub(2)
        .filter(|&n| (is(n + 1, Grammar::Genitive) || is(n + 1, Grammar::Locative)) && is(n, Grammar::ConflictNoun));
    // "the X conflict": a war named by its place, then "zone" or not.
    let after = Some(p.end).filter(|&n| is(n, Grammar::ConflictNoun));
    match before.or(after) {
        Some(n) if Some(n) == after => !ground(n + 1),
        Some(n) => !(n >= 2 && is(n - 1, Grammar::Genitive) && ground(n - 2)),
        None => false,
    }
}

/// Does the clause set its event in a region it does not name — "dans
/// l'enclave", "sur le territoire de la république autoproclamée", "dans
/// la zone de conflit", "in the breakaway region", "in the conflict zone"?
pub fn names_region(view: &SentenceView<'_>, lex: &Lexicons, lang: &str, clause: Clause) -> bool {
    let is = |i: usize, class: Grammar| lex.is(lang, view.word(i), class);
    let ground = |j: usize| {
        lex.territory_nouns.get(lang).is_some_and(|set| set.matches_at(&view.words, j).iter().any(|m| m.end == j + 1))
    };
    let end = clause.end.min(view.words.len());
    // A noun phrase from word `j`: an anaphoric noun ("enclave",
    // "république") after at most two adjectives, a noun of ground that is
    // separatist or the war's ("région séparatiste", "conflict zone"), or
    // ground of one ("le territoire de la république").
    fn phrase(
        j: usize,
        end: usize,
        depth: u8,
        is: &dyn Fn(usize, Grammar) -> bool,
        ground: &dyn Fn(usize) -> bool,
    ) -> bool {
        let mut j = j;
        while j < end && (is(j, Grammar::Determiner) || is(j, Grammar::Demonstrative)) {
            j += 1;
        }
        if (j..(j + 3).min(end)).any(|k| is(k, Grammar::RegionAnaphor)) {
            return true;
        }
        let near = |k: usize| k < end && (is(k, Grammar::Separatist) || is(k, Grammar::ConflictNoun));
        if ground(j) && (near(j + 1) || (is(j + 1, Grammar::Genitive) && near(j + 2))) {
            return true;
        }
        if near(j) && j + 1 < end && ground(j + 1) {
            return true;
        }
        depth > 0
            && ground(j)
            && j + 1 < end
            && is(j + 1, Grammar::Genitive)
            && phrase(j + 2, end, depth - 1, is, ground)
    }
    (clause.start..end)
        .any(|i| (is(i, Grammar::Locative) || is(i, Grammar::Target)) && phrase(i + 1, end, 1, &is, &ground))
}

/// Does the clause name its place by pointing back ("ce village a été
/// repris", "this town was shelled")?
pub fn points_back_to_a_place(view: &SentenceView<'_>, lex: &Lexicons, lang: &str, clause: Clause) -> bool {
    let Some(set) = lex.territory_nouns.get(lang) else { return false };
    let end = clause.end.min(view.words.len());
    (clause.start..end.saturating_sub(1))
        // ("that" also opens a reported clause: "said that positions were hit".)
        .any(|i| {
            lex.is(lang, view.word(i), Grammar::Demonstrative)
                && !lex.is(lang, view.word(i), Grammar::Complementizer)
                && !set.matches_at(&view.words, i + 1).is_empty()
        })
}

/// Killed and wounded figures of the clause (or the sentence), and who the
/// victims were.
pub fn casualties(view: &SentenceView<'_>) -> (Option<Count>, Option<Count>, Option<Victims>) {
    let mut killed: Option<Count> = None;
    let mut wounded: Option<Count> = None;
    let mut victims: Option<Victims> = None;
    for c in view.casualties.iter().filter(|c| !c.value.cumulative) {
        let slot = match c.value.outcome {
            Outcome::Killed => &mut killed,
            Outcome::Wounded => &mut wounded,
            _ => continue,
        };
        if let Some(n) = c.value.count {
            // Within one sentence a later figure is an update ("14 (20 selon
            // un dernier bilan)"): keep the highest.
            *slot = Some(match *slot {
                Some(old) if old.low() >= n.low() => old,
                _ => n,
            });
        }
        if c.value.outcome == Outcome::Killed || victims.is_none() {
            victims = Some(victims.map_or(c.value.victims, |v| v.merge(c.value.victims)));
        }
    }
    (killed, wounded, victims)
}

/// Weapon names of the clause, and the strike mode they imply.
pub fn weapons(view: &SentenceView<'_>, clause: Clause) -> (Vec<String>, Option<String>) {
    let mut names: Vec<String> = Vec::new();
    let mut mode = None;
    for w in SentenceView::in_clause(&view.weapons, clause) {
        if !names.contains(&w.value.name) {
            names.push(w.value.name.clone());
        }
        mode = mode.or(w.value.class.mode().map(str::to_string));
    }
    (names, mode)
}
