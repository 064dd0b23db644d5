//! Who says so: the party a claim is attributed to, and how (stance).
//!
//! Attribution comes from a cue: "selon X" / "according to X" (the source
//! follows), or a verb of saying whose subject is the source ("Bakou
//! affirme", "X said") or, after inversion, the words that follow it ("a
//! indiqué le bureau du procureur", "said the ministry"). A pronoun subject
//! ("a-t-il dit", "Il confirme") refers back to the previous source. With no
//! attribution the outlet speaks in its own voice.

use warlog_model::{Actor, Role, Source, Span};
use warlog_recognise::actors::ActorForm;

use crate::clause::Clause;
use crate::lexicon::{Cue, Grammar, Lexicons};
use crate::sentence::{Located, SentenceView};

/// A source found in a sentence, with the cue that introduced it.
#[derive(Clone, Debug, PartialEq)]
pub struct Attribution {
    pub source: Source,
    pub span: Option<Span>,
    /// Word index of the cue.
    pub cue_at: usize,
    pub cue: Cue,
    /// Index into `SentenceView::actors` of the source mention.
    pub actor_index: Option<usize>,
}

/// The actor a source mention stands for; speakers are states' governments
/// unless the noun says otherwise.
pub fn source_actor(m: &Located<warlog_recognise::actors::ActorMention>) -> Option<Actor> {
    let country = m.value.country.as_deref()?;
    let role = match m.value.form {
        ActorForm::Country(_) | ActorForm::People | ActorForm::Adjective => Role::Government,
        _ => m.value.role,
    };
    Some(Actor::new(country, role))
}

/// The first party named within `[from, to)`. A role whose country the
/// text does not give ("according to the army", "selon un responsable")
/// is the speaker, and no party we know — unless a party completes it
/// ("un journaliste de l'AFP").
fn actor_in(view: &SentenceView<'_>, from: usize, to: usize) -> Option<usize> {
    let i = view.actors.iter().position(|a| a.start >= from && a.start < to)?;
    known_or_completed(view, i)
}

/// The last party named within `[from, to)`, with the same reading of a
/// role without a country ("…, the health ministry said").
fn actor_before(view: &SentenceView<'_>, from: usize, to: usize) -> Option<usize> {
    let i = view.actors.iter().rposition(|a| a.start >= from && a.end <= to)?;
    speaker(view, i).is_some().then_some(i)
}

fn known_or_completed(view: &SentenceView<'_>, i: usize) -> Option<usize> {
    if speaker(view, i).is_some() {
        return Some(i);
    }
    let j = i + 1;
    (j < view.actors.len() && completes(view, i, j) && source_actor(&view.actors[j]).is_some()).then_some(j)
}

/// The party mention `i` speaks for: its own, or for a role without a
/// country, the country of the place it serves ("le gouverneur de la région
/// de Kharkiv", "the Kherson regional governor", "the mayor of Gaza City").
fn speaker(view: &SentenceView<'_>, i: usize) -> Option<Actor> {
    let m = &view.actors[i];
    if let Some(a) = source_actor(m) {
        return Some(a);
    }
    if m.value.form != ActorForm::Role || !matches!(m.value.role, Role::Government | Role::Police) {
        return None;
    }
    let filler = |w: &str| {
        matches!(
            w,
            "de" | "du" | "d" | "l" | "la" | "le" | "of" | "the" | "region" | "oblast" | "province" | "regional"
        )
    };
    let served = view.places.iter().find(|p| {
        let after = p.start >= m.end && p.start - m.end <= 4 && (m.end..p.start).all(|w| filler(view.word(w)));
        let before = p.end <= m.start && m.start - p.end <= 1 && (p.end..m.start).all(|w| filler(view.word(w)));
        after || before
    })?;
    Some(Actor::new(served.value.place.country.as_deref()?, m.value.role))
}

/// Is mention `j` the complement of mention `i` ("journaliste de l'AFP")?
fn completes(view: &SentenceView<'_>, i: usize, j: usize) -> bool {
    let (a, b) = (&view.actors[i], &view.actors[j]);
    b.start >= a.end
        && b.start - a.end <= 3
        && (a.end..b.start)
            .all(|w| matches!(view.word(w), "de" | "du" | "des" | "d" | "l" | "la" | "le" | "of" | "the"))
}

/// Every attribution of the sentence, in order.
pub fn attributions(
    view: &SentenceView<'_>,
    lex: &Lexicons,
    lang: &str,
    previous: Option<&Source>,
) -> Vec<Attribution> {
    let mut out = Vec::new();
    for cue in &view.cues {
        let clause = view.clause(cue.start);
        let found = match cue.value {
            Cue::SourceBefore | Cue::SourceHedged => {
                // The source stands between the cue and the next comma.
                let limit = (cue.end + 6).min(view.words.len());
                let stop = (cue.end..limit).find(|&w| view.words[w].punct && view.word(w) != "'").unwrap_or(limit);
                let after = actor_in(view, cue.end, stop);
                match after {
                    Some(i) => Some((speaker(view, i), Some(i))),
                    None if pronoun_at(view, lex, lang, cue.end) => previous.map(|p| (p.actor().cloned(), None)),
                    None => None,
                }
            }
            Cue::Say | Cue::SayHedged | Cue::Deny => {
                let earlier = out.iter().rev().find(|a: &&Attribution| a.cue != Cue::Deny);
                speaker_of(view, lex, lang, cue, clause, previous, earlier)
            }
            _ => None,
        };
        if let Some((actor, idx)) = found {
            let source = match actor {
                Some(a) => Source::Party(a),
                None => continue,
            };
            out.push(Attribution {
                source,
                span: idx.map(|i| view.actors[i].span),
                cue_at: cue.start,
                cue: cue.value,
                actor_index: idx,
            });
            out.extend(coordinated_sources(view, idx, cue));
        }
    }
    out
}

/// "diffusées par l'armée de l'Artsakh et le ministère arménien": each
/// party coordinated with the source at actor `idx` is a source of its own.
/// A comma alone only lists when a conjunction closes the list ("X, Y et
/// Z"): in "selon X, Y a bombardé" the party after the comma is the subject.
fn coordinated_sources(view: &SentenceView<'_>, idx: Option<usize>, cue: &Located<Cue>) -> Vec<Attribution> {
    let mut out = Vec::new();
    let mut pending = Vec::new();
    let mut last = idx;
    while let Some(i) = last {
        let next = i + 1;
        let Some(m) = view.actors.get(next) else { break };
        let gap: Vec<&str> = (view.actors[i].end..m.start).map(|w| view.word(w)).collect();
        let joined =
            !gap.is_empty() && gap.iter().all(|w| matches!(*w, "et" | "and" | "," | "le" | "la" | "les" | "the"));
        let Some(actor) = source_actor(m).filter(|_| joined) else { break };
        pending.push(Attribution {
            source: Source::Party(actor),
            span: Some(m.span),
            cue_at: cue.start,
            cue: cue.value,
            actor_index: Some(next),
        });
        if gap.iter().any(|w| matches!(*w, "et" | "and")) {
            out.append(&mut pending);
        }
        last = Some(next);
    }
    out
}

fn pronoun_at(view: &SentenceView<'_>, lex: &Lexicons, lang: &str, i: usize) -> bool {
    lex.is(lang, view.word(i), Grammar::Pronoun)
}

/// The subject of a verb of saying or denying: before it in its clause, or
/// after it (inversion), or a pronoun for the previous source.
fn speaker_of(
    view: &SentenceView<'_>,
    lex: &Lexicons,
    lang: &str,
    cue: &Located<Cue>,
    clause: Clause,
    previous: Option<&Source>,
    earlier: Option<&Attribution>,
) -> Option<(Option<Actor>, Option<usize>)> {
    // "…, accusant X de…": a participle speaks with its main clause's subject.
    let verb = view.words[cue.start].span.slice(view.text);
    if cue.end - cue.start == 1 && lex.ends_with(lang, verb, Grammar::PresentParticipleSuffix) {
        return match earlier {
            Some(a) => Some((a.source.actor().cloned(), a.actor_index)),
            None => previous.map(|p| (p.actor().cloned(), None)),
        };
    }
    // Passive denial: "L'information a été démentie par des correspondants".
    let agent_after = (cue.end..(cue.end + 2).min(view.words.len()))
        .find(|&i| lex.is(lang, view.word(i), Grammar::Agent))
        .and_then(|i| actor_in(view, i + 1, (i + 6).min(view.words.len())));
    if let Some(i) = agent_after {
        return Some((speaker(view, i), Some(i)));
    }
    // After a comma or a closing quote the verb comes first and its subject
    // follows: "…, a affirmé Bakou", "« … », a indiqué le ministère".
    // (Auxiliaries may stand between: "…, a rapporté l'OSDH".)
    let mut before = cue.start;
    while before > 0 && lex.is(lang, view.word(before - 1), Grammar::Auxiliary) {
        before -= 1;
    }
    let inverted = before > 0 && view.words[before - 1].punct;
    let end = (cue.end + 8).min(view.words.len());
    if inverted && let Some(i) = actor_in(view, cue.end, end) {
        return Some((speaker(view, i), Some(i)));
    }
    // The word right before the verb (past auxiliaries and adverbs) says
    // whether its subject is a party: an ordinary noun there ("…in central
    // Sudan, local activists said") means the speaker is no party we know.
    let mut j = cue.start;
    while j > clause.start
        && (lex.is(lang, view.word(j - 1), Grammar::Auxiliary) || lex.is(lang, view.word(j - 1), Grammar::Adverb))
    {
        j -= 1;
    }
    // (Only when a comma stands between that noun and the last party before
    // it: "Le ministère … a copieusement diffusé" keeps its subject.)
    let before = actor_before(view, clause.start, cue.start);
    let unknown_subject = j > clause.start && {
        let w = &view.words[j - 1];
        let comma_between = before.is_some_and(|i| view.words[view.actors[i].end..j].iter().any(|w| w.folded == ","));
        !w.punct && !w.capitalised && comma_between && !view.actors.iter().any(|a| a.start < j && j <= a.end)
    };
    if !unknown_subject
        && let Some(i) = before
        // The subject is close to its verb; a party far before it is more
        // likely an object of an earlier verb.
        && cue.start - view.actors[i].end <= 8
    {
        return Some((speaker(view, i), Some(i)));
    }
    if let Some(i) = shared_subject(view, lex, lang, cue.start, clause) {
        return Some((speaker(view, i), Some(i)));
    }
    let pronoun_subject = (clause.start..cue.start).rev().take(3).any(|i| pronoun_at(view, lex, lang, i))
        || (cue.start..cue.end).any(|i| pronoun_at(view, lex, lang, i));
    if pronoun_subject {
        return previous.map(|p| (p.actor().cloned(), None));
    }
    // Inversion without a comma ("a rapporté le Service d'urgence").
    if let Some(i) = actor_in(view, cue.end, end) {
        return Some((speaker(view, i), Some(i)));
    }
    // "indique le message": the message of the party quoted before.
    if (cue.end..end.min(cue.end + 3)).any(|i| lex.is(lang, view.word(i), Grammar::SourceNoun)) {
        return previous.map(|p| (p.actor().cloned(), None));
    }
    None
}

/// "X a rencontré les ambassadeurs et leur a précisé…", "X met envoys and
/// told them…": a verb coordinated with the clause's first verb shares its
/// subject, the party that opens the clause.
fn shared_subject(view: &SentenceView<'_>, lex: &Lexicons, lang: &str, verb: usize, clause: Clause) -> Option<usize> {
    let mut j = verb;
    while j > clause.start && {
        let w = view.word(j - 1);
        lex.is(lang, w, Grammar::Auxiliary)
            || lex.is(lang, w, Grammar::Adverb)
            || lex.is(lang, w, Grammar::ObjectPronoun)
    } {
        j -= 1;
    }
    if j == clause.start || !lex.is(lang, view.word(j - 1), Grammar::Coordinator) {
        return None;
    }
    let i = view.actors.iter().position(|a| a.start >= clause.start && a.end < j && source_actor(a).is_some())?;
    (view.actors[i].start <= clause.start + 2).then_some(i)
}

/// The attribution that covers a trigger at word `i` in `clause`: one in
/// its own clause first, else the sentence's first attribution that is not
/// a denial.
pub fn attribution_for<'a>(
    view: &SentenceView<'_>,
    atts: &'a [Attribution],
    clause: Clause,
) -> Option<&'a Attribution> {
    let in_clause = atts.iter().find(|a| a.cue_at >= clause.start && a.cue_at < clause.end && a.cue != Cue::Deny);
    in_clause.or_else(|| {
        atts.iter().find(|a| {
            a.cue != Cue::Deny && {
                // A say cue in another clause governs this one unless that
                // clause is a relative or participle aside.
                let c = view.clause(a.cue_at);
                c.opener.is_none() || c == clause
            }
        })
    })
}
