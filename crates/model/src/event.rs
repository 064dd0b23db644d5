//! Events (claims merged across pages) and tallies (cumulative counts).

use serde::{Deserialize, Serialize};

use crate::{Actor, Claim, Count, Date, DocId, EventDate, EventType, Place, Source, Span, Stance};

/// A claim as an event holds it: the claim plus where it came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventClaim {
    pub claim_id: i64,
    pub doc_id: DocId,
    /// URL of the page, else its origin (path).
    pub page: String,
    pub outlet: Option<String>,
    pub claim: Claim,
    /// The text under `claim.evidence`.
    pub evidence_text: String,
}

/// Casualty figures one source gives for an event (never averaged).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceFigures {
    pub source: Source,
    pub killed: Option<Count>,
    pub wounded: Option<Count>,
}

/// Claims about the same real-world happening, across documents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: i64,
    pub event_type: EventType,
    pub date: EventDate,
    pub place: Option<Place>,
    pub actor1: Option<Actor>,
    pub actor2: Option<Actor>,
    /// Independent sources: copies of one wire story count once.
    pub sources: usize,
    /// Some claim denies it, or sources disagree on what happened.
    pub contested: bool,
    pub claims: Vec<EventClaim>,
}

impl Event {
    /// Figures per source, in claim order, for the sources that give any.
    pub fn figures(&self) -> Vec<SourceFigures> {
        let mut out: Vec<SourceFigures> = Vec::new();
        for c in &self.claims {
            let claim = &c.claim;
            if claim.stance == Stance::Denied || (claim.killed.is_none() && claim.wounded.is_none()) {
                continue;
            }
            match out.iter_mut().find(|f| f.source == claim.source) {
                // A later figure from the same source is an update: keep the highest.
                Some(f) => {
                    f.killed = max_count(f.killed, claim.killed);
                    f.wounded = max_count(f.wounded, claim.wounded);
                }
                None => out.push(SourceFigures {
                    source: claim.source.clone(),
                    killed: claim.killed,
                    wounded: claim.wounded,
                }),
            }
        }
        out
    }

    /// ACLED's convention: the lowest credible fatality figure among sources.
    pub fn fatalities(&self) -> u32 {
        self.figures().iter().filter_map(|f| f.killed.map(|k| k.low())).min().unwrap_or(0)
    }
}

fn max_count(a: Option<Count>, b: Option<Count>) -> Option<Count> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.low() > x.low() { y } else { x }),
        (x, None) => x,
        (None, y) => y,
    }
}

/// One point of a cumulative series ("more than 600 soldiers killed since
/// 27 September"), by the party that counts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    pub party: Source,
    pub as_of: Option<Date>,
    pub figure: Count,
    /// What is counted: `killed`, `wounded`, `destroyed`, ...
    pub category: String,
    /// Whose losses (the side counted), when said.
    pub subject: Option<Actor>,
    pub doc_id: DocId,
    pub evidence: Span,
}
