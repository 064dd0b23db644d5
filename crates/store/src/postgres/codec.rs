//! Model values ⇄ PostgreSQL columns, as the SQLite backend stores them:
//! ISO dates as text, places and actors as columns, whole values as JSON
//! text, fingerprints as the bits of a bigint, every integer a bigint.
//! Values that do not decode become [`Failure::Corrupt`] naming what was
//! read.

use std::borrow::Cow;
use std::time::{SystemTime, UNIX_EPOCH};

use postgres::Row;
use warlog_model::{Actor, Date, EventDate, EventType, Place, PlacePrecision, Source, Stance};

use super::{Failure, R};

pub(super) fn now_unix() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

pub(super) fn corrupt(what: &'static str, detail: impl std::fmt::Display) -> Failure {
    Failure::Corrupt(what, detail.to_string())
}

pub(super) fn json<T: serde::de::DeserializeOwned>(what: &'static str, text: &str) -> R<T> {
    serde_json::from_str(text).map_err(|e| corrupt(what, e))
}

pub(super) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("model values serialize to JSON")
}

/// PostgreSQL's text cannot hold NUL: a stray one in a title or a heading
/// becomes U+FFFD rather than failing the batch. (The page's text is bytes,
/// and JSON escapes NUL, so spans and claims are never changed.)
pub(super) fn clean(s: &str) -> Cow<'_, str> {
    if s.contains('\0') { Cow::Owned(s.replace('\0', "\u{FFFD}")) } else { Cow::Borrowed(s) }
}

pub(super) fn clean_opt(s: &Option<String>) -> Option<Cow<'_, str>> {
    s.as_deref().map(clean)
}

pub(super) fn date(what: &'static str, s: Option<String>) -> R<Option<Date>> {
    s.map(|s| warlog_model::parse_iso_date(&s).ok_or_else(|| corrupt(what, format!("not a date: {s:?}")))).transpose()
}

/// `(date_from, date_to, date_precision)`; a month is stored as its days.
pub(super) fn date_cols(d: &EventDate) -> (Option<String>, Option<String>, &'static str) {
    match d.bounds() {
        Some((from, to)) => (Some(from.to_string()), Some(to.to_string()), d.precision().as_str()),
        None => (None, None, d.precision().as_str()),
    }
}

pub(super) fn event_date(precision: &str, from: Option<String>, to: Option<String>) -> R<EventDate> {
    let (from, to) = (date("date", from)?, date("date", to)?);
    let missing = || corrupt("date", format!("{precision} date without its bounds"));
    Ok(match precision {
        "unknown" => EventDate::Unknown,
        "day" => EventDate::Day(from.ok_or_else(missing)?),
        "range" => EventDate::Range { from: from.ok_or_else(missing)?, to: to.ok_or_else(missing)? },
        "month" => {
            let from = from.ok_or_else(missing)?;
            EventDate::Month { year: from.year(), month: from.month() }
        }
        other => return Err(corrupt("date precision", other)),
    })
}

pub(super) fn actor(s: Option<String>) -> R<Option<Actor>> {
    s.map(|s| s.parse::<Actor>().map_err(|e| corrupt("actor", e))).transpose()
}

pub(super) fn source(s: &str) -> R<Source> {
    s.parse::<Source>().map_err(|e| corrupt("source", e))
}

pub(super) fn stance(s: &str) -> R<Stance> {
    Stance::parse(s).ok_or_else(|| corrupt("stance", s))
}

fn event_type(s: &str) -> R<EventType> {
    EventType::parse(s).ok_or_else(|| corrupt("event type", s))
}

/// A non-negative bigint as a count or offset.
pub(super) fn size(row: &Row, at: usize) -> R<usize> {
    let n: i64 = row.try_get(at)?;
    usize::try_from(n).map_err(|_| corrupt("count or offset", n))
}

/// The place columns `place, geonameid, lat, lon, country, place_precision`
/// starting at column `at`.
pub(super) fn place(row: &Row, at: usize) -> R<Option<Place>> {
    let Some(name) = row.try_get::<_, Option<String>>(at)? else { return Ok(None) };
    let geonameid = row
        .try_get::<_, Option<i64>>(at + 1)?
        .map(|g| u32::try_from(g).map_err(|_| corrupt("GeoNames id", g)))
        .transpose()?;
    let precision: Option<String> = row.try_get(at + 5)?;
    let precision = precision.as_deref().unwrap_or("exact");
    Ok(Some(Place {
        name,
        geonameid,
        lat: row.try_get::<_, Option<f64>>(at + 2)?.ok_or_else(|| corrupt("place", "no latitude"))?,
        lon: row.try_get::<_, Option<f64>>(at + 3)?.ok_or_else(|| corrupt("place", "no longitude"))?,
        country: row.try_get(at + 4)?,
        precision: PlacePrecision::parse(precision).ok_or_else(|| corrupt("place precision", precision))?,
    }))
}

/// Columns of an event header, in the order [`Header::read`] expects.
pub(super) const EVENT_COLS: &str = "e.id, e.type, e.date_precision, e.date_from, e.date_to, e.place, e.geonameid, \
     e.lat, e.lon, e.country, e.place_precision, e.actor1, e.actor2, e.sources, e.contested";

/// An event row without its claims.
pub(super) struct Header {
    pub id: i64,
    pub event_type: EventType,
    pub date: EventDate,
    pub place: Option<Place>,
    pub actor1: Option<Actor>,
    pub actor2: Option<Actor>,
    pub sources: usize,
    pub contested: bool,
}

impl Header {
    pub fn read(row: &Row) -> R<Header> {
        Ok(Header {
            id: row.try_get(0)?,
            event_type: event_type(&row.try_get::<_, String>(1)?)?,
            date: event_date(&row.try_get::<_, String>(2)?, row.try_get(3)?, row.try_get(4)?)?,
            place: place(row, 5)?,
            actor1: actor(row.try_get(11)?)?,
            actor2: actor(row.try_get(12)?)?,
            sources: size(row, 13)?,
            contested: row.try_get(14)?,
        })
    }
}

/// The SQL expression for the bytes under a claim's evidence span, given
/// claims as `c` and documents as `d` (the text is stored as UTF-8 bytes).
pub(super) const EVIDENCE_SQL: &str =
    "substring(d.text FROM (c.evidence_start + 1)::integer FOR (c.evidence_end - c.evidence_start)::integer)";

/// Text of the bytes [`EVIDENCE_SQL`] cut.
pub(super) fn evidence_text(bytes: Option<Vec<u8>>) -> String {
    bytes.map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn dates_round_trip_through_columns() {
        for date in [
            EventDate::Day(d(2020, 10, 27)),
            EventDate::Range { from: d(2020, 10, 15), to: d(2020, 10, 16) },
            EventDate::Month { year: 2020, month: 2 },
            EventDate::Unknown,
        ] {
            let (from, to, p) = date_cols(&date);
            assert_eq!(event_date(p, from, to).ok(), Some(date));
        }
    }

    #[test]
    fn nul_becomes_a_replacement_character() {
        assert_eq!(clean("a\0b"), "a\u{FFFD}b");
        assert!(matches!(clean("Gəncə"), Cow::Borrowed(_)));
    }
}
