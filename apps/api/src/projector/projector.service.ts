import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EventStore, type Position } from '#event-store';
import { PROJECTIONS, ProjectionCommits, Projector, type Projection, type ProjectionLag } from '#projections';
import { BackgroundLogger } from '../infrastructure/shutdown.js';

export const PROJECTOR_ENABLED = Symbol('PROJECTOR_ENABLED');

/** Runs the projections inside the API process, from bootstrap to shutdown. */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly projector: Projector;

  constructor(
    store: EventStore,
    @InjectDataSource() dataSource: DataSource,
    @Inject(PROJECTIONS) projections: Projection[],
    @Inject(PROJECTOR_ENABLED) private readonly enabled: boolean,
    private readonly commits: ProjectionCommits,
  ) {
    this.projector = new Projector(store, dataSource, projections, new BackgroundLogger('Projector'), {
      onBatchCommitted: (projection, position, applied) => commits.publish({ projection, position, applied }),
    });
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

  waitFor(position: Position, timeoutMs?: number): Promise<void> {
    return this.projector.waitFor(position, timeoutMs);
  }
}
