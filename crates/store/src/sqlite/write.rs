//! Writing pages: one IMMEDIATE transaction per batch (the write lock is
//! taken up front, so a busy database waits instead of failing half-way), a
//! page already stored is skipped, and the folded full-text row is written
//! with its document.

use rusqlite::{Connection, Transaction, TransactionBehavior, params};
use warlog_model::{Claim, Count, Page};

use super::R;
use super::codec::{date_cols, fingerprint_to_sql, now_unix, to_json};
use crate::{PageToWrite, WriteOutcome, check, fts};

pub(super) fn write_pages(conn: &mut Connection, pages: &[PageToWrite]) -> R<Vec<WriteOutcome>> {
    if pages.is_empty() {
        return Ok(Vec::new());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let now = now_unix();
    let mut out = Vec::with_capacity(pages.len());
    for p in pages {
        let stored = tx.prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?.exists([&p.page.doc.id])?;
        if stored {
            out.push(WriteOutcome::AlreadyStored);
            continue;
        }
        check::validate(&p.page)?;
        out.push(WriteOutcome::Stored { claim_ids: write_page(&tx, p, now)? });
    }
    tx.commit()?;
    Ok(out)
}

fn write_page(tx: &Transaction, p: &PageToWrite, now: i64) -> R<Vec<i64>> {
    let Page { doc, raw, segments, mentions, claims, diagnostics } = &p.page;
    let meta = &doc.meta;
    let format = match doc.format {
        warlog_model::Format::Text => "text",
        warlog_model::Format::Html => "html",
    };
    tx.prepare_cached(
        "INSERT INTO documents (id, origin, format, url, title, published, outlet, language, text, raw, \
         fingerprint, diagnostics, ingested_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        doc.id,
        doc.origin,
        format,
        meta.url,
        meta.title,
        meta.published.map(|d| d.to_string()),
        meta.outlet,
        meta.language,
        doc.text,
        // Plain-text pages would store their text twice.
        (raw.as_slice() != doc.text.as_bytes()).then_some(raw),
        fingerprint_to_sql(p.fingerprint),
        to_json(diagnostics),
        now,
    ])?;
    let num = tx.last_insert_rowid();
    tx.prepare_cached("INSERT INTO documents_fts (rowid, title, text) VALUES (?1, ?2, ?3)")?.execute(params![
        num,
        fts::index_text(meta.title.as_deref().unwrap_or("")),
        fts::index_text(&doc.text),
    ])?;

    let mut seg = tx.prepare_cached(
        "INSERT INTO segments (doc_id, seq, kind, start, \"end\", heading, date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, s) in segments.iter().enumerate() {
        seg.execute(params![
            doc.id,
            i as i64,
            s.kind.as_str(),
            s.span.start as i64,
            s.span.end as i64,
            s.heading,
            s.date.map(|d| d.to_string())
        ])?;
    }
    let mut men = tx.prepare_cached(
        "INSERT INTO mentions (doc_id, seq, kind, start, \"end\", value) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, m) in mentions.iter().enumerate() {
        men.execute(params![
            doc.id,
            i as i64,
            m.kind().as_str(),
            m.span.start as i64,
            m.span.end as i64,
            to_json(&m.value)
        ])?;
    }
    claims.iter().enumerate().map(|(i, c)| write_claim(tx, &doc.id, i, c)).collect()
}

fn write_claim(tx: &Transaction, doc_id: &str, seq: usize, c: &Claim) -> R<i64> {
    let (date_from, date_to, date_precision) = date_cols(&c.date);
    let place = c.place.as_ref();
    let low = |n: Option<Count>| n.map(|n| n.low());
    let high = |n: Option<Count>| match n {
        Some(Count::Range { max, .. }) => Some(max),
        _ => None,
    };
    tx.prepare_cached(
        "INSERT INTO claims (doc_id, seq, type, date_from, date_to, date_precision, place, geonameid, lat, lon, \
         country, place_precision, actor1, actor2, killed, killed_max, wounded, wounded_max, victims, source, stance, \
         segment, evidence_start, evidence_end, claim) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, \
         ?23, ?24, ?25)",
    )?
    .execute(params![
        doc_id,
        seq as i64,
        c.event_type.as_str(),
        date_from,
        date_to,
        date_precision,
        place.map(|p| &p.name),
        place.and_then(|p| p.geonameid),
        place.map(|p| p.lat),
        place.map(|p| p.lon),
        place.and_then(|p| p.country.as_ref()),
        place.map(|p| p.precision.as_str()),
        c.actor1.as_ref().map(|a| a.to_string()),
        c.actor2.as_ref().map(|a| a.to_string()),
        low(c.killed),
        high(c.killed),
        low(c.wounded),
        high(c.wounded),
        c.victims.map(|v| v.as_str()),
        c.source.to_string(),
        c.stance.as_str(),
        c.segment.as_str(),
        c.evidence.start as i64,
        c.evidence.end as i64,
        to_json(c),
    ])?;
    Ok(tx.last_insert_rowid())
}
