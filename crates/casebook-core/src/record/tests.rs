//! Signing and addenda: signed is final for the engine and for the database's guards, a late
//! note keeps its reason, addenda are final too and allowed on closed cases.

use super::*;
use crate::case::{self as cases, CloseCase, ClosingReason};
use crate::clock::Clock;
use crate::formulation::{self, FormulationInput};
use crate::intake;
use crate::plan;
use crate::session::{self, SessionKind, SessionView};
use crate::testing::{
    Fixture, field_of, formulation_input, intake_input, phq9_input, plan_input, rule_of, session_input,
};
use crate::workflow::Rule;
use chrono::{Duration, NaiveTime};

const NAME: &str = "Dr Lindiwe Dube";

/// Raw SQL, as any code path could run it, must be stopped by a guard.
fn guarded(f: &mut Fixture, sql: &str) {
    let err = f.nb().store().conn().execute_batch(sql).unwrap_err();
    match &err {
        rusqlite::Error::SqliteFailure(e, _) => {
            assert_eq!(e.extended_code, rusqlite::ffi::SQLITE_CONSTRAINT_TRIGGER, "{sql}")
        }
        other => panic!("{sql}: {other:?}"),
    }
    assert_eq!(rule_of::<()>(Err(err.into())), Rule::RecordFinal.as_str());
}

/// A case with an intake session 50 days ago and an individual session today.
fn case_with_sessions(f: &mut Fixture) -> (CaseId, SessionView, SessionView) {
    let case = f.new_case(false);
    let intake = f.intake_session(&case);
    let input = session_input(SessionKind::Individual, f.today(), vec![case.client.id]);
    let (nb, clock) = f.parts();
    let today = session::record_session(nb, clock, case.id, input).unwrap();
    (case.id, intake, today)
}

fn sign(f: &mut Fixture, record: RecordRef, late_reason: Option<&str>) -> Result<SigningView> {
    let (nb, clock) = f.parts();
    sign_record(nb, clock, record, SignInput { late_reason: late_reason.map(String::from) })
}

#[test]
fn signing_needs_the_therapists_name() {
    let mut f = Fixture::new();
    let (_, _, note) = case_with_sessions(&mut f);
    let before = f.dump();
    let refused = sign(&mut f, RecordRef::SessionNote(note.id), None);
    let Err(crate::Error::Workflow { rule, message }) = refused else { panic!("{refused:?}") };
    assert_eq!(rule, Rule::SignerNameMissing);
    assert_eq!(message, "Set your name in Settings before signing.");
    assert_eq!(f.dump(), before);
}

#[test]
fn a_signed_note_is_final_for_the_engine_and_for_raw_sql() {
    let mut f = Fixture::new();
    f.set_name(NAME);
    let (_, _, note) = case_with_sessions(&mut f);
    let signed = sign(&mut f, RecordRef::SessionNote(note.id), None).unwrap();
    let signature = signed.signature.clone().unwrap();
    assert_eq!(signature.signed_by, NAME);
    assert_eq!(signature.signed_at, f.clock.now());
    assert_eq!(signature.late_reason, None);
    assert!(signed.locked);
    assert!(
        session::list_sessions(f.nb(), signed.case_id).unwrap().iter().any(|s| s.id == note.id && s.signed)
    );

    let before = f.dump();
    let edit = session_input(SessionKind::Individual, f.today(), note.present.clone());
    let (nb, clock) = f.parts();
    assert_eq!(rule_of(session::update_session(nb, clock, note.id, edit)), Rule::NoteSigned.as_str());
    assert_eq!(rule_of(sign(&mut f, RecordRef::SessionNote(note.id), None)), Rule::AlreadySigned.as_str());
    let id = note.id;
    guarded(&mut f, &format!("UPDATE session_note SET plan = 'changed' WHERE id = {id}"));
    guarded(&mut f, &format!("UPDATE session_note SET signed_at = NULL WHERE id = {id}"));
    guarded(&mut f, &format!("DELETE FROM session_note WHERE id = {id}"));
    guarded(&mut f, &format!("DELETE FROM session_present WHERE session_id = {id}"));
    guarded(&mut f, &format!("UPDATE session_present SET person_id = person_id WHERE session_id = {id}"));
    guarded(
        &mut f,
        &format!("INSERT INTO session_intervention (session_id, position, name) VALUES ({id}, 9, 'x')"),
    );
    assert_eq!(f.dump(), before);
    assert_eq!(session::get_session(f.nb(), id).unwrap().signed_at, Some(signature.signed_at));
}

#[test]
fn a_late_note_needs_its_reason_which_is_kept() {
    let mut f = Fixture::new();
    f.set_name(NAME);
    let (_, intake, note) = case_with_sessions(&mut f);
    let late = RecordRef::SessionNote(intake.id);
    let (nb, clock) = f.parts();
    assert!(get_signing(nb, clock, late).unwrap().late_reason_required);
    let before = f.dump();
    assert_eq!(rule_of(sign(&mut f, late, None)), Rule::LateNoteReason.as_str());
    assert_eq!(rule_of(sign(&mut f, late, Some("  "))), Rule::LateNoteReason.as_str());
    assert_eq!(field_of(sign(&mut f, late, Some("a\0b"))), "lateReason");
    assert_eq!(f.dump(), before);
    let signed = sign(&mut f, late, Some("Written up from session notes after leave.")).unwrap();
    let reason = signed.signature.unwrap().late_reason;
    assert_eq!(reason.as_deref(), Some("Written up from session notes after leave."));

    // 24 hours after the end of today's session is the line.
    let ends = local_instant(note.held_on.and_time(NaiveTime::from_hms_opt(10, 50, 0).unwrap()));
    let until = ends + Duration::hours(23) - f.clock.now();
    if until > Duration::zero() {
        f.clock.advance(until);
    }
    let today = RecordRef::SessionNote(note.id);
    let (nb, clock) = f.parts();
    assert!(!get_signing(nb, clock, today).unwrap().late_reason_required);
    f.clock.advance(Duration::hours(2));
    let (nb, clock) = f.parts();
    assert!(get_signing(nb, clock, today).unwrap().late_reason_required);
    assert_eq!(rule_of(sign(&mut f, today, None)), Rule::LateNoteReason.as_str());
}

#[test]
fn addenda_are_signed_final_kept_with_the_original_and_allowed_on_closed_cases() {
    let mut f = Fixture::new();
    f.set_name(NAME);
    let (case_id, _, note) = case_with_sessions(&mut f);
    let record = RecordRef::SessionNote(note.id);
    let addendum = AddendumInput {
        reason: "The homework was misrecorded.".into(),
        body: "Homework set was the breathing exercise, not the diary.".into(),
    };
    let (nb, clock) = f.parts();
    assert_eq!(rule_of(add_addendum(nb, clock, record, addendum.clone())), Rule::AddendumNeedsFinal.as_str());
    sign(&mut f, record, None).unwrap();
    let (nb, clock) = f.parts();
    let empty = AddendumInput { reason: " ".into(), ..addendum.clone() };
    assert_eq!(field_of(add_addendum(nb, clock, record, empty)), "reason");
    let first = add_addendum(nb, clock, record, addendum.clone()).unwrap();
    assert_eq!((first.signed_by.as_str(), first.written_on), (NAME, f.today()));
    assert_eq!(first.record, record);

    let close = CloseCase {
        closed_on: f.today(),
        reason: ClosingReason::GoalsAchieved,
        reason_note: None,
        discharge_summary: "Goals met.".into(),
        sign_notes: Vec::new(),
    };
    f.sign_all_notes(case_id);
    let (nb, clock) = f.parts();
    cases::close_case(nb, clock, case_id, close).unwrap();
    f.advance_days(3);
    let later =
        AddendumInput { reason: "Clarification after closing.".into(), body: "Seen once more.".into() };
    let (nb, clock) = f.parts();
    let second = add_addendum(nb, clock, record, later).unwrap();
    let view = get_signing(nb, clock, record).unwrap();
    assert_eq!(view.addenda, vec![first.clone(), second]);
    assert!(view.signature.is_some());
    let original = session::get_session(nb, note.id).unwrap();
    assert_eq!(original.body, note.body);

    guarded(&mut f, &format!("UPDATE addendum SET body = 'changed' WHERE id = {}", first.id));
    guarded(&mut f, &format!("DELETE FROM addendum WHERE id = {}", first.id));
}

#[test]
fn the_intake_formulation_and_plan_versions_are_signed_too() {
    let mut f = Fixture::new();
    f.set_name(NAME);
    let case = f.new_case(false);
    let (nb, clock) = f.parts();
    intake::record_intake(nb, clock, case.id, intake_input(false)).unwrap();
    let signed = sign(&mut f, RecordRef::Intake(case.id), None).unwrap();
    assert!(signed.locked);
    let (nb, clock) = f.parts();
    let stored = intake::get_intake(nb, case.id).unwrap().unwrap();
    assert!(stored.completed_at.is_some() && stored.signed_at.is_some(), "signing completes the intake");
    assert_eq!(
        rule_of(intake::record_intake(nb, clock, case.id, intake_input(true))),
        Rule::IntakeCompleted.as_str()
    );
    guarded(&mut f, &format!("UPDATE intake SET trauma = 'x' WHERE case_id = {}", case.id));

    let (nb, clock) = f.parts();
    let v1 = formulation::save_formulation(nb, clock, case.id, formulation_input()).unwrap();
    assert_eq!(v1.signed_at, None);
    sign(&mut f, RecordRef::Formulation(v1.id), None).unwrap();
    let (nb, _) = f.parts();
    assert!(formulation::get_formulation(nb, case.id).unwrap().unwrap().signed_at.is_some());
    guarded(&mut f, &format!("UPDATE formulation SET nodal_point = 'x' WHERE id = {}", v1.id));
    guarded(
        &mut f,
        &format!(
            "INSERT INTO formulation_factor (formulation_id, position, label, p, domain) VALUES ({}, 0, 'x', 'protective', 'biological')",
            v1.id
        ),
    );
    // A new version is a new row: the signed one stays as it was.
    let revised =
        FormulationInput { revision_reason: Some("New information.".into()), ..formulation_input() };
    let (nb, clock) = f.parts();
    assert_eq!(formulation::save_formulation(nb, clock, case.id, revised).unwrap().version, 2);

    let p1 = f.plan(case.id);
    sign(&mut f, RecordRef::Plan(p1.id), None).unwrap();
    guarded(&mut f, &format!("DELETE FROM plan_goal WHERE plan_id = {}", p1.id));
    guarded(&mut f, &format!("UPDATE plan SET review_on = '2030-01-01' WHERE id = {}", p1.id));
    guarded(
        &mut f,
        &format!("INSERT INTO plan_agreement (plan_id, person_id) VALUES ({}, {})", p1.id, case.client.id),
    );
    let next = plan_input(f.today() + Duration::days(40));
    let (nb, clock) = f.parts();
    let p2 = plan::save_plan(nb, clock, case.id, next).unwrap();
    assert_eq!((p2.version, p2.signed_at), (2, None));
    let (nb, clock) = f.parts();
    assert!(plan::list_plan_versions(nb, clock, case.id).unwrap()[1].signed_at.is_some());
}

#[test]
fn a_completed_intake_takes_addenda_before_it_is_signed() {
    let mut f = Fixture::new();
    f.set_name(NAME);
    let case = f.new_case(false);
    f.complete_intake(case.id);
    let input =
        AddendumInput { reason: "Omitted at intake.".into(), body: "Takes an SSRI since 2023.".into() };
    let (nb, clock) = f.parts();
    let added = add_addendum(nb, clock, RecordRef::Intake(case.id), input).unwrap();
    assert_eq!(list_addenda(nb, RecordRef::Intake(case.id)).unwrap(), vec![added]);
    assert!(matches!(
        add_addendum(nb, clock, RecordRef::Intake(CaseId(999)), AddendumInput::default()),
        Err(crate::Error::Invalid { .. })
    ));
    let missing = AddendumInput { reason: "r".into(), body: "b".into() };
    assert!(matches!(
        add_addendum(nb, clock, RecordRef::Plan(PlanId(999)), missing),
        Err(crate::Error::NotFound(_))
    ));
}

#[test]
fn record_refs_cross_ipc_as_kind_and_id() {
    let json = serde_json::to_value(RecordRef::SessionNote(SessionId(7))).unwrap();
    assert_eq!(json, serde_json::json!({"kind": "session_note", "id": 7}));
    let back: RecordRef = serde_json::from_value(serde_json::json!({"kind": "intake", "id": 3})).unwrap();
    assert_eq!(back, RecordRef::Intake(CaseId(3)));
}

#[test]
fn a_sound_notebook_verifies_and_a_removed_guard_is_reported() {
    let mut f = Fixture::new();
    f.set_name(NAME);
    let (_, _, note) = case_with_sessions(&mut f);
    sign(&mut f, RecordRef::SessionNote(note.id), None).unwrap();
    let report = verify_notebook(f.nb());
    assert!(report.passed, "{report:#?}");
    let kinds: Vec<_> = report.checks.iter().map(|c| c.check).collect();
    use crate::columns::TextEnum;
    assert_eq!(kinds, CheckKind::ALL);
    assert!(report.audit_entries >= 6);
    assert_eq!(report.advice, None);

    f.nb()
        .store()
        .conn()
        .execute_batch(
            "DROP TRIGGER guard_session_note_update;
             DROP TRIGGER guard_plan_delete;
             CREATE TRIGGER guard_plan_delete BEFORE DELETE ON plan BEGIN SELECT 1; END;
             CREATE TRIGGER sneaky AFTER INSERT ON draft BEGIN SELECT 1; END;",
        )
        .unwrap();
    let report = verify_notebook(f.nb());
    assert!(!report.passed);
    let guards = report.checks.iter().find(|c| c.check == CheckKind::RecordGuards).unwrap();
    assert_eq!(
        guards.problems,
        vec![
            "The guard guard_plan_delete was changed.",
            "The guard guard_session_note_update is missing.",
            "A trigger that Casebook does not make (sneaky) was added.",
        ]
    );
    assert!(report.advice.unwrap().contains("Restore the notebook from a backup"));
    assert!(report.checks.iter().filter(|c| c.check != CheckKind::RecordGuards).all(|c| c.passed));
}

/// The tables whose rows are signed (they have `signed_at`), and every table that belongs to one
/// of them through foreign keys, found from the schema itself: a table added later is covered
/// without being listed here.
fn signable_and_children(f: &mut Fixture) -> (Vec<String>, Vec<(String, String)>) {
    let conn = f.nb().store().conn();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let has_column = |table: &str, column: &str| -> bool {
        conn.prepare(&format!("SELECT 1 FROM pragma_table_info('{table}') WHERE name = '{column}'"))
            .unwrap()
            .exists([])
            .unwrap()
    };
    // The addendum is append-only by its own guards; it is not a child of what it corrects.
    let signable: Vec<String> =
        tables.iter().filter(|t| has_column(t, "signed_at") && *t != "addendum").cloned().collect();
    // (child, the column that points at its parent), grown until no new table belongs.
    let mut children: Vec<(String, String)> = Vec::new();
    loop {
        let owners: Vec<String> = signable.iter().chain(children.iter().map(|(t, _)| t)).cloned().collect();
        let mut grew = false;
        for table in &tables {
            if owners.contains(table) {
                continue;
            }
            let fks: Vec<(String, String)> = conn
                .prepare(&format!("SELECT \"table\", \"from\" FROM pragma_foreign_key_list('{table}')"))
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            if let Some((_, column)) = fks.iter().find(|(parent, _)| owners.contains(parent)) {
                children.push((table.clone(), column.clone()));
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    (signable, children)
}

#[test]
fn every_table_belonging_to_a_signed_record_is_guarded_for_insert_update_and_delete() {
    let mut f = Fixture::new();
    f.set_name(NAME);
    let case = f.new_case(false);
    let intake_note = f.intake_session(&case);
    let (nb, clock) = f.parts();
    intake::record_intake(nb, clock, case.id, intake_input(true)).unwrap();
    // The formulation needs the intake signed.
    sign(&mut f, RecordRef::Intake(case.id), None).unwrap();
    let (nb, clock) = f.parts();
    let factor = formulation::Factor {
        term: None,
        label: "Spectatoring".into(),
        p: formulation::FourP::Perpetuating,
        domain: formulation::FactorDomain::Psychological,
        note: None,
    };
    let input = FormulationInput { factors: vec![factor], ..formulation_input() };
    let formulation = formulation::save_formulation(nb, clock, case.id, input).unwrap();
    let mut input = plan_input(f.today() + Duration::days(30));
    input.interventions = vec![plan::InterventionInput {
        entry: None,
        name: "Sensate focus".into(),
        plissit: Some(plan::Plissit::IntensiveTherapy),
        goals: vec![0],
        homework: None,
    }];
    input.discussed_on = Some(f.today());
    input.agreed_by = vec![case.client.id];
    let (nb, clock) = f.parts();
    let plan = plan::save_plan(nb, clock, case.id, input).unwrap();
    let mut input = session_input(SessionKind::Individual, f.today(), vec![case.client.id]);
    input.goals_addressed = plan.goals.iter().map(|g| g.id).collect();
    input.interventions_used =
        vec![session::SessionIntervention { entry: None, name: "Sensate focus".into() }];
    let (nb, clock) = f.parts();
    let note = session::record_session(nb, clock, case.id, input).unwrap();
    let phq9 = phq9_input(case.client.id, f.today(), 1);
    let (nb, clock) = f.parts();
    let given = crate::measures::record_measure(nb, clock, case.id, phq9).unwrap();
    for record in [
        RecordRef::Measure(given.id),
        RecordRef::SessionNote(intake_note.id),
        RecordRef::SessionNote(note.id),
        RecordRef::Formulation(formulation.id),
        RecordRef::Plan(plan.id),
    ] {
        sign(&mut f, record, Some("Written up after a long day.")).unwrap();
    }

    let (signable, children) = signable_and_children(&mut f);
    assert!(
        ["session_note", "intake", "formulation", "plan", "measure_administration"]
            .iter()
            .all(|t| signable.contains(&t.to_string()))
    );
    // Belongs to a session by its link, but is not part of its record: a process note is the
    // therapist's private working note, never signed, edited freely (DOMAIN.md).
    const NOT_OF_THE_RECORD: &[&str] = &["process_note"];
    for exempt in NOT_OF_THE_RECORD {
        assert!(
            children.iter().any(|(t, _)| t == exempt),
            "{exempt} no longer belongs: drop it from the list"
        );
    }
    let children: Vec<_> =
        children.into_iter().filter(|(t, _)| !NOT_OF_THE_RECORD.contains(&t.as_str())).collect();
    assert!(children.len() >= 8, "{children:?}");
    let before = f.dump();
    for table in &signable {
        guarded(&mut f, &format!("UPDATE {table} SET signed_at = signed_at WHERE signed_at IS NOT NULL"));
        guarded(&mut f, &format!("DELETE FROM {table} WHERE signed_at IS NOT NULL"));
    }
    for (table, column) in &children {
        let rows: i64 = f
            .nb()
            .store()
            .conn()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert!(rows > 0, "the fixture has no row in {table}, so its guards would not be tried");
        let one = format!("(SELECT {column} FROM {table} LIMIT 1)");
        guarded(&mut f, &format!("DELETE FROM {table} WHERE {column} = {one}"));
        guarded(&mut f, &format!("UPDATE {table} SET {column} = {column} WHERE {column} = {one}"));
        guarded(&mut f, &format!("INSERT INTO {table} SELECT * FROM {table} WHERE {column} = {one} LIMIT 1"));
    }
    assert_eq!(f.dump(), before, "every attempt was stopped and changed nothing");
}
