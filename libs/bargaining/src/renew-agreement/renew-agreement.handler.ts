import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor, RequestMeta } from '#http';
import { TalksOpener, type OpenedTalks } from '../open-wage-talks/talks-opener.js';
import type { RenewAgreementDto } from './renew-agreement.dto.js';

export class RenewAgreementCommand extends Command<OpenedTalks> {
  constructor(
    readonly talksId: string,
    readonly data: RenewAgreementDto,
    readonly actor: Actor,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

/** 续订: new talks with the same scope, enterprises and unit, linked to the agreement they renew (and it to them). */
@CommandHandler(RenewAgreementCommand)
export class RenewAgreementHandler implements ICommandHandler<RenewAgreementCommand> {
  constructor(private readonly opener: TalksOpener) {}

  execute({ talksId, data, actor, meta }: RenewAgreementCommand): Promise<OpenedTalks> {
    return this.opener.renew(talksId, data, actor, meta);
  }
}
