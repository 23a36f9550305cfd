import { EventStoreUnavailableError, InvalidAppendError, WrongExpectedRevisionError } from '../errors.js';
import { exactly, NO_STREAM } from '../expected-revision.js';
import { describeEventStoreContract, testEvent } from '../testing/event-store-contract.js';
import { EventStoreDbDouble } from '../testing/eventstoredb-double/eventstoredb-double.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';

/**
 * The contract runs against the adapter over the in-process gRPC double always, and against a real
 * EventStoreDB/KurrentDB server too when EVENTSTOREDB_URL is set (e.g. kurrentdb://localhost:2113?tls=false).
 */
const realServerUrl = process.env.EVENTSTOREDB_URL;

let double: EventStoreDbDouble;
let store: EventStoreDbEventStore;

beforeAll(async () => {
  double = new EventStoreDbDouble();
  store = new EventStoreDbEventStore({ connectionString: await double.start() });
  console.info(
    `EventStoreDB contract runs: over the gRPC double${realServerUrl ? ` and against the server at ${realServerUrl}` : ' only (EVENTSTOREDB_URL is not set)'}`,
  );
});

afterAll(async () => {
  await store?.close();
  await double?.stop();
});

describeEventStoreContract('EventStoreDB adapter over the gRPC double', () => store, { eventIds: 'idempotent-per-stream' });

describe('EventStoreDB adapter: error mapping', () => {
  it('reports a wrong expected revision with the stream and its actual revision', async () => {
    const name = `mapping-${crypto.randomUUID()}`;
    await store.appendToStream(name, NO_STREAM, [testEvent(), testEvent()]);
    const refused = await store.appendToStream(name, exactly(0), [testEvent()]).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WrongExpectedRevisionError);
    expect((refused as WrongExpectedRevisionError).streamName).toBe(name);
    expect((refused as WrongExpectedRevisionError).actual).toBe(1n);
  });

  it('reports the conflicting stream of a refused multi-stream append, and writes none of it', async () => {
    const [first, second] = [`multi-${crypto.randomUUID()}`, `multi-${crypto.randomUUID()}`];
    await store.appendToStream(second, NO_STREAM, [testEvent()]);
    const before = double.eventCount;
    const refused = await store
      .appendToStreams([
        { streamName: first, expectedRevision: NO_STREAM, events: [testEvent()] },
        { streamName: second, expectedRevision: exactly(5), events: [testEvent()] },
      ])
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WrongExpectedRevisionError);
    expect((refused as WrongExpectedRevisionError).streamName).toBe(second);
    expect((refused as WrongExpectedRevisionError).actual).toBe(0n);
    expect(double.eventCount).toBe(before);
  });

  it('refuses a multi-stream append on a server without it (before KurrentDB 25.1) rather than writing stream by stream', async () => {
    const old = new EventStoreDbDouble({ serverVersion: '24.10.0', withoutMultiStreamAppend: true });
    const oldStore = new EventStoreDbEventStore({ connectionString: await old.start() });
    try {
      await expect(
        oldStore.appendToStreams([
          { streamName: 'a', expectedRevision: NO_STREAM, events: [testEvent()] },
          { streamName: 'b', expectedRevision: NO_STREAM, events: [testEvent()] },
        ]),
      ).rejects.toBeInstanceOf(InvalidAppendError);
      expect(old.eventCount).toBe(0);
    } finally {
      await oldStore.close();
      await old.stop();
    }
  });

  it('turns an unreachable server into EventStoreUnavailableError', async () => {
    const gone = new EventStoreDbDouble();
    const connectionString = await gone.start();
    await gone.stop();
    const orphan = new EventStoreDbEventStore({ connectionString });
    try {
      await expect(orphan.appendToStream('nowhere', NO_STREAM, [testEvent()])).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(orphan.readStream('nowhere')).rejects.toBeInstanceOf(EventStoreUnavailableError);
    } finally {
      await orphan.close();
    }
  }, 30_000);
});

if (realServerUrl) {
  let real: EventStoreDbEventStore;
  beforeAll(() => {
    real = new EventStoreDbEventStore({ connectionString: realServerUrl });
  });
  afterAll(async () => {
    await real?.close();
  });
  describeEventStoreContract(`EventStoreDB adapter against ${realServerUrl}`, () => real, { eventIds: 'idempotent-per-stream' });
}
