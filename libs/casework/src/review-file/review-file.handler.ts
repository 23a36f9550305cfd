import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor, RequestMeta } from '#http';
import { HardshipFileWriter, type FileWritten } from '../hardship-files/hardship-file-writer.js';
import type { ReviewFileDto } from './review-file.dto.js';

export class ReviewFileCommand extends Command<FileWritten> {
  constructor(
    readonly fileId: string,
    readonly data: ReviewFileDto,
    readonly actor: Actor,
    readonly meta: RequestMeta,
    readonly expectedRevision: bigint | undefined,
  ) {
    super();
  }
}

/** 动态管理: a scheduled review. A household that recovered leaves the register with it. */
@CommandHandler(ReviewFileCommand)
export class ReviewFileHandler implements ICommandHandler<ReviewFileCommand> {
  constructor(private readonly writer: HardshipFileWriter) {}

  execute({ fileId, data, actor, meta, expectedRevision }: ReviewFileCommand): Promise<FileWritten> {
    return this.writer.execute(fileId, actor, meta, expectedRevision, async (file, today) => ({
      type: 'ReviewHardshipFile',
      data: {
        fileId,
        reviewedOn: data.reviewedOn,
        outcome: data.outcome,
        householdSize: data.householdSize,
        perCapitaMonthlyIncomeFen: data.perCapitaMonthlyIncomeFen,
        minimumLivingStandardFen: data.minimumLivingStandardFen,
        categories: data.categories,
        tier: data.tier ?? null,
        nextReviewDue: data.nextReviewDue ?? null,
        incomeAboveStandardSince: data.incomeAboveStandardSince ?? null,
        notes: await this.writer.sealNotes(file.personId, data.notes),
        today,
      },
    }));
  }
}
