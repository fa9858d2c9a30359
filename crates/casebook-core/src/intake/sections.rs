//! The sections of the intake form, their prompts, and how they map to columns.

use crate::error::Result;
use crate::input;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The intake's answers, one free text per section of DOMAIN.md section 4.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct IntakeSections {
    /// Required: the presenting problem in the client's own words.
    pub presenting_problem: String,
    pub onset_course: Option<String>,
    pub lifelong_or_acquired: Option<String>,
    pub generalized_or_situational: Option<String>,
    pub phases_affected: Option<String>,
    pub distress: Option<String>,
    pub psychological_functioning: Option<String>,
    pub relationship: Option<String>,
    pub partner_violence_screen: Option<String>,
    pub developmental_history: Option<String>,
    pub body_image: Option<String>,
    pub medical: Option<String>,
    pub mental_health_risk: Option<String>,
    pub trauma: Option<String>,
    pub strengths: Option<String>,
    pub goals_expectations: Option<String>,
}

/// A section of the intake form, for the window to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IntakeSectionInfo {
    /// The field name in [`IntakeSections`].
    pub key: String,
    pub title: String,
    pub prompts: String,
    pub required: bool,
}

/// (column, field key, title, prompts), in the order of the form.
const SECTIONS: [(&str, &str, &str, &str); 16] = [
    (
        "presenting_problem",
        "presentingProblem",
        "Presenting problem",
        "In the client's own words: what brings them, and how they experience the difficulty.",
    ),
    (
        "onset_course",
        "onsetCourse",
        "Onset, duration and course",
        "Sudden or gradual; any event at onset; how long; better, worse or unchanged since.",
    ),
    (
        "lifelong_or_acquired",
        "lifelongOrAcquired",
        "Lifelong or acquired",
        "Has it always been so, or did it begin after a period of satisfying function?",
    ),
    (
        "generalized_or_situational",
        "generalizedOrSituational",
        "Generalized or situational",
        "Alone, with partners, in particular situations.",
    ),
    ("phases_affected", "phasesAffected", "Phases affected", "Desire, arousal, orgasm, pain."),
    ("distress", "distress", "Distress", "The distress of the client, and of the partner."),
    (
        "psychological_functioning",
        "psychologicalFunctioning",
        "Psychological functioning in the environment",
        "Mood, anxiety, stress; work, family, social life.",
    ),
    ("relationship", "relationship", "Relationship", "Intimacy, communication, conflict."),
    (
        "partner_violence_screen",
        "partnerViolenceScreen",
        "Intimate-partner violence screen",
        "Screen before any joint session; record what was asked and the answer.",
    ),
    (
        "developmental_history",
        "developmentalHistory",
        "Developmental and sexual history",
        "Messages about sex in upbringing, religion and culture, first experiences, coercive experiences.",
    ),
    (
        "body_image",
        "bodyImage",
        "Body image and self-concept",
        "How the client sees their body and themselves.",
    ),
    (
        "medical",
        "medical",
        "Medical",
        "Conditions, surgery, medication (e.g. SSRIs), contraception, substance use.",
    ),
    (
        "mental_health_risk",
        "mentalHealthRisk",
        "Mental health and risk",
        "Current and past mental health; suicide or self-harm.",
    ),
    ("trauma", "trauma", "Trauma", "Traumatic experiences, sexual or otherwise."),
    ("strengths", "strengths", "Strengths and supports", "What helps; who supports the client."),
    (
        "goals_expectations",
        "goalsExpectations",
        "Goals and expectations",
        "What the client hopes for from therapy.",
    ),
];

/// The intake's text columns, in form order.
pub(crate) const COLUMNS: [&str; 16] = {
    let mut cols = [""; 16];
    let mut i = 0;
    while i < 16 {
        cols[i] = SECTIONS[i].0;
        i += 1;
    }
    cols
};

/// The intake form's sections with their prompts.
pub fn intake_sections() -> Vec<IntakeSectionInfo> {
    SECTIONS
        .iter()
        .enumerate()
        .map(|(i, (_, key, title, prompts))| IntakeSectionInfo {
            key: key.to_string(),
            title: title.to_string(),
            prompts: prompts.to_string(),
            required: i == 0,
        })
        .collect()
}

impl IntakeSections {
    /// The answers in form order; the presenting problem first.
    pub(crate) fn values(&self) -> [Option<&str>; 16] {
        [
            Some(self.presenting_problem.as_str()),
            self.onset_course.as_deref(),
            self.lifelong_or_acquired.as_deref(),
            self.generalized_or_situational.as_deref(),
            self.phases_affected.as_deref(),
            self.distress.as_deref(),
            self.psychological_functioning.as_deref(),
            self.relationship.as_deref(),
            self.partner_violence_screen.as_deref(),
            self.developmental_history.as_deref(),
            self.body_image.as_deref(),
            self.medical.as_deref(),
            self.mental_health_risk.as_deref(),
            self.trauma.as_deref(),
            self.strengths.as_deref(),
            self.goals_expectations.as_deref(),
        ]
    }

    /// Rebuilds the answers from values in form order.
    pub(crate) fn from_values(values: Vec<Option<String>>) -> IntakeSections {
        let mut it = values.into_iter();
        let mut next = || it.next().flatten();
        IntakeSections {
            presenting_problem: next().unwrap_or_default(),
            onset_course: next(),
            lifelong_or_acquired: next(),
            generalized_or_situational: next(),
            phases_affected: next(),
            distress: next(),
            psychological_functioning: next(),
            relationship: next(),
            partner_violence_screen: next(),
            developmental_history: next(),
            body_image: next(),
            medical: next(),
            mental_health_risk: next(),
            trauma: next(),
            strengths: next(),
            goals_expectations: next(),
        }
    }

    /// Checks every section; the presenting problem is required.
    pub(crate) fn validated(&self) -> Result<IntakeSections> {
        let mut out = Vec::with_capacity(SECTIONS.len());
        for (i, value) in self.values().into_iter().enumerate() {
            let field = format!("sections.{}", SECTIONS[i].1);
            out.push(if i == 0 {
                Some(input::required_text(&field, value.unwrap_or_default())?)
            } else {
                input::text(&field, value)?
            });
        }
        Ok(IntakeSections::from_values(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_has_a_column_a_key_and_a_prompt() {
        let info = intake_sections();
        assert_eq!(info.len(), COLUMNS.len());
        assert_eq!(info.iter().filter(|s| s.required).count(), 1);
        for (s, col) in info.iter().zip(COLUMNS) {
            assert!(!s.prompts.is_empty() && !s.title.is_empty());
            let camel: String = col
                .split('_')
                .enumerate()
                .map(|(i, w)| if i == 0 { w.to_string() } else { w[..1].to_uppercase() + &w[1..] })
                .collect();
            assert_eq!(camel, s.key);
        }
    }

    #[test]
    fn values_round_trip_in_form_order() {
        let s = IntakeSections {
            presenting_problem: "p".into(),
            trauma: Some("t".into()),
            goals_expectations: Some("g".into()),
            ..IntakeSections::default()
        };
        let back =
            IntakeSections::from_values(s.values().into_iter().map(|v| v.map(str::to_string)).collect());
        assert_eq!(back, s);
    }
}
