import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor, IdempotentRequest, RequestMeta } from '#http';
import { DomainError, fen } from '#shared-kernel';
import type { Written } from '../writing/funds-writer.js';
import { FundWriter } from '../writing/fund-writer.js';
import type { AllocateFundsDto, ReceiveContributionsDto, ReceiveDonationDto } from './receive-money.dto.js';

export class MoneyInCommand<Data> extends Command<Written> {
  constructor(
    readonly fundId: string,
    readonly data: Data,
    readonly actor: Actor,
    readonly meta: RequestMeta,
    readonly idempotent: IdempotentRequest | undefined,
    readonly expectedRevision: bigint | undefined,
  ) {
    super();
  }
}
export class AllocateFundsCommand extends MoneyInCommand<AllocateFundsDto> {}
export class ReceiveDonationCommand extends MoneyInCommand<ReceiveDonationDto> {}
export class ReceiveContributionsCommand extends MoneyInCommand<ReceiveContributionsDto> {}

function notInFuture(date: string, today: string): void {
  if (date > today) throw new DomainError('FUNDS.DATE_IN_FUTURE', 'unprocessable', 'Money is recorded when it has arrived', [{ field: 'receivedOn', reason: `is after today (${today})` }]);
}

@CommandHandler(AllocateFundsCommand)
export class AllocateFundsHandler implements ICommandHandler<AllocateFundsCommand> {
  constructor(private readonly funds: FundWriter) {}

  execute({ fundId, data, actor, meta, idempotent, expectedRevision }: AllocateFundsCommand): Promise<Written> {
    const allocationId = this.funds.newId();
    return this.funds.write(fundId, actor, meta, idempotent, expectedRevision, async (_fund, today) => {
      notInFuture(data.receivedOn, today);
      return {
        command: { type: 'AllocateFunds', data: { fundId, allocationId, amountFen: fen(data.amountFen), reference: data.reference, receivedOn: data.receivedOn } },
        answer: { id: allocationId, location: `/api/funds/${fundId}/ledger` },
      };
    });
  }
}

@CommandHandler(ReceiveDonationCommand)
export class ReceiveDonationHandler implements ICommandHandler<ReceiveDonationCommand> {
  constructor(private readonly funds: FundWriter) {}

  execute({ fundId, data, actor, meta, idempotent, expectedRevision }: ReceiveDonationCommand): Promise<Written> {
    const donationId = this.funds.newId();
    const restriction = data.restriction
      ? data.restriction.programmeId !== undefined
        ? { programmeId: data.restriction.programmeId }
        : { programmeKind: data.restriction.programmeKind! }
      : null;
    return this.funds.write(fundId, actor, meta, idempotent, expectedRevision, async (_fund, today) => {
      notInFuture(data.receivedOn, today);
      return {
        command: { type: 'ReceiveDonation', data: { fundId, donationId, donor: data.donor, amountFen: fen(data.amountFen), receivedOn: data.receivedOn, restriction } },
        answer: { id: donationId, location: `/api/funds/${fundId}/ledger` },
      };
    });
  }
}

@CommandHandler(ReceiveContributionsCommand)
export class ReceiveContributionsHandler implements ICommandHandler<ReceiveContributionsCommand> {
  constructor(private readonly funds: FundWriter) {}

  execute({ fundId, data, actor, meta, idempotent, expectedRevision }: ReceiveContributionsCommand): Promise<Written> {
    const contributionId = this.funds.newId();
    return this.funds.write(fundId, actor, meta, idempotent, expectedRevision, async (_fund, today) => {
      notInFuture(data.receivedOn, today);
      return {
        command: {
          type: 'ReceiveContributions',
          data: { fundId, contributionId, amountFen: fen(data.amountFen), memberCount: data.memberCount, period: data.period, receivedOn: data.receivedOn },
        },
        answer: { id: contributionId, location: `/api/funds/${fundId}/ledger` },
      };
    });
  }
}
