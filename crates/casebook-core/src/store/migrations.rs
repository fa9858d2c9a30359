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

pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
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
    },
    Migration {
        version: 2,
        // Cases, people, consents, medical liaison, diagnoses, intake, formulation, plan,
        // session notes and drafts (issue 3), with the editable seed vocabularies.
        sql: include_str!("migrations/0002_cases.sql"),
    },
    Migration {
        version: 3,
        // Signatures, addenda, the audit chain and the guards that make signed items final
        // (issue 4).
        sql: include_str!("migrations/0003_record.sql"),
    },
    Migration {
        version: 4,
        // Exports (issue 5): the random case code of de-identified summaries.
        sql: include_str!("migrations/0004_export.sql"),
    },
    Migration {
        version: 5,
        // Backups (issue 10): the folder, how many to keep, the age warning, the last verified.
        sql: include_str!("migrations/0005_backup.sql"),
    },
    Migration {
        version: 6,
        // The case list at scale (issue 13): a covering index for each case's session counts.
        sql: include_str!("migrations/0006_list_index.sql"),
    },
    Migration {
        version: 7,
        // The practice's details for referral letters (issue 11).
        sql: include_str!("migrations/0007_practice.sql"),
    },
    Migration {
        version: 8,
        // Full-text search inside the encrypted store (issue 14): the index, its sources, its
        // triggers, and the first build for an earlier notebook.
        sql: include_str!("migrations/0008_search.sql"),
    },
    Migration {
        version: 9,
        // The date format preference: how the window writes dates, pickers included.
        sql: include_str!("migrations/0009_date_format.sql"),
    },
    Migration {
        version: 10,
        // Unsigned session notes, for what is due and for closing a case (issue 12).
        sql: include_str!("migrations/0010_due.sql"),
    },
    Migration {
        version: 11,
        // Outcome measures (issue 15): administrations, custom measures, goal targets, and the
        // audit trail's and addenda's longer CHECK lists.
        sql: include_str!("migrations/0011_measures.sql"),
    },
];

/// The schema version this build writes.
pub const LATEST_VERSION: u32 = MIGRATIONS.len() as u32;

pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, LATEST_VERSION)
}

/// True when the notebook's schema is older than this build's, so opening it will write.
pub(crate) fn pending(conn: &Connection) -> Result<bool> {
    let current: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok(current < LATEST_VERSION)
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
    use rusqlite::types::Value;

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
        // The search index and its shadow tables are FTS5's own, made by its module.
        for sql in
            schema(&conn).iter().filter(|s| s.starts_with("table ") && !s.starts_with("table search_index"))
        {
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

    /// Every row of every table, by the columns the table had at `version`.
    fn rows_by_table(conn: &Connection, tables: &[(String, Vec<String>)]) -> Vec<Vec<Vec<Value>>> {
        tables
            .iter()
            .map(|(table, cols)| {
                // By every column, not rowid: the search index's shadow tables are WITHOUT ROWID.
                let sql = format!("SELECT {all} FROM {table} ORDER BY {all}", all = cols.join(", "));
                let mut stmt = conn.prepare(&sql).unwrap();
                stmt.query_map([], |r| (0..cols.len()).map(|i| r.get::<_, Value>(i)).collect())
                    .unwrap()
                    .map(|r| r.unwrap())
                    .collect()
            })
            .collect()
    }

    fn tables_and_columns(conn: &Connection) -> Vec<(String, Vec<String>)> {
        let mut stmt =
            conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").unwrap();
        let tables: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
        tables
            .into_iter()
            .map(|t| {
                let mut stmt = conn.prepare(&format!("SELECT name FROM pragma_table_info('{t}')")).unwrap();
                let cols = stmt.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
                (t, cols)
            })
            .collect()
    }

    /// Puts recognisable data in the tables a version-`version` notebook has.
    fn fill(conn: &Connection, version: u32) {
        for v in 1..=version {
            fill_only(conn, v);
        }
    }

    /// The data that version `version` adds, on a notebook filled up to the version before.
    fn fill_only(conn: &Connection, version: u32) {
        if version == 1 {
            conn.execute("UPDATE settings SET therapist_name = 'Dr Fixture', auto_lock_minutes = 17", [])
                .unwrap();
        }
        if version == 2 {
            conn.execute_batch(
                "INSERT INTO person (id, full_name, created_at, updated_at)
                     VALUES (1, 'Fixture Client', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');
                 INSERT INTO case_file (id, client_id, first_contact_on, has_partner, created_at, updated_at)
                     VALUES (1, 1, '2024-01-01', 0, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');
                 INSERT INTO draft (editor_key, body, saved_at) VALUES ('k', 'draft', '2024-01-01T00:00:00Z');
                 INSERT INTO intake (case_id, presenting_problem, completed_at, created_at, updated_at)
                     VALUES (1, 'Fixture problem', '2024-01-02T00:00:00Z', '2024-01-02T00:00:00Z', '2024-01-02T00:00:00Z');
                 INSERT INTO formulation (id, case_id, version, problem_statement, biomedical_status, created_at)
                     VALUES (1, 1, 1, 'Fixture statement', 'ruled_out', '2024-01-03T00:00:00Z');
                 INSERT INTO formulation_factor (formulation_id, position, label, p, domain)
                     VALUES (1, 0, 'Fixture factor', 'protective', 'psychological');
                 INSERT INTO plan (id, case_id, version, formulation_id, review_on, created_at)
                     VALUES (1, 1, 1, 1, '2024-03-01', '2024-01-04T00:00:00Z');
                 INSERT INTO plan_goal (id, plan_id, position, description, measure, target, target_on, status)
                     VALUES (1, 1, 0, 'Fixture goal', 'diary', '4 of 5', '2024-06-01', 'active');
                 INSERT INTO session_note (id, case_id, kind, format, held_on, starts_at, ends_at, modality, subjective,
                                           risk_screen, created_at, updated_at)
                     VALUES (1, 1, 'intake', 'soap', '2024-01-02', '09:00', '10:00', 'in_person', 'Fixture note',
                             'not_screened', '2024-01-02T00:00:00Z', '2024-01-02T00:00:00Z');
                 INSERT INTO session_present (session_id, person_id) VALUES (1, 1);",
            )
            .unwrap();
        }
        if version == 3 {
            conn.execute_batch(
                "UPDATE session_note SET signed_at = '2024-01-02T12:00:00Z', signed_by = 'Dr Fixture' WHERE id = 1;
                 INSERT INTO addendum (case_id, record_kind, record_id, reason, body, written_on, signed_at, signed_by)
                     VALUES (1, 'session_note', 1, 'Fixture reason', 'Fixture addendum', '2024-01-05',
                             '2024-01-05T00:00:00Z', 'Dr Fixture');
                 INSERT INTO audit_entry (seq, at, action, target_table, target_id, case_id, mac)
                     VALUES (1, '2024-01-05T00:00:00Z', 'addendum_added', 'session_note', 1, 1, zeroblob(32));
                 INSERT INTO audit_head (id, seq, seal) VALUES (1, 1, zeroblob(32));",
            )
            .unwrap();
        }
    }

    #[test]
    fn every_earlier_version_with_data_migrates_and_keeps_its_rows() {
        for start in 1..LATEST_VERSION {
            let mut conn = Connection::open_in_memory().unwrap();
            migrate_to(&mut conn, start).unwrap();
            fill(&conn, start);
            let tables = tables_and_columns(&conn);
            let before = rows_by_table(&conn, &tables);
            migrate(&mut conn).unwrap();
            assert_eq!(rows_by_table(&conn, &tables), before, "from version {start}");
        }
    }

    #[test]
    fn every_earlier_version_with_data_is_searchable_after_migrating() {
        // Migration 8 builds the index from what the notebook already holds.
        let words = [
            ("fixture client", "case"),
            ("fixture problem", "intake"),
            ("fixture statement", "formulation"),
            ("fixture factor", "formulation"),
            ("fixture goal", "plan_goal"),
            ("fixture note", "session"),
            ("fixture addendum", "addendum"),
        ];
        for start in 2..LATEST_VERSION {
            let mut conn = Connection::open_in_memory().unwrap();
            migrate_to(&mut conn, start).unwrap();
            fill(&conn, start);
            migrate(&mut conn).unwrap();
            for (phrase, kind) in words {
                if kind == "addendum" && start < 3 {
                    continue;
                }
                let request =
                    crate::search::SearchRequest { text: format!("\"{phrase}\""), ..Default::default() };
                let found = crate::search::search_in(&conn, &request).unwrap();
                assert!(
                    found.hits.iter().any(|h| h.kind.as_str() == kind),
                    "from version {start}: {phrase} in {kind}"
                );
            }
        }
    }

    #[test]
    fn a_version_one_notebook_gains_the_case_tables_and_default_preferences() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 1).unwrap();
        fill(&conn, 1);
        migrate(&mut conn).unwrap();
        let (name, minutes, profile, format): (String, u32, String, String) = conn
            .query_row(
                "SELECT therapist_name, auto_lock_minutes, retention_profile, default_note_format FROM settings",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap();
        assert_eq!((name.as_str(), minutes), ("Dr Fixture", 17));
        assert_eq!((profile.as_str(), format.as_str()), ("south_africa", "soap"));
        let difficulties: i64 = conn.query_row("SELECT count(*) FROM difficulty", [], |r| r.get(0)).unwrap();
        assert_eq!(difficulties, 8);
        fill_only(&conn, 2);
    }

    #[test]
    fn a_version_two_notebook_gains_unsigned_columns_and_guards_for_what_it_signs_next() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 2).unwrap();
        fill(&conn, 2);
        migrate_to(&mut conn, 3).unwrap();
        let unsigned: i64 = conn
            .query_row(
                "SELECT (SELECT count(*) FROM session_note WHERE signed_at IS NULL AND signed_by IS NULL)
                      + (SELECT count(*) FROM formulation WHERE signed_at IS NULL)
                      + (SELECT count(*) FROM plan WHERE signed_at IS NULL)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(unsigned, 3);
        conn.execute("UPDATE session_note SET subjective = 'corrected' WHERE id = 1", []).unwrap();
        fill_only(&conn, 3);
        assert!(conn.execute("UPDATE session_note SET subjective = 'again' WHERE id = 1", []).is_err());
        assert!(conn.execute("DELETE FROM session_present WHERE session_id = 1", []).is_err());
        assert!(conn.execute("DELETE FROM audit_entry", []).is_err());
    }

    #[test]
    fn foreign_keys_hold_in_the_fresh_schema() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        let broken: i64 =
            conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
        assert_eq!(broken, 0);
    }
}
