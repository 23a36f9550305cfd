import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { GrantStepCommand } from '../decide-proposal/decide-proposal.handlers.js';
import { AidGrantWriter } from '../writing/aid-grant-writer.js';
import type { Written } from '../writing/funds-writer.js';
import { anyoneWhoSeesIt } from '../writing/grant-access.js';

export class RevokeAidCommand extends GrantStepCommand<{ reason: string }> {}

/** Withdraws a proposal or an unpaid grant; a grant's reservation goes back to the fund. */
@CommandHandler(RevokeAidCommand)
export class RevokeAidHandler implements ICommandHandler<RevokeAidCommand> {
  constructor(private readonly grants: AidGrantWriter) {}

  execute({ grantId, data, actor, meta, idempotent, expectedRevision }: RevokeAidCommand): Promise<Written> {
    return this.grants.step(grantId, actor, meta, idempotent, expectedRevision, anyoneWhoSeesIt, (today) => ({
      type: 'RevokeAid',
      data: { reason: data.reason, today },
    }));
  }
}
