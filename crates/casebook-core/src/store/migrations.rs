//! Numbered, append-only schema migrations, embedded in the binary.
//!
//! Each migration runs in one transaction that also sets `user_version`, so a crash leaves the
//! previous version intact. A notebook whose version is newer than this build is refused, never
//! opened. Never edit a migration that has shipped: add the next one. Tables are `STRICT`.

use crate::error::{Error, Result};
use rusqlite::Connection;

pub(crate) struct Migration {
    pub version: u32,
    pub sql: &'static str,
}

pub(crate) const MIGRATIONS: &[Migration] = &[Migration {
    version: 1,
    // The therapist's preferences, one row.
    sql: "
        CREATE TABLE settings (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            therapist_name TEXT NOT NULL DEFAULT '' CHECK (length(therapist_name) <= 120),
            auto_lock_minutes INTEGER NOT NULL DEFAULT 10 CHECK (auto_lock_minutes BETWEEN 1 AND 240)
        ) STRICT;
        INSERT INTO settings (id) VALUES (1);
    ",
}];

/// The schema version this build writes.
pub const LATEST_VERSION: u32 = MIGRATIONS.len() as u32;

pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, LATEST_VERSION)
}

pub(crate) fn migrate_to(conn: &mut Connection, target: u32) -> Result<()> {
    let current: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > LATEST_VERSION {
        return Err(Error::Incompatible(format!(
            "This notebook was written by a newer Casebook (schema {current}; this one reads up to {LATEST_VERSION}). Update Casebook to open it."
        )));
    }
    for migration in MIGRATIONS.iter().filter(|m| m.version > current && m.version <= target) {
        let tx = conn.transaction()?;
        tx.execute_batch(migration.sql)?;
        tx.pragma_update(None, "user_version", migration.version)?;
        tx.commit()?;
        tracing::info!(version = migration.version, "notebook schema migrated");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(conn: &Connection) -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema ORDER BY type, name")
            .unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
    }

    #[test]
    fn versions_are_numbered_from_one_without_gaps() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version as usize, i + 1);
        }
    }

    #[test]
    fn every_earlier_version_reaches_the_same_schema_as_a_fresh_notebook() {
        let mut fresh = Connection::open_in_memory().unwrap();
        migrate(&mut fresh).unwrap();
        assert_eq!(
            fresh.query_row("PRAGMA user_version", [], |r| r.get::<_, u32>(0)).unwrap(),
            LATEST_VERSION
        );
        for start in 0..LATEST_VERSION {
            let mut conn = Connection::open_in_memory().unwrap();
            migrate_to(&mut conn, start).unwrap();
            migrate(&mut conn).unwrap();
            assert_eq!(schema(&conn), schema(&fresh), "from version {start}");
        }
    }

    #[test]
    fn tables_are_strict() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        for sql in schema(&conn).iter().filter(|s| s.starts_with("table ")) {
            assert!(sql.trim_end().ends_with("STRICT"), "{sql}");
        }
    }

    #[test]
    fn a_newer_notebook_is_refused_and_left_alone() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", LATEST_VERSION + 1).unwrap();
        assert!(matches!(migrate(&mut conn), Err(Error::Incompatible(_))));
        assert_eq!(
            conn.query_row("PRAGMA user_version", [], |r| r.get::<_, u32>(0)).unwrap(),
            LATEST_VERSION + 1
        );
        assert!(schema(&conn).is_empty());
    }

    #[test]
    fn a_failing_migration_leaves_the_previous_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        let before = schema(&conn);
        let tx = conn.transaction().unwrap();
        let broken = tx.execute_batch("CREATE TABLE half (x INTEGER) STRICT; THIS IS NOT SQL;");
        assert!(broken.is_err());
        drop(tx); // rolls back
        assert_eq!(schema(&conn), before);
    }
}
