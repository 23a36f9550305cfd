import { createHash } from 'node:crypto';
import pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * How a projection talks to PostgreSQL inside its batch's transaction.
 *
 * `write` sends a statement without waiting for it: on the projector's pipelined connection the statements of a
 * batch stream to the server while the next events are turned into statements, instead of paying a round trip
 * each. Statements run in the order they were given, reads included, so a `query` sees every `write` before it.
 * A write that fails fails the whole batch (its transaction rolls back and is retried from the checkpoint).
 */
export interface ProjectionSql {
  /** Runs a statement and answers its rows (always the rows, whatever the command). */
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Sends a statement whose rows are not needed. */
  write(text: string, params?: readonly unknown[]): void;
}

const statementNames = new Map<string, string>();

/**
 * A projection's statements are few and run over and over: named, each is parsed once per connection (PostgreSQL
 * analyses it again by itself when the search_path or a table changes, as in a rebuild's swap). The projector's
 * connections plan every run afresh (see pipelinedPool).
 */
function prepared(text: string, params: readonly unknown[]): pg.QueryConfig {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `projection_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return { name, text, values: params as unknown[] };
}

/** A ProjectionSql over one pg client that is inside a transaction; `settle` waits for every write. */
export class ClientProjectionSql implements ProjectionSql {
  private pending: Promise<void>[] = [];
  private failure: unknown;
  private failed = false;
  private corked = false;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly client: pg.ClientBase) {}

  async query<Row = Record<string, unknown>>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
    try {
      const result = await this.send(text, params);
      return result.rows as Row[];
    } catch (error) {
      // After a failed write the transaction is aborted and this read fails too; the write's error is the cause.
      throw this.failed ? this.failure : error;
    }
  }

  write(text: string, params: readonly unknown[] = []): void {
    this.pending.push(
      this.send(text, params).then(
        () => undefined,
        (error: unknown) => {
          if (!this.failed) {
            this.failed = true;
            this.failure = error;
          }
        },
      ),
    );
  }

  /**
   * A pipelined client takes the statement at once. Any other runs one statement at a time, so each waits for the
   * one before (node-postgres's own queue for that is deprecated).
   */
  private send(text: string, params: readonly unknown[]): Promise<pg.QueryResult> {
    if ((this.client as { pipeline?: boolean }).pipeline) {
      this.cork();
      return this.client.query(prepared(text, params));
    }
    const sent = this.tail.then(() => this.client.query(prepared(text, params)));
    this.tail = sent.catch(() => undefined);
    return sent;
  }

  /**
   * Holds the socket's writes until the current run of promise callbacks is over, so the statements of many events
   * leave in one system call instead of several each (node-postgres writes every protocol message on its own).
   */
  private cork(): void {
    const stream = (this.client as unknown as { connection?: { stream?: { cork?: () => void; uncork?: () => void } } }).connection?.stream;
    if (this.corked || typeof stream?.cork !== 'function' || typeof stream.uncork !== 'function') return;
    this.corked = true;
    stream.cork();
    process.nextTick(() => {
      this.corked = false;
      stream.uncork!();
    });
  }

  /** Resolves once every write so far has run; rejects with the first that failed. */
  async settle(): Promise<void> {
    while (this.pending.length > 0) {
      const pending = this.pending;
      this.pending = [];
      await Promise.all(pending);
    }
    if (this.failed) throw this.failure;
  }
}

/**
 * The ProjectionSql of a TypeORM transaction (its query runner's pg client), for the rebuild's swap and for tests
 * that apply events by hand. Call `settle()` before the transaction ends.
 */
export async function projectionSqlOf(manager: EntityManager): Promise<ClientProjectionSql> {
  if (!manager.queryRunner) throw new Error('projectionSqlOf needs the manager of a transaction');
  const client = (await manager.queryRunner.connect()) as pg.ClientBase;
  return new ClientProjectionSql(client);
}

/**
 * A pool of pipelined connections to the DataSource's database (node-postgres `pipeline: true`: queries are sent
 * without waiting for the answers before them). Used only by the projector and rebuilds, whose batches are
 * written to stream; everything else keeps TypeORM's pool.
 */
export function pipelinedPool(dataSource: DataSource, max: number): pg.Pool {
  const options = dataSource.options as {
    url?: string;
    host?: string;
    port?: number;
    username?: string;
    password?: string | (() => string | Promise<string>);
    database?: string;
    ssl?: unknown;
    extra?: Record<string, unknown>;
  };
  const pool = new pg.Pool({
    ...(options.url ? { connectionString: options.url } : {}),
    ...(options.host ? { host: options.host } : {}),
    ...(options.port ? { port: options.port } : {}),
    ...(options.username ? { user: options.username } : {}),
    ...(options.password ? { password: options.password } : {}),
    ...(options.database ? { database: options.database } : {}),
    ...(options.ssl ? { ssl: options.ssl as pg.PoolConfig['ssl'] } : {}),
    ...(options.extra ?? {}),
    max,
    pipeline: true,
    // Named statements keep their parse, but are planned for each run: a plan made while a table was nearly empty
    // (a catch-up from the start) would keep scanning it whole as it grows (measured: 177 million rows read by
    // sequential scans of statistic_subjects in a 100,000-event catch-up).
    options: '-c plan_cache_mode=force_custom_plan',
  } as pg.PoolConfig);
  // An idle client's error (the server restarting) must not crash the process; the next batch reconnects.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Runs `work` in a transaction on a client of `pool`, handing it the client's ProjectionSql; commits once every
 * write has run, rolls back if any failed.
 */
export async function inProjectionTransaction<T>(pool: pg.Pool, work: (sql: ClientProjectionSql, client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A checked-out client has no error listener of the pool's: without one, the server closing the connection
  // between two statements (a shutdown) would crash the process. The statement in flight fails with it anyway.
  const onError = (error: Error) => (broken ??= error);
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const sql = new ClientProjectionSql(client);
    let result: T;
    try {
      result = await work(sql, client);
    } catch (error) {
      // Let every write answer before ROLLBACK is sent, so none is left on the connection.
      await sql.settle().catch(() => undefined);
      throw error;
    }
    await sql.settle();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.removeListener('error', onError);
    client.release(broken);
  }
}
