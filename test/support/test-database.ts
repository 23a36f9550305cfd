import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { dropDatabase, ensureDatabase, runMigrations, withDatabase } from '#platform';

export interface TestDatabase {
  readonly connectionString: string;
  readonly pool: pg.Pool;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file, on the run's server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = process.env.UNIONCASE_TEST_SERVER_URL;
  if (!server) throw new Error('UNIONCASE_TEST_SERVER_URL is not set: run tests through jest (global setup)');
  const name = `uc_test_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(server, name);
  const connectionString = withDatabase(server, name);
  await runMigrations(connectionString);
  const pool = new pg.Pool({ connectionString, max: 20 });
  // pool.end() resolves before its clients have closed, so DROP DATABASE ... WITH (FORCE) may still terminate one
  // of them: expected once dropping. Before that, losing an idle connection is a real failure, reported by drop().
  let dropping = false;
  let lostBeforeDrop: Error | undefined;
  pool.on('error', (error) => {
    if (!dropping) lostBeforeDrop ??= error;
  });
  return {
    connectionString,
    pool,
    async drop() {
      dropping = true;
      await pool.end();
      await dropDatabase(server, name);
      if (lostBeforeDrop) throw new Error(`The test's database pool lost an idle connection: ${lostBeforeDrop.message}`);
    },
  };
}
