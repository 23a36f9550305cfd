import { formatPosition, type RecordedEvent } from '#event-store';
import { addFen, assertNever, negateFen, shanghaiDate, ZERO_FEN, type Fen } from '#shared-kernel';
import type { FundEvent } from '../fund.decider.js';
import type { PoolKey } from '../funds.vocabulary.js';

/** What a ledger line records, in the words of a cash book (日记账). */
export const LEDGER_KINDS = [
  'opened', // 开户
  'allocation', // 拨款
  'donation', // 捐赠收入
  'contributions', // 互助金缴纳
  'transfer_in', // 调入
  'transfer_out', // 调出
  'reservation', // 批准冻结
  'release', // 解除冻结
  'payout', // 发放
  'payout_reversal', // 发放冲回
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** One event of a fund's stream as a ledger line: what moved, and where the fund stood after it. */
export interface FundLedgerEntry {
  fundId: string;
  revision: number;
  position: string;
  eventId: string;
  eventType: FundEvent['type'];
  occurredAt: string;
  /** The date the event itself names (received on, paid on, transferred on); for a reservation or release, the day it happened in Asia/Shanghai. */
  valueDate: string;
  actor: string;
  kind: LedgerKind;
  /** Signed change of the balance: positive money in, negative money out, zero for reservations and releases. */
  amountFen: Fen;
  /** Signed change of the amount held for approved grants. */
  reservedChangeFen: Fen;
  balanceAfterFen: Fen;
  reservedAfterFen: Fen;
  pool: PoolKey | null;
  grantId: string | null;
  programmeId: string | null;
  /** The event's own id for the movement: allocation, donation, contribution or transfer id. */
  reference: string | null;
  /** Who or what is on the other side: the donor, the allocation's document, the other fund, the receipt. */
  counterpart: string | null;
  description: string | null;
}

export interface PoolBalance {
  balanceFen: Fen;
  reservedFen: Fen;
}

/** Where a fund stands after some prefix of its stream. */
export interface LedgerState {
  balanceFen: Fen;
  reservedFen: Fen;
  pools: Readonly<Record<string, PoolBalance>>;
}

export const EMPTY_LEDGER: LedgerState = Object.freeze({ balanceFen: ZERO_FEN, reservedFen: ZERO_FEN, pools: Object.freeze({}) });

/** What the ledger reads of a recorded event: a `RecordedEvent` will do. */
export type LedgerSource = Pick<RecordedEvent, 'type' | 'data' | 'revision' | 'position' | 'metadata'> & { streamName?: string };

interface Movement {
  kind: LedgerKind;
  amountFen: Fen;
  reservedChangeFen: Fen;
  pool: PoolKey | null;
  valueDate: string | null;
  grantId?: string;
  programmeId?: string;
  reference?: string;
  counterpart?: string | null;
  description?: string | null;
}

function movementOf(event: FundEvent): Movement {
  const none = { amountFen: ZERO_FEN, reservedChangeFen: ZERO_FEN };
  switch (event.type) {
    case 'FundOpened':
      return { ...none, kind: 'opened', pool: null, valueDate: event.data.openedOn, description: event.data.name };
    case 'FundsAllocated': {
      const { amountFen, receivedOn, allocationId, reference } = event.data;
      return { ...none, kind: 'allocation', amountFen, pool: 'general', valueDate: receivedOn, reference: allocationId, counterpart: reference };
    }
    case 'DonationReceived': {
      const { amountFen, receivedOn, donationId, donor, pool } = event.data;
      return { ...none, kind: 'donation', amountFen, pool, valueDate: receivedOn, reference: donationId, counterpart: donor };
    }
    case 'ContributionsReceived': {
      const { amountFen, receivedOn, contributionId, memberCount, period } = event.data;
      return { ...none, kind: 'contributions', amountFen, pool: 'general', valueDate: receivedOn, reference: contributionId, description: `${period}: ${memberCount}` };
    }
    case 'FundTransferredIn': {
      const { amountFen, transferredOn, transferId, fromFundId, reason } = event.data;
      return { ...none, kind: 'transfer_in', amountFen, pool: 'general', valueDate: transferredOn, reference: transferId, counterpart: fromFundId, description: reason };
    }
    case 'FundTransferredOut': {
      const { amountFen, transferredOn, transferId, toFundId, reason } = event.data;
      return { ...none, kind: 'transfer_out', amountFen: negateFen(amountFen), pool: 'general', valueDate: transferredOn, reference: transferId, counterpart: toFundId, description: reason };
    }
    case 'AidReserved': {
      const { amountFen, pool, grantId, programmeId } = event.data;
      return { ...none, kind: 'reservation', reservedChangeFen: amountFen, pool, valueDate: null, grantId, programmeId };
    }
    case 'ReservationReleased': {
      const { amountFen, pool, grantId } = event.data;
      return { ...none, kind: 'release', reservedChangeFen: negateFen(amountFen), pool, valueDate: null, grantId };
    }
    case 'AidPaidOut': {
      const { amountFen, pool, grantId, programmeId, paidOn, receiptReference } = event.data;
      const out = negateFen(amountFen);
      return { kind: 'payout', amountFen: out, reservedChangeFen: out, pool, valueDate: paidOn, grantId, programmeId, counterpart: receiptReference };
    }
    case 'AidPaymentReversed': {
      const { amountFen, pool, grantId, programmeId, reversedOn, reason } = event.data;
      return { ...none, kind: 'payout_reversal', amountFen, pool, valueDate: reversedOn, grantId, programmeId, description: reason };
    }
    default:
      return assertNever(event, 'fund event');
  }
}

/**
 * The ledger line of one event of a fund's stream and where the fund stands after it. Pure: the projection applies
 * it to the state it last stored, and the auditors' replay folds it over the stream read from the log, so the two
 * can be compared line by line.
 */
export function nextLedgerEntry(state: LedgerState, recorded: LedgerSource): { entry: FundLedgerEntry; state: LedgerState } {
  const event = { type: recorded.type, data: recorded.data } as unknown as FundEvent;
  const movement = movementOf(event);
  const balanceFen = addFen(state.balanceFen, movement.amountFen);
  const reservedFen = addFen(state.reservedFen, movement.reservedChangeFen);
  let pools = state.pools;
  if (movement.pool !== null) {
    const before = pools[movement.pool] ?? { balanceFen: ZERO_FEN, reservedFen: ZERO_FEN };
    pools = {
      ...pools,
      [movement.pool]: { balanceFen: addFen(before.balanceFen, movement.amountFen), reservedFen: addFen(before.reservedFen, movement.reservedChangeFen) },
    };
  }
  const { occurredAt, eventId, actor } = recorded.metadata;
  const entry: FundLedgerEntry = {
    fundId: String(recorded.data.fundId),
    revision: Number(recorded.revision),
    position: formatPosition(recorded.position),
    eventId,
    eventType: event.type,
    occurredAt: new Date(occurredAt).toISOString(),
    valueDate: movement.valueDate ?? shanghaiDate(new Date(occurredAt)),
    actor,
    kind: movement.kind,
    amountFen: movement.amountFen,
    reservedChangeFen: movement.reservedChangeFen,
    balanceAfterFen: balanceFen,
    reservedAfterFen: reservedFen,
    pool: movement.pool,
    grantId: movement.grantId ?? null,
    programmeId: movement.programmeId ?? null,
    reference: movement.reference ?? null,
    counterpart: movement.counterpart ?? null,
    description: movement.description ?? null,
  };
  return { entry, state: { balanceFen, reservedFen, pools } };
}

/** The whole ledger of a fund from its stream's events, oldest first. */
export function ledgerEntriesOf(events: readonly LedgerSource[]): FundLedgerEntry[] {
  const entries: FundLedgerEntry[] = [];
  let state = EMPTY_LEDGER;
  for (const event of events) {
    const next = nextLedgerEntry(state, event);
    entries.push(next.entry);
    state = next.state;
  }
  return entries;
}

/** Balance and reserved amount counting only the lines that happened by `asOf` (in log order; the clock decides "by"). */
export function balanceAsOf(entries: readonly FundLedgerEntry[], asOf: Date): { balanceFen: Fen; reservedFen: Fen; counted: FundLedgerEntry[] } {
  const counted = entries.filter((entry) => Date.parse(entry.occurredAt) <= asOf.getTime());
  return {
    balanceFen: addFen(ZERO_FEN, ...counted.map((entry) => entry.amountFen)),
    reservedFen: addFen(ZERO_FEN, ...counted.map((entry) => entry.reservedChangeFen)),
    counted,
  };
}

/** The first field in which two ledgers part, or null when they are the same line for line. */
export function firstLedgerDifference(
  expected: readonly FundLedgerEntry[],
  actual: readonly FundLedgerEntry[],
): { index: number; revision: number | null; field: string; replayed: unknown; readModel: unknown } | null {
  for (let index = 0; index < Math.max(expected.length, actual.length); index++) {
    const [replayed, stored] = [expected[index], actual[index]];
    if (!replayed || !stored) {
      return { index, revision: (replayed ?? stored).revision, field: 'entry', replayed: replayed ?? null, readModel: stored ?? null };
    }
    for (const field of Object.keys(replayed) as (keyof FundLedgerEntry)[]) {
      if (replayed[field] !== stored[field]) return { index, revision: replayed.revision, field, replayed: replayed[field], readModel: stored[field] };
    }
  }
  return null;
}
