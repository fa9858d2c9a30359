//! The app's managed state: the one notebook this process may write, behind a mutex.
//!
//! Every command goes through [`AppState::with_notebook`], which logs the command's name, outcome
//! kind and duration (never its arguments) and turns engine errors into the IPC shape.

use casebook_core::location::Claim;
use casebook_core::{Error, ErrorReply, Notebook};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Instant;

#[derive(Debug)]
pub struct AppState {
    notebook: Mutex<Notebook>,
    /// Held for the life of the process; `Err` when another process has the folder.
    claim: Result<Claim, String>,
}

impl AppState {
    pub fn new(notebook: Notebook, claim: Result<Claim, Error>) -> Self {
        AppState { notebook: Mutex::new(notebook), claim: claim.map_err(|e| e.to_string()) }
    }

    fn lock_notebook(&self) -> MutexGuard<'_, Notebook> {
        self.notebook.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs one engine call for the command `name`.
    pub fn with_notebook<T>(
        &self,
        name: &'static str,
        call: impl FnOnce(&mut Notebook) -> casebook_core::Result<T>,
    ) -> Result<T, ErrorReply> {
        let started = Instant::now();
        let result = match &self.claim {
            Ok(_) => call(&mut self.lock_notebook()),
            Err(message) => Err(Error::Conflict(message.clone())),
        };
        let ms = started.elapsed().as_millis();
        match &result {
            Ok(_) => tracing::info!(command = name, ms, "done"),
            Err(err) => tracing::warn!(command = name, ms, kind = ?err.kind(), "refused"),
        }
        result.map_err(ErrorReply::from)
    }

    /// Called by the idle timer; true when the notebook was just locked.
    pub fn lock_if_idle(&self) -> bool {
        self.lock_notebook().lock_if_idle()
    }
}
