// Our event store on a database of its own, as the store benchmarks open it beside the peer's.
import pg from 'pg';
import { PostgresEventStore } from '../../dist/libs/event-store/src/index.js';

/** Resolves with { url, pool, store, close }: the migrated database, its pool of `poolSize`, the store over it. */
export async function openOurStore(ctx, label, poolSize) {
  const url = await ctx.newDatabase(label);
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => undefined);
  const store = new PostgresEventStore({ pool, listenConnection: { connectionString: url } });
  return {
    url,
    pool,
    store,
    async close() {
      await store.close();
      await pool.end();
    },
  };
}
