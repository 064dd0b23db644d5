//! Event queries: every filter of [`EventQuery`] becomes SQL — the box on
//! the plain `(lat, lon)` index, the circle through `warlog_km` — so LIMIT
//! and OFFSET count matching events; then the events' claims are read in
//! one query, evidence text included. Also tallies and record counts.

use std::collections::HashMap;

use postgres::Client;
use postgres::types::ToSql;
use warlog_model::{Count, Event, EventClaim, Span, Tally};

use super::R;
use super::codec::{EVENT_COLS, EVIDENCE_SQL, Header, actor, date, evidence_text, json, size, source};
use super::terms;
use crate::{BBox, Counts, EventQuery};

/// SQL text and its numbered parameters, built together so they match.
#[derive(Default)]
struct Sql {
    text: String,
    args: Vec<Box<dyn ToSql + Sync>>,
}

impl Sql {
    /// Adds a parameter; returns its placeholder (`$n`).
    fn arg(&mut self, value: impl ToSql + Sync + 'static) -> String {
        self.args.push(Box::new(value));
        format!("${}", self.args.len())
    }

    fn and(&mut self, clause: &str) {
        self.text.push_str(" AND ");
        self.text.push_str(clause);
    }

    fn params(&self) -> Vec<&(dyn ToSql + Sync)> {
        self.args.iter().map(|a| a.as_ref()).collect()
    }
}

/// `"AZE"` → `(None, Some("AZE:"))`: any AZE party; `"AZE:military"` →
/// exact.
fn party_filter(s: &str) -> (Option<String>, Option<String>) {
    if s.contains(':') { (Some(s.to_string()), None) } else { (None, Some(format!("{}:", s.to_ascii_uppercase()))) }
}

pub(super) fn events(client: &mut Client, q: &EventQuery) -> R<Vec<Event>> {
    let mut sql = Sql { text: format!("SELECT {EVENT_COLS} FROM events e WHERE true"), args: Vec::new() };
    if let Some(since) = q.since {
        let a = sql.arg(since.to_string());
        sql.and(&format!("e.date_to >= {a}"));
    }
    if let Some(until) = q.until {
        let a = sql.arg(until.to_string());
        sql.and(&format!("e.date_from <= {a}"));
    }
    if let Some(t) = q.event_type {
        let a = sql.arg(t.as_str());
        sql.and(&format!("e.type = {a}"));
    }
    if let Some(c) = q.contested {
        let a = sql.arg(c);
        sql.and(&format!("e.contested = {a}"));
    }
    if let Some(actor) = &q.actor {
        match party_filter(actor) {
            (Some(exact), _) => {
                let a = sql.arg(exact);
                sql.and(&format!("(e.actor1 = {a} OR e.actor2 = {a})"));
            }
            (_, Some(prefix)) => {
                let a = sql.arg(prefix);
                sql.and(&format!("(substr(e.actor1, 1, 4) = {a} OR substr(e.actor2, 1, 4) = {a})"));
            }
            _ => {}
        }
    }
    if let Some(s) = &q.source {
        let (exact, prefix) = party_filter(s);
        let exact = sql.arg(exact.unwrap_or_else(|| s.clone()));
        let prefix = sql.arg(prefix);
        let outlet = sql.arg(s.clone());
        sql.and(&format!(
            "EXISTS (SELECT 1 FROM event_claims ec JOIN claims c ON c.id = ec.claim_id \
             JOIN documents d ON d.id = c.doc_id WHERE ec.event_id = e.id \
             AND (c.source = {exact} OR substr(c.source, 1, 4) = {prefix} OR lower(d.outlet) = lower({outlet})))"
        ));
    }
    if let Some(b) = q.bbox {
        within(&mut sql, b);
    }
    if let Some(n) = q.near {
        within(&mut sql, BBox::around(n));
        let (lat, lon, km) = (sql.arg(n.lat), sql.arg(n.lon), sql.arg(n.km));
        sql.and(&format!("warlog_km(e.lat, e.lon, {lat}, {lon}) <= {km}"));
    }
    if let Some(text) = q.text.as_deref().and_then(terms::query) {
        let matching = terms::matching_sql(&text.each, |t| sql.arg(t));
        sql.and(&format!(
            "e.id IN (SELECT ec.event_id FROM event_claims ec JOIN claims c ON c.id = ec.claim_id \
             JOIN documents d ON d.id = c.doc_id WHERE d.num IN ({matching}))"
        ));
    }
    let limit = sql.arg(q.limit.map(|l| i64::try_from(l).unwrap_or(i64::MAX)));
    let offset = sql.arg(i64::try_from(q.offset).unwrap_or(i64::MAX));
    sql.text.push_str(&format!(" ORDER BY e.date_from IS NULL, e.date_from, e.id LIMIT {limit} OFFSET {offset}"));

    let headers = client.query(&sql.text, &sql.params())?.iter().map(Header::read).collect::<R<Vec<_>>>()?;
    with_claims(client, headers)
}

/// The box on the events' own coordinates (indexed on `(lat, lon)`).
fn within(sql: &mut Sql, b: BBox) {
    let (south, north, west, east) = (sql.arg(b.south), sql.arg(b.north), sql.arg(b.west), sql.arg(b.east));
    if b.west <= b.east {
        sql.and(&format!("e.lat BETWEEN {south} AND {north} AND e.lon BETWEEN {west} AND {east}"));
    } else {
        // Across the antimeridian: two longitude ranges.
        sql.and(&format!("e.lat BETWEEN {south} AND {north} AND (e.lon >= {west} OR e.lon <= {east})"));
    }
}

pub(super) fn event(client: &mut Client, id: i64) -> R<Option<Event>> {
    let row = client.query_opt(&format!("SELECT {EVENT_COLS} FROM events e WHERE e.id = $1"), &[&id])?;
    let Some(row) = row else { return Ok(None) };
    let header = Header::read(&row)?;
    Ok(with_claims(client, vec![header])?.pop())
}

/// Full events: the headers plus their claims, read in one query.
fn with_claims(client: &mut Client, headers: Vec<Header>) -> R<Vec<Event>> {
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
    let sql = format!(
        "SELECT ec.event_id, c.id, c.doc_id, c.claim, COALESCE(d.url, d.origin), d.outlet, {EVIDENCE_SQL} \
         FROM event_claims ec JOIN claims c ON c.id = ec.claim_id JOIN documents d ON d.id = c.doc_id \
         WHERE ec.event_id = ANY($1) ORDER BY ec.event_id, c.id"
    );
    for row in client.query(&sql, &[&ids])? {
        let Some(&i) = at.get(&row.try_get::<_, i64>(0)?) else { continue };
        events[i].claims.push(EventClaim {
            claim_id: row.try_get(1)?,
            doc_id: row.try_get(2)?,
            claim: json("claim", row.try_get(3)?)?,
            page: row.try_get(4)?,
            outlet: row.try_get(5)?,
            evidence_text: evidence_text(row.try_get(6)?),
        });
    }
    Ok(events)
}

pub(super) fn tallies(client: &mut Client, party: Option<&str>) -> R<Vec<Tally>> {
    let mut sql = Sql {
        text: "SELECT party, as_of, figure_json, category, subject, doc_id, evidence_start, evidence_end \
               FROM tallies WHERE true"
            .into(),
        args: Vec::new(),
    };
    if let Some((exact, prefix)) = party.map(party_filter) {
        let (exact, prefix) = (sql.arg(exact), sql.arg(prefix));
        sql.and(&format!("(party = {exact} OR substr(party, 1, 4) = {prefix})"));
    }
    sql.text.push_str(" ORDER BY party, as_of IS NULL, as_of, id");
    let mut out = Vec::new();
    for row in client.query(&sql.text, &sql.params())? {
        let subject: String = row.try_get(4)?;
        out.push(Tally {
            party: source(row.try_get(0)?)?,
            as_of: date("tally date", row.try_get(1)?)?,
            figure: json::<Count>("tally figure", row.try_get(2)?)?,
            category: row.try_get(3)?,
            subject: actor((!subject.is_empty()).then_some(subject))?,
            doc_id: row.try_get(5)?,
            evidence: Span::new(size(&row, 6)?, size(&row, 7)?),
        });
    }
    Ok(out)
}

pub(super) fn counts(client: &mut Client) -> R<Counts> {
    let row = client.query_one(
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM claims), (SELECT count(*) FROM events), \
         (SELECT count(*) FROM tallies)",
        &[],
    )?;
    let n = |i: usize| -> R<u64> { Ok(row.try_get::<_, i64>(i)?.max(0) as u64) };
    Ok(Counts { documents: n(0)?, claims: n(1)?, events: n(2)?, tallies: n(3)? })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn party_filters() {
        assert_eq!(party_filter("AZE"), (None, Some("AZE:".into())));
        assert_eq!(party_filter("AZE:military"), (Some("AZE:military".into()), None));
    }

    #[test]
    fn placeholders_follow_their_arguments() {
        let mut sql = Sql::default();
        assert_eq!(sql.arg(1_i64), "$1");
        assert_eq!(sql.arg("x"), "$2");
        assert_eq!(sql.params().len(), 2);
    }
}
