// Release builds on Windows have no console window.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    casebook_shell::wipe::restart_with_wiping_malloc();
    if casebook_shell::wipe::c_allocator_wipes() {
        // SQLite's frees are wiped by glibc now; SQLCipher's per-allocation wiping and locking
        // would only repeat it at a high cost.
        casebook_core::store::c_allocator_wipes_freed_memory();
    }
    casebook_shell::wipe::spare_the_webkit_processes();
    casebook_shell::run();
}
