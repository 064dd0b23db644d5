//! People the page introduces once and names again later: "le ministre
//! turc, Hulusi Akar" then "a ajouté M. Akar"; "Eduard Aghajanian, président
//! de la commission … du Parlement arménien" then "a exigé Aghajanian".
//!
//! A name is a run of two to four capitalised words. It takes the party of
//! an actor phrase right before it ("le président azerbaïdjanais, Ilham
//! Aliev") or of the first actor phrase in the apposition after it
//! ("Aghajanian, membre de … au Parlement arménien,"). Later, the surname
//! alone names the same party.

use std::collections::HashMap;

use warlog_model::Role;
use warlog_recognise::actors::{ActorForm, ActorMention, PartyKind};

use crate::sentence::{Located, SentenceView};

/// Surname (folded) → the party of the person.
#[derive(Debug, Default)]
pub struct Persons {
    by_surname: HashMap<String, ActorMention>,
}

/// Runs of capitalised words `[start, end)` that are not part of a known
/// actor or place and are not at the start of the sentence alone.
fn names(view: &SentenceView<'_>) -> Vec<(usize, usize)> {
    let covered = |i: usize| {
        view.actors.iter().any(|a| a.start <= i && i < a.end) || view.places.iter().any(|p| p.start <= i && i < p.end)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < view.words.len() {
        let w = &view.words[i];
        if w.capitalised && !w.punct && w.folded.len() > 1 && !covered(i) {
            let start = i;
            while i < view.words.len() && view.words[i].capitalised && !view.words[i].punct && !covered(i) {
                i += 1;
            }
            if (2..=4).contains(&(i - start)) {
                out.push((start, i));
            }
        } else {
            i += 1;
        }
    }
    out
}

fn speaker_role(a: &ActorMention) -> bool {
    a.country.is_some()
        && matches!(a.form, ActorForm::Composed | ActorForm::Party(_))
        && matches!(
            a.role,
            Role::Government | Role::Military | Role::Media | Role::Ngo | Role::International | Role::ArmedGroup
        )
}

impl Persons {
    /// Learns the people of every sentence of the page.
    pub fn learn_refs(views: &[&SentenceView<'_>]) -> Persons {
        let mut persons = Persons::default();
        for view in views.iter().copied() {
            for (s, e) in names(view) {
                // "<actor>, Name" / "<actor> Name".
                let before = view.actors.iter().rev().find(|a| {
                    a.end <= s && s - a.end <= 1 && (s == a.end || view.words[a.end].punct) && speaker_role(&a.value)
                });
                // "Name, <apposition with an actor>,".
                let after = (e < view.words.len() && view.words[e].folded == ",")
                    .then(|| {
                        let stop = (e + 1..view.words.len().min(e + 16))
                            .find(|&i| view.words[i].punct && view.words[i].folded != "'")
                            .unwrap_or(view.words.len().min(e + 16));
                        view.actors.iter().find(|a| a.start > e && a.end <= stop && speaker_role(&a.value))
                    })
                    .flatten();
                if let Some(a) = before.or(after) {
                    let surname = view.words[e - 1].folded.clone();
                    persons.by_surname.entry(surname).or_insert_with(|| a.value.clone());
                }
            }
        }
        persons
    }

    /// Adds the known people of a sentence to its actors.
    pub fn mark(&self, view: &mut SentenceView<'_>) {
        if self.by_surname.is_empty() {
            return;
        }
        let mut added = Vec::new();
        for (i, w) in view.words.iter().enumerate() {
            if !w.capitalised || w.punct {
                continue;
            }
            let Some(a) = self.by_surname.get(&w.folded) else { continue };
            if view.actors.iter().any(|m| m.start <= i && i < m.end) {
                continue;
            }
            let value = ActorMention {
                span: w.span,
                country: a.country.clone(),
                role: a.role,
                form: ActorForm::Party(PartyKind::Person),
                speaker: true,
            };
            added.push(Located { start: i, end: i + 1, span: w.span, value });
        }
        if !added.is_empty() {
            view.actors.extend(added);
            view.actors.sort_by_key(|a| (a.start, a.end));
        }
    }
}
