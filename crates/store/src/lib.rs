//! The embedded SQLite store: documents, segments, mentions, claims, events and tallies, with migrations and queries.
