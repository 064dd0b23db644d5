//! Schema migrations: numbered SQL files under `migrations/`, embedded in the
//! binary, applied in order, each in its own write transaction together with
//! `PRAGMA user_version` (so a killed migration leaves the old version).
//! `PRAGMA application_id` marks the file as warlog's, so another program's
//! SQLite file is refused rather than filled with our tables.
//!
//! To change the schema, add `migrations/000N_what.sql` and its line below;
//! never edit a released file (databases in the field already ran it).

use rusqlite::{Connection, TransactionBehavior};

use super::{Failure, R};
use crate::StoreError;

/// Migration `i` brings the schema from version `i` to `i + 1`.
pub(crate) static MIGRATIONS: &[&str] = &[include_str!("../../migrations/0001_initial.sql")];

/// "WLOG" in the SQLite header.
const APPLICATION_ID: i32 = 0x574C_4F47;

fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Brings the database at `conn` to schema version `target`.
pub(crate) fn migrate(conn: &mut Connection, path: &str, target: usize) -> R<()> {
    let found = user_version(conn)?;
    refuse_foreign(conn, path, found)?;
    let supported = MIGRATIONS.len() as i64;
    if found > supported {
        return Err(StoreError::TooNew { path: path.to_string(), found, supported }.into());
    }
    for version in (found as usize + 1)..=target {
        // IMMEDIATE: take the write lock first, then look again, so two
        // processes opening a new file do not both migrate it.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let now = user_version(&tx)?;
        if now >= version as i64 {
            continue;
        }
        let failed = |e: rusqlite::Error| -> Failure {
            StoreError::Migration { path: path.to_string(), from: now, version: version as i64, detail: e.to_string() }
                .into()
        };
        tx.execute_batch(MIGRATIONS[version - 1]).map_err(failed)?;
        tx.pragma_update(None, "user_version", version as i64).map_err(failed)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID).map_err(failed)?;
        tx.commit()?;
    }
    Ok(())
}

/// A file with tables but not our mark belongs to another program.
fn refuse_foreign(conn: &Connection, path: &str, version: i64) -> R<()> {
    let app: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    let ours = app == APPLICATION_ID || (app == 0 && version == 0 && tables == 0);
    if ours { Ok(()) } else { Err(StoreError::NotWarlog { path: path.to_string() }.into()) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EventQuery, Store, StoreError};

    /// A version-1 database as the first release wrote it: the v1 schema
    /// (frozen in migrations/0001) filled by `testdata/v1_fixture.sql`.
    fn make_v1(path: &std::path::Path) {
        let mut conn = Connection::open(path).unwrap();
        migrate(&mut conn, "v1", 1).unwrap();
        conn.execute_batch(include_str!("../../testdata/v1_fixture.sql")).unwrap();
        assert_eq!(user_version(&conn).unwrap(), 1);
    }

    #[test]
    fn a_v1_database_opens_with_the_current_code() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        make_v1(&path);
        let store = Store::open(&path).unwrap();
        let counts = store.counts().unwrap();
        assert_eq!((counts.documents, counts.claims, counts.events, counts.tallies), (1, 1, 1, 1));
        let events = store.events(&EventQuery::default()).unwrap();
        assert_eq!(events.len(), 1);
        let e = &events[0];
        assert_eq!(e.place.as_ref().unwrap().name, "Gəncə");
        assert_eq!(e.claims[0].evidence_text, "Gəncə a été bombardée dimanche");
        assert_eq!(store.search("gence", 5).unwrap().len(), 1);
        assert_eq!(store.resolved_through().unwrap(), 1);
        drop(store);
        let conn = Connection::open(&path).unwrap();
        assert_eq!(user_version(&conn).unwrap(), crate::SCHEMA_VERSION);
    }

    #[test]
    fn a_newer_schema_is_refused_with_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        drop(Store::open(&path).unwrap());
        Connection::open(&path).unwrap().pragma_update(None, "user_version", 99).unwrap();
        let err = Store::open(&path).err().unwrap();
        assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
        assert!(err.to_string().contains(&path.display().to_string()), "{err}");
    }

    #[test]
    fn another_programs_database_and_other_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let theirs = dir.path().join("theirs.db");
        Connection::open(&theirs).unwrap().execute_batch("CREATE TABLE t (x)").unwrap();
        let err = Store::open(&theirs).err().unwrap();
        assert!(matches!(err, StoreError::NotWarlog { .. }), "{err}");

        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "Ceci n'est pas une base de données, mais un texte assez long. ".repeat(40)).unwrap();
        let err = Store::open(&text).err().unwrap();
        assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
        assert!(err.to_string().contains("notes.txt"), "{err}");
    }

    #[test]
    fn a_missing_folder_is_a_clear_error() {
        let err = Store::open(std::path::Path::new("/nonexistent-dir/x/w.db")).err().unwrap();
        assert!(matches!(err, StoreError::CannotOpen { .. }), "{err}");
    }

    #[test]
    fn migrating_twice_is_a_no_op() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, "mem", MIGRATIONS.len()).unwrap();
        migrate(&mut conn, "mem", MIGRATIONS.len()).unwrap();
        assert_eq!(user_version(&conn).unwrap(), MIGRATIONS.len() as i64);
    }
}
