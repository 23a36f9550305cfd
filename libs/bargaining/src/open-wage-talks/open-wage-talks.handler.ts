import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor, RequestMeta } from '#http';
import type { OpenWageTalksDto } from './open-wage-talks.dto.js';
import { TalksOpener, type OpenedTalks } from './talks-opener.js';

export class OpenWageTalksCommand extends Command<OpenedTalks> {
  constructor(
    readonly data: OpenWageTalksDto,
    readonly actor: Actor,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

@CommandHandler(OpenWageTalksCommand)
export class OpenWageTalksHandler implements ICommandHandler<OpenWageTalksCommand> {
  constructor(private readonly opener: TalksOpener) {}

  execute({ data, actor, meta }: OpenWageTalksCommand): Promise<OpenedTalks> {
    return this.opener.open(data, actor, meta);
  }
}
