//! Exports of stored events, for the tools analysts already use: ACLED-style
//! CSV ([`acled_csv`]), GeoJSON for GIS ([`geojson`]) and JSON Lines for
//! scripts ([`jsonl`]). Pure: each takes events and writes to any
//! `std::io::Write`, returning how many records it wrote.
//!
//! ```
//! use warlog_export::{acled_csv, geojson, jsonl};
//! let mut csv = Vec::new();
//! assert_eq!(acled_csv(&[], &mut csv).unwrap(), 0);
//! assert!(String::from_utf8(csv).unwrap().starts_with("data_id,iso,event_id_cnty,"));
//! let mut geo = Vec::new();
//! geojson(&[], &mut geo).unwrap();
//! let value: serde_json::Value = serde_json::from_slice(&geo).unwrap();
//! assert_eq!(value["type"], "FeatureCollection");
//! assert_eq!(jsonl(&[], Vec::new()).unwrap(), 0);
//! ```

pub mod acled;
mod geojson;
mod jsonl;

pub use acled::{AcledOptions, acled_csv, acled_csv_with};
pub use geojson::{feature, geojson};
pub use jsonl::jsonl;
