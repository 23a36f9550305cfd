import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type Actor, IsCalendarDate } from '#http';
import { inUnitAndScopeSql } from '#identity';
import { Clock, DomainError, shanghaiDate } from '#shared-kernel';
import { TALKS_SCOPES, type TalksScope } from '../bargaining.vocabulary.js';
import { derivedTalksSql } from '../talks-queries/talks.sql.js';

export class BargainingFiguresQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01', description: '统计期起（含），缺省同 to / First day of the period; defaults to `to`' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: '统计期止（含），缺省为今日 / Last day of the period; defaults to today' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '单位及其下级，缺省为本人所在单位 / A unit and the units below it; the caller\'s own unit when omitted' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

export interface CoverageFigures {
  from: string;
  to: string;
  unitId: string;
  /** Per scope: agreements in force in the period, and the enterprises of the unit they covered. */
  byScope: Record<TalksScope, { agreements: number; enterprises: number; employees: number }>;
  /** Enterprises (and their employees) covered by at least one agreement in force in the period, each counted once. */
  covered: { enterprises: number; employees: number };
  /** 建会企业工资集体协商覆盖率: covered unionized enterprises among the enterprises unionized by the end of the period. */
  unionizedCoverage: { unionized: number; covered: number; ratePercent: number | null };
}

export class BargainingFiguresQuery extends Query<CoverageFigures> {
  constructor(
    readonly filter: BargainingFiguresQueryDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * Coverage by effective agreements for one unit (and the units below it) and a period, never beyond the caller's
 * units. Enterprises count by the unit they belong to, whichever unit follows the talks covering them; an
 * agreement counts when it was in force on any day of the period, as of today's knowledge (one filed but still
 * inside the bureau's 15 days is not yet in force). Employees are the enterprise registry's current counts.
 */
@QueryHandler(BargainingFiguresQuery)
export class BargainingFiguresHandler implements IQueryHandler<BargainingFiguresQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute({ filter, actor }: BargainingFiguresQuery): Promise<CoverageFigures> {
    const today = shanghaiDate(this.clock.now());
    const to = filter.to ?? today;
    const from = filter.from ?? to;
    if (from > to) {
      throw new DomainError('BARGAINING.PERIOD_INVALID', 'invalid', 'The period ends before it starts', [
        { field: 'from', reason: `must not be after to (${to})` },
      ]);
    }
    const unitId = filter.unitId ?? actor.unitId;
    const ctes = `
      WITH ent AS (
        SELECT e.id, e.employee_count, e.union_id, e.unionized_on FROM read_model.enterprises e
         WHERE ${inUnitAndScopeSql('e.unit_id', '$4', '$5')}
      ), covering AS (
        SELECT DISTINCT d.id AS talks_id, d.scope, te.enterprise_id
          FROM (${derivedTalksSql('$1')}) d
          JOIN read_model.wage_talks_enterprises te ON te.talks_id = d.id
          JOIN ent ON ent.id = te.enterprise_id
         WHERE d.effective_on IS NOT NULL AND d.effective_on <= $3::date AND d.expires_on >= $2::date
      )`;
    const parameters = [today, from, to, unitId, actor.unitId];
    const scopes: { scope: TalksScope; agreements: number; enterprises: number; employees: number }[] = await this.dataSource.query(
      `${ctes}
       SELECT c.scope, count(DISTINCT c.talks_id)::int AS agreements, count(DISTINCT c.enterprise_id)::int AS enterprises,
              (SELECT coalesce(sum(ent.employee_count), 0) FROM ent
                WHERE ent.id IN (SELECT c2.enterprise_id FROM covering c2 WHERE c2.scope = c.scope))::int AS employees
         FROM covering c GROUP BY c.scope`,
      parameters,
    );
    const [totals]: { enterprises: number; employees: number; covered_unionized: number; unionized: number }[] = await this.dataSource.query(
      `${ctes}
       SELECT count(*) FILTER (WHERE ent.id IN (SELECT enterprise_id FROM covering))::int AS enterprises,
              coalesce(sum(ent.employee_count) FILTER (WHERE ent.id IN (SELECT enterprise_id FROM covering)), 0)::int AS employees,
              count(*) FILTER (WHERE ent.id IN (SELECT enterprise_id FROM covering) AND ent.unionized_on <= $3::date)::int AS covered_unionized,
              count(*) FILTER (WHERE ent.union_id IS NOT NULL AND ent.unionized_on <= $3::date)::int AS unionized
         FROM ent`,
      parameters,
    );
    const byScope = Object.fromEntries(TALKS_SCOPES.map((scope) => [scope, { agreements: 0, enterprises: 0, employees: 0 }])) as CoverageFigures['byScope'];
    for (const row of scopes) byScope[row.scope] = { agreements: row.agreements, enterprises: row.enterprises, employees: row.employees };
    return {
      from,
      to,
      unitId,
      byScope,
      covered: { enterprises: totals.enterprises, employees: totals.employees },
      unionizedCoverage: {
        unionized: totals.unionized,
        covered: totals.covered_unionized,
        ratePercent: totals.unionized ? Math.round((totals.covered_unionized * 1000) / totals.unionized) / 10 : null,
      },
    };
  }
}
