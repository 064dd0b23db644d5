//! Event filters as people write them — `since=2020-10-01`, `near=Kherson`,
//! `type=shelling`, `bbox=46,32,47,33` — checked and turned into the store's
//! [`EventQuery`]. One place for both front ends: the command line's
//! `--since`, `--near`, ... (`warlog events`, `timeline`, `export`) and the
//! HTTP API's query parameters (`GET /api/events`) build a [`Filter`] and
//! call [`Filter::query`], so the two accept and refuse the same values.
//!
//! ```
//! use warlog_server::filter::Filter;
//! let f = Filter { since: Some("2020-10-01".into()), event_type: Some("shelling".into()), ..Filter::default() };
//! let q = f.query().unwrap();
//! assert_eq!(q.event_type.unwrap().as_str(), "shelling");
//! assert!(Filter { event_type: Some("bombing".into()), ..Filter::default() }.query().is_err());
//! ```

use warlog_model::{Date, EventType, parse_iso_date};
use warlog_store::{BBox, EventQuery, Near};

/// Radius around `near` when `within` is not given, in km.
pub const DEFAULT_WITHIN_KM: f64 = 25.0;

/// A filter as given, not yet checked. Every field set must hold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// Events on or after this day (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Events on or before this day.
    pub until: Option<String>,
    /// Events near this place: a name the gazetteer knows.
    pub near: Option<String>,
    /// Radius for `near`, in km ([`DEFAULT_WITHIN_KM`] when absent).
    pub within: Option<f64>,
    /// `min_lat, min_lon, max_lat, max_lon`.
    pub bbox: Option<Vec<f64>>,
    /// An event type's name (`shelling`, `air_strike`, ...).
    pub event_type: Option<String>,
    /// Actor code or country (`AZE:military`, `AZE`).
    pub actor: Option<String>,
    /// Source code or country, or an outlet.
    pub source: Option<String>,
    /// `Some(true)`: only contested events; `Some(false)`: only uncontested.
    pub contested: Option<bool>,
    /// Words the evidence or the page must contain.
    pub text: Option<String>,
    pub limit: Option<usize>,
    pub offset: usize,
}

/// Why a filter was refused: always the user's to fix.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FilterError {
    #[error("{field}: not a date (expected YYYY-MM-DD): {value:?}")]
    Date { field: &'static str, value: String },
    #[error("since ({since}) is after until ({until})")]
    EmptyRange { since: Date, until: Date },
    #[error("near: no place called {0:?} in the gazetteer")]
    UnknownPlace(String),
    #[error("within: the radius must be a positive number of km, not {0}")]
    Within(f64),
    #[error("within is given without near")]
    WithinWithoutNear,
    #[error("bbox takes min_lat,min_lon,max_lat,max_lon (latitudes -90..90, longitudes -180..180, min_lat <= max_lat)")]
    BBox,
    #[error("type: unknown event type {value:?} (one of {})", EventType::ALL.map(|t| t.as_str()).join(", "))]
    UnknownType { value: String },
}

impl Filter {
    /// The store query this filter asks for, or why it cannot be run.
    pub fn query(&self) -> Result<EventQuery, FilterError> {
        let date = |field: &'static str, v: &Option<String>| {
            v.as_deref()
                .map(|s| parse_iso_date(s).ok_or_else(|| FilterError::Date { field, value: s.to_string() }))
                .transpose()
        };
        let since = date("since", &self.since)?;
        let until = date("until", &self.until)?;
        if let (Some(since), Some(until)) = (since, until)
            && since > until
        {
            return Err(FilterError::EmptyRange { since, until });
        }
        let near = match (&self.near, self.within) {
            (Some(name), within) => {
                let km = within.unwrap_or(DEFAULT_WITHIN_KM);
                if !(km.is_finite() && km > 0.0) {
                    return Err(FilterError::Within(km));
                }
                let place = warlog_pipeline::places()
                    .lookup(name, &[])
                    .ok_or_else(|| FilterError::UnknownPlace(name.clone()))?;
                Some(Near { lat: place.lat, lon: place.lon, km })
            }
            (None, Some(_)) => return Err(FilterError::WithinWithoutNear),
            (None, None) => None,
        };
        let bbox = self.bbox.as_deref().map(bbox).transpose()?;
        let event_type = match &self.event_type {
            Some(t) => Some(EventType::parse(t.trim()).ok_or_else(|| FilterError::UnknownType { value: t.clone() })?),
            None => None,
        };
        let words = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        Ok(EventQuery {
            since,
            until,
            near,
            bbox,
            event_type,
            actor: words(&self.actor),
            source: words(&self.source),
            contested: self.contested,
            text: words(&self.text),
            limit: self.limit,
            offset: self.offset,
        })
    }
}

/// `[min_lat, min_lon, max_lat, max_lon]` to the store's box (west > east is
/// allowed: the box crosses the antimeridian).
fn bbox(v: &[f64]) -> Result<BBox, FilterError> {
    let &[south, west, north, east] = v else { return Err(FilterError::BBox) };
    let lat = |x: f64| (-90.0..=90.0).contains(&x);
    let lon = |x: f64| (-180.0..=180.0).contains(&x);
    if !(lat(south) && lat(north) && lon(west) && lon(east) && south <= north) {
        return Err(FilterError::BBox);
    }
    Ok(BBox::from_wsen([west, south, east, north]))
}

/// Parses `a,b,c,d` (spaces allowed) into numbers for [`Filter::bbox`].
pub fn parse_numbers(s: &str) -> Option<Vec<f64>> {
    s.split(',').map(|x| x.trim().parse::<f64>().ok().filter(|x| x.is_finite())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f() -> Filter {
        Filter::default()
    }

    #[test]
    fn an_empty_filter_asks_for_everything() {
        assert_eq!(f().query().unwrap(), EventQuery::default());
    }

    #[test]
    fn dates_and_their_order_are_checked() {
        let q = Filter { since: Some("2020-10-01".into()), until: Some("2020-10-31".into()), ..f() }.query().unwrap();
        assert_eq!(q.since.unwrap().to_string(), "2020-10-01");
        let bad = Filter { until: Some("31/10/2020".into()), ..f() }.query().unwrap_err();
        assert!(bad.to_string().starts_with("until: not a date"), "{bad}");
        let reversed = Filter { since: Some("2020-11-01".into()), until: Some("2020-10-01".into()), ..f() };
        assert!(matches!(reversed.query(), Err(FilterError::EmptyRange { .. })));
    }

    #[test]
    fn types_are_the_models_names() {
        let q = Filter { event_type: Some("air_strike".into()), ..f() }.query().unwrap();
        assert_eq!(q.event_type, Some(EventType::AirStrike));
        let e = Filter { event_type: Some("airstrike".into()), ..f() }.query().unwrap_err();
        assert!(e.to_string().contains("air_strike"), "the message lists the types: {e}");
    }

    #[test]
    fn boxes_are_lat_lon_and_checked() {
        let q = Filter { bbox: Some(vec![46.0, 32.0, 47.0, 33.0]), ..f() }.query().unwrap();
        assert_eq!(q.bbox, Some(BBox { west: 32.0, south: 46.0, east: 33.0, north: 47.0 }));
        for bad in [vec![46.0, 32.0, 47.0], vec![47.0, 32.0, 46.0, 33.0], vec![95.0, 0.0, 96.0, 1.0]] {
            assert_eq!(Filter { bbox: Some(bad), ..f() }.query(), Err(FilterError::BBox));
        }
        assert_eq!(parse_numbers("46, 32,47,33"), Some(vec![46.0, 32.0, 47.0, 33.0]));
        assert_eq!(parse_numbers("46,x"), None);
        assert_eq!(parse_numbers("46,NaN"), None);
    }

    #[test]
    fn near_needs_a_known_place_and_a_positive_radius() {
        let q = Filter { near: Some("Kherson".into()), within: Some(50.0), ..f() }.query().unwrap();
        let near = q.near.unwrap();
        assert!((near.lat - 46.6).abs() < 0.5 && (near.lon - 32.6).abs() < 0.5, "{near:?}");
        assert_eq!(near.km, 50.0);
        let unknown = Filter { near: Some("Qwxyzzy".into()), ..f() }.query();
        assert!(matches!(unknown, Err(FilterError::UnknownPlace(_))));
        let zero = Filter { near: Some("Kherson".into()), within: Some(0.0), ..f() }.query();
        assert_eq!(zero, Err(FilterError::Within(0.0)));
        assert_eq!(Filter { within: Some(5.0), ..f() }.query(), Err(FilterError::WithinWithoutNear));
    }

    #[test]
    fn blank_words_are_no_filter() {
        let q = Filter { text: Some("  ".into()), actor: Some(" AZE ".into()), ..f() }.query().unwrap();
        assert_eq!(q.text, None);
        assert_eq!(q.actor.as_deref(), Some("AZE"));
    }
}
