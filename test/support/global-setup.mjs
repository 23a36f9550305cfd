// Jest loads global setup outside its module system, so this imports the built platform library (npm test builds first).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../dist/libs/platform/src/index.js';

/**
 * One PostgreSQL server for the whole run; each test file makes its own database on it.
 * With DATABASE_URL set, that server is used instead of a throwaway embedded one.
 */
export default async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.env.UNIONCASE_TEST_SERVER_URL = process.env.DATABASE_URL;
    return;
  }
  const base = await mkdtemp(join(tmpdir(), 'unioncase-test-'));
  const server = await startEmbeddedPostgres({ dataDir: join(base, 'pg'), persistent: false });
  globalThis.__UNIONCASE_TEST_PG__ = server;
  process.env.UNIONCASE_TEST_SERVER_URL = server.connectionString;
}
