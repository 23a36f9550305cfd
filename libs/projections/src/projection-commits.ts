import { Global, Injectable, Module } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';
import type { Position } from '#event-store';

export interface CommittedBatch {
  readonly projection: string;
  /** The projection's checkpoint after the batch: its rows now reflect the log up to here. */
  readonly position: Position;
  /** How many of the batch's events the projection handled (0 when it only moved past events of other types). */
  readonly applied: number;
}

/**
 * Batches the projector has committed, as they commit: what a live view (the dashboard's event stream) waits on
 * instead of polling. Emits in the projector's process only.
 */
@Injectable()
export class ProjectionCommits {
  private readonly subject = new Subject<CommittedBatch>();
  readonly committed$: Observable<CommittedBatch> = this.subject.asObservable();
  private running = false;

  /** Whether the projector runs in this process, so that every commit is heard here. */
  get projectorInProcess(): boolean {
    return this.running;
  }

  /** Said by the process's projector as it starts (and unsaid as it stops). */
  projectorRunning(running: boolean): void {
    this.running = running;
  }

  publish(batch: CommittedBatch): void {
    this.subject.next(batch);
  }
}

@Global()
@Module({ providers: [ProjectionCommits], exports: [ProjectionCommits] })
export class ProjectionCommitsModule {}
