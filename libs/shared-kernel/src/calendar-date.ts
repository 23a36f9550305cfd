const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2024-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/* Calendar arithmetic on YYYY-MM-DD dates, in UTC so no zone or daylight saving shifts a day. */
const parts = (date: string) => {
  const [year, month, day] = date.split('-').map(Number);
  return { year, month, day };
};
const dateOf = (instant: Date) => instant.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const { year, month, day } = parts(date);
  return dateOf(new Date(Date.UTC(year, month - 1, day + days)));
}

/** Months later (or earlier), clamped to the month's last day: 2026-05-31 minus 3 months is 2026-02-28. */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = parts(date);
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return dateOf(new Date(Date.UTC(year, month - 1 + months, Math.min(day, lastDay))));
}

/** The last day of a term of `years` starting on `start`: 2026-05-17 for 2 years ends 2028-05-16. */
export function termEnd(start: string, years: number): string {
  return addDays(addMonths(start, years * 12), -1);
}

export const minDate = (a: string, b: string): string => (a < b ? a : b);
export const maxDate = (a: string, b: string): string => (a > b ? a : b);

const DAY_MS = 86_400_000;

/** Midnight at the start of a date in Asia/Shanghai (no daylight saving there since 1991). */
export function shanghaiDayStart(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** An instant written in full: date, time to the minute (seconds and milliseconds optional), and a zone. */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** An "as of": a date (the end of that day in Asia/Shanghai) or a date-time with its zone. */
export function isAsOf(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (isCalendarDate(value)) return true;
  const match = DATE_TIME.exec(value);
  return match !== null && isCalendarDate(match[1]) && !Number.isNaN(Date.parse(value));
}

/** The instant an as-of value names: the last millisecond of a date in Asia/Shanghai, or the date-time itself. */
export function asOfInstant(value: string): Date {
  return isCalendarDate(value) ? new Date(shanghaiDayStart(value).getTime() + DAY_MS - 1) : new Date(value);
}

/** The instant of an as-of value, or undefined for text that is not one. */
export function parseAsOf(text: string): Date | undefined {
  return isAsOf(text) ? asOfInstant(text) : undefined;
}
