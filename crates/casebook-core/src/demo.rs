//! The demo notebook: a fresh notebook, in a place the shell chooses (a temporary folder), with a
//! few clearly fictional cases at different stages, so a newcomer sees a working casebook in
//! seconds. Its random passphrase is returned to be shown on screen.
//!
//! The cases are written only through the public domain functions, exactly as a therapist's
//! clicks would write them, so the demo also exercises the workflow rules. Each event is recorded
//! "on its day" through a clock shifted into the past, so dates and the audit of when things were
//! written agree. Every name ends in "(demo)" and no detail belongs to a real person. The shell
//! chooses the folder (named with [`DEMO_DIR_PREFIX`]) and deletes it at exit; a folder left by a
//! killed app is swept at the next start ([`sweep_stale_demos`]).

mod cases;

use crate::case::CaseId;
use crate::clock::Clock;
use crate::error::Result;
use crate::notebook::{Notebook, NotebookConfig, OpenNotebook};
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use rand::rngs::OsRng;
use serde::Serialize;
use std::sync::Arc;
use ts_rs::TS;

/// The start of every demo folder's name, in the temporary folder.
pub const DEMO_DIR_PREFIX: &str = "casebook-demo-";

/// Removes demo folders under `temp` that no running Casebook holds (their claim can be taken),
/// left behind when the app was killed before it could delete them. Answers how many went.
pub fn sweep_stale_demos(temp: &std::path::Path) -> usize {
    let Ok(entries) = std::fs::read_dir(temp) else { return 0 };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let is_demo = name.to_string_lossy().starts_with(DEMO_DIR_PREFIX);
        let is_folder = entry.file_type().is_ok_and(|t| t.is_dir());
        if !is_demo || !is_folder {
            continue;
        }
        let location = crate::location::Location::new(entry.path());
        // A live app holds the claim; only an abandoned folder can be claimed.
        let Ok(claim) = location.claim() else { continue };
        drop(claim);
        if std::fs::remove_dir_all(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// What the lock screen shows after creating the demo notebook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DemoNotebookView {
    /// Shown on screen: the demo holds no real client data.
    pub passphrase: String,
    pub folder: String,
    pub cases: u32,
}

/// A demo notebook, created and unlocked.
#[derive(Debug)]
pub struct DemoNotebook {
    pub notebook: Notebook,
    pub passphrase: String,
    pub cases: Vec<CaseId>,
}

impl DemoNotebook {
    pub fn view(&self) -> DemoNotebookView {
        DemoNotebookView {
            passphrase: self.passphrase.clone(),
            folder: self.notebook.location().dir().display().to_string(),
            cases: u32::try_from(self.cases.len()).unwrap_or(u32::MAX),
        }
    }
}

const WORDS: [&str; 64] = [
    "amber", "anchor", "autumn", "basil", "beacon", "birch", "bramble", "canyon", "cedar", "cinder",
    "clover", "comet", "coral", "crane", "delta", "ember", "fable", "fern", "fjord", "garnet", "glacier",
    "harbour", "hazel", "heron", "indigo", "island", "juniper", "kestrel", "lagoon", "lantern", "lilac",
    "linen", "maple", "meadow", "mistral", "nutmeg", "orchid", "otter", "pebble", "pepper", "plover",
    "quartz", "quill", "raven", "reed", "saffron", "sierra", "sorrel", "spruce", "tamarind", "thistle",
    "tundra", "umber", "valley", "velvet", "walnut", "willow", "wren", "yarrow", "zephyr", "cobalt",
    "marble", "tinder", "vesper",
];

/// Five random words: easy to type from the screen, and strong enough for the vault's check.
fn passphrase() -> String {
    let mut rng = OsRng;
    (0..5).map(|_| WORDS[rng.gen_range(0..WORDS.len())]).collect::<Vec<_>>().join(" ")
}

/// Creates the demo notebook at `config`'s location (which must not hold a notebook) and fills
/// it with the demo cases.
pub fn create_demo_notebook(config: NotebookConfig, clock: Arc<dyn Clock>) -> Result<DemoNotebook> {
    let mut notebook = Notebook::new(config, clock.clone());
    let passphrase = passphrase();
    notebook.create(&passphrase)?;
    let cases = seed_demo(notebook.open_mut()?, clock.as_ref())?;
    tracing::info!(cases = cases.len(), "demo notebook created");
    Ok(DemoNotebook { notebook, passphrase, cases })
}

/// The therapist the demo's signatures name, when the notebook has none yet.
pub const DEMO_THERAPIST: &str = "Dr Robin Example (demo)";

/// Writes the demo cases into an open notebook, each with its own formulation of its own
/// difficulty: a man with erectile difficulty at plan stage, a couple in couples therapy for her
/// low desire (its plan review overdue, its latest note unsigned and turning late within a day),
/// a young woman with vaginismus formulated while the medical rule-out is pending (one note late
/// to sign), and a closed premature-ejaculation case. Most notes are signed on the day they were
/// written, by [`DEMO_THERAPIST`] unless Settings already name someone.
pub fn seed_demo(open: &mut OpenNotebook, clock: &dyn Clock) -> Result<Vec<CaseId>> {
    if open.settings().therapist_name.is_empty() {
        let named = crate::Settings { therapist_name: DEMO_THERAPIST.into(), ..open.settings().clone() };
        open.update_settings(named)?;
    }
    Ok(vec![
        cases::erectile_dysfunction_at_plan(open, clock)?,
        cases::couple_in_couples_therapy(open, clock)?,
        cases::vaginismus_awaiting_rule_out(open, clock)?,
        cases::closed_premature_ejaculation(open, clock)?,
    ])
}

/// A clock `days` in the past of another, so each demo event is written on its own day.
#[derive(Debug)]
struct DaysAgo<'a> {
    base: &'a dyn Clock,
    days: i64,
}

impl Clock for DaysAgo<'_> {
    fn now(&self) -> DateTime<Utc> {
        self.base.now() - Duration::days(self.days)
    }
}

/// A clock stopped at a given moment (never later than another clock's now), for a note written
/// and signed just after its session.
#[derive(Debug)]
struct At<'a> {
    base: &'a dyn Clock,
    at: DateTime<Utc>,
}

impl Clock for At<'_> {
    fn now(&self) -> DateTime<Utc> {
        self.at.min(self.base.now())
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod sweep_tests {
    use super::*;

    #[test]
    fn abandoned_demo_folders_are_swept_and_live_ones_kept() {
        let temp = tempfile::tempdir().unwrap();
        let abandoned = temp.path().join(format!("{DEMO_DIR_PREFIX}0001"));
        let live = temp.path().join(format!("{DEMO_DIR_PREFIX}0002"));
        let other = temp.path().join("casebook-e2e-0003");
        for dir in [&abandoned, &live, &other] {
            std::fs::create_dir(dir).unwrap();
            std::fs::write(dir.join("notebook.db"), b"x").unwrap();
        }
        std::fs::write(temp.path().join(format!("{DEMO_DIR_PREFIX}file")), b"not a folder").unwrap();
        let held = crate::location::Location::new(&live).claim().unwrap();
        assert_eq!(sweep_stale_demos(temp.path()), 1);
        assert!(!abandoned.exists());
        assert!(live.exists() && other.exists());
        assert!(temp.path().join(format!("{DEMO_DIR_PREFIX}file")).exists());
        drop(held);
    }
}
