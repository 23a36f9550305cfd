import pg from 'pg';
import { DataSource } from 'typeorm';
import { ANY, comparePositions, formatPosition, PostgresEventStore, type RecordedEvent } from '#event-store';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { testEvent } from '../../event-store/src/testing/event-store-contract.js';
import { readCheckpointInfo } from './checkpoint-store.js';
import type { Projection } from './projection.js';
import type { ProjectionSql } from './projection-sql.js';
import { Projector } from './projector.js';
import { isRebuildRunning, ProjectionRebuilder, rebuildSchema } from './rebuild.js';

let database: TestDatabase;
let store: PostgresEventStore;
let dataSource: DataSource;
const errors: string[] = [];
const quiet = { log: () => undefined, error: (message: string) => void errors.push(message) };

/**
 * Items and their bumps. Deliberately not idempotent (a bump adds one, whatever happened before), so an event
 * applied twice or lost across a swap shows in the counts. The label carries the code's version, as a changed
 * projection's rows would.
 */
class ItemsProjection implements Projection {
  readonly eventTypes = ['ItemAdded', 'ItemBumped'];
  readonly tables = ['rb_items', 'rb_item_bumps'];
  failOn?: string;
  constructor(
    readonly name: string,
    readonly version = 1,
  ) {}

  async apply(event: RecordedEvent, sql: ProjectionSql): Promise<void> {
    const id = String(event.data.id);
    if (!id.startsWith(`${this.name}:`)) return;
    if (this.failOn === id) throw new Error(`projection bug at ${id}`);
    if (event.type === 'ItemAdded') {
      sql.write(`INSERT INTO rb_items (id, owner, label, n, code) VALUES ($1, $2, $3, 1, $1)`, [id, this.name, `v${this.version}:${id}`]);
    } else {
      sql.write(`WITH bumped AS (UPDATE rb_items SET n = n + 1 WHERE id = $1 RETURNING id, n) INSERT INTO rb_item_bumps SELECT id, n FROM bumped`, [id]);
    }
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  store = new PostgresEventStore({ pool: database.pool, listenConnection: { connectionString: database.connectionString }, pollIntervalMs: 50 });
  dataSource = new DataSource({ type: 'postgres', url: database.connectionString, synchronize: false });
  await dataSource.initialize();
});

afterAll(async () => {
  await dataSource.destroy();
  await store.close();
  await database.drop();
});

/** Each test gets its own projection over fresh tables, so the log (shared) can hold the other tests' events. */
async function createTables(): Promise<void> {
  await dataSource.query(`DROP TABLE IF EXISTS read_model.rb_item_bumps, read_model.rb_items`);
  await dataSource.query(`
    CREATE TABLE read_model.rb_items (
      id text PRIMARY KEY,
      owner text NOT NULL,
      label text NOT NULL CHECK (label <> ''),
      n integer NOT NULL DEFAULT 0,
      doubled integer GENERATED ALWAYS AS (n * 2) STORED,
      code text,
      CONSTRAINT rb_items_code_unique UNIQUE (code)
    )`);
  await dataSource.query(`CREATE INDEX rb_items_label ON read_model.rb_items (label) WHERE n > 0`);
  await dataSource.query(`
    CREATE TABLE read_model.rb_item_bumps (
      item_id text NOT NULL REFERENCES read_model.rb_items (id),
      seq integer NOT NULL,
      PRIMARY KEY (item_id, seq)
    )`);
  await dataSource.query(`CREATE INDEX rb_item_bumps_seq ON read_model.rb_item_bumps (seq)`);
}

const stream = (projection: string, id: string) => `${projection}-item-${id}`;

async function add(projection: string, id: string) {
  await store.appendToStream(stream(projection, id), ANY, [testEvent('ItemAdded', { id: `${projection}:${id}` })]);
}
async function bump(projection: string, id: string, times = 1) {
  for (let i = 0; i < times; i++) await store.appendToStream(stream(projection, id), ANY, [testEvent('ItemBumped', { id: `${projection}:${id}` })]);
}

async function items(projection: string) {
  return dataSource.query(`SELECT id, label, n, doubled, code FROM read_model.rb_items WHERE owner = $1 ORDER BY id`, [projection]);
}
async function bumps(projection: string) {
  return dataSource.query(`SELECT item_id, seq FROM read_model.rb_item_bumps WHERE item_id LIKE $1 ORDER BY item_id, seq`, [`${projection}:%`]);
}

/** The tables' shape as the catalogue holds it: columns, constraints and indexes by name, with their definitions. */
async function catalogue() {
  return dataSource.query(`
    SELECT 'constraint' AS kind, c.conrelid::regclass::text AS on_table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
      FROM pg_constraint c WHERE c.conrelid IN ('read_model.rb_items'::regclass, 'read_model.rb_item_bumps'::regclass)
    UNION ALL
    SELECT 'index', i.indrelid::regclass::text, x.relname, pg_get_indexdef(i.indexrelid)
      FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
     WHERE i.indrelid IN ('read_model.rb_items'::regclass, 'read_model.rb_item_bumps'::regclass)
    UNION ALL
    SELECT 'column', a.attrelid::regclass::text, a.attname,
           format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull::text || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') || ' ' || a.attgenerated::text
      FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE a.attrelid IN ('read_model.rb_items'::regclass, 'read_model.rb_item_bumps'::regclass) AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY 1, 2, 3`);
}

async function tableOids(): Promise<string[]> {
  const rows: { oid: string }[] = await dataSource.query(
    `SELECT 'read_model.rb_items'::regclass::oid::text AS oid UNION ALL SELECT 'read_model.rb_item_bumps'::regclass::oid::text`,
  );
  return rows.map((row) => row.oid);
}

async function schemaExists(name: string): Promise<boolean> {
  const [row] = await dataSource.query(`SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS found`, [name]);
  return row.found;
}

async function project(projection: Projection): Promise<void> {
  errors.length = 0;
  const projector = new Projector(store, dataSource, [projection], quiet, { maxBatchSize: 7 });
  projector.start();
  try {
    await projector.waitFor(await store.headPosition());
  } catch (error) {
    throw new Error(`${(error as Error).message}: ${errors.join('; ')}`);
  } finally {
    await projector.stop();
  }
}

describe('rebuilding a projection', () => {
  beforeEach(createTables);

  it('builds copies from the start of the log with the new code and swaps them in under the same constraint and index names', async () => {
    await add('r1', 'a');
    await add('r1', 'b');
    await bump('r1', 'a', 3);
    await project(new ItemsProjection('r1', 1));
    expect(await items('r1')).toEqual([
      { id: 'r1:a', label: 'v1:r1:a', n: 4, doubled: 8, code: 'r1:a' },
      { id: 'r1:b', label: 'v1:r1:b', n: 1, doubled: 2, code: 'r1:b' },
    ]);
    const shapeBefore = await catalogue();
    const oidsBefore = await tableOids();
    const before = await readCheckpointInfo(dataSource, 'r1');
    expect(before.version).toBe(1);

    const status = await new ProjectionRebuilder(store, dataSource, { maxBatchSize: 4 }).rebuild(new ItemsProjection('r1', 2));

    expect(status).toMatchObject({ projection: 'r1', state: 'succeeded', error: null, swapAttempts: 1 });
    expect(status.eventsApplied).toBeGreaterThanOrEqual(5);
    expect(await items('r1')).toEqual([
      { id: 'r1:a', label: 'v2:r1:a', n: 4, doubled: 8, code: 'r1:a' },
      { id: 'r1:b', label: 'v2:r1:b', n: 1, doubled: 2, code: 'r1:b' },
    ]);
    expect(await bumps('r1')).toEqual([2, 3, 4].map((seq) => ({ item_id: 'r1:a', seq })));
    // New tables, same shape: every column, constraint and index as the migrations made it, under the same name.
    expect(await tableOids()).not.toEqual(oidsBefore);
    expect(await catalogue()).toEqual(shapeBefore);
    expect(await schemaExists(rebuildSchema('r1'))).toBe(false);
    expect(await schemaExists('read_model_retired_r1')).toBe(false);
    const after = await readCheckpointInfo(dataSource, 'r1');
    expect(after).toMatchObject({ version: 2, position: before.position });
    expect(after.rebuiltAt).toBeInstanceOf(Date);
    // The constraints work on the new tables: a duplicate code and an orphan bump are refused.
    await expect(dataSource.query(`INSERT INTO read_model.rb_items (id, owner, label, code) VALUES ('x', 'r1', 'x', 'r1:a')`)).rejects.toThrow(
      /rb_items_code_unique/,
    );
    await expect(dataSource.query(`INSERT INTO read_model.rb_item_bumps (item_id, seq) VALUES ('nobody', 1)`)).rejects.toThrow(/foreign key/);

    // The live projector carries on into the new tables.
    await bump('r1', 'b');
    await project(new ItemsProjection('r1', 2));
    expect((await items('r1'))[1]).toMatchObject({ id: 'r1:b', n: 2 });
  }, 30_000);

  it('swaps under a running live projector and steady appends, applying every event exactly once', async () => {
    const ids = ['a', 'b', 'c', 'd'];
    for (const id of ids) await add('r2', id);
    const live = new Projector(store, dataSource, [new ItemsProjection('r2')], quiet, { maxBatchSize: 3 });
    live.start();
    let appending = true;
    let appended = 0;
    const appender = (async () => {
      while (appending) {
        await bump('r2', ids[appended % ids.length]);
        appended++;
      }
    })();
    // Readers keep reading the live tables throughout; none may fail.
    let reads = 0;
    const reader = (async () => {
      while (appending) {
        await dataSource.query(`SELECT i.id, count(b.seq) FROM read_model.rb_items i LEFT JOIN read_model.rb_item_bumps b ON b.item_id = i.id GROUP BY i.id`);
        reads++;
      }
    })();
    while (appended < 20) await new Promise((resolve) => setTimeout(resolve, 10));

    let waitedOnTheCheckpoint = false;
    const rebuilder = new ProjectionRebuilder(store, dataSource, {
      maxBatchSize: 5,
      // Inside the swap, with the live checkpoint locked: more events arrive, and the live projector's next batch
      // blocks on the checkpoint row until the swap commits.
      beforeSwapLocks: async () => {
        const target = appended + 5;
        while (appended < target) await new Promise((resolve) => setTimeout(resolve, 10));
        waitedOnTheCheckpoint = await waitUntil(async () => {
          const [row] = await dataSource.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
                AND query LIKE '%projection_checkpoints%FOR UPDATE%'`,
          );
          return row.n > 0;
        });
      },
    });
    const status = await rebuilder.rebuild(new ItemsProjection('r2'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    appending = false;
    await Promise.all([appender, reader]);
    await live.waitFor(await store.headPosition());
    await live.stop();

    expect(status.state).toBe('succeeded');
    expect(waitedOnTheCheckpoint).toBe(true);
    expect(reads).toBeGreaterThan(0);
    const expected = ids.map((id, index) => {
      const count = Math.floor(appended / ids.length) + (index < appended % ids.length ? 1 : 0);
      return { id: `r2:${id}`, n: 1 + count };
    });
    expect((await items('r2')).map(({ id, n }: { id: string; n: number }) => ({ id, n }))).toEqual(expected);
    expect((await bumps('r2')).length).toBe(appended);
  }, 30_000);

  it('moves the live checkpoint up to the copies when they got further than a lagging live projector, which then applies nothing twice', async () => {
    await add('r7', 'a');
    await project(new ItemsProjection('r7'));
    const lagging = await readCheckpointInfo(dataSource, 'r7');
    // The live projector is down while these arrive: the copies get them, the live tables do not.
    await bump('r7', 'a', 3);
    const head = await store.headPosition();
    const status = await new ProjectionRebuilder(store, dataSource).rebuild(new ItemsProjection('r7'));
    const moved = await readCheckpointInfo(dataSource, 'r7');
    expect(comparePositions(moved.position, lagging.position)).toBeGreaterThan(0);
    expect(comparePositions(moved.position, head)).toBeGreaterThanOrEqual(0);
    expect(status.checkpoint).toBe(formatPosition(moved.position));
    // The live projector resumes from the moved checkpoint (a running one skips what its batches find at or below it).
    await bump('r7', 'a');
    const live = new Projector(store, dataSource, [new ItemsProjection('r7')], quiet, { maxBatchSize: 2 });
    live.start();
    await live.waitFor(await store.headPosition());
    await live.stop();
    expect(await items('r7')).toEqual([{ id: 'r7:a', label: 'v1:r7:a', n: 5, doubled: 10, code: 'r7:a' }]);
    expect((await bumps('r7')).map((row: { seq: number }) => row.seq)).toEqual([2, 3, 4, 5]);
  }, 30_000);

  it('waits for readers holding the live tables, trying the swap again, and a query queued behind the swap reads the new tables', async () => {
    await add('r3', 'a');
    await project(new ItemsProjection('r3', 1));
    const holder = new pg.Client({ connectionString: database.connectionString });
    const queued = new pg.Client({ connectionString: database.connectionString });
    await Promise.all([holder.connect(), queued.connect()]);
    try {
      // A reader keeps its transaction open on the live table longer than the swap waits: the swap rolls back and
      // tries again until the reader is done.
      await holder.query('BEGIN');
      await holder.query(`SELECT count(*) FROM read_model.rb_items`);
      const retrying = await new ProjectionRebuilder(store, dataSource, { swapLockTimeoutMs: 100, swapAttempts: 1000 }).tryStart(new ItemsProjection('r3', 2));
      const retried = retrying!.run();
      expect(await waitUntil(async () => retrying!.status().swapAttempts >= 3)).toBe(true);
      await holder.query('COMMIT');
      expect((await retried).state).toBe('succeeded');
      expect((await items('r3'))[0].label).toBe('v2:r3:a');

      // A named prepared statement, planned against the present table.
      const prepared = { name: 'rb-labels', text: `SELECT label FROM read_model.rb_items WHERE owner = $1`, values: ['r3'] };
      expect((await queued.query(prepared)).rows).toEqual([{ label: 'v2:r3:a' }]);
      await holder.query('BEGIN');
      await holder.query(`SELECT count(*) FROM read_model.rb_items`);
      const swapped = new ProjectionRebuilder(store, dataSource, { swapLockTimeoutMs: 10_000 }).rebuild(new ItemsProjection('r3', 3));
      // The swap waits for the holder; a reader arriving now queues behind the swap, then reads the new table.
      expect(await waitUntil(() => someoneWaits(`LOCK TABLE read_model.rb_items%`))).toBe(true);
      const read = queued.query(prepared);
      expect(await waitUntil(() => someoneWaits(`SELECT label FROM read_model.rb_items%`))).toBe(true);
      await holder.query('COMMIT');
      expect((await swapped).state).toBe('succeeded');
      expect((await read).rows).toEqual([{ label: 'v3:r3:a' }]);
      expect((await queued.query(prepared)).rows).toEqual([{ label: 'v3:r3:a' }]);
    } finally {
      await Promise.all([holder.end(), queued.end()]);
    }
  }, 30_000);

  it('leaves the live tables untouched when the rebuild fails or is cancelled, and lets the next one start', async () => {
    await add('r4', 'a');
    await add('r4', 'b');
    await bump('r4', 'b', 2);
    await project(new ItemsProjection('r4'));
    const rowsBefore = [await items('r4'), await bumps('r4')];
    const oidsBefore = await tableOids();
    const checkpointBefore = await readCheckpointInfo(dataSource, 'r4');
    const rebuilder = new ProjectionRebuilder(store, dataSource, { maxBatchSize: 2 });

    const broken = new ItemsProjection('r4', 2);
    broken.failOn = 'r4:b';
    const run = await rebuilder.tryStart(broken);
    expect(await isRebuildRunning(dataSource, 'r4')).toBe(true);
    expect(await rebuilder.tryStart(new ItemsProjection('r4', 2))).toBeNull();
    await expect(run!.run()).rejects.toThrow('projection bug at r4:b');
    expect(run!.status()).toMatchObject({ state: 'failed', error: 'projection bug at r4:b' });
    expect(await isRebuildRunning(dataSource, 'r4')).toBe(false);

    const controller = new AbortController();
    controller.abort();
    await expect(rebuilder.rebuild(new ItemsProjection('r4', 2), controller.signal)).rejects.toThrow();

    expect([await items('r4'), await bumps('r4')]).toEqual(rowsBefore);
    expect(await tableOids()).toEqual(oidsBefore);
    expect(await readCheckpointInfo(dataSource, 'r4')).toEqual(checkpointBefore);
    expect(await schemaExists(rebuildSchema('r4'))).toBe(false);
    // Nothing is left behind that stops the next rebuild.
    expect((await rebuilder.rebuild(new ItemsProjection('r4', 2))).state).toBe('succeeded');
    expect((await items('r4')).map((row: { label: string }) => row.label)).toEqual(['v2:r4:a', 'v2:r4:b']);
  }, 30_000);

  it('fails, leaving the live tables untouched, when the projection writes to a table it does not declare', async () => {
    await add('r6', 'a');
    await bump('r6', 'a');
    await project(new ItemsProjection('r6'));
    const before = [await items('r6'), await bumps('r6')];
    await dataSource.query(`CREATE TABLE IF NOT EXISTS read_model.rb_strays (id text)`);
    const undeclared = new ItemsProjection('r6', 2);
    const apply = undeclared.apply.bind(undeclared);
    undeclared.apply = async (event, sql) => {
      await apply(event, sql);
      await sql.query(`INSERT INTO rb_strays (id) VALUES ($1)`, [event.data.id]);
    };
    await expect(new ProjectionRebuilder(store, dataSource).rebuild(undeclared)).rejects.toThrow(
      'Projection r6 wrote to read_model.rb_strays while rebuilding: add it to the projection\'s tables',
    );
    expect([await items('r6'), await bumps('r6')]).toEqual(before);
    expect(await dataSource.query(`SELECT * FROM read_model.rb_strays`)).toEqual([]);
  }, 30_000);

  it('refuses a table whose default comes from a sequence', async () => {
    await dataSource.query(`CREATE TABLE read_model.rb_serial (id serial PRIMARY KEY)`);
    const projection: Projection = { name: 'r5', eventTypes: [], tables: ['rb_serial'], apply: async () => undefined };
    await expect(new ProjectionRebuilder(store, dataSource).rebuild(projection)).rejects.toThrow(/sequence/);
    expect(await schemaExists(rebuildSchema('r5'))).toBe(false);
  }, 30_000);
});

async function someoneWaits(queryLike: string): Promise<boolean> {
  const [row] = await dataSource.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1`,
    [queryLike],
  );
  return row.n > 0;
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}
