import { generateKeyPairSync } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ANY, PostgresEventStore, type RecordedEvent } from '#event-store';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { testEvent } from '../../event-store/src/testing/event-store-contract.js';
import { ManualClock } from '../../shared-kernel/src/testing/manual-clock.js';
import { AuditTrail, type AuditTrailOptions } from './audit-trail.service.js';
import { alterEventData, deleteEvent, rewriteChainFromLog, swapLogOrder } from './testing/tamper.js';

/** One fresh database per case: each tampers with its own log. */
interface Setup {
  database: TestDatabase;
  store: PostgresEventStore;
  dataSource: DataSource;
  clock: ManualClock;
  auditTrail: AuditTrail;
  events: RecordedEvent[];
}

const opened: Setup[] = [];

async function setUp(options: Partial<AuditTrailOptions> = {}, appends = 12): Promise<Setup> {
  const database = await createTestDatabase();
  const store = new PostgresEventStore({ pool: database.pool, listenConnection: { connectionString: database.connectionString }, pollIntervalMs: 50 });
  const dataSource = new DataSource({ type: 'postgres', url: database.connectionString, synchronize: false });
  await dataSource.initialize();
  const clock = new ManualClock('2026-11-22T08:00:00.000Z');
  const auditTrail = new AuditTrail(store, dataSource, clock, {
    signingKey: generateKeyPairSync('ed25519').privateKey,
    sealerEnabled: false,
    checkpointEvery: 5,
    checkpointIntervalMs: 60_000,
    pollIntervalMs: 20,
    ...options,
  });
  // One append (so one transaction) per event, over three streams.
  for (let i = 0; i < appends; i++) await store.appendToStream(`case-${i % 3}`, ANY, [testEvent('CaseNoted', { n: i, note: `note ${i}` })]);
  const events = (await store.readAll({ maxCount: 1000 })).events as RecordedEvent[];
  const setup = { database, store, dataSource, clock, auditTrail, events };
  opened.push(setup);
  return setup;
}

afterEach(async () => {
  for (const { auditTrail, dataSource, store, database } of opened.splice(0)) {
    await auditTrail.beforeApplicationShutdown();
    await dataSource.destroy();
    await store.close();
    await database.drop();
  }
});

const chainOf = async (dataSource: DataSource) =>
  (await dataSource.query(`SELECT sequence::int, event_id::text FROM audit.event_chain ORDER BY sequence`)) as { sequence: number; event_id: string }[];
const checkpointSequences = async (dataSource: DataSource) =>
  ((await dataSource.query(`SELECT sequence::int FROM audit.checkpoints ORDER BY sequence`)) as { sequence: number }[]).map((row) => row.sequence);

async function eventually(check: () => Promise<void>, timeoutMs = 5000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

describe('the sealer', () => {
  it('chains the log in order, then follows it live, with a checkpoint every N events', async () => {
    const { auditTrail, dataSource, store, events } = await setUp({ sealerEnabled: true });
    auditTrail.onApplicationBootstrap();
    await eventually(async () => expect((await chainOf(dataSource)).map((link) => link.event_id)).toEqual(events.map((e) => e.metadata.eventId)));
    expect(await checkpointSequences(dataSource)).toEqual([5, 10]);

    for (let i = 0; i < 4; i++) await store.appendToStream('case-live', ANY, [testEvent('CaseNoted', { n: 100 + i })]);
    await eventually(async () => expect(await chainOf(dataSource)).toHaveLength(16));
    expect(await checkpointSequences(dataSource)).toEqual([5, 10, 15]);
    expect(await auditTrail.lag()).toMatchObject({ running: true, chainedEvents: 16, eventsBehind: 0, latestCheckpoint: { sequence: 15 } });
    expect((await auditTrail.verify()).ok).toBe(true);
  });

  it('records a checkpoint when the interval has passed since the last and anything was chained since', async () => {
    const { auditTrail, dataSource, store, clock } = await setUp({ checkpointEvery: 1000 }, 3);
    await auditTrail.checkpointNow();
    expect(await checkpointSequences(dataSource)).toEqual([3]);
    await store.appendToStream('case-0', ANY, [testEvent('CaseNoted', { n: 3 })]);
    clock.set('2026-11-22T08:00:59.000Z');
    await auditTrail['sealer'].sealBatch();
    expect(await checkpointSequences(dataSource)).toEqual([3]);
    clock.set('2026-11-22T08:01:00.000Z');
    await auditTrail['sealer'].sealBatch();
    expect(await checkpointSequences(dataSource)).toEqual([3, 4]);
    // Nothing new: no checkpoint, however long it has been.
    clock.set('2026-11-22T09:00:00.000Z');
    await auditTrail['sealer'].sealBatch();
    expect(await checkpointSequences(dataSource)).toEqual([3, 4]);
  });

  it('never chains an event twice when two processes seal at once', async () => {
    const { auditTrail, dataSource, store, events } = await setUp({}, 30);
    const other = new AuditTrail(store, dataSource, new ManualClock('2026-11-22T08:00:00.000Z'), auditTrail['options']);
    await Promise.all([auditTrail.checkpointNow(), other.checkpointNow(), auditTrail.checkpointNow()]);
    expect((await chainOf(dataSource)).map((link) => link.event_id)).toEqual(events.map((e) => e.metadata.eventId));
    expect(await auditTrail.verify()).toMatchObject({ ok: true, verifiedEvents: 30, latestCheckpoint: { sequence: 30 } });
  });

  it('keeps the chain and its checkpoints append-only', async () => {
    const { auditTrail, dataSource } = await setUp({}, 2);
    await auditTrail.checkpointNow();
    await expect(dataSource.query(`UPDATE audit.event_chain SET stream_name = 'x'`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM audit.checkpoints`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`TRUNCATE audit.event_chain`)).rejects.toThrow(/append-only/);
  });
});

describe('verify, after someone changed the rows in PostgreSQL', () => {
  it('holds for the untouched log, up to the latest checkpoint', async () => {
    const { auditTrail, store } = await setUp();
    const checkpoint = await auditTrail.checkpointNow();
    await store.appendToStream('case-0', ANY, [testEvent('CaseNoted', { n: 'later' })]);
    const report = await auditTrail.verify();
    expect(report).toMatchObject({ ok: true, verifiedEvents: 12, chainedEvents: 12, unsealedEvents: 1, checkpointsHeld: 3, latestCheckpoint: checkpoint });
    expect(checkpoint).toMatchObject({ sequence: 12 });
    expect(report.firstProblem).toBeUndefined();
  });

  it('names the exact event whose data was updated as altered', async () => {
    const { auditTrail, database, events } = await setUp();
    await auditTrail.checkpointNow();
    const victim = events[6];
    await alterEventData(database.pool, victim.metadata.eventId, { ...victim.data, note: 'rewritten' });
    const report = await auditTrail.verify();
    expect(report).toMatchObject({ ok: false, verifiedEvents: 6 });
    expect(report.firstProblem).toMatchObject({
      kind: 'altered',
      sequence: 7,
      event: { eventId: victim.metadata.eventId, streamName: victim.streamName, revision: Number(victim.revision), position: `${victim.position.commit}/${victim.position.prepare}` },
    });
  });

  it('names the exact event whose row was deleted as removed', async () => {
    const { auditTrail, database, events } = await setUp();
    await auditTrail.checkpointNow();
    const victim = events[4];
    await deleteEvent(database.pool, victim.metadata.eventId);
    const { ok, firstProblem } = await auditTrail.verify();
    expect(ok).toBe(false);
    expect(firstProblem).toMatchObject({ kind: 'removed', sequence: 5, event: { eventId: victim.metadata.eventId, streamName: victim.streamName, revision: Number(victim.revision) } });
  });

  it('names the first moved event as reordered when two rows swap places in the log', async () => {
    const { auditTrail, database, events } = await setUp();
    await auditTrail.checkpointNow();
    await swapLogOrder(database.pool, events[3].metadata.eventId, events[4].metadata.eventId);
    const { ok, firstProblem } = await auditTrail.verify();
    expect(ok).toBe(false);
    expect(firstProblem).toMatchObject({
      kind: 'reordered',
      sequence: 4,
      event: { eventId: events[4].metadata.eventId, sequence: 5 },
      expected: { eventId: events[3].metadata.eventId, sequence: 4 },
    });
  });

  it('names the checkpoint, and the places it covers, when the chain was rewritten to match an altered event', async () => {
    const { auditTrail, database, store, events } = await setUp();
    await auditTrail.checkpointNow();
    const victim = events[6];
    await alterEventData(database.pool, victim.metadata.eventId, { ...victim.data, note: 'rewritten' });
    await rewriteChainFromLog(database.pool, store);
    const { ok, firstProblem, latestCheckpoint, verifiedEvents } = await auditTrail.verify();
    expect(ok).toBe(false);
    expect(verifiedEvents).toBe(10);
    expect(latestCheckpoint).toMatchObject({ sequence: 5 });
    expect(firstProblem).toMatchObject({ kind: 'checkpoint_mismatch', sequence: 10, checkpoint: { sequence: 10 }, between: { fromSequence: 6, toSequence: 10 } });
  });

  it('catches an event inserted with an old transaction id, before the chain\'s head', async () => {
    const { auditTrail, database, events } = await setUp();
    await auditTrail.checkpointNow();
    const { rows } = await database.pool.query<{ transaction_id: string }>(`SELECT transaction_id::text FROM event_store.events WHERE event_id = $1`, [events[2].metadata.eventId]);
    const intruder = testEvent('CaseNoted', { n: 'slipped in' });
    await database.pool.query(
      `INSERT INTO event_store.events (transaction_id, stream_name, revision, event_id, event_type, data, metadata) VALUES ($1::xid8, 'case-x', 0, $2, $3, $4, $5)`,
      [rows[0].transaction_id, intruder.metadata.eventId, intruder.type, intruder.data, intruder.metadata],
    );
    const { firstProblem } = await auditTrail.verify();
    expect(firstProblem).toMatchObject({ kind: 'inserted', sequence: 4, event: { eventId: intruder.metadata.eventId, streamName: 'case-x' }, expected: { eventId: events[3].metadata.eventId } });
  });

  it('checks a checkpoint an auditor kept, when the stored checkpoints and the chain were rewritten', async () => {
    const { auditTrail, database, store, events } = await setUp();
    const kept = (await auditTrail.checkpointNow())!;
    expect(await auditTrail.verify({ keptCheckpoint: kept })).toMatchObject({ ok: true, keptCheckpoint: { sequence: 12, held: true } });
    await alterEventData(database.pool, events[11].metadata.eventId, { tampered: true });
    await rewriteChainFromLog(database.pool, store);
    await database.pool.query('BEGIN; SET LOCAL session_replication_role = replica; DELETE FROM audit.checkpoints WHERE sequence > 10; COMMIT');
    // Without the kept copy the change is past the last checkpoint left, so it cannot be seen...
    expect((await auditTrail.verify()).ok).toBe(true);
    // ...with it, it can.
    const report = await auditTrail.verify({ keptCheckpoint: kept });
    expect(report).toMatchObject({ ok: false, keptCheckpoint: { sequence: 12, held: false }, firstProblem: { kind: 'checkpoint_mismatch', sequence: 12, between: { fromSequence: 11, toSequence: 12 } } });
  });
});
