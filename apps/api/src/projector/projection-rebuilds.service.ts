import { Inject, Injectable, Optional, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EventStore, formatPosition } from '#event-store';
import {
  isRebuildRunning,
  PROJECTIONS,
  ProjectionRebuilder,
  projectionVersion,
  readCheckpointInfo,
  type Projection,
  type RebuildOptions,
  type RebuildRun,
  type RebuildStatus,
} from '#projections';
import { DomainError } from '#shared-kernel';
import { BackgroundLogger } from '../infrastructure/shutdown.js';

export const PROJECTION_REBUILD_OPTIONS = Symbol('PROJECTION_REBUILD_OPTIONS');

/** Events counted behind a checkpoint at most: beyond it the overview says "at least". */
const BEHIND_COUNT_LIMIT = 1000;

export interface ProjectionOverview {
  readonly name: string;
  /** The version of the projection's code in this process. */
  readonly version: number;
  /** The version its live tables were built with (null before it first ran). */
  readonly builtVersion: number | null;
  /** The code has changed since the tables were built: a rebuild brings them in line. */
  readonly rebuildRecommended: boolean;
  readonly tables: readonly string[];
  readonly checkpoint: string;
  /** Events in the log past the checkpoint, counted up to 1000. */
  readonly eventsBehind: number;
  readonly rebuild: {
    /** A rebuild is running, here or in another process (the CLI). */
    readonly running: boolean;
    /** This process's running rebuild, or the last one it finished. */
    readonly current: RebuildStatus | null;
    readonly lastFinished: RebuildStatus | null;
    /** When the live tables were last swapped in by a rebuild (any process). */
    readonly lastRebuiltAt: string | null;
  };
}

/** Starts rebuilds in the background of the API process and reports on them (the admin routes). */
@Injectable()
export class ProjectionRebuilds implements BeforeApplicationShutdown {
  private readonly rebuilder: ProjectionRebuilder;
  private readonly logger = new BackgroundLogger('ProjectionRebuild');
  private readonly controller = new AbortController();
  private readonly running = new Map<string, { run: RebuildRun; done: Promise<void> }>();
  private readonly finished = new Map<string, RebuildStatus>();

  constructor(
    private readonly store: EventStore,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
    @Optional() @Inject(PROJECTION_REBUILD_OPTIONS) options?: RebuildOptions,
  ) {
    this.rebuilder = new ProjectionRebuilder(store, dataSource, options ?? {});
  }

  names(): string[] {
    return this.projections.map((projection) => projection.name);
  }

  /** Starts a rebuild and returns at once with its status; 404 for an unknown projection, 409 when one is running. */
  async start(name: string): Promise<RebuildStatus> {
    const projection = this.find(name);
    const run = this.running.has(name) ? null : await this.rebuilder.tryStart(projection);
    if (!run) {
      throw new DomainError('PROJECTION.REBUILD_RUNNING', 'conflict', `A rebuild of projection ${name} is already running`);
    }
    this.logger.log(`Rebuilding projection ${name} (version ${projectionVersion(projection)})`);
    const done = run.run(this.controller.signal).then(
      (status) => this.logger.log(`Rebuilt projection ${name}: ${status.eventsApplied} events applied, checkpoint ${status.checkpoint}`),
      (error: unknown) => this.logger.error(`Rebuilding projection ${name} failed; the live tables are as they were: ${(error as Error).message}`),
    );
    const entry = {
      run,
      done: done.finally(() => {
        this.finished.set(name, run.status());
        this.running.delete(name);
      }),
    };
    this.running.set(name, entry);
    return run.status();
  }

  /** Resolves when this process's rebuild of the projection (if any) has ended. */
  async settled(name: string): Promise<void> {
    await this.running.get(name)?.done;
  }

  async overview(): Promise<ProjectionOverview[]> {
    return Promise.all(
      this.projections.map(async (projection) => {
        const checkpoint = await readCheckpointInfo(this.dataSource, projection.name);
        const behind = await this.store.readAll({ after: checkpoint.position, maxCount: BEHIND_COUNT_LIMIT });
        const here = this.running.get(projection.name);
        const version = projectionVersion(projection);
        return {
          name: projection.name,
          version,
          builtVersion: checkpoint.version,
          rebuildRecommended: checkpoint.version !== null && checkpoint.version !== version,
          tables: projection.tables,
          checkpoint: formatPosition(checkpoint.position),
          eventsBehind: behind.events.length,
          rebuild: {
            running: here !== undefined || (await isRebuildRunning(this.dataSource, projection.name)),
            current: here?.run.status() ?? null,
            lastFinished: this.finished.get(projection.name) ?? null,
            lastRebuiltAt: checkpoint.rebuiltAt?.toISOString() ?? null,
          },
        };
      }),
    );
  }

  /** A rebuild cut off by shutdown rolls back and drops its copies; the live tables stay as they were. */
  async beforeApplicationShutdown(): Promise<void> {
    this.controller.abort();
    await Promise.allSettled([...this.running.values()].map((entry) => entry.done));
  }

  private find(name: string): Projection {
    const projection = this.projections.find((candidate) => candidate.name === name);
    if (!projection) {
      // The name is not echoed: GET /api/admin/projections lists the real ones.
      throw new DomainError('PROJECTION.NOT_FOUND', 'not_found', `No such projection; there are: ${this.names().join(', ')}`);
    }
    return projection;
  }
}
