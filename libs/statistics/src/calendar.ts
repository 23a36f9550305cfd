import { shanghaiDate } from '#shared-kernel';

/** Calendar arithmetic on YYYY-MM-DD dates, in UTC so no zone or daylight saving shifts a day. */
const parse = (date: string) => {
  const [year, month, day] = date.split('-').map(Number);
  return { year, month, day };
};
const format = (instant: Date) => instant.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const { year, month, day } = parse(date);
  return format(new Date(Date.UTC(year, month - 1, day + days)));
}

/** Months later, clamped to the month's last day. */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = parse(date);
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return format(new Date(Date.UTC(year, month - 1 + months, Math.min(day, lastDay))));
}

/** The last day of a term of `years` starting on `start`, as the bargaining context reckons it. */
export function termEnd(start: string, years: number): string {
  return addDays(addMonths(start, years * 12), -1);
}

export const minDate = (a: string, b: string) => (a < b ? a : b);
export const maxDate = (a: string, b: string) => (a > b ? a : b);

/** The months (YYYY-MM) a period touches, in order, each with its first and last day clipped to the period. */
export function monthsOf(from: string, to: string): { month: string; from: string; to: string }[] {
  const months: { month: string; from: string; to: string }[] = [];
  for (let start = `${from.slice(0, 7)}-01`; start <= to; start = addMonths(start, 1)) {
    const end = addDays(addMonths(start, 1), -1);
    months.push({ month: start.slice(0, 7), from: maxDate(start, from), to: minDate(end, to) });
  }
  return months;
}

/**
 * An "as of" given as a date means the end of that day in Asia/Shanghai; an instant is taken as it is. Returns
 * undefined for text that is neither.
 */
export function parseAsOf(text: string): Date | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const end = new Date(`${addDays(text, 1)}T00:00:00.000+08:00`);
    return Number.isNaN(end.getTime()) || shanghaiDate(new Date(end.getTime() - 1)) !== text ? undefined : new Date(end.getTime() - 1);
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}
