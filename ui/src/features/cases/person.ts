// A person's details as a form holds them, and as the engine takes them.

import type { AgeBand, PersonInput, PersonView } from '../../ipc';

export interface PersonForm {
  fullName: string;
  pronouns: string;
  /** Whether the age is given as a date of birth or as a band. */
  age: 'dob' | 'band';
  dateOfBirth: string;
  ageBand: AgeBand | '';
  phone: string;
  email: string;
  address: string;
  lacksCapacity: boolean;
}

export function emptyPerson(): PersonForm {
  return {
    fullName: '',
    pronouns: '',
    age: 'band',
    dateOfBirth: '',
    ageBand: '',
    phone: '',
    email: '',
    address: '',
    lacksCapacity: false,
  };
}

export function personForm(p: PersonView): PersonForm {
  return {
    fullName: p.fullName,
    pronouns: p.pronouns ?? '',
    age: p.dateOfBirth ? 'dob' : 'band',
    dateOfBirth: p.dateOfBirth ?? '',
    ageBand: p.ageBand ?? '',
    phone: p.phone ?? '',
    email: p.email ?? '',
    address: p.address ?? '',
    lacksCapacity: p.lacksCapacity,
  };
}

const blank = (v: string) => (v.trim() === '' ? null : v);

export function personInput(f: PersonForm): PersonInput {
  return {
    fullName: f.fullName,
    pronouns: blank(f.pronouns),
    dateOfBirth: f.age === 'dob' ? blank(f.dateOfBirth) : null,
    ageBand: f.age === 'band' && f.ageBand !== '' ? f.ageBand : null,
    phone: blank(f.phone),
    email: blank(f.email),
    address: blank(f.address),
    lacksCapacity: f.lacksCapacity,
  };
}
