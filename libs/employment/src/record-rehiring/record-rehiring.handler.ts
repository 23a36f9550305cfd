import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor, RequestMeta } from '#http';
import { FairLookup } from '../fair-lookup.js';
import { SeekerCommands, type SeekerCommandResult } from '../seeker-command.js';
import type { RecordRehiringDto } from './record-rehiring.dto.js';

export class RecordRehiringCommand extends Command<SeekerCommandResult> {
  constructor(
    readonly seekerId: string,
    readonly data: RecordRehiringDto,
    readonly actor: Actor,
    readonly meta: RequestMeta,
    readonly expectedRevision: bigint | undefined,
  ) {
    super();
  }
}

/** Records WorkerRehired: the seeker took a job, which ends the current registration cycle. */
@CommandHandler(RecordRehiringCommand)
export class RecordRehiringHandler implements ICommandHandler<RecordRehiringCommand> {
  constructor(
    private readonly seekers: SeekerCommands,
    private readonly fairs: FairLookup,
  ) {}

  async execute({ seekerId, data, actor, meta, expectedRevision }: RecordRehiringCommand) {
    await this.seekers.requireInScope(actor, seekerId);
    if (data.fairId !== undefined) await this.fairs.requireUsable(actor, data.fairId, 'fairId');
    return this.seekers.run(seekerId, actor, meta, expectedRevision, (today) => ({
      type: 'RecordRehiring',
      data: {
        seekerId,
        employer: data.employer,
        position: data.position,
        startedOn: data.startedOn,
        channel: data.channel,
        referralId: data.referralId ?? null,
        fairId: data.fairId ?? null,
        today,
      },
    }));
  }
}
