import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PageQueryDto, type Actor, type Page } from '#http';
import { unitsInScopeSql } from '#identity';
import { addDays, addMonths, Clock, DomainError, shanghaiDate } from '#shared-kernel';
import {
  DEADLINE_KINDS,
  RENEWAL_WINDOW_MONTHS,
  TALKS_SCOPES,
  TALKS_STATUSES,
  type DeadlineKind,
  type TalksScope,
  type TalksStatus,
} from '../bargaining.vocabulary.js';
import { derivedTalksSql, TALKS_COLUMNS, type TalksSqlRow } from './talks.sql.js';

export class ListWageTalksQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '只看该单位及其下级 / Only this unit and the units below it' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: TALKS_STATUSES, description: '今日状态 / Status as of today' })
  @IsOptional()
  @IsIn(TALKS_STATUSES)
  status?: TalksStatus;

  @ApiPropertyOptional({ enum: TALKS_SCOPES, description: '协商范围 / Scope' })
  @IsOptional()
  @IsIn(TALKS_SCOPES)
  scope?: TalksScope;

  @ApiPropertyOptional({ format: 'uuid', description: '覆盖该企业的协商 / Only talks covering this enterprise' })
  @IsOptional()
  @IsUUID()
  enterpriseId?: string;
}

export class ListOverdueQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '只看该单位及其下级 / Only this unit and the units below it' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({
    enum: DEADLINE_KINDS,
    description: '逾期事项：employer_response 应约、filing 备案、renewal 续订等 / What is overdue: employer responses, filings, renewals, ...',
  })
  @IsOptional()
  @IsIn(DEADLINE_KINDS)
  kind?: DeadlineKind;
}

export interface NextDeadline {
  kind: DeadlineKind;
  /** Null when the step has no legal period (a rectification opinion, the agreement itself). */
  dueOn: string | null;
  /** For a renewal: the first day it may be requested. */
  opensOn?: string;
  overdue: boolean;
  daysOverdue: number;
}

export interface WageTalksView {
  id: string;
  scope: string;
  unitId: string;
  unitName: string | null;
  initiatingUnionId: string;
  initiatingUnionName: string | null;
  coveredEnterprises: { id: string; name: string | null; employeeCount: number | null }[];
  topics: string[];
  offerDate: string;
  status: TalksStatus;
  nextDeadline: NextDeadline | null;
  effectiveOn: string | null;
  expiresOn: string | null;
  renewsTalksId: string | null;
  renewedByTalksId: string | null;
  revision: number;
}

export interface WageTalksDetail extends WageTalksView {
  employerResponse: { decision: string; respondedOn: string } | null;
  rectification: { issuedOn: string; respondBy: string | null } | null;
  roundsHeld: number;
  agreement: {
    signedOn: string;
    termYears: number;
    wageGrowthBasisPoints: number | null;
    minimumMonthlyWageFen: number | null;
    otherTerms: string;
    adoptedOn: string | null;
    filedOn: string | null;
    bureau: string | null;
    approvedOn: string | null;
  } | null;
  withdrawnOn: string | null;
  /** Every step as recorded, oldest first, with who recorded it. */
  steps: { revision: number; type: string; on: string; data: Record<string, unknown>; actor: string; recordedAt: string }[];
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

function nextDeadline(row: TalksSqlRow, today: string): NextDeadline | null {
  if (!row.next_kind) return null;
  const dueOn = row.next_due_on;
  const overdue = dueOn !== null && today > dueOn;
  return {
    kind: row.next_kind as DeadlineKind,
    dueOn,
    ...(row.next_kind === 'renewal' && dueOn ? { opensOn: addMonths(addDays(dueOn, 1), -RENEWAL_WINDOW_MONTHS) } : {}),
    overdue,
    daysOverdue: overdue ? daysBetween(dueOn, today) : 0,
  };
}

export function toTalksView(row: TalksSqlRow, today: string): WageTalksView {
  return {
    id: row.id,
    scope: row.scope,
    unitId: row.unit_id,
    unitName: row.unit_name,
    initiatingUnionId: row.initiating_union_id,
    initiatingUnionName: row.union_name,
    coveredEnterprises: row.enterprises,
    topics: row.topics,
    offerDate: row.offer_date,
    status: row.status as TalksStatus,
    nextDeadline: nextDeadline(row, today),
    effectiveOn: row.effective_on,
    expiresOn: row.expires_on,
    renewsTalksId: row.renews_talks_id,
    renewedByTalksId: row.renewed_by_talks_id,
    revision: Number(row.revision),
  };
}

export class ListWageTalksQuery extends Query<Page<WageTalksView>> {
  constructor(
    readonly filter: ListWageTalksQueryDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

export class ListOverdueQuery extends Query<Page<WageTalksView>> {
  constructor(
    readonly filter: ListOverdueQueryDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

export class GetWageTalksQuery extends Query<WageTalksDetail> {
  constructor(
    readonly id: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** A page of talks matching `conditions` (SQL over `d` with positional parameters after $1 today, $2 the caller's unit). */
async function talksPage(
  dataSource: DataSource,
  today: string,
  actor: Actor,
  conditions: string[],
  parameters: unknown[],
  orderBy: string,
  page: { page: number; pageSize: number },
): Promise<{ rows: TalksSqlRow[]; total: number }> {
  const all = [today, actor.unitId, ...parameters];
  const where = [`d.unit_id IN ${unitsInScopeSql('$2')}`, ...conditions].join(' AND ');
  const rows: TalksSqlRow[] = await dataSource.query(
    `SELECT ${TALKS_COLUMNS}, count(*) OVER ()::int AS total
       FROM (${derivedTalksSql('$1')}) d
      WHERE ${where}
      ORDER BY ${orderBy}
      LIMIT $${all.length + 1} OFFSET $${all.length + 2}`,
    [...all, page.pageSize, (page.page - 1) * page.pageSize],
  );
  if (rows.length || page.page === 1) return { rows, total: rows[0]?.total ?? 0 };
  // Past the last page: the window count came back with no rows, so count on its own.
  const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM (${derivedTalksSql('$1')}) d WHERE ${where}`, all);
  return { rows, total: n };
}

@QueryHandler(ListWageTalksQuery)
export class ListWageTalksHandler implements IQueryHandler<ListWageTalksQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute({ filter, actor }: ListWageTalksQuery): Promise<Page<WageTalksView>> {
    const today = shanghaiDate(this.clock.now());
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const add = (sql: (placeholder: string) => string, value: unknown) => {
      parameters.push(value);
      conditions.push(sql(`$${parameters.length + 2}`));
    };
    if (filter.unitId) add((p) => `d.unit_id IN ${unitsInScopeSql(p)}`, filter.unitId);
    if (filter.status) add((p) => `d.status = ${p}::text`, filter.status);
    if (filter.scope) add((p) => `d.scope = ${p}::text`, filter.scope);
    if (filter.enterpriseId) {
      add((p) => `EXISTS (SELECT 1 FROM read_model.wage_talks_enterprises x WHERE x.talks_id = d.id AND x.enterprise_id = ${p}::uuid)`, filter.enterpriseId);
    }
    const { rows, total } = await talksPage(this.dataSource, today, actor, conditions, parameters, 'd.offer_date DESC, d.id', filter);
    return { items: rows.map((row) => toTalksView(row, today)), page: filter.page, pageSize: filter.pageSize, total };
  }
}

/** 逾期事项: talks whose next step is past its due date, the longest overdue first. */
@QueryHandler(ListOverdueQuery)
export class ListOverdueHandler implements IQueryHandler<ListOverdueQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute({ filter, actor }: ListOverdueQuery): Promise<Page<WageTalksView>> {
    const today = shanghaiDate(this.clock.now());
    const conditions = ['d.next_due_on < $1::date'];
    const parameters: unknown[] = [];
    if (filter.unitId) {
      parameters.push(filter.unitId);
      conditions.push(`d.unit_id IN ${unitsInScopeSql(`$${parameters.length + 2}`)}`);
    }
    if (filter.kind) {
      parameters.push(filter.kind);
      conditions.push(`d.next_kind = $${parameters.length + 2}::text`);
    }
    const { rows, total } = await talksPage(this.dataSource, today, actor, conditions, parameters, 'd.next_due_on, d.id', filter);
    return { items: rows.map((row) => toTalksView(row, today)), page: filter.page, pageSize: filter.pageSize, total };
  }
}

@QueryHandler(GetWageTalksQuery)
export class GetWageTalksHandler implements IQueryHandler<GetWageTalksQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute({ id, actor }: GetWageTalksQuery): Promise<WageTalksDetail> {
    const today = shanghaiDate(this.clock.now());
    const [row]: TalksSqlRow[] = await this.dataSource.query(
      `SELECT ${TALKS_COLUMNS} FROM (${derivedTalksSql('$1')}) d WHERE d.id = $3::uuid AND d.unit_id IN ${unitsInScopeSql('$2')}`,
      [today, actor.unitId, id],
    );
    if (!row) throw new DomainError('BARGAINING.TALKS_NOT_FOUND', 'not_found', `No wage talks ${id}`);
    const steps: { revision: string; type: string; on: string; data: Record<string, unknown>; actor: string; recorded_at: Date }[] =
      await this.dataSource.query(
        `SELECT revision::text, type, occurred_on::text AS on, data, actor, recorded_at FROM read_model.wage_talks_steps
          WHERE talks_id = $1::uuid ORDER BY revision`,
        [id],
      );
    return {
      ...toTalksView(row, today),
      employerResponse: row.employer_decision ? { decision: row.employer_decision, respondedOn: row.responded_on! } : null,
      rectification: row.rectification_issued_on ? { issuedOn: row.rectification_issued_on, respondBy: row.rectification_respond_by } : null,
      roundsHeld: row.rounds_held,
      agreement: row.signed_on
        ? {
            signedOn: row.signed_on,
            termYears: row.term_years!,
            wageGrowthBasisPoints: row.wage_growth_basis_points,
            minimumMonthlyWageFen: row.minimum_monthly_wage_fen === null ? null : Number(row.minimum_monthly_wage_fen),
            otherTerms: row.other_terms ?? '',
            adoptedOn: row.adopted_on,
            filedOn: row.filed_on,
            bureau: row.bureau,
            approvedOn: row.approved_on,
          }
        : null,
      withdrawnOn: row.withdrawn_on,
      steps: steps.map((step) => ({
        revision: Number(step.revision),
        type: step.type,
        on: step.on,
        data: step.data,
        actor: step.actor,
        recordedAt: new Date(step.recorded_at).toISOString(),
      })),
    };
  }
}
