import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor, RequestMeta } from '#http';
import { SeekerCommands, type SeekerCommandResult } from '../seeker-command.js';
import type { RecordJobLossDto } from './record-job-loss.dto.js';

export class RecordJobLossCommand extends Command<SeekerCommandResult> {
  constructor(
    readonly seekerId: string,
    readonly data: RecordJobLossDto,
    readonly actor: Actor,
    readonly meta: RequestMeta,
    readonly expectedRevision: bigint | undefined,
  ) {
    super();
  }
}

/** A rehired worker lost the job: they are registered again, a new cycle on the same seeker. */
@CommandHandler(RecordJobLossCommand)
export class RecordJobLossHandler implements ICommandHandler<RecordJobLossCommand> {
  constructor(private readonly seekers: SeekerCommands) {}

  execute({ seekerId, data, actor, meta, expectedRevision }: RecordJobLossCommand) {
    return this.seekers.run(seekerId, actor, meta, expectedRevision, (today) => ({
      type: 'ReregisterAfterJobLoss',
      data: {
        seekerId,
        kind: data.kind ?? null,
        lostJobOn: data.lostJobOn,
        jobLossReason: data.jobLossReason,
        registeredOn: data.registeredOn ?? today,
        today,
      },
    }));
  }
}
