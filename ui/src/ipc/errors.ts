// The one shape of a failed command, and how the window reads it.

import type { ErrorKind, ErrorReply } from './bindings';

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

/** True for an `ErrorReply` as the shell sends it: a known kind and a message to show. */
export function isErrorReply(value: unknown): value is ErrorReply {
  if (typeof value !== 'object' || value === null) return false;
  const reply = value as Record<string, unknown>;
  return (
    typeof reply.kind === 'string' &&
    KINDS.has(reply.kind) &&
    typeof reply.message === 'string' &&
    (reply.field === undefined || reply.field === null || typeof reply.field === 'string') &&
    (reply.retryAfterSecs === undefined ||
      reply.retryAfterSecs === null ||
      typeof reply.retryAfterSecs === 'number')
  );
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
