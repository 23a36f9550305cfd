import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { NO_STREAM } from '../expected-revision.js';
import { comparePositions, START } from '../position.js';
import { describeEventStoreContract, readWholeLog, testEvent } from '../testing/event-store-contract.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { APPEND_SQL, PROGRESS_SQL } from './sql.js';

let database: TestDatabase;
let store: PostgresEventStore;

beforeAll(async () => {
  database = await createTestDatabase();
  store = new PostgresEventStore({
    pool: database.pool,
    listenConnection: { connectionString: database.connectionString },
    pollIntervalMs: 100,
  });
});

afterAll(async () => {
  await store.close();
  await database.drop();
});

describeEventStoreContract('PostgreSQL', () => store);

/** Appends inside a transaction the test controls, the way a slow writer would hold one open. */
async function beginAppend(streamName: string, type: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: database.connectionString });
  await client.connect();
  await client.query('BEGIN');
  const event = testEvent(type);
  const payload = JSON.stringify([
    { ord: 0, stream_name: streamName, expected_kind: 'no_stream', expected_revision: null, events: [{ ...event, eventId: event.metadata.eventId }] },
  ]);
  await client.query(APPEND_SQL, [payload]);
  return client;
}

describe('PostgreSQL event store: the global log under concurrent transactions', () => {
  it('never lets a reader pass an event whose transaction commits after a later position was committed', async () => {
    const start = await store.headPosition();
    // The slow transaction takes its position first, then stays open while others commit after it.
    const slow = await beginAppend('gap-slow', 'Slow');
    await store.appendToStream('gap-fast-1', NO_STREAM, [testEvent('Fast1')]);
    await store.appendToStream('gap-fast-2', NO_STREAM, [testEvent('Fast2')]);

    const whileOpen = await readWholeLog(store, start);
    expect(whileOpen.map((e) => e.type)).toEqual([]);

    await slow.query('COMMIT');
    await slow.end();
    const afterCommit = await readWholeLog(store, start);
    expect(afterCommit.map((e) => e.type)).toEqual(['Slow', 'Fast1', 'Fast2']);
  });

  it('counts, in its progress, events committed behind an open transaction, but not the open one', async () => {
    const start = await store.headPosition();
    const slow = await beginAppend('progress-slow', 'Slow');
    await store.appendToStream('progress-fast-1', NO_STREAM, [testEvent('Fast1')]);
    await store.appendToStream('progress-fast-2', NO_STREAM, [testEvent('Fast2')]);
    const [fast1] = await store.readStream('progress-fast-1');
    const [fast2] = await store.readStream('progress-fast-2');

    // A reader cannot see past the open transaction yet, but the committed log has moved on by two events.
    expect(comparePositions(await store.headPosition(), start)).toBe(0);
    expect(await store.progressAfter(start)).toEqual({ head: fast2.position, eventsAfter: 2, exact: true, oldestRecordedAt: fast1.recordedAt });

    await slow.query('COMMIT');
    await slow.end();
    const [late] = await store.readStream('progress-slow');
    // Committed now, it counts, and it is the oldest: its transaction began first.
    expect(await store.progressAfter(start)).toEqual({ head: fast2.position, eventsAfter: 3, exact: true, oldestRecordedAt: late.recordedAt });
    expect(comparePositions(await store.headPosition(), fast2.position)).toBe(0);
  });

  it('a checkpointed reader sees an event that committed late, behind its checkpoint position order', async () => {
    const start = await store.headPosition();
    const slow = await beginAppend('late-slow', 'Late');
    await store.appendToStream('late-fast', NO_STREAM, [testEvent('Early')]);
    const firstPass = await readWholeLog(store, start);
    const checkpoint = firstPass.length ? firstPass[firstPass.length - 1].position : start;
    await slow.query('COMMIT');
    await slow.end();
    const secondPass = await readWholeLog(store, checkpoint);
    expect([...firstPass, ...secondPass].map((e) => e.type)).toEqual(['Late', 'Early']);
  });

  it('delivers every event exactly once to a live subscriber while many writers commit out of order', async () => {
    const start = await store.headPosition();
    const controller = new AbortController();
    const received: string[] = [];
    const writers = 8;
    const perWriter = 15;
    const total = writers * perWriter;
    const subscriber = (async () => {
      for await (const batch of store.subscribeToAll({ after: start, signal: controller.signal, maxBatchSize: 10 })) {
        received.push(...batch.events.map((e) => e.metadata.eventId));
        if (received.length >= total) controller.abort();
      }
    })();

    const written: string[] = [];
    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        const client = new pg.Client({ connectionString: database.connectionString });
        await client.connect();
        for (let i = 0; i < perWriter; i++) {
          const event = testEvent('Concurrent');
          written.push(event.metadata.eventId);
          await client.query('BEGIN');
          await client.query(APPEND_SQL, [
            JSON.stringify([{ ord: 0, stream_name: `w${writer}-${i}`, expected_kind: 'no_stream', expected_revision: null, events: [{ ...event, eventId: event.metadata.eventId }] }]),
          ]);
          // Random hold times make transactions commit in an order unlike their positions.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
          await client.query('COMMIT');
        }
        await client.end();
      }),
    );
    const timeout = setTimeout(() => controller.abort(), 15_000);
    await subscriber;
    clearTimeout(timeout);
    expect(received).toHaveLength(total);
    expect(new Set(received)).toEqual(new Set(written));
  });

  it('orders by transaction id as a number when the ids grow by a digit', async () => {
    const start = await store.headPosition();
    await store.appendToStream('digits-before', NO_STREAM, [testEvent('Before')]);
    const client = await database.pool.connect();
    try {
      const { rows } = await client.query(`SELECT pg_current_xact_id()::text::bigint AS xid`);
      const current = Number(rows[0].xid);
      const nextPowerOfTen = 10 ** String(current).length;
      // Each exception block is a subtransaction, and each write in one takes a transaction id.
      await client.query('CREATE TEMP TABLE burn (n int)');
      await client.query(`DO $$ BEGIN FOR i IN 1..${nextPowerOfTen - current + 5} LOOP
        BEGIN INSERT INTO burn VALUES (i); EXCEPTION WHEN others THEN NULL; END; END LOOP; END $$`);
      await client.query('DROP TABLE burn');
    } finally {
      client.release();
    }
    await store.appendToStream('digits-after', NO_STREAM, [testEvent('After')]);
    const read = await readWholeLog(store, start, 1);
    expect(read.map((e) => e.type)).toEqual(['Before', 'After']);
    expect(String(read[1].position.commit).length).toBeGreaterThan(String(read[0].position.commit).length);
    expect(comparePositions(await store.headPosition(), read[1].position)).toBe(0);
  });

  it('refuses to update, delete or truncate the log', async () => {
    await store.appendToStream('immutable', NO_STREAM, [testEvent('Kept')]);
    await expect(database.pool.query(`UPDATE event_store.events SET data = '{}' WHERE stream_name = 'immutable'`)).rejects.toThrow(/append-only/);
    await expect(database.pool.query(`DELETE FROM event_store.events WHERE stream_name = 'immutable'`)).rejects.toThrow(/append-only/);
    await expect(database.pool.query(`TRUNCATE event_store.events`)).rejects.toThrow(/append-only/);
    expect(await store.readStream('immutable')).toHaveLength(1);
  });

  it('reads the log by walking the (transaction, position) index, not by sorting the table', async () => {
    const client = await database.pool.connect();
    await client.query('ANALYZE event_store.events');
    // A tiny test table would be scanned whole; the plan that matters is the one for a large log.
    await client.query('SET enable_seqscan = off');
    const { rows } = await client.query(
      `EXPLAIN SELECT * FROM event_store.events WHERE (transaction_id, global_position) > ('0'::xid8, 0)
       AND transaction_id < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY transaction_id, global_position LIMIT 100`,
    );
    await client.query('RESET enable_seqscan');
    client.release();
    const plan = rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/Index Scan using events_log_order/);
    expect(plan).not.toMatch(/Sort/);
    expect(comparePositions(await store.headPosition(), START)).toBe(1);
  });

  it('measures progress from the (transaction, position) index, counting without touching the table', async () => {
    const client = await database.pool.connect();
    await client.query('VACUUM ANALYZE event_store.events');
    await client.query('SET enable_seqscan = off');
    const { rows } = await client.query(`EXPLAIN ${PROGRESS_SQL.replace(/\$1/g, "'0'").replace(/\$2/g, '0').replace(/\$3/g, '100001')}`);
    await client.query('RESET enable_seqscan');
    client.release();
    const plan = rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/Index Only Scan using events_log_order/);
    expect(plan).toMatch(/Index (Only )?Scan Backward using events_log_order/);
    expect(plan).not.toMatch(/Sort/);
  });
});

describe('PostgreSQL event store: waking subscribers after an append commits', () => {
  /** A subscriber that would otherwise poll only once a minute: anything it sees sooner came from a wake-up. */
  async function firstEventSeenWithin(subscriber: PostgresEventStore, append: () => Promise<unknown>): Promise<number> {
    const start = await subscriber.headPosition();
    const controller = new AbortController();
    const seen = (async () => {
      for await (const batch of subscriber.subscribeToAll({ after: start, signal: controller.signal })) {
        if (batch.events.length) return performance.now();
      }
      return Number.POSITIVE_INFINITY;
    })();
    // Let the subscription reach the head and start waiting.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const appendedAt = performance.now();
    await append();
    const timeout = setTimeout(() => controller.abort(), 10_000);
    const seenAt = await seen;
    clearTimeout(timeout);
    controller.abort();
    return seenAt - appendedAt;
  }

  it('wakes a subscriber in the same process without waiting for its poll', async () => {
    const slow = new PostgresEventStore({ pool: database.pool, listenConnection: { connectionString: database.connectionString }, pollIntervalMs: 60_000 });
    try {
      const delay = await firstEventSeenWithin(slow, () => slow.appendToStream(`wake-local-${Date.now()}`, NO_STREAM, [testEvent('Woken')]));
      expect(delay).toBeLessThan(5_000);
    } finally {
      await slow.close();
    }
  });

  it('wakes a subscriber of another store (another process) through NOTIFY sent after the commit', async () => {
    const otherPool = new pg.Pool({ connectionString: database.connectionString, max: 2 });
    const writer = new PostgresEventStore({ pool: otherPool, listenConnection: { connectionString: database.connectionString } });
    const slow = new PostgresEventStore({ pool: database.pool, listenConnection: { connectionString: database.connectionString }, pollIntervalMs: 60_000 });
    try {
      const delay = await firstEventSeenWithin(slow, () => writer.appendToStream(`wake-remote-${Date.now()}`, NO_STREAM, [testEvent('Woken')]));
      expect(delay).toBeLessThan(5_000);
    } finally {
      await slow.close();
      await writer.close();
      await otherPool.end();
    }
  });

  it('no longer notifies from inside the appending transaction', async () => {
    const { rows } = await database.pool.query(`SELECT tgname FROM pg_trigger WHERE tgrelid = 'event_store.events'::regclass AND tgname = 'events_notify_appended'`);
    expect(rows).toEqual([]);
  });
});
