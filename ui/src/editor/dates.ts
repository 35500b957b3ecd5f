/** Converting stored article dates to and from the date and time inputs. */

const PARTS = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?/;

/** `{date: 'YYYY-MM-DD', time: 'HH:MM' | ''}` as written (an offset is ignored for display). */
export function splitDate(value: string | null): { date: string; time: string } {
  const m = PARTS.exec(value ?? '');
  return { date: m?.[1] ?? '', time: m?.[2] ?? '' };
}

/** The stored form: a plain date, or a local date-time in the site's time zone. */
export function joinDate(date: string, time: string): string | null {
  if (!date) return null;
  return time ? `${date}T${time}` : date;
}

/** A `datetime-local` value for an event time. */
export function toLocalInput(value: string | null): string {
  const { date, time } = splitDate(value);
  return date ? `${date}T${time || '00:00'}` : '';
}

/** True when the stored date lies after `now` (a plain date counts from the start of its day). */
export function isFuture(value: string | null, now: Date): boolean {
  const { date, time } = splitDate(value);
  if (!date) return false;
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = (time || '00:00').split(':').map(Number);
  return new Date(y ?? 0, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0).getTime() > now.getTime();
}

/** `date` as the stored form of a local date-time to the minute (`YYYY-MM-DDTHH:MM`). */
export function localDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
