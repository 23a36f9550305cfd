import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor, RequestMeta } from '#http';
import { HardshipFileWriter, type FileWritten } from '../hardship-files/hardship-file-writer.js';
import type { ReenterRegisterDto } from './reenter-register.dto.js';

export class ReenterRegisterCommand extends Command<FileWritten> {
  constructor(
    readonly fileId: string,
    readonly data: ReenterRegisterDto,
    readonly actor: Actor,
    readonly meta: RequestMeta,
    readonly expectedRevision: bigint | undefined,
  ) {
    super();
  }
}

/** A household that fell back into hardship re-enters the register on its old file, newly assessed. */
@CommandHandler(ReenterRegisterCommand)
export class ReenterRegisterHandler implements ICommandHandler<ReenterRegisterCommand> {
  constructor(private readonly writer: HardshipFileWriter) {}

  execute({ fileId, data, actor, meta, expectedRevision }: ReenterRegisterCommand): Promise<FileWritten> {
    return this.writer.execute(fileId, actor, meta, expectedRevision, async (file, today) => ({
      type: 'ReenterRegister',
      data: {
        fileId,
        reenteredOn: data.reenteredOn,
        householdSize: data.householdSize,
        perCapitaMonthlyIncomeFen: data.perCapitaMonthlyIncomeFen,
        minimumLivingStandardFen: data.minimumLivingStandardFen,
        categories: data.categories,
        tier: data.tier,
        nextReviewDue: data.nextReviewDue,
        notes: await this.writer.sealNotes(file.personId, data.notes),
        today,
      },
    }));
  }
}
