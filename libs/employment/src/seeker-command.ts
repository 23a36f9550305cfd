import { Injectable } from '@nestjs/common';
import { createCommandContext, EventStore, handleCommand, loadStream } from '#event-store';
import type { Actor, RequestMeta } from '#http';
import { UnitDirectory } from '#identity';
import { Clock, DomainError, IdGenerator, shanghaiDate } from '#shared-kernel';
import { jobSeekerStreamName } from './employment.streams.js';
import { jobSeekerDecider, type JobSeekerCommand, type JobSeekerState } from './job-seeker.decider.js';

export interface SeekerCommandResult {
  revision: bigint;
}

/**
 * The write path every command on an existing job seeker shares: a seeker outside the caller's units answers
 * exactly like one that does not exist; then read, decide and append at the revision read (or the If-Match one).
 */
@Injectable()
export class SeekerCommands {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly units: UnitDirectory,
  ) {}

  /** The seeker as it stands, if the actor may act on it. */
  async requireInScope(actor: Actor, seekerId: string): Promise<Exclude<JobSeekerState, { status: 'unregistered' }>> {
    const { state } = await loadStream(this.store, jobSeekerDecider, jobSeekerStreamName(seekerId));
    if (state.status === 'unregistered' || !(await this.units.isInScope(actor, state.unitId))) {
      throw new DomainError('EMPLOYMENT.SEEKER_NOT_FOUND', 'not_found', `No job seeker ${seekerId}`);
    }
    return state;
  }

  async run(
    seekerId: string,
    actor: Actor,
    meta: RequestMeta,
    expectedRevision: bigint | undefined,
    command: (today: string) => JobSeekerCommand,
  ): Promise<SeekerCommandResult> {
    await this.requireInScope(actor, seekerId);
    const context = createCommandContext(meta, this.clock, this.ids);
    const outcome = await handleCommand(this.store, jobSeekerDecider, jobSeekerStreamName(seekerId), command(shanghaiDate(context.now)), context, {
      expectedRevision,
    });
    return { revision: outcome.revision };
  }

  newId(): string {
    return this.ids.newId();
  }
}
