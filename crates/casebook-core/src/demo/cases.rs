//! The four demo cases, each written event by event on its own (shifted) day, each with the
//! formulation, plan and notes of its own difficulty.

use super::{At, DaysAgo};
use crate::case::{self, CaseId, CaseView, CloseCase, ClosingReason, NewCase};
use crate::clock::Clock;
use crate::columns;
use crate::consent::{self, ConsentInput, ConsentMethod, ConsentTerms, PartnerRole, SecretsPolicy};
use crate::diagnosis::{
    self, CatalogueEntryId, Code, CodeSystem, Context, Course, DiagnosisInput, DiagnosisStatus,
};
use crate::error::Result;
use crate::formulation::{self, Factor, FactorDomain, FormulationInput, FormulationView, FourP};
use crate::intake::{self, IntakeInput, IntakeSections};
use crate::measures;
use crate::medical::{self, PractitionerInput, PractitionerKind, ReferralInput, RuleOutInput, RuleOutStatus};
use crate::notebook::OpenNotebook;
use crate::person::{self, AgeBand, PersonId, PersonInput};
use crate::plan::{self, GoalInput, GoalStatus, InterventionInput, PlanInput, PlanView, Plissit};
use crate::record::{self, RecordRef, SignInput};
use crate::session::{self, NoteBody, RiskScreen, SessionInput, SessionKind, SessionView};
use chrono::{Duration, Local, NaiveDate, NaiveTime, TimeZone, Utc};

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

fn note(kind: SessionKind, c: &dyn Clock, present: Vec<PersonId>, soap: [&str; 4]) -> SessionInput {
    let [subjective, objective, assessment, plan] = soap;
    let body = NoteBody::Soap {
        subjective: Some(subjective.into()),
        objective: Some(objective.into()),
        assessment: Some(assessment.into()),
        plan: Some(plan.into()),
    };
    SessionInput {
        starts_at: NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default(),
        ends_at: NaiveTime::from_hms_opt(10, 50, 0).unwrap_or_default(),
        risk_screen: RiskScreen::NoneIdentified,
        ..SessionInput::new(kind, columns::today(c), present, body)
    }
}

/// A clock at `time` on the day `days` ago (local), when a note is written and signed.
fn on_day_at(clock: &dyn Clock, days: i64, time: NaiveTime) -> At<'_> {
    let when = day(clock, days).and_time(time);
    let at =
        Local.from_local_datetime(&when).earliest().map_or_else(|| when.and_utc(), |t| t.with_timezone(&Utc));
    At { base: clock, at }
}

/// Records a 10:00 session held `days` ago, written just after it; signed there and then when
/// `signed`.
fn session_on(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    id: CaseId,
    days: i64,
    signed: bool,
    shape: impl FnOnce(&dyn Clock) -> SessionInput,
) -> Result<SessionView> {
    let c = on_day_at(clock, days, NaiveTime::from_hms_opt(11, 0, 0).unwrap_or_default());
    let note = session::record_session(open, &c, id, shape(&c))?;
    if signed {
        sign(open, &c, RecordRef::SessionNote(note.id))?;
    }
    Ok(note)
}

/// Signs an item now (on the clock's day), as the therapist would right after writing it.
fn sign(open: &mut OpenNotebook, c: &dyn Clock, item: RecordRef) -> Result<()> {
    record::sign_record(open, c, item, SignInput::default()).map(|_| ())
}

/// Gives a measure `days` ago and signs it: item answers for a reproducible measure, or a total.
fn give(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    id: CaseId,
    person: PersonId,
    measure: &str,
    days: i64,
    scores: Result<&[u8], i32>,
) -> Result<()> {
    let c = ago(clock, days);
    let (answers, total) = match scores {
        Ok(items) => (items.iter().copied().map(Some).collect(), None),
        Err(total) => (Vec::new(), Some(measures::Points(total * 100))),
    };
    let input = measures::AdministrationInput {
        person_id: person,
        measure: measure.into(),
        given_on: columns::today(&c),
        session_id: None,
        answers,
        total,
        subscales: Vec::new(),
        risk_action: None,
        sign: true,
    };
    measures::record_measure(open, &c, id, input).map(|_| ())
}

/// The parts of an intake that differ from case to case.
struct Intake {
    problem: &'static str,
    onset: &'static str,
    relationship: &'static str,
    goals: &'static str,
}

fn complete_intake(open: &mut OpenNotebook, c: &dyn Clock, id: CaseId, i: Intake) -> Result<()> {
    let sections = IntakeSections {
        presenting_problem: i.problem.into(),
        onset_course: Some(i.onset.into()),
        relationship: Some(i.relationship.into()),
        partner_violence_screen: Some("Screened; none reported. (demo)".into()),
        mental_health_risk: Some("No current risk. (demo)".into()),
        goals_expectations: Some(i.goals.into()),
        ..IntakeSections::default()
    };
    intake::record_intake(open, c, id, IntakeInput { sections, complete: true, sign: true }).map(|_| ())
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

fn factor_noted(label: &str, p: FourP, domain: FactorDomain, note: &str) -> Factor {
    Factor { note: Some(note.into()), ..factor(label, p, domain) }
}

/// A case's own formulation: its problem, factors, nodal point and where treatment starts.
struct Formulation {
    problem: &'static str,
    factors: Vec<Factor>,
    nodal_point: &'static str,
    implications: &'static str,
    /// How the client(s) took it when it was shared; `None` while not yet shared.
    response: Option<&'static str>,
}

fn formulate(open: &mut OpenNotebook, c: &dyn Clock, id: CaseId, f: Formulation) -> Result<FormulationView> {
    let input = FormulationInput {
        problem_statement: f.problem.into(),
        factors: f.factors,
        nodal_point: Some(f.nodal_point.into()),
        treatment_implications: Some(f.implications.into()),
        shared_on: f.response.map(|_| columns::today(c)),
        shared_response: f.response.map(Into::into),
        ..FormulationInput::default()
    };
    formulation::save_formulation(open, c, id, input)
}

fn goal(description: &str, measure: &str, target: &str, on: NaiveDate) -> GoalInput {
    GoalInput {
        description: description.into(),
        measure: measure.into(),
        target: target.into(),
        target_on: on,
        status: GoalStatus::Active,
        status_reason: None,
        target_measure: None,
        target_score: None,
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

fn make_plan(
    open: &mut OpenNotebook,
    c: &dyn Clock,
    id: CaseId,
    agreed: Vec<PersonId>,
    goals: Vec<GoalInput>,
    interventions: Vec<InterventionInput>,
    review_in_days: i64,
) -> Result<PlanView> {
    let today = columns::today(c);
    let input = PlanInput {
        goals,
        interventions,
        review_on: Some(today + Duration::days(review_in_days)),
        discussed_on: Some(today),
        agreed_by: agreed,
        disagreement: None,
        revision_reason: None,
    };
    plan::save_plan(open, c, id, input)
}

/// A man with erectile difficulty since his divorce, no partner in the case, at plan stage.
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
    session_on(open, clock, id, 28, true, |c| {
        note(
            SessionKind::Intake,
            c,
            vec![me],
            [
                "Loses his erection with new partners since his divorce; fine alone. (demo)",
                "Tense and self-critical; engaged well. (demo)",
                "Acquired, situational erectile difficulty; performance anxiety likely; medical check first. (demo)",
                "Complete the intake; GP check with his consent. (demo)",
            ],
        )
    })?;
    let c = ago(clock, 28);
    let intake = Intake {
        problem: "Loses his erection when about to have sex with a new partner; erections alone and on waking are firm. (demo)",
        onset: "Acquired: began eight months ago, after his divorce, on a first night with someone new. (demo)",
        relationship: "Divorced last year; dating again, no current partner. (demo)",
        goals: "To feel confident enough to date again. (demo)",
    };
    complete_intake(open, &c, id, intake)?;
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
    let formulation = Formulation {
        problem: "Loses his erection at the point of penetration with new partners, on most occasions since his divorce. (demo)",
        factors: vec![
            factor(
                "Believes a “real man” is always ready for sex",
                FourP::Predisposing,
                FactorDomain::Psychological,
            ),
            factor(
                "Divorce, then a first failed erection with someone new",
                FourP::Precipitating,
                FactorDomain::RelationalSocial,
            ),
            factor("Performance anxiety", FourP::Perpetuating, FactorDomain::Psychological),
            factor(
                "Spectatoring: watches his erection instead of feeling",
                FourP::Perpetuating,
                FactorDomain::Psychological,
            ),
            factor(
                "Stopped dating to avoid another failure",
                FourP::Perpetuating,
                FactorDomain::RelationalSocial,
            ),
            factor(
                "Firm erections alone and on waking; medical causes ruled out",
                FourP::Protective,
                FactorDomain::Biological,
            ),
            factor("Motivated and open to homework", FourP::Protective, FactorDomain::Psychological),
        ],
        nodal_point: "Before sex he predicts failure; during it he watches his penis instead of feeling; anxiety dampens arousal and the erection fades; he concludes “I am not a real man” and stops dating, so each new attempt carries higher stakes. (demo)",
        implications: "Start at the spectatoring link: attention back to sensation in solo practice, then test the failure predictions before he dates again. (demo)",
        response: Some("Recognised the cycle at once; relieved that it is not all in his body. (demo)"),
    };
    let formulation = formulate(open, &c, id, formulation)?;
    sign(open, &c, RecordRef::Formulation(formulation.id))?;
    let today = columns::today(&c);
    let goals = vec![
        goal(
            "Keeps his erection in solo practice with attention on sensation (demo)",
            "Solo practices a week with the erection kept",
            "3 of 3",
            today + Duration::days(42),
        ),
        goal(
            "Less worry before a date (demo)",
            "Self-rated worry 0-10 before a date",
            "3 or below",
            today + Duration::days(84),
        ),
        GoalInput {
            target_measure: Some("iief5".into()),
            target_score: Some(measures::Points(2200)),
            ..goal(
                "Erectile function back in the range without difficulty (demo)",
                "IIEF-5",
                "22 or above",
                today + Duration::days(84),
            )
        },
    ];
    let interventions = vec![
        intervention(
            "Psychoeducation",
            Plissit::LimitedInformation,
            vec![0, 1],
            "Read the handout on erections and anxiety. (demo)",
        ),
        intervention(
            "Mindfulness-based sex therapy",
            Plissit::IntensiveTherapy,
            vec![0],
            "Three solo sessions, attention on touch, letting the erection come and go. (demo)",
        ),
        intervention(
            "CBT for performance anxiety",
            Plissit::IntensiveTherapy,
            vec![1],
            "A thought record before and after a date. (demo)",
        ),
    ];
    let plan = make_plan(open, &c, id, vec![me], goals, interventions, 42)?;
    sign(open, &c, RecordRef::Plan(plan.id))?;
    give(open, clock, id, me, "iief5", 28, Err(11))?;
    give(open, clock, id, me, "phq9", 28, Ok(&[1, 1, 2, 1, 0, 1, 1, 0, 0]))?;
    give(open, clock, id, me, "iief5", 7, Err(15))?;
    Ok(id)
}

/// A couple in couples therapy for her low desire since the birth of their son: partner consent,
/// a partner session, couples sessions signed on the day, the plan review overdue, and the latest
/// note (yesterday's or today's) still unsigned, turning late within a day.
pub(super) fn couple_in_couples_therapy(open: &mut OpenNotebook, clock: &dyn Clock) -> Result<CaseId> {
    let client = person("Blake Specimen", AgeBand::From25To34, "she/her");
    let c = ago(clock, 70);
    let case = open_case(open, &c, client, "low_libido", true)?;
    let (id, me) = (case.id, case.client.id);
    session_on(open, clock, id, 70, true, |c| {
        note(
            SessionKind::Intake,
            c,
            vec![me],
            [
                "Little desire since their son was born; exhausted; feels she is failing Casey. (demo)",
                "Tearful when describing the guilt; good rapport. (demo)",
                "Acquired low desire; postnatal fatigue and pressure in the relationship; exclude thyroid and hormonal causes. (demo)",
                "Invite Casey with her consent; GP bloods. (demo)",
            ],
        )
    })?;
    let intake = Intake {
        problem: "Little desire for sex since their son was born; feels guilty. (demo)",
        onset: "Gradual since the birth. (demo)",
        relationship: "Together six years; avoids cuddling lest it lead to sex. (demo)",
        goals: "To want sex again, not just agree to it. (demo)",
    };
    complete_intake(open, &c, id, intake)?;
    let scope = "The difficulty and the plan may be shared; individual history stays private. (demo)";
    let involvement =
        ConsentTerms::PartnerInvolvement { scope: scope.into(), secrets_policy: SecretsPolicy::Limited };
    consent::record_consent(open, &c, id, consent(me, involvement, &c))?;
    let c = ago(clock, 63);
    let partner = person::add_partner(open, &c, id, person("Casey Specimen", AgeBand::From25To34, "he/him"))?;
    let own = ConsentTerms::PartnerOwn { role: PartnerRole::CoClient };
    consent::record_consent(open, &c, id, consent(partner.id, own, &c))?;
    give(open, clock, id, me, "phq9", 70, Ok(&[2, 2, 2, 3, 1, 2, 1, 0, 0]))?;
    give(open, clock, id, me, "csi16", 70, Err(38))?;
    give(open, clock, id, partner.id, "csi16", 63, Err(44))?;
    session_on(open, clock, id, 63, true, |c| {
        note(
            SessionKind::Partner,
            c,
            vec![partner.id],
            [
                "Feels rejected when touch is turned down; initiates more, then sulks and withdraws. (demo)",
                "Open, a little defensive at first. (demo)",
                "A pursue-withdraw pattern around initiation. (demo)",
                "Joint sessions. (demo)",
            ],
        )
    })?;
    let c = ago(clock, 60);
    let done = RuleOutInput {
        status: RuleOutStatus::RuledOut,
        on_date: columns::today(&c),
        note: Some("Postnatal check and bloods normal. (demo)".into()),
    };
    medical::set_rule_out_status(open, &c, id, done)?;
    let c = ago(clock, 56);
    let formulation = Formulation {
        problem: "Avoids sex; rarely feels desire since their son's birth. (demo)",
        factors: vec![
            factor(
                "Preconceived ideas about sex from upbringing",
                FourP::Predisposing,
                FactorDomain::Psychological,
            ),
            factor("Birth of their son; broken sleep", FourP::Precipitating, FactorDomain::Biological),
            factor("Initiations felt as pressure", FourP::Perpetuating, FactorDomain::RelationalSocial),
            factor("Resentment over night feeds", FourP::Perpetuating, FactorDomain::RelationalSocial),
            factor("Partner committed to joint sessions", FourP::Protective, FactorDomain::RelationalSocial),
        ],
        nodal_point: "Casey initiates; Blake feels pressure and guilt, so desire has no room to build; she avoids affection lest it lead to sex; Casey feels rejected and pursues harder. (demo)",
        implications: "The pressure: an intercourse ban, with sensate focus. (demo)",
        response: Some("Both recognised the pursue-withdraw pattern. (demo)"),
    };
    let formulation = formulate(open, &c, id, formulation)?;
    sign(open, &c, RecordRef::Formulation(formulation.id))?;
    let today = columns::today(&c);
    let goals = vec![
        goal("Affection without pressure (demo)", "Evenings a week", "3 a week", today + Duration::days(42)),
        goal(
            "Talk about initiation calmly (demo)",
            "Calm rating 0-10",
            "7 or above",
            today + Duration::days(84),
        ),
    ];
    let interventions = vec![
        intervention(
            "Sensate focus, stage 1",
            Plissit::SpecificSuggestions,
            vec![0],
            "Non-genital touch, three evenings. (demo)",
        ),
        intervention(
            "Couple communication work",
            Plissit::IntensiveTherapy,
            vec![1],
            "A 20-minute talk a week, in turns. (demo)",
        ),
    ];
    // Reviewed six weeks on: that date has passed, so the review is overdue.
    let plan = make_plan(open, &c, id, vec![me, partner.id], goals, interventions, 42)?;
    sign(open, &c, RecordRef::Plan(plan.id))?;
    let goal_ids = |which: &[usize]| which.iter().map(|&i| plan.goals[i].id).collect::<Vec<_>>();
    let couples = [
        (
            49,
            [
                "Touch exercises done twice; Blake relieved by the ban on intercourse. (demo)",
                "Both engaged; more warmth between them. (demo)",
                "The pressure link is loosening. (demo)",
                "Continue stage 1. (demo)",
            ],
            vec![0],
        ),
        (
            35,
            [
                "Blake noticed a flicker of desire during a massage; Casey held back from initiating. (demo)",
                "Relaxed; they laughed together in the session. (demo)",
                "Responsive desire appears when pressure is off. (demo)",
                "Continue stage 1. (demo)",
            ],
            vec![0],
        ),
        (
            21,
            [
                "A row about night-time feeds; Casey said he felt shut out. (demo)",
                "Tense at first, softer by the end. (demo)",
                "The unfinished business about night-time care is surfacing; communication goal now central. (demo)",
                "Weekly talk with turns; agree a night-feed rota. (demo)",
            ],
            vec![1],
        ),
    ];
    for (days, soap, goals) in couples {
        session_on(open, clock, id, days, true, |c| SessionInput {
            goals_addressed: goal_ids(&goals),
            homework_reviewed: Some("Sensate focus practised. (demo)".into()),
            homework_set: Some("Three sessions of non-genital touch. (demo)".into()),
            ..note(SessionKind::Couples, c, vec![me, partner.id], soap)
        })?;
    }
    // The latest session, at 17:00 yesterday (or today, once today's has ended), written just
    // after it and not yet signed: it turns late within a day.
    let (starts, ends) = (
        NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default(),
        NaiveTime::from_hms_opt(17, 50, 0).unwrap_or_default(),
    );
    let now = clock.now().with_timezone(&Local).naive_local();
    let days = if now.time() >= ends { 0 } else { 1 };
    let c = on_day_at(clock, days, NaiveTime::from_hms_opt(18, 0, 0).unwrap_or_default());
    let held_on = columns::today(&c);
    let soap = [
        "Stage 2 touch twice this week; both enjoyed it and Blake initiated once. (demo)",
        "Relaxed, joking together. (demo)",
        "Responsive desire emerging; the pressure cycle has eased. (demo)",
        "Continue stage 2; review the plan next session, its review date has passed. (demo)",
    ];
    let latest = SessionInput {
        starts_at: starts,
        ends_at: ends,
        goals_addressed: goal_ids(&[0, 1]),
        homework_reviewed: Some("Stage 2 touch practised. (demo)".into()),
        homework_set: Some("Stage 2 touch, three times. (demo)".into()),
        next_appointment: Some((held_on + Duration::days(7)).and_time(starts)),
        ..note(SessionKind::Couples, &c, vec![me, partner.id], soap)
    };
    session::record_session(open, &c, id, latest)?;
    give(open, clock, id, me, "phq9", 21, Ok(&[1, 1, 1, 2, 0, 1, 0, 0, 0]))?;
    give(open, clock, id, me, "csi16", 21, Err(49))?;
    give(open, clock, id, partner.id, "csi16", 21, Err(52))?;
    Ok(id)
}

/// A young woman with lifelong vaginismus, no partner in the case: formulated while the
/// gynaecologist's report is awaited, her latest note not yet signed and already late.
pub(super) fn vaginismus_awaiting_rule_out(open: &mut OpenNotebook, clock: &dyn Clock) -> Result<CaseId> {
    let client = person("Devon Placeholder", AgeBand::From18To24, "she/her");
    let c = ago(clock, 24);
    let case = open_case(open, &c, client, "vaginismus", false)?;
    let (id, me) = (case.id, case.client.id);
    session_on(open, clock, id, 24, true, |c| {
        note(
            SessionKind::Intake,
            c,
            vec![me],
            [
                "Has never managed a tampon or penetration; panics at the thought. (demo)",
                "Anxious and blushing, keen to go on. (demo)",
                "Lifelong vaginismus likely; exclude structural causes first. (demo)",
                "Gynaecology referral with her consent. (demo)",
            ],
        )
    })?;
    let intake = Intake {
        problem: "Has never been able to insert a tampon or a finger; the thought of penetration brings panic. (demo)",
        onset: "Lifelong: every attempt since her teens has hurt or stopped at the entrance. (demo)",
        relationship: "Single; would like to date without dreading sex. (demo)",
        goals: "To use a tampon, and later to have a pelvic exam without panic. (demo)",
    };
    complete_intake(open, &c, id, intake)?;
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
    session_on(open, clock, id, 10, true, |c| {
        note(
            SessionKind::Individual,
            c,
            vec![me],
            [
                "Read the anatomy handout; a first look with a mirror was less frightening than she expected. (demo)",
                "Calmer than at the intake. (demo)",
                "Fear of pain is central; avoidance easing with information. (demo)",
                "Relaxation and self-exploration; await the gynaecology report. (demo)",
            ],
        )
    })?;
    let c = ago(clock, 10);
    let awaiting = RuleOutInput {
        status: RuleOutStatus::AwaitingResult,
        on_date: columns::today(&c),
        note: Some("Seen; awaiting report. (demo)".into()),
    };
    medical::set_rule_out_status(open, &c, id, awaiting)?;
    // Formulated while the report is awaited (the formulation says so); not yet shared or signed.
    let c = ago(clock, 5);
    let formulation = Formulation {
        problem: "Cannot insert a tampon or a finger; penetration has never been possible. (demo)",
        factors: vec![
            factor_noted(
                "Preconceived ideas about sex from upbringing",
                FourP::Predisposing,
                FactorDomain::Psychological,
                "Sex before marriage called shameful; genitals never named at home. (demo)",
            ),
            factor(
                "Frightening stories of first-time pain",
                FourP::Predisposing,
                FactorDomain::RelationalSocial,
            ),
            factor(
                "A painful, hurried first pelvic exam at 17",
                FourP::Precipitating,
                FactorDomain::Biological,
            ),
            factor(
                "Fear of pain with involuntary pelvic-floor tightening",
                FourP::Perpetuating,
                FactorDomain::Biological,
            ),
            factor("Avoids tampons, touch and dating", FourP::Perpetuating, FactorDomain::Psychological),
            factor_noted(
                "Medical factors not ruled out",
                FourP::Perpetuating,
                FactorDomain::Biological,
                "Awaiting the gynaecology report. (demo)",
            ),
            factor("Curious, motivated, good rapport", FourP::Protective, FactorDomain::Psychological),
            factor("Close friends she can talk to", FourP::Protective, FactorDomain::RelationalSocial),
        ],
        nodal_point: "Expecting penetration to hurt, she braces; the pelvic floor tightens without her choosing, so any attempt does hurt; the pain confirms the fear and she stops trying, so the fear is never tested. (demo)",
        implications: "Start at the avoidance link: information and self-exploration now, graded finger exposure once the report is in. (demo)",
        response: None,
    };
    formulate(open, &c, id, formulation)?;
    session_on(open, clock, id, 3, false, |c| {
        note(
            SessionKind::Individual,
            c,
            vec![me],
            [
                "Mirror exploration three times; touched the entrance once without panic. (demo)",
                "Proud, a little embarrassed. (demo)",
                "Avoidance loosening before the report is in. (demo)",
                "Continue self-exploration; graded exposure once the report arrives. (demo)",
            ],
        )
    })?;
    Ok(id)
}

/// A closed case: premature ejaculation treated with stop-start, every item signed, discharge
/// summary written.
pub(super) fn closed_premature_ejaculation(open: &mut OpenNotebook, clock: &dyn Clock) -> Result<CaseId> {
    let client = person("Emery Fictional", AgeBand::From45To54, "they/them");
    let c = ago(clock, 300);
    let case = open_case(open, &c, client, "premature_ejaculation", false)?;
    let (id, me) = (case.id, case.client.id);
    session_on(open, clock, id, 300, true, |c| {
        note(
            SessionKind::Intake,
            c,
            vec![me],
            [
                "Ejaculates within about a minute; distressed, and avoiding dating because of it. (demo)",
                "Articulate, embarrassed. (demo)",
                "Lifelong premature ejaculation, moderate; exclude thyroid and prostate causes. (demo)",
                "Psychoeducation; GP check. (demo)",
            ],
        )
    })?;
    let intake = Intake {
        problem: "Comes within about a minute of penetration on most occasions, and avoids new relationships because of it. (demo)",
        onset: "Lifelong; worse since a former partner's remark three years ago. (demo)",
        relationship: "Single for three years; dates now and then. (demo)",
        goals: "To last long enough to enjoy sex, and to stop avoiding dating. (demo)",
    };
    complete_intake(open, &c, id, intake)?;
    let c = ago(clock, 290);
    medical::set_rule_out_status(
        open,
        &c,
        id,
        RuleOutInput { status: RuleOutStatus::RuledOut, on_date: columns::today(&c), note: None },
    )?;
    let formulation = Formulation {
        problem: "Ejaculates within about a minute of penetration on most occasions; avoids dating. (demo)",
        factors: vec![
            factor(
                "Early sexual experiences hurried and secret",
                FourP::Predisposing,
                FactorDomain::Psychological,
            ),
            factor(
                "A former partner's remark about finishing too soon",
                FourP::Precipitating,
                FactorDomain::RelationalSocial,
            ),
            factor("Performance anxiety", FourP::Perpetuating, FactorDomain::Psychological),
            factor("A habit of rushing solo sex to finish", FourP::Perpetuating, FactorDomain::Psychological),
            factor("Good health; medical causes ruled out", FourP::Protective, FactorDomain::Biological),
            factor("Does the homework consistently", FourP::Protective, FactorDomain::Psychological),
        ],
        nodal_point: "Afraid of finishing too soon, they rush to get it over with while scanning for the point of no return; anxious arousal climbs too fast to notice, ejaculation comes within a minute, and the shame makes them rush, and avoid, all the more. (demo)",
        implications: "Work on noticing arousal first: stop-start in solo practice, then with a partner once dating. (demo)",
        response: Some("Recognised the rushing; hopeful that it can be learnt. (demo)"),
    };
    let formulation = formulate(open, &c, id, formulation)?;
    sign(open, &c, RecordRef::Formulation(formulation.id))?;
    let today = columns::today(&c);
    let goals = vec![
        goal(
            "Notices arousal building before the point of no return (demo)",
            "Solo practices with stop-start a week",
            "3 a week",
            today + Duration::days(56),
        ),
        goal(
            "Lasts long enough to enjoy sex (demo)",
            "Estimated minutes before ejaculation",
            "3 or more",
            today + Duration::days(120),
        ),
    ];
    let interventions = vec![
        intervention(
            "Psychoeducation",
            Plissit::LimitedInformation,
            vec![0],
            "Read about the arousal curve. (demo)",
        ),
        intervention(
            "Stop-start",
            Plissit::SpecificSuggestions,
            vec![0, 1],
            "Stop-start three times a week in solo practice. (demo)",
        ),
        intervention(
            "CBT for performance anxiety",
            Plissit::IntensiveTherapy,
            vec![1],
            "Answer “I will finish too soon” with what actually happened. (demo)",
        ),
    ];
    let plan = make_plan(open, &c, id, vec![me], goals, interventions, 60)?;
    sign(open, &c, RecordRef::Plan(plan.id))?;
    let sessions = [
        (
            270,
            [
                "Stop-start three times; stopped in time twice. (demo)",
                "Engaged, a little discouraged. (demo)",
                "Arousal awareness is building. (demo)",
                "Continue stop-start. (demo)",
            ],
        ),
        (
            240,
            [
                "Noticed the rise in arousal every time this week; lasted several minutes alone. (demo)",
                "Brighter; more confident. (demo)",
                "Goal 1 nearly met. (demo)",
                "Carry the skill into dating when ready. (demo)",
            ],
        ),
        (
            210,
            [
                "Went on two dates; sex once, lasted about four minutes and enjoyed it. (demo)",
                "Relaxed and pleased. (demo)",
                "Both goals met; relapse plan discussed. (demo)",
                "End of treatment; close next time. (demo)",
            ],
        ),
    ];
    for (days, soap) in sessions {
        session_on(open, clock, id, days, true, |c| note(SessionKind::Individual, c, vec![me], soap))?;
    }
    let c = ago(clock, 200);
    let close = CloseCase {
        closed_on: columns::today(&c),
        reason: ClosingReason::GoalsAchieved,
        reason_note: None,
        discharge_summary: "Latency and confidence improved; relapse plan agreed. (demo)".into(),
        sign_notes: Vec::new(),
    };
    case::close_case(open, &c, id, close)?;
    Ok(id)
}
