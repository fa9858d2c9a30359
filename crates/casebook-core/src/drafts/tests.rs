//! Draft tests: save, load, replace, discard, limits, and survival across lock and unlock.

use super::*;
use crate::testing::{Fixture, PASS, field_of};

#[test]
fn a_draft_is_saved_replaced_loaded_and_discarded() {
    let mut f = Fixture::new();
    let (nb, clock) = f.parts();
    assert_eq!(load_draft(nb, "session:new:case:1:body").unwrap(), None);
    save_draft(nb, clock, "session:new:case:1:body", "first words").unwrap();
    let info = save_draft(nb, clock, "session:new:case:1:body", "first words, then more\n").unwrap();
    assert_eq!(info.bytes, 23);
    assert_eq!(load_draft(nb, "session:new:case:1:body").unwrap().unwrap().body, "first words, then more\n");
    assert_eq!(list_drafts(nb).unwrap().len(), 1);
    assert!(discard_draft(nb, "session:new:case:1:body").unwrap());
    assert!(!discard_draft(nb, "session:new:case:1:body").unwrap());
    assert_eq!(load_draft(nb, "session:new:case:1:body").unwrap(), None);
}

#[test]
fn a_draft_survives_lock_and_unlock() {
    let mut f = Fixture::new();
    let (nb, clock) = f.parts();
    save_draft(nb, clock, "intake:case:7:trauma", "half a thought").unwrap();
    f.notebook.lock();
    f.notebook.unlock(PASS).unwrap();
    assert_eq!(load_draft(f.nb(), "intake:case:7:trauma").unwrap().unwrap().body, "half a thought");
}

#[test]
fn keys_and_bodies_are_checked() {
    let mut f = Fixture::new();
    let before = f.dump();
    let (nb, clock) = f.parts();
    for key in ["", "has space", "Ari Example's note", &"k".repeat(201), "ключ"] {
        assert_eq!(field_of(save_draft(nb, clock, key, "x")), "editorKey");
    }
    assert_eq!(field_of(save_draft(nb, clock, "k", "a\0b")), "body");
    assert_eq!(field_of(save_draft(nb, clock, "k", &"x".repeat(MAX_DRAFT_BYTES + 1))), "body");
    assert_eq!(field_of(load_draft(nb, "bad key")), "editorKey");
    assert_eq!(f.dump(), before);
    let (nb, clock) = f.parts();
    save_draft(nb, clock, "k", &"x".repeat(MAX_DRAFT_BYTES)).unwrap();
}
