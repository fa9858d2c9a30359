use super::*;
use crate::case::{self, ClosingReason};
use crate::record::{self, AddendumInput, RecordRef, SignInput};
use crate::session::{self, NoteBody, ProcessNoteInput, SessionKind};
use crate::testing::{self, Fixture};
use crate::{drafts, person, plan};

fn find(f: &mut Fixture, text: &str) -> SearchResults {
    search(f.nb(), &SearchRequest { text: text.into(), ..SearchRequest::default() }).unwrap()
}

fn find_with(f: &mut Fixture, request: SearchRequest) -> SearchResults {
    search(f.nb(), &request).unwrap()
}

/// (kind, field) of every hit, best first.
fn places(results: &SearchResults) -> Vec<(SearchKind, String)> {
    results.hits.iter().map(|h| (h.kind, h.field.clone())).collect()
}

fn marked(hit: &SearchHit) -> Vec<String> {
    hit.snippet.iter().filter(|p| p.hit).map(|p| p.text.clone()).collect()
}

fn note(f: &mut Fixture, case: &CaseView, subjective: &str) -> session::SessionView {
    if session::list_sessions(f.nb(), case.id).unwrap().is_empty() {
        f.intake_session(case);
    }
    let on = f.days_ago(10);
    let mut input = testing::session_input(SessionKind::Individual, on, vec![case.client.id]);
    input.body = NoteBody::Soap {
        subjective: Some(subjective.into()),
        objective: None,
        assessment: Some("Steadier than last week.".into()),
        plan: None,
    };
    let (nb, clock) = f.parts();
    session::record_session(nb, clock, case.id, input).unwrap()
}

use crate::case::CaseView;

#[test]
fn a_word_in_a_session_note_is_found_with_its_case_field_and_a_marked_snippet() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let s = note(&mut f, &case, "She described vaginismus after childbirth and avoidance since.");
    let found = find(&mut f, "vaginismus");
    assert_eq!(found.hits.len(), 1);
    let hit = &found.hits[0];
    assert_eq!((hit.kind, hit.field.as_str(), hit.record_id), (SearchKind::Session, "subjective", s.id.0));
    assert_eq!(hit.case_id, case.id);
    assert_eq!(hit.client_name, "Ari Example");
    assert_eq!((hit.kind_label.as_str(), hit.field_label.as_str()), ("Session note", "Subjective"));
    assert_eq!(hit.dated, f.days_ago(10));
    assert_eq!(marked(hit), vec!["vaginismus"]);
    let whole: String = hit.snippet.iter().map(|p| p.text.as_str()).collect();
    assert!(whole.contains("described vaginismus after childbirth"), "{whole}");
    assert!(!found.more);
}

#[test]
fn phrases_prefixes_and_or_match_as_typed() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    note(&mut f, &case, "The pelican focus ban was explained again.");
    note(&mut f, &case, "Focus on pelicans rather than outcome.");
    assert_eq!(find(&mut f, "\"pelican focus ban\"").hits.len(), 1);
    assert_eq!(find(&mut f, "\"focus pelican\"").hits.len(), 0);
    assert_eq!(find(&mut f, "pelica*").hits.len(), 2, "pelican and pelicans");
    let both = find(&mut f, "ban OR outcome");
    assert_eq!(both.hits.len(), 2);
    // Two words: both must be there, in any order and any field.
    assert_eq!(find(&mut f, "outcome focus").hits.len(), 1);
    assert_eq!(find(&mut f, "outcome explained").hits.len(), 0);
    let prefixed = find(&mut f, "vagin* OR explain*");
    assert_eq!(prefixed.terms.len(), 2);
    assert!(prefixed.terms.iter().all(|t| t.prefix));
}

#[test]
fn accents_and_case_do_not_matter() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    note(&mut f, &case, "Spoke about Zoë and the café where they met.");
    assert_eq!(find(&mut f, "zoe").hits.len(), 1);
    assert_eq!(find(&mut f, "ZOË").hits.len(), 1);
    assert_eq!(find(&mut f, "cafe").hits.len(), 1);
    let hit = &find(&mut f, "Zoe").hits[0];
    assert_eq!(marked(hit), vec!["Zoë"], "the snippet marks the text as written");
}

#[test]
fn a_clients_name_finds_the_case() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let found = find(&mut f, "ari");
    assert_eq!(places(&found), vec![(SearchKind::Case, "client".to_string())]);
    assert_eq!(found.hits[0].record_id, case.id.0);
    // A new name replaces the old one in the index, in the same write.
    let (nb, clock) = f.parts();
    let details = crate::person::PersonInput { full_name: "Noor Adams".into(), ..Default::default() };
    person::update_person(nb, clock, case.client.id, details).unwrap();
    assert!(find(&mut f, "ari").hits.is_empty());
    assert_eq!(find(&mut f, "noor").hits.len(), 1);
    // The partner's name finds the case too.
    let (couple, _) = f.couple();
    let partner = find(&mut f, "sam");
    assert_eq!(partner.hits.len(), 1);
    assert_eq!((partner.hits[0].case_id, partner.hits[0].field.as_str()), (couple.id, "partner"));
}

#[test]
fn every_kind_of_record_is_indexed_and_says_what_it_is() {
    let mut f = Fixture::new();
    f.set_name("Dr Test");
    let (case, _) = f.couple();
    f.formulation(case.id);
    f.plan(case.id);
    let s = note(&mut f, &case, "Kept the quagga diary.");
    {
        let (nb, clock) = f.parts();
        let late = SignInput { late_reason: Some("Written up after a week away.".into()) };
        record::sign_record(nb, clock, RecordRef::SessionNote(s.id), late).unwrap();
        let body =
            AddendumInput { reason: "Wrong date".into(), body: "Corrected: the okapi exercise.".into() };
        record::add_addendum(nb, clock, RecordRef::SessionNote(s.id), body).unwrap();
    }
    let on = f.days_ago(5);
    {
        let (nb, clock) = f.parts();
        let input =
            ProcessNoteInput { session: None, written_on: on, body: "My own pangolin reaction.".into() };
        session::record_process_note(nb, clock, case.id, input).unwrap();
    }
    let expect = [
        ("erections", SearchKind::Intake, "presenting_problem"),
        ("spectatoring", SearchKind::Formulation, "nodal_point"),
        ("intercourse", SearchKind::PlanGoal, "description"),
        ("quagga", SearchKind::Session, "subjective"),
        ("individual history", SearchKind::Consent, "scope"),
        ("okapi", SearchKind::Addendum, "body"),
    ];
    for (words, kind, field) in expect {
        let found = find(&mut f, words);
        assert!(
            found.hits.iter().any(|h| h.kind == kind && h.field == field),
            "{words}: {:?}",
            places(&found)
        );
    }
    let addendum = find(&mut f, "okapi");
    assert_eq!(
        (addendum.hits[0].parent_kind.as_deref(), addendum.hits[0].parent_id),
        (Some("session_note"), Some(s.id.0))
    );
    // Process notes only when asked, and marked private.
    assert!(find(&mut f, "pangolin").hits.is_empty());
    let private = find_with(
        &mut f,
        SearchRequest { text: "pangolin".into(), include_process_notes: Some(true), ..Default::default() },
    );
    assert_eq!(private.hits.len(), 1);
    assert!(private.hits[0].private);
    assert_eq!(private.hits[0].kind, SearchKind::ProcessNote);
    // Asking for process notes by kind alone does not include them.
    let by_kind = find_with(
        &mut f,
        SearchRequest {
            text: "pangolin".into(),
            kinds: Some(vec![SearchKind::ProcessNote]),
            ..Default::default()
        },
    );
    assert!(by_kind.hits.is_empty());
    // The closing's discharge summary.
    let closed_on = f.today();
    let (nb, clock) = f.parts();
    let close = case::CloseCase {
        closed_on,
        reason: ClosingReason::GoalsAchieved,
        reason_note: None,
        discharge_summary: "Goals met; narwhal follow-up offered.".into(),
        // The case's unsigned notes are signed as it closes, as the closing form offers.
        sign_notes: crate::due::unsigned_note_ids(nb.store().conn(), case.id)
            .unwrap()
            .into_iter()
            .map(|session_id| case::NoteToSign { session_id, late_reason: Some("Signed on closing.".into()) })
            .collect(),
    };
    case::close_case(nb, clock, case.id, close).unwrap();
    let found = find(&mut f, "narwhal");
    assert_eq!(places(&found), vec![(SearchKind::CaseEvent, "discharge_summary".to_string())]);
}

#[test]
fn an_edited_note_is_found_by_its_new_words_only_and_every_version_stays_searchable() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let s = note(&mut f, &case, "Talked about the tortoise.");
    let on = f.days_ago(10);
    let mut input = testing::session_input(SessionKind::Individual, on, vec![case.client.id]);
    input.body = NoteBody::Soap {
        subjective: Some("Talked about the hare.".into()),
        objective: None,
        assessment: None,
        plan: None,
    };
    let (nb, clock) = f.parts();
    session::update_session(nb, clock, s.id, input).unwrap();
    assert!(find(&mut f, "tortoise").hits.is_empty());
    assert_eq!(find(&mut f, "hare").hits.len(), 1);
    assert!(find(&mut f, "steadier").hits.is_empty(), "the cleared assessment is gone from the index");

    // A revised plan keeps the first version's goal searchable, as its own record.
    f.set_name("Dr Test");
    f.complete_intake(case.id);
    f.intake_session(&case);
    f.formulation(case.id);
    let first = f.plan(case.id);
    let (nb, clock) = f.parts();
    record::sign_record(nb, clock, RecordRef::Plan(first.id), SignInput { late_reason: None }).unwrap();
    let mut revised = testing::plan_input(f.today() + chrono::Duration::days(40));
    revised.goals[0].description = "Comfortable with non-demand touch".into();
    revised.revision_reason = Some("Client asked to slow down".into());
    let (nb, clock) = f.parts();
    plan::save_plan(nb, clock, case.id, revised).unwrap();
    assert_eq!(find(&mut f, "intercourse").hits.len(), 1, "the first version's goal");
    assert_eq!(find(&mut f, "demand").hits.len(), 1);
    assert_eq!(find(&mut f, "slow").hits[0].kind, SearchKind::Plan);
}

#[test]
fn drafts_are_not_searched_and_a_discarded_draft_leaves_nothing() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let clock = f.clock.clone();
    drafts::save_draft(f.nb(), &clock, "session:new:case:1:body", "Half-written: aardvark memory.").unwrap();
    assert!(find(&mut f, "aardvark").hits.is_empty());
    drafts::discard_draft(f.nb(), "session:new:case:1:body").unwrap();
    assert!(find(&mut f, "aardvark").hits.is_empty());
    // Saved as a record, the text is found once.
    note(&mut f, &case, "Aardvark memory from childhood.");
    assert_eq!(find(&mut f, "aardvark").hits.len(), 1);
}

#[test]
fn filters_narrow_by_case_kind_date_and_status() {
    let mut f = Fixture::new();
    let a = f.new_case(false);
    let b = f.new_case(false);
    note(&mut f, &a, "Discussed the lighthouse.");
    note(&mut f, &b, "Discussed the lighthouse too.");
    let all = find(&mut f, "lighthouse");
    assert_eq!(all.hits.len(), 2);
    let one = find_with(
        &mut f,
        SearchRequest { text: "lighthouse".into(), case_id: Some(b.id), ..Default::default() },
    );
    assert_eq!(one.hits.iter().map(|h| h.case_id).collect::<Vec<_>>(), vec![b.id]);
    let intake_only = find_with(
        &mut f,
        SearchRequest {
            text: "lighthouse".into(),
            kinds: Some(vec![SearchKind::Intake]),
            ..Default::default()
        },
    );
    assert!(intake_only.hits.is_empty());
    let from = f.days_ago(9);
    let later = find_with(
        &mut f,
        SearchRequest { text: "lighthouse".into(), from: Some(from), ..Default::default() },
    );
    assert!(later.hits.is_empty(), "both notes are 10 days old");
    let to = f.days_ago(10);
    let upto =
        find_with(&mut f, SearchRequest { text: "lighthouse".into(), to: Some(to), ..Default::default() });
    assert_eq!(upto.hits.len(), 2);
    let closed = find_with(
        &mut f,
        SearchRequest { text: "lighthouse".into(), status: Some(CaseStatus::Closed), ..Default::default() },
    );
    assert!(closed.hits.is_empty());
    let limited =
        find_with(&mut f, SearchRequest { text: "lighthouse".into(), limit: Some(1), ..Default::default() });
    assert_eq!(limited.hits.len(), 1);
    assert!(limited.more);
}

#[test]
fn ranking_puts_the_record_that_is_about_the_words_first() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    for _ in 0..5 {
        note(&mut f, &case, "Weekly check-in; homework done; mood steady and sleep fine this week.");
    }
    let about = note(&mut f, &case, "Dyspareunia: pain at entry, dyspareunia worse when anxious.");
    note(
        &mut f,
        &case,
        "Long session about work stress, family, moving house, a new job, and in passing dyspareunia was mentioned once among many other topics of the week.",
    );
    let found = find(&mut f, "dyspareunia");
    assert_eq!(found.hits.len(), 2);
    assert_eq!(found.hits[0].record_id, about.id.0, "two mentions in a short field rank first");
}

#[test]
fn typing_slips_are_clear_invalid_errors_and_never_sqlite_errors() {
    let mut f = Fixture::new();
    f.new_case(false);
    for bad in ["\"unbalanced", "*", "a*", "va*g", "NEAR(a b)", "(libido", "OR libido", "libido OR", "x**"] {
        let err = search(f.nb(), &SearchRequest { text: bad.into(), ..Default::default() }).unwrap_err();
        match err {
            Error::Invalid { field, message } => {
                assert_eq!(field, "text", "{bad}");
                assert!(
                    !message.to_lowercase().contains("fts5") && !message.contains("syntax"),
                    "{bad}: {message}"
                );
            }
            other => panic!("{bad}: {other:?}"),
        }
    }
    let long = "word ".repeat(MAX_QUERY_CHARS);
    assert!(matches!(
        search(f.nb(), &SearchRequest { text: long, ..Default::default() }),
        Err(Error::Invalid { .. })
    ));
    let ten_mb = "a".repeat(10 * 1024 * 1024);
    assert!(matches!(
        search(f.nb(), &SearchRequest { text: ten_mb, ..Default::default() }),
        Err(Error::Invalid { .. })
    ));
    for bad_limit in [0, MAX_HITS + 1] {
        assert!(matches!(
            search(f.nb(), &SearchRequest { text: "x".into(), limit: Some(bad_limit), ..Default::default() }),
            Err(Error::Invalid { field, .. }) if field == "limit"
        ));
    }
    // FTS5 operators typed as words are just words.
    for plain in ["NEAR", "AND", "NOT", "title:abc", "a^b", "-x", "+y", "{col}", "café:"] {
        assert!(
            search(f.nb(), &SearchRequest { text: plain.into(), ..Default::default() }).is_ok(),
            "{plain}"
        );
    }
    // Nothing searchable typed: no hits, no error.
    for empty in ["", "   ", "- ... ", "\"\""] {
        assert!(find(&mut f, empty).hits.is_empty());
    }
}

#[test]
fn random_queries_never_fail_with_anything_but_invalid() {
    let alphabet: Vec<char> = "ab \"*()OR:^-+{}'.\u{e9}\u{201c}NEAR".chars().collect();
    let mut f = Fixture::new();
    let case = f.new_case(false);
    note(&mut f, &case, "about a bear and a b c");
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..2_000 {
        let len = (seed % 12) as usize;
        let mut text = String::new();
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push(alphabet[(seed % alphabet.len() as u64) as usize]);
        }
        seed ^= seed << 13;
        match search(f.nb(), &SearchRequest { text: text.clone(), ..Default::default() }) {
            Ok(_) | Err(Error::Invalid { .. }) => {}
            Err(other) => panic!("{text:?}: {other:?}"),
        }
    }
}

#[test]
fn searching_changes_nothing_in_the_notebook() {
    let mut f = Fixture::new();
    let case = f.new_case(false);
    note(&mut f, &case, "A sentence to find.");
    let before = f.dump();
    find(&mut f, "sentence");
    find(&mut f, "sent*");
    let _ = search(f.nb(), &SearchRequest { text: "\"broken".into(), ..Default::default() });
    assert_eq!(f.dump(), before);
}

#[test]
fn the_index_agrees_with_a_rebuild_from_the_records() {
    // After a mix of writes, the triggers' index holds exactly what the sources hold.
    let mut f = Fixture::new();
    f.set_name("Dr Test");
    let (case, _) = f.couple();
    f.formulation(case.id);
    f.plan(case.id);
    let s = note(&mut f, &case, "First words.");
    let on = f.days_ago(10);
    let mut input = testing::session_input(SessionKind::Individual, on, vec![case.client.id]);
    input.homework_set = Some("Second words.".into());
    let (nb, clock) = f.parts();
    session::update_session(nb, clock, s.id, input).unwrap();
    let conn = f.nb().store().conn();
    let indexed: Vec<(i64, i64, String, i64, String, String)> = conn
        .prepare("SELECT rowid, case_id, kind, record_id, field, dated FROM search_index ORDER BY rowid")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let views: Vec<String> =
        SearchKind::ALL.iter().map(|k| format!("SELECT * FROM search_src_{}", k.as_str())).collect();
    let rebuilt: Vec<(i64, i64, String, i64, String, String)> = conn
        .prepare(&format!(
            "SELECT key, case_id, kind, record_id, field, dated FROM ({}) WHERE body <> '' ORDER BY key",
            views.join(" UNION ALL ")
        ))
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(indexed, rebuilt);
    assert!(indexed.len() > 10);
    // A snippet's text, read straight from the record's column, is what the view indexed.
    for (_, _, kind, record_id, field, _) in &indexed {
        let kind = SearchKind::parse(kind).unwrap();
        let direct: Option<String> = conn
            .query_row(&source_sql(kind, field), rusqlite::params![record_id, field], |r| r.get(0))
            .unwrap();
        let viewed: Option<String> = conn
            .query_row(
                &format!("SELECT body FROM search_src_{} WHERE record_id = ?1 AND field = ?2", kind.as_str()),
                rusqlite::params![record_id, field],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(direct, viewed, "{kind:?} {field}");
    }
}

#[test]
fn a_record_is_read_by_its_primary_key_when_a_snippet_is_cut() {
    // The snippet reads one record through its search_src view; the filter must reach the table's
    // key in every arm, or each hit would scan the whole table.
    let mut f = Fixture::new();
    let conn = f.nb().store().conn();
    for kind in SearchKind::ALL {
        let plan: Vec<String> = conn
            .prepare(&format!(
                "EXPLAIN QUERY PLAN SELECT body FROM search_src_{} WHERE record_id = 1 AND field = 'x'",
                kind.as_str()
            ))
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert!(
            plan.iter().all(|step| !step.starts_with("SCAN ") || step.starts_with("SCAN search_src_")),
            "{}: {plan:?}",
            kind.as_str()
        );
    }
}

#[test]
fn search_works_while_the_notebook_is_still_read_only_after_unlock() {
    // Until the whole-file check of R7 passes, SQLite refuses every write on the notebook's
    // connection; searching writes nothing there, so it answers at once.
    let mut f = Fixture::new();
    let case = f.new_case(false);
    note(&mut f, &case, "Words to find before the check ends.");
    f.nb().store().conn().execute_batch("PRAGMA query_only = ON;").unwrap();
    assert_eq!(find(&mut f, "ends").hits.len(), 1);
    f.nb().store().conn().execute_batch("PRAGMA query_only = OFF;").unwrap();
}

#[test]
fn common_words_rank_the_newest_session_notes_and_every_other_record() {
    let mut f = Fixture::new();
    let old = f.new_case(false);
    let s = note(&mut f, &old, "The oldest note: a common word.");
    {
        // The intake's presenting problem holds the word too: every kind but session notes is
        // ranked whole, however old.
        let (nb, clock) = f.parts();
        let mut intake = testing::intake_input(true);
        intake.sections.presenting_problem = "Common complaint of pain.".into();
        crate::intake::record_intake(nb, clock, old.id, intake).unwrap();
    }
    let copies = RANK_WINDOW + 50;
    let conn = f.nb().store().conn();
    let columns: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('session_note') WHERE name <> 'id'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let list = columns.join(", ");
    conn.execute_batch(&format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {copies})
         INSERT INTO session_note ({list}) SELECT {list} FROM session_note, n WHERE id = {}",
        s.id.0
    ))
    .unwrap();
    let found =
        find_with(&mut f, SearchRequest { text: "common".into(), limit: Some(100), ..Default::default() });
    assert!(found.recent_only && found.more);
    let newest_window = s.id.0 + copies - RANK_WINDOW;
    for hit in found.hits.iter().filter(|h| h.kind == SearchKind::Session) {
        assert!(hit.record_id > newest_window, "only the newest {RANK_WINDOW} notes are ranked");
    }
    assert!(found.hits.iter().any(|h| h.kind == SearchKind::Intake), "the intake is ranked whole");
    // A rare word is ranked over the whole notebook.
    assert!(!find(&mut f, "complaint").recent_only);
    // So is a search in one case, however common its words.
    let other = f.new_case(false);
    note(&mut f, &other, "A common word in another case.");
    let one = find_with(
        &mut f,
        SearchRequest { text: "common".into(), case_id: Some(other.id), ..Default::default() },
    );
    assert!(!one.recent_only);
    assert_eq!(one.hits.len(), 1);
    assert_eq!(one.hits[0].case_id, other.id);
}

#[test]
fn medical_liaison_is_found_and_follows_a_practitioners_new_name_and_a_withdrawal() {
    use crate::consent::{self, ConsentInput, ConsentMethod, ConsentTerms, WithdrawConsent};
    use crate::medical::{
        self, PractitionerInput, PractitionerKind, ReferralInput, RuleOutInput, RuleOutStatus,
    };
    let mut f = Fixture::new();
    let case = f.new_case(false);
    let (on, earlier) = (f.days_ago(5), f.days_ago(10));
    let uro = |name: &str| PractitionerInput {
        kind: PractitionerKind::Urologist,
        name: name.into(),
        practice: Some("Harbour Urology".into()),
        phone: None,
        email: None,
        address: None,
    };
    let (nb, clock) = f.parts();
    let doctor = medical::add_practitioner(nb, clock, uro("Dr Wilhelmina Okonkwo")).unwrap();
    let release = ConsentInput {
        given_by: case.client.id,
        terms: ConsentTerms::ReleaseOfInformation {
            recipient: doctor.id,
            shared_information: "Erectile history and the tadalafil trial.".into(),
        },
        given_on: earlier,
        expires_on: None,
        method: ConsentMethod::Written,
        note: None,
    };
    let consent = consent::record_consent(nb, clock, case.id, release).unwrap();
    let referral = ReferralInput {
        practitioner: doctor.id,
        referred_on: on,
        reason: "Assess vascular causes before sensate focus.".into(),
        note: Some("Agreed to pause tadalafil until review.".into()),
    };
    medical::add_referral(nb, clock, case.id, referral).unwrap();
    let change = RuleOutInput {
        status: RuleOutStatus::AwaitingResult,
        on_date: on,
        note: Some("Doppler booked.".into()),
    };
    medical::set_rule_out_status(nb, clock, case.id, change).unwrap();

    let kinds = |f: &mut Fixture, q: &str| {
        let mut k: Vec<(SearchKind, String)> = places(&find(f, q));
        k.sort();
        k
    };
    assert_eq!(
        kinds(&mut f, "tadalafil"),
        vec![(SearchKind::Consent, "shared_information".into()), (SearchKind::Referral, "note".into())]
    );
    assert_eq!(kinds(&mut f, "vascular"), vec![(SearchKind::Referral, "reason".into())]);
    assert_eq!(kinds(&mut f, "doppler"), vec![(SearchKind::RuleOut, "note".into())]);
    // "What did I agree with the urologist?": the referral names the practitioner.
    assert_eq!(kinds(&mut f, "okonkwo"), vec![(SearchKind::Referral, "practitioner".into())]);
    let (nb, clock) = f.parts();
    medical::update_practitioner(nb, clock, doctor.id, uro("Dr Wilhelmina Adeyemi")).unwrap();
    assert!(find(&mut f, "okonkwo").hits.is_empty());
    assert_eq!(kinds(&mut f, "adeyemi harbour"), vec![(SearchKind::Referral, "practitioner".into())]);
    // A withdrawal's reason is found with the consent it ends.
    let (nb, clock) = f.parts();
    let withdraw = WithdrawConsent { withdrawn_on: on, reason: Some("Moved to another province.".into()) };
    consent::withdraw_consent(nb, clock, consent.id, withdraw).unwrap();
    assert_eq!(kinds(&mut f, "province"), vec![(SearchKind::Consent, "withdrawal_reason".into())]);
}
