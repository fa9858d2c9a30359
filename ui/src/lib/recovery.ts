// The recovery code as people type it from paper, read the engine's way (`vault::recovery`):
// Crockford base 32, case, spaces and dashes forgiven, O read as 0, I and L as 1.

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHARS = 32;

export const CODE_SHAPE =
  'A recovery code has 32 letters and digits, usually written in 8 groups of 4.';

/** The code as 32 characters without separators, or null when it cannot be a recovery code. */
export function normalizeCode(typed: string): string | null {
  let code = '';
  for (const raw of typed) {
    const c = raw.toUpperCase();
    if (c === ' ' || c === '-' || c === '\t' || c === '\n' || c === '\r') continue;
    if (c === 'O') code += '0';
    else if (c === 'I' || c === 'L') code += '1';
    else if (c.length === 1 && ALPHABET.includes(c)) code += c;
    else return null;
    if (code.length > CHARS) return null;
  }
  return code.length === CHARS ? code : null;
}

/** How a screen reader should say the code: character by character, group by group. */
export function spokenCode(groups: readonly string[]): string {
  return groups.map((g) => g.split('').join(' ')).join(', ');
}
