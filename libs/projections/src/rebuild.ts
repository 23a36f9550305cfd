import { comparePositions, formatPosition, START, type EventStore, type Position, type RecordedEvent } from '#event-store';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { lockCheckpoint } from './checkpoint-store.js';
import { projectionVersion, READ_MODEL_SCHEMA, useProjectionSchemas, type Projection } from './projection.js';
import { inProjectionTransaction, pipelinedPool, projectionSqlOf, type ClientProjectionSql } from './projection-sql.js';
import type pg from 'pg';

/**
 * Rebuilding a projection while the API keeps answering from its present tables.
 *
 * 1. Copies of the projection's tables (columns, defaults, checks, keys, foreign keys, indexes, grants, under the
 *    same names) are made empty in `read_model_rebuild_<name>`.
 * 2. The projection runs from the start of the log into the copies, batch by batch, with the copies first on the
 *    transaction's search_path; the live projector meanwhile keeps the live tables up to date, and the API reads
 *    them. The rebuild's position is kept in memory: a rebuild that dies starts again from scratch.
 * 3. Near the head, one transaction swaps: it locks the live checkpoint row (the live projector of this projection
 *    waits), applies to the copies what the live tables have and they have not, locks the live tables (waiting at
 *    most `swapLockTimeoutMs` for readers; on timeout it rolls back and tries again), moves the live tables out and
 *    the copies in (`ALTER TABLE ... SET SCHEMA`), drops the old ones, and records the checkpoint (the later of the
 *    two positions), the projection's version and the time. Readers see the old tables or the new ones; a query
 *    that waited on the swap's lock looks its tables up again by name and reads the new ones.
 *
 * One rebuild per projection at a time, across processes (a PostgreSQL advisory lock held on a connection of its
 * own for the whole run). A rebuild that fails or is cancelled drops its copies and leaves the live tables as they were.
 */

/** Someone (this process or another) is already rebuilding the projection. */
export class RebuildAlreadyRunningError extends Error {
  constructor(readonly projection: string) {
    super(`A rebuild of projection ${projection} is already running`);
    this.name = 'RebuildAlreadyRunningError';
  }
}

export type RebuildState = 'building' | 'swapping' | 'succeeded' | 'failed' | 'cancelled';

export interface RebuildStatus {
  readonly projection: string;
  readonly state: RebuildState;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  /** How far the copies have got in the log. */
  readonly position: string;
  /** The head of the log when the rebuild started: the copies catch up to it, then to the live checkpoint. */
  readonly targetPosition: string;
  /** Events read from the log (only the projection's types where the store filters them), and of those the projection's own, applied to the copies. */
  readonly eventsRead: number;
  readonly eventsApplied: number;
  /** Swap attempts made (a swap retries when readers hold the live tables longer than its lock timeout). */
  readonly swapAttempts: number;
  /** Where the live checkpoint stands after the swap. */
  readonly checkpoint: string | null;
  readonly error: string | null;
}

export interface RebuildOptions {
  /** Events per transaction while building the copies (default 500). */
  readonly maxBatchSize?: number;
  /** How long the swap waits for readers to let go of the live tables before it rolls back and tries again (default 500 ms; keep it under PostgreSQL's deadlock_timeout). */
  readonly swapLockTimeoutMs?: number;
  /** Swap attempts before the rebuild gives up (default 40). */
  readonly swapAttempts?: number;
  /** Test hook: runs inside the swap transaction after the copies caught up and before the live tables are locked. */
  readonly beforeSwapLocks?: (manager: EntityManager) => Promise<void>;
}

/** Advisory locks of rebuilds: (this namespace, hashtext(projection name)). */
const LOCK_NAMESPACE = 0x55435242;
const LOCK_NOT_AVAILABLE = '55P03';
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export function rebuildSchema(projection: string): string {
  return checkedSchema(`read_model_rebuild_${projection}`);
}

function retiredSchema(projection: string): string {
  return checkedSchema(`read_model_retired_${projection}`);
}

function checkedSchema(name: string): string {
  if (!IDENTIFIER.test(name) || name.length > 63) throw new Error(`Cannot rebuild into schema "${name}": not a plain PostgreSQL identifier`);
  return name;
}

function checkedTables(projection: Projection): readonly string[] {
  if (projection.tables.length === 0) throw new Error(`Projection ${projection.name} declares no tables: there is nothing to rebuild`);
  for (const table of projection.tables) {
    if (!IDENTIFIER.test(table)) throw new Error(`Projection ${projection.name} declares table "${table}": not a plain unqualified table name`);
  }
  return projection.tables;
}

/** Is a rebuild of the projection running now, in any process on this database? */
export async function isRebuildRunning(dataSource: DataSource, projection: string): Promise<boolean> {
  const [row]: { running: boolean }[] = await dataSource.query(
    `SELECT EXISTS (
       SELECT 1 FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND objsubid = 2
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND classid = $1::int::oid AND objid = hashtext($2)::oid) AS running`,
    [LOCK_NAMESPACE, projection],
  );
  return row.running;
}

export class ProjectionRebuilder {
  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly options: RebuildOptions = {},
  ) {}

  /**
   * Takes the projection's rebuild lock and returns the run, not started; null when a rebuild of it is already
   * running somewhere. The caller must `run()` it (which releases the lock at its end) or `release()` it.
   */
  async tryStart(projection: Projection): Promise<RebuildRun | null> {
    checkedTables(projection);
    rebuildSchema(projection.name);
    const connection = this.dataSource.createQueryRunner();
    await connection.connect();
    try {
      const [row]: { locked: boolean }[] = await connection.query(`SELECT pg_try_advisory_lock($1::int, hashtext($2)) AS locked`, [
        LOCK_NAMESPACE,
        projection.name,
      ]);
      if (row.locked) return new RebuildRun(this.store, this.dataSource, projection, connection, this.options);
    } catch (error) {
      await connection.release();
      throw error;
    }
    await connection.release();
    return null;
  }

  /** Rebuilds the projection now; throws RebuildAlreadyRunningError when one is running already. */
  async rebuild(projection: Projection, signal?: AbortSignal): Promise<RebuildStatus> {
    const run = await this.tryStart(projection);
    if (!run) throw new RebuildAlreadyRunningError(projection.name);
    return run.run(signal);
  }
}

export class RebuildRun {
  private readonly shadow: string;
  private readonly tables: readonly string[];
  private readonly handled: Set<string>;
  private current: {
    -readonly [K in keyof RebuildStatus]: RebuildStatus[K];
  };
  private released = false;
  /** Pipelined connections for building the copies (see ProjectionSql), opened at the first batch. */
  private pool?: pg.Pool;

  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly projection: Projection,
    /** Holds the advisory lock until the run ends. */
    private readonly lockConnection: QueryRunner,
    private readonly options: RebuildOptions,
  ) {
    this.shadow = rebuildSchema(projection.name);
    this.tables = checkedTables(projection);
    this.handled = new Set(projection.eventTypes);
    this.current = {
      projection: projection.name,
      state: 'building',
      startedAt: new Date().toISOString(),
      finishedAt: null,
      position: formatPosition(START),
      targetPosition: formatPosition(START),
      eventsRead: 0,
      eventsApplied: 0,
      swapAttempts: 0,
      checkpoint: null,
      error: null,
    };
  }

  status(): RebuildStatus {
    return { ...this.current };
  }

  /** Builds the copies, swaps them in, and releases the rebuild lock. Rejects (with the live tables untouched) on failure or abort. */
  async run(signal?: AbortSignal): Promise<RebuildStatus> {
    try {
      this.current.targetPosition = formatPosition(await this.store.headPosition());
      await this.createCopies();
      let position = await this.build(START, signal);
      position = await this.swap(position, signal);
      this.current.position = formatPosition(position);
      this.current.state = 'succeeded';
      return this.status();
    } catch (error) {
      this.current.state = signal?.aborted ? 'cancelled' : 'failed';
      this.current.error = error instanceof Error ? error.message : String(error);
      await this.dropCopies().catch(() => undefined);
      throw error;
    } finally {
      this.current.finishedAt = new Date().toISOString();
      await this.release();
    }
  }

  /** Lets go of the rebuild lock without running (the run's own end does it otherwise). */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    const pool = this.pool;
    this.pool = undefined;
    await pool?.end().catch(() => undefined);
    try {
      await this.lockConnection.query(`SELECT pg_advisory_unlock($1::int, hashtext($2))`, [LOCK_NAMESPACE, this.projection.name]);
    } finally {
      await this.lockConnection.release();
    }
  }

  /** Empty copies of the projection's tables in the rebuild schema, with every constraint and index under its own name. */
  private async createCopies(): Promise<void> {
    const shadow = this.shadow;
    await this.dataSource.transaction(async (manager) => {
      // With only pg_catalog on the path, pg_get_*def names every table with its schema, so rewriting is exact.
      await manager.query(`SET LOCAL search_path TO pg_catalog`);
      await manager.query(`DROP SCHEMA IF EXISTS ${retiredSchema(this.projection.name)} CASCADE`);
      await manager.query(`DROP SCHEMA IF EXISTS ${shadow} CASCADE`);
      await manager.query(`CREATE SCHEMA ${shadow}`);
      const owned = new Set(this.tables);
      const live = (table: string) => `${READ_MODEL_SCHEMA}.${table}`;
      for (const table of this.tables) await this.checkCopyable(manager, table, owned);
      const pointAtCopies = (definition: string) =>
        definition.replace(/REFERENCES read_model\.("?)([a-z0-9_]+)\1\(/g, (match, _quote, referenced: string) =>
          owned.has(referenced) ? `REFERENCES ${shadow}.${referenced}(` : match,
        );
      for (const table of this.tables) {
        await manager.query(`CREATE TABLE ${shadow}.${table} (LIKE ${live(table)} INCLUDING ALL EXCLUDING INDEXES)`);
        const grants: { grantee: string; privilege: string; grantable: boolean }[] = await manager.query(
          `SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END AS grantee, a.privilege_type AS privilege,
                  a.is_grantable AS grantable
             FROM pg_class c, aclexplode(c.relacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee
            WHERE c.oid = $1::regclass AND a.grantee <> c.relowner`,
          [live(table)],
        );
        for (const grant of grants) {
          await manager.query(`GRANT ${grant.privilege} ON ${shadow}.${table} TO ${grant.grantee}${grant.grantable ? ' WITH GRANT OPTION' : ''}`);
        }
      }
      // Keys first (a foreign key needs the key it references), then foreign keys, then the other indexes.
      const constraints: { table: string; name: string; definition: string; foreign: boolean }[] = [];
      for (const table of this.tables) {
        const rows: { name: string; definition: string; type: string }[] = await manager.query(
          `SELECT conname AS name, pg_get_constraintdef(oid) AS definition, contype AS type FROM pg_constraint
            WHERE conrelid = $1::regclass AND contype IN ('p', 'u', 'x', 'f') ORDER BY conname`,
          [live(table)],
        );
        constraints.push(...rows.map((row) => ({ table, name: row.name, definition: row.definition, foreign: row.type === 'f' })));
      }
      for (const constraint of [...constraints.filter((c) => !c.foreign), ...constraints.filter((c) => c.foreign)]) {
        await manager.query(
          `ALTER TABLE ${shadow}.${constraint.table} ADD CONSTRAINT ${quoteIdentifier(constraint.name)} ${pointAtCopies(constraint.definition)}`,
        );
      }
      for (const table of this.tables) {
        const indexes: { definition: string }[] = await manager.query(
          `SELECT pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i
            WHERE i.indrelid = $1::regclass
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x'))
            ORDER BY i.indexrelid`,
          [live(table)],
        );
        for (const { definition } of indexes) {
          const onCopy = definition.replace(new RegExp(` ON (ONLY )?read_model\\.("?)${table}\\2 `), ` ON $1${shadow}.${table} `);
          if (onCopy === definition) throw new Error(`Cannot copy index of read_model.${table}: ${definition}`);
          await manager.query(onCopy);
        }
      }
    });
  }

  /** Refuses what a copy-and-swap would get wrong, before anything is built. */
  private async checkCopyable(manager: EntityManager, table: string, owned: ReadonlySet<string>): Promise<void> {
    const qualified = `${READ_MODEL_SCHEMA}.${table}`;
    const [exists]: { oid: string | null }[] = await manager.query(`SELECT to_regclass($1)::oid::text AS oid`, [qualified]);
    if (!exists?.oid) throw new Error(`Projection ${this.projection.name} declares table ${table}, which is not in read_model`);
    const sequences: { column: string }[] = await manager.query(
      `SELECT a.attname AS column FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
        WHERE d.adrelid = $1::regclass AND pg_get_expr(d.adbin, d.adrelid) LIKE '%nextval(%'`,
      [qualified],
    );
    if (sequences.length) {
      throw new Error(
        `read_model.${table}.${sequences[0].column} takes its default from a sequence, which a copy would share with the live table: use an identity column`,
      );
    }
    const foreign: { name: string; source: string }[] = await manager.query(
      `SELECT conname AS name, conrelid::regclass::text AS source FROM pg_constraint WHERE contype = 'f' AND confrelid = $1::regclass`,
      [qualified],
    );
    const outside = foreign.filter((row) => !owned.has(row.source.replace(/^read_model\./, '')) || !row.source.startsWith('read_model.'));
    if (outside.length) throw new Error(`${outside[0].source} has a foreign key (${outside[0].name}) to read_model.${table}, which a rebuild would replace`);
    const views: { name: string }[] = await manager.query(
      `SELECT DISTINCT v.oid::regclass::text AS name FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid JOIN pg_class v ON v.oid = r.ev_class
        WHERE d.classid = 'pg_rewrite'::regclass AND d.refobjid = $1::regclass AND v.oid <> $1::regclass`,
      [qualified],
    );
    if (views.length) throw new Error(`The view ${views[0].name} reads read_model.${table}, which a rebuild would replace`);
  }

  private async dropCopies(): Promise<void> {
    await this.dataSource.query(`DROP SCHEMA IF EXISTS ${this.shadow} CASCADE`);
  }

  /** Applies the log from `after` to its head to the copies, one transaction per batch. */
  private async build(after: Position, signal?: AbortSignal): Promise<Position> {
    let position = after;
    for (;;) {
      signal?.throwIfAborted();
      const slice = await this.store.readAll({ after: position, maxCount: this.options.maxBatchSize ?? 500, eventTypes: this.projection.eventTypes });
      if (slice.events.length) {
        this.pool ??= pipelinedPool(this.dataSource, 1);
        await inProjectionTransaction(this.pool, async (sql) => {
          await useProjectionSchemas(sql, this.shadow);
          await this.applyToCopies(slice.events, sql);
        });
        this.current.eventsRead += slice.events.length;
        this.current.eventsApplied += slice.events.filter((event) => this.handled.has(event.type)).length;
      }
      position = slice.lastPosition;
      this.current.position = formatPosition(position);
      if (slice.isEnd) return position;
    }
  }

  private async applyToCopies(events: readonly RecordedEvent[], sql: ClientProjectionSql): Promise<void> {
    const handled = events.filter((event) => this.handled.has(event.type));
    if (handled.length === 0) return;
    // A table written but not declared resolves to the live one, which would get every event a second time. The
    // backend's table counters (live ones included: they hold this connection's unflushed counts of earlier
    // transactions too) are compared before and after, within this transaction.
    const before = await this.liveWrites(sql);
    for (const event of handled) await this.projection.apply(event, sql);
    await sql.settle();
    const after = await this.liveWrites(sql);
    const stray = [...after].find(([table, count]) => count !== (before.get(table) ?? 0));
    if (stray) throw new Error(`Projection ${this.projection.name} wrote to read_model.${stray[0]} while rebuilding: add it to the projection's tables`);
  }

  private async liveWrites(sql: ClientProjectionSql): Promise<Map<string, string>> {
    const rows = await sql.query<{ table: string; writes: string }>(
      `SELECT relname AS table, (n_tup_ins + n_tup_upd + n_tup_del)::text AS writes FROM pg_stat_xact_user_tables
        WHERE schemaname = $1 AND relname <> 'projection_checkpoints'`,
      [READ_MODEL_SCHEMA],
    );
    return new Map(rows.map((row) => [row.table, row.writes]));
  }

  /** The swap, tried again while readers hold the live tables past the lock timeout. Returns the new live checkpoint. */
  private async swap(built: Position, signal?: AbortSignal): Promise<Position> {
    const attempts = this.options.swapAttempts ?? 40;
    let position = built;
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      // Most of the way while nothing is locked: the live projector and the API go on as before.
      position = await this.build(position, signal);
      this.current.state = 'swapping';
      this.current.swapAttempts = attempt;
      try {
        return await this.swapOnce(position);
      } catch (error) {
        if ((error as { code?: string }).code !== LOCK_NOT_AVAILABLE || attempt >= attempts) throw error;
        this.current.state = 'building';
        await new Promise((resolve) => setTimeout(resolve, Math.min(50 * attempt, 1000)));
      }
    }
  }

  private async swapOnce(built: Position): Promise<Position> {
    const { name } = this.projection;
    const retired = retiredSchema(name);
    return this.dataSource.transaction(async (manager) => {
      // The live projector of this projection now waits at its next batch; the API still reads the live tables.
      const live = await lockCheckpoint(manager, name, projectionVersion(this.projection));
      await useProjectionSchemas(manager, this.shadow);
      // The copies take in what the live tables hold beyond them (events up to the live checkpoint).
      let position = built;
      while (comparePositions(position, live) < 0) {
        const slice = await this.store.readAll({ after: position, maxCount: this.options.maxBatchSize ?? 500 });
        const upToLive = slice.events.filter((event) => comparePositions(event.position, live) <= 0);
        await this.applyToCopies(upToLive, await projectionSqlOf(manager));
        if (upToLive.length === 0) break;
        position = upToLive[upToLive.length - 1].position;
        if (upToLive.length < slice.events.length || slice.isEnd) break;
      }
      // The copies may be ahead of the live tables (the live projector lags): the checkpoint moves to them, so
      // the live projector resumes after what the new tables already hold and applies nothing twice.
      const checkpoint = comparePositions(position, live) > 0 ? position : live;
      await this.options.beforeSwapLocks?.(manager);
      await manager.query(`SET LOCAL lock_timeout = '${Math.max(1, Math.floor(this.options.swapLockTimeoutMs ?? 500))}ms'`);
      await manager.query(`LOCK TABLE ${this.tables.map((table) => `${READ_MODEL_SCHEMA}.${table}`).join(', ')} IN ACCESS EXCLUSIVE MODE`);
      await manager.query(`CREATE SCHEMA ${retired}`);
      for (const table of this.tables) await manager.query(`ALTER TABLE ${READ_MODEL_SCHEMA}.${table} SET SCHEMA ${retired}`);
      for (const table of this.tables) await manager.query(`ALTER TABLE ${this.shadow}.${table} SET SCHEMA ${READ_MODEL_SCHEMA}`);
      await manager.query(`DROP SCHEMA ${retired} CASCADE`);
      await manager.query(`DROP SCHEMA ${this.shadow} CASCADE`);
      await manager.query(
        `UPDATE read_model.projection_checkpoints
            SET commit_position = $2, prepare_position = $3, version = $4, rebuilt_at = now(), updated_at = now()
          WHERE projection = $1`,
        [name, checkpoint.commit.toString(), checkpoint.prepare.toString(), projectionVersion(this.projection)],
      );
      this.current.checkpoint = formatPosition(checkpoint);
      this.current.position = formatPosition(position);
      return checkpoint;
    });
  }
}

function quoteIdentifier(name: string): string {
  return IDENTIFIER.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}
