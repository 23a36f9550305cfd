import { addDays, addMonths, maxDate, minDate } from '#shared-kernel';

/** The months (YYYY-MM) a period touches, in order, each with its first and last day clipped to the period. */
export function monthsOf(from: string, to: string): { month: string; from: string; to: string }[] {
  const months: { month: string; from: string; to: string }[] = [];
  for (let start = `${from.slice(0, 7)}-01`; start <= to; start = addMonths(start, 1)) {
    const end = addDays(addMonths(start, 1), -1);
    months.push({ month: start.slice(0, 7), from: maxDate(start, from), to: minDate(end, to) });
  }
  return months;
}
