//! Exports of events: ACLED-compatible CSV, GeoJSON and JSON Lines.
