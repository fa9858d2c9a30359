-- Migration 3: a record that can be trusted (issue 4): signatures, addenda, the audit chain, and
-- the triggers that make signed items, addenda and audit entries final whatever code writes.
-- Owned by the `record` module, which holds the queries. Trigger names start with `guard_`;
-- `record::verify` compares every one of them with this file, so a dropped or edited guard is
-- reported. A new word in a CHECK list below needs a table rebuild in a later migration.

-- Signatures: who signed (the name in Settings at the time) and, for a note signed more than
-- 24 hours after its session, why it is late. session_note and intake had signed_at already.
ALTER TABLE session_note ADD COLUMN signed_by TEXT CHECK (length(signed_by) BETWEEN 1 AND 120);
ALTER TABLE session_note ADD COLUMN late_reason TEXT CHECK (length(late_reason) >= 1);
ALTER TABLE intake ADD COLUMN signed_by TEXT CHECK (length(signed_by) BETWEEN 1 AND 120);
ALTER TABLE formulation ADD COLUMN signed_at TEXT;
ALTER TABLE formulation ADD COLUMN signed_by TEXT CHECK (length(signed_by) BETWEEN 1 AND 120);
ALTER TABLE plan ADD COLUMN signed_at TEXT;
ALTER TABLE plan ADD COLUMN signed_by TEXT CHECK (length(signed_by) BETWEEN 1 AND 120);

-- Addenda: corrections to a signed item, each signed when written. Allowed on closed cases.
CREATE TABLE addendum (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES case_file(id),
    record_kind TEXT NOT NULL CHECK (record_kind IN ('session_note', 'intake', 'formulation', 'plan')),
    record_id INTEGER NOT NULL,
    reason TEXT NOT NULL CHECK (length(reason) >= 1),
    body TEXT NOT NULL CHECK (length(body) >= 1),
    written_on TEXT NOT NULL CHECK (length(written_on) = 10),
    signed_at TEXT NOT NULL,
    signed_by TEXT NOT NULL CHECK (length(signed_by) BETWEEN 1 AND 120)
) STRICT;
CREATE INDEX addendum_by_record ON addendum (record_kind, record_id, id);

-- The audit trail: what happened, when, to which record; never content. Each entry's mac is a
-- keyed BLAKE2b over the previous entry's mac and this entry's fields; audit_head seals the last
-- entry so removing entries from the end is detected too.
CREATE TABLE audit_entry (
    seq INTEGER PRIMARY KEY CHECK (seq >= 1),
    at TEXT NOT NULL CHECK (length(at) = 20),
    action TEXT NOT NULL CHECK (action IN ('notebook_created', 'unlocked', 'recovery_unlocked', 'unlock_failed', 'locked', 'auto_locked', 'passphrase_changed', 'recovery_code_replaced', 'created', 'edited', 'signed', 'addendum_added', 'consent_recorded', 'consent_withdrawn', 'case_closed', 'case_reopened', 'exported', 'exported_identified', 'backed_up', 'restored')),
    target_table TEXT CHECK (target_table IN ('case_file', 'person', 'consent', 'case_event', 'rule_out', 'referral', 'practitioner', 'diagnosis', 'diagnosis_catalogue', 'intake', 'formulation', 'factor_vocabulary', 'plan', 'intervention_catalogue', 'session_note', 'process_note', 'addendum', 'settings', 'key_file')),
    target_id INTEGER,
    case_id INTEGER,
    count INTEGER CHECK (count >= 1),
    mac BLOB NOT NULL CHECK (length(mac) = 32),
    CHECK (target_id IS NULL OR target_table IS NOT NULL)
) STRICT;
CREATE INDEX audit_entry_by_case ON audit_entry (case_id, seq);

CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL CHECK (seq >= 1),
    seal BLOB NOT NULL CHECK (length(seal) = 32)
) STRICT;

-- Guards: a signed row, and the rows that belong to it, no longer change or go away.
CREATE TRIGGER guard_session_note_update BEFORE UPDATE ON session_note WHEN OLD.signed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_session_note_delete BEFORE DELETE ON session_note WHEN OLD.signed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_intake_update BEFORE UPDATE ON intake WHEN OLD.signed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_intake_delete BEFORE DELETE ON intake WHEN OLD.signed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_formulation_update BEFORE UPDATE ON formulation WHEN OLD.signed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_formulation_delete BEFORE DELETE ON formulation WHEN OLD.signed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_plan_update BEFORE UPDATE ON plan WHEN OLD.signed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_plan_delete BEFORE DELETE ON plan WHEN OLD.signed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;

CREATE TRIGGER guard_session_present_insert BEFORE INSERT ON session_present
WHEN (SELECT signed_at FROM session_note WHERE id = NEW.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_session_present_update BEFORE UPDATE ON session_present
WHEN (SELECT signed_at FROM session_note WHERE id IN (OLD.session_id, NEW.session_id) AND signed_at IS NOT NULL) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_session_present_delete BEFORE DELETE ON session_present
WHEN (SELECT signed_at FROM session_note WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_session_goal_insert BEFORE INSERT ON session_goal
WHEN (SELECT signed_at FROM session_note WHERE id = NEW.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_session_goal_update BEFORE UPDATE ON session_goal
WHEN (SELECT signed_at FROM session_note WHERE id IN (OLD.session_id, NEW.session_id) AND signed_at IS NOT NULL) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_session_goal_delete BEFORE DELETE ON session_goal
WHEN (SELECT signed_at FROM session_note WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_session_intervention_insert BEFORE INSERT ON session_intervention
WHEN (SELECT signed_at FROM session_note WHERE id = NEW.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_session_intervention_update BEFORE UPDATE ON session_intervention
WHEN (SELECT signed_at FROM session_note WHERE id IN (OLD.session_id, NEW.session_id) AND signed_at IS NOT NULL) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_session_intervention_delete BEFORE DELETE ON session_intervention
WHEN (SELECT signed_at FROM session_note WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;

CREATE TRIGGER guard_formulation_factor_insert BEFORE INSERT ON formulation_factor
WHEN (SELECT signed_at FROM formulation WHERE id = NEW.formulation_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_formulation_factor_update BEFORE UPDATE ON formulation_factor
WHEN (SELECT signed_at FROM formulation WHERE id IN (OLD.formulation_id, NEW.formulation_id) AND signed_at IS NOT NULL) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_formulation_factor_delete BEFORE DELETE ON formulation_factor
WHEN (SELECT signed_at FROM formulation WHERE id = OLD.formulation_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;

CREATE TRIGGER guard_plan_goal_insert BEFORE INSERT ON plan_goal
WHEN (SELECT signed_at FROM plan WHERE id = NEW.plan_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_plan_goal_update BEFORE UPDATE ON plan_goal
WHEN (SELECT signed_at FROM plan WHERE id IN (OLD.plan_id, NEW.plan_id) AND signed_at IS NOT NULL) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_plan_goal_delete BEFORE DELETE ON plan_goal
WHEN (SELECT signed_at FROM plan WHERE id = OLD.plan_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_plan_intervention_insert BEFORE INSERT ON plan_intervention
WHEN (SELECT signed_at FROM plan WHERE id = NEW.plan_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_plan_intervention_update BEFORE UPDATE ON plan_intervention
WHEN (SELECT signed_at FROM plan WHERE id IN (OLD.plan_id, NEW.plan_id) AND signed_at IS NOT NULL) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_plan_intervention_delete BEFORE DELETE ON plan_intervention
WHEN (SELECT signed_at FROM plan WHERE id = OLD.plan_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_plan_agreement_insert BEFORE INSERT ON plan_agreement
WHEN (SELECT signed_at FROM plan WHERE id = NEW.plan_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_plan_agreement_update BEFORE UPDATE ON plan_agreement
WHEN (SELECT signed_at FROM plan WHERE id IN (OLD.plan_id, NEW.plan_id) AND signed_at IS NOT NULL) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_plan_agreement_delete BEFORE DELETE ON plan_agreement
WHEN (SELECT signed_at FROM plan WHERE id = OLD.plan_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_plan_intervention_goal_insert BEFORE INSERT ON plan_intervention_goal
WHEN (SELECT p.signed_at FROM plan_intervention i JOIN plan p ON p.id = i.plan_id WHERE i.id = NEW.intervention_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_plan_intervention_goal_update BEFORE UPDATE ON plan_intervention_goal
WHEN (SELECT p.signed_at FROM plan_intervention i JOIN plan p ON p.id = i.plan_id
      WHERE i.id IN (OLD.intervention_id, NEW.intervention_id) AND p.signed_at IS NOT NULL) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_plan_intervention_goal_delete BEFORE DELETE ON plan_intervention_goal
WHEN (SELECT p.signed_at FROM plan_intervention i JOIN plan p ON p.id = i.plan_id WHERE i.id = OLD.intervention_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;

-- Addenda are signed when written, and the audit trail is append-only.
CREATE TRIGGER guard_addendum_update BEFORE UPDATE ON addendum
BEGIN SELECT RAISE(ABORT, 'addenda no longer change'); END;
CREATE TRIGGER guard_addendum_delete BEFORE DELETE ON addendum
BEGIN SELECT RAISE(ABORT, 'addenda no longer change'); END;
CREATE TRIGGER guard_audit_entry_update BEFORE UPDATE ON audit_entry
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER guard_audit_entry_delete BEFORE DELETE ON audit_entry
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER guard_audit_head_delete BEFORE DELETE ON audit_head
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
