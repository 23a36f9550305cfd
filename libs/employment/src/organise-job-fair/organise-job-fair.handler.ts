import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { createCommandContext, EventStore, formatPosition, handleCommand, loadStream, NO_STREAM, toEventsToAppend } from '#event-store';
import type { Actor, RequestMeta } from '#http';
import { UnitDirectory } from '#identity';
import { Clock, DomainError, IdGenerator } from '#shared-kernel';
import { jobFairStreamName } from '../employment.streams.js';
import { jobFairDecider } from '../job-fair.decider.js';
import type { OfferPositionDto, OrganiseJobFairDto } from './organise-job-fair.dto.js';

export interface FairWritten {
  fairId: string;
  revision: bigint;
  position: string | null;
  positionIds: string[];
}

export class OrganiseJobFairCommand extends Command<FairWritten> {
  constructor(
    readonly data: OrganiseJobFairDto,
    readonly actor: Actor,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

export class OfferPositionCommand extends Command<FairWritten> {
  constructor(
    readonly fairId: string,
    readonly data: OfferPositionDto,
    readonly actor: Actor,
    readonly meta: RequestMeta,
    readonly expectedRevision: bigint | undefined,
  ) {
    super();
  }
}

@CommandHandler(OrganiseJobFairCommand)
export class OrganiseJobFairHandler implements ICommandHandler<OrganiseJobFairCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly units: UnitDirectory,
  ) {}

  async execute({ data, actor, meta }: OrganiseJobFairCommand): Promise<FairWritten> {
    await this.units.requireWithinScope(actor, data.unitId, 'unitId');
    const context = createCommandContext(meta, this.clock, this.ids);
    const fairId = this.ids.newId();
    const { positions = [], ...fair } = data;
    const events = jobFairDecider.decide(
      { type: 'OrganiseJobFair', data: { ...fair, fairId, positions: positions.map((offer) => ({ positionId: this.ids.newId(), ...offer })) } },
      jobFairDecider.initialState(),
    );
    const result = await this.store.appendToStream(jobFairStreamName(fairId), NO_STREAM, toEventsToAppend(events, context));
    const positionIds = events.flatMap((event) => (event.type === 'PositionOffered' ? [event.data.positionId] : []));
    return { fairId, revision: result.nextExpectedRevision, position: formatPosition(result.position), positionIds };
  }
}

@CommandHandler(OfferPositionCommand)
export class OfferPositionHandler implements ICommandHandler<OfferPositionCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly units: UnitDirectory,
  ) {}

  async execute({ fairId, data, actor, meta, expectedRevision }: OfferPositionCommand): Promise<FairWritten> {
    // A fair outside the caller's units answers exactly like one that does not exist.
    const { state } = await loadStream(this.store, jobFairDecider, jobFairStreamName(fairId));
    if (state.status === 'none' || !(await this.units.isInScope(actor, state.unitId))) {
      throw new DomainError('EMPLOYMENT.FAIR_NOT_FOUND', 'not_found', `No job fair ${fairId}`);
    }
    const context = createCommandContext(meta, this.clock, this.ids);
    const positionId = this.ids.newId();
    const outcome = await handleCommand(
      this.store,
      jobFairDecider,
      jobFairStreamName(fairId),
      { type: 'OfferPosition', data: { fairId, positionId, ...data } },
      context,
      { expectedRevision },
    );
    return { fairId, revision: outcome.revision, position: outcome.append ? formatPosition(outcome.append.position) : null, positionIds: [positionId] };
  }
}
