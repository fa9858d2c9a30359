// Dates as the engine speaks them (ISO `YYYY-MM-DD`, times `HH:MM:SS`, appointments
// `YYYY-MM-DDTHH:MM:SS`, all on the therapist's own calendar) and as the window shows them.

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

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/** `2025-03-07` as "7 Mar 2025". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = asDate(iso);
  return d ? DAY.format(d) : iso;
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
  return today(d) === today() ? `today at ${time}` : `${DAY.format(d)} at ${time}`;
}

/** A `datetime-local` input's value as the engine's appointment (seconds added). */
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
