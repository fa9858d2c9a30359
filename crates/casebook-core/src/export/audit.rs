//! Every export is an entry in the audit trail: what kind, which case, de-identified or not.
//! Never the content, never the path.
//!
//! The entry is written after the file is in place; if it cannot be written the file is removed
//! again, so no export exists that the trail does not show.

use crate::case::CaseId;
use crate::error::Result;
use crate::medical::ReferralId;
use crate::notebook::OpenNotebook;
use crate::record::audit::{self, AuditAction, AuditTable, Target};

use super::options::{ExportFormat, Identification};

/// What was exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExportEvent {
    SupervisionSummary { case_id: CaseId, format: ExportFormat, identification: Identification },
    ReferralLetter { case_id: CaseId, referral: ReferralId },
}

/// The one place an export reaches the audit trail.
///
/// A summary's entry targets its case, a letter's its referral, so the kind is in the target;
/// the action says whether the file names the client (`exported_identified`, always so for a
/// letter) or not (`exported`). The format goes to the local log only (ids, never content).
pub(crate) fn record_export(open: &mut OpenNotebook, event: ExportEvent) -> Result<()> {
    match event {
        ExportEvent::SupervisionSummary { case_id, format, identification } => {
            let action = if identification.is_identified() {
                AuditAction::ExportedIdentified
            } else {
                AuditAction::Exported
            };
            audit::log(open, action, Target::case(case_id))?;
            tracing::info!(
                case = %case_id,
                format = format.as_str(),
                identification = identification.as_str(),
                "supervision summary exported"
            );
        }
        ExportEvent::ReferralLetter { case_id, referral } => {
            audit::log(
                open,
                AuditAction::ExportedIdentified,
                Target::in_case(AuditTable::Referral, referral.0, case_id),
            )?;
            tracing::info!(case = %case_id, referral = %referral, "referral letter exported");
        }
    }
    Ok(())
}
