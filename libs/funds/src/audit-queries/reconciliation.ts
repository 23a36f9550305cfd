import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EventStore } from '#event-store';
import { Optional, type Actor } from '#http';
import { unitsInScopeSql } from '#identity';
import { Clock, shanghaiDayStart, type Fen } from '#shared-kernel';
import { visibleUnitSql } from '../fund-queries/fund-views.js';
import { PeriodQueryDto, requireOrderedPeriod, shanghaiDayAfter, yearToDate } from '../fund-queries/period.js';
import { fundStreamName } from '../funds.streams.js';
import { balanceAsOf, ledgerEntriesOf } from '../read-model/fund-ledger.js';

export class ReconciliationQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '只核对此单位及下级单位的账户与项目 / Only funds and programmes of this unit and the units below it' })
  @Optional()
  @IsUUID()
  unitId?: string;
}

export interface FundReconciliation {
  fundId: string;
  fundName: string;
  unitId: string;
  source: string;
  openingBalanceFen: Fen;
  /** Allocations, donations and members' contributions. */
  moneyInFen: Fen;
  transfersInFen: Fen;
  transfersOutFen: Fen;
  disbursedFen: Fen;
  reversedFen: Fen;
  /** Disbursements net of reversals. */
  moneyOutFen: Fen;
  /** From the ledger read model: every line that happened by the end of the period. */
  closingBalanceFen: Fen;
  /** The same, rebuilt from the fund stream's events read from the log. */
  closingBalanceFromEventsFen: Fen;
  /** Opening + in − out equals the closing balance, and the ledger's closing balance equals the events'. */
  reconciled: boolean;
}

export interface ProgrammeReconciliation {
  programmeId: string;
  programmeName: string;
  unitId: string;
  year: number;
  /** Grants paid in the period (by paid-on date), and reversals recorded in it, from the grants. */
  disbursedFromGrantsFen: Fen;
  reversedFromGrantsFen: Fen;
  /** The payments and reversals under this programme in the funds' ledgers, by the same dates. */
  paidOutInLedgersFen: Fen;
  reversedInLedgersFen: Fen;
  reconciled: boolean;
}

export interface Reconciliation {
  from: string;
  to: string;
  funds: FundReconciliation[];
  programmes: ProgrammeReconciliation[];
  reconciled: boolean;
}

export class ReconciliationQuery extends Query<Reconciliation> {
  constructor(
    readonly filter: ReconciliationQueryDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

const fen = (text: string | number | null): Fen => Number(text ?? 0) as Fen;

/**
 * Per fund: opening balance, money in, money out and closing balance over the period (by when each movement
 * happened, Asia/Shanghai days), with the closing balance rebuilt from the fund's events as a second opinion. Per
 * programme: what its grants say was paid against what the funds' ledgers paid out under it (by paid-on date).
 * Without a period: January 1st of this year to today.
 */
@QueryHandler(ReconciliationQuery)
export class ReconciliationHandler implements IQueryHandler<ReconciliationQuery> {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async execute({ filter, actor }: ReconciliationQuery): Promise<Reconciliation> {
    requireOrderedPeriod(filter.from, filter.to);
    const { from, to } = yearToDate(this.clock.now(), filter);
    requireOrderedPeriod(from, to);
    const funds = await this.funds(actor, filter.unitId, from, to);
    const programmes = await this.programmes(actor, filter.unitId, from, to);
    return { from, to, funds, programmes, reconciled: [...funds, ...programmes].every((line) => line.reconciled) };
  }

  private async funds(actor: Actor, unitId: string | undefined, from: string, to: string): Promise<FundReconciliation[]> {
    const [start, end] = [shanghaiDayStart(from), shanghaiDayAfter(to)];
    const params: unknown[] = [actor.unitId, start.toISOString(), end.toISOString()];
    const clauses = [visibleUnitSql('f.unit_id', '$1')];
    if (unitId) clauses.push(`f.unit_id IN ${unitsInScopeSql(`$${params.push(unitId)}`)}`);
    const during = `l.occurred_at >= $2::timestamptz AND l.occurred_at < $3::timestamptz`;
    const rows: Record<string, string>[] = await this.db.query(
      `SELECT f.id, f.name, f.unit_id, f.source,
              coalesce(sum(l.amount_fen) FILTER (WHERE l.occurred_at < $2::timestamptz), 0)::text AS opening,
              coalesce(sum(l.amount_fen) FILTER (WHERE ${during} AND l.kind IN ('allocation', 'donation', 'contributions')), 0)::text AS money_in,
              coalesce(sum(l.amount_fen) FILTER (WHERE ${during} AND l.kind = 'transfer_in'), 0)::text AS transfers_in,
              coalesce(-sum(l.amount_fen) FILTER (WHERE ${during} AND l.kind = 'transfer_out'), 0)::text AS transfers_out,
              coalesce(-sum(l.amount_fen) FILTER (WHERE ${during} AND l.kind = 'payout'), 0)::text AS disbursed,
              coalesce(sum(l.amount_fen) FILTER (WHERE ${during} AND l.kind = 'payout_reversal'), 0)::text AS reversed,
              coalesce(sum(l.amount_fen) FILTER (WHERE l.occurred_at < $3::timestamptz), 0)::text AS closing
         FROM read_model.funds f LEFT JOIN read_model.fund_ledger l ON l.fund_id = f.id
        WHERE ${clauses.join(' AND ')}
        GROUP BY f.id, f.name, f.unit_id, f.source
        ORDER BY f.unit_id, f.source, f.name, f.id`,
      params,
    );
    const lastInstant = new Date(end.getTime() - 1);
    const lines: FundReconciliation[] = [];
    for (const row of rows) {
      const fromEvents = balanceAsOf(ledgerEntriesOf(await this.store.readStream(fundStreamName(row.id))), lastInstant).balanceFen;
      const [opening, moneyIn, transfersIn, transfersOut, disbursed, reversed, closing] = [
        row.opening, row.money_in, row.transfers_in, row.transfers_out, row.disbursed, row.reversed, row.closing,
      ].map(fen);
      const moneyOut = (disbursed - reversed) as Fen;
      lines.push({
        fundId: row.id,
        fundName: row.name,
        unitId: row.unit_id,
        source: row.source,
        openingBalanceFen: opening,
        moneyInFen: moneyIn,
        transfersInFen: transfersIn,
        transfersOutFen: transfersOut,
        disbursedFen: disbursed,
        reversedFen: reversed,
        moneyOutFen: moneyOut,
        closingBalanceFen: closing,
        closingBalanceFromEventsFen: fromEvents,
        reconciled: opening + moneyIn + transfersIn - transfersOut - moneyOut === closing && closing === fromEvents,
      });
    }
    return lines;
  }

  private async programmes(actor: Actor, unitId: string | undefined, from: string, to: string): Promise<ProgrammeReconciliation[]> {
    const params: unknown[] = [actor.unitId, from, to];
    const clauses = [visibleUnitSql('p.unit_id', '$1')];
    if (unitId) clauses.push(`p.unit_id IN ${unitsInScopeSql(`$${params.push(unitId)}`)}`);
    // A programme's totals are its own, over all its grants, whichever unit's case each grant is for.
    const rows: Record<string, string>[] = await this.db.query(
      `SELECT p.id, p.name, p.unit_id, p.year,
              (SELECT coalesce(sum(g.amount_fen), 0) FROM read_model.aid_grants g
                WHERE g.programme_id = p.id AND g.paid_on BETWEEN $2::date AND $3::date)::text AS disbursed_grants,
              (SELECT coalesce(sum(g.amount_fen), 0) FROM read_model.aid_grants g
                WHERE g.programme_id = p.id AND g.reversed_on BETWEEN $2::date AND $3::date)::text AS reversed_grants,
              (SELECT coalesce(-sum(l.amount_fen), 0) FROM read_model.fund_ledger l
                WHERE l.programme_id = p.id AND l.kind = 'payout' AND l.value_date BETWEEN $2::date AND $3::date)::text AS paid_ledgers,
              (SELECT coalesce(sum(l.amount_fen), 0) FROM read_model.fund_ledger l
                WHERE l.programme_id = p.id AND l.kind = 'payout_reversal' AND l.value_date BETWEEN $2::date AND $3::date)::text AS reversed_ledgers
         FROM read_model.aid_programmes p
        WHERE ${clauses.join(' AND ')}
        ORDER BY p.year, p.name, p.id`,
      params,
    );
    const [firstYear, lastYear] = [Number(from.slice(0, 4)), Number(to.slice(0, 4))];
    return rows
      .map((row) => {
        const [disbursed, reversed, paid, reversedInLedgers] = [row.disbursed_grants, row.reversed_grants, row.paid_ledgers, row.reversed_ledgers].map(fen);
        return {
          programmeId: row.id,
          programmeName: row.name,
          unitId: row.unit_id,
          year: Number(row.year),
          disbursedFromGrantsFen: disbursed,
          reversedFromGrantsFen: reversed,
          paidOutInLedgersFen: paid,
          reversedInLedgersFen: reversedInLedgers,
          reconciled: disbursed === paid && reversed === reversedInLedgers,
        };
      })
      .filter((line) => (line.year >= firstYear && line.year <= lastYear) || line.disbursedFromGrantsFen || line.paidOutInLedgersFen || line.reversedFromGrantsFen || line.reversedInLedgersFen);
  }
}
