// Dates as the engine speaks them (ISO `YYYY-MM-DD`, times `HH:MM:SS`, appointments
// `YYYY-MM-DDTHH:MM:SS`, all on the therapist's own calendar) and as the window shows them: every
// date the window writes, and every date typed into a date field (lib/DateField.svelte), goes
// through `formatDate` and `parseDate` here, in the format chosen in Settings > Preferences.

import type { DateFormat } from '../ipc';
import { dateFormat } from './dateFormat.svelte';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Today on this computer's calendar. */
export function today(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return today(new Date(y, m - 1, d + days));
}

function asDate(iso: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** The order of day, month and year in a numeric date. */
type Order = 'dmy' | 'mdy' | 'ymd';

const systemFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The computer's own numeric date (the locale's order and separators, as WebKitGTK's native
 * pickers showed it), always in Western digits on the Gregorian calendar, which the parser reads.
 */
function systemFormat(locale?: string): Intl.DateTimeFormat {
  const key = locale ?? '';
  let format = systemFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      calendar: 'gregory',
      numberingSystem: 'latn',
    });
    systemFormats.set(key, format);
  }
  return format;
}

const SAMPLE = new Date(2026, 9, 23);

function systemParts(locale?: string): Intl.DateTimeFormatPart[] {
  return systemFormat(locale).formatToParts(SAMPLE);
}

function orderOf(format: DateFormat, locale?: string): Order {
  if (format === 'iso') return 'ymd';
  if (format === 'mdy_numeric') return 'mdy';
  if (format !== 'system') return 'dmy';
  const order = systemParts(locale)
    .map((p) => p.type)
    .filter((t) => t === 'day' || t === 'month' || t === 'year')
    .map((t) => t[0])
    .join('');
  return order === 'mdy' || order === 'ymd' ? order : 'dmy';
}

/**
 * `2026-10-23` as the format writes it: "23 Oct 2026" (`day_month_year`), "2026-10-23"
 * (`iso`), "23/10/2026" (`dmy_numeric`), "10/23/2026" (`mdy_numeric`), or the computer's own
 * numeric form (`system`: "10/23/2026" in en-US, "23.10.2026" in de). The format is the one
 * chosen in Settings unless given; anything that is not an ISO date is returned as it is.
 */
export function formatDate(
  iso: string | null | undefined,
  format: DateFormat = dateFormat(),
  locale?: string,
): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const [, y, m, d] = match as unknown as [string, string, string, string];
  switch (format) {
    case 'iso':
      return `${y}-${m}-${d}`;
    case 'dmy_numeric':
      return `${d}/${m}/${y}`;
    case 'mdy_numeric':
      return `${m}/${d}/${y}`;
    case 'system': {
      const date = asDate(iso);
      return date ? systemFormat(locale).format(date) : iso;
    }
    default:
      return `${Number(d)} ${MONTHS[Number(m) - 1]?.slice(0, 3) ?? m} ${y}`;
  }
}

/**
 * An engine-made line with ISO dates in it ("Plan, version 2; review by 2027-01-12.", the workflow
 * steps' summaries) with each date in the chosen format.
 */
export function datesIn(text: string, format: DateFormat = dateFormat()): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (iso) => formatDate(iso, format));
}

/** How a date field of this format asks to be filled in, e.g. "dd/mm/yyyy". */
export function datePattern(format: DateFormat = dateFormat(), locale?: string): string {
  switch (format) {
    case 'iso':
      return 'yyyy-mm-dd';
    case 'dmy_numeric':
      return 'dd/mm/yyyy';
    case 'mdy_numeric':
      return 'mm/dd/yyyy';
    case 'system':
      return systemParts(locale)
        .map((p) => (p.type === 'day' ? 'dd' : p.type === 'month' ? 'mm' : p.type === 'year' ? 'yyyy' : p.value))
        .join('');
    default:
      return 'd Mmm yyyy';
  }
}

/** What a date field reads: nothing, a date (ISO), or text that is not a date, and why. */
export type ParsedDate = { kind: 'empty' } | { kind: 'date'; iso: string } | { kind: 'invalid'; message: string };

const MONTH_WORDS = new Map<string, number>();
MONTHS.forEach((name, i) => {
  MONTH_WORDS.set(name.toLowerCase(), i + 1);
  MONTH_WORDS.set(name.slice(0, 3).toLowerCase(), i + 1);
});
MONTH_WORDS.set('sept', 9);

function monthWord(word: string, format: DateFormat, locale?: string): number | undefined {
  const plain = word.replace(/\.$/, '');
  const english = MONTH_WORDS.get(plain);
  if (english !== undefined || format !== 'system') return english;
  // The computer's language may name months otherwise ("okt.", "octobre").
  for (const month of ['long', 'short'] as const) {
    const names = new Intl.DateTimeFormat(locale, { month, calendar: 'gregory' });
    for (let i = 0; i < 12; i++) {
      if (names.format(new Date(2026, i, 15)).toLowerCase().replace(/\.$/, '') === plain) return i + 1;
    }
  }
  return undefined;
}

/**
 * A year written with two digits, within 20 years ahead of `now` and 79 back: in 2026, "46" is
 * 2046 and "47" is 1947.
 */
function fullYear(twoDigits: number, now: Date): number {
  const thisYear = now.getFullYear();
  let year = Math.floor(thisYear / 100) * 100 + twoDigits;
  if (year > thisYear + 20) year -= 100;
  else if (year < thisYear - 79) year += 100;
  return year;
}

/**
 * Reads a typed date, leniently: the chosen format (separators `/ . - ,` and spaces alike, one
 * or two digits for the day and month, two or four for the year), ISO `2026-10-23` whatever the
 * format, and a month by name ("23 Oct 2026", "October 23, 2026", "23rd oct 26"). A numeric date
 * that does not start with a four-digit year is read in the format's order. An impossible date
 * ("31/04/2026", 29 February 2025) is refused with a message saying why.
 */
export function parseDate(
  text: string,
  format: DateFormat = dateFormat(),
  { locale, now = new Date() }: { locale?: string; now?: Date } = {},
): ParsedDate {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  const like = `${formatDate('2026-10-23', format, locale)}${format === 'iso' ? '' : ' (or 2026-10-23)'}`;
  const unreadable: ParsedDate = { kind: 'invalid', message: `That is not a date Casebook can read. Write it like ${like}.` };
  const tokens = trimmed
    .toLowerCase()
    .replace(/(\d)(\p{L})/gu, '$1 $2')
    .replace(/(\p{L})(\d)/gu, '$1 $2')
    .split(/[\s,/.\-]+/)
    .filter((t) => t !== '' && !/^(st|nd|rd|th)$/.test(t));
  const numbers = tokens.filter((t) => /^\d+$/.test(t));
  const words = tokens.filter((t) => !/^\d+$/.test(t));

  let day: string | undefined;
  let month: number | undefined;
  let year: string | undefined;
  if (words.length === 1 && numbers.length === 2) {
    month = monthWord(words[0] as string, format, locale);
    if (month === undefined) return unreadable;
    const [first, second] = numbers as [string, string];
    [day, year] = first.length > 2 ? [second, first] : [first, second];
  } else if (words.length === 0 && numbers.length === 3) {
    const [a, b, c] = numbers as [string, string, string];
    const order = a.length > 2 ? 'ymd' : orderOf(format, locale);
    // An ISO date starts with its year; "10/23/2026" is ambiguous there, so it is refused.
    if (format === 'iso' && a.length <= 2) return unreadable;
    let monthText: string;
    if (order === 'ymd') [year, monthText, day] = [a, b, c];
    else if (order === 'mdy') [monthText, day, year] = [a, b, c];
    else [day, monthText, year] = [a, b, c];
    if (monthText.length > 2) return unreadable;
    month = Number(monthText);
  } else {
    return unreadable;
  }

  if (day.length > 2) return unreadable;
  if (year.length !== 2 && year.length !== 4) {
    return { kind: 'invalid', message: 'Write the year with four digits (or the last two).' };
  }
  const y = year.length === 2 ? fullYear(Number(year), now) : Number(year);
  if (y < 1000) return unreadable;
  const d = Number(day);
  if (month < 1 || month > 12) return { kind: 'invalid', message: `There is no month ${month}: months go from 1 to 12.` };
  const name = MONTHS[month - 1] as string;
  const length = new Date(y, month, 0).getDate();
  if (d < 1 || d > length) {
    if (d === 0) return { kind: 'invalid', message: 'There is no day 0: days start at 1.' };
    if (month === 2 && d === 29) {
      return { kind: 'invalid', message: `There is no 29 February ${y}: ${y} is not a leap year.` };
    }
    const which = month === 2 ? `February ${y}` : name;
    return { kind: 'invalid', message: `There is no ${d} ${name}: ${which} has ${length} days.` };
  }
  return { kind: 'date', iso: `${y}-${pad(month)}-${pad(d)}` };
}

/** `14:05:00` as "14:05". */
export function formatTime(time: string | null | undefined): string {
  return time ? time.slice(0, 5) : '';
}

/** `2025-03-07T14:05:00` as "7 Mar 2025, 14:05". */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  return `${formatDate(value.slice(0, 10))}, ${formatTime(value.slice(11))}`;
}

/** An instant (RFC 3339) as the local time of day, or the local date when not today. */
export function formatInstant(value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return today(d) === today() ? `today at ${time}` : `${formatDate(today(d))} at ${time}`;
}

/** A DateTimeField's value (`YYYY-MM-DDTHH:MM`) as the engine's appointment (seconds added). */
export function appointment(value: string): string | null {
  if (!value) return null;
  return value.length === 16 ? `${value}:00` : value;
}

/** An engine time as a `time` input's value. */
export function timeInput(time: string): string {
  return time.slice(0, 5);
}

/** How long ago an instant (RFC 3339) was, in words: "just now", "5 minutes ago", "3 days ago". */
export function ago(value: string, now: Date = new Date()): string {
  const then = new Date(value);
  if (Number.isNaN(then.getTime())) return value;
  const minutes = Math.max(0, Math.floor((now.getTime() - then.getTime()) / 60_000));
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  if (minutes < 1) return 'just now';
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return plural(hours, 'hour');
  return plural(Math.floor(hours / 24), 'day');
}

/** A size in bytes for people: "840 KB", "2.3 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1000 * 1000) return `${Math.max(1, Math.round(bytes / 1000))} KB`;
  if (bytes < 1000 * 1000 * 1000) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

/** How long something took: "0.4 s", "4.1 s", "1 min 5 s". */
export function duration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
