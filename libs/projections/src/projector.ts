import { comparePositions, formatPosition, type EventStore, type LogProgress, type Position } from '#event-store';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { lockCheckpoint, readCheckpoint, saveCheckpoint } from './checkpoint-store.js';
import { projectionVersion, useProjectionSchemas, type Projection } from './projection.js';
import { inProjectionTransaction, pipelinedPool } from './projection-sql.js';

export interface ProjectorLogger {
  log(message: string): void;
  error(message: string, trace?: string): void;
}

export interface ProjectionLag {
  readonly projection: string;
  /** The last position applied, `commit/prepare`. */
  readonly checkpoint: string;
  /** The newest committed event's position, `commit/prepare` (may be past what a reader can see yet). */
  readonly headPosition: string;
  /**
   * The distance between checkpoint and head in the store's global positions: the difference of the commit
   * positions. On PostgreSQL that is transaction ids (every write transaction in the database takes one, not only
   * appends); on EventStoreDB, bytes of the server's transaction log (system events and every stream included).
   * At least 1 while any event is behind (the checkpoint can stop inside the head's transaction); 0 when caught up.
   */
  readonly positionsBehind: number;
  /** Committed events after the checkpoint, exact unless `eventsBehindCapped` (then at least this many). */
  readonly eventsBehind: number;
  /** True when counting stopped at the store's limit (100 000 on PostgreSQL, 1000 on EventStoreDB). */
  readonly eventsBehindCapped: boolean;
  /** How long the oldest committed event not yet projected has waited, 0 when caught up. */
  readonly millisecondsBehind: number;
  readonly running: boolean;
  readonly lastError?: string;
}

/** A projection's lag with the positions themselves, for metrics. */
export interface ProjectionProgress {
  readonly lag: ProjectionLag;
  readonly checkpoint: Position;
  readonly head: Position;
}

/** Told about every committed batch: the events applied (of the types the projection handles) and how long it took. */
export interface ProjectorMetrics {
  batchCommitted(projection: string, eventsApplied: number, seconds: number): void;
}

/** Lag figures from a checkpoint and the log's progress past it. */
export function measureLag(projection: string, checkpoint: Position, progress: LogProgress, now: number): Omit<ProjectionLag, 'running' | 'lastError'> {
  const behind = progress.eventsAfter > 0;
  const commitDistance = progress.head.commit > checkpoint.commit ? Number(progress.head.commit - checkpoint.commit) : 0;
  return {
    projection,
    checkpoint: formatPosition(checkpoint),
    headPosition: formatPosition(comparePositions(progress.head, checkpoint) > 0 ? progress.head : checkpoint),
    positionsBehind: behind ? Math.max(1, commitDistance) : 0,
    eventsBehind: progress.eventsAfter,
    eventsBehindCapped: !progress.exact,
    millisecondsBehind: behind && progress.oldestRecordedAt ? Math.max(0, now - progress.oldestRecordedAt.getTime()) : 0,
  };
}

export interface ProjectorOptions {
  readonly maxBatchSize?: number;
  readonly retryDelayMs?: number;
  /** Told after a batch's transaction committed and moved the projection's checkpoint (live views push on it). */
  readonly onBatchCommitted?: (projection: string, lastPosition: Position, applied: number) => void;
  readonly metrics?: ProjectorMetrics;
}

/**
 * Runs each projection as its own catch-up subscription from its own checkpoint. Each batch is one
 * transaction: lock the checkpoint, apply the events past it, move it. A crash loses at most the open batch.
 */
export class Projector {
  private readonly controller = new AbortController();
  private readonly runs = new Map<string, Promise<void>>();
  private readonly errors = new Map<string, string>();
  private pool?: pg.Pool;

  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly projections: readonly Projection[],
    private readonly logger: ProjectorLogger,
    private readonly options: ProjectorOptions = {},
  ) {}

  start(): void {
    // Its own pipelined connections, one per projection: a batch's statements stream without a round trip each.
    this.pool ??= pipelinedPool(this.dataSource, this.projections.length);
    for (const projection of this.projections) {
      if (!this.runs.has(projection.name)) this.runs.set(projection.name, this.supervise(projection));
    }
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await Promise.allSettled(this.runs.values());
    this.runs.clear();
    const pool = this.pool;
    this.pool = undefined;
    await pool?.end();
  }

  async lag(): Promise<ProjectionLag[]> {
    return (await this.progress()).map((progress) => progress.lag);
  }

  /** Each projection's lag, measured against the committed log (events behind an open transaction count too). */
  async progress(): Promise<ProjectionProgress[]> {
    return Promise.all(
      this.projections.map(async (projection) => {
        const checkpoint = await readCheckpoint(this.dataSource, projection.name);
        const progress = await this.store.progressAfter(checkpoint);
        const lag: ProjectionLag = {
          ...measureLag(projection.name, checkpoint, progress, Date.now()),
          running: this.runs.has(projection.name) && !this.controller.signal.aborted,
          ...(this.errors.has(projection.name) ? { lastError: this.errors.get(projection.name) } : {}),
        };
        return { lag, checkpoint, head: progress.head };
      }),
    );
  }

  /** Resolves once every projection has applied the log up to `position` (for read-your-writes in tests and tools). */
  async waitFor(position: Position, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const checkpoints = await Promise.all(this.projections.map((p) => readCheckpoint(this.dataSource, p.name)));
      if (checkpoints.every((checkpoint) => comparePositions(checkpoint, position) >= 0)) return;
      if (Date.now() > deadline) throw new Error(`Projections did not reach ${formatPosition(position)} in ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async supervise(projection: Projection): Promise<void> {
    const signal = this.controller.signal;
    while (!signal.aborted) {
      try {
        await this.follow(projection, signal);
      } catch (error) {
        if (signal.aborted) return;
        const message = error instanceof Error ? error.message : String(error);
        this.errors.set(projection.name, message);
        this.logger.error(`Projection ${projection.name} failed; resuming from its checkpoint: ${message}`, (error as Error).stack);
        await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs ?? 1000));
      }
    }
  }

  private async follow(projection: Projection, signal: AbortSignal): Promise<void> {
    const handled = new Set(projection.eventTypes);
    const after = await readCheckpoint(this.dataSource, projection.name);
    const batches = this.store.subscribeToAll({ after, signal, maxBatchSize: this.options.maxBatchSize ?? 500, eventTypes: projection.eventTypes });
    let reached = after;
    for await (const batch of batches) {
      // Nothing to apply and nothing new read: the subscription only says it is live.
      if (batch.events.length === 0 && comparePositions(batch.position, reached) <= 0) continue;
      reached = batch.position;
      const started = performance.now();
      let applied = 0;
      const moved = await inProjectionTransaction(this.pool!, async (sql) => {
        applied = 0;
        // Unqualified table names resolve in read_model. A rebuild's swap holds this row while it replaces the
        // tables and may move the checkpoint forward (to where its copies got), so a batch that waited here
        // finds the new checkpoint, skips what the new tables already hold and writes the rest into them.
        await useProjectionSchemas(sql);
        const checkpoint = await lockCheckpoint(sql, projection.name, projectionVersion(projection));
        for (const event of batch.events) {
          if (comparePositions(event.position, checkpoint) <= 0 || !handled.has(event.type)) continue;
          await projection.apply(event, sql);
          applied++;
        }
        // The batch's position, past its last event when events after it were not wanted.
        if (comparePositions(batch.position, checkpoint) <= 0) return undefined;
        await saveCheckpoint(sql, projection.name, batch.position);
        return batch.position;
      });
      this.options.metrics?.batchCommitted(projection.name, applied, (performance.now() - started) / 1000);
      this.errors.delete(projection.name);
      if (moved) this.notifyCommitted(projection.name, moved, applied);
    }
  }

  /** A listener's failure is its own: the batch is committed and the projection goes on. */
  private notifyCommitted(projection: string, position: Position, applied: number): void {
    try {
      this.options.onBatchCommitted?.(projection, position, applied);
    } catch (error) {
      this.logger.error(`A listener to ${projection}'s commits failed: ${(error as Error).message}`, (error as Error).stack);
    }
  }
}
