//! The TypeScript declarations of every type that crosses the IPC boundary.
//!
//! `ui/src/ipc/bindings.ts` is generated from these Rust types; a test fails when the checked-in
//! file differs from what the types say (run `make bindings` to rewrite it). The types are found
//! from the command table (every argument and answer, and every type those use), so a new
//! command's types need no list of their own; `beside_the_commands` adds the few the window uses
//! otherwise.

use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};
use ts_rs::{Config, TS, TypeVisitor};

/// How the types are written: 64-bit integers as `number` (ids and counts stay far below 2^53).
pub fn config() -> Config {
    Config::new().with_large_int("number")
}

/// Collects the declaration of every named type reachable from the roots it visits.
struct Declarations<'a> {
    cfg: &'a Config,
    seen: HashSet<TypeId>,
    decls: BTreeMap<String, String>,
}

impl TypeVisitor for Declarations<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        // Only types of the engine's own have a declaration; `Vec`, `Option` and the primitives
        // are written inline.
        if T::output_path().is_some() {
            self.decls.insert(T::ident(self.cfg), T::decl(self.cfg));
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

/// Types the window uses that no command takes or answers: the error every command may answer,
/// and the vocabularies it names in its own code.
fn beside_the_commands(v: &mut Declarations<'_>) {
    v.visit::<crate::error::ErrorReply>();
    v.visit::<crate::error::ErrorKind>();
    // The window rates a new passphrase as it is typed, on the engine's scale.
    v.visit::<crate::vault::PassphraseStrength>();
    // The window names each kind of consent in its own words (a consent's kind travels inside
    // its input as a tagged union, so no command names the plain list).
    v.visit::<crate::consent::ConsentKind>();
}

/// The whole generated file.
pub fn typescript() -> String {
    let cfg = config();
    let mut found = Declarations { cfg: &cfg, seen: HashSet::new(), decls: BTreeMap::new() };
    crate::api::visit_types(&mut found);
    beside_the_commands(&mut found);
    let mut out = String::from(
        "// Generated from the Rust types in crates/casebook-core by `make bindings`. Do not edit.\n\n",
    );
    for decl in found.decls.values() {
        out.push_str("export ");
        out.push_str(decl);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
