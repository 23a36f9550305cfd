import pg from 'pg';

/** Same server, another database: tests and the app create their own database next to `postgres`. */
export function withDatabase(connectionString: string, database: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${database}`;
  return url.toString();
}

export function databaseName(connectionString: string): string {
  return decodeURIComponent(new URL(connectionString).pathname.replace(/^\//, '')) || 'postgres';
}

/**
 * Creates the database when it does not exist (CREATE DATABASE has no IF NOT EXISTS). A database that
 * already exists is left alone, so an account that may not open `postgres` or create databases still works.
 */
export async function ensureDatabase(serverConnectionString: string, database: string): Promise<void> {
  const target = new pg.Client({ connectionString: withDatabase(serverConnectionString, database) });
  try {
    await target.connect();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error; // 3D000: database does not exist
  } finally {
    await target.end().catch(() => undefined);
  }
  const client = new pg.Client({ connectionString: withDatabase(serverConnectionString, 'postgres') });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${quoteIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverConnectionString: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverConnectionString, 'postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new RangeError(`Unsafe database name: ${name}`);
  return `"${name}"`;
}
