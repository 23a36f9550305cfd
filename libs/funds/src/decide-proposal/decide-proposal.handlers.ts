import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor, IdempotentRequest, RequestMeta } from '#http';
import { UnitDirectory } from '#identity';
import { AidGrantWriter } from '../writing/aid-grant-writer.js';
import type { Written } from '../writing/funds-writer.js';
import { programmeSupervisor } from '../writing/grant-access.js';

export class GrantStepCommand<Data> extends Command<Written> {
  constructor(
    readonly grantId: string,
    readonly data: Data,
    readonly actor: Actor,
    readonly meta: RequestMeta,
    readonly idempotent: IdempotentRequest | undefined,
    readonly expectedRevision: bigint | undefined,
  ) {
    super();
  }
}

export class ApproveAidCommand extends GrantStepCommand<null> {}
export class RejectAidCommand extends GrantStepCommand<{ reason: string }> {}

/** A supervisor grants a proposal above the threshold, reserving its amount; never their own proposal. */
@CommandHandler(ApproveAidCommand)
export class ApproveAidHandler implements ICommandHandler<ApproveAidCommand> {
  constructor(
    private readonly grants: AidGrantWriter,
    private readonly units: UnitDirectory,
  ) {}

  execute({ grantId, actor, meta, idempotent, expectedRevision }: ApproveAidCommand): Promise<Written> {
    return this.grants.step(grantId, actor, meta, idempotent, expectedRevision, programmeSupervisor(this.units, actor), (today) => ({
      type: 'ApproveAid',
      data: { approvedBy: actor.userId, today },
    }));
  }
}

@CommandHandler(RejectAidCommand)
export class RejectAidHandler implements ICommandHandler<RejectAidCommand> {
  constructor(
    private readonly grants: AidGrantWriter,
    private readonly units: UnitDirectory,
  ) {}

  execute({ grantId, data, actor, meta, idempotent, expectedRevision }: RejectAidCommand): Promise<Written> {
    return this.grants.step(grantId, actor, meta, idempotent, expectedRevision, programmeSupervisor(this.units, actor), (today) => ({
      type: 'RejectAid',
      data: { reason: data.reason, today },
    }));
  }
}
