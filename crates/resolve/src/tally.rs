//! Cumulative counts ("more than 600 soldiers killed since 27 September")
//! are not events: they become a series per counting party.

use warlog_model::{EventType, Tally};

use crate::ClaimInfo;

/// The `casualty_tally` claims as tallies, by party then as-of date.
pub fn tallies(claims: &[ClaimInfo]) -> Vec<Tally> {
    let mut out: Vec<Tally> = claims
        .iter()
        .filter(|c| c.claim.event_type == EventType::CasualtyTally)
        .filter_map(|c| {
            let (figure, category) = match (c.claim.killed, c.claim.wounded) {
                (Some(k), _) => (k, "killed"),
                (None, Some(w)) => (w, "wounded"),
                _ => return None,
            };
            Some(Tally {
                party: c.claim.source.clone(),
                as_of: c.claim.as_of.or(c.published),
                figure,
                category: category.to_string(),
                subject: c.claim.actor2.clone(),
                doc_id: c.doc_id.clone(),
                evidence: c.claim.evidence,
            })
        })
        .collect();
    out.sort_by(|a, b| a.party.cmp(&b.party).then(a.as_of.cmp(&b.as_of)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use warlog_model::{Claim, Count, Date, SegmentKind, Source, Span, Stance};

    #[test]
    fn a_tally_without_a_figure_is_dropped() {
        let mut c = Claim::new(
            EventType::CasualtyTally,
            "ART:government".parse::<Source>().unwrap(),
            Stance::Asserted,
            Span::new(0, 1),
            SegmentKind::Body,
        );
        let info = |claim: Claim| ClaimInfo {
            id: 1,
            doc_id: "d".into(),
            published: Some(Date::constant(2020, 10, 13)),
            fingerprint: None,
            claim,
        };
        assert!(tallies(&[info(c.clone())]).is_empty());
        c.killed = Some(Count::Exact(480));
        let t = tallies(&[info(c)]);
        assert_eq!((t[0].figure, t[0].as_of), (Count::Exact(480), Some(Date::constant(2020, 10, 13))));
    }
}
