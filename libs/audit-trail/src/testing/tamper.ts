import type pg from 'pg';
import { START, type EventStore, type RecordedEvent } from '#event-store';
import { linkEvents } from '../event-hash.js';

/**
 * What someone with write access to the database could do behind the app's back, for tests: each change runs with
 * `session_replication_role = replica`, which switches off the append-only triggers of the log and the chain (it
 * needs a superuser, as the tests' embedded PostgreSQL gives).
 */
export async function behindTheAppsBack(pool: pg.Pool, change: (client: pg.PoolClient) => Promise<unknown>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    await change(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

export function alterEventData(pool: pg.Pool, eventId: string, data: object): Promise<void> {
  return behindTheAppsBack(pool, (client) => client.query(`UPDATE event_store.events SET data = $2 WHERE event_id = $1`, [eventId, data]));
}

export function deleteEvent(pool: pg.Pool, eventId: string): Promise<void> {
  return behindTheAppsBack(pool, (client) => client.query(`DELETE FROM event_store.events WHERE event_id = $1`, [eventId]));
}

/** Swaps the transaction ids of two events appended in different transactions: the log's order changes. */
export function swapLogOrder(pool: pg.Pool, first: string, second: string): Promise<void> {
  return behindTheAppsBack(pool, async (client) => {
    const { rowCount } = await client.query(
      `UPDATE event_store.events e SET transaction_id = o.transaction_id
         FROM event_store.events o
        WHERE (e.event_id, o.event_id) IN (($1::uuid, $2::uuid), ($2::uuid, $1::uuid)) AND e.transaction_id <> o.transaction_id`,
      [first, second],
    );
    if (rowCount !== 2) throw new Error('swapLogOrder needs two events appended in different transactions');
  });
}

/** Rewrites every link of the chain from the log as it is now, so the chain table agrees with a tampered log. */
export async function rewriteChainFromLog(pool: pg.Pool, store: EventStore): Promise<void> {
  const events: RecordedEvent[] = [];
  for (let after = START; ; ) {
    const slice = await store.readAll({ after, maxCount: 1000 });
    events.push(...slice.events);
    if (slice.isEnd) break;
    after = slice.lastPosition;
  }
  const { rows } = await pool.query<{ chained: number }>(`SELECT count(*)::int AS chained FROM audit.event_chain`);
  const links = linkEvents(events.slice(0, rows[0].chained));
  await behindTheAppsBack(pool, async (client) => {
    await client.query(`DELETE FROM audit.event_chain`);
    for (const link of links) {
      await client.query(
        `INSERT INTO audit.event_chain (sequence, event_id, stream_name, revision, position, content_hash, chain_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [link.sequence, link.eventId, link.streamName, link.revision.toString(), link.position, link.contentHash, link.chainHash],
      );
    }
  });
}
