import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CASEWORK, CurrentActor, IdParam, IfMatchRevision, Meta, type Actor, type RequestMeta } from '#http';
import { fileWritten, IF_MATCH_HEADER } from '../hardship-files/file-command.http.js';
import { NoteAidRequestDto } from './note-aid-request.dto.js';
import { NoteAidRequestCommand } from './note-aid-request.handler.js';

@ApiTags('hardship-files')
@ApiHeader(IF_MATCH_HEADER)
@Controller('hardship-files')
export class NoteAidRequestController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/aid-requests')
  @Allow(...CASEWORK)
  @HttpCode(201)
  @ApiOperation({ summary: '登记帮扶申请 / Note an aid request on the file' })
  async handle(
    @IdParam() id: string,
    @Body() body: NoteAidRequestDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @IfMatchRevision() expectedRevision: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return fileWritten(response, await this.commands.execute(new NoteAidRequestCommand(id, body, actor, meta, expectedRevision)));
  }
}
