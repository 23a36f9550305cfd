import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import type { EventStore, StreamAppend } from '../event-store.port.js';
import { WrongExpectedRevisionError } from '../errors.js';
import { ANY, exactly, NO_STREAM } from '../expected-revision.js';
import { EventStoreDbEventStore } from '../eventstoredb/eventstoredb-event-store.js';
import { PostgresEventStore } from '../postgres/postgres-event-store.js';
import { START } from '../position.js';
import { readWholeLog, testEvent } from '../testing/event-store-contract.js';
import { EventStoreDbDouble } from '../testing/eventstoredb-double/eventstoredb-double.js';
import { CopyConflictError, copyEvents, digestLog, verifyCopy } from './copy-events.js';
import { PostgresCopyProgress } from './postgres-copy-progress.js';

let database: TestDatabase;
let source: PostgresEventStore;
const doubles: EventStoreDbDouble[] = [];
const targets: EventStoreDbEventStore[] = [];

/** A fresh, empty EventStoreDB/KurrentDB (the in-process gRPC double) for each test. */
async function freshTarget(): Promise<{ double: EventStoreDbDouble; target: EventStoreDbEventStore; url: string }> {
  const double = new EventStoreDbDouble();
  const url = await double.start();
  const target = new EventStoreDbEventStore({ connectionString: url });
  doubles.push(double);
  targets.push(target);
  return { double, target, url };
}

const SOURCE_EVENTS = 60;

beforeAll(async () => {
  database = await createTestDatabase();
  source = new PostgresEventStore({ pool: database.pool, listenConnection: { connectionString: database.connectionString } });
  // A federation's worth of history in miniature: single-stream appends of one or more events, streams written
  // again later, and multi-stream transactions (as founding a union appends to the union and each enterprise).
  let written = 0;
  for (let i = 0; written < SOURCE_EVENTS - 10; i++) {
    const stream = `enterprise-${i % 7}`;
    const events = [testEvent('EnterpriseRegistered', { i, name: `企业 ${i}`, nested: { z: 1, a: [i, 'x'] } }), ...(i % 3 === 0 ? [testEvent('Surveyed', { i })] : [])];
    await source.appendToStream(stream, ANY, events);
    written += events.length;
  }
  for (let u = 0; u < 2; u++) {
    const appends: StreamAppend[] = [
      { streamName: `union-${u}`, expectedRevision: NO_STREAM, events: [testEvent('UnionFounded', { u })] },
      ...[0, 1].map((k) => ({ streamName: `enterprise-${u * 2 + k}`, expectedRevision: ANY, events: [testEvent('EnterpriseUnionized', { u, k })] })),
    ];
    await source.appendToStreams(appends);
    written += appends.length;
  }
  await source.appendToStream('enterprise-0', ANY, [testEvent('EnterpriseRenamed', {}), testEvent('EnterpriseRenamed', { again: true })]);
  written += 2;
  while (written < SOURCE_EVENTS) {
    await source.appendToStream(`claim-${written}`, NO_STREAM, [testEvent('CreditCodeClaimed', { written })]);
    written++;
  }
  // The PostgreSQL store's whole-log reads trail commits by a moment: wait until all of it is visible.
  while ((await readWholeLog(source, START, 100)).length < SOURCE_EVENTS) await new Promise((resolve) => setTimeout(resolve, 20));
});

afterAll(async () => {
  for (const target of targets) await target.close();
  for (const double of doubles) await double.stop();
  await source.close();
  await database.drop();
});

function progressFor(url: string): PostgresCopyProgress {
  return new PostgresCopyProgress(database.pool, url);
}

it('copies every event in global order with ids, types, data, metadata and revisions, and the digests match', async () => {
  const { target, url } = await freshTarget();
  const report = await copyEvents({ source, target, progress: progressFor(url), batchSize: 7 });
  expect(report).toMatchObject({ appended: SOURCE_EVENTS, alreadyThere: 0, complete: true });

  const [from, to] = [await readWholeLog(source, START, 100), await readWholeLog(target, START, 100)];
  expect(to.map((e) => [e.streamName, e.revision, e.metadata, e.type, e.data])).toEqual(from.map((e) => [e.streamName, e.revision, e.metadata, e.type, e.data]));

  const verification = await verifyCopy(source, target);
  expect(verification.source.count).toBe(SOURCE_EVENTS);
  expect(verification.target).toEqual(verification.source);
  expect(verification.matches).toBe(true);
  expect(await progressFor(url).eventsDone()).toBe(SOURCE_EVENTS);
});

it('keeps a multi-stream transaction of the source atomic on the target (one multi-stream append)', async () => {
  const { target } = await freshTarget();
  const calls: string[][] = [];
  const spying = new Proxy(target, {
    get(object, key, receiver) {
      if (key === 'appendToStreams') {
        return (appends: StreamAppend[]) => (calls.push(appends.map((a) => `${a.streamName}x${a.events.length}`)), object.appendToStreams(appends));
      }
      return Reflect.get(object, key, receiver);
    },
  }) as EventStore;
  // Pages of one event: every transaction of more than one event is cut by a page boundary and must be held back.
  await copyEvents({ source, target: spying, batchSize: 1 });
  expect(calls.filter((streams) => streams.length > 1)).toEqual([
    ['union-0x1', 'enterprise-0x1', 'enterprise-1x1'],
    ['union-1x1', 'enterprise-2x1', 'enterprise-3x1'],
  ]);
  expect(calls).toContainEqual(['enterprise-0x2']);
  expect(calls.flat().filter((call) => call.endsWith('x2')).length).toBeGreaterThan(1);
  expect((await verifyCopy(source, target)).matches).toBe(true);
});

it('resumes an interrupted copy from its saved progress, without writing anything twice', async () => {
  const { double, target, url } = await freshTarget();
  const first = await copyEvents({ source, target, progress: progressFor(url), batchSize: 4, maxEvents: 23 });
  expect(first.complete).toBe(false);
  expect(first.appended).toBeGreaterThanOrEqual(23);
  expect(first.appended).toBeLessThan(SOURCE_EVENTS);
  expect(double.eventCount).toBe(first.appended);
  const half = await verifyCopy(source, target);
  expect(half.matches).toBe(false);
  expect(half.target.count).toBe(first.appended);

  const second = await copyEvents({ source, target, progress: progressFor(url), batchSize: 4 });
  expect(second).toMatchObject({ appended: SOURCE_EVENTS - first.appended, alreadyThere: 0, complete: true });
  expect(double.eventCount).toBe(SOURCE_EVENTS);
  expect((await verifyCopy(source, target)).matches).toBe(true);
  expect(await progressFor(url).eventsDone()).toBe(SOURCE_EVENTS);
});

it('re-copies safely when the progress is lost: the server acknowledges the retries and writes nothing twice', async () => {
  const { double, target, url } = await freshTarget();
  const first = await copyEvents({ source, target, progress: progressFor(url), maxEvents: 30 });
  await progressFor(url).reset();
  const second = await copyEvents({ source, target, progress: progressFor(url) });
  // From the start again: the server acknowledges the first run's appends as retries and writes them no second time.
  expect(second).toMatchObject({ appended: SOURCE_EVENTS, alreadyThere: 0, complete: true });
  expect(first.appended).toBeLessThan(SOURCE_EVENTS);
  expect(double.eventCount).toBe(SOURCE_EVENTS);
  expect((await verifyCopy(source, target)).matches).toBe(true);

  // And a third run over a complete copy writes nothing.
  await progressFor(url).reset();
  const third = await copyEvents({ source, target });
  expect(third).toMatchObject({ appended: SOURCE_EVENTS, complete: true });
  expect(double.eventCount).toBe(SOURCE_EVENTS);
});

it('recognises copied events by revision and id where the target refuses the retry instead of acknowledging it', async () => {
  const { double, target } = await freshTarget();
  const first = await copyEvents({ source, target, maxEvents: 30 });
  // A server that does not treat the retry as idempotent: it refuses any append whose expected revision is stale.
  const strict = new Proxy(target, {
    get(object, key, receiver) {
      if (key === 'appendToStreams') {
        return async (appends: StreamAppend[]) => {
          for (const append of appends) {
            const head = BigInt((await object.readStream(append.streamName)).length) - 1n;
            const expected = append.expectedRevision.kind === 'exact' ? append.expectedRevision.revision : -1n;
            if (head !== expected) throw new WrongExpectedRevisionError(append.streamName, append.expectedRevision, head);
          }
          return object.appendToStreams(appends);
        };
      }
      return Reflect.get(object, key, receiver);
    },
  }) as EventStore;
  const second = await copyEvents({ source, target: strict });
  expect(second).toMatchObject({ appended: SOURCE_EVENTS - first.appended, alreadyThere: first.appended, complete: true });
  expect(double.eventCount).toBe(SOURCE_EVENTS);
  expect((await verifyCopy(source, target)).matches).toBe(true);
});

it('fails verification when the target holds an extra event, and ignores the server’s system events', async () => {
  const { target } = await freshTarget();
  await copyEvents({ source, target });
  await target.appendToStream('$settings', ANY, [testEvent('$settings', { system: true })]);
  expect((await verifyCopy(source, target)).matches).toBe(true);

  await target.appendToStream('enterprise-1', exactly((await target.readStream('enterprise-1')).length - 1), [testEvent('Extra')]);
  const verification = await verifyCopy(source, target);
  expect(verification.matches).toBe(false);
  expect(verification.target.count).toBe(SOURCE_EVENTS + 1);
  expect(verification.target.sha256).not.toBe(verification.source.sha256);
});

it('fails verification when an event differs on the target though the counts agree', async () => {
  const { target } = await freshTarget();
  let tampered = false;
  // A target that changes one event's data as it is written: the counts match, the hashes cannot.
  const tampering = new Proxy(target, {
    get(object, key, receiver) {
      if (key === 'appendToStreams') {
        return (appends: StreamAppend[]) =>
          object.appendToStreams(
            appends.map((append) =>
              !tampered && append.streamName === 'enterprise-5' && (tampered = true)
                ? { ...append, events: append.events.map((event) => ({ ...event, data: { ...event.data, name: 'changed' } })) }
                : append,
            ),
          );
      }
      return Reflect.get(object, key, receiver);
    },
  }) as EventStore;
  await copyEvents({ source, target: tampering });
  expect(tampered).toBe(true);
  const verification = await verifyCopy(source, target);
  expect(verification.target.count).toBe(verification.source.count);
  expect(verification.target.sha256).not.toBe(verification.source.sha256);
  expect(verification.matches).toBe(false);
});

it('stops with a conflict when the target holds a different event where the source’s should go', async () => {
  const { double, target } = await freshTarget();
  const [firstOfEnterprise3] = await source.readStream('enterprise-3', { maxCount: 1 });
  const intruder = testEvent('NotFromTheSource');
  await target.appendToStream('enterprise-3', NO_STREAM, [intruder]);
  const failure = await copyEvents({ source, target }).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(CopyConflictError);
  expect((failure as Error).message).toContain(`enterprise-3 revision 0: the source has event ${firstOfEnterprise3.metadata.eventId}`);
  expect((failure as Error).message).toContain(intruder.metadata.eventId);
  // Everything before the conflicting event was copied; nothing after it.
  const before = (await readWholeLog(source, START, 100)).findIndex((e) => e.metadata.eventId === firstOfEnterprise3.metadata.eventId);
  expect(double.eventCount).toBe(before + 1);
});

it('digests an empty log as no events and the SHA-256 of nothing', async () => {
  const { target } = await freshTarget();
  expect(await digestLog(target)).toEqual({ count: 0, sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' });
});
