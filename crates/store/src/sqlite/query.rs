//! Event queries: every filter of [`EventQuery`] becomes SQL (the distance
//! too, through `warlog_km`), so LIMIT and OFFSET count matching events;
//! then the events' claims are read in one query, evidence text included.
//! Also tallies and record counts.

use std::collections::HashMap;

use rusqlite::Connection;
use rusqlite::types::Value;
use warlog_model::{Count, Event, EventClaim, Span, Tally};

use super::R;
use super::codec::{EVENT_COLS, EVIDENCE_SQL, Header, actor, date, doc_id, evidence_text, json, source, to_json};
use crate::{BBox, Counts, EventQuery, fts};

/// SQL text and its positional arguments, built together so they match.
#[derive(Default)]
struct Sql {
    text: String,
    args: Vec<Value>,
}

impl Sql {
    fn and(&mut self, clause: &str, args: impl IntoIterator<Item = Value>) {
        self.text.push_str(" AND ");
        self.text.push_str(clause);
        self.args.extend(args);
    }
}

fn text(s: impl ToString) -> Value {
    Value::Text(s.to_string())
}

/// `"AZE"` → `(None, Some("AZE:"))`: any AZE party; `"AZE:military"` →
/// exact.
fn party_filter(s: &str) -> (Option<String>, Option<String>) {
    if s.contains(':') { (Some(s.to_string()), None) } else { (None, Some(format!("{}:", s.to_ascii_uppercase()))) }
}

pub(super) fn events(conn: &Connection, q: &EventQuery) -> R<Vec<Event>> {
    let mut sql = Sql { text: format!("SELECT {EVENT_COLS} FROM events e WHERE 1 = 1"), args: Vec::new() };
    if let Some(since) = q.since {
        sql.and("e.date_to >= ?", [text(since)]);
    }
    if let Some(until) = q.until {
        sql.and("e.date_from <= ?", [text(until)]);
    }
    if let Some(t) = q.event_type {
        sql.and("e.type = ?", [text(t.as_str())]);
    }
    if let Some(c) = q.contested {
        sql.and("e.contested = ?", [Value::Integer(c.into())]);
    }
    if let Some(a) = &q.actor {
        match party_filter(a) {
            (Some(exact), _) => sql.and("(e.actor1 = ? OR e.actor2 = ?)", [text(&exact), text(&exact)]),
            (_, Some(prefix)) => {
                sql.and("(substr(e.actor1, 1, 4) = ? OR substr(e.actor2, 1, 4) = ?)", [text(&prefix), text(&prefix)])
            }
            _ => {}
        }
    }
    if let Some(s) = &q.source {
        let (exact, prefix) = party_filter(s);
        sql.and(
            "EXISTS (SELECT 1 FROM event_claims ec JOIN claims c ON c.id = ec.claim_id \
             JOIN documents d ON d.id = c.doc_id WHERE ec.event_id = e.id \
             AND (c.source = ? OR substr(c.source, 1, 4) = ? OR d.outlet = ? COLLATE NOCASE))",
            [text(exact.as_deref().unwrap_or(s)), prefix.map_or(Value::Null, text), text(s)],
        );
    }
    if let Some(b) = q.bbox {
        within(&mut sql, b);
    }
    if let Some(n) = q.near {
        within(&mut sql, BBox::around(n));
        sql.and("warlog_km(e.lat, e.lon, ?, ?) <= ?", [Value::Real(n.lat), Value::Real(n.lon), Value::Real(n.km)]);
    }
    if let Some(query) = q.text.as_deref().and_then(|t| fts::fts5_query(&fts::parse(t))) {
        sql.and(
            "e.id IN (SELECT ec.event_id FROM event_claims ec JOIN claims c ON c.id = ec.claim_id \
             JOIN documents d ON d.id = c.doc_id \
             WHERE d.num IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?))",
            [text(query)],
        );
    }
    sql.text.push_str(" ORDER BY e.date_from IS NULL, e.date_from, e.id LIMIT ? OFFSET ?");
    let limit = q.limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
    sql.args.extend([Value::Integer(limit), Value::Integer(q.offset as i64)]);

    let mut stmt = conn.prepare(&sql.text)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(sql.args))?;
    let mut headers = Vec::new();
    while let Some(row) = rows.next()? {
        headers.push(Header::read(row)?);
    }
    with_claims(conn, headers)
}

/// The R*Tree prefilter, then the exact box on the event's own coordinates.
fn within(sql: &mut Sql, b: BBox) {
    let r = |x: f64| Value::Real(x);
    if b.west <= b.east {
        sql.and(
            "e.id IN (SELECT id FROM events_geo WHERE max_lat >= ? AND min_lat <= ? AND max_lon >= ? AND min_lon <= ?)",
            [r(b.south), r(b.north), r(b.west), r(b.east)],
        );
        sql.and("e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?", [r(b.south), r(b.north), r(b.west), r(b.east)]);
    } else {
        // Across the antimeridian: two longitude ranges.
        sql.and("e.id IN (SELECT id FROM events_geo WHERE max_lat >= ? AND min_lat <= ?)", [r(b.south), r(b.north)]);
        sql.and("e.lat BETWEEN ? AND ? AND (e.lon >= ? OR e.lon <= ?)", [r(b.south), r(b.north), r(b.west), r(b.east)]);
    }
}

pub(super) fn event(conn: &Connection, id: i64) -> R<Option<Event>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {EVENT_COLS} FROM events e WHERE e.id = ?1"))?;
    let mut rows = stmt.query([id])?;
    let Some(row) = rows.next()? else { return Ok(None) };
    let header = Header::read(row)?;
    Ok(with_claims(conn, vec![header])?.pop())
}

/// Full events: the headers plus their claims, read in one query.
fn with_claims(conn: &Connection, headers: Vec<Header>) -> R<Vec<Event>> {
    let ids: Vec<i64> = headers.iter().map(|h| h.id).collect();
    let mut events: Vec<Event> = headers
        .into_iter()
        .map(|h| Event {
            id: h.id,
            event_type: h.event_type,
            date: h.date,
            place: h.place,
            actor1: h.actor1,
            actor2: h.actor2,
            sources: h.sources,
            contested: h.contested,
            claims: Vec::new(),
        })
        .collect();
    if ids.is_empty() {
        return Ok(events);
    }
    let at: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT ec.event_id, c.id, c.doc_id, c.claim, COALESCE(d.url, d.origin), d.outlet, {EVIDENCE_SQL} \
         FROM event_claims ec JOIN claims c ON c.id = ec.claim_id JOIN documents d ON d.id = c.doc_id \
         WHERE ec.event_id IN (SELECT value FROM json_each(?1)) ORDER BY ec.event_id, c.id"
    ))?;
    let mut rows = stmt.query([to_json(&ids)])?;
    while let Some(row) = rows.next()? {
        let Some(&i) = at.get(&row.get::<_, i64>(0)?) else { continue };
        events[i].claims.push(EventClaim {
            claim_id: row.get(1)?,
            doc_id: doc_id(row, 2)?,
            claim: json("claim", &row.get::<_, String>(3)?)?,
            page: row.get(4)?,
            outlet: row.get(5)?,
            evidence_text: evidence_text(row.get(6)?),
        });
    }
    Ok(events)
}

pub(super) fn tallies(conn: &Connection, party: Option<&str>) -> R<Vec<Tally>> {
    let (filter, args) = match party.map(party_filter) {
        Some((exact, prefix)) => ("WHERE party = ?1 OR substr(party, 1, 4) = ?2", vec![exact, prefix]),
        None => ("", Vec::new()),
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT party, as_of, figure_json, category, subject, doc_id, evidence_start, evidence_end FROM tallies \
         {filter} ORDER BY party, as_of IS NULL, as_of, id"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let subject: String = row.get(4)?;
        out.push(Tally {
            party: source(&row.get::<_, String>(0)?)?,
            as_of: date("tally date", row.get(1)?)?,
            figure: json::<Count>("tally figure", &row.get::<_, String>(2)?)?,
            category: row.get(3)?,
            subject: actor((!subject.is_empty()).then_some(subject))?,
            doc_id: doc_id(row, 5)?,
            evidence: Span::new(row.get::<_, i64>(6)?.max(0) as usize, row.get::<_, i64>(7)?.max(0) as usize),
        });
    }
    Ok(out)
}

pub(super) fn counts(conn: &Connection) -> R<Counts> {
    let count = |table: &str| -> R<u64> {
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
        Ok(n.max(0) as u64)
    };
    Ok(Counts {
        documents: count("documents")?,
        claims: count("claims")?,
        events: count("events")?,
        tallies: count("tallies")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn party_filters() {
        assert_eq!(party_filter("AZE"), (None, Some("AZE:".into())));
        assert_eq!(party_filter("aze"), (None, Some("AZE:".into())));
        assert_eq!(party_filter("AZE:military"), (Some("AZE:military".into()), None));
    }
}
