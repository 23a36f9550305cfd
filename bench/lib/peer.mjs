// The peer, @event-driven-io/emmett-postgresql 0.42, set up the way its docs do (getPostgreSQLEventStore on a plain
// database; it creates its own emt_* schema), but on a pg.Pool we hand it so both stores get the same pool size.
//
// One trap: emmett's driver (dumbo) installs GLOBAL node-postgres type parsers the first time it makes a pool
// (int8 → BigInt, json/jsonb → a JSON.parse with a BigInt reviver). In one process that would slow down and change
// every other pg user, ours included, for the rest of the run. So this module captures the stock parsers, lets dumbo
// install its own once, captures those, and swaps: the peer runs with its parsers (`usePeerTypes()`), everything
// else with the stock ones (`useOwnTypes()`, the state left after loading this module).
import pg from 'pg';
import { ensureDatabase, withDatabase } from '../../dist/libs/platform/src/index.js';

const PARSED_TYPES = [20, 114, 3802]; // int8, json, jsonb
const stock = Object.fromEntries(PARSED_TYPES.map((oid) => [oid, pg.types.getTypeParser(oid, 'text')]));
const dumbo = await import('@event-driven-io/dumbo');
dumbo.setNodePostgresTypeParser(); // sets dumbo's once-only flag too: it never touches the parsers again by itself
const peerParsers = Object.fromEntries(PARSED_TYPES.map((oid) => [oid, pg.types.getTypeParser(oid, 'text')]));
const emmettPostgres = await import('@event-driven-io/emmett-postgresql');
const emmett = await import('@event-driven-io/emmett');

export function useOwnTypes() {
  for (const oid of PARSED_TYPES) pg.types.setTypeParser(oid, 'text', stock[oid]);
}
export function usePeerTypes() {
  for (const oid of PARSED_TYPES) pg.types.setTypeParser(oid, 'text', peerParsers[oid]);
}
useOwnTypes();

export const peer = { ...emmettPostgres, emmett, version: '0.42.0' };

let created = 0;
/** A plain database (none of our migrations) on the same server, for the peer to build its schema in. */
export async function newPlainDatabase(serverUrl, label) {
  const name = `uc_bench_peer_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${Date.now()}_${created++}`;
  await ensureDatabase(serverUrl, name);
  return withDatabase(serverUrl, name);
}

/**
 * The peer store on its own database with a pool of `poolMax` connections; its schema is migrated up front so no
 * measured append pays for it. close() ends the store and the pool.
 */
export async function openPeerStore(url, { poolMax }) {
  usePeerTypes();
  const pool = new pg.Pool({ connectionString: url, max: poolMax });
  pool.on('error', () => undefined);
  const store = emmettPostgres.getPostgreSQLEventStore(url, { connectionOptions: { pool } });
  await store.schema.migrate();
  return {
    store,
    pool,
    url,
    async close() {
      await store.close().catch(() => undefined);
      await pool.end().catch(() => undefined);
    },
  };
}

/** An event in the peer's shape carrying the same type, data and metadata as ours; messageId = our eventId. */
export function toPeerEvent(event) {
  return { type: event.type, data: event.data, metadata: { messageId: event.metadata.eventId, ...event.metadata } };
}

/** Drops databases this section made (FORCE: a leftover connection must not keep one alive). */
export async function dropDatabases(serverUrl, urls) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    for (const url of urls) {
      const name = decodeURIComponent(new URL(url).pathname.slice(1));
      await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}

/** A dumbo executor on our pg.Pool, for the peer's low-level readers (readMessagesBatch). */
export function peerExecutor(url, pool) {
  return dumbo.dumbo({ connectionString: url, pool });
}
