//! The start that makes the app's C allocators wipe what they free (RELIABILITY.md R28): shared,
//! as source, by the launcher (`launcher.rs`, the `casebook` binary) and the app's own fallback
//! (`wipe::restart_with_wiping_malloc`). Standard library only, so the launcher stays small.
//!
//! glibc's `MALLOC_PERTURB_` fills freed blocks, and the per-thread cache that would skip that
//! fill is turned off (`glibc.malloc.tcache_count=0`). GSlice and WebKit's own allocator (bmalloc,
//! which holds IPC request bodies such as the unlock call's) are sent to malloc too
//! (`G_SLICE=always-malloc`, `Malloc=1`), so the same wiping covers them. All are read when a
//! process starts (bmalloc's before `main`), so they must be in place before the app's process
//! starts. The app then takes them out of what its WebKit processes inherit
//! (`wipe::spare_the_webkit_processes`).

use std::path::Path;
use std::process::Command;

/// The variable that marks a process started with the C allocator's wiping on.
pub const WIPING_MARK: &str = "CASEBOOK_MALLOC_WIPES";

/// glibc's tunable that turns its per-thread cache of freed blocks off.
pub const TCACHE_OFF: &str = "glibc.malloc.tcache_count=0";

/// The command that starts `program` with this process's arguments and the wiping environment.
pub fn wiping_command(program: &Path) -> Command {
    let mut tunables = std::env::var_os("GLIBC_TUNABLES").unwrap_or_default();
    if !tunables.is_empty() {
        tunables.push(":");
    }
    tunables.push(TCACHE_OFF);
    let mut command = Command::new(program);
    command
        .args(std::env::args_os().skip(1))
        .env(WIPING_MARK, "1")
        .env("GLIBC_TUNABLES", tunables)
        .env("MALLOC_PERTURB_", "90")
        .env("G_SLICE", "always-malloc")
        .env("Malloc", "1");
    command
}
