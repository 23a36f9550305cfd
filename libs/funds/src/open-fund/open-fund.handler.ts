import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { expectedFrom, NO_REVISION, toEventsToAppend } from '#event-store';
import { etagFor, type Actor, type IdempotentRequest, type RequestMeta } from '#http';
import { UnitDirectory } from '#identity';
import { fundDecider } from '../fund.decider.js';
import { fundStreamName } from '../funds.streams.js';
import { FundsWriter, type Written } from '../writing/funds-writer.js';
import type { OpenFundDto } from './open-fund.dto.js';

export class OpenFundCommand extends Command<Written> {
  constructor(
    readonly data: OpenFundDto,
    readonly actor: Actor,
    readonly meta: RequestMeta,
    readonly idempotent: IdempotentRequest | undefined,
  ) {
    super();
  }
}

@CommandHandler(OpenFundCommand)
export class OpenFundHandler implements ICommandHandler<OpenFundCommand> {
  constructor(
    private readonly writer: FundsWriter,
    private readonly units: UnitDirectory,
  ) {}

  async execute({ data, actor, meta, idempotent }: OpenFundCommand): Promise<Written> {
    await this.units.requireWithinScope(actor, data.unitId, 'unitId');
    const fundId = this.writer.newId();
    return this.writer.write(meta, idempotent, async (context, today) => {
      const events = fundDecider.decide({ type: 'OpenFund', data: { fundId, unitId: data.unitId, source: data.source, name: data.name, openedOn: today } }, fundDecider.initialState());
      return {
        appends: [{ streamName: fundStreamName(fundId), expectedRevision: expectedFrom(NO_REVISION), events: toEventsToAppend(events, context) }],
        primaryStream: fundStreamName(fundId),
        answer: { status: 201, location: `/api/funds/${fundId}`, body: { id: fundId, revision: 0, etag: etagFor(0) } },
      };
    });
  }
}
