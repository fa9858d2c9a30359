-- Migration 11: outcome measures (issue 15). Owned by the `measures` module.
--
-- Each administration belongs to one person of the case (a partner's scores are the partner's
-- data), is kept in hundredths of a point, and is final once signed, like a note (the guards
-- below). A reproducible measure keeps its answers, one digit per item; a score-entry measure
-- keeps only its total and subscale totals: no item text is ever stored, and none shipped.
-- Custom measures are score entry, with the range and bands the therapist gives them.

CREATE TABLE custom_measure (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 60),
    construct TEXT NOT NULL CHECK (length(construct) BETWEEN 1 AND 120),
    min_score INTEGER NOT NULL,
    max_score INTEGER NOT NULL,
    step INTEGER NOT NULL CHECK (step IN (1, 10, 100)),
    direction TEXT NOT NULL CHECK (direction IN ('higher_is_worse', 'higher_is_better')),
    -- One band a line: from, to (hundredths, inclusive) and label, separated by tabs.
    bands TEXT NOT NULL CHECK (length(bands) >= 1),
    meaningful_change INTEGER CHECK (meaningful_change > 0),
    created_at TEXT NOT NULL,
    CHECK (max_score > min_score)
) STRICT;

CREATE TABLE measure_administration (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES case_file(id),
    person_id INTEGER NOT NULL REFERENCES person(id),
    -- A built-in code ('phq9') or a custom measure ('custom_3').
    measure TEXT NOT NULL CHECK (length(measure) BETWEEN 1 AND 40),
    given_on TEXT NOT NULL CHECK (length(given_on) = 10),
    session_id INTEGER REFERENCES session_note(id),
    total INTEGER NOT NULL,
    answers TEXT CHECK (answers NOT GLOB '*[^0-9]*' AND length(answers) BETWEEN 1 AND 40),
    -- Subscale totals, 'code=hundredths' separated by spaces.
    subscales TEXT CHECK (length(subscales) >= 1),
    risk_action TEXT CHECK (length(risk_action) >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    signed_at TEXT,
    signed_by TEXT CHECK (length(signed_by) BETWEEN 1 AND 120)
) STRICT;
CREATE INDEX measure_administration_by_case ON measure_administration (case_id, measure, person_id, given_on, id);
CREATE INDEX measure_administration_by_session ON measure_administration (session_id) WHERE session_id IS NOT NULL;
-- Administrations not yet signed, for what is due and for closing a case (as for session notes).
CREATE INDEX measure_administration_unsigned ON measure_administration (case_id, given_on) WHERE signed_at IS NULL;

CREATE TRIGGER guard_measure_administration_update BEFORE UPDATE ON measure_administration WHEN OLD.signed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;
CREATE TRIGGER guard_measure_administration_delete BEFORE DELETE ON measure_administration WHEN OLD.signed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed items no longer change'); END;

-- Search (migration 8's index): the action taken on a risk that a measure's answers raised is
-- text the therapist wrote, so it is indexed like every other record's, as kind 14.
CREATE VIEW search_src_measure AS
          SELECT (14 << 48) | (a.id << 8) | 1 AS key, a.risk_action AS body, a.case_id, 'measure' AS kind, a.id AS record_id, 'risk_action' AS field, a.given_on AS dated FROM measure_administration a;
CREATE TRIGGER search_measure_administration_insert AFTER INSERT ON measure_administration BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (14 << 48) | ((NEW.id) << 8) AND (14 << 48) | ((NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_measure WHERE record_id = (NEW.id) AND body <> '';
END;
CREATE TRIGGER search_measure_administration_update AFTER UPDATE ON measure_administration BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (14 << 48) | ((OLD.id) << 8) AND (14 << 48) | ((OLD.id) << 8) | 255;
    DELETE FROM search_index WHERE rowid BETWEEN (14 << 48) | ((NEW.id) << 8) AND (14 << 48) | ((NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_measure WHERE record_id = (NEW.id) AND body <> '';
END;
CREATE TRIGGER search_measure_administration_delete AFTER DELETE ON measure_administration BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (14 << 48) | ((OLD.id) << 8) AND (14 << 48) | ((OLD.id) << 8) | 255;
END;

-- A plan goal may name a measure and the score it aims for.
ALTER TABLE plan_goal ADD COLUMN target_measure TEXT CHECK (length(target_measure) BETWEEN 1 AND 40);
ALTER TABLE plan_goal ADD COLUMN target_score INTEGER;

-- Addenda may now correct an administration, and the audit trail names the two new tables: a
-- CHECK list changes only by rebuilding its table. Each is copied aside, made again with the
-- longer list, and copied back with its rows unchanged (the audit chain's macs cover the rows'
-- values, not their storage), then its index and triggers are made again as they were.
CREATE TABLE addendum_copy AS SELECT * FROM addendum;
DROP TABLE addendum;
CREATE TABLE addendum (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES case_file(id),
    record_kind TEXT NOT NULL CHECK (record_kind IN ('session_note', 'intake', 'formulation', 'plan', 'measure')),
    record_id INTEGER NOT NULL,
    reason TEXT NOT NULL CHECK (length(reason) >= 1),
    body TEXT NOT NULL CHECK (length(body) >= 1),
    written_on TEXT NOT NULL CHECK (length(written_on) = 10),
    signed_at TEXT NOT NULL,
    signed_by TEXT NOT NULL CHECK (length(signed_by) BETWEEN 1 AND 120)
) STRICT;
INSERT INTO addendum SELECT * FROM addendum_copy;
DROP TABLE addendum_copy;
CREATE INDEX addendum_by_record ON addendum (record_kind, record_id, id);
CREATE TRIGGER guard_addendum_update BEFORE UPDATE ON addendum
BEGIN SELECT RAISE(ABORT, 'addenda no longer change'); END;
CREATE TRIGGER guard_addendum_delete BEFORE DELETE ON addendum
BEGIN SELECT RAISE(ABORT, 'addenda no longer change'); END;
CREATE TRIGGER search_addendum_insert AFTER INSERT ON addendum BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (10 << 48) | ((NEW.id) << 8) AND (10 << 48) | ((NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_addendum WHERE record_id = (NEW.id) AND body <> '';
END;
CREATE TRIGGER search_addendum_update AFTER UPDATE ON addendum BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (10 << 48) | ((OLD.id) << 8) AND (10 << 48) | ((OLD.id) << 8) | 255;
    DELETE FROM search_index WHERE rowid BETWEEN (10 << 48) | ((NEW.id) << 8) AND (10 << 48) | ((NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_addendum WHERE record_id = (NEW.id) AND body <> '';
END;
CREATE TRIGGER search_addendum_delete AFTER DELETE ON addendum BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (10 << 48) | ((OLD.id) << 8) AND (10 << 48) | ((OLD.id) << 8) | 255;
END;

CREATE TABLE audit_entry_copy AS SELECT * FROM audit_entry;
DROP TABLE audit_entry;
CREATE TABLE audit_entry (
    seq INTEGER PRIMARY KEY CHECK (seq >= 1),
    at TEXT NOT NULL CHECK (length(at) = 20),
    action TEXT NOT NULL CHECK (action IN ('notebook_created', 'unlocked', 'recovery_unlocked', 'unlock_failed', 'locked', 'auto_locked', 'passphrase_changed', 'recovery_code_replaced', 'created', 'edited', 'signed', 'addendum_added', 'consent_recorded', 'consent_withdrawn', 'case_closed', 'case_reopened', 'exported', 'exported_identified', 'backed_up', 'restored')),
    target_table TEXT CHECK (target_table IN ('case_file', 'person', 'consent', 'case_event', 'rule_out', 'referral', 'practitioner', 'diagnosis', 'diagnosis_catalogue', 'intake', 'formulation', 'factor_vocabulary', 'plan', 'intervention_catalogue', 'session_note', 'process_note', 'addendum', 'settings', 'key_file', 'measure_administration', 'custom_measure')),
    target_id INTEGER,
    case_id INTEGER,
    count INTEGER CHECK (count >= 1),
    mac BLOB NOT NULL CHECK (length(mac) = 32),
    CHECK (target_id IS NULL OR target_table IS NOT NULL)
) STRICT;
INSERT INTO audit_entry SELECT * FROM audit_entry_copy;
DROP TABLE audit_entry_copy;
CREATE INDEX audit_entry_by_case ON audit_entry (case_id, seq);
CREATE TRIGGER guard_audit_entry_update BEFORE UPDATE ON audit_entry
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER guard_audit_entry_delete BEFORE DELETE ON audit_entry
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
