//! GeoJSON (RFC 7946): one FeatureCollection, one Feature per event, a Point
//! `[lon, lat]` (WGS84, longitude first) or a null geometry when the event
//! has no place. Features are written one by one, so a large export never
//! sits in memory as one JSON value.
//!
//! Properties: `id`, `type`, `date` and `date_end` (ISO days; the same day
//! for a one-day event, null when unknown), `date_precision`, `place`,
//! `place_precision`, `country`, `sources`, `contested`, `fatalities`,
//! `actor1`, `actor2`, `acled_event_type`, `acled_sub_event_type`, and
//! `claims`: `[{source, stance, evidence, page, outlet}]`.

use std::io::{self, Write};

use serde_json::{Value, json};
use warlog_model::Event;

use crate::acled::acled_types;

/// Writes the events as a GeoJSON FeatureCollection; returns the number of
/// features.
pub fn geojson(events: &[Event], mut out: impl Write) -> io::Result<usize> {
    out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[")?;
    for (i, event) in events.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut out, &feature(event))?;
    }
    out.write_all(b"\n]}\n")?;
    out.flush()?;
    Ok(events.len())
}

/// One event as a GeoJSON Feature.
pub fn feature(event: &Event) -> Value {
    let place = event.place.as_ref();
    let geometry = place.map_or(Value::Null, |p| json!({"type": "Point", "coordinates": [p.lon, p.lat]}));
    let bounds = event.date.bounds();
    let acled = acled_types(event);
    let claims: Vec<Value> = event
        .claims
        .iter()
        .map(|c| {
            json!({
                "source": c.claim.source.to_string(),
                "stance": c.claim.stance.as_str(),
                "evidence": c.evidence_text,
                "page": c.page,
                "outlet": c.outlet,
            })
        })
        .collect();
    json!({
        "type": "Feature",
        "id": event.id,
        "geometry": geometry,
        "properties": {
            "id": event.id,
            "type": event.event_type.as_str(),
            "date": bounds.map(|(from, _)| from.to_string()),
            "date_end": bounds.map(|(_, to)| to.to_string()),
            "date_precision": event.date.precision().as_str(),
            "place": place.map(|p| p.name.clone()),
            "place_precision": place.map(|p| p.precision.as_str()),
            "country": place.and_then(|p| p.country.clone()),
            "sources": event.sources,
            "contested": event.contested,
            "fatalities": event.fatalities(),
            "actor1": event.actor1.as_ref().map(|a| a.to_string()),
            "actor2": event.actor2.as_ref().map(|a| a.to_string()),
            "acled_event_type": acled.map(|a| a.event_type),
            "acled_sub_event_type": acled.map(|a| a.sub_event_type),
            "claims": claims,
        },
    })
}
