import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventStore, expectedFrom, loadStream, toEventsToAppend } from '#event-store';
import type { Actor, IdempotentRequest, RequestMeta } from '#http';
import { DomainError, fen } from '#shared-kernel';
import { fundDecider } from '../fund.decider.js';
import { fundStreamName } from '../funds.streams.js';
import type { TransferFundsDto } from '../receive-money/receive-money.dto.js';
import type { Written } from '../writing/funds-writer.js';
import { FundWriter } from '../writing/fund-writer.js';

export class TransferFundsCommand extends Command<Written> {
  constructor(
    readonly fundId: string,
    readonly data: TransferFundsDto,
    readonly actor: Actor,
    readonly meta: RequestMeta,
    readonly idempotent: IdempotentRequest | undefined,
    readonly expectedRevision: bigint | undefined,
  ) {
    super();
  }
}

/** Moves unrestricted money between two funds of one unit: out of one and into the other in the same atomic append. */
@CommandHandler(TransferFundsCommand)
export class TransferFundsHandler implements ICommandHandler<TransferFundsCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly funds: FundWriter,
  ) {}

  execute({ fundId, data, actor, meta, idempotent, expectedRevision }: TransferFundsCommand): Promise<Written> {
    const transferId = this.funds.newId();
    return this.funds.write(fundId, actor, meta, idempotent, expectedRevision, async (_fund, today, context) => {
      const target = await loadStream(this.store, fundDecider, fundStreamName(data.toFundId));
      if (target.state.status !== 'open') {
        throw new DomainError('FUNDS.FUND_NOT_FOUND', 'unprocessable', 'No such fund to transfer to', [{ field: 'toFundId', reason: 'is not a fund' }]);
      }
      const amountFen = fen(data.amountFen);
      const incoming = fundDecider.decide(
        { type: 'TransferIn', data: { fundId: data.toFundId, transferId, fromFundId: fundId, amountFen, reason: data.reason, transferredOn: today } },
        target.state,
      );
      return {
        command: {
          type: 'TransferOut',
          data: { fundId, transferId, toFundId: data.toFundId, amountFen, reason: data.reason, transferredOn: today },
          toUnitId: target.state.unitId,
        },
        alsoAppend: { streamName: fundStreamName(data.toFundId), expectedRevision: expectedFrom(target.revision), events: toEventsToAppend(incoming, context) },
        answer: { id: transferId, location: `/api/funds/${fundId}/ledger` },
      };
    });
  }
}
