//! The body of a session note in its format: SOAP, DAP or BIRP. Each part is optional, but a note
//! says something, and the whole body is at most 1 MB.

use super::NoteFormat;
use crate::error::{Error, Result};
use crate::input::{self, MAX_TEXT_BYTES};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A note's body; `format` says which parts it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "format", rename_all = "snake_case", rename_all_fields = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub enum NoteBody {
    Soap {
        subjective: Option<String>,
        objective: Option<String>,
        assessment: Option<String>,
        plan: Option<String>,
    },
    Dap {
        data: Option<String>,
        assessment: Option<String>,
        plan: Option<String>,
    },
    Birp {
        behaviour: Option<String>,
        intervention: Option<String>,
        response: Option<String>,
        plan: Option<String>,
    },
}

/// The body's columns, in this order.
pub(super) const COLUMNS: [&str; 8] =
    ["subjective", "objective", "data", "behaviour", "intervention", "response", "assessment", "plan"];

impl NoteBody {
    pub fn format(&self) -> NoteFormat {
        match self {
            NoteBody::Soap { .. } => NoteFormat::Soap,
            NoteBody::Dap { .. } => NoteFormat::Dap,
            NoteBody::Birp { .. } => NoteFormat::Birp,
        }
    }

    /// The parts in [`COLUMNS`] order; parts the format does not have are `None`.
    pub(super) fn columns(&self) -> [Option<&str>; 8] {
        fn s(v: &Option<String>) -> Option<&str> {
            v.as_deref()
        }
        match self {
            NoteBody::Soap { subjective, objective, assessment, plan } => {
                [s(subjective), s(objective), None, None, None, None, s(assessment), s(plan)]
            }
            NoteBody::Dap { data, assessment, plan } => {
                [None, None, s(data), None, None, None, s(assessment), s(plan)]
            }
            NoteBody::Birp { behaviour, intervention, response, plan } => {
                [None, None, None, s(behaviour), s(intervention), s(response), None, s(plan)]
            }
        }
    }

    pub(super) fn from_columns(format: NoteFormat, mut c: [Option<String>; 8]) -> NoteBody {
        let mut take = |i: usize| c[i].take();
        match format {
            NoteFormat::Soap => {
                NoteBody::Soap { subjective: take(0), objective: take(1), assessment: take(6), plan: take(7) }
            }
            NoteFormat::Dap => NoteBody::Dap { data: take(2), assessment: take(6), plan: take(7) },
            NoteFormat::Birp => {
                NoteBody::Birp { behaviour: take(3), intervention: take(4), response: take(5), plan: take(7) }
            }
        }
    }

    /// Checks each part and the whole: something written, at most 1 MB in all.
    pub(super) fn validated(&self) -> Result<NoteBody> {
        let mut parts: [Option<String>; 8] = Default::default();
        let mut total = 0usize;
        for (i, part) in self.columns().into_iter().enumerate() {
            parts[i] = input::text(&format!("body.{}", COLUMNS[i]), part)?;
            total += parts[i].as_ref().map_or(0, String::len);
        }
        if total > MAX_TEXT_BYTES {
            return Err(Error::invalid("body", "This note is too long: at most 1 MB in all."));
        }
        if total == 0 {
            return Err(Error::invalid("body", "Write at least one part of the note."));
        }
        Ok(NoteBody::from_columns(self.format(), parts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_round_trips_through_its_columns() {
        let bodies = [
            NoteBody::Soap {
                subjective: Some("s".into()),
                objective: Some("o".into()),
                assessment: Some("a".into()),
                plan: Some("p".into()),
            },
            NoteBody::Dap { data: Some("d".into()), assessment: None, plan: Some("p".into()) },
            NoteBody::Birp {
                behaviour: Some("b".into()),
                intervention: Some("i".into()),
                response: Some("r".into()),
                plan: None,
            },
        ];
        for body in bodies {
            let cols = body.columns().map(|v| v.map(str::to_string));
            assert_eq!(NoteBody::from_columns(body.format(), cols), body);
            assert_eq!(body.validated().unwrap(), body);
        }
    }

    #[test]
    fn the_json_names_its_format() {
        let json =
            r#"{"format":"dap","data":"Client reports progress.","assessment":null,"plan":"Continue."}"#;
        let body: NoteBody = serde_json::from_str(json).unwrap();
        assert_eq!(body.format(), NoteFormat::Dap);
        assert!(serde_json::from_str::<NoteBody>(r#"{"format":"dap","subjective":"x"}"#).is_err());
    }

    #[test]
    fn an_empty_or_oversized_note_is_refused() {
        let empty =
            NoteBody::Soap { subjective: Some("  ".into()), objective: None, assessment: None, plan: None };
        assert!(matches!(empty.validated(), Err(Error::Invalid { field, .. }) if field == "body"));
        let half = "x".repeat(MAX_TEXT_BYTES / 2 + 1);
        let big = NoteBody::Dap { data: Some(half.clone()), assessment: Some(half), plan: None };
        assert!(matches!(big.validated(), Err(Error::Invalid { field, .. }) if field == "body"));
    }
}
