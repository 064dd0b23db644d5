//! The operations every storage backend implements. [`crate::Store`] holds
//! one behind a box, so the CLI, the resolver and the server are written once;
//! SQLite is the default backend and PostgreSQL the other (feature `pg`);
//! the same test suite (`tests/suite.rs`) runs against each.
//!
//! Contract: writes are atomic (all of a call or nothing); re-writing a page
//! or a tally already stored changes nothing; claim and event ids only grow.

use warlog_model::{Claim, Date, Document, Event, Page, Segment, Tally};

use crate::{
    Counts, EventQuery, EventRecord, PageToWrite, Resolution, ResolutionOutcome, SearchHit, StoreError, StoredClaim,
    WriteOutcome,
};

pub type Result<T> = std::result::Result<T, StoreError>;

pub trait Backend: Send {
    /// Where the data lives (a path, `:memory:`, a URL without password),
    /// as error messages name it.
    fn location(&self) -> &str;

    /// Stores a batch of pages in one transaction (see [`crate::Store::write_pages`]).
    fn write_pages(&mut self, pages: &[PageToWrite]) -> Result<Vec<WriteOutcome>>;

    /// Claims with an id above `after`, by id, at most `limit`.
    fn claims_after(&self, after: i64, limit: usize) -> Result<Vec<StoredClaim>>;

    /// The claims with these ids (unknown ids are skipped), by id.
    fn claims(&self, ids: &[i64]) -> Result<Vec<StoredClaim>>;

    /// Claims in no event, by id.
    fn unresolved_claims(&self) -> Result<Vec<StoredClaim>>;

    /// Events (all, or those overlapping the inclusive date range, plus the
    /// undated ones), by id, with their claims' references.
    fn events_index(&self, overlapping: Option<(Date, Date)>) -> Result<Vec<EventRecord>>;

    /// [`Backend::events_index`] without the events whose ids are in
    /// `loaded` (a resolver pass that read them before asks for the rest).
    fn events_index_except(
        &self,
        overlapping: Option<(Date, Date)>,
        loaded: &std::collections::HashSet<i64>,
    ) -> Result<Vec<EventRecord>> {
        let mut all = self.events_index(overlapping)?;
        all.retain(|e| e.id.is_none_or(|id| !loaded.contains(&id)));
        Ok(all)
    }

    /// Saves one resolver step in one transaction.
    fn save_resolution(&mut self, resolution: &Resolution) -> Result<ResolutionOutcome>;

    /// The `resolved_through` of the last saved resolution, else 0.
    fn resolved_through(&self) -> Result<i64>;

    fn events(&self, query: &EventQuery) -> Result<Vec<Event>>;

    fn event(&self, id: i64) -> Result<Option<Event>>;

    /// Tallies of one party (`"AZE"`: any AZE party; `"AZE:government"`:
    /// that one) or all, by party then as-of date.
    fn tallies(&self, party: Option<&str>) -> Result<Vec<Tally>>;

    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>>;

    fn document(&self, doc_id: &str) -> Result<Option<(Document, Vec<Segment>)>>;

    /// Everything stored for one document, as it was written.
    fn page(&self, doc_id: &str) -> Result<Option<Page>>;

    /// A document's claims with their ids, in the page's order.
    fn document_claims(&self, doc_id: &str) -> Result<Vec<(i64, Claim)>>;

    fn counts(&self) -> Result<Counts>;

    /// Waits until no other connection to this store holds the resolver
    /// lock, then holds it (see [`crate::Store::with_resolver_lock`]). The
    /// default does nothing: one process writes a SQLite file at a time.
    fn lock_resolver(&mut self) -> Result<()> {
        Ok(())
    }

    /// Releases what [`Backend::lock_resolver`] took.
    fn unlock_resolver(&mut self) -> Result<()> {
        Ok(())
    }
}
