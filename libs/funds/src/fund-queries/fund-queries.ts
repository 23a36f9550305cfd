import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Optional, PageQueryDto, type Actor, type Page } from '#http';
import { unitsInScopeSql } from '#identity';
import { asOfInstant, Clock, DomainError, shanghaiDayStart, subtractFen, type Fen } from '#shared-kernel';
import { FUND_SOURCES, type FundSource } from '../funds.vocabulary.js';
import type { FundLedgerEntry } from '../read-model/fund-ledger.js';
import { FUND_COLUMNS, FUND_FROM, LEDGER_SELECT, poolViews, toFundView, toLedgerEntry, visibleFund, visibleUnitSql, type FundRowView, type FundView, type LedgerRowView, type PoolView } from './fund-views.js';
import { requireOrderedPeriod, shanghaiDayAfter } from './period.js';

export function fundNotFound(fundId: string): DomainError {
  return new DomainError('FUNDS.FUND_NOT_FOUND', 'not_found', `No fund ${fundId}`);
}

export class ListFundsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '只看此单位及下级单位的经费账户 / Only funds of this unit and the units below it' })
  @Optional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: FUND_SOURCES, description: '经费来源 / Where the fund’s money comes from' })
  @Optional()
  @IsIn(FUND_SOURCES)
  source?: FundSource;
}

export class ListFundsQuery extends Query<Page<FundView>> {
  constructor(
    readonly filter: ListFundsQueryDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** The funds of the caller's units, of the units below and of the units above (whose funds their cases draw on). */
@QueryHandler(ListFundsQuery)
export class ListFundsHandler implements IQueryHandler<ListFundsQuery> {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async execute({ filter, actor }: ListFundsQuery): Promise<Page<FundView>> {
    const params: unknown[] = [actor.unitId];
    const clauses = [visibleUnitSql('f.unit_id', '$1')];
    if (filter.unitId) clauses.push(`f.unit_id IN ${unitsInScopeSql(`$${params.push(filter.unitId)}`)}`);
    if (filter.source) clauses.push(`f.source = $${params.push(filter.source)}::text`);
    const where = clauses.join(' AND ');
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM read_model.funds f WHERE ${where}`, params);
    const rows: FundRowView[] = await this.db.query(
      `SELECT ${FUND_COLUMNS} FROM ${FUND_FROM} WHERE ${where} ORDER BY u.path NULLS LAST, f.source, f.name, f.id
       LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`,
      params,
    );
    return { items: rows.map(toFundView), page: filter.page, pageSize: filter.pageSize, total };
  }
}

export class GetFundQuery extends Query<FundView> {
  constructor(
    readonly fundId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetFundQuery)
export class GetFundHandler implements IQueryHandler<GetFundQuery> {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async execute({ fundId, actor }: GetFundQuery): Promise<FundView> {
    const row = await visibleFund(this.db.manager, fundId, actor.unitId);
    if (!row) throw fundNotFound(fundId);
    return toFundView(row);
  }
}

/** A ledger line as the cash book shows it: with the name of the user who recorded it. */
export type LedgerLine = FundLedgerEntry & { actorName: string | null };

export interface FundLedgerPage extends Page<LedgerLine> {
  fundId: string;
  fundName: string;
}

export class FundLedgerQuery extends Query<FundLedgerPage> {
  constructor(
    readonly fundId: string,
    readonly period: { from?: string; to?: string },
    readonly actor: Actor,
    readonly paging: { page: number; pageSize: number } | null,
  ) {
    super();
  }
}

/** Every line of a fund's cash book that happened in the period (Asia/Shanghai days), oldest first, with the balance after each. */
@QueryHandler(FundLedgerQuery)
export class FundLedgerHandler implements IQueryHandler<FundLedgerQuery> {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async execute({ fundId, period, actor, paging }: FundLedgerQuery): Promise<FundLedgerPage> {
    requireOrderedPeriod(period.from, period.to);
    const fund = await visibleFund(this.db.manager, fundId, actor.unitId);
    if (!fund) throw fundNotFound(fundId);
    const params: unknown[] = [fundId];
    const clauses = ['l.fund_id = $1::uuid'];
    if (period.from) clauses.push(`l.occurred_at >= $${params.push(shanghaiDayStart(period.from).toISOString())}::timestamptz`);
    if (period.to) clauses.push(`l.occurred_at < $${params.push(shanghaiDayAfter(period.to).toISOString())}::timestamptz`);
    const where = clauses.join(' AND ');
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM read_model.fund_ledger l WHERE ${where}`, params);
    const limit = paging ? `LIMIT ${paging.pageSize} OFFSET ${(paging.page - 1) * paging.pageSize}` : '';
    const rows: (LedgerRowView & { actor_name: string | null })[] = await this.db.query(
      `SELECT ${LEDGER_SELECT}, account.display_name AS actor_name
         FROM read_model.fund_ledger l LEFT JOIN read_model.accounts account ON account.id::text = l.actor
        WHERE ${where} ORDER BY l.revision ${limit}`,
      params,
    );
    return {
      fundId,
      fundName: fund.name,
      items: rows.map((row) => ({ ...toLedgerEntry(row), actorName: row.actor_name })),
      page: paging?.page ?? 1,
      pageSize: paging?.pageSize ?? total,
      total,
    };
  }
}


export interface BalanceAsOf {
  fundId: string;
  fundName: string;
  asOf: string;
  balanceFen: Fen;
  reservedFen: Fen;
  availableFen: Fen;
  pools: PoolView[];
  /** How many ledger lines happened by then, and the newest of them (null when none). */
  entriesCounted: number;
  lastEntry: FundLedgerEntry | null;
}

export class FundBalanceQuery extends Query<BalanceAsOf> {
  constructor(
    readonly fundId: string,
    readonly asOf: string | undefined,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * The balance of a fund as of an instant: the sum of every movement that happened by then (by the clock of the
 * command that made it), in log order. A date means the end of that day in Asia/Shanghai.
 */
@QueryHandler(FundBalanceQuery)
export class FundBalanceHandler implements IQueryHandler<FundBalanceQuery> {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute({ fundId, asOf, actor }: FundBalanceQuery): Promise<BalanceAsOf> {
    const fund = await visibleFund(this.db.manager, fundId, actor.unitId);
    if (!fund) throw fundNotFound(fundId);
    const instant = asOf === undefined ? this.clock.now() : asOfInstant(asOf);
    const params = [fundId, instant.toISOString()];
    const counted = `l.fund_id = $1::uuid AND l.occurred_at <= $2::timestamptz`;
    const pools: { pool: string; balance_fen: string; reserved_fen: string }[] = await this.db.query(
      `SELECT l.pool, sum(l.amount_fen)::text AS balance_fen, sum(l.reserved_change_fen)::text AS reserved_fen
         FROM read_model.fund_ledger l WHERE ${counted} AND l.pool IS NOT NULL GROUP BY l.pool`,
      params,
    );
    const [{ entries }] = await this.db.query(`SELECT count(*)::int AS entries FROM read_model.fund_ledger l WHERE ${counted}`, params);
    const [last]: LedgerRowView[] = await this.db.query(`SELECT ${LEDGER_SELECT} FROM read_model.fund_ledger l WHERE ${counted} ORDER BY l.revision DESC LIMIT 1`, params);
    const poolBalances = Object.fromEntries(
      pools.map((pool) => [pool.pool, { balanceFen: Number(pool.balance_fen) as Fen, reservedFen: Number(pool.reserved_fen) as Fen }]),
    );
    const views = poolViews(poolBalances);
    const balanceFen = views.reduce((sum, pool) => sum + pool.balanceFen, 0) as Fen;
    const reservedFen = views.reduce((sum, pool) => sum + pool.reservedFen, 0) as Fen;
    return {
      fundId,
      fundName: fund.name,
      asOf: instant.toISOString(),
      balanceFen,
      reservedFen,
      availableFen: subtractFen(balanceFen, reservedFen),
      pools: views,
      entriesCounted: entries,
      lastEntry: last ? toLedgerEntry(last) : null,
    };
  }
}
