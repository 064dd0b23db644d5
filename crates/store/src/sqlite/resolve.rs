//! What the resolver reads and writes: new claims with their page's
//! metadata, the event index (headers and claim references, no text), and
//! resolutions saved in one transaction with the resolver's progress.

use std::collections::{BTreeSet, HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use warlog_model::{Date, Tally};

use super::R;
use super::codec::{
    EVENT_COLS, EVIDENCE_SQL, Header, corrupt, date, date_cols, doc_id, evidence_text, fingerprint_from_sql, json,
    now_unix, source, stance, to_json,
};
use crate::{ClaimRef, EventRecord, Resolution, ResolutionOutcome, StoreError, StoredClaim};

const RESOLVED_THROUGH: &str = "resolved_through";

fn stored_claims(conn: &Connection, filter: &str, args: impl rusqlite::Params) -> R<Vec<StoredClaim>> {
    let sql = format!(
        "SELECT c.id, c.doc_id, c.claim, d.published, d.outlet, COALESCE(d.url, d.origin), d.language, \
         d.fingerprint, {EVIDENCE_SQL} FROM claims c JOIN documents d ON d.id = c.doc_id {filter}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(args)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(StoredClaim {
            id: row.get(0)?,
            doc_id: doc_id(row, 1)?,
            claim: json("claim", &row.get::<_, String>(2)?)?,
            published: date("publication date", row.get(3)?)?,
            outlet: row.get(4)?,
            page: row.get(5)?,
            language: row.get(6)?,
            fingerprint: fingerprint_from_sql(row.get(7)?),
            evidence_text: evidence_text(row.get(8)?),
        });
    }
    Ok(out)
}

pub(super) fn claims_after(conn: &Connection, after: i64, limit: usize) -> R<Vec<StoredClaim>> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    stored_claims(conn, "WHERE c.id > ?1 ORDER BY c.id LIMIT ?2", params![after, limit])
}

pub(super) fn claims(conn: &Connection, ids: &[i64]) -> R<Vec<StoredClaim>> {
    stored_claims(conn, "WHERE c.id IN (SELECT value FROM json_each(?1)) ORDER BY c.id", [to_json(&ids)])
}

pub(super) fn unresolved_claims(conn: &Connection) -> R<Vec<StoredClaim>> {
    let filter = "WHERE NOT EXISTS (SELECT 1 FROM event_claims ec WHERE ec.claim_id = c.id) ORDER BY c.id";
    stored_claims(conn, filter, [])
}

/// The event index; without the events in `except` when given: their
/// headers are read and dropped, their claims' references not read at all.
pub(super) fn events_index(
    conn: &Connection,
    overlapping: Option<(Date, Date)>,
    except: Option<&HashSet<i64>>,
) -> R<Vec<EventRecord>> {
    let (filter, args) = match overlapping {
        Some((from, to)) => (
            "WHERE e.date_from IS NULL OR (e.date_from <= ?2 AND e.date_to >= ?1)",
            vec![from.to_string(), to.to_string()],
        ),
        None => ("", Vec::new()),
    };
    let mut records = Vec::new();
    let mut at = HashMap::new();
    let mut stmt = conn.prepare(&format!("SELECT {EVENT_COLS} FROM events e {filter} ORDER BY e.id"))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(&args))?;
    while let Some(row) = rows.next()? {
        let h = Header::read(row)?;
        if except.is_some_and(|x| x.contains(&h.id)) {
            continue;
        }
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
    let refs_sql = |only: &str| {
        format!(
            "SELECT ec.event_id, c.id, c.doc_id, c.source, c.stance, d.outlet, d.fingerprint \
             FROM event_claims ec JOIN claims c ON c.id = ec.claim_id JOIN documents d ON d.id = c.doc_id \
             {only} ORDER BY ec.event_id, c.id"
        )
    };
    // The kept events' ids, in order (before `read_refs` borrows `records`).
    let ids: Vec<i64> = records.iter().filter_map(|r| r.id).collect();
    let mut read_refs = |rows: &mut rusqlite::Rows<'_>| -> R<()> {
        while let Some(row) = rows.next()? {
            let Some(&i) = at.get(&row.get::<_, i64>(0)?) else { continue };
            records[i].claims.push(ClaimRef {
                claim_id: row.get(1)?,
                doc_id: doc_id(row, 2)?,
                source: source(&row.get::<_, String>(3)?)?,
                stance: stance(&row.get::<_, String>(4)?)?,
                outlet: row.get(5)?,
                fingerprint: fingerprint_from_sql(row.get(6)?),
            });
        }
        Ok(())
    };
    if except.is_some() {
        // Only the events kept.
        if !ids.is_empty() {
            let mut stmt = conn.prepare(&refs_sql("WHERE ec.event_id IN (SELECT value FROM json_each(?1))"))?;
            let mut rows = stmt.query([to_json(&ids)])?;
            read_refs(&mut rows)?;
        }
        return Ok(records);
    }
    let only = if overlapping.is_some() {
        format!("WHERE ec.event_id IN (SELECT e.id FROM events e {filter})")
    } else {
        String::new()
    };
    let mut stmt = conn.prepare(&refs_sql(&only))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(&args))?;
    read_refs(&mut rows)?;
    Ok(records)
}

pub(super) fn resolved_through(conn: &Connection) -> R<i64> {
    let value: Option<String> =
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [RESOLVED_THROUGH], |r| r.get(0)).optional()?;
    value.map_or(Ok(0), |v| v.parse().map_err(|_| corrupt("resolver progress", v)))
}

pub(super) fn save_resolution(conn: &mut Connection, r: &Resolution) -> R<ResolutionOutcome> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let now = now_unix();
    let mut out = ResolutionOutcome::default();
    // Events whose membership changes: any left empty at the end is deleted.
    let mut touched = BTreeSet::new();
    // Each event's claims as stored before this save; the rows of claims
    // that stay are left as they are, so saving an event that gained one
    // claim writes one row, not all of them again.
    let mut before: Vec<BTreeSet<i64>> = Vec::with_capacity(r.events.len());
    for rec in &r.events {
        let id = save_header(&tx, rec, now)?;
        let mut stmt = tx.prepare_cached("SELECT claim_id FROM event_claims WHERE event_id = ?1")?;
        let members = stmt.query_map([id], |row| row.get::<_, i64>(0))?.collect::<rusqlite::Result<BTreeSet<i64>>>()?;
        before.push(members);
        touched.insert(id);
        out.event_ids.push(id);
    }
    // Members that left first (the same rows as deleting every member and
    // inserting the new list: a claim that moved to an event saved later
    // is deleted here and inserted there).
    for ((rec, &id), members) in r.events.iter().zip(&out.event_ids).zip(&before) {
        let after: BTreeSet<i64> = rec.claims.iter().map(|c| c.claim_id).collect();
        for gone in members.difference(&after) {
            tx.prepare_cached("DELETE FROM event_claims WHERE claim_id = ?1 AND event_id = ?2")?
                .execute([*gone, id])?;
        }
    }
    // Claims whose row this save wrote.
    let mut assigned: HashSet<i64> = HashSet::new();
    for ((rec, &id), members) in r.events.iter().zip(&out.event_ids).zip(&before) {
        for c in &rec.claims {
            // Still a member, and no event saved before in this resolution
            // took it: its row is already right.
            if members.contains(&c.claim_id) && !assigned.contains(&c.claim_id) {
                continue;
            }
            assigned.insert(c.claim_id);
            if !tx.prepare_cached("SELECT 1 FROM claims WHERE id = ?1")?.exists([c.claim_id])? {
                return Err(StoreError::UnknownClaim(c.claim_id).into());
            }
            let previous: Option<i64> = tx
                .prepare_cached("SELECT event_id FROM event_claims WHERE claim_id = ?1")?
                .query_row([c.claim_id], |row| row.get(0))
                .optional()?;
            touched.extend(previous);
            // An update or an insert rather than an upsert: SQLite gives an
            // upsert a statement journal, which copies every (64 KB) page
            // the statement touches; this took most of a resolve's time.
            let sql = match previous {
                Some(_) => "UPDATE event_claims SET event_id = ?2 WHERE claim_id = ?1",
                None => "INSERT INTO event_claims (claim_id, event_id) VALUES (?1, ?2)",
            };
            tx.prepare_cached(sql)?.execute([c.claim_id, id])?;
        }
    }
    for id in touched {
        if !tx.prepare_cached("SELECT 1 FROM event_claims WHERE event_id = ?1")?.exists([id])? {
            tx.prepare_cached("DELETE FROM events_geo WHERE id = ?1")?.execute([id])?;
            tx.prepare_cached("DELETE FROM events WHERE id = ?1")?.execute([id])?;
            out.deleted.push(id);
        }
    }
    for t in &r.tallies {
        out.tallies_added += save_tally(&tx, t)?;
    }
    if let Some(n) = r.resolved_through {
        tx.prepare_cached("INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2")?
            .execute(params![RESOLVED_THROUGH, n.to_string()])?;
    }
    tx.commit()?;
    Ok(out)
}

/// Inserts or updates an event's row and its map point; returns its id.
fn save_header(tx: &Transaction, rec: &EventRecord, now: i64) -> R<i64> {
    let (from, to, precision) = date_cols(&rec.date);
    let p = rec.place.as_ref();
    let values = params![
        rec.event_type.as_str(),
        from,
        to,
        precision,
        p.map(|p| &p.name),
        p.and_then(|p| p.geonameid),
        p.map(|p| p.lat),
        p.map(|p| p.lon),
        p.and_then(|p| p.country.as_ref()),
        p.map(|p| p.precision.as_str()),
        rec.actor1.as_ref().map(|a| a.to_string()),
        rec.actor2.as_ref().map(|a| a.to_string()),
        rec.sources as i64,
        rec.contested,
        now,
        rec.id,
    ];
    let id = match rec.id {
        None => {
            if rec.claims.is_empty() {
                return Err(StoreError::EmptyEvent.into());
            }
            tx.prepare_cached(
                "INSERT INTO events (type, date_from, date_to, date_precision, place, geonameid, lat, lon, country, \
                 place_precision, actor1, actor2, sources, contested, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?
            // Not `RETURNING id`, which needs a statement journal too.
            .execute(&values[..15])?;
            tx.last_insert_rowid()
        }
        Some(id) => {
            let changed = tx
                .prepare_cached(
                    "UPDATE events SET type = ?1, date_from = ?2, date_to = ?3, date_precision = ?4, place = ?5, \
                     geonameid = ?6, lat = ?7, lon = ?8, country = ?9, place_precision = ?10, actor1 = ?11, \
                     actor2 = ?12, sources = ?13, contested = ?14, updated_at = ?15 WHERE id = ?16",
                )?
                .execute(values)?;
            if changed == 0 {
                return Err(StoreError::UnknownEvent(id).into());
            }
            id
        }
    };
    match p {
        Some(p) => tx
            .prepare_cached(
                "INSERT OR REPLACE INTO events_geo (id, min_lat, max_lat, min_lon, max_lon) VALUES (?1, ?2, ?2, ?3, ?3)",
            )?
            .execute(params![id, p.lat, p.lon])?,
        None => tx.prepare_cached("DELETE FROM events_geo WHERE id = ?1")?.execute([id])?,
    };
    Ok(id)
}

/// 1 when the tally is new, 0 when already stored.
fn save_tally(tx: &Transaction, t: &Tally) -> R<usize> {
    if !tx.prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?.exists([&t.doc_id])? {
        return Err(StoreError::UnknownDocument(t.doc_id.clone()).into());
    }
    let added = tx
        .prepare_cached(
            "INSERT INTO tallies (party, as_of, figure, figure_json, category, subject, doc_id, evidence_start, \
             evidence_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO NOTHING",
        )?
        .execute(params![
            t.party.to_string(),
            t.as_of.map(|d| d.to_string()),
            t.figure.low(),
            to_json(&t.figure),
            t.category,
            t.subject.as_ref().map(|a| a.to_string()).unwrap_or_default(),
            t.doc_id,
            t.evidence.start as i64,
            t.evidence.end as i64,
        ])?;
    Ok(added)
}
