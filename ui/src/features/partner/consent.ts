// Reading consents: the one in force for a purpose, and its terms in words.

import type { ConsentKind, ConsentView, PractitionerView } from '../../ipc';
import { ROLES, SECRETS } from '../../lib/words';

/** The current (latest, not superseded) version of a kind of consent given by `person`. */
export function current(consents: ConsentView[], kind: ConsentKind, person?: number): ConsentView | undefined {
  return consents
    .filter((c) => c.terms.kind === kind && (person === undefined || c.givenBy === person) && c.status !== 'superseded')
    .sort((a, b) => b.version - a.version)[0];
}

export function termsText(c: ConsentView, practitioners: PractitionerView[] = []): string {
  const t = c.terms;
  switch (t.kind) {
    case 'partner_involvement':
      return `${SECRETS[t.secretsPolicy]}. ${t.scope}`;
    case 'partner_own':
      return ROLES[t.role];
    case 'release_of_information': {
      const who = practitioners.find((p) => p.id === t.recipient)?.name ?? 'a practitioner';
      return `To ${who}: ${t.sharedInformation}`;
    }
    default:
      return '';
  }
}
