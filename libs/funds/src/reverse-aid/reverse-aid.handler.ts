import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitDirectory } from '#identity';
import { GrantStepCommand } from '../decide-proposal/decide-proposal.handlers.js';
import { AidGrantWriter } from '../writing/aid-grant-writer.js';
import type { Written } from '../writing/funds-writer.js';
import { programmeSupervisor } from '../writing/grant-access.js';

export class ReverseAidCommand extends GrantStepCommand<{ reason: string }> {}

/** A payment made in error is corrected by a reversal that puts the amount back in the fund; nothing is edited. */
@CommandHandler(ReverseAidCommand)
export class ReverseAidHandler implements ICommandHandler<ReverseAidCommand> {
  constructor(
    private readonly grants: AidGrantWriter,
    private readonly units: UnitDirectory,
  ) {}

  execute({ grantId, data, actor, meta, idempotent, expectedRevision }: ReverseAidCommand): Promise<Written> {
    return this.grants.step(grantId, actor, meta, idempotent, expectedRevision, programmeSupervisor(this.units, actor), (today) => ({
      type: 'ReverseAid',
      data: { reason: data.reason, today },
    }));
  }
}
