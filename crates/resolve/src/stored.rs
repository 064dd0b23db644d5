//! The glue between the store and the resolver, behind the `store` feature
//! (the rest of this crate never touches the store): the claims not yet
//! resolved join the stored events they belong to (or new ones), tallies
//! are collected, and the result is saved in one transaction — so a run
//! killed here resumes where it stopped. `warlog run` and `warlog bench`
//! call it after storing pages; the server's tests call it to fill a store.
//! Its tests are in the command line (`crates/cli/src/resolving/tests.rs`),
//! which runs it on pages end to end.
//!
//! Only the new claims and the stored events they could join (those of
//! their weeks, and the undated ones) are read: old pages are never read
//! again. Stored events are rebuilt with their claims in id order — the
//! order they joined — so that resolving pages in several runs gives the
//! events one run over all of them gives.

use std::collections::{HashMap, HashSet};

use warlog_model::Date;
use warlog_store::{ClaimRef, EventRecord, Resolution, Store, StoredClaim};

use crate::{ClaimInfo, EventDraft, Resolver, tallies};

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

/// Claims read per pass: bounds the memory a large run needs for new claims.
const CHUNK: usize = 20_000;

/// Resolves every claim stored since the last pass, in chunks of claims
/// taken in the order they were stored. One resolver lives through the
/// chunks, so each stored event is read once; each chunk is saved in one
/// transaction, so a killed run resumes where it stopped.
pub fn resolve_pending(store: &mut Store) -> warlog_store::Result<Resolved> {
    let mut total = Resolved::default();
    let mut resolver = Resolver::new(Vec::new());
    let mut loaded: HashSet<i64> = HashSet::new();
    let mut refs: HashMap<i64, ClaimRef> = HashMap::new();
    loop {
        let after = store.resolved_through()?;
        let new = store.claims_after(after, CHUNK)?;
        if new.is_empty() {
            return Ok(total);
        }
        let through = new.iter().map(|c| c.id).max();
        // Stored events the new claims could join, not read before.
        // (The store skips the events read before: a pass reads each stored
        // event once, not once per chunk of claims.)
        let index = store.events_index_except(window(&new), &loaded)?;
        let mut fresh: Vec<&EventRecord> = index.iter().filter(|e| e.id.is_some_and(|id| loaded.insert(id))).collect();
        fresh.sort_by_key(|e| e.id);
        let member_ids: Vec<i64> = fresh.iter().flat_map(|e| e.claims.iter().map(|c| c.claim_id)).collect();
        let members = store.claims(&member_ids)?;
        let by_id: HashMap<i64, &StoredClaim> = members.iter().map(|c| (c.id, c)).collect();
        for e in &fresh {
            let mut infos: Vec<ClaimInfo> =
                e.claims.iter().filter_map(|r| by_id.get(&r.claim_id).map(|c| info(c))).collect();
            infos.sort_by_key(|c| c.id);
            if let Some(id) = e.id {
                resolver.load(id, infos);
            }
        }
        refs.extend(members.iter().map(|c| (c.id, ClaimRef::from(c))));
        refs.extend(new.iter().map(|c| (c.id, ClaimRef::from(c))));

        let infos: Vec<ClaimInfo> = new.iter().map(info).collect();
        drop(new);
        // Tallies first, so that the claims move into the resolver uncopied.
        let tallies = tallies(&infos);
        let placed = infos.len();
        for i in infos {
            resolver.add(i);
        }
        let changed = resolver.changed();
        let events: Vec<EventRecord> = changed.iter().map(|&i| record(resolver.event(i), &refs)).collect();
        let outcome = store.save_resolution(&Resolution { events, tallies, resolved_through: through })?;
        for (&i, &id) in changed.iter().zip(&outcome.event_ids) {
            resolver.saved(i, id);
            loaded.insert(id);
        }
        total.claims += placed;
        total.events_touched += outcome.event_ids.len();
        total.tallies += outcome.tallies_added;
    }
}
