//! What the resolver reads and writes: new claims with their page's
//! metadata, the event index (headers and claim references, no text), and
//! resolutions saved in one transaction with the resolver's progress —
//! each step a statement over arrays, whatever the number of events.

use std::collections::{BTreeSet, HashMap, HashSet};

use postgres::types::FromSql;
use postgres::types::ToSql;
use postgres::{Client, Transaction};
use warlog_model::{Date, Tally};

use super::R;
use super::codec::{
    EVENT_COLS, EVIDENCE_SQL, Header, corrupt, date, date_cols, evidence_text, json, now_unix, source, stance, to_json,
};
use crate::{ClaimRef, EventRecord, Resolution, ResolutionOutcome, StoreError, StoredClaim};

const RESOLVED_THROUGH: &str = "resolved_through";

fn stored_claims(client: &mut Client, filter: &str, args: &[&(dyn ToSql + Sync)]) -> R<Vec<StoredClaim>> {
    let sql = format!(
        "SELECT c.id, c.doc_id, c.claim, d.published, d.outlet, COALESCE(d.url, d.origin), d.language, \
         d.fingerprint, {EVIDENCE_SQL} FROM claims c JOIN documents d ON d.id = c.doc_id {filter}"
    );
    let mut out = Vec::new();
    for row in client.query(&sql, args)? {
        out.push(StoredClaim {
            id: row.try_get(0)?,
            doc_id: row.try_get(1)?,
            claim: json("claim", row.try_get(2)?)?,
            published: date("publication date", row.try_get(3)?)?,
            outlet: row.try_get(4)?,
            page: row.try_get(5)?,
            language: row.try_get(6)?,
            fingerprint: row.try_get::<_, Option<i64>>(7)?.map(|f| f as u64),
            evidence_text: evidence_text(row.try_get(8)?),
        });
    }
    Ok(out)
}

pub(super) fn claims_after(client: &mut Client, after: i64, limit: usize) -> R<Vec<StoredClaim>> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    stored_claims(client, "WHERE c.id > $1 ORDER BY c.id LIMIT $2", &[&after, &limit])
}

pub(super) fn claims(client: &mut Client, ids: &[i64]) -> R<Vec<StoredClaim>> {
    stored_claims(client, "WHERE c.id = ANY($1) ORDER BY c.id", &[&ids])
}

pub(super) fn unresolved_claims(client: &mut Client) -> R<Vec<StoredClaim>> {
    let filter = "WHERE NOT EXISTS (SELECT 1 FROM event_claims ec WHERE ec.claim_id = c.id) ORDER BY c.id";
    stored_claims(client, filter, &[])
}

pub(super) fn events_index(client: &mut Client, overlapping: Option<(Date, Date)>) -> R<Vec<EventRecord>> {
    let (filter, args) = match overlapping {
        Some((from, to)) => (
            "WHERE e.date_from IS NULL OR (e.date_from <= $2 AND e.date_to >= $1)",
            vec![from.to_string(), to.to_string()],
        ),
        None => ("", Vec::new()),
    };
    let params: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a as &(dyn ToSql + Sync)).collect();
    let mut records = Vec::new();
    let mut at = HashMap::new();
    for row in client.query(&format!("SELECT {EVENT_COLS} FROM events e {filter} ORDER BY e.id"), &params)? {
        let h = Header::read(&row)?;
        at.insert(h.id, records.len());
        records.push(EventRecord {
            id: Some(h.id),
            event_type: h.event_type,
            date: h.date,
            place: h.place,
            actor1: h.actor1,
            actor2: h.actor2,
            sources: h.sources,
            contested: h.contested,
            claims: Vec::new(),
        });
    }
    let only = if overlapping.is_some() {
        format!("WHERE ec.event_id IN (SELECT e.id FROM events e {filter})")
    } else {
        String::new()
    };
    let sql = format!(
        "SELECT ec.event_id, c.id, c.doc_id, c.source, c.stance, d.outlet, d.fingerprint \
         FROM event_claims ec JOIN claims c ON c.id = ec.claim_id JOIN documents d ON d.id = c.doc_id \
         {only} ORDER BY ec.event_id, c.id"
    );
    for row in client.query(&sql, &params)? {
        let Some(&i) = at.get(&row.try_get::<_, i64>(0)?) else { continue };
        records[i].claims.push(ClaimRef {
            claim_id: row.try_get(1)?,
            doc_id: row.try_get(2)?,
            source: source(row.try_get(3)?)?,
            stance: stance(row.try_get(4)?)?,
            outlet: row.try_get(5)?,
            fingerprint: row.try_get::<_, Option<i64>>(6)?.map(|f| f as u64),
        });
    }
    Ok(records)
}

pub(super) fn resolved_through(client: &mut Client) -> R<i64> {
    let row = client.query_opt("SELECT value FROM meta WHERE key = $1", &[&RESOLVED_THROUGH])?;
    let Some(row) = row else { return Ok(0) };
    let value: String = row.try_get(0)?;
    value.parse().map_err(|_| corrupt("resolver progress", value))
}

/// The ids among `ids` that a table holds (`sql` selects them).
fn existing<I, T>(tx: &mut Transaction, sql: &str, ids: &[I]) -> R<HashSet<T>>
where
    I: ToSql + Sync,
    T: Eq + std::hash::Hash + for<'a> FromSql<'a>,
{
    tx.query(sql, &[&ids])?.iter().map(|r| Ok(r.try_get(0)?)).collect()
}

pub(super) fn save_resolution(client: &mut Client, r: &Resolution) -> R<ResolutionOutcome> {
    let mut tx = client.transaction()?;
    let mut out = ResolutionOutcome::default();
    let asked: Vec<i64> = r.events.iter().filter_map(|e| e.id).collect();
    let known: HashSet<i64> = existing(&mut tx, "SELECT id FROM events WHERE id = ANY($1)", &asked)?;
    for rec in &r.events {
        match rec.id {
            None if rec.claims.is_empty() => return Err(StoreError::EmptyEvent.into()),
            Some(id) if !known.contains(&id) => return Err(StoreError::UnknownEvent(id).into()),
            _ => {}
        }
    }
    let fresh = r.events.iter().filter(|e| e.id.is_none()).count() as i64;
    let mut new_ids: Vec<i64> = tx
        .query("SELECT nextval('event_ids') FROM generate_series(1, $1::bigint)", &[&fresh])?
        .iter()
        .map(|row| row.try_get(0))
        .collect::<Result<_, _>>()?;
    new_ids.sort_unstable();
    let mut new_ids = new_ids.into_iter();
    for rec in &r.events {
        let id = match rec.id {
            Some(id) => id,
            None => new_ids.next().ok_or_else(|| corrupt("event id", "sequence gave too few ids"))?,
        };
        out.event_ids.push(id);
    }
    save_headers(&mut tx, r, &out.event_ids)?;

    // Memberships: the records' events lose their claims, then each claim
    // joins the last event that lists it; events left empty are deleted.
    let mut touched: BTreeSet<i64> = out.event_ids.iter().copied().collect();
    let ids: Vec<i64> = touched.iter().copied().collect();
    tx.execute("DELETE FROM event_claims WHERE event_id = ANY($1)", &[&ids])?;
    let mut member_of: HashMap<i64, i64> = HashMap::new();
    let mut claim_ids = Vec::new();
    for (rec, &id) in r.events.iter().zip(&out.event_ids) {
        for c in &rec.claims {
            if member_of.insert(c.claim_id, id).is_none() {
                claim_ids.push(c.claim_id);
            }
        }
    }
    let stored: HashSet<i64> = existing(&mut tx, "SELECT id FROM claims WHERE id = ANY($1)", &claim_ids)?;
    if let Some(&missing) = claim_ids.iter().find(|id| !stored.contains(id)) {
        return Err(StoreError::UnknownClaim(missing).into());
    }
    for row in tx.query("SELECT DISTINCT event_id FROM event_claims WHERE claim_id = ANY($1)", &[&claim_ids])? {
        touched.insert(row.try_get(0)?);
    }
    let events: Vec<i64> = claim_ids.iter().map(|c| member_of[c]).collect();
    tx.execute(
        "INSERT INTO event_claims (claim_id, event_id) SELECT * FROM unnest($1::bigint[], $2::bigint[]) \
         ON CONFLICT (claim_id) DO UPDATE SET event_id = excluded.event_id",
        &[&claim_ids, &events],
    )?;
    let touched: Vec<i64> = touched.into_iter().collect();
    for row in tx.query(
        "DELETE FROM events e WHERE e.id = ANY($1) \
         AND NOT EXISTS (SELECT 1 FROM event_claims ec WHERE ec.event_id = e.id) RETURNING e.id",
        &[&touched],
    )? {
        out.deleted.push(row.try_get(0)?);
    }
    out.deleted.sort_unstable();

    out.tallies_added = save_tallies(&mut tx, &r.tallies)?;
    if let Some(n) = r.resolved_through {
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&RESOLVED_THROUGH, &n.to_string()],
        )?;
    }
    tx.commit()?;
    if r.events.len() >= ANALYZE_AFTER {
        // A bulk load (the first resolution of a large run): plan the next
        // queries with statistics now rather than when autovacuum gets to it.
        client.batch_execute("ANALYZE events, event_claims")?;
    }
    Ok(out)
}

/// Events saved at once past which the event tables are analyzed.
const ANALYZE_AFTER: usize = 5_000;

/// Inserts the new events' rows and updates the others (a record listed
/// twice: the last one counts).
fn save_headers(tx: &mut Transaction, r: &Resolution, ids: &[i64]) -> R<()> {
    let mut last: HashMap<i64, usize> = HashMap::new();
    for (i, &id) in ids.iter().enumerate() {
        last.insert(id, i);
    }
    let mut cols = HeaderColumns::default();
    for (i, (rec, &id)) in r.events.iter().zip(ids).enumerate() {
        if last[&id] == i {
            cols.push(id, rec);
        }
    }
    let now = now_unix();
    let c = &cols;
    let arrays = "unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], \
         $8::float8[], $9::float8[], $10::text[], $11::text[], $12::text[], $13::text[], $14::bigint[], \
         $15::boolean[])";
    let params: [&(dyn ToSql + Sync); 16] = [
        &c.id,
        &c.kind,
        &c.date_from,
        &c.date_to,
        &c.date_precision,
        &c.place,
        &c.geonameid,
        &c.lat,
        &c.lon,
        &c.country,
        &c.place_precision,
        &c.actor1,
        &c.actor2,
        &c.sources,
        &c.contested,
        &now,
    ];
    tx.execute(
        &format!(
            "INSERT INTO events (id, type, date_from, date_to, date_precision, place, geonameid, lat, lon, country, \
             place_precision, actor1, actor2, sources, contested, updated_at) \
             SELECT u.*, $16 FROM {arrays} AS u \
             ON CONFLICT (id) DO UPDATE SET type = excluded.type, date_from = excluded.date_from, \
             date_to = excluded.date_to, date_precision = excluded.date_precision, place = excluded.place, \
             geonameid = excluded.geonameid, lat = excluded.lat, lon = excluded.lon, country = excluded.country, \
             place_precision = excluded.place_precision, actor1 = excluded.actor1, actor2 = excluded.actor2, \
             sources = excluded.sources, contested = excluded.contested, updated_at = excluded.updated_at"
        ),
        &params,
    )?;
    Ok(())
}

/// The events' columns, one vector each, in the order of the INSERT.
#[derive(Default)]
struct HeaderColumns<'a> {
    id: Vec<i64>,
    kind: Vec<&'static str>,
    date_from: Vec<Option<String>>,
    date_to: Vec<Option<String>>,
    date_precision: Vec<&'static str>,
    place: Vec<Option<&'a str>>,
    geonameid: Vec<Option<i64>>,
    lat: Vec<Option<f64>>,
    lon: Vec<Option<f64>>,
    country: Vec<Option<&'a str>>,
    place_precision: Vec<Option<&'static str>>,
    actor1: Vec<Option<String>>,
    actor2: Vec<Option<String>>,
    sources: Vec<i64>,
    contested: Vec<bool>,
}

impl<'a> HeaderColumns<'a> {
    fn push(&mut self, id: i64, rec: &'a EventRecord) {
        let (from, to, precision) = date_cols(&rec.date);
        let p = rec.place.as_ref();
        self.id.push(id);
        self.kind.push(rec.event_type.as_str());
        self.date_from.push(from);
        self.date_to.push(to);
        self.date_precision.push(precision);
        self.place.push(p.map(|p| p.name.as_str()));
        self.geonameid.push(p.and_then(|p| p.geonameid).map(i64::from));
        self.lat.push(p.map(|p| p.lat));
        self.lon.push(p.map(|p| p.lon));
        self.country.push(p.and_then(|p| p.country.as_deref()));
        self.place_precision.push(p.map(|p| p.precision.as_str()));
        self.actor1.push(rec.actor1.as_ref().map(|a| a.to_string()));
        self.actor2.push(rec.actor2.as_ref().map(|a| a.to_string()));
        self.sources.push(rec.sources as i64);
        self.contested.push(rec.contested);
    }
}

/// Adds the tallies not already stored, in order; returns how many.
fn save_tallies(tx: &mut Transaction, tallies: &[Tally]) -> R<usize> {
    if tallies.is_empty() {
        return Ok(0);
    }
    let docs: Vec<&str> = tallies.iter().map(|t| t.doc_id.as_str()).collect();
    let stored: HashSet<String> = existing(tx, "SELECT id FROM documents WHERE id = ANY($1)", &docs)?;
    if let Some(t) = tallies.iter().find(|t| !stored.contains(t.doc_id.as_str())) {
        return Err(StoreError::UnknownDocument(t.doc_id.clone()).into());
    }
    let party: Vec<String> = tallies.iter().map(|t| t.party.to_string()).collect();
    let as_of: Vec<Option<String>> = tallies.iter().map(|t| t.as_of.map(|d| d.to_string())).collect();
    let figure: Vec<i64> = tallies.iter().map(|t| i64::from(t.figure.low())).collect();
    let figure_json: Vec<String> = tallies.iter().map(|t| to_json(&t.figure)).collect();
    let category: Vec<&str> = tallies.iter().map(|t| t.category.as_str()).collect();
    let subject: Vec<String> =
        tallies.iter().map(|t| t.subject.as_ref().map(|a| a.to_string()).unwrap_or_default()).collect();
    let start: Vec<i64> = tallies.iter().map(|t| t.evidence.start as i64).collect();
    let end: Vec<i64> = tallies.iter().map(|t| t.evidence.end as i64).collect();
    let added = tx.execute(
        "INSERT INTO tallies (party, as_of, figure, figure_json, category, subject, doc_id, evidence_start, \
         evidence_end) \
         SELECT party, as_of, figure, figure_json, category, subject, doc_id, evidence_start, evidence_end \
         FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], \
         $8::bigint[], $9::bigint[]) WITH ORDINALITY \
         AS u (party, as_of, figure, figure_json, category, subject, doc_id, evidence_start, evidence_end, ord) \
         ORDER BY ord ON CONFLICT DO NOTHING",
        &[&party, &as_of, &figure, &figure_json, &category, &subject, &docs, &start, &end],
    )?;
    Ok(added as usize)
}
