//! Audit trail tests: entries ride in the transaction of their change, carry no content, and
//! the chain catches a deleted, edited or reordered entry; failed unlocks are counted.

use super::*;
use crate::clock::Clock;
use crate::record::{CheckKind, verify_notebook};
use crate::session::{self, SessionKind};
use crate::testing::{Fixture, PASS, new_case_input, session_input};

fn actions(f: &mut Fixture) -> Vec<AuditAction> {
    let log = audit_log(f.nb(), 0).unwrap();
    log.entries.into_iter().rev().map(|e| e.action).collect()
}

fn chain_problem(f: &mut Fixture) -> Option<String> {
    let report = verify_notebook(f.nb());
    let chain = report.checks.iter().find(|c| c.check == CheckKind::AuditChain).unwrap();
    assert_eq!(chain.passed, chain.problems.is_empty());
    chain.problems.first().cloned()
}

/// Removes the append-only guards, as someone with the key and an SQL shell could.
fn unguard(f: &mut Fixture) {
    f.nb()
        .store()
        .conn()
        .execute_batch(
            "DROP TRIGGER guard_audit_entry_update; DROP TRIGGER guard_audit_entry_delete;
             DROP TRIGGER guard_audit_head_delete;",
        )
        .unwrap();
}

#[test]
fn a_change_and_its_entry_are_written_together_or_not_at_all() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let history = case_history(f.nb(), case.id).unwrap();
    let tables: Vec<_> = history.iter().map(|e| (e.action, e.table)).collect();
    assert_eq!(
        tables,
        vec![
            (AuditAction::Created, Some(AuditTable::Person)),
            (AuditAction::Created, Some(AuditTable::CaseFile))
        ]
    );
    assert_eq!(history[1].summary, format!("Created case {}", case.id));

    let note = f.intake_session(&case);
    let last = case_history(f.nb(), case.id).unwrap().pop().unwrap();
    assert_eq!(
        (last.action, last.table, last.record_id),
        (AuditAction::Created, Some(AuditTable::SessionNote), Some(note.id.0))
    );
    assert_eq!(last.at, f.clock.now());

    // When the entry cannot be written, the change is not written either.
    f.nb()
        .store()
        .conn()
        .execute_batch(
            "CREATE TEMP TRIGGER no_audit BEFORE INSERT ON main.audit_entry BEGIN SELECT RAISE(FAIL, 'no'); END;",
        )
        .unwrap();
    let before = f.dump();
    let input = session_input(SessionKind::Individual, f.today(), vec![case.client.id]);
    let (nb, clock) = f.parts();
    assert!(session::record_session(nb, clock, case.id, input.clone()).is_err());
    assert_eq!(f.dump(), before);
    f.nb().store().conn().execute_batch("DROP TRIGGER temp.no_audit;").unwrap();
    let (nb, clock) = f.parts();
    session::record_session(nb, clock, case.id, input).unwrap();
    assert_eq!(chain_problem(&mut f), None);
}

#[test]
fn entries_name_records_never_their_content() {
    let mut f = Fixture::new();
    let first = f.days_ago(5);
    let (nb, clock) = f.parts();
    crate::case::create_case(nb, clock, new_case_input("Canaryname Quill", first, false)).unwrap();
    let dump = format!("{:?}", f.dump().into_iter().find(|(t, _)| t == "audit_entry").unwrap());
    assert!(!dump.contains("Canary"));
    let log = format!("{:?}", audit_log(f.nb(), 0).unwrap());
    assert!(!log.contains("Canary"));
}

#[test]
fn unlocks_failures_and_locks_are_recorded() {
    let mut f = Fixture::new();
    f.notebook.lock();
    for _ in 0..3 {
        assert!(f.notebook.unlock("not the passphrase at all").is_err());
    }
    f.notebook.unlock(PASS).unwrap();
    f.notebook.lock();
    f.notebook.unlock(PASS).unwrap();
    let log = audit_log(f.nb(), 0).unwrap();
    let failed = log.entries.iter().find(|e| e.action == AuditAction::UnlockFailed).unwrap();
    assert_eq!((failed.count, failed.summary.as_str()), (Some(3), "Unlock failed ×3"));
    assert_eq!(
        actions(&mut f),
        vec![
            AuditAction::NotebookCreated,
            AuditAction::Locked,
            AuditAction::UnlockFailed,
            AuditAction::Unlocked,
            AuditAction::Locked,
            AuditAction::Unlocked,
        ]
    );
    assert_eq!(chain_problem(&mut f), None);
}

#[test]
fn the_whole_log_pages_newest_first() {
    let mut f = Fixture::new();
    for _ in 0..60 {
        f.notebook.lock();
        f.notebook.unlock(PASS).unwrap();
    }
    let first = audit_log(f.nb(), 0).unwrap();
    assert_eq!((first.total, first.entries.len()), (121, 100));
    assert_eq!(first.entries[0].seq, 121);
    let second = audit_log(f.nb(), 1).unwrap();
    assert_eq!(second.entries.len(), 21);
    assert_eq!(second.entries.last().unwrap().action, AuditAction::NotebookCreated);
    assert!(audit_log(f.nb(), 9).unwrap().entries.is_empty());
}

/// A notebook with a few entries and its append-only guards removed.
fn tamperable() -> Fixture {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    f.intake_session(&case);
    assert_eq!(chain_problem(&mut f), None);
    unguard(&mut f);
    f
}

#[test]
fn the_chain_catches_a_deleted_entry() {
    let mut f = tamperable();
    f.nb().store().conn().execute("DELETE FROM audit_entry WHERE seq = 2", []).unwrap();
    assert_eq!(chain_problem(&mut f).unwrap(), "Audit entry 2 is missing; the trail continues at entry 3.");
}

#[test]
fn the_chain_catches_an_edited_entry() {
    let mut f = tamperable();
    f.nb()
        .store()
        .conn()
        .execute("UPDATE audit_entry SET at = '2020-01-01T00:00:00Z' WHERE seq = 3", [])
        .unwrap();
    assert_eq!(chain_problem(&mut f).unwrap(), "Audit entry 3 was altered, moved or replaced.");
}

#[test]
fn the_chain_catches_reordered_entries() {
    let mut f = tamperable();
    let conn = f.nb().store().conn();
    conn.execute_batch(
        "UPDATE audit_entry SET seq = 100 WHERE seq = 2;
         UPDATE audit_entry SET seq = 2 WHERE seq = 3;
         UPDATE audit_entry SET seq = 3 WHERE seq = 100;",
    )
    .unwrap();
    assert_eq!(chain_problem(&mut f).unwrap(), "Audit entry 2 was altered, moved or replaced.");
}

#[test]
fn the_seal_catches_entries_cut_from_the_end() {
    let mut f = tamperable();
    let conn = f.nb().store().conn();
    conn.execute("DELETE FROM audit_entry WHERE seq = 4", []).unwrap();
    assert_eq!(
        chain_problem(&mut f).unwrap(),
        "Audit entries after entry 3 were removed (the trail ended at 4)."
    );
    // Pointing the seal at the new last entry needs the key's MAC, which SQL alone cannot make.
    f.nb().store().conn().execute("UPDATE audit_head SET seq = 3", []).unwrap();
    assert_eq!(chain_problem(&mut f).unwrap(), "The seal on the last audit entry was altered.");
}

#[test]
fn the_guards_refuse_edits_of_the_trail() {
    let mut f = Fixture::new();
    let conn = f.nb().store().conn();
    assert!(conn.execute("DELETE FROM audit_entry", []).is_err());
    assert!(conn.execute("UPDATE audit_entry SET action = 'locked'", []).is_err());
    assert!(conn.execute("DELETE FROM audit_head", []).is_err());
    assert_eq!(chain_problem(&mut f), None);
}

#[test]
fn idle_locks_recovery_unlocks_and_key_changes_are_recorded() {
    use crate::clock::ManualClock;
    use crate::notebook::{Notebook, NotebookConfig};
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new(crate::clock::test_start());
    let mut config = NotebookConfig::new(crate::Location::new(dir.path().join("nb")));
    config.vault = crate::vault::VaultConfig::fast_for_tests();
    config.idle_limit_override = Some(chrono::Duration::seconds(3));
    let mut nb = Notebook::new(config, std::sync::Arc::new(clock.clone()));
    let code = nb.create(PASS).unwrap().groups.join("-");
    clock.advance(chrono::Duration::seconds(3));
    assert!(nb.lock_if_idle());
    nb.unlock_with_recovery(&code, "new moon over tidewater").unwrap();
    nb.change_passphrase("new moon over tidewater", PASS).unwrap();
    nb.replace_recovery_code(PASS).unwrap();
    let open = nb.open_mut().unwrap();
    let log: Vec<_> =
        audit_log(open, 0).unwrap().entries.into_iter().rev().map(|e| (e.action, e.table)).collect();
    assert_eq!(
        log,
        vec![
            (AuditAction::NotebookCreated, None),
            (AuditAction::AutoLocked, None),
            (AuditAction::RecoveryUnlocked, None),
            (AuditAction::PassphraseChanged, Some(AuditTable::KeyFile)),
            (AuditAction::RecoveryCodeReplaced, Some(AuditTable::KeyFile)),
        ]
    );
    assert!(verify_notebook(open).passed);
}
