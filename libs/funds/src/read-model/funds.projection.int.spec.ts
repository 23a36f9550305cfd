import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { ANY, type EventToAppend, type JsonObject } from '#event-store';
import type { Actor } from '#http';
import { PersonalDataVault, personStreamName } from '#personal-data';
import type { Fen } from '#shared-kernel';
import { ManualClock } from '../../../shared-kernel/src/testing/manual-clock.js';
import { useProjectionTestBed } from '../../../../test/support/projection-test-bed.js';
import { FundBalanceHandler, FundBalanceQuery } from '../fund-queries/fund-queries.js';
import { fundStreamName } from '../funds.streams.js';
import { storedLedger } from '../fund-queries/fund-views.js';
import { historyGaps, historyStep, simulateFundHistory, type HistoryDecision } from '../testing/fund-history.js';
import { balanceAsOf, ledgerEntriesOf } from './fund-ledger.js';
import { FundsProjection } from './funds.projection.js';
import { projectionSqlOf, useProjectionSchemas } from '#projections';

const bed = useProjectionTestBed();
let vault: PersonalDataVault;

beforeAll(() => {
  vault = new PersonalDataVault(bed.dataSource, randomBytes(32));
});

const project = () => bed.project([new FundsProjection(vault)]);

/** Every row of every funds table as text, in a fixed order: what "the same rows" means. */
async function dump(): Promise<string[]> {
  const rows: { row: string }[] = await bed.dataSource.query(
    `SELECT t::text AS row FROM read_model.funds t
     UNION ALL SELECT t::text FROM read_model.fund_ledger t
     UNION ALL SELECT t::text FROM read_model.aid_programmes t
     UNION ALL SELECT t::text FROM read_model.aid_grants t
     UNION ALL SELECT t::text FROM read_model.aid_policies t
     ORDER BY 1`,
  );
  return rows.map((row) => row.row);
}

async function append(decisions: readonly HistoryDecision[]): Promise<void> {
  for (const decision of decisions) {
    await bed.store.appendToStreams(
      decision.appends.map(({ streamName, events }) => ({
        streamName,
        expectedRevision: ANY,
        events: events.map(
          (event): EventToAppend => ({
            type: event.type,
            data: event.data as JsonObject,
            metadata: { eventId: randomUUID(), occurredAt: decision.occurredAt, actor: decision.actor, correlationId: 'c', causationId: 'c', schemaVersion: 1 },
          }),
        ),
      })),
    );
  }
}

const unitId = randomUUID();
const fundIds: [string, string] = [randomUUID(), randomUUID()];
let decisions: HistoryDecision[];
let workerPersonId: string;

describe('funds projection', () => {
  it('keeps each fund’s ledger exactly as the pure function rebuilds it from the fund’s stream', async () => {
    await bed.dataSource.query(`INSERT INTO read_model.units (id, name, level, parent_id, path, revision, updated_at) VALUES ($1, '尧都区总工会', 'district', NULL, $2, 0, now())`, [
      unitId,
      `/${unitId}/`,
    ]);
    workerPersonId = await vault.enrolWithoutResidentId();
    const worker = await vault.seal(workerPersonId, { name: '李建国', residentId: '11010519491231002X' });
    const steps = fc.sample(fc.array(fc.record({ step: historyStep, gapMinutes: historyGaps }), { minLength: 80, maxLength: 80 }), { numRuns: 1, seed: 20261122 })[0];
    decisions = simulateFundHistory(
      {
        unitId,
        fundIds,
        programmeId: randomUUID(),
        start: new Date('2026-01-05T01:00:00Z'),
        caseworker: randomUUID(),
        supervisor: randomUUID(),
        recipients: [
          { kind: 'worker', personId: workerPersonId, worker },
          { kind: 'hardship_file', fileId: randomUUID(), personId: randomUUID() },
        ],
        reason: await vault.seal(workerPersonId, { reason: '子女上学' }),
        thresholdFen: 200_000 as Fen,
        newId: randomUUID,
      },
      steps,
    );
    await append(decisions);
    await project();

    for (const fundId of fundIds) {
      const replayed = ledgerEntriesOf(await bed.store.readStream(fundStreamName(fundId)));
      expect(replayed.length).toBeGreaterThan(3);
      expect(await storedLedger(bed.dataSource.manager, fundId)).toEqual(replayed);
      const [row] = await bed.dataSource.query(`SELECT balance_fen::int, reserved_fen::int, available_fen::int FROM read_model.funds WHERE id = $1`, [fundId]);
      const last = replayed[replayed.length - 1];
      expect(row).toEqual({ balance_fen: last.balanceAfterFen, reserved_fen: last.reservedAfterFen, available_fen: last.balanceAfterFen - last.reservedAfterFen });
    }
    const [{ named }] = await bed.dataSource.query(`SELECT count(*)::int AS named FROM read_model.aid_grants WHERE recipient_name = '李建国'`);
    const [{ workers }] = await bed.dataSource.query(`SELECT count(*)::int AS workers FROM read_model.aid_grants WHERE recipient_kind = 'worker'`);
    expect(named).toBe(workers);
    expect((await dump()).join('\n')).not.toContain('11010519491231002X');
  });

  it('changes nothing when the whole log is applied again, or one event twice', async () => {
    const before = await dump();
    await bed.dataSource.query(`UPDATE read_model.projection_checkpoints SET commit_position = 0, prepare_position = 0 WHERE projection = 'funds'`);
    await project();
    expect(await dump()).toEqual(before);

    const [last] = await bed.store.readStream(fundStreamName(fundIds[0]), { direction: 'backwards', maxCount: 1 });
    await bed.dataSource.transaction(async (manager) => {
      await useProjectionSchemas(manager);
      const sql = await projectionSqlOf(manager);
      await new FundsProjection(vault).apply(last, sql);
      await sql.settle();
    });
    expect(await dump()).toEqual(before);
  });

  it('answers the balance as of any instant as the events that happened by then add up to', async () => {
    const handler = new FundBalanceHandler(bed.dataSource, new ManualClock('2027-01-01T00:00:00Z'));
    const actor: Actor = { userId: 'auditor', username: 'auditor', role: 'auditor', unitId, sessionId: 's' };
    const instants = [...new Set(decisions.map((decision) => decision.occurredAt))];
    for (const fundId of fundIds) {
      const replayed = ledgerEntriesOf(await bed.store.readStream(fundStreamName(fundId)));
      for (const instant of [instants[3], instants[Math.floor(instants.length / 2)], instants[instants.length - 2]]) {
        const justBefore = new Date(Date.parse(instant) - 1).toISOString();
        for (const asOf of [instant, justBefore]) {
          const expected = balanceAsOf(replayed, new Date(asOf));
          const answer = await handler.execute(new FundBalanceQuery(fundId, asOf, actor));
          expect(answer).toMatchObject({ balanceFen: expected.balanceFen, reservedFen: expected.reservedFen, entriesCounted: expected.counted.length });
          expect(answer.lastEntry?.revision).toBe(expected.counted[expected.counted.length - 1]?.revision);
        }
      }
      // A date means the end of that day in Asia/Shanghai: 2026-01-05 ends at 16:00 UTC.
      const endOfDay = await handler.execute(new FundBalanceQuery(fundId, '2026-01-05', actor));
      expect(endOfDay.asOf).toBe('2026-01-05T15:59:59.999Z');
      expect(endOfDay.balanceFen).toBe(balanceAsOf(replayed, new Date('2026-01-05T15:59:59.999Z')).balanceFen);
    }
  });

  it('forgets a worker’s name when they are erased, and a replay after the erasure gives the same rows', async () => {
    await vault.destroyKey(workerPersonId);
    await bed.store.appendToStream(personStreamName(workerPersonId), ANY, [
      {
        type: 'PersonalDataErased',
        data: { personId: workerPersonId, reason: 'data_subject_request' },
        metadata: { eventId: randomUUID(), occurredAt: '2026-11-01T00:00:00Z', actor: 'admin', correlationId: 'c', causationId: 'c', schemaVersion: 1 },
      },
    ]);
    await project();
    const rows: { recipient_name: string | null; personal_data_erased: boolean }[] = await bed.dataSource.query(
      `SELECT recipient_name, personal_data_erased FROM read_model.aid_grants WHERE person_id = $1`,
      [workerPersonId],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.recipient_name === null && row.personal_data_erased)).toBe(true);
    const after = await dump();
    await bed.dataSource.query(`TRUNCATE read_model.funds, read_model.fund_ledger, read_model.aid_programmes, read_model.aid_grants, read_model.aid_policies`);
    await bed.dataSource.query(`UPDATE read_model.projection_checkpoints SET commit_position = 0, prepare_position = 0 WHERE projection = 'funds'`);
    await project();
    expect(await dump()).toEqual(after);
  });
});
