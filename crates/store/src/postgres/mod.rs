//! The PostgreSQL backend (feature `pg`): the same records and semantics as
//! SQLite in a database that several processes — `warlog worker`s on
//! several machines — share. One connection per [`crate::Store`], through
//! the blocking `postgres` client (the [`Backend`] trait is synchronous; the
//! client runs tokio-postgres on a small runtime of its own, so no async
//! leaks out). Schema in `migrations/postgres/` ([`migrate`]).
//!
//! What sharing needs beyond SQLite's guarantees:
//!
//! * **Claim ids in commit order.** A page batch takes a transaction-scoped
//!   advisory lock (`WRITE_LOCK`) before it looks for stored pages and takes
//!   ids, so batches of concurrent writers commit one after the other and
//!   ids grow with commits: the resolver's `claims_after(resolved_through)`
//!   never skips a claim that committed late. The lock is held only while
//!   the batch is written, never while pages are processed.
//! * **One resolver at a time**: [`crate::Store::with_resolver_lock`] holds a
//!   session advisory lock (`RESOLVER_LOCK`) around a resolver pass.
//! * Batches are written with a few statements over arrays (`unnest`), not
//!   one per row: round trips, not the server, bound the write speed.
//!
//! Driver errors become [`StoreError`]s in one place, [`failure`].

mod codec;
mod migrate;
mod query;
mod read;
mod resolve;
mod terms;
mod write;

use std::cell::RefCell;
use std::time::Duration;

use postgres::error::SqlState;
use postgres::{Client, Config, NoTls};
use warlog_model::{Claim, Date, Document, Event, Page, Segment, Tally};

use crate::backend::{Backend, Result};
use crate::url::redacted_url;
use crate::{
    Counts, EventQuery, EventRecord, PageToWrite, Resolution, ResolutionOutcome, SearchHit, StoreError, StoredClaim,
    WriteOutcome,
};

/// How long connecting may take before it is an error.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Advisory locks: warlog's key space ("WLOG"), then one key per lock.
const LOCKS: i32 = 0x574C_4F47;
const WRITE_LOCK: i32 = 1;
const RESOLVER_LOCK: i32 = 2;
const MIGRATE_LOCK: i32 = 3;

/// Inside the backend: a driver error, a store error, or a value that does
/// not decode. [`Failure::into_store`] turns it into the public error.
#[derive(Debug)]
pub(crate) enum Failure {
    Sql(postgres::Error),
    Store(StoreError),
    Corrupt(&'static str, String),
}

impl From<postgres::Error> for Failure {
    fn from(e: postgres::Error) -> Failure {
        Failure::Sql(e)
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Failure {
        Failure::Store(e)
    }
}

pub(crate) type R<T> = std::result::Result<T, Failure>;

impl Failure {
    fn into_store(self, url: &str, op: &'static str) -> StoreError {
        match self {
            Failure::Store(e) => e,
            Failure::Corrupt(what, detail) => StoreError::Corrupt { path: url.to_string(), what, detail },
            Failure::Sql(e) => failure(e, url, op),
        }
    }
}

/// What a driver error says, without the driver's prefixes.
fn detail(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => db.message().to_string(),
        None => match std::error::Error::source(e) {
            Some(source) => format!("{e}: {source}"),
            None => e.to_string(),
        },
    }
}

/// The one table from PostgreSQL's errors to the store's.
fn failure(e: postgres::Error, url: &str, op: &'static str) -> StoreError {
    let url = url.to_string();
    if let Some(code) = e.code() {
        if *code == SqlState::DISK_FULL {
            return StoreError::DiskFull { path: url };
        }
        if *code == SqlState::LOCK_NOT_AVAILABLE {
            return StoreError::Busy { path: url };
        }
        let gone = code.code().starts_with("08")
            || [SqlState::ADMIN_SHUTDOWN, SqlState::CRASH_SHUTDOWN, SqlState::CANNOT_CONNECT_NOW].contains(code);
        if gone {
            return StoreError::CannotConnect { url, detail: detail(&e) };
        }
    } else if e.is_closed() {
        return StoreError::CannotConnect { url, detail: format!("the connection was lost while {op}") };
    }
    StoreError::Database { path: url, op, source: Box::new(e) }
}

pub(crate) struct Postgres {
    /// `&self` methods query too (the client needs `&mut`); never borrowed
    /// across calls.
    client: RefCell<Client>,
    /// The URL without its password, as messages show it.
    url: String,
}

impl Postgres {
    /// Connects and brings the schema up to date.
    pub(crate) fn connect(url: &str) -> Result<Postgres> {
        let shown = redacted_url(url);
        let mut config: Config = url.parse().map_err(|e: postgres::Error| StoreError::CannotConnect {
            url: shown.clone(),
            detail: format!("not a PostgreSQL URL: {}", detail(&e)),
        })?;
        config.application_name("warlog").connect_timeout(CONNECT_TIMEOUT);
        let mut client =
            config.connect(NoTls).map_err(|e| StoreError::CannotConnect { url: shown.clone(), detail: detail(&e) })?;
        migrate::migrate(&mut client, &shown).map_err(|f| f.into_store(&shown, "opening"))?;
        Ok(Postgres { client: RefCell::new(client), url: shown })
    }

    /// Runs `f` on the connection; its failure becomes a [`StoreError`].
    fn with<T>(&self, op: &'static str, f: impl FnOnce(&mut Client) -> R<T>) -> Result<T> {
        f(&mut self.client.borrow_mut()).map_err(|e| e.into_store(&self.url, op))
    }

    fn with_mut<T>(&mut self, op: &'static str, f: impl FnOnce(&mut Client) -> R<T>) -> Result<T> {
        f(self.client.get_mut()).map_err(|e| e.into_store(&self.url, op))
    }
}

impl Backend for Postgres {
    fn location(&self) -> &str {
        &self.url
    }

    fn write_pages(&mut self, pages: &[PageToWrite]) -> Result<Vec<WriteOutcome>> {
        self.with_mut("writing pages", |c| write::write_pages(c, pages))
    }

    fn claims_after(&self, after: i64, limit: usize) -> Result<Vec<StoredClaim>> {
        self.with("reading new claims", |c| resolve::claims_after(c, after, limit))
    }

    fn claims(&self, ids: &[i64]) -> Result<Vec<StoredClaim>> {
        self.with("reading claims", |c| resolve::claims(c, ids))
    }

    fn unresolved_claims(&self) -> Result<Vec<StoredClaim>> {
        self.with("reading unresolved claims", resolve::unresolved_claims)
    }

    fn events_index(&self, overlapping: Option<(Date, Date)>) -> Result<Vec<EventRecord>> {
        self.with("reading the event index", |c| resolve::events_index(c, overlapping))
    }

    fn save_resolution(&mut self, resolution: &Resolution) -> Result<ResolutionOutcome> {
        self.with_mut("saving events", |c| resolve::save_resolution(c, resolution))
    }

    fn resolved_through(&self) -> Result<i64> {
        self.with("reading the resolver's progress", resolve::resolved_through)
    }

    fn events(&self, query: &EventQuery) -> Result<Vec<Event>> {
        self.with("querying events", |c| query::events(c, query))
    }

    fn event(&self, id: i64) -> Result<Option<Event>> {
        self.with("reading an event", |c| query::event(c, id))
    }

    fn tallies(&self, party: Option<&str>) -> Result<Vec<Tally>> {
        self.with("reading tallies", |c| query::tallies(c, party))
    }

    fn search(&self, q: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.with("searching pages", |c| read::search(c, q, limit))
    }

    fn document(&self, doc_id: &str) -> Result<Option<(Document, Vec<Segment>)>> {
        self.with("reading a document", |c| read::document(c, doc_id))
    }

    fn page(&self, doc_id: &str) -> Result<Option<Page>> {
        self.with("reading a page", |c| read::page(c, doc_id))
    }

    fn document_claims(&self, doc_id: &str) -> Result<Vec<(i64, Claim)>> {
        self.with("reading a document's claims", |c| read::document_claims(c, doc_id))
    }

    fn counts(&self) -> Result<Counts> {
        self.with("counting records", query::counts)
    }

    fn lock_resolver(&mut self) -> Result<()> {
        let sql = format!("SELECT pg_advisory_lock({LOCKS}, {RESOLVER_LOCK})");
        self.with_mut("waiting for the resolver lock", |c| Ok(c.batch_execute(&sql)?))
    }

    fn unlock_resolver(&mut self) -> Result<()> {
        let sql = format!("SELECT pg_advisory_unlock({LOCKS}, {RESOLVER_LOCK})");
        self.with_mut("releasing the resolver lock", |c| Ok(c.batch_execute(&sql)?))
    }
}
