//! The SQLite backend: one file in WAL mode (readers never block the
//! writer; a killed process loses no committed transaction), synchronous =
//! NORMAL, foreign keys on, 64 KiB pages for new files. Driver errors become
//! [`StoreError`]s in one place, [`failure`], so the rest of the crate never
//! shows a rusqlite type.

mod codec;
mod migrate;
mod query;
mod read;
mod resolve;
mod write;

use std::path::Path;
use std::time::Duration;

use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, ErrorCode};
use warlog_model::{Claim, Date, Document, Event, Page, Segment, Tally};

use crate::backend::{Backend, Result};
use crate::{
    Counts, EventQuery, EventRecord, PageToWrite, Resolution, ResolutionOutcome, SearchHit, StoreError, StoredClaim,
    WriteOutcome,
};

/// The schema version this build writes (the number of migrations).
pub const SCHEMA_VERSION: i64 = migrate::MIGRATIONS.len() as i64;

/// Page size of a new database file, in bytes (SQLite's largest).
const PAGE_SIZE: i64 = 65536;

/// Page cache per connection: a negative `cache_size` is in KiB (16 MiB).
const CACHE_KIB: i64 = -16384;

/// How long a writer waits for another process's write lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Inside the backend: a driver error, a store error, or a value that does
/// not decode. [`Failure::into_store`] turns it into the public error.
#[derive(Debug)]
pub(crate) enum Failure {
    Sql(rusqlite::Error),
    Store(StoreError),
    Corrupt(&'static str, String),
}

impl From<rusqlite::Error> for Failure {
    fn from(e: rusqlite::Error) -> Failure {
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
    fn into_store(self, path: &str, op: &'static str) -> StoreError {
        match self {
            Failure::Store(e) => e,
            Failure::Corrupt(what, detail) => StoreError::Corrupt { path: path.to_string(), what, detail },
            Failure::Sql(e) => failure(e, path, op),
        }
    }
}

/// The one table from SQLite's error codes to the store's errors.
fn failure(e: rusqlite::Error, path: &str, op: &'static str) -> StoreError {
    let path = path.to_string();
    if let rusqlite::Error::SqliteFailure(f, msg) = &e {
        match f.code {
            ErrorCode::NotADatabase => return StoreError::NotADatabase { path },
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => return StoreError::Busy { path },
            ErrorCode::DiskFull => return StoreError::DiskFull { path },
            ErrorCode::ReadOnly => return StoreError::ReadOnly { path },
            ErrorCode::CannotOpen => {
                return StoreError::CannotOpen { path, detail: msg.clone().unwrap_or_else(|| e.to_string()) };
            }
            _ => {}
        }
    }
    StoreError::Database { path, op, source: Box::new(e) }
}

pub(crate) struct Sqlite {
    conn: Connection,
    path: String,
}

impl Sqlite {
    pub(crate) fn open(path: &Path) -> Result<Sqlite> {
        let shown = path.display().to_string();
        let conn = Connection::open(path).map_err(|e| failure(e, &shown, "opening"))?;
        Sqlite::setup(conn, shown, true)
    }

    pub(crate) fn open_in_memory() -> Result<Sqlite> {
        let conn = Connection::open_in_memory().map_err(|e| failure(e, ":memory:", "opening"))?;
        Sqlite::setup(conn, ":memory:".to_string(), false)
    }

    fn setup(mut conn: Connection, path: String, on_disk: bool) -> Result<Sqlite> {
        let run = |conn: &mut Connection| -> R<()> {
            conn.busy_timeout(BUSY_TIMEOUT)?;
            // The first read tells a SQLite file from anything else.
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
            if on_disk {
                // A new file gets large pages: a stored raw page (100-500 KB
                // of HTML) then spans a few database pages instead of dozens,
                // which halves the cost of writing it (`warlog bench`). A file
                // that exists keeps its page size (the pragma does nothing).
                conn.pragma_update(None, "page_size", PAGE_SIZE)?;
                conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))?;
            }
            // Enough cache for a batch's pages and the indexes it touches.
            conn.pragma_update(None, "cache_size", CACHE_KIB)?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            conn.pragma_update(None, "foreign_keys", "ON")?;
            register_functions(conn)?;
            migrate::migrate(conn, &path, migrate::MIGRATIONS.len())
        };
        run(&mut conn).map_err(|f| f.into_store(&path, "opening"))?;
        Ok(Sqlite { conn, path })
    }

    fn ctx<T>(&self, op: &'static str, r: R<T>) -> Result<T> {
        r.map_err(|f| f.into_store(&self.path, op))
    }
}

/// `warlog_km(lat1, lon1, lat2, lon2)`: great-circle distance, NULL when a
/// coordinate is.
fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("warlog_km", 4, flags, |ctx| {
        let arg = |i| ctx.get::<Option<f64>>(i);
        Ok(match (arg(0)?, arg(1)?, arg(2)?, arg(3)?) {
            (Some(a), Some(b), Some(c), Some(d)) => Some(warlog_model::haversine_km(a, b, c, d)),
            _ => None,
        })
    })
}

impl Backend for Sqlite {
    fn location(&self) -> &str {
        &self.path
    }

    fn write_pages(&mut self, pages: &[PageToWrite]) -> Result<Vec<WriteOutcome>> {
        let r = write::write_pages(&mut self.conn, pages);
        self.ctx("writing pages", r)
    }

    fn claims_after(&self, after: i64, limit: usize) -> Result<Vec<StoredClaim>> {
        self.ctx("reading new claims", resolve::claims_after(&self.conn, after, limit))
    }

    fn claims(&self, ids: &[i64]) -> Result<Vec<StoredClaim>> {
        self.ctx("reading claims", resolve::claims(&self.conn, ids))
    }

    fn unresolved_claims(&self) -> Result<Vec<StoredClaim>> {
        self.ctx("reading unresolved claims", resolve::unresolved_claims(&self.conn))
    }

    fn events_index(&self, overlapping: Option<(Date, Date)>) -> Result<Vec<EventRecord>> {
        self.ctx("reading the event index", resolve::events_index(&self.conn, overlapping, None))
    }

    fn events_index_except(
        &self,
        overlapping: Option<(Date, Date)>,
        loaded: &std::collections::HashSet<i64>,
    ) -> Result<Vec<EventRecord>> {
        self.ctx("reading the event index", resolve::events_index(&self.conn, overlapping, Some(loaded)))
    }

    fn save_resolution(&mut self, resolution: &Resolution) -> Result<ResolutionOutcome> {
        let r = resolve::save_resolution(&mut self.conn, resolution);
        self.ctx("saving events", r)
    }

    fn resolved_through(&self) -> Result<i64> {
        self.ctx("reading the resolver's progress", resolve::resolved_through(&self.conn))
    }

    fn events(&self, query: &EventQuery) -> Result<Vec<Event>> {
        self.ctx("querying events", query::events(&self.conn, query))
    }

    fn event(&self, id: i64) -> Result<Option<Event>> {
        self.ctx("reading an event", query::event(&self.conn, id))
    }

    fn tallies(&self, party: Option<&str>) -> Result<Vec<Tally>> {
        self.ctx("reading tallies", query::tallies(&self.conn, party))
    }

    fn search(&self, q: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.ctx("searching pages", read::search(&self.conn, q, limit))
    }

    fn document(&self, doc_id: &str) -> Result<Option<(Document, Vec<Segment>)>> {
        self.ctx("reading a document", read::document(&self.conn, doc_id))
    }

    fn page(&self, doc_id: &str) -> Result<Option<Page>> {
        self.ctx("reading a page", read::page(&self.conn, doc_id))
    }

    fn document_claims(&self, doc_id: &str) -> Result<Vec<(i64, Claim)>> {
        self.ctx("reading a document's claims", read::document_claims(&self.conn, doc_id))
    }

    fn counts(&self) -> Result<Counts> {
        self.ctx("counting records", query::counts(&self.conn))
    }
}
