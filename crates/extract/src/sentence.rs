//! One sentence, analysed: its words and clauses, and every trigger, cue,
//! actor, place, date, casualty figure and weapon in it, each located by
//! word index so that rules can ask "what is in this clause, before or
//! after this word".

use warlog_model::{PlaceRole, Role, Span};
use warlog_recognise::actors::{ActorForm, ActorLexicon, ActorMention};
use warlog_recognise::phrase::{Word, words};

use crate::clause::{Clause, ClauseStarters};
use crate::input::{Casualty, DateHit, Input, PlaceMatch, Sentence, WeaponMatch};
use crate::lexicon::{Cue, Grammar, Lexicons, Trigger};

/// A lexicon match located by words `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Located<T> {
    pub start: usize,
    pub end: usize,
    pub span: Span,
    pub value: T,
}

pub struct SentenceView<'a> {
    pub sentence: Sentence,
    pub text: &'a str,
    pub words: Vec<Word>,
    pub clauses: Vec<Clause>,
    pub triggers: Vec<Located<Trigger>>,
    pub cues: Vec<Located<Cue>>,
    pub actors: Vec<Located<ActorMention>>,
    pub places: Vec<Located<&'a PlaceMatch>>,
    pub dates: Vec<Located<&'a DateHit>>,
    pub casualties: Vec<Located<&'a Casualty>>,
    pub weapons: Vec<Located<&'a WeaponMatch>>,
}

/// Word range `[start, end)` covering `span`, if any word lies in it.
fn word_range(words: &[Word], span: Span) -> Option<(usize, usize)> {
    let start = words.iter().position(|w| w.span.overlaps(span))?;
    let end = words.iter().rposition(|w| w.span.overlaps(span))? + 1;
    Some((start, end))
}

fn locate<T: Copy>(words: &[Word], items: impl Iterator<Item = (Span, T)>) -> Vec<Located<T>> {
    items
        .filter_map(|(span, value)| word_range(words, span).map(|(start, end)| Located { start, end, span, value }))
        .collect()
}

impl<'a> SentenceView<'a> {
    pub fn new(
        input: &Input<'a>,
        index: usize,
        sentence: Sentence,
        lang: &str,
        lex: &Lexicons,
        actors: &ActorLexicon,
        starters: &ClauseStarters,
    ) -> SentenceView<'a> {
        let text = input.text;
        let span = sentence.span;
        let ws = match input.words.and_then(|w| w.get(index)) {
            Some(w) => w.clone(),
            None => words(text, span),
        };
        let clauses = starters.split(&ws, lang);
        let triggers: Vec<Located<Trigger>> = lex
            .triggers
            .get(lang)
            .map(|set| {
                set.find(&ws)
                    .iter()
                    .map(|m| Located { start: m.start, end: m.end, span: m.span, value: *m.value })
                    .collect()
            })
            .unwrap_or_default();
        let cues: Vec<Located<Cue>> = lex
            .cues
            .get(lang)
            .map(|set| {
                set.find(&ws)
                    .iter()
                    .map(|m| Located { start: m.start, end: m.end, span: m.span, value: *m.value })
                    .collect()
            })
            .unwrap_or_default();

        let inside = |s: Span| span.contains(s);
        let mut actor_mentions = match input.actors.and_then(|a| a.get(index)) {
            Some(a) => a.clone(),
            None => actors.find_in(text, &ws, lang),
        };
        // A country or capital as subject or object ("l'Azerbaïdjan a
        // accusé l'Arménie", "Bakou affirme") stands for its state: an actor,
        // and not a place of the event. After a preposition ("en
        // Azerbaïdjan", "du Haut-Karabakh", "in Kyiv") it is a place or a
        // complement.
        let after_preposition = |s: Span| {
            let mut i = ws.iter().rposition(|w| w.span.end <= s.start);
            while let Some(k) = i {
                if lex.is(lang, &ws[k].folded, Grammar::Determiner)
                    && !lex.is(lang, &ws[k].folded, Grammar::Preposition)
                {
                    i = k.checked_sub(1);
                } else {
                    break;
                }
            }
            i.is_some_and(|k| lex.is(lang, &ws[k].folded, Grammar::Preposition))
        };
        // "according to Kyiv": the cue's preposition introduces a speaker.
        let after_source_cue = |s: Span| {
            cues.iter().any(|c| {
                matches!(c.value, Cue::SourceBefore | Cue::SourceHedged)
                    && ws.get(c.end).is_some_and(|w| w.span.start == s.start)
            })
        };
        actor_mentions.retain(|a| {
            !matches!(a.form, ActorForm::Country(_)) || after_source_cue(a.span) || !after_preposition(a.span)
        });
        let state_spans: Vec<Span> =
            actor_mentions.iter().filter(|a| matches!(a.form, ActorForm::Country(_))).map(|a| a.span).collect();
        let places_all: Vec<&PlaceMatch> = input
            .places
            .iter()
            .filter(|p| inside(p.span))
            .filter(|p| !state_spans.iter().any(|s| s.overlaps(p.span)))
            .collect();
        for p in places_all.iter().filter(|p| p.role == PlaceRole::Metonym) {
            if actor_mentions.iter().any(|a| a.span.overlaps(p.span)) {
                continue;
            }
            if let Some(country) = &p.place.country {
                actor_mentions.push(ActorMention {
                    span: p.span,
                    country: Some(country.clone()),
                    role: Role::Government,
                    form: ActorForm::Country(warlog_recognise::actors::DesignatorForm::Capital),
                    speaker: false,
                });
            }
        }
        actor_mentions.sort_by_key(|a| a.span.start);
        let actors_located: Vec<Located<ActorMention>> = actor_mentions
            .into_iter()
            .filter_map(|a| word_range(&ws, a.span).map(|(start, end)| Located { start, end, span: a.span, value: a }))
            .collect();
        // Places inside a composed actor ("les forces du Haut-Karabakh") name
        // the actor, not where something happened.
        let places = locate(
            &ws,
            places_all
                .into_iter()
                .filter(|p| p.role == PlaceRole::Location)
                .filter(|p| {
                    !actors_located.iter().any(|a| {
                        matches!(a.value.form, ActorForm::Composed | ActorForm::Party(_)) && a.span.contains(p.span)
                    })
                })
                .map(|p| (p.span, p)),
        );
        let dates = locate(&ws, input.dates.iter().filter(|d| inside(d.span)).map(|d| (d.span, d)));
        // A word inside a date is the date's ("On 9 May 2020" is not the
        // modal "may"; "mars" in "le 3 mars" is not a planet).
        let cues: Vec<Located<Cue>> =
            cues.into_iter().filter(|c| !dates.iter().any(|d| d.span.overlaps(c.span))).collect();
        let casualties = locate(&ws, input.casualties.iter().filter(|c| span.overlaps(c.span)).map(|c| (c.span, c)));
        let weapons = locate(&ws, input.weapons.iter().filter(|w| inside(w.span)).map(|w| (w.span, w)));
        // A trigger word inside a weapon name ("drones d'attaque") or an
        // actor name is not a trigger.
        let triggers = triggers
            .into_iter()
            .filter(|t| !dates.iter().any(|d| d.span.overlaps(t.span)))
            .filter(|t| !weapons.iter().any(|w| w.span.contains(t.span) && w.span != t.span))
            .filter(|t| !actors_located.iter().any(|a| a.span.contains(t.span)))
            .collect();
        SentenceView {
            sentence,
            text,
            words: ws,
            clauses,
            triggers,
            cues,
            actors: actors_located,
            places,
            dates,
            casualties,
            weapons,
        }
    }

    /// The clause holding word `i`.
    pub fn clause(&self, i: usize) -> Clause {
        crate::clause::clause_of(&self.clauses, i)
    }

    /// Byte span of words `[start, end)`.
    pub fn span_of(&self, start: usize, end: usize) -> Span {
        match (self.words.get(start), end.checked_sub(1).and_then(|e| self.words.get(e))) {
            (Some(a), Some(b)) if start < end => Span::new(a.span.start, b.span.end),
            _ => self.sentence.span,
        }
    }

    pub fn in_clause<T>(items: &[Located<T>], c: Clause) -> impl Iterator<Item = &Located<T>> {
        items.iter().filter(move |x| x.start >= c.start && x.end <= c.end)
    }

    pub fn word(&self, i: usize) -> &str {
        self.words.get(i).map(|w| w.folded.as_str()).unwrap_or("")
    }
}
