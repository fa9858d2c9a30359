// What the fake notebook holds, and the checks every fake command shares: input validation with
// the engine's limits and field names (crates/casebook-core/src/input.rs), the people of a case,
// and the consent checks the workflow rules rely on (consent/state.rs). A refusal is thrown as an
// `ErrorReply` before anything is written, as the engine does.

import type {
  AddendumView,
  AuditEntryView,
  SignatureView,
  CaseEvent,
  CaseId,
  CaseStatus,
  CatalogueEntry,
  ConsentStatus,
  ConsentView,
  DiagnosisView,
  DraftView,
  ErrorReply,
  FactorTerm,
  FormulationView,
  IntakeView,
  InterventionEntry,
  NoteFormat,
  PartnerConsentState,
  PersonId,
  PersonView,
  PlanView,
  PractitionerView,
  ProcessNoteView,
  ReferralView,
  RetentionProfile,
  RuleOutEntry,
  SessionView,
} from '../bindings';
import { CATALOGUE, DIFFICULTIES, INTERVENTIONS, VOCABULARY } from './data';
import { refuse } from './workflow';

export const MAX_NAME_CHARS = 200;
export const MAX_LINE_CHARS = 200;
export const MAX_TEXT_BYTES = 1_000_000;
export const MAX_LIST_LEN = 100;

export function invalid(field: string, message: string): ErrorReply {
  return { kind: 'invalid', field, message };
}

export function notFound(message: string): ErrorReply {
  return { kind: 'not_found', message };
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_BUT_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** An optional single-line field: trimmed, empty becomes null. */
export function line(field: string, value: string | null | undefined, max = MAX_LINE_CHARS): string | null {
  if (value === null || value === undefined) return null;
  if ([...value].length > max) throw invalid(field, `Use at most ${max} characters.`);
  if (CONTROL.test(value)) throw invalid(field, 'This field cannot hold line breaks or control characters.');
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

export function requiredLine(field: string, value: string, max = MAX_LINE_CHARS): string {
  const v = line(field, value, max);
  if (v === null) throw invalid(field, 'This field is required.');
  return v;
}

export function name(field: string, value: string): string {
  const v = line(field, value, MAX_NAME_CHARS);
  if (v === null) throw invalid(field, 'This name is required.');
  return v;
}

/** Optional free text: at most 1 MB, line breaks allowed; blank becomes null. */
export function text(field: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (new TextEncoder().encode(value).length > MAX_TEXT_BYTES) {
    throw invalid(field, 'This text is too long: at most 1 MB.');
  }
  if (CONTROL_BUT_BREAKS.test(value)) {
    throw invalid(field, 'This text holds control characters that cannot be saved.');
  }
  return value.trim() === '' ? null : value;
}

export function requiredText(field: string, value: string): string {
  const v = text(field, value);
  if (v === null) throw invalid(field, 'This is required.');
  return v;
}

export function listLen(field: string, items: unknown[]): void {
  if (items.length > MAX_LIST_LEN) throw invalid(field, `At most ${MAX_LIST_LEN} entries.`);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A date in range. A malformed one is what Tauri refuses before the engine sees it. */
export function date(field: string, value: string): string {
  if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(value))) {
    throw invalid(field, 'This is not a date.');
  }
  const year = Number(value.slice(0, 4));
  if (year < 1900 || year > 2200) throw invalid(field, 'This date is out of range.');
  return value;
}

export function pastDate(field: string, value: string, today: string): string {
  date(field, value);
  if (value > today) throw invalid(field, 'This date is in the future.');
  return value;
}

export function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export interface CaseRow {
  id: CaseId;
  clientId: PersonId;
  status: CaseStatus;
  hasPartner: boolean;
  firstContactOn: string;
  difficulties: string[];
  otherDifficulty: string | null;
  referralSource: string | null;
  events: CaseEvent[];
}

/** A consent version as stored; its status is computed for a day. */
export type ConsentRow = Omit<ConsentView, 'status'>;

export class FakeStore {
  private ids = 0;
  readonly difficulties = structuredClone(DIFFICULTIES);
  readonly catalogue: CatalogueEntry[] = structuredClone(CATALOGUE);
  readonly vocabulary: FactorTerm[] = structuredClone(VOCABULARY);
  readonly interventions: InterventionEntry[] = structuredClone(INTERVENTIONS);
  readonly people = new Map<PersonId, PersonView>();
  readonly cases = new Map<CaseId, CaseRow>();
  readonly partners = new Map<CaseId, PersonId>();
  readonly consents: ConsentRow[] = [];
  readonly practitioners: PractitionerView[] = [];
  readonly ruleOuts = new Map<CaseId, RuleOutEntry[]>();
  readonly referrals: ReferralView[] = [];
  readonly diagnoses: DiagnosisView[] = [];
  readonly intakes = new Map<CaseId, IntakeView>();
  readonly formulations: FormulationView[] = [];
  readonly plans: PlanView[] = [];
  readonly sessions: SessionView[] = [];
  readonly processNotes: ProcessNoteView[] = [];
  readonly drafts = new Map<string, DraftView>();
  /** Signatures by record (`kind:id`), addenda, and the audit trail (oldest first). */
  readonly signatures = new Map<string, SignatureView>();
  readonly addenda: AddendumView[] = [];
  readonly audit: AuditEntryView[] = [];
  retention: RetentionProfile = 'south_africa';
  noteFormat: NoteFormat = 'soap';

  /** Writes "on an earlier day": the demo's cases are recorded event by event, as the engine's are. */
  daysAgo = 0;

  constructor(private readonly clock: () => Date) {
    // Seeded rows take the first ids, as in the engine's migration.
    this.ids = 100;
  }

  private instant(): Date {
    return new Date(this.clock().getTime() - this.daysAgo * 86_400_000);
  }

  /** Today on the therapist's calendar (local), as the engine's clock gives it. */
  today(): string {
    return localDate(this.instant());
  }

  now(): string {
    return this.instant().toISOString();
  }

  nextId(): number {
    this.ids += 1;
    return this.ids;
  }

  caseRow(id: CaseId): CaseRow {
    const row = this.cases.get(id);
    if (!row) throw notFound('That case is not in this notebook.');
    return row;
  }

  /** A case that may be written to: it exists and is open. */
  writable(id: CaseId): CaseRow {
    const row = this.caseRow(id);
    if (row.status === 'closed') throw refuse('closed_case_read_only');
    return row;
  }

  person(id: PersonId): PersonView {
    const p = this.people.get(id);
    if (!p) throw notFound('That person is not in this notebook.');
    return p;
  }

  /** The case a person belongs to, and their role in it. */
  caseOf(id: PersonId): { caseId: CaseId; role: 'client' | 'partner' } | null {
    for (const row of this.cases.values()) if (row.clientId === id) return { caseId: row.id, role: 'client' };
    for (const [caseId, pid] of this.partners) if (pid === id) return { caseId, role: 'partner' };
    return null;
  }

  roleIn(caseId: CaseId, person: PersonId, field: string): 'client' | 'partner' {
    const found = this.caseOf(person);
    if (!found || found.caseId !== caseId) throw invalid(field, 'This person is not part of this case.');
    return found.role;
  }

  // ---- consents ------------------------------------------------------------------------------

  private recipientOf(c: ConsentRow): number | null {
    return c.terms.kind === 'release_of_information' ? c.terms.recipient : null;
  }

  /** The version of one consent in force on `on`: the latest given on or before that day. */
  headOn(caseId: CaseId, kind: ConsentRow['terms']['kind'], person: PersonId, recipient: number | null, on: string) {
    return this.consents
      .filter(
        (c) =>
          c.caseId === caseId &&
          c.terms.kind === kind &&
          c.givenBy === person &&
          this.recipientOf(c) === recipient &&
          c.givenOn <= on,
      )
      .sort((a, b) => b.version - a.version)[0];
  }

  standing(c: ConsentRow, on: string): ConsentStatus {
    if (c.withdrawnOn !== null && c.withdrawnOn <= on) return 'withdrawn';
    if (c.expiresOn !== null && c.expiresOn <= on) return 'expired';
    return 'active';
  }

  partnerConsentState(caseId: CaseId, on: string): PartnerConsentState {
    const row = this.caseRow(caseId);
    const head = this.headOn(caseId, 'partner_involvement', row.clientId, null, on);
    if (!head) return 'never_given';
    const s = this.standing(head, on);
    return s === 'active' ? 'active' : s === 'expired' ? 'expired' : 'withdrawn';
  }

  requirePartnerInvolvement(caseId: CaseId, on: string, couples: boolean): void {
    const rule = couples ? 'couples_session_consent' : 'partner_involvement_consent';
    switch (this.partnerConsentState(caseId, on)) {
      case 'active':
        return;
      case 'never_given':
        throw refuse(rule);
      case 'withdrawn':
        throw refuse(
          rule,
          'The client has withdrawn consent to involve the partner, so no further partner or couples sessions and no partner details can be recorded. Earlier records are kept.',
        );
      case 'expired':
        throw refuse(rule, "The client's consent to involve the partner has expired. Record a new consent first.");
    }
  }

  requirePartnerOwn(caseId: CaseId, partner: PersonId, on: string): void {
    const head = this.headOn(caseId, 'partner_own', partner, null, on);
    if (!head) throw refuse('partner_own_consent');
    if (this.standing(head, on) !== 'active') {
      throw refuse(
        'partner_own_consent',
        "The partner's own consent has been withdrawn or has expired. Record their consent again before they attend.",
      );
    }
  }

  /** The active release consent naming `practitioner` on `on`; refuses when there is none. */
  requireRelease(caseId: CaseId, practitioner: number, on: string): number {
    const givers = new Set(
      this.consents.filter((c) => c.caseId === caseId && this.recipientOf(c) === practitioner).map((c) => c.givenBy),
    );
    for (const person of givers) {
      const head = this.headOn(caseId, 'release_of_information', person, practitioner, on);
      if (head && this.standing(head, on) === 'active') return head.id;
    }
    throw refuse('release_consent');
  }

  /** Every consent version of a case with its standing today. */
  consentsOf(caseId: CaseId): ConsentView[] {
    const today = this.today();
    const all = this.consents.filter((c) => c.caseId === caseId);
    const key = (c: ConsentRow) => `${c.terms.kind}:${c.givenBy}:${this.recipientOf(c) ?? 0}`;
    const newest = new Map<string, number>();
    for (const c of all.filter((c) => c.givenOn <= today)) {
      newest.set(key(c), Math.max(newest.get(key(c)) ?? 0, c.version));
    }
    return all.map((c) => {
      const superseded = (newest.get(key(c)) ?? 0) > c.version;
      return { ...c, status: superseded ? 'superseded' : this.standing(c, today) };
    });
  }
}
