import { DataSource, type DataSourceOptions } from 'typeorm';
import { ANY, PostgresEventStore } from '#event-store';
import { Projector, type Projection } from '#projections';
import { testEvent } from '../../libs/event-store/src/testing/event-store-contract.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** What a projection's integration tests stand on: a database of their own, the event store and TypeORM over it. */
export interface ProjectionTestBed {
  readonly database: TestDatabase;
  readonly store: PostgresEventStore;
  readonly dataSource: DataSource;
  /** What projectors logged as errors while `project` ran, oldest first. */
  readonly errors: string[];
  /** Appends one event (any revision) with a fresh id. */
  append(stream: string, type: string, data: Record<string, unknown>): ReturnType<PostgresEventStore['appendToStream']>;
  /** Runs the projections from their checkpoints to the log's head, in batches of `maxBatchSize`, then stops them. */
  project(projections: Projection[], options?: { maxBatchSize?: number; timeoutMs?: number }): Promise<void>;
}

/**
 * Registers the bed's set-up and tear-down with the test file: call it at the top of the file, before the file's
 * own `beforeAll` (which may then use the bed's store and data source), and read its fields only inside hooks and
 * tests.
 */
export function useProjectionTestBed(options: { entities?: DataSourceOptions['entities'] } = {}): ProjectionTestBed {
  let database: TestDatabase | undefined;
  let store: PostgresEventStore | undefined;
  let dataSource: DataSource | undefined;
  const errors: string[] = [];
  const logger = { log: () => undefined, error: (message: string) => void errors.push(message) };
  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`The projection test bed's ${name} is set up in beforeAll: use it inside hooks and tests`);
    return value;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    store = new PostgresEventStore({ pool: database.pool, listenConnection: { connectionString: database.connectionString }, pollIntervalMs: 50 });
    dataSource = new DataSource({ type: 'postgres', url: database.connectionString, synchronize: false, entities: options.entities ?? [] });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await store?.close();
    await database?.drop();
  });

  return {
    get database() {
      return ready(database, 'database');
    },
    get store() {
      return ready(store, 'event store');
    },
    get dataSource() {
      return ready(dataSource, 'data source');
    },
    errors,
    append(stream, type, data) {
      return ready(store, 'event store').appendToStream(stream, ANY, [testEvent(type, data)]);
    },
    async project(projections, { maxBatchSize = 3, timeoutMs } = {}) {
      const eventStore = ready(store, 'event store');
      const projector = new Projector(eventStore, ready(dataSource, 'data source'), projections, logger, { maxBatchSize });
      projector.start();
      try {
        await projector.waitFor(await eventStore.headPosition(), timeoutMs);
      } finally {
        await projector.stop();
      }
    },
  };
}
