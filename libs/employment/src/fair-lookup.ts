import { Injectable } from '@nestjs/common';
import { EventStore, loadStream } from '#event-store';
import type { Actor } from '#http';
import { isWithin, UnitDirectory } from '#identity';
import { DomainError } from '#shared-kernel';
import { jobFairStreamName } from './employment.streams.js';
import { jobFairDecider, type JobFairState } from './job-fair.decider.js';

export type OrganisedFair = Extract<JobFairState, { status: 'organised' }>;

/**
 * Job fairs a caseworker may send seekers to: those of their own unit and below, and those of the units above
 * them (a district fair serves every township's seekers). Others are reported as not existing.
 */
@Injectable()
export class FairLookup {
  constructor(
    private readonly store: EventStore,
    private readonly units: UnitDirectory,
  ) {}

  async requireUsable(actor: Actor, fairId: string, field: string): Promise<OrganisedFair> {
    const { state } = await loadStream(this.store, jobFairDecider, jobFairStreamName(fairId));
    if (state.status === 'organised') {
      const [fairUnit, actorUnit] = await Promise.all([this.units.find(state.unitId), this.units.find(actor.unitId)]);
      if (isWithin(fairUnit, actor.unitId) || actorUnit?.ancestry.includes(state.unitId)) return state;
    }
    throw new DomainError('EMPLOYMENT.FAIR_NOT_FOUND', 'unprocessable', 'No such job fair among those you may use', [
      { field, reason: 'is not a job fair of your units or of a unit above them' },
    ]);
  }
}
