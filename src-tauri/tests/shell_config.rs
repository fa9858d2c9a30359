//! R21, R22 (static part) and R25: the shell's permissions, CSP and dependency tree, checked
//! from the files that configure them.

#![allow(clippy::unwrap_used)] // test helpers fail loudly by design

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

include!("../src/command_names.rs");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn strings(value: &serde_json::Value) -> BTreeSet<String> {
    value.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect()
}

/// What the window may do, and nothing else. Changing this list is a security review.
const ALLOWED_OTHER: &[&str] = &["core:event:allow-listen", "core:event:allow-unlisten"];

#[test]
fn the_capability_grants_exactly_the_app_commands_and_the_reviewed_extras() {
    let cap = json(&root().join("capabilities/default.json"));
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    assert!(cap.get("remote").is_none(), "no remote origin may get IPC");
    let granted = strings(&cap["permissions"]);
    let mut expected: BTreeSet<String> =
        COMMANDS.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
    expected.extend(ALLOWED_OTHER.iter().map(|s| s.to_string()));
    assert_eq!(granted, expected);
    for p in &granted {
        for banned in ["fs:", "shell:", "http:", "opener:", "updater:", "process:", "websocket:", "upload:"] {
            assert!(!p.starts_with(banned), "{p}");
        }
    }
}

#[test]
fn the_resolved_capabilities_match_the_source_when_built() {
    // tauri-build writes the resolved set next to its schemas; compare when it exists.
    let resolved = root().join("gen/schemas/capabilities.json");
    if !resolved.exists() {
        return;
    }
    let resolved = json(&resolved);
    let source = json(&root().join("capabilities/default.json"));
    assert_eq!(strings(&resolved["default"]["permissions"]), strings(&source["permissions"]));
}

#[test]
fn every_command_has_a_method_in_the_ui_client() {
    // The client is generated from the same table; this reads it as the window will.
    let client = std::fs::read_to_string(root().join("../ui/src/ipc/commands.ts")).unwrap();
    for command in COMMANDS {
        assert!(
            client.contains(&format!("['{command}', [")),
            "ui/src/ipc/commands.ts does not send {command}"
        );
    }
    let tauri = std::fs::read_to_string(root().join("../ui/src/ipc/tauri.ts")).unwrap();
    assert!(tauri.contains("commandClient("), "the shell's backend is the generated client");
}

#[test]
fn the_csp_allows_only_the_app_and_its_ipc() {
    let conf = json(&root().join("tauri.conf.json"));
    let csp = conf["app"]["security"]["csp"].as_object().unwrap();
    let allowed_tokens = ["'self'", "'none'", "'unsafe-inline'", "data:", "ipc:", "http://ipc.localhost"];
    for (directive, sources) in csp {
        for token in sources.as_str().unwrap().split_whitespace() {
            assert!(allowed_tokens.contains(&token), "{directive} allows {token}");
            if token == "'unsafe-inline'" {
                assert_eq!(directive, "style-src", "inline code is allowed only for styles");
            }
            if token == "data:" {
                assert_eq!(directive, "img-src");
            }
        }
    }
    for directive in ["default-src", "script-src", "connect-src", "frame-src", "object-src", "form-action"] {
        assert!(csp.contains_key(directive), "{directive} must be set");
    }
    assert_eq!(conf["app"]["withGlobalTauri"], false);
    assert!(conf["plugins"].get("updater").is_none());
}

#[test]
fn no_network_client_is_in_the_dependency_tree() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(root())
        .args(["tree", "-p", "casebook", "-e", "normal", "--prefix", "none", "--offline", "--locked"])
        .output()
        .expect("cargo tree runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let tree = String::from_utf8(output.stdout).unwrap();
    let crates: BTreeSet<&str> = tree.lines().filter_map(|l| l.split_whitespace().next()).collect();
    assert!(crates.contains("tauri"), "the tree was read");
    let banned = [
        "reqwest",
        "hyper",
        "ureq",
        "curl",
        "isahc",
        "surf",
        "attohttpc",
        "h2",
        "tokio-tungstenite",
        "tungstenite",
        "tauri-plugin-http",
        "tauri-plugin-updater",
        "tauri-plugin-shell",
        "tauri-plugin-opener",
        "tauri-plugin-websocket",
        "tauri-plugin-upload",
    ];
    for name in banned {
        assert!(!crates.contains(name), "{name} is in the app's dependency tree");
    }
}

#[test]
fn the_ui_bundle_names_no_remote_url() {
    let dist = root().join("../ui/dist");
    let mut stack = vec![dist.clone()];
    let mut files = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            files += 1;
            for (i, _) in text.match_indices("http") {
                let rest = &text[i..];
                if !(rest.starts_with("http://") || rest.starts_with("https://")) {
                    continue;
                }
                let tolerated = ["http://www.w3.org/", "http://ipc.localhost", "https://ipc.localhost"];
                assert!(
                    tolerated.iter().any(|t| rest.starts_with(t)),
                    "{} names a remote URL: {}",
                    path.display(),
                    &rest[..rest.len().min(60)]
                );
            }
        }
    }
    assert!(files > 0, "ui/dist is built before the tests run");
}

#[test]
fn the_shell_registers_exactly_the_engine_command_table() {
    let table: Vec<&str> = casebook_core::api::COMMANDS.to_vec();
    assert_eq!(COMMANDS.to_vec(), table, "command_names.rs is stale: run `make bindings`");
    for (name, args) in COMMAND_ARGS {
        let expected = casebook_core::api::command_args(name).unwrap();
        assert_eq!(args.to_vec(), expected, "{name}");
    }
    // The shell has no command functions of its own: every call goes through the table.
    let lib = std::fs::read_to_string(root().join("src/lib.rs")).unwrap();
    assert!(!lib.contains("generate_handler!"));
    assert!(lib.contains(".invoke_handler(handle_call)"));
}
