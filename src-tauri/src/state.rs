//! The app's managed state: the one notebook this process may write, behind a mutex.
//!
//! Every command goes through [`AppState::with_notebook`] or [`AppState::with_open`], which log the
//! command's name, outcome kind and duration (never its arguments) and turn engine errors into the
//! IPC shape. The demo notebook replaces the active notebook for the rest of the run and its
//! folder is deleted when the app exits.

use casebook_core::clock::{Clock, SystemClock};
use casebook_core::demo::{self, DemoNotebookView};
use casebook_core::location::Claim;
use casebook_core::notebook::OpenNotebook;
use casebook_core::{Error, ErrorReply, Location, Notebook, NotebookConfig};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

#[derive(Debug)]
struct Active {
    notebook: Notebook,
    /// Held for as long as this notebook is active; `Err` when another process has the folder.
    claim: Result<Claim, String>,
    /// The demo's temporary folder, removed at exit.
    demo_dir: Option<PathBuf>,
}

#[derive(Debug)]
pub struct AppState {
    active: Mutex<Active>,
}

impl AppState {
    pub fn new(notebook: Notebook, claim: Result<Claim, Error>) -> Self {
        let active = Active { notebook, claim: claim.map_err(|e| e.to_string()), demo_dir: None };
        AppState { active: Mutex::new(active) }
    }

    fn active(&self) -> MutexGuard<'_, Active> {
        self.active.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs one engine call on the notebook for the command `name`.
    pub fn with_notebook<T>(
        &self,
        name: &'static str,
        call: impl FnOnce(&mut Notebook) -> casebook_core::Result<T>,
    ) -> Result<T, ErrorReply> {
        let started = Instant::now();
        let result = {
            let mut active = self.active();
            let result = match &active.claim {
                Ok(_) => call(&mut active.notebook),
                Err(message) => Err(Error::Conflict(message.clone())),
            };
            if matches!(result, Err(Error::Corrupt(_))) {
                active.notebook.report_damage();
            }
            result
        };
        log_outcome(name, started, &result);
        result.map_err(ErrorReply::from)
    }

    /// Runs one engine call that needs the notebook unlocked (and the clock).
    pub fn with_open<T>(
        &self,
        name: &'static str,
        call: impl FnOnce(&mut OpenNotebook, &dyn Clock) -> casebook_core::Result<T>,
    ) -> Result<T, ErrorReply> {
        self.with_notebook(name, |nb| {
            let (open, clock) = nb.open_with_clock()?;
            call(open, clock)
        })
    }

    /// Creates the demo notebook in a new temporary folder and makes it the active one.
    pub fn open_demo(&self) -> Result<DemoNotebookView, ErrorReply> {
        let started = Instant::now();
        let result = self.replace_with_demo();
        log_outcome("open_demo_notebook", started, &result);
        result.map_err(ErrorReply::from)
    }

    fn replace_with_demo(&self) -> casebook_core::Result<DemoNotebookView> {
        let mut active = self.active();
        let previous = active.notebook.config().clone();
        let dir =
            std::env::temp_dir().join(format!("{}{:016x}", demo::DEMO_DIR_PREFIX, rand::random::<u64>()));
        let location = Location::new(&dir);
        let claim = location.claim()?;
        let config = NotebookConfig {
            location,
            vault: previous.vault,
            idle_limit_override: previous.idle_limit_override,
            demo: true,
            intact_check_wait: previous.intact_check_wait,
        };
        let made = demo::create_demo_notebook(config, Arc::new(SystemClock))?;
        let view = made.view();
        active.notebook.lock();
        let old_demo = active.demo_dir.take();
        *active = Active { notebook: made.notebook, claim: Ok(claim), demo_dir: Some(dir) };
        if let Some(old) = old_demo {
            let _ = std::fs::remove_dir_all(old);
        }
        Ok(view)
    }

    /// Called by the timer: the hourly automatic backup, when one is due.
    pub fn back_up_if_due(&self) {
        let started = Instant::now();
        let outcome = self.active().notebook.back_up_if_due();
        if let Some(result) = outcome {
            log_outcome("automatic_backup", started, &result);
        }
    }

    /// Called by the idle timer; true when the notebook was just locked.
    /// True when the whole-file check left running at unlock has just found damage (and the
    /// notebook has locked without writing).
    pub fn poll_intact_check(&self) -> bool {
        self.active().notebook.poll_intact_check()
    }

    pub fn lock_if_idle(&self) -> bool {
        self.active().notebook.lock_if_idle()
    }

    /// Locks, and removes the demo folder if one was made; called when the app exits.
    pub fn shut_down(&self) {
        let mut active = self.active();
        active.notebook.lock();
        if let Some(dir) = active.demo_dir.take() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

fn log_outcome<T>(name: &'static str, started: Instant, result: &casebook_core::Result<T>) {
    let ms = started.elapsed().as_millis();
    match result {
        Ok(_) => tracing::info!(command = name, ms, "done"),
        Err(err) => tracing::warn!(command = name, ms, kind = ?err.kind(), "refused"),
    }
}
