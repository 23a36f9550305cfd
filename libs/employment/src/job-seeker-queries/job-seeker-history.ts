import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EventStore, historyEntryOf, type HistoryEntry } from '#event-store';
import type { Actor } from '#http';
import { UnitDirectory } from '#identity';
import { DomainError } from '#shared-kernel';
import { jobSeekerStreamName } from '../employment.streams.js';

export class JobSeekerHistoryQuery extends Query<HistoryEntry[]> {
  constructor(
    readonly id: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * Everything that happened to a seeker, straight from the stream: who did what, when. The sealed personal data
 * is left out (the detail shows it, and records that it was read); the person id stays, as in the log.
 */
@QueryHandler(JobSeekerHistoryQuery)
export class JobSeekerHistoryHandler implements IQueryHandler<JobSeekerHistoryQuery> {
  constructor(
    private readonly store: EventStore,
    private readonly units: UnitDirectory,
  ) {}

  async execute({ id, actor }: JobSeekerHistoryQuery): Promise<HistoryEntry[]> {
    const events = await this.store.readStream(jobSeekerStreamName(id));
    const unitId = events[0]?.data.unitId;
    if (!(await this.units.isInScope(actor, typeof unitId === 'string' ? unitId : undefined))) {
      throw new DomainError('EMPLOYMENT.SEEKER_NOT_FOUND', 'not_found', `No job seeker ${id}`);
    }
    return events.map((event) => {
      const { personal, ...data } = event.data as { personal?: { personId?: unknown } };
      return historyEntryOf(event, personal ? { ...data, personId: personal.personId } : data);
    });
  }
}
