import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { TALKS_SCOPES } from '#bargaining';
import { AID_PROGRAMMES } from '#casework';
import { REHIRE_CHANNELS, SEEKER_KINDS } from '#employment';
import { IsAsOf, IsCalendarDate, Optional } from '#http';
import { OWNERSHIPS, UNION_KINDS } from '#organizing';

/** Unit, period and as-of, shared by the dashboard, its stream and the drill-down. */
export class PeriodQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "单位及其下级单位，缺省为本人所在单位 / A unit and the units below it; the caller's own unit when omitted" })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ example: 2026, description: '统计年度，缺省为今年；与 from/to 同用时须一致 / Reporting year, this year when omitted; from and to must lie in it' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ example: '2026-01-01', description: '统计期起（含），缺省为年初 / First day of the period, the 1st of January by default' })
  @Optional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: '统计期止（含），缺省为年末 / Last day of the period, the 31st of December by default' })
  @Optional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({
    example: '2026-06-30',
    description: '截至某时点的口径（日期指当日北京时间日终，或 ISO 时刻），缺省为当前 / Figures as the log stood at this instant (a date means the end of that day in Beijing time); now when omitted',
  })
  @Optional()
  @IsAsOf()
  asOf?: string;
}

/** The dimension filters a drill-down (or a programme's figures) may narrow by; each metric accepts its own. */
export class DimensionQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ enum: UNION_KINDS, description: '工会类型 / Kind of union' })
  @Optional()
  @IsIn(UNION_KINDS)
  unionKind?: string;

  @ApiPropertyOptional({ enum: TALKS_SCOPES, description: '协商类型 / Scope of the wage talks' })
  @Optional()
  @IsIn(TALKS_SCOPES)
  scope?: string;

  @ApiPropertyOptional({ enum: OWNERSHIPS, description: '企业所有制 / Ownership of the enterprise' })
  @Optional()
  @IsIn(OWNERSHIPS)
  ownership?: string;

  @ApiPropertyOptional({ enum: AID_PROGRAMMES, description: '帮扶项目 / Aid programme' })
  @Optional()
  @IsIn(AID_PROGRAMMES)
  programme?: string;

  @ApiPropertyOptional({ enum: SEEKER_KINDS, description: '求职人员类别 / Kind of job seeker' })
  @Optional()
  @IsIn(SEEKER_KINDS)
  kind?: string;

  @ApiPropertyOptional({ enum: REHIRE_CHANNELS, description: '再就业渠道 / Channel of rehiring' })
  @Optional()
  @IsIn(REHIRE_CHANNELS)
  channel?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: '是否取得证书 / Whether the course was certified' })
  @Optional()
  @IsIn(['true', 'false'])
  certified?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '只列此直属下级单位（或本单位本级）的案件 / Only the cases of this direct sub-unit (or of the unit itself)' })
  @Optional()
  @IsUUID()
  subUnitId?: string;

  @ApiPropertyOptional({ example: '2026-03', description: '只列统计期内此月的案件 / Only the cases of this month of the period (YYYY-MM)' })
  @Optional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a month, YYYY-MM' })
  month?: string;

  @ApiPropertyOptional({ minimum: 1, default: 1, description: '页码，从 1 开始 / Page number, from 1' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50, description: '每页案件数 / Cases per page' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

export const DIMENSION_FIELDS = ['unionKind', 'scope', 'ownership', 'programme', 'kind', 'channel', 'certified'] as const;
