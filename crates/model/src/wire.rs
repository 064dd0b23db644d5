//! The JSON shapes of ../shared/spec/CLI.md: a public contract that users'
//! scripts rely on. Every command and the HTTP API print through here.

use serde_json::{Value, json};

use crate::{Claim, Document, Event, Mention, MentionValue, Segment, Tally};

fn opt<T: ToString>(v: Option<T>) -> Value {
    v.map(|x| Value::String(x.to_string())).unwrap_or(Value::Null)
}

/// `warlog text`: `{"title", "published", "language", "text"}`.
pub fn text_json(doc: &Document, text: &str) -> Value {
    json!({
        "title": doc.meta.title,
        "published": opt(doc.meta.published),
        "language": doc.meta.language,
        "text": text,
    })
}

/// `warlog segments`: one `{"kind", "start", "end", "heading", "date"}`.
pub fn segment_json(seg: &Segment) -> Value {
    json!({
        "kind": seg.kind.as_str(),
        "start": seg.span.start,
        "end": seg.span.end,
        "heading": seg.heading,
        "date": opt(seg.date),
    })
}

/// `warlog places`: one place mention, or `None` for other mentions.
pub fn place_json(text: &str, mention: &Mention) -> Option<Value> {
    let MentionValue::Place { place, role } = &mention.value else { return None };
    Some(json!({
        "start": mention.span.start,
        "end": mention.span.end,
        "text": mention.span.slice(text),
        "name": place.name,
        "geonameid": place.geonameid,
        "lat": place.lat,
        "lon": place.lon,
        "country": place.country,
        "precision": place.precision.as_str(),
        "role": role,
    }))
}

/// `warlog claims`: one claim in the value forms of GOLD.md, plus the ACLED
/// types and the optional fields.
pub fn claim_json(claim: &Claim) -> Value {
    let place = claim.place.as_ref();
    let acled = claim.acled().map(|a| json!({"event_type": a.event_type, "sub_event_type": a.sub_event_type}));
    let spans = |spans: &[crate::Span]| spans.iter().map(|s| json!([s.start, s.end])).collect::<Vec<_>>();
    json!({
        "start": claim.evidence.start,
        "end": claim.evidence.end,
        "type": claim.event_type.as_str(),
        "date": claim.date.to_json(),
        "date_precision": claim.date.precision().as_str(),
        "place": place.map(|p| p.name.clone()),
        "lat": place.map(|p| p.lat),
        "lon": place.map(|p| p.lon),
        "country": place.and_then(|p| p.country.clone()),
        "place_precision": place.map(|p| p.precision.as_str()),
        "geonameid": place.and_then(|p| p.geonameid),
        "actor1": opt(claim.actor1.as_ref()),
        "actor2": opt(claim.actor2.as_ref()),
        "killed": claim.killed.map(|c| c.to_json()),
        "wounded": claim.wounded.map(|c| c.to_json()),
        "victims": claim.victims.map(|v| v.as_str()),
        "source": claim.source.to_string(),
        "stance": claim.stance.as_str(),
        "segment": claim.segment.as_str(),
        "acled": acled,
        "plover": claim.event_type.plover(),
        "also_evidence": spans(&claim.also_evidence),
        "weapons": claim.weapons,
        "mode": claim.mode,
        "taken_by": opt(claim.taken_by.as_ref()),
        "lost_by": opt(claim.lost_by.as_ref()),
        "during_ceasefire": claim.during_ceasefire,
        "violated": claim.violated,
        "as_of": opt(claim.as_of),
        "denied_by": claim.denied_by.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
    })
}

/// `warlog events`: `{"id", "type", "date", "place", "lat", "lon", "sources",
/// "contested", "claims": [...]}`; each claim also names its page, outlet and
/// evidence sentence.
pub fn event_json(event: &Event) -> Value {
    let place = event.place.as_ref();
    let claims: Vec<Value> = event
        .claims
        .iter()
        .map(|c| {
            let mut v = claim_json(&c.claim);
            let obj = v.as_object_mut().expect("claim_json is an object");
            obj.insert("id".into(), json!(c.claim_id));
            obj.insert("doc".into(), json!(c.doc_id));
            obj.insert("page".into(), json!(c.page));
            obj.insert("outlet".into(), json!(c.outlet));
            obj.insert("evidence".into(), json!(c.evidence_text));
            v
        })
        .collect();
    let figures: Vec<Value> = event
        .figures()
        .iter()
        .map(|f| json!({"source": f.source.to_string(), "killed": f.killed.map(|c| c.to_json()), "wounded": f.wounded.map(|c| c.to_json())}))
        .collect();
    json!({
        "id": event.id,
        "type": event.event_type.as_str(),
        "date": event.date.to_json(),
        "date_precision": event.date.precision().as_str(),
        "place": place.map(|p| p.name.clone()),
        "lat": place.map(|p| p.lat),
        "lon": place.map(|p| p.lon),
        "country": place.and_then(|p| p.country.clone()),
        "place_precision": place.map(|p| p.precision.as_str()),
        "actor1": opt(event.actor1.as_ref()),
        "actor2": opt(event.actor2.as_ref()),
        "sources": event.sources,
        "contested": event.contested,
        "fatalities": event.fatalities(),
        "figures": figures,
        "claims": claims,
    })
}

/// `warlog tallies`: `{"party", "as_of", "figure", "category", "subject", "doc"}`.
pub fn tally_json(t: &Tally) -> Value {
    json!({
        "party": t.party.to_string(),
        "as_of": opt(t.as_of),
        "figure": t.figure.to_json(),
        "category": t.category,
        "subject": opt(t.subject.as_ref()),
        "doc": t.doc_id,
    })
}

/// `warlog search`: one page that matches, `{"doc", "origin", "url", "title", "snippet"}`.
pub fn search_hit_json(doc: &str, origin: &str, url: Option<&str>, title: Option<&str>, snippet: &str) -> Value {
    json!({"doc": doc, "origin": origin, "url": url, "title": title, "snippet": snippet})
}
