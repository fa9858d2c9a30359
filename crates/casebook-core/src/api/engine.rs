//! The one notebook a process may write, behind a mutex, and the context each command runs in.
//!
//! Every command goes through [`Cx::notebook`] or [`Cx::open`], which log the command's name,
//! outcome kind and duration (never its arguments) and turn engine errors into the IPC shape. The
//! demo notebook replaces the active notebook for the rest of the run, and its folder is deleted
//! when the program ends ([`Engine::shut_down`]).

use super::{Args, Host, table};
use crate::clock::Clock;
use crate::demo::{self, DemoNotebookView};
use crate::error::ErrorReply;
use crate::location::Claim;
use crate::notebook::{NotebookStatus, OpenNotebook};
use crate::{Error, Location, Notebook, NotebookConfig};
use serde_json::Value;
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

/// The engine as the window sees it: one notebook and the command table.
#[derive(Debug)]
pub struct Engine {
    active: Mutex<Active>,
    clock: Arc<dyn Clock>,
}

impl Engine {
    /// `claim` is the notebook folder's claim, taken by the caller (a second process gets `Err`,
    /// and every command then answers `conflict`).
    pub fn new(notebook: Notebook, claim: Result<Claim, Error>, clock: Arc<dyn Clock>) -> Self {
        let active = Active { notebook, claim: claim.map_err(|e| e.to_string()), demo_dir: None };
        Engine { active: Mutex::new(active), clock }
    }

    fn active(&self) -> MutexGuard<'_, Active> {
        self.active.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs the command `name` with the page's arguments (a JSON object, or null for none).
    /// `None` when there is no such command; otherwise its answer as JSON or the typed error.
    pub fn call(&self, host: &dyn Host, name: &str, payload: &Value) -> Option<Result<Value, ErrorReply>> {
        let expected = table::ARGS.iter().find(|(n, _)| *n == name)?.1;
        let args = match Args::check(payload, expected) {
            Ok(args) => args,
            Err(reply) => {
                tracing::warn!(command = name, "a malformed call was refused");
                return Some(Err(reply));
            }
        };
        table::dispatch(self, host, name, &args)
    }

    /// Runs one engine call on the notebook for the command `name`.
    fn with_notebook<T>(
        &self,
        name: &'static str,
        call: impl FnOnce(&mut Notebook) -> crate::Result<T>,
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

    /// Creates the demo notebook in a new temporary folder and makes it the active one.
    fn open_demo(&self) -> Result<DemoNotebookView, ErrorReply> {
        let started = Instant::now();
        let result = self.replace_with_demo();
        log_outcome("open_demo_notebook", started, &result);
        result.map_err(ErrorReply::from)
    }

    fn replace_with_demo(&self) -> crate::Result<DemoNotebookView> {
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
        let made = demo::create_demo_notebook(config, Arc::clone(&self.clock))?;
        let view = made.view();
        active.notebook.lock();
        let old_demo = active.demo_dir.take();
        *active = Active { notebook: made.notebook, claim: Ok(claim), demo_dir: Some(dir) };
        if let Some(old) = old_demo {
            let _ = std::fs::remove_dir_all(old);
        }
        Ok(view)
    }

    /// The notebook's status without waiting: `None` while a call holds the notebook (an unlock,
    /// a backup) or when another process has the folder (then `notebook_status` answers the
    /// conflict). The shell writes it into the window's first page, so the lock screen is drawn
    /// in the page's first frame instead of after a round trip (issue 13's cold start).
    pub fn status_if_free(&self) -> Option<NotebookStatus> {
        let active = self.active.try_lock().ok()?;
        active.claim.as_ref().ok()?;
        Some(active.notebook.status())
    }

    /// Called by the timer: the hourly automatic backup, when one is due.
    pub fn back_up_if_due(&self) {
        let started = Instant::now();
        let outcome = self.active().notebook.back_up_if_due();
        if let Some(result) = outcome {
            log_outcome("automatic_backup", started, &result);
        }
    }

    /// True when the whole-file check left running at unlock has just found damage (and the
    /// notebook has locked without writing).
    pub fn poll_intact_check(&self) -> bool {
        self.active().notebook.poll_intact_check()
    }

    /// Called by the idle timer; true when the notebook was just locked.
    pub fn lock_if_idle(&self) -> bool {
        self.active().notebook.lock_if_idle()
    }

    /// Locks, as the idle timer does, whatever the idle limit (the test server's "idle lock").
    pub fn lock_now(&self) {
        self.active().notebook.lock();
    }

    /// Locks, and removes the demo folder if one was made; called when the program ends.
    pub fn shut_down(&self) {
        let mut active = self.active();
        active.notebook.lock();
        if let Some(dir) = active.demo_dir.take() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

fn log_outcome<T>(name: &'static str, started: Instant, result: &crate::Result<T>) {
    let ms = started.elapsed().as_millis();
    match result {
        Ok(_) => tracing::info!(command = name, ms, "done"),
        Err(err) => tracing::warn!(command = name, ms, kind = ?err.kind(), "refused"),
    }
}

/// What a command's body works with: the engine (one locked call at a time), the host, and the
/// command's name for the log.
#[derive(Debug)]
pub(super) struct Cx<'a> {
    engine: &'a Engine,
    host: &'a dyn Host,
    name: &'static str,
}

impl std::fmt::Debug for dyn Host + '_ {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Host")
    }
}

impl<'a> Cx<'a> {
    pub(super) fn new(engine: &'a Engine, host: &'a dyn Host, name: &'static str) -> Self {
        Cx { engine, host, name }
    }

    /// One engine call on the notebook, locked or not.
    pub(super) fn notebook<T>(
        &self,
        call: impl FnOnce(&mut Notebook) -> crate::Result<T>,
    ) -> Result<T, ErrorReply> {
        self.engine.with_notebook(self.name, call)
    }

    /// One engine call that needs the notebook unlocked (and the clock).
    pub(super) fn open<T>(
        &self,
        call: impl FnOnce(&mut OpenNotebook, &dyn Clock) -> crate::Result<T>,
    ) -> Result<T, ErrorReply> {
        self.engine.with_notebook(self.name, |nb| {
            let (open, clock) = nb.open_with_clock()?;
            call(open, clock)
        })
    }

    pub(super) fn host(&self) -> &dyn Host {
        self.host
    }

    pub(super) fn open_demo(&self) -> Result<DemoNotebookView, ErrorReply> {
        self.engine.open_demo()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::SystemClock;

    fn engine(dir: &std::path::Path) -> (Engine, Location) {
        let location = Location::new(dir);
        let notebook = Notebook::new(NotebookConfig::new(location.clone()), Arc::new(SystemClock));
        (Engine::new(notebook, location.claim(), Arc::new(SystemClock)), location)
    }

    #[test]
    fn the_status_without_waiting_is_the_status_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (engine, location) = engine(dir.path());
        let status = engine.status_if_free().expect("a free engine answers");
        assert_eq!(status, engine.active().notebook.status());
        assert!(!status.exists && !status.unlocked);
        // While a call holds the notebook, nothing: the page asks for itself.
        {
            let _busy = engine.active();
            assert_eq!(engine.status_if_free(), None);
        }
        // A second process on the same folder gets the conflict from its call, not a status.
        let notebook = Notebook::new(NotebookConfig::new(location.clone()), Arc::new(SystemClock));
        let second = Engine::new(notebook, location.claim(), Arc::new(SystemClock));
        assert_eq!(second.status_if_free(), None);
    }
}
