//! Summaries and letters built from a real notebook: the options, the case code, process notes,
//! de-identified versus identified Markdown, the preview's fingerprint, the audit entry, and the
//! referral letter's consent rule.

use super::*;
use crate::columns::TextEnum;
use crate::consent::{ConsentInput, ConsentMethod, ConsentTerms, WithdrawConsent};
use crate::medical::{PractitionerInput, PractitionerKind, ReferralInput};
use crate::session::{ProcessNoteInput, SessionKind};
use crate::testing::{Fixture, rule_of, session_input};
use std::cell::Cell;
use std::path::PathBuf;

/// A PDF renderer that writes a marker, so the core's export can be tested without the PDF crate.
#[derive(Default)]
struct FakePdf {
    calls: Cell<u32>,
}

impl PdfRenderer for FakePdf {
    fn summary_pdf(&self, summary: &SupervisionSummary, _: PaperSize) -> Result<Vec<u8>> {
        self.calls.set(self.calls.get() + 1);
        Ok(format!("%PDF summary {}", summary.case_code).into_bytes())
    }
    fn letter_pdf(&self, letter: &ReferralLetter, _: PaperSize) -> Result<Vec<u8>> {
        Ok(format!("%PDF letter to {}", letter.to_role).into_bytes())
    }
}

/// A couple at plan stage whose notes name the client ("Ari Example"), the partner ("Sam
/// Example"), a GP and a date; a GP referral with the client's release consent.
fn case_with_names(f: &mut Fixture) -> (CaseId, crate::medical::ReferralId, crate::consent::ConsentId) {
    let (case, _partner) = f.couple();
    f.formulation(case.id);
    f.plan(case.id);
    let on = f.days_ago(5);
    let mut note = session_input(SessionKind::Individual, on, vec![case.client.id]);
    note.body = crate::session::NoteBody::Dap {
        data: Some("Ari's worry eased; EXAMPLE, Ari saw Dr Quill on 3 March 2025. Call 082 555 0143.".into()),
        assessment: None,
        plan: Some("Sam Example to join next time.".into()),
    };
    let (nb, clock) = f.parts();
    session::record_session(nb, clock, case.id, note).unwrap();
    let gp = PractitionerInput {
        kind: PractitionerKind::Gp,
        name: "Dr Avril Quill".into(),
        practice: Some("Harbourside Family Practice".into()),
        phone: None,
        email: None,
        address: Some("4 Wharf Road, Harbourside".into()),
    };
    let gp = crate::medical::add_practitioner(nb, clock, gp).unwrap();
    let release = ConsentInput {
        given_by: case.client.id,
        terms: ConsentTerms::ReleaseOfInformation {
            recipient: gp.id,
            shared_information: "Presenting problem, relevant history and the question.".into(),
        },
        given_on: crate::columns::today(clock) - chrono::Duration::days(4),
        expires_on: None,
        method: ConsentMethod::Written,
        note: None,
    };
    let consent = crate::consent::record_consent(nb, clock, case.id, release).unwrap();
    let referral = ReferralInput {
        practitioner: gp.id,
        referred_on: crate::columns::today(clock) - chrono::Duration::days(3),
        reason: "Please rule out vascular causes for Ari.".into(),
        note: None,
    };
    let referral = crate::medical::add_referral(nb, clock, case.id, referral).unwrap();
    (case.id, referral.id, consent.id)
}

use crate::session;

fn options(identification: Identification) -> SummaryOptions {
    SummaryOptions {
        identification,
        full_notes: true,
        ..SummaryOptions::new("How do I keep Ari engaged while Sam is ambivalent?")
    }
}

#[test]
fn every_section_comes_in_the_domain_order() {
    let mut f = Fixture::new();
    let (case, ..) = case_with_names(&mut f);
    let mut opts = options(Identification::DeIdentified);
    opts.sections = vec![SummarySection::Feedback, SummarySection::Context, SummarySection::Plan];
    let (nb, clock) = f.parts();
    let summary = supervision_summary(nb, clock, case, &opts).unwrap();
    let kinds: Vec<SummarySection> = summary.sections.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [SummarySection::Question, SummarySection::Context, SummarySection::Plan, SummarySection::Feedback]
    );
    opts.sections = SummarySection::ALL.to_vec();
    let all = supervision_summary(nb, clock, case, &opts).unwrap();
    assert_eq!(all.sections.iter().map(|s| s.kind).collect::<Vec<_>>(), SummarySection::ALL);
}

#[test]
fn the_question_and_a_section_are_required() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let (nb, clock) = f.parts();
    let mut opts = options(Identification::DeIdentified);
    opts.question = "  ".into();
    assert_eq!(crate::testing::field_of(supervision_summary(nb, clock, case.id, &opts)), "question");
    opts.question = "Q?".into();
    opts.sections = vec![SummarySection::Question];
    assert_eq!(crate::testing::field_of(supervision_summary(nb, clock, case.id, &opts)), "sections");
    opts.sections = vec![SummarySection::Context];
    opts.extra_redactions = vec!["x".into()];
    assert_eq!(crate::testing::field_of(supervision_summary(nb, clock, case.id, &opts)), "extraRedactions.0");
}

#[test]
fn the_case_code_is_random_stored_and_the_same_every_time() {
    let mut f = Fixture::new();
    let one = f.new_case(false).id;
    let (nb, clock) = f.parts();
    let opts = options(Identification::DeIdentified);
    let first = supervision_summary(nb, clock, one, &opts).unwrap().case_code;
    assert_eq!(supervision_summary(nb, clock, one, &opts).unwrap().case_code, first);
    let two = crate::case::create_case(
        nb,
        clock,
        crate::testing::new_case_input("Bo Other", crate::columns::today(clock), false),
    )
    .unwrap()
    .id;
    let second = supervision_summary(nb, clock, two, &opts).unwrap().case_code;
    assert_ne!(first, second);
    let stored: String = nb
        .store()
        .conn()
        .query_row("SELECT code FROM case_code WHERE case_id = ?1", [one], |r| r.get(0))
        .unwrap();
    assert_eq!(stored, first);
}

#[test]
fn de_identified_markdown_names_nobody_and_identified_markdown_does() {
    let mut f = Fixture::new();
    let (case, ..) = case_with_names(&mut f);
    let (nb, clock) = f.parts();
    let summary = supervision_summary(nb, clock, case, &options(Identification::DeIdentified)).unwrap();
    let md = render_markdown(&summary);
    for canary in
        ["Ari", "ARI", "Example", "EXAMPLE", "Sam", "Quill", "Harbourside", "082 555", "3 March", "Wharf"]
    {
        assert!(!md.contains(canary), "{canary} leaked into:\n{md}");
    }
    assert!(md.contains("Client's worry eased"), "{md}");
    assert!(md.contains("\\[phone\\]") && md.contains("\\[date in 2025\\]"), "{md}");
    assert!(summary.redactions.iter().any(|r| r.original == "Ari" && r.replacement == "Client"));
    let identified = supervision_summary(nb, clock, case, &options(Identification::Identified)).unwrap();
    assert!(identified.redactions.is_empty());
    let md = render_markdown(&identified);
    for canary in ["Ari Example", "Sam Example", "Dr Quill", "082 555 0143", "IDENTIFIED"] {
        assert!(md.contains(canary), "{canary} missing from:\n{md}");
    }
}

#[test]
fn process_notes_stay_out_unless_included() {
    let mut f = Fixture::new();
    let (case, ..) = case_with_names(&mut f);
    let (nb, clock) = f.parts();
    let note = ProcessNoteInput {
        session: None,
        written_on: crate::columns::today(clock),
        body: "I felt protective: canaryprocess.".into(),
    };
    session::record_process_note(nb, clock, case, note).unwrap();
    let mut opts = options(Identification::DeIdentified);
    assert!(
        !render_markdown(&supervision_summary(nb, clock, case, &opts).unwrap()).contains("canaryprocess")
    );
    opts.include_process_notes = true;
    assert!(render_markdown(&supervision_summary(nb, clock, case, &opts).unwrap()).contains("canaryprocess"));
}

#[test]
fn extra_and_undone_redactions_change_only_what_was_chosen() {
    let mut f = Fixture::new();
    let (case, ..) = case_with_names(&mut f);
    let (nb, clock) = f.parts();
    let mut opts = options(Identification::DeIdentified);
    opts.extra_redactions = vec!["worry".into()];
    let summary = supervision_summary(nb, clock, case, &opts).unwrap();
    assert!(!render_markdown(&summary).to_lowercase().contains("worry"));
    let phone = summary.redactions.iter().find(|r| r.reason == RedactionReason::Phone).unwrap().id.clone();
    opts.undone_redactions = vec![phone];
    let undone = supervision_summary(nb, clock, case, &opts).unwrap();
    assert!(render_markdown(&undone).contains("082 555 0143"));
    assert_eq!(undone.redactions.len(), summary.redactions.len() - 1);
    assert_ne!(undone.fingerprint, summary.fingerprint);
}

#[test]
fn an_export_writes_what_was_previewed_owner_only_and_is_audited() {
    let mut f = Fixture::new();
    let (case, ..) = case_with_names(&mut f);
    let dir = tempfile::tempdir().unwrap();
    let (nb, clock) = f.parts();
    let opts = options(Identification::DeIdentified);
    let preview = supervision_summary(nb, clock, case, &opts).unwrap();
    let request = SummaryExport {
        case_id: case,
        options: opts.clone(),
        format: ExportFormat::Markdown,
        paper: PaperSize::A4,
        fingerprint: preview.fingerprint.clone(),
    };
    let path = dir.path().join("Ari Example supervision.md");
    let pdf = FakePdf::default();
    let result =
        export_supervision_summary(nb, clock, &request, &ExportTarget::new_file(&path), &pdf).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), render_markdown(&preview));
    assert_eq!(result.bytes, std::fs::metadata(&path).unwrap().len());
    #[cfg(unix)]
    assert_eq!(crate::files::mode_of(&path).unwrap(), 0o600);
    let audited: i64 = nb
        .store()
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_entry WHERE action = 'exported' AND case_id = ?1",
            [case],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 1);
    let pdf_request = SummaryExport { format: ExportFormat::Pdf, ..request.clone() };
    export_supervision_summary(
        nb,
        clock,
        &pdf_request,
        &ExportTarget::new_file(dir.path().join("s.pdf")),
        &pdf,
    )
    .unwrap();
    assert_eq!(pdf.calls.get(), 1);

    // An identified export is audited as such.
    let identified_opts = options(Identification::Identified);
    let identified_preview = supervision_summary(nb, clock, case, &identified_opts).unwrap();
    let identified = SummaryExport {
        options: identified_opts,
        fingerprint: identified_preview.fingerprint.clone(),
        ..request.clone()
    };
    export_supervision_summary(
        nb,
        clock,
        &identified,
        &ExportTarget::new_file(dir.path().join("named.md")),
        &pdf,
    )
    .unwrap();
    let actions: Vec<String> = {
        let conn = nb.store().conn();
        let mut stmt = conn
            .prepare(
                "SELECT action FROM audit_entry WHERE action LIKE 'exported%' AND case_id = ?1 ORDER BY seq",
            )
            .unwrap();
        stmt.query_map([case], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
    };
    assert_eq!(actions, ["exported", "exported", "exported_identified"]);

    // The notebook's own files are never a target, confirmed in a dialog or not (the data-loss
    // probe of issue 8): the key file, the database, the folder itself, through a link too.
    let folder = nb.store().folder().unwrap();
    let before: Vec<(std::path::PathBuf, Vec<u8>)> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect();
    let mut hostile = vec![folder.join("notebook.key"), folder.join("notebook.db"), folder.join("x.md")];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&folder, dir.path().join("into-notebook")).unwrap();
        hostile.push(dir.path().join("into-notebook/notebook.key"));
        hostile.push(dir.path().join("into-notebook/new.md"));
    }
    for path in hostile {
        for target in [ExportTarget::chosen_in_dialog(&path), ExportTarget::new_file(&path)] {
            let err = export_supervision_summary(nb, clock, &request, &target, &pdf).unwrap_err();
            assert!(matches!(err, Error::Invalid { ref field, .. } if field == "path"), "{err:?}");
        }
    }
    for (path, bytes) in &before {
        if path.ends_with("notebook.key") || path.ends_with("notebook.key.copy") {
            assert_eq!(&std::fs::read(path).unwrap(), bytes, "{} changed", path.display());
        }
    }
    assert!(!folder.join("x.md").exists());

    let stale = SummaryExport { fingerprint: "0".repeat(32), ..request };
    let other = dir.path().join("stale.md");
    assert!(matches!(
        export_supervision_summary(nb, clock, &stale, &ExportTarget::new_file(&other), &pdf),
        Err(Error::Conflict(_))
    ));
    assert!(!other.exists());
}

#[test]
fn a_referral_letter_needs_the_active_release_consent_and_holds_only_what_it_covers() {
    let mut f = Fixture::new();
    let (_, referral, consent) = case_with_names(&mut f);
    let dir = tempfile::tempdir().unwrap();
    let (nb, clock) = f.parts();
    let draft = referral_letter_draft(nb, clock, referral).unwrap();
    assert_eq!(draft.question, "Please rule out vascular causes for Ari.");
    assert_eq!(draft.recipient_kind, PractitionerKind::Gp);
    let request = LetterExport {
        referral,
        presenting_problem: draft.presenting_problem.clone(),
        relevant_history: Some(draft.relevant_history.clone()),
        question: draft.question.clone(),
        paper: PaperSize::A4,
    };
    let letter = referral_letter(nb, clock, &request).unwrap();
    assert_eq!((letter.to_role.as_str(), letter.client_name.as_str()), ("GP", "Ari Example"));
    assert!(letter.consent.contains("Presenting problem, relevant history and the question."));
    export_referral_letter(
        nb,
        clock,
        &request,
        &ExportTarget::new_file(dir.path().join("letter.pdf")),
        &FakePdf::default(),
    )
    .unwrap();

    let withdraw = WithdrawConsent { withdrawn_on: crate::columns::today(clock), reason: None };
    crate::consent::withdraw_consent(nb, clock, consent, withdraw).unwrap();
    assert_eq!(rule_of(referral_letter_draft(nb, clock, referral)), "release_consent");
    let path = dir.path().join("refused.pdf");
    assert_eq!(
        rule_of(export_referral_letter(
            nb,
            clock,
            &request,
            &ExportTarget::new_file(&path),
            &FakePdf::default()
        )),
        "release_consent"
    );
    assert!(!path.exists());
}

/// "Export everything": the JSON holds every row of every table, exactly; one Markdown and one
/// PDF per case; never into the notebook's or the backup folder; an audit entry.
#[test]
fn the_whole_notebook_is_exported_and_the_json_holds_every_record() {
    let mut f = Fixture::new();
    let (case, _, _) = case_with_names(&mut f);
    f.new_case(false);
    let out = f.root().join("out");
    std::fs::create_dir(&out).unwrap();
    let backups = f.root().join("usb");
    std::fs::create_dir(&backups).unwrap();
    f.notebook.set_backup_folder(&backups).unwrap();
    let pdf = FakePdf::default();
    let refused = [f.root().join("nb"), backups.clone(), PathBuf::from("relative"), f.root().join("missing")];
    let (open, clock) = f.parts();
    let protected = protected_folders(open);
    for inside in refused {
        let err = everything::export_everything(open, clock, &inside, &protected, &pdf).unwrap_err();
        assert!(matches!(err, Error::Invalid { ref field, .. } if field == "folder"), "{inside:?}: {err:?}");
    }
    let done = everything::export_everything(open, clock, &out, &protected, &pdf).unwrap();
    assert_eq!((done.cases, done.files), (2, 6));
    let folder = PathBuf::from(&done.folder);
    assert!(folder.starts_with(&out));
    // Read back after the export: the audit entry of the export is the one row more.
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.join("notebook.json")).unwrap()).unwrap();
    assert_eq!(json["format"], everything::FORMAT);
    assert_eq!(json["version"], everything::FORMAT_VERSION);
    let now = everything::tables_json(open.store().conn()).unwrap();
    let exported = json["tables"].as_object().unwrap();
    assert_eq!(exported.keys().collect::<Vec<_>>(), now.keys().collect::<Vec<_>>(), "every table");
    for (table, value) in &now {
        let want = value["rows"].as_array().unwrap();
        let got = exported[table]["rows"].as_array().unwrap();
        if table == "audit_entry" {
            assert_eq!(got.as_slice(), &want[..want.len() - 1], "every entry but the export's own");
        } else if table == "audit_head" {
            assert_eq!(got.len(), want.len());
        } else {
            assert_eq!(got, want, "table {table}");
        }
    }
    let text = serde_json::to_string(&json).unwrap();
    assert!(text.contains("Ari's worry eased"), "note text is there, as written");
    let mut names: Vec<String> = std::fs::read_dir(folder.join("cases"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 4);
    assert!(names.iter().any(|n| n == &format!("case-{}-ari-example.md", case)), "{names:?}");
    let md =
        std::fs::read_to_string(folder.join("cases").join(format!("case-{}-ari-example.md", case))).unwrap();
    assert!(md.contains("Ari Example"), "the record is identified");
    assert!(std::fs::read_to_string(folder.join("README.txt")).unwrap().contains("NOT ENCRYPTED"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&folder).unwrap().permissions().mode() & 0o777, 0o700);
        assert_eq!(
            std::fs::metadata(folder.join("notebook.json")).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let log = crate::record::audit::audit_log(open, 0).unwrap();
    assert_eq!(log.entries[0].action, crate::record::audit::AuditAction::ExportedIdentified);
    let again = everything::export_everything(open, clock, &out, &protected, &pdf).unwrap();
    assert_ne!(again.folder, done.folder, "a second export goes to a new folder");
}

#[test]
fn no_export_goes_into_the_backup_folder() {
    let mut f = Fixture::new();
    let backups = f.root().join("usb");
    std::fs::create_dir(&backups).unwrap();
    f.notebook.set_backup_folder(&backups).unwrap();
    assert!(protected_folders(f.nb()).contains(&backups));
}

#[test]
fn an_open_flag_blocks_the_export_until_the_therapist_redacts_or_keeps_it() {
    let mut f = Fixture::new();
    let (case, ..) = case_with_names(&mut f);
    let on = f.days_ago(2);
    let mut note = session_input(SessionKind::Individual, on, vec![]);
    let (nb, clock) = f.parts();
    let client = crate::case::get_case(nb, clock, case).unwrap().client.id;
    note.present = vec![client];
    note.body = crate::session::NoteBody::Dap {
        data: Some("Spoke of Xolani, a friend from church.".into()),
        assessment: None,
        plan: None,
    };
    session::record_session(nb, clock, case, note).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("summary.md");
    let attempt = |nb: &mut OpenNotebook, opts: &SummaryOptions| {
        let preview = supervision_summary(nb, clock, case, opts).unwrap();
        let request = SummaryExport {
            case_id: case,
            options: opts.clone(),
            format: ExportFormat::Markdown,
            paper: PaperSize::A4,
            fingerprint: preview.fingerprint.clone(),
        };
        (
            preview,
            export_supervision_summary(
                nb,
                clock,
                &request,
                &ExportTarget::new_file(&path),
                &FakePdf::default(),
            ),
        )
    };
    let opts = options(Identification::DeIdentified);
    let (preview, refused) = attempt(nb, &opts);
    let flag = preview.redactions.iter().find(|r| r.flagged).unwrap();
    assert_eq!((flag.original.as_str(), preview.open_flags), ("Xolani", 1));
    assert!(matches!(refused, Err(Error::Invalid { ref field, .. }) if field == "flags"), "{refused:?}");
    assert!(!path.exists(), "nothing is written while a flag is open");
    // Accepted: the word is redacted in the file.
    let accepted = SummaryOptions { accepted_flags: vec![flag.id.clone()], ..opts.clone() };
    let (preview, done) = attempt(nb, &accepted);
    assert_eq!(preview.open_flags, 0);
    done.unwrap();
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(
        !written.contains("Xolani") && written.contains(r"Spoke of \[name or place\], a friend"),
        "{written}"
    );
    // Kept: the word stays as written.
    std::fs::remove_file(&path).unwrap();
    let kept = SummaryOptions { undone_redactions: vec![flag.id.clone()], ..opts };
    attempt(nb, &kept).1.unwrap();
    assert!(std::fs::read_to_string(&path).unwrap().contains("Spoke of Xolani, a friend"));
}

#[test]
fn by_default_the_course_is_a_line_a_session_and_notes_come_only_when_asked() {
    let mut f = Fixture::new();
    let (case, ..) = case_with_names(&mut f);
    let on = f.days_ago(1);
    let (nb, clock) = f.parts();
    let client = crate::case::get_case(nb, clock, case).unwrap().client.id;
    let mut note = session_input(SessionKind::Individual, on, vec![client]);
    note.homework_set = Some("Sensate focus stage 1, three times.".into());
    note.medical_updates = Some("Started a PDE5 inhibitor.".into());
    session::record_session(nb, clock, case, note).unwrap();
    let brief = SummaryOptions::new("What next?");
    let md = render_markdown(&supervision_summary(nb, clock, case, &brief).unwrap());
    assert!(md.contains("Sessions, a line each"), "{md}");
    assert!(md.contains("Sensate focus stage 1, three times.") && md.contains("Started a PDE5 inhibitor."));
    assert!(!md.contains("Reports less worry before intimacy"), "no note in full by default");
    assert!(md.contains("The full session notes are not included"));
    let full = SummaryOptions { full_notes: true, recent_notes: Some(1), ..brief };
    let md = render_markdown(&supervision_summary(nb, clock, case, &full).unwrap());
    assert_eq!(md.matches("Reports less worry before intimacy").count(), 1, "only the latest note in full");
}

#[test]
fn a_referral_letter_leaves_the_partner_out_until_the_partner_releases_and_has_a_letterhead() {
    let mut f = Fixture::new();
    let settings = crate::Settings {
        therapist_name: "Dr Ada Therapist".into(),
        practice_name: "Harbour Therapy Rooms".into(),
        registration_number: "HPCSA PS 0123456".into(),
        practice_contact: "021 555 0100".into(),
        ..crate::Settings::default()
    };
    f.notebook.update_settings(settings).unwrap();
    let (case, referral, _) = case_with_names(&mut f);
    let (nb, clock) = f.parts();
    // The question names the partner: the draft carries "the partner" instead.
    let gp = crate::medical::list_practitioners(nb).unwrap()[0].id;
    let reason = "Sam Example (Sam) reports pain too; please rule out vascular causes for Ari.";
    let input =
        ReferralInput { practitioner: gp, referred_on: f_today(clock), reason: reason.into(), note: None };
    let second = crate::medical::add_referral(nb, clock, case, input).unwrap().id;
    let draft = referral_letter_draft(nb, clock, second).unwrap();
    assert!(!draft.partner_release);
    assert!(!draft.question.contains("Sam"), "{}", draft.question);
    assert!(draft.question.starts_with("the partner (the partner) reports pain"), "{}", draft.question);
    // A letter that still names the partner is refused, and nothing is written.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letter.pdf");
    let request = LetterExport {
        referral: second,
        presenting_problem: "Erections lost at penetration.".into(),
        relevant_history: None,
        question: reason.into(),
        paper: PaperSize::A4,
    };
    let refused =
        export_referral_letter(nb, clock, &request, &ExportTarget::new_file(&path), &FakePdf::default());
    assert!(matches!(refused, Err(Error::Invalid { ref field, .. }) if field == "question"), "{refused:?}");
    assert!(!path.exists());
    // With the partner's own release for the GP, the partner may be named.
    let partner = crate::case::get_case(nb, clock, case).unwrap().partner.unwrap().person.id;
    let release = ConsentInput {
        given_by: partner,
        terms: ConsentTerms::ReleaseOfInformation {
            recipient: gp,
            shared_information: "My pain history".into(),
        },
        given_on: f_today(clock),
        expires_on: None,
        method: ConsentMethod::Written,
        note: None,
    };
    crate::consent::record_consent(nb, clock, case, release).unwrap();
    assert!(referral_letter_draft(nb, clock, second).unwrap().question.contains("Sam Example"));
    let letter = referral_letter(nb, clock, &request).unwrap();
    assert_eq!(letter.salutation, "Dear Dr Quill,");
    assert_eq!(
        letter.letterhead,
        ["Harbour Therapy Rooms", "Registration: HPCSA PS 0123456", "021 555 0100"]
    );
    assert!(
        letter.consent.ends_with("the question.") && !letter.consent.contains(".."),
        "{}",
        letter.consent
    );
    let _ = referral;
}

fn f_today(clock: &dyn crate::clock::Clock) -> chrono::NaiveDate {
    crate::columns::today(clock)
}

#[test]
fn the_assessment_has_each_measures_baseline_current_change_and_chart_in_weeks_naming_nobody() {
    use crate::measures::{AdministrationInput, Points, record_measure};
    let mut f = Fixture::new();
    let (case, _, _) = case_with_names(&mut f);
    let view = crate::case::get_case(f.nb(), &crate::clock::SystemClock, case).unwrap();
    let (client, partner) = (view.client.id, view.partner.as_ref().unwrap().person.id);
    let phq9 = |on, answer: u8, action: Option<&str>| AdministrationInput {
        person_id: client,
        measure: "phq9".into(),
        given_on: on,
        session_id: None,
        answers: (0..9).map(|i| Some(if i == 8 { u8::from(action.is_some()) } else { answer })).collect(),
        total: None,
        subscales: Vec::new(),
        risk_action: action.map(String::from),
        sign: false,
    };
    let inputs = [
        phq9(f.days_ago(59), 2, Some("Ari agreed a safety plan with Dr Quill on 3 March 2025.")),
        phq9(f.days_ago(3), 1, None),
        AdministrationInput {
            person_id: partner,
            measure: "csi16".into(),
            answers: Vec::new(),
            total: Some(Points(4000)),
            ..phq9(f.days_ago(3), 0, None)
        },
    ];
    for input in inputs {
        let (nb, clock) = f.parts();
        record_measure(nb, clock, case, input).unwrap();
    }
    let (nb, clock) = f.parts();
    let summary = supervision_summary(nb, clock, case, &options(Identification::DeIdentified)).unwrap();
    let measures = summary
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .find_map(|b| match b {
            Block::Measures { measures } => Some(measures.clone()),
            _ => None,
        })
        .expect("the assessment has the measures block");
    assert_eq!(measures.rows.len(), 2);
    let phq9 = &measures.rows[0];
    assert_eq!(phq9.measure, "PHQ-9 (depression)");
    assert_eq!(phq9.person, "Client");
    assert_eq!(phq9.baseline.as_deref(), Some("17 (Moderately severe), week 1"));
    assert_eq!(phq9.current.as_deref(), Some("8 (Mild), week 9"));
    assert_eq!(phq9.change.as_deref(), Some("-9, a meaningful improvement (5 points or more)"));
    assert_eq!(
        phq9.chart.points.iter().map(|p| (p.week, p.score)).collect::<Vec<_>>(),
        [(1, 1700), (9, 800)]
    );
    assert_eq!((phq9.chart.min, phq9.chart.max, phq9.chart.bands.len()), (0, 2700, 5));
    let csi = &measures.rows[1];
    assert_eq!((csi.person.as_str(), csi.current.as_deref(), csi.change.as_deref()), ("Partner", None, None));
    let md = render_markdown(&summary);
    assert!(md.contains("PHQ-9 (depression)") && md.contains("not a diagnosis"), "{md}");
    assert!(md.contains("Measures whose answers raised the risk prompt"), "{md}");
    for canary in ["Ari", "Quill", "3 March"] {
        assert!(!md.contains(canary), "{canary} leaked into:\n{md}");
    }
    let identified = supervision_summary(nb, clock, case, &options(Identification::Identified)).unwrap();
    let md = render_markdown(&identified);
    assert!(md.contains("Ari Example (client)"), "{md}");
}
