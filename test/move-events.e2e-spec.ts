import { spawn } from 'node:child_process';
import { ANY, NO_STREAM, PostgresEventStore, type EventToAppend } from '#event-store';
import { EventStoreDbEventStore } from '#event-store/eventstoredb';
import { EventStoreDbDouble } from '../libs/event-store/src/testing/eventstoredb-double/eventstoredb-double.js';
import { testEvent } from '../libs/event-store/src/testing/event-store-contract.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/**
 * `npm run move-events` as an operator runs it: the built command, the PostgreSQL store in DATABASE_URL as the
 * source, EventStoreDB/KurrentDB (the in-process gRPC double) in EVENTSTOREDB_URL as the target.
 */
describe('the move-events command', () => {
  let database: TestDatabase;
  let source: PostgresEventStore;
  let double: EventStoreDbDouble;
  let targetUrl: string;
  const EVENTS = 25;

  beforeAll(async () => {
    database = await createTestDatabase();
    source = new PostgresEventStore({ pool: database.pool, listenConnection: { connectionString: database.connectionString } });
    for (let i = 0; i < 10; i++) await source.appendToStream(`enterprise-${i % 4}`, ANY, [event(i), event(i + 100)]);
    await source.appendToStreams([
      { streamName: 'union-1', expectedRevision: NO_STREAM, events: [event(1000)] },
      { streamName: 'enterprise-0', expectedRevision: ANY, events: [event(1001)] },
    ]);
    for (let i = 0; i < 3; i++) await source.appendToStream(`claim-${i}`, NO_STREAM, [event(2000 + i)]);
    double = new EventStoreDbDouble();
    targetUrl = await double.start();
  });

  afterAll(async () => {
    await double?.stop();
    await source?.close();
    await database?.drop();
  });

  function event(i: number): EventToAppend {
    return testEvent('SomethingHappened', { i, name: `事 ${i}` });
  }

  function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; output: string }> {
    const child = spawn(process.execPath, ['dist/apps/api/src/cli/move-events.js', ...args], {
      env: { ...process.env, DATABASE_URL: database.connectionString, EVENTSTOREDB_URL: targetUrl, EVENT_STORE: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
  }

  function digests(output: string): { source: string; target: string } {
    const line = (side: string) => output.match(new RegExp(`^${side} [^:]*:\\s+(\\d+ events, sha256 [0-9a-f]{64})$`, 'm'))?.[1] ?? `no ${side} line`;
    return { source: line('source'), target: line('target') };
  }

  it('moves the log in two runs (interrupted, then resumed), verifies it, and fails verification once the target differs', async () => {
    const first = await run(['--max-events', '9']);
    expect(first.output).toContain('from the start');
    expect(first.output).toContain('Stopped by --max-events');
    expect(first.code).toBe(3);
    const copiedFirst = double.eventCount;
    expect(copiedFirst).toBeGreaterThanOrEqual(9);
    expect(copiedFirst).toBeLessThan(EVENTS);

    const second = await run([]);
    expect(second.output).toContain('resuming after source position');
    expect(second.output).toContain(`This run: ${EVENTS - copiedFirst} events appended`);
    expect(second.output).toContain(`${EVENTS} in all runs`);
    expect(digests(second.output).source).toMatch(new RegExp(`^${EVENTS} events`));
    expect(digests(second.output).target).toBe(digests(second.output).source);
    expect(second.output).toMatch(/^Head positions: source \d+\/\d+, target \d+\/\d+$/m);
    expect(second.code).toBe(0);
    expect(double.eventCount).toBe(EVENTS);

    const target = new EventStoreDbEventStore({ connectionString: targetUrl });
    try {
      await target.appendToStream('claim-0', ANY, [event(9999)]);
    } finally {
      await target.close();
    }
    const check = await run(['--verify-only']);
    expect(digests(check.output).target).toMatch(new RegExp(`^${EVENTS + 1} events`));
    expect(digests(check.output).target).not.toBe(digests(check.output).source);
    expect(check.output).toContain(`${EVENTS} events in the source, ${EVENTS + 1} in the target`);
    expect(check.code).toBe(1);
  });

  it('refuses to start without EVENTSTOREDB_URL', async () => {
    const result = await run([], { EVENTSTOREDB_URL: '' });
    expect(result.output).toContain('EVENTSTOREDB_URL is required');
    expect(result.code).toBe(2);
  });
});
