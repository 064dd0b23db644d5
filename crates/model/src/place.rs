//! Places resolved to coordinates.

use serde::{Deserialize, Serialize};

/// How precisely a place locates an event (EVENTS.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlacePrecision {
    /// A town or village.
    Exact,
    /// Within a district, or an estimate close to the place.
    Near,
    /// A province or larger area.
    Region,
    Country,
}

impl PlacePrecision {
    pub fn as_str(self) -> &'static str {
        match self {
            PlacePrecision::Exact => "exact",
            PlacePrecision::Near => "near",
            PlacePrecision::Region => "region",
            PlacePrecision::Country => "country",
        }
    }

    pub fn parse(s: &str) -> Option<PlacePrecision> {
        match s {
            "exact" => Some(PlacePrecision::Exact),
            "near" => Some(PlacePrecision::Near),
            "region" => Some(PlacePrecision::Region),
            "country" => Some(PlacePrecision::Country),
            _ => None,
        }
    }
}

/// A resolved place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Preferred name (the gazetteer's, not the text's spelling).
    pub name: String,
    /// GeoNames id; `None` for places from warlog's own supplement.
    pub geonameid: Option<u32>,
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166 alpha-3.
    pub country: Option<String>,
    pub precision: PlacePrecision,
}

impl Place {
    /// Great-circle distance in kilometres (haversine, mean Earth radius).
    pub fn distance_km(&self, other: &Place) -> f64 {
        haversine_km(self.lat, self.lon, other.lat, other.lon)
    }
}

/// Great-circle distance in kilometres between two WGS84 points.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * a.sqrt().asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ganja_to_barda_is_about_76_km() {
        let d = haversine_km(40.6828, 46.3606, 40.3744, 47.1266);
        assert!((70.0..80.0).contains(&d), "{d}");
    }
}
