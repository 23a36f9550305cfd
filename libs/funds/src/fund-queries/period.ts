import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, registerDecorator, type ValidationOptions } from 'class-validator';
import { IsCalendarDate, Optional, PageQueryDto } from '#http';
import { DomainError, isCalendarDate, shanghaiDate } from '#shared-kernel';

const DAY_MS = 86_400_000;
/** An instant written in full: date, time to the minute (seconds and milliseconds optional), and a zone. */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

export function isAsOf(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (isCalendarDate(value)) return true;
  const match = DATE_TIME.exec(value);
  return match !== null && isCalendarDate(match[1]) && !Number.isNaN(Date.parse(value));
}

/** An ISO date-time with its zone, or a date (YYYY-MM-DD) meaning the end of that day in Asia/Shanghai. */
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
  return isCalendarDate(value) ? new Date(shanghaiDayStart(value).getTime() + DAY_MS - 1) : new Date(value);
}

/** Midnight at the start of a date in Asia/Shanghai (no daylight saving there since 1991). */
export function shanghaiDayStart(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** Midnight at the end of a date in Asia/Shanghai: the first instant not in it. */
export function shanghaiDayAfter(date: string): Date {
  return new Date(shanghaiDayStart(date).getTime() + DAY_MS);
}

export function requireOrderedPeriod(from: string | undefined, to: string | undefined): void {
  if (from && to && from > to) {
    throw new DomainError('FUNDS.PERIOD_REVERSED', 'invalid', 'The period ends before it starts', [{ field: 'to', reason: `is before from (${from})` }]);
  }
}

const FromDate = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ format: 'date', example: '2026-01-01', description: '起始日期（含，北京时间） / First day of the period, included (Asia/Shanghai)' }),
    Optional(),
    IsCalendarDate(),
  );
const ToDate = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ format: 'date', example: '2026-12-31', description: '截止日期（含，北京时间） / Last day of the period, included (Asia/Shanghai)' }),
    Optional(),
    IsCalendarDate(),
  );

/** A period of dates in Asia/Shanghai, both ends included. */
export class PeriodQueryDto {
  @FromDate() from?: string;
  @ToDate() to?: string;
}

export class PagedPeriodQueryDto extends PageQueryDto {
  @FromDate() from?: string;
  @ToDate() to?: string;
}

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class ExportQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv', description: '导出格式：csv 或 xlsx（Excel） / File format: csv or xlsx (Excel)' })
  @Optional()
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat = 'csv';
}

/** January 1st of this year to today, in Asia/Shanghai, where a caller names no period. */
export function yearToDate(now: Date, period: { from?: string; to?: string }): { from: string; to: string } {
  const today = shanghaiDate(now);
  const to = period.to ?? today;
  return { from: period.from ?? `${to.slice(0, 4)}-01-01`, to };
}
