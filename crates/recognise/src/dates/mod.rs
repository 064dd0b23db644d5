//! Dates in running text, in two steps: [`find_dates`] finds date
//! expressions and says what they are without deciding the day ("mardi 27
//! octobre", "la veille", "dans la nuit de jeudi à vendredi", "since 27
//! September", "(11/10)"); [`resolve`] turns one into an [`EventDate`]
//! against the page's date and the previous date of the narrative.
//!
//! Words come from `data/lexicons/<lang>/dates.tsv`; every language's words
//! are used on every page (a French page quotes an English tweet), except
//! the order of numeric dates, which is the page language's. Times of day
//! ("au soir", "vers 23h30", "at 11pm") are absorbed into the date they
//! qualify and never make a date alone. Words are matched whole, so
//! "market" is never March; "mai", "mars", "May", "March" and month
//! abbreviations are months only with a day, a year or a month prefix
//! ("en mai", "mid-March").
//!
//! ```
//! use jiff::civil::date;
//! use warlog_model::{EventDate, Span};
//! use warlog_recognise::dates::{find_dates, resolve, DateContext};
//! let text = "Mardi 27 octobre au soir, le ministère a publié une carte.";
//! let found = find_dates(text, Span::new(0, text.len()), "fr");
//! assert_eq!(found[0].span.slice(text), "Mardi 27 octobre au soir");
//! let ctx = DateContext { published: Some(date(2020, 10, 28)), ..DateContext::default() };
//! assert_eq!(resolve(&found[0], &ctx), EventDate::Day(date(2020, 10, 27)));
//! ```

mod parse;
mod resolve;
#[cfg(test)]
mod tests;

use serde::Serialize;
use warlog_model::{Date, EventDate, Span};

pub(crate) use parse::find_with;
pub use parse::has_date_cue;
pub use resolve::resolve;

/// A date expression, not yet resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct DateExpr {
    /// The whole expression, with its preposition and time of day
    /// ("depuis le 27 septembre", "dans la matinée du mardi 13 octobre").
    pub span: Span,
    pub kind: DateKind,
}

/// One day, as the text names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Point {
    /// A calendar date with any part missing ("27 octobre", "le 9 novembre
    /// 2020", "mardi 27 octobre" with its weekday; a month alone when it
    /// starts a range: "depuis septembre"). Weekdays are 1 (Monday) to 7.
    Calendar { year: Option<i16>, month: Option<i8>, day: Option<i8>, weekday: Option<i8> },
    /// A weekday alone ("samedi", "on Tuesday", "dimanche dernier", "next Monday").
    Weekday { weekday: i8, rel: WeekdayRel },
    /// Days from the reference date ("hier" = -1, "il y a deux jours" = -2).
    FromReference(i32),
    /// Days from the previous date of the text ("le lendemain" = 1, "la
    /// veille" = -1, "two days later" = 2).
    FromPrevious(i32),
}

/// Which occurrence of a weekday is meant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WeekdayRel {
    /// The most recent on or before the reference (the same day allowed).
    OnOrBefore,
    /// Strictly before the reference ("dimanche dernier", "last Sunday").
    Last,
    /// Strictly after the reference ("lundi prochain", "next Monday").
    Next,
}

/// What a date expression says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateKind {
    /// One day.
    Day(Point),
    /// From one day to another ("du 24 au 25 mars", "dans la nuit de jeudi
    /// à vendredi", "au cours des deux derniers jours", "cette nuit").
    Range(Point, Point),
    /// From a day to the reference date ("depuis le 27 septembre").
    Since(Point),
    /// A calendar week from the reference's (-1 = "la semaine dernière").
    Week(i32),
    /// A month ("en octobre", "in October 2020", "fin octobre").
    Month { year: Option<i16>, month: i8 },
    /// Months from the reference's (-1 = "le mois dernier").
    MonthFromReference(i32),
    /// A year alone ("en 2020"): never an event date.
    Year(i16),
}

/// What a date is resolved against.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DateContext {
    /// The page's publication date.
    pub published: Option<Date>,
    /// The date the text is written from: a live-blog entry's date when
    /// known, else the publication date.
    pub reference: Option<Date>,
    /// The last date resolved before this one in the text.
    pub previous: Option<EventDate>,
}

impl DateContext {
    /// `reference`, else `published`.
    pub fn reference_date(&self) -> Option<Date> {
        self.reference.or(self.published)
    }
}

/// Date expressions in `text[span]`, left to right, not overlapping.
pub fn find_dates(text: &str, span: Span, lang: &str) -> Vec<DateExpr> {
    parse::find(text, span, lang)
}

/// [`find_dates`] over the words of a span already cut with
/// [`crate::phrase::words`] (a caller running several recognisers on one
/// sentence cuts it once).
pub fn find_dates_in(text: &str, words: &[crate::phrase::Word], lang: &str) -> Vec<DateExpr> {
    parse::find_in(text, words, lang)
}
