//! Reading documents back (metadata, segments, the whole page as written)
//! and full-text search over the folded parts ([`super::terms`]), ranked by
//! `ts_rank` (title words weigh more), with snippets cut from the original
//! text.

use postgres::Client;
use postgres::types::ToSql;
use warlog_model::{Claim, Document, DocumentMeta, Format, Mention, Page, Segment, SegmentKind, Span};

use super::R;
use super::codec::{corrupt, date, json, size};
use super::terms;
use crate::{SearchHit, fts};

/// Snippet context on each side of the match, in bytes.
const SNIPPET_WIDTH: usize = 80;

fn utf8(what: &'static str, bytes: Vec<u8>) -> R<String> {
    String::from_utf8(bytes).map_err(|e| corrupt(what, e))
}

/// A document row: the document, its raw bytes when asked for (`None`: the
/// text's bytes, or not asked) and its diagnostics as JSON.
type DocumentRow = (Document, Option<Vec<u8>>, String);

fn document_row(client: &mut Client, doc_id: &str, with_raw: bool) -> R<Option<DocumentRow>> {
    let row = client.query_opt(
        "SELECT id, origin, format, url, title, published, outlet, language, text, \
         CASE WHEN $2 THEN raw END, diagnostics FROM documents WHERE id = $1",
        &[&doc_id, &with_raw],
    )?;
    let Some(r) = row else { return Ok(None) };
    let format: String = r.try_get(2)?;
    let format = match format.as_str() {
        "text" => Format::Text,
        "html" => Format::Html,
        other => return Err(corrupt("document format", other)),
    };
    let meta = DocumentMeta {
        url: r.try_get(3)?,
        title: r.try_get(4)?,
        published: date("publication date", r.try_get(5)?)?,
        outlet: r.try_get(6)?,
        language: r.try_get(7)?,
    };
    let text = utf8("document text", r.try_get(8)?)?;
    let doc = Document { id: r.try_get(0)?, origin: r.try_get(1)?, format, meta, text };
    Ok(Some((doc, r.try_get(9)?, r.try_get(10)?)))
}

fn segments(client: &mut Client, doc_id: &str) -> R<Vec<Segment>> {
    let rows = client
        .query("SELECT kind, start, \"end\", heading, date FROM segments WHERE doc_id = $1 ORDER BY seq", &[&doc_id])?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let kind: String = r.try_get(0)?;
        out.push(Segment {
            kind: SegmentKind::parse(&kind).ok_or_else(|| corrupt("segment kind", &kind))?,
            span: Span::new(size(&r, 1)?, size(&r, 2)?),
            heading: r.try_get(3)?,
            date: date("segment date", r.try_get(4)?)?,
        });
    }
    Ok(out)
}

fn mentions(client: &mut Client, doc_id: &str) -> R<Vec<Mention>> {
    let rows = client.query("SELECT start, \"end\", value FROM mentions WHERE doc_id = $1 ORDER BY seq", &[&doc_id])?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(Mention { span: Span::new(size(&r, 0)?, size(&r, 1)?), value: json("mention", r.try_get(2)?)? });
    }
    Ok(out)
}

pub(super) fn document(client: &mut Client, doc_id: &str) -> R<Option<(Document, Vec<Segment>)>> {
    let Some((doc, _, _)) = document_row(client, doc_id, false)? else { return Ok(None) };
    Ok(Some((doc, segments(client, doc_id)?)))
}

pub(super) fn page(client: &mut Client, doc_id: &str) -> R<Option<Page>> {
    let Some((doc, raw, diagnostics)) = document_row(client, doc_id, true)? else { return Ok(None) };
    let raw = raw.unwrap_or_else(|| doc.text.as_bytes().to_vec());
    Ok(Some(Page {
        doc,
        raw,
        segments: segments(client, doc_id)?,
        mentions: mentions(client, doc_id)?,
        claims: document_claims(client, doc_id)?.into_iter().map(|(_, c)| c).collect(),
        diagnostics: json("diagnostics", &diagnostics)?,
    }))
}

pub(super) fn document_claims(client: &mut Client, doc_id: &str) -> R<Vec<(i64, Claim)>> {
    let rows = client.query("SELECT id, claim FROM claims WHERE doc_id = $1 ORDER BY seq", &[&doc_id])?;
    rows.iter().map(|r| Ok((r.try_get(0)?, json("claim", r.try_get(1)?)?))).collect()
}

pub(super) fn search(client: &mut Client, query: &str, limit: usize) -> R<Vec<SearchHit>> {
    let Some(q) = terms::query(query) else { return Ok(Vec::new()) };
    let mut args: Vec<Box<dyn ToSql + Sync>> = Vec::new();
    let mut arg = |v: Box<dyn ToSql + Sync>| {
        args.push(v);
        format!("${}", args.len())
    };
    let matching = terms::matching_sql(&q.each, |t| arg(Box::new(t)));
    let any = arg(Box::new(q.any.clone()));
    let limit = arg(Box::new(i64::try_from(limit).unwrap_or(i64::MAX)));
    let sql = format!(
        "WITH ranked AS (SELECT t.doc_num, sum(ts_rank(t.terms, to_tsquery('simple', {any}))) AS rank \
         FROM document_terms t WHERE t.doc_num IN ({matching}) \
         GROUP BY t.doc_num ORDER BY rank DESC, t.doc_num LIMIT {limit}) \
         SELECT d.id, d.origin, d.url, d.title, d.published, d.text FROM ranked r JOIN documents d ON d.num = r.doc_num \
         ORDER BY r.rank DESC, d.num"
    );
    let params: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a.as_ref()).collect();
    let mut out = Vec::new();
    for r in client.query(&sql, &params)? {
        let text = utf8("document text", r.try_get(5)?)?;
        let (snippet, hit) = fts::snippet(&text, &q.terms, SNIPPET_WIDTH);
        out.push(SearchHit {
            doc_id: r.try_get(0)?,
            origin: r.try_get(1)?,
            url: r.try_get(2)?,
            title: r.try_get(3)?,
            published: date("publication date", r.try_get(4)?)?,
            snippet,
            hit,
        });
    }
    Ok(out)
}
