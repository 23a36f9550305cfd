import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { RecordedEvent } from '#event-store';
import type { DomainEvent, Fen } from '#shared-kernel';
import { evolveFund, type FundEvent, type FundState } from '../fund.decider.js';
import { fundStreamName } from '../funds.streams.js';
import { historyGaps, historyStep, simulateFundHistory, streamEvents } from '../testing/fund-history.js';
import { balanceAsOf, firstLedgerDifference, ledgerEntriesOf, nextLedgerEntry, EMPTY_LEDGER, type LedgerSource } from './fund-ledger.js';

const fundId = randomUUID();
let revision = 0n;
function recorded(event: DomainEvent, occurredAt = '2026-03-01T02:00:00.000Z'): LedgerSource {
  const current = revision++;
  return {
    type: event.type,
    data: event.data as RecordedEvent['data'],
    revision: current,
    position: { commit: 100n + current, prepare: current },
    metadata: { eventId: randomUUID(), occurredAt, actor: 'user-1', correlationId: 'c', causationId: 'c', schemaVersion: 1 },
  };
}
const f = (n: number) => n as Fen;

describe('the fund ledger', () => {
  beforeEach(() => {
    revision = 0n;
  });

  it('turns each event into a line: money moves the balance, reservations and releases only what is held', () => {
    const grantId = randomUUID();
    const programmeId = randomUUID();
    const events: FundEvent[] = [
      { type: 'FundOpened', data: { fundId, unitId: randomUUID(), source: 'social_donations', name: '社会捐助', openedOn: '2026-03-01' } },
      { type: 'DonationReceived', data: { fundId, donationId: 'd1', donor: '某公司', amountFen: f(4_000_000), receivedOn: '2026-03-01', restriction: { programmeKind: 'golden_autumn_education' }, pool: 'purpose:golden_autumn_education' } },
      { type: 'DonationReceived', data: { fundId, donationId: 'd2', donor: '个人', amountFen: f(100_000), receivedOn: '2026-03-02', restriction: null, pool: 'general' } },
      { type: 'AidReserved', data: { fundId, grantId, programmeId, amountFen: f(300_000), pool: 'purpose:golden_autumn_education' } },
      { type: 'AidPaidOut', data: { fundId, grantId, programmeId, amountFen: f(300_000), pool: 'purpose:golden_autumn_education', paidOn: '2026-03-03', receiptReference: 'SJ-1' } },
      { type: 'AidPaymentReversed', data: { fundId, grantId, programmeId, amountFen: f(300_000), pool: 'purpose:golden_autumn_education', reason: '重复发放', reversedOn: '2026-03-04' } },
      { type: 'FundTransferredOut', data: { fundId, transferId: 't1', toFundId: 'other', amountFen: f(50_000), reason: '调剂', transferredOn: '2026-03-05' } },
    ];
    const entries = ledgerEntriesOf(events.map((event, index) => recorded(event, `2026-03-0${index + 1}T02:00:00.000Z`)));
    expect(entries.map(({ kind, amountFen, reservedChangeFen, balanceAfterFen, reservedAfterFen, pool }) => ({ kind, amountFen, reservedChangeFen, balanceAfterFen, reservedAfterFen, pool }))).toEqual([
      { kind: 'opened', amountFen: 0, reservedChangeFen: 0, balanceAfterFen: 0, reservedAfterFen: 0, pool: null },
      { kind: 'donation', amountFen: 4_000_000, reservedChangeFen: 0, balanceAfterFen: 4_000_000, reservedAfterFen: 0, pool: 'purpose:golden_autumn_education' },
      { kind: 'donation', amountFen: 100_000, reservedChangeFen: 0, balanceAfterFen: 4_100_000, reservedAfterFen: 0, pool: 'general' },
      { kind: 'reservation', amountFen: 0, reservedChangeFen: 300_000, balanceAfterFen: 4_100_000, reservedAfterFen: 300_000, pool: 'purpose:golden_autumn_education' },
      { kind: 'payout', amountFen: -300_000, reservedChangeFen: -300_000, balanceAfterFen: 3_800_000, reservedAfterFen: 0, pool: 'purpose:golden_autumn_education' },
      { kind: 'payout_reversal', amountFen: 300_000, reservedChangeFen: 0, balanceAfterFen: 4_100_000, reservedAfterFen: 0, pool: 'purpose:golden_autumn_education' },
      { kind: 'transfer_out', amountFen: -50_000, reservedChangeFen: 0, balanceAfterFen: 4_050_000, reservedAfterFen: 0, pool: 'general' },
    ]);
    expect(entries[1]).toMatchObject({ counterpart: '某公司', reference: 'd1', valueDate: '2026-03-01', eventType: 'DonationReceived' });
    expect(entries[3]).toMatchObject({ grantId, programmeId, valueDate: '2026-03-04' }); // a reservation names no date: the day it happened, Shanghai
    expect(entries[4]).toMatchObject({ counterpart: 'SJ-1', valueDate: '2026-03-03' });
    expect(entries[6]).toMatchObject({ counterpart: 'other', description: '调剂' });
  });

  it('gives the same line and state however often it is asked (it is pure)', () => {
    const event = recorded({ type: 'FundOpened', data: { fundId, unitId: 'u', source: 'union_funds', name: '工会经费', openedOn: '2026-01-01' } });
    expect(nextLedgerEntry(EMPTY_LEDGER, event)).toEqual(nextLedgerEntry(EMPTY_LEDGER, event));
    expect(EMPTY_LEDGER).toEqual({ balanceFen: 0, reservedFen: 0, pools: {} });
  });

  it('ends where the fund decider ends, over random lawful histories, and its balance never goes below what is held', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ step: historyStep, gapMinutes: historyGaps }), { maxLength: 60 }), (steps) => {
        const fundIds: [string, string] = [randomUUID(), randomUUID()];
        const decisions = simulateFundHistory(
          {
            unitId: randomUUID(),
            fundIds,
            programmeId: randomUUID(),
            start: new Date('2026-01-05T01:00:00Z'),
            caseworker: 'caseworker',
            supervisor: 'supervisor',
            recipients: [{ kind: 'hardship_file', fileId: randomUUID(), personId: randomUUID() }],
            reason: { personId: randomUUID(), sealed: 'x' },
            thresholdFen: f(200_000),
            newId: randomUUID,
          },
          steps,
        );
        for (const id of fundIds) {
          revision = 0n;
          const stream = streamEvents(decisions, fundStreamName(id));
          const entries = ledgerEntriesOf(stream.map(({ event, occurredAt }) => recorded(event, occurredAt)));
          const state = stream.reduce<FundState>((current, { event }) => evolveFund(current, event as FundEvent), { status: 'none' });
          if (state.status !== 'open') throw new Error('the fund was opened');
          const last = entries[entries.length - 1];
          expect({ balance: last.balanceAfterFen, reserved: last.reservedAfterFen }).toEqual({ balance: state.balanceFen, reserved: state.reservedFen });
          for (const entry of entries) expect(entry.balanceAfterFen).toBeGreaterThanOrEqual(entry.reservedAfterFen);
          expect(entries.map((entry) => entry.revision)).toEqual(entries.map((_, index) => index));
          // As of any line's instant, the balance is that line's balance after (the clock only moves forward here).
          for (const entry of entries) {
            const asOf = balanceAsOf(entries, new Date(entry.occurredAt));
            expect(asOf.balanceFen).toBe(asOf.counted[asOf.counted.length - 1].balanceAfterFen);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('names the first line and field where two ledgers part', () => {
    const events: FundEvent[] = [
      { type: 'FundOpened', data: { fundId, unitId: 'u', source: 'union_funds', name: '工会经费', openedOn: '2026-01-01' } },
      { type: 'FundsAllocated', data: { fundId, allocationId: 'a', amountFen: f(1000), reference: '拨款', receivedOn: '2026-01-02' } },
    ];
    const entries = ledgerEntriesOf(events.map((event) => recorded(event)));
    expect(firstLedgerDifference(entries, entries.map((entry) => ({ ...entry })))).toBeNull();
    expect(firstLedgerDifference(entries, [entries[0], { ...entries[1], balanceAfterFen: f(999) }])).toMatchObject({
      index: 1,
      revision: 1,
      field: 'balanceAfterFen',
      replayed: 1000,
      readModel: 999,
    });
    expect(firstLedgerDifference(entries, [entries[0]])).toMatchObject({ index: 1, field: 'entry', readModel: null });
  });
});
