#![allow(clippy::unwrap_used)] // test helpers fail loudly by design

use super::*;
use crate::ErrorKind;
use crate::clock::SystemClock;
use crate::export::{ExportTarget, PdfRenderer};
use crate::vault::VaultConfig;
use crate::{Location, Notebook, NotebookConfig};
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[allow(dead_code)] // read by serde only
struct Input {
    name: String,
    age: u8,
    kind: Kind,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Individual,
}

#[test]
fn unknown_arguments_non_objects_and_huge_calls_are_refused() {
    assert!(Args::check(&json!({"input": 1}), &["input"]).is_ok());
    assert!(Args::check(&json!({"caseId": 1}), &["case_id"]).is_ok());
    assert!(Args::check(&json!({"case_id": 1}), &["case_id"]).is_err());
    assert!(Args::check(&json!({}), &[]).is_ok());
    assert!(Args::check(&Value::Null, &[]).is_ok());
    for bad in [json!({"input": 1, "path": "/x"}), json!([1]), json!("x"), json!(3), Value::Null] {
        let reply = Args::check(&bad, &["input"]).unwrap_err();
        assert_eq!(reply.kind(), ErrorKind::Invalid);
        assert_eq!(reply.field(), Some("arguments"));
    }
    assert!(Args::check(&json!({"extra": true}), &[]).is_err());
    let huge = json!({"input": "x".repeat(MAX_CALL_BYTES + 1)});
    assert!(Args::check(&huge, &["input"]).unwrap_err().message().contains("too large"));
    let many = json!({"input": vec!["y".repeat(1000); 5000]});
    assert!(Args::check(&many, &["input"]).is_err());
}

#[test]
fn a_value_of_the_wrong_shape_is_named_but_never_quoted() {
    let canary = "Thandeka Canary-Zulu";
    let cases = [
        (Value::Null, "is missing"),
        (json!({"name": canary}), "lacks a required field"),
        (json!({"name": canary, "age": 3, "kind": "individual", canary: 1}), "has a field it does not take"),
        (json!({"name": canary, "age": 3, "kind": canary}), "not offered"),
        (json!({"name": canary, "age": 300, "kind": "individual"}), "out of range"),
        (json!({"name": 5, "age": 3, "kind": "individual"}), "wrong type"),
        (json!(canary), "wrong type"),
    ];
    for (value, fault) in cases {
        let reply = parse::<Input>("input", &value).unwrap_err();
        assert_eq!(reply.kind(), ErrorKind::Invalid);
        assert_eq!(reply.field(), Some("input"));
        assert!(reply.message().contains(fault), "{}", reply.message());
        assert!(!serde_json::to_string(&reply).unwrap().contains("Canary"));
    }
    let ok: Input = parse("input", &json!({"name": canary, "age": 3, "kind": "individual"})).unwrap();
    assert_eq!(ok.age, 3);
}

#[test]
fn snake_case_arguments_are_sent_in_camel_case() {
    assert_eq!(camel("case_id"), "caseId");
    assert_eq!(camel("new_passphrase"), "newPassphrase");
    assert_eq!(camel("input"), "input");
    assert_eq!(command_args("unlock_with_recovery").unwrap(), ["recoveryCode", "newPassphrase"]);
    assert_eq!(command_args("no_such_command"), None);
}

/// A host that cancels every dialog and counts the locks it is told of.
#[derive(Debug, Default)]
struct Cancelling {
    locks: std::sync::atomic::AtomicUsize,
}

#[derive(Debug)]
struct NoPdf;

impl PdfRenderer for NoPdf {
    fn summary_pdf(
        &self,
        _: &crate::export::SupervisionSummary,
        _: crate::export::PaperSize,
    ) -> crate::Result<Vec<u8>> {
        Ok(b"%PDF-".to_vec())
    }
    fn letter_pdf(
        &self,
        _: &crate::export::ReferralLetter,
        _: crate::export::PaperSize,
    ) -> crate::Result<Vec<u8>> {
        Ok(b"%PDF-".to_vec())
    }
}

impl Host for Cancelling {
    fn pick_folder(&self, _: FolderPurpose) -> Option<PathBuf> {
        None
    }
    fn pick_backup_file(&self) -> Option<PathBuf> {
        None
    }
    fn pick_save(&self, _: &str, _: ExportFormat) -> Option<ExportTarget> {
        None
    }
    fn pdf(&self) -> &dyn PdfRenderer {
        &NoPdf
    }
    fn after_lock(&self) {
        self.locks.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }
}

fn engine(dir: &std::path::Path) -> Engine {
    let location = Location::new(dir);
    let claim = location.claim();
    let mut config = NotebookConfig::new(location);
    config.vault = VaultConfig::fast_for_tests();
    Engine::new(Notebook::new(config, Arc::new(SystemClock)), claim, Arc::new(SystemClock))
}

#[test]
fn every_command_in_the_table_dispatches_and_nothing_else_does() {
    let dir = tempfile::tempdir().unwrap();
    let engine = engine(dir.path());
    let host = Cancelling::default();
    assert!(engine.call(&host, "no_such_command", &Value::Null).is_none());
    assert!(engine.call(&host, "Notebook_Status", &Value::Null).is_none());
    for name in COMMANDS {
        // Called with an argument no command takes: each one exists and refuses before running.
        let reply = engine.call(&host, name, &json!({"path": "/etc"})).unwrap().unwrap_err();
        assert_eq!(reply.field(), Some("arguments"), "{name}");
        // Called with nothing: a command with arguments names the first one missing.
        let args = command_args(name).unwrap();
        if let Some(first) = args.first()
            && name != &"save_catalogue_entry"
            && name != &"save_factor_term"
            && name != &"save_intervention_entry"
        {
            let reply = engine.call(&host, name, &json!({})).unwrap().unwrap_err();
            assert_eq!(reply.field(), Some(first.as_str()), "{name}");
        }
    }
    assert_eq!(host.locks.load(std::sync::atomic::Ordering::SeqCst), 0, "nothing ran");
}

#[test]
fn a_call_runs_the_engine_and_answers_json() {
    let dir = tempfile::tempdir().unwrap();
    let engine = engine(dir.path());
    let host = Cancelling::default();
    let status = engine.call(&host, "notebook_status", &Value::Null).unwrap().unwrap();
    assert_eq!(status["exists"], json!(false));
    let locked = engine.call(&host, "list_cases", &json!({"filter": {}})).unwrap().unwrap_err();
    assert_eq!(locked.kind(), ErrorKind::Locked);
    let code = engine.call(&host, "create_notebook", &json!({"passphrase": "harbour lantern quietly"}));
    assert!(code.unwrap().unwrap()["groups"].is_array());
    let cases = engine.call(&host, "list_cases", &json!({"filter": {}})).unwrap().unwrap();
    assert_eq!(cases, json!({"items": [], "total": 0}));
    // A dialog the host cancels writes nothing and answers null.
    assert_eq!(engine.call(&host, "export_everything", &Value::Null).unwrap().unwrap(), Value::Null);
    assert_eq!(engine.call(&host, "choose_backup_folder", &Value::Null).unwrap().unwrap(), Value::Null);
    let status = engine.call(&host, "lock", &Value::Null).unwrap().unwrap();
    assert_eq!(status["unlocked"], json!(false));
    assert_eq!(host.locks.load(std::sync::atomic::Ordering::SeqCst), 1, "the host heard of the lock");
}

#[test]
fn the_generated_client_has_every_command_with_its_types() {
    let client = typescript_client();
    for name in COMMANDS {
        assert!(client.contains(&format!("['{name}', [")), "{name}");
    }
    assert!(client.contains("createCase(args: { input: NewCase }): Promise<CaseView>;"));
    assert!(
        client.contains(
            "listCases(args: { filter: CaseFilter; limit: number | null }): Promise<CaseListPage>;"
        )
    );
    assert!(client.contains("notebookStatus(): Promise<NotebookStatus>;"));
    assert!(client.contains("getPlan(args: { caseId: CaseId }): Promise<PlanView | null>;"));
    let names = command_names_rs();
    assert!(names.contains("(\"add_partner\", &[\"caseId\", \"input\"]),"));
}
