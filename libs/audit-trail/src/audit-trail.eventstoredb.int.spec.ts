import { generateKeyPairSync } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ANY } from '#event-store';
import { EventStoreDbEventStore } from '#event-store/eventstoredb';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { testEvent } from '../../event-store/src/testing/event-store-contract.js';
import { EventStoreDbDouble } from '../../event-store/src/testing/eventstoredb-double/eventstoredb-double.js';
import { SystemClock } from '../../shared-kernel/src/clock.js';
import { AuditTrail } from './audit-trail.service.js';

/**
 * The chain is written against the event-store port, so it vouches for a log in EventStoreDB/KurrentDB as well
 * (here the in-process gRPC double; the chain itself lives in PostgreSQL either way).
 */
let database: TestDatabase;
let double: EventStoreDbDouble;
let store: EventStoreDbEventStore;
let dataSource: DataSource;
let auditTrail: AuditTrail;

beforeAll(async () => {
  database = await createTestDatabase();
  double = new EventStoreDbDouble();
  store = new EventStoreDbEventStore({ connectionString: await double.start() });
  dataSource = new DataSource({ type: 'postgres', url: database.connectionString, synchronize: false });
  await dataSource.initialize();
  auditTrail = new AuditTrail(store, dataSource, new SystemClock(), {
    signingKey: generateKeyPairSync('ed25519').privateKey,
    sealerEnabled: false,
    checkpointEvery: 4,
    checkpointIntervalMs: 60_000,
  });
});

afterAll(async () => {
  await dataSource?.destroy();
  await store?.close();
  await double?.stop();
  await database?.drop();
});

it('chains a log held in EventStoreDB, and names the event removed from it', async () => {
  for (let i = 0; i < 9; i++) await store.appendToStream(`case-${i % 2}`, ANY, [testEvent('CaseNoted', { n: i })]);
  const events = (await store.readAll({ maxCount: 100 })).events;
  expect(events).toHaveLength(9);
  expect(await auditTrail.checkpointNow()).toMatchObject({ sequence: 9, eventId: events[8].metadata.eventId });
  expect(await auditTrail.verify()).toMatchObject({ ok: true, verifiedEvents: 9, checkpointsHeld: 3, latestCheckpoint: { sequence: 9 } });

  // The double keeps its log in memory: take one event out of it, as a rewritten server database would.
  const held = double as unknown as { log: { id: string }[]; streams: Map<string, { id: string }[]> };
  const victim = events[5];
  held.log.splice(held.log.findIndex((event) => event.id === victim.metadata.eventId), 1);
  const stream = held.streams.get(victim.streamName)!;
  stream.splice(stream.findIndex((event) => event.id === victim.metadata.eventId), 1);
  expect((await auditTrail.verify()).firstProblem).toMatchObject({
    kind: 'removed',
    sequence: 6,
    event: { eventId: victim.metadata.eventId, streamName: victim.streamName, revision: Number(victim.revision) },
  });
});
