import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '#http';
import { inUnitAndScopeSql } from '#identity';
import { NON_PUBLIC_OWNERSHIPS, UNION_KINDS, type UnionKind } from '../organizing.vocabulary.js';

export class OrganizingFiguresQueryDto {
  @ApiProperty({ example: 2026, description: '统计年度 / Reporting year' })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiPropertyOptional({ format: 'uuid', description: "统计单位及其下级单位，缺省为本人所在单位 / A unit and the units below it; the caller's own unit when omitted" })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

export interface OrganizingFigures {
  year: number;
  /** The unit the figures cover, with everything below it. */
  unitId: string;
  newUnions: { total: number; byKind: Record<UnionKind, number>; enterprisesCovered: number; members: number };
  /** 非公企业建会率: registered non-public enterprises unionized by the end of the year. */
  nonPublicUnionization: UnionizationRate;
  /** The same rate among non-public enterprises with 10 or more employees, which the reports quote too. */
  nonPublicTenOrMoreUnionization: UnionizationRate;
  atYearEnd: { activeUnions: number; enterprisesCovered: number; members: number };
}

export interface UnionizationRate {
  registered: number;
  unionized: number;
  ratePercent: number | null;
}

const toRate = (registered: number, unionized: number): UnionizationRate => ({
  registered,
  unionized,
  ratePercent: registered ? Math.round((unionized * 1000) / registered) / 10 : null,
});

export class OrganizingFiguresQuery extends Query<OrganizingFigures> {
  constructor(
    readonly filter: OrganizingFiguresQueryDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** The organizing figures of a work report for one unit (and the units below it) and one calendar year, never beyond the caller's units. */
@QueryHandler(OrganizingFiguresQuery)
export class OrganizingFiguresHandler implements IQueryHandler<OrganizingFiguresQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ filter, actor }: OrganizingFiguresQuery): Promise<OrganizingFigures> {
    const yearStart = `${filter.year}-01-01`;
    const yearEnd = `${filter.year}-12-31`;
    const unitId = filter.unitId ?? actor.unitId;
    // Both the chosen unit's subtree and the caller's: a unit outside the caller's scope yields zeros, not its figures.
    const newByKind: { kind: UnionKind; unions: number; covered: number; members: number }[] = await this.dataSource.query(
      `SELECT kind, count(*)::int AS unions, coalesce(sum(covered_enterprise_count), 0)::int AS covered,
              coalesce(sum(initial_member_count), 0)::int AS members
       FROM read_model.unions
       WHERE founded_on BETWEEN $1 AND $2 AND ${inUnitAndScopeSql('unit_id', '$3', '$4')}
       GROUP BY kind`,
      [yearStart, yearEnd, unitId, actor.unitId],
    );
    const [rate]: { registered: number; unionized: number; registered_ten: number; unionized_ten: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS registered,
              count(*) FILTER (WHERE unionized_on <= $1)::int AS unionized,
              count(*) FILTER (WHERE employee_count >= 10)::int AS registered_ten,
              count(*) FILTER (WHERE employee_count >= 10 AND unionized_on <= $1)::int AS unionized_ten
       FROM read_model.enterprises
       WHERE ownership = ANY($2) AND registered_on <= $1 AND ${inUnitAndScopeSql('unit_id', '$3', '$4')}`,
      [yearEnd, NON_PUBLIC_OWNERSHIPS, unitId, actor.unitId],
    );
    const [standing]: { unions: number; covered: number; members: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS unions, coalesce(sum(covered_enterprise_count), 0)::int AS covered,
              coalesce(sum(initial_member_count), 0)::int AS members
       FROM read_model.unions
       WHERE status = 'active' AND founded_on <= $1 AND ${inUnitAndScopeSql('unit_id', '$2', '$3')}`,
      [yearEnd, unitId, actor.unitId],
    );

    const byKind = Object.fromEntries(UNION_KINDS.map((kind) => [kind, 0])) as Record<UnionKind, number>;
    for (const row of newByKind) byKind[row.kind] = row.unions;
    return {
      year: filter.year,
      unitId,
      newUnions: {
        total: newByKind.reduce((sum, row) => sum + row.unions, 0),
        byKind,
        enterprisesCovered: newByKind.reduce((sum, row) => sum + row.covered, 0),
        members: newByKind.reduce((sum, row) => sum + row.members, 0),
      },
      nonPublicUnionization: toRate(rate.registered, rate.unionized),
      nonPublicTenOrMoreUnionization: toRate(rate.registered_ten, rate.unionized_ten),
      atYearEnd: { activeUnions: standing.unions, enterprisesCovered: standing.covered, members: standing.members },
    };
  }
}
