//! The store's errors: each names the database (or the page) and says what to
//! do. Backend errors are mapped to these variants in one place per backend
//! (for SQLite: `sqlite::failure`), so callers never see a driver's types.

/// A backend's own error, kept as the source of [`StoreError::Database`].
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{path}: not a SQLite database (or it is damaged); give --db a warlog database, or a new path to create one"
    )]
    NotADatabase { path: String },

    #[error(
        "{path}: a SQLite database of another program (it has tables but no warlog schema); give --db a new path to create a warlog database"
    )]
    NotWarlog { path: String },

    #[error(
        "{path}: written by a newer warlog (schema version {found}; this build reads up to {supported}); upgrade warlog, or use another --db"
    )]
    TooNew { path: String, found: i64, supported: i64 },

    #[error(
        "{path}: migrating the schema to version {version} failed ({detail}); the database was left unchanged at version {from}"
    )]
    Migration { path: String, from: i64, version: i64, detail: String },

    #[error("{path}: cannot open the database ({detail}); check that its folder exists and is writable")]
    CannotOpen { path: String, detail: String },

    #[error(
        "{path}: the database is locked by another process (another warlog run?); wait for it to finish, or use another --db"
    )]
    Busy { path: String },

    #[error("{path}: the disk is full; free some space and run again (everything committed so far is kept)")]
    DiskFull { path: String },

    #[error("{path}: the database is read-only; check the permissions of the file and its folder")]
    ReadOnly { path: String },

    #[error("page {doc_id} ({origin}) is invalid: {reason}; nothing of its batch was stored")]
    InvalidPage { doc_id: String, origin: String, reason: String },

    #[error("claim {0} is not in the store (events can only hold stored claims)")]
    UnknownClaim(i64),

    #[error("event {0} is not in the store (save it with id None to create it)")]
    UnknownEvent(i64),

    #[error("document {0} is not in the store (tallies must point to a stored document)")]
    UnknownDocument(String),

    #[error("a new event needs at least one claim")]
    EmptyEvent,

    #[error("{path}: a stored {what} cannot be read ({detail}); the database may have been edited by another program")]
    Corrupt { path: String, what: &'static str, detail: String },

    #[error(
        "{url}: cannot connect to PostgreSQL ({detail}); check that the server runs and that the URL's host, port, user and database are right"
    )]
    CannotConnect { url: String, detail: String },

    #[error(
        "{url}: this database cannot hold a warlog store ({reason}); give --db an empty UTF-8 database (createdb -E UTF8 -T template0 NAME) or a warlog one"
    )]
    Unsuitable { url: String, reason: String },

    #[error(
        "{url}: this warlog was built without PostgreSQL support; rebuild it with `--features pg` (cargo install --locked --path crates/cli --features pg), or give --db a SQLite file"
    )]
    NoPostgres { url: String },

    #[error("{url}: not a database URL warlog knows; give --db a postgres://user@host/dbname URL or a SQLite file")]
    UnknownUrl { url: String },

    #[error("{path}: database error while {op}: {source}")]
    Database {
        path: String,
        op: &'static str,
        #[source]
        source: BoxError,
    },
}

impl StoreError {
    /// True when the user can fix it (wrong path, locked file, full disk,
    /// bad input) rather than a bug or damaged data.
    pub fn is_user_error(&self) -> bool {
        !matches!(self, StoreError::Corrupt { .. } | StoreError::Database { .. } | StoreError::Migration { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_path_and_what_to_do() {
        let e = StoreError::TooNew { path: "/tmp/w.db".into(), found: 9, supported: 1 };
        let msg = e.to_string();
        assert!(msg.contains("/tmp/w.db") && msg.contains("upgrade warlog"), "{msg}");
        assert!(e.is_user_error());
    }
}
