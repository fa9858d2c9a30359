// The app's IPC commands, one list for build.rs (permissions), the command handler and the tests
// that compare it with capabilities/default.json and the UI's gateway.
pub const COMMANDS: &[&str] = &[
    "notebook_status",
    "create_notebook",
    "unlock",
    "unlock_with_recovery",
    "lock",
    "change_passphrase",
    "get_settings",
    "update_settings",
    "touch",
];
