//! Logs: a rotating file in the app's log folder, one file a day, seven kept.
//!
//! What is logged: command names, outcomes (error kinds), durations, ids and counts. Never a
//! passphrase, a recovery code, a name or any note text: commands log through [`crate::state`]'s
//! wrapper, which sees only the command name and the result's kind.

use std::path::Path;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{Builder, Rotation};
use tracing_subscriber::EnvFilter;

/// Starts logging into `dir`; the guard flushes on drop and must live as long as the app.
pub fn init(dir: &Path) -> Option<WorkerGuard> {
    // The appender reads the folder for old files at once: create it first, or it complains on
    // stderr at every first start.
    std::fs::create_dir_all(dir).ok()?;
    let appender = Builder::new()
        .rotation(Rotation::DAILY)
        .filename_prefix("casebook")
        .filename_suffix("log")
        .max_log_files(7)
        .build(dir)
        .ok()?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = EnvFilter::try_from_env("CASEBOOK_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(writer).with_ansi(false).try_init().ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    Some(guard)
}
