import { EventStore, START, type Position, type RecordedEvent } from '#event-store';
import { testEventStoreKind, type TestApp } from './test-app.js';

/**
 * Waits until a whole-log read sees every append committed before the call. The PostgreSQL store only shows
 * transactions older than every transaction still open (so nothing can appear behind a position already read),
 * so a read may trail a commit while, say, a projector batch is open: this waits until every transaction in
 * progress at the call has ended. EventStoreDB shows an acknowledged append at once.
 */
export async function settleLog(testApp: TestApp): Promise<void> {
  if (testEventStoreKind() !== 'postgres') return;
  const pool = testApp.database.pool;
  const { rows } = await pool.query<{ next: string }>(`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next`);
  for (const deadline = Date.now() + 5000; ; ) {
    const { rows: now } = await pool.query<{ settled: boolean }>(`SELECT pg_snapshot_xmin(pg_current_snapshot()) >= $1::xid8 AS settled`, [rows[0].next]);
    if (now[0].settled) return;
    if (Date.now() > deadline) throw new Error('A transaction stayed open for 5 seconds: the log cannot be read to its end');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * The whole log after `after` (from the start by default) as the app's event store holds it, read through the
 * event-store port, so an assertion about what was recorded holds on either adapter (PostgreSQL or EventStoreDB).
 */
export async function readLog(testApp: TestApp, after: Position = START): Promise<RecordedEvent[]> {
  await settleLog(testApp);
  const store = testApp.app.get(EventStore);
  const events: RecordedEvent[] = [];
  for (let from = after; ; ) {
    const slice = await store.readAll({ after: from, maxCount: 1000 });
    events.push(...slice.events);
    if (slice.isEnd) return events;
    from = slice.lastPosition;
  }
}

/** The inverse of formatPosition: `"commit/prepare"`, as responses and health report positions. */
export function parsePosition(text: string): Position {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (!match) throw new Error(`Not a position: "${text}"`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}
