import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EventStore, type Position } from '#event-store';
import { PROJECTIONS, ProjectionCommits, Projector, type Projection, type ProjectionLag, type ProjectionProgress } from '#projections';
import { BackgroundLogger } from '../infrastructure/shutdown.js';
import { MetricsService } from '../metrics/metrics.service.js';

export const PROJECTOR_ENABLED = Symbol('PROJECTOR_ENABLED');
/** How many events the projector reads per batch (one transaction per projection and batch). */
export const PROJECTOR_BATCH_SIZE = Symbol('PROJECTOR_BATCH_SIZE');

/** Runs the projections inside the API process (or the projector-only process), from bootstrap to shutdown. */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly projector: Projector;

  constructor(
    store: EventStore,
    @InjectDataSource() dataSource: DataSource,
    @Inject(PROJECTIONS) projections: Projection[],
    @Inject(PROJECTOR_ENABLED) private readonly enabled: boolean,
    @Inject(PROJECTOR_BATCH_SIZE) maxBatchSize: number,
    metrics: MetricsService,
    private readonly commits: ProjectionCommits,
  ) {
    this.projector = new Projector(store, dataSource, projections, new BackgroundLogger('Projector'), {
      maxBatchSize,
      metrics,
      onBatchCommitted: (projection, position, applied) => commits.publish({ projection, position, applied }),
    });
    metrics.watchProjections(() => this.projector.progress());
  }

  /** False when PROJECTOR_ENABLED=false: another process (`npm run project`) runs the projections. */
  get runsHere(): boolean {
    return this.enabled;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.projector.start();
    this.commits.projectorRunning(true);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.commits.projectorRunning(false);
    await this.projector.stop();
  }

  lag(): Promise<ProjectionLag[]> {
    return this.projector.lag();
  }

  progress(): Promise<ProjectionProgress[]> {
    return this.projector.progress();
  }

  waitFor(position: Position, timeoutMs?: number): Promise<void> {
    return this.projector.waitFor(position, timeoutMs);
  }
}
