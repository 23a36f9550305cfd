import { DataSource } from 'typeorm';
import pg from 'pg';
import { ANY, formatPosition, PostgresEventStore, START, type RecordedEvent } from '#event-store';
import { APPEND_SQL } from '../../event-store/src/postgres/sql.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { testEvent } from '../../event-store/src/testing/event-store-contract.js';
import type { Projection } from './projection.js';
import type { ProjectionSql } from './projection-sql.js';
import { Projector } from './projector.js';

let database: TestDatabase;
let store: PostgresEventStore;
let dataSource: DataSource;
const quiet = { log: () => undefined, error: () => undefined };

beforeAll(async () => {
  database = await createTestDatabase();
  store = new PostgresEventStore({ pool: database.pool, listenConnection: { connectionString: database.connectionString }, pollIntervalMs: 50 });
  dataSource = new DataSource({ type: 'postgres', url: database.connectionString, synchronize: false });
  await dataSource.initialize();
  await dataSource.query(`CREATE TABLE read_model.tally (stream text PRIMARY KEY, applied int NOT NULL)`);
});

afterAll(async () => {
  await dataSource.destroy();
  await store.close();
  await database.drop();
});

/** Counts how many times each event was applied, per stream: exactly-once shows as applied = appended. */
class TallyProjection implements Projection {
  readonly eventTypes = ['Counted'];
  readonly tables = ['tally'];
  failuresLeft = 0;
  badWritesLeft = 0;
  constructor(readonly name: string) {}

  async apply(event: RecordedEvent, sql: ProjectionSql): Promise<void> {
    sql.write(
      `INSERT INTO read_model.tally (stream, applied) VALUES ($1, 1)
       ON CONFLICT (stream) DO UPDATE SET applied = tally.applied + 1`,
      [`${this.name}:${event.streamName}`],
    );
    if (event.data.badWriteOnce && this.badWritesLeft > 0) {
      this.badWritesLeft--;
      // Sent without waiting, like every write: it fails on the server after apply has returned.
      sql.write(`INSERT INTO read_model.tally (stream, applied) VALUES ($1, 'not a number')`, [`${this.name}:${event.streamName}`]);
    }
    if (event.data.failOnce && this.failuresLeft > 0) {
      this.failuresLeft--;
      throw new Error('projection bug, fixed on retry');
    }
  }
}

async function tally(projection: string): Promise<Record<string, number>> {
  const rows: { stream: string; applied: number }[] = await dataSource.query(
    `SELECT stream, applied FROM read_model.tally WHERE stream LIKE $1 ORDER BY stream`,
    [`${projection}:%`],
  );
  return Object.fromEntries(rows.map((row) => [row.stream.slice(projection.length + 1), row.applied]));
}

async function appendCounted(stream: string, count: number, data: Record<string, unknown> = {}) {
  for (let i = 0; i < count; i++) await store.appendToStream(stream, ANY, [testEvent('Counted', data)]);
}

describe('projector', () => {
  it('applies the past, then live events, each exactly once, and ignores types it does not handle', async () => {
    await appendCounted('a', 3);
    await store.appendToStream('a', ANY, [testEvent('Ignored')]);
    const projection = new TallyProjection('p1');
    const projector = new Projector(store, dataSource, [projection], quiet, { maxBatchSize: 2 });
    projector.start();
    await appendCounted('b', 4);
    await projector.waitFor(await store.headPosition());
    await projector.stop();
    expect(await tally('p1')).toEqual({ a: 3, b: 4 });
    const [lag] = await projector.lag();
    expect(lag).toMatchObject({ projection: 'p1', eventsBehind: 0, millisecondsBehind: 0 });
  });

  it('never applies a batch twice when two processes run the same projection', async () => {
    await appendCounted('c', 10);
    const first = new Projector(store, dataSource, [new TallyProjection('p2')], quiet, { maxBatchSize: 3 });
    const second = new Projector(store, dataSource, [new TallyProjection('p2')], quiet, { maxBatchSize: 3 });
    first.start();
    second.start();
    await appendCounted('d', 5);
    await first.waitFor(await store.headPosition());
    await Promise.all([first.stop(), second.stop()]);
    expect(await tally('p2')).toMatchObject({ c: 10, d: 5 });
  });

  it('rolls back a failed batch with its checkpoint and resumes from the checkpoint', async () => {
    const projection = new TallyProjection('p3');
    projection.failuresLeft = 1;
    await appendCounted('e', 2);
    await appendCounted('e', 1, { failOnce: true });
    await appendCounted('e', 2);
    const projector = new Projector(store, dataSource, [projection], quiet, { maxBatchSize: 100, retryDelayMs: 20 });
    projector.start();
    await projector.waitFor(await store.headPosition());
    await projector.stop();
    expect(projection.failuresLeft).toBe(0);
    // Everything before the p3 run happened too; only stream e counts here. Five events, five applications.
    expect((await tally('p3')).e).toBe(5);
  });

  it('rolls back the whole batch when a statement it sent without waiting fails on the server', async () => {
    const projection = new TallyProjection('p6');
    projection.badWritesLeft = 1;
    await appendCounted('h', 3);
    await appendCounted('h', 1, { badWriteOnce: true });
    await appendCounted('h', 2);
    const errors: string[] = [];
    const projector = new Projector(store, dataSource, [projection], { log: () => undefined, error: (message) => errors.push(message) }, {
      maxBatchSize: 100,
      retryDelayMs: 20,
    });
    projector.start();
    await projector.waitFor(await store.headPosition());
    await projector.stop();
    expect(projection.badWritesLeft).toBe(0);
    expect(errors.join('\n')).toMatch(/invalid input syntax for type integer/);
    // The three events before the bad statement were in its batch: rolled back with it, then applied once.
    expect((await tally('p6')).h).toBe(6);
  });

  it('moves its checkpoint past events of types it does not handle, which it does not read', async () => {
    await appendCounted('k', 2);
    for (let i = 0; i < 5; i++) await store.appendToStream('k-other', ANY, [testEvent('Ignored')]);
    const head = await store.headPosition();
    const projector = new Projector(store, dataSource, [new TallyProjection('p7')], quiet, { maxBatchSize: 3 });
    projector.start();
    try {
      await projector.waitFor(head);
      const [lag] = await projector.lag();
      expect(lag).toMatchObject({ projection: 'p7', checkpoint: formatPosition(head), eventsBehind: 0 });
      expect((await tally('p7')).k).toBe(2);
      const filtered = await store.readAll({ after: START, maxCount: 10_000, eventTypes: ['Counted'] });
      expect(filtered.events.every((event) => event.type === 'Counted')).toBe(true);
      expect(filtered.lastPosition).toEqual(head);
    } finally {
      await projector.stop();
    }
  });

  it('resumes after a restart from its stored checkpoint without reapplying', async () => {
    await appendCounted('f', 3);
    const before = new Projector(store, dataSource, [new TallyProjection('p4')], quiet);
    before.start();
    await before.waitFor(await store.headPosition());
    await before.stop();
    await appendCounted('f', 2);
    const after = new Projector(store, dataSource, [new TallyProjection('p4')], quiet);
    after.start();
    await after.waitFor(await store.headPosition());
    await after.stop();
    expect((await tally('p4')).f).toBe(5);
  });

  it('counts in its lag the events committed behind a transaction still open, and drops to 0 once it commits', async () => {
    const projection = new TallyProjection('p5');
    const projector = new Projector(store, dataSource, [projection], quiet, { maxBatchSize: 2 });
    projector.start();
    try {
      await projector.waitFor(await store.headPosition());
      const [before] = await projector.lag();
      expect(before).toMatchObject({ eventsBehind: 0, eventsBehindCapped: false, positionsBehind: 0, millisecondsBehind: 0 });

      // A slow writer takes its place in the log first and keeps its transaction open; two appends commit after it.
      const slow = new pg.Client({ connectionString: database.connectionString });
      await slow.connect();
      await slow.query('BEGIN');
      const held = testEvent('Counted');
      await slow.query(APPEND_SQL, [
        JSON.stringify([{ ord: 0, stream_name: 'g-slow', expected_kind: 'no_stream', expected_revision: null, events: [{ ...held, eventId: held.metadata.eventId }] }]),
      ]);
      await appendCounted('g', 2);
      const [, second] = await store.readStream('g');
      await new Promise((resolve) => setTimeout(resolve, 30));

      // The projector cannot pass the open transaction, so it stays put; the two committed events show as lag.
      const [whileOpen] = await projector.lag();
      expect(whileOpen).toMatchObject({
        projection: 'p5',
        checkpoint: before.checkpoint,
        headPosition: formatPosition(second.position),
        eventsBehind: 2,
        eventsBehindCapped: false,
      });
      expect(whileOpen.positionsBehind).toBeGreaterThanOrEqual(1);
      expect(whileOpen.millisecondsBehind).toBeGreaterThan(0);
      expect(await tally('p5')).not.toHaveProperty('g');

      await slow.query('COMMIT');
      await slow.end();
      await projector.waitFor(second.position);
      const [after] = await projector.lag();
      expect(after).toMatchObject({ checkpoint: formatPosition(second.position), eventsBehind: 0, positionsBehind: 0, millisecondsBehind: 0 });
      expect(await tally('p5')).toMatchObject({ g: 2, 'g-slow': 1 });
    } finally {
      await projector.stop();
    }
  });
});
