//! `casebook`: what the desktop entry and the README's commands start. It starts the app
//! (`casebook-app`, beside it) in its place, with the environment that makes the app's C allocators
//! wipe what they free (`wiping_env.rs`, RELIABILITY.md R28). Those settings are read when a
//! process starts, so they have to be set by whoever starts it; doing it here, in a program that
//! loads no library beyond the C library, costs about a millisecond, where the app starting itself
//! again loaded its 170 shared libraries twice (about 100 ms of every cold start, issue 13).

#[path = "wiping_env.rs"]
mod wiping_env;

/// The app's binary, installed beside this one.
const APP: &str = "casebook-app";

fn main() {
    let app = match std::env::current_exe() {
        Ok(me) => me.with_file_name(format!("{APP}{}", std::env::consts::EXE_SUFFIX)),
        Err(err) => {
            eprintln!("casebook: cannot find where it is installed: {err}");
            std::process::exit(2);
        }
    };
    let mut command = wiping_env::wiping_command(&app);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // Replaces this process: the app keeps its pid, its arguments and its terminal.
        let err = command.exec();
        eprintln!("casebook: could not start {}: {err}", app.display());
        std::process::exit(2);
    }
    #[cfg(not(unix))]
    match command.status() {
        Ok(status) => std::process::exit(status.code().unwrap_or(1)),
        Err(err) => {
            eprintln!("casebook: could not start {}: {err}", app.display());
            std::process::exit(2);
        }
    }
}
