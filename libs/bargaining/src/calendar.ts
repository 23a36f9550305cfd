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

/** Months later (or earlier), clamped to the month's last day: 2026-05-31 minus 3 months is 2026-02-28. */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = parse(date);
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return format(new Date(Date.UTC(year, month - 1 + months, Math.min(day, lastDay))));
}

/** The last day of a term of `years` starting on `start`: 2026-05-17 for 2 years ends 2028-05-16. */
export function termEnd(start: string, years: number): string {
  return addDays(addMonths(start, years * 12), -1);
}
