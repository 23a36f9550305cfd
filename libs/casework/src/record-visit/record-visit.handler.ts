import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor, RequestMeta } from '#http';
import { HardshipFileWriter, type FileWritten } from '../hardship-files/hardship-file-writer.js';
import type { RecordVisitDto } from './record-visit.dto.js';

export class RecordVisitCommand extends Command<FileWritten> {
  constructor(
    readonly fileId: string,
    readonly data: RecordVisitDto,
    readonly actor: Actor,
    readonly meta: RequestMeta,
    readonly expectedRevision: bigint | undefined,
  ) {
    super();
  }
}

/** 五必访 and other home visits: when, on what occasion, who went, and what they found (sealed). */
@CommandHandler(RecordVisitCommand)
export class RecordVisitHandler implements ICommandHandler<RecordVisitCommand> {
  constructor(private readonly writer: HardshipFileWriter) {}

  execute({ fileId, data, actor, meta, expectedRevision }: RecordVisitCommand): Promise<FileWritten> {
    const visitId = this.writer.newId();
    return this.writer.execute(fileId, actor, meta, expectedRevision, async (file, today) => ({
      type: 'RecordVisit',
      data: {
        fileId,
        visitId,
        occasion: data.occasion,
        visitedOn: data.visitedOn,
        visitors: data.visitors,
        notes: await this.writer.sealNotes(file.personId, data.notes),
        today,
      },
    }));
  }
}
