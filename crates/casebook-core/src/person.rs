//! The people in a case: the client (the person who made contact) and, only with the client's
//! consent, the partner. Their details, checked on the way in.
//!
//! A person belongs to one case. The client is created with the case (`case::create_case`); the
//! partner is added here, and only while the client's partner-involvement consent is active
//! (the consent check lives in `consent`). What does not belong here: consents, diagnoses and
//! measures about a person (their own modules), and de-identification (`export`, later).

use crate::case::{self, CaseId};
use crate::clock::Clock;
use crate::columns::{self, SqlDate, row_id, text_enum};
use crate::consent;
use crate::error::{Error, Result};
use crate::input::{self, MAX_LINE_CHARS};
use crate::notebook::OpenNotebook;
use crate::record::audit::{self, AuditAction, AuditTable, Target};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

row_id! {
    /// A client or a partner.
    PersonId
}

text_enum! {
    /// An age band, for when the date of birth is not known or not wanted.
    pub enum AgeBand {
        Under18 = "under_18",
        From18To24 = "18_24",
        From25To34 = "25_34",
        From35To44 = "35_44",
        From45To54 = "45_54",
        From55To64 = "55_64",
        From65 = "65_plus",
    }
}

/// The longest phone number or email address, in characters.
pub const MAX_CONTACT_CHARS: usize = 200;
/// The longest postal address, in characters.
pub const MAX_ADDRESS_CHARS: usize = 1000;

/// A person's details as the window sends them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct PersonInput {
    pub full_name: String,
    pub pronouns: Option<String>,
    /// Either a date of birth or an age band, not both.
    pub date_of_birth: Option<NaiveDate>,
    pub age_band: Option<AgeBand>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    /// The client lacks mental capacity: the record is kept for life (South Africa profile).
    #[serde(default)]
    pub lacks_capacity: bool,
}

/// A person's details as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonView {
    pub id: PersonId,
    pub full_name: String,
    pub pronouns: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub age_band: Option<AgeBand>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub lacks_capacity: bool,
}

/// Checked and tidied details.
#[derive(Debug, Clone)]
pub(crate) struct ValidPerson(PersonView);

impl PersonInput {
    /// Checks every field; `prefix` names the nested field for the window (`client.fullName`).
    pub(crate) fn validate(&self, prefix: &str, today: NaiveDate) -> Result<ValidPerson> {
        let f = |name: &str| if prefix.is_empty() { name.to_string() } else { format!("{prefix}.{name}") };
        let full_name = input::name(&f("fullName"), &self.full_name)?;
        let pronouns = input::opt_line(&f("pronouns"), self.pronouns.as_deref(), MAX_LINE_CHARS)?;
        let date_of_birth =
            self.date_of_birth.map(|d| input::past_date(&f("dateOfBirth"), d, today)).transpose()?;
        if date_of_birth.is_some() && self.age_band.is_some() {
            return Err(Error::invalid(f("ageBand"), "Give a date of birth or an age band, not both."));
        }
        let phone = input::opt_line(&f("phone"), self.phone.as_deref(), MAX_CONTACT_CHARS)?;
        if phone.as_deref().is_some_and(|p| !p.chars().all(|c| c.is_ascii_digit() || " +-()./x".contains(c)))
        {
            return Err(Error::invalid(f("phone"), "Use digits, spaces and + - ( ) only."));
        }
        let email = input::opt_line(&f("email"), self.email.as_deref(), MAX_CONTACT_CHARS)?;
        if email.as_deref().is_some_and(|e| !looks_like_email(e)) {
            return Err(Error::invalid(f("email"), "This is not an email address."));
        }
        let address = input::text(&f("address"), self.address.as_deref())?;
        if address.as_deref().is_some_and(|a| a.chars().count() > MAX_ADDRESS_CHARS) {
            return Err(Error::invalid(f("address"), format!("Use at most {MAX_ADDRESS_CHARS} characters.")));
        }
        Ok(ValidPerson(PersonView {
            id: PersonId(0),
            full_name,
            pronouns,
            date_of_birth,
            age_band: self.age_band,
            phone,
            email,
            address,
            lacks_capacity: self.lacks_capacity,
        }))
    }
}

fn looks_like_email(e: &str) -> bool {
    match e.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.contains('@')
                && !e.contains(char::is_whitespace)
        }
        None => false,
    }
}

impl ValidPerson {
    pub(crate) fn insert(&self, conn: &Connection, now: &str) -> Result<PersonId> {
        let p = &self.0;
        conn.execute(
            "INSERT INTO person (full_name, pronouns, date_of_birth, age_band, phone, email, address,
                                 lacks_capacity, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![
                p.full_name,
                p.pronouns,
                p.date_of_birth.map(SqlDate),
                p.age_band,
                p.phone,
                p.email,
                p.address,
                p.lacks_capacity,
                now
            ],
        )?;
        Ok(PersonId(conn.last_insert_rowid()))
    }

    fn update(&self, conn: &Connection, id: PersonId, now: &str) -> Result<()> {
        let p = &self.0;
        conn.execute(
            "UPDATE person SET full_name = ?1, pronouns = ?2, date_of_birth = ?3, age_band = ?4, phone = ?5,
                    email = ?6, address = ?7, lacks_capacity = ?8, updated_at = ?9
             WHERE id = ?10",
            params![
                p.full_name,
                p.pronouns,
                p.date_of_birth.map(SqlDate),
                p.age_band,
                p.phone,
                p.email,
                p.address,
                p.lacks_capacity,
                now,
                id
            ],
        )?;
        Ok(())
    }
}

/// Reads one person.
pub(crate) fn load(conn: &Connection, id: PersonId) -> Result<PersonView> {
    conn.query_row(
        "SELECT id, full_name, pronouns, date_of_birth, age_band, phone, email, address, lacks_capacity
         FROM person WHERE id = ?1",
        [id],
        |r| {
            Ok(PersonView {
                id: r.get(0)?,
                full_name: r.get(1)?,
                pronouns: r.get(2)?,
                date_of_birth: columns::opt_date(r, 3)?,
                age_band: r.get(4)?,
                phone: r.get(5)?,
                email: r.get(6)?,
                address: r.get(7)?,
                lacks_capacity: r.get(8)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound("That person is not in this notebook.".into()))
}

/// The partner of a case, if one was added.
pub(crate) fn partner_of(conn: &Connection, case_id: CaseId) -> Result<Option<PersonId>> {
    Ok(conn
        .query_row("SELECT person_id FROM partner WHERE case_id = ?1", [case_id], |r| r.get(0))
        .optional()?)
}

/// Who a person is in their case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Client,
    Partner,
}

/// The case a person belongs to, and their role in it.
pub(crate) fn case_of(conn: &Connection, id: PersonId) -> Result<(CaseId, Role)> {
    let as_client: Option<CaseId> =
        conn.query_row("SELECT id FROM case_file WHERE client_id = ?1", [id], |r| r.get(0)).optional()?;
    if let Some(case_id) = as_client {
        return Ok((case_id, Role::Client));
    }
    let as_partner: Option<CaseId> =
        conn.query_row("SELECT case_id FROM partner WHERE person_id = ?1", [id], |r| r.get(0)).optional()?;
    as_partner
        .map(|c| (c, Role::Partner))
        .ok_or_else(|| Error::NotFound("That person is not in this notebook.".into()))
}

/// The role of `person` in `case_id`, or `invalid` on `field` when they are not in that case.
pub(crate) fn role_in(conn: &Connection, case_id: CaseId, person: PersonId, field: &str) -> Result<Role> {
    match case_of(conn, person) {
        Ok((c, role)) if c == case_id => Ok(role),
        Ok(_) | Err(Error::NotFound(_)) => {
            Err(Error::invalid(field, "This person is not part of this case."))
        }
        Err(e) => Err(e),
    }
}

/// Adds the partner's details to a case: only with the client's active consent to involve the
/// partner, and only one partner per case.
pub fn add_partner(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    case_id: CaseId,
    details: PersonInput,
) -> Result<PersonView> {
    let today = columns::today(clock);
    let valid = details.validate("", today)?;
    let now = columns::instant_text(clock.now());
    let tx = open.change()?;
    let row = case::writable(&tx, case_id)?;
    if !row.has_partner {
        return Err(crate::workflow::Rule::NoPartner.refuse());
    }
    consent::require_partner_involvement(&tx, case_id, today, false)?;
    if partner_of(&tx, case_id)?.is_some() {
        return Err(Error::Conflict("This case already has a partner. Edit their details instead.".into()));
    }
    let id = valid.insert(&tx, &now)?;
    tx.execute(
        "INSERT INTO partner (case_id, person_id, added_at) VALUES (?1, ?2, ?3)",
        params![case_id, id, now],
    )?;
    case::touch(&tx, case_id, &now)?;
    audit::append(&tx, AuditAction::Created, Target::in_case(AuditTable::Person, id.0, case_id))?;
    let view = load(&tx, id)?;
    tx.commit()?;
    tracing::info!(case = %case_id, person = %id, "partner added");
    Ok(view)
}

/// Changes a client's or a partner's details. A partner's details change only while the
/// client's consent to involve the partner is active; a closed case does not change.
pub fn update_person(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    id: PersonId,
    details: PersonInput,
) -> Result<PersonView> {
    let today = columns::today(clock);
    let valid = details.validate("", today)?;
    let now = columns::instant_text(clock.now());
    let tx = open.change()?;
    let (case_id, role) = case_of(&tx, id)?;
    case::writable(&tx, case_id)?;
    if role == Role::Partner {
        consent::require_partner_involvement(&tx, case_id, today, false)?;
    }
    valid.update(&tx, id, &now)?;
    case::touch(&tx, case_id, &now)?;
    audit::append(&tx, AuditAction::Edited, Target::in_case(AuditTable::Person, id.0, case_id))?;
    let view = load(&tx, id)?;
    tx.commit()?;
    tracing::info!(person = %id, "person updated");
    Ok(view)
}

/// One person's details.
pub fn get_person(open: &OpenNotebook, id: PersonId) -> Result<PersonView> {
    load(open.store().conn(), id)
}

#[cfg(test)]
mod tests;
