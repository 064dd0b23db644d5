//! Glue between the store and the resolver: the claims not yet resolved
//! join the stored events they belong to (or new ones), tallies are
//! collected, and the result is saved in one transaction — so a run killed
//! here resumes where it stopped.
//!
//! Only the new claims and the stored events they could join (those of
//! their weeks, and the undated ones) are read: old pages are never read
//! again. Stored events are rebuilt with their claims in id order — the
//! order they joined — so that resolving pages in several runs gives the
//! events one run over all of them gives.

use std::collections::HashMap;

use anyhow::Context;
use warlog_model::Date;
use warlog_resolve::{ClaimInfo, EventDraft, Resolver, tallies};
use warlog_store::{ClaimRef, EventRecord, Resolution, Store, StoredClaim};

/// What one resolve pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    /// New claims placed (tallies included).
    pub claims: usize,
    pub events_touched: usize,
    pub tallies: usize,
}

fn info(c: &StoredClaim) -> ClaimInfo {
    ClaimInfo {
        id: c.id,
        doc_id: c.doc_id.clone(),
        published: c.published,
        fingerprint: c.fingerprint,
        claim: c.claim.clone(),
    }
}

fn record(e: &EventDraft, refs: &HashMap<i64, ClaimRef>) -> EventRecord {
    EventRecord {
        id: e.id,
        event_type: e.event_type,
        date: e.date,
        place: e.place.clone(),
        actor1: e.actor1.clone(),
        actor2: e.actor2.clone(),
        sources: e.sources,
        contested: e.contested,
        claims: e.members.iter().filter_map(|m| refs.get(&m.id).cloned()).collect(),
    }
}

/// The days a set of claims could touch, widened by a week each side.
fn window(claims: &[StoredClaim]) -> Option<(Date, Date)> {
    let week = jiff::Span::new().days(7);
    let mut lo: Option<Date> = None;
    let mut hi: Option<Date> = None;
    for c in claims {
        let bounds = c.claim.date.bounds().or_else(|| c.published.map(|p| (p, p)));
        if let Some((a, b)) = bounds {
            lo = Some(lo.map_or(a, |x| x.min(a)));
            hi = Some(hi.map_or(b, |x| x.max(b)));
        }
    }
    Some((lo?.saturating_sub(week), hi?.saturating_add(week)))
}

/// Resolves every claim stored since the last pass.
pub fn resolve_pending(store: &mut Store) -> anyhow::Result<Resolved> {
    let after = store.resolved_through().context("reading the resolver's position")?;
    let new = store.claims_after(after, usize::MAX).context("reading new claims")?;
    if new.is_empty() {
        return Ok(Resolved::default());
    }
    let through = new.iter().map(|c| c.id).max();
    // Stored events that the new claims could join, with their claims.
    let index = match window(&new) {
        Some(w) => store.events_index(Some(w)),
        None => store.events_index(None),
    }
    .context("reading stored events")?;
    let member_ids: Vec<i64> = index.iter().flat_map(|e| e.claims.iter().map(|c| c.claim_id)).collect();
    let members = store.claims(&member_ids).context("reading stored events' claims")?;
    let by_id: HashMap<i64, &StoredClaim> = members.iter().map(|c| (c.id, c)).collect();
    let mut existing: Vec<(i64, Vec<ClaimInfo>)> = index
        .iter()
        .filter_map(|e| {
            let mut infos: Vec<ClaimInfo> =
                e.claims.iter().filter_map(|r| by_id.get(&r.claim_id).map(|c| info(c))).collect();
            infos.sort_by_key(|c| c.id);
            e.id.map(|id| (id, infos))
        })
        .collect();
    existing.sort_by_key(|(id, _)| *id);
    let mut refs: HashMap<i64, ClaimRef> = members.iter().map(|c| (c.id, ClaimRef::from(c))).collect();
    refs.extend(new.iter().map(|c| (c.id, ClaimRef::from(c))));

    let mut resolver = Resolver::new(existing);
    let infos: Vec<ClaimInfo> = new.iter().map(info).collect();
    for i in &infos {
        resolver.add(i.clone());
    }
    let drafts = resolver.finish();
    let events: Vec<EventRecord> = drafts.iter().filter(|e| e.changed).map(|e| record(e, &refs)).collect();
    let tallies = tallies(&infos);
    let resolution = Resolution { events, tallies, resolved_through: through };
    let outcome = store.save_resolution(&resolution).context("saving events")?;
    Ok(Resolved { claims: new.len(), events_touched: outcome.event_ids.len(), tallies: outcome.tallies_added })
}

#[cfg(test)]
mod tests;
