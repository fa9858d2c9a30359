//! Administrations through the engine: scoring and storage by licence, the item-9 rule, the
//! partner, session and closed-case rules (each refusal typed, nothing written), signing and
//! addenda, trends with their meaningful change, custom measures, and goal targets.

use super::*;
use crate::case::CaseView;
use crate::plan::{self, GoalInput};
use crate::record::{self, AddendumInput, RecordRef};
use crate::session;
use crate::testing::{Fixture, field_of, phq9_input, plan_input, rule_of};
use crate::workflow::Rule;
use chrono::Duration;

fn give(f: &mut Fixture, case: &CaseView, input: AdministrationInput) -> Result<AdministrationView> {
    let (nb, clock) = f.parts();
    record_measure(nb, clock, case.id, input)
}

fn entered(
    person: crate::person::PersonId,
    measure: &str,
    on: chrono::NaiveDate,
    total: f64,
) -> AdministrationInput {
    AdministrationInput {
        measure: measure.into(),
        answers: Vec::new(),
        total: Some(Points((total * 100.0).round() as Score)),
        risk_action: None,
        ..phq9_input(person, on, 0)
    }
}

/// Runs a refused call and checks it wrote nothing.
fn refused<T: std::fmt::Debug>(f: &mut Fixture, call: impl FnOnce(&mut Fixture) -> Result<T>) -> Result<T> {
    let before = f.dump();
    let r = call(f);
    assert!(r.is_err(), "{r:?}");
    assert_eq!(f.dump(), before, "a refusal writes nothing");
    r
}

#[test]
fn a_phq9_is_scored_item_by_item_and_kept_as_answers_without_any_item_text() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let mut input = phq9_input(case.client.id, f.days_ago(10), 2);
    input.answers[8] = Some(0);
    input.risk_action = None;
    let given = give(&mut f, &case, input).unwrap();
    assert_eq!(given.total, Points(1600));
    assert_eq!(given.band.as_deref(), Some("Moderately severe"));
    assert_eq!(given.answers, vec![2, 2, 2, 2, 2, 2, 2, 2, 0]);
    assert_eq!((given.whose, given.risk_raised, given.signed_at), (Whose::Client, false, None));
    let conn = f.nb().store().conn();
    let stored: (Option<String>, Option<String>) = conn
        .query_row("SELECT answers, subscales FROM measure_administration WHERE id = ?1", [given.id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(stored, (Some("222222220".into()), None));
    let iief = {
        let input = entered(case.client.id, "iief5", f.days_ago(10), 17.0);
        give(&mut f, &case, input)
    }
    .unwrap();
    assert_eq!((iief.band.as_deref(), iief.answers.len()), (Some("Mild"), 0));
    // Licence-aware storage: nothing of any measure's wording is in the notebook.
    let dump = format!("{:?}", f.dump());
    for words in ["Little interest", "Feeling down", "Not at all", "Nearly every day"] {
        assert!(!dump.contains(words), "{words} is stored");
    }
}

#[test]
fn phq9_item_9_above_0_needs_the_action_taken_and_the_note_of_its_session_shows_it() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let intake = f.intake_session(&case);
    let mut input = phq9_input(case.client.id, intake.held_on, 1);
    input.risk_action = None;
    let r = refused(&mut f, |f| give(f, &case, input.clone()));
    assert_eq!(field_of(r), "riskAction");
    input.risk_action = Some("   ".into());
    assert_eq!(field_of(refused(&mut f, |f| give(f, &case, input.clone()))), "riskAction");
    let mut calm = phq9_input(case.client.id, intake.held_on, 0);
    calm.risk_action = Some("Nothing raised, but written anyway.".into());
    assert_eq!(field_of(refused(&mut f, |f| give(f, &case, calm))), "riskAction");
    input.risk_action = Some("Safety plan made; GP informed with consent.".into());
    input.session_id = Some(intake.id);
    let given = give(&mut f, &case, input).unwrap();
    assert!(given.risk_raised);
    let note = session::get_session(f.nb(), intake.id).unwrap();
    assert_eq!(note.measures.len(), 1);
    assert!(note.measures[0].risk_raised);
    assert_eq!(note.measures[0].risk_action.as_deref(), Some("Safety plan made; GP informed with consent."));
}

#[test]
fn bad_input_is_refused_by_field_and_writes_nothing() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let client = case.client.id;
    let on = f.days_ago(5);
    let cases: Vec<(AdministrationInput, &str)> = vec![
        (AdministrationInput { measure: "beck".into(), ..phq9_input(client, on, 0) }, "measure"),
        (AdministrationInput { measure: "custom_99".into(), ..phq9_input(client, on, 0) }, "measure"),
        (phq9_input(client, f.today() + Duration::days(1), 0), "givenOn"),
        (phq9_input(client, f.days_ago(61), 0), "givenOn"),
        (AdministrationInput { answers: vec![Some(1); 8], ..phq9_input(client, on, 0) }, "items"),
        (AdministrationInput { answers: vec![Some(4); 9], ..phq9_input(client, on, 0) }, "items.0"),
        (
            AdministrationInput {
                answers: {
                    vec![Some(0), Some(0), None, Some(0), Some(0), Some(0), Some(0), Some(0), Some(0)]
                },
                ..phq9_input(client, on, 0)
            },
            "items.2",
        ),
        (AdministrationInput { total: Some(Points(900)), ..phq9_input(client, on, 0) }, "total"),
        (entered(client, "iief5", on, 26.0), "total"),
        (entered(client, "iief5", on, 4.0), "total"),
        (entered(client, "iief5", on, 12.5), "total"),
        (entered(client, "fsfi", on, 26.55), "total"),
        (AdministrationInput { total: None, ..entered(client, "pedt", on, 0.0) }, "total"),
        (AdministrationInput { answers: vec![Some(1); 5], ..entered(client, "iief5", on, 12.0) }, "answers"),
        (
            AdministrationInput {
                subscales: vec![SubscaleInput { code: "mood".into(), score: Points(300) }],
                ..entered(client, "fsfi", on, 20.0)
            },
            "subscales",
        ),
        (
            AdministrationInput {
                subscales: vec![SubscaleInput { code: "desire".into(), score: Points(100) }],
                ..entered(client, "fsfi", on, 20.0)
            },
            "subscales.desire",
        ),
        (
            AdministrationInput {
                subscales: vec![
                    SubscaleInput { code: "desire".into(), score: Points(300) },
                    SubscaleInput { code: "desire".into(), score: Points(360) },
                ],
                ..entered(client, "fsfi", on, 20.0)
            },
            "subscales.desire",
        ),
        (
            AdministrationInput { person_id: crate::person::PersonId(9999), ..phq9_input(client, on, 0) },
            "personId",
        ),
    ];
    for (input, field) in cases {
        let r = refused(&mut f, |f| give(f, &case, input.clone()));
        assert_eq!(field_of(r), field, "{input:?}");
    }
    // All six FSFI domains must add up to the total, within each domain's rounding.
    let six = |scores: [Score; 6]| -> Vec<SubscaleInput> {
        ["desire", "arousal", "lubrication", "orgasm", "satisfaction", "pain"]
            .iter()
            .zip(scores)
            .map(|(c, s)| SubscaleInput { code: (*c).into(), score: Points(s) })
            .collect()
    };
    let wrong = AdministrationInput {
        subscales: six([300, 360, 450, 400, 440, 480]),
        ..entered(client, "fsfi", on, 30.0)
    };
    assert_eq!(field_of(refused(&mut f, |f| give(f, &case, wrong))), "total");
    let right = AdministrationInput {
        subscales: six([300, 360, 450, 400, 440, 480]),
        ..entered(client, "fsfi", on, 24.3)
    };
    let fsfi = give(&mut f, &case, right).unwrap();
    assert_eq!(fsfi.subscales.len(), 6);
    assert_eq!((fsfi.subscales[0].name.as_str(), fsfi.subscales[0].score), ("Desire", Points(300)));
    assert_eq!(fsfi.band.as_deref(), Some("Suggests sexual dysfunction"));
    // A score with more than two decimals never reaches the engine: the number is refused.
    assert!(serde_json::from_str::<Points>("26.555").is_err());
    assert_eq!(serde_json::from_str::<Points>("26.55").unwrap(), Points(2655));
}

#[test]
fn a_partners_scores_need_both_consents_and_are_the_partners() {
    let mut f = Fixture::new();
    let case = f.new_case(true);
    f.intake_session(&case);
    f.complete_intake(case.id);
    f.partner_consent(&case);
    let partner = f.add_partner(case.id);
    let on = f.days_ago(5);
    let r = refused(&mut f, |f| give(f, &case, entered(partner.id, "csi16", on, 40.0)));
    assert_eq!(rule_of(r), Rule::PartnerOwnConsent.as_str());
    f.partner_own(case.id, partner.id);
    let before_consent = f.days_ago(50);
    let r = refused(&mut f, |f| give(f, &case, entered(partner.id, "csi16", before_consent, 40.0)));
    assert_eq!(rule_of(r), Rule::PartnerInvolvementConsent.as_str());
    let given = give(&mut f, &case, entered(partner.id, "csi16", on, 40.0)).unwrap();
    assert_eq!(
        (given.whose, given.band.as_deref()),
        (Whose::Partner, Some("Suggests relationship distress"))
    );
    // Someone of another case is nobody here.
    let other = f.new_case(false);
    let r = refused(&mut f, |f| give(f, &case, entered(other.client.id, "csi16", on, 40.0)));
    assert_eq!(field_of(r), "personId");
}

#[test]
fn a_measure_in_a_session_is_of_that_case_that_day_and_that_person() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let intake = f.intake_session(&case);
    let other = f.new_case(false);
    let elsewhere = f.intake_session(&other);
    let client = case.client.id;
    let mut input = phq9_input(client, intake.held_on, 0);
    input.session_id = Some(elsewhere.id);
    assert_eq!(field_of(refused(&mut f, |f| give(f, &case, input.clone()))), "sessionId");
    input.session_id = Some(intake.id);
    input.given_on = intake.held_on + Duration::days(1);
    assert_eq!(field_of(refused(&mut f, |f| give(f, &case, input.clone()))), "givenOn");
    input.given_on = intake.held_on;
    let given = give(&mut f, &case, input).unwrap();
    assert_eq!(given.session_id, Some(intake.id));
}

#[test]
fn a_closed_case_takes_no_measure_and_a_signed_one_is_final_but_takes_addenda() {
    let mut f = Fixture::new();
    f.set_name("Dr Lindiwe Dube");
    let case = f.new_case(false);
    let mut input = phq9_input(case.client.id, f.days_ago(3), 0);
    input.sign = true;
    let given = give(&mut f, &case, input.clone()).unwrap();
    assert_eq!(given.signed_by.as_deref(), Some("Dr Lindiwe Dube"));
    let r = refused(&mut f, |f| {
        let input = phq9_input(case.client.id, f.days_ago(3), 1);
        let (nb, clock) = f.parts();
        update_measure(nb, clock, given.id, input)
    });
    assert_eq!(rule_of(r), Rule::AlreadySigned.as_str());
    let (nb, clock) = f.parts();
    let correction =
        AddendumInput { reason: "Item 3 was misread.".into(), body: "Item 3 should be 1, total 1.".into() };
    let addendum = record::add_addendum(nb, clock, RecordRef::Measure(given.id), correction);
    assert!(addendum.is_ok(), "{addendum:?}");
    // An unsigned one is corrected, then signed through the generic signing.
    input.sign = false;
    let draft = give(&mut f, &case, input).unwrap();
    let input = phq9_input(case.client.id, f.days_ago(2), 1);
    let (nb, clock) = f.parts();
    let fixed = update_measure(nb, clock, draft.id, input).unwrap();
    assert_eq!((fixed.total, fixed.given_on), (Points(900), f.days_ago(2)));
    let (nb, clock) = f.parts();
    record::sign_record(nb, clock, RecordRef::Measure(draft.id), record::SignInput::default()).unwrap();
    f.nb().store().conn().execute("UPDATE case_file SET status = 'closed' WHERE id = ?1", [case.id]).unwrap();
    let r = refused(&mut f, |f| give(f, &case, phq9_input(case.client.id, f.days_ago(1), 0)));
    assert_eq!(rule_of(r), Rule::ClosedCaseReadOnly.as_str());
    let audit: i64 = f
        .nb()
        .store()
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_entry WHERE target_table = 'measure_administration' AND case_id = ?1",
            [case.id],
            |r| r.get(0),
        )
        .unwrap();
    // Created and signed; the addendum; created; edited; signed.
    assert_eq!(audit, 6);
}

#[test]
fn trends_group_by_measure_and_person_and_know_a_meaningful_change() {
    let mut f = Fixture::new();
    let (case, partner) = f.couple();
    let client = case.client.id;
    let mut first = phq9_input(client, f.days_ago(35), 2);
    first.answers[8] = Some(0);
    first.risk_action = None;
    give(&mut f, &case, first).unwrap();
    let mut second = phq9_input(client, f.days_ago(7), 1);
    second.answers[8] = Some(0);
    second.risk_action = None;
    give(&mut f, &case, second).unwrap();
    {
        let input = entered(partner.id, "csi16", f.days_ago(30), 40.0);
        give(&mut f, &case, input)
    }
    .unwrap();
    {
        let input = entered(client, "csi16", f.days_ago(30), 55.0);
        give(&mut f, &case, input)
    }
    .unwrap();
    {
        let input = AdministrationInput {
            measure: "gad7".into(),
            answers: [2, 2, 2, 2, 0, 0, 0].map(Some).to_vec(),
            ..phq9_input(client, f.days_ago(30), 0)
        };
        give(&mut f, &case, input)
    }
    .unwrap();
    {
        let input = AdministrationInput {
            measure: "gad7".into(),
            answers: [1, 1, 1, 1, 1, 1, 0].map(Some).to_vec(),
            ..phq9_input(client, f.days_ago(2), 0)
        };
        give(&mut f, &case, input)
    }
    .unwrap();
    let m = {
        let (nb, clock) = f.parts();
        case_measures(nb, clock, case.id)
    }
    .unwrap();
    assert_eq!(m.administrations.len(), 6);
    assert!(m.administrations.windows(2).all(|w| w[0].given_on >= w[1].given_on), "newest first");
    let order: Vec<(&str, Whose)> = m.trends.iter().map(|t| (t.measure.as_str(), t.whose)).collect();
    assert_eq!(
        order,
        [
            ("phq9", Whose::Client),
            ("gad7", Whose::Client),
            ("csi16", Whose::Client),
            ("csi16", Whose::Partner)
        ]
    );
    let phq9 = &m.trends[0];
    assert_eq!(
        phq9.points.iter().map(|p| (p.total, p.week)).collect::<Vec<_>>(),
        [(Points(1600), 0), (Points(800), 4)]
    );
    assert_eq!((phq9.change, phq9.meaningful), (Points(-800), Some(ChangeSense::Better)));
    assert_eq!((m.trends[1].change, m.trends[1].meaningful), (Points(-200), None), "GAD-7 needs 4 points");
    assert_eq!(m.trends[3].points.len(), 1);
}

fn custom_input() -> CustomMeasureInput {
    CustomMeasureInput {
        name: "Sexual confidence scale".into(),
        construct: "Sexual confidence".into(),
        min: Points(0),
        max: Points(1000),
        step: Points(50),
        direction: Direction::HigherIsBetter,
        bands: vec![
            BandInput { from: Points(0), to: Points(400), label: "Low".into() },
            BandInput { from: Points(410), to: Points(1000), label: "Usual".into() },
        ],
        meaningful_change: Some(Points(200)),
    }
}

#[test]
fn a_custom_measure_is_checked_like_a_built_in_one() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let add = |f: &mut Fixture, input: CustomMeasureInput| {
        let (nb, clock) = f.parts();
        add_custom_measure(nb, clock, input)
    };
    // Steps are whole points, tenths or hundredths.
    assert_eq!(field_of(refused(&mut f, |f| add(f, custom_input()))), "step");
    let good = CustomMeasureInput { step: Points(10), ..custom_input() };
    let bad: Vec<(CustomMeasureInput, &str)> = vec![
        (CustomMeasureInput { name: "PHQ-9".into(), ..good.clone() }, "name"),
        (CustomMeasureInput { name: " ".into(), ..good.clone() }, "name"),
        (CustomMeasureInput { max: Points(0), ..good.clone() }, "max"),
        (CustomMeasureInput { bands: Vec::new(), ..good.clone() }, "bands"),
        (
            CustomMeasureInput {
                bands: vec![
                    BandInput { from: Points(0), to: Points(400), label: "Low".into() },
                    BandInput { from: Points(500), to: Points(1000), label: "Usual".into() },
                ],
                ..good.clone()
            },
            "bands.1.from",
        ),
        (
            CustomMeasureInput {
                bands: vec![BandInput { from: Points(100), to: Points(1000), label: "All".into() }],
                ..good.clone()
            },
            "bands.0.from",
        ),
        (
            CustomMeasureInput {
                bands: vec![BandInput { from: Points(0), to: Points(900), label: "All".into() }],
                ..good.clone()
            },
            "bands.0.to",
        ),
        (
            CustomMeasureInput {
                bands: vec![BandInput { from: Points(0), to: Points(1000), label: "a\nb".into() }],
                ..good.clone()
            },
            "bands.0.label",
        ),
        (CustomMeasureInput { meaningful_change: Some(Points(0)), ..good.clone() }, "meaningfulChange"),
        (CustomMeasureInput { meaningful_change: Some(Points(5000)), ..good.clone() }, "meaningfulChange"),
    ];
    for (input, field) in bad {
        assert_eq!(field_of(refused(&mut f, |f| add(f, input.clone()))), field, "{input:?}");
    }
    let added = add(&mut f, good.clone()).unwrap();
    assert!(added.custom && added.items.is_empty());
    assert_eq!(field_of(refused(&mut f, |f| add(f, good.clone()))), "name", "a name is used once");
    let all = list_measures(f.nb()).unwrap();
    assert_eq!(all.last().map(|m| m.code.clone()), Some(added.code.clone()));
    assert_eq!(all.len(), BUILT_IN.len() + 1);
    let on = f.days_ago(3);
    let r = refused(&mut f, |f| give(f, &case, entered(case.client.id, &added.code, on, 4.25)));
    assert_eq!(field_of(r), "total", "off the step");
    let given = give(&mut f, &case, entered(case.client.id, &added.code, on, 4.5)).unwrap();
    assert_eq!(
        (given.band.as_deref(), given.measure_name.as_str()),
        (Some("Usual"), "Sexual confidence scale")
    );
}

#[test]
fn a_goal_can_aim_at_a_score_and_shows_each_persons_progress() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    f.intake_session(&case);
    f.complete_intake(case.id);
    f.formulation(case.id);
    let review = f.today() + Duration::days(30);
    let aimed = |measure: &str, score: Option<Score>| {
        let mut input = plan_input(review);
        input.goals[0] = GoalInput {
            target_measure: Some(measure.into()),
            target_score: score.map(Points),
            ..input.goals[0].clone()
        };
        input
    };
    for (input, field) in [
        (aimed("iief5", None), "goals.0.targetScore"),
        (aimed("iief5", Some(2600)), "goals.0.targetScore"),
        (aimed("shim", Some(2200)), "goals.0.targetMeasure"),
    ] {
        let r = refused(&mut f, |f| {
            let (nb, clock) = f.parts();
            plan::save_plan(nb, clock, case.id, input)
        });
        assert_eq!(field_of(r), field);
    }
    let (nb, clock) = f.parts();
    let saved = plan::save_plan(nb, clock, case.id, aimed("iief5", Some(2200))).unwrap();
    assert!(saved.goals[0].progress.is_empty(), "nothing given yet");
    {
        let input = entered(case.client.id, "iief5", f.days_ago(20), 12.0);
        give(&mut f, &case, input)
    }
    .unwrap();
    {
        let input = entered(case.client.id, "iief5", f.days_ago(2), 18.0);
        give(&mut f, &case, input)
    }
    .unwrap();
    let plan = {
        let (nb, clock) = f.parts();
        plan::get_plan(nb, clock, case.id)
    }
    .unwrap()
    .unwrap();
    let progress = &plan.goals[0].progress;
    assert_eq!(progress.len(), 1);
    assert_eq!(
        (progress[0].baseline, progress[0].latest, progress[0].met),
        (Points(1200), Points(1800), false)
    );
    {
        let input = entered(case.client.id, "iief5", f.days_ago(1), 23.0);
        give(&mut f, &case, input)
    }
    .unwrap();
    let plan = {
        let (nb, clock) = f.parts();
        plan::get_plan(nb, clock, case.id)
    }
    .unwrap()
    .unwrap();
    assert!(plan.goals[0].progress[0].met);
    // The next version keeps the target.
    let input = aimed("iief5", Some(2200));
    let (nb, clock) = f.parts();
    let next = plan::save_plan(nb, clock, case.id, input).unwrap();
    assert_eq!(next.goals[0].target_score, Some(Points(2200)));
}

#[test]
fn an_unsigned_measure_is_due_counted_on_its_case_and_holds_its_closing() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let intake = f.intake_session(&case);
    f.sign_all_notes(case.id);
    let mut input = phq9_input(case.client.id, intake.held_on, 1);
    input.session_id = Some(intake.id);
    let given = give(&mut f, &case, input).unwrap();
    assert_eq!(given.risk_item, Some(9), "numbered as the form numbers it");
    let sessions = session::list_sessions(f.nb(), case.id).unwrap();
    assert_eq!(sessions[0].present, vec![case.client.id]);
    let (nb, clock) = f.parts();
    let due = crate::due::due(nb, clock).unwrap();
    let listed: Vec<_> = due
        .items
        .iter()
        .filter_map(|i| match i {
            crate::due::DueItem::MeasureToSign { administration_id, measure_name, .. } => {
                Some((*administration_id, measure_name.clone()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(listed, [(given.id, "PHQ-9".to_string())]);
    let view = crate::case::get_case(nb, clock, case.id).unwrap();
    assert_eq!((view.unsigned_notes, view.unsigned_measures), (0, 1));
    let close = crate::case::CloseCase {
        closed_on: f.today(),
        reason: crate::case::ClosingReason::GoalsAchieved,
        reason_note: None,
        discharge_summary: "Goals met.".into(),
        sign_notes: Vec::new(),
    };
    let r = refused(&mut f, |f| {
        let (nb, clock) = f.parts();
        crate::case::close_case(nb, clock, case.id, close.clone())
    });
    assert_eq!(rule_of(r), Rule::UnsignedMeasures.as_str());
    let (nb, clock) = f.parts();
    record::sign_record(nb, clock, RecordRef::Measure(given.id), record::SignInput::default()).unwrap();
    assert!(
        !crate::due::due(nb, clock)
            .unwrap()
            .items
            .iter()
            .any(|i| matches!(i, crate::due::DueItem::MeasureToSign { .. }))
    );
    crate::case::close_case(nb, clock, case.id, close).unwrap();
}

#[test]
fn the_action_taken_on_a_risk_item_is_searchable_and_follows_its_corrections() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let mut input = phq9_input(case.client.id, f.days_ago(4), 1);
    input.risk_action = Some("Agreed a safety plan and the crisis line number.".into());
    let given = give(&mut f, &case, input.clone()).unwrap();
    let find = |f: &mut Fixture, words: &str| -> Vec<(crate::search::SearchKind, i64, String)> {
        let request = crate::search::SearchRequest { text: words.into(), ..Default::default() };
        crate::search::search(f.nb(), &request)
            .unwrap()
            .hits
            .into_iter()
            .map(|h| (h.kind, h.record_id, h.field_label))
            .collect()
    };
    assert_eq!(
        find(&mut f, "crisis"),
        [(crate::search::SearchKind::Measure, given.id.0, "Action taken on the risk item".to_string())]
    );
    input.risk_action = Some("Agreed a safety plan with the locum.".into());
    let (nb, clock) = f.parts();
    update_measure(nb, clock, given.id, input).unwrap();
    assert!(find(&mut f, "crisis").is_empty(), "the corrected words are gone");
    assert_eq!(find(&mut f, "locum").len(), 1);
}
