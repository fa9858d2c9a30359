// Signing, addenda, the audit trail, the notebook's self-check and the supervision export, as the
// engine keeps them (crates/casebook-core/src/record, export): a signature takes the therapist's
// name from Settings, a session note signed more than 24 hours after it was held needs a reason, a
// signed item no longer changes and takes addenda instead, and an export is refused when the
// summary changed since its preview. The summary itself is a small honest stand-in: the client's
// and partner's names are replaced by the case code wherever they appear.

import type {
  AddendumInput,
  AddendumView,
  AuditAction,
  AuditEntryView,
  AuditPage,
  AuditTable,
  CaseId,
  ExportResult,
  Identification,
  LetterExport,
  RecordRef,
  Redaction,
  ReferralId,
  ReferralLetterDraft,
  Section,
  Segment,
  SignInput,
  SigningView,
  SummaryExport,
  SummaryOptions,
  SummarySection,
  SummarySectionInfo,
  SupervisionSummary,
  VerificationReport,
} from '../bindings';
import { FakeStore, invalid, notFound, requiredLine, requiredText } from './store';
import { refuse } from './workflow';

const PAGE_SIZE = 100;
const DAY_MS = 86_400_000;

export const SUMMARY_SECTIONS: SummarySectionInfo[] = [
  { kind: 'question', title: 'Supervision question', required: true },
  { kind: 'context', title: 'Context', required: false },
  { kind: 'presenting_problem', title: 'Presenting problem', required: false },
  { kind: 'history', title: 'History', required: false },
  { kind: 'diagnosis', title: 'Diagnosis', required: false },
  { kind: 'formulation', title: 'Formulation', required: false },
  { kind: 'plan', title: 'Treatment plan', required: false },
  { kind: 'course', title: 'Course of therapy', required: false },
];

const TABLES: Record<RecordRef['kind'], AuditTable> = {
  session_note: 'session_note',
  intake: 'intake',
  formulation: 'formulation',
  plan: 'plan',
};

const NAMES: Record<RecordRef['kind'], string> = {
  session_note: 'session note',
  intake: 'intake',
  formulation: 'formulation',
  plan: 'plan',
};

const key = (record: RecordRef) => `${record.kind}:${record.id}`;

/** Appends an entry to the audit trail: what happened to which record, never its content. */
export function audit(
  s: FakeStore,
  action: AuditAction,
  table: AuditTable | null,
  recordId: number | null,
  caseId: CaseId | null,
  summary: string,
  count: number | null = null,
): void {
  s.audit.push({ seq: s.audit.length + 1, at: s.now(), action, table, recordId, caseId, count, summary });
}

/** The record itself, with its case and when a session was held. */
function found(s: FakeStore, record: RecordRef): { caseId: CaseId; item: { signedAt: string | null }; heldAt?: Date } {
  switch (record.kind) {
    case 'session_note': {
      const note = s.sessions.find((n) => n.id === record.id);
      if (!note) throw notFound('That session note is not in this notebook.');
      return { caseId: note.caseId, item: note, heldAt: new Date(`${note.heldOn}T${note.endsAt}`) };
    }
    case 'intake': {
      const intake = s.intakes.get(record.id);
      if (!intake) throw notFound('This case has no intake yet.');
      return { caseId: intake.caseId, item: intake };
    }
    case 'formulation': {
      const version = s.formulations.find((f) => f.id === record.id);
      if (!version) throw notFound('That formulation is not in this notebook.');
      return { caseId: version.caseId, item: version };
    }
    case 'plan': {
      const version = s.plans.find((p) => p.id === record.id);
      if (!version) throw notFound('That plan is not in this notebook.');
      return { caseId: version.caseId, item: version };
    }
  }
}

function late(s: FakeStore, heldAt: Date | undefined): boolean {
  if (!heldAt || Number.isNaN(heldAt.getTime())) return false;
  return new Date(s.now()).getTime() - heldAt.getTime() > DAY_MS;
}

export function getSigning(s: FakeStore, record: RecordRef): SigningView {
  const { caseId, item, heldAt } = found(s, record);
  const signature = s.signatures.get(key(record)) ?? null;
  const completed = record.kind === 'intake' && s.intakes.get(record.id)?.completedAt != null;
  return {
    record,
    caseId,
    signature,
    locked: signature !== null || item.signedAt !== null || completed,
    lateReasonRequired: signature === null && late(s, heldAt),
    addenda: s.addenda.filter((a) => key(a.record) === key(record)),
  };
}

export function signRecord(s: FakeStore, therapistName: string, record: RecordRef, input: SignInput): SigningView {
  const { caseId, item, heldAt } = found(s, record);
  if (s.signatures.has(key(record)) || item.signedAt !== null) throw refuse('already_signed');
  if (therapistName.trim() === '') throw refuse('signer_name_missing');
  const reason = input.lateReason?.trim() || null;
  const isLate = late(s, heldAt);
  if (isLate && reason === null) throw refuse('late_note_reason');
  const signedAt = s.now();
  s.signatures.set(key(record), { signedAt, signedBy: therapistName.trim(), lateReason: isLate ? reason : null });
  item.signedAt = signedAt;
  audit(s, 'signed', TABLES[record.kind], record.id, caseId, `Signed ${NAMES[record.kind]} ${record.id}`);
  return getSigning(s, record);
}

export function addAddendum(s: FakeStore, therapistName: string, record: RecordRef, input: AddendumInput): AddendumView {
  const reason = requiredLine('reason', input.reason);
  const body = requiredText('body', input.body);
  const signing = getSigning(s, record);
  if (!signing.locked) throw refuse('addendum_needs_final');
  if (therapistName.trim() === '') throw refuse('signer_name_missing');
  const addendum: AddendumView = {
    id: s.nextId(),
    record,
    caseId: signing.caseId,
    reason,
    body,
    writtenOn: s.today(),
    signedAt: s.now(),
    signedBy: therapistName.trim(),
  };
  s.addenda.push(addendum);
  audit(s, 'addendum_added', 'addendum', addendum.id, signing.caseId, `Added an addendum to ${NAMES[record.kind]} ${record.id}`);
  return addendum;
}

export function listAddenda(s: FakeStore, record: RecordRef): AddendumView[] {
  return getSigning(s, record).addenda;
}

export function verifyNotebook(s: FakeStore): VerificationReport {
  return {
    passed: true,
    checks: [
      { check: 'database_integrity', passed: true, summary: 'The database structure is intact.', problems: [], advice: null },
      { check: 'cipher_integrity', passed: true, summary: 'Every encrypted page is intact.', problems: [], advice: null },
      { check: 'audit_chain', passed: true, summary: `All ${s.audit.length} audit entries are in order.`, problems: [], advice: null },
      { check: 'record_guards', passed: true, summary: 'Signed records are protected from change.', problems: [], advice: null },
    ],
    auditEntries: s.audit.length,
    advice: null,
    tookMs: 0,
  };
}

export function caseHistory(s: FakeStore, caseId: CaseId): AuditEntryView[] {
  s.caseRow(caseId);
  return s.audit.filter((e) => e.caseId === caseId);
}

export function auditLog(s: FakeStore, page: number): AuditPage {
  const newest = [...s.audit].reverse();
  return { entries: newest.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE), page, pageSize: PAGE_SIZE, total: s.audit.length };
}

// ---- the supervision summary -------------------------------------------------------------------

/** A case code that stays the same for the case: random once, then remembered. */
const codes = new WeakMap<FakeStore, Map<CaseId, string>>();

function caseCode(s: FakeStore, caseId: CaseId): string {
  let map = codes.get(s);
  if (!map) codes.set(s, (map = new Map()));
  let code = map.get(caseId);
  if (!code) {
    const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
    code = `C-${Array.from({ length: 4 }, () => letters[Math.floor(Math.random() * letters.length)]).join('')}`;
    map.set(caseId, code);
  }
  return code;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Splits `text` into segments, replacing every name (and the therapist's own choices). */
function redact(
  text: string,
  finds: { original: string; replacement: string; why: string; reason: Redaction['reason'] }[],
  redactions: Redaction[],
  undone: Set<string>,
): Segment[] {
  const words = finds.filter((f) => f.original.trim() !== '');
  if (words.length === 0) return [{ text }];
  const pattern = new RegExp(words.map((w) => escape(w.original)).join('|'), 'gi');
  const segments: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    const what = words.find((w) => w.original.toLowerCase() === match[0].toLowerCase());
    if (!what) continue;
    const id = `r${what.reason}-${start}-${match[0].toLowerCase().replace(/\W+/g, '_')}`;
    if (undone.has(id)) continue;
    if (start > last) segments.push({ text: text.slice(last, start) });
    redactions.push({ id, original: match[0], replacement: what.replacement, reason: what.reason, why: what.why, flagged: false, start, end });
    segments.push({ text: what.replacement, redaction: id });
    last = end;
  }
  if (last < text.length) segments.push({ text: text.slice(last) });
  return segments;
}

function fingerprintOf(value: unknown): string {
  const text = JSON.stringify(value);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

export function previewSummary(s: FakeStore, caseId: CaseId, options: SummaryOptions): SupervisionSummary {
  const row = s.caseRow(caseId);
  const question = requiredText('question', options.question);
  const identification: Identification = options.identification;
  const client = s.person(row.clientId);
  const partnerId = s.partners.get(caseId);
  const partner = partnerId === undefined ? null : s.person(partnerId);
  const code = caseCode(s, caseId);
  const finds: Parameters<typeof redact>[1] = [];
  if (identification === 'de_identified') {
    const people = [
      { person: client, role: 'Client', why: "Client's name" },
      ...(partner ? [{ person: partner, role: 'Partner', why: "Partner's name" }] : []),
    ];
    for (const { person, role, why } of people) {
      const full = person.fullName.replace(/\s*\(demo\)$/, '');
      finds.push({ original: full, replacement: role === 'Client' ? code : role, why, reason: 'name' });
      for (const part of full.split(/\s+/)) {
        if (part.length > 1) finds.push({ original: part, replacement: role, why, reason: 'name' });
      }
    }
    for (const extra of options.extraRedactions) {
      finds.push({ original: extra, replacement: '[redacted]', why: 'Your choice', reason: 'therapist_choice' });
    }
  }
  const redactions: Redaction[] = [];
  const undone = new Set(options.undoneRedactions);
  const text = (t: string) => ({ segments: redact(t, finds, redactions, undone) });
  const include = new Set<SummarySection>(['question', ...options.sections]);
  const sections: Section[] = [];
  for (const info of SUMMARY_SECTIONS) {
    if (!include.has(info.kind)) continue;
    const intake = s.intakes.get(caseId);
    switch (info.kind) {
      case 'question':
        sections.push({ kind: info.kind, title: info.title, blocks: [{ type: 'paragraph', text: text(question) }] });
        break;
      case 'presenting_problem': {
        const body = intake?.sections.presentingProblem;
        sections.push({
          kind: info.kind,
          title: info.title,
          blocks: [body ? { type: 'paragraph', text: text(body) } : { type: 'remark', text: 'Not recorded.' }],
        });
        break;
      }
      case 'course': {
        const notes = s.sessions.filter((n) => n.caseId === caseId);
        sections.push({
          kind: info.kind,
          title: info.title,
          blocks: notes.length
            ? [{ type: 'list', items: notes.map((n, i) => text(`Session ${i + 1}: ${Object.values(n.body).filter((v) => typeof v === 'string' && v !== n.body.format).join(' ')}`)) }]
            : [{ type: 'remark', text: 'No sessions recorded.' }],
        });
        break;
      }
      default:
        sections.push({ kind: info.kind, title: info.title, blocks: [{ type: 'remark', text: 'Not recorded.' }] });
    }
  }
  const summary = { caseCode: code, exportedOn: s.today(), identification, sections, redactions, openFlags: 0 };
  return { ...summary, fingerprint: fingerprintOf(summary.sections) };
}

/** `path` is what the shell's save dialog answered: null when the therapist cancelled it. */
export function exportSummary(s: FakeStore, request: SummaryExport, path: string | null): ExportResult | null {
  const summary = previewSummary(s, request.caseId, request.options);
  if (summary.fingerprint !== request.fingerprint) {
    throw { kind: 'conflict', message: 'The case changed since the preview. Look at the preview again before exporting.' };
  }
  if (path === null) return null;
  const bytes = new TextEncoder().encode(JSON.stringify(summary.sections)).length;
  audit(s, 'exported', 'case_file', request.caseId, request.caseId, `Exported a ${summary.identification === 'identified' ? 'identified' : 'de-identified'} supervision summary`, summary.redactions.length);
  return { format: request.format, identification: summary.identification, bytes, redactions: summary.redactions.length };
}

export function referralLetterDraft(s: FakeStore, referralId: ReferralId): ReferralLetterDraft {
  const referral = s.referrals.find((r) => r.id === referralId);
  if (!referral) throw notFound('That referral is not in this notebook.');
  const practitioner = s.practitioners.find((p) => p.id === referral.practitioner);
  const consent = s.consents.find(
    (c) =>
      c.caseId === referral.caseId &&
      c.terms.kind === 'release_of_information' &&
      c.terms.recipient === referral.practitioner &&
      c.withdrawnOn === null,
  );
  if (!consent || !practitioner || consent.terms.kind !== 'release_of_information') throw refuse('release_consent');
  return {
    referral: referralId,
    recipientName: practitioner.name,
    recipientKind: practitioner.kind,
    consentCovers: consent.terms.sharedInformation,
    consentGivenOn: consent.givenOn,
    presentingProblem: s.intakes.get(referral.caseId)?.sections.presentingProblem ?? '',
    relevantHistory: '',
    question: referral.reason,
    historyOptions: [],
    partnerRelease: true,
  };
}

export function exportLetter(s: FakeStore, request: LetterExport, path: string | null): ExportResult | null {
  const draft = referralLetterDraft(s, request.referral);
  requiredText('question', request.question);
  if (path === null) return null;
  const referral = s.referrals.find((r) => r.id === draft.referral);
  audit(s, 'exported', 'referral', draft.referral, referral?.caseId ?? null, 'Exported a referral letter');
  const bytes = new TextEncoder().encode(request.presentingProblem + request.question).length;
  return { format: 'pdf', identification: 'identified', bytes, redactions: 0 };
}
