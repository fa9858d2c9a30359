import { describe, expect, it } from 'vitest';
import { loadRater, refusal } from './passphrase';
import { normalizeCode, spokenCode } from './recovery';

describe('the passphrase policy', async () => {
  const rate = await loadRater();

  it('rates like the engine on its own examples', () => {
    for (const weak of ['password123', 'aaaaaaaaaaaa', '1234567890', 'qwertyuiop']) {
      expect(rate(weak).strength, weak).toBe('very_weak');
    }
    for (const good of ['harbour lantern quietly', 'violet-otter-mosaic-17', 'correct horse battery staple']) {
      expect(['good', 'strong'], good).toContain(rate(good).strength);
    }
  });

  it('refuses what the engine refuses, with its words', () => {
    expect(refusal('Tr0ub4d!', rate)).toMatch(/at least 10 characters/);
    expect(refusal('password123', rate)).toMatch(/very easy to guess/);
    expect(refusal(' '.repeat(12), rate)).toMatch(/blank/);
    expect(refusal('harbour\u0000lantern quietly', rate)).toMatch(/control characters/);
    expect(refusal('word '.repeat(300), rate)).toMatch(/at most 1024/);
    expect(refusal('harbour lantern quietly', rate)).toBeNull();
  });

  it('counts characters, not UTF-16 units', () => {
    // Nine emoji are eighteen UTF-16 units but nine characters: too short.
    expect(refusal('🌊🌊🌊🌊🌊🌊🌊🌊🌊', rate)).toMatch(/at least 10/);
  });
});

describe('recovery codes', () => {
  const code = 'ABCD0123EFGH4567JKMN89PQRSTVWXYZ';

  it('are read leniently, as from paper', () => {
    expect(normalizeCode('abcd-o123 efgh-4567-jkmn-89pq-rstv-wxyz')).toBe(code);
    expect(normalizeCode('ABCD-0I23-EFGH-4567-JKMN-89PQ-RSTV-WXYZ')).toBe('ABCD0123EFGH4567JKMN89PQRSTVWXYZ');
  });

  it('refuse the wrong shape', () => {
    expect(normalizeCode('ABCD')).toBeNull();
    expect(normalizeCode(`${code}A`)).toBeNull();
    expect(normalizeCode('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-67U9')).toBeNull();
  });

  it('are spoken one character at a time', () => {
    expect(spokenCode(['AB12', 'CD34'])).toBe('A B 1 2, C D 3 4');
  });
});
