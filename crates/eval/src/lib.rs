//! Scoring against gold sets (GOLD.md) and the shared benchmarks.
//!
//! * [`article`]: main-text extraction scored on the article-extraction
//!   benchmark (4-token shingles, as the benchmark's own evaluation does).
//! * [`gold`]: claims scored against a gold set (../shared/spec/GOLD.md).
//! * [`acled`]: sub-event type, place, fatalities and actors read from
//!   ACLED's own event notes.
//! * [`case2021`]: event classes of the CASE 2021 task 2 snippets.
//! * [`event_location`]: the place of an event, not where it was announced
//!   (Halterman's event-location sentences).
//! * [`geoparsing`]: toponym recognition and resolution on GeoWebNews and
//!   LGL, and the seed pages' places.
//! * [`events`]: claims clustered into events, scored pairwise against a
//!   cluster gold (testdata/events/seed-clusters.json for the seeds).

pub mod acled;
pub mod article;
pub mod case2021;
pub mod event_location;
pub mod events;
pub mod geoparsing;
pub mod gold;
