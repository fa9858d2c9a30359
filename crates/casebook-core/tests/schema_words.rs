//! Every closed vocabulary the engine stores is listed word for word in its column's CHECK
//! constraint, so the database refuses a word the engine would not read back, and an enum that
//! grows without a migration is caught here.

use casebook_core::case::{CaseEventKind, CaseStatus, ClosingReason, RetentionProfile};
use casebook_core::columns::TextEnum;
use casebook_core::consent::{ConsentKind, ConsentMethod, PartnerRole, SecretsPolicy};
use casebook_core::diagnosis::{CodeSystem, Context, Course, DiagnosisStatus, Severity};
use casebook_core::formulation::{FactorDomain, FourP};
use casebook_core::measures::Direction;
use casebook_core::medical::{PractitionerKind, RuleOutStatus};
use casebook_core::person::AgeBand;
use casebook_core::plan::{GoalStatus, Plissit};
use casebook_core::record::RecordKind;
use casebook_core::record::audit::{AuditAction, AuditTable};
use casebook_core::session::{Modality, NoteFormat, RiskScreen, SessionKind};
use casebook_core::settings::DateFormat;
use std::collections::{BTreeMap, BTreeSet};

const SQL: [&str; 4] = [
    include_str!("../src/store/migrations/0002_cases.sql"),
    include_str!("../src/store/migrations/0003_record.sql"),
    include_str!("../src/store/migrations/0009_date_format.sql"),
    include_str!("../src/store/migrations/0011_measures.sql"),
];

/// (table, column) -> the words of its `column IN ('a', 'b')` CHECK; a table made again by a later
/// migration (with a longer list) replaces the earlier one.
fn checks() -> BTreeMap<(String, String), BTreeSet<String>> {
    let mut out = BTreeMap::new();
    let mut table = String::new();
    for line in SQL.iter().flat_map(|sql| sql.lines()).map(str::trim) {
        for prefix in ["CREATE TABLE ", "ALTER TABLE "] {
            if let Some(rest) = line.strip_prefix(prefix) {
                table = rest.split([' ', '(']).next().unwrap_or_default().to_string();
                if prefix == "CREATE TABLE " {
                    out.retain(|(t, _), _| *t != table);
                }
            }
        }
        let mut rest = line;
        while let Some(at) = rest.find(" IN (") {
            let column = rest[..at].rsplit([' ', '(']).next().unwrap_or_default().to_string();
            let after = &rest[at + 5..];
            let end = after.find(')').unwrap_or(after.len());
            let words: BTreeSet<String> = after[..end]
                .split(',')
                .map(|w| w.trim().trim_matches('\'').to_string())
                .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
                .collect();
            if !words.is_empty() {
                out.entry((table.clone(), column)).or_insert(words);
            }
            rest = &after[end..];
        }
    }
    out
}

fn words<T: TextEnum>() -> BTreeSet<String> {
    T::ALL.iter().map(|v| v.as_str().to_string()).collect()
}

#[test]
fn every_stored_enum_matches_its_check_constraint() {
    let checks = checks();
    let expect: Vec<(&str, &str, BTreeSet<String>)> = vec![
        ("settings", "retention_profile", words::<RetentionProfile>()),
        ("settings", "default_note_format", words::<NoteFormat>()),
        ("settings", "date_format", words::<DateFormat>()),
        ("person", "age_band", words::<AgeBand>()),
        ("case_file", "status", words::<CaseStatus>()),
        ("case_event", "kind", words::<CaseEventKind>()),
        ("case_event", "closing_reason", words::<ClosingReason>()),
        ("practitioner", "kind", words::<PractitionerKind>()),
        ("consent", "kind", words::<ConsentKind>()),
        ("consent", "method", words::<ConsentMethod>()),
        ("consent", "secrets_policy", words::<SecretsPolicy>()),
        ("consent", "partner_role", words::<PartnerRole>()),
        ("rule_out", "status", words::<RuleOutStatus>()),
        ("diagnosis_catalogue_code", "system", words::<CodeSystem>()),
        ("diagnosis", "code_system", words::<CodeSystem>()),
        ("diagnosis", "status", words::<DiagnosisStatus>()),
        ("diagnosis", "course", words::<Course>()),
        ("diagnosis", "context", words::<Context>()),
        ("diagnosis", "severity", words::<Severity>()),
        ("factor_vocabulary", "usual_p", words::<FourP>()),
        ("factor_vocabulary", "usual_domain", words::<FactorDomain>()),
        ("formulation", "biomedical_status", words::<RuleOutStatus>()),
        ("formulation_factor", "p", words::<FourP>()),
        ("formulation_factor", "domain", words::<FactorDomain>()),
        ("intervention_catalogue", "plissit", words::<Plissit>()),
        ("plan_goal", "status", words::<GoalStatus>()),
        ("plan_intervention", "plissit", words::<Plissit>()),
        ("session_note", "kind", words::<SessionKind>()),
        ("session_note", "format", words::<NoteFormat>()),
        ("session_note", "modality", words::<Modality>()),
        ("session_note", "risk_screen", words::<RiskScreen>()),
        ("addendum", "record_kind", words::<RecordKind>()),
        ("audit_entry", "action", words::<AuditAction>()),
        ("audit_entry", "target_table", words::<AuditTable>()),
        ("custom_measure", "direction", words::<Direction>()),
    ];
    for (table, column, want) in expect {
        let got = checks.get(&(table.to_string(), column.to_string()));
        assert_eq!(got, Some(&want), "{table}.{column}");
    }
}
