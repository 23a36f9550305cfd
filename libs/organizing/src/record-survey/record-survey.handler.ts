import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { createCommandContext, EventStore, handleCommand, loadStream } from '#event-store';
import { Clock, IdGenerator, shanghaiDate } from '#shared-kernel';
import type { Actor, RequestMeta } from '#http';
import { UnitDirectory } from '#identity';
import { DomainError } from '#shared-kernel';
import { enterpriseDecider } from '../enterprise.decider.js';
import { enterpriseStreamName } from '../organizing.streams.js';
import type { RecordSurveyDto } from './record-survey.dto.js';

export class RecordSurveyCommand extends Command<{ revision: bigint }> {
  constructor(
    readonly enterpriseId: string,
    readonly data: RecordSurveyDto,
    readonly actor: Actor,
    readonly meta: RequestMeta,
    readonly expectedRevision: bigint | undefined,
  ) {
    super();
  }
}

@CommandHandler(RecordSurveyCommand)
export class RecordSurveyHandler implements ICommandHandler<RecordSurveyCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly units: UnitDirectory,
  ) {}

  async execute({ enterpriseId, data, actor, meta, expectedRevision }: RecordSurveyCommand): Promise<{ revision: bigint }> {
    // An enterprise outside the caller's units answers exactly like one that does not exist.
    const { state } = await loadStream(this.store, enterpriseDecider, enterpriseStreamName(enterpriseId));
    if (state.status === 'unregistered' || !(await this.units.isInScope(actor, state.unitId))) {
      throw new DomainError('ORGANIZING.ENTERPRISE_NOT_FOUND', 'not_found', `No enterprise ${enterpriseId}`);
    }
    const context = createCommandContext(meta, this.clock, this.ids);
    const outcome = await handleCommand(
      this.store,
      enterpriseDecider,
      enterpriseStreamName(enterpriseId),
      { type: 'RecordUnionizationSurvey', data: { ...data, enterpriseId, today: shanghaiDate(context.now) } },
      context,
      { expectedRevision },
    );
    return { revision: outcome.revision };
  }
}
