//! The TypeScript declarations of every type that crosses the IPC boundary.
//!
//! `ui/src/ipc/bindings.ts` is generated from these Rust types; a test fails when the checked-in
//! file differs from what the types say (run `make bindings` to rewrite it).

use ts_rs::{Config, TS};

/// How the types are written: 64-bit integers as `number` (ids and counts stay far below 2^53).
pub fn config() -> Config {
    Config::new().with_large_int("number")
}

/// The whole generated file.
pub fn typescript() -> String {
    let cfg = config();
    let decls = [
        crate::error::ErrorKind::decl(&cfg),
        crate::error::ErrorReply::decl(&cfg),
        crate::notebook::NotebookStatus::decl(&cfg),
        crate::notebook::RecoveryCodeView::decl(&cfg),
        crate::settings::Settings::decl(&cfg),
        crate::vault::PassphraseStrength::decl(&cfg),
        // Backups and restores.
        crate::backup::BackupStatus::decl(&cfg),
        crate::backup::LastBackup::decl(&cfg),
        crate::backup::BackupPreferences::decl(&cfg),
        crate::backup::BackupMade::decl(&cfg),
        crate::backup::BackupFileView::decl(&cfg),
        crate::backup::RestoreCredential::decl(&cfg),
        crate::backup::RestorePreview::decl(&cfg),
        crate::backup::RestoreDone::decl(&cfg),
        crate::export::everything::FullExportResult::decl(&cfg),
        // The workflow of a case.
        crate::workflow::Rule::decl(&cfg),
        crate::workflow::CaseStage::decl(&cfg),
        crate::workflow::StepKind::decl(&cfg),
        crate::workflow::StepState::decl(&cfg),
        crate::workflow::WorkflowStep::decl(&cfg),
        crate::workflow::PartnerConsentState::decl(&cfg),
        // Cases.
        crate::case::CaseId::decl(&cfg),
        crate::case::CaseStatus::decl(&cfg),
        crate::case::Difficulty::decl(&cfg),
        crate::case::NewCase::decl(&cfg),
        crate::case::CaseDetails::decl(&cfg),
        crate::case::CaseFilter::decl(&cfg),
        crate::case::CaseListItem::decl(&cfg),
        // Search.
        crate::search::SearchKind::decl(&cfg),
        crate::search::SearchRequest::decl(&cfg),
        crate::search::SnippetPart::decl(&cfg),
        crate::search::SearchHit::decl(&cfg),
        crate::search::SearchTerm::decl(&cfg),
        crate::search::SearchResults::decl(&cfg),
        crate::case::CaseView::decl(&cfg),
        crate::case::PartnerView::decl(&cfg),
        crate::case::ClosingReason::decl(&cfg),
        crate::case::CloseCase::decl(&cfg),
        crate::case::ReopenCase::decl(&cfg),
        crate::case::CaseEventKind::decl(&cfg),
        crate::case::CaseEvent::decl(&cfg),
        crate::case::RetentionProfile::decl(&cfg),
        crate::case::Retention::decl(&cfg),
        // People.
        crate::person::PersonId::decl(&cfg),
        crate::person::AgeBand::decl(&cfg),
        crate::person::PersonInput::decl(&cfg),
        crate::person::PersonView::decl(&cfg),
        // Consents.
        crate::consent::ConsentId::decl(&cfg),
        crate::consent::ConsentKind::decl(&cfg),
        crate::consent::ConsentMethod::decl(&cfg),
        crate::consent::SecretsPolicy::decl(&cfg),
        crate::consent::PartnerRole::decl(&cfg),
        crate::consent::ConsentStatus::decl(&cfg),
        crate::consent::ConsentTerms::decl(&cfg),
        crate::consent::ConsentInput::decl(&cfg),
        crate::consent::WithdrawConsent::decl(&cfg),
        crate::consent::ConsentView::decl(&cfg),
        // Medical liaison.
        crate::medical::PractitionerId::decl(&cfg),
        crate::medical::PractitionerKind::decl(&cfg),
        crate::medical::PractitionerInput::decl(&cfg),
        crate::medical::PractitionerView::decl(&cfg),
        crate::medical::RuleOutStatus::decl(&cfg),
        crate::medical::RuleOutInput::decl(&cfg),
        crate::medical::RuleOutEntry::decl(&cfg),
        crate::medical::ReferralId::decl(&cfg),
        crate::medical::ReferralInput::decl(&cfg),
        crate::medical::ReferralView::decl(&cfg),
        crate::medical::MedicalView::decl(&cfg),
        // Diagnoses.
        crate::diagnosis::DiagnosisId::decl(&cfg),
        crate::diagnosis::CodeSystem::decl(&cfg),
        crate::diagnosis::DiagnosisStatus::decl(&cfg),
        crate::diagnosis::Course::decl(&cfg),
        crate::diagnosis::Context::decl(&cfg),
        crate::diagnosis::Severity::decl(&cfg),
        crate::diagnosis::Code::decl(&cfg),
        crate::diagnosis::DiagnosisInput::decl(&cfg),
        crate::diagnosis::DiagnosisView::decl(&cfg),
        crate::diagnosis::CatalogueEntryId::decl(&cfg),
        crate::diagnosis::CatalogueCode::decl(&cfg),
        crate::diagnosis::CatalogueEntry::decl(&cfg),
        crate::diagnosis::CatalogueEntryInput::decl(&cfg),
        // Intake.
        crate::intake::IntakeSections::decl(&cfg),
        crate::intake::IntakeSectionInfo::decl(&cfg),
        crate::intake::IntakeInput::decl(&cfg),
        crate::intake::IntakeView::decl(&cfg),
        // Formulation.
        crate::formulation::FormulationId::decl(&cfg),
        crate::formulation::FourP::decl(&cfg),
        crate::formulation::FactorDomain::decl(&cfg),
        crate::formulation::Factor::decl(&cfg),
        crate::formulation::FormulationInput::decl(&cfg),
        crate::formulation::FormulationView::decl(&cfg),
        crate::formulation::FactorTermId::decl(&cfg),
        crate::formulation::FactorTerm::decl(&cfg),
        crate::formulation::FactorTermInput::decl(&cfg),
        // Treatment plan.
        crate::plan::PlanId::decl(&cfg),
        crate::plan::GoalId::decl(&cfg),
        crate::plan::GoalStatus::decl(&cfg),
        crate::plan::Plissit::decl(&cfg),
        crate::plan::GoalInput::decl(&cfg),
        crate::plan::InterventionInput::decl(&cfg),
        crate::plan::PlanInput::decl(&cfg),
        crate::plan::GoalView::decl(&cfg),
        crate::plan::InterventionView::decl(&cfg),
        crate::plan::PlanView::decl(&cfg),
        crate::plan::InterventionEntryId::decl(&cfg),
        crate::plan::InterventionEntry::decl(&cfg),
        crate::plan::InterventionEntryInput::decl(&cfg),
        // Sessions.
        crate::session::SessionId::decl(&cfg),
        crate::session::SessionKind::decl(&cfg),
        crate::session::NoteFormat::decl(&cfg),
        crate::session::Modality::decl(&cfg),
        crate::session::RiskScreen::decl(&cfg),
        crate::session::NoteBody::decl(&cfg),
        crate::session::SessionIntervention::decl(&cfg),
        crate::session::SessionInput::decl(&cfg),
        crate::session::SessionView::decl(&cfg),
        crate::session::SessionSummary::decl(&cfg),
        crate::session::ProcessNoteId::decl(&cfg),
        crate::session::ProcessNoteInput::decl(&cfg),
        crate::session::ProcessNoteView::decl(&cfg),
        // Drafts.
        crate::drafts::DraftView::decl(&cfg),
        crate::drafts::DraftInfo::decl(&cfg),
        // The record: signing, addenda, the audit trail and verification.
        crate::record::RecordKind::decl(&cfg),
        crate::record::RecordRef::decl(&cfg),
        crate::record::SignInput::decl(&cfg),
        crate::record::SignatureView::decl(&cfg),
        crate::record::SigningView::decl(&cfg),
        crate::record::AddendumId::decl(&cfg),
        crate::record::AddendumInput::decl(&cfg),
        crate::record::AddendumView::decl(&cfg),
        crate::record::audit::AuditAction::decl(&cfg),
        crate::record::audit::AuditTable::decl(&cfg),
        crate::record::audit::AuditEntryView::decl(&cfg),
        crate::record::audit::AuditPage::decl(&cfg),
        crate::record::CheckKind::decl(&cfg),
        crate::record::CheckOutcome::decl(&cfg),
        crate::record::VerificationReport::decl(&cfg),
        // Exports: supervision summaries and referral letters.
        crate::export::SummarySection::decl(&cfg),
        crate::export::Identification::decl(&cfg),
        crate::export::PaperSize::decl(&cfg),
        crate::export::ExportFormat::decl(&cfg),
        crate::export::SummarySectionInfo::decl(&cfg),
        crate::export::SummaryOptions::decl(&cfg),
        crate::export::SupervisionSummary::decl(&cfg),
        crate::export::Section::decl(&cfg),
        crate::export::Block::decl(&cfg),
        crate::export::Field::decl(&cfg),
        crate::export::Table::decl(&cfg),
        crate::export::Measures::decl(&cfg),
        crate::export::MeasureRow::decl(&cfg),
        crate::export::Text::decl(&cfg),
        crate::export::Segment::decl(&cfg),
        crate::export::Redaction::decl(&cfg),
        crate::export::RedactionReason::decl(&cfg),
        crate::export::SummaryExport::decl(&cfg),
        crate::export::ExportResult::decl(&cfg),
        crate::export::ReferralLetterDraft::decl(&cfg),
        crate::export::LetterSection::decl(&cfg),
        crate::export::LetterExport::decl(&cfg),
        // The demo notebook.
        crate::demo::DemoNotebookView::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types in crates/casebook-core by `make bindings`. Do not edit.\n\n",
    );
    for decl in decls {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
