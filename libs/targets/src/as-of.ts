import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isCalendarDate } from '#shared-kernel';

const DAY_MS = 86_400_000;
/** An instant written in full: date, time to the minute (seconds and milliseconds optional), and a zone. */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

function isAsOf(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (isCalendarDate(value)) return true;
  const match = DATE_TIME.exec(value);
  return match !== null && isCalendarDate(match[1]) && !Number.isNaN(Date.parse(value));
}

/** As the funds' as-of: an ISO date-time with its zone, or a date (YYYY-MM-DD) meaning the end of that day in Asia/Shanghai. */
export function IsAsOf(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isAsOf',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: isAsOf,
        defaultMessage: () => 'must be a date (YYYY-MM-DD, the end of that day in Asia/Shanghai) or a date-time with its zone (2026-06-30T16:00:00Z)',
      },
    });
}

/** The instant an as-of value names: the last millisecond of a date in Asia/Shanghai, or the date-time itself. */
export function asOfInstant(value: string): Date {
  return isCalendarDate(value) ? new Date(new Date(`${value}T00:00:00+08:00`).getTime() + DAY_MS - 1) : new Date(value);
}
