//! The files generated from the command table: the typed TypeScript client the window uses, the
//! list of names the desktop shell's build script turns into permissions, and the capability that
//! grants them to the window.

use super::{CommandSpec, specs};

/// TypeScript's own names, which are not types of `bindings.ts`.
const BUILT_IN: &[&str] = &["Array", "Record", "Partial"];

/// The type names a TypeScript type expression uses (`Array<CaseView> | null` uses `CaseView`).
fn type_names(ts: &str, out: &mut std::collections::BTreeSet<String>) {
    for word in ts.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
        if word.starts_with(|c: char| c.is_ascii_uppercase()) && !BUILT_IN.contains(&word) {
            out.insert(word.to_string());
        }
    }
}

fn method_name(command: &str) -> String {
    super::camel(command)
}

fn doc_comment(spec: &CommandSpec) -> String {
    let mut lines = vec![format!("`{}`", spec.name)];
    if !spec.doc.is_empty() {
        lines[0].push_str(": ");
        let mut doc = spec.doc.lines();
        lines[0].push_str(doc.next().unwrap_or_default());
        lines.extend(doc.map(str::to_string));
    }
    if lines.len() == 1 {
        format!("  /** {} */\n", lines[0])
    } else {
        let body: String = lines.iter().map(|l| format!("   * {l}\n")).collect();
        format!("  /**\n{body}   */\n")
    }
}

/// `ui/src/ipc/commands.ts`: one typed method per command, and the client that sends each one by
/// its exact name with its arguments as given.
pub fn typescript_client() -> String {
    let specs = specs();
    let mut used = std::collections::BTreeSet::new();
    for spec in &specs {
        spec.args.iter().for_each(|(_, ts)| type_names(ts, &mut used));
        type_names(&spec.answer, &mut used);
    }
    let mut out = String::from(
        "// Generated from the command table (crates/casebook-core/src/api/table.rs) by `make bindings`.\n\
         // Do not edit: add a command to the table and run `make bindings`.\n\n",
    );
    out.push_str(&format!(
        "import type {{ {} }} from './bindings';\n\n",
        used.iter().cloned().collect::<Vec<_>>().join(", ")
    ));
    out.push_str("/** Every command of the engine, one method each. Every method may reject with an `ErrorReply`. */\n");
    out.push_str("export interface Commands {\n");
    for spec in &specs {
        out.push_str(&doc_comment(spec));
        let args = if spec.args.is_empty() {
            String::new()
        } else {
            let fields: Vec<String> = spec.args.iter().map(|(name, ts)| format!("{name}: {ts}")).collect();
            format!("args: {{ {} }}", fields.join("; "))
        };
        out.push_str(&format!("  {}({args}): Promise<{}>;\n", method_name(spec.name), spec.answer));
    }
    out.push_str("}\n\n");
    out.push_str("/** A command's name as the engine knows it. */\nexport type CommandName =\n");
    for spec in &specs {
        out.push_str(&format!("  | '{}'\n", spec.name));
    }
    out.truncate(out.trim_end().len());
    out.push_str(";\n\n");
    out.push_str("/** Each method's command and the arguments it sends (camelCase). */\n");
    out.push_str(
        "export const COMMANDS: Record<keyof Commands, readonly [CommandName, readonly string[]]> = {\n",
    );
    for spec in &specs {
        let args: Vec<String> = spec.args.iter().map(|(name, _)| format!("'{name}'")).collect();
        out.push_str(&format!("  {}: ['{}', [{}]],\n", method_name(spec.name), spec.name, args.join(", ")));
    }
    out.push_str("};\n\n");
    out.push_str(
        "/** The client: each method sends its command by name, with its arguments as given (the engine refuses any it does not take). */\n\
         export function commandClient(\n  send: (command: CommandName, args: Record<string, unknown>) => Promise<unknown>,\n): Commands {\n\
         \x20 const client: Record<string, (args?: Record<string, unknown>) => Promise<unknown>> = {};\n\
         \x20 for (const [method, [command]] of Object.entries(COMMANDS)) {\n\
         \x20   client[method] = (args = {}) => send(command, args);\n\
         \x20 }\n\
         \x20 return client as unknown as Commands;\n\
         }\n",
    );
    out
}

/// `src-tauri/src/command_names.rs`: the names (the shell's build script makes a permission of
/// each) and the arguments each takes, for the shell's tests and the end-to-end hostile test.
pub fn command_names_rs() -> String {
    let specs = specs();
    let mut out = String::from(
        "// Generated from the command table (crates/casebook-core/src/api/table.rs) by `make bindings`.\n\
         // build.rs makes a permission of each name; capabilities/default.json grants them (a test\n\
         // compares). Do not edit.\n\n",
    );
    out.push_str("pub const COMMANDS: &[&str] = &[\n");
    for spec in &specs {
        out.push_str(&format!("    \"{}\",\n", spec.name));
    }
    out.push_str("];\n\n/// The arguments each command takes, by the names the page sends (camelCase).\n");
    out.push_str("pub const COMMAND_ARGS: &[(&str, &[&str])] = &[\n");
    for spec in &specs {
        let args: Vec<String> = spec.args.iter().map(|(name, _)| format!("\"{name}\"")).collect();
        out.push_str(&format!("    (\"{}\", &[{}]),\n", spec.name, args.join(", ")));
    }
    out.push_str("];\n");
    out
}

/// The window's permissions beside its commands: hearing the shell's lock event. Changing this
/// list is a security review (the shell's tests pin it too).
const OTHER_PERMISSIONS: &[&str] = &["core:event:allow-listen", "core:event:allow-unlisten"];

/// `src-tauri/capabilities/default.json`: the main window may call every command of the table
/// (the permissions the shell's build script makes of `command_names.rs`) and hear its lock
/// event, and nothing else.
pub fn capability_json() -> String {
    let permissions: Vec<String> = specs()
        .iter()
        .map(|spec| format!("allow-{}", spec.name.replace('_', "-")))
        .chain(OTHER_PERMISSIONS.iter().map(|p| p.to_string()))
        .collect();
    let capability = serde_json::json!({
        "$schema": "../gen/schemas/desktop-schema.json",
        "identifier": "default",
        "description": "The main window: the app's own commands (generated from the engine's command table by `make bindings`), and listening for its lock event. The dialogs are opened by the shell, never by the page.",
        "windows": ["main"],
        "permissions": permissions,
    });
    let mut text = serde_json::to_string_pretty(&capability).unwrap_or_default();
    text.push('\n');
    text
}
