import { describe, expect, it } from 'vitest';
import { asErrorReply, isErrorReply } from './errors';

describe('isErrorReply', () => {
  it('accepts the shapes the shell sends', () => {
    expect(isErrorReply({ kind: 'locked', message: 'The notebook is locked.' })).toBe(true);
    expect(isErrorReply({ kind: 'invalid', message: 'Too short', field: 'passphrase' })).toBe(true);
    expect(isErrorReply({ kind: 'throttled', message: 'Wait', retryAfterSecs: 4 })).toBe(true);
    expect(isErrorReply({ kind: 'workflow', message: 'Not yet', rule: 'intake_first' })).toBe(true);
  });

  it('refuses a kind without what it carries', () => {
    expect(isErrorReply({ kind: 'invalid', message: 'Too short' })).toBe(false);
    expect(isErrorReply({ kind: 'workflow', message: 'Not yet' })).toBe(false);
    expect(isErrorReply({ kind: 'throttled', message: 'Wait' })).toBe(false);
  });

  it('refuses anything else', () => {
    expect(isErrorReply('command unlock not found')).toBe(false);
    expect(isErrorReply(new Error('boom'))).toBe(false);
    expect(isErrorReply(null)).toBe(false);
    expect(isErrorReply({ kind: 'exploded', message: 'x' })).toBe(false);
    expect(isErrorReply({ kind: 'locked' })).toBe(false);
    expect(isErrorReply({ kind: 'throttled', message: 'x', retryAfterSecs: 'soon' })).toBe(false);
  });
});

describe('asErrorReply', () => {
  it('keeps an ErrorReply as it is', () => {
    const reply = { kind: 'corrupt', message: 'The notebook file is damaged.' } as const;
    expect(asErrorReply(reply)).toBe(reply);
  });

  it('turns a bare rejection into a message that can be shown', () => {
    const reply = asErrorReply('invalid args `passphrase` for command `unlock`');
    expect(reply.kind).toBe('storage');
    expect(reply.message).toContain('invalid args');
    expect(reply.message).toContain('Nothing was changed');
  });
});
