//! The encrypted database: opening it with the data key, proving the key and the build, asserting
//! the settings every promise depends on, and bringing the schema up to date.
//!
//! Opening is strict on purpose. The key goes to SQLCipher as a raw key through `sqlite3_key`
//! (not a `PRAGMA key` string, which SQLite keeps in its statement cache), then a read proves it.
//! SQLCipher 4's settings are pinned with `cipher_compatibility = 4` and read back, so a future
//! library default can never strand a notebook; then the connection pragmas of DESIGN.md are set
//! and read back. Any mismatch refuses to open. Files are made owner-only on every open.
//!
//! What does not belong here: the key file (`vault`), what the tables mean (each domain module
//! owns its queries), and the lock state (`notebook`).

mod migrations;

pub use migrations::LATEST_VERSION;

use crate::error::{Error, Result};
use crate::files;
use crate::vault::DataKey;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

/// An open, keyed, checked and migrated notebook database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The whole-file check of R7, which may still be running (see [`IntactCheck`]).
    intact: IntactCheck,
}

/// Set once the process's C allocator is known to overwrite every block it frees (the shell's
/// restart with glibc's `MALLOC_PERTURB_` and no per-thread cache, see `src-tauri/src/wipe.rs`).
static C_ALLOCATOR_WIPES: AtomicBool = AtomicBool::new(false);

/// Tells the store that the C allocator already wipes what SQLite frees, so SQLCipher's own
/// `cipher_memory_security` is left off. Both wipe freed memory; SQLCipher's also `mlock`s and
/// `munlock`s every allocation, two system calls per page read, which made the case list at
/// 1,000 cases 2.0 s instead of 0.2 s and unlock 5.2 s instead of 3.3 s (issue 13). Its locking
/// adds little on top: past `RLIMIT_MEMLOCK` (often 8 MiB, half the page cache) it fails
/// silently anyway. Where this is never called (other systems, tests), SQLCipher wipes.
pub fn c_allocator_wipes_freed_memory() {
    C_ALLOCATOR_WIPES.store(true, Ordering::SeqCst);
}

/// The `cipher_memory_security` setting for a new connection.
fn memory_security() -> &'static str {
    if C_ALLOCATOR_WIPES.load(Ordering::SeqCst) { "OFF" } else { "ON" }
}

/// Whether [`Store::open`] may create the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    CreateNew,
    Existing,
    /// A copy that is not the notebook (a backup being made or restored): checked whole
    /// (`integrity_check`, `cipher_integrity_check` and a schema that is exactly the one this build
    /// writes for its version), never migrated.
    Inspect,
}

/// The SQLCipher settings a notebook must have, read back after opening.
const CIPHER_EXPECTED: &[(&str, &str)] = &[
    ("cipher_page_size", "4096"),
    ("cipher_hmac_algorithm", "HMAC_SHA512"),
    ("cipher_kdf_algorithm", "PBKDF2_HMAC_SHA512"),
    ("cipher_plaintext_header_size", "0"),
];

/// Connection pragmas: (name, value to set, value read back).
const PRAGMAS: &[(&str, &str, &str)] = &[
    ("journal_mode", "WAL", "wal"),
    ("synchronous", "FULL", "2"),
    ("foreign_keys", "ON", "1"),
    ("secure_delete", "ON", "1"),
    ("temp_store", "MEMORY", "2"),
    ("trusted_schema", "OFF", "0"),
    ("cell_size_check", "ON", "1"),
    // 16 MiB of page cache (the default is 2 MiB): the case list's working set at 1,000 cases
    // and 100,000 notes stays in memory instead of being read and decrypted again on every call.
    ("cache_size", "-16384", "-16384"),
];

/// The SQL function `casebook_name_has(name, needle)`: whether `name` contains `needle` (already
/// lowercased) with case folded for every script, not only ASCII as SQLite's `lower` and `LIKE`
/// do. A NULL name or needle matches nothing. It lets the case list narrow by name before it reads each case's
/// facts, instead of reading every case's facts and dropping most (issue 13).
pub(crate) const NAME_HAS: &str = "casebook_name_has";

fn register_functions(conn: &Connection) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        NAME_HAS,
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_DIRECTONLY,
        |ctx| {
            use rusqlite::types::ValueRef::Text;
            // Anything but two texts (a case without a partner has a NULL name) matches nothing.
            let (Text(name), Text(needle)) = (ctx.get_raw(0), ctx.get_raw(1)) else { return Ok(false) };
            let unreadable = |e: std::str::Utf8Error| rusqlite::Error::UserFunctionError(e.into());
            let (name, needle) = (
                std::str::from_utf8(name).map_err(unreadable)?,
                std::str::from_utf8(needle).map_err(unreadable)?,
            );
            Ok(name.to_lowercase().contains(needle))
        },
    )?;
    Ok(())
}

impl Store {
    /// Opens (or, with [`OpenMode::CreateNew`], creates) the database at `path` with `key`.
    pub fn open(path: &Path, key: &DataKey, mode: OpenMode) -> Result<Store> {
        let flags = match mode {
            OpenMode::CreateNew => {
                // Create the file ourselves so it is 0600 from its first byte.
                files::create_private_file(path)?;
                OpenFlags::SQLITE_OPEN_READ_WRITE
            }
            OpenMode::Existing | OpenMode::Inspect => {
                check_file(path)?;
                OpenFlags::SQLITE_OPEN_READ_WRITE
            }
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        #[allow(clippy::disallowed_methods)] // the store is where the notebook file is opened
        let conn = Connection::open_with_flags(path, flags)?;
        apply_key(&conn, key)?;
        conn.execute_batch(&format!(
            "PRAGMA cipher_compatibility = 4; PRAGMA cipher_memory_security = {};",
            memory_security()
        ))?;
        prove_key(&conn)?;
        if mode != OpenMode::CreateNew {
            check_schema_present(&conn)?;
        }
        check_cipher(&conn)?;
        for (name, set, expect) in PRAGMAS {
            conn.execute_batch(&format!("PRAGMA {name} = {set};"))?;
            let now = read_pragma(&conn, name)?;
            if !now.eq_ignore_ascii_case(expect) {
                return Err(Error::Incompatible(format!(
                    "The notebook could not be opened safely: setting {name} is {now}, not {expect}."
                )));
            }
        }
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        register_functions(&conn)?;
        let intact = match mode {
            // A notebook that a migration is about to write into is checked whole first; any
            // other is checked beside its use, read-only until the check passes.
            OpenMode::Existing if migrations::pending(&conn)? => {
                check_intact(&conn)?;
                IntactCheck::passed()
            }
            OpenMode::Existing => {
                conn.execute_batch("PRAGMA query_only = ON;")?;
                IntactCheck::start(Store::reader(path, key)?)
            }
            OpenMode::Inspect => {
                check_whole(&conn)?;
                check_schema_exact(&conn)?;
                IntactCheck::passed()
            }
            OpenMode::CreateNew => IntactCheck::passed(),
        };
        let mut store = Store { conn, path: path.to_path_buf(), intact };
        if mode != OpenMode::Inspect {
            migrations::migrate(&mut store.conn)?;
        }
        store.tighten_permissions()?;
        Ok(store)
    }

    /// A second connection that only reads, for work done beside the store's own connection
    /// (a backup's fingerprints, computed on another core while the file is written or checked).
    /// The key is proved; no setting is changed and nothing is written.
    pub(crate) fn reader(path: &Path, key: &DataKey) -> Result<Connection> {
        check_file(path)?;
        #[allow(clippy::disallowed_methods)] // the store is where the notebook file is opened
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        apply_key(&conn, key)?;
        conn.execute_batch(&format!(
            "PRAGMA cipher_compatibility = 4; PRAGMA cipher_memory_security = {}; PRAGMA query_only = ON;",
            memory_security()
        ))?;
        prove_key(&conn)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(conn)
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The folder the database lives in (the notebook's folder).
    pub fn folder(&self) -> Option<PathBuf> {
        self.path.parent().map(Path::to_path_buf)
    }

    /// Writes go through [`crate::notebook::OpenNotebook::change`] (one transaction with its audit
    /// entries), the only caller of this.
    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// The schema version (`user_version`).
    pub fn schema_version(&self) -> Result<u32> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Waits at most `at_most` (`None`: as long as it takes) for the whole-file check that
    /// opening started. `Ok(true)`: it passed and the store takes writes; `Ok(false)`: still
    /// running, and every write is still refused by SQLite (`query_only`); `Err`: the file is
    /// damaged (or could not be read whole), writing stays stopped for good, and every later call
    /// answers the same error.
    pub fn await_intact(&self, at_most: Option<Duration>) -> Result<bool> {
        let mut state = self.intact.state.lock().unwrap_or_else(PoisonError::into_inner);
        let outcome = match &*state {
            IntactState::Passed => return Ok(true),
            IntactState::Failed { corrupt, message } => return Err(failure(*corrupt, message)),
            IntactState::Running { outcome, .. } => match at_most {
                None => outcome.recv().unwrap_or_else(|_| Err(interrupted())),
                Some(wait) => match outcome.recv_timeout(wait) {
                    Ok(outcome) => outcome,
                    Err(RecvTimeoutError::Timeout) => return Ok(false),
                    Err(RecvTimeoutError::Disconnected) => Err(interrupted()),
                },
            },
        };
        match outcome {
            Ok(()) => {
                self.conn.execute_batch("PRAGMA query_only = OFF;")?;
                *state = IntactState::Passed;
                tracing::info!("the notebook passed its whole-file check");
                Ok(true)
            }
            Err(err) => {
                *state = IntactState::Failed {
                    corrupt: matches!(err, Error::Corrupt(_)),
                    message: err.to_string(),
                };
                drop(state);
                self.stop_writing();
                tracing::warn!(kind = ?err.kind(), "the notebook failed its whole-file check");
                Err(err)
            }
        }
    }

    /// The connection for a write outside a record change (a draft, a case code): waits for the
    /// whole-file check first, so nothing is written to a file not yet known to be intact.
    pub fn writable(&self) -> Result<&Connection> {
        self.await_intact(None)?;
        Ok(&self.conn)
    }

    /// After damage is found: no further write reaches the file, not even the checkpoint that
    /// closing would otherwise run (R7: Casebook never writes to a damaged notebook).
    pub fn stop_writing(&self) {
        let mut state = self.intact.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.stop_running();
        if !matches!(*state, IntactState::Failed { .. }) {
            *state = IntactState::Failed {
                corrupt: false,
                message: "Casebook stopped writing to this notebook. Lock it and unlock it again.".into(),
            };
        }
        drop(state);
        let _ = self.conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true);
        let _ = self.conn.execute_batch("PRAGMA query_only = ON;");
    }

    /// True after [`Store::stop_writing`] (or a failed whole-file check); a check still running
    /// makes the store read-only for now, not stopped.
    pub fn is_stopped(&self) -> bool {
        matches!(
            *self.intact.state.lock().unwrap_or_else(PoisonError::into_inner),
            IntactState::Failed { .. }
        )
    }

    /// Closes a store that unlock refused. Its WAL is checkpointed (and removed) only when it is
    /// empty, which writes nothing to the database; frames a crash left in it stay where they are.
    pub(crate) fn close_refused(self) {
        self.stop_writing();
        let mut wal = self.path.clone().into_os_string();
        wal.push("-wal");
        if std::fs::metadata(PathBuf::from(wal)).map_or(true, |m| m.len() == 0) {
            let _ =
                self.conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false);
        }
        let _ = self.close();
    }

    /// Closes the connection, checkpointing the WAL.
    pub fn close(self) -> Result<()> {
        self.conn.close().map_err(|(_, e)| Error::from(e))
    }

    /// The database, its WAL and its shared-memory file are owner-only.
    fn tighten_permissions(&self) -> Result<()> {
        if let Some(dir) = self.path.parent() {
            files::ensure_private_dir(dir)?;
        }
        for suffix in ["", "-wal", "-shm"] {
            let mut name = self.path.clone().into_os_string();
            name.push(suffix);
            let file = PathBuf::from(name);
            if file.exists() {
                files::make_private(&file)?;
            }
        }
        Ok(())
    }
}

fn read_pragma(conn: &Connection, name: &str) -> Result<String> {
    Ok(conn.query_row(&format!("PRAGMA {name}"), [], |r| {
        r.get::<_, rusqlite::types::Value>(0).map(value_text)
    })?)
}

fn value_text(v: rusqlite::types::Value) -> String {
    use rusqlite::types::Value;
    match v {
        Value::Integer(i) => i.to_string(),
        Value::Text(t) => t,
        Value::Real(r) => r.to_string(),
        Value::Null => String::new(),
        Value::Blob(_) => "<blob>".into(),
    }
}

/// Hands the raw key to SQLCipher without passing it through SQL.
#[allow(unsafe_code)]
fn apply_key(conn: &Connection, key: &DataKey) -> Result<()> {
    let literal = key.sqlcipher_literal();
    let len = std::ffi::c_int::try_from(literal.len()).expect("a 67-byte literal fits in c_int");
    // SAFETY: `conn.handle()` is the open connection owned by `conn`, used on this thread only
    // while `conn` is borrowed; the pointer and length describe `literal`, which outlives the
    // call, and SQLCipher copies the key before returning.
    let rc = unsafe { rusqlite::ffi::sqlite3_key(conn.handle(), literal.as_ptr().cast(), len) };
    if rc == rusqlite::ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(Error::Storage("The notebook key could not be applied.".into()))
    }
}

/// A read that only succeeds if the key decrypts the file.
fn prove_key(conn: &Connection) -> Result<()> {
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0))
        .map(|_| ())
        .map_err(|e| match Error::from(e) {
            Error::Corrupt(_) => Error::Corrupt(
                "The notebook could not be decrypted: the database file is damaged or does not belong to this key file. Restore it from a backup.".into(),
            ),
            other => other,
        })
}

/// The smallest a notebook's database can be: SQLCipher writes whole 4 KiB pages, and switching
/// to WAL at creation writes page 1, so anything shorter is an empty or cut-short file.
const MIN_DATABASE_BYTES: u64 = 4096;

/// Before SQLite sees the file: it must be there, a regular file, and at least one page long.
/// SQLite would otherwise take an empty file for a new database and write a schema into it,
/// turning a damaged notebook into an empty one (R7).
fn check_file(path: &Path) -> Result<()> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::Corrupt(
                "The notebook's database file (notebook.db) is missing. Restore it from a backup; Casebook will not make a new, empty notebook in its place."
                    .into(),
            ));
        }
        Err(e) => return Err(Error::io("Could not read the notebook file", &e)),
    };
    if !meta.file_type().is_file() {
        return Err(Error::Corrupt(
            "The notebook's database (notebook.db) is not a regular file. Restore it from a backup.".into(),
        ));
    }
    if meta.len() < MIN_DATABASE_BYTES {
        return Err(Error::Corrupt(
            "The notebook file is damaged: it is empty or cut short. Restore it from a backup; Casebook will not write to it."
                .into(),
        ));
    }
    Ok(())
}

/// An existing notebook has a schema (every migration bumps `user_version`); a database that
/// decrypts but holds none is damaged, not new. Read before any pragma that could write.
fn check_schema_present(conn: &Connection) -> Result<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let tables: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table'", [], |r| r.get(0))?;
    if version <= 0 || tables == 0 {
        return Err(Error::Corrupt(
            "The notebook file is damaged: its tables are missing. Restore it from a backup; Casebook will not write to it."
                .into(),
        ));
    }
    Ok(())
}

fn check_cipher(conn: &Connection) -> Result<()> {
    let version: String = conn.query_row("PRAGMA cipher_version", [], |r| r.get(0)).unwrap_or_default();
    if version.trim().is_empty() {
        return Err(Error::Incompatible(
            "This build of Casebook has no encryption library; it will not open a notebook.".into(),
        ));
    }
    for (name, expect) in CIPHER_EXPECTED {
        let got = read_pragma(conn, name).unwrap_or_default();
        if got != *expect {
            return Err(Error::Incompatible(format!(
                "The notebook's encryption settings are not the expected ones ({name} is {got:?})."
            )));
        }
    }
    Ok(())
}

/// The damage a read would meet, found before anything is written (R7): a migration, the unlock's
/// audit entry or the checkpoint at lock must never write into a damaged file. `quick_check`
/// reads every b-tree page through SQLCipher, so a page whose HMAC fails, a truncated file or a
/// broken structure all show here. It costs about 5 ms per MB of notebook (125 ms for a 27 MB
/// one with 20 000 notes), small beside Argon2id. It reads through the WAL, so pages a crash left
/// only in the WAL are checked as they will be read. `cipher_integrity_check` runs here only once
/// damage is found, to name the pages; as a routine check it is left to "Verify notebook": it
/// reads the main file only, where a page torn by a power cut mid-checkpoint is still valid in
/// the WAL and would be reported as damage.
fn check_intact(conn: &Connection) -> Result<()> {
    let damage = match conn.query_row("PRAGMA quick_check(1)", [], |r| r.get::<_, String>(0)) {
        // quick_check reads every page in use but not the free ones, which FTS5 leaves as it
        // merges the search index's segments: the cipher's own check reads every page's HMAC.
        Ok(first) if first == "ok" => {
            let mut stmt = conn.prepare("PRAGMA cipher_integrity_check")?;
            let failures: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            if failures.is_empty() {
                return Ok(());
            }
            tracing::warn!("the notebook failed its cipher check at open");
            return Err(damaged(&pages_named(&failures)));
        }
        Ok(_) => Error::Corrupt(String::new()),
        Err(e) => Error::from(e),
    };
    match damage {
        Error::Corrupt(_) => {
            tracing::warn!("the notebook failed its quick check at open");
            Err(damaged(&damaged_pages(conn)))
        }
        other => Err(other),
    }
}

/// The whole-file check of a notebook opened for use: `quick_check`, then the cipher's check of
/// every page's HMAC, free pages included. `quick_check` reads every page in use (about
/// 13 ms per MB: 2.7 s at 1,000 cases and 100,000 notes, where the key derivation takes 0.45 s),
/// so it runs on its own connection and thread while the notebook is read; the store refuses
/// writes (`query_only`) until it passes, and [`Store::await_intact`] is the one door to them.
/// Unlock waits for it a short while, so a small notebook's damage is still refused at unlock;
/// a larger one's is reported at the first call after the check ends, before any write.
struct IntactCheck {
    state: Mutex<IntactState>,
}

impl std::fmt::Debug for IntactCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let word = match &*state {
            IntactState::Running { .. } => "running",
            IntactState::Passed => "passed",
            IntactState::Failed { .. } => "failed",
        };
        f.debug_struct("IntactCheck").field("state", &word).finish()
    }
}

enum IntactState {
    Running {
        outcome: Receiver<Result<()>>,
        interrupt: rusqlite::InterruptHandle,
        thread: Option<JoinHandle<()>>,
    },
    Passed,
    /// `corrupt`: the file is damaged, as opposed to a check that could not run.
    Failed {
        corrupt: bool,
        message: String,
    },
}

impl IntactCheck {
    fn passed() -> Self {
        IntactCheck { state: Mutex::new(IntactState::Passed) }
    }

    fn start(reader: Connection) -> Self {
        let interrupt = reader.get_interrupt_handle();
        let (send, outcome) = std::sync::mpsc::channel();
        let thread = std::thread::Builder::new().name("casebook-intact-check".into()).spawn(move || {
            let outcome = check_intact(&reader);
            // Closed before the answer is sent, so the store's own connection is the last one
            // open when it closes.
            drop(reader);
            let _ = send.send(outcome);
        });
        let state = match thread {
            Ok(thread) => IntactState::Running { outcome, interrupt, thread: Some(thread) },
            Err(_) => IntactState::Failed {
                corrupt: false,
                message: "The notebook's check could not start. Lock it and unlock it again.".into(),
            },
        };
        IntactCheck { state: Mutex::new(state) }
    }
}

impl IntactState {
    /// Stops a running check and waits for its thread, so its connection and the key it holds
    /// are gone before this returns.
    fn stop_running(&mut self) {
        if let IntactState::Running { interrupt, thread, .. } = self {
            interrupt.interrupt();
            if let Some(thread) = thread.take() {
                let _ = thread.join();
            }
        }
    }
}

impl Drop for IntactCheck {
    /// A check still running when the store goes (a lock, a restore) is stopped and waited for.
    fn drop(&mut self) {
        self.state.get_mut().unwrap_or_else(PoisonError::into_inner).stop_running();
    }
}

fn interrupted() -> Error {
    Error::Storage("The notebook's check stopped before it finished. Lock it and unlock it again.".into())
}

/// The error a failed check answers, every time it is asked.
fn failure(corrupt: bool, message: &str) -> Error {
    if corrupt { Error::Corrupt(message.to_string()) } else { Error::Storage(message.to_string()) }
}

/// The pages whose HMAC fails, by number (no content), as `cipher_integrity_check` names them.
/// Read only once damage is known, so its cost is paid only then.
fn damaged_pages(conn: &Connection) -> Vec<u64> {
    let Ok(mut stmt) = conn.prepare("PRAGMA cipher_integrity_check") else { return Vec::new() };
    let Ok(rows) = stmt.query_map([], |r| r.get::<_, String>(0)) else { return Vec::new() };
    pages_named(&rows.flatten().collect::<Vec<_>>())
}

/// The page numbers in the cipher check's lines, in order, once each.
fn pages_named(lines: &[String]) -> Vec<u64> {
    let mut pages: Vec<u64> = lines
        .iter()
        .filter_map(|line| {
            let after = line.split("page ").nth(1)?;
            after.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
        })
        .collect();
    pages.dedup();
    pages
}

fn damaged(pages: &[u64]) -> Error {
    let which = match pages {
        [] => String::new(),
        [one] => format!(" (page {one})"),
        [first, .., last] if pages.len() > 5 => format!(" ({} pages, {first} to {last})", pages.len()),
        many => format!(" (pages {})", many.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")),
    };
    Error::Corrupt(format!(
        "The notebook file is damaged{which}. Restore it from a backup; Casebook will not write to it."
    ))
}

/// A copy's every page and every structure, as "Verify notebook" reads them: `integrity_check`
/// (b-trees, indexes, constraints) and `cipher_integrity_check` (each page's HMAC).
fn check_whole(conn: &Connection) -> Result<()> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let lines: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    if lines != ["ok"] {
        return Err(Error::Corrupt(format!(
            "The copy is damaged: its integrity check found {} problem(s).",
            lines.len()
        )));
    }
    let mut stmt = conn.prepare("PRAGMA cipher_integrity_check")?;
    let failures: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    if !failures.is_empty() {
        return Err(damaged(&damaged_pages(conn)));
    }
    Ok(())
}

/// The schema of a copy is exactly what this build's migrations make for its version: no table,
/// index, view or trigger more, less or different (a view or trigger slipped into a backup would
/// run inside the restored notebook). A version newer than this build is refused.
fn check_schema_exact(conn: &Connection) -> Result<()> {
    let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > LATEST_VERSION {
        return Err(Error::Incompatible(format!(
            "It was written by a newer Casebook (schema {version}; this one reads up to {LATEST_VERSION}). Update Casebook first."
        )));
    }
    let mut reference = Connection::open_in_memory()?;
    migrations::migrate_to(&mut reference, version)?;
    if schema_of(conn)? != schema_of(&reference)? {
        return Err(Error::Corrupt(
            "Its tables are not the ones Casebook writes (something was added or changed), so it is not used.".into(),
        ));
    }
    Ok(())
}

/// The names of the notebook's own tables (not SQLite's, nor the search index, which is derived
/// from them), in name order: what a backup's fingerprint and the full export walk.
pub(crate) fn user_tables(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
           AND name NOT LIKE 'search\\_index%' ESCAPE '\\' ORDER BY name",
    )?;
    let names = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

/// Every schema object but SQLite's own, as (type, name, table, normalized SQL).
fn schema_of(conn: &Connection) -> Result<std::collections::BTreeSet<(String, String, String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, normalize_sql(&r.get::<_, String>(3)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every trigger the migrations create, by name, with its SQL in [`normalize_sql`] form: what
/// "Verify notebook" compares the stored triggers with.
pub(crate) fn expected_triggers() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for migration in migrations::MIGRATIONS {
        let upper = migration.sql.to_ascii_uppercase();
        let mut from = 0;
        while let Some(start) = upper[from..].find("CREATE TRIGGER ").map(|i| i + from) {
            let end = upper[start..].find("END;").map_or(upper.len(), |i| start + i + 3);
            let sql = &migration.sql[start..end];
            let name = sql["CREATE TRIGGER ".len()..].split_whitespace().next().unwrap_or_default();
            out.push((name.to_string(), normalize_sql(sql)));
            from = end;
        }
    }
    out
}

/// SQL text with runs of whitespace made single spaces and no trailing semicolon.
pub(crate) fn normalize_sql(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ").trim_end_matches(';').to_string()
}

/// Facts about the open database, for tests and the verification report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreFacts {
    pub cipher_version: String,
    pub settings: Vec<(String, String)>,
}

impl Store {
    /// Reads back every pinned setting (R4).
    pub fn facts(&self) -> Result<StoreFacts> {
        let cipher_version: String = self.conn.query_row("PRAGMA cipher_version", [], |r| r.get(0))?;
        let mut settings = Vec::new();
        let names = CIPHER_EXPECTED.iter().map(|(n, _)| *n).chain(PRAGMAS.iter().map(|(n, _, _)| *n));
        for name in names {
            settings.push((name.to_string(), read_pragma(&self.conn, name)?));
        }
        Ok(StoreFacts { cipher_version, settings })
    }
}

#[cfg(test)]
mod tests;
