import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CASEWORK, CurrentActor, IdParam, IfMatchRevision, Meta, type Actor, type RequestMeta } from '#http';
import { fileWritten, IF_MATCH_HEADER } from '../hardship-files/file-command.http.js';
import { RecordVisitDto } from './record-visit.dto.js';
import { RecordVisitCommand } from './record-visit.handler.js';

@ApiTags('hardship-files')
@ApiHeader(IF_MATCH_HEADER)
@Controller('hardship-files')
export class RecordVisitController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/visits')
  @Allow(...CASEWORK)
  @HttpCode(201)
  @ApiOperation({ summary: '走访慰问（五必访）/ Record a home visit' })
  async handle(
    @IdParam() id: string,
    @Body() body: RecordVisitDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @IfMatchRevision() expectedRevision: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    return fileWritten(response, await this.commands.execute(new RecordVisitCommand(id, body, actor, meta, expectedRevision)));
  }
}
