// Release builds on Windows have no console window.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    casebook_shell::wipe::restart_with_wiping_malloc();
    casebook_shell::run();
}
