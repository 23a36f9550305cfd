import { CommandHandler, type ICommandHandler, Command } from '@nestjs/cqrs';
import {
  createCommandContext,
  EventStore,
  formatPosition,
  NO_STREAM,
  toEventsToAppend,
  WrongExpectedRevisionError,
} from '#event-store';
import { Clock, DomainError, IdGenerator, shanghaiDate } from '#shared-kernel';
import type { Actor, RequestMeta } from '#http';
import { UnitDirectory } from '#identity';
import { enterpriseDecider } from '../enterprise.decider.js';
import { creditCodeClaimStreamName, enterpriseStreamName } from '../organizing.streams.js';
import type { RegisterEnterpriseDto } from './register-enterprise.dto.js';

export interface RegisteredEnterprise {
  enterpriseId: string;
  revision: bigint;
  position: string;
}

export class RegisterEnterpriseCommand extends Command<RegisteredEnterprise> {
  constructor(
    readonly data: RegisterEnterpriseDto,
    readonly actor: Actor,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

@CommandHandler(RegisterEnterpriseCommand)
export class RegisterEnterpriseHandler implements ICommandHandler<RegisterEnterpriseCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly units: UnitDirectory,
  ) {}

  async execute({ data, actor, meta }: RegisterEnterpriseCommand): Promise<RegisteredEnterprise> {
    await this.units.requireWithinScope(actor, data.unitId, 'unitId');
    const context = createCommandContext(meta, this.clock, this.ids);
    const enterpriseId = this.ids.newId();
    const events = enterpriseDecider.decide(
      { type: 'RegisterEnterprise', data: { ...data, enterpriseId, today: shanghaiDate(context.now) } },
      enterpriseDecider.initialState(),
    );
    const claimStream = creditCodeClaimStreamName(data.creditCode);
    for (let attempt = 0; ; attempt++) {
      const [claim] = await this.store.readStream(claimStream, { maxCount: 1 });
      if (claim) {
        throw new DomainError(
          'ORGANIZING.CREDIT_CODE_TAKEN',
          'conflict',
          'An enterprise with this unified social credit code is already registered',
          [{ field: 'creditCode', reason: 'is already registered' }],
          { existingEnterpriseId: String(claim.data.enterpriseId) },
        );
      }
      try {
        const results = await this.store.appendToStreams([
          { streamName: enterpriseStreamName(enterpriseId), expectedRevision: NO_STREAM, events: toEventsToAppend(events, context) },
          {
            streamName: claimStream,
            expectedRevision: NO_STREAM,
            events: toEventsToAppend([{ type: 'CreditCodeClaimed', data: { creditCode: data.creditCode, enterpriseId } }], context),
          },
        ]);
        const result = results.get(enterpriseStreamName(enterpriseId))!;
        return { enterpriseId, revision: result.nextExpectedRevision, position: formatPosition(result.position) };
      } catch (error) {
        // Someone claimed the code between our read and our append: the next read reports who.
        if (error instanceof WrongExpectedRevisionError && attempt === 0) continue;
        throw error;
      }
    }
  }
}
