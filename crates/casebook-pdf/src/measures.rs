//! Outcome measures in the summary: baseline and current score per measure and person. The
//! measures themselves arrive with a later issue, which also adds the small trend chart (with the
//! band lines) here, below the table; until then a case has none and the section says so.

use crate::blocks;
use crate::layout::Flow;
use casebook_core::export::{Measures, Table, Text};

pub(crate) fn draw(flow: &mut Flow<'_>, measures: &Measures) {
    if measures.rows.is_empty() {
        blocks::remark(flow, "No outcome measures are recorded in this case yet.");
        return;
    }
    let cell = |v: &Option<String>| Text::plain(v.clone().unwrap_or_else(|| "-".into()));
    let rows = measures
        .rows
        .iter()
        .map(|r| {
            vec![
                Text::plain(r.measure.clone()),
                Text::plain(r.person.clone()),
                cell(&r.baseline),
                cell(&r.current),
                cell(&r.band),
            ]
        })
        .collect();
    let columns = ["Measure", "Person", "Baseline", "Current", "Band"].map(String::from).to_vec();
    blocks::table(flow, &Table { caption: None, columns, widths: vec![4, 3, 2, 2, 4], rows });
}
