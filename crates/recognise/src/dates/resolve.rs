//! Turning a [`DateExpr`] into an [`EventDate`].
//!
//! Rules (news reports past events):
//! * a day and month with no year take the year that puts them on or before
//!   the reference date, allowing up to [`AHEAD_DAYS`] after it for
//!   announcements ("les consultations auront lieu le 9 octobre"); with no
//!   reference, the previous date's year; else unknown;
//! * a weekday alone is the most recent such day on or before the reference
//!   (the same day allowed); "dernier"/"last" is strictly before, "prochain"
//!   /"next" strictly after; "mardi 27 octobre": the explicit date wins;
//! * "la veille", "le lendemain", "N jours plus tard" count from the
//!   previous date (its first day going back, its last day going forward),
//!   else from the reference;
//! * "depuis X" runs from X to the reference; a month alone starts on the
//!   1st, "mi-" on the 15th (gold README);
//! * a range's first end takes the month and year of the second ("du 24 au
//!   25 mars") and a weekday first end is the last such day on or before the
//!   second ("nuit de jeudi à vendredi");
//! * a month is `Month` precision, a year alone is unknown: never a guessed day.

use jiff::ToSpan;
use warlog_model::{Date, EventDate};

use super::{DateContext, DateExpr, DateKind, Point, WeekdayRel};

/// How far after the reference a date with no year may fall.
pub const AHEAD_DAYS: i64 = 7;

/// The date `expr` stands for in `ctx`; `EventDate::Unknown` when it
/// cannot be told (never a guess).
pub fn resolve(expr: &DateExpr, ctx: &DateContext) -> EventDate {
    resolve_kind(&expr.kind, ctx).unwrap_or(EventDate::Unknown)
}

fn resolve_kind(kind: &DateKind, ctx: &DateContext) -> Option<EventDate> {
    let reference = ctx.reference_date();
    match *kind {
        DateKind::Day(p) => point(p, ctx, reference).map(EventDate::Day),
        DateKind::Range(a, b) => {
            let to = point(b, ctx, reference)?;
            let from = first_end(a, b, to, ctx)?;
            if from > to {
                return None;
            }
            Some(EventDate::range(from, to))
        }
        DateKind::Since(p) => {
            let r = reference?;
            let from = match p {
                Point::Calendar { day: None, month: Some(_), .. } => month_start(p, ctx, reference)?,
                _ => point(p, ctx, reference)?,
            };
            (from <= r).then(|| EventDate::range(from, r))
        }
        DateKind::Week(k) => {
            let r = reference?;
            let monday = add_days(r, -(i64::from(r.weekday().to_monday_one_offset()) - 1))?;
            let start = add_days(monday, 7 * i64::from(k))?;
            let end = if k == 0 { r } else { add_days(start, 6)? };
            Some(EventDate::range(start, end))
        }
        DateKind::Month { year, month } => {
            let year = match year {
                Some(y) => y,
                None => year_for(month, 1, ctx, reference)?,
            };
            Date::new(year, month, 1).ok()?;
            Some(EventDate::Month { year, month })
        }
        DateKind::MonthFromReference(k) => {
            let r = reference?;
            let first = r.first_of_month().checked_add(i64::from(k).months()).ok()?;
            Some(EventDate::Month { year: first.year(), month: first.month() })
        }
        DateKind::Year(_) => None,
    }
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(n.days()).ok()
}

/// The year for a month and day with none written: the latest that is no
/// more than [`AHEAD_DAYS`] after the reference.
fn year_for(month: i8, day: i8, ctx: &DateContext, reference: Option<Date>) -> Option<i16> {
    let Some(r) = reference else {
        // No reference: the previous date's year, if any.
        return ctx.previous.and_then(|p| p.bounds()).map(|(_, to)| to.year());
    };
    let limit = add_days(r, AHEAD_DAYS)?;
    (r.year() - 1..=r.year() + 1).rev().find(|&y| Date::new(y, month, day.min(28)).is_ok_and(|d| d <= limit)).filter(
        |&y| {
            // A day that does not exist that year (29 February) is no date.
            Date::new(y, month, day).is_ok()
        },
    )
}

fn month_start(p: Point, ctx: &DateContext, reference: Option<Date>) -> Option<Date> {
    let Point::Calendar { year, month: Some(month), .. } = p else { return None };
    let year = match year {
        Some(y) => y,
        None => year_for(month, 1, ctx, reference)?,
    };
    Date::new(year, month, 1).ok()
}

/// The day a point names, seen from `reference`.
fn point(p: Point, ctx: &DateContext, reference: Option<Date>) -> Option<Date> {
    match p {
        Point::Calendar { year, month: Some(month), day: Some(day), .. } => {
            let year = match year {
                Some(y) => y,
                None => year_for(month, day, ctx, reference)?,
            };
            Date::new(year, month, day).ok()
        }
        Point::Calendar { .. } => None,
        Point::Weekday { weekday, rel } => {
            let r = reference?;
            let today = i64::from(r.weekday().to_monday_one_offset());
            let back = (today - i64::from(weekday)).rem_euclid(7);
            match rel {
                WeekdayRel::OnOrBefore => add_days(r, -back),
                WeekdayRel::Last => add_days(r, -(if back == 0 { 7 } else { back })),
                WeekdayRel::Next => {
                    let ahead = (i64::from(weekday) - today).rem_euclid(7);
                    add_days(r, if ahead == 0 { 7 } else { ahead })
                }
            }
        }
        Point::FromReference(n) => add_days(reference?, i64::from(n)),
        Point::FromPrevious(n) => {
            let anchor = match ctx.previous.and_then(|p| p.bounds()) {
                Some((from, to)) => {
                    if n < 0 {
                        from
                    } else {
                        to
                    }
                }
                None => reference?,
            };
            add_days(anchor, i64::from(n))
        }
    }
}

/// The first end of a range whose second end is `to`.
fn first_end(a: Point, b: Point, to: Date, ctx: &DateContext) -> Option<Date> {
    match a {
        Point::Calendar { year, month, day: Some(day), .. } => {
            let (b_year, b_month) = match b {
                Point::Calendar { year: by, month: bm, .. } => (by, bm),
                _ => (None, None),
            };
            let month = month.or(b_month).unwrap_or(to.month());
            let year = year.or(b_year).unwrap_or(to.year());
            let d = Date::new(year, month, day).ok()?;
            if d > to && a_lacks_month(a) {
                // "du 30 au 2 octobre": the first end is in the month before.
                let prev = to.first_of_month().checked_sub(1.month()).ok()?;
                return Date::new(prev.year(), prev.month(), day).ok();
            }
            if d > to && year_missing(a) {
                return Date::new(year - 1, month, day).ok();
            }
            Some(d)
        }
        Point::Weekday { weekday, .. } => {
            let today = i64::from(to.weekday().to_monday_one_offset());
            add_days(to, -(today - i64::from(weekday)).rem_euclid(7))
        }
        other => point(other, ctx, ctx.reference_date()),
    }
}

fn a_lacks_month(p: Point) -> bool {
    matches!(p, Point::Calendar { month: None, .. })
}

fn year_missing(p: Point) -> bool {
    matches!(p, Point::Calendar { year: None, .. })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn ctx(y: i16, m: i8, d: i8) -> DateContext {
        DateContext { published: Some(date(y, m, d)), ..DateContext::default() }
    }

    fn day(kind: DateKind, c: &DateContext) -> EventDate {
        resolve_kind(&kind, c).unwrap_or(EventDate::Unknown)
    }

    fn cal(month: i8, d: i8) -> Point {
        Point::Calendar { year: None, month: Some(month), day: Some(d), weekday: None }
    }

    #[test]
    fn year_is_chosen_backwards_with_a_week_ahead() {
        let c = ctx(2020, 10, 28);
        assert_eq!(day(DateKind::Day(cal(9, 27)), &c), EventDate::Day(date(2020, 9, 27)));
        assert_eq!(day(DateKind::Day(cal(11, 2)), &c), EventDate::Day(date(2020, 11, 2)), "announced");
        assert_eq!(day(DateKind::Day(cal(12, 25)), &c), EventDate::Day(date(2019, 12, 25)));
        let jan = ctx(2021, 1, 3);
        assert_eq!(day(DateKind::Day(cal(12, 30)), &jan), EventDate::Day(date(2020, 12, 30)));
        assert_eq!(day(DateKind::Day(cal(2, 30)), &jan), EventDate::Unknown);
    }

    #[test]
    fn weekdays_look_back() {
        let c = ctx(2020, 10, 28); // a Wednesday
        let wd = |weekday, rel| DateKind::Day(Point::Weekday { weekday, rel });
        assert_eq!(day(wd(3, WeekdayRel::OnOrBefore), &c), EventDate::Day(date(2020, 10, 28)));
        assert_eq!(day(wd(6, WeekdayRel::OnOrBefore), &c), EventDate::Day(date(2020, 10, 24)));
        assert_eq!(day(wd(3, WeekdayRel::Last), &c), EventDate::Day(date(2020, 10, 21)));
        assert_eq!(day(wd(7, WeekdayRel::Last), &c), EventDate::Day(date(2020, 10, 25)));
        assert_eq!(day(wd(1, WeekdayRel::Next), &c), EventDate::Day(date(2020, 11, 2)));
    }

    #[test]
    fn anaphora_follow_the_previous_date() {
        let mut c = ctx(2022, 3, 27);
        c.previous = Some(EventDate::range(date(2022, 3, 24), date(2022, 3, 25)));
        assert_eq!(day(DateKind::Day(Point::FromPrevious(1)), &c), EventDate::Day(date(2022, 3, 26)));
        assert_eq!(day(DateKind::Day(Point::FromPrevious(-1)), &c), EventDate::Day(date(2022, 3, 23)));
        c.previous = None;
        assert_eq!(day(DateKind::Day(Point::FromPrevious(-1)), &c), EventDate::Day(date(2022, 3, 26)));
    }

    #[test]
    fn weeks_months_and_years() {
        let c = ctx(2020, 10, 28);
        assert_eq!(day(DateKind::Week(-1), &c), EventDate::range(date(2020, 10, 19), date(2020, 10, 25)));
        assert_eq!(day(DateKind::Week(0), &c), EventDate::range(date(2020, 10, 26), date(2020, 10, 28)));
        assert_eq!(day(DateKind::MonthFromReference(-1), &c), EventDate::Month { year: 2020, month: 9 });
        assert_eq!(day(DateKind::Month { year: None, month: 12 }, &c), EventDate::Month { year: 2019, month: 12 });
        assert_eq!(day(DateKind::Year(2020), &c), EventDate::Unknown);
    }

    #[test]
    fn nothing_without_a_reference() {
        let c = DateContext::default();
        assert_eq!(day(DateKind::Day(cal(9, 27)), &c), EventDate::Unknown);
        assert_eq!(day(DateKind::Since(cal(9, 27)), &c), EventDate::Unknown);
        let explicit = Point::Calendar { year: Some(2020), month: Some(9), day: Some(27), weekday: None };
        assert_eq!(day(DateKind::Day(explicit), &c), EventDate::Day(date(2020, 9, 27)));
    }
}
