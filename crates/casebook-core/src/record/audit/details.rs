//! What the notebook still holds about the records audit entries name, read when the trail is
//! shown, so a summary can say "Added Lerato Dlamini as partner" or "Signed the session note of
//! 12 Mar 2025" while the stored entry keeps only table, id and case (never a name or content).
//!
//! The lookups are batched: one query per table for all the ids a page (or a case's history)
//! names, never one per entry. A record the notebook no longer holds (or one whose stored words
//! this version does not know) has no details, and its entry keeps the generic wording.
//!
//! These summaries name people and practitioners: they are for the unlocked window only. No
//! export, letter or log uses them.

use super::AuditTable;
use crate::case::ClosingReason;
use crate::columns::{self, TextEnum};
use crate::consent::{ConsentKind, PartnerRole};
use crate::error::Result;
use crate::medical::{PractitionerKind, RuleOutStatus};
use crate::session::SessionKind;
use crate::settings::DateFormat;
use chrono::NaiveDate;
use rusqlite::{Connection, Row};
use std::collections::{BTreeSet, HashMap};

/// Ids per SQL statement, well under SQLite's limit on parameters.
const CHUNK: usize = 500;

/// What one record says about itself in a summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Detail {
    /// A client or a partner (or a person who is neither any more).
    Person {
        name: String,
        role: Option<&'static str>,
    },
    /// The client's name, for a case.
    Case {
        client: String,
    },
    Consent {
        what: String,
        version: i64,
    },
    CaseEvent {
        closing_reason: Option<ClosingReason>,
    },
    RuleOut {
        status: RuleOutStatus,
    },
    /// "Dr Pillay (urologist)", for a practitioner or the recipient of a referral.
    Practitioner {
        who: String,
    },
    Diagnosis {
        name: String,
        code: String,
    },
    /// A catalogue or vocabulary entry's name.
    Entry {
        name: String,
    },
    /// A formulation or plan version.
    Version(i64),
    /// "the couples session note of 12 Mar 2025", or "the PHQ-9 given on 12 Mar 2025".
    Session {
        note: String,
    },
    /// The day it was written, as the window writes dates.
    ProcessNote {
        written_on: String,
    },
}

/// The details of the records a set of entries names, looked up table by table.
#[derive(Debug, Default)]
pub(super) struct Details {
    found: HashMap<(AuditTable, i64), Detail>,
}

impl Details {
    /// Looks up every `(table, id)` in `wanted`; ids of one table go in one query (per
    /// [`CHUNK`]). Dates are written in the therapist's chosen `format`.
    pub(super) fn load(
        conn: &Connection,
        format: DateFormat,
        wanted: impl IntoIterator<Item = (AuditTable, i64)>,
    ) -> Result<Details> {
        let mut by_table: HashMap<AuditTable, BTreeSet<i64>> = HashMap::new();
        for (table, id) in wanted {
            by_table.entry(table).or_default().insert(id);
        }
        let mut found = HashMap::new();
        for (table, ids) in by_table {
            let Some(sql) = query(table) else { continue };
            let ids: Vec<i64> = ids.into_iter().collect();
            for chunk in ids.chunks(CHUNK) {
                let marks = vec!["?"; chunk.len()].join(", ");
                let mut stmt = conn.prepare(&sql.replace("(?)", &format!("({marks})")))?;
                let mut rows = stmt.query(rusqlite::params_from_iter(chunk))?;
                while let Some(row) = rows.next()? {
                    let id: i64 = row.get(0)?;
                    if let Some(detail) = read(table, row, format)? {
                        found.insert((table, id), detail);
                    }
                }
            }
        }
        Ok(Details { found })
    }

    pub(super) fn get(&self, table: AuditTable, id: i64) -> Option<&Detail> {
        self.found.get(&(table, id))
    }

    /// The client's name of a case, when the notebook holds it.
    pub(super) fn client_of(&self, case_id: i64) -> Option<&str> {
        match self.get(AuditTable::CaseFile, case_id) {
            Some(Detail::Case { client }) => Some(client),
            _ => None,
        }
    }
}

/// The statement that reads one table's details; its first column is the id and `(?)` stands
/// for the list of ids.
fn query(table: AuditTable) -> Option<&'static str> {
    Some(match table {
        AuditTable::Person => {
            "SELECT p.id, p.full_name,
                    EXISTS (SELECT 1 FROM case_file c WHERE c.client_id = p.id),
                    EXISTS (SELECT 1 FROM partner pa WHERE pa.person_id = p.id)
             FROM person p WHERE p.id IN (?)"
        }
        AuditTable::CaseFile => {
            "SELECT c.id, p.full_name FROM case_file c JOIN person p ON p.id = c.client_id WHERE c.id IN (?)"
        }
        AuditTable::Consent => {
            "SELECT c.id, c.kind, c.version, c.partner_role, p.full_name,
                    EXISTS (SELECT 1 FROM partner pa WHERE pa.person_id = c.person_id), pr.name, pr.kind
             FROM consent c JOIN person p ON p.id = c.person_id
             LEFT JOIN practitioner pr ON pr.id = c.recipient_id
             WHERE c.id IN (?)"
        }
        AuditTable::CaseEvent => "SELECT id, closing_reason FROM case_event WHERE id IN (?)",
        AuditTable::RuleOut => "SELECT id, status FROM rule_out WHERE id IN (?)",
        AuditTable::Referral => {
            "SELECT r.id, pr.name, pr.kind FROM referral r JOIN practitioner pr ON pr.id = r.practitioner_id
             WHERE r.id IN (?)"
        }
        AuditTable::Practitioner => "SELECT id, name, kind FROM practitioner WHERE id IN (?)",
        AuditTable::Diagnosis => "SELECT id, name, code FROM diagnosis WHERE id IN (?)",
        AuditTable::DiagnosisCatalogue => "SELECT id, name FROM diagnosis_catalogue WHERE id IN (?)",
        AuditTable::FactorVocabulary => "SELECT id, label FROM factor_vocabulary WHERE id IN (?)",
        AuditTable::InterventionCatalogue => "SELECT id, name FROM intervention_catalogue WHERE id IN (?)",
        AuditTable::Formulation => "SELECT id, version FROM formulation WHERE id IN (?)",
        AuditTable::Plan => "SELECT id, version FROM plan WHERE id IN (?)",
        AuditTable::SessionNote => "SELECT id, kind, held_on FROM session_note WHERE id IN (?)",
        AuditTable::ProcessNote => "SELECT id, written_on FROM process_note WHERE id IN (?)",
        AuditTable::MeasureAdministration => {
            "SELECT a.id, coalesce(m.name, a.measure), a.given_on FROM measure_administration a
             LEFT JOIN custom_measure m ON 'custom_' || m.id = a.measure WHERE a.id IN (?)"
        }
        AuditTable::CustomMeasure => "SELECT id, name FROM custom_measure WHERE id IN (?)",
        // Their wording needs nothing from the record.
        AuditTable::Intake | AuditTable::Addendum | AuditTable::Settings | AuditTable::KeyFile => {
            return None;
        }
    })
}

/// A stored word, or `None` when this version does not know it.
fn word<T: TextEnum>(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<T>> {
    Ok(row.get::<_, Option<String>>(idx)?.and_then(|w| T::parse(&w)))
}

fn read(table: AuditTable, r: &Row<'_>, format: DateFormat) -> rusqlite::Result<Option<Detail>> {
    Ok(match table {
        AuditTable::Person => {
            let (client, partner): (bool, bool) = (r.get(2)?, r.get(3)?);
            let role = if client {
                Some("client")
            } else if partner {
                Some("partner")
            } else {
                None
            };
            Some(Detail::Person { name: r.get(1)?, role })
        }
        AuditTable::CaseFile => Some(Detail::Case { client: r.get(1)? }),
        AuditTable::Consent => {
            let Some(kind) = word::<ConsentKind>(r, 1)? else { return Ok(None) };
            let name: String = r.get(4)?;
            let by_partner: bool = r.get(5)?;
            let recipient = match (r.get::<_, Option<String>>(6)?, word::<PractitionerKind>(r, 7)?) {
                (Some(name), Some(kind)) => Some(practitioner(&name, kind)),
                _ => None,
            };
            let what = consent(kind, word::<PartnerRole>(r, 3)?, &name, by_partner, recipient);
            Some(Detail::Consent { what, version: r.get(2)? })
        }
        AuditTable::CaseEvent => Some(Detail::CaseEvent { closing_reason: word(r, 1)? }),
        AuditTable::RuleOut => word(r, 1)?.map(|status| Detail::RuleOut { status }),
        AuditTable::Referral | AuditTable::Practitioner => {
            let name: String = r.get(1)?;
            word(r, 2)?.map(|kind| Detail::Practitioner { who: practitioner(&name, kind) })
        }
        AuditTable::Diagnosis => Some(Detail::Diagnosis { name: r.get(1)?, code: r.get(2)? }),
        AuditTable::DiagnosisCatalogue
        | AuditTable::FactorVocabulary
        | AuditTable::InterventionCatalogue
        | AuditTable::CustomMeasure => Some(Detail::Entry { name: r.get(1)? }),
        AuditTable::MeasureAdministration => {
            let code: String = r.get(1)?;
            let name = crate::measures::built_in(&code).map_or(code.clone(), |m| m.name.to_string());
            let given_on = day(columns::date(r, 2)?, format);
            Some(Detail::Session { note: format!("the {name} given on {given_on}") })
        }
        AuditTable::Formulation | AuditTable::Plan => Some(Detail::Version(r.get(1)?)),
        AuditTable::SessionNote => {
            let held_on = columns::date(r, 2)?;
            word(r, 1)?.map(|kind| Detail::Session { note: session_note(kind, &day(held_on, format)) })
        }
        AuditTable::ProcessNote => {
            Some(Detail::ProcessNote { written_on: day(columns::date(r, 1)?, format) })
        }
        AuditTable::Intake | AuditTable::Addendum | AuditTable::Settings | AuditTable::KeyFile => None,
    })
}

/// "Dr Pillay (urologist)"; an "other" practitioner by name alone.
fn practitioner(name: &str, kind: PractitionerKind) -> String {
    let what = match kind {
        PractitionerKind::Gp => "GP",
        PractitionerKind::Urologist => "urologist",
        PractitionerKind::Gynaecologist => "gynaecologist",
        PractitionerKind::Endocrinologist => "endocrinologist",
        PractitionerKind::Physiotherapist => "physiotherapist",
        PractitionerKind::Other => return name.to_string(),
    };
    format!("{name} ({what})")
}

/// A consent as a therapist names it: "the partner-involvement consent", "Lerato Dlamini's own
/// consent as co-client", "the release of information to Dr Pillay (urologist)".
fn consent(
    kind: ConsentKind,
    role: Option<PartnerRole>,
    giver: &str,
    by_partner: bool,
    recipient: Option<String>,
) -> String {
    let what = match kind {
        ConsentKind::Treatment => "the treatment consent".to_string(),
        ConsentKind::ProcessingNotice => "the processing-notice consent".to_string(),
        ConsentKind::PartnerInvolvement => "the partner-involvement consent".to_string(),
        ConsentKind::PartnerOwn => {
            let role = match role {
                Some(PartnerRole::CoClient) => " as co-client",
                Some(PartnerRole::Collateral) => " as collateral",
                None => "",
            };
            return format!("{giver}’s own consent{role}");
        }
        ConsentKind::ReleaseOfInformation => match recipient {
            Some(to) => format!("the release of information to {to}"),
            None => "the release-of-information consent".to_string(),
        },
        ConsentKind::SupervisionUse => "the supervision-use consent".to_string(),
    };
    if by_partner { format!("{what} from {giver}") } else { what }
}

/// How a session note is named: "the couples session note of 12 Mar 2025".
fn session_note(kind: SessionKind, held_on: &str) -> String {
    let kind = match kind {
        SessionKind::Intake => "intake session note",
        SessionKind::Individual => "session note",
        SessionKind::Partner => "partner session note",
        SessionKind::Couples => "couples session note",
    };
    format!("the {kind} of {held_on}")
}

/// A date as the window writes it (`ui/src/lib/dates.ts`): "12 Mar 2025" by default. The
/// computer's own format (`system`) is the window's to know; here it reads as the default.
fn day(on: NaiveDate, format: DateFormat) -> String {
    let pattern = match format {
        DateFormat::System | DateFormat::DayMonthYear => "%-d %b %Y",
        DateFormat::Iso => "%Y-%m-%d",
        DateFormat::DmyNumeric => "%d/%m/%Y",
        DateFormat::MdyNumeric => "%m/%d/%Y",
    };
    on.format(pattern).to_string()
}
