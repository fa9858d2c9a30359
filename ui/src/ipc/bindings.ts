// Generated from the Rust types in crates/casebook-core by `make bindings`. Do not edit.

export type AddendumId = number;

export type AddendumInput = { 
/**
 * Why the correction is made.
 */
reason: string, 
/**
 * The correction itself; at most 1 MB.
 */
body: string, };

export type AddendumView = { id: AddendumId, record: RecordRef, caseId: CaseId, reason: string, body: string, 
/**
 * The therapist's calendar day it was written.
 */
writtenOn: string, signedAt: string, signedBy: string, };

export type AdministrationId = number;

export type AdministrationInput = { 
/**
 * Whose scores these are: the client, or the partner.
 */
personId: PersonId, 
/**
 * The measure's code, from the catalogue.
 */
measure: string, givenOn: string, 
/**
 * The session it was given in, if any: same case, same date, attended by the person.
 */
sessionId?: SessionId | null, 
/**
 * A reproducible measure: one answer per item (0 for the first answer), none missing.
 */
answers: Array<number | null>, 
/**
 * A score-entry measure: the total.
 */
total?: Points | null, 
/**
 * A score-entry measure with subscales: any of their totals.
 */
subscales: Array<SubscaleInput>, 
/**
 * What was done about a risk the answers raised (PHQ-9 item 9 above 0); required then, and
 * only then.
 */
riskAction?: string | null, 
/**
 * Sign it as it is saved.
 */
sign: boolean, };

export type AdministrationView = { id: AdministrationId, caseId: CaseId, personId: PersonId, whose: Whose, measure: string, measureName: string, givenOn: string, sessionId: SessionId | null, total: Points, 
/**
 * The band of the total, in the measure's own words.
 */
band: string | null, 
/**
 * A reproducible measure's answers, one per item; empty for score entry.
 */
answers: Array<number>, subscales: Array<SubscaleScore>, 
/**
 * The answers raised the measure's risk prompt (PHQ-9 item 9 above 0).
 */
riskRaised: boolean, 
/**
 * The item that raised it, numbered from 1 as the form numbers it (9 for PHQ-9).
 */
riskItem: number | null, riskAction: string | null, signedAt: string | null, signedBy: string | null, };

export type AgeBand = "under_18" | "18_24" | "25_34" | "35_44" | "45_54" | "55_64" | "65_plus";

export type AuditAction = "notebook_created" | "unlocked" | "recovery_unlocked" | "unlock_failed" | "locked" | "auto_locked" | "passphrase_changed" | "recovery_code_replaced" | "created" | "edited" | "signed" | "addendum_added" | "consent_recorded" | "consent_withdrawn" | "case_closed" | "case_reopened" | "exported" | "exported_identified" | "backed_up" | "restored";

export type AuditEntryView = { 
/**
 * Its place in the chain, from 1.
 */
seq: number, at: string, action: AuditAction, table: AuditTable | null, recordId: number | null, caseId: CaseId | null, 
/**
 * How many (failed unlocks, records exported).
 */
count: number | null, 
/**
 * One line for the therapist, for example "Signed the session note of 12 Mar 2025". Names
 * people (for the window only; no export uses it), never what a record says.
 */
summary: string, };

export type AuditPage = { entries: Array<AuditEntryView>, 
/**
 * From 0.
 */
page: number, pageSize: number, 
/**
 * Entries in the whole log.
 */
total: number, };

export type AuditTable = "case_file" | "person" | "consent" | "case_event" | "rule_out" | "referral" | "practitioner" | "diagnosis" | "diagnosis_catalogue" | "intake" | "formulation" | "factor_vocabulary" | "plan" | "intervention_catalogue" | "session_note" | "process_note" | "addendum" | "settings" | "key_file" | "measure_administration" | "custom_measure";

export type BackupFileView = { fileName: string, madeAt: string, appVersion: string, bytes: number, };

export type BackupMade = { file: string, bytes: number, madeAt: string, 
/**
 * Old backups removed to keep the chosen number.
 */
removed: number, tookMs: number, };

export type BackupPreferences = { 
/**
 * How many backups to keep in the folder (older ones are removed).
 */
keep: number, 
/**
 * Days after which the home screen asks for a backup.
 */
warnAfterDays: number, };

export type BackupStatus = { 
/**
 * The chosen folder, if any.
 */
folder: string | null, 
/**
 * The drive or folder name to show ("USB DISK").
 */
place: string | null, 
/**
 * The folder is there now (a drive may be unplugged).
 */
folderAvailable: boolean, keep: number, warnAfterDays: number, 
/**
 * The last backup that was verified, if any.
 */
last: LastBackup | null, 
/**
 * There are changes no backup holds yet.
 */
changedSinceLast: boolean, 
/**
 * The home screen should ask for a backup: none yet, too old, or the folder is missing.
 */
overdue: boolean, };

export type BandInput = { from: Points, to: Points, label: string, };

export type BandView = { from: Points, to: Points, label: string, };

export type Block = { "type": "paragraph", text: Text, } | { "type": "passage", label: string, text: Text, } | { "type": "fields", fields: Array<Field>, } | { "type": "table", table: Table, } | { "type": "list", items: Array<Text>, } | { "type": "subheading", text: Text, } | { "type": "remark", text: string, } | { "type": "measures", measures: Measures, } | { "type": "writing_space", prompts: Array<string>, };

export type CaseDetails = { 
/**
 * Codes from [`list_difficulties`]; at least one.
 */
difficulties: Array<string>, 
/**
 * What "other" means here, in a line.
 */
otherDifficulty?: string | null, referralSource?: string | null, 
/**
 * Whether the client has a partner (partner involvement still needs the client's consent).
 */
hasPartner: boolean, };

export type CaseEvent = { kind: CaseEventKind, onDate: string, closingReason: ClosingReason | null, reason: string | null, dischargeSummary: string | null, };

export type CaseEventKind = "closed" | "reopened";

export type CaseFilter = { status?: CaseStatus | null, stage?: CaseStage | null, 
/**
 * A part of the client's or the partner's name.
 */
name?: string | null, };

export type CaseId = number;

export type CaseListItem = { id: CaseId, clientName: string, partnerName: string | null, difficulties: Array<Difficulty>, status: CaseStatus, stage: CaseStage, firstContactOn: string, 
/**
 * The next session, for an open case (a closed case has none).
 */
nextAppointment: string | null, reviewOn: string | null, reviewOverdue: boolean, 
/**
 * Session notes not signed yet.
 */
unsignedNotes: number, };

export type CaseListPage = { 
/**
 * The first `limit` cases that match, in the list's order.
 */
items: Array<CaseListItem>, 
/**
 * How many cases match in all.
 */
total: number, };

export type CaseMeasures = { 
/**
 * Newest first.
 */
administrations: Array<AdministrationView>, 
/**
 * One per measure and person, in catalogue order, the client first.
 */
trends: Array<Trend>, };

export type CaseStage = "first_contact" | "intake" | "assessment" | "formulation" | "plan" | "ongoing" | "closed";

export type CaseStatus = "open" | "closed";

export type CaseView = { id: CaseId, client: PersonView, partner: PartnerView | null, difficulties: Array<Difficulty>, otherDifficulty: string | null, referralSource: string | null, hasPartner: boolean, firstContactOn: string, status: CaseStatus, stage: CaseStage, 
/**
 * Intake, partner involvement, medical liaison, formulation, plan, sessions, closing.
 */
steps: Array<WorkflowStep>, partnerConsent: PartnerConsentState, ruleOutStatus: RuleOutStatus, 
/**
 * Shown on the formulation and the plan while medical causes are not ruled out.
 */
medicalReminder: string | null, reviewOn: string | null, reviewOverdue: boolean, 
/**
 * The next session, for an open case (a closed case has none).
 */
nextAppointment: string | null, sessionCount: number, 
/**
 * Session notes not signed yet (a closed case's too: signing is not editing).
 */
unsignedNotes: number, 
/**
 * Measures given and not yet signed.
 */
unsignedMeasures: number, retention: Retention, 
/**
 * Closings and reopenings, oldest first.
 */
history: Array<CaseEvent>, };

export type CatalogueCode = { system: CodeSystem, code: string, verified: boolean, };

export type CatalogueEntry = { id: CatalogueEntryId, 
/**
 * The presenting difficulty it usually goes with.
 */
difficulty: string | null, name: string, 
/**
 * A paraphrased hint, never criteria text.
 */
hint: string, codes: Array<CatalogueCode>, retired: boolean, };

export type CatalogueEntryId = number;

export type CatalogueEntryInput = { difficulty?: string | null, name: string, hint?: string | null, codes: Array<CatalogueCode>, retired: boolean, };

export type ChangeSense = "better" | "worse";

export type ChartBand = { from: number, to: number, label: string, };

export type ChartPoint = { week: number, score: number, };

export type CheckKind = "database_integrity" | "cipher_integrity" | "audit_chain" | "record_guards";

export type CheckOutcome = { check: CheckKind, passed: boolean, 
/**
 * One line for the therapist.
 */
summary: string, 
/**
 * What was found, at most 20 lines (page numbers, entry numbers; never content).
 */
problems: Array<string>, 
/**
 * What to do, when it failed.
 */
advice: string | null, };

export type CloseCase = { 
/**
 * Not in the future, not before the last session.
 */
closedOn: string, reason: ClosingReason, 
/**
 * Required when the reason is `other`.
 */
reasonNote?: string | null, dischargeSummary: string, 
/**
 * Unsigned session notes to sign as the case closes, each with its late reason where one is
 * needed. A case closes only when none is left unsigned: a closed record is final.
 */
signNotes: Array<NoteToSign>, };

export type ClosingReason = "goals_achieved" | "client_ended" | "referred_on" | "lost_contact" | "other";

export type Code = { system: CodeSystem, code: string, };

export type CodeSystem = "icd10_who" | "icd10_cm" | "icd11";

export type ConsentId = number;

export type ConsentInput = { 
/**
 * The client, or the partner. Partner involvement is given by the client; the partner's own
 * consent by the partner.
 */
givenBy: PersonId, terms: ConsentTerms, givenOn: string, expiresOn?: string | null, method: ConsentMethod, note?: string | null, };

export type ConsentKind = "treatment" | "processing_notice" | "partner_involvement" | "partner_own" | "release_of_information" | "supervision_use";

export type ConsentMethod = "written" | "verbal" | "electronic";

export type ConsentStatus = "active" | "superseded" | "expired" | "withdrawn";

export type ConsentTerms = { "kind": "treatment" } | { "kind": "processing_notice" } | { "kind": "partner_involvement", 
/**
 * What may and may not be shared from individual sessions.
 */
scope: string, secretsPolicy: SecretsPolicy, } | { "kind": "partner_own", role: PartnerRole, } | { "kind": "release_of_information", recipient: PractitionerId, 
/**
 * What is shared with the recipient.
 */
sharedInformation: string, } | { "kind": "supervision_use" };

export type ConsentView = { id: ConsentId, caseId: CaseId, givenBy: PersonId, terms: ConsentTerms, version: number, givenOn: string, expiresOn: string | null, method: ConsentMethod, note: string | null, withdrawnOn: string | null, withdrawalReason: string | null, status: ConsentStatus, recordedAt: string, };

export type Context = "generalized" | "situational";

export type Course = "lifelong" | "acquired";

export type CustomMeasureInput = { name: string, 
/**
 * What it measures, in a few words.
 */
construct: string, min: Points, max: Points, 
/**
 * The smallest step between two scores: 1, 0.1 or 0.01.
 */
step: Points, direction: Direction, 
/**
 * Lowest first, from the minimum to the maximum without gaps.
 */
bands: Array<BandInput>, meaningfulChange?: Points | null, };

export type DateFormat = "system" | "day_month_year" | "iso" | "dmy_numeric" | "mdy_numeric";

export type DemoNotebookView = { 
/**
 * Shown on screen: the demo holds no real client data.
 */
passphrase: string, folder: string, cases: number, };

export type DiagnosisId = number;

export type DiagnosisInput = { 
/**
 * The client or the partner.
 */
person: PersonId, 
/**
 * The catalogue entry it was picked from, if any.
 */
catalogueEntry?: CatalogueEntryId | null, name: string, code: Code, status: DiagnosisStatus, course?: Course | null, context?: Context | null, severity?: Severity | null, note?: string | null, recordedOn: string, };

export type DiagnosisStatus = "provisional" | "confirmed" | "ruled_out" | "resolved";

export type DiagnosisView = { id: DiagnosisId, caseId: CaseId, person: PersonId, catalogueEntry: CatalogueEntryId | null, name: string, code: Code, status: DiagnosisStatus, course: Course | null, context: Context | null, severity: Severity | null, note: string | null, recordedOn: string, };

export type Difficulty = { code: string, label: string, };

export type Direction = "higher_is_worse" | "higher_is_better";

export type DraftInfo = { editorKey: string, savedAt: string, bytes: number, };

export type DraftView = { editorKey: string, body: string, savedAt: string, };

export type DueItem = { "kind": "note_to_sign", caseId: CaseId, clientName: string, sessionId: SessionId, sessionKind: SessionKind, heldOn: string, lateAt: string, late: boolean, 
/**
 * The case is closed; its notes can still be signed.
 */
caseClosed: boolean, } | { "kind": "measure_to_sign", caseId: CaseId, clientName: string, administrationId: AdministrationId, measureName: string, givenOn: string, caseClosed: boolean, } | { "kind": "plan_review", caseId: CaseId, clientName: string, reviewOn: string, overdue: boolean, } | { "kind": "draft", caseId: CaseId, clientName: string, 
/**
 * Which form: `intake`, `formulation`, `plan`, `session`, `consent`, `release`,
 * `referral`, `ruleout`, `diagnosis`, `process`, `closing`, `reopen`, `addendum`, or
 * `other`.
 */
form: string, 
/**
 * For a draft of an existing session note (or an addendum to one).
 */
sessionId: SessionId | null, savedAt: string, } | { "kind": "consent_expiring", caseId: CaseId, clientName: string, consentKind: ConsentKind, expiresOn: string, expired: boolean, } | { "kind": "awaiting_rule_out", caseId: CaseId, clientName: string, status: RuleOutStatus, since: string, 
/**
 * Whole weeks since then, on the engine's calendar.
 */
weeksWaiting: number, } | { "kind": "backup", lastMadeAt: string | null, warnAfterDays: number, };

export type DueList = { items: Array<DueItem>, 
/**
 * Unsigned session notes in the whole notebook; the items list the oldest
 * [`NOTES_LISTED`] of them.
 */
unsignedNotes: number, };

export type ErrorKind = "locked" | "wrong_passphrase" | "throttled" | "not_found" | "invalid" | "workflow" | "conflict" | "storage" | "corrupt" | "incompatible";

export type ErrorReply = { "kind": "locked", message: string, } | { "kind": "wrong_passphrase", message: string, } | { "kind": "throttled", message: string, 
/**
 * Seconds to wait before the next attempt.
 */
retryAfterSecs: number, } | { "kind": "not_found", message: string, } | { "kind": "invalid", message: string, 
/**
 * The input field at fault, as the page named it.
 */
field: string, } | { "kind": "workflow", message: string, 
/**
 * The rule that was broken.
 */
rule: Rule, } | { "kind": "conflict", message: string, } | { "kind": "storage", message: string, } | { "kind": "corrupt", message: string, } | { "kind": "incompatible", message: string, };

export type ExportFormat = "pdf" | "markdown";

export type ExportResult = { format: ExportFormat, identification: Identification, bytes: number, redactions: number, };

export type Factor = { 
/**
 * The vocabulary term it came from; none for a free entry.
 */
term?: FactorTermId | null, label: string, p: FourP, domain: FactorDomain, note?: string | null, };

export type FactorDomain = "biological" | "psychological" | "relational_social";

export type FactorTerm = { id: FactorTermId, label: string, usualP: FourP | null, usualDomain: FactorDomain | null, };

export type FactorTermId = number;

export type FactorTermInput = { label: string, usualP?: FourP | null, usualDomain?: FactorDomain | null, };

export type Field = { label: string, value: Text, };

export type FormulationId = number;

export type FormulationInput = { 
/**
 * Specific and behavioural.
 */
problemStatement: string, factors: Array<Factor>, 
/**
 * The maintaining cycle.
 */
nodalPoint?: string | null, biomedicalNote?: string | null, 
/**
 * Which link of the cycle treatment targets first.
 */
treatmentImplications?: string | null, sharedOn?: string | null, sharedResponse?: string | null, 
/**
 * What changed since the previous version.
 */
revisionReason?: string | null, };

export type FormulationView = { id: FormulationId, caseId: CaseId, version: number, problemStatement: string, factors: Array<Factor>, nodalPoint: string | null, 
/**
 * The rule-out status when this version was saved.
 */
biomedicalStatus: RuleOutStatus, biomedicalNote: string | null, treatmentImplications: string | null, sharedOn: string | null, sharedResponse: string | null, revisionReason: string | null, createdAt: string, 
/**
 * Filled by signing (`record::sign_record`); a signed version no longer changes.
 */
signedAt: string | null, 
/**
 * From the case's rule-out status now: shown while medical causes are not ruled out.
 */
medicalReminder: string | null, };

export type FourP = "predisposing" | "precipitating" | "perpetuating" | "protective";

export type FullExportResult = { 
/**
 * The new folder.
 */
folder: string, cases: number, files: number, bytes: number, };

export type GoalId = number;

export type GoalInput = { description: string, 
/**
 * How progress is measured.
 */
measure: string, target: string, targetOn: string, status: GoalStatus, 
/**
 * Required when revised or discontinued.
 */
statusReason?: string | null, 
/**
 * A measure from the catalogue that tracks this goal, with the score it aims for: at least
 * it when higher is better, at most it when higher is worse. Both or neither.
 */
targetMeasure?: string | null, targetScore?: Points | null, };

export type GoalProgress = { personId: PersonId, whose: Whose, baseline: Points, latest: Points, latestOn: string, 
/**
 * The latest score reaches the target (at least it, or at most it, by the measure's
 * direction).
 */
met: boolean, };

export type GoalStatus = "active" | "achieved" | "revised" | "discontinued";

export type GoalView = { id: GoalId, description: string, measure: string, target: string, targetOn: string, status: GoalStatus, statusReason: string | null, targetMeasure: string | null, targetScore: Points | null, 
/**
 * Progress towards the target score, per person given the measure.
 */
progress: Array<GoalProgress>, };

export type Identification = "de_identified" | "identified";

export type IntakeInput = { sections: IntakeSections, 
/**
 * Completes (signs off) the intake with this save; afterwards it no longer changes.
 */
complete: boolean, 
/**
 * Signs it too, with the therapist's name from Settings: the formulation needs a signed
 * intake (DOMAIN.md section 2). Only with `complete`.
 */
sign: boolean, };

export type IntakeSectionInfo = { 
/**
 * The field name in [`IntakeSections`].
 */
key: string, title: string, prompts: string, required: boolean, };

export type IntakeSections = { 
/**
 * Required: the presenting problem in the client's own words.
 */
presentingProblem: string, onsetCourse?: string | null, lifelongOrAcquired?: string | null, generalizedOrSituational?: string | null, phasesAffected?: string | null, distress?: string | null, psychologicalFunctioning?: string | null, relationship?: string | null, partnerViolenceScreen?: string | null, developmentalHistory?: string | null, bodyImage?: string | null, medical?: string | null, mentalHealthRisk?: string | null, trauma?: string | null, strengths?: string | null, goalsExpectations?: string | null, };

export type IntakeView = { caseId: CaseId, sections: IntakeSections, completedAt: string | null, 
/**
 * Filled by signing (`record::sign_record`); the signature is in `record::get_signing`.
 */
signedAt: string | null, updatedAt: string, };

export type InterventionEntry = { id: InterventionEntryId, name: string, plissit: Plissit, description: string, };

export type InterventionEntryId = number;

export type InterventionEntryInput = { name: string, plissit: Plissit, description?: string | null, };

export type InterventionInput = { 
/**
 * The catalogue entry, if picked from it.
 */
entry?: InterventionEntryId | null, name: string, 
/**
 * The catalogue's level when omitted; required for a free entry.
 */
plissit?: Plissit | null, 
/**
 * Positions (from 0) in the plan's `goals` that this intervention serves.
 */
goals: Array<number>, homework?: string | null, };

export type InterventionView = { entry: InterventionEntryId | null, name: string, plissit: Plissit, goals: Array<GoalId>, homework: string | null, };

export type LastBackup = { 
/**
 * RFC 3339, UTC.
 */
madeAt: string, file: string, bytes: number, place: string, };

export type LetterExport = { referral: ReferralId, presentingProblem: string, relevantHistory?: string | null, question: string, paper: PaperSize, };

export type LetterSection = { title: string, text: string, };

export type Licence = "reproducible" | "score_entry";

export type MeasureChart = { min: number, max: number, higherIsBetter: boolean, 
/**
 * Lowest first, covering the range.
 */
bands: Array<ChartBand>, 
/**
 * Oldest first; the first is the baseline, the last the latest.
 */
points: Array<ChartPoint>, };

export type MeasureRow = { 
/**
 * "PHQ-9 (depression)".
 */
measure: string, 
/**
 * "Client" or "Partner" (or the name, identified).
 */
person: string, 
/**
 * The first score, its band and when: "18 (Moderately severe), week 2".
 */
baseline: string | null, 
/**
 * The latest score, when there is more than one: "9 (Mild), week 14".
 */
current: string | null, 
/**
 * The band of the latest score, in the measure's own words.
 */
band: string | null, 
/**
 * The change from baseline, and whether it is the measure's own clinically meaningful
 * change: "-9, a meaningful improvement (5 points or more)".
 */
change: string | null, chart: MeasureChart, };

export type MeasureView = { code: string, name: string, construct: string, licence: Licence, direction: Direction, min: Points, max: Points, step: Points, 
/**
 * The measure's own published bands (or the therapist's, for a custom measure), lowest
 * first, covering the range without gaps.
 */
bands: Array<BandView>, meaningfulChange: Points | null, stem: string, 
/**
 * Item text, for a reproducible measure only.
 */
items: Array<string>, answers: Array<string>, 
/**
 * The item (from 0) whose answer above 0 raises a risk prompt.
 */
riskItem: number | null, subscales: Array<SubscaleView>, 
/**
 * Added by the therapist.
 */
custom: boolean, };

export type Measures = { rows: Array<MeasureRow>, };

export type MedicalView = { status: RuleOutStatus, 
/**
 * Shown while medical causes are not ruled out.
 */
reminder: string | null, 
/**
 * Status changes, oldest first.
 */
history: Array<RuleOutEntry>, referrals: Array<ReferralView>, };

export type Modality = "in_person" | "telehealth";

export type NewCase = { client: PersonInput, 
/**
 * The date of first contact; not in the future.
 */
firstContactOn: string, 
/**
 * Codes from [`list_difficulties`]; at least one.
 */
difficulties: Array<string>, otherDifficulty?: string | null, referralSource?: string | null, hasPartner: boolean, };

export type NoteBody = { "format": "soap", subjective?: string | null, objective?: string | null, assessment?: string | null, plan?: string | null, } | { "format": "dap", data?: string | null, assessment?: string | null, plan?: string | null, } | { "format": "birp", behaviour?: string | null, intervention?: string | null, response?: string | null, plan?: string | null, };

export type NoteFormat = "soap" | "dap" | "birp";

export type NoteToSign = { sessionId: SessionId, 
/**
 * Why it is signed late; required when it is.
 */
lateReason?: string | null, };

export type NotebookStatus = { 
/**
 * A notebook exists at the location (a key file, its copy or a database is there): the lock
 * screen offers to unlock it, never to create one over it.
 */
exists: boolean, unlocked: boolean, 
/**
 * The notebook folder, shown on the lock screen so the therapist knows which one this is.
 */
folder: string, 
/**
 * The fictional demo notebook, not the therapist's own.
 */
demo: boolean, };

export type PaperSize = "a4" | "letter";

export type PartnerConsentState = "never_given" | "active" | "withdrawn" | "expired";

export type PartnerRole = "co_client" | "collateral";

export type PartnerView = { person: PersonView, 
/**
 * From the partner's own consent, if given.
 */
role: PartnerRole | null, ownConsentActive: boolean, };

export type PassphraseStrength = "very_weak" | "weak" | "fair" | "good" | "strong";

export type PersonId = number;

export type PersonInput = { fullName: string, pronouns?: string | null, 
/**
 * Either a date of birth or an age band, not both.
 */
dateOfBirth?: string | null, ageBand?: AgeBand | null, phone?: string | null, email?: string | null, address?: string | null, 
/**
 * The client lacks mental capacity: the record is kept for life (South Africa profile).
 */
lacksCapacity: boolean, };

export type PersonView = { id: PersonId, fullName: string, pronouns: string | null, dateOfBirth: string | null, ageBand: AgeBand | null, phone: string | null, email: string | null, address: string | null, lacksCapacity: boolean, };

export type PlanId = number;

export type PlanInput = { goals: Array<GoalInput>, interventions: Array<InterventionInput>, 
/**
 * Required: when the plan will be reviewed (today or later).
 */
reviewOn?: string | null, discussedOn?: string | null, 
/**
 * The people who agreed to the plan (the client, the partner).
 */
agreedBy: Array<PersonId>, disagreement?: string | null, revisionReason?: string | null, };

export type PlanView = { id: PlanId, caseId: CaseId, version: number, 
/**
 * The formulation version the plan was made from.
 */
formulationId: FormulationId, goals: Array<GoalView>, interventions: Array<InterventionView>, reviewOn: string, reviewOverdue: boolean, discussedOn: string | null, agreedBy: Array<PersonId>, disagreement: string | null, revisionReason: string | null, createdAt: string, 
/**
 * Filled by signing (`record::sign_record`); a signed version no longer changes.
 */
signedAt: string | null, 
/**
 * From the case's rule-out status now: shown while medical causes are not ruled out.
 */
medicalReminder: string | null, };

export type Plissit = "permission" | "limited_information" | "specific_suggestions" | "intensive_therapy";

export type Points = number;

export type PractitionerId = number;

export type PractitionerInput = { kind: PractitionerKind, name: string, practice?: string | null, phone?: string | null, email?: string | null, address?: string | null, };

export type PractitionerKind = "gp" | "urologist" | "gynaecologist" | "endocrinologist" | "physiotherapist" | "other";

export type PractitionerView = { id: PractitionerId, kind: PractitionerKind, name: string, practice: string | null, phone: string | null, email: string | null, address: string | null, };

export type PreviousNote = { id: SessionId, kind: SessionKind, heldOn: string, startsAt: string, endsAt: string, modality: Modality, 
/**
 * What it set: this session's homework to review.
 */
homeworkSet: string | null, 
/**
 * The appointment it booked: perhaps this session.
 */
nextAppointment: string | null, };

export type ProcessNoteId = number;

export type ProcessNoteInput = { 
/**
 * The session it is about, if any.
 */
session?: SessionId | null, writtenOn: string, 
/**
 * At most 1 MB.
 */
body: string, };

export type ProcessNoteView = { id: ProcessNoteId, caseId: CaseId, session: SessionId | null, writtenOn: string, body: string, createdAt: string, updatedAt: string, };

export type RecordRef = { "kind": "session_note", "id": SessionId } | { "kind": "intake", "id": CaseId } | { "kind": "formulation", "id": FormulationId } | { "kind": "plan", "id": PlanId } | { "kind": "measure", "id": AdministrationId };

export type RecoveryCodeView = { 
/**
 * Eight groups of four characters.
 */
groups: Array<string>, };

export type Redaction = { 
/**
 * Stable across previews of the same content: pass it back to undo this redaction.
 */
id: string, 
/**
 * What was found, shown in the preview only (never rendered).
 */
original: string, replacement: string, reason: RedactionReason, 
/**
 * Why, in a therapist's words ("Client's name").
 */
why: string, 
/**
 * A flag the therapist has not decided: the text still reads as written ("original"), and
 * accepting it (redact) or undoing it (keep) is required before the export.
 */
flagged: boolean, 
/**
 * Where in the text it was found: character offsets in the recorded text.
 */
start: number, end: number, };

export type RedactionReason = "name" | "other_name" | "place" | "phone" | "email" | "web_address" | "ip_address" | "date" | "number" | "age" | "therapist_choice" | "unknown";

export type ReferralId = number;

export type ReferralInput = { practitioner: PractitionerId, referredOn: string, 
/**
 * What the practitioner is asked to assess.
 */
reason: string, note?: string | null, };

export type ReferralLetterDraft = { referral: ReferralId, recipientName: string, recipientKind: PractitionerKind, 
/**
 * What the client's consent says may be shared with this practitioner.
 */
consentCovers: string, consentGivenOn: string, presentingProblem: string, relevantHistory: string, 
/**
 * The question for the doctor: the referral's reason.
 */
question: string, 
/**
 * The other intake sections the therapist may add to the history, with their text (the
 * partner's data already left out).
 */
historyOptions: Array<LetterSection>, 
/**
 * Whether the partner's own release for this recipient is active: without it the partner's
 * data stays out of the letter.
 */
partnerRelease: boolean, };

export type ReferralView = { id: ReferralId, caseId: CaseId, practitioner: PractitionerId, 
/**
 * The release-of-information consent the referral relied on.
 */
consentId: ConsentId, referredOn: string, reason: string, note: string | null, };

export type ReopenCase = { reopenedOn: string, reason: string, };

export type RestoreCredential = { "kind": "passphrase", passphrase: string, } | { "kind": "recoveryCode", recoveryCode: string, newPassphrase: string, };

export type RestoreDone = { 
/**
 * Where the replaced notebook was moved, if there was one.
 */
setAside: string | null, status: NotebookStatus, };

export type RestorePreview = { fileName: string, madeAt: string, appVersion: string, schemaVersion: number, 
/**
 * The backup file's size.
 */
bytes: number, cases: number, openCases: number, 
/**
 * Session notes and process notes.
 */
notes: number, 
/**
 * The most recent change it holds (RFC 3339), from its audit trail.
 */
lastChangeAt: string | null, 
/**
 * A notebook is in the folder now and will be kept aside.
 */
replacesANotebook: boolean, 
/**
 * The backup is of the notebook in the folder (same key file id); false for another one or
 * when there is none.
 */
sameNotebook: boolean, };

export type Retention = { profile: RetentionProfile, 
/**
 * The last session, closing or first contact, whichever is latest.
 */
lastContactOn: string, 
/**
 * `None` when kept for life, or when a minor's date of birth is missing.
 */
retainUntil: string | null, forLife: boolean, 
/**
 * One sentence for the therapist: which rule gave the date.
 */
basis: string, };

export type RetentionProfile = "south_africa" | "apa";

export type RiskScreen = "not_screened" | "none_identified" | "low" | "moderate" | "high";

export type Rule = "intake_first" | "partner_involvement_consent" | "couples_session_consent" | "partner_own_consent" | "no_partner" | "partner_not_added" | "release_consent" | "formulation_needs_intake" | "plan_needs_formulation" | "plan_review_date" | "closed_case_read_only" | "unsigned_notes" | "unsigned_measures" | "reopen_needs_reason" | "case_already_open" | "intake_completed" | "consent_not_current" | "note_signed" | "signer_name_missing" | "already_signed" | "late_note_reason" | "addendum_needs_final" | "record_final";

export type RuleOutEntry = { status: RuleOutStatus, onDate: string, note: string | null, recordedAt: string, };

export type RuleOutInput = { status: RuleOutStatus, onDate: string, note?: string | null, };

export type RuleOutStatus = "not_assessed" | "referred" | "awaiting_result" | "contributing" | "ruled_out";

export type SearchHit = { caseId: CaseId, clientName: string, caseStatus: CaseStatus, kind: SearchKind, 
/**
 * The record's id (for an intake, the case's id).
 */
recordId: number, 
/**
 * For an addendum, the record it corrects: `session_note`, `intake`, `formulation`, `plan`.
 */
parentKind: string | null, parentId: number | null, 
/**
 * The field the words are in, as stored (`subjective`, `nodal_point`).
 */
field: string, 
/**
 * What the therapist calls the record and the field ("Session note", "Subjective").
 */
kindLabel: string, fieldLabel: string, dated: string, private: boolean, snippet: Array<SnippetPart>, };

export type SearchKind = "case" | "intake" | "session" | "formulation" | "plan" | "plan_goal" | "consent" | "referral" | "rule_out" | "addendum" | "process_note" | "case_event" | "diagnosis" | "measure";

export type SearchRequest = { 
/**
 * Words, "quoted phrases", prefixes (`vagin*`) and `OR`.
 */
text: string, 
/**
 * One case, or every case.
 */
caseId?: CaseId | null, 
/**
 * Only these kinds of record; none or empty means every kind.
 */
kinds?: Array<SearchKind> | null, 
/**
 * Records dated on or after this day.
 */
from?: string | null, 
/**
 * Records dated on or before this day.
 */
to?: string | null, 
/**
 * Open or closed cases only.
 */
status?: CaseStatus | null, 
/**
 * Search process notes too (they are private: off unless ticked).
 */
includeProcessNotes?: boolean | null, 
/**
 * At most this many hits (1 to [`MAX_HITS`], default 50).
 */
limit?: number | null, };

export type SearchResults = { hits: Array<SearchHit>, terms: Array<SearchTerm>, 
/**
 * More hits exist than were returned.
 */
more: boolean, 
/**
 * The words are in so many session notes that those were ranked among the newest
 * [`RANK_WINDOW`] that hold them (every other kind of record was ranked whole).
 */
recentOnly: boolean, };

export type SearchTerm = { 
/**
 * One word or a phrase's words, lower case, accents kept as typed.
 */
words: Array<string>, 
/**
 * The last word is a prefix.
 */
prefix: boolean, };

export type SecretsPolicy = "none" | "limited";

export type Section = { kind: SummarySection, title: string, blocks: Array<Block>, };

export type Segment = { text: string, 
/**
 * The id of the [`Redaction`] this segment stands for.
 */
redaction?: string | null, };

export type SessionId = number;

export type SessionInput = { kind: SessionKind, body: NoteBody, heldOn: string, startsAt: string, 
/**
 * After `startsAt`, the same day.
 */
endsAt: string, modality: Modality, 
/**
 * The client and/or the partner, as the kind requires.
 */
present: Array<PersonId>, 
/**
 * Anyone else present (an interpreter), in a line.
 */
othersPresent?: string | null, goalsAddressed: Array<GoalId>, interventionsUsed: Array<SessionIntervention>, homeworkReviewed?: string | null, homeworkSet?: string | null, measuresGiven?: string | null, riskScreen: RiskScreen, 
/**
 * Required when a risk was identified.
 */
riskAction?: string | null, medicalUpdates?: string | null, 
/**
 * After the session ends.
 */
nextAppointment?: string | null, };

export type SessionIntervention = { entry?: InterventionEntryId | null, name: string, };

export type SessionKind = "intake" | "individual" | "partner" | "couples";

export type SessionPrefill = { 
/**
 * The version of the plan the goals and interventions come from; `null` without a plan.
 */
planVersion: number | null, 
/**
 * The plan's active goals, in the plan's order.
 */
goals: Array<GoalView>, 
/**
 * The plan's interventions, in the plan's order.
 */
interventions: Array<InterventionView>, 
/**
 * The case's latest note (by date and start), if any.
 */
previous: PreviousNote | null, };

export type SessionSummary = { id: SessionId, kind: SessionKind, format: NoteFormat, heldOn: string, startsAt: string, endsAt: string, modality: Modality, riskScreen: RiskScreen, signed: boolean, 
/**
 * Who was present.
 */
present: Array<PersonId>, };

export type SessionView = { id: SessionId, caseId: CaseId, kind: SessionKind, body: NoteBody, heldOn: string, startsAt: string, endsAt: string, modality: Modality, present: Array<PersonId>, othersPresent: string | null, goalsAddressed: Array<GoalId>, interventionsUsed: Array<SessionIntervention>, homeworkReviewed: string | null, homeworkSet: string | null, measuresGiven: string | null, 
/**
 * The measures given in this session, with any risk their answers raised.
 */
measures: Array<AdministrationView>, riskScreen: RiskScreen, riskAction: string | null, medicalUpdates: string | null, nextAppointment: string | null, 
/**
 * Filled by signing (`record::sign_record`); a signed note no longer changes.
 */
signedAt: string | null, createdAt: string, updatedAt: string, };

export type Settings = { 
/**
 * The therapist's name as it appears on signatures.
 */
therapistName: string, 
/**
 * Minutes of inactivity before the notebook locks itself.
 */
autoLockMinutes: number, 
/**
 * The practice's name, for the letterhead of referral letters (may be empty).
 */
practiceName: string, 
/**
 * The therapist's professional registration number ("HPCSA PS 0123456"; may be empty).
 */
registrationNumber: string, 
/**
 * How a doctor reaches the practice: phone, email or address, a line each (may be empty).
 */
practiceContact: string, 
/**
 * How the window writes dates; a notebook or a caller from before the choice gets the default.
 */
dateFormat: DateFormat, };

export type Severity = "mild" | "moderate" | "severe";

export type SignInput = { 
/**
 * Why the note is signed late; required when it is.
 */
lateReason?: string | null, };

export type SignatureView = { signedAt: string, 
/**
 * The therapist's name in Settings when it was signed.
 */
signedBy: string, 
/**
 * Why a session note was signed late.
 */
lateReason: string | null, };

export type SigningView = { record: RecordRef, caseId: CaseId, 
/**
 * None while unsigned.
 */
signature: SignatureView | null, 
/**
 * The item no longer changes (signed, or an intake completed): show it locked.
 */
locked: boolean, 
/**
 * Signing it now needs a late reason.
 */
lateReasonRequired: boolean, 
/**
 * Addenda, oldest first.
 */
addenda: Array<AddendumView>, };

export type SnippetPart = { text: string, hit: boolean, };

export type StepKind = "intake" | "partner_involvement" | "medical_liaison" | "formulation" | "plan" | "sessions" | "closing";

export type StepState = "done" | "next" | "available" | "blocked" | "not_applicable" | "closed";

export type SubscaleInput = { code: string, score: Points, };

export type SubscaleScore = { code: string, name: string, score: Points, };

export type SubscaleView = { code: string, name: string, min: Points, max: Points, };

export type SummaryExport = { caseId: CaseId, options: SummaryOptions, format: ExportFormat, paper: PaperSize, 
/**
 * The fingerprint of the preview the therapist confirmed.
 */
fingerprint: string, };

export type SummaryOptions = { 
/**
 * What the therapist wants from supervision; required.
 */
question: string, 
/**
 * The sections to include (the question always is); shown in the domain's order whatever
 * the order here.
 */
sections: Array<SummarySection>, 
/**
 * Process notes (private impressions) are left out unless this is set.
 */
includeProcessNotes: boolean, identification: Identification, 
/**
 * The session notes in full after the one-line-a-session course (left out unless set).
 */
fullNotes: boolean, 
/**
 * With `full_notes`, only the latest this many notes in full (every session keeps its line);
 * none means every note.
 */
recentNotes?: number | null, 
/**
 * The therapist's reflection on the therapeutic relationship, written for this supervision.
 */
relationshipNotes?: string | null, 
/**
 * Texts the therapist chose to redact everywhere (de-identified exports).
 */
extraRedactions: Array<string>, 
/**
 * Ids of redactions the therapist undid, and of flags she dismissed (kept), in the preview.
 */
undoneRedactions: Array<string>, 
/**
 * Ids of flags the therapist accepted (redacted) in the preview.
 */
acceptedFlags: Array<string>, };

export type SummarySection = "question" | "context" | "presenting_problem" | "history" | "measures" | "risk" | "diagnosis" | "formulation" | "plan" | "course" | "relationship" | "couple" | "ethics" | "feedback";

export type SummarySectionInfo = { kind: SummarySection, title: string, 
/**
 * Always included: the supervision question.
 */
required: boolean, };

export type SupervisionSummary = { 
/**
 * The case's random code, the same in every export of the case.
 */
caseCode: string, exportedOn: string, identification: Identification, sections: Array<Section>, 
/**
 * Every redaction made and every open flag, in document order (empty for an identified
 * export).
 */
redactions: Array<Redaction>, 
/**
 * How many flags wait for the therapist: the export is refused until none do.
 */
openFlags: number, 
/**
 * A digest of the content: the export is refused if it no longer matches the preview.
 */
fingerprint: string, };

export type Table = { caption: string | null, columns: Array<string>, 
/**
 * Relative widths, one per column.
 */
widths: Array<number>, rows: Array<Array<Text>>, };

export type Text = { segments: Array<Segment>, };

export type Trend = { measure: string, measureName: string, personId: PersonId, whose: Whose, 
/**
 * Oldest first: the first is the baseline, the last the latest.
 */
points: Array<TrendPoint>, 
/**
 * Latest minus baseline.
 */
change: Points, 
/**
 * The change is the measure's own clinically meaningful change, better or worse.
 */
meaningful: ChangeSense | null, };

export type TrendPoint = { administrationId: AdministrationId, givenOn: string, 
/**
 * Whole weeks since the baseline (the first administration).
 */
week: number, total: Points, band: string | null, };

export type VerificationReport = { 
/**
 * Every check passed.
 */
passed: boolean, checks: Array<CheckOutcome>, 
/**
 * Entries in the audit trail whose chain checked out.
 */
auditEntries: number, 
/**
 * The first failed check's advice.
 */
advice: string | null, 
/**
 * How long the checks took, in milliseconds (seconds at a decade's notebook), said in the
 * window beside the result.
 */
tookMs: number, };

export type Whose = "client" | "partner";

export type WithdrawConsent = { withdrawnOn: string, reason?: string | null, };

export type WorkflowStep = { step: StepKind, state: StepState, 
/**
 * One line for the therapist: what is recorded, or what is missing.
 */
summary: string, 
/**
 * For `blocked`: the rule that stops the step.
 */
rule: Rule | null, };
