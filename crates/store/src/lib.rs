//! The store: documents, segments, mentions, claims, events and tallies, kept
//! in one embedded SQLite file (WAL; no server) — or, with the `pg` feature,
//! in a PostgreSQL database that several machines share ([`Store::open_url`])
//! — with a versioned schema and the queries the command line, the resolver
//! and the server need.
//!
//! * **Incremental and idempotent.** [`Store::write_pages`] writes a batch in
//!   one transaction; a page whose document id (hash of its raw bytes) is
//!   already stored is skipped. Claim ids only grow: the resolver reads
//!   [`Store::claims_after`] its last [`Store::resolved_through`] and saves
//!   events with [`Store::save_resolution`], again in one transaction, so a
//!   killed run loses at most the batch it was writing.
//! * **Backend-neutral.** No driver type appears in the API; SQL lives in
//!   `sqlite/` and `postgres/` behind the [`Backend`] trait.
//! * **Folded full text.** Pages are indexed on an any_ascii-folded copy, and
//!   queries are folded the same way: "gence" finds "Gəncə".
//!
//! ```
//! use warlog_store::{EventQuery, Store};
//! let mut store = Store::open_in_memory().unwrap();
//! assert_eq!(store.counts().unwrap().documents, 0);
//! assert!(store.events(&EventQuery::default()).unwrap().is_empty());
//! assert!(store.write_pages(&[]).unwrap().is_empty());
//! ```

mod api;
mod backend;
mod check;
mod error;
pub mod fts;
#[cfg(feature = "pg")]
mod postgres;
mod sqlite;
mod url;

use std::path::Path;

use warlog_model::{Claim, Date, Document, Event, Page, Segment, Tally};

pub use api::{
    BBox, ClaimRef, Counts, EventQuery, EventRecord, Near, PageToWrite, Resolution, ResolutionOutcome, SearchHit,
    StoredClaim, WriteOutcome,
};
pub use backend::{Backend, Result};
pub use check::validate;
pub use error::{BoxError, StoreError};
pub use sqlite::SCHEMA_VERSION;
pub use url::{is_url, redacted_url};

/// A warlog database. Open one per thread or process: readers see every
/// committed write, and writers queue (waiting up to 10 s for the lock).
pub struct Store {
    backend: Box<dyn Backend>,
}

impl Store {
    /// Opens (creating if absent) the SQLite database at `path` and brings
    /// its schema up to date; a `path` that is a URL ([`is_url`]) is given to
    /// [`Store::open_url`].
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(url) = path.to_str().filter(|p| is_url(p)) {
            return Store::open_url(url);
        }
        Ok(Store { backend: Box::new(sqlite::Sqlite::open(path)?) })
    }

    /// Connects to the database a URL names and brings its schema up to
    /// date: `postgres://user@host:port/dbname` (or `postgresql://`, with
    /// libpq's parameters such as `?host=/run/postgresql`) when built with
    /// the `pg` feature; otherwise [`StoreError::NoPostgres`].
    pub fn open_url(url: &str) -> Result<Store> {
        Ok(Store { backend: url::open(url)? })
    }

    /// A fresh database in memory (tests, one-shot pipelines).
    pub fn open_in_memory() -> Result<Store> {
        Ok(Store { backend: Box::new(sqlite::Sqlite::open_in_memory()?) })
    }

    /// A store over another backend.
    pub fn with_backend(backend: Box<dyn Backend>) -> Store {
        Store { backend }
    }

    /// The database's path (or `:memory:`).
    pub fn location(&self) -> &str {
        self.backend.location()
    }

    /// Stores pages in ONE transaction and reports each page's outcome, in
    /// order. A page already stored (same document id) is skipped, its claims
    /// not duplicated. On error nothing of the batch is kept (earlier batches
    /// are). Each page is checked with [`validate`] first.
    pub fn write_pages(&mut self, pages: &[PageToWrite]) -> Result<Vec<WriteOutcome>> {
        self.backend.write_pages(pages)
    }

    /// Claims with an id above `after`, by id, at most `limit`: the claims the
    /// resolver has not seen yet when `after` is [`Store::resolved_through`].
    pub fn claims_after(&self, after: i64, limit: usize) -> Result<Vec<StoredClaim>> {
        self.backend.claims_after(after, limit)
    }

    /// The claims with these ids, by id (unknown ids are skipped).
    pub fn claims(&self, ids: &[i64]) -> Result<Vec<StoredClaim>> {
        self.backend.claims(ids)
    }

    /// Claims that belong to no event, by id.
    pub fn unresolved_claims(&self) -> Result<Vec<StoredClaim>> {
        self.backend.unresolved_claims()
    }

    /// Every event (or those overlapping `overlapping`, plus undated ones)
    /// with its claims' references, without text: what the resolver matches
    /// new claims against.
    pub fn events_index(&self, overlapping: Option<(Date, Date)>) -> Result<Vec<EventRecord>> {
        self.backend.events_index(overlapping)
    }

    /// [`Store::events_index`] without the events whose ids are in `loaded`:
    /// what a resolver pass has not read yet (the store reads no claim
    /// references of the others).
    pub fn events_index_except(
        &self,
        overlapping: Option<(Date, Date)>,
        loaded: &std::collections::HashSet<i64>,
    ) -> Result<Vec<EventRecord>> {
        self.backend.events_index_except(overlapping, loaded)
    }

    /// Saves events, tallies and the resolver's progress in one transaction
    /// (rules in [`Resolution`]).
    pub fn save_resolution(&mut self, resolution: &Resolution) -> Result<ResolutionOutcome> {
        self.backend.save_resolution(resolution)
    }

    /// Inserts new events (`id: None`) and updates existing ones, replacing
    /// their claims; returns their ids in order.
    pub fn save_events(&mut self, changes: &[EventRecord]) -> Result<Vec<i64>> {
        let resolution = Resolution { events: changes.to_vec(), ..Resolution::default() };
        Ok(self.save_resolution(&resolution)?.event_ids)
    }

    /// Adds tallies not already stored; returns how many were new.
    pub fn save_tallies(&mut self, tallies: &[Tally]) -> Result<usize> {
        let resolution = Resolution { tallies: tallies.to_vec(), ..Resolution::default() };
        Ok(self.save_resolution(&resolution)?.tallies_added)
    }

    /// The highest claim id the resolver has handled (0 at first).
    pub fn resolved_through(&self) -> Result<i64> {
        self.backend.resolved_through()
    }

    /// Events matching `query`, with their claims (evidence text included),
    /// ordered by date (undated last) then id.
    pub fn events(&self, query: &EventQuery) -> Result<Vec<Event>> {
        self.backend.events(query)
    }

    pub fn event(&self, id: i64) -> Result<Option<Event>> {
        self.backend.event(id)
    }

    /// Tallies, all or of one party (`"AZE"` or `"AZE:government"`), by
    /// party then as-of date.
    pub fn tallies(&self, party: Option<&str>) -> Result<Vec<Tally>> {
        self.backend.tallies(party)
    }

    /// Pages matching a full-text query (see [`fts`]), best first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.backend.search(query, limit)
    }

    /// A document and its segments.
    pub fn document(&self, doc_id: &str) -> Result<Option<(Document, Vec<Segment>)>> {
        self.backend.document(doc_id)
    }

    /// Everything stored for a document: raw bytes, segments, mentions,
    /// claims, diagnostics.
    pub fn page(&self, doc_id: &str) -> Result<Option<Page>> {
        self.backend.page(doc_id)
    }

    /// A document's claims with their ids, in the page's order.
    pub fn document_claims(&self, doc_id: &str) -> Result<Vec<(i64, Claim)>> {
        self.backend.document_claims(doc_id)
    }

    pub fn counts(&self) -> Result<Counts> {
        self.backend.counts()
    }

    /// Runs `f` — a resolver pass: read the new claims, save their events —
    /// while no other process sharing this store runs one, so that two
    /// workers never resolve the same claims against stale events.
    /// PostgreSQL: a session advisory lock; SQLite: `f` runs as is.
    pub fn with_resolver_lock<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&mut Store) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        self.backend.lock_resolver()?;
        let out = f(self);
        let unlocked = self.backend.unlock_resolver();
        let out = out?;
        unlocked?;
        Ok(out)
    }
}
