//! Dates of events, with the precision the text allows (never a guessed day).

use serde::{Deserialize, Serialize};

use crate::Date;

/// How precisely a claim's date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Day,
    Range,
    Month,
    Unknown,
}

impl DatePrecision {
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Range => "range",
            DatePrecision::Month => "month",
            DatePrecision::Unknown => "unknown",
        }
    }
}

/// The date of an event as the text gives it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum EventDate {
    Day(Date),
    /// Inclusive range, `from <= to`.
    Range {
        from: Date,
        to: Date,
    },
    /// A whole month ("en octobre 2020").
    Month {
        year: i16,
        month: i8,
    },
    #[default]
    Unknown,
}

impl EventDate {
    /// A range, collapsed to a day when both ends are equal and ordered.
    pub fn range(a: Date, b: Date) -> EventDate {
        let (from, to) = if a <= b { (a, b) } else { (b, a) };
        if from == to { EventDate::Day(from) } else { EventDate::Range { from, to } }
    }

    pub fn precision(&self) -> DatePrecision {
        match self {
            EventDate::Day(_) => DatePrecision::Day,
            EventDate::Range { .. } => DatePrecision::Range,
            EventDate::Month { .. } => DatePrecision::Month,
            EventDate::Unknown => DatePrecision::Unknown,
        }
    }

    /// First and last day covered, when known.
    pub fn bounds(&self) -> Option<(Date, Date)> {
        match *self {
            EventDate::Day(d) => Some((d, d)),
            EventDate::Range { from, to } => Some((from, to)),
            EventDate::Month { year, month } => {
                let first = Date::new(year, month, 1).ok()?;
                Some((first, first.last_of_month()))
            }
            EventDate::Unknown => None,
        }
    }

    pub fn is_known(&self) -> bool {
        !matches!(self, EventDate::Unknown)
    }

    /// The value form of GOLD.md: `"YYYY-MM-DD"`, `{"from", "to"}`, or null.
    /// A month is written as the range of its days.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            EventDate::Day(d) => serde_json::Value::String(d.to_string()),
            EventDate::Unknown => serde_json::Value::Null,
            other => {
                let (from, to) = other.bounds().expect("range and month have bounds");
                serde_json::json!({"from": from.to_string(), "to": to.to_string()})
            }
        }
    }

    /// Reads the GOLD.md value form (a month cannot be told from a range
    /// there, so it comes back as a range).
    pub fn from_json(value: &serde_json::Value) -> Option<EventDate> {
        match value {
            serde_json::Value::Null => Some(EventDate::Unknown),
            serde_json::Value::String(s) => parse_iso_date(s).map(EventDate::Day),
            serde_json::Value::Object(map) => {
                let from = parse_iso_date(map.get("from")?.as_str()?)?;
                let to = parse_iso_date(map.get("to")?.as_str()?)?;
                Some(EventDate::range(from, to))
            }
            _ => None,
        }
    }
}

/// Parses `YYYY-MM-DD` (and ignores a trailing time, as in `2020-10-28T10:00`).
pub fn parse_iso_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let head = s.get(..10)?;
    head.parse::<Date>().ok()
}

impl Serialize for EventDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for EventDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        EventDate::from_json(&value).ok_or_else(|| serde::de::Error::custom("not a date, range or null"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn json_round_trip() {
        for d in [
            EventDate::Day(date(2020, 10, 27)),
            EventDate::range(date(2020, 10, 15), date(2020, 10, 16)),
            EventDate::Unknown,
        ] {
            let json = d.to_json();
            assert_eq!(EventDate::from_json(&json), Some(d));
        }
    }

    #[test]
    fn range_of_one_day_is_a_day() {
        let d = date(2020, 10, 15);
        assert_eq!(EventDate::range(d, d).precision(), DatePrecision::Day);
    }

    #[test]
    fn month_is_written_as_its_days() {
        let m = EventDate::Month { year: 2020, month: 2 };
        assert_eq!(m.to_json(), serde_json::json!({"from": "2020-02-01", "to": "2020-02-29"}));
        assert_eq!(m.precision(), DatePrecision::Month);
    }

    #[test]
    fn iso_with_time() {
        assert_eq!(parse_iso_date("2020-10-28T09:42:00Z"), Some(date(2020, 10, 28)));
        assert_eq!(parse_iso_date("28/10/2020"), None);
    }
}
