import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { GrantStepCommand } from '../decide-proposal/decide-proposal.handlers.js';
import { AidGrantWriter } from '../writing/aid-grant-writer.js';
import type { Written } from '../writing/funds-writer.js';
import { anyoneWhoSeesIt } from '../writing/grant-access.js';
import type { DisburseAidDto } from './disburse-aid.dto.js';

export class DisburseAidCommand extends GrantStepCommand<DisburseAidDto> {}

/** Pays a granted grant out of its reservation, with the receipt that proves it reached the household. */
@CommandHandler(DisburseAidCommand)
export class DisburseAidHandler implements ICommandHandler<DisburseAidCommand> {
  constructor(private readonly grants: AidGrantWriter) {}

  execute({ grantId, data, actor, meta, idempotent, expectedRevision }: DisburseAidCommand): Promise<Written> {
    return this.grants.step(grantId, actor, meta, idempotent, expectedRevision, anyoneWhoSeesIt, (today) => ({
      type: 'DisburseAid',
      data: { method: data.method, receiptReference: data.receiptReference, paidOn: data.paidOn, inKindDescription: data.inKindDescription ?? null, today },
    }));
  }
}
