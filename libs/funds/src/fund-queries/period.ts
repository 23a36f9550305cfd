import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsCalendarDate, Optional, PageQueryDto } from '#http';
import { DomainError, shanghaiDate, shanghaiDayStart } from '#shared-kernel';

const DAY_MS = 86_400_000;
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
