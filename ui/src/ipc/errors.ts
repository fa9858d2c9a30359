// The one shape of a failed command, and how the window reads it.

import type { ErrorKind, ErrorReply } from './bindings';

/** A refusal by a workflow rule: the engine names the rule. */
export type WorkflowReply = Extract<ErrorReply, { kind: 'workflow' }>;

const KINDS: ReadonlySet<string> = new Set<ErrorKind>([
  'locked',
  'wrong_passphrase',
  'throttled',
  'not_found',
  'invalid',
  'workflow',
  'conflict',
  'storage',
  'corrupt',
  'incompatible',
]);

/** True for an `ErrorReply` as the engine sends it: a known kind, a message to show, and what that kind carries. */
export function isErrorReply(value: unknown): value is ErrorReply {
  if (typeof value !== 'object' || value === null) return false;
  const reply = value as Record<string, unknown>;
  if (typeof reply.kind !== 'string' || !KINDS.has(reply.kind) || typeof reply.message !== 'string') return false;
  switch (reply.kind) {
    case 'invalid':
      return typeof reply.field === 'string';
    case 'workflow':
      return typeof reply.rule === 'string';
    case 'throttled':
      return typeof reply.retryAfterSecs === 'number';
    default:
      return true;
  }
}

/**
 * Any rejection as an `ErrorReply`. Tauri itself rejects with a bare string when a command is
 * missing or its arguments do not deserialise; that is a bug in the app, not the therapist's
 * doing, so it is reported as a storage failure with a plain message rather than swallowed.
 */
export function asErrorReply(error: unknown): ErrorReply {
  if (isErrorReply(error)) return error;
  const detail =
    typeof error === 'string' ? error : error instanceof Error ? error.message : 'unknown error';
  return {
    kind: 'storage',
    message: `Casebook could not complete this action (${detail}). Nothing was changed.`,
  };
}
