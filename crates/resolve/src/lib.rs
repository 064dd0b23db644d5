//! Merges claims across pages into events, counts independent sources, marks contested events, builds tallies.
