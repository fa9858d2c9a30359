import { afterEach, describe, expect, it } from 'vitest';
import type { DateFormat } from '../ipc';
import { dateFormat, setDateFormat } from './dateFormat.svelte';
import { datePattern, datesIn, formatDate, formatDateTime, formatInstant, parseDate, type ParsedDate } from './dates';

const NOW = new Date(2026, 9, 23, 12, 0);
const FORMATS: DateFormat[] = ['day_month_year', 'iso', 'dmy_numeric', 'mdy_numeric', 'system'];

function read(text: string, format: DateFormat, locale = 'en-US'): ParsedDate {
  return parseDate(text, format, { locale, now: NOW });
}

function iso(text: string, format: DateFormat, locale = 'en-US'): string | null {
  const r = read(text, format, locale);
  return r.kind === 'date' ? r.iso : null;
}

function problem(text: string, format: DateFormat, locale = 'en-US'): string | null {
  const r = read(text, format, locale);
  return r.kind === 'invalid' ? r.message : null;
}

afterEach(() => setDateFormat(null));

describe('formatDate', () => {
  it('writes each format', () => {
    expect(formatDate('2026-10-12', 'day_month_year')).toBe('12 Oct 2026');
    expect(formatDate('2026-10-12', 'iso')).toBe('2026-10-12');
    expect(formatDate('2026-10-12', 'dmy_numeric')).toBe('12/10/2026');
    expect(formatDate('2026-10-12', 'mdy_numeric')).toBe('10/12/2026');
    expect(formatDate('2026-10-12', 'system', 'en-US')).toBe('10/12/2026');
    expect(formatDate('2026-10-12', 'system', 'en-GB')).toBe('12/10/2026');
    expect(formatDate('2026-10-12', 'system', 'de-DE')).toBe('12.10.2026');
    expect(formatDate('2026-10-12', 'system', 'ar-EG')).toMatch(/^[\d/\u200f\u061c]+$/);
    expect(formatDate('2025-03-07', 'day_month_year')).toBe('7 Mar 2025');
    expect(formatDate('2025-09-07', 'day_month_year')).toBe('7 Sep 2025');
  });

  it('follows the chosen setting, and leaves what is not a date alone', () => {
    expect(dateFormat()).toBe('day_month_year');
    expect(formatDate('2024-02-29')).toBe('29 Feb 2024');
    setDateFormat('iso');
    expect(formatDate('2024-02-29')).toBe('2024-02-29');
    expect(formatDateTime('2024-02-29T17:05:00')).toBe('2024-02-29, 17:05');
    setDateFormat('mdy_numeric');
    expect(formatDate('2024-02-29')).toBe('02/29/2024');
    expect(formatInstant(new Date(2024, 1, 29, 10, 5).toISOString())).toBe('02/29/2024 at 10:05');
    setDateFormat(null);
    expect(formatDate('2024-02-29')).toBe('29 Feb 2024');
    expect(formatDate('')).toBe('');
    expect(formatDate(null)).toBe('');
    expect(formatDate('soon')).toBe('soon');
  });

  it('rewrites the ISO dates in an engine-made line', () => {
    expect(datesIn('Plan, version 2; review by 2027-01-12. The review is overdue.', 'dmy_numeric')).toBe(
      'Plan, version 2; review by 12/01/2027. The review is overdue.',
    );
    expect(datesIn('Plan, version 2; review by 2027-01-12.', 'day_month_year')).toBe('Plan, version 2; review by 12 Jan 2027.');
    expect(datesIn('3 session(s) recorded.', 'iso')).toBe('3 session(s) recorded.');
  });

  it('says how each format is typed', () => {
    expect(datePattern('iso')).toBe('yyyy-mm-dd');
    expect(datePattern('dmy_numeric')).toBe('dd/mm/yyyy');
    expect(datePattern('mdy_numeric')).toBe('mm/dd/yyyy');
    expect(datePattern('system', 'en-US')).toBe('mm/dd/yyyy');
    expect(datePattern('system', 'de-DE')).toBe('dd.mm.yyyy');
    expect(datePattern('day_month_year')).toBe('d Mmm yyyy');
  });
});

describe('parseDate', () => {
  it('reads back what every format writes, 29 February included', () => {
    for (const format of FORMATS) {
      for (const day of ['2024-02-29', '2026-10-12', '2026-01-03', '1999-12-31']) {
        for (const locale of ['en-US', 'en-GB', 'de-DE', 'en-ZA', 'sv-SE']) {
          expect(iso(formatDate(day, format, locale), format, locale), `${format} ${locale} ${day}`).toBe(day);
        }
      }
    }
  });

  it('reads ISO whatever the format', () => {
    for (const format of FORMATS) expect(iso('2026-10-12', format)).toBe('2026-10-12');
    expect(iso(' 2026-1-2 ', 'dmy_numeric')).toBe('2026-01-02');
  });

  it('reads numbers in the order of the format', () => {
    expect(iso('12/10/2026', 'dmy_numeric')).toBe('2026-10-12');
    expect(iso('12/10/2026', 'day_month_year')).toBe('2026-10-12');
    expect(iso('12/10/2026', 'mdy_numeric')).toBe('2026-12-10');
    expect(iso('12/10/2026', 'system', 'en-US')).toBe('2026-12-10');
    expect(iso('12.10.2026', 'system', 'de-DE')).toBe('2026-10-12');
    expect(iso('2026/10/12', 'system', 'en-ZA')).toBe('2026-10-12');
    expect(iso('12-10-2026', 'dmy_numeric')).toBe('2026-10-12');
    expect(iso('12 10 2026', 'dmy_numeric')).toBe('2026-10-12');
  });

  it('reads one-digit days and months, and two-digit years within 20 years ahead and 79 back', () => {
    expect(iso('3/1/26', 'dmy_numeric')).toBe('2026-01-03');
    expect(iso('1/3/26', 'mdy_numeric')).toBe('2026-01-03');
    expect(iso('3 jan 26', 'day_month_year')).toBe('2026-01-03');
    expect(iso('01/01/46', 'dmy_numeric')).toBe('2046-01-01');
    expect(iso('01/01/47', 'dmy_numeric')).toBe('1947-01-01');
    expect(iso('29/02/00', 'dmy_numeric')).toBe('2000-02-29');
    expect(iso('29/02/96', 'dmy_numeric')).toBe('1996-02-29');
  });

  it('reads months by name in any format', () => {
    expect(iso('12 Oct 2026', 'day_month_year')).toBe('2026-10-12');
    expect(iso('12 october 2026', 'iso')).toBe('2026-10-12');
    expect(iso('October 12, 2026', 'mdy_numeric')).toBe('2026-10-12');
    expect(iso('12-Oct-2026', 'dmy_numeric')).toBe('2026-10-12');
    expect(iso('12th Oct 2026', 'day_month_year')).toBe('2026-10-12');
    expect(iso('12oct2026', 'day_month_year')).toBe('2026-10-12');
    expect(iso('7 Sept 2025', 'day_month_year')).toBe('2025-09-07');
    expect(iso('2026 Oct 12', 'day_month_year')).toBe('2026-10-12');
    expect(iso('12. Okt. 2026', 'system', 'de-DE')).toBe('2026-10-12');
    expect(iso('12 Okt 2026', 'day_month_year')).toBeNull();
  });

  it('refuses impossible dates and says why', () => {
    expect(problem('29/02/2025', 'dmy_numeric')).toBe('There is no 29 February 2025: 2025 is not a leap year.');
    expect(problem('29 Feb 2100', 'day_month_year')).toBe('There is no 29 February 2100: 2100 is not a leap year.');
    expect(iso('29 Feb 2000', 'day_month_year')).toBe('2000-02-29');
    expect(problem('30/02/2024', 'dmy_numeric')).toBe('There is no 30 February: February 2024 has 29 days.');
    expect(problem('31/04/2026', 'dmy_numeric')).toBe('There is no 31 April: April has 30 days.');
    expect(problem('04/31/2026', 'mdy_numeric')).toBe('There is no 31 April: April has 30 days.');
    expect(problem('2026-13-01', 'iso')).toBe('There is no month 13: months go from 1 to 12.');
    expect(problem('12/13/2026', 'dmy_numeric')).toBe('There is no month 13: months go from 1 to 12.');
    expect(problem('00/10/2026', 'dmy_numeric')).toBe('There is no day 0: days start at 1.');
    expect(problem('12/10/202', 'dmy_numeric')).toBe('Write the year with four digits (or the last two).');
  });

  it('refuses what is not a date, with an example in the format', () => {
    expect(problem('next week', 'day_month_year')).toBe(
      'That is not a date Casebook can read. Write it like 23 Oct 2026 (or 2026-10-23).',
    );
    expect(problem('12/10', 'dmy_numeric')).toBe('That is not a date Casebook can read. Write it like 23/10/2026 (or 2026-10-23).');
    expect(problem('12/10/2026', 'iso')).toBe('That is not a date Casebook can read. Write it like 2026-10-23.');
    expect(problem('12 Foo 2026', 'day_month_year')).not.toBeNull();
    expect(problem('123/10/2026', 'dmy_numeric')).not.toBeNull();
    expect(problem('0999-01-01', 'iso')).not.toBeNull();
    expect(read('   ', 'iso')).toEqual({ kind: 'empty' });
  });
});
