//! ACLED-compatible CSV: ACLED's columns in ACLED's order (as in the files
//! ACLED publishes, e.g. ../shared/benchmarks/acled), one row per event.
//!
//! What ACLED cannot code is left out unless [`AcledOptions::all`] is set:
//! events of a type ACLED has no category for (negotiation, appeal,
//! accusation, casualty tally), events without a known date, and events no
//! source asserts (only denials). With `all`, they are written with empty
//! ACLED types / date.
//!
//! Column by column: `event_date` in ACLED's `9-May-20` form, coded to the
//! middle of a period, with `time_precision` 1/2/3 ([`time`]); `geo_precision`
//! 1 (town), 2 (near a town, part of a region), 3 (region or country);
//! `actor1`/`actor2`, `assoc_actor_*`, `inter1`/`inter2`, `interaction` (civilians
//! in a protest or riot are protesters or rioters) from
//! [`actors`]; `iso` (numeric), `country`, `region` from [`countries`];
//! `admin1..3` empty (warlog does not resolve administrative areas);
//! `source` the sources of the claims (parties and outlets, "; "-separated);
//! `source_scale` empty; `notes` the evidence sentences, each with who says
//! it; `fatalities` ACLED's rule, the lowest figure any source gives;
//! `data_id`, `event_id_no_cnty` the event id and `event_id_cnty` the ISO3
//! code plus the id; `timestamp` the export time.

pub mod actors;
pub mod countries;
pub mod time;

use std::io::{self, Write};

use warlog_model::{Event, PlacePrecision, Stance};

use actors::{AcledActor, acled_actor, as_demonstrators, interaction, source_name};
use countries::{acled_country_name, acled_region, iso_numeric};
use time::{acled_date, acled_day};

/// ACLED's columns, in ACLED's order.
pub const COLUMNS: [&str; 31] = [
    "data_id",
    "iso",
    "event_id_cnty",
    "event_id_no_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "timestamp",
    "iso3",
];

/// Notes longer than this are cut (at a character boundary, with "…").
const MAX_NOTES: usize = 2000;

/// How to write the CSV.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AcledOptions {
    /// Also write events ACLED does not code (see the module docs).
    pub all: bool,
    /// The `timestamp` column (unix seconds); `None`: now.
    pub timestamp: Option<i64>,
}

/// Whether ACLED would code the event at all.
pub fn is_acled_codable(event: &Event) -> bool {
    let asserted = event.claims.is_empty() || event.claims.iter().any(|c| c.claim.stance != Stance::Denied);
    acled_types(event).is_some() && event.date.is_known() && asserted
}

/// ACLED event type and sub-event type, the territory sub-type decided by
/// who took it (from the first claim that says).
pub fn acled_types(event: &Event) -> Option<warlog_model::AcledType> {
    let taken_by = event.claims.iter().find_map(|c| c.claim.taken_by.as_ref());
    event.event_type.acled(taken_by)
}

/// Writes the events as ACLED CSV with default options; returns the number
/// of rows written.
pub fn acled_csv(events: &[Event], out: impl Write) -> io::Result<usize> {
    acled_csv_with(events, &AcledOptions::default(), out)
}

pub fn acled_csv_with(events: &[Event], options: &AcledOptions, out: impl Write) -> io::Result<usize> {
    let timestamp = options.timestamp.unwrap_or_else(now_unix);
    let mut w = csv::Writer::from_writer(out);
    w.write_record(COLUMNS).map_err(io::Error::from)?;
    let mut rows = 0;
    for event in events.iter().filter(|e| options.all || is_acled_codable(e)) {
        w.write_record(row(event, timestamp)).map_err(io::Error::from)?;
        rows += 1;
    }
    w.flush()?;
    Ok(rows)
}

fn now_unix() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// One CSV row, in [`COLUMNS`] order.
pub fn row(event: &Event, timestamp: i64) -> [String; 31] {
    let place = event.place.as_ref();
    let iso3 = place.and_then(|p| p.country.clone()).unwrap_or_default();
    let (day, time_precision) = acled_day(&event.date);
    let types = acled_types(event);
    let empty = AcledActor { name: String::new(), assoc: String::new(), inter: 0 };
    let here = (!iso3.is_empty()).then_some(iso3.as_str());
    let acled = |a: &warlog_model::Actor| as_demonstrators(a, acled_actor(a, here), event.event_type);
    let a1 = event.actor1.as_ref().map_or(empty.clone(), acled);
    let a2 = event.actor2.as_ref().map_or(empty, acled);
    let code = |n: u8| if n == 0 { String::new() } else { n.to_string() };
    let geo_precision = place.map(|p| match p.precision {
        PlacePrecision::Exact => 1,
        PlacePrecision::Near => 2,
        PlacePrecision::Region | PlacePrecision::Country => 3,
    });
    let id = event.id.to_string();
    [
        id.clone(),
        iso_numeric(&iso3).map(|n| n.to_string()).unwrap_or_default(),
        format!("{iso3}{id}"),
        id,
        day.map(acled_date).unwrap_or_default(),
        day.map(|d| d.year().to_string()).unwrap_or_default(),
        time_precision.to_string(),
        types.map(|t| t.event_type.to_string()).unwrap_or_default(),
        types.map(|t| t.sub_event_type.to_string()).unwrap_or_default(),
        a1.name,
        a1.assoc,
        if event.actor1.is_some() { a1.inter.to_string() } else { String::new() },
        a2.name,
        a2.assoc,
        // ACLED writes 0 for a missing second actor.
        a2.inter.to_string(),
        code(interaction(a1.inter, a2.inter)),
        acled_region(&iso3).unwrap_or_default().to_string(),
        acled_country_name(&iso3).unwrap_or_default().to_string(),
        String::new(),
        String::new(),
        String::new(),
        place.map(|p| p.name.clone()).unwrap_or_default(),
        place.map(|p| coordinate(p.lat)).unwrap_or_default(),
        place.map(|p| coordinate(p.lon)).unwrap_or_default(),
        geo_precision.map(|g| g.to_string()).unwrap_or_default(),
        sources(event),
        String::new(),
        notes(event),
        event.fatalities().to_string(),
        timestamp.to_string(),
        iso3,
    ]
}

/// Four decimals without trailing zeros, as ACLED writes them (`39.801`).
fn coordinate(x: f64) -> String {
    let s = format!("{x:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Who the event's claims come from: each party and each outlet, once, in
/// claim order.
pub fn sources(event: &Event) -> String {
    let mut names: Vec<String> = Vec::new();
    for c in &event.claims {
        let party = c.claim.source.actor().map(|_| source_name(&c.claim.source, None));
        for name in party.into_iter().chain(c.outlet.clone()) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names.join("; ")
}

/// The evidence sentences, each once, with who says it and through which
/// outlet: `Text. (Government of Azerbaijan, via AFP) | ...`; denials and
/// hedges are marked. Whitespace is collapsed to single spaces.
pub fn notes(event: &Event) -> String {
    let mut seen: Vec<&str> = Vec::new();
    let mut parts = Vec::new();
    for c in &event.claims {
        let text = c.evidence_text.trim();
        if text.is_empty() || seen.contains(&text) {
            continue;
        }
        seen.push(text);
        let who = source_name(&c.claim.source, c.outlet.as_deref());
        let via = match (&c.claim.source, &c.outlet) {
            (warlog_model::Source::Party(_), Some(outlet)) => format!(", via {outlet}"),
            _ => String::new(),
        };
        let stance = match c.claim.stance {
            Stance::Asserted => "",
            Stance::Hedged => "reportedly, ",
            Stance::Denied => "denied by ",
        };
        parts.push(format!("{} ({stance}{who}{via})", collapse(text)));
    }
    let mut notes = parts.join(" | ");
    if notes.len() > MAX_NOTES {
        let mut cut = MAX_NOTES;
        while !notes.is_char_boundary(cut) {
            cut -= 1;
        }
        notes.truncate(cut);
        notes.push('…');
    }
    notes
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_like_acled() {
        assert_eq!(coordinate(39.801), "39.801");
        assert_eq!(coordinate(40.37451), "40.3745");
        assert_eq!(coordinate(47.0), "47");
        assert_eq!(coordinate(-0.5), "-0.5");
    }

    #[test]
    fn columns_match_the_header_of_acled_files() {
        let Some(path) = warlog_testkit::shared("benchmarks/acled/acled-armenia-azerbaijan.csv") else { return };
        let text = std::fs::read_to_string(path).unwrap();
        assert_eq!(text.lines().next().unwrap(), COLUMNS.join(","));
    }
}
