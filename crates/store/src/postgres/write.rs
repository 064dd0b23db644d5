//! Writing pages: one transaction per batch under the write lock (see the
//! module above), pages already stored skipped, then each table filled with
//! one statement over arrays (`INSERT ... SELECT FROM unnest(...)`) per
//! chunk of at most [`CHUNK_BYTES`] of pages, so a batch costs a handful of
//! round trips and no statement grows past PostgreSQL's message limit.

use std::collections::{HashMap, HashSet};

use postgres::{Client, Transaction};
use warlog_model::{Count, Page};

use super::codec::{clean, clean_opt, date_cols, now_unix, to_json};
use super::{LOCKS, R, WRITE_LOCK, terms};
use crate::{PageToWrite, WriteOutcome, check};

/// Raw and text bytes of the pages one statement carries.
const CHUNK_BYTES: usize = 32 << 20;

pub(super) fn write_pages(client: &mut Client, pages: &[PageToWrite]) -> R<Vec<WriteOutcome>> {
    if pages.is_empty() {
        return Ok(Vec::new());
    }
    let mut tx = client.transaction()?;
    tx.batch_execute(&format!("SELECT pg_advisory_xact_lock({LOCKS}, {WRITE_LOCK})"))?;
    let ids: Vec<&str> = pages.iter().map(|p| p.page.doc.id.as_str()).collect();
    let stored: HashSet<String> = tx
        .query("SELECT id FROM documents WHERE id = ANY($1)", &[&ids])?
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<_, _>>()?;
    let mut out = vec![WriteOutcome::AlreadyStored; pages.len()];
    let mut seen = HashSet::new();
    let mut new = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        let id = p.page.doc.id.as_str();
        if stored.contains(id) || !seen.insert(id) {
            continue;
        }
        check::validate(&p.page)?;
        new.push(i);
    }
    let now = now_unix();
    let mut chunk: Vec<usize> = Vec::new();
    let mut bytes = 0;
    for (k, &i) in new.iter().enumerate() {
        chunk.push(i);
        bytes += pages[i].page.raw.len() + pages[i].page.doc.text.len();
        if bytes >= CHUNK_BYTES || k + 1 == new.len() {
            let batch: Vec<&PageToWrite> = chunk.iter().map(|&i| &pages[i]).collect();
            for (&i, claim_ids) in chunk.iter().zip(write_chunk(&mut tx, &batch, now)?) {
                out[i] = WriteOutcome::Stored { claim_ids };
            }
            chunk.clear();
            bytes = 0;
        }
    }
    tx.commit()?;
    Ok(out)
}

/// Writes new pages; returns each page's claim ids, in page order.
fn write_chunk(tx: &mut Transaction, pages: &[&PageToWrite], now: i64) -> R<Vec<Vec<i64>>> {
    let nums = documents(tx, pages, now)?;
    document_terms(tx, pages, &nums)?;
    segments(tx, pages)?;
    mentions(tx, pages)?;
    claims(tx, pages)
}

fn format(p: &Page) -> &'static str {
    match p.doc.format {
        warlog_model::Format::Text => "text",
        warlog_model::Format::Html => "html",
    }
}

/// Inserts the documents; returns their row numbers by id.
fn documents(tx: &mut Transaction, pages: &[&PageToWrite], now: i64) -> R<HashMap<String, i64>> {
    let docs = || pages.iter().map(|p| &p.page);
    let id: Vec<&str> = docs().map(|p| p.doc.id.as_str()).collect();
    let origin: Vec<_> = docs().map(|p| clean(&p.doc.origin)).collect();
    let format: Vec<&str> = docs().map(format).collect();
    let url: Vec<_> = docs().map(|p| clean_opt(&p.doc.meta.url)).collect();
    let title: Vec<_> = docs().map(|p| clean_opt(&p.doc.meta.title)).collect();
    let published: Vec<Option<String>> = docs().map(|p| p.doc.meta.published.map(|d| d.to_string())).collect();
    let outlet: Vec<_> = docs().map(|p| clean_opt(&p.doc.meta.outlet)).collect();
    let language: Vec<_> = docs().map(|p| clean_opt(&p.doc.meta.language)).collect();
    let text: Vec<&[u8]> = docs().map(|p| p.doc.text.as_bytes()).collect();
    // Plain-text pages would store their text twice.
    let raw: Vec<Option<&[u8]>> =
        docs().map(|p| (p.raw.as_slice() != p.doc.text.as_bytes()).then_some(p.raw.as_slice())).collect();
    let fingerprint: Vec<Option<i64>> = pages.iter().map(|p| p.fingerprint.map(|f| f as i64)).collect();
    let diagnostics: Vec<String> = docs().map(|p| to_json(&p.diagnostics)).collect();
    let rows = tx.query(
        "INSERT INTO documents (id, origin, format, url, title, published, outlet, language, text, raw, \
         fingerprint, diagnostics, ingested_at) \
         SELECT u.*, $13 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], \
         $7::text[], $8::text[], $9::bytea[], $10::bytea[], $11::bigint[], $12::text[]) AS u \
         RETURNING id, num",
        &[
            &id,
            &origin,
            &format,
            &url,
            &title,
            &published,
            &outlet,
            &language,
            &text,
            &raw,
            &fingerprint,
            &diagnostics,
            &now,
        ],
    )?;
    rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
}

fn document_terms(tx: &mut Transaction, pages: &[&PageToWrite], nums: &HashMap<String, i64>) -> R<()> {
    let (mut num, mut part, mut words) = (Vec::new(), Vec::new(), Vec::new());
    for p in pages {
        let doc = &p.page.doc;
        let Some(&n) = nums.get(&doc.id) else { continue };
        for (i, w) in terms::parts(doc.meta.title.as_deref(), &doc.text).into_iter().enumerate() {
            if !w.is_empty() {
                num.push(n);
                part.push(i as i32);
                words.push(w);
            }
        }
    }
    tx.execute(
        "INSERT INTO document_terms (doc_num, part, terms) \
         SELECT n, p, setweight(to_tsvector('simple', w), CASE WHEN p = 0 THEN 'A'::\"char\" ELSE 'D'::\"char\" END) \
         FROM unnest($1::bigint[], $2::integer[], $3::text[]) AS u (n, p, w)",
        &[&num, &part, &words],
    )?;
    Ok(())
}

fn segments(tx: &mut Transaction, pages: &[&PageToWrite]) -> R<()> {
    let (mut doc, mut seq, mut kind, mut start, mut end, mut heading, mut date) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for p in pages {
        for (i, s) in p.page.segments.iter().enumerate() {
            doc.push(p.page.doc.id.as_str());
            seq.push(i as i64);
            kind.push(s.kind.as_str());
            start.push(s.span.start as i64);
            end.push(s.span.end as i64);
            heading.push(clean_opt(&s.heading));
            date.push(s.date.map(|d| d.to_string()));
        }
    }
    tx.execute(
        "INSERT INTO segments (doc_id, seq, kind, start, \"end\", heading, date) \
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], \
         $7::text[])",
        &[&doc, &seq, &kind, &start, &end, &heading, &date],
    )?;
    Ok(())
}

fn mentions(tx: &mut Transaction, pages: &[&PageToWrite]) -> R<()> {
    let (mut doc, mut seq, mut kind, mut start, mut end, mut value) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for p in pages {
        for (i, m) in p.page.mentions.iter().enumerate() {
            doc.push(p.page.doc.id.as_str());
            seq.push(i as i64);
            kind.push(m.kind().as_str());
            start.push(m.span.start as i64);
            end.push(m.span.end as i64);
            value.push(to_json(&m.value));
        }
    }
    tx.execute(
        "INSERT INTO mentions (doc_id, seq, kind, start, \"end\", value) \
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::bigint[], $6::text[])",
        &[&doc, &seq, &kind, &start, &end, &value],
    )?;
    Ok(())
}

/// The claims' columns, one vector each, in the order of the INSERT.
#[derive(Default)]
struct ClaimColumns<'a> {
    id: Vec<i64>,
    doc: Vec<&'a str>,
    seq: Vec<i64>,
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
    killed: Vec<Option<i64>>,
    killed_max: Vec<Option<i64>>,
    wounded: Vec<Option<i64>>,
    wounded_max: Vec<Option<i64>>,
    victims: Vec<Option<&'static str>>,
    source: Vec<String>,
    stance: Vec<&'static str>,
    segment: Vec<&'static str>,
    evidence_start: Vec<i64>,
    evidence_end: Vec<i64>,
    claim: Vec<String>,
}

/// Inserts the claims with ids taken up front, in page order.
fn claims(tx: &mut Transaction, pages: &[&PageToWrite]) -> R<Vec<Vec<i64>>> {
    let n: i64 = pages.iter().map(|p| p.page.claims.len() as i64).sum();
    let mut ids: Vec<i64> = tx
        .query("SELECT nextval('claim_ids') FROM generate_series(1, $1::bigint)", &[&n])?
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<_, _>>()?;
    ids.sort_unstable();
    let mut next = ids.into_iter();
    let low = |n: Option<Count>| n.map(|n| i64::from(n.low()));
    let high = |n: Option<Count>| match n {
        Some(Count::Range { max, .. }) => Some(i64::from(max)),
        _ => None,
    };
    let mut c = ClaimColumns::default();
    let mut out = Vec::with_capacity(pages.len());
    for p in pages {
        let mut page_ids = Vec::with_capacity(p.page.claims.len());
        for (i, claim) in p.page.claims.iter().enumerate() {
            let id = next.next().ok_or_else(|| super::codec::corrupt("claim id", "sequence gave too few ids"))?;
            page_ids.push(id);
            let (from, to, precision) = date_cols(&claim.date);
            let place = claim.place.as_ref();
            c.id.push(id);
            c.doc.push(p.page.doc.id.as_str());
            c.seq.push(i as i64);
            c.kind.push(claim.event_type.as_str());
            c.date_from.push(from);
            c.date_to.push(to);
            c.date_precision.push(precision);
            c.place.push(place.map(|p| p.name.as_str()));
            c.geonameid.push(place.and_then(|p| p.geonameid).map(i64::from));
            c.lat.push(place.map(|p| p.lat));
            c.lon.push(place.map(|p| p.lon));
            c.country.push(place.and_then(|p| p.country.as_deref()));
            c.place_precision.push(place.map(|p| p.precision.as_str()));
            c.actor1.push(claim.actor1.as_ref().map(|a| a.to_string()));
            c.actor2.push(claim.actor2.as_ref().map(|a| a.to_string()));
            c.killed.push(low(claim.killed));
            c.killed_max.push(high(claim.killed));
            c.wounded.push(low(claim.wounded));
            c.wounded_max.push(high(claim.wounded));
            c.victims.push(claim.victims.map(|v| v.as_str()));
            c.source.push(claim.source.to_string());
            c.stance.push(claim.stance.as_str());
            c.segment.push(claim.segment.as_str());
            c.evidence_start.push(claim.evidence.start as i64);
            c.evidence_end.push(claim.evidence.end as i64);
            c.claim.push(to_json(claim));
        }
        out.push(page_ids);
    }
    tx.execute(
        "INSERT INTO claims (id, doc_id, seq, type, date_from, date_to, date_precision, place, geonameid, lat, lon, \
         country, place_precision, actor1, actor2, killed, killed_max, wounded, wounded_max, victims, source, stance, \
         segment, evidence_start, evidence_end, claim) \
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], \
         $7::text[], $8::text[], $9::bigint[], $10::float8[], $11::float8[], $12::text[], $13::text[], $14::text[], \
         $15::text[], $16::bigint[], $17::bigint[], $18::bigint[], $19::bigint[], $20::text[], $21::text[], \
         $22::text[], $23::text[], $24::bigint[], $25::bigint[], $26::text[])",
        &[
            &c.id,
            &c.doc,
            &c.seq,
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
            &c.killed,
            &c.killed_max,
            &c.wounded,
            &c.wounded_max,
            &c.victims,
            &c.source,
            &c.stance,
            &c.segment,
            &c.evidence_start,
            &c.evidence_end,
            &c.claim,
        ],
    )?;
    Ok(out)
}
