//! An event being built: its claims and the header derived from them.

use warlog_model::{Actor, Claim, EventDate, EventType, Place, Source, Stance};

use crate::ClaimInfo;
use crate::fingerprint::near_duplicates;

/// An event: its header, derived from its claims, and the claims.
#[derive(Clone, Debug, PartialEq)]
pub struct EventDraft {
    /// The stored id; `None` for an event not yet stored.
    pub id: Option<i64>,
    pub event_type: EventType,
    pub date: EventDate,
    pub place: Option<Place>,
    pub actor1: Option<Actor>,
    pub actor2: Option<Actor>,
    pub members: Vec<ClaimInfo>,
    /// Independent voices: each cited party once, and each page reporting
    /// in its own voice once (near-duplicate pages are one page).
    pub sources: usize,
    pub contested: bool,
    /// Touched by this run (new, or new claims joined it).
    pub changed: bool,
}

/// The most frequent value (first seen wins ties).
fn most_common<T: Clone + PartialEq>(values: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: Vec<(T, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(x, _)| *x == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((v, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts.into_iter().find(|(_, n)| *n == best).map(|(v, _)| v)
}

impl EventDraft {
    /// An event of these claims (at least one), header computed.
    pub(crate) fn new(id: Option<i64>, members: Vec<ClaimInfo>) -> EventDraft {
        let first = &members[0].claim;
        let mut e = EventDraft {
            id,
            event_type: first.event_type,
            date: first.date,
            place: first.place.clone(),
            actor1: first.actor1.clone(),
            actor2: first.actor2.clone(),
            members,
            sources: 0,
            contested: false,
            changed: false,
        };
        e.refresh();
        e
    }

    /// Recomputes the header from the claims: the type, date and actors most
    /// asserting claims give, the most precise place, the independent
    /// sources, and whether anyone denies it. Denials count only when no
    /// claim asserts the event.
    pub(crate) fn refresh(&mut self) {
        let claims = || self.members.iter().map(|m| &m.claim);
        let asserting: Vec<&Claim> = claims().filter(|c| c.stance != Stance::Denied).collect();
        let pool: Vec<&Claim> = if asserting.is_empty() { claims().collect() } else { asserting };
        self.event_type = most_common(pool.iter().map(|c| c.event_type)).unwrap_or(self.event_type);
        self.date = most_common(pool.iter().map(|c| c.date).filter(EventDate::is_known)).unwrap_or(EventDate::Unknown);
        self.place = pool
            .iter()
            .filter_map(|c| c.place.clone())
            .min_by(|a, b| a.precision.cmp(&b.precision))
            .or_else(|| claims().find_map(|c| c.place.clone()));
        self.actor1 = most_common(pool.iter().filter_map(|c| c.actor1.clone()));
        self.actor2 = most_common(pool.iter().filter_map(|c| c.actor2.clone()));
        self.contested = claims().any(|c| c.stance == Stance::Denied || !c.denied_by.is_empty());
        self.sources = independent_sources(&self.members);
    }
}

/// Distinct voices: a cited party counts once however many pages relay it;
/// a page in its own voice counts once per group of near-duplicate pages.
pub fn independent_sources(members: &[ClaimInfo]) -> usize {
    let mut parties: Vec<&Source> = Vec::new();
    let mut pages: Vec<(&str, Option<u64>)> = Vec::new();
    for m in members {
        match &m.claim.source {
            Source::Party(_) => {
                if !parties.contains(&&m.claim.source) {
                    parties.push(&m.claim.source);
                }
            }
            Source::Outlet => {
                let copy = pages.iter().any(|(doc, fp)| {
                    *doc == m.doc_id || matches!((fp, m.fingerprint), (Some(a), Some(b)) if near_duplicates(*a, b))
                });
                if !copy {
                    pages.push((&m.doc_id, m.fingerprint));
                }
            }
        }
    }
    parties.len() + pages.len()
}
