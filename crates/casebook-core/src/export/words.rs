//! The record's closed vocabularies in a supervisor's words, and the role words that replace
//! people in a de-identified summary.

use crate::consent::{ConsentKind, ConsentStatus, PartnerRole, SecretsPolicy};
use crate::diagnosis::{CodeSystem, Context, Course, DiagnosisStatus, Severity};
use crate::formulation::{FactorDomain, FourP};
use crate::medical::PractitionerKind;
use crate::person::AgeBand;
use crate::plan::{GoalStatus, Plissit};
use crate::session::{Modality, RiskScreen, SessionKind};
use crate::workflow::{CaseStage, PartnerConsentState};

/// The word that replaces a practitioner's name, and that a letter is addressed by.
pub fn practitioner_role(kind: PractitionerKind) -> &'static str {
    match kind {
        PractitionerKind::Gp => "GP",
        PractitionerKind::Urologist => "Urologist",
        PractitionerKind::Gynaecologist => "Gynaecologist",
        PractitionerKind::Endocrinologist => "Endocrinologist",
        PractitionerKind::Physiotherapist => "Physiotherapist",
        PractitionerKind::Other => "Practitioner",
    }
}

pub fn stage(s: CaseStage) -> &'static str {
    match s {
        CaseStage::FirstContact => "first contact",
        CaseStage::Intake => "intake",
        CaseStage::Assessment => "assessment",
        CaseStage::Formulation => "formulation",
        CaseStage::Plan => "treatment plan made",
        CaseStage::Ongoing => "ongoing sessions",
        CaseStage::Closed => "closed",
    }
}

pub fn age_band(b: AgeBand) -> &'static str {
    match b {
        AgeBand::Under18 => "under 18",
        AgeBand::From18To24 => "18-24",
        AgeBand::From25To34 => "25-34",
        AgeBand::From35To44 => "35-44",
        AgeBand::From45To54 => "45-54",
        AgeBand::From55To64 => "55-64",
        AgeBand::From65 => "65 or over",
    }
}

/// The band of an age in years: the bands of [`AgeBand`], then decades, and 90+ (ages over 89
/// are identifying on their own).
pub fn age_in_band(years: u32) -> String {
    match years {
        0..=17 => "under 18".into(),
        18..=24 => "18-24".into(),
        25..=84 => {
            let low = 25 + (years - 25) / 10 * 10;
            format!("{low}-{}", low + 9)
        }
        85..=89 => "85-89".into(),
        _ => "90+".into(),
    }
}

pub fn partner_consent(s: PartnerConsentState) -> &'static str {
    match s {
        PartnerConsentState::NeverGiven => "not given",
        PartnerConsentState::Active => "active",
        PartnerConsentState::Withdrawn => "withdrawn",
        PartnerConsentState::Expired => "expired",
    }
}

pub fn partner_role(r: PartnerRole) -> &'static str {
    match r {
        PartnerRole::CoClient => "co-client (conjoint therapy)",
        PartnerRole::Collateral => "collateral (supports the client's therapy)",
    }
}

pub fn secrets_policy(p: SecretsPolicy) -> &'static str {
    match p {
        SecretsPolicy::None => "no secrets: what is said alone may be brought into joint sessions",
        SecretsPolicy::Limited => "limited: some information may be held in confidence, as agreed",
    }
}

pub fn consent_kind(k: ConsentKind) -> &'static str {
    match k {
        ConsentKind::Treatment => "Treatment",
        ConsentKind::ProcessingNotice => "Processing notice (special personal information)",
        ConsentKind::PartnerInvolvement => "Involving the partner",
        ConsentKind::PartnerOwn => "Partner's own consent",
        ConsentKind::ReleaseOfInformation => "Release of information",
        ConsentKind::SupervisionUse => "Supervision use (de-identified)",
    }
}

pub fn consent_status(s: ConsentStatus) -> &'static str {
    match s {
        ConsentStatus::Active => "active",
        ConsentStatus::Superseded => "superseded",
        ConsentStatus::Expired => "expired",
        ConsentStatus::Withdrawn => "withdrawn",
    }
}

pub fn code_system(s: CodeSystem) -> &'static str {
    match s {
        CodeSystem::Icd10Who => "WHO ICD-10",
        CodeSystem::Icd10Cm => "ICD-10-CM",
        CodeSystem::Icd11 => "ICD-11",
    }
}

pub fn diagnosis_status(s: DiagnosisStatus) -> &'static str {
    match s {
        DiagnosisStatus::Provisional => "provisional",
        DiagnosisStatus::Confirmed => "confirmed",
        DiagnosisStatus::RuledOut => "ruled out",
        DiagnosisStatus::Resolved => "resolved",
    }
}

/// "acquired, situational, moderate", or a dash.
pub fn specifiers(course: Option<Course>, context: Option<Context>, severity: Option<Severity>) -> String {
    let words: Vec<&str> = [
        course.map(|c| if c == Course::Lifelong { "lifelong" } else { "acquired" }),
        context.map(|c| if c == Context::Generalized { "generalized" } else { "situational" }),
        severity.map(|s| match s {
            Severity::Mild => "mild",
            Severity::Moderate => "moderate",
            Severity::Severe => "severe",
        }),
    ]
    .into_iter()
    .flatten()
    .collect();
    if words.is_empty() { "-".into() } else { words.join(", ") }
}

pub fn four_p(p: FourP) -> &'static str {
    match p {
        FourP::Predisposing => "Predisposing",
        FourP::Precipitating => "Precipitating",
        FourP::Perpetuating => "Perpetuating",
        FourP::Protective => "Protective",
    }
}

pub fn domain(d: FactorDomain) -> &'static str {
    match d {
        FactorDomain::Biological => "biological",
        FactorDomain::Psychological => "psychological",
        FactorDomain::RelationalSocial => "relational-social",
    }
}

pub fn plissit(p: Plissit) -> &'static str {
    match p {
        Plissit::Permission => "P: permission",
        Plissit::LimitedInformation => "LI: limited information",
        Plissit::SpecificSuggestions => "SS: specific suggestions",
        Plissit::IntensiveTherapy => "IT: intensive therapy",
    }
}

pub fn goal_status(s: GoalStatus) -> &'static str {
    match s {
        GoalStatus::Active => "active",
        GoalStatus::Achieved => "achieved",
        GoalStatus::Revised => "revised",
        GoalStatus::Discontinued => "discontinued",
    }
}

pub fn session_kind(k: SessionKind) -> &'static str {
    match k {
        SessionKind::Intake => "intake",
        SessionKind::Individual => "individual",
        SessionKind::Partner => "partner",
        SessionKind::Couples => "couples",
    }
}

pub fn modality(m: Modality) -> &'static str {
    match m {
        Modality::InPerson => "in person",
        Modality::Telehealth => "telehealth",
    }
}

pub fn risk(r: RiskScreen) -> &'static str {
    match r {
        RiskScreen::NotScreened => "not screened",
        RiskScreen::NoneIdentified => "none identified",
        RiskScreen::Low => "low",
        RiskScreen::Moderate => "moderate",
        RiskScreen::High => "high",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_over_89_are_one_band() {
        assert_eq!(age_in_band(17), "under 18");
        assert_eq!(age_in_band(34), "25-34");
        assert_eq!(age_in_band(35), "35-44");
        assert_eq!(age_in_band(84), "75-84");
        assert_eq!(age_in_band(89), "85-89");
        assert_eq!(age_in_band(90), "90+");
        assert_eq!(age_in_band(104), "90+");
    }
}
