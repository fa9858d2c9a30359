//! First contact: opening a case, and changing its first-contact details.

use super::{CaseId, CaseView, touch, writable};
use crate::clock::Clock;
use crate::columns::{self, SqlDate};
use crate::error::{Error, Result};
use crate::input::{self, MAX_LINE_CHARS};
use crate::notebook::OpenNotebook;
use crate::person::{self, PersonInput};
use crate::record::audit::{self, AuditAction, AuditTable, Target};
use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A presenting difficulty from the seed list (editable data in the notebook).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Difficulty {
    pub code: String,
    pub label: String,
}

/// First contact: the client and what brings them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct NewCase {
    pub client: PersonInput,
    /// The date of first contact; not in the future.
    pub first_contact_on: NaiveDate,
    /// Codes from [`list_difficulties`]; at least one.
    pub difficulties: Vec<String>,
    pub other_difficulty: Option<String>,
    pub referral_source: Option<String>,
    pub has_partner: bool,
}

impl NewCase {
    fn details(&self) -> CaseDetails {
        CaseDetails {
            difficulties: self.difficulties.clone(),
            other_difficulty: self.other_difficulty.clone(),
            referral_source: self.referral_source.clone(),
            has_partner: self.has_partner,
        }
    }
}

/// The first-contact details that may change later.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct CaseDetails {
    /// Codes from [`list_difficulties`]; at least one.
    pub difficulties: Vec<String>,
    /// What "other" means here, in a line.
    pub other_difficulty: Option<String>,
    pub referral_source: Option<String>,
    /// Whether the client has a partner (partner involvement still needs the client's consent).
    pub has_partner: bool,
}

#[derive(Debug)]
struct ValidDetails {
    difficulties: Vec<String>,
    other_difficulty: Option<String>,
    referral_source: Option<String>,
    has_partner: bool,
}

impl CaseDetails {
    fn validate(&self) -> Result<ValidDetails> {
        input::list_len("difficulties", &self.difficulties)?;
        if self.difficulties.is_empty() {
            return Err(Error::invalid("difficulties", "Choose at least one presenting difficulty."));
        }
        let mut difficulties = Vec::with_capacity(self.difficulties.len());
        for code in &self.difficulties {
            let code = input::required_line("difficulties", code, 60)?;
            if !difficulties.contains(&code) {
                difficulties.push(code);
            }
        }
        Ok(ValidDetails {
            difficulties,
            other_difficulty: input::opt_line(
                "otherDifficulty",
                self.other_difficulty.as_deref(),
                MAX_LINE_CHARS,
            )?,
            referral_source: input::opt_line(
                "referralSource",
                self.referral_source.as_deref(),
                MAX_LINE_CHARS,
            )?,
            has_partner: self.has_partner,
        })
    }
}

impl ValidDetails {
    /// Difficulty codes must be in the notebook's list; checked inside the writing transaction.
    fn check_codes(&self, conn: &Connection) -> Result<()> {
        let mut stmt = conn.prepare_cached("SELECT 1 FROM difficulty WHERE code = ?1")?;
        for code in &self.difficulties {
            if !stmt.exists([code])? {
                return Err(Error::invalid("difficulties", "One of these difficulties is not in the list."));
            }
        }
        Ok(())
    }

    fn write_difficulties(&self, conn: &Connection, id: CaseId) -> Result<()> {
        conn.execute("DELETE FROM case_difficulty WHERE case_id = ?1", [id])?;
        let mut stmt =
            conn.prepare_cached("INSERT INTO case_difficulty (case_id, difficulty) VALUES (?1, ?2)")?;
        for code in &self.difficulties {
            stmt.execute(params![id, code])?;
        }
        Ok(())
    }
}

/// Opens a case at first contact.
pub fn create_case(open: &mut OpenNotebook, clock: &dyn Clock, new: NewCase) -> Result<CaseView> {
    let today = columns::today(clock);
    let client = new.client.validate("client", today)?;
    let first_contact_on = input::past_date("firstContactOn", new.first_contact_on, today)?;
    let details = new.details().validate()?;
    let now = columns::instant_text(clock.now());
    let tx = open.change()?;
    details.check_codes(&tx)?;
    let client_id = client.insert(&tx, &now)?;
    tx.execute(
        "INSERT INTO case_file (client_id, first_contact_on, referral_source, other_difficulty, has_partner,
                                created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![
            client_id,
            SqlDate(first_contact_on),
            details.referral_source,
            details.other_difficulty,
            details.has_partner,
            now
        ],
    )?;
    let id = CaseId(tx.last_insert_rowid());
    details.write_difficulties(&tx, id)?;
    audit::append(&tx, AuditAction::Created, Target::in_case(AuditTable::Person, client_id.0, id))?;
    audit::append(&tx, AuditAction::Created, Target::case(id))?;
    tx.commit()?;
    tracing::info!(case = %id, "case created");
    super::get_case(open, clock, id)
}

/// Changes the first-contact details of an open case.
pub fn update_case(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    id: CaseId,
    details: CaseDetails,
) -> Result<CaseView> {
    let details = details.validate()?;
    let now = columns::instant_text(clock.now());
    let tx = open.change()?;
    writable(&tx, id)?;
    details.check_codes(&tx)?;
    if !details.has_partner && person::partner_of(&tx, id)?.is_some() {
        return Err(Error::invalid("hasPartner", "A partner is recorded in this case."));
    }
    tx.execute(
        "UPDATE case_file SET referral_source = ?1, other_difficulty = ?2, has_partner = ?3 WHERE id = ?4",
        params![details.referral_source, details.other_difficulty, details.has_partner, id],
    )?;
    details.write_difficulties(&tx, id)?;
    touch(&tx, id, &now)?;
    audit::append(&tx, AuditAction::Edited, Target::case(id))?;
    tx.commit()?;
    tracing::info!(case = %id, "case details updated");
    super::get_case(open, clock, id)
}

/// The presenting-difficulty list, in the notebook's order.
pub fn list_difficulties(open: &OpenNotebook) -> Result<Vec<Difficulty>> {
    let conn = open.store().conn();
    let mut stmt = conn.prepare("SELECT code, label FROM difficulty ORDER BY position, code")?;
    let rows = stmt.query_map([], |r| Ok(Difficulty { code: r.get(0)?, label: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The difficulties recorded for a case.
pub(crate) fn difficulties_of(conn: &Connection, id: CaseId) -> Result<Vec<Difficulty>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.code, d.label FROM case_difficulty cd JOIN difficulty d ON d.code = cd.difficulty
         WHERE cd.case_id = ?1 ORDER BY d.position, d.code",
    )?;
    let rows = stmt.query_map([id], |r| Ok(Difficulty { code: r.get(0)?, label: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
