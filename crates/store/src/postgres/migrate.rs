//! Schema migrations: numbered SQL files under `migrations/postgres/`,
//! embedded in the binary and applied in order. The table
//! `warlog_migrations` records each version that ran. All pending
//! migrations run in ONE transaction under an advisory lock, so that two
//! workers starting together migrate once, and a failed migration leaves
//! the database as it was (PostgreSQL's DDL is transactional).
//!
//! A database that holds other tables but no `warlog_migrations` belongs to
//! another program and is refused, as is one whose encoding is not UTF-8.
//!
//! To change the schema, add `migrations/postgres/000N_what.sql` and its
//! line below; never edit a released file.

use postgres::{Client, GenericClient};

use super::{LOCKS, MIGRATE_LOCK, R};
use crate::StoreError;

/// Migration `i` brings the schema from version `i` to `i + 1`: (name, SQL).
pub(super) static MIGRATIONS: &[(&str, &str)] =
    &[("0001_initial", include_str!("../../migrations/postgres/0001_initial.sql"))];

const TABLE: &str = "warlog_migrations";

/// Is there a migrations table? Asked of `pg_tables` with the statement's
/// snapshot (not `to_regclass`, whose catalog cache may predate a lock just
/// taken: it would miss the table another process created meanwhile).
fn has_table(client: &mut impl GenericClient) -> R<bool> {
    let sql = "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() \
               AND tablename = $1)";
    Ok(client.query_one(sql, &[&TABLE])?.try_get(0)?)
}

/// The schema version recorded, or `None` when there is no migrations table.
fn version(client: &mut Client) -> R<Option<i64>> {
    if !has_table(client)? {
        return Ok(None);
    }
    let sql = format!("SELECT COALESCE(max(version), 0)::bigint FROM {TABLE}");
    Ok(Some(client.query_one(&sql, &[])?.try_get(0)?))
}

/// Brings the database to the newest schema version.
pub(super) fn migrate(client: &mut Client, url: &str) -> R<()> {
    let unsuitable = |reason: String| StoreError::Unsuitable { url: url.to_string(), reason };
    let encoding: String = client.query_one("SHOW server_encoding", &[])?.try_get(0)?;
    if encoding != "UTF8" {
        return Err(unsuitable(format!("its encoding is {encoding}, warlog stores UTF-8 text")).into());
    }
    let supported = MIGRATIONS.len() as i64;
    let seen = version(client)?;
    if seen == Some(supported) {
        return Ok(());
    }
    let mut tx = client.transaction()?;
    tx.batch_execute(&format!("SELECT pg_advisory_xact_lock({LOCKS}, {MIGRATE_LOCK})"))?;
    // Look again under the lock: another process may have migrated.
    if !has_table(&mut tx)? {
        let tables: i64 = tx
            .query_one("SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()", &[])?
            .try_get(0)?;
        if tables > 0 {
            return Err(unsuitable("it holds another program's tables and no warlog schema".into()).into());
        }
        tx.batch_execute(&format!(
            "CREATE TABLE {TABLE} (version integer PRIMARY KEY, name text NOT NULL, \
             applied_at timestamptz NOT NULL DEFAULT now())"
        ))?;
    }
    let found: i64 =
        tx.query_one(&format!("SELECT COALESCE(max(version), 0)::bigint FROM {TABLE}"), &[])?.try_get(0)?;
    if found > supported {
        return Err(StoreError::TooNew { path: url.to_string(), found, supported }.into());
    }
    for version in found + 1..=supported {
        let (name, sql) = MIGRATIONS[(version - 1) as usize];
        let failed = |e: postgres::Error| StoreError::Migration {
            path: url.to_string(),
            from: found,
            version,
            detail: super::detail(&e),
        };
        tx.batch_execute(sql).map_err(failed)?;
        tx.execute(&format!("INSERT INTO {TABLE} (version, name) VALUES ($1, $2)"), &[&(version as i32), &name])
            .map_err(failed)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_numbered_in_order() {
        for (i, (name, sql)) in super::MIGRATIONS.iter().enumerate() {
            assert!(name.starts_with(&format!("{:04}_", i + 1)), "{name}");
            assert!(sql.contains("CREATE"), "{name}");
        }
    }
}
