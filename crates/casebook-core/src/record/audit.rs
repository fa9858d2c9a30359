//! The audit trail (RELIABILITY.md R18): every change to the record, and every unlock, failed
//! unlock and lock, is an entry with its time, its kind and the record it touched (table, id and
//! case), never the content. Entries are chained with a keyed hash ([`chain`]).
//!
//! An entry is written in the same transaction as the change it describes: domain writers begin
//! a [`Change`] (`OpenNotebook::change`), write, call [`append`] and commit, so a crash leaves
//! both or neither. Writes that have no record change to ride on (unlock, lock, an export) use
//! [`log`], one small transaction of their own. Failed unlocks happen while the notebook is
//! locked, with no database open: `Notebook` counts them in memory and the next successful unlock
//! writes one `unlock_failed` entry with the count. A process that ends before that unlock takes
//! the count with it; the throttle, not the trail, is what slows an attacker.
//!
//! What does not belong here: the drafts (autosaved editor text is not a record change), the
//! views of what changed (each domain module), and signing (`record::sign`).

mod chain;
mod details;
mod view;

pub(crate) use chain::ChainCheck;
pub use view::{AuditEntryView, AuditPage, audit_log, case_history};

use crate::case::CaseId;
use crate::columns::{self, text_enum};
use crate::error::Result;
use crate::notebook::OpenNotebook;
use crate::store::Store;
use crate::vault::DataKey;
use chain::{ChainKey, Fields};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

text_enum! {
    /// What happened.
    pub enum AuditAction {
        NotebookCreated = "notebook_created",
        Unlocked = "unlocked",
        /// Unlocked with the recovery code (a new passphrase was set in the same step).
        RecoveryUnlocked = "recovery_unlocked",
        /// Failed unlock attempts since the last unlock; `count` says how many.
        UnlockFailed = "unlock_failed",
        Locked = "locked",
        /// Locked by the idle timer.
        AutoLocked = "auto_locked",
        PassphraseChanged = "passphrase_changed",
        RecoveryCodeReplaced = "recovery_code_replaced",
        Created = "created",
        Edited = "edited",
        Signed = "signed",
        /// An addendum was added to the target.
        AddendumAdded = "addendum_added",
        ConsentRecorded = "consent_recorded",
        ConsentWithdrawn = "consent_withdrawn",
        CaseClosed = "case_closed",
        CaseReopened = "case_reopened",
        /// A de-identified export (a supervision summary) of the target.
        Exported = "exported",
        /// An export that names the client: an identified summary, or a referral letter.
        ExportedIdentified = "exported_identified",
        BackedUp = "backed_up",
        Restored = "restored",
    }
}

text_enum! {
    /// The kind of record an entry touched: the table it lives in.
    pub enum AuditTable {
        CaseFile = "case_file",
        Person = "person",
        Consent = "consent",
        /// A closing or reopening.
        CaseEvent = "case_event",
        RuleOut = "rule_out",
        Referral = "referral",
        Practitioner = "practitioner",
        Diagnosis = "diagnosis",
        DiagnosisCatalogue = "diagnosis_catalogue",
        Intake = "intake",
        Formulation = "formulation",
        FactorVocabulary = "factor_vocabulary",
        Plan = "plan",
        InterventionCatalogue = "intervention_catalogue",
        SessionNote = "session_note",
        ProcessNote = "process_note",
        Addendum = "addendum",
        Settings = "settings",
        KeyFile = "key_file",
        MeasureAdministration = "measure_administration",
        CustomMeasure = "custom_measure",
    }
}

impl AuditTable {
    /// The record's name in a therapist's words.
    pub fn label(self) -> &'static str {
        match self {
            AuditTable::CaseFile => "case",
            AuditTable::Person => "person",
            AuditTable::Consent => "consent",
            AuditTable::CaseEvent => "case closing or reopening",
            AuditTable::RuleOut => "medical rule-out status",
            AuditTable::Referral => "referral",
            AuditTable::Practitioner => "practitioner",
            AuditTable::Diagnosis => "diagnosis",
            AuditTable::DiagnosisCatalogue => "diagnosis catalogue entry",
            AuditTable::Intake => "intake",
            AuditTable::Formulation => "formulation version",
            AuditTable::FactorVocabulary => "factor vocabulary term",
            AuditTable::Plan => "plan version",
            AuditTable::InterventionCatalogue => "intervention catalogue entry",
            AuditTable::SessionNote => "session note",
            AuditTable::ProcessNote => "process note",
            AuditTable::Addendum => "addendum",
            AuditTable::MeasureAdministration => "measure administration",
            AuditTable::CustomMeasure => "custom measure",
            AuditTable::Settings => "settings",
            AuditTable::KeyFile => "key file",
        }
    }
}

/// What an entry is about: a record (table and id), the case it belongs to, and a count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Target {
    pub table: Option<AuditTable>,
    pub id: Option<i64>,
    pub case_id: Option<CaseId>,
    pub count: Option<u32>,
}

impl Target {
    /// Nothing in particular (an unlock, a lock).
    pub fn none() -> Target {
        Target::default()
    }

    /// A record that belongs to no case (a practitioner, a catalogue entry, the settings).
    pub fn record(table: AuditTable, id: i64) -> Target {
        Target { table: Some(table), id: Some(id), ..Target::default() }
    }

    /// A record of a case.
    pub fn in_case(table: AuditTable, id: i64, case_id: CaseId) -> Target {
        Target { table: Some(table), id: Some(id), case_id: Some(case_id), count: None }
    }

    /// A case as a whole (an export of it).
    pub fn case(case_id: CaseId) -> Target {
        Target::in_case(AuditTable::CaseFile, case_id.0, case_id)
    }

    /// With a count (failed attempts, records exported).
    pub fn times(self, count: u32) -> Target {
        Target { count: Some(count.max(1)), ..self }
    }
}

/// A write transaction on the record, carrying what its audit entries need: the chain key and
/// the time. Immediate, so the chain's last entry cannot change between reading it and
/// appending. Dropped without [`Change::commit`], it rolls back, entries included.
pub(crate) struct Change<'a> {
    tx: Transaction<'a>,
    key: ChainKey,
    at: DateTime<Utc>,
}

impl std::fmt::Debug for Change<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Change").field("at", &self.at).finish_non_exhaustive()
    }
}

impl<'a> Change<'a> {
    pub(crate) fn begin(store: &'a mut Store, key: &DataKey, at: DateTime<Utc>) -> Result<Change<'a>> {
        let tx = store.conn_mut().transaction_with_behavior(TransactionBehavior::Immediate)?;
        Ok(Change { tx, key: chain_key(key), at })
    }

    pub(crate) fn commit(self) -> Result<()> {
        self.tx.commit()?;
        Ok(())
    }
}

impl std::ops::Deref for Change<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        &self.tx
    }
}

/// The chain's key, derived from the data key so the data key itself is used only by SQLCipher.
pub(crate) fn chain_key(key: &DataKey) -> ChainKey {
    key.subkey(chain::SUBKEY_PERSONA)
}

/// Appends an entry to the trail, inside the change it describes.
pub(crate) fn append(change: &Change<'_>, action: AuditAction, target: Target) -> Result<()> {
    let last: Option<(i64, Vec<u8>)> = change
        .prepare_cached("SELECT seq, mac FROM audit_entry ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (last_seq, prev) = match last {
        Some((seq, mac)) => (seq, mac.try_into().unwrap_or(chain::GENESIS)),
        None => (0, chain::GENESIS),
    };
    let fields = Fields {
        seq: last_seq + 1,
        at: columns::instant_text(change.at),
        action: action.as_str().to_string(),
        table: target.table.map(|t| t.as_str().to_string()),
        target_id: target.id,
        case_id: target.case_id.map(|c| c.0),
        count: target.count.map(i64::from),
    };
    let mac = chain::entry_mac(&change.key, &prev, &fields);
    change
        .prepare_cached(
            "INSERT INTO audit_entry (seq, at, action, target_table, target_id, case_id, count, mac)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            fields.seq,
            fields.at,
            fields.action,
            fields.table,
            fields.target_id,
            fields.case_id,
            fields.count,
            &mac[..]
        ])?;
    let seal = chain::head_seal(&change.key, fields.seq, &mac);
    change
        .prepare_cached(
            "INSERT INTO audit_head (id, seq, seal) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, seal = excluded.seal",
        )?
        .execute(params![fields.seq, &seal[..]])?;
    Ok(())
}

/// Writes one entry in a transaction of its own, for events that change no record.
pub(crate) fn log(open: &mut OpenNotebook, action: AuditAction, target: Target) -> Result<()> {
    let change = open.change()?;
    append(&change, action, target)?;
    change.commit()
}

/// [`log`] for a store that is not (yet, or any more) inside an `OpenNotebook`.
pub(crate) fn log_to(
    store: &mut Store,
    key: &DataKey,
    at: DateTime<Utc>,
    entries: &[(AuditAction, Target)],
) -> Result<()> {
    let change = Change::begin(store, key, at)?;
    for (action, target) in entries {
        append(&change, *action, *target)?;
    }
    change.commit()
}

/// Checks the whole chain of an open notebook.
pub(crate) fn verify(open: &OpenNotebook) -> Result<ChainCheck> {
    chain::check(open.store().conn(), &chain_key(open.key()))
}

#[cfg(test)]
mod tests;
