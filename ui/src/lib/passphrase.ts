// The passphrase policy as the window applies it before sending, mirroring the engine's
// `vault::passphrase` (which stays the authority and checks again). The strength rating runs
// here, in the window, while the therapist types, so the passphrase never crosses IPC per
// keystroke. zxcvbn's dictionaries are large, so they load on first use, in their own chunk.

import type { PassphraseStrength } from '../ipc/backend';

/** The shortest passphrase accepted, in characters. */
export const MIN_CHARS = 10;
/** The longest new passphrase accepted, in characters. */
export const MAX_CHARS = 1024;
/** Like the engine: zxcvbn slows down on long input, and past this length is rated strong. */
const RATE_CHARS = 100;

export const STRENGTH_LABEL: Record<PassphraseStrength, string> = {
  very_weak: 'Very weak',
  weak: 'Weak',
  fair: 'Fair',
  good: 'Good',
  strong: 'Strong',
};

export const STRENGTHS: readonly PassphraseStrength[] = ['very_weak', 'weak', 'fair', 'good', 'strong'];

export interface Rating {
  strength: PassphraseStrength;
  /** zxcvbn's warning, when it has one ("This is a commonly used password."). */
  warning: string | null;
}

export type Rater = (passphrase: string) => Rating;

let raterPromise: Promise<Rater> | null = null;

/** The zxcvbn rater, loaded once. */
export function loadRater(): Promise<Rater> {
  raterPromise ??= (async () => {
    const zxcvbn = (await import('./zxcvbn')).makeZxcvbn();
    return (passphrase: string): Rating => {
      if (charCount(passphrase) > RATE_CHARS) return { strength: 'strong', warning: null };
      const result = zxcvbn.check(passphrase);
      return {
        strength: STRENGTHS[result.score] ?? 'very_weak',
        warning: result.feedback.warning || null,
      };
    };
  })();
  return raterPromise;
}

/** Characters as the engine counts them (Unicode scalar values, not UTF-16 units). */
export function charCount(text: string): number {
  return [...text].length;
}

/**
 * Why a new passphrase would be refused, in the engine's words, or null when it is acceptable.
 * The checks run in the engine's order, so the message matches the one the engine would send.
 */
export function refusal(passphrase: string, rate: Rater): string | null {
  const chars = charCount(passphrase);
  if (chars < MIN_CHARS) {
    return `Use at least ${MIN_CHARS} characters. A few unrelated words make a passphrase that is long and easy to remember.`;
  }
  if (chars > MAX_CHARS) return `Use at most ${MAX_CHARS} characters.`;
  if (passphrase.trim() === '' || /[\u0000-\u001f\u007f-\u009f]/.test(passphrase)) {
    return 'The passphrase cannot be blank or hold control characters.';
  }
  if (rate(passphrase).strength === 'very_weak') {
    return 'This passphrase is very easy to guess. Add words that are not a common phrase, name or pattern.';
  }
  return null;
}

export const MISMATCH = 'The two passphrases are not the same. Type the new passphrase again.';
