import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { createCommandContext, EventStore, formatPosition, handleCommand, loadStream } from '#event-store';
import type { Actor, RequestMeta } from '#http';
import { UnitDirectory } from '#identity';
import { Clock, DomainError, IdGenerator, shanghaiDate } from '#shared-kernel';
import { wageTalksStreamName } from '../bargaining.streams.js';
import { wageTalksDecider, type WageTalksCommand } from '../wage-talks.decider.js';

/** A step's command as the controller builds it from the request: the handler adds the talks id and today. */
export type TalksStep = { [C in WageTalksCommand as C['type']]: { type: C['type']; data: Omit<C['data'], 'talksId' | 'today'> } }[WageTalksCommand['type']];

export interface RecordedStep {
  revision: bigint;
  position: string | null;
}

export class RecordTalksStepCommand extends Command<RecordedStep> {
  constructor(
    readonly talksId: string,
    readonly step: TalksStep,
    readonly actor: Actor,
    readonly meta: RequestMeta,
    readonly expectedRevision: bigint | undefined,
  ) {
    super();
  }
}

/** Every step on existing talks: read, fold, decide against today's date, append at the revision read (or pinned). */
@CommandHandler(RecordTalksStepCommand)
export class RecordTalksStepHandler implements ICommandHandler<RecordTalksStepCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly units: UnitDirectory,
  ) {}

  async execute({ talksId, step, actor, meta, expectedRevision }: RecordTalksStepCommand): Promise<RecordedStep> {
    const streamName = wageTalksStreamName(talksId);
    // Talks outside the caller's units answer exactly like talks that do not exist.
    const { state } = await loadStream(this.store, wageTalksDecider, streamName);
    if (state.status === 'none' || !(await this.units.isInScope(actor, state.talks.unitId))) {
      throw new DomainError('BARGAINING.TALKS_NOT_FOUND', 'not_found', `No wage talks ${talksId}`);
    }
    const context = createCommandContext(meta, this.clock, this.ids);
    const command = { type: step.type, data: { ...step.data, talksId, today: shanghaiDate(context.now) } } as WageTalksCommand;
    const outcome = await handleCommand(this.store, wageTalksDecider, streamName, command, context, { expectedRevision });
    return { revision: outcome.revision, position: outcome.append ? formatPosition(outcome.append.position) : null };
  }
}
