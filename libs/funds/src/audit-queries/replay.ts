import { ApiPropertyOptional } from '@nestjs/swagger';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EventStore } from '#event-store';
import { IsAsOf, Optional, type Actor } from '#http';
import { asOfInstant, type Fen } from '#shared-kernel';
import { fundNotFound } from '../fund-queries/fund-queries.js';
import { storedLedger, visibleFund } from '../fund-queries/fund-views.js';
import { fundStreamName } from '../funds.streams.js';
import { balanceAsOf, firstLedgerDifference, ledgerEntriesOf } from '../read-model/fund-ledger.js';

export class ReplayQueryDto {
  @ApiPropertyOptional({
    example: '2026-06-30',
    description: '只重放到此时（日期为当日北京时间 24 时）；不填为全部 / Replay up to this instant (a date means the end of that day, Asia/Shanghai); all when left out',
  })
  @Optional()
  @IsAsOf()
  asOf?: string;
}

export interface ReplayResult {
  fundId: string;
  asOf: string | null;
  /** The ledger rebuilt from the fund stream's events equals the stored ledger line for line. */
  matches: boolean;
  firstDifference?: NonNullable<ReturnType<typeof firstLedgerDifference>>;
  /** Lines rebuilt from the events (up to asOf). */
  entries: number;
  readModelEntries: number;
  balanceFen: Fen;
  reservedFen: Fen;
  /** The newest event of the stream, and the newest the read model reflects: they differ while the projection catches up. */
  streamRevision: number;
  projectedRevision: number;
}

export class ReplayFundQuery extends Query<ReplayResult> {
  constructor(
    readonly fundId: string,
    readonly asOf: string | undefined,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * The auditors' proof: the fund's ledger rebuilt from its stream's events alone (read through the event store, folded
 * with the same pure function the projection uses), compared field by field with the stored ledger.
 */
@QueryHandler(ReplayFundQuery)
export class ReplayFundHandler implements IQueryHandler<ReplayFundQuery> {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: EventStore,
  ) {}

  async execute({ fundId, asOf, actor }: ReplayFundQuery): Promise<ReplayResult> {
    const fund = await visibleFund(this.db.manager, fundId, actor.unitId);
    if (!fund) throw fundNotFound(fundId);
    const events = await this.store.readStream(fundStreamName(fundId));
    const stored = await storedLedger(this.db.manager, fundId);
    const cut = asOf ? asOfInstant(asOf) : new Date(8.64e15);
    const replayed = balanceAsOf(ledgerEntriesOf(events), cut);
    const kept = balanceAsOf(stored, cut).counted;
    const difference = firstLedgerDifference(replayed.counted, kept);
    return {
      fundId,
      asOf: asOf ? cut.toISOString() : null,
      matches: difference === null,
      ...(difference ? { firstDifference: difference } : {}),
      entries: replayed.counted.length,
      readModelEntries: kept.length,
      balanceFen: replayed.balanceFen,
      reservedFen: replayed.reservedFen,
      streamRevision: events.length - 1,
      projectedRevision: Number(fund.revision),
    };
  }
}
