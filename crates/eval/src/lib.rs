//! Scoring against gold sets (GOLD.md) and the shared benchmarks.
//!
//! * [`article`]: main-text extraction scored on the article-extraction
//!   benchmark (4-token shingles, as the benchmark's own evaluation does).
//! * [`gold`]: claims scored against a gold set (../shared/spec/GOLD.md).
//! * [`geoparsing`]: toponym recognition and resolution on GeoWebNews and
//!   LGL, and the seed pages' places.

pub mod article;
pub mod geoparsing;
pub mod gold;
