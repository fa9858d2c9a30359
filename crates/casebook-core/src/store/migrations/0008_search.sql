-- Migration 8: full-text search inside the encrypted notebook (issue 14). Owned by the `search`
-- module, which holds the queries and the labels of the fields below.
--
-- search_index is an FTS5 index in the same SQLCipher file, so it is encrypted like every other
-- page. It is contentless: it keeps the words' positions and, for each entry, which record and
-- field it came from, never a second copy of the text (the text stays in its own table, and the
-- snippet is cut from there). Accents and case are folded by the tokenizer (Zoë = zoe).
--
-- The scope column holds one word, `case<id>`, so that a search in one case reads only that
-- case's entries instead of ranking the whole notebook's and filtering afterwards; the words the
-- therapist types are matched in body only.
--
-- Each entry's rowid is (kind << 48) | (record id << 8) | field, so a record's entries are one
-- rowid range, and the triggers below replace them in the same transaction as the write they
-- reflect, whatever code writes. Session notes are kind 1, the lowest, so that their newest
-- entries and every other kind of record are one rowid range too (see `search::RANK_WINDOW`). The search_src_* views say once which text of a record is
-- indexed; the triggers and the initial build both read them. Editor drafts are not indexed: a
-- draft is the unsaved text of an editor; once saved it is a record, and a record is indexed,
-- signed or not. Every version of a formulation or plan, and every addendum, is indexed.
CREATE VIRTUAL TABLE search_index USING fts5(
    body,
    scope,
    case_id UNINDEXED,
    kind UNINDEXED,
    record_id UNINDEXED,
    field UNINDEXED,
    dated UNINDEXED,
    content = '',
    contentless_delete = 1,
    contentless_unindexed = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE VIEW search_src_case AS
          SELECT (3 << 48) | (c.id << 8) | 1 AS key, p.full_name AS body, c.id AS case_id, 'case' AS kind, c.id AS record_id, 'client' AS field, c.first_contact_on AS dated
          FROM case_file c JOIN person p ON p.id = c.client_id
UNION ALL SELECT (3 << 48) | (c.id << 8) | 2, p.full_name, c.id, 'case', c.id, 'partner', c.first_contact_on
          FROM case_file c JOIN partner x ON x.case_id = c.id JOIN person p ON p.id = x.person_id
UNION ALL SELECT (3 << 48) | (c.id << 8) | 3, c.referral_source, c.id, 'case', c.id, 'referral_source', c.first_contact_on FROM case_file c
UNION ALL SELECT (3 << 48) | (c.id << 8) | 4, c.other_difficulty, c.id, 'case', c.id, 'other_difficulty', c.first_contact_on FROM case_file c;

CREATE VIEW search_src_intake AS
          SELECT (2 << 48) | (i.case_id << 8) | 1 AS key, i.presenting_problem AS body, i.case_id, 'intake' AS kind, i.case_id AS record_id, 'presenting_problem' AS field, substr(coalesce(i.completed_at, i.created_at), 1, 10) AS dated FROM intake i
UNION ALL SELECT (2 << 48) | (i.case_id << 8) | 2, i.onset_course, i.case_id, 'intake', i.case_id, 'onset_course', substr(coalesce(i.completed_at, i.created_at), 1, 10) FROM intake i
UNION ALL SELECT (2 << 48) | (i.case_id << 8) | 3, i.lifelong_or_acquired, i.case_id, 'intake', i.case_id, 'lifelong_or_acquired', substr(coalesce(i.completed_at, i.created_at), 1, 10) FROM intake i
UNION ALL SELECT (2 << 48) | (i.case_id << 8) | 4, i.generalized_or_situational, i.case_id, 'intake', i.case_id, 'generalized_or_situational', substr(coalesce(i.completed_at, i.created_at), 1, 10) FROM intake i
UNION ALL SELECT (2 << 48) | (i.case_id << 8) | 5, i.phases_affected, i.case_id, 'intake', i.case_id, 'phases_affected', substr(coalesce(i.completed_at, i.created_at), 1, 10) FROM intake i
UNION ALL SELECT (2 << 48) | (i.case_id << 8) | 6, i.distress, i.case_id, 'intake', i.case_id, 'distress', substr(coalesce(i.completed_at, i.created_at), 1, 10) FROM intake i
UNION ALL SELECT (2 << 48) | (i.case_id << 8) | 7, i.psychological_functioning, i.case_id, 'intake', i.case_id, 'psychological_functioning', substr(coalesce(i.completed_at, i.created_at), 1, 10) FROM intake i
UNION ALL SELECT (2 << 48) | (i.case_id << 8) | 8, i.relationship, i.case_id, 'intake', i.case_id, 'relationship', substr(coalesce(i.completed_at, i.created_at), 1, 10) FROM intake i
UNION ALL SELECT (2 << 48) | (i.case_id << 8) | 9, i.partner_violence_screen, i.case_id, 'intake', i.case_id, 'partner_violence_screen', substr(coalesce(i.completed_at, i.created_at), 1, 10) FROM intake i
UNION ALL SELECT (2 << 48) | (i.case_id << 8) | 10, i.developmental_history, i.case_id, 'intake', i.case_id, 'developmental_history', substr(coalesce(i.completed_at, i.created_at), 1, 10) FROM intake i
UNION ALL SELECT (2 << 48) | (i.case_id << 8) | 11, i.body_image, i.case_id, 'intake', i.case_id, 'body_image', substr(coalesce(i.completed_at, i.created_at), 1, 10) FROM intake i
UNION ALL SELECT (2 << 48) | (i.case_id << 8) | 12, i.medical, i.case_id, 'intake', i.case_id, 'medical', substr(coalesce(i.completed_at, i.created_at), 1, 10) FROM intake i
UNION ALL SELECT (2 << 48) | (i.case_id << 8) | 13, i.mental_health_risk, i.case_id, 'intake', i.case_id, 'mental_health_risk', substr(coalesce(i.completed_at, i.created_at), 1, 10) FROM intake i
UNION ALL SELECT (2 << 48) | (i.case_id << 8) | 14, i.trauma, i.case_id, 'intake', i.case_id, 'trauma', substr(coalesce(i.completed_at, i.created_at), 1, 10) FROM intake i
UNION ALL SELECT (2 << 48) | (i.case_id << 8) | 15, i.strengths, i.case_id, 'intake', i.case_id, 'strengths', substr(coalesce(i.completed_at, i.created_at), 1, 10) FROM intake i
UNION ALL SELECT (2 << 48) | (i.case_id << 8) | 16, i.goals_expectations, i.case_id, 'intake', i.case_id, 'goals_expectations', substr(coalesce(i.completed_at, i.created_at), 1, 10) FROM intake i;

CREATE VIEW search_src_session AS
          SELECT (1 << 48) | (s.id << 8) | 1 AS key, s.others_present AS body, s.case_id, 'session' AS kind, s.id AS record_id, 'others_present' AS field, s.held_on AS dated FROM session_note s
UNION ALL SELECT (1 << 48) | (s.id << 8) | 2, s.subjective, s.case_id, 'session', s.id, 'subjective', s.held_on FROM session_note s
UNION ALL SELECT (1 << 48) | (s.id << 8) | 3, s.objective, s.case_id, 'session', s.id, 'objective', s.held_on FROM session_note s
UNION ALL SELECT (1 << 48) | (s.id << 8) | 4, s.data, s.case_id, 'session', s.id, 'data', s.held_on FROM session_note s
UNION ALL SELECT (1 << 48) | (s.id << 8) | 5, s.behaviour, s.case_id, 'session', s.id, 'behaviour', s.held_on FROM session_note s
UNION ALL SELECT (1 << 48) | (s.id << 8) | 6, s.intervention, s.case_id, 'session', s.id, 'intervention', s.held_on FROM session_note s
UNION ALL SELECT (1 << 48) | (s.id << 8) | 7, s.response, s.case_id, 'session', s.id, 'response', s.held_on FROM session_note s
UNION ALL SELECT (1 << 48) | (s.id << 8) | 8, s.assessment, s.case_id, 'session', s.id, 'assessment', s.held_on FROM session_note s
UNION ALL SELECT (1 << 48) | (s.id << 8) | 9, s.plan, s.case_id, 'session', s.id, 'plan', s.held_on FROM session_note s
UNION ALL SELECT (1 << 48) | (s.id << 8) | 10, s.homework_reviewed, s.case_id, 'session', s.id, 'homework_reviewed', s.held_on FROM session_note s
UNION ALL SELECT (1 << 48) | (s.id << 8) | 11, s.homework_set, s.case_id, 'session', s.id, 'homework_set', s.held_on FROM session_note s
UNION ALL SELECT (1 << 48) | (s.id << 8) | 12, s.measures_given, s.case_id, 'session', s.id, 'measures_given', s.held_on FROM session_note s
UNION ALL SELECT (1 << 48) | (s.id << 8) | 13, s.risk_action, s.case_id, 'session', s.id, 'risk_action', s.held_on FROM session_note s
UNION ALL SELECT (1 << 48) | (s.id << 8) | 14, s.medical_updates, s.case_id, 'session', s.id, 'medical_updates', s.held_on FROM session_note s;

CREATE VIEW search_src_formulation AS
          SELECT (4 << 48) | (f.id << 8) | 1 AS key, f.problem_statement AS body, f.case_id, 'formulation' AS kind, f.id AS record_id, 'problem_statement' AS field, substr(f.created_at, 1, 10) AS dated FROM formulation f
UNION ALL SELECT (4 << 48) | (f.id << 8) | 2, f.nodal_point, f.case_id, 'formulation', f.id, 'nodal_point', substr(f.created_at, 1, 10) FROM formulation f
UNION ALL SELECT (4 << 48) | (f.id << 8) | 3, f.biomedical_note, f.case_id, 'formulation', f.id, 'biomedical_note', substr(f.created_at, 1, 10) FROM formulation f
UNION ALL SELECT (4 << 48) | (f.id << 8) | 4, f.treatment_implications, f.case_id, 'formulation', f.id, 'treatment_implications', substr(f.created_at, 1, 10) FROM formulation f
UNION ALL SELECT (4 << 48) | (f.id << 8) | 5, f.shared_response, f.case_id, 'formulation', f.id, 'shared_response', substr(f.created_at, 1, 10) FROM formulation f
UNION ALL SELECT (4 << 48) | (f.id << 8) | 6, f.revision_reason, f.case_id, 'formulation', f.id, 'revision_reason', substr(f.created_at, 1, 10) FROM formulation f
UNION ALL SELECT (4 << 48) | (f.id << 8) | 7,
                 (SELECT group_concat(x.label || coalesce(': ' || x.note, ''), char(10)) FROM formulation_factor x WHERE x.formulation_id = f.id),
                 f.case_id, 'formulation', f.id, 'factors', substr(f.created_at, 1, 10) FROM formulation f;

CREATE VIEW search_src_plan AS
          SELECT (5 << 48) | (p.id << 8) | 1 AS key, p.disagreement AS body, p.case_id, 'plan' AS kind, p.id AS record_id, 'disagreement' AS field, substr(p.created_at, 1, 10) AS dated FROM plan p
UNION ALL SELECT (5 << 48) | (p.id << 8) | 2, p.revision_reason, p.case_id, 'plan', p.id, 'revision_reason', substr(p.created_at, 1, 10) FROM plan p
UNION ALL SELECT (5 << 48) | (p.id << 8) | 3,
                 (SELECT group_concat(x.name || coalesce(': ' || x.homework, ''), char(10)) FROM plan_intervention x WHERE x.plan_id = p.id),
                 p.case_id, 'plan', p.id, 'interventions', substr(p.created_at, 1, 10) FROM plan p;

CREATE VIEW search_src_plan_goal AS
          SELECT (6 << 48) | (g.id << 8) | 1 AS key, g.description AS body, p.case_id, 'plan_goal' AS kind, g.id AS record_id, 'description' AS field, substr(p.created_at, 1, 10) AS dated FROM plan_goal g JOIN plan p ON p.id = g.plan_id
UNION ALL SELECT (6 << 48) | (g.id << 8) | 2, g.measure, p.case_id, 'plan_goal', g.id, 'measure', substr(p.created_at, 1, 10) FROM plan_goal g JOIN plan p ON p.id = g.plan_id
UNION ALL SELECT (6 << 48) | (g.id << 8) | 3, g.target, p.case_id, 'plan_goal', g.id, 'target', substr(p.created_at, 1, 10) FROM plan_goal g JOIN plan p ON p.id = g.plan_id
UNION ALL SELECT (6 << 48) | (g.id << 8) | 4, g.status_reason, p.case_id, 'plan_goal', g.id, 'status_reason', substr(p.created_at, 1, 10) FROM plan_goal g JOIN plan p ON p.id = g.plan_id;

CREATE VIEW search_src_consent AS
          SELECT (7 << 48) | (c.id << 8) | 1 AS key, c.scope AS body, c.case_id, 'consent' AS kind, c.id AS record_id, 'scope' AS field, c.given_on AS dated FROM consent c
UNION ALL SELECT (7 << 48) | (c.id << 8) | 2, c.shared_information, c.case_id, 'consent', c.id, 'shared_information', c.given_on FROM consent c
UNION ALL SELECT (7 << 48) | (c.id << 8) | 3, c.note, c.case_id, 'consent', c.id, 'note', c.given_on FROM consent c
UNION ALL SELECT (7 << 48) | (c.id << 8) | 4, c.withdrawal_reason, c.case_id, 'consent', c.id, 'withdrawal_reason', c.given_on FROM consent c;

CREATE VIEW search_src_referral AS
          SELECT (8 << 48) | (r.id << 8) | 1 AS key, r.reason AS body, r.case_id, 'referral' AS kind, r.id AS record_id, 'reason' AS field, r.referred_on AS dated FROM referral r
UNION ALL SELECT (8 << 48) | (r.id << 8) | 2, r.note, r.case_id, 'referral', r.id, 'note', r.referred_on FROM referral r
UNION ALL SELECT (8 << 48) | (r.id << 8) | 3, d.name || coalesce(', ' || d.practice, ''), r.case_id, 'referral', r.id, 'practitioner', r.referred_on
          FROM referral r JOIN practitioner d ON d.id = r.practitioner_id;

CREATE VIEW search_src_rule_out AS
          SELECT (9 << 48) | (r.id << 8) | 1 AS key, r.note AS body, r.case_id, 'rule_out' AS kind, r.id AS record_id, 'note' AS field, r.on_date AS dated FROM rule_out r;

CREATE VIEW search_src_addendum AS
          SELECT (10 << 48) | (a.id << 8) | 1 AS key, a.reason AS body, a.case_id, 'addendum' AS kind, a.id AS record_id, 'reason' AS field, a.written_on AS dated FROM addendum a
UNION ALL SELECT (10 << 48) | (a.id << 8) | 2, a.body, a.case_id, 'addendum', a.id, 'body', a.written_on FROM addendum a;

CREATE VIEW search_src_process_note AS
          SELECT (11 << 48) | (n.id << 8) | 1 AS key, n.body AS body, n.case_id, 'process_note' AS kind, n.id AS record_id, 'body' AS field, n.written_on AS dated FROM process_note n;

CREATE VIEW search_src_case_event AS
          SELECT (12 << 48) | (e.id << 8) | 1 AS key, e.reason AS body, e.case_id, 'case_event' AS kind, e.id AS record_id, 'reason' AS field, e.on_date AS dated FROM case_event e
UNION ALL SELECT (12 << 48) | (e.id << 8) | 2, e.discharge_summary, e.case_id, 'case_event', e.id, 'discharge_summary', e.on_date FROM case_event e;

CREATE VIEW search_src_diagnosis AS
          SELECT (13 << 48) | (d.id << 8) | 1 AS key, d.name AS body, d.case_id, 'diagnosis' AS kind, d.id AS record_id, 'name' AS field, d.recorded_on AS dated FROM diagnosis d
UNION ALL SELECT (13 << 48) | (d.id << 8) | 2, d.note, d.case_id, 'diagnosis', d.id, 'note', d.recorded_on FROM diagnosis d;

-- The initial build, for a notebook written before this migration.
INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM (
              SELECT * FROM search_src_case UNION ALL SELECT * FROM search_src_intake
    UNION ALL SELECT * FROM search_src_session UNION ALL SELECT * FROM search_src_formulation
    UNION ALL SELECT * FROM search_src_plan UNION ALL SELECT * FROM search_src_plan_goal
    UNION ALL SELECT * FROM search_src_consent UNION ALL SELECT * FROM search_src_referral
    UNION ALL SELECT * FROM search_src_rule_out UNION ALL SELECT * FROM search_src_addendum
    UNION ALL SELECT * FROM search_src_process_note UNION ALL SELECT * FROM search_src_case_event
    UNION ALL SELECT * FROM search_src_diagnosis
) WHERE body <> '';

-- Triggers: a record's entries are replaced whenever it or a row it shows (a factor, an
-- intervention, a person's name, a practitioner) is written, and removed when it goes.
CREATE TRIGGER search_case_file_insert AFTER INSERT ON case_file BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (3 << 48) | ((NEW.id) << 8) AND (3 << 48) | ((NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_case WHERE record_id = (NEW.id) AND body <> '';
END;
CREATE TRIGGER search_case_file_update AFTER UPDATE ON case_file BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (3 << 48) | ((OLD.id) << 8) AND (3 << 48) | ((OLD.id) << 8) | 255;
    DELETE FROM search_index WHERE rowid BETWEEN (3 << 48) | ((NEW.id) << 8) AND (3 << 48) | ((NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_case WHERE record_id = (NEW.id) AND body <> '';
END;
CREATE TRIGGER search_case_file_delete AFTER DELETE ON case_file BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (3 << 48) | ((OLD.id) << 8) AND (3 << 48) | ((OLD.id) << 8) | 255;
END;
CREATE TRIGGER search_intake_insert AFTER INSERT ON intake BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (2 << 48) | ((NEW.case_id) << 8) AND (2 << 48) | ((NEW.case_id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_intake WHERE record_id = (NEW.case_id) AND body <> '';
END;
CREATE TRIGGER search_intake_update AFTER UPDATE ON intake BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (2 << 48) | ((OLD.case_id) << 8) AND (2 << 48) | ((OLD.case_id) << 8) | 255;
    DELETE FROM search_index WHERE rowid BETWEEN (2 << 48) | ((NEW.case_id) << 8) AND (2 << 48) | ((NEW.case_id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_intake WHERE record_id = (NEW.case_id) AND body <> '';
END;
CREATE TRIGGER search_intake_delete AFTER DELETE ON intake BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (2 << 48) | ((OLD.case_id) << 8) AND (2 << 48) | ((OLD.case_id) << 8) | 255;
END;
CREATE TRIGGER search_session_note_insert AFTER INSERT ON session_note BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (1 << 48) | ((NEW.id) << 8) AND (1 << 48) | ((NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_session WHERE record_id = (NEW.id) AND body <> '';
END;
CREATE TRIGGER search_session_note_update AFTER UPDATE ON session_note BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (1 << 48) | ((OLD.id) << 8) AND (1 << 48) | ((OLD.id) << 8) | 255;
    DELETE FROM search_index WHERE rowid BETWEEN (1 << 48) | ((NEW.id) << 8) AND (1 << 48) | ((NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_session WHERE record_id = (NEW.id) AND body <> '';
END;
CREATE TRIGGER search_session_note_delete AFTER DELETE ON session_note BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (1 << 48) | ((OLD.id) << 8) AND (1 << 48) | ((OLD.id) << 8) | 255;
END;
CREATE TRIGGER search_formulation_insert AFTER INSERT ON formulation BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (4 << 48) | ((NEW.id) << 8) AND (4 << 48) | ((NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_formulation WHERE record_id = (NEW.id) AND body <> '';
END;
CREATE TRIGGER search_formulation_update AFTER UPDATE ON formulation BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (4 << 48) | ((OLD.id) << 8) AND (4 << 48) | ((OLD.id) << 8) | 255;
    DELETE FROM search_index WHERE rowid BETWEEN (4 << 48) | ((NEW.id) << 8) AND (4 << 48) | ((NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_formulation WHERE record_id = (NEW.id) AND body <> '';
END;
CREATE TRIGGER search_formulation_delete AFTER DELETE ON formulation BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (4 << 48) | ((OLD.id) << 8) AND (4 << 48) | ((OLD.id) << 8) | 255;
END;
CREATE TRIGGER search_plan_insert AFTER INSERT ON plan BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (5 << 48) | ((NEW.id) << 8) AND (5 << 48) | ((NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_plan WHERE record_id = (NEW.id) AND body <> '';
END;
CREATE TRIGGER search_plan_update AFTER UPDATE ON plan BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (5 << 48) | ((OLD.id) << 8) AND (5 << 48) | ((OLD.id) << 8) | 255;
    DELETE FROM search_index WHERE rowid BETWEEN (5 << 48) | ((NEW.id) << 8) AND (5 << 48) | ((NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_plan WHERE record_id = (NEW.id) AND body <> '';
END;
CREATE TRIGGER search_plan_delete AFTER DELETE ON plan BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (5 << 48) | ((OLD.id) << 8) AND (5 << 48) | ((OLD.id) << 8) | 255;
END;
CREATE TRIGGER search_plan_goal_insert AFTER INSERT ON plan_goal BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (6 << 48) | ((NEW.id) << 8) AND (6 << 48) | ((NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_plan_goal WHERE record_id = (NEW.id) AND body <> '';
END;
CREATE TRIGGER search_plan_goal_update AFTER UPDATE ON plan_goal BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (6 << 48) | ((OLD.id) << 8) AND (6 << 48) | ((OLD.id) << 8) | 255;
    DELETE FROM search_index WHERE rowid BETWEEN (6 << 48) | ((NEW.id) << 8) AND (6 << 48) | ((NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_plan_goal WHERE record_id = (NEW.id) AND body <> '';
END;
CREATE TRIGGER search_plan_goal_delete AFTER DELETE ON plan_goal BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (6 << 48) | ((OLD.id) << 8) AND (6 << 48) | ((OLD.id) << 8) | 255;
END;
CREATE TRIGGER search_consent_insert AFTER INSERT ON consent BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (7 << 48) | ((NEW.id) << 8) AND (7 << 48) | ((NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_consent WHERE record_id = (NEW.id) AND body <> '';
END;
CREATE TRIGGER search_consent_update AFTER UPDATE ON consent BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (7 << 48) | ((OLD.id) << 8) AND (7 << 48) | ((OLD.id) << 8) | 255;
    DELETE FROM search_index WHERE rowid BETWEEN (7 << 48) | ((NEW.id) << 8) AND (7 << 48) | ((NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_consent WHERE record_id = (NEW.id) AND body <> '';
END;
CREATE TRIGGER search_consent_delete AFTER DELETE ON consent BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (7 << 48) | ((OLD.id) << 8) AND (7 << 48) | ((OLD.id) << 8) | 255;
END;
CREATE TRIGGER search_referral_insert AFTER INSERT ON referral BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (8 << 48) | ((NEW.id) << 8) AND (8 << 48) | ((NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_referral WHERE record_id = (NEW.id) AND body <> '';
END;
CREATE TRIGGER search_referral_update AFTER UPDATE ON referral BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (8 << 48) | ((OLD.id) << 8) AND (8 << 48) | ((OLD.id) << 8) | 255;
    DELETE FROM search_index WHERE rowid BETWEEN (8 << 48) | ((NEW.id) << 8) AND (8 << 48) | ((NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_referral WHERE record_id = (NEW.id) AND body <> '';
END;
CREATE TRIGGER search_referral_delete AFTER DELETE ON referral BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (8 << 48) | ((OLD.id) << 8) AND (8 << 48) | ((OLD.id) << 8) | 255;
END;
CREATE TRIGGER search_rule_out_insert AFTER INSERT ON rule_out BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (9 << 48) | ((NEW.id) << 8) AND (9 << 48) | ((NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_rule_out WHERE record_id = (NEW.id) AND body <> '';
END;
CREATE TRIGGER search_rule_out_update AFTER UPDATE ON rule_out BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (9 << 48) | ((OLD.id) << 8) AND (9 << 48) | ((OLD.id) << 8) | 255;
    DELETE FROM search_index WHERE rowid BETWEEN (9 << 48) | ((NEW.id) << 8) AND (9 << 48) | ((NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_rule_out WHERE record_id = (NEW.id) AND body <> '';
END;
CREATE TRIGGER search_rule_out_delete AFTER DELETE ON rule_out BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (9 << 48) | ((OLD.id) << 8) AND (9 << 48) | ((OLD.id) << 8) | 255;
END;
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
CREATE TRIGGER search_process_note_insert AFTER INSERT ON process_note BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (11 << 48) | ((NEW.id) << 8) AND (11 << 48) | ((NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_process_note WHERE record_id = (NEW.id) AND body <> '';
END;
CREATE TRIGGER search_process_note_update AFTER UPDATE ON process_note BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (11 << 48) | ((OLD.id) << 8) AND (11 << 48) | ((OLD.id) << 8) | 255;
    DELETE FROM search_index WHERE rowid BETWEEN (11 << 48) | ((NEW.id) << 8) AND (11 << 48) | ((NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_process_note WHERE record_id = (NEW.id) AND body <> '';
END;
CREATE TRIGGER search_process_note_delete AFTER DELETE ON process_note BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (11 << 48) | ((OLD.id) << 8) AND (11 << 48) | ((OLD.id) << 8) | 255;
END;
CREATE TRIGGER search_case_event_insert AFTER INSERT ON case_event BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (12 << 48) | ((NEW.id) << 8) AND (12 << 48) | ((NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_case_event WHERE record_id = (NEW.id) AND body <> '';
END;
CREATE TRIGGER search_case_event_update AFTER UPDATE ON case_event BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (12 << 48) | ((OLD.id) << 8) AND (12 << 48) | ((OLD.id) << 8) | 255;
    DELETE FROM search_index WHERE rowid BETWEEN (12 << 48) | ((NEW.id) << 8) AND (12 << 48) | ((NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_case_event WHERE record_id = (NEW.id) AND body <> '';
END;
CREATE TRIGGER search_case_event_delete AFTER DELETE ON case_event BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (12 << 48) | ((OLD.id) << 8) AND (12 << 48) | ((OLD.id) << 8) | 255;
END;
CREATE TRIGGER search_diagnosis_insert AFTER INSERT ON diagnosis BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (13 << 48) | ((NEW.id) << 8) AND (13 << 48) | ((NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_diagnosis WHERE record_id = (NEW.id) AND body <> '';
END;
CREATE TRIGGER search_diagnosis_update AFTER UPDATE ON diagnosis BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (13 << 48) | ((OLD.id) << 8) AND (13 << 48) | ((OLD.id) << 8) | 255;
    DELETE FROM search_index WHERE rowid BETWEEN (13 << 48) | ((NEW.id) << 8) AND (13 << 48) | ((NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_diagnosis WHERE record_id = (NEW.id) AND body <> '';
END;
CREATE TRIGGER search_diagnosis_delete AFTER DELETE ON diagnosis BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (13 << 48) | ((OLD.id) << 8) AND (13 << 48) | ((OLD.id) << 8) | 255;
END;
CREATE TRIGGER search_partner_insert AFTER INSERT ON partner BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (3 << 48) | ((NEW.case_id) << 8) AND (3 << 48) | ((NEW.case_id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_case WHERE record_id = (NEW.case_id) AND body <> '';
END;
CREATE TRIGGER search_partner_update AFTER UPDATE ON partner BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (3 << 48) | ((OLD.case_id) << 8) AND (3 << 48) | ((OLD.case_id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_case WHERE record_id = (OLD.case_id) AND body <> '';
    DELETE FROM search_index WHERE rowid BETWEEN (3 << 48) | ((NEW.case_id) << 8) AND (3 << 48) | ((NEW.case_id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_case WHERE record_id = (NEW.case_id) AND body <> '';
END;
CREATE TRIGGER search_partner_delete AFTER DELETE ON partner BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (3 << 48) | ((OLD.case_id) << 8) AND (3 << 48) | ((OLD.case_id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_case WHERE record_id = (OLD.case_id) AND body <> '';
END;
CREATE TRIGGER search_formulation_factor_insert AFTER INSERT ON formulation_factor BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (4 << 48) | ((NEW.formulation_id) << 8) AND (4 << 48) | ((NEW.formulation_id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_formulation WHERE record_id = (NEW.formulation_id) AND body <> '';
END;
CREATE TRIGGER search_formulation_factor_update AFTER UPDATE ON formulation_factor BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (4 << 48) | ((OLD.formulation_id) << 8) AND (4 << 48) | ((OLD.formulation_id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_formulation WHERE record_id = (OLD.formulation_id) AND body <> '';
    DELETE FROM search_index WHERE rowid BETWEEN (4 << 48) | ((NEW.formulation_id) << 8) AND (4 << 48) | ((NEW.formulation_id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_formulation WHERE record_id = (NEW.formulation_id) AND body <> '';
END;
CREATE TRIGGER search_formulation_factor_delete AFTER DELETE ON formulation_factor BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (4 << 48) | ((OLD.formulation_id) << 8) AND (4 << 48) | ((OLD.formulation_id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_formulation WHERE record_id = (OLD.formulation_id) AND body <> '';
END;
CREATE TRIGGER search_plan_intervention_insert AFTER INSERT ON plan_intervention BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (5 << 48) | ((NEW.plan_id) << 8) AND (5 << 48) | ((NEW.plan_id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_plan WHERE record_id = (NEW.plan_id) AND body <> '';
END;
CREATE TRIGGER search_plan_intervention_update AFTER UPDATE ON plan_intervention BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (5 << 48) | ((OLD.plan_id) << 8) AND (5 << 48) | ((OLD.plan_id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_plan WHERE record_id = (OLD.plan_id) AND body <> '';
    DELETE FROM search_index WHERE rowid BETWEEN (5 << 48) | ((NEW.plan_id) << 8) AND (5 << 48) | ((NEW.plan_id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_plan WHERE record_id = (NEW.plan_id) AND body <> '';
END;
CREATE TRIGGER search_plan_intervention_delete AFTER DELETE ON plan_intervention BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (5 << 48) | ((OLD.plan_id) << 8) AND (5 << 48) | ((OLD.plan_id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_plan WHERE record_id = (OLD.plan_id) AND body <> '';
END;
CREATE TRIGGER search_person_update AFTER UPDATE ON person BEGIN
    DELETE FROM search_index WHERE rowid BETWEEN (3 << 48) | ((SELECT id FROM case_file WHERE client_id = NEW.id) << 8) AND (3 << 48) | ((SELECT id FROM case_file WHERE client_id = NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_case WHERE record_id = (SELECT id FROM case_file WHERE client_id = NEW.id) AND body <> '';
    DELETE FROM search_index WHERE rowid BETWEEN (3 << 48) | ((SELECT case_id FROM partner WHERE person_id = NEW.id) << 8) AND (3 << 48) | ((SELECT case_id FROM partner WHERE person_id = NEW.id) << 8) | 255;
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_case WHERE record_id = (SELECT case_id FROM partner WHERE person_id = NEW.id) AND body <> '';
END;
CREATE TRIGGER search_practitioner_update AFTER UPDATE ON practitioner BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT (8 << 48) | (id << 8) | 3 FROM referral WHERE practitioner_id = NEW.id);
    INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
    SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM search_src_referral
    WHERE field = 'practitioner' AND record_id IN (SELECT id FROM referral WHERE practitioner_id = NEW.id);
END;
