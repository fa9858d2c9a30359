//! The therapist's own measures: score entry, with the range, step, direction and bands she
//! gives them. The catalogue is data, so a custom measure is checked, banded and charted exactly
//! as a built-in score-entry measure is. A custom measure is not edited once added: the scores
//! already entered were checked against its range and bands.

use super::{BUILT_IN, BandView, Direction, Licence, MeasureView, Points, Score, shown};
use crate::clock::Clock;
use crate::columns;
use crate::error::{Error, Result};
use crate::input;
use crate::notebook::OpenNotebook;
use crate::record::audit::{self, AuditAction, AuditTable, Target};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The most bands a custom measure has.
pub const MAX_BANDS: usize = 10;
/// The widest range, in points either side of zero.
const LIMIT: Score = 1_000_000;
const CODE_PREFIX: &str = "custom_";

/// A band of a custom measure, inclusive at both ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BandInput {
    pub from: Points,
    pub to: Points,
    pub label: String,
}

/// A custom measure, as the window sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct CustomMeasureInput {
    pub name: String,
    /// What it measures, in a few words.
    pub construct: String,
    pub min: Points,
    pub max: Points,
    /// The smallest step between two scores: 1, 0.1 or 0.01.
    pub step: Points,
    pub direction: Direction,
    /// Lowest first, from the minimum to the maximum without gaps.
    pub bands: Vec<BandInput>,
    pub meaningful_change: Option<Points>,
}

fn on_step(field: &str, value: Score, min: Score, step: Score) -> Result<()> {
    if (value - min) % step != 0 {
        return Err(Error::invalid(field, "This score is not on the measure's step."));
    }
    Ok(())
}

fn validated(m: &CustomMeasureInput) -> Result<(String, String, Vec<BandView>)> {
    let name = input::required_line("name", &m.name, 60)?;
    let construct = input::required_line("construct", &m.construct, 120)?;
    if BUILT_IN.iter().any(|b| b.name.eq_ignore_ascii_case(&name) || b.code.eq_ignore_ascii_case(&name)) {
        return Err(Error::invalid("name", "A built-in measure has this name."));
    }
    let step = m.step.0;
    if ![1, 10, 100].contains(&step) {
        return Err(Error::invalid("step", "A step is 1, 0.1 or 0.01."));
    }
    let (min, max) = (m.min.0, m.max.0);
    if !(-LIMIT..=LIMIT).contains(&min) {
        return Err(Error::invalid("min", "A score here is -10000 to 10000."));
    }
    if !(-LIMIT..=LIMIT).contains(&max) {
        return Err(Error::invalid("max", "A score here is -10000 to 10000."));
    }
    if max <= min {
        return Err(Error::invalid("max", "The highest score is above the lowest."));
    }
    on_step("max", max, min, step)?;
    if m.bands.is_empty() {
        return Err(Error::invalid("bands", "Give at least one band."));
    }
    if m.bands.len() > MAX_BANDS {
        return Err(Error::invalid("bands", format!("At most {MAX_BANDS} bands.")));
    }
    let mut bands = Vec::with_capacity(m.bands.len());
    let mut next = min;
    for (i, b) in m.bands.iter().enumerate() {
        let label = input::required_line(&format!("bands.{i}.label"), &b.label, 60)?;
        let from_field = format!("bands.{i}.from");
        if b.from.0 != next {
            let message = if i == 0 {
                format!("The first band starts at the lowest score, {}.", shown(min))
            } else {
                format!("This band starts where the one before ends: {}.", shown(next))
            };
            return Err(Error::invalid(from_field, message));
        }
        let to_field = format!("bands.{i}.to");
        on_step(&to_field, b.to.0, min, step)?;
        if b.to.0 < b.from.0 || b.to.0 > max {
            return Err(Error::invalid(to_field, "A band ends at or after it starts, within the range."));
        }
        if i + 1 == m.bands.len() && b.to.0 != max {
            return Err(Error::invalid(
                to_field,
                format!("The last band ends at the highest score, {}.", shown(max)),
            ));
        }
        bands.push(BandView { from: b.from, to: b.to, label });
        next = b.to.0 + step;
    }
    if let Some(change) = m.meaningful_change
        && (change.0 <= 0 || change.0 > max - min || change.0 % step != 0)
    {
        return Err(Error::invalid(
            "meaningfulChange",
            "A meaningful change is above 0, on the step, and within the range.",
        ));
    }
    Ok((name, construct, bands))
}

fn bands_text(bands: &[BandView]) -> String {
    bands.iter().map(|b| format!("{}\t{}\t{}", b.from.0, b.to.0, b.label)).collect::<Vec<_>>().join("\n")
}

fn parse_bands(text: &str) -> Vec<BandView> {
    text.lines()
        .filter_map(|line| {
            let mut parts = line.splitn(3, '\t');
            let from = parts.next()?.parse().ok()?;
            let to = parts.next()?.parse().ok()?;
            Some(BandView { from: Points(from), to: Points(to), label: parts.next()?.to_string() })
        })
        .collect()
}

const COLUMNS: &str = "id, name, construct, min_score, max_score, step, direction, bands, meaningful_change";

fn view_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<MeasureView> {
    Ok(MeasureView {
        code: format!("{CODE_PREFIX}{}", r.get::<_, i64>(0)?),
        name: r.get(1)?,
        construct: r.get(2)?,
        licence: Licence::ScoreEntry,
        direction: r.get(6)?,
        min: Points(r.get(3)?),
        max: Points(r.get(4)?),
        step: Points(r.get(5)?),
        bands: parse_bands(&r.get::<_, String>(7)?),
        meaningful_change: r.get::<_, Option<Score>>(8)?.map(Points),
        stem: String::new(),
        items: Vec::new(),
        answers: Vec::new(),
        risk_item: None,
        subscales: Vec::new(),
        custom: true,
    })
}

/// Every measure the notebook offers: the built-in catalogue, then the custom measures by name.
pub(crate) fn all(conn: &Connection) -> Result<Vec<MeasureView>> {
    let mut out: Vec<MeasureView> = BUILT_IN.iter().map(MeasureView::from).collect();
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM custom_measure ORDER BY name, id"))?;
    for m in stmt.query_map([], view_of)? {
        out.push(m?);
    }
    Ok(out)
}

/// A measure by its code, or an `invalid` refusal naming `field`.
pub(crate) fn find(conn: &Connection, field: &str, code: &str) -> Result<MeasureView> {
    if let Some(def) = super::built_in(code) {
        return Ok(MeasureView::from(def));
    }
    let custom = code.strip_prefix(CODE_PREFIX).and_then(|id| id.parse::<i64>().ok());
    let found = match custom {
        Some(id) => conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM custom_measure WHERE id = ?1"))?
            .query_row([id], view_of)
            .optional()?,
        None => None,
    };
    found.ok_or_else(|| Error::invalid(field, "This measure is not in the catalogue."))
}

/// The measures a therapist can give: built-in and custom.
pub fn list_measures(open: &OpenNotebook) -> Result<Vec<MeasureView>> {
    all(open.store().conn())
}

/// Adds a custom measure to the catalogue.
pub fn add_custom_measure(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    m: CustomMeasureInput,
) -> Result<MeasureView> {
    let (name, construct, bands) = validated(&m)?;
    let now = columns::instant_text(clock.now());
    let tx = open.change()?;
    let taken: bool =
        tx.prepare_cached("SELECT 1 FROM custom_measure WHERE name = ?1 COLLATE NOCASE")?.exists([&name])?;
    if taken {
        return Err(Error::invalid("name", "A measure with this name is in the catalogue already."));
    }
    tx.execute(
        "INSERT INTO custom_measure (name, construct, min_score, max_score, step, direction, bands, meaningful_change,
                                     created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            name,
            construct,
            m.min.0,
            m.max.0,
            m.step.0,
            m.direction,
            bands_text(&bands),
            m.meaningful_change.map(|c| c.0),
            now
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit::append(&tx, AuditAction::Created, Target::record(AuditTable::CustomMeasure, id))?;
    tx.commit()?;
    tracing::info!(id, bands = bands.len(), "custom measure added");
    find(open.store().conn(), "measure", &format!("{CODE_PREFIX}{id}"))
}
