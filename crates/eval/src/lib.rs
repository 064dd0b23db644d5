//! Scoring against gold sets (GOLD.md) and the shared benchmarks.
