//! Outcome measures (DOMAIN.md section 7): the built-in catalogue, each measure's range, its own
//! published bands and its scoring; the therapist's custom measures ([`custom`]); administrations,
//! each belonging to one person of the case ([`administer`]); and their trends ([`load`]).
//!
//! What the app may ship follows each measure's licence. PHQ-9 and GAD-7 are free to reproduce
//! unaltered, so their items, stem and answer options are here and the engine scores them. The
//! others' rights are held by others: only the total (and subscale totals where the measure has
//! them) is entered, checked against the range, and banded; no item text is shipped.
//!
//! Scores are kept in hundredths ([`Score`]), so FSFI's decimals (26.55) are exact. Bands are the
//! measure's own; the app never diagnoses from a score.

use crate::columns::text_enum;
use crate::error::{Error, Result};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::TS;

mod administer;
mod custom;
mod load;

pub use administer::{AdministrationInput, SubscaleInput, record_measure, update_measure};
pub(crate) use custom::find as find_measure;
pub use custom::{BandInput, CustomMeasureInput, add_custom_measure, list_measures};
pub use load::{
    AdministrationView, CaseMeasures, ChangeSense, GoalProgress, SubscaleScore, Trend, TrendPoint, Whose,
    case_measures,
};
pub(crate) use load::{for_session, goal_progress, unsigned_count};

crate::columns::row_id! {
    /// One administration of a measure to one person.
    AdministrationId
}

/// A score in hundredths of a point: 2655 is 26.55.
pub type Score = i32;

/// A score as the window sends and shows it: a number of points (26.55), kept in hundredths so
/// comparisons and bands are exact. A number with more than two decimals is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, TS)]
#[ts(type = "number")]
pub struct Points(pub Score);

impl Serialize for Points {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_f64(f64::from(self.0) / 100.0)
    }
}

impl<'de> Deserialize<'de> for Points {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Points, D::Error> {
        let value = f64::deserialize(d)?;
        let hundredths = value * 100.0;
        let rounded = hundredths.round();
        if !value.is_finite() || rounded.abs() > 100_000_000.0 || (hundredths - rounded).abs() > 1e-6 {
            // "invalid value": the command's refusal says the argument holds a value out of range.
            return Err(serde::de::Error::invalid_value(
                serde::de::Unexpected::Other("a number with more than two decimals"),
                &"a score with at most two decimals",
            ));
        }
        Ok(Points(rounded as Score))
    }
}

const fn pts(whole: i32) -> Score {
    whole * 100
}

text_enum! {
    /// What the app may ship of a measure.
    pub enum Licence {
        /// Free to reproduce unaltered: items, answer options and scoring are shipped.
        Reproducible = "reproducible",
        /// Rights held by others: the total (and subscales) are entered, no item text.
        ScoreEntry = "score_entry",
    }
}

text_enum! {
    pub enum Direction {
        HigherIsWorse = "higher_is_worse",
        HigherIsBetter = "higher_is_better",
    }
}

/// One of a measure's published bands, inclusive at both ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    pub from: Score,
    pub to: Score,
    pub label: &'static str,
}

/// A subscale with its own range (FSFI's domains).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subscale {
    pub code: &'static str,
    pub name: &'static str,
    pub min: Score,
    pub max: Score,
}

/// A measure of the built-in catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeasureDef {
    pub code: &'static str,
    pub name: &'static str,
    /// What it measures, in a few words.
    pub construct: &'static str,
    pub licence: Licence,
    pub min: Score,
    pub max: Score,
    /// The smallest step between two totals, in hundredths: 100 for whole points, 10 for FSFI's
    /// tenths. A total off the step is refused.
    pub step: Score,
    pub direction: Direction,
    pub bands: &'static [Band],
    /// The change its authors call clinically meaningful, when they define one.
    pub meaningful_change: Option<Score>,
    /// For a reproducible measure: the question before the items, the items, and the answers
    /// with their values (0 first). Empty for score entry.
    pub stem: &'static str,
    pub items: &'static [&'static str],
    pub answers: &'static [&'static str],
    /// The item (from 0) whose answer above 0 raises a risk prompt the therapist must answer.
    pub risk_item: Option<usize>,
    pub subscales: &'static [Subscale],
}

const FREQUENCY: [&str; 4] = ["Not at all", "Several days", "More than half the days", "Nearly every day"];

/// What a score-entry measure leaves out: no stem, items or answers (their rights are held by
/// others), no risk item, no subscales; each entry below sets the rest.
const SCORE_ENTRY: MeasureDef = MeasureDef {
    code: "",
    name: "",
    construct: "",
    licence: Licence::ScoreEntry,
    min: 0,
    max: 0,
    step: 100,
    direction: Direction::HigherIsWorse,
    bands: &[],
    meaningful_change: None,
    stem: "",
    items: &[],
    answers: &[],
    risk_item: None,
    subscales: &[],
};

/// The built-in catalogue, in the order the window offers it.
pub const BUILT_IN: [MeasureDef; 7] = [
    MeasureDef {
        code: "phq9",
        name: "PHQ-9",
        construct: "Depression",
        licence: Licence::Reproducible,
        min: 0,
        max: pts(27),
        step: 100,
        direction: Direction::HigherIsWorse,
        bands: &[
            Band { from: 0, to: pts(4), label: "Minimal" },
            Band { from: pts(5), to: pts(9), label: "Mild" },
            Band { from: pts(10), to: pts(14), label: "Moderate" },
            Band { from: pts(15), to: pts(19), label: "Moderately severe" },
            Band { from: pts(20), to: pts(27), label: "Severe" },
        ],
        meaningful_change: Some(pts(5)),
        stem: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
        items: &[
            "Little interest or pleasure in doing things",
            "Feeling down, depressed, or hopeless",
            "Trouble falling or staying asleep, or sleeping too much",
            "Feeling tired or having little energy",
            "Poor appetite or overeating",
            "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
            "Trouble concentrating on things, such as reading the newspaper or watching television",
            "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
            "Thoughts that you would be better off dead or of hurting yourself in some way",
        ],
        answers: &FREQUENCY,
        risk_item: Some(8),
        subscales: &[],
    },
    MeasureDef {
        code: "gad7",
        name: "GAD-7",
        construct: "Anxiety",
        licence: Licence::Reproducible,
        min: 0,
        max: pts(21),
        step: 100,
        direction: Direction::HigherIsWorse,
        bands: &[
            Band { from: 0, to: pts(4), label: "Minimal" },
            Band { from: pts(5), to: pts(9), label: "Mild" },
            Band { from: pts(10), to: pts(14), label: "Moderate" },
            Band { from: pts(15), to: pts(21), label: "Severe" },
        ],
        meaningful_change: Some(pts(4)),
        stem: "Over the last 2 weeks, how often have you been bothered by the following problems?",
        items: &[
            "Feeling nervous, anxious or on edge",
            "Not being able to stop or control worrying",
            "Worrying too much about different things",
            "Trouble relaxing",
            "Being so restless that it is hard to sit still",
            "Becoming easily annoyed or irritable",
            "Feeling afraid as if something awful might happen",
        ],
        answers: &FREQUENCY,
        risk_item: None,
        subscales: &[],
    },
    MeasureDef {
        code: "iief5",
        name: "IIEF-5 (SHIM)",
        construct: "Erectile function",
        min: pts(5),
        max: pts(25),
        step: 100,
        direction: Direction::HigherIsBetter,
        bands: &[
            Band { from: pts(5), to: pts(7), label: "Severe" },
            Band { from: pts(8), to: pts(11), label: "Moderate" },
            Band { from: pts(12), to: pts(16), label: "Mild to moderate" },
            Band { from: pts(17), to: pts(21), label: "Mild" },
            Band { from: pts(22), to: pts(25), label: "No erectile dysfunction" },
        ],
        ..SCORE_ENTRY
    },
    MeasureDef {
        code: "fsfi",
        name: "FSFI",
        construct: "Female sexual function",
        min: 200,
        max: pts(36),
        step: 10,
        direction: Direction::HigherIsBetter,
        bands: &[
            Band { from: 200, to: 2655, label: "Suggests sexual dysfunction" },
            Band { from: 2656, to: pts(36), label: "Above the cut-off" },
        ],
        subscales: &[
            Subscale { code: "desire", name: "Desire", min: 120, max: pts(6) },
            Subscale { code: "arousal", name: "Arousal", min: 0, max: pts(6) },
            Subscale { code: "lubrication", name: "Lubrication", min: 0, max: pts(6) },
            Subscale { code: "orgasm", name: "Orgasm", min: 0, max: pts(6) },
            Subscale { code: "satisfaction", name: "Satisfaction", min: 80, max: pts(6) },
            Subscale { code: "pain", name: "Pain", min: 0, max: pts(6) },
        ],
        ..SCORE_ENTRY
    },
    MeasureDef {
        code: "pedt",
        name: "PEDT",
        construct: "Premature ejaculation",
        min: 0,
        max: pts(20),
        step: 100,
        direction: Direction::HigherIsWorse,
        bands: &[
            Band { from: 0, to: pts(8), label: "No PE" },
            Band { from: pts(9), to: pts(10), label: "Probable PE" },
            Band { from: pts(11), to: pts(20), label: "PE" },
        ],
        ..SCORE_ENTRY
    },
    MeasureDef {
        code: "core10",
        name: "CORE-10",
        construct: "Global distress",
        min: 0,
        max: pts(40),
        step: 100,
        direction: Direction::HigherIsWorse,
        bands: &[
            Band { from: 0, to: pts(10), label: "Below the clinical range" },
            Band { from: pts(11), to: pts(40), label: "Clinical range" },
        ],
        ..SCORE_ENTRY
    },
    MeasureDef {
        code: "csi16",
        name: "CSI-16",
        construct: "Couple satisfaction",
        min: 0,
        max: pts(81),
        step: 100,
        direction: Direction::HigherIsBetter,
        bands: &[
            Band { from: 0, to: pts(51), label: "Suggests relationship distress" },
            Band { from: pts(52), to: pts(81), label: "Above the cut-off" },
        ],
        ..SCORE_ENTRY
    },
];

/// A built-in measure by its code.
pub fn built_in(code: &str) -> Option<&'static MeasureDef> {
    BUILT_IN.iter().find(|m| m.code == code)
}

/// A measure as the window offers it and as the engine checks and scores it: a built-in one, or
/// one the therapist added (score entry, `custom`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeasureView {
    pub code: String,
    pub name: String,
    pub construct: String,
    pub licence: Licence,
    pub direction: Direction,
    pub min: Points,
    pub max: Points,
    pub step: Points,
    /// The measure's own published bands (or the therapist's, for a custom measure), lowest
    /// first, covering the range without gaps.
    pub bands: Vec<BandView>,
    pub meaningful_change: Option<Points>,
    pub stem: String,
    /// Item text, for a reproducible measure only.
    pub items: Vec<String>,
    pub answers: Vec<String>,
    /// The item (from 0) whose answer above 0 raises a risk prompt.
    pub risk_item: Option<u32>,
    pub subscales: Vec<SubscaleView>,
    /// Added by the therapist.
    pub custom: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BandView {
    pub from: Points,
    pub to: Points,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SubscaleView {
    pub code: String,
    pub name: String,
    pub min: Points,
    pub max: Points,
}

impl From<&MeasureDef> for MeasureView {
    fn from(m: &MeasureDef) -> MeasureView {
        MeasureView {
            code: m.code.into(),
            name: m.name.into(),
            construct: m.construct.into(),
            licence: m.licence,
            direction: m.direction,
            min: Points(m.min),
            max: Points(m.max),
            step: Points(m.step),
            bands: m
                .bands
                .iter()
                .map(|b| BandView { from: Points(b.from), to: Points(b.to), label: b.label.into() })
                .collect(),
            meaningful_change: m.meaningful_change.map(Points),
            stem: m.stem.into(),
            items: m.items.iter().map(|i| i.to_string()).collect(),
            answers: m.answers.iter().map(|a| a.to_string()).collect(),
            risk_item: m.risk_item.map(|i| i as u32),
            subscales: m
                .subscales
                .iter()
                .map(|s| SubscaleView {
                    code: s.code.into(),
                    name: s.name.into(),
                    min: Points(s.min),
                    max: Points(s.max),
                })
                .collect(),
            custom: false,
        }
    }
}

impl MeasureView {
    /// The band a score falls in; `None` only for a score outside the range.
    pub fn band(&self, score: Score) -> Option<&BandView> {
        self.bands.iter().find(|b| (b.from.0..=b.to.0).contains(&score))
    }

    /// Scores a reproducible measure from its answers, one per item, each 0 to the last answer.
    pub fn score_items(&self, answers: &[Option<u8>]) -> Result<Score> {
        if self.licence != Licence::Reproducible {
            return Err(Error::invalid(
                "items",
                format!("{} is entered as a total, not item by item.", self.name),
            ));
        }
        if answers.len() != self.items.len() {
            return Err(Error::invalid("items", format!("{} has {} items.", self.name, self.items.len())));
        }
        let top = self.answers.len().saturating_sub(1) as u8;
        let mut total = 0;
        for (i, answer) in answers.iter().enumerate() {
            match answer {
                None => return Err(Error::invalid(format!("items.{i}"), "Answer every item.")),
                Some(a) if *a > top => {
                    return Err(Error::invalid(format!("items.{i}"), format!("An answer is 0 to {top}.")));
                }
                Some(a) => total += Score::from(*a) * 100,
            }
        }
        Ok(total)
    }

    /// Checks an entered total against the range and the step.
    pub fn check_total(&self, field: &str, total: Score) -> Result<Score> {
        check_range(field, total, self.min.0, self.max.0, self.step.0)
    }

    /// Checks an entered subscale total.
    pub fn check_subscale(&self, code: &str, total: Score) -> Result<Score> {
        let Some(sub) = self.subscales.iter().find(|s| s.code == code) else {
            return Err(Error::invalid("subscales", format!("{} has no subscale “{code}”.", self.name)));
        };
        check_range(&format!("subscales.{code}"), total, sub.min.0, sub.max.0, self.step.0)
    }

    /// Whether the answers raise the risk prompt (PHQ-9 item 9 above 0).
    pub fn raises_risk(&self, answers: &[Option<u8>]) -> bool {
        self.risk_item.and_then(|i| answers.get(i as usize).copied().flatten()).is_some_and(|a| a > 0)
    }

    /// Whether a change from `from` to `to` is the clinically meaningful change the measure
    /// defines, and in which sense: `Some(true)` better, `Some(false)` worse.
    pub fn meaningful(&self, from: Score, to: Score) -> Option<bool> {
        let threshold = self.meaningful_change?.0;
        let change = to - from;
        if change.abs() < threshold {
            return None;
        }
        Some((change < 0) == (self.direction == Direction::HigherIsWorse))
    }
}

fn check_range(field: &str, total: Score, min: Score, max: Score, step: Score) -> Result<Score> {
    if !(min..=max).contains(&total) {
        return Err(Error::invalid(field, format!("A score here is {} to {}.", shown(min), shown(max))));
    }
    if (total - min) % step.max(1) != 0 {
        let places = match step {
            100.. => "a whole number",
            10..=99 => "in tenths",
            _ => "in hundredths",
        };
        return Err(Error::invalid(field, format!("A score here is {places}.")));
    }
    Ok(total)
}

/// A score as people write it: 26.55, 26.5, 26.
pub fn shown(score: Score) -> String {
    let sign = if score < 0 { "-" } else { "" };
    let (whole, rest) = (score.abs() / 100, score.abs() % 100);
    match rest {
        0 => format!("{sign}{whole}"),
        r if r % 10 == 0 => format!("{sign}{whole}.{}", r / 10),
        r => format!("{sign}{whole}.{r:02}"),
    }
}

#[cfg(test)]
mod given_tests;
#[cfg(test)]
mod tests;
