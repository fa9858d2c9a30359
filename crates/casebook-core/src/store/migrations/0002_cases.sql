-- Migration 2: cases that follow the practice (issue 3).
-- Each block is owned by the domain module named in its comment; that module holds the queries.
-- Lists of words (statuses, kinds) are the same snake_case words the engine's enums use.
-- Seed rows for vocabularies the therapist may edit are data, not code (DOMAIN.md marks).

-- settings: two preferences this issue adds.
ALTER TABLE settings ADD COLUMN retention_profile TEXT NOT NULL DEFAULT 'south_africa'
    CHECK (retention_profile IN ('south_africa', 'apa'));
ALTER TABLE settings ADD COLUMN default_note_format TEXT NOT NULL DEFAULT 'soap'
    CHECK (default_note_format IN ('soap', 'dap', 'birp'));

-- person: clients and partners.
CREATE TABLE person (
    id INTEGER PRIMARY KEY,
    full_name TEXT NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
    pronouns TEXT CHECK (length(pronouns) <= 200),
    date_of_birth TEXT CHECK (length(date_of_birth) = 10),
    age_band TEXT CHECK (age_band IN ('under_18', '18_24', '25_34', '35_44', '45_54', '55_64', '65_plus')),
    phone TEXT CHECK (length(phone) <= 200),
    email TEXT CHECK (length(email) <= 200),
    address TEXT,
    lacks_capacity INTEGER NOT NULL DEFAULT 0 CHECK (lacks_capacity IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (date_of_birth IS NULL OR age_band IS NULL)
) STRICT;

-- case: presenting difficulties (editable seed list), the case file, its closings and reopenings.
CREATE TABLE difficulty (
    code TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 60),
    label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
    position INTEGER NOT NULL
) STRICT;
INSERT INTO difficulty (code, label, position) VALUES
    ('erectile_dysfunction', 'Erectile dysfunction', 1),
    ('premature_ejaculation', 'Premature ejaculation', 2),
    ('delayed_ejaculation', 'Delayed ejaculation', 3),
    ('low_libido', 'Low libido', 4),
    ('vaginismus', 'Vaginismus', 5),
    ('dyspareunia', 'Dyspareunia (painful intercourse)', 6),
    ('anorgasmia', 'Anorgasmia', 7),
    ('other', 'Other / not listed', 8);

CREATE TABLE case_file (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL UNIQUE REFERENCES person(id),
    first_contact_on TEXT NOT NULL CHECK (length(first_contact_on) = 10),
    referral_source TEXT CHECK (length(referral_source) <= 200),
    other_difficulty TEXT CHECK (length(other_difficulty) <= 200),
    has_partner INTEGER NOT NULL CHECK (has_partner IN (0, 1)),
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE case_difficulty (
    case_id INTEGER NOT NULL REFERENCES case_file(id),
    difficulty TEXT NOT NULL REFERENCES difficulty(code) ON UPDATE CASCADE,
    PRIMARY KEY (case_id, difficulty)
) STRICT;

CREATE TABLE case_event (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES case_file(id),
    kind TEXT NOT NULL CHECK (kind IN ('closed', 'reopened')),
    on_date TEXT NOT NULL CHECK (length(on_date) = 10),
    closing_reason TEXT CHECK (closing_reason IN ('goals_achieved', 'client_ended', 'referred_on', 'lost_contact', 'other')),
    reason TEXT,
    discharge_summary TEXT,
    recorded_at TEXT NOT NULL,
    CHECK ((kind = 'closed') = (closing_reason IS NOT NULL AND discharge_summary IS NOT NULL)),
    CHECK (kind = 'closed' OR reason IS NOT NULL)
) STRICT;
CREATE INDEX case_event_by_case ON case_event (case_id, id);

-- case: the partner, at most one per case.
CREATE TABLE partner (
    case_id INTEGER PRIMARY KEY REFERENCES case_file(id),
    person_id INTEGER NOT NULL UNIQUE REFERENCES person(id),
    added_at TEXT NOT NULL
) STRICT;

-- medical: the practitioners the therapist works with, rule-out history, referrals.
CREATE TABLE practitioner (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('gp', 'urologist', 'gynaecologist', 'endocrinologist', 'physiotherapist', 'other')),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    practice TEXT CHECK (length(practice) <= 200),
    phone TEXT CHECK (length(phone) <= 200),
    email TEXT CHECK (length(email) <= 200),
    address TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- consent: typed, versioned consents. A new version of the same consent is a new row; a
-- withdrawal fills the withdrawal columns of its row once; nothing is deleted.
CREATE TABLE consent (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES case_file(id),
    person_id INTEGER NOT NULL REFERENCES person(id),
    kind TEXT NOT NULL CHECK (kind IN ('treatment', 'processing_notice', 'partner_involvement', 'partner_own', 'release_of_information', 'supervision_use')),
    version INTEGER NOT NULL CHECK (version >= 1),
    recipient_id INTEGER REFERENCES practitioner(id),
    given_on TEXT NOT NULL CHECK (length(given_on) = 10),
    expires_on TEXT CHECK (length(expires_on) = 10),
    method TEXT NOT NULL CHECK (method IN ('written', 'verbal', 'electronic')),
    scope TEXT,
    secrets_policy TEXT CHECK (secrets_policy IN ('none', 'limited')),
    partner_role TEXT CHECK (partner_role IN ('co_client', 'collateral')),
    shared_information TEXT,
    note TEXT,
    recorded_at TEXT NOT NULL,
    withdrawn_on TEXT CHECK (length(withdrawn_on) = 10),
    withdrawal_reason TEXT,
    withdrawn_at TEXT,
    CHECK ((kind = 'partner_involvement') = (scope IS NOT NULL AND secrets_policy IS NOT NULL)),
    CHECK ((kind = 'partner_own') = (partner_role IS NOT NULL)),
    CHECK ((kind = 'release_of_information') = (recipient_id IS NOT NULL AND shared_information IS NOT NULL)),
    CHECK (expires_on IS NULL OR expires_on > given_on),
    CHECK (withdrawn_on IS NULL OR withdrawn_on >= given_on),
    CHECK ((withdrawn_on IS NULL) = (withdrawn_at IS NULL))
) STRICT;
CREATE UNIQUE INDEX consent_versions ON consent (case_id, kind, person_id, coalesce(recipient_id, 0), version);

CREATE TABLE rule_out (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES case_file(id),
    status TEXT NOT NULL CHECK (status IN ('not_assessed', 'referred', 'awaiting_result', 'contributing', 'ruled_out')),
    on_date TEXT NOT NULL CHECK (length(on_date) = 10),
    note TEXT,
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX rule_out_by_case ON rule_out (case_id, id);

CREATE TABLE referral (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES case_file(id),
    practitioner_id INTEGER NOT NULL REFERENCES practitioner(id),
    consent_id INTEGER NOT NULL REFERENCES consent(id),
    referred_on TEXT NOT NULL CHECK (length(referred_on) = 10),
    reason TEXT NOT NULL CHECK (length(reason) >= 1),
    note TEXT,
    recorded_at TEXT NOT NULL
) STRICT;

-- diagnosis: the catalogue of DOMAIN.md section 3 as editable data, and recorded diagnoses.
CREATE TABLE diagnosis_catalogue (
    id INTEGER PRIMARY KEY,
    difficulty TEXT REFERENCES difficulty(code) ON UPDATE CASCADE,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    hint TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
) STRICT;
CREATE TABLE diagnosis_catalogue_code (
    entry_id INTEGER NOT NULL REFERENCES diagnosis_catalogue(id),
    system TEXT NOT NULL CHECK (system IN ('icd10_who', 'icd10_cm', 'icd11')),
    code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 20),
    verified INTEGER NOT NULL CHECK (verified IN (0, 1)),
    PRIMARY KEY (entry_id, system, code)
) STRICT;
INSERT INTO diagnosis_catalogue (id, difficulty, name, hint, position) VALUES
    (1, 'erectile_dysfunction', 'Erectile disorder', 'Difficulty obtaining or keeping an erection, or reduced rigidity, on most occasions for about 6 months, with distress.', 1),
    (2, 'premature_ejaculation', 'Premature (early) ejaculation', 'Severity by latency after penetration: 30-60 s mild, 15-30 s moderate, under 15 s severe.', 2),
    (3, 'delayed_ejaculation', 'Delayed ejaculation', 'Marked delay, infrequency or absence of ejaculation on most occasions, with distress.', 3),
    (4, 'low_libido', 'Male hypoactive sexual desire disorder', 'Persistently low or absent sexual thoughts and desire for activity, with distress.', 4),
    (5, 'low_libido', 'Female sexual interest/arousal disorder', 'At least 3 of 6 indicators of reduced interest or arousal, with distress.', 5),
    (6, 'vaginismus', 'Genito-pelvic pain/penetration disorder', 'Specify lifelong or acquired only.', 6),
    (7, 'dyspareunia', 'Genito-pelvic pain/penetration disorder', 'Pain, fear of pain, or pelvic-floor tension around penetration.', 7),
    (8, 'anorgasmia', 'Female orgasmic disorder', 'Specifier: never experienced an orgasm under any situation.', 8),
    (9, 'other', 'Other specified sexual dysfunction', 'Record why the presentation does not meet a specific disorder.', 9),
    (10, 'other', 'Unspecified sexual dysfunction', 'When the reason is not specified.', 10);
INSERT INTO diagnosis_catalogue_code (entry_id, system, code, verified) VALUES
    (1, 'icd10_cm', 'F52.21', 1), (1, 'icd11', 'HA01.1', 1),
    (2, 'icd10_cm', 'F52.4', 1), (2, 'icd11', 'HA03.0', 1),
    (3, 'icd10_cm', 'F52.32', 1), (3, 'icd11', 'HA03.1', 1),
    (4, 'icd10_cm', 'F52.0', 1), (4, 'icd11', 'HA00', 1),
    (5, 'icd10_cm', 'F52.22', 1), (5, 'icd11', 'HA00', 1), (5, 'icd11', 'HA01.0', 1),
    (6, 'icd10_cm', 'F52.6', 1), (6, 'icd11', 'HA20', 1),
    (7, 'icd10_cm', 'F52.6', 1), (7, 'icd11', 'HA20', 1), (7, 'icd11', 'GA12', 0),
    (8, 'icd10_cm', 'F52.31', 1), (8, 'icd11', 'HA02.0', 1),
    (9, 'icd10_cm', 'F52.8', 1),
    (10, 'icd10_cm', 'F52.9', 1);

CREATE TABLE diagnosis (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES case_file(id),
    person_id INTEGER NOT NULL REFERENCES person(id),
    catalogue_id INTEGER REFERENCES diagnosis_catalogue(id),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    code_system TEXT NOT NULL CHECK (code_system IN ('icd10_who', 'icd10_cm', 'icd11')),
    code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 20),
    status TEXT NOT NULL CHECK (status IN ('provisional', 'confirmed', 'ruled_out', 'resolved')),
    course TEXT CHECK (course IN ('lifelong', 'acquired')),
    context TEXT CHECK (context IN ('generalized', 'situational')),
    severity TEXT CHECK (severity IN ('mild', 'moderate', 'severe')),
    note TEXT,
    recorded_on TEXT NOT NULL CHECK (length(recorded_on) = 10),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- intake: the intake form of DOMAIN.md section 4, one per case. signed_at is filled by signing
-- (a later issue); until then completed_at marks the signed-off intake.
CREATE TABLE intake (
    case_id INTEGER PRIMARY KEY REFERENCES case_file(id),
    presenting_problem TEXT NOT NULL,
    onset_course TEXT,
    lifelong_or_acquired TEXT,
    generalized_or_situational TEXT,
    phases_affected TEXT,
    distress TEXT,
    psychological_functioning TEXT,
    relationship TEXT,
    partner_violence_screen TEXT,
    developmental_history TEXT,
    body_image TEXT,
    medical TEXT,
    mental_health_risk TEXT,
    trauma TEXT,
    strengths TEXT,
    goals_expectations TEXT,
    completed_at TEXT,
    signed_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (signed_at IS NULL OR completed_at IS NOT NULL)
) STRICT;

-- formulation: contributing-factor vocabulary (editable seed), versioned formulations.
CREATE TABLE factor_vocabulary (
    id INTEGER PRIMARY KEY,
    label TEXT NOT NULL UNIQUE CHECK (length(label) BETWEEN 1 AND 200),
    usual_p TEXT CHECK (usual_p IN ('predisposing', 'precipitating', 'perpetuating', 'protective')),
    usual_domain TEXT CHECK (usual_domain IN ('biological', 'psychological', 'relational_social')),
    position INTEGER NOT NULL
) STRICT;
INSERT INTO factor_vocabulary (label, usual_p, usual_domain, position) VALUES
    ('Preconceived ideas about sex from upbringing', 'predisposing', 'psychological', 1),
    ('Performance anxiety', 'perpetuating', 'psychological', 2),
    ('Poor self-concept', 'predisposing', 'psychological', 3),
    ('Body-image issues', 'perpetuating', 'psychological', 4),
    ('High levels of judgement (of self or partner)', 'perpetuating', 'psychological', 5),
    ('Emotional unfinished business in the relationship', 'perpetuating', 'relational_social', 6),
    ('Unfinished business with others (family of origin, former partners, abuse)', 'predisposing', 'relational_social', 7),
    ('Medical factors not ruled out', NULL, 'biological', 8);

CREATE TABLE formulation (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES case_file(id),
    version INTEGER NOT NULL CHECK (version >= 1),
    problem_statement TEXT NOT NULL,
    nodal_point TEXT,
    biomedical_status TEXT NOT NULL CHECK (biomedical_status IN ('not_assessed', 'referred', 'awaiting_result', 'contributing', 'ruled_out')),
    biomedical_note TEXT,
    treatment_implications TEXT,
    shared_on TEXT CHECK (length(shared_on) = 10),
    shared_response TEXT,
    revision_reason TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (case_id, version)
) STRICT;

CREATE TABLE formulation_factor (
    formulation_id INTEGER NOT NULL REFERENCES formulation(id),
    position INTEGER NOT NULL,
    vocabulary_id INTEGER REFERENCES factor_vocabulary(id),
    label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
    p TEXT NOT NULL CHECK (p IN ('predisposing', 'precipitating', 'perpetuating', 'protective')),
    domain TEXT NOT NULL CHECK (domain IN ('biological', 'psychological', 'relational_social')),
    note TEXT,
    PRIMARY KEY (formulation_id, position)
) STRICT;

-- plan: intervention catalogue (editable seed), versioned plans with goals and interventions.
CREATE TABLE intervention_catalogue (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    plissit TEXT NOT NULL CHECK (plissit IN ('permission', 'limited_information', 'specific_suggestions', 'intensive_therapy')),
    description TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL
) STRICT;
INSERT INTO intervention_catalogue (name, plissit, description, position) VALUES
    ('Psychoeducation', 'limited_information', 'Accurate information about sexual response and the difficulty.', 1),
    ('Sensate focus, stage 1', 'specific_suggestions', 'Non-genital touch, with an intercourse ban.', 2),
    ('Sensate focus, stage 2', 'specific_suggestions', 'Genital touch for sensation, not arousal or orgasm.', 3),
    ('Sensate focus, stage 3', 'specific_suggestions', 'Graded return to intercourse.', 4),
    ('Stop-start', 'specific_suggestions', '', 5),
    ('Squeeze technique', 'specific_suggestions', '', 6),
    ('Directed masturbation', 'specific_suggestions', '', 7),
    ('Graded dilation or finger exposure', 'specific_suggestions', '', 8),
    ('Pelvic-floor physiotherapy referral', 'specific_suggestions', '', 9),
    ('CBT for performance anxiety', 'intensive_therapy', '', 10),
    ('Mindfulness-based sex therapy', 'intensive_therapy', '', 11),
    ('Couple communication work', 'intensive_therapy', '', 12),
    ('Work on unfinished business', 'intensive_therapy', '', 13),
    ('Medical collaboration', 'limited_information', '', 14),
    ('Trauma-focused work first', 'intensive_therapy', '', 15),
    ('Permission giving', 'permission', 'Normalising thoughts, feelings and behaviours.', 16);

CREATE TABLE plan (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES case_file(id),
    version INTEGER NOT NULL CHECK (version >= 1),
    formulation_id INTEGER NOT NULL REFERENCES formulation(id),
    review_on TEXT NOT NULL CHECK (length(review_on) = 10),
    discussed_on TEXT CHECK (length(discussed_on) = 10),
    disagreement TEXT,
    revision_reason TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (case_id, version)
) STRICT;

CREATE TABLE plan_agreement (
    plan_id INTEGER NOT NULL REFERENCES plan(id),
    person_id INTEGER NOT NULL REFERENCES person(id),
    PRIMARY KEY (plan_id, person_id)
) STRICT;

CREATE TABLE plan_goal (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan(id),
    position INTEGER NOT NULL,
    description TEXT NOT NULL CHECK (length(description) >= 1),
    measure TEXT NOT NULL CHECK (length(measure) BETWEEN 1 AND 200),
    target TEXT NOT NULL CHECK (length(target) BETWEEN 1 AND 200),
    target_on TEXT NOT NULL CHECK (length(target_on) = 10),
    status TEXT NOT NULL CHECK (status IN ('active', 'achieved', 'revised', 'discontinued')),
    status_reason TEXT,
    UNIQUE (plan_id, position),
    CHECK (status IN ('active', 'achieved') OR status_reason IS NOT NULL)
) STRICT;

CREATE TABLE plan_intervention (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan(id),
    position INTEGER NOT NULL,
    catalogue_id INTEGER REFERENCES intervention_catalogue(id),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    plissit TEXT NOT NULL CHECK (plissit IN ('permission', 'limited_information', 'specific_suggestions', 'intensive_therapy')),
    homework TEXT,
    UNIQUE (plan_id, position)
) STRICT;

CREATE TABLE plan_intervention_goal (
    intervention_id INTEGER NOT NULL REFERENCES plan_intervention(id),
    goal_id INTEGER NOT NULL REFERENCES plan_goal(id),
    PRIMARY KEY (intervention_id, goal_id)
) STRICT;

-- session: session notes of every kind, their structured lists, and private process notes.
CREATE TABLE session_note (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES case_file(id),
    kind TEXT NOT NULL CHECK (kind IN ('intake', 'individual', 'partner', 'couples')),
    format TEXT NOT NULL CHECK (format IN ('soap', 'dap', 'birp')),
    held_on TEXT NOT NULL CHECK (length(held_on) = 10),
    starts_at TEXT NOT NULL CHECK (length(starts_at) = 5),
    ends_at TEXT NOT NULL CHECK (length(ends_at) = 5),
    modality TEXT NOT NULL CHECK (modality IN ('in_person', 'telehealth')),
    others_present TEXT CHECK (length(others_present) <= 200),
    subjective TEXT,
    objective TEXT,
    data TEXT,
    behaviour TEXT,
    intervention TEXT,
    response TEXT,
    assessment TEXT,
    plan TEXT,
    homework_reviewed TEXT,
    homework_set TEXT,
    measures_given TEXT,
    risk_screen TEXT NOT NULL CHECK (risk_screen IN ('not_screened', 'none_identified', 'low', 'moderate', 'high')),
    risk_action TEXT,
    medical_updates TEXT,
    next_appointment TEXT CHECK (length(next_appointment) = 16),
    signed_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (ends_at > starts_at),
    CHECK (format = 'soap' OR (subjective IS NULL AND objective IS NULL)),
    CHECK (format = 'dap' OR data IS NULL),
    CHECK (format = 'birp' OR (behaviour IS NULL AND intervention IS NULL AND response IS NULL)),
    CHECK (format <> 'birp' OR assessment IS NULL),
    CHECK (risk_screen IN ('not_screened', 'none_identified') OR risk_action IS NOT NULL)
) STRICT;
CREATE INDEX session_note_by_case ON session_note (case_id, held_on, starts_at);

CREATE TABLE session_present (
    session_id INTEGER NOT NULL REFERENCES session_note(id),
    person_id INTEGER NOT NULL REFERENCES person(id),
    PRIMARY KEY (session_id, person_id)
) STRICT;

CREATE TABLE session_goal (
    session_id INTEGER NOT NULL REFERENCES session_note(id),
    goal_id INTEGER NOT NULL REFERENCES plan_goal(id),
    PRIMARY KEY (session_id, goal_id)
) STRICT;

CREATE TABLE session_intervention (
    session_id INTEGER NOT NULL REFERENCES session_note(id),
    position INTEGER NOT NULL,
    catalogue_id INTEGER REFERENCES intervention_catalogue(id),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    PRIMARY KEY (session_id, position)
) STRICT;

CREATE TABLE process_note (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES case_file(id),
    session_id INTEGER REFERENCES session_note(id),
    written_on TEXT NOT NULL CHECK (length(written_on) = 10),
    body TEXT NOT NULL CHECK (length(body) >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- drafts: autosaved editor text, one per editor key.
CREATE TABLE draft (
    editor_key TEXT PRIMARY KEY CHECK (length(editor_key) BETWEEN 1 AND 200),
    body TEXT NOT NULL,
    saved_at TEXT NOT NULL
) STRICT;
