//! The four demo cases, each written event by event on its own (shifted) day.

use super::DaysAgo;
use crate::case::{self, CaseId, CaseView, CloseCase, ClosingReason, NewCase};
use crate::clock::Clock;
use crate::columns;
use crate::consent::{self, ConsentInput, ConsentMethod, ConsentTerms, PartnerRole, SecretsPolicy};
use crate::diagnosis::{
    self, CatalogueEntryId, Code, CodeSystem, Context, Course, DiagnosisInput, DiagnosisStatus,
};
use crate::error::Result;
use crate::formulation::{self, Factor, FactorDomain, FormulationInput, FourP};
use crate::intake::{self, IntakeInput, IntakeSections};
use crate::medical::{self, PractitionerInput, PractitionerKind, ReferralInput, RuleOutInput, RuleOutStatus};
use crate::notebook::OpenNotebook;
use crate::person::{self, AgeBand, PersonId, PersonInput};
use crate::plan::{self, GoalInput, GoalStatus, InterventionInput, PlanInput, PlanView, Plissit};
use crate::session::{self, NoteBody, RiskScreen, SessionInput, SessionKind};
use chrono::{Duration, NaiveDate, NaiveTime};

fn ago<'a>(clock: &'a dyn Clock, days: i64) -> DaysAgo<'a> {
    DaysAgo { base: clock, days }
}

fn day(clock: &dyn Clock, days_ago: i64) -> NaiveDate {
    columns::today(clock) - Duration::days(days_ago)
}

fn person(name: &str, band: AgeBand, pronouns: &str) -> PersonInput {
    PersonInput {
        full_name: format!("{name} (demo)"),
        pronouns: Some(pronouns.into()),
        age_band: Some(band),
        email: Some("demo@example.invalid".into()),
        ..PersonInput::default()
    }
}

fn open_case(
    open: &mut OpenNotebook,
    c: &dyn Clock,
    client: PersonInput,
    difficulty: &str,
    partner: bool,
) -> Result<CaseView> {
    let new = NewCase {
        client,
        first_contact_on: columns::today(c),
        difficulties: vec![difficulty.into()],
        other_difficulty: None,
        referral_source: Some("Self-referred (demo)".into()),
        has_partner: partner,
    };
    case::create_case(open, c, new)
}

fn note(
    kind: SessionKind,
    c: &dyn Clock,
    present: Vec<PersonId>,
    subjective: &str,
    plan: &str,
) -> SessionInput {
    let body = NoteBody::Soap {
        subjective: Some(subjective.into()),
        objective: Some("Engaged, good rapport. (demo)".into()),
        assessment: Some("Progressing as formulated. (demo)".into()),
        plan: Some(plan.into()),
    };
    SessionInput {
        starts_at: NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default(),
        ends_at: NaiveTime::from_hms_opt(10, 50, 0).unwrap_or_default(),
        risk_screen: RiskScreen::NoneIdentified,
        ..SessionInput::new(kind, columns::today(c), present, body)
    }
}

fn complete_intake(open: &mut OpenNotebook, c: &dyn Clock, id: CaseId, problem: &str) -> Result<()> {
    let sections = IntakeSections {
        presenting_problem: problem.into(),
        onset_course: Some("Gradual onset over the last year. (demo)".into()),
        relationship: Some("Supportive relationship; some avoidance of intimacy. (demo)".into()),
        partner_violence_screen: Some("Screened; none reported. (demo)".into()),
        mental_health_risk: Some("No current risk. (demo)".into()),
        goals_expectations: Some("To enjoy intimacy again without worry. (demo)".into()),
        ..IntakeSections::default()
    };
    intake::record_intake(open, c, id, IntakeInput { sections, complete: true }).map(|_| ())
}

fn consent(by: PersonId, terms: ConsentTerms, c: &dyn Clock) -> ConsentInput {
    ConsentInput {
        given_by: by,
        terms,
        given_on: columns::today(c),
        expires_on: None,
        method: ConsentMethod::Written,
        note: None,
    }
}

fn factor(label: &str, p: FourP, domain: FactorDomain) -> Factor {
    Factor { term: None, label: label.into(), p, domain, note: None }
}

fn formulate(open: &mut OpenNotebook, c: &dyn Clock, id: CaseId, problem: &str, cycle: &str) -> Result<()> {
    let input = FormulationInput {
        problem_statement: problem.into(),
        factors: vec![
            factor(
                "Preconceived ideas about sex from upbringing",
                FourP::Predisposing,
                FactorDomain::Psychological,
            ),
            factor("Performance anxiety", FourP::Perpetuating, FactorDomain::Psychological),
            factor("Supportive partner", FourP::Protective, FactorDomain::RelationalSocial),
        ],
        nodal_point: Some(cycle.into()),
        treatment_implications: Some("Target anticipatory anxiety first. (demo)".into()),
        shared_on: Some(columns::today(c)),
        shared_response: Some("Recognised the cycle. (demo)".into()),
        ..FormulationInput::default()
    };
    formulation::save_formulation(open, c, id, input).map(|_| ())
}

fn goal(description: &str, measure: &str, target: &str, on: NaiveDate) -> GoalInput {
    GoalInput {
        description: description.into(),
        measure: measure.into(),
        target: target.into(),
        target_on: on,
        status: GoalStatus::Active,
        status_reason: None,
    }
}

fn intervention(name: &str, plissit: Plissit, goals: Vec<u32>, homework: &str) -> InterventionInput {
    InterventionInput {
        entry: None,
        name: name.into(),
        plissit: Some(plissit),
        goals,
        homework: Some(homework.into()),
    }
}

fn make_plan(open: &mut OpenNotebook, c: &dyn Clock, id: CaseId, agreed: Vec<PersonId>) -> Result<PlanView> {
    let today = columns::today(c);
    let input = PlanInput {
        goals: vec![
            goal(
                "Less worry before intimacy (demo)",
                "Self-rated worry 0-10",
                "3 or below",
                today + Duration::days(56),
            ),
            goal(
                "Relaxed, pressure-free touch (demo)",
                "Sessions of touch per week",
                "3 per week",
                today + Duration::days(84),
            ),
        ],
        interventions: vec![
            intervention(
                "Psychoeducation",
                Plissit::LimitedInformation,
                vec![0],
                "Read the handout on arousal. (demo)",
            ),
            intervention(
                "Sensate focus, stage 1",
                Plissit::SpecificSuggestions,
                vec![0, 1],
                "Three touch sessions, no intercourse. (demo)",
            ),
        ],
        review_on: Some(today + Duration::days(42)),
        discussed_on: Some(today),
        agreed_by: agreed,
        disagreement: None,
        revision_reason: None,
    };
    plan::save_plan(open, c, id, input)
}

/// An individual erectile-dysfunction case at plan stage.
pub(super) fn erectile_dysfunction_at_plan(open: &mut OpenNotebook, clock: &dyn Clock) -> Result<CaseId> {
    let client = person("Avery Sample", AgeBand::From35To44, "he/him");
    let case = open_case(open, &ago(clock, 35), client, "erectile_dysfunction", false)?;
    let (id, me) = (case.id, case.client.id);
    consent::record_consent(
        open,
        &ago(clock, 35),
        id,
        consent(me, ConsentTerms::Treatment, &ago(clock, 35)),
    )?;
    let c = ago(clock, 28);
    session::record_session(
        open,
        &c,
        id,
        note(
            SessionKind::Intake,
            &c,
            vec![me],
            "Describes losing erections with a partner. (demo)",
            "Complete intake; GP check. (demo)",
        ),
    )?;
    complete_intake(open, &c, id, "Loses erections with a partner, not alone. (demo)")?;
    let gp = PractitionerInput {
        kind: PractitionerKind::Gp,
        name: "Dr Jordan Placeholder (demo)".into(),
        practice: Some("Example Family Practice (demo)".into()),
        phone: None,
        email: None,
        address: None,
    };
    let gp = medical::add_practitioner(open, &c, gp)?;
    let release = ConsentTerms::ReleaseOfInformation {
        recipient: gp.id,
        shared_information: "Reason for referral only. (demo)".into(),
    };
    consent::record_consent(open, &c, id, consent(me, release, &c))?;
    let referral = ReferralInput {
        practitioner: gp.id,
        referred_on: day(clock, 28),
        reason: "Rule out vascular and hormonal causes. (demo)".into(),
        note: None,
    };
    medical::add_referral(open, &c, id, referral)?;
    let c = ago(clock, 14);
    let ruled_out = RuleOutInput {
        status: RuleOutStatus::RuledOut,
        on_date: columns::today(&c),
        note: Some("Bloods and exam normal. (demo)".into()),
    };
    medical::set_rule_out_status(open, &c, id, ruled_out)?;
    let diagnosis = DiagnosisInput {
        person: me,
        catalogue_entry: Some(CatalogueEntryId(1)),
        name: "Erectile disorder".into(),
        code: Code { system: CodeSystem::Icd10Cm, code: "F52.21".into() },
        status: DiagnosisStatus::Provisional,
        course: Some(Course::Acquired),
        context: Some(Context::Situational),
        severity: None,
        note: None,
        recorded_on: columns::today(&c),
    };
    diagnosis::record_diagnosis(open, &c, id, diagnosis)?;
    let c = ago(clock, 7);
    formulate(
        open,
        &c,
        id,
        "Loses erection at penetration on most occasions with a partner. (demo)",
        "Anticipates failure, watches himself, loses the erection, concludes he is inadequate, avoids. (demo)",
    )?;
    make_plan(open, &c, id, vec![me])?;
    Ok(id)
}

/// A couple with partner consent, a partner session and couples sessions.
pub(super) fn couple_in_couples_therapy(open: &mut OpenNotebook, clock: &dyn Clock) -> Result<CaseId> {
    let client = person("Blake Specimen", AgeBand::From25To34, "she/her");
    let c = ago(clock, 70);
    let case = open_case(open, &c, client, "low_libido", true)?;
    let (id, me) = (case.id, case.client.id);
    session::record_session(
        open,
        &c,
        id,
        note(
            SessionKind::Intake,
            &c,
            vec![me],
            "Low desire since the birth of their child. (demo)",
            "Invite partner with consent. (demo)",
        ),
    )?;
    complete_intake(open, &c, id, "Has little desire for sex and feels guilty about it. (demo)")?;
    let scope = "The difficulty and the plan may be shared; individual history stays private. (demo)";
    let involvement =
        ConsentTerms::PartnerInvolvement { scope: scope.into(), secrets_policy: SecretsPolicy::Limited };
    consent::record_consent(open, &c, id, consent(me, involvement, &c))?;
    let c = ago(clock, 63);
    let partner = person::add_partner(open, &c, id, person("Casey Specimen", AgeBand::From25To34, "he/him"))?;
    let own = ConsentTerms::PartnerOwn { role: PartnerRole::CoClient };
    consent::record_consent(open, &c, id, consent(partner.id, own, &c))?;
    session::record_session(
        open,
        &c,
        id,
        note(
            SessionKind::Partner,
            &c,
            vec![partner.id],
            "Feels rejected; pursues, then withdraws. (demo)",
            "Joint sessions. (demo)",
        ),
    )?;
    let c = ago(clock, 60);
    let done = RuleOutInput {
        status: RuleOutStatus::RuledOut,
        on_date: columns::today(&c),
        note: Some("Post-natal check normal. (demo)".into()),
    };
    medical::set_rule_out_status(open, &c, id, done)?;
    let c = ago(clock, 56);
    formulate(
        open,
        &c,
        id,
        "Avoids sexual contact; desire rarely felt. (demo)",
        "Fatigue, pressure to want sex, guilt, avoidance, partner withdraws hurt. (demo)",
    )?;
    let plan = make_plan(open, &c, id, vec![me, partner.id])?;
    for days in [49, 35, 21] {
        let c = ago(clock, days);
        let mut couples = note(
            SessionKind::Couples,
            &c,
            vec![me, partner.id],
            "Touch exercises done twice this week. (demo)",
            "Continue stage 1. (demo)",
        );
        couples.goals_addressed = plan.goals.iter().map(|g| g.id).collect();
        couples.homework_reviewed = Some("Sensate focus practised. (demo)".into());
        couples.homework_set = Some("Three sessions of non-genital touch. (demo)".into());
        let next = columns::today(clock) + Duration::days(7);
        couples.next_appointment =
            (days == 21).then(|| next.and_time(NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default()));
        session::record_session(open, &c, id, couples)?;
    }
    Ok(id)
}

/// A vaginismus case awaiting the medical rule-out.
pub(super) fn vaginismus_awaiting_rule_out(open: &mut OpenNotebook, clock: &dyn Clock) -> Result<CaseId> {
    let client = person("Devon Placeholder", AgeBand::From18To24, "she/her");
    let c = ago(clock, 24);
    let case = open_case(open, &c, client, "vaginismus", false)?;
    let (id, me) = (case.id, case.client.id);
    session::record_session(
        open,
        &c,
        id,
        note(
            SessionKind::Intake,
            &c,
            vec![me],
            "Penetration has never been possible. (demo)",
            "Gynaecology referral. (demo)",
        ),
    )?;
    complete_intake(open, &c, id, "Cannot have penetrative sex or use tampons. (demo)")?;
    let gynae = PractitionerInput {
        kind: PractitionerKind::Gynaecologist,
        name: "Dr Morgan Example (demo)".into(),
        practice: None,
        phone: None,
        email: None,
        address: None,
    };
    let gynae = medical::add_practitioner(open, &c, gynae)?;
    let release = ConsentTerms::ReleaseOfInformation {
        recipient: gynae.id,
        shared_information: "Presenting problem and question. (demo)".into(),
    };
    consent::record_consent(open, &c, id, consent(me, release, &c))?;
    let referral = ReferralInput {
        practitioner: gynae.id,
        referred_on: columns::today(&c),
        reason: "Exclude structural causes of pain. (demo)".into(),
        note: None,
    };
    medical::add_referral(open, &c, id, referral)?;
    let c = ago(clock, 10);
    let awaiting = RuleOutInput {
        status: RuleOutStatus::AwaitingResult,
        on_date: columns::today(&c),
        note: Some("Seen; awaiting report. (demo)".into()),
    };
    medical::set_rule_out_status(open, &c, id, awaiting)?;
    Ok(id)
}

/// A closed case: treatment completed, discharge summary written.
pub(super) fn closed_premature_ejaculation(open: &mut OpenNotebook, clock: &dyn Clock) -> Result<CaseId> {
    let client = person("Emery Fictional", AgeBand::From45To54, "they/them");
    let c = ago(clock, 300);
    let case = open_case(open, &c, client, "premature_ejaculation", false)?;
    let (id, me) = (case.id, case.client.id);
    session::record_session(
        open,
        &c,
        id,
        note(
            SessionKind::Intake,
            &c,
            vec![me],
            "Ejaculates within a minute; distressed. (demo)",
            "Psychoeducation. (demo)",
        ),
    )?;
    complete_intake(open, &c, id, "Comes sooner than wished, on most occasions. (demo)")?;
    let c = ago(clock, 290);
    medical::set_rule_out_status(
        open,
        &c,
        id,
        RuleOutInput { status: RuleOutStatus::RuledOut, on_date: columns::today(&c), note: None },
    )?;
    formulate(
        open,
        &c,
        id,
        "Ejaculates within a minute of penetration. (demo)",
        "Rushes, monitors, anxious arousal, early ejaculation, shame. (demo)",
    )?;
    make_plan(open, &c, id, vec![me])?;
    for days in [270, 240, 210] {
        let c = ago(clock, days);
        session::record_session(
            open,
            &c,
            id,
            note(SessionKind::Individual, &c, vec![me], "Stop-start practised. (demo)", "Continue. (demo)"),
        )?;
    }
    let c = ago(clock, 200);
    let close = CloseCase {
        closed_on: columns::today(&c),
        reason: ClosingReason::GoalsAchieved,
        reason_note: None,
        discharge_summary: "Latency and confidence improved; relapse plan agreed. (demo)".into(),
    };
    case::close_case(open, &c, id, close)?;
    Ok(id)
}
