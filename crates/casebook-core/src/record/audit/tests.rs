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
    assert_eq!(history[0].summary, "Added Ari Example as client");
    assert_eq!(history[1].summary, "Opened the case of Ari Example");

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
    let case = crate::case::create_case(nb, clock, new_case_input("Canaryname Quill", first, false)).unwrap();
    let mut input = session_input(SessionKind::Intake, f.days_ago(1), vec![case.client.id]);
    input.homework_set = Some("Canarycontent breathing exercise".into());
    let (nb, clock) = f.parts();
    session::record_session(nb, clock, case.id, input).unwrap();
    // The stored trail holds neither the name nor what was written.
    let dump = format!("{:?}", f.dump().into_iter().find(|(t, _)| t == "audit_entry").unwrap());
    assert!(!dump.contains("Canary"));
    // Shown, it names the client (read from the record at that moment), never the content.
    let log = format!("{:?}", audit_log(f.nb(), 0).unwrap());
    assert!(log.contains("Added Canaryname Quill as client"));
    assert!(!log.contains("Canarycontent"));
    let history = format!("{:?}", case_history(f.nb(), case.id).unwrap());
    assert!(!history.contains("Canarycontent"));
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

/// The summaries of a case's history, oldest first.
fn lines(f: &mut Fixture, case: crate::case::CaseId) -> Vec<String> {
    case_history(f.nb(), case).unwrap().into_iter().map(|e| e.summary).collect()
}

/// `want` appear in `got` in this order (other lines may come between).
fn in_order(got: &[String], want: &[&str]) {
    let mut rest = got.iter();
    for w in want {
        assert!(rest.any(|g| g == w), "{w:?} missing or out of order in {got:#?}");
    }
}

fn day(d: chrono::NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

#[test]
fn the_history_names_people_consents_notes_and_versions_as_a_therapist_would() {
    use crate::consent::{self, ConsentInput, ConsentMethod, ConsentTerms, WithdrawConsent};
    use crate::diagnosis::{self, Code, CodeSystem, DiagnosisInput, DiagnosisStatus};
    use crate::medical::{
        self, PractitionerInput, PractitionerKind, ReferralInput, RuleOutInput, RuleOutStatus,
    };
    use crate::record::{AddendumInput, RecordRef, SignInput, add_addendum, sign_record};
    use crate::testing::{formulation_input, person_input, plan_input};

    let mut f = Fixture::new();
    f.set_name("Dr Amara Naidoo");
    let (case, partner) = f.couple();
    let intake_on = day(f.days_ago(50));
    let today = day(f.today());

    // Formulation and plan, each revised once; the first formulation signed.
    let (nb, clock) = f.parts();
    let first = crate::formulation::save_formulation(nb, clock, case.id, formulation_input()).unwrap();
    sign_record(nb, clock, RecordRef::Formulation(first.id), SignInput::default()).unwrap();
    let revised = crate::formulation::FormulationInput {
        revision_reason: Some("New information from the partner session.".into()),
        ..formulation_input()
    };
    crate::formulation::save_formulation(nb, clock, case.id, revised).unwrap();
    let review_on = f.today() + chrono::Duration::days(30);
    let (nb, clock) = f.parts();
    crate::plan::save_plan(nb, clock, case.id, plan_input(review_on)).unwrap();
    let revised =
        crate::plan::PlanInput { revision_reason: Some("Goal narrowed.".into()), ..plan_input(review_on) };
    crate::plan::save_plan(nb, clock, case.id, revised).unwrap();

    // A couples note, corrected, signed and given an addendum.
    let input = session_input(SessionKind::Couples, f.today(), vec![case.client.id, partner.id]);
    let (nb, clock) = f.parts();
    let note = session::record_session(nb, clock, case.id, input.clone()).unwrap();
    session::update_session(nb, clock, note.id, input).unwrap();
    sign_record(nb, clock, RecordRef::SessionNote(note.id), SignInput::default()).unwrap();
    let addendum = AddendumInput { reason: "Wrong time".into(), body: "Began at 10:10.".into() };
    add_addendum(nb, clock, RecordRef::SessionNote(note.id), addendum).unwrap();

    // Medical liaison: a release naming the urologist, the referral, the result.
    let urologist = PractitionerInput {
        kind: PractitionerKind::Urologist,
        name: "Dr Kobus van der Merwe".into(),
        practice: None,
        phone: None,
        email: None,
        address: None,
    };
    let urologist = medical::add_practitioner(nb, clock, urologist).unwrap();
    let release = ConsentInput {
        given_by: case.client.id,
        terms: ConsentTerms::ReleaseOfInformation {
            recipient: urologist.id,
            shared_information: "The reason for referral.".into(),
        },
        given_on: f.today(),
        expires_on: None,
        method: ConsentMethod::Written,
        note: None,
    };
    let (nb, clock) = f.parts();
    consent::record_consent(nb, clock, case.id, release).unwrap();
    let referral = ReferralInput {
        practitioner: urologist.id,
        referred_on: f.today(),
        reason: "Rule out vascular causes.".into(),
        note: None,
    };
    let (nb, clock) = f.parts();
    medical::add_referral(nb, clock, case.id, referral).unwrap();
    let ruled_out = RuleOutInput { status: RuleOutStatus::RuledOut, on_date: f.today(), note: None };
    let (nb, clock) = f.parts();
    medical::set_rule_out_status(nb, clock, case.id, ruled_out).unwrap();
    let diagnosis = DiagnosisInput {
        person: case.client.id,
        catalogue_entry: None,
        name: "Erectile disorder".into(),
        code: Code { system: CodeSystem::Icd10Cm, code: "F52.21".into() },
        status: DiagnosisStatus::Provisional,
        course: None,
        context: None,
        severity: None,
        note: None,
        recorded_on: f.today(),
    };
    let (nb, clock) = f.parts();
    diagnosis::record_diagnosis(nb, clock, case.id, diagnosis).unwrap();
    let process =
        session::ProcessNoteInput { session: None, written_on: f.today(), body: "Felt protective.".into() };
    let (nb, clock) = f.parts();
    session::record_process_note(nb, clock, case.id, process).unwrap();
    crate::person::update_person(nb, clock, partner.id, person_input("Sam Example")).unwrap();

    // The partner-involvement consent withdrawn; a supervision summary exported.
    let involvement = consent::list_consents(nb, clock, case.id)
        .unwrap()
        .into_iter()
        .find(|c| c.terms.kind() == crate::consent::ConsentKind::PartnerInvolvement)
        .unwrap();
    let withdraw = WithdrawConsent { withdrawn_on: f.today(), reason: None };
    let (nb, clock) = f.parts();
    consent::withdraw_consent(nb, clock, involvement.id, withdraw).unwrap();
    log(nb, AuditAction::Exported, Target::case(case.id)).unwrap();

    let got = lines(&mut f, case.id);
    let note_of = format!("the couples session note of {today}");
    in_order(
        &got,
        &[
            "Added Ari Example as client",
            "Opened the case of Ari Example",
            &format!("Added the intake session note of {intake_on}"),
            "Wrote the intake",
            "Signed the intake",
            "Recorded the partner-involvement consent",
            "Added Sam Example as partner",
            "Recorded Sam Example’s own consent as co-client",
            "Wrote the formulation",
            "Signed formulation version 1",
            "Wrote formulation version 2",
            "Wrote the treatment plan",
            "Changed the treatment plan (version 2)",
            &format!("Added {note_of}"),
            &format!("Changed {note_of}"),
            &format!("Signed {note_of}"),
            &format!("Added an addendum to {note_of}"),
            "Recorded the release of information to Dr Kobus van der Merwe (urologist)",
            "Marked medical causes as referred for assessment",
            "Referred to Dr Kobus van der Merwe (urologist)",
            "Marked medical causes as ruled out",
            "Recorded the diagnosis Erectile disorder (F52.21)",
            &format!("Wrote a process note on {today}"),
            "Changed the details of Sam Example (partner)",
            "Recorded the withdrawal of the partner-involvement consent",
            "Exported a de-identified supervision summary",
        ],
    );
    assert!(!got.iter().any(|l| l.contains("10:10") || l.contains("Felt protective")), "{got:#?}");
}

#[test]
fn the_whole_log_names_the_case_and_records_outside_cases() {
    use crate::formulation::{FactorTermInput, save_factor_term};
    use crate::medical::{PractitionerInput, PractitionerKind, add_practitioner};
    use crate::plan::{InterventionEntryInput, Plissit, save_intervention_entry};

    let mut f = Fixture::new();
    f.set_name("Dr Amara Naidoo");
    let case = f.new_case(false);
    let note = f.intake_session(&case);
    let gp = PractitionerInput {
        kind: PractitionerKind::Gp,
        name: "Dr Priya Pillay".into(),
        practice: None,
        phone: None,
        email: None,
        address: None,
    };
    let (nb, clock) = f.parts();
    add_practitioner(nb, clock, gp).unwrap();
    let term = FactorTermInput { label: "Fear of pregnancy".into(), usual_p: None, usual_domain: None };
    save_factor_term(nb, None, term).unwrap();
    let entry = InterventionEntryInput {
        name: "Bibliotherapy".into(),
        plissit: Plissit::LimitedInformation,
        description: None,
    };
    save_intervention_entry(nb, None, entry).unwrap();
    // An entry whose record the notebook does not hold keeps the generic wording.
    log(nb, AuditAction::Signed, Target::in_case(AuditTable::SessionNote, 999_999, case.id)).unwrap();

    let log: Vec<String> =
        audit_log(f.nb(), 0).unwrap().entries.into_iter().rev().map(|e| e.summary).collect();
    in_order(
        &log,
        &[
            "Notebook created",
            "Changed the settings",
            "Added Ari Example as client",
            "Opened the case of Ari Example",
            &format!("Added the intake session note of {} — case of Ari Example", day(note.held_on)),
            "Added Dr Priya Pillay (GP) to your practitioners",
            "Added “Fear of pregnancy” to the factor vocabulary",
            "Added “Bibliotherapy” to the intervention catalogue",
            "Signed session note 999999 — case of Ari Example",
        ],
    );

    // Dates follow the therapist's chosen format.
    let iso =
        crate::Settings { date_format: crate::settings::DateFormat::Iso, ..f.notebook.settings().unwrap() };
    f.notebook.update_settings(iso).unwrap();
    let history = lines(&mut f, case.id);
    let iso_line = format!("Added the intake session note of {}", note.held_on.format("%Y-%m-%d"));
    assert!(history.contains(&iso_line), "{history:#?}");
}

#[test]
fn closings_and_reopenings_say_why() {
    use crate::case::{CloseCase, ClosingReason, ReopenCase, close_case, reopen_case};
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let close = CloseCase {
        closed_on: f.today(),
        reason: ClosingReason::GoalsAchieved,
        reason_note: None,
        discharge_summary: "Goals met.".into(),
        sign_notes: vec![],
    };
    let (nb, clock) = f.parts();
    close_case(nb, clock, case.id, close).unwrap();
    let reopen = ReopenCase { reopened_on: f.today(), reason: "Came back.".into() };
    let (nb, clock) = f.parts();
    reopen_case(nb, clock, case.id, reopen).unwrap();
    let got = lines(&mut f, case.id);
    in_order(
        &got,
        &["Opened the case of Ari Example", "Closed the case (goals achieved)", "Reopened the case"],
    );
}
