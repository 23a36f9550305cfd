import { unitsAboveSql, unitsInScopeSql } from '#identity';
import { subtractFen, type Fen } from '#shared-kernel';
import type { EntityManager } from 'typeorm';
import type { FundSource, PoolKey, Restriction } from '../funds.vocabulary.js';
import type { FundLedgerEntry, LedgerKind, PoolBalance } from '../read-model/fund-ledger.js';

/**
 * SQL for "a unit whose funds and programmes this caller sees": their own unit, the units below it, and the units
 * above it (a township caseworker proposes aid from a district fund). `placeholder` holds the caller's unit id.
 */
export function visibleUnitSql(column: string, placeholder: string): string {
  return `(${column} IN ${unitsInScopeSql(placeholder)} OR ${column} IN ${unitsAboveSql(placeholder)})`;
}

export interface PoolView {
  pool: PoolKey;
  /** What the money in this pool may pay for; null for the general pool. */
  restriction: Restriction | null;
  balanceFen: Fen;
  reservedFen: Fen;
  availableFen: Fen;
}

export interface FundView {
  id: string;
  unitId: string;
  unitName: string | null;
  source: FundSource;
  name: string;
  openedOn: string;
  balanceFen: Fen;
  reservedFen: Fen;
  availableFen: Fen;
  pools: PoolView[];
  revision: number;
  updatedAt: string;
}

export function restrictionOf(pool: string): Restriction | null {
  if (pool.startsWith('programme:')) return { programmeId: pool.slice('programme:'.length) };
  if (pool.startsWith('purpose:')) return { programmeKind: pool.slice('purpose:'.length) as Extract<Restriction, { programmeKind: string }>['programmeKind'] };
  return null;
}

export function poolViews(pools: Readonly<Record<string, PoolBalance>>): PoolView[] {
  return Object.entries(pools)
    .sort(([a], [b]) => (a === 'general' ? -1 : b === 'general' ? 1 : a.localeCompare(b)))
    .map(([pool, { balanceFen, reservedFen }]) => ({
      pool: pool as PoolKey,
      restriction: restrictionOf(pool),
      balanceFen,
      reservedFen,
      availableFen: subtractFen(balanceFen, reservedFen),
    }));
}

export const FUND_COLUMNS = `f.id, f.unit_id, u.name AS unit_name, f.source, f.name, to_char(f.opened_on, 'YYYY-MM-DD') AS opened_on,
  f.balance_fen::text, f.reserved_fen::text, f.available_fen::text, f.pools, f.revision::text, f.updated_at`;
export const FUND_FROM = `read_model.funds f LEFT JOIN read_model.units u ON u.id = f.unit_id`;

export interface FundRowView {
  id: string;
  unit_id: string;
  unit_name: string | null;
  source: FundSource;
  name: string;
  opened_on: string;
  balance_fen: string;
  reserved_fen: string;
  available_fen: string;
  pools: Record<string, PoolBalance>;
  revision: string;
  updated_at: Date;
}

export function toFundView(row: FundRowView): FundView {
  return {
    id: row.id,
    unitId: row.unit_id,
    unitName: row.unit_name,
    source: row.source,
    name: row.name,
    openedOn: row.opened_on,
    balanceFen: Number(row.balance_fen) as Fen,
    reservedFen: Number(row.reserved_fen) as Fen,
    availableFen: Number(row.available_fen) as Fen,
    pools: poolViews(row.pools),
    revision: Number(row.revision),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export const LEDGER_SELECT = `l.fund_id, l.revision::text, l.position, l.event_id, l.event_type, l.occurred_at,
  to_char(l.value_date, 'YYYY-MM-DD') AS value_date, l.actor, l.kind, l.amount_fen::text, l.reserved_change_fen::text,
  l.balance_after_fen::text, l.reserved_after_fen::text, l.pool, l.grant_id, l.programme_id, l.reference, l.counterpart, l.description`;

export interface LedgerRowView {
  fund_id: string;
  revision: string;
  position: string;
  event_id: string;
  event_type: FundLedgerEntry['eventType'];
  occurred_at: Date;
  value_date: string;
  actor: string;
  kind: LedgerKind;
  amount_fen: string;
  reserved_change_fen: string;
  balance_after_fen: string;
  reserved_after_fen: string;
  pool: PoolKey | null;
  grant_id: string | null;
  programme_id: string | null;
  reference: string | null;
  counterpart: string | null;
  description: string | null;
}

/** A stored ledger line in exactly the shape `nextLedgerEntry` gives, so the two compare field by field. */
export function toLedgerEntry(row: LedgerRowView): FundLedgerEntry {
  return {
    fundId: row.fund_id,
    revision: Number(row.revision),
    position: row.position,
    eventId: row.event_id,
    eventType: row.event_type,
    occurredAt: new Date(row.occurred_at).toISOString(),
    valueDate: row.value_date,
    actor: row.actor,
    kind: row.kind,
    amountFen: Number(row.amount_fen) as Fen,
    reservedChangeFen: Number(row.reserved_change_fen) as Fen,
    balanceAfterFen: Number(row.balance_after_fen) as Fen,
    reservedAfterFen: Number(row.reserved_after_fen) as Fen,
    pool: row.pool,
    grantId: row.grant_id,
    programmeId: row.programme_id,
    reference: row.reference,
    counterpart: row.counterpart,
    description: row.description,
  };
}

/** The fund's row if the caller sees it; a fund they do not see reads as one that does not exist. */
export async function visibleFund(manager: EntityManager, fundId: string, unitId: string): Promise<FundRowView | undefined> {
  const [row]: FundRowView[] = await manager.query(`SELECT ${FUND_COLUMNS} FROM ${FUND_FROM} WHERE f.id = $1::uuid AND ${visibleUnitSql('f.unit_id', '$2')}`, [
    fundId,
    unitId,
  ]);
  return row;
}

/** Every stored ledger line of a fund, oldest first, optionally only those that happened in [from, until). */
export async function storedLedger(manager: EntityManager, fundId: string, period: { from?: Date; until?: Date } = {}): Promise<FundLedgerEntry[]> {
  const params: unknown[] = [fundId];
  const clauses = ['l.fund_id = $1::uuid'];
  if (period.from) clauses.push(`l.occurred_at >= $${params.push(period.from.toISOString())}::timestamptz`);
  if (period.until) clauses.push(`l.occurred_at < $${params.push(period.until.toISOString())}::timestamptz`);
  const rows: LedgerRowView[] = await manager.query(`SELECT ${LEDGER_SELECT} FROM read_model.fund_ledger l WHERE ${clauses.join(' AND ')} ORDER BY l.revision`, params);
  return rows.map(toLedgerEntry);
}
