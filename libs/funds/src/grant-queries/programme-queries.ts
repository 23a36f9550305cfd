import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Optional, PageQueryDto, type Actor, type Page } from '#http';
import { unitsInScopeSql } from '#identity';
import { DomainError, type Fen } from '#shared-kernel';
import type { Eligibility } from '../aid-programme.decider.js';
import { visibleUnitSql } from '../fund-queries/fund-views.js';
import type { AidProgramme } from '../funds.vocabulary.js';
import { GRANT_STATUSES, type GrantStatus } from './grant-views.js';

export interface ProgrammeView {
  id: string;
  unitId: string;
  unitName: string | null;
  year: number;
  kind: AidProgramme;
  name: string;
  householdCapFen: Fen;
  oneGrantPerHousehold: boolean;
  eligibility: Eligibility;
  opensOn: string;
  closesOn: string;
  status: 'open' | 'closed';
  closedOn: string | null;
  establishedEventId: string;
  /** The programme's own totals, over all its grants: how many in each status, what is held and what was paid. */
  grants: Record<GrantStatus, number>;
  reservedFen: Fen;
  disbursedFen: Fen;
  /** Grants above this need a supervisor's approval (the unit's threshold; 0 until one is set: all do). */
  approvalThresholdFen: Fen;
  revision: number;
}

const PROGRAMME_SELECT = `
  p.id, p.unit_id, u.name AS unit_name, p.year, p.kind, p.name, p.household_cap_fen::text, p.one_grant_per_household, p.eligibility,
  to_char(p.opens_on, 'YYYY-MM-DD') AS opens_on, to_char(p.closes_on, 'YYYY-MM-DD') AS closes_on, p.status,
  to_char(p.closed_on, 'YYYY-MM-DD') AS closed_on, p.established_event_id, p.revision::text,
  coalesce(t.counts, '{}'::jsonb) AS counts, coalesce(t.reserved_fen, 0)::text AS reserved_fen, coalesce(t.disbursed_fen, 0)::text AS disbursed_fen,
  coalesce(policy.threshold_fen, 0)::text AS approval_threshold_fen
  FROM read_model.aid_programmes p
  LEFT JOIN read_model.units u ON u.id = p.unit_id
  LEFT JOIN read_model.aid_policies policy ON policy.unit_id = p.unit_id
  LEFT JOIN LATERAL (
    SELECT jsonb_object_agg(s.status, s.n) AS counts,
           sum(s.amount) FILTER (WHERE s.status = 'granted') AS reserved_fen,
           sum(s.amount) FILTER (WHERE s.status = 'disbursed') AS disbursed_fen
      FROM (SELECT g.status, count(*) AS n, sum(g.amount_fen) AS amount FROM read_model.aid_grants g WHERE g.programme_id = p.id GROUP BY g.status) s
  ) t ON true`;

interface ProgrammeRow {
  id: string;
  unit_id: string;
  unit_name: string | null;
  year: number;
  kind: AidProgramme;
  name: string;
  household_cap_fen: string;
  one_grant_per_household: boolean;
  eligibility: Eligibility;
  opens_on: string;
  closes_on: string;
  status: 'open' | 'closed';
  closed_on: string | null;
  established_event_id: string;
  revision: string;
  counts: Partial<Record<GrantStatus, number>>;
  reserved_fen: string;
  disbursed_fen: string;
  approval_threshold_fen: string;
}

function toProgrammeView(row: ProgrammeRow): ProgrammeView {
  return {
    id: row.id,
    unitId: row.unit_id,
    unitName: row.unit_name,
    year: row.year,
    kind: row.kind,
    name: row.name,
    householdCapFen: Number(row.household_cap_fen) as Fen,
    oneGrantPerHousehold: row.one_grant_per_household,
    eligibility: row.eligibility,
    opensOn: row.opens_on,
    closesOn: row.closes_on,
    status: row.status,
    closedOn: row.closed_on,
    establishedEventId: row.established_event_id,
    grants: Object.fromEntries(GRANT_STATUSES.map((status) => [status, Number(row.counts[status] ?? 0)])) as Record<GrantStatus, number>,
    reservedFen: Number(row.reserved_fen) as Fen,
    disbursedFen: Number(row.disbursed_fen) as Fen,
    approvalThresholdFen: Number(row.approval_threshold_fen) as Fen,
    revision: Number(row.revision),
  };
}

export class ListProgrammesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 2000, maximum: 2100, example: 2026, description: '年度 / Year the programme runs in' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ format: 'uuid', description: '只看此单位及下级单位的项目 / Only programmes of this unit and the units below it' })
  @Optional()
  @IsUUID()
  unitId?: string;
}

export class ListProgrammesQuery extends Query<Page<ProgrammeView>> {
  constructor(
    readonly filter: ListProgrammesQueryDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Programmes of the caller's units, the units below and the units above (a district's campaign runs in its townships). */
@QueryHandler(ListProgrammesQuery)
export class ListProgrammesHandler implements IQueryHandler<ListProgrammesQuery> {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async execute({ filter, actor }: ListProgrammesQuery): Promise<Page<ProgrammeView>> {
    const params: unknown[] = [actor.unitId];
    const clauses = [visibleUnitSql('p.unit_id', '$1')];
    if (filter.unitId) clauses.push(`p.unit_id IN ${unitsInScopeSql(`$${params.push(filter.unitId)}`)}`);
    if (filter.year !== undefined) clauses.push(`p.year = $${params.push(filter.year)}::int`);
    const where = clauses.join(' AND ');
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM read_model.aid_programmes p WHERE ${where}`, params);
    const rows: ProgrammeRow[] = await this.db.query(
      `SELECT ${PROGRAMME_SELECT} WHERE ${where} ORDER BY p.year DESC, p.opens_on DESC, p.name, p.id
       LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`,
      params,
    );
    return { items: rows.map(toProgrammeView), page: filter.page, pageSize: filter.pageSize, total };
  }
}

export class GetProgrammeQuery extends Query<ProgrammeView> {
  constructor(
    readonly programmeId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetProgrammeQuery)
export class GetProgrammeHandler implements IQueryHandler<GetProgrammeQuery> {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async execute({ programmeId, actor }: GetProgrammeQuery): Promise<ProgrammeView> {
    const [row]: ProgrammeRow[] = await this.db.query(`SELECT ${PROGRAMME_SELECT} WHERE p.id = $1::uuid AND ${visibleUnitSql('p.unit_id', '$2')}`, [
      programmeId,
      actor.unitId,
    ]);
    if (!row) throw new DomainError('AID.PROGRAMME_NOT_FOUND', 'not_found', `No aid programme ${programmeId}`);
    return toProgrammeView(row);
  }
}
