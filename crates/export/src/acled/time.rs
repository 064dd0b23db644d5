//! Event dates in ACLED's terms: one day per event, with `time_precision`
//! 1 (the day is known), 2 (a range of about a week or less), 3 (a month,
//! longer, or unknown). As in ACLED's codebook, an event known only to a
//! period is coded to the middle day of it.

use warlog_model::{Date, EventDate};

/// The day ACLED's `event_date` holds, and its `time_precision`.
pub fn acled_day(date: &EventDate) -> (Option<Date>, u8) {
    let Some((from, to)) = date.bounds() else { return (None, 3) };
    if from == to {
        return (Some(from), 1);
    }
    let days = from.until(to).map(|s| s.get_days()).unwrap_or(0).max(0);
    let middle = from.checked_add(jiff::Span::new().days(days / 2)).unwrap_or(from);
    let precision = match date {
        EventDate::Range { .. } if days < 7 => 2,
        _ => 3,
    };
    (Some(middle), precision)
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// The date format of ACLED's CSV files: `9-May-20`.
pub fn acled_date(d: Date) -> String {
    let month = MONTHS[(d.month() - 1) as usize];
    format!("{}-{}-{:02}", d.day(), month, d.year().rem_euclid(100))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        warlog_model::parse_iso_date(s).unwrap()
    }

    #[test]
    fn formats_like_acled() {
        assert_eq!(acled_date(d("2020-05-09")), "9-May-20");
        assert_eq!(acled_date(d("2020-10-27")), "27-Oct-20");
        assert_eq!(acled_date(d("2003-01-01")), "1-Jan-03");
    }

    #[test]
    fn precision_codes() {
        assert_eq!(acled_day(&EventDate::Day(d("2020-10-27"))), (Some(d("2020-10-27")), 1));
        let night = EventDate::range(d("2020-10-15"), d("2020-10-16"));
        assert_eq!(acled_day(&night), (Some(d("2020-10-15")), 2));
        let week = EventDate::range(d("2020-10-12"), d("2020-10-18"));
        assert_eq!(acled_day(&week), (Some(d("2020-10-15")), 2));
        let since = EventDate::range(d("2020-09-27"), d("2020-10-27"));
        assert_eq!(acled_day(&since).1, 3);
        let month = EventDate::Month { year: 2020, month: 10 };
        assert_eq!(acled_day(&month), (Some(d("2020-10-16")), 3));
        assert_eq!(acled_day(&EventDate::Unknown), (None, 3));
    }
}
