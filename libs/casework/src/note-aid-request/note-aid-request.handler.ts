import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor, RequestMeta } from '#http';
import { HardshipFileWriter, type FileWritten } from '../hardship-files/hardship-file-writer.js';
import type { NoteAidRequestDto } from './note-aid-request.dto.js';

export class NoteAidRequestCommand extends Command<FileWritten> {
  constructor(
    readonly fileId: string,
    readonly data: NoteAidRequestDto,
    readonly actor: Actor,
    readonly meta: RequestMeta,
    readonly expectedRevision: bigint | undefined,
  ) {
    super();
  }
}

/** An aid request noted on the file (programme, amount, reason); granting it is a later step, elsewhere. */
@CommandHandler(NoteAidRequestCommand)
export class NoteAidRequestHandler implements ICommandHandler<NoteAidRequestCommand> {
  constructor(private readonly writer: HardshipFileWriter) {}

  execute({ fileId, data, actor, meta, expectedRevision }: NoteAidRequestCommand): Promise<FileWritten> {
    const requestId = this.writer.newId();
    return this.writer.execute(fileId, actor, meta, expectedRevision, async (file, today) => ({
      type: 'NoteAidRequest',
      data: {
        fileId,
        requestId,
        programme: data.programme,
        amountRequestedFen: data.amountRequestedFen,
        requestedOn: data.requestedOn,
        reason: (await this.writer.sealNotes(file.personId, data.reason))!,
        today,
      },
    }));
  }
}
