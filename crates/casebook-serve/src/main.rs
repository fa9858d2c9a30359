//! `casebook-serve`: the engine's command table over stdin and stdout, for the UI's tests.
//!
//! The window's screens are tested against the real engine, not a copy of its rules: each Vitest
//! file starts this program once and sends it the same calls the Tauri shell would pass on, which
//! run through the same table (`casebook_core::api::Engine::call`). No socket is opened, so the
//! app's promise that nothing touches the network stays obvious; the notebook lives in a temporary
//! folder, uses the fast test KDF, and reads a manual clock.
//!
//! One JSON object per line each way. A request is `{"id": 1, "command": "create_case", "args":
//! {...}}`; the answer is `{"id": 1, "ok": ...}` or `{"id": 1, "error": {ErrorReply}}`. Requests
//! are answered one at a time, in order. Commands starting with `test:` set the stage, and are not
//! part of the app's contract:
//!
//! - `test:reset {passphrase?, unlocked?, today?, settings?}`: a new notebook in a new folder (the
//!   old one is deleted), created with `passphrase` when given (then locked unless `unlocked` is
//!   true), the clock at 09:30 local time on `today` (YYYY-MM-DD, default the real day). Answers
//!   `{folder, recoveryGroups}`.
//! - `test:advance {seconds}`: moves the clock on.
//! - `test:idle_lock`: locks the notebook as the shell's idle timer does.
//! - `test:dialogs {folder?, backupFile?, save?}`: how the next dialogs answer: `true` picks this
//!   server's own export (or backup) folder, the newest backup in it, or a new file there; `false`
//!   cancels, as the therapist may. Every dialog cancels until told otherwise.
//! - `test:written`: the names of the files and folders in the export folder.
//! - `test:back_up_folder`: the backup folder's path, for tests that keep one across resets.

use casebook_core::api::{Engine, FolderPurpose, Host};
use casebook_core::clock::{Clock, ManualClock};
use casebook_core::export::{ExportFormat, ExportTarget, PdfRenderer};
use casebook_core::vault::VaultConfig;
use casebook_core::{ErrorReply, Location, Notebook, NotebookConfig, Settings, backup};
use chrono::{Local, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::Deserialize;
use serde_json::{Value, json};
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

#[derive(Debug, Default, Clone, Copy)]
struct Answers {
    folder: bool,
    backup_file: bool,
    save: bool,
}

/// The host of the tests: dialogs answer as the test said, inside this server's own folders.
#[derive(Debug)]
struct ScriptedHost {
    export_dir: PathBuf,
    backup_dir: PathBuf,
    answers: Mutex<Answers>,
    pdf: casebook_pdf::Renderer,
}

impl ScriptedHost {
    fn answers(&self) -> Answers {
        *self.answers.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Host for ScriptedHost {
    fn pick_folder(&self, purpose: FolderPurpose) -> Option<PathBuf> {
        let dir = match purpose {
            FolderPurpose::Backups => &self.backup_dir,
            FolderPurpose::FullExport => &self.export_dir,
        };
        self.answers().folder.then(|| dir.clone())
    }

    fn pick_backup_file(&self) -> Option<PathBuf> {
        if !self.answers().backup_file {
            return None;
        }
        backup::list(&self.backup_dir).pop()
    }

    fn pick_save(&self, file_name: &str, _format: ExportFormat) -> Option<ExportTarget> {
        self.answers().save.then(|| ExportTarget::new_file(self.export_dir.join(file_name)))
    }

    fn pdf(&self) -> &dyn PdfRenderer {
        &self.pdf
    }

    fn after_lock(&self) {}
}

#[derive(Debug, Deserialize)]
struct Request {
    id: Value,
    command: String,
    #[serde(default)]
    args: Value,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
struct Reset {
    passphrase: Option<String>,
    unlocked: Option<bool>,
    today: Option<NaiveDate>,
    settings: Option<Settings>,
}

struct Server {
    /// Kept for as long as the notebook lives: dropping it deletes the folder.
    _root: tempfile::TempDir,
    engine: Engine,
    clock: ManualClock,
    host: ScriptedHost,
}

fn start_of(today: NaiveDate) -> chrono::DateTime<Utc> {
    let local = today.and_time(NaiveTime::from_hms_opt(9, 30, 0).unwrap_or_default());
    Local.from_local_datetime(&local).earliest().map_or_else(|| local.and_utc(), |t| t.with_timezone(&Utc))
}

fn reply(error: impl std::fmt::Display) -> ErrorReply {
    ErrorReply::from(casebook_core::Error::Storage(error.to_string()))
}

impl Server {
    fn new(reset: Reset) -> Result<(Server, Value), ErrorReply> {
        let root = tempfile::tempdir().map_err(reply)?;
        let (export_dir, backup_dir) = (root.path().join("exports"), root.path().join("backups"));
        std::fs::create_dir_all(&export_dir).map_err(reply)?;
        std::fs::create_dir_all(&backup_dir).map_err(reply)?;
        let clock = ManualClock::new(start_of(reset.today.unwrap_or_else(default_day)));
        let location = Location::new(root.path().join("notebook"));
        let claim = location.claim();
        let mut config = NotebookConfig::new(location);
        config.vault = VaultConfig::fast_for_tests();
        let shared: Arc<dyn Clock> = Arc::new(clock.clone());
        let notebook = Notebook::new(config, Arc::clone(&shared));
        let engine = Engine::new(notebook, claim, shared);
        let pdf = casebook_pdf::Renderer::new();
        let host = ScriptedHost { export_dir, backup_dir, answers: Mutex::default(), pdf };
        let folder = root.path().join("notebook").display().to_string();
        let server = Server { _root: root, engine, clock, host };
        let mut groups = Value::Null;
        if let Some(passphrase) = reset.passphrase {
            let made = server.call("create_notebook", &json!({ "passphrase": passphrase }))?;
            groups = made["groups"].clone();
            if let Some(settings) = reset.settings {
                server.call("update_settings", &json!({ "settings": settings }))?;
            }
            if reset.unlocked != Some(true) {
                server.engine.lock_now();
            }
        }
        Ok((server, json!({ "folder": folder, "recoveryGroups": groups })))
    }

    fn call(&self, command: &str, args: &Value) -> Result<Value, ErrorReply> {
        self.engine
            .call(&self.host, command, args)
            .unwrap_or_else(|| Err(reply(format!("no command {command}"))))
    }

    fn control(&self, command: &str, args: &Value) -> Result<Value, ErrorReply> {
        match command {
            "test:advance" => {
                let seconds = args["seconds"].as_i64().unwrap_or(0);
                self.clock.advance(chrono::Duration::seconds(seconds));
                Ok(Value::Null)
            }
            "test:idle_lock" => {
                self.engine.lock_now();
                Ok(Value::Null)
            }
            "test:dialogs" => {
                let mut answers = self.host.answers.lock().unwrap_or_else(|p| p.into_inner());
                let flag = |name: &str, old: bool| args[name].as_bool().unwrap_or(old);
                *answers = Answers {
                    folder: flag("folder", answers.folder),
                    backup_file: flag("backupFile", answers.backup_file),
                    save: flag("save", answers.save),
                };
                Ok(Value::Null)
            }
            "test:written" => {
                let mut names: Vec<String> = std::fs::read_dir(&self.host.export_dir)
                    .map_err(reply)?
                    .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
                    .collect();
                names.sort();
                Ok(json!(names))
            }
            "test:back_up_folder" => Ok(json!(self.host.backup_dir.display().to_string())),
            _ => Err(reply(format!("no test command {command}"))),
        }
    }
}

fn default_day() -> NaiveDate {
    casebook_core::columns::today(&casebook_core::clock::SystemClock)
}

fn main() {
    // Test notebooks hold no client's words, so SQLCipher's own wiping of freed memory (which
    // `mlock`s and `munlock`s every allocation: 330 ms of system calls per new notebook) is left
    // off here, as in the benches. The memory harness checks the wiping on the real app.
    casebook_core::store::c_allocator_wipes_freed_memory();
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    let mut server: Option<Server> = None;
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        if line.trim().is_empty() {
            continue;
        }
        let answer = match serde_json::from_str::<Request>(&line) {
            Err(err) => json!({ "id": null, "error": reply(format!("not a request: {err}")) }),
            Ok(request) => {
                let result = if request.command == "test:reset" {
                    let reset = serde_json::from_value::<Reset>(request.args).map_err(reply);
                    // The old notebook is locked and its folder deleted before the new one is made.
                    if let Some(old) = server.take() {
                        old.engine.shut_down();
                    }
                    reset.and_then(Server::new).map(|(new, answer)| {
                        server = Some(new);
                        answer
                    })
                } else if let Some(server) = &server {
                    if request.command.starts_with("test:") {
                        server.control(&request.command, &request.args)
                    } else {
                        server.call(&request.command, &request.args)
                    }
                } else {
                    Err(reply("send test:reset first"))
                };
                match result {
                    Ok(value) => json!({ "id": request.id, "ok": value }),
                    Err(error) => json!({ "id": request.id, "error": error }),
                }
            }
        };
        if writeln!(out, "{answer}").and_then(|()| out.flush()).is_err() {
            break;
        }
    }
    if let Some(server) = server {
        server.engine.shut_down();
    }
}
