//! Command-line options: `--notebook PATH` picks the notebook folder (over `CASEBOOK_NOTEBOOK`);
//! `--idle-lock-seconds N` (or `CASEBOOK_IDLE_LOCK_SECONDS`) replaces the auto-lock setting and is
//! meant for tests only, as is `--export-dir DIR` (or `CASEBOOK_EXPORT_DIR`), which saves exports
//! there instead of asking with the save dialog that WebDriver cannot drive; `--backup-dir DIR`
//! (or `CASEBOOK_BACKUP_DIR`) likewise stands in for the backup folder and restore dialogs.

use std::ffi::OsString;
use std::path::PathBuf;

/// The environment variable behind `--idle-lock-seconds`.
pub const IDLE_ENV: &str = "CASEBOOK_IDLE_LOCK_SECONDS";
/// The environment variable behind `--export-dir`.
pub const EXPORT_DIR_ENV: &str = "CASEBOOK_EXPORT_DIR";

/// The environment variable behind `--backup-dir`.
pub const BACKUP_DIR_ENV: &str = "CASEBOOK_BACKUP_DIR";

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub notebook: Option<PathBuf>,
    pub idle_lock_seconds: Option<u32>,
    pub export_dir: Option<PathBuf>,
    pub backup_dir: Option<PathBuf>,
}

/// Reads the options; unknown arguments are ignored (the webview and drivers may add their own).
pub fn parse(args: impl IntoIterator<Item = OsString>, idle_env: Option<OsString>) -> Options {
    let mut options = Options::default();
    let mut args = args.into_iter().skip(1);
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy().into_owned();
        if text == "--notebook" {
            options.notebook = args.next().map(PathBuf::from);
        } else if let Some(path) = text.strip_prefix("--notebook=") {
            options.notebook = Some(PathBuf::from(path));
        } else if text == "--export-dir" {
            options.export_dir = args.next().map(PathBuf::from);
        } else if let Some(path) = text.strip_prefix("--export-dir=") {
            options.export_dir = Some(PathBuf::from(path));
        } else if text == "--backup-dir" {
            options.backup_dir = args.next().map(PathBuf::from);
        } else if let Some(path) = text.strip_prefix("--backup-dir=") {
            options.backup_dir = Some(PathBuf::from(path));
        } else if text == "--idle-lock-seconds" {
            options.idle_lock_seconds = args.next().and_then(|v| v.to_str()?.parse().ok());
        } else if let Some(value) = text.strip_prefix("--idle-lock-seconds=") {
            options.idle_lock_seconds = value.parse().ok();
        }
    }
    if options.idle_lock_seconds.is_none() {
        options.idle_lock_seconds = idle_env.and_then(|v| v.to_str()?.parse().ok());
    }
    options.idle_lock_seconds = options.idle_lock_seconds.filter(|s| *s > 0);
    options.export_dir = options.export_dir.filter(|p| p.is_absolute());
    options.backup_dir = options.backup_dir.filter(|p| p.is_absolute());
    options
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn flags_are_read_in_both_spellings() {
        let o = parse(args(&["casebook", "--notebook", "/tmp/nb", "--idle-lock-seconds=3"]), None);
        assert_eq!(
            o,
            Options { notebook: Some("/tmp/nb".into()), idle_lock_seconds: Some(3), ..Options::default() }
        );
        let o = parse(
            args(&["casebook", "--notebook=/x", "--whatever", "--export-dir", "/out"]),
            Some("9".into()),
        );
        assert_eq!(
            o,
            Options {
                notebook: Some("/x".into()),
                idle_lock_seconds: Some(9),
                export_dir: Some("/out".into()),
                backup_dir: None,
            }
        );
    }

    #[test]
    fn nonsense_values_are_ignored() {
        let o = parse(
            args(&["casebook", "--idle-lock-seconds", "soon", "--export-dir=relative"]),
            Some("0".into()),
        );
        assert_eq!(o, Options::default());
    }
}
