//! A notebook with one couple's case whose every free-text field names the client, the partner,
//! the doctors, the family, their places, numbers and dates, in several spellings: what a
//! de-identified export must remove. Shared by the PDF tests and the export benchmark.

#![allow(dead_code, clippy::unwrap_used)] // test support: fail loudly, not every test uses all

use casebook_core::case::{self, CaseId, CloseCase, ClosingReason, NewCase, ReopenCase};
use casebook_core::clock::ManualClock;
use casebook_core::columns::today;
use casebook_core::consent::{self, ConsentInput, ConsentMethod, ConsentTerms, PartnerRole, SecretsPolicy};
use casebook_core::diagnosis::{
    self, Code, CodeSystem, Context, Course, DiagnosisInput, DiagnosisStatus, Severity,
};
use casebook_core::formulation::{self, Factor, FactorDomain, FormulationInput, FourP};
use casebook_core::intake::{self, IntakeInput, IntakeSections};
use casebook_core::medical::{
    self, PractitionerInput, PractitionerKind, ReferralId, ReferralInput, RuleOutInput, RuleOutStatus,
};
use casebook_core::notebook::OpenNotebook;
use casebook_core::person::{self, PersonInput};
use casebook_core::plan::{self, GoalInput, GoalStatus, InterventionInput, PlanInput, Plissit};
use casebook_core::record::{self, AddendumInput, RecordRef, SignInput};
use casebook_core::session::{self, NoteBody, ProcessNoteInput, RiskScreen, SessionInput, SessionKind};
use casebook_core::vault::VaultConfig;
use casebook_core::{Location, Notebook, NotebookConfig, Settings};
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use std::sync::Arc;

/// Identifiers that must not survive de-identification (compared in lower case).
pub const FORBIDDEN: &[&str] = &[
    "thandi",
    "zwelibanzi",
    "sipho",
    "govender",
    "priya",
    "mokoena",
    "lindiwe",
    "nomvula",
    "dlamini",
    "zanele",
    "parkhurst",
    "rosebank",
    "jacaranda",
    "oxford road",
    "555 0143",
    "5550143",
    "555 0199",
    "555 0123",
    "example.co.za",
    "thandiz",
    "192.168",
    "8001015009087",
    "20931177",
    "4471",
    "14/06/1934",
    "1934",
    "3 march",
    "2025-02-11",
    "van der merwe",
    "merwe",
    "kobus",
];

/// Every free text carries this sentence, tagged with where it is.
pub fn canaries(tag: &str) -> String {
    format!(
        "{tag}: Thandi's week was hard; THANDI ZWELIBANZI (Thandi) and Zwelibanzi, Thandi; T.h.a.n.d.i said \
         \"thandi-zwelibanzi\". Sipho's mood, SIPHO. Dr Govender's letter, GOVENDER, Dr. Priya Govender; \
         Dr Mokoena referred; Dr van der Merwe (urology). Her sister Nomvula came; NOMVULA's call; Mrs Dlamini \
         (mother). Lives at 14 Jacaranda Crescent, PARKHURST; clinic in Rosebank. Call 082 555 0143 or \
         +27 83 555 0199; mail thandi.zwelibanzi@example.co.za, www.thandiz.example.com, from 192.168.1.77. \
         ID 8001015009087, medical aid DHMS20931177, file no 4471. Born 14/06/1934; seen 3 March 2025 and \
         2025-02-11."
    )
}

pub struct Seeded {
    pub _dir: tempfile::TempDir,
    pub clock: ManualClock,
    pub notebook: Notebook,
    pub case_id: CaseId,
    pub referral: ReferralId,
}

fn person(
    name: &str,
    born: Option<NaiveDate>,
    phone: &str,
    email: &str,
    address: Option<&str>,
) -> PersonInput {
    PersonInput {
        full_name: name.into(),
        pronouns: Some("she/her".into()),
        date_of_birth: born,
        phone: Some(phone.into()),
        email: Some(email.into()),
        address: address.map(Into::into),
        ..PersonInput::default()
    }
}

/// A session's note, every field written by `text` with the session's `tag` and the field's name
/// ("session 4 homework set"); an empty text leaves the field out.
fn note(
    kind: SessionKind,
    on: NaiveDate,
    present: Vec<casebook_core::person::PersonId>,
    text: &dyn Fn(&str) -> String,
    tag: &str,
) -> SessionInput {
    let field = |name: &str| Some(text(&format!("{tag} {name}"))).filter(|t| !t.is_empty());
    let body = NoteBody::Soap {
        subjective: field("subjective"),
        objective: field("objective"),
        assessment: field("assessment"),
        plan: field("plan"),
    };
    SessionInput {
        homework_reviewed: field("homework reviewed"),
        homework_set: field("homework set"),
        measures_given: field("measures given"),
        risk_screen: RiskScreen::NoneIdentified,
        medical_updates: field("medical updates"),
        ..SessionInput::new(kind, on, present, body)
    }
}

/// A notebook holding the canary case with `sessions` sessions after the intake (at least 2),
/// written with `text(tag)` in every free-text field.
pub fn seed(sessions: usize, text: &dyn Fn(&str) -> String) -> Seeded {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2025, 9, 1, 12, 0, 0).unwrap());
    let mut config = NotebookConfig::new(Location::new(dir.path().join("nb")));
    config.vault = VaultConfig::fast_for_tests();
    config.idle_limit_override = Some(Duration::days(3650));
    let mut notebook = Notebook::new(config, Arc::new(clock.clone()));
    notebook.create("harbour lantern quietly").unwrap();
    notebook
        .update_settings(Settings {
            therapist_name: "Dr Ada Therapist".into(),
            practice_name: "Harbour Therapy Rooms".into(),
            registration_number: "HPCSA PS 0123456".into(),
            practice_contact: "021 555 0100".into(),
            ..Settings::default()
        })
        .unwrap();
    let (case_id, referral) = fill(notebook.open_mut().unwrap(), &clock, sessions.max(2), text);
    Seeded { _dir: dir, clock, notebook, case_id, referral }
}

fn fill(
    open: &mut OpenNotebook,
    clock: &ManualClock,
    sessions: usize,
    text: &dyn Fn(&str) -> String,
) -> (CaseId, ReferralId) {
    let now = today(clock);
    let start = now - Duration::days(7 * sessions as i64 + 30);
    let day = |n: i64| start + Duration::days(n);
    let client = person(
        "Thandi Zwelibanzi",
        NaiveDate::from_ymd_opt(1934, 6, 14),
        "+27 82 555 0143",
        "thandi.zwelibanzi@example.co.za",
        Some("14 Jacaranda Crescent\nParkhurst\nJohannesburg 2193"),
    );
    let new = NewCase {
        client,
        first_contact_on: day(0),
        difficulties: vec!["low_libido".into(), "other".into()],
        other_difficulty: Some("Thandi's words: no spark with SIPHO since 3 March 2025".into()),
        referral_source: Some("Dr Lindiwe Mokoena (psychiatrist)".into()),
        has_partner: true,
    };
    let case = case::create_case(open, clock, new).unwrap();
    let (id, me) = (case.id, case.client.id);
    session::record_session(
        open,
        clock,
        id,
        note(SessionKind::Intake, day(2), vec![me], text, "intake session"),
    )
    .unwrap();
    let t = |tag: &str| Some(text(tag));
    let sections = IntakeSections {
        presenting_problem: text("presenting problem"),
        onset_course: t("onset"),
        lifelong_or_acquired: t("lifelong"),
        generalized_or_situational: t("situational"),
        phases_affected: t("phases"),
        distress: t("distress"),
        psychological_functioning: t("functioning"),
        relationship: t("relationship"),
        partner_violence_screen: t("ipv screen"),
        developmental_history: t("development"),
        body_image: t("body image"),
        medical: t("medical"),
        mental_health_risk: t("risk"),
        trauma: t("trauma"),
        strengths: t("strengths"),
        goals_expectations: t("goals"),
    };
    intake::record_intake(open, clock, id, IntakeInput { sections, complete: true, sign: true }).unwrap();
    let consent = |by, terms, on| ConsentInput {
        given_by: by,
        terms,
        given_on: on,
        expires_on: None,
        method: ConsentMethod::Written,
        note: t("consent note"),
    };
    consent::record_consent(open, clock, id, consent(me, ConsentTerms::Treatment, day(2))).unwrap();
    consent::record_consent(open, clock, id, consent(me, ConsentTerms::SupervisionUse, day(2))).unwrap();
    let involve =
        ConsentTerms::PartnerInvolvement { scope: text("scope"), secrets_policy: SecretsPolicy::Limited };
    consent::record_consent(open, clock, id, consent(me, involve, day(3))).unwrap();
    let partner = person::add_partner(
        open,
        clock,
        id,
        person("Sipho Zwelibanzi", None, "083 555 0199", "sipho.z@example.co.za", None),
    )
    .unwrap();
    let own = ConsentTerms::PartnerOwn { role: PartnerRole::CoClient };
    consent::record_consent(open, clock, id, consent(partner.id, own, day(4))).unwrap();
    let mut partner_note = note(SessionKind::Partner, day(4), vec![partner.id], text, "partner session");
    partner_note.others_present = Some("Interpreter, Mrs Zanele Dlamini".into());
    session::record_session(open, clock, id, partner_note).unwrap();

    let gp = PractitionerInput {
        kind: PractitionerKind::Gp,
        name: "Dr Priya Govender".into(),
        practice: Some("Rosebank Family Practice".into()),
        phone: Some("011 555 0123".into()),
        email: Some("reception@rosebankfp.example.co.za".into()),
        address: Some("22 Oxford Road\nRosebank".into()),
    };
    let gp = medical::add_practitioner(open, clock, gp).unwrap();
    let uro = PractitionerInput {
        kind: PractitionerKind::Urologist,
        name: "Dr Kobus van der Merwe".into(),
        practice: None,
        phone: None,
        email: None,
        address: None,
    };
    medical::add_practitioner(open, clock, uro).unwrap();
    let release = ConsentTerms::ReleaseOfInformation {
        recipient: gp.id,
        shared_information: text("shared information"),
    };
    consent::record_consent(open, clock, id, consent(me, release, day(5))).unwrap();
    let referral = ReferralInput {
        practitioner: gp.id,
        referred_on: day(5),
        reason: text("referral reason"),
        note: t("referral note"),
    };
    let referral = medical::add_referral(open, clock, id, referral).unwrap();
    let result = RuleOutInput { status: RuleOutStatus::RuledOut, on_date: day(12), note: t("rule-out note") };
    medical::set_rule_out_status(open, clock, id, result).unwrap();
    let diagnosis = DiagnosisInput {
        person: me,
        catalogue_entry: None,
        name: "Female sexual interest/arousal disorder".into(),
        code: Code { system: CodeSystem::Icd10Cm, code: "F52.22".into() },
        status: DiagnosisStatus::Provisional,
        course: Some(Course::Acquired),
        context: Some(Context::Generalized),
        severity: Some(Severity::Moderate),
        note: t("diagnosis note"),
        recorded_on: day(12),
    };
    diagnosis::record_diagnosis(open, clock, id, diagnosis).unwrap();
    let factor = |p, tag: &str| Factor {
        term: None,
        label: format!("Factor of Thandi's ({tag})"),
        p,
        domain: FactorDomain::Psychological,
        note: t(tag),
    };
    let f = FormulationInput {
        problem_statement: text("problem statement"),
        factors: vec![
            factor(FourP::Predisposing, "predisposing"),
            factor(FourP::Perpetuating, "perpetuating"),
            factor(FourP::Protective, "protective"),
        ],
        nodal_point: t("nodal point"),
        biomedical_note: t("biomedical note"),
        treatment_implications: t("implications"),
        shared_on: Some(day(14)),
        shared_response: t("response"),
        revision_reason: None,
    };
    formulation::save_formulation(open, clock, id, f).unwrap();
    let goal = |tag: &str| GoalInput {
        description: text(tag),
        measure: "Weekly diary kept by Thandi".into(),
        target: "3 of 4 weeks, per Sipho".into(),
        target_on: now + Duration::days(60),
        status: GoalStatus::Active,
        status_reason: None,
        target_measure: None,
        target_score: None,
    };
    let plan = PlanInput {
        goals: vec![goal("goal one"), goal("goal two")],
        interventions: vec![
            InterventionInput {
                entry: None,
                name: "Sensate focus with Sipho".into(),
                plissit: Some(Plissit::SpecificSuggestions),
                goals: vec![0, 1],
                homework: t("homework"),
            },
            InterventionInput {
                entry: None,
                name: "Psychoeducation".into(),
                plissit: Some(Plissit::LimitedInformation),
                goals: vec![0],
                homework: None,
            },
        ],
        review_on: Some(now + Duration::days(30)),
        discussed_on: Some(day(15)),
        agreed_by: vec![me, partner.id],
        disagreement: t("disagreement"),
        revision_reason: None,
    };
    let plan = plan::save_plan(open, clock, id, plan).unwrap();
    for k in 0..sessions - 1 {
        let on = day(16 + 7 * k as i64);
        let mut s = note(SessionKind::Couples, on, vec![me, partner.id], text, &format!("session {}", k + 3));
        s.goals_addressed = plan.goals.iter().map(|g| g.id).collect();
        if k == 0 {
            s.risk_screen = RiskScreen::Moderate;
            s.risk_action = t("risk action");
        }
        session::record_session(open, clock, id, s).unwrap();
    }
    // The last note is signed late and corrected with an addendum.
    let last = session::list_sessions(open, id).unwrap().last().unwrap().id;
    let sign = SignInput { late_reason: t("late reason") };
    record::sign_record(open, clock, RecordRef::SessionNote(last), sign).unwrap();
    let addendum = AddendumInput { reason: text("addendum reason"), body: text("addendum") };
    record::add_addendum(open, clock, RecordRef::SessionNote(last), addendum).unwrap();
    let process = ProcessNoteInput { session: None, written_on: day(20), body: text("process note") };
    session::record_process_note(open, clock, id, process).unwrap();
    let close = CloseCase {
        closed_on: now,
        reason: ClosingReason::Other,
        reason_note: t("closing reason"),
        discharge_summary: text("discharge"),
        // The earlier notes are signed as the case closes, as the closing form offers.
        sign_notes: session::list_sessions(open, id)
            .unwrap()
            .into_iter()
            .filter(|s| !s.signed)
            .map(|s| case::NoteToSign { session_id: s.id, late_reason: t("late reason") })
            .collect(),
    };
    case::close_case(open, clock, id, close).unwrap();
    case::reopen_case(open, clock, id, ReopenCase { reopened_on: now, reason: text("reopening") }).unwrap();
    (id, referral.id)
}
