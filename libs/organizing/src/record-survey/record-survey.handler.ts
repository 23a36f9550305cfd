import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { createCommandContext, EventStore, handleCommand } from '#event-store';
import { Clock, IdGenerator, shanghaiDate } from '#shared-kernel';
import type { RequestMeta } from '#http';
import { enterpriseDecider } from '../enterprise.decider.js';
import { enterpriseStreamName } from '../organizing.streams.js';
import type { RecordSurveyDto } from './record-survey.dto.js';

export class RecordSurveyCommand extends Command<{ revision: bigint }> {
  constructor(
    readonly enterpriseId: string,
    readonly data: RecordSurveyDto,
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
  ) {}

  async execute({ enterpriseId, data, meta, expectedRevision }: RecordSurveyCommand): Promise<{ revision: bigint }> {
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
