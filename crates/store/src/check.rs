//! Checks a page before it is stored: every span must point inside its
//! document's text, on character boundaries, or a claim could never be shown
//! highlighted in its page. Pure: any backend (and the CLI, to set a bad page
//! aside before writing a batch) calls [`validate`].

use warlog_model::{Page, Span};

use crate::StoreError;

/// `Ok` when the page can be stored; otherwise [`StoreError::InvalidPage`]
/// naming the first bad span.
pub fn validate(page: &Page) -> Result<(), StoreError> {
    problem(page).map_or(Ok(()), |reason| {
        Err(StoreError::InvalidPage { doc_id: page.doc.id.clone(), origin: page.doc.origin.clone(), reason })
    })
}

fn problem(page: &Page) -> Option<String> {
    let text = page.doc.text.as_str();
    if page.doc.id.is_empty() {
        return Some("the document has no id".into());
    }
    let bad = |what: String, span: Span| -> Option<String> {
        let fits = span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end);
        (!fits).then(|| format!("{what} {}..{} is outside the text or cuts a character", span.start, span.end))
    };
    for (i, s) in page.segments.iter().enumerate() {
        if let Some(e) = bad(format!("segment {i}"), s.span) {
            return Some(e);
        }
    }
    for (i, m) in page.mentions.iter().enumerate() {
        if let Some(e) = bad(format!("mention {i}"), m.span) {
            return Some(e);
        }
    }
    for (i, c) in page.claims.iter().enumerate() {
        let spans = [("evidence", Some(c.evidence)), ("trigger", Some(c.trigger)), ("source span", c.source_span)];
        let also = c.also_evidence.iter().map(|s| ("also_evidence", Some(*s)));
        for (name, span) in spans.into_iter().chain(also) {
            if let Some(e) = span.and_then(|s| bad(format!("claim {i} {name}"), s)) {
                return Some(e);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use warlog_model::{Claim, Document, DocumentMeta, EventType, Format, SegmentKind, Source, Stance};

    fn page(text: &str, evidence: Span) -> Page {
        let doc = Document {
            id: "abc".into(),
            origin: "a.txt".into(),
            format: Format::Text,
            meta: DocumentMeta::default(),
            text: text.into(),
        };
        let claim = Claim::new(EventType::Shelling, Source::Outlet, Stance::Asserted, evidence, SegmentKind::Body);
        Page {
            doc,
            raw: text.as_bytes().to_vec(),
            segments: vec![],
            mentions: vec![],
            claims: vec![claim],
            diagnostics: vec![],
        }
    }

    #[test]
    fn spans_inside_the_text_pass() {
        assert!(validate(&page("Tir sur Gəncə.", Span::new(0, 15))).is_ok());
    }

    #[test]
    fn span_past_the_end_or_inside_a_character_fails() {
        let err = validate(&page("Gəncə", Span::new(0, 99))).unwrap_err();
        assert!(err.to_string().contains("claim 0 evidence 0..99"), "{err}");
        assert!(validate(&page("Gəncə", Span::new(0, 2))).is_err(), "cuts the schwa");
    }
}
