//! Reading documents back (metadata, segments, the whole page as written)
//! and full-text search over the folded index, with snippets cut from the
//! original text.

use rusqlite::{Connection, OptionalExtension, params};
use warlog_model::{Claim, Document, DocumentMeta, Format, Mention, Page, Segment, SegmentKind, Span};

use super::R;
use super::codec::{corrupt, date, json};
use crate::{SearchHit, fts};

/// Snippet context on each side of the match, in bytes.
const SNIPPET_WIDTH: usize = 80;

fn span(start: i64, end: i64) -> Span {
    Span::new(start.max(0) as usize, end.max(0) as usize)
}

/// A document row: the document, its raw bytes when asked for (`None`: the
/// text's bytes, or not asked) and its diagnostics as JSON.
type DocumentRow = (Document, Option<Vec<u8>>, String);

fn document_row(conn: &Connection, doc_id: &str, with_raw: bool) -> R<Option<DocumentRow>> {
    let row = conn
        .prepare_cached(
            "SELECT id, origin, format, url, title, published, outlet, language, text, \
             CASE WHEN ?2 THEN raw END, diagnostics FROM documents WHERE id = ?1",
        )?
        .query_row(params![doc_id, with_raw], |r| {
            Ok((
                (r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?),
                (r.get(3)?, r.get(4)?, r.get::<_, Option<String>>(5)?, r.get(6)?, r.get(7)?),
                (r.get::<_, String>(8)?, r.get::<_, Option<Vec<u8>>>(9)?, r.get::<_, String>(10)?),
            ))
        })
        .optional()?;
    let Some(((id, origin, format), (url, title, published, outlet, language), (text, raw, diagnostics))) = row else {
        return Ok(None);
    };
    let format = match format.as_str() {
        "text" => Format::Text,
        "html" => Format::Html,
        other => return Err(corrupt("document format", other)),
    };
    let meta = DocumentMeta { url, title, published: date("publication date", published)?, outlet, language };
    Ok(Some((Document { id, origin, format, meta, text }, raw, diagnostics)))
}

fn segments(conn: &Connection, doc_id: &str) -> R<Vec<Segment>> {
    let mut stmt =
        conn.prepare_cached("SELECT kind, start, \"end\", heading, date FROM segments WHERE doc_id = ?1 ORDER BY seq")?;
    let mut rows = stmt.query([doc_id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let kind: String = r.get(0)?;
        out.push(Segment {
            kind: SegmentKind::parse(&kind).ok_or_else(|| corrupt("segment kind", &kind))?,
            span: span(r.get(1)?, r.get(2)?),
            heading: r.get(3)?,
            date: date("segment date", r.get(4)?)?,
        });
    }
    Ok(out)
}

fn mentions(conn: &Connection, doc_id: &str) -> R<Vec<Mention>> {
    let mut stmt = conn.prepare_cached("SELECT start, \"end\", value FROM mentions WHERE doc_id = ?1 ORDER BY seq")?;
    let mut rows = stmt.query([doc_id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(Mention { span: span(r.get(0)?, r.get(1)?), value: json("mention", &r.get::<_, String>(2)?)? });
    }
    Ok(out)
}

pub(super) fn document(conn: &Connection, doc_id: &str) -> R<Option<(Document, Vec<Segment>)>> {
    let Some((doc, _, _)) = document_row(conn, doc_id, false)? else { return Ok(None) };
    Ok(Some((doc, segments(conn, doc_id)?)))
}

pub(super) fn page(conn: &Connection, doc_id: &str) -> R<Option<Page>> {
    let Some((doc, raw, diagnostics)) = document_row(conn, doc_id, true)? else { return Ok(None) };
    let raw = raw.unwrap_or_else(|| doc.text.as_bytes().to_vec());
    Ok(Some(Page {
        doc,
        raw,
        segments: segments(conn, doc_id)?,
        mentions: mentions(conn, doc_id)?,
        claims: document_claims(conn, doc_id)?.into_iter().map(|(_, c)| c).collect(),
        diagnostics: json("diagnostics", &diagnostics)?,
    }))
}

pub(super) fn document_claims(conn: &Connection, doc_id: &str) -> R<Vec<(i64, Claim)>> {
    let mut stmt = conn.prepare_cached("SELECT id, claim FROM claims WHERE doc_id = ?1 ORDER BY seq")?;
    let mut rows = stmt.query([doc_id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push((r.get(0)?, json("claim", &r.get::<_, String>(1)?)?));
    }
    Ok(out)
}

pub(super) fn search(conn: &Connection, query: &str, limit: usize) -> R<Vec<SearchHit>> {
    let terms = fts::parse(query);
    let Some(fts_query) = fts::fts5_query(&terms) else { return Ok(Vec::new()) };
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut stmt = conn.prepare_cached(
        "SELECT d.id, d.origin, d.url, d.title, d.published, d.text FROM \
         (SELECT rowid AS num, rank FROM documents_fts WHERE documents_fts MATCH ?1 ORDER BY rank LIMIT ?2) f \
         JOIN documents d ON d.num = f.num ORDER BY f.rank",
    )?;
    let mut rows = stmt.query(params![fts_query, limit])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let text: String = r.get(5)?;
        let (snippet, hit) = fts::snippet(&text, &terms, SNIPPET_WIDTH);
        out.push(SearchHit {
            doc_id: r.get(0)?,
            origin: r.get(1)?,
            url: r.get(2)?,
            title: r.get(3)?,
            published: date("publication date", r.get(4)?)?,
            snippet,
            hit,
        });
    }
    Ok(out)
}
