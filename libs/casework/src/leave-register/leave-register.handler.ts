import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor, RequestMeta } from '#http';
import { HardshipFileWriter, type FileWritten } from '../hardship-files/hardship-file-writer.js';
import type { LeaveRegisterDto } from './leave-register.dto.js';

export class LeaveRegisterCommand extends Command<FileWritten> {
  constructor(
    readonly fileId: string,
    readonly data: LeaveRegisterDto,
    readonly actor: Actor,
    readonly meta: RequestMeta,
    readonly expectedRevision: bigint | undefined,
  ) {
    super();
  }
}

/** 脱困, 解困, retirement, transfer or death: the file leaves the register and the person may have another file later. */
@CommandHandler(LeaveRegisterCommand)
export class LeaveRegisterHandler implements ICommandHandler<LeaveRegisterCommand> {
  constructor(private readonly writer: HardshipFileWriter) {}

  execute({ fileId, data, actor, meta, expectedRevision }: LeaveRegisterCommand): Promise<FileWritten> {
    return this.writer.execute(fileId, actor, meta, expectedRevision, async (file, today) => ({
      type: 'LeaveRegister',
      data: {
        fileId,
        reason: data.reason,
        leftOn: data.leftOn,
        incomeAboveStandardSince: data.incomeAboveStandardSince ?? null,
        notes: await this.writer.sealNotes(file.personId, data.notes),
        today,
      },
    }));
  }
}
