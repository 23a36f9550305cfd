import { comparePositions, formatPosition, type EventStore, type Position } from '#event-store';
import type { DataSource } from 'typeorm';
import { lockCheckpoint, readCheckpoint, saveCheckpoint } from './checkpoint-store.js';
import { projectionVersion, useProjectionSchemas, type Projection } from './projection.js';

export interface ProjectorLogger {
  log(message: string): void;
  error(message: string, trace?: string): void;
}

export interface ProjectionLag {
  readonly projection: string;
  readonly checkpoint: string;
  /** Events in the log after the checkpoint (counted up to `LAG_COUNT_LIMIT`). */
  readonly eventsBehind: number;
  /** How long the oldest unprojected event has waited, 0 when caught up. */
  readonly millisecondsBehind: number;
  readonly running: boolean;
  readonly lastError?: string;
}

const LAG_COUNT_LIMIT = 1000;

/**
 * Runs each projection as its own catch-up subscription from its own checkpoint. Each batch is one
 * transaction: lock the checkpoint, apply the events past it, move it. A crash loses at most the open batch.
 */
export class Projector {
  private readonly controller = new AbortController();
  private readonly runs = new Map<string, Promise<void>>();
  private readonly errors = new Map<string, string>();

  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly projections: readonly Projection[],
    private readonly logger: ProjectorLogger,
    private readonly options: { maxBatchSize?: number; retryDelayMs?: number } = {},
  ) {}

  start(): void {
    for (const projection of this.projections) {
      if (!this.runs.has(projection.name)) this.runs.set(projection.name, this.supervise(projection));
    }
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await Promise.allSettled(this.runs.values());
    this.runs.clear();
  }

  async lag(): Promise<ProjectionLag[]> {
    return Promise.all(
      this.projections.map(async (projection) => {
        const checkpoint = await readCheckpoint(this.dataSource, projection.name);
        const behind = await this.store.readAll({ after: checkpoint, maxCount: LAG_COUNT_LIMIT });
        const oldest = behind.events[0];
        return {
          projection: projection.name,
          checkpoint: formatPosition(checkpoint),
          eventsBehind: behind.events.length,
          millisecondsBehind: oldest ? Math.max(0, Date.now() - oldest.recordedAt.getTime()) : 0,
          running: this.runs.has(projection.name) && !this.controller.signal.aborted,
          ...(this.errors.has(projection.name) ? { lastError: this.errors.get(projection.name) } : {}),
        };
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
    const batches = this.store.subscribeToAll({ after, signal, maxBatchSize: this.options.maxBatchSize ?? 500 });
    for await (const batch of batches) {
      if (batch.events.length === 0) continue;
      await this.dataSource.transaction(async (manager) => {
        // Unqualified table names resolve in read_model. A rebuild's swap holds this row while it replaces the
        // tables and may move the checkpoint forward (to where its copies got), so a batch that waited here
        // finds the new checkpoint, skips what the new tables already hold and writes the rest into them.
        await useProjectionSchemas(manager);
        const checkpoint = await lockCheckpoint(manager, projection.name, projectionVersion(projection));
        for (const event of batch.events) {
          if (comparePositions(event.position, checkpoint) <= 0 || !handled.has(event.type)) continue;
          await projection.apply(event, manager);
        }
        const last = batch.events[batch.events.length - 1].position;
        if (comparePositions(last, checkpoint) > 0) await saveCheckpoint(manager, projection.name, last);
      });
      this.errors.delete(projection.name);
    }
  }
}
